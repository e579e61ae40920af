#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/pager.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct pager_key {
	sqlite3_value *v; /* the sort value; NULL when the list is sorted by id */
	int64_t id;
};

struct bind {
	char type; /* 'i' or 't' */
	int64_t i;
	char *t;
};

struct pager {
	sqlite3 *db;
	const struct pager_def *def;
	struct sbuf where;   /* " AND (...)" conditions with ?1..?nbinds */
	struct sbuf cwhere;  /* the same for counting (pager_where_split), up to where_synced */
	size_t where_synced; /* bytes of where copied into cwhere */
	struct bind *binds;
	int nbinds;
	int sort;
	bool desc;
	char *filter; /* as typed, "" when none */
	char **words; /* the filter's words, as LIKE patterns */
	int nwords;
	int narrow;                     /* the bind of format 'n' (1-based), 0 when none */
	int64_t narrow_lo;              /* its value in a narrowed read (pager_narrow()) */
	size_t narrow_at, narrow_end;   /* the condition that holds it, in where */
	int narrow_first, narrow_binds; /* that condition's first bind and its number of binds */
	char *narrow_sql;               /* its form in narrowed reads, or NULL */
	uint64_t quiet;                 /* columns the console leaves out (pager_quiet()) */
	enum pager_narrowed how;        /* how the last page was read */
};

struct pager *pager_new(sqlite3 *db, const struct pager_def *def)
{
	for (int c = 0; c < def->ncols; c++)
		if (def->cols[c].flags & PC_PART && def->cols[c].flags & (PC_SORT | PC_FILTER))
			fatal("pager_new: %s: column %s is a part and sorted or filtered by",
			      def->name, def->cols[c].key);
	struct pager *p = xcalloc(1, sizeof *p);
	p->db = db;
	p->def = def;
	p->sort = def->sort;
	p->desc = def->desc;
	p->filter = xstrdup("");
	return p;
}

static void free_words(struct pager *p)
{
	for (int i = 0; i < p->nwords; i++)
		free(p->words[i]);
	free(p->words);
	p->words = NULL;
	p->nwords = 0;
}

void pager_free(struct pager *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nbinds; i++)
		free(p->binds[i].t);
	free(p->binds);
	sbuf_free(&p->where);
	sbuf_free(&p->cwhere);
	free_words(p);
	free(p->filter);
	free(p->narrow_sql);
	free(p);
}

const struct pager_def *pager_def(const struct pager *p)
{
	return p->def;
}

static void where_v(struct pager *p, const char *sql, const char *fmt, va_list ap)
{
	size_t at = p->where.len;
	int first = p->nbinds + 1;
	bool narrowing = false;
	sbuf_puts(&p->where, " AND (");
	const char *f = fmt;
	for (const char *s = sql; *s; s++) {
		if (*s != '?') {
			sbuf_putc(&p->where, *s);
			continue;
		}
		if (!*f)
			fatal("pager_where: more placeholders than values in %s", sql);
		p->binds = xrealloc(p->binds, sizeof *p->binds * (size_t)(p->nbinds + 1));
		struct bind *b = &p->binds[p->nbinds++];
		memset(b, 0, sizeof *b);
		switch (*f++) {
		case 'i':
			b->type = 'i';
			b->i = va_arg(ap, int64_t);
			break;
		case 'd':
			b->type = 'i';
			b->i = va_arg(ap, int);
			break;
		case 't':
			b->type = 't';
			b->t = xstrdup(va_arg(ap, const char *));
			break;
		case 'n': /* the narrowing bound: 0 (every row) but in a narrowed read */
			if (p->narrow)
				fatal("pager_where: a second narrowing bound in %s", sql);
			b->type = 'i';
			p->narrow = p->nbinds;
			narrowing = true;
			break;
		default: fatal("pager_where: bad bind format in %s", fmt);
		}
		sbuf_printf(&p->where, "?%d", p->nbinds);
	}
	sbuf_puts(&p->where, ")");
	if (narrowing) {
		p->narrow_at = at;
		p->narrow_end = p->where.len;
		p->narrow_first = first;
		p->narrow_binds = p->nbinds - first + 1;
	}
}

