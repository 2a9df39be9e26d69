/* Text fields: wide-character editing, drawn by cell width. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "field.h"
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
	if (f->len >= f->maxlen)
		return;
	memmove(f->buf + f->cur + 1, f->buf + f->cur, (size_t)(f->len - f->cur) * sizeof(wchar_t));
	f->buf[f->cur++] = c;
	f->len++;
	f->buf[f->len] = L'\0';
	f->changed = true;
}

bool
field_key(struct field *f, const struct event *ev)
{
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
		if (f->cur > 0)
			f->cur--;
		return true;
	case FKEY(KEY_RIGHT):
		if (f->cur < f->len)
			f->cur++;
		return true;
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

void
field_draw(struct tui *t, const struct field *f, int y, int x, int width, bool focus)
{
	if (width < 2)
		return;
	/* Scroll so the cursor is visible: start far enough left. */
	int start = 0;
	int cells = 0;
	for (int i = f->cur - 1; i >= 0; i--) {
		cells += wc_cells(f->buf[i]);
		if (cells > width - 1) {
			start = i + 1;
			break;
		}
	}
	attr_t a = focus ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
	attron(a);
	move(y, x);
	int used = 0, cursor_x = x;
	for (int i = start; i < f->len; i++) {
		int w = wc_cells(f->buf[i]);
		if (used + w > width)
			break;
		if (i == f->cur)
			cursor_x = x + used;
		cchar_t cc;
		wchar_t s[2] = { f->buf[i], L'\0' };
		setcchar(&cc, s, 0, 0, NULL);
		add_wch(&cc);
		used += w;
	}
	if (f->cur == f->len)
		cursor_x = x + used;
	for (; used < width; used++)
		addch(' ');
	attroff(a);
	if (focus) {
		t->cursor_y = y;
		t->cursor_x = cursor_x < x + width ? cursor_x : x + width - 1;
	}
}
