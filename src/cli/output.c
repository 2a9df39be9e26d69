/* Printing for people on the command line: display order on a terminal, cases and dates. */
#include "config.h"
#include "paths.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../tui/term.h"
#include "cli.h"
#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

/* Output goes to a person's terminal in display order (set by cli_out_init). */
static bool visual;
static bool rtl;
/* The line being printed, until its newline. */
static char *pending;
static size_t pending_len, pending_cap;

void
cli_out_init(void)
{
	rtl = text_ui_rtl();
	visual = false;
	if (!isatty(STDOUT_FILENO))
		return;
	struct miz_conf conf;
	conf_load(&conf, NULL); /* a bad file leaves the defaults: miz lays out */
	visual = strcmp(conf.bidi, "miz") == 0;
	conf_free(&conf);
}

bool
cli_out_visual(struct text_look *look)
{
	if (visual && look != NULL)
		term_bidi_explicit(); /* the caller writes display order itself */
	if (look != NULL) {
		struct text_look lk = { TEXT_AUTO, TEXT_LTR, visual, false, rtl };
		*look = lk;
	}
	return visual;
}

/* Columns of the terminal (80 when it does not say). */
static int
terminal_columns(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/*
 * Writes one line in display order.  Tabs divide it into cells (the
 * command line's tables for scripts), each its own paragraph, kept in its
 * column; a line without tabs is one paragraph in the interface's direction,
 * against the right edge when that is right to left.
 */
static void
put_visual(const char *line)
{
	if (strchr(line, '\t') != NULL) {
		struct text_look lk = { TEXT_AUTO, TEXT_LTR, true, false, false };
		const char *p = line;
		for (;;) {
			const char *tab = strchr(p, '\t');
			char *cell = tab != NULL ? xstrndup(p, (size_t)(tab - p)) : xstrdup(p);
			char *shown = text_visual(cell, -1, &lk, NULL);
			fputs(shown, stdout);
			free(shown);
			free(cell);
			if (tab == NULL)
				break;
			fputc('\t', stdout);
			p = tab + 1;
		}
		fputc('\n', stdout);
		return;
	}
	struct text_look lk = { rtl ? TEXT_RTL : TEXT_LTR, TEXT_LTR, true, false, rtl };
	int used = 0;
	char *shown = text_visual(line, -1, &lk, &used);
	if (rtl) {
		int cols = terminal_columns();
		for (int i = used; i < cols - 1; i++)
			fputc(' ', stdout);
	}
	fputs(shown, stdout);
	fputc('\n', stdout);
	free(shown);
}

int
cli_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *more = xvasprintf(fmt, ap);
	va_end(ap);
	if (!visual) {
		/* Files and pipes get logical order, still never a live control. */
		char *safe = text_terminal_safe(more);
		fputs(safe, stdout);
		free(safe);
		int n = (int)strlen(more);
		free(more);
		return n;
	}
	/* What is written in display order must not be reordered again (and
	 * only then: a CSV written to the terminal stays as it is). */
	term_bidi_explicit();
	size_t n = strlen(more);
	if (pending_len + n + 1 > pending_cap) {
		pending_cap = (pending_len + n + 1) * 2;
		pending = xrealloc(pending, pending_cap);
	}
	memcpy(pending + pending_len, more, n + 1);
	pending_len += n;
	free(more);
	/* Every complete line goes out. */
	char *start = pending;
	char *nl;
	while ((nl = strchr(start, '\n')) != NULL) {
		*nl = '\0';
		put_visual(start);
		start = nl + 1;
	}
	pending_len = strlen(start);
	memmove(pending, start, pending_len + 1);
	return (int)n;
}

void
cli_out_flush(void)
{
	if (visual && pending_len > 0)
		put_visual(pending);
	free(pending);
	pending = NULL;
	pending_len = pending_cap = 0;
	fflush(stdout);
	term_bidi_restore();
}

/* Prints to fp; standard output goes through cli_printf (display order). */
static void __attribute__((format(printf, 2, 3))) say(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	if (fp == stdout)
		cli_printf("%s", text);
	else
		fputs(text, fp);
	free(text);
}

/* "YYYY-MM-DD YYYY/MM/DD", or "-". */
static void
day_text(miz_day day, char *buf /* 24 bytes */)
{
	if (day == NO_DAY) {
		snprintf(buf, 24, "-");
		return;
	}
	char iso[11], jal[11];
	cal_format_iso(day, iso);
	cal_format_jalali(day, jal);
	snprintf(buf, 24, "%s %s", iso, jal);
}

void
cli_print_day(FILE *fp, miz_day day)
{
	char buf[24];
	day_text(day, buf);
	say(fp, "%s", buf);
}

/* Prints "key: day" on one line. */
static void
print_day_line(FILE *fp, const char *key, miz_day day)
{
	char buf[24];
	day_text(day, buf);
	say(fp, "%s: %s\n", key, buf);
}

