/* Sentences of a history's text, stored as msgids and put into the reader's language. */
#include "model/core/msgtext.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "model/core/vocab.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The marks: characters of the Private Use Area (U+E000 to U+E003), which no one types and
   which are not control characters (ctrl.h: renda stores none). Three bytes each. */
#define MARK "\xee\x80\x80"
#define SEP "\xee\x80\x81"
#define NL "\xee\x80\x82"
#define WORD "\xee\x80\x83"
enum { MLEN = 3 };

/* True when s begins with the mark m. */
static bool at(const char *s, const char *m)
{
	return !strncmp(s, m, MLEN);
}

/* Appends a field: its newlines as NL, the marks dropped (a person's text cannot forge a
   sentence), a word's own mark kept at its start. */
static void put_field(struct sbuf *b, const char *s)
{
	sbuf_puts(b, SEP);
	if (at(s, WORD)) {
		sbuf_puts(b, WORD);
		s += MLEN;
	}
	while (*s) {
		if (*s == '\n') {
			sbuf_puts(b, NL);
			s++;
		} else if (at(s, MARK) || at(s, SEP) || at(s, NL) || at(s, WORD))
			s += MLEN;
		else
			sbuf_putc(b, *s++);
	}
}

/* Appends each argument of fmt's conversions, formatted as fmt asks, as a field. */
static void put_args(struct sbuf *b, const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		p++;
		/* Flags, width and precision are not taken (the msgids write none). */
		while (*p && strchr("-+ #0123456789.", *p))
			p++;
		int longs = 0;
		bool size = false;
		for (; *p == 'l' || *p == 'h' || *p == 'z'; p++) {
			longs += *p == 'l';
			size |= *p == 'z';
		}
		char *out;
		switch (*p) {
		case 'd':
		case 'i': {
			long long v = size        ? (long long)va_arg(ap, ssize_t)
			              : longs > 1 ? va_arg(ap, long long)
			              : longs     ? va_arg(ap, long)
			                          : va_arg(ap, int);
			out = xasprintf("%lld", v);
			break;
		}
		case 'u': {
			unsigned long long v = size        ? va_arg(ap, size_t)
			                       : longs > 1 ? va_arg(ap, unsigned long long)
			                       : longs     ? va_arg(ap, unsigned long)
			                                   : va_arg(ap, unsigned);
			out = xasprintf("%llu", v);
			break;
		}
		case 's': {
			const char *v = va_arg(ap, const char *);
			out = xstrdup(v ? v : "");
			break;
		}
		default:
			out = xstrdup("?"); /* not a conversion msgtext_add() takes */
			break;
		}
		put_field(b, out);
		free(out);
		if (!*p)
			break;
	}
}

void msgtext_add(struct sbuf *b, const char *fmt, ...)
{
	sbuf_puts(b, MARK);
	sbuf_putc(b, 's');
	put_field(b, fmt);
	va_list ap;
	va_start(ap, fmt);
	put_args(b, fmt, ap);
	va_end(ap);
}

void msgtext_addn(struct sbuf *b, const char *one, const char *many, unsigned long n, ...)
{
	sbuf_puts(b, MARK);
	sbuf_putc(b, 'p');
	put_field(b, one);
	put_field(b, many);
	char num[24];
	snprintf(num, sizeof num, "%lu", n);
	put_field(b, num);
	va_list ap;
	va_start(ap, n);
	put_args(b, one, ap);
	va_end(ap);
}

const char *msgtext_code(char *buf, size_t size, const char *field, const char *code)
{
	snprintf(buf, size, "%s%s=%s", WORD, field, code);
	return buf;
}

/* A field of a stored sentence (from s to its end), its newlines back (caller frees). */
static char *field_text(const char *s, size_t len)
{
	char *t = xmalloc(len + 1), *o = t;
	for (size_t i = 0; i < len;) {
		if (len - i >= MLEN && at(s + i, NL)) {
			*o++ = '\n';
			i += MLEN;
		} else
			*o++ = s[i++];
	}
	*o = '\0';
	return t;
}

/* An argument as the reader reads it: a word in the reader's language, else as it is. */
static const char *arg_text(const char *a)
{
	if (!at(a, WORD))
		return a;
	a += MLEN;
	const char *eq = strchr(a, '=');
	if (!eq)
		return a;
	if (eq == a)
		return gettext(eq + 1);
	char field[32];
	size_t n = (size_t)(eq - a);
	if (n >= sizeof field)
		return eq + 1;
	memcpy(field, a, n);
	field[n] = '\0';
	return vocab_label(field, eq + 1);
}

/* Appends a stored sentence (the line after its mark) in the current language. */
static void render_line(struct sbuf *b, const char *line, size_t len)
{
	char **f = NULL;
	size_t nf = 0;
	for (size_t i = 1; i + MLEN <= len && at(line + i, SEP);) {
		size_t j = i + MLEN;
		while (j < len && !(len - j >= MLEN && at(line + j, SEP)))
			j++;
		f = xrealloc(f, (nf + 1) * sizeof *f);
		f[nf++] = field_text(line + i + MLEN, j - i - MLEN);
		i = j;
	}
	/* Fields: the msgid (the plural pair and n), then the arguments. */
	bool plural = line[0] == 'p';
	size_t first = plural ? 3 : 1;
	const char *fmt = "";
	if (!plural && nf >= 1)
		fmt = gettext(f[0]);
	else if (plural && nf >= 3)
		fmt = ngettext(f[0], f[1], strtoul(f[2], NULL, 10));
	size_t next = first;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			sbuf_putc(b, *p);
			continue;
		}
		if (p[1] == '%') {
			sbuf_putc(b, '%');
			p++;
			continue;
		}
		/* "%N$..." takes argument N; the rest of the conversion is read and left. */
		size_t k = next;
		const char *q = p + 1;
		char *end;
		unsigned long pos = strtoul(q, &end, 10);
		if (end != q && *end == '$') {
			k = pos ? first + pos - 1 : nf; /* %0$ is no argument */
			q = end + 1;
		} else
			next++;
		while (*q && strchr("-+ #0123456789.lhzjt", *q))
			q++;
		if (k < nf)
			sbuf_puts(b, arg_text(f[k]));
		if (!*q)
			break;
		p = q;
	}
	for (size_t i = 0; i < nf; i++)
		free(f[i]);
	free(f);
}

char *msgtext_render(const char *text)
{
	if (!text)
		return NULL;
	if (!strstr(text, MARK))
		return xstrdup(text);
	struct sbuf b = SBUF_INIT;
	for (const char *p = text;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > MLEN && at(p, MARK))
			render_line(&b, p + MLEN, len - MLEN);
		else
			sbuf_add(&b, p, len);
		if (!nl)
			break;
		sbuf_putc(&b, '\n');
		p = nl + 1;
	}
	return sbuf_take(&b);
}
