/*
 * Supervisor reports: end of day, period, and the inspection sheet.  A
 * report is a list of tables of text cells (built from the database in the
 * core), plus data series for charts; front ends format them as an aligned
 * table (report_text), CSV (report_write_csv) or on screen.
 */
#ifndef MIZ_REPORT_H
#define MIZ_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "miz/calendar.h"
#include "miz/db.h"
#include "miz/text.h"

struct report_table {
	char *title;
	size_t ncols;
	char **head;
	bool *numeric; /* right-aligned columns */
	char **cells; /* row-major, nrows * ncols */
	size_t nrows;
};

/* Values for a bar chart: one bar per label. */
struct report_series {
	char *title;
	size_t n;
	char **labels;
	double *values;
	bool percent; /* values are 0..100 */
};

struct report {
	char *title;
	struct report_table *tables;
	size_t ntables;
	struct report_series *series;
	size_t nseries;
};

void report_free(struct report *r);

/*
 * End of day: intakes, complete files and notices, documents brought back,
 * referrals, deliveries, withdrawals and rejections, on-time rate, open
 * overdue cases (the first `list_limit` of them), satisfaction with its
 * 1-5 spread, and per service and per clerk breakdowns.  For a day before
 * `today`, overdue counts cases closed since then too (slower).
 */
int report_eod(struct miz_db *db, miz_day day, miz_day today, int list_limit,
    struct report *out /* OUT */, char **cause);

/*
 * Period: per service — cases, average working days from complete file to
 * delivery, on-time rate, notice rate, cases that needed more than one
 * notice, visits per delivered case, satisfaction; late referrals per
 * department; charts of daily intakes and on-time rate per service.
 * `today` decides whether an open referral is late.
 */
int report_period(struct miz_db *db, miz_day from, miz_day to, miz_day today,
    struct report *out /* OUT */, char **cause);

/* The inspection sheet for a period, with the period of the same length before it beside. */
int report_inspection(
    struct miz_db *db, miz_day from, miz_day to, struct report *out /* OUT */, char **cause);

/*
 * The reports as one table, what the desk's reports screen and miz report
 * both offer: adding a report is an entry here (report.c) and its builder.
 */
struct report_args {
	miz_day from; /* the day, for a report of one day */
	miz_day to; /* a range's last day (NO_DAY for a report of one day) */
	miz_day today;
	int list_limit; /* rows of a report's lists (the overdue cases) */
};
struct report_kind {
	const char *name; /* its word: miz report NAME, and its files' names */
	const char *title; /* for people (an N_() message) */
	bool range; /* from and to; else one day */
	int (*build)(struct miz_db *db, const struct report_args *a, struct report *out /* OUT */,
	    char **cause);
};
size_t report_kind_count(void);
const struct report_kind *report_kind_at(size_t i);
/* The report of that name, or NULL. */
const struct report_kind *report_kind_find(const char *name);

/* The report as aligned text (widths in cells; numbers right-aligned); a new string. */
char *report_text(const struct report *r);

/*
 * The report as a person reads it on a terminal: every cell its own
 * paragraph in display order (text_visual), widths after shaping, and with
 * look->align_right the columns laid out from the right (a right-to-left
 * interface).  A new string.
 */
char *report_text_visual(const struct report *r, const struct text_look *look);

/*
 * The report as CSV: each table as a title row, a header row and its rows,
 * a blank row between tables.
 */
int report_write_csv(const struct report *r, FILE *fp, bool bom, char **cause);

#endif
