/* Clerks and supervisors: who acts, what they may do, and the day work is dated on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/clerk.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "store.h"

const char *
clerk_role_token(enum miz_role role)
{
	return role == ROLE_SUPERVISOR ? "supervisor" : "clerk";
}

const char *
clerk_role_label(enum miz_role role)
{
	return role == ROLE_SUPERVISOR ? _("supervisor") : _("clerk");
}

int
clerk_role_parse(const char *text, enum miz_role *role, char **cause)
{
	if (text_eq(text, "supervisor") || text_eq(text, _("supervisor"))) {
		*role = ROLE_SUPERVISOR;
		return 0;
	}
	if (text_eq(text, "clerk") || text_eq(text, _("clerk"))) {
		*role = ROLE_CLERK;
		return 0;
	}
	return miz_fail(cause, _("unknown role '%s': clerk or supervisor"), text);
}

/* A login as typed or given by the system: one line, a sensible length. */
static int
check_login(const char *login, char **cause)
{
	if (text_check(login, _("a login"), TEXT_MAX_NAME, false, cause) != 0)
		return -1;
	if (*login == '\0')
		return miz_fail(cause, _("a login is empty"));
	for (const char *p = login; *p; p++) {
		if (*p == ' ')
			return miz_fail(cause, _("a login has no spaces: '%s'"), login);
	}
	return 0;
}

/* A role as stored (anything else reads as a clerk: the CHECK allows no other). */
static enum miz_role
role_column(struct store_stmt *st, int i)
{
	const char *r = store_text(st, i);
	return r != NULL && strcmp(r, "supervisor") == 0 ? ROLE_SUPERVISOR : ROLE_CLERK;
}

/* Steps a statement returning (id, role) and finalises it; SQLite's result code. */
static int
step_id_role(struct store_stmt *st, int64_t *id, enum miz_role *role)
{
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		*id = store_int(st, 0);
		*role = role_column(st, 1);
	}
	store_finish(st);
	return rc;
}

/* Looks a login up: 1 found (id, role), 0 not there, -1 error. */
static int
find_login(struct miz_db *db, const char *login, int64_t *id, enum miz_role *role, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "SELECT id, role FROM clerk WHERE login = ?", &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, login);
	int rc = step_id_role(st, id, role);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return db_fail(db, cause);
	return rc == STORE_ROW;
}

/*
 * Records a login seen for the first time: the supervisor when the
 * database has no clerk yet (one statement, so two first desks cannot both
 * be), else a clerk.  On a read-only file nothing is recorded (id 0).
 */
static int
record_login(struct miz_db *db, const char *login, int64_t *id, enum miz_role *role, char **cause)
{
	int found = find_login(db, login, id, role, cause);
	if (found != 0)
		return found < 0 ? -1 : 0;
	if (db->readonly) {
		*id = 0;
		*role = ROLE_CLERK;
		return 0;
	}
	if (check_login(login, cause) != 0)
		return -1;
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO clerk(login, name, role) VALUES (?1, ?1,"
	        " CASE WHEN EXISTS (SELECT 1 FROM clerk) THEN 'clerk' ELSE 'supervisor' END)"
	        " ON CONFLICT(login) DO UPDATE SET login = excluded.login RETURNING id, role",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, login);
	return step_id_role(st, id, role) == STORE_ROW ? 0 : db_fail(db, cause);
}

/* Whether this is a training database (its setting, written by miz init --training). */
static bool
is_training(struct miz_db *db)
{
	char *v = NULL;
	bool yes = db_setting_get(db, "training", &v, NULL) == 0 && v != NULL && strcmp(v, "yes") == 0;
	free(v);
	return yes;
}

