/*
 * Dates and working days.
 *
 * A date is a day number: days since 1970-01-01 (Gregorian), as an int.
 * Conversion to and from the Solar Hijri (Jalali) calendar follows the
 * official calendar; see docs/architecture.md for the sources.
 */
#ifndef MIZ_CALENDAR_H
#define MIZ_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

typedef int miz_day;
/* No day: a date not set (a promise not yet given, a case still open). */
#define NO_DAY (-1)

/* A broken-down date in either calendar. */
struct miz_ymd {
	int y, m, d;
};

/* Weekdays numbered as the Iranian week runs: Saturday is 0, Friday 6. */
enum miz_weekday { MIZ_SAT, MIZ_SUN, MIZ_MON, MIZ_TUE, MIZ_WED, MIZ_THU, MIZ_FRI };

/* Bit for a weekday in an off-day mask. */
#define MIZ_WEEKDAY_BIT(w) (1u << (w))

/* Day number of a Gregorian date (proleptic). */
miz_day cal_from_gregorian(int y, int m, int d);
/* Gregorian date of a day number. */
struct miz_ymd cal_to_gregorian(miz_day day);
/* True when y/m/d is a real Gregorian date. */
bool cal_gregorian_valid(int y, int m, int d);

/* Day number of a Jalali date; the date must be valid. */
miz_day cal_from_jalali(int y, int m, int d);
/* Jalali date of a day number. */
struct miz_ymd cal_to_jalali(miz_day day);
/* True when y/m/d is a real Jalali date (Esfand 30 only in leap years). */
bool cal_jalali_valid(int y, int m, int d);
/* True when Jalali year y has 366 days. */
bool cal_jalali_leap(int y);
/* Days in Jalali month m of year y. */
int cal_jalali_month_days(int y, int m);

/* Weekday of a day number. */
enum miz_weekday cal_weekday(miz_day day);

/*
 * Parses a date: ISO Gregorian YYYY-MM-DD, or Jalali YYYY/MM/DD, or
 * YYYY-MM-DD with a year below 1700 (taken as Jalali).  Persian and
 * Arabic-Indic digits are accepted.  Returns 0, or -1 with *cause set.
 */
int cal_parse(const char *text, miz_day *out /* OUT */, char **cause);
/* Writes YYYY-MM-DD (Gregorian) into buf (at least 11 bytes). */
void cal_format_iso(miz_day day, char *buf);
/* Writes YYYY/MM/DD (Jalali) into buf (at least 11 bytes). */
void cal_format_jalali(miz_day day, char *buf);
/* Today, from the environment variable MIZ_TODAY when set, else the clock. */
miz_day cal_today(void);
/* The system clock's day, whatever MIZ_TODAY says. */
miz_day cal_clock_today(void);

/* Name of a weekday for CSV files ("sat" .. "fri"). */
const char *cal_weekday_token(enum miz_weekday w);
/* Parses a space-separated weekday list into a mask; -1 on a bad token. */
int cal_parse_weekdays(const char *text, unsigned *mask /* OUT */, char **cause);

/* One weekly off-day rule in force from `from` to `to` (inclusive). */
struct miz_offday_rule {
	miz_day from;
	miz_day to; /* CAL_OPEN_END when open-ended */
	unsigned mask; /* MIZ_WEEKDAY_BIT of every off-day */
};
#define CAL_OPEN_END 0x7fffffff

/*
 * The holidays of a calendar, sorted and unique.  A source, when set, is
 * asked once for each Solar Hijri year the calendar is asked about, and
 * adds that year's holidays itself (cal_holidays_add): the built-in and
 * computed ones (holiday.c), worked out only for the years needed.
 */
struct cal_holidays;
typedef void (*cal_year_source)(void *arg, int jalali_year, struct cal_holidays *h);

struct cal_holidays {
	miz_day *days;
	size_t n;
	cal_year_source source;
	void *arg;
	miz_day asked_from, asked_to; /* the days of the years asked so far, when contiguous */
	int *years; /* every year asked */
	size_t nyears;
};

/*
 * The working-day calendar: weekly off-day rules and holidays.  With no
 * rules, Friday is the only weekly off-day.  For a date covered by several
 * rules, the one that starts latest wins.  A zeroed calendar is an empty one.
 */
struct miz_calendar {
	struct miz_offday_rule *rules;
	size_t nrules;
	struct cal_holidays *hol; /* NULL until a holiday or a source is added */
};

/* An empty calendar: Friday off, no holidays. */
void cal_init(struct miz_calendar *cal);
void cal_free(struct miz_calendar *cal);
void cal_add_rule(struct miz_calendar *cal, miz_day from, miz_day to, unsigned mask);
void cal_add_holiday(struct miz_calendar *cal, miz_day day);
void cal_holidays_add(struct cal_holidays *h, miz_day day);
/* Sets the source of the years' holidays (see struct cal_holidays). */
void cal_set_source(struct miz_calendar *cal, cal_year_source source, void *arg);
/* How many holidays the calendar holds now. */
size_t cal_holiday_count(const struct miz_calendar *cal);
/* Off-day mask in force on a day. */
unsigned cal_offdays_on(const struct miz_calendar *cal, miz_day day);
bool cal_is_holiday(const struct miz_calendar *cal, miz_day day);
bool cal_is_working_day(const struct miz_calendar *cal, miz_day day);
/*
 * The day n working days after `from` (n >= 0).  With n == 0 it is `from`
 * itself when that is a working day, else the next working day.
 */
miz_day cal_add_working_days(const struct miz_calendar *cal, miz_day from, int n);
/* Working days in (from, to]: 0 when to <= from. */
int cal_working_days_between(const struct miz_calendar *cal, miz_day from, miz_day to);

#endif
