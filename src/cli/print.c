/* Printing from the command line: the paper style, the print folder, the print command. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "miz/clerk.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

int
cli_paper_load(struct cli_ctx *ctx, struct cli_paper *out)
{
	char *cause = NULL;
	memset(out, 0, sizeof *out);
	if (conf_load(&out->conf, &cause) != 0) {
		cli_cause(cause);
		conf_free(&out->conf);
		return -1;
	}
	struct miz_db *db = cli_db(ctx);
	if (db == NULL) {
		conf_free(&out->conf);
		return -1;
	}
	db_setting_get(db, "office_name", &out->office_name, NULL);
	if (clerk_name(db, &out->clerk_name, NULL) != 0)
		out->clerk_name = NULL;
	out->style.jalali = db_jalali(db);
	out->style.office_name = out->office_name;
	out->style.clerk = out->clerk_name != NULL ? out->clerk_name
	    : ctx->clerk != NULL                     ? ctx->clerk
	                                             : ctx->login;
	out->style.size = PAPER_A5;
	paper_size_parse(out->conf.paper, &out->style.size);
	out->style.persian_digits = db_persian_digits(db);
	out->style.today = clerk_clock_day(db); /* printed on: the clock's day */
	return 0;
}

void
cli_paper_free(struct cli_paper *p)
{
	conf_free(&p->conf);
	free(p->office_name);
	free(p->clerk_name);
	memset(p, 0, sizeof *p);
}

char *
cli_paper_path(const struct cli_paper *p, const char *kind, const char *code)
{
	const char *dir = p->conf.print_dir;
	if (conf_make_dirs(dir) != 0) {
		cli_error(_("cannot make the print folder %s: %s"), dir, strerror(errno));
		return NULL;
	}
	/* Imported codes may hold '/' or worse: the file name keeps only safe characters. */
	char *stem = xstrdup(code);
	for (char *s = stem; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		        (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			*s = '_';
	}
	char *path = xasprintf("%s/%s-%s.pdf", dir, kind, stem);
	free(stem);
	return path;
}

int
cli_paper_send(const struct cli_paper *p, const char *path)
{
	char *cause = NULL;
	printf("%s\n", path);
	if (paper_send(&p->conf, path, &cause) != 0)
		return cli_cause(cause);
	return EXIT_OK;
}
