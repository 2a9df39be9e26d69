/* UTF-8 text: normalisation of Persian input and widths in terminal cells. */
#ifndef MIZ_TEXT_H
#define MIZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Normalises free text: Arabic yeh/kaf become Persian (ي→ی, ى→ی, ك→ک),
 * Persian and Arabic-Indic digits are kept, leading and trailing white
 * space is removed and inner runs of white space (including ZWNJ-free
 * space runs and newlines when `multiline` is false) collapse to one space.
 * Returns a new string.
 */
char *text_normalize(const char *in, bool multiline);
/* Returns a new string with Persian and Arabic-Indic digits made ASCII. */
char *text_ascii_digits(const char *in);
/* True when s is valid UTF-8. */
bool text_valid_utf8(const char *s);
/* Width of s in terminal cells (invalid bytes count one cell each). */
int text_width(const char *s);
/*
 * Copies at most `cells` cells of s into a new string, never splitting a
 * character; when `pad` is true the result is padded with spaces to exactly
 * `cells` cells.
 */
char *text_fit(const char *s, int cells, bool pad);
/*
 * Parses a whole number as typed: Persian/Arabic digits, surrounding
 * spaces and thousands separators (',' '٬') accepted.  Returns 0, or -1
 * when the text is not a number in [min, max].
 */
int text_parse_int(const char *in, long long min, long long max, long long *out /* OUT */);
/* Case-insensitive ASCII comparison helper for keywords. */
bool text_eq(const char *a, const char *b);

#endif
