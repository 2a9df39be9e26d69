#!/bin/sh
# Benchmark: the register at a real office's scale.  Generates 500,000
# clients and 1,000,000 cases over 40 services as legacy CSV files (Persian
# names, notes with commas, quotes and newlines), then measures, in one run,
# side by side:
#   - miz import clients + cases  vs  sqlite3 .import of the same files into
#     plain tables plus building the same indexes (target <= 2x);
#   - miz export cases  vs  sqlite3 -csv selecting the same columns (<= 1.3x);
#   - miz report eod: wall time per run (< 50 ms) and against the bare
#     aggregate query in the sqlite3 shell (< 2x); a past day's (< 50 ms);
#   - miz report inspection for a quarter (<= 200 ms);
#   - peak memory of import and export at 100,000 and 1,000,000 cases
#     (<= 16 MiB, the same at both sizes).
# Not a test: it prints numbers for the closing notes.
#
#   bench/register.sh [CLIENTS CASES]      (from a built tree)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
MIZ=${MIZ:-$top/miz}
nclients=${1:-500000}
ncases=${2:-1000000}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/miz-bench-XXXXXX")}
export LC_ALL=C.UTF-8 MIZ_TODAY=1405/09/02 MIZ_CLERK=bench
. "$top/bench/lib.sh"
[ -x "$TIME" ] || { echo "GNU time (Debian package time) is needed"; exit 1; }

# One size: generate, import (timed, peak memory), export (timed, peak memory).
run_size() {
	nc=$1 nk=$2 tag=$3
	dir="$work/$tag"
	if [ ! -f "$dir/cases.csv" ]; then
		echo "generating $nc clients and $nk cases in $dir ..."
		python3 "$top/bench/gen_csv.py" "$dir" "$nc" "$nk"
	fi
	rm -f "$dir"/miz.db* "$dir"/plain.db*
	"$MIZ" --db "$dir/miz.db" init --training >/dev/null
	"$MIZ" --db "$dir/miz.db" import services "$dir/services.csv" >/dev/null
	t_cl=$(secs "$MIZ" --db "$dir/miz.db" import clients "$dir/clients.csv")
	t_ca=$(secs "$MIZ" --db "$dir/miz.db" import cases "$dir/cases.csv")
	# Memory: the same imports again into a fresh copy of the catalog-only database.
	rm -f "$dir"/mem.db*
	"$MIZ" --db "$dir/mem.db" init --training >/dev/null
	"$MIZ" --db "$dir/mem.db" import services "$dir/services.csv" >/dev/null
	m_cl=$(peak_kib "$MIZ" --db "$dir/mem.db" import clients "$dir/clients.csv")
	m_ca=$(peak_kib "$MIZ" --db "$dir/mem.db" import cases "$dir/cases.csv")
	rm -f "$dir"/mem.db*

	cat >"$dir/plain.sql" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE client(national_id TEXT, full_name TEXT, mobile TEXT, address TEXT);
CREATE TABLE cases(tracking_code TEXT, national_id TEXT, service_code TEXT, received_on TEXT,
  promised_on TEXT, status TEXT, closed_on TEXT, satisfaction TEXT, note TEXT);
.import --csv --skip 1 $dir/clients.csv client
.import --csv --skip 1 $dir/cases.csv cases
CREATE UNIQUE INDEX client_nid ON client(national_id);
CREATE INDEX client_mobile ON client(mobile);
CREATE INDEX client_created ON client(address);
CREATE VIRTUAL TABLE client_name USING fts5(full_name, content='client', content_rowid='rowid',
  tokenize='trigram');
INSERT INTO client_name(client_name) VALUES ('rebuild');
CREATE UNIQUE INDEX cases_code ON cases(tracking_code);
CREATE INDEX cases_client ON cases(national_id);
CREATE INDEX cases_status ON cases(status, promised_on);
CREATE INDEX cases_opened ON cases(received_on);
CREATE INDEX cases_closed ON cases(closed_on, promised_on);
CREATE INDEX cases_open_promise ON cases(promised_on) WHERE status IN ('in_progress', 'referred');
-- miz's cases_complete: the day the file was complete (received_on unless waiting).
CREATE INDEX cases_complete ON cases(CASE WHEN status = 'awaiting_documents' THEN NULL
  ELSE received_on END);
SQL
	t_plain=$(secs sh -c "sqlite3 '$dir/plain.db' < '$dir/plain.sql'")

	t_exp=$(secs "$MIZ" --db "$dir/miz.db" export cases -o "$dir/out-miz.csv")
	m_exp=$(peak_kib "$MIZ" --db "$dir/miz.db" export cases -o "$dir/out-miz.csv")
	t_sql=$(secs sh -c "sqlite3 -csv -header '$dir/miz.db' \"SELECT c.code, c.imported,
	  cl.national_id, cl.full_name, coalesce(cl.mobile, ''), s.code, s.name, c.status,
	  c.opened_on, c.complete_on, c.promised_on, c.original_promised_on, c.closed_on,
	  c.satisfaction, c.comment, c.visits, coalesce(k.name, ''), c.note FROM cases c
	  JOIN client cl ON cl.id = c.client_id JOIN service s ON s.id = c.service_id
	  LEFT JOIN clerk k ON k.id = c.clerk_id ORDER BY c.id\" > '$dir/out-sqlite.csv'")

	echo "== $nc clients, $nk cases"
	printf 'import   miz clients %ss + cases %ss = %ss   sqlite3 .import + indexes %ss   ratio %s (target <= 2x)\n' \
		"$t_cl" "$t_ca" "$(awk -v a="$t_cl" -v b="$t_ca" 'BEGIN { printf "%.2f", a + b }')" "$t_plain" \
		"$(ratio "$(awk -v a="$t_cl" -v b="$t_ca" 'BEGIN { print a + b }')" "$t_plain")"
	printf 'export   miz %ss (%s rows, %s MiB)   sqlite3 -csv %ss   ratio %s (target <= 1.3x)\n' \
		"$t_exp" "$(($(wc -l <"$dir/out-miz.csv")))" "$(($(wc -c <"$dir/out-miz.csv") / 1048576))" \
		"$t_sql" "$(ratio "$t_exp" "$t_sql")"
	printf 'memory   import clients %s KiB, import cases %s KiB, export %s KiB (target <= 16384)\n' \
		"$m_cl" "$m_ca" "$m_exp"
}

