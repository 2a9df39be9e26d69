#!/bin/sh
# Stress (not part of make check; `make stress` runs it): 8 desks writing
# intakes at once while a reader asks again and again.  Prints intakes per
# second, the writers' busy errors and the reader's (which must be 0: a
# reader never waits for a writer), duplicate codes, and the database's
# integrity.  Exits non-zero when a reader failed, a code was given twice or
# an intake was lost.
#
#   sh tests/stress/concurrency.sh [WRITERS] [INTAKES_EACH]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
MIZ=${MIZ:-$top/miz}
writers=${1:-8}
each=${2:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-stress-XXXXXX")
trap 'rm -rf "$work"' EXIT
export MIZ_DB="$work/desk.db" MIZ_CLERK=stress MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
"$MIZ" init --training --sample --datadir "$top/data" >/dev/null
"$MIZ" client add 0499370899 "علی کریمی" >/dev/null

# The reader: the desk's counts and a case, until the writers are done.
(n=0 bad=0
	while [ ! -e "$work/stop" ]; do
		if ! "$MIZ" desk >/dev/null 2>>"$work/reader.err"; then bad=$((bad + 1)); fi
		n=$((n + 1))
	done
	echo "$n $bad" >"$work/reader.count") &
reader=$!

start=$(date +%s%N)
pids=""
w=1
while [ "$w" -le "$writers" ]; do
	(i=0
		while [ "$i" -lt "$each" ]; do
			"$MIZ" case open 0499370899 BUILD-EXT --all-docs --again >/dev/null 2>>"$work/writer.err"
			i=$((i + 1))
		done) &
	pids="$pids $!"
	w=$((w + 1))
done
for p in $pids; do wait "$p"; done
end=$(date +%s%N)
: >"$work/stop"
wait "$reader"

total=$((writers * each))
cases=$(sqlite3 "$MIZ_DB" "SELECT count(*) FROM cases")
dups=$(sqlite3 "$MIZ_DB" "SELECT count(*) - count(DISTINCT code) FROM cases")
busy_w=$(grep -c . "$work/writer.err" 2>/dev/null || true)
read -r reads busy_r <"$work/reader.count"
ms=$(((end - start) / 1000000))
echo "writers: $writers x $each intakes in $ms ms: $((total * 1000 / (ms > 0 ? ms : 1))) intakes/s"
echo "cases stored: $cases of $total; duplicate codes: $dups; writers' errors: $busy_w"
echo "reader: $reads reads, $busy_r failed"
echo "integrity: $(sqlite3 "$MIZ_DB" 'PRAGMA integrity_check')"
"$MIZ" audit verify
[ "$busy_r" -eq 0 ] && [ "$dups" -eq 0 ] && [ "$cases" -eq "$total" ]
