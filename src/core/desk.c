/* The desk at a glance: counts and paged lists, each one indexed query. */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/desk.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "store.h"
#include "status_sql.h"

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
	[DESK_AWAITING] = DESK_SELECT(
	    "(SELECT max(n.deadline) FROM notice n WHERE n.case_id = c.id)", "''",
	    /* Waiting files have no promise: (status, promised_on) is in id order. */
	    "cases c") " WHERE c.status = " SQL_AWAITING " ORDER BY c.promised_on NULLS FIRST, c.id"
	               " LIMIT ?2 OFFSET ?3",
	[DESK_DUE_TODAY] = DESK_SELECT("c.promised_on", "''",
	    "cases c") " WHERE c.status IN " SQL_OPEN " AND c.promised_on = ?1"
	               " ORDER BY c.id LIMIT ?2 OFFSET ?3",
	/* The partial index gives the order: no sort of every overdue case. */
	[DESK_OVERDUE] = DESK_SELECT("c.promised_on", "''",
	    "cases c INDEXED BY cases_open_promise") " WHERE c.status IN " SQL_OPEN
	                                             " AND c.promised_on < ?1"
	                                             " ORDER BY c.promised_on, c.id LIMIT ?2 "
	                                             "OFFSET ?3",
	[DESK_READY] = DESK_SELECT("c.promised_on", "''",
	    "cases c") " WHERE c.status = " SQL_READY
	               " ORDER BY c.promised_on NULLS FIRST, c.id LIMIT ?2 OFFSET ?3",
	[DESK_REFERRAL_LATE] = DESK_SELECT("r.due_on",
	    "(SELECT name FROM department WHERE id = r.department_id)",
	    "referral r JOIN cases c ON c.id = r.case_id") " WHERE r.returned_on IS NULL AND "
	                                                   "r.due_on < ?1 ORDER BY r.due_on, r.id"
	                                                   " LIMIT ?2 OFFSET ?3",
};

int
desk_counts(struct miz_db *db, miz_day today, int counts[DESK__COUNT], char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT"
	        " (SELECT count(*) FROM cases WHERE opened_on = ?1),"
	        " (SELECT count(*) FROM cases WHERE status = " SQL_AWAITING "),"
	        " (SELECT count(*) FROM cases WHERE status IN " SQL_OPEN "   AND promised_on = ?1),"
	        " (SELECT count(*) FROM cases WHERE status IN " SQL_OPEN "   AND promised_on < ?1),"
	        " (SELECT count(*) FROM cases WHERE status = " SQL_READY "),"
	        " (SELECT count(*) FROM referral WHERE returned_on IS NULL AND due_on < ?1)",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, today);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		for (int i = 0; i < DESK__COUNT; i++)
			counts[i] = (int)store_int(st, i);
	}
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	return 0;
}

/* Reads a row of a view's query (columns as DESK_SELECT, then the key) and
 * hands it to fn: fn's answer, or -1 with *cause for a row that cannot be. */
static int
visit_row(struct store_stmt *st, bool keyed, desk_visit_fn fn, void *arg, char **cause)
{
	struct desk_row r;
	r.case_id = store_int(st, 0);
	r.code = store_text(st, 1);
	r.client_name = store_text(st, 2);
	r.service_name = store_text(st, 3);
	const char *status = store_text(st, 4);
	if (status == NULL || case_status_parse(status, &r.status) != 0)
		return miz_fail(cause,
		    _("case %s has an unknown status '%s': it was changed outside miz"),
		    r.code != NULL ? r.code : "?", status != NULL ? status : "");
	if (store_day(st, 5, &r.day) != 0)
		r.day = NO_DAY;
	r.extra = store_text(st, 6);
	if (r.extra == NULL)
		r.extra = "";
	r.key.day = NO_DAY;
	r.key.id = r.case_id;
	if (keyed) {
		if (store_day(st, 7, &r.key.day) != 0)
			r.key.day = NO_DAY;
		r.key.id = store_int(st, 8);
	}
	return fn != NULL && fn(&r, arg) != 0 ? 1 : 0;
}

