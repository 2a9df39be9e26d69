/* Holidays and weekly off-day rules in the database, and their CSV import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/clerk.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

int
holiday_load_calendar(struct miz_db *db, struct miz_calendar *cal, char **cause)
{
	sqlite3_stmt *st;
	int rc;
	cal_init(cal);
	if (db_prepare(db, "SELECT from_date, to_date, offdays FROM workweek ORDER BY id", &st,
	        cause) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		miz_day from, to;
		if (db_column_day(st, 0, &from) != 0)
			continue;
		if (db_column_day(st, 1, &to) != 0)
			to = CAL_OPEN_END;
		cal_add_rule(cal, from, to, (unsigned)sqlite3_column_int(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (db_prepare(db, "SELECT date FROM holiday ORDER BY date", &st, cause) != 0) {
		cal_free(cal);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		miz_day day;
		if (db_column_day(st, 0, &day) == 0)
			cal_add_holiday(cal, day);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	cal_free(cal);
	return db_fail(db, cause);
}

/* Reloads the calendar and revises open promises from `from` on; in a transaction. */
static int
revise_from(struct miz_db *db, miz_day from, int *revised, char **cause)
{
	struct miz_calendar cal;
	if (holiday_load_calendar(db, &cal, cause) != 0)
		return -1;
	int ret = case_revise_promises(db, &cal, from, revised, cause);
	cal_free(&cal);
	return ret;
}

/* Inserts or updates one holiday row. */
static int
holiday_put(struct miz_db *db, miz_day day, const char *name, const char *kind, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "INSERT INTO holiday(date, name, kind) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT(date) DO UPDATE SET name = excluded.name, kind = excluded.kind",
	        &st, cause) != 0)
		return -1;
	db_bind_day(st, 1, day);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, kind);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
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
holiday_add(
    struct miz_db *db, miz_day day, const char *name, const char *kind, int *revised, char **cause)
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
	if (holiday_put(db, day, n, k, cause) != 0 || revise_from(db, day, revised, cause) != 0) {
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
		errlist_add(im->errs, _("%s:%ld: expected date,name[,kind], found %zu fields"),
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

int
holiday_import(struct miz_db *db, const char *path, struct miz_errlist *errs, int *count,
    int *revised, char **cause)
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
	if (im.nrows > 0 && revise_from(db, first, revised, cause) != 0) {
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
		errlist_add(im->errs, _("%s:%ld: expected from,to,weekdays, found %zu fields"),
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
holiday_import_workweek(struct miz_db *db, const char *path, struct miz_errlist *errs, int *count,
    int *revised, char **cause)
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
	sqlite3_stmt *st = NULL;
	miz_day first = CAL_OPEN_END;
	/* The file is the whole rule set: it replaces the rules in force. */
	if (db_prepare(db, "SELECT min(from_date) FROM workweek", &st, cause) != 0)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		miz_day old;
		if (db_column_day(st, 0, &old) == 0)
			first = old;
	}
	sqlite3_finalize(st);
	if (db_prepare(db, "DELETE FROM workweek", &st, cause) != 0)
		goto fail;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, cause);
		goto fail;
	}
	for (size_t i = 0; i < im.nrows; i++) {
		if (db_prepare(db,
		        "INSERT INTO workweek(from_date, to_date, offdays) VALUES (?, ?, ?)", &st,
		        cause) != 0)
			goto fail;
		db_bind_day(st, 1, im.rows[i].from);
		if (im.rows[i].to == CAL_OPEN_END)
			sqlite3_bind_null(st, 2);
		else
			db_bind_day(st, 2, im.rows[i].to);
		sqlite3_bind_int(st, 3, (int)im.rows[i].mask);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_fail(db, cause);
			goto fail;
		}
		if (im.rows[i].from < first)
			first = im.rows[i].from;
	}
	if (revise_from(db, first == CAL_OPEN_END ? 0 : first, revised, cause) != 0)
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
