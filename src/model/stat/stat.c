#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/stat/stat.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- rounding -------------------------------------------------------------- */

/* 10^14: num * 10^4 stays far below 2^63, and hundredths below it print in 24 bytes. */
#define STAT_MAX_OPERAND 100000000000000LL

void stat_hundredths(int64_t h, char out[24])
{
	if (h == STAT_NONE) {
		out[0] = '\0';
		return;
	}
	uint64_t a = h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;
	snprintf(out, 24, "%s%llu.%02llu", h < 0 ? "-" : "", (unsigned long long)(a / 100),
	         (unsigned long long)(a % 100));
}

/* num * scale / den, rounded half-up; STAT_NONE when den is 0 or out of range. */
static int64_t div_half_up(int64_t num, int64_t scale, int64_t den)
{
	if (den <= 0 || num < 0 || num > STAT_MAX_OPERAND || den > STAT_MAX_OPERAND)
		return STAT_NONE;
	int64_t n = num * scale;
	int64_t q = n / den, r = n % den;
	/* Half-up: a remainder of half the divisor or more rounds away from zero. */
	if (r >= den - r)
		q++;
	return q < STAT_MAX_OPERAND ? q : STAT_NONE;
}

/* Writes hundredths h (below 10^14, or STAT_NONE: at most 15 characters) into out. */
static void put16(int64_t h, char out[16])
{
	char buf[24];
	stat_hundredths(h, buf);
	size_t n = strlen(buf);
	if (n > 15)
		n = 15;
	memcpy(out, buf, n);
	out[n] = '\0';
}

int64_t stat_pct(int64_t num, int64_t den, char out[16])
{
	int64_t h = div_half_up(num, 10000, den);
	put16(h, out);
	return h;
}

int64_t stat_fixed2(int64_t num, int64_t den, char out[16])
{
	/* An amount may be below zero (points deducted): rounded away from zero alike. */
	int64_t h = num < 0 && num >= -STAT_MAX_OPERAND ? div_half_up(-num, 100, den)
	                                                : div_half_up(num, 100, den);
	if (num < 0 && h != STAT_NONE)
		h = -h;
	put16(h, out);
	return h;
}

/* ---- tables ---------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void stat_table_init(struct stat_table *t, const struct stat_coldef *defs, int n, const char *title,
                     const char *name_label, const char *count_unit)
{
	memset(t, 0, sizeof *t);
	t->title = xstrdup(title ? _(title) : "");
	t->key_label = xstrdup(_("Code"));
	t->name_label = xstrdup(name_label ? _(name_label) : _("Name"));
	t->count_unit = xstrdup(count_unit ? _(count_unit) : "");
	t->total.key = xstrdup("");
	t->total.name = xstrdup(_("Total"));
	for (int i = 0; i < n; i++)
		stat_table_add_col(t, defs[i].key, _(defs[i].label),
		                   defs[i].brief ? _(defs[i].brief) : NULL,
		                   defs[i].definition ? _(defs[i].definition) : NULL, defs[i].kind,
		                   defs[i].num, defs[i].den, defs[i].flags);
}

int stat_table_add_col(struct stat_table *t, const char *key, const char *label, const char *brief,
                       const char *definition, enum stat_kind kind, int num, int den,
                       unsigned flags)
{
	t->cols = xrealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
	struct stat_col *c = &t->cols[t->ncols];
	c->key = xstrdup(key);
	c->label = xstrdup(label);
	c->brief = dup_or_null(brief);
	c->definition = dup_or_null(definition);
	c->kind = kind;
	c->num = num;
	c->den = den;
	c->flags = flags;
	/* The total grows with the columns (rows are added only after the last column). */
	t->total.v = xrealloc(t->total.v, (size_t)(t->ncols + 1) * sizeof *t->total.v);
	t->total.v[t->ncols] = 0;
	return t->ncols++;
}

