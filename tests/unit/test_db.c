/* Database: path resolution, pragmas, migrations, settings, clerks. */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include "miz/audit.h"
#include "miz/catalog.h"
#include "miz/demo.h"
#include "miz/holiday.h"
#include "testutil.h"

#include "../../src/core/schema.h"

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
	/* No HOME: no default at all, rather than ./.local where miz started. */
	unsetenv("MIZ_DB");
	unsetenv("HOME");
	assert_null(db_default_path(NULL));
	setenv("HOME", "/home/clerk", 1);
	p = db_default_path("given.db");
	assert_string_equal(p, "given.db");
	free(p);
	unsetenv("MIZ_DB");
}

/* A kept statement comes back reset with no bindings; one still in use is
 * never handed out twice; the step's answer names the constraint. */
static void
test_statement_cache(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	char *cause = NULL;
	const char *sql = "SELECT CAST(?1 AS TEXT) IS NULL, value FROM setting"
	                  " WHERE key = ?2 OR ?2 IS NULL";
	assert_int_equal(
	    db_exec(t.db, "INSERT INTO setting VALUES ('a', '1'), ('b', '2')", NULL), 0);
	long n0 = store_prepared(t.db);
	struct store_stmt *a, *b;
	assert_int_equal(store_prepare(t.db, sql, &a, &cause), 0);
	store_bind_int(a, 1, 7);
	store_bind_text(a, 2, "a");
	assert_int_equal(store_step(a), STORE_ROW);
	assert_int_equal(store_int(a, 0), 0);
	assert_string_equal(store_text(a, 1), "1");
	/* a is in use: the same text gets a statement of its own. */
	assert_int_equal(store_prepare(t.db, sql, &b, &cause), 0);
	assert_ptr_not_equal(a, b);
	store_bind_text(b, 2, "b");
	assert_int_equal(store_step(b), STORE_ROW);
	assert_string_equal(store_text(b, 1), "2");
	assert_string_equal(store_text(a, 1), "1"); /* a's row is untouched */
	assert_int_equal(store_busy(t.db), 2); /* both handed out, neither finished */
	store_finish(b);
	store_finish(a);
	assert_int_equal(store_busy(t.db), 0);
	assert_int_equal(store_prepared(t.db), n0 + 2);
	/* Back again: kept, reset, bindings cleared (?1 and ?2 are NULL). */
	assert_int_equal(store_prepare(t.db, sql, &a, &cause), 0);
	assert_int_equal(store_prepared(t.db), n0 + 2);
	assert_int_equal(store_step(a), STORE_ROW);
	assert_int_equal(store_int(a, 0), 1);
	assert_int_equal(store_step(a), STORE_ROW);
	assert_int_equal(store_step(a), STORE_DONE);
	store_finish(a);
	/* A refused write says which rule refused it. */
	assert_int_equal(store_prepare(t.db, "INSERT INTO setting VALUES (?1, ?2)", &a, &cause), 0);
	store_bind_text(a, 1, "a");
	store_bind_text(a, 2, "3");
	assert_int_equal(store_step(a), STORE_UNIQUE);
	store_reset(a);
	store_bind_text(a, 1, "c");
	store_bind_null(a, 2);
	assert_int_equal(store_step(a), STORE_NOT_NULL);
	store_finish(a);
	/* Dates bound to any parameter, past the ones kept in the statement;
	 * lent and literal texts; a lent NULL is NULL. */
	assert_int_equal(store_prepare(t.db, "SELECT ?1, ?13, ?2, ?3 IS NULL", &a, &cause), 0);
	store_bind_day(a, 1, cal_from_gregorian(2026, 11, 23));
	store_bind_day(a, 13, cal_from_gregorian(2027, 3, 21));
	store_bind_static(a, 2, "literal");
	store_bind_lent(a, 3, NULL);
	assert_int_equal(store_step(a), STORE_ROW);
	assert_string_equal(store_text(a, 0), "2026-11-23");
	assert_string_equal(store_text(a, 1), "2027-03-21");
	assert_string_equal(store_text(a, 2), "literal");
	assert_int_equal(store_int(a, 3), 1);
	store_finish(a);
	/* A mistake in SQL is an error with the engine's words, and nothing kept. */
	assert_int_equal(store_prepare(t.db, "SELEKT 1", &a, &cause), -1);
	assert_null(a);
	assert_cause(cause, "syntax error");
	assert_int_equal(store_prepared(t.db), n0 + 5);
	testdb_close(&t);
}

