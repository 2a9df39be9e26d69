#!/bin/sh
# The core library knows no screen: no curses, no printing, no exiting.
# Checks the sources' includes and the library's undefined symbols.
set -u
top=${top_srcdir:-.}
lib=${MIZ_CORE_LIB:-./libmizcore.a}
echo "1..4"

bad=$(grep -lE '#include *[<"](n?curses|ncursesw/|term\.h|panel\.h|menu\.h|form\.h)' \
	"$top"/src/core/*.c "$top"/src/core/*.h "$top"/include/miz/*.h 2>/dev/null)
if [ -z "$bad" ]; then echo "ok 1 - no curses header in src/core or include/miz"
else echo "not ok 1 - curses included by: $bad"; fi

# The holiday store knows nothing of cases: a calendar change revises the
# promises through the action that joins them (holiday_change.c), so the
# modules include each other in one direction only.
cycle=$(grep -lE '#include *"miz/case\.h"' "$top"/src/core/holiday.c "$top"/src/core/calendar.c 2>/dev/null)
if [ -z "$cycle" ]; then echo "ok 2 - holiday.c and calendar.c include no case header"
else echo "not ok 2 - a case header included by: $cycle"; fi

undef=$(nm -u "$lib" 2>/dev/null | awk '{print $NF}' | sort -u)
if [ -z "$undef" ]; then echo "not ok 3 - cannot read symbols of $lib"; echo "not ok 4 - skipped"; exit 0; fi

curses=$(printf '%s\n' "$undef" | grep -E '^(initscr|newwin|endwin|w?refresh|w?getch|wget_wch|get_wch|mvw?printw|w?addstr|waddnwstr|wmove|stdscr|curscr|keypad|cbreak|noecho|start_color|init_pair|COLS|LINES|tigetstr|setupterm)$')
if [ -z "$curses" ]; then echo "ok 3 - libmizcore.a references no curses symbol"
else echo "not ok 3 - curses symbols in the core: $curses"; fi

io=$(printf '%s\n' "$undef" | grep -E '^(printf|vprintf|puts|putchar|perror|exit|_exit|err|errx|warn|warnx|__printf_chk|__vprintf_chk|stdout|stderr)$')
if [ -z "$io" ]; then echo "ok 4 - libmizcore.a never prints or exits"
else echo "not ok 4 - the core prints or exits: $io"; fi
