#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/valid.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum { RX_MOBILE, RX_LANDLINE, RX_NAME, RX_COUNT };

static const char *const patterns[RX_COUNT] = {
    [RX_MOBILE] = "^(?:\\+?86)?1[3-9][0-9]{9}$",
    [RX_LANDLINE] = "^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}$",
    [RX_NAME] = "^\\p{Han}{1,20}(?:\\x{00B7}\\p{Han}{1,20}){0,4}$",
};

static pcre2_code *compiled[RX_COUNT];
static pcre2_match_context *mctx;

/* Matches s against pattern i (compiled and JIT-compiled on first use). */
static bool rx_match(int i, const char *s)
{
	if (!compiled[i]) {
		int ec;
		PCRE2_SIZE off;
		compiled[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
		                            PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
		if (!compiled[i])
			fatal("valid: pattern %d does not compile (error %d at %zu)", i, ec,
			      (size_t)off);
		pcre2_jit_compile(compiled[i], PCRE2_JIT_COMPLETE);
		if (!mctx) {
			mctx = pcre2_match_context_create(NULL);
			pcre2_set_match_limit(mctx, 100000);
			pcre2_set_depth_limit(mctx, 1000);
		}
	}
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[i], NULL);
	int rc = pcre2_match(compiled[i], (PCRE2_SPTR)s, strlen(s), 0, 0, md, mctx);
	pcre2_match_data_free(md);
	/* Invalid UTF-8 is a non-match, not an error. */
	return rc >= 0;
}

bool valid_resident_id(const char *s, char *why, size_t whylen)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	size_t n = strlen(s);
	if (n != 18) {
		snprintf(why, whylen, _("has %zu characters, not 18"), n);
		return false;
	}
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9') {
			snprintf(why, whylen, _("must be 17 digits and then a digit or X"));
			return false;
		}
		sum += (s[i] - '0') * weight[i];
	}
	char last = s[17] == 'x' ? 'X' : s[17];
	if (!((last >= '0' && last <= '9') || last == 'X')) {
		snprintf(why, whylen, _("must end with a digit or X"));
		return false;
	}
	int y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	int m = (s[10] - '0') * 10 + (s[11] - '0');
	int d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!date_valid_ymd(y, m, d)) {
		snprintf(why, whylen, _("has a birth date %.8s that is not a real date"), s + 6);
		return false;
	}
	if (y < 1900 || date_from_ymd(y, m, d) > clock_today()) {
		snprintf(why, whylen, _("has a birth date %.8s outside 1900 to today"), s + 6);
		return false;
	}
	if (check[sum % 11] != last) {
		snprintf(why, whylen, _("has a wrong check digit (expected %c)"), check[sum % 11]);
		return false;
	}
	return true;
}

void resident_id_birth(const char *s, char out[11])
{
	snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
}

const char *resident_id_gender(const char *s)
{
	return (s[16] - '0') % 2 ? "男" : "女";
}

bool valid_mobile(const char *s)
{
	return rx_match(RX_MOBILE, s);
}

bool valid_landline(const char *s)
{
	return rx_match(RX_LANDLINE, s);
}

/* The code points that people type for the middle dot of a name. */
static const unsigned dot_alikes[] = {
    0x002E, 0x0387, 0x1427, 0x16EB, 0x2022, 0x2027, 0x2219, 0x22C5,
    0x2981, 0x2E31, 0x30FB, 0x318D, 0xFE52, 0xFF0E, 0xFF65,
};

/* Decodes the UTF-8 sequence at s: its code point, and its length in *len (1 when invalid). */
static unsigned utf8_at(const unsigned char *s, int *len)
{
	unsigned c = s[0];
	int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (!n) {
		*len = 1;
		return 0xFFFD;
	}
	unsigned cp = n == 1 ? c : c & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*len = n;
	return cp;
}

char *person_name_normalize(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(2 * n + 1), *o = out; /* "." (1 byte) becomes 2 bytes */
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int len;
		unsigned cp = utf8_at(p, &len);
		bool dot = false;
		for (size_t i = 0; i < sizeof dot_alikes / sizeof dot_alikes[0]; i++)
			dot |= cp == dot_alikes[i];
		if (dot) {
			*o++ = (char)0xC2;
			*o++ = (char)0xB7;
		} else {
			memcpy(o, p, (size_t)len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

bool valid_person_name(const char *s)
{
	/* One Han character alone is not a full name. */
	char *n = person_name_normalize(s);
	bool ok = strlen(n) > 3 && rx_match(RX_NAME, n);
	free(n);
	return ok;
}

char *resident_id_normalize(const char *s)
{
	char *r = xstrdup(s);
	size_t n = strlen(r);
	if (n && r[n - 1] == 'x')
		r[n - 1] = 'X';
	return r;
}

bool valid_adult_on(int birth, int day)
{
	int y, m, d;
	date_to_ymd(birth, &y, &m, &d);
	int b18 = date_valid_ymd(y + 18, m, d) ? date_from_ymd(y + 18, m, d)
	                                       : date_from_ymd(y + 18, 3, 1);
	return b18 <= day;
}

char *mask_resident_id(const char *s)
{
	char *m = xstrdup(s);
	if (strlen(m) == 18)
		memset(m + 6, '*', 8); /* the birth date: positions 7 to 14 */
	else if (*m)
		for (char *p = m; *p; p++)
			*p = '*';
	return m;
}

char *mask_date(const char *s)
{
	return xstrdup(*s ? "****-**-**" : "");
}

char *mask_phone(const char *s)
{
	size_t n = strlen(s);
	if (n < 7)
		return xstrdup(n ? "****" : "");
	char *m = xstrdup(s);
	for (size_t i = n >= 11 ? n - 8 : 3; i < n - 4; i++)
		m[i] = '*';
	return m;
}
