/* Lists paged from the database. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

/* Rows asked for beyond the visible ones, to know whether more follow. */
#define LV_DEFAULT_HEIGHT 20

int
lv_page_take(struct lv_page *p)
{
	if (p->skip > 0) {
		p->skip--;
		return 0;
	}
	return p->left-- > 0 ? 1 : -1;
}

void
lv_init(struct listview *lv, lv_fetch_fn fetch, void *arg)
{
	memset(lv, 0, sizeof *lv);
	lv->fetch = fetch;
	lv->arg = arg;
	lv->height = LV_DEFAULT_HEIGHT;
}

void
lv_init_keyed(struct listview *lv, lv_page_fn page, void *arg)
{
	lv_init(lv, NULL, arg);
	lv->page = page;
}

/* Frees the loaded rows. */
static void
lv_clear(struct listview *lv)
{
	for (int i = 0; i < lv->nrows; i++) {
		for (int c = 0; c < LV_COLS; c++)
			free(lv->rows[i].col[c]);
	}
	free(lv->rows);
	lv->rows = NULL;
	lv->nrows = 0;
}

void
lv_free(struct listview *lv)
{
	lv_clear(lv);
}

void
lv_add(struct listview *lv, int64_t id, enum tui_attr attr, const char *const *cols, int n)
{
	lv->rows = xreallocarray(lv->rows, (size_t)lv->nrows + 1, sizeof *lv->rows);
	struct lv_row *r = &lv->rows[lv->nrows++];
	memset(r, 0, sizeof *r);
	r->id = id;
	r->attr = attr;
	for (int c = 0; c < n && c < LV_COLS; c++)
		r->col[c] = xstrdup(cols[c] != NULL ? cols[c] : "");
	r->key.id = id;
}

void
lv_add_keyed(struct listview *lv, int64_t id, struct lv_key key, enum tui_attr attr,
    const char *const *cols, int n)
{
	lv_add(lv, id, attr, cols, n);
	lv->rows[lv->nrows - 1].key = key;
}

/*
 * The keys of up to `n` rows before the page's first, nearest first, into
 * keys[]; returns how many (0 at the start), or -1 with the error shown.
 */
static int
keys_before(struct listview *lv, struct tui *t, int n, struct lv_key *keys)
{
	if (lv->nrows == 0)
		return 0;
	struct listview before = *lv;
	before.rows = NULL;
	before.nrows = 0;
	char *cause = NULL;
	int got = lv->page(&before, t, &lv->rows[0].key, true, n, &cause);
	if (got < 0) {
		tui_cause(t, cause);
		lv_clear(&before);
		return -1;
	}
	got = before.nrows < n ? before.nrows : n;
	for (int i = 0; i < got; i++)
		keys[i] = before.rows[i].key;
	lv_clear(&before);
	return got;
}

/*
 * Moves a page paged by key back by up to `n` rows: the page then starts
 * after the row n + 1 before its first (or at the start of the list).
 */
static void
back_by(struct listview *lv, struct tui *t, int n)
{
	struct lv_key *keys = xcalloc((size_t)n + 1, sizeof *keys);
	int got = keys_before(lv, t, n + 1, keys);
	if (got >= 0) {
		if (got == n + 1) {
			lv->anchored = true;
			lv->anchor = keys[n];
			lv->offset = lv->offset > n ? lv->offset - n : 0;
		} else {
			lv->anchored = false;
			lv->offset = 0;
		}
	}
	free(keys);
}

/* Loads the page at lv->offset; one extra row tells whether more follow. */
static void
lv_load(struct listview *lv, struct tui *t)
{
	char *cause = NULL;
	int page = lv->height > 0 ? lv->height : LV_DEFAULT_HEIGHT;
	lv_clear(lv);
	int n = lv->page != NULL
	    ? lv->page(lv, t, lv->anchored ? &lv->anchor : NULL, false, page + 1, &cause)
	    : lv->fetch(lv, t, lv->offset, page + 1, &cause);
	if (n < 0) {
		tui_cause(t, cause);
		lv->more = false;
		return;
	}
	lv->more = lv->nrows > page;
	if (lv->more) {
		struct lv_row *extra = &lv->rows[lv->nrows - 1];
		for (int c = 0; c < LV_COLS; c++)
			free(extra->col[c]);
		lv->nrows--;
	}
}

void
lv_reload(struct listview *lv, struct tui *t)
{
	lv_load(lv, t);
	if (lv->nrows == 0 && (lv->offset > 0 || lv->anchored)) {
		lv->offset = 0;
		lv->anchored = false;
		lv_load(lv, t);
	}
	if (lv->sel >= lv->nrows)
		lv->sel = lv->nrows > 0 ? lv->nrows - 1 : 0;
}

void
lv_reset(struct listview *lv, struct tui *t)
{
	lv->offset = 0;
	lv->anchored = false;
	lv->sel = 0;
	lv_reload(lv, t);
}

/* Moves the page on past its first n rows: by their key when paged by
 * key, by an offset otherwise. */
