#!/bin/sh
# CLI tests in actual/expected form: each step runs the real miz binary and
# compares its stdout with tests/cli/expected/NAME.out, its exit status with
# the one given, and its stderr with NAME.err when that file exists.
# Times of day in case histories are replaced by TIME before comparing.  The
# steps run as whoever runs the suite, a supervisor acting for the clerk
# "tester" (MIZ_CLERK); history lines say "LOGIN acting for tester", and the
# "LOGIN acting for " is dropped before comparing (checked once below).
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$top"/tests/fixtures/*.csv "$work"/
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
expected="$top/tests/cli/expected"
me=$(id -un)

# step NAME STATUS [--stdin FILE] [--clock DATE] -- ARGS...
# (--clock: the day the training database's clock shows, MIZ_TODAY)
step() {
	name=$1 want=$2
	shift 2
	input=/dev/null clock=$MIZ_TODAY
	if [ "$1" = --stdin ]; then input=$2; shift 2; fi
	if [ "$1" = --clock ]; then clock=$2; shift 2; fi
	[ "$1" = -- ] && shift
	MIZ_TODAY=$clock "$MIZ" "$@" <"$input" >"$name.out" 2>"$name.err"
	got=$?
	sed -i -E 's/^  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} /  TIME /' "$name.out"
	cp "$name.out" "$name.raw"
	sed -i "s/^  TIME $me acting for /  TIME /" "$name.out"
	problems=""
	if [ "$got" -ne "$want" ]; then
		problems="exit status $got, expected $want"
	fi
	if [ -f "$expected/$name.out" ]; then
		if ! diff -u "$expected/$name.out" "$name.out" >"$name.diff" 2>&1; then
			problems="$problems
stdout differs:
$(cat "$name.diff")"
		fi
	fi
	if [ -f "$expected/$name.err" ]; then
		if ! diff -u "$expected/$name.err" "$name.err" >"$name.ediff" 2>&1; then
			problems="$problems
stderr differs:
$(cat "$name.ediff")"
		fi
	elif [ "$want" -ne 0 ] && [ ! -s "$name.err" ]; then
		problems="$problems
a failure printed no message on stderr"
	fi
	if [ -z "$problems" ]; then ok "$name: miz $*"; else not_ok "$name: miz $*" "$problems"; fi
}

step version 0 -- --version
step help 0 -- --help
step date-gregorian 0 -- date 2025-03-20
step date-jalali 0 -- date 1404/01/01
printf '2025-03-21\n1404/12/29\n۱۴۰۵/۰۱/۰۱\n1403-12-30\n' >dates.txt
step date-stdin 0 --stdin dates.txt -- date
step date-bad-day 1 -- date 1404/12/30
step date-malformed 1 -- date 23/11/2026
step init 0 -- init --training
step import-services 0 -- import services services.csv
step import-documents 0 -- import documents documents.csv
step import-workweek 0 -- import workweek workweek.csv
step import-holidays 0 -- import holidays holidays.csv
step import-bad-holidays 1 -- import holidays bad-holidays.csv
step import-unknown-kind 2 -- import bogus services.csv
step add-working-days 0 -- date 2026-11-23 --add-working-days 5
step client-add 0 -- client add 0499370899 "علي  كريمي" --mobile +989151234567
step client-add-bad-check 1 -- client add 0499370898 "کسی"
step client-add-repeated 1 -- client add 1111111111 "کسی"
step client-find-name 0 -- client find کریم
step client-find-mobile 0 -- client find 09151234567
step case-open-unknown-service 1 -- case open 0499370899 NOPE
step case-open-unregistered 1 -- case open 1234567891 PERMIT
step case-open-missing 0 -- case open 0499370899 PERMIT --docs 1,3
step case-show-transposed 1 -- case show 001000000081
step case-show-short 1 -- case show 00100000001
step case-show-valid-unknown 1 -- case show 001000000026
step case-docs 0 --clock 2026-11-28 -- case docs 0010-0000-0018 2,4
step case-refer 0 --clock 2026-11-29 -- case refer 001000000018 "معاونت فنی" --officer "رضا نوری" --days 2
step case-deliver-too-early 1 -- case status 001000000018 delivered --rating 5
step case-ready 0 --clock 2026-12-02 -- case status 001000000018 ready
step case-deliver-no-rating 1 -- case status 001000000018 delivered
step case-deliver 0 --clock 2026-12-05 -- case status 001000000018 delivered --rating 5 --comment "ممنون"
step case-show-delivered 0 -- case show ۰۰۱۰۰۰۰۰۰۰۱۸
# The core refuses what the desk does not offer: a visit on a closed case.
step case-visit-closed 1 -- case visit 001000000018
# Every event of the case was a supervisor's work for tester, and says so.
events=$(grep -c '^  TIME ' case-show-delivered.out)
acted=$(grep -c "^  TIME $me acting for tester " case-show-delivered.raw)
if [ "$events" -ge 5 ] && [ "$acted" -eq "$events" ]; then
	ok "the history names the supervisor who acted for the clerk"
