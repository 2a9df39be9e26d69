/* Memory wrappers that never return NULL: on exhaustion they abort. */
#ifndef MIZ_XMALLOC_H
#define MIZ_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of n elements of size bytes each, checking for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Sets *cause (when cause is not NULL) to a formatted message; returns -1. */
int miz_fail(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
