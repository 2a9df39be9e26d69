/* miz service: browse the catalog, show a service's card and print its guide. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/catalog.h"
#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/xmalloc.h"

/* Prints CODE<TAB>NAME<TAB>WORKING_DAYS<TAB>FEE. */
static int
print_service_line(const struct miz_service *s, void *arg)
{
	(void)arg;
	cli_printf("%s\t%s\t%d\t%lld\n", s->code, s->name, s->working_days, s->fee);
	return 0;
}

/* Prints the full card of a service: what the desk publishes for clients. */
static void
print_card(const struct miz_service *s)
{
	cli_printf("code: %s\n", s->code);
	cli_printf("name: %s\n", s->name);
	cli_printf("name_en: %s\n", s->name_en);
	cli_printf("department: %s\n", s->department);
	cli_printf("officer: %s %s\n", s->officer, s->officer_phone);
	cli_printf("working days: %d\n", s->working_days);
	char *fee = text_grouped(s->fee);
	cli_printf(_("fee: %s rials\n"), fee);
	free(fee);
	cli_printf("steps:\n");
	const char *p = s->steps;
	int n = 1;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		cli_printf("  %d. %.*s\n", n++, (int)len, p);
		p += len + (nl != NULL);
	}
	cli_printf("documents:\n");
	for (size_t i = 0; i < s->ndocs; i++)
		cli_printf("  %zu. %s (%s, %s)\n", i + 1, s->docs[i].name,
		    s->docs[i].required ? "required" : "optional",
		    s->docs[i].original ? "original" : "copy");
}

/* miz service print CODE [--paper a5|roll80] [-o FILE.pdf]: the guide card as PDF, to a
 * file or the printer. */
static int
service_print_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *output = NULL, *paper = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("paper", 0, CLI_TEXT, &paper),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTIONS_END,
	};
	enum paper_size size = PAPER_A5;
	char *cause = NULL;
	int nargs;
	int rc = cli_parse("service", NULL, options, 1, 1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	if (paper != NULL && paper_size_parse(paper, &size) != 0)
		return cli_bad_value(_("--paper %s: use a5 or roll80"), paper);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_service s;
	int found = catalog_get_service(db, argv[1], &s, &cause);
	if (found < 0)
		return cli_cause(cause);
	if (found == 0)
		return cli_error(_("unknown service code '%s': see miz service list"), argv[1]);
	struct cli_paper pp;
	if (cli_paper_load(ctx, &pp) != 0) {
		catalog_service_free(&s);
		return EXIT_ERR;
	}
	if (paper != NULL)
		pp.style.size = size;
	char *path = output != NULL ? xstrdup(output) : cli_paper_path(&pp, "guide", s.code);
	int ret = EXIT_ERR;
	if (path != NULL) {
		if (paper_guide_pdf(&s, &pp.style, path, &cause) != 0)
			cli_cause(cause);
		else
			ret = output != NULL ? EXIT_OK : cli_paper_send(&pp, path);
	}
	free(path);
	cli_paper_free(&pp);
	catalog_service_free(&s);
	return ret;
}

int
cmd_service(struct cli_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	if (argc < 2)
		return cli_usage("service");
	if (strcmp(argv[1], "list") == 0 && argc <= 3) {
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		int n = catalog_find_services(
		    db, argc == 3 ? argv[2] : NULL, print_service_line, NULL, &cause);
		if (n < 0)
			return cli_cause(cause);
		if (n == 0 && argc == 3)
			return cli_error(_("no service matches '%s'"), argv[2]);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "show") == 0 && argc == 3) {
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		struct miz_service s;
		int found = catalog_get_service(db, argv[2], &s, &cause);
		if (found < 0)
			return cli_cause(cause);
		if (found == 0)
			return cli_error(
			    _("unknown service code '%s': see miz service list"), argv[2]);
		print_card(&s);
		catalog_service_free(&s);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "print") == 0)
		return service_print_cmd(ctx, argc - 1, argv + 1);
	return cli_usage("service");
}