void pager_where(struct pager *p, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	where_v(p, sql, fmt, ap);
	va_end(ap);
}

/* Brings the conditions for counting up to date with those added since (the same text). */
static void sync_count_where(struct pager *p)
{
	if (p->where.len > p->where_synced)
		sbuf_puts(&p->cwhere, sbuf_str(&p->where) + p->where_synced);
	p->where_synced = p->where.len;
}

void pager_where_split(struct pager *p, const char *sql, const char *count_sql, const char *fmt,
                       ...)
{
	sync_count_where(p);
	int first = p->nbinds + 1;
	va_list ap;
	va_start(ap, fmt);
	where_v(p, sql, fmt, ap);
	va_end(ap);
	p->where_synced = p->where.len;
	sbuf_puts(&p->cwhere, " AND (");
	for (const char *s = count_sql; *s; s++) {
		if (*s != '?')
			sbuf_putc(&p->cwhere, *s);
		else if (first <= p->nbinds)
			sbuf_printf(&p->cwhere, "?%d", first++);
		else
			fatal("pager_where_split: the two forms differ in placeholders: %s",
			      count_sql);
	}
	if (first != p->nbinds + 1)
		fatal("pager_where_split: the two forms differ in placeholders: %s", count_sql);
	sbuf_puts(&p->cwhere, ")");
}

void pager_where_scope(struct pager *p, const char *sql, const char *role, int64_t town,
                       int64_t unit)
{
	sbuf_puts(&p->where, " AND (");
	for (const char *s = sql; *s; s++) {
		if (s[0] != '?' || s[1] != '1' || s[2] != '0' || s[3] < '1' || s[3] > '3') {
			sbuf_putc(&p->where, *s);
			continue;
		}
		p->binds = xrealloc(p->binds, sizeof *p->binds * (size_t)(p->nbinds + 1));
		struct bind *b = &p->binds[p->nbinds++];
		memset(b, 0, sizeof *b);
		b->type = s[3] == '1' ? 't' : 'i';
		if (s[3] == '1')
			b->t = xstrdup(role);
		else
			b->i = s[3] == '2' ? town : unit;
		sbuf_printf(&p->where, "?%d", p->nbinds);
		s += 3;
	}
	sbuf_puts(&p->where, ")");
}

/* True when the list is ordered by id alone. */
static bool by_id(const struct pager *p)
{
	return p->sort < 0 || (p->def->cols[p->sort].flags & PC_BY_ID);
}

int pager_sort(struct pager *p, int col, bool desc)
{
	if (col >= p->def->ncols || (col >= 0 && !(p->def->cols[col].flags & PC_SORT)))
		return err_set(RD_INVALID, _("this list cannot be sorted by %s"),
		               col >= 0 && col < p->def->ncols ? _(p->def->cols[col].label) : "?");
	p->sort = col;
	p->desc = desc;
	return RD_OK;
}

int pager_sort_col(const struct pager *p)
{
	return p->sort;
}

bool pager_sort_desc(const struct pager *p)
{
	return p->desc;
}

char *pager_like_pattern(const char *word)
{
	struct sbuf b = SBUF_INIT;
	sbuf_putc(&b, '%');
	for (const char *c = word; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			sbuf_putc(&b, '\\');
		sbuf_putc(&b, *c);
	}
	sbuf_putc(&b, '%');
	return sbuf_take(&b);
}

void pager_filter(struct pager *p, const char *text)
{
	free(p->filter);
	free_words(p);
	p->filter = xstrdup(text ? text : "");
	char *s = xstrdup(p->filter);
	for (char *tok = strtok(s, " \t"); tok; tok = strtok(NULL, " \t")) {
		p->words = xrealloc(p->words, sizeof *p->words * (size_t)(p->nwords + 1));
		p->words[p->nwords++] = pager_like_pattern(tok);
	}
	free(s);
}

const char *pager_filter_text(const struct pager *p)
{
	return p->filter;
}

/* A query under construction: SQL text and the values of its parameters after the fixed ones. */
struct query {
	struct sbuf sql;
	const char *text[16]; /* text parameters nbinds+1... */
	int ntext;
	const struct pager_key *key; /* bound after the texts, when set */
	int key_base;                /* parameter number of the key's sort value */
	int64_t id;                  /* bound last when id_param */
	int id_param;
};

