/* The desk at a glance: today's counts and the lists a clerk works from. */
#ifndef MIZ_DESK_H
#define MIZ_DESK_H

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

/* One row of a desk list. */
struct desk_row {
	int64_t case_id;
	const char *code;
	const char *client_name;
	const char *service_name;
	enum miz_status status;
	miz_day day; /* the date that matters for the view (deadline, promise, due) */
	const char *extra; /* department for referrals, else "" */
};

typedef int (*desk_visit_fn)(const struct desk_row *row, void *arg);

/* Lists one view, `limit` rows after `offset`.  Returns the count or -1. */
int desk_list(struct miz_db *db, enum desk_view v, miz_day today, int limit, int offset,
    desk_visit_fn fn, void *arg, char **cause);

#endif
