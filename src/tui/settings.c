/*
 * Settings: the office's (calendar, digits, office number and name) in the
 * shared database, shown to a clerk and changed by a supervisor; the
 * clerk's own (print command and folder, paper, bidi) in their
 * configuration file, since a command in the shared database would run on
 * every clerk's desk; and the clerk's name.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/clerk.h"
#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/setting.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

enum {
	S_CALENDAR,
	S_DIGITS,
	S_OFFICE,
	S_OFFICE_NAME,
	S_PRINT,
	S_PRINT_DIR,
	S_PAPER,
	S_BIDI,
	S_CLERK
};

/* The office's settings first (database), then the clerk's own (file). */
static const char *const db_keys[] = { "calendar", "digits", "office_number", "office_name" };
static const char *const conf_fields[] = { "print_command", "print_dir", "paper", "bidi" };

/* An office setting, checked by the core as typed. */
static char *
check_office_setting(struct form *f, int field, const char *text)
{
	(void)f;
	char *cause = NULL;
	char *v = setting_value(setting_find(db_keys[field]), text, &cause);
	free(v);
	return v != NULL ? NULL : cause;
}

/* A clerk's configuration value as it is stored: trimmed, and the paper
 * and bidi keywords in lower case however they were typed. */
static char *
conf_value(int i, const char *typed)
{
	char *norm = text_normalize(typed, false);
	if (i == S_PAPER || i == S_BIDI) {
		for (char *p = norm; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	return norm;
}

/* A clerk's configuration value, checked as typed. */
static char *
check_conf(struct form *f, int field, const char *text)
{
	(void)f;
	char *v = conf_value(field, text);
	char *msg = conf_check(conf_fields[field - S_PRINT], v);
	free(v);
	return msg;
}

/* A clerk's field as it is stored. */
static char *
value_of(struct form *f, int i)
{
	char *v = form_text(f, i);
	char *norm = conf_value(i, v);
	free(v);
	return norm;
}

static int
settings_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	/* The clerk's file first: every value is checked before anything is written. */
	for (int i = S_PRINT; i <= S_BIDI; i++) {
		char *v = value_of(f, i);
		char *msg = conf_check(conf_fields[i - S_PRINT], v);
		free(v);
		if (msg != NULL) {
			*cause = msg;
			*bad = i;
			return -1;
		}
	}
	if (db_begin(t->db, cause) != 0)
		return -1;
	for (int i = 0; i <= S_OFFICE_NAME; i++) {
		if (f->fields[i].locked)
			continue; /* a clerk's desk: the office's are a supervisor's */
		char *v = form_text(f, i);
		int rc = setting_set(t->db, db_keys[i], v, cause);
		free(v);
		if (rc != 0) {
			*bad = i;
			db_rollback(t->db);
			return -1;
		}
	}
	char *clerk = form_text(f, S_CLERK);
	int rc = clerk_rename(t->db, clerk, cause);
	free(clerk);
	if (rc != 0) {
		*bad = S_CLERK;
		db_rollback(t->db);
		return -1;
	}
	if (db_commit(t->db, cause) != 0)
		return -1;
	for (int i = S_PRINT; i <= S_BIDI; i++) {
		char *v = value_of(f, i);
		rc = conf_set(conf_fields[i - S_PRINT], v, cause);
		free(v);
		if (rc != 0) {
			*bad = i;
			tui_load_settings(t);
			return -1;
		}
	}
	tui_load_settings(t);
	tui_pop(t);
	tui_info(t, _("Settings saved."));
	return 0;
}

struct screen *
settings_new(struct tui *t)
{
	struct form *f = form_new(t, _("Settings"), settings_save);
	char *office = NULL, *clerk = NULL;
	db_setting_get(t->db, "office_number", &office, NULL);
	clerk_name(t->db, &clerk, NULL);
	form_add(f, _("Calendar"), t->set.jalali ? "jalali" : "gregorian", 12, check_office_setting, true,
	    _("jalali (Solar Hijri) or gregorian"));
	form_add(f, _("Digits"), t->set.persian_digits ? "persian" : "latin", 8, check_office_setting, true,
	    _("persian (۱۲۳) or latin (123) on the desk and on paper"));
	form_add(f, _("Office number"), office != NULL ? office : "1", 3, check_office_setting, true,
	    _("0-999; part of every new tracking code"));
	form_add(f, _("Office name"), t->set.office_name, TEXT_MAX_TITLE, check_office_setting,
	    false, _("printed on receipts and notices"));
	const struct miz_conf *c = &t->set.conf;
	form_add(f, _("Print command"), c->print_command, 200, check_conf, false,
	    _("this computer's: e.g. lp; run with the PDF last; empty: only write files"));
	form_add(f, _("Print folder"), c->print_dir, 250, check_conf, false,
	    _("this computer's: keeps a copy of everything printed"));
	form_add(f, _("Paper"), c->paper, 8, check_conf, true,
	    _("a5 (a sheet) or roll80 (an 80 mm receipt roll)"));
	form_add(f, _("Bidi"), c->bidi, 10, check_conf, true,
	    _("miz (miz lays out Persian) or terminal; F9 here: the display check"));
	form_add(f, _("Clerk name"), clerk != NULL ? clerk : t->clerk, TEXT_MAX_NAME, NULL, true,
	    _("shown in case histories"));
	if (!clerk_is_supervisor(t->db)) {
		for (int i = S_CALENDAR; i <= S_OFFICE_NAME; i++)
			form_lock(f, i, _("the office's: a supervisor changes it"));
	}
	free(office);
	free(clerk);
	return &f->s;
}

bool
settings_is(const struct screen *s)
{
	return s != NULL && s->ops->name != NULL && strcmp(s->ops->name, "form") == 0 &&
	    ((const struct form *)s)->save == settings_save;
}