int
desk_list(struct miz_db *db, enum desk_view v, miz_day today, int limit, int offset,
    desk_visit_fn fn, void *arg, char **cause)
{
	assert(v >= 0 && v < DESK__COUNT);
	struct store_stmt *st;
	if (store_prepare(db, view_sql[v], &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, today);
	store_bind_int(st, 2, limit);
	store_bind_int(st, 3, offset);
	int rc, count = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		count++;
		int stop = visit_row(st, false, fn, arg, cause);
		if (stop < 0)
			count = -1;
		if (stop != 0)
			break;
	}
	if (rc != STORE_ROW && rc != STORE_DONE)
		count = db_fail(db, cause);
	store_finish(st);
	return count;
}

/*
 * The views as keyset pages.  A list is sorted by (day, id), or by id alone
 * when day is NULL; a view whose day may be missing lists those rows first,
 * by id, as ORDER BY day, id does.  Every page is one index range.
 */
static const struct {
	const char *from; /* SELECT ... FROM ... with the key as the last two columns */
	const char *source; /* the tables alone, for a case's key */
	const char *where; /* the view's condition (?1: today) */
	const char *day, *id; /* the sort columns */
	bool nullable; /* the day may be NULL */
	bool newest_first; /* by id, descending */
} views[DESK__COUNT] = {
	[DESK_OPENED_TODAY] = { DESK_SELECT("c.promised_on", "'', NULL, c.id", "cases c"),
	    "cases c", "c.opened_on = ?1", NULL, "c.id", false, true },
	[DESK_AWAITING] = { DESK_SELECT("(SELECT max(n.deadline) FROM notice n WHERE n.case_id = "
	                                "c.id)",
	                        "'', c.promised_on, c.id", "cases c"),
	    "cases c", "c.status = " SQL_AWAITING, "c.promised_on", "c.id", true, false },
	[DESK_DUE_TODAY] = { DESK_SELECT("c.promised_on", "'', NULL, c.id", "cases c"), "cases c",
	    "c.status IN " SQL_OPEN " AND c.promised_on = ?1", NULL, "c.id", false, false },
	[DESK_OVERDUE] = { DESK_SELECT("c.promised_on", "'', c.promised_on, c.id",
	                       "cases c INDEXED BY cases_open_promise"),
	    "cases c", "c.status IN " SQL_OPEN " AND c.promised_on < ?1", "c.promised_on", "c.id",
	    false, false },
	[DESK_READY] = { DESK_SELECT("c.promised_on", "'', c.promised_on, c.id", "cases c"),
	    "cases c", "c.status = " SQL_READY, "c.promised_on", "c.id", true, false },
	[DESK_REFERRAL_LATE] = { DESK_SELECT("r.due_on",
	                             "(SELECT name FROM department WHERE id = r.department_id), "
	                             "r.due_on, r.id",
	                             "referral r JOIN cases c ON c.id = r.case_id"),
	    "referral r JOIN cases c ON c.id = r.case_id",
	    "r.returned_on IS NULL AND r.due_on < ?1", "r.due_on", "r.id", false, false },
};

/* How a page query goes on from its key (or from the start). */
enum key_cond {
	FROM_START, /* no condition */
	PAST_ID, /* beyond the id (within the rows with no day, or a list by id) */
	PAST_KEY /* beyond (day, id) */
};

/* Runs one part of a page: the rows with no day (nulls) or the others. */
static int
page_part(struct miz_db *db, enum desk_view v, miz_day today, const struct desk_key *after,
    bool backward, bool nulls, enum key_cond cond, int limit, int *count, desk_visit_fn fn,
    void *arg, char **cause)
{
	/* Forward is ascending, except in a list by newest first. */
	bool desc = backward != views[v].newest_first;
	const char *cmp = desc ? "<" : ">";
	const char *dir = desc ? " DESC" : "";
	const char *day = views[v].day;
	char part[96] = "", key[160] = "", order[128];
	if (views[v].nullable)
		snprintf(part, sizeof part, " AND %s IS %s", day, nulls ? "NULL" : "NOT NULL");
	if (cond == PAST_ID)
		snprintf(key, sizeof key, " AND %s %s ?5", views[v].id, cmp);
	else if (cond == PAST_KEY)
		snprintf(key, sizeof key, " AND (%s, %s) %s (?4, ?5)", day, views[v].id, cmp);
	if (day != NULL && !nulls)
		snprintf(order, sizeof order, " ORDER BY %s%s, %s%s", day, dir, views[v].id, dir);
	else
		snprintf(order, sizeof order, " ORDER BY %s%s", views[v].id, dir);
	char *sql = xasprintf(
	    "%s WHERE %s%s%s%s LIMIT ?2", views[v].from, views[v].where, part, key, order);
	struct store_stmt *st;
	int rc = store_prepare(db, sql, &st, cause);
	free(sql);
	if (rc != 0)
		return -1;
	store_bind_day(st, 1, today);
	store_bind_int(st, 2, limit);
	if (after != NULL && after->day != NO_DAY)
		store_bind_day(st, 4, after->day);
	if (after != NULL)
		store_bind_int(st, 5, after->id);
	int stop = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		(*count)++;
		if ((stop = visit_row(st, true, fn, arg, cause)) != 0)
			break;
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return db_fail(db, cause);
	return stop;
}

