/*
 * make bench: what recording the towns' exchange costs a write. On a new database,
 * N voter issues are added and each taken two steps (forward, assign), every write
 * its own transaction as the console and the CLI make them: first while the
 * database exchanges with no one (nothing recorded), then once it has a site's key
 * (each transaction recorded by the session extension into sync_log). Prints the
 * time of a write both ways and the bytes recorded.
 * Usage: syncbench N DIR
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/case/case.h"
#include "model/core/admin.h"
#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/flow/flow.h"
#include "util/err.h"
#include "util/xalloc.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* n cases, each added, forwarded and assigned: 3n write transactions. Seconds. */
static double writes(sqlite3 *db, const struct scope *sc, const char *code, int n)
{
	static int made; /* every case its own title: the same one twice is refused */
	double t0 = now();
	for (int i = 0; i < n; i++) {
		char title[64];
		snprintf(title, sizeof title, "路灯不亮第%d处", ++made);
		struct case_new c = {.deputy = code,
		                     .category = "城市建设",
		                     .title = title,
		                     .content = "夜间出行不便，请尽快修复。",
		                     .channel = "phone"};
		int64_t id;
		struct flow_args a = {.unit = "平湖市住房和城乡建设局"};
		struct flow_args none = {0};
		if (case_add(db, sc, &c, &id) ||
		    flow_act(db, sc, &case_flow, id, "forward", &none) ||
		    flow_act(db, sc, &case_flow, id, "assign", &a)) {
			fprintf(stderr, "syncbench: %s\n", err_msg());
			exit(1);
		}
	}
	return now() - t0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: syncbench N DIR\n");
		return 2;
	}
	int n = atoi(argv[1]);
	char *path = xasprintf("%s/syncbench.db", argv[2]);
	sqlite3 *db;
	struct scope sc;
	if (admin_init(path, NULL, &db) || scope_load(db, &sc)) {
		fprintf(stderr, "syncbench: %s\n", err_msg());
		return 1;
	}
	const char *vals[DF_COUNT] = {0};
	vals[DF_NAME] = "沈建国";
	vals[DF_RESIDENT_ID] = "330482197001010011";
	vals[DF_LEVEL] = "city";
	vals[DF_TOWN] = "乍浦镇";
	int64_t dep;
	char *code = NULL;
	if (deputy_add(db, &sc, vals, &dep) ||
	    db_text(db, &code, "SELECT code FROM deputy WHERE id = ?", "i", dep)) {
		fprintf(stderr, "syncbench: %s\n", err_msg());
		return 1;
	}
	writes(db, &sc, code, n / 10 + 1); /* warm the caches */
	double off = writes(db, &sc, code, n);
	db_begin(db);
	db_end(db, db_run(db,
	                  "INSERT INTO sync_peer (site, key, key_id, keyed_at, keyed_by) VALUES "
	                  "(4, '00', 'bench', '2026-03-02', 'bench')",
	                  ""));
	double on = writes(db, &sc, code, n);
	int64_t entries = 0, bytes = 0;
	db_int(db, &entries, "SELECT count(*) FROM sync_log", "");
	db_int(db, &bytes, "SELECT coalesce(sum(length(changeset)), 0) FROM sync_log", "");
	printf("%d writes (case add, forward, assign) without an exchange: %.3f ms a write\n",
	       3 * n, off * 1000 / (3 * n));
	printf("%d writes while the database exchanges with a site: %.3f ms a write (%+.1f%%)\n",
	       3 * n, on * 1000 / (3 * n), (on - off) * 100 / off);
	printf("recorded: %lld entries, %lld bytes (%.0f bytes a write)\n", (long long)entries,
	       (long long)bytes, entries ? (double)bytes / (double)entries : 0.0);
	free(code);
	scope_free(&sc);
	db_close(db);
	free(path);
	return 0;
}
