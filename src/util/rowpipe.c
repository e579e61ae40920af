#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/rowpipe.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

enum {
	ROWS = 256, /* rows a batch */
	SLOTS = 4,  /* batches in flight */
};

/* A batch of rows: their texts one after the other, each ending in NUL, and where each
   starts (SIZE_MAX for NULL). */
struct batch {
	struct sbuf text;
	size_t *at; /* ROWS * ncols */
	int n;      /* rows */
	bool ready; /* handed to the writer, not yet written */
};

struct rowpipe {
	int ncols;
	void (*write)(void *ctx, const char *const *vals);
	void *ctx;
	struct batch b[SLOTS];
	int put, get; /* the batch the reader fills, the one the writer writes next */
	bool done;    /* the reader has put its last row */
	bool threaded;
	const char **vals; /* the writer's row */
	pthread_t tid;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

/* Writes the rows of batch b. */
static void write_batch(struct rowpipe *p, struct batch *b)
{
	for (int r = 0; r < b->n; r++) {
		const size_t *at = b->at + (size_t)r * (size_t)p->ncols;
		for (int c = 0; c < p->ncols; c++)
			p->vals[c] = at[c] == SIZE_MAX ? NULL : b->text.s + at[c];
		p->write(p->ctx, p->vals);
	}
}

static void *writer(void *arg)
{
	struct rowpipe *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->b[p->get].ready && !p->done)
			pthread_cond_wait(&p->cond, &p->lock);
		/* Batches are handed over in order: when this one is not ready after the last
		   row, every one before it has been written. */
		bool end = !p->b[p->get].ready;
		pthread_mutex_unlock(&p->lock);
		if (end)
			break;
		write_batch(p, &p->b[p->get]);
		pthread_mutex_lock(&p->lock);
		p->b[p->get].ready = false;
		p->get = (p->get + 1) % SLOTS;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

struct rowpipe *rowpipe_start(int ncols, bool thread,
                              void (*write)(void *ctx, const char *const *vals), void *ctx)
{
	struct rowpipe *p = xcalloc(1, sizeof *p);
	p->ncols = ncols;
	p->write = write;
	p->ctx = ctx;
	p->vals = xcalloc((size_t)ncols, sizeof *p->vals);
	for (int i = 0; i < SLOTS; i++)
		p->b[i].at = xcalloc((size_t)ROWS * (size_t)ncols, sizeof *p->b[i].at);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->threaded = thread && pthread_create(&p->tid, NULL, writer, p) == 0;
	return p;
}

/* Hands the filled batch to the writer and waits until the next one is free to fill. */
static void hand_over(struct rowpipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->b[p->put].ready = true;
	p->put = (p->put + 1) % SLOTS;
	pthread_cond_broadcast(&p->cond);
	while (p->b[p->put].ready)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	sbuf_reset(&p->b[p->put].text);
	p->b[p->put].n = 0;
}

void rowpipe_put(struct rowpipe *p, const char *const *vals)
{
	struct batch *b = &p->b[p->put];
	size_t *at = b->at + (size_t)b->n * (size_t)p->ncols;
	for (int c = 0; c < p->ncols; c++) {
		if (!vals[c]) {
			at[c] = SIZE_MAX;
			continue;
		}
		at[c] = b->text.len;
		sbuf_add(&b->text, vals[c], strlen(vals[c]) + 1);
	}
	if (++b->n < ROWS)
		return;
	if (p->threaded) {
		hand_over(p);
		return;
	}
	write_batch(p, b);
	sbuf_reset(&b->text);
	b->n = 0;
}

void rowpipe_finish(struct rowpipe *p)
{
	struct batch *b = &p->b[p->put];
	if (p->threaded) {
		if (b->n)
			hand_over(p);
		pthread_mutex_lock(&p->lock);
		p->done = true;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->tid, NULL);
	} else if (b->n) {
		write_batch(p, b);
	}
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	for (int i = 0; i < SLOTS; i++) {
		sbuf_free(&p->b[i].text);
		free(p->b[i].at);
	}
	free(p->vals);
	free(p);
}

bool rowpipe_threaded(const struct rowpipe *p)
{
	return p->threaded;
}
