/* miz audit verify: walks the history's hash chain, or checks a printed head against the file. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/audit.h"
#include "miz/i18n.h"

static const char audit_usage[] = "verify [--head HASH]";

int
cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "head", required_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage("audit", audit_usage);
	const char *head = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", options, NULL)) != -1) {
		if (c != 'h')
			return cli_usage("audit", audit_usage);
		for (char *p = optarg; *p != '\0'; p++)
			*p = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
		head = optarg;
	}
	if (optind != argc - 1)
		return cli_usage("audit", audit_usage);
	if (head != NULL && (strlen(head) < 16 || strlen(head) > AUDIT_HASH_LEN ||
	                        strspn(head, "0123456789abcdef") != strlen(head)))
		return cli_bad_value(
		    _("--head %s: give at least the first 16 hex digits of a printed head"), head);
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
