/*
 * The store on PostgreSQL (store_engine.h), through libpq: a --db
 * postgresql://... (a URI as libpq reads it; what it leaves out comes from
 * the PG* environment and the service file).  The only file in miz that
 * includes libpq-fe.h.
 *
 * The core writes its SQL once, in the part of SQLite's dialect that
 * PostgreSQL shares; pg_translate turns the rest: ?N parameters into $N,
 * and the few functions the two name differently.  A statement is
 * prepared on the server once per connection (store.c keeps it) and runs
 * in one round trip; its rows come back whole, as text.
 *
 * Writing is one desk at a time, as on SQLite: db_begin takes a
 * transaction-wide advisory lock, so "read the case, check the move,
 * write it" is never raced by another desk.  Tracking codes come from the
 * office's counter row inside that transaction, so they never repeat and
 * leave no gaps.
 */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libpq-fe.h>

#include "miz/db.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "schema_pg.h"
#include "store.h"
#include "store_engine.h"

/* As long as SQLite's busy timeout: another desk's write finishes. */
#define LOCK_TIMEOUT "15s"
#define LOCK_WAIT_MS 15000
/* A statement running longer is a fault (a report is a few seconds at
 * most on a million cases): stopped, nothing half-written. */
#define STATEMENT_TIMEOUT "300s"
/* The advisory lock of one writer at a time, and of a migration ("miz"). */
#define WRITER_LOCK "7168122"

struct pg_conn {
	PGconn *c;
	char *where; /* for messages: the URI without its password */
	int64_t changes; /* rows the last INSERT, UPDATE or DELETE changed */
	long names; /* statement names given */
	long generation; /* counts connections: a statement prepared on an older one is again */
	char *error; /* the server's words for the last failure */
	char sqlstate[6];
	bool lost; /* the connection was lost (and not yet made again) */
	bool in_tx; /* between db_begin and its commit or rollback */
	bool tx_failed; /* a statement of it failed: the rest fail with its words */
	long trips; /* requests sent and answered: what a slow link costs */
	/* Writes of the transaction not sent yet (deferred_write), as one
	 * text of statements with their values written in. */
	char *pending;
	size_t plen, pcap;
	int npending;
	/* Rows of a COPY not yet handed to libpq (pg_load_row). */
	char *copy;
	size_t clen, ccap;
};

struct pg_stmt {
	struct pg_conn *pc;
	char *sql; /* translated */
	Oid *types; /* NULL, or a parameter the SQL leaves unused: text */
	char name[24];
	long generation; /* of the connection it was prepared on */
	int nparams;
	const char **values;
	char **owned; /* copies of bound text, freed when bound again or cleared */
	char (*ints)[24]; /* integers bound, as text */
	int ncols; /* -1 until known */
	PGresult *res;
	int row, nrows;
	bool ran;
	bool deferrable; /* a write that returns nothing (see deferred_write) */
	bool stream; /* rows one at a time (store_stream) */
	bool streaming; /* sent, its rows not all read */
	bool deferred; /* this run was deferred */
};

#define PC(db) ((struct pg_conn *)(db)->store->conn)
/* Types (pg_type.dat). */
#define BOOL_OID 16
#define TEXT_OID 25

/* The transaction's kept writes (see "writes sent together"). */
static int flush(struct pg_conn *pc);
static void pending_add(struct pg_conn *pc, const char *text, size_t n);

/* ---- SQLite's dialect in PostgreSQL's ---------------------------------- */

struct rewrite {
	const char *from, *to;
	bool word; /* only where a word begins */
};

static const struct rewrite rewrites[] = {
	/* The clock's time when the statement runs, as SQLite's: not the
	 * transaction's start (localtimestamp). */
	{ "datetime('now', 'localtime')", "to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS')",
	    true },
	{ "instr(", "strpos(", true },
	{ "group_concat(", "string_agg(", true },
	{ "char(", "chr(", true },
	{ "temp.", "pg_temp.", true },
	/* SQLite's date(d) and date(d, '+N days'): schema_pg.h's miz_date. */
	{ "date(", "miz_date(", true },
	/* SQLite's LIKE ignores the case of Latin letters. */
	{ " LIKE ", " ILIKE ", false },
	{ " WITHOUT ROWID", "", false },
};

static bool
word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* True when the call whose "(" is at p has two arguments or more: SQLite's
 * scalar max(a, b) and min(a, b), PostgreSQL's greatest and least. */
static bool
several_arguments(const char *p)
{
	int depth = 0;
	char quote = 0;
	for (; *p != '\0'; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (--depth == 0)
				return false;
		} else if (*p == ',' && depth == 1) {
			return true;
		}
	}
	return false;
}

/* The SQL in PostgreSQL's words; *nparams: the highest parameter number;
 * *unused (when not NULL): a new array, true for each number the SQL does
 * not use (SQLite lets a statement skip some; PostgreSQL wants their types). */