else
	not_ok "the history names the supervisor who acted for the clerk" "$events events, $acted acting: $(cat case-show-delivered.raw)"
fi
step case-open-complete 0 -- case open 0499370899 NODEBT --all-docs
step holiday-closure 0 -- holiday add 2026-11-24 "آلودگی هوا" --closure
step case-show-revised 0 -- case show 001000000026
step case-list 0 -- case list
step report-quiet-day 0 -- report eod --date 2020-01-02
step case-status-unknown 2 -- case status 001000000026 finished
step case-missing-delivered 1 -- case missing 001000000018 1
step case-missing 0 --clock 2026-11-29 -- case missing 001000000026 1 --note "بدون امضا"
step holiday-bad-date 2 -- holiday add 2026-13-01 "روز"
step date-too-early 1 -- date 1040/01/15
step unknown-command 2 -- frobnicate

# A second intake for the same client and service is asked for, not made by
# a double Enter (or by a clerk whose desk died after the first one).
step case-open-twice 1 -- case open 0499370899 NODEBT --all-docs
if grep -qF "0499370899 already has an open case for NODEBT: 0010 0000 0026 (awaiting documents); give --again" case-open-twice.err; then
	ok "the open case is named, with its status"
else
	not_ok "the open case is named, with its status" "$(cat case-open-twice.err)"
fi
step case-open-again 0 -- case open 0499370899 NODEBT --all-docs --again
# A referral with no due date given gets the desk's default, 5 working
# days: from Monday 11-23, the closure on 11-24, Thursdays and Fridays and
# the holiday on 11-30 left out, that is Wednesday 12-02.
again=$(sed -n 's/^tracking code: //p' case-open-again.out | tr -d ' ')
step case-refer-default 0 -- case refer "$again" "امور مالی"

# A desk list goes on after a given case as it would at that row, by key.
"$MIZ" desk opened >desk-opened.out 2>&1
first=$(head -n1 desk-opened.out | cut -f1)
if [ "$(wc -l <desk-opened.out)" -ge 3 ] &&
	[ "$("$MIZ" desk opened --after "$first")" = "$(tail -n +2 desk-opened.out)" ] &&
	[ "$("$MIZ" desk opened --after "$first" --limit 1)" = "$("$MIZ" desk opened --offset 1 --limit 1)" ]; then
	ok "desk --after CODE lists the rows after that case"
else
	not_ok "desk --after CODE lists the rows after that case" "$(cat desk-opened.out)"
fi
# A case no longer in the list (0018 is delivered) still marks a place in
# it, so a script paging a list other clerks shorten goes on.
if "$MIZ" desk overdue --after 001000000018 >desk-after-gone.out 2>&1; then
	ok "desk --after a case that left the list goes on from its place"
else
	not_ok "desk --after a case that left the list goes on from its place" "$(cat desk-after-gone.out)"
fi
step desk-after-no-list 2 -- desk --after 001000000018
step desk-after-no-place 2 -- desk referrals --after 001000000026

# Back-dating stops at the case's own last event: a case never closes
# before it opened.
step backdated-close 1 --clock 2026-11-30 -- --today 2026-11-28 case status 001000000026 withdrawn --reason "x"
if grep -qF "case 0010 0000 0026: this cannot be dated 2026-11-28, before the case's last event on 2026-11-29" backdated-close.err &&
	[ "$(sql "SELECT status FROM cases WHERE code = '001000000026'")" = awaiting_documents ]; then
	ok "a close dated before the case's last event is refused, nothing changed"
else
	not_ok "a close dated before the case's last event is refused, nothing changed" "$(cat backdated-close.err)"
fi

