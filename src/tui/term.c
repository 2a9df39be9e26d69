/* The terminal's own bidi: switched off while miz writes (see term.h). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "term.h"

static bool switched;
static bool at_exit;

/* Writes the sequences for one mode. */
static void
send(bool explicit_mode)
{
	const char *mlterm = getenv("MLTERM");
	bool ml = mlterm != NULL && *mlterm != '\0';
	if (explicit_mode) {
		fputs("\033[8l", stdout);
		if (ml)
			fputs("\033]5379;use_ctl=false\007", stdout);
	} else {
		if (ml)
			fputs("\033]5379;use_ctl=true\007", stdout);
		fputs("\033[8h", stdout);
	}
	fflush(stdout);
}

void
term_bidi_restore(void)
{
	if (switched) {
		switched = false;
		send(false);
	}
}

void
term_bidi_explicit(void)
{
	if (switched)
		return;
	if (!at_exit) {
		atexit(term_bidi_restore);
		at_exit = true;
	}
	send(true);
	switched = true;
}
