/* miz import: services, documents, holidays and workweek CSV files. */
#include "config.h"

#include <string.h>

#include <unistd.h>

#include "cli.h"
#include "miz/catalog.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/legacy.h"

/* Ends an import that failed: the bounded list of errors, where every
 * rejected row went (--rejects), and the cause. */
static int
import_failed(struct miz_errlist *errs, char *cause)
{
	cli_print_errlist(errs);
	const char *rejects = errs->rejects_path;
	bool written = errs->rejects != NULL;
	char *why = NULL;
	if (errlist_close_rejects(errs, &why) != 0)
		cli_cause(why);
	else if (written)
		cli_error(ngettext("the rejected row (%zu) is in %s, with its line and the reason",
		              "every rejected row (%zu) is in %s, with its line and the reason",
		              errs->rejected_rows),
		    errs->rejected_rows, rejects);
	errlist_free(errs);
	return cli_cause(cause);
}

int
cli_import_kind_valid(const char *kind)
{
	return strcmp(kind, "services") == 0 || strcmp(kind, "documents") == 0 ||
	    strcmp(kind, "holidays") == 0 || strcmp(kind, "workweek") == 0;
}

/* Shows rows read so far on a terminal. */
static void
progress(long done, void *arg)
{
	(void)arg;
	fputc('\r', stderr);
	fprintf(stderr, _("miz: %ld rows checked"), done);
	fflush(stderr);
}

/* miz import clients|cases FILE [--encoding E] [--dry-run] */
static int
import_register(struct cli_ctx *ctx, const char *kind, const char *path, struct legacy_opts *optsp,
    const char *rejects)
{
	struct legacy_opts opts = *optsp;
	int rc;
	const char *e = opts.encoding;
	if (e != NULL && strcmp(e, "utf-8") != 0 && strcmp(e, "utf8") != 0 &&
	    strcmp(e, "cp1256") != 0 && strcmp(e, "windows-1256") != 0 && strcmp(e, "auto") != 0)
		return cli_bad_value(_("--encoding %s: use utf-8 or cp1256"), e);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	bool show = isatty(STDERR_FILENO);
	if (show)
		opts.progress = progress;
	struct miz_errlist errs = { 0 };
	errs.rejects_path = rejects;
	struct legacy_result res;
	char *cause = NULL;
	rc = strcmp(kind, "clients") == 0
	    ? legacy_import_clients(db, path, &opts, &errs, &res, &cause)
	    : legacy_import_cases(db, path, &opts, &errs, &res, &cause);
	if (show && res.rows >= 50000)
		fputc('\n', stderr);
	if (rc != 0)
		return import_failed(&errs, cause);
	errlist_free(&errs);
	if (opts.dry_run)
		cli_printf(_("%s: %ld rows checked (%s), no errors; nothing written (--dry-run)\n"),
		    path, res.rows, res.encoding != NULL ? res.encoding : "?");
	else if (strcmp(kind, "clients") == 0)
		cli_printf(_("%s: %ld clients added, %ld updated (%s)\n"), path, res.added, res.updated,
		    res.encoding != NULL ? res.encoding : "?");
	else
		cli_printf(_("%s: %ld cases imported (%s)\n"), path, res.added,
		    res.encoding != NULL ? res.encoding : "?");
	return EXIT_OK;
}

int
cli_import_file(struct miz_db *db, const char *kind, const char *path, const char *rejects)
{
	struct miz_errlist errs = { 0 };
	errs.rejects_path = rejects;
	char *cause = NULL;
	int count = 0, revised = 0;
	int rc;

	if (strcmp(kind, "services") == 0)
		rc = catalog_import_services(db, path, &errs, &count, &cause);
	else if (strcmp(kind, "documents") == 0)
		rc = catalog_import_documents(db, path, &errs, &count, &cause);
	else if (strcmp(kind, "holidays") == 0)
		rc = holiday_import(db, path, &errs, &count, &revised, &cause);
	else if (strcmp(kind, "workweek") == 0)
		rc = holiday_import_workweek(db, path, &errs, &count, &revised, &cause);
	else
		return cli_usage("import");

	if (rc != 0)
		return import_failed(&errs, cause);
	errlist_free(&errs);
	/* One sentence per kind: a kind's name is never spliced into a translation. */
	if (strcmp(kind, "services") == 0)
		cli_printf(ngettext("%s: %d service imported\n", "%s: %d services imported\n", count),
		    path, count);
	else if (strcmp(kind, "documents") == 0)
		cli_printf(ngettext("%s: %d checklist document imported\n",
		               "%s: %d checklist documents imported\n", count),
		    path, count);
	else if (strcmp(kind, "holidays") == 0)
		cli_printf(ngettext("%s: %d holiday imported\n", "%s: %d holidays imported\n", count),
		    path, count);
	else
		cli_printf(ngettext("%s: %d workweek rule imported\n",
		               "%s: %d workweek rules imported\n", count),
		    path, count);
	if (revised > 0)
		cli_printf(_("%d promised dates of open cases revised\n"), revised);
	return EXIT_OK;
}

int
cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	/* One table for every kind, so the options may come before the kind. */
	struct legacy_opts opts = { 0 };
	const char *rejects = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("encoding", 0, CLI_TEXT, &opts.encoding),
		CLI_OPTION("dry-run", 0, CLI_FLAG, &opts.dry_run),
		CLI_OPTION("rejects", 0, CLI_TEXT, &rejects),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("import", NULL, options, 2, 2, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (strcmp(argv[1], "clients") == 0 || strcmp(argv[1], "cases") == 0)
		return import_register(ctx, argv[1], argv[2], &opts, rejects);
	if (!cli_import_kind_valid(argv[1]))
		return cli_usage("import");
	if (opts.dry_run || opts.encoding != NULL)
		return cli_bad_value(_("--dry-run and --encoding are for clients and cases"));
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	return cli_import_file(db, argv[1], argv[2], rejects);
}
