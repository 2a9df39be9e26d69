/* miz import: services, documents, holidays and workweek CSV files. */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "miz/catalog.h"
#include "miz/holiday.h"
#include "miz/i18n.h"

static const char import_usage[] = "services|documents|holidays|workweek FILE";

int
cli_import_kind_valid(const char *kind)
{
	return strcmp(kind, "services") == 0 || strcmp(kind, "documents") == 0 ||
	    strcmp(kind, "holidays") == 0 || strcmp(kind, "workweek") == 0;
}

int
cli_import_file(struct miz_db *db, const char *kind, const char *path)
{
	struct miz_errlist errs = { 0 };
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
		return cli_usage("import", import_usage);

	if (rc != 0) {
		cli_print_errlist(&errs);
		errlist_free(&errs);
		return cli_cause(cause);
	}
	printf(_("%s: %d %s imported\n"), path, count, kind);
	if (revised > 0)
		printf(_("%d promised dates of open cases revised\n"), revised);
	return EXIT_OK;
}

int
cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3 || !cli_import_kind_valid(argv[1]))
		return cli_usage("import", import_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	return cli_import_file(db, argv[1], argv[2]);
}
