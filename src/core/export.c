/* CSV export, streamed: one prepared query, one row at a time. */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/export.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "store.h"
#include "status_sql.h"

/* Rows between progress reports. */
#define PROGRESS_EVERY 50000

/*
 * Column kinds: text as it is, or an ISO date followed by its Jalali form in
 * the next CSV column.
 */
enum col { C_TEXT, C_DATE };

/* A column: its name in the header and its kind, one per query column;
 * a date's Jalali form follows it as NAME_jalali. */
struct export_col {
	const char *name;
	enum col kind;
};
#define COLS_END             \
	{                    \
		NULL, C_TEXT \
	}

/* An export kind: its word (miz export WORD), its query, its columns. */
struct export_def {
	const char *word;
	const char *sql; /* ?1 from, ?2 to (ISO, NULL for open ends), ?3 today */
	const struct export_col *cols;
};

static const struct export_col cases_cols[] = {
	{ "tracking_code", C_TEXT },
	{ "imported", C_TEXT },
	{ "national_id", C_TEXT },
	{ "client_name", C_TEXT },
	{ "mobile", C_TEXT },
	{ "service_code", C_TEXT },
	{ "service_name", C_TEXT },
	{ "status", C_TEXT },
	{ "opened_on", C_DATE },
	{ "complete_on", C_DATE },
	{ "promised_on", C_DATE },
	{ "original_promised_on", C_DATE },
	{ "closed_on", C_DATE },
	{ "satisfaction", C_TEXT },
	{ "comment", C_TEXT },
	{ "visits", C_TEXT },
	{ "clerk", C_TEXT },
	{ "note", C_TEXT },
	{ "reason", C_TEXT },
	COLS_END,
};

static const struct export_col clients_cols[] = {
	{ "national_id", C_TEXT },
	{ "full_name", C_TEXT },
	{ "mobile", C_TEXT },
	{ "address", C_TEXT },
	{ "registered_on", C_DATE },
	COLS_END,
};

static const struct export_col notices_cols[] = {
	{ "tracking_code", C_TEXT },
	{ "national_id", C_TEXT },
	{ "client_name", C_TEXT },
	{ "service_code", C_TEXT },
	{ "issued_on", C_DATE },
	{ "deadline", C_DATE },
	{ "resolved_on", C_DATE },
	{ "missing_documents", C_TEXT },
	{ "clerk", C_TEXT },
	COLS_END,
};

static const struct export_col referrals_cols[] = {
	{ "tracking_code", C_TEXT },
	{ "service_code", C_TEXT },
	{ "department", C_TEXT },
	{ "officer", C_TEXT },
	{ "officer_phone", C_TEXT },
	{ "referred_on", C_DATE },
	{ "due_on", C_DATE },
	{ "returned_on", C_DATE },
	{ "late", C_TEXT },
	{ "note", C_TEXT },
	{ "clerk", C_TEXT },
	COLS_END,
};

static const struct export_col satisfaction_cols[] = {
	{ "tracking_code", C_TEXT },
	{ "national_id", C_TEXT },
	{ "client_name", C_TEXT },
	{ "service_code", C_TEXT },
	{ "service_name", C_TEXT },
	{ "delivered_on", C_DATE },
	{ "satisfaction", C_TEXT },
	{ "comment", C_TEXT },
	{ "clerk", C_TEXT },
	COLS_END,
};

#define PERIOD(col)                                                                         \
	"(CAST(?1 AS TEXT) IS NULL OR " col " >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR " col \
	" <= ?2)"

static const struct export_def defs[EXPORT__COUNT] = {
	[EXPORT_CASES] = { "cases",
	    "SELECT c.code, c.imported, cl.national_id, cl.full_name, "
	    "coalesce(cl.mobile, ''),"
	    " s.code, s.name, c.status, c.opened_on, c.complete_on, c.promised_on,"
	    " c.original_promised_on, c.closed_on, c.satisfaction, c.comment, "
	    "c.visits,"
	    " coalesce(k.name, ''), c.note,"
	    /* Why it was withdrawn or rejected, from its history. */
	    " CASE WHEN c.status IN (" SQL_WITHDRAWN ", " SQL_REJECTED ") THEN coalesce((SELECT"
	    " h.reason FROM history h WHERE h.case_id = c.id AND h.to_status ="
	    " c.status ORDER BY h.id DESC LIMIT 1), '') ELSE '' END"
	    " FROM cases c JOIN client cl ON cl.id = c.client_id"
	    " JOIN service s ON s.id = c.service_id LEFT JOIN clerk k ON k.id = "
	    "c.clerk_id"
	    " WHERE " PERIOD("c.opened_on") " ORDER BY c.id",
	    cases_cols },
	[EXPORT_CLIENTS] = { "clients",
	    "SELECT national_id, full_name, coalesce(mobile, ''), address, "
	    "substr(created_at, 1, 10)"
	    " FROM client WHERE " PERIOD("substr(created_at, 1, 10)") " ORDER BY id",
	    clients_cols },
	[EXPORT_NOTICES] = { "notices",
	    "SELECT c.code, cl.national_id, cl.full_name, s.code, n.issued_on, "
	    "n.deadline,"
	    " n.resolved_on, (SELECT group_concat(name, '; ') FROM (SELECT d.name "
	    "FROM notice_item i"
	    " JOIN document d ON d.id = i.document_id WHERE i.notice_id = n.id"
	    " ORDER BY d.position, d.id) AS m), coalesce(k.name, '')"
	    " FROM notice n JOIN cases c ON c.id = n.case_id JOIN client cl ON "
	    "cl.id = c.client_id"
	    " JOIN service s ON s.id = c.service_id LEFT JOIN clerk k ON k.id = "
	    "n.clerk_id"
	    " WHERE " PERIOD("n.issued_on") " ORDER BY n.id",
	    notices_cols },
	[EXPORT_REFERRALS] = { "referrals",
	    "SELECT c.code, s.code, d.name, coalesce(o.name, ''), "
	    "coalesce(o.phone, ''),"
	    " r.referred_on, r.due_on, r.returned_on,"
	    " CASE WHEN coalesce(r.returned_on, ?3) > r.due_on"
	    " THEN 'yes' ELSE 'no' END, r.note, coalesce(k.name, '')"
	    " FROM referral r JOIN cases c ON c.id = r.case_id JOIN service s "
	    "ON s.id = c.service_id"
	    " JOIN department d ON d.id = r.department_id LEFT JOIN officer o "
	    "ON o.id = r.officer_id"
	    " LEFT JOIN clerk k ON k.id = r.clerk_id"
	    " WHERE " PERIOD("r.referred_on") " ORDER BY r.id",
	    referrals_cols },
	[EXPORT_SATISFACTION] = { "satisfaction",
	    "SELECT c.code, cl.national_id, cl.full_name, s.code, s.name, "
	    "c.closed_on,"
	    " c.satisfaction, c.comment, coalesce(k.name, '')"
	    " FROM cases c JOIN client cl ON cl.id = c.client_id JOIN "
	    "service s ON s.id = c.service_id"
	    " LEFT JOIN clerk k ON k.id = c.closed_by"
	    " WHERE c.status = " SQL_DELIVERED " AND c.satisfaction IS NOT NULL "
	    "AND " PERIOD("c.closed_on") " ORDER BY c.closed_on, c.id",
	    satisfaction_cols },
};

