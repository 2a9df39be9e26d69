/*
 * A form: labelled fields, checked as they are typed, saved together.  The
 * input stays when a check fails; leaving a changed form asks first.
 */
#ifndef MIZ_TUI_FORM_H
#define MIZ_TUI_FORM_H

#include <stdbool.h>

#include "field.h"
#include "tui.h"

#define FORM_FIELDS 10

struct form;

/* Checks a field's text as typed: NULL when fine, else a message (new string). */
typedef char *(*form_check_fn)(struct form *f, int field, const char *text);
/*
 * Saves the form.  Returns 0 when done (the callback pushes or pops
 * screens itself), or -1 with *cause and *bad_field set: the form stays.
 */
typedef int (*form_save_fn)(struct tui *t, struct form *f, char **cause, int *bad_field);

struct form_field {
	const char *label;
	const char *hint; /* shown beside the field when empty */
	struct field f;
	form_check_fn check;
	char *error; /* message from check, or from the last save */
	bool required;
	bool one_key; /* a single character moves on at once (a rating) */
	bool locked; /* shown, not edited: not this clerk's to change */
};

struct form {
	struct screen s;
	const char *title;
	char *header; /* text above the fields (a new string, may be NULL) */
	struct form_field fields[FORM_FIELDS];
	int nfields;
	int focus;
	form_save_fn save;
	void *arg;
	int64_t id; /* what the form is about (a case, a client) */
	int64_t id2;
	void (*free_arg)(void *arg);
};

/* A new form screen (not yet pushed). */
struct form *form_new(struct tui *t, const char *title, form_save_fn save);
/* Adds a field; returns its index. */
int form_add(struct form *f, const char *label, const char *initial, int maxlen,
    form_check_fn check, bool required, const char *hint);
/* Shows a field without letting it be edited, `why` beside it. */
void form_lock(struct form *f, int field, const char *why);
/* A field's text (a new string). */
char *form_text(struct form *f, int field);

#endif
