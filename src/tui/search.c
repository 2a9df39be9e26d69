/*
 * Intake and Find: one field that takes a tracking code, a national ID, a
 * mobile number or part of a name, checked as it is typed.  Names list
 * matching clients as you type.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "listview.h"
#include "miz/case.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

struct search {
	struct screen s;
	bool intake;
	struct field q;
	struct listview lv;
	char *hint; /* what the query looks like, or why it is wrong */
	bool hint_error;
	char *query; /* the text the list was loaded for */
};

static int
add_client(const struct miz_client *c, void *arg)
{
	struct lv_fill *f = arg;
	const char *cols[] = { c->national_id, c->full_name, c->mobile };
	lv_add(f->lv, c->id, TA_NORMAL, cols, 3);
	return 0;
}

static int
fetch(struct listview *lv, struct tui *t, int offset, int limit, char **cause)
{
	struct search *s = lv->arg;
	if (s->query == NULL || *s->query == '\0')
		return 0;
	struct lv_fill f = { lv, t };
	int n = client_find(t->db, s->query, limit, offset, add_client, &f, cause);
	if (n < 0) {
		/* A digit string that is neither an ID nor a mobile: the hint says why. */
		free(*cause);
		*cause = NULL;
		return 0;
	}
	return n;
}

/* Re-reads the field: hint, check, and the live list. */
static void
update(struct search *s, struct tui *t)
{
	char *text = field_text(&s->q);
	struct miz_query q;
	client_query_parse(text, &q);
	free(text);
	free(s->hint);
	s->hint = NULL;
	s->hint_error = false;
	bool list = false;
	switch (q.kind) {
	case QUERY_EMPTY:
		s->hint = xstrdup(s->intake
		        ? _("Type the national ID on the card (or a mobile, or part of the name).")
		        : _("Type a tracking code, national ID, mobile or part of a name."));
		break;
	case QUERY_TRACKING:
		s->hint = xstrdup(_("Tracking code: Enter opens the case."));
		break;
	case QUERY_TRACKING_BAD:
	case QUERY_NID_BAD:
		s->hint = xstrdup(q.why);
		s->hint_error = true;
		break;
	case QUERY_NID:
		s->hint = xstrdup(_("National ID is valid: Enter finds the client."));
		list = true;
		break;
	case QUERY_MOBILE:
		s->hint = xstrdup(_("Mobile number: Enter lists its clients."));
		list = true;
		break;
	case QUERY_TOO_LONG:
		s->hint = xstrdup(_("Too many digits: a national ID has 10, a tracking code 12."));
		s->hint_error = true;
		break;
	case QUERY_PARTIAL:
		s->hint = xasprintf(
		    _("%zu digits: a national ID has 10, a tracking code 12."), q.ndigits);
		break;
	case QUERY_NAME:
		s->hint = xstrdup(_("Names that contain what you typed; Enter opens the client."));
		list = true;
		break;
	}
	free(s->query);
	s->query = list ? xstrdup(q.text) : NULL;
	lv_reset(&s->lv, t);
	if (list && s->lv.nrows == 0 && q.kind == QUERY_NAME)
		s->hint = (free(s->hint), xstrdup(_("No client has such a name.")));
	client_query_free(&q);
}

/* A code from an old register (kept by imported cases), or nothing. */
static void
old_code_or_nothing(struct tui *t, const char *text)
{
	int64_t id;
	char *why = NULL;
	if (case_find_code(t->db, text, &id, &why) == 0)
		tui_push(t, case_new(t, id));
	else
		tui_error(t, _("Nothing found for %s."), text);
	free(why);
}

