#!/bin/sh
# Benchmark: the desk on a real office's scale — 1,000,000 cases and 500,000
# clients.  Times the core queries through the command line (median of 11
# runs, whole process) and the full-screen desk keystroke-to-screen in tmux
# (median of 5).  Not a test: it prints numbers for the closing notes.
#
#   bench/desk.sh [CLIENTS CASES]     (from a built tree; BENCH_DIR keeps the database)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
MIZ=${MIZ:-$top/miz}
nclients=${1:-500000}
ncases=${2:-1000000}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/miz-bench-XXXXXX")}
db="$work/register-$nclients-$ncases.db"
export LC_ALL=C.UTF-8 MIZ_TODAY=2026-11-23 MIZ_CLERK=bench

if [ ! -f "$db" ]; then
	echo "generating $nclients clients and $ncases cases in $db ..."
	s=$(date +%s)
	"$MIZ" --db "$db" init --training >/dev/null
	python3 "$top/bench/gen_register.py" "$nclients" "$ncases" 40 | sqlite3 "$db" >/dev/null
	sqlite3 "$db" "ANALYZE" >/dev/null
	echo "generated in $(( $(date +%s) - s )) s, $(du -m "$db" | cut -f1) MiB"
fi

# median_ms CMD... — median wall time of 11 runs.
median_ms() {
	: >"$work/t"
	for i in 1 2 3 4 5 6 7 8 9 10 11; do
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		b=$(date +%s%N)
		echo $(( (b - a) / 1000 )) >>"$work/t"
	done
	sort -n "$work/t" | sed -n 6p | awk '{ printf "%8.1f", $1 / 1000 }'
}

code=$(sqlite3 "$db" "SELECT code FROM cases WHERE id = $((ncases / 2))")
echo "== command line (ms, median of 11, whole process incl. start-up)"
printf '%s  %s\n' "$(median_ms "$MIZ" --version)" "miz --version (process start alone)"
printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" desk)" "desk counts (what the desk shows on opening)"
for v in opened awaiting due overdue ready referrals; do
	printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" desk $v)" "desk list $v, first page"
done
printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" desk overdue --offset 100000)" "desk list overdue, page at row 100000 (--offset: rows skipped one by one)"
# The row before 100000, then the page after it by key (as the desk pages).
deep=$("$MIZ" --db "$db" desk overdue --offset 99999 --limit 1 | cut -f1)
printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" desk overdue --after "$deep")" "desk list overdue, page at row 100000 (--after: by key, as the desk pages)"
printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" case show "$code")" "case show by tracking code"
printf '%s  %s\n' "$(median_ms "$MIZ" --db "$db" client find "کریمی" --limit 20)" "client find, part of a name"
printf '%s  %s\n' "$(median_ms sqlite3 "$db" "SELECT count(*) FROM cases")" "(sqlite3 shell: count(*) over all cases, for scale)"

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux missing: no keystroke-to-screen numbers"
	exit 0
fi

echo "== full-screen desk in tmux at 80x24 (ms from key to screen, median of 5)"
printf 'set -g default-terminal screen\nset -g escape-time 0\n' >"$work/tmux.conf"
sock=miz-bench-$$-0
tm() { tmux -L "$sock" -f "$work/tmux.conf" -u "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT

# until TEXT [-E] — ms until the screen shows TEXT (polling every 2 ms);
# with -E, TEXT is an extended regular expression a line must match.
until_ms() {
	how=-F
	[ "${2:-}" = -E ] && how=-E
	a=$(date +%s%N)
	while ! tm capture-pane -p -t "=d:" | grep -q "$how" -- "$1"; do
		b=$(date +%s%N)
		[ $(( (b - a) / 1000000 )) -gt 10000 ] && { echo "timeout"; return; }
		sleep 0.002
	done
	b=$(date +%s%N)
	echo $(( (b - a) / 1000 ))
}
median5() { sort -n | sed -n 3p | awk '{ printf "%8.1f", $1 / 1000 }'; }

: >"$work/open"; : >"$work/code"; : >"$work/name"
pretty=$(echo "$code" | sed -E 's/(....)(....)(....)/\1 \2 \3/')
for i in 1 2 3 4 5; do
	tm kill-server 2>/dev/null || true
	sock=miz-bench-$$-$i
	tm new-session -d -s d -x 80 -y 24 "'$MIZ' --db '$db'; sleep 60"
	until_ms "Referrals late" >>"$work/open"
	tm send-keys -t "=d:" F4
	until_ms "Open a case by tracking code" >/dev/null
	tm send-keys -t "=d:" -l "$code"
	until_ms "Valid code" >/dev/null
	tm send-keys -t "=d:" Enter
	until_ms "Case $pretty" >>"$work/code"
	tm send-keys -t "=d:" F3
	until_ms "Find a case or a client" >/dev/null
	tm send-keys -t "=d:" -l "حسین‌زاد"
	# The first matching client's row (a national ID at the left): Persian
	# names are on screen in display order, so the name itself is not looked for.
	until_ms "^[0-9]{10} " -E >>"$work/name"
done
printf '%s  %s\n' "$(median5 <"$work/open")" "start-up to the desk with its counts and first list"
printf '%s  %s\n' "$(median5 <"$work/code")" "Enter on a tracking code to the case page"
printf '%s  %s\n' "$(median5 <"$work/name")" "typing part of a name to the matching clients"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
