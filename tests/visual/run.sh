#!/bin/sh
# Visual check of the desk in real terminals: miz's own Persian layout
# (FriBidi reordering, Arabic presentation forms, the mirrored layout) as
# xterm, GNOME Terminal (VTE), mlterm and Konsole actually show it, in the
# English and the Persian interface.  Screenshots to look at by eye; this is
# NOT part of `make check`.
#
#   sh tests/visual/run.sh [OUTDIR]        (OUTDIR defaults to ./visual-out)
#
# Needs a built tree (`make`: ./miz and po/fa.gmo), or MIZ=/path/to/miz.
# On Debian, run as root: it installs what is missing with apt-get
# (otherwise it prints the apt-get line and stops) and generates the
# fa_IR.UTF-8 locale.  Each terminal runs under its own Xvfb display, on a
# demo database in a temporary folder; for each TERMINAL (xterm,
# gnome-terminal, mlterm, konsole) and LANG (en, fa) it writes
#   OUTDIR/TERMINAL-LANG-home.png   the desk as it opens
#   OUTDIR/TERMINAL-LANG-case.png   after F4, a tracking code, Enter
# Slow machines: DRAW_WAIT=SECONDS (default 4) waits longer for each draw;
# TERMINALS="xterm mlterm" runs only some of them.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
MIZ=${MIZ:-$top/miz}
out=${1:-./visual-out}
draw_wait=${DRAW_WAIT:-4}
terminals=${TERMINALS:-xterm gnome-terminal mlterm konsole}
cols=110
rows=34

