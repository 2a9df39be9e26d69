#!/bin/sh
# Benchmark (make bench; never part of make check): the register at an
# office's scale on PostgreSQL, side by side in one run.  Generates 500,000
# clients and 1,000,000 cases over 40 services (bench/gen_csv.py), then:
#   - miz import clients + cases (COPY into a staging table, checked, then
#     written)  vs  psql \copy of the same files into plain tables with the
#     same indexes (target <= 1.5x);
#   - miz export cases  vs  psql \copy of the same query to CSV (<= 1.3x);
#   - miz report eod on the register's last day and on a past day, on
#     PostgreSQL and on an SQLite file of the same register (< 50 ms each);
#   - miz report push of a year (365 days) to a provincial database, then
#     the same push again (nothing changes).
# PostgreSQL: a throwaway server from pg_virtualenv, or the one the PG*
# environment names with MIZ_PG_SERVER=here.  Not a test: it prints numbers.
#
#   sh bench/pg.sh [CLIENTS CASES]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
MIZ=${MIZ:-$top/miz}
nclients=${1:-500000}
ncases=${2:-1000000}
if [ "${MIZ_PG_SERVER:-}" != here ]; then
	command -v pg_virtualenv >/dev/null 2>&1 ||
		{ echo "bench/pg.sh: pg_virtualenv missing (./bootstrap installs postgresql)" >&2; exit 1; }
	MIZ_PG_SERVER=here exec pg_virtualenv -c '--locale=C.UTF-8 --encoding=UTF8' sh "$0" "$@"
fi
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/miz-pgbench-XXXXXX")}
export LC_ALL=C.UTF-8 MIZ_TODAY=1405/09/02 MIZ_CLERK=bench
export PGOPTIONS="-c client_min_messages=warning"
. "$top/bench/lib.sh"

if [ ! -f "$work/cases.csv" ]; then
	echo "generating $nclients clients and $ncases cases in $work ..."
	python3 "$top/bench/gen_csv.py" "$work" "$nclients" "$ncases"
fi
for d in mizbench plainbench province; do
	dropdb --if-exists "$d"
	createdb -T template0 -E UTF8 --locale C.UTF-8 "$d"
done
# libpq takes the host and port from the PG* environment.
DB=postgresql:///mizbench
PROVINCE=postgresql:///province

"$MIZ" --db "$DB" init --training >/dev/null
"$MIZ" --db "$DB" import services "$work/services.csv" >/dev/null
t_cl=$(secs "$MIZ" --db "$DB" import clients "$work/clients.csv")
t_ca=$(secs "$MIZ" --db "$DB" import cases "$work/cases.csv")
n=$(psql -qAtX -d mizbench -c "SELECT count(*) FROM cases")
[ "$n" -eq "$ncases" ] || { echo "only $n of $ncases cases imported" >&2; exit 1; }

# The baseline: the files as they are into plain tables, then the indexes
# miz's schema has on them (schema_pg.h), by psql's \copy.
cat >"$work/plain.sql" <<SQL
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE client(national_id text, full_name text, mobile text, address text);
CREATE TABLE cases(tracking_code text, national_id text, service_code text, received_on text,
  promised_on text, status text, closed_on text, satisfaction text, note text);
\\copy client FROM '$work/clients.csv' CSV HEADER
\\copy cases FROM '$work/cases.csv' CSV HEADER
CREATE UNIQUE INDEX client_nid ON client(national_id);
CREATE INDEX client_mobile ON client(mobile);
CREATE INDEX client_name ON client USING gin (full_name gin_trgm_ops);
CREATE UNIQUE INDEX cases_code ON cases(tracking_code);
CREATE INDEX cases_client ON cases(national_id);
CREATE INDEX cases_status ON cases(status, promised_on);
CREATE INDEX cases_opened ON cases(received_on);
CREATE INDEX cases_closed ON cases(closed_on, promised_on);
CREATE INDEX cases_open_promise ON cases(promised_on) WHERE status IN ('in_progress', 'referred');
CREATE INDEX cases_complete ON cases((CASE WHEN status = 'awaiting_documents' THEN NULL
  ELSE received_on END));
