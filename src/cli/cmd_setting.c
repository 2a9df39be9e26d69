/* miz setting: show or change the desk's settings. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/i18n.h"
#include "miz/text.h"

/* Settings the desk knows, with what they mean. */
static const struct {
	const char *key;
	const char *help;
} known[] = {
	{ "office_number", N_("office number in tracking codes (0-999, default 1)") },
	{ "office_name", N_("office name printed on receipts") },
	{ "notice_days", N_("working days a client has to bring missing documents (default 10)") },
	{ "calendar",
	    N_("dates on the desk: jalali or gregorian (default: jalali in a fa_IR locale)") },
	{ "digits",
	    N_("numbers on the desk and on paper: persian or latin (default: persian in a "
	       "Persian interface)") },
	{ "backup_keep", N_("backups miz backup keeps in a folder (1-10000, default 14)") },
	{ "backdate_days",
	    N_("days back a supervisor may date work with --today (0-60, default 3)") },
	{ "export_bom",
	    N_("yes: every CSV export and report starts with a UTF-8 BOM (for Excel; default: "
	       "yes in a Persian interface)") },
};

#define NKNOWN (sizeof known / sizeof known[0])

int
cmd_setting(struct cli_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	if (argc > 3)
		return cli_usage("setting", "[KEY [VALUE]]");
	size_t k = NKNOWN;
	/* The print command runs on the clerk's machine: kept in the shared
	 * database, any clerk could make every other clerk's desk run it. */
	if (argc >= 2 &&
	    (strcmp(argv[1], "print_command") == 0 || strcmp(argv[1], "print_dir") == 0))
		return cli_bad_value(_("%s is no longer kept in the shared database but in each "
		                       "clerk's own configuration: miz config %s ..."),
		    argv[1], argv[1]);
	if (argc >= 2) {
		for (k = 0; k < NKNOWN && strcmp(known[k].key, argv[1]) != 0; k++)
			;
		if (k == NKNOWN)
			return cli_bad_value(_("unknown setting '%s': see miz setting"), argv[1]);
	}
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	if (argc == 3) {
		long long v;
		char num[24];
		const char *value = argv[2];
		bool numeric =
		    strcmp(argv[1], "office_number") == 0 || strcmp(argv[1], "notice_days") == 0 ||
		    strcmp(argv[1], "backup_keep") == 0 || strcmp(argv[1], "backdate_days") == 0;
		if (strcmp(argv[1], "office_number") == 0 &&
		    text_parse_int(argv[2], 0, 999, &v) != 0)
			return cli_bad_value(_("office_number must be a number from 0 to 999"));
		if (strcmp(argv[1], "notice_days") == 0 && text_parse_int(argv[2], 0, 365, &v) != 0)
			return cli_bad_value(_("notice_days must be a number from 0 to 365"));
		if (strcmp(argv[1], "export_bom") == 0 && strcmp(argv[2], "yes") != 0 &&
		    strcmp(argv[2], "no") != 0)
			return cli_bad_value(_("export_bom must be yes or no"));
		if (strcmp(argv[1], "calendar") == 0 && strcmp(argv[2], "jalali") != 0 &&
		    strcmp(argv[2], "gregorian") != 0)
			return cli_bad_value(_("calendar must be jalali or gregorian"));
		if (strcmp(argv[1], "backup_keep") == 0 && text_parse_int(argv[2], 1, 10000, &v) != 0)
			return cli_bad_value(_("backup_keep must be a number from 1 to 10000"));
		if (strcmp(argv[1], "backdate_days") == 0 && text_parse_int(argv[2], 0, 60, &v) != 0)
			return cli_bad_value(_("backdate_days must be a number from 0 to 60"));
		if (strcmp(argv[1], "digits") == 0 && strcmp(argv[2], "persian") != 0 &&
		    strcmp(argv[2], "latin") != 0)
			return cli_bad_value(_("digits must be persian or latin"));
		if (numeric) {
			/* Stored as plain digits, however they were typed. */
			snprintf(num, sizeof num, "%lld", v);
			value = num;
		}
		if (db_setting_set(db, argv[1], value, &cause) != 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	for (size_t i = 0; i < NKNOWN; i++) {
		if (k != NKNOWN && i != k)
			continue;
		char *value = NULL;
		if (db_setting_get(db, known[i].key, &value, &cause) != 0)
			return cli_cause(cause);
		if (k != NKNOWN)
			cli_printf("%s\n", value != NULL ? value : "");
		else
			cli_printf("%s=%s\t# %s\n", known[i].key, value != NULL ? value : "",
			    _(known[i].help));
		free(value);
	}
	return EXIT_OK;
}
