/*
 * A record no one changes quietly: every history row is sealed with a
 * SHA-256 hash over its content and the previous row's seal (a hash chain,
 * OpenSSL's libcrypto).  Changing, deleting or slipping in a row breaks the
 * chain from there on; the head (the last seal), printed on the end-of-day
 * report, pins the record up to that moment.  What it does not stop:
 * someone who may write the file can still delete it, or rewrite the whole
 * chain from a row on — but not so that yesterday's printed head still
 * matches.
 */
#ifndef MIZ_AUDIT_H
#define MIZ_AUDIT_H

#include <stdint.h>

#include "miz/db.h"

#define AUDIT_HASH_LEN 64 /* hex digits of a seal */

/* Seals the history row `id` (written in the caller's transaction) after the one before it. */
int audit_seal(struct miz_db *db, int64_t id, char **cause);
/* Seals every unsealed row in order (the upgrade to schema 7). */
int audit_seal_all(struct miz_db *db, char **cause);
/* The head of the chain (the last row's seal; "" for an empty history). */
int audit_head(struct miz_db *db, char out[AUDIT_HASH_LEN + 1] /* OUT */, char **cause);

/* What verifying found. */
struct audit_result {
	int64_t rows; /* rows walked */
	int64_t bad_id; /* the first row that breaks the chain, 0 when none */
	char *problem; /* a sentence for the supervisor (a new string), NULL when intact */
	char head[AUDIT_HASH_LEN + 1];
	int64_t head_id; /* with a head asked for: the row it seals, 0 when none */
};

/*
 * Walks the chain from the first row.  With `head` (a seal, or at least 16
 * of its first hex digits, from a printed report), also finds the row it
 * seals.  0 (the result says what was found), or -1 with *cause when the
 * database could not be read.
 */
int audit_verify(struct miz_db *db, const char *head, struct audit_result *out /* OUT */,
    char **cause);
void audit_result_free(struct audit_result *r);

#endif
