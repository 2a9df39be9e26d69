/* One option parser for every command: a table of options, each with what
 * it takes and where its value goes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/i18n.h"

const struct cli_option NULL_OPTIONS[] = { CLI_OPTIONS_END };

/* The option named by `name` (up to len bytes): exact, else the only one
 * it begins; NULL with *ambiguous when several begin so. */
static const struct cli_option *
find_long(const struct cli_option *opts, const char *name, size_t len, bool *ambiguous)
{
	const struct cli_option *prefix = NULL;
	*ambiguous = false;
	for (const struct cli_option *o = opts; o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (o->name[len] == '\0')
			return o;
		if (prefix != NULL)
			*ambiguous = true;
		prefix = o;
	}
	return *ambiguous ? NULL : prefix;
}

static const struct cli_option *
find_letter(const struct cli_option *opts, char letter)
{
	for (const struct cli_option *o = opts; o->name != NULL; o++) {
		if (o->letter != '\0' && o->letter == letter)
			return o;
	}
	return NULL;
}

static int
usage_error(const char *command, const char *usage)
{
	return usage != NULL ? cli_usage_line(command, usage) : cli_usage(command);
}

/* Stores an option's value; EXIT_USAGE after saying why it is bad. */
static int
store_value(const struct cli_option *o, const char *value)
{
	char *cause = NULL;
	long long n;
	switch (o->arg) {
	case CLI_FLAG:
		*(bool *)o->to = true;
		return 0;
	case CLI_TEXT:
		*(const char **)o->to = value;
		return 0;
	case CLI_DAY:
		if (cal_parse(value, (miz_day *)o->to, &cause) != 0) {
			cli_cause(cause);
			return EXIT_USAGE;
		}
		return 0;
	case CLI_NUMBER:
		if (text_parse_int(value, o->min, o->max, &n) != 0) {
			if (o->bad != NULL) {
				/* The table's own N_() message, with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
				return cli_bad_value(_(o->bad), value);
#pragma GCC diagnostic pop
			}
			return cli_bad_value(_("--%s %s: give a number from %lld to %lld"), o->name,
			    value, o->min, o->max);
		}
		*(long long *)o->to = n;
		return 0;
	}
	return EXIT_USAGE;
}

int
cli_parse(const char *command, const char *usage, const struct cli_option *opts,
    int min_args, int max_args, int argc, char **argv, int *nargs)
{
	int n = 0;
	bool options_end = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (options_end || a[0] != '-' || a[1] == '\0') {
			argv[1 + n++] = a; /* never ahead of i: the slot is read already */
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_end = true;
			continue;
		}
		const struct cli_option *o;
		const char *value = NULL;
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
			bool ambiguous;
			o = find_long(opts, name, len, &ambiguous);
			if (o == NULL) {
				cli_error(ambiguous ? _("option --%.*s is ambiguous")
				                    : _("unknown option --%.*s"),
				    (int)len, name);
				return usage_error(command, usage);
			}
			if (eq != NULL) {
				if (o->arg == CLI_FLAG) {
					cli_error(_("option --%s takes no value"), o->name);
					return usage_error(command, usage);
				}
				value = eq + 1;
			}
		} else {
			o = find_letter(opts, a[1]);
			if (o == NULL || (o->arg == CLI_FLAG && a[2] != '\0')) {
				cli_error(_("unknown option %s"), a);
				return usage_error(command, usage);
			}
			if (a[2] != '\0')
				value = a + 2;
		}
		if (o->arg != CLI_FLAG && value == NULL) {
			if (i + 1 >= argc) {
				cli_error(_("option --%s needs a value"), o->name);
				return usage_error(command, usage);
			}
			value = argv[++i];
		}
		int rc = store_value(o, value);
		if (rc != 0)
			return rc;
	}
	if (n < min_args || (max_args >= 0 && n > max_args))
		return usage_error(command, usage);
	argv[1 + n] = NULL;
	*nargs = n;
	return 0;
}
