/* Unit tests of the row pipe: every row arrives, whole and in order, on the writer thread. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util/rowpipe.h"

enum { NCOLS = 3 };

/* What the writer saw. */
struct seen {
	long rows, wrong; /* rows written; rows not as put (the first one's number in first) */
	long first;
	bool other_thread; /* every row written on a thread other than the reader's */
	pthread_t reader;
	size_t bytes;
};

/* Column 0 is the row's number, 1 a Chinese text as long as the number says (NULL every
   7th row), 2 empty. */
static void make_row(long i, char *num, char *text, const char **vals)
{
	snprintf(num, 32, "%ld", i);
	text[0] = '\0';
	for (long k = 0; k < i % 50; k++)
		strcat(text, "路灯");
	vals[0] = num;
	vals[1] = i % 7 ? text : NULL;
	vals[2] = "";
}

static void check_row(void *ctx, const char *const *vals)
{
	struct seen *s = ctx;
	char num[32], text[400];
	const char *want[NCOLS];
	make_row(s->rows, num, text, want);
	bool same = !strcmp(vals[0], want[0]) && !strcmp(vals[2], "") &&
	            (want[1] ? vals[1] && !strcmp(vals[1], want[1]) : !vals[1]);
	if (!same && !s->wrong++)
		s->first = s->rows;
	if (pthread_equal(pthread_self(), s->reader))
		s->other_thread = false;
	s->bytes += strlen(vals[0]) + (vals[1] ? strlen(vals[1]) : 0);
	s->rows++;
}

/* Puts n rows through a pipe with a thread or without and checks what the writer saw. */
static void run(long n, bool thread)
{
	struct seen s = {.other_thread = true, .reader = pthread_self(), .first = -1};
	struct rowpipe *p = rowpipe_start(NCOLS, thread, check_row, &s);
	bool threaded = rowpipe_threaded(p);
	size_t bytes = 0;
	for (long i = 0; i < n; i++) {
		char num[32], text[400];
		const char *vals[NCOLS];
		make_row(i, num, text, vals);
		bytes += strlen(vals[0]) + (vals[1] ? strlen(vals[1]) : 0);
		rowpipe_put(p, vals);
		/* The row was copied: the reader's buffers may change at once. */
		memset(text, 'x', 10);
		strcpy(num, "changed");
	}
	rowpipe_finish(p);
	is_int(s.rows, n, "%ld rows put %s: every one written", n,
	       thread ? "with a thread" : "without");
	is_int(s.wrong, 0, "  each as it was put, in order (first wrong: %ld)", s.first);
	is_int((long long)s.bytes, (long long)bytes, "  no byte lost or added");
	if (thread)
		ok(threaded && s.other_thread, "  written on a thread of their own");
	else
		ok(!threaded && (!n || !s.other_thread), "  written by the reader's own thread");
}

int main(void)
{
	/* None, fewer than a batch, a batch exactly, one over, many batches (the reader waits
	   for the writer). */
	long counts[] = {0, 1, 255, 256, 257, 1024, 100001};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		run(counts[i], true);
		run(counts[i], false);
	}
	return tap_done();
}
