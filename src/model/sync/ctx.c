/*
 * The working context of one export, apply or resolution: the tables' columns, the
 * record each change belongs to, the exchange's scope, a record's rows, and a
 * scratch database (in memory, the same tables without constraints) in which
 * changesets are filtered and whole records written, by SQLite's own session code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/sync/sync_int.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ---- sets of records and maps of strings -------------------------------- */

static unsigned long hash_str(const char *s, unsigned long h)
{
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211UL;
	return h;
}

static unsigned long hash_rec(struct rec r)
{
	return hash_str(r.root->kind, 14695981039346656037UL) ^
	       ((unsigned long)r.id * 0x9E3779B97F4A7C15UL);
}

static bool rec_eq(struct rec a, struct rec b)
{
	return a.id == b.id && !strcmp(a.root->kind, b.root->kind);
}

int recset_find(const struct recset *s, struct rec r)
{
	if (!s->nslots)
		return -1;
	for (unsigned long h = hash_rec(r) % (unsigned long)s->nslots;;
	     h = (h + 1) % (unsigned long)s->nslots) {
		int i = s->slots[h] - 1;
		if (i < 0)
			return -1;
		if (rec_eq(s->recs[i], r))
			return i;
	}
}

static void recset_place(struct recset *s, int i)
{
	unsigned long h = hash_rec(s->recs[i]) % (unsigned long)s->nslots;
	while (s->slots[h])
		h = (h + 1) % (unsigned long)s->nslots;
	s->slots[h] = i + 1;
}

int recset_add(struct recset *s, struct rec r, int val)
{
	int i = recset_find(s, r);
	if (i >= 0)
		return i;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->recs = xrealloc(s->recs, sizeof *s->recs * (size_t)s->cap);
		s->vals = xrealloc(s->vals, sizeof *s->vals * (size_t)s->cap);
	}
	s->recs[s->n] = r;
	s->vals[s->n] = val;
	s->n++;
	if (s->n * 2 > s->nslots) {
		free(s->slots);
		s->nslots = s->nslots ? s->nslots * 2 : 64;
		while (s->nslots < s->n * 2)
			s->nslots *= 2;
		s->slots = xcalloc((size_t)s->nslots, sizeof *s->slots);
		for (int k = 0; k < s->n; k++)
			recset_place(s, k);
	} else
		recset_place(s, s->n - 1);
	return s->n - 1;
}

void recset_free(struct recset *s)
{
	free(s->recs);
	free(s->vals);
	free(s->slots);
	memset(s, 0, sizeof *s);
}

static void strmap_place(struct strmap *m, char *key, int val)
{
	unsigned long h = hash_str(key, 14695981039346656037UL) % (unsigned long)m->nslots;
	while (m->keys[h])
		h = (h + 1) % (unsigned long)m->nslots;
	m->keys[h] = key;
	m->vals[h] = val;
}

void strmap_put(struct strmap *m, const char *key, int val)
{
	if (m->nslots) {
		for (unsigned long h =
		         hash_str(key, 14695981039346656037UL) % (unsigned long)m->nslots;
		     m->keys[h]; h = (h + 1) % (unsigned long)m->nslots)
			if (!strcmp(m->keys[h], key)) {
				m->vals[h] = val;
				return;
			}
	}
	if ((m->n + 1) * 2 > m->nslots) {
		int old = m->nslots;
		char **keys = m->keys;
		int *vals = m->vals;
		m->nslots = old ? old * 2 : 64;
		m->keys = xcalloc((size_t)m->nslots, sizeof *m->keys);
		m->vals = xcalloc((size_t)m->nslots, sizeof *m->vals);
		for (int i = 0; i < old; i++)
			if (keys[i])
				strmap_place(m, keys[i], vals[i]);
		free(keys);
		free(vals);
	}
	strmap_place(m, xstrdup(key), val);
	m->n++;
}

int strmap_get(const struct strmap *m, const char *key)
{
	if (!m->nslots)
		return -1;
	for (unsigned long h = hash_str(key, 14695981039346656037UL) % (unsigned long)m->nslots;
	     m->keys[h]; h = (h + 1) % (unsigned long)m->nslots)
		if (!strcmp(m->keys[h], key))
			return m->vals[h];
	return -1;
}

