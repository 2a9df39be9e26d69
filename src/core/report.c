/* Supervisor reports: built from a few grouped queries each, formatted as text or CSV. */
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "miz/csvfile.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/audit.h"
#include "miz/report.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "store.h"
#include "status_sql.h"

void
report_free(struct report *r)
{
	for (size_t i = 0; i < r->ntables; i++) {
		struct report_table *t = &r->tables[i];
		free(t->title);
		for (size_t c = 0; c < t->ncols; c++)
			free(t->head[c]);
		free(t->head);
		free(t->numeric);
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			free(t->cells[k]);
		free(t->cells);
	}
	free(r->tables);
	for (size_t i = 0; i < r->nseries; i++) {
		struct report_series *s = &r->series[i];
		free(s->title);
		for (size_t k = 0; k < s->n; k++)
			free(s->labels[k]);
		free(s->labels);
		free(s->values);
	}
	free(r->series);
	free(r->title);
	memset(r, 0, sizeof *r);
}

/*
 * Adds a table.  `kinds` has one letter per column: 't' text, 'n' a number
 * (right-aligned); the column titles follow (already translated).
 */
static struct report_table *
table_add(struct report *r, const char *title, const char *kinds, ...)
{
	va_list ap;
	r->tables = xreallocarray(r->tables, r->ntables + 1, sizeof *r->tables);
	struct report_table *t = &r->tables[r->ntables++];
	memset(t, 0, sizeof *t);
	t->title = xstrdup(title);
	t->ncols = strlen(kinds);
	t->head = xcalloc(t->ncols, sizeof *t->head);
	t->numeric = xcalloc(t->ncols, sizeof *t->numeric);
	va_start(ap, kinds);
	for (size_t c = 0; c < t->ncols; c++) {
		t->numeric[c] = kinds[c] == 'n';
		t->head[c] = xstrdup(va_arg(ap, const char *));
	}
	va_end(ap);
	return t;
}

/* Adds a row of ncols cells (copied). */
static void
row_add(struct report_table *t, const char *const *cells)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols, sizeof *t->cells);
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] != NULL ? cells[c] : "");
	t->nrows++;
}

/* Orders a table's rows by its first column (service codes, clerk names):
 * the rows' first cells sorted with their places, no state outside. */
struct row_key {
	const char *key;
	size_t row;
};

static int
row_cmp(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
}

static void
table_sort(struct report_table *t, size_t first, size_t count)
{
	if (count < 2)
		return;
	struct row_key *order = xcalloc(count, sizeof *order);
	char **copy = xcalloc(count * t->ncols, sizeof *copy);
	for (size_t i = 0; i < count; i++) {
		order[i].row = first + i;
		order[i].key = t->cells[(first + i) * t->ncols];
	}
	qsort(order, count, sizeof *order, row_cmp);
	for (size_t i = 0; i < count; i++)
		memcpy(copy + i * t->ncols, t->cells + order[i].row * t->ncols,
		    t->ncols * sizeof *copy);
	memcpy(t->cells + first * t->ncols, copy, count * t->ncols * sizeof *copy);
	free(copy);
	free(order);
}

/* Number formats; each returns a new string. */
static char *
fmt_int(long long v)
{
	return xasprintf("%lld", v);
}

static char *
fmt_pct(double num, double den)
{
	if (den <= 0)
		return xstrdup("-");
	return xasprintf("%.1f%%", 100.0 * num / den);
}

static char *
fmt_avg(double sum, double n)
{
	if (n <= 0)
		return xstrdup("-");
	return xasprintf("%.2f", sum / n);
}

/* A metric row: label and a value taken over (freed here). */
static void
metric(struct report_table *t, const char *label, char *value)
{
	const char *cells[] = { label, value };
	row_add(t, cells);
	free(value);
}

/* Runs a one-row query bound to (day1, day2, day3) and reads n numbers. */
static int
numbers(struct miz_db *db, const char *sql, miz_day d1, miz_day d2, miz_day d3, double *out, int n,
    char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	int np = store_param_count(st);
	if (np >= 1)
		store_bind_day(st, 1, d1);
	if (np >= 2)
		store_bind_day(st, 2, d2);
	if (np >= 3)
		store_bind_day(st, 3, d3);
	/* The figures are read by name (enum eod_figure...): as many columns. */
	assert(store_column_count(st) == n);
	int rc = store_step(st);
	for (int i = 0; i < n; i++)
		out[i] = rc == STORE_ROW ? store_double(st, i) : 0;
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	return 0;
}

/* Accumulators keyed by an id (a service, a clerk), for grouped queries. */
#define ACC_VALUES 12

struct acc {
	int64_t id;
	double v[ACC_VALUES];
};

struct accs {
	struct acc *a;
	size_t n;
};

static struct acc *
acc_get(struct accs *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->a[i].id == id)
			return &s->a[i];
	}
	s->a = xreallocarray(s->a, s->n + 1, sizeof *s->a);
	memset(&s->a[s->n], 0, sizeof s->a[s->n]);
	s->a[s->n].id = id;
	return &s->a[s->n++];
}