int
desk_page(struct miz_db *db, enum desk_view v, miz_day today, const struct desk_key *after,
    bool backward, int limit, desk_visit_fn fn, void *arg, char **cause)
{
	assert(v >= 0 && v < DESK__COUNT);
	int count = 0, rc;
	if (backward && after == NULL)
		return 0; /* nothing comes before the start */
	if (!views[v].nullable || views[v].day == NULL) {
		enum key_cond cond = after == NULL ? FROM_START
		    : views[v].day == NULL         ? PAST_ID
		                                   : PAST_KEY;
		rc = page_part(
		    db, v, today, after, backward, false, cond, limit, &count, fn, arg, cause);
		return rc < 0 ? -1 : count;
	}
	/* Rows with no day come first: forward, those (after the key, when
	 * it is one of them) then the others; backward, the other way. */
	bool in_nulls = after != NULL && after->day == NO_DAY;
	if (!backward) {
		if (after == NULL || in_nulls) {
			rc = page_part(db, v, today, after, false, true,
			    in_nulls ? PAST_ID : FROM_START, limit, &count, fn, arg, cause);
			if (rc != 0 || count >= limit)
				return rc < 0 ? -1 : count;
		}
		int before = count;
		rc = page_part(db, v, today, in_nulls ? NULL : after, false, false,
		    after == NULL || in_nulls ? FROM_START : PAST_KEY, limit - before, &count, fn,
		    arg, cause);
		return rc < 0 ? -1 : count;
	}
	if (!in_nulls) {
		rc = page_part(
		    db, v, today, after, true, false, PAST_KEY, limit, &count, fn, arg, cause);
		if (rc != 0 || count >= limit)
			return rc < 0 ? -1 : count;
	}
	rc = page_part(db, v, today, in_nulls ? after : NULL, true, true,
	    in_nulls ? PAST_ID : FROM_START, limit - count, &count, fn, arg, cause);
	return rc < 0 ? -1 : count;
}

int
desk_key_of(struct miz_db *db, enum desk_view v, miz_day today, int64_t case_id,
    struct desk_key *key, char **cause)
{
	assert(v >= 0 && v < DESK__COUNT);
	(void)today;
	/* Found by the case's id (not through the view's index), whether it
	 * is still in the list or not: a script paging a list that another
	 * clerk shortens goes on from where that case sorts.  A referral list
	 * takes the case's latest referral. */
	char *sql = xasprintf("SELECT %s, %s FROM %s WHERE c.id = ?5 ORDER BY %s DESC LIMIT 1",
	    views[v].day != NULL ? views[v].day : "NULL", views[v].id, views[v].source,
	    views[v].id);
	struct store_stmt *st;
	int rc = store_prepare(db, sql, &st, cause);
	free(sql);
	if (rc != 0)
		return -1;
	store_bind_int(st, 5, case_id);
	rc = store_step(st);
	int found = 0;
	if (rc == STORE_ROW) {
		if (store_day(st, 0, &key->day) != 0)
			key->day = NO_DAY;
		key->id = store_int(st, 1);
		found = 1;
	} else if (rc != STORE_DONE) {
		found = db_fail(db, cause);
	}
	store_finish(st);
	return found;
}
