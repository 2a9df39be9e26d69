/* CSV input through libcsv, with the starting line of every row. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "miz/conf.h"
#include "miz/csvfile.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

struct reader {
	csvfile_row_fn fn;
	void *arg;
	struct csvfile_row row;
	size_t cap;
	/* The row's fields, one after another with their NULs: no allocation per field. */
	char *text;
	size_t text_len, text_cap;
	size_t *offs;
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
		r->offs = xreallocarray(r->offs, r->cap, sizeof *r->offs);
	}
	if (r->text_len + len + 1 > r->text_cap) {
		r->text_cap = (r->text_len + len + 1) * 2;
		r->text = xrealloc(r->text, r->text_cap);
	}
	if (len > 0 && memchr(data, '\0', len) != NULL)
		r->row.has_nul = true;
	if (len > 0)
		memcpy(r->text + r->text_len, data, len);
	r->text[r->text_len + len] = '\0';
	r->offs[r->row.nfields++] = r->text_len;
	r->text_len += len + 1;
}

/* libcsv row callback: hands the row over and clears it. */
static void
on_row(int term, void *arg)
{
	struct reader *r = arg;
	(void)term;
	if (!r->stopped) {
		/* The arena may have moved while the row grew: point into it now. */
		for (size_t i = 0; i < r->row.nfields; i++)
			r->row.fields[i] = r->text + r->offs[i];
		r->row.line = r->row_start ? r->row_start : r->line;
		if (r->fn(&r->row, r->arg) != 0)
			r->stopped = 1;
	}
	r->row.nfields = 0;
	r->row.has_nul = false;
	r->text_len = 0;
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

/* Windows-1256 bytes of Persian text: letters (with the Persian پ چ ژ گ
 * ک ی), the Arabic comma, semicolon and question mark, the vowel marks. */
static bool
cp1256_persian(unsigned char c)
{
	return c == 0x81 || c == 0x8d || c == 0x8e || c == 0x90 || c == 0x98 || c == 0xa1 ||
	    c == 0xba || c == 0xbf || (c >= 0xc1 && c <= 0xd6) || (c >= 0xd8 && c <= 0xdf) ||
	    c == 0xe1 || (c >= 0xe3 && c <= 0xe6) || c == 0xec || c == 0xed ||
	    (c >= 0xf0 && c <= 0xf3) || c == 0xf5 || c == 0xf6 || c == 0xf8 || c == 0xfa;
}

/*
 * Decides the encoding of fp from the whole file, then rewinds: UTF-8 when
 * all of it is; Windows-1256 only when it is not UTF-8 as a whole and its
 * bytes read as Persian in Windows-1256.  A UTF-8 file with a few bad bytes
 * is refused at the first of them (a guess would store every name as
 * mojibake).  NULL with *cause when it is neither.
 */
static const char *
detect_encoding(FILE *fp, const char *path, char **cause)
{
	long multi = 0, bad = 0, high = 0, persian = 0, line = 1, bad_line = 0;
	unsigned bad_byte = 0;
	unsigned char buf[1 << 16];
	unsigned char carry[4];
	size_t ncarry = 0;
	size_t n;
	while ((n = fread(buf + 0, 1, sizeof buf - 4, fp)) > 0 || ncarry > 0) {
		/* A character cut at the end of the last block starts this one. */
		unsigned char block[sizeof buf + 4];
		memcpy(block, carry, ncarry);
		memcpy(block + ncarry, buf, n);
		size_t len = ncarry + n, i = 0;
		ncarry = 0;
		bool last = n == 0;
		while (i < len) {
			unsigned char c = block[i];
			if (c == '\n')
				line++;
			if (c < 0x80) {
				i++;
				continue;
			}
			size_t k = (c >> 5) == 6 && c >= 0xc2 ? 2
			    : (c >> 4) == 14                  ? 3
			    : (c >> 3) == 30 && c <= 0xf4     ? 4
			                                      : 0;
			if (k > 0 && i + k > len && !last) {
				ncarry = len - i; /* finish it with the next block */
				memcpy(carry, block + i, ncarry);
				break;
			}
			high++;
			persian += cp1256_persian(c);
			bool ok = k > 0 && i + k <= len;
			for (size_t j = 1; ok && j < k; j++)
				ok = (block[i + j] & 0xc0) == 0x80;
			if (ok) {
				multi++;
				for (size_t j = 1; j < k; j++)
					persian += cp1256_persian(block[i + j]);
				high += (long)k - 1;
				i += k;
				continue;
			}
			if (bad++ == 0) {
				bad_line = line;
				bad_byte = c;
			}
			i++;
		}
		if (last)
			break;
	}
	rewind(fp);
	if (bad == 0)
		return "utf-8";
	/* Clearly UTF-8 but for a few bytes: a damaged UTF-8 file, not another
	 * encoding (a Windows-1256 file can make a stray valid UTF-8 sequence). */
	if (multi >= 3 && multi >= 2 * bad) {
		miz_fail(cause,
		    _("%s:%ld: not valid UTF-8 (byte %02x), in a file that is UTF-8 elsewhere: "
		      "correct it and save it as UTF-8 (or give --encoding cp1256 if it is not)"),
		    path, bad_line, bad_byte);
		return NULL;
	}
	if (persian * 10 >= high * 8)
		return "cp1256";
	miz_fail(cause,
	    _("%s: neither UTF-8 nor Persian in Windows-1256: save it as UTF-8, or give "
	      "--encoding"),
	    path);
	return NULL;
}

/* Bytes looked at to find how lines end. */
#define LINE_END_BYTES (1 << 20)

/*
 * How the file's lines end, from its first line end: '\n' (LF or CRLF), or
 * '\r' for a file saved with CR alone (old Mac spreadsheets), which would
 * otherwise be read as one line.  Rewinds.
 */
static int
line_end(FILE *fp)
{
	char *buf = xmalloc(LINE_END_BYTES);
	size_t n = fread(buf, 1, LINE_END_BYTES, fp);
	int delim = '\n';
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n')
			break;
		if (buf[i] == '\r') {
			if (i + 1 < n && buf[i + 1] != '\n')
				delim = '\r';
			break;
		}
	}
	free(buf);
	rewind(fp);
	return delim;
}

