#!/bin/sh
# A clerk's own configuration (miz config): where the file is, the values
# it refuses (nothing written then), and a damaged file read as far as it
# goes, each fault named with its line.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-config-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
unset MIZ_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME
export HOME="$work/home" LC_ALL=C.UTF-8
mkdir -p "$HOME"


expect "the defaults, with what each key is" 0 "paper=a5	# " -- "$MIZ" config
expect "the print folder's default is under HOME" 0 "$HOME/.local/share/miz/print" -- "$MIZ" config print_dir
expect "a value is kept" 0 "" -- "$MIZ" config paper roll80
if [ -f "$HOME/.config/miz/miz.conf" ]; then ok "... in ~/.config/miz/miz.conf"; else not_ok "... in ~/.config/miz/miz.conf" "$(find "$HOME")"; fi
mode=$(stat -c %a "$HOME/.config/miz/miz.conf" 2>/dev/null)
case $mode in ?[0145][0145]) ok "... that no one else may write (it names a command to run)" ;;
*) not_ok "... that no one else may write (it names a command to run)" "mode $mode" ;; esac
expect "... and read back" 0 "roll80" -- "$MIZ" config paper
export XDG_CONFIG_HOME="$work/xdg"
expect "XDG_CONFIG_HOME moves the file" 0 "" -- "$MIZ" config bidi terminal
if grep -q '^bidi = terminal$' "$work/xdg/miz/miz.conf" 2>/dev/null; then ok "... to XDG_CONFIG_HOME/miz/miz.conf"; else not_ok "... to XDG_CONFIG_HOME/miz/miz.conf" "$(cat "$work/xdg/miz/miz.conf" 2>&1)"; fi
expect "... whose paper is the default again" 0 "a5" -- "$MIZ" config paper
cp "$work/xdg/miz/miz.conf" before.conf

expect "an unknown key" 2 "unknown setting 'colour'" -- "$MIZ" config colour red
expect "bidi takes two words" 2 "bidi must be miz or terminal" -- "$MIZ" config bidi both
expect "paper takes two sizes" 2 "paper must be a5 or roll80" -- "$MIZ" config paper a4
expect "print_dir is absolute" 2 "print_dir must be an absolute path" -- "$MIZ" config print_dir prints
expect "no control characters" 2 "print_command: the value has a control character" -- "$MIZ" config print_command "$(printf 'lp\033[2J')"
expect "valid UTF-8 only" 2 "print_dir: the value is not valid UTF-8" -- "$MIZ" config print_dir "$(printf '/tmp/\377')"
long=/$(head -c 1100 /dev/zero | tr '\0' a)
expect "at most 1000 bytes" 2 "print_dir: the value is longer than 1000 bytes" -- "$MIZ" config print_dir "$long"
expect "a print command of spaces" 2 "the print command is empty" -- "$MIZ" config print_command "   "
expect "an option is no key" 2 "Usage: miz config" -- "$MIZ" config --paper a5
if cmp -s before.conf "$work/xdg/miz/miz.conf"; then ok "the refusals wrote nothing"; else not_ok "the refusals wrote nothing" "$(cat "$work/xdg/miz/miz.conf")"; fi

# A file edited by hand: each bad line named, the good ones still used.
printf '# mine\npaper = roll80\nthis line has no equals sign\nbidi = sideways\n\nprint_dir =\n' >"$work/xdg/miz/miz.conf"
expect "a line without = is named" 1 "miz.conf:3: expected KEY = VALUE" -- "$MIZ" config
expect "... and what could be read is shown" 1 "paper=roll80" -- "$MIZ" config
printf 'bidi = sideways\n' >"$work/xdg/miz/miz.conf"
expect "a bad value in the file is named with its line" 1 "miz.conf:1: bidi must be miz or terminal" -- "$MIZ" config
printf 'print_dir =\n' >"$work/xdg/miz/miz.conf"
export XDG_DATA_HOME="$work/data"
expect "an empty print_dir is the default, under XDG_DATA_HOME" 0 "$work/data/miz/print" -- "$MIZ" config print_dir

# A last line without its newline keeps its place when a key is added.
printf 'paper = roll80' >"$work/xdg/miz/miz.conf"
expect "a key added after a last line with no newline" 0 "" -- "$MIZ" config bidi miz
if [ "$(cat "$work/xdg/miz/miz.conf")" = "paper = roll80
bidi = miz" ]; then ok "... both lines whole"; else not_ok "... both lines whole" "$(cat "$work/xdg/miz/miz.conf")"; fi

tap_end
