#!/bin/sh
# Benchmark (make bench; never part of make check): 8 desks writing intakes
# at once, side by side on an SQLite file and on PostgreSQL, in one run.
# Each intake is a process of its own (miz case open ... --all-docs), as a
# clerk's command would be.  Prints intakes per second on each engine and
# their ratio.  PostgreSQL: a throwaway server from pg_virtualenv, or the
# one the PG* environment names with MIZ_PG_SERVER=here.
#
#   sh bench/writers.sh [WRITERS] [INTAKES_EACH]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
MIZ=${MIZ:-$top/miz}
writers=${1:-8}
each=${2:-40}

if [ "${MIZ_PG_SERVER:-}" != here ]; then
	if ! command -v pg_virtualenv >/dev/null 2>&1; then
		echo "bench/writers.sh: pg_virtualenv missing (./bootstrap installs postgresql)" >&2
		exit 1
	fi
	MIZ_PG_SERVER=here exec pg_virtualenv -c '--locale=C.UTF-8 --encoding=UTF8' \
		sh "$0" "$@"
fi
. "$top/tests/lib.sh"
export PGOPTIONS="-c client_min_messages=warning"
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-writers-XXXXXX")
trap 'rm -rf "$work"' EXIT

# run WHERE — the intakes on one database; prints intakes per second.
run() {
	export MIZ_DB="$1" MIZ_CLERK=bench MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
	"$MIZ" init --training --sample --datadir "$top/data" >/dev/null &&
		"$MIZ" client add 0499370899 "علی کریمی" --mobile 09151234567 >/dev/null || exit 1
	start=$(date +%s%N)
	pids=""
	w=1
	while [ "$w" -le "$writers" ]; do
		(i=0
			while [ "$i" -lt "$each" ]; do
				"$MIZ" case open 0499370899 BUILD-EXT --all-docs --again >/dev/null 2>>"$work/err"
				i=$((i + 1))
			done) &
		pids="$pids $!"
		w=$((w + 1))
	done
	for p in $pids; do wait "$p"; done
	end=$(date +%s%N)
	stored=$(sql "SELECT count(*) FROM cases")
	ms=$(((end - start) / 1000000))
	[ "$stored" -eq $((writers * each)) ] || { echo "only $stored of $((writers * each)) stored" >&2; exit 1; }
	echo $((writers * each * 1000 / (ms > 0 ? ms : 1)))
}

sqlite=$(run "$work/desk.db")
MIZ_TEST_ENGINE=postgresql
pg=$(run "$(test_db "$work" x)")
echo "$writers writers x $each intakes, one process each (miz case open --all-docs):"
echo "  SQLite      $sqlite intakes/s"
echo "  PostgreSQL  $pg intakes/s ($(awk -v a="$pg" -v b="$sqlite" 'BEGIN { printf "%.2f", a / b }')x SQLite)"
[ -s "$work/err" ] && { echo "errors:"; sort "$work/err" | uniq -c | head; exit 1; }
exit 0
