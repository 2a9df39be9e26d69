/* UTF-8 text helpers: Persian normalisation, cell widths, display order (FriBidi). */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <fribidi.h>

#include "miz/i18n.h"
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

char *
text_cells(const char *in, int skip, int cells)
{
	const unsigned char *s = (const unsigned char *)in;
	int w = 0, lead = 0;
	if (cells < 0)
		cells = 0;
	while (*s != '\0' && w < skip) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		int cw = n == 0 ? 1 : cp_width(cp);
		s += n == 0 ? 1 : n;
		w += cw;
	}
	/* Half of a wide character is a blank; marks belong to what was skipped. */
	if (w > skip)
		lead = w - skip;
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0 || cp_width(cp) != 0)
			break;
		s += n;
	}
	if (lead > cells)
		lead = cells;
	char *rest = text_fit((const char *)s, cells - lead, true);
	char *out = xasprintf("%*s%s", lead, "", rest);
	free(rest);
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

/* --- display order ------------------------------------------------------- */

/* Bidi controls: a cell is its own paragraph, so the data's own are dropped. */
static bool
is_bidi_control(uint32_t c)
{
	return c == 0x200e || c == 0x200f || c == 0x061c || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/* Characters never sent to the terminal: joiners and marks whose work ends
 * with shaping and reordering, and the fill FriBidi leaves after a lam-alef. */
static bool
is_invisible(uint32_t c)
{
	return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || c == 0x061c || c == 0x00ad;
}

/* Cells a shaped character takes on screen. */
static int
shown_width(uint32_t c)
{
	if (is_invisible(c))
		return 0;
	int w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : w;
}

static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x06f0 && c <= 0x06f9) ||
	    (c >= 0x0660 && c <= 0x0669);
}

/* What may stand alone between two digits of one number: dates, phones,
 * amounts, the groups of a tracking code. */
static bool
is_number_sep(uint32_t c)
{
	return c == '-' || c == '/' || c == ':' || c == '.' || c == ',' || c == ' ' ||
	    c == 0x00a0 || c == 0x066b || c == 0x066c;
}

/* True for a letter written left to right (Latin): a digit beside one is
 * part of its word ("F2", "3rd") and stays with it. */
static bool
is_ltr_letter(uint32_t c)
{
	return fribidi_get_bidi_type(c) == FRIBIDI_TYPE_LTR;
}

/* End (exclusive) of the number that starts at i, or i when none does. */
static int
number_end(const uint32_t *s, int n, int i)
{
	int j = i;
	if (i > 0 && is_digit(s[i - 1]))
		return i;
	/* After a Latin word ("B-14", "ISO 9001", "v1.2") the number is that
	 * word's: the bidi algorithm keeps them together, an isolate would not. */
	for (int k = i - 1; k >= 0; k--) {
		FriBidiCharType t = fribidi_get_bidi_type(s[k]);
		if (t == FRIBIDI_TYPE_LTR)
			return i;
		if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
			break;
	}
	if ((s[j] == '-' || s[j] == '+') && j + 1 < n && is_digit(s[j + 1]) &&
	    (j == 0 || s[j - 1] == ' ' || s[j - 1] == '('))
		j++;
	if (!is_digit(s[j]))
		return i;
	while (j < n) {
		if (is_digit(s[j]))
			j++;
		else if (is_number_sep(s[j]) && j + 1 < n && is_digit(s[j + 1]))
			j++;
		else
			break;
	}
	if (j < n && (s[j] == '%' || s[j] == 0x066a))
		j++;
	if (j < n && is_ltr_letter(s[j]))
		return i;
	return j;
}

/* Decodes s into code points, one per character (a bad byte is U+FFFD);
 * controls become spaces.  Returns the count; *out is new. */
static int
decode_cell(const char *in, uint32_t **out)
{
	size_t len = strlen(in);
	uint32_t *u = xreallocarray(NULL, len + 1, sizeof *u);
	int n = 0;
	const unsigned char *s = (const unsigned char *)in;
	while (*s != '\0') {
		uint32_t cp;
		size_t k = utf8_decode(s, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
		    cp == 0x2029)
			cp = ' ';
		u[n++] = cp;
		s += k;
	}
	*out = u;
	return n;
}

static bool
is_digit_any(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x06f0 && c <= 0x06f9);
}

/*
 * True when the '.' at i is a decimal point: digits on both sides, and no
 * other point or separator joined to the digits around it (an address
 * 10.0.0.1, a version 2.0.1 or a date 1405.09.14 keeps its full stops).
 */
