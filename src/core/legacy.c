/* Importing an old register: clients and cases, checked row by row, all or nothing. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "miz/case.h"
#include "miz/clerk.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/legacy.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "figures.h"
#include "miz/holiday.h"
#include "overdue.h"
#include "store.h"

/* Rows between progress reports. */
#define PROGRESS_EVERY 50000
/* The longest tracking code an old register may use. */
#define LEGACY_CODE_MAX 32

struct importer {
	struct store_deferred *later; /* indexes set aside during a bulk import */
	/* The fields' names in messages, translated once (not once a row). */
	const char *the_name, *the_address, *the_note;
	bool rebuild_names; /* the client name index is rebuilt at the end */
	int64_t max_before; /* rows with a larger id were written by this import */
	struct miz_db *db;
	const char *path;
	const struct legacy_opts *opts;
	struct miz_errlist *errs;
	struct legacy_result *res;
	bool writing; /* false once a row was bad: keep checking, stop writing */
	struct store_stmt *st[6];
	/* The catalog, for cases: codes sorted for bsearch. */
	struct svc {
		char *code;
		int64_t id;
		int working_days;
	} * svcs;
	size_t nsvcs;
	/* For cases: their overdue days and day figures, gathered as they are
	 * written (overdue.h, figures.h). */
	bool derive;
	struct overdue_acc overdue;
	struct day_acc figures;
	struct miz_calendar cal;
};

/* Adds a "FILE:LINE: message" and stops the writing. */
static void __attribute__((format(printf, 3, 4)))
bad(struct importer *im, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	errlist_add(im->errs, "%s:%ld: %s", im->path, line, msg);
	free(msg);
	im->writing = false;
}

/* Reports progress every so many rows. */
static void
tick(struct importer *im)
{
	if (++im->res->rows % PROGRESS_EVERY == 0 && im->opts->progress != NULL)
		im->opts->progress(im->res->rows, im->opts->progress_arg);
}

static void
finalize_all(struct importer *im)
{
	for (size_t i = 0; i < sizeof im->st / sizeof im->st[0]; i++) {
		store_finish(im->st[i]);
		im->st[i] = NULL;
	}
}

/* An empty table of the keys seen since the writing stopped. */
static int
seen_reset(struct miz_db *db, char **cause)
{
	return db_exec(db,
	    "CREATE TEMP TABLE IF NOT EXISTS import_seen(key TEXT PRIMARY KEY) WITHOUT ROWID;"
	    "DELETE FROM temp.import_seen;",
	    cause);
}

/* Steps a one-id query once: the id, or 0 when there is no row. */
static int64_t
step_reset_id(struct store_stmt *st)
{
	int64_t id = store_step(st) == STORE_ROW ? store_int(st, 0) : 0;
	store_reset(st);
	return id;
}

/* The largest id in a table (0 when empty). */
static int64_t
max_id(struct miz_db *db, const char *sql)
{
	struct store_stmt *st;
	int64_t id = 0;
	if (store_prepare(db, sql, &st, NULL) == 0) {
		id = step_reset_id(st);
		store_finish(st);
	}
	return id;
}

/* Steps a reusable statement once; returns the SQLite code. */
static int
step_reset(struct store_stmt *st)
{
	int rc = store_step(st);
	store_reset(st);
	return rc;
}

/* Remembers a key (the statement INSERT ... ON CONFLICT DO NOTHING): true
 * when it was there already.  A refused statement would end the
 * transaction on PostgreSQL, so nothing here is refused. */
static bool
seen_before(struct importer *im, struct store_stmt *seen, const char *key)
{
	store_bind_text(seen, 1, key);
	return step_reset(seen) != STORE_DONE || store_changes(im->db) == 0;
}

/* An import about to start: writing, the fields' names for messages
 * translated once (not once a row). */
static void
importer_start(struct importer *im, struct miz_db *db, const char *path,
    const struct legacy_opts *opts, struct miz_errlist *errs, struct legacy_result *res)
{
	*im = (struct importer){ .db = db,
		.path = path,
		.opts = opts,
		.errs = errs,
		.res = res,
		.writing = true,
		.the_name = _("the client's name"),
		.the_address = _("the address"),
		.the_note = _("the note") };
	memset(res, 0, sizeof *res);
}

