#!/bin/sh
# A province's roll-up: two offices (one on an SQLite file, one on
# PostgreSQL) push their figures to the province's PostgreSQL database; the
# province's sheet ranks them with its total; no personal data leaves an
# office; pushing again changes nothing; back-dated work and days missed
# in an outage are caught up; an office without a link sends CSV, loaded at
# the province to the same figures.  Run by tests/pg/run.sh on its server.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

MIZ_TEST_ENGINE=postgresql
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-province-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export LC_ALL=C.UTF-8 MIZ_TODAY=2026-11-23
unset MIZ_CLERK MIZ_DB
one="$work/one.db"
two=$(test_db "$work" x) && province=$(test_db "$work" x) && other=$(test_db "$work" x) ||
	{ echo "Bail out! no database"; exit 1; }
{ "$MIZ" --db "$one" init --training --demo --datadir "$top/data" --office 1 --office-name "دفتر یک" &&
	"$MIZ" --db "$two" init --training --demo --datadir "$top/data" --office 2 --office-name "دفتر دو" &&
	"$MIZ" --db "$province" init && "$MIZ" --db "$other" init; } >setup.out 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }
# The province's figures, one line each.
dump() { sql "SELECT office || '|' || day || '|' || service || '|' || indicator || '|' || value FROM province_figure ORDER BY 1" "${1:-$province}"; }

expect "the first office pushes its figures" 0 "figures of" -- "$MIZ" --db "$one" report push --to "$province"
expect "the second office too" 0 "figures of" -- "$MIZ" --db "$two" report push --to "$province"
dump >first.txt
if [ "$(cut -d'|' -f1 first.txt | sort -u | tr '\n' ' ')" = "1 2 " ]; then ok "the province holds both offices' figures"; else not_ok "the province holds both offices' figures" "$(head -3 first.txt)"; fi

# No personal data: none of the clients' names, IDs or mobiles.
sql "SELECT national_id || ' ' || full_name || ' ' || coalesce(mobile, '') FROM client" "$one" | tr ' ' '\n' | grep . | sort -u >personal.txt
sql "SELECT * FROM province_figure" "$province" >all.txt
if [ -s personal.txt ] && ! grep -qFf personal.txt all.txt; then ok "no client's name, national ID or mobile leaves the office"; else not_ok "no client's name, national ID or mobile leaves the office" "$(grep -Ff personal.txt all.txt | head -3)"; fi

# The same days again: nothing is written (no row version changes).
versions=$(sql "SELECT string_agg(xmin::text, ',' ORDER BY office, day, service, indicator) FROM province_figure" "$province")
"$MIZ" --db "$one" report push --to "$province" >/dev/null 2>&1
"$MIZ" --db "$two" report push --to "$province" >/dev/null 2>&1
if [ "$(sql "SELECT string_agg(xmin::text, ',' ORDER BY office, day, service, indicator) FROM province_figure" "$province")" = "$versions" ]; then
	ok "pushing the same days again writes nothing"
else
	not_ok "pushing the same days again writes nothing"
fi

# Back-dated work changes a past day's figures; the next push sends it.
code=$(sql "SELECT code FROM cases WHERE status = 'ready' LIMIT 1" "$one")
before=$(dump | grep '^1|2026-11-21|' | grep '|delivered|' | awk -F'|' '{ s += $5 } END { print s + 0 }')
"$MIZ" --db "$one" --today 2026-11-21 case status "$code" delivered --rating 4 >/dev/null 2>&1 ||
	"$MIZ" --db "$one" case status "$code" delivered --rating 4 >/dev/null 2>&1
"$MIZ" --db "$one" report push --to "$province" >/dev/null 2>&1
after=$(dump | grep '^1|' | grep '|delivered|' | awk -F'|' '{ s += $5 } END { print s + 0 }')
was=$(grep '^1|' first.txt | grep '|delivered|' | awk -F'|' '{ s += $5 } END { print s + 0 }')
if [ "$after" -eq $((was + 1)) ]; then ok "a delivery since is in the province after the next push"; else not_ok "a delivery since is in the province after the next push" "$was -> $after ($before)"; fi

# An outage: three days of work not pushed, then one push catches up.
for d in 2026-11-24 2026-11-25 2026-11-26; do
	MIZ_TODAY=$d "$MIZ" --db "$two" case open 0081234562 BUILD-EXT --all-docs --again >/dev/null 2>&1
done
MIZ_TODAY=2026-11-26 "$MIZ" --db "$two" report push --to "$province" --days 5 >push.out 2>&1
caught=$(dump | grep '^2|2026-11-2[456]|' | grep '|opened|' | awk -F'|' '$5 > 0' | wc -l)
if [ "$caught" -eq 3 ]; then ok "a push after an outage catches up the days missed"; else not_ok "a push after an outage catches up the days missed" "$(cat push.out)" "$(dump | grep '^2|2026-11-2[456]|' | grep '|opened|')"; fi