static bool
one_point(const uint32_t *s, int start, int end, int i)
{
	if (i <= start || i + 1 >= end || !is_digit_any(s[i - 1]) || !is_digit_any(s[i + 1]))
		return false;
	int a = i - 1, b = i + 1;
	while (a > start && is_digit_any(s[a - 1]))
		a--;
	while (b + 1 < end && is_digit_any(s[b + 1]))
		b++;
	/* A point joined to another digit run, not a full stop after a number. */
	bool dot_before =
	    a - 2 >= start && (s[a - 1] == '.' || s[a - 1] == 0x066b) && is_digit_any(s[a - 2]);
	bool dot_after = b + 2 < end && s[b + 1] == '.' && is_digit_any(s[b + 2]);
	return !dot_before && !dot_after;
}

/* Persian digits for ASCII ones, except inside a word with Latin letters
 * ("A12", "F2"): those are Latin words and keep their digits. */
static void
persian_digits(uint32_t *s, int n)
{
	int start = 0;
	while (start < n) {
		int end = start;
		bool latin = false;
		while (end < n && s[end] != ' ') {
			if ((s[end] >= 'A' && s[end] <= 'Z') || (s[end] >= 'a' && s[end] <= 'z'))
				latin = true;
			end++;
		}
		for (int i = start; i < end && !latin; i++) {
			if (s[i] >= '0' && s[i] <= '9')
				s[i] = 0x06f0 + (s[i] - '0');
			/* A thousands comma between digits: the Persian separator. */
			else if (s[i] == ',' && i > start && i + 1 < end &&
			    ((s[i - 1] >= 0x06f0 && s[i - 1] <= 0x06f9) ||
			        (s[i - 1] >= '0' && s[i - 1] <= '9')) &&
			    s[i + 1] >= '0' && s[i + 1] <= '9')
				s[i] = 0x066c;
			/* A decimal point between digits, and a percent after a
			 * digit: the Persian signs, since a point beside ۰ (itself a
			 * dot) reads as another zero. */
			else if (s[i] == '.' && one_point(s, start, end, i))
				s[i] = 0x066b;
			else if (s[i] == '%' && i > start && is_digit_any(s[i - 1]))
				s[i] = 0x066a;
		}
		start = end + 1;
	}
}

/* One cell laid out: the visual string and where each character went. */
struct layout {
	char *out;
	int width; /* cells of text, no padding */
	int caret; /* cell of the caret, or -1 */
};

/*
 * The caret's cell from the visual cell and level of its neighbour: after a
 * letter that runs the paragraph's way the next one goes beyond it (left of
 * a right-to-left letter, right of a left-to-right one); after one that runs
 * against it, the next letter takes its cell and pushes it on.
 */
static int
caret_cell(int x, int w, FriBidiLevel level, bool after, bool par_rtl)
{
	bool rtl = (level & 1) != 0;
	if (after && rtl != par_rtl)
		return rtl ? x : x + w - 1;
	if (after)
		return rtl ? x - 1 : x + w;
	return rtl ? x + w - 1 : x;
}

/*
 * Lays out n code points (logical order) as one paragraph.  Returns the
 * visual text; *widths (new, n entries) gets each character's width after
 * shaping, in logical order, for cutting.
 */
static void
lay_out(const uint32_t *src, int n, const struct text_look *look, int caret, int **widths,
    struct layout *L)
{
	/* Internal text: the source without bidi controls, numbers isolated. */
	int cap = 3 * n + 1;
	FriBidiChar *u = xreallocarray(NULL, (size_t)cap, sizeof *u);
	int *at = xreallocarray(NULL, (size_t)n + 1, sizeof *at); /* source -> internal */
	int m = 0;
	for (int i = 0; i < n;) {
		int end = number_end(src, n, i);
		if (end > i) {
			u[m++] = 0x2066; /* LRI */
			for (; i < end; i++) {
				at[i] = m;
				u[m++] = src[i];
			}
			u[m++] = 0x2069; /* PDI */
			continue;
		}
		if (is_bidi_control(src[i])) {
			at[i] = -1;
			i++;
			continue;
		}
		at[i] = m;
		u[m++] = src[i];
		i++;
	}
	at[n] = m;

