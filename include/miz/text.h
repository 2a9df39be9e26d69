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
 * The window of `cells` cells of s that starts `skip` cells in, padded with
 * spaces to exactly `cells`: a wide character cut by either edge becomes
 * blanks, and marks that follow a skipped character go with it.
 */
char *text_cells(const char *s, int skip, int cells);
/*
 * Parses a whole number as typed: Persian/Arabic digits, surrounding
 * spaces and thousands separators (',' '٬') accepted.  Returns 0, or -1
 * when the text is not a number in [min, max].
 */
int text_parse_int(const char *in, long long min, long long max, long long *out /* OUT */);
/*
 * Display order.  Text is stored and passed in logical order; only drawing
 * turns one cell (one paragraph: a list cell, a label, a field, a message)
 * into the order a terminal shows from left to right, shaped (Arabic
 * joining forms, lam-alef) and with mirrored brackets, by GNU FriBidi.
 * Numbers (tracking codes, dates, phones, amounts) are isolated first, so
 * they keep their left-to-right order inside Persian text.
 */
enum text_dir {
	TEXT_AUTO, /* from the first strong letter; else the look's fallback */
	TEXT_LTR,
	TEXT_RTL
};

/* How a cell is drawn. */
struct text_look {
	enum text_dir dir;
	enum text_dir fallback; /* an AUTO cell with no strong letter (LTR or RTL) */
	bool visual; /* reorder and shape; false: logical order (bidi = terminal) */
	bool persian_digits; /* ASCII digits shown as Persian ones (not inside Latin words) */
	bool align_right; /* padding goes on the left */
};

/*
 * The cell s in display order, exactly `cells` cells wide (padded), or at
 * its natural width when cells < 0.  Text too wide is cut in logical order
 * first (at a word when one ends in the second half, else at a letter) and
 * ends with an ellipsis.  Control characters become spaces; bidi controls,
 * joiners and marks with nothing to sit on are dropped, so nothing in the
 * result can reach outside its cell.  *used (may be NULL) gets the width
 * of the text without padding.  Returns a new string.
 */
char *text_visual(const char *s, int cells, const struct text_look *look, int *used /* OUT */);
/*
 * Like text_visual, and *caret_cell gets the cell (0-based, from the left of
 * the result) where a letter typed at logical character `caret` appears:
 * left of a right-to-left letter, right of a left-to-right one.
 */
char *text_visual_caret(const char *s, int cells, const struct text_look *look, int caret,
    int *caret_cell /* OUT */);
/*
 * For code that lays out a paragraph with another engine (paper.c, Pango):
 * the text made safe for one paragraph (invalid bytes U+FFFD, controls
 * spaces, bidi controls dropped); the same with every number isolated left
 * to right (LRI ... PDI), by the rule of text_visual; ASCII digits as
 * Persian ones, except in Latin words.  New strings.
 */
char *text_clean_paragraph(const char *s);
char *text_isolate_numbers(const char *s);
char *text_persian_digits(const char *s);
/* An amount with its thousands grouped, "15,000,000" (a Persian interface
 * shows the comma between digits as the Persian separator, U+066C, with
 * the digits).  A new string. */
char *text_grouped(long long v);
/*
 * Text at the way in (the command line, the desk, an import, a setting):
 * valid UTF-8, no control characters (C0 but white space, DEL, C1) and no
 * bidi embedding, override or isolate controls, and at most max_letters
 * letters once normalised.  0, or -1 with *cause naming `what` and the
 * limit ("the client's name is too long: at most 100 letters, not 140").
 * Newlines in a one-line field are white space (folded by text_normalize).
 */
int text_check(const char *in, const char *what, size_t max_letters, bool multiline, char **cause);
/* The limits, in letters, the same on the desk, the command line and in imports. */
#define TEXT_MAX_NAME 100 /* a person's name: client, officer, clerk */
#define TEXT_MAX_TITLE 200 /* a service, document, department, holiday; the office name */
#define TEXT_MAX_ADDRESS 300
#define TEXT_MAX_NOTE 2000 /* notes, reasons, comments, a service's steps */

/*
 * Text on its way to a terminal in logical order (the command line's lines
 * and messages): control characters shown visibly (ESC as \e, others as
 * ^X), C1 controls, bidi controls and bytes that are not UTF-8 as U+FFFD;
 * newlines and tabs kept.  Nothing in the result can move the cursor,
 * change the title or the clipboard.  A new string.
 */
char *text_terminal_safe(const char *s);
/* The direction of s from its first strong letter, else `fallback`. */
enum text_dir text_dir_of(const char *s, enum text_dir fallback);
/* Width in cells after shaping (a lam-alef takes one cell; joiners none). */
int text_shaped_width(const char *s);
/* True when the interface's translation is written right to left. */
bool text_ui_rtl(void);

/* Case-insensitive ASCII comparison helper for keywords. */
bool text_eq(const char *a, const char *b);

#endif
