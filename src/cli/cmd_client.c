/* miz client: register and find clients. */
#include "config.h"

#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"

static const char client_usage[] =
    "add NATIONAL_ID NAME [--mobile M] [--address A] | find QUERY [--limit N] [--offset N]";

/* Prints one client: NATIONAL_ID<TAB>NAME<TAB>MOBILE. */
static int
print_client(const struct miz_client *c, void *arg)
{
	(void)arg;
	cli_printf("%s\t%s\t%s\n", c->national_id, c->full_name, c->mobile);
	return 0;
}

/* miz client add */
static int
client_add_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "mobile", required_argument, NULL, 'm' },
		{ "address", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *mobile = NULL, *address = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c == 'm')
			mobile = optarg;
		else if (c == 'a')
			address = optarg;
		else
			return cli_usage("client", client_usage);
	}
	if (argc - optind != 2)
		return cli_usage("client", client_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	char *cause = NULL;
	if (client_add(db, argv[optind], argv[optind + 1], mobile, address, &cl, &cause) != 0)
		return cli_cause(cause);
	print_client(&cl, NULL);
	client_free(&cl);
	return EXIT_OK;
}

/* miz client find */
static int
client_find_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ "offset", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	long long limit = 50, offset = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c == 'l' && text_parse_int(optarg, 1, 100000, &limit) == 0)
			continue;
		if (c == 'o' && text_parse_int(optarg, 0, 1000000000, &offset) == 0)
			continue;
		return cli_usage("client", client_usage);
	}
	if (argc - optind != 1)
		return cli_usage("client", client_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *cause = NULL;
	int n = client_find(db, argv[optind], (int)limit, (int)offset, print_client, NULL, &cause);
	if (n < 0)
		return cli_cause(cause);
	if (n == 0)
		return cli_error(_("no client matches '%s'"), argv[optind]);
	return EXIT_OK;
}

int
cmd_client(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("client", client_usage);
	optind = 0;
	if (strcmp(argv[1], "add") == 0)
		return client_add_cmd(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "find") == 0)
		return client_find_cmd(ctx, argc - 1, argv + 1);
	return cli_usage("client", client_usage);
}
