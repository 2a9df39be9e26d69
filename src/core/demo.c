/*
 * The demo: a few clients and a month's cases in every state, ending today,
 * written through the same actions a clerk uses (so the history, the
 * seals and the outbox are as real as the rest).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "miz/case.h"
#include "miz/catalog.h"
#include "miz/clerk.h"
#include "miz/client.h"
#include "miz/demo.h"
#include "miz/i18n.h"
#include "miz/xmalloc.h"

/* Demo clients: base digits of a national ID (the check digit is computed). */
static const struct {
	const char *nid9;
	const char *name;
	const char *mobile;
} demo_clients[] = {
	{ "008123456", "محمدرضا کریمی", "09151234567" },
	{ "064318290", "زهرا احمدی", "09153456789" },
	{ "092115730", "علی‌اکبر رضایی", "09121112233" },
	{ "087349216", "فاطمه حسینی‌نژاد", "09359876543" },
	{ "094512387", "حسن موسوی", "" },
	{ "009876543", "مریم صادقی", "09157778899" },
	{ "071234598", "شرکت صنایع غذایی توس (نماینده: رضا نوری)", "09150001122" },
	{ "086745123", "سعید جعفری", "09131234567" },
};

/* Appends the national ID check digit to 9 digits. */
static void
nid_complete(const char *nine, char *out)
{
	int s = 0;
	for (int i = 0; i < 9; i++)
		s += (nine[i] - '0') * (10 - i);
	int r = s % 11;
	memcpy(out, nine, 9);
	out[9] = (char)('0' + (r < 2 ? r : 11 - r));
	out[10] = '\0';
}

/* Ticks the first `n` checklist items (all when n < 0) and opens a case. */
static int
demo_open(struct miz_db *db, int64_t client, const char *service, int n, miz_day day, char *code,
    char **cause)
{
	struct miz_service s;
	int found = catalog_get_service(db, service, &s, cause);
	if (found <= 0) {
		if (found == 0)
			miz_fail(cause, _("the demo needs sample service %s"), service);
		return -1;
	}
	size_t k = n < 0 || (size_t)n > s.ndocs ? s.ndocs : (size_t)n;
	int64_t *ids = xcalloc(k + 1, sizeof *ids);
	for (size_t i = 0; i < k; i++)
		ids[i] = s.docs[i].id;
	int ret = case_open(db, client, service, ids, k, day, code, NULL, cause);
	free(ids);
	catalog_service_free(&s);
	return ret;
}

/* Sets the clock to `day` for the demo's next step; returns the day. */
static miz_day
at(struct miz_db *db, miz_day day)
{
	clerk_fix_clock(db, day);
	return day;
}

/* The first six service codes of the catalog (it lists them by code). */
struct first_codes {
	char *codes[6];
	size_t n;
};

static int
take_code(const struct miz_service *s, void *arg)
{
	struct first_codes *fc = arg;
	fc->codes[fc->n++] = xstrdup(s->code);
	return fc->n == 6;
}

/* Creates a few clients and cases in every state, dated around today. */
static int
load_demo(struct miz_db *db, miz_day today, char **cause)
{
	/* A supervisor's, asked before anything is written. */
	if (clerk_require_supervisor(db, _("write the demo cases"), cause) != 0)
		return -1;
	/* Services by position in the sample catalog, whatever their codes. */
	struct first_codes fc = { { NULL }, 0 };
	if (catalog_find_services(db, "", take_code, &fc, cause) < 0)
		return -1;
	char **codes = fc.codes;
	size_t ncodes = fc.n;
	int ret = -1;
	if (ncodes < 3) {
		miz_fail(cause, _("the demo needs the sample catalog: use --sample"));
		goto out;
	}

	/* Then the clients (those of an earlier demo are used again). */
	int64_t ids[sizeof demo_clients / sizeof demo_clients[0]];
	for (size_t i = 0; i < sizeof demo_clients / sizeof demo_clients[0]; i++) {
		char nid[11];
		struct miz_client c;
		nid_complete(demo_clients[i].nid9, nid);
		int found = client_get_by_nid(db, nid, &c, cause);
		if (found < 0)
			goto out;
		if (found == 0 &&
		    client_add(
		        db, nid, demo_clients[i].name, demo_clients[i].mobile, "", &c, cause) != 0)
			goto out;
		ids[i] = c.id;
		client_free(&c);
	}
	char code[16];
	int64_t id;
	/* The demo tells a month's story ending today, with the clock set to
	 * each step's day while it is written (at). */
	/* Complete files opened in the past weeks, moved along. */
	if (demo_open(db, ids[0], codes[0], -1, at(db, today - 20), code, cause) != 0 ||
	    case_find_code(db, code, &id, cause) != 0 ||
	    case_set_status(db, id, ST_READY, NULL, 0, NULL, at(db, today - 3), NULL, cause) != 0 ||
	    case_set_status(db, id, ST_DELIVERED, NULL, 5, "با تشکر از پیگیری", at(db, today - 1),
	        NULL, cause) != 0)
		goto out;
	if (demo_open(db, ids[1], codes[1], -1, at(db, today - 12), code, cause) != 0 ||
	    case_find_code(db, code, &id, cause) != 0)
		goto out;
	{
		struct miz_case c;
		if (case_load(db, id, &c, cause) != 0)
			goto out;
		int rc = case_refer(db, id, c.service.department, c.service.officer, today - 2,
		    "بررسی نقشه‌ها", at(db, today - 10), NULL, cause);
		case_free(&c);
		if (rc != 0)
			goto out;
	}
	if (demo_open(db, ids[2], codes[2], -1, at(db, today - 30), code, cause) != 0 ||
	    demo_open(db, ids[3], codes[0], 1, at(db, today - 4), code, cause) != 0 ||
	    demo_open(db, ids[4], codes[1], 2, at(db, today), code, cause) != 0 ||
	    demo_open(db, ids[5], codes[2], -1, at(db, today), code, cause) != 0 ||
	    demo_open(db, ids[6], codes[ncodes > 3 ? 3 : 0], -1, at(db, today - 6), code, cause) !=
	        0 ||
	    case_find_code(db, code, &id, cause) != 0 ||
	    case_set_status(db, id, ST_READY, NULL, 0, NULL, at(db, today - 1), NULL, cause) != 0 ||
	    demo_open(db, ids[7], codes[ncodes > 4 ? 4 : 1], 0, at(db, today - 8), code, cause) !=
	        0 ||
	    case_find_code(db, code, &id, cause) != 0 ||
	    case_set_status(db, id, ST_WITHDRAWN, "متقاضی از درخواست انصراف داد", 0, NULL,
	        at(db, today - 5), NULL, cause) != 0)
		goto out;
	ret = 0;
out:
	clerk_unfix_clock(db);
	for (size_t i = 0; i < ncodes; i++)
		free(codes[i]);
	return ret;
}

int
demo_load(struct miz_db *db, miz_day today, char **cause)
{
	/* Only once: a database that already has cases is left alone. */
	int n = case_list(db, ST__COUNT, 0, 1, 0, NULL, NULL, cause);
	if (n < 0)
		return -1;
	return n > 0 ? 0 : load_demo(db, today, cause);
}
