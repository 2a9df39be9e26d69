/*
 * Keys are data: one table maps keys to actions per screen context, and the
 * same table draws the key bar and the help screen.  Every function key has
 * a Ctrl or letter alternative, since some terminals over SSH send no
 * F-keys.  Letters are commands only on screens without text entry.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "tui.h"

/* What an action is called on the key bar and in the help. */
static const struct {
	const char *label;
	const char *help;
} action_info[ACT__COUNT] = {
	[ACT_HELP] = { N_("Help"), N_("show every key") },
	[ACT_INTAKE] = { N_("Intake"),
	    N_("a client at the desk: find or register, then open a case") },
	[ACT_FIND] = { N_("Find"),
	    N_("find a case or client by tracking code, national ID, mobile or name") },
	[ACT_OPEN_CODE] = { N_("Code"), N_("open a case by its tracking code") },
	[ACT_GUIDE] = { N_("Guide"),
	    N_("the service guide: steps, documents, duration, fee, officer") },
	[ACT_REFRESH] = { N_("Refresh"), N_("reload from the database (other clerks' work)") },
	[ACT_SETTINGS] = { N_("Settings"), N_("calendar, office, printer, clerk name") },
	[ACT_QUIT] = { N_("Quit"), N_("leave miz") },
	[ACT_HOME] = { N_("Desk"), N_("back to the desk") },
	[ACT_BACK] = { N_("Back"), N_("leave this screen (asks first if you typed something)") },
	[ACT_ENTER] = { N_("Open"), N_("open, choose or confirm") },
	[ACT_UP] = { N_("Up"), N_("previous line") },
	[ACT_DOWN] = { N_("Down"), N_("next line") },
	[ACT_PGUP] = { N_("PgUp"), N_("previous page") },
	[ACT_PGDN] = { N_("PgDn"), N_("next page") },
	[ACT_TOP] = { N_("First"), N_("first line") },
	[ACT_BOTTOM] = { N_("Last"), N_("last line") },
	[ACT_LEFT] = { N_("Left"), N_("previous view") },
	[ACT_RIGHT] = { N_("Right"), N_("next view") },
	[ACT_NEXT] = { N_("Next"), N_("next field or pane") },
	[ACT_PREV] = { N_("Prev"), N_("previous field or pane") },
	[ACT_SAVE] = { N_("Save"), N_("save the form / confirm the checklist") },
	[ACT_TICK] = { N_("Tick"), N_("mark the document as received (or not)") },
	[ACT_TICK_ALL] = { N_("All"), N_("mark every document as received") },
	[ACT_VISIT] = { N_("Visit"), N_("record a visit of the client for this case") },
	[ACT_DOCS] = { N_("Docs"), N_("tick documents the client brought") },
	[ACT_MISSING] = { N_("Missing"),
	    N_("documents found missing or unusable after all: a new deficiency notice") },
	[ACT_REFER] = { N_("Refer"), N_("refer to a department or officer with a due date") },
	[ACT_READY] = { N_("Ready"), N_("mark ready for pickup") },
	[ACT_RESUME] = { N_("Resume"),
	    N_("back in progress (returned from referral, or not ready after all)") },
	[ACT_DELIVER] = { N_("Deliver"), N_("deliver to the client with a satisfaction rating") },
	[ACT_WITHDRAW] = { N_("Withdraw"), N_("the client withdraws (reason needed)") },
	[ACT_REJECT] = { N_("Reject"), N_("reject the request (reason needed)") },
	[ACT_PRINT] = { N_("Print"), N_("print or save the receipt, notice or guide") },
	[ACT_EDIT_CLIENT] = { N_("Edit client"),
	    N_("correct the client's name, mobile or address (kept in the client's history)") },
	[ACT_REPORTS] = { N_("Reports"),
	    N_("end of day, period and inspection reports; save as CSV") },
};

/* One key in one set of contexts.  `cx` CX_GLOBAL means everywhere. */
struct binding {
	int key;
	enum action action;
	int cx;
};

#define ESC 27