static const char *sort_expr(const struct pager *p)
{
	return by_id(p) ? p->def->id : p->def->cols[p->sort].expr;
}

/*
 * Appends the sort value as it is compared: bare for a PC_NOTNULL column (so that
 * an index on it serves the order and the keyset), else coalesce(expr, ''); in
 * pinyin order for a PC_PINYIN column (the keyset compares in the same order).
 */
static void put_sort(const struct pager *p, struct sbuf *b)
{
	if (!by_id(p) && (p->def->cols[p->sort].flags & PC_NOTNULL))
		sbuf_puts(b, sort_expr(p));
	else
		sbuf_printf(b, "coalesce(%s, '')", sort_expr(p));
	if (!by_id(p) && (p->def->cols[p->sort].flags & PC_PINYIN))
		sbuf_puts(b, " COLLATE pinyin");
}

/* Adds a text parameter; returns its number. */
static int add_text(const struct pager *p, struct query *q, const char *s)
{
	if (q->ntext == (int)(sizeof q->text / sizeof q->text[0]))
		fatal("pager: too many words");
	q->text[q->ntext++] = s;
	return p->nbinds + q->ntext;
}

/*
 * Appends " AND" conditions: every pattern matches one of the filter columns.
 * LIKE, not instr(lower()): it ignores ASCII case without making strings.
 */
static void add_words(const struct pager *p, struct query *q, char *const *words, int n)
{
	for (int w = 0; w < n; w++) {
		int param = add_text(p, q, words[w]);
		sbuf_puts(&q->sql, " AND (0");
		for (int c = 0; c < p->def->ncols; c++) {
			const struct pager_col *col = &p->def->cols[c];
			if (col->flags & PC_FILTER)
				sbuf_printf(&q->sql, " OR %s LIKE ?%d ESCAPE '\\'",
				            col->match ? col->match : col->expr, param);
		}
		sbuf_puts(&q->sql, ")");
	}
}

/* ", expr" of every column; the PC_PART columns after the first read NULL (their part of it). */
static void put_cols(const struct pager *p, struct sbuf *b)
{
	bool part = false;
	for (int c = 0; c < p->def->ncols; c++) {
		const struct pager_col *col = &p->def->cols[c];
		if (col->flags & PC_PART && part)
			sbuf_puts(b, ", NULL");
		else
			sbuf_printf(b, ", %s", col->expr);
		part = part || col->flags & PC_PART;
	}
}

/* SELECT id, sort value, columns FROM ... WHERE fixed conditions and the filter. */
static void select_head(const struct pager *p, struct query *q)
{
	sbuf_printf(&q->sql, "SELECT %s, ", p->def->id);
	if (by_id(p))
		sbuf_puts(&q->sql, "NULL");
	else
		put_sort(p, &q->sql);
	put_cols(p, &q->sql);
	sbuf_printf(&q->sql, " FROM %s WHERE 1%s", p->def->from, sbuf_str(&p->where));
	add_words(p, q, p->words, p->nwords);
}

/* Appends the keyset condition: rows after (gt) or before the key, or at it (eq). */
static void key_cond(const struct pager *p, struct query *q, const struct pager_key *k, bool gt,
                     bool eq)
{
	const char *op = gt ? (eq ? ">=" : ">") : (eq ? "<=" : "<");
	q->key = k;
	q->key_base = p->nbinds + q->ntext + 1;
	if (by_id(p))
		sbuf_printf(&q->sql, " AND %s %s ?%d", p->def->id, op, q->key_base + 1);
	else {
		sbuf_puts(&q->sql, " AND (");
		put_sort(p, &q->sql);
		sbuf_printf(&q->sql, ", %s) %s (?%d, ?%d)", p->def->id, op, q->key_base,
		            q->key_base + 1);
	}
}

static void order_by(const struct pager *p, struct query *q, bool desc)
{
	const char *dir = desc ? "DESC" : "ASC";
	if (by_id(p))
		sbuf_printf(&q->sql, " ORDER BY %s %s", p->def->id, dir);
	else {
		sbuf_puts(&q->sql, " ORDER BY ");
		put_sort(p, &q->sql);
		sbuf_printf(&q->sql, " %s, %s %s", dir, p->def->id, dir);
	}
}

