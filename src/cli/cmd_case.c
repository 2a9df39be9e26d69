/* miz case: open, show, documents, referral, status, visits, lists and printing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

/* Each subcommand's usage, after "miz case ": its entry in subs[] below. */
static const char *sub_usage(const char *name);

/* Parses a subcommand's arguments (argv[0] is its name) with its usage. */
static int
parse(const struct cli_option *opts, int min_args, int max_args, int argc, char **argv)
{
	int nargs;
	return cli_parse("case", sub_usage(argv[0]), opts, min_args, max_args, argc, argv, &nargs);
}

/*
 * Turns checklist positions ("1,3 4") into document ids of the service.
 * Positions are what the clerk sees on the printed checklist.
 */
static int
positions_to_ids(const struct miz_service *s, char **args, int nargs, int64_t **ids, size_t *nids)
{
	*ids = NULL;
	*nids = 0;
	for (int a = 0; a < nargs; a++) {
		char *copy = xstrdup(args[a]);
		char *save = NULL;
		for (char *tok = strtok_r(copy, ", ", &save); tok != NULL;
		     tok = strtok_r(NULL, ", ", &save)) {
			long long pos;
			if (text_parse_int(tok, 1, (long long)s->ndocs, &pos) != 0) {
				cli_error(_("document '%s' is not on the checklist of %s: give a "
				            "number from 1 to %zu"),
				    tok, s->code, s->ndocs);
				free(copy);
				free(*ids);
				*ids = NULL;
				return -1;
			}
			*ids = xreallocarray(*ids, *nids + 1, sizeof **ids);
			(*ids)[(*nids)++] = s->docs[pos - 1].id;
		}
		free(copy);
	}
	return 0;
}

/* Prints the receipt or deficiency notice of a just-opened case. */
static void
print_opened(struct miz_db *db, const char *code)
{
	int64_t id;
	struct miz_case c;
	char *cause = NULL;
	if (case_find_code(db, code, &id, &cause) != 0 || case_load(db, id, &c, &cause) != 0) {
		cli_cause(cause);
		return;
	}
	cli_print_case(stdout, &c);
	case_free(&c);
}

/* miz case open NATIONAL_ID SERVICE [--docs LIST | --all-docs] */
static int
case_open_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *docs_given = NULL;
	bool all = false, again = false;
	const struct cli_option options[] = {
		CLI_OPTION("docs", 0, CLI_TEXT, &docs_given),
		CLI_OPTION("all-docs", 0, CLI_FLAG, &all),
		CLI_OPTION("again", 0, CLI_FLAG, &again),
		CLI_OPTIONS_END,
	};
	int rc = parse(options, 2, 2, argc, argv);
	if (rc != 0)
		return rc;
	if (all && docs_given != NULL)
		return cli_usage_line("case", sub_usage("open"));
	char *docs = (char *)docs_given; /* positions_to_ids reads it only */

	char *cause = NULL;
	char nid[NID_LEN + 1];
	if (client_nid_normalize(argv[1], nid, &cause) != 0)
		return cli_cause(cause);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	struct miz_client cl;
	int found = client_get_by_nid(db, nid, &cl, &cause);
	if (found < 0)
		return cli_cause(cause);
	if (found == 0)
		return cli_error(
		    _("national ID %s is not registered: miz client add %s NAME"), nid, nid);
	int64_t client_id = cl.id;
	client_free(&cl);

	struct miz_service s;
	found = catalog_get_service(db, argv[2], &s, &cause);
	if (found < 0)
		return cli_cause(cause);
	if (found == 0)
		return cli_error(_("unknown service code '%s': see miz service list"), argv[2]);
	int64_t *ids = NULL;
	size_t nids = 0;
	int ret = EXIT_ERR;
	int64_t open_id = 0;
	found = again ? 0 : case_find_open(db, client_id, s.code, &open_id, &cause);
	if (found < 0) {
		cli_cause(cause);
		goto out;
	}
	if (found > 0) {
		struct miz_case oc;
		if (case_load(db, open_id, &oc, &cause) != 0) {
			cli_cause(cause);
			goto out;
		}
		char pretty[TRACKING_SHOWN];
		tracking_format(oc.code, pretty);
		cli_error(_("%s already has an open case for %s: %s (%s); give --again to open "
		            "another"),
		    nid, s.code, pretty, case_status_label(oc.status));
		case_free(&oc);
		goto out;
	}
	if (all) {
		ids = xcalloc(s.ndocs + 1, sizeof *ids);
		for (size_t i = 0; i < s.ndocs; i++)
			ids[i] = s.docs[i].id;
		nids = s.ndocs;
	} else if (docs != NULL && positions_to_ids(&s, &docs, 1, &ids, &nids) != 0) {
		ret = EXIT_USAGE;
		goto out;
	}
	char code[TRACKING_LEN + 1];
	if (case_open(db, client_id, s.code, ids, nids, ctx->today, code, NULL, &cause) != 0) {
		cli_cause(cause);
		goto out;
	}
	print_opened(db, code);
	ret = EXIT_OK;
