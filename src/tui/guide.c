/* The service guide: the catalog, and a service's full card as clients see it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "listview.h"
#include "miz/catalog.h"
#include "miz/i18n.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

struct guide {
	struct screen s;
	struct field filter;
	struct listview lv;
};

static int
add_service(const struct miz_service *s, void *arg)
{
	struct lv_page *p = arg;
	int take = lv_page_take(p);
	if (take <= 0)
		return take < 0;
	char days[32];
	snprintf(days, sizeof days, "%d", s->working_days);
	char *fee = text_grouped(s->fee);
	const char *cols[] = { s->code, s->name, days, fee, s->department };
	lv_add(p->f.lv, s->id, TA_NORMAL, cols, 5);
	free(fee);
	return 0;
}

static int
fetch(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct guide *g = lv->arg;
	char *q = field_text(&g->filter);
	struct lv_page p = { { lv, t }, offset, limit };
	int n = catalog_find_services(t->db, q, add_service, &p, cause);
	free(q);
	return n < 0 ? -1 : lv->nrows;
}

static void
guide_draw(struct screen *s, struct tui *t)
{
	struct guide *g = (struct guide *)s;
	tui_text(t, 2, 1, COLS - 2, _("Service guide"), TA_BOLD);
	const char *label = _("Filter:");
	int lw = text_width(label);
	tui_text(t, 3, 1, lw + 1, label, TA_NORMAL);
	field_draw(t, &g->filter, 3, lw + 3, 30, true);
	int cy = t->cursor_y, cx = t->cursor_x;
	lv_draw(&g->lv, t, 5, 0, COLS, tui_bottom_line() - 4, true);
	t->cursor_y = cy;
	t->cursor_x = cx;
}

static bool
guide_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct guide *g = (struct guide *)s;
	if (ev->action == ACT_ENTER) {
		const struct lv_row *r = lv_selected(&g->lv);
		struct miz_service svc;
		char *cause = NULL;
		if (r == NULL)
			return true;
		if (catalog_get_service(t->db, r->col[0], &svc, &cause) <= 0) {
			tui_cause(t, cause);
			return true;
		}
		struct receipt_style st = { t->set.jalali, t->set.office_name };
		tui_push(t, slip_new(t, svc.name, receipt_guide_text(&svc, &st), 0, svc.code));
		catalog_service_free(&svc);
		return true;
	}
	if (ev->action == ACT_UP || ev->action == ACT_DOWN || ev->action == ACT_PGUP ||
	    ev->action == ACT_PGDN)
		return lv_key(&g->lv, t, ev);
	bool edited;
	if (field_key_edit(&g->filter, ev, &edited)) {
		if (edited)
			lv_reset(&g->lv, t);
		return true;
	}
	return false;
}

static void
guide_reload(struct screen *s, struct tui *t)
{
	lv_reload(&((struct guide *)s)->lv, t);
}

static void
guide_free(struct screen *s)
{
	struct guide *g = (struct guide *)s;
	lv_free(&g->lv);
	free(g);
}

static const struct screen_ops guide_ops = {
	.name = "guide",
	.draw = guide_draw,
	.key = guide_key,
	.reload = guide_reload,
	.free = guide_free,
};

struct screen *
guide_new(struct tui *t)
{
	struct guide *g = xcalloc(1, sizeof *g);
	g->s.ops = &guide_ops;
	g->s.context = CX_LIST;
	field_init(&g->filter, 30);
	lv_init(&g->lv, fetch, g);
	g->lv.ncols = 5;
	g->lv.cols[0] = (struct lv_column){ _("Code"), tui_code_width(t, _("Code")) };
	g->lv.cols[1] = (struct lv_column){ _("Service"), 0 };
	g->lv.cols[2] = (struct lv_column){ _("Days"), 4 };
	g->lv.cols[3] = (struct lv_column){ _("Fee (rials)"), 11 };
	g->lv.cols[4] = (struct lv_column){ _("Department"), 0 };
	g->lv.empty = _("No service matches.");
	g->lv.height = LINES - 9 > 1 ? LINES - 9 : 1;
	lv_reload(&g->lv, t);
	return &g->s;
}
