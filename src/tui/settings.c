/* Settings: calendar shown, office number and name, print command and folder, clerk name. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

enum { S_CALENDAR, S_OFFICE, S_OFFICE_NAME, S_PRINT, S_PRINT_DIR, S_CLERK };

static char *
check_calendar(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	if (text_eq(text, "jalali") || text_eq(text, "gregorian"))
		return NULL;
	return xstrdup(_("jalali or gregorian"));
}

static char *
check_office(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	long long v;
	if (text_parse_int(text, 0, 999, &v) == 0)
		return NULL;
	return xstrdup(_("a number from 0 to 999 (part of every tracking code)"));
}

static int
settings_save(struct tui *t, struct form *f, char **cause, int *bad)
{
	static const char *const keys[] = { "calendar", "office_number", "office_name",
		"print_command", "print_dir" };
	if (db_begin(t->db, cause) != 0)
		return -1;
	for (int i = 0; i < 5; i++) {
		char *v = form_text(f, i);
		char *norm = text_normalize(v, false);
		long long num;
		if (i == S_OFFICE && text_parse_int(norm, 0, 999, &num) == 0) {
			/* Stored as plain digits, however they were typed. */
			free(norm);
			norm = xasprintf("%lld", num);
		}
		if (i == S_CALENDAR) {
			for (char *p = norm; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		}
		int rc = db_setting_set(t->db, keys[i], norm, cause);
		free(v);
		free(norm);
		if (rc != 0) {
			*bad = i;
			db_rollback(t->db);
			return -1;
		}
	}
	char *clerk = form_text(f, S_CLERK);
	int rc = db_clerk_rename(t->db, clerk, cause);
	free(clerk);
	if (rc != 0) {
		*bad = S_CLERK;
		db_rollback(t->db);
		return -1;
	}
	if (db_commit(t->db, cause) != 0)
		return -1;
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
	db_clerk_name(t->db, &clerk, NULL);
	form_add(f, _("Calendar"), t->set.jalali ? "jalali" : "gregorian", 12, check_calendar, true,
	    _("jalali (Solar Hijri) or gregorian"));
	form_add(f, _("Office number"), office != NULL ? office : "1", 3, check_office, true,
	    _("0-999; part of every new tracking code"));
	form_add(f, _("Office name"), t->set.office_name, 120, NULL, false,
	    _("printed on receipts and notices"));
	form_add(f, _("Print command"), t->set.print_command, 200, NULL, false,
	    _("e.g. lpr; empty: only write files"));
	form_add(f, _("Print folder"), t->set.print_dir, 250, NULL, false,
	    _("empty: ~/.local/share/miz/print"));
	form_add(f, _("Clerk name"), clerk != NULL ? clerk : t->clerk, 80, NULL, true,
	    _("shown in case histories"));
	free(office);
	free(clerk);
	return &f->s;
}
