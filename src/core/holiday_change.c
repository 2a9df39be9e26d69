/*
 * A change of the calendar as an action: the holiday store's change, then
 * the revision of the promises resting on it, in one transaction.  The one
 * place that joins holidays and cases (holiday.c includes no case header).
 */
#include "config.h"

#include "holiday_store.h"
#include "miz/case.h"
#include "miz/holiday.h"
#include "store.h"

int
holiday_add(
    struct miz_db *db, miz_day day, const char *name, const char *kind, int *revised, char **cause)
{
	return holiday_store_add(db, day, name, kind, case_revise_promises, revised, cause);
}

int
holiday_import(struct miz_db *db, const char *path, struct miz_errlist *errs, int *count,
    int *revised, char **cause)
{
	return holiday_store_import(db, path, case_revise_promises, errs, count, revised, cause);
}

int
holiday_import_workweek(struct miz_db *db, const char *path, struct miz_errlist *errs, int *count,
    int *revised, char **cause)
{
	return holiday_store_import_workweek(
	    db, path, case_revise_promises, errs, count, revised, cause);
}
