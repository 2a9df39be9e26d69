#!/bin/sh
# A first import on PostgreSQL: into empty tables, their non-unique indexes
# are set aside and made again at the end (one build instead of a change a
# row); never a foreign key (dropping one locks the table it points to, in
# use by then); into a table in use, or by a login that does not own it
# (tests/pg/grants.sh), nothing is set aside.  Either way, and after a
# dry run or a refused file, the schema is as it was.  Run by
# tests/pg/run.sh on its server.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

MIZ_TEST_ENGINE=postgresql
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-pgimport-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" x) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
cp "$top"/tests/fixtures/services.csv .
{ "$MIZ" init --training && "$MIZ" import services services.csv; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }
schema=$(printf '%s' "$work_db" | sed -n 's/.*search_path%3D\([^,&]*\).*/\1/p')

# The indexes and foreign keys of the tables an import writes, as text.
shape() {
	psql -qAtX -c "SELECT string_agg(d, ';' ORDER BY d) FROM
		(SELECT pg_get_indexdef(x.indexrelid) AS d FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
		  JOIN pg_namespace n ON n.oid = c.relnamespace
		  WHERE n.nspname = '$schema' AND c.relname IN ('client', 'cases', 'overdue_span')
		 UNION ALL SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
		  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
		  JOIN pg_namespace n ON n.oid = c.relnamespace
		  WHERE n.nspname = '$schema' AND c.relname IN ('client', 'cases', 'overdue_span')
		  AND k.contype = 'f') AS s"
}
# The non-unique indexes' own numbers (new ones when they were made
# again), and the foreign keys' (never made again), of table $1 in schema
# ${2:-$schema}.
oids() {
	psql -qAtX -c "SELECT string_agg(CAST(x.indexrelid AS text), ',' ORDER BY x.indexrelid)
		FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = '${2:-$schema}' AND c.relname = '$1' AND NOT x.indisunique"
}
fk_oids() {
	psql -qAtX -c "SELECT string_agg(CAST(k.oid AS text), ',' ORDER BY k.oid)
		FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = '${2:-$schema}' AND c.relname IN ('cases', 'overdue_span') AND k.contype = 'f'"
}
before=$(shape)
client_oids=$(oids client)
cases_oids=$(oids cases)
fks=$(fk_oids)
case $before in
*client_name*) case $before in *cases_client_id_fkey*) ;; *) before= ;; esac ;;
*) before= ;;
esac
[ -n "$before" ] || { echo "Bail out! the shape query found no foreign key or name index"; exit 1; }

# Big enough for the bulk path (a megabyte against an empty table).
python3 - >clients.csv <<'PY'
print("national_id,full_name,mobile,address")
for i in range(16000):
    nine = f"{413570000 + i:09d}"
    r = sum(int(c) * (10 - k) for k, c in enumerate(nine)) % 11
    print(f"{nine}{r if r < 2 else 11 - r},مشتری نخست {i:05d},,خیابان آزمون، کوچهٔ شمارهٔ {i}، پلاک {i % 97}، طبقهٔ دوم")
PY
python3 - >cases.csv <<'PY'
import datetime
print("tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note")
start = datetime.date(2025, 1, 1)
for i in range(16000):
    nine = f"{413570000 + i:09d}"
    r = sum(int(c) * (10 - k) for k, c in enumerate(nine)) % 11
    d = start + datetime.timedelta(days=i % 300)
    p = d + datetime.timedelta(days=10)
    k, closed = ("delivered", (p + datetime.timedelta(days=3)).isoformat()) if i % 2 else ("in_progress", "")
    print(f"F-{i:05d},{nine}{r if r < 2 else 11 - r},PERMIT,{d},{p},{k},{closed},,یادداشت نخستین واردکردن شماره {i}")
PY
# A file refused at its last row: everything set aside comes back with the rollback.
cp cases.csv bad.csv
echo 'F-00001,0499370899,PERMIT,2025-01-01,,in_progress,,,' >>bad.csv

