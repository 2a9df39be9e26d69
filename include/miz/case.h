/*
 * Cases: one client asking for one service.  Opening, documents and
 * deficiency notices, promised dates, referrals, status changes with an
 * append-only history, visits and satisfaction.
 */
#ifndef MIZ_CASE_H
#define MIZ_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "miz/calendar.h"
#include "miz/catalog.h"
#include "miz/client.h"
#include "miz/db.h"

enum miz_status {
	ST_AWAITING_DOCUMENTS,
	ST_IN_PROGRESS,
	ST_REFERRED,
	ST_READY,
	ST_DELIVERED,
	ST_WITHDRAWN,
	ST_REJECTED,
	ST__COUNT
};

/* The token stored in the database and used on the command line. */
const char *case_status_token(enum miz_status st);
/* A label for people (translated). */
const char *case_status_label(enum miz_status st);
/* The label of a status token as stored in the history (the token itself when unknown). */
const char *case_status_label_of(const char *token);
/* A label for people of a history action ("open", "refer", ...; the token when unknown). */
const char *case_action_label(const char *token);
/* Parses a status token; -1 when unknown. */
int case_status_parse(const char *token, enum miz_status *out /* OUT */);
/* True when a case in `from` may be moved to `to` by a status change. */
bool case_transition_allowed(enum miz_status from, enum miz_status to);
/* True for delivered, withdrawn and rejected. */
bool case_status_closed(enum miz_status st);

/* A checklist item of a case with whether it was received. */
struct miz_case_doc {
	int64_t id;
	char *name;
	bool required;
	bool original;
	bool active; /* still on the service's checklist */
	bool received;
	miz_day received_on;
};

struct miz_notice {
	int64_t id;
	miz_day issued_on;
	miz_day deadline;
	miz_day resolved_on; /* -1 while open */
	char **items; /* names of the missing documents */
	size_t nitems;
};

struct miz_referral {
	int64_t id;
	char *department;
	char *officer;
	char *officer_phone;
	miz_day referred_on;
	miz_day due_on;
	miz_day returned_on; /* -1 while open */
	char *note;
};

struct miz_event {
	char *at;
	char *clerk;
	char *action;
	char *from_status; /* "" when none */
	char *to_status;
	char *reason;
};

/* What a history row says, for people: "file complete (awaiting documents →
 * in progress)", "referred (...): why".  A new string. */
char *case_event_text(const struct miz_event *e);

struct miz_case {
	int64_t id;
	char *code;
	struct miz_client client;
	struct miz_service service;
	enum miz_status status;
	miz_day opened_on;
	miz_day complete_on; /* NO_DAY until the file is complete */
	miz_day promised_on; /* NO_DAY until then */
	miz_day original_promised_on; /* the first promise given */
	miz_day closed_on;
	int working_days; /* the service's duration when opened */
	int satisfaction; /* 1..5, 0 when not rated */
	char *comment;
	char *note; /* a note from an old register, for imported cases */
	int visits;
	bool imported;
	char *opened_by;
	struct miz_case_doc *docs;
	size_t ndocs;
	struct miz_notice *notices;
	size_t nnotices;
	struct miz_referral *referrals;
	size_t nreferrals;
	struct miz_event *history;
	size_t nhistory;
};

void case_free(struct miz_case *c);

/*
 * What a clerk does to a case, from the desk's keys or the command line.
 * Which of them a case allows depends on its status and checklist only
 * (the role decides the day, see clerk_check_day); case_refusal is the one
 * place that says so: the desk offers what it allows, `miz case show`
 * lists it, and each action below refuses with its words inside its own
 * transaction.
 */
enum case_action {
	CA_VISIT, /* a visit that brings nothing */
	CA_DOCUMENTS, /* documents brought */
	CA_MISSING, /* received documents found missing or unusable */
	CA_REFER,
	CA_READY,
	CA_RESUME, /* back in progress */
	CA_DELIVER,
	CA_WITHDRAW,
	CA_REJECT,
	CA__COUNT
};

/* Why case c (as loaded) does not allow action a, as a new string; NULL when it does. */
char *case_refusal(const struct miz_case *c, enum case_action a);
/* True when case c allows action a. */
bool case_allows(const struct miz_case *c, enum case_action a);
/* The command line's words for an action after `miz case`: "visit", "docs",
 * "status ready", ... */
const char *case_action_token(enum case_action a);

/*
 * What an action did, for the front end to say so without loading the case
 * again or guessing.  Every action below fills it when `out` is not NULL
 * and it succeeds.
 */
struct miz_outcome {
	int64_t case_id;
	char code[16]; /* the tracking code, 12 digits */
	enum miz_status status; /* after the action */
	bool became_complete; /* the file became complete now: promise set */
	miz_day promised_on; /* the promise after the action, NO_DAY when none */
	bool notice_issued; /* a deficiency notice was issued */
	miz_day notice_deadline; /* its deadline, NO_DAY when none */
	int sms_queued; /* messages written to the outbox for the client */
};

