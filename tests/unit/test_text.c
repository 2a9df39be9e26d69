/* Text: Persian normalisation, digits, widths in cells, numbers. */
#include "config.h"

#include "testutil.h"

#include "miz/text.h"

static void
test_normalize(void **state)
{
	(void)state;
	char *s = text_normalize("  علي   كريمي\t ", false);
	assert_string_equal(s, "علی کریمی");
	free(s);
	/* Alef maksura becomes Persian yeh too. */
	s = text_normalize("موسى", false);
	assert_string_equal(s, "موسی");
	free(s);
	/* Newlines collapse to a space unless multiline. */
	s = text_normalize("خط اول\n\n  خط دوم", false);
	assert_string_equal(s, "خط اول خط دوم");
	free(s);
	s = text_normalize("خط اول \r\n  خط دوم  ", true);
	assert_string_equal(s, "خط اول\nخط دوم");
	free(s);
	/* ZWNJ is kept: it is part of Persian spelling. */
	s = text_normalize("می\u200cروم", false);
	assert_string_equal(s, "می\u200cروم");
	free(s);
	s = text_normalize("   ", false);
	assert_string_equal(s, "");
	free(s);
}

static void
test_ascii_digits(void **state)
{
	(void)state;
	char *s = text_ascii_digits("۰۱۲۳۴۵۶۷۸۹-٠١٢٣٤٥٦٧٨٩");
	assert_string_equal(s, "0123456789-0123456789");
	free(s);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("علی"), 3);
	assert_int_equal(text_width("می\u200cروم"), 5);
	/* CJK ideographs take two cells each. */
	assert_int_equal(text_width("日本"), 4);
	assert_true(text_valid_utf8("علی"));
	assert_false(text_valid_utf8("\xd8"));
}

static void
test_fit(void **state)
{
	(void)state;
	char *s = text_fit("محمدرضا", 3, false);
	assert_string_equal(s, "محم");
	free(s);
	s = text_fit("علی", 6, true);
	assert_string_equal(s, "علی   ");
	free(s);
	/* A wide character that does not fit is left out, never split. */
	s = text_fit("a日b", 2, true);
	assert_string_equal(s, "a ");
	free(s);
}

/* A window into a line wider than the screen, for tables that scroll sideways. */
static void
test_cells(void **state)
{
	(void)state;
	char *s = text_cells("abcdef", 2, 3);
	assert_string_equal(s, "cde");
	free(s);
	s = text_cells("abc", 1, 4);
	assert_string_equal(s, "bc  ");
	free(s);
	s = text_cells("abc", 5, 2);
	assert_string_equal(s, "  ");
	free(s);
	/* The right half of a wide character is a blank, and so is its left half. */
	s = text_cells("a日b", 2, 2);
	assert_string_equal(s, " b");
	free(s);
	s = text_cells("a日b", 0, 2);
	assert_string_equal(s, "a ");
	free(s);
	/* A mark goes with the letter it sits on: skipped with it. */
	s = text_cells("ب\u0651ت", 1, 1);
	assert_string_equal(s, "ت");
	free(s);
	s = text_cells("سلام", 1, 2);
	assert_string_equal(s, "لا");
	free(s);
	/* Bad bytes count one cell each, as text_width counts them. */
	s = text_cells("a\xff" "b", 1, 2);
	assert_string_equal(s, "\xff" "b");
	free(s);
	s = text_cells("", 0, 0);
	assert_string_equal(s, "");
	free(s);
	s = text_cells("abc", 0, -2);
	assert_string_equal(s, "");
	free(s);
}

