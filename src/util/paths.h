/* Where renda finds its data files (migrations, reference data, forms). */
#ifndef RENDA_PATHS_H
#define RENDA_PATHS_H

/*
 * The data directory: $RENDA_DATADIR when set; the source tree's data/ when
 * the program runs from its build tree; otherwise the installed one (always,
 * in a setgid run).
 */
const char *paths_datadir(void);
/* The forms directory, chosen the same way. */
const char *paths_formsdir(void);
/* Returns a new path: dir + "/" + name; caller frees. */
char *paths_join(const char *dir, const char *name);
/* Creates the parent directories of path (mode 0775); RD_OK or RD_FAIL. */
int paths_make_parents(const char *path);

#endif