run_size $((nclients / 10)) $((ncases / 10)) small
run_size "$nclients" "$ncases" large

db="$work/large/miz.db"
# The end of day of the register's last working day, run on that day.
D=$(sqlite3 "$db" "SELECT max(opened_on) FROM cases")
# The summary query of report_eod (src/core/report.c), as it runs for today.
eod_sql="SELECT
 (SELECT count(*) FROM cases WHERE opened_on = '$D'),
 (SELECT count(*) FROM cases c WHERE c.opened_on = '$D' AND NOT EXISTS
   (SELECT 1 FROM notice n WHERE n.case_id = c.id AND n.issued_on = '$D')),
 (SELECT count(*) FROM notice WHERE issued_on = '$D'),
 (SELECT count(DISTINCT cd.case_id) FROM case_document cd WHERE cd.received_on = '$D'
   AND EXISTS (SELECT 1 FROM history h WHERE h.case_id = cd.case_id
   AND h.action = 'documents' AND h.day = '$D')),
 (SELECT count(DISTINCT h.case_id) FROM history h WHERE h.day = '$D'
   AND h.action = 'complete'),
 (SELECT count(*) FROM referral WHERE referred_on = '$D'),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND +status = 'delivered'),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND +status = 'delivered'
   AND closed_on <= promised_on),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND +status = 'withdrawn'),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND +status = 'rejected'),
 (SELECT count(*) FROM cases WHERE status IN ('in_progress', 'referred')
   AND promised_on < '$D'),
 (SELECT count(satisfaction) FROM cases WHERE closed_on = '$D' AND +status = 'delivered'),
 (SELECT coalesce(sum(satisfaction), 0) FROM cases WHERE closed_on = '$D'
   AND +status = 'delivered'),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND satisfaction = 1),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND satisfaction = 2),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND satisfaction = 3),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND satisfaction = 4),
 (SELECT count(*) FROM cases WHERE closed_on = '$D' AND satisfaction = 5);"
e_miz=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$db" report eod)
e_sql=$(median_ms sqlite3 "$db" "$eod_sql")
e_old=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$db" report eod --date 1404/06/15)
q_from=$(sqlite3 "$db" "SELECT date('$D', '-90 days')")
i_miz=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$db" report inspection --from "$q_from" --to "$D")
echo "== end of day on $ncases cases ($D, the register's last day)"
printf 'report   miz report eod %s ms (target < 50 ms)   its summary query alone in sqlite3 %s ms   ratio %s (target < 2x)\n' \
	"$e_miz" "$e_sql" "$(ratio "$e_miz" "$e_sql")"
printf 'report   miz report eod for a past day (1404/06/15): %s ms (target < 50 ms, as the day stood)\n' "$e_old"
printf 'report   miz report inspection for the 91 days to %s: %s ms (target <= 200 ms)\n' "$D" "$i_miz"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
