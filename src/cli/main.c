/* miz: the service desk in a terminal — entry point and command dispatch. */
#include "config.h"
#include "paths.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "../tui/tui.h"
#include "miz/clerk.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

static const struct cli_command commands[] = {
	{ "init",
	    N_("[--sample] [--demo] [--training] [--datadir DIR] [--office N] [--office-name "
	       "NAME]"),
	    N_("create the database; --sample loads the sample catalog and holidays"), cmd_init },
	{ "import",
	    N_("services|documents|holidays|workweek FILE | clients|cases FILE [--encoding "
	       "utf-8|cp1256] [--dry-run]; [--rejects FILE]"),
	    N_("import a CSV file (all rows or none)"), cmd_import },
	{ "date", N_("[DATE] [--add-working-days N]"),
	    N_("convert a date (Gregorian <-> Solar Hijri); dates from stdin when none given"),
	    cmd_date },
	{ "client",
	    N_("add NATIONAL_ID NAME [--mobile M] [--address A] | find QUERY [--limit N] [--offset "
	       "N] | edit NATIONAL_ID [--name N] [--mobile M] [--address A] [--sms yes|no] | "
	       "history NATIONAL_ID | nid OLD_ID NEW_ID"),
	    N_("register, find or correct a client (nid: a supervisor's)"), cmd_client },
	{ "service", N_("list [QUERY] | show CODE | print CODE [--paper a5|roll80] [-o FILE.pdf]"),
	    N_("browse the service catalog; print a service's guide card"), cmd_service },
	{ "case", N_("open|show|docs|missing|refer|status|visit|list|print ..."),
	    N_("open and follow cases, print their papers (miz case --help for details)"),
	    cmd_case },
	{ "desk",
	    N_("[opened|awaiting|due|overdue|ready|referrals] [--limit N] [--offset N | --after "
	       "CODE]"),
	    N_("today's counts, or one of the desk's lists"), cmd_desk },
	{ "report",
	    N_("eod [--date D] [--limit N] | period|inspection|province --from D --to D; "
	       "[--format text|csv|pdf] [-o FILE] [--bom] | push --to DATABASE|--format csv "
	       "[-o FILE]|--from-csv FILE [--days N]"),
	    N_("supervisor reports as a table, --format csv, or --format pdf -o FILE; push sends "
	       "the office's figures to its province"),
	    cmd_report },
	{ "export",
	    N_("cases|clients|notices|referrals|satisfaction [--from D] [--to D] [-o FILE] "
	       "[--bom]"),
	    N_("CSV for spreadsheets (--bom for Excel)"), cmd_export },
	{ "outbox",
	    N_("list [--all] [--since D] | export [--all] [--since D] [-o FILE] [--bom] | sent "
	       "FILE|--until ID"),
	    N_("SMS messages for clients, for the agency's SMS panel"), cmd_outbox },
	{ "holiday", N_("add DATE NAME [--closure] | list [YEAR]"),
	    N_("add a day off (an ad-hoc closure revises open promises)"), cmd_holiday },
	{ "clerk",
	    N_("list | add LOGIN [--name NAME] [--supervisor] | role LOGIN clerk|supervisor"),
	    N_("who works at the desk, and who is a supervisor"), cmd_clerk },
	{ "audit", N_("verify [--head HASH]"),
	    N_("check the history's hash chain, or a head printed on an end-of-day report"),
	    cmd_audit },
	{ "pg", N_("grants [--apply]"),
	    N_("the PostgreSQL server's roles for the desk: print their SQL, or --apply it"),
	    cmd_pg },
	{ "backup", N_("FILE|FOLDER/ [--keep N]"),
	    N_("a checked copy of the database while clerks work; in a folder, keep the last "
	       "N (setting backup_keep, default 14)"),
	    cmd_backup },
	{ "restore", N_("BACKUP [--force]"),
	    N_("put a checked backup's record into the database (--force over a database)"),
	    cmd_restore },
	{ "setting", N_("[KEY [VALUE]]"), N_("show or change a setting (office_number, ...)"),
	    cmd_setting },
	{ "config", N_("[KEY [VALUE]]"),
	    N_("show or change this clerk's own configuration (print_command, paper, ...)"),
	    cmd_config },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Prints the help text. */
static void
usage(FILE *fp)
{
	fprintf(fp,
	    _("Usage: miz [OPTION]... [COMMAND [ARG]...]\n"
	      "The service desk in a terminal: clients, services, cases, tracking codes,\n"
	      "deficiency notices and promised dates on the working-day calendar.\n"
	      "With no command, miz opens the full-screen desk (F1 there lists the keys).\n\n"));
	fprintf(fp, _("Commands:\n"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-8s %s\n           %s\n", commands[i].name, _(commands[i].usage),
		    _(commands[i].summary));
	fprintf(fp,
	    _("\nOptions:\n"
	      "  --db FILE|URI   the database file (default: $MIZ_DB, else\n"
	      "                  $XDG_DATA_HOME/miz/desk.db or ~/.local/share/miz/desk.db),\n"
	      "                  or a PostgreSQL database: postgresql://[USER@]HOST/DB\n"
	      "                  (what it leaves out comes from the PG* environment)\n"
	      "  --clerk LOGIN   a supervisor acting for this clerk (also $MIZ_CLERK);\n"
	      "                  who acts is otherwise the login of the user running miz\n"
	      "  --today DATE    act as if today were DATE (also $MIZ_TODAY)\n"
	      "  -h, --help      show this help and exit\n"
	      "  -V, --version   show the version and exit\n\n"
	      "Dates are YYYY-MM-DD (Gregorian) or YYYY/MM/DD (Solar Hijri); YYYY-MM-DD\n"
	      "with a year below 1700 is Solar Hijri too.  Persian digits are accepted.\n"
	      "Exit status: 0 on success, 1 on an error, 2 on a usage error.\n"));
}

/* Prints "miz: message" on stderr. */
static void
vsay(const char *fmt, va_list ap)
{
	/* Messages repeat what was typed or stored: never a live control. */
	char *text = xvasprintf(fmt, ap);
	char *safe = text_terminal_safe(text);
	fputs("miz: ", stderr);
	fputs(safe, stderr);
	fputc('\n', stderr);
	free(safe);
	free(text);
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	return EXIT_ERR;
}

int
cli_bad_value(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

int
cli_cause(char *cause)
{
	cli_error("%s", cause != NULL ? cause : _("unknown error"));
	free(cause);
	return EXIT_ERR;
}

int
cli_usage_line(const char *command, const char *use)
{
	fprintf(stderr, _("Usage: miz %s %s\n"), command, use);
	return EXIT_USAGE;
}

int
cli_usage(const char *command)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, command) == 0)
			return cli_usage_line(command, _(commands[i].usage));
	}
	return cli_usage_line(command, "...");
}

