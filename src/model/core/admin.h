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
int admin_init(const char *path, sqlite3 **out);
/*
 * Copies the open database to path with SQLite's online backup API (a
 * consistent snapshot while others write), as util/outfile.h writes files
 * with personal data. Refuses an existing file unless force.
 */
int admin_backup(sqlite3 *db, const char *path, bool force);
/* Removes a database file and its -wal, -shm and -journal companions. */
void admin_remove_files(const char *path);
/* Integrity check, foreign keys and the audit chain; findings appended to report. */
int admin_check(sqlite3 *db, struct sbuf *report);

#endif
