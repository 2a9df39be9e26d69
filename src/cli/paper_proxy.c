/*
 * The light `miz` does not typeset: Pango, Cairo and their 38 shared
 * libraries cost every process about 4 ms to load, which the desk and every
 * short command would pay for a receipt printed now and then.  Typesetting
 * is done by `miz-paper` (the same program linked with them): a paper
 * command given to `miz` runs it with the same arguments, and the desk asks
 * it for a case's or a service's PDF.  This file stands in for paper.c's
 * typesetting functions in `miz`; src/cli/paper_here.c is its counterpart
 * in `miz-paper`.
 */
#include "config.h"
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "miz/db.h"
#include "miz/i18n.h"
#include "miz/paper.h"
#include "miz/xmalloc.h"

const bool cli_typesets = false;

/* What the desk's requests carry over: the database, the clerk, the day. */
static char *ctx_db, *ctx_clerk;
static char ctx_today[11];

void
cli_paper_context(const struct cli_ctx *ctx)
{
	free(ctx_db);
	free(ctx_clerk);
	ctx_db = xstrdup(ctx->db_path);
	/* A server's URI goes to the typesetter in the environment, which only
	 * this user may read, never in its arguments, which anyone's ps
	 * shows (a password may be in it). */
	if (db_is_server(ctx_db))
		setenv("MIZ_DB", ctx_db, 1);
	ctx_clerk = ctx->clerk != NULL ? xstrdup(ctx->clerk) : NULL;
	cal_format_iso(ctx->today, ctx_today);
}

/* The typesetting program: $MIZ_PAPER, else beside this program (a build
 * tree, or both installed in one folder), else the installed one. */
static char *
paper_program(void)
{
	const char *env = getenv("MIZ_PAPER");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash != NULL) {
			char *beside = xasprintf("%.*s/miz-paper", (int)(slash - self), self);
			if (access(beside, X_OK) == 0)
				return beside;
			free(beside);
		}
	}
	return xstrdup(MIZ_LIBEXECDIR "/miz-paper");
}

int
cli_paper_exec(char **argv)
{
	char *prog = paper_program();
	fflush(stdout);
	execv(prog, argv);
	int e = errno;
	cli_error(_("cannot run %s, which typesets: %s (is miz installed completely?)"), prog,
	    strerror(e));
	free(prog);
	return EXIT_ERR;
}

/*
 * Runs miz-paper with the context's options and `args`, standard error
 * caught for the message.  0, or -1 with *cause.
 */
static int
run(const char *const *args, char **cause)
{
	char *prog = paper_program();
	const char *argv[32];
	size_t n = 0;
	argv[n++] = "miz-paper";
	if (ctx_db == NULL || !db_is_server(ctx_db)) {
		argv[n++] = "--db";
		argv[n++] = ctx_db != NULL ? ctx_db : "";
	}
	if (ctx_clerk != NULL) {
		argv[n++] = "--clerk";
		argv[n++] = ctx_clerk;
	}
	argv[n++] = "--today";
	argv[n++] = ctx_today;
	for (size_t i = 0; args[i] != NULL && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;

	int fds[2];
	if (pipe(fds) != 0) {
		free(prog);
		return miz_fail(cause, _("cannot run %s, which typesets: %s"), "miz-paper",
		    strerror(errno));
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	pid_t pid;
	extern char **environ;
	int e = posix_spawn(&pid, prog, &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	/* What it said: the last line is the message ("miz: ..."). */
	char said[2048];
	size_t got = 0;
	ssize_t r;
	while ((r = read(fds[0], said + got, sizeof said - 1 - got)) > 0 ||
	    (r < 0 && errno == EINTR))
		got += r > 0 ? (size_t)r : 0;
	close(fds[0]);
	said[got] = '\0';
	int rc = -1, status = 0;
	if (e != 0) {
		miz_fail(cause, _("cannot run %s, which typesets: %s (is miz installed completely?)"),
		    prog, strerror(e));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			rc = 0;
		} else {
			while (got > 0 && (said[got - 1] == '\n' || said[got - 1] == ' '))
				said[--got] = '\0';
			char *line = strrchr(said, '\n');
			line = line != NULL ? line + 1 : said;
			if (strncmp(line, "miz: ", 5) == 0)
				line += 5;
			if (*line != '\0')
				miz_fail(cause, "%s", line);
			else
				miz_fail(cause, _("%s could not typeset the paper"), prog);
		}
	}
	free(prog);
	return rc;
}

int
paper_case_pdf(const struct miz_case *c, enum paper_kind kind, const struct paper_style *st,
    const char *path, char **cause)
{
	static const char *const kinds[] = { "--receipt", "--notice", "--slip" };
	const char *args[] = { "case", "print", c->code, kinds[kind], "--paper",
		st->size == PAPER_ROLL80 ? "roll80" : "a5", "-o", path, NULL };
	return run(args, cause);
}

int
paper_guide_pdf(
    const struct miz_service *s, const struct paper_style *st, const char *path, char **cause)
{
	const char *args[] = { "service", "print", s->code, "--paper",
		st->size == PAPER_ROLL80 ? "roll80" : "a5", "-o", path, NULL };
	return run(args, cause);
}

int
paper_report_pdf(
    const struct report *r, const struct paper_style *st, const char *path, char **cause)
{
	/* `miz report --format pdf` runs miz-paper before it gets here. */
	(void)r;
	(void)st;
	(void)path;
	return miz_fail(cause, _("reports are typeset by miz-paper: miz report --format pdf"));
}
