#!/bin/sh
# Builds the plain test suite never makes (CI runs this): the install paths
# follow a prefix changed after a first build; a build without NLS; a debug
# build at -O0 (its optimisation is not overridden by a later -O2).  Each
# from a fresh copy of the source tree given (default: this one), in TAP.
set -u
src=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-build-XXXXXX")
trap 'rm -rf "$work"' EXIT
jobs=$(nproc 2>/dev/null || echo 2)

# copy NAME: a clean copy of the tracked tree, autoreconf'd, in $work/NAME.
copy() {
	git -C "$src" ls-files -z | (cd "$src" && xargs -0 tar cf -) | (mkdir -p "$work/$1" && cd "$work/$1" && tar xf -) &&
		(cd "$work/$1" && autoreconf -fi >/dev/null 2>&1)
}

# A prefix changed after a first build: the installed programs look in the
# new one (LOCALEDIR and the data folder were -D flags make did not track).
if copy prefix && cd "$work/prefix" && ./configure -q --prefix=/opt/miz-a >/dev/null &&
	make -j"$jobs" >/dev/null 2>&1 && ./configure -q --prefix=/opt/miz-b >/dev/null &&
	make -j"$jobs" >/dev/null 2>&1 && make install DESTDIR="$work/inst" >/dev/null 2>&1; then
	bin="$work/inst/opt/miz-b/bin/miz"
	if grep -qa "/opt/miz-b/share/locale" "$bin" && grep -qa "/opt/miz-b/share/miz" "$bin" &&
		! grep -qa "/opt/miz-a/" "$bin"; then
		ok "after a new prefix the installed miz looks in it"
	else
		not_ok "after a new prefix the installed miz looks in it" "$(grep -ao '/opt/miz-[ab]/[a-z/]*' "$bin" | sort -u)"
	fi
else
	not_ok "after a new prefix the installed miz looks in it" "the build failed"
fi

# Without NLS.
if copy nls && cd "$work/nls" && ./configure -q --disable-nls --enable-werror >/dev/null &&
	make -j"$jobs" >build.log 2>&1 && ./miz --version >/dev/null; then
	ok "a build with --disable-nls"
else
	not_ok "a build with --disable-nls" "$(tail -20 "$work/nls/build.log" 2>/dev/null)"
fi

# --enable-debug: -O0 and nothing after it.
if copy debug && cd "$work/debug" && ./configure -q --enable-debug --enable-werror >/dev/null &&
	make -j"$jobs" V=1 >build.log 2>&1 && ./miz --version >/dev/null; then
	line=$(grep -m1 -- ' -c ' build.log | grep -- 'calendar')
	[ -n "$line" ] || line=$(grep -m1 -- '-c -o src/core/calendar' build.log)
	if printf '%s\n' "$line" | grep -q -- '-O0' && ! printf '%s\n' "$line" | grep -q -- '-O2'; then
		ok "--enable-debug builds at -O0"
	else
		not_ok "--enable-debug builds at -O0" "$line"
	fi
else
	not_ok "--enable-debug builds at -O0" "$(tail -20 "$work/debug/build.log" 2>/dev/null)"
fi

tap_end
[ "$tap_failed" -eq 0 ]
