#include "config.h"

#include <time.h>

#include "model/work.h"

/* SQLite virtual-machine steps between looks at the clock. */
#define WORK_STEPS 4000
/* Milliseconds between calls of the tick. */
#define WORK_TICK_MS 20

static struct {
	int (*tick)(void *ctx);
	void *ctx;
	long long last_ms;
	bool cancelled;
} w;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's progress handler: calls the tick when enough time has passed. */
static int on_progress(void *unused)
{
	(void)unused;
	if (!w.tick || w.cancelled)
		return w.cancelled;
	long long t = now_ms();
	if (t - w.last_ms < WORK_TICK_MS)
		return 0;
	w.last_ms = t;
	if (w.tick(w.ctx))
		w.cancelled = true;
	return w.cancelled;
}

void work_begin(sqlite3 *db, int (*tick)(void *ctx), void *ctx)
{
	w.tick = tick;
	w.ctx = ctx;
	w.last_ms = now_ms();
	w.cancelled = false;
	sqlite3_progress_handler(db, WORK_STEPS, on_progress, NULL);
}

void work_end(sqlite3 *db)
{
	sqlite3_progress_handler(db, 0, NULL, NULL);
	w.tick = NULL;
	w.ctx = NULL;
}

bool work_cancelled(void)
{
	return w.cancelled;
}
