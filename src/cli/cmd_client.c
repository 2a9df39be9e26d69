/* miz client: register and find clients. */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"

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
	const char *mobile = NULL, *address = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("mobile", 0, CLI_TEXT, &mobile),
		CLI_OPTION("address", 0, CLI_TEXT, &address),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("client", NULL, options, 2, 2, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	char *cause = NULL;
	if (client_add(db, argv[1], argv[2], mobile, address, &cl, &cause) != 0)
		return cli_cause(cause);
	print_client(&cl, NULL);
	client_free(&cl);
	return EXIT_OK;
}

/* miz client find */
static int
client_find_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	long long limit = 50, offset = 0;
	const struct cli_option options[] = {
		CLI_NUMBER_OPTION("limit", &limit, 1, 100000, NULL),
		CLI_NUMBER_OPTION("offset", &offset, 0, 1000000000, NULL),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("client", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	char *cause = NULL;
	int n = client_find(db, argv[1], (int)limit, (int)offset, print_client, NULL, &cause);
	if (n < 0)
		return cli_cause(cause);
	if (n == 0)
		return cli_error(_("no client matches '%s'"), argv[1]);
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
	const char *name = NULL, *mobile = NULL, *address = NULL, *sms_text = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("name", 0, CLI_TEXT, &name),
		CLI_OPTION("mobile", 0, CLI_TEXT, &mobile),
		CLI_OPTION("address", 0, CLI_TEXT, &address),
		CLI_OPTION("sms", 0, CLI_TEXT, &sms_text),
		CLI_OPTIONS_END,
	};
	int nargs;
	int prc = cli_parse("client", NULL, options, 1, 1, argc, argv, &nargs);
	if (prc != 0)
		return prc;
	int sms = -1;
	if (sms_text != NULL && strcmp(sms_text, "yes") != 0 && strcmp(sms_text, "no") != 0)
		return cli_bad_value(_("--sms %s: yes or no"), sms_text);
	if (sms_text != NULL)
		sms = strcmp(sms_text, "yes") == 0;
	if (name == NULL && mobile == NULL && address == NULL && sms < 0)
		return cli_usage("client");
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	if (client_named(db, argv[1], &cl) <= 0)
		return EXIT_ERR;
	char *cause = NULL;
	int changed;
	int rc = client_edit(db, cl.id, name, mobile, address, sms, &changed, &cause);
	client_free(&cl);
	if (rc != 0)
		return cli_cause(cause);
	if (client_named(db, argv[1], &cl) <= 0)
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
	int nargs;
	int prc = cli_parse("client", NULL, NULL_OPTIONS, 1, 1, argc, argv, &nargs);
	if (prc != 0)
		return prc;
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
	int nargs;
	int prc = cli_parse("client", NULL, NULL_OPTIONS, 2, 2, argc, argv, &nargs);
	if (prc != 0)
		return prc;
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
		return cli_usage("client");
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
	return cli_usage("client");
}
