/* miz pg grants [--apply]: the server's roles for a PostgreSQL database. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/clerk.h"
#include "miz/db.h"
#include "miz/i18n.h"

int
cmd_pg(struct cli_ctx *ctx, int argc, char **argv)
{
	bool apply = false;
	const struct cli_option options[] = {
		CLI_OPTION("apply", 0, CLI_FLAG, &apply),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("pg", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (strcmp(argv[1], "grants") != 0)
		return cli_usage("pg");
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *sql = NULL, *cause = NULL;
	if (db_pg_grants(db, &sql, &cause) != 0)
		return cli_cause(cause);
	int ret = EXIT_OK;
	if (!apply) {
		cli_printf("%s", sql);
	} else if (clerk_require_supervisor(db, _("set up the server's roles"), &cause) != 0 ||
	    db_run_script(db, sql, &cause) != 0) {
		ret = cli_cause(cause);
	} else {
		cli_printf(_("roles miz_clerk and miz_supervisor set up on %s\n"), db_where(db));
	}
	free(sql);
	return ret;
}
