/*
 * Paper: receipts, deficiency notices, closing slips, guide cards and
 * reports typeset as PDF.  Pango lays out (HarfBuzz shapes, FriBidi orders
 * each paragraph), Cairo writes the PDF, libqrencode makes the QR code of
 * the tracking code.  Nothing here shapes or reorders text by hand: numbers
 * and names are only wrapped in Unicode isolates so that a tracking code
 * "0010 0000 0094" stays one left-to-right run inside Persian text.
 *
 * Every document is written twice by the same content function: once to
 * measure (pages, and the height of a receipt roll), once to draw.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

/* Points per millimetre (PDF user space is in points). */
#define MM (72.0 / 25.4)
/* Persian-capable families first (Debian: fonts-vazirmatn, fonts-noto-core). */
#define PAPER_FONTS "Vazirmatn, Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans"
/* Lines are this many times their type size apart (Pango 1.50 and later). */
#define LINE_HEIGHT 1.45
/* The tallest page a roll gets; past it the roll is cut into pages. */
#define ROLL_MAX_PT 14400.0

/* Unicode isolates: left-to-right, first-strong, and their end. */
#define LRI "\xe2\x81\xa6"
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

/* A page size and its type sizes, in points. */
struct sheet {
	double w, h;
	double margin, top, bottom;
	bool roll; /* height from the content */
	double base, small, title, office, code;
	double qr_module; /* side of one QR module */
};

/* The state of one pass over a document. */
struct pen {
	cairo_t *cr; /* NULL while measuring */
	PangoContext *pc;
	const struct sheet *sh;
	const struct paper_style *st;
	bool rtl;
	double page_h;
	double x0, width; /* the text column */
	double y; /* where the next block starts */
	int page; /* 1-based */
	int pages; /* from the measuring pass; 0 while measuring */
	char *err; /* the first error met (a new string) */
};

/* Text from the database as one isolated run in its own direction; a new string. */
static char *
iso(const char *s)
{
	char *safe = text_clean_paragraph(s);
	char *r = xasprintf(FSI "%s" PDI, safe);
	free(safe);
	return r;
}

/* A number, date, code or phone kept left to right as a whole; a new string. */
static char *
ltr(const char *s)
{
	char *safe = text_clean_paragraph(s);
	char *r = xasprintf(LRI "%s" PDI, safe);
	free(safe);
	return r;
}

/* A translated label without a trailing newline (the text receipts' msgids end in one). */
static char *
label(const char *translated)
{
	size_t n = strlen(translated);
	while (n > 0 && (translated[n - 1] == '\n' || translated[n - 1] == ' '))
		n--;
	return xstrndup(translated, n);
}

/* A day in both calendars, the chosen one first: "1405/09/15 (2026-12-06)". */
static char *
both_days(miz_day day, bool jalali)
{
	if (day == NO_DAY)
		return xstrdup("-");
	char one[11], other[11];
	receipt_format_day(day, jalali, one);
	receipt_format_day(day, !jalali, other);
	return xasprintf(LRI "%s" PDI " (" LRI "%s" PDI ")", one, other);
}

/* ---- the pen: blocks down the page, page breaks, drawing --------------- */