static const char *const clients_header[] = { "national_id", "full_name", "mobile", "address" };

enum { CL_SEEN, CL_FIND, CL_INSERT, CL_UPDATE };

/* Checks and (while all is well) writes one client row. */
static int
client_row(const struct csvfile_row *row, void *arg, char **cause)
{
	struct importer *im = arg;
	char nid[NID_LEN + 1], mob[12] = "";
	char *why = NULL;
	tick(im);
	if (row->nfields != 4) {
		bad(im, row->line, _("expected 4 fields, found %zu"), row->nfields);
		return 0;
	}
	size_t before = im->errs->n;
	if (client_nid_normalize(row->fields[0], nid, &why) != 0) {
		bad(im, row->line, "%s", why);
		free(why);
		why = NULL;
	}
	if (text_check(row->fields[1], im->the_name, TEXT_MAX_NAME, false, &why) != 0 ||
	    text_check(row->fields[3], im->the_address, TEXT_MAX_ADDRESS, false, &why) != 0) {
		bad(im, row->line, "%s", why);
		free(why);
		why = NULL;
	}
	char *name = text_normalize(row->fields[1], false);
	char *address = text_normalize(row->fields[3], false);
	if (*name == '\0')
		bad(im, row->line, _("the client's full name is empty"));
	if (*row->fields[2] != '\0' && client_mobile_normalize(row->fields[2], mob, &why) != 0) {
		bad(im, row->line, "%s", why);
		free(why);
	}
	int ret = 0;
	if (im->errs->n != before)
		goto out;
	struct store_stmt *find = im->st[CL_FIND];
	store_bind_text(find, 1, nid);
	int rc = store_step(find);
	int64_t found = rc == STORE_ROW ? store_int(find, 0) : 0;
	store_reset(find);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		ret = db_fail(im->db, cause);
		goto out;
	}
	/* Twice in one file is a mistake in the file: a row this import wrote,
	 * a client registered before that the file already updated, or (once
	 * nothing is written any more) any row it has seen. */
	bool twice = found > im->max_before;
	if (!twice && (found > 0 || !im->writing)) {
		twice = seen_before(im, im->st[CL_SEEN], nid);
	}
	if (twice) {
		bad(im, row->line, _("national ID %s appears twice in the file"), nid);
		goto out;
	}
	bool exists = found > 0;
	if (exists)
		im->res->updated++;
	else
		im->res->added++;
	if (!im->writing)
		goto out;
	struct store_stmt *w = im->st[exists ? CL_UPDATE : CL_INSERT];
	store_bind_text(w, 1, nid);
	store_bind_text(w, 2, name);
	store_bind_text(w, 3, *mob ? mob : NULL);
	store_bind_text(w, 4, address);
	if (step_reset(w) != STORE_DONE)
		ret = db_fail(im->db, cause);
out:
	free(name);
	free(address);
	return ret;
}

/*
 * A big import into a small table is quicker (several times over) when the
 * table's secondary indexes, and the trigger that feeds the name index, are
 * built once at the end rather than row by row.  Inside the transaction, so
 * a rollback puts them back as they were.
 */
#define BULK_MIN_BYTES (1 << 20)
#define BYTES_PER_ROW 64

/* True when the file is big against the rows already in `table`. */
static bool
bulk_worth_it(struct importer *im, const char *path, const char *table)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	long bytes = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : 0;
	fclose(fp);
	if (bytes < BULK_MIN_BYTES)
		return false;
	struct store_stmt *st;
	char *name = store_quote_name(table);
	char *sql = xasprintf("SELECT count(*) FROM %s", name);
	free(name);
	long long rows = 0;
	if (store_prepare(im->db, sql, &st, NULL) == 0) {
		if (store_step(st) == STORE_ROW)
			rows = store_int(st, 0);
		store_finish(st);
	}
	free(sql);
	return rows < 4 * (bytes / BYTES_PER_ROW);
}

