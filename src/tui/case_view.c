/*
 * A case: client, service, status, dates (original and revised promise),
 * checklist, notices, referrals, history and visits; the actions that its
 * status allows, and no others.
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "tui.h"

struct line {
	char *text;
	enum tui_attr attr;
};

struct case_screen {
	struct screen s;
	int64_t id;
	struct miz_case c;
	bool loaded;
	struct line *lines;
	int nlines;
	int scroll;
};

/* Appends a line of the case's page. */
static void __attribute__((format(printf, 3, 4)))
add(struct case_screen *cs, enum tui_attr a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	cs->lines = xreallocarray(cs->lines, (size_t)cs->nlines + 1, sizeof *cs->lines);
	cs->lines[cs->nlines].text = text;
	cs->lines[cs->nlines].attr = a;
	cs->nlines++;
}

static void
clear_lines(struct case_screen *cs)
{
	for (int i = 0; i < cs->nlines; i++)
		free(cs->lines[i].text);
	free(cs->lines);
	cs->lines = NULL;
	cs->nlines = 0;
}

/* Adds the case's SMS messages, under their heading. */
struct sms_lines {
	struct case_screen *cs;
	struct tui *t;
	int n;
};

static int
add_sms(const struct outbox_message *m, void *arg)
{
	struct sms_lines *l = arg;
	if (l->n++ == 0) {
		add(l->cs, TA_NORMAL, "%s", "");
		add(l->cs, TA_HEADING, "%s", _("SMS to the client"));
	}
	char day[11], iso[11];
	miz_day d;
	snprintf(iso, sizeof iso, "%.10s", m->created_at);
	if (cal_parse(iso, &d, NULL) == 0)
		tui_day(l->t, d, day);
	else
		snprintf(day, sizeof day, "%s", iso);
	add(l->cs, *m->sent_at != '\0' ? TA_NORMAL : TA_DIM, "%s %.5s  %s  %s  %s", day,
	    strlen(m->created_at) > 11 ? m->created_at + 11 : "", m->mobile,
	    *m->sent_at != '\0' ? _("sent") : _("waiting"), m->message);
	return 0;
}

