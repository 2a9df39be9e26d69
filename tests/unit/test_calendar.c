/* Calendar: Gregorian and Solar Hijri conversion, parsing, working days. */
#include "config.h"

#include "testutil.h"

#include "miz/calendar.h"

/* The University of Tehran's leap-year list for 1178..1633 follows the
 * 33-year rule: a year is leap when year mod 33 is one of these. */
static bool
tehran_leap(int y)
{
	int r = y % 33;
	return r == 1 || r == 5 || r == 9 || r == 13 || r == 17 || r == 22 || r == 26 || r == 30;
}

static void
test_official_anchors(void **state)
{
	(void)state;
	struct miz_ymd j;
	/* 1403 is leap: Esfand 30 exists and is 2025-03-20 (libjalali 0.4.1 and
	 * the 2820-year rule get this wrong). */
	j = cal_to_jalali(cal_from_gregorian(2025, 3, 20));
	assert_int_equal(j.y, 1403);
	assert_int_equal(j.m, 12);
	assert_int_equal(j.d, 30);
	j = cal_to_jalali(cal_from_gregorian(2025, 3, 21));
	assert_int_equal(j.y, 1404);
	assert_int_equal(j.m, 1);
	assert_int_equal(j.d, 1);
	/* Nowruz 1403 was 2024-03-20; 1405 is 2026-03-21. */
	assert_int_equal(cal_from_jalali(1403, 1, 1), cal_from_gregorian(2024, 3, 20));
	assert_int_equal(cal_from_jalali(1405, 1, 1), cal_from_gregorian(2026, 3, 21));
	/* 22 Bahman 1357 (the revolution) was 1979-02-11. */
	assert_int_equal(cal_from_jalali(1357, 11, 22), cal_from_gregorian(1979, 2, 11));
	/* 1399 was leap: 1399/12/30 = 2021-03-20. */
	assert_int_equal(cal_from_jalali(1399, 12, 30), cal_from_gregorian(2021, 3, 20));
	assert_true(cal_jalali_leap(1403));
	assert_false(cal_jalali_leap(1404));
	assert_false(cal_jalali_leap(1405));
	assert_true(cal_jalali_leap(1408));
	assert_false(cal_jalali_valid(1404, 12, 30));
	assert_true(cal_jalali_valid(1403, 12, 30));
}

static void
test_leap_years_match_tehran_list(void **state)
{
	(void)state;
	for (int y = 1178; y <= 1633; y++) {
		if (cal_jalali_leap(y) != tehran_leap(y))
			fail_msg("year %d: leap %d, official list says %d", y, cal_jalali_leap(y),
			    tehran_leap(y));
	}
}

/* Walks every day from 1178/01/01 to 1633/12/end with month lengths from the
 * official list, checking both directions of the conversion. */
static void
test_every_day_1178_to_1633(void **state)
{
	(void)state;
	miz_day day = cal_from_jalali(1178, 1, 1);
	long checked = 0;
	int anchored = 0;
	for (int y = 1178; y <= 1633; y++) {
		for (int m = 1; m <= 12; m++) {
			int len = m <= 6 ? 31 : m <= 11 ? 30 : (tehran_leap(y) ? 30 : 29);
			for (int d = 1; d <= len; d++) {
				struct miz_ymd j = cal_to_jalali(day);
				if (j.y != y || j.m != m || j.d != d)
					fail_msg("day %d: got %d/%d/%d, want %d/%d/%d", day, j.y,
					    j.m, j.d, y, m, d);
				if (cal_from_jalali(y, m, d) != day)
					fail_msg("%d/%d/%d: round trip failed", y, m, d);
				/* The walk itself is pinned to an independent fact. */
				if (y == 1403 && m == 12 && d == 30) {
					assert_int_equal(day, cal_from_gregorian(2025, 3, 20));
					anchored = 1;
				}
				day++;
				checked++;
			}
		}
	}
	assert_true(anchored);
	assert_int_equal(checked, cal_from_jalali(1634, 1, 1) - cal_from_jalali(1178, 1, 1));
}