/* Runs "SELECT id, v1, v2 ... GROUP BY id" adding into slots [first, first + n). */
static int
acc_query(struct miz_db *db, const char *sql, miz_day d1, miz_day d2, struct accs *s, int first,
    int n, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	int np = store_param_count(st);
	if (np >= 1)
		store_bind_day(st, 1, d1);
	if (np >= 2)
		store_bind_day(st, 2, d2);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct acc *a = acc_get(s, store_int(st, 0));
		for (int i = 0; i < n; i++)
			a->v[first + i] += store_double(st, 1 + i);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Names by id (a service's code and name, a clerk's login and name), read
 * in one query, not one a row of the report (each a round trip to a
 * database server). */
struct names {
	struct name_row {
		int64_t id;
		char *a, *b;
	} * r;
	size_t n;
};

/* sql gives (id, a, b) ordered by id; on a failure the table is empty. */
static void
names_load(struct miz_db *db, const char *sql, struct names *t)
{
	struct store_stmt *st;
	*t = (struct names){ 0 };
	if (store_prepare(db, sql, &st, NULL) != 0)
		return;
	while (store_step(st) == STORE_ROW) {
		t->r = xreallocarray(t->r, t->n + 1, sizeof *t->r);
		t->r[t->n++] =
		    (struct name_row){ store_int(st, 0), store_strdup(st, 1), store_strdup(st, 2) };
	}
	store_finish(st);
}

static int
name_cmp(const void *key, const void *row)
{
	int64_t id = *(const int64_t *)key, other = ((const struct name_row *)row)->id;
	return id < other ? -1 : id > other;
}

/* Copies of id's names ("?" when there is no such row). */
static void
names_find(const struct names *t, int64_t id, char **a, char **b)
{
	const struct name_row *r =
	    t->n > 0 ? bsearch(&id, t->r, t->n, sizeof *t->r, name_cmp) : NULL;
	*a = xstrdup(r != NULL ? r->a : "?");
	*b = xstrdup(r != NULL ? r->b : "?");
}

static void
names_free(struct names *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->r[i].a);
		free(t->r[i].b);
	}
	free(t->r);
	*t = (struct names){ 0 };
}

