/*
 * The full-screen desk.  One loop (tui_run) owns input; screens form a stack
 * and expose draw and key; redraws are requested with a flag.  Only this
 * directory includes curses.
 */
#ifndef MIZ_TUI_H
#define MIZ_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "miz/calendar.h"
#include "miz/case.h"
#include "miz/conf.h"
#include "miz/db.h"
#include "miz/text.h"

/* What a key means; the key table (keys.c) maps keys to these. */
enum action {
	ACT_NONE,
	ACT_HELP,
	ACT_INTAKE,
	ACT_FIND,
	ACT_OPEN_CODE,
	ACT_GUIDE,
	ACT_REFRESH,
	ACT_SETTINGS,
	ACT_QUIT,
	ACT_HOME,
	ACT_BACK,
	ACT_ENTER,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_NEXT,
	ACT_PREV,
	ACT_SAVE,
	ACT_TICK,
	ACT_TICK_ALL,
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
	ACT_REPORTS,
	ACT_EDIT_CLIENT,
	ACT__COUNT
};

/* Where a binding applies (a screen's context is a mask of these). */
#define CX_GLOBAL 0x001 /* every screen */
#define CX_LETTERS 0x002 /* screens where letters are commands, not text */
#define CX_LIST 0x004 /* a list has the focus */
#define CX_FORM 0x008 /* a form */
#define CX_CHECKLIST 0x010 /* ticking documents */
#define CX_CASE 0x020 /* a case */
#define CX_HOME 0x040 /* the desk */
#define CX_CLIENT 0x080 /* a client: pick a service */
#define CX_SLIP 0x100 /* a receipt, notice or guide card */
#define CX_TABS 0x200 /* views to switch between */

/* Function keys are encoded above the Unicode range. */
#define FKEY(k) (0x1000000 | (k))
#define CTRL(c) ((c)&0x1f)

/* One key press, translated. */
struct event {
	enum action action; /* from the key table, ACT_NONE when not bound here */
	int key; /* a character, or FKEY(curses key code) */
	wchar_t ch; /* the character when not a function key, else 0 */
};

struct tui;
struct screen;

struct screen_ops {
	const char *name;
	/* Draws the screen's content area (lines 1 .. LINES-3). */
	void (*draw)(struct screen *s, struct tui *t);
	/* Handles a key; returns true when used. */
	bool (*key)(struct screen *s, struct tui *t, const struct event *ev);
	/* True when leaving would lose what the clerk typed. */
	bool (*dirty)(struct screen *s);
	/* Reloads data from the database (refresh, or after a change below). */
	void (*reload)(struct screen *s, struct tui *t);
	void (*free)(struct screen *s);
};

struct screen {
	const struct screen_ops *ops;
	int context; /* CX_* mask for keys and the key bar */
	struct screen *below;
	/* Which actions the key bar and dispatch allow beyond the context (0: all). */
	bool (*allows)(struct screen *s, enum action a);
};

/* Settings the screen uses: the office's from the database, the clerk's own
 * (printing, paper, bidi) from their configuration file. */
struct tui_settings {
	bool jalali;
	bool persian_digits; /* numbers shown in Persian digits */
	char office_name[512];
	char clerk_name[256]; /* the acting clerk's name as set (else the login) */
	struct miz_conf conf;
};

struct tui {
	struct miz_db *db;
	miz_day today;
	const char *clerk;
	struct tui_settings set;
	struct screen *top;
	bool redraw;
	bool quit;
	bool color;
	char message[512];
	bool message_error;
	int cursor_y, cursor_x; /* -1: hidden */
	bool rtl; /* the interface is right to left: the layout is mirrored */
	bool bidi; /* miz lays out right-to-left text (else the terminal does) */
};

/* Runs the desk until the clerk quits; `fixed_day` keeps `today` (from
 * --today or MIZ_TODAY), else the day follows the clock.  Returns an exit status. */
int tui_run(struct miz_db *db, const char *clerk, miz_day today, bool fixed_day);

/* Screen stack. */
void tui_push(struct tui *t, struct screen *s);
/* Pops and frees the top screen; the one below is reloaded. */
void tui_pop(struct tui *t);
/* Pops screens until `keep` is on top. */
void tui_pop_to(struct tui *t, struct screen *keep);
/* Pops down to `keep` without reloading it, then pushes s (keep reloads when s leaves). */
void tui_swap(struct tui *t, struct screen *keep, struct screen *s);
/* The desk: the bottom of the stack. */
struct screen *tui_home(struct tui *t);
/* Pops everything above the desk. */
void tui_pop_home(struct tui *t);
/* Leaves the top screen, asking first when it is dirty. */
void tui_back(struct tui *t);

