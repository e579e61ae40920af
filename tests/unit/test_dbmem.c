/*
 * Unit tests of SQLite's allocator (model/core/dbmem): blocks as big as asked, aligned,
 * apart from each other, kept whole through realloc, reused once freed, freed on
 * another thread than the one that made them; and SQLite over it gives the right
 * answers. Under AddressSanitizer the allocator is not installed (the sanitizer is to
 * see SQLite's blocks): the checks then run on SQLite's own allocator.
 */
#include "config.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/dbmem.h"
#include "tap.h"

/* Fills n bytes of p with a pattern of seed; true when p still holds it. */
static void fill(unsigned char *p, int n, unsigned seed)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31u + (unsigned)i * 7u);
}

static bool holds(const unsigned char *p, int n, unsigned seed)
{
	for (int i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 31u + (unsigned)i * 7u))
			return false;
	return true;
}

/* A size from 1 to 3,000 bytes, most of them small, from a simple generator. */
static int size_of(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	unsigned r = (*state >> 8) % 1000;
	return r < 900 ? (int)(r % 300) + 1 : (int)(r * 3);
}

enum { BLOCKS = 4000 };

static void check_blocks(void)
{
	static unsigned char *p[BLOCKS];
	static int n[BLOCKS];
	unsigned st = 7;
	int small_ok = 1, big_ok = 1, aligned = 1;
	for (int i = 0; i < BLOCKS; i++) {
		n[i] = size_of(&st);
		p[i] = sqlite3_malloc(n[i]);
		if (!p[i])
			break;
		int have = sqlite3_msize(p[i]);
		if (n[i] <= DBMEM_SMALL && have < n[i])
			small_ok = 0;
		if (n[i] > DBMEM_SMALL && have < n[i])
			big_ok = 0;
		if ((uintptr_t)p[i] % 8)
			aligned = 0;
		fill(p[i], n[i], (unsigned)i);
	}
	ok(small_ok, "a small block holds at least the bytes asked for");
	ok(big_ok, "a block over %d bytes holds at least the bytes asked for", DBMEM_SMALL);
	ok(aligned, "every block is aligned to 8 bytes");
	int whole = 1;
	for (int i = 0; i < BLOCKS; i++)
		whole &= holds(p[i], n[i], (unsigned)i);
	ok(whole, "%d blocks written one after another each keep their own bytes", BLOCKS);
	/* Free every other one, take as many again, write them: the others are untouched. */
	for (int i = 0; i < BLOCKS; i += 2)
		sqlite3_free(p[i]);
	for (int i = 0; i < BLOCKS; i += 2) {
		n[i] = size_of(&st);
		p[i] = sqlite3_malloc(n[i]);
		fill(p[i], n[i], (unsigned)i + 100000u);
	}
	whole = 1;
	for (int i = 0; i < BLOCKS; i++)
		whole &= holds(p[i], n[i], i % 2 ? (unsigned)i : (unsigned)i + 100000u);
	ok(whole, "blocks taken again after a free overlap no block still in use");
	for (int i = 0; i < BLOCKS; i++)
		sqlite3_free(p[i]);
}

static void check_realloc(bool installed)
{
	unsigned char *p = sqlite3_malloc(40);
	fill(p, 40, 1);
	unsigned char *q = sqlite3_realloc(p, 30);
	ok(q && (q == p || !installed) && holds(q, 30, 1),
	   "a block made smaller keeps its bytes (and its place, with this allocator)");
	p = sqlite3_realloc(q, 200);
	ok(p && holds(p, 30, 1), "a small block grown keeps its bytes");
	fill(p, 200, 2);
	q = sqlite3_realloc(p, 5000);
	ok(q && holds(q, 200, 2) && sqlite3_msize(q) >= 5000,
	   "a small block grown past %d bytes keeps its bytes", DBMEM_SMALL);
	fill(q, 5000, 3);
	p = sqlite3_realloc(q, 20000);
	ok(p && holds(p, 5000, 3) && sqlite3_msize(p) >= 20000,
	   "a page-sized block grown past %d bytes keeps its bytes", DBMEM_PAGE);
	fill(p, 20000, 4);
	p = sqlite3_realloc(p, 70000);
	ok(p && holds(p, 20000, 4) && sqlite3_msize(p) >= 70000,
	   "a big block grown keeps its bytes");
	sqlite3_free(p);
	/* A freed block is the next one of its size (the list of the thread that freed it). */
	p = sqlite3_malloc(100);
	sqlite3_free(p);
	q = sqlite3_malloc(97);
	if (installed)
		ok(q == p, "a freed block is taken again by the next request of its size");
	else
		printf("ok %d - # SKIP SQLite's own allocator: reuse is malloc's\n", ++tap_n);
	sqlite3_free(q);
	sqlite3_free(NULL);
	ok(sqlite3_msize(NULL) == 0, "nothing freed or measured for NULL");
}