static char *
pg_translate(const char *sql, int *nparams, bool **unused)
{
	unsigned char used[256] = { 0 }; /* miz's statements have a few dozen at most */
	size_t cap = strlen(sql) * 2 + 64;
	char *out = xmalloc(cap);
	size_t o = 0;
	int max = 0;
	char quote = 0;
	for (const char *p = sql; *p != '\0';) {
		if (o + 64 >= cap) {
			cap *= 2;
			out = xrealloc(out, cap);
		}
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
			out[o++] = *p++;
			continue;
		}
		const struct rewrite *r = NULL;
		for (size_t i = 0; i < sizeof rewrites / sizeof rewrites[0]; i++) {
			size_t n = strlen(rewrites[i].from);
			if (strncasecmp(p, rewrites[i].from, n) == 0 &&
			    (!rewrites[i].word || p == sql || !word_char(p[-1]))) {
				r = &rewrites[i];
				break;
			}
		}
		static const struct rewrite scalar[] = {
			{ "max(", "greatest(", true },
			{ "min(", "least(", true },
		};
		for (size_t i = 0; r == NULL && i < 2; i++) {
			if (strncasecmp(p, scalar[i].from, 4) == 0 &&
			    (p == sql || !word_char(p[-1])) && several_arguments(p + 3))
				r = &scalar[i];
		}
		if (r != NULL) {
			size_t n = strlen(r->to);
			while (o + n + 64 >= cap) {
				cap *= 2;
				out = xrealloc(out, cap);
			}
			memcpy(out + o, r->to, n);
			o += n;
			p += strlen(r->from);
			continue;
		}
		/* SQLite's unary plus that keeps a column off an index ("AND
		 * +status = ..."): PostgreSQL's planner picks its own. */
		if (*p == '+' && p > sql && p[-1] == ' ' && isalpha((unsigned char)p[1])) {
			p++;
			continue;
		}
		/* SQLite's index hint, likewise. */
		if (strncasecmp(p, " INDEXED BY ", 12) == 0) {
			p += 12;
			while (*p == ' ')
				p++;
			while (word_char(*p))
				p++;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			out[o++] = *p++;
			continue;
		}
		if (*p == '?') {
			p++;
			int n;
			if (isdigit((unsigned char)*p)) {
				n = 0;
				while (isdigit((unsigned char)*p)) {
					if (n < 100000) /* SQLite allows 32766 */
						n = n * 10 + (*p - '0');
					p++;
				}
			} else {
				n = max + 1; /* SQLite: one more than the highest so far */
			}
			if (n > max)
				max = n;
			if (n < (int)sizeof used)
				used[n] = 1;
			o += (size_t)snprintf(out + o, cap - o, "$%d", n);
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	*nparams = max;
	if (unused != NULL) {
		*unused = NULL;
		for (int n = 1; n <= max; n++) {
			if (n < (int)sizeof used && used[n])
				continue;
			if (*unused == NULL)
				*unused = xcalloc((size_t)max, sizeof **unused);
			(*unused)[n - 1] = true;
		}
	}
	return out;
}

/* ---- the connection --------------------------------------------------- */

static char *shown_userinfo(const char *where);

/* The URI with the value of each password=... of its query hidden. */
static char *
hide_password_parameter(char *uri)
{
	char *q = strchr(uri, '?');
	if (q == NULL)
		return uri;
	/* Each "password=VALUE" becomes "password=***", at most 3 bytes more
	 * for at least 10 of the URI's: twice its length is room enough. */
	size_t o = (size_t)(q - uri);
	char *out = xmalloc(2 * strlen(uri) + 16);
	memcpy(out, uri, o);
	for (const char *p = q; *p != '\0';) {
		bool starts = *p == '?' || *p == '&';
		out[o++] = *p++;
		if (starts && strncasecmp(p, "password=", 9) == 0) {
			memcpy(out + o, "password=***", 12);
			o += 12;
			p += 9 + strcspn(p + 9, "&");
		}
	}
	out[o] = '\0';
	free(uri);
	return out;
}

/* The URI as messages may show it: a password in it is hidden. */
static char *
shown_where(const char *where)
{
	char *shown = shown_userinfo(where);
	return hide_password_parameter(shown);
}

/* The URI with the password of user:password@ hidden. */
static char *
shown_userinfo(const char *where)
{
	const char *scheme = strstr(where, "://");
	const char *at = strchr(where, '@');
	if (scheme == NULL || at == NULL)
		return xstrdup(where);
	const char *colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
	if (colon == NULL)
		return xstrdup(where);
	return xasprintf("%.*s:***%s", (int)(colon - where), where, at);
}

/* Keeps the server's words and its SQLSTATE for pg_fail. */
static void
note_error(struct pg_conn *pc, const PGresult *res)
{
	free(pc->error);
	const char *msg = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (msg == NULL)
		msg = PQerrorMessage(pc->c);
	pc->error = xstrdup(msg != NULL && *msg != '\0' ? msg : "?");
	size_t n = strlen(pc->error);
	while (n > 0 && pc->error[n - 1] == '\n')
		pc->error[--n] = '\0';
	snprintf(pc->sqlstate, sizeof pc->sqlstate, "%s", state != NULL ? state : "");
	if (PQstatus(pc->c) != CONNECTION_OK)
		pc->lost = true;
	if (pc->in_tx)
		pc->tx_failed = true;
}

/* What a failure means for a clerk, or NULL where the server's own words
 * are the only ones (a failed check in a statement). */
static const char *
plain_words(const struct pg_conn *pc)
{
	if (pc->lost)
		return _("the connection to the database server was lost: try again (nothing "
		         "was saved; miz connects again)");
	const char *s = pc->sqlstate;
	if (strcmp(s, "55P03") == 0 || strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0)
		return _("another desk is saving and did not finish in time: try again (nothing "
		         "was saved)");
	if (strcmp(s, "57014") == 0)
		return _("the database took too long and the work was stopped: try again (nothing "
		         "was saved)");
	if (strcmp(s, "53100") == 0)
		return _("the database server's disk is full: tell its administrator (nothing was "
		         "saved)");
	if (strcmp(s, "25006") == 0)
		return _("the database may not be written here (a read-only server)");
	if (strncmp(s, "42501", 5) == 0)
		return _("this database user may not do that: ask the administrator for the grants "
		         "of `miz pg grants`");
	if (strncmp(s, "28", 2) == 0)
		return _("the database server refused the user or password: check --db");
	return NULL;
}

static int
pg_fail(struct miz_db *db, char **cause)
{
	struct pg_conn *pc = PC(db);
	const char *words = plain_words(pc);
	return miz_fail(cause, _("database %s: %s"), db->path,
	    words != NULL           ? words
	        : pc->error != NULL ? pc->error
	                            : "?");
}

/* Runs SQL with no parameters and no rows wanted (several statements
 * allowed); the result on success, NULL (the error noted) else. */
static int
run(struct pg_conn *pc, const char *sql)
{
	PGresult *res = (pc->trips++, PQexec(pc->c, sql));
	ExecStatusType t = PQresultStatus(res);
	int ret = 0;
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
		note_error(pc, res);
		ret = -1;
	}
	PQclear(res);
	return ret;
}

