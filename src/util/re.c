#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct re {
	pcre2_code *code;
	char *pattern;
};

static pcre2_match_context *mctx;
static pcre2_jit_stack *jstack;
static uint32_t lim_match = RE_MATCH_LIMIT, lim_depth = RE_DEPTH_LIMIT, lim_heap = RE_HEAP_LIMIT;

/* The shared match context (limits and a JIT stack), made on first use. */
static pcre2_match_context *context(void)
{
	if (!mctx) {
		mctx = pcre2_match_context_create(NULL);
		if (!mctx)
			fatal("out of memory");
		jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (jstack)
			pcre2_jit_stack_assign(mctx, NULL, jstack);
		pcre2_set_match_limit(mctx, lim_match);
		pcre2_set_depth_limit(mctx, lim_depth);
		pcre2_set_heap_limit(mctx, lim_heap);
	}
	return mctx;
}

void re_set_limits(uint32_t match, uint32_t depth, uint32_t heap_kib)
{
	if (match)
		lim_match = match;
	if (depth)
		lim_depth = depth;
	if (heap_kib)
		lim_heap = heap_kib;
	if (mctx) {
		pcre2_set_match_limit(mctx, lim_match);
		pcre2_set_depth_limit(mctx, lim_depth);
		pcre2_set_heap_limit(mctx, lim_heap);
	}
}

/* Number of UTF-8 characters in the first n bytes of s. */
static size_t chars_before(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

struct re *re_compile(const char *pattern, unsigned flags)
{
	if (dynlib_ready(&libs_pcre2))
		return NULL;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
#ifdef PCRE2_MATCH_INVALID_UTF
	opts |= PCRE2_MATCH_INVALID_UTF;
#endif
	if (flags & RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RE_ANCHORED)
		opts |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	int ec;
	PCRE2_SIZE off;
	pcre2_code *code =
	    pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &off, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		err_set(RD_INVALID, _("%s (at character %zu)"), (const char *)msg,
		        chars_before(pattern, off));
		return NULL;
	}
	/* JIT is an optimisation: without it (no JIT support, W^X memory) the interpreter runs. */
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	struct re *r = xmalloc(sizeof *r);
	r->code = code;
	r->pattern = xstrdup(pattern);
	return r;
}

void re_free(struct re *r)
{
	if (!r)
		return;
	pcre2_code_free(r->code);
	free(r->pattern);
	free(r);
}

const char *re_pattern(const struct re *r)
{
	return r->pattern;
}

int re_match(const struct re *r, const char *subject, size_t len, size_t start, size_t span[2])
{
	if (len == (size_t)-1)
		len = strlen(subject);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->code, NULL);
	if (!md)
		fatal("out of memory");
	int rc = pcre2_match(r->code, (PCRE2_SPTR)subject, len, start, 0, md, context());
	int res;
	if (rc >= 0) {
		if (span) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			span[0] = ov[0];
			span[1] = ov[1];
		}
		res = RE_MATCH;
	} else if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL) {
		res = RE_NOMATCH;
	} else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		err_set(
		    RD_INVALID,
		    _("the regular expression %s needs too much work on this text and was stopped; "
		      "simplify it (avoid nested repeats such as (a+)+)"),
		    r->pattern);
		res = RE_LIMIT;
	} else {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		err_set(RD_FAIL, _("regular expression %s: %s"), r->pattern, (const char *)msg);
		res = RE_ERROR;
	}
	pcre2_match_data_free(md);
	return res;
}

/* True for the characters that have a meaning of their own in a pattern. */
static bool meta(int c)
{
	return c && strchr("\\^$.|?*+()[]{}", c) != NULL;
}

/* Ends a run of literal text: keeps the longest one of the branch in best. */
static void run_end(struct sbuf *run, struct sbuf *best)
{
	if (run->len > best->len) {
		sbuf_free(best);
		sbuf_puts(best, sbuf_str(run));
	}
	sbuf_free(run);
}

