/*
 * The terminal's own bidi.  miz lays out right-to-left text itself, so it
 * asks the terminal to leave the text alone while it writes: ESC[8l, the
 * explicit mode of the terminal BiDi proposal (VTE obeys it), and under
 * mlterm its own OSC 5379;use_ctl=false; ESC[8h gives the terminal its own
 * back.  Used by the desk and by the command line on a terminal.
 */
#ifndef MIZ_TUI_TERM_H
#define MIZ_TUI_TERM_H

/* Switches the terminal to explicit mode (once); undone at exit, however
 * the program ends through exit(), and by term_bidi_restore. */
void term_bidi_explicit(void);
/* Gives the terminal its own bidi back, when it was switched. */
void term_bidi_restore(void);

#endif