static int
pg_exec(struct miz_db *db, const char *sql, char **cause)
{
	int n;
	if (flush(PC(db)) != 0)
		return pg_fail(db, cause);
	char *pg = pg_translate(sql, &n, NULL);
	int ret = run(PC(db), pg);
	free(pg);
	return ret == 0 ? 0 : pg_fail(db, cause);
}

/* The session as miz expects it: UTF-8, ISO dates, the waits bounded, the
 * local time of this computer (SQLite's 'localtime'). */
static int
set_session(struct pg_conn *pc)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	long off = tm.tm_gmtoff / 60;
	char sql[512];
	snprintf(sql, sizeof sql,
	    "SET client_encoding = 'UTF8'; SET datestyle = 'ISO';"
	    " SET lock_timeout = '" LOCK_TIMEOUT "';"
	    " SET statement_timeout = '" STATEMENT_TIMEOUT "';"
	    " SET idle_in_transaction_session_timeout = '600s';"
	    " SET TIME ZONE INTERVAL '%c%02ld:%02ld' HOUR TO MINUTE;"
	    " SET client_min_messages = 'warning'",
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
	return run(pc, sql);
}

/* After a lost connection, outside a transaction: connected again, and the
 * statements prepared again as they are next run. */
static bool
reconnect(struct pg_conn *pc)
{
	if (PQstatus(pc->c) == CONNECTION_OK && !pc->lost)
		return true;
	PQreset(pc->c);
	if (PQstatus(pc->c) != CONNECTION_OK)
		return false;
	pc->generation++;
	pc->lost = false;
	return set_session(pc) == 0;
}

/* Reads one number the server gives for a query; -1 when it gave none. */
static int
query_long(struct pg_conn *pc, const char *sql, long *out)
{
	PGresult *res = (pc->trips++, PQexec(pc->c, sql));
	int ret = -1;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0)) {
		*out = strtol(PQgetvalue(res, 0, 0), NULL, 10);
		ret = 0;
	} else if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		note_error(pc, res);
	}
	PQclear(res);
	return ret;
}

static int
db_schema_version_pg(void)
{
	return (int)(sizeof pg_schema_migrations / sizeof pg_schema_migrations[0]);
}

/* The version of miz's schema in the database; 0 for none. */
static int
schema_version(struct pg_conn *pc, long *version)
{
	long exists = 0;
	if (query_long(pc,
	        "SELECT count(*) FROM pg_catalog.pg_class"
	        " WHERE oid = to_regclass('schema_version')",
	        &exists) != 0)
		return -1;
	*version = 0;
	if (exists == 0)
		return 0;
	if (query_long(pc, "SELECT max(version) FROM schema_version", version) != 0)
		*version = 0;
	return 0;
}

/* Persian names need a UTF-8 database whose character classes know
 * Persian letters, or pg_trgm finds no trigram in them. */
static int
check_encoding(struct miz_db *db, char **cause)
{
	struct pg_conn *pc = PC(db);
	pc->trips++;
	PGresult *res = PQexec(pc->c,
	    "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database"
	    " WHERE datname = current_database()");
	int ret = 0;
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		note_error(pc, res);
		ret = pg_fail(db, cause);
	} else {
		const char *enc = PQgetvalue(res, 0, 0), *ctype = PQgetvalue(res, 0, 1);
		if (strcmp(enc, "UTF8") != 0 || strcmp(ctype, "C") == 0 ||
		    strcmp(ctype, "POSIX") == 0)
			ret = miz_fail(cause,
			    _("database %s has encoding %s and character type %s: Persian names "
			      "need UTF8 with a UTF-8 character type; create it with: createdb -E "
			      "UTF8 -l C.UTF-8 -T template0 NAME"),
			    db->path, enc, ctype);
	}
	PQclear(res);
	return ret;
}

/* Brings the schema to the newest, one desk at a time. */
static int
migrate(struct miz_db *db, bool create, char **cause)
{
	struct pg_conn *pc = PC(db);
	long version;
	if (run(pc, "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK ")") != 0 ||
	    schema_version(pc, &version) != 0) {
		pg_fail(db, cause);
		goto fail;
	}
	if (version == 0 && !create) {
		miz_fail(cause, _("no miz database at %s: create one with: miz init --db %s"),
		    db->path, pc->where);
		goto fail;
	}
	if (version > db_schema_version_pg()) {
		miz_fail(cause,
		    _("database %s was written by a newer miz (schema %d, this one knows %d): "
		      "upgrade miz"),
		    db->path, (int)version, db_schema_version_pg());
		goto fail;
	}
	if (version == 0 &&
	    run(pc,
	        "CREATE TABLE schema_version (version bigint PRIMARY KEY,"
	        " applied_at timestamptz NOT NULL DEFAULT now())") != 0) {
		pg_fail(db, cause);
		goto fail;
	}
	for (long v = version; v < db_schema_version_pg(); v++) {
		char mark[96];
		snprintf(
		    mark, sizeof mark, "INSERT INTO schema_version(version) VALUES (%ld)", v + 1);
		if (run(pc, pg_schema_migrations[v]) != 0 || run(pc, mark) != 0) {
			pg_fail(db, cause);
			goto fail;
		}
	}
	/* The core's part, told the SQLite schema this one started at (the
	 * PostgreSQL chain's first is SQLite's 12). */
	if (version < db_schema_version_pg() &&
	    db_after_migration(db, version == 0 ? 0 : (int)version + 11, cause) != 0)
		goto fail;
	if (run(pc, "COMMIT") != 0) {
		pg_fail(db, cause);
		goto fail;
	}
	return 0;
fail:
	run(pc, "ROLLBACK");
	return -1;
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int
pg_open(struct miz_db *db, const char *where, bool create, char **cause)
{
	struct pg_conn *pc = xcalloc(1, sizeof *pc);
	db->store->conn = pc;
	pc->where = shown_where(where);
	db->path = xstrdup(pc->where);
	/* Bounded waits unless the URI says otherwise (it is expanded after
	 * these, so its own values win): a server that went away is found in
	 * seconds, not when TCP gives up. */
	const char *const keys[] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
		"keepalives_count", "application_name", "dbname", NULL };
	const char *const values[] = { "10", "30", "10", "3", "miz", where, NULL };
	pc->c = PQconnectdbParams(keys, values, 1);
	/* The server's warnings are not the clerk's (and would write over the
	 * desk's screen). */
	PQsetNoticeProcessor(pc->c, quiet, NULL);
	if (PQstatus(pc->c) != CONNECTION_OK) {
		char *msg = xstrdup(PQerrorMessage(pc->c));
		size_t n = strlen(msg);
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		miz_fail(cause, _("cannot open the database %s: %s"), db->path, msg);
		free(msg);
		return -1;
	}
	/* Messages name the server and the database, not the whole URI. */
	const char *host = PQhost(pc->c), *port = PQport(pc->c);
	bool local = host == NULL || *host == '/' || *host == '\0';
	free(db->path);
	db->path = xasprintf("postgresql://%s%s%s/%s", local ? "" : host,
	    !local && port != NULL && strcmp(port, "5432") != 0 ? ":" : "",
	    !local && port != NULL && strcmp(port, "5432") != 0 ? port : "", PQdb(pc->c));
	if (set_session(pc) != 0)
		return pg_fail(db, cause);
	if (check_encoding(db, cause) != 0)
		return -1;
	long version;
	if (schema_version(pc, &version) != 0)
		return pg_fail(db, cause);
	if (version == db_schema_version_pg())
		return 0;
	return migrate(db, create, cause);
}