/* Page-sized blocks (the page cache's): as many as fill several 2 MiB regions, each
   keeps its bytes, a freed one is the next of its size, the biggest go to malloc. */
static void check_pages(bool installed)
{
	enum { PAGES = 1500, PAGE = 4096 + 312 }; /* a page and its header: 6.6 MB */
	static unsigned char *p[PAGES];
	int sized = 1, aligned = 1;
	for (int i = 0; i < PAGES; i++) {
		p[i] = sqlite3_malloc(PAGE + i % 3 * 1000);
		if (!p[i] || sqlite3_msize(p[i]) < (sqlite3_uint64)(PAGE + i % 3 * 1000))
			sized = 0;
		if (p[i] && (uintptr_t)p[i] % 8)
			aligned = 0;
		if (p[i])
			fill(p[i], PAGE + i % 3 * 1000, (unsigned)i);
	}
	ok(sized, "%d page-sized blocks each hold at least the bytes asked for", PAGES);
	ok(aligned, "every page-sized block is aligned to 8 bytes");
	int whole = 1;
	for (int i = 0; i < PAGES; i++)
		whole &= p[i] && holds(p[i], PAGE + i % 3 * 1000, (unsigned)i);
	ok(whole, "page-sized blocks over several regions each keep their own bytes");
	unsigned char *q = p[700];
	sqlite3_free(q);
	p[700] = sqlite3_malloc(PAGE + 700 % 3 * 1000 - 30);
	if (installed)
		ok(p[700] == q, "a freed page-sized block is taken again by the next of its size");
	else
		printf("ok %d - # SKIP SQLite's own allocator: reuse is malloc's\n", ++tap_n);
	for (int i = 0; i < PAGES; i++)
		sqlite3_free(p[i]);
	q = sqlite3_malloc(DBMEM_PAGE);
	unsigned char *r = sqlite3_malloc(DBMEM_PAGE + 1);
	ok(q && r && sqlite3_msize(q) >= DBMEM_PAGE && sqlite3_msize(r) > DBMEM_PAGE,
	   "blocks of %d bytes and one more each hold what was asked for", DBMEM_PAGE);
	fill(q, DBMEM_PAGE, 5);
	fill(r, DBMEM_PAGE + 1, 6);
	ok(holds(q, DBMEM_PAGE, 5) && holds(r, DBMEM_PAGE + 1, 6),
	   "the last page-sized block and the first from malloc keep their bytes");
	sqlite3_free(q);
	sqlite3_free(r);
}

/* A thread that ends leaves what it freed to the others. */
static void *leaver(void *arg)
{
	void **made = arg;
	*made = sqlite3_malloc(12000); /* a size no other check asks for */
	sqlite3_free(*made);
	return NULL;
}

static void check_leaver(bool installed)
{
	void *made = NULL;
	pthread_t t;
	if (pthread_create(&t, NULL, leaver, &made)) {
		ok(0, "a thread started");
		return;
	}
	pthread_join(t, NULL);
	void *p = sqlite3_malloc(11990);
	if (installed)
		ok(p && p == made,
		   "a block a thread freed before it ended is taken again by another");
	else
		printf("ok %d - # SKIP SQLite's own allocator: reuse is malloc's\n", ++tap_n);
	sqlite3_free(p);
}

/* Threads: each makes blocks, hands every other one to the next thread to free. */
enum { THREADS = 4, PER_THREAD = 20000 };
static unsigned char *handed[THREADS][PER_THREAD];
static int handed_n[THREADS][PER_THREAD];
static pthread_barrier_t all_made;

struct worker {
	int no;
	int wrong;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	unsigned st = (unsigned)w->no * 977u + 1u;
	static _Thread_local unsigned char *own[PER_THREAD];
	static _Thread_local int own_n[PER_THREAD];
	for (int i = 0; i < PER_THREAD; i++) {
		int n = size_of(&st);
		unsigned char *p = sqlite3_malloc(n);
		fill(p, n, (unsigned)(w->no * PER_THREAD + i));
		if (i % 2) {
			handed[w->no][i] = p;
			handed_n[w->no][i] = n;
		} else {
			own[i] = p;
			own_n[i] = n;
		}
	}
	pthread_barrier_wait(&all_made);
	/* Free what the previous thread handed over, after checking it. */
	int from = (w->no + THREADS - 1) % THREADS;
	for (int i = 1; i < PER_THREAD; i += 2) {
		if (!holds(handed[from][i], handed_n[from][i], (unsigned)(from * PER_THREAD + i)))
			w->wrong++;
		sqlite3_free(handed[from][i]);
	}
	/* Blocks made again here come from the lists those frees filled. */
	for (int i = 1; i < PER_THREAD; i += 2) {
		int n = size_of(&st);
		handed[from][i] = sqlite3_malloc(n);
		handed_n[from][i] = n;
		fill(handed[from][i], n, 7u);
	}
	for (int i = 0; i < PER_THREAD; i += 2) {
		if (!holds(own[i], own_n[i], (unsigned)(w->no * PER_THREAD + i)))
			w->wrong++;
		sqlite3_free(own[i]);
	}
	for (int i = 1; i < PER_THREAD; i += 2) {
		if (!holds(handed[from][i], handed_n[from][i], 7u))
			w->wrong++;
		sqlite3_free(handed[from][i]);
	}
	return NULL;
}

