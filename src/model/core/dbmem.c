/* SQLite's memory: small and page-sized blocks from per-thread lists (see dbmem.h). */
#include "config.h"

#include "model/core/dbmem.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define DBMEM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DBMEM_SANITIZED 1
#endif
#endif

#ifdef DBMEM_SANITIZED
bool dbmem_install(void)
{
	return false;
}
#else
/*
 * Each block has an 8-byte head before what the caller gets: its usable size, with the
 * low bit set when the block came from malloc. Small sizes are whole multiples of 16,
 * page-sized ones of 64, so the blocks of a chunk or a region are 8 + 16k bytes and
 * every address handed out is aligned to 8 bytes, which is what SQLite asks of an
 * allocator.
 */
enum {
	STEP = 16,
	PAGE_STEP = 64,
	SMALL_CLASSES = DBMEM_SMALL / STEP,
	CLASSES = SMALL_CLASSES + (DBMEM_PAGE - DBMEM_SMALL) / PAGE_STEP,
	CHUNK = 64 * 1024,       /* small blocks are cut from a chunk of a region */
	REGION = 2 * 1024 * 1024 /* one huge page */
};

static _Thread_local struct {
	char *cut, *end;      /* what is left of this thread's newest chunk */
	void *freed[CLASSES]; /* freed blocks by size, linked through their first bytes */
	bool known;           /* gone() runs when the thread ends */
} mine;

/*
 * Shared by the threads, under the lock (taken only when a thread's own chunk or list
 * runs out): what is left of the newest region, and what threads that ended left: their
 * freed blocks (spares) and the rest of their chunks, which the next thread short of a
 * block or a chunk takes over. A worker thread (the statistics' count of the previous
 * period) thus loses nothing when it ends.
 */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *rcut, *rend;
static void *spare[CLASSES];
static atomic_bool spares; /* any spare block: looked at without the lock */
struct rest {
	struct rest *next;
	char *end;
};
static struct rest *rests;
static pthread_key_t ending;
static pthread_once_t ending_made = PTHREAD_ONCE_INIT;

/* The size handed out for n bytes, and the list of freed blocks of that size. */
static uint64_t block_size(int n)
{
	uint64_t u = (uint64_t)(n > 0 ? n : 1);
	if (u <= DBMEM_SMALL)
		return (u + STEP - 1) & ~(uint64_t)(STEP - 1);
	if (u <= DBMEM_PAGE)
		return (u + PAGE_STEP - 1) & ~(uint64_t)(PAGE_STEP - 1);
	return (u + 7) & ~(uint64_t)7;
}

static void **freed_list(uint64_t size)
{
	return &mine.freed[size <= DBMEM_SMALL
	                       ? size / STEP - 1
	                       : SMALL_CLASSES + (size - DBMEM_SMALL) / PAGE_STEP - 1];
}

/* A region: 2 MiB on a 2 MiB boundary, which the kernel may back with one huge page
   (MADV_HUGEPAGE) instead of 512 pages each faulted in on its first touch (some 20 us
   each on a virtual machine). NULL when the system has no memory to map. */
static char *new_region(void)
{
	char *m =
	    mmap(NULL, 2 * REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *r = (char *)(((uintptr_t)m + REGION - 1) & ~(uintptr_t)(REGION - 1));
	if (r > m)
		munmap(m, (size_t)(r - m));
	munmap(r + REGION, (size_t)(m + REGION - r));
#ifdef MADV_HUGEPAGE
	madvise(r, REGION, MADV_HUGEPAGE);
#endif
	return r;
}

/* n bytes (a multiple of 8) of the newest region, or NULL; the rest of a region too
   small for them is left unused. Under the lock. */
static char *take(uint64_t n)
{
	if ((uint64_t)(rend - rcut) < n) {
		char *r = new_region();
		if (!r)
			return NULL;
		rcut = r;
		rend = r + REGION;
	}
	char *p = rcut;
	rcut += n;
	return p;
}

/* Appends list b to list a (either may be empty); the whole list. */
static void *joined(void *a, void *b)
{
	if (!a)
		return b;
	void *t = a;
	while (*(void **)t)
		t = *(void **)t;
	*(void **)t = b;
	return a;
}

/* A thread ends: its freed blocks and the rest of its chunk are left to the others. */
static void gone(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&lock);
	for (int c = 0; c < CLASSES; c++)
		if (mine.freed[c]) {
			spare[c] = joined(mine.freed[c], spare[c]);
			mine.freed[c] = NULL;
			atomic_store(&spares, true);
		}
	/* A rest kept holds any small block (fresh() hands it out as a chunk). */
	if ((size_t)(mine.end - mine.cut) >= DBMEM_SMALL + 8) {
		struct rest *r = (struct rest *)mine.cut;
		*r = (struct rest){rests, mine.end};
		rests = r;
	}
	mine.cut = mine.end = NULL;
	pthread_mutex_unlock(&lock);
}

