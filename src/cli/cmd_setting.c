/* miz setting: show or change the desk's settings. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/i18n.h"
#include "miz/setting.h"

int
cmd_setting(struct cli_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	/* No options: a value may begin with "-". */
	if (argc > 3)
		return cli_usage("setting");
	const struct miz_setting *one = NULL;
	/* The print command runs on the clerk's machine: kept in the shared
	 * database, any clerk could make every other clerk's desk run it. */
	if (argc >= 2 &&
	    (strcmp(argv[1], "print_command") == 0 || strcmp(argv[1], "print_dir") == 0))
		return cli_bad_value(_("%s is no longer kept in the shared database but in each "
		                       "clerk's own configuration: miz config %s ..."),
		    argv[1], argv[1]);
	if (argc >= 2 && (one = setting_find(argv[1])) == NULL)
		return cli_bad_value(_("unknown setting '%s': see miz setting"), argv[1]);
	if (argc == 3) {
		/* A value the setting does not take is a usage error, before the database. */
		char *value = setting_value(one, argv[2], &cause);
		if (value == NULL) {
			int rc = cli_bad_value("%s", cause);
			free(cause);
			return rc;
		}
		free(value);
	}
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	if (argc == 3)
		return setting_set(db, argv[1], argv[2], &cause) != 0 ? cli_cause(cause) : EXIT_OK;
	for (size_t i = 0; i < setting_count(); i++) {
		const struct miz_setting *s = setting_at(i);
		if (one != NULL && s != one)
			continue;
		char *value = NULL;
		if (db_setting_get(db, s->key, &value, &cause) != 0)
			return cli_cause(cause);
		if (one != NULL)
			cli_printf("%s\n", value != NULL ? value : "");
		else
			cli_printf("%s=%s\t# %s\n", s->key, value != NULL ? value : "", _(s->help));
		free(value);
	}
	return EXIT_OK;
}
