#!/bin/sh
# Fuzzing (not part of make check; `make stress` runs it when clang's
# libFuzzer is there): the core's text module, what a clerk types that is
# parsed, and the CSV reader, each built with libFuzzer, AddressSanitizer and
# UBSan from the core's own sources, run a bounded number of times.  Prints
# executions and crashes per target; exits non-zero on a crash.
#
#   sh tests/stress/fuzz.sh [RUNS]        (from a configured tree: config.h)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-200000}
if ! command -v clang >/dev/null 2>&1 || [ ! -f "$top/config.h" ]; then
	echo "fuzz: clang (with libFuzzer) or a configured tree is missing: skipped"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-fuzz-XXXXXX")
trap 'rm -rf "$work" /tmp/miz-fuzz-csv-*.csv' EXIT
flags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -I$top -I$top/include $(pkg-config --cflags fribidi sqlite3 libcrypto pangocairo)"
libs="$(pkg-config --libs fribidi sqlite3 libcrypto pangocairo cairo-pdf libqrencode) -lcsv -lnova -lm"
objs=""
for src in "$top"/src/core/*.c; do
	o="$work/$(basename "$src" .c).o"
	# shellcheck disable=SC2086
	clang $flags -DLOCALEDIR=\"/nonexistent\" -c "$src" -o "$o" || exit 1
	objs="$objs $o"
done
status=0
for target in text parse csv; do
	# shellcheck disable=SC2086
	clang $flags -fsanitize=fuzzer "$top/tests/stress/fuzz_$target.c" $objs $libs -o "$work/fuzz_$target" || exit 1
	mkdir -p "$work/corpus-$target"
	if "$work/fuzz_$target" -runs="$runs" -max_len=4096 -seed=1 "$work/corpus-$target" \
		>"$work/$target.log" 2>&1; then
		execs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$work/$target.log" | tail -n1)
		echo "fuzz $target: ${execs:-?} executions, 0 crashes"
	else
		echo "fuzz $target: a crash:"
		tail -n 30 "$work/$target.log"
		status=1
	fi
done
exit $status