	FriBidiCharType *types = xreallocarray(NULL, (size_t)m + 1, sizeof *types);
	FriBidiBracketType *brackets = xreallocarray(NULL, (size_t)m + 1, sizeof *brackets);
	FriBidiLevel *levels = xreallocarray(NULL, (size_t)m + 1, sizeof *levels);
	FriBidiLevel *logical_levels = xreallocarray(NULL, (size_t)m + 1, sizeof *levels);
	FriBidiArabicProp *joins = xreallocarray(NULL, (size_t)m + 1, sizeof *joins);
	FriBidiStrIndex *map = xreallocarray(NULL, (size_t)m + 1, sizeof *map);
	FriBidiParType base;
	switch (look->dir) {
	case TEXT_LTR:
		base = FRIBIDI_PAR_LTR;
		break;
	case TEXT_RTL:
		base = FRIBIDI_PAR_RTL;
		break;
	default:
		base = look->fallback == TEXT_RTL ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
		break;
	}
	fribidi_get_bidi_types(u, m, types);
	fribidi_get_bracket_types(u, m, types, brackets);
	if (fribidi_get_par_embedding_levels_ex(types, brackets, m, &base, levels) == 0)
		memset(levels, 0, (size_t)m * sizeof *levels);
	fribidi_get_joining_types(u, m, joins);
	fribidi_join_arabic(types, m, levels, joins);
	fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, m, joins, u);
	memcpy(logical_levels, levels, (size_t)m * sizeof *levels);
	int *iw = xreallocarray(NULL, (size_t)m + 1, sizeof *iw);
	for (int i = 0; i < m; i++)
		iw[i] = shown_width(u[i]);

	if (widths != NULL) {
		*widths = xreallocarray(NULL, (size_t)n + 1, sizeof **widths);
		for (int i = 0; i < n; i++)
			(*widths)[i] = at[i] < 0 ? 0 : shown_width(u[at[i]]);
	}
	for (int i = 0; i < m; i++)
		map[i] = i;
	if (m > 0 &&
	    fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, m, 0, base, levels, u, map) == 0) {
		for (int i = 0; i < m; i++)
			map[i] = i;
	}

	/* The visual string, and the cell of each internal character. */
	int *cell = xreallocarray(NULL, (size_t)m + 1, sizeof *cell);
	char *out = xmalloc((size_t)m * 4 + 1);
	size_t o = 0;
	int x = 0;
	bool base_seen = false;
	for (int v = 0; v < m; v++) {
		uint32_t c = u[v];
		int w = shown_width(c);
		cell[map[v]] = x;
		if (is_invisible(c))
			continue;
		if (w == 0 && !base_seen)
			continue; /* a mark with nothing to sit on would join the next cell */
		base_seen = true;
		o += utf8_encode(c, out + o);
		x += w;
	}
	out[o] = '\0';
	L->out = out;
	L->width = x;

	L->caret = -1;
	if (caret > n)
		caret = n;
	if (caret >= 0) {
		bool rtl_par = FRIBIDI_IS_RTL(base);
		int before = -1, after = -1; /* internal index of the neighbours */
		for (int i = caret - 1; i >= 0 && i < n && before < 0; i--)
			before = at[i];
		for (int i = caret; i < n && after < 0; i++)
			after = at[i];
		if (before >= 0)
			L->caret = caret_cell(
			    cell[before], iw[before], logical_levels[before], true, rtl_par);
		else if (after >= 0)
			L->caret =
			    caret_cell(cell[after], iw[after], logical_levels[after], false, rtl_par);
		else
			L->caret = rtl_par ? -2 : 0; /* empty: the start edge */
	}
	free(cell);
	free(map);
	free(joins);
	free(logical_levels);
	free(levels);
	free(brackets);
	free(types);
	free(at);
	free(iw);
	free(u);
}

/* Encodes n code points as UTF-8 (the logical text, for bidi = terminal). */
static char *
encode_cells(const uint32_t *s, int n, int *width)
{
	char *out = xmalloc((size_t)n * 4 + 1);
	size_t o = 0;
	int w = 0;
	bool base_seen = false;
	for (int i = 0; i < n; i++) {
		int cw = shown_width(s[i]);
		if (is_invisible(s[i]) || (cw == 0 && !base_seen))
			continue; /* as lay_out: nothing unseen, no mark without a letter */
		base_seen = true;
		o += utf8_encode(s[i], out + o);
		w += cw;
	}
	out[o] = '\0';
	*width = w;
	return out;
}

