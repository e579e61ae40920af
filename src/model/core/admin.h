/* Administration of the database file: creation, backup, checks. */
#ifndef RENDA_ADMIN_H
#define RENDA_ADMIN_H

#include <sqlite3.h>
#include <stdbool.h>

#include "util/sbuf.h"

/*
 * Creates the database at path with the schema and reference data, and
 * registers the running account as administrator. Refuses an existing file;
 * removes a half-made one on failure.
 */
/*
 * With site (a town's name or code), the database is that town's own site
 * (DESIGN 4.8): its records take ids from the town's range and its numbers the
 * town's code; NULL makes the city's database.
 */
int admin_init(const char *path, const char *site, sqlite3 **out);
/*
 * Copies the open database to path with SQLite's online backup API (a
 * consistent snapshot while others write), as util/outfile.h writes files
 * with personal data, and a copy of its audit key to path + ".key". Refuses
 * existing files unless force.
 */
int admin_backup(sqlite3 *db, const char *path, bool force);
/*
 * The same, into DIR/backups/NAME-YYYYMMDD-HHMMSS.db beside the database (DIR/NAME.db),
 * with the rights of the group of a setgid install; *path is the new file (caller frees).
 * Its audit key goes beside it, as with admin_backup().
 */
int admin_backup_home(sqlite3 *db, char **path);
/* Removes a database file and its -wal, -shm and -journal companions and its audit key. */
void admin_remove_files(const char *path);
/* The suffixes of a database's files after its path ("" the database itself, "-wal" ...,
   ".key" its audit key), NULL-terminated. */
extern const char *const admin_file_suffixes[];
/*
 * Integrity check, foreign keys and the audit chain, findings appended to
 * report (RD_FAIL when one is wrong); and what needs a clerk's attention
 * without being wrong, one line each appended to warnings: from 1 November,
 * next year's holidays not yet loaded (and this year's, any day); roster
 * values that need correcting (an ethnicity not among the 56, one resident
 * ID held twice as ...x and ...X).
 */
int admin_check(sqlite3 *db, struct sbuf *report, struct sbuf *warnings);

#endif
