/* Clients: validation of national IDs and mobiles, registration and lookup. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "miz/case.h"
#include "miz/clerk.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"
#include "miz/xmalloc.h"
#include "store.h"

/*
 * Collects the ASCII digits of `text` into buf (cap bytes with NUL), after
 * Persian/Arabic digits are made ASCII and spaces/dashes dropped.  Returns
 * the number of digits seen, or -1 when another character is present.
 */
static int
collect_digits(const char *text, char *buf, int cap, bool allow_plus)
{
	char *ascii = text_ascii_digits(text);
	int n = 0;
	int ret = 0;
	for (const char *p = ascii; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n < cap - 1)
				buf[n] = *p;
			n++;
		} else if (*p == '+' && allow_plus && n == 0) {
			continue;
		} else if (*p != ' ' && *p != '-' && *p != '\t' && *p != '(' && *p != ')') {
			ret = -1;
			break;
		}
	}
	free(ascii);
	buf[n < cap - 1 ? n : cap - 1] = '\0';
	return ret < 0 ? -1 : n;
}

int
client_nid_normalize(const char *text, char *out, char **cause)
{
	char digits[16];
	int n = collect_digits(text, digits, sizeof digits, false);
	if (n < 0)
		return miz_fail(cause, _("national ID %s: only digits are allowed"), text);
	if (n == 0)
		return miz_fail(cause, _("national ID is empty: type the 10 digits on the card"));
	if (n > NID_LEN)
		return miz_fail(cause, _("national ID %s: too many digits (it has 10)"), text);
	if (n < 8)
		return miz_fail(cause, _("national ID %s: too few digits (it has 10)"), text);
	memset(out, '0', NID_LEN);
	memcpy(out + (NID_LEN - n), digits, (size_t)n);
	out[NID_LEN] = '\0';

	bool same = true;
	for (int i = 1; i < NID_LEN; i++)
		same = same && out[i] == out[0];
	if (same)
		return miz_fail(
		    cause, _("national ID %s: ten repeated digits is not a real ID"), out);
	if (memcmp(out + 3, "000000", 6) == 0)
		return miz_fail(cause, _("national ID %s: digits 4 to 9 cannot all be zero"), out);

	int s = 0;
	for (int i = 0; i < 9; i++)
		s += (out[i] - '0') * (10 - i);
	int r = s % 11;
	int check = r < 2 ? r : 11 - r;
	if (check != out[9] - '0')
		return miz_fail(
		    cause, _("national ID %s: check digit does not match — re-read the card"), out);
	return 0;
}

int
client_mobile_normalize(const char *text, char *out, char **cause)
{
	char digits[20];
	int n = collect_digits(text, digits, sizeof digits, true);
	if (n < 0 || n >= (int)sizeof digits)
		return miz_fail(cause, _("mobile %s: write it as 09XXXXXXXXX"), text);
	const char *rest = digits;
	if (strncmp(rest, "0098", 4) == 0)
		rest += 4;
	else if (strncmp(rest, "98", 2) == 0 && n == 12)
		rest += 2;
	else if (rest[0] == '0')
		rest += 1;
	/* What is left is the ten digits after the leading zero: 9XXXXXXXXX. */
	if (strlen(rest) != 10 || rest[0] != '9')
		return miz_fail(cause, _("mobile %s: write it as 09XXXXXXXXX"), text);
	out[0] = '0';
	memcpy(out + 1, rest, 10);
	out[11] = '\0';
	return 0;
}

void
client_free(struct miz_client *c)
{
	if (c == NULL)
		return;
	free(c->full_name);
	free(c->mobile);
	free(c->address);
	memset(c, 0, sizeof *c);
}

/* Fills a client from a row of (id, national_id, full_name, mobile, address). */
static void
client_from_row(struct store_stmt *st, struct miz_client *c)
{
	c->id = store_int(st, 0);
	const char *nid = store_text(st, 1);
	snprintf(c->national_id, sizeof c->national_id, "%s", nid != NULL ? nid : "");
	c->full_name = store_strdup(st, 2);
	c->mobile = store_strdup(st, 3);
	c->address = store_strdup(st, 4);
}

#define CLIENT_COLUMNS "id, national_id, full_name, mobile, address"

