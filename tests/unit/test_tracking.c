/* Tracking codes: Damm check digit, formatting and parsing typed input. */
#include "config.h"

#include "testutil.h"

#include "miz/tracking.h"

static void
test_make(void **state)
{
	(void)state;
	char code[TRACKING_LEN + 1];
	tracking_make(1, 1, code);
	/* Damm over 00100000001: worked by hand with the table, interim 8. */
	assert_string_equal(code, "001000000018");
	tracking_make(999, 99999999, code);
	assert_int_equal(strlen(code), 12);
	assert_memory_equal(code, "99999999999", 11);
	/* The standard Damm example: 572 has check digit 4. */
	assert_int_equal(tracking_damm("572", 3), 4);
}

/* Every single-digit substitution and every adjacent swap of many codes is caught. */
static void
test_catches_all_single_errors_and_swaps(void **state)
{
	(void)state;
	char code[TRACKING_LEN + 1], bad[TRACKING_LEN + 1], out[TRACKING_LEN + 1];
	long tried = 0;
	for (int office = 0; office <= 999; office += 37) {
		for (int64_t serial = 0; serial < 100000000; serial += 999983) {
			tracking_make(office, serial, code);
			assert_int_equal(tracking_parse(code, out), TRACKING_OK);
			for (int i = 0; i < TRACKING_LEN; i++) {
				for (char c = '0'; c <= '9'; c++) {
					if (c == code[i])
						continue;
					memcpy(bad, code, sizeof bad);
					bad[i] = c;
					assert_int_equal(
					    tracking_parse(bad, out), TRACKING_BAD_CHECK);
					tried++;
				}
				if (i + 1 < TRACKING_LEN && code[i] != code[i + 1]) {
					memcpy(bad, code, sizeof bad);
					bad[i] = code[i + 1];
					bad[i + 1] = code[i];
					assert_int_equal(
					    tracking_parse(bad, out), TRACKING_BAD_CHECK);
					tried++;
				}
			}
		}
	}
	assert_true(tried > 100000);
}

static void
test_parse_typed(void **state)
{
	(void)state;
	char out[TRACKING_LEN + 1];
	assert_int_equal(tracking_parse("0010 0000 0018", out), TRACKING_OK);
	assert_string_equal(out, "001000000018");
	assert_int_equal(tracking_parse("۰۰۱۰-۰۰۰۰-۰۰۱۸", out), TRACKING_OK);
	assert_string_equal(out, "001000000018");
	assert_int_equal(tracking_parse("0010 0000 001", out), TRACKING_SHORT);
	assert_int_equal(tracking_parse("0010000000181", out), TRACKING_LONG);
	assert_int_equal(tracking_parse("00100000001x", out), TRACKING_NOT_DIGITS);
	/* 09 <-> 90, the swap Luhn misses. */
	char code[TRACKING_LEN + 1];
	tracking_make(9, 9000000, code); /* 009 09000000 ? */
	assert_memory_equal(code, "00909000000", 11);
	char swapped[TRACKING_LEN + 1];
	memcpy(swapped, code, sizeof swapped);
	swapped[2] = '0'; /* "0090..." -> "0009..." swaps the 9 and the 0 at 2..3 */
	swapped[3] = '9';
	assert_int_equal(tracking_parse(swapped, out), TRACKING_BAD_CHECK);
	assert_non_null(
	    strstr(tracking_check_message(TRACKING_BAD_CHECK), "check digit does not match"));
}

static void
test_format(void **state)
{
	(void)state;
	char buf[16];
	tracking_format("001000000018", buf);
	assert_string_equal(buf, "0010 0000 0018");
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make),
		cmocka_unit_test(test_catches_all_single_errors_and_swaps),
		cmocka_unit_test(test_parse_typed),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests_name("tracking", tests, NULL, NULL);
}
