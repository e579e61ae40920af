/* SQLite's memory: small blocks from per-thread lists (see dbmem.h). */
#include "model/core/dbmem.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
 * so the blocks of a chunk are 8 + 16k bytes and every address handed out is aligned to
 * 8 bytes, which is what SQLite asks of an allocator.
 */
enum { STEP = 16, CLASSES = DBMEM_SMALL / STEP, CHUNK = 256 * 1024 };

/* A chunk: kept on one list for the whole process, so that none is ever lost. */
struct chunk {
	struct chunk *next;
	uint64_t pad; /* the first block starts 16 bytes in */
};

static _Thread_local struct {
	char *cut, *end;      /* what is left of this thread's newest chunk */
	void *freed[CLASSES]; /* freed blocks by size, linked through their first bytes */
} mine;

static struct chunk *chunks;
static pthread_mutex_t chunks_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t small_size(int n)
{
	return ((uint64_t)(n > 0 ? n : 1) + STEP - 1) & ~(uint64_t)(STEP - 1);
}

static void *mem_malloc(int n)
{
	if (n > DBMEM_SMALL) {
		uint64_t size = ((uint64_t)n + 7) & ~(uint64_t)7;
		uint64_t *head = malloc(size + 8);
		if (!head)
			return NULL;
		*head = size | 1;
		return head + 1;
	}
	uint64_t size = small_size(n);
	void **list = &mine.freed[size / STEP - 1];
	if (*list) {
		void *p = *list;
		*list = *(void **)p;
		return p;
	}
	if ((size_t)(mine.end - mine.cut) < size + 8) {
		struct chunk *k = malloc(CHUNK);
		if (!k)
			return NULL;
		pthread_mutex_lock(&chunks_lock);
		k->next = chunks;
		chunks = k;
		pthread_mutex_unlock(&chunks_lock);
		mine.cut = (char *)(k + 1);
		mine.end = (char *)k + CHUNK;
	}
	uint64_t *head = (uint64_t *)mine.cut;
	mine.cut += size + 8;
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
	void **list = &mine.freed[head / STEP - 1];
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
	return n > DBMEM_SMALL ? (n + 7) & ~7 : (int)small_size(n);
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
	if (!installed)
		installed = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
	return installed;
}
#endif