static const struct binding bindings[] = {
	{ FKEY(KEY_F(1)), ACT_HELP, CX_GLOBAL },
	{ CTRL('G'), ACT_HELP, CX_GLOBAL },
	{ '?', ACT_HELP, CX_LETTERS },
	{ FKEY(KEY_F(2)), ACT_INTAKE, CX_GLOBAL },
	{ CTRL('N'), ACT_INTAKE, CX_GLOBAL },
	{ 'n', ACT_INTAKE, CX_LETTERS },
	{ FKEY(KEY_F(3)), ACT_FIND, CX_GLOBAL },
	{ CTRL('F'), ACT_FIND, CX_GLOBAL },
	{ 'f', ACT_FIND, CX_LETTERS },
	{ '/', ACT_FIND, CX_LETTERS },
	{ FKEY(KEY_F(4)), ACT_OPEN_CODE, CX_GLOBAL },
	{ CTRL('O'), ACT_OPEN_CODE, CX_GLOBAL },
	{ 'o', ACT_OPEN_CODE, CX_LETTERS },
	{ FKEY(KEY_F(5)), ACT_REFRESH, CX_GLOBAL },
	{ CTRL('R'), ACT_REFRESH, CX_GLOBAL },
	{ CTRL('L'), ACT_REFRESH, CX_GLOBAL },
	{ FKEY(KEY_F(6)), ACT_GUIDE, CX_GLOBAL },
	{ CTRL('B'), ACT_GUIDE, CX_GLOBAL },
	{ 'g', ACT_GUIDE, CX_LETTERS },
	{ FKEY(KEY_F(7)), ACT_PRINT, CX_CASE | CX_SLIP },
	{ CTRL('P'), ACT_PRINT, CX_CASE | CX_SLIP },
	{ 'p', ACT_PRINT, CX_CASE | CX_SLIP },
	{ FKEY(KEY_F(8)), ACT_SAVE, CX_FORM | CX_CHECKLIST },
	{ CTRL('S'), ACT_SAVE, CX_FORM | CX_CHECKLIST },
	{ FKEY(KEY_F(9)), ACT_SETTINGS, CX_GLOBAL },
	{ CTRL('K'), ACT_SETTINGS, CX_GLOBAL },
	{ 's', ACT_SETTINGS, CX_HOME },
	{ FKEY(KEY_F(11)), ACT_REPORTS, CX_GLOBAL },
	{ CTRL('W'), ACT_REPORTS, CX_GLOBAL },
	{ 'R', ACT_REPORTS, CX_HOME },
	{ FKEY(KEY_F(10)), ACT_QUIT, CX_GLOBAL },
	{ CTRL('X'), ACT_QUIT, CX_GLOBAL },
	{ 'q', ACT_QUIT, CX_HOME },
	{ CTRL('T'), ACT_HOME, CX_GLOBAL },
	{ 'h', ACT_HOME, CX_LETTERS },
	{ ESC, ACT_BACK, CX_GLOBAL },
	{ '\r', ACT_ENTER, CX_GLOBAL },
	{ '\n', ACT_ENTER, CX_GLOBAL },
	{ FKEY(KEY_ENTER), ACT_ENTER, CX_GLOBAL },
	{ FKEY(KEY_UP), ACT_UP, CX_GLOBAL },
	{ FKEY(KEY_DOWN), ACT_DOWN, CX_GLOBAL },
	{ FKEY(KEY_PPAGE), ACT_PGUP, CX_GLOBAL },
	{ FKEY(KEY_NPAGE), ACT_PGDN, CX_GLOBAL },
	{ FKEY(KEY_HOME), ACT_TOP, CX_GLOBAL },
	{ FKEY(KEY_END), ACT_BOTTOM, CX_GLOBAL },
	{ FKEY(KEY_LEFT), ACT_LEFT, CX_TABS },
	{ FKEY(KEY_RIGHT), ACT_RIGHT, CX_TABS },
	{ '\t', ACT_NEXT, CX_GLOBAL },
	{ FKEY(KEY_BTAB), ACT_PREV, CX_GLOBAL },
	{ ' ', ACT_TICK, CX_CHECKLIST },
	{ 'a', ACT_TICK_ALL, CX_CHECKLIST },
	{ 'v', ACT_VISIT, CX_CASE },
	{ 't', ACT_DOCS, CX_CASE },
	{ 'm', ACT_MISSING, CX_CASE },
	{ 'r', ACT_REFER, CX_CASE },
	{ 'y', ACT_READY, CX_CASE },
	{ 'b', ACT_RESUME, CX_CASE },
	{ 'd', ACT_DELIVER, CX_CASE },
	{ 'w', ACT_WITHDRAW, CX_CASE },
	{ 'x', ACT_REJECT, CX_CASE },
	{ FKEY(KEY_F(12)), ACT_EDIT_CLIENT, CX_CLIENT | CX_CASE },
	{ CTRL('Y'), ACT_EDIT_CLIENT, CX_CLIENT | CX_CASE },
	{ 'e', ACT_EDIT_CLIENT, CX_CASE },
};

