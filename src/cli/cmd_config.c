/* miz config: show or change the clerk's own configuration (print command, folder, paper). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/conf.h"
#include "miz/i18n.h"

/* The value of a key in a loaded configuration. */
static const char *
conf_value(const struct miz_conf *c, const char *key)
{
	if (strcmp(key, "print_command") == 0)
		return c->print_command;
	if (strcmp(key, "print_dir") == 0)
		return c->print_dir;
	if (strcmp(key, "paper") == 0)
		return c->paper;
	if (strcmp(key, "bidi") == 0)
		return c->bidi;
	return "";
}

int
cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	char *cause = NULL;
	/* No options: a value may begin with "-". */
	if (argc > 3 || (argc >= 2 && argv[1][0] == '-'))
		return cli_usage("config");
	if (argc >= 2 && !conf_known(argv[1])) {
		char *bad = conf_check(argv[1], "");
		cli_bad_value("%s", bad);
		free(bad);
		return EXIT_USAGE;
	}
	if (argc == 3) {
		char *bad = conf_check(argv[1], argv[2]);
		if (bad != NULL) {
			cli_bad_value("%s", bad);
			free(bad);
			return EXIT_USAGE;
		}
		if (conf_set(argv[1], argv[2], &cause) != 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	struct miz_conf c;
	/* A bad line is reported, and what could be read is still shown. */
	int ret = EXIT_OK;
	if (conf_load(&c, &cause) != 0)
		ret = cli_cause(cause);
	for (size_t i = 0; conf_keys[i] != NULL; i++) {
		if (argc == 2 && strcmp(argv[1], conf_keys[i]) != 0)
			continue;
		if (argc == 2)
			cli_printf("%s\n", conf_value(&c, conf_keys[i]));
		else
			cli_printf("%s=%s\t# %s\n", conf_keys[i], conf_value(&c, conf_keys[i]),
			    conf_help(conf_keys[i]));
	}
	conf_free(&c);
	return ret;
}