/* True when s needs no reordering: ASCII only in a left-to-right paragraph. */
static bool
plain_ltr(const uint32_t *s, int n, const struct text_look *look)
{
	if (look->dir == TEXT_RTL || (look->dir == TEXT_AUTO && look->fallback == TEXT_RTL))
		return false;
	for (int i = 0; i < n; i++) {
		if (s[i] >= 0x80)
			return false;
	}
	return true;
}

/* Lays out src (n code points, logical order) in the look's order. */
static void
render(const uint32_t *src, int n, const struct text_look *look, int caret, int **widths,
    struct layout *L)
{
	if (look->visual && !plain_ltr(src, n, look)) {
		lay_out(src, n, look, caret, widths, L);
		return;
	}
	L->out = encode_cells(src, n, &L->width);
	if (widths != NULL) {
		*widths = xreallocarray(NULL, (size_t)n + 1, sizeof **widths);
		for (int i = 0; i < n; i++)
			(*widths)[i] = is_bidi_control(src[i]) ? 0 : shown_width(src[i]);
	}
	L->caret = -1;
	if (caret >= 0) {
		int x = 0;
		for (int i = 0; i < caret && i < n; i++)
			x += is_bidi_control(src[i]) ? 0 : shown_width(src[i]);
		L->caret = x;
	}
}

/* text_visual and text_visual_caret: *used gets the text's width. */
static char *
visual(const char *s, int cells, const struct text_look *look, int caret, int *caret_at,
    int *used)
{
	uint32_t *src;
	int n = decode_cell(s, &src);
	if (look->persian_digits)
		persian_digits(src, n);
	struct layout L;
	int *widths = NULL;
	render(src, n, look, caret, cells >= 0 ? &widths : NULL, &L);

	if (cells >= 0 && L.width > cells) {
		/* Cut in logical order: the longest start that leaves room for "…"
		 * (keep < n, since the whole is too wide). */
		int keep = 0, w = 0;
		while (keep < n && w + widths[keep] <= cells - 1)
			w += widths[keep++];
		/* At a word when one ends in the second half. */
		for (int i = keep; i > keep / 2; i--) {
			if (src[i] == ' ') {
				keep = i;
				break;
			}
		}
		while (keep > 0 && src[keep - 1] == ' ')
			keep--;
		bool blank = true;
		for (int i = 0; i < n && blank; i++)
			blank = src[i] == ' ';
		if (blank) { /* nothing but spaces: a blank cell, no ellipsis */
			free(L.out);
			L.out = xstrdup("");
			L.width = 0;
			L.caret = caret >= 0 ? 0 : -1;
			keep = -1;
		}
		for (; keep >= 0;) {
			src[keep] = 0x2026; /* … */
			free(L.out);
			render(src, keep + 1, look, caret, NULL, &L);
			if (L.width <= cells || keep == 0)
				break;
			keep--;
		}
		if (L.width > cells) { /* not even the ellipsis fits */
			L.out[0] = '\0';
			L.width = 0;
			L.caret = caret >= 0 ? 0 : -1;
		}
	}
	free(widths);
	free(src);

	int pad = cells >= 0 && L.width < cells ? cells - L.width : 0;
	bool right = look->align_right;
	if (used != NULL)
		*used = L.width;
	if (caret_at != NULL) {
		int c = L.caret;
		if (c == -2) /* an empty right-to-left paragraph starts on the right */
			c = right && cells > 0 ? cells - 1 : 0;
		else if (right)
			c += pad;
		if (c < 0)
			c = 0;
		if (cells > 0 && c > cells - 1)
			c = cells - 1;
		*caret_at = c;
	}
	if (pad == 0)
		return L.out;
	size_t len = strlen(L.out);
	char *out = xmalloc(len + (size_t)pad + 1);
	if (right) {
		memset(out, ' ', (size_t)pad);
		memcpy(out + pad, L.out, len + 1);
	} else {
		memcpy(out, L.out, len);
		memset(out + len, ' ', (size_t)pad);
		out[len + (size_t)pad] = '\0';
	}
	free(L.out);
	return out;
}

char *
text_visual_caret(const char *s, int cells, const struct text_look *look, int caret, int *caret_at)
{
	return visual(s, cells, look, caret, caret_at, NULL);
}

char *
text_visual(const char *s, int cells, const struct text_look *look, int *used)
{
	return visual(s, cells, look, -1, NULL, used);
}

