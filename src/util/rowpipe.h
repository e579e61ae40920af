/*
 * A row pipe: one thread reads rows of text (from the database) while a second writes
 * them (into a workbook), so that the two overlap on a machine with more than one
 * processor. The reader hands each row to rowpipe_put(), which copies it; the writer
 * thread calls write(ctx, vals) for every row, in the order they were put. Rows travel
 * in batches of a few hundred, at most four batches in flight, so memory stays small
 * whatever the number of rows. Without a thread (asked for none, as on a machine
 * with one processor, or none could be started), rowpipe_put() calls write() itself:
 * the same rows, in the same order.
 *
 * write() runs on the writer thread while the reader goes on: it must touch nothing the
 * reader touches (the database, the reader's buffers), and may not call err_set().
 */
#ifndef RENDA_ROWPIPE_H
#define RENDA_ROWPIPE_H

#include <stdbool.h>

struct rowpipe;

/* Starts a pipe of rows of ncols columns, each written by write(ctx, vals), on a thread of
   its own when thread is true. */
struct rowpipe *rowpipe_start(int ncols, bool thread,
                              void (*write)(void *ctx, const char *const *vals), void *ctx);
/* Copies a row (ncols values, any of them NULL) into the pipe; waits while four batches wait. */
void rowpipe_put(struct rowpipe *p, const char *const *vals);
/* Writes what is left, waits for the writer and frees the pipe. */
void rowpipe_finish(struct rowpipe *p);
/* Whether rows are written by a thread of their own (false: by rowpipe_put()). */
bool rowpipe_threaded(const struct rowpipe *p);

#endif
