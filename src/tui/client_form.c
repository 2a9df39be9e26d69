/* The short new-client form: the national ID is checked as it is typed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/outbox.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

enum { F_NID, F_NAME, F_MOBILE, F_ADDRESS, F_SMS };

/* The client's consent to SMS as typed: 1 yes, 0 no, -1 neither. */
static int
sms_answer(const char *text)
{
	if (text_eq(text, "yes") || text_eq(text, "بله") || text_eq(text, _("yes")))
		return 1;
	if (text_eq(text, "no") || text_eq(text, "خیر") || text_eq(text, _("no")))
		return 0;
	return -1;
}

static char *
check_sms(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	return sms_answer(text) < 0 ? xasprintf(_("%s or %s"), _("yes"), _("no")) : NULL;
}

static char *
check_nid(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	char nid[NID_LEN + 1];
	char *cause = NULL;
	if (client_nid_normalize(text, nid, &cause) != 0)
		return cause;
	return NULL;
}

static char *
check_mobile(struct form *f, int field, const char *text)
{
	(void)f;
	(void)field;
	char mob[12];
	char *cause = NULL;
	if (client_mobile_normalize(text, mob, &cause) != 0)
		return cause;
	return NULL;
}

static int
save(struct tui *t, struct form *f, char **cause, int *bad)
{
	char *nid = form_text(f, F_NID), *name = form_text(f, F_NAME);
	char *mobile = form_text(f, F_MOBILE), *address = form_text(f, F_ADDRESS);
	struct miz_client c;
	int ret = client_add(t->db, nid, name, mobile, address, &c, cause);
	if (ret != 0) {
		/* Point at the field the message is about (the checks, not the
		 * wording, decide: the message may be translated). */
		char d[NID_LEN + 1], m[12];
		char *n = text_normalize(name, false);
		if (client_nid_normalize(nid, d, NULL) != 0)
			*bad = F_NID;
		else if (*n == '\0')
			*bad = F_NAME;
		else if (*mobile != '\0' && client_mobile_normalize(mobile, m, NULL) != 0)
			*bad = F_MOBILE;
		else
			*bad = F_NID; /* already registered */
		free(n);
	} else {
		int64_t id = c.id;
		tui_info(t, _("Client %s registered."), c.full_name);
		client_free(&c);
		/* Straight on to the service: the form's job is done. */
		tui_swap(t, f->s.below, client_new(t, id));
	}
	free(nid);
	free(name);
	free(mobile);
	free(address);
	return ret;
}

/* Saves the corrections; the form stays, the field named, when one is refused. */
static int
save_edit(struct tui *t, struct form *f, char **cause, int *bad)
{
	char *name = form_text(f, F_NAME), *mobile = form_text(f, F_MOBILE);
	char *address = form_text(f, F_ADDRESS), *sms = form_text(f, F_SMS);
	int changed;
	int ret = client_edit(t->db, f->id, name, mobile, address, sms_answer(sms), &changed, cause);
	free(sms);
	if (ret != 0) {
		char m[12];
		char *n = text_normalize(name, false);
		if (*n == '\0' || text_check(name, "", TEXT_MAX_NAME, false, NULL) != 0)
			*bad = F_NAME;
		else if (*mobile != '\0' && client_mobile_normalize(mobile, m, NULL) != 0)
			*bad = F_MOBILE;
		else
			*bad = F_ADDRESS;
		free(n);
	} else {
		tui_pop(t);
		if (changed > 0)
			tui_info(t, _("Client record corrected (kept in the client's history)."));
		else
			tui_info(t, _("Nothing changed."));
	}
	free(name);
	free(mobile);
	free(address);
	return ret;
}

struct screen *
client_edit_form_new(struct tui *t, int64_t client_id)
{
	struct miz_client c;
	char *cause = NULL;
	int found = client_get(t->db, client_id, &c, &cause);
	if (found <= 0) {
		if (found == 0)
			tui_error(t, _("This client is no longer on record."));
		else
			tui_cause(t, cause);
		return NULL;
	}
	struct form *f = form_new(t, _("Edit client"), save_edit);
	f->id = client_id;
	form_add(f, _("National ID"), c.national_id, 14, NULL, true,
	    _("a supervisor corrects a wrong ID: miz client nid"));
	form_add(f, _("Full name"), c.full_name, TEXT_MAX_NAME, NULL, true,
	    _("as on the national card"));
	form_add(f, _("Mobile"), c.mobile, 20, check_mobile, false, _("09XXXXXXXXX (optional)"));
	form_add(f, _("Address"), c.address, TEXT_MAX_ADDRESS, NULL, false, _("optional"));
	bool sms = true;
	outbox_client_consents(t->db, client_id, &sms, NULL);
	form_add(f, _("SMS"), sms ? _("yes") : _("no"), 8, check_sms, true,
	    _("yes: the client is told of the case by SMS; no: the client said no"));
	form_lock(f, F_NID, _("a supervisor corrects a wrong ID: miz client nid"));
	f->focus = F_NAME;
	client_free(&c);
	return &f->s;
}

struct screen *
client_form_new(struct tui *t, const char *national_id, const char *name)
{
	struct form *f = form_new(t, _("New client"), save);
	form_add(f, _("National ID"), national_id, 14, check_nid, true,
	    _("10 digits, as on the national card"));
	form_add(f, _("Full name"), name, TEXT_MAX_NAME, NULL, true,
	    _("as on the national card"));
	form_add(f, _("Mobile"), NULL, 20, check_mobile, false, _("09XXXXXXXXX (optional)"));
	form_add(f, _("Address"), NULL, TEXT_MAX_ADDRESS, NULL, false, _("optional"));
	f->focus = national_id != NULL ? F_NAME : F_NID;
	return &f->s;
}
