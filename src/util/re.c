#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/re.h"
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
