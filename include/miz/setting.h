/*
 * The office's settings kept in the database: one table of what each one
 * takes, read by `miz setting`, the desk's settings form and miz init, so
 * that a value is checked the same way wherever it is typed.
 */
#ifndef MIZ_SETTING_H
#define MIZ_SETTING_H

#include <stddef.h>

#include "miz/db.h"

enum setting_kind {
	SETTING_NUMBER, /* whole number in [min, max], stored as ASCII digits */
	SETTING_WORD, /* one of two words, stored in lower case */
	SETTING_TEXT /* checked text (text_check), stored normalised; "" allowed */
};

struct miz_setting {
	const char *key;
	enum setting_kind kind;
	long min, max; /* SETTING_NUMBER */
	const char *words[2]; /* SETTING_WORD */
	size_t max_letters; /* SETTING_TEXT */
	const char *help; /* N_(): what it means and its default */
};

/* The settings, in the order `miz setting` lists them. */
size_t setting_count(void);
const struct miz_setting *setting_at(size_t i);
/* The setting named key, or NULL. */
const struct miz_setting *setting_find(const char *key);

/*
 * The value to store for what was typed (Persian digits and separators
 * read, words in any letter case, text normalised), as a new string; NULL
 * with *cause saying what the setting takes ("office_number must be a
 * number from 0 to 999").
 */
char *setting_value(const struct miz_setting *s, const char *typed, char **cause);

/*
 * Checks a value and stores it (a supervisor's work): an unknown key is
 * refused, and so is a value setting_value refuses; nothing is written.
 */
int setting_set(struct miz_db *db, const char *key, const char *typed, char **cause);

#endif