/* Every day of 1404 against dates fixed by hand at each month start. */
static void
test_every_day_of_1404(void **state)
{
	(void)state;
	/* First day of each month of 1404, Gregorian (from the official calendar). */
	static const int starts[12][3] = {
		{ 2025, 3, 21 },
		{ 2025, 4, 21 },
		{ 2025, 5, 22 },
		{ 2025, 6, 22 },
		{ 2025, 7, 23 },
		{ 2025, 8, 23 },
		{ 2025, 9, 23 },
		{ 2025, 10, 23 },
		{ 2025, 11, 22 },
		{ 2025, 12, 22 },
		{ 2026, 1, 21 },
		{ 2026, 2, 20 },
	};
	for (int m = 1; m <= 12; m++) {
		miz_day first =
		    cal_from_gregorian(starts[m - 1][0], starts[m - 1][1], starts[m - 1][2]);
		int len = cal_jalali_month_days(1404, m);
		for (int d = 1; d <= len; d++) {
			struct miz_ymd j = cal_to_jalali(first + d - 1);
			assert_int_equal(j.y, 1404);
			assert_int_equal(j.m, m);
			assert_int_equal(j.d, d);
		}
	}
	/* Esfand 1404 has 29 days: the next day is Nowruz 1405. */
	assert_int_equal(cal_jalali_month_days(1404, 12), 29);
	assert_int_equal(cal_from_jalali(1404, 12, 29) + 1, cal_from_gregorian(2026, 3, 21));
}

static void
test_gregorian_round_trip(void **state)
{
	(void)state;
	assert_int_equal(cal_from_gregorian(1970, 1, 1), 0);
	assert_int_equal(cal_from_gregorian(2000, 3, 1) - cal_from_gregorian(2000, 2, 28), 2);
	assert_int_equal(cal_from_gregorian(1900, 3, 1) - cal_from_gregorian(1900, 2, 28), 1);
	for (miz_day d = cal_from_gregorian(1700, 1, 1); d < cal_from_gregorian(2300, 1, 1); d++) {
		struct miz_ymd g = cal_to_gregorian(d);
		if (!cal_gregorian_valid(g.y, g.m, g.d) || cal_from_gregorian(g.y, g.m, g.d) != d)
			fail_msg("day %d", d);
	}
	assert_false(cal_gregorian_valid(2025, 2, 29));
	assert_true(cal_gregorian_valid(2024, 2, 29));
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(cal_weekday(cal_from_gregorian(2026, 11, 23)), MIZ_MON);
	assert_int_equal(cal_weekday(cal_from_gregorian(2026, 11, 27)), MIZ_FRI);
	assert_int_equal(cal_weekday(cal_from_gregorian(2025, 3, 21)), MIZ_FRI);
	assert_int_equal(cal_weekday(cal_from_gregorian(1970, 1, 1)), MIZ_THU);
	assert_int_equal(cal_weekday(cal_from_gregorian(1969, 12, 27)), MIZ_SAT);
}

static void
test_parse(void **state)
{
	(void)state;
	miz_day d;
	char *cause = NULL;
	assert_int_equal(cal_parse("2025-03-20", &d, &cause), 0);
	assert_int_equal(d, cal_from_gregorian(2025, 3, 20));
	assert_int_equal(cal_parse("1403/12/30", &d, &cause), 0);
	assert_int_equal(d, cal_from_gregorian(2025, 3, 20));
	/* YYYY-MM-DD with a year below 1700 is Solar Hijri. */
	assert_int_equal(cal_parse("1404-01-01", &d, &cause), 0);
	assert_int_equal(d, cal_from_gregorian(2025, 3, 21));
	/* Persian digits. */
	assert_int_equal(cal_parse("۱۴۰۵/۰۹/۰۲", &d, &cause), 0);
	assert_int_equal(d, cal_from_gregorian(2026, 11, 23));
	assert_int_equal(cal_parse(" 2026-11-23 ", &d, &cause), 0);

	assert_int_equal(cal_parse("1404/12/30", &d, &cause), -1);
	assert_cause(cause, "no such day");
	assert_int_equal(cal_parse("2025-02-29", &d, &cause), -1);
	assert_cause(cause, "no such day");
	assert_int_equal(cal_parse("2025-13-01", &d, &cause), -1);
	assert_cause(cause, "no such day");
	assert_int_equal(cal_parse("23/11/2026", &d, &cause), -1);
	assert_cause(cause, "not understood");
	assert_int_equal(cal_parse("2026-11-23x", &d, &cause), -1);
	assert_cause(cause, "not understood");
	assert_int_equal(cal_parse("2026/11-23", &d, &cause), -1);
	assert_cause(cause, "not understood");
	assert_int_equal(cal_parse("", &d, &cause), -1);
	assert_cause(cause, "not understood");
}

