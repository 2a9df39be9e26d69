/* The SQLite file: opening, migrations, transactions and settings. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "miz/audit.h"
#include "miz/calendar.h"
#include "miz/clerk.h"
#include "miz/conf.h"
#include "miz/db.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"
#include "figures.h"
#include "schema.h"

/* Long enough for another clerk's write to finish on a slow office server. */
#define BUSY_TIMEOUT_MS 15000

int
db_schema_version(void)
{
	return (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
}

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
	const char *words = plain_words(sqlite3_extended_errcode(db->sq));
	return miz_fail(
	    cause, _("database %s: %s"), db->path, words != NULL ? words : sqlite3_errmsg(db->sq));
}

int
db_exec(struct miz_db *db, const char *sql, char **cause)
{
	char *err = NULL;
	int rc = sqlite3_exec(db->sq, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		const char *words = plain_words(rc);
		miz_fail(cause, _("database %s: %s"), db->path,
		    words != NULL ? words : err != NULL ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Reads PRAGMA user_version. */
static int
db_user_version(struct miz_db *db, int *version, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "PRAGMA user_version", &st, cause) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, cause);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
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
	/* Schema 7 began sealing history rows: the ones already there are
	 * sealed once the schema is whole (seals cover columns added later). */
	if (version < 7 && audit_seal_all(db, cause) != 0)
		goto fail;
	/* Schema 9: years with official days had their lists imported. */
	if (version > 0 && version < 9 && holiday_mark_loaded_years(db, cause) != 0)
		goto fail;
	/* Schema 12: the day figures of the cases there (by the calendar). */
	if (version > 0 && version < 12 && figures_from_cases(db, "1", cause) != 0)
		goto fail;
	if (db_commit(db, cause) != 0)
		return -1;
	/* Migration 5 rebuilt cases, which drops the planner's statistics on it:
	 * gather them again where a big import had (a sampled ANALYZE). */
	if (version > 0 && version < 5 &&
	    sqlite3_table_column_metadata(db->sq, NULL, "sqlite_stat1", "tbl", NULL, NULL, NULL,
	        NULL, NULL) == SQLITE_OK)
		sqlite3_exec(db->sq, "PRAGMA analysis_limit = 400; ANALYZE cases;", NULL, NULL, NULL);
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* The file's journal mode ("wal", "delete", ...), into buf. */
static int
journal_mode(struct miz_db *db, char *buf, size_t size, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "PRAGMA journal_mode", &st, cause) != 0)
		return -1;
	int rc = sqlite3_step(st);
	const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	snprintf(buf, size, "%s", mode != NULL ? mode : "");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, cause);
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
			    _("no miz database at %s: create one with: miz init --db %s"), path, path);
		if (!create)
			return miz_fail(cause, _("cannot open the database %s: %s"), path, strerror(e));
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
	db->path = xstrdup(path);
	int rc = sqlite3_open_v2(path, &db->sq, flags, NULL);
	if (rc != SQLITE_OK) {
		const char *words = plain_words(rc);
		miz_fail(cause, _("cannot open the database %s: %s"), path,
		    words != NULL  ? words
		        : db->sq != NULL ? sqlite3_errmsg(db->sq)
		                         : sqlite3_errstr(rc));
		db_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db->sq, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->sq, 1);

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
	    sqlite3_table_column_metadata(sq, NULL, "cases", "code", NULL, NULL, NULL, NULL,
	        NULL) != SQLITE_OK) {
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
	bool sqlite_file = (plen > 4 && (strcmp(path + plen - 4, "-wal") == 0 ||
	                                    strcmp(path + plen - 4, "-shm") == 0)) ||
	    (plen > 8 && strcmp(path + plen - 8, "-journal") == 0);
	char *wal = xasprintf("%s-wal", path);
	bool has_wal = access(wal, F_OK) == 0;
	free(wal);
	if (*path == '\0' || sqlite_file || has_wal ||
	    (stat(db->path, &live) == 0 && stat(path, &target) == 0 && live.st_dev == target.st_dev &&
	        live.st_ino == target.st_ino))
		return miz_fail(cause,
		    _("%s is the database itself or one in use: give the backup another name"),
		    path);
	char *tmp = xasprintf("%s.partial", path);
	unlink(tmp);
	sqlite3_stmt *st;
	int ret = -1;
	/* One read transaction: a consistent copy while other desks write.
	 * The copy is private from its first byte (umask), then given the
	 * database's own mode. */
	if (db_prepare(db, "VACUUM INTO ?", &st, cause) != 0)
		goto out;
	sqlite3_bind_text(st, 1, tmp, -1, SQLITE_TRANSIENT);
	mode_t mask = umask(077);
	int rc = sqlite3_step(st);
	umask(mask);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		const char *words = plain_words(sqlite3_extended_errcode(db->sq));
		miz_fail(cause, _("cannot write the backup %s: %s"), path,
		    words != NULL ? words : sqlite3_errmsg(db->sq));
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
		return miz_fail(cause, _("cannot open the database %s: %s"), backup, sqlite3_errstr(rc));
	}
	/* SQLite's backup API writes the pages into the live file as one
	 * write transaction: other desks see the restored record, never half. */
	sqlite3_backup *b = sqlite3_backup_init(db->sq, "main", src, "main");
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
		sqlite3_busy_handler(db->sq, busy_wait, db);
	else
		sqlite3_busy_timeout(db->sq, BUSY_TIMEOUT_MS);
}

void
db_close(struct miz_db *db)
{
	if (db == NULL)
		return;
	sqlite3_close_v2(db->sq);
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
	if (!sqlite3_get_autocommit(db->sq))
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
}

int
db_prepare(struct miz_db *db, const char *sql, sqlite3_stmt **out, char **cause)
{
	if (sqlite3_prepare_v2(db->sq, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return db_fail(db, cause);
	}
	return 0;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

void
db_bind_day(sqlite3_stmt *st, int i, int day)
{
	char buf[11];
	cal_format_iso(day, buf);
	sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

int
db_column_day(sqlite3_stmt *st, int i, int *day)
{
	const char *text = (const char *)sqlite3_column_text(st, i);
	if (text == NULL || cal_parse(text, day, NULL) != 0)
		return -1;
	return 0;
}

char *
db_column_strdup(sqlite3_stmt *st, int i)
{
	const char *text = (const char *)sqlite3_column_text(st, i);
	return xstrdup(text != NULL ? text : "");
}

int
db_setting_get(struct miz_db *db, const char *key, char **value, char **cause)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT value FROM setting WHERE key = ?", &st, cause) != 0)
		return -1;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = db_column_strdup(st, 0);
	else if (rc == SQLITE_DONE)
		*value = NULL;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
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
	sqlite3_stmt *st;
	if (db_prepare(db,
	        "INSERT INTO setting(key, value) VALUES (?, ?)"
	        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	        &st, cause) != 0)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
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
