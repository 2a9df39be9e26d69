/* Export: formula neutralisation, and what an exported row holds. */
#include "config.h"

#include "testutil.h"

#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/export.h"

static void
test_neutralising(void **state)
{
	(void)state;
	/* What a spreadsheet would run as a formula. */
	assert_true(csv_needs_neutralising("=SUM(A1:A9)"));
	assert_true(csv_needs_neutralising("+98 915"));
	assert_true(csv_needs_neutralising("-cmd"));
	assert_true(csv_needs_neutralising("@import"));
	assert_true(csv_needs_neutralising("\tx"));
	assert_true(csv_needs_neutralising("\r=1"));
	assert_true(csv_needs_neutralising("\n=1"));
	assert_false(csv_needs_neutralising("-"));
	assert_true(csv_needs_neutralising("-A1"));
	/* Numbers and ordinary text are left alone. */
	assert_false(csv_needs_neutralising("0012345679"));
	assert_false(csv_needs_neutralising("-5"));
	assert_false(csv_needs_neutralising("+12.5"));
	assert_false(csv_needs_neutralising("علی"));
	assert_false(csv_needs_neutralising("a=b"));
	assert_false(csv_needs_neutralising(""));

	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct csv_writer w;
	csvw_init(&w, fp);
	csvw_field(&w, "=HYPERLINK(\"x\")");
	csvw_field(&w, "0012345679");
	csvw_field(&w, "خط\nدوم");
	csvw_end_row(&w);
	assert_int_equal(csvw_finish(&w, NULL), 0);
	fclose(fp);
	assert_string_equal(buf, "\"'=HYPERLINK(\"\"x\"\")\",\"0012345679\",\"خط\nدوم\"\r\n");
	free(buf);
}

static void
test_export_cases(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&t);
	char *s = test_write_file(t.dir, "s.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "S1,\"خدمت, با کاما\",S,واحد,,,2,0,\n");
	assert_int_equal(catalog_import_services(t.db, s, &errs, &count, &cause), 0);
	struct miz_client c;
	assert_int_equal(
	    client_add(t.db, "12345679", "=cmd|' /C calc'!A0", NULL, NULL, &c, &cause), 0);
	char code[16];
	miz_day on = cal_from_gregorian(2026, 11, 23);
	assert_int_equal(case_open(t.db, c.id, "S1", NULL, 0, on, code, NULL, &cause), 0);
	client_free(&c);
	free(s);

	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct export_opts o = { .from = on, .to = on, .today = on, .bom = true };
	long rows;
	assert_int_equal(export_write(t.db, EXPORT_CASES, &o, fp, &rows, &cause), 0);
	fclose(fp);
	assert_int_equal(rows, 1);
	assert_memory_equal(buf, "\xef\xbb\xbf\"tracking_code\",\"imported\"", 29);
	/* Leading zeros kept, the formula neutralised, the comma quoted, a Jalali column. */
	assert_non_null(
	    strstr(buf, "\"001000000018\",\"0\",\"0012345679\",\"'=cmd|' /C calc'!A0\""));
	assert_non_null(strstr(buf, "\"خدمت, با کاما\""));
	assert_non_null(strstr(buf, "\"2026-11-23\",\"1405/09/02\""));
	free(buf);

	/* A withdrawn case says why, in the last column. */
	int64_t id;
	assert_int_equal(case_find_code(t.db, code, &id, &cause), 0);
	assert_int_equal(
	    case_set_status(t.db, id, ST_WITHDRAWN, "متقاضی منصرف شد", 0, NULL, on, NULL, &cause),
	    0);
	fp = open_memstream(&buf, &len);
	o.bom = false;
	assert_int_equal(export_write(t.db, EXPORT_CASES, &o, fp, &rows, &cause), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "\"clerk\",\"note\",\"reason\"\r\n"));
	assert_non_null(strstr(buf, ",\"متقاضی منصرف شد\"\r\n"));
	free(buf);

	/* Outside the period: only the header. */
	fp = open_memstream(&buf, &len);
	o.from = o.to = on + 1;
	o.bom = false;
	assert_int_equal(export_write(t.db, EXPORT_CASES, &o, fp, &rows, &cause), 0);
	fclose(fp);
	assert_int_equal(rows, 0);
	assert_int_equal(strchr(buf, '\n') - buf + 1, (long)strlen(buf));
	free(buf);
	testdb_close(&t);
}

/* A file of many bad rows keeps a bounded number of messages. */
static void
test_error_list_is_bounded(void **state)
{
	(void)state;
	struct miz_errlist errs = { 0 };
	for (int i = 0; i < ERRLIST_KEEP + 500; i++)
		errlist_add(&errs, "f.csv:%d: bad", i + 2);
	assert_int_equal(errs.n, ERRLIST_KEEP + 500);
	assert_int_equal(errs.kept, ERRLIST_KEEP);
	assert_string_equal(errs.msgs[ERRLIST_KEEP - 1], "f.csv:1001: bad");
	errlist_free(&errs);
	assert_int_equal(errs.n, 0);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_neutralising),
		cmocka_unit_test(test_export_cases),
		cmocka_unit_test(test_error_list_is_bounded),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
