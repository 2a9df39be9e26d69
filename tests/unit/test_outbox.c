/* The SMS outbox: a message with each change a client should hear of, in
 * the change's own transaction; none for a client with no mobile or who
 * said no; templates, overrides, listing and marking sent. */
#include "config.h"

#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "testutil.h"

struct world {
	struct testdb t;
	int64_t ali, maryam, docs[3];
};

static int
setup(void **state)
{
	struct world *w = xcalloc(1, sizeof *w);
	struct miz_errlist errs = { 0 };
	char *cause = NULL;
	int count;
	testdb_open(&w->t);
	char *s = test_write_file(w->t.dir, "s.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "PERMIT,صدور پروانه,Permit,معاونت فنی,,,3,0,\n");
	char *d = test_write_file(w->t.dir, "d.csv",
	    "service_code,name,name_en,required,form\n"
	    "PERMIT,کپی کارت ملی,ID copy,yes,copy\n"
	    "PERMIT,نقشه معماری,Drawings,yes,original\n"
	    "PERMIT,عکس,Photo,no,copy\n");
	if (catalog_import_services(w->t.db, s, &errs, &count, &cause) != 0 ||
	    catalog_import_documents(w->t.db, d, &errs, &count, &cause) != 0)
		fail_msg("import: %s", cause);
	free(s);
	free(d);
	struct miz_client c;
	if (client_add(w->t.db, "0499370899", "علی کریمی", "09151234567", NULL, &c, &cause) != 0)
		fail_msg("client: %s", cause);
	w->ali = c.id;
	client_free(&c);
	if (client_add(w->t.db, "0011223340", "مریم احمدی", NULL, NULL, &c, &cause) != 0)
		fail_msg("client: %s", cause);
	w->maryam = c.id;
	client_free(&c);
	struct miz_service sv;
	assert_int_equal(catalog_get_service(w->t.db, "PERMIT", &sv, &cause), 1);
	for (int i = 0; i < 3; i++)
		w->docs[i] = sv.docs[i].id;
	catalog_service_free(&sv);
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;
	testdb_close(&w->t);
	free(w);
	return 0;
}

/* Monday 2026-11-23. */
static miz_day
monday(void)
{
	return cal_from_gregorian(2026, 11, 23);
}

static int64_t
open_case(struct world *w, int64_t client, const int64_t *docs, size_t n)
{
	char code[16], *cause = NULL;
	int64_t id;
	if (case_open(w->t.db, client, "PERMIT", docs, n, monday(), code, NULL, &cause) != 0 ||
	    case_find_code(w->t.db, code, &id, &cause) != 0)
		fail_msg("open: %s", cause);
	return id;
}

/* Every message, "event|mobile|message" joined by newlines. */
static int
join(const struct outbox_message *m, void *arg)
{
	char **out = arg;
	char *more = xasprintf("%s%s|%s|%s\n", *out, m->event, m->mobile, m->message);
	free(*out);
	*out = more;
	return 0;
}

static char *
messages(struct world *w, bool all)
{
	char *out = xstrdup(""), *cause = NULL;
	if (outbox_list(w->t.db, all, NO_DAY, join, &out, &cause) != 0)
		fail_msg("outbox_list: %s", cause);
	return out;
}

/* A case's life, told to the client: the templates of the English
 * interface, worked out by hand (Friday off; 10 working days for the
 * notice: Tue 24 - Thu 26, Sat 28 - Thu 3 Dec, Sat 5 = 10; PERMIT takes 3). */
static void
test_a_case_told(void **state)
{
	struct world *w = *state;
	char *cause = NULL;
	int64_t id = open_case(w, w->ali, w->docs, 1);
	int64_t rest[] = { w->docs[1] };
	assert_int_equal(case_add_documents(w->t.db, id, rest, 1, monday() + 1, NULL, &cause), 0);
	assert_int_equal(
	    case_set_status(w->t.db, id, ST_READY, NULL, 0, NULL, monday() + 2, NULL, &cause), 0);
	assert_int_equal(
	    case_set_status(w->t.db, id, ST_DELIVERED, NULL, 5, NULL, monday() + 3, NULL, &cause),
	    0);
	char *got = messages(w, false);
	assert_string_equal(got,
	    "notice|09151234567|Case 0010 0000 0018: bring نقشه معماری by 2026-12-05.\n"
	    "complete|09151234567|Case 0010 0000 0018: file complete; promised 2026-11-28.\n"
	    "ready|09151234567|Case 0010 0000 0018 is ready for pickup.\n"
	    "delivered|09151234567|Case 0010 0000 0018 delivered. Thank you.\n");
	free(got);
}

/* Opened complete; a closure that moves the promise is told too; the
 * office's name and a supervisor's own text. */
static void
test_opened_and_promise_moved(void **state)
{
	struct world *w = *state;
	char *cause = NULL;
	int revised;
	assert_int_equal(db_setting_set(w->t.db, "office_name", "دفتر منطقه ۳", &cause), 0);
	assert_int_equal(db_setting_set(w->t.db, "sms_promise",
	                     "{office}: پرونده {code} به {date} افتاد {unknown}", &cause),
	    0);
	int64_t both[] = { w->docs[0], w->docs[1] };
	open_case(w, w->ali, both, 2);
	/* Promised Tue 24, Wed 25, Thu 26 -> 2026-11-26; a closure on Wed 25
	 * moves it to Sat 28. */
	assert_int_equal(holiday_add(w->t.db, cal_from_gregorian(2026, 11, 25), "آلودگی هوا",
	                     "closure", &revised, &cause),
	    0);
	assert_int_equal(revised, 1);
	char *got = messages(w, false);
	assert_string_equal(got,
	    "opened|09151234567|Case 0010 0000 0018 opened; promised 2026-11-26. دفتر منطقه ۳\n"
	    "promise|09151234567|دفتر منطقه ۳: پرونده 0010 0000 0018 به 2026-11-28 افتاد "
	    "{unknown}\n");
	free(got);
	/* Marked sent: gone from the pending list, still on record. */
	int marked;
	assert_int_equal(outbox_mark_sent(w->t.db, NULL, 0, 1, &marked, &cause), 0);
	assert_int_equal(marked, 1);
	got = messages(w, false);
	assert_non_null(strstr(got, "promise|"));
	assert_null(strstr(got, "opened|"));
	free(got);
	int64_t ids[] = { 2, 2, 99 };
	assert_int_equal(outbox_mark_sent(w->t.db, ids, 3, 0, &marked, &cause), 0);
	assert_int_equal(marked, 1);
	got = messages(w, false);
	assert_string_equal(got, "");
	free(got);
	got = messages(w, true);
	assert_non_null(strstr(got, "opened|"));
	free(got);
}

/* No mobile, or the client said no: no message; the change itself stands. */
static void
test_no_message_without_consent(void **state)
{
	struct world *w = *state;
	char *cause = NULL;
	int changed;
	open_case(w, w->maryam, NULL, 0);
	assert_int_equal(client_edit(w->t.db, w->ali, NULL, NULL, NULL, 0, &changed, &cause), 0);
	assert_int_equal(changed, 1);
	open_case(w, w->ali, NULL, 0);
	assert_scalar(&w->t, "SELECT count(*) FROM cases", "2");
	assert_scalar(&w->t, "SELECT count(*) FROM outbox", "0");
	assert_scalar(&w->t, "SELECT field || ':' || old || '>' || new FROM client_history",
	    "sms:yes>no");
	bool yes;
	assert_int_equal(outbox_client_consents(w->t.db, w->ali, &yes, &cause), 0);
	assert_false(yes);
}

/* A change that fails writes no message: they share the transaction. */
static void
test_same_transaction(void **state)
{
	struct world *w = *state;
	char *cause = NULL;
	int64_t id = open_case(w, w->ali, w->docs, 2);
	assert_scalar(&w->t, "SELECT count(*) FROM outbox", "1");
	/* The message insert fails: the status change is rolled back with it. */
	assert_int_equal(
	    db_exec(w->t.db,
	        test_on_pg() ? "CREATE TRIGGER no_sms BEFORE INSERT ON outbox FOR EACH"
	                       " ROW EXECUTE FUNCTION miz_refuse('the SMS panel is down')"
	                     : "CREATE TRIGGER no_sms BEFORE INSERT ON outbox BEGIN"
	                       " SELECT RAISE(ABORT, 'the SMS panel is down'); END",
	        NULL),
	    0);
	assert_int_equal(
	    case_set_status(w->t.db, id, ST_READY, NULL, 0, NULL, monday() + 1, NULL, &cause), -1);
	free(cause);
	struct miz_case c;
	assert_int_equal(case_load(w->t.db, id, &c, &cause), 0);
	assert_int_equal(c.status, ST_IN_PROGRESS);
	case_free(&c);
}

/* The Persian texts fit one SMS (70 letters) with a code and a date. */
static void
test_persian_fits(void **state)
{
	(void)state;
#if !ENABLE_NLS
	skip(); /* no catalogs in this build */
#else
	/* The build's catalog in a locale folder of its own. */
	const char *top = getenv("top_srcdir"), *miz = getenv("MIZ");
	char *gmo = xasprintf("%s/po/fa.gmo", top != NULL ? top : ".");
	if (access(gmo, R_OK) != 0 && miz != NULL) {
		free(gmo);
		gmo = xasprintf("%.*s/po/fa.gmo", (int)(strrchr(miz, '/') - miz), miz);
	}
	if (access(gmo, R_OK) != 0 || setlocale(LC_ALL, "fa_IR.UTF-8") == NULL) {
		free(gmo);
		print_message("# SKIP no fa.gmo or no fa_IR.UTF-8 locale (./bootstrap makes them)\n");
		skip();
		return;
	}
	char *dir = test_tmpdir();
	char *cmd = xasprintf("mkdir -p '%s/fa/LC_MESSAGES' && cp '%s' '%s/fa/LC_MESSAGES/%s.mo'",
	    dir, gmo, dir, PACKAGE);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(gmo);
	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
	for (int e = 0; e < SMS__COUNT; e++) {
		const char *t = outbox_template((enum outbox_event)e);
		assert_null(strstr(t, "Case")); /* translated */
		assert_non_null(strstr(t, "{code}"));
		/* Letters once filled: the code 14, a date 10, no office, no list. */
		size_t letters = 0;
		for (const unsigned char *p = (const unsigned char *)t; *p; p++)
			letters += (*p & 0xc0) != 0x80;
		letters += 14 - strlen("{code}");
		if (strstr(t, "{date}") != NULL)
			letters += 10 - strlen("{date}");
		if (strstr(t, "{missing}") != NULL)
			letters -= strlen("{missing}");
		if (strstr(t, "{office}") != NULL)
			letters -= strlen("{office}");
		assert_true(letters <= 70);
	}
	setlocale(LC_ALL, "C.UTF-8");
	test_rmdir(dir);
#endif
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_case_told, setup, teardown),
		cmocka_unit_test_setup_teardown(test_opened_and_promise_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_message_without_consent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_transaction, setup, teardown),
		cmocka_unit_test(test_persian_fits),
	};
	return cmocka_run_group_tests_name("outbox", tests, NULL, NULL);
}
