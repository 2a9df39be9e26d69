/* The short new-client form: the national ID is checked as it is typed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "miz/client.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

enum { F_NID, F_NAME, F_MOBILE, F_ADDRESS };

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

struct screen *
client_form_new(struct tui *t, const char *national_id, const char *name)
{
	struct form *f = form_new(t, _("New client"), save);
	form_add(f, _("National ID"), national_id, 14, check_nid, true,
	    _("10 digits, as on the national card"));
	form_add(f, _("Full name"), name, TEXT_MAX_NAME, NULL, true,
	    _("Persian letters; as on the card"));
	form_add(f, _("Mobile"), NULL, 20, check_mobile, false, _("09XXXXXXXXX (optional)"));
	form_add(f, _("Address"), NULL, TEXT_MAX_ADDRESS, NULL, false, _("optional"));
	f->focus = national_id != NULL ? F_NAME : F_NID;
	return &f->s;
}