int
client_add(struct miz_db *db, const char *national_id, const char *full_name, const char *mobile,
    const char *address, struct miz_client *out, char **cause)
{
	char nid[NID_LEN + 1];
	char mob[12] = "";
	int ret = -1;

	if (client_nid_normalize(national_id, nid, cause) != 0 ||
	    text_check(full_name, _("the client's name"), TEXT_MAX_NAME, false, cause) != 0 ||
	    text_check(address, _("the address"), TEXT_MAX_ADDRESS, false, cause) != 0)
		return -1;
	char *name = text_normalize(full_name, false);
	char *addr = text_normalize(address != NULL ? address : "", false);
	if (*name == '\0') {
		miz_fail(cause, _("the client's full name is empty"));
		goto out;
	}
	if (mobile != NULL && *mobile != '\0' && client_mobile_normalize(mobile, mob, cause) != 0)
		goto out;

	struct miz_client existing;
	int found = client_get_by_nid(db, nid, &existing, cause);
	if (found < 0)
		goto out;
	if (found > 0) {
		miz_fail(cause, _("national ID %s is already registered to %s"), nid,
		    existing.full_name);
		client_free(&existing);
		goto out;
	}

	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO client(national_id, full_name, mobile, address, created_at)"
	        " VALUES (?, ?, ?, ?, datetime('now', 'localtime'))",
	        &st, cause) != 0)
		goto out;
	store_bind_text(st, 1, nid);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, *mob != '\0' ? mob : NULL);
	store_bind_text(st, 4, addr);
	int rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE) {
		db_fail(db, cause);
		goto out;
	}
	if (out != NULL) {
		memset(out, 0, sizeof *out);
		out->id = store_last_id(db);
		memcpy(out->national_id, nid, sizeof nid);
		out->full_name = xstrdup(name);
		out->mobile = xstrdup(mob);
		out->address = xstrdup(addr);
	}
	ret = 0;
out:
	free(name);
	free(addr);
	return ret;
}

/* Runs a one-row client query bound to one text or integer value. */
static int
client_get_one(struct miz_db *db, const char *sql, const char *text, int64_t id,
    struct miz_client *out, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	if (text != NULL)
		store_bind_text(st, 1, text);
	else
		store_bind_int(st, 1, id);
	int rc = store_step(st);
	int ret = 0;
	if (rc == STORE_ROW) {
		client_from_row(st, out);
		ret = 1;
	} else if (rc != STORE_DONE) {
		ret = db_fail(db, cause);
	}
	store_finish(st);
	return ret;
}

int
client_get_by_nid(struct miz_db *db, const char *national_id, struct miz_client *out, char **cause)
{
	return client_get_one(db, "SELECT " CLIENT_COLUMNS " FROM client WHERE national_id = ?",
	    national_id, 0, out, cause);
}

int
client_get(struct miz_db *db, int64_t id, struct miz_client *out, char **cause)
{
	return client_get_one(
	    db, "SELECT " CLIENT_COLUMNS " FROM client WHERE id = ?", NULL, id, out, cause);
}

/* Keeps one change of a client in its history; in the caller's transaction. */
static int
keep_change(struct miz_db *db, int64_t id, const char *nid, const char *field, const char *old,
    const char *now, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db,
	        "INSERT INTO client_history(client_id, national_id, at, clerk_id, acted_by, field,"
	        " old, new) VALUES (?1, ?2, datetime('now', 'localtime'), nullif(?3, 0),"
	        " nullif(?4, 0), ?5, ?6, ?7)",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, nid);
	store_bind_int(st, 3, db->clerk_id);
	store_bind_int(st, 4, db->acted_by);
	store_bind_text(st, 5, field);
	store_bind_text(st, 6, old);
	store_bind_text(st, 7, now);
	int rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Runs one statement that changes a client (binds: ?1 the value, ?2 the id). */
