/* miz service: browse the catalog and print a service's card. */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "miz/catalog.h"
#include "miz/i18n.h"

static const char service_usage[] = "list [QUERY] | show CODE";

/* Prints CODE<TAB>NAME<TAB>WORKING_DAYS<TAB>FEE. */
static int
print_service_line(const struct miz_service *s, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%d\t%lld\n", s->code, s->name, s->working_days, s->fee);
	return 0;
}

/* Prints the full card of a service: what the desk publishes for clients. */
static void
print_card(const struct miz_service *s)
{
	printf("code: %s\n", s->code);
	printf("name: %s\n", s->name);
	printf("name_en: %s\n", s->name_en);
	printf("department: %s\n", s->department);
	printf("officer: %s %s\n", s->officer, s->officer_phone);
	printf("working days: %d\n", s->working_days);
	printf("fee: %lld\n", s->fee);
	printf("steps:\n");
	const char *p = s->steps;
	int n = 1;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		printf("  %d. %.*s\n", n++, (int)len, p);
		p += len + (nl != NULL);
	}
	printf("documents:\n");
	for (size_t i = 0; i < s->ndocs; i++)
		printf("  %zu. %s (%s, %s)\n", i + 1, s->docs[i].name,
		    s->docs[i].required ? "required" : "optional",
		    s->docs[i].original ? "original" : "copy");
}

int
cmd_service(struct cli_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	if (argc < 2)
		return cli_usage("service", service_usage);
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
	return cli_usage("service", service_usage);
}
