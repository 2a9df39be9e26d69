/*
 * A database engine behind the store: what store.c asks of store_sqlite.c
 * and store_pg.c.  store.c keeps the statement cache and hands the core
 * store.h's calls; an engine only opens its database, runs its SQL and
 * answers in store.h's words.  Included by the store's own files only.
 */
#ifndef MIZ_STORE_ENGINE_H
#define MIZ_STORE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* Statements kept per connection: miz's own SQL is about 150 texts; a
 * report's built ones come on top.  Beyond this, statements are finalized
 * when done. */
#define CACHE_SLOTS 512
#define CACHE_MAX (CACHE_SLOTS / 2)

/* Parameters whose dates are kept in the statement itself (bound without
 * a copy); a later one is copied. */
#define DAY_PARAMS 12

struct store_engine;

struct store_stmt {
	void *h; /* the engine's statement */
	struct store *owner;
	char *sql; /* the text it was kept under; NULL when not kept */
	bool busy; /* handed out and not finished */
	char day[DAY_PARAMS][11]; /* the ISO text of dates bound to ?1.. */
};

struct store {
	const struct store_engine *e;
	void *conn; /* the engine's connection */
	struct store_stmt *slot[CACHE_SLOTS]; /* open addressing on the SQL text */
	size_t kept;
	int loose; /* statements not kept, handed out and not finished */
	long prepared;
	long transactions; /* begun: store_transaction_serial */
};

struct store_engine {
	/* Opens (or, with create, makes) the database at `where` and brings
	 * it to the engine's newest schema; fills db->store->conn. */
	int (*open)(struct miz_db *db, const char *where, bool create, char **cause);
	void (*close)(void *conn);
	int (*exec)(struct miz_db *db, const char *sql, char **cause);
	int (*fail)(struct miz_db *db, char **cause);
	int (*begin)(struct miz_db *db, char **cause);
	int (*commit)(struct miz_db *db, char **cause);
	void (*rollback)(struct miz_db *db);
	bool (*in_transaction)(struct miz_db *db);
	long (*round_trips)(struct miz_db *db);
	int64_t (*changes)(struct miz_db *db);
	int64_t (*last_id)(struct miz_db *db);

	/* A statement: NULL when the engine refused it (fail says why). */
	void *(*prepare)(struct miz_db *db, const char *sql);
	void (*finalize)(void *h);
	/* Reset to run again, bindings cleared (clear) or kept (reset). */
	void (*clear)(void *h);
	void (*reset)(void *h);
	enum store_rc (*step)(void *h);
	bool (*running)(void *h); /* stepped and not reset */
	void (*stream)(void *h); /* store_stream; NULL: rows come as they do */
	int (*param_count)(void *h);
	int (*column_count)(void *h);
	void (*bind_int)(void *h, int i, int64_t v);
	void (*bind_null)(void *h, int i);
	/* Text of len bytes (-1: to its NUL); copied unless `keep` says it
	 * outlives the binding. */
	void (*bind_text)(void *h, int i, const char *text, int len, bool keep);
	int64_t (*col_int)(void *h, int i);
	double (*col_double)(void *h, int i);
	const char *(*col_text)(void *h, int i);
	bool (*col_null)(void *h, int i);

	int (*backup)(struct miz_db *db, const char *path, char **cause);
	int (*restore)(struct miz_db *db, const char *backup, char **cause);
	void (*set_wait)(struct miz_db *db);

	/* The bulk import's upkeep (store.h); defer_indexes only lists what
	 * to set aside (store_deferred_add). */
	int (*defer_indexes)(struct miz_db *db, struct store_deferred **d, const char *table,
	    const char *trigger, char **cause);
	int (*rebuild_name_index)(struct miz_db *db, char **cause);
	void (*bulk_cache)(struct miz_db *db, bool on);
	void (*foreign_keys)(struct miz_db *db, bool on);
	void (*analyze)(struct miz_db *db, const char *tables);
	/* A bulk load (store_load_begin): NULL to load by a reused INSERT.
	 * load_begin starts loading `columns` of `table`; load_row adds one
	 * row (NULL values are NULL), -1 when it could not be sent; load_end
	 * finishes it (ok false: abandons it), 0 or -1 (fail says why). */
	int (*load_begin)(struct miz_db *db, const char *table, const char *columns);
	int (*load_row)(struct miz_db *db, const char *const *values, int n);
	int (*load_end)(struct miz_db *db, bool ok);
	/* Name search by LIKE over a trigram index (store_names_by_like). */
	bool names_by_like;
};

extern const struct store_engine store_sqlite_engine;
extern const struct store_engine store_pg_engine;

/* What defer_indexes sets aside: each index or trigger's DROP, run by
 * store_defer_indexes, and its CREATE, run by store_restore_indexes. */
struct store_deferred {
	char **drop, **create;
	size_t n;
};
/* Adds one to *d (made on first use). */
void store_deferred_add(struct store_deferred **d, const char *drop, const char *create);

#endif
