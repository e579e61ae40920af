/*
 * The progress bar of long work (imports, exports, verifying the audit
 * trail): a box over the screen with a bar (or a moving block when the
 * amount is unknown), the time taken, and Esc to cancel. It reads keys
 * without waiting only to see Esc; a resize is left to the main loop.
 * Module prefix: pg_.
 */
#ifndef RENDA_PROGRESS_H
#define RENDA_PROGRESS_H

#include <stdbool.h>

struct pg;

/* Shows the box; title is shown as given. Returns a new progress (pg_end() frees it). */
struct pg *pg_begin(const char *title);
/*
 * Shows done of total (total 0: unknown) and note (may be NULL). Returns
 * true once the person asked to cancel (Esc, c) or a hangup came.
 */
bool pg_step(struct pg *p, long long done, long long total, const char *note);
/* A tick for work_begin() (model/work.h): pg_step without a count; nonzero cancels. */
int pg_tick(void *p);
/* True when cancelling was asked. */
bool pg_cancelled(const struct pg *p);
void pg_end(struct pg *p);
/*
 * Runs fn(arg) under a box titled title that Esc cancels (through work_begin() on the
 * console's database): fn's status; *cancelled true when it stopped because it was asked.
 */
int pg_work(const char *title, int (*fn)(void *arg), void *arg, bool *cancelled);

#endif
