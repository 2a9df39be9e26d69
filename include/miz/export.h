/*
 * CSV export: cases, clients, notices, referrals and satisfaction, streamed
 * row by row from the database (memory stays flat), RFC 4180 through
 * libcsv, UTF-8, one header row, dates in ISO form with a Jalali column.
 */
#ifndef MIZ_EXPORT_H
#define MIZ_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "miz/calendar.h"
#include "miz/csvfile.h"
#include "miz/db.h"

enum export_kind {
	EXPORT_CASES,
	EXPORT_CLIENTS,
	EXPORT_NOTICES,
	EXPORT_REFERRALS,
	EXPORT_SATISFACTION,
	EXPORT__COUNT
};

/* Parses cases|clients|notices|referrals|satisfaction; -1 when unknown. */
int export_kind_parse(const char *word, enum export_kind *out /* OUT */);

struct export_opts {
	miz_day from, to; /* inclusive; NO_DAY (-1) for open ends */
	miz_day today; /* for "late" referrals still open */
	bool bom; /* a UTF-8 byte order mark first */
	miz_progress_fn progress; /* called every so many rows; may be NULL */
	void *progress_arg;
};

/*
 * Writes one export to fp.  The period selects cases by opening day,
 * clients by registration day, notices by issue day, referrals by referral
 * day and satisfaction by delivery day.  *rows gets the rows written.
 */
int export_write(struct miz_db *db, enum export_kind kind, const struct export_opts *opts, FILE *fp,
    long *rows /* OUT */, char **cause);

#endif
