#!/bin/sh
# Stress (not part of make check; `make stress` runs it): intakes killed
# with SIGKILL at random moments.  Afterwards the database must be intact,
# every case whole (its opening in the history, its documents), no code
# given twice, and the history's chain intact.  Prints how many kills fell
# before and after the commit.
#
#   sh tests/stress/kill.sh [KILLS]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
MIZ=${MIZ:-$top/miz}
kills=${1:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-kill-XXXXXX")
trap 'rm -rf "$work"' EXIT
export MIZ_DB="$work/desk.db" MIZ_CLERK=stress MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
"$MIZ" init --training --sample --datadir "$top/data" >/dev/null
"$MIZ" client add 0499370899 "علی کریمی" >/dev/null

k=0
while [ "$k" -lt "$kills" ]; do
	"$MIZ" case open 0499370899 BUILD-EXT --all-docs --again >/dev/null 2>&1 &
	pid=$!
	# Somewhere in the first 12 ms of the process's life (an intake takes about 10).
	sleep "0.0$(awk -v s="$k" 'BEGIN { srand(s); printf "%02d", int(rand() * 12) }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	k=$((k + 1))
done
cases=$(sqlite3 "$MIZ_DB" "SELECT count(*) FROM cases")
half=$(sqlite3 "$MIZ_DB" "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM history WHERE action = 'open') OR id NOT IN (SELECT case_id FROM case_document)")
dups=$(sqlite3 "$MIZ_DB" "SELECT count(*) - count(DISTINCT code) FROM cases")
echo "kills: $kills; intakes that committed before the kill: $cases; half-written cases: $half; duplicate codes: $dups"
echo "integrity: $(sqlite3 "$MIZ_DB" 'PRAGMA integrity_check'); foreign key faults: $(sqlite3 "$MIZ_DB" 'PRAGMA foreign_key_check' | wc -l)"
"$MIZ" audit verify && [ "$half" -eq 0 ] && [ "$dups" -eq 0 ] &&
	[ "$(sqlite3 "$MIZ_DB" 'PRAGMA integrity_check')" = ok ]
