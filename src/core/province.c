/*
 * A province's roll-up (province.h): the office's day figures as rows of
 * (office, day, service, indicator, value), sent to the province's
 * database, written as CSV, or loaded from it there.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "miz/clerk.h"
#include "miz/i18n.h"
#include "miz/province.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "store.h"

/* The indicators, in the order of the query's columns after day and
 * service; "open_at_end" is the service's backlog when the day ended. */
static const char *const indicators[] = { "opened", "noticed", "repeated", "delivered", "on_time",
	"days_sum", "days_n", "visits_sum", "sat_n", "sat_sum", "closed", "open_at_end" };
#define NINDICATORS (sizeof indicators / sizeof indicators[0])

struct figure {
	int office;
	const char *office_name;
	const char *day;
	const char *service;
	const char *indicator;
	long long value;
};

typedef int (*figure_fn)(const struct figure *f, void *arg, char **cause);

/* Calls fn per figure of the office's days from..to. */
static int
each_figure(struct miz_db *db, miz_day from, miz_day to, figure_fn fn, void *arg,
    struct province_result *out, char **cause)
{
	memset(out, 0, sizeof *out);
	if (to < from)
		return miz_fail(cause, _("the period ends before it starts"));
	/* The province tells offices apart by their numbers: one never set
	 * would send as another's. */
	char *number = NULL;
	if (db_setting_get(db, "office_number", &number, cause) != 0)
		return -1;
	if (number == NULL)
		return miz_fail(cause,
		    _("set the office's number first (miz setting office_number "
		      "N): the province tells its offices apart by it"));
	free(number);
	int office = (int)db_setting_long(db, "office_number", 0);
	char *name = NULL;
	db_setting_get(db, "office_name", &name, NULL);
	char *fallback = xasprintf(_("office %d"), office);
	const char *office_name = name != NULL && *name != '\0' ? name : fallback;
	struct store_stmt *st;
	int ret = -1;
	/* Each service's backlog when each day ended is the running sum of
	 * its opened less closed; a service with open cases and no work in
	 * the days sent sends its backlog on the last day. */
	if (store_prepare(db,
	        "SELECT day, code, opened, noticed, repeated, delivered, on_time, days_sum,"
	        " days_n, visits_sum, sat_n, sat_sum, closed, open_at_end FROM"
	        " (SELECT f.day, s.code, f.opened, f.noticed, f.repeated, f.delivered, f.on_time,"
	        "  f.days_sum, f.days_n, f.visits_sum, f.sat_n, f.sat_sum, f.closed,"
	        "  sum(f.opened - f.closed) OVER (PARTITION BY f.service_id ORDER BY f.day)"
	        "  AS open_at_end"
	        "  FROM day_figure f JOIN service s ON s.id = f.service_id WHERE f.day <= ?2) AS w"
	        " WHERE day >= ?1"
	        " UNION ALL SELECT CAST(?2 AS TEXT), s.code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,"
	        "  sum(f.opened - f.closed)"
	        "  FROM day_figure f JOIN service s ON s.id = f.service_id WHERE f.day <= ?2"
	        "  GROUP BY f.service_id, s.code"
	        "  HAVING max(f.day) < ?1 AND sum(f.opened - f.closed) <> 0"
	        " ORDER BY 1, 2",
	        &st, cause) != 0)
		goto out;
	store_bind_day(st, 1, from);
	store_bind_day(st, 2, to);
	int rc;
	char last[11] = "";
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *day = store_text(st, 0);
		if (day != NULL && strcmp(day, last) != 0) {
			snprintf(last, sizeof last, "%s", day);
			out->days++;
		}
		for (size_t i = 0; i < NINDICATORS; i++) {
			struct figure f = { office, office_name, day, store_text(st, 1),
				indicators[i], store_int(st, 2 + (int)i) };
			if (fn(&f, arg, cause) != 0) {
				store_finish(st);
				goto out;
			}
			out->figures++;
		}
	}
	store_finish(st);
	ret = rc == STORE_DONE ? 0 : db_fail(db, cause);
out:
	free(name);
	free(fallback);
	return ret;
}

/*
 * The province's side: the figures loaded in bulk into a table of the
 * connection's own (COPY on PostgreSQL), then upserted by one statement:
 * a figure already there with the same value is left as it is (nothing
 * written), a changed one is replaced.
 */
static const char *const stage_cols[] = { "seq", "office", "office_name", "day", "service",
	"indicator", "value" };

