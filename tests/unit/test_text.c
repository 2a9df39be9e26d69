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

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_ascii_digits),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_parse_int),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
