/* Printing: a UTF-8 text file in the print folder, sent to the print command if one is set. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "miz/i18n.h"
#include "miz/xmalloc.h"
#include "tui.h"

/* The print folder: the setting, else $XDG_DATA_HOME/miz/print, else ~/.local/share/miz/print. */
char *
tui_print_dir(struct tui *t)
{
	if (*t->set.print_dir != '\0')
		return xstrdup(t->set.print_dir);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/miz/print", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/miz/print", home != NULL ? home : ".");
}

int
tui_make_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*s = '/';
		}
	}
	int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Runs "COMMAND FILE" through the shell with the file as "$1"; its output is discarded. */
static int
run_print_command(const char *command, const char *file)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		char *script = xasprintf("%s \"$1\"", command);
		execl("/bin/sh", "sh", "-c", script, "sh", file, (char *)NULL);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

void
tui_print(struct tui *t, const char *file_stem, const char *text)
{
	char *dir = tui_print_dir(t);
	/* Imported codes may hold '/' or worse: the file name keeps only safe characters. */
	char *stem = xstrdup(file_stem);
	for (char *p = stem; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		        (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.') ||
		    (*p == '.' && p == stem))
			*p = '_';
	}
	char *path = xasprintf("%s/%s.txt", dir, stem);
	free(stem);
	FILE *fp = NULL;
	if (tui_make_dirs(dir) != 0 || (fp = fopen(path, "w")) == NULL) {
		tui_error(t, _("Cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	fputs(text, fp);
	if (fclose(fp) != 0) {
		tui_error(t, _("Cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	if (*t->set.print_command == '\0')
		tui_info(t, _("Written to %s (no print command set)."), path);
	else if (run_print_command(t->set.print_command, path) != 0)
		tui_error(t, _("Written to %s, but '%s' failed: is the printer there?"), path,
		    t->set.print_command);
	else
		tui_info(t, _("Sent to the printer; a copy is in %s."), path);
out:
	free(path);
	free(dir);
}
