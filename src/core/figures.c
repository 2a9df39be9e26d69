/* Each day's figures per service (figures.h). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "miz/holiday.h"
#include "miz/xmalloc.h"
#include "store.h"

/* The columns of day_figure that are counted. */
enum fig {
	F_OPENED,
	F_NOTICED,
	F_REPEATED,
	F_DELIVERED,
	F_ON_TIME,
	F_DAYS_SUM,
	F_DAYS_N,
	F_VISITS_SUM,
	F_SAT_N,
	F_SAT_SUM,
	F_CLOSED,
	F__COUNT
};
_Static_assert(F__COUNT == DAY_ACC_VALUES, "day_acc holds a day's figures");

#define UPSERT                                                                          \
	"INSERT INTO day_figure(day, service_id, opened, noticed, repeated, delivered," \
	" on_time, days_sum, days_n, visits_sum, sat_n, sat_sum, closed)"               \
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"              \
	" ON CONFLICT(day, service_id) DO UPDATE SET opened = day_figure.opened + ?3,"  \
	" noticed = day_figure.noticed + ?4, repeated = day_figure.repeated + ?5,"      \
	" delivered = day_figure.delivered + ?6, on_time = day_figure.on_time + ?7,"    \
	" days_sum = day_figure.days_sum + ?8, days_n = day_figure.days_n + ?9,"        \
	" visits_sum = day_figure.visits_sum + ?10, sat_n = day_figure.sat_n + ?11,"    \
	" sat_sum = day_figure.sat_sum + ?12, closed = day_figure.closed + ?13"

/* Adds v[] to a day's row for a service with the UPSERT statement st. */
static int
add_with(struct miz_db *db, struct store_stmt *st, miz_day day, int64_t service_id,
    const long long v[F__COUNT], char **cause)
{
	store_reset(st);
	store_bind_day(st, 1, day);
	store_bind_int(st, 2, service_id);
	for (int i = 0; i < F__COUNT; i++)
		store_bind_int(st, 3 + i, v[i]);
	return store_step(st) == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Adds v[] to a day's row for a service. */
static int
add(struct miz_db *db, miz_day day, int64_t service_id, const long long v[F__COUNT], char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, UPSERT, &st, cause) != 0)
		return -1;
	int ret = add_with(db, st, day, service_id, v, cause);
	store_finish(st);
	return ret;
}

int
figures_opened(struct miz_db *db, int64_t service_id, miz_day day, char **cause)
{
	long long v[F__COUNT] = { 0 };
	v[F_OPENED] = 1;
	return add(db, day, service_id, v, cause);
}

int
figures_notice(struct miz_db *db, int64_t case_id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT c.opened_on, c.service_id,"
	        " (SELECT count(*) FROM notice n WHERE n.case_id = c.id) FROM cases c WHERE c.id = "
	        "?",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	int rc = store_step(st);
	miz_day opened = NO_DAY;
	int64_t service = 0;
	int notices = 0;
	if (rc == STORE_ROW) {
		if (store_day(st, 0, &opened) != 0)
			opened = NO_DAY;
		service = store_int(st, 1);
		notices = (int)store_int(st, 2);
	}
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	if (opened == NO_DAY || notices > 2)
		return 0;
	long long v[F__COUNT] = { 0 };
	v[notices == 1 ? F_NOTICED : F_REPEATED] = 1;
	return notices >= 1 ? add(db, opened, service, v, cause) : 0;
}

/*
 * Figures of the closed cases a query lists (id, service_id, status,
 * complete_on, closed_on, promised_on, visits, satisfaction), in order of
 * closed_on and service_id: each run of one day and service is one write.
 */
static int
closed_rows(struct miz_db *db, struct store_stmt *st, char **cause)
{
	struct miz_calendar cal;
	bool have_cal = false;
	int rc = STORE_DONE, ret = 0;
	struct store_stmt *up;
	if (store_prepare(db, UPSERT, &up, cause) != 0)
		return -1;
	long long v[F__COUNT] = { 0 };
	miz_day run_day = NO_DAY;
	int64_t run_service = 0;
	while (ret == 0 && (rc = store_step(st)) == STORE_ROW) {
		int64_t service = store_int(st, 1);
		const char *status = store_text(st, 2);
		miz_day complete, closed, promised;
		bool has_complete = store_day(st, 3, &complete) == 0;
		if (store_day(st, 4, &closed) != 0)
			continue; /* not closed */
		bool has_promise = store_day(st, 5, &promised) == 0;
		if (run_day != NO_DAY && (closed != run_day || service != run_service)) {
			ret = add_with(db, up, run_day, run_service, v, cause);
			memset(v, 0, sizeof v);
		}
		run_day = closed;
		run_service = service;
		v[F_CLOSED]++;
		if (status == NULL || status[0] != 'd') /* withdrawn, rejected */
			continue;
		v[F_DELIVERED]++;
		v[F_ON_TIME] += has_promise && closed <= promised;
		if (has_complete) {
			if (!have_cal) {
				if (holiday_load_calendar(db, &cal, cause) != 0) {
					ret = -1;
					break;
				}
				have_cal = true;
			}
			v[F_DAYS_SUM] += cal_working_days_between(&cal, complete, closed);
			v[F_DAYS_N]++;
		}
		v[F_VISITS_SUM] += (int)store_int(st, 6);
		if (!store_is_null(st, 7)) {
			v[F_SAT_N]++;
			v[F_SAT_SUM] += (int)store_int(st, 7);
		}
	}
	if (ret == 0 && rc != STORE_DONE && rc != STORE_ROW)
		ret = db_fail(db, cause);
	if (ret == 0 && run_day != NO_DAY)
		ret = add_with(db, up, run_day, run_service, v, cause);
	store_finish(up);
	if (have_cal)
		cal_free(&cal);
	return ret;
}