/* Sets aside (drops) the non-unique indexes of `table` and the trigger named. */
static int
defer_indexes(struct importer *im, const char *table, const char *trigger, char **cause)
{
	return store_defer_indexes(im->db, &im->later, table, trigger, cause);
}

/* Builds what defer_indexes set aside, and the client name index. */
static int
restore_indexes(struct importer *im, char **cause)
{
	store_bulk_cache(im->db, false);
	if (store_restore_indexes(im->db, im->later, cause) != 0)
		return -1;
	if (im->rebuild_names && store_rebuild_name_index(im->db, cause) != 0)
		return -1;
	return 0;
}

static void
deferred_free(struct importer *im)
{
	store_deferred_free(im->later);
	im->later = NULL;
}

/* Prepares the statements of an import (the transaction is open); rolls back on failure. */
static int
prepare_all(struct importer *im, const char *const *sql, int n, char **cause)
{
	for (int i = 0; i < n; i++) {
		if (store_prepare(im->db, sql[i], &im->st[i], cause) != 0) {
			finalize_all(im);
			db_rollback(im->db);
			return -1;
		}
	}
	return 0;
}

/* Commits when every row was good (and not a dry run); else rolls back. */
static int
finish(struct importer *im, int read_rc, char **cause)
{
	finalize_all(im);
	int ret;
	if (read_rc != 0 || im->errs->n > 0 || im->opts->dry_run) {
		db_rollback(im->db);
		ret = read_rc != 0 || im->errs->n > 0 ? -1 : 0;
	} else if (restore_indexes(im, cause) != 0) {
		db_rollback(im->db);
		ret = -1;
	} else {
		ret = db_commit(im->db, cause);
		/* Fresh statistics for the query planner after a big change; a
		 * sampled ANALYZE takes milliseconds. */
		if (ret == 0 && store_deferred_count(im->later) > 0)
			store_analyze(im->db);
	}
	deferred_free(im);
	return ret;
}

int
legacy_import_clients(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res, char **cause)
{
	static const char *const sql[] = {
		"INSERT INTO temp.import_seen(key) VALUES (?) ON CONFLICT DO NOTHING",
		"SELECT id FROM client WHERE national_id = ?",
		"INSERT INTO client(national_id, full_name, mobile, address, created_at)"
		" VALUES (?1, ?2, ?3, ?4, datetime('now', 'localtime'))",
		"UPDATE client SET full_name = ?2, mobile = coalesce(?3, mobile),"
		" address = CASE WHEN ?4 = '' THEN address ELSE ?4 END WHERE national_id = ?1",
	};
	struct importer im;
	importer_start(&im, db, path, opts, errs, res);
	if (clerk_require_supervisor(db, _("import a register from another system"), cause) != 0 ||
	    seen_reset(db, cause) != 0)
		return -1;
	/* A dry run writes too, and rolls back: the indexes set aside come
	 * back with the rollback. */
	bool bulk = bulk_worth_it(&im, path, "client");
	store_bulk_cache(db, true);
	if (db_begin(db, cause) != 0) {
		store_bulk_cache(db, false);
		return -1;
	}
	if (bulk && defer_indexes(&im, "client", "client_ai", cause) != 0) {
		db_rollback(db);
		deferred_free(&im);
		return -1;
	}
	im.rebuild_names = bulk;
	im.max_before = max_id(db, "SELECT max(id) FROM client");
	if (prepare_all(&im, sql, 4, cause) != 0) {
		deferred_free(&im);
		return -1;
	}
	struct csvfile_opts fo = { opts->encoding, NULL };
	int rc = csvfile_import(path, &fo, clients_header, 4, 4, client_row, &im, errs, cause);
	res->encoding = fo.used;
	rc = finish(&im, rc, cause);
	store_bulk_cache(db, false);
	return rc;
}

static const char *const cases_header[] = {
	"tracking_code",
	"national_id",
	"service_code",
	"received_on",
	"promised_on",
	"status",
	"closed_on",
	"satisfaction",
	"note",
};

enum { CS_CLIENT, CS_INSERT, CS_SEEN, CS_EXISTS };