void strmap_free(struct strmap *m)
{
	for (int i = 0; i < m->nslots; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- values ---------------------------------------------------------------- */

void value_text(sqlite3_value *v, struct sbuf *b)
{
	if (!v) {
		sbuf_puts(b, "?");
		return;
	}
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER: sbuf_printf(b, "%lld", (long long)sqlite3_value_int64(v)); break;
	case SQLITE_FLOAT: sbuf_printf(b, "%.17g", sqlite3_value_double(v)); break;
	case SQLITE_TEXT: {
		const char *s = (const char *)sqlite3_value_text(v);
		sbuf_putc(b, '\'');
		for (; s && *s; s++) {
			if (*s == '\'')
				sbuf_putc(b, '\'');
			sbuf_putc(b, *s);
		}
		sbuf_putc(b, '\'');
		break;
	}
	case SQLITE_BLOB: {
		const unsigned char *p = sqlite3_value_blob(v);
		int n = sqlite3_value_bytes(v);
		sbuf_puts(b, "X'");
		for (int i = 0; i < n; i++)
			sbuf_printf(b, "%02x", p[i]);
		sbuf_putc(b, '\'');
		break;
	}
	default: sbuf_puts(b, "NULL");
	}
}

bool value_same(sqlite3_value *a, sqlite3_value *b)
{
	int ta = a ? sqlite3_value_type(a) : SQLITE_NULL,
	    tb = b ? sqlite3_value_type(b) : SQLITE_NULL;
	if (ta != tb)
		return false;
	switch (ta) {
	case SQLITE_NULL: return true;
	case SQLITE_INTEGER: return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT: return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		const void *pa =
		    ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
		const void *pb =
		    ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
		int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
		return na == nb && (!na || !memcmp(pa, pb, (size_t)na));
	}
	}
}

/* ---- the context ----------------------------------------------------------- */

int ctx_open(struct sctx *c, sqlite3 *db, int peer)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	c->peer = peer;
	if (db_site(db, &c->site))
		return RD_FAIL;
	c->town = c->site ? c->site : peer;
	if (sqlite3_open_v2(":memory:", &c->scratch, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    NULL) != SQLITE_OK) {
		sqlite3_close(c->scratch);
		c->scratch = NULL;
		return err_set(RD_FAIL, _("cannot open a database in memory"));
	}
	int n = stab_count();
	c->evals = xcalloc((size_t)n, sizeof *c->evals);
	c->scopes = xcalloc((size_t)n, sizeof *c->scopes);
	c->rows = xcalloc((size_t)n, sizeof *c->rows);
	return RD_OK;
}

static void tinfo_free(struct tinfo *t)
{
	for (int i = 0; i < t->ncol; i++) {
		free(t->cols[i]);
		free(t->types[i]);
	}
	free(t->cols);
	free(t->types);
	free(t->pk);
	free(t->name);
	sqlite3_finalize(t->get);
	sqlite3_finalize(t->json);
	sqlite3_finalize(t->ins);
	free(t);
}

void ctx_close(struct sctx *c)
{
	for (int i = 0; i < c->ntinfo; i++)
		tinfo_free(c->tinfos[i]);
	free(c->tinfos);
	int n = stab_count();
	for (int i = 0; c->evals && i < n; i++) {
		sqlite3_finalize(c->evals[i]);
		sqlite3_finalize(c->scopes[i]);
		sqlite3_finalize(c->rows[i]);
	}
	free(c->evals);
	free(c->scopes);
	free(c->rows);
	if (c->scratch)
		sqlite3_close(c->scratch);
	memset(c, 0, sizeof *c);
}

