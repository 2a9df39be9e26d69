/*
 * The database: one SQLite file, opened in WAL mode with foreign keys on and
 * a busy timeout; its schema is created and upgraded by numbered migrations
 * keyed on PRAGMA user_version.  What it holds is reached through the
 * core's modules; the engine itself only through the core's store.h.
 */
#ifndef MIZ_DB_H
#define MIZ_DB_H

#include <stdbool.h>

#include <stdint.h>

/* An open database; its engine is the core's business (store.h). */
struct miz_db;

/* The supervisor doing the work for the clerk signed in, 0 when the clerk. */
int64_t db_acted_by(const struct miz_db *db);

/* Schema version this build writes. */
int db_schema_version(void);

/*
 * Path of the database: `explicit_path` if given, else $MIZ_DB, else
 * $XDG_DATA_HOME/miz/desk.db, else ~/.local/share/miz/desk.db.  Returns a
 * new string, or NULL when none of these is set (HOME unset or not absolute).
 */
char *db_default_path(const char *explicit_path);

/*
 * Opens an existing database and migrates it (only when a migration is due:
 * opening takes no write lock otherwise).  A missing path or an empty file
 * is an error naming `miz init`; a file this process may not write is
 * opened read-only (db->readonly).  Returns 0, or -1 with *cause set.
 */
int db_open(const char *path, struct miz_db **out /* OUT */, char **cause);
/* The same, creating the database (and its folders, 0700) when missing: miz init. */
int db_create(const char *path, struct miz_db **out /* OUT */, char **cause);
void db_close(struct miz_db *db);
/* True when `where` names a PostgreSQL database (postgresql://... or
 * postgres://...) rather than an SQLite file. */
bool db_is_server(const char *where);
/* Where the database is, as messages show it (a password hidden). */
const char *db_where(const struct miz_db *db);
/*
 * While a write waits for another desk's, `wait` is called about every
 * 100 ms with the time waited so far (first with 0): the desk says so and
 * lets the clerk cancel.  It returns false to give up; the write then fails
 * in plain words and changes nothing.  Without it a write waits up to 15 s.
 */
void db_set_wait(struct miz_db *db, bool (*wait)(void *arg, int waited_ms), void *arg);

/*
 * Backups.  db_backup writes a consistent copy of the database while other
 * desks write (VACUUM INTO, one read transaction) to path, private like the
 * database, checks it and only then gives it its name.  db_check_file
 * checks a file is a miz database this build reads and passes SQLite's
 * integrity check.  db_restore puts a checked backup's record into db
 * (SQLite's backup API: one write transaction other desks see whole).
 */
int db_backup(struct miz_db *db, const char *path, char **cause);
int db_check_file(const char *path, char **cause);
int db_restore(struct miz_db *db, const char *backup, char **cause);

/* Begins a write transaction (BEGIN IMMEDIATE, waits while another clerk writes). */
/* The SQL that sets up the server's roles for a PostgreSQL database
 * (miz pg grants): the group roles miz_clerk and miz_supervisor and their
 * grants on this schema's tables; a new string in *sql.  -1 for SQLite. */
int db_pg_grants(struct miz_db *db, char **sql /* OUT */, char **cause);
/* Runs SQL of db_pg_grants' kind on the database: -1 with *cause. */
int db_run_script(struct miz_db *db, const char *sql, char **cause);

int db_begin(struct miz_db *db, char **cause);
int db_commit(struct miz_db *db, char **cause);
/* Rolls back; safe to call when no transaction is open. */
void db_rollback(struct miz_db *db);

/* A setting: new string in *value, or NULL when unset. */
int db_setting_get(struct miz_db *db, const char *key, char **value /* OUT */, char **cause);
/* Sets an office setting: a supervisor's (clerk.h). */
int db_setting_set(struct miz_db *db, const char *key, const char *value, char **cause);
/* An integer setting with a default when unset or not a number. */
long db_setting_long(struct miz_db *db, const char *key, long fallback);
/* Dates for people in the Solar Hijri calendar: the setting `calendar`,
 * else when the locale is Persian (Iran). */
bool db_jalali(struct miz_db *db);
/* Numbers for people in Persian digits: the setting `digits`, else when the
 * interface is Persian. */
bool db_persian_digits(struct miz_db *db);
/* CSV for people starts with a UTF-8 BOM (Excel reads Persian then): the
 * setting export_bom, else when the interface is Persian, where the file
 * will meet Excel. */
bool db_export_bom(struct miz_db *db);

#endif