static int
svc_cmp(const void *a, const void *b)
{
	return strcasecmp(((const struct svc *)a)->code, ((const struct svc *)b)->code);
}

/* Loads the catalog's codes for quick lookups. */
static int
load_services(struct importer *im, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(im->db, "SELECT code, id, working_days FROM service", &st, cause) != 0)
		return -1;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		im->svcs = xreallocarray(im->svcs, im->nsvcs + 1, sizeof *im->svcs);
		im->svcs[im->nsvcs].code = store_strdup(st, 0);
		im->svcs[im->nsvcs].id = store_int(st, 1);
		im->svcs[im->nsvcs].working_days = (int)store_int(st, 2);
		im->nsvcs++;
	}
	if (rc != STORE_DONE) {
		db_fail(im->db, cause);
		store_finish(st);
		return -1;
	}
	store_finish(st);
	if (im->nsvcs > 0)
		qsort(im->svcs, im->nsvcs, sizeof *im->svcs, svc_cmp);
	return 0;
}

/* An optional date field: 1 given, 0 empty, -1 bad (reported). */
static int
opt_date(struct importer *im, long line, const char *field, const char *text, miz_day *out)
{
	char *t = text_normalize(text, false);
	int ret = 0;
	if (*t != '\0') {
		char *why = NULL;
		if (cal_parse(t, out, &why) != 0) {
			bad(im, line, "%s: %s", field, why);
			free(why);
			ret = -1;
		} else {
			ret = 1;
		}
	}
	free(t);
	return ret;
}

/* Says why a code cannot be used: already in the register, or twice in the file. */
static void
check_code(struct importer *im, long line, const char *code)
{
	struct store_stmt *ex = im->st[CS_EXISTS];
	store_bind_text(ex, 1, code);
	int64_t found = step_reset_id(ex);
	bool twice = found > im->max_before;
	if (!twice && found == 0) {
		/* Rows read since the writing stopped are remembered here. */
		twice = seen_before(im, im->st[CS_SEEN], code);
	}
	if (twice)
		bad(im, line, _("tracking code %s appears twice in the file"), code);
	else if (found > 0)
		bad(im, line, _("tracking code %s is already in the register"), code);
}

