/* Small screens: a yes/no question, and the tracking-code prompt. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "miz/case.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "tui.h"

struct confirm {
	struct screen s;
	char *question;
	void (*yes)(struct tui *t, void *arg);
	void (*no)(struct tui *t, void *arg); /* may be NULL */
	void *arg;
};

static void
confirm_draw(struct screen *s, struct tui *t)
{
	struct confirm *c = (struct confirm *)s;
	/* The screen underneath stays visible: the question is about it. */
	if (s->below != NULL)
		s->below->ops->draw(s->below, t);
	int w = text_width(c->question) + 4;
	if (w > COLS - 2)
		w = COLS - 2;
	int y = LINES / 2 - 1, x = (COLS - w) / 2;
	tui_text(t, y, x, w, "", TA_TITLE);
	tui_text(t, y + 1, x, w, "", TA_TITLE);
	tui_text(t, y + 1, x + 2, w - 4, c->question, TA_TITLE);
	tui_text(t, y + 2, x, w, "", TA_TITLE);
	t->cursor_y = -1;
}

static bool
confirm_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct confirm *c = (struct confirm *)s;
	int key = keys_latin_of(ev->ch);
	if (key == 'y' || key == 'Y') {
		void (*yes)(struct tui *, void *) = c->yes;
		void *arg = c->arg;
		tui_pop(t);
		yes(t, arg);
		return true;
	}
	if (key == 'n' || key == 'N' || ev->action == ACT_BACK) {
		void (*no)(struct tui *, void *) = key == 'n' || key == 'N' ? c->no : NULL;
		void *arg = c->arg;
		tui_pop(t);
		if (no != NULL)
			no(t, arg);
		return true;
	}
	return true; /* nothing else until answered */
}

static bool
confirm_allows(struct screen *s, enum action a)
{
	(void)s;
	return a == ACT_BACK;
}

static void
confirm_free(struct screen *s)
{
	struct confirm *c = (struct confirm *)s;
	free(c->question);
	free(c);
}

static const struct screen_ops confirm_ops = {
	.name = "confirm",
	.draw = confirm_draw,
	.key = confirm_key,
	.free = confirm_free,
};

struct screen *
confirm_new(struct tui *t, const char *question, void (*yes)(struct tui *t, void *arg), void *arg)
{
	(void)t;
	/* The answer is a key pressed after the question appeared, not one
	 * typed (or pasted) before it. */
	flushinp();
	struct confirm *c = xcalloc(1, sizeof *c);
	c->s.ops = &confirm_ops;
	c->s.context = 0;
	c->s.allows = confirm_allows;
	c->question = xstrdup(question);
	c->yes = yes;
	c->arg = arg;
	return &c->s;
}

struct screen *
confirm_new_or(struct tui *t, const char *question, void (*yes)(struct tui *t, void *arg),
    void (*no)(struct tui *t, void *arg), void *arg)
{
	struct screen *s = confirm_new(t, question, yes, arg);
	((struct confirm *)s)->no = no;
	return s;
}

/* The tracking-code prompt: the check digit is verified as the code is typed. */
struct code_prompt {
	struct screen s;
	struct field f;
	char *state;
	bool bad;
};

static void
code_update(struct code_prompt *p)
{
	char *text = field_text(&p->f);
	char code[TRACKING_LEN + 1];
	enum tracking_check c = tracking_parse(text, code);
	free(p->state);
	p->bad = c == TRACKING_BAD_CHECK || c == TRACKING_LONG || c == TRACKING_NOT_DIGITS;
	if (*text == '\0')
		p->state = xstrdup(_("12 digits; spaces and dashes are fine."));
	else if (c == TRACKING_SHORT)
		p->state = xasprintf(_("%zu of 12 digits"), strlen(code));
	else
		p->state = xstrdup(c == TRACKING_OK ? _("Valid code: Enter opens the case.")
		                                    : tracking_check_message(c));
	free(text);
}

static void
code_draw(struct screen *s, struct tui *t)
{
	struct code_prompt *p = (struct code_prompt *)s;
	tui_text(t, 2, 1, COLS - 2, _("Open a case by tracking code"), TA_BOLD);
	const char *label = _("Tracking code:");
	int lw = text_width(label);
	tui_text(t, 4, 1, lw + 1, label, TA_NORMAL);
	field_draw(t, &p->f, 4, lw + 3, 20, true);
	int cy = t->cursor_y, cx = t->cursor_x;
	tui_text(t, 5, lw + 3, COLS - lw - 4, p->state, p->bad ? TA_ERROR : TA_DIM);
	t->cursor_y = cy;
	t->cursor_x = cx;
}

static bool
code_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct code_prompt *p = (struct code_prompt *)s;
	if (ev->action == ACT_ENTER) {
		char *text = field_text(&p->f);
		int64_t id;
		char *cause = NULL;
		if (case_find_code(t->db, text, &id, &cause) != 0) {
			tui_cause(t, cause);
		} else {
			tui_swap(t, s->below, case_new(t, id));
		}
		free(text);
		return true;
	}
	if (field_key(&p->f, ev)) {
		code_update(p);
		return true;
	}
	return false;
}

static void
code_free(struct screen *s)
{
	struct code_prompt *p = (struct code_prompt *)s;
	free(p->state);
	free(p);
}

static const struct screen_ops code_ops = {
	.name = "code",
	.draw = code_draw,
	.key = code_key,
	.free = code_free,
};

struct screen *
code_prompt_new(struct tui *t)
{
	(void)t;
	struct code_prompt *p = xcalloc(1, sizeof *p);
	p->s.ops = &code_ops;
	p->s.context = 0;
	field_init(&p->f, 24);
	code_update(p);
	return &p->s;
}