static void
test_open_sets_pragmas_and_schema(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	if (!test_on_pg()) {
		assert_scalar(&t, "PRAGMA journal_mode", "wal");
		assert_scalar(&t, "PRAGMA foreign_keys", "1");
		char *v = xasprintf("%d", db_schema_version());
		assert_scalar(&t, "PRAGMA user_version", v);
		free(v);
	} else {
		/* The PostgreSQL chain starts at SQLite's 12 as its 1. */
		char *v = xasprintf("%d", db_schema_version() - 11);
		assert_scalar(&t, "SELECT max(version) FROM schema_version", v);
		free(v);
	}
	/* Foreign keys are enforced. */
	assert_int_not_equal(db_exec(t.db,
	                         "INSERT INTO cases(code, client_id, service_id, status, opened_on)"
	                         " VALUES ('x', 999, 999, 'in_progress', '2026-01-01')",
	                         NULL),
	    0);
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
	assert_int_equal(db_exec(t.db,
	                     test_on_pg() ? "INSERT INTO schema_version(version) VALUES (999)"
	                                  : "PRAGMA user_version = 999",
	                     NULL),
	    0);
	db_close(t.db);
	t.db = NULL;
	assert_int_equal(db_open(t.path, &t.db, &cause), -1);
	assert_cause(cause, "newer miz");
	assert_null(t.db);
	testdb_close(&t);
}

/* Only miz init creates a database: a typo's path or an empty file says so
 * and leaves nothing behind. */