/* Lays the case out as lines. */
static void
build(struct case_screen *cs, struct tui *t)
{
	const struct miz_case *c = &cs->c;
	char d1[11], d2[11];
	clear_lines(cs);
	add(cs, TA_NORMAL, "%s: %s (%s)%s%s", _("Client"), c->client.full_name,
	    c->client.national_id, *c->client.mobile ? "  " : "", c->client.mobile);
	add(cs, TA_NORMAL, "%s: %s — %s", _("Service"), c->service.code, c->service.name);
	add(cs, TA_NORMAL, "%s: %s · %s %s", _("Responsible"), c->service.department,
	    c->service.officer, c->service.officer_phone);
	tui_day(t, c->opened_on, d1);
	tui_day(t, c->complete_on, d2);
	add(cs, TA_NORMAL, "%s: %s   %s: %s   %s: %d", _("Opened"), d1, _("Complete"), d2,
	    _("Visits"), c->visits);
	if (c->promised_on != NO_DAY) {
		tui_day(t, c->promised_on, d1);
		enum tui_attr a =
		    !case_status_closed(c->status) && c->promised_on < t->today ? TA_WARN : TA_BOLD;
		if (c->original_promised_on != NO_DAY &&
		    c->original_promised_on != c->promised_on) {
			tui_day(t, c->original_promised_on, d2);
			add(cs, a, "%s: %s   (%s: %s)", _("Promised"), d1, _("originally"), d2);
		} else {
			add(cs, a, "%s: %s", _("Promised"), d1);
		}
	} else {
		add(cs, TA_WARN, "%s: %s", _("Promised"), _("not yet — the file is incomplete"));
	}
	if (c->closed_on != NO_DAY) {
		tui_day(t, c->closed_on, d1);
		/* Why it was withdrawn or rejected: the reason its history gives. */
		const char *why = "";
		for (size_t i = c->nhistory; i-- > 0 && *why == '\0';) {
			if ((c->status == ST_WITHDRAWN || c->status == ST_REJECTED) &&
			    strcmp(c->history[i].to_status, case_status_token(c->status)) == 0)
				why = c->history[i].reason;
		}
		if (c->satisfaction > 0)
			add(cs, TA_NORMAL, "%s: %s   %s: %d/5 %s", _("Closed"), d1,
			    _("Satisfaction"), c->satisfaction, c->comment);
		else if (*why != '\0')
			add(cs, TA_NORMAL, "%s: %s   %s: %s", _("Closed"), d1, _("Reason"), why);
		else
			add(cs, TA_NORMAL, "%s: %s", _("Closed"), d1);
	}
	add(cs, TA_NORMAL, "%s", "");
	add(cs, TA_HEADING, "%s", _("Documents"));
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct miz_case_doc *d = &c->docs[i];
		char when[11] = "";
		if (d->received)
			tui_day(t, d->received_on, when);
		add(cs, d->received ? TA_NORMAL : (d->required ? TA_WARN : TA_DIM),
		    /* TRANSLATORS: a document on a case: [x] number. name (required or
		     * optional, original or copy) day received. */
		    _("[%s] %zu. %s  (%s, %s) %s"), d->received ? "x" : " ", i + 1, d->name,
		    d->required ? _("required") : _("optional"),
		    d->original ? _("original") : _("copy"), when);
	}
	for (size_t i = 0; i < c->nnotices; i++) {
		const struct miz_notice *n = &c->notices[i];
		tui_day(t, n->issued_on, d1);
		tui_day(t, n->deadline, d2);
		add(cs, TA_HEADING, _("Deficiency notice %zu: issued %s, bring by %s%s"), i + 1, d1,
		    d2, n->resolved_on != NO_DAY ? _(" (resolved)") : "");
		for (size_t j = 0; j < n->nitems; j++)
			add(cs, TA_NORMAL, "  - %s", n->items[j]);
	}
	for (size_t i = 0; i < c->nreferrals; i++) {
		const struct miz_referral *r = &c->referrals[i];
		tui_day(t, r->referred_on, d1);
		tui_day(t, r->due_on, d2);
		bool late = r->returned_on == NO_DAY && r->due_on < t->today;
		add(cs, late ? TA_WARN : TA_HEADING, _("Referral %zu: %s%s%s, %s → due %s%s"),
		    i + 1, r->department, *r->officer ? " / " : "", r->officer, d1, d2,
		    r->returned_on != NO_DAY ? _(" (returned)") : (late ? _(" (late)") : ""));
		if (*r->note)
			add(cs, TA_NORMAL, "  %s", r->note);
	}
	add(cs, TA_NORMAL, "%s", "");
	add(cs, TA_HEADING, "%s", _("History"));
	for (size_t i = 0; i < c->nhistory; i++) {
		const struct miz_event *e = &c->history[i];
		char *what = case_event_text(e);
		/* The day in the desk's calendar, the time as it was written. */
		char day[11], iso[11];
		miz_day d;
		snprintf(iso, sizeof iso, "%.10s", e->at);
		if (cal_parse(iso, &d, NULL) == 0)
			tui_day(t, d, day);
		else
			snprintf(day, sizeof day, "%s", iso);
		add(cs, TA_NORMAL, "%s %.5s  %s  %s", day, strlen(e->at) > 11 ? e->at + 11 : "",
		    e->clerk, what);
		free(what);
	}
	/* The messages the case produced for the client (outbox.h). */
	struct sms_lines l = { cs, t, 0 };
	outbox_of_case(t->db, c->id, add_sms, &l, NULL);
}

static void
case_reload(struct screen *s, struct tui *t)
{
	struct case_screen *cs = (struct case_screen *)s;
	char *cause = NULL;
	if (cs->loaded)
		case_free(&cs->c);
	cs->loaded = case_load(t->db, cs->id, &cs->c, &cause) == 0;
	if (!cs->loaded) {
		tui_cause(t, cause);
		clear_lines(cs);
		return;
	}
	build(cs, t);
}

static void
case_draw(struct screen *s, struct tui *t)
{
	struct case_screen *cs = (struct case_screen *)s;
	if (!cs->loaded)
		return;
	char pretty[TRACKING_SHOWN];
	tracking_format(cs->c.code, pretty);
	char *head = xasprintf("%s %s   %s", _("Case"), pretty, case_status_label(cs->c.status));
	tui_text(t, 2, 1, COLS - 2, head, TA_BOLD);
	free(head);
	int top = 3, h = tui_bottom_line() - top + 1;
	if (cs->scroll > cs->nlines - h)
		cs->scroll = cs->nlines - h > 0 ? cs->nlines - h : 0;
	if (cs->scroll < 0)
		cs->scroll = 0;
	for (int i = 0; i < h && cs->scroll + i < cs->nlines; i++) {
		const struct line *l = &cs->lines[cs->scroll + i];
		tui_text(t, top + i, 1, COLS - 2, l->text, l->attr);
	}
	if (cs->nlines > h) {
		char *pos = xasprintf(" %d/%d ",
		    cs->scroll + h < cs->nlines ? cs->scroll + h : cs->nlines, cs->nlines);
		tui_text(t, 2, COLS - text_width(pos) - 1, text_width(pos), pos, TA_DIM);
		free(pos);
	}
}

