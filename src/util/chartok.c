#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/chartok.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

char *chartok(const char *const *texts, int n)
{
	/* The distinct characters in order, each put in its place as it comes (a search of
	   the few already found): a case's text has a hundred or two characters, half of them
	   repeated; a sort of them all cost twice the rest of the indexing. */
	wchar_t *set = NULL;
	size_t k = 0, cap = 0;
	for (int i = 0; i < n; i++)
		for (const char *p = texts[i] ? texts[i] : ""; *p;) {
			wchar_t c = u8_decode(&p);
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			size_t lo = 0, hi = k;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (set[mid] < c)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < k && set[lo] == c)
				continue;
			if (k == cap) {
				cap = cap ? cap * 2 : 256;
				set = xrealloc(set, sizeof *set * cap);
			}
			memmove(set + lo + 1, set + lo, sizeof *set * (k - lo));
			set[lo] = c;
			k++;
		}
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < k; i++) {
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
