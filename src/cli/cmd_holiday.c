/* miz holiday: add a day off (official or an ad-hoc closure) and list them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/clerk.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/text.h"

/* Prints one day off: GREGORIAN JALALI, name, kind; only those of the
 * year asked (*arg: Solar Hijri or Gregorian, 0 for all). */
static int
print_day(void *arg, miz_day day, const char *name, const char *kind)
{
	long long year = *(long long *)arg;
	struct miz_ymd j = cal_to_jalali(day), g = cal_to_gregorian(day);
	if (year != 0 && j.y != year && g.y != year)
		return 0;
	cli_print_day(stdout, day);
	cli_printf("\t%s\t%s\n", name, kind);
	return 0;
}

int
cmd_holiday(struct cli_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		bool closure = false;
		const struct cli_option options[] = {
			CLI_OPTION("closure", 0, CLI_FLAG, &closure),
			CLI_OPTIONS_END,
		};
		int nargs;
		int rc = cli_parse("holiday", NULL, options, 2, 2, argc - 1, argv + 1, &nargs);
		if (rc != 0)
			return rc;
		miz_day day;
		if (cal_parse(argv[2], &day, &cause) != 0) {
			cli_cause(cause);
			return EXIT_USAGE;
		}
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		int revised = 0;
		if (holiday_add(
		        db, day, argv[3], closure ? "closure" : "official", &revised, &cause) != 0)
			return cli_cause(cause);
		cli_printf(_("%d promised dates of open cases revised\n"), revised);
		return EXIT_OK;
	}
	if (argc >= 2 && argc <= 3 && strcmp(argv[1], "list") == 0) {
		long long year = 0;
		if (argc == 3 && text_parse_int(argv[2], 1, 3000, &year) != 0)
			return cli_usage("holiday");
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		if (year == 0) {
			/* Every stored day off. */
			if (holiday_list_stored(db, print_day, &year, &cause) != 0)
				return cli_cause(cause);
			return EXIT_OK;
		}
		/* A year's whole list, built-in and computed days too: a Solar
		 * Hijri year, or the two that share a Gregorian one. */
		int jy = year < 1700 ? (int)year : (int)year - 622;
		for (int y = jy; y <= (year < 1700 ? jy : jy + 1); y++) {
			if (holiday_list_year(db, y, print_day, &year, &cause) != 0)
				return cli_cause(cause);
		}
		if (clerk_is_supervisor(db)) {
			char *warning = holiday_list_warning(db, ctx->today);
			if (warning != NULL)
				cli_error("%s", warning);
			free(warning);
		}
		return EXIT_OK;
	}
	return cli_usage("holiday");
}
