/* miz desk: the desk's counts and one of its lists, for scripts and cron. */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "miz/desk.h"
#include "miz/i18n.h"
#include "miz/text.h"

static const char *const view_tokens[DESK__COUNT] = {
	"opened",
	"awaiting",
	"due",
	"overdue",
	"ready",
	"referrals",
};

/* Prints CODE<TAB>STATUS<TAB>DATE<TAB>SERVICE<TAB>CLIENT[<TAB>DEPARTMENT]. */
static int
print_row(const struct desk_row *r, void *arg)
{
	(void)arg;
	char day[11] = "-";
	if (r->day != NO_DAY)
		cal_format_iso(r->day, day);
	cli_printf("%s\t%s\t%s\t%s\t%s%s%s\n", r->code, case_status_token(r->status), day,
	    r->service_name, r->client_name, *r->extra ? "\t" : "", r->extra);
	return 0;
}

int
cmd_desk(struct cli_ctx *ctx, int argc, char **argv)
{
	long long limit = 20, offset = 0;
	const char *after = NULL;
	const struct cli_option options[] = {
		CLI_NUMBER_OPTION("limit", &limit, 1, 1000000, NULL),
		CLI_NUMBER_OPTION("offset", &offset, 0, 1000000000, NULL),
		CLI_OPTION("after", 0, CLI_TEXT, &after),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("desk", NULL, options, 0, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (after != NULL && (offset > 0 || nargs != 1))
		return cli_usage("desk");
	int view = -1;
	if (nargs == 1) {
		for (int v = 0; v < DESK__COUNT; v++) {
			if (strcmp(argv[1], view_tokens[v]) == 0)
				view = v;
		}
		if (view < 0)
			return cli_usage("desk");
	}
	struct miz_db *db = cli_db(ctx);
	char *cause = NULL;
	if (db == NULL)
		return EXIT_ERR;
	if (view < 0) {
		int counts[DESK__COUNT];
		if (desk_counts(db, ctx->today, counts, &cause) != 0)
			return cli_cause(cause);
		for (int v = 0; v < DESK__COUNT; v++)
			cli_printf("%s\t%d\n", view_tokens[v], counts[v]);
		return EXIT_OK;
	}
	if (after != NULL) {
		/* The rows after a case: one index range however deep (keyset). */
		int64_t id;
		struct desk_key key;
		if (case_find_code(db, after, &id, &cause) != 0)
			return cli_cause(cause);
		int found = desk_key_of(db, (enum desk_view)view, ctx->today, id, &key, &cause);
		if (found < 0)
			return cli_cause(cause);
		if (found == 0)
			return cli_bad_value(
			    _("case %s has no place in the %s list"), after, view_tokens[view]);
		if (desk_page(db, (enum desk_view)view, ctx->today, &key, false, (int)limit,
		        print_row, NULL, &cause) < 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	if (desk_list(db, (enum desk_view)view, ctx->today, (int)limit, (int)offset, print_row,
	        NULL, &cause) < 0)
		return cli_cause(cause);
	return EXIT_OK;
}