/* Sorts accumulators by the first name looked up (a service code, a clerk login). */
static int
acc_cmp_id(const void *x, const void *y)
{
	const struct acc *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

static char *
day_title(const char *what, miz_day d)
{
	char iso[11], jal[11];
	cal_format_iso(d, iso);
	cal_format_jalali(d, jal);
	return xasprintf("%s %s (%s)", what, jal, iso);
}

static char *
period_title(const char *what, miz_day from, miz_day to)
{
	char a[11], b[11], c[11], d[11];
	cal_format_jalali(from, a);
	cal_format_jalali(to, b);
	cal_format_iso(from, c);
	cal_format_iso(to, d);
	return xasprintf("%s %s – %s (%s – %s)", what, a, b, c, d);
}

/*
 * The count of cases overdue at the end of a day, any day, as it stood then
 * (overdue.h): the spans started up to it less those ended.
 */
static int
overdue_at_end(struct miz_db *db, miz_day day, double *n, char **cause)
{
	return numbers(db,
	    "SELECT coalesce(sum(starts) - sum(ends), 0) FROM overdue_day WHERE day <= ?1", day,
	    day, day, n, 1, cause);
}

/*
 * The cases overdue at the end of day ?1, most overdue first, ?2 of them:
 * the spans still going and those ended since, each part its own index
 * walk in promise order, merged.
 */
#define OVERDUE_LIST_AT_END                                                       \
	"SELECT c.code, cl.full_name, s.code, x.promised_on FROM ("               \
	" SELECT * FROM (SELECT case_id, promised_on FROM overdue_span"           \
	"   WHERE end_day IS NULL AND promised_on < ?1 AND start_day <= ?1"       \
	"   ORDER BY promised_on, case_id LIMIT ?2) AS going"                     \
	" UNION ALL"                                                              \
	" SELECT * FROM (SELECT case_id, promised_on FROM overdue_span"           \
	"   INDEXED BY overdue_span_gone WHERE end_day > ?1 AND start_day <= ?1"  \
	"   ORDER BY promised_on, case_id LIMIT ?2) AS gone"                      \
	" ORDER BY 2, 1 LIMIT ?2) x"                                              \
	" JOIN cases c ON c.id = x.case_id JOIN client cl ON cl.id = c.client_id" \
	" JOIN service s ON s.id = c.service_id ORDER BY x.promised_on, x.case_id"

/* The end of day's figures, in the order of its query's columns. */
enum eod_figure {
	EOD_INTAKES,
	EOD_COMPLETE_AT_INTAKE,
	EOD_NOTICES,
	EOD_BROUGHT_BACK,
	EOD_COMPLETED_AFTER_NOTICE,
	EOD_REFERRALS,
	EOD_DELIVERED,
	EOD_ON_TIME,
	EOD_WITHDRAWN,
	EOD_REJECTED,
	EOD_OVERDUE,
	EOD_RATINGS,
	EOD_RATING_SUM,
	EOD_RATED_1, /* ... to EOD_RATED_1 + 4: ratings of 1 to 5 */
	EOD__COUNT = EOD_RATED_1 + 5
};

int
report_eod(
    struct miz_db *db, miz_day day, miz_day today, int list_limit, struct report *out, char **cause)
{
	double v[EOD__COUNT];
	struct miz_calendar cal;
	memset(out, 0, sizeof *out);
	out->title = day_title(_("End of day"), day);
	if (numbers(db,
	        "SELECT a.intakes, a.complete, a.notices, a.back, a.completed, a.referrals,"
	        " k.delivered, k.on_time, k.withdrawn, k.rejected, a.overdue, k.ratings,"
	        " k.rating_sum, k.r1, k.r2, k.r3, k.r4, k.r5 FROM (SELECT"
	        " (SELECT count(*) FROM cases WHERE opened_on = ?1) AS intakes,"
	        " (SELECT count(*) FROM cases c WHERE c.opened_on = ?1 AND NOT EXISTS"
	        "   (SELECT 1 FROM notice n WHERE n.case_id = c.id AND n.issued_on = ?1)) AS "
	        "complete,"
	        " (SELECT count(*) FROM notice WHERE issued_on = ?1) AS notices,"
	        /* Documents brought back: received that day by a case that was
	         * told to bring them (a "documents" event: not its opening), on
	         * the day it opened too; completed after a notice likewise. */
	        " (SELECT count(DISTINCT cd.case_id) FROM case_document cd WHERE cd.received_on = "
	        "?1"
	        "   AND EXISTS (SELECT 1 FROM history h WHERE h.case_id = cd.case_id"
	        "   AND h.action = 'documents' AND h.day = ?1)) AS back,"
	        /* Completed after a notice: the day's "complete" events, which
	         * stay when the file is found incomplete again later; a case whose
	         * completion was written before schema 6 (no day) by complete_on. */
	        " (SELECT count(DISTINCT h.case_id) FROM history h WHERE h.day = ?1"
	        "   AND h.action = 'complete' AND EXISTS (SELECT 1 FROM notice n"
	        "   WHERE n.case_id = h.case_id AND n.issued_on <= ?1))"
	        " + (SELECT count(*) FROM cases c WHERE c.complete_on = ?1 AND EXISTS"
	        "   (SELECT 1 FROM notice n WHERE n.case_id = c.id AND n.issued_on <= ?1)"
	        "   AND EXISTS (SELECT 1 FROM history h WHERE h.case_id = c.id"
	        "   AND h.action = 'complete' AND h.day IS NULL)"
	        "   AND NOT EXISTS (SELECT 1 FROM history h WHERE h.case_id = c.id"
	        "   AND h.action = 'complete' AND h.day = ?1)) AS completed,"
	        " (SELECT count(*) FROM referral WHERE referred_on = ?1) AS referrals,"
	        /* Overdue at the end of the day, today's too: the spans started
	         * up to it less those ended (overdue.h), a few hundred rows
	         * whatever the backlog; the same as the desk's count of open
	         * cases past their promise (test_overdue_counts_agree). */
	        " (SELECT coalesce(sum(starts) - sum(ends), 0) FROM overdue_day WHERE day <= ?1)"
	        "  AS overdue) AS a,"
	        /* The day's closings: one walk of the index on closed_on. */
	        " (SELECT count(*) FILTER (WHERE status = " SQL_DELIVERED ") AS delivered,"
	        "  count(*) FILTER (WHERE status = " SQL_DELIVERED
	        "   AND closed_on <= promised_on) AS on_time,"
	        "  count(*) FILTER (WHERE status = " SQL_WITHDRAWN ") AS withdrawn,"
	        "  count(*) FILTER (WHERE status = " SQL_REJECTED ") AS rejected,"
	        "  count(satisfaction) FILTER (WHERE status = " SQL_DELIVERED ") AS ratings,"
	        "  coalesce(sum(satisfaction) FILTER (WHERE status = " SQL_DELIVERED "), 0)"
	        "   AS rating_sum,"
	        "  count(*) FILTER (WHERE satisfaction = 1) AS r1,"
	        "  count(*) FILTER (WHERE satisfaction = 2) AS r2,"
	        "  count(*) FILTER (WHERE satisfaction = 3) AS r3,"
	        "  count(*) FILTER (WHERE satisfaction = 4) AS r4,"
	        "  count(*) FILTER (WHERE satisfaction = 5) AS r5"
	        "  FROM cases WHERE closed_on = ?1) AS k",
	        day, today, day, v, EOD__COUNT, cause) != 0)
		goto fail;
	bool past = day < today;

	struct report_table *t = table_add(out, _("Summary"), "tn", _("Indicator"), _("Value"));
	metric(t, _("Intakes"), fmt_int((long long)v[EOD_INTAKES]));
	metric(t, _("Complete at intake"), fmt_int((long long)v[EOD_COMPLETE_AT_INTAKE]));
	metric(t, _("Deficiency notices issued"), fmt_int((long long)v[EOD_NOTICES]));
	metric(t, _("Cases with documents brought back"), fmt_int((long long)v[EOD_BROUGHT_BACK]));
	metric(t, _("Files completed after a notice"),
	    fmt_int((long long)v[EOD_COMPLETED_AFTER_NOTICE]));
	metric(t, _("Referrals"), fmt_int((long long)v[EOD_REFERRALS]));
	metric(t, _("Delivered"), fmt_int((long long)v[EOD_DELIVERED]));
	metric(t, _("Delivered on time"), fmt_pct(v[EOD_ON_TIME], v[EOD_DELIVERED]));
	metric(t, _("Withdrawn"), fmt_int((long long)v[EOD_WITHDRAWN]));
	metric(t, _("Rejected"), fmt_int((long long)v[EOD_REJECTED]));
	metric(t, _("Open cases overdue"), fmt_int((long long)v[EOD_OVERDUE]));
	metric(t, _("Satisfaction ratings"), fmt_int((long long)v[EOD_RATINGS]));
	metric(t, _("Satisfaction average (1-5)"), fmt_avg(v[EOD_RATING_SUM], v[EOD_RATINGS]));

	t = table_add(out, _("Satisfaction"), "tnn", _("Rating"), _("Clients"), _("Share"));
	for (int k = 5; k >= 1; k--) {
		char *label = xasprintf("%d", k);
		char *n = fmt_int((long long)v[EOD_RATED_1 + k - 1]);
		char *share = fmt_pct(v[EOD_RATED_1 + k - 1], v[EOD_RATINGS]);
		const char *cells[] = { label, n, share };
		row_add(t, cells);
		free(label);
		free(n);
		free(share);
	}

	/* Overdue open cases, the most overdue first. */
	if (holiday_load_calendar(db, &cal, cause) != 0)
		goto fail;
	t = table_add(out, _("Open cases overdue"), "ttttn", _("Tracking code"), _("Client"),
	    _("Service"), _("Promised"), _("Working days late"));
	struct store_stmt *st;
	if (store_prepare(db,
	        past
	            ? OVERDUE_LIST_AT_END
	            /* The partial index gives the order: no sort of every overdue case. */
	            : "SELECT c.code, cl.full_name, s.code, c.promised_on"
	              " FROM cases c INDEXED BY cases_open_promise"
	              " JOIN client cl ON cl.id = c.client_id JOIN service s ON s.id = c.service_id"
	              " WHERE c.status IN " SQL_OPEN " AND c.promised_on < ?1"
	              " ORDER BY c.promised_on, c.id LIMIT ?2",
	        &st, cause) != 0) {
		cal_free(&cal);
		goto fail;
	}
	store_bind_day(st, 1, day);
	store_bind_int(st, 2, list_limit);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day promised;
		char *late = NULL;
		if (store_day(st, 3, &promised) == 0)
			late = fmt_int(cal_working_days_between(&cal, promised, day));
		const char *cells[] = { store_text(st, 0), store_text(st, 1), store_text(st, 2),
			store_text(st, 3), late };
		row_add(t, cells);
		free(late);
	}
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		store_finish(st);
		cal_free(&cal);
		goto fail;
	}
	store_finish(st);
	cal_free(&cal);

	/* Per service. */
	struct accs svc = { 0 };
	if (acc_query(db, "SELECT service_id, count(*) FROM cases WHERE opened_on = ?1 GROUP BY 1",
	        day, day, &svc, 0, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT c.service_id, count(*) FROM notice n JOIN cases c ON c.id = n.case_id"
	        " WHERE n.issued_on = ?1 GROUP BY 1",
	        day, day, &svc, 1, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT c.service_id, count(*) FROM referral r JOIN cases c ON c.id = r.case_id"
	        " WHERE r.referred_on = ?1 GROUP BY 1",
	        day, day, &svc, 2, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT service_id, count(*), count(*) FILTER (WHERE closed_on <= promised_on),"
	        " count(satisfaction),"
	        " coalesce(sum(satisfaction), 0) FROM cases"
	        " WHERE closed_on = ?1 AND +status = " SQL_DELIVERED " GROUP BY 1",
	        day, day, &svc, 3, 4, cause) != 0) {
		free(svc.a);
		goto fail;
	}
	if (svc.n > 0)
		qsort(svc.a, svc.n, sizeof *svc.a, acc_cmp_id);
	t = table_add(out, _("By service"), "ttnnnnnn", _("Code"), _("Service"), _("Intakes"),
	    _("Notices"), _("Referrals"), _("Delivered"), _("On time"), _("Satisfaction"));
	struct names services;
	names_load(db, "SELECT id, code, name FROM service ORDER BY id", &services);
	for (size_t i = 0; i < svc.n; i++) {
		const struct acc *a = &svc.a[i];
		char *code, *name;
		names_find(&services, a->id, &code, &name);
		char *c0 = fmt_int((long long)a->v[0]), *c1 = fmt_int((long long)a->v[1]);
		char *c2 = fmt_int((long long)a->v[2]), *c3 = fmt_int((long long)a->v[3]);
		char *c4 = fmt_pct(a->v[4], a->v[3]), *c5 = fmt_avg(a->v[6], a->v[5]);
		const char *cells[] = { code, name, c0, c1, c2, c3, c4, c5 };
		row_add(t, cells);
		free(code), free(name), free(c0), free(c1), free(c2), free(c3), free(c4), free(c5);
	}
	table_sort(t, 0, t->nrows);
	free(svc.a);
	names_free(&services);

	/* Per clerk. */
	struct accs clerks = { 0 };
	if (acc_query(db,
	        "SELECT coalesce(clerk_id, 0), count(*) FROM cases WHERE opened_on = ?1 GROUP BY 1",
	        day, day, &clerks, 0, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT coalesce(clerk_id, 0), count(*) FROM notice WHERE issued_on = ?1 GROUP BY "
	        "1",
	        day, day, &clerks, 1, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT coalesce(clerk_id, 0), count(*) FROM referral WHERE referred_on = ?1"
	        " GROUP BY 1",
	        day, day, &clerks, 2, 1, cause) != 0 ||
	    acc_query(db,
	        "SELECT coalesce(closed_by, 0), count(*) FROM cases WHERE closed_on = ?1"
	        " AND +status = " SQL_DELIVERED " GROUP BY 1",
	        day, day, &clerks, 3, 1, cause) != 0) {
		free(clerks.a);
		goto fail;
	}
	if (clerks.n > 0)
		qsort(clerks.a, clerks.n, sizeof *clerks.a, acc_cmp_id);
	t = table_add(out, _("By clerk"), "tnnnn", _("Clerk"), _("Intakes"), _("Notices"),
	    _("Referrals"), _("Delivered"));
	struct names people;
	names_load(db, "SELECT id, login, name FROM clerk ORDER BY id", &people);
	for (size_t i = 0; i < clerks.n; i++) {
		const struct acc *a = &clerks.a[i];
		char *login, *name;
		names_find(&people, a->id, &login, &name);
		char *c0 = fmt_int((long long)a->v[0]), *c1 = fmt_int((long long)a->v[1]);
		char *c2 = fmt_int((long long)a->v[2]), *c3 = fmt_int((long long)a->v[3]);
		const char *cells[] = { a->id == 0 ? _("(unknown)") : name, c0, c1, c2, c3 };
		row_add(t, cells);
		free(login), free(name), free(c0), free(c1), free(c2), free(c3);
	}
	table_sort(t, 0, t->nrows);
	free(clerks.a);
	names_free(&people);
	/* The head of the history's chain when the report is made: on paper,
	 * it pins the record up to now (miz audit verify --head). */
	char head[AUDIT_HASH_LEN + 1];
	if (audit_head(db, head, cause) != 0)
		goto fail;
	t = table_add(out, _("Record"), "tt", _("Seal"), _("Value"));
	const char *seal[] = { _("History chain head"), *head != '\0' ? head : "-" };
	row_add(t, seal);
	return 0;
