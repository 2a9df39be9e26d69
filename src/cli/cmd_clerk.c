/* miz clerk: who works at the desk, and who is a supervisor. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/clerk.h"
#include "miz/i18n.h"

static int
clerk_cmd_list(struct cli_ctx *ctx)
{
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_clerk *list;
	size_t n;
	char *cause = NULL;
	if (clerk_list(db, &list, &n, &cause) != 0)
		return cli_cause(cause);
	for (size_t i = 0; i < n; i++)
		cli_printf("%s\t%s\t%s\n", list[i].login, clerk_role_label(list[i].role), list[i].name);
	clerk_list_free(list, n);
	return EXIT_OK;
}

static int
clerk_cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL;
	bool supervisor = false;
	const struct cli_option options[] = {
		CLI_OPTION("name", 0, CLI_TEXT, &name),
		CLI_OPTION("supervisor", 0, CLI_FLAG, &supervisor),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("clerk", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	enum miz_role role = supervisor ? ROLE_SUPERVISOR : ROLE_CLERK;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *cause = NULL;
	if (clerk_add(db, argv[1], name, role, &cause) != 0)
		return cli_cause(cause);
	cli_printf(_("%s added: %s\n"), argv[1], clerk_role_label(role));
	return EXIT_OK;
}

static int
clerk_cmd_role(struct cli_ctx *ctx, int argc, char **argv)
{
	int nargs;
	int rc = cli_parse("clerk", NULL, NULL_OPTIONS, 2, 2, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	enum miz_role role;
	char *cause = NULL;
	if (clerk_role_parse(argv[2], &role, &cause) != 0) {
		cli_cause(cause);
		return EXIT_USAGE;
	}
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	if (clerk_set_role(db, argv[1], role, &cause) != 0)
		return cli_cause(cause);
	cli_printf(_("%s is now: %s\n"), argv[1], clerk_role_label(role));
	return EXIT_OK;
}

int
cmd_clerk(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("clerk");
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		return clerk_cmd_list(ctx);
	if (strcmp(argv[1], "add") == 0)
		return clerk_cmd_add(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "role") == 0)
		return clerk_cmd_role(ctx, argc - 1, argv + 1);
	return cli_usage("clerk");
}
