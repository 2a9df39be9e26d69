# Helpers of the benchmarks (sourced; $work is the scratch folder).

# secs CMD... — wall seconds of one run.
secs() {
	a=$(date +%s%N)
	"$@" >/dev/null 2>&1
	b=$(date +%s%N)
	awk -v n=$((b - a)) 'BEGIN { printf "%.2f", n / 1e9 }'
}
# median_ms CMD... — median of 11 runs, in milliseconds.
median_ms() {
	: >"$work/t"
	for i in 1 2 3 4 5 6 7 8 9 10 11; do
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		b=$(date +%s%N)
		echo $((b - a)) >>"$work/t"
	done
	sort -n "$work/t" | sed -n 6p | awk '{ printf "%.1f", $1 / 1e6 }'
}
# peak_kib CMD... — peak resident memory (KiB) of one run.
peak_kib() {
	"$TIME" -f %M -o "$work/mem" "$@" >/dev/null 2>&1
	tail -n 1 "$work/mem"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
TIME=/usr/bin/time
