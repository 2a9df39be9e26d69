#!/bin/sh
# The suite on PostgreSQL, as one TAP stream: a throwaway server started
# with pg_virtualenv (Debian's postgresql-common; ./bootstrap installs it),
# then inside it every unit test with MIZ_TEST_ENGINE=postgresql (each test
# database a schema of its own) and the checks only PostgreSQL has
# (tests/pg/*.sh but this one).  MIZ_PG_SERVER=here runs them on the
# server the PG* environment already names.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${MIZ_BUILDDIR:-$(pwd)}

if [ "${MIZ_PG_SERVER:-}" != here ]; then
	if ! command -v pg_virtualenv >/dev/null 2>&1; then
		echo "1..0 # SKIP pg_virtualenv missing (./bootstrap installs postgresql)"
		exit 0
	fi
	# As root pg_virtualenv makes the one cluster "regress": one left by
	# a run that was killed (its marker file says so, and no pg_virtualenv
	# is running) goes first.
	if ! pgrep -f 'bin/pg_virtualenv' >/dev/null 2>&1; then
		for marker in /etc/postgresql/*/regress/.by_pg_virtualenv; do
			[ -f "$marker" ] || continue
			v=$(basename "$(dirname "$(dirname "$marker")")")
			pg_dropcluster --stop "$v" regress >/dev/null 2>&1
			# Killed half-way, only the folder with the marker is left.
			[ -f "$marker" ] && rm -rf "$(dirname "$marker")"
		done
		# An empty folder is no cluster either.
		rmdir /etc/postgresql/*/regress 2>/dev/null
	fi
	log=$(mktemp "${TMPDIR:-/tmp}/miz-pg-XXXXXX")
	# A UTF-8 database whose character classes know Persian (store_pg.c
	# refuses another).
	MIZ_PG_SERVER=here pg_virtualenv -c '--locale=C.UTF-8 --encoding=UTF8' \
		sh "$0" "$@" 2>"$log"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "Bail out! the PostgreSQL run failed ($rc)"
		sed 's/^/# /' "$log" | tail -n 40
	fi
	rm -f "$log"
	exit "$rc"
fi

export PGOPTIONS="-c client_min_messages=warning"
n=0
failed=0
# tap PREFIX — renumbers a TAP stream into this one (its plan dropped).
tap() {
	while IFS= read -r line; do
		case $line in
		"ok "*)
			n=$((n + 1))
			echo "ok $n - $1: $(printf '%s\n' "$line" | sed 's/^ok [0-9]* *-* *//')"
			;;
		"not ok "*"# SKIP"*)
			# cmocka writes a skipped test "not ok ... # SKIP": a skip.
			n=$((n + 1))
			echo "ok $n - $1: $(printf '%s\n' "$line" | sed 's/^not ok [0-9]* *-* *//')"
			;;
		"not ok "*)
			n=$((n + 1))
			failed=$((failed + 1))
			echo "not ok $n - $1: $(printf '%s\n' "$line" | sed 's/^not ok [0-9]* *-* *//')"
			;;
		"1.."*) ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done
}

units=${MIZ_UNIT_TESTS:-$(cd "$build" && ls tests/unit/test_* | grep -v '\.')}
for t in $units; do
	out=$(MIZ_TEST_ENGINE=postgresql CMOCKA_MESSAGE_OUTPUT=TAP "$build/$t" 2>&1)
	printf '%s\n' "$out" | { tap "$(basename "$t") on PostgreSQL"; echo "$n $failed" >"$build/.pg-count"; }
	read -r n failed <"$build/.pg-count"
done
# The command line, the desk and the papers as on SQLite (the parts about
# SQLite's files say so and stay SQLite's: audit.sh and backup.sh copy
# files, roles.sh is about who owns one), then PostgreSQL's own checks.
scripts="tests/cli/run.sh tests/cli/register.sh tests/cli/client.sh tests/cli/calendar.sh
	tests/cli/demo.sh tests/cli/options.sh tests/cli/outbox.sh tests/paper/run.sh
	tests/tui/run.sh tests/pg/schema_same.sh tests/pg/concurrency.sh tests/pg/grants.sh
	tests/pg/province.sh tests/pg/audit.sh tests/pg/import.sh"
for s in $scripts; do
	if [ ! -f "$top/$s" ]; then
		n=$((n + 1))
		failed=$((failed + 1))
		echo "not ok $n - $s is missing"
		continue
	fi
	out=$(cd "$build" && MIZ_TEST_ENGINE=postgresql MIZ="$build/miz" top_srcdir="$top" \
		sh "$top/$s" 2>&1)
	name=$(printf '%s' "$s" | sed 's|^tests/||; s|\.sh$||')
	printf '%s\n' "$out" | { tap "$name on PostgreSQL"; echo "$n $failed" >"$build/.pg-count"; }
	read -r n failed <"$build/.pg-count"
done
rm -f "$build/.pg-count"
echo "1..$n"
[ "$failed" -eq 0 ]