int
clerk_sign_in(struct miz_db *db, const char *login, const char *for_login, bool owner,
    char **cause)
{
	int64_t id = 0;
	enum miz_role role = ROLE_CLERK;
	db->clerk_id = 0;
	db->acted_by = 0;
	db->supervisor = false;
	db->owner = false;
	db->training = is_training(db);
	if (record_login(db, login, &id, &role, cause) != 0)
		return -1;
	db->owner = owner;
	db->supervisor = role == ROLE_SUPERVISOR || owner;
	db->clerk_id = id;
	if (for_login == NULL || strcmp(for_login, login) == 0)
		return 0;
	int64_t for_id = 0;
	enum miz_role for_role;
	int found = 0;
	if (!db->supervisor)
		miz_fail(cause,
		    _("only a supervisor may act for another clerk (--clerk or MIZ_CLERK): you "
		      "are %s"),
		    login);
	else if (db->training)
		found = record_login(db, for_login, &for_id, &for_role, cause) == 0 ? 1 : -1;
	else if ((found = find_login(db, for_login, &for_id, &for_role, cause)) == 0)
		miz_fail(cause, _("no clerk %s (--clerk or MIZ_CLERK): add them with: miz clerk add %s"),
		    for_login, for_login);
	if (found <= 0) {
		db->clerk_id = 0;
		db->supervisor = false;
		db->owner = false;
		return -1;
	}
	db->clerk_id = for_id;
	db->acted_by = id;
	return 0;
}

/* The role of the person at the keyboard as the file has it now: a desk
 * left open keeps up with a role changed since it started. */
static bool
still_supervisor(struct miz_db *db)
{
	if (db->owner)
		return true;
	int64_t who = db->acted_by != 0 ? db->acted_by : db->clerk_id;
	struct store_stmt *st;
	if (who == 0 || store_prepare(db, "SELECT role FROM clerk WHERE id = ?", &st, NULL) != 0)
		return db->supervisor;
	store_bind_int(st, 1, who);
	if (store_step(st) == STORE_ROW)
		db->supervisor = role_column(st, 0) == ROLE_SUPERVISOR;
	store_finish(st);
	return db->supervisor;
}

bool
clerk_is_supervisor(const struct miz_db *db)
{
	return db->supervisor;
}

int
clerk_require_supervisor(struct miz_db *db, const char *what, char **cause)
{
	if (still_supervisor(db))
		return 0;
	return miz_fail(cause, _("only a supervisor may %s (miz clerk list shows who is one)"), what);
}

miz_day
clerk_clock_day(const struct miz_db *db)
{
	if (db->clock_fixed)
		return db->clock;
	/* MIZ_TODAY moves the clock of a training database only; elsewhere it
	 * is the day work is dated on, checked against the clock. */
	return db->training ? cal_today() : cal_clock_today();
}

void
clerk_fix_clock(struct miz_db *db, miz_day day)
{
	db->clock_fixed = true;
	db->clock = day;
}

void
clerk_unfix_clock(struct miz_db *db)
{
	db->clock_fixed = false;
}

void
clerk_any_day(struct miz_db *db)
{
	db->any_day = true;
}

int
clerk_check_day(struct miz_db *db, miz_day day, char **cause)
{
	if (db->any_day)
		return 0;
	miz_day clock = clerk_clock_day(db);
	if (day == clock)
		return 0;
	char d1[11], d2[11];
	cal_format_iso(day, d1);
	cal_format_iso(clock, d2);
	if (day > clock)
		return miz_fail(cause,
		    _("work cannot be dated after today (%s): %s is later (--today or MIZ_TODAY)"),
		    d2, d1);
	if (!still_supervisor(db))
		return miz_fail(cause,
		    _("only a supervisor may date work before today (%s): %s was asked for "
		      "(--today or MIZ_TODAY)"),
		    d2, d1);
	long window = db_setting_long(db, "backdate_days", CLERK_BACKDATE_DAYS);
	if (clock - day > window)
		return miz_fail(cause,
		    _("work can be dated at most %ld days back (setting backdate_days): %s is %d "
		      "days before %s"),
		    window, d1, clock - day, d2);
	return 0;
}

int
clerk_make_training(struct miz_db *db, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "SELECT EXISTS (SELECT 1 FROM cases)", &st, cause) != 0)
		return -1;
	int rc = store_step(st);
	bool has_cases = rc == STORE_ROW && (int)store_int(st, 0) != 0;
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	if (has_cases && !db->training)
		return miz_fail(cause, _("this database has cases: only a new one can be a training "
		                         "database"));
	if (store_prepare(db,
	        "INSERT INTO setting(key, value) VALUES ('training', 'yes')"
	        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	        &st, cause) != 0)
		return -1;
	rc = store_step(st);
	store_finish(st);
	db_settings_forget(db);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	db->training = true;
	return 0;
}