/* The core's action behind a desk action on a case, or CA__COUNT. */
static enum case_action
core_action(enum action a)
{
	switch (a) {
	case ACT_VISIT:
		return CA_VISIT;
	case ACT_DOCS:
		return CA_DOCUMENTS;
	case ACT_MISSING:
		return CA_MISSING;
	case ACT_REFER:
		return CA_REFER;
	case ACT_READY:
		return CA_READY;
	case ACT_RESUME:
		return CA_RESUME;
	case ACT_DELIVER:
		return CA_DELIVER;
	case ACT_WITHDRAW:
		return CA_WITHDRAW;
	case ACT_REJECT:
		return CA_REJECT;
	default:
		return CA__COUNT;
	}
}

/* Which actions the case allows, as the core says (drives dispatch and the key bar). */
static bool
case_screen_allows(struct screen *s, enum action a)
{
	struct case_screen *cs = (struct case_screen *)s;
	enum case_action ca = core_action(a);
	if (!cs->loaded)
		return ca == CA__COUNT && a != ACT_PRINT && a != ACT_EDIT_CLIENT;
	return ca == CA__COUNT || case_allows(&cs->c, ca);
}

/* A status change without a form (ready, back in progress). */
static void
quick_status(struct case_screen *cs, struct tui *t, enum miz_status to)
{
	char *cause = NULL;
	if (case_set_status(t->db, cs->id, to, NULL, 0, NULL, t->today, NULL, &cause) != 0) {
		tui_cause(t, cause);
		return;
	}
	case_reload(&cs->s, t);
	tui_info(t, _("Case is now %s."), case_status_label(to));
}

static bool
case_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct case_screen *cs = (struct case_screen *)s;
	char *cause = NULL;
	/* At least a line, however small the terminal. */
	int page = tui_bottom_line() - 3 > 0 ? tui_bottom_line() - 3 : 1;
	switch (ev->action) {
	case ACT_UP:
		if (cs->scroll > 0)
			cs->scroll--;
		return true;
	case ACT_DOWN:
		cs->scroll++;
		return true;
	case ACT_PGUP:
		cs->scroll = cs->scroll > page ? cs->scroll - page : 0;
		return true;
	case ACT_PGDN:
		cs->scroll += page;
		return true;
	case ACT_TOP:
		cs->scroll = 0;
		return true;
	case ACT_BOTTOM:
		cs->scroll = cs->nlines;
		return true;
	case ACT_VISIT:
		if (case_visit(t->db, cs->id, NULL, t->today, NULL, &cause) != 0) {
			tui_cause(t, cause);
		} else {
			case_reload(s, t);
			tui_info(t, _("Visit recorded (%d so far)."), cs->c.visits);
		}
		return true;
	case ACT_DOCS:
		tui_push(t, checklist_new_docs(t, cs->id));
		return true;
	case ACT_MISSING:
		tui_push(t, checklist_new_missing(t, cs->id));
		return true;
	case ACT_REFER:
		tui_push(t, refer_new(t, cs->id));
		return true;
	case ACT_READY:
		quick_status(cs, t, ST_READY);
		return true;
	case ACT_RESUME:
		quick_status(cs, t, ST_IN_PROGRESS);
		return true;
	case ACT_DELIVER:
		tui_push(t, deliver_new(t, cs->id));
		return true;
	case ACT_WITHDRAW:
		tui_push(t, reason_new(t, cs->id, ST_WITHDRAWN));
		return true;
	case ACT_REJECT:
		tui_push(t, reason_new(t, cs->id, ST_REJECTED));
		return true;
	case ACT_PRINT:
		tui_print_case(t, &cs->c);
		return true;
	case ACT_EDIT_CLIENT: {
		struct screen *form = client_edit_form_new(t, cs->c.client.id);
		if (form != NULL)
			tui_push(t, form);
		return true;
	}
	default:
		return false;
	}
}

static void
case_free_screen(struct screen *s)
{
	struct case_screen *cs = (struct case_screen *)s;
	if (cs->loaded)
		case_free(&cs->c);
	clear_lines(cs);
	free(cs);
}

static const struct screen_ops case_ops = {
	.name = "case",
	.draw = case_draw,
	.key = case_key,
	.reload = case_reload,
	.free = case_free_screen,
};

struct screen *
case_new(struct tui *t, int64_t case_id)
{
	struct case_screen *cs = xcalloc(1, sizeof *cs);
	cs->s.ops = &case_ops;
	cs->s.context = CX_CASE | CX_LETTERS;
	cs->s.allows = case_screen_allows;
	cs->id = case_id;
	case_reload(&cs->s, t);
	return &cs->s;
}
