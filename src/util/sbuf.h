/* A growable byte string that is always NUL-terminated. */
#ifndef RENDA_SBUF_H
#define RENDA_SBUF_H

#include <stddef.h>

struct sbuf {
	char *s;
	size_t len, cap;
};

#define SBUF_INIT                                                                                  \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void sbuf_reset(struct sbuf *b);
/*
 * Appends fmt (a message from our tables, not a printf format) with each "%s"
 * replaced by the next of the n values (an extra "%s" stays as it is).
 */
void sbuf_subst(struct sbuf *b, const char *fmt, const char *const *vals, int n);
/* The contents ("" when empty); valid until the next change. */
const char *sbuf_str(const struct sbuf *b);
/* Hands the string to the caller (caller frees) and empties the buffer. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

#endif
