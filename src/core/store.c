/*
 * The store, whatever the engine: which engine a --db names, the statement
 * cache, and store.h's calls passed to the engine (store_engine.h).
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/clerk.h"
#include "miz/db.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "store.h"
#include "store_engine.h"

#define E(db) ((db)->store->e)
#define SE(st) ((st)->owner->e)

bool
db_is_server(const char *where)
{
	return where != NULL &&
	    (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0);
}

static int
open_db(const char *where, bool create, struct miz_db **out, char **cause)
{
	struct miz_db *db = xcalloc(1, sizeof *db);
	db->store = xcalloc(1, sizeof *db->store);
	db->store->e = db_is_server(where) ? &store_pg_engine : &store_sqlite_engine;
	if (E(db)->open(db, where, create, cause) != 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
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

const char *
db_where(const struct miz_db *db)
{
	return db->path;
}

void
db_close(struct miz_db *db)
{
	if (db == NULL)
		return;
	db_settings_forget(db);
	struct store *s = db->store;
	if (s != NULL) {
		for (size_t i = 0; i < CACHE_SLOTS; i++) {
			struct store_stmt *k = s->slot[i];
			if (k != NULL) {
				s->e->finalize(k->h);
				free(k->sql);
				free(k);
			}
		}
		/* A statement not kept that someone never finished (a fault,
		 * store_busy says so in the tests) is left to the engine's
		 * close. */
		if (s->conn != NULL)
			s->e->close(s->conn);
		free(s);
	}
	free(db->path);
	free(db);
}

int
db_fail(struct miz_db *db, char **cause)
{
	return E(db)->fail(db, cause);
}

int
db_exec(struct miz_db *db, const char *sql, char **cause)
{
	return E(db)->exec(db, sql, cause);
}

int
db_begin(struct miz_db *db, char **cause)
{
	if (E(db)->begin(db, cause) != 0)
		return -1;
	db->store->transactions++;
	return 0;
}

long
store_transaction_serial(struct miz_db *db)
{
	return db->store->transactions;
}

int
db_commit(struct miz_db *db, char **cause)
{
	return E(db)->commit(db, cause);
}

void
db_rollback(struct miz_db *db)
{
	E(db)->rollback(db);
}

int
db_backup(struct miz_db *db, const char *path, char **cause)
{
	return E(db)->backup(db, path, cause);
}

int
db_restore(struct miz_db *db, const char *backup, char **cause)
{
	if (clerk_require_supervisor(db, _("restore a backup"), cause) != 0)
		return -1;
	return E(db)->restore(db, backup, cause);
}

void
db_set_wait(struct miz_db *db, bool (*wait)(void *arg, int waited_ms), void *arg)
{
	db->wait = wait;
	db->wait_arg = arg;
	E(db)->set_wait(db);
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
	s->prepared++;
	void *h = s->e->prepare(db, sql);
	if (h == NULL) {
		*out = NULL;
		return db_fail(db, cause);
	}
	k = xcalloc(1, sizeof *k);
	k->h = h;
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
		SE(st)->finalize(st->h);
		free(st);
		return;
	}
	SE(st)->clear(st->h);
	st->busy = false;
}

enum store_rc
store_step(struct store_stmt *st)
{
	return SE(st)->step(st->h);
}

void
store_stream(struct store_stmt *st)
{
	if (SE(st)->stream != NULL)
		SE(st)->stream(st->h);
}

void
store_reset(struct store_stmt *st)
{
	SE(st)->reset(st->h);
}

int
store_param_count(struct store_stmt *st)
{
	return SE(st)->param_count(st->h);
}

int
store_column_count(struct store_stmt *st)
{
	return SE(st)->column_count(st->h);
}

void
store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	SE(st)->bind_int(st->h, i, v);
}

void
store_bind_null(struct store_stmt *st, int i)
{
	SE(st)->bind_null(st->h, i);
}

