/*
 * The SMS outbox: a short message for the client's mobile, written in the
 * same transaction as the change it tells of, for the agency's SMS panel
 * to send (miz outbox export, then miz outbox sent).  Clients with no
 * mobile, or who said no (client.sms), get none.  Texts are templates per
 * event in the translation catalog, taken in Persian whatever the locale
 * of the process (the clients read Persian), a supervisor's setting
 * sms_EVENT overriding each; they carry the tracking code always, and fit
 * one SMS of 70 Persian letters where they can.
 */
#ifndef MIZ_OUTBOX_H
#define MIZ_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "miz/calendar.h"
#include "miz/db.h"

enum outbox_event {
	SMS_OPENED, /* opened complete: the code and the promise */
	SMS_NOTICE, /* a deficiency notice: what is missing, the deadline */
	SMS_COMPLETE, /* the file became complete: the promise */
	SMS_READY, /* ready for pickup */
	SMS_DELIVERED,
	SMS_PROMISE, /* the promise moved (a closure) */
	SMS__COUNT
};

/* "opened", "notice", ... as stored and in settings (sms_opened ...). */
const char *outbox_event_token(enum outbox_event e);
/* The default template of an event (translated): {code}, {date},
 * {missing} and {office} are filled in. */
const char *outbox_template(enum outbox_event e);

/*
 * Writes the message for a case's event into the outbox, inside the
 * caller's transaction: `date` is the promise or the deadline (NO_DAY for
 * none), `missing` the documents a notice lists (or NULL).  Nothing for a
 * client with no mobile or who said no.  Returns 1 when a message was
 * written, 0 when none was, -1 with *cause.
 */
int outbox_queue(struct miz_db *db, int64_t case_id, enum outbox_event e, miz_day date,
    const char *missing, char **cause);

/* One message. */
struct outbox_message {
	int64_t id;
	const char *mobile, *message, *code, *event, *created_at, *sent_at; /* sent_at "" unsent */
};
typedef int (*outbox_fn)(const struct outbox_message *m, void *arg);

/* Pending messages (all when `all`), oldest first, from `since` (NO_DAY: any). */
int outbox_list(struct miz_db *db, bool all, miz_day since, outbox_fn fn, void *arg,
    char **cause);
/* A case's messages, oldest first. */
int outbox_of_case(struct miz_db *db, int64_t case_id, outbox_fn fn, void *arg, char **cause);
/* Marks messages sent: those with the given ids, or every pending one up to
 * `until` (ids NULL).  *marked gets how many changed. */
int outbox_mark_sent(struct miz_db *db, const int64_t *ids, size_t n, int64_t until,
    int *marked /* OUT */, char **cause);

/* Whether the client takes messages, and setting it (kept in its history). */
int outbox_client_consents(struct miz_db *db, int64_t client_id, bool *yes /* OUT */, char **cause);

#endif
