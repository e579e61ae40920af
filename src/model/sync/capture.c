/*
 * Capture: while a database has a site to exchange with, each write transaction
 * runs under a session (SQLite's session extension) of the tables that travel, and
 * its changeset is kept in sync_log before the commit, in the same transaction.
 * Nothing is recorded while the database exchanges with no one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/core/db.h"
#include "model/sync/sync_int.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"

/* One per open database (a process opens one or two). */
struct cap {
	sqlite3 *db;
	sqlite3_session *s;
	bool paused;
	int origin; /* the site whose file the transaction applies, -1 for changes made here */
	int peer;   /* the site a 'forced' entry is for */
};
#define CAP_SLOTS 16
static struct cap caps[CAP_SLOTS];

static struct cap *cap_of(sqlite3 *db, bool make)
{
	struct cap *free_slot = NULL;
	for (int i = 0; i < CAP_SLOTS; i++) {
		if (caps[i].db == db)
			return &caps[i];
		if (!caps[i].db && !free_slot)
			free_slot = &caps[i];
	}
	if (!make || !free_slot)
		return NULL;
	memset(free_slot, 0, sizeof *free_slot);
	free_slot->db = db;
	free_slot->origin = -1;
	return free_slot;
}

static int table_filter(void *ctx, const char *table)
{
	(void)ctx;
	return sync_table_synced(table);
}

/* Whether the database exchanges with any site (its schema has the tables, and a key). */
static bool exchanging(sqlite3 *db)
{
	/* The table looked up in the schema SQLite holds parsed, not in sqlite_schema: a
	   scan of its 460 rows was a fifth of a workflow step under the write lock. */
	if (sqlite3_table_column_metadata(db, "main", "sync_peer", NULL, NULL, NULL, NULL, NULL,
	                                  NULL) != SQLITE_OK)
		return false;
	int64_t n = 0;
	db_int(db, &n, "SELECT EXISTS (SELECT 1 FROM sync_peer)", "");
	return n != 0;
}

int sync_capture_warm(sqlite3 *db)
{
	(void)exchanging(db);
	return RD_OK;
}

int sync_capture_begin(sqlite3 *db)
{
	struct cap *c = cap_of(db, true);
	if (!c)
		return err_set(RD_FAIL, _("too many databases open at once"));
	c->origin = -1;
	if (c->s) {
		sqlite3session_delete(c->s);
		c->s = NULL;
	}
	if (c->paused || !exchanging(db))
		return RD_OK;
	int src = sqlite3session_create(db, "main", &c->s);
	if (src == SQLITE_OK) {
		sqlite3session_table_filter(c->s, table_filter, NULL);
		src = sqlite3session_attach(c->s, NULL);
	}
	if (src != SQLITE_OK) {
		sqlite3session_delete(c->s);
		c->s = NULL;
		return err_set(RD_FAIL, _("cannot record the changes for the towns' exchange: %s"),
		               sqlite3_errstr(src));
	}
	return RD_OK;
}

int sync_log_add(sqlite3 *db, const void *p, int n, int origin, const char *kind, int peer,
                 const char *rkind, int64_t rid, int64_t *entry)
{
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	sqlite3_stmt *st = db_prepare(db,
	                              "INSERT INTO sync_log (at, origin, peer, kind, rkind, rid, "
	                              "changeset) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                              "t", at);
	if (!st)
		return RD_FAIL;
	if (origin >= 0)
		sqlite3_bind_int(st, 2, origin);
	if (peer >= 0)
		sqlite3_bind_int(st, 3, peer);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	if (rkind) {
		sqlite3_bind_text(st, 5, rkind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, rid);
	}
	sqlite3_bind_blob(st, 7, n ? p : "", n, SQLITE_STATIC);
	int src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE)
		return db_fail(db, _("record the changes for the towns' exchange"));
	if (entry)
		*entry = sqlite3_last_insert_rowid(db);
	return RD_OK;
}

int sync_capture_end(sqlite3 *db, int rc)
{
	struct cap *c = cap_of(db, false);
	if (!c || !c->s)
		return rc;
	if (rc == RD_OK && !sqlite3session_isempty(c->s)) {
		int n = 0;
		void *p = NULL;
		int src = sqlite3session_changeset(c->s, &n, &p);
		if (src != SQLITE_OK)
			rc = err_set(RD_FAIL,
			             _("cannot record the changes for the towns' exchange: %s"),
			             sqlite3_errstr(src));
		else if (n > 0)
			rc = sync_log_add(db, p, n, c->origin, "changes", -1, NULL, 0, NULL);
		sqlite3_free(p);
	}
	sqlite3session_delete(c->s);
	c->s = NULL;
	c->origin = -1;
	return rc;
}

void sync_capture_drop(sqlite3 *db)
{
	struct cap *c = cap_of(db, false);
	if (!c)
		return;
	if (c->s)
		sqlite3session_delete(c->s);
	c->s = NULL;
	c->origin = -1;
	if (sqlite3_get_autocommit(db) && !c->paused)
		c->db = NULL; /* closing, or between transactions: the slot is free again */
}

void sync_capture_pause(sqlite3 *db, bool pause)
{
	struct cap *c = cap_of(db, true);
	if (c)
		c->paused = pause;
}

void sync_capture_origin(sqlite3 *db, int site)
{
	struct cap *c = cap_of(db, false);
	if (c)
		c->origin = site;
}