void
cli_print_case(FILE *fp, const struct miz_case *c)
{
	char pretty[TRACKING_SHOWN];
	char d1[24], d2[24], d3[24];
	tracking_format(c->code, pretty);
	say(fp, "%s: %s\n", _("tracking code"), pretty);
	say(fp, "%s: %s\n", _("status"), case_status_label(c->status));
	/* What can be done next, in the command line's words. */
	char *next = NULL;
	for (int a = 0; a < CA__COUNT; a++) {
		if (!case_allows(c, (enum case_action)a))
			continue;
		char *more = xasprintf("%s%s%s", next != NULL ? next : "", next != NULL ? ", " : "",
		    case_action_token((enum case_action)a));
		free(next);
		next = more;
	}
	say(fp, "%s: %s\n", _("next"), next != NULL ? next : _("nothing: the case is closed"));
	free(next);
	say(fp, "%s: %s (%s)%s%s\n", _("client"), c->client.full_name, c->client.national_id,
	    *c->client.mobile != '\0' ? " " : "", c->client.mobile);
	say(fp, "%s: %s %s\n", _("service"), c->service.code, c->service.name);
	say(fp, "%s: %s\n", _("department"), c->service.department);
	say(fp, "%s: %s %s\n", _("officer"), c->service.officer, c->service.officer_phone);
	char *fee = text_grouped(c->service.fee);
	say(fp, _("fee: %s rials\n"), fee);
	free(fee);
	print_day_line(fp, _("opened"), c->opened_on);
	print_day_line(fp, _("complete"), c->complete_on);
	print_day_line(fp, _("promised"), c->promised_on);
	if (c->original_promised_on != NO_DAY && c->original_promised_on != c->promised_on)
		print_day_line(fp, _("original promise"), c->original_promised_on);
	if (c->closed_on != NO_DAY)
		print_day_line(fp, _("closed"), c->closed_on);
	if (c->satisfaction > 0)
		say(fp, "%s: %d%s%s\n", _("satisfaction"), c->satisfaction, *c->comment ? " " : "",
		    c->comment);
	say(fp, "%s: %d\n", _("visits"), c->visits);
	if (c->imported)
		say(fp, "%s: %s\n", _("imported"), _("yes"));
	if (*c->note)
		say(fp, "%s: %s\n", _("note"), c->note);
	say(fp, "%s:\n", _("documents"));
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct miz_case_doc *d = &c->docs[i];
		say(fp, _("  [%c] %zu. %s (%s, %s)%s\n"), d->received ? 'x' : ' ', i + 1, d->name,
		    d->required ? _("required") : _("optional"), d->original ? _("original") : _("copy"),
		    d->active ? "" : _(" [no longer on the checklist]"));
	}
	for (size_t i = 0; i < c->nnotices; i++) {
		const struct miz_notice *n = &c->notices[i];
		day_text(n->issued_on, d1);
		day_text(n->deadline, d2);
		day_text(n->resolved_on, d3);
		if (n->resolved_on != NO_DAY)
			say(fp, _("notice %zu: issued %s, deadline %s, resolved %s\n"), i + 1, d1, d2, d3);
		else
			say(fp, _("notice %zu: issued %s, deadline %s\n"), i + 1, d1, d2);
		for (size_t j = 0; j < n->nitems; j++)
			say(fp, "  %s: %s\n", _("missing"), n->items[j]);
	}
	for (size_t i = 0; i < c->nreferrals; i++) {
		const struct miz_referral *r = &c->referrals[i];
		char *who = xasprintf("%s%s%s%s%s", r->department, *r->officer ? " / " : "", r->officer,
		    *r->officer_phone ? " " : "", r->officer_phone);
		day_text(r->referred_on, d1);
		day_text(r->due_on, d2);
		day_text(r->returned_on, d3);
		if (r->returned_on != NO_DAY)
			say(fp, _("referral %zu: %s, referred %s, due %s, returned %s\n"), i + 1, who, d1,
			    d2, d3);
		else
			say(fp, _("referral %zu: %s, referred %s, due %s\n"), i + 1, who, d1, d2);
		free(who);
		if (*r->note)
			say(fp, "  %s: %s\n", _("note"), r->note);
	}
	say(fp, "%s:\n", _("history"));
	for (size_t i = 0; i < c->nhistory; i++) {
		const struct miz_event *e = &c->history[i];
		char *what = case_event_text(e);
		say(fp, "  %s %s %s\n", e->at, e->clerk, what);
		free(what);
	}
}

char *
cli_datadir(const struct cli_ctx *ctx)
{
	if (ctx->datadir != NULL)
		return xstrdup(ctx->datadir);
	const char *env = getenv("MIZ_DATADIR");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Running from a build tree: the sources' data/ folder. */
	char *src = xstrdup(MIZ_SRCDATADIR "/services.csv");
	if (access(src, R_OK) == 0) {
		src[strlen(src) - strlen("/services.csv")] = '\0';
		return src;
	}
	free(src);
	return xstrdup(MIZ_DATADIR);
}
