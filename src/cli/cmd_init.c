/* miz init: create the database, optionally with the sample catalog and demo cases. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/demo.h"
#include "miz/i18n.h"
#include "miz/setting.h"
#include "miz/xmalloc.h"

static const char init_usage[] =
    "[--sample] [--demo] [--training] [--datadir DIR] [--office N] [--office-name NAME]";

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
	static const struct option options[] = {
		{ "sample", no_argument, NULL, 's' },
		{ "demo", no_argument, NULL, 'D' },
		{ "training", no_argument, NULL, 'T' },
		{ "datadir", required_argument, NULL, 'd' },
		{ "office", required_argument, NULL, 'o' },
		{ "office-name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int sample = 0, demo = 0;
	const char *office = NULL, *office_name = NULL;
	char *cause = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 's':
			sample = 1;
			break;
		case 'D':
			demo = 1;
			break;
		case 'T':
			ctx->training = true;
			break;
		case 'd':
			ctx->datadir = optarg;
			break;
		case 'o':
		case 'n': {
			/* Checked before a database is made, as miz setting checks them. */
			const char *key = c == 'o' ? "office_number" : "office_name";
			char *v = setting_value(setting_find(key), optarg, &cause);
			if (v == NULL) {
				cli_error("--%s: %s", c == 'o' ? "office" : "office-name", cause);
				free(cause);
				return EXIT_USAGE;
			}
			free(v);
			*(c == 'o' ? &office : &office_name) = optarg;
			break;
		}
		default:
			return cli_usage("init", init_usage);
		}
	}
	if (optind != argc)
		return cli_usage("init", init_usage);

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
			int rc = cli_import_file(db, sample_files[i].kind, path, NULL);
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
	cli_printf(_("database ready: %s\n"), ctx->db_path);
	return EXIT_OK;
}
