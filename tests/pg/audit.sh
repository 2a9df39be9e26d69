#!/bin/sh
# The history's seals on PostgreSQL: a row changed, deleted or slipped in
# behind miz's back (by the server's superuser, who may set the triggers
# aside) is found by miz audit verify, as on SQLite (tests/cli/audit.sh,
# which works on copies of the file).  Each change is undone before the
# next.  Run by tests/pg/run.sh on its server.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

MIZ_TEST_ENGINE=postgresql
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-pgaudit-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" x) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
{ "$MIZ" init --training --sample --datadir "$top/data" &&
	"$MIZ" client add 0499370899 "علی کریمی" &&
	"$MIZ" case open 0499370899 BUILD-EXT --docs 1 &&
	"$MIZ" case open 0499370899 INSTALLMENT --all-docs &&
	"$MIZ" case status 001000000026 ready &&
	"$MIZ" case status 001000000026 delivered --rating 4; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }
rows=$(sql "SELECT count(*) FROM history")
expect "ordinary work keeps the chain intact" 0 "history chain intact: $rows rows" -- "$MIZ" audit verify

# behind SQL — runs SQL with the append-only triggers set aside, as only the
# server's superuser can.
behind() {
	sql "ALTER TABLE history DISABLE TRIGGER USER; $1; ALTER TABLE history ENABLE TRIGGER USER" >/dev/null
}
reason=$(sql "SELECT reason FROM history WHERE id = $rows")
behind "UPDATE history SET reason = 'satisfaction 5/5' WHERE id = $rows"
expect "a changed row is found" 1 "history row $rows (case 0010 0000 0026" -- "$MIZ" audit verify
behind "UPDATE history SET reason = '$reason' WHERE id = $rows"
expect "... and the chain is whole again once it is put back" 0 "history chain intact" -- "$MIZ" audit verify

sql "CREATE TABLE kept AS SELECT * FROM history WHERE id = 3" >/dev/null
behind "DELETE FROM history WHERE id = 3"
expect "a deleted row is found" 1 "history rows 3 to 3 are missing" -- "$MIZ" audit verify
behind "INSERT INTO history SELECT * FROM kept"

head=$(sql "SELECT hash FROM history ORDER BY id DESC LIMIT 1")
behind "INSERT INTO history(id, case_id, at, action, reason, hash) VALUES ($rows + 1, 1, '2026-11-23 09:00:00', 'visit', '', '$head')"
expect "a slipped-in row with a forged seal is found" 1 "history row $((rows + 1)) (case 0010 0000 0018" -- "$MIZ" audit verify
behind "DELETE FROM history WHERE id = $rows + 1"
expect "the record is whole again" 0 "history chain intact: $rows rows" -- "$MIZ" audit verify

# Without the superuser, the triggers refuse.
if sql "UPDATE history SET reason = 'x' WHERE id = 1" >/dev/null 2>&1; then
	not_ok "with its triggers, the history refuses a change"
else
	ok "with its triggers, the history refuses a change"
fi
tap_end
