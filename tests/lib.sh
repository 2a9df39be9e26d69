# Shared shell helpers for the TAP tests: counters and comparisons.
# shellcheck shell=sh
tap_n=0
tap_failed=0

# ok NAME — one passing test.
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

# not_ok NAME [DETAIL...] — one failing test with diagnostic lines.
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

# expect NAME STATUS TEXT -- COMMAND...: the command exits STATUS, saying
# TEXT on its standard output or error (any output when TEXT is empty).
# Leaves them in ./out and ./err.
expect() {
	name=$1 want=$2 text=$3
	shift 4
	"$@" >out 2>err
	got=$?
	if [ "$got" -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" out err; }; then
		ok "$name"
	else
		not_ok "$name" "exit $got, expected $want, wanted: $text" "$(cat out err)"
	fi
}

# tap_end — prints the plan line.
tap_end() {
	echo "1..$tap_n"
}

# on_pg — true when the tests run on PostgreSQL (tests/pg/run.sh sets
# MIZ_TEST_ENGINE and starts the server the PG* environment names).
on_pg() {
	[ "${MIZ_TEST_ENGINE:-}" = postgresql ]
}

# test_db DIR NAME — where a test's database goes: the SQLite file DIR/NAME,
# or on PostgreSQL a new schema of its own on the test server.
test_db() {
	if on_pg; then
		_schema="t$$_$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
		# sqlite_master's indexes, for the tests that look at them.
		PGOPTIONS="-c client_min_messages=warning" psql -qX \
			-c "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; CREATE SCHEMA $_schema;
			CREATE VIEW $_schema.sqlite_master AS SELECT 'index' AS type,
			CAST(i.indexname AS text) AS name, CAST(i.tablename AS text) AS tbl_name,
			i.indexdef AS sql FROM pg_indexes i WHERE i.schemaname = '$_schema'
			AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)" \
			>/dev/null || return 1
		echo "postgresql://?options=-csearch_path%3D$_schema,public"
	else
		echo "$1/$2"
	fi
}

# sql SQL [WHERE] — a query's rows on the database (MIZ_DB unless WHERE),
# fields split by |: the sqlite3 shell, or psql on PostgreSQL.
sql() {
	_where=${2:-$MIZ_DB}
	case $_where in
	postgres*://*)
		_schema=$(printf '%s' "$_where" | sed -n 's/.*search_path%3D\([^,&]*\).*/\1/p')
		# The tests' SQLite words PostgreSQL says otherwise (as store_pg.c).
		PGOPTIONS="-c search_path=$_schema,public -c client_min_messages=warning" \
			psql -qAtX -v ON_ERROR_STOP=1 -c "$(printf '%s' "$1" |
				sed -e 's/group_concat(/string_agg(/g' -e 's/\([^a-z_]\)date(/\1miz_date(/g')"
		;;
	*) sqlite3 "$_where" "$1" ;;
	esac
}
