/*
 * Unit tests of the towns' exchange (model/sync): every table of the schema either
 * travels (a module of the registry or the reference data names it) or is declared
 * each database's own or derived, so a new module's tables fail here until its
 * registry row says how its records travel; each kind of record is named once; and
 * a write is recorded only while the database exchanges with a site.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/sync/sync.h"
#include "modules.h"
#include "tap.h"
#include "tap_db.h"
#include "util/err.h"
#include "util/xalloc.h"

static void test_tables(sqlite3 *db)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", "");
	int n = 0, bad = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = db_col(st, 0);
		n++;
		bool synced = sync_table_synced(t);
		const char *local = sync_table_local(t);
		if (synced == (local != NULL)) {
			bad++;
			ok(0, "table %s: %s", t,
			   synced
			       ? "both travels and is declared local"
			       : "neither travels nor is declared local: name it in its module's "
			         "sync_def (parts, derived) or in model/sync/tables.c");
		}
	}
	sqlite3_finalize(st);
	ok(n > 20 && !bad, "each of the schema's %d tables travels or is declared local", n);

	const char *table, *kind;
	int missing = 0, i;
	for (i = 0; sync_table_nth(i, &table, &kind); i++) {
		int64_t there = 0;
		db_int(db, &there,
		       "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", "t",
		       table);
		if (!there) {
			missing++;
			ok(0, "table %s (kind %s) travels but the schema has no such table", table,
			   kind);
		}
	}
	ok(i > 20 && !missing, "each of the %d tables that travel is in the schema", i);

	/* A kind of record is a module's or a reference kind's, never both. */
	int clash = 0;
	for (int m = 0; m < nmodules; m++)
		if (ref_kind_find(modules[m].name)) {
			clash++;
			ok(0, "module %s has the name of a reference kind", modules[m].name);
		}
	ok(!clash, "no module is named as a reference kind");
	int unsynced = 0;
	for (int m = 0; m < nmodules; m++)
		if (!modules[m].sync == !modules[m].stays) {
			unsynced++;
			ok(0,
			   "module %s says neither or both how its records travel (modules[].sync) "
			   "and that they stay (modules[].stays)",
			   modules[m].name);
		}
	ok(!unsynced,
	   "every module of the registry says how its records travel, or that they stay");
}

static void test_capture(sqlite3 *db)
{
	int64_t n = -1;
	db_begin(db);
	db_run(db, "INSERT INTO category (code, name) VALUES ('T1', '测试一')", "");
	db_end(db, RD_OK);
	db_int(db, &n, "SELECT count(*) FROM sync_log", "");
	is_int(n, 0, "a database that exchanges with no one records nothing");

	db_begin(db);
	db_run(db,
	       "INSERT INTO sync_peer (site, key, key_id, keyed_at, keyed_by) VALUES (4, "
	       "'00', 'x', '2026-03-02', 'test')",
	       "");
	db_end(db, RD_OK);
	db_begin(db);
	db_run(db, "INSERT INTO category (code, name) VALUES ('T2', '测试二')", "");
	db_run(db, "INSERT INTO meta (key, value) VALUES ('unit-test', '1')", "");
	db_end(db, RD_OK);
	db_int(db, &n, "SELECT count(*) FROM sync_log", "");
	is_int(n, 1, "once it does, a write transaction is one entry");
	db_begin(db);
	db_run(db, "UPDATE category SET sort = sort + 1", "");
	is_int(sqlite3_changes(db), 2, "(a change that is then rolled back)");
	db_end(db, RD_FAIL);
	db_int(db, &n, "SELECT count(*) FROM sync_log", "");
	is_int(n, 1, "a transaction rolled back leaves none");
	db_begin(db);
	db_run(db, "UPDATE meta SET value = '2' WHERE key = 'unit-test'", "");
	db_end(db, RD_OK);
	db_int(db, &n, "SELECT count(*) FROM sync_log", "");
	is_int(n, 1, "nor one that changed only what stays in the database");
}

int main(void)
{
	struct tap_db t;
	if (tap_db_new(&t, "sync")) {
		test_tables(t.db);
		test_capture(t.db);
		tap_db_end(&t);
	}
	return tap_done();
}
