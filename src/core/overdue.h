/*
 * The days each case was overdue at the end of, kept as they happen, so a
 * past day is reported as it stood (not from today's promises) and fast.
 *
 * overdue_span: a case is overdue at the end of every day from start_day
 * (the day after its promise, or the day it went back in progress) up to,
 * not including, end_day (the day it left in progress or referred, or its
 * promise moved); end_day is NULL while that is still to come.
 * overdue_day: per day, how many spans start and end on it, so the count
 * at the end of day D is the sum of starts minus ends up to D.
 *
 * Internal to the core: the case actions call these inside their own
 * transactions.
 */
#ifndef MIZ_CORE_OVERDUE_H
#define MIZ_CORE_OVERDUE_H

#include <stdint.h>

#include "miz/calendar.h"
#include "miz/db.h"

/* A case in progress or referred with promise `promised`, from day `from`:
 * overdue from the day after the promise (or from `from` if later). */
int overdue_watch(struct miz_db *db, int64_t case_id, miz_day from, miz_day promised,
    char **cause);
/* The case stops being overdue (or never starts) at the end of `day`. */
int overdue_stop(struct miz_db *db, int64_t case_id, miz_day day, char **cause);

/*
 * The spans of cases written without the actions (an imported register,
 * the cases there before schema 12): from what the cases say now and their
 * history, for `which` cases (an SQL condition on cases c); then the
 * per-day counts rebuilt.  The SQL is shared with the migration.
 */
#define OVERDUE_SPANS_FROM_CASES(which)                                                   \
	"INSERT INTO overdue_span(case_id, promised_on, start_day, end_day)"                   \
	" SELECT c.id, c.promised_on, date(c.promised_on, '+1 day'), CASE"                     \
	"   WHEN c.status IN ('in_progress', 'referred') THEN NULL"                           \
	"   ELSE coalesce((SELECT max(h.day) FROM history h WHERE h.case_id = c.id"           \
	"     AND h.to_status = 'ready'), c.closed_on) END AS stop"                           \
	" FROM cases c WHERE " which " AND c.promised_on IS NOT NULL"                          \
	" AND c.status <> 'awaiting_documents'"                                               \
	" AND (c.status IN ('in_progress', 'referred') OR"                                     \
	"   coalesce((SELECT max(h.day) FROM history h WHERE h.case_id = c.id"                \
	"     AND h.to_status = 'ready'), c.closed_on) > date(c.promised_on, '+1 day'));"     \
	"DELETE FROM overdue_day;"                                                             \
	"INSERT INTO overdue_day(day, starts, ends) SELECT day, sum(s), sum(e) FROM"            \
	" (SELECT start_day AS day, 1 AS s, 0 AS e FROM overdue_span"                          \
	"  UNION ALL SELECT end_day, 0, 1 FROM overdue_span WHERE end_day IS NOT NULL)"        \
	" GROUP BY day;"

int overdue_from_cases(struct miz_db *db, const char *which, char **cause);

#endif
