/* CSV input through libcsv, with the starting line of every row. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "miz/csvfile.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

struct reader {
	csvfile_row_fn fn;
	void *arg;
	struct csvfile_row row;
	size_t cap;
	long line; /* line being fed to the parser */
	long row_start; /* line where the row in progress started; 0 if none */
	int stopped;
};

/* libcsv field callback: copies the field into the current row. */
static void
on_field(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	if (r->stopped)
		return;
	if (r->row.nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->row.fields = xreallocarray(r->row.fields, r->cap, sizeof *r->row.fields);
	}
	r->row.fields[r->row.nfields++] = xstrndup(data != NULL ? data : "", len);
}

/* libcsv row callback: hands the row over and clears it. */
static void
on_row(int term, void *arg)
{
	struct reader *r = arg;
	(void)term;
	if (!r->stopped) {
		r->row.line = r->row_start ? r->row_start : r->line;
		if (r->fn(&r->row, r->arg) != 0)
			r->stopped = 1;
	}
	for (size_t i = 0; i < r->row.nfields; i++)
		free(r->row.fields[i]);
	r->row.nfields = 0;
	r->row_start = 0;
}

/* True when the line holds only white space and line ends. */
static int
blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	}
	return 1;
}

int
csvfile_read(const char *path, csvfile_row_fn fn, void *arg, char **cause)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return miz_fail(cause, _("cannot read %s: %s"), path, strerror(errno));

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(fp);
		return miz_fail(cause, _("cannot start the CSV reader"));
	}
	struct reader r = { .fn = fn, .arg = arg };
	char *buf = NULL;
	size_t bufcap = 0;
	ssize_t len;
	int ret = 0;

	while (!r.stopped && (len = getline(&buf, &bufcap, fp)) >= 0) {
		char *s = buf;
		r.line++;
		if (r.line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		if (r.row_start == 0 && !blank_line(s, (size_t)len))
			r.row_start = r.line;
		if (csv_parse(&p, s, (size_t)len, on_field, on_row, &r) != (size_t)len) {
			ret = miz_fail(cause, _("%s:%ld: malformed CSV: %s"), path,
			    r.row_start ? r.row_start : r.line, csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (ret == 0 && ferror(fp))
		ret = miz_fail(cause, _("cannot read %s: %s"), path, strerror(errno));
	if (ret == 0 && !r.stopped && csv_fini(&p, on_field, on_row, &r) != 0) {
		ret = miz_fail(cause, _("%s:%ld: malformed CSV: %s"), path,
		    r.row_start ? r.row_start : r.line, csv_strerror(csv_error(&p)));
	}
	if (ret == 0 && r.stopped)
		ret = -1;
	for (size_t i = 0; i < r.row.nfields; i++)
		free(r.row.fields[i]);
	free(r.row.fields);
	free(buf);
	csv_free(&p);
	fclose(fp);
	return ret;
}

void
errlist_add(struct miz_errlist *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	l->msgs = xreallocarray(l->msgs, l->n + 1, sizeof *l->msgs);
	l->msgs[l->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

void
errlist_free(struct miz_errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->msgs[i]);
	free(l->msgs);
	l->msgs = NULL;
	l->n = 0;
}

int
csvfile_check_header(const struct csvfile_row *row, const char *const *names, size_t required,
    size_t total, char **cause)
{
	int ok = row->nfields >= required && row->nfields <= total;
	for (size_t i = 0; ok && i < row->nfields; i++) {
		/* Tolerate spaces and letter case that spreadsheets add. */
		char *f = row->fields[i];
		while (*f == ' ')
			f++;
		size_t n = strlen(f);
		while (n > 0 && f[n - 1] == ' ')
			n--;
		ok = n == strlen(names[i]) && strncasecmp(f, names[i], n) == 0;
	}
	if (ok)
		return 0;
	size_t len = 0;
	for (size_t i = 0; i < required; i++)
		len += strlen(names[i]) + 1;
	char *want = xmalloc(len + 1);
	want[0] = '\0';
	for (size_t i = 0; i < required; i++) {
		if (i > 0)
			strcat(want, ",");
		strcat(want, names[i]);
	}
	miz_fail(cause, _("the header row must be: %s"), want);
	free(want);
	return -1;
}

struct import_state {
	int header_ok;
	const char *path;
	const char *const *header;
	size_t required, total;
	csvfile_import_fn fn;
	void *arg;
	struct miz_errlist *errs;
	int header_seen;
	char *fatal;
};

/* Row callback of csvfile_import: header first, then the caller's check. */
static int
import_row(const struct csvfile_row *row, void *arg)
{
	struct import_state *im = arg;
	if (!im->header_seen) {
		char *why = NULL;
		im->header_seen = 1;
		if (csvfile_check_header(row, im->header, im->required, im->total, &why) != 0) {
			errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
			free(why);
			return -1;
		}
		im->header_ok = 1;
		return 0;
	}
	for (size_t i = 0; i < row->nfields; i++) {
		if (!text_valid_utf8(row->fields[i])) {
			errlist_add(im->errs,
			    _("%s:%ld: the text is not UTF-8: save the file as UTF-8 (CSV UTF-8 in "
			      "a spreadsheet)"),
			    im->path, row->line);
			return 0;
		}
	}
	return im->fn(row, im->arg, &im->fatal) != 0 ? -1 : 0;
}

int
csvfile_import(const char *path, const char *const *header, size_t required, size_t total,
    csvfile_import_fn fn, void *arg, struct miz_errlist *errs, char **cause)
{
	struct import_state im = {
		.path = path,
		.header = header,
		.required = required,
		.total = total,
		.fn = fn,
		.arg = arg,
		.errs = errs,
	};
	char *why = NULL;
	if (csvfile_read(path, import_row, &im, &why) != 0) {
		if (im.fatal != NULL) {
			free(why);
			if (cause != NULL)
				*cause = im.fatal;
			else
				free(im.fatal);
			return -1;
		}
		if (errs->n == 0) {
			if (cause != NULL)
				*cause = why;
			else
				free(why);
			return -1;
		}
		/* Bad rows and then a malformed or unreadable file: report that too. */
		if (im.header_ok && why != NULL)
			errlist_add(errs, "%s", why);
		free(why);
	}
	if (!im.header_seen)
		errlist_add(errs, _("%s:1: the file is empty: the header row is missing"), path);
	if (errs->n > 0)
		return miz_fail(cause,
		    ngettext("%s: %zu error; nothing was imported",
		        "%s: %zu errors; nothing was imported", errs->n),
		    path, errs->n);
	return 0;
}