static void check_threads(void)
{
	pthread_t t[THREADS];
	struct worker w[THREADS];
	pthread_barrier_init(&all_made, NULL, THREADS);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){i, 0};
		pthread_create(&t[i], NULL, work, &w[i]);
	}
	int wrong = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		wrong += w[i].wrong;
	}
	pthread_barrier_destroy(&all_made);
	is_int(wrong, 0,
	       "%d threads, blocks freed on another thread than their own: none overwritten",
	       THREADS);
}

/* A database file's first pages: blocks of the allocator, not slots of one bulk block
   from malloc (SQLite counts a page that is neither as an overflow). */
static void check_first_pages(bool installed)
{
	char path[] = "/tmp/test_dbmem.XXXXXX";
	int fd = mkstemp(path);
	sqlite3 *db = NULL;
	sqlite3_int64 before = 0, cur = 0, top = 0;
	sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &before, &top, 0);
	int rc = fd < 0 ? SQLITE_CANTOPEN : sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db,
		                  "CREATE TABLE t (v); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
		                  "SELECT i + 1 FROM n WHERE i < 12) INSERT INTO t SELECT "
		                  "zeroblob(3000) FROM n",
		                  NULL, NULL, NULL);
	sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &cur, &top, 0);
	is_int(rc, SQLITE_OK, "a database file of 12 rows of 3,000 bytes made");
	/* Fewer than the 20 pages of a bulk block, which would not count. */
	if (installed)
		ok(cur - before >= 12 * 4096,
		   "their pages are blocks of the allocator (%lld bytes)",
		   (long long)(cur - before));
	else
		printf("ok %d - # SKIP SQLite's own allocator: its first pages are a bulk block\n",
		       ++tap_n);
	sqlite3_close(db);
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
}

/* SQLite over the allocator: 20,000 rows in and the figures back as computed here. */
static void check_sqlite(void)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(":memory:", &db);
	is_int(rc, SQLITE_OK, "an in-memory database opens");
	sqlite3_exec(db,
	             "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, s TEXT); "
	             "CREATE INDEX t_v ON t (v); BEGIN",
	             NULL, NULL, NULL);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db, "INSERT INTO t (v, s) VALUES (?, ?)", -1, &st, NULL);
	long long sum = 0, chars = 0;
	char text[700];
	for (int i = 0; i < 20000; i++) {
		int v = (i * 7919) % 1000, len = i % 200;
		text[0] = '\0';
		for (int k = 0; k < len; k++)
			strcat(text, "路");
		sum += v;
		chars += len;
		sqlite3_bind_int(st, 1, v);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	long long got_sum = -1, got_chars = -1, got_n = -1;
	sqlite3_prepare_v2(db, "SELECT count(*), sum(v), sum(length(s)) FROM t", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW) {
		got_n = sqlite3_column_int64(st, 0);
		got_sum = sqlite3_column_int64(st, 1);
		got_chars = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	is_int(got_n, 20000, "every row stored");
	is_int(got_sum, sum, "the sum of the numbers as added up here");
	is_int(got_chars, chars, "the texts' characters as counted here");
	long long below = -1, want = 0;
	for (int i = 0; i < 20000; i++)
		want += (i * 7919) % 1000 < 100;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE v < 100", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		below = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	is_int(below, want, "a count through the index as counted here");
	is_int(sqlite3_close(db), SQLITE_OK, "the database closes");
}

int main(void)
{
	bool installed = dbmem_install();
#if defined(__SANITIZE_ADDRESS__)
	ok(!installed, "not installed under AddressSanitizer");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	ok(!installed, "not installed under AddressSanitizer");
#else
	ok(installed, "installed before SQLite starts");
#endif
#else
	ok(installed, "installed before SQLite starts");
#endif
	check_blocks();
	check_realloc(installed);
	check_pages(installed);
	check_threads();
	check_leaver(installed);
	check_first_pages(installed);
	check_sqlite();
	ok(dbmem_install() == installed, "a second call changes nothing");
	return tap_done();
}
