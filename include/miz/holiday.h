/* The working-day calendar kept in the database: holidays and weekly off-day rules. */
#ifndef MIZ_HOLIDAY_H
#define MIZ_HOLIDAY_H

#include "miz/calendar.h"
#include "miz/csvfile.h"
#include "miz/db.h"

/* Loads every rule and holiday into cal (initialised here). */
int holiday_load_calendar(struct miz_db *db, struct miz_calendar *cal /* OUT */, char **cause);

/*
 * Imports holidays.csv (date,name[,kind]) in one transaction; existing
 * dates are updated.  Promised dates of open cases that the new days touch
 * are revised (the original promise is kept).  *revised gets how many.
 */
int holiday_import(struct miz_db *db, const char *path, struct miz_errlist *errs,
    int *count /* OUT */, int *revised /* OUT */, char **cause);

/*
 * Imports workweek.csv (from,to,weekdays: the weekly OFF days), replacing
 * every rule; revises open promises like holiday_import.
 */
int holiday_import_workweek(struct miz_db *db, const char *path, struct miz_errlist *errs,
    int *count /* OUT */, int *revised /* OUT */, char **cause);

/*
 * Adds one day off (kind "official" or "closure", e.g. an ad-hoc closure
 * for air pollution) and revises open promises.
 */
int holiday_add(struct miz_db *db, miz_day day, const char *name, const char *kind,
    int *revised /* OUT */, char **cause);

#endif