static void
page_forward(struct listview *lv, struct tui *t, int n)
{
	if (lv->page != NULL) {
		lv->anchored = true;
		lv->anchor = lv->rows[n - 1].key;
	}
	lv->offset += n;
	lv_reload(lv, t);
}

/* Moves the page back by up to n rows. */
static void
page_back(struct listview *lv, struct tui *t, int n)
{
	if (lv->page != NULL)
		back_by(lv, t, n);
	else
		lv->offset = lv->offset > n ? lv->offset - n : 0;
	lv_reload(lv, t);
}

bool
lv_key(struct listview *lv, struct tui *t, const struct event *ev)
{
	int page = lv->height > 0 ? lv->height : LV_DEFAULT_HEIGHT;
	switch (ev->action) {
	case ACT_UP:
		if (lv->sel > 0) {
			lv->sel--;
		} else if (lv->offset > 0 || lv->anchored) {
			page_back(lv, t, 1);
		}
		return true;
	case ACT_DOWN:
		if (lv->sel + 1 < lv->nrows) {
			lv->sel++;
		} else if (lv->more && lv->nrows > 0) {
			page_forward(lv, t, 1);
			lv->sel = lv->nrows > 0 ? lv->nrows - 1 : 0;
		}
		return true;
	case ACT_PGDN:
		if (lv->more && lv->nrows > 0)
			page_forward(lv, t, lv->nrows);
		else
			lv->sel = lv->nrows > 0 ? lv->nrows - 1 : 0;
		return true;
	case ACT_PGUP:
		if (lv->offset > 0 || lv->anchored)
			page_back(lv, t, page);
		else
			lv->sel = 0;
		return true;
	case ACT_TOP:
		lv_reset(lv, t);
		return true;
	case ACT_BOTTOM:
		lv->sel = lv->nrows > 0 ? lv->nrows - 1 : 0;
		return true;
	default:
		return false;
	}
}

const struct lv_row *
lv_selected(const struct listview *lv)
{
	if (lv->sel < 0 || lv->sel >= lv->nrows)
		return NULL;
	return &lv->rows[lv->sel];
}

void
lv_draw(struct listview *lv, struct tui *t, int y, int x, int w, int h, bool focus)
{
	if (h < 2 || w < 4)
		return;
	int rows_h = h - 1;
	if (rows_h != lv->height) {
		/* The terminal changed size: load a page that fits. */
		lv->height = rows_h;
		lv_reload(lv, t);
	}
	/* Column widths: fixed ones first, flexible ones share the rest. */
	int widths[LV_COLS];
	int fixed = 0, flex = 0;
	for (int c = 0; c < lv->ncols; c++) {
		fixed += lv->cols[c].width + 1;
		flex += lv->cols[c].width == 0;
	}
	int rest = w - fixed;
	for (int c = 0; c < lv->ncols; c++)
		widths[c] = lv->cols[c].width > 0 ? lv->cols[c].width
		                                  : (flex > 0 && rest > 0 ? rest / flex : 0);
	int cx = x;
	for (int c = 0; c < lv->ncols; c++) {
		tui_text(t, y, cx, widths[c], lv->cols[c].title, TA_HEADING);
		if (c + 1 < lv->ncols)
			tui_text(t, y, cx + widths[c], 1, " ", TA_HEADING);
		cx += widths[c] + 1;
	}
	if (cx - 1 < x + w)
		tui_text(t, y, cx - 1, x + w - cx + 1, "", TA_HEADING);
	if (lv->nrows == 0) {
		tui_text(t, y + 1, x + 1, w - 1, lv->empty != NULL ? lv->empty : "", TA_DIM);
		return;
	}
	for (int i = 0; i < lv->nrows && i < rows_h; i++) {
		const struct lv_row *r = &lv->rows[i];
		enum tui_attr a = i == lv->sel && focus ? TA_SELECTED : r->attr;
		cx = x;
		for (int c = 0; c < lv->ncols; c++) {
			tui_data(
			    t, y + 1 + i, cx, widths[c], r->col[c] != NULL ? r->col[c] : "", a);
			if (c + 1 < lv->ncols)
				tui_text(t, y + 1 + i, cx + widths[c], 1, " ", a);
			cx += widths[c] + 1;
		}
		if (i == lv->sel && focus) {
			t->cursor_y = -1;
		}
	}
	if (lv->more || lv->offset > 0) {
		/* Where we are, at the right end of the first flexible column. */
		int end = x, fc = 0;
		for (int c = 0; c < lv->ncols; c++) {
			end += widths[c] + 1;
			if (lv->cols[c].width == 0) {
				fc = 1;
				break;
			}
		}
		char *pos = xasprintf(
		    " %d-%d%s ", lv->offset + 1, lv->offset + lv->nrows, lv->more ? "+" : "");
		if (fc && end - 1 - text_width(pos) > x)
			tui_text(t, y, end - 1 - text_width(pos), text_width(pos), pos, TA_HEADING);
		free(pos);
	}
}
