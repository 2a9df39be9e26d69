/*
 * In `miz-paper`, the program that typesets (see src/cli/paper_proxy.c):
 * paper commands run here, with paper.c's own functions.
 */
#include "config.h"

#include "cli.h"

const bool cli_typesets = true;

void
cli_paper_context(const struct cli_ctx *ctx)
{
	(void)ctx;
}

int
cli_paper_exec(char **argv)
{
	(void)argv;
	return EXIT_ERR; /* never called: this program typesets itself */
}
