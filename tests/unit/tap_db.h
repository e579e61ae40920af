/* A unit test's database: a new one with the schema, in a temporary directory of its own. */
#ifndef RENDA_TAP_DB_H
#define RENDA_TAP_DB_H

#include <stdio.h>
#include <stdlib.h>

#include "model/core/db.h"
#include "tap.h"
#include "util/err.h"
#include "util/xalloc.h"

struct tap_db {
	char dir[64];
	sqlite3 *db;
};

/*
 * Makes /tmp/renda-WHAT.XXXXXX and a database in it with the source tree's schema
 * (RENDA_DATADIR, unless the environment names another): a test point says whether it
 * was made. Returns it (t->db), NULL when it could not be.
 */
static inline sqlite3 *tap_db_new(struct tap_db *t, const char *what)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/renda-%s.XXXXXX", what);
	t->db = NULL;
	if (!mkdtemp(t->dir)) {
		ok(0, "a temporary directory for the database");
		return NULL;
	}
	setenv("RENDA_DATADIR", ABS_SRCDIR "/data", 0);
	char *path = xasprintf("%s/t.db", t->dir);
	int rc = db_create(path, &t->db);
	ok(rc == RD_OK, "a new database is created with the schema (%s)", err_msg());
	free(path);
	return t->db;
}

/* Closes the database and removes its directory. */
static inline void tap_db_end(struct tap_db *t)
{
	db_close(t->db);
	t->db = NULL;
	tap_remove_dir(t->dir);
}

#endif
