/* miz date: Gregorian <-> Solar Hijri conversion and working-day arithmetic. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"

/* Converts one date and prints GREGORIAN<TAB>JALALI; 0 or -1. */
static int
convert(const char *text, const struct miz_calendar *cal, int add)
{
	miz_day day;
	char *cause = NULL;
	if (cal_parse(text, &day, &cause) != 0) {
		cli_cause(cause);
		return -1;
	}
	if (cal != NULL)
		day = cal_add_working_days(cal, day, add);
	char iso[11], jal[11];
	cal_format_iso(day, iso);
	cal_format_jalali(day, jal);
	printf("%s\t%s\n", iso, jal);
	return 0;
}

int
cmd_date(struct cli_ctx *ctx, int argc, char **argv)
{
	long long add = -1;
	const struct cli_option options[] = {
		CLI_NUMBER_OPTION("add-working-days", &add, 0, 3650,
		    N_("--add-working-days %s: give a number of days from 0 to 3650")),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("date", NULL, options, 0, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;

	struct miz_calendar cal;
	const struct miz_calendar *calp = NULL;
	if (add >= 0) {
		struct miz_db *db = cli_db(ctx);
		char *cause = NULL;
		if (db == NULL)
			return EXIT_ERR;
		if (holiday_load_calendar(db, &cal, &cause) != 0)
			return cli_cause(cause);
		calp = &cal;
	}

	int ret = EXIT_OK;
	if (nargs == 1) {
		if (convert(argv[1], calp, (int)add) != 0)
			ret = EXIT_ERR;
	} else {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while ((len = getline(&line, &cap, stdin)) >= 0) {
			while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
				line[--len] = '\0';
			if (convert(line, calp, (int)add) != 0)
				ret = EXIT_ERR;
		}
		free(line);
	}
	if (calp != NULL)
		cal_free(&cal);
	return ret;
}