static void
pg_close(void *conn)
{
	struct pg_conn *pc = conn;
	PQfinish(pc->c);
	free(pc->pending);
	free(pc->copy);
	free(pc->where);
	free(pc->error);
	free(pc);
}

static long
pg_round_trips(struct miz_db *db)
{
	return PC(db)->trips;
}

static bool
pg_in_transaction(struct miz_db *db)
{
	return PC(db)->in_tx;
}

/* Takes the writer lock inside the transaction begun: tried every 100 ms,
 * telling the desk's wait (db_set_wait) how long it has waited, up to
 * LOCK_WAIT_MS, as SQLite's busy handler does. */
static int
writer_lock(struct miz_db *db)
{
	struct pg_conn *pc = PC(db);
	for (int waited = 0;; waited += 100) {
		long got = 0;
		/* The first try goes with the BEGIN: one request. */
		if (query_long(pc,
		        waited == 0
		            ? "BEGIN ISOLATION LEVEL READ COMMITTED;"
		              " SELECT CAST(pg_try_advisory_xact_lock(" WRITER_LOCK ") AS integer)"
		            : "SELECT CAST(pg_try_advisory_xact_lock(" WRITER_LOCK ") AS integer)",
		        &got) != 0)
			return -1;
		if (got == 1)
			return 0;
		if (waited >= LOCK_WAIT_MS ||
		    (db->wait != NULL && !db->wait(db->wait_arg, waited))) {
			free(pc->error);
			pc->error = xstrdup("lock timeout");
			snprintf(pc->sqlstate, sizeof pc->sqlstate, "55P03");
			return -1;
		}
		struct timespec nap = { 0, 100 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
}

static int
pg_begin(struct miz_db *db, char **cause)
{
	struct pg_conn *pc = PC(db);
	if (pc->in_tx) /* SQLite refuses it too: a mistake in miz */
		return miz_fail(cause, _("database %s: a transaction is already open"), db->path);
	if (!reconnect(pc)) {
		note_error(pc, NULL);
		return pg_fail(db, cause);
	}
	/* One writer at a time (this file's head). */
	pc->npending = 0;
	pc->plen = 0;
	pc->tx_failed = false;
	if (writer_lock(db) != 0) {
		char *why = xstrdup(pc->error != NULL ? pc->error : "?");
		char state[6];
		memcpy(state, pc->sqlstate, sizeof state);
		run(pc, "ROLLBACK");
		free(pc->error); /* the failure said, not the rollback's */
		pc->error = why;
		memcpy(pc->sqlstate, state, sizeof state);
		return pg_fail(db, cause);
	}
	pc->in_tx = true;
	return 0;
}

static void
pg_rollback(struct miz_db *db)
{
	struct pg_conn *pc = PC(db);
	pc->in_tx = false;
	pc->tx_failed = false;
	pc->npending = 0; /* never sent: nothing to undo */
	pc->plen = 0;
	if (PQtransactionStatus(pc->c) != PQTRANS_IDLE && PQstatus(pc->c) == CONNECTION_OK) {
		pc->trips++;
		PGresult *res = PQexec(pc->c, "ROLLBACK");
		PQclear(res);
	}
}

static int
pg_commit(struct miz_db *db, char **cause)
{
	struct pg_conn *pc = PC(db);
	/* A transaction a statement failed in would "commit" as a rollback;
	 * one whose connection was lost is gone (and a COMMIT outside one
	 * would only warn). */
	if (pc->tx_failed || PQtransactionStatus(pc->c) != PQTRANS_INTRANS) {
		if (!pc->tx_failed && PQtransactionStatus(pc->c) != PQTRANS_INERROR)
			pc->lost = true;
		pg_rollback(db);
		return pg_fail(db, cause);
	}
	/* The kept writes go with the COMMIT: one request.  A write refused
	 * stops the text there, and the transaction is rolled back. */
	pending_add(pc, "COMMIT", 6);
	pc->trips++;
	PGresult *res = PQexec(pc->c, pc->pending);
	pc->npending = 0;
	pc->plen = 0;
	pc->in_tx = false;
	int ret = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK || strcmp(PQcmdStatus(res), "COMMIT") != 0 ||
	    PQtransactionStatus(pc->c) != PQTRANS_IDLE) {
		note_error(pc, res);
		if (pc->lost) /* the COMMIT may have reached the server */
			ret = miz_fail(cause,
			    _("database %s: the connection to the database server was lost while "
			      "saving: look the work up before doing it again (it may have been "
			      "saved)"),
			    db->path);
		else
			ret = pg_fail(db, cause);
	}
	PQclear(res);
	if (ret != 0)
		pg_rollback(db);
	return ret;
}

static int64_t
pg_changes(struct miz_db *db)
{
	if (flush(PC(db)) != 0)
		return 0; /* the transaction failed: said at its next step or commit */
	return PC(db)->changes;
}

static int64_t
pg_last_id(struct miz_db *db)
{
	long id = 0;
	if (flush(PC(db)) != 0 || query_long(PC(db), "SELECT lastval()", &id) != 0)
		return 0;
	return id;
}

/* ---- writes sent together --------------------------------------------- */

/*
 * Inside a transaction, a write that returns nothing (an INSERT, UPDATE or
 * DELETE without RETURNING) is not sent at once: it is kept, its values
 * written in as literals (PQescapeLiteral), and sent with whatever asks
 * the server next — a read, store_changes, store_last_id, or the COMMIT,
 * which goes in the same request.  An intake's writes so cost one round
 * trip, not one each.  A kept write the server refuses fails the request
 * it went with, so the transaction fails whole with the server's words,
 * as it would have: the core rolls back on any failure, and what it must
 * know at once (rows changed, an id) asks and so sends first.
 */
#define PENDING_MAX_BYTES (256 * 1024)

/* Sends the kept writes: 0, or -1 with the error noted (the transaction
 * has failed). */
static int
flush(struct pg_conn *pc)
{
	if (pc->in_tx && pc->tx_failed)
		return -1;
	if (pc->npending == 0)
		return 0;
	pc->trips++;
	PGresult *res = PQexec(pc->c, pc->pending);
	pc->npending = 0;
	pc->plen = 0;
	pc->pending[0] = '\0';
	int ret = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		note_error(pc, res);
		ret = -1;
	} else {
		pc->changes = strtoll(PQcmdTuples(res), NULL, 10);
	}
	PQclear(res);
	return ret;
}