expect "a dry run of the clients" 0 "16000 rows checked" -- "$MIZ" import clients clients.csv --dry-run
expect "the clients into an empty table" 0 "16000 clients added" -- "$MIZ" import clients clients.csv
if [ "$(shape)" = "$before" ] && [ "$(oids client)" != "$client_oids" ]; then ok "... its indexes set aside and made again"; else not_ok "... its indexes set aside and made again" "$(shape)"; fi
expect "a refused file of cases" 1 "bad.csv:16002: tracking code F-00001 appears twice in the file" -- "$MIZ" import cases bad.csv
if [ "$(shape)" = "$before" ] && [ "$(sql "SELECT count(*) FROM cases")" = 0 ]; then ok "... leaves nothing, the indexes and foreign keys as they were"; else not_ok "... leaves nothing, the indexes and foreign keys as they were" "$(shape)"; fi
expect "the cases into an empty table" 0 "16000 cases imported" -- "$MIZ" import cases cases.csv
if [ "$(shape)" = "$before" ] && [ "$(oids cases)" != "$cases_oids" ]; then ok "... its indexes set aside and made again"; else not_ok "... its indexes set aside and made again" "$(shape)"; fi
if [ "$(fk_oids)" = "$fks" ]; then ok "... its foreign keys never dropped"; else not_ok "... its foreign keys never dropped" "$(fk_oids) was $fks"; fi
cases_oids=$(oids cases)
if [ "$(sql "SELECT count(*) FROM overdue_span s JOIN cases c ON c.id = s.case_id")" = 16000 ]; then ok "... with their overdue spans"; else not_ok "... with their overdue spans" "$(sql "SELECT count(*) FROM overdue_span")"; fi
# The foreign keys still hold: a case of no client is refused.
if ! sql "INSERT INTO cases(code, client_id, service_id, status, opened_on, working_days, visits, imported) VALUES ('Z', 999999, 1, 'in_progress', '2025-01-01', 1, 1, 1)" >/dev/null 2>&1; then ok "... which hold"; else not_ok "... which hold"; fi
expect "the name search finds a client of the first import" 0 "مشتری نخست 01234" -- "$MIZ" client find "نخست 01234"
# Into a table in use, nothing is set aside (the other desks read on).
sed 's/^F-/G-/' cases.csv >more.csv
expect "more cases into a table in use" 0 "16000 cases imported" -- "$MIZ" import cases more.csv
if [ "$(shape)" = "$before" ] && [ "$(oids cases)" = "$cases_oids" ] && [ "$(sql "SELECT count(*) FROM cases")" = 32000 ]; then ok "... sets nothing aside"; else not_ok "... sets nothing aside" "$(shape)"; fi

# An office whose cases were all on time so far: its overdue spans are
# empty, but the cases are in use, so neither has anything set aside
# (dropping the spans' indexes would lock what the desks read).
other_db=$(test_db "$work" y) || { echo "Bail out! no second database"; exit 1; }
other=$(printf '%s' "$other_db" | sed -n 's/.*search_path%3D\([^,&]*\).*/\1/p')
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nE-1,%s,PERMIT,2025-01-01,2025-01-10,delivered,2025-01-05,5,\n' \
	"$(sed -n 2p clients.csv | cut -d, -f1)" >on-time.csv
{ MIZ_DB=$other_db "$MIZ" init --training && MIZ_DB=$other_db "$MIZ" import services services.csv &&
	MIZ_DB=$other_db "$MIZ" import clients clients.csv && MIZ_DB=$other_db "$MIZ" import cases on-time.csv; } >/dev/null 2>setup2.err ||
	{ echo "Bail out! setup: $(cat setup2.err)"; exit 1; }
spans_oids=$(oids overdue_span "$other")
cases2_oids=$(oids cases "$other")
fks2=$(fk_oids "$other")
expect "cases into an office with no overdue case yet" 0 "16000 cases imported" -- env MIZ_DB="$other_db" "$MIZ" import cases cases.csv
if [ "$(oids overdue_span "$other")" = "$spans_oids" ] && [ "$(oids cases "$other")" = "$cases2_oids" ] && [ "$(fk_oids "$other")" = "$fks2" ]; then
	ok "... sets nothing aside, the empty spans' table neither"
else
	not_ok "... sets nothing aside, the empty spans' table neither" "$(oids overdue_span "$other") was $spans_oids"
fi
tap_end
