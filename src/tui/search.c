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

/* Digits of the query when it is only digits, spaces, dashes and '+'; else NULL. */
static char *
digits_of(const char *text)
{
	char *ascii = text_ascii_digits(text);
	char *out = xmalloc(strlen(ascii) + 1);
	size_t n = 0;
	for (const char *p = ascii; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
		else if (*p != ' ' && *p != '-' && *p != '+') {
			free(ascii);
			free(out);
			return NULL;
		}
	}
	out[n] = '\0';
	free(ascii);
	return out;
}

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
	char *norm = text_normalize(text, false);
	char *digits = digits_of(norm);
	free(s->hint);
	s->hint = NULL;
	s->hint_error = false;
	bool list = false;

	if (*norm == '\0') {
		s->hint = xstrdup(s->intake
		        ? _("Type the national ID on the card (or a mobile, or part of the name).")
		        : _("Type a tracking code, national ID, mobile or part of a name."));
	} else if (digits != NULL) {
		size_t n = strlen(digits);
		char code[TRACKING_LEN + 1], nid[NID_LEN + 1], mob[12];
		char *why = NULL;
		enum tracking_check tc =
		    n == TRACKING_LEN ? tracking_parse(norm, code) : TRACKING_SHORT;
		if (n == TRACKING_LEN && tc != TRACKING_OK &&
		    client_mobile_normalize(norm, mob, NULL) == 0) {
			/* +98 915 ... has 12 digits too. */
			s->hint = xstrdup(_("Mobile number: Enter lists its clients."));
			list = true;
		} else if (n == TRACKING_LEN) {
			enum tracking_check c = tc;
			s->hint =
			    xstrdup(c == TRACKING_OK ? _("Tracking code: Enter opens the case.")
			                             : tracking_check_message(c));
			s->hint_error = c != TRACKING_OK;
		} else if (n == NID_LEN && norm[0] != '+') {
			if (client_nid_normalize(norm, nid, &why) == 0) {
				s->hint =
				    xstrdup(_("National ID is valid: Enter finds the client."));
				list = true;
			} else if (client_mobile_normalize(norm, mob, NULL) == 0) {
				s->hint = xstrdup(_("Mobile number: Enter lists its clients."));
				list = true;
				free(why);
				why = NULL;
			} else {
				s->hint = why;
				s->hint_error = true;
				why = NULL;
			}
		} else if (client_mobile_normalize(norm, mob, NULL) == 0) {
			s->hint = xstrdup(_("Mobile number: Enter lists its clients."));
			list = true;
		} else if (n > TRACKING_LEN) {
			s->hint = xstrdup(
			    _("Too many digits: a national ID has 10, a tracking code 12."));
			s->hint_error = true;
		} else {
			s->hint = xasprintf(
			    _("%zu digits: a national ID has 10, a tracking code 12."), n);
		}
		free(why);
	} else {
		list = true;
		s->hint = xstrdup(_("Names that contain what you typed; Enter opens the client."));
	}
	free(s->query);
	s->query = list ? xstrdup(norm) : NULL;
	lv_reset(&s->lv, t);
	if (list && s->lv.nrows == 0 && digits == NULL)
		s->hint = (free(s->hint), xstrdup(_("No client has such a name.")));
	free(digits);
	free(norm);
	free(text);
}

/* Enter: open what the query names. */
static void
go(struct search *s, struct tui *t)
{
	char *text = field_text(&s->q);
	char *norm = text_normalize(text, false);
	char *digits = digits_of(norm);
	char *cause = NULL;
	char nid[NID_LEN + 1];

	char code12[TRACKING_LEN + 1], mob12[12];
	bool mobile12 = digits != NULL && strlen(digits) == TRACKING_LEN &&
	    tracking_parse(norm, code12) != TRACKING_OK &&
	    client_mobile_normalize(norm, mob12, NULL) == 0;
	if (digits != NULL && strlen(digits) == TRACKING_LEN && !mobile12) {
		int64_t id;
		if (case_find_code(t->db, norm, &id, &cause) != 0)
			tui_cause(t, cause);
		else
			tui_push(t, case_new(t, id));
	} else if (digits != NULL && strlen(digits) >= 8 && strlen(digits) <= NID_LEN &&
	    client_nid_normalize(norm, nid, NULL) == 0) {
		struct miz_client c;
		int found = client_get_by_nid(t->db, nid, &c, &cause);
		if (found < 0) {
			tui_cause(t, cause);
		} else if (found > 0) {
			int64_t id = c.id;
			client_free(&c);
			tui_push(t, client_new(t, id));
		} else {
			/* Not registered yet: the short form, with the ID filled in. */
			tui_push(t, client_form_new(t, nid, NULL));
		}
	} else if (digits != NULL && strlen(digits) >= 8 && strlen(digits) <= NID_LEN &&
	    strlen(digits) != 10) {
		client_nid_normalize(norm, nid, &cause);
		tui_cause(t, cause);
	} else {
		const struct lv_row *r = lv_selected(&s->lv);
		if (r != NULL) {
			tui_push(t, client_new(t, r->id));
		} else if (digits != NULL && strlen(digits) == NID_LEN) {
			client_nid_normalize(norm, nid, &cause);
			tui_cause(t, cause);
		} else if (*norm != '\0' && digits == NULL && s->intake) {
			/* A new client known by name only so far: the form takes the name. */
			tui_push(t, client_form_new(t, NULL, norm));
		} else if (*norm != '\0') {
			/* Cases from an old register keep codes of their own. */
			int64_t id;
			char *why = NULL;
			if (case_find_code(t->db, norm, &id, &why) == 0)
				tui_push(t, case_new(t, id));
			else
				tui_error(t, _("Nothing found for %s."), norm);
			free(why);
		}
	}
	free(digits);
	free(norm);
	free(text);
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