static void make_ending(void)
{
	pthread_key_create(&ending, gone);
}

/* Takes over the spares of the threads that ended. */
static void adopt(void)
{
	pthread_mutex_lock(&lock);
	for (int c = 0; c < CLASSES; c++)
		if (spare[c]) {
			mine.freed[c] = joined(spare[c], mine.freed[c]);
			spare[c] = NULL;
		}
	atomic_store(&spares, false);
	pthread_mutex_unlock(&lock);
}

/* A new chunk for this thread, or a block of size (page-sized), from what threads that
   ended left or from the region; NULL when no memory can be mapped. */
static char *fresh(uint64_t size, bool chunk)
{
	if (!mine.known) {
		pthread_once(&ending_made, make_ending);
		mine.known = pthread_setspecific(ending, &mine) == 0;
	}
	pthread_mutex_lock(&lock);
	char *p;
	if (chunk && rests) {
		p = (char *)rests;
		mine.end = rests->end;
		rests = rests->next;
	} else {
		p = take(size);
		if (p && chunk)
			mine.end = p + size;
	}
	pthread_mutex_unlock(&lock);
	return p;
}

static void *from_malloc(uint64_t size)
{
	uint64_t *head = malloc(size + 8);
	if (!head)
		return NULL;
	*head = size | 1;
	return head + 1;
}

static void *mem_malloc(int n)
{
	uint64_t size = block_size(n);
	if (size > DBMEM_PAGE)
		return from_malloc(size);
	void **list = freed_list(size);
	if (!*list && atomic_load_explicit(&spares, memory_order_relaxed))
		adopt();
	if (*list) {
		void *p = *list;
		*list = *(void **)p;
		return p;
	}
	uint64_t *head;
	if (size > DBMEM_SMALL) {
		head = (uint64_t *)fresh(size + 8, false);
		if (!head)
			return from_malloc(size);
	} else {
		if ((uint64_t)(mine.end - mine.cut) < size + 8) {
			char *k = fresh(CHUNK, true);
			if (!k)
				return from_malloc(size);
			mine.cut = k;
		}
		head = (uint64_t *)mine.cut;
		mine.cut += size + 8;
	}
	*head = size;
	return head + 1;
}

static int mem_size(void *p)
{
	return p ? (int)(((uint64_t *)p)[-1] & ~(uint64_t)1) : 0;
}

static void mem_free(void *p)
{
	if (!p)
		return;
	uint64_t head = ((uint64_t *)p)[-1];
	if (head & 1) {
		free((uint64_t *)p - 1);
		return;
	}
	void **list = freed_list(head);
	*(void **)p = *list;
	*list = p;
}

static void *mem_realloc(void *p, int n)
{
	int have = mem_size(p);
	if (n <= have)
		return p;
	void *q = mem_malloc(n);
	if (q) {
		memcpy(q, p, (size_t)have);
		mem_free(p);
	}
	return q;
}

static int mem_roundup(int n)
{
	return (int)block_size(n);
}

static int mem_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void mem_shutdown(void *arg)
{
	(void)arg;
}

bool dbmem_install(void)
{
	static bool installed;
	static const sqlite3_mem_methods methods = {mem_malloc,  mem_free, mem_realloc,  mem_size,
	                                            mem_roundup, mem_init, mem_shutdown, NULL};
	if (!installed) {
		installed = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
		/* Each connection's page cache took its first pages in one block from malloc
		   and wrote a header into each (57 pages faulted in by a chase): now each page
		   is a page-sized block of a region, taken when the cache first needs it. */
		if (installed)
			sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
	}
	return installed;
}
#endif