fail:
	report_free(out);
	return -1;
}

/* Per-service figures of a period (slots of struct acc). */
enum {
	P_OPENED, /* cases opened in the period */
	P_NOTICED, /* of those, with at least one notice */
	P_REPEAT, /* of those, with more than one notice */
	P_DELIVERED, /* cases delivered in the period */
	P_ONTIME, /* of those, on or before the promise */
	P_DAYS_SUM, /* working days from complete file to delivery */
	P_DAYS_N,
	P_VISITS_SUM, /* visits of delivered cases */
	P_SAT_N,
	P_SAT_SUM,
};

/*
 * Fills per-service accumulators for [from, to] (also the totals in `all`)
 * from each day's figures (figures.h): a few rows a day, whatever the
 * number of cases.
 */
static int
period_accs(
    struct miz_db *db, miz_day from, miz_day to, struct accs *svc, struct acc *all, char **cause)
{
	if (acc_query(db,
	        "SELECT service_id, sum(opened), sum(noticed), sum(repeated), sum(delivered),"
	        " sum(on_time), sum(days_sum), sum(days_n), sum(visits_sum), sum(sat_n),"
	        " sum(sat_sum) FROM day_figure WHERE day BETWEEN ?1 AND ?2 GROUP BY 1"
	        " HAVING sum(opened) + sum(delivered) > 0",
	        from, to, svc, P_OPENED, 10, cause) != 0)
		return -1;
	memset(all, 0, sizeof *all);
	for (size_t i = 0; i < svc->n; i++) {
		for (int k = 0; k < ACC_VALUES; k++)
			all->v[k] += svc->a[i].v[k];
	}
	return 0;
}