SQL
t_plain=$(secs psql -qX -v ON_ERROR_STOP=1 -d plainbench -f "$work/plain.sql")

# Export: the query export.c streams, by psql.
t_exp=$(secs "$MIZ" --db "$DB" export cases -o "$work/out-miz.csv")
t_psql=$(secs psql -qX -d mizbench -c "\\copy (SELECT c.code, c.imported, cl.national_id,
  cl.full_name, coalesce(cl.mobile, ''), s.code, s.name, c.status, c.opened_on, c.complete_on,
  c.promised_on, c.original_promised_on, c.closed_on, c.satisfaction, c.comment, c.visits,
  coalesce(k.name, ''), c.note FROM cases c JOIN client cl ON cl.id = c.client_id
  JOIN service s ON s.id = c.service_id LEFT JOIN clerk k ON k.id = c.clerk_id
  ORDER BY c.id) TO '$work/out-psql.csv' CSV HEADER")

# The same register in an SQLite file, for the end of day on both engines.
lite="$work/miz.db"
rm -f "$lite" "$lite"-*
"$MIZ" --db "$lite" init --training >/dev/null
"$MIZ" --db "$lite" import services "$work/services.csv" >/dev/null
"$MIZ" --db "$lite" import clients "$work/clients.csv" >/dev/null
"$MIZ" --db "$lite" import cases "$work/cases.csv" >/dev/null
D=$(sqlite3 "$lite" "SELECT max(opened_on) FROM cases")
past=$(sqlite3 "$lite" "SELECT date('$D', '-200 days')")
e_pg=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$DB" report eod)
e_pg_past=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$DB" report eod --date "$past")
e_lite=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$lite" report eod)
e_lite_past=$(MIZ_TODAY=$D median_ms "$MIZ" --db "$lite" report eod --date "$past")

# A year pushed to the province, then again.
# The province's database is not a training one: its supervisor is the
# login that made it (no MIZ_CLERK).
env -u MIZ_CLERK "$MIZ" --db "$PROVINCE" init >/dev/null
"$MIZ" --db "$DB" setting office_number 7 >/dev/null
"$MIZ" --db "$DB" setting office_name "دفتر آزمون" >/dev/null
t_push=$(MIZ_TODAY=$D secs "$MIZ" --db "$DB" report push --to "$PROVINCE" --days 365)
rows=$(psql -qAtX -d province -c "SELECT count(*) FROM province_figure")
t_push2=$(MIZ_TODAY=$D secs "$MIZ" --db "$DB" report push --to "$PROVINCE" --days 365)
rows2=$(psql -qAtX -d province -c "SELECT count(*) FROM province_figure")
t_prov=$(MIZ_TODAY=$D median_ms env -u MIZ_CLERK "$MIZ" --db "$PROVINCE" report province \
	--from "$(sqlite3 "$lite" "SELECT date('$D', '-90 days')")" --to "$D")

echo "== PostgreSQL, $nclients clients and $ncases cases"
printf 'import   miz clients %ss + cases %ss = %ss   psql \\copy + indexes %ss   ratio %s (target <= 1.5x)\n' \
	"$t_cl" "$t_ca" "$(add "$t_cl" "$t_ca")" "$t_plain" "$(ratio "$(add "$t_cl" "$t_ca")" "$t_plain")"
printf 'export   miz %ss   psql \\copy (same query) %ss   ratio %s (target <= 1.3x)\n' \
	"$t_exp" "$t_psql" "$(ratio "$t_exp" "$t_psql")"
printf 'eod      last day %s: PostgreSQL %s ms, SQLite %s ms; a past day (%s): PostgreSQL %s ms, SQLite %s ms (target < 50 ms, whole process)\n' \
	"$D" "$e_pg" "$e_lite" "$past" "$e_pg_past" "$e_lite_past"
printf 'push     365 days: %ss (%s rows); again: %ss (%s rows)   report province, 91 days: %s ms\n' \
	"$t_push" "$rows" "$t_push2" "$rows2" "$t_prov"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