/* Prepares the query and binds every parameter. */
static sqlite3_stmt *prepare(const struct pager *p, struct query *q)
{
	sqlite3_stmt *st = db_prepare(p->db, sbuf_str(&q->sql), "");
	if (!st)
		return NULL;
	int n = 1;
	for (int i = 0; i < p->nbinds; i++, n++) {
		if (p->binds[i].type == 'i')
			sqlite3_bind_int64(st, n, p->binds[i].i);
		else
			sqlite3_bind_text(st, n, p->binds[i].t, -1, SQLITE_STATIC);
	}
	for (int i = 0; i < q->ntext; i++, n++)
		sqlite3_bind_text(st, n, q->text[i], -1, SQLITE_STATIC);
	if (q->key) {
		if (q->key->v)
			sqlite3_bind_value(st, q->key_base, q->key->v);
		sqlite3_bind_int64(st, q->key_base + 1, q->key->id);
	}
	if (q->id_param)
		sqlite3_bind_int64(st, q->id_param, q->id);
	return st;
}

/* Reads the current row of st into row. */
static void read_row(const struct pager *p, sqlite3_stmt *st, struct pager_row *row)
{
	int nc = p->def->ncols;
	row->id = sqlite3_column_int64(st, 0);
	row->key = xcalloc(1, sizeof *row->key);
	row->key->id = row->id;
	if (!by_id(p))
		row->key->v = sqlite3_value_dup(sqlite3_column_value(st, 1));
	row->cells = xcalloc((size_t)nc, sizeof *row->cells);
	char *parts = NULL; /* the PC_PART columns' value, split among them */
	const char *at = NULL;
	for (int c = 0; c < nc; c++) {
		if (!(p->def->cols[c].flags & PC_PART))
			row->cells[c] = xstrdup(db_col(st, c + 2));
		else {
			if (!parts)
				at = parts = xstrdup(db_col(st, c + 2));
			size_t len = strcspn(at, "\x1f");
			row->cells[c] = xstrndup(at, len);
			at += len + (at[len] != '\0');
		}
	}
	free(parts);
}

/* Steps through st collecting rows; reverses them when asked. */
static int collect(struct pager *p, sqlite3_stmt *st, int n, bool reverse, struct pager_row **rows,
                   int *nrows)
{
	struct pager_row *r = xcalloc((size_t)(n > 0 ? n : 1), sizeof *r);
	int k = 0, src = SQLITE_DONE;
	while (k < n && (src = sqlite3_step(st)) == SQLITE_ROW)
		read_row(p, st, &r[k++]);
	if (k < n && src != SQLITE_DONE) {
		int rc = db_fail(p->db, p->def->name);
		sqlite3_finalize(st);
		pager_rows_free(r, k, p->def->ncols);
		return rc;
	}
	sqlite3_finalize(st);
	if (reverse)
		for (int i = 0; i < k / 2; i++) {
			struct pager_row t = r[i];
			r[i] = r[k - 1 - i];
			r[k - 1 - i] = t;
		}
	*rows = r;
	*nrows = k;
	return RD_OK;
}

