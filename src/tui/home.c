/* The desk: today at a glance, and the lists a clerk works from. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "miz/desk.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

struct home {
	struct screen s;
	int counts[DESK__COUNT];
	enum desk_view view;
	struct listview lv;
};

/* Adds one desk row to the list. */
static int
add_row(const struct desk_row *r, void *arg)
{
	struct lv_fill *f = arg;
	struct listview *lv = f->lv;
	struct tui *t = f->t;
	char pretty[TRACKING_SHOWN], day[11];
	tracking_format(r->code, pretty);
	tui_day(t, r->day, day);
	const char *last = *r->extra ? r->extra : case_status_label(r->status);
	/* Said, not only coloured (a monochrome terminal, NO_COLOR). */
	if (r->status == ST_AWAITING_DOCUMENTS && r->day != NO_DAY && r->day < t->today)
		last = _("deadline passed");
	const char *cols[] = { pretty, r->client_name, r->service_name, day, last };
	enum tui_attr a = TA_NORMAL;
	if (r->day != NO_DAY && r->day < t->today && r->status != ST_READY)
		a = TA_WARN;
	struct lv_key key = { r->key.day, r->key.id };
	lv_add_keyed(lv, r->case_id, key, a, cols, 5);
	return 0;
}

/* A page of the view, by key: as fast at row 100,000 as at the first. */
static int
fetch(struct listview *lv, struct tui *t, const struct lv_key *after, bool backward, int limit,
    char **cause)
{
	struct home *h = lv->arg;
	struct lv_fill f = { lv, t };
	struct desk_key key;
	if (after != NULL) {
		key.day = (miz_day)after->day;
		key.id = after->id;
	}
	return desk_page(t->db, h->view, t->today, after != NULL ? &key : NULL, backward, limit,
	    add_row, &f, cause);
}

/* Column titles for the view on show. */
static void
set_columns(struct home *h)
{
	static const char *date_titles[DESK__COUNT] = {
		[DESK_OPENED_TODAY] = N_("Promised"),
		[DESK_AWAITING] = N_("Deadline"),
		[DESK_DUE_TODAY] = N_("Promised"),
		[DESK_OVERDUE] = N_("Promised"),
		[DESK_READY] = N_("Promised"),
		[DESK_REFERRAL_LATE] = N_("Due"),
	};
	h->lv.ncols = 5;
	h->lv.cols[0] = (struct lv_column){ _("Tracking code"), 14 };
	h->lv.cols[1] = (struct lv_column){ _("Client"), 0 };
	h->lv.cols[2] = (struct lv_column){ _("Service"), 0 };
	h->lv.cols[3] = (struct lv_column){ _(date_titles[h->view]), 10 };
	h->lv.cols[4] =
	    (struct lv_column){ h->view == DESK_REFERRAL_LATE ? _("Department") : _("Status"), 18 };
	h->lv.empty = _("Nothing here.");
}

static void
home_reload(struct screen *s, struct tui *t)
{
	struct home *h = (struct home *)s;
	char *cause = NULL;
	if (desk_counts(t->db, t->today, h->counts, &cause) != 0)
		tui_cause(t, cause);
	lv_reload(&h->lv, t);
}

static void
home_draw(struct screen *s, struct tui *t)
{
	struct home *h = (struct home *)s;
	int cellw = COLS / 3;
	for (int v = 0; v < DESK__COUNT; v++) {
		int y = 2 + v / 3, x = (v % 3) * cellw;
		char *label = xasprintf(" %d %s", v + 1, desk_view_label((enum desk_view)v));
		char *num = xasprintf("%d ", h->counts[v]);
		enum tui_attr a = (int)h->view == v ? TA_SELECTED : TA_NORMAL;
		if (a == TA_NORMAL && h->counts[v] > 0 &&
		    (v == DESK_OVERDUE || v == DESK_REFERRAL_LATE))
			a = TA_WARN;
		tui_text(t, y, x, cellw - 1, label, a);
		tui_text(t, y, x + cellw - 1 - text_width(num), text_width(num), num, a);
		free(label);
		free(num);
	}
	int top = 5;
	tui_text(t, top, 0, COLS, desk_view_label(h->view), TA_BOLD);
	lv_draw(&h->lv, t, top + 1, 0, COLS, tui_bottom_line() - top, true);
}

/* Shows another view. */
static void
select_view(struct home *h, struct tui *t, int v)
{
	h->view = (enum desk_view)((v + DESK__COUNT) % DESK__COUNT);
	set_columns(h);
	lv_reset(&h->lv, t);
}

static bool
home_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct home *h = (struct home *)s;
	if (ev->ch >= '1' && ev->ch < '1' + DESK__COUNT) {
		select_view(h, t, (int)(ev->ch - '1'));
		return true;
	}
	switch (ev->action) {
	case ACT_RIGHT:
	case ACT_NEXT:
		select_view(h, t, (int)h->view + 1);
		return true;
	case ACT_LEFT:
	case ACT_PREV:
		select_view(h, t, (int)h->view - 1);
		return true;
	case ACT_ENTER: {
		const struct lv_row *r = lv_selected(&h->lv);
		if (r != NULL)
			tui_push(t, case_new(t, r->id));
		return true;
	}
	default:
		return lv_key(&h->lv, t, ev);
	}
}

static void
home_free(struct screen *s)
{
	struct home *h = (struct home *)s;
	lv_free(&h->lv);
	free(h);
}

static const struct screen_ops home_ops = {
	.name = "home",
	.draw = home_draw,
	.key = home_key,
	.reload = home_reload,
	.free = home_free,
};

struct screen *
home_new(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->s.ops = &home_ops;
	h->s.context = CX_LETTERS | CX_LIST | CX_HOME | CX_TABS;
	lv_init_keyed(&h->lv, fetch, h);
	h->lv.height = LINES - 9 > 1 ? LINES - 9 : 1;
	h->view = DESK_OPENED_TODAY;
	set_columns(h);
	home_reload(&h->s, t);
	return &h->s;
}
