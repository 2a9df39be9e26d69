/* UTF-8 text helpers: Persian normalisation and cell widths. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "miz/text.h"
#include "miz/xmalloc.h"

/* Decodes one UTF-8 character at s; returns its length, or 0 if invalid. */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		uint32_t c = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		*cp = c;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
	    (s[3] & 0xc0) == 0x80) {
		uint32_t c = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
		    ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		if (c < 0x10000 || c > 0x10ffff)
			return 0;
		*cp = c;
		return 4;
	}
	return 0;
}

/* Appends the UTF-8 encoding of cp at out; returns bytes written. */
static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* White space for normalisation: ASCII space and controls, NBSP and friends. */
static int
is_space(uint32_t cp, bool multiline)
{
	if (cp == '\n' || cp == '\r')
		return multiline ? 2 : 1;
	return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xa0 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* True when ASCII text needs no normalising: no control characters, no
 * white space at the ends, no runs of it inside. */
static bool
clean_ascii(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	if (*p == ' ')
		return false;
	for (; p[n] != '\0'; n++) {
		if (p[n] >= 0x80 || p[n] < 0x20 || p[n] == 0x7f)
			return false;
		if (p[n] == ' ' && (p[n + 1] == ' ' || p[n + 1] == '\0'))
			return false;
	}
	*len = n;
	return true;
}

char *
text_normalize(const char *in, bool multiline)
{
	size_t len;
	/* Most fields of an import are plain ASCII already: a copy will do. */
	if (clean_ascii(in, &len)) {
		char *copy = xmalloc(len + 1);
		memcpy(copy, in, len + 1);
		return copy;
	}
	len = strlen(in);
	char *out = xmalloc(len + 1);
	size_t o = 0;
	int pending = 0; /* 1: a space is due, 2: a newline is due */
	const unsigned char *s = (const unsigned char *)in;

	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0) { /* keep a stray byte as it is */
			cp = 0xfffd;
			n = 1;
		}
		int sp = is_space(cp, multiline);
		if (sp) {
			if (sp > pending)
				pending = sp;
			s += n;
			continue;
		}
		if (pending && o > 0)
			out[o++] = pending == 2 ? '\n' : ' ';
		pending = 0;
		if (cp == 0x064a || cp == 0x0649) /* Arabic yeh, alef maksura */
			cp = 0x06cc;
		else if (cp == 0x0643) /* Arabic kaf */
			cp = 0x06a9;
		if (cp == 0xfffd && n == 1)
			out[o++] = (char)*s;
		else
			o += utf8_encode(cp, out + o);
		s += n;
	}
	out[o] = '\0';
	return out;
}

char *
text_ascii_digits(const char *in)
{
	size_t len = strlen(in);
	char *out = xmalloc(len + 1);
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)in;

	while (*s != '\0') {
		if (s[0] == 0xdb && s[1] >= 0xb0 && s[1] <= 0xb9) { /* U+06F0..U+06F9 */
			out[o++] = (char)('0' + (s[1] - 0xb0));
			s += 2;
		} else if (s[0] == 0xd9 && s[1] >= 0xa0 && s[1] <= 0xa9) { /* U+0660..U+0669 */
			out[o++] = (char)('0' + (s[1] - 0xa0));
			s += 2;
		} else {
			out[o++] = (char)*s++;
		}
	}
	out[o] = '\0';
	return out;
}

bool
text_valid_utf8(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0)
			return false;
		s += n;
	}
	return true;
}

/* Cell width of one code point; control characters and bad bytes count one. */
static int
cp_width(uint32_t cp)
{
	if (cp == 0x200c || cp == 0x200d) /* ZWNJ / ZWJ are common in Persian */
		return 0;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
text_width(const char *in)
{
	int w = 0;
	const unsigned char *s = (const unsigned char *)in;
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0) {
			w++;
			s++;
			continue;
		}
		w += cp_width(cp);
		s += n;
	}
	return w;
}

char *
text_fit(const char *in, int cells, bool pad)
{
	if (cells < 0)
		cells = 0;
	size_t len = strlen(in);
	char *out = xmalloc(len + (size_t)cells + 1);
	size_t o = 0;
	int w = 0;
	const unsigned char *s = (const unsigned char *)in;

	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		int cw = n == 0 ? 1 : cp_width(cp);
		if (n == 0)
			n = 1;
		if (w + cw > cells)
			break;
		memcpy(out + o, s, n);
		o += n;
		w += cw;
		s += n;
	}
	while (pad && w < cells) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
	return out;
}

/* True when exactly three digits follow, then the end or another separator. */
static bool
group3(const unsigned char *s)
{
	for (int i = 0; i < 3; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return s[3] == '\0' || s[3] == ',' || s[3] == ' ' || s[3] == '\t' ||
	    (s[3] == 0xd9 && s[4] == 0xac);
}

int
text_parse_int(const char *in, long long min, long long max, long long *out)
{
	char *ascii = text_ascii_digits(in);
	const unsigned char *s = (const unsigned char *)ascii;
	long long v = 0;
	int digits = 0;
	int neg = 0;
	int ret = -1;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (v > (LLONG_MAX - 9) / 10)
				goto out;
			v = v * 10 + (*s - '0');
			digits++;
		} else if (*s == ',' && digits > 0 && group3(s + 1)) {
			continue;
		} else if (s[0] == 0xd9 && s[1] == 0xac && digits > 0 &&
		    group3(s + 2)) { /* U+066C */
			s++;
		} else {
			break;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0' || digits == 0)
		goto out;
	if (neg)
		v = -v;
	if (v < min || v > max)
		goto out;
	*out = v;
	ret = 0;
out:
	free(ascii);
	return ret;
}

bool
text_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}
