/* Cases: intake, documents, notices, promises, referrals, status and history. */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/audit.h"
#include "miz/case.h"
#include "miz/clerk.h"
#include "miz/holiday.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "figures.h"
#include "overdue.h"
#include "store.h"
#include "status_sql.h"

/* Working days a client has to bring missing documents, unless set. */
#define DEFAULT_NOTICE_DAYS 10

static const char *const status_tokens[ST__COUNT] = {
	"awaiting_documents",
	"in_progress",
	"referred",
	"ready",
	"delivered",
	"withdrawn",
	"rejected",
};

const char *
case_status_token(enum miz_status st)
{
	assert(st >= 0 && st < ST__COUNT);
	return status_tokens[st];
}

const char *
case_status_label(enum miz_status st)
{
	switch (st) {
	case ST_AWAITING_DOCUMENTS:
		return _("awaiting documents");
	case ST_IN_PROGRESS:
		return _("in progress");
	case ST_REFERRED:
		return _("referred");
	case ST_READY:
		return _("ready for pickup");
	case ST_DELIVERED:
		return _("delivered");
	case ST_WITHDRAWN:
		return _("withdrawn");
	case ST_REJECTED:
		return _("rejected");
	case ST__COUNT:
		break;
	}
	return "?";
}

const char *
case_status_label_of(const char *token)
{
	enum miz_status st;
	if (case_status_parse(token, &st) != 0)
		return token;
	return case_status_label(st);
}

const char *
case_action_label(const char *token)
{
	static const struct {
		const char *token, *label;
	} actions[] = {
		{ "open", N_("opened") },
		{ "documents", N_("documents brought") },
		{ "complete", N_("file complete") },
		{ "missing", N_("documents found missing") },
		{ "refer", N_("referred") },
		{ "status", N_("status changed") },
		{ "visit", N_("visit") },
		{ "promise", N_("promise") },
		{ "client", N_("client's national ID corrected") },
	};
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		if (strcmp(actions[i].token, token) == 0)
			return _(actions[i].label);
	}
	return token;
}

char *
case_event_text(const struct miz_event *e)
{
	char *change;
	if (*e->to_status && *e->from_status)
		change = xasprintf(" (%s → %s)", case_status_label_of(e->from_status),
		    case_status_label_of(e->to_status));
	else if (*e->to_status)
		change = xasprintf(" (%s)", case_status_label_of(e->to_status));
	else
		change = xstrdup("");
	char *text = xasprintf("%s%s%s%s", case_action_label(e->action), change,
	    *e->reason ? ": " : "", e->reason);
	free(change);
	return text;
}

int
case_status_parse(const char *token, enum miz_status *out)
{
	for (int i = 0; i < ST__COUNT; i++) {
		if (text_eq(token, status_tokens[i])) {
			*out = (enum miz_status)i;
			return 0;
		}
	}
	return -1;
}

bool
case_status_closed(enum miz_status st)
{
	return st == ST_DELIVERED || st == ST_WITHDRAWN || st == ST_REJECTED;
}

/*
 * Status changes a clerk may make directly.  Moving from awaiting_documents
 * to in_progress happens only when the file becomes complete, and to
 * referred only through a referral.
 */
bool
case_transition_allowed(enum miz_status from, enum miz_status to)
{
	switch (from) {
	case ST_AWAITING_DOCUMENTS:
		return to == ST_WITHDRAWN || to == ST_REJECTED;
	case ST_IN_PROGRESS:
		return to == ST_READY || to == ST_WITHDRAWN || to == ST_REJECTED;
	case ST_REFERRED:
		return to == ST_IN_PROGRESS || to == ST_READY || to == ST_WITHDRAWN ||
		    to == ST_REJECTED;
	case ST_READY:
		return to == ST_DELIVERED || to == ST_IN_PROGRESS || to == ST_WITHDRAWN;
	case ST_DELIVERED:
	case ST_WITHDRAWN:
	case ST_REJECTED:
	case ST__COUNT:
		break;
	}
	return false;
}

/* True when the checklist has an active document not received. */
static bool
has_missing(const struct miz_case *c)
{
	for (size_t i = 0; i < c->ndocs; i++) {
		if (c->docs[i].active && !c->docs[i].received)
			return true;
	}
	return false;
}

/* True when a required document on the checklist was received. */
static bool
holds_required(const struct miz_case *c)
{
	for (size_t i = 0; i < c->ndocs; i++) {
		if (c->docs[i].active && c->docs[i].received && c->docs[i].required)
			return true;
	}
	return false;
}

/* The status a status-changing action moves a case to. */
static enum miz_status
action_target(enum case_action a)
{
	switch (a) {
	case CA_READY:
		return ST_READY;
	case CA_RESUME:
		return ST_IN_PROGRESS;
	case CA_DELIVER:
		return ST_DELIVERED;
	case CA_WITHDRAW:
		return ST_WITHDRAWN;
	case CA_REJECT:
		return ST_REJECTED;
	default:
		return ST__COUNT;
	}
}

/* Why a status change from the case's status to `to` is refused (a new string). */
static char *
transition_refusal(const struct miz_case *c, enum miz_status to)
{
	if (to == ST_REFERRED)
		return xasprintf(
		    _("to refer case %s, use a referral (department and due date)"), c->code);
	if (to == ST_IN_PROGRESS && c->status == ST_AWAITING_DOCUMENTS)
		return xasprintf(
		    _("case %s waits for documents: it goes in progress when they are all in"),
		    c->code);
	return xasprintf(_("case %s is %s: it cannot become %s"), c->code,
	    case_status_label(c->status), case_status_label(to));
}

char *
case_refusal(const struct miz_case *c, enum case_action a)
{
	enum miz_status st = c->status;
	switch (a) {
	case CA_VISIT:
		if (case_status_closed(st))
			return xasprintf(_("case %s is %s: a visit can no longer be recorded"),
			    c->code, case_status_label(st));
		return NULL;
	case CA_DOCUMENTS:
		if (case_status_closed(st))
			return xasprintf(_("case %s is %s: documents can no longer be added"),
			    c->code, case_status_label(st));
		if (!has_missing(c))
			return xasprintf(_("case %s already has every document on its checklist"),
			    c->code);
		return NULL;
	case CA_MISSING:
		if (st != ST_AWAITING_DOCUMENTS && st != ST_IN_PROGRESS)
			return xasprintf(_("case %s is %s: documents can be found missing only while "
			                   "it waits for documents or is in progress"),
			    c->code, case_status_label(st));
		if (!holds_required(c))
			return xasprintf(
			    _("case %s holds no required document that could be found missing"),
			    c->code);
		return NULL;
	case CA_REFER:
		if (st != ST_IN_PROGRESS && st != ST_REFERRED)
			return xasprintf(_("case %s is %s: only a case in progress can be referred"),
			    c->code, case_status_label(st));
		return NULL;
	case CA_READY:
	case CA_RESUME:
	case CA_DELIVER:
	case CA_WITHDRAW:
	case CA_REJECT:
		if (!case_transition_allowed(st, action_target(a)))
			return transition_refusal(c, action_target(a));
		return NULL;
	case CA__COUNT:
		break;
	}
	return xstrdup(_("no such action"));
}

