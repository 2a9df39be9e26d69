/* The desk at a glance: today's counts and the lists a clerk works from. */
#ifndef MIZ_DESK_H
#define MIZ_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "miz/calendar.h"
#include "miz/case.h"
#include "miz/db.h"

/* The lists on the desk's home screen. */
enum desk_view {
	DESK_OPENED_TODAY, /* cases opened today */
	DESK_AWAITING, /* files waiting for documents, oldest first, with their deadline */
	DESK_DUE_TODAY, /* open cases promised for today */
	DESK_OVERDUE, /* open cases whose promise has passed */
	DESK_READY, /* ready for pickup */
	DESK_REFERRAL_LATE, /* referrals past their due date */
	DESK__COUNT
};

/* A short name of a view for tabs and headings (translated). */
const char *desk_view_label(enum desk_view v);

/* Counts of every view on `today`. */
int desk_counts(struct miz_db *db, miz_day today, int counts[DESK__COUNT] /* OUT */, char **cause);

/*
 * Where a row sits in its list: the day the list is sorted by (NO_DAY when
 * the row has none) and the id that breaks ties (a case's, or a
 * referral's in the late-referrals list).
 */
struct desk_key {
	miz_day day;
	int64_t id;
};

/* One row of a desk list. */
struct desk_row {
	int64_t case_id;
	const char *code;
	const char *client_name;
	const char *service_name;
	enum miz_status status;
	miz_day day; /* the date that matters for the view (deadline, promise, due) */
	const char *extra; /* department for referrals, else "" */
	struct desk_key key; /* its place in the list, for desk_page */
};

typedef int (*desk_visit_fn)(const struct desk_row *row, void *arg);

/* Lists one view, `limit` rows after `offset`.  Returns the count or -1.
 * The rows skipped are read and dropped: a deep offset is slow (desk_page). */
int desk_list(struct miz_db *db, enum desk_view v, miz_day today, int limit, int offset,
    desk_visit_fn fn, void *arg, char **cause);

/*
 * Lists one view from a place in it: the `limit` rows after `after` (from
 * the start when after is NULL), or with `backward` the rows before it,
 * nearest first.  Each page is an index range, however deep (keyset
 * paging).  Returns the count or -1.
 */
int desk_page(struct miz_db *db, enum desk_view v, miz_day today, const struct desk_key *after,
    bool backward, int limit, desk_visit_fn fn, void *arg, char **cause);

/* The place a case sorts at in a view, whether it is in the list now or
 * not (for a list that goes on after it): 1 found, 0 when it has no place
 * there (no referral, for the late-referrals list), -1 with *cause. */
int desk_key_of(struct miz_db *db, enum desk_view v, miz_day today, int64_t case_id,
    struct desk_key *key /* OUT */, char **cause);

#endif
