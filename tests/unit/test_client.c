/* Clients: national ID and mobile validation, registration, lookup. */
#include "config.h"

#include "testutil.h"

#include "miz/client.h"

/* Check digits below were worked out by hand with s = Σ d[i]·(10−i). */
static void
test_nid_valid(void **state)
{
	(void)state;
	char out[11];
	char *cause = NULL;
	assert_int_equal(client_nid_normalize("0499370899", out, &cause), 0);
	assert_string_equal(out, "0499370899");
	assert_int_equal(client_nid_normalize("1234567891", out, &cause), 0);
	/* Persian and Arabic-Indic digits, spaces and dashes. */
	assert_int_equal(client_nid_normalize("۰۴۹-۹۳۷۰۸۹۹", out, &cause), 0);
	assert_string_equal(out, "0499370899");
	assert_int_equal(client_nid_normalize("٠٤٩٩٣٧٠٨٩٩", out, &cause), 0);
	/* 8 and 9 digits are left-padded with zeros. */
	assert_int_equal(client_nid_normalize("12345679", out, &cause), 0);
	assert_string_equal(out, "0012345679");
	assert_int_equal(client_nid_normalize("012345679", out, &cause), 0);
	assert_string_equal(out, "0012345679");
	/* Remainder below 2: the check digit is the remainder itself. */
	assert_int_equal(client_nid_normalize("1111111121", out, &cause), 0);
}

static void
test_nid_invalid(void **state)
{
	(void)state;
	char out[11];
	char *cause = NULL;
	assert_int_equal(client_nid_normalize("0499370898", out, &cause), -1);
	assert_cause(cause, "check digit does not match");
	assert_int_equal(client_nid_normalize("4099370899", out, &cause), -1);
	assert_cause(cause, "check digit");
	/* Check-valid but ten repeated digits. */
	assert_int_equal(client_nid_normalize("5555555555", out, &cause), -1);
	assert_cause(cause, "repeated");
	assert_int_equal(client_nid_normalize("0000000000", out, &cause), -1);
	assert_cause(cause, "repeated");
	/* Check-valid but digits 4..9 all zero (1230000003). */
	assert_int_equal(client_nid_normalize("1230000003", out, &cause), -1);
	assert_cause(cause, "4 to 9");
	assert_int_equal(client_nid_normalize("04993708990", out, &cause), -1);
	assert_cause(cause, "too many");
	assert_int_equal(client_nid_normalize("1234567", out, &cause), -1);
	assert_cause(cause, "too few");
	assert_int_equal(client_nid_normalize("04993A0899", out, &cause), -1);
	assert_cause(cause, "only digits");
	assert_int_equal(client_nid_normalize("", out, &cause), -1);
	assert_cause(cause, "empty");
}

static void
test_mobile(void **state)
{
	(void)state;
	char out[12];
	char *cause = NULL;
	static const char *const ok[] = {
		"09151234567",
		"+989151234567",
		"00989151234567",
		"989151234567",
		"9151234567",
		"0915 123 4567",
		"۰۹۱۵۱۲۳۴۵۶۷",
		"+98 (915) 123-4567",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (client_mobile_normalize(ok[i], out, &cause) != 0)
			fail_msg("%s: %s", ok[i], cause);
		assert_string_equal(out, "09151234567");
	}
	static const char *const bad[] = {
		"0915123456",
		"091512345678",
		"05138765432",
		"+1 915 123 4567",
		"0915abc4567",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (client_mobile_normalize(bad[i], out, &cause) == 0)
			fail_msg("%s accepted as %s", bad[i], out);
		assert_cause(cause, "09XXXXXXXXX");
	}
}

static int
collect(const struct miz_client *c, void *arg)
{
	char *buf = arg;
	strcat(buf, c->national_id);
	strcat(buf, ";");
	return 0;
}