/* One row of the per-service table. */
static void
period_row(struct report_table *t, const char *code, const char *name, const struct acc *a)
{
	char *c[9];
	c[0] = fmt_int((long long)a->v[P_OPENED]);
	c[1] = fmt_avg(a->v[P_DAYS_SUM], a->v[P_DAYS_N]);
	c[2] = fmt_pct(a->v[P_ONTIME], a->v[P_DELIVERED]);
	c[3] = fmt_pct(a->v[P_NOTICED], a->v[P_OPENED]);
	c[4] = fmt_int((long long)a->v[P_REPEAT]);
	c[5] = fmt_avg(a->v[P_VISITS_SUM], a->v[P_DELIVERED]);
	c[6] = fmt_avg(a->v[P_SAT_SUM], a->v[P_SAT_N]);
	c[7] = fmt_int((long long)a->v[P_SAT_N]);
	const char *cells[] = { code, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7] };
	row_add(t, cells);
	for (int i = 0; i < 8; i++)
		free(c[i]);
}

/* Adds a chart series. */
static struct report_series *
series_add(struct report *r, const char *title, bool percent)
{
	r->series = xreallocarray(r->series, r->nseries + 1, sizeof *r->series);
	struct report_series *s = &r->series[r->nseries++];
	memset(s, 0, sizeof *s);
	s->title = xstrdup(title);
	s->percent = percent;
	return s;
}

static void
series_point(struct report_series *s, const char *label, double value)
{
	s->labels = xreallocarray(s->labels, s->n + 1, sizeof *s->labels);
	s->values = xreallocarray(s->values, s->n + 1, sizeof *s->values);
	s->labels[s->n] = xstrdup(label);
	s->values[s->n] = value;
	s->n++;
}

/* Days shown in the daily-intakes chart at most. */
#define SERIES_MAX_DAYS 400

int
report_period(
    struct miz_db *db, miz_day from, miz_day to, miz_day today, struct report *out, char **cause)
{
	struct accs svc = { 0 };
	struct acc all;
	memset(out, 0, sizeof *out);
	if (to < from)
		return miz_fail(cause, _("the period ends before it starts"));
	out->title = period_title(_("Period"), from, to);
	if (period_accs(db, from, to, &svc, &all, cause) != 0)
		goto fail;
	if (svc.n > 0)
		qsort(svc.a, svc.n, sizeof *svc.a, acc_cmp_id);
	struct report_table *t = table_add(out, _("By service"), "ttnnnnnnnn", _("Code"),
	    _("Service"), _("Cases"), _("Avg working days"), _("On time"), _("Notice rate"),
	    _("Over 1 notice"), _("Visits/delivered"), _("Satisfaction"), _("Ratings"));
	struct report_series *ontime = NULL;
	struct names services;
	names_load(db, "SELECT id, code, name FROM service ORDER BY id", &services);
	for (size_t i = 0; i < svc.n; i++) {
		char *code, *name;
		names_find(&services, svc.a[i].id, &code, &name);
		period_row(t, code, name, &svc.a[i]);
		if (svc.a[i].v[P_DELIVERED] > 0) {
			if (ontime == NULL)
				ontime =
				    series_add(out, _("On-time delivery per service (%)"), true);
			series_point(
			    ontime, code, 100.0 * svc.a[i].v[P_ONTIME] / svc.a[i].v[P_DELIVERED]);
		}
		free(code);
		free(name);
	}
	table_sort(t, 0, t->nrows);
	names_free(&services);
	period_row(t, _("All"), "", &all);
	free(svc.a);
	svc.a = NULL;

	t = table_add(out, _("Referrals by department"), "tnn", _("Department"), _("Referrals"),
	    _("Past due"));
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT d.name, count(*),"
	        " count(*) FILTER (WHERE coalesce(r.returned_on, ?3) > r.due_on)"
	        " FROM referral r JOIN department d ON d.id = r.department_id"
	        " WHERE r.referred_on BETWEEN ?1 AND ?2 GROUP BY d.name ORDER BY d.name",
	        &st, cause) != 0)
		goto fail;
	store_bind_day(st, 1, from);
	store_bind_day(st, 2, to);
	store_bind_day(st, 3, today);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		char *n = fmt_int(store_int(st, 1));
		char *late = fmt_int(store_int(st, 2));
		const char *cells[] = { store_text(st, 0), n, late };
		row_add(t, cells);
		free(n);
		free(late);
	}
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		store_finish(st);
		goto fail;
	}
	store_finish(st);

	/* Daily intakes, every day of the period (up to SERIES_MAX_DAYS). */
	struct report_series *daily = series_add(out, _("Intakes per day"), false);
	miz_day last = to - from >= SERIES_MAX_DAYS ? from + SERIES_MAX_DAYS - 1 : to;
	double *counts = xcalloc((size_t)(last - from + 1), sizeof *counts);
	if (store_prepare(db,
	        "SELECT opened_on, count(*) FROM cases WHERE opened_on BETWEEN ?1 AND ?2 GROUP BY "
	        "1",
	        &st, cause) != 0) {
		free(counts);
		goto fail;
	}
	store_bind_day(st, 1, from);
	store_bind_day(st, 2, last);
	while ((rc = store_step(st)) == STORE_ROW) {
		miz_day d;
		if (store_day(st, 0, &d) == 0 && d >= from && d <= last)
			counts[d - from] = store_double(st, 1);
	}
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		store_finish(st);
		free(counts);
		goto fail;
	}
	store_finish(st);
	for (miz_day d = from; d <= last; d++) {
		char label[11];
		cal_format_jalali(d, label);
		series_point(daily, label, counts[d - from]);
	}
	free(counts);
	return 0;
fail:
	free(svc.a);
	report_free(out);
	return -1;
}

