/*
 * The checklist: the service's documents, required ones marked; Space ticks
 * what was handed over.  Confirming opens the case (receipt or deficiency
 * notice), records documents brought to an open case, or (unticking)
 * records received documents found missing after all, with a new notice.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "tui.h"

struct checklist {
	struct screen s;
	int64_t client_id; /* intake: the client */
	int64_t case_id; /* documents brought: the case */
	struct miz_service svc;
	char *client_name;
	char *code; /* the case's tracking code, when adding */
	bool *ticked;
	bool *locked; /* already received earlier */
	int sel;
	int scroll;
	bool changed;
	bool missing; /* unticking received documents found missing */
};

/* Puts the receipt or notice of a case on top of `under`. */
static void
show_slip(struct tui *t, struct screen *under, int64_t case_id)
{
	struct miz_case c;
	char *cause = NULL;
	if (case_load(t->db, case_id, &c, &cause) != 0) {
		tui_cause(t, cause);
		return;
	}
	struct receipt_style st = { t->set.jalali, t->set.office_name };
	char *text = receipt_for_case(&c, &st);
	bool notice = c.status == ST_AWAITING_DOCUMENTS;
	tui_swap(t, under,
	    slip_new(t, notice ? _("Deficiency notice") : _("Receipt"), text, case_id, NULL));
	case_free(&c);
}

/* What the note form carries: the documents found missing, and the case. */
struct missing_arg {
	int64_t *ids;
	size_t n;
	struct screen *case_screen;
};

static void
missing_arg_free(void *p)
{
	struct missing_arg *a = p;
	free(a->ids);
	free(a);
}

/* Saves the documents found missing with the note: a new notice. */
static int
missing_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	struct missing_arg *a = f->arg;
	char *note = form_text(f, 0);
	int ret = case_documents_missing(t->db, f->id, a->ids, a->n, note, t->today, NULL, cause);
	free(note);
	if (ret != 0) {
		*bad = 0;
		return -1;
	}
	int64_t id = f->id;
	struct screen *case_screen = a->case_screen;
	tui_pop_to(t, case_screen); /* back to the case, reloaded; the form is gone */
	show_slip(t, case_screen, id);
	tui_info(t, _("A new deficiency notice lists every missing document."));
	return 0;
}

/* Asks for a note on the unticked documents found missing (the command
 * line's --note), then records them: a new notice. */
static void
confirm_missing(struct checklist *cl, struct tui *t)
{
	struct missing_arg *a = xcalloc(1, sizeof *a);
	a->ids = xcalloc(cl->svc.ndocs + 1, sizeof *a->ids);
	char *names = NULL;
	for (size_t i = 0; i < cl->svc.ndocs; i++) {
		if (cl->ticked[i] || cl->locked[i])
			continue;
		a->ids[a->n++] = cl->svc.docs[i].id;
		char *more = xasprintf("%s%s- %s", names != NULL ? names : "", names != NULL ? "\n" : "",
		    cl->svc.docs[i].name);
		free(names);
		names = more;
	}
	if (a->n == 0) {
		missing_arg_free(a);
		tui_error(
		    t, _("Untick the documents found missing or unusable (Space), then Enter."));
		return;
	}
	a->case_screen = cl->s.below;
	struct form *f = form_new(t, _("Documents found missing"), missing_save);
	f->id = cl->case_id;
	f->arg = a;
	f->free_arg = missing_arg_free;
	f->header = xasprintf(_("Found missing or unusable:\n%s"), names);
	free(names);
	form_add(f, _("Note"), NULL, TEXT_MAX_NOTE, NULL, false,
	    _("optional: what is wrong (no stamp, unreadable...); F8 or Enter saves"));
	tui_push(t, &f->s);
}

/* Opens the case (intake) or records the documents (return visit). */
static void
confirm(struct checklist *cl, struct tui *t)
{
	if (cl->missing) {
		confirm_missing(cl, t);
		return;
	}
	char *cause = NULL;
	size_t n = 0;
	int64_t *ids = xcalloc(cl->svc.ndocs + 1, sizeof *ids);
	for (size_t i = 0; i < cl->svc.ndocs; i++) {
		if (cl->ticked[i] && !cl->locked[i])
			ids[n++] = cl->svc.docs[i].id;
	}
	struct miz_outcome o;
	if (cl->case_id == 0) {
		if (case_open(t->db, cl->client_id, cl->svc.code, ids, n, t->today, NULL, &o, &cause) !=
		    0) {
			tui_cause(t, cause);
		} else {
			char pretty[TRACKING_SHOWN];
			tracking_format(o.code, pretty);
			show_slip(t, tui_home(t), o.case_id);
			tui_info(t, _("Case %s opened."), pretty);
		}
	} else if (n == 0) {
		tui_error(t, _("Tick the documents the client brought (Space), then Enter."));
	} else if (case_add_documents(t->db, cl->case_id, ids, n, t->today, &o, &cause) != 0) {
		tui_cause(t, cause);
	} else {
		struct screen *case_screen = cl->s.below;
		tui_pop(t); /* back to the case, reloaded; cl is gone */
		/* What the action says happened, never a guess from the dates. */
		if (o.became_complete) {
			char day[11];
			tui_day(t, o.promised_on, day);
			show_slip(t, case_screen, o.case_id);
			tui_info(t, _("File complete: promised for %s."), day);
		} else if (o.status == ST_AWAITING_DOCUMENTS) {
			tui_info(t, _("Documents recorded; the file is still incomplete."));
		} else {
			tui_info(t, _("Documents recorded."));
		}
	}
	free(ids);
}

