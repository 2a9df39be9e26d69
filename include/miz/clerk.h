/*
 * Who acts, and what they may do.  A clerk is a clerk or a supervisor.  The
 * person at the keyboard is the operating-system user (the front end gives
 * the login of the real uid); a supervisor may act for another clerk, and
 * the record then says so.  The first clerk of a database is its
 * supervisor; a login seen for the first time becomes a clerk.  Whoever
 * owns the database file, and root, act as supervisors whatever their role:
 * they may change the file anyway.
 *
 * Supervisor-only: the catalog, holiday and workweek imports, closures and
 * holidays, the office's settings, the legacy import, roles, restoring a
 * backup, acting for another clerk, and dating work before the clock's day
 * (by at most the setting backdate_days, default 3).  Nobody dates work
 * after the clock's day.  The clock is the system's (TZ from the
 * environment is not honoured: the front end drops it); in a training
 * database (miz init --training) MIZ_TODAY moves it.
 *
 * These are the desk's rules, kept by miz: whoever may write the database
 * file can still change it with other tools (see audit.h for what shows).
 */
#ifndef MIZ_CLERK_H
#define MIZ_CLERK_H

#include <stdbool.h>
#include <stddef.h>

#include "miz/calendar.h"
#include "miz/db.h"

enum miz_role { ROLE_CLERK, ROLE_SUPERVISOR };

#define CLERK_BACKDATE_DAYS 3 /* the setting backdate_days when unset */

struct miz_clerk {
	char *login;
	char *name;
	enum miz_role role;
};

/* "clerk" / "supervisor", as stored and typed. */
const char *clerk_role_token(enum miz_role role);
/* The role's name for people (translated). */
const char *clerk_role_label(enum miz_role role);
/* Parses a role token: 0, or -1 with *cause. */
int clerk_role_parse(const char *text, enum miz_role *role /* OUT */, char **cause);

/*
 * Makes `login` the one who acts (recording a first-seen login: the
 * database's supervisor when it has no clerk yet, else a clerk); `owner`
 * when they own the database file or are root.  With `for_login` (not NULL,
 * another login), `login` must be a supervisor: the work is then recorded
 * as the clerk `for_login`'s, done by `login`; `for_login` must be a clerk
 * already, except in a training database.  On a read-only database a login
 * not yet recorded reads as a clerk.
 */
int clerk_sign_in(struct miz_db *db, const char *login, const char *for_login, bool owner,
    char **cause);
bool clerk_is_supervisor(const struct miz_db *db);
/* 0 for a supervisor; else -1 with *cause: "only a supervisor may <what>". */
int clerk_require_supervisor(struct miz_db *db, const char *what, char **cause);

/*
 * The day work is dated on (`day`) against the clock's day: a clerk works
 * on the clock's day only; a supervisor may date work back by at most
 * backdate_days; nobody dates work ahead of the clock (a case would then
 * refuse every change until that day).  0, or -1 with *cause.
 */
int clerk_check_day(struct miz_db *db, miz_day day, char **cause);
/* The clock's day: the day fixed by clerk_fix_clock, else in a training
 * database cal_today() (MIZ_TODAY honoured), else the system clock's. */
miz_day clerk_clock_day(const struct miz_db *db);
/* Fixes the clock's day for this connection (the demo's story), and lets
 * it run again. */
void clerk_fix_clock(struct miz_db *db, miz_day day);
void clerk_unfix_clock(struct miz_db *db);
/* For tests of other rules: this connection's work may be dated on any day
 * (no front end calls it). */
void clerk_any_day(struct miz_db *db);

/* Makes a new database a training one (miz init --training); an existing
 * database with cases never becomes one. */
int clerk_make_training(struct miz_db *db, char **cause);

/* Adds a clerk (supervisor only); an existing login is an error. */
int clerk_add(struct miz_db *db, const char *login, const char *name, enum miz_role role,
    char **cause);
/* Changes a clerk's role (supervisor only); the last supervisor stays one. */
int clerk_set_role(struct miz_db *db, const char *login, enum miz_role role, char **cause);
/* Every clerk, by login: a new array in *out (clerk_list_free). */
int clerk_list(struct miz_db *db, struct miz_clerk **out /* OUT */, size_t *n /* OUT */,
    char **cause);
void clerk_list_free(struct miz_clerk *list, size_t n);

/* The acting clerk's display name (a new string); NULL when not recorded. */
int clerk_name(struct miz_db *db, char **name /* OUT */, char **cause);
/* Changes the acting clerk's display name (the login stays). */
int clerk_rename(struct miz_db *db, const char *name, char **cause);

#endif
