/* Printing cases and dates for the command line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "miz/i18n.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"

void
cli_print_day(FILE *fp, miz_day day)
{
	if (day == NO_DAY) {
		fputs("-", fp);
		return;
	}
	char iso[11], jal[11];
	cal_format_iso(day, iso);
	cal_format_jalali(day, jal);
	fprintf(fp, "%s %s", iso, jal);
}

/* Prints "key: day" on one line. */
static void
print_day_line(FILE *fp, const char *key, miz_day day)
{
	fprintf(fp, "%s: ", key);
	cli_print_day(fp, day);
	fputc('\n', fp);
}

void
cli_print_case(FILE *fp, const struct miz_case *c)
{
	char pretty[TRACKING_SHOWN];
	tracking_format(c->code, pretty);
	fprintf(fp, "tracking code: %s\n", pretty);
	fprintf(fp, "status: %s\n", case_status_token(c->status));
	fprintf(fp, "client: %s (%s)%s%s\n", c->client.full_name, c->client.national_id,
	    *c->client.mobile != '\0' ? " " : "", c->client.mobile);
	fprintf(fp, "service: %s %s\n", c->service.code, c->service.name);
	fprintf(fp, "department: %s\n", c->service.department);
	fprintf(fp, "officer: %s %s\n", c->service.officer, c->service.officer_phone);
	fprintf(fp, "fee: %lld\n", c->service.fee);
	print_day_line(fp, "opened", c->opened_on);
	print_day_line(fp, "complete", c->complete_on);
	print_day_line(fp, "promised", c->promised_on);
	if (c->original_promised_on != NO_DAY && c->original_promised_on != c->promised_on)
		print_day_line(fp, "original promise", c->original_promised_on);
	if (c->closed_on != NO_DAY)
		print_day_line(fp, "closed", c->closed_on);
	if (c->satisfaction > 0)
		fprintf(fp, "satisfaction: %d%s%s\n", c->satisfaction, *c->comment ? " " : "",
		    c->comment);
	fprintf(fp, "visits: %d\n", c->visits);
	if (c->imported)
		fprintf(fp, "imported: yes\n");
	if (*c->note)
		fprintf(fp, "note: %s\n", c->note);
	fprintf(fp, "documents:\n");
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct miz_case_doc *d = &c->docs[i];
		fprintf(fp, "  [%c] %zu. %s (%s, %s)%s\n", d->received ? 'x' : ' ', i + 1, d->name,
		    d->required ? "required" : "optional", d->original ? "original" : "copy",
		    d->active ? "" : " [no longer on the checklist]");
	}
	for (size_t i = 0; i < c->nnotices; i++) {
		const struct miz_notice *n = &c->notices[i];
		fprintf(fp, "notice %zu: issued ", i + 1);
		cli_print_day(fp, n->issued_on);
		fprintf(fp, ", deadline ");
		cli_print_day(fp, n->deadline);
		if (n->resolved_on != NO_DAY) {
			fprintf(fp, ", resolved ");
			cli_print_day(fp, n->resolved_on);
		}
		fputc('\n', fp);
		for (size_t j = 0; j < n->nitems; j++)
			fprintf(fp, "  missing: %s\n", n->items[j]);
	}
	for (size_t i = 0; i < c->nreferrals; i++) {
		const struct miz_referral *r = &c->referrals[i];
		fprintf(fp, "referral %zu: %s%s%s%s%s, referred ", i + 1, r->department,
		    *r->officer ? " / " : "", r->officer, *r->officer_phone ? " " : "",
		    r->officer_phone);
		cli_print_day(fp, r->referred_on);
		fprintf(fp, ", due ");
		cli_print_day(fp, r->due_on);
		if (r->returned_on != NO_DAY) {
			fprintf(fp, ", returned ");
			cli_print_day(fp, r->returned_on);
		}
		fputc('\n', fp);
		if (*r->note)
			fprintf(fp, "  note: %s\n", r->note);
	}
	fprintf(fp, "history:\n");
	for (size_t i = 0; i < c->nhistory; i++) {
		const struct miz_event *e = &c->history[i];
		fprintf(fp, "  %s %s %s", e->at, e->clerk, e->action);
		if (*e->from_status || *e->to_status)
			fprintf(fp, " %s->%s", *e->from_status ? e->from_status : "", e->to_status);
		if (*e->reason)
			fprintf(fp, ": %s", e->reason);
		fputc('\n', fp);
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
