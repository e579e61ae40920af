/*
 * make bench helper (tests/bench/scale.sh): times, inside one process on an open
 * database, what a clerk waits for (a search's first page, a list's first page and
 * its count, a table of statistics, a pattern's first page) beside the bare SQLite
 * query a user could run instead, on the same connection. Each figure is the best
 * of five runs, in milliseconds; a line a figure: "name<TAB>renda ms<TAB>anchor ms<TAB>note".
 * Usage: speedbench DB YEAR
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/case/case.h"
#include "model/case/case_stats.h"
#include "model/core/db.h"
#include "model/core/module.h"
#include "model/core/pager.h"
#include "model/core/scope.h"
#include "model/stat/stat.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/xalloc.h"

#define RUNS 5

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static sqlite3 *db;
static struct scope sc;
static long found; /* rows of the last run, for the note */

/* Runs sql to its end (its rows counted in found). */
static void bare(const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, "");
	if (!st) {
		fprintf(stderr, "speedbench: %s: %s\n", sql, err_msg());
		exit(1);
	}
	found = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		found++;
	sqlite3_finalize(st);
}

/* The first page (50 rows) of the case list with one filter, and with count its count. */
static void first_page(const char *key, const char *val, bool count)
{
	struct filter f = {0};
	if (key)
		filter_set(&f, key, val);
	struct pager *p;
	if (case_model.listing(db, &sc, &f, &p)) {
		fprintf(stderr, "speedbench: list %s %s: %s\n", key ? key : "", val ? val : "",
		        err_msg());
		exit(1);
	}
	struct pager_row *rows;
	int n;
	if (pager_fetch(p, PAGER_FIRST, NULL, 50, &rows, &n)) {
		fprintf(stderr, "speedbench: page: %s\n", err_msg());
		exit(1);
	}
	found = n;
	pager_rows_free(rows, n, pager_def(p)->ncols);
	if (count) {
		int64_t all = 0;
		pager_forget_counts(NULL); /* the count itself, not the one kept */
		if (pager_count(p, 0, &all)) {
			fprintf(stderr, "speedbench: count: %s\n", err_msg());
			exit(1);
		}
		found = (long)all;
	}
	pager_free(p);
}

static int year;

static void stats_by(int by)
{
	struct stat_query q = {.year = year};
	struct stat_table t;
	if (case_stats(db, &sc, &q, by, &t)) {
		fprintf(stderr, "speedbench: stats: %s\n", err_msg());
		exit(1);
	}
	found = t.n;
	stat_table_free(&t);
}

/* Best of RUNS of fn, in ms. */
#define BEST(expr)                                                                                 \
	({                                                                                         \
		double best_ = 1e99;                                                               \
		for (int r_ = 0; r_ < RUNS; r_++) {                                                \
			double t0_ = now_ms();                                                     \
			expr;                                                                      \
			double t_ = now_ms() - t0_;                                                \
			if (t_ < best_)                                                            \
				best_ = t_;                                                        \
		}                                                                                  \
		best_;                                                                             \
	})