void
cli_print_errlist(const struct miz_errlist *errs)
{
	for (size_t i = 0; i < errs->kept; i++) {
		char *safe = text_terminal_safe(errs->msgs[i]);
		fprintf(stderr, "%s\n", safe);
		free(safe);
	}
	if (errs->n > errs->kept)
		fprintf(stderr,
		    ngettext("miz: ... and %zu more error not shown\n",
		        "miz: ... and %zu more errors not shown\n", errs->n - errs->kept),
		    errs->n - errs->kept);
}

struct miz_db *
cli_db(struct cli_ctx *ctx)
{
	char *cause = NULL;
	if (ctx->db != NULL)
		return ctx->db;
	if ((ctx->create ? db_create : db_open)(ctx->db_path, &ctx->db, &cause) != 0) {
		cli_cause(cause);
		return NULL;
	}
	/* Whoever owns the file, and root, may change it anyway: a supervisor.
	 * A database on a server is nobody's file: its roles are the clerk
	 * table's, and the server's grants (miz pg grants). */
	struct stat sb;
	bool owner = !db_is_server(ctx->db_path) &&
	    (getuid() == 0 || (stat(ctx->db_path, &sb) == 0 && sb.st_uid == getuid()));
	if ((ctx->training && clerk_make_training(ctx->db, &cause) != 0) ||
	    clerk_sign_in(ctx->db, ctx->login, ctx->clerk, owner, &cause) != 0) {
		cli_cause(cause);
		db_close(ctx->db);
		ctx->db = NULL;
		return NULL;
	}
	return ctx->db;
}

/* True for the commands that typeset (argv[0] is the command's name): case
 * print, service print, report --format pdf. */
static bool
wants_paper(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[0], "case") == 0 || strcmp(argv[0], "service") == 0) &&
	    strcmp(argv[1], "print") == 0)
		return true;
	if (argc >= 1 && strcmp(argv[0], "report") == 0) {
		/* --format as cli_parse reads it: --fo and longer starts of it
		 * (--f is also --from), its value after = or next. */
		for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
			const char *a = argv[i], *eq = strchr(a, '=');
			size_t len = eq != NULL ? (size_t)(eq - a) : strlen(a);
			if (len < 4 || len > 8 || strncmp(a, "--format", len) != 0)
				continue;
			const char *value = eq != NULL ? eq + 1 : i + 1 < argc ? argv[i + 1] : "";
			if (strcmp(value, "pdf") == 0)
				return true;
		}
	}
	return false;
}