/* Checks and (while all is well) writes one case row. */
static int
case_row(const struct csvfile_row *row, void *arg, char **cause)
{
	struct importer *im = arg;
	char nid[NID_LEN + 1];
	char *why = NULL;
	tick(im);
	if (row->nfields != 9) {
		bad(im, row->line, _("expected 9 fields, found %zu"), row->nfields);
		return 0;
	}
	size_t before = im->errs->n;
	long line = row->line;
	bool was_writing = im->writing;

	char *code0 = text_ascii_digits(row->fields[0]);
	char *code = text_normalize(code0, false);
	free(code0);
	if (*code == '\0' || text_width(code) > LEGACY_CODE_MAX)
		bad(im, line, _("tracking code '%s' must be 1 to %d characters"), code,
		    LEGACY_CODE_MAX);

	/* While writing, the insert itself looks the client up (one statement
	 * a row, not two); afterwards each row is checked on its own. */
	bool nid_ok = client_nid_normalize(row->fields[1], nid, &why) == 0;
	if (!nid_ok) {
		bad(im, line, "%s", why);
		free(why);
		why = NULL;
	} else if (!im->writing) {
		struct store_stmt *st = im->st[CS_CLIENT];
		store_bind_text(st, 1, nid);
		if (step_reset_id(st) == 0)
			bad(im, line,
			    _("national ID %s is not registered: import the clients first"), nid);
	}

	char *svc_code = text_normalize(row->fields[2], false);
	struct svc key = { .code = svc_code };
	struct svc *svc =
	    im->nsvcs > 0 ? bsearch(&key, im->svcs, im->nsvcs, sizeof *im->svcs, svc_cmp) : NULL;
	if (svc == NULL)
		bad(im, line, _("unknown service code '%s'"), svc_code);

	miz_day received = NO_DAY, promised = NO_DAY, closed = NO_DAY;
	int has_received = opt_date(im, line, "received_on", row->fields[3], &received);
	if (has_received == 0)
		bad(im, line, _("received_on is empty"));
	int has_promised = opt_date(im, line, "promised_on", row->fields[4], &promised);
	int has_closed = opt_date(im, line, "closed_on", row->fields[6], &closed);

	enum miz_status status = ST_IN_PROGRESS;
	char *stt = text_normalize(row->fields[5], false);
	bool status_ok = case_status_parse(stt, &status) == 0;
	if (!status_ok)
		bad(im, line,
		    _("status '%s' is not one of awaiting_documents, in_progress, referred, ready, "
		      "delivered, withdrawn, rejected"),
		    stt);
	if (status_ok && case_status_closed(status) && has_closed == 0)
		bad(im, line, _("a %s case needs closed_on"), case_status_token(status));
	if (status_ok && !case_status_closed(status) && has_closed == 1)
		bad(im, line, _("closed_on is given but the case is %s"),
		    case_status_token(status));
	if (has_received == 1 && has_promised == 1 && promised < received)
		bad(im, line, _("promised_on is before received_on"));
	if (has_received == 1 && has_closed == 1 && closed < received)
		bad(im, line, _("closed_on is before received_on"));

	long long sat = 0;
	char *sat_text = text_normalize(row->fields[7], false);
	if (*sat_text != '\0') {
		if (text_parse_int(sat_text, 1, 5, &sat) != 0)
			bad(im, line, _("satisfaction '%s' must be 1 to 5"), sat_text);
		else if (status_ok && status != ST_DELIVERED)
			bad(im, line, _("satisfaction is given but the case was not delivered"));
	}
	char *why_note = NULL;
	if (text_check(row->fields[8], im->the_note, TEXT_MAX_NOTE, true, &why_note) != 0) {
		bad(im, row->line, "%s", why_note);
		free(why_note);
	}
	char *note = text_normalize(row->fields[8], true);

	/* Codes already in the register, or twice in the file: while writing,
	 * the insert's unique index says so (see below). */
	if (*code != '\0' && !im->writing)
		check_code(im, line, code);
	int ret = 0;
	if (nid_ok && was_writing && im->errs->n != before) {
		/* The row is bad anyway: say also whether the client is known. */
		struct store_stmt *cl = im->st[CS_CLIENT];
		store_bind_text(cl, 1, nid);
		if (step_reset_id(cl) == 0)
			bad(im, line,
			    _("national ID %s is not registered: import the clients first"), nid);
	}
	if (im->errs->n != before || !im->writing)
		goto out;
	struct store_stmt *st = im->st[CS_INSERT];
	/* The row's own strings, lent to the statement until it has run (and
	 * taken back below): no copy of them a row. */
	store_bind_lent(st, 1, code);
	store_bind_lent(st, 2, nid);
	store_bind_int(st, 3, svc->id);
	store_bind_static(st, 4, case_status_token(status));
	store_bind_day(st, 5, received);
	store_bind_int(st, 6, svc->working_days);
	if (status != ST_AWAITING_DOCUMENTS)
		store_bind_day(st, 7, received);
	else
		store_bind_null(st, 7);
	if (has_promised == 1)
		store_bind_day(st, 8, promised);
	else
		store_bind_null(st, 8);
	if (has_closed == 1)
		store_bind_day(st, 9, closed);
	else
		store_bind_null(st, 9);
	if (sat > 0)
		store_bind_int(st, 10, (int)sat);
	else
		store_bind_null(st, 10);
	store_bind_lent(st, 11, note);
	int rc = store_step(st);
	store_reset(st);
	store_bind_null(st, 1);
	store_bind_null(st, 2);
	store_bind_null(st, 11);
	/* Nothing written (never refused: that would end the transaction on
	 * PostgreSQL): the client is not there, or the code is taken. */
	if (rc == STORE_DONE && store_changes(im->db) == 0) {
		struct store_stmt *cl = im->st[CS_CLIENT];
		store_bind_text(cl, 1, nid);
		if (step_reset_id(cl) == 0)
			bad(im, line,
			    _("national ID %s is not registered: import the clients first"), nid);
		else
			check_code(im, line, code);
	} else if (rc != STORE_DONE) {
		ret = db_fail(im->db, cause);
	} else {
		im->res->added++;
		if (im->derive) {
			int64_t id = store_last_id(im->db);
			const char *token = case_status_token(status);
			miz_day complete = status != ST_AWAITING_DOCUMENTS ? received : NO_DAY;
			miz_day p = has_promised == 1 ? promised : NO_DAY;
			miz_day c = has_closed == 1 ? closed : NO_DAY;
			ret = overdue_acc_case(im->db, &im->overdue, id, token, p, c, cause);
			figures_acc_case(&im->figures, &im->cal, svc->id, received, token, complete,
			    c, p, 1, (int)sat);
		}
	}
out:
	free(code);
	free(svc_code);
	free(stt);
	free(sat_text);
	free(note);
	return ret;
}

