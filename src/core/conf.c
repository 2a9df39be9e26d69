/* The clerk's own configuration file: print command, print folder, paper, bidi. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miz/conf.h"
#include "miz/i18n.h"
#include "miz/text.h"
#include "miz/xmalloc.h"

const char *const conf_keys[] = { "print_command", "print_dir", "paper", "bidi", NULL };

static const char *const helps[] = {
	N_("command that prints a PDF, run without a shell with the file last (default lp; "
	   "empty: only write files)"),
	N_("folder that keeps a copy of everything printed (default "
	   "~/.local/share/miz/print)"),
	N_("paper for receipts and notices: a5 (a sheet) or roll80 (an 80 mm receipt roll)"),
	N_("miz (default): miz lays out right-to-left text itself; terminal: the terminal does"),
};

/* Index of a key in conf_keys, or -1. */
static int
key_index(const char *key)
{
	for (int i = 0; conf_keys[i] != NULL; i++) {
		if (strcmp(conf_keys[i], key) == 0)
			return i;
	}
	return -1;
}

bool
conf_known(const char *key)
{
	return key_index(key) >= 0;
}

const char *
conf_help(const char *key)
{
	int i = key_index(key);
	return i < 0 ? NULL : _(helps[i]);
}

char *
conf_path(void)
{
	const char *env = getenv("MIZ_CONFIG");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/miz/miz.conf", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/miz/miz.conf", home != NULL && *home != '\0' ? home : ".");
}

/* The default print folder. */
static char *
default_print_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/miz/print", xdg);
	const char *home = getenv("HOME");
	return xasprintf(
	    "%s/.local/share/miz/print", home != NULL && *home != '\0' ? home : ".");
}

/* The field of a key in a configuration. */
static char **
slot(struct miz_conf *c, int i)
{
	switch (i) {
	case 0:
		return &c->print_command;
	case 1:
		return &c->print_dir;
	case 2:
		return &c->paper;
	default:
		return &c->bidi;
	}
}

char *
conf_check(const char *key, const char *value)
{
	int i = key_index(key);
	if (i < 0)
		return xasprintf(_("unknown setting '%s': see miz config"), key);
	if (!text_valid_utf8(value))
		return xasprintf(_("%s: the value is not valid UTF-8"), key);
	for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return xasprintf(_("%s: the value has a control character"), key);
	}
	if (strlen(value) > 1000)
		return xasprintf(_("%s: the value is longer than 1000 bytes"), key);
	if (strcmp(key, "paper") == 0 && strcmp(value, "a5") != 0 && strcmp(value, "roll80") != 0)
		return xstrdup(_("paper must be a5 or roll80"));
	if (strcmp(key, "bidi") == 0 && strcmp(value, "miz") != 0 && strcmp(value, "terminal") != 0)
		return xstrdup(_("bidi must be miz or terminal"));
	if (strcmp(key, "print_dir") == 0 && *value != '\0' && *value != '/')
		return xstrdup(_("print_dir must be an absolute path (starting with /)"));
	if (strcmp(key, "print_command") == 0 && *value != '\0') {
		char *cause = NULL;
		char **argv = conf_split_command(value, &cause);
		if (argv == NULL)
			return cause;
		conf_free_argv(argv);
	}
	return NULL;
}

/* Fills the defaults. */
static void
defaults(struct miz_conf *c)
{
	c->print_command = xstrdup("lp");
	c->print_dir = default_print_dir();
	c->paper = xstrdup("a5");
	c->bidi = xstrdup("miz");
}

/* Strips white space at both ends, in place. */
static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

int
conf_load(struct miz_conf *c, char **cause)
{
	defaults(c);
	char *path = conf_path();
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		int e = errno;
		if (e == ENOENT) {
			free(path);
			return 0;
		}
		if (cause != NULL)
			*cause = xasprintf(_("cannot read %s: %s"), path, strerror(e));
		free(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rc = 0;
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			if (rc == 0 && cause != NULL)
				*cause = xasprintf(_("%s:%d: expected KEY = VALUE"), path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		char *bad = conf_check(key, value);
		if (bad != NULL) {
			if (rc == 0 && cause != NULL)
				*cause = xasprintf("%s:%d: %s", path, lineno, bad);
			free(bad);
			rc = -1;
			continue;
		}
		char **f = slot(c, key_index(key));
		free(*f);
		if (strcmp(key, "print_dir") == 0 && *value == '\0')
			*f = default_print_dir();
		else
			*f = xstrdup(value);
	}
	free(line);
	fclose(fp);
	free(path);
	return rc;
}

void
conf_free(struct miz_conf *c)
{
	free(c->print_command);
	free(c->print_dir);
	free(c->paper);
	free(c->bidi);
	memset(c, 0, sizeof *c);
}

int
conf_make_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return 0;
}