static void
test_no_silent_new_database(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/dsek.db", dir);
	struct miz_db *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), -1);
	assert_cause(cause, "no miz database at");
	assert_int_equal(access(path, F_OK), -1);
	char *empty = test_write_file(dir, "empty.db", "");
	assert_int_equal(db_open(empty, &db, &cause), -1);
	assert_cause(cause, "miz init");
	struct stat sb;
	assert_int_equal(stat(empty, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	free(empty);
	free(path);
	test_rmdir(dir);
}

/* A newer file is refused before anything in it changes (its journal mode). */
static void
test_newer_schema_untouched(void **state)
{
	(void)state;
	SQLITE_ONLY();
	struct testdb t;
	testdb_open(&t);
	db_close(t.db);
	t.db = NULL;
	sqlite3 *sq;
	assert_int_equal(sqlite3_open(t.path, &sq), SQLITE_OK);
	assert_int_equal(sqlite3_exec(sq, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999",
	                     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(sq);
	char *cause = NULL;
	assert_int_equal(db_open(t.path, &t.db, &cause), -1);
	assert_cause(cause, "newer miz");
	assert_int_equal(sqlite3_open(t.path, &sq), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sq, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
	sqlite3_finalize(st);
	sqlite3_close(sq);
	testdb_close(&t);
}

/* While another clerk holds a write transaction, opening and reading do
 * not wait for it (they used to wait 15 s and fail with "locked"). */
static void
test_reader_during_a_write(void **state)
{
	(void)state;
	SQLITE_ONLY();
	struct testdb t;
	testdb_open(&t);
	char *cause = NULL;
	assert_int_equal(db_setting_set(t.db, "office_name", "میز", &cause), 0);
	sqlite3 *writer;
	assert_int_equal(sqlite3_open(t.path, &writer), SQLITE_OK);
	assert_int_equal(sqlite3_exec(writer,
	                     "BEGIN IMMEDIATE; INSERT INTO setting VALUES ('notice_days', '7')",
	                     NULL, NULL, NULL),
	    SQLITE_OK);
	time_t start = time(NULL);
	struct miz_db *reader = NULL;
	assert_int_equal(db_open(t.path, &reader, &cause), 0);
	char *v = NULL;
	assert_int_equal(db_setting_get(reader, "office_name", &v, &cause), 0);
	assert_string_equal(v, "میز");
	free(v);
	/* Generous: the busy timeout it no longer meets is 15 s. */
	assert_true(time(NULL) - start < 5);
	db_close(reader);
	sqlite3_exec(writer, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(writer);
	testdb_close(&t);
}

/* A file that is not a database gets words for a clerk, not SQLite's. */
static void
test_not_a_database(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = test_write_file(dir, "notes.db", "these are not the droids\n");
	struct miz_db *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), -1);
	assert_cause(cause, "is not a miz database: restore the last backup");
	free(path);
	test_rmdir(dir);
}

static void
test_creates_folders_and_reports_failures(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/a/b/desk.db", dir);
	struct miz_db *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_create(path, &db, &cause), 0);
	db_close(db);
	free(path);
	/* A file where a folder should be. */
	char *file = test_write_file(dir, "plain", "x");
	path = xasprintf("%s/desk.db", file);
	assert_int_equal(db_create(path, &db, &cause), -1);
	assert_non_null(cause);
	free(cause);
	free(path);
	free(file);
	test_rmdir(dir);
}

/* What the engine reports comes in a clerk's words: a full disk, a folder
 * that cannot be made, a folder given as the database. */
static void
test_engine_faults_in_plain_words(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	if (test_on_pg())
		goto files; /* a full disk is the server's */
	testdb_open(&t);
	char *pages = testdb_scalar(&t, "PRAGMA page_count");
	char *limit = xasprintf("PRAGMA max_page_count = %s", pages);
	assert_int_equal(db_exec(t.db, limit, NULL), 0);
	size_t n = 256 * 1024;
	char *big = xmalloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	assert_int_equal(db_setting_set(t.db, "office_name", big, &cause), -1);
	assert_cause(cause, "the disk is full: free some space");
	assert_scalar(&t, "SELECT count(*) FROM setting WHERE key = 'office_name'", "0");
	assert_int_equal(db_exec(t.db, "PRAGMA max_page_count = 1073741823", NULL), 0);
	free(big);
	free(limit);
	free(pages);
	testdb_close(&t);
files:;
	char *dir = test_tmpdir();
	char *file = test_write_file(dir, "plain", "x");
	char *path = xasprintf("%s/sub/desk.db", file);
	struct miz_db *db = NULL;
	assert_int_equal(db_create(path, &db, &cause), -1);
	assert_cause(cause, "cannot create the folder");
	free(path);
	assert_int_equal(db_open(dir, &db, &cause), -1);
	assert_cause(cause, "cannot open the database");
	assert_null(db);
	free(file);
	test_rmdir(dir);
}

/* Past the statements it keeps, the store prepares and finalizes each
 * time, and all still works. */
static void
test_cache_full(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	struct store_stmt *st;
	for (int i = 0; i < 600; i++) {
		char *sql = xasprintf("SELECT %d + ?1", i);
		assert_int_equal(store_prepare(t.db, sql, &st, &cause), 0);
		store_bind_int(st, 1, 1);
		assert_int_equal(store_step(st), STORE_ROW);
		assert_int_equal(store_int(st, 0), i + 1);
		store_finish(st);
		free(sql);
	}
	long n = store_prepared(t.db);
	/* The first ones are kept; the last ones are prepared again. */
	assert_int_equal(store_prepare(t.db, "SELECT 0 + ?1", &st, &cause), 0);
	store_finish(st);
	assert_int_equal(store_prepared(t.db), n);
	assert_int_equal(store_prepare(t.db, "SELECT 599 + ?1", &st, &cause), 0);
	assert_int_equal(store_busy(t.db), 1);
	store_finish(st);
	assert_int_equal(store_prepared(t.db), n + 1);
	assert_int_equal(store_busy(t.db), 0);
	testdb_close(&t);
}

/* A write while another desk holds the lock, the clerk giving up at once:
 * refused in plain words, nothing saved. */
static bool
give_up(void *arg, int waited_ms)
{
	(void)waited_ms;
	(*(int *)arg)++;
	return false;
}

static void
test_busy_gives_up(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	struct miz_db *other = NULL;
	assert_int_equal(db_open(t.path, &other, &cause), 0);
	assert_int_equal(db_begin(other, &cause), 0);
	int asked = 0;
	db_set_wait(t.db, give_up, &asked);
	assert_int_equal(db_begin(t.db, &cause), -1);
	assert_cause(cause, "another desk is saving");
	assert_true(asked >= 1);
	assert_false(store_in_transaction(t.db));
	if (!test_on_pg()) {
		/* On SQLite any write waits for the one writer; on PostgreSQL
		 * only a transaction does (a statement alone is one already). */
		asked = 0;
		assert_int_equal(db_setting_set(t.db, "office_name", "x", &cause), -1);
		assert_cause(cause, "another desk is saving");
		assert_true(asked >= 1);
		struct store_stmt *st;
		assert_int_equal(store_prepare(t.db, "DELETE FROM setting", &st, &cause), 0);
		assert_int_equal(store_step(st), STORE_BUSY);
		store_finish(st);
	}
	db_rollback(other);
	db_close(other);
	db_set_wait(t.db, NULL, NULL);
	assert_scalar(&t, "SELECT count(*) FROM setting WHERE key = 'office_name'", "0");
	testdb_close(&t);
}

/* Files that are not there, names too long, backups that cannot be
 * written or would overwrite the database itself. */
static void
test_file_faults(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	SQLITE_ONLY();
	testdb_open(&t);
	struct miz_db *db = NULL;
	char *longname = xmalloc(5000);
	memset(longname, 'a', 4999);
	longname[0] = '/';
	longname[4999] = '\0';
	assert_int_equal(db_open(longname, &db, &cause), -1);
	assert_cause(cause, "cannot open the database");
	free(longname);
	char *none = xasprintf("%s/none.db", t.dir);
	assert_int_equal(db_check_file(none, &cause), -1);
	assert_cause(cause, "cannot read");
	char *nodir = xasprintf("%s/no/such/folder/b.db", t.dir);
	assert_int_equal(db_backup(t.db, nodir, &cause), -1);
	assert_cause(cause, "cannot write the backup");
	char *link = xasprintf("%s/same.db", t.dir);
	assert_int_equal(symlink(t.path, link), 0);
	assert_int_equal(db_backup(t.db, link, &cause), -1);
	assert_cause(cause, "is the database itself");
	free(none);
	free(nodir);
	free(link);
	testdb_close(&t);
}

/* A seal asked for a history row that is not there; the demo asked of a
 * database without the sample catalog: each refused, saying why. */
static void
test_refusals_of_the_core(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	assert_int_equal(audit_seal(t.db, 999999, &cause), -1);
	assert_cause(cause, "history row 999999 is not there");
	assert_int_equal(demo_load(t.db, cal_from_gregorian(2026, 11, 23), &cause), -1);
	assert_cause(cause, "the demo needs the sample catalog");
	assert_scalar(&t, "SELECT count(*) FROM cases", "0");
	assert_scalar(&t, "SELECT count(*) FROM client", "0"); /* nothing at all */
	/* A clerk's demo is refused before anything is written. */
	assert_int_equal(clerk_sign_in(t.db, "maryam", NULL, false, &cause), 0);
	assert_int_equal(demo_load(t.db, cal_from_gregorian(2026, 11, 23), &cause), -1);
	assert_cause(cause, "write the demo cases");
	assert_scalar(&t, "SELECT count(*) FROM client", "0");
	/* A supervisor's, with a catalog, on a database that may not be
	 * written: refused at its first write, in the clerk's words. */
	assert_int_equal(clerk_sign_in(t.db, "tester", NULL, false, &cause), 0);
	struct miz_errlist errs = { 0 };
	int n;
	char *s3 = test_write_file(t.dir, "s3.csv",
	    "code,name,name_en,department,officer,officer_phone,working_days,fee,steps\n"
	    "A1,خدمت یک,One,واحد,,,3,0,\nA2,خدمت دو,Two,واحد,,,3,0,\nA3,خدمت سه,Three,واحد,,,3,0,\n");
	assert_int_equal(catalog_import_services(t.db, s3, &errs, &n, &cause), 0);
	errlist_free(&errs);
	test_query_only(t.db, true);
	assert_int_equal(demo_load(t.db, cal_from_gregorian(2026, 11, 23), &cause), -1);
	assert_cause(cause, "may not be written here");
	test_query_only(t.db, false);
	assert_scalar(&t, "SELECT count(*) FROM client", "0");
	free(s3);
	testdb_close(&t);
}

static void
test_clerk(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	/* The first clerk of a database is its supervisor; a login seen later, a clerk. */
	int64_t first = t.db->clerk_id;
	assert_true(first > 0);
	assert_true(clerk_is_supervisor(t.db));
	assert_int_equal(clerk_sign_in(t.db, "maryam", NULL, false, &cause), 0);
	assert_true(t.db->clerk_id != first);
	assert_false(clerk_is_supervisor(t.db));
	assert_int_equal(clerk_sign_in(t.db, "tester", NULL, false, &cause), 0);
	assert_int_equal(t.db->clerk_id, first);
	assert_scalar(&t, "SELECT group_concat(login || ':' || role, ' ') FROM clerk",
	    "tester:supervisor maryam:clerk");

	/* A clerk may not act for another, nor do a supervisor's work. */
	assert_int_equal(clerk_sign_in(t.db, "maryam", "tester", false, &cause), -1);
	assert_cause(cause, "only a supervisor may act for another clerk");
	assert_int_equal(t.db->clerk_id, 0);
	assert_int_equal(clerk_sign_in(t.db, "maryam", NULL, false, &cause), 0);
	assert_int_equal(db_setting_set(t.db, "office_number", "7", &cause), -1);
	assert_cause(cause, "only a supervisor may change the office's settings");
	int revised;
	assert_int_equal(holiday_add(t.db, cal_from_gregorian(2026, 12, 1), "x", "closure",
	                     &revised, &cause),
	    -1);
	assert_cause(cause, "only a supervisor may add a holiday");
	assert_int_equal(clerk_add(t.db, "reza", NULL, ROLE_CLERK, &cause), -1);
	assert_cause(cause, "only a supervisor may add a clerk");
	assert_int_equal(clerk_set_role(t.db, "maryam", ROLE_SUPERVISOR, &cause), -1);
	assert_cause(cause, "only a supervisor may change a clerk's role");
	assert_int_equal(db_restore(t.db, t.path, &cause), -1);
	assert_cause(cause, "only a supervisor may restore a backup");
	assert_scalar(&t, "SELECT count(*) FROM setting WHERE key = 'office_number'", "0");
	assert_scalar(&t, "SELECT count(*) FROM holiday", "0");

	/* A clerk works on the clock's day only. */
	miz_day d = cal_from_gregorian(2026, 11, 23);
	t.db->any_day = false; /* the tests' licence (testutil.h) taken back */
	clerk_fix_clock(t.db, d);
	assert_int_equal(clerk_check_day(t.db, d, &cause), 0);
	assert_int_equal(clerk_check_day(t.db, d - 1, &cause), -1);
	assert_cause(cause, "only a supervisor may date work before today (2026-11-23)");
	assert_int_equal(clerk_check_day(t.db, d + 1, &cause), -1);
	assert_cause(cause, "work cannot be dated after today (2026-11-23)");
	/* The owner of the file is a supervisor whatever their role. */
	assert_int_equal(clerk_sign_in(t.db, "maryam", NULL, true, &cause), 0);
	assert_true(clerk_is_supervisor(t.db));
	assert_int_equal(db_setting_set(t.db, "training", "yes", &cause), -1);
	assert_cause(cause, "only a new database is made a training one");
	assert_int_equal(clerk_sign_in(t.db, "maryam", "nobody-yet", true, &cause), -1);
	assert_cause(cause, "no clerk nobody-yet (--clerk or MIZ_CLERK)");

	/* A supervisor acting for a clerk: the clerk's work, done by the supervisor. */
	assert_int_equal(clerk_sign_in(t.db, "tester", "maryam", false, &cause), 0);
	assert_int_not_equal(t.db->clerk_id, first);
	assert_int_equal(t.db->acted_by, first);
	assert_true(clerk_is_supervisor(t.db));
	/* Back by backdate_days (3) at most; never ahead. */
	clerk_fix_clock(t.db, d);
	assert_int_equal(clerk_check_day(t.db, d - 3, &cause), 0);
	assert_int_equal(clerk_check_day(t.db, d + 1, &cause), -1);
	assert_cause(cause, "work cannot be dated after today");
	assert_int_equal(clerk_check_day(t.db, d - 4, &cause), -1);
	assert_cause(cause, "at most 3 days back");
	assert_int_equal(db_setting_set(t.db, "backdate_days", "0", &cause), 0);
	assert_int_equal(clerk_check_day(t.db, d - 1, &cause), -1);
	assert_cause(cause, "at most 0 days back");

	/* Roles: the last supervisor stays one. */
	assert_int_equal(clerk_set_role(t.db, "tester", ROLE_CLERK, &cause), -1);
	assert_cause(cause, "the last supervisor");
	assert_int_equal(clerk_add(t.db, "reza", "رضا نوری", ROLE_SUPERVISOR, &cause), 0);
	assert_int_equal(clerk_add(t.db, "reza", NULL, ROLE_CLERK, &cause), -1);
	assert_cause(cause, "a clerk already");
	assert_int_equal(clerk_add(t.db, "bad login", NULL, ROLE_CLERK, &cause), -1);
	assert_cause(cause, "a login has no spaces");
	assert_int_equal(clerk_set_role(t.db, "nobody-here", ROLE_CLERK, &cause), -1);
	assert_cause(cause, "no clerk nobody-here");
	assert_int_equal(clerk_set_role(t.db, "tester", ROLE_CLERK, &cause), 0);
	assert_false(clerk_is_supervisor(t.db)); /* stepped down: acts as a clerk now */
	struct miz_clerk *list;
	size_t n;
	assert_int_equal(clerk_list(t.db, &list, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].login, "maryam");
	assert_int_equal(list[0].role, ROLE_CLERK);
	assert_string_equal(list[1].login, "reza");
	assert_string_equal(list[1].name, "رضا نوری");
	assert_int_equal(list[1].role, ROLE_SUPERVISOR);
	assert_int_equal(list[2].role, ROLE_CLERK);
	clerk_list_free(list, n);
	testdb_close(&t);
}

/* Migration 5 rebuilds the cases table: every row, id and reference survives. */
static void
test_cases_rebuild_keeps_rows(void **state)
{
	(void)state;
	struct testdb t = { 0 };
	t.dir = test_tmpdir();
	t.path = xasprintf("%s/desk.db", t.dir);
	sqlite3 *sq;
	assert_int_equal(sqlite3_open(t.path, &sq), SQLITE_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    sqlite3_exec(sq, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(sq,
	        "PRAGMA user_version = 4;"
	        "INSERT INTO clerk(id, login, name) VALUES (3, 'maryam', 'مریم');"
	        "INSERT INTO client(id, national_id, full_name, created_at)"
	        "  VALUES (5, '0499370899', 'علی کریمی', '2026-11-01 09:00:00');"
	        "INSERT INTO service(id, code, name, working_days) VALUES (2, 'LEASE', 'اجاره', "
	        "15);"
	        "INSERT INTO document(id, service_id, position, name, required, form)"
	        "  VALUES (4, 2, 1, 'کارت ملی', 1, 'original');"
	        "INSERT INTO cases VALUES (41, '001000000525', 5, 2, 'delivered', '2026-11-01', 3,"
	        "  15, '2026-11-02', '2026-11-20', '2026-11-19', '2026-11-18', 4, 'خوب', 2, 0,"
	        "  'یادداشت, با \"نقل\"', 3);"
	        "INSERT INTO cases(id, code, client_id, service_id, status, opened_on, imported)"
	        "  VALUES (42, '0000007', 5, 2, 'awaiting_documents', '2025-01-05', 1);"
	        "INSERT INTO notice VALUES (1, 42, '2025-01-05', '2025-01-20', 3, NULL);"
	        "INSERT INTO notice_item VALUES (1, 4);"
	        "INSERT INTO case_document VALUES (41, 4, '2026-11-01');"
	        "INSERT INTO history(case_id, at, clerk_id, action, to_status)"
	        "  VALUES (41, '2026-11-01 09:10:00', 3, 'open', 'in_progress');",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(sq);

	char *cause = NULL;
	if (db_open(t.path, &t.db, &cause) != 0)
		fail_msg("db_open: %s", cause);
	char *v = xasprintf("%d", db_schema_version());
	assert_scalar(&t, "PRAGMA user_version", v);
	free(v);
	assert_scalar(&t, "PRAGMA foreign_keys", "1");
	/* Schema 8: clerks there are clerks (whoever owns the file is the
	 * supervisor); received documents keep their rows, under ids of their
	 * own. */
	assert_scalar(&t, "SELECT login || ':' || role FROM clerk", "maryam:clerk");
	assert_scalar(&t,
	    "SELECT id || ' ' || case_id || ' ' || document_id || ' ' || received_on || ' ' ||"
	    " coalesce(lost_on, '-') FROM case_document",
	    "1 41 4 2026-11-01 -");
	/* Schema 12: case 41 was delivered (11-18) before its promise (11-20),
	 * case 42 never had one: neither was ever overdue. */
	assert_scalar(&t,
	    "SELECT count(*) || ' ' || (SELECT count(*) FROM overdue_day)"
	    " FROM overdue_span",
	    "0 0");
	/* Schema 7 sealed the history rows that were there. */
	assert_scalar(&t, "SELECT count(*) FROM history WHERE hash IS NULL", "0");
	assert_scalar(&t, "SELECT length(hash) FROM history", "64");
	assert_scalar(&t,
	    "SELECT group_concat(coalesce(x, 'NULL'), '|') FROM (SELECT id || ' ' || code || ' ' ||"
	    " client_id || ' ' || service_id || ' ' || status || ' ' || opened_on || ' ' ||"
	    " coalesce(clerk_id, '-') || ' ' || working_days || ' ' || coalesce(complete_on, '-') "
	    "||"
	    " ' ' || coalesce(promised_on, '-') || ' ' || coalesce(original_promised_on, '-') || ' "
	    "'"
	    " || coalesce(closed_on, '-') || ' ' || coalesce(satisfaction, '-') || ' ' || comment "
	    "||"
	    " ' ' || visits || ' ' || imported || ' ' || note || ' ' || coalesce(closed_by, '-') "
	    "AS x"
	    " FROM cases ORDER BY id)",
	    "41 001000000525 5 2 delivered 2026-11-01 3 15 2026-11-02 2026-11-20 2026-11-19 "
	    "2026-11-18 4 خوب 2 0 یادداشت, با \"نقل\" 3|"
	    "42 0000007 5 2 awaiting_documents 2025-01-05 - 0 - - - - -  1 1  -");
	/* Nothing refers to a missing case, the file is sound, the indexes are back. */
	assert_scalar(&t, "SELECT count(*) FROM pragma_foreign_key_check", "0");
	assert_scalar(&t, "PRAGMA integrity_check", "ok");
	assert_scalar(&t,
	    "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type ="
	    " 'index' AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY name)",
	    "cases_client cases_closed cases_complete cases_open_promise cases_opened "
	    "cases_status");
	assert_scalar(&t, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_new'", "0");
	/* The checks still hold. */
	assert_int_not_equal(
	    db_exec(t.db, "UPDATE cases SET status = 'lost' WHERE id = 42", NULL), 0);
	assert_int_not_equal(
	    db_exec(t.db, "UPDATE cases SET satisfaction = 6 WHERE id = 41", NULL), 0);
	assert_int_not_equal(db_exec(t.db, "DELETE FROM cases WHERE id = 41", NULL), 0);
	assert_int_equal(db_exec(t.db, "UPDATE cases SET status = 'ready' WHERE id = 42", NULL), 0);
	testdb_close(&t);
}

/* A backup from an older miz is brought up to this schema as it is restored,
 * so the desks already open find the tables they write to. */
/* A desk whose connection to the server is lost is told so in plain words,
 * with nothing half-written, and its next work connects again. */
static void
test_connection_lost(void **state)
{
	(void)state;
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	assert_int_equal(db_setting_set(t.db, "office_name", "یک", &cause), 0);
	/* Lost between two pieces of work: the next statement says so, the
	 * one after works. */
	char *pid = testdb_scalar(&t, "SELECT pg_backend_pid()");
	char *kill = xasprintf("SELECT pg_terminate_backend(%s, 5000)", pid);
	test_pg_admin(kill);
	assert_int_equal(
	    db_exec(t.db, "UPDATE setting SET value = 'دو' WHERE key = 'office_name'", &cause), -1);
	assert_cause(cause, "the connection to the database server was lost");
	assert_int_equal(db_setting_set(t.db, "office_name", "سه", &cause), 0);
	assert_scalar(&t, "SELECT value FROM setting WHERE key = 'office_name'", "سه");
	/* Lost inside a transaction: its work is gone whole, the rollback
	 * and the next transaction work. */
	free(pid);
	free(kill);
	pid = testdb_scalar(&t, "SELECT pg_backend_pid()");
	kill = xasprintf("SELECT pg_terminate_backend(%s, 5000)", pid);
	assert_int_equal(db_begin(t.db, &cause), 0);
	assert_int_equal(db_exec(t.db, "INSERT INTO setting VALUES ('half', 'x')", &cause), 0);
	test_pg_admin(kill);
	/* A statement not prepared before is not prepared on a new
	 * connection, outside the transaction and its lock. */
	struct store_stmt *st;
	assert_int_equal(
	    store_prepare(t.db, "INSERT INTO setting VALUES ('after', 'z')", &st, &cause), -1);
	assert_cause(cause, "the connection to the database server was lost");
	assert_int_equal(db_exec(t.db, "INSERT INTO setting VALUES ('written', 'y')", &cause), -1);
	assert_cause(cause, "the connection to the database server was lost");
	assert_int_equal(db_commit(t.db, &cause), -1);
	free(cause);
	cause = NULL;
	assert_false(store_in_transaction(t.db));
	assert_int_equal(db_begin(t.db, &cause), 0);
	assert_int_equal(db_commit(t.db, &cause), 0);
	assert_scalar(
	    &t, "SELECT count(*) FROM setting WHERE key IN ('half', 'written', 'after')", "0");
	free(pid);
	free(kill);
	testdb_close(&t);
}

static void
test_restore_older_backup(void **state)
{
	(void)state;
	SQLITE_ONLY();
	struct testdb t;
	char *cause = NULL;
	testdb_open(&t);
	char *old = xasprintf("%s/old.db", t.dir);
	sqlite3 *sq;
	assert_int_equal(sqlite3_open(old, &sq), SQLITE_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    sqlite3_exec(sq, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	/* One official day of 1404 (not a list), twenty of 1405 (a list), and
	 * the planner's statistics a big import leaves. */
	assert_int_equal(sqlite3_exec(sq,
	                     "PRAGMA user_version = 4;"
	                     "INSERT INTO clerk(id, login, name) VALUES (1, 'tester', 'tester');"
	                     "INSERT INTO holiday(date, name) VALUES ('2025-03-21', 'n');"
	                     "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d"
	                     " WHERE n < 19) INSERT INTO holiday(date, name)"
	                     " SELECT date('2026-04-01', '+' || n || ' days'), 'x' FROM d;"
	                     "ANALYZE;",
	                     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(sq);
	if (db_restore(t.db, old, &cause) != 0)
		fail_msg("restore: %s", cause);
	char *v = xasprintf("%d", db_schema_version());
	assert_scalar(&t, "PRAGMA user_version", v);
	assert_scalar(&t, "SELECT count(*) FROM day_figure", "0");
	/* Schema 9 marks the years whose official lists were there. */
	assert_scalar(&t, "SELECT group_concat(year) FROM holiday_list", "1405");
	/* Schema 5 rebuilt cases, which drops its statistics: gathered again
	 * (an empty table has none to keep, so only that the upgrade ran). */
	free(v);
	free(old);
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
		cmocka_unit_test(test_no_silent_new_database),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_newer_schema_untouched),
		cmocka_unit_test(test_reader_during_a_write),
		cmocka_unit_test(test_clerk),
		cmocka_unit_test(test_engine_faults_in_plain_words),
		cmocka_unit_test(test_cache_full),
		cmocka_unit_test(test_busy_gives_up),
		cmocka_unit_test(test_file_faults),
		cmocka_unit_test(test_refusals_of_the_core),
		cmocka_unit_test(test_cases_rebuild_keeps_rows),
		cmocka_unit_test(test_restore_older_backup),
		cmocka_unit_test(test_statement_cache),
	};
	int failed = cmocka_run_group_tests_name("db", tests, NULL, NULL);
	/* What only a server has: run when the tests run on one (tests/pg/run.sh
	 * reads the groups' results as one stream). */
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_connection_lost),
	};
	if (test_on_pg())
		failed += cmocka_run_group_tests_name("db on PostgreSQL", pg_tests, NULL, NULL);
	return failed;
}
