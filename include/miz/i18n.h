/* gettext marking for every user-visible string. */
#ifndef MIZ_I18N_H
#define MIZ_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(s) (s)

#endif
