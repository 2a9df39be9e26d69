/* The desk's loop, screen stack, message line and drawing helpers. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/clerk.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/receipt.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "term.h"
#include "tui.h"

/* Set by SIGTERM, SIGHUP or SIGINT: the loop leaves as if F10 were pressed,
 * so curses and the terminal's own bidi are put back. */
static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/*
 * A write waits for another desk: say so on the message line at once and
 * let Esc give up (the write then fails and the clerk keeps what they typed).
 * Other keys typed meanwhile are kept for afterwards.
 */
static bool
desk_wait(void *arg, int waited_ms)
{
	struct tui *t = arg;
	if (waited_ms == 0 || t->message[0] == '\0') {
		snprintf(t->message, sizeof t->message, "%s",
		    _("Another desk is saving — waiting… (Esc gives up)"));
		t->message_error = false;
		tui_text(t, LINES - 2, 0, COLS, t->message, TA_WARN);
		refresh();
	}
	/* Every key waiting: Esc gives up; the others are put back, in order. */
	wint_t keys[64];
	int kinds[64], n = 0, delay = wgetdelay(stdscr);
	bool esc = false;
	timeout(0);
	while (n < 64 && (kinds[n] = get_wch(&keys[n])) != ERR) {
		if (kinds[n] == OK && keys[n] == 27)
			esc = true;
		else
			n++;
	}
	timeout(delay);
	for (int i = n - 1; i >= 0; i--) {
		if (kinds[i] == KEY_CODE_YES)
			ungetch((int)keys[i]);
		else
			unget_wch((wchar_t)keys[i]);
	}
	if (esc)
		t->message[0] = '\0';
	return !esc;
}

/* Seconds between automatic refreshes of an idle desk. */
#define IDLE_REFRESH_SECONDS 30

enum { PAIR_TITLE = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_OK, PAIR_WARN, PAIR_HEADING, PAIR_DIM };

/* Colour pairs, or monochrome attributes when colour is off. */
static attr_t
attr_of(struct tui *t, enum tui_attr a)
{
	if (!t->color) {
		switch (a) {
		case TA_TITLE:
		case TA_SELECTED:
			return A_REVERSE;
		case TA_ERROR:
			return A_BOLD | A_UNDERLINE;
		case TA_OK:
		case TA_BOLD:
			return A_BOLD;
		case TA_WARN:
			return A_BOLD;
		case TA_HEADING:
			return A_UNDERLINE;
		case TA_DIM:
			return A_DIM;
		case TA_NORMAL:
			break;
		}
		return A_NORMAL;
	}
	switch (a) {
	case TA_TITLE:
		return COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	case TA_SELECTED:
		/* Not bold: many terminals draw bold black as grey, unreadable on cyan. */
		return COLOR_PAIR(PAIR_SELECTED);
	case TA_ERROR:
		return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	case TA_OK:
		return COLOR_PAIR(PAIR_OK) | A_BOLD;
	case TA_WARN:
		return COLOR_PAIR(PAIR_WARN) | A_BOLD;
	case TA_HEADING:
		return COLOR_PAIR(PAIR_HEADING) | A_BOLD;
	case TA_DIM:
		return COLOR_PAIR(PAIR_DIM);
	case TA_BOLD:
		return A_BOLD;
	case TA_NORMAL:
		break;
	}
	return A_NORMAL;
}

struct text_look
tui_look(struct tui *t, enum text_dir dir)
{
	struct text_look lk = { dir, TEXT_LTR, t->bidi, t->set.persian_digits, t->rtl };
	return lk;
}

int
tui_col(struct tui *t, int x, int width)
{
	return t->rtl ? COLS - x - width : x;
}

/* Draws one cell in the given paragraph direction. */
static void
cell(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a, enum text_dir dir)
{
	if (x < 0) {
		width += x;
		x = 0;
	}
	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	struct text_look lk = tui_look(t, dir);
	char *shown = text_visual(s, width, &lk, NULL);
	attr_t at = attr_of(t, a);
	attron(at);
	mvaddstr(y, tui_col(t, x, width), shown);
	attroff(at);
	free(shown);
}

