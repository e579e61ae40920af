#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "model/core/sqlcount.h"

/* A group's counts, and its spec as parsed on the group's first row. */
struct counts {
	int parsed; /* 0 not yet, 1 parsed */
	int nfields, nout;
	int nwords[SQLCOUNT_FIELDS]; /* 0: a sum ("+") */
	int first[SQLCOUNT_FIELDS];  /* its first word in word[], or nothing */
	int at[SQLCOUNT_FIELDS];     /* its first output in v[] */
	const char *word[SQLCOUNT_WORDS];
	int len[SQLCOUNT_WORDS];
	char spec[512];
	int64_t v[1 + SQLCOUNT_WORDS + SQLCOUNT_FIELDS];
};

/* Parses spec into c; false when it does not parse or is too long. */
static bool parse(struct counts *c, const char *spec)
{
	size_t n = strlen(spec);
	if (n >= sizeof c->spec)
		return false;
	memcpy(c->spec, spec, n + 1);
	int nw = 0, out = 1;
	for (char *p = c->spec;;) {
		if (c->nfields == SQLCOUNT_FIELDS)
			return false;
		int f = c->nfields++;
		char *end = p + strcspn(p, ";");
		bool last = !*end;
		*end = '\0';
		c->at[f] = out;
		c->first[f] = nw;
		if (!strcmp(p, "+")) {
			c->nwords[f] = 0;
			out++;
		} else {
			for (char *w = p;;) {
				char *bar = w + strcspn(w, "|");
				if (bar == w || nw == SQLCOUNT_WORDS)
					return false; /* an empty word, or too many */
				c->word[nw] = w;
				c->len[nw++] = (int)(bar - w);
				c->nwords[f]++;
				out++;
				if (!*bar)
					break;
				*bar = '\0';
				w = bar + 1;
			}
		}
		if (last)
			break;
		p = end + 1;
	}
	c->nout = out;
	c->parsed = 1;
	return true;
}

static void counts_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct counts *c = sqlite3_aggregate_context(ctx, (int)sizeof *c);
	if (!c)
		return; /* out of memory: SQLite reports it */
	if (!c->parsed) {
		const char *spec = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
		if (!spec || !parse(c, spec)) {
			memset(c, 0, sizeof *c);
			sqlite3_result_error(ctx, "renda_counts: a spec of '+' and 'a|b' fields",
			                     -1);
			return;
		}
	}
	if (argc - 1 != c->nfields) {
		sqlite3_result_error(ctx, "renda_counts: one field of the spec for each value", -1);
		return;
	}
	c->v[0]++;
	for (int f = 0; f < c->nfields; f++) {
		sqlite3_value *x = argv[f + 1];
		if (sqlite3_value_type(x) == SQLITE_NULL)
			continue;
		if (!c->nwords[f]) {
			if (__builtin_add_overflow(c->v[c->at[f]], sqlite3_value_int64(x),
			                           &c->v[c->at[f]])) {
				sqlite3_result_error(ctx, "renda_counts: integer overflow", -1);
				return;
			}
			continue;
		}
		const char *t = (const char *)sqlite3_value_text(x);
		int n = sqlite3_value_bytes(x);
		for (int k = 0; t && k < c->nwords[f]; k++) {
			int w = c->first[f] + k;
			if (c->len[w] == n && !memcmp(c->word[w], t, (size_t)n)) {
				c->v[c->at[f] + k]++;
				break;
			}
		}
	}
}

static void counts_final(sqlite3_context *ctx)
{
	struct counts *c = sqlite3_aggregate_context(ctx, 0);
	if (!c || !c->parsed)
		sqlite3_result_null(ctx); /* no row: no group */
	else
		sqlite3_result_blob(ctx, c->v, (int)(sizeof c->v[0] * (size_t)c->nout),
		                    SQLITE_TRANSIENT);
}

int sqlcount_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "renda_counts", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                               NULL, NULL, counts_step, counts_final);
}
