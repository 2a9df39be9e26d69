/*
 * The clerk's own configuration: what belongs to this machine and this
 * terminal, never to the shared database (which every clerk's desk reads).
 * A file of "key = value" lines: $MIZ_CONFIG, else
 * $XDG_CONFIG_HOME/miz/miz.conf, else ~/.config/miz/miz.conf.
 */
#ifndef MIZ_CONF_H
#define MIZ_CONF_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct miz_conf {
	char *print_command; /* run as argv (no shell) with the PDF last; "" only writes files */
	char *print_dir; /* where printed files are kept */
	char *paper; /* "a5" or "roll80" */
	char *bidi; /* "miz": miz lays out right-to-left text; "terminal": left to it */
};

/* The configuration file's path (a new string). */
char *conf_path(void);
/*
 * Reads the file (a missing one gives the defaults: print command "lp",
 * print folder $XDG_DATA_HOME/miz/print or ~/.local/share/miz/print, paper
 * a5, bidi miz).  Unknown keys and bad values are reported with the file's
 * line; 0 or -1 with *cause (the defaults are filled either way).
 */
int conf_load(struct miz_conf *out /* OUT */, char **cause);
void conf_free(struct miz_conf *c);
/* True when key names a setting of this file. */
bool conf_known(const char *key);
/* The help line of a key (translated), or NULL. */
const char *conf_help(const char *key);
/* Checks a value for a key: NULL, or a message (a new string). */
char *conf_check(const char *key, const char *value);
/* Sets one key in the file (written anew, then renamed over the old one). */
int conf_set(const char *key, const char *value, char **cause);
/* The keys, in the order they are listed; NULL-terminated. */
extern const char *const conf_keys[];
/* Makes a folder and the folders above it, private to the clerk (0700:
 * printouts and configuration hold personal data); 0 or -1 with errno. */
int conf_make_dirs(const char *path);
/*
 * Files with personal data (the database, printouts, exports, reports) are
 * private: 0600, or 0660 in a folder its group may write (the office
 * install, a `miz` group).  The mode for a new file at path.
 */
mode_t conf_private_mode(const char *path);
/* The folder a file is in ("." for a bare name, "/" at the root); a new string. */
char *conf_folder_of(const char *path);
/* Creates (or truncates) a file for writing with that mode, whatever the
 * umask.  NULL with errno on failure. */
FILE *conf_fopen_private(const char *path);
/* Splits a command into words at spaces, with "..." and '...' quoting (no
 * shell).  Returns a NULL-terminated array (free with conf_free_argv), or
 * NULL with *cause when a quote is not closed or there is no word. */
char **conf_split_command(const char *command, char **cause);
void conf_free_argv(char **argv);

#endif