static int
set_field(struct miz_db *db, const char *sql, const char *value, int64_t id, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	store_bind_text(st, 1, value);
	store_bind_int(st, 2, id);
	int rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
client_edit(struct miz_db *db, int64_t id, const char *full_name, const char *mobile,
    const char *address, int sms, int *changed, char **cause)
{
	char mob[12] = "";
	char *name = NULL, *addr = NULL;
	struct miz_client c;
	int ret = -1;
	*changed = 0;
	if ((full_name != NULL &&
	        text_check(full_name, _("the client's name"), TEXT_MAX_NAME, false, cause) != 0) ||
	    (address != NULL &&
	        text_check(address, _("the address"), TEXT_MAX_ADDRESS, false, cause) != 0))
		return -1;
	if (full_name != NULL) {
		name = text_normalize(full_name, false);
		if (*name == '\0') {
			free(name);
			return miz_fail(cause, _("the client's full name is empty"));
		}
	}
	if (mobile != NULL && *mobile != '\0' && client_mobile_normalize(mobile, mob, cause) != 0) {
		free(name);
		return -1;
	}
	if (address != NULL)
		addr = text_normalize(address, false);
	if (db_begin(db, cause) != 0)
		goto out;
	int found = client_get(db, id, &c, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("no such client: register the client first"));
		db_rollback(db);
		goto out;
	}
	static const struct {
		const char *field, *sql;
	} fields[] = {
		{ "name", "UPDATE client SET full_name = ?1 WHERE id = ?2" },
		{ "mobile", "UPDATE client SET mobile = nullif(?1, '') WHERE id = ?2" },
		{ "address", "UPDATE client SET address = ?1 WHERE id = ?2" },
	};
	const char *now[3] = { name, mobile != NULL ? mob : NULL, addr };
	const char *was[3] = { c.full_name, c.mobile, c.address };
	for (int i = 0; i < 3; i++) {
		if (now[i] == NULL || strcmp(now[i], was[i]) == 0)
			continue;
		if (set_field(db, fields[i].sql, now[i], id, cause) != 0 ||
		    keep_change(db, id, c.national_id, fields[i].field, was[i], now[i], cause) != 0) {
			db_rollback(db);
			client_free(&c);
			goto out;
		}
		(*changed)++;
	}
	/* The consent to SMS, yes or no. */
	struct store_stmt *st;
	int was_sms = 1;
	if (sms >= 0) {
		if (store_prepare(db, "SELECT sms FROM client WHERE id = ?", &st, cause) != 0) {
			db_rollback(db);
			client_free(&c);
			goto out;
		}
		store_bind_int(st, 1, id);
		if (store_step(st) == STORE_ROW)
			was_sms = (int)store_int(st, 0);
		store_finish(st);
	}
	if (sms >= 0 && (sms != 0) != (was_sms != 0)) {
		if (set_field(db,
		        "UPDATE client SET sms = CASE WHEN ?1 = 'yes' THEN 1 ELSE 0 END"
		        " WHERE id = ?2",
		        sms ? "yes" : "no", id, cause) != 0 ||
		    keep_change(db, id, c.national_id, "sms", was_sms ? "yes" : "no",
		        sms ? "yes" : "no", cause) != 0) {
			db_rollback(db);
			client_free(&c);
			goto out;
		}
		(*changed)++;
	}
	client_free(&c);
	ret = db_commit(db, cause);
out:
	free(name);
	free(addr);
	return ret;
}

/* Runs one statement binding two ids (?1, ?2) to completion. */
static int
run_ids(struct miz_db *db, const char *sql, int64_t a, int64_t b, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, a);
	store_bind_int(st, 2, b);
	int rc = store_step(st);
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

/* Notes the correction in the history of each of a client's cases. */
static int
note_cases(struct miz_db *db, int64_t client_id, const char *why, int *moved, char **cause)
{
	struct store_stmt *st;
	if (store_prepare(db, "SELECT id FROM cases WHERE client_id = ? ORDER BY id", &st, cause) !=
	    0)
		return -1;
	store_bind_int(st, 1, client_id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (case_note(db, store_int(st, 0), "client", why, cause) != 0) {
			store_finish(st);
			return -1;
		}
		(*moved)++;
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : db_fail(db, cause);
}

int
client_change_nid(struct miz_db *db, const char *old_nid, const char *new_nid, int *moved,
    char **cause)
{
	char from[NID_LEN + 1], to[NID_LEN + 1];
	*moved = 0;
	if (clerk_require_supervisor(db, _("correct a client's national ID"), cause) != 0 ||
	    client_nid_normalize(old_nid, from, cause) != 0 ||
	    client_nid_normalize(new_nid, to, cause) != 0)
		return -1;
	if (strcmp(from, to) == 0)
		return miz_fail(cause, _("national ID %s: the new ID is the same"), from);
	if (db_begin(db, cause) != 0)
		return -1;
	struct miz_client old, target;
	int found = client_get_by_nid(db, from, &old, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("no client with national ID %s"), from);
		db_rollback(db);
		return -1;
	}
	int merge = client_get_by_nid(db, to, &target, cause);
	char *why = xasprintf("%s → %s", from, to);
	int rc = merge < 0 ? -1 : note_cases(db, old.id, why, moved, cause);
	if (rc == 0 && merge > 0) {
		/* Its cases become the registered client's; its own row goes,
		 * its kept changes stay (client_history refers to no row). */
		rc = keep_change(db, old.id, from, "merged", from, to, cause) != 0 ||
		        keep_change(db, target.id, to, "merged", from, to, cause) != 0 ||
		        run_ids(db, "UPDATE cases SET client_id = ?1 WHERE client_id = ?2", target.id,
		            old.id, cause) != 0 ||
		        run_ids(db, "DELETE FROM client WHERE id = ?1 AND id <> ?2", old.id, target.id,
		            cause) != 0
		    ? -1
		    : 0;
	} else if (rc == 0) {
		rc = set_field(db, "UPDATE client SET national_id = ?1 WHERE id = ?2", to, old.id,
		         cause) != 0 ||
		        keep_change(db, old.id, to, "national_id", from, to, cause) != 0
		    ? -1
		    : 0;
	}
	free(why);
	client_free(&old);
	if (merge > 0)
		client_free(&target);
	if (rc != 0) {
		db_rollback(db);
		*moved = 0;
		return -1;
	}
	return db_commit(db, cause);
}

