/*
 * A list paged from the database: only the rows on screen are loaded; moving
 * past an edge asks the source for the next page.
 */
#ifndef MIZ_TUI_LISTVIEW_H
#define MIZ_TUI_LISTVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "tui.h"

#define LV_COLS 6

/* A row's place in a list paged by key (day, then id; see desk_page). */
struct lv_key {
	int64_t day;
	int64_t id;
};

struct lv_row {
	int64_t id;
	struct lv_key key; /* for a list paged by key */
	char *col[LV_COLS];
	enum tui_attr attr;
};

struct lv_column {
	const char *title; /* translated by the caller */
	int width; /* cells; 0 = take what is left */
};

struct listview;

/*
 * Fills rows [offset, offset + limit) with lv_add; returns the number added
 * or -1 with *cause.
 */
typedef int (*lv_fetch_fn)(struct listview *lv, struct tui *t, int offset, int limit, char **cause);
/*
 * For a long list, paged by key instead: fills the `limit` rows after
 * `after` (NULL: from the start), or with `backward` those before it,
 * nearest first, with lv_add_keyed.  Returns the number or -1.
 */
typedef int (*lv_page_fn)(struct listview *lv, struct tui *t, const struct lv_key *after,
    bool backward, int limit, char **cause);

struct listview {
	struct lv_column cols[LV_COLS];
	int ncols;
	lv_fetch_fn fetch;
	lv_page_fn page; /* instead of fetch: paged by key */
	void *arg;
	struct lv_row *rows;
	int nrows;
	int offset; /* index of rows[0] in the whole list */
	bool anchored; /* paged by key: the page starts after `anchor` */
	struct lv_key anchor;
	int sel; /* selected index within rows */
	int height; /* rows visible when last drawn */
	bool more; /* rows exist after the page */
	const char *empty; /* shown when there are no rows */
};

/* What a fetch passes to its row callbacks. */
struct lv_fill {
	struct listview *lv;
	struct tui *t;
};

/*
 * Paging a short list that comes whole (the catalog, the departments):
 * lv_page_take says whether the next row belongs on the page (1), is
 * before it (0), or comes after it, so the walk can stop (-1).
 */
struct lv_page {
	struct lv_fill f;
	int skip, left;
};

int lv_page_take(struct lv_page *p);

void lv_init(struct listview *lv, lv_fetch_fn fetch, void *arg);
/* A list paged by key: each page is one index range, however deep. */
void lv_init_keyed(struct listview *lv, lv_page_fn page, void *arg);
void lv_free(struct listview *lv);
/* Adds a row while fetching; cols are copied. */
void lv_add(struct listview *lv, int64_t id, enum tui_attr attr, const char *const *cols, int n);
void lv_add_keyed(struct listview *lv, int64_t id, struct lv_key key, enum tui_attr attr,
    const char *const *cols, int n);
/* Reloads the page at the current offset (keeps the selection if it can). */
void lv_reload(struct listview *lv, struct tui *t);
/* Goes back to the first row and reloads. */
void lv_reset(struct listview *lv, struct tui *t);
/* Navigation keys; true when used. */
bool lv_key(struct listview *lv, struct tui *t, const struct event *ev);
/* Draws with a heading line at y; rows below it, h lines in all. */
void lv_draw(struct listview *lv, struct tui *t, int y, int x, int w, int h, bool focus);
/* The selected row, or NULL. */
const struct lv_row *lv_selected(const struct listview *lv);

#endif
