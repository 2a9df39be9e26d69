/*
 * The part of paper.h that needs no typesetting library: which paper a
 * case calls for, paper sizes, and sending a file to the print command.
 * The light `miz` links this, never paper.c (see src/cli/paper_proxy.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

enum paper_kind
paper_kind_for(const struct miz_case *c)
{
	if (c->status == ST_AWAITING_DOCUMENTS)
		return PAPER_NOTICE;
	if (case_status_closed(c->status))
		return PAPER_SLIP;
	return PAPER_RECEIPT;
}

int
paper_size_parse(const char *s, enum paper_size *out)
{
	if (s != NULL && text_eq(s, "a5")) {
		*out = PAPER_A5;
		return 0;
	}
	if (s != NULL && text_eq(s, "roll80")) {
		*out = PAPER_ROLL80;
		return 0;
	}
	return -1;
}

int
paper_send(const struct miz_conf *conf, const char *path, char **cause)
{
	if (conf->print_command == NULL || *conf->print_command == '\0')
		return miz_fail(cause, _("no print command is set: miz config print_command lp"));
	char *err = NULL;
	char **argv = conf_split_command(conf->print_command, &err);
	if (argv == NULL) {
		*cause = err;
		return -1;
	}
	size_t n = 0;
	while (argv[n] != NULL)
		n++;
	argv = xreallocarray(argv, n + 2, sizeof *argv);
	argv[n] = xstrdup(path);
	argv[n + 1] = NULL;

	/* posix_spawnp is fork and execvp in one call: no shell, the file as
	 * the last word, the command's input and output on /dev/null; a
	 * command that cannot be run is reported here, not by a child that
	 * would have to exit. */
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
	pid_t pid;
	extern char **environ;
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	int rc = -1, status = 0;
	if (e == ENOENT) {
		miz_fail(cause,
		    _("the print command '%s' was not found: check miz config print_command"),
		    argv[0]);
	} else if (e != 0) {
		miz_fail(cause, _("cannot run the print command '%s': %s"), argv[0], strerror(e));
	} else {
		pid_t w;
		while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		if (w < 0)
			miz_fail(cause, _("cannot run the print command '%s': %s"), argv[0],
			    strerror(errno));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			rc = 0;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			miz_fail(cause,
			    _("the print command '%s' was not found: check miz config "
			      "print_command"),
			    argv[0]);
		else if (WIFEXITED(status))
			miz_fail(cause, _("'%s' failed (exit %d): is the printer there?"), argv[0],
			    WEXITSTATUS(status));
		else
			miz_fail(cause, _("'%s' was stopped by signal %d: is the printer there?"),
			    argv[0], WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
	conf_free_argv(argv);
	return rc;
}
