/* A one-line text field that edits wide characters and is drawn in cells. */
#ifndef MIZ_TUI_FIELD_H
#define MIZ_TUI_FIELD_H

#include <stdbool.h>
#include <wchar.h>

#include "tui.h"

#define FIELD_MAX 256

struct field {
	wchar_t buf[FIELD_MAX + 1];
	int len;
	int cur; /* cursor, in characters */
	int maxlen; /* at most FIELD_MAX */
	bool changed;
	bool refused; /* the last key was a letter the field had no room for */
};

void field_init(struct field *f, int maxlen);
/* Replaces the text (UTF-8). */
void field_set(struct field *f, const char *utf8);
/* The text as a new UTF-8 string. */
char *field_text(const struct field *f);
bool field_empty(const struct field *f);
/* Edits on a key: printable characters, Backspace, Delete, Left, Right,
 * Home/^A, End/^E, ^U (clear).  Returns true when the key was used. */
bool field_key(struct field *f, const struct event *ev);
/* field_key for a filter: *edited is set when the text changed, not only the
 * cursor (a list narrowed by it is reloaded only then). */
bool field_key_edit(struct field *f, const struct event *ev, bool *edited);
/* Draws at (y, x) in `width` cells; places the cursor when focused. */
void field_draw(struct tui *t, const struct field *f, int y, int x, int width, bool focus);

#endif
