/*
 * The case statuses as SQL literals, for the core's queries.  They are
 * written into the SQL text, never bound: SQLite uses a partial index
 * (cases_open_promise: WHERE status IN ('in_progress', 'referred')) only
 * for a query that names the same statuses as constants.  Each is the
 * token case_status_token gives for its enum value (checked by
 * test_case's test_status_words); schema.h's migrations keep their own
 * text, as a migration once released never changes.
 */
#ifndef MIZ_STATUS_SQL_H
#define MIZ_STATUS_SQL_H

#define SQL_AWAITING "'awaiting_documents'"
#define SQL_IN_PROGRESS "'in_progress'"
#define SQL_REFERRED "'referred'"
#define SQL_READY "'ready'"
#define SQL_DELIVERED "'delivered'"
#define SQL_WITHDRAWN "'withdrawn'"
#define SQL_REJECTED "'rejected'"
/* Open and promised: the statuses whose promise can be overdue. */
#define SQL_OPEN "(" SQL_IN_PROGRESS ", " SQL_REFERRED ")"

#endif
