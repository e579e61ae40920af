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

static int busy_timeout_ms;
static int (*busy_stop)(void);

/* SQLite's busy handler: sleeps 10 ms at a time until the timeout or a stop. */
static int on_busy(void *unused, int count)
{
	(void)unused;
	if (busy_stop && busy_stop())
		return 0;
	if ((long long)count * 10 >= busy_timeout_ms)
		return 0;
	nanosleep(&(struct timespec){0, 10000000}, NULL);
	return 1;
}

void work_busy(sqlite3 *db, int timeout_ms, int (*stop)(void))
{
	busy_timeout_ms = timeout_ms;
	busy_stop = stop;
	sqlite3_busy_handler(db, on_busy, NULL);
}
