/* The SMS outbox (outbox.h): messages written with the change they tell of. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "store.h"

static const char *const event_tokens[SMS__COUNT] = {
	[SMS_OPENED] = "opened",
	[SMS_NOTICE] = "notice",
	[SMS_COMPLETE] = "complete",
	[SMS_READY] = "ready",
	[SMS_DELIVERED] = "delivered",
	[SMS_PROMISE] = "promise",
};

/* The default texts; the Persian catalog's fit 70 letters with a code and
 * a date (the office's name, when long, may take a second SMS). */
static const char *const templates[SMS__COUNT] = {
	[SMS_OPENED] = N_("Case {code} opened; promised {date}. {office}"),
	[SMS_NOTICE] = N_("Case {code}: bring {missing} by {date}. {office}"),
	[SMS_COMPLETE] = N_("Case {code}: file complete; promised {date}. {office}"),
	[SMS_READY] = N_("Case {code} is ready for pickup. {office}"),
	[SMS_DELIVERED] = N_("Case {code} delivered. Thank you. {office}"),
	[SMS_PROMISE] = N_("Case {code}: new promised date {date} (office closed). {office}"),
};

const char *
outbox_event_token(enum outbox_event e)
{
	return event_tokens[e];
}

const char *
outbox_template(enum outbox_event e)
{
	return _(templates[e]);
}

/*
 * The template in Persian, whatever the locale of the process queuing it
 * (a supervisor's English shell, cron's C locale): the clients read
 * Persian.  The catalog is asked under a Persian locale for this thread
 * only; with no fa_IR.UTF-8 locale or no catalog, the interface's text.
 * A new string; *persian says whether the text is the Persian one.
 */
static char *
persian_template(enum outbox_event e, bool *persian)
{
	*persian = false;
#if ENABLE_NLS
	locale_t fa = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, "fa_IR.UTF-8", (locale_t)0);
	if (fa != (locale_t)0) {
		locale_t was = uselocale(fa);
		const char *t = dgettext(PACKAGE, templates[e]);
		*persian = t != templates[e] && strcmp(t, templates[e]) != 0;
		char *copy = xstrdup(t);
		uselocale(was);
		freelocale(fa);
		if (*persian)
			return copy;
		free(copy);
	}
#endif
	char *own = xstrdup(outbox_template(e));
	*persian = text_ui_rtl();
	return own;
}

/* Appends s to a growing string. */
static void
append(char **out, size_t *len, const char *s, size_t n)
{
	*out = xrealloc(*out, *len + n + 1);
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

/* Fills a template's {names} in; an unknown {name} stays as written. */
static char *
fill(const char *tmpl, const char *const names[], const char *const values[], size_t n)
{
	char *out = xstrdup("");
	size_t len = 0;
	for (const char *p = tmpl; *p != '\0';) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		size_t k = n;
		if (close != NULL) {
			for (k = 0; k < n; k++) {
				if ((size_t)(close - p - 1) == strlen(names[k]) &&
				    strncmp(p + 1, names[k], strlen(names[k])) == 0)
					break;
			}
		}
		if (k < n) {
			append(&out, &len, values[k], strlen(values[k]));
			p = close + 1;
		} else {
			append(&out, &len, p, 1);
			p++;
		}
	}
	/* A name left empty ({office} unset) leaves no stray space at the end. */
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
	return out;
}