static int
stage_begin(struct miz_db *province, struct store_load **load, char **cause)
{
	if (db_exec(province,
	        "CREATE TEMP TABLE IF NOT EXISTS push_figure(seq bigint, office bigint,"
	        " office_name text, day text, service text, indicator text, value bigint);"
	        "DELETE FROM temp.push_figure",
	        cause) != 0)
		return -1;
	return store_load_begin(province, "temp.push_figure", stage_cols, 7, load, cause);
}

static int
stage_one(struct store_load *load, long seq, const struct figure *f)
{
	store_load_int(load, 0, seq);
	store_load_int(load, 1, f->office);
	store_load_text(load, 2, f->office_name);
	store_load_text(load, 3, f->day);
	store_load_text(load, 4, f->service);
	store_load_text(load, 5, f->indicator);
	store_load_int(load, 6, f->value);
	return store_load_row(load);
}

/* Ends the load and upserts what it holds; `repeats`: the same figure may
 * be there twice (a file), the last one counts. */
static int
stage_upsert(struct miz_db *province, struct store_load *load, bool repeats, char **cause)
{
	if (store_load_end(load, cause) != 0)
		return -1;
	if (repeats &&
	    db_exec(province,
	        "DELETE FROM temp.push_figure WHERE seq NOT IN (SELECT max(seq)"
	        " FROM temp.push_figure GROUP BY office, day, service, indicator)",
	        cause) != 0)
		return -1;
	return db_exec(province,
	    "INSERT INTO province_figure(office, office_name, day, service, indicator, value)"
	    " SELECT office, office_name, day, service, indicator, value FROM temp.push_figure"
	    " WHERE true ON CONFLICT(office, day, service, indicator) DO UPDATE"
	    " SET value = excluded.value, office_name = excluded.office_name"
	    " WHERE province_figure.value <> excluded.value"
	    " OR province_figure.office_name <> excluded.office_name",
	    cause);
}

/* The figures read from the office, kept to be sent in one transaction. */
struct figures {
	struct figure *f;
	size_t n, cap;
	char *name;
};

static int
keep_one(const struct figure *f, void *arg, char **cause)
{
	struct figures *k = arg;
	(void)cause;
	if (k->n == k->cap) {
		k->cap = k->cap > 0 ? 2 * k->cap : 1024;
		k->f = xreallocarray(k->f, k->cap, sizeof *k->f);
	}
	struct figure *c = &k->f[k->n++];
	*c = *f;
	if (k->name == NULL)
		k->name = xstrdup(f->office_name);
	c->office_name = k->name;
	c->day = xstrdup(f->day != NULL ? f->day : "");
	c->service = xstrdup(f->service != NULL ? f->service : "");
	return 0;
}

static void
figures_free(struct figures *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free((char *)k->f[i].day);
		free((char *)k->f[i].service);
	}
	free(k->f);
	free(k->name);
}

int
province_push(struct miz_db *office, struct miz_db *province, miz_day from, miz_day to,
    struct province_result *out, char **cause)
{
	/* Read first, then write: the province's writer lock is held only
	 * while the figures are written, so offices sending at the same
	 * minute wait for each other briefly. */
	struct figures k = { 0 };
	int ret = -1;
	struct store_load *load = NULL;
	if (each_figure(office, from, to, keep_one, &k, out, cause) != 0 ||
	    db_begin(province, cause) != 0)
		goto out;
	int rc = stage_begin(province, &load, cause);
	for (size_t i = 0; i < k.n && rc == 0; i++)
		rc = stage_one(load, (long)i, &k.f[i]);
	if (rc == 0)
		rc = stage_upsert(province, load, false, cause);
	else
		store_load_end(load, cause);
	if (rc != 0) {
		db_rollback(province);
		goto out;
	}
	ret = db_commit(province, cause);
out:
	figures_free(&k);
	return ret;
}

static int
csv_one(const struct figure *f, void *arg, char **cause)
{
	struct csv_writer *w = arg;
	csvw_int(w, f->office);
	csvw_field(w, f->office_name);
	csvw_field(w, f->day);
	csvw_field(w, f->service);
	csvw_field(w, f->indicator);
	csvw_int(w, f->value);
	csvw_end_row(w);
	return w->error ? miz_fail(cause, _("cannot write the CSV output: %s"), strerror(w->error))
	                : 0;
}

static const char *const csv_header[] = { "office", "office_name", "day", "service", "indicator",
	"value" };

