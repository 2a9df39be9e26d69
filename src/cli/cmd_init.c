/* miz init: create the database, optionally with the sample catalog and demo cases. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/demo.h"
#include "miz/i18n.h"
#include "miz/setting.h"
#include "miz/xmalloc.h"

/* Sample files in load order. */
static const struct {
	const char *kind;
	const char *file;
} sample_files[] = {
	{ "services", "services.csv" },
	{ "documents", "documents.csv" },
	{ "workweek", "workweek.csv" },
	{ "holidays", "holidays-1404.csv" },
	{ "holidays", "holidays-1405.csv" },
};

int
cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	bool sample = false, demo = false;
	const char *office = NULL, *office_name = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("sample", 0, CLI_FLAG, &sample),
		CLI_OPTION("demo", 0, CLI_FLAG, &demo),
		CLI_OPTION("training", 0, CLI_FLAG, &ctx->training),
		CLI_OPTION("datadir", 0, CLI_TEXT, &ctx->datadir),
		CLI_OPTION("office", 0, CLI_TEXT, &office),
		CLI_OPTION("office-name", 0, CLI_TEXT, &office_name),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int nargs;
	int rc = cli_parse("init", NULL, options, 0, 0, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	/* Checked before a database is made, as miz setting checks them. */
	const struct {
		const char *option, *key, *value;
	} checked[] = { { "office", "office_number", office },
		{ "office-name", "office_name", office_name } };
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++) {
		if (checked[i].value == NULL)
			continue;
		char *v = setting_value(setting_find(checked[i].key), checked[i].value, &cause);
		if (v == NULL) {
			cli_error("--%s: %s", checked[i].option, cause);
			free(cause);
			return EXIT_USAGE;
		}
		free(v);
	}

	ctx->create = true; /* the one command that makes a new database */
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	if (office != NULL && setting_set(db, "office_number", office, &cause) != 0)
		return cli_cause(cause);
	if (office_name != NULL && setting_set(db, "office_name", office_name, &cause) != 0)
		return cli_cause(cause);
	if (sample || demo) {
		char *dir = cli_datadir(ctx);
		for (size_t i = 0; i < sizeof sample_files / sizeof sample_files[0]; i++) {
			char *path = xasprintf("%s/%s", dir, sample_files[i].file);
			rc = cli_import_file(db, sample_files[i].kind, path, NULL);
			free(path);
			if (rc != EXIT_OK) {
				free(dir);
				return rc;
			}
		}
		free(dir);
	}
	if (demo) {
		if (demo_load(db, ctx->today, &cause) != 0)
			return cli_cause(cause);
	}
	cli_printf(_("database ready: %s\n"), db_where(db));
	return EXIT_OK;
}
