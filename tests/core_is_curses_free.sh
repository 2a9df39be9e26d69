#!/bin/sh
# The core library knows no screen: no curses, no printing, no exiting; and
# the database engine is reached through the store alone.  Checks the
# sources' includes and the library's undefined symbols.
set -u
top=${top_srcdir:-.}
lib=${MIZ_CORE_LIB:-./libmizcore.a}
echo "1..7"

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

# The store is the one door to the database engines: only store_sqlite.c
# includes sqlite3.h and only store_pg.c libpq-fe.h, and the front ends
# include none of the core's own headers (store.h and the modules'
# internal ones), only include/miz.
engine=$( { grep -lE '#include *[<"]sqlite3\.h' "$top"/src/*/*.c "$top"/src/*/*.h "$top"/include/miz/*.h 2>/dev/null |
	grep -vE '/src/core/store_sqlite\.c$'
	grep -lE '#include *[<"]libpq-fe\.h' "$top"/src/*/*.c "$top"/src/*/*.h "$top"/include/miz/*.h 2>/dev/null |
	grep -vE '/src/core/store_pg\.c$'; } )
if [ -z "$engine" ]; then echo "ok 3 - only store_sqlite.c includes sqlite3.h, only store_pg.c libpq-fe.h"
else echo "not ok 3 - an engine's header included by: $engine"; fi
inner=$(grep -lE '#include *"([./]*src/core/|\.\./core/)?(store|overdue|figures|holiday_store|schema|status_sql)\.h"' \
	"$top"/src/tui/*.c "$top"/src/tui/*.h "$top"/src/cli/*.c "$top"/src/cli/*.h 2>/dev/null)
if [ -z "$inner" ]; then echo "ok 4 - the front ends include no store or core-internal header"
else echo "not ok 4 - a core-internal header included by: $inner"; fi

undef=$(nm -u "$lib" 2>/dev/null | awk '{print $NF}' | sort -u)
if [ -z "$undef" ]; then
	echo "not ok 5 - cannot read symbols of $lib"
	echo "not ok 6 - skipped"
	echo "not ok 7 - skipped"
	exit 0
fi

curses=$(printf '%s\n' "$undef" | grep -E '^(initscr|newwin|endwin|w?refresh|w?getch|wget_wch|get_wch|mvw?printw|w?addstr|waddnwstr|wmove|stdscr|curscr|keypad|cbreak|noecho|start_color|init_pair|COLS|LINES|tigetstr|setupterm)$')
if [ -z "$curses" ]; then echo "ok 5 - libmizcore.a references no curses symbol"
else echo "not ok 5 - curses symbols in the core: $curses"; fi

io=$(printf '%s\n' "$undef" | grep -E '^(printf|vprintf|puts|putchar|perror|exit|_exit|err|errx|warn|warnx|__printf_chk|__vprintf_chk|stdout|stderr)$')
if [ -z "$io" ]; then echo "ok 6 - libmizcore.a never prints or exits"
else echo "not ok 6 - the core prints or exits: $io"; fi

# In the objects too: no module but each engine's own calls it.
callers=$( { nm -A -u "$lib" 2>/dev/null | awk '$NF ~ /^sqlite3_/ { print $1 }' |
	awk -F: '{ print $(NF - 1) }' | sort -u | grep -vE '(^|-)store_sqlite\.o$'
	nm -A -u "$lib" 2>/dev/null | awk '$NF ~ /^PQ/ { print $1 }' |
	awk -F: '{ print $(NF - 1) }' | sort -u | grep -vE '(^|-)store_pg\.o$'; } )
if [ -z "$callers" ]; then echo "ok 7 - only store_sqlite.o calls SQLite, only store_pg.o libpq"
else echo "not ok 7 - an engine called from: $callers"; fi
