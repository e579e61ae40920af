/* Allocation wrappers that never return NULL: on exhaustion they call fatal(). */
#ifndef RENDA_XALLOC_H
#define RENDA_XALLOC_H

#include <stddef.h>
#include <stdlib.h>

/* The number of items in the array a (an array, not a pointer). */
#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a new copy of s (NULL stays NULL); caller frees. */
char *xstrdup(const char *s);
/* Returns a new copy of the first n bytes of s; caller frees. */
char *xstrndup(const char *s, size_t n);
/* Returns a new formatted string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* qsort() of n items, nothing at all when there are fewer than two (base may then be
   NULL, which qsort() itself must not be given). */
static inline void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

#endif
