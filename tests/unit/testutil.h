/* Shared helpers for the unit tests: cmocka, temporary databases, fixtures. */
#ifndef MIZ_TESTUTIL_H
#define MIZ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "miz/clerk.h"
#include "miz/db.h"
#include "miz/xmalloc.h"
#include "../../src/core/store.h"

/* A fresh temporary directory for one test; removed by test_rmdir. */
static inline char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/miz-test-XXXXXX", base != NULL && *base ? base : "/tmp");
	if (mkdtemp(tmpl) == NULL)
		abort();
	return tmpl;
}

/* Removes a temporary directory and everything in it. */
static inline void
test_rmdir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

/* Writes a file with the given contents into dir; returns its path. */
static inline char *
test_write_file(const char *dir, const char *name, const char *contents)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(contents, fp);
	fclose(fp);
	return path;
}

/*
 * Signs `login` in: "tester", the first clerk, is the database's supervisor.
 * The tests date work on fixed days, whatever the clock says
 * (clerk_any_day; test_clerk checks the dating rule).
 */
static inline void
test_sign_in(struct miz_db *db, const char *login)
{
	char *cause = NULL;
	if (clerk_sign_in(db, login, NULL, false, &cause) != 0)
		fail_msg("clerk_sign_in: %s", cause);
	clerk_any_day(db);
}

/*
 * The engine the tests run on: SQLite files in a temporary directory, or
 * with MIZ_TEST_ENGINE=postgresql a PostgreSQL server found by the PG*
 * environment (tests/pg/run.sh starts one with pg_virtualenv), each test
 * database a schema of its own.
 */
static inline bool
test_on_pg(void)
{
	const char *e = getenv("MIZ_TEST_ENGINE");
	return e != NULL && strcmp(e, "postgresql") == 0;
}

/* Runs SQL on the test server as its administrator (PG* environment). */
static inline void
test_pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb("");
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("the test PostgreSQL server: %s", PQerrorMessage(c));
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

/* A new, empty database where the engine's tests put one: an SQLite path
 * in dir, or a schema of its own on the test server. */
static inline char *
test_db_where(const char *dir, const char *name)
{
	if (!test_on_pg())
		return xasprintf("%s/%s", dir, name);
	static int n;
	char *schema = xasprintf("t%ld_%d", (long)getpid(), ++n);
	char *sql = xasprintf("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;"
	                      " DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
	    schema, schema);
	test_pg_admin(sql);
	free(sql);
	char *where = xasprintf("postgresql://?options=-csearch_path%%3D%s,public", schema);
	free(schema);
	return where;
}

/* A test only SQLite can run (its files, its pragmas). */
#define SQLITE_ONLY()             \
	do {                      \
		if (test_on_pg()) \
			skip();   \
	} while (0)

/* Makes the connection unable to write (SQLite: query_only; PostgreSQL:
 * read-only transactions), or able again. */
static inline void
test_query_only(struct miz_db *db, bool on)
{
	const char *sql = test_on_pg()
	    ? (on ? "SET default_transaction_read_only = on"
	          : "SET default_transaction_read_only = off")
	    : (on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF");
	if (db_exec(db, sql, NULL) != 0)
		fail_msg("%s failed", sql);
}

/* Drops what test_db_where made. */
static inline void
test_db_drop(const char *where)
{
	const char *s = strstr(where, "search_path%3D");
	if (s == NULL)
		return;
	s += strlen("search_path%3D");
	char *sql = xasprintf("DROP SCHEMA %.*s CASCADE", (int)strcspn(s, ","), s);
	test_pg_admin(sql);
	free(sql);
}

/* A test database in its own directory. */
struct testdb {
	char *dir;
	char *path;
	struct miz_db *db;
};

static inline void
testdb_open(struct testdb *t)
{
	char *cause = NULL;
	t->dir = test_tmpdir();
	t->path = test_db_where(t->dir, "desk.db");
	if (db_create(t->path, &t->db, &cause) != 0)
		fail_msg("db_create: %s", cause);
	test_sign_in(t->db, "tester");
}

static inline void
testdb_close(struct testdb *t)
{
	/* Every statement the test's work took was finished. */
	if (t->db != NULL && store_busy(t->db) != 0)
		fail_msg("%d statements left unfinished", store_busy(t->db));
	db_close(t->db);
	if (test_on_pg())
		test_db_drop(t->path);
	free(t->path);
	test_rmdir(t->dir);
	memset(t, 0, sizeof *t);
}

/* Runs a single-value query and returns it as a new string ("" for NULL). */
static inline char *
testdb_scalar(struct testdb *t, const char *sql)
{
	struct store_stmt *st;
	char *cause = NULL;
	if (store_prepare(t->db, sql, &st, &cause) != 0)
		fail_msg("%s: %s", sql, cause);
	char *out = xstrdup("");
	if (store_step(st) == STORE_ROW) {
		free(out);
		out = store_strdup(st, 0);
	}
	store_finish(st);
	return out;
}

/* Asserts a single-value query returns `want`. */
#define assert_scalar(t, sql, want)                     \
	do {                                            \
		char *got_ = testdb_scalar((t), (sql)); \
		assert_string_equal(got_, (want));      \
		free(got_);                             \
	} while (0)

/* Asserts that `cause` is set and contains `needle`, then frees it. */
#define assert_cause(cause, needle)                                                 \
	do {                                                                        \
		assert_non_null(cause);                                             \
		if (strstr((cause), (needle)) == NULL)                              \
			fail_msg("message \"%s\" lacks \"%s\"", (cause), (needle)); \
		free(cause);                                                        \
		(cause) = NULL;                                                     \
	} while (0)

static inline void
test_setlocale(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
}

#endif
