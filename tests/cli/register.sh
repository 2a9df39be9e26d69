#!/bin/sh
# The register's way in and out: legacy import (UTF-8 with a BOM,
# Windows-1256, bad rows, --dry-run), CSV export parsed back with Python's
# csv module (an independent parser), and the reports as CSV.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 or sqlite3 missing (./bootstrap installs them)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-reg-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
cp "$top"/tests/fixtures/*.csv .
"$MIZ" init --training >/dev/null && "$MIZ" import services services.csv >/dev/null &&
	"$MIZ" import documents documents.csv >/dev/null || { echo "Bail out! setup"; exit 1; }

# run NAME STATUS ARGS... — runs miz; stdout in NAME.out, stderr in NAME.err.
run() {
	name=$1 want=$2
	shift 2
	"$MIZ" "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name: exit $want"; else not_ok "$name: exit $got, expected $want" "$(cat "$name.err")"; fi
}
# same NAME FILE EXPECTED-TEXT — compares a file with the text given.
same() {
	printf '%s' "$3" >"$1.want"
	if cmp -s "$1.want" "$2"; then ok "$1"; else not_ok "$1" "$(diff "$1.want" "$2")"; fi
}

# --- clients from a spreadsheet saved as UTF-8 with a BOM, CRLF lines --------
printf '\357\273\277national_id,full_name,mobile,address\r\n' >clients.csv
printf '12345679,"كريمي، علي",۰۹۱۵۱۲۳۴۵۶۷,"مشهد، بلوار ""وکیل‌آباد"""\r\n' >>clients.csv
printf '0499370899,=1+1,,\r\n' >>clients.csv
printf '1234567891,زهرا احمدی,+989121112233,"خط اول\nخط دوم"\r\n' >>clients.csv
run import-bom 0 import clients clients.csv
same import-bom-message import-bom.out "clients.csv: 3 clients added, 0 updated (utf-8)
"
sql "SELECT national_id || '|' || full_name || '|' || coalesce(mobile, '') FROM client ORDER BY national_id" >names.txt
same "BOM file: IDs padded, Arabic letters made Persian, digits normalised" names.txt "0012345679|کریمی، علی|09151234567
0499370899|=1+1|
1234567891|زهرا احمدی|09121112233
"

# --- the same people again, as Windows-1256 (updates, not duplicates) --------
printf 'national_id,full_name,mobile,address\n0012345679,كريمي علي,,\n' | iconv -f UTF-8 -t CP1256 >cp1256.csv
run import-cp1256-detected 0 import clients cp1256.csv
same import-cp1256-message import-cp1256-detected.out "cp1256.csv: 0 clients added, 1 updated (cp1256)
"
same "Windows-1256 text arrives as Persian" "$(sql "SELECT full_name FROM client WHERE national_id = '0012345679'" >n1.txt; echo n1.txt)" "کریمی علی
"
run import-cp1256-forced 0 import clients cp1256.csv --encoding cp1256 --dry-run
run import-bad-encoding 2 import clients cp1256.csv --encoding latin9
same "an unknown encoding is named" import-bad-encoding.err "miz: --encoding latin9: use utf-8 or cp1256
"

# One bad byte in a UTF-8 file is a damaged UTF-8 file, not Windows-1256: the
# import stops at its line and writes nothing (it used to store every name
# as mojibake).
printf 'national_id,full_name,mobile,address\n0012345679,علی کریمی,,\n1234567891,زهرا\377 احمدی,,\n' >one-bad-byte.csv
before=$(sql "SELECT group_concat(full_name, '|') FROM client")
run import-one-bad-byte 1 import clients one-bad-byte.csv
same "the bad byte is named with its line" import-one-bad-byte.err "miz: one-bad-byte.csv:3: not valid UTF-8 (byte ff), in a file that is UTF-8 elsewhere: correct it and save it as UTF-8 (or give --encoding cp1256 if it is not)
"
same "nothing changed" "$(sql "SELECT group_concat(full_name, '|') FROM client" >after.txt; echo after.txt)" "$before
"
# A small Windows-1256 file whose bytes happen to make one valid UTF-8
# sequence (کوچک: 98 e6 8d 98) is still read as Windows-1256.
printf 'national_id,full_name,mobile,address\n0012345679,\230\346\215\230 \341\344\355,,\n' >small-cp1256.csv
run import-small-cp1256 0 import clients small-cp1256.csv --dry-run
if grep -qF "(cp1256)" import-small-cp1256.out; then ok "a stray UTF-8-looking sequence does not make it UTF-8"; else not_ok "a stray UTF-8-looking sequence does not make it UTF-8" "$(cat import-small-cp1256.out import-small-cp1256.err)"; fi
printf 'national_id,full_name\n0012345679,\251\256\257\n' >not-persian.csv
run import-not-persian 1 import clients not-persian.csv
if grep -qF "neither UTF-8 nor Persian in Windows-1256" import-not-persian.err; then ok "bytes that are neither are not guessed"; else not_ok "bytes that are neither are not guessed" "$(cat import-not-persian.err)"; fi

# --- a file with bad rows: nothing written, every bad line reported -----------
cat >bad-clients.csv <<'CSV'
national_id,full_name,mobile,address
0084575948,مریم صادقی,,
0084575949,نام,,
5555555555,نام,,
1111111121,,0915,
0084575948,تکراری,,
CSV
run import-bad-rows 1 import clients bad-clients.csv
same import-bad-rows-stderr import-bad-rows.err "bad-clients.csv:3: national ID 0084575949: check digit does not match — re-read the card
bad-clients.csv:4: national ID 5555555555: ten repeated digits is not a real ID
bad-clients.csv:5: the client's full name is empty
bad-clients.csv:5: mobile 0915: write it as 09XXXXXXXXX
bad-clients.csv:6: national ID 0084575948 appears twice in the file
miz: bad-clients.csv: 5 errors; nothing was imported
"
same "the good row of a bad file was not written" "$(sql "SELECT count(*) FROM client" >c.txt; echo c.txt)" "3
"

# --- cases from the old register ---------------------------------------------
cat >cases.csv <<'CSV'
tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note
00457,0012345679,PERMIT,1404/07/01,1404/07/20,delivered,1404/07/18,5,"ساده"
۱۴۰۳-۰۰۱۲,1234567891,NODEBT,2025-01-05,2025-01-09,in_progress,,,"یادداشت، با ""نقل قول""
و خط دوم"
A-3,0499370899,PERMIT,1404/08/10,,awaiting_documents,,,"=2+3"
CSV
run import-cases-dry 0 import cases cases.csv --dry-run
same "a dry run writes nothing" "$(sql "SELECT count(*) FROM cases" >d.txt; echo d.txt)" "0
"
run import-cases 0 import cases cases.csv
same import-cases-message import-cases.out "cases.csv: 3 cases imported (utf-8)
"
run case-show-legacy 0 case show 00457
if grep -q "^imported: yes" case-show-legacy.out && grep -q "^status: delivered" case-show-legacy.out &&
	grep -q "^note: ساده" case-show-legacy.out; then
	ok "a legacy code is found as typed, marked imported, with its note"
else
	not_ok "legacy case" "$(cat case-show-legacy.out)"
fi
run holiday-after-import 0 holiday add 2025-01-06 "تعطیلی"
same "an imported promise is the old register's: a new holiday leaves it" \
	"$(sql "SELECT promised_on FROM cases WHERE code = '1403-0012'" >p.txt; echo p.txt)" "2025-01-09
"

printf 'national_id,full_name,mobile,address\n0012345679,یک,,\n0012345679,دو,,\n' >twice-registered.csv
run import-twice-registered 1 import clients twice-registered.csv
same import-twice-registered-stderr import-twice-registered.err "twice-registered.csv:3: national ID 0012345679 appears twice in the file
miz: twice-registered.csv: 1 error; nothing was imported
"
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nX1,0084575948,NODEBT,1404/12/30,,in_progress,,,\n' >two-faults.csv
run import-two-faults 1 import cases two-faults.csv
same import-two-faults-stderr import-two-faults.err "two-faults.csv:2: received_on: date 1404/12/30: there is no such day in the Solar Hijri calendar
two-faults.csv:2: national ID 0084575948 is not registered: import the clients first
miz: two-faults.csv: 2 errors; nothing was imported
"
# Saved with CR alone at line ends (old Mac spreadsheets): lines still counted,
# a quoted field across two lines included.
printf 'national_id,full_name,mobile,address\r0084575948,مریم صادقی,,\r0084575949,نام,,\r"1111111121","دو\rخطی",,\r5555555555,نام,,\r' >cr-only.csv
run import-cr-only 1 import clients cr-only.csv
same import-cr-only-stderr import-cr-only.err "cr-only.csv:3: national ID 0084575949: check digit does not match — re-read the card
cr-only.csv:6: national ID 5555555555: ten repeated digits is not a real ID
miz: cr-only.csv: 2 errors; nothing was imported
"
# From a pipe: nothing to guess from ahead of reading, so nothing is lost to it.
printf 'national_id,full_name,mobile,address\n0084575948,مریم صادقی,,\n0012345679,علی,,\n' |
	"$MIZ" import clients /dev/stdin --dry-run >pipe.out 2>pipe.err
same "a file from a pipe is read whole" pipe.out "/dev/stdin: 2 rows checked (utf-8), no errors; nothing written (--dry-run)
"
printf 'national_id,full_name,mobile,address\n0084575948,Ali\000Hidden,,\n' >nul.csv
run import-nul 1 import clients nul.csv
same import-nul-stderr import-nul.err "nul.csv:2: a NUL byte in the data: is this a CSV text file?
miz: nul.csv: 1 error; nothing was imported
"
run setting-persian-digits 0 setting office_number ۴۲
same "a setting typed in Persian digits is stored as digits" "$(sql "SELECT value FROM setting WHERE key = 'office_number'" >o.txt; echo o.txt)" "42
"
run setting-bad-value 2 setting office_number abc
run report-period-backwards 2 report period --from 1404/07/30 --to 1404/07/01

cat >bad-cases.csv <<'CSV'
tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note
00457,0012345679,PERMIT,1404/07/01,,in_progress,,,
B-1,0084575948,PERMIT,1404/07/01,,in_progress,,,
B-2,0012345679,NOPE,1404/13/01,,finished,,,
B-3,0012345679,PERMIT,1404/07/01,,delivered,,7,
B-4,0012345679,PERMIT,1404/07/05,1404/07/01,in_progress,1404/07/09,,
B-5,0012345679,PERMIT,1404/07/01,,in_progress,,,"x
B-5,0012345679,PERMIT
CSV
run import-bad-cases 1 import cases bad-cases.csv
same import-bad-cases-stderr import-bad-cases.err "bad-cases.csv:2: tracking code 00457 is already in the register
bad-cases.csv:3: national ID 0084575948 is not registered: import the clients first
bad-cases.csv:4: unknown service code 'NOPE'
bad-cases.csv:4: received_on: date 1404/13/01: there is no such day in the Solar Hijri calendar
bad-cases.csv:4: status 'finished' is not one of awaiting_documents, in_progress, referred, ready, delivered, withdrawn, rejected
bad-cases.csv:5: a delivered case needs closed_on
bad-cases.csv:5: satisfaction '7' must be 1 to 5
bad-cases.csv:6: closed_on is given but the case is in_progress
bad-cases.csv:6: promised_on is before received_on
bad-cases.csv:7: malformed CSV: the file ends inside a quoted field: a closing quote is missing
miz: bad-cases.csv: 10 errors; nothing was imported
"
same "nothing from the bad cases file" "$(sql "SELECT count(*) FROM cases" >e.txt; echo e.txt)" "3
"

# The rest of the row checks: once a row is bad nothing more is written,
# and each later row is still checked on its own (codes twice in the file
# included).
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nC-0,0012345679\nC-1,0012345679,PERMIT,1404/07/01,,in_progress,,,\nC-1,0012345679,PERMIT,1404/07/01,,in_progress,,,\nABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,0012345679,PERMIT,1404/07/01,,in_progress,,,\nC-2,0012345679,PERMIT,,,in_progress,,,\nC-3,0012345679,PERMIT,1404/07/05,,withdrawn,1404/07/01,,\nC-4,0012345679,PERMIT,1404/07/01,,in_progress,,4,\nC-5,0012345679,PERMIT,1404/07/01,,in_progress,,,"bad \033[2J"\n' >bad-cases2.csv
run import-bad-cases2 1 import cases bad-cases2.csv
same import-bad-cases2-stderr import-bad-cases2.err "bad-cases2.csv:2: expected 9 fields, found 2
bad-cases2.csv:4: tracking code C-1 appears twice in the file
bad-cases2.csv:5: tracking code 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' must be 1 to 32 characters
bad-cases2.csv:6: received_on is empty
bad-cases2.csv:7: closed_on is before received_on
bad-cases2.csv:8: satisfaction is given but the case was not delivered
bad-cases2.csv:9: the note: a control character (U+001B) is not allowed: retype the text
miz: bad-cases2.csv: 7 errors; nothing was imported
"
printf 'national_id,full_name,mobile,address\n0012345679\n0499370899,"Ali \033[2J",,\n' >bad-clients2.csv
run import-bad-clients2 1 import clients bad-clients2.csv
same import-bad-clients2-stderr import-bad-clients2.err "bad-clients2.csv:2: expected 4 fields, found 1
bad-clients2.csv:3: the client's name: a control character (U+001B) is not allowed: retype the text
miz: bad-clients2.csv: 2 errors; nothing was imported
"
same "nothing from either" "$(sql "SELECT count(*) FROM cases" >e2.txt; echo e2.txt)" "3
"

# --- export, parsed back by an independent CSV reader --------------------------
run export-cases 0 export cases -o cases-out.csv --bom
run export-clients 0 export clients
python3 - "$work" >py.out 2>&1 <<'PY'
import csv, sys
work = sys.argv[1]
def rows(path, bom=False):
    with open(path, newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        return list(csv.reader(f))
src = rows(work + "/cases.csv")
out = rows(work + "/cases-out.csv", bom=True)
raw = open(work + "/cases-out.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
head = out[0]
assert head[:3] == ["tracking_code", "imported", "national_id"], head
col = {n: i for i, n in enumerate(head)}
got = {r[col["tracking_code"]]: r for r in out[1:]}
# The codes as given (Persian digits made ASCII, leading zeros kept).
want_codes = {"00457": src[1], "1403-0012": src[2], "A-3": src[3]}
assert sorted(got) == sorted(want_codes), sorted(got)
for code, s in want_codes.items():
    r = got[code]
    assert r[col["national_id"]] == s[1], (r[col["national_id"]], s[1])
    assert r[col["service_code"]] == s[2]
    assert r[col["status"]] == s[5]
    assert r[col["imported"]] == "1"
# The note with a comma, quotes and a newline survives intact.
assert got["1403-0012"][col["note"]] == 'یادداشت، با "نقل قول"\nو خط دوم', repr(got["1403-0012"][col["note"]])
# A formula is neutralised; a date has its Jalali twin.
assert got["A-3"][col["note"]] == "'=2+3", got["A-3"][col["note"]]
assert got["00457"][col["opened_on"]] == "2025-09-23" and got["00457"][col["opened_on_jalali"]] == "1404/07/01"
assert got["00457"][col["closed_on_jalali"]] == "1404/07/18"
assert got["1403-0012"][col["client_name"]] == "زهرا احمدی"
cl = rows(work + "/export-clients.out")
names = {r[0]: r for r in cl[1:]}
assert names["0012345679"][1] == "کریمی علی", names["0012345679"]
assert names["0499370899"][1] == "'=1+1", names["0499370899"]
assert names["1234567891"][3] == "خط اول خط دوم", names["1234567891"]
print("ok")
PY
if [ "$(cat py.out)" = ok ]; then ok "export parsed back by Python's csv: identical fields"; else not_ok "export parsed back by Python's csv" "$(cat py.out)"; fi

run export-period 0 export cases --from 2025-01-01 --to 2025-01-31
if [ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))))' export-period.out)" = 2 ]; then ok "export --from/--to selects by opening day"; else not_ok "export period" "$(cat export-period.out)"; fi
run export-unknown 2 export everything

# --- reports as CSV -----------------------------------------------------------
run report-eod-csv 0 report eod --date 1404/07/18 --format csv
python3 - report-eod-csv.out >py2.out 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][0].startswith("End of day 1404/07/18"), rows[0]
d = {r[0]: r[1] for r in rows if len(r) == 2}
assert d["Delivered"] == "1" and d["Delivered on time"] == "100.0%", d
assert d["Satisfaction average (1-5)"] == "5.00", d
print("ok")
PY
if [ "$(cat py2.out)" = ok ]; then ok "end-of-day CSV parses and holds the day's delivery"; else not_ok "eod csv" "$(cat py2.out)"; fi
run report-period-needs-dates 2 report period --from 1404/07/01
run report-inspection 0 report inspection --from 1404/07/01 --to 1404/07/30
if grep -q "Cases delivered" report-inspection.out; then ok "inspection sheet printed"; else not_ok "inspection" "$(cat report-inspection.out)"; fi

# An old register may hold a code shaped like the desk's own next one.
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\n001000000018,0012345679,NODEBT,1404/01/15,,delivered,1404/01/20,,\n' >miz-shaped.csv
run import-miz-shaped 0 import cases miz-shaped.csv
"$MIZ" setting office_number 1
run open-after-miz-shaped 0 case open 0012345679 NODEBT --all-docs
if grep -q "^tracking code: 0010 0000 0026" open-after-miz-shaped.out; then ok "the next intake skips the imported code"; else not_ok "next code" "$(head -2 open-after-miz-shaped.out)"; fi

# --- a register big enough for the bulk path (indexes set aside, rebuilt) -----
# 20,000 cases over a year: open, delivered late and on time, withdrawn, ready;
# their overdue days and day figures are written with them.
python3 - >bulk.csv <<'PY'
import datetime
print("tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note")
start = datetime.date(2025, 1, 1)
kinds = ["in_progress", "delivered", "delivered", "withdrawn", "ready", "referred"]
for i in range(20000):
    d = start + datetime.timedelta(days=i % 300)
    p = d + datetime.timedelta(days=10)
    k = kinds[i % len(kinds)]
    closed = ""
    if k == "delivered":
        closed = (p + datetime.timedelta(days=(i % 7) - 3)).isoformat()
    elif k == "withdrawn":
        closed = (d + datetime.timedelta(days=20)).isoformat()
    sat = str(1 + i % 5) if k == "delivered" else ""
    print(f"B-{i:05d},0499370899,PERMIT,{d},{p},{k},{closed},{sat},یادداشت شماره {i} برای آزمون واردکردن انبوه")
PY
# A dry run of it first: the same path (indexes set aside), rolled back.
indexes_before=$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'overdue_span') ORDER BY name) AS i")
run import-bulk-dry 0 import cases bulk.csv --dry-run
same import-bulk-dry-message import-bulk-dry.out "bulk.csv: 20000 rows checked (utf-8), no errors; nothing written (--dry-run)
"
same "the dry run wrote nothing and left every index" "$(sql "SELECT (SELECT count(*) FROM cases WHERE code LIKE 'B-%') || ' ' || (SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'overdue_span') ORDER BY name) AS i)" >dry.txt; echo dry.txt)" "0 $indexes_before
"
run import-bulk 0 import cases bulk.csv
same import-bulk-message import-bulk.out "bulk.csv: 20000 cases imported (utf-8)
"
# The indexes set aside are back, on both tables.
same "the bulk import rebuilt the indexes it set aside" "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'overdue_span') AND name NOT LIKE 'sqlite_%' ORDER BY name) AS i" >idx.txt; echo idx.txt)" "cases_client cases_closed cases_complete cases_open_promise cases_opened cases_status overdue_span_case overdue_span_gone overdue_span_open
"
# Spans: the open ones (in progress, referred) from the day after the
# promise, the closed ones that closed after it; none for ready ones.
same "an imported case is overdue from the day after its promise until it closed" "$(sql "SELECT CAST((SELECT count(*) FROM overdue_span s JOIN cases c ON c.id = s.case_id WHERE c.code LIKE 'B-%') = (SELECT count(*) FROM cases WHERE code LIKE 'B-%' AND (status IN ('in_progress', 'referred') OR closed_on > date(promised_on, '+1 day'))) AS INTEGER)" >sp.txt; echo sp.txt)" "1
"
# 3,333 rounds of six kinds and two rows more (in progress, delivered):
# 6,667 delivered and 3,333 withdrawn; with the PERMIT cases imported
# above (00457, delivered 1404/07/18, and A-3), 20,002 intakes, 10,001
# closed, 6,668 delivered.
same "the day figures count every imported intake and closing" "$(sql "SELECT sum(opened) || ' ' || sum(closed) || ' ' || sum(delivered) FROM day_figure d JOIN service s ON s.id = d.service_id WHERE s.code = 'PERMIT' AND d.day < '2026-01-01'" >fig.txt; echo fig.txt)" "20002 10001 6668
"

# --- clients enough for the bulk path: the name index is built again -----------
python3 - >bulk-clients.csv <<'PY'
print("national_id,full_name,mobile,address")
for i in range(16000):
    nine = f"{213570000 + i:09d}"
    r = sum(int(c) * (10 - k) for k, c in enumerate(nine)) % 11
    nid = nine + str(r if r < 2 else 11 - r)
    print(f"{nid},مشتری انبوه {i:05d},,خیابان آزمون، کوچهٔ شمارهٔ {i}، پلاک {i % 97}، طبقهٔ دوم")
PY
run import-bulk-clients 0 import clients bulk-clients.csv
same import-bulk-clients-message import-bulk-clients.out "bulk-clients.csv: 16000 clients added, 0 updated (utf-8)
"
run find-bulk-client 0 client find "انبوه 0123"
same "the name search finds clients of a bulk import (its index built again)" "$(cut -f2 find-bulk-client.out | sort | tr '\n' ' ' >fb.txt; echo fb.txt)" "مشتری انبوه 01230 مشتری انبوه 01231 مشتری انبوه 01232 مشتری انبوه 01233 مشتری انبوه 01234 مشتری انبوه 01235 مشتری انبوه 01236 مشتری انبوه 01237 مشتری انبوه 01238 مشتری انبوه 01239 "

# --- rows checked against the register a batch at a time -----------------------
# 9,000 clients (three batches): a NUL byte, a bad mobile, and IDs twice in
# the file, within a batch and across two.  The messages come in file
# order, and so do the rejected rows, each with its messages.
python3 - >batches.csv <<'PY'
import sys
def nid(i):
    nine = f"{315570000 + i:09d}"
    r = sum(int(c) * (10 - k) for k, c in enumerate(nine)) % 11
    return nine + str(r if r < 2 else 11 - r)
out = sys.stdout.buffer
out.write(b"national_id,full_name,mobile,address\n")
for line in range(2, 9001):
    n, mobile, name = nid(line), "", f"دسته {line}".encode()
    if line == 5000:
        n = nid(2)
    if line == 8999:
        n = nid(8000)
    if line == 4500:
        mobile = "0915"
    if line == 3000:
        name = b"nul\x00byte"
    out.write(n.encode() + b"," + name + b"," + mobile.encode() + b",\n")
PY
n2=$(sed -n 2p batches.csv | cut -d, -f1)
n8000=$(sed -n 8000p batches.csv | cut -d, -f1)
run import-batches 1 import clients batches.csv --rejects batches-rejects.csv
same import-batches-stderr import-batches.err "batches.csv:3000: a NUL byte in the data: is this a CSV text file?
batches.csv:4500: mobile 0915: write it as 09XXXXXXXXX
batches.csv:5000: national ID $n2 appears twice in the file
batches.csv:8999: national ID $n8000 appears twice in the file
miz: every rejected row (4) is in batches-rejects.csv, with its line and the reason
miz: batches.csv: 4 errors; nothing was imported
"
python3 - batches-rejects.csv >rejected.txt <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows[1:]:
    print(r[0], r[1], r[2], sep="|")
PY
same "the rejected rows, in file order, with their messages and fields" rejected.txt "3000|a NUL byte in the data: is this a CSV text file?|$(sed -n 3000p batches.csv | cut -d, -f1)
4500|mobile 0915: write it as 09XXXXXXXXX|$(sed -n 4500p batches.csv | cut -d, -f1)
5000|national ID $n2 appears twice in the file|$n2
8999|national ID $n8000 appears twice in the file|$n8000
"
same "nothing from the batches file" "$(sql "SELECT count(*) FROM client WHERE full_name LIKE 'دسته %'" >bt.txt; echo bt.txt)" "0
"

# A code the file had before on a bad row is still a code twice; a row
# with a fault of its own is also told what the register says of it.
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nD-1,0012345679,PERMIT,1404/13/01,,in_progress,,,\nD-1,0012345679,PERMIT,1404/07/01,,in_progress,,,\n00457,0084575948,PERMIT,1404/07/01,,finished,,,\n' >dup-after-bad.csv
run import-dup-after-bad 1 import cases dup-after-bad.csv
same import-dup-after-bad-stderr import-dup-after-bad.err "dup-after-bad.csv:2: received_on: date 1404/13/01: there is no such day in the Solar Hijri calendar
dup-after-bad.csv:3: tracking code D-1 appears twice in the file
dup-after-bad.csv:4: status 'finished' is not one of awaiting_documents, in_progress, referred, ready, delivered, withdrawn, rejected
dup-after-bad.csv:4: national ID 0084575948 is not registered: import the clients first
dup-after-bad.csv:4: tracking code 00457 is already in the register
miz: dup-after-bad.csv: 5 errors; nothing was imported
"

# A register's days to come are its own mistakes: a case received or
# closed after today would count as not yet there, or overdue, until then.
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nT-1,0012345679,PERMIT,2026-11-23,2026-12-20,delivered,2026-12-01,4,\nT-2,0012345679,PERMIT,1405/09/03,,in_progress,,,\n' >future.csv
run import-future 1 import cases future.csv
same import-future-stderr import-future.err "future.csv:2: closed_on 2026-12-01 is after today (2026-11-23)
future.csv:3: received_on 1405/09/03 is after today (2026-11-23)
miz: future.csv: 2 errors; nothing was imported
"

# Text that means something to a bulk loader is only text: backslashes,
# \N (COPY's NULL), \t and \n written out, a real line break.
printf 'national_id,full_name,mobile,address\n0769187447,\\N,,"C:\\new\\table \\\\ \\."\n' >slashes.csv
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nS-1,0769187447,PERMIT,1404/07/01,,in_progress,,,"\\N"\nS-2,0769187447,PERMIT,1404/07/01,,in_progress,,,"a\\tb\\nc\\\\\nd"\n' >slashes-cases.csv
run import-slashes 0 import clients slashes.csv
run import-slashes-cases 0 import cases slashes-cases.csv
sql "SELECT full_name || '|' || address FROM client WHERE national_id = '0769187447'" >sl.txt
sql "SELECT code || '|' || coalesce(note, 'NULL') FROM cases WHERE code IN ('S-1', 'S-2') ORDER BY code" >>sl.txt
same "backslashes and \\N arrive as typed" sl.txt '\N|C:\new\table \\ \.
S-1|\N
S-2|a\tb\nc\\
d
'

tap_end
