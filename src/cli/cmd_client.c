/* miz client: register and find clients. */
#include "config.h"

#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"

static const char client_usage[] =
    "add NATIONAL_ID NAME [--mobile M] [--address A] | find QUERY [--limit N] [--offset N] |\n"
    "  edit NATIONAL_ID [--name N] [--mobile M] [--address A] [--sms yes|no] |\n"
    "  history NATIONAL_ID |\n"
    "  nid OLD_ID NEW_ID";

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

/* The client a national ID names, or a message; 1 found, 0 not, -1 error (printed). */
static int
client_named(struct miz_db *db, const char *text, struct miz_client *c)
{
	char nid[NID_LEN + 1];
	char *cause = NULL;
	if (client_nid_normalize(text, nid, &cause) != 0) {
		cli_cause(cause);
		return -1;
	}
	int found = client_get_by_nid(db, nid, c, &cause);
	if (found < 0)
		cli_cause(cause);
	else if (found == 0)
		cli_error(_("no client with national ID %s"), nid);
	return found;
}

/* miz client edit */
static int
client_edit_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "mobile", required_argument, NULL, 'm' },
		{ "address", required_argument, NULL, 'a' },
		{ "sms", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *mobile = NULL, *address = NULL;
	int sms = -1;
	int c;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c == 'n')
			name = optarg;
		else if (c == 'm')
			mobile = optarg;
		else if (c == 'a')
			address = optarg;
		else if (c == 's' && (strcmp(optarg, "yes") == 0 || strcmp(optarg, "no") == 0))
			sms = strcmp(optarg, "yes") == 0;
		else if (c == 's')
			return cli_bad_value(_("--sms %s: yes or no"), optarg);
		else
			return cli_usage("client", client_usage);
	}
	if (argc - optind != 1 || (name == NULL && mobile == NULL && address == NULL && sms < 0))
		return cli_usage("client", client_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	if (client_named(db, argv[optind], &cl) <= 0)
		return EXIT_ERR;
	char *cause = NULL;
	int changed;
	int rc = client_edit(db, cl.id, name, mobile, address, sms, &changed, &cause);
	client_free(&cl);
	if (rc != 0)
		return cli_cause(cause);
	if (client_named(db, argv[optind], &cl) <= 0)
		return EXIT_ERR;
	print_client(&cl, NULL);
	client_free(&cl);
	if (changed == 0)
		cli_error(_("nothing changed: the record already says so"));
	return EXIT_OK;
}

/* Prints one kept change: AT<TAB>CLERK<TAB>FIELD<TAB>OLD<TAB>NEW. */
static int
print_change(const struct client_change *ch, void *arg)
{
	(void)arg;
	cli_printf("%s\t%s\t%s\t%s\t%s\n", ch->at, ch->clerk, ch->field, ch->old, ch->new_value);
	return 0;
}

/* miz client history */
static int
client_history_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage("client", client_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	if (client_named(db, argv[1], &cl) <= 0)
		return EXIT_ERR;
	char *cause = NULL;
	int rc = client_changes(db, cl.id, print_change, NULL, &cause);
	client_free(&cl);
	return rc == 0 ? EXIT_OK : cli_cause(cause);
}

/* miz client nid */
static int
client_nid_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("client", client_usage);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *cause = NULL;
	int moved;
	if (client_change_nid(db, argv[1], argv[2], &moved, &cause) != 0)
		return cli_cause(cause);
	cli_printf(ngettext("national ID corrected; %d case moved\n",
	               "national ID corrected; %d cases moved\n", moved),
	    moved);
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
	if (strcmp(argv[1], "edit") == 0)
		return client_edit_cmd(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "history") == 0)
		return client_history_cmd(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "nid") == 0)
		return client_nid_cmd(ctx, argc - 1, argv + 1);
	return cli_usage("client", client_usage);
}