#define CLOSED_COLUMNS                                                                    \
	"SELECT c.id, c.service_id, c.status, c.complete_on, c.closed_on, c.promised_on," \
	" c.visits, c.satisfaction FROM cases c"

int
figures_closed(struct miz_db *db, int64_t case_id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, CLOSED_COLUMNS " WHERE c.id = ?", &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	int ret = closed_rows(db, st, cause);
	store_finish(st);
	return ret;
}

int
figures_from_cases(struct miz_db *db, const char *which, char **cause)
{
	/* Opened, and the notices, per day and service at once. */
	char *sql = xasprintf(
	    "INSERT INTO day_figure(day, service_id, opened, noticed, repeated)"
	    " SELECT opened_on, service_id, count(*), count(*) FILTER (WHERE n > 0),"
	    " count(*) FILTER (WHERE n > 1) FROM"
	    " (SELECT c.opened_on, c.service_id,"
	    "   (SELECT count(*) FROM notice x WHERE x.case_id = c.id) AS n"
	    "  FROM cases c WHERE %s AND c.opened_on IS NOT NULL) AS f WHERE true GROUP BY 1, 2"
	    " ON CONFLICT(day, service_id) DO UPDATE"
	    " SET opened = day_figure.opened + excluded.opened,"
	    " noticed = day_figure.noticed + excluded.noticed,"
	    " repeated = day_figure.repeated + excluded.repeated",
	    which);
	int rc = db_exec(db, sql, cause);
	free(sql);
	if (rc != 0)
		return -1;
	/* Closed ones one by one: their working days need the calendar. */
	sql = xasprintf(CLOSED_COLUMNS " WHERE %s AND c.closed_on IS NOT NULL"
	                               " ORDER BY c.closed_on, c.service_id",
	    which);
	struct store_stmt *st;
	rc = store_prepare(db, sql, &st, cause);
	free(sql);
	if (rc != 0)
		return -1;
	int ret = closed_rows(db, st, cause);
	store_finish(st);
	return ret;
}

void
day_acc_init(struct day_acc *a)
{
	memset(a, 0, sizeof *a);
}

void
day_acc_free(struct day_acc *a)
{
	for (size_t i = 0; i < (a->n + DAY_ACC_BLOCK - 1) / DAY_ACC_BLOCK; i++)
		free(a->blocks[i]);
	free(a->blocks);
	free(a->slots);
	memset(a, 0, sizeof *a);
}

struct day_acc_row *
day_acc_row(const struct day_acc *a, size_t i)
{
	return &a->blocks[i / DAY_ACC_BLOCK][i % DAY_ACC_BLOCK];
}

static size_t
slot_of(miz_day day, int64_t id, size_t nslots)
{
	uint64_t h =
	    (uint64_t)(int64_t)day * 0x9e3779b97f4a7c15u ^ (uint64_t)id * 0xc2b2ae3d27d4eb4fu;
	return (size_t)(h ^ (h >> 29)) & (nslots - 1);
}

struct day_acc_row *
day_acc_get(struct day_acc *a, miz_day day, int64_t id)
{
	if (a->nslots == 0 || (a->n + 1) * 2 > a->nslots) {
		/* Grow the index to keep it at most half full. */
		size_t nslots = a->nslots == 0 ? 1024 : a->nslots * 2;
		uint32_t *slots = xcalloc(nslots, sizeof *slots);
		for (size_t i = 0; i < a->n; i++) {
			const struct day_acc_row *r = day_acc_row(a, i);
			size_t k = slot_of(r->day, r->id, nslots);
			while (slots[k] != 0)
				k = (k + 1) & (nslots - 1);
			slots[k] = (uint32_t)(i + 1);
		}
		free(a->slots);
		a->slots = slots;
		a->nslots = nslots;
	}
	size_t k = slot_of(day, id, a->nslots);
	while (a->slots[k] != 0) {
		struct day_acc_row *r = day_acc_row(a, a->slots[k] - 1);
		if (r->day == day && r->id == id)
			return r;
		k = (k + 1) & (a->nslots - 1);
	}
	if (a->n % DAY_ACC_BLOCK == 0) {
		size_t nblocks = a->n / DAY_ACC_BLOCK + 1;
		a->blocks = xreallocarray(a->blocks, nblocks, sizeof *a->blocks);
		a->blocks[nblocks - 1] = xcalloc(DAY_ACC_BLOCK, sizeof **a->blocks);
	}
	struct day_acc_row *r = day_acc_row(a, a->n);
	r->day = day;
	r->id = id;
	a->slots[k] = (uint32_t)++a->n;
	return r;
}

