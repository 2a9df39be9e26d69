#!/bin/sh
# miz backup and miz restore: a consistent, checked copy while four desks
# write; old backups pruned; restore refuses a live database without --force
# and then puts the backup's record back exactly.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 missing (./bootstrap installs it)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-backup-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export MIZ_DB="$work/desk.db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
"$MIZ" init --training --sample --datadir "$top/data" >/dev/null &&
	"$MIZ" client add 0499370899 "علی کریمی" >/dev/null || { echo "Bail out! setup"; exit 1; }

# Four desks open cases while backups are taken.
for w in 1 2 3 4; do
	(for i in 1 2 3 4 5 6 7 8; do "$MIZ" case open 0499370899 BUILD-EXT --all-docs --again >/dev/null 2>>"writer$w.err"; done) &
done
backups_ok=0
for b in 1 2 3; do
	if "$MIZ" backup "$work/during-$b.db" >/dev/null 2>>backup.err; then backups_ok=$((backups_ok + 1)); fi
done
wait
if [ "$backups_ok" -eq 3 ] && [ ! -s backup.err ]; then
	ok "three backups while four desks write"
else
	not_ok "three backups while four desks write" "$(cat backup.err)"
fi
if cat writer*.err | grep -q .; then not_ok "the writers were not disturbed" "$(cat writer*.err)"; else ok "the writers were not disturbed"; fi
# Each copy is a consistent moment: every case with its opening in the
# history, no dangling row, no leftover partial file.
for b in 1 2 3; do
	c=$(sqlite3 "during-$b.db" "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM history WHERE action = 'open')")
	f=$(sqlite3 "during-$b.db" "PRAGMA foreign_key_check" | wc -l)
	if [ "$c" = 0 ] && [ "$f" = 0 ] && [ ! -e "during-$b.db.partial" ]; then
		ok "backup $b: every case whole, no dangling row"
	else
		not_ok "backup $b: every case whole, no dangling row" "cases without history: $c, foreign key faults: $f"
	fi
done
total=$(sqlite3 desk.db "SELECT count(*) FROM cases")
[ "$total" = 32 ] && ok "all 32 intakes are in the live database" || not_ok "all 32 intakes are in the live database" "$total"

# A folder: day-stamped names, only the newest kept.
mkdir nightly
for n in 1 2 3; do : >"nightly/desk-2026-11-2$n-235500.db"; done
: >nightly/notes.db
"$MIZ" backup nightly/ --keep 2 >keep.out 2>keep.err
left=$(ls nightly | tr '\n' ' ')
case "$left" in
"desk-2026-11-23-235500.db desk-20"*" notes.db ")
	ok "in a folder the newest 2 are kept, other files left alone" ;;
*) not_ok "in a folder the newest 2 are kept, other files left alone" "$left" "$(cat keep.err)" ;;
esac
if [ "$(stat -c %a "nightly/$(ls -t nightly | grep '^desk-' | head -n1)")" = 600 ]; then
	ok "a backup is private (0600)"
else
	not_ok "a backup is private (0600)" "$(ls -l nightly)"
fi

# Never over the database itself (its -wal would be applied to the copy).
"$MIZ" backup "$MIZ_DB" >self.out 2>self.err
if [ $? -eq 1 ] && grep -qF "is the database itself" self.err && [ "$(sqlite3 desk.db 'PRAGMA integrity_check')" = ok ]; then
	ok "a backup over the live database is refused, the database intact"
else
	not_ok "a backup over the live database is refused, the database intact" "$(cat self.err)"
fi
"$MIZ" backup "" >empty.out 2>empty.err
if [ $? -eq 2 ] && [ ! -e .partial ]; then ok "an empty backup name is a usage error"; else not_ok "an empty backup name is a usage error" "$(cat empty.err)"; fi

# A damaged backup is refused; restore over a database needs --force.
printf 'not a database at all\n' >broken.db
"$MIZ" --db restored.db restore broken.db >r1.out 2>r1.err
if [ $? -eq 1 ] && grep -q "not a miz database" r1.err && [ ! -e restored.db ]; then
	ok "a file that is not a backup is refused, nothing made"
else
	not_ok "a file that is not a backup is refused, nothing made" "$(cat r1.err)"
fi
"$MIZ" restore during-1.db >r2.out 2>r2.err
if [ $? -eq 1 ] && grep -q -- "--force" r2.err; then
	ok "restoring over the live database asks for --force"
else
	not_ok "restoring over the live database asks for --force" "$(cat r2.err)"
fi
want=$(sqlite3 during-2.db "SELECT group_concat(code) FROM (SELECT code FROM cases ORDER BY code)")
"$MIZ" restore during-2.db --force >r3.out 2>r3.err
got=$(sqlite3 desk.db "SELECT group_concat(code) FROM (SELECT code FROM cases ORDER BY code)")
if [ "$got" = "$want" ] && [ "$(sqlite3 desk.db 'PRAGMA integrity_check')" = ok ]; then
	ok "restore --force puts the backup's record back exactly"
else
	not_ok "restore --force puts the backup's record back exactly" "want $want" "got $got" "$(cat r3.err)"
fi
# (as whoever runs the suite: acting for a clerk needs the clerk on record)
env -u MIZ_CLERK "$MIZ" --db fresh.db restore during-3.db >r4.out 2>r4.err
if [ "$(sqlite3 fresh.db 'SELECT count(*) FROM cases')" = "$(sqlite3 during-3.db 'SELECT count(*) FROM cases')" ]; then
	ok "restore into a new path"
else
	not_ok "restore into a new path" "$(cat r4.err)"
fi
tap_end
