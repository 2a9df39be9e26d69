/*
 * A client at the desk: who they are, their cases, and the service picker
 * for a new case (type part of the service's name or code).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "listview.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

struct client_screen {
	struct screen s;
	int64_t client_id;
	struct miz_client c;
	struct field filter;
	struct listview services;
	struct listview cases;
	bool cases_focus;
	int ncases_open;
	char pending[64]; /* the service of an intake asked about (an open case exists) */
	int64_t open_case; /* that open case */
};

/* Yes: a second case for the service after all. */
static void
intake_anyway(struct tui *t, void *arg)
{
	struct client_screen *cs = arg;
	tui_push(t, checklist_new_intake(t, cs->client_id, cs->pending));
}

/* No: the open case itself. */
static void
show_open_case(struct tui *t, void *arg)
{
	struct client_screen *cs = arg;
	tui_push(t, case_new(t, cs->open_case));
}

/*
 * An intake for a service: asked first when the client has an open case
 * for it (a double Enter, or a desk that died after the first one).
 */
static void
start_intake(struct client_screen *cs, struct tui *t, const char *service_code)
{
	char *cause = NULL;
	int64_t open_id = 0;
	int found = case_find_open(t->db, cs->client_id, service_code, &open_id, &cause);
	if (found < 0) {
		tui_cause(t, cause);
		return;
	}
	if (found == 0) {
		tui_push(t, checklist_new_intake(t, cs->client_id, service_code));
		return;
	}
	struct miz_case oc;
	if (case_load(t->db, open_id, &oc, &cause) != 0) {
		tui_cause(t, cause);
		return;
	}
	char pretty[TRACKING_SHOWN];
	tracking_format(oc.code, pretty);
	snprintf(cs->pending, sizeof cs->pending, "%s", service_code);
	cs->open_case = open_id;
	char *q = xasprintf(
	    _("Already open: %s (%s). Open another? (y; n shows it)"), pretty,
	    case_status_label(oc.status));
	case_free(&oc);
	tui_push(t, confirm_new_or(t, q, intake_anyway, show_open_case, cs));
	free(q);
}

static int
add_case(const struct miz_case_row *r, void *arg)
{
	struct lv_fill *f = arg;
	char pretty[TRACKING_SHOWN], day[11];
	tracking_format(r->code, pretty);
	tui_day(f->t, r->promised_on, day);
	const char *cols[] = { pretty, r->service_name, case_status_label(r->status), day };
	lv_add(f->lv, r->id, case_status_closed(r->status) ? TA_DIM : TA_NORMAL, cols, 4);
	return 0;
}

static int
fetch_cases(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct client_screen *cs = lv->arg;
	struct lv_fill f = { lv, t };
	return case_list(t->db, ST__COUNT, cs->client_id, limit, offset, add_case, &f, cause);
}

/* Collects services; the catalog is small, so paging is done here. */
static int
add_service(const struct miz_service *s, void *arg)
{
	struct lv_page *sf = arg;
	int take = lv_page_take(sf);
	if (take <= 0)
		return take < 0;
	char days[32];
	snprintf(days, sizeof days, _("%d days"), s->working_days);
	const char *cols[] = { s->code, s->name, days };
	lv_add(sf->f.lv, s->id, TA_NORMAL, cols, 3);
	return 0;
}

static int
fetch_services(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct client_screen *cs = lv->arg;
	char *q = field_text(&cs->filter);
	struct lv_page sf = { { lv, t }, offset, limit };
	int n = catalog_find_services(t->db, q, add_service, &sf, cause);
	free(q);
	return n < 0 ? -1 : lv->nrows;
}

static int
widest_code(const struct miz_service *s, void *arg)
{
	int *w = arg, cw = text_width(s->code);
	if (cw > *w)
		*w = cw;
	return 0;
}

int
tui_code_width(struct tui *t, const char *heading)
{
	int w = text_width(heading), cap = COLS / 3;
	catalog_find_services(t->db, "", widest_code, &w, NULL);
	/* Never so wide that the names beside it go: a longer code ends in "…". */
	return w > cap && cap >= text_width(heading) ? cap : w;
}

static void
client_reload(struct screen *s, struct tui *t)
{
	struct client_screen *cs = (struct client_screen *)s;
	char *cause = NULL;
	client_free(&cs->c);
	if (client_get(t->db, cs->client_id, &cs->c, &cause) <= 0)
		tui_cause(t, cause);
	lv_reload(&cs->cases, t);
	lv_reload(&cs->services, t);
}

