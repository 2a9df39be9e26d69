#!/bin/sh
# The history's hash chain: intact after ordinary work; a changed, a deleted
# and a slipped-in row are each found (done with sqlite3 after dropping the
# append-only triggers, as someone with the file could); a printed head is
# checked against the file.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 missing (./bootstrap installs it)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-audit-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export MIZ_DB="$work/desk.db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
{ "$MIZ" init --training --sample --datadir "$top/data" &&
	"$MIZ" client add 0499370899 "علی کریمی" &&
	"$MIZ" case open 0499370899 BUILD-EXT --docs 1 &&
	"$MIZ" case open 0499370899 INSTALLMENT --all-docs &&
	"$MIZ" case status 001000000026 ready &&
	"$MIZ" case status 001000000026 delivered --rating 4; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }

# verify NAME FILE STATUS TEXT [ARGS...]: audit verify on FILE exits STATUS saying TEXT.
verify() {
	name=$1 file=$2 want=$3 text=$4
	shift 4
	"$MIZ" --db "$file" audit verify "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ] && grep -qF -- "$text" "$name.out" "$name.err"; then
		ok "$name"
	else
		not_ok "$name" "exit $got, expected $want" "$(cat "$name.out" "$name.err")"
	fi
}

rows=$(sqlite3 desk.db "SELECT count(*) FROM history")
verify "ordinary work keeps the chain intact" desk.db 0 "history chain intact: $rows rows"
head=$(sed -n 's/.*head \([0-9a-f]*\)$/\1/p' "ordinary work keeps the chain intact.out")
if "$MIZ" report eod | grep -qF "History chain head  $head"; then
	ok "the end-of-day report prints the head"
else
	not_ok "the end-of-day report prints the head" "$head" "$("$MIZ" report eod | tail -3)"
fi
short=$(printf '%s' "$head" | cut -c1-16)

cp desk.db changed.db
sqlite3 changed.db "DROP TRIGGER history_no_update; UPDATE history SET reason = 'satisfaction 5/5' WHERE id = $rows"
verify "a changed row is found" changed.db 1 "history row $rows (case 0010 0000 0026"

cp desk.db deleted.db
sqlite3 deleted.db "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = 3"
verify "a deleted row is found" deleted.db 1 "history rows 3 to 3 are missing"

cp desk.db inserted.db
sqlite3 inserted.db "INSERT INTO history(case_id, at, action, reason, hash) VALUES (1, '2026-11-23 09:00:00', 'visit', '', '$head')"
verify "a slipped-in row with a forged seal is found" inserted.db 1 "history row $((rows + 1)) (case 0010 0000 0018"

cp desk.db unsealed.db
sqlite3 unsealed.db "INSERT INTO history(case_id, at, action, reason) VALUES (1, '2026-11-23 09:00:00', 'visit', '')"
verify "a row written outside miz is found" unsealed.db 1 "has no seal: written outside miz"

# The printed head: still there after more work; gone if the record under
# it was rewritten (here: its last row deleted).
"$MIZ" case visit 001000000018 >/dev/null
verify "a printed head is found after more work" desk.db 0 "the record up to it is as printed" --head "$short"
cp desk.db cut.db
sqlite3 cut.db "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id >= $rows"
verify "a printed head that is gone says the record changed" cut.db 1 "no history row has the head" --head "$short"
verify "a head too short is refused" desk.db 2 "at least the first 16 hex digits" --head abc
tap_end