#define NBINDINGS (sizeof bindings / sizeof bindings[0])

/* True when a binding applies in a screen context. */
static bool
applies(const struct binding *b, int context)
{
	if (b->cx == 0)
		return false;
	bool printable = b->key >= 32 && b->key < 0x1000000 && b->key != 127;
	if (printable && !(context & CX_LETTERS) && b->cx != CX_CHECKLIST)
		return false;
	return b->cx == CX_GLOBAL || (b->cx & context) != 0;
}

/*
 * A clerk who has just typed a Persian name still has the Persian keyboard
 * layout on: command letters arrive as the Persian letters on the same keys
 * (the standard layout, ISIRI 9147).  Only the keys miz uses are listed.
 */
static const struct {
	wchar_t persian;
	char latin;
} layout[] = {
	{ 0x0636, 'q' },
	{ 0x0635, 'w' },
	{ 0x0642, 'r' },
	{ 0x0641, 't' },
	{ 0x063a, 'y' },
	{ 0x062e, 'o' },
	{ 0x062d, 'p' },
	{ 0x0634, 'a' },
	{ 0x0633, 's' },
	{ 0x06cc, 'd' },
	{ 0x064a, 'd' },
	{ 0x0628, 'f' },
	{ 0x0644, 'g' },
	{ 0x0627, 'h' },
	{ 0x0637, 'x' },
	{ 0x0631, 'v' },
	{ 0x0630, 'b' },
	{ 0x062f, 'n' },
	{ 0x067e, 'm' },
	{ 0x061f, '?' },
};

int
keys_latin_of(wchar_t ch)
{
	for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++) {
		if (layout[i].persian == ch)
			return layout[i].latin;
	}
	return (int)ch;
}

struct event
keys_translate(int context, int fkey, wint_t ch)
{
	struct event ev = { ACT_NONE, fkey >= 0 ? FKEY(fkey) : (int)ch,
		fkey >= 0 ? 0 : (wchar_t)ch };
	/* On screens where letters are commands, a Persian letter means its key. */
	if (fkey < 0 && ch >= 0x600 && (context & (CX_LETTERS | CX_CHECKLIST)))
		ev.key = keys_latin_of((wchar_t)ch);
	for (size_t i = 0; i < NBINDINGS; i++) {
		if (bindings[i].key == ev.key && applies(&bindings[i], context)) {
			ev.action = bindings[i].action;
			break;
		}
	}
	return ev;
}

/* A key as people write it: F2, ^N, Esc, Enter, Space, Tab, a. */
static void
key_label(int key, char *buf, size_t size)
{
	if (key & 0x1000000) {
		int k = key & 0xffffff;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, size, "F%d", k - KEY_F0);
		else if (k == KEY_UP)
			snprintf(buf, size, "%s", _("Up"));
		else if (k == KEY_DOWN)
			snprintf(buf, size, "%s", _("Down"));
		else if (k == KEY_LEFT)
			snprintf(buf, size, "%s", _("Left"));
		else if (k == KEY_RIGHT)
			snprintf(buf, size, "%s", _("Right"));
		else if (k == KEY_PPAGE)
			snprintf(buf, size, "PgUp");
		else if (k == KEY_NPAGE)
			snprintf(buf, size, "PgDn");
		else if (k == KEY_HOME)
			snprintf(buf, size, "Home");
		else if (k == KEY_END)
			snprintf(buf, size, "End");
		else if (k == KEY_BTAB)
			snprintf(buf, size, "S-Tab");
		else if (k == KEY_ENTER)
			snprintf(buf, size, "Enter");
		else
			snprintf(buf, size, "%s", keyname(k));
	} else if (key == ESC) {
		snprintf(buf, size, "Esc");
	} else if (key == '\r' || key == '\n') {
		snprintf(buf, size, "Enter");
	} else if (key == '\t') {
		snprintf(buf, size, "Tab");
	} else if (key == ' ') {
		snprintf(buf, size, "Space");
	} else if (key < 32) {
		snprintf(buf, size, "^%c", key + '@');
	} else {
		snprintf(buf, size, "%c", key);
	}
}

