#include "config.h"

#include <stdlib.h>
#include <wchar.h>

#include "util/chartok.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

static int cmp_wchar(const void *a, const void *b)
{
	wchar_t x = *(const wchar_t *)a, y = *(const wchar_t *)b;
	return (x > y) - (x < y);
}

char *chartok(const char *const *texts, int n)
{
	wchar_t *set = NULL;
	size_t k = 0, cap = 0;
	for (int i = 0; i < n; i++)
		for (const char *p = texts[i] ? texts[i] : ""; *p;) {
			wchar_t c = u8_decode(&p);
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (k == cap) {
				cap = cap ? cap * 2 : 256;
				set = xrealloc(set, sizeof *set * cap);
			}
			set[k++] = c;
		}
	if (k)
		qsort(set, k, sizeof *set, cmp_wchar);
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < k; i++) {
		if (i && set[i] == set[i - 1])
			continue;
		/* " u" and the code point in lower-case hex, without printf (one a character of
		   every case indexed). */
		char tok[16], *e = tok + sizeof tok, *p = e;
		unsigned long v = (unsigned long)set[i];
		*--p = '\0';
		do
			*--p = "0123456789abcdef"[v & 15];
		while (v >>= 4);
		*--p = 'u';
		if (b.len)
			*--p = ' ';
		sbuf_puts(&b, p);
	}
	free(set);
	return sbuf_take(&b);
}