static void
test_parse_int(void **state)
{
	(void)state;
	long long v;
	assert_int_equal(text_parse_int("۱۲۳", 0, 1000, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(text_parse_int(" 2,500,000 ", 0, 10000000, &v), 0);
	assert_int_equal(v, 2500000);
	assert_int_equal(text_parse_int("۲٬۵۰۰", 0, 10000, &v), 0);
	assert_int_equal(v, 2500);
	assert_int_equal(text_parse_int("12a", 0, 1000, &v), -1);
	assert_int_equal(text_parse_int("", 0, 1000, &v), -1);
	assert_int_equal(text_parse_int("1001", 0, 1000, &v), -1);
	assert_int_equal(text_parse_int("-1", 0, 1000, &v), -1);
	assert_int_equal(text_parse_int("99999999999999999999", 0, 1000, &v), -1);
}

/* Display order of one cell; checks the width and that no control byte is left. */
static char *
vis(const char *s, int cells, enum text_dir dir, bool digits, bool right, int *used)
{
	struct text_look lk = { dir, TEXT_LTR, true, digits, right };
	char *out = text_visual(s, cells, &lk, used);
	for (const unsigned char *p = (const unsigned char *)out; *p != '\0'; p++)
		assert_true(*p >= 0x20 && *p != 0x7f);
	if (cells >= 0)
		assert_int_equal(text_width(out), cells);
	return out;
}

static void
test_visual_shaping(void **state)
{
	(void)state;
	int used;
	/* مریم: meem initial, reh final, yeh initial, meem final, shown right to
	 * left; xterm alone shows it unjoined and backwards (میرم). */
	char *s = vis("مریم", -1, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "\ufee2\ufbfe\ufeae\ufee3");
	assert_int_equal(used, 4);
	free(s);
	/* سلام: lam and alef become one ligature cell (final form). */
	s = vis("سلام", -1, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "\ufee1\ufefc\ufeb3");
	assert_int_equal(used, 3);
	assert_int_equal(text_shaped_width("سلام"), 3);
	free(s);
	/* A ZWNJ breaks the joining (yeh final, noon initial) and is not sent. */
	s = vis("فاطمه حسینی\u200cنژاد", -1, TEXT_AUTO, false, false, &used);
	assert_null(strstr(s, "\u200c"));
	assert_non_null(strstr(s, "\ufbfd")); /* yeh final */
	assert_non_null(strstr(s, "\ufee7")); /* noon initial */
	assert_int_equal(used, 15);
	/* The first name is on the right: فاطمه ends the line. */
	assert_string_equal(s + strlen(s) - strlen("\ufeea\ufee4\ufec3\ufe8e\ufed3"),
	    "\ufeea\ufee4\ufec3\ufe8e\ufed3");
	free(s);
	/* Brackets are mirrored in right-to-left text. */
	s = vis("(برای اشخاص حقوقی)", -1, TEXT_AUTO, false, false, &used);
	assert_int_equal(s[0], '(');
	assert_int_equal(s[strlen(s) - 1], ')');
	free(s);
	/* Left-to-right text is left as it is. */
	s = vis("Tracking code", 15, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "Tracking code  ");
	free(s);
}

static void
test_visual_numbers(void **state)
{
	(void)state;
	int used;
	/* The tracking code keeps its groups in order in a right-to-left line. */
	char *s = vis("کد رهگیری: 0010 0000 0094", -1, TEXT_AUTO, false, false, &used);
	assert_memory_equal(s, "0010 0000 0094 :", 16);
	free(s);
	/* An ISO date after Persian in a left-to-right line is not 04-01-2027. */
	s = vis("تحویل 2027-01-04", -1, TEXT_LTR, false, false, &used);
	assert_non_null(strstr(s, " 2027-01-04"));
	free(s);
	/* Phones and Solar Hijri dates inside Persian text. */
	s = vis("تلفن 051-35412231 آقای رضایی", -1, TEXT_AUTO, false, false, &used);
	assert_non_null(strstr(s, " 051-35412231 "));
	free(s);
	s = vis("موعد: 1405/09/15", -1, TEXT_AUTO, false, false, &used);
	assert_memory_equal(s, "1405/09/15 :", 12);
	free(s);
	/* A code of Latin letters with a digit stays one word. */
	s = vis("کد 0010 0000 0094 F2", -1, TEXT_AUTO, false, false, &used);
	assert_memory_equal(s, "F2 0010 0000 0094 ", 18);
	free(s);
	/* Persian digits, except inside a Latin word; the order is kept. */
	s = vis("کد 0010 0000 0094 F2", -1, TEXT_AUTO, true, false, &used);
	assert_memory_equal(s, "F2 ۰۰۱۰ ۰۰۰۰ ۰۰۹۴ ", strlen("F2 ۰۰۱۰ ۰۰۰۰ ۰۰۹۴ "));
	free(s);
	/* A number after a Latin word stays that word's, in either order. */
	s = vis("قطعه B-14 شهرک", -1, TEXT_RTL, false, false, &used);
	assert_non_null(strstr(s, " B-14 "));
	free(s);
	s = vis("گواهی ISO 9001", -1, TEXT_RTL, false, false, &used);
	assert_memory_equal(s, "ISO 9001 ", 9);
	free(s);
	/* Mixed Persian and Latin: the service code reads left to right. */
	s = vis("خدمت BUILD-EXT", -1, TEXT_AUTO, false, false, &used);
	assert_memory_equal(s, "BUILD-EXT ", 10);
	free(s);
	/* A cell of digits alone in a right-to-left layout stays in order. */
	struct text_look lk = { TEXT_AUTO, TEXT_RTL, true, false, true };
	s = text_visual("0010 0000 0094", 16, &lk, &used);
	assert_string_equal(s, "  0010 0000 0094");
	free(s);
}

static void
test_visual_fit(void **state)
{
	(void)state;
	int used;
	/* Cut at the word in logical order, then an ellipsis on the left (the
	 * end of a right-to-left line), padded to the width. */
	char *s = vis("فاطمه حسینی\u200cنژاد", 10, TEXT_AUTO, false, false, &used);
	assert_int_equal(used, 6);
	assert_memory_equal(s, "…\ufeea\ufee4\ufec3\ufe8e\ufed3", strlen("…\ufeea\ufee4\ufec3\ufe8e\ufed3"));
	free(s);
	/* Aligned right: the padding goes first. */
	s = vis("علی", 6, TEXT_AUTO, false, true, &used);
	assert_memory_equal(s, "   ", 3);
	free(s);
	/* A long Latin text is cut at a word. */
	s = vis("Certificate of good conduct", 16, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "Certificate of… ");
	free(s);
	/* No room at all. */
	s = vis("علی", 0, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "");
	free(s);
	s = vis("علی رضایی", 1, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "…");
	free(s);
}

static void
test_visual_hostile(void **state)
{
	(void)state;
	int used;
	/* Marks with nothing to sit on, a lone ZWNJ: nothing to draw. */
	char *s = vis("\u064b\u064b\u0652", 5, TEXT_AUTO, false, false, &used);
	assert_int_equal(used, 0);
	free(s);
	s = vis("\u200c", 3, TEXT_AUTO, false, false, &used);
	assert_int_equal(used, 0);
	free(s);
	/* An unpaired override from imported data reverses nothing. */
	s = vis("\u202eabc", -1, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "abc");
	free(s);
	s = vis("\u2067abc\u202b", -1, TEXT_AUTO, false, false, &used);
	assert_string_equal(s, "abc");
	free(s);
	/* Escape sequences and invalid UTF-8 are made harmless. */
	s = vis("a\x1b]0;x\x07 b\xff", -1, TEXT_AUTO, false, false, &used);
	assert_null(strchr(s, 0x1b));
	assert_non_null(strstr(s, "\ufffd"));
	free(s);
	/* A 500-letter name in a 40-cell column stays in its 40 cells. */
	char *name = xmalloc(500 * 2 + 1);
	for (int i = 0; i < 500; i++)
		memcpy(name + 2 * i, "\u0628", 2); /* beh */
	name[1000] = '\0';
	s = vis(name, 40, TEXT_AUTO, false, true, &used);
	assert_int_equal(used, 40);
	free(s);
	free(name);
}

static void
test_visual_caret(void **state)
{
	(void)state;
	struct text_look lk = { TEXT_AUTO, TEXT_RTL, true, false, true };
	int caret;
	/* Right-to-left, aligned right in 10 cells: سلام takes cells 7-9. */
	char *s = text_visual_caret("سلام", 10, &lk, 4, &caret);
	assert_int_equal(caret, 6); /* the next letter goes left of meem */
	free(s);
	s = text_visual_caret("سلام", 10, &lk, 0, &caret);
	assert_int_equal(caret, 9);
	free(s);
	s = text_visual_caret("", 10, &lk, 0, &caret);
	assert_int_equal(caret, 9); /* an empty Persian field starts on the right */
	free(s);
	lk.fallback = TEXT_LTR;
	lk.align_right = false;
	s = text_visual_caret("0499", 10, &lk, 4, &caret);
	assert_int_equal(caret, 4);
	free(s);
	/* Against the paragraph's way, the next letter takes the last one's cell. */
	lk.align_right = false;
	lk.dir = TEXT_LTR;
	s = text_visual_caret("abc سلام", 12, &lk, 8, &caret);
	assert_int_equal(caret, 4); /* the next Persian letter goes where meem is */
	free(s);
	lk.dir = TEXT_RTL;
	lk.align_right = true;
	s = text_visual_caret("سلام abc", 12, &lk, 8, &caret);
	assert_int_equal(caret, 7); /* 'd' goes where 'c' is, the rest moves left */
	free(s);
	/* Spaces too wide for the cell are a blank cell, not an ellipsis. */
	lk.dir = TEXT_AUTO;
	lk.align_right = false;
	s = text_visual("      ", 3, &lk, NULL);
	assert_string_equal(s, "   ");
	free(s);
	assert_int_equal(text_dir_of("0499 علی", TEXT_LTR), TEXT_RTL);
	assert_int_equal(text_dir_of("0499", TEXT_LTR), TEXT_LTR);
	assert_int_equal(text_dir_of("Ali علی", TEXT_RTL), TEXT_LTR);
}

static void
test_paragraph_helpers(void **state)
{
	(void)state;
	/* Numbers isolated for another layout engine (the paper's Pango). */
	char *s = text_isolate_numbers("موعد 2027-01-04، کد 0010 0000 0094 و F2");
	assert_string_equal(s,
	    "موعد \u20662027-01-04\u2069، کد \u20660010 0000 0094\u2069 و F2");
	free(s);
	/* Data's own bidi controls go, controls become spaces, bad bytes U+FFFD. */
	s = text_clean_paragraph("a\u202eb\tc\xff");
	assert_string_equal(s, "ab c\ufffd");
	free(s);
	s = text_persian_digits("کد 0018 PERMIT2");
	assert_string_equal(s, "کد ۰۰۱۸ PERMIT2");
	free(s);
}

static void
test_terminal_safe(void **state)
{
	(void)state;
	/* The hostile name: title, clipboard, clear screen. */
	char *s = text_terminal_safe(
	    "Ali \x1b]0;PWNED\x07\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J Karimi");
	assert_null(strchr(s, 0x1b));
	assert_null(strchr(s, 0x07));
	assert_string_equal(s, "Ali \\e]0;PWNED^G\\e]52;c;cm0gLXJmIH4K^G\\e[2J Karimi");
	free(s);
	/* C1 controls, bidi overrides and bad bytes become U+FFFD; lines and tabs stay. */
	s = text_terminal_safe("a\xc2\x85"
	                       "b\u202ec\xff"
	                       "d\te\nf\x7f");
	assert_string_equal(s, "a\ufffdb\ufffdc\ufffdd\te\nf^?");
	free(s);
	s = text_terminal_safe("علی کریمی");
	assert_string_equal(s, "علی کریمی");
	free(s);
}

static void
test_check_way_in(void **state)
{
	(void)state;
	char *cause = NULL;
	assert_int_equal(text_check("علی کریمی", "the name", TEXT_MAX_NAME, false, &cause), 0);
	assert_int_equal(text_check(NULL, "the note", TEXT_MAX_NOTE, true, &cause), 0);
	/* Newlines and tabs are white space; ESC, C1 and bidi overrides are not. */
	assert_int_equal(text_check("خط اول\n\tخط دوم", "the note", 20, true, &cause), 0);
	assert_int_equal(text_check("Ali \x1b]0;x\x07", "the name", 100, false, &cause), -1);
	assert_non_null(strstr(cause, "U+001B"));
	free(cause);
	assert_int_equal(text_check("a\u202eb", "the name", 100, false, &cause), -1);
	assert_non_null(strstr(cause, "U+202E"));
	free(cause);
	assert_int_equal(text_check("a\xc2\x9b", "the name", 100, false, &cause), -1);
	free(cause);
	assert_int_equal(text_check("a\xff", "the name", 100, false, &cause), -1);
	assert_non_null(strstr(cause, "UTF-8"));
	free(cause);
	/* The limit counts letters as stored, and names itself. */
	assert_int_equal(text_check("  مریم   گلزاری  ", "the name", 11, false, &cause), 0);
	assert_int_equal(text_check("مریم گلزاری", "the name", 10, false, &cause), -1);
	assert_string_equal(cause, "the name is too long: at most 10 letters, not 11");
	free(cause);
}


/* Amounts grouped by thousands; the Persian interface's separator. */
static void
test_grouped(void **state)
{
	(void)state;
	static const struct {
		long long v;
		const char *want;
	} cases[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 15000000, "15,000,000" },
		{ -1234567, "-1,234,567" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *g = text_grouped(cases[i].v);
		assert_string_equal(g, cases[i].want);
		free(g);
	}
	/* Persian digits, and U+066C between them; a comma elsewhere stays. */
	char *fa = text_persian_digits("fee 15,000,000 rials, 3 days");
	assert_string_equal(fa, "fee ۱۵\xd9\xac۰۰۰\xd9\xac۰۰۰ rials, ۳ days");
	free(fa);
	/* The decimal point (U+066B) and the percent (U+066A); a full stop stays. */
	fa = text_persian_digits("37.5% 100.0% on 1405/09/14. 5.");
	assert_string_equal(fa, "۳۷\xd9\xab۵\xd9\xaa ۱۰۰\xd9\xab۰\xd9\xaa on ۱۴۰۵/۰۹/۱۴. ۵.");
	free(fa);
	/* Dotted numbers that are not decimals keep their full stops. */
	fa = text_persian_digits("10.0.0.1 2.0.1 1405.09.14 051.3541.2233 (2.5).");
	assert_string_equal(
	    fa, "۱۰.۰.۰.۱ ۲.۰.۱ ۱۴۰۵.۰۹.۱۴ ۰۵۱.۳۵۴۱.۲۲۳۳ (۲\xd9\xab۵).");
	free(fa);
	/* A full stop or an ellipsis after a decimal is not another point of it. */
	fa = text_persian_digits("2.5. 3.14... .5");
	assert_string_equal(fa, "۲\xd9\xab۵. ۳\xd9\xab۱۴... .۵");
	free(fa);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grouped),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_ascii_digits),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_visual_shaping),
		cmocka_unit_test(test_visual_numbers),
		cmocka_unit_test(test_visual_fit),
		cmocka_unit_test(test_visual_hostile),
		cmocka_unit_test(test_visual_caret),
		cmocka_unit_test(test_paragraph_helpers),
		cmocka_unit_test(test_terminal_safe),
		cmocka_unit_test(test_check_way_in),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
