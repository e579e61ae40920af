/*
 * The privileges of a setgid installation. The installed renda is setgid to the
 * group that alone may enter the database directory (e.g. "renda"); clerks are not
 * in it, so they reach the database only through renda. priv_init() gives the group
 * up at once (the effective group becomes the real one) and remembers it: it is
 * taken back only around opening and closing the database and reading its audit
 * key, so every file a person names (exports, reports, QR images, configuration) is
 * read and written with that person's own rights. Outside a setgid run every
 * function here does nothing.
 */
#ifndef RENDA_PRIV_H
#define RENDA_PRIV_H

#include <stdbool.h>
#include <sys/types.h>

/* Call first in main(): notes whether this is a setgid run and lowers the group. */
void priv_init(void);
/* True in a setgid run (the effective group differed from the real one at start),
   until priv_drop(). */
bool priv_setgid(void);
/* True when the caller is root (real uid 0). */
bool priv_root(void);
/* The group of a setgid run (its gid); the real group otherwise. */
gid_t priv_group(void);
/* Takes the group back for the database's own files; balanced by priv_lower(). */
void priv_raise(void);
/* Gives the group up again (effective = real group). */
void priv_lower(void);
/*
 * Gives the group up for good (real, effective and saved), for a run that an
 * administrator pointed at another database or configuration. Not reversible.
 */
void priv_drop(void);
/*
 * A setgid run keeps only the environment it needs, with checked values: TERM, the
 * locale variables, TZ, NO_COLOR, ESCDELAY, COLUMNS, LINES, RENDA_NOW (an as-of time
 * for reads), HOME and XDG_CONFIG_HOME (until priv_forget_home()), and a fixed PATH.
 */
void priv_clean_env(void);
/* Removes HOME and XDG_*: after the configuration is read, nothing else needs them. */
void priv_forget_home(void);

#endif
