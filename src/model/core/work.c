#include "config.h"

#include <time.h>

#include "model/core/work.h"

/* SQLite virtual-machine steps between looks at the clock within one statement. */
#define WORK_STEPS 1000
/* Milliseconds between calls of the tick. */
#define WORK_TICK_MS 20

static struct {
	sqlite3 *db;
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

static int on_progress(void *unused);

/* Calls the tick when enough time has passed; true once the work is cancelled. */
static bool look(void)
{
	if (!w.tick || w.cancelled)
		return w.cancelled;
	long long t = now_ms();
	if (t - w.last_ms < WORK_TICK_MS)
		return false;
	w.last_ms = t;
	if (w.tick(w.ctx)) {
		w.cancelled = true;
		/* From now on every statement stops at its first steps, short ones too. */
		sqlite3_progress_handler(w.db, 1, on_progress, NULL);
	}
	return w.cancelled;
}

/* SQLite's progress handler, inside long statements. */
static int on_progress(void *unused)
{
	(void)unused;
	return look();
}

/* SQLite's trace of each statement that starts: work made of many short statements ticks too. */
static int on_statement(unsigned what, void *unused, void *p, void *x)
{
	(void)what;
	(void)unused;
	(void)p;
	(void)x;
	look();
	return 0;
}

void work_begin(sqlite3 *db, int (*tick)(void *ctx), void *ctx)
{
	w.db = db;
	w.tick = tick;
	w.ctx = ctx;
	w.last_ms = now_ms();
	w.cancelled = false;
	sqlite3_progress_handler(db, WORK_STEPS, on_progress, NULL);
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_statement, NULL);
}

void work_end(sqlite3 *db)
{
	sqlite3_progress_handler(db, 0, NULL, NULL);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	w.db = NULL;
	w.tick = NULL;
	w.ctx = NULL;
}

bool work_cancelled(void)
{
	return w.cancelled;
}

static int busy_timeout_ms;
static int (*busy_stop)(void);

/* SQLite's busy handler: sleeps 2 ms at a time until the timeout or a stop. */
static int on_busy(void *unused, int count)
{
	(void)unused;
	if (busy_stop && busy_stop())
		return 0;
	if ((long long)count * 2 >= busy_timeout_ms)
		return 0;
	nanosleep(&(struct timespec){0, 2000000}, NULL);
	return 1;
}

void work_busy(sqlite3 *db, int timeout_ms, int (*stop)(void))
{
	busy_timeout_ms = timeout_ms;
	busy_stop = stop;
	sqlite3_busy_handler(db, on_busy, NULL);
}
