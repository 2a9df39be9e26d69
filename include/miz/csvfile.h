/*
 * Reading CSV files through libcsv, row by row, with the line number where
 * each row starts (for FILE:LINE messages), and a list of such messages.
 */
#ifndef MIZ_CSVFILE_H
#define MIZ_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct csvfile_row {
	char **fields;
	size_t nfields;
	long line; /* line of the file where the row starts, from 1 */
	bool has_nul; /* a field held a NUL byte (not text) */
};

/* Called per row (the header row too); return 0 to go on, -1 to stop. */
typedef int (*csvfile_row_fn)(const struct csvfile_row *row, void *arg);

/* How a file is read. */
struct csvfile_opts {
	const char *encoding; /* NULL or "auto": detected; "utf-8"; "cp1256" (Windows-1256) */
	const char *used; /* OUT: the encoding read ("utf-8" or "cp1256") */
};

/*
 * Reads FILE and calls fn per row.  UTF-8 (an optional BOM is skipped) or
 * Windows-1256, converted to UTF-8 line by line.  With no encoding given,
 * the whole file decides: UTF-8 when all of it is; Windows-1256 only when it
 * is not UTF-8 and its bytes read as Persian; a UTF-8 file with a few bad
 * bytes, or one that is neither, is refused with the line and the byte.
 * opts may be NULL.  Returns 0, or -1 with *cause (unreadable or malformed
 * file, or fn stopped).
 */
int csvfile_read(
    const char *path, struct csvfile_opts *opts, csvfile_row_fn fn, void *arg, char **cause);

/* Messages kept about bad rows; past this many only the count grows. */
#define ERRLIST_KEEP 1000

/* Messages about bad rows, in file order. */
struct miz_errlist {
	char **msgs;
	size_t n; /* every error counted */
	size_t kept; /* messages in msgs (at most ERRLIST_KEEP) */
	/*
	 * Set by the caller: every rejected row of an import is written there
	 * as CSV (made private, only when a row is rejected): its line, the
	 * messages, then its fields as read, under the file's own header.
	 */
	const char *rejects_path;
	/* Kept by csvfile_import for the rejects file. */
	char *row_msgs; /* the messages of the row being read */
	char **header; /* the file's header row */
	size_t nheader;
	void *rejects; /* the open rejects file (a FILE *) */
	size_t rejected_rows; /* rows written there */
	bool rejects_failed; /* it could not be written: said once */
};

void errlist_add(struct miz_errlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees the messages; closes the rejects file (-1 when it could not be
 * written, with *cause when cause is not NULL). */
void errlist_free(struct miz_errlist *l);
int errlist_close_rejects(struct miz_errlist *l, char **cause);

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
int csvfile_import(const char *path, struct csvfile_opts *opts, const char *const *header,
    size_t required, size_t total, csvfile_import_fn fn, void *arg, struct miz_errlist *errs,
    char **cause);

/*
 * As csvfile_import, for an import that checks rows against the database
 * many at a time: fn keeps each row's messages instead of adding them, and
 * flush adds those of the rows kept so far, in file order, calling
 * errlist_row_begin before a row's messages and errlist_reject after those
 * of a bad one.  flush is called before csvfile's own message about a row
 * (a NUL byte, text not UTF-8) and once the file has been read; -1 stops
 * with *cause (a database error).
 */
typedef int (*csvfile_flush_fn)(void *arg, char **cause);
int csvfile_import_batched(const char *path, struct csvfile_opts *opts, const char *const *header,
    size_t required, size_t total, csvfile_import_fn fn, csvfile_flush_fn flush, void *arg,
    struct miz_errlist *errs, char **cause);
/* A batched import's row: its messages start (errlist_row_begin), and it
 * goes to the rejects file with them (errlist_reject). */
void errlist_row_begin(struct miz_errlist *l);
void errlist_reject(struct miz_errlist *l, long line, char *const *fields, size_t n);

/*
 * Writing CSV through libcsv (RFC 4180: every field quoted, quotes doubled,
 * CRLF between rows) into a caller's FILE.  Fields that a spreadsheet would
 * run as a formula are neutralised (OWASP: a leading ' before = + - @ tab CR
 * LF), except plain numbers, which stay as they are with their leading zeros.
 */
struct csv_writer {
	FILE *fp;
	char *buf; /* the row being built */
	size_t len, cap;
	int fields; /* fields in the row so far */
	int error; /* a write failed: its errno */
};

void csvw_init(struct csv_writer *w, FILE *fp);
/* Writes the UTF-8 byte order mark (for spreadsheets that need it). */
void csvw_bom(struct csv_writer *w);
/* Adds a field to the current row (NULL is an empty field). */
void csvw_field(struct csv_writer *w, const char *text);
/* Adds a whole number. */
void csvw_int(struct csv_writer *w, long long v);
/* Ends the row. */
void csvw_end_row(struct csv_writer *w);
/* Flushes; returns 0, or -1 with *cause when a write failed. */
int csvw_finish(struct csv_writer *w, char **cause);
/* True when a field must be neutralised before a spreadsheet sees it. */
bool csv_needs_neutralising(const char *text);

/* Progress of a long import or export: rows done so far. */
typedef void (*miz_progress_fn)(long done, void *arg);

#endif
