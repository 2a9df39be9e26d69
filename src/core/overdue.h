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

#include <stdbool.h>
#include <stdint.h>

#include "miz/calendar.h"
#include "figures.h"
#include "store.h"
#include "status_sql.h"

/* A case in progress or referred with promise `promised`, from day `from`:
 * overdue from the day after the promise (or from `from` if later). */
int overdue_watch(struct miz_db *db, int64_t case_id, miz_day from, miz_day promised,
    char **cause);
/* The case stops being overdue (or never starts) at the end of `day`. */
int overdue_stop(struct miz_db *db, int64_t case_id, miz_day day, char **cause);

/*
 * The spans of cases written without the actions (an imported register,
 * the cases there before schema 12), for `which` cases (an SQL condition on
 * cases c), against each case's promise now:
 * - a case whose status changes all have a business day: each stretch its
 *   history shows it in progress or referred, from the later of its start
 *   and the day after the promise, to the next status change;
 * - any other (imported, or changed before schema 6): from the day after
 *   the promise while open, to the day it closed if it did, none if it is
 *   ready now (as the reports took them before);
 * then the per-day counts rebuilt.  The SQL is shared with the migration.
 */
/* clang-format off */
#define OVERDUE_KNOWN_HISTORY(c) \
	"(EXISTS (SELECT 1 FROM history h WHERE h.case_id = " c ".id" \
	"   AND h.to_status IS NOT NULL AND h.day IS NOT NULL) AND NOT EXISTS" \
	"  (SELECT 1 FROM history h WHERE h.case_id = " c ".id AND h.to_status IS NOT NULL" \
	"   AND h.day IS NULL))"
/* A case from an old register has no "open" row: the status its first
 * change left is its status from the day it opened (the UNION ALL row). */
#define OVERDUE_SPANS_FROM_CASES(which) \
	"INSERT INTO overdue_span(case_id, promised_on, start_day, end_day)" \
	" SELECT case_id, promised_on, max(from_day, date(promised_on, '+1 day')), to_day FROM" \
	" (SELECT case_id, promised_on, from_day, to_status," \
	"   lead(from_day) OVER (PARTITION BY case_id ORDER BY hid) AS to_day FROM" \
	"  (SELECT h.case_id, c.promised_on, h.day AS from_day, h.to_status, h.id AS hid" \
	"   FROM cases c JOIN history h ON h.case_id = c.id" \
	"   WHERE " which " AND date(c.promised_on) IS NOT NULL AND h.to_status IS NOT NULL" \
	"   AND " OVERDUE_KNOWN_HISTORY("c") \
	"   UNION ALL SELECT c.id, c.promised_on, c.opened_on, f.from_status, 0" \
	"   FROM cases c JOIN history f ON f.id = (SELECT min(h.id) FROM history h" \
	"     WHERE h.case_id = c.id AND h.to_status IS NOT NULL)" \
	"   WHERE " which " AND date(c.promised_on) IS NOT NULL AND f.from_status IS NOT NULL" \
	"   AND " OVERDUE_KNOWN_HISTORY("c") ") AS h) AS s" \
	" WHERE to_status IN " SQL_OPEN \
	" AND (to_day IS NULL OR to_day > max(from_day, date(promised_on, '+1 day')));" \
	"INSERT INTO overdue_span(case_id, promised_on, start_day, end_day)" \
	" SELECT c.id, c.promised_on, date(c.promised_on, '+1 day')," \
	"   CASE WHEN c.closed_on IS NULL THEN NULL ELSE c.closed_on END" \
	" FROM cases c WHERE " which " AND date(c.promised_on) IS NOT NULL" \
	" AND NOT " OVERDUE_KNOWN_HISTORY("c") \
	" AND (c.status IN " SQL_OPEN " OR" \
	"   (c.closed_on IS NOT NULL AND c.closed_on > date(c.promised_on, '+1 day')));" \
	"DELETE FROM overdue_day;" \
	"INSERT INTO overdue_day(day, starts, ends) SELECT day, sum(s), sum(e) FROM" \
	" (SELECT start_day AS day, 1 AS s, 0 AS e FROM overdue_span" \
	"  UNION ALL SELECT end_day, 0, 1 FROM overdue_span WHERE end_day IS NOT NULL) AS d" \
	" GROUP BY day;"
/* clang-format on */

int overdue_from_cases(struct miz_db *db, const char *which, char **cause);

/*
 * The span of a case an import writes (no history: the second rule above):
 * true, with *start and *end (NO_DAY while still to come), when a case
 * with that status, promise and closing day was ever overdue.
 */
bool overdue_imported_span(
    const char *status, miz_day promised, miz_day closed, miz_day *start, miz_day *end);

#endif