out:
	free(ids);
	catalog_service_free(&s);
	return ret;
}

/* Resolves a code argument to a case id, printing why not. */
static int
find_case(struct cli_ctx *ctx, const char *code, int64_t *id)
{
	char *cause = NULL;
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return -1;
	if (case_find_code(db, code, id, &cause) != 0) {
		cli_cause(cause);
		return -1;
	}
	return 0;
}

/* miz case show CODE */
static int
case_show_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	int64_t id;
	struct miz_case c;
	char *cause = NULL;
	int rc = parse(NULL_OPTIONS, 1, 1, argc, argv);
	if (rc != 0)
		return rc;
	if (find_case(ctx, argv[1], &id) != 0)
		return EXIT_ERR;
	if (case_load(ctx->db, id, &c, &cause) != 0)
		return cli_cause(cause);
	cli_print_case(stdout, &c);
	case_free(&c);
	return EXIT_OK;
}

/*
 * The checklist positions args[0..nargs) of case CODE, turned into document
 * ids and handed to `apply` (documents brought, or found missing) with
 * `note`; prints the case after.
 */
static int
case_docs_change(struct cli_ctx *ctx, const char *code, char **args, int nargs, const char *note,
    int (*apply)(struct cli_ctx *, int64_t, const int64_t *, size_t, const char *, char **))
{
	int64_t id;
	struct miz_case c;
	char *cause = NULL;
	if (find_case(ctx, code, &id) != 0)
		return EXIT_ERR;
	if (case_load(ctx->db, id, &c, &cause) != 0)
		return cli_cause(cause);
	int64_t *ids = NULL;
	size_t nids = 0;
	int ret = EXIT_ERR;
	if (positions_to_ids(&c.service, args, nargs, &ids, &nids) == 0) {
		struct miz_case after;
		if (apply(ctx, id, ids, nids, note, &cause) != 0 ||
		    case_load(ctx->db, id, &after, &cause) != 0) {
			cli_cause(cause);
		} else {
			cli_print_case(stdout, &after);
			case_free(&after);
			ret = EXIT_OK;
		}
	}
	free(ids);
	case_free(&c);
	return ret;
}

static int
add_docs(
    struct cli_ctx *ctx, int64_t id, const int64_t *ids, size_t n, const char *note, char **cause)
{
	(void)note;
	return case_add_documents(ctx->db, id, ids, n, ctx->today, NULL, cause);
}

static int
missing_docs(
    struct cli_ctx *ctx, int64_t id, const int64_t *ids, size_t n, const char *note, char **cause)
{
	return case_documents_missing(ctx->db, id, ids, n, note, ctx->today, NULL, cause);
}

/* miz case docs CODE N[,N...] */
static int
case_docs_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	int nargs;
	int rc = cli_parse("case", sub_usage("docs"), NULL_OPTIONS, 2, -1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	return case_docs_change(ctx, argv[1], argv + 2, nargs - 1, NULL, add_docs);
}

/* miz case missing CODE N[,N...] [--note TEXT] */
static int
case_missing_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *note = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("note", 0, CLI_TEXT, &note),
		CLI_OPTIONS_END,
	};
	int nargs;
	int rc = cli_parse("case", sub_usage("missing"), options, 2, -1, argc, argv, &nargs);
	if (rc != 0)
		return rc;
	return case_docs_change(ctx, argv[1], argv + 2, nargs - 1, note, missing_docs);
}

/* miz case refer CODE DEPARTMENT [--officer NAME] [--due DATE | --days N] [--note TEXT] */
static int
case_refer_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *officer = NULL, *due = NULL, *note = NULL;
	long long days = -1;
	const struct cli_option options[] = {
		CLI_OPTION("officer", 0, CLI_TEXT, &officer),
		CLI_OPTION("due", 0, CLI_TEXT, &due),
		CLI_NUMBER_OPTION(
		    "days", &days, 0, 365, N_("--days %s: give working days from 0 to 365")),
		CLI_OPTION("note", 0, CLI_TEXT, &note),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int rc = parse(options, 2, 2, argc, argv);
	if (rc != 0)
		return rc;
	if (due != NULL && days >= 0)
		return cli_usage_line("case", sub_usage("refer"));
	int64_t id;
	if (find_case(ctx, argv[1], &id) != 0)
		return EXIT_ERR;
	miz_day due_on;
	if (due != NULL) {
		if (cal_parse(due, &due_on, &cause) != 0) {
			cli_cause(cause);
			return EXIT_USAGE;
		}
	} else if (case_referral_due(ctx->db, (int)days, ctx->today, &due_on, &cause) != 0) {
		return cli_cause(cause);
	}
	if (case_refer(ctx->db, id, argv[2], officer, due_on, note, ctx->today, NULL, &cause) != 0)
		return cli_cause(cause);
	cli_printf("referred: %s, due ", argv[2]);
	cli_print_day(stdout, due_on);
	cli_printf("\n");
	return EXIT_OK;
}