# No link: the same figures as CSV, loaded at the province.
expect "the figures as CSV" 0 "" -- "$MIZ" --db "$one" report push --format csv -o one.csv
if head -1 one.csv | grep -qF '"office","office_name","day","service","indicator","value"'; then ok "... under the documented header"; else not_ok "... under the documented header" "$(head -1 one.csv)"; fi
expect "loaded at the province" 0 "figures loaded" -- "$MIZ" --db "$other" report push --from-csv one.csv
dump "$other" >loaded.txt
dump | grep '^1|' >pushed.txt
if cmp -s loaded.txt pushed.txt; then ok "a CSV loaded gives the same figures as a push"; else not_ok "a CSV loaded gives the same figures as a push" "$(diff loaded.txt pushed.txt | head -5)"; fi
printf 'office,office_name,day,service,indicator,value\n3,x,2026-13-01,A,opened,1\n3,x,2026-11-01,A,guesses,1\n3,x,2026-11-01,A,opened,many\n' >bad.csv
expect "a bad CSV is refused, each bad row by its line" 1 "bad.csv:3: unknown indicator 'guesses'" -- "$MIZ" --db "$other" report push --from-csv bad.csv
if grep -qF "bad.csv:2:" err && grep -qF "bad.csv:4: value must be a whole number" err && [ "$(sql "SELECT count(*) FROM province_figure WHERE office = 3" "$other")" = 0 ]; then
	ok "... and nothing of it is loaded"
else
	not_ok "... and nothing of it is loaded" "$(cat err)"
fi
# A file that gives the same figure twice (corrected further down): the
# later row counts, as a second push would.
printf 'office,office_name,day,service,indicator,value\n5,x,2026-11-01,A,opened,3\n5,x,2026-11-01,A,closed,1\n5,y,2026-11-01,A,opened,4\n' >twice.csv
expect "a figure given twice in a file" 0 "figures loaded" -- "$MIZ" --db "$other" report push --from-csv twice.csv
same=$(sql "SELECT indicator || '=' || value || ' ' || office_name FROM province_figure WHERE office = 5 ORDER BY indicator" "$other" | tr '\n' ';')
if [ "$same" = "closed=1 x;opened=4 y;" ]; then ok "... counts its later row"; else not_ok "... counts its later row" "$same"; fi
printf 'office,office_name,day,service,indicator,value\n3,x,1405/09/01,A,opened,1\n4294967297,x,2026-11-01,A,opened,1\n3,,2026-11-01,A,opened,1\n' >bad2.csv
expect "a Solar Hijri day, an office past 999 and an empty name are refused" 1 "bad2.csv:2: day '1405/09/01' is not a date written YYYY-MM-DD" -- "$MIZ" --db "$other" report push --from-csv bad2.csv
if grep -qF "bad2.csv:3: office must be 0 to 999" err && grep -qF "bad2.csv:4: office_name is empty" err; then ok "... each by its line"; else not_ok "... each by its line" "$(cat err)"; fi
# An office that never set its number would send as another's: refused.
nonumber="$work/nonumber.db"
"$MIZ" --db "$nonumber" init --training --demo --datadir "$top/data" >/dev/null 2>&1
expect "an office without its number set may not push" 1 "set the office's number first" -- "$MIZ" --db "$nonumber" report push --to "$province"
# The backlog of a service with no work in the days sent is sent too: the
# province's open cases at the end are the office's own.
"$MIZ" --db "$one" report push --to "$province" --days 1 >/dev/null 2>&1
own=$("$MIZ" --db "$one" report inspection --from 2026-11-23 --to 2026-11-23 | grep 'Backlog: open at the end' | awk '{ print $(NF - 2) }')
"$MIZ" --db "$province" report province --from 2026-11-23 --to 2026-11-23 >sheet.txt 2>&1
prov=$(grep '^ *[0-9]  1 دفتر یک' sheet.txt | awk '{ print $NF }')
if [ -n "$own" ] && [ "$own" = "$prov" ]; then ok "the province's backlog is the office's ($own), quiet services too"; else not_ok "the province's backlog is the office's, quiet services too" "office: $own, province: $prov" "$(cat sheet.txt)"; fi
expect "push says what it needs" 2 "needs one of --to DATABASE, --format csv or --from-csv FILE" -- "$MIZ" --db "$one" report push

# The province's sheet: both offices ranked, and the province's total.
expect "the province's sheet" 0 "Ranked by delivered on time" -- "$MIZ" --db "$province" report province --from 2026-11-01 --to 2026-11-30
if grep -q '^ *1  .*دفتر' out && grep -q '^ *2  .*دفتر' out && grep -q 'Province' out; then ok "... ranks both offices, with the province's total"; else not_ok "... ranks both offices, with the province's total" "$(cat out)"; fi
total=$(grep '^ *Province  ' out | awk '{ print $2 }')
if [ "$total" = "$(sql "SELECT sum(value) FROM province_figure WHERE indicator = 'opened' AND day BETWEEN '2026-11-01' AND '2026-11-30'" "$province")" ]; then ok "... whose total of cases opened is the offices' sum"; else not_ok "... whose total of cases opened is the offices' sum" "$total"; fi
expect "the sheet as CSV" 0 "Rank" -- "$MIZ" --db "$province" report province --from 2026-11-01 --to 2026-11-30 --format csv
expect "a province with no figures for the days says so" 0 "No office has sent figures" -- "$MIZ" --db "$province" report province --from 2020-01-01 --to 2020-01-31
tap_end