static void
checklist_draw(struct screen *s, struct tui *t)
{
	struct checklist *cl = (struct checklist *)s;
	char *head;
	if (cl->case_id == 0)
		head = xasprintf(_("New case for %s: %s"), cl->client_name, cl->svc.name);
	else if (cl->missing)
		head = xasprintf(_("Documents found missing for %s (%s)"), cl->code, cl->svc.name);
	else
		head = xasprintf(_("Documents brought for %s (%s)"), cl->code, cl->svc.name);
	tui_text(t, 2, 1, COLS - 2, head, TA_BOLD);
	free(head);
	char *fee = text_grouped(cl->svc.fee);
	char *info = xasprintf(_("%d working days · fee %s rials"), cl->svc.working_days, fee);
	free(fee);
	tui_text(t, 3, 1, COLS - 2, info, TA_DIM);
	free(info);
	/* Who does the work, on a line of its own: the phone is never cut. */
	if (*cl->svc.officer_phone != '\0')
		info = xasprintf(_("%s · %s, phone %s"), cl->svc.department, cl->svc.officer,
		    cl->svc.officer_phone);
	else
		info = xasprintf("%s · %s", cl->svc.department, cl->svc.officer);
	tui_text(t, 4, 1, COLS - 2, info, TA_DIM);
	free(info);

	int missing = 0;
	for (size_t i = 0; i < cl->svc.ndocs; i++)
		missing += cl->svc.docs[i].required && !cl->ticked[i];
	int top = 6, h = tui_bottom_line() - top - 1;
	if (cl->sel < cl->scroll)
		cl->scroll = cl->sel;
	if (cl->sel >= cl->scroll + h)
		cl->scroll = cl->sel - h + 1;
	for (int i = cl->scroll; i < (int)cl->svc.ndocs && i - cl->scroll < h; i++) {
		const struct miz_document *d = &cl->svc.docs[i];
		char *line = xasprintf("[%s] %d. %s", cl->ticked[i] ? "x" : " ", i + 1, d->name);
		char *tail = xasprintf("%s %s", d->required ? _("required") : _("optional"),
		    d->original ? _("original") : _("copy"));
		enum tui_attr a = i == cl->sel        ? TA_SELECTED
		    : cl->locked[i]                   ? TA_DIM
		    : (d->required && !cl->ticked[i]) ? TA_WARN
		                                      : TA_NORMAL;
		int tw = text_width(tail) + 2;
		tui_text(t, top + i - cl->scroll, 1, COLS - 2 - tw, line, a);
		/* Two cells between the name and its tail. */
		tui_text(t, top + i - cl->scroll, COLS + 1 - tw, tw - 2, tail, a);
		free(line);
		free(tail);
	}
	char *sum;
	if (missing == 0)
		sum = xstrdup(cl->case_id == 0
		        ? _("Complete: Enter opens the case and gives the receipt.")
		        : _("Complete: Enter records them and sets the promised date."));
	else
		sum = xasprintf(ngettext("%d required document missing: Enter issues one "
		                         "deficiency notice listing it.",
		                    "%d required documents missing: Enter issues one deficiency "
		                    "notice listing them all.",
		                    missing),
		    missing);
	if (cl->missing) {
		int untick = 0;
		for (size_t i = 0; i < cl->svc.ndocs; i++)
			untick += !cl->locked[i] && !cl->ticked[i];
		free(sum);
		sum = untick == 0
		    ? xstrdup(_("Untick (Space) each received document found missing or unusable."))
		    : xasprintf(ngettext("%d document found missing: Enter issues a new "
		                         "deficiency notice.",
		                    "%d documents found missing: Enter issues a new deficiency "
		                    "notice.",
		                    untick),
		          untick);
	} else if (cl->case_id != 0 && missing > 0) {
		free(sum);
		sum = xasprintf(_("%d required still missing after these."), missing);
	}
	tui_text_2lines(t, tui_bottom_line(), 1, COLS - 2, sum, missing ? TA_WARN : TA_OK);
	free(sum);
}

