/* Forms: fields checked as typed, saved together, never losing input. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

int
form_add(struct form *f, const char *label, const char *initial, int maxlen, form_check_fn check,
    bool required, const char *hint)
{
	if (f->nfields >= FORM_FIELDS)
		abort();
	struct form_field *ff = &f->fields[f->nfields];
	memset(ff, 0, sizeof *ff);
	ff->label = label;
	ff->hint = hint;
	ff->check = check;
	ff->required = required;
	field_init(&ff->f, maxlen);
	if (initial != NULL)
		field_set(&ff->f, initial);
	ff->f.changed = false;
	return f->nfields++;
}

char *
form_text(struct form *f, int field)
{
	return field_text(&f->fields[field].f);
}

/* Runs a field's check and keeps its message. */
static void
check_field(struct form *f, int i)
{
	struct form_field *ff = &f->fields[i];
	free(ff->error);
	ff->error = NULL;
	/* A locked field is not the clerk's to correct: what is stored there
	 * stands, and the save leaves it alone. */
	if (ff->check == NULL || field_empty(&ff->f) || ff->locked)
		return;
	char *text = field_text(&ff->f);
	ff->error = ff->check(f, i, text);
	free(text);
}

static void
form_draw(struct screen *s, struct tui *t)
{
	struct form *f = (struct form *)s;
	int y = 2;
	tui_text(t, y++, 1, COLS - 2, f->title, TA_BOLD);
	if (f->header != NULL) {
		const char *p = f->header;
		while (*p != '\0' && y < tui_bottom_line() - 2 * f->nfields) {
			const char *nl = strchr(p, '\n');
			size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
			char *line = xstrndup(p, len);
			tui_text(t, y++, 1, COLS - 2, line, TA_NORMAL);
			free(line);
			p += len + (nl != NULL);
		}
	}
	y++;
	int labelw = 0;
	for (int i = 0; i < f->nfields; i++) {
		int w = text_width(f->fields[i].label) + (f->fields[i].required ? 2 : 0);
		if (w > labelw)
			labelw = w;
	}
	if (labelw > COLS / 3)
		labelw = COLS / 3;
	int fx = labelw + 3;
	int fw = COLS - fx - 2;
	if (fw > 60)
		fw = 60;
	for (int i = 0; i < f->nfields && y < tui_bottom_line(); i++) {
		struct form_field *ff = &f->fields[i];
		char *label = xasprintf("%s%s", ff->label, ff->required ? " *" : "");
		tui_text(t, y, 1, labelw + 1, label, i == f->focus ? TA_BOLD : TA_NORMAL);
		free(label);
		field_draw(t, &ff->f, y, fx, fw, i == f->focus);
		y++;
		if (ff->error != NULL)
			tui_text(t, y, fx, COLS - fx - 1, ff->error, TA_ERROR);
		else if (ff->hint != NULL && (i == f->focus || ff->locked))
			tui_text(t, y, fx, COLS - fx - 1, ff->hint, TA_DIM);
		y++;
	}
}

/* Tries to save; on failure the message goes beside the field named. */
static void
try_save(struct form *f, struct tui *t)
{
	for (int i = 0; i < f->nfields; i++) {
		check_field(f, i);
		if (f->fields[i].error == NULL && f->fields[i].required &&
		    field_empty(&f->fields[i].f))
			f->fields[i].error = xstrdup(_("this field is required"));
		if (f->fields[i].error != NULL) {
			f->focus = i;
			tui_error(t, "%s: %s", f->fields[i].label, f->fields[i].error);
			return;
		}
	}
	char *cause = NULL;
	int bad = -1;
	if (f->save(t, f, &cause, &bad) != 0) {
		if (bad >= 0 && bad < f->nfields) {
			f->focus = bad;
			free(f->fields[bad].error);
			f->fields[bad].error = xstrdup(cause != NULL ? cause : "");
		}
		tui_cause(t, cause);
	}
}

/* The next field that can be edited after `from` (dir 1) or before it
 * (dir -1), going round; `from` itself when no other can. */
static int
step_focus(const struct form *f, int from, int dir)
{
	for (int k = 1; k <= f->nfields; k++) {
		int i = ((from + dir * k) % f->nfields + f->nfields) % f->nfields;
		if (!f->fields[i].locked)
			return i;
	}
	return from;
}

void
form_lock(struct form *f, int field, const char *why)
{
	f->fields[field].locked = true;
	f->fields[field].hint = why;
	if (f->focus == field)
		f->focus = step_focus(f, field, 1);
}

static bool
form_key(struct screen *s, struct tui *t, const struct event *ev)
{
	struct form *f = (struct form *)s;
	struct form_field *ff = &f->fields[f->focus];
	switch (ev->action) {
	case ACT_SAVE:
		try_save(f, t);
		return true;
	case ACT_ENTER: {
		check_field(f, f->focus);
		int next = step_focus(f, f->focus, 1);
		if (next > f->focus)
			f->focus = next;
		else
			try_save(f, t);
		return true;
	}
	case ACT_NEXT:
	case ACT_DOWN:
		check_field(f, f->focus);
		f->focus = step_focus(f, f->focus, 1);
		return true;
	case ACT_PREV:
	case ACT_UP:
		check_field(f, f->focus);
		f->focus = step_focus(f, f->focus, -1);
		return true;
	default:
		break;
	}
	if (ff->locked)
		return false;
	if (field_key(&ff->f, ev)) {
		check_field(f, f->focus);
		if (ff->f.refused) {
			free(ff->error);
			ff->error = xasprintf(_("at most %d letters"), ff->f.maxlen);
			tui_error(t, _("%s: at most %d letters; the rest was not taken"), ff->label,
			    ff->f.maxlen);
		}
		if (ff->one_key && ff->error == NULL && ff->f.len == 1 &&
		    step_focus(f, f->focus, 1) > f->focus)
			f->focus = step_focus(f, f->focus, 1);
		return true;
	}
	return false;
}

static bool
form_dirty(struct screen *s)
{
	struct form *f = (struct form *)s;
	for (int i = 0; i < f->nfields; i++) {
		if (f->fields[i].f.changed)
			return true;
	}
	return false;
}

static void
form_free(struct screen *s)
{
	struct form *f = (struct form *)s;
	for (int i = 0; i < f->nfields; i++)
		free(f->fields[i].error);
	if (f->free_arg != NULL)
		f->free_arg(f->arg);
	free(f->header);
	free(f);
}

static const struct screen_ops form_ops = {
	.name = "form",
	.draw = form_draw,
	.key = form_key,
	.dirty = form_dirty,
	.free = form_free,
};

struct form *
form_new(struct tui *t, const char *title, form_save_fn save)
{
	(void)t;
	struct form *f = xcalloc(1, sizeof *f);
	f->s.ops = &form_ops;
	f->s.context = CX_FORM;
	f->title = title;
	f->save = save;
	return f;
}
