/* miz audit verify: walks the history's hash chain, or checks a printed head against the file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/audit.h"
#include "miz/i18n.h"

int
cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *given = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("head", 0, CLI_TEXT, &given),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("audit", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (strcmp(argv[1], "verify") != 0)
		return cli_usage("audit");
	char head_buf[AUDIT_HASH_LEN + 2];
	const char *head = NULL;
	if (given != NULL) {
		snprintf(head_buf, sizeof head_buf, "%s", given);
		for (char *p = head_buf; *p != '\0'; p++)
			*p = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
		head = head_buf;
	}
	if (head != NULL &&
	    (strlen(given) < 16 || strlen(given) > AUDIT_HASH_LEN ||
	        strspn(head, "0123456789abcdef") != strlen(head)))
		return cli_bad_value(
		    _("--head %s: give at least the first 16 hex digits of a printed head"), given);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct audit_result r;
	char *cause = NULL;
	if (audit_verify(db, head, &r, &cause) != 0)
		return cli_cause(cause);
	int ret = EXIT_OK;
	if (r.problem != NULL) {
		ret = cli_error(_("the history's chain is broken: %s"), r.problem);
	} else {
		cli_printf(_("history chain intact: %lld rows, head %s\n"), (long long)r.rows,
		    *r.head != '\0' ? r.head : "-");
	}
	if (head != NULL) {
		if (r.head_id == 0)
			ret = cli_error(_("no history row has the head %s: the record printed then "
			                  "has been changed since"),
			    head);
		else if (r.problem == NULL || r.bad_id > r.head_id)
			cli_printf(_("the printed head seals history row %lld: the record up to it "
			             "is as printed\n"),
			    (long long)r.head_id);
	}
	audit_result_free(&r);
	return ret;
}
