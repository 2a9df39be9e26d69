/* The days each case was overdue at the end of (overdue.h). */
#include "config.h"

#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "overdue.h"
#include "store.h"

/* Adds delta to a day's starts or ends. */
static int
bump(struct miz_db *db, miz_day day, int starts, int ends, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO overdue_day(day, starts, ends) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT(day) DO UPDATE SET starts = overdue_day.starts + ?2,"
	        " ends = overdue_day.ends + ?3",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, day);
	store_bind_int(st, 2, starts);
	store_bind_int(st, 3, ends);
	int rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
overdue_watch(struct miz_db *db, int64_t case_id, miz_day from, miz_day promised, char **cause)
{
	if (promised == NO_DAY)
		return 0;
	miz_day start = promised + 1 > from ? promised + 1 : from;
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO overdue_span(case_id, promised_on, start_day) VALUES (?, ?, ?)", &st,
	        cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	store_bind_day(st, 2, promised);
	store_bind_day(st, 3, start);
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	return bump(db, start, 1, 0, cause);
}

int
overdue_stop(struct miz_db *db, int64_t case_id, miz_day day, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT id, start_day FROM overdue_span WHERE case_id = ? AND end_day IS NULL", &st,
	        cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	int rc = store_step(st);
	int64_t id = 0;
	miz_day start = NO_DAY;
	if (rc == STORE_ROW) {
		id = store_int(st, 0);
		if (store_day(st, 1, &start) != 0)
			start = NO_DAY;
	}
	store_finish(st);
	if (rc == STORE_DONE)
		return 0; /* not watched: not in progress, or no promise */
	if (rc != STORE_ROW || start == NO_DAY)
		return rc != STORE_ROW
		    ? db_fail(db, cause)
		    : miz_fail(cause, _("overdue span %lld has no start day"), (long long)id);
	/* Overdue on days before `day` only: a span that starts on it or
	 * later never happened. */
	bool happened = start < day;
	if (store_prepare(db,
	        happened ? "UPDATE overdue_span SET end_day = ?2 WHERE id = ?1"
	                 : "DELETE FROM overdue_span WHERE id = ?1",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	if (happened)
		store_bind_day(st, 2, day);
	rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	return happened ? bump(db, day, 0, 1, cause) : bump(db, start, -1, 0, cause);
}

int
overdue_from_cases(struct miz_db *db, const char *which, char **cause)
{
	char *sql = xasprintf(OVERDUE_SPANS_FROM_CASES("(%1$s)"), which);
	int rc = db_exec(db, sql, cause);
	free(sql);
	return rc;
}

bool
overdue_imported_span(
    const char *status, miz_day promised, miz_day closed, miz_day *start, miz_day *end)
{
	if (promised == NO_DAY || status == NULL)
		return false;
	bool open = strcmp(status, "in_progress") == 0 || strcmp(status, "referred") == 0;
	*start = promised + 1;
	*end = open ? NO_DAY : closed;
	return open || (closed != NO_DAY && closed > *start);
}
