#!/bin/sh
# The Persian catalog is complete: every message marked for translation in
# the sources (po/POTFILES.in) has a Persian translation that is not fuzzy,
# and the direction string says right to left.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/tests/lib.sh"

if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgmerge >/dev/null 2>&1; then
	echo "1..0 # SKIP gettext tools missing (./bootstrap installs them)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/miz-po-XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$top" && xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --from-code=UTF-8 \
	--add-comments=TRANSLATORS: -o "$work/miz.pot" --files-from=po/POTFILES.in) ||
	{ echo "Bail out! xgettext failed"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$work/fa.po" "$top/po/fa.po" "$work/miz.pot" 2>/dev/null
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$work/fa.po" 2>&1)
case "$stats" in
*untranslated* | *fuzzy*)
	not_ok "every message has a Persian translation" "$stats" \
		"$(msgattrib --untranslated --no-obsolete "$work/fa.po" | grep '^msgid' | head -20)"
	;;
*) ok "every message has a Persian translation ($stats)" ;;
esac
if grep -A1 '^msgid "default:LTR"' "$top/po/fa.po" | grep -q '^msgstr "default:RTL"'; then
	ok "the Persian interface says it is right to left"
else
	not_ok "the Persian interface says it is right to left"
fi
if msgfmt -c -o /dev/null "$top/po/fa.po" 2>"$work/err"; then
	ok "the catalog's formats match their messages (msgfmt -c)"
else
	not_ok "the catalog's formats match their messages (msgfmt -c)" "$(cat "$work/err")"
fi
tap_end
