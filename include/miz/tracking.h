/*
 * Tracking codes: 12 digits, read over the phone in groups of four.
 *
 *   OOO SSSSSSSS C
 *   office (3) + serial within the office (8) + Damm check digit (1)
 *
 * The Damm check digit catches every single-digit error and every
 * transposition of adjacent digits.
 */
#ifndef MIZ_TRACKING_H
#define MIZ_TRACKING_H

#include <stdbool.h>
#include <stdint.h>

#define TRACKING_LEN 12
#define TRACKING_OFFICE_MAX 999
#define TRACKING_SERIAL_MAX 99999999LL

/* Damm check digit of a string of ASCII digits. */
int tracking_damm(const char *digits, int len);

/* Writes the 12-digit code for (office, serial) into buf (13 bytes). */
void tracking_make(int office, int64_t serial, char *buf);

/* Result of reading a code a person typed. */
enum tracking_check {
	TRACKING_OK,
	TRACKING_SHORT, /* fewer than 12 digits so far */
	TRACKING_LONG, /* more than 12 digits */
	TRACKING_NOT_DIGITS, /* a character that is not a digit, space or dash */
	TRACKING_BAD_CHECK, /* 12 digits whose check digit does not match */
};

/*
 * Normalises typed input (Persian/Arabic digits, spaces, dashes) into buf
 * (at least 13 bytes, holds up to 12 digits) and checks it.
 */
enum tracking_check tracking_parse(const char *text, char *buf /* OUT */);

/* A message for the clerk about a code that did not check. */
const char *tracking_check_message(enum tracking_check c);

/* Room for any code as shown: imported codes are kept whole (up to 32 characters). */
#define TRACKING_SHOWN 160

/* Writes the code grouped for reading aloud ("0010 0000 0423"); a code that
 * is not 12 digits (an imported one) is written as it is. */
void tracking_format(const char *code, char *buf /* OUT, TRACKING_SHOWN bytes */);

#endif
