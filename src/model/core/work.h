/*
 * Long work on the database (a filter over a million rows, an import, an
 * audit verification): while SQLite runs, a callback is called every few
 * milliseconds, so the interface can draw progress and cancel. A cancelled
 * statement fails with SQLITE_INTERRUPT; the model function returns an
 * error, its transaction is rolled back, and work_cancelled() says why.
 * Module prefix: work_. Nothing here knows about curses.
 */
#ifndef RENDA_WORK_H
#define RENDA_WORK_H

#include <sqlite3.h>
#include <stdbool.h>

/*
 * Calls tick(ctx) about every 20 ms while statements of db run, until
 * work_end(); a nonzero return cancels the running statement. One watch at a
 * time; a second work_begin() replaces the first.
 */
void work_begin(sqlite3 *db, int (*tick)(void *ctx), void *ctx);
/* Stops watching db. */
void work_end(sqlite3 *db);
/* True when the last watched work was cancelled by its tick (reset by work_begin()). */
bool work_cancelled(void);

/*
 * Waits for another process's lock as the busy timeout does (up to
 * timeout_ms), but gives up as soon as stop() returns nonzero (a hangup
 * while a save waits), so the program can roll back and exit at once.
 */
void work_busy(sqlite3 *db, int timeout_ms, int (*stop)(void));

#endif
