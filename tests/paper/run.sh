#!/bin/sh
# Paper: the receipt, the deficiency notice, the closing slip, the guide card
# and a report written as PDF by the real miz binary, then read back with
# poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) and zbar (the QR code),
# as a client's scanner and eyes would: the tracking code in its groups, the
# client's Persian name, every missing document, an embedded Arabic-script
# font, the page size, and the QR code decoding to the 12 digits.  Expected
# values are worked out by hand from tests/fixtures (see the comments).
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIZ=${MIZ:-$top/miz}
. "$top/tests/lib.sh"

for tool in pdftotext pdffonts pdfinfo pdftoppm zbarimg python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool missing (./bootstrap installs poppler-utils and zbar-tools)"
		exit 0
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/miz-paper-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
# MIZ_CONFIG and HOME keep the clerk's real configuration and print folder out of it.
work_db=$(test_db "$work" desk.db) || { echo "Bail out! no database"; exit 1; }
export MIZ_DB="$work_db" MIZ_CLERK=tester MIZ_TODAY=2026-11-23 LC_ALL=C.UTF-8 \
	MIZ_CONFIG="$work/miz.conf" HOME="$work" XDG_DATA_HOME="$work/data"
unset XDG_CONFIG_HOME LANGUAGE LANG

# The fixtures' catalog and calendar; Thursday and Friday off, 1405/09/09
# (2026-11-30) a holiday.
(cd "$top/tests/fixtures" && "$MIZ" init --training >/dev/null && "$MIZ" import services services.csv >/dev/null &&
	"$MIZ" import documents documents.csv >/dev/null && "$MIZ" import workweek workweek.csv >/dev/null &&
	"$MIZ" import holidays holidays.csv >/dev/null) || { echo "Bail out! cannot load fixtures"; exit 1; }
"$MIZ" setting office_name "دفتر خدمات شهری منطقه ۳" >/dev/null
"$MIZ" client add 0499370899 "مریم گلزاری" >/dev/null || { echo "Bail out! client"; exit 1; }

# Codes are made in order: serials 1, 2, 3 with their Damm check digits.
# PERMIT with documents 1 (ID card copy) and 3 (photo, optional): 2 and 4 missing.
"$MIZ" case open 0499370899 PERMIT --docs 1,3 >/dev/null
notice=001000000018
# NODEBT complete: in progress, promised 2 working days on (Tue 24, Wed 25).
"$MIZ" case open 0499370899 NODEBT --all-docs >/dev/null
receipt=001000000026
# NODEBT complete (a second one on purpose), then ready and delivered with a rating of 4.
"$MIZ" case open 0499370899 NODEBT --all-docs --again >/dev/null
"$MIZ" case status 001000000039 ready >/dev/null
"$MIZ" case status 001000000039 delivered --rating 4 >/dev/null
slip=001000000039

# The PDF's text for matching: NFKC (presentation forms back to letters),
# without spaces or format characters (pdftotext puts spaces inside Arabic
# words and bidi marks around runs).
cat >norm.py <<'EOF'
import sys, unicodedata
def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c) != "Cf")
# norm.py FILE NEEDLE...: the needles missing from FILE's text, one a line.
text = norm(open(sys.argv[1], encoding="utf-8").read())
for n in sys.argv[2:]:
    if norm(n) not in text:
        print(n)
EOF
# bbox.py FILE order W1 W2 ...: the words are on one line, left to right.
# bbox.py FILE start WORD rtl|ltr: the other words on WORD's line (its label)
# are all to its right (rtl) or all to its left (ltr).
cat >bbox.py <<'EOF'
import re, sys, unicodedata
words = []
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                     open(sys.argv[1], encoding="utf-8").read()):
    x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
    words.append((x0, y0, x1, y1, unicodedata.normalize("NFKC", m.group(5))))
def find(w):
    for t in words:
        if t[4] == w:
            return t
    sys.exit("no word %r" % w)
def same_line(a, b):
    c = (b[1] + b[3]) / 2
    return a[1] <= c <= a[3]
