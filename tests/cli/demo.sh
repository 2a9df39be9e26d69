#!/bin/sh
# The demo database (make demo, ./bootstrap --demo): miz init --demo
# writes a month of cases in every state through the clerk's own actions,
# so the record is whole (sealed history, outbox), and only once.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-demo-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
unset MIZ_CLERK

# check NAME WANT GOT
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "wanted: $2" "got: $3"; fi
}

"$MIZ" init --training --demo --datadir "$top/data" >out 2>err
check "init --demo succeeds" "0" "$?"
grep -q 'services imported' out && ok "... loading the sample catalog first" ||
	not_ok "... loading the sample catalog first" "$(cat out err)"
statuses() { "$MIZ" case list | cut -f2 | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }'; }
# demo.c: two waiting for documents, two in progress, one referred, one
# ready, one delivered, one withdrawn.
want="awaiting_documents=2 delivered=1 in_progress=2 ready=1 referred=1 withdrawn=1 "
check "a case in every state" "$want" "$(statuses)"
check "the delivered one was rated" "5" "$("$MIZ" case list --status delivered | cut -f1 | xargs -I{} "$MIZ" case show {} | sed -n 's/^satisfaction: //p' | cut -c1)"
"$MIZ" desk >desk.out
check "the desk's lists are not empty" "0" "$(awk '$2 == 0' desk.out | wc -l)"
"$MIZ" audit verify >audit.out 2>&1
check "the history is sealed whole" "0" "$?"
[ "$("$MIZ" outbox list --all | wc -l)" -gt 0 ] && ok "clients' SMS are in the outbox" ||
	not_ok "clients' SMS are in the outbox"
# The export kinds, each with the header docs/csv-formats.md gives, and rows.
export_head() { "$MIZ" export "$1" | head -n 1 | tr -d '\r'; }
check "export notices: the documented header" '"tracking_code","national_id","client_name","service_code","issued_on","issued_on_jalali","deadline","deadline_jalali","resolved_on","resolved_on_jalali","missing_documents","clerk"' "$(export_head notices)"
check "export referrals: the documented header" '"tracking_code","service_code","department","officer","officer_phone","referred_on","referred_on_jalali","due_on","due_on_jalali","returned_on","returned_on_jalali","late","note","clerk"' "$(export_head referrals)"
check "export satisfaction: the documented header" '"tracking_code","national_id","client_name","service_code","service_name","delivered_on","delivered_on_jalali","satisfaction","comment","clerk"' "$(export_head satisfaction)"
check "export notices: the demo's three (two waiting, one withdrawn while waiting)" "4" "$("$MIZ" export notices | wc -l)"
check "export referrals: the demo's one" "2" "$("$MIZ" export referrals | wc -l)"
check "export satisfaction: the demo's one rating" "2" "$("$MIZ" export satisfaction | wc -l)"
# A disk that fills is said with its own words (the write's errno, not what
# the database's cleanup left behind), and the desk goes on.
if [ -w /dev/full ]; then
	expect "an export to a full disk says so" 1 "cannot write the CSV output: No space left on device" -- "$MIZ" export cases -o /dev/full
	expect "... and the database is fine after it" 0 "opened" -- "$MIZ" desk
fi
before=$("$MIZ" case list | wc -l)
"$MIZ" init --demo --datadir "$top/data" >/dev/null 2>&1
check "a second --demo adds nothing" "$before" "$("$MIZ" case list | wc -l)"
# Every stored day off, of every year (no YEAR given): the sample lists.
"$MIZ" holiday list >days.out
grep -q '^2025-03-21 1404/01/01	' days.out && grep -q '^2026-03-21 1405/01/01	' days.out &&
	ok "holiday list with no year lists every stored day" ||
	not_ok "holiday list with no year lists every stored day" "$(head -3 days.out)"
check "... in date order" "$(sort days.out | head -5)" "$(head -5 days.out)"

tap_end