/* Reads up to n rows in list order (pager_fetch(), with the binds as they stand). */
static int fetch_once(struct pager *p, enum pager_from from, const struct pager_key *key, int n,
                      struct pager_row **rows, int *nrows)
{
	/*
	 * The page's ids first, then their columns: when SQLite has to sort the rows (a
	 * search's few matches, a filter no index follows), it sorts ids and sort values,
	 * and the columns (names looked up, deadlines) are computed for the page alone.
	 */
	struct query q = {0};
	sbuf_printf(&q.sql, "SELECT %s, ", p->def->id);
	if (by_id(p))
		sbuf_puts(&q.sql, "NULL");
	else
		put_sort(p, &q.sql);
	put_cols(p, &q.sql);
	/* A narrowed read (the bound set) may read its condition in a form of its own. */
	const char *where = sbuf_str(&p->where);
	struct sbuf narrowed = SBUF_INIT;
	if (p->narrow && p->binds[p->narrow - 1].i && p->narrow_sql) {
		sbuf_printf(&narrowed, "%.*s%s%s", (int)p->narrow_at, where, p->narrow_sql,
		            where + p->narrow_end);
		where = sbuf_str(&narrowed);
	}
	sbuf_printf(&q.sql, " FROM %s WHERE %s IN (SELECT %s FROM %s WHERE 1%s", p->def->from,
	            p->def->id, p->def->id, p->def->from, where);
	sbuf_free(&narrowed);
	add_words(p, &q, p->words, p->nwords);
	/* Going backwards reads the list in the opposite direction, then turns the rows round. */
	bool back = from == PAGER_LAST || from == PAGER_BEFORE;
	if (key && from != PAGER_FIRST && from != PAGER_LAST)
		key_cond(p, &q, key, back ? p->desc : !p->desc, from == PAGER_AT);
	order_by(p, &q, back ? !p->desc : p->desc);
	sbuf_printf(&q.sql, " LIMIT %d)", n);
	order_by(p, &q, back ? !p->desc : p->desc);
	sqlite3_stmt *st = prepare(p, &q);
	sbuf_free(&q.sql);
	if (!st)
		return RD_FAIL;
	return collect(p, st, n, back, rows, nrows);
}

void pager_narrow(struct pager *p, int64_t lo, const char *sql)
{
	p->narrow_lo = lo;
	free(p->narrow_sql);
	p->narrow_sql = NULL;
	if (!sql)
		return;
	if (!p->narrow)
		fatal("pager_narrow: %s: no narrowing bound", p->def->name);
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, " AND (");
	int k = p->narrow_first;
	for (const char *s = sql; *s; s++)
		if (*s != '?')
			sbuf_putc(&b, *s);
		else
			sbuf_printf(&b, "?%d", k++);
	sbuf_puts(&b, ")");
	if (k != p->narrow_first + p->narrow_binds)
		fatal("pager_narrow: the narrowed form differs in placeholders: %s", sql);
	p->narrow_sql = sbuf_take(&b);
}

enum pager_narrowed pager_narrowed(const struct pager *p)
{
	return p->how;
}

/*
 * Whether a page read among the rows the narrowing bound keeps (ids from lo up) is the
 * whole list's page: it is full, and no row of the list's table with a lower id sorts
 * before its last row (any row, whatever the conditions: the check reads the order's
 * index from the last row up, among the rows the page was read from).
 */
static int narrowed_whole(struct pager *p, const struct pager_row *rows, int nrows, int n,
                          bool *whole)
{
	*whole = false;
	if (nrows < n)
		return RD_OK;
	struct sbuf sql = SBUF_INIT;
	sbuf_printf(&sql, "SELECT count(*) FROM (SELECT 1 FROM %s WHERE ", p->def->from);
	put_sort(p, &sql);
	sbuf_printf(&sql, " > ?1 AND +%s < ?2 LIMIT 1)", p->def->id);
	sqlite3_stmt *st = db_prepare(p->db, sbuf_str(&sql), "");
	sbuf_free(&sql);
	if (!st)
		return RD_FAIL;
	sqlite3_bind_value(st, 1, rows[nrows - 1].key->v);
	sqlite3_bind_int64(st, 2, p->narrow_lo);
	int rc = sqlite3_step(st) == SQLITE_ROW ? RD_OK : db_fail(p->db, p->def->name);
	*whole = !rc && sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	return rc;
}

int pager_fetch(struct pager *p, enum pager_from from, const struct pager_key *key, int n,
                struct pager_row **rows, int *nrows)
{
	*rows = NULL;
	*nrows = 0;
	p->how = PAGER_WHOLE;
	if (n <= 0)
		return RD_OK;
	/*
	 * A long list in its own order, newest first, with a narrowing bound: the page is read
	 * first among the rows from lo up (a search's newest matches, not the thousands it
	 * finds), and kept when it is the whole list's page; else read again among them all.
	 */
	if (p->narrow && p->narrow_lo > 0 && (from == PAGER_FIRST || from == PAGER_AFTER) &&
	    p->sort == p->def->sort && p->desc && p->def->desc && !by_id(p)) {
		p->binds[p->narrow - 1].i = p->narrow_lo;
		int rc = fetch_once(p, from, key, n, rows, nrows);
		p->binds[p->narrow - 1].i = 0;
		bool whole = false;
		if (!rc)
			rc = narrowed_whole(p, *rows, *nrows, n, &whole);
		if (!rc && whole) {
			p->how = PAGER_NARROWED;
			return RD_OK;
		}
		pager_rows_free(*rows, *nrows, p->def->ncols);
		*rows = NULL;
		*nrows = 0;
		if (rc)
			return rc;
		p->how = PAGER_NARROW_MISSED;
	}
	return fetch_once(p, from, key, n, rows, nrows);
}