static void
pending_add(struct pg_conn *pc, const char *text, size_t n)
{
	if (pc->plen + n + 1 > pc->pcap) {
		pc->pcap = pc->pcap * 2 > pc->plen + n + 1 ? pc->pcap * 2 : pc->plen + n + 1024;
		pc->pending = xrealloc(pc->pending, pc->pcap);
	}
	memcpy(pc->pending + pc->plen, text, n);
	pc->plen += n;
	pc->pending[pc->plen] = '\0';
}

/* True for SQL that writes and returns nothing: INSERT, UPDATE or DELETE
 * with no RETURNING. */
static bool
is_plain_write(const char *sql)
{
	while (*sql == ' ')
		sql++;
	if (strncasecmp(sql, "INSERT ", 7) != 0 && strncasecmp(sql, "UPDATE ", 7) != 0 &&
	    strncasecmp(sql, "DELETE ", 7) != 0)
		return false;
	return strstr(sql, "RETURNING") == NULL && strchr(sql, ';') == NULL;
}

/* ---- statements ------------------------------------------------------- */

/* Prepares st on its connection; -1 with the error noted.  A parameter
 * whose type the server cannot tell from the SQL ("?1 IS NULL", "SELECT
 * ?1") is text, as SQLite would take the text bound to it: declared so,
 * and prepared again. */
static int
prepare_on_server(struct pg_stmt *st)
{
	struct pg_conn *pc = st->pc;
	for (int tries = 0;; tries++) {
		snprintf(st->name, sizeof st->name, "miz%ld", ++pc->names);
		pc->trips++;
		PGresult *res = PQprepare(
		    pc->c, st->name, st->sql, st->types != NULL ? st->nparams : 0, st->types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			st->generation = pc->generation;
			return 0;
		}
		note_error(pc, res);
		PQclear(res);
		/* The server names it "$N" in its message, in any language. */
		const char *dollar = strrchr(pc->error, '$');
		int n = dollar != NULL ? atoi(dollar + 1) : 0;
		if (strcmp(pc->sqlstate, "42P18") != 0 || n < 1 || n > st->nparams ||
		    tries >= st->nparams)
			return -1;
		if (st->types == NULL)
			st->types = xcalloc((size_t)st->nparams, sizeof *st->types);
		if (st->types[n - 1] == TEXT_OID)
			return -1;
		st->types[n - 1] = TEXT_OID;
	}
}

static void *
pg_prepare(struct miz_db *db, const char *sql)
{
	struct pg_conn *pc = PC(db);
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->pc = pc;
	bool *unused;
	st->sql = pg_translate(sql, &st->nparams, &unused);
	st->deferrable = is_plain_write(st->sql);
	if (unused != NULL) {
		st->types = xcalloc((size_t)st->nparams, sizeof *st->types);
		for (int k = 0; k < st->nparams; k++)
			st->types[k] = unused[k] ? TEXT_OID : 0;
		free(unused);
	}
	st->ncols = -1;
	if (st->nparams > 0) {
		st->values = xcalloc((size_t)st->nparams, sizeof *st->values);
		st->owned = xcalloc((size_t)st->nparams, sizeof *st->owned);
		st->ints = xcalloc((size_t)st->nparams, sizeof *st->ints);
	}
	/* A connection lost inside a transaction took its work with it: made
	 * again only between transactions (a statement run on a new one would
	 * be outside the transaction and its lock).  Inside a transaction that
	 * failed, the failure stands (the server would only say "aborted"). */
	if ((pc->in_tx ? pc->lost || pc->tx_failed : !reconnect(pc)) ||
	    prepare_on_server(st) != 0) {
		if (pc->error == NULL)
			note_error(pc, NULL);
		free(st->sql);
		free(st->types);
		free(st->values);
		free(st->owned);
		free(st->ints);
		free(st);
		return NULL;
	}
	return st;
}

/* Reads what is left of a streamed statement's rows, after asking the
 * server to stop sending them. */
