/* The days each case was overdue at the end of (overdue.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "overdue.h"

/* Adds delta to a day's starts or ends. */
static int
bump(struct miz_db *db, miz_day day, int starts, int ends, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "INSERT INTO overdue_day(day, starts, ends) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT(day) DO UPDATE SET starts = starts + ?2, ends = ends + ?3",
	        &st, cause) != 0)
		return -1;
	db_bind_day(st, 1, day);
	sqlite3_bind_int(st, 2, starts);
	sqlite3_bind_int(st, 3, ends);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, cause);
}

int
overdue_watch(struct miz_db *db, int64_t case_id, miz_day from, miz_day promised, char **cause)
{
	if (promised == NO_DAY)
		return 0;
	miz_day start = promised + 1 > from ? promised + 1 : from;
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "INSERT INTO overdue_span(case_id, promised_on, start_day) VALUES (?, ?, ?)", &st,
	        cause) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_day(st, 2, promised);
	db_bind_day(st, 3, start);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause);
	return bump(db, start, 1, 0, cause);
}

int
overdue_stop(struct miz_db *db, int64_t case_id, miz_day day, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "SELECT id, start_day FROM overdue_span WHERE case_id = ? AND end_day IS NULL", &st,
	        cause) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	int rc = sqlite3_step(st);
	int64_t id = 0;
	miz_day start = NO_DAY;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (db_column_day(st, 1, &start) != 0)
			start = NO_DAY;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0; /* not watched: not in progress, or no promise */
	if (rc != SQLITE_ROW || start == NO_DAY)
		return rc != SQLITE_ROW
		    ? db_fail(db, cause)
		    : miz_fail(cause, _("overdue span %lld has no start day"), (long long)id);
	/* Overdue on days before `day` only: a span that starts on it or
	 * later never happened. */
	bool happened = start < day;
	if (db_prepare(db,
	        happened ? "UPDATE overdue_span SET end_day = ?2 WHERE id = ?1"
	                 : "DELETE FROM overdue_span WHERE id = ?1",
	        &st, cause) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (happened)
		db_bind_day(st, 2, day);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause);
	return happened ? bump(db, day, 0, 1, cause) : bump(db, start, -1, 0, cause);
}

int
overdue_from_cases(struct miz_db *db, const char *which, char **cause)
{
	char *sql = xasprintf(OVERDUE_SPANS_FROM_CASES("%s"), which);
	int rc = db_exec(db, sql, cause);
	free(sql);
	return rc;
}