/* Enter: open what the query names. */
static void
go(struct search *s, struct tui *t)
{
	char *text = field_text(&s->q);
	struct miz_query q;
	client_query_parse(text, &q);
	free(text);
	char *cause = NULL;
	const struct lv_row *r = lv_selected(&s->lv);
	switch (q.kind) {
	case QUERY_EMPTY:
		break;
	case QUERY_TRACKING:
	case QUERY_TRACKING_BAD: {
		int64_t id;
		if (case_find_code(t->db, q.text, &id, &cause) != 0)
			tui_cause(t, cause);
		else
			tui_push(t, case_new(t, id));
		break;
	}
	case QUERY_NID: {
		struct miz_client c;
		int found = client_get_by_nid(t->db, q.text, &c, &cause);
		if (found < 0) {
			tui_cause(t, cause);
		} else if (found > 0) {
			int64_t id = c.id;
			client_free(&c);
			tui_push(t, client_new(t, id));
		} else {
			/* Not registered yet: the short form, with the ID filled in. */
			tui_push(t, client_form_new(t, q.text, NULL));
		}
		break;
	}
	case QUERY_NID_BAD:
		tui_error(t, "%s", q.why);
		break;
	case QUERY_PARTIAL:
		if (q.why != NULL)
			tui_error(t, "%s", q.why);
		else
			old_code_or_nothing(t, q.text);
		break;
	case QUERY_MOBILE:
	case QUERY_NAME:
		if (r != NULL)
			tui_push(t, client_new(t, r->id));
		else if (q.kind == QUERY_NAME && s->intake)
			/* A new client known by name only so far: the form takes the name. */
			tui_push(t, client_form_new(t, NULL, q.text));
		else
			old_code_or_nothing(t, q.text);
		break;
	case QUERY_TOO_LONG:
		old_code_or_nothing(t, q.text);
		break;
	}
	client_query_free(&q);
}

static void
search_draw(struct screen *sc, struct tui *t)
{
	struct search *s = (struct search *)sc;
	tui_text(t, 2, 1, COLS - 2,
	    s->intake ? _("Intake — who is at the desk?") : _("Find a case or a client"), TA_BOLD);
	const char *label = _("Search:");
	int lw = text_width(label);
	tui_text(t, 4, 1, lw + 1, label, TA_NORMAL);
	field_draw(t, &s->q, 4, lw + 3, COLS - lw - 5 > 50 ? 50 : COLS - lw - 5, true);
	int cy = t->cursor_y, cx = t->cursor_x;
	if (s->hint != NULL)
		tui_text(t, 5, lw + 3, COLS - lw - 4, s->hint, s->hint_error ? TA_ERROR : TA_DIM);
	lv_draw(&s->lv, t, 7, 0, COLS, tui_bottom_line() - 6, s->lv.nrows > 0);
	t->cursor_y = cy;
	t->cursor_x = cx;
}

static bool
search_key(struct screen *sc, struct tui *t, const struct event *ev)
{
	struct search *s = (struct search *)sc;
	switch (ev->action) {
	case ACT_ENTER:
		go(s, t);
		return true;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		return lv_key(&s->lv, t, ev);
	default:
		break;
	}
	if (field_key(&s->q, ev)) {
		update(s, t);
		return true;
	}
	return false;
}

static bool
search_dirty(struct screen *sc)
{
	(void)sc;
	return false; /* a search is not worth a question */
}

static void
search_reload(struct screen *sc, struct tui *t)
{
	struct search *s = (struct search *)sc;
	lv_reload(&s->lv, t);
}

static void
search_free(struct screen *sc)
{
	struct search *s = (struct search *)sc;
	lv_free(&s->lv);
	free(s->hint);
	free(s->query);
	free(s);
}

static const struct screen_ops search_ops = {
	.name = "search",
	.draw = search_draw,
	.key = search_key,
	.dirty = search_dirty,
	.reload = search_reload,
	.free = search_free,
};

struct screen *
search_new(struct tui *t, bool intake)
{
	struct search *s = xcalloc(1, sizeof *s);
	s->s.ops = &search_ops;
	s->s.context = CX_LIST;
	s->intake = intake;
	field_init(&s->q, 64);
	lv_init(&s->lv, fetch, s);
	s->lv.ncols = 3;
	s->lv.cols[0] = (struct lv_column){ _("National ID"), 11 };
	s->lv.cols[1] = (struct lv_column){ _("Name"), 0 };
	s->lv.cols[2] = (struct lv_column){ _("Mobile"), 11 };
	s->lv.empty = "";
	s->lv.height = LINES - 11 > 1 ? LINES - 11 : 1;
	update(s, t);
	return &s->s;
}