static void line(const char *name, double renda, long rn, double anchor, long an,
                 const char *anchor_text)
{
	printf("%s\t%.1f\t%.1f\t%ld rows; anchor %ld rows: %s\n", name, renda, anchor, rn, an,
	       anchor_text);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: speedbench DB YEAR\n");
		return 2;
	}
	year = atoi(argv[2]);
	if (conf_load(NULL) || db_open(argv[1], &db) || scope_load(db, &sc)) {
		fprintf(stderr, "speedbench: %s\n", err_msg());
		return 1;
	}
	char ys[96];
	snprintf(ys, sizeof ys, "submitted_at >= '%04d' AND submitted_at < '%04d'", year, year + 1);
	struct {
		const char *name, *key, *val, *anchor;
		bool count;
	} lists[] = {
	    {"search 路灯 (frequent), first page", "search", "路灯",
	     "SELECT id FROM vcase WHERE title LIKE '%路灯%' OR content LIKE '%路灯%' OR reply "
	     "LIKE "
	     "'%路灯%' ORDER BY id DESC LIMIT 50",
	     false},
	    {"search 积水 (rare), first page", "search", "积水",
	     "SELECT id FROM vcase WHERE title LIKE '%积水%' OR content LIKE '%积水%' OR reply "
	     "LIKE "
	     "'%积水%' ORDER BY id DESC LIMIT 50",
	     false},
	    {"search 水 (1 character), first page", "search", "水",
	     "SELECT id FROM vcase WHERE title LIKE '%水%' OR content LIKE '%水%' OR reply LIKE "
	     "'%水%' ORDER BY id DESC LIMIT 50",
	     false},
	    {"search 路灯不亮 (trigram), first page", "search", "路灯不亮",
	     "SELECT id FROM vcase WHERE title LIKE '%路灯不亮%' OR content LIKE '%路灯不亮%' OR "
	     "reply LIKE '%路灯不亮%' ORDER BY id DESC LIMIT 50",
	     false},
	    {"search 路灯, count of matches", "search", "路灯",
	     "SELECT count(*) FROM vcase WHERE title LIKE '%路灯%' OR content LIKE '%路灯%' OR "
	     "reply "
	     "LIKE '%路灯%'",
	     true},
	    {"full case list, first page", NULL, NULL,
	     "SELECT id, number, submitted_at, title FROM vcase ORDER BY submitted_at DESC, id "
	     "DESC "
	     "LIMIT 50",
	     false},
	    {"full case list, count", NULL, NULL, "SELECT count(*) FROM vcase", true},
	    {"overdue list, first page", "overdue", "1",
	     "SELECT DISTINCT item_id FROM wf_clock WHERE workflow = 'case' AND stopped IS NULL "
	     "AND "
	     "due < date('now') ORDER BY item_id DESC LIMIT 50",
	     false},
	    {"overdue list, count", "overdue", "1",
	     "SELECT count(DISTINCT item_id) FROM wf_clock WHERE workflow = 'case' AND stopped IS "
	     "NULL AND due < date('now')",
	     true},
	    {"regex 积水|内涝, first page", "regex", "积水|内涝",
	     "SELECT id FROM vcase WHERE title REGEXP '积水|内涝' OR content REGEXP '积水|内涝' OR "
	     "reply REGEXP '积水|内涝' ORDER BY id DESC LIMIT 50",
	     false},
	    {"regex 路灯.{0,2}亮, first page", "regex", "路灯.{0,2}亮",
	     "SELECT id FROM vcase WHERE title REGEXP '路灯.{0,2}亮' OR content REGEXP "
	     "'路灯.{0,2}亮' "
	     "OR reply REGEXP '路灯.{0,2}亮' ORDER BY id DESC LIMIT 50",
	     false},
	};
	printf("figure\trenda ms\tanchor ms\tnote\n");
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		double r = BEST(first_page(lists[i].key, lists[i].val, lists[i].count));
		long rn = found;
		double a = BEST(bare(lists[i].anchor));
		line(lists[i].name, r, rn, a, found, lists[i].anchor);
	}
	struct {
		const char *name;
		int by;
		const char *col;
	} stats[] = {
	    {"statistics by category, one year", CASE_BY_CATEGORY, "category_id"},
	    {"statistics by town, one year", CASE_BY_TOWN, "town_id"},
	    {"statistics by unit, one year", CASE_BY_UNIT, "lead_unit_id"},
	};
	for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++) {
		char sql[256];
		/* The GROUP BY the table has to do for the same counts (the states and
		   evaluations are in its rows), and beside it the bare count by the key. */
		char full[512];
		snprintf(full, sizeof full,
		         "SELECT %s, count(*), sum(state = 'closed'), sum(state = 'rejected'), "
		         "sum(evaluation = 'satisfied'), sum(evaluation = 'basic'), "
		         "sum(evaluation = 'unsatisfied') FROM vcase WHERE %s GROUP BY %s",
		         stats[i].col, ys, stats[i].col);
		snprintf(sql, sizeof sql, "SELECT %s, count(*) FROM vcase WHERE %s GROUP BY %s",
		         stats[i].col, ys, stats[i].col);
		double r = BEST(stats_by(stats[i].by));
		long rn = found;
		double a = BEST(bare(full));
		double c = BEST(bare(sql));
		char note[700];
		snprintf(note, sizeof note, "%s; the count alone by %s: %.1f ms", full,
		         stats[i].col, c);
		line(stats[i].name, r, rn, a, found, note);
	}
	scope_free(&sc);
	db_close(db);
	return 0;
}
