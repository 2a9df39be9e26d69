#!/bin/sh
# Correcting a client's record from the command line: name, mobile and
# address, each change kept; a wrong national ID corrected, merged into the
# client already registered under the right one, the cases' histories
# saying so; refusals change nothing.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-client-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
unset MIZ_CLERK
{ "$MIZ" init --training --sample --datadir "$top/data" &&
	"$MIZ" client add 0499370899 "علی کریمی" --mobile 09151234567 &&
	"$MIZ" client add 0011223340 "مریم احمدی" &&
	"$MIZ" case open 0499370899 BUILD-EXT --all-docs; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }

me=$(id -un)

expect "edit prints the corrected record" 0 "0499370899	علی کریمی‌نژاد	09121112233" -- "$MIZ" client edit 0499370899 --name "علی  كريمی‌نژاد" --mobile +989121112233
expect "each change is kept: who, old, new" 0 "$me	mobile	09151234567	09121112233" -- "$MIZ" client history 0499370899
expect "a bad mobile is refused" 1 "mobile" -- "$MIZ" client edit 0499370899 --mobile 0912
expect "an empty name is refused" 1 "empty" -- "$MIZ" client edit 0499370899 --name " "
expect "a control character is refused" 1 "control" -- "$MIZ" client edit 0499370899 --name "$(printf 'Ali \033[2J')"
expect "the refusals changed nothing" 0 "0499370899	علی کریمی‌نژاد	09121112233" -- "$MIZ" client find 0499370899
expect "the same again changes nothing" 0 "nothing changed" -- "$MIZ" client edit 0499370899 --name "علی کریمی‌نژاد"
expect "edit needs something to change" 2 "Usage: miz client" -- "$MIZ" client edit 0499370899
expect "an unknown client" 1 "no client with national ID 1234567891" -- "$MIZ" client edit 1234567891 --name x

# A wrong national ID, merged into the client registered under the right one.
expect "the ID is corrected, its cases moved" 0 "national ID corrected; 1 case moved" -- "$MIZ" client nid 0499370899 0011223340
expect "the case is the right client's now" 0 "client: مریم احمدی (0011223340)" -- "$MIZ" case show 001000000018
expect "and its history says why" 0 "client's national ID corrected: 0499370899 → 0011223340" -- "$MIZ" case show 001000000018
expect "the wrong ID is gone" 1 "no client matches" -- "$MIZ" client find 0499370899
expect "the right one keeps the corrections made before" 0 "name	علی کریمی	علی کریمی‌نژاد" -- "$MIZ" client history 0011223340
expect "the record is still whole" 0 "history chain intact" -- "$MIZ" audit verify

# An import with many bad rows: every one in the rejects file, with its
# line and reason, ready to fix and import again; nothing imported.
{
	echo "national_id,full_name,mobile,address"
	i=0
	while [ $i -lt 1500 ]; do echo "x$i,نام $i,,"; i=$((i + 1)); done
	echo '1234567891,"کریمی, علی",09151234567,"مشهد ""مرکز"""'
} >many.csv
"$MIZ" import clients many.csv --rejects rejects.csv >out 2>err
if [ $? -eq 1 ] && [ "$(grep -c '' rejects.csv)" -eq 1501 ] &&
	grep -qF "every rejected row (1500) is in rejects.csv" err &&
	[ "$(head -n1 rejects.csv | tr -d '\r')" = '"line","message","national_id","full_name","mobile","address"' ] &&
	grep -qF '"1501","national ID x1499: only digits are allowed","x1499","نام 1499","",""' rejects.csv &&
	[ "$(stat -c %a rejects.csv)" = 600 ]; then
	ok "every rejected row is in the rejects file, not the first thousand"
else
	not_ok "every rejected row is in the rejects file, not the first thousand" "$(cat err)" "$(head -3 rejects.csv)" "$(grep -c '' rejects.csv)"
fi
check_nothing=$("$MIZ" client find 1234567891 2>&1)
case $check_nothing in
*"no client matches"*) ok "and nothing was imported" ;;
*) not_ok "and nothing was imported" "$check_nothing" ;;
esac
cp many.csv keep.csv
if ! "$MIZ" import clients many.csv --rejects many.csv 2>err && grep -qF "many.csv is the file being imported" err && cmp -s many.csv keep.csv; then
	ok "--rejects is never the file being imported"
else
	not_ok "--rejects is never the file being imported" "$(cat err)"
fi
printf 'national_id,full_name,mobile,address\n1234567891,کسی,,\n' >good.csv
rm -f rejects2.csv
if "$MIZ" import clients good.csv --rejects rejects2.csv >/dev/null 2>&1 && [ ! -e rejects2.csv ]; then
	ok "a clean import writes no rejects file"
else
	not_ok "a clean import writes no rejects file" "$(ls -l rejects2.csv 2>&1)"
fi

tap_end
[ "$tap_failed" -eq 0 ]
