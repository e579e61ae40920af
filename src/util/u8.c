#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/conf.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

#define REPLACEMENT 0xFFFD

static int ascii_mode = -1; /* -1: follow the configuration */

void u8_set_ascii(bool ascii)
{
	ascii_mode = ascii;
}

bool u8_ascii(void)
{
	return ascii_mode >= 0 ? ascii_mode : conf.ascii_borders;
}

static bool cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

wchar_t u8_decode(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned c = s[0];
	if (c < 0x80) {
		*p += 1;
		return (wchar_t)c;
	}
	int n;
	unsigned lo = 0x80, hi = 0xBF, v;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		*p += 1;
		return REPLACEMENT;
	}
	if (s[1] < lo || s[1] > hi) {
		*p += 1;
		return REPLACEMENT;
	}
	for (int i = 1; i < n; i++) {
		if (!cont(s[i])) {
			*p += 1;
			return REPLACEMENT;
		}
		v = v << 6 | (s[i] & 0x3F);
	}
	*p += n;
	return (wchar_t)v;
}

int u8_encode(wchar_t wc, char out[4])
{
	unsigned long c = (unsigned long)wc;
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = REPLACEMENT;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static bool is_control(wchar_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

int u8_wcwidth(wchar_t c)
{
	if (is_control(c))
		return 1;
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

wchar_t u8_visible(wchar_t c)
{
	if (is_control(c) || wcwidth(c) < 0)
		return REPLACEMENT;
	return c;
}

int u8_width(const char *s)
{
	int w = 0;
	if (!s)
		return 0;
	while (*s)
		w += u8_wcwidth(u8_decode(&s));
	return w;
}

int u8_wcswidth(const wchar_t *w, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n && w[i]; i++)
		cols += u8_wcwidth(w[i]);
	return cols;
}

static void put_wc(struct sbuf *b, wchar_t c)
{
	char buf[4];
	sbuf_add(b, buf, (size_t)u8_encode(c, buf));
}

/* Appends s cut to cols columns (visible characters only); returns the columns used. */
static int fit_into(struct sbuf *b, const char *s, int cols)
{
	int used = 0;
	while (s && *s) {
		wchar_t c = u8_decode(&s);
		int w = u8_wcwidth(c);
		if (used + w > cols)
			break;
		put_wc(b, u8_visible(c));
		used += w;
	}
	return used;
}

char *u8_fit(const char *s, int cols, bool ellipsis)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "");
	if (cols <= 0)
		return sbuf_take(&b);
	if (!ellipsis || u8_width(s) <= cols) {
		fit_into(&b, s, cols);
		return sbuf_take(&b);
	}
	bool ascii = u8_ascii();
	int ew = ascii ? 3 : 1;
	if (ew > cols)
		ew = cols;
	fit_into(&b, s, cols - ew);
	if (ascii)
		sbuf_add(&b, "...", (size_t)ew);
	else
		sbuf_puts(&b, "\xE2\x80\xA6"); /* U+2026 */
	return sbuf_take(&b);
}

/* Punctuation no line begins with, and after which no line ends. */
static bool closing(wchar_t c)
{
	return c && (wcschr(L"\uFF0C\u3002\u3001\uFF1B\uFF1A\uFF01\uFF1F\uFF09\u300D\u300F"
	                    L"\u3011\u300B\u201D\u2019\u2026),.;:!?%",
	                    c) != NULL);
}

static bool opening(wchar_t c)
{
	return c && wcschr(L"\uFF08\u300C\u300E\u3010\u300A\u201C\u2018(", c) != NULL;
}

/* May a line break between prev and c (c not a space)? */
static bool may_break(wchar_t prev, wchar_t c)
{
	if (prev == L' ' || closing(c) || opening(prev))
		return prev == L' ' && !closing(c);
	return u8_wcwidth(prev) == 2 || u8_wcwidth(c) == 2;
}

char *u8_wrap(const char *s, int first, int width, int indent)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "");
	if (!s)
		return sbuf_take(&b);
	if (indent >= width)
		indent = 0;
	int col = first;
	const char *p = s;
	if (col >= width) {
		/* The lead fills the line: the text begins on the next. */
		sbuf_printf(&b, "\n%*s", indent, "");
		col = indent;
	}
	while (*p) {
		/* The longest part from p that fits, and the last place it may break. */
		const char *q = p, *brk = NULL, *next = NULL;
		wchar_t prev = 0;
		int c = col;
		while (*q) {
			const char *r = q;
			wchar_t ch = u8_decode(&r);
			int w = u8_wcwidth(ch);
			if (ch == L'\n') {
				/* A line end of the text's own: the next line is indented too. */
				brk = q;
				next = r;
				break;
			}
			if (ch == L' ') {
				brk = q;
				next = r;
			} else if (q > p && may_break(prev, ch)) {
				brk = q;
				next = q;
			}
			if (c + (w > 0 ? w : 0) > width && ch != L' ')
				break;
			c += w > 0 ? w : 0;
			prev = ch;
			q = r;
		}
		if (!*q) {
			sbuf_puts(&b, p);
			break;
		}
		if (*q != '\n' && (!brk || brk == p)) {
			/* No place to break on this line: cut the word where the line ends (at
			   least one character, so that the text goes on). */
			if (q == p) {
				const char *r = q;
				u8_decode(&r);
				q = r;
			}
			brk = next = q;
		}
		const char *end = brk;
		while (end > p && end[-1] == ' ')
			end--;
		sbuf_add(&b, p, (size_t)(end - p));
		sbuf_printf(&b, "\n%*s", indent, "");
		col = indent;
		p = next;
		while (*p == ' ')
			p++;
	}
	return sbuf_take(&b);
}

static char *pad(const char *s, int cols, bool right)
{
	if (cols <= 0)
		return xstrdup("");
	char *fit = u8_fit(s, cols, true);
	int fill = cols - u8_width(fit);
	struct sbuf b = SBUF_INIT;
	if (!right)
		sbuf_puts(&b, fit);
	for (int i = 0; i < fill; i++)
		sbuf_putc(&b, ' ');
	if (right)
		sbuf_puts(&b, fit);
	free(fit);
	return sbuf_take(&b);
}

char *u8_pad(const char *s, int cols)
{
	return pad(s, cols, false);
}

char *u8_rpad(const char *s, int cols)
{
	return pad(s, cols, true);
}

wchar_t *u8_to_wcs(const char *s)
{
	size_t n = 0;
	for (const char *p = s ? s : ""; *p; n++)
		u8_decode(&p);
	wchar_t *w = xmalloc((n + 1) * sizeof *w);
	size_t i = 0;
	for (const char *p = s ? s : ""; *p;)
		w[i++] = u8_decode(&p);
	w[i] = L'\0';
	return w;
}

char *u8_from_wcs(const wchar_t *w)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "");
	for (; w && *w; w++)
		put_wc(&b, *w);
	return sbuf_take(&b);
}

bool u8_valid(const char *s)
{
	while (s && *s) {
		const char *before = s;
		wchar_t c = u8_decode(&s);
		/* A decoded U+FFFD from one byte is an error unless the text held EF BF BD. */
		if (c == REPLACEMENT && s - before == 1)
			return false;
	}
	return true;
}
