/*
 * The store on SQLite: the file (opening, migrations, backups), its
 * transactions, and the statement cache and calls of store.h.  With
 * store_sqlite_bulk's upkeep in this file, it is the only one in miz that
 * includes sqlite3.h.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "miz/calendar.h"
#include "miz/clerk.h"
#include "miz/conf.h"
#include "miz/db.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "schema.h"
#include "store.h"

/* Long enough for another clerk's write to finish on a slow office server. */
#define BUSY_TIMEOUT_MS 15000
/* Statements kept per connection: miz's own SQL is about 150 texts; a
 * report's built ones come on top.  Beyond this, statements are finalized
 * when done. */
#define CACHE_SLOTS 512
#define CACHE_MAX (CACHE_SLOTS / 2)

/* Parameters whose dates are kept in the statement itself (bound without
 * a copy); a later one is copied. */
#define DAY_PARAMS 12

struct store_stmt {
	sqlite3_stmt *st;
	struct store *owner;
	char *sql; /* the text it was kept under; NULL when not kept */
	bool busy; /* handed out and not finished */
	char day[DAY_PARAMS][11]; /* the ISO text of dates bound to ?1.. */
};

struct store {
	sqlite3 *sq;
	struct store_stmt *slot[CACHE_SLOTS]; /* open addressing on the SQL text */
	size_t kept;
	int loose; /* statements not kept, handed out and not finished */
	long prepared;
};

#define SQ(db) ((db)->store->sq)

int
db_schema_version(void)
{
	return (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
}

/* Creates every missing directory above `path` (mkdir -p of its dirname). */
static int
make_parent_dirs(const char *path, char **cause)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				miz_fail(
				    cause, _("cannot create the folder %s: %s"), dir, strerror(e));
				free(dir);
				return -1;
			}
			*p = saved;
			if (saved == '\0')
				break;
		}
	}
	free(dir);
	return 0;
}

/* What an SQLite failure means for a clerk, or NULL where SQLite's own
 * words are the only ones (a failed check in a statement). */
static const char *
plain_words(int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("another desk is saving and did not finish in time: try again (nothing "
		         "was saved)");
	case SQLITE_FULL:
		return _("the disk is full: free some space, then try again (nothing was saved)");
	case SQLITE_READONLY:
		return _("the database may not be written here (a read-only file, folder or "
		         "disk)");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return _("the file is damaged or is not a miz database: restore the last backup");
	case SQLITE_IOERR:
		return _("the disk could not be read or written: check it, then try again");
	case SQLITE_CANTOPEN:
		return _("the file cannot be opened: check the path and its permissions");
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return _("this user may not use the file: check its permissions");
	default:
		return NULL;
	}
}

int
db_fail(struct miz_db *db, char **cause)
{
	const char *words = plain_words(sqlite3_extended_errcode(SQ(db)));
	return miz_fail(
	    cause, _("database %s: %s"), db->path, words != NULL ? words : sqlite3_errmsg(SQ(db)));
}

int
db_exec(struct miz_db *db, const char *sql, char **cause)
{
	char *err = NULL;
	int rc = sqlite3_exec(SQ(db), sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		const char *words = plain_words(rc);
		miz_fail(cause, _("database %s: %s"), db->path,
		    words != NULL     ? words
		        : err != NULL ? err
		                      : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Reads PRAGMA user_version. */
static int
db_user_version(struct miz_db *db, int *version, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "PRAGMA user_version", &st, cause) != 0)
		return -1;
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return db_fail(db, cause);
	}
	*version = (int)store_int(st, 0);
	store_finish(st);
	return 0;
}

/* A file written by a newer miz is refused: -1 with *cause. */
static int
refuse_newer(struct miz_db *db, int version, char **cause)
{
	if (version <= db_schema_version())
		return 0;
	return miz_fail(cause,
	    _("database %s was written by a newer miz (schema %d, this one knows %d): "
	      "upgrade miz"),
	    db->path, version, db_schema_version());
}