static void
test_format(void **state)
{
	(void)state;
	char buf[11];
	cal_format_iso(cal_from_gregorian(2026, 3, 1), buf);
	assert_string_equal(buf, "2026-03-01");
	cal_format_jalali(cal_from_gregorian(2026, 3, 1), buf);
	assert_string_equal(buf, "1404/12/10");
}

static void
test_default_workweek(void **state)
{
	(void)state;
	struct miz_calendar cal;
	cal_init(&cal);
	/* Only Friday is off with nothing configured. */
	miz_day mon = cal_from_gregorian(2026, 11, 23);
	assert_true(cal_is_working_day(&cal, mon));
	assert_true(cal_is_working_day(&cal, mon + 3)); /* Thursday */
	assert_false(cal_is_working_day(&cal, mon + 4)); /* Friday */
	/* Monday + 5 working days: Tue Wed Thu (Fri off) Sat Sun. */
	assert_int_equal(cal_add_working_days(&cal, mon, 5), cal_from_gregorian(2026, 11, 29));
	/* Zero days from a Friday is the next working day. */
	assert_int_equal(cal_add_working_days(&cal, mon + 4, 0), mon + 5);
	assert_int_equal(cal_add_working_days(&cal, mon, 0), mon);
	cal_free(&cal);
}

static void
test_holidays_and_rules(void **state)
{
	(void)state;
	struct miz_calendar cal;
	unsigned mask;
	char *cause = NULL;
	cal_init(&cal);
	/* Thursdays and Fridays off all year; in summer 1404 Wednesdays too. */
	assert_int_equal(cal_parse_weekdays("thu fri", &mask, &cause), 0);
	cal_add_rule(&cal, cal_from_jalali(1404, 1, 1), CAL_OPEN_END, mask);
	assert_int_equal(cal_parse_weekdays("wed  thu fri", &mask, &cause), 0);
	cal_add_rule(&cal, cal_from_jalali(1404, 4, 1), cal_from_jalali(1404, 6, 31), mask);
	assert_int_equal(cal_parse_weekdays("thu frx", &mask, &cause), -1);
	assert_cause(cause, "frx");

	/* 1404/04/04 was a Wednesday (2025-06-25): off in summer. */
	miz_day wed = cal_from_jalali(1404, 4, 4);
	assert_int_equal(cal_weekday(wed), MIZ_WED);
	assert_false(cal_is_working_day(&cal, wed));
	/* 1404/07/02 (2025-09-24) a Wednesday after summer: working. */
	assert_true(cal_is_working_day(&cal, cal_from_jalali(1404, 7, 2)));
	/* A Thursday before the rules started (1403/12/23 = 2025-03-13): only Friday was off. */
	assert_true(cal_is_working_day(&cal, cal_from_jalali(1403, 12, 23)));

	/* Tasua and Ashura 1404 (Tir 14, 15 = 2025-07-05 Sat, 07-06 Sun). */
	cal_add_holiday(&cal, cal_from_jalali(1404, 4, 15));
	cal_add_holiday(&cal, cal_from_jalali(1404, 4, 14));
	cal_add_holiday(&cal, cal_from_jalali(1404, 4, 14)); /* twice is once */
	assert_int_equal(cal_holiday_count(&cal), 2);
	assert_true(cal_is_holiday(&cal, cal_from_jalali(1404, 4, 14)));
	/* From Tue 1404/04/10 (2025-07-01), 3 working days in summer 1404: the
	 * 11th-13th are Wed/Thu/Fri (off), 14th-15th holidays, Mon 16 (1),
	 * Tue 17 (2), 18th-20th Wed/Thu/Fri off, Sat 21 (3). */
	assert_int_equal(cal_weekday(cal_from_jalali(1404, 4, 10)), MIZ_TUE);
	assert_int_equal(cal_add_working_days(&cal, cal_from_jalali(1404, 4, 10), 3),
	    cal_from_jalali(1404, 4, 21));
	assert_int_equal(cal_working_days_between(
	                     &cal, cal_from_jalali(1404, 4, 10), cal_from_jalali(1404, 4, 21)),
	    3);
	cal_free(&cal);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_official_anchors),
		cmocka_unit_test(test_leap_years_match_tehran_list),
		cmocka_unit_test(test_every_day_1178_to_1633),
		cmocka_unit_test(test_every_day_of_1404),
		cmocka_unit_test(test_gregorian_round_trip),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_default_workweek),
		cmocka_unit_test(test_holidays_and_rules),
	};
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
