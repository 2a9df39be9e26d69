/*
 * The way in from an office's old register (usually a spreadsheet):
 * clients.csv (national_id,full_name,mobile,address) and cases.csv
 * (tracking_code,national_id,service_code,received_on,promised_on,status,
 * closed_on,satisfaction,note).  One transaction, all or nothing: rows are
 * written as they are checked, and any bad row rolls everything back, after
 * every bad row has been reported.  Memory stays flat however long the file.
 */
#ifndef MIZ_LEGACY_H
#define MIZ_LEGACY_H

#include <stdbool.h>

#include "miz/csvfile.h"
#include "miz/db.h"

struct legacy_opts {
	const char *encoding; /* NULL: detect; "utf-8"; "cp1256" */
	bool dry_run; /* check only; write nothing */
	miz_progress_fn progress; /* may be NULL */
	void *progress_arg;
};

struct legacy_result {
	long rows; /* data rows read */
	long added;
	long updated; /* clients already registered, updated from the file */
	const char *encoding; /* what the file was read as */
};

/* Imports clients; a client already registered is updated from the file. */
int legacy_import_clients(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res /* OUT */, char **cause);

/*
 * Imports cases.  Tracking codes are kept as given (old codes have no
 * check digit) and the cases are marked imported.  The clients must be
 * registered and the services in the catalog.
 */
int legacy_import_cases(struct miz_db *db, const char *path, const struct legacy_opts *opts,
    struct miz_errlist *errs, struct legacy_result *res /* OUT */, char **cause);

#endif
