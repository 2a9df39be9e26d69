/* miz date: Gregorian <-> Solar Hijri conversion and working-day arithmetic. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"

static const char date_usage[] = "[DATE] [--add-working-days N]";

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
	static const struct option options[] = {
		{ "add-working-days", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	long long add = -1;
	int c;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c != 'a')
			return cli_usage("date", date_usage);
		if (text_parse_int(optarg, 0, 3650, &add) != 0) {
			cli_error(_("--add-working-days %s: give a number of days from 0 to 3650"),
			    optarg);
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage("date", date_usage);

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
	if (optind < argc) {
		if (convert(argv[optind], calp, (int)add) != 0)
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