static void
stream_stop(struct pg_stmt *st)
{
	if (!st->streaming)
		return;
	/* Cancelled inside a transaction, the transaction is lost: said at
	 * its next statement or its commit. */
	if (st->pc->in_tx) {
		st->pc->tx_failed = true;
		free(st->pc->error);
		st->pc->error = xstrdup("a read was stopped before its end");
	}
	PGcancel *cancel = PQgetCancel(st->pc->c);
	if (cancel != NULL) {
		char why[256];
		PQcancel(cancel, why, sizeof why);
		PQfreeCancel(cancel);
	}
	PGresult *r;
	while ((r = PQgetResult(st->pc->c)) != NULL)
		PQclear(r);
	st->streaming = false;
}

static void
pg_reset(void *h)
{
	struct pg_stmt *st = h;
	stream_stop(st);
	PQclear(st->res);
	st->res = NULL;
	st->ran = false;
	st->deferred = false;
	st->row = st->nrows = 0;
}

static void
unbind(struct pg_stmt *st, int k)
{
	free(st->owned[k]);
	st->owned[k] = NULL;
	st->values[k] = NULL;
}

static void
pg_clear(void *h)
{
	struct pg_stmt *st = h;
	pg_reset(st);
	st->stream = false; /* the next user of this SQL asks again */
	for (int k = 0; k < st->nparams; k++)
		unbind(st, k);
}

static void
pg_finalize(void *h)
{
	struct pg_stmt *st = h;
	pg_clear(st);
	/* The server's statement goes with the connection (DEALLOCATE would
	 * cost a round trip). */
	free(st->sql);
	free(st->types);
	free(st->values);
	free(st->owned);
	free(st->ints);
	free(st);
}

static void
pg_stream(void *h)
{
	((struct pg_stmt *)h)->stream = true;
}

static bool
pg_running(void *h)
{
	return ((struct pg_stmt *)h)->ran;
}

/* The SQLSTATE's class in store.h's words. */
static enum store_rc
failure(const struct pg_conn *pc)
{
	const char *s = pc->sqlstate;
	if (strcmp(s, "23505") == 0)
		return STORE_UNIQUE;
	if (strcmp(s, "23502") == 0)
		return STORE_NOT_NULL;
	if (strncmp(s, "23", 2) == 0)
		return STORE_CONSTRAINT;
	if (strcmp(s, "55P03") == 0 || strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0)
		return STORE_BUSY;
	return STORE_ERROR;
}

/* Adds st, its values written in, to the kept text: -1 when a value could
 * not be written (the error noted). */
static int
render(struct pg_stmt *st)
{
	struct pg_conn *pc = st->pc;
	char quote = 0;
	for (const char *p = st->sql; *p != '\0';) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
			pending_add(pc, p++, 1);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			pending_add(pc, p++, 1);
		} else if (*p == '$' && isdigit((unsigned char)p[1])) {
			int n = (int)strtol(p + 1, (char **)&p, 10);
			const char *v = n >= 1 && n <= st->nparams ? st->values[n - 1] : NULL;
			if (v == NULL) {
				pending_add(pc, "NULL", 4);
				continue;
			}
			char *lit = PQescapeLiteral(pc->c, v, strlen(v));
			if (lit == NULL) {
				note_error(pc, NULL);
				return -1;
			}
			bool text = st->types != NULL && st->types[n - 1] == TEXT_OID;
			if (text)
				pending_add(pc, "CAST(", 5);
			pending_add(pc, lit, strlen(lit));
			if (text)
				pending_add(pc, " AS text)", 9);
			PQfreemem(lit);
		} else {
			pending_add(pc, p++, 1);
		}
	}
	pending_add(pc, ";\n", 2);
	return 0;
}

/* Keeps st's run with the transaction's other writes (see above). */
static enum store_rc
deferred_write(struct pg_stmt *st)
{
	struct pg_conn *pc = st->pc;
	if (render(st) != 0)
		return failure(pc);
	pc->npending++;
	st->deferred = true;
	st->nrows = st->ncols = 0;
	st->row = 0;
	if (pc->plen > PENDING_MAX_BYTES && flush(pc) != 0)
		return failure(pc);
	return STORE_DONE;
}

/* A streamed statement's next row (single-row mode): an export of a
 * million cases holds one row at a time, not all of them. */
static enum store_rc
stream_step(struct pg_stmt *st)
{
	struct pg_conn *pc = st->pc;
	if (!st->ran) {
		st->ran = true;
		if (pc->in_tx && pc->tx_failed)
			return failure(pc);
		if (flush(pc) != 0 || (pc->lost && !pc->in_tx && !reconnect(pc)))
			return failure(pc);
		if (st->generation != pc->generation && prepare_on_server(st) != 0)
			return failure(pc);
		pc->trips++;
		if (!PQsendQueryPrepared(pc->c, st->name, st->nparams, st->values, NULL, NULL, 0)) {
			note_error(pc, NULL);
			return failure(pc);
		}
		PQsetSingleRowMode(pc->c);
		st->streaming = true;
	}
	if (!st->streaming)
		return STORE_DONE;
	PQclear(st->res);
	st->res = PQgetResult(pc->c);
	ExecStatusType t = st->res != NULL ? PQresultStatus(st->res) : PGRES_TUPLES_OK;
	if (t == PGRES_SINGLE_TUPLE) {
		st->nrows = 1;
		st->row = 0;
		st->ncols = PQnfields(st->res);
		return STORE_ROW;
	}
	enum store_rc rc = STORE_DONE;
	if (t != PGRES_TUPLES_OK) {
		note_error(pc, st->res);
		rc = failure(pc);
	}
	PQclear(st->res);
	st->res = NULL;
	st->nrows = 0;
	PGresult *r;
	while ((r = PQgetResult(pc->c)) != NULL)
		PQclear(r);
	st->streaming = false;
	return rc;
}