bool
case_allows(const struct miz_case *c, enum case_action a)
{
	char *why = case_refusal(c, a);
	free(why);
	return why == NULL;
}

const char *
case_action_token(enum case_action a)
{
	static const char *const tokens[CA__COUNT] = { "visit", "docs", "missing", "refer",
		"status ready", "status in_progress", "status delivered", "status withdrawn",
		"status rejected" };
	return a >= 0 && a < CA__COUNT ? tokens[a] : "";
}

/* Fails with the refusal when the case does not allow the action. */
static int
check_allowed(const struct miz_case *c, enum case_action a, char **cause)
{
	char *why = case_refusal(c, a);
	if (why == NULL)
		return 0;
	miz_fail(cause, "%s", why);
	free(why);
	return -1;
}

void
case_free(struct miz_case *c)
{
	if (c == NULL)
		return;
	free(c->code);
	client_free(&c->client);
	catalog_service_free(&c->service);
	free(c->comment);
	free(c->note);
	free(c->opened_by);
	for (size_t i = 0; i < c->ndocs; i++)
		free(c->docs[i].name);
	free(c->docs);
	for (size_t i = 0; i < c->nnotices; i++) {
		for (size_t j = 0; j < c->notices[i].nitems; j++)
			free(c->notices[i].items[j]);
		free(c->notices[i].items);
	}
	free(c->notices);
	for (size_t i = 0; i < c->nreferrals; i++) {
		free(c->referrals[i].department);
		free(c->referrals[i].officer);
		free(c->referrals[i].officer_phone);
		free(c->referrals[i].note);
	}
	free(c->referrals);
	for (size_t i = 0; i < c->nhistory; i++) {
		struct miz_event *e = &c->history[i];
		free(e->at);
		free(e->clerk);
		free(e->action);
		free(e->from_status);
		free(e->to_status);
		free(e->reason);
	}
	free(c->history);
	memset(c, 0, sizeof *c);
}

/* Runs a prepared statement to completion; finalises it. */
static int
step_done(struct miz_db *db, struct store_stmt *st, char **cause)
{
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return db_fail(db, cause);
	return 0;
}

static int resolve_notices(struct miz_db *db, int64_t id, miz_day today, char **cause);

/*
 * Appends a history event for a case: the clock time, and the business day
 * it counts for (NO_DAY for none), which reports use to tell a case's status
 * at the end of a past day.
 */
static int
history_add(struct miz_db *db, int64_t case_id, miz_day day, const char *action, const char *from,
    const char *to, const char *reason, char **cause)
{
	/* The id is the next after the last, taken under the one writer's lock:
	 * ids never have a gap (audit_verify counts on it), on PostgreSQL too,
	 * whose sequences do not give back a number a rolled-back insert took. */
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO history(id, case_id, at, clerk_id, action, from_status, to_status,"
	        " reason, day, acted_by) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM history),"
	        " ?1, datetime('now', 'localtime'), nullif(?2, 0), ?3, ?4, ?5, ?6, ?7,"
	        " nullif(?8, 0)) RETURNING id",
	        &st, cause) != 0)
		return -1;
	if (day != NO_DAY)
		store_bind_day(st, 7, day);
	store_bind_int(st, 1, case_id);
	store_bind_int(st, 2, db->clerk_id);
	store_bind_text(st, 3, action);
	store_bind_text(st, 4, from);
	store_bind_text(st, 5, to);
	store_bind_text(st, 6, reason != NULL ? reason : "");
	store_bind_int(st, 8, db->acted_by);
	int rc = store_step(st);
	int64_t id = rc == STORE_ROW ? store_int(st, 0) : 0;
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	/* Sealed in the same transaction: the chain never has a gap. */
	return audit_seal(db, id, cause);
}

int
case_note(struct miz_db *db, int64_t case_id, const char *action, const char *reason,
    char **cause)
{
	return history_add(db, case_id, clerk_clock_day(db), action, NULL, NULL, reason, cause);
}

/* Allocates the next serial for an office; inside the caller's transaction. */
static int
next_serial(struct miz_db *db, int office, int64_t *serial, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO code_counter(office, next) VALUES (?1, 2)"
	        " ON CONFLICT(office) DO UPDATE SET next = code_counter.next + 1"
	        " RETURNING next - 1",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, office);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*serial = store_int(st, 0);
	store_finish(st);
	if (rc != STORE_ROW)
		return db_fail(db, cause);
	if (*serial > TRACKING_SERIAL_MAX)
		return miz_fail(cause,
		    _("office %d has used every tracking code: set another office number"), office);
	return 0;
}

/* The office number from settings, checked. */
static int
office_number(struct miz_db *db, int *office, char **cause)
{
	long v = db_setting_long(db, "office_number", 1);
	if (v < 0 || v > TRACKING_OFFICE_MAX)
		return miz_fail(
		    cause, _("office number %ld is out of range: set it from 0 to 999"), v);
	*office = (int)v;
	return 0;
}

/* Index of document id in the service's checklist, or -1. */
static int
doc_index(const struct miz_service *s, int64_t id)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		if (s->docs[i].id == id)
			return (int)i;
	}
	return -1;
}

/* Records one received document (ignored when already received). */
static int
receive_doc(struct miz_db *db, int64_t case_id, int64_t doc_id, miz_day today, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO case_document(case_id, document_id, received_on) VALUES (?, ?, ?)"
	        " ON CONFLICT DO NOTHING",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, case_id);
	store_bind_int(st, 2, doc_id);
	store_bind_day(st, 3, today);
	return step_done(db, st, cause);
}

/* An outcome for a case as it stands before the action. */
static void
outcome_start(struct miz_outcome *o, const struct miz_case *c)
{
	memset(o, 0, sizeof *o);
	o->case_id = c->id;
	snprintf(o->code, sizeof o->code, "%s", c->code);
	o->status = c->status;
	o->promised_on = c->promised_on;
	o->notice_deadline = NO_DAY;
}

/* Writes a message for the client into the outbox, counted in o. */
static int
queue_sms(struct miz_db *db, int64_t case_id, enum outbox_event e, miz_day date,
    const char *missing, struct miz_outcome *o, char **cause)
{
	int n = outbox_queue(db, case_id, e, date, missing, cause);
	if (n < 0)
		return -1;
	o->sms_queued += n;
	return 0;
}

