/*
 * The holiday store's changes, given the promise revision to run in their
 * transaction (case_revise_promises): holiday.c knows nothing of cases;
 * holiday_change.c, the action, joins the two.
 */
#ifndef MIZ_CORE_HOLIDAY_STORE_H
#define MIZ_CORE_HOLIDAY_STORE_H

#include "miz/calendar.h"
#include "miz/csvfile.h"
#include "miz/db.h"

typedef int (*holiday_revise_fn)(
    struct miz_db *db, const struct miz_calendar *cal, miz_day from, int *revised, char **cause);

int holiday_store_add(struct miz_db *db, miz_day day, const char *name, const char *kind,
    holiday_revise_fn revise, int *revised, char **cause);
int holiday_store_import(struct miz_db *db, const char *path, holiday_revise_fn revise,
    struct miz_errlist *errs, int *count, int *revised, char **cause);
int holiday_store_import_workweek(struct miz_db *db, const char *path, holiday_revise_fn revise,
    struct miz_errlist *errs, int *count, int *revised, char **cause);

#endif
