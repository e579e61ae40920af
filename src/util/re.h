/*
 * Regular expressions (PCRE2, 8-bit): compiled once with UTF and UCP (so \d,
 * \w and [[:alpha:]] follow Unicode and a Chinese character is one
 * character), JIT-compiled when the machine allows it, and matched with a
 * match context whose limits stop a pathological pattern such as (a+)+$
 * instead of letting it run for minutes. Subjects may hold invalid UTF-8:
 * such bytes never match and never make an error.
 */
#ifndef RENDA_RE_H
#define RENDA_RE_H

#include <stddef.h>
#include <stdint.h>

struct re;

/* Compile flags. */
#define RE_CASELESS 0x1u /* ignore case (Unicode case folding) */
#define RE_ANCHORED 0x2u /* the whole subject must match */

/* Results of re_match(). */
enum { RE_NOMATCH = 0, RE_MATCH = 1, RE_LIMIT = -1, RE_ERROR = -2 };

/* Default limits: match steps, backtracking depth, heap (KiB) for the interpreter. */
#define RE_MATCH_LIMIT 1000000u
#define RE_DEPTH_LIMIT 10000u
#define RE_HEAP_LIMIT 65536u

/*
 * Compiles pattern (UTF-8). Returns a new compiled expression (free with
 * re_free()), or NULL with RD_INVALID and "PCRE2's message (at character
 * N)" in err_msg(), N counting characters of the pattern from 0.
 */
struct re *re_compile(const char *pattern, unsigned flags);
void re_free(struct re *r);
/* The pattern text the expression was compiled from. */
const char *re_pattern(const struct re *r);

/*
 * Looks for a match in subject (len bytes; (size_t)-1 for strlen) starting
 * at byte offset start. Returns RE_MATCH (and the byte offsets of the match
 * in span[0], span[1] when span is not NULL), RE_NOMATCH, RE_LIMIT when the
 * match limits stopped it (err_msg() says so in words a clerk understands,
 * RD_INVALID), or RE_ERROR for another PCRE2 failure (message in err_msg()).
 */
int re_match(const struct re *r, const char *subject, size_t len, size_t start, size_t span[2]);

/*
 * Texts every match must hold, for looking the candidates up in an index first: one
 * per branch of the pattern's top-level alternation (a match holds one of them), read
 * from the pattern's text; else the first or last code unit PCRE2 knows every match
 * has, when it is an ASCII character. Returns how many (*out: new strings, a new
 * array; free each and the array), or 0 when the pattern needs no such text.
 */
int re_literals(const struct re *r, char ***out);

/* Changes the limits used by later matches (0 leaves one unchanged). */
void re_set_limits(uint32_t match, uint32_t depth, uint32_t heap_kib);

#endif