void
tui_text(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a)
{
	cell(t, y, x, width, s, a, t->rtl ? TEXT_RTL : TEXT_LTR);
}

void
tui_raw(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a)
{
	if (width <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	/* Right to left, a line too wide loses its left end, where it ends. */
	int w = text_width(s);
	const char *from = s;
	while (t->rtl && w > width && *from != '\0') {
		const char *next = from + 1;
		while ((*next & 0xc0) == 0x80)
			next++;
		char *one = xstrndup(from, (size_t)(next - from));
		w -= text_width(one);
		free(one);
		from = next;
	}
	/* A mark left first would sit on the cell before this one. */
	for (;;) {
		const char *next = from + (*from != '\0');
		while ((*next & 0xc0) == 0x80)
			next++;
		char *one = xstrndup(from, (size_t)(next - from));
		bool mark = *from != '\0' && *from != ' ' && text_width(one) == 0;
		free(one);
		if (!mark)
			break;
		from = next;
	}
	char *fit = text_fit(from, width, !t->rtl);
	int pad = t->rtl ? width - text_width(fit) : 0;
	attr_t at = attr_of(t, a);
	attron(at);
	mvprintw(y, tui_col(t, x, width), "%*s%s", pad, "", fit);
	attroff(at);
	free(fit);
}

void
tui_data(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a)
{
	cell(t, y, x, width, s, a, TEXT_AUTO);
}

void
tui_day(struct tui *t, miz_day day, char *buf)
{
	receipt_format_day(day, t->set.jalali, buf);
}

int
tui_top_line(void)
{
	return 1;
}

int
tui_bottom_line(void)
{
	return LINES - 3;
}

/* Sets the message line. */
static void
message(struct tui *t, bool error, const char *fmt, va_list ap)
{
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	t->message_error = error;
	t->redraw = true;
}

void
tui_info(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(t, false, fmt, ap);
	va_end(ap);
}

void
tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(t, true, fmt, ap);
	va_end(ap);
	beep();
}

void
tui_cause(struct tui *t, char *cause)
{
	tui_error(t, "%s", cause != NULL ? cause : _("unknown error"));
	free(cause);
}

