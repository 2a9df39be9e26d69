/* miz report: end of day, period, inspection and province reports as a
 * table, CSV or PDF; miz report push: the office's figures to its province. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/clerk.h"
#include "miz/paper.h"
#include "miz/province.h"
#include "miz/report.h"
#include "miz/text.h"

/* True when the office wants a byte order mark on every CSV by default. */
bool
cli_bom_default(struct miz_db *db)
{
	return db_export_bom(db);
}

/*
 * miz report push: the office's figures of the last --days days to the
 * province's database (--to URI), or as CSV (--format csv), or, at the
 * province, an office's CSV loaded into --db (--from-csv FILE).
 */
static int
report_push(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *to = NULL, *from_csv = NULL, *output = NULL, *format = NULL;
	long long days = 30;
	bool bom = false;
	const struct cli_option options[] = {
		CLI_OPTION("to", 0, CLI_TEXT, &to),
		CLI_NUMBER_OPTION("days", &days, 1, 36600, N_("--days %s: give a number of days")),
		CLI_OPTION("format", 0, CLI_TEXT, &format),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTION("bom", 0, CLI_FLAG, &bom),
		CLI_OPTION("from-csv", 0, CLI_TEXT, &from_csv),
		CLI_OPTIONS_END,
	};
	int nargs;
	int prc = cli_parse("report", NULL, options, 1, 1, argc, argv, &nargs);
	if (prc != 0)
		return prc;
	bool csv = format != NULL && strcmp(format, "csv") == 0;
	if (format != NULL && !csv)
		return cli_bad_value(_("--format %s: a push is sent, or written as csv"), format);
	if ((to != NULL) + csv + (from_csv != NULL) != 1)
		return cli_bad_value(
		    _("report push needs one of --to DATABASE, --format csv or --from-csv FILE"));
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *cause = NULL;
	struct province_result r;
	if (from_csv != NULL) {
		struct miz_errlist errs = { 0 };
		if (province_load_csv(db, from_csv, &errs, &r, &cause) != 0) {
			cli_print_errlist(&errs);
			errlist_free(&errs);
			return cli_cause(cause);
		}
		errlist_free(&errs);
		cli_printf(ngettext("%s: %ld figure loaded\n", "%s: %ld figures loaded\n",
		               (unsigned long)r.figures),
		    from_csv, r.figures);
		return EXIT_OK;
	}
	if (clerk_require_supervisor(db, _("send the office's figures"), &cause) != 0)
		return cli_cause(cause);
	miz_day last = ctx->today, first = ctx->today - (miz_day)(days - 1);
	if (csv) {
		FILE *fp = stdout;
		if (output != NULL && (fp = conf_fopen_private(output)) == NULL)
			return cli_error(_("cannot write %s: %s"), output, strerror(errno));
		int ret = EXIT_OK;
		if (province_write_csv(
		        db, first, last, fp, bom || cli_bom_default(db), &r, &cause) != 0)
			ret = cli_cause(cause);
		if (fp != stdout && fclose(fp) != 0 && ret == EXIT_OK)
			ret = cli_error(_("cannot write %s: %s"), output, strerror(errno));
		return ret;
	}
	struct miz_db *province = NULL;
	if (db_open(to, &province, &cause) != 0)
		return cli_cause(cause);
	int ret = EXIT_OK;
	if (province_push(db, province, first, last, &r, &cause) != 0)
		ret = cli_cause(cause);
	else
		cli_printf(ngettext("%ld figure of %ld day sent to %s\n",
		               "%ld figures of %ld days sent to %s\n", (unsigned long)r.days),
		    r.figures, r.days, db_where(province));
	db_close(province);
	return ret;
}

int
cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "push") == 0)
		return report_push(ctx, argc, argv);
	miz_day date = ctx->today, from = NO_DAY, to = NO_DAY;
	long long limit = 20;
	bool bom = false;
	const char *output = NULL, *format = "text";
	const struct cli_option options[] = {
		CLI_OPTION("date", 0, CLI_DAY, &date),
		CLI_OPTION("from", 0, CLI_DAY, &from),
		CLI_OPTION("to", 0, CLI_DAY, &to),
		CLI_NUMBER_OPTION(
		    "limit", &limit, 0, 1000000, N_("--limit %s: give a number of rows")),
		CLI_OPTION("format", 0, CLI_TEXT, &format),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTION("bom", 0, CLI_FLAG, &bom),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int nargs;
	int prc = cli_parse("report", NULL, options, 1, 1, argc, argv, &nargs);
	if (prc != 0)
		return prc;
	const struct report_kind *kind = report_kind_find(argv[1]);
	if (kind == NULL)
		return cli_usage("report");
	bool csv = strcmp(format, "csv") == 0, pdf = strcmp(format, "pdf") == 0;
	if (!csv && !pdf && strcmp(format, "text") != 0)
		return cli_bad_value(_("--format %s: use text, csv or pdf"), format);
	if (kind->range && (from == NO_DAY || to == NO_DAY))
		return cli_bad_value(_("the %s report needs --from and --to"), kind->name);
	if (kind->range && to < from)
		return cli_bad_value(_("--to is before --from"));
	if (pdf && output == NULL)
		return cli_bad_value(_("--format pdf needs -o FILE.pdf"));

	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct report r;
	struct report_args args = { .from = kind->range ? from : date,
		.to = kind->range ? to : NO_DAY,
		.today = ctx->today,
		.list_limit = (int)limit };
	if (kind->build(db, &args, &r, &cause) != 0)
		return cli_cause(cause);
	if (pdf) {
		struct cli_paper pp;
		int ret = EXIT_ERR;
		if (cli_paper_load(ctx, &pp) == 0) {
			if (paper_report_pdf(&r, &pp.style, output, &cause) != 0)
				cli_cause(cause);
			else
				ret = EXIT_OK;
			cli_paper_free(&pp);
		}
		report_free(&r);
		return ret;
	}

	FILE *fp = stdout;
	if (output != NULL && (fp = conf_fopen_private(output)) == NULL) {
		report_free(&r);
		return cli_error(_("cannot write %s: %s"), output, strerror(errno));
	}
	int ret = EXIT_OK;
	if (csv) {
		if (report_write_csv(&r, fp, bom || cli_bom_default(db), &cause) != 0)
			ret = cli_cause(cause);
	} else {
		/* On a terminal with bidi = miz, in display order cell by cell. */
		struct text_look look;
		bool visual = fp == stdout && cli_out_visual(&look);
		char *text = visual ? report_text_visual(&r, &look) : report_text(&r);
		fputs(text, fp);
		free(text);
	}
	if (fp != stdout && fclose(fp) != 0)
		ret = cli_error(_("cannot write %s: %s"), output, strerror(errno));
	report_free(&r);
	return ret;
}
