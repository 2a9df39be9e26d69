/*
 * A province's roll-up: each office sends its daily figures per service
 * (counts only: no name, ID or phone leaves the office) to the province's
 * database, where inspection teams compare the offices side by side.
 */
#ifndef MIZ_PROVINCE_H
#define MIZ_PROVINCE_H

#include <stdbool.h>
#include <stdio.h>

#include "miz/calendar.h"
#include "miz/csvfile.h"
#include "miz/db.h"

/* What was sent or loaded. */
struct province_result {
	long figures; /* rows sent or read */
	long days; /* days they cover */
};

/*
 * Sends the office's figures of days from..to (its day figures: opened,
 * noticed, repeated, delivered, on time, working days, visits,
 * satisfaction, closed, and the backlog open at each day's end) to the
 * province's database, as one transaction.  Keyed by (office, day,
 * service, indicator): sending the same days again changes nothing, and
 * days whose work was back-dated since are sent as they stand now.
 */
int province_push(struct miz_db *office, struct miz_db *province, miz_day from, miz_day to,
    struct province_result *out /* OUT */, char **cause);

/* The same figures as CSV (office, office_name, day, service, indicator,
 * value), for an office without a link to the province. */
int province_write_csv(struct miz_db *office, miz_day from, miz_day to, FILE *fp, bool bom,
    struct province_result *out /* OUT */, char **cause);

/* Loads such a CSV into the province's database (all rows or none); bad
 * rows go to errs as FILE:LINE messages. */
int province_load_csv(struct miz_db *province, const char *path, struct miz_errlist *errs,
    struct province_result *out /* OUT */, char **cause);

#endif