int
clerk_add(struct miz_db *db, const char *login, const char *name, enum miz_role role,
    char **cause)
{
	if (clerk_require_supervisor(db, _("add a clerk"), cause) != 0 ||
	    check_login(login, cause) != 0)
		return -1;
	if (name == NULL || *name == '\0')
		name = login;
	if (text_check(name, _("the clerk's name"), TEXT_MAX_NAME, false, cause) != 0)
		return -1;
	char *n = text_normalize(name, false);
	struct store_stmt *st;
	int ret = -1;
	if (store_prepare(
	        db, "INSERT INTO clerk(login, name, role) VALUES (?, ?, ?)", &st, cause) == 0) {
		store_bind_text(st, 1, login);
		store_bind_text(st, 2, *n != '\0' ? n : login);
		store_bind_text(st, 3, clerk_role_token(role));
		int rc = store_step(st);
		store_finish(st);
		if (rc == STORE_DONE)
			ret = 0;
		else if (rc == STORE_UNIQUE)
			ret = miz_fail(cause, _("%s is a clerk already: see miz clerk list"), login);
		else
			ret = db_fail(db, cause);
	}
	free(n);
	return ret;
}

int
clerk_set_role(struct miz_db *db, const char *login, enum miz_role role, char **cause)
{
	if (clerk_require_supervisor(db, _("change a clerk's role"), cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	int64_t id;
	enum miz_role was;
	int found = find_login(db, login, &id, &was, cause);
	if (found == 0)
		miz_fail(cause, _("no clerk %s: see miz clerk list"), login);
	if (found <= 0)
		goto fail;
	if (was == ROLE_SUPERVISOR && role != ROLE_SUPERVISOR) {
		struct store_stmt *st;
		if (store_prepare(db, "SELECT count(*) FROM clerk WHERE role = 'supervisor'", &st,
		        cause) != 0)
			goto fail;
		int rc = store_step(st);
		long long n = rc == STORE_ROW ? store_int(st, 0) : 0;
		store_finish(st);
		if (rc != STORE_ROW) {
			db_fail(db, cause);
			goto fail;
		}
		if (n <= 1) {
			miz_fail(cause,
			    _("%s is the last supervisor: make another clerk a supervisor first"),
			    login);
			goto fail;
		}
	}
	struct store_stmt *st;
	if (store_prepare(db, "UPDATE clerk SET role = ? WHERE id = ?", &st, cause) != 0)
		goto fail;
	store_bind_text(st, 1, clerk_role_token(role));
	store_bind_int(st, 2, id);
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		goto fail;
	}
	if (db_commit(db, cause) != 0)
		return -1;
	/* Whoever changed their own role acts with the new one from now on. */
	if (id == (db->acted_by != 0 ? db->acted_by : db->clerk_id))
		db->supervisor = role == ROLE_SUPERVISOR || db->owner;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int
clerk_list(struct miz_db *db, struct miz_clerk **out, size_t *n, char **cause)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *st;
	if (store_prepare(db, "SELECT login, name, role FROM clerk ORDER BY login", &st, cause) !=
	    0)
		return -1;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct miz_clerk *c = &(*out)[(*n)++];
		c->login = store_strdup(st, 0);
		c->name = store_strdup(st, 1);
		c->role = role_column(st, 2);
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		clerk_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_fail(db, cause);
	}
	return 0;
}

void
clerk_list_free(struct miz_clerk *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].login);
		free(list[i].name);
	}
	free(list);
}

int
clerk_name(struct miz_db *db, char **name, char **cause)
{
	struct store_stmt *st;
	*name = NULL;
	if (store_prepare(db, "SELECT name FROM clerk WHERE id = ?", &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, db->clerk_id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*name = store_strdup(st, 0);
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return db_fail(db, cause);
	return 0;
}

int
clerk_rename(struct miz_db *db, const char *name, char **cause)
{
	if (text_check(name, _("the clerk's name"), TEXT_MAX_NAME, false, cause) != 0)
		return -1;
	char *n = text_normalize(name, false);
	if (*n == '\0') {
		free(n);
		return miz_fail(cause, _("the clerk's name is empty"));
	}
	struct store_stmt *st;
	int ret = -1;
	if (store_prepare(db, "UPDATE clerk SET name = ? WHERE id = ?", &st, cause) == 0) {
		store_bind_text(st, 1, n);
		store_bind_int(st, 2, db->clerk_id);
		int rc = store_step(st);
		store_finish(st);
		ret = rc == STORE_DONE ? 0 : db_fail(db, cause);
	}
	free(n);
	return ret;
}