/* The inspection indicators of one period. */
struct inspection {
	struct acc all;
	double open_at_end, overdue_at_end;
};

static int
inspection_of(struct miz_db *db, miz_day from, miz_day to, struct inspection *x, char **cause)
{
	struct accs svc = { 0 };
	int rc = period_accs(db, from, to, &svc, &x->all, cause);
	free(svc.a);
	if (rc != 0)
		return -1;
	/* Open at the end = opened by then less closed by then (every closed
	 * case was opened before it closed), from the day figures. */
	if (numbers(db,
	        "SELECT coalesce(sum(opened) - sum(closed), 0) FROM day_figure WHERE day <= ?1", to,
	        to, to, &x->open_at_end, 1, cause) != 0)
		return -1;
	return overdue_at_end(db, to, &x->overdue_at_end, cause);
}

/* The change from one period to the next: "+2.5" (or "+3" for counts). */
static char *
fmt_change(double now, double before, bool have, bool whole)
{
	if (!have)
		return xstrdup("-");
	if (whole)
		return xasprintf("%+lld", (long long)(now - before));
	return xasprintf("%+.1f", now - before);
}

int
report_inspection(struct miz_db *db, miz_day from, miz_day to, struct report *out, char **cause)
{
	struct inspection now, before;
	memset(out, 0, sizeof *out);
	if (to < from)
		return miz_fail(cause, _("the period ends before it starts"));
	miz_day len = to - from + 1;
	out->title = period_title(_("Inspection sheet"), from, to);
	if (inspection_of(db, from, to, &now, cause) != 0 ||
	    inspection_of(db, from - len, from - 1, &before, cause) != 0) {
		report_free(out);
		return -1;
	}
	char *prev = period_title(_("Compared with the period before:"), from - len, from - 1);
	struct report_table *t = table_add(
	    out, prev, "tnnn", _("Indicator"), _("This period"), _("Previous period"), _("Change"));
	free(prev);
	const struct acc *a = &now.all, *b = &before.all;
	struct {
		const char *label;
		double num_a, den_a, num_b, den_b;
		int kind; /* 0 count, 1 percent, 2 average */
	} rows[] = {
		{ _("Cases opened"), a->v[P_OPENED], 1, b->v[P_OPENED], 1, 0 },
		{ _("Cases delivered"), a->v[P_DELIVERED], 1, b->v[P_DELIVERED], 1, 0 },
		{ _("Delivered on time (%)"), a->v[P_ONTIME], a->v[P_DELIVERED], b->v[P_ONTIME],
		    b->v[P_DELIVERED], 1 },
		{ _("Average working days, complete file to delivery"), a->v[P_DAYS_SUM],
		    a->v[P_DAYS_N], b->v[P_DAYS_SUM], b->v[P_DAYS_N], 2 },
		{ _("Cases with a deficiency notice (%)"), a->v[P_NOTICED], a->v[P_OPENED],
		    b->v[P_NOTICED], b->v[P_OPENED], 1 },
		{ _("Cases needing more than one notice (%)"), a->v[P_REPEAT], a->v[P_OPENED],
		    b->v[P_REPEAT], b->v[P_OPENED], 1 },
		{ _("Visits per delivered case"), a->v[P_VISITS_SUM], a->v[P_DELIVERED],
		    b->v[P_VISITS_SUM], b->v[P_DELIVERED], 2 },
		{ _("Satisfaction average (1-5)"), a->v[P_SAT_SUM], a->v[P_SAT_N], b->v[P_SAT_SUM],
		    b->v[P_SAT_N], 2 },
		{ _("Satisfaction ratings"), a->v[P_SAT_N], 1, b->v[P_SAT_N], 1, 0 },
		{ _("Backlog: open at the end"), now.open_at_end, 1, before.open_at_end, 1, 0 },
		{ _("Backlog: overdue at the end"), now.overdue_at_end, 1, before.overdue_at_end, 1,
		    0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *x, *y, *z;
		double va = rows[i].den_a > 0 ? rows[i].num_a / rows[i].den_a : 0;
		double vb = rows[i].den_b > 0 ? rows[i].num_b / rows[i].den_b : 0;
		bool have = rows[i].den_a > 0 && rows[i].den_b > 0;
		if (rows[i].kind == 0) {
			x = fmt_int((long long)rows[i].num_a);
			y = fmt_int((long long)rows[i].num_b);
			z = fmt_change(rows[i].num_a, rows[i].num_b, true, true);
		} else if (rows[i].kind == 1) {
			x = fmt_pct(rows[i].num_a, rows[i].den_a);
			y = fmt_pct(rows[i].num_b, rows[i].den_b);
			z = fmt_change(100 * va, 100 * vb, have, false);
		} else {
			x = fmt_avg(rows[i].num_a, rows[i].den_a);
			y = fmt_avg(rows[i].num_b, rows[i].den_b);
			z = fmt_change(va, vb, have, false);
		}
		const char *cells[] = { rows[i].label, x, y, z };
		row_add(t, cells);
		free(x);
		free(y);
		free(z);
	}
	return 0;
}

/* A growing string for report_text. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* Adds a cell padded to `cells` cells, on the left when `right`; in display
 * order when look is not NULL. */
static void
sb_cell(struct sbuf *b, const char *s, int cells, bool right, const struct text_look *look)
{
	if (look != NULL) {
		struct text_look lk = *look;
		lk.align_right = right;
		char *shown = text_visual(s, cells, &lk, NULL);
		sb_add(b, shown);
		free(shown);
		return;
	}
	int w = text_width(s);
	if (right)
		for (int i = w; i < cells; i++)
			sb_add(b, " ");
	sb_add(b, s);
	if (!right)
		for (int i = w; i < cells; i++)
			sb_add(b, " ");
}

/* Width of a cell as it will be shown. */
static int
cell_width(const char *s, const struct text_look *look)
{
	return look != NULL && look->visual ? text_shaped_width(s) : text_width(s);
}

/* A line of the report that is not in a table (a title), in display order. */
static void
sb_line(struct sbuf *b, const char *s, int width, const struct text_look *look)
{
	if (look != NULL) {
		struct text_look lk = *look;
		lk.dir = lk.align_right ? TEXT_RTL : TEXT_AUTO;
		sb_cell(b, s, width, lk.align_right, &lk);
	} else {
		sb_add(b, s);
	}
	sb_add(b, "\n");
}

/*
 * The report as aligned lines.  With a look, every cell is its own
 * paragraph in display order, and a right-to-left look (align_right) lays
 * the columns out from the right; widths are then those after shaping.
 */
static char *
report_lines(const struct report *r, const struct text_look *look)
{
	struct sbuf b = { 0 };
	bool rtl = look != NULL && look->align_right;
	size_t maxw = 0;
	/* Each table's column widths, and the widest line (titles align to it). */
	int **widths = xcalloc(r->ntables + 1, sizeof *widths);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		int *w = widths[i] = xcalloc(t->ncols + 1, sizeof *w);
		size_t line = 0;
		for (size_t c = 0; c < t->ncols; c++) {
			w[c] = cell_width(t->head[c], look);
			for (size_t k = 0; k < t->nrows; k++) {
				int cw = cell_width(t->cells[k * t->ncols + c], look);
				if (cw > w[c])
					w[c] = cw;
			}
			line += (size_t)w[c] + (c > 0 ? 2 : 0);
		}
		if (line > maxw)
			maxw = line;
		/* A title wider than its table widens the lines, never gets cut. */
		if ((size_t)cell_width(t->title, look) > maxw)
			maxw = (size_t)cell_width(t->title, look);
	}
	if ((size_t)cell_width(r->title, look) > maxw)
		maxw = (size_t)cell_width(r->title, look);
	int tw = rtl ? (int)maxw : -1;
	sb_line(&b, r->title, tw, look);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		int *w = widths[i];
		size_t line = 0;
		for (size_t c = 0; c < t->ncols; c++)
			line += (size_t)w[c] + (c > 0 ? 2 : 0);
		/* Right to left, the table's lines end at the widest line's edge. */
		int indent = rtl ? (int)(maxw - line) : 0;
		sb_add(&b, "\n");
		sb_line(&b, t->title, tw, look);
		for (int row = -1; row < (int)t->nrows; row++) {
			for (int i2 = 0; i2 < indent; i2++)
				sb_add(&b, " ");
			for (size_t k = 0; k < t->ncols; k++) {
				size_t c = rtl ? t->ncols - 1 - k : k;
				const char *text = row < 0 ? t->head[c] : t->cells[(size_t)row * t->ncols + c];
				if (k > 0)
					sb_add(&b, "  ");
				/* The last column is not padded (no trailing blanks), unless
				 * it is numeric or others follow it on the line. */
				bool last = rtl ? c == 0 : c + 1 == t->ncols;
				int cells = !last || t->numeric[c] || rtl ? w[c] : 0;
				if (look != NULL && cells == 0)
					cells = -1;
				sb_cell(&b, text, cells, t->numeric[c] != rtl, look);
			}
			sb_add(&b, "\n");
			if (row < 0) {
				for (int i2 = 0; i2 < indent; i2++)
					sb_add(&b, " ");
				for (size_t c = 0; c < t->ncols; c++) {
					if (c > 0)
						sb_add(&b, "  ");
					for (int k = 0; k < w[rtl ? t->ncols - 1 - c : c]; k++)
						sb_add(&b, "-");
				}
				sb_add(&b, "\n");
				if (t->nrows == 0 && look == NULL) {
					sb_add(&b, _("(none)\n"));
				} else if (t->nrows == 0) {
					char *none = xstrdup(_("(none)\n"));
					none[strcspn(none, "\n")] = '\0';
					sb_line(&b, none, tw, look);
					free(none);
				}
			}
		}
		free(w);
	}
	free(widths);
	return b.s;
}