static enum store_rc
pg_step(void *h)
{
	struct pg_stmt *st = h;
	struct pg_conn *pc = st->pc;
	if (st->deferred)
		return STORE_DONE;
	if (st->stream)
		return stream_step(st);
	if (!st->ran) {
		st->ran = true;
		/* The server would refuse it anyway ("current transaction is
		 * aborted"): the failure that ended the transaction is the one
		 * to tell. */
		if (pc->in_tx && pc->tx_failed)
			return failure(pc);
		if (pc->in_tx && st->deferrable && !pc->lost)
			return deferred_write(st);
		/* A lost connection is made again only between transactions:
		 * one lost inside took its work with it. */
		if (pc->lost && !pc->in_tx && !reconnect(pc))
			return STORE_ERROR;
		pc->trips++;
		if (pc->npending > 0) {
			/* It goes with the kept writes, in the same request; its
			 * rows are the request's last result. */
			if (render(st) != 0)
				return failure(pc);
			st->res = PQexec(pc->c, pc->pending);
			pc->npending = 0;
			pc->plen = 0;
		} else {
			if (st->generation != pc->generation && prepare_on_server(st) != 0)
				return failure(pc);
			st->res =
			    PQexecPrepared(pc->c, st->name, st->nparams, st->values, NULL, NULL, 0);
		}
		ExecStatusType t = PQresultStatus(st->res);
		if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
			note_error(pc, st->res);
			if (pc->lost && !pc->in_tx)
				reconnect(pc); /* for the next try; this one failed */
			return failure(pc);
		}
		const char *status = PQcmdStatus(st->res);
		if (strncmp(status, "INSERT", 6) == 0 || strncmp(status, "UPDATE", 6) == 0 ||
		    strncmp(status, "DELETE", 6) == 0)
			pc->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
		st->nrows = t == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		st->ncols = PQnfields(st->res);
		st->row = -1;
	}
	if (st->res == NULL)
		return STORE_ERROR;
	if (st->row + 1 < st->nrows) {
		st->row++;
		return STORE_ROW;
	}
	st->row = st->nrows;
	return STORE_DONE;
}

static int
pg_param_count(void *h)
{
	return ((struct pg_stmt *)h)->nparams;
}

static int
pg_column_count(void *h)
{
	struct pg_stmt *st = h;
	if (st->ncols < 0) {
		st->pc->trips++;
		PGresult *res = PQdescribePrepared(st->pc->c, st->name);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			st->ncols = PQnfields(res);
		PQclear(res);
	}
	return st->ncols;
}

static void
pg_bind_int(void *h, int i, int64_t v)
{
	struct pg_stmt *st = h;
	assert(i >= 1 && i <= st->nparams && !st->ran);
	unbind(st, i - 1);
	snprintf(st->ints[i - 1], sizeof st->ints[i - 1], "%lld", (long long)v);
	st->values[i - 1] = st->ints[i - 1];
}

static void
pg_bind_null(void *h, int i)
{
	struct pg_stmt *st = h;
	assert(i >= 1 && i <= st->nparams && !st->ran);
	unbind(st, i - 1);
}

static void
pg_bind_text(void *h, int i, const char *text, int len, bool keep)
{
	struct pg_stmt *st = h;
	assert(i >= 1 && i <= st->nparams && !st->ran);
	unbind(st, i - 1);
	if (len >= 0 && text[len] != '\0') {
		st->owned[i - 1] = xstrndup(text, (size_t)len);
		st->values[i - 1] = st->owned[i - 1];
	} else if (keep) {
		st->values[i - 1] = text;
	} else {
		st->owned[i - 1] = xstrdup(text);
		st->values[i - 1] = st->owned[i - 1];
	}
}

static const char *
pg_col_text(void *h, int i)
{
	struct pg_stmt *st = h;
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows || i >= st->ncols ||
	    PQgetisnull(st->res, st->row, i))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, i);
	/* A truth value reads as SQLite gives one: 1 or 0. */
	if (PQftype(st->res, i) == BOOL_OID)
		return *v == 't' ? "1" : "0";
	return v;
}

static bool
pg_col_null(void *h, int i)
{
	return pg_col_text(h, i) == NULL;
}