say() { printf 'visual: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# --- What it needs -----------------------------------------------------------

packages="xvfb xterm gnome-terminal dbus-x11 mlterm konsole imagemagick xdotool
	fonts-dejavu-core fonts-noto-core locales"
missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages; as root, run:"
		echo "apt-get update && apt-get install -y --no-install-recommends$missing"
		exit 1
	fi
	say "installing:$missing"
	apt-get update || die "apt-get update failed"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing ||
		die "apt-get install failed"
fi

if ! locale -a 2>/dev/null | grep -qix 'fa_IR\.utf-\{0,1\}8'; then
	if [ "$(id -u)" -ne 0 ]; then
		say "the fa_IR.UTF-8 locale is missing; as root, run:"
		echo "echo 'fa_IR UTF-8' >>/etc/locale.gen && locale-gen"
		exit 1
	fi
	say "generating the fa_IR.UTF-8 locale"
	if grep -q '^# *fa_IR UTF-8' /etc/locale.gen; then
		sed -i 's/^# *\(fa_IR UTF-8\)/\1/' /etc/locale.gen
	elif ! grep -q '^fa_IR UTF-8' /etc/locale.gen; then
		echo 'fa_IR UTF-8' >>/etc/locale.gen
	fi
	locale-gen || die "locale-gen failed"
fi

[ -x "$MIZ" ] || die "no miz at $MIZ: run make first (or set MIZ)"
[ -f "$top/po/fa.gmo" ] || die "no po/fa.gmo: run make first"

mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

# --- The demo desk -----------------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-visual-XXXXXX")
xvfb_pid=
term_pid=

# Ends the terminal started last: it runs as the leader of its own process
# group (setsid), so the group takes the terminal, miz and any session bus.
stop_terminal() {
	if [ -n "$term_pid" ]; then
		kill -TERM "-$term_pid" 2>/dev/null
		i=0
		while kill -0 "-$term_pid" 2>/dev/null && [ $i -lt 20 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "-$term_pid" 2>/dev/null
		wait "$term_pid" 2>/dev/null
		term_pid=
	fi
}
# shellcheck disable=SC2317 # run by the trap
cleanup() {
	stop_terminal
	if [ -n "$xvfb_pid" ]; then
		kill "$xvfb_pid" 2>/dev/null
		wait "$xvfb_pid" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

db=$work/desk.db
export MIZ_CONFIG="$work/miz.conf"
(cd "$top" && "$MIZ" --db "$db" init --sample --demo --datadir data >/dev/null) ||
	die "cannot create the demo database"
mkdir -p "$work/locale/fa/LC_MESSAGES"
cp "$top/po/fa.gmo" "$work/locale/fa/LC_MESSAGES/miz.mo"

# The case to open: 0010 0000 0060 of the demo, else the first one opened.
code=001000000060
if ! "$MIZ" --db "$db" case show "$code" >/dev/null 2>&1; then
	code=$("$MIZ" --db "$db" desk opened | cut -f1 | head -n 1)
	[ -n "$code" ] || die "the demo database has no opened case"
fi
say "case to open: $code"

# The terminals themselves run in English (their menus must not mirror
# the window), in a home of their own so that no profile of root's is used.
export LC_ALL=C.UTF-8 HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
unset LANG LANGUAGE NO_COLOR TMUX VTE_VERSION KONSOLE_VERSION MLTERM XTERM_VERSION
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# What each terminal runs: miz in English or in Persian.  If miz stops, the
# terminal stays open showing why.
for lang in en fa; do
	{
		echo '#!/bin/sh'
		if [ "$lang" = fa ]; then
			echo "export LC_ALL=fa_IR.UTF-8 MIZ_LOCALEDIR='$work/locale'"
		else
			echo "export LC_ALL=C.UTF-8"
		fi
		echo "'$MIZ' --db '$db'"
		echo 'echo "miz exited with status $?"; sleep 600'
	} >"$work/desk-$lang.sh"
	chmod +x "$work/desk-$lang.sh"
done

# --- The X server ------------------------------------------------------------

n=90
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
export DISPLAY=":$n"
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
i=0
until xdotool getdisplaygeometry >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || die "Xvfb did not start: $(cat "$work/xvfb.log")"
	sleep 0.1
done

# --- The terminals -----------------------------------------------------------

# start_TERMINAL SCRIPT: starts the terminal running SCRIPT in a new process
# group; sets term_pid and wclass (the X class of its window).
start_xterm() {
	wclass=XTerm
	setsid xterm -fa 'DejaVu Sans Mono' -fs 11 -geometry "${cols}x${rows}+0+0" \
		-e "$1" >"$work/term.log" 2>&1 &
	term_pid=$!
}
# GNOME Terminal's server is started by D-Bus activation, so it needs a
# session bus: dbus-run-session gives it one, and --wait keeps the client
# (and the bus) until the window closes.  This works on Debian 12 as root
# under Xvfb with no desktop session; were it to stop working, another VTE
# terminal from Debian (sakura, xfce4-terminal) shows the same thing.
start_gnome_terminal() {
	wclass=Gnome-terminal
	setsid dbus-run-session -- gnome-terminal --wait --geometry="${cols}x${rows}+0+0" \
		-- "$1" >"$work/term.log" 2>&1 &
	term_pid=$!
}
start_mlterm() {
	wclass=mlterm
	setsid mlterm --geometry="${cols}x${rows}+0+0" --fontsize=15 \
		--deffont='DejaVu Sans Mono' -e "$1" >"$work/term.log" 2>&1 &
	term_pid=$!
}
# Konsole keeps its default profile: Bi-Directional text rendering on.
start_konsole() {
	wclass=konsole
	setsid dbus-run-session -- konsole --nofork --hide-menubar --hide-tabbar \
		-p TerminalColumns="$cols" -p TerminalRows="$rows" -e "$1" >"$work/term.log" 2>&1 &
	term_pid=$!
}

# shot NAME: the terminal's window (the whole screen if it cannot be found).
shot() {
	if [ -n "$wid" ]; then
		import -window "$wid" "$out/$1.png" 2>/dev/null && return
	fi
	import -window root "$out/$1.png"
}

failed=
for term in $terminals; do
	for lang in en fa; do
		name=$term-$lang
		say "$name"
		rm -f "$out/$name-home.png" "$out/$name-case.png"
		case $term in
		xterm) start_xterm "$work/desk-$lang.sh" ;;
		gnome-terminal) start_gnome_terminal "$work/desk-$lang.sh" ;;
		mlterm) start_mlterm "$work/desk-$lang.sh" ;;
		konsole) start_konsole "$work/desk-$lang.sh" ;;
		*) die "unknown terminal: $term" ;;
		esac
		wid=$(timeout 30 xdotool search --sync --onlyvisible --class "$wclass" 2>/dev/null | tail -n 1)
		if [ -z "$wid" ]; then
			say "$name: no window appeared; the terminal said:"
			sed 's/^/    /' "$work/term.log" >&2
			failed="$failed $name"
			import -window root "$out/$name-home.png"
			stop_terminal
			continue
		fi
		sleep "$draw_wait"
		shot "$name-home"

		# Keys go through XTEST to the focused window (no window manager:
		# focus it and put the pointer on it).
		xdotool windowfocus --sync "$wid" 2>/dev/null
		xdotool mousemove --window "$wid" 200 200
		sleep 0.5
		xdotool key F4
		sleep 1
		xdotool type --delay 60 "$code"
		sleep 0.5
		xdotool key Return
		sleep "$draw_wait"
		shot "$name-case"

		xdotool key F10 # quit miz: it gives the terminal its own bidi back
		sleep 1
		stop_terminal
	done
done

say "screenshots in $out"
ls "$out"/*.png >&2
if [ -n "$failed" ]; then
	say "no window from:$failed"
	exit 1
fi
exit 0
