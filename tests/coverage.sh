#!/bin/sh
# Line coverage of the core, per file, from a build configured with
# --enable-coverage after its tests ran (make coverage does both).
# Prints one line per src/core/*.c and the core's total; exits 1 when a
# file is below the floor (MIZ_COVERAGE_FLOOR, 90 by default).
#   usage: tests/coverage.sh [SRCDIR]   (run in the build directory)
set -u
top=${1:-.}
floor=${MIZ_COVERAGE_FLOOR:-90}
gcov=${GCOV:-gcov}
status=0
total_run=0
total_lines=0
printf '%-28s %8s %7s\n' "file" "lines" "covered"
for src in "$top"/src/core/*.c; do
	name=src/core/$(basename "$src")
	obj=src/core/$(basename "$src" .c)
	if [ ! -f "$obj.gcno" ]; then
		echo "no $obj.gcno: configure with --enable-coverage and build first" >&2
		exit 2
	fi
	# gcov -n reads the counts without writing .gcov files; the block of
	# the source itself (not the headers it includes) has its figures.
	line=$("$gcov" -n -o src/core "$src" 2>/dev/null | awk -v f="$(basename "$src")" '
		/^File / { mine = (index($0, "/" f "'\''") || $0 == "File '\''" f "'\''") }
		mine && /^Lines executed:/ { sub(/^Lines executed:/, ""); print; exit }')
	pct=${line%%%*}
	lines=${line##* of }
	[ -n "$line" ] || { pct=0; lines=0; }
	run=$(awk -v p="$pct" -v n="$lines" 'BEGIN { printf "%d", p * n / 100 + 0.5 }')
	total_run=$((total_run + run))
	total_lines=$((total_lines + lines))
	mark=""
	if awk -v p="$pct" -v f="$floor" 'BEGIN { exit !(p < f) }'; then
		mark="  below $floor%"
		status=1
	fi
	printf '%-28s %8s %6s%%%s\n' "$name" "$lines" "$pct" "$mark"
done
awk -v r="$total_run" -v n="$total_lines" 'BEGIN { printf "%-28s %8d %6.2f%%\n", "core", n, n ? 100 * r / n : 0 }'
exit $status
