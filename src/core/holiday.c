/* Holidays and weekly off-day rules in the database, and their CSV import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/clerk.h"
#include "holiday_store.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/lunar.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "store.h"

/*
 * The holidays every year has.  Their names are Persian as the official
 * lists and the notices print them: proper names, not interface text.
 * Fixed solar days by the Solar Hijri calendar; lunar days by the Hijri
 * month and day (END_OF_MONTH: the month's last day, 29th or 30th).
 */
struct known_day {
	int month, day;
	const char *name;
};
#define END_OF_MONTH 0

static const struct known_day solar_days[] = {
	{ 1, 1, "آغاز نوروز" },
	{ 1, 2, "عید نوروز" },
	{ 1, 3, "عید نوروز" },
	{ 1, 4, "عید نوروز" },
	{ 1, 12, "روز جمهوری اسلامی" },
	{ 1, 13, "روز طبیعت" },
	{ 3, 14, "رحلت امام خمینی (ره)" },
	{ 3, 15, "قیام ۱۵ خرداد" },
	{ 11, 22, "پیروزی انقلاب اسلامی" },
	{ 12, 29, "ملی شدن صنعت نفت" },
};

static const struct known_day lunar_days[] = {
	{ 1, 9, "تاسوعای حسینی" },
	{ 1, 10, "عاشورای حسینی" },
	{ 2, 20, "اربعین حسینی" },
	{ 2, 28, "رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)" },
	{ 2, END_OF_MONTH, "شهادت امام رضا (ع)" },
	{ 3, 8, "شهادت امام حسن عسکری (ع)" },
	{ 3, 17, "میلاد رسول اکرم (ص) و امام جعفر صادق (ع)" },
	{ 6, 3, "شهادت حضرت فاطمه زهرا (س)" },
	{ 7, 13, "ولادت امام علی (ع)" },
	{ 7, 27, "مبعث رسول اکرم (ص)" },
	{ 8, 15, "ولادت حضرت قائم (عج)" },
	{ 9, 21, "شهادت حضرت علی (ع)" },
	{ 10, 1, "عید سعید فطر" },
	{ 10, 2, "تعطیل به مناسبت عید سعید فطر" },
	{ 10, 25, "شهادت امام جعفر صادق (ع)" },
	{ 12, 10, "عید سعید قربان" },
	{ 12, 18, "عید سعید غدیر خم" },
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A year has its official list once it holds this many official days: a
 * real list has 25 or so, and one day added (miz holiday add, a one-row
 * file) does not make one. */
#define OFFICIAL_LIST_MIN 10

int
holiday_year_official(struct miz_db *db, int year, bool *official, char **cause)
{
	struct store_stmt *st;
	*official = false;
	if (store_prepare(db, "SELECT 1 FROM holiday_list WHERE year = ?", &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, year);
	int rc = store_step(st);
	*official = rc == STORE_ROW;
	store_finish(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* The first days of Hijri months kept from earlier computations, read
 * with one query for the years a Solar Hijri year needs (a server answers
 * each query across the network). */
struct kept_months {
	struct {
		int year, month;
		miz_day day;
	} m[64];
	size_t n;
};

/* Whether Solar Hijri `year` has its official list (holiday_list), and the
 * kept months of Hijri years from_year..to_year, in one query. */
static int
kept_months_load(struct miz_db *db, int year, int from_year, int to_year, bool *official,
    struct kept_months *k, char **cause)
{
	struct store_stmt *st;
	k->n = 0;
	*official = false;
	if (store_prepare(db,
	        "SELECT o.n, m.year, m.month, m.first_day FROM"
	        " (SELECT count(*) AS n FROM holiday_list WHERE year = ?3) AS o"
	        " LEFT JOIN lunar_month m ON m.year BETWEEN ?1 AND ?2",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, from_year);
	store_bind_int(st, 2, to_year);
	store_bind_int(st, 3, year);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		*official = store_int(st, 0) > 0;
		if (k->n == NELEMS(k->m) || store_day(st, 3, &k->m[k->n].day) != 0)
			continue; /* none kept (NULL), or more than a year needs */
		k->m[k->n].year = (int)store_int(st, 1);
		k->m[k->n].month = (int)store_int(st, 2);
		k->n++;
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/*
 * The first day of a Hijri month: kept from an earlier computation, else
 * computed, and kept when this connection is writing anyway (a reader
 * never takes a write lock for it).  A database error only costs the
 * computation again.
 */
static miz_day
month_start(struct miz_db *db, struct kept_months *k, int year, int month)
{
	for (size_t i = 0; i < k->n; i++) {
		if (k->m[i].year == year && k->m[i].month == month)
			return k->m[i].day;
	}
	miz_day day = lunar_month_start(year, month);
	if (k->n < NELEMS(k->m)) {
		k->m[k->n].year = year;
		k->m[k->n].month = month;
		k->m[k->n].day = day;
		k->n++;
	}
	struct store_stmt *st;
	if (!db->readonly && store_in_transaction(db) &&
	    store_prepare(db,
	        "INSERT INTO lunar_month(year, month, first_day) VALUES (?, ?, ?)"
	        " ON CONFLICT DO NOTHING",
	        &st, NULL) == 0) {
		store_bind_int(st, 1, year);
		store_bind_int(st, 2, month);
		store_bind_day(st, 3, day);
		store_step(st);
		store_finish(st);
	}
	return day;
}

int
holiday_builtin(struct miz_db *db, int year, holiday_fn fn, void *arg, char **cause)
{
	miz_day from = cal_from_jalali(year, 1, 1), to = cal_from_jalali(year + 1, 1, 1) - 1;
	for (size_t i = 0; i < NELEMS(solar_days); i++)
		fn(arg, cal_from_jalali(year, solar_days[i].month, solar_days[i].day),
		    solar_days[i].name, "official");
	int first = lunar_year_near(from) - 1, last = lunar_year_near(to) + 1;
	bool official;
	struct kept_months kept;
	if (kept_months_load(db, year, first, last + 1, &official, &kept, cause) != 0)
		return -1;
	if (official)
		return 0; /* the year's own list has its lunar days */
	for (int hy = first; hy <= last; hy++) {
		for (size_t i = 0; i < NELEMS(lunar_days); i++) {
			const struct known_day *k = &lunar_days[i];
			/* Months well outside the year cost no astronomy. */
			miz_day guess = lunar_month_estimate(hy, k->month);
			if (guess + 32 < from || guess - 3 > to)
				continue;
			miz_day day = k->day != END_OF_MONTH
			    ? month_start(db, &kept, hy, k->month) + k->day - 1
			    : (k->month == 12 ? month_start(db, &kept, hy + 1, 1)
			                      : month_start(db, &kept, hy, k->month + 1)) -
			        1;
			if (day >= from && day <= to)
				fn(arg, day, k->name, "computed");
		}
	}
	return 0;
}

/* Adds a built-in day to a calendar's holidays. */
static int
add_to_calendar(void *arg, miz_day day, const char *name, const char *kind)
{
	(void)name;
	(void)kind;
	cal_holidays_add(arg, day);
	return 0;
}

/* The calendar's source: a year's built-in days, asked when first needed. */
static void
year_source(void *arg, int year, struct cal_holidays *h)
{
	holiday_builtin(arg, year, add_to_calendar, h, NULL);
}

int
holiday_load_calendar(struct miz_db *db, struct miz_calendar *cal, char **cause)
{
	struct store_stmt *st;
	int rc;
	cal_init(cal);
	/* The weekly rules and the holidays in one query (one round trip to a
	 * server): the rules in their order, then the days. */
	if (store_prepare(db,
	        "SELECT 0, id, from_date, to_date, offdays FROM workweek"
	        " UNION ALL SELECT 1, 0, date, NULL, 0 FROM holiday ORDER BY 1, 2, 3",
	        &st, cause) != 0) {
		cal_free(cal);
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day from, to;
		if (store_day(st, 2, &from) != 0)
			continue;
		if (store_int(st, 0) == 1) {
			cal_add_holiday(cal, from);
			continue;
		}
		if (store_day(st, 3, &to) != 0)
			to = CAL_OPEN_END;
		cal_add_rule(cal, from, to, (unsigned)(int)store_int(st, 4));
	}
	store_finish(st);
	if (rc != STORE_DONE)
		goto fail;
	cal_set_source(cal, year_source, db);
	return 0;
fail:
	cal_free(cal);
	return db_fail(db, cause);
}

/* Reloads the calendar and revises open promises from `from` on; in a transaction. */
static int
revise_from(struct miz_db *db, holiday_revise_fn revise, miz_day from, int *revised, char **cause)
{
	struct miz_calendar cal;
	if (holiday_load_calendar(db, &cal, cause) != 0)
		return -1;
	int ret = revise(db, &cal, from, revised, cause);
	cal_free(&cal);
	return ret;
}

/* Inserts or updates one holiday row. */
static int
holiday_put(struct miz_db *db, miz_day day, const char *name, const char *kind, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO holiday(date, name, kind) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT(date) DO UPDATE SET name = excluded.name, kind = excluded.kind",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, day);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, kind);
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	return 0;
}

/* Checks a holiday kind; returns the canonical token or NULL. */
static const char *
holiday_kind(const char *text)
{
	if (*text == '\0' || text_eq(text, "official"))
		return "official";
	if (text_eq(text, "closure"))
		return "closure";
	return NULL;
}

int
holiday_store_add(struct miz_db *db, miz_day day, const char *name, const char *kind,
    holiday_revise_fn revise, int *revised, char **cause)
{
	*revised = 0;
	if (clerk_require_supervisor(db, _("add a holiday or a closure"), cause) != 0 ||
	    text_check(name, _("the holiday's name"), TEXT_MAX_TITLE, false, cause) != 0)
		return -1;
	char *n = text_normalize(name, false);
	const char *k = holiday_kind(kind != NULL ? kind : "");
	int ret = -1;
	*revised = 0;
	if (*n == '\0') {
		miz_fail(
		    cause, _("the holiday needs a name (for example the reason of the closure)"));
		goto out;
	}
	if (k == NULL) {
		miz_fail(cause, _("holiday kind must be official or closure, not '%s'"), kind);
		goto out;
	}
	if (db_begin(db, cause) != 0)
		goto out;
	if (holiday_put(db, day, n, k, cause) != 0 ||
	    revise_from(db, revise, day, revised, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	ret = db_commit(db, cause);
out:
	free(n);
	return ret;
}

struct holiday_row {
	miz_day day;
	char *name;
	const char *kind;
};

struct holiday_import_state {
	const char *path;
	struct miz_errlist *errs;
	struct holiday_row *rows;
	size_t nrows;
};

static const char *const holiday_header[] = { "date", "name", "kind" };

/* Checks one holidays.csv row. */
static int
holiday_row_cb(const struct csvfile_row *row, void *arg, char **cause)
{
	struct holiday_import_state *im = arg;
	if (row->nfields < 2 || row->nfields > 3) {
		errlist_add(im->errs,
		    ngettext("%s:%ld: expected date,name[,kind], found %zu field",
		        "%s:%ld: expected date,name[,kind], found %zu fields", row->nfields),
		    im->path, row->line, row->nfields);
		return 0;
	}
	struct holiday_row r;
	char *why = NULL;
	size_t before = im->errs->n;
	if (cal_parse(row->fields[0], &r.day, &why) != 0) {
		errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
		free(why);
	}
	if (text_check(row->fields[1], _("the holiday's name"), TEXT_MAX_TITLE, false, &why) != 0) {
		errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
		free(why);
		why = NULL;
	}
	r.name = text_normalize(row->fields[1], false);
	if (*r.name == '\0')
		errlist_add(im->errs, _("%s:%ld: the holiday name is empty"), im->path, row->line);
	char *kind = text_normalize(row->nfields == 3 ? row->fields[2] : "", false);
	r.kind = holiday_kind(kind);
	if (r.kind == NULL)
		errlist_add(im->errs, _("%s:%ld: kind must be official or closure, not '%s'"),
		    im->path, row->line, kind);
	free(kind);
	if (im->errs->n != before) {
		free(r.name);
		return 0;
	}
	im->rows = xreallocarray(im->rows, im->nrows + 1, sizeof *im->rows);
	im->rows[im->nrows++] = r;
	return 0;
}

/* Records that the official list of a Solar Hijri year is loaded. */
static int
mark_official(struct miz_db *db, int year, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO holiday_list(year, loaded_on) VALUES (?, datetime('now', 'localtime'))"
	        " ON CONFLICT DO NOTHING",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, year);
	int rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Marks a year as listed when it holds OFFICIAL_LIST_MIN official days;
 * *marked says whether it did. */
static int
mark_if_listed(struct miz_db *db, int year, int *marked, char **cause)
{
	struct store_stmt *st;
	*marked = 0;
	if (store_prepare(db,
	        "SELECT count(*) FROM holiday WHERE kind = 'official' AND date BETWEEN ? AND ?",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, cal_from_jalali(year, 1, 1));
	store_bind_day(st, 2, cal_from_jalali(year + 1, 1, 1) - 1);
	int rc = store_step(st);
	long long n = rc == STORE_ROW ? store_int(st, 0) : 0;
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	if (n < OFFICIAL_LIST_MIN)
		return 0;
	*marked = 1;
	return mark_official(db, year, cause);
}

int
holiday_mark_loaded_years(struct miz_db *db, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(
	        db, "SELECT DISTINCT date FROM holiday WHERE kind = 'official'", &st, cause) != 0)
		return -1;
	int rc, last = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day day;
		int marked;
		if (store_day(st, 0, &day) != 0 || cal_to_jalali(day).y == last)
			continue;
		last = cal_to_jalali(day).y;
		if (mark_if_listed(db, last, &marked, cause) != 0) {
			store_finish(st);
			return -1;
		}
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* A day of a year's list, gathered to be sorted. */
struct listed {
	miz_day day;
	char *name;
	const char *kind;
	bool stored;
};

struct listing {
	struct listed *days;
	size_t n;
};

static int
gather(void *arg, miz_day day, const char *name, const char *kind)
{
	struct listing *l = arg;
	l->days = xreallocarray(l->days, l->n + 1, sizeof *l->days);
	l->days[l->n++] = (struct listed){ day, xstrdup(name), kind, false };
	return 0;
}

static int
listed_cmp(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->stored != y->stored)
		return (int)y->stored - (int)x->stored; /* the stored day first */
	return strcmp(x->kind, y->kind) > 0 ? -1 : strcmp(x->kind, y->kind) < 0; /* official first */
}

int
holiday_list_stored(struct miz_db *db, holiday_fn fn, void *arg, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "SELECT date, name, kind FROM holiday ORDER BY date", &st, cause) !=
	    0)
		return -1;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day day;
		const char *name = store_text(st, 1);
		const char *kind = store_text(st, 2);
		if (store_day(st, 0, &day) == 0 &&
		    fn(arg, day, name != NULL ? name : "", kind != NULL ? kind : "official") != 0) {
			rc = STORE_DONE;
			break;
		}
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
holiday_list_year(struct miz_db *db, int year, holiday_fn fn, void *arg, char **cause)
{
	struct listing l = { NULL, 0 };
	struct store_stmt *st;
	int ret = -1;
	if (store_prepare(db, "SELECT date, name, kind FROM holiday WHERE date BETWEEN ? AND ?",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, cal_from_jalali(year, 1, 1));
	store_bind_day(st, 2, cal_from_jalali(year + 1, 1, 1) - 1);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day day;
		if (store_day(st, 0, &day) != 0)
			continue;
		const char *kind = store_text(st, 2);
		gather(&l, day, store_text(st, 1),
		    kind != NULL && strcmp(kind, "closure") == 0 ? "closure" : "official");
		l.days[l.n - 1].stored = true;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		goto out;
	}
	if (holiday_builtin(db, year, gather, &l, cause) != 0)
		goto out;
	qsort(l.days, l.n, sizeof *l.days, listed_cmp);
	ret = 0;
	for (size_t i = 0; i < l.n && ret == 0;) {
		/* One line a day: the stored one as it is (an official list names
		 * every holiday of its day), else the built-in names together, as
		 * the official lists write them. */
		size_t j = i + 1;
		char *name = xstrdup(l.days[i].name);
		const char *kind = l.days[i].kind;
		for (; j < l.n && l.days[j].day == l.days[i].day; j++) {
			if (l.days[i].stored)
				continue;
			char *both = xasprintf("%s و %s", name, l.days[j].name);
			free(name);
			name = both;
			kind = "official"; /* a fixed day: off whatever the moon does */
		}
		ret = fn(arg, l.days[i].day, name, kind);
		free(name);
		i = j;
	}
out:
	for (size_t i = 0; i < l.n; i++)
		free(l.days[i].name);
	free(l.days);
	return ret;
}

char *
holiday_list_warning(struct miz_db *db, miz_day today)
{
	int year = cal_to_jalali(today).y;
	bool this_year = false, next_year = false, any = false;
	struct store_stmt *st;
	if (holiday_year_official(db, year, &this_year, NULL) != 0 ||
	    holiday_year_official(db, year + 1, &next_year, NULL) != 0 ||
	    store_prepare(db, "SELECT EXISTS (SELECT 1 FROM holiday_list)", &st, NULL) != 0)
		return NULL;
	any = store_step(st) == STORE_ROW && (int)store_int(st, 0) != 0;
	store_finish(st);
	if (!any)
		return xasprintf(_("no official holiday list is loaded: promises use computed lunar "
		                   "holidays (miz import holidays FILE)"));
	if (!this_year)
		return xasprintf(_("the official holiday list for %d is not loaded: promises use "
		                   "computed lunar holidays"),
		    year);
	miz_day end = cal_from_jalali(year + 1, 1, 1) - 1;
	if (next_year || today < end - 60)
		return NULL;
	struct miz_ymd j = cal_to_jalali(end);
	return xasprintf(_("the official holiday list for %d is not loaded: promises after "
	                   "%04d/%02d/%02d use computed lunar holidays"),
	    year + 1, j.y, j.m, j.d);
}

int
holiday_store_import(struct miz_db *db, const char *path, holiday_revise_fn revise,
    struct miz_errlist *errs, int *count, int *revised, char **cause)
{
	struct holiday_import_state im = { .path = path, .errs = errs };
	int ret = -1;
	*count = 0;
	*revised = 0;
	if (clerk_require_supervisor(db, _("import holidays"), cause) != 0)
		return -1;
	if (csvfile_import(path, NULL, holiday_header, 2, 3, holiday_row_cb, &im, errs, cause) != 0)
		goto out;
	if (db_begin(db, cause) != 0)
		goto out;
	miz_day first = CAL_OPEN_END;
	for (size_t i = 0; i < im.nrows; i++) {
		if (holiday_put(db, im.rows[i].day, im.rows[i].name, im.rows[i].kind, cause) != 0) {
			db_rollback(db);
			goto out;
		}
		if (im.rows[i].day < first)
			first = im.rows[i].day;
	}
	/* A year the file makes a list of (OFFICIAL_LIST_MIN official days):
	 * its official list replaces its computed days, from its first day
	 * on, and the promises resting on them are revised. */
	for (size_t i = 0; i < im.nrows; i++) {
		bool was;
		int year = cal_to_jalali(im.rows[i].day).y, marked = 0;
		if (strcmp(im.rows[i].kind, "official") != 0)
			continue;
		if (holiday_year_official(db, year, &was, cause) != 0 ||
		    (!was && mark_if_listed(db, year, &marked, cause) != 0)) {
			db_rollback(db);
			goto out;
		}
		if (marked && cal_from_jalali(year, 1, 1) < first)
			first = cal_from_jalali(year, 1, 1);
	}
	if (im.nrows > 0 && revise_from(db, revise, first, revised, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db, cause) != 0)
		goto out;
	*count = (int)im.nrows;
	ret = 0;
out:
	for (size_t i = 0; i < im.nrows; i++)
		free(im.rows[i].name);
	free(im.rows);
	return ret;
}

struct workweek_row {
	miz_day from;
	miz_day to; /* CAL_OPEN_END when open-ended */
	unsigned mask;
};

struct workweek_import_state {
	const char *path;
	struct miz_errlist *errs;
	struct workweek_row *rows;
	size_t nrows;
};

static const char *const workweek_header[] = { "from", "to", "weekdays" };

/* Checks one workweek.csv row. */
static int
workweek_row_cb(const struct csvfile_row *row, void *arg, char **cause)
{
	struct workweek_import_state *im = arg;
	if (row->nfields != 3) {
		errlist_add(im->errs,
		    ngettext("%s:%ld: expected from,to,weekdays, found %zu field",
		        "%s:%ld: expected from,to,weekdays, found %zu fields", row->nfields),
		    im->path, row->line, row->nfields);
		return 0;
	}
	struct workweek_row r = { .to = CAL_OPEN_END };
	char *why = NULL;
	size_t before = im->errs->n;
	if (cal_parse(row->fields[0], &r.from, &why) != 0) {
		errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
		free(why);
		why = NULL;
	}
	if (*row->fields[1] != '\0' && cal_parse(row->fields[1], &r.to, &why) != 0) {
		errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
		free(why);
		why = NULL;
	}
	if (cal_parse_weekdays(row->fields[2], &r.mask, &why) != 0) {
		errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
		free(why);
	} else if (r.mask == 0x7f) {
		errlist_add(im->errs, _("%s:%ld: every day of the week cannot be off"), im->path,
		    row->line);
	}
	if (im->errs->n == before && r.to < r.from)
		errlist_add(im->errs, _("%s:%ld: 'to' is before 'from'"), im->path, row->line);
	if (im->errs->n != before)
		return 0;
	im->rows = xreallocarray(im->rows, im->nrows + 1, sizeof *im->rows);
	im->rows[im->nrows++] = r;
	return 0;
}

int
holiday_store_import_workweek(struct miz_db *db, const char *path, holiday_revise_fn revise,
    struct miz_errlist *errs, int *count, int *revised, char **cause)
{
	struct workweek_import_state im = { .path = path, .errs = errs };
	int ret = -1;
	*count = 0;
	*revised = 0;
	if (clerk_require_supervisor(db, _("import the workweek"), cause) != 0)
		return -1;
	if (csvfile_import(path, NULL, workweek_header, 3, 3, workweek_row_cb, &im, errs, cause) !=
	    0)
		goto out;
	if (db_begin(db, cause) != 0)
		goto out;
	struct store_stmt *st = NULL;
	miz_day first = CAL_OPEN_END;
	/* The file is the whole rule set: it replaces the rules in force. */
	if (store_prepare(db, "SELECT min(from_date) FROM workweek", &st, cause) != 0)
		goto fail;
	if (store_step(st) == STORE_ROW) {
		miz_day old;
		if (store_day(st, 0, &old) == 0)
			first = old;
	}
	store_finish(st);
	if (store_prepare(db, "DELETE FROM workweek", &st, cause) != 0)
		goto fail;
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		goto fail;
	}
	for (size_t i = 0; i < im.nrows; i++) {
		if (store_prepare(db,
		        "INSERT INTO workweek(from_date, to_date, offdays) VALUES (?, ?, ?)", &st,
		        cause) != 0)
			goto fail;
		store_bind_day(st, 1, im.rows[i].from);
		if (im.rows[i].to == CAL_OPEN_END)
			store_bind_null(st, 2);
		else
			store_bind_day(st, 2, im.rows[i].to);
		store_bind_int(st, 3, (int)im.rows[i].mask);
		rc = store_step(st);
		store_finish(st);
		if (rc != STORE_DONE) {
			db_fail(db, cause);
			goto fail;
		}
		if (im.rows[i].from < first)
			first = im.rows[i].from;
	}
	if (revise_from(db, revise, first == CAL_OPEN_END ? 0 : first, revised, cause) != 0)
		goto fail;
	if (db_commit(db, cause) != 0)
		goto out;
	*count = (int)im.nrows;
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	free(im.rows);
	return ret;
}