/* Copies a setting into a fixed buffer ("" when unset). */
static void
setting_copy(struct tui *t, const char *key, char *buf, size_t size)
{
	char *v = NULL;
	buf[0] = '\0';
	if (db_setting_get(t->db, key, &v, NULL) == 0 && v != NULL) {
		size_t n = strlen(v);
		if (n >= size) {
			/* Cut at a character boundary, never inside one. */
			n = size - 1;
			while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(buf, v, n);
		buf[n] = '\0';
	}
	free(v);
}

void
tui_load_settings(struct tui *t)
{
	t->set.jalali = db_jalali(t->db);
	t->set.persian_digits = db_persian_digits(t->db);
	setting_copy(t, "office_name", t->set.office_name, sizeof t->set.office_name);
	/* The title names the clerk as the histories do, once a name is set
	 * (a supervisor acting for a clerk: as the command line says it). */
	char *name = NULL;
	if (db_acted_by(t->db) == 0 && clerk_name(t->db, &name, NULL) == 0 && name != NULL &&
	    *name != '\0')
		snprintf(t->set.clerk_name, sizeof t->set.clerk_name, "%s", name);
	else
		snprintf(t->set.clerk_name, sizeof t->set.clerk_name, "%s", t->clerk);
	free(name);
	conf_free(&t->set.conf);
	char *cause = NULL;
	if (conf_load(&t->set.conf, &cause) != 0)
		tui_cause(t, cause);
	bool bidi = strcmp(t->set.conf.bidi, "terminal") != 0;
	if (stdscr != NULL)
		tui_set_bidi(t, bidi); /* changed on the settings screen */
	else
		t->bidi = bidi;
}

void
tui_set_bidi(struct tui *t, bool on)
{
	if (on)
		term_bidi_explicit();
	else
		term_bidi_restore();
	t->bidi = on;
}

void
tui_push(struct tui *t, struct screen *s)
{
	s->below = t->top;
	t->top = s;
	t->redraw = true;
}

void
tui_pop(struct tui *t)
{
	struct screen *s = t->top;
	if (s == NULL || s->below == NULL)
		return;
	t->top = s->below;
	s->ops->free(s);
	if (t->top->ops->reload != NULL)
		t->top->ops->reload(t->top, t);
	t->redraw = true;
}

static void drop_to(struct tui *t, struct screen *keep);

void
tui_pop_to(struct tui *t, struct screen *keep)
{
	drop_to(t, keep);
	if (t->top->ops->reload != NULL)
		t->top->ops->reload(t->top, t);
	t->redraw = true;
}

/* Frees screens above `keep` without reloading anything. */
static void
drop_to(struct tui *t, struct screen *keep)
{
	while (t->top != keep && t->top->below != NULL) {
		struct screen *s = t->top;
		t->top = s->below;
		s->ops->free(s);
	}
}

void
tui_swap(struct tui *t, struct screen *keep, struct screen *s)
{
	drop_to(t, keep);
	tui_push(t, s);
}

struct screen *
tui_home(struct tui *t)
{
	struct screen *home = t->top;
	while (home->below != NULL)
		home = home->below;
	return home;
}

void
tui_pop_home(struct tui *t)
{
	tui_pop_to(t, tui_home(t));
}

/* The answer "yes" to "discard what you typed?". */
static void
discard_yes(struct tui *t, void *arg)
{
	(void)arg;
	tui_pop(t); /* the form itself; the dialog is gone already */
}

void
tui_back(struct tui *t)
{
	struct screen *s = t->top;
	if (s->below == NULL)
		return;
	if (s->ops->dirty != NULL && s->ops->dirty(s)) {
		tui_push(t, confirm_new(t, _("Discard what you typed? (y/n)"), discard_yes, NULL));
		return;
	}
	tui_pop(t);
}

/* Quitting asks too when anything on the stack has unsaved input. */
static void
quit_yes(struct tui *t, void *arg)
{
	(void)arg;
	t->quit = true;
}

static void
request_quit(struct tui *t)
{
	for (struct screen *s = t->top; s != NULL; s = s->below) {
		if (s->ops->dirty != NULL && s->ops->dirty(s)) {
			tui_push(t,
			    confirm_new(
			        t, _("Quit and lose what you typed? (y/n)"), quit_yes, NULL));
			return;
		}
	}
	t->quit = true;
}

/* Back to the desk, asking first when anything above it has unsaved input. */
static void
home_yes(struct tui *t, void *arg)
{
	(void)arg;
	tui_pop_home(t);
}

static void
request_home(struct tui *t)
{
	for (struct screen *s = t->top; s != NULL && s->below != NULL; s = s->below) {
		if (s->ops->dirty != NULL && s->ops->dirty(s)) {
			tui_push(t,
			    confirm_new(t, _("Go back to the desk and lose what you typed? (y/n)"),
			        home_yes, NULL));
			return;
		}
	}
	tui_pop_home(t);
}

/* The title line: office, clerk, today. */
static void
draw_title(struct tui *t)
{
	char today[11];
	tui_day(t, t->today, today);
	char *right = xasprintf("%s  %s ", t->set.clerk_name, today);
	char *left =
	    xasprintf(" miz — %s", *t->set.office_name ? t->set.office_name : _("service desk"));
	tui_text(t, 0, 0, COLS, left, TA_TITLE);
	int rw = text_width(right);
	if (rw < COLS - text_width(left))
		tui_text(t, 0, COLS - rw, rw, right, TA_TITLE);
	free(left);
	free(right);
}

void
tui_text_2lines(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a)
{
	if (text_width(s) <= width) {
		tui_text(t, y, x, width, s, a);
		return;
	}
	/* The longest first part, to a space, that fits. */
	size_t cut = 0;
	for (const char *p = strchr(s, ' '); p != NULL; p = strchr(p + 1, ' ')) {
		char *head = xstrndup(s, (size_t)(p - s));
		int w = text_width(head);
		free(head);
		if (w > width)
			break;
		cut = (size_t)(p - s);
	}
	if (cut == 0 || y < 1) {
		tui_text(t, y, x, width, s, a);
		return;
	}
	char *head = xstrndup(s, cut);
	tui_text(t, y - 1, x, width, head, a);
	tui_text(t, y, x, width, s + cut + 1, a);
	free(head);
}

/*
 * The message line.  A message wider than the screen takes the line above
 * too (the screen's last): nothing a clerk is told is cut short.
 */
static void
draw_message(struct tui *t)
{
	enum tui_attr a = t->message_error ? TA_ERROR : (*t->message ? TA_OK : TA_NORMAL);
	tui_text_2lines(t, LINES - 2, 0, COLS, t->message, a);
}

/* Redraws the whole screen. */
static void
draw(struct tui *t)
{
	erase();
	t->cursor_y = t->cursor_x = -1;
	if (LINES < 10 || COLS < 40) {
		tui_text(t, 0, 0, COLS, _("The terminal is too small: miz needs 40x10."), TA_ERROR);
		refresh();
		return;
	}
	draw_title(t);
	t->top->ops->draw(t->top, t);
	draw_message(t);
	keys_draw_bar(t, t->top);
	if (t->cursor_y >= 0) {
		curs_set(1);
		move(t->cursor_y, t->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Actions every screen has when it does not use them itself. */
static void
global_action(struct tui *t, const struct event *ev)
{
	switch (ev->action) {
	case ACT_HELP:
		if (t->top->ops->name == NULL || strcmp(t->top->ops->name, "help") != 0)
			tui_push(t, help_new(t));
		break;
	case ACT_INTAKE:
		tui_push(t, search_new(t, true));
		break;
	case ACT_FIND:
		tui_push(t, search_new(t, false));
		break;
	case ACT_OPEN_CODE:
		tui_push(t, code_prompt_new(t));
		break;
	case ACT_GUIDE:
		tui_push(t, guide_new(t));
		break;
	case ACT_SETTINGS:
		if (settings_is(t->top))
			tui_push(t, display_new(t));
		else
			tui_push(t, settings_new(t));
		break;
	case ACT_REPORTS:
		tui_push(t, reports_new(t));
		break;
	case ACT_REFRESH:
		if (t->top->ops->reload != NULL)
			t->top->ops->reload(t->top, t);
		tui_info(t, _("Refreshed."));
		break;
	case ACT_BACK:
		tui_back(t);
		break;
	case ACT_HOME:
		request_home(t);
		break;
	case ACT_QUIT:
		request_quit(t);
		break;
	default:
		break;
	}
}

/*
 * After an ESC: when what is already waiting starts a control sequence
 * curses did not know (CSI "[" up to its final byte, OSC "]" up to BEL or
 * ESC \: pasted colours, a terminal's report), reads it to its end and
 * returns true.  Anything else after an Esc (a key, a function key, Alt
 * and a letter) is put back, and the Esc is a real one.  Only what has
 * already arrived is read: nothing typed later is taken.
 */
static bool
swallow_sequence(void)
{
	wint_t ch;
	timeout(0);
	int r = get_wch(&ch);
	bool csi = r == OK && ch == '[', osc = r == OK && ch == ']';
	if (r == KEY_CODE_YES)
		ungetch((int)ch); /* a function key after the Esc */
	else if (r == OK && !csi && !osc)
		unget_wch(ch);
	wint_t prev = 0;
	while ((csi || osc) && (r = get_wch(&ch)) != ERR) {
		if (r == KEY_CODE_YES) {
			ungetch((int)ch); /* a key, not part of the sequence */
			break;
		}
		if ((csi && ch >= 0x40 && ch <= 0x7e) || (osc && (ch == 7 || (prev == 27 && ch == '\\'))))
			break;
		prev = ch;
	}
	timeout(1000);
	return csi || osc;
}

/* A supervisor is told, on the desk's first line of messages, when the
 * next year's official holiday list is due (holiday_list_warning). */
static void
holiday_warning(struct tui *t)
{
	if (!clerk_is_supervisor(t->db))
		return;
	char *w = holiday_list_warning(t->db, t->today);
	if (w != NULL)
		tui_error(t, "%s", w);
	free(w);
}

int
tui_run(struct miz_db *db, const char *clerk, miz_day today, bool fixed_day)
{
	struct tui t;
	memset(&t, 0, sizeof t);
	t.db = db;
	t.clerk = clerk;
	t.today = today;
	t.rtl = text_ui_rtl();
	tui_load_settings(&t);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Before curses writes anything, and undone after it is done. */
	if (t.bidi)
		tui_set_bidi(&t, true);
	if (initscr() == NULL) {
		term_bidi_restore();
		return 1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(1000);
	const char *no_color = getenv("NO_COLOR");
	t.color = has_colors() && (no_color == NULL || *no_color == '\0');
	if (t.color) {
		start_color();
		use_default_colors();
		init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
		init_pair(PAIR_ERROR, COLOR_RED, -1);
		init_pair(PAIR_OK, COLOR_GREEN, -1);
		/* Not yellow: unreadable on the white background of xterm and mlterm. */
		init_pair(PAIR_WARN, COLOR_MAGENTA, -1);
		init_pair(PAIR_HEADING, COLOR_CYAN, -1);
		init_pair(PAIR_DIM, COLOR_BLUE, -1);
	}

	db_set_wait(db, desk_wait, &t);
	tui_push(&t, home_new(&t));
	holiday_warning(&t);
	int idle = 0;
	while (!t.quit && !stop_signal) {
		/* A desk left open past midnight works on the new day. */
		if (!fixed_day) {
			miz_day now = cal_today();
			if (now != t.today) {
				t.today = now;
				holiday_warning(&t);
				if (t.top->ops->reload != NULL)
					t.top->ops->reload(t.top, &t);
				t.redraw = true;
			}
		}
		if (t.redraw) {
			draw(&t);
			t.redraw = false;
		}
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			/* Idle: the desk shows other clerks' work without a key press. */
			if (++idle >= IDLE_REFRESH_SECONDS && t.top->below == NULL) {
				idle = 0;
				if (t.top->ops->reload != NULL)
					t.top->ops->reload(t.top, &t);
				t.redraw = true;
			}
			continue;
		}
		idle = 0;
		/* An escape sequence curses does not know (pasted colours, a
		 * terminal's report) arrives as ESC and more at once: it is one
		 * key, and nothing, never Esc followed by letters. */
		if (r == OK && ch == 27 && swallow_sequence())
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			t.redraw = true;
			continue;
		}
		if (LINES < 10 || COLS < 40) {
			/* Nothing is on screen to act on: only quitting works. */
			struct event q = keys_translate(
			    0, r == KEY_CODE_YES ? (int)ch : -1, r == KEY_CODE_YES ? 0 : ch);
			if (q.action == ACT_QUIT)
				request_quit(&t);
			continue;
		}
		struct event ev = keys_translate(
		    t.top->context, r == KEY_CODE_YES ? (int)ch : -1, r == KEY_CODE_YES ? 0 : ch);
		/* Arrows between views point the way the mirrored layout runs. */
		if (t.rtl && ev.action == ACT_LEFT)
			ev.action = ACT_RIGHT;
		else if (t.rtl && ev.action == ACT_RIGHT)
			ev.action = ACT_LEFT;
		if (t.top->allows != NULL && ev.action != ACT_NONE &&
		    !t.top->allows(t.top, ev.action))
			ev.action = ACT_NONE;
		if (!t.message_error || ev.action != ACT_NONE || ev.ch != 0)
			t.message[0] = '\0';
		struct screen *before = t.top;
		if (!t.top->ops->key(t.top, &t, &ev) && t.top == before)
			global_action(&t, &ev);
		t.redraw = true;
	}
	db_set_wait(db, NULL, NULL);
	endwin();
	term_bidi_restore();
	while (t.top != NULL) {
		struct screen *s = t.top;
		t.top = s->below;
		s->ops->free(s);
	}
	conf_free(&t.set.conf);
	return 0;
}