static bool
checklist_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct checklist *cl = (struct checklist *)s;
	int n = (int)cl->svc.ndocs;
	switch (ev->action) {
	case ACT_UP:
		if (cl->sel > 0)
			cl->sel--;
		return true;
	case ACT_DOWN:
		if (cl->sel + 1 < n)
			cl->sel++;
		return true;
	case ACT_TOP:
		cl->sel = 0;
		return true;
	case ACT_BOTTOM:
		cl->sel = n > 0 ? n - 1 : 0;
		return true;
	case ACT_TICK:
		if (n > 0 && !cl->locked[cl->sel]) {
			cl->ticked[cl->sel] = !cl->ticked[cl->sel];
			cl->changed = true;
			if (cl->sel + 1 < n)
				cl->sel++;
		}
		return true;
	case ACT_TICK_ALL:
		for (int i = 0; i < n; i++)
			cl->ticked[i] = cl->ticked[i] || !cl->locked[i];
		cl->changed = true;
		return true;
	case ACT_ENTER:
	case ACT_SAVE:
		confirm(cl, t);
		return true;
	default:
		break;
	}
	/* Digits tick by number, as printed on the service guide. */
	if (ev->ch >= '1' && ev->ch <= '9' && ev->ch - '1' < n) {
		int i = (int)(ev->ch - '1');
		if (!cl->locked[i]) {
			cl->ticked[i] = !cl->ticked[i];
			cl->changed = true;
		}
		cl->sel = i;
		return true;
	}
	return false;
}

static bool
checklist_dirty(struct screen *s)
{
	return ((struct checklist *)s)->changed;
}

static void
checklist_free(struct screen *s)
{
	struct checklist *cl = (struct checklist *)s;
	catalog_service_free(&cl->svc);
	free(cl->client_name);
	free(cl->code);
	free(cl->ticked);
	free(cl->locked);
	free(cl);
}

static const struct screen_ops checklist_ops = {
	.name = "checklist",
	.draw = checklist_draw,
	.key = checklist_key,
	.dirty = checklist_dirty,
	.free = checklist_free,
};

/* A checklist screen around a loaded service. */
static struct checklist *
checklist_alloc(void)
{
	struct checklist *cl = xcalloc(1, sizeof *cl);
	cl->s.ops = &checklist_ops;
	cl->s.context = CX_CHECKLIST | CX_LIST;
	return cl;
}

struct screen *
checklist_new_intake(struct tui *t, int64_t client_id, const char *service_code)
{
	struct checklist *cl = checklist_alloc();
	char *cause = NULL;
	struct miz_client c;
	cl->client_id = client_id;
	if (catalog_get_service(t->db, service_code, &cl->svc, &cause) <= 0)
		tui_cause(t, cause);
	if (client_get(t->db, client_id, &c, &cause) > 0) {
		cl->client_name = xstrdup(c.full_name);
		client_free(&c);
	} else {
		cl->client_name = xstrdup("?");
		tui_cause(t, cause);
	}
	cl->ticked = xcalloc(cl->svc.ndocs + 1, sizeof *cl->ticked);
	cl->locked = xcalloc(cl->svc.ndocs + 1, sizeof *cl->locked);
	return &cl->s;
}

/* The checklist of a case: ticked = received; which lines may change depends on the mode. */
static struct screen *
checklist_of_case(struct tui *t, int64_t case_id, bool missing)
{
	struct checklist *cl = checklist_alloc();
	cl->missing = missing;
	char *cause = NULL;
	struct miz_case c;
	cl->case_id = case_id;
	if (case_load(t->db, case_id, &c, &cause) != 0) {
		tui_cause(t, cause);
		cl->code = xstrdup("?");
		cl->client_name = xstrdup("?");
		cl->ticked = xcalloc(1, 1);
		cl->locked = xcalloc(1, 1);
		return &cl->s;
	}
	char pretty[TRACKING_SHOWN];
	tracking_format(c.code, pretty);
	cl->code = xstrdup(pretty);
	cl->client_name = xstrdup(c.client.full_name);
	/* The service's current checklist, with what the case already has. */
	cl->svc = c.service;
	memset(&c.service, 0, sizeof c.service);
	cl->ticked = xcalloc(cl->svc.ndocs + 1, sizeof *cl->ticked);
	cl->locked = xcalloc(cl->svc.ndocs + 1, sizeof *cl->locked);
	for (size_t i = 0; i < cl->svc.ndocs; i++) {
		for (size_t j = 0; j < c.ndocs; j++) {
			if (c.docs[j].id == cl->svc.docs[i].id && c.docs[j].received)
				cl->ticked[i] = true;
		}
		/* Bringing: what is in is settled.  Found missing: only received
		 * required documents can be taken off. */
		cl->locked[i] =
		    missing ? !cl->ticked[i] || !cl->svc.docs[i].required : cl->ticked[i];
	}
	/* Start on the first line that can change. */
	for (size_t i = 0; i < cl->svc.ndocs; i++) {
		if (!cl->locked[i]) {
			cl->sel = (int)i;
			break;
		}
	}
	case_free(&c);
	return &cl->s;
}

struct screen *
checklist_new_docs(struct tui *t, int64_t case_id)
{
	return checklist_of_case(t, case_id, false);
}

struct screen *
checklist_new_missing(struct tui *t, int64_t case_id)
{
	return checklist_of_case(t, case_id, true);
}
