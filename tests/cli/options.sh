#!/bin/sh
# The one option parser every command uses (src/cli/options.c): long
# options anywhere, --name=VALUE, unambiguous starts of a name, -o FILE
# and -oFILE, "--" ending the options; a bad value says why, an unknown or
# ambiguous option prints the command's usage; exit 2 for all of those.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-options-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8
unset MIZ_CLERK
{ "$MIZ" init --training --sample --datadir "$top/data" &&
	"$MIZ" client add 0499370899 "Ali Karimi" &&
	"$MIZ" case open 0499370899 BUILD-EXT --all-docs; } >/dev/null 2>setup.err ||
	{ echo "Bail out! setup: $(cat setup.err)"; exit 1; }
code=$("$MIZ" case list | cut -f1)
printf 'national_id,full_name,mobile,address\n0011223340,Maryam Ahmadi,,\n' >clients-ok.csv

# absent NAME TEXT FILE: TEXT is not in FILE.
absent() {
	if grep -qF -- "$2" "$3"; then not_ok "$1" "$(cat "$3")"; else ok "$1"; fi
}

expect "an option before the argument" 0 "$code" -- "$MIZ" desk --limit 5 opened
expect "--name=VALUE" 0 "$code" -- "$MIZ" desk opened --limit=5
expect "an unambiguous start of a name" 0 "$code" -- "$MIZ" desk opened --lim 5
expect "an ambiguous start is refused" 2 "option --f is ambiguous" -- "$MIZ" report period --f 2026-11-01 --to 2026-11-30
expect "... with the command's usage" 2 "Usage: miz report eod" -- "$MIZ" report period --f 2026-11-01 --to 2026-11-30
expect "an unknown option names itself" 2 "unknown option --bogus" -- "$MIZ" export cases --bogus
expect "... and prints the usage from the one table" 2 "Usage: miz export cases|clients" -- "$MIZ" export cases --bogus
expect "a missing value" 2 "option --note needs a value" -- "$MIZ" case visit "$code" --note
expect "a flag given a value" 2 "option --bom takes no value" -- "$MIZ" export cases --bom=yes
expect "a number out of range says the range" 2 "--limit 0: give a number from 1 to 1000000" -- "$MIZ" desk opened --limit 0
expect "a command's own words for a bad number" 2 "satisfaction is a number from 1 to 5" -- "$MIZ" case status "$code" delivered --rating 9
expect "a bad date is a usage error" 2 "2026-13-01" -- "$MIZ" export cases --from 2026-13-01
expect "too many arguments" 2 "Usage: miz desk" -- "$MIZ" desk opened overdue
expect "-o FILE" 0 "" -- "$MIZ" export clients -o a.csv
if grep -q '^"0499370899","Ali Karimi"' a.csv; then ok "... wrote the file"; else not_ok "... wrote the file" "$(cat a.csv)"; fi
expect "-oFILE" 0 "" -- "$MIZ" export clients -ob.csv
if cmp -s a.csv b.csv; then ok "... the same file"; else not_ok "... the same file"; fi
expect "-- ends the options" 1 "no client matches '--limit'" -- "$MIZ" client find -- --limit
expect "a lone - is an argument" 1 "no client matches '-'" -- "$MIZ" client find -
expect "a subcommand's usage is its own" 2 "Usage: miz case visit CODE [--note TEXT]" -- "$MIZ" case visit
absent "... not every subcommand's" "miz case open" err
expect "miz case --help lists them all" 0 "miz case refer CODE DEPARTMENT" -- "$MIZ" case --help
expect "nothing was changed by the refusals" 0 "in_progress" -- "$MIZ" case list
expect "a setting's value may begin with -" 0 "" -- "$MIZ" setting office_name "-Desk 1-"
expect "... and is kept" 0 "-Desk 1-" -- "$MIZ" setting office_name

expect "import: options before the kind" 0 "checked" -- "$MIZ" import --dry-run clients clients-ok.csv
expect "import: --dry-run is not for the catalog" 2 "--dry-run and --encoding are for clients and cases" -- "$MIZ" import --dry-run services clients-ok.csv
expect "a shortened --format pdf still reaches the typesetter" 0 "" -- "$MIZ" report eod --fo pdf -o eod.pdf
if [ -s eod.pdf ]; then ok "... and the PDF is written"; else not_ok "... and the PDF is written"; fi
expect "case docs reads its arguments like the others" 2 "Usage: miz case docs CODE" -- "$MIZ" case docs "$code"

tap_end
