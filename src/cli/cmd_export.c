/* miz export: cases, clients, notices, referrals or satisfaction as CSV. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "miz/conf.h"
#include "miz/export.h"
#include "miz/i18n.h"

/* Shows "rows so far" on a terminal. */
static void
progress(long done, void *arg)
{
	(void)arg;
	fputc('\r', stderr);
	fprintf(stderr, _("miz: %ld rows"), done);
	fflush(stderr);
}

int
cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	struct export_opts opts = { .from = NO_DAY, .to = NO_DAY, .today = ctx->today };
	const char *output = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("from", 0, CLI_DAY, &opts.from),
		CLI_OPTION("to", 0, CLI_DAY, &opts.to),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTION("bom", 0, CLI_FLAG, &opts.bom),
		CLI_OPTIONS_END,
	};
	enum export_kind kind;
	char *cause = NULL;
	int nargs;
	int rc = cli_parse("export", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (export_kind_parse(argv[1], &kind) != 0)
		return cli_usage("export");
	if (opts.from != NO_DAY && opts.to != NO_DAY && opts.to < opts.from)
		return cli_bad_value(_("--to is before --from"));

	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	opts.bom = opts.bom || cli_bom_default(db);
	FILE *fp = stdout;
	if (output != NULL && (fp = conf_fopen_private(output)) == NULL)
		return cli_error(_("cannot write %s: %s"), output, strerror(errno));
	/* A big buffer: the export is one long stream of small writes. */
	static char buf[1 << 16];
	setvbuf(fp, buf, _IOFBF, sizeof buf);
	bool show = isatty(STDERR_FILENO) && (output != NULL || !isatty(STDOUT_FILENO));
	if (show)
		opts.progress = progress;
	long rows = 0;
	int ret = EXIT_OK;
	if (export_write(db, kind, &opts, fp, &rows, &cause) != 0)
		ret = cli_cause(cause);
	if (fp != stdout && fclose(fp) != 0 && ret == EXIT_OK)
		ret = cli_error(_("cannot write %s: %s"), output, strerror(errno));
	if (fp == stdout)
		fflush(stdout);
	if (show) {
		fputc('\r', stderr);
		fprintf(stderr, _("miz: %ld rows exported\n"), rows);
	}
	return ret;
}
