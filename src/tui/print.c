/* Printing from the desk: a PDF typeset by the core (paper.c) in the print
 * folder, sent to the clerk's own print command. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/xmalloc.h"
#include "tui.h"

char *
tui_print_dir(struct tui *t)
{
	return xstrdup(t->set.conf.print_dir);
}

/* The path of a printed file: the print folder, a stem of safe characters. */
static char *
print_path(struct tui *t, const char *kind, const char *code)
{
	char *dir = tui_print_dir(t);
	/* Imported codes may hold '/' or worse: the name keeps only safe characters. */
	char *stem = xasprintf("%s-%s", kind, code);
	for (char *p = stem; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		        (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			*p = '_';
	}
	char *path = xasprintf("%s/%s.pdf", dir, stem);
	if (conf_make_dirs(dir) != 0) {
		tui_error(t, _("Cannot create the print folder %s: %s"), dir, strerror(errno));
		free(path);
		path = NULL;
	}
	free(stem);
	free(dir);
	return path;
}

/* The paper style of the desk's settings. */
static struct paper_style
style_of(struct tui *t)
{
	struct paper_style st = { t->set.jalali, t->set.office_name, t->set.clerk_name, PAPER_A5,
		t->set.persian_digits, t->today };
	paper_size_parse(t->set.conf.paper, &st.size);
	return st;
}

/* Sends a written file to the print command and says what happened. */
static void
send(struct tui *t, const char *path)
{
	char *cause = NULL;
	if (*t->set.conf.print_command == '\0') {
		tui_info(t, _("Written to %s (no print command set)."), path);
	} else if (paper_send(&t->set.conf, path, &cause) != 0) {
		tui_error(t, _("Written to %s, but it was not printed: %s"), path,
		    cause != NULL ? cause : "");
		free(cause);
	} else {
		tui_info(t, _("Sent to the printer; a copy is in %s."), path);
	}
}

void
tui_print_case(struct tui *t, const struct miz_case *c)
{
	static const char *const kinds[] = { "receipt", "notice", "slip" };
	enum paper_kind kind = paper_kind_for(c);
	char *path = print_path(t, kinds[kind], c->code);
	if (path == NULL)
		return;
	struct paper_style st = style_of(t);
	char *cause = NULL;
	if (paper_case_pdf(c, kind, &st, path, &cause) != 0)
		tui_cause(t, cause);
	else
		send(t, path);
	free(path);
}

void
tui_print_guide(struct tui *t, const struct miz_service *s)
{
	char *path = print_path(t, "guide", s->code);
	if (path == NULL)
		return;
	struct paper_style st = style_of(t);
	char *cause = NULL;
	if (paper_guide_pdf(s, &st, path, &cause) != 0)
		tui_cause(t, cause);
	else
		send(t, path);
	free(path);
}