void
store_bind_text(struct store_stmt *st, int i, const char *text)
{
	if (text == NULL)
		SE(st)->bind_null(st->h, i);
	else
		SE(st)->bind_text(st->h, i, text, -1, false);
}

void
store_bind_static(struct store_stmt *st, int i, const char *text)
{
	SE(st)->bind_text(st->h, i, text, -1, true);
}

void
store_bind_lent(struct store_stmt *st, int i, const char *text)
{
	if (text == NULL)
		SE(st)->bind_null(st->h, i);
	else
		SE(st)->bind_text(st->h, i, text, -1, true);
}

void
store_bind_day(struct store_stmt *st, int i, miz_day day)
{
	/* An import binds several dates a row: formatted into the statement's
	 * own buffer, which lives as long as it (bound again, or cleared when
	 * finished, before it changes), the engine need not copy them. */
	assert(!SE(st)->running(st->h)); /* the buffer may be bound already */
	if (i >= 1 && i <= DAY_PARAMS) {
		cal_format_iso(day, st->day[i - 1]);
		SE(st)->bind_text(st->h, i, st->day[i - 1], 10, true);
		return;
	}
	char buf[11];
	cal_format_iso(day, buf);
	SE(st)->bind_text(st->h, i, buf, 10, false);
}

int64_t
store_int(struct store_stmt *st, int i)
{
	return SE(st)->col_int(st->h, i);
}

double
store_double(struct store_stmt *st, int i)
{
	return SE(st)->col_double(st->h, i);
}

const char *
store_text(struct store_stmt *st, int i)
{
	return SE(st)->col_text(st->h, i);
}

bool
store_is_null(struct store_stmt *st, int i)
{
	return SE(st)->col_null(st->h, i);
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
	return E(db)->changes(db);
}

int64_t
store_last_id(struct miz_db *db)
{
	return E(db)->last_id(db);
}

bool
store_in_transaction(struct miz_db *db)
{
	return E(db)->in_transaction(db);
}

