/* Catalog: services.csv and documents.csv import, all or nothing, and lookups. */
#include "config.h"

#include "testutil.h"

#include "miz/catalog.h"

static const char services_csv[] =
    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
    "PERMIT,صدور پروانه ساخت,Construction permit,معاونت فنی,مهندس رضا نوری,051-35412233,20,"
    "\"15,000,000\",\"ثبت درخواست\n"
    "بازدید کارشناس\n"
    "صدور پروانه\"\n"
    "NODEBT,مفاصا حساب,No-debt certificate,امور مالی,سارا كاظمي,۰۵۱-۳۵۴۱۲۲۴۴,۵,0,\"ثبت درخواست, "
    "\"\"فوری\"\"\"\n";

static const char documents_csv[] =
    "service_code,name,name_en,required,form\n"
    "PERMIT,کپی کارت ملی,National ID card copy,yes,copy\n"
    "PERMIT,نقشه‌های معماری,Architectural drawings,yes,original\n"
    "PERMIT,عکس,Photo,no,copy\n"
    "nodebt,فیش واریزی,Payment slip,YES,Original\n";

static void
import_ok(struct testdb *t, const char *dir)
{
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	char *s = test_write_file(dir, "services.csv", services_csv);
	char *d = test_write_file(dir, "documents.csv", documents_csv);
	if (catalog_import_services(t->db, s, &errs, &count, &cause) != 0)
		fail_msg("services: %s %s", cause, errs.n ? errs.msgs[0] : "");
	assert_int_equal(count, 2);
	if (catalog_import_documents(t->db, d, &errs, &count, &cause) != 0)
		fail_msg("documents: %s %s", cause, errs.n ? errs.msgs[0] : "");
	assert_int_equal(count, 4);
	free(s);
	free(d);
}