/* The message line: info or error (copied). */
void tui_info(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows a core error and frees it. */
void tui_cause(struct tui *t, char *cause);
/* Switches miz's own bidi layout on (the terminal told to stop reordering) or off. */
void tui_set_bidi(struct tui *t, bool on);
/* Reloads settings from the database. */
void tui_load_settings(struct tui *t);

/* Drawing: text cropped/padded to `width` cells at (y, x). */
enum tui_attr {
	TA_NORMAL,
	TA_TITLE,
	TA_SELECTED,
	TA_ERROR,
	TA_OK,
	TA_WARN,
	TA_DIM,
	TA_BOLD,
	TA_HEADING
};
/*
 * Drawing.  Coordinates are those of a left-to-right layout; when the
 * interface is right to left they are mirrored here (x counts from the right
 * edge), so every screen mirrors without knowing it.  Each call is one cell:
 * one paragraph put in display order by the core (text_visual), cut to
 * `width` cells and padded.  tui_text is for the desk's own text (labels,
 * sentences, lines built from them): its direction is the interface's.
 * tui_data is for a value alone in its cell (a name, a service): its
 * direction comes from its first strong letter.
 */
void tui_text(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a);
/* Draws s on line y, or when it is too wide, broken at a space onto
 * lines y - 1 and y (the caller keeps line y - 1 free for it). */
void tui_text_2lines(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a);
void tui_data(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a);
/* Draws a line already in display order (a report's table): only cut,
 * padded and placed, never reordered. */
void tui_raw(struct tui *t, int y, int x, int width, const char *s, enum tui_attr a);
/* How the desk shows a cell of direction dir (for code that draws itself). */
struct text_look tui_look(struct tui *t, enum text_dir dir);
/* The screen column of a layout column x of a cell `width` wide. */
int tui_col(struct tui *t, int x, int width);

/* Formats a day in the chosen calendar into buf (11 bytes). */
void tui_day(struct tui *t, miz_day day, char *buf);
/* Lines of the content area. */
int tui_top_line(void);
int tui_bottom_line(void);

/* Key table (keys.c): translates a key (fkey >= 0: a curses key code, else
 * the character ch) in a screen context into an event. */
struct event keys_translate(int context, int fkey, wint_t ch);
/* The Latin key under a Persian letter on the standard layout (or ch itself). */
int keys_latin_of(wchar_t ch);
/* The first key bound to an action in a context, as shown to people ("F2"). */
const char *keys_name_for(enum action a, int context);
/* Draws the key bar for a screen on the last line. */
void keys_draw_bar(struct tui *t, struct screen *s);
/* The help text: every binding, one per line (a new string). */
char *keys_help_text(void);

/* Screens (one file each). */
struct screen *home_new(struct tui *t);
struct screen *search_new(struct tui *t, bool intake);
struct screen *client_form_new(struct tui *t, const char *national_id, const char *name);
/* The form that corrects a client's name, mobile and address (NULL when the
 * client cannot be loaded: the message is shown). */
struct screen *client_edit_form_new(struct tui *t, int64_t client_id);
struct screen *client_new(struct tui *t, int64_t client_id);
/* Cells for a column of service codes: the widest code, or the heading. */
int tui_code_width(struct tui *t, const char *heading);
struct screen *checklist_new_intake(struct tui *t, int64_t client_id, const char *service_code);
struct screen *checklist_new_docs(struct tui *t, int64_t case_id);
struct screen *checklist_new_missing(struct tui *t, int64_t case_id);
struct screen *case_new(struct tui *t, int64_t case_id);
/* A page of text (takes `text`); printable as a case's receipt or notice
 * (case_id != 0) or a service's guide card (service_code != NULL). */
struct screen *slip_new(
    struct tui *t, const char *title, char *text, int64_t case_id, const char *service_code);
struct screen *guide_new(struct tui *t);
struct screen *settings_new(struct tui *t);
/* True when s is the settings screen (F9 there opens the display check). */
bool settings_is(const struct screen *s);
struct screen *display_new(struct tui *t);
struct screen *help_new(struct tui *t);
struct screen *reports_new(struct tui *t);
struct screen *code_prompt_new(struct tui *t);
struct screen *confirm_new(
    struct tui *t, const char *question, void (*yes)(struct tui *t, void *arg), void *arg);
/* The same, with an answer for n (Esc still only goes back). */
struct screen *confirm_new_or(struct tui *t, const char *question,
    void (*yes)(struct tui *t, void *arg), void (*no)(struct tui *t, void *arg), void *arg);
struct screen *refer_new(struct tui *t, int64_t case_id);
struct screen *deliver_new(struct tui *t, int64_t case_id);
struct screen *reason_new(struct tui *t, int64_t case_id, enum miz_status to);

/* Printing (print.c): typesets a case's receipt, notice or slip (or a
 * service's guide card) as PDF in the print folder and sends it to the
 * clerk's print command; reports on the message line. */
void tui_print_case(struct tui *t, const struct miz_case *c);
void tui_print_guide(struct tui *t, const struct miz_service *s);
/* The print folder (a new string), from the clerk's configuration. */
char *tui_print_dir(struct tui *t);

#endif
