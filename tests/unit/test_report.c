/*
 * Reports against a small register built by hand.  Every expected figure
 * below is worked out from the cases listed in setup(), with Friday the
 * only weekly off-day and no holidays.
 */
#include "config.h"

#include "testutil.h"

#include "../../src/core/figures.h"
#include "../../src/core/overdue.h"

#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/clerk.h"
#include "miz/client.h"
#include "miz/holiday.h"
#include "miz/legacy.h"
#include "miz/report.h"

struct reg {
	struct testdb t;
	int64_t client;
	int64_t permit[2];
	int64_t nodebt[1];
};

static miz_day
day(int m, int d)
{
	return cal_from_gregorian(2026, m, d);
}

/* Opens a case; all = every document, else none. */
static int64_t
open_case(struct reg *r, const char *service, bool all, miz_day on)
{
	char code[16];
	char *cause = NULL;
	int64_t id;
	bool permit = strcmp(service, "PERMIT") == 0;
	const int64_t *docs = permit ? r->permit : r->nodebt;
	size_t n = all ? (permit ? 2 : 1) : 0;
	if (case_open(r->t.db, r->client, service, docs, n, on, code, NULL, &cause) != 0)
		fail_msg("open: %s", cause);
	if (case_find_code(r->t.db, code, &id, &cause) != 0)
		fail_msg("find: %s", cause);
	return id;
}

static void
status(struct reg *r, int64_t id, enum miz_status to, int rating, miz_day on)
{
	char *cause = NULL;
	if (case_set_status(r->t.db, id, to, to == ST_WITHDRAWN ? "انصراف" : NULL, rating, NULL, on,
	        NULL, &cause) != 0)
		fail_msg("status: %s", cause);
}

static int
setup(void **state)
{
	struct reg *r = xcalloc(1, sizeof *r);
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&r->t);
	char *s = test_write_file(r->t.dir, "s.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "PERMIT,صدور پروانه,Permit,معاونت فنی,رضا نوری,051-1,3,0,\n"
	    "NODEBT,مفاصاحساب,No debt,امور مالی,سارا کاظمی,051-2,2,0,\n");
	char *d = test_write_file(r->t.dir, "d.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,نقشه,Drawings,yes,original\n"
	    "PERMIT,فیش,Slip,yes,original\n"
	    "NODEBT,درخواست,Request,yes,original\n");
	if (catalog_import_services(r->t.db, s, &errs, &count, &cause) != 0 ||
	    catalog_import_documents(r->t.db, d, &errs, &count, &cause) != 0)
		fail_msg("catalog: %s", cause);
	free(s);
	free(d);
	struct miz_client c;
	if (client_add(r->t.db, "0499370899", "علی کریمی", NULL, NULL, &c, &cause) != 0)
		fail_msg("client: %s", cause);
	r->client = c.id;
	client_free(&c);
	struct miz_service sv;
	assert_int_equal(catalog_get_service(r->t.db, "PERMIT", &sv, &cause), 1);
	r->permit[0] = sv.docs[0].id;
	r->permit[1] = sv.docs[1].id;
	catalog_service_free(&sv);
	assert_int_equal(catalog_get_service(r->t.db, "NODEBT", &sv, &cause), 1);
	r->nodebt[0] = sv.docs[0].id;
	catalog_service_free(&sv);

	/* D is Monday 2026-11-23. */
	miz_day D = day(11, 23);
	/* c1: PERMIT complete Mon 11-16, promised Thu 11-19, delivered late on D, rated 5. */
	int64_t c1 = open_case(r, "PERMIT", true, day(11, 16));
	status(r, c1, ST_READY, 0, day(11, 20));
	status(r, c1, ST_DELIVERED, 5, D);
	/* c2: NODEBT complete Sat 11-21, promised Mon 11-23, delivered on time on D, rated 3. */
	int64_t c2 = open_case(r, "NODEBT", true, day(11, 21));
	status(r, c2, ST_READY, 0, day(11, 22));
	status(r, c2, ST_DELIVERED, 3, D);
	/* c3: PERMIT opened on D without documents: a notice on D. */
	open_case(r, "PERMIT", false, D);
	/* c4: PERMIT complete at intake on D. */
	open_case(r, "PERMIT", true, D);
	/* c5: PERMIT opened Wed 11-18 without documents; both brought on D. */
	int64_t c5 = open_case(r, "PERMIT", false, day(11, 18));
	if (case_add_documents(r->t.db, c5, r->permit, 2, D, NULL, &cause) != 0)
		fail_msg("docs: %s", cause);
	/* c6: PERMIT complete Tue 11-10, promised Fri... no: Wed 11, Thu 12, Sat 14 -- see test. */
	open_case(r, "PERMIT", true, day(11, 10));
	/* c7: NODEBT complete on D, referred on D, due Wed 11-25. */
	int64_t c7 = open_case(r, "NODEBT", true, D);
	if (case_refer(r->t.db, c7, "معاونت فنی", NULL, day(11, 25), NULL, D, NULL, &cause) != 0)
		fail_msg("refer: %s", cause);
	/* c8: NODEBT opened Tue 11-17 without the request; withdrawn on D. */
	int64_t c8 = open_case(r, "NODEBT", false, day(11, 17));
	status(r, c8, ST_WITHDRAWN, 0, D);
	*state = r;
	return 0;
}

