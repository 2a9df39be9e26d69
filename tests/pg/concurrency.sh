#!/bin/sh
# Desks racing on PostgreSQL: 8 processes at once on the same 10 cases,
# each trying moves that conflict (ready, delivered, withdrawn, back in
# progress, referred, a visit) while two more open new cases.  Afterwards
# every case's history is a legal sequence (each move allowed from the
# status the one before left, nothing after a closing), no case was closed
# twice, each case stands where its history ends, no tracking code was
# given twice, and the seals hold.  Run by tests/pg/run.sh on its server.
#
#   sh tests/pg/concurrency.sh [ROUNDS]
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"
rounds=${1:-6}

MIZ_TEST_ENGINE=postgresql
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-race-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
{ "$MIZ" init --training --sample --datadir "$top/data" &&
	"$MIZ" client add 0499370899 "علی کریمی" &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$MIZ" case open 0499370899 BUILD-EXT --all-docs --again || exit 1
	done; } >setup.out 2>setup.err || { echo "Bail out! setup: $(cat setup.err)"; exit 1; }
codes=$(sql "SELECT code FROM cases ORDER BY id")

# desk N — one desk's rounds: every case, the moves in its own order; the
# last desk withdraws what is left in the last round.
desk() {
	n=$1 r=0
	dept=$(sql "SELECT name FROM department ORDER BY id LIMIT 1")
	while [ "$r" -lt "$rounds" ]; do
		for code in $codes; do
			case $(((n + r) % 6)) in
			0) "$MIZ" case status "$code" ready ;;
			1) "$MIZ" case status "$code" in_progress ;;
			2) "$MIZ" case refer "$code" "$dept" ;;
			3) "$MIZ" case status "$code" ready ;;
			4) "$MIZ" case status "$code" delivered --rating 4 ;;
			5) "$MIZ" case visit "$code" ;;
			esac
		done
		r=$((r + 1))
	done
	if [ "$n" -eq 8 ]; then
		for code in $codes; do "$MIZ" case status "$code" withdrawn --reason "race"; done
	fi
}
pids=""
for n in 1 2 3 4 5 6 7 8; do
	desk "$n" >"desk$n.out" 2>"desk$n.err" &
	pids="$pids $!"
done
for n in 1 2; do
	(i=0
		while [ "$i" -lt 20 ]; do
			"$MIZ" case open 0499370899 BUILD-EXT --all-docs --again || exit 1
			i=$((i + 1))
		done) >"open$n.out" 2>"open$n.err" &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done

# What the desks were told: refusals of moves the case no longer allows,
# never a fault of the database.
cat desk*.err | sort | uniq -c | sort -rn | sed 's/^/# /' | head -12
faults=$(cat desk*.err open*.err | grep -v "no longer\|cannot\|may not\|already\|is not\|first\|only a case" | head -5)
if [ -z "$faults" ] && [ ! -s open1.err ] && [ ! -s open2.err ]; then
	ok "8 desks racing: each refused move in the clerk's words, no fault"
else
	not_ok "8 desks racing: each refused move in the clerk's words, no fault" "$faults" "$(cat open1.err open2.err | head -3)"
fi
moves=$(sql "SELECT count(*) FROM history WHERE to_status IS NOT NULL AND from_status IS NOT NULL")
if [ "$moves" -ge 10 ]; then ok "the desks did move the cases ($moves moves)"; else not_ok "the desks did move the cases" "$moves"; fi

# Each move starts where the one before it ended ...
broken=$(sql "SELECT count(*) FROM history h WHERE h.to_status IS NOT NULL
	AND h.from_status IS DISTINCT FROM (SELECT p.to_status FROM history p
	WHERE p.case_id = h.case_id AND p.to_status IS NOT NULL AND p.id < h.id
	ORDER BY p.id DESC LIMIT 1)
	AND EXISTS (SELECT 1 FROM history p WHERE p.case_id = h.case_id
	AND p.to_status IS NOT NULL AND p.id < h.id)")
if [ "$broken" = 0 ]; then ok "every move starts from the status the one before left"; else not_ok "every move starts from the status the one before left" "$broken broken"; fi
# ... is one the desk allows (case_transition_allowed, and the moves a
# referral (again, to another department while referred), its return
# and a completed file make) ...
illegal=$(sql "SELECT count(*) FROM history WHERE from_status IS NOT NULL AND to_status IS NOT NULL
	AND from_status || '>' || to_status NOT IN (
	'awaiting_documents>withdrawn', 'awaiting_documents>rejected', 'awaiting_documents>in_progress',
	'in_progress>ready', 'in_progress>withdrawn', 'in_progress>rejected', 'in_progress>referred',
	'referred>referred', 'referred>in_progress', 'referred>ready', 'referred>withdrawn', 'referred>rejected',
	'ready>delivered', 'ready>in_progress', 'ready>withdrawn')")
if [ "$illegal" = 0 ]; then ok "every move is one the desk allows"; else not_ok "every move is one the desk allows" "$illegal illegal" "$(sql "SELECT from_status || '>' || to_status || ' ' || action FROM history WHERE from_status IS NOT NULL AND to_status IS NOT NULL")"; fi
# ... and none comes after a closing: no case closed twice.
twice=$(sql "SELECT count(*) FROM (SELECT case_id FROM history
	WHERE to_status IN ('delivered', 'withdrawn', 'rejected')
	GROUP BY case_id HAVING count(*) > 1) AS t")
if [ "$twice" = 0 ]; then ok "no case delivered or closed twice"; else not_ok "no case delivered or closed twice" "$twice cases"; fi
stands=$(sql "SELECT count(*) FROM cases c WHERE c.status <> (SELECT h.to_status FROM history h
	WHERE h.case_id = c.id AND h.to_status IS NOT NULL ORDER BY h.id DESC LIMIT 1)")
if [ "$stands" = 0 ]; then ok "each case stands where its history ends"; else not_ok "each case stands where its history ends" "$stands differ"; fi
dups=$(sql "SELECT count(*) - count(DISTINCT code) FROM cases")
total=$(sql "SELECT count(*) FROM cases")
if [ "$dups" = 0 ] && [ "$total" = 50 ]; then ok "50 cases, no tracking code given twice"; else not_ok "50 cases, no tracking code given twice" "$total cases, $dups repeated"; fi
if "$MIZ" audit verify >verify.out 2>&1; then ok "the history's seals hold"; else not_ok "the history's seals hold" "$(cat verify.out)"; fi
tap_end
