/*
 * Importing an old register: clients and cases, all or nothing.
 *
 * Each row is checked on its own as it is read (its fields), and loaded
 * into a staging table (COPY on PostgreSQL); what needs the register (is
 * the client registered, is the code taken, has the file had it before)
 * is asked for a batch of rows at once, and the batch's messages are told
 * in file order.  Only when every row was good are the staged rows written
 * to the register, each table by one statement.
 */
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
/* Rows checked against the register at once. */
#define BATCH_ROWS 4096

/* A row read and not yet told: its own faults, and its fields as read
 * (for the rejects file). */
struct held {
	long line;
	char **msgs;
	size_t nmsgs;
	char **raw;
	size_t nraw;
	/* A good case row's day figures, gathered once the batch's load has
	 * ended (the calendar may read the database). */
	bool fig;
	const char *token;
	int64_t service_id;
	miz_day opened, complete, closed, promised;
	int satisfaction;
};

struct importer {
	struct store_deferred *later; /* indexes set aside during a bulk import */
	/* The fields' names in messages, translated once (not once a row). */
	const char *the_name, *the_address, *the_note;
	bool rebuild_names; /* the client name index is rebuilt at the end */
	const char *analyze; /* the tables an import changes (store_analyze) */
	struct miz_db *db;
	const char *path;
	const struct legacy_opts *opts;
	struct miz_errlist *errs;
	struct legacy_result *res;
	/* The staging table and its load, open while a batch is read. */
	const char *stage;
	const char *const *stage_cols;
	int nstage_cols;
	struct store_load *load;
	long staged; /* rows staged, all batches */
	/* The batch: rows read since the last flush. */
	struct held *held;
	size_t nheld;
	bool keep_raw; /* a rejects file is wanted */
	/* Asks about lines ?1 to ?2 of the batch: rows (line, message). */
	const char *faults_sql;
	void (*fault)(struct importer *im, struct store_stmt *st, long line);
	/* The catalog, for cases: codes sorted for bsearch. */
	struct svc {
		char *code;
		int64_t id;
		int working_days;
	} * svcs;
	size_t nsvcs;
	/* For cases: their day figures, gathered as rows are read (figures.h),
	 * written only when the whole file was good. */
	bool derive;
	struct day_acc figures;
	struct miz_calendar cal;
	miz_day today; /* the clock's: no case was received or closed after it */
};

