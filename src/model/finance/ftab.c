#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/finance/ftab.h"
#include "util/num.h"
#include "util/xalloc.h"

void ftab_init(struct ftab *t, const struct ftab_col *cols, int ncols, char *title)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	t->title = title;
}

int ftab_add(struct ftab *t, unsigned flags)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, sizeof *t->cells * (size_t)t->cap * (size_t)t->ncols);
		t->flags = xrealloc(t->flags, sizeof *t->flags * (size_t)t->cap);
	}
	int r = t->nrows++;
	for (int c = 0; c < t->ncols; c++)
		t->cells[r * t->ncols + c] = (struct ftab_cell){NULL, 0, true};
	t->flags[r] = flags;
	return r;
}

void ftab_text(struct ftab *t, int row, int col, const char *s)
{
	struct ftab_cell *c = &t->cells[row * t->ncols + col];
	free(c->text);
	c->text = xstrdup(s ? s : "");
	c->none = false;
}

void ftab_num(struct ftab *t, int row, int col, int64_t v)
{
	struct ftab_cell *c = &t->cells[row * t->ncols + col];
	c->v = v;
	c->none = false;
}

void ftab_none(struct ftab *t, int row, int col)
{
	t->cells[row * t->ncols + col].none = true;
}

int ftab_col(const struct ftab *t, const char *key)
{
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c].key, key))
			return c;
	return -1;
}

int64_t ftab_v(const struct ftab *t, int row, int col)
{
	const struct ftab_cell *c = &t->cells[row * t->ncols + col];
	return c->none ? 0 : c->v;
}

const char *ftab_out(const struct ftab *t, int row, int col, char buf[32])
{
	const struct ftab_cell *c = &t->cells[row * t->ncols + col];
	switch (t->cols[col].kind) {
	case FTK_TEXT:
	case FTK_DATE: return c->text ? c->text : "";
	case FTK_MONEY:
		if (c->none)
			return "";
		fin_money(c->v, buf);
		return buf;
	case FTK_DEC:
		if (c->none)
			return "";
		fin_dec(c->v, buf);
		return buf;
	case FTK_INT:
		if (c->none)
			return "";
		snprintf(buf, 32, "%lld", (long long)c->v);
		return buf;
	}
	return "";
}

void ftab_free(struct ftab *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t->flags);
	free(t->title);
	free(t->note);
	memset(t, 0, sizeof *t);
}

void fin_dec(int64_t h, char out[32])
{
	unsigned long long a = h < 0 ? (unsigned long long)-(h + 1) + 1 : (unsigned long long)h;
	snprintf(out, 32, "%s%llu.%02llu", h < 0 ? "-" : "", a / 100, a % 100);
}

void fin_money(int64_t fen, char out[32])
{
	fin_dec(fen, out);
}

void fin_money_grouped(int64_t fen, char out[40])
{
	char plain[32];
	fin_dec(fen, plain);
	num_group(plain, out, 40);
}

bool fin_growth(int64_t now, int64_t before, int64_t *h)
{
	int64_t d = now - before, a = d < 0 ? -d : d;
	if (!fin_pct(a, before, h))
		return false;
	if (d < 0)
		*h = -*h;
	return true;
}

bool fin_pct(int64_t num, int64_t den, int64_t *h)
{
	if (den <= 0 || num < 0)
		return false;
	/* num * 10000 / den, half-up, exactly: split to stay within 64 bits. */
	int64_t whole = num / den, rest = num % den;
	int64_t q = whole * 10000, r = rest * 10000; /* rest < den <= 10^14: r < 10^18 */
	q += r / den;
	if ((r % den) * 2 >= den)
		q++;
	*h = q;
	return true;
}
