/* The history's hash chain: sealing rows, the head, verifying. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "miz/audit.h"
#include "miz/i18n.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "store.h"

/* The columns a seal covers, in this order, then the previous seal.  The
 * last, the supervisor who acted for the clerk (schema 8), counts only when
 * there is one: rows sealed before it seal the same. */
#define SEALED "id, case_id, at, clerk_id, action, from_status, to_status, reason, day, acted_by"
#define NSEALED 10

/* SHA-256 (hex) of a row's fields and the previous seal, each written as
 * its length and its bytes, so no two rows can read alike. */
static int
seal_of(struct store_stmt *row, const char *prev, char out[AUDIT_HASH_LEN + 1])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(md);
		return -1;
	}
	char len[24];
	for (int i = 0; i <= NSEALED; i++) {
		const char *v = i < NSEALED ? store_text(row, i) : prev;
		if (v == NULL && i == NSEALED - 1)
			continue; /* no supervisor acted for the clerk */
		if (v == NULL)
			v = ""; /* NULL seals as empty */
		size_t n = strlen(v);
		int k = snprintf(len, sizeof len, "%zu:", n);
		EVP_DigestUpdate(md, len, (size_t)k);
		EVP_DigestUpdate(md, v, n);
	}
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	int ok = EVP_DigestFinal_ex(md, digest, &dlen) == 1 && dlen * 2 == AUDIT_HASH_LEN;
	EVP_MD_CTX_free(md);
	if (!ok)
		return -1;
	for (unsigned i = 0; i < dlen; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

/* The seal of the row before `id` ("" for the first). */
static int
prev_seal(struct miz_db *db, int64_t id, char out[AUDIT_HASH_LEN + 1], char **cause)
{
	struct store_stmt *st;
	out[0] = '\0';
	if (store_prepare(db,
	        "SELECT coalesce(hash, '') FROM history WHERE id < ? ORDER BY id DESC LIMIT 1", &st,
	        cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		snprintf(out, AUDIT_HASH_LEN + 1, "%s", store_text(st, 0));
	store_finish(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
audit_seal(struct miz_db *db, int64_t id, char **cause)
{
	char prev[AUDIT_HASH_LEN + 1], seal[AUDIT_HASH_LEN + 1];
	/* The row and the seal before it, in one query (one round trip to a
	 * server). */
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT " SEALED ", (SELECT coalesce(p.hash, '') FROM history p WHERE p.id < ?1"
	        " ORDER BY p.id DESC LIMIT 1) FROM history WHERE id = ?1",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		return rc == STORE_DONE
		    ? miz_fail(cause, _("history row %lld is not there"), (long long)id)
		    : db_fail(db, cause);
	}
	const char *before = store_text(st, NSEALED);
	snprintf(prev, sizeof prev, "%s", before != NULL ? before : "");
	int bad = seal_of(st, prev, seal);
	store_finish(st);
	if (bad != 0)
		return miz_fail(cause, _("cannot compute a SHA-256 seal"));
	/* The only change the trigger lets through: a seal where there was none. */
	if (store_prepare(
	        db, "UPDATE history SET hash = ? WHERE id = ? AND hash IS NULL", &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, seal);
	store_bind_int(st, 2, id);
	rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
audit_seal_all(struct miz_db *db, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(
	        db, "SELECT id FROM history WHERE hash IS NULL ORDER BY id", &st, cause) != 0)
		return -1;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (audit_seal(db, store_int(st, 0), cause) != 0) {
			store_finish(st);
			return -1;
		}
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
audit_head(struct miz_db *db, char out[AUDIT_HASH_LEN + 1], char **cause)
{
	return prev_seal(db, INT64_MAX, out, cause);
}

int
audit_verify(struct miz_db *db, const char *head, struct audit_result *out, char **cause)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st;
	if (store_prepare(db,
	        "SELECT " SEALED ", hash, coalesce((SELECT code FROM cases WHERE id = case_id), '')"
	        " FROM history ORDER BY id",
	        &st, cause) != 0)
		return -1;
	char prev[AUDIT_HASH_LEN + 1] = "", want[AUDIT_HASH_LEN + 1];
	int64_t last_id = 0;
	size_t head_len = head != NULL ? strlen(head) : 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t id = store_int(st, 0);
		const char *seal = store_text(st, NSEALED);
		const char *at = store_text(st, 2);
		char code[TRACKING_SHOWN];
		tracking_format(store_text(st, NSEALED + 1), code);
		out->rows++;
		if (out->problem == NULL) {
			if (seal_of(st, prev, want) != 0) {
				store_finish(st);
				return miz_fail(cause, _("cannot compute a SHA-256 seal"));
			}
			if (id != last_id + 1) /* ids start at 1 and are never reused */
				out->problem = xasprintf(
				    _("history rows %lld to %lld are missing: deleted after they were "
				      "written"),
				    (long long)last_id + 1, (long long)id - 1);
			else if (seal == NULL)
				out->problem = xasprintf(
				    _("history row %lld (case %s, %s) has no seal: written outside miz"),
				    (long long)id, code, at != NULL ? at : "");
			else if (strcmp(seal, want) != 0)
				out->problem = xasprintf(
				    _("history row %lld (case %s, %s) was changed after it was written"),
				    (long long)id, code, at != NULL ? at : "");
			if (out->problem != NULL)
				out->bad_id = id;
		}
		if (head_len >= 16 && seal != NULL && strncmp(seal, head, head_len) == 0)
			out->head_id = id;
		snprintf(prev, sizeof prev, "%s", seal != NULL ? seal : "");
		last_id = id;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return db_fail(db, cause);
	snprintf(out->head, sizeof out->head, "%s", prev);
	return 0;
}

void
audit_result_free(struct audit_result *r)
{
	free(r->problem);
	r->problem = NULL;
}