struct tinfo *ctx_tinfo(struct sctx *c, const char *table)
{
	for (int i = 0; i < c->ntinfo; i++)
		if (!strcmp(c->tinfos[i]->name, table))
			return c->tinfos[i];
	/* Only the names of tables that travel ever reach SQL text. */
	if (!sync_table_synced(table)) {
		err_set(RD_INVALID, _("table %s does not travel between sites"), table);
		return NULL;
	}
	char q[160];
	snprintf(q, sizeof q, "SELECT name, type, pk FROM pragma_table_info('%s') ORDER BY cid",
	         table);
	sqlite3_stmt *st = db_prepare(c->db, q, "");
	if (!st)
		return NULL;
	struct tinfo *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(table);
	while (sqlite3_step(st) == SQLITE_ROW) {
		t->cols = xrealloc(t->cols, sizeof *t->cols * (size_t)(t->ncol + 1));
		t->types = xrealloc(t->types, sizeof *t->types * (size_t)(t->ncol + 1));
		t->pk = xrealloc(t->pk, sizeof *t->pk * (size_t)(t->ncol + 1));
		t->cols[t->ncol] = xstrdup(db_col(st, 0));
		t->types[t->ncol] = xstrdup(db_col(st, 1));
		t->pk[t->ncol] = sqlite3_column_int(st, 2);
		t->ncol++;
	}
	sqlite3_finalize(st);
	if (!t->ncol) {
		tinfo_free(t);
		err_set(RD_FAIL, _("this database has no table %s"), table);
		return NULL;
	}
	char *sql = NULL;
	if (!db_text(c->db, &sql, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
	             "t", table) &&
	    sql) {
		for (char *p = sql; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		t->without_rowid = strstr(sql, "WITHOUT ROWID") != NULL;
	}
	free(sql);
	/* The row by its key: ?N binds column N-1. */
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "SELECT * FROM \"%s\" WHERE 1", table);
	for (int i = 0; i < t->ncol; i++)
		if (t->pk[i])
			sbuf_printf(&b, " AND \"%s\" IS ?%d", t->cols[i], i + 1);
	t->get = db_prepare(c->db, sbuf_str(&b), "");
	sbuf_reset(&b);
	sbuf_puts(&b, "SELECT json_object(");
	for (int i = 0; i < t->ncol; i++)
		sbuf_printf(&b, "%s'%s', \"%s\"", i ? ", " : "", t->cols[i], t->cols[i]);
	sbuf_printf(&b, ") FROM \"%s\" WHERE 1", table);
	for (int i = 0; i < t->ncol; i++)
		if (t->pk[i])
			sbuf_printf(&b, " AND \"%s\" IS ?%d", t->cols[i], i + 1);
	t->json = db_prepare(c->db, sbuf_str(&b), "");
	sbuf_free(&b);
	if (!t->get || !t->json) {
		tinfo_free(t);
		return NULL;
	}
	c->tinfos = xrealloc(c->tinfos, sizeof *c->tinfos * (size_t)(c->ntinfo + 1));
	c->tinfos[c->ntinfo++] = t;
	return t;
}

int ctx_scratch_table(struct sctx *c, struct tinfo *t)
{
	if (t->scratch)
		return RD_OK;
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "CREATE TABLE \"%s\" (", t->name);
	for (int i = 0; i < t->ncol; i++)
		sbuf_printf(&b, "%s\"%s\" %s", i ? ", " : "", t->cols[i], t->types[i]);
	sbuf_puts(&b, ", PRIMARY KEY (");
	int n = 0;
	for (int k = 1; k <= t->ncol; k++)
		for (int i = 0; i < t->ncol; i++)
			if (t->pk[i] == k)
				sbuf_printf(&b, "%s\"%s\"", n++ ? ", " : "", t->cols[i]);
	sbuf_printf(&b, "))%s", t->without_rowid ? " WITHOUT ROWID" : "");
	int rc = RD_OK;
	if (sqlite3_exec(c->scratch, sbuf_str(&b), NULL, NULL, NULL) != SQLITE_OK)
		rc = err_set(RD_FAIL, _("cannot prepare the exchange (%s): %s"), t->name,
		             sqlite3_errmsg(c->scratch));
	sbuf_reset(&b);
	sbuf_printf(&b, "INSERT INTO \"%s\" VALUES (", t->name);
	for (int i = 0; i < t->ncol; i++)
		sbuf_printf(&b, "%s?", i ? ", " : "");
	sbuf_putc(&b, ')');
	if (!rc && sqlite3_prepare_v2(c->scratch, sbuf_str(&b), -1, &t->ins, NULL) != SQLITE_OK)
		rc = err_set(RD_FAIL, _("cannot prepare the exchange (%s): %s"), t->name,
		             sqlite3_errmsg(c->scratch));
	sbuf_free(&b);
	if (!rc)
		t->scratch = true;
	return rc;
}