int
client_changes(struct miz_db *db, int64_t id, client_change_fn fn, void *arg, char **cause)
{
	/*
	 * A row is a client's by its id and the national ID it had then: ids of
	 * merged clients are used again by SQLite, and an ID corrected in place
	 * changes.  From the client as it is, back along each correction (its
	 * own 'national_id' rows) and each client merged into it (the other
	 * side of a 'merged' row), every (id, national ID) it was.
	 */
	struct store_stmt *st;
	if (store_prepare(db,
	        "WITH RECURSIVE was(cid, nid) AS ("
	        "  SELECT id, national_id FROM client WHERE id = ?1"
	        /* One recursive part (PostgreSQL allows no second): its own
	         * ID corrected, or merged from another client. */
	        "  UNION SELECT h.client_id, h.old FROM client_history h JOIN was"
	        "    ON h.new = was.nid AND ((h.field = 'national_id' AND h.client_id = was.cid)"
	        "    OR (h.field = 'merged' AND h.client_id <> was.cid AND h.national_id = h.old)))"
	        " SELECT h.at, coalesce(k.name, ''), h.field, h.old, h.new, s.name"
	        " FROM client_history h JOIN was ON h.client_id = was.cid AND h.national_id = "
	        "was.nid"
	        " LEFT JOIN clerk k ON k.id = h.clerk_id LEFT JOIN clerk s ON s.id = h.acted_by"
	        /* A merge is kept on both sides: shown once, on the side kept. */
	        " WHERE NOT (h.field = 'merged' AND h.national_id = h.old) ORDER BY h.id",
	        &st, cause) != 0)
		return -1;
	store_bind_int(st, 1, id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		char *who = !store_is_null(st, 5)
		    ? xasprintf(_("%s acting for %s"), store_text(st, 5), store_text(st, 1))
		    : xstrdup(store_text(st, 1));
		struct client_change ch = {
			store_text(st, 0),
			who,
			store_text(st, 2),
			store_text(st, 3),
			store_text(st, 4),
		};
		int stop = fn(&ch, arg);
		free(who);
		if (stop)
			break;
	}
	int ret = rc == STORE_ROW || rc == STORE_DONE ? 0 : db_fail(db, cause);
	store_finish(st);
	return ret;
}

/* Quotes a string as an FTS5 phrase: "..." with inner quotes doubled. */
static char *
fts_phrase(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 2 + 3);
	size_t o = 0;
	out[o++] = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			out[o++] = '"';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* Escapes LIKE wildcards with backslash. */
static char *
like_pattern(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 2 + 3);
	size_t o = 0;
	out[o++] = '%';
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '%';
	out[o] = '\0';
	return out;
}