/*
 * Opens a case for a client and a service on `today`, with the documents
 * received (ids from the service's checklist).  A complete file starts in
 * progress with a promised date; otherwise a deficiency notice lists every
 * missing required document.  The new tracking code goes to code_out
 * (13 bytes).
 */
/*
 * The newest open case (not delivered, withdrawn or rejected) of a client
 * for a service: 1 with *case_id, 0 when there is none, -1 with *cause.
 * Asked before an intake, so a second case is opened only on purpose (and
 * a clerk whose desk died after the commit finds the first one).
 */
int case_find_open(struct miz_db *db, int64_t client_id, const char *service_code,
    int64_t *case_id /* OUT */, char **cause);
int case_open(struct miz_db *db, int64_t client_id, const char *service_code,
    const int64_t *doc_ids, size_t ndocs, miz_day today, char *code_out /* OUT, may be NULL */,
    struct miz_outcome *out /* OUT, may be NULL */, char **cause);

/*
 * Resolves a typed tracking code to a case id.  The check digit is
 * verified first: a mistyped code never finds another case.
 */
int case_find_code(struct miz_db *db, const char *text, int64_t *id /* OUT */, char **cause);

/* Loads a case with its client, service, checklist, notices, referrals and history. */
int case_load(struct miz_db *db, int64_t id, struct miz_case *out /* OUT */, char **cause);

/*
 * Records required documents found missing or unusable after they were
 * received (a copy not certified, an expired deed, one ticked by mistake):
 * they come off the case and a new deficiency notice lists every required
 * document now missing, replacing any open one.  A case in progress goes
 * back to awaiting documents and loses its promise; the promise is set
 * again when the file is complete.  Only while the case awaits documents
 * or is in progress.  `note` (may be NULL) goes into the history.
 */
int case_documents_missing(struct miz_db *db, int64_t id, const int64_t *doc_ids, size_t ndocs,
    const char *note, miz_day today, struct miz_outcome *out, char **cause);

/*
 * Records documents the client brought for a case (one visit).  When the
 * file becomes complete the case moves to in progress and the promise is
 * set from `today`.
 */
int case_add_documents(struct miz_db *db, int64_t id, const int64_t *doc_ids, size_t ndocs,
    miz_day today, struct miz_outcome *out, char **cause);

/*
 * Refers a case to a department (and optionally an officer of it) with its
 * own due date.
 */
int case_refer(struct miz_db *db, int64_t id, const char *department, const char *officer,
    miz_day due_on, const char *note, miz_day today, struct miz_outcome *out, char **cause);

/* Working days a referral gets when the clerk does not say. */
#define CASE_REFERRAL_DAYS 5
/*
 * A referral's due date `days` working days after today by the office's
 * calendar; days < 0 means CASE_REFERRAL_DAYS.  The desk and the command
 * line both ask here.
 */
int case_referral_due(
    struct miz_db *db, int days, miz_day today, miz_day *due /* OUT */, char **cause);

/*
 * Changes a case's status.  Delivery needs a rating 1..5 (comment
 * optional); withdrawal and rejection need a reason.
 */
int case_set_status(struct miz_db *db, int64_t id, enum miz_status to, const char *reason,
    int rating, const char *comment, miz_day today, struct miz_outcome *out, char **cause);

/* Records a visit of the client to the desk for this case, on `today`. */
int case_visit(struct miz_db *db, int64_t id, const char *note, miz_day today,
    struct miz_outcome *out, char **cause);
/* Records an event that changes no status (action "client": the client's
 * national ID corrected) in a case's history, on the clock's day; inside
 * the caller's transaction. */
int case_note(struct miz_db *db, int64_t case_id, const char *action, const char *reason,
    char **cause);

/*
 * Recomputes the promised dates of open cases whose promise is on or after
 * `from` using the calendar in cal; must run inside a transaction.
 * *revised gets the number changed.
 */
int case_revise_promises(struct miz_db *db, const struct miz_calendar *cal, miz_day from,
    int *revised /* OUT */, char **cause);

/* One line of a case list. */
struct miz_case_row {
	int64_t id;
	const char *code;
	const char *client_name;
	const char *national_id;
	const char *service_code;
	const char *service_name;
	enum miz_status status;
	miz_day opened_on;
	miz_day promised_on;
};

typedef int (*case_visit_fn)(const struct miz_case_row *row, void *arg);

/*
 * Lists cases, newest first, optionally of one status (ST__COUNT: any) or
 * of one client (client_id > 0), paged by limit/offset.
 */
int case_list(struct miz_db *db, enum miz_status status, int64_t client_id, int limit, int offset,
    case_visit_fn fn, void *arg, char **cause);

#endif