char *
report_text(const struct report *r)
{
	return report_lines(r, NULL);
}

char *
report_text_visual(const struct report *r, const struct text_look *look)
{
	return report_lines(r, look);
}

int
report_write_csv(const struct report *r, FILE *fp, bool bom, char **cause)
{
	struct csv_writer w;
	csvw_init(&w, fp);
	if (bom)
		csvw_bom(&w);
	csvw_field(&w, r->title);
	csvw_end_row(&w);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		csvw_end_row(&w);
		csvw_field(&w, t->title);
		csvw_end_row(&w);
		for (size_t c = 0; c < t->ncols; c++)
			csvw_field(&w, t->head[c]);
		csvw_end_row(&w);
		for (size_t k = 0; k < t->nrows; k++) {
			for (size_t c = 0; c < t->ncols; c++)
				csvw_field(&w, t->cells[k * t->ncols + c]);
			csvw_end_row(&w);
		}
	}
	return csvw_finish(&w, cause);
}

/* The table of reports (report.h). */
static int
build_eod(struct miz_db *db, const struct report_args *a, struct report *out, char **cause)
{
	return report_eod(db, a->from, a->today, a->list_limit, out, cause);
}

static int
build_period(struct miz_db *db, const struct report_args *a, struct report *out, char **cause)
{
	return report_period(db, a->from, a->to, a->today, out, cause);
}

static int
build_inspection(struct miz_db *db, const struct report_args *a, struct report *out, char **cause)
{
	return report_inspection(db, a->from, a->to, out, cause);
}

/* An office's figures in a province's sheet. */
struct office_row {
	long long office;
	char *name;
	double opened, noticed, repeated, delivered, on_time, days_sum, days_n, visits_sum, sat_n,
	    sat_sum, open_at_end;
};

/* On time first (offices with nothing delivered last), then by number. */
static int
office_rank(const void *pa, const void *pb)
{
	const struct office_row *a = pa, *b = pb;
	double ra = a->delivered > 0 ? a->on_time / a->delivered : -1;
	double rb = b->delivered > 0 ? b->on_time / b->delivered : -1;
	if (ra != rb)
		return ra > rb ? -1 : 1;
	return (a->office > b->office) - (a->office < b->office);
}

