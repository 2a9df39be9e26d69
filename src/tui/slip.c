/* A page of text: a receipt, a deficiency notice, a guide card, the help. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "tui.h"

struct slip {
	struct screen s;
	char *title;
	char *text;
	int64_t case_id; /* printable: a case's receipt or notice (0: none) */
	char *service_code; /* printable: a service's guide card (NULL: none) */
	char **lines;
	int nlines;
	int scroll;
};

/* Splits the text into lines once. */
static void
split(struct slip *sl)
{
	const char *p = sl->text;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		sl->lines = xreallocarray(sl->lines, (size_t)sl->nlines + 1, sizeof *sl->lines);
		sl->lines[sl->nlines++] = xstrndup(p, len);
		p += len + (nl != NULL);
	}
}

/* Draws a line; tabs divide it into columns (the help's keys, name, text). */
static void
draw_line(struct tui *t, int y, const char *line)
{
	static const int widths[] = { 22, 12 };
	int x = 2, col = 0;
	const char *p = line;
	for (;;) {
		const char *tab = strchr(p, '\t');
		int w = tab != NULL && col < 2 ? widths[col] : COLS - 1 - x;
		char *part = tab != NULL ? xstrndup(p, (size_t)(tab - p)) : xstrdup(p);
		if (tab != NULL && col < 2)
			tui_data(t, y, x, w, part, col == 0 ? TA_BOLD : TA_NORMAL);
		else
			tui_text(t, y, x, w, part, TA_NORMAL);
		free(part);
		if (tab == NULL || col >= 2)
			break;
		x += w + 1;
		col++;
		p = tab + 1;
	}
}

static void
slip_draw(struct screen *s, struct tui *t)
{
	struct slip *sl = (struct slip *)s;
	tui_text(t, 2, 1, COLS - 2, sl->title, TA_BOLD);
	int top = 4, h = tui_bottom_line() - top + 1;
	if (sl->scroll > sl->nlines - h)
		sl->scroll = sl->nlines - h > 0 ? sl->nlines - h : 0;
	if (sl->scroll < 0)
		sl->scroll = 0;
	for (int i = 0; i < h && sl->scroll + i < sl->nlines; i++)
		draw_line(t, top + i, sl->lines[sl->scroll + i]);
}

/* Prints what the slip shows, as PDF. */
static void
print(struct slip *sl, struct tui *t)
{
	char *cause = NULL;
	if (sl->case_id != 0) {
		struct miz_case c;
		if (case_load(t->db, sl->case_id, &c, &cause) != 0) {
			tui_cause(t, cause);
			return;
		}
		tui_print_case(t, &c);
		case_free(&c);
	} else if (sl->service_code != NULL) {
		struct miz_service svc;
		if (catalog_get_service(t->db, sl->service_code, &svc, &cause) <= 0) {
			tui_cause(t, cause);
			return;
		}
		tui_print_guide(t, &svc);
		catalog_service_free(&svc);
	}
}

static bool
slip_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct slip *sl = (struct slip *)s;
	/* At least a line, however small the terminal. */
	int page = tui_bottom_line() - 4 > 0 ? tui_bottom_line() - 4 : 1;
	switch (ev->action) {
	case ACT_UP:
		if (sl->scroll > 0)
			sl->scroll--;
		return true;
	case ACT_DOWN:
		sl->scroll++;
		return true;
	case ACT_PGUP:
		sl->scroll = sl->scroll > page ? sl->scroll - page : 0;
		return true;
	case ACT_PGDN:
		sl->scroll += page;
		return true;
	case ACT_TOP:
		sl->scroll = 0;
		return true;
	case ACT_BOTTOM:
		sl->scroll = sl->nlines;
		return true;
	case ACT_PRINT:
		print(sl, t);
		return true;
	case ACT_ENTER:
		tui_pop(t);
		return true;
	default:
		return false;
	}
}

static bool
slip_allows(struct screen *s, enum action a)
{
	struct slip *sl = (struct slip *)s;
	return a != ACT_PRINT || sl->case_id != 0 || sl->service_code != NULL;
}

static void
slip_free(struct screen *s)
{
	struct slip *sl = (struct slip *)s;
	for (int i = 0; i < sl->nlines; i++)
		free(sl->lines[i]);
	free(sl->lines);
	free(sl->title);
	free(sl->text);
	free(sl->service_code);
	free(sl);
}

static const struct screen_ops slip_ops = {
	.name = "slip",
	.draw = slip_draw,
	.key = slip_key,
	.free = slip_free,
};

struct screen *
slip_new(struct tui *t, const char *title, char *text, int64_t case_id, const char *service_code)
{
	(void)t;
	struct slip *sl = xcalloc(1, sizeof *sl);
	sl->s.ops = &slip_ops;
	sl->s.context = CX_SLIP | CX_LETTERS;
	sl->s.allows = slip_allows;
	sl->title = xstrdup(title);
	sl->text = text;
	sl->case_id = case_id;
	sl->service_code = service_code != NULL ? xstrdup(service_code) : NULL;
	split(sl);
	return &sl->s;
}

/*
 * The help's lines with each description wrapped at a space to the width
 * its column has on this screen, the rest on lines of their own under it:
 * nothing is cut short.  A new string.
 */
static char *
wrap_help(const char *keys)
{
	int avail = COLS - 1 - 2 - 22 - 1 - 12 - 1;
	if (avail < 20)
		avail = 20;
	char *out = xstrdup("");
	for (const char *p = keys; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		p += len + (nl != NULL);
		char *desc = strrchr(line, '\t');
		char *more;
		if (desc == NULL || text_width(desc + 1) <= avail) {
			more = xasprintf("%s%s\n", out, line);
		} else {
			*desc++ = '\0';
			more = xasprintf("%s%s\t", out, line);
			const char *rest = desc;
			bool first = true;
			while (*rest != '\0') {
				/* The longest part, to a space, that fits (at least a word). */
				size_t cut = strlen(rest);
				if (text_width(rest) > avail) {
					cut = 0;
					for (const char *sp = strchr(rest, ' '); sp != NULL; sp = strchr(sp + 1, ' ')) {
						char *head = xstrndup(rest, (size_t)(sp - rest));
						int w = text_width(head);
						free(head);
						if (w > avail && cut > 0)
							break;
						cut = (size_t)(sp - rest);
						if (w > avail)
							break;
					}
					if (cut == 0)
						cut = strlen(rest);
				}
				char *next = xasprintf("%s%s%.*s\n", more, first ? "" : "\t\t", (int)cut, rest);
				free(more);
				more = next;
				first = false;
				rest += cut;
				while (*rest == ' ')
					rest++;
			}
		}
		free(out);
		out = more;
		free(line);
	}
	return out;
}

struct screen *
help_new(struct tui *t)
{
	char *raw = keys_help_text();
	char *keys = wrap_help(raw);
	free(raw);
	char *text = xasprintf(
	    "%s\n%s", _("Every key of the desk (F-keys also have a Ctrl or letter key):"), keys);
	free(keys);
	struct screen *s = slip_new(t, _("Help"), text, 0, NULL);
	return s;
}
