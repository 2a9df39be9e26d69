/* Shared helpers for the unit tests: cmocka, temporary databases, fixtures. */
#ifndef MIZ_TESTUTIL_H
#define MIZ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	t->path = xasprintf("%s/desk.db", t->dir);
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