/*
 * Issues a deficiency notice listing every required checklist document the
 * case has not received; recorded in o.
 */
static int
issue_notice(struct miz_db *db, int64_t case_id, const struct miz_service *s, const bool *have,
    miz_day today, const struct miz_calendar *cal, struct miz_outcome *o, char **cause)
{
	long days = db_setting_long(db, "notice_days", DEFAULT_NOTICE_DAYS);
	if (days < 0 || days > 365)
		days = DEFAULT_NOTICE_DAYS;
	/* The items name their notice as the case's newest (written just
	 * before, under the one writer's lock): nothing waits for the id, so a
	 * server gets the notice and its items in one request. */
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO notice(case_id, issued_on, deadline, clerk_id)"
	        " VALUES (?, ?, ?, nullif(?, 0))",
	        &st, cause) != 0)
		return -1;
	miz_day deadline = cal_add_working_days(cal, today, (int)days);
	store_bind_int(st, 1, case_id);
	store_bind_day(st, 2, today);
	store_bind_day(st, 3, deadline);
	store_bind_int(st, 4, db->clerk_id);
	if (step_done(db, st, cause) != 0)
		return -1;
	char *names = NULL;
	for (size_t i = 0; i < s->ndocs; i++) {
		if (!s->docs[i].required || have[i])
			continue;
		if (store_prepare(db,
		        "INSERT INTO notice_item(notice_id, document_id)"
		        " VALUES ((SELECT max(id) FROM notice WHERE case_id = ?1), ?2)",
		        &st, cause) != 0 ||
		    (store_bind_int(st, 1, case_id), store_bind_int(st, 2, s->docs[i].id),
		        step_done(db, st, cause)) != 0) {
			free(names);
			return -1;
		}
		char *more = names != NULL ? xasprintf("%s، %s", names, s->docs[i].name)
		                           : xstrdup(s->docs[i].name);
		free(names);
		names = more;
	}
	o->notice_issued = true;
	o->notice_deadline = deadline;
	if (figures_notice(db, case_id, cause) != 0) {
		free(names);
		return -1;
	}
	/* The client is told what to bring, and by when, in the same transaction. */
	int ret = queue_sms(db, case_id, SMS_NOTICE, deadline, names, o, cause);
	free(names);
	return ret;
}

/* True when every required document of s is in have[]. */
static bool
file_complete(const struct miz_service *s, const bool *have)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		if (s->docs[i].required && !have[i])
			return false;
	}
	return true;
}

int
case_find_open(struct miz_db *db, int64_t client_id, const char *service_code,
    int64_t *case_id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT c.id FROM cases c JOIN service s ON s.id = c.service_id"
	        " WHERE c.client_id = ?1 AND s.code = ?2"
	        " AND c.status <> ?3 AND c.status <> ?4 AND c.status <> ?5"
	        " ORDER BY c.id DESC LIMIT 1",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, client_id);
	store_bind_text(st, 2, service_code);
	store_bind_text(st, 3, case_status_token(ST_DELIVERED));
	store_bind_text(st, 4, case_status_token(ST_WITHDRAWN));
	store_bind_text(st, 5, case_status_token(ST_REJECTED));
	int rc = store_step(st);
	int ret = 0;
	if (rc == STORE_ROW) {
		*case_id = store_int(st, 0);
		ret = 1;
	} else if (rc != STORE_DONE) {
		ret = db_fail(db, cause);
	}
	store_finish(st);
	return ret;
}

int
case_open(struct miz_db *db, int64_t client_id, const char *service_code, const int64_t *doc_ids,
    size_t ndocs, miz_day today, char *code_out, struct miz_outcome *out, char **cause)
{
	struct miz_service s;
	struct miz_calendar cal;
	struct miz_client client;
	struct miz_outcome o = { .promised_on = NO_DAY, .notice_deadline = NO_DAY };
	bool *have = NULL;
	int ret = -1;
	int found;

	if (clerk_check_day(db, today, cause) != 0 || db_begin(db, cause) != 0)
		return -1;
	found = client_get(db, client_id, &client, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("no such client: register the client first"));
		db_rollback(db);
		return -1;
	}
	client_free(&client);
	found = catalog_get_service(db, service_code, &s, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("unknown service code '%s': see 'miz service list'"),
			    service_code);
		db_rollback(db);
		return -1;
	}
	if (holiday_load_calendar(db, &cal, cause) != 0) {
		catalog_service_free(&s);
		db_rollback(db);
		return -1;
	}
	have = xcalloc(s.ndocs + 1, sizeof *have);
	for (size_t i = 0; i < ndocs; i++) {
		int k = doc_index(&s, doc_ids[i]);
		if (k < 0) {
			miz_fail(cause, _("document %lld is not on the checklist of service %s"),
			    (long long)doc_ids[i], s.code);
			goto fail;
		}
		have[k] = true;
	}

	int office = 0;
	int64_t serial = 0;
	char code[TRACKING_LEN + 1];
	if (office_number(db, &office, cause) != 0)
		goto fail;
	/* A register imported from elsewhere may already hold codes of this
	 * office: the counter moves past them. */
	for (int tries = 0;; tries++) {
		if (next_serial(db, office, &serial, cause) != 0)
			goto fail;
		tracking_make(office, serial, code);
		struct store_stmt *taken;
		if (store_prepare(db, "SELECT 1 FROM cases WHERE code = ?", &taken, cause) != 0)
			goto fail;
		store_bind_text(taken, 1, code);
		int used = store_step(taken) == STORE_ROW;
		store_finish(taken);
		if (!used)
			break;
		if (tries >= 100000) {
			miz_fail(cause, _("office %d: no free tracking code found"), office);
			goto fail;
		}
	}

	bool complete = file_complete(&s, have);
	enum miz_status status = complete ? ST_IN_PROGRESS : ST_AWAITING_DOCUMENTS;
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO cases(code, client_id, service_id, status, opened_on, clerk_id,"
	        " working_days, complete_on, promised_on, original_promised_on)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7, ?8, ?9, ?9) RETURNING id",
	        &st, cause) != 0)
		goto fail;
	store_bind_text(st, 1, code);
	store_bind_int(st, 2, client_id);
	store_bind_int(st, 3, s.id);
	store_bind_text(st, 4, case_status_token(status));
	store_bind_day(st, 5, today);
	store_bind_int(st, 6, db->clerk_id);
	store_bind_int(st, 7, s.working_days);
	if (complete) {
		store_bind_day(st, 8, today);
		store_bind_day(st, 9, cal_add_working_days(&cal, today, s.working_days));
	} else {
		store_bind_null(st, 8);
		store_bind_null(st, 9);
	}
	int rc = store_step(st);
	int64_t case_id = store_int(st, 0);
	store_finish(st);
	if (rc != STORE_ROW) {
		db_fail(db, cause);
		goto fail;
	}
	for (size_t i = 0; i < s.ndocs; i++) {
		if (have[i] && receive_doc(db, case_id, s.docs[i].id, today, cause) != 0)
			goto fail;
	}
	if (figures_opened(db, s.id, today, cause) != 0)
		goto fail;
	o.case_id = case_id;
	snprintf(o.code, sizeof o.code, "%s", code);
	o.status = status;
	o.became_complete = complete;
	if (complete)
		o.promised_on = cal_add_working_days(&cal, today, s.working_days);
	if (!complete && issue_notice(db, case_id, &s, have, today, &cal, &o, cause) != 0)
		goto fail;
	if (complete &&
	    (queue_sms(db, case_id, SMS_OPENED, o.promised_on, NULL, &o, cause) != 0 ||
	        overdue_watch(db, case_id, today, o.promised_on, cause) != 0))
		goto fail;
	if (history_add(db, case_id, today, "open", NULL, case_status_token(status), NULL, cause) !=
	    0)
		goto fail;
	if (db_commit(db, cause) != 0)
		goto out;
	if (code_out != NULL)
		memcpy(code_out, code, sizeof code);
	if (out != NULL)
		*out = o;
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	free(have);
	cal_free(&cal);
	catalog_service_free(&s);
	return ret;
}

