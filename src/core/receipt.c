/* Receipts, deficiency notices and guide cards as text. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/i18n.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

/* Appends formatted text. */
static void __attribute__((format(printf, 2, 3))) buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *more = xvasprintf(fmt, ap);
	va_end(ap);
	size_t n = strlen(more);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, more, n + 1);
	b->len += n;
	free(more);
}

void
receipt_format_day(miz_day day, bool jalali, char *buf)
{
	if (day == NO_DAY)
		snprintf(buf, 11, "-");
	else if (jalali)
		cal_format_jalali(day, buf);
	else
		cal_format_iso(day, buf);
}

/* Appends "label: 1405/09/15 (2026-12-06)". */
static void
put_day(struct buf *b, const char *label, miz_day day, const struct receipt_style *st)
{
	char one[11], other[11];
	receipt_format_day(day, st->jalali, one);
	receipt_format_day(day, !st->jalali, other);
	if (day == NO_DAY)
		buf_printf(b, "%s: -\n", label);
	else
		buf_printf(b, "%s: %s (%s)\n", label, one, other);
}

/* The heading every slip starts with. */
static void
put_heading(struct buf *b, const char *title, const struct receipt_style *st)
{
	if (st->office_name != NULL && *st->office_name != '\0')
		buf_printf(b, "%s\n", st->office_name);
	buf_printf(b, "%s\n", title);
	buf_printf(b, "%s\n", "========================================");
}

/* Client and service lines shared by receipt and notice. */
static void
put_case_head(struct buf *b, const struct miz_case *c, const struct receipt_style *st)
{
	char pretty[TRACKING_SHOWN];
	tracking_format(c->code, pretty);
	buf_printf(b, _("Tracking code: %s\n"), pretty);
	buf_printf(
	    b, _("Client: %s (national ID %s)\n"), c->client.full_name, c->client.national_id);
	buf_printf(b, _("Service: %s (%s)\n"), c->service.name, c->service.code);
	put_day(b, _("Received on"), c->opened_on, st);
}

/* Officer and department lines: whom to call. */
static void
put_contact(struct buf *b, const struct miz_service *s)
{
	buf_printf(b, _("Department: %s\n"), s->department);
	if (*s->officer != '\0')
		buf_printf(
		    b, _("Responsible officer: %s, phone %s\n"), s->officer, s->officer_phone);
}

/* Numbered steps, one per line of s->steps. */
static void
put_steps(struct buf *b, const char *steps)
{
	int n = 1;
	const char *p = steps;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0)
			buf_printf(b, "  %d. %.*s\n", n++, (int)len, p);
		p += len + (nl != NULL);
	}
}

char *
receipt_text(const struct miz_case *c, const struct receipt_style *st)
{
	struct buf b = { 0 };
	put_heading(&b, _("RECEIPT"), st);
	put_case_head(&b, c, st);
	put_day(&b, _("File complete on"), c->complete_on, st);
	put_day(&b, _("Promised completion date"), c->promised_on, st);
	if (c->original_promised_on != NO_DAY && c->original_promised_on != c->promised_on)
		put_day(&b, _("Originally promised"), c->original_promised_on, st);
	char *fee = text_grouped(c->service.fee);
	buf_printf(&b, _("Fee: %s rials\n"), fee);
	free(fee);
	put_contact(&b, &c->service);
	buf_printf(&b, _("Documents received:\n"));
	for (size_t i = 0; i < c->ndocs; i++) {
		if (c->docs[i].received)
			buf_printf(&b, "  - %s (%s)\n", c->docs[i].name,
			    c->docs[i].original ? _("original") : _("copy"));
	}
	if (*c->service.steps != '\0') {
		buf_printf(&b, _("Steps:\n"));
		put_steps(&b, c->service.steps);
	}
	buf_printf(&b, _("Quote the tracking code when you call or come back.\n"));
	return b.s;
}

char *
receipt_notice_text(const struct miz_case *c, const struct receipt_style *st)
{
	struct buf b = { 0 };
	const struct miz_notice *n = c->nnotices > 0 ? &c->notices[c->nnotices - 1] : NULL;
	put_heading(&b, _("DEFICIENCY NOTICE"), st);
	put_case_head(&b, c, st);
	/* A later notice (documents found missing after intake) says when. */
	if (n != NULL && n->issued_on != c->opened_on)
		put_day(&b, _("Notice issued on"), n->issued_on, st);
	buf_printf(&b, _("Your file is not complete.  Every missing document is listed here:\n"));
	if (n != NULL) {
		for (size_t i = 0; i < n->nitems; i++) {
			/* Only what is still missing today, and whether the
			 * original or a copy is wanted. */
			int received = 0;
			const char *form = NULL;
			for (size_t j = 0; j < c->ndocs; j++) {
				if (strcmp(c->docs[j].name, n->items[i]) != 0)
					continue;
				received = received || c->docs[j].received;
				form = c->docs[j].original ? _("original") : _("copy");
			}
			if (!received && form != NULL)
				buf_printf(&b, "  - %s (%s)\n", n->items[i], form);
			else if (!received)
				buf_printf(&b, "  - %s\n", n->items[i]);
		}
		put_day(&b, _("Bring them by"), n->deadline, st);
	}
	buf_printf(&b,
	    _("The completion date is set on the day the file is complete (%d working days).\n"),
	    c->working_days);
	put_contact(&b, &c->service);
	buf_printf(&b, _("Bring this notice and quote the tracking code when you come back.\n"));
	return b.s;
}

char *
receipt_for_case(const struct miz_case *c, const struct receipt_style *st)
{
	if (c->status == ST_AWAITING_DOCUMENTS)
		return receipt_notice_text(c, st);
	return receipt_text(c, st);
}

char *
receipt_guide_text(const struct miz_service *s, const struct receipt_style *st)
{
	struct buf b = { 0 };
	char *title = xasprintf(_("SERVICE GUIDE: %s"), s->name);
	put_heading(&b, title, st);
	free(title);
	buf_printf(&b, _("Service code: %s\n"), s->code);
	if (*s->name_en != '\0')
		buf_printf(&b, "%s\n", s->name_en);
	buf_printf(&b, _("Duration: %d working days from the day the file is complete\n"),
	    s->working_days);
	char *fee = text_grouped(s->fee);
	buf_printf(&b, _("Fee: %s rials\n"), fee);
	free(fee);
	put_contact(&b, s);
	buf_printf(&b, _("Documents to bring:\n"));
	for (size_t i = 0; i < s->ndocs; i++)
		buf_printf(&b, _("  %zu. %s (%s, %s)\n"), i + 1, s->docs[i].name,
		    s->docs[i].required ? _("required") : _("optional"),
		    s->docs[i].original ? _("original") : _("copy"));
	if (*s->steps != '\0') {
		buf_printf(&b, _("Steps:\n"));
		put_steps(&b, s->steps);
	}
	return b.s;
}