int
client_find(struct miz_db *db, const char *query, int limit, int offset, client_visit_fn fn,
    void *arg, char **cause)
{
	char key[16];
	char *q = text_normalize(query, false);
	char *bound = NULL;
	const char *sql;
	int ndigits = collect_digits(q, key, sizeof key, true);
	int count = -1;

	if (*q == '\0') {
		miz_fail(cause, _("type a national ID, a mobile number or part of a name"));
		goto out;
	}
	if (ndigits > 0) {
		/* All digits: a national ID (checked first: it has a check digit)
		 * or else a mobile number. */
		char mob[12];
		char nid[NID_LEN + 1];
		if (client_nid_normalize(q, nid, NULL) == 0) {
			sql = "SELECT " CLIENT_COLUMNS " FROM client WHERE national_id = ?1"
			      " LIMIT ?2 OFFSET ?3";
			bound = xstrdup(nid);
		} else if (client_mobile_normalize(q, mob, NULL) == 0) {
			sql = "SELECT " CLIENT_COLUMNS " FROM client WHERE mobile = ?1"
			      " ORDER BY id LIMIT ?2 OFFSET ?3";
			bound = xstrdup(mob);
		} else {
			/* Neither: say what is wrong with it as a national ID. */
			client_nid_normalize(q, nid, cause);
			goto out;
		}
	} else if (text_width(q) >= 3 && strlen(q) >= 3 && !store_names_by_like(db)) {
		/* The trigram index answers substrings of three characters or more. */
		sql = "SELECT c.id, c.national_id, c.full_name, c.mobile, c.address"
		      " FROM client_name f JOIN client c ON c.id = f.rowid"
		      " WHERE client_name MATCH ?1 LIMIT ?2 OFFSET ?3";
		bound = fts_phrase(q);
	} else {
		sql = "SELECT " CLIENT_COLUMNS " FROM client WHERE full_name LIKE ?1 ESCAPE '\\'"
		      " ORDER BY id LIMIT ?2 OFFSET ?3";
		bound = like_pattern(q);
	}

	struct store_stmt *st;
	if (store_prepare(db, sql, &st, cause) != 0)
		goto out;
	store_bind_text(st, 1, bound);
	store_bind_int(st, 2, limit);
	store_bind_int(st, 3, offset);
	count = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct miz_client c;
		client_from_row(st, &c);
		count++;
		int stop = fn != NULL ? fn(&c, arg) : 0;
		client_free(&c);
		if (stop)
			break;
	}
	if (rc != STORE_ROW && rc != STORE_DONE)
		count = db_fail(db, cause);
	store_finish(st);
out:
	free(bound);
	free(q);
	return count;
}

void
client_query_parse(const char *typed, struct miz_query *q)
{
	char *norm = text_normalize(typed != NULL ? typed : "", false);
	char digits[TRACKING_LEN + 2];
	int ndigits = collect_digits(norm, digits, sizeof digits, true);
	memset(q, 0, sizeof *q);
	q->kind = QUERY_NAME;
	if (*norm == '\0') {
		q->kind = QUERY_EMPTY;
	} else if (ndigits >= 0) {
		size_t n = (size_t)ndigits;
		char code[TRACKING_LEN + 1], nid[NID_LEN + 1], mob[12];
		q->ndigits = n;
		enum tracking_check tc = n == TRACKING_LEN ? tracking_parse(norm, code) : TRACKING_SHORT;
		if (n == TRACKING_LEN && tc == TRACKING_OK) {
			q->kind = QUERY_TRACKING;
			q->text = xstrdup(code);
		} else if (n <= NID_LEN && n >= 8 && norm[0] != '+' &&
		    client_nid_normalize(norm, nid, n == NID_LEN ? NULL : &q->why) == 0) {
			/* Checked before a mobile: it has a check digit. */
			q->kind = QUERY_NID;
			q->text = xstrdup(nid);
		} else if (client_mobile_normalize(norm, mob, NULL) == 0) {
			/* +98 915 ... has 12 digits too. */
			free(q->why);
			q->why = NULL;
			q->kind = QUERY_MOBILE;
			q->text = xstrdup(mob);
		} else if (n == TRACKING_LEN) {
			q->kind = QUERY_TRACKING_BAD;
			q->why = xstrdup(tracking_check_message(tc));
		} else if (n == NID_LEN) {
			q->kind = QUERY_NID_BAD;
			client_nid_normalize(norm, nid, &q->why);
		} else if (n > TRACKING_LEN) {
			q->kind = QUERY_TOO_LONG;
		} else {
			q->kind = QUERY_PARTIAL; /* from 8 digits, why says what the ID lacks */
		}
	}
	if (q->text == NULL)
		q->text = xstrdup(norm);
	free(norm);
}

void
client_query_free(struct miz_query *q)
{
	free(q->text);
	free(q->why);
	q->text = q->why = NULL;
}
