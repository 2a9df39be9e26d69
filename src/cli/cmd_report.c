/* miz report: end of day, period and inspection reports as a table, CSV or PDF. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/report.h"
#include "miz/text.h"

/* True when the office wants a byte order mark on every CSV by default. */
bool
cli_bom_default(struct miz_db *db)
{
	return db_export_bom(db);
}

int
cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
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
