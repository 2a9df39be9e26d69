/* Tracking codes with a Damm check digit. */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/tracking.h"

/* The Damm operation table: a totally anti-symmetric quasigroup of order 10. */
static const unsigned char damm_table[10][10] = {
	{ 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
	{ 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
	{ 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
	{ 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
	{ 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
	{ 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
	{ 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
	{ 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
	{ 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
	{ 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
};

int
tracking_damm(const char *digits, int len)
{
	int interim = 0;
	for (int i = 0; i < len; i++) {
		assert(digits[i] >= '0' && digits[i] <= '9');
		interim = damm_table[interim][digits[i] - '0'];
	}
	return interim;
}

void
tracking_make(int office, int64_t serial, char *buf)
{
	assert(office >= 0 && office <= TRACKING_OFFICE_MAX);
	assert(serial >= 0 && serial <= TRACKING_SERIAL_MAX);
	snprintf(buf, TRACKING_LEN + 1, "%03d%08lld", office, (long long)serial);
	buf[TRACKING_LEN - 1] = (char)('0' + tracking_damm(buf, TRACKING_LEN - 1));
	buf[TRACKING_LEN] = '\0';
}

enum tracking_check
tracking_parse(const char *text, char *buf)
{
	char *ascii = text_ascii_digits(text);
	int n = 0;
	enum tracking_check result = TRACKING_OK;

	for (const char *p = ascii; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n < TRACKING_LEN)
				buf[n] = *p;
			n++;
		} else if (*p != ' ' && *p != '-' && *p != '\t') {
			result = TRACKING_NOT_DIGITS;
			break;
		}
	}
	free(ascii);
	buf[n < TRACKING_LEN ? n : TRACKING_LEN] = '\0';
	if (result != TRACKING_OK)
		return result;
	if (n < TRACKING_LEN)
		return TRACKING_SHORT;
	if (n > TRACKING_LEN)
		return TRACKING_LONG;
	/* A valid Damm code checks to zero over all its digits. */
	if (tracking_damm(buf, TRACKING_LEN) != 0)
		return TRACKING_BAD_CHECK;
	return TRACKING_OK;
}

const char *
tracking_check_message(enum tracking_check c)
{
	switch (c) {
	case TRACKING_OK:
		return _("tracking code is valid");
	case TRACKING_SHORT:
		return _("tracking code is too short: it has 12 digits");
	case TRACKING_LONG:
		return _("tracking code is too long: it has 12 digits");
	case TRACKING_NOT_DIGITS:
		return _("tracking code has only digits");
	case TRACKING_BAD_CHECK:
		return _("check digit does not match: a digit was misread or two were swapped — "
		         "read the code again");
	}
	return "";
}

void
tracking_format(const char *code, char *buf)
{
	size_t len = strlen(code);
	if (len != TRACKING_LEN) {
		snprintf(buf, TRACKING_SHOWN, "%s", code);
		return;
	}
	snprintf(buf, TRACKING_SHOWN, "%.4s %.4s %.4s", code, code + 4, code + 8);
}
