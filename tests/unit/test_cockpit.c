/*
 * Which tables the cockpit's kept figures hang on (schemas 24 and 27): the triggers that
 * delete what is kept of a past day sit on exactly the tables the figures of a past day
 * are computed from. SQLite's authorizer names each table a statement reads as the
 * statement is prepared; the cockpit of a demo database is computed as of past days, for
 * every role and both periods, with it on. Each table read (but those that need no
 * triggers, data/migrations/0024-cockpit-kept.sql) must have its three, and no table
 * that is never read any.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/cockpit/cockpit.h"
#include "model/core/db.h"
#include "model/core/demo.h"
#include "model/core/scope.h"
#include "tap.h"
#include "util/err.h"
#include "util/xalloc.h"

#define MAX_READ 256
static char *read_tables[MAX_READ];
static int nread;

static int on_authorize(void *unused, int action, const char *table, const char *column,
                        const char *schema, const char *inner)
{
	(void)unused;
	(void)column;
	(void)inner;
	if (action != SQLITE_READ || !table || !schema || strcmp(schema, "main"))
		return SQLITE_OK;
	for (int i = 0; i < nread; i++)
		if (!strcmp(read_tables[i], table))
			return SQLITE_OK;
	if (nread < MAX_READ)
		read_tables[nread++] = xstrdup(table);
	return SQLITE_OK;
}

static bool was_read(const char *table)
{
	for (int i = 0; i < nread; i++)
		if (!strcmp(read_tables[i], table))
			return true;
	return false;
}

/* The day n days before today, "YYYY-MM-DD". */
static void days_ago(int n, char out[16])
{
	time_t t = time(NULL) - (time_t)n * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The account running the test takes role (bound to the town or unit where named). */
static bool take_role(sqlite3 *db, struct scope *sc, const char *role, const char *town,
                      const char *unit)
{
	scope_free(sc);
	if (db_run(db,
	           "UPDATE app_user SET role = ?, town_id = (SELECT id FROM town WHERE name = ?), "
	           "unit_id = (SELECT id FROM unit WHERE code = ?) WHERE login = ?",
	           "tttt", role, town, unit, ident_login()))
		return false;
	return scope_load(db, sc) == RD_OK;
}

static void read_cockpits(sqlite3 *db)
{
	static const struct {
		const char *role, *town, *unit;
	} roles[] = {
	    {"admin", NULL, NULL},          {"city-clerk", NULL, NULL}, {"viewer", NULL, NULL},
	    {"town-clerk", "乍浦镇", NULL}, {"unit", NULL, "D-JTJ"},
	};
	static const int ago[] = {1, 40, 400};
	struct scope sc = {0};
	sqlite3_set_authorizer(db, on_authorize, NULL);
	/* The statements opening the database prepared (and keeps) are counted as read too:
	   the authorizer sees a statement only as it is prepared. */
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
		sqlite3_stmt *again = NULL;
		sqlite3_prepare_v2(db, sqlite3_sql(st), -1, &again, NULL);
		sqlite3_finalize(again);
	}
	for (int r = 0; r < N_OF(roles); r++) {
		if (!take_role(db, &sc, roles[r].role, roles[r].town, roles[r].unit)) {
			ok(0, "the account takes the role %s (%s)", roles[r].role, err_msg());
			continue;
		}
		int computed = 0;
		for (int a = 0; a < N_OF(ago); a++)
			for (int p = COCKPIT_YEAR; p <= COCKPIT_MONTH; p++) {
				char day[16];
				days_ago(ago[a], day);
				struct cockpit_query q = {day, (enum cockpit_period)p};
				struct cockpit ck;
				db_run(db, "DELETE FROM cockpit_kept", "");
				if (cockpit_compute(db, &sc, &q, &ck) == RD_OK) {
					computed += ck.np > 0;
					cockpit_free(&ck);
				} else
					printf("# as of %s: %s\n", day, err_msg());
			}
		is_int(computed, N_OF(ago) * 2,
		       "the cockpit of %s, as of three past days, by year "
		       "and by month",
		       roles[r].role);
	}
	sqlite3_set_authorizer(db, NULL, NULL);
	scope_free(&sc);
}

/* The tables whose changes never move a kept figure, or that are not records at all. */
static bool needs_none(const char *t)
{
	static const char *const none[] = {
	    "audit",        "meta",        "app_user",         "tx_number",    "points_total",
	    "points_stale", "vcase_tally", "suggestion_tally", "cockpit_kept", NULL,
	};
	for (int i = 0; none[i]; i++)
		if (!strcmp(t, none[i]))
			return true;
	return !strncmp(t, "sync_", 5) || !strncmp(t, "sqlite_", 7) || strstr(t, "_fts") ||
	       strstr(t, "_chars");
}

static void check_triggers(sqlite3 *db)
{
	ok(nread > 20, "the cockpit read %d tables", nread);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT t.name, (SELECT count(*) FROM sqlite_schema g WHERE g.type = 'trigger' AND "
	    "g.tbl_name = t.name AND g.name GLOB 'kept_*') FROM sqlite_schema t WHERE t.type = "
	    "'table' ORDER BY t.name",
	    "");
	int kept = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = db_col(st, 0);
		int n = sqlite3_column_int(st, 1);
		if (was_read(t) && !needs_none(t)) {
			is_int(n, 3,
			       "%s, which a figure reads: a change to it deletes the kept days", t);
			kept++;
		} else if (n)
			ok(0,
			   "%s has %d triggers that delete the kept days, but no figure reads it",
			   t, n);
	}
	sqlite3_finalize(st);
	ok(kept > 20, "%d tables hold what the figures are computed from", kept);
}

int main(void)
{
	char tmpl[] = "/tmp/renda-cockpit.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		return 99;
	setenv("RENDA_DATADIR", ABS_SRCDIR "/data", 0);
	char *path = xasprintf("%s/t.db", dir);
	struct demo_opts o = {.scale = 1, .seed = 1};
	int made = demo_build(path, &o);
	ok(made == RD_OK, "a demo database is made%s%s", made ? ": " : "", made ? err_msg() : "");
	sqlite3 *db = NULL;
	if (db_open(path, &db) == RD_OK) {
		read_cockpits(db);
		check_triggers(db);
		db_close(db);
	} else
		ok(0, "the demo opens (%s)", err_msg());
	for (int i = 0; i < nread; i++)
		free(read_tables[i]);
	free(path);
	tap_remove_dir(dir);
	return tap_done();
}