static void
test_add_and_find(void **state)
{
	(void)state;
	struct testdb t;
	struct miz_client c;
	char *cause = NULL;
	char found[512];
	testdb_open(&t);

	assert_int_equal(
	    client_add(t.db, "0499370899", "  علي   كريمي ", "+989151234567", NULL, &c, &cause), 0);
	assert_string_equal(c.full_name, "علی کریمی");
	assert_string_equal(c.mobile, "09151234567");
	client_free(&c);
	assert_int_equal(client_add(t.db, "12345679", "زهرا احمدی", "",
	                     "مشهد، بلوار وکیل‌آباد", &c, &cause),
	    0);
	assert_string_equal(c.national_id, "0012345679");
	client_free(&c);
	assert_int_equal(client_add(t.db, "1234567891", "حسن موسوی", NULL, NULL, NULL, &cause), 0);

	/* Rejections leave nothing behind. */
	assert_int_equal(client_add(t.db, "0499370899", "کسی دیگر", NULL, NULL, NULL, &cause), -1);
	assert_cause(cause, "already registered to علی کریمی");
	assert_int_equal(client_add(t.db, "0499370898", "کسی", NULL, NULL, NULL, &cause), -1);
	assert_cause(cause, "check digit");
	assert_int_equal(client_add(t.db, "1111111121", "  ", NULL, NULL, NULL, &cause), -1);
	assert_cause(cause, "name is empty");
	assert_int_equal(client_add(t.db, "1111111121", "نام", "0915", NULL, NULL, &cause), -1);
	assert_cause(cause, "mobile");
	assert_scalar(&t, "SELECT count(*) FROM client", "3");

	/* By national ID (Persian digits), by mobile in another form. */
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "۰۴۹۹۳۷۰۸۹۹", 10, 0, collect, found, &cause), 1);
	assert_string_equal(found, "0499370899;");
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "+98 915 123 4567", 10, 0, collect, found, &cause), 1);
	assert_string_equal(found, "0499370899;");
	/* By part of a name, typed with Arabic letters (3+ characters: trigram index). */
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "كريم", 10, 0, collect, found, &cause), 1);
	assert_string_equal(found, "0499370899;");
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "حمد", 10, 0, collect, found, &cause), 1);
	assert_string_equal(found, "0012345679;");
	/* Two characters: a plain scan, same answer. */
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "زه", 10, 0, collect, found, &cause), 1);
	assert_string_equal(found, "0012345679;");
	/* "ی" is in every name here: paging works. */
	found[0] = '\0';
	assert_int_equal(client_find(t.db, "ی", 2, 0, collect, found, &cause), 2);
	assert_int_equal(client_find(t.db, "ی", 2, 2, collect, found, &cause), 1);
	/* Quotes in a query are text, not FTS syntax. */
	assert_int_equal(client_find(t.db, "\"علی", 10, 0, NULL, NULL, &cause), 0);
	assert_int_equal(client_find(t.db, "نیست", 10, 0, NULL, NULL, &cause), 0);
	/* A digit string that is neither an ID nor a mobile says why. */
	assert_int_equal(client_find(t.db, "0499370898", 10, 0, NULL, NULL, &cause), -1);
	assert_cause(cause, "check digit");
	testdb_close(&t);
}

/* Collects kept changes as "field:old>new" joined by " | ". */
static int
join_change(const struct client_change *ch, void *arg)
{
	char **out = arg;
	char *more = xasprintf("%s%s%s:%s>%s", *out, **out != '\0' ? " | " : "", ch->field,
	    ch->old, ch->new_value);
	free(*out);
	*out = more;
	return 0;
}

static char *
changes_of(struct testdb *t, int64_t id)
{
	char *out = xstrdup(""), *cause = NULL;
	if (client_changes(t->db, id, join_change, &out, &cause) != 0)
		fail_msg("client_changes: %s", cause);
	return out;
}