static int64_t
pg_col_int(void *h, int i)
{
	const char *v = pg_col_text(h, i);
	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

static double
pg_col_double(void *h, int i)
{
	const char *v = pg_col_text(h, i);
	return v != NULL ? strtod(v, NULL) : 0.0;
}

/* ---- what PostgreSQL does its own way ---------------------------------- */

static int
pg_backup(struct miz_db *db, const char *path, char **cause)
{
	return miz_fail(cause,
	    _("database %s is on a PostgreSQL server: back it up with pg_dump (or the server's "
	      "own backups), not miz backup"),
	    db->path);
}

static int
pg_restore(struct miz_db *db, const char *backup, char **cause)
{
	return miz_fail(cause,
	    _("database %s is on a PostgreSQL server: restore it with pg_restore, not miz "
	      "restore"),
	    db->path);
}

static void
pg_set_wait(struct miz_db *db)
{
	/* Nothing to set: writer_lock reads db->wait at each try (a row lock
	 * is bounded by the session's lock_timeout). */
}

/*
 * Set aside only when the table is empty and this login owns it: DROP
 * INDEX holds the table's ACCESS EXCLUSIVE lock until the import commits,
 * so every other desk's search and list of it would wait (SQLite's readers
 * never wait).  An empty table is a register not yet in use: nobody has
 * anything there to read.  Only its own non-unique indexes: dropping a
 * foreign key would lock the table it points to as well (the clients,
 * the catalog, the clerks), which are in use by then.
 */
static int
pg_defer_indexes(struct miz_db *db, struct store_deferred **d, const char *table,
    const char *trigger, char **cause)
{
	(void)trigger; /* SQLite's name index trigger: none here */
	char *name = store_quote_name(table);
	char *sql = xasprintf(
	    "SELECT 'DROP INDEX ' || quote_ident(s.nspname) || '.' || quote_ident(i.relname),"
	    " pg_get_indexdef(i.oid) FROM pg_class c JOIN pg_index x ON x.indrelid = c.oid"
	    " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace s ON s.oid = i.relnamespace"
	    " WHERE c.oid = to_regclass(?1) AND NOT x.indisunique AND NOT x.indisprimary"
	    " AND pg_has_role(c.relowner, 'USAGE') AND NOT EXISTS (SELECT 1 FROM %s)"
	    " ORDER BY i.relname",
	    name);
	free(name);
	struct store_stmt *st;
	int rc = store_prepare(db, sql, &st, cause);
	free(sql);
	if (rc != 0)
		return -1;
	store_bind_text(st, 1, table);
	while ((rc = store_step(st)) == STORE_ROW)
		store_deferred_add(d, store_text(st, 0), store_text(st, 1));
	store_finish(st);
	return rc == STORE_DONE ? 0 : pg_fail(db, cause);
}

static int
pg_rebuild_name_index(struct miz_db *db, char **cause)
{
	return 0; /* the trigram index is an ordinary index: built with the others */
}

/*
 * The memory of an import's session: its staging tables (temporary, in
 * the session's own buffers, which can only be sized before the first one
 * is made) and its sorts (the staged rows in file order).  Measured on
 * 100,000 cases: the defaults (8 MB, 4 MB) spill both to disk.
 */
static void
pg_bulk_cache(struct miz_db *db, bool on)
{
	struct pg_conn *pc = PC(db);
	if (pc->in_tx || pc->lost)
		return;
	if (on) {
		run(pc, "SET work_mem = '64MB'");
		/* Refused once a temporary table was used: the session keeps its size. */
		PGresult *res = (pc->trips++, PQexec(pc->c, "SET temp_buffers = '128MB'"));
		PQclear(res);
	} else {
		run(pc, "RESET work_mem");
	}
}

static void
pg_foreign_keys(struct miz_db *db, bool on)
{
	/* Checked as rows are written: the import looked the ids up. */
}

static void
pg_analyze(struct miz_db *db, const char *tables)
{
	/* Only what changed: ANALYZE alone reads every table of the database. */
	char *sql = xasprintf("ANALYZE %s", tables);
	run(PC(db), sql);
	free(sql);
}

/* ---- bulk loads: COPY --------------------------------------------------- */

/* Rows are handed to libpq in pieces of about this size. */
#define COPY_CHUNK (64 * 1024)

static int
pg_load_begin(struct miz_db *db, const char *table, const char *columns)
{
	struct pg_conn *pc = PC(db);
	if (flush(pc) != 0)
		return -1;
	int n;
	char *sql = xasprintf("COPY %s(%s) FROM STDIN", table, columns);
	char *pg = pg_translate(sql, &n, NULL);
	free(sql);
	pc->trips++;
	PGresult *res = PQexec(pc->c, pg);
	free(pg);
	int ret = 0;
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		note_error(pc, res);
		ret = -1;
	}
	PQclear(res);
	pc->clen = 0;
	return ret;
}

static void
copy_add(struct pg_conn *pc, const char *text, size_t n)
{
	if (pc->clen + n > pc->ccap) {
		pc->ccap = pc->clen + n > 2 * COPY_CHUNK ? pc->clen + n : 2 * COPY_CHUNK;
		pc->copy = xrealloc(pc->copy, pc->ccap);
	}
	memcpy(pc->copy + pc->clen, text, n);
	pc->clen += n;
}

/* Hands the rows kept to libpq: 0, or -1 with the error noted. */
static int
copy_send(struct pg_conn *pc)
{
	if (pc->clen > 0 && PQputCopyData(pc->c, pc->copy, (int)pc->clen) != 1) {
		note_error(pc, NULL);
		return -1;
	}
	pc->clen = 0;
	return 0;
}

static int
pg_load_row(struct miz_db *db, const char *const *values, int n)
{
	struct pg_conn *pc = PC(db);
	/* COPY's text format: tab between columns, \N for NULL, and a
	 * backslash, tab, newline or carriage return in a value escaped. */
	for (int i = 0; i < n; i++) {
		if (i > 0)
			copy_add(pc, "\t", 1);
		const char *v = values[i];
		if (v == NULL) {
			copy_add(pc, "\\N", 2);
			continue;
		}
		const char *run = v;
		for (; *v != '\0'; v++) {
			const char *esc = *v == '\\' ? "\\\\"
			    : *v == '\t'             ? "\\t"
			    : *v == '\n'             ? "\\n"
			    : *v == '\r'             ? "\\r"
			                             : NULL;
			if (esc != NULL) {
				copy_add(pc, run, (size_t)(v - run));
				copy_add(pc, esc, 2);
				run = v + 1;
			}
		}
		copy_add(pc, run, (size_t)(v - run));
	}
	copy_add(pc, "\n", 1);
	return pc->clen >= COPY_CHUNK ? copy_send(pc) : 0;
}

static int
pg_load_end(struct miz_db *db, bool ok)
{
	struct pg_conn *pc = PC(db);
	if (ok && copy_send(pc) != 0)
		ok = false;
	pc->clen = 0;
	/* Abandoned: the server ends the COPY with an error, and the
	 * transaction has failed. */
	int ret = 0;
	if (PQputCopyEnd(pc->c, ok ? NULL : "miz: the load was abandoned") != 1) {
		note_error(pc, NULL);
		ret = -1;
	}
	PGresult *res;
	while ((res = PQgetResult(pc->c)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			/* Abandoned, the server's "COPY failed" would hide why. */
			if (ret == 0 && ok)
				note_error(pc, res);
			ret = -1;
		}
		PQclear(res);
	}
	return ok ? ret : -1;
}

const struct store_engine store_pg_engine = {
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.fail = pg_fail,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.round_trips = pg_round_trips,
	.changes = pg_changes,
	.last_id = pg_last_id,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.clear = pg_clear,
	.reset = pg_reset,
	.step = pg_step,
	.running = pg_running,
	.stream = pg_stream,
	.param_count = pg_param_count,
	.column_count = pg_column_count,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.bind_text = pg_bind_text,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.backup = pg_backup,
	.restore = pg_restore,
	.set_wait = pg_set_wait,
	.defer_indexes = pg_defer_indexes,
	.rebuild_name_index = pg_rebuild_name_index,
	.bulk_cache = pg_bulk_cache,
	.foreign_keys = pg_foreign_keys,
	.analyze = pg_analyze,
	.load_begin = pg_load_begin,
	.load_row = pg_load_row,
	.load_end = pg_load_end,
	.names_by_like = true,
};
