/* The office's settings: what each one takes, checked in one place. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "miz/i18n.h"
#include "miz/setting.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

/* SMS templates may be a little longer than one SMS: the panel splits them. */
#define SMS_TEMPLATE_MAX 300

static const struct miz_setting settings[] = {
	{ "office_number", SETTING_NUMBER, 0, 999, { NULL, NULL }, 0,
	    N_("office number in tracking codes (0-999, default 1)") },
	{ "office_name", SETTING_TEXT, 0, 0, { NULL, NULL }, TEXT_MAX_TITLE,
	    N_("office name printed on receipts") },
	{ "notice_days", SETTING_NUMBER, 0, 365, { NULL, NULL }, 0,
	    N_("working days a client has to bring missing documents (default 10)") },
	{ "calendar", SETTING_WORD, 0, 0, { "jalali", "gregorian" }, 0,
	    N_("dates on the desk: jalali or gregorian (default: jalali in a fa_IR locale)") },
	{ "digits", SETTING_WORD, 0, 0, { "persian", "latin" }, 0,
	    N_("numbers on the desk and on paper: persian or latin (default: persian in a "
	       "Persian interface)") },
	{ "backup_keep", SETTING_NUMBER, 1, 10000, { NULL, NULL }, 0,
	    N_("backups miz backup keeps in a folder (1-10000, default 14)") },
	{ "backdate_days", SETTING_NUMBER, 0, 60, { NULL, NULL }, 0,
	    N_("days back a supervisor may date work with --today (0-60, default 3)") },
	{ "export_bom", SETTING_WORD, 0, 0, { "yes", "no" }, 0,
	    N_("yes: every CSV export and report starts with a UTF-8 BOM (for Excel; default: "
	       "yes in a Persian interface)") },
	{ "sms_opened", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS when a case is opened with its promise ({code}, {date}, {office}; empty: "
	       "the built-in text)") },
	{ "sms_notice", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS for a deficiency notice ({code}, {date}: the deadline, {missing}, {office})") },
	{ "sms_complete", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS when the file becomes complete ({code}, {date}: the promise, {office})") },
	{ "sms_ready", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS when the case is ready for pickup ({code}, {office})") },
	{ "sms_delivered", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS at delivery ({code}, {office})") },
	{ "sms_promise", SETTING_TEXT, 0, 0, { NULL, NULL }, SMS_TEMPLATE_MAX,
	    N_("SMS when a change of the calendar moves the promise ({code}, {date}, {office})") },
};

size_t
setting_count(void)
{
	return sizeof settings / sizeof settings[0];
}

const struct miz_setting *
setting_at(size_t i)
{
	return i < setting_count() ? &settings[i] : NULL;
}

const struct miz_setting *
setting_find(const char *key)
{
	for (size_t i = 0; key != NULL && i < setting_count(); i++) {
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	}
	return NULL;
}

char *
setting_value(const struct miz_setting *s, const char *typed, char **cause)
{
	const char *in = typed != NULL ? typed : "";
	switch (s->kind) {
	case SETTING_NUMBER: {
		long long v;
		if (text_parse_int(in, s->min, s->max, &v) != 0) {
			miz_fail(cause, _("%s must be a number from %ld to %ld"), s->key, s->min,
			    s->max);
			return NULL;
		}
		return xasprintf("%lld", v);
	}
	case SETTING_WORD: {
		char *word = text_normalize(in, false);
		int found = -1;
		for (int i = 0; i < 2 && found < 0; i++) {
			if (text_eq(word, s->words[i]))
				found = i;
		}
		free(word);
		if (found >= 0)
			return xstrdup(s->words[found]);
		miz_fail(cause, _("%s must be %s or %s"), s->key, s->words[0], s->words[1]);
		return NULL;
	}
	case SETTING_TEXT:
		if (text_check(in, s->key, s->max_letters, false, cause) != 0)
			return NULL;
		return text_normalize(in, false);
	}
	miz_fail(cause, _("unknown setting '%s': see miz setting"), s->key);
	return NULL;
}

int
setting_set(struct miz_db *db, const char *key, const char *typed, char **cause)
{
	const struct miz_setting *s = setting_find(key);
	if (s == NULL)
		return miz_fail(cause, _("unknown setting '%s': see miz setting"), key);
	char *v = setting_value(s, typed, cause);
	if (v == NULL)
		return -1;
	int rc = db_setting_set(db, key, v, cause);
	free(v);
	return rc;
}