/* Corrections: each kept, old -> new; refusals change nothing. */
static void
test_edit(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	int changed;
	testdb_open(&t);
	struct miz_client c;
	assert_int_equal(
	    client_add(t.db, "0499370899", "علي كريمي", "09151234567", "", &c, &cause), 0);
	int64_t id = c.id;
	client_free(&c);
	/* Normalised as at registration (Arabic yeh and kaf, spaces, +98). */
	assert_int_equal(client_edit(t.db, id, "  علی   کریمی‌نژاد ", "+989121112233",
	                     "مشهد، بلوار وکیل‌آباد", -1, &changed, &cause),
	    0);
	assert_int_equal(changed, 3);
	assert_int_equal(client_get(t.db, id, &c, &cause), 1);
	assert_string_equal(c.full_name, "علی کریمی‌نژاد");
	assert_string_equal(c.mobile, "09121112233");
	assert_string_equal(c.address, "مشهد، بلوار وکیل‌آباد");
	client_free(&c);
	/* The same again changes nothing and keeps nothing. */
	assert_int_equal(client_edit(t.db, id, "علی کریمی‌نژاد", NULL, NULL, -1, &changed, &cause), 0);
	assert_int_equal(changed, 0);
	/* Refused, nothing changed: an empty name, a bad mobile, a control. */
	assert_int_equal(client_edit(t.db, id, "  ", NULL, NULL, -1, &changed, &cause), -1);
	assert_cause(cause, "empty");
	assert_int_equal(client_edit(t.db, id, NULL, "12345", NULL, -1, &changed, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(client_edit(t.db, id, "Ali \x1b]0;x\x07", NULL, NULL, -1, &changed, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	/* Clearing the mobile. */
	assert_int_equal(client_edit(t.db, id, NULL, "", NULL, -1, &changed, &cause), 0);
	assert_int_equal(changed, 1);
	char *h = changes_of(&t, id);
	assert_string_equal(h, "name:علی کریمی>علی کریمی‌نژاد | mobile:09151234567>09121112233 | "
	                       "address:>مشهد، بلوار وکیل‌آباد | mobile:09121112233>");
	free(h);
	assert_int_not_equal(db_exec(t.db, "DELETE FROM client_history", NULL), 0);
	testdb_close(&t);
}

/* A wrong national ID: corrected in place, or merged into the client
 * already registered under the right one; a supervisor's. */
static void
test_change_nid(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	int moved;
	testdb_open(&t);
	struct miz_client a, b;
	assert_int_equal(client_add(t.db, "0499370899", "علی کریمی", NULL, NULL, &a, &cause), 0);
	assert_int_equal(client_add(t.db, "0011223340", "مریم احمدی", NULL, NULL, &b, &cause), 0);
	assert_int_equal(
	    db_exec(t.db,
	        "INSERT INTO service(id, code, name, working_days) VALUES (1, 'S', 'خدمت', 1);"
	        "INSERT INTO cases(code, client_id, service_id, status, opened_on)"
	        "  VALUES ('001000000018', 1, 1, 'in_progress', '2026-11-23'),"
	        "  ('001000000026', 1, 1, 'in_progress', '2026-11-23');",
	        NULL),
	    0);
	/* A clerk may not. */
	assert_int_equal(clerk_sign_in(t.db, "maryam", NULL, false, &cause), 0);
	assert_int_equal(client_change_nid(t.db, "0499370899", "1234567891", &moved, &cause), -1);
	assert_cause(cause, "only a supervisor may correct a client's national ID");
	test_sign_in(t.db, "tester");
	/* In place: no one has the right ID yet. */
	assert_int_equal(client_change_nid(t.db, "0499370899", "1234567891", &moved, &cause), 0);
	assert_int_equal(moved, 2);
	assert_scalar(&t, "SELECT national_id FROM client WHERE id = 1", "1234567891");
	assert_scalar(&t, "SELECT count(*) FROM history WHERE action = 'client' AND reason ="
	                  " '0499370899 → 1234567891'",
	    "2");
	/* Merged: the right ID is registered already. */
	assert_int_equal(client_change_nid(t.db, "1234567891", "0011223340", &moved, &cause), 0);
	assert_int_equal(moved, 2);
	assert_scalar(&t, "SELECT count(*) FROM client", "1");
	assert_scalar(&t, "SELECT group_concat(CAST(client_id AS TEXT), ',') FROM cases", "2,2");
	int64_t bid = b.id;
	client_free(&b);
	assert_int_equal(client_get(t.db, bid, &b, &cause), 1);
	assert_string_equal(b.full_name, "مریم احمدی"); /* the registered record stays */
	char *h = changes_of(&t, b.id);
	assert_string_equal(h, "national_id:0499370899>1234567891 | merged:1234567891>0011223340");
	free(h);
	/* A merged record's id is free again when it was the last: the next
	 * client gets it, and neither inherits the other's history. */
	struct miz_client m, n;
	int changed;
	assert_int_equal(client_add(t.db, "0012345679", "سومی", NULL, NULL, &m, &cause), 0);
	assert_int_equal(client_edit(t.db, m.id, "سومی تر", NULL, NULL, -1, &changed, &cause), 0);
	assert_int_equal(client_change_nid(t.db, "0012345679", "0011223340", &moved, &cause), 0);
	assert_int_equal(client_add(t.db, "1234567891", "تازه", NULL, NULL, &n, &cause), 0);
	if (!test_on_pg())
		assert_int_equal(n.id, m.id); /* SQLite gave the id again; PostgreSQL never does */
	assert_int_equal(client_edit(t.db, n.id, "تازه تر", NULL, NULL, -1, &changed, &cause), 0);
	h = changes_of(&t, n.id);
	assert_string_equal(h, "name:تازه>تازه تر");
	free(h);
	h = changes_of(&t, bid);
	assert_string_equal(h, "national_id:0499370899>1234567891 | merged:1234567891>0011223340 | "
	                       "name:سومی>سومی تر | merged:0012345679>0011223340");
	free(h);
	client_free(&m);
	client_free(&n);
	/* Refused: the same ID, an unknown one. */
	assert_int_equal(client_change_nid(t.db, "0011223340", "0011223340", &moved, &cause), -1);
	assert_cause(cause, "the new ID is the same");
	assert_int_equal(client_change_nid(t.db, "0499370899", "0011223340", &moved, &cause), -1);
	assert_cause(cause, "no client with national ID 0499370899");
	client_free(&a);
	client_free(&b);
	testdb_close(&t);
}

/* The search field read in one place; each expectation worked out by hand. */
static void
test_query_parse(void **state)
{
	(void)state;
	static const struct {
		const char *typed;
		enum query_kind kind;
		const char *text;
		bool why;
	} cases[] = {
		{ "  ", QUERY_EMPTY, "", false },
		{ " علي ", QUERY_NAME, "علی", false },
		/* Damm over 00100000001 is 8. */
		{ "0010 0000 0018", QUERY_TRACKING, "001000000018", false },
		{ "۰۰۱۰-۰۰۰۰-۰۰۱۸", QUERY_TRACKING, "001000000018", false },
		{ "001000000081", QUERY_TRACKING_BAD, "001000000081", true },
		{ "0499370899", QUERY_NID, "0499370899", false },
		/* A card whose leading zero was dropped. */
		{ "499370899", QUERY_NID, "0499370899", false },
		/* 10 digits, a wrong check digit, and 04... is no mobile. */
		{ "0499370898", QUERY_NID_BAD, "0499370898", true },
		{ "09151234567", QUERY_MOBILE, "09151234567", false },
		/* 12 digits whose Damm digit would be 2, not 7: a mobile, not a code. */
		{ "+98 915 123 4567", QUERY_MOBILE, "09151234567", false },
		{ "12345", QUERY_PARTIAL, "12345", false },
		/* 0012345678: weighted sum 112, 112 mod 11 = 2, check 9, not 8. */
		{ "12345678", QUERY_PARTIAL, "12345678", true },
		{ "1234567890123", QUERY_TOO_LONG, "1234567890123", false },
		{ "A-1234", QUERY_NAME, "A-1234", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct miz_query q;
		client_query_parse(cases[i].typed, &q);
		if (q.kind != cases[i].kind || strcmp(q.text, cases[i].text) != 0 ||
		    (q.why != NULL) != cases[i].why)
			fail_msg("'%s': kind %d text '%s' why '%s'", cases[i].typed, (int)q.kind, q.text,
			    q.why != NULL ? q.why : "(none)");
		client_query_free(&q);
	}
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nid_valid),
		cmocka_unit_test(test_query_parse),
		cmocka_unit_test(test_nid_invalid),
		cmocka_unit_test(test_mobile),
		cmocka_unit_test(test_add_and_find),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_change_nid),
	};
	return cmocka_run_group_tests_name("client", tests, NULL, NULL);
}
