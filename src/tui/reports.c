/*
 * Reports on screen: end of day, period and inspection, with bar charts in
 * block characters (intakes per day, on-time rate per service), saved as
 * CSV with one key.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "miz/i18n.h"
#include "miz/report.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

struct reports {
	struct screen s;
	const struct report_kind *kind; /* the one chosen (report.h's table) */
	size_t pick; /* its place in the table */
	struct field from, to;
	int focus; /* 0 the report choice, 1 from, 2 to, 3 the report itself */
	char today[11], month_start[11]; /* defaults for the date fields */
	char shown[32]; /* the period of the report on show, for its file name */
	struct report rep;
	bool have;
	char **lines;
	bool *raw; /* the line is in display order already (a table's) */
	int nlines;
	bool rtl; /* bars grow from the right */
	int scroll;
	int sideways; /* cells the tables are moved, away from where lines start */
	int widest; /* cells of the widest line */
};

/* Cells the tables move with one arrow key. */
#define SIDEWAYS_STEP 8

static void
clear_lines(struct reports *r)
{
	for (int i = 0; i < r->nlines; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r->raw);
	r->lines = NULL;
	r->raw = NULL;
	r->nlines = 0;
	r->widest = 0;
}

static void
add_line(struct reports *r, char *line)
{
	r->lines = xreallocarray(r->lines, (size_t)r->nlines + 1, sizeof *r->lines);
	r->raw = xreallocarray(r->raw, (size_t)r->nlines + 1, sizeof *r->raw);
	r->raw[r->nlines] = false;
	r->lines[r->nlines++] = line;
}

/* Eighths of a cell, for bars that end part-way; a bar that grows from the
 * right (a right-to-left layout) ends in blocks filled on their right. */