/* The row being read: a fault of its own, told with its batch. */
static void __attribute__((format(printf, 2, 3))) bad(struct importer *im, const char *fmt, ...)
{
	struct held *h = &im->held[im->nheld - 1];
	va_list ap;
	va_start(ap, fmt);
	h->msgs = xreallocarray(h->msgs, h->nmsgs + 1, sizeof *h->msgs);
	h->msgs[h->nmsgs++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A fault found for a row of the batch being told. */
static void __attribute__((format(printf, 3, 4)))
told(struct importer *im, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	errlist_add(im->errs, "%s:%ld: %s", im->path, line, msg);
	free(msg);
}

/* True when the row being read has a fault of its own. */
static bool
row_bad(const struct importer *im)
{
	return im->held[im->nheld - 1].nmsgs > 0;
}

/* Reports progress every so many rows. */
static void
tick(struct importer *im)
{
	if (++im->res->rows % PROGRESS_EVERY == 0 && im->opts->progress != NULL)
		im->opts->progress(im->res->rows, im->opts->progress_arg);
}

static void
held_free(struct held *h)
{
	for (size_t i = 0; i < h->nmsgs; i++)
		free(h->msgs[i]);
	free(h->msgs);
	for (size_t i = 0; i < h->nraw; i++)
		free(h->raw[i]);
	free(h->raw);
	memset(h, 0, sizeof *h);
}

/* A row starts: kept in the batch (its fields too, for a rejects file),
 * and the batch's load opened if it is the first. */
static int
row_start(struct importer *im, const struct csvfile_row *row, char **cause)
{
	if (im->load == NULL &&
	    store_load_begin(
	        im->db, im->stage, im->stage_cols, im->nstage_cols, &im->load, cause) != 0)
		return -1;
	if (im->held == NULL)
		im->held = xreallocarray(NULL, BATCH_ROWS, sizeof *im->held);
	struct held *h = &im->held[im->nheld++];
	*h = (struct held){ .line = row->line };
	if (im->keep_raw) {
		h->raw = xcalloc(row->nfields + 1, sizeof *h->raw);
		for (size_t i = 0; i < row->nfields; i++)
			h->raw[i] = xstrdup(row->fields[i]);
		h->nraw = row->nfields;
	}
	return 0;
}

/* Stages the row built in the load. */
static int
stage_row(struct importer *im, char **cause)
{
	if (store_load_row(im->load) != 0) {
		int rc = store_load_end(im->load, cause);
		im->load = NULL;
		return rc != 0 ? -1 : miz_fail(cause, "?");
	}
	im->staged++;
	return 0;
}

/* Tells the batch: the load ended, the register asked about its staged
 * lines, and each row's messages (its own, then the register's) added in
 * file order, a bad row to the rejects file. */
static int
flush_batch(void *arg, char **cause)
{
	struct importer *im = arg;
	if (im->nheld == 0)
		return 0;
	int rc = store_load_end(im->load, cause);
	im->load = NULL;
	struct store_stmt *st = NULL;
	if (rc == 0)
		rc = store_prepare(im->db, im->faults_sql, &st, cause);
	int step = STORE_DONE;
	if (rc == 0) {
		store_bind_int(st, 1, im->held[0].line);
		store_bind_int(st, 2, im->held[im->nheld - 1].line);
		step = store_step(st);
	}
	for (size_t i = 0; i < im->nheld && rc == 0; i++) {
		struct held *h = &im->held[i];
		size_t before = im->errs->n;
		errlist_row_begin(im->errs);
		for (size_t k = 0; k < h->nmsgs; k++)
			told(im, h->line, "%s", h->msgs[k]);
		while (step == STORE_ROW && store_int(st, 0) == h->line) {
			im->fault(im, st, h->line);
			step = store_step(st);
		}
		if (step != STORE_ROW && step != STORE_DONE)
			rc = db_fail(im->db, cause);
		if (im->errs->n > before)
			errlist_reject(im->errs, h->line, h->raw, h->nraw);
		/* Every fault is of a line of the batch, in order: one left over
		 * would be a fault not told, and the import must not go on. */
		if (rc == 0 && i + 1 == im->nheld && step == STORE_ROW)
			rc = miz_fail(cause,
			    _("%s: a check of the register gave line %lld, not in the batch"),
			    im->path, (long long)store_int(st, 0));
		if (h->fig && im->derive)
			figures_acc_case(&im->figures, &im->cal, h->service_id, h->opened, h->token,
			    h->complete, h->closed, h->promised, 1, h->satisfaction);
	}
	store_finish(st);
	for (size_t i = 0; i < im->nheld; i++)
		held_free(&im->held[i]);
	im->nheld = 0;
	return rc;
}

/* The row is read: the batch is told when full. */
static int
row_end(struct importer *im, char **cause)
{
	tick(im);
	return im->nheld < BATCH_ROWS ? 0 : flush_batch(im, cause);
}

/* Makes the staging table, empty, with an index on its key column. */
static int
stage_reset(
    struct miz_db *db, const char *table_sql, const char *index_sql, const char *name, char **cause)
{
	char *sql = xasprintf("%s; %s; DELETE FROM temp.%s", table_sql, index_sql, name);
	int rc = db_exec(db, sql, cause);
	free(sql);
	return rc;
}

/* An import about to start: the fields' names for messages translated
 * once (not once a row). */
static void
importer_start(struct importer *im, struct miz_db *db, const char *path,
    const struct legacy_opts *opts, struct miz_errlist *errs, struct legacy_result *res)
{
	*im = (struct importer){ .db = db,
		.path = path,
		.opts = opts,
		.errs = errs,
		.res = res,
		.keep_raw = errs->rejects_path != NULL,
		.the_name = _("the client's name"),
		.the_address = _("the address"),
		.the_note = _("the note") };
	memset(res, 0, sizeof *res);
}

/* Done with the batch and the load, whatever happened. */
static void
importer_end(struct importer *im)
{
	store_load_end(im->load, NULL);
	im->load = NULL;
	for (size_t i = 0; i < im->nheld; i++)
		held_free(&im->held[i]);
	free(im->held);
	im->held = NULL;
	im->nheld = 0;
}

/* One number from a query of no parameters (0 when it fails). */
static long
count_of(struct miz_db *db, const char *sql)
{
	struct store_stmt *st;
	long n = 0;
	if (store_prepare(db, sql, &st, NULL) == 0) {
		if (store_step(st) == STORE_ROW)
			n = (long)store_int(st, 0);
		store_finish(st);
	}
	return n;
}

static const char *const clients_header[] = { "national_id", "full_name", "mobile", "address" };

/* The clients staged: those whose row was good. */
static const char *const client_stage_cols[] = { "line", "nid", "full_name", "mobile", "address" };

/* A national ID the file had before, on a good row. */
static void
client_fault(struct importer *im, struct store_stmt *st, long line)
{
	told(im, line, _("national ID %s appears twice in the file"), store_text(st, 1));
}

/* Checks one client row, and stages it when good. */
static int
client_row(const struct csvfile_row *row, void *arg, char **cause)
{
	struct importer *im = arg;
	char nid[NID_LEN + 1], mob[12] = "";
	char *why = NULL;
	if (row_start(im, row, cause) != 0)
		return -1;
	if (row->nfields != 4) {
		bad(im, _("expected 4 fields, found %zu"), row->nfields);
		return row_end(im, cause);
	}
	if (client_nid_normalize(row->fields[0], nid, &why) != 0) {
		bad(im, "%s", why);
		free(why);
		why = NULL;
	}
	if (text_check(row->fields[1], im->the_name, TEXT_MAX_NAME, false, &why) != 0 ||
	    text_check(row->fields[3], im->the_address, TEXT_MAX_ADDRESS, false, &why) != 0) {
		bad(im, "%s", why);
		free(why);
		why = NULL;
	}
	char *name = text_normalize(row->fields[1], false);
	char *address = text_normalize(row->fields[3], false);
	if (*name == '\0')
		bad(im, _("the client's full name is empty"));
	if (*row->fields[2] != '\0' && client_mobile_normalize(row->fields[2], mob, &why) != 0) {
		bad(im, "%s", why);
		free(why);
	}
	int ret = 0;
	if (!row_bad(im)) {
		store_load_int(im->load, 0, row->line);
		store_load_text(im->load, 1, nid);
		store_load_text(im->load, 2, name);
		store_load_text(im->load, 3, *mob ? mob : NULL);
		store_load_text(im->load, 4, address);
		ret = stage_row(im, cause);
	}
	free(name);
	free(address);
	return ret == 0 ? row_end(im, cause) : -1;
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
	char *name = store_quote_name(table);
	char *sql = xasprintf("SELECT count(*) FROM %s", name);
	free(name);
	long rows = count_of(im->db, sql);
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

/* Reads the file, checking and staging its rows; then, when every row was
 * good and it is not a dry run, `write` puts the staged rows in the
 * register; commits, else rolls back. */
static int
run_import(struct importer *im, const char *const *header, size_t nfields, csvfile_import_fn row_fn,
    int (*write)(struct importer *im, char **cause), char **cause)
{
	struct csvfile_opts fo = { im->opts->encoding, NULL };
	int rc = csvfile_import_batched(
	    im->path, &fo, header, nfields, nfields, row_fn, flush_batch, im, im->errs, cause);
	im->res->encoding = fo.used;
	importer_end(im);
	int ret;
	if (rc != 0 || im->errs->n > 0 || im->opts->dry_run || (rc = write(im, cause)) != 0) {
		db_rollback(im->db);
		ret = rc != 0 || im->errs->n > 0 ? -1 : 0;
	} else if (restore_indexes(im, cause) != 0) {
		db_rollback(im->db);
		ret = -1;
	} else {
		ret = db_commit(im->db, cause);
		/* Fresh statistics for the query planner after a big change; a
		 * sampled ANALYZE takes milliseconds. */
		if (ret == 0 && (store_deferred_count(im->later) > 0 || im->staged >= BATCH_ROWS))
			store_analyze(im->db, im->analyze);
	}
	store_deferred_free(im->later);
	im->later = NULL;
	return ret;
}

/* The staged clients into the register: those registered updated, the
 * others added in file order. */
static int
write_clients(struct importer *im, char **cause)
{
	im->res->updated = count_of(im->db,
	    "SELECT count(*) FROM temp.import_client s"
	    " WHERE EXISTS (SELECT 1 FROM client c WHERE c.national_id = s.nid)");
	im->res->added = im->staged - im->res->updated;
	return db_exec(im->db,
	    "UPDATE client SET full_name = s.full_name, mobile = coalesce(s.mobile, client.mobile),"
	    " address = CASE WHEN s.address = '' THEN client.address ELSE s.address END"
	    " FROM temp.import_client s WHERE client.national_id = s.nid;"
	    "INSERT INTO client(national_id, full_name, mobile, address, created_at)"
	    " SELECT s.nid, s.full_name, s.mobile, s.address, datetime('now', 'localtime')"
	    " FROM temp.import_client s"
	    " WHERE NOT EXISTS (SELECT 1 FROM client c WHERE c.national_id = s.nid)"
	    " ORDER BY s.line",
	    cause);
}

int
legacy_import_clients(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res, char **cause)
{
	struct importer im;
	importer_start(&im, db, path, opts, errs, res);
	im.stage = "temp.import_client";
	im.analyze = "client";
	im.stage_cols = client_stage_cols;
	im.nstage_cols = 5;
	im.faults_sql = "SELECT s.line, s.nid FROM temp.import_client s"
	                " WHERE s.line BETWEEN ?1 AND ?2 AND EXISTS (SELECT 1 FROM"
	                " temp.import_client p WHERE p.nid = s.nid AND p.line < s.line)"
	                " ORDER BY s.line";
	im.fault = client_fault;
	if (clerk_require_supervisor(db, _("import a register from another system"), cause) != 0)
		return -1;
	/* The import's memory first: the staging table's is set before it is made. */
	store_bulk_cache(db, true);
	if (stage_reset(db,
	        "CREATE TEMP TABLE IF NOT EXISTS import_client(line integer PRIMARY KEY, nid text,"
	        " full_name text, mobile text, address text)",
	        "CREATE INDEX IF NOT EXISTS import_client_nid ON import_client(nid, line)",
	        "import_client", cause) != 0) {
		store_bulk_cache(db, false);
		return -1;
	}
	bool bulk = !opts->dry_run && bulk_worth_it(&im, path, "client");
	if (db_begin(db, cause) != 0) {
		store_bulk_cache(db, false);
		return -1;
	}
	if (bulk && defer_indexes(&im, "client", "client_ai", cause) != 0) {
		db_rollback(db);
		store_deferred_free(im.later);
		store_bulk_cache(db, false);
		return -1;
	}
	im.rebuild_names = bulk;
	int rc = run_import(&im, clients_header, 4, client_row, write_clients, cause);
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
opt_date(struct importer *im, const char *field, const char *text, miz_day *out)
{
	char *t = text_normalize(text, false);
	int ret = 0;
	if (*t != '\0') {
		char *why = NULL;
		if (cal_parse(t, out, &why) != 0) {
			bad(im, "%s: %s", field, why);
			free(why);
			ret = -1;
		} else {
			ret = 1;
		}
	}
	free(t);
	return ret;
}

/* The cases staged: every row of nine fields, its code and national ID
 * where they are good (asked about), the rest where the whole row is. */
static const char *const case_stage_cols[] = { "line", "code", "nid", "service_id", "status",
	"opened_on", "working_days", "complete_on", "promised_on", "closed_on", "satisfaction",
	"note", "ok", "span_start", "span_end" };

/* A staged row's faults against the register: its client is not
 * registered; its code was in the file before, or is in the register. */
static void
case_fault(struct importer *im, struct store_stmt *st, long line)
{
	if (store_int(st, 3))
		told(im, line, _("national ID %s is not registered: import the clients first"),
		    store_text(st, 1));
	if (store_int(st, 4))
		told(im, line, _("tracking code %s appears twice in the file"), store_text(st, 2));
	else if (store_int(st, 5))
		told(im, line, _("tracking code %s is already in the register"), store_text(st, 2));
}

/* Checks one case row, and stages it. */
static int
case_row(const struct csvfile_row *row, void *arg, char **cause)
{
	struct importer *im = arg;
	char nid[NID_LEN + 1];
	char *why = NULL;
	if (row_start(im, row, cause) != 0)
		return -1;
	if (row->nfields != 9) {
		bad(im, _("expected 9 fields, found %zu"), row->nfields);
		return row_end(im, cause);
	}

	char *code0 = text_ascii_digits(row->fields[0]);
	char *code = text_normalize(code0, false);
	free(code0);
	bool code_ok = *code != '\0' && text_width(code) <= LEGACY_CODE_MAX;
	if (!code_ok)
		bad(im, _("tracking code '%s' must be 1 to %d characters"), code, LEGACY_CODE_MAX);

	bool nid_ok = client_nid_normalize(row->fields[1], nid, &why) == 0;
	if (!nid_ok) {
		bad(im, "%s", why);
		free(why);
		why = NULL;
	}

	char *svc_code = text_normalize(row->fields[2], false);
	struct svc key = { .code = svc_code };
	struct svc *svc =
	    im->nsvcs > 0 ? bsearch(&key, im->svcs, im->nsvcs, sizeof *im->svcs, svc_cmp) : NULL;
	if (svc == NULL)
		bad(im, _("unknown service code '%s'"), svc_code);

	miz_day received = NO_DAY, promised = NO_DAY, closed = NO_DAY;
	int has_received = opt_date(im, "received_on", row->fields[3], &received);
	if (has_received == 0)
		bad(im, _("received_on is empty"));
	int has_promised = opt_date(im, "promised_on", row->fields[4], &promised);
	int has_closed = opt_date(im, "closed_on", row->fields[6], &closed);

	enum miz_status status = ST_IN_PROGRESS;
	char *stt = text_normalize(row->fields[5], false);
	bool status_ok = case_status_parse(stt, &status) == 0;
	if (!status_ok)
		bad(im,
		    _("status '%s' is not one of awaiting_documents, in_progress, referred, ready, "
		      "delivered, withdrawn, rejected"),
		    stt);
	if (status_ok && case_status_closed(status) && has_closed == 0)
		bad(im, _("a %s case needs closed_on"), case_status_token(status));
	if (status_ok && !case_status_closed(status) && has_closed == 1)
		bad(im, _("closed_on is given but the case is %s"), case_status_token(status));
	if (has_received == 1 && has_promised == 1 && promised < received)
		bad(im, _("promised_on is before received_on"));
	if (has_received == 1 && has_closed == 1 && closed < received)
		bad(im, _("closed_on is before received_on"));
	/* A day to come would count the case overdue, or not yet received,
	 * until then (overdue.h): the register's own mistake. */
	char iso[11];
	if (has_received == 1 && received > im->today)
		bad(im, _("%s %s is after today (%s)"), "received_on", row->fields[3],
		    (cal_format_iso(im->today, iso), iso));
	if (has_closed == 1 && closed > im->today)
		bad(im, _("%s %s is after today (%s)"), "closed_on", row->fields[6],
		    (cal_format_iso(im->today, iso), iso));

	long long sat = 0;
	char *sat_text = text_normalize(row->fields[7], false);
	if (*sat_text != '\0') {
		if (text_parse_int(sat_text, 1, 5, &sat) != 0)
			bad(im, _("satisfaction '%s' must be 1 to 5"), sat_text);
		else if (status_ok && status != ST_DELIVERED)
			bad(im, _("satisfaction is given but the case was not delivered"));
	}
	char *why_note = NULL;
	if (text_check(row->fields[8], im->the_note, TEXT_MAX_NOTE, true, &why_note) != 0) {
		bad(im, "%s", why_note);
		free(why_note);
	}
	char *note = text_normalize(row->fields[8], true);

	struct store_load *l = im->load;
	store_load_int(l, 0, row->line);
	store_load_text(l, 1, code_ok ? code : NULL);
	store_load_text(l, 2, nid_ok ? nid : NULL);
	bool ok = !row_bad(im);
	if (ok) {
		const char *token = case_status_token(status);
		miz_day complete = status != ST_AWAITING_DOCUMENTS ? received : NO_DAY;
		store_load_int(l, 3, svc->id);
		store_load_text(l, 4, token);
		store_load_day(l, 5, received);
		store_load_int(l, 6, svc->working_days);
		store_load_day(l, 7, complete);
		store_load_day(l, 8, has_promised == 1 ? promised : NO_DAY);
		store_load_day(l, 9, has_closed == 1 ? closed : NO_DAY);
		if (sat > 0)
			store_load_int(l, 10, sat);
		store_load_text(l, 11, note);
		store_load_int(l, 12, 1);
		miz_day start, end;
		if (overdue_imported_span(token, has_promised == 1 ? promised : NO_DAY,
		        has_closed == 1 ? closed : NO_DAY, &start, &end)) {
			store_load_day(l, 13, start);
			store_load_day(l, 14, end);
		}
		struct held *h = &im->held[im->nheld - 1];
		*h = (struct held){ .line = h->line,
			.raw = h->raw,
			.nraw = h->nraw,
			.fig = true,
			.token = token,
			.service_id = svc->id,
			.opened = received,
			.complete = complete,
			.closed = has_closed == 1 ? closed : NO_DAY,
			.promised = has_promised == 1 ? promised : NO_DAY,
			.satisfaction = (int)sat };
	} else {
		store_load_int(l, 12, 0);
	}
	int ret = stage_row(im, cause);
	free(code);
	free(svc_code);
	free(stt);
	free(sat_text);
	free(note);
	return ret == 0 ? row_end(im, cause) : -1;
}

/* The staged cases into the register in file order, marked imported, with
 * their overdue days as the register tells them (no history: from the day
 * after the promise while open, to the day it closed if later) and their
 * day figures. */
static int
write_cases(struct importer *im, char **cause)
{
	if (db_exec(im->db,
	        "INSERT INTO cases(code, client_id, service_id, status, opened_on, working_days,"
	        " complete_on, promised_on, original_promised_on, closed_on, satisfaction, note,"
	        " visits, imported)"
	        " SELECT s.code, c.id, s.service_id, s.status, s.opened_on, s.working_days,"
	        " s.complete_on, s.promised_on, s.promised_on, s.closed_on, s.satisfaction, s.note,"
	        " 1, 1 FROM temp.import_case s JOIN client c ON c.national_id = s.nid"
	        " ORDER BY s.line",
	        cause) != 0)
		return -1;
	if (db_exec(im->db,
	        "INSERT INTO overdue_span(case_id, promised_on, start_day, end_day)"
	        " SELECT c.id, s.promised_on, s.span_start, s.span_end FROM temp.import_case s"
	        " JOIN cases c ON c.code = s.code WHERE s.span_start IS NOT NULL;"
	        "INSERT INTO overdue_day(day, starts, ends) SELECT day, sum(s), sum(e) FROM"
	        " (SELECT span_start AS day, 1 AS s, 0 AS e FROM temp.import_case"
	        "  WHERE span_start IS NOT NULL UNION ALL SELECT span_end, 0, 1"
	        "  FROM temp.import_case WHERE span_end IS NOT NULL) AS d"
	        " WHERE true GROUP BY day ON CONFLICT(day) DO UPDATE"
	        " SET starts = overdue_day.starts + excluded.starts,"
	        " ends = overdue_day.ends + excluded.ends",
	        cause) != 0)
		return -1;
	im->res->added = im->staged;
	return figures_acc_write(im->db, &im->figures, cause);
}

int
legacy_import_cases(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res, char **cause)
{
	struct importer im;
	importer_start(&im, db, path, opts, errs, res);
	im.stage = "temp.import_case";
	im.analyze = "cases, overdue_span, overdue_day, day_figure";
	im.stage_cols = case_stage_cols;
	im.nstage_cols = 15;
	im.faults_sql =
	    "SELECT line, nid, code, unregistered, twice, taken FROM"
	    " (SELECT s.line, s.nid, s.code,"
	    "  s.nid IS NOT NULL AND NOT EXISTS"
	    "   (SELECT 1 FROM client c WHERE c.national_id = s.nid) AS unregistered,"
	    "  s.code IS NOT NULL AND EXISTS (SELECT 1 FROM temp.import_case p"
	    "   WHERE p.code = s.code AND p.line < s.line) AS twice,"
	    "  s.code IS NOT NULL AND EXISTS (SELECT 1 FROM cases k WHERE k.code = s.code) AS taken"
	    "  FROM temp.import_case s WHERE s.line BETWEEN ?1 AND ?2) AS f"
	    " WHERE unregistered OR twice OR taken ORDER BY line";
	im.fault = case_fault;
	im.today = clerk_clock_day(db);
	if (clerk_require_supervisor(db, _("import a register from another system"), cause) != 0)
		return -1;
	int ret = -1;
	/* The import's memory first: the staging table's is set before it is made. */
	store_bulk_cache(db, true);
	if (stage_reset(db,
	        "CREATE TEMP TABLE IF NOT EXISTS import_case(line integer PRIMARY KEY, code text,"
	        " nid text, service_id bigint, status text, opened_on text, working_days bigint,"
	        " complete_on text, promised_on text, closed_on text, satisfaction bigint,"
	        " note text, ok bigint, span_start text, span_end text)",
	        "CREATE INDEX IF NOT EXISTS import_case_code ON import_case(code, line)",
	        "import_case", cause) != 0 ||
	    load_services(&im, cause) != 0)
		goto out;
	bool bulk = !opts->dry_run && bulk_worth_it(&im, path, "cases");
	/* Every client and service id written comes from the staged rows'
	 * lookups in this same transaction, so checking the foreign keys again
	 * would only cost a random read of the client table per row. */
	store_foreign_keys(db, false);
	if (db_begin(db, cause) != 0)
		goto out;
	/* The overdue spans written with the cases are indexed at the end too,
	 * when the cases' indexes were set aside (on PostgreSQL only a table
	 * not yet in use has them set aside: see store_pg.c). */
	if (bulk &&
	    (defer_indexes(&im, "cases", "", cause) != 0 ||
	        (store_deferred_count(im.later) > 0 &&
	            defer_indexes(&im, "overdue_span", "", cause) != 0))) {
		db_rollback(db);
		store_deferred_free(im.later);
		goto out;
	}
	/* The cases' day figures, gathered batch by batch (figures.h). */
	im.derive = !opts->dry_run;
	day_acc_init(&im.figures);
	cal_init(&im.cal);
	if (im.derive && holiday_load_calendar(db, &im.cal, cause) != 0) {
		db_rollback(db);
		store_deferred_free(im.later);
	} else {
		ret = run_import(&im, cases_header, 9, case_row, write_cases, cause);
	}
	day_acc_free(&im.figures);
	cal_free(&im.cal);
out:
	store_foreign_keys(db, true);
	store_bulk_cache(db, false);
	for (size_t i = 0; i < im.nsvcs; i++)
		free(im.svcs[i].code);
	free(im.svcs);
	return ret;
}