if sys.argv[2] == "order":
    ws = [find(w) for w in sys.argv[3:]]
    for a, b in zip(ws, ws[1:]):
        if not same_line(a, b) or not a[2] <= b[0]:
            sys.exit("%r is not left of %r on its line" % (a[4], b[4]))
else:
    v = find(sys.argv[3])
    others = [t for t in words if t is not v and same_line(v, t)]
    if not others:
        sys.exit("nothing beside %r" % v[4])
    for t in others:
        if (sys.argv[4] == "rtl" and t[0] < v[2]) or (sys.argv[4] == "ltr" and t[2] > v[0]):
            sys.exit("%r is on the wrong side of %r" % (t[4], v[4]))
EOF

# check NAME COMMAND...: one test from a command's success; its output as diagnostics.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

# run NAME STATUS ARGS...: miz with ARGS exits with STATUS; stdout in NAME.out, stderr in NAME.err.
run() {
	name=$1 want=$2
	shift 2
	"$MIZ" "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		not_ok "$name: miz $* exits $want" "exit status $got" "$(cat "$name.err")"
	elif [ "$want" -ne 0 ] && [ ! -s "$name.err" ]; then
		not_ok "$name: miz $* exits $want" "no message on stderr"
	else
		ok "$name: miz $* exits $want"
	fi
}

# err_has NAME TEXT: NAME.err holds TEXT.
err_has() {
	if grep -qF -- "$2" "$1.err"; then ok "$1: says '$2'"; else not_ok "$1: says '$2'" "$(cat "$1.err")"; fi
}

# text_has PDF NEEDLE...: pdftotext finds every needle.
text_has() {
	pdf=$1
	shift
	pdftotext -enc UTF-8 "$pdf" "$pdf.txt" 2>/dev/null
	missing=$(python3 norm.py "$pdf.txt" "$@")
	if [ -z "$missing" ]; then ok "$pdf: text has $*"; else not_ok "$pdf: text has $*" "missing: $missing"; fi
}

# text_lacks PDF NEEDLE: pdftotext does not find it.
text_lacks() {
	pdftotext -enc UTF-8 "$1" "$1.txt" 2>/dev/null
	if [ -n "$(python3 norm.py "$1.txt" "$2")" ]; then ok "$1: text lacks $2"; else not_ok "$1: text lacks $2"; fi
}

# raw_has PDF TEXT: pdftotext's own text (spaces kept) holds TEXT: the code in its groups.
raw_has() {
	if pdftotext -enc UTF-8 "$1" - 2>/dev/null | grep -qF -- "$2"; then ok "$1: '$2' as printed"
	else not_ok "$1: '$2' as printed" "$(pdftotext -enc UTF-8 "$1" - 2>/dev/null | head -20)"; fi
}

# qr_is PDF CODE: the QR code on page 1, scanned at 200 dpi, reads CODE.
qr_is() {
	pdftoppm -r 200 -png -f 1 -l 1 -singlefile "$1" "$1-qr" 2>/dev/null
	got=$(zbarimg --raw -q "$1-qr.png" 2>/dev/null)
	if [ "$got" = "$2" ]; then ok "$1: QR code reads $2"; else not_ok "$1: QR code reads $2" "got: $got"; fi
}

# arabic_font PDF: an Arabic-script font is embedded.
arabic_font() {
	if pdffonts "$1" 2>/dev/null | awk 'NR > 2 && /Arabic|Vazirmatn/ && $(NF-4) == "yes" { f = 1 } END { exit !f }'
	then ok "$1: an Arabic-script font is embedded"
	else not_ok "$1: an Arabic-script font is embedded" "$(pdffonts "$1" 2>&1)"; fi
}

