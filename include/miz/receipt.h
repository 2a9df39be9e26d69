/*
 * What the client takes away, as UTF-8 text: the receipt of a complete
 * file, the deficiency notice, and a service's guide card.  The same text is
 * shown on screen, printed, and written to files.
 */
#ifndef MIZ_RECEIPT_H
#define MIZ_RECEIPT_H

#include <stdbool.h>

#include "miz/case.h"
#include "miz/catalog.h"

/* How dates are written: the chosen calendar first, the other beside it. */
struct receipt_style {
	bool jalali;
	const char *office_name; /* may be NULL or "" */
};

/* Receipt of a case in progress (or later); a new string. */
char *receipt_text(const struct miz_case *c, const struct receipt_style *style);
/* The deficiency notice of a case waiting for documents (the last notice); a new string. */
char *receipt_notice_text(const struct miz_case *c, const struct receipt_style *style);
/* The receipt or the notice, whichever fits the case's status. */
char *receipt_for_case(const struct miz_case *c, const struct receipt_style *style);
/* A service's guide card: steps, documents, duration, fee, department, officer. */
char *receipt_guide_text(const struct miz_service *s, const struct receipt_style *style);

/* Formats a day in the chosen calendar ("1405/09/15" or "2026-12-06"); buf >= 11. */
void receipt_format_day(miz_day day, bool jalali, char *buf);

#endif
