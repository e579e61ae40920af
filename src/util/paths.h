/* Where renda finds its data files (migrations, reference data, forms) and its system
 * configuration. */
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
/*
 * The system configuration file, SYSCONFDIR/renda.conf. Only a renda that runs from
 * its build tree (the test suite's) takes the directory from $RENDA_SYSCONFDIR, and
 * never in a setuid or setgid run: the suite never reads the host's file, and an
 * installed renda always reads the administrator's. Returns a new string; caller frees.
 */
char *paths_sysconf_file(void);
/* Returns a new path: dir + "/" + name; caller frees. */
char *paths_join(const char *dir, const char *name);
/* Creates the parent directories of path (mode 0775); RD_OK or RD_FAIL. */
int paths_make_parents(const char *path);

#endif
