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

int
overdue_acc_start(struct miz_db *db, struct overdue_acc *a, char **cause)
{
	day_acc_init(&a->days);
	return store_prepare(db,
	    "INSERT INTO overdue_span(case_id, promised_on, start_day, end_day) VALUES (?, ?, ?, "
	    "?)",
	    &a->insert, cause);
}

int
overdue_acc_case(struct miz_db *db, struct overdue_acc *a, int64_t case_id, const char *status,
    miz_day promised, miz_day closed, char **cause)
{
	if (promised == NO_DAY || status == NULL)
		return 0;
	bool open = strcmp(status, "in_progress") == 0 || strcmp(status, "referred") == 0;
	miz_day start = promised + 1;
	if (!open && (closed == NO_DAY || closed <= start))
		return 0;
	struct store_stmt *st = a->insert;
	store_reset(st);
	store_bind_int(st, 1, case_id);
	store_bind_day(st, 2, promised);
	store_bind_day(st, 3, start);
	if (open)
		store_bind_null(st, 4);
	else
		store_bind_day(st, 4, closed);
	if (store_step(st) != STORE_DONE)
		return db_fail(db, cause);
	day_acc_get(&a->days, start, 0)->v[0]++;
	if (!open)
		day_acc_get(&a->days, closed, 0)->v[1]++;
	return 0;
}

void
overdue_acc_free(struct overdue_acc *a)
{
	store_finish(a->insert);
	a->insert = NULL;
	day_acc_free(&a->days);
}

int
overdue_acc_finish(struct miz_db *db, struct overdue_acc *a, char **cause)
{
	int ret = 0;
	for (size_t i = 0; i < a->days.n && ret == 0; i++) {
		const struct day_acc_row *r = day_acc_row(&a->days, i);
		ret = bump(db, r->day, r->v[0], r->v[1], cause);
	}
	overdue_acc_free(a);
	return ret;
}
