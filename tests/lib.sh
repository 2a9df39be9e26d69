# Shared shell helpers for the TAP tests: counters and comparisons.
# shellcheck shell=sh
tap_n=0
tap_failed=0

# ok NAME — one passing test.
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

# not_ok NAME [DETAIL...] — one failing test with diagnostic lines.
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

# expect NAME STATUS TEXT -- COMMAND...: the command exits STATUS, saying
# TEXT on its standard output or error (any output when TEXT is empty).
# Leaves them in ./out and ./err.
expect() {
	name=$1 want=$2 text=$3
	shift 4
	"$@" >out 2>err
	got=$?
	if [ "$got" -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" out err; }; then
		ok "$name"
	else
		not_ok "$name" "exit $got, expected $want, wanted: $text" "$(cat out err)"
	fi
}

# tap_end — prints the plan line.
tap_end() {
	echo "1..$tap_n"
}
