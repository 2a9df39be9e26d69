/* The working-day calendar kept in the database: holidays and weekly off-day rules. */
#ifndef MIZ_HOLIDAY_H
#define MIZ_HOLIDAY_H

#include <stdbool.h>

#include "miz/calendar.h"
#include "miz/csvfile.h"
#include "miz/db.h"

/*
 * Loads every rule and holiday into cal (initialised here), and the
 * built-in days of each year the calendar is asked about (holiday_builtin):
 * cal must not outlive db.
 */
int holiday_load_calendar(struct miz_db *db, struct miz_calendar *cal /* OUT */, char **cause);

/* A holiday as listed: its day, name and kind (official, closure, computed). */
typedef int (*holiday_fn)(void *arg, miz_day day, const char *name, const char *kind);

/*
 * The built-in days of Solar Hijri year `year`: the fixed solar holidays
 * (every year), and when the year's official list is not loaded
 * (holiday_import), the lunar ones as computed (lunar.h), kind "computed".
 */
int holiday_builtin(struct miz_db *db, int year, holiday_fn fn, void *arg, char **cause);
/* Whether the official list of a Solar Hijri year was imported. */
int holiday_year_official(struct miz_db *db, int year, bool *official /* OUT */, char **cause);
/* Every day off stored (imported or added), in date order; stops when fn
 * returns non-zero. */
int holiday_list_stored(struct miz_db *db, holiday_fn fn, void *arg, char **cause);
/* Every day off of a Solar Hijri year, in date order: the stored days and
 * the built-in ones (a stored day wins over a built-in one on its date). */
int holiday_list_year(struct miz_db *db, int year, holiday_fn fn, void *arg, char **cause);
/*
 * The warning a supervisor should see: when today is within 60 days of the
 * end of the last year with an official list (or no list is loaded), a new
 * string naming the year to load; NULL when all is well.
 */
char *holiday_list_warning(struct miz_db *db, miz_day today);
/* Marks the years that have official days as having their list (the
 * upgrade to schema 9). */
int holiday_mark_loaded_years(struct miz_db *db, char **cause);

/*
 * Imports holidays.csv (date,name[,kind]) in one transaction; existing
 * dates are updated.  Each Solar Hijri year with an official day in the
 * file counts as having its official list, which replaces its computed
 * lunar days.  Promised dates of open cases that the new days touch are
 * revised (the original promise is kept).  *revised gets how many.
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