/*
 * The desk on a path with no database: asks whether to create it there
 * (only miz init and this answer make a database).  False when the clerk
 * says no.
 */
static bool
offer_new_database(struct cli_ctx *ctx)
{
	struct stat sb;
	if (db_is_server(ctx->db_path) || stat(ctx->db_path, &sb) == 0 || errno != ENOENT)
		return true; /* there is something: opening it says what is wrong */
	printf(_("There is no miz database at %s.\nCreate a new, empty one there? (y/n) "),
	    ctx->db_path);
	fflush(stdout);
	char answer[64];
	if (fgets(answer, sizeof answer, stdin) == NULL ||
	    (answer[0] != 'y' && answer[0] != 'Y' && strncmp(answer, "\xd8\xba", 2) != 0)) {
		cli_error(_("nothing created; a database is made with: miz init --db %s"),
		    ctx->db_path);
		return false;
	}
	ctx->create = true;
	return true;
}

/*
 * The login of the person running miz: the real uid's, never $USER or
 * $LOGNAME, which anyone can set.  A uid with no name is "uid-N".
 */
static const char *
login_name(void)
{
	static char name[256];
	struct passwd *pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_name != NULL && *pw->pw_name != '\0')
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "uid-%lu", (unsigned long)getuid());
	return name;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "clerk", required_argument, NULL, 'c' },
		{ "today", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_arg = NULL;
	const char *clerk = NULL;
	const char *today = NULL;
	int c;

	/* The day is the office's, from the system's zone: a TZ of one's own
	 * would move the clock the back-dating rule reads (clerk.h). */
	unsetenv("TZ");
	tzset();
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	/* MIZ_LOCALEDIR: the catalogs of a build tree (the tests of the Persian desk). */
	const char *localedir = getenv("MIZ_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			break;
		case 'c':
			clerk = optarg;
			break;
		case 't':
			today = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("miz %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	struct cli_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	char *path = db_default_path(db_arg);
	if (path == NULL)
		return cli_bad_value(_("HOME is not set, so there is no default database: give "
		                       "--db FILE or set MIZ_DB"));
	ctx.db_path = path;
	ctx.login = login_name();
	if (clerk == NULL)
		clerk = getenv("MIZ_CLERK");
	ctx.clerk = clerk != NULL && *clerk != '\0' ? clerk : NULL;
	ctx.today = cal_today();

	if (today == NULL)
		today = getenv("MIZ_TODAY");
	if (today != NULL && *today != '\0') {
		char *cause = NULL;
		if (cal_parse(today, &ctx.today, &cause) != 0) {
			free(path);
			cli_cause(cause);
			return EXIT_USAGE;
		}
	}
	cli_paper_context(&ctx);
	if (!cli_typesets && optind < argc && wants_paper(argc - optind, argv + optind)) {
		free(path);
		return cli_paper_exec(argv);
	}
	if (optind >= argc) {
		/* No command: the full-screen desk. */
		int ret = EXIT_ERR;
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			cli_error(_("the desk needs a terminal; see miz --help for the commands"));
		} else if (!offer_new_database(&ctx)) {
			ret = EXIT_ERR;
		} else if (cli_db(&ctx) != NULL && !clerk_is_supervisor(ctx.db) &&
		    ctx.today != clerk_clock_day(ctx.db)) {
			cli_error(_("a clerk's desk works on today's date: start it without --today "
			            "and MIZ_TODAY"));
		} else if (ctx.db != NULL) {
			/* The title line names who works, and who does it for them. */
			char *clerk_shown = db_acted_by(ctx.db) != 0
			    ? xasprintf(_("%s acting for %s"), ctx.login, ctx.clerk)
			    : xstrdup(ctx.clerk != NULL ? ctx.clerk : ctx.login);
			ret =
			    tui_run(ctx.db, clerk_shown, ctx.today, today != NULL && *today != '\0');
			free(clerk_shown);
		}
		db_close(ctx.db);
		free(path);
		return ret;
	}

	const char *name = argv[optind];
	int ret = -1;
	cli_out_init();
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(name, commands[i].name) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;
			optind = 0; /* reset getopt for the command's own options */
			ret = commands[i].run(&ctx, sub_argc, sub_argv);
			break;
		}
	}
	if (ret < 0) {
		cli_error(_("unknown command '%s': see miz --help"), name);
		ret = EXIT_USAGE;
	}
	cli_out_flush();
	db_close(ctx.db);
	free(path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("cannot write the output: %s"), strerror(errno));
		ret = EXIT_ERR;
	}
	return ret;
}