void
figures_acc_case(struct day_acc *a, const struct miz_calendar *cal, int64_t service_id,
    miz_day opened, const char *status, miz_day complete, miz_day closed, miz_day promised,
    int visits, int satisfaction)
{
	if (opened != NO_DAY)
		day_acc_get(a, opened, service_id)->v[F_OPENED]++;
	if (closed == NO_DAY)
		return;
	struct day_acc_row *row = day_acc_get(a, closed, service_id);
	int32_t *v = row->v;
	v[F_CLOSED]++;
	if (status == NULL || status[0] != 'd') /* withdrawn, rejected */
		return;
	v[F_DELIVERED]++;
	v[F_ON_TIME] += promised != NO_DAY && closed <= promised;
	if (complete != NO_DAY) {
		row->days_sum += cal_working_days_between(cal, complete, closed);
		v[F_DAYS_N]++;
	}
	v[F_VISITS_SUM] += visits;
	if (satisfaction > 0) {
		v[F_SAT_N]++;
		v[F_SAT_SUM] += satisfaction;
	}
}

int
figures_acc_write(struct miz_db *db, struct day_acc *a, char **cause)
{
	/* Loaded in bulk (COPY on PostgreSQL), then added by one statement:
	 * a year of forty services is fifteen thousand rows. */
	static const char *const cols[] = { "day", "service_id", "opened", "noticed", "repeated",
		"delivered", "on_time", "days_sum", "days_n", "visits_sum", "sat_n", "sat_sum",
		"closed" };
	_Static_assert(sizeof cols / sizeof cols[0] == 2 + F__COUNT, "a column per figure");
	if (a->n == 0)
		return 0;
	if (db_exec(db,
	        "CREATE TEMP TABLE IF NOT EXISTS figure_add(day text, service_id bigint,"
	        " opened bigint, noticed bigint, repeated bigint, delivered bigint, on_time bigint,"
	        " days_sum bigint, days_n bigint, visits_sum bigint, sat_n bigint, sat_sum bigint,"
	        " closed bigint); DELETE FROM temp.figure_add",
	        cause) != 0)
		return -1;
	struct store_load *l;
	if (store_load_begin(db, "temp.figure_add", cols, 2 + F__COUNT, &l, cause) != 0)
		return -1;
	int ret = 0;
	for (size_t i = 0; i < a->n && ret == 0; i++) {
		const struct day_acc_row *r = day_acc_row(a, i);
		store_load_day(l, 0, r->day);
		store_load_int(l, 1, r->id);
		for (int k = 0; k < F__COUNT; k++)
			store_load_int(l, 2 + k, k == F_DAYS_SUM ? r->days_sum : r->v[k]);
		ret = store_load_row(l);
	}
	if (store_load_end(l, cause) != 0)
		return -1;
	return db_exec(db,
	    "INSERT INTO day_figure(day, service_id, opened, noticed, repeated, delivered,"
	    " on_time, days_sum, days_n, visits_sum, sat_n, sat_sum, closed)"
	    " SELECT day, service_id, opened, noticed, repeated, delivered, on_time, days_sum,"
	    " days_n, visits_sum, sat_n, sat_sum, closed FROM temp.figure_add WHERE true"
	    " ON CONFLICT(day, service_id) DO UPDATE SET opened = day_figure.opened + "
	    "excluded.opened,"
	    " noticed = day_figure.noticed + excluded.noticed,"
	    " repeated = day_figure.repeated + excluded.repeated,"
	    " delivered = day_figure.delivered + excluded.delivered,"
	    " on_time = day_figure.on_time + excluded.on_time,"
	    " days_sum = day_figure.days_sum + excluded.days_sum,"
	    " days_n = day_figure.days_n + excluded.days_n,"
	    " visits_sum = day_figure.visits_sum + excluded.visits_sum,"
	    " sat_n = day_figure.sat_n + excluded.sat_n,"
	    " sat_sum = day_figure.sat_sum + excluded.sat_sum,"
	    " closed = day_figure.closed + excluded.closed",
	    cause);
}
