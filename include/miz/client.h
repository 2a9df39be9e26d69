/* Clients: national ID, mobile number, name; lookup by any of them. */
#ifndef MIZ_CLIENT_H
#define MIZ_CLIENT_H

#include <stdint.h>

#include "miz/db.h"

#define NID_LEN 10

struct miz_client {
	int64_t id;
	char national_id[NID_LEN + 1];
	char *full_name;
	char *mobile; /* "" when unknown */
	char *address;
};

/*
 * Validates a national ID (کد ملی) as typed: Persian/Arabic digits, spaces
 * and dashes are accepted; 8 to 10 digits are left-padded with zeros.
 * Writes the 10-digit form into out (11 bytes).  Returns 0, or -1 with a
 * message for the clerk in *cause.
 */
int client_nid_normalize(const char *text, char *out /* OUT */, char **cause);

/*
 * Normalises a mobile number to 09XXXXXXXXX (+98, 0098, 98 and a missing
 * leading zero accepted).  Writes 12 bytes into out.
 */
int client_mobile_normalize(const char *text, char *out /* OUT */, char **cause);

void client_free(struct miz_client *c);

/*
 * What a clerk typed into the one search field of intake and find, read in
 * one place: the hint under the field and what Enter does both follow it.
 */
enum query_kind {
	QUERY_EMPTY,
	QUERY_NAME, /* not only digits: part of a name (or an old register's code) */
	QUERY_TRACKING, /* 12 digits with the right check digit */
	QUERY_TRACKING_BAD, /* 12 digits that are not a tracking code (why) */
	QUERY_NID, /* a valid national ID (8 to 10 digits) */
	QUERY_NID_BAD, /* 10 digits, neither a national ID nor a mobile (why) */
	QUERY_MOBILE, /* a mobile number */
	QUERY_PARTIAL, /* too few digits for anything yet (why, from 8 digits) */
	QUERY_TOO_LONG /* more digits than a tracking code */
};

struct miz_query {
	enum query_kind kind;
	char *text; /* normalised: the code, the ID, the mobile or the name as typed */
	char *why; /* what is wrong, for _BAD and PARTIAL from 8 digits; else NULL */
	size_t ndigits; /* digits typed, when the text is only digits, spaces, '-' and '+' */
};

/* Reads what was typed (Persian digits, spaces and dashes accepted). */
void client_query_parse(const char *typed, struct miz_query *q /* OUT */);
void client_query_free(struct miz_query *q);

/*
 * Registers a client.  `mobile` and `address` may be NULL or empty.  Fails
 * with a clear message when the national ID is invalid or already
 * registered.  Fills *out when out is not NULL.
 */
int client_add(struct miz_db *db, const char *national_id, const char *full_name,
    const char *mobile, const char *address, struct miz_client *out /* OUT */, char **cause);

/* Looks a client up by national ID: 1 found, 0 not found, -1 error. */
int client_get_by_nid(
    struct miz_db *db, const char *national_id, struct miz_client *out /* OUT */, char **cause);
/* Looks a client up by row id: 1 found, 0 not found, -1 error. */
int client_get(struct miz_db *db, int64_t id, struct miz_client *out /* OUT */, char **cause);

/*
 * Corrects a client's name, mobile or address (NULL: unchanged; an empty
 * mobile or address clears it), checked as at registration, and whether
 * they take SMS messages (`sms` 1 or 0; -1 unchanged; outbox.h).  Each
 * change is kept in the client's history (who, when, old -> new);
 * *changed gets how many fields changed (0: nothing written).
 */
int client_edit(struct miz_db *db, int64_t id, const char *full_name, const char *mobile,
    const char *address, int sms, int *changed /* OUT */, char **cause);

/*
 * Corrects a wrong national ID (a supervisor's): the client's cases move
 * to the right one, merged into the client already registered under it if
 * there is one (whose name, mobile and address stay).  Kept in the client
 * history and in each moved case's history.  *moved gets the cases moved.
 */
int client_change_nid(struct miz_db *db, const char *old_nid, const char *new_nid,
    int *moved /* OUT */, char **cause);

/* One kept change of a client: when, by whom, which field, old and new. */
struct client_change {
	const char *at, *clerk, *field, *old, *new_value;
};
typedef int (*client_change_fn)(const struct client_change *ch, void *arg);
/* A client's kept changes, oldest first (also those of clients merged into it). */
int client_changes(
    struct miz_db *db, int64_t id, client_change_fn fn, void *arg, char **cause);

/* Called for each found client; return non-zero to stop. */
typedef int (*client_visit_fn)(const struct miz_client *c, void *arg);

/*
 * Finds clients by a national ID, a mobile number or any part of a name,
 * whichever the query looks like; at most `limit` rows, after `offset`.
 * Returns the number found, or -1 with *cause.
 */
int client_find(struct miz_db *db, const char *query, int limit, int offset, client_visit_fn fn,
    void *arg, char **cause);

#endif
