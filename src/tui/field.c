/* Text fields: wide-character editing, drawn by cell width. */
#include "config.h"

#include <curses.h>
#include <wchar.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "field.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

void
field_init(struct field *f, int maxlen)
{
	memset(f, 0, sizeof *f);
	f->maxlen = maxlen > 0 && maxlen <= FIELD_MAX ? maxlen : FIELD_MAX;
}

void
field_set(struct field *f, const char *utf8)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	const char *p = utf8;
	size_t n = mbsrtowcs(f->buf, &p, (size_t)f->maxlen, &st);
	if (n == (size_t)-1)
		n = 0;
	f->len = (int)n;
	f->buf[f->len] = L'\0';
	f->cur = f->len;
}

char *
field_text(const struct field *f)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	const wchar_t *p = f->buf;
	size_t need = wcsrtombs(NULL, &p, 0, &st);
	if (need == (size_t)-1)
		return xstrdup("");
	char *out = xmalloc(need + 1);
	p = f->buf;
	memset(&st, 0, sizeof st);
	wcsrtombs(out, &p, need + 1, &st);
	return out;
}

bool
field_empty(const struct field *f)
{
	for (int i = 0; i < f->len; i++) {
		if (!iswspace((wint_t)f->buf[i]))
			return false;
	}
	return true;
}

/* Inserts one character at the cursor. */
static void
insert(struct field *f, wchar_t c)
{
	if (f->len >= f->maxlen) {
		f->refused = true; /* said on screen, never a silent cut */
		return;
	}
	memmove(f->buf + f->cur + 1, f->buf + f->cur, (size_t)(f->len - f->cur) * sizeof(wchar_t));
	f->buf[f->cur++] = c;
	f->len++;
	f->buf[f->len] = L'\0';
	f->changed = true;
}

/* True when the field's text is a right-to-left paragraph (its first strong letter). */
static bool
right_to_left(const struct field *f)
{
	char *text = field_text(f);
	bool rtl = text_dir_of(text, TEXT_LTR) == TEXT_RTL;
	free(text);
	return rtl;
}

bool
field_key(struct field *f, const struct event *ev)
{
	f->refused = false;
	if (ev->ch != 0 && ev->ch >= 32 && ev->ch != 127 && iswprint((wint_t)ev->ch)) {
		insert(f, ev->ch);
		return true;
	}
	/* ZWNJ (half-space) is typed in Persian names and is not "printable". */
	if (ev->ch == 0x200c) {
		insert(f, ev->ch);
		return true;
	}
	switch (ev->key) {
	case FKEY(KEY_BACKSPACE):
	case 127:
	case CTRL('H'):
		if (f->cur > 0) {
			memmove(f->buf + f->cur - 1, f->buf + f->cur,
			    (size_t)(f->len - f->cur + 1) * sizeof(wchar_t));
			f->cur--;
			f->len--;
			f->changed = true;
		}
		return true;
	case FKEY(KEY_DC):
	case CTRL('D'):
		if (f->cur < f->len) {
			memmove(f->buf + f->cur, f->buf + f->cur + 1,
			    (size_t)(f->len - f->cur) * sizeof(wchar_t));
			f->len--;
			f->changed = true;
		}
		return true;
	case FKEY(KEY_LEFT):
	case FKEY(KEY_RIGHT): {
		/* Arrows move the way they point: in a right-to-left text, Left
		 * goes on to the next letter (the text is in logical order). */
		bool forward = ev->key == FKEY(KEY_RIGHT);
		if (right_to_left(f))
			forward = !forward;
		if (forward && f->cur < f->len)
			f->cur++;
		else if (!forward && f->cur > 0)
			f->cur--;
		return true;
	}
	case FKEY(KEY_HOME):
	case CTRL('A'):
		f->cur = 0;
		return true;
	case FKEY(KEY_END):
	case CTRL('E'):
		f->cur = f->len;
		return true;
	case CTRL('U'):
		if (f->len > 0)
			f->changed = true;
		f->len = f->cur = 0;
		f->buf[0] = L'\0';
		return true;
	default:
		return false;
	}
}

/* Cell width of one character (ZWNJ and controls take none / one). */
static int
wc_cells(wchar_t c)
{
	if (c == 0x200c || c == 0x200d)
		return 0;
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

/* UTF-8 of the characters [from, to) of the field. */
static char *
span_text(const struct field *f, int from, int to)
{
	struct field part;
	memset(&part, 0, sizeof part);
	part.len = to - from;
	memcpy(part.buf, f->buf + from, (size_t)part.len * sizeof(wchar_t));
	part.buf[part.len] = L'\0';
	return field_text(&part);
}

void
field_draw(struct tui *t, const struct field *f, int y, int x, int width, bool focus)
{
	if (width < 2)
		return;
	/* The part on show: all of it when it fits, else a window around the
	 * cursor (two thirds before it).  One cell stays free for the cursor. */
	int budget = width - 1, lo = f->cur, hi = f->cur, used = 0;
	while (lo > 0 && used + wc_cells(f->buf[lo - 1]) <= budget * 2 / 3)
		used += wc_cells(f->buf[--lo]);
	while (hi < f->len && used + wc_cells(f->buf[hi]) <= budget)
		used += wc_cells(f->buf[hi++]);
	while (lo > 0 && used + wc_cells(f->buf[lo - 1]) <= budget)
		used += wc_cells(f->buf[--lo]);

	/* The paragraph's direction is the whole text's: a Persian name reads
	 * from the right edge of its field, a national ID from the left.  What
	 * was typed is shown as typed (no digits changed). */
	char *all = field_text(f);
	enum text_dir ui = t->rtl ? TEXT_RTL : TEXT_LTR;
	struct text_look lk = tui_look(t, text_dir_of(all, ui));
	lk.persian_digits = false;
	lk.align_right = lk.dir == TEXT_RTL;
	free(all);
	char *part = span_text(f, lo, hi);
	int caret = 0;
	char *shown = text_visual_caret(part, width, &lk, f->cur - lo, &caret);
	free(part);

	int col = tui_col(t, x, width);
	attr_t a = focus ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
	attron(a);
	mvaddstr(y, col, shown);
	attroff(a);
	free(shown);
	if (focus) {
		t->cursor_y = y;
		t->cursor_x = col + caret;
	}
}

bool
field_key_edit(struct field *f, const struct event *ev, bool *edited)
{
	wchar_t before[FIELD_MAX + 1];
	int len = f->len;
	wmemcpy(before, f->buf, (size_t)len + 1);
	bool used = field_key(f, ev);
	*edited = f->len != len || wmemcmp(before, f->buf, (size_t)len) != 0;
	return used;
}