# Hostile text from the data never reaches the terminal as a live control:
# not in a line of output, not in a message that repeats it.
hostile=$(printf 'Ali \033]0;PWNED\007\033]52;c;cm0gLXJmIH4K\007\033[2J Karimi')
# At the way in it is refused, naming the character; already in a file
# (written before the check, or by hand), it is shown harmless.
"$MIZ" client add 1234567891 "$hostile" >hostile-add.out 2>hostile-add.err
if [ $? -eq 1 ] && grep -qF "the client's name: a control character (U+001B) is not allowed" hostile-add.err; then
	ok "a name with escape sequences is refused at the way in"
else
	not_ok "a name with escape sequences is refused at the way in" "$(cat hostile-add.err)"
fi
hex=$(printf '%s' "$hostile" | od -An -tx1 | tr -d ' \n')
if on_pg; then named="convert_from(decode('$hex', 'hex'), 'UTF8')"; else named="CAST(x'$hex' AS TEXT)"; fi
sql "INSERT INTO client(national_id, full_name, created_at) VALUES ('1234567891', $named, '2026-11-23 10:00:00')"
"$MIZ" client find Karimi >hostile.out 2>hostile.err
"$MIZ" case show "$hostile" >hostile2.out 2>hostile2.err
if grep -q "Karimi" hostile.out && ! LC_ALL=C grep -q "$(printf '[\033\007]')" hostile.out hostile.err hostile2.out hostile2.err; then
	ok "no ESC or BEL from the data on stdout or stderr"
else
	not_ok "no ESC or BEL from the data on stdout or stderr" "$(od -c hostile.out | head -5)" "$(od -c hostile2.err | head -5)"
fi

# Private by default: the database, its -wal and -shm, exports and reports
# are 0600 under the usual umask; in a folder the group may write, 0660.
umask 022
"$MIZ" export clients -o clients-private.csv 2>/dev/null
"$MIZ" report eod -o eod-private.txt 2>/dev/null
# The -wal and -shm exist while a connection is open: SQLite gives them the
# database's own mode.
if on_pg; then
	# The database is the server's: only the files miz writes are here.
	modes="600 $(stat -c '%a' clients-private.csv eod-private.txt | tr '\n' ' ')600 600"
else
	walmodes=$(python3 -c 'import sqlite3, os
c = sqlite3.connect("desk.db"); c.execute("SELECT count(*) FROM setting").fetchall()
print(" ".join(oct(os.stat(f).st_mode & 0o777)[2:] for f in ("desk.db-wal", "desk.db-shm")))')
	modes="$(stat -c '%a' desk.db clients-private.csv eod-private.txt | tr '\n' ' ')$walmodes"
fi
if [ "$modes" = "600 600 600 600 600" ]; then
	ok "the database, its -wal and -shm, an export and a report are 0600"
else
	not_ok "the database, its -wal and -shm, an export and a report are 0600" "modes: $modes"
fi
mkdir shared && chmod 2770 shared
"$MIZ" --db shared/office.db init >/dev/null 2>&1
if [ "$(stat -c '%a' shared/office.db)" = 660 ]; then
	ok "in a group-shared folder the database is 0660"
else
	not_ok "in a group-shared folder the database is 0660" "$(stat -c '%a' shared/office.db)"
fi
"$MIZ" --db new-office/desk.db init >/dev/null 2>&1
if [ "$(stat -c '%a' new-office)" = 700 ]; then ok "a folder init makes is 0700"; else not_ok "a folder init makes is 0700" "$(stat -c '%a' new-office)"; fi

# Only miz init makes a database: a mistyped --db, an empty file, no HOME.
step typo-db 1 -- --db typo/dsek.db case list
if grep -qF "no miz database at typo/dsek.db: create one with: miz init --db typo/dsek.db" typo-db.err &&
	[ ! -e typo ]; then
	ok "a mistyped --db says so and creates nothing"
else
	not_ok "a mistyped --db says so and creates nothing" "$(cat typo-db.err)" "$(ls -la)"
fi
: >empty.db
step empty-db 1 -- --db empty.db client find x
if [ ! -s empty.db ] && grep -qF "miz init --db empty.db" empty-db.err; then
	ok "an empty file is not made a database"
else
	not_ok "an empty file is not made a database" "$(cat empty-db.err)"
fi
if env -u MIZ_DB -u HOME -u XDG_DATA_HOME "$MIZ" case list >nohome.out 2>nohome.err; then
	not_ok "no HOME: no default database" "$(cat nohome.out)"
elif grep -qF "HOME is not set" nohome.err && [ ! -e .local ]; then
	ok "no HOME: no default database, no ./.local"
else
	not_ok "no HOME: no default database, no ./.local" "$(cat nohome.err)"
fi

tap_end