/* miz case status CODE STATUS [--reason TEXT] [--rating N] [--comment TEXT] */
static int
case_status_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *reason = NULL, *comment = NULL;
	long long rating = 0;
	const struct cli_option options[] = {
		CLI_OPTION("reason", 0, CLI_TEXT, &reason),
		CLI_NUMBER_OPTION("rating", &rating, 1, 5,
		    N_("--rating %s: satisfaction is a number from 1 to 5")),
		CLI_OPTION("comment", 0, CLI_TEXT, &comment),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int rc = parse(options, 2, 2, argc, argv);
	if (rc != 0)
		return rc;
	enum miz_status to;
	if (case_status_parse(argv[2], &to) != 0)
		return cli_bad_value(_("unknown status '%s': use in_progress, ready, delivered, "
		                       "withdrawn or rejected"),
		    argv[2]);
	int64_t id;
	if (find_case(ctx, argv[1], &id) != 0)
		return EXIT_ERR;
	if (case_set_status(
	        ctx->db, id, to, reason, (int)rating, comment, ctx->today, NULL, &cause) != 0)
		return cli_cause(cause);
	cli_printf("status: %s\n", case_status_token(to));
	return EXIT_OK;
}

/* miz case visit CODE [--note TEXT] */
static int
case_visit_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *note = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("note", 0, CLI_TEXT, &note),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int rc = parse(options, 1, 1, argc, argv);
	if (rc != 0)
		return rc;
	int64_t id;
	if (find_case(ctx, argv[1], &id) != 0)
		return EXIT_ERR;
	if (case_visit(ctx->db, id, note, ctx->today, NULL, &cause) != 0)
		return cli_cause(cause);
	return EXIT_OK;
}

/* Prints CODE<TAB>STATUS<TAB>OPENED<TAB>PROMISED<TAB>SERVICE<TAB>CLIENT. */
static int
print_row(const struct miz_case_row *r, void *arg)
{
	(void)arg;
	char opened[11] = "-", promised[11] = "-";
	if (r->opened_on != NO_DAY)
		cal_format_iso(r->opened_on, opened);
	if (r->promised_on != NO_DAY)
		cal_format_iso(r->promised_on, promised);
	cli_printf("%s\t%s\t%s\t%s\t%s\t%s\n", r->code, case_status_token(r->status), opened, promised,
	    r->service_code, r->client_name);
	return 0;
}

/* miz case list [--status S] [--client NID] [--limit N] [--offset N] */
static int
case_list_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	enum miz_status status = ST__COUNT;
	const char *status_text = NULL, *client = NULL;
	long long limit = 100, offset = 0;
	const struct cli_option options[] = {
		CLI_OPTION("status", 0, CLI_TEXT, &status_text),
		CLI_OPTION("client", 0, CLI_TEXT, &client),
		CLI_NUMBER_OPTION("limit", &limit, 1, 1000000, NULL),
		CLI_NUMBER_OPTION("offset", &offset, 0, 1000000000, NULL),
		CLI_OPTIONS_END,
	};
	char *cause = NULL;
	int rc = parse(options, 0, 0, argc, argv);
	if (rc != 0)
		return rc;
	if (status_text != NULL && case_status_parse(status_text, &status) != 0)
		return cli_bad_value(_("unknown status '%s'"), status_text);
	struct miz_db *db = cli_db(ctx);
	if (db == NULL)
		return EXIT_ERR;
	int64_t client_id = 0;
	if (client != NULL) {
		char nid[NID_LEN + 1];
		struct miz_client cl;
		if (client_nid_normalize(client, nid, &cause) != 0)
			return cli_cause(cause);
		int found = client_get_by_nid(db, nid, &cl, &cause);
		if (found < 0)
			return cli_cause(cause);
		if (found == 0)
			return cli_error(_("national ID %s is not registered"), nid);
		client_id = cl.id;
		client_free(&cl);
	}
	if (case_list(db, status, client_id, (int)limit, (int)offset, print_row, NULL, &cause) < 0)
		return cli_cause(cause);
	return EXIT_OK;
}

