/* The command line front end: one file per command group, each a table entry. */
#ifndef MIZ_CLI_H
#define MIZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "miz/calendar.h"
#include "miz/case.h"
#include "miz/conf.h"
#include "miz/csvfile.h"
#include "miz/db.h"
#include "miz/text.h"
#include "miz/paper.h"

/* What every command gets. */
struct cli_ctx {
	const char *db_path; /* as resolved */
	const char *login; /* the person at the keyboard: the real uid's login */
	const char *clerk; /* --clerk or MIZ_CLERK: whose work it is (NULL: login's) */
	const char *datadir; /* --datadir, or NULL */
	miz_day today;
	struct miz_db *db; /* opened on first use by cli_db */
	bool create; /* cli_db may create the database (miz init) */
	bool training; /* ... as a training database (miz init --training) */
};

/*
 * Typesetting lives in a program of its own, miz-paper (paper_proxy.c):
 * true in miz-paper, false in miz, which hands paper commands over.
 */
extern const bool cli_typesets;
/* Tells the desk's paper requests which database, clerk and day to use. */
void cli_paper_context(const struct cli_ctx *ctx);
/* Runs miz-paper with these arguments in place of this process; returns
 * only on failure (with the message printed). */
int cli_paper_exec(char **argv);

/* Exit statuses. */
#define EXIT_OK 0
#define EXIT_ERR 1
#define EXIT_USAGE 2

struct cli_command {
	const char *name;
	const char *usage; /* after "miz NAME " */
	const char *summary;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/*
 * Options.  A command lists its options in a table ended by an entry with
 * a NULL name; each says what it takes and where its value goes.
 */
enum cli_arg {
	CLI_FLAG, /* no value: *(bool *)to becomes true */
	CLI_TEXT, /* *(const char **)to: the value as given */
	CLI_DAY, /* *(miz_day *)to: a date as miz reads them (cal_parse) */
	CLI_NUMBER, /* *(long long *)to: a whole number from min to max */
};
struct cli_option {
	const char *name; /* --name, or an unambiguous start of it; --name=VALUE too */
	char letter; /* -x VALUE or -xVALUE as well; 0 for none */
	enum cli_arg arg;
	void *to;
	long long min, max; /* CLI_NUMBER */
	const char *bad; /* CLI_NUMBER: what a bad value is told, "%s" the value
	                  * (an N_() message); NULL: "give a number from MIN to MAX" */
};
/*
 * Reads argv[1..argc) (argv[0] names the command) against opts: options
 * anywhere until "--", each value checked and stored; the other arguments
 * are moved, in order, to argv[1..*nargs], and argv[1 + *nargs] is NULL.
 * Their count must be from min_args to max_args (-1: no most).  Returns 0,
 * or EXIT_USAGE after saying why (a bad value) or printing the usage
 * (`usage`, or the command's own from the table when NULL).
 */
/* Entries of an option table. */
#define CLI_OPTION(n, l, k, t)                                    \
	{                                                         \
		.name = (n), .letter = (l), .arg = (k), .to = (t) \
	}
#define CLI_NUMBER_OPTION(n, t, lo, hi, msg)                                                      \
	{                                                                                         \
		.name = (n), .arg = CLI_NUMBER, .to = (t), .min = (lo), .max = (hi), .bad = (msg) \
	}
#define CLI_OPTIONS_END      \
	{                    \
		.name = NULL \
	}
/* For a command that takes no options. */
extern const struct cli_option NULL_OPTIONS[];
int cli_parse(const char *command, const char *usage, const struct cli_option *opts, int min_args,
    int max_args, int argc, char **argv, int *nargs /* OUT */);

/* Opens the database (once) and sets the clerk; prints the error on failure. */
struct miz_db *cli_db(struct cli_ctx *ctx);

/* Prints "miz: message" on stderr; returns EXIT_ERR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "miz: message" for a bad option value; returns EXIT_USAGE. */
int cli_bad_value(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a core error and frees it; returns EXIT_ERR. */
int cli_cause(char *cause);
/* Prints the command's usage from the one table of commands (main.c) as a
 * usage error; returns EXIT_USAGE. */
int cli_usage(const char *command);
/* The same with a usage of the caller's (a subcommand's); returns EXIT_USAGE. */
int cli_usage_line(const char *command, const char *usage);
/* Prints every collected import error, one per line. */
void cli_print_errlist(const struct miz_errlist *errs);

/*
 * Output for people.  On a terminal, with bidi = miz in the clerk's
 * configuration, every line goes out in display order (each tab-separated
 * cell its own paragraph); files and pipes get logical order, always.
 */
void cli_out_init(void);
/* True when output is in display order; *look (may be NULL) gets how, and
 * then the terminal is told to leave it alone (the caller writes it). */
bool cli_out_visual(struct text_look *look /* OUT */);
/* printf for people's output (standard output). */
int cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes what is left of an unfinished line. */
void cli_out_flush(void);

/* Writes "YYYY-MM-DD YYYY/MM/DD" for a day, or "-" for NO_DAY. */
void cli_print_day(FILE *fp, miz_day day);
/* Prints a case in full (key: value lines, then its lists). */
void cli_print_case(FILE *fp, const struct miz_case *c);

/* Imports one CSV file of a kind (services, documents, holidays, workweek). */
int cli_import_file(struct miz_db *db, const char *kind, const char *path, const char *rejects);
/* True when kind names an importable file kind. */
int cli_import_kind_valid(const char *kind);

/* True when the office's setting export_bom is "yes". */
bool cli_bom_default(struct miz_db *db);

/* Resolves the sample data folder: --datadir, $MIZ_DATADIR, the source tree, the install. */
char *cli_datadir(const struct cli_ctx *ctx);

/* What printing needs: the clerk's own configuration and the paper style. */
struct cli_paper {
	struct miz_conf conf;
	struct paper_style style; /* points into this struct and the context */
	char *office_name;
	char *clerk_name;
};
/*
 * Loads the configuration file and the style (calendar and office name
 * from the database, paper from the configuration, Persian digits under a
 * right-to-left interface); prints the error and returns -1 on failure.
 */
int cli_paper_load(struct cli_ctx *ctx, struct cli_paper *out /* OUT */);
void cli_paper_free(struct cli_paper *p);
/* "<print_dir>/<kind>-<code>.pdf" with the folder made (a new string), or NULL after
 * printing why not. */
char *cli_paper_path(const struct cli_paper *p, const char *kind, const char *code);
/* Prints the path and sends the file to the print command; an exit status. */
int cli_paper_send(const struct cli_paper *p, const char *path);

int cmd_audit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_pg(struct cli_ctx *ctx, int argc, char **argv);
int cmd_clerk(struct cli_ctx *ctx, int argc, char **argv);
int cmd_outbox(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cli_ctx *ctx, int argc, char **argv);
int cmd_case(struct cli_ctx *ctx, int argc, char **argv);
int cmd_client(struct cli_ctx *ctx, int argc, char **argv);
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);
int cmd_desk(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cmd_date(struct cli_ctx *ctx, int argc, char **argv);
int cmd_holiday(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_service(struct cli_ctx *ctx, int argc, char **argv);
int cmd_setting(struct cli_ctx *ctx, int argc, char **argv);

#endif