const char *
keys_name_for(enum action a, int context)
{
	static char buf[16];
	for (size_t i = 0; i < NBINDINGS; i++) {
		if (bindings[i].action == a && applies(&bindings[i], context)) {
			key_label(bindings[i].key, buf, sizeof buf);
			return buf;
		}
	}
	return NULL;
}

/* Actions on the key bar, in order: the screen's own first, then the desk-wide ones. */
static const enum action bar_order[] = {
	ACT_ENTER,
	ACT_TICK,
	ACT_TICK_ALL,
	ACT_SAVE,
	ACT_VISIT,
	ACT_DOCS,
	ACT_MISSING,
	ACT_REFER,
	ACT_READY,
	ACT_RESUME,
	ACT_DELIVER,
	ACT_WITHDRAW,
	ACT_REJECT,
	ACT_PRINT,
	ACT_NEXT,
	ACT_BACK,
	ACT_HELP,
	ACT_INTAKE,
	ACT_FIND,
	ACT_OPEN_CODE,
	ACT_GUIDE,
	ACT_QUIT,
	ACT_REFRESH,
	ACT_SETTINGS,
};

void
keys_draw_bar(struct tui *t, struct screen *s)
{
	int x = 0, y = LINES - 1;
	tui_text(t, y, 0, COLS, "", TA_NORMAL);
	for (size_t i = 0; i < sizeof bar_order / sizeof bar_order[0]; i++) {
		enum action a = bar_order[i];
		if (s->allows != NULL && !s->allows(s, a))
			continue;
		if ((a == ACT_BACK) && s->below == NULL)
			continue;
		if (a == ACT_NEXT && !(s->context & (CX_FORM | CX_CLIENT)))
			continue;
		if (a == ACT_ENTER &&
		    !(s->context & (CX_LIST | CX_FORM | CX_CHECKLIST | CX_CLIENT)))
			continue;
		const char *k = keys_name_for(a, s->context);
		if (k == NULL)
			continue;
		char key[16];
		snprintf(key, sizeof key, "%s", k);
		const char *label = _(action_info[a].label);
		int need = text_width(key) + 1 + text_width(label) + 1;
		if (x + need > COLS)
			break;
		tui_text(t, y, x, text_width(key), key, TA_TITLE);
		tui_text(t, y, x + text_width(key) + 1, text_width(label) + 1, label, TA_NORMAL);
		x += need + 1;
	}
}

char *
keys_help_text(void)
{
	size_t cap = 8192, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (int a = 1; a < ACT__COUNT; a++) {
		if (action_info[a].label == NULL)
			continue;
		char keys[128] = "";
		for (size_t i = 0; i < NBINDINGS; i++) {
			if (bindings[i].action != (enum action)a || bindings[i].cx == 0)
				continue;
			char name[16];
			key_label(bindings[i].key, name, sizeof name);
			if (strstr(keys, name) != NULL && strlen(name) > 1)
				continue;
			if (*keys)
				strncat(keys, " ", sizeof keys - strlen(keys) - 1);
			strncat(keys, name, sizeof keys - strlen(keys) - 1);
		}
		/* Three cells (keys, name, what it does): the page draws them as
		 * columns, each its own paragraph, mirrored in a Persian interface. */
		char *line =
		    xasprintf("%s\t%s\t%s\n", keys, _(action_info[a].label), _(action_info[a].help));
		size_t n = strlen(line);
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, line, n + 1);
		len += n;
		free(line);
	}
	return out;
}
