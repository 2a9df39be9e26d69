/* Database: path resolution, pragmas, migrations, settings, clerks. */
#include "config.h"

#include "testutil.h"

static void
test_default_path(void **state)
{
	(void)state;
	char *p;
	unsetenv("MIZ_DB");
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	p = db_default_path(NULL);
	assert_string_equal(p, "/srv/data/miz/desk.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/clerk", 1);
	p = db_default_path(NULL);
	assert_string_equal(p, "/home/clerk/.local/share/miz/desk.db");
	free(p);
	setenv("MIZ_DB", "/tmp/office.db", 1);
	p = db_default_path(NULL);
	assert_string_equal(p, "/tmp/office.db");
	free(p);
	p = db_default_path("given.db");
	assert_string_equal(p, "given.db");
	free(p);
	unsetenv("MIZ_DB");
}

static void
test_open_sets_pragmas_and_schema(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	assert_scalar(&t, "PRAGMA journal_mode", "wal");
	assert_scalar(&t, "PRAGMA foreign_keys", "1");
	char *v = xasprintf("%d", db_schema_version());
	assert_scalar(&t, "PRAGMA user_version", v);
	free(v);
	/* Foreign keys are enforced. */
	assert_int_not_equal(sqlite3_exec(t.db->sq,
	                         "INSERT INTO cases(code, client_id, service_id, status, opened_on)"
	                         " VALUES ('x', 999, 999, 'in_progress', '2026-01-01')",
	                         NULL, NULL, NULL),
	    SQLITE_OK);
	/* Reopening does not migrate again and keeps data. */
	char *cause = NULL;
	assert_int_equal(db_setting_set(t.db, "office_name", "میز خدمت مشهد", &cause), 0);
	db_close(t.db);
	assert_int_equal(db_open(t.path, &t.db, &cause), 0);
	char *value = NULL;
	assert_int_equal(db_setting_get(t.db, "office_name", &value, &cause), 0);
	assert_string_equal(value, "میز خدمت مشهد");
	free(value);
	assert_int_equal(db_setting_get(t.db, "nothing", &value, &cause), 0);
	assert_null(value);
	assert_int_equal(db_setting_long(t.db, "office_name", 7), 7);
	testdb_close(&t);
}

static void
test_newer_schema_is_refused(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	assert_int_equal(
	    sqlite3_exec(t.db->sq, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	db_close(t.db);
	t.db = NULL;
	assert_int_equal(db_open(t.path, &t.db, &cause), -1);
	assert_cause(cause, "newer miz");
	assert_null(t.db);
	testdb_close(&t);
}

static void
test_creates_folders_and_reports_failures(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/a/b/desk.db", dir);
	struct miz_db *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	db_close(db);
	free(path);
	/* A file where a folder should be. */
	char *file = test_write_file(dir, "plain", "x");
	path = xasprintf("%s/desk.db", file);
	assert_int_equal(db_open(path, &db, &cause), -1);
	assert_non_null(cause);
	free(cause);
	free(path);
	free(file);
	test_rmdir(dir);
}

static void
test_clerk(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	int64_t first = t.db->clerk_id;
	assert_true(first > 0);
	assert_int_equal(db_set_clerk(t.db, "maryam", &cause), 0);
	assert_true(t.db->clerk_id != first);
	assert_int_equal(db_set_clerk(t.db, "tester", &cause), 0);
	assert_int_equal(t.db->clerk_id, first);
	assert_scalar(&t, "SELECT count(*) FROM clerk", "2");
	testdb_close(&t);
}

int
main(void)
{
	test_setlocale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_open_sets_pragmas_and_schema),
		cmocka_unit_test(test_newer_schema_is_refused),
		cmocka_unit_test(test_creates_folders_and_reports_failures),
		cmocka_unit_test(test_clerk),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
