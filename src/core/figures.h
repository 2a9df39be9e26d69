/*
 * Each day's figures per service, kept as the work is done: what the period
 * and inspection reports sum (a few rows a day) instead of reading every
 * case of the period, and what a province roll-up will send.
 *
 * day_figure(day, service_id, ...): cases opened that day, and of those how
 * many were ever given a deficiency notice and how many more than one (on
 * the day they opened, whenever the notice came); cases delivered that day,
 * on time, their working days from complete file to delivery (by the
 * calendar of the day of delivery), their visits and ratings; and cases
 * closed that day.
 *
 * Internal to the core: the case actions call these inside their own
 * transactions.
 */
#ifndef MIZ_CORE_FIGURES_H
#define MIZ_CORE_FIGURES_H

#include <stdint.h>

#include "miz/calendar.h"
#include "miz/db.h"

/* A case opened on `day` for a service. */
int figures_opened(struct miz_db *db, int64_t service_id, miz_day day, char **cause);
/* Case case_id was just given a notice: its first or second counts. */
int figures_notice(struct miz_db *db, int64_t case_id, char **cause);
/* Case case_id was just closed (its row already says how: status, closed_on,
 * promise, visits, rating). */
int figures_closed(struct miz_db *db, int64_t case_id, char **cause);
/* The figures of cases written without the actions (`which`: an SQL
 * condition on cases c): an upgrade to schema 12, an imported register. */
int figures_from_cases(struct miz_db *db, const char *which, char **cause);

/*
 * Sums per (day, id) gathered in memory while many rows are written (an
 * imported register), then written once: a few thousand rows instead of a
 * read of every case afterwards.
 */
#define DAY_ACC_VALUES 11
#define DAY_ACC_BLOCK 1024 /* rows a block holds: no copy as it grows */
struct day_acc_row {
	miz_day day;
	int32_t v[DAY_ACC_VALUES]; /* counts */
	int64_t id;
	int64_t days_sum; /* a sum of working days, which a count's width may not hold */
};
struct day_acc {
	struct day_acc_row **blocks;
	size_t n; /* rows */
	uint32_t *slots; /* open addressing: row number + 1, 0 empty */
	size_t nslots;
};
/* Row i of a (i < a->n). */
struct day_acc_row *day_acc_row(const struct day_acc *a, size_t i);
void day_acc_init(struct day_acc *a);
/* The row of (day, id), made (zero) when first asked for. */
struct day_acc_row *day_acc_get(struct day_acc *a, miz_day day, int64_t id);
void day_acc_free(struct day_acc *a);

/*
 * Figures of one case written by an import (no notices, no history): its
 * intake, and its closing if closed (cal: the office's calendar, for the
 * working days of a delivery).
 */
void figures_acc_case(struct day_acc *a, const struct miz_calendar *cal, int64_t service_id,
    miz_day opened, const char *status, miz_day complete, miz_day closed, miz_day promised,
    int visits, int satisfaction);
/* Adds what a holds to day_figure. */
int figures_acc_write(struct miz_db *db, struct day_acc *a, char **cause);

#endif