int
case_find_code(struct miz_db *db, const char *text, int64_t *id, char **cause)
{
	char code[TRACKING_LEN + 1];
	enum tracking_check check = tracking_parse(text, code);
	struct store_stmt *st;

	if (check != TRACKING_OK) {
		/* Cases imported from an old register keep codes without a check digit. */
		char *ascii = text_ascii_digits(text);
		if (store_prepare(db, "SELECT id FROM cases WHERE code = ? AND imported = 1", &st,
		        cause) == 0) {
			store_bind_text(st, 1, ascii);
			int rc = store_step(st);
			if (rc == STORE_ROW)
				*id = store_int(st, 0);
			store_finish(st);
			free(ascii);
			if (rc == STORE_ROW)
				return 0;
		} else {
			free(ascii);
			return -1;
		}
		return miz_fail(
		    cause, _("tracking code %s: %s"), text, tracking_check_message(check));
	}
	if (store_prepare(db, "SELECT id FROM cases WHERE code = ?", &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, code);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*id = store_int(st, 0);
	store_finish(st);
	if (rc == STORE_ROW)
		return 0;
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	char pretty[TRACKING_SHOWN];
	tracking_format(code, pretty);
	return miz_fail(cause,
	    _("no case has tracking code %s (the code itself is valid: was it issued at another "
	      "office?)"),
	    pretty);
}

/* Reads an optional date column into a day or NO_DAY. */
static miz_day
column_day_or_none(struct store_stmt *st, int i)
{
	miz_day d;
	return store_day(st, i, &d) == 0 ? d : NO_DAY;
}

/* Loads the checklist with received marks: active items plus any received inactive ones. */
static int
load_docs(struct miz_db *db, struct miz_case *c, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT d.id, d.name, d.required, d.form, d.active, cd.received_on"
	        " FROM document d LEFT JOIN case_document cd"
	        " ON cd.document_id = d.id AND cd.case_id = ?1 AND cd.lost_on IS NULL"
	        " WHERE d.service_id = ?2 AND (d.active = 1 OR cd.case_id IS NOT NULL)"
	        " ORDER BY d.active DESC, d.position, d.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, c->id);
	store_bind_int(st, 2, c->service.id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		c->docs = xreallocarray(c->docs, c->ndocs + 1, sizeof *c->docs);
		struct miz_case_doc *d = &c->docs[c->ndocs++];
		d->id = store_int(st, 0);
		d->name = store_strdup(st, 1);
		d->required = (int)store_int(st, 2) != 0;
		const char *form = store_text(st, 3);
		d->original = form != NULL && strcmp(form, "original") == 0;
		d->active = (int)store_int(st, 4) != 0;
		d->received_on = column_day_or_none(st, 5);
		d->received = d->received_on != NO_DAY;
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Loads the notices of a case with their items. */
static int
load_notices(struct miz_db *db, struct miz_case *c, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT n.id, n.issued_on, n.deadline, n.resolved_on, d.name"
	        " FROM notice n LEFT JOIN notice_item i ON i.notice_id = n.id"
	        " LEFT JOIN document d ON d.id = i.document_id"
	        " WHERE n.case_id = ? ORDER BY n.id, d.position, d.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, c->id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t nid = store_int(st, 0);
		struct miz_notice *n = c->nnotices > 0 ? &c->notices[c->nnotices - 1] : NULL;
		if (n == NULL || n->id != nid) {
			c->notices = xreallocarray(c->notices, c->nnotices + 1, sizeof *c->notices);
			n = &c->notices[c->nnotices++];
			memset(n, 0, sizeof *n);
			n->id = nid;
			n->issued_on = column_day_or_none(st, 1);
			n->deadline = column_day_or_none(st, 2);
			n->resolved_on = column_day_or_none(st, 3);
		}
		if (!store_is_null(st, 4)) {
			n->items = xreallocarray(n->items, n->nitems + 1, sizeof *n->items);
			n->items[n->nitems++] = store_strdup(st, 4);
		}
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Loads the referrals of a case. */
static int
load_referrals(struct miz_db *db, struct miz_case *c, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT r.id, d.name, coalesce(o.name, ''), coalesce(o.phone, ''), r.referred_on,"
	        " r.due_on, r.returned_on, r.note FROM referral r"
	        " JOIN department d ON d.id = r.department_id"
	        " LEFT JOIN officer o ON o.id = r.officer_id WHERE r.case_id = ? ORDER BY r.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, c->id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		c->referrals = xreallocarray(c->referrals, c->nreferrals + 1, sizeof *c->referrals);
		struct miz_referral *r = &c->referrals[c->nreferrals++];
		r->id = store_int(st, 0);
		r->department = store_strdup(st, 1);
		r->officer = store_strdup(st, 2);
		r->officer_phone = store_strdup(st, 3);
		r->referred_on = column_day_or_none(st, 4);
		r->due_on = column_day_or_none(st, 5);
		r->returned_on = column_day_or_none(st, 6);
		r->note = store_strdup(st, 7);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Loads the history of a case, oldest first. */
static int
load_history(struct miz_db *db, struct miz_case *c, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT h.at, coalesce(k.name, ''), h.action, coalesce(h.from_status, ''),"
	        " coalesce(h.to_status, ''), h.reason, s.name FROM history h"
	        " LEFT JOIN clerk k ON k.id = h.clerk_id LEFT JOIN clerk s ON s.id = h.acted_by"
	        " WHERE h.case_id = ? ORDER BY h.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, c->id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		c->history = xreallocarray(c->history, c->nhistory + 1, sizeof *c->history);
		struct miz_event *e = &c->history[c->nhistory++];
		e->at = store_strdup(st, 0);
		/* Work a supervisor did for a clerk says so. */
		if (!store_is_null(st, 6))
			e->clerk =
			    xasprintf(_("%s acting for %s"), store_text(st, 6), store_text(st, 1));
		else
			e->clerk = store_strdup(st, 1);
		e->action = store_strdup(st, 2);
		e->from_status = store_strdup(st, 3);
		e->to_status = store_strdup(st, 4);
		e->reason = store_strdup(st, 5);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
case_load(struct miz_db *db, int64_t id, struct miz_case *out, char **cause)
{
	struct store_stmt *st;
	memset(out, 0, sizeof *out);
	if (store_prepare(db,
	        "SELECT c.id, c.code, c.client_id, c.service_id, c.status, c.opened_on,"
	        " c.complete_on, c.promised_on, c.original_promised_on, c.closed_on,"
	        " c.working_days, coalesce(c.satisfaction, 0), c.comment, c.visits, c.imported,"
	        " coalesce(k.name, ''), c.note FROM cases c LEFT JOIN clerk k ON k.id = c.clerk_id"
	        " WHERE c.id = ?",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		if (rc == STORE_DONE)
			return miz_fail(cause, _("case %lld does not exist"), (long long)id);
		return db_fail(db, cause);
	}
	out->id = store_int(st, 0);
	out->code = store_strdup(st, 1);
	int64_t client_id = store_int(st, 2);
	int64_t service_id = store_int(st, 3);
	const char *status = store_text(st, 4);
	if (status == NULL || case_status_parse(status, &out->status) != 0) {
		/* Never read as some other status: said, and nothing done with it. */
		miz_fail(cause, _("case %s has an unknown status '%s': it was changed outside miz"),
		    out->code != NULL ? out->code : "?", status != NULL ? status : "");
		store_finish(st);
		free(out->code);
		memset(out, 0, sizeof *out);
		return -1;
	}
	out->opened_on = column_day_or_none(st, 5);
	out->complete_on = column_day_or_none(st, 6);
	out->promised_on = column_day_or_none(st, 7);
	out->original_promised_on = column_day_or_none(st, 8);
	out->closed_on = column_day_or_none(st, 9);
	out->working_days = (int)store_int(st, 10);
	out->satisfaction = (int)store_int(st, 11);
	out->comment = store_strdup(st, 12);
	out->visits = (int)store_int(st, 13);
	out->imported = (int)store_int(st, 14) != 0;
	out->opened_by = store_strdup(st, 15);
	out->note = store_strdup(st, 16);
	store_finish(st);

	if (client_get(db, client_id, &out->client, cause) <= 0 ||
	    catalog_get_service_by_id(db, service_id, &out->service, cause) <= 0 ||
	    load_docs(db, out, cause) != 0 || load_notices(db, out, cause) != 0 ||
	    load_referrals(db, out, cause) != 0 || load_history(db, out, cause) != 0) {
		if (cause != NULL && *cause == NULL)
			miz_fail(
			    cause, _("case %s refers to a missing client or service"), out->code);
		case_free(out);
		return -1;
	}
	return 0;
}

/*
 * Work on a case is dated on the clock's day, or by a supervisor within
 * the back-dating window (clerk_check_day); and on or after the case's own
 * last event (its opening, or the last day its history records), so a case
 * never closes before it opened.
 */
static int
check_dated(struct miz_db *db, int64_t id, miz_day today, char **cause)
{
	if (clerk_check_day(db, today, cause) != 0)
		return -1;
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT max(c.opened_on, coalesce((SELECT max(day) FROM history h"
	        " WHERE h.case_id = c.id), '')), c.code FROM cases c WHERE c.id = ?",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	int ret = 0;
	miz_day last;
	if (rc == STORE_ROW && store_day(st, 0, &last) == 0 && today < last) {
		char pretty[TRACKING_SHOWN], d1[11], d2[11];
		tracking_format(store_text(st, 1), pretty);
		cal_format_iso(today, d1);
		cal_format_iso(last, d2);
		ret = miz_fail(cause,
		    _("case %s: this cannot be dated %s, before the case's last event on %s"), pretty,
		    d1, d2);
	} else if (rc != STORE_ROW && rc != STORE_DONE) {
		ret = db_fail(db, cause);
	}
	store_finish(st);
	return ret;
}

/* Loads the case inside a write transaction (the caller has begun it). */
static int
load_for_change(struct miz_db *db, int64_t id, miz_day today, struct miz_case *c, char **cause)
{
	(void)today; /* dated when the change is written (check_dated), after its own rules */
	if (case_load(db, id, c, cause) != 0)
		return -1;
	return 0;
}

/* Sets the status column and records the change in the history. */
static int
change_status(struct miz_db *db, const struct miz_case *c, enum miz_status to, miz_day day,
    const char *action, const char *reason, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "UPDATE cases SET status = ? WHERE id = ?", &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, case_status_token(to));
	store_bind_int(st, 2, c->id);
	if (step_done(db, st, cause) != 0)
		return -1;
	return history_add(db, c->id, day, action, case_status_token(c->status),
	    case_status_token(to), reason, cause);
}

/* Adds one to the visit count. */
static int
count_visit(struct miz_db *db, int64_t id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "UPDATE cases SET visits = visits + 1 WHERE id = ?", &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	return step_done(db, st, cause);
}

/* Which documents of the case's service checklist it has received. */
static bool *
received_flags(const struct miz_case *c)
{
	bool *have = xcalloc(c->service.ndocs + 1, sizeof *have);
	for (size_t i = 0; i < c->service.ndocs; i++) {
		for (size_t j = 0; j < c->ndocs; j++) {
			if (c->docs[j].id == c->service.docs[i].id && c->docs[j].received)
				have[i] = true;
		}
	}
	return have;
}

/* Appends a document name to a "; "-separated list (NULL when empty). */
static void
add_name(char **names, const char *name)
{
	char *more =
	    xasprintf("%s%s%s", *names != NULL ? *names : "", *names != NULL ? "; " : "", name);
	free(*names);
	*names = more;
}

int
case_add_documents(struct miz_db *db, int64_t id, const int64_t *doc_ids, size_t ndocs,
    miz_day today, struct miz_outcome *out, char **cause)
{
	struct miz_case c;
	struct miz_calendar cal;
	struct miz_outcome o;
	bool *have = NULL;
	char *names = NULL;
	int ret = -1;

	if (ndocs == 0)
		return miz_fail(cause, _("no documents given: tick at least one"));
	if (db_begin(db, cause) != 0)
		return -1;
	if (load_for_change(db, id, today, &c, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	cal_init(&cal);
	outcome_start(&o, &c);
	if (check_allowed(&c, CA_DOCUMENTS, cause) != 0)
		goto fail;
	have = received_flags(&c);
	size_t added = 0;
	for (size_t i = 0; i < ndocs; i++) {
		int k = doc_index(&c.service, doc_ids[i]);
		if (k < 0) {
			miz_fail(cause, _("document %lld is not on the checklist of service %s"),
			    (long long)doc_ids[i], c.service.code);
			goto fail;
		}
		if (have[k])
			continue;
		have[k] = true;
		added++;
		if (receive_doc(db, c.id, doc_ids[i], today, cause) != 0)
			goto fail;
		add_name(&names, c.service.docs[k].name);
	}
	if (added == 0) {
		miz_fail(cause, _("case %s already has every document given"), c.code);
		goto fail;
	}
	if (check_dated(db, c.id, today, cause) != 0 || count_visit(db, c.id, cause) != 0 ||
	    history_add(db, c.id, today, "documents", NULL, NULL, names, cause) != 0)
		goto fail;

	if (c.status == ST_AWAITING_DOCUMENTS && file_complete(&c.service, have)) {
		/* The clock starts on the day the file became complete. */
		if (holiday_load_calendar(db, &cal, cause) != 0)
			goto fail;
		miz_day promise = cal_add_working_days(&cal, today, c.working_days);
		struct store_stmt *st;
		if (store_prepare(db,
		        "UPDATE cases SET complete_on = ?1, promised_on = ?2,"
		        " original_promised_on = coalesce(original_promised_on, ?2) WHERE id = ?3",
		        &st, cause) != 0)
			goto fail;
		store_bind_day(st, 1, today);
		store_bind_day(st, 2, promise);
		store_bind_int(st, 3, c.id);
		if (step_done(db, st, cause) != 0)
			goto fail;
		if (resolve_notices(db, c.id, today, cause) != 0)
			goto fail;
		o.became_complete = true;
		o.status = ST_IN_PROGRESS;
		o.promised_on = promise;
		if (change_status(db, &c, ST_IN_PROGRESS, today, "complete", NULL, cause) != 0 ||
		    queue_sms(db, c.id, SMS_COMPLETE, promise, NULL, &o, cause) != 0 ||
		    overdue_watch(db, c.id, today, promise, cause) != 0)
			goto fail;
	}
	ret = db_commit(db, cause);
	if (ret == 0 && out != NULL)
		*out = o;
	goto out;
fail:
	db_rollback(db);
out:
	free(names);
	free(have);
	cal_free(&cal);
	case_free(&c);
	return ret;
}

int
case_documents_missing(struct miz_db *db, int64_t id, const int64_t *doc_ids, size_t ndocs,
    const char *note, miz_day today, struct miz_outcome *out, char **cause)
{
	struct miz_outcome o;
	struct miz_case c;
	struct miz_calendar cal;
	bool *have = NULL, *taken = NULL;
	char *names = NULL, *why = NULL;
	if (text_check(note, _("the note"), TEXT_MAX_NOTE, true, cause) != 0)
		return -1;
	char *remark = text_normalize(note != NULL ? note : "", true);
	int ret = -1;

	if (ndocs == 0) {
		free(remark);
		return miz_fail(cause,
		    _("no documents given: say which received documents are "
		      "missing or unusable"));
	}
	if (db_begin(db, cause) != 0) {
		free(remark);
		return -1;
	}
	if (load_for_change(db, id, today, &c, cause) != 0) {
		db_rollback(db);
		free(remark);
		return -1;
	}
	cal_init(&cal);
	outcome_start(&o, &c);
	if (check_allowed(&c, CA_MISSING, cause) != 0)
		goto fail;
	if (check_dated(db, c.id, today, cause) != 0)
		goto fail;
	have = received_flags(&c);
	taken = xcalloc(c.service.ndocs + 1, sizeof *taken); /* given twice: once is enough */
	for (size_t i = 0; i < ndocs; i++) {
		int k = doc_index(&c.service, doc_ids[i]);
		if (k >= 0 && taken[k])
			continue;
		if (k < 0) {
			miz_fail(cause, _("document %lld is not on the checklist of service %s"),
			    (long long)doc_ids[i], c.service.code);
			goto fail;
		}
		const struct miz_document *d = &c.service.docs[k];
		if (!d->required) {
			miz_fail(
			    cause, _("'%s' is optional: the file is complete without it"), d->name);
			goto fail;
		}
		if (!have[k]) {
			miz_fail(cause, _("'%s' was not received: it is missing already"), d->name);
			goto fail;
		}
		have[k] = false;
		taken[k] = true;
		struct store_stmt *st;
		/* The row stays (received documents are append-only): found missing on today. */
		if (store_prepare(db,
		        "UPDATE case_document SET lost_on = ? WHERE case_id = ? AND document_id = ?"
		        " AND lost_on IS NULL",
		        &st, cause) != 0)
			goto fail;
		store_bind_day(st, 1, today);
		store_bind_int(st, 2, c.id);
		store_bind_int(st, 3, d->id);
		if (step_done(db, st, cause) != 0)
			goto fail;
		add_name(&names, d->name);
	}
	why = *remark != '\0' ? xasprintf("%s: %s", names, remark) : xstrdup(names);
	/* One notice at a time: the new one lists everything now due. */
	if (holiday_load_calendar(db, &cal, cause) != 0 ||
	    resolve_notices(db, c.id, today, cause) != 0 ||
	    issue_notice(db, c.id, &c.service, have, today, &cal, &o, cause) != 0)
		goto fail;
	o.status = ST_AWAITING_DOCUMENTS;
	o.promised_on = NO_DAY;
	if (c.status == ST_IN_PROGRESS) {
		struct store_stmt *st;
		if (store_prepare(db,
		        "UPDATE cases SET complete_on = NULL, promised_on = NULL WHERE id = ?", &st,
		        cause) != 0)
			goto fail;
		store_bind_int(st, 1, c.id);
		if (step_done(db, st, cause) != 0 ||
		    change_status(db, &c, ST_AWAITING_DOCUMENTS, today, "missing", why, cause) !=
		        0 ||
		    overdue_stop(db, c.id, today, cause) != 0)
			goto fail;
	} else if (history_add(db, c.id, today, "missing", NULL, NULL, why, cause) != 0) {
		goto fail;
	}
	ret = db_commit(db, cause);
	if (ret == 0 && out != NULL)
		*out = o;
	goto out;
fail:
	db_rollback(db);
out:
	free(names);
	free(why);
	free(remark);
	free(taken);
	free(have);
	cal_free(&cal);
	case_free(&c);
	return ret;
}

/* Marks the case's open deficiency notices resolved on `today`. */
static int
resolve_notices(struct miz_db *db, int64_t id, miz_day today, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "UPDATE notice SET resolved_on = ? WHERE case_id = ? AND resolved_on IS NULL", &st,
	        cause) != 0)
		return -1;
	store_bind_day(st, 1, today);
	store_bind_int(st, 2, id);
	return step_done(db, st, cause);
}

/* Closes the open referral of a case on `today`. */
static int
close_referral(struct miz_db *db, int64_t id, miz_day today, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "UPDATE referral SET returned_on = ? WHERE case_id = ? AND returned_on IS NULL",
	        &st, cause) != 0)
		return -1;
	store_bind_day(st, 1, today);
	store_bind_int(st, 2, id);
	return step_done(db, st, cause);
}

int
case_refer(struct miz_db *db, int64_t id, const char *department, const char *officer,
    miz_day due_on, const char *note, miz_day today, struct miz_outcome *out, char **cause)
{
	struct miz_case c;
	int64_t dept_id = 0, officer_id = 0;
	char *why = NULL;
	int ret = -1;

	if (due_on < today)
		return miz_fail(cause, _("the referral's due date is in the past"));
	if (db_begin(db, cause) != 0)
		return -1;
	if (load_for_change(db, id, today, &c, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	if (check_allowed(&c, CA_REFER, cause) != 0)
		goto fail;
	int found = catalog_find_department(db, department, &dept_id, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("unknown department '%s'"), department);
		goto fail;
	}
	if (officer != NULL && *officer != '\0') {
		found = catalog_find_officer(db, officer, dept_id, &officer_id, cause);
		if (found <= 0) {
			if (found == 0)
				miz_fail(cause, _("no officer '%s' in department '%s'"), officer,
				    department);
			goto fail;
		}
	}
	if (close_referral(db, c.id, today, cause) != 0)
		goto fail;
	char *n = text_normalize(note != NULL ? note : "", true);
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO referral(case_id, department_id, officer_id, referred_on, due_on, "
	        "note,"
	        " clerk_id) VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, nullif(?7, 0))",
	        &st, cause) != 0) {
		free(n);
		goto fail;
	}
	store_bind_int(st, 1, c.id);
	store_bind_int(st, 2, dept_id);
	store_bind_int(st, 3, officer_id);
	store_bind_day(st, 4, today);
	store_bind_day(st, 5, due_on);
	store_bind_text(st, 6, n);
	store_bind_int(st, 7, db->clerk_id);
	free(n);
	if (step_done(db, st, cause) != 0)
		goto fail;
	char due[11];
	cal_format_iso(due_on, due);
	why = xasprintf(
	    "%s%s%s (%s)", department, officer_id ? " / " : "", officer_id ? officer : "", due);
	if (check_dated(db, c.id, today, cause) != 0 ||
	    change_status(db, &c, ST_REFERRED, today, "refer", why, cause) != 0)
		goto fail;
	ret = db_commit(db, cause);
	if (ret == 0 && out != NULL) {
		outcome_start(out, &c);
		out->status = ST_REFERRED;
	}
	goto out;
fail:
	db_rollback(db);
out:
	free(why);
	case_free(&c);
	return ret;
}

int
case_referral_due(struct miz_db *db, int days, miz_day today, miz_day *due, char **cause)
{
	struct miz_calendar cal;
	if (holiday_load_calendar(db, &cal, cause) != 0)
		return -1;
	*due = cal_add_working_days(&cal, today, days < 0 ? CASE_REFERRAL_DAYS : days);
	cal_free(&cal);
	return 0;
}

int
case_set_status(struct miz_db *db, int64_t id, enum miz_status to, const char *reason, int rating,
    const char *comment, miz_day today, struct miz_outcome *out, char **cause)
{
	struct miz_case c;
	struct miz_outcome o;
	if (text_check(reason, _("the reason"), TEXT_MAX_NOTE, true, cause) != 0 ||
	    text_check(comment, _("the comment"), TEXT_MAX_NOTE, true, cause) != 0)
		return -1;
	char *why = text_normalize(reason != NULL ? reason : "", true);
	char *remark = text_normalize(comment != NULL ? comment : "", true);
	int ret = -1;

	if (to == ST_DELIVERED && (rating < 1 || rating > 5)) {
		miz_fail(
		    cause, _("delivery needs the client's satisfaction: a rating from 1 to 5"));
		goto out_early;
	}
	if (to != ST_DELIVERED && rating != 0) {
		miz_fail(cause, _("a satisfaction rating is taken only at delivery"));
		goto out_early;
	}
	if ((to == ST_WITHDRAWN || to == ST_REJECTED) && *why == '\0') {
		miz_fail(cause, _("say why the case is %s: a reason is required"),
		    case_status_label(to));
		goto out_early;
	}
	if (db_begin(db, cause) != 0)
		goto out_early;
	if (load_for_change(db, id, today, &c, cause) != 0) {
		db_rollback(db);
		goto out_early;
	}
	if (!case_transition_allowed(c.status, to)) {
		char *refused = transition_refusal(&c, to);
		miz_fail(cause, "%s", refused);
		free(refused);
		goto fail;
	}
	if (c.status == ST_REFERRED && close_referral(db, c.id, today, cause) != 0)
		goto fail;
	struct store_stmt *st;
	if (case_status_closed(to)) {
		if (store_prepare(db,
		        "UPDATE cases SET closed_on = ?1, satisfaction = nullif(?2, 0),"
		        " comment = ?3, closed_by = nullif(?5, 0) WHERE id = ?4",
		        &st, cause) != 0)
			goto fail;
		store_bind_day(st, 1, today);
		store_bind_int(st, 2, rating);
		store_bind_text(st, 3, remark);
		store_bind_int(st, 4, c.id);
		store_bind_int(st, 5, db->clerk_id);
		if (step_done(db, st, cause) != 0)
			goto fail;
	}
	if (to == ST_DELIVERED && count_visit(db, c.id, cause) != 0)
		goto fail;
	if (c.status == ST_AWAITING_DOCUMENTS && resolve_notices(db, c.id, today, cause) != 0)
		goto fail;
	if (to == ST_DELIVERED && *why == '\0') {
		free(why);
		why = xasprintf(_("satisfaction %d/5"), rating);
	}
	if (check_dated(db, c.id, today, cause) != 0 ||
	    change_status(db, &c, to, today, "status", why, cause) != 0)
		goto fail;
	/* After the row says how it closed (status, closed_on, rating, visits). */
	if (case_status_closed(to) && figures_closed(db, c.id, cause) != 0)
		goto fail;
	/* In progress or referred is when a passed promise makes a case overdue. */
	bool was_open = c.status == ST_IN_PROGRESS || c.status == ST_REFERRED;
	bool is_open = to == ST_IN_PROGRESS || to == ST_REFERRED;
	if (was_open && !is_open && overdue_stop(db, c.id, today, cause) != 0)
		goto fail;
	if (!was_open && is_open && overdue_watch(db, c.id, today, c.promised_on, cause) != 0)
		goto fail;
	outcome_start(&o, &c);
	o.status = to;
	if ((to == ST_READY || to == ST_DELIVERED) &&
	    queue_sms(
	        db, c.id, to == ST_READY ? SMS_READY : SMS_DELIVERED, NO_DAY, NULL, &o, cause) != 0)
		goto fail;
	ret = db_commit(db, cause);
	if (ret == 0 && out != NULL)
		*out = o;
	goto out;
fail:
	db_rollback(db);
out:
	case_free(&c);
out_early:
	free(why);
	free(remark);
	return ret;
}

int
case_visit(struct miz_db *db, int64_t id, const char *note, miz_day today, struct miz_outcome *out,
    char **cause)
{
	if (text_check(note, _("the note"), TEXT_MAX_NOTE, true, cause) != 0)
		return -1;
	char *n = text_normalize(note != NULL ? note : "", true);
	int ret = -1;
	struct miz_case c;
	if (db_begin(db, cause) != 0)
		goto out;
	if (load_for_change(db, id, today, &c, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	if (check_allowed(&c, CA_VISIT, cause) != 0 || check_dated(db, id, today, cause) != 0)
		goto fail;
	if (count_visit(db, id, cause) != 0 ||
	    history_add(db, id, today, "visit", NULL, NULL, n, cause) != 0)
		goto fail;
	ret = db_commit(db, cause);
	if (ret == 0 && out != NULL)
		outcome_start(out, &c);
	goto done;
fail:
	db_rollback(db);
done:
	case_free(&c);
out:
	free(n);
	return ret;
}

int
case_revise_promises(
    struct miz_db *db, const struct miz_calendar *cal, miz_day from, int *revised, char **cause)
{
	struct store_stmt *sel, *upd;
	*revised = 0;
	if (store_prepare(db,
	        "SELECT id, complete_on, promised_on, working_days FROM cases"
	        " WHERE status IN " SQL_OPEN " AND promised_on >= ?"
	        " AND complete_on IS NOT NULL AND imported = 0",
	        &sel, cause) != 0)
		return -1;
	if (store_prepare(db, "UPDATE cases SET promised_on = ? WHERE id = ?", &upd, cause) != 0) {
		store_finish(sel);
		return -1;
	}
	store_bind_day(sel, 1, from);
	int rc;
	int ret = 0;
	while ((rc = store_step(sel)) == STORE_ROW) {
		miz_day complete = column_day_or_none(sel, 1);
		miz_day promised = column_day_or_none(sel, 2);
		int days = (int)store_int(sel, 3);
		if (complete == NO_DAY || promised == NO_DAY)
			continue;
		miz_day now = cal_add_working_days(cal, complete, days);
		if (now == promised)
			continue;
		int64_t id = store_int(sel, 0);
		store_reset(upd);
		store_bind_day(upd, 1, now);
		store_bind_int(upd, 2, id);
		if (store_step(upd) != STORE_DONE) {
			ret = db_fail(db, cause);
			break;
		}
		char a[11], b[11];
		cal_format_iso(promised, a);
		cal_format_iso(now, b);
		char *why = xasprintf(_("promise revised from %s to %s: calendar changed"), a, b);
		/* Dated the clock's day: later work on the case cannot be dated
		 * before the change (check_dated), so its overdue days stay in
		 * order. */
		miz_day clock = clerk_clock_day(db);
		ret = history_add(db, id, clock, "promise", NULL, NULL, why, cause);
		free(why);
		if (ret == 0 && outbox_queue(db, id, SMS_PROMISE, now, NULL, cause) < 0)
			ret = -1;
		/* Overdue against the old promise until today, the new one from it. */
		if (ret == 0 &&
		    (overdue_stop(db, id, clock, cause) != 0 ||
		        overdue_watch(db, id, clock, now, cause) != 0))
			ret = -1;
		if (ret != 0)
			break;
		(*revised)++;
	}
	if (ret == 0 && rc != STORE_DONE && rc != STORE_ROW)
		ret = db_fail(db, cause);
	store_finish(sel);
	store_finish(upd);
	return ret;
}

int
case_list(struct miz_db *db, enum miz_status status, int64_t client_id, int limit, int offset,
    case_visit_fn fn, void *arg, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT c.id, c.code, cl.full_name, cl.national_id, s.code, s.name, c.status,"
	        " c.opened_on, c.promised_on FROM cases c JOIN client cl ON cl.id = c.client_id"
	        " JOIN service s ON s.id = c.service_id"
	        " WHERE (CAST(?1 AS TEXT) IS NULL OR c.status = ?1)"
	        " AND (?2 = 0 OR c.client_id = ?2)"
	        " ORDER BY c.id DESC LIMIT ?3 OFFSET ?4",
	        &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, status < ST__COUNT ? case_status_token(status) : NULL);
	store_bind_int(st, 2, client_id);
	store_bind_int(st, 3, limit);
	store_bind_int(st, 4, offset);
	int rc;
	int count = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct miz_case_row r;
		r.id = store_int(st, 0);
		r.code = store_text(st, 1);
		r.client_name = store_text(st, 2);
		r.national_id = store_text(st, 3);
		r.service_code = store_text(st, 4);
		r.service_name = store_text(st, 5);
		const char *stt = store_text(st, 6);
		if (stt == NULL || case_status_parse(stt, &r.status) != 0) {
			miz_fail(cause,
			    _("case %s has an unknown status '%s': it was changed outside miz"),
			    r.code != NULL ? r.code : "?", stt != NULL ? stt : "");
			store_finish(st);
			return -1;
		}
		r.opened_on = column_day_or_none(st, 7);
		r.promised_on = column_day_or_none(st, 8);
		count++;
		if (fn != NULL && fn(&r, arg) != 0)
			break;
	}
	if (rc != STORE_ROW && rc != STORE_DONE)
		count = db_fail(db, cause);
	store_finish(st);
	return count;
}