int pager_find(struct pager *p, const char *text, const struct pager_key *key, bool forward,
               struct pager_row *row)
{
	struct query q = {0};
	select_head(p, &q);
	char *low = pager_like_pattern(text);
	char *words[1] = {low};
	add_words(p, &q, words, 1);
	if (key)
		key_cond(p, &q, key, forward ? !p->desc : p->desc, false);
	order_by(p, &q, forward ? p->desc : !p->desc);
	sbuf_puts(&q.sql, " LIMIT 1");
	sqlite3_stmt *st = prepare(p, &q);
	sbuf_free(&q.sql);
	if (!st) {
		free(low);
		return RD_FAIL;
	}
	struct pager_row *r;
	int n;
	int rc = collect(p, st, 1, false, &r, &n);
	free(low);
	if (rc)
		return rc;
	if (n == 0) {
		free(r);
		return err_set(RD_NOTFOUND, _("not found: %s"), text);
	}
	*row = r[0];
	free(r);
	return RD_OK;
}

int pager_get(struct pager *p, int64_t id, struct pager_row *row)
{
	struct query q = {0};
	sbuf_printf(&q.sql, "SELECT %s, ", p->def->id);
	if (by_id(p))
		sbuf_puts(&q.sql, "NULL");
	else
		put_sort(p, &q.sql);
	put_cols(p, &q.sql);
	q.id_param = p->nbinds + 1;
	q.id = id;
	sbuf_printf(&q.sql, " FROM %s WHERE %s = ?%d%s", p->def->from, p->def->id, q.id_param,
	            sbuf_str(&p->where));
	sqlite3_stmt *st = prepare(p, &q);
	sbuf_free(&q.sql);
	if (!st)
		return RD_FAIL;
	struct pager_row *r;
	int n;
	int rc = collect(p, st, 1, false, &r, &n);
	if (rc)
		return rc;
	if (n == 0) {
		free(r);
		return err_set(RD_NOTFOUND, _("%s: record %lld is gone or out of your scope"),
		               p->def->name, (long long)id);
	}
	*row = r[0];
	free(r);
	return RD_OK;
}

/*
 * Counts already made, kept while the database has not changed: counting a list of a
 * million rows reads an index of a million entries, and a clerk goes back and forth
 * between the same lists. A count is kept with the query (its SQL and values) and the
 * database's state then: PRAGMA data_version (moves when another connection commits)
 * and this connection's total_changes.
 */
#define COUNT_CACHE 16
static struct {
	sqlite3 *db;
	char *key;
	int64_t version, changes, n;
} counts[COUNT_CACHE];
static unsigned counts_next;

/* The database's state now; -1 when it cannot be read (nothing is kept then). */
static int64_t data_state(sqlite3 *db, int64_t *changes)
{
	int64_t v = -1;
	*changes = sqlite3_total_changes64(db);
	if (db_int(db, &v, "PRAGMA data_version", ""))
		v = -1;
	return v;
}

/* The key of a count: the SQL and every value bound to it. Caller frees. */
static char *count_key(const struct pager *p, const struct query *q)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, sbuf_str(&q->sql));
	for (int i = 0; i < p->nbinds; i++) {
		if (p->binds[i].type == 'i')
			sbuf_printf(&b, "\x1f%lld", (long long)p->binds[i].i);
		else
			sbuf_printf(&b, "\x1f%s", p->binds[i].t);
	}
	for (int i = 0; i < q->ntext; i++)
		sbuf_printf(&b, "\x1f%s", q->text[i]);
	return sbuf_take(&b);
}