/* miz case print CODE [--receipt|--notice|--slip] [--paper a5|roll80] [-o FILE.pdf] */
static int
case_print_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	bool receipt = false, notice = false, slip = false;
	const char *paper = NULL, *output = NULL;
	const struct cli_option options[] = {
		CLI_OPTION("receipt", 0, CLI_FLAG, &receipt),
		CLI_OPTION("notice", 0, CLI_FLAG, &notice),
		CLI_OPTION("slip", 0, CLI_FLAG, &slip),
		CLI_OPTION("paper", 0, CLI_TEXT, &paper),
		CLI_OPTION("output", 'o', CLI_TEXT, &output),
		CLI_OPTIONS_END,
	};
	int rc = parse(options, 1, 1, argc, argv);
	if (rc != 0)
		return rc;
	if (receipt + notice + slip > 1)
		return cli_bad_value(_("give one of --receipt, --notice and --slip"));
	int kind = receipt ? PAPER_RECEIPT : notice ? PAPER_NOTICE : slip ? PAPER_SLIP : -1;
	enum paper_size size = PAPER_A5;
	if (paper != NULL && paper_size_parse(paper, &size) != 0)
		return cli_bad_value(_("--paper %s: use a5 or roll80"), paper);
	int64_t id;
	struct miz_case cs;
	char *cause = NULL;
	if (find_case(ctx, argv[1], &id) != 0)
		return EXIT_ERR;
	if (case_load(ctx->db, id, &cs, &cause) != 0)
		return cli_cause(cause);
	struct cli_paper pp;
	if (cli_paper_load(ctx, &pp) != 0) {
		case_free(&cs);
		return EXIT_ERR;
	}
	if (paper != NULL)
		pp.style.size = size;
	enum paper_kind k = kind >= 0 ? (enum paper_kind)kind : paper_kind_for(&cs);
	static const char *const stems[] = { "receipt", "notice", "slip" };
	char *path = output != NULL ? xstrdup(output) : cli_paper_path(&pp, stems[k], cs.code);
	int ret = EXIT_ERR;
	if (path == NULL)
		goto out;
	if (paper_case_pdf(&cs, k, &pp.style, path, &cause) != 0) {
		cli_cause(cause);
		goto out;
	}
	ret = output != NULL ? EXIT_OK : cli_paper_send(&pp, path);
out:
	free(path);
	cli_paper_free(&pp);
	case_free(&cs);
	return ret;
}

/* The subcommands: name, usage after "miz case ", what runs them. */
static const struct {
	const char *name;
	const char *usage;
	int (*run)(struct cli_ctx *, int, char **);
} subs[] = {
	{ "open", N_("open NATIONAL_ID SERVICE [--docs N,N,...|--all-docs] [--again]"),
	    case_open_cmd },
	{ "show", N_("show CODE"), case_show_cmd },
	{ "docs", N_("docs CODE N[,N...]"), case_docs_cmd },
	{ "missing", N_("missing CODE N[,N...] [--note TEXT]"), case_missing_cmd },
	{ "refer", N_("refer CODE DEPARTMENT [--officer NAME] [--due DATE|--days N] [--note TEXT]"),
	    case_refer_cmd },
	{ "status", N_("status CODE STATUS [--reason TEXT] [--rating 1-5] [--comment TEXT]"),
	    case_status_cmd },
	{ "visit", N_("visit CODE [--note TEXT]"), case_visit_cmd },
	{ "list", N_("list [--status STATUS] [--client NATIONAL_ID] [--limit N] [--offset N]"),
	    case_list_cmd },
	{ "print", N_("print CODE [--receipt|--notice|--slip] [--paper a5|roll80] [-o FILE.pdf]"),
	    case_print_cmd },
};
#define NSUBS (sizeof subs / sizeof subs[0])

static const char *
sub_usage(const char *name)
{
	for (size_t i = 0; i < NSUBS; i++) {
		if (strcmp(subs[i].name, name) == 0)
			return _(subs[i].usage);
	}
	return "...";
}

/* Every subcommand's usage, then what print does: miz case --help. */
static void
case_help(FILE *fp)
{
	for (size_t i = 0; i < NSUBS; i++)
		fprintf(fp, i == 0 ? _("Usage: miz case %s\n") : "       miz case %s\n",
		    _(subs[i].usage));
	fputs(_("\nprint writes the case's paper as PDF: its deficiency notice while it waits\n"
	        "for documents, its closing slip once closed, else its receipt (or the one\n"
	        "asked for), on the paper of miz config paper unless --paper.  With -o only\n"
	        "that file is written; else it goes to the print folder (miz config\n"
	        "print_dir) and to the print command (miz config print_command).\n"),
	    fp);
}

int
cmd_case(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		case_help(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; argc >= 2 && i < NSUBS; i++) {
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(ctx, argc - 1, argv + 1);
	}
	case_help(stderr);
	return EXIT_USAGE;
}