int
legacy_import_cases(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res, char **cause)
{
	static const char *const sql[] = {
		"SELECT id FROM client WHERE national_id = ?",
		"INSERT INTO cases(code, client_id, service_id, status, opened_on, working_days,"
		" complete_on, promised_on, original_promised_on, closed_on, satisfaction, note,"
		" visits, imported) SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, 1, 1"
		" FROM client WHERE national_id = ?2 ON CONFLICT(code) DO NOTHING",
		"INSERT INTO temp.import_seen(key) VALUES (?) ON CONFLICT DO NOTHING",
		"SELECT id FROM cases WHERE code = ?",
	};
	struct importer im;
	importer_start(&im, db, path, opts, errs, res);
	if (clerk_require_supervisor(db, _("import a register from another system"), cause) != 0 ||
	    seen_reset(db, cause) != 0)
		return -1;
	if (load_services(&im, cause) != 0)
		return -1;
	int ret = -1;
	bool bulk = bulk_worth_it(&im, path, "cases");
	store_bulk_cache(db, true);
	/* Every client and service id written comes from a lookup in this same
	 * transaction, so checking the foreign keys again would only cost a
	 * random read of the client table per row. */
	store_foreign_keys(db, false);
	if (db_begin(db, cause) != 0)
		goto out;
	/* The overdue spans written with the cases are indexed at the end too. */
	if (bulk &&
	    (defer_indexes(&im, "cases", "", cause) != 0 ||
	        defer_indexes(&im, "overdue_span", "", cause) != 0)) {
		db_rollback(db);
		deferred_free(&im);
		goto out;
	}
	im.max_before = max_id(db, "SELECT max(id) FROM cases");
	if (prepare_all(&im, sql, 4, cause) == 0) {
		struct csvfile_opts fo = { opts->encoding, NULL };
		/* The cases written here get their overdue days and day figures
		 * as the register tells them, gathered while they are written and
		 * added in the same transaction. */
		int rc = 0;
		im.derive = !opts->dry_run;
		if (im.derive) {
			day_acc_init(&im.figures);
			cal_init(&im.cal);
			rc = overdue_acc_start(db, &im.overdue, cause) != 0 ||
			        holiday_load_calendar(db, &im.cal, cause) != 0
			    ? -1
			    : 0;
		}
		if (rc == 0)
			rc = csvfile_import(
			    path, &fo, cases_header, 9, 9, case_row, &im, errs, cause);
		res->encoding = fo.used;
		if (im.derive) {
			if (rc == 0 && errs->n == 0)
				rc = overdue_acc_finish(db, &im.overdue, cause) != 0 ||
				        figures_acc_write(db, &im.figures, cause) != 0
				    ? -1
				    : 0;
			overdue_acc_free(&im.overdue);
			day_acc_free(&im.figures);
			cal_free(&im.cal);
		}
		ret = finish(&im, rc, cause);
	} else {
		deferred_free(&im);
	}
out:
	store_foreign_keys(db, true);
	store_bulk_cache(db, false);
	for (size_t i = 0; i < im.nsvcs; i++)
		free(im.svcs[i].code);
	free(im.svcs);
	return ret;
}