static void
test_import_and_card(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_service s;
	char *cause = NULL;
	testdb_open(&t);
	import_ok(&t, t.dir);

	assert_int_equal(catalog_get_service(t.db, "permit", &s, &cause), 1);
	assert_string_equal(s.code, "PERMIT");
	assert_string_equal(s.name, "صدور پروانه ساخت");
	assert_string_equal(s.department, "معاونت فنی");
	assert_string_equal(s.officer, "مهندس رضا نوری");
	assert_string_equal(s.officer_phone, "051-35412233");
	assert_int_equal(s.working_days, 20);
	assert_int_equal(s.fee, 15000000);
	assert_string_equal(s.steps, "ثبت درخواست\nبازدید کارشناس\nصدور پروانه");
	assert_int_equal(s.ndocs, 3);
	assert_string_equal(s.docs[0].name, "کپی کارت ملی");
	assert_true(s.docs[0].required);
	assert_false(s.docs[0].original);
	assert_string_equal(s.docs[1].name, "نقشه‌های معماری");
	assert_true(s.docs[1].original);
	assert_false(s.docs[2].required);
	catalog_service_free(&s);

	/* Arabic letters and Persian digits were normalised; quotes kept. */
	assert_int_equal(catalog_get_service(t.db, "NODEBT", &s, &cause), 1);
	assert_string_equal(s.officer, "سارا کاظمی");
	assert_string_equal(s.officer_phone, "051-35412244");
	assert_int_equal(s.working_days, 5);
	assert_string_equal(s.steps, "ثبت درخواست, \"فوری\"");
	assert_int_equal(s.ndocs, 1);
	catalog_service_free(&s);
	assert_int_equal(catalog_get_service(t.db, "NOPE", &s, &cause), 0);

	/* Incremental search: code prefix, Persian part, English part. */
	assert_int_equal(catalog_find_services(t.db, "PER", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_find_services(t.db, "پروانه", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_find_services(t.db, "certificate", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_find_services(t.db, "", NULL, NULL, &cause), 2);
	testdb_close(&t);
}

/* Collects "name|phone;" for the narrowing lists. */
static int
collect_name(int64_t id, const char *name, const char *phone, void *arg)
{
	(void)id;
	char *buf = arg;
	size_t n = strlen(buf);
	snprintf(buf + n, 512 - n, "%s|%s;", name, phone);
	return 0;
}

/* The referral's pickers: departments and officers narrowed by a part of the name. */
static void
test_names_narrow(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL, buf[512];
	int64_t fin = 0;
	testdb_open(&t);
	import_ok(&t, t.dir);
	buf[0] = '\0';
	assert_int_equal(catalog_list_departments(t.db, NULL, collect_name, buf, &cause), 2);
	assert_string_equal(buf, "امور مالی|;معاونت فنی|;");
	buf[0] = '\0';
	assert_int_equal(catalog_list_departments(t.db, "فنی", collect_name, buf, &cause), 1);
	assert_string_equal(buf, "معاونت فنی|;");
	/* Typed with the Arabic kaf and yeh a keyboard may give: still found. */
	assert_int_equal(catalog_find_department(t.db, "امور مالی", &fin, &cause), 1);
	buf[0] = '\0';
	assert_int_equal(catalog_list_officers(t.db, fin, "كاظمي", collect_name, buf, &cause), 1);
	assert_string_equal(buf, "سارا کاظمی|051-35412244;");
	/* Only the department's own officers; nothing that does not contain the part. */
	assert_int_equal(catalog_list_officers(t.db, fin, "نوری", NULL, NULL, &cause), 0);
	assert_int_equal(catalog_list_officers(t.db, fin, "", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_list_departments(t.db, "%", NULL, NULL, &cause), 0);
	assert_int_equal(catalog_list_departments(t.db, "'; DROP TABLE department; --", NULL,
	                     NULL, &cause),
	    0);
	assert_int_equal(catalog_list_departments(t.db, "", NULL, NULL, &cause), 2);
	/* Half-spaces and spaces are left out on both sides: "مالی" typed
	 * "ما لی", a service name with a half-space typed without it. */
	assert_int_equal(catalog_list_departments(t.db, "ما لی", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_list_departments(t.db, "امورمالی", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_find_services(t.db, "پروانهساخت", NULL, NULL, &cause), 1);
	assert_int_equal(catalog_find_services(t.db, "\u200c", NULL, NULL, &cause), 2);
	testdb_close(&t);
}

static void
test_reimport_keeps_used_documents(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	struct miz_service s;
	char *cause = NULL;
	int count;
	testdb_open(&t);
	import_ok(&t, t.dir);
	/* A new checklist order, one item dropped, one added. */
	char *d = test_write_file(t.dir, "documents2.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,نقشه‌های معماری,Architectural drawings,yes,original\n"
	    "PERMIT,فیش واریزی,Payment slip,yes,original\n"
	    "PERMIT,کپی کارت ملی,National ID card copy,no,copy\n");
	assert_int_equal(catalog_import_documents(t.db, d, &errs, &count, &cause), 0);
	assert_int_equal(catalog_get_service(t.db, "PERMIT", &s, &cause), 1);
	assert_int_equal(s.ndocs, 3);
	assert_string_equal(s.docs[0].name, "نقشه‌های معماری");
	assert_string_equal(s.docs[1].name, "فیش واریزی");
	assert_string_equal(s.docs[2].name, "کپی کارت ملی");
	assert_false(s.docs[2].required);
	catalog_service_free(&s);
	/* The dropped document is kept, inactive, for cases that reference it. */
	assert_scalar(&t, "SELECT active FROM document WHERE name = 'عکس'", "0");
	free(d);
	testdb_close(&t);
}

static void
test_bad_services_file(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&t);
	char *s = test_write_file(t.dir, "services.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "OK1,خدمت درست,Good,واحد,,,3,0,\n"
	    "BAD CODE,خدمت,Bad,واحد,,,3,0,\n"
	    "OK2,,No name,واحد,,,3,0,\n"
	    "\"OK3\",خدمت,\"multi\nline\",واحد,,,سه,0,\n"
	    "OK4,خدمت,Fee,واحد,,,3,-5,\n"
	    "OK5,خدمت,Short,واحد\n"
	    "OK1,تکراری,Dup,واحد,,,3,0,\n");
	assert_int_equal(catalog_import_services(t.db, s, &errs, &count, &cause), -1);
	assert_cause(cause, "nothing was imported");
	/* Every bad row, with the line where it starts. */
	assert_int_equal(errs.n, 6);
	char *want3 = xasprintf("%s:3: service code 'BAD CODE'", s);
	assert_non_null(strstr(errs.msgs[0], want3));
	char *want4 = xasprintf("%s:4: the service name is empty", s);
	assert_string_equal(errs.msgs[1], want4);
	char *want5 = xasprintf("%s:5: working_days 'سه'", s);
	assert_non_null(strstr(errs.msgs[2], want5));
	/* The multi-line row took two lines: the next starts at 7. */
	char *want7 = xasprintf("%s:7: fee '-5'", s);
	assert_non_null(strstr(errs.msgs[3], want7));
	char *want8 = xasprintf("%s:8: expected 9 fields, found 4", s);
	assert_string_equal(errs.msgs[4], want8);
	char *want9 = xasprintf("%s:9: service code OK1 appears twice", s);
	assert_non_null(strstr(errs.msgs[5], want9));
	assert_scalar(&t, "SELECT count(*) FROM service", "0");
	assert_scalar(&t, "SELECT count(*) FROM department", "0");
	errlist_free(&errs);
	free(want3);
	free(want4);
	free(want5);
	free(want7);
	free(want8);
	free(want9);
	free(s);
	testdb_close(&t);
}

/* The row checks no other test meets: each bad row named with its line,
 * and nothing imported. */
static void
test_more_bad_rows(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&t);
	char *s = test_write_file(t.dir, "services.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "NODEPT,خدمت,No department,,,,3,0,\n"
	    "PHONE,خدمت,Phone only,واحد,,051-1,3,0,\n"
	    "CTRL,\"خدمت\033[2J\",Control,واحد,,,3,0,\n");
	assert_int_equal(catalog_import_services(t.db, s, &errs, &count, &cause), -1);
	assert_int_equal(errs.n, 3);
	assert_non_null(strstr(errs.msgs[0], ":2: the department is empty"));
	assert_non_null(strstr(errs.msgs[1], ":3: an officer phone needs the officer's name"));
	assert_non_null(strstr(errs.msgs[2], ":4: "));
	assert_non_null(strstr(errs.msgs[2], "control"));
	errlist_free(&errs);
	free(cause);
	cause = NULL;
	assert_scalar(&t, "SELECT count(*) FROM service", "0");

	import_ok(&t, t.dir);
	char *d = test_write_file(t.dir, "docs.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,سند,Deed,yes,copy\n"
	    "PERMIT,سند,Deed again,yes,copy\n"
	    "PERMIT,,Nameless,yes,copy\n"
	    "PERMIT,سند,Short\n"
	    "PERMIT,\"سند\001\",Control,yes,copy\n");
	assert_int_equal(catalog_import_documents(t.db, d, &errs, &count, &cause), -1);
	assert_int_equal(errs.n, 4);
	assert_non_null(strstr(errs.msgs[0], ":3: document 'سند' is listed twice for PERMIT"));
	assert_non_null(strstr(errs.msgs[1], ":4: the document name is empty"));
	assert_non_null(strstr(errs.msgs[2], ":5: expected 5 fields, found 3"));
	assert_non_null(strstr(errs.msgs[3], ":6: "));
	errlist_free(&errs);
	free(cause);
	cause = NULL;
	/* A service's rows together: a checklist is read in one piece. */
	import_ok(&t, t.dir);
	char *two = test_write_file(t.dir, "two.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "A1,خدمت یک,One,واحد,,,3,0,\n"
	    "A2,خدمت دو,Two,واحد,,,3,0,\n");
	assert_int_equal(catalog_import_services(t.db, two, &errs, &count, &cause), 0);
	errlist_free(&errs);
	char *apart = test_write_file(t.dir, "apart.csv",
	    "service_code,name,name_en,required,form\n"
	    "A1,سند یک,One,yes,copy\n"
	    "A2,سند دو,Two,yes,copy\n"
	    "A1,سند سه,Three,yes,copy\n");
	assert_int_equal(catalog_import_documents(t.db, apart, &errs, &count, &cause), -1);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.msgs[0], ":4: the rows of service A1 must be together"));
	errlist_free(&errs);
	free(cause);
	free(s);
	free(d);
	free(two);
	free(apart);
	testdb_close(&t);
}

static int
count_row(const struct csvfile_row *row, void *arg, char **cause)
{
	(void)row;
	(void)cause;
	(*(int *)arg)++;
	return 0;
}

/* The import reader: an encoding it does not know, a quote in the middle
 * of a field (named, with its line). */
static void
test_csv_reader_faults(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	static const char *const header[] = { "a", "b" };
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int rows = 0;
	char *ok = test_write_file(dir, "ok.csv", "a,b\n1,2\n");
	struct csvfile_opts latin = { "latin9", NULL };
	assert_int_equal(
	    csvfile_import(ok, &latin, header, 2, 2, count_row, &rows, &errs, &cause), -1);
	assert_cause(cause, "encoding 'latin9' not known: use utf-8 or cp1256");
	assert_int_equal(rows, 0);
	char *quote = test_write_file(dir, "quote.csv", "a,b\n1,2\n3,x\"y\"\n");
	struct csvfile_opts plain = { NULL, NULL };
	assert_int_equal(
	    csvfile_import(quote, &plain, header, 2, 2, count_row, &rows, &errs, &cause), -1);
	assert_cause(cause, ":3: malformed CSV: a quote in the wrong place");
	errlist_free(&errs);
	free(ok);
	free(quote);
	test_rmdir(dir);
}

static void
test_bad_documents_and_malformed_csv(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&t);
	import_ok(&t, t.dir);
	char *d = test_write_file(t.dir, "bad-docs.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,سند,Deed,yes,copy\n"
	    "UNKNOWN,سند,Deed,yes,copy\n"
	    "PERMIT,سند دوم,Deed,maybe,scan\n");
	assert_int_equal(catalog_import_documents(t.db, d, &errs, &count, &cause), -1);
	assert_cause(cause, "3 errors");
	assert_int_equal(errs.n, 3);
	assert_non_null(strstr(errs.msgs[0], ":3: unknown service code 'UNKNOWN'"));
	assert_non_null(strstr(errs.msgs[1], ":4: required must be yes or no, not 'maybe'"));
	assert_non_null(strstr(errs.msgs[2], ":4: form must be original or copy, not 'scan'"));
	errlist_free(&errs);
	/* The good row was not written either. */
	assert_scalar(&t, "SELECT count(*) FROM document WHERE name = 'سند'", "0");

	char *h = test_write_file(t.dir, "header.csv", "code,name\nPERMIT,x\n");
	assert_int_equal(catalog_import_documents(t.db, h, &errs, &count, &cause), -1);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(
	    errs.msgs[0], ":1: the header row must be: service_code,name,name_en,required,form"));
	errlist_free(&errs);
	free(cause);
	cause = NULL;

	char *m = test_write_file(t.dir, "malformed.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,\"unterminated,x,yes,copy\n");
	assert_int_equal(catalog_import_documents(t.db, m, &errs, &count, &cause), -1);
	assert_cause(cause, ":2: malformed CSV");

	char *e = test_write_file(t.dir, "empty.csv", "");
	assert_int_equal(catalog_import_documents(t.db, e, &errs, &count, &cause), -1);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.msgs[0], "header row is missing"));
	errlist_free(&errs);
	free(cause);
	cause = NULL;

	assert_int_equal(
	    catalog_import_documents(t.db, "/nonexistent/x.csv", &errs, &count, &cause), -1);
	assert_cause(cause, "cannot read /nonexistent/x.csv");
	free(d);
	free(h);
	free(m);
	free(e);
	testdb_close(&t);
}

static void
test_bom_and_crlf(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&t);
	char *s = test_write_file(t.dir, "bom.csv",
	    "\xef\xbb\xbf"
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\r\n"
	    "\r\n"
	    "A1,خدمت,Service,واحد,,,3,0,\"یک\r\nدو\"\r\n");
	if (catalog_import_services(t.db, s, &errs, &count, &cause) != 0)
		fail_msg("%s %s", cause, errs.n ? errs.msgs[0] : "");
	assert_int_equal(count, 1);
	assert_scalar(&t, "SELECT steps FROM service WHERE code = 'A1'", "یک\nدو");
	free(s);
	testdb_close(&t);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_and_card),
		cmocka_unit_test(test_names_narrow),
		cmocka_unit_test(test_reimport_keeps_used_documents),
		cmocka_unit_test(test_bad_services_file),
		cmocka_unit_test(test_bad_documents_and_malformed_csv),
		cmocka_unit_test(test_more_bad_rows),
		cmocka_unit_test(test_csv_reader_faults),
		cmocka_unit_test(test_bom_and_crlf),
	};
	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