int
outbox_queue(struct miz_db *db, int64_t case_id, enum outbox_event e, miz_day date,
    const char *missing, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT cl.mobile, cl.sms, c.code FROM cases c JOIN client cl ON cl.id = "
	        "c.client_id"
	        " WHERE c.id = ?",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	int rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		return rc == STORE_DONE ? 0 : db_fail(db, cause);
	}
	const char *mobile = store_text(st, 0);
	if (mobile == NULL || *mobile == '\0' || (int)store_int(st, 1) == 0) {
		store_finish(st);
		return 0; /* no mobile, or the client said no */
	}
	char *to = xstrdup(mobile);
	char code[TRACKING_SHOWN];
	tracking_format(store_text(st, 2), code);
	store_finish(st);

	char setting[32];
	snprintf(setting, sizeof setting, "sms_%s", event_tokens[e]);
	char *own = NULL, *office = NULL;
	db_setting_get(db, setting, &own, NULL);
	db_setting_get(db, "office_name", &office, NULL);
	/* A Persian text has Solar Hijri dates and Persian digits; a text in
	 * the interface's language, the desk's dates and digits. */
	bool persian;
	char *tmpl = persian_template(e, &persian);
	if (own != NULL && *own != '\0')
		persian = text_ui_rtl() || db_persian_digits(db);
	char day[11] = "";
	if (date != NO_DAY) {
		if (persian || db_jalali(db))
			cal_format_jalali(date, day);
		else
			cal_format_iso(date, day);
	}
	static const char *const names[] = { "code", "date", "missing", "office" };
	const char *values[] = { code, day, missing != NULL ? missing : "",
		office != NULL ? office : "" };
	char *text = fill(own != NULL && *own != '\0' ? own : tmpl, names, values, 4);
	free(tmpl);
	if (persian || db_persian_digits(db)) {
		char *fa = text_persian_digits(text);
		free(text);
		text = fa;
	}
	int ret = -1;
	if (store_prepare(db,
	        "INSERT INTO outbox(case_id, mobile, message, event, created_at)"
	        " VALUES (?, ?, ?, ?, datetime('now', 'localtime'))",
	        &st, cause) == 0) {
		store_bind_int(st, 1, case_id);
		store_bind_text(st, 2, to);
		store_bind_text(st, 3, text);
		store_bind_text(st, 4, event_tokens[e]);
		rc = store_step(st);
		store_finish(st);
		ret = rc == STORE_DONE ? 1 : db_fail(db, cause);
	}
	free(text);
	free(own);
	free(office);
	free(to);
	return ret;
}

/* Runs a message query; its rows go to fn. */
static int
each_message(struct miz_db *db, struct store_stmt *st, outbox_fn fn, void *arg, char **cause)
{
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		char code[TRACKING_SHOWN];
		tracking_format(store_text(st, 2), code);
		struct outbox_message m = {
			store_int(st, 0),
			store_text(st, 1),
			store_text(st, 3),
			code,
			store_text(st, 4),
			store_text(st, 5),
			!store_is_null(st, 6) ? store_text(st, 6) : "",
		};
		if (fn(&m, arg) != 0) {
			rc = STORE_DONE;
			break;
		}
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

#define MESSAGE_COLUMNS \
	"o.id, o.mobile, c.code, o.message, o.event, o.created_at, o.sent_at" \
	" FROM outbox o JOIN cases c ON c.id = o.case_id"

int
outbox_list(struct miz_db *db, bool all, miz_day since, outbox_fn fn, void *arg, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT " MESSAGE_COLUMNS " WHERE (?1 OR o.sent_at IS NULL)"
	        " AND (CAST(?2 AS TEXT) IS NULL OR o.created_at >= ?2) ORDER BY o.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, all);
	if (since != NO_DAY)
		store_bind_day(st, 2, since);
	return each_message(db, st, fn, arg, cause);
}

int
outbox_of_case(struct miz_db *db, int64_t case_id, outbox_fn fn, void *arg, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "SELECT " MESSAGE_COLUMNS " WHERE o.case_id = ? ORDER BY o.id", &st,
	        cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	return each_message(db, st, fn, arg, cause);
}

int
outbox_mark_sent(struct miz_db *db, const int64_t *ids, size_t n, int64_t until, int *marked,
    char **cause)
{
	*marked = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	struct store_stmt *st;
	if (store_prepare(db,
	        ids != NULL ? "UPDATE outbox SET sent_at = datetime('now', 'localtime')"
	                      " WHERE id = ? AND sent_at IS NULL"
	                    : "UPDATE outbox SET sent_at = datetime('now', 'localtime')"
	                      " WHERE id <= ? AND sent_at IS NULL",
	        &st, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	for (size_t i = 0; i < (ids != NULL ? n : 1); i++) {
		store_reset(st);
		store_bind_int(st, 1, ids != NULL ? ids[i] : until);
		if (store_step(st) != STORE_DONE) {
			db_fail(db, cause);
			store_finish(st);
			db_rollback(db);
			*marked = 0;
			return -1;
		}
		*marked += store_changes(db);
	}
	store_finish(st);
	return db_commit(db, cause);
}

int
outbox_client_consents(struct miz_db *db, int64_t client_id, bool *yes, char **cause)
{
	struct store_stmt *st;
	*yes = true;
	if (store_prepare(db, "SELECT sms FROM client WHERE id = ?", &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, client_id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*yes = (int)store_int(st, 0) != 0;
	store_finish(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : db_fail(db, cause);
}
