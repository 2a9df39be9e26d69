/* miz outbox: the SMS messages waiting for the agency's SMS panel. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/case.h"
#include "miz/conf.h"
#include "miz/csvfile.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

/* One line on a terminal: ID, time, mobile, code, event, sent, message. */
static int
print_message(const struct outbox_message *m, void *arg)
{
	(void)arg;
	cli_printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)m->id, m->created_at, m->mobile,
	    m->code, m->event, *m->sent_at != '\0' ? m->sent_at : "-", m->message);
	return 0;
}

/* One CSV row: id,mobile,message,tracking_code,event,created_at. */
static int
write_message(const struct outbox_message *m, void *arg)
{
	struct csv_writer *w = arg;
	csvw_int(w, m->id);
	csvw_field(w, m->mobile);
	csvw_field(w, m->message);
	csvw_field(w, m->code);
	csvw_field(w, m->event);
	csvw_field(w, m->created_at);
	csvw_end_row(w);
	return 0;
}

/* The ids of a file written by export (its first column), to mark sent. */
struct sent_file {
	int64_t *ids;
	size_t n;
	const char *path;
	char *bad;
};

static int
read_id(const struct csvfile_row *row, void *arg)
{
	struct sent_file *f = arg;
	if (row->nfields == 0 || (row->line == 1 && strcmp(row->fields[0], "id") == 0))
		return 0;
	long long id;
	if (text_parse_int(row->fields[0], 1, INT64_MAX, &id) != 0) {
		f->bad = xasprintf(_("%s:%ld: the first column is not a message id: '%s'"), f->path,
		    row->line, row->fields[0]);
		return -1;
	}
	f->ids = xreallocarray(f->ids, f->n + 1, sizeof *f->ids);
	f->ids[f->n++] = id;
	return 0;
}

int
cmd_outbox(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *output = NULL;
	bool all = false, bom = false;
	miz_day since = NO_DAY;
	long long until = 0;
	const struct cli_option options[] = {
		CLI_OPTION("all", 0, CLI_FLAG, &all),
		CLI_OPTION("since", 0, CLI_DAY, &since),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTION("bom", 0, CLI_FLAG, &bom),
		CLI_NUMBER_OPTION("until", &until, 1, INT64_MAX, N_("--until %s: a message id")),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int nargs;
	int prc = cli_parse("outbox", NULL, options, 1, 2, argc, argv, &nargs);
	if (prc != 0)
		return prc;
	const char *what = argv[1];
	int rest = nargs - 1;
	if (strcmp(what, "list") == 0 && rest == 0) {
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		return outbox_list(db, all, since, print_message, NULL, &cause) == 0 ? EXIT_OK
		                                                                   : cli_cause(cause);
	}
	if (strcmp(what, "export") == 0 && rest == 0) {
		struct miz_db *db = cli_db(ctx);
		if (db == NULL)
			return EXIT_ERR;
		FILE *fp = stdout;
		if (output != NULL && (fp = conf_fopen_private(output)) == NULL)
			return cli_error(_("cannot write %s: %s"), output, strerror(errno));
		struct csv_writer w;
		csvw_init(&w, fp);
		if (bom || cli_bom_default(db))
			csvw_bom(&w);
		static const char *const header[] = { "id", "mobile", "message", "tracking_code",
			"event", "created_at" };
		for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
			csvw_field(&w, header[i]);
		csvw_end_row(&w);
		int ret = EXIT_OK;
		if (outbox_list(db, all, since, write_message, &w, &cause) != 0 ||
		    csvw_finish(&w, &cause) != 0)
			ret = cli_cause(cause);
		if (fp != stdout && fclose(fp) != 0 && ret == EXIT_OK)
			ret = cli_error(_("cannot write %s: %s"), output, strerror(errno));
		return ret;
	}
	if (strcmp(what, "sent") == 0 && ((rest == 1 && until == 0) || (rest == 0 && until > 0))) {
		struct sent_file f = { NULL, 0, rest == 1 ? argv[2] : NULL, NULL };
		if (rest == 1 && csvfile_read(f.path, NULL, read_id, &f, &cause) != 0) {
			free(f.ids);
			if (f.bad != NULL) {
				free(cause);
				return cli_cause(f.bad);
			}
			return cli_cause(cause);
		}
		struct miz_db *db = cli_db(ctx);
		if (db == NULL) {
			free(f.ids);
			return EXIT_ERR;
		}
		int marked;
		int rc = outbox_mark_sent(db, rest == 1 ? f.ids : NULL, f.n, until, &marked, &cause);
		free(f.ids);
		if (rc != 0)
			return cli_cause(cause);
		cli_printf(ngettext("%d message marked sent\n", "%d messages marked sent\n", marked),
		    marked);
		return EXIT_OK;
	}
	return cli_usage("outbox");
}