int ctx_scratch_clear(struct sctx *c)
{
	for (int i = 0; i < c->ntinfo; i++) {
		if (!c->tinfos[i]->scratch)
			continue;
		char q[160];
		snprintf(q, sizeof q, "DELETE FROM \"%s\"", c->tinfos[i]->name);
		if (sqlite3_exec(c->scratch, q, NULL, NULL, NULL) != SQLITE_OK)
			return err_set(RD_FAIL, _("cannot prepare the exchange: %s"),
			               sqlite3_errmsg(c->scratch));
	}
	return RD_OK;
}

/* The value of column i that a change carries for the row's key or its values. */
static sqlite3_value *change_value(sqlite3_changeset_iter *it, int op, int i, bool newer)
{
	sqlite3_value *v = NULL;
	if (op == SQLITE_INSERT || (op == SQLITE_UPDATE && newer))
		sqlite3changeset_new(it, i, &v);
	if (!v && op != SQLITE_INSERT)
		sqlite3changeset_old(it, i, &v);
	return v;
}

/* Binds the key of the row a change is about to st (?N for column N-1). */
static void bind_key(sqlite3_stmt *st, const struct tinfo *t, sqlite3_changeset_iter *it, int op)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < t->ncol; i++)
		if (t->pk[i])
			sqlite3_bind_value(st, i + 1, change_value(it, op, i, false));
}

/* The statement that names a row's record under entry s: SELECT (where), (record). */
static sqlite3_stmt *eval_stmt(struct sctx *c, int si, const struct tinfo *t)
{
	if (c->evals[si])
		return c->evals[si];
	const struct stab *s = stab_at(si);
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "SELECT (%s), (%s) FROM (SELECT ", s->where ? s->where : "1", s->record);
	for (int i = 0; i < t->ncol; i++)
		sbuf_printf(&b, "%s?%d AS \"%s\"", i ? ", " : "", i + 1, t->cols[i]);
	sbuf_puts(&b, ") AS r");
	c->evals[si] = db_prepare(c->db, sbuf_str(&b), "");
	sbuf_free(&b);
	return c->evals[si];
}

int ctx_record_of(struct sctx *c, sqlite3_changeset_iter *it, struct rec *out)
{
	const char *table;
	int ncol, op, ind;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	struct tinfo *t = ctx_tinfo(c, table);
	if (!t)
		return RD_FAIL;
	if (ncol != t->ncol)
		return err_set(RD_INVALID,
		               _("table %s has %d columns in the file and %d in this database: the "
		                 "two databases have different schema versions (renda check)"),
		               table, ncol, t->ncol);
	/* An update carries the key and the columns it changed: the rest from the row. */
	bool have_row = false;
	if (op == SQLITE_UPDATE) {
		bind_key(t->get, t, it, op);
		have_row = sqlite3_step(t->get) == SQLITE_ROW;
	}
	int rc = RD_NOTFOUND;
	for (int si = 0; si < stab_count() && rc == RD_NOTFOUND; si++) {
		const struct stab *s = stab_at(si);
		if (strcmp(s->table, table))
			continue;
		sqlite3_stmt *ev = eval_stmt(c, si, t);
		if (!ev) {
			rc = RD_FAIL;
			break;
		}
		sqlite3_reset(ev);
		for (int i = 0; i < t->ncol; i++) {
			sqlite3_value *v = NULL;
			if (op == SQLITE_UPDATE) {
				sqlite3changeset_new(it, i, &v);
				if (!v && have_row)
					v = sqlite3_column_value(t->get, i);
				if (!v)
					sqlite3changeset_old(it, i, &v);
			} else
				v = change_value(it, op, i, true);
			if (v)
				sqlite3_bind_value(ev, i + 1, v);
			else
				sqlite3_bind_null(ev, i + 1);
		}
		if (sqlite3_step(ev) == SQLITE_ROW && sqlite3_column_int(ev, 0) &&
		    sqlite3_column_type(ev, 1) != SQLITE_NULL) {
			out->root = stab_root(s->kind);
			out->id = sqlite3_column_int64(ev, 1);
			rc = out->root ? RD_OK : RD_NOTFOUND;
		}
		sqlite3_reset(ev);
	}
	sqlite3_reset(t->get);
	return rc;
}

