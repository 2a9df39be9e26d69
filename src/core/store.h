/*
 * The store: the one door between miz's core and its database engine.
 *
 * The core's modules speak SQL through these calls and nothing else; only
 * the store_*.c files include an engine's header (checked by
 * tests/core_is_curses_free.sh).  A statement is prepared once per
 * connection and kept: store_prepare of the same SQL text hands back the
 * kept one, reset, so work done again and again (an intake, a page of a
 * list) prepares nothing after its first time.  A statement still in use
 * when the same SQL is asked for again gets a second one of its own.
 *
 * This header is the core's only: front ends see struct miz_db opaque
 * (miz/db.h).
 */
#ifndef MIZ_STORE_H
#define MIZ_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "miz/calendar.h"
#include "miz/db.h"

/* The engine's connection and its kept statements: store_sqlite.c. */
struct store;
/* A prepared statement. */
struct store_stmt;

/* An open database as the core's modules see it. */
struct miz_db {
	struct store *store;
	char *path;
	int64_t clerk_id; /* whose work this is; 0 until clerk_sign_in */
	int64_t acted_by; /* the supervisor doing it for clerk_id, 0 when the clerk */
	bool supervisor; /* the person at the keyboard is a supervisor */
	bool owner; /* they own the file (or are root): a supervisor whatever their role */
	bool training; /* a training database (miz init --training): MIZ_TODAY moves the clock */
	bool any_day; /* clerk_any_day: this connection's work is not checked for its day */
	bool clock_fixed; /* clerk_fix_clock: the clock's day is `clock` */
	int clock;
	bool readonly; /* opened read-only: this process may not write the file */
	bool (*wait)(void *arg, int waited_ms); /* see db_set_wait */
	void *wait_arg;
	struct setting_cache *settings; /* db.c: the settings a transaction read */
};

/* What a step did. */
enum store_rc {
	STORE_ROW = 1, /* a row is there to read */
	STORE_DONE, /* the statement has finished */
	STORE_UNIQUE, /* refused: a UNIQUE or PRIMARY KEY constraint */
	STORE_NOT_NULL, /* refused: a NOT NULL constraint */
	STORE_CONSTRAINT, /* refused: another constraint (CHECK, foreign key, a trigger's) */
	STORE_BUSY, /* another desk held the lock past the wait */
	STORE_ERROR, /* anything else: db_fail says what */
};

/* Prepares sql, or hands back the kept statement for it; -1 with *cause
 * (saying what the engine said) on error. */
int store_prepare(
    struct miz_db *db, const char *sql, struct store_stmt **out /* OUT */, char **cause);
/* Done with a statement: reset, its bindings cleared, and kept for the next
 * store_prepare of its SQL.  NULL is allowed. */
void store_finish(struct store_stmt *st);
/* Runs the statement to its next row. */
enum store_rc store_step(struct store_stmt *st);
/* Asks for the statement's rows one at a time (an export of the whole
 * register holds one row, not all): until it is finished nothing else may
 * use the connection.  SQLite gives rows so anyway. */
void store_stream(struct store_stmt *st);
/* Resets a statement to run again; its bindings stay. */
void store_reset(struct store_stmt *st);
/* How many parameters the statement takes, and how many columns it gives. */
int store_param_count(struct store_stmt *st);
int store_column_count(struct store_stmt *st);

/* Parameters, numbered from 1. */
void store_bind_int(struct store_stmt *st, int i, int64_t v);
void store_bind_null(struct store_stmt *st, int i);
/* Binds a text parameter, or NULL when text is NULL. */
void store_bind_text(struct store_stmt *st, int i, const char *text);
/* Binds text that outlives the statement (a string literal), uncopied. */
void store_bind_static(struct store_stmt *st, int i, const char *text);
/* Binds text without a copy, lent until the parameter is bound again (the
 * caller binds it to NULL, after the step and a reset, before the text
 * goes; no early return may come between): a bulk path's per-row strings. */
void store_bind_lent(struct store_stmt *st, int i, const char *text);
/* Binds a day number as an ISO date. */
void store_bind_day(struct store_stmt *st, int i, miz_day day);