/* Applies every migration above the file's version, each in its transaction. */
static int
db_migrate(struct miz_db *db, char **cause)
{
	int version = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (db_user_version(db, &version, cause) != 0)
		goto fail;
	if (refuse_newer(db, version, cause) != 0)
		goto fail;
	for (int v = version; v < db_schema_version(); v++) {
		if (db_exec(db, schema_migrations[v], cause) != 0)
			goto fail;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, pragma, cause) != 0)
			goto fail;
	}
	if (db_after_migration(db, version, cause) != 0)
		goto fail;
	if (db_commit(db, cause) != 0)
		return -1;
	/* Migration 5 rebuilt cases, which drops the planner's statistics on it:
	 * gather them again where a big import had (a sampled ANALYZE). */
	if (version > 0 && version < 5 &&
	    sqlite3_table_column_metadata(
	        SQ(db), NULL, "sqlite_stat1", "tbl", NULL, NULL, NULL, NULL, NULL) == SQLITE_OK)
		sqlite3_exec(
		    SQ(db), "PRAGMA analysis_limit = 400; ANALYZE cases;", NULL, NULL, NULL);
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* The file's journal mode ("wal", "delete", ...), into buf. */
static int
journal_mode(struct miz_db *db, char *buf, size_t size, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "PRAGMA journal_mode", &st, cause) != 0)
		return -1;
	int rc = store_step(st);
	const char *mode = rc == STORE_ROW ? store_text(st, 0) : NULL;
	snprintf(buf, size, "%s", mode != NULL ? mode : "");
	store_finish(st);
	return rc == STORE_ROW ? 0 : db_fail(db, cause);
}

/* True when this process may write the file and create files beside it
 * (the -wal and -shm of WAL mode). */
static bool
writable(const char *path)
{
	char *dir = conf_folder_of(path);
	bool ok = access(dir, W_OK) == 0 && (access(path, W_OK) == 0 || errno == ENOENT);
	free(dir);
	return ok;
}

/*
 * Opens the database.  Only `create` makes a new one (miz init): a missing
 * path or an empty file is a mistyped --db, not a new office.  Nothing
 * takes a write lock unless a migration is due, so a reader never waits
 * for a writer; a file this process may not write is opened read-only; a
 * newer schema is refused before anything in the file is changed.
 */
