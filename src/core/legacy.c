/* Importing an old register: clients and cases, checked row by row, all or nothing. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "miz/case.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/legacy.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

/* Rows between progress reports. */
#define PROGRESS_EVERY 50000
/* The longest tracking code an old register may use. */
#define LEGACY_CODE_MAX 32

struct importer {
	struct miz_db *db;
	const char *path;
	const struct legacy_opts *opts;
	struct miz_errlist *errs;
	struct legacy_result *res;
	bool writing;  /* false once a row was bad: keep checking, stop writing */
	sqlite3_stmt *st[6];
	/* The catalog, for cases: codes sorted for bsearch. */
	struct svc {
		char *code;
		int64_t id;
		int working_days;
	} *svcs;
	size_t nsvcs;
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
		sqlite3_finalize(im->st[i]);
		im->st[i] = NULL;
	}
}

/* Steps a reusable statement once; returns the SQLite code. */
static int
step_reset(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
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
	/* Twice in one file is a mistake in the file. */
	sqlite3_stmt *seen = im->st[CL_SEEN];
	db_bind_text(seen, 1, nid);
	if (step_reset(seen) != SQLITE_DONE) {
		bad(im, row->line, _("national ID %s appears twice in the file"), nid);
		goto out;
	}
	sqlite3_stmt *find = im->st[CL_FIND];
	db_bind_text(find, 1, nid);
	int rc = sqlite3_step(find);
	sqlite3_reset(find);
	bool exists = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ret = db_fail(im->db, cause);
		goto out;
	}
	if (exists)
		im->res->updated++;
	else
		im->res->added++;
	if (!im->writing)
		goto out;
	sqlite3_stmt *w = im->st[exists ? CL_UPDATE : CL_INSERT];
	db_bind_text(w, 1, nid);
	db_bind_text(w, 2, name);
	db_bind_text(w, 3, *mob ? mob : NULL);
	db_bind_text(w, 4, address);
	if (step_reset(w) != SQLITE_DONE)
		ret = db_fail(im->db, cause);
out:
	free(name);
	free(address);
	return ret;
}