struct stat_row *stat_table_add_row(struct stat_table *t, const char *key, const char *name)
{
	if (!(t->n & (t->n - 1)) || !t->n) {
		/* Grow at 1, 2, 4, 8...: n is a power of two (or 0) exactly when the array is full.
		 */
		size_t cap = t->n ? 2 * (size_t)t->n : 1;
		t->rows = xrealloc(t->rows, cap * sizeof *t->rows);
	}
	struct stat_row *r = &t->rows[t->n++];
	r->key = xstrdup(key ? key : "");
	r->name = xstrdup(name ? name : "");
	r->v = xcalloc((size_t)t->ncols + 1, sizeof *r->v);
	return r;
}

void stat_table_sum(struct stat_table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		t->total.v[c] = 0;
		for (int i = 0; i < t->n; i++)
			t->total.v[c] += t->rows[i].v[c];
	}
}

static void row_free(struct stat_row *r)
{
	free(r->key);
	free(r->name);
	free(r->v);
}

void stat_table_free(struct stat_table *t)
{
	for (int i = 0; i < t->n; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	row_free(&t->total);
	for (int c = 0; c < t->ncols; c++) {
		free(t->cols[c].key);
		free(t->cols[c].label);
		free(t->cols[c].brief);
		free(t->cols[c].definition);
	}
	free(t->cols);
	free(t->title);
	free(t->key_label);
	free(t->name_label);
	free(t->count_unit);
	memset(t, 0, sizeof *t);
}

int stat_table_col(const struct stat_table *t, const char *key)
{
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c].key, key))
			return c;
	return -1;
}

int64_t stat_value(const struct stat_table *t, const struct stat_row *r, int c)
{
	if (c < 0 || c >= t->ncols)
		return STAT_NONE;
	const struct stat_col *col = &t->cols[c];
	char buf[16];
	switch (col->kind) {
	case STAT_COUNT:
	case STAT_MONEY: return r->v[c];
	case STAT_PCT: return stat_pct(r->v[col->num], r->v[col->den], buf);
	case STAT_SHARE: return stat_pct(r->v[col->num], t->total.v[col->num], buf);
	case STAT_FIXED2: return stat_fixed2(r->v[col->num], r->v[col->den], buf);
	}
	return STAT_NONE;
}

const char *stat_text(const struct stat_table *t, const struct stat_row *r, int c, char buf[24])
{
	int64_t v = stat_value(t, r, c);
	if (v == STAT_NONE)
		return NULL;
	if (t->cols[c].kind == STAT_COUNT)
		snprintf(buf, 24, "%lld", (long long)v);
	else
		stat_hundredths(v, buf);
	return buf;
}

int *stat_shown(const struct stat_table *t, int *n)
{
	int *out = xcalloc((size_t)t->ncols + 1, sizeof *out);
	*n = 0;
	for (int c = 0; c < t->ncols; c++)
		if (!(t->cols[c].flags & STAT_HIDDEN))
			out[(*n)++] = c;
	return out;
}

/* ---- providers ------------------------------------------------------------- */

int stat_breakdown_find(const struct stat_provider *p, const char *name)
{
	for (int i = 0; i < p->nbreakdowns; i++)
		if (!strcmp(p->breakdowns[i].name, name))
			return i;
	return -1;
}

char *stat_breakdown_names(const struct stat_provider *p)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < p->nbreakdowns; i++)
		sbuf_printf(&b, "%s%s", i ? "|" : "", p->breakdowns[i].name);
	return sbuf_take(&b);
}

void stat_bind_asof(sqlite3_stmt *st, const char *asof)
{
	if (!asof)
		return;
	char day[11];
	snprintf(day, sizeof day, "%.10s", asof);
	sqlite3_bind_text(st, 201, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 202, day, -1, SQLITE_TRANSIENT);
}

int stat_year(const struct stat_query *q)
{
	if (q && q->year)
		return q->year;
	if (q && q->asof && atoi(q->asof) > 0)
		return atoi(q->asof);
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	return y;
}

int stat_begin(sqlite3 *db)
{
	db_map(db);
	return db_exec(db, "BEGIN DEFERRED");
}

void stat_end(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		db_exec(db, "COMMIT");
}
