/*
 * The display check (F9 on the settings screen): a Persian line with a
 * tracking code and a date, drawn by miz, and for each terminal the exact
 * way to make it read right.  miz switches VTE (GNOME Terminal) and mlterm
 * itself; Konsole, PuTTY and a terminal around tmux need a setting.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "tui.h"

/* The line to check: a name to be joined, a code and a date to stay whole. */
#define SAMPLE "مریم گلزاری — کد رهگیری 0010 0000 0094 — موعد 1405/09/15"

struct display {
	struct screen s;
};

/* The terminal, as far as the environment tells. */
static const char *
terminal_name(void)
{
	const char *term = getenv("TERM");
	if (getenv("TMUX") != NULL)
		return "tmux";
	if (getenv("MLTERM") != NULL)
		return "mlterm";
	if (getenv("KONSOLE_VERSION") != NULL)
		return "Konsole";
	if (getenv("VTE_VERSION") != NULL)
		return "GNOME Terminal (VTE)";
	if (term != NULL && strncmp(term, "putty", 5) == 0)
		return "PuTTY";
	if (getenv("XTERM_VERSION") != NULL)
		return "xterm";
	return term != NULL ? term : "?";
}

static void
display_draw(struct screen *s, struct tui *t)
{
	(void)s;
	int y = 2;
	tui_text(t, y++, 1, COLS - 2, _("Display check"), TA_BOLD);
	y++;
	tui_text(t, y++, 1, COLS - 2, _("Does this line read right?"), TA_NORMAL);
	tui_data(t, y++, 3, COLS - 4, SAMPLE, TA_HEADING);
	tui_text(t, y++, 1, COLS - 2,
	    _("Right: the name's letters joined, read from the right; the code 0010 0000 0094 "
	      "and the date 1405/09/15 read from the left."),
	    TA_DIM);
	y++;
	char *which = xasprintf(_("This terminal: %s.  bidi = %s (b switches it)."), terminal_name(),
	    t->bidi ? "miz" : "terminal");
	tui_text(t, y++, 1, COLS - 2, which, TA_BOLD);
	free(which);
	y++;
	static const char *const fixes[] = {
		N_("GNOME Terminal and other VTE terminals, mlterm: miz switches them itself."),
		N_("xterm: nothing to switch; give it a font with Arabic letters (xterm -fa "
		   "'DejaVu Sans Mono')."),
		N_("Konsole: Settings, Edit Current Profile, Advanced: untick \"Bi-Directional text "
		   "rendering\"."),
		N_("PuTTY: Terminal, Features: tick \"Disable bidirectional text display\" and "
		   "\"Disable Arabic text shaping\" (or open data/putty-miz.reg)."),
		N_("tmux: it leaves the text as miz draws it; switch the terminal around it (GNOME "
		   "Terminal: printf '\\e[8l' before starting tmux)."),
		N_("A terminal that must lay out Persian itself: press b (bidi = terminal)."),
	};
	for (size_t i = 0; i < sizeof fixes / sizeof fixes[0] && y < tui_bottom_line(); i++)
		tui_text(t, y++, 1, COLS - 2, _(fixes[i]), TA_NORMAL);
}

static bool
display_key(struct screen *s, struct tui *t, const struct event *ev)
{
	(void)s;
	if (ev->ch == 'b' || ev->ch == 'B' || ev->key == 'b') {
		char *cause = NULL;
		if (conf_set("bidi", t->bidi ? "terminal" : "miz", &cause) != 0) {
			tui_cause(t, cause);
			return true;
		}
		tui_load_settings(t);
		tui_info(t, _("bidi = %s"), t->bidi ? "miz" : "terminal");
		return true;
	}
	if (ev->action == ACT_ENTER) {
		tui_pop(t);
		return true;
	}
	return false;
}

static void
display_free(struct screen *s)
{
	free(s);
}

static const struct screen_ops display_ops = {
	.name = "display",
	.draw = display_draw,
	.key = display_key,
	.free = display_free,
};

struct screen *
display_new(struct tui *t)
{
	(void)t;
	struct display *d = xcalloc(1, sizeof *d);
	d->s.ops = &display_ops;
	d->s.context = CX_LETTERS;
	return &d->s;
}