/* Begins the transaction and prepares the statements of an import. */
static int
start(struct importer *im, const char *const *sql, int n, char **cause)
{
	if (db_begin(im->db, cause) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (db_prepare(im->db, sql[i], &im->st[i], cause) != 0) {
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
	if (read_rc != 0 || im->errs->n > 0 || im->opts->dry_run) {
		db_rollback(im->db);
		return read_rc != 0 || im->errs->n > 0 ? -1 : 0;
	}
	return db_commit(im->db, cause);
}

int
legacy_import_clients(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res, char **cause)
{
	static const char *const sql[] = {
		"INSERT INTO temp.import_seen(key) VALUES (?)",
		"SELECT id FROM client WHERE national_id = ?",
		"INSERT INTO client(national_id, full_name, mobile, address, created_at)"
		" VALUES (?1, ?2, ?3, ?4, datetime('now', 'localtime'))",
		"UPDATE client SET full_name = ?2, mobile = coalesce(?3, mobile),"
		" address = CASE WHEN ?4 = '' THEN address ELSE ?4 END WHERE national_id = ?1",
	};
	struct importer im = { .db = db, .path = path, .opts = opts, .errs = errs, .res = res,
		.writing = true };
	memset(res, 0, sizeof *res);
	if (sqlite3_exec(db->sq,
	        "CREATE TEMP TABLE IF NOT EXISTS import_seen(key TEXT PRIMARY KEY) WITHOUT ROWID;"
	        "DELETE FROM temp.import_seen;",
	        NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause);
	if (start(&im, sql, 4, cause) != 0)
		return -1;
	struct csvfile_opts fo = { opts->encoding, NULL };
	int rc = csvfile_import(path, &fo, clients_header, 4, 4, client_row, &im, errs, cause);
	res->encoding = fo.used;
	return finish(&im, rc, cause);
}

static const char *const cases_header[] = {
	"tracking_code", "national_id", "service_code", "received_on", "promised_on", "status",
	"closed_on", "satisfaction", "note",
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
	sqlite3_stmt *st;
	if (db_prepare(im->db, "SELECT code, id, working_days FROM service", &st, cause) != 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		im->svcs = xreallocarray(im->svcs, im->nsvcs + 1, sizeof *im->svcs);
		im->svcs[im->nsvcs].code = db_column_strdup(st, 0);
		im->svcs[im->nsvcs].id = sqlite3_column_int64(st, 1);
		im->svcs[im->nsvcs].working_days = sqlite3_column_int(st, 2);
		im->nsvcs++;
	}
	sqlite3_finalize(st);
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

	char *code0 = text_ascii_digits(row->fields[0]);
	char *code = text_normalize(code0, false);
	free(code0);
	if (*code == '\0' || strlen(code) > LEGACY_CODE_MAX)
		bad(im, line, _("tracking code '%s' must be 1 to %d characters"), code, LEGACY_CODE_MAX);

	int64_t client_id = 0;
	if (client_nid_normalize(row->fields[1], nid, &why) != 0) {
		bad(im, line, "%s", why);
		free(why);
		why = NULL;
	} else {
		sqlite3_stmt *st = im->st[CS_CLIENT];
		db_bind_text(st, 1, nid);
		if (sqlite3_step(st) == SQLITE_ROW)
			client_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (client_id == 0)
			bad(im, line, _("national ID %s is not registered: import the clients first"), nid);
	}

	char *svc_code = text_normalize(row->fields[2], false);
	struct svc key = { .code = svc_code };
	struct svc *svc = im->nsvcs > 0
	    ? bsearch(&key, im->svcs, im->nsvcs, sizeof *im->svcs, svc_cmp)
	    : NULL;
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
		bad(im, line, _("status '%s' is not one of awaiting_documents, in_progress, referred, ready, delivered, withdrawn, rejected"),
		    stt);
	if (status_ok && case_status_closed(status) && has_closed == 0)
		bad(im, line, _("a %s case needs closed_on"), case_status_token(status));
	if (status_ok && !case_status_closed(status) && has_closed == 1)
		bad(im, line, _("closed_on is given but the case is %s"), case_status_token(status));
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
	char *note = text_normalize(row->fields[8], true);

	/* Codes are checked even once nothing is being written any more. */
	if (*code != '\0') {
		sqlite3_stmt *seen = im->st[CS_SEEN];
		db_bind_text(seen, 1, code);
		if (step_reset(seen) != SQLITE_DONE) {
			bad(im, line, _("tracking code %s appears twice in the file"), code);
		} else {
			sqlite3_stmt *ex = im->st[CS_EXISTS];
			db_bind_text(ex, 1, code);
			if (step_reset(ex) == SQLITE_ROW)
				bad(im, line, _("tracking code %s is already in the register"), code);
		}
	}
	int ret = 0;
	if (im->errs->n != before || !im->writing)
		goto out;
	sqlite3_stmt *st = im->st[CS_INSERT];
	db_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, client_id);
	sqlite3_bind_int64(st, 3, svc->id);
	db_bind_text(st, 4, case_status_token(status));
	db_bind_day(st, 5, received);
	sqlite3_bind_int(st, 6, svc->working_days);
	if (status != ST_AWAITING_DOCUMENTS)
		db_bind_day(st, 7, received);
	else
		sqlite3_bind_null(st, 7);
	if (has_promised == 1)
		db_bind_day(st, 8, promised);
	else
		sqlite3_bind_null(st, 8);
	if (has_closed == 1)
		db_bind_day(st, 9, closed);
	else
		sqlite3_bind_null(st, 9);
	if (sat > 0)
		sqlite3_bind_int(st, 10, (int)sat);
	else
		sqlite3_bind_null(st, 10);
	db_bind_text(st, 11, note);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		ret = db_fail(im->db, cause);
	} else {
		im->res->added++;
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
		" visits, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, 1, 1)",
		"INSERT INTO temp.import_seen(key) VALUES (?)",
		"SELECT 1 FROM cases WHERE code = ?",
	};
	struct importer im = { .db = db, .path = path, .opts = opts, .errs = errs, .res = res,
		.writing = true };
	memset(res, 0, sizeof *res);
	if (sqlite3_exec(db->sq,
	        "CREATE TEMP TABLE IF NOT EXISTS import_seen(key TEXT PRIMARY KEY) WITHOUT ROWID;"
	        "DELETE FROM temp.import_seen;",
	        NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause);
	if (load_services(&im, cause) != 0)
		return -1;
	int ret = -1;
	if (start(&im, sql, 4, cause) == 0) {
		struct csvfile_opts fo = { opts->encoding, NULL };
		int rc = csvfile_import(path, &fo, cases_header, 9, 9, case_row, &im, errs, cause);
		res->encoding = fo.used;
		ret = finish(&im, rc, cause);
	}
	for (size_t i = 0; i < im.nsvcs; i++)
		free(im.svcs[i].code);
	free(im.svcs);
	return ret;
}