int
export_kind_parse(const char *word, enum export_kind *out)
{
	for (int i = 0; i < EXPORT__COUNT; i++) {
		if (strcmp(word, defs[i].word) == 0) {
			*out = (enum export_kind)i;
			return 0;
		}
	}
	return -1;
}

/*
 * Jalali forms of ISO dates, remembered: an export repeats the same few
 * thousand days a million times.  Keyed by the ISO text's day number.
 */
struct jalali_cache {
	miz_day base;
	int n;
	char (*text)[11];
};

/* Day number of a stored ISO date, quickly; -1 when it is not one. */
static int
iso_day(const char *s, miz_day *d)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
	}
	if (s[10] != '\0')
		return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1700 || !cal_gregorian_valid(y, m, dd))
		return -1;
	*d = cal_from_gregorian(y, m, dd);
	return 0;
}

/* The Jalali form of an ISO date ("" when it is not one). */
static const char *
jalali_of(struct jalali_cache *jc, const char *iso, char *scratch)
{
	miz_day d;
	if (iso == NULL || iso_day(iso, &d) != 0)
		return "";
	int i = d - jc->base;
	if (i < 0 || i >= jc->n) {
		cal_format_jalali(d, scratch);
		return scratch;
	}
	if (jc->text[i][0] == '\0')
		cal_format_jalali(d, jc->text[i]);
	return jc->text[i];
}

int
export_write(struct miz_db *db, enum export_kind kind, const struct export_opts *opts, FILE *fp,
    long *rows, char **cause)
{
	const struct export_def *def = &defs[kind];
	struct csv_writer w;
	struct store_stmt *st;
	*rows = 0;
	if (store_prepare(db, def->sql, &st, cause) != 0)
		return -1;
	if (opts->from != NO_DAY)
		store_bind_day(st, 1, opts->from);
	if (opts->to != NO_DAY)
		store_bind_day(st, 2, opts->to);
	if (store_param_count(st) >= 3)
		store_bind_day(st, 3, opts->today);

	/* 1900-01-01 .. 2100-12-31 covers every date a desk records. */
	struct jalali_cache jc;
	jc.base = cal_from_gregorian(1900, 1, 1);
	jc.n = cal_from_gregorian(2101, 1, 1) - jc.base;
	jc.text = xcalloc((size_t)jc.n, sizeof *jc.text);

	csvw_init(&w, fp);
	if (opts->bom)
		csvw_bom(&w);
	int ncols = 0;
	for (const struct export_col *c = def->cols; c->name != NULL; c++, ncols++) {
		csvw_field(&w, c->name);
		if (c->kind == C_DATE) {
			char *jalali = xasprintf("%s_jalali", c->name);
			csvw_field(&w, jalali);
			free(jalali);
		}
	}
	csvw_end_row(&w);
	/* One column of the table per column of the query. */
	assert(store_column_count(st) == ncols);
	store_stream(st); /* nothing else reads the database until it is done */

	int rc;
	char scratch[11];
	while ((rc = store_step(st)) == STORE_ROW) {
		for (int i = 0; i < ncols; i++) {
			const char *v = store_text(st, i);
			csvw_field(&w, v);
			if (def->cols[i].kind == C_DATE)
				csvw_field(&w, jalali_of(&jc, v, scratch));
		}
		csvw_end_row(&w);
		if (w.error)
			break;
		if (++*rows % PROGRESS_EVERY == 0 && opts->progress != NULL)
			opts->progress(*rows, opts->progress_arg);
	}
	int ret = 0;
	if (rc != STORE_DONE && !w.error)
		ret = db_fail(db, cause);
	store_finish(st);
	free(jc.text);
	if (csvw_finish(&w, ret == 0 ? cause : NULL) != 0)
		ret = -1;
	return ret;
}
