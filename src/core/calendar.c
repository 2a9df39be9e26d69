/*
 * Gregorian and Solar Hijri (Jalali) dates, and working days.
 *
 * The Jalali year start (Nowruz) comes from K. M. Borkowski's analysis of
 * the vernal equinox (Earth, Moon and Planets 74, 1996): a table of the
 * years where the 33-year leap pattern breaks, valid for Jalali years
 * -61 .. 3177.  Within 1178 .. 1633 it reproduces the University of
 * Tehran's official leap-year list; tests/unit/test_calendar.c checks that
 * against the list's own rule.  The 2820-year "Birashk" cycle is not used:
 * it is wrong for 1403/1404.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "miz/calendar.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

#define JALALI_MIN 1
#define JALALI_MAX 3177
#define GREGORIAN_MIN 1700
/* The earliest Solar Hijri year accepted as typed (1200 = 1821 CE). */
#define PARSE_JALALI_MIN 1200
#define GREGORIAN_MAX 3700

static const int jalali_breaks[] = {
	-61,
	9,
	38,
	199,
	426,
	686,
	756,
	818,
	1111,
	1181,
	1210,
	1635,
	2060,
	2097,
	2192,
	2262,
	2324,
	2394,
	2456,
	3178,
};

/* Floor division and modulo for possibly negative numbers. */
static int
fdiv(int a, int b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

miz_day
cal_from_gregorian(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	int era = fdiv(y, 400);
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct miz_ymd
cal_to_gregorian(miz_day day)
{
	int z = day + 719468;
	int era = fdiv(z, 146097);
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	struct miz_ymd r;
	r.d = doy - (153 * mp + 2) / 5 + 1;
	r.m = mp < 10 ? mp + 3 : mp - 9;
	r.y = yoe + era * 400 + (r.m <= 2);
	return r;
}

static bool
gregorian_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
cal_gregorian_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return false;
	int n = mdays[m - 1] + (m == 2 && gregorian_leap(y));
	return d <= n;
}

/* Day number of Farvardin 1 of Jalali year jy (Borkowski's jalCal). */
static miz_day
jalali_nowruz_computed(int jy)
{
	size_t nb = sizeof jalali_breaks / sizeof jalali_breaks[0];
	int gy = jy + 621;
	int leap_j = -14;
	int jp = jalali_breaks[0];
	int jump = 0;

	assert(jy >= jalali_breaks[0] && jy < jalali_breaks[nb - 1]);
	for (size_t i = 1; i < nb; i++) {
		int jm = jalali_breaks[i];
		jump = jm - jp;
		if (jy < jm)
			break;
		leap_j += jump / 33 * 8 + jump % 33 / 4;
		jp = jm;
	}
	int n = jy - jp;
	leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
	if (jump % 33 == 4 && jump - n == 4)
		leap_j++;
	int leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;
	int march = 20 + leap_j - leap_g;
	return cal_from_gregorian(gy, 3, 1) + march - 1;
}

/*
 * The same, remembered: every Jalali date read or shown asks for its year's
 * Nowruz (an import of a million cases, several million times, over a few
 * dozen years).  A direct-mapped table of the last years asked; the value
 * is a pure function of the year, so a stale entry is only ever replaced.
 */
static miz_day
jalali_nowruz(int jy)
{
	static struct {
		bool set;
		int year;
		miz_day day;
	} memo[64];
	unsigned k = (unsigned)jy % 64;
	if (!memo[k].set || memo[k].year != jy) {
		memo[k].day = jalali_nowruz_computed(jy);
		memo[k].year = jy;
		memo[k].set = true;
	}
	return memo[k].day;
}

bool
cal_jalali_leap(int y)
{
	return jalali_nowruz(y + 1) - jalali_nowruz(y) == 366;
}

int
cal_jalali_month_days(int y, int m)
{
	assert(m >= 1 && m <= 12);
	if (m <= 6)
		return 31;
	if (m <= 11)
		return 30;
	return cal_jalali_leap(y) ? 30 : 29;
}

bool
cal_jalali_valid(int y, int m, int d)
{
	if (y < JALALI_MIN || y > JALALI_MAX - 1 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= cal_jalali_month_days(y, m);
}

miz_day
cal_from_jalali(int y, int m, int d)
{
	int before = m <= 7 ? (m - 1) * 31 : 186 + (m - 7) * 30;
	return jalali_nowruz(y) + before + d - 1;
}

struct miz_ymd
cal_to_jalali(miz_day day)
{
	struct miz_ymd g = cal_to_gregorian(day);
	int jy = g.y - 621;
	miz_day start = jalali_nowruz(jy);
	if (day < start) {
		jy--;
		start = jalali_nowruz(jy);
	}
	int k = day - start;
	struct miz_ymd r;
	r.y = jy;
	if (k < 186) {
		r.m = 1 + k / 31;
		r.d = k % 31 + 1;
	} else {
		k -= 186;
		r.m = 7 + k / 30;
		r.d = k % 30 + 1;
	}
	return r;
}

enum miz_weekday
cal_weekday(miz_day day)
{
	/* 1970-01-01 was a Thursday. */
	int w = (day % 7 + 7 + MIZ_THU) % 7;
	return (enum miz_weekday)w;
}

/* Reads exactly `digits` ASCII digits at *p; advances p. */
static int
read_number(const char **p, int digits, int *out)
{
	int v = 0;
	int i;
	for (i = 0; i < digits && (*p)[i] >= '0' && (*p)[i] <= '9'; i++)
		v = v * 10 + ((*p)[i] - '0');
	if (i == 0)
		return -1;
	*p += i;
	*out = v;
	return 0;
}

int
cal_parse(const char *text, miz_day *out, char **cause)
{
	/* Dates are mostly ASCII already: copy only when there is something to convert. */
	bool plain = true;
	for (const char *p = text; *p != '\0' && plain; p++)
		plain = (unsigned char)*p < 0x80;
	char *ascii = plain ? NULL : text_ascii_digits(text);
	char *s = plain ? (char *)(uintptr_t)text : ascii;
	int y, m, d;
	char sep;
	int ret = -1;

	while (*s == ' ' || *s == '\t')
		s++;
	const char *p = s;
	if (read_number(&p, 4, &y) != 0 || p - s != 4)
		goto bad;
	sep = *p;
	if (sep != '-' && sep != '/')
		goto bad;
	p++;
	if (read_number(&p, 2, &m) != 0 || *p != sep)
		goto bad;
	p++;
	if (read_number(&p, 2, &d) != 0)
		goto bad;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		goto bad;

	if (sep == '/' && y >= GREGORIAN_MIN) {
		miz_fail(cause,
		    _("date %s: a year of %d with slashes is not a Solar Hijri year: write "
		      "Gregorian dates as YYYY-MM-DD"),
		    text, y);
		goto out;
	}
	if (sep == '/' || y < GREGORIAN_MIN) {
		/* A desk's dates are recent: an old year is a typing mistake
		 * (and would read back as Gregorian from the database). */
		if (y < PARSE_JALALI_MIN) {
			miz_fail(cause,
			    _("date %s: the year %d is too early: a Solar Hijri year is %d or "
			      "later"),
			    text, y, PARSE_JALALI_MIN);
			goto out;
		}
		if (!cal_jalali_valid(y, m, d)) {
			miz_fail(cause,
			    _("date %s: there is no such day in the Solar Hijri calendar"), text);
			goto out;
		}
		*out = cal_from_jalali(y, m, d);
	} else {
		if (y > GREGORIAN_MAX || !cal_gregorian_valid(y, m, d)) {
			miz_fail(cause,
			    _("date %s: there is no such day in the Gregorian calendar"), text);
			goto out;
		}
		*out = cal_from_gregorian(y, m, d);
	}
	ret = 0;
	goto out;
bad:
	miz_fail(cause,
	    _("date '%s' not understood: write YYYY-MM-DD (Gregorian) or YYYY/MM/DD (Solar Hijri)"),
	    text);
out:
	free(ascii);
	return ret;
}

void
cal_format_iso(miz_day day, char *buf)
{
	struct miz_ymd g = cal_to_gregorian(day);
	/* Years stay within 4 digits by the parser's limits. */
	buf[0] = (char)('0' + g.y / 1000 % 10);
	buf[1] = (char)('0' + g.y / 100 % 10);
	buf[2] = (char)('0' + g.y / 10 % 10);
	buf[3] = (char)('0' + g.y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + g.m / 10);
	buf[6] = (char)('0' + g.m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + g.d / 10);
	buf[9] = (char)('0' + g.d % 10);
	buf[10] = '\0';
}

void
cal_format_jalali(miz_day day, char *buf)
{
	struct miz_ymd j = cal_to_jalali(day);
	buf[0] = (char)('0' + j.y / 1000 % 10);
	buf[1] = (char)('0' + j.y / 100 % 10);
	buf[2] = (char)('0' + j.y / 10 % 10);
	buf[3] = (char)('0' + j.y % 10);
	buf[4] = '/';
	buf[5] = (char)('0' + j.m / 10);
	buf[6] = (char)('0' + j.m % 10);
	buf[7] = '/';
	buf[8] = (char)('0' + j.d / 10);
	buf[9] = (char)('0' + j.d % 10);
	buf[10] = '\0';
}

miz_day
cal_today(void)
{
	const char *env = getenv("MIZ_TODAY");
	miz_day day;
	if (env != NULL && *env != '\0' && cal_parse(env, &day, NULL) == 0)
		return day;
	return cal_clock_today();
}

miz_day
cal_clock_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return cal_from_gregorian(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const char *const weekday_tokens[] = { "sat", "sun", "mon", "tue", "wed", "thu", "fri" };

const char *
cal_weekday_token(enum miz_weekday w)
{
	assert(w >= MIZ_SAT && w <= MIZ_FRI);
	return weekday_tokens[w];
}

int
cal_parse_weekdays(const char *text, unsigned *mask, char **cause)
{
	unsigned m = 0;
	const char *p = text;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		const char *start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		size_t len = (size_t)(p - start);
		int found = -1;
		for (int w = 0; w < 7; w++) {
			if (len == 3 && strncasecmp(start, weekday_tokens[w], 3) == 0)
				found = w;
		}
		if (found < 0) {
			return miz_fail(cause,
			    _("weekday '%.*s' not understood: use sat sun mon tue wed thu fri"),
			    (int)len, start);
		}
		m |= MIZ_WEEKDAY_BIT(found);
	}
	*mask = m;
	return 0;
}

void
cal_init(struct miz_calendar *cal)
{
	memset(cal, 0, sizeof *cal);
}

void
cal_free(struct miz_calendar *cal)
{
	free(cal->rules);
	if (cal->hol != NULL) {
		free(cal->hol->days);
		free(cal->hol->years);
		free(cal->hol);
	}
	memset(cal, 0, sizeof *cal);
}

void
cal_add_rule(struct miz_calendar *cal, miz_day from, miz_day to, unsigned mask)
{
	cal->rules = xreallocarray(cal->rules, cal->nrules + 1, sizeof *cal->rules);
	cal->rules[cal->nrules].from = from;
	cal->rules[cal->nrules].to = to;
	cal->rules[cal->nrules].mask = mask;
	cal->nrules++;
}

/* The calendar's holidays, made when first needed. */
static struct cal_holidays *
holidays_of(struct miz_calendar *cal)
{
	if (cal->hol == NULL) {
		cal->hol = xcalloc(1, sizeof *cal->hol);
		cal->hol->asked_from = 1;
		cal->hol->asked_to = 0; /* empty */
	}
	return cal->hol;
}

void
cal_holidays_add(struct cal_holidays *h, miz_day day)
{
	/* Keep the array sorted and unique: holidays arrive mostly in order. */
	size_t i = h->n;
	while (i > 0 && h->days[i - 1] > day)
		i--;
	if (i > 0 && h->days[i - 1] == day)
		return;
	h->days = xreallocarray(h->days, h->n + 1, sizeof *h->days);
	memmove(h->days + i + 1, h->days + i, (h->n - i) * sizeof *h->days);
	h->days[i] = day;
	h->n++;
}

void
cal_add_holiday(struct miz_calendar *cal, miz_day day)
{
	cal_holidays_add(holidays_of(cal), day);
}

void
cal_set_source(struct miz_calendar *cal, cal_year_source source, void *arg)
{
	struct cal_holidays *h = holidays_of(cal);
	h->source = source;
	h->arg = arg;
}

size_t
cal_holiday_count(const struct miz_calendar *cal)
{
	return cal->hol != NULL ? cal->hol->n : 0;
}

/* Asks the source for the year of `day` once (a calendar asked about a
 * year is changed only in its holidays, which live outside the struct). */
static void
ask_source(struct cal_holidays *h, miz_day day)
{
	if (day >= h->asked_from && day <= h->asked_to)
		return;
	int year = cal_to_jalali(day).y;
	for (size_t i = 0; i < h->nyears; i++) {
		if (h->years[i] == year)
			return;
	}
	h->years = xreallocarray(h->years, h->nyears + 1, sizeof *h->years);
	h->years[h->nyears++] = year;
	miz_day from = cal_from_jalali(year, 1, 1), to = cal_from_jalali(year + 1, 1, 1) - 1;
	if (h->asked_from > h->asked_to) {
		h->asked_from = from;
		h->asked_to = to;
	} else if (to + 1 == h->asked_from) {
		h->asked_from = from;
	} else if (from == h->asked_to + 1) {
		h->asked_to = to;
	}
	h->source(h->arg, year, h);
}

unsigned
cal_offdays_on(const struct miz_calendar *cal, miz_day day)
{
	const struct miz_offday_rule *best = NULL;
	for (size_t i = 0; i < cal->nrules; i++) {
		const struct miz_offday_rule *r = &cal->rules[i];
		if (day < r->from || day > r->to)
			continue;
		if (best == NULL || r->from >= best->from)
			best = r;
	}
	return best != NULL ? best->mask : MIZ_WEEKDAY_BIT(MIZ_FRI);
}

bool
cal_is_holiday(const struct miz_calendar *cal, miz_day day)
{
	struct cal_holidays *h = cal->hol;
	if (h == NULL)
		return false;
	if (h->source != NULL)
		ask_source(h, day);
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->n && h->days[lo] == day;
}

bool
cal_is_working_day(const struct miz_calendar *cal, miz_day day)
{
	if (cal_offdays_on(cal, day) & MIZ_WEEKDAY_BIT(cal_weekday(day)))
		return false;
	return !cal_is_holiday(cal, day);
}

miz_day
cal_add_working_days(const struct miz_calendar *cal, miz_day from, int n)
{
	assert(n >= 0);
	miz_day day = from;
	if (n == 0) {
		/* A rule list that makes every weekday an off-day would loop forever;
		 * give up after ten years and return the date as it is. */
		for (int guard = 0; guard < 3660 && !cal_is_working_day(cal, day); guard++)
			day++;
		return day;
	}
	int guard = 0;
	while (n > 0 && guard < 3660 + n * 7) {
		day++;
		guard++;
		if (cal_is_working_day(cal, day))
			n--;
	}
	return day;
}

int
cal_working_days_between(const struct miz_calendar *cal, miz_day from, miz_day to)
{
	int n = 0;
	for (miz_day d = from + 1; d <= to; d++)
		n += cal_is_working_day(cal, d);
	return n;
}