static void
client_draw(struct screen *s, struct tui *t)
{
	struct client_screen *cs = (struct client_screen *)s;
	char *head = xasprintf("%s   %s %s   %s %s", cs->c.full_name != NULL ? cs->c.full_name : "",
	    _("ID"), cs->c.national_id, _("mobile"),
	    cs->c.mobile != NULL && *cs->c.mobile ? cs->c.mobile : "-");
	tui_text(t, 2, 1, COLS - 2, head, TA_BOLD);
	free(head);

	int avail = tui_bottom_line() - 3;
	int cases_h = cs->cases.nrows > 0 || cs->cases.offset > 0 ? avail / 3 + 1 : 2;
	if (cases_h < 2)
		cases_h = 2;
	tui_text(t, 3, 1, COLS - 2, _("Cases of this client (Tab: go to the list, Enter: open)"),
	    TA_DIM);
	lv_draw(&cs->cases, t, 4, 0, COLS, cases_h, cs->cases_focus);

	int y = 4 + cases_h + 1;
	const char *label = _("New case — service:");
	int lw = text_width(label);
	tui_text(t, y, 1, lw + 1, label, TA_BOLD);
	int cy = -1, cx = -1;
	field_draw(
	    t, &cs->filter, y, lw + 3, COLS - lw - 5 > 40 ? 40 : COLS - lw - 5, !cs->cases_focus);
	cy = t->cursor_y;
	cx = t->cursor_x;
	lv_draw(&cs->services, t, y + 1, 0, COLS, tui_bottom_line() - y, !cs->cases_focus);
	if (!cs->cases_focus) {
		t->cursor_y = cy;
		t->cursor_x = cx;
	} else {
		t->cursor_y = -1;
	}
}

static bool
client_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct client_screen *cs = (struct client_screen *)s;
	if (ev->action == ACT_EDIT_CLIENT) {
		struct screen *form = client_edit_form_new(t, cs->client_id);
		if (form != NULL)
			tui_push(t, form);
		return true;
	}
	if (ev->action == ACT_NEXT || ev->action == ACT_PREV) {
		cs->cases_focus = !cs->cases_focus && cs->cases.nrows > 0;
		return true;
	}
	if (cs->cases_focus) {
		if (ev->action == ACT_ENTER) {
			const struct lv_row *r = lv_selected(&cs->cases);
			if (r != NULL)
				tui_push(t, case_new(t, r->id));
			return true;
		}
		return lv_key(&cs->cases, t, ev);
	}
	if (ev->action == ACT_ENTER) {
		const struct lv_row *r = lv_selected(&cs->services);
		if (r == NULL) {
			tui_error(t, _("No service matches: type part of its name or code."));
			return true;
		}
		start_intake(cs, t, r->col[0]);
		return true;
	}
	if (ev->action == ACT_UP || ev->action == ACT_DOWN || ev->action == ACT_PGUP ||
	    ev->action == ACT_PGDN)
		return lv_key(&cs->services, t, ev);
	bool edited;
	if (field_key_edit(&cs->filter, ev, &edited)) {
		if (edited)
			lv_reset(&cs->services, t);
		return true;
	}
	return false;
}

static void
client_free_screen(struct screen *s)
{
	struct client_screen *cs = (struct client_screen *)s;
	client_free(&cs->c);
	lv_free(&cs->services);
	lv_free(&cs->cases);
	free(cs);
}

static const struct screen_ops client_ops = {
	.name = "client",
	.draw = client_draw,
	.key = client_key,
	.reload = client_reload,
	.free = client_free_screen,
};

struct screen *
client_new(struct tui *t, int64_t client_id)
{
	struct client_screen *cs = xcalloc(1, sizeof *cs);
	cs->s.ops = &client_ops;
	cs->s.context = CX_CLIENT | CX_LIST;
	cs->client_id = client_id;
	field_init(&cs->filter, 40);
	lv_init(&cs->cases, fetch_cases, cs);
	cs->cases.ncols = 4;
	cs->cases.cols[0] = (struct lv_column){ _("Tracking code"), 14 };
	cs->cases.cols[1] = (struct lv_column){ _("Service"), 0 };
	cs->cases.cols[2] = (struct lv_column){ _("Status"), 18 };
	cs->cases.cols[3] = (struct lv_column){ _("Promised"), 10 };
	cs->cases.empty = _("No cases yet.");
	cs->cases.height = 4;
	lv_init(&cs->services, fetch_services, cs);
	cs->services.ncols = 3;
	cs->services.cols[0] = (struct lv_column){ _("Code"), tui_code_width(t, _("Code")) };
	cs->services.cols[1] = (struct lv_column){ _("Service"), 0 };
	cs->services.cols[2] = (struct lv_column){ _("Duration"), 9 };
	cs->services.empty = _("No service matches.");
	cs->services.height = 8;
	client_reload(&cs->s, t);
	return &cs->s;
}
