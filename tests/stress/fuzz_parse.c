/* libFuzzer target: what a clerk types that is parsed (dates, tracking
 * codes, national IDs, mobiles, numbers) on any bytes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "miz/calendar.h"
#include "miz/client.h"
#include "miz/text.h"
#include "miz/tracking.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	char *cause = NULL;
	miz_day d;
	if (cal_parse(s, &d, &cause) != 0)
		free(cause), cause = NULL;
	unsigned mask;
	if (cal_parse_weekdays(s, &mask, &cause) != 0)
		free(cause), cause = NULL;
	char code[64];
	(void)tracking_parse(s, code);
	char nid[16], mob[16];
	if (client_nid_normalize(s, nid, &cause) != 0)
		free(cause), cause = NULL;
	if (client_mobile_normalize(s, mob, &cause) != 0)
		free(cause), cause = NULL;
	long long v;
	(void)text_parse_int(s, -1000000, 1000000, &v);
	char shown[TRACKING_SHOWN];
	if (size < 33) {
		tracking_format(s, shown);
	}
	free(s);
	return 0;
}
