/*
 * Paper: what the client takes home, typeset as PDF with Pango and Cairo
 * (HarfBuzz shaping, bidi done right) — the receipt, the deficiency
 * notice, the closing slip, the service guide card and the reports — with
 * a QR code of the tracking code (libqrencode) that a 2D barcode scanner
 * types back into the desk.  Only this module typesets.
 */
#ifndef MIZ_PAPER_H
#define MIZ_PAPER_H

#include <stdbool.h>

#include "miz/calendar.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/conf.h"
#include "miz/report.h"

enum paper_kind {
	PAPER_RECEIPT, /* a case in progress or later: code, promise, fee, officer */
	PAPER_NOTICE, /* the deficiency notice: every missing document, the deadline */
	PAPER_SLIP /* the closing slip of a delivered, withdrawn or rejected case */
};

enum paper_size {
	PAPER_A5, /* a sheet, 148 x 210 mm */
	PAPER_ROLL80 /* an 80 mm receipt roll, as long as the text */
};

struct paper_style {
	bool jalali; /* the chosen calendar first; both are printed */
	const char *office_name; /* may be NULL or "" */
	const char *clerk; /* the clerk's name for the notice's signature line */
	enum paper_size size;
	bool persian_digits;
	miz_day today; /* the day printed on */
};

/* The document a case's status calls for: a notice while it waits for
 * documents, a slip once closed, else a receipt. */
enum paper_kind paper_kind_for(const struct miz_case *c);
/* Parses "a5" / "roll80"; -1 when neither. */
int paper_size_parse(const char *s, enum paper_size *out /* OUT */);

/* Writes a case's receipt, notice or slip as a PDF file at path. */
int paper_case_pdf(const struct miz_case *c, enum paper_kind kind, const struct paper_style *st,
    const char *path, char **cause);
/* Writes a service's guide card as a PDF file. */
int paper_guide_pdf(
    const struct miz_service *s, const struct paper_style *st, const char *path, char **cause);
/* Writes a report (its tables) as a PDF file, A4-width pages. */
int paper_report_pdf(
    const struct report *r, const struct paper_style *st, const char *path, char **cause);

/*
 * Sends a file to the clerk's print command: the command split into words
 * (no shell), the file as the last argument, its output discarded.
 * 0, or -1 with *cause ("'lp' failed (exit 1): is the printer there?").
 */
int paper_send(const struct miz_conf *conf, const char *path, char **cause);

#endif