long
store_round_trips(struct miz_db *db)
{
	return E(db)->round_trips(db);
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

bool
store_names_by_like(struct miz_db *db)
{
	return E(db)->names_by_like;
}

char *
store_quote_name(const char *name)
{
	/* SQL's own rule, the same for both engines: in double quotes, a
	 * double quote doubled. */
	size_t n = strlen(name);
	char *q = xmalloc(2 * n + 3);
	char *o = q;
	*o++ = '"';
	for (const char *p = name; *p != '\0'; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return q;
}

void
store_deferred_add(struct store_deferred **dp, const char *drop, const char *create)
{
	if (*dp == NULL)
		*dp = xcalloc(1, sizeof **dp);
	struct store_deferred *d = *dp;
	d->drop = xreallocarray(d->drop, d->n + 1, sizeof *d->drop);
	d->create = xreallocarray(d->create, d->n + 1, sizeof *d->create);
	d->drop[d->n] = xstrdup(drop);
	d->create[d->n] = xstrdup(create);
	d->n++;
}

int
store_defer_indexes(struct miz_db *db, struct store_deferred **dp, const char *table,
    const char *trigger, char **cause)
{
	size_t first = *dp != NULL ? (*dp)->n : 0; /* another table's may be set aside already */
	if (E(db)->defer_indexes(db, dp, table, trigger, cause) != 0)
		return -1;
	for (size_t i = first; *dp != NULL && i < (*dp)->n; i++) {
		if (db_exec(db, (*dp)->drop[i], cause) != 0)
			return -1;
	}
	return 0;
}

int
store_restore_indexes(struct miz_db *db, struct store_deferred *d, char **cause)
{
	for (size_t i = 0; d != NULL && i < d->n; i++) {
		if (db_exec(db, d->create[i], cause) != 0)
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
		free(d->drop[i]);
		free(d->create[i]);
	}
	free(d->drop);
	free(d->create);
	free(d);
}

int
store_rebuild_name_index(struct miz_db *db, char **cause)
{
	return E(db)->rebuild_name_index(db, cause);
}

void
store_bulk_cache(struct miz_db *db, bool on)
{
	E(db)->bulk_cache(db, on);
}

void
store_foreign_keys(struct miz_db *db, bool on)
{
	E(db)->foreign_keys(db, on);
}

void
store_analyze(struct miz_db *db, const char *tables)
{
	E(db)->analyze(db, tables);
}

/* ---- bulk loads -------------------------------------------------------- */

struct store_load {
	struct miz_db *db;
	int n;
	char **values; /* the row being built: copies, NULL for NULL */
	struct store_stmt *insert; /* the engine has no bulk load: a reused INSERT */
	bool failed;
};

int
store_load_begin(struct miz_db *db, const char *table, const char *const *columns, int n,
    struct store_load **out, char **cause)
{
	assert(n > 0 && store_in_transaction(db));
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(columns[i]) + 2;
	char *cols = xmalloc(len);
	cols[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strcat(cols, ", ");
		strcat(cols, columns[i]);
	}
	struct store_load *l = xcalloc(1, sizeof *l);
	*l = (struct store_load){
		.db = db, .n = n, .values = xcalloc((size_t)n, sizeof *l->values)
	};
	int rc;
	if (E(db)->load_begin != NULL) {
		rc = E(db)->load_begin(db, table, cols) == 0 ? 0 : E(db)->fail(db, cause);
	} else {
		char *params = xmalloc((size_t)n * 5 + 1), *p = params;
		for (int i = 0; i < n; i++)
			p += sprintf(p, i > 0 ? ", ?%d" : "?%d", i + 1);
		char *sql = xasprintf("INSERT INTO %s(%s) VALUES (%s)", table, cols, params);
		rc = store_prepare(db, sql, &l->insert, cause);
		free(sql);
		free(params);
	}
	free(cols);
	if (rc != 0) {
		free(l->values);
		free(l);
		*out = NULL;
		return -1;
	}
	*out = l;
	return 0;
}

void
store_load_text(struct store_load *l, int i, const char *text)
{
	assert(i >= 0 && i < l->n);
	free(l->values[i]);
	l->values[i] = text != NULL ? xstrdup(text) : NULL;
}

void
store_load_int(struct store_load *l, int i, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	store_load_text(l, i, buf);
}

void
store_load_day(struct store_load *l, int i, miz_day day)
{
	char buf[11];
	if (day == NO_DAY) {
		store_load_text(l, i, NULL);
		return;
	}
	cal_format_iso(day, buf);
	store_load_text(l, i, buf);
}

int
store_load_row(struct store_load *l)
{
	if (!l->failed) {
		if (l->insert != NULL) {
			/* The row's own copies, lent until the step is done. */
			for (int i = 0; i < l->n; i++)
				store_bind_lent(l->insert, i + 1, l->values[i]);
			l->failed = store_step(l->insert) != STORE_DONE;
			store_reset(l->insert);
			for (int i = 0; i < l->n; i++)
				store_bind_null(l->insert, i + 1);
		} else {
			l->failed =
			    E(l->db)->load_row(l->db, (const char *const *)l->values, l->n) != 0;
		}
	}
	for (int i = 0; i < l->n; i++) {
		free(l->values[i]);
		l->values[i] = NULL;
	}
	return l->failed ? -1 : 0;
}

int
store_load_end(struct store_load *l, char **cause)
{
	if (l == NULL)
		return 0;
	struct miz_db *db = l->db;
	int rc;
	if (l->insert != NULL) {
		rc = l->failed ? db_fail(db, cause) : 0;
		store_finish(l->insert);
	} else {
		rc =
		    E(db)->load_end(db, !l->failed) == 0 && !l->failed ? 0 : E(db)->fail(db, cause);
	}
	for (int i = 0; i < l->n; i++)
		free(l->values[i]);
	free(l->values);
	free(l);
	return rc;
}
