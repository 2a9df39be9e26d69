#!/bin/sh
# Benchmark (make bench; never part of make check): a desk 30 ms from its
# PostgreSQL server.  bench/slowlink.py holds each packet 15 ms each way;
# the unit test of an intake's round trips (tests/unit/test_case on
# PostgreSQL) runs through it and says how long a warm intake took, for a
# complete file and with a deficiency notice (the aim: under 0.5 s).
# PostgreSQL: a throwaway server from pg_virtualenv, or the one the PG*
# environment names with MIZ_PG_SERVER=here (over TCP: PGHOST and PGPORT).
#
#   sh bench/latency.sh [DELAY_MS_EACH_WAY]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${MIZ_BUILDDIR:-$(pwd)}
delay=${1:-15}
if [ "${MIZ_PG_SERVER:-}" != here ]; then
	MIZ_PG_SERVER=here exec pg_virtualenv -c '--locale=C.UTF-8 --encoding=UTF8' sh "$0" "$@"
fi
test -x "$build/tests/unit/test_case" || make -C "$build" tests/unit/test_case >/dev/null
port=$((20000 + $$ % 10000))
python3 "$top/bench/slowlink.py" "$port" "${PGHOST:-localhost}" "${PGPORT:-5432}" "$delay" &
proxy=$!
trap 'kill $proxy 2>/dev/null' EXIT
sleep 1
echo "a link of $((2 * delay)) ms there and back:"
PGHOST=127.0.0.1 PGPORT=$port PGOPTIONS="-c client_min_messages=warning" MIZ_TEST_ENGINE=postgresql \
	"$build/tests/unit/test_case" 2>&1 | grep 'round trips per intake'
