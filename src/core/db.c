/* The database as the core's modules share it: where it is, and the
 * office's settings.  The engine's side is store_sqlite.c. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "miz/audit.h"
#include "miz/clerk.h"
#include "miz/db.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "figures.h"
#include "store.h"

char *
db_default_path(const char *explicit_path)
{
	if (explicit_path != NULL && *explicit_path != '\0')
		return xstrdup(explicit_path);
	const char *env = getenv("MIZ_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/miz/desk.db", xdg);
	const char *home = getenv("HOME");
	if (home == NULL || *home != '/')
		return NULL; /* never ./.local in whatever folder miz was started */
	return xasprintf("%s/.local/share/miz/desk.db", home);
}

int
db_after_migration(struct miz_db *db, int from, char **cause)
{
	/* Schema 7 began sealing history rows: the ones already there are
	 * sealed once the schema is whole (seals cover columns added later). */
	if (from < 7 && audit_seal_all(db, cause) != 0)
		return -1;
	/* Schema 9: years with official days had their lists imported. */
	if (from > 0 && from < 9 && holiday_mark_loaded_years(db, cause) != 0)
		return -1;
	/* Schema 12: the day figures of the cases there (by the calendar). */
	if (from > 0 && from < 12 && figures_from_cases(db, "true", cause) != 0)
		return -1;
	return 0;
}

int64_t
db_acted_by(const struct miz_db *db)
{
	return db->acted_by;
}

/*
 * The office's settings as a transaction reads them: all of them with its
 * first question (one query, where a server answers each across the
 * network), kept until it ends.  An intake asks half a dozen (the office
 * number, the SMS texts, the calendar and digits); outside a transaction
 * each question reads the table.
 */
struct setting_cache {
	long transaction; /* store_transaction_serial when read */
	size_t n;
	char **key, **value;
};

void
db_settings_forget(struct miz_db *db)
{
	struct setting_cache *c = db->settings;
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->key[i]);
		free(c->value[i]);
	}
	free(c->key);
	free(c->value);
	free(c);
	db->settings = NULL;
}

/* The transaction's settings, read now if not yet; NULL outside one or
 * when they cannot be read (the caller asks the table). */
static struct setting_cache *
transaction_settings(struct miz_db *db)
{
	if (!store_in_transaction(db))
		return NULL;
	long serial = store_transaction_serial(db);
	if (db->settings != NULL && db->settings->transaction == serial)
		return db->settings;
	db_settings_forget(db);
	struct store_stmt *st;
	if (store_prepare(db, "SELECT key, value FROM setting", &st, NULL) != 0)
		return NULL;
	struct setting_cache *c = xcalloc(1, sizeof *c);
	c->transaction = serial;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		c->key = xreallocarray(c->key, c->n + 1, sizeof *c->key);
		c->value = xreallocarray(c->value, c->n + 1, sizeof *c->value);
		c->key[c->n] = store_strdup(st, 0);
		c->value[c->n] = store_strdup(st, 1);
		c->n++;
	}
	store_finish(st);
	db->settings = c;
	if (rc != STORE_DONE) {
		db_settings_forget(db);
		return NULL;
	}
	return c;
}

int
db_setting_get(struct miz_db *db, const char *key, char **value, char **cause)
{
	struct setting_cache *c = transaction_settings(db);
	if (c != NULL) {
		*value = NULL;
		for (size_t i = 0; i < c->n; i++) {
			if (strcmp(c->key[i], key) == 0) {
				*value = xstrdup(c->value[i]);
				break;
			}
		}
		return 0;
	}
	struct store_stmt *st;
	if (store_prepare(db, "SELECT value FROM setting WHERE key = ?", &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, key);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*value = store_strdup(st, 0);
	else if (rc == STORE_DONE)
		*value = NULL;
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return db_fail(db, cause);
	return 0;
}

int
db_setting_set(struct miz_db *db, const char *key, const char *value, char **cause)
{
	if (clerk_require_supervisor(db, _("change the office's settings"), cause) != 0)
		return -1;
	if (strcmp(key, "training") == 0)
		return miz_fail(cause, _("only a new database is made a training one: miz init "
		                         "--training"));
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO setting(key, value) VALUES (?, ?)"
	        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	int rc = store_step(st);
	store_finish(st);
	db_settings_forget(db); /* read again when next asked */
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	return 0;
}

bool
db_jalali(struct miz_db *db)
{
	char *v = NULL;
	bool jalali;
	if (db_setting_get(db, "calendar", &v, NULL) == 0 && v != NULL &&
	    (strcmp(v, "jalali") == 0 || strcmp(v, "gregorian") == 0)) {
		jalali = strcmp(v, "jalali") == 0;
	} else {
		/* Unset: the Solar Hijri calendar for a Persian (Iran) locale. */
		const char *loc = setlocale(LC_TIME, NULL);
		const char *lang = getenv("LANG");
		jalali = (loc != NULL && strncmp(loc, "fa_IR", 5) == 0) ||
		    (lang != NULL && strncmp(lang, "fa_IR", 5) == 0);
	}
	free(v);
	return jalali;
}

bool
db_persian_digits(struct miz_db *db)
{
	char *v = NULL;
	bool persian;
	if (db_setting_get(db, "digits", &v, NULL) == 0 && v != NULL &&
	    (strcmp(v, "persian") == 0 || strcmp(v, "latin") == 0))
		persian = strcmp(v, "persian") == 0;
	else
		persian = text_ui_rtl(); /* unset: Persian digits in a Persian interface */
	free(v);
	return persian;
}

bool
db_export_bom(struct miz_db *db)
{
	char *v = NULL;
	bool yes;
	if (db_setting_get(db, "export_bom", &v, NULL) == 0 && v != NULL &&
	    (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
		yes = strcmp(v, "yes") == 0;
	else
		yes = text_ui_rtl(); /* unset: a Persian interface's files meet Excel */
	free(v);
	return yes;
}

long
db_setting_long(struct miz_db *db, const char *key, long fallback)
{
	char *value = NULL;
	long result = fallback;
	if (db_setting_get(db, key, &value, NULL) == 0 && value != NULL) {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno == 0 && end != value && *end == '\0')
			result = v;
	}
	free(value);
	return result;
}