static int
teardown(void **state)
{
	struct reg *r = *state;
	testdb_close(&r->t);
	free(r);
	return 0;
}

/* The table with this title. */
static const struct report_table *
table(const struct report *rep, const char *title)
{
	for (size_t i = 0; i < rep->ntables; i++) {
		if (strcmp(rep->tables[i].title, title) == 0)
			return &rep->tables[i];
	}
	fail_msg("no table '%s'", title);
	return NULL;
}

/* The cell in column `col` of the row whose first cell is `label`. */
static const char *
cell(const struct report_table *t, const char *label, size_t col)
{
	for (size_t k = 0; k < t->nrows; k++) {
		if (strcmp(t->cells[k * t->ncols], label) == 0)
			return t->cells[k * t->ncols + col];
	}
	fail_msg("table '%s' has no row '%s'", t->title, label);
	return NULL;
}

static void
test_eod(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	if (report_eod(r->t.db, day(11, 23), day(11, 23), 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	const struct report_table *s = table(&rep, "Summary");
	assert_string_equal(cell(s, "Intakes", 1), "3"); /* c3 c4 c7 */
	assert_string_equal(cell(s, "Complete at intake", 1), "2"); /* c4 c7 */
	assert_string_equal(cell(s, "Deficiency notices issued", 1), "1"); /* c3 */
	assert_string_equal(cell(s, "Cases with documents brought back", 1), "1"); /* c5 */
	assert_string_equal(cell(s, "Files completed after a notice", 1), "1"); /* c5 */
	assert_string_equal(cell(s, "Referrals", 1), "1"); /* c7 */
	assert_string_equal(cell(s, "Delivered", 1), "2"); /* c1 c2 */
	assert_string_equal(cell(s, "Delivered on time", 1), "50.0%"); /* c2 only */
	assert_string_equal(cell(s, "Withdrawn", 1), "1"); /* c8 */
	assert_string_equal(cell(s, "Rejected", 1), "0");
	assert_string_equal(cell(s, "Open cases overdue", 1), "1"); /* c6 */
	assert_string_equal(cell(s, "Satisfaction ratings", 1), "2");
	assert_string_equal(cell(s, "Satisfaction average (1-5)", 1), "4.00");
	const struct report_table *sat = table(&rep, "Satisfaction");
	assert_string_equal(cell(sat, "5", 1), "1");
	assert_string_equal(cell(sat, "5", 2), "50.0%");
	assert_string_equal(cell(sat, "3", 1), "1");
	assert_string_equal(cell(sat, "4", 1), "0");
	/* c6: complete Tue 11-10, 3 working days: Wed 11, Thu 12, Sat 14 (Fri off).
	 * Late on D: Sun 15 .. Mon 23 less Fri 20 = 8 working days. */
	const struct report_table *od = table(&rep, "Open cases overdue");
	assert_int_equal(od->nrows, 1);
	assert_string_equal(od->cells[3], "2026-11-14");
	assert_string_equal(od->cells[4], "8");
	const struct report_table *sv = table(&rep, "By service");
	assert_string_equal(sv->cells[0], "NODEBT"); /* sorted by code */
	assert_string_equal(cell(sv, "PERMIT", 2), "2"); /* intakes c3 c4 */
	assert_string_equal(cell(sv, "PERMIT", 3), "1"); /* notice c3 */
	assert_string_equal(cell(sv, "PERMIT", 5), "1"); /* delivered c1 */
	assert_string_equal(cell(sv, "PERMIT", 6), "0.0%");
	assert_string_equal(cell(sv, "PERMIT", 7), "5.00");
	assert_string_equal(cell(sv, "NODEBT", 2), "1"); /* c7 */
	assert_string_equal(cell(sv, "NODEBT", 4), "1"); /* referral c7 */
	assert_string_equal(cell(sv, "NODEBT", 6), "100.0%"); /* c2 */
	assert_string_equal(cell(sv, "NODEBT", 7), "3.00");
	const struct report_table *ck = table(&rep, "By clerk");
	assert_string_equal(cell(ck, "tester", 1), "3");
	assert_string_equal(cell(ck, "tester", 2), "1");
	assert_string_equal(cell(ck, "tester", 3), "1");
	assert_string_equal(cell(ck, "tester", 4), "2");
	/* The text form aligns Persian names by cells. */
	char *text = report_text(&rep);
	assert_non_null(strstr(text, "End of day 1405/09/02 (2026-11-23)"));
	assert_non_null(strstr(text, "PERMIT  صدور پروانه        2"));
	free(text);
	report_free(&rep);
}

/* A notice, the documents back and the file complete, all on one day:
 * Tuesday 2026-12-01, when nothing else happens in the register. */
static void
test_same_day_return(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	int64_t id = open_case(r, "PERMIT", false, day(12, 1));
	if (case_add_documents(r->t.db, id, r->permit, 2, day(12, 1), NULL, &cause) != 0)
		fail_msg("%s", cause);
	if (report_eod(r->t.db, day(12, 1), day(12, 1), 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	const struct report_table *s = table(&rep, "Summary");
	assert_string_equal(cell(s, "Intakes", 1), "1");
	assert_string_equal(cell(s, "Complete at intake", 1), "0");
	assert_string_equal(cell(s, "Deficiency notices issued", 1), "1");
	assert_string_equal(cell(s, "Cases with documents brought back", 1), "1");
	assert_string_equal(cell(s, "Files completed after a notice", 1), "1");
	report_free(&rep);
}

static void
test_period(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	if (report_period(r->t.db, day(11, 16), day(11, 23), day(11, 23), &rep, &cause) != 0)
		fail_msg("%s", cause);
	const struct report_table *t = table(&rep, "By service");
	/* PERMIT opened in the period: c1 c3 c4 c5; notices c3 c5; delivered c1,
	 * complete Mon 11-16 to Mon 11-23 = 6 working days, late, 2 visits, rated 5. */
	assert_string_equal(cell(t, "PERMIT", 2), "4");
	assert_string_equal(cell(t, "PERMIT", 3), "6.00");
	assert_string_equal(cell(t, "PERMIT", 4), "0.0%");
	assert_string_equal(cell(t, "PERMIT", 5), "50.0%");
	assert_string_equal(cell(t, "PERMIT", 6), "0");
	assert_string_equal(cell(t, "PERMIT", 7), "2.00");
	assert_string_equal(cell(t, "PERMIT", 8), "5.00");
	/* NODEBT: c2 c7 c8; notice c8; delivered c2 (Sat 21 to Mon 23 = 2 days), on time. */
	assert_string_equal(cell(t, "NODEBT", 2), "3");
	assert_string_equal(cell(t, "NODEBT", 3), "2.00");
	assert_string_equal(cell(t, "NODEBT", 4), "100.0%");
	assert_string_equal(cell(t, "NODEBT", 5), "33.3%");
	/* All: 7 cases, 3 with notices = 42.9%, days (6 + 2) / 2 = 4. */
	assert_string_equal(cell(t, "All", 2), "7");
	assert_string_equal(cell(t, "All", 3), "4.00");
	assert_string_equal(cell(t, "All", 4), "50.0%");
	assert_string_equal(cell(t, "All", 5), "42.9%");
	assert_string_equal(cell(t, "All", 8), "4.00");
	assert_string_equal(cell(t, "All", 9), "2");
	const struct report_table *ref = table(&rep, "Referrals by department");
	assert_string_equal(cell(ref, "معاونت فنی", 1), "1");
	assert_string_equal(cell(ref, "معاونت فنی", 2), "0");
	/* Daily intakes: Mon 16 c1, Tue 17 c8, Wed 18 c5, Sat 21 c2, Mon 23 c3 c4 c7. */
	const struct report_series *daily = NULL;
	for (size_t i = 0; i < rep.nseries; i++)
		if (strcmp(rep.series[i].title, "Intakes per day") == 0)
			daily = &rep.series[i];
	assert_non_null(daily);
	assert_int_equal(daily->n, 8);
	double want[] = { 1, 1, 1, 0, 0, 1, 0, 3 };
	for (int i = 0; i < 8; i++)
		assert_true(daily->values[i] == want[i]);
	report_free(&rep);
	assert_int_equal(
	    report_period(r->t.db, day(11, 23), day(11, 16), day(11, 23), &rep, &cause), -1);
	assert_cause(cause, "ends before it starts");
}

static void
test_inspection(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	if (report_inspection(r->t.db, day(11, 16), day(11, 23), &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(rep.ntables, 1);
	const struct report_table *t = &rep.tables[0];
	assert_string_equal(cell(t, "Cases opened", 1), "7");
	assert_string_equal(cell(t, "Cases opened", 2), "1"); /* c6, 11-08..11-15 */
	assert_string_equal(cell(t, "Cases opened", 3), "+6");
	assert_string_equal(cell(t, "Cases delivered", 1), "2");
	assert_string_equal(cell(t, "Delivered on time (%)", 1), "50.0%");
	assert_string_equal(cell(t, "Delivered on time (%)", 2), "-");
	assert_string_equal(cell(t, "Average working days, complete file to delivery", 1), "4.00");
	assert_string_equal(cell(t, "Cases with a deficiency notice (%)", 1), "42.9%");
	assert_string_equal(cell(t, "Cases needing more than one notice (%)", 1), "0.0%");
	assert_string_equal(cell(t, "Visits per delivered case", 1), "2.00");
	assert_string_equal(cell(t, "Satisfaction average (1-5)", 1), "4.00");
	/* Open at the end of 11-23: c3 c4 c5 c6 c7; of those overdue: c6. */
	assert_string_equal(cell(t, "Backlog: open at the end", 1), "5");
	assert_string_equal(cell(t, "Backlog: overdue at the end", 1), "1");
	/* At the end of 11-15 only c6 was open, and overdue since Sat 11-14. */
	assert_string_equal(cell(t, "Backlog: open at the end", 2), "1");
	assert_string_equal(cell(t, "Backlog: overdue at the end", 2), "1");
	report_free(&rep);
}

/*
 * A past day is reported as it stood at its end, whatever happened since.
 * Three cases, all PERMIT complete Mon 11-02 and promised Thu 11-05 (Tue 3,
 * Wed 4, Thu 5), and one imported case; the day asked is Sun 11-08:
 *   c9  ready Sat 11-07, delivered on D: ready then, not overdue;
 *   c10 ready Tue 11-10, still ready: in progress then, overdue;
 *   c12 ready Sat 11-07, back in progress Thu 11-12: ready then, not overdue;
 *   c11 imported, received 11-01, promised 11-04, delivered 11-20: in
 *       progress then as far as the old register tells, overdue;
 *   c13 complete 11-01, promised 11-04, ready now, its history written
 *       before schema 6 (no business day, back-dated: clock day 11-23):
 *       taken as it is now, ready, not overdue (its clock days would say
 *       in progress until the 23rd).
 * Overdue at the end of 11-08: c11 (promised 11-04) and c10 (11-05).  Reading
 * today's statuses instead would give c12, c9 and c11.
 */
static void
test_past_day(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	miz_day D = day(11, 23);
	int64_t c9 = open_case(r, "PERMIT", true, day(11, 2));
	status(r, c9, ST_READY, 0, day(11, 7));
	status(r, c9, ST_DELIVERED, 4, D);
	int64_t c10 = open_case(r, "PERMIT", true, day(11, 2));
	status(r, c10, ST_READY, 0, day(11, 10));
	int64_t c12 = open_case(r, "PERMIT", true, day(11, 2));
	status(r, c12, ST_READY, 0, day(11, 7));
	status(r, c12, ST_IN_PROGRESS, 0, day(11, 12));
	char *sql = xasprintf("INSERT INTO cases(code, client_id, service_id, status, opened_on,"
	                      " complete_on, promised_on, original_promised_on, closed_on,"
	                      " imported) SELECT 'OLD-77', %lld, id, 'delivered', '2026-11-01',"
	                      " '2026-11-01', '2026-11-04', '2026-11-04', '2026-11-20', 1"
	                      " FROM service WHERE code = 'PERMIT'",
	    (long long)r->client);
	assert_int_equal(db_exec(r->t.db, sql, NULL), 0);
	free(sql);
	sql = xasprintf("INSERT INTO cases(code, client_id, service_id, status, opened_on,"
	                " complete_on, promised_on, original_promised_on) SELECT 'C13', %lld, id,"
	                " 'ready', '2026-11-01', '2026-11-01', '2026-11-04', '2026-11-04'"
	                " FROM service WHERE code = 'PERMIT';"
	                "INSERT INTO history(id, case_id, at, action, from_status, to_status)"
	                " SELECT (SELECT max(id) + 1 FROM history), id, '2026-11-23 10:00:00',"
	                " 'open', NULL, 'in_progress' FROM cases WHERE code = 'C13';"
	                "INSERT INTO history(id, case_id, at, action, from_status, to_status)"
	                " SELECT (SELECT max(id) + 1 FROM history), id, '2026-11-23 10:05:00',"
	                " 'status', 'in_progress', 'ready' FROM cases WHERE code = 'C13';",
	    (long long)r->client);
	assert_int_equal(db_exec(r->t.db, sql, NULL), 0);
	free(sql);
	/* Written without the actions, as an import or an older schema leaves
	 * them: their overdue days come from what they say (the migration's
	 * and the import's own statement). */
	if (overdue_from_cases(r->t.db, "c.code IN ('OLD-77', 'C13')", &cause) != 0)
		fail_msg("overdue: %s", cause);
	if (figures_from_cases(r->t.db, "c.code IN ('OLD-77', 'C13')", &cause) != 0)
		fail_msg("figures: %s", cause);

	if (report_eod(r->t.db, day(11, 8), D, 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Open cases overdue", 1), "2");
	const struct report_table *od = table(&rep, "Open cases overdue");
	assert_int_equal(od->nrows, 2);
	assert_string_equal(od->cells[0], "OLD-77");
	assert_string_equal(od->cells[3], "2026-11-04");
	/* Sun 11-08 counted from Wed 11-04: Thu 5, Sat 7, Sun 8 = 3 working days. */
	assert_string_equal(od->cells[4], "3");
	assert_string_equal(od->cells[5 + 3], "2026-11-05");
	report_free(&rep);

	/* The inspection's backlog at the end of a period ending that day:
	 * open c9 c10 c12 c11 c13, overdue c10 c11. */
	if (report_inspection(r->t.db, day(11, 2), day(11, 8), &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(&rep.tables[0], "Backlog: open at the end", 1), "5");
	assert_string_equal(cell(&rep.tables[0], "Backlog: overdue at the end", 1), "2");
	report_free(&rep);

	/* At the end of Thu 11-12 c12 is in progress again and c9 still ready:
	 * c11, c10 (ready since the 10th: not overdue), c12, and c6 (opened Tue
	 * 11-10, promised Sat 11-14: not yet) -- so c11 and c12. */
	if (report_eod(r->t.db, day(11, 12), D, 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Open cases overdue", 1), "2");
	od = table(&rep, "Open cases overdue");
	assert_int_equal(od->nrows, 2);
	assert_string_equal(od->cells[0], "OLD-77");
	assert_string_equal(od->cells[5 + 3], "2026-11-05");
	report_free(&rep);

	/* Today, the desk's own count: c6, c12 (c10 is ready, c9 and c11 closed). */
	if (report_eod(r->t.db, D, D, 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Open cases overdue", 1), "2");
	report_free(&rep);
}

/*
 * A case that needed a second notice: c5 (PERMIT, opened Wed 11-18 with
 * nothing, notice then, both documents brought on D) has its drawings found
 * unusable on D, so a second notice.  Period 11-16..11-23: PERMIT cases c1
 * c3 c4 c5, with a notice c3 c5 (50%), more than one c5 (1); all services 7
 * cases, 1 with more than one notice = 14.3%.  End of day D: notices issued
 * c3 and c5's second = 2.
 */
static void
test_repeat_notice(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	miz_day D = day(11, 23);
	int64_t c5;
	if (case_find_code(r->t.db, "001000000052", &c5, &cause) != 0)
		fail_msg("%s", cause);
	assert_scalar(&r->t,
	    "SELECT service_id = (SELECT id FROM service WHERE code = 'PERMIT')"
	    " AND opened_on = '2026-11-18' FROM cases WHERE code = '001000000052'",
	    "1");
	if (case_documents_missing(r->t.db, c5, &r->permit[0], 1, NULL, D, NULL, &cause) != 0)
		fail_msg("%s", cause);

	if (report_period(r->t.db, day(11, 16), D, D, &rep, &cause) != 0)
		fail_msg("%s", cause);
	const struct report_table *t = table(&rep, "By service");
	assert_string_equal(cell(t, "PERMIT", 5), "50.0%");
	assert_string_equal(cell(t, "PERMIT", 6), "1");
	assert_string_equal(cell(t, "All", 6), "1");
	report_free(&rep);
	if (report_inspection(r->t.db, day(11, 16), D, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(
	    cell(&rep.tables[0], "Cases needing more than one notice (%)", 1), "14.3%");
	report_free(&rep);
	if (report_eod(r->t.db, D, D, 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Deficiency notices issued", 1), "2");
	report_free(&rep);
}

/* The table of reports both front ends read: each entry builds the same
 * report as its function, and a name not there is not found. */
static void
test_report_kinds(void **state)
{
	struct reg *r = *state;
	char *cause = NULL;
	static const char *const names[] = { "eod", "period", "inspection" };
	assert_int_equal(report_kind_count(), 4);
	for (size_t i = 0; i < 3; i++) {
		const struct report_kind *k = report_kind_find(names[i]);
		assert_non_null(k);
		assert_ptr_equal(k, report_kind_at(i));
		assert_int_equal(k->range, i != 0);
		struct report_args a = { .from = k->range ? day(11, 1) : day(11, 23),
			.to = k->range ? day(11, 23) : NO_DAY,
			.today = day(11, 23),
			.list_limit = 10 };
		struct report by_entry, by_function;
		assert_int_equal(k->build(r->t.db, &a, &by_entry, &cause), 0);
		int rc = i == 0 ? report_eod(r->t.db, a.from, a.today, 10, &by_function, &cause)
		    : i == 1    ? report_period(r->t.db, a.from, a.to, a.today, &by_function, &cause)
		                : report_inspection(r->t.db, a.from, a.to, &by_function, &cause);
		assert_int_equal(rc, 0);
		char *x = report_text(&by_entry), *y = report_text(&by_function);
		assert_string_equal(x, y);
		assert_true(by_entry.ntables > 0);
		free(x);
		free(y);
		report_free(&by_entry);
		report_free(&by_function);
	}
	/* The province's sheet, on a database no office pushed to: says so. */
	const struct report_kind *p = report_kind_find("province");
	assert_non_null(p);
	assert_ptr_equal(p, report_kind_at(3));
	assert_true(p->range);
	struct report_args pa = { .from = day(11, 1), .to = day(11, 23), .today = day(11, 23) };
	struct report pr;
	assert_int_equal(p->build(r->t.db, &pa, &pr, &cause), 0);
	char *text = report_text(&pr);
	if (strstr(text, "No office has sent figures") == NULL)
		fail_msg("%s", text);
	free(text);
	report_free(&pr);
	assert_null(report_kind_find("weekly"));
	assert_null(report_kind_find(""));
	assert_null(report_kind_at(4));
}

static void
test_csv(void **state)
{
	struct reg *r = *state;
	struct report rep;
	char *cause = NULL;
	assert_int_equal(report_eod(r->t.db, day(11, 23), day(11, 23), 10, &rep, &cause), 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(report_write_csv(&rep, fp, true, &cause), 0);
	fclose(fp);
	assert_memory_equal(buf, "\xef\xbb\xbf\"End of day", 14);
	assert_non_null(strstr(buf, "\"Intakes\",\"3\"\r\n"));
	assert_non_null(strstr(buf, "\"Delivered on time\",\"50.0%\"\r\n"));
	free(buf);
	report_free(&rep);
}

/* A report on a terminal in display order, right to left: columns from the
 * right, numbers whole, titles wider than the table kept whole. */
static void
test_visual_rtl(void **state)
{
	(void)state;
	char h1[] = "خدمت", h2[] = "تعداد", c1[] = "مفاصاحساب", c2[] = "12";
	char ttitle[] = "به تفکیک خدمت", title[] = "گزارش پایان روز 1405/09/07 (2026-11-28)";
	char *head[] = { h1, h2 };
	bool numeric[] = { false, true };
	char *cells[] = { c1, c2 };
	struct report_table table = { ttitle, 2, head, numeric, cells, 1 };
	struct report rep = { title, &table, 1, NULL, 0 };
	struct text_look look = { TEXT_AUTO, TEXT_LTR, true, false, true };
	char *text = report_text_visual(&rep, &look);
	assert_null(strstr(text, "…")); /* no title cut */
	char *nl = strchr(text, '\n');
	assert_non_null(nl);
	/* The title line, in display order, keeps both dates whole. */
	*nl = '\0';
	assert_non_null(strstr(text, "1405/09/07"));
	assert_non_null(strstr(text, "2026-11-28"));
	*nl = '\n';
	/* The row: the count (the last column) on the left, the service on the
	 * right: the line ends with the service's first letter (meem, initial
	 * form, is its rightmost letter in display order). */
	const char *row = strstr(text, "12");
	assert_non_null(row);
	const char *eol = strchr(row, '\n');
	assert_true(eol - row > 2);
	assert_memory_equal(eol - strlen("\ufee3"), "\ufee3", strlen("\ufee3"));
	free(text);
}

/* The summary's figure for a day, as text. */
static char *
eod_figure(struct reg *r, miz_day on, const char *label)
{
	struct report rep;
	char *cause = NULL;
	if (report_eod(r->t.db, on, day(11, 23), 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	char *v = xstrdup(cell(table(&rep, "Summary"), label, 1));
	report_free(&rep);
	return v;
}

/*
 * A past day is reported as it stood, whatever happened after it: a case
 * overdue then whose promise a later closure moved past that day, and a
 * file completed that day and found incomplete later.
 */
static void
test_as_it_stood(void **state)
{
	struct reg *r = *state;
	char *cause = NULL, *v;
	/* A: complete Sun 11-01, 3 working days (Friday off): promised Wed
	 * 11-04, so overdue at the end of Sat 11-07 (no other case then). */
	int64_t a = open_case(r, "PERMIT", true, day(11, 1));
	v = eod_figure(r, day(11, 7), "Open cases overdue");
	assert_string_equal(v, "1");
	free(v);
	/* On 11-20 a supervisor closes the office for 11-02..11-05 after the
	 * fact: A's promise moves to Mon 11-09 (Sat 7, Sun 8, Mon 9). */
	clerk_fix_clock(r->t.db, day(11, 20));
	for (int d = 2; d <= 5; d++) {
		int revised = 0;
		if (holiday_add(r->t.db, day(11, d), "تعطیلی", "closure", &revised, &cause) != 0)
			fail_msg("closure: %s", cause);
	}
	clerk_unfix_clock(r->t.db);
	struct miz_case c;
	assert_int_equal(case_load(r->t.db, a, &c, &cause), 0);
	assert_int_equal(c.promised_on, day(11, 9));
	case_free(&c);
	/* At the end of 11-07 it was overdue, against the promise of then. */
	struct report rep;
	if (report_eod(r->t.db, day(11, 7), day(11, 23), 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Open cases overdue", 1), "1");
	const struct report_table *od = table(&rep, "Open cases overdue");
	assert_int_equal(od->nrows, 1);
	assert_string_equal(od->cells[3], "2026-11-04");
	report_free(&rep);
	/* And so the inspection's backlog for a week ending that day. */
	if (report_inspection(r->t.db, day(11, 1), day(11, 7), &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(&rep.tables[0], "Backlog: overdue at the end", 1), "1");
	report_free(&rep);

	/* B: opened Sun 11-01 with nothing (a notice), both documents brought
	 * Mon 11-02: completed after a notice that day. */
	int64_t b = open_case(r, "PERMIT", false, day(11, 1));
	if (case_add_documents(r->t.db, b, r->permit, 2, day(11, 2), NULL, &cause) != 0)
		fail_msg("docs: %s", cause);
	v = eod_figure(r, day(11, 2), "Files completed after a notice");
	assert_string_equal(v, "1");
	free(v);
	/* Found incomplete on 11-03: 11-02 still had that completion. */
	if (case_documents_missing(r->t.db, b, r->permit, 1, NULL, day(11, 3), NULL, &cause) != 0)
		fail_msg("missing: %s", cause);
	v = eod_figure(r, day(11, 2), "Files completed after a notice");
	assert_string_equal(v, "1");
	free(v);
}

/*
 * Today's overdue count from the day counts (the end of day's and the
 * inspection's backlog) is the desk's: the open cases past their promise
 * as they are, after every kind of change setup() makes.
 */
static void
test_overdue_counts_agree(void **state)
{
	struct reg *r = *state;
	char *cause = NULL;
	struct report rep;
	miz_day D = day(11, 23);
	char *live = testdb_scalar(&r->t,
	    "SELECT count(*) FROM cases WHERE status IN ('in_progress', 'referred')"
	    " AND promised_on < '2026-11-23'");
	assert_true(atoi(live) > 0);
	if (report_eod(r->t.db, D, D, 10, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(table(&rep, "Summary"), "Open cases overdue", 1), live);
	report_free(&rep);
	if (report_inspection(r->t.db, D, D, &rep, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cell(&rep.tables[0], "Backlog: overdue at the end", 1), live);
	report_free(&rep);
	free(live);
}

/*
 * The day figures kept by the actions equal those worked out again from
 * the cases (as an upgrade or an import does): after every kind of change
 * setup() makes, opened, notices, deliveries, withdrawals.
 */
static void
test_figures_rebuilt_equal(void **state)
{
	struct reg *r = *state;
	char *cause = NULL;
	const char *dump =
	    "SELECT group_concat(x, ';') FROM (SELECT day || ':' || service_id || ':'"
	    " || opened || ',' || noticed || ',' || repeated || ',' || delivered || ','"
	    " || on_time || ',' || days_sum || ',' || days_n || ',' || visits_sum || ','"
	    " || sat_n || ',' || sat_sum || ',' || closed AS x FROM day_figure"
	    " ORDER BY day, service_id) AS f";
	char *kept = testdb_scalar(&r->t, dump);
	assert_true(strlen(kept) > 0);
	assert_int_equal(db_exec(r->t.db, "DELETE FROM day_figure", NULL), 0);
	if (figures_from_cases(r->t.db, "true", &cause) != 0)
		fail_msg("%s", cause);
	char *again = testdb_scalar(&r->t, dump);
	assert_string_equal(again, kept);
	free(kept);
	free(again);
}

/* Imports an old register's cases (rows under the legacy header); returns
 * how many were added. */
static long
import_rows(struct reg *r, const char *rows)
{
	char *cause = NULL;
	char *text = xasprintf("tracking_code,national_id,service_code,received_on,promised_on,"
	                       "status,closed_on,satisfaction,note\n%s",
	    rows);
	char *csv = test_write_file(r->t.dir, "register.csv", text);
	struct legacy_opts opts = { 0 };
	struct miz_errlist errs = { 0 };
	struct legacy_result res;
	if (legacy_import_cases(r->t.db, csv, &opts, &errs, &res, &cause) != 0)
		fail_msg("import: %s %s", cause != NULL ? cause : "", errs.n ? errs.msgs[0] : "");
	free(csv);
	free(text);
	return res.added;
}

/* Works the overdue spans out again from the cases, as the upgrade does. */
static void
rebuild_overdue(struct reg *r)
{
	assert_int_equal(
	    db_exec(r->t.db,
	        "DELETE FROM overdue_span; DELETE FROM overdue_day;" OVERDUE_SPANS_FROM_CASES(
	            "true"),
	        NULL),
	    0);
}

/*
 * An imported register's overdue days and day figures, gathered while its
 * cases are written, equal those worked out from the cases afterwards (the
 * upgrade's way): open and late, delivered late and on time, ready,
 * withdrawn, waiting with a promise, no promise.
 */
static void
test_import_derived_equal(void **state)
{
	struct reg *r = *state;
	char *cause = NULL;
	assert_int_equal(import_rows(r,
	                     "A-1,0499370899,PERMIT,1405/07/01,1405/07/05,in_progress,,,\n"
	                     "A-2,0499370899,PERMIT,1405/07/01,1405/07/05,delivered,1405/07/20,4,\n"
	                     "A-3,0499370899,NODEBT,1405/07/02,1405/07/10,delivered,1405/07/09,,\n"
	                     "A-4,0499370899,NODEBT,1405/07/02,1405/07/03,ready,,,\n"
	                     "A-5,0499370899,PERMIT,1405/07/03,1405/07/04,withdrawn,1405/07/30,,\n"
	                     "A-6,0499370899,PERMIT,1405/07/03,1405/07/04,awaiting_documents,,,\n"
	                     "A-7,0499370899,NODEBT,1405/07/04,,referred,,,\n"),
	    7);
	/* Mehr 1 is 2026-09-23.  A-1 (open, from 07/06) and A-2 (07/06 to 07/20) and A-5 (07/05 to
	 * 07/30); A-3 was on time, A-4 is ready, A-6 waits, A-7 has no promise. */
	assert_scalar(&r->t,
	    "SELECT group_concat(x, ' ') FROM (SELECT c.code || ':' || s.start_day || '-'"
	    " || coalesce(s.end_day, '') AS x FROM overdue_span s JOIN cases c"
	    " ON c.id = s.case_id WHERE c.code LIKE 'A-%' ORDER BY c.code) AS o",
	    "A-1:2026-09-28- A-2:2026-09-28-2026-10-12 A-5:2026-09-27-2026-10-22");
	const char *dump_days = "SELECT group_concat(day || ':' || starts || ',' || ends, ' ')"
	                        " FROM (SELECT * FROM overdue_day WHERE starts <> 0 OR ends <> 0"
	                        " ORDER BY day) AS d";
	const char *dump_figures =
	    "SELECT group_concat(x, ';') FROM (SELECT day || ':' || service_id || ':' || opened"
	    " || ',' || delivered || ',' || on_time || ',' || days_sum || ',' || days_n || ','"
	    " || visits_sum || ',' || sat_n || ',' || sat_sum || ',' || closed AS x"
	    " FROM day_figure ORDER BY day, service_id) AS f";
	char *days = testdb_scalar(&r->t, dump_days), *figures = testdb_scalar(&r->t, dump_figures);
	rebuild_overdue(r);
	assert_int_equal(db_exec(r->t.db, "DELETE FROM day_figure", NULL), 0);
	if (figures_from_cases(r->t.db, "true", &cause) != 0)
		fail_msg("%s", cause);
	char *days2 = testdb_scalar(&r->t, dump_days),
	     *figures2 = testdb_scalar(&r->t, dump_figures);
	assert_string_equal(days2, days);
	assert_string_equal(figures2, figures);
	free(days);
	free(days2);
	free(figures);
	free(figures2);
}

/*
 * The overdue days the actions kept equal those the upgrade works out from
 * the cases' history, when no promise moved since: with cases ready and
 * back in progress, referred, delivered and withdrawn.
 */
static void
test_overdue_rebuilt_equal(void **state)
{
	struct reg *r = *state;
	int64_t a = open_case(r, "PERMIT", true, day(11, 2));
	status(r, a, ST_READY, 0, day(11, 7));
	status(r, a, ST_IN_PROGRESS, 0, day(11, 12));
	status(r, a, ST_READY, 0, day(11, 14));
	status(r, a, ST_IN_PROGRESS, 0, day(11, 16));
	int64_t b = open_case(r, "PERMIT", true, day(11, 2));
	status(r, b, ST_READY, 0, day(11, 10));
	status(r, b, ST_DELIVERED, 3, day(11, 11));
	const char *dump =
	    "SELECT group_concat(day || ':' || starts || ',' || ends, ' ')"
	    " FROM (SELECT day, sum(starts) AS starts, sum(ends) AS ends"
	    " FROM overdue_day GROUP BY day HAVING sum(starts) <> 0 OR sum(ends) <> 0"
	    " ORDER BY day) AS d";
	char *kept = testdb_scalar(&r->t, dump);
	assert_true(strlen(kept) > 0);
	rebuild_overdue(r);
	char *again = testdb_scalar(&r->t, dump);
	assert_string_equal(again, kept);
	/* a: promised Thu 11-05 (Mon 2 and three working days), so overdue
	 * from 11-06 until ready on 11-07, back 11-12 until ready on 11-14,
	 * back again from 11-16: three stretches. */
	assert_scalar(&r->t,
	    "SELECT group_concat(start_day || '-' || coalesce(end_day, ''), ' ') FROM"
	    " (SELECT * FROM overdue_span WHERE case_id = (SELECT max(id) FROM cases) - 1"
	    " ORDER BY start_day) AS s",
	    "2026-11-06-2026-11-07 2026-11-12-2026-11-14 2026-11-16-");
	free(kept);
	free(again);
}

/*
 * A case from an old register that clerks then worked on has no "open" row
 * in its history: the upgrade takes the status its first change left as
 * its status from the day it opened, so its overdue days before that change
 * count as they did when it was imported.
 */
static void
test_imported_then_worked(void **state)
{
	struct reg *r = *state;
	char *cause = NULL;
	assert_int_equal(import_rows(r,
	                     "X-1,0499370899,PERMIT,2026-09-01,2026-09-10,in_progress,,,\n"
	                     "X-2,0499370899,PERMIT,2026-09-01,2026-09-10,in_progress,,,\n"),
	    2);
	int64_t x1, x2;
	assert_int_equal(case_find_code(r->t.db, "X-1", &x1, &cause), 0);
	assert_int_equal(case_find_code(r->t.db, "X-2", &x2, &cause), 0);
	/* Referred on 10-05 (still open), ready on 10-06. */
	if (case_refer(
	        r->t.db, x1, "معاونت فنی", NULL, day(10, 8), NULL, day(10, 5), NULL, &cause) != 0)
		fail_msg("refer: %s", cause);
	status(r, x2, ST_READY, 0, day(10, 6));
	/* The net change of the overdue count per day, as kept and as rebuilt. */
	const char *net = "SELECT group_concat(day || ':' || n, ' ') FROM (SELECT day,"
	                  " sum(starts) - sum(ends) AS n FROM overdue_day WHERE day >= '2026-09-01'"
	                  " AND day < '2026-10-31' GROUP BY day HAVING sum(starts) <> sum(ends)"
	                  " ORDER BY day) AS d";
	char *kept = testdb_scalar(&r->t, net);
	assert_string_equal(kept, "2026-09-11:2 2026-10-06:-1");
	rebuild_overdue(r);
	char *again = testdb_scalar(&r->t, net);
	assert_string_equal(again, kept);
	free(kept);
	free(again);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		T(test_eod),
		T(test_same_day_return),
		T(test_period),
		T(test_inspection),
		T(test_past_day),
		T(test_as_it_stood),
		T(test_overdue_counts_agree),
		T(test_figures_rebuilt_equal),
		T(test_import_derived_equal),
		T(test_overdue_rebuilt_equal),
		T(test_imported_then_worked),
		T(test_repeat_notice),
		T(test_csv),
		T(test_report_kinds),
		cmocka_unit_test(test_visual_rtl),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