/* Encodes n code points as UTF-8, dropping bidi controls; a new string. */
static char *
encode_clean(const uint32_t *u, int n, bool isolate)
{
	char *out = xmalloc((size_t)n * 4 + (size_t)n * 6 + 1);
	size_t o = 0;
	for (int i = 0; i < n;) {
		int end = isolate ? number_end(u, n, i) : i;
		if (end > i) {
			o += utf8_encode(0x2066, out + o); /* LRI */
			for (; i < end; i++)
				o += utf8_encode(u[i], out + o);
			o += utf8_encode(0x2069, out + o); /* PDI */
			continue;
		}
		if (!is_bidi_control(u[i]))
			o += utf8_encode(u[i], out + o);
		i++;
	}
	out[o] = '\0';
	return out;
}

char *
text_clean_paragraph(const char *s)
{
	uint32_t *u;
	int n = decode_cell(s, &u);
	char *out = encode_clean(u, n, false);
	free(u);
	return out;
}

char *
text_isolate_numbers(const char *s)
{
	uint32_t *u;
	int n = decode_cell(s, &u);
	char *out = encode_clean(u, n, true);
	free(u);
	return out;
}

char *
text_grouped(long long v)
{
	char digits[32], out[48];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	snprintf(digits, sizeof digits, "%llu", u);
	size_t n = strlen(digits), o = 0;
	if (v < 0)
		out[o++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return xstrdup(out);
}

char *
text_persian_digits(const char *s)
{
	uint32_t *u;
	int n = decode_cell(s, &u);
	persian_digits(u, n);
	char *out = xmalloc((size_t)n * 4 + 1);
	size_t o = 0;
	for (int i = 0; i < n; i++)
		o += utf8_encode(u[i], out + o);
	out[o] = '\0';
	free(u);
	return out;
}

int
text_check(const char *in, const char *what, size_t max_letters, bool multiline, char **cause)
{
	const unsigned char *s = (const unsigned char *)(in != NULL ? in : "");
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0)
			return miz_fail(cause, _("%s: the text is not valid UTF-8"), what);
		bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
		if ((cp < 0x20 && !space) || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return miz_fail(cause,
			    _("%s: a control character (U+%04X) is not allowed: retype the text"), what,
			    (unsigned)cp);
		s += n;
	}
	/* The limit counts letters as they will be stored (white space folded). */
	char *norm = text_normalize(in != NULL ? in : "", multiline);
	size_t letters = 0;
	for (const unsigned char *p = (const unsigned char *)norm; *p != '\0'; p++)
		letters += (*p & 0xc0) != 0x80;
	free(norm);
	if (letters > max_letters)
		return miz_fail(cause, _("%s is too long: at most %zu letters, not %zu"), what,
		    max_letters, letters);
	return 0;
}

char *
text_terminal_safe(const char *in)
{
	size_t len = strlen(in);
	char *out = xmalloc(len * 4 + 1);
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)in;
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0) { /* a byte that is not UTF-8 */
			o += utf8_encode(0xfffd, out + o);
			s++;
			continue;
		}
		if (cp == '\n' || cp == '\t') {
			out[o++] = (char)cp;
		} else if (cp == 0x1b) {
			memcpy(out + o, "\\e", 2);
			o += 2;
		} else if (cp < 0x20 || cp == 0x7f) {
			o += (size_t)snprintf(out + o, 5, "^%c", cp == 0x7f ? '?' : (char)(cp + '@'));
		} else if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp)) {
			o += utf8_encode(0xfffd, out + o);
		} else {
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	out[o] = '\0';
	return out;
}

enum text_dir
text_dir_of(const char *in, enum text_dir fallback)
{
	const unsigned char *s = (const unsigned char *)in;
	while (*s != '\0') {
		uint32_t cp;
		size_t k = utf8_decode(s, &cp);
		if (k == 0) {
			s++;
			continue;
		}
		s += k;
		if (is_bidi_control(cp))
			continue;
		FriBidiCharType t = fribidi_get_bidi_type(cp);
		if (t == FRIBIDI_TYPE_LTR)
			return TEXT_LTR;
		if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
			return TEXT_RTL;
	}
	return fallback;
}

int
text_shaped_width(const char *s)
{
	struct text_look lk = { TEXT_AUTO, TEXT_LTR, true, false, false };
	int w = 0;
	free(text_visual(s, -1, &lk, &w));
	return w;
}

bool
text_ui_rtl(void)
{
	/* TRANSLATORS: the direction of the interface's language: translate as
	 * "default:RTL" for a language written right to left (Persian), and
	 * leave it as "default:LTR" otherwise. */
	return strcmp(_("default:LTR"), "default:RTL") == 0;
}
