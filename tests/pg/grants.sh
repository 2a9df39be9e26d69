#!/bin/sh
# The server's roles (miz pg grants --apply): a clerk's database user does
# the desk's work and cannot change the catalog, the calendar or the
# settings, nor UPDATE, DELETE or TRUNCATE what the record keeps; a
# supervisor's user keeps the catalog and the calendar, and cannot change
# the record either.  Run by tests/pg/run.sh on its server.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

MIZ_TEST_ENGINE=postgresql
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-grants-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
admin_db=$(test_db "$work" x) || { echo "Bail out! no database"; exit 1; }
export MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
unset MIZ_CLERK
{ "$MIZ" --db "$admin_db" init --training --sample --datadir "$top/data" &&
	"$MIZ" --db "$admin_db" client add 0499370899 "علی کریمی" &&
	"$MIZ" --db "$admin_db" case open 0499370899 BUILD-EXT --docs 1; } >setup.out 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }

expect "miz pg grants prints the roles' SQL" 0 "GRANT UPDATE (hash) ON" -- "$MIZ" --db "$admin_db" pg grants
expect "miz pg grants --apply sets them up" 0 "roles miz_clerk and miz_supervisor set up" -- "$MIZ" --db "$admin_db" pg grants --apply
expect "applied twice, it is the same" 0 "set up" -- "$MIZ" --db "$admin_db" pg grants --apply
"$MIZ" --db "$work/desk.db" init >/dev/null 2>&1
expect "on an SQLite file it says grants are PostgreSQL's" 1 "grants are PostgreSQL's" -- "$MIZ" --db "$work/desk.db" pg grants

# Two people: a clerk and a supervisor, each a login in one group role.
suffix=$$
sql "CREATE ROLE clerk_$suffix LOGIN PASSWORD 'c' IN ROLE miz_clerk;
	CREATE ROLE sup_$suffix LOGIN PASSWORD 's' IN ROLE miz_supervisor" "$admin_db" >/dev/null ||
	{ echo "Bail out! roles"; exit 1; }
schema=$(printf '%s' "$admin_db" | sed -n 's/.*search_path%3D\([^,&]*\).*/\1/p')
as_clerk() { PGUSER=clerk_$suffix PGPASSWORD=c "$@"; }
as_sup() { PGUSER=sup_$suffix PGPASSWORD=s "$@"; }
# psql_as WHO SQL — runs SQL as that user; exits non-zero when refused.
psql_as() {
	who=$1
	shift
	$who env PGOPTIONS="-c search_path=$schema,public -c client_min_messages=warning" \
		psql -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

# The desk's work, as the clerk's user.
export MIZ_DB="$admin_db"
expect "the clerk's user registers a client" 0 "" -- as_clerk "$MIZ" client add 0011223340 "مریم احمدی" --mobile 09151234567
expect "... opens a case" 0 "tracking code" -- as_clerk "$MIZ" case open 0011223340 BUILD-EXT --all-docs
code=$(sql "SELECT code FROM cases ORDER BY id DESC LIMIT 1")
expect "... adds documents to a waiting case" 0 "" -- as_clerk "$MIZ" case docs 001000000018 2,3,4
expect "... refers it" 0 "" -- as_clerk "$MIZ" case refer "$code" "$(sql "SELECT name FROM department ORDER BY id LIMIT 1")"
expect "... records a visit" 0 "" -- as_clerk "$MIZ" case visit "$code"
expect "... makes it ready" 0 "" -- as_clerk "$MIZ" case status "$code" ready
expect "... delivers it, rated" 0 "" -- as_clerk "$MIZ" case status "$code" delivered --rating 5
expect "... corrects a client's mobile" 0 "" -- as_clerk "$MIZ" client edit 0011223340 --mobile 09121112233
expect "... prints the end of day" 0 "Intakes" -- as_clerk "$MIZ" report eod
expect "the seals written by the clerk's user hold" 0 "history chain intact" -- as_clerk "$MIZ" audit verify

# What the clerk's user may not do, whatever miz is asked.
expect "the clerk's user cannot add a holiday" 1 "this database user may not do that" -- as_clerk "$MIZ" holiday add 2026-12-01 "تعطیل" --closure
expect "... nor change a setting" 1 "this database user may not do that" -- as_clerk "$MIZ" setting office_name "x"
for q in "UPDATE history SET reason = 'x'" "DELETE FROM notice" "DELETE FROM history" \
	"UPDATE service SET fee = 1" "INSERT INTO clerk(login, name, role) VALUES ('x', 'x', 'supervisor')" \
	"UPDATE clerk SET role = 'supervisor'" "TRUNCATE history" "UPDATE client SET national_id = '1234567891'" \
	"DELETE FROM cases" "UPDATE notice SET deadline = '2030-01-01'"; do
	if psql_as as_clerk "$q" >/dev/null 2>&1; then not_ok "the clerk's user is refused: $q"; else ok "the clerk's user is refused: $q"; fi
done

# The supervisor's user keeps the calendar and the settings ...
expect "the supervisor's user adds a closure" 0 "" -- as_sup "$MIZ" holiday add 2026-12-01 "تعطیل" --closure
expect "... changes a setting" 0 "" -- as_sup "$MIZ" setting office_name "میز"
# ... imports an old register (not the tables' owner: nothing is set aside) ...
printf 'national_id,full_name,mobile,address\n0084575948,مریم صادقی,,\n0499370899,علی کریمی,09151234567,\n' >old-clients.csv
printf 'tracking_code,national_id,service_code,received_on,promised_on,status,closed_on,satisfaction,note\nOLD-1,0084575948,BUILD-EXT,1404/07/01,1404/07/20,delivered,1404/07/18,5,\n' >old-cases.csv
expect "... imports an old register's clients" 0 "1 clients added, 1 updated" -- as_sup "$MIZ" import clients old-clients.csv
expect "... and its cases" 0 "1 cases imported" -- as_sup "$MIZ" import cases old-cases.csv
# ... and cannot change the record either.
for q in "UPDATE history SET reason = 'x'" "DELETE FROM history" "DELETE FROM notice_item" "TRUNCATE referral"; do
	if psql_as as_sup "$q" >/dev/null 2>&1; then not_ok "the supervisor's user is refused: $q"; else ok "the supervisor's user is refused: $q"; fi
done
expect "the record is whole" 0 "history chain intact" -- "$MIZ" audit verify
sql "DROP OWNED BY clerk_$suffix, sup_$suffix; DROP ROLE clerk_$suffix, sup_$suffix" >/dev/null 2>&1
tap_end