int
csvfile_read(
    const char *path, struct csvfile_opts *opts, csvfile_row_fn fn, void *arg, char **cause)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return miz_fail(cause, _("cannot read %s: %s"), path, strerror(errno));
	/* The guesses below read ahead and rewind: not on a pipe, which is
	 * taken as UTF-8 with LF or CRLF line ends. */
	bool seekable = fseek(fp, 0, SEEK_SET) == 0;

	const char *enc = opts != NULL ? opts->encoding : NULL;
	if (enc == NULL || *enc == '\0' || strcasecmp(enc, "auto") == 0) {
		enc = seekable ? detect_encoding(fp, path, cause) : "utf-8";
		if (enc == NULL) {
			fclose(fp);
			return -1;
		}
	} else if (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0) {
		enc = "utf-8";
	} else if (strcasecmp(enc, "cp1256") == 0 || strcasecmp(enc, "windows-1256") == 0) {
		enc = "cp1256";
	} else {
		fclose(fp);
		return miz_fail(cause, _("encoding '%s' not known: use utf-8 or cp1256"), enc);
	}
	if (opts != NULL)
		opts->used = enc;
	iconv_t cd = (iconv_t)-1;
	if (strcmp(enc, "cp1256") == 0 && (cd = iconv_open("UTF-8", "CP1256")) == (iconv_t)-1) {
		fclose(fp);
		return miz_fail(
		    cause, _("this system cannot convert Windows-1256 text: %s"), strerror(errno));
	}

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		fclose(fp);
		return miz_fail(cause, _("cannot start the CSV reader"));
	}
	/* Long fields grow in big steps (the default is 128 bytes a step). */
	csv_set_blk_size(&p, 1 << 16);
	struct reader r = { .fn = fn, .arg = arg };
	int delim = seekable ? line_end(fp) : '\n';
	char *buf = NULL, *conv = NULL;
	size_t bufcap = 0, convcap = 0;
	ssize_t len;
	int ret = 0;

	while (!r.stopped && (len = getdelim(&buf, &bufcap, delim, fp)) >= 0) {
		char *s = buf;
		r.line++;
		if (cd != (iconv_t)-1) {
			/* Every Windows-1256 byte becomes at most three UTF-8 bytes. */
			if (convcap < (size_t)len * 3 + 4) {
				convcap = (size_t)len * 3 + 4;
				conv = xrealloc(conv, convcap);
			}
			char *in = buf, *out = conv;
			size_t inleft = (size_t)len, outleft = convcap;
			if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
				ret = miz_fail(cause,
				    _("%s:%ld: a byte that is not Windows-1256 text"), path,
				    r.line);
				break;
			}
			s = conv;
			len = (ssize_t)(convcap - outleft);
		}
		if (r.line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		if (r.row_start == 0 && !blank_line(s, (size_t)len))
			r.row_start = r.line;
		if (csv_parse(&p, s, (size_t)len, on_field, on_row, &r) != (size_t)len) {
			ret = miz_fail(cause, _("%s:%ld: malformed CSV: %s"), path,
			    r.row_start ? r.row_start : r.line,
			    csv_error(&p) == CSV_EPARSE
			        ? _("a quote in the wrong place: quote the whole field and double "
			            "the quotes inside it")
			        : csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (ret == 0 && ferror(fp))
		ret = miz_fail(cause, _("cannot read %s: %s"), path, strerror(errno));
	if (ret == 0 && !r.stopped && csv_fini(&p, on_field, on_row, &r) != 0) {
		ret = miz_fail(cause, _("%s:%ld: malformed CSV: %s"), path,
		    r.row_start ? r.row_start : r.line,
		    csv_error(&p) == CSV_EPARSE
		        ? _("the file ends inside a quoted field: a closing quote is missing")
		        : csv_strerror(csv_error(&p)));
	}
	if (ret == 0 && r.stopped)
		ret = -1;
	free(r.row.fields);
	free(r.offs);
	free(r.text);
	free(buf);
	free(conv);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	csv_free(&p);
	fclose(fp);
	return ret;
}

void
errlist_add(struct miz_errlist *l, const char *fmt, ...)
{
	/* A file of a million bad rows must not take a million messages of
	 * memory; the rejects file has every one. */
	l->n++;
	if (l->kept >= ERRLIST_KEEP && l->rejects_path == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (l->rejects_path != NULL) {
		/* The row's messages, without the "FILE:LINE: " each starts with. */
		const char *text = msg;
		const char *colon = strstr(msg, ": ");
		if (colon != NULL && colon > msg && colon[-1] >= '0' && colon[-1] <= '9')
			text = colon + 2;
		char *all = l->row_msgs != NULL ? xasprintf("%s; %s", l->row_msgs, text)
		                                : xstrdup(text);
		free(l->row_msgs);
		l->row_msgs = all;
	}
	if (l->kept >= ERRLIST_KEEP) {
		free(msg);
		return;
	}
	l->msgs = xreallocarray(l->msgs, l->kept + 1, sizeof *l->msgs);
	l->msgs[l->kept++] = msg;
}

/* One row of the rejects file: the fields as they are, quoted (not
 * neutralised: it is the user's own data, to be fixed and imported again). */
static void
rejects_row(struct miz_errlist *l, const char *const *lead, size_t nlead, char *const *fields,
    size_t n)
{
	FILE *fp = l->rejects;
	for (size_t i = 0; i < nlead + n; i++) {
		const char *f = i < nlead ? lead[i] : fields[i - nlead];
		size_t len = strlen(f);
		char *q = xmalloc(2 * len + 3);
		size_t qlen = csv_write2(q, 2 * len + 3, f, len, '"');
		if ((i > 0 && fputc(',', fp) == EOF) || fwrite(q, 1, qlen, fp) != qlen)
			l->rejects_failed = true;
		free(q);
	}
	if (fputs("\r\n", fp) == EOF)
		l->rejects_failed = true;
}

/* Writes a rejected row to the rejects file, opened at the first. */
static void
reject_fields(struct miz_errlist *l, long line_no, char *const *fields, size_t nfields)
{
	if (l->rejects_path == NULL || l->rejects_failed)
		return;
	if (l->rejects == NULL) {
		FILE *fp = conf_fopen_private(l->rejects_path);
		if (fp == NULL) {
			l->rejects_failed = true;
			return;
		}
		l->rejects = fp;
		static const char *const lead[] = { "line", "message" };
		rejects_row(l, lead, 2, l->header, l->nheader);
	}
	char line[24];
	snprintf(line, sizeof line, "%ld", line_no);
	const char *lead[] = { line, l->row_msgs != NULL ? l->row_msgs : "" };
	rejects_row(l, lead, 2, fields, nfields);
	l->rejected_rows++;
}

static void
reject(struct miz_errlist *l, const struct csvfile_row *row)
{
	reject_fields(l, row->line, row->fields, row->nfields);
}

void
errlist_row_begin(struct miz_errlist *l)
{
	free(l->row_msgs);
	l->row_msgs = NULL;
}

void
errlist_reject(struct miz_errlist *l, long line, char *const *fields, size_t n)
{
	reject_fields(l, line, fields, n);
	errlist_row_begin(l);
}

int
errlist_close_rejects(struct miz_errlist *l, char **cause)
{
	int bad = l->rejects_failed;
	if (l->rejects != NULL && fclose(l->rejects) != 0)
		bad = 1;
	l->rejects = NULL;
	if (bad && l->rejects_path != NULL)
		return miz_fail(cause, _("cannot write the rejected rows to %s: %s"), l->rejects_path,
		    strerror(errno != 0 ? errno : EIO));
	return 0;
}

void
errlist_free(struct miz_errlist *l)
{
	for (size_t i = 0; i < l->kept; i++)
		free(l->msgs[i]);
	free(l->msgs);
	free(l->row_msgs);
	for (size_t i = 0; i < l->nheader; i++)
		free(l->header[i]);
	free(l->header);
	if (l->rejects != NULL)
		fclose(l->rejects);
	memset(l, 0, sizeof *l);
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
	csvfile_flush_fn flush; /* NULL: fn adds each row's messages itself */
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
		if (im->errs->rejects_path != NULL) {
			im->errs->header = xcalloc(row->nfields + 1, sizeof *im->errs->header);
			for (size_t i = 0; i < row->nfields; i++)
				im->errs->header[i] = xstrdup(row->fields[i]);
			im->errs->nheader = row->nfields;
		}
		if (csvfile_check_header(row, im->header, im->required, im->total, &why) != 0) {
			errlist_add(im->errs, "%s:%ld: %s", im->path, row->line, why);
			free(why);
			return -1;
		}
		im->header_ok = 1;
		return 0;
	}
	bool utf8 = !row->has_nul;
	for (size_t i = 0; i < row->nfields && utf8; i++)
		utf8 = text_valid_utf8(row->fields[i]);
	if (utf8) {
		size_t before = im->errs->n;
		errlist_row_begin(im->errs);
		int ret = im->fn(row, im->arg, &im->fatal) != 0 ? -1 : 0;
		/* Batched, fn's flush reports earlier rows, and this one later. */
		if (im->flush == NULL && im->errs->n > before)
			reject(im->errs, row);
		return ret;
	}
	/* The rows kept by a batched import are told first: file order. */
	if (im->flush != NULL && im->flush(im->arg, &im->fatal) != 0)
		return -1;
	errlist_row_begin(im->errs);
	if (row->has_nul)
		errlist_add(im->errs, _("%s:%ld: a NUL byte in the data: is this a CSV text file?"),
		    im->path, row->line);
	else
		errlist_add(im->errs,
		    _("%s:%ld: the text is not UTF-8: save the file as UTF-8 (CSV UTF-8 in "
		      "a spreadsheet)"),
		    im->path, row->line);
	reject(im->errs, row);
	return 0;
}

int
csvfile_import(const char *path, struct csvfile_opts *opts, const char *const *header,
    size_t required, size_t total, csvfile_import_fn fn, void *arg, struct miz_errlist *errs,
    char **cause)
{
	return csvfile_import_batched(
	    path, opts, header, required, total, fn, NULL, arg, errs, cause);
}

int
csvfile_import_batched(const char *path, struct csvfile_opts *opts, const char *const *header,
    size_t required, size_t total, csvfile_import_fn fn, csvfile_flush_fn flush, void *arg,
    struct miz_errlist *errs, char **cause)
{
	struct import_state im = {
		.path = path,
		.header = header,
		.required = required,
		.total = total,
		.fn = fn,
		.flush = flush,
		.arg = arg,
		.errs = errs,
	};
	char *why = NULL;
	/* The rejects file is never the file read: opening it would empty it. */
	struct stat in, out;
	if (errs->rejects_path != NULL && stat(path, &in) == 0 &&
	    stat(errs->rejects_path, &out) == 0 && in.st_dev == out.st_dev &&
	    in.st_ino == out.st_ino)
		return miz_fail(cause, _("%s is the file being imported: give --rejects another file"),
		    errs->rejects_path);
	int read_rc = csvfile_read(path, opts, import_row, &im, &why);
	/* The rows a batched import kept, told before what ended the file. */
	if (im.fatal == NULL && flush != NULL && im.header_ok && flush(arg, &im.fatal) != 0)
		read_rc = -1;
	if (read_rc != 0) {
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

void
csvw_init(struct csv_writer *w, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->cap = 4096;
	w->buf = xmalloc(w->cap);
}

void
csvw_bom(struct csv_writer *w)
{
	if (fwrite("\xef\xbb\xbf", 1, 3, w->fp) != 3)
		w->error = errno != 0 ? errno : EIO;
}

/* Makes room for n more bytes in the row buffer. */
static void
csvw_reserve(struct csv_writer *w, size_t n)
{
	if (w->len + n > w->cap) {
		while (w->len + n > w->cap)
			w->cap *= 2;
		w->buf = xrealloc(w->buf, w->cap);
	}
}

bool
csv_needs_neutralising(const char *s)
{
	if (s == NULL || strchr("=+-@\t\r\n", s[0]) == NULL || s[0] == '\0')
		return false;
	/* A lone sign (a report's "no value") cannot be a formula. */
	if ((s[0] == '-' || s[0] == '+') && s[1] == '\0')
		return false;
	/* A plain number ("-5", "+12.5") is data, not a formula. */
	const char *p = s + (s[0] == '-' || s[0] == '+');
	if (*p < '0' || *p > '9')
		return true;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return true;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p != '\0';
}

void
csvw_field(struct csv_writer *w, const char *text)
{
	const char *s = text != NULL ? text : "";
	size_t len = strlen(s);
	int neutral = csv_needs_neutralising(s);
	if (w->fields++ > 0) {
		csvw_reserve(w, 1);
		w->buf[w->len++] = ',';
	}
	/* Quoting doubles quotes at most: 2 * len + 2 (and one more for the '). */
	size_t need = 2 * (len + (size_t)neutral) + 2;
	csvw_reserve(w, need);
	if (neutral) {
		char *tmp = xmalloc(len + 2);
		tmp[0] = '\'';
		memcpy(tmp + 1, s, len + 1);
		w->len += csv_write2(w->buf + w->len, need, tmp, len + 1, '"');
		free(tmp);
	} else {
		w->len += csv_write2(w->buf + w->len, need, s, len, '"');
	}
}

void
csvw_int(struct csv_writer *w, long long v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	csvw_field(w, num);
}

void
csvw_end_row(struct csv_writer *w)
{
	csvw_reserve(w, 2);
	w->buf[w->len++] = '\r';
	w->buf[w->len++] = '\n';
	if (fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->error = errno != 0 ? errno : EIO;
	w->len = 0;
	w->fields = 0;
}

int
csvw_finish(struct csv_writer *w, char **cause)
{
	if (w->len > 0)
		csvw_end_row(w);
	if (fflush(w->fp) != 0 && w->error == 0)
		w->error = errno != 0 ? errno : EIO;
	free(w->buf);
	w->buf = NULL;
	/* The errno of the write that failed: what ran since (the database's
	 * cleanup) may have changed errno. */
	if (w->error)
		return miz_fail(cause, _("cannot write the CSV output: %s"), strerror(w->error));
	return 0;
}
