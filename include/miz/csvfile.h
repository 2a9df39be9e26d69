/*
 * Reading CSV files through libcsv, row by row, with the line number where
 * each row starts (for FILE:LINE messages), and a list of such messages.
 */
#ifndef MIZ_CSVFILE_H
#define MIZ_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>

struct csvfile_row {
	char **fields;
	size_t nfields;
	long line; /* line of the file where the row starts, from 1 */
};

/* Called per row (the header row too); return 0 to go on, -1 to stop. */
typedef int (*csvfile_row_fn)(const struct csvfile_row *row, void *arg);

/*
 * Reads FILE (UTF-8, an optional BOM is skipped) and calls fn per row.
 * Returns 0, or -1 with *cause (unreadable or malformed file, or fn
 * stopped).
 */
int csvfile_read(const char *path, csvfile_row_fn fn, void *arg, char **cause);

/* Messages about bad rows, in file order. */
struct miz_errlist {
	char **msgs;
	size_t n;
};

void errlist_add(struct miz_errlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void errlist_free(struct miz_errlist *l);

/*
 * Checks a header row against the expected column names: the first
 * `required` must be present in order; up to `total` may be.
 */
int csvfile_check_header(const struct csvfile_row *row, const char *const *names, size_t required,
    size_t total, char **cause);

/* Called per data row of an import; -1 stops with *cause (a database error). */
typedef int (*csvfile_import_fn)(const struct csvfile_row *row, void *arg, char **cause);

/*
 * Reads an import file: checks the header row (see csvfile_check_header),
 * then calls fn per data row; fn adds a "FILE:LINE: message" to errs for
 * each bad row.  Returns 0 when every row was good, else -1 with *cause
 * (errs holds the bad rows, if that is why).
 */
int csvfile_import(const char *path, const char *const *header, size_t required, size_t total,
    csvfile_import_fn fn, void *arg, struct miz_errlist *errs, char **cause);

#endif