/* The alignment that starts a line in the page's direction. */
static PangoAlignment
align_start(const struct pen *p)
{
	return p->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* A paragraph laid out `width` points wide (wrapping at words, then anywhere; no
 * wrapping when width < 0). */
static PangoLayout *
pen_layout(
    struct pen *p, const char *text, double size, bool bold, double width, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_from_string(PAPER_FONTS);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	/* The paragraph takes the page's direction, whatever its first letter. */
	pango_layout_set_auto_dir(l, FALSE);
	pango_layout_set_width(l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
#if PANGO_VERSION_CHECK(1, 50, 0)
	/* One line height for every script: Naskh's own is 1.8 times its size. */
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(
	    attrs, pango_attr_line_height_new_absolute((int)(size * LINE_HEIGHT * PANGO_SCALE)));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
#endif
	char *digits = p->st->persian_digits ? text_persian_digits(text) : xstrdup(text);
	char *shown = text_isolate_numbers(digits);
	pango_layout_set_text(l, shown, -1);
	free(shown);
	free(digits);
	return l;
}

/* Height of a layout in points. */
static double
layout_height(PangoLayout *l)
{
	PangoRectangle log;
	pango_layout_get_extents(l, NULL, &log);
	return log.height / (double)PANGO_SCALE;
}

/* Natural width of a layout in points. */
static double
layout_width(PangoLayout *l)
{
	PangoRectangle log;
	pango_layout_get_extents(l, NULL, &log);
	return log.width / (double)PANGO_SCALE;
}

/* The bottom of the text area. */
static double
pen_bottom(const struct pen *p)
{
	return p->page_h - p->sh->bottom;
}

/* Draws the page number at the foot of a page of a document of several pages. */
static void
pen_footer(struct pen *p)
{
	if (p->cr == NULL || p->pages < 2)
		return;
	char *n = xasprintf("%d / %d", p->page, p->pages);
	char *t = ltr(n);
	PangoLayout *l = pen_layout(p, t, p->sh->small, false, p->width, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	cairo_move_to(p->cr, p->x0, p->page_h - p->sh->bottom + 2 * MM);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	free(t);
	free(n);
}

/* Ends the page and starts the next. */
static void
pen_new_page(struct pen *p)
{
	pen_footer(p);
	if (p->cr != NULL)
		cairo_show_page(p->cr);
	p->page++;
	p->y = p->sh->top;
}

/* Starts a new page unless h points fit below y (a block taller than a page stays). */
static void
pen_need(struct pen *p, double h)
{
	if (p->y + h > pen_bottom(p) && p->y > p->sh->top + 0.01)
		pen_new_page(p);
}

/* Draws a layout with its top-left corner at (x, y). */
static void
pen_show(struct pen *p, PangoLayout *l, double x, double y, double grey)
{
	if (p->cr == NULL)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Places a layout at x line by line, breaking pages between its lines. */
static void
pen_flow(struct pen *p, PangoLayout *l, double x, double grey)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double origin = p->y; /* page y of the layout's top */
	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double top = log.y / (double)PANGO_SCALE, h = log.height / (double)PANGO_SCALE;
		if (origin + top + h > pen_bottom(p) && origin + top > p->sh->top + 0.01) {
			pen_new_page(p);
			origin = p->y - top;
		}
		if (p->cr != NULL) {
			double base = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
			cairo_set_source_rgb(p->cr, grey, grey, grey);
			cairo_move_to(p->cr, x + log.x / (double)PANGO_SCALE, origin + base);
			pango_cairo_show_layout_line(
			    p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y = origin + top + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Vertical space. */
static void
pen_space(struct pen *p, double pt)
{
	p->y += pt;
}

/* A paragraph across the text column. */
static void
pen_para(struct pen *p, const char *text, double size, bool bold, PangoAlignment align)
{
	PangoLayout *l = pen_layout(p, text, size, bold, p->width, align);
	pen_flow(p, l, p->x0, 0.0);
	g_object_unref(l);
	pen_space(p, size * 0.25);
}

/* A paragraph that starts in the page's direction. */
static void
pen_text(struct pen *p, const char *text, bool bold)
{
	pen_para(p, text, p->sh->base, bold, align_start(p));
}

/* A thin line across the text column. */
static void
pen_rule(struct pen *p)
{
	pen_need(p, 3 * MM);
	if (p->cr != NULL) {
		cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, p->x0, p->y + 1.5 * MM);
		cairo_line_to(p->cr, p->x0 + p->width, p->y + 1.5 * MM);
		cairo_stroke(p->cr);
	}
	p->y += 3 * MM;
}

/*
 * Two layouts side by side: `left_w` points on the start side (the right on
 * a right-to-left page), a gap, and the rest.  Kept on one page when they
 * fit on one; a block taller than a page flows its second part.
 */
static void
pen_columns(struct pen *p, PangoLayout *first, double first_w, PangoLayout *second, double grey1)
{
	double gap = 2.5 * MM;
	double x1 = p->rtl ? p->x0 + p->width - first_w : p->x0;
	double x2 = p->rtl ? p->x0 : p->x0 + first_w + gap;
	/* First lines on one baseline (the fonts of the two differ in height). */
	double b1 = pango_layout_get_baseline(first) / (double)PANGO_SCALE;
	double b2 = pango_layout_get_baseline(second) / (double)PANGO_SCALE;
	double d1 = b2 > b1 ? b2 - b1 : 0, d2 = b1 > b2 ? b1 - b2 : 0;
	double h = d1 + layout_height(first), h2 = d2 + layout_height(second);
	if (h2 > h)
		h = h2;
	if (h <= pen_bottom(p) - p->sh->top) {
		pen_need(p, h);
		pen_show(p, first, x1, p->y + d1, grey1);
		pen_show(p, second, x2, p->y + d2, 0.0);
		p->y += h;
	} else {
		pen_need(p, d1 + layout_height(first));
		pen_show(p, first, x1, p->y + d1, grey1);
		p->y += d2;
		pen_flow(p, second, x2, 0.0);
	}
}

/* Width of the label column of label/value rows. */
static double
label_width(const struct pen *p)
{
	return p->width * (p->sh->roll ? 0.36 : 0.32);
}

/* A label and its value: the label at the start of the line, the value after it. */
static void
pen_pair_style(struct pen *p, const char *lab, const char *value, bool bold)
{
	double lw = label_width(p), vw = p->width - lw - 2.5 * MM;
	PangoLayout *l = pen_layout(p, lab, p->sh->base, false, lw, align_start(p));
	PangoLayout *v = pen_layout(p, value, p->sh->base, bold, vw, align_start(p));
	pen_columns(p, l, lw, v, 0.35);
	g_object_unref(l);
	g_object_unref(v);
	pen_space(p, p->sh->base * 0.3);
}

static void
pen_pair(struct pen *p, const char *lab, const char *value)
{
	pen_pair_style(p, lab, value, false);
}

/* A pair whose value is text from the database. */
static void
pen_pair_iso(struct pen *p, const char *lab, const char *value)
{
	char *v = iso(value);
	pen_pair(p, lab, v);
	free(v);
}

/* A pair whose value is a day in both calendars. */
static void
pen_pair_day(struct pen *p, const char *lab, miz_day day, bool bold)
{
	char *v = both_days(day, p->st->jalali);
	pen_pair_style(p, lab, v, bold);
	free(v);
}

/* One item of a list: its marker ("1.", "•") at the start, the text after it. */
static void
pen_item(struct pen *p, const char *marker, const char *text)
{
	double mw = 6 * MM, tw = p->width - mw - 2.5 * MM;
	PangoLayout *m = pen_layout(
	    p, marker, p->sh->base, false, mw, p->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
	PangoLayout *t = pen_layout(p, text, p->sh->base, false, tw, align_start(p));
	pen_columns(p, m, mw, t, 0.0);
	g_object_unref(m);
	g_object_unref(t);
	pen_space(p, p->sh->base * 0.2);
}

/* A numbered list item. */
static void
pen_numbered(struct pen *p, int n, const char *text)
{
	char *marker = xasprintf("%d.", n);
	pen_item(p, marker, text);
	free(marker);
}

/* A heading inside a document. */
static void
pen_heading(struct pen *p, const char *translated)
{
	char *h = label(translated);
	pen_space(p, p->sh->base * 0.4);
	/* Keep a heading with the first line after it. */
	pen_need(p, p->sh->base * 3.2);
	pen_text(p, h, true);
	free(h);
}

/* The QR code of a code (NULL after noting the error in the pen). */
static QRcode *
qr_make(struct pen *p, const char *code)
{
	QRcode *qr = QRcode_encodeString(code, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL && p->err == NULL)
		p->err = xasprintf(_("cannot make the QR code of %s: %s"), code, strerror(errno));
	return qr;
}

/* Side of a QR code with its quiet zone of 4 modules on each side. */
static double
qr_side(const struct pen *p, const QRcode *qr)
{
	return (qr->width + 8) * p->sh->qr_module;
}

/* Draws a QR code with its quiet zone, its top-left corner at (x, y). */
static void
qr_draw(struct pen *p, const QRcode *qr, double x, double y)
{
	if (p->cr == NULL)
		return;
	double mod = p->sh->qr_module, side = qr_side(p, qr);
	int n = qr->width;
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_rectangle(p->cr, x, y, side, side);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	/* One rectangle per run of dark modules: no seams between them. */
	for (int r = 0; r < n; r++) {
		for (int c = 0; c < n;) {
			if (!(qr->data[r * n + c] & 1)) {
				c++;
				continue;
			}
			int end = c;
			while (end < n && (qr->data[r * n + end] & 1))
				end++;
			cairo_rectangle(
			    p->cr, x + (4 + c) * mod, y + (4 + r) * mod, (end - c) * mod, mod);
			c = end;
		}
	}
	cairo_fill(p->cr);
}

/* ---- writing a PDF ------------------------------------------------------ */

/* Where cairo's output goes: a FILE, with the first write error kept. */
struct sink {
	FILE *fp;
	int err;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;
	if (s->err == 0 && fwrite(data, 1, len, s->fp) != len)
		s->err = errno != 0 ? errno : EIO;
	return s->err != 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

typedef void (*content_fn)(struct pen *p, const void *arg);

/* A Pango context for print: points as units, no hinting. */
static PangoContext *
print_context(bool rtl)
{
	PangoContext *pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(pc, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_base_dir(pc, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_context_set_language(pc, pango_language_from_string(rtl ? "fa" : "en"));
	return pc;
}

/* Sets a pen at the top of page 1. */
static void
pen_start(struct pen *p, cairo_t *cr, double page_h, int pages)
{
	p->cr = cr;
	p->page_h = page_h;
	p->pages = pages;
	p->page = 1;
	p->y = p->sh->top;
}

/*
 * Writes a document: measures it, then draws it into `path` through a
 * temporary file in the same folder that replaces `path` only when all of
 * it was written.
 */
static int
typeset(const struct sheet *sh, const struct paper_style *st, const char *title, content_fn fn,
    const void *arg, const char *path, char **cause)
{
	struct pen p;
	memset(&p, 0, sizeof p);
	p.sh = sh;
	p.st = st;
	p.rtl = text_ui_rtl();
	p.pc = print_context(p.rtl);
	p.x0 = sh->margin;
	p.width = sh->w - 2 * sh->margin;

	/* Measure: the pages, and a roll's height. */
	pen_start(&p, NULL, sh->roll ? ROLL_MAX_PT : sh->h, 0);
	fn(&p, arg);
	if (p.err != NULL) {
		*cause = p.err;
		g_object_unref(p.pc);
		return -1;
	}
	int pages = p.page;
	double page_h = sh->h;
	if (sh->roll)
		page_h = pages > 1 ? ROLL_MAX_PT : p.y + sh->bottom + 1.0;

	int rc = -1;
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *fp = NULL;
	if (fd < 0 || (fp = fdopen(fd, "wb")) == NULL) {
		*cause = xasprintf(_("cannot write %s: %s"), path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		g_object_unref(p.pc);
		return -1;
	}
	/* mkstemp makes the file private (0600): a printout holds personal
	 * data; a group-shared folder shares it with the group (0660). */
	fchmod(fd, conf_private_mode(path));

	struct sink sink = { fp, 0 };
	cairo_surface_t *surface =
	    cairo_pdf_surface_create_for_stream(sink_write, &sink, sh->w, page_h);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "miz " PACKAGE_VERSION);
	cairo_t *cr = cairo_create(surface);
	pen_start(&p, cr, page_h, pages);
	fn(&p, arg);
	pen_footer(&p);
	cairo_show_page(cr);
	cairo_status_t cs = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	int err = sink.err;
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	if (p.err != NULL) {
		*cause = p.err;
		p.err = NULL;
	} else if (err != 0) {
		*cause = xasprintf(_("cannot write %s: %s"), path, strerror(err));
	} else if (cs != CAIRO_STATUS_SUCCESS) {
		*cause = xasprintf(_("cannot write %s: %s"), path, cairo_status_to_string(cs));
	} else if (rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot write %s: %s"), path, strerror(errno));
	} else {
		rc = 0;
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(p.err);
	g_object_unref(p.pc);
	return rc;
}

/* The sheets: an A5 page, an 80 mm roll (72 mm printed), an A4 page for reports. */
static const struct sheet sheet_a5 = {
	.w = 148 * MM,
	.h = 210 * MM,
	.margin = 12 * MM,
	.top = 12 * MM,
	.bottom = 14 * MM,
	.base = 10,
	.small = 8,
	.title = 15,
	.office = 12,
	.code = 24,
	.qr_module = 0.8 * MM,
};
static const struct sheet sheet_roll = {
	.w = 80 * MM,
	.h = 0,
	.margin = 4 * MM,
	.top = 5 * MM,
	.bottom = 10 * MM,
	.roll = true,
	.base = 9,
	.small = 7.5,
	.title = 13,
	.office = 10.5,
	.code = 19,
	.qr_module = 0.75 * MM,
};
static const struct sheet sheet_a4 = {
	.w = 210 * MM,
	.h = 297 * MM,
	.margin = 15 * MM,
	.top = 15 * MM,
	.bottom = 15 * MM,
	.base = 8.5,
	.small = 7.5,
	.title = 15,
	.office = 11,
	.code = 20,
	.qr_module = 0.8 * MM,
};

static const struct sheet *
sheet_for(enum paper_size size)
{
	return size == PAPER_ROLL80 ? &sheet_roll : &sheet_a5;
}

/* ---- the documents ------------------------------------------------------- */

/* Office name, title, and the day printed on, centred. */
static void
put_top(struct pen *p, const char *title)
{
	const struct paper_style *st = p->st;
	if (st->office_name != NULL && *st->office_name != '\0') {
		char *o = iso(st->office_name);
		pen_para(p, o, p->sh->office, true, PANGO_ALIGN_CENTER);
		free(o);
	}
	pen_para(p, title, p->sh->title, true, PANGO_ALIGN_CENTER);
	char *day = both_days(st->today, st->jalali);
	char *line = xasprintf("%s: %s", _("Printed on"), day);
	pen_para(p, line, p->sh->small, false, PANGO_ALIGN_CENTER);
	free(line);
	free(day);
	pen_rule(p);
}

/*
 * The tracking code, large and in its groups, with the QR code of what a
 * scanner types back (the code as stored, no spaces): beside it on a
 * sheet (the QR code at the end of the line), under it on a roll.
 */
static void
put_code(struct pen *p, const char *code)
{
	char pretty[TRACKING_SHOWN];
	tracking_format(code, pretty);
	char *big = ltr(pretty);
	QRcode *qr = qr_make(p, code);
	double side = qr != NULL ? qr_side(p, qr) : 0, gap = 4 * MM;
	double tw = p->sh->roll ? p->width : p->width - side - gap;
	PangoAlignment a = p->sh->roll ? PANGO_ALIGN_CENTER : align_start(p);
	PangoLayout *l1 = pen_layout(p, _("Tracking code"), p->sh->small, false, tw, a);
	PangoLayout *l2 = pen_layout(p, big, p->sh->code, true, tw, a);
	double h1 = layout_height(l1), h2 = layout_height(l2);
	if (p->sh->roll) {
		pen_need(p, h1 + h2 + side);
		pen_show(p, l1, p->x0, p->y, 0.35);
		pen_show(p, l2, p->x0, p->y + h1, 0.0);
		p->y += h1 + h2;
		if (qr != NULL)
			qr_draw(p, qr, p->x0 + (p->width - side) / 2, p->y);
		p->y += side;
	} else {
		double h = side > h1 + h2 ? side : h1 + h2;
		pen_need(p, h);
		double tx = p->rtl ? p->x0 + p->width - tw : p->x0;
		double ty = p->y + (h - h1 - h2) / 2;
		pen_show(p, l1, tx, ty, 0.35);
		pen_show(p, l2, tx, ty + h1, 0.0);
		if (qr != NULL)
			qr_draw(
			    p, qr, p->rtl ? p->x0 : p->x0 + p->width - side, p->y + (h - side) / 2);
		p->y += h;
	}
	g_object_unref(l1);
	g_object_unref(l2);
	if (qr != NULL)
		QRcode_free(qr);
	free(big);
	pen_rule(p);
}

/* Client and service. */
static void
put_case_head(struct pen *p, const struct miz_case *c)
{
	pen_pair_iso(p, _("Client"), c->client.full_name);
	char *nid = ltr(c->client.national_id);
	pen_pair(p, _("National ID"), nid);
	free(nid);
	char *name = iso(c->service.name), *code = iso(c->service.code);
	char *svc = xasprintf("%s (%s)", name, code);
	pen_pair(p, _("Service"), svc);
	free(svc);
	free(name);
	free(code);
	pen_pair_day(p, _("Received on"), c->opened_on, false);
}

/* Whom to call: department, responsible officer, phone. */
static void
put_contact(struct pen *p, const struct miz_service *s)
{
	pen_pair_iso(p, _("Department"), s->department);
	if (*s->officer != '\0')
		pen_pair_iso(p, _("Responsible"), s->officer);
	if (*s->officer_phone != '\0') {
		char *ph = ltr(s->officer_phone);
		pen_pair(p, _("Phone"), ph);
		free(ph);
	}
}

/* The fee in rials. */
static void
put_fee(struct pen *p, long long fee)
{
	char *g = text_grouped(fee);
	char *t = ltr(g);
	pen_pair(p, _("Fee (rials)"), t);
	free(t);
	free(g);
}

/* The service's steps, numbered, one per line of s->steps. */
static void
put_steps(struct pen *p, const char *steps)
{
	if (*steps == '\0')
		return;
	pen_heading(p, _("Steps:\n"));
	int n = 1;
	const char *s = steps;
	while (*s != '\0') {
		size_t len = strcspn(s, "\n");
		if (len > 0) {
			char *one = xstrndup(s, len);
			char *t = iso(one);
			pen_numbered(p, n++, t);
			free(t);
			free(one);
		}
		s += len + (s[len] == '\n');
	}
}

/* A closing sentence. */
static void
put_sentence(struct pen *p, const char *translated)
{
	char *t = label(translated);
	pen_space(p, p->sh->base * 0.3);
	pen_text(p, t, false);
	free(t);
}

/* "name (original)" for a document. */
static char *
doc_line(const char *name, const char *form)
{
	char *n = iso(name);
	char *r = form != NULL ? xasprintf("%s (%s)", n, form) : xstrdup(n);
	free(n);
	return r;
}

/* The receipt of a case in progress or later. */
static void
draw_receipt(struct pen *p, const void *arg)
{
	const struct miz_case *c = arg;
	put_top(p, _("RECEIPT"));
	put_code(p, c->code);
	put_case_head(p, c);
	pen_pair_day(p, _("File complete on"), c->complete_on, false);
	pen_pair_day(p, _("Promised completion date"), c->promised_on, true);
	if (c->original_promised_on != NO_DAY && c->original_promised_on != c->promised_on)
		pen_pair_day(p, _("Originally promised"), c->original_promised_on, false);
	put_fee(p, c->service.fee);
	put_contact(p, &c->service);
	bool any = false;
	for (size_t i = 0; i < c->ndocs; i++)
		any = any || c->docs[i].received;
	if (any) {
		pen_heading(p, _("Documents received:\n"));
		for (size_t i = 0; i < c->ndocs; i++) {
			if (!c->docs[i].received)
				continue;
			char *t = doc_line(
			    c->docs[i].name, c->docs[i].original ? _("original") : _("copy"));
			pen_item(p, "\xe2\x80\xa2", t);
			free(t);
		}
	}
	put_steps(p, c->service.steps);
	pen_rule(p);
	put_sentence(p, _("Quote the tracking code when you call or come back.\n"));
}

/* The form of a missing document, found on the case's checklist by name. */
static const char *
missing_form(const struct miz_case *c, const char *name)
{
	for (size_t j = 0; j < c->ndocs; j++) {
		if (strcmp(c->docs[j].name, name) == 0)
			return c->docs[j].original ? _("original") : _("copy");
	}
	return NULL;
}

/* True when the case has received a document of that name. */
static bool
doc_received(const struct miz_case *c, const char *name)
{
	for (size_t j = 0; j < c->ndocs; j++) {
		if (strcmp(c->docs[j].name, name) == 0 && c->docs[j].received)
			return true;
	}
	return false;
}

/* A signature line: the label, and a line to sign on in the value column. */
static void
put_signature(struct pen *p)
{
	const char *clerk = p->st->clerk != NULL ? p->st->clerk : "";
	pen_pair_iso(p, _("Clerk"), clerk);
	double lw = label_width(p), vw = p->width - lw - 2.5 * MM;
	double h = p->sh->base * 3.5;
	pen_need(p, h);
	PangoLayout *l = pen_layout(p, _("Signature"), p->sh->base, false, lw, align_start(p));
	double lh = layout_height(l);
	double lx = p->rtl ? p->x0 + p->width - lw : p->x0;
	double vx = p->rtl ? p->x0 + vw * 0.25 : p->x0 + lw + 2.5 * MM;
	pen_show(p, l, lx, p->y + h - lh, 0.35);
	if (p->cr != NULL) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, vx, p->y + h - 0.2 * lh);
		cairo_line_to(p->cr, vx + vw * 0.75, p->y + h - 0.2 * lh);
		cairo_stroke(p->cr);
	}
	g_object_unref(l);
	p->y += h + 2 * MM;
}

/* The deficiency notice: every document still missing, the deadline, whom to call. */
static void
draw_notice(struct pen *p, const void *arg)
{
	const struct miz_case *c = arg;
	const struct miz_notice *n = c->nnotices > 0 ? &c->notices[c->nnotices - 1] : NULL;
	put_top(p, _("DEFICIENCY NOTICE"));
	put_code(p, c->code);
	put_case_head(p, c);
	if (n != NULL && n->issued_on != c->opened_on)
		pen_pair_day(p, _("Notice issued on"), n->issued_on, false);
	pen_space(p, p->sh->base * 0.4);
	char *intro =
	    label(_("Your file is not complete.  Every missing document is listed here:\n"));
	pen_need(p, p->sh->base * 4);
	pen_text(p, intro, true);
	free(intro);
	if (n != NULL) {
		int k = 1;
		for (size_t i = 0; i < n->nitems; i++) {
			/* Only what is still missing today. */
			if (doc_received(c, n->items[i]))
				continue;
			char *t = doc_line(n->items[i], missing_form(c, n->items[i]));
			pen_numbered(p, k++, t);
			free(t);
		}
		pen_space(p, p->sh->base * 0.3);
		pen_pair_day(p, _("Bring them by"), n->deadline, true);
	}
	char *rule = xasprintf(
	    _("The completion date is set on the day the file is complete (%d working days).\n"),
	    c->working_days);
	put_sentence(p, rule);
	free(rule);
	pen_space(p, p->sh->base * 0.3);
	put_contact(p, &c->service);
	put_sentence(p, _("Bring this notice and quote the tracking code when you come back.\n"));
	pen_rule(p);
	put_signature(p);
}

/* Why a withdrawn or rejected case was closed: the reason of its last such change. */
static const char *
closing_reason(const struct miz_case *c)
{
	const char *token = case_status_token(c->status);
	for (size_t i = c->nhistory; i > 0; i--) {
		const struct miz_event *e = &c->history[i - 1];
		if (e->to_status != NULL && e->reason != NULL && strcmp(e->to_status, token) == 0 &&
		    *e->reason != '\0')
			return e->reason;
	}
	return NULL;
}

/* The closing slip of a delivered, withdrawn or rejected case. */
static void
draw_slip(struct pen *p, const void *arg)
{
	const struct miz_case *c = arg;
	put_top(p, _("CLOSING SLIP"));
	put_code(p, c->code);
	put_case_head(p, c);
	pen_pair(p, _("Status"), case_status_label(c->status));
	pen_pair_day(p, _("Closed"), c->closed_on, true);
	if (c->promised_on != NO_DAY)
		pen_pair_day(p, _("Promised completion date"), c->promised_on, false);
	if (c->status == ST_DELIVERED && c->satisfaction > 0) {
		char *r = xasprintf(LRI "%d/5" PDI, c->satisfaction);
		pen_pair(p, _("Satisfaction"), r);
		free(r);
		if (c->comment != NULL && *c->comment != '\0')
			pen_pair_iso(p, _("Comment"), c->comment);
	}
	const char *reason = c->status != ST_DELIVERED ? closing_reason(c) : NULL;
	if (reason != NULL)
		pen_pair_iso(p, _("Reason"), reason);
	put_contact(p, &c->service);
	pen_rule(p);
	put_sentence(p, _("Quote the tracking code when you call or come back.\n"));
}

/* A service's guide card. */
static void
draw_guide(struct pen *p, const void *arg)
{
	const struct miz_service *s = arg;
	char *name = iso(s->name);
	char *title = xasprintf(_("SERVICE GUIDE: %s"), name);
	put_top(p, title);
	free(title);
	free(name);
	pen_pair_iso(p, _("Code"), s->code);
	if (*s->name_en != '\0')
		pen_pair_iso(p, _("Name"), s->name_en);
	char *d = xasprintf(
	    _("Duration: %d working days from the day the file is complete\n"), s->working_days);
	put_sentence(p, d);
	free(d);
	put_fee(p, s->fee);
	put_contact(p, s);
	pen_heading(p, _("Documents to bring:\n"));
	for (size_t i = 0; i < s->ndocs; i++) {
		char *n = iso(s->docs[i].name);
		/* TRANSLATORS: a document to bring: its name, then "required" or
		 * "optional", then "original" or "copy". */
		char *t = xasprintf(_("%s (%s, %s)"), n,
		    s->docs[i].required ? _("required") : _("optional"),
		    s->docs[i].original ? _("original") : _("copy"));
		pen_numbered(p, (int)i + 1, t);
		free(t);
		free(n);
	}
	put_steps(p, s->steps);
}

/* ---- reports ------------------------------------------------------------- */

/* Column widths of a table: natural widths, narrowed to fit when too wide. */
static void
table_widths(struct pen *p, const struct report_table *t, double *w)
{
	/* The cell's padding, and a point more: a text laid out in exactly its
	 * own width may still wrap (its last word broken) by rounding. */
	double pad = 3 * MM + 1;
	for (size_t c = 0; c < t->ncols; c++) {
		PangoLayout *l = pen_layout(p, t->head[c], p->sh->base, true, -1, PANGO_ALIGN_LEFT);
		w[c] = layout_width(l) + pad;
		g_object_unref(l);
		for (size_t r = 0; r < t->nrows; r++) {
			char *v = iso(t->cells[r * t->ncols + c]);
			l = pen_layout(p, v, p->sh->base, false, -1, PANGO_ALIGN_LEFT);
				double cw = layout_width(l) + pad;
			if (cw > w[c])
				w[c] = cw;
			g_object_unref(l);
			free(v);
		}
	}
	/* Too wide: columns narrower than an even share keep their width, the
	 * others share what is left in proportion (and wrap). */
	double total = 0;
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c];
	if (total <= p->width)
		return;
	double left = p->width, wide = 0;
	double share = p->width / (double)t->ncols;
	for (size_t c = 0; c < t->ncols; c++) {
		if (w[c] <= share)
			left -= w[c];
		else
			wide += w[c];
	}
	for (size_t c = 0; c < t->ncols; c++) {
		if (w[c] > share)
			w[c] = w[c] * left / wide;
	}
}

/* One row of a table (head when cells is t->head); returns nothing, moves y. */
static void
table_row(struct pen *p, const struct report_table *t, char *const *cells, const double *w,
    bool head, bool repeat_head)
{
	double pad = 1.5 * MM;
	PangoLayout **ls = xcalloc(t->ncols, sizeof *ls);
	double *base = xcalloc(t->ncols, sizeof *base);
	double h = 0, top = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		char *v = head ? xstrdup(cells[c]) : iso(cells[c]);
		/* Numbers at the end of their column, text at its start (mirrored
		 * on a right-to-left page, as on the desk's screen). */
		PangoAlignment a = !t->numeric[c] ? align_start(p)
		    : p->rtl                      ? PANGO_ALIGN_LEFT
		                                  : PANGO_ALIGN_RIGHT;
		ls[c] = pen_layout(p, v, p->sh->base, head, w[c] - 2 * pad, a);
		free(v);
		base[c] = pango_layout_get_baseline(ls[c]) / (double)PANGO_SCALE;
		if (base[c] > top)
			top = base[c];
	}
	/* Every cell's first line on one baseline. */
	for (size_t c = 0; c < t->ncols; c++) {
		double lh = top - base[c] + layout_height(ls[c]);
		if (lh > h)
			h = lh;
	}
	h += 1.2 * MM;
	if (p->y + h > pen_bottom(p) && p->y > p->sh->top + 0.01) {
		pen_new_page(p);
		if (repeat_head)
			table_row(p, t, t->head, w, true, false);
	}
	double x = p->rtl ? p->x0 + p->width : p->x0;
	for (size_t c = 0; c < t->ncols; c++) {
		if (p->rtl)
			x -= w[c];
		pen_show(p, ls[c], x + pad, p->y + 0.6 * MM + top - base[c], 0.0);
		if (!p->rtl)
			x += w[c];
		g_object_unref(ls[c]);
	}
	free(ls);
	free(base);
	if (p->cr != NULL) {
		double total = 0;
		for (size_t c = 0; c < t->ncols; c++)
			total += w[c];
		double x0 = p->rtl ? p->x0 + p->width - total : p->x0;
		cairo_set_source_rgb(
		    p->cr, head ? 0.2 : 0.75, head ? 0.2 : 0.75, head ? 0.2 : 0.75);
		cairo_set_line_width(p->cr, head ? 0.6 : 0.3);
		cairo_move_to(p->cr, x0, p->y + h);
		cairo_line_to(p->cr, x0 + total, p->y + h);
		cairo_stroke(p->cr);
	}
	p->y += h;
}

/* A report: its title, then each table with its title, header row and rows. */
static void
draw_report(struct pen *p, const void *arg)
{
	const struct report *r = arg;
	put_top(p, r->title);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		if (t->ncols == 0)
			continue;
		pen_space(p, p->sh->base * 0.6);
		/* The title stays with the header row and a first row. */
		pen_need(p, p->sh->office * 1.6 + p->sh->base * 5);
		pen_para(p, t->title, p->sh->office, true, align_start(p));
		double *w = xcalloc(t->ncols, sizeof *w);
		table_widths(p, t, w);
		table_row(p, t, t->head, w, true, false);
		for (size_t row = 0; row < t->nrows; row++)
			table_row(p, t, t->cells + row * t->ncols, w, false, true);
		free(w);
	}
}

/* ---- the API ------------------------------------------------------------- */

int
paper_case_pdf(const struct miz_case *c, enum paper_kind kind, const struct paper_style *st,
    const char *path, char **cause)
{
	char pretty[TRACKING_SHOWN];
	tracking_format(c->code, pretty);
	if (kind == PAPER_NOTICE && c->status != ST_AWAITING_DOCUMENTS)
		return miz_fail(cause,
		    _("case %s is not waiting for documents: it has no deficiency notice to print"),
		    pretty);
	if (kind == PAPER_RECEIPT && c->status == ST_AWAITING_DOCUMENTS)
		return miz_fail(cause,
		    _("case %s is waiting for documents: print its deficiency notice instead"),
		    pretty);
	if (kind == PAPER_SLIP && !case_status_closed(c->status))
		return miz_fail(cause,
		    _("case %s is still open: a closing slip is printed once it is closed"),
		    pretty);
	content_fn fn = kind == PAPER_NOTICE ? draw_notice
	    : kind == PAPER_SLIP             ? draw_slip
	                                     : draw_receipt;
	const char *title = kind == PAPER_NOTICE ? _("DEFICIENCY NOTICE")
	    : kind == PAPER_SLIP                 ? _("CLOSING SLIP")
	                                         : _("RECEIPT");
	char *t = xasprintf("%s %s", title, pretty);
	int rc = typeset(sheet_for(st->size), st, t, fn, c, path, cause);
	free(t);
	return rc;
}

int
paper_guide_pdf(
    const struct miz_service *s, const struct paper_style *st, const char *path, char **cause)
{
	char *t = xasprintf(_("SERVICE GUIDE: %s"), s->name);
	int rc = typeset(sheet_for(st->size), st, t, draw_guide, s, path, cause);
	free(t);
	return rc;
}

int
paper_report_pdf(
    const struct report *r, const struct paper_style *st, const char *path, char **cause)
{
	return typeset(&sheet_a4, st, r->title, draw_report, r, path, cause);
}