/* Columns of the current row, numbered from 0. */
int64_t store_int(struct store_stmt *st, int i);
double store_double(struct store_stmt *st, int i);
/* The text of a column, NULL for NULL; valid until the next step or finish. */
const char *store_text(struct store_stmt *st, int i);
bool store_is_null(struct store_stmt *st, int i);
/* Reads an ISO date column; -1 when NULL or not a date. */
int store_day(struct store_stmt *st, int i, miz_day *day /* OUT */);
/* Copies a text column into a new string ("" for NULL). */
char *store_strdup(struct store_stmt *st, int i);

/* Counts the transactions this connection began: one transaction's own
 * number while it lasts. */
long store_transaction_serial(struct miz_db *db);
/* Forgets the settings db.c keeps for a transaction (db_close). */
void db_settings_forget(struct miz_db *db);

/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t store_changes(struct miz_db *db);
/* The row id the last INSERT gave. */
int64_t store_last_id(struct miz_db *db);
/* True inside a transaction this connection began. */
bool store_in_transaction(struct miz_db *db);
/* How many statements this connection has prepared (the kept ones handed
 * back again are not counted): what the statement cache saves. */
long store_prepared(struct miz_db *db);
/* Requests this connection sent a server and waited for (0 on SQLite):
 * what a slow link multiplies. */
long store_round_trips(struct miz_db *db);
/* Statements handed out and not finished: 0 between two pieces of work.
 * One left busy would hold a read snapshot (blocking backups, restores
 * and an import's index changes), so the tests check it after each. */
int store_busy(struct miz_db *db);
/* True when the engine finds names by LIKE over a trigram index (on
 * PostgreSQL, pg_trgm), not by SQLite's FTS5 table client_name. */
bool store_names_by_like(struct miz_db *db);
/* A name quoted as an SQL identifier: a new string. */
char *store_quote_name(const char *name);

/* Runs SQL statements without results; -1 with *cause on error. */
int db_exec(struct miz_db *db, const char *sql, char **cause);
/* Sets *cause to a message naming the database and what went wrong, in a
 * clerk's words where there are some; returns -1. */
int db_fail(struct miz_db *db, char **cause);

/*
 * The bulk import's engine-specific upkeep (legacy.c).  Indexes are set
 * aside while a big register is written and built once at the end:
 * store_defer_indexes drops the non-unique indexes of `table` and the
 * trigger named ("" for none), adding their definitions to *d (made on
 * first use); store_restore_indexes builds them again.
 */
struct store_deferred;
int store_defer_indexes(struct miz_db *db, struct store_deferred **d, const char *table,
    const char *trigger, char **cause);
int store_restore_indexes(struct miz_db *db, struct store_deferred *d, char **cause);
size_t store_deferred_count(const struct store_deferred *d);
void store_deferred_free(struct store_deferred *d);
/*
 * Rows loaded in bulk into one table (an import's staging table), inside
 * a transaction: COPY on PostgreSQL (the rows streamed in one request), a
 * reused INSERT on SQLite.  Until store_load_end nothing else may use the
 * connection.  Values are set per column (from 0), then store_load_row
 * adds the row; a column not set is NULL.
 */
struct store_load;
int store_load_begin(struct miz_db *db, const char *table, const char *const *columns, int n,
    struct store_load **out /* OUT */, char **cause);
/* Column i of the row being built: text (copied), or NULL. */
void store_load_text(struct store_load *l, int i, const char *text);
void store_load_int(struct store_load *l, int i, int64_t v);
/* A day as an ISO date; NO_DAY is NULL. */
void store_load_day(struct store_load *l, int i, miz_day day);
/* Adds the row built, and clears it: 0, or -1 (store_load_end says why). */
int store_load_row(struct store_load *l);
/* Ends the load and frees l (NULL allowed): 0, or -1 with *cause. */
int store_load_end(struct store_load *l, char **cause);
/* Builds the client name search index again from the client table. */
int store_rebuild_name_index(struct miz_db *db, char **cause);
/* The page cache of an import (on) or of a desk (off). */
void store_bulk_cache(struct miz_db *db, bool on);
/* Foreign-key checks: off while an import writes ids it has just looked up. */
void store_foreign_keys(struct miz_db *db, bool on);
/* Fresh statistics for the planner after a big change to `tables` (a
 * comma-separated list; SQLite samples them all at once). */
void store_analyze(struct miz_db *db, const char *tables);

/* The core's work after the store has applied migrations from version
 * `from` (db.c): seals, marks and figures the schema's SQL cannot derive. */
int db_after_migration(struct miz_db *db, int from, char **cause);

#endif
