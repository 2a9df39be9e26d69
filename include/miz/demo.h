/* The demo cases of miz init --demo. */
#ifndef MIZ_DEMO_H
#define MIZ_DEMO_H

#include "miz/calendar.h"
#include "miz/db.h"

/*
 * Adds the demo clients and cases (the sample catalog must be loaded),
 * dated in the month ending `today`; a supervisor's work.  A database that
 * already has cases is left as it is.
 */
int demo_load(struct miz_db *db, miz_day today, char **cause);

#endif