/*
 * The longest text each branch of a pattern's top-level alternation must hold, from
 * the pattern's own text: literal characters in a row, a character before ? * or {
 * left out (it may be absent), groups, classes and escapes of classes ending a run.
 * Returns the number of branches with their texts in out[] (new strings), or 0 when
 * some branch has none, or the pattern uses what this reading does not follow
 * (options such as (?x), \Q...\E).
 */
static int branch_literals(const char *pat, char ***out)
{
	struct sbuf run = SBUF_INIT, best = SBUF_INIT;
	char **lits = NULL;
	int n = 0, depth = 0;
	bool ok = strstr(pat, "(?") == NULL && strstr(pat, "\\Q") == NULL;
	for (const char *p = pat; ok;) {
		int c = (unsigned char)*p;
		if (!c || (c == '|' && depth == 0)) {
			run_end(&run, &best);
			if (!best.len)
				ok = false;
			else {
				lits = xrealloc(lits, sizeof *lits * (size_t)(n + 1));
				lits[n++] = sbuf_take(&best);
			}
			if (!c)
				break;
			p++;
			continue;
		}
		if (depth > 0) {
			if (c == '\\' && p[1])
				p++;
			else if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
			p++;
			continue;
		}
		if (c == '(') {
			run_end(&run, &best);
			depth = 1;
			p++;
			continue;
		}
		if (c == '[') {
			run_end(&run, &best);
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p += *p == '\\' && p[1] ? 2 : 1;
			if (*p)
				p++;
			continue;
		}
		/* One character of text (a UTF-8 sequence), or an escaped punctuation mark. */
		const char *start = p, *end;
		if (c == '\\') {
			if (!p[1] || isalnum((unsigned char)p[1])) {
				run_end(&run, &best);
				p += p[1] ? 2 : 1;
				continue;
			}
			start = p + 1;
			end = p + 2;
		} else if (meta(c)) {
			/* . ^ $ and a quantifier in place of a character: a gap in the text. */
			run_end(&run, &best);
			p++;
			continue;
		} else {
			end = p + 1;
			while ((*end & 0xC0) == 0x80)
				end++;
		}
		int q = (unsigned char)*end;
		if (q == '?' || q == '*' || q == '{') {
			/* Perhaps absent: the run ends before it. */
			run_end(&run, &best);
		} else {
			sbuf_add(&run, start, (size_t)(end - start));
			if (q == '+')
				run_end(&run, &best);
		}
		p = end;
	}
	sbuf_free(&run);
	sbuf_free(&best);
	if (!ok) {
		for (int i = 0; i < n; i++)
			free(lits[i]);
		free(lits);
		return 0;
	}
	*out = lits;
	return n;
}

/* A code unit every match has (what: first or last), when it is a printable ASCII character. */
static bool ascii_unit(const pcre2_code *code, uint32_t type_what, uint32_t unit_what,
                       uint32_t *unit)
{
	uint32_t type = 0;
	return pcre2_pattern_info(code, type_what, &type) == 0 && type == 1 &&
	       pcre2_pattern_info(code, unit_what, unit) == 0 && *unit > 0x20 && *unit < 0x80;
}

int re_literals(const struct re *r, char ***out)
{
	*out = NULL;
	int n = branch_literals(r->pattern, out);
	if (n > 0)
		return n;
	/* What PCRE2 found the pattern needs: its first or last code unit, when it is a
	   whole character (ASCII), and the same whatever the case (the index folds it). */
	uint32_t unit = 0;
	if (!ascii_unit(r->code, PCRE2_INFO_FIRSTCODETYPE, PCRE2_INFO_FIRSTCODEUNIT, &unit) &&
	    !ascii_unit(r->code, PCRE2_INFO_LASTCODETYPE, PCRE2_INFO_LASTCODEUNIT, &unit))
		return 0;
	*out = xmalloc(sizeof **out);
	(*out)[0] = xasprintf("%c", (int)unit);
	return 1;
}