static int
open_db(const char *path, bool create, struct miz_db **out, char **cause)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		int e = errno;
		if (!create && (e == ENOENT || e == ENOTDIR))
			return miz_fail(cause,
			    _("no miz database at %s: create one with: miz init --db %s"), path,
			    path);
		if (!create)
			return miz_fail(
			    cause, _("cannot open the database %s: %s"), path, strerror(e));
	} else if (!create && S_ISREG(sb.st_mode) && sb.st_size == 0) {
		/* An empty file is not a database yet: it could be a typo's. */
		return miz_fail(cause,
		    _("no miz database at %s: create one with: miz init --db %s"), path, path);
	}
	if (create && make_parent_dirs(path, cause) != 0)
		return -1;
	if (create) {
		/* The file exists before SQLite opens it, with the private mode
		 * SQLite then gives its -wal and -shm as well. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			int rc = fchmod(fd, conf_private_mode(path));
			close(fd);
			if (rc != 0)
				return miz_fail(cause, _("cannot create the database %s: %s"), path,
				    strerror(errno));
		} else if (errno != EEXIST) {
			return miz_fail(
			    cause, _("cannot create the database %s: %s"), path, strerror(errno));
		}
	}
	bool readonly = !writable(path);
	int flags = SQLITE_OPEN_NOMUTEX |
	    (readonly ? SQLITE_OPEN_READONLY
	              : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
	struct miz_db *db = xcalloc(1, sizeof *db);
	db->store = xcalloc(1, sizeof *db->store);
	db->path = xstrdup(path);
	int rc = sqlite3_open_v2(path, &SQ(db), flags, NULL);
	if (rc != SQLITE_OK) {
		const char *words = plain_words(rc);
		miz_fail(cause, _("cannot open the database %s: %s"), path,
		    words != NULL        ? words
		        : SQ(db) != NULL ? sqlite3_errmsg(SQ(db))
		                         : sqlite3_errstr(rc));
		db_close(db);
		return -1;
	}
	sqlite3_busy_timeout(SQ(db), BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(SQ(db), 1);

	/* Read the version first, without a lock, and refuse a newer file
	 * before its journal mode or anything else is touched. */
	int version = 0;
	char mode[16];
	if (db_user_version(db, &version, cause) != 0)
		goto fail;
	if (refuse_newer(db, version, cause) != 0)
		goto fail;
	if (readonly) {
		if (version < db_schema_version()) {
			miz_fail(cause,
			    _("database %s is read-only here and needs an upgrade: open it once "
			      "where it can be written"),
			    path);
			goto fail;
		}
		if (db_exec(db, "PRAGMA foreign_keys = ON", cause) != 0)
			goto fail;
		db->readonly = true;
		*out = db;
		return 0;
	}
	/* Foreign keys are switched on after the migrations: one of them
	 * rebuilds a table that others refer to.  Setting WAL takes a lock;
	 * a file already in WAL mode is left as it is. */
	if (journal_mode(db, mode, sizeof mode, cause) != 0 ||
	    (strcmp(mode, "wal") != 0 && db_exec(db, "PRAGMA journal_mode = WAL", cause) != 0) ||
	    db_exec(db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;", cause) != 0 ||
	    (version < db_schema_version() && db_migrate(db, cause) != 0) ||
	    db_exec(db, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	db_close(db);
	return -1;
}

int
db_open(const char *path, struct miz_db **out, char **cause)
{
	return open_db(path, false, out, cause);
}

int
db_create(const char *path, struct miz_db **out, char **cause)
{
	return open_db(path, true, out, cause);
}

/* Runs PRAGMA integrity_check on an open connection: 0 when "ok". */
static int
integrity_ok(sqlite3 *sq, const char *path, char **cause)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sq, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return miz_fail(cause, _("database %s: %s"), path, sqlite3_errmsg(sq));
	int rc = sqlite3_step(st);
	const char *answer = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int ok = answer != NULL && strcmp(answer, "ok") == 0;
	if (!ok)
		miz_fail(cause, _("%s failed its integrity check: %s"), path,
		    answer != NULL ? answer : sqlite3_errmsg(sq));
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int
db_check_file(const char *path, char **cause)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return miz_fail(cause, _("cannot read %s: %s"), path, strerror(errno));
	sqlite3 *sq = NULL;
	int rc = sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL);
	int ret = -1;
	if (rc != SQLITE_OK) {
		const char *words = plain_words(rc);
		miz_fail(cause, _("cannot open the database %s: %s"), path,
		    words != NULL ? words : sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_stmt *st;
	int version = -1;
	if (sqlite3_prepare_v2(sq, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (version < 1 || version > db_schema_version() ||
	    sqlite3_table_column_metadata(
	        sq, NULL, "cases", "code", NULL, NULL, NULL, NULL, NULL) != SQLITE_OK) {
		const char *words = plain_words(sqlite3_extended_errcode(sq));
		miz_fail(cause, _("%s is not a miz database this miz can read%s%s"), path,
		    words != NULL ? ": " : "", words != NULL ? words : "");
		goto out;
	}
	ret = integrity_ok(sq, path, cause);
out:
	sqlite3_close_v2(sq);
	return ret;
}

int
db_backup(struct miz_db *db, const char *path, char **cause)
{
	/* Written beside the target under another name, checked, then renamed:
	 * a backup that failed never stands under a backup's name. */
	/* Never over the database itself (its -wal would then be applied to
	 * the copy), nor over SQLite's files beside a database. */
	struct stat live, target;
	size_t plen = strlen(path);
	bool sqlite_file =
	    (plen > 4 &&
	        (strcmp(path + plen - 4, "-wal") == 0 || strcmp(path + plen - 4, "-shm") == 0)) ||
	    (plen > 8 && strcmp(path + plen - 8, "-journal") == 0);
	char *wal = xasprintf("%s-wal", path);
	bool has_wal = access(wal, F_OK) == 0;
	free(wal);
	if (*path == '\0' || sqlite_file || has_wal ||
	    (stat(db->path, &live) == 0 && stat(path, &target) == 0 &&
	        live.st_dev == target.st_dev && live.st_ino == target.st_ino))
		return miz_fail(cause,
		    _("%s is the database itself or one in use: give the backup another name"),
		    path);
	char *tmp = xasprintf("%s.partial", path);
	unlink(tmp);
	struct store_stmt *st;
	int ret = -1;
	/* One read transaction: a consistent copy while other desks write.
	 * The copy is private from its first byte (umask), then given the
	 * database's own mode. */
	if (store_prepare(db, "VACUUM INTO ?", &st, cause) != 0)
		goto out;
	store_bind_text(st, 1, tmp);
	mode_t mask = umask(077);
	int rc = store_step(st);
	umask(mask);
	store_finish(st);
	if (rc != STORE_DONE) {
		const char *words = plain_words(sqlite3_extended_errcode(SQ(db)));
		miz_fail(cause, _("cannot write the backup %s: %s"), path,
		    words != NULL ? words : sqlite3_errmsg(SQ(db)));
		goto out;
	}
	chmod(tmp, conf_private_mode(path));
	if (db_check_file(tmp, cause) != 0)
		goto out;
	if (rename(tmp, path) != 0) {
		miz_fail(cause, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (ret != 0)
		unlink(tmp);
	free(tmp);
	return ret;
}

int
db_restore(struct miz_db *db, const char *backup, char **cause)
{
	if (clerk_require_supervisor(db, _("restore a backup"), cause) != 0 ||
	    db_check_file(backup, cause) != 0)
		return -1;
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(backup, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close_v2(src);
		return miz_fail(
		    cause, _("cannot open the database %s: %s"), backup, sqlite3_errstr(rc));
	}
	/* SQLite's backup API writes the pages into the live file as one
	 * write transaction: other desks see the restored record, never half. */
	sqlite3_backup *b = sqlite3_backup_init(SQ(db), "main", src, "main");
	int ret = -1;
	if (b == NULL) {
		db_fail(db, cause);
	} else {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		if (rc != SQLITE_DONE)
			db_fail(db, cause);
		else
			ret = 0;
	}
	sqlite3_close_v2(src);
	/* A backup from an older miz is brought up to this schema at once, so
	 * the desks already open find the tables they write to. */
	if (ret == 0)
		ret = db_migrate(db, cause);
	return ret;
}

/* SQLite's busy handler when a desk watches the wait. */
static int
busy_wait(void *p, int count)
{
	struct miz_db *db = p;
	int waited = count * 100;
	if (waited >= BUSY_TIMEOUT_MS || !db->wait(db->wait_arg, waited))
		return 0;
	sqlite3_sleep(100);
	return 1;
}

void
db_set_wait(struct miz_db *db, bool (*wait)(void *arg, int waited_ms), void *arg)
{
	db->wait = wait;
	db->wait_arg = arg;
	if (wait != NULL)
		sqlite3_busy_handler(SQ(db), busy_wait, db);
	else
		sqlite3_busy_timeout(SQ(db), BUSY_TIMEOUT_MS);
}

void
db_close(struct miz_db *db)
{
	if (db == NULL)
		return;
	if (db->store != NULL) {
		for (size_t i = 0; i < CACHE_SLOTS; i++) {
			struct store_stmt *k = db->store->slot[i];
			if (k != NULL) {
				sqlite3_finalize(k->st);
				free(k->sql);
				free(k);
			}
		}
		/* A statement not kept that someone never finished (a fault,
		 * store_busy says so in the tests) is left to sqlite3_close_v2, which
		 * closes once it is: never finalized here from sqlite3_next_stmt,
		 * whose list holds the FTS5 index's own statements too. */
		sqlite3_close_v2(db->store->sq);
		free(db->store);
	}
	free(db->path);
	free(db);
}

int
db_begin(struct miz_db *db, char **cause)
{
	return db_exec(db, "BEGIN IMMEDIATE", cause);
}

int
db_commit(struct miz_db *db, char **cause)
{
	if (db_exec(db, "COMMIT", cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void
db_rollback(struct miz_db *db)
{
	if (!sqlite3_get_autocommit(SQ(db)))
		sqlite3_exec(SQ(db), "ROLLBACK", NULL, NULL, NULL);
}

/* FNV-1a of the SQL text. */
static size_t
sql_hash(const char *sql)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)sql; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h % CACHE_SLOTS);
}

int
store_prepare(struct miz_db *db, const char *sql, struct store_stmt **out, char **cause)
{
	struct store *s = db->store;
	size_t i = sql_hash(sql);
	struct store_stmt *k;
	/* The kept statement for this text, unless it is in use. */
	while ((k = s->slot[i]) != NULL) {
		if (strcmp(k->sql, sql) == 0 && !k->busy) {
			k->busy = true;
			*out = k;
			return 0;
		}
		i = (i + 1) % CACHE_SLOTS;
	}
	sqlite3_stmt *st;
	s->prepared++;
	if (sqlite3_prepare_v2(s->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		*out = NULL;
		return db_fail(db, cause);
	}
	k = xcalloc(1, sizeof *k);
	k->st = st;
	k->owner = s;
	k->busy = true;
	/* Kept in the free slot the search ended on, while the table is at
	 * most half full (short probes). */
	if (s->kept < CACHE_MAX) {
		k->sql = xstrdup(sql);
		s->slot[i] = k;
		s->kept++;
	} else {
		s->loose++;
	}
	*out = k;
	return 0;
}

void
store_finish(struct store_stmt *st)
{
	if (st == NULL)
		return;
	if (st->sql == NULL) {
		st->owner->loose--;
		sqlite3_finalize(st->st);
		free(st);
		return;
	}
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	st->busy = false;
}

enum store_rc
store_step(struct store_stmt *st)
{
	int rc = sqlite3_step(st->st);
	switch (rc) {
	case SQLITE_ROW:
		return STORE_ROW;
	case SQLITE_DONE:
		return STORE_DONE;
	}
	/* sqlite3_step gives the extended code: the connection has them on. */
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return STORE_UNIQUE;
	case SQLITE_CONSTRAINT_NOTNULL:
		return STORE_NOT_NULL;
	}
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return STORE_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	default:
		return STORE_ERROR;
	}
}

void
store_reset(struct store_stmt *st)
{
	sqlite3_reset(st->st);
}

int
store_param_count(struct store_stmt *st)
{
	return sqlite3_bind_parameter_count(st->st);
}

int
store_column_count(struct store_stmt *st)
{
	return sqlite3_column_count(st->st);
}

/* A bind fails only on a statement not reset or a parameter it does not
 * have: a mistake in miz, never the clerk's. */
#define BIND_OK(call)                         \
	do {                                  \
		int bind_rc = (call);         \
		assert(bind_rc == SQLITE_OK); \
		(void)bind_rc;                \
	} while (0)

void
store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	BIND_OK(sqlite3_bind_int64(st->st, i, v));
}

void
store_bind_null(struct store_stmt *st, int i)
{
	BIND_OK(sqlite3_bind_null(st->st, i));
}

void
store_bind_text(struct store_stmt *st, int i, const char *text)
{
	if (text == NULL)
		BIND_OK(sqlite3_bind_null(st->st, i));
	else
		BIND_OK(sqlite3_bind_text(st->st, i, text, -1, SQLITE_TRANSIENT));
}

void
store_bind_static(struct store_stmt *st, int i, const char *text)
{
	BIND_OK(sqlite3_bind_text(st->st, i, text, -1, SQLITE_STATIC));
}

void
store_bind_lent(struct store_stmt *st, int i, const char *text)
{
	if (text == NULL)
		BIND_OK(sqlite3_bind_null(st->st, i));
	else
		BIND_OK(sqlite3_bind_text(st->st, i, text, -1, SQLITE_STATIC));
}

void
store_bind_day(struct store_stmt *st, int i, miz_day day)
{
	/* An import binds several dates a row: formatted into the statement's
	 * own buffer, which lives as long as it (bound again, or cleared when
	 * finished, before it changes), SQLite need not copy them. */
	assert(!sqlite3_stmt_busy(st->st)); /* the buffer may be bound already */
	if (i >= 1 && i <= DAY_PARAMS) {
		cal_format_iso(day, st->day[i - 1]);
		BIND_OK(sqlite3_bind_text(st->st, i, st->day[i - 1], 10, SQLITE_STATIC));
		return;
	}
	char buf[11];
	cal_format_iso(day, buf);
	BIND_OK(sqlite3_bind_text(st->st, i, buf, 10, SQLITE_TRANSIENT));
}

int64_t
store_int(struct store_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

double
store_double(struct store_stmt *st, int i)
{
	return sqlite3_column_double(st->st, i);
}

const char *
store_text(struct store_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->st, i);
}

bool
store_is_null(struct store_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

int
store_day(struct store_stmt *st, int i, miz_day *day)
{
	const char *text = store_text(st, i);
	if (text == NULL || cal_parse(text, day, NULL) != 0)
		return -1;
	return 0;
}

char *
store_strdup(struct store_stmt *st, int i)
{
	const char *text = store_text(st, i);
	return xstrdup(text != NULL ? text : "");
}

int64_t
store_changes(struct miz_db *db)
{
	return sqlite3_changes(SQ(db));
}

int64_t
store_last_id(struct miz_db *db)
{
	return sqlite3_last_insert_rowid(SQ(db));
}

bool
store_in_transaction(struct miz_db *db)
{
	return !sqlite3_get_autocommit(SQ(db));
}

long
store_prepared(struct miz_db *db)
{
	return db->store->prepared;
}

int
store_busy(struct miz_db *db)
{
	int n = db->store->loose;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (db->store->slot[i] != NULL && db->store->slot[i]->busy)
			n++;
	}
	return n;
}

char *
store_quote_name(const char *name)
{
	char *q = sqlite3_mprintf("\"%w\"", name);
	if (q == NULL)
		return xasprintf("\"%s\"", "?"); /* out of memory: a name that matches nothing */
	char *out = xstrdup(q);
	sqlite3_free(q);
	return out;
}

/*
 * The bulk import's upkeep: indexes set aside and built again, the page
 * cache, foreign keys, the planner's statistics.
 */

struct store_deferred {
	char **name, **type, **sql;
	size_t n;
};

int
store_defer_indexes(struct miz_db *db, struct store_deferred **dp, const char *table,
    const char *trigger, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT name, type, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL"
	        " AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR"
	        " (type = 'trigger' AND name = ?2))",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, table);
	store_bind_text(st, 2, trigger);
	if (*dp == NULL)
		*dp = xcalloc(1, sizeof **dp);
	struct store_deferred *d = *dp;
	size_t first = d->n; /* another table's may be set aside already */
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		d->name = xreallocarray(d->name, d->n + 1, sizeof *d->name);
		d->type = xreallocarray(d->type, d->n + 1, sizeof *d->type);
		d->sql = xreallocarray(d->sql, d->n + 1, sizeof *d->sql);
		d->name[d->n] = store_strdup(st, 0);
		d->type[d->n] = store_strdup(st, 1);
		d->sql[d->n] = store_strdup(st, 2);
		d->n++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	for (size_t i = first; i < d->n; i++) {
		char *name = store_quote_name(d->name[i]);
		char *sql = xasprintf(
		    "DROP %s %s", strcmp(d->type[i], "trigger") == 0 ? "TRIGGER" : "INDEX", name);
		int ret = db_exec(db, sql, cause);
		free(sql);
		free(name);
		if (ret != 0)
			return -1;
	}
	return 0;
}

int
store_restore_indexes(struct miz_db *db, struct store_deferred *d, char **cause)
{
	for (size_t i = 0; d != NULL && i < d->n; i++) {
		if (db_exec(db, d->sql[i], cause) != 0)
			return -1;
	}
	return 0;
}

size_t
store_deferred_count(const struct store_deferred *d)
{
	return d != NULL ? d->n : 0;
}

void
store_deferred_free(struct store_deferred *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->name[i]);
		free(d->type[i]);
		free(d->sql[i]);
	}
	free(d->name);
	free(d->type);
	free(d->sql);
	free(d);
}

int
store_rebuild_name_index(struct miz_db *db, char **cause)
{
	return db_exec(db, "INSERT INTO client_name(client_name) VALUES ('rebuild')", cause);
}

/*
 * The page cache while importing.  Measured on 1,000,000 cases: 6 MiB saved
 * 5% and 10 MiB the same for twice the memory, and memory-mapping the file
 * saved 13% for six times the memory; so it stays at SQLite's default.
 */
#define IMPORT_CACHE_KIB 2000

void
store_bulk_cache(struct miz_db *db, bool on)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", on ? IMPORT_CACHE_KIB : 2000);
	sqlite3_exec(SQ(db), sql, NULL, NULL, NULL);
}

void
store_foreign_keys(struct miz_db *db, bool on)
{
	sqlite3_exec(SQ(db), on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", NULL,
	    NULL, NULL);
}

void
store_analyze(struct miz_db *db)
{
	sqlite3_exec(SQ(db), "PRAGMA analysis_limit = 400; ANALYZE;", NULL, NULL, NULL);
}
