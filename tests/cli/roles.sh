#!/bin/sh
# Roles: who acts is the user running miz (the real uid), the first clerk of
# a database is its supervisor (and so is whoever owns the file), a clerk is
# refused every supervisor-only action with a clear message and nothing
# changed, and work is dated on the clock's day (a supervisor: at most
# backdate_days back; nobody ahead).  The clerk is the system user "nobody",
# run through setpriv in the group-shared folder of the office install; so
# the test needs root.  This is a real database, not a training one: the
# clock is the system's and MIZ_TODAY does not move it.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
	! getent group nogroup >/dev/null || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP needs root, setpriv, the nogroup group and sqlite3 (CI has them)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-roles-XXXXXX")
trap 'rm -rf "$work"' EXIT
# The office install: a folder shared by the clerks' group, set-group-id.
chgrp nogroup "$work" && chmod 2770 "$work" && chmod o+x "$(dirname "$work")" || exit 1
cd "$work" || exit 1
cp "$top"/tests/fixtures/*.csv "$work"/
# nobody may not reach the build tree (a clone in root's home): a copy here.
cp "$MIZ" "$work/miz" && chmod 0755 "$work/miz" || exit 1
export MIZ_DB="$work/desk.db" LC_ALL=C.UTF-8
unset MIZ_CLERK MIZ_TODAY
me=$(id -un)

# The supervisor: whoever runs the suite, the owner of the file.
sup() { "$MIZ" "$@"; }
day() { date -d "$1" +%Y-%m-%d; }
today=$(day today)
# The clerk: the system user nobody, on the clock's day, in the clerks' group.
clerk() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env HOME="$work" MIZ_CONFIG="$work/nobody.conf" "$work/miz" "$@"
}
{ sup init && sup import services services.csv && sup import documents documents.csv &&
	sup import workweek workweek.csv && sup import holidays holidays.csv &&
	sup client add 0499370899 "علی کریمی" &&
	sup case open 0499370899 PERMIT --all-docs &&
	sup case open 0499370899 NODEBT --docs 1 &&
	sup backup "$work/before.db"; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }
chmod 0640 before.db

# expect NAME STATUS TEXT -- COMMAND...: the command exits STATUS, saying TEXT.
expect() {
	name=$1 want=$2 text=$3
	shift 4
	"$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$name.out" "$name.err"; }; then
		ok "$name"
	else
		not_ok "$name" "exit $got, expected $want, wanted: $text" "$(cat "$name.out" "$name.err")"
	fi
}
# The record, to show a refusal changed nothing.
state() {
	sqlite3 "$MIZ_DB" "SELECT (SELECT group_concat(key || '=' || value) FROM setting),
		(SELECT count(*) FROM holiday), (SELECT count(*) FROM service),
		(SELECT group_concat(name) FROM document), (SELECT group_concat(from_date || ':' || offdays) FROM workweek),
		(SELECT count(*) FROM client), (SELECT group_concat(login || ':' || role) FROM clerk),
		(SELECT count(*) FROM history), (SELECT group_concat(status) FROM cases)"
}

expect "the first clerk of a database is its supervisor" 0 "$me	supervisor" -- sup clerk list
expect "a clerk works at the desk on the clock's day" 0 "" -- clerk case visit 001000000018
expect "a login seen first is a clerk" 0 "nobody	clerk" -- sup clerk list

before=$(state)
printf 'code,name,department,officer,officer_phone,working_days,fee,steps,notes\nX1,خدمت,واحد,,,3,0,,\n' >svc.csv
expect "a clerk may not import the catalog" 1 "only a supervisor may import the service catalog" -- clerk import services svc.csv
expect "a clerk may not import documents" 1 "only a supervisor may import the service catalog" -- clerk import documents documents.csv
printf 'date,name\n2026-12-20,روز\n' >hol.csv
expect "a clerk may not import holidays" 1 "only a supervisor may import holidays" -- clerk import holidays hol.csv
expect "a clerk may not import the workweek" 1 "only a supervisor may import the workweek" -- clerk import workweek workweek.csv
expect "a clerk may not add a closure" 1 "only a supervisor may add a holiday or a closure" -- clerk holiday add 2026-12-21 "آلودگی هوا" --closure
expect "a clerk may not change the office number" 1 "only a supervisor may change the office's settings" -- clerk setting office_number 5
expect "a clerk may not run the legacy import" 1 "only a supervisor may import a register" -- clerk import clients clients.csv
expect "a clerk may not add clerks" 1 "only a supervisor may add a clerk" -- clerk clerk add reza
expect "a clerk may not make themselves supervisor" 1 "only a supervisor may change a clerk's role" -- clerk clerk role nobody supervisor
expect "a clerk may not restore a backup" 1 "only a supervisor may restore a backup" -- clerk restore "$work/before.db" --force
expect "a clerk may not act for another clerk" 1 "only a supervisor may act for another clerk (--clerk or MIZ_CLERK): you are nobody" -- clerk --clerk maryam case visit 001000000018
expect "MIZ_CLERK is the same as --clerk" 1 "only a supervisor may act for another clerk" -- env MIZ_CLERK=maryam setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work" "$work/miz" case visit 001000000018
yesterday=$(date -d yesterday +%Y-%m-%d)
expect "a clerk may not back-date" 1 "only a supervisor may date work before today ($today): $yesterday was asked for (--today or MIZ_TODAY)" -- clerk --today "$yesterday" case visit 001000000018
expect "MIZ_TODAY does not move the clock" 1 "only a supervisor may date work before today" -- env MIZ_TODAY="$yesterday" setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work" "$work/miz" case visit 001000000018
# The desk needs a terminal: script(1) gives it one.
expect "a clerk's desk runs on today" 1 "a clerk's desk works on today's date" -- script -qec "env MIZ_TODAY=$yesterday setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=$work $work/miz --db $MIZ_DB" /dev/null
if [ "$(state)" = "$before" ]; then
	ok "the refusals changed nothing"
else
	not_ok "the refusals changed nothing" "before: $before" "after:  $(state)"
fi
expect "a clerk reads the settings" 0 "office_number=" -- clerk setting

# Roles are the supervisor's; the last supervisor stays one.
expect "the last supervisor cannot step down" 1 "$me is the last supervisor" -- sup clerk role "$me" clerk
expect "a supervisor adds a clerk" 0 "reza added" -- sup clerk add reza --name "رضا نوری"
expect "a login is added once" 1 "reza is a clerk already" -- sup clerk add reza
expect "a role is clerk or supervisor" 2 "unknown role 'boss'" -- sup clerk role reza boss
expect "a supervisor makes a supervisor" 0 "nobody is now: supervisor" -- sup clerk role nobody supervisor
expect "the new supervisor changes a setting" 0 "" -- clerk setting office_name "دفتر نمونه"
expect "a supervisor may step down when another remains" 0 "is now: clerk" -- sup clerk role "$me" clerk
expect "the owner of the file stays a supervisor" 0 "ali added" -- sup clerk add ali
expect "the other supervisor restores the role" 0 "is now: supervisor" -- clerk clerk role "$me" supervisor
expect "a supervisor demotes another" 0 "nobody is now: clerk" -- sup clerk role nobody clerk
expect "the demoted one is a clerk again" 1 "only a supervisor may change the office's settings" -- clerk setting office_name "x"

# Acting for a clerk is recorded as such; the clerk must be one.
expect "acting for someone unknown is refused" 1 "no clerk rezaa (--clerk or MIZ_CLERK): add them with: miz clerk add rezaa" -- sup --clerk rezaa case visit 001000000026
expect "a supervisor acts for a clerk" 0 "" -- sup --clerk reza case visit 001000000026
acted=$(sqlite3 "$MIZ_DB" "SELECT k.login || '/' || s.login FROM history h JOIN clerk k ON k.id = h.clerk_id JOIN clerk s ON s.id = h.acted_by ORDER BY h.id DESC LIMIT 1")
if [ "$acted" = "reza/$me" ]; then ok "the record says who acted for whom"; else not_ok "the record says who acted for whom" "$acted"; fi
expect "the case shows it" 0 "$me acting for رضا نوری visit" -- sup case show 001000000026
expect "the chain covers it" 0 "history chain intact" -- sup audit verify

# Back-dating: a supervisor, within backdate_days (default 3) of the clock;
# nobody dates work ahead of it.
expect "three days back is allowed" 0 "" -- sup --today "$(day '-3 days')" case open 0499370899 NODEBT --docs 1 --again
expect "four days back is not" 1 "work can be dated at most 3 days back (setting backdate_days): $(day '-4 days') is 4 days before $today" -- sup --today "$(day '-4 days')" case open 0499370899 NODEBT --docs 1 --again
expect "nor a day ahead" 1 "work cannot be dated after today ($today): $(day tomorrow) is later" -- sup --today "$(day tomorrow)" case visit 001000000026
expect "the window is a setting" 0 "" -- sup setting backdate_days 0
expect "with a window of 0 no day back is" 1 "at most 0 days back" -- sup --today "$yesterday" case visit 001000000026
expect "the window has bounds" 2 "backdate_days must be a number from 0 to 60" -- sup setting backdate_days 400

# A training database is made as one, never turned into one.
expect "training is not a setting" 2 "unknown setting 'training'" -- sup setting training yes
expect "a database with cases is not made a training one" 1 "this database has cases" -- sup init --training
MIZ_DB="$work/training.db" sup init --training --sample --datadir "$top/data" >/dev/null 2>&1
train() { env MIZ_DB="$work/training.db" MIZ_TODAY=2020-02-03 "$MIZ" "$@"; }
train client add 0499370899 "علی کریمی" >/dev/null 2>&1
expect "in a training database MIZ_TODAY moves the clock" 0 "" -- train case open 0499370899 BUILD-PERMIT --all-docs
expect "the case is dated by it" 0 "opened: 2020-02-03" -- train case show 001000000018
expect "acting for a new clerk records them" 0 "trainee" -- env MIZ_CLERK=trainee MIZ_DB="$work/training.db" MIZ_TODAY=2020-02-03 "$MIZ" clerk list

tap_end
[ "$tap_failed" -eq 0 ]