static void
office_cells(const struct office_row *o, const char *rank, const char *name, struct report_table *t)
{
	char *c[11];
	c[0] = fmt_int((long long)o->opened);
	c[1] = fmt_int((long long)o->delivered);
	c[2] = fmt_pct(o->on_time, o->delivered);
	c[3] = fmt_avg(o->days_sum, o->days_n);
	c[4] = fmt_pct(o->noticed, o->opened);
	c[5] = fmt_pct(o->repeated, o->opened);
	c[6] = fmt_avg(o->visits_sum, o->delivered);
	c[7] = fmt_avg(o->sat_sum, o->sat_n);
	c[8] = fmt_int((long long)o->open_at_end);
	const char *cells[] = { rank, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8] };
	row_add(t, cells);
	for (int i = 0; i < 9; i++)
		free(c[i]);
}

/*
 * The province's sheet (miz report province, on the province's database):
 * each office's indicators over the period from the figures it pushed
 * (province.h), ranked by delivered on time, with the province's total.
 */
static int
report_province(struct miz_db *db, miz_day from, miz_day to, struct report *out, char **cause)
{
	memset(out, 0, sizeof *out);
	if (to < from)
		return miz_fail(cause, _("the period ends before it starts"));
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT f.office, (SELECT n.office_name FROM province_figure n"
	        "  WHERE n.office = f.office AND n.day <= ?2 ORDER BY n.day DESC LIMIT 1),"
	        " f.opened, f.noticed, f.repeated, f.delivered, f.on_time,"
	        " f.days_sum, f.days_n, f.visits_sum, f.sat_n, f.sat_sum, coalesce(b.n, 0) FROM"
	        " (SELECT office,"
	        "  sum(CASE WHEN indicator = 'opened' THEN value ELSE 0 END) AS opened,"
	        "  sum(CASE WHEN indicator = 'noticed' THEN value ELSE 0 END) AS noticed,"
	        "  sum(CASE WHEN indicator = 'repeated' THEN value ELSE 0 END) AS repeated,"
	        "  sum(CASE WHEN indicator = 'delivered' THEN value ELSE 0 END) AS delivered,"
	        "  sum(CASE WHEN indicator = 'on_time' THEN value ELSE 0 END) AS on_time,"
	        "  sum(CASE WHEN indicator = 'days_sum' THEN value ELSE 0 END) AS days_sum,"
	        "  sum(CASE WHEN indicator = 'days_n' THEN value ELSE 0 END) AS days_n,"
	        "  sum(CASE WHEN indicator = 'visits_sum' THEN value ELSE 0 END) AS visits_sum,"
	        "  sum(CASE WHEN indicator = 'sat_n' THEN value ELSE 0 END) AS sat_n,"
	        "  sum(CASE WHEN indicator = 'sat_sum' THEN value ELSE 0 END) AS sat_sum"
	        "  FROM province_figure WHERE day BETWEEN ?1 AND ?2 GROUP BY office) AS f"
	        /* The backlog: each service's open cases on its last day by the
	         * end, read in index order (province_figure_last): no sort. */
	        " LEFT JOIN (SELECT office, sum(value) AS n FROM"
	        "  (SELECT office, value, lead(day) OVER (PARTITION BY office, service"
	        "   ORDER BY day) AS next FROM province_figure"
	        "   WHERE indicator = 'open_at_end' AND day <= ?2) AS l"
	        "  WHERE next IS NULL GROUP BY office) AS b"
	        " ON b.office = f.office ORDER BY f.office",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, from);
	store_bind_day(st, 2, to);
	struct office_row *rows = NULL, total = { 0 };
	size_t n = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		rows = xreallocarray(rows, n + 1, sizeof *rows);
		struct office_row *o = &rows[n++];
		o->office = store_int(st, 0);
		o->name = store_strdup(st, 1);
		double *v[] = { &o->opened, &o->noticed, &o->repeated, &o->delivered, &o->on_time,
			&o->days_sum, &o->days_n, &o->visits_sum, &o->sat_n, &o->sat_sum,
			&o->open_at_end };
		double *tv[] = { &total.opened, &total.noticed, &total.repeated, &total.delivered,
			&total.on_time, &total.days_sum, &total.days_n, &total.visits_sum,
			&total.sat_n, &total.sat_sum, &total.open_at_end };
		for (int i = 0; i < 11; i++) {
			*v[i] = store_double(st, 2 + i);
			*tv[i] += *v[i];
		}
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		for (size_t i = 0; i < n; i++)
			free(rows[i].name);
		free(rows);
		return db_fail(db, cause);
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, office_rank);
	out->title = period_title(_("Province: offices side by side"), from, to);
	struct report_table *t = table_add(out,
	    n > 0 ? _("Ranked by delivered on time")
	          : _("No office has sent figures for these days"),
	    "ntnnnnnnnnn", _("Rank"), _("Office"), _("Opened"), _("Delivered"), _("On time (%)"),
	    _("Average days"), _("Notice (%)"), _("Repeat notice (%)"), _("Visits per case"),
	    _("Satisfaction"), _("Open at the end"));
	for (size_t i = 0; i < n; i++) {
		char *rank = fmt_int((long long)i + 1);
		char *name = xasprintf("%lld %s", rows[i].office, rows[i].name);
		office_cells(&rows[i], rank, name, t);
		free(rank);
		free(name);
		free(rows[i].name);
	}
	if (n > 0)
		office_cells(&total, "", _("Province"), t);
	free(rows);
	return 0;
}

static int
build_province(struct miz_db *db, const struct report_args *a, struct report *out, char **cause)
{
	return report_province(db, a->from, a->to, out, cause);
}

static const struct report_kind kinds[] = {
	{ "eod", N_("End of day"), false, build_eod },
	{ "period", N_("Period"), true, build_period },
	{ "inspection", N_("Inspection"), true, build_inspection },
	{ "province", N_("Province"), true, build_province },
};

size_t
report_kind_count(void)
{
	return sizeof kinds / sizeof kinds[0];
}

const struct report_kind *
report_kind_at(size_t i)
{
	return i < report_kind_count() ? &kinds[i] : NULL;
}

const struct report_kind *
report_kind_find(const char *name)
{
	for (size_t i = 0; i < report_kind_count(); i++) {
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	}
	return NULL;
}