static const char *const blocks_h[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" };
static const char *const blocks_rtl[] = { "", "▕", "▕", "▕", "▐", "▐", "▐", "▐", "█" };
static const char *const blocks_v[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

/* A horizontal bar of `value / max` over `width` cells. */
static char *
hbar(double value, double max, int width, bool rtl)
{
	const char *const *blocks = rtl ? blocks_rtl : blocks_h;
	int eighths = max > 0 ? (int)(value / max * width * 8 + 0.5) : 0;
	size_t cap = (size_t)width * 3 + 4;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (int i = 0; i < eighths / 8; i++)
		strcat(out, blocks[8]);
	strcat(out, blocks[eighths % 8]);
	return out;
}

/* The charts of a report as lines, `width` cells wide. */
static void
chart_lines(struct reports *r, int width)
{
	for (size_t i = 0; i < r->rep.nseries; i++) {
		const struct report_series *s = &r->rep.series[i];
		if (s->n == 0)
			continue;
		add_line(r, xstrdup(s->title));
		if (s->percent) {
			/* One bar per label. */
			int lw = 0;
			for (size_t k = 0; k < s->n; k++)
				if (text_width(s->labels[k]) > lw)
					lw = text_width(s->labels[k]);
			int bw = width - lw - 10;
			for (size_t k = 0; k < s->n && bw > 4; k++) {
				char *bar = hbar(s->values[k], 100, bw, r->rtl);
				char *label = text_fit(s->labels[k], lw, true);
				add_line(r, xasprintf("%s %s %.1f%%", label, bar, s->values[k]));
				free(bar);
				free(label);
			}
		} else {
			/* One column per day (several days per column when they do not fit). */
			int cols = (int)s->n < width - 2 ? (int)s->n : width - 2;
			if (cols < 1)
				continue;
			double *v = xcalloc((size_t)cols, sizeof *v);
			double max = 0;
			for (size_t k = 0; k < s->n; k++) {
				int c = (int)(k * (size_t)cols / s->n);
				v[c] += s->values[k];
			}
			for (int c = 0; c < cols; c++)
				if (v[c] > max)
					max = v[c];
			/* Two rows of blocks: 16 levels. */
			for (int row = 1; row >= 0; row--) {
				char *line = xmalloc((size_t)cols * 3 + 1);
				line[0] = '\0';
				for (int c = 0; c < cols; c++) {
					int level = max > 0 ? (int)(v[c] / max * 16 + 0.5) : 0;
					int here = level - row * 8;
					strcat(line, blocks_v[here < 0 ? 0 : here > 8 ? 8 : here]);
				}
				add_line(r, line);
			}
			add_line(r,
			    xasprintf(_("%s … %s   highest %.0f"), s->labels[0],
			        s->labels[s->n - 1], max));
			free(v);
		}
		add_line(r, xstrdup(""));
	}
}

/* Runs the chosen report for the dates typed. */
static void
run(struct reports *r, struct tui *t)
{
	char *a = field_text(&r->from), *b = field_text(&r->to);
	char *cause = NULL;
	miz_day from, to;
	int rc = -1;
	if (cal_parse(a, &from, &cause) != 0 ||
	    (r->kind->range && cal_parse(b, &to, &cause) != 0)) {
		tui_cause(t, cause);
		goto out;
	}
	if (r->have)
		report_free(&r->rep);
	r->have = false;
	struct report_args args = { .from = from,
		.to = r->kind->range ? to : NO_DAY,
		.today = t->today,
		.list_limit = 50 };
	rc = r->kind->build(t->db, &args, &r->rep, &cause);
	if (rc != 0) {
		tui_cause(t, cause);
		goto out;
	}
	r->have = true;
	/* The file name carries the whole period, in the desk's calendar
	 * with dashes: eod-1405-09-07, inspection-1405-07-01_1405-09-30. */
	char d1[11], d2[11];
	tui_day(t, from, d1);
	tui_day(t, r->kind->range ? to : from, d2);
	for (int i = 0; i < 10; i++) {
		d1[i] = d1[i] == '/' ? '-' : d1[i];
		d2[i] = d2[i] == '/' ? '-' : d2[i];
	}
	if (!r->kind->range)
		snprintf(r->shown, sizeof r->shown, "%s", d1);
	else
		snprintf(r->shown, sizeof r->shown, "%s_%s", d1, d2);
	clear_lines(r);
	r->scroll = 0;
	r->sideways = 0;
	r->rtl = t->rtl;
	chart_lines(r, COLS - 2);
	/* The tables in display order, cell by cell. */
	struct text_look lk = tui_look(t, TEXT_AUTO);
	char *text = report_text_visual(&r->rep, &lk);
	for (char *p = text; *p != '\0';) {
		char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		add_line(r, xstrndup(p, len));
		r->raw[r->nlines - 1] = true;
		/* Only the tables move sideways: the charts fit the screen. */
		int w = text_width(r->lines[r->nlines - 1]);
		if (w > r->widest)
			r->widest = w;
		p += len + (nl != NULL);
	}
	free(text);
out:
	free(a);
	free(b);
}

/* Saves the report on show as CSV in the print folder. */
static void
save_csv(struct reports *r, struct tui *t)
{
	if (!r->have) {
		tui_error(t, _("Run a report first (Enter)."));
		return;
	}
	char *dir = tui_print_dir(t);
	char *a = xstrdup(r->shown);
	char *path = xasprintf("%s/%s-%s.csv", dir, r->kind->name, a);
	FILE *fp = NULL;
	char *cause = NULL;
	if (conf_make_dirs(dir) == 0 && (fp = conf_fopen_private(path)) != NULL) {
		int rc = report_write_csv(&r->rep, fp, db_export_bom(t->db), &cause);
		if (fclose(fp) != 0 && rc == 0)
			rc = miz_fail(&cause, _("cannot write %s: %s"), path, strerror(errno));
		if (rc == 0)
			tui_info(t, _("Saved as %s (the print folder: miz config print_dir)"), path);
		else
			tui_cause(t, cause);
	} else {
		tui_error(t, _("cannot write %s: %s"), path, strerror(errno));
	}
	free(path);
	free(a);
	free(dir);
}

/* True when cells [from, to) of a line are only spaces: nothing is hidden there. */
static bool
blank_cells(const char *line, int from, int to)
{
	char *part = text_cells(line, from, to - from);
	bool blank = strspn(part, " ") == strlen(part);
	free(part);
	return blank;
}

static void
reports_draw(struct screen *s, struct tui *t)
{
	struct reports *r = (struct reports *)s;
	int x = 1;
	tui_text(t, 2, x, 9, _("Reports"), TA_BOLD);
	x += 10;
	for (size_t k = 0; k < report_kind_count(); k++) {
		char *tab = xasprintf(" %zu %s ", k + 1, _(report_kind_at(k)->title));
		int w = text_width(tab);
		tui_text(t, 2, x, w, tab,
		    r->pick == k ? (r->focus == 0 ? TA_SELECTED : TA_BOLD) : TA_NORMAL);
		x += w + 1;
		free(tab);
	}
	const char *fl = r->kind->range ? _("From:") : _("Day:");
	int fw = text_width(fl);
	tui_text(t, 3, 1, fw + 1, fl, TA_NORMAL);
	field_draw(t, &r->from, 3, fw + 2, 12, r->focus == 1);
	int cy = r->focus == 1 ? t->cursor_y : -1, cx = t->cursor_x;
	if (r->kind->range) {
		const char *tl = _("To:");
		int tw = text_width(tl);
		tui_text(t, 3, fw + 16, tw + 1, tl, TA_NORMAL);
		field_draw(t, &r->to, 3, fw + 17 + tw, 12, r->focus == 2);
		if (r->focus == 2) {
			cy = t->cursor_y;
			cx = t->cursor_x;
		}
	}
	int width = COLS - 2;
	bool wide = r->widest > width;
	char *hint;
	if (r->focus == 3)
		hint = xstrdup(wide
		        ? _("Arrows move the report, sideways too; Tab: back to the "
		            "choice; F8 save CSV")
		        : _("Arrows move the report; Tab: back to the choice; F8 save CSV"));
	else if (r->focus != 0)
		hint = xstrdup(
		    _("Type a date; Enter runs the report; Tab: next; F8 save CSV; PgDn scroll"));
	/* The number keys as many as the reports (report.h's table). */
	else if (wide)
		hint =
		    xasprintf(_("1-%zu choose; Tab: dates, then the report, which is wider: arrows "
		                "move it"),
		        report_kind_count());
	else
		hint =
		    xasprintf(_("1-%zu or arrows choose; Tab: dates; Enter run; F8 save CSV; PgDn "
		                "scroll"),
		        report_kind_count());
	tui_text(t, 4, 1, width, hint, TA_DIM);
	free(hint);
	int top = 6, h = tui_bottom_line() - top + 1;
	if (r->scroll > r->nlines - h)
		r->scroll = r->nlines - h > 0 ? r->nlines - h : 0;
	if (r->scroll < 0)
		r->scroll = 0;
	if (r->sideways > r->widest - width)
		r->sideways = r->widest - width > 0 ? r->widest - width : 0;
	if (r->sideways < 0)
		r->sideways = 0;
	for (int i = 0; i < h && r->scroll + i < r->nlines; i++) {
		const char *line = r->lines[r->scroll + i];
		if (!r->raw[r->scroll + i]) {
			tui_text(t, top + i, 1, width, line, TA_NORMAL);
			continue;
		}
		int lw = text_width(line);
		if (!wide) {
			tui_raw(t, top + i, 1, width, line, TA_NORMAL);
			continue;
		}
		/* The tables are one page as wide as the widest line, moved as a
		 * whole (a table's lines are not all as wide as each other): a
		 * line starts on the right in a right-to-left layout, so moving
		 * away from the start goes left there.  An edge with more beyond
		 * it shows an ellipsis. */
		int pw = r->widest;
		char *page = r->rtl ? xasprintf("%*s%s", pw - lw, "", line)
		                    : xasprintf("%s%*s", line, pw - lw, "");
		int start = r->rtl ? pw - width - r->sideways : r->sideways;
		if (start < 0)
			start = 0;
		if (start > pw - width)
			start = pw - width;
		int cut_left = start > 0 && !blank_cells(page, 0, start);
		int cut_right = start + width < pw && !blank_cells(page, start + width, pw);
		char *mid = text_cells(page, start + cut_left, width - cut_left - cut_right);
		char *shown = xasprintf("%s%s%s", cut_left ? "…" : "", mid, cut_right ? "…" : "");
		tui_raw(t, top + i, 1, width, shown, TA_NORMAL);
		free(shown);
		free(mid);
		free(page);
	}
	if (r->focus == 3)
		cy = -1;
	t->cursor_y = cy;
	t->cursor_x = cx;
}

static bool
reports_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct reports *r = (struct reports *)s;
	/* At least a line, however small the terminal. */
	int page = tui_bottom_line() - 6 > 0 ? tui_bottom_line() - 6 : 1;
	int pick = -1;
	int nkinds = (int)report_kind_count(); /* keys 1 to 9 choose */
	if ((r->focus == 0 || r->focus == 3) && ev->ch >= '1' && ev->ch < '1' + nkinds &&
	    ev->ch <= '9')
		pick = (int)(ev->ch - '1');
	/* The tabs run from the right in a mirrored layout: arrows follow them. */
	else if (r->focus == 0 && ev->key == FKEY(t->rtl ? KEY_LEFT : KEY_RIGHT))
		pick = ((int)r->pick + 1) % nkinds;
	else if (r->focus == 0 && ev->key == FKEY(t->rtl ? KEY_RIGHT : KEY_LEFT))
		pick = ((int)r->pick + nkinds - 1) % nkinds;
	/* On the report, the arrows move it; away from the start of the
	 * lines is to the left in a right-to-left layout. */
	if (r->focus == 3 && (ev->key == FKEY(KEY_LEFT) || ev->key == FKEY(KEY_RIGHT))) {
		bool away = (ev->key == FKEY(KEY_LEFT)) == t->rtl;
		r->sideways += away ? SIDEWAYS_STEP : -SIDEWAYS_STEP;
		return true;
	}
	if (pick >= 0) {
		r->pick = (size_t)pick;
		r->kind = report_kind_at(r->pick);
		/* A day for a report of one day; this month so far for the others. */
		field_set(&r->from, r->kind->range ? r->month_start : r->today);
		field_set(&r->to, r->today);
		run(r, t);
		if (!r->have && r->focus == 3)
			r->focus = 0;
		return true;
	}
	switch (ev->action) {
	case ACT_ENTER:
		run(r, t);
		if (!r->have && r->focus == 3)
			r->focus = 0;
		return true;
	case ACT_SAVE:
		save_csv(r, t);
		return true;
	case ACT_NEXT:
		/* The report choice, the dates, then the report itself. */
		do
			r->focus = (r->focus + 1) % 4;
		while ((r->focus == 2 && !r->kind->range) || (r->focus == 3 && !r->have));
		return true;
	case ACT_PREV:
		do
			r->focus = (r->focus + 3) % 4;
		while ((r->focus == 2 && !r->kind->range) || (r->focus == 3 && !r->have));
		return true;
	case ACT_UP:
		if (r->scroll > 0)
			r->scroll--;
		return true;
	case ACT_DOWN:
		r->scroll++;
		return true;
	case ACT_PGUP:
		r->scroll = r->scroll > page ? r->scroll - page : 0;
		return true;
	case ACT_PGDN:
		r->scroll += page;
		return true;
	case ACT_BOTTOM:
		if (r->focus == 0 || r->focus == 3) {
			r->scroll = r->nlines;
			return true;
		}
		break;
	default:
		break;
	}
	if (r->focus == 0 || r->focus == 3)
		return false;
	return field_key(r->focus == 1 ? &r->from : &r->to, ev);
}

static void
reports_free(struct screen *s)
{
	struct reports *r = (struct reports *)s;
	if (r->have)
		report_free(&r->rep);
	clear_lines(r);
	free(r);
}

static const struct screen_ops reports_ops = {
	.name = "reports",
	.draw = reports_draw,
	.key = reports_key,
	.free = reports_free,
};

struct screen *
reports_new(struct tui *t)
{
	struct reports *r = xcalloc(1, sizeof *r);
	r->s.ops = &reports_ops;
	r->s.context = CX_FORM;
	r->kind = report_kind_at(0); /* the end of day first */
	field_init(&r->from, 12);
	field_init(&r->to, 12);
	tui_day(t, t->today, r->today);
	/* This month: its first day in the calendar the desk shows. */
	struct miz_ymd j = cal_to_jalali(t->today), g = cal_to_gregorian(t->today);
	tui_day(t, t->set.jalali ? cal_from_jalali(j.y, j.m, 1) : cal_from_gregorian(g.y, g.m, 1),
	    r->month_start);
	field_set(&r->from, r->today);
	field_set(&r->to, r->today);
	run(r, t);
	r->from.changed = r->to.changed = false;
	return &r->s;
}
