/* miz backup and miz restore: the office's record copied while clerks work, and put back. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

/* Backups that miz made in a folder, and the day-stamped name of a new one. */
#define BACKUP_PREFIX "desk-"
#define BACKUP_SUFFIX ".db"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True for a name miz gave a backup in a folder: desk-YYYY-MM-DD-HHMMSS.db. */
static bool
backup_name(const char *name)
{
	size_t n = strlen(name);
	return n == strlen(BACKUP_PREFIX "2026-11-30-235500" BACKUP_SUFFIX) &&
	    strncmp(name, BACKUP_PREFIX, strlen(BACKUP_PREFIX)) == 0 &&
	    strcmp(name + n - strlen(BACKUP_SUFFIX), BACKUP_SUFFIX) == 0;
}

/* Keeps the newest `keep` backups in dir; says what it removed. */
static int
prune(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return cli_error(_("cannot read %s: %s"), dir, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!backup_name(e->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp); /* the names sort by time */
	int ret = EXIT_OK;
	for (size_t i = 0; i + (size_t)keep < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		if (unlink(path) != 0)
			ret = cli_error(_("cannot remove the old backup %s: %s"), path, strerror(errno));
		else
			cli_printf(_("removed the old backup %s\n"), path);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

int
cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	long long keep = -1;
	const struct cli_option options[] = {
		CLI_NUMBER_OPTION("keep", &keep, 1, 10000,
		    N_("--keep %s: give a number of backups from 1 to 10000")),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("backup", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	const char *target = argv[1];
	if (*target == '\0')
		return cli_usage("backup");
	struct stat sb;
	bool folder = target[strlen(target) - 1] == '/' ||
	    (stat(target, &sb) == 0 && S_ISDIR(sb.st_mode));
	char *path;
	if (folder) {
		if (conf_make_dirs(target) != 0)
			return cli_error(_("cannot create the folder %s: %s"), target, strerror(errno));
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		char stamp[32];
		strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
		size_t len = strlen(target);
		path = xasprintf("%.*s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX,
		    (int)(target[len - 1] == '/' ? len - 1 : len), target, stamp);
	} else {
		path = xstrdup(target);
	}
	char *cause = NULL;
	if (db_backup(db, path, &cause) != 0) {
		free(path);
		return cli_cause(cause);
	}
	cli_printf(_("backup written and checked: %s\n"), path);
	free(path);
	if (!folder)
		return EXIT_OK;
	if (keep < 0)
		keep = db_setting_long(db, "backup_keep", 14);
	return prune(target, (long)keep);
}

int
cmd_restore(struct cli_ctx *ctx, int argc, char **argv)
{
	bool force = false;
	const struct cli_option options[] = {
		CLI_OPTION("force", 0, CLI_FLAG, &force),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("restore", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	const char *backup = argv[1];
	char *cause = NULL;
	if (db_check_file(backup, &cause) != 0)
		return cli_cause(cause);
	struct stat sb;
	bool exists = stat(ctx->db_path, &sb) == 0 && sb.st_size > 0;
	if (exists && !force)
		return cli_error(_("%s holds a database: restoring replaces its whole record "
		                   "with the backup's; give --force to do so"),
		    ctx->db_path);
	ctx->create = !exists;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	if (db_restore(db, backup, &cause) != 0)
		return cli_cause(cause);
	cli_printf(_("restored %s from %s\n"), ctx->db_path, backup);
	return EXIT_OK;
}
