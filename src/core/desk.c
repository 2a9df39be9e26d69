/* The desk at a glance: counts and paged lists, each one indexed query. */
#include "config.h"

#include <assert.h>
#include <string.h>

#include "miz/desk.h"
#include "miz/i18n.h"

const char *
desk_view_label(enum desk_view v)
{
	switch (v) {
	case DESK_OPENED_TODAY:
		return _("Opened today");
	case DESK_AWAITING:
		return _("Awaiting documents");
	case DESK_DUE_TODAY:
		return _("Due today");
	case DESK_OVERDUE:
		return _("Overdue");
	case DESK_READY:
		return _("Ready for pickup");
	case DESK_REFERRAL_LATE:
		return _("Referrals late");
	case DESK__COUNT:
		break;
	}
	return "?";
}

#define DESK_SELECT(day, extra, from)                                                        \
	"SELECT c.id, c.code, cl.full_name, s.name, c.status, " day ", " extra " FROM " from \
	" JOIN client cl ON cl.id = c.client_id JOIN service s ON s.id = c.service_id"

/* One fixed query per view; every one walks an index and stops at the page. */
static const char *const view_sql[DESK__COUNT] = {
	[DESK_OPENED_TODAY] = DESK_SELECT("c.promised_on", "''",
	    "cases c") " WHERE c.opened_on = ?1 ORDER BY c.id DESC LIMIT ?2 OFFSET ?3",
	[DESK_AWAITING] =
	    DESK_SELECT("(SELECT max(n.deadline) FROM notice n WHERE n.case_id = c.id)", "''",
	        /* Waiting files have no promise: (status, promised_on) is in id order. */
	        "cases c") " WHERE c.status = 'awaiting_documents' ORDER BY c.promised_on, c.id"
	                   " LIMIT ?2 OFFSET ?3",
	[DESK_DUE_TODAY] = DESK_SELECT("c.promised_on", "''",
	    "cases c") " WHERE c.status IN ('in_progress', 'referred') AND c.promised_on = ?1"
	               " ORDER BY c.id LIMIT ?2 OFFSET ?3",
	/* The partial index gives the order: no sort of every overdue case. */
	[DESK_OVERDUE] = DESK_SELECT("c.promised_on", "''",
	    "cases c INDEXED BY cases_open_promise") " WHERE c.status IN ('in_progress', "
	                                             "'referred') AND c.promised_on < ?1"
	                                             " ORDER BY c.promised_on, c.id LIMIT ?2 "
	                                             "OFFSET ?3",
	[DESK_READY] = DESK_SELECT("c.promised_on", "''",
	    "cases c") " WHERE c.status = 'ready' ORDER BY c.promised_on, c.id LIMIT ?2 OFFSET ?3",
	[DESK_REFERRAL_LATE] = DESK_SELECT("r.due_on",
	    "(SELECT name FROM department WHERE id = r.department_id)",
	    "referral r JOIN cases c ON c.id = r.case_id") " WHERE r.returned_on IS NULL AND "
	                                                   "r.due_on < ?1 ORDER BY r.due_on, r.id"
	                                                   " LIMIT ?2 OFFSET ?3",
};

int
desk_counts(struct miz_db *db, miz_day today, int counts[DESK__COUNT], char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "SELECT"
	        " (SELECT count(*) FROM cases WHERE opened_on = ?1),"
	        " (SELECT count(*) FROM cases WHERE status = 'awaiting_documents'),"
	        " (SELECT count(*) FROM cases WHERE status IN ('in_progress', 'referred')"
	        "   AND promised_on = ?1),"
	        " (SELECT count(*) FROM cases WHERE status IN ('in_progress', 'referred')"
	        "   AND promised_on < ?1),"
	        " (SELECT count(*) FROM cases WHERE status = 'ready'),"
	        " (SELECT count(*) FROM referral WHERE returned_on IS NULL AND due_on < ?1)",
	        &st, cause) != 0)
		return -1;
	db_bind_day(st, 1, today);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < DESK__COUNT; i++)
			counts[i] = sqlite3_column_int(st, i);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, cause);
	return 0;
}

int
desk_list(struct miz_db *db, enum desk_view v, miz_day today, int limit, int offset,
    desk_visit_fn fn, void *arg, char **cause)
{
	assert(v >= 0 && v < DESK__COUNT);
	sqlite3_stmt *st;
	if (db_prepare(db, view_sql[v], &st, cause) != 0)
		return -1;
	db_bind_day(st, 1, today);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	int rc, count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_row r;
		r.case_id = sqlite3_column_int64(st, 0);
		r.code = (const char *)sqlite3_column_text(st, 1);
		r.client_name = (const char *)sqlite3_column_text(st, 2);
		r.service_name = (const char *)sqlite3_column_text(st, 3);
		const char *status = (const char *)sqlite3_column_text(st, 4);
		if (status == NULL || case_status_parse(status, &r.status) != 0)
			r.status = ST_IN_PROGRESS;
		if (db_column_day(st, 5, &r.day) != 0)
			r.day = NO_DAY;
		r.extra = (const char *)sqlite3_column_text(st, 6);
		if (r.extra == NULL)
			r.extra = "";
		count++;
		if (fn != NULL && fn(&r, arg) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		count = db_fail(db, cause);
	sqlite3_finalize(st);
	return count;
}
