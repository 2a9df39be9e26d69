#!/bin/sh
# Benchmark: finding a client by national ID, mobile and part of a Persian
# name among 500,000 clients, through the real `miz client find` (a whole
# process each time), against what a plain substring search costs: a LIKE
# scan of the same table in the sqlite3 shell.
#
#   bench/client-search.sh [CLIENTS]       (run from a built tree)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
MIZ=${MIZ:-$top/miz}
n=${1:-500000}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/miz-bench-XXXXXX")}
db="$work/desk.db"

if [ ! -f "$db" ]; then
	echo "generating $n clients in $db ..."
	"$MIZ" --db "$db" init --training >/dev/null
	start=$(date +%s)
	python3 "$top/bench/gen_register.py" "$n" 0 1 | sqlite3 "$db" >/dev/null
	echo "generated in $(( $(date +%s) - start )) s"
fi

# ms QUERY-COMMAND... — median wall time of 11 runs, in milliseconds.
ms() {
	i=0
	: >"$work/times"
	while [ $i -lt 11 ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo $(( (e - s) / 1000 )) >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | sed -n 6p | awk '{ printf "%.1f", $1 / 1000 }'
}

nid=$(sqlite3 "$db" "SELECT national_id FROM client WHERE id = $((n / 2))")
echo "median of 11 runs, milliseconds, $n clients"
printf '%10s %14s  %s\n' "miz find" "LIKE scan" "query"
for q in "$nid" "0915$(printf %07d $((n / 3)))" "کریمی" "حسین‌زاده" "رضا موس" "زهرا"; do
	m=$(ms "$MIZ" --db "$db" client find "$q" --limit 20)
	l=$(ms sqlite3 "$db" "SELECT count(*) FROM client WHERE full_name LIKE '%$q%' OR national_id = '$q' OR mobile = '$q'")
	printf '%10s %14s  %s\n' "$m" "$l" "$q"
done
m=$(ms "$MIZ" --version)
printf '%10s %14s  %s\n' "$m" "" "(miz --version: process start alone)"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