int pager_count(struct pager *p, int64_t cap, int64_t *n)
{
	struct query q = {0};
	sync_count_where(p);
	/* A LEFT JOIN on a key that no condition reads is dropped from a query, but not
	   from one flattened into count(*): a LIMIT keeps the rows a query of their own.
	   (Motions and suggestions closed at scale 100: 96 -> 13 ms, from the index of
	   their state instead of each row.) */
	bool joins = strstr(p->def->from, " JOIN ") != NULL;
	if (!p->cwhere.len && !p->nwords && !joins)
		/* No condition: SQLite counts the table from its smallest index's pages. */
		sbuf_printf(&q.sql, "SELECT count(*) FROM %s", p->def->from);
	else {
		sbuf_puts(&q.sql, "SELECT count(*) FROM (SELECT 1");
		sbuf_printf(&q.sql, " FROM %s WHERE 1%s", p->def->from, sbuf_str(&p->cwhere));
		add_words(p, &q, p->words, p->nwords);
		if (cap > 0)
			sbuf_printf(&q.sql, " LIMIT %lld", (long long)cap);
		else if (joins)
			sbuf_puts(&q.sql, " LIMIT -1");
		sbuf_puts(&q.sql, ")");
	}
	char *key = count_key(p, &q);
	int64_t changes, version = data_state(p->db, &changes);
	for (int i = 0; version >= 0 && i < COUNT_CACHE; i++)
		if (counts[i].db == p->db && counts[i].version == version &&
		    counts[i].changes == changes && !strcmp(counts[i].key, key)) {
			*n = counts[i].n;
			free(key);
			sbuf_free(&q.sql);
			return RD_OK;
		}
	sqlite3_stmt *st = prepare(p, &q);
	sbuf_free(&q.sql);
	if (!st) {
		free(key);
		return RD_FAIL;
	}
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(p->db, p->def->name);
	sqlite3_finalize(st);
	if (!rc && version >= 0) {
		unsigned i = counts_next++ % COUNT_CACHE;
		free(counts[i].key);
		counts[i].db = p->db;
		counts[i].key = key;
		counts[i].version = version;
		counts[i].changes = changes;
		counts[i].n = *n;
	} else
		free(key);
	return rc;
}

void pager_forget_counts(sqlite3 *db)
{
	for (int i = 0; i < COUNT_CACHE; i++)
		if (counts[i].db == db || !db) {
			free(counts[i].key);
			memset(&counts[i], 0, sizeof counts[i]);
		}
}

int pager_col_index(const struct pager_def *def, const char *key)
{
	for (int c = 0; c < def->ncols; c++)
		if (!strcmp(def->cols[c].key, key))
			return c;
	return -1;
}

void pager_quiet(struct pager *p, const char *key)
{
	int c = pager_col_index(p->def, key);
	if (c < 0 || c >= 64)
		fatal("pager_quiet: %s has no column %s", p->def->name, key);
	p->quiet |= UINT64_C(1) << c;
}

bool pager_col_quiet(const struct pager *p, int col)
{
	return col >= 0 && col < 64 && (p->quiet >> col & 1);
}

const char *pager_show(const struct pager_def *def, int col, const char *raw)
{
	if (col < 0 || col >= def->ncols || !def->cols[col].show)
		return raw ? raw : "";
	return def->cols[col].show(raw ? raw : "");
}

void pager_key_free(struct pager_key *k)
{
	if (!k)
		return;
	sqlite3_value_free(k->v);
	free(k);
}

struct pager_key *pager_key_dup(const struct pager_key *k)
{
	if (!k)
		return NULL;
	struct pager_key *d = xcalloc(1, sizeof *d);
	d->id = k->id;
	d->v = k->v ? sqlite3_value_dup(k->v) : NULL;
	return d;
}

void pager_row_free(struct pager_row *row, int ncols)
{
	if (!row)
		return;
	if (row->cells)
		for (int c = 0; c < ncols; c++)
			free(row->cells[c]);
	free(row->cells);
	pager_key_free(row->key);
	memset(row, 0, sizeof *row);
}

void pager_rows_free(struct pager_row *rows, int n, int ncols)
{
	for (int i = 0; i < n; i++)
		pager_row_free(&rows[i], ncols);
	free(rows);
}