char *
conf_folder_of(const char *path)
{
	char *dir = xasprintf("%s%s", path, "  "); /* room for "." */
	dir[strlen(path)] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

mode_t
conf_private_mode(const char *path)
{
	char *dir = conf_folder_of(path);
	struct stat sb;
	mode_t mode = 0600;
	/* The office install: a folder the group may write (a `miz` group). */
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_IWGRP) != 0)
		mode = 0660;
	free(dir);
	return mode;
}

FILE *
conf_fopen_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	/* Exactly this mode, whatever the umask; an existing file's too, but
	 * never a device's (-o /dev/stdout, /dev/null). */
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && fchmod(fd, conf_private_mode(path)) != 0 &&
	    errno != EPERM) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	FILE *fp = fdopen(fd, "w");
	if (fp == NULL) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/* Creates the folders above a file. */
static int
make_parent(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		rc = conf_make_dirs(dir);
	}
	free(dir);
	return rc;
}

int
conf_set(const char *key, const char *value, char **cause)
{
	char *bad = conf_check(key, value);
	if (bad != NULL) {
		*cause = bad;
		return -1;
	}
	char *path = conf_path();
	/* Keep every other line (comments too); replace or add this key. */
	char *tmp = xasprintf("%s.new", path);
	FILE *in = fopen(path, "r");
	FILE *out = NULL;
	int rc = -1;
	if (make_parent(path) != 0 || (out = fopen(tmp, "w")) == NULL) {
		*cause = xasprintf(_("cannot write %s: %s"), tmp, strerror(errno));
		goto done;
	}
	bool done_key = false;
	if (in != NULL) {
		char *line = NULL;
		size_t cap = 0;
		while (getline(&line, &cap, in) != -1) {
			char *copy = xstrdup(line);
			char *s = trim(copy);
			char *eq = strchr(s, '=');
			bool same = false;
			if (*s != '#' && eq != NULL) {
				*eq = '\0';
				same = strcmp(trim(s), key) == 0;
			}
			free(copy);
			if (same) {
				if (!done_key)
					fprintf(out, "%s = %s\n", key, value);
				done_key = true;
				continue;
			}
			fputs(line, out);
			if (line[0] != '\0' && line[strlen(line) - 1] != '\n')
				fputc('\n', out);
		}
		free(line);
	}
	if (!done_key)
		fprintf(out, "%s = %s\n", key, value);
	if (fclose(out) != 0) {
		out = NULL;
		*cause = xasprintf(_("cannot write %s: %s"), tmp, strerror(errno));
		unlink(tmp);
		goto done;
	}
	out = NULL;
	if (rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot write %s: %s"), path, strerror(errno));
		unlink(tmp);
		goto done;
	}
	rc = 0;
done:
	if (in != NULL)
		fclose(in);
	free(tmp);
	free(path);
	return rc;
}

char **
conf_split_command(const char *command, char **cause)
{
	size_t n = 0;
	char **argv = xreallocarray(NULL, strlen(command) + 2, sizeof *argv);
	const char *p = command;
	char *word = xmalloc(strlen(command) + 1);
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		size_t w = 0;
		while (*p != '\0' && *p != ' ' && *p != '\t') {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p != '\0' && *p != q)
					word[w++] = *p++;
				if (*p != q) {
					*cause = xstrdup(_("the print command has a quote that is not closed"));
					argv[n] = NULL;
					conf_free_argv(argv);
					free(word);
					return NULL;
				}
				p++;
			} else {
				word[w++] = *p++;
			}
		}
		word[w] = '\0';
		argv[n++] = xstrdup(word);
	}
	free(word);
	argv[n] = NULL;
	if (n == 0) {
		*cause = xstrdup(_("the print command is empty"));
		conf_free_argv(argv);
		return NULL;
	}
	return argv;
}

void
conf_free_argv(char **argv)
{
	if (argv == NULL)
		return;
	for (char **a = argv; *a != NULL; a++)
		free(*a);
	free(argv);
}
