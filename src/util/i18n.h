/* gettext shorthands. msgids are English; po/zh_CN.po carries the Chinese. */
#ifndef RENDA_I18N_H
#define RENDA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext((one), (many), (n))
/* A msgid in a context (msgctxt), for a word that means different things: NC_("kind", "town"). */
#define NC_(ctx, s) (s)
/* A singular and plural msgid pair kept for P_ later: two initializers of a table row. */
#define NP_(one, many) (one), (many)

#endif