int
province_write_csv(struct miz_db *office, miz_day from, miz_day to, FILE *fp, bool bom,
    struct province_result *out, char **cause)
{
	struct csv_writer w;
	csvw_init(&w, fp);
	if (bom)
		csvw_bom(&w);
	for (size_t i = 0; i < sizeof csv_header / sizeof csv_header[0]; i++)
		csvw_field(&w, csv_header[i]);
	csvw_end_row(&w);
	int ret = each_figure(office, from, to, csv_one, &w, out, cause);
	if (csvw_finish(&w, ret == 0 ? cause : NULL) != 0)
		ret = -1;
	return ret;
}

struct loader {
	struct miz_db *province;
	struct store_load *load;
	const char *path;
	struct miz_errlist *errs;
	struct province_result *out;
	char last[11];
};

/* A whole number of the file, or -1 with a message for its line. */
static int
number_of(struct loader *l, long line, const char *field, const char *text, long long *v)
{
	char *end;
	errno = 0;
	*v = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0) {
		errlist_add(l->errs, _("%s:%ld: %s must be a whole number, not '%s'"), l->path,
		    line, field, text);
		return -1;
	}
	return 0;
}

static int
load_row(const struct csvfile_row *row, void *arg, char **cause)
{
	struct loader *l = arg;
	long long office, value;
	miz_day day;
	for (size_t i = 0; i < 6; i++) {
		char *why = NULL;
		if (text_check(row->fields[i], csv_header[i], 200, false, &why) != 0) {
			errlist_add(l->errs, "%s:%ld: %s", l->path, row->line, why);
			free(why);
			return 0;
		}
		if (*row->fields[i] == '\0') {
			errlist_add(
			    l->errs, _("%s:%ld: %s is empty"), l->path, row->line, csv_header[i]);
			return 0;
		}
	}
	int bad = number_of(l, row->line, "office", row->fields[0], &office) |
	    number_of(l, row->line, "value", row->fields[5], &value);
	if (bad == 0 && (office < 0 || office > 999 || value < 0)) {
		errlist_add(l->errs,
		    _("%s:%ld: office must be 0 to 999 and value 0 or more (office %lld, value "
		      "%lld)"),
		    l->path, row->line, office, value);
		bad = -1;
	}
	/* A Gregorian ISO date, as the report reads it (not a Solar Hijri one). */
	char iso[11] = "";
	if (cal_parse(row->fields[2], &day, NULL) == 0)
		cal_format_iso(day, iso);
	if (strcmp(iso, row->fields[2]) != 0) {
		errlist_add(l->errs, _("%s:%ld: day '%s' is not a date written YYYY-MM-DD"),
		    l->path, row->line, row->fields[2]);
		bad = -1;
	}
	bool known = false;
	for (size_t i = 0; i < NINDICATORS; i++)
		known = known || strcmp(row->fields[4], indicators[i]) == 0;
	if (!known) {
		errlist_add(l->errs, _("%s:%ld: unknown indicator '%s'"), l->path, row->line,
		    row->fields[4]);
		bad = -1;
	}
	if (bad != 0 || l->errs->n > 0)
		return 0; /* checked on, nothing written */
	struct figure f = { (int)office, row->fields[1], row->fields[2], row->fields[3],
		row->fields[4], value };
	if (stage_one(l->load, row->line, &f) != 0) {
		store_load_end(l->load, cause); /* says why */
		l->load = NULL;
		return -1;
	}
	l->out->figures++;
	if (strcmp(row->fields[2], l->last) != 0) {
		snprintf(l->last, sizeof l->last, "%s", row->fields[2]);
		l->out->days++;
	}
	return 0;
}

int
province_load_csv(struct miz_db *province, const char *path, struct miz_errlist *errs,
    struct province_result *out, char **cause)
{
	memset(out, 0, sizeof *out);
	if (clerk_require_supervisor(province, _("load an office's figures"), cause) != 0 ||
	    db_begin(province, cause) != 0)
		return -1;
	struct loader l = { province, NULL, path, errs, out, "" };
	if (stage_begin(province, &l.load, cause) != 0) {
		db_rollback(province);
		return -1;
	}
	int rc = csvfile_import(path, NULL, csv_header, 6, 6, load_row, &l, errs, cause);
	if (rc == 0)
		rc = stage_upsert(province, l.load, true, cause);
	else
		store_load_end(l.load, NULL);
	if (rc != 0) {
		db_rollback(province);
		memset(out, 0, sizeof *out);
		return -1;
	}
	return db_commit(province, cause);
}