# width_is PDF POINTS PAGES: page size and count (A5 419.528 x 595.276; 80 mm = 226.772).
page_is() {
	info=$(pdfinfo "$1" 2>/dev/null)
	w=$(printf '%s\n' "$info" | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
	n=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
	if [ "$w" = "$2" ] && [ "$n" = "$3" ]; then ok "$1: $2 pt wide, $3 page(s)"
	else not_ok "$1: $2 pt wide, $3 page(s)" "$info"; fi
}

# --- the deficiency notice, A5 and roll ---------------------------------------
# The notice lists documents 2 and 4 (both originals); the deadline is
# 10 working days after Mon 2026-11-23: 24 25 28 29 (30 holiday) 1 2 5 6 7 8.
run notice-a5 0 case print $notice -o notice-a5.pdf
run notice-roll 0 case print $notice --paper roll80 -o notice-roll.pdf
for f in notice-a5.pdf notice-roll.pdf; do
	raw_has $f "0010 0000 0018"
	text_has $f "DEFICIENCY NOTICE" "مریم گلزاری" "نقشه‌های معماری" "فیش واریزی" \
		"2026-12-08 (1405/09/17)" "Bring them by" "5 working days" "051-35412233" \
		"رضا نوری" "Signature" "tester" "دفتر خدمات شهری منطقه"
	text_lacks $f "کپی کارت ملی"
	arabic_font $f
	qr_is $f $notice
done
page_is notice-a5.pdf 419.528 1
page_is notice-roll.pdf 226.772 1
# Under English the page is left to right: the label left of its value.
pdftotext -bbox notice-a5.pdf notice-a5.html 2>/dev/null
check "notice-a5: code groups left to right" python3 bbox.py notice-a5.html order 0010 0000 0018
check "notice-a5: label left of the national ID" python3 bbox.py notice-a5.html start 0499370899 ltr

# --- the receipt and the closing slip -------------------------------------------
run receipt-a5 0 case print $receipt -o receipt-a5.pdf
run receipt-roll 0 case print $receipt --receipt --paper roll80 -o receipt-roll.pdf
for f in receipt-a5.pdf receipt-roll.pdf; do
	raw_has $f "0010 0000 0026"
	text_has $f "RECEIPT" "مریم گلزاری" "مفاصاحساب" "NODEBT" "2026-11-25 (1405/09/04)" \
		"درخواست کتبی" "سارا کاظمی"
	arabic_font $f
	qr_is $f $receipt
done
page_is receipt-a5.pdf 419.528 1
page_is receipt-roll.pdf 226.772 1
run slip-a5 0 case print $slip -o slip-a5.pdf
run slip-roll 0 case print $slip --slip --paper roll80 -o slip-roll.pdf
for f in slip-a5.pdf slip-roll.pdf; do
	raw_has $f "0010 0000 0039"
	text_has $f "CLOSING SLIP" "مریم گلزاری" "delivered" "4/5"
	qr_is $f $slip
done

# The wrong paper for a case's status is refused, with nothing written.
run receipt-of-waiting 1 case print $notice --receipt -o wrong.pdf
err_has receipt-of-waiting "deficiency notice"
run notice-of-open 1 case print $receipt --notice -o wrong.pdf
run slip-of-open 1 case print $receipt --slip -o wrong.pdf
check "refused papers write no file" test ! -e wrong.pdf
run two-kinds 2 case print $notice --receipt --notice -o wrong.pdf
run bad-paper 2 case print $notice --paper a4 -o wrong.pdf
err_has bad-paper "use a5 or roll80"

# --- bad input -------------------------------------------------------------
run unknown-code 1 case print 001000000995 -o x.pdf
run bad-check-digit 1 case print 001000000081 -o x.pdf
err_has bad-check-digit "check digit"
run no-folder 1 case print $notice -o "$work/no/such/folder/x.pdf"
err_has no-folder "cannot write $work/no/such/folder/x.pdf: No such file or directory"
check "no folder was made" test ! -e "$work/no"
mkdir isdir
run into-folder 1 case print $notice -o "$work/isdir"
check "a failed write leaves no temporary file" sh -c "! ls '$work' | grep -q '^isdir\.'"
check "the folder is still a folder, empty" sh -c "[ -d '$work/isdir' ] && [ -z \"\$(ls -A '$work/isdir')\" ]"
# A name of 500 characters, and one of combining marks only.
# Names are limited at the way in now (100 letters), so the long one is put
# straight into the file, as a register from before the limit would have it.
long=$(python3 -c 'print(("مریم " * 100)[:500])')
"$MIZ" client add 0123456789 "مریم" >/dev/null
sql "UPDATE client SET full_name = '$long' WHERE national_id = '0123456789'"
"$MIZ" case open 0123456789 NODEBT --all-docs >/dev/null # 0010 0000 0047
run long-name-a5 0 case print 001000000047 -o long-a5.pdf
run long-name-roll 0 case print 001000000047 --paper roll80 -o long-roll.pdf
qr_is long-roll.pdf 001000000047
"$MIZ" client add 1234567891 "$(printf '\331\213\331\214\331\215\331\220')" >/dev/null
"$MIZ" case open 1234567891 PERMIT >/dev/null # 0010 0000 0052, every document missing
run marks-name-a5 0 case print 001000000052 -o marks-a5.pdf
run marks-name-roll 0 case print 001000000052 --paper roll80 -o marks-roll.pdf
text_has marks-a5.pdf "کپی کارت ملی" "نقشه‌های معماری" "فیش واریزی"

# --- the guide card and a report --------------------------------------------
run guide 0 service print PERMIT -o guide.pdf
text_has guide.pdf "صدور پروانه ساخت" "PERMIT" "15,000,000" "کپی کارت ملی" "نقشه‌های معماری" \
	"عکس" "فیش واریزی" "بازدید کارشناس" "5 working days"
run guide-roll 0 service print NODEBT --paper roll80 -o guide-roll.pdf
page_is guide-roll.pdf 226.772 1
run guide-unknown 1 service print NOPE -o x.pdf
run report-pdf 0 report eod --format pdf -o eod.pdf
# Intakes that day: the five cases above.
text_has eod.pdf "End of day" "2026-11-23" "Intakes" "NODEBT" "صدور پروانه ساخت"
page_is eod.pdf 595.276 1
run report-pdf-no-o 2 report eod --format pdf
err_has report-pdf-no-o "-o"

# --- miz config, the print folder and the print command ----------------------
run config-list 0 config
check "config lists the four keys" sh -c "grep -c '^print_command=lp	# \|^print_dir=$work/data/miz/print	# \|^paper=a5	# \|^bidi=miz	# ' config-list.out | grep -qx 4"
run config-set-paper 0 config paper roll80
run config-get-paper 0 config paper
check "config paper reads roll80" grep -qx roll80 config-get-paper.out
check "the file has it" grep -qx "paper = roll80" miz.conf
run default-paper 0 case print $receipt -o default.pdf
page_is default.pdf 226.772 1
run config-bad-value 2 config paper a4
err_has config-bad-value "a5 or roll80"
check "a bad value changes nothing" grep -qx "paper = roll80" miz.conf
run config-unknown 2 config colour blue
err_has config-unknown "colour"
run setting-print-command 2 setting print_command lp
err_has setting-print-command "miz config print_command"
run setting-print-dir 2 setting print_dir /tmp
run setting-list 0 setting
check "miz setting no longer lists print_command" sh -c "! grep -q '^print_' setting-list.out"

# The print command gets the file as its last argument; miz prints the path.
mkdir out
run config-dir 0 config print_dir "$work/copies/kept"
run config-cmd 0 config print_command "cp --target-directory=$work/out"
run print-send 0 case print $notice
check "the path written is printed" grep -qx "$work/copies/kept/notice-$notice.pdf" print-send.out
check "the print command got that file" cmp "$work/copies/kept/notice-$notice.pdf" "out/notice-$notice.pdf"
qr_is "out/notice-$notice.pdf" $notice
run print-guide 0 service print PERMIT
check "the guide went to the printer" test -s out/guide-PERMIT.pdf
run config-false 0 config print_command false
run print-fails 1 case print $receipt
err_has print-fails "failed (exit 1)"
check "a copy is kept when the printer fails" test -s "$work/copies/kept/receipt-$receipt.pdf"
run config-missing 0 config print_command "miz-no-such-printer -d desk"
run print-not-found 1 case print $receipt
err_has print-not-found "not found"
run config-empty 0 config print_command ""
run print-no-command 1 case print $receipt
err_has print-no-command "no print command"
run config-quote 2 config print_command "lp -t 'desk"

# --- a printout holds personal data: 0600 under the usual umask ----------------
umask 022
"$MIZ" case print $notice -o private.pdf >/dev/null 2>&1
if [ "$(stat -c '%a' private.pdf 2>/dev/null)" = 600 ]; then
	ok "a printout is 0600"
else
	not_ok "a printout is 0600" "$(stat -c '%a' private.pdf 2>&1)"
fi

# --- miz hands typesetting to miz-paper ---------------------------------------
# miz itself is not linked with Pango and Cairo: a missing miz-paper is said
# plainly, and nothing is written.
MIZ_PAPER="$work/no-such-miz-paper" run no-paper 1 case print $notice -o none.pdf
err_has no-paper "which typesets"
check "no-paper: nothing written" test ! -e none.pdf
if command -v ldd >/dev/null 2>&1; then
	if ldd "$MIZ" | grep -q 'libpango\|libcairo'; then
		not_ok "miz itself loads no Pango or Cairo" "$(ldd "$MIZ" | grep 'pango\|cairo')"
	else
		ok "miz itself loads no Pango or Cairo"
	fi
fi

# --- the Persian interface: right to left, Persian digits ------------------------
# The catalog of this build, through MIZ_LOCALEDIR, under a fa_IR locale.
gmo="$top/po/fa.gmo"
[ -f "$gmo" ] || gmo="$(dirname "$MIZ")/po/fa.gmo"
mkdir -p locale/fa/LC_MESSAGES
cp "$gmo" locale/fa/LC_MESSAGES/miz.mo 2>/dev/null
if LC_ALL=fa_IR.UTF-8 MIZ_LOCALEDIR="$work/locale" "$MIZ" --help 2>/dev/null | grep -q 'پرونده'; then
	export LC_ALL=fa_IR.UTF-8 MIZ_LOCALEDIR="$work/locale"
	run fa-notice 0 case print $notice --paper a5 -o fa-notice.pdf
	text_has fa-notice.pdf "نقص مدارک" "مریم گلزاری" "نقشه‌های معماری" "۱۴۰۵/۰۹/۱۷"
	raw_has fa-notice.pdf "۰۰۱۰ ۰۰۰۰ ۰۰۱۸"
	qr_is fa-notice.pdf $notice
	pdftotext -bbox fa-notice.pdf fa-notice.html 2>/dev/null
	check "fa-notice: code groups left to right" python3 bbox.py fa-notice.html order ۰۰۱۰ ۰۰۰۰ ۰۰۱۸
	check "fa-notice: label right of the national ID" python3 bbox.py fa-notice.html start ۰۴۹۹۳۷۰۸۹۹ rtl
	run fa-report 0 report eod --format pdf -o fa-eod.pdf
	# The Gregorian date of the title stays whole after Persian words, as
	# drawn (pdftotext's text would put a reversed one back in order).
	pdftotext -bbox fa-eod.pdf fa-eod.html 2>/dev/null
	check "fa-eod: the date is drawn left to right" sh -c \
		"grep -q '۲۰۲۶-۱۱-۲۳' fa-eod.html && ! grep -q '۲۳-۱۱-۲۰۲۶' fa-eod.html"
	run fa-roll 0 case print $slip --paper roll80 -o fa-slip.pdf
	raw_has fa-slip.pdf "۰۰۱۰ ۰۰۰۰ ۰۰۳۹"
	qr_is fa-slip.pdf $slip
else
	ok "# SKIP the Persian catalog or the fa_IR.UTF-8 locale is not available"
fi

tap_end