int ctx_in_scope(struct sctx *c, struct rec r, bool from_city, bool *in)
{
	*in = false;
	const struct stab *s = r.root;
	if (s->ref && from_city) {
		*in = true; /* the city sends a town all of its reference data */
		return RD_OK;
	}
	if (s->ref && !s->town)
		return RD_OK; /* city-wide: never a town's to send */
	int si = (int)(s - stab_at(0));
	if (!c->scopes[si]) {
		char *sql = s->ref
		                ? xasprintf("SELECT 1 FROM \"%s\" r WHERE r.id = ?2 AND (%s) = ?1",
		                            s->table, s->town)
		                : xasprintf("SELECT 1 FROM \"%s\" x WHERE x.id = ?2 AND (%s)",
		                            s->table, s->town);
		c->scopes[si] = db_prepare(c->db, sql, "");
		free(sql);
		if (!c->scopes[si])
			return RD_FAIL;
	}
	sqlite3_stmt *st = c->scopes[si];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, c->town);
	sqlite3_bind_int64(st, 2, r.id);
	int src = sqlite3_step(st);
	*in = src == SQLITE_ROW;
	sqlite3_reset(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return db_fail(c->db, _("read"));
	return RD_OK;
}

int ctx_rows_of(struct sctx *c, struct rec r,
                int (*fn)(void *arg, struct tinfo *t, sqlite3_stmt *st), void *arg)
{
	int rc = RD_OK;
	for (int si = 0; si < stab_count() && !rc; si++) {
		const struct stab *s = stab_at(si);
		if (strcmp(s->kind, r.root->kind))
			continue;
		struct tinfo *t = ctx_tinfo(c, s->table);
		if (!t)
			return RD_FAIL;
		if (!c->rows[si]) {
			char *sql = xasprintf("SELECT * FROM \"%s\" r WHERE (%s) = ?1%s%s%s",
			                      s->table, s->record, s->where ? " AND (" : "",
			                      s->where ? s->where : "", s->where ? ")" : "");
			c->rows[si] = db_prepare(c->db, sql, "");
			free(sql);
			if (!c->rows[si])
				return RD_FAIL;
		}
		sqlite3_stmt *st = c->rows[si];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, r.id);
		int src;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
			rc = fn(arg, t, st);
		if (!rc && src != SQLITE_DONE)
			rc = db_fail(c->db, _("read"));
		sqlite3_reset(st);
	}
	return rc;
}

void ctx_row_key(sqlite3_changeset_iter *it, struct sbuf *b)
{
	const char *table;
	int ncol, op, ind;
	unsigned char *pk;
	int npk;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	sqlite3changeset_pk(it, &pk, &npk);
	sbuf_puts(b, table);
	for (int i = 0; i < ncol && i < npk; i++)
		if (pk[i]) {
			sbuf_putc(b, '|');
			value_text(change_value(it, op, i, false), b);
		}
}

char *ctx_row_json(struct sctx *c, sqlite3_changeset_iter *it)
{
	const char *table;
	int ncol, op, ind;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	struct tinfo *t = ctx_tinfo(c, table);
	if (!t)
		return NULL;
	bind_key(t->json, t, it, op);
	char *json = NULL;
	if (sqlite3_step(t->json) == SQLITE_ROW)
		json = db_col_dup(t->json, 0);
	sqlite3_reset(t->json);
	return json;
}

int ctx_known(struct sctx *c, struct rec r, bool *is)
{
	int64_t x = 0;
	int rc = db_int(c->db, &x,
	                "SELECT count(*) FROM sync_known WHERE peer = ? AND kind = ? AND rid = ?",
	                "dti", c->peer, r.root->kind, r.id);
	*is = x > 0;
	return rc;
}

int ctx_mark_known(struct sctx *c, const struct recset *s)
{
	int rc = RD_OK;
	for (int i = 0; i < s->n && !rc; i++)
		rc = db_run(c->db,
		            "INSERT OR IGNORE INTO sync_known (peer, kind, rid) VALUES (?, ?, ?)",
		            "dti", c->peer, s->recs[i].root->kind, s->recs[i].id);
	return rc;
}

bool ctx_exists(struct sctx *c, struct rec r)
{
	char q[160];
	snprintf(q, sizeof q, "SELECT count(*) FROM \"%s\" WHERE id = ?", r.root->table);
	int64_t n = 0;
	db_int(c->db, &n, q, "i", r.id);
	return n > 0;
}
