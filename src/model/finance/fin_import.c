/*
 * The import of a dataset's file: the header mapped onto the dataset's fields,
 * every row checked (any rejected row rejects the file), the rows compared
 * with those of the same dataset, period and source (added, changed field by
 * field, removed), then written, with the import's row, its differences, the
 * warnings the rules raise and its audit row, in the caller's transaction.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/finance/fin_priv.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "util/xlsxread.h"

/* One row of a file, or of the table. */
struct frow {
	int line;     /* of the file; 0 for a stored row */
	int64_t id;   /* of the stored row */
	char **text;  /* nfields: text fields ("" when empty), NULL for numbers */
	int64_t *num; /* nfields */
	bool *set;    /* nfields */
	char *key;    /* the key fields joined by '/' */
	int64_t unit; /* the department (a handling unit), 0 when none matches */
	int match;    /* the index of the row of the other side with the same key, -1 */
	int dup;      /* the line of an earlier row of the file with the same key, or 0 */
	bool bad;
};

static void frow_free(struct frow *r, int nfields)
{
	for (int i = 0; r->text && i < nfields; i++)
		free(r->text[i]);
	free(r->text);
	free(r->num);
	free(r->set);
	free(r->key);
}

static void frow_alloc(struct frow *r, int nfields)
{
	memset(r, 0, sizeof *r);
	r->text = xcalloc((size_t)nfields, sizeof *r->text);
	r->num = xcalloc((size_t)nfields, sizeof *r->num);
	r->set = xcalloc((size_t)nfields, sizeof *r->set);
	r->match = -1;
}

void fin_import_result_free(struct fin_import_result *r)
{
	free(r->source);
	sbuf_free(&r->errors);
	sbuf_free(&r->changes);
	sbuf_free(&r->raised);
	memset(r, 0, sizeof *r);
}

/* True when the field's value is a number in the table. */
static bool numeric(const struct fin_field *f)
{
	return f->type == FF_MONEY || f->type == FF_SMONEY || f->type == FF_PCT ||
	       f->type == FF_DEC || f->type == FF_YEAR;
}

/* How a message names a field: the key, or "label (key)" when translating. */
static const char *field_name(const struct fin_field *f)
{
	static char buf[2][128];
	static int next;
	if (!vocab_translating())
		return f->key;
	char *b = buf[next];
	next = !next;
	snprintf(b, sizeof buf[0], _("%s (%s)"), _(f->label), f->key);
	return b;
}

/* The field a header cell names: its key, its label (English or translated), its Chinese name. */
static int header_field(const struct fin_dataset *d, const char *h)
{
	for (int i = 0; i < d->nfields; i++) {
		const struct fin_field *f = &d->fields[i];
		if (!strcasecmp(h, f->key) || !strcasecmp(h, f->label) || !strcmp(h, _(f->label)) ||
		    !strcmp(h, f->zh))
			return i;
	}
	return -1;
}

/* Trims blanks, tabs and returns from both ends; a new string. */
static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* The key of a row: its key fields as stored, joined by '/' (an empty one as '-'). */
static char *row_key(const struct fin_dataset *d, const struct frow *r)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < d->nfields; i++) {
		const struct fin_field *f = &d->fields[i];
		if (!(f->flags & FF_KEY))
			continue;
		if (b.len)
			sbuf_putc(&b, '/');
		if (numeric(f))
			sbuf_printf(&b, "%lld", (long long)r->num[i]);
		else
			sbuf_puts(&b, r->text[i] && *r->text[i] ? r->text[i] : "-");
	}
	return sbuf_take(&b);
}

static int by_key(const void *a, const void *b)
{
	const struct frow *x = *(const struct frow *const *)a, *y = *(const struct frow *const *)b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The handling unit a row names by code or name; 0 when none. */
static int64_t row_unit(sqlite3_stmt *st, const char *code, const char *name)
{
	int64_t id = 0;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name ? name : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* Reads and checks the rows of f into rows[f->nrows]; the period of the file into *per. */
static int read_rows(sqlite3 *db, const struct fin_dataset *d, const struct csv_file *f,
                     const char *file, const int *map, struct frow *rows, struct fin_period *per,
                     struct fin_import_result *res)
{
	int nf = d->nfields;
	int ucode = -1, uname = -1;
	for (int i = 0; i < nf; i++) {
		if (d->fields[i].flags & FF_UNITCODE)
			ucode = i;
		if (d->fields[i].flags & FF_UNITNAME)
			uname = i;
	}
	sqlite3_stmt *ust = db_prepare(
	    db,
	    "SELECT id FROM (SELECT id, 0 AS o FROM unit WHERE code = ?1 AND ?1 <> '' UNION ALL "
	    "SELECT id, 1 FROM unit WHERE name = ?2 AND ?2 <> '') ORDER BY o LIMIT 1",
	    "");
	if (!ust)
		return RD_FAIL;
	/* The file's period: that of the first row whose period is one. */
	bool have_period = false;
	int period_line = 0, pf = fin_field_find(d, "period");
	for (size_t r = 0; r < f->nrows && !have_period && map[pf] >= 0; r++) {
		char *raw = trimmed(csvf_get(&f->rows[r], map[pf]));
		have_period = fin_period_parse(raw, per);
		period_line = f->rows[r].line;
		free(raw);
	}
	for (size_t r = 0; r < f->nrows; r++) {
		struct frow *row = &rows[r];
		frow_alloc(row, nf);
		row->line = f->rows[r].line;
		struct fin_period p = {0};
		for (int i = 0; i < nf && !row->bad; i++) {
			const struct fin_field *fd = &d->fields[i];
			char *raw =
			    map[i] >= 0 ? trimmed(csvf_get(&f->rows[r], map[i])) : xstrdup("");
			const char *why =
			    fin_value(db, fd, raw, &row->text[i], &row->num[i], &row->set[i], &p);
			if (why) {
				sbuf_printf(&res->errors, "%s:%d: %s: %s\n", file, row->line,
				            field_name(fd), why);
				row->bad = true;
			}
			free(raw);
			if (!row->text[i] && !numeric(fd))
				row->text[i] = xstrdup("");
		}
		if (!row->bad && d->check) {
			const char *why = d->check(d, row->text, row->num, row->set);
			if (why) {
				sbuf_printf(&res->errors, "%s:%d: %s\n", file, row->line, why);
				row->bad = true;
			}
		}
		if (!row->bad && (d->per == FP_YEAR) != p.whole_year) {
			sbuf_printf(&res->errors,
			            d->per == FP_YEAR
			                ? _("%s:%d: period: '%s' is not a year: %s is yearly\n")
			                : _("%s:%d: period: '%s' is not a month: %s is "
			                    "monthly\n"),
			            file, row->line, p.text, d->name);
			row->bad = true;
		} else if (!row->bad && p.quarter && d->per != FP_MONTHQ) {
			sbuf_printf(&res->errors,
			            _("%s:%d: period: '%s' is not a month: %s is monthly\n"), file,
			            row->line, p.text, d->name);
			row->bad = true;
		}
		if (!row->bad && have_period && strcmp(p.text, per->text)) {
			sbuf_printf(
			    &res->errors,
			    _("%s:%d: period: %s, but the file's period is %s (line %d): a file "
			      "holds one period\n"),
			    file, row->line, p.text, per->text, period_line);
			row->bad = true;
		}
		if (!row->bad) {
			row->key = row_key(d, row);
			row->unit = row_unit(ust, ucode >= 0 ? row->text[ucode] : NULL,
			                     uname >= 0 ? row->text[uname] : NULL);
		}
		if (row->bad)
			res->rejected++;
	}
	sqlite3_finalize(ust);
	/* The same key twice: the later lines are rejected, each naming the first. */
	int n = 0;
	struct frow **s = xcalloc(f->nrows + 1, sizeof *s);
	for (size_t r = 0; r < f->nrows; r++)
		if (!rows[r].bad)
			s[n++] = &rows[r];
	xqsort(s, (size_t)n, sizeof *s, by_key);
	for (int i = 1, first = 0; i < n; i++) {
		if (strcmp(s[i]->key, s[first]->key)) {
			first = i;
			continue;
		}
		s[i]->dup = s[first]->line;
	}
	free(s);
	for (size_t r = 0; r < f->nrows; r++)
		if (!rows[r].bad && rows[r].dup) {
			sbuf_printf(&res->errors, _("%s:%d: the same row as line %d (%s)\n"), file,
			            rows[r].line, rows[r].dup, rows[r].key);
			rows[r].bad = true;
			res->rejected++;
		}
	return RD_OK;
}

/* The columns of the dataset's table, after id: a list for SQL text (our own names). */
static void columns(const struct fin_dataset *d, struct sbuf *b, const char *each)
{
	for (int i = 0; i < d->nfields; i++)
		if (d->fields[i].type != FF_PERIOD)
			sbuf_printf(b, ", %s%s", d->fields[i].key, each);
}

/* Reads the stored rows of the dataset, period and source. */
static int read_stored(sqlite3 *db, const struct fin_dataset *d, const char *period, int64_t source,
                       struct frow **out, int *n)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "SELECT id, coalesce(unit_id, 0)");
	columns(d, &b, "");
	sbuf_printf(&b, " FROM %s WHERE dataset = ? AND period = ? AND source_id = ?", d->table);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&b), "tti", d->name, period, source);
	sbuf_free(&b);
	if (!st)
		return RD_FAIL;
	struct frow *rows = NULL;
	int k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, sizeof *rows * (size_t)cap);
		}
		struct frow *r = &rows[k++];
		frow_alloc(r, d->nfields);
		r->id = sqlite3_column_int64(st, 0);
		r->unit = sqlite3_column_int64(st, 1);
		for (int i = 0, c = 2; i < d->nfields; i++) {
			const struct fin_field *f = &d->fields[i];
			if (f->type == FF_PERIOD) {
				r->text[i] = xstrdup(period);
				r->set[i] = true;
				continue;
			}
			if (numeric(f))
				r->num[i] = sqlite3_column_int64(st, c);
			else
				r->text[i] = xstrdup(db_col(st, c));
			r->set[i] = true;
			c++;
		}
		r->key = row_key(d, r);
	}
	sqlite3_finalize(st);
	*out = rows;
	*n = k;
	return RD_OK;
}

/* The value a row stores for field i: numbers as they are, an empty text as "". */
static bool same_value(const struct fin_field *f, const struct frow *a, int i, const struct frow *b)
{
	if (numeric(f))
		return a->num[i] == b->num[i];
	return !strcmp(a->text[i] ? a->text[i] : "", b->text[i] ? b->text[i] : "");
}

/* Binds a row's values to the statement's parameters from `first` on, in field order. */
static void bind_row(sqlite3_stmt *st, const struct fin_dataset *d, const struct frow *r, int first)
{
	int p = first;
	for (int i = 0; i < d->nfields; i++) {
		const struct fin_field *f = &d->fields[i];
		if (f->type == FF_PERIOD)
			continue;
		if (numeric(f))
			sqlite3_bind_int64(st, p++, r->num[i]);
		else
			sqlite3_bind_text(st, p++, r->text[i] ? r->text[i] : "", -1,
			                  SQLITE_TRANSIENT);
	}
}

/* Runs a prepared statement once and resets it; RD_OK or RD_FAIL. */
static int step(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? RD_OK : db_fail(db, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* Records one difference of the import (and its line of the report). */
static int change(sqlite3 *db, int64_t import, bool keep, const char *kind, const char *key,
                  const char *field, const char *before, const char *after,
                  struct fin_import_result *res)
{
	if (!strcmp(kind, "added"))
		sbuf_printf(&res->changes, _("added %s\n"), key);
	else if (!strcmp(kind, "removed"))
		sbuf_printf(&res->changes, _("removed %s\n"), key);
	else
		sbuf_printf(&res->changes, _("changed %s: %s %s -> %s\n"), key, field, before,
		            after);
	if (!keep)
		return RD_OK;
	int64_t id;
	int rc = db_new_id(db, "fin_change", &id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO fin_change (id, import_id, kind, rkey, field, before, after) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "iittttt", id, import, kind, key, field ? field : "", before ? before : "",
		    after ? after : "");
	return rc;
}

/* Writes the rows: inserts the new ones, updates the changed ones, deletes the gone ones. */
static int apply(sqlite3 *db, const struct fin_dataset *d, const struct fin_period *per,
                 int64_t source, int64_t import, struct frow *rows, int n, struct frow *old,
                 int nold, struct fin_import_result *res)
{
	struct sbuf ins = SBUF_INIT, upd = SBUF_INIT;
	sbuf_printf(&ins,
	            "INSERT INTO %s (id, dataset, period, year, month, source_id, import_id, "
	            "unit_id",
	            d->table);
	columns(d, &ins, "");
	sbuf_puts(&ins, ") VALUES (?, ?, ?, ?, ?, ?, ?, ?");
	for (int i = 0; i < d->nfields; i++)
		if (d->fields[i].type != FF_PERIOD)
			sbuf_puts(&ins, ", ?");
	sbuf_puts(&ins, ")");
	sbuf_printf(&upd, "UPDATE %s SET import_id = ?2, unit_id = ?3", d->table);
	for (int i = 0, p = 4; i < d->nfields; i++)
		if (d->fields[i].type != FF_PERIOD)
			sbuf_printf(&upd, ", %s = ?%d", d->fields[i].key, p++);
	sbuf_puts(&upd, " WHERE id = ?1");
	char del[80];
	snprintf(del, sizeof del, "DELETE FROM %s WHERE id = ?", d->table);
	sqlite3_stmt *si = db_prepare(db, sbuf_str(&ins), ""),
	             *su = db_prepare(db, sbuf_str(&upd), ""), *sd = db_prepare(db, del, "");
	sbuf_free(&ins);
	sbuf_free(&upd);
	int rc = si && su && sd ? RD_OK : RD_FAIL;
	bool keep = !res->first;
	for (int r = 0; r < n && !rc; r++) {
		struct frow *row = &rows[r];
		if (row->match < 0) {
			int64_t id;
			rc = db_new_id(db, d->table, &id);
			if (rc)
				break;
			sqlite3_bind_int64(si, 1, id);
			sqlite3_bind_text(si, 2, d->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(si, 3, per->text, -1, SQLITE_STATIC);
			sqlite3_bind_int(si, 4, per->year);
			sqlite3_bind_int(si, 5, per->month);
			sqlite3_bind_int64(si, 6, source);
			sqlite3_bind_int64(si, 7, import);
			if (row->unit)
				sqlite3_bind_int64(si, 8, row->unit);
			bind_row(si, d, row, 9);
			rc = step(db, si, _("import"));
			if (!rc && keep)
				rc = change(db, import, keep, "added", row->key, NULL, NULL, NULL,
				            res);
			continue;
		}
		const struct frow *was = &old[row->match];
		bool differs = row->unit != was->unit;
		for (int i = 0; i < d->nfields && !rc; i++) {
			const struct fin_field *f = &d->fields[i];
			if (f->type == FF_PERIOD || same_value(f, row, i, was))
				continue;
			differs = true;
			char *b = fin_value_show(f, was->text[i], was->num[i], true),
			     *a = fin_value_show(f, row->text[i], row->num[i], true);
			rc = change(db, import, keep, "changed", row->key, f->key, b, a, res);
			free(b);
			free(a);
		}
		if (rc || !differs)
			continue;
		sqlite3_bind_int64(su, 1, was->id);
		sqlite3_bind_int64(su, 2, import);
		if (row->unit)
			sqlite3_bind_int64(su, 3, row->unit);
		bind_row(su, d, row, 4);
		rc = step(db, su, _("import"));
	}
	for (int k = 0; k < nold && !rc; k++) {
		if (old[k].match >= 0)
			continue;
		sqlite3_bind_int64(sd, 1, old[k].id);
		rc = step(db, sd, _("import"));
		if (!rc)
			rc = change(db, import, keep, "removed", old[k].key, NULL, NULL, NULL, res);
	}
	sqlite3_finalize(si);
	sqlite3_finalize(su);
	sqlite3_finalize(sd);
	return rc;
}

/* Pairs the rows of the file with the stored ones of the same key (both sides' match). */
static void pair(struct frow *rows, int n, struct frow *old, int nold)
{
	struct frow **s = xcalloc((size_t)nold + 1, sizeof *s);
	for (int k = 0; k < nold; k++)
		s[k] = &old[k];
	xqsort(s, (size_t)nold, sizeof *s, by_key);
	for (int r = 0; r < n; r++) {
		rows[r].match = -1;
		int lo = 0, hi = nold - 1;
		while (lo <= hi) {
			int mid = (lo + hi) / 2, c = strcmp(rows[r].key, s[mid]->key);
			if (!c) {
				rows[r].match = (int)(s[mid] - old);
				s[mid]->match = r;
				break;
			}
			if (c < 0)
				hi = mid - 1;
			else
				lo = mid + 1;
		}
	}
	free(s);
}

int fin_import_rows_tx(sqlite3 *db, const struct scope *sc, const struct fin_dataset *d,
                       const struct csv_file *f, const char *file, const char *source,
                       const char *at, bool generated, struct fin_import_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	/* The header: each column a field of the dataset, once; every required field. */
	int nf = d->nfields;
	int *map = xcalloc((size_t)nf, sizeof *map);
	for (int i = 0; i < nf; i++)
		map[i] = -1;
	for (int c = 0; c < f->ncols && !rc; c++) {
		int i = header_field(d, f->header[c]);
		if (i < 0) {
			struct sbuf keys = SBUF_INIT;
			for (int k = 0; k < nf; k++)
				sbuf_printf(&keys, "%s%s", k ? ", " : "", d->fields[k].key);
			rc = err_set(RD_INVALID,
			             _("%s:1: unknown column '%s' (the columns of %s: %s)"), file,
			             f->header[c], d->name, sbuf_str(&keys));
			sbuf_free(&keys);
		} else if (map[i] >= 0)
			rc = err_set(RD_INVALID, _("%s:1: column '%s' twice"), file, f->header[c]);
		else
			map[i] = c;
	}
	for (int i = 0; i < nf && !rc; i++)
		if (map[i] < 0 && (d->fields[i].flags & FF_REQ))
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s' (%s)"),
			             file, d->fields[i].key, _(d->fields[i].label));
	if (!rc && !f->nrows)
		rc = err_set(RD_INVALID, _("%s: no rows to import"), file);
	/* The department that sent it. */
	int64_t src = 0;
	const char *sname = source && *source ? source : d->source;
	if (!rc) {
		sqlite3_stmt *st =
		    db_prepare(db,
		               "SELECT id, name FROM unit WHERE code = ?1 OR name = ?1 "
		               "ORDER BY code = ?1 DESC LIMIT 1",
		               "t", sname);
		if (!st)
			rc = RD_FAIL;
		else if (sqlite3_step(st) == SQLITE_ROW) {
			src = sqlite3_column_int64(st, 0);
			res->source = db_col_dup(st, 1);
		} else
			rc = err_set(
			    RD_INVALID,
			    _("source: no handling unit '%s': name the department that sent the "
			      "file (--source)"),
			    sname);
		sqlite3_finalize(st);
	}
	if (rc) {
		free(map);
		return rc;
	}
	int n = (int)f->nrows;
	struct frow *rows = xcalloc((size_t)n + 1, sizeof *rows);
	struct fin_period per = {0};
	rc = read_rows(db, d, f, file, map, rows, &per, res);
	free(map);
	if (!rc && res->rejected)
		rc = err_set(RD_INVALID,
		             P_("%s: %d row rejected; nothing was imported",
		                "%s: %d rows rejected; nothing was imported",
		                (unsigned long)res->rejected),
		             file, res->rejected);
	struct frow *old = NULL;
	int nold = 0;
	if (!rc)
		rc = read_stored(db, d, per.text, src, &old, &nold);
	int64_t prev = 0, import = 0;
	if (!rc) {
		snprintf(res->period, sizeof res->period, "%s", per.text);
		int r = db_int(db, &prev,
		               "SELECT id FROM fin_import WHERE dataset = ? AND period = ? AND "
		               "source_id = ? ORDER BY id DESC LIMIT 1",
		               "tti", d->name, per.text, src);
		if (r == RD_NOTFOUND)
			prev = 0;
		else if (r)
			rc = r;
		res->first = !prev && !nold;
		res->nrows = n;
	}
	if (!rc) {
		pair(rows, n, old, nold);
		for (int r = 0; r < n; r++) {
			if (rows[r].match < 0) {
				res->added++;
				continue;
			}
			const struct frow *was = &old[rows[r].match];
			bool same = rows[r].unit == was->unit;
			for (int i = 0; i < nf && same; i++)
				same = d->fields[i].type == FF_PERIOD ||
				       same_value(&d->fields[i], &rows[r], i, was);
			if (same)
				res->unchanged++;
			else
				res->changed++;
		}
		for (int k = 0; k < nold; k++)
			res->removed += old[k].match < 0;
	}
	char now[CLOCK_BUF];
	time_t when = clock_now();
	if (!rc && at && !clock_parse(at, &when))
		rc = err_set(RD_INVALID, _("'%s' is not an ISO 8601 time"), at);
	clock_format(when, now);
	const char *format = f->encoding ? f->encoding : "UTF-8";
	if (!rc)
		rc = db_new_id(db, "fin_import", &import);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO fin_import (id, dataset, period, source_id, file, format, at, "
		    "account, nrows, added, changed, removed, unchanged, prev_id) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "ittittttddddd"
		    "I",
		    import, d->name, per.text, src, file, format, now, sc->login, n, res->added,
		    res->changed, res->removed, res->unchanged, prev);
	if (!rc)
		rc = apply(db, d, &per, src, import, rows, n, old, nold, res);
	if (!rc)
		rc = fin_check_tx(db, sc, d->name, &per, import, at, generated, &res->warnings,
		                  &res->raised);
	if (!rc && res->warnings)
		rc = db_run(db, "UPDATE fin_import SET warnings = ? WHERE id = ?", "di",
		            res->warnings, import);
	if (!rc && !generated) {
		char *after = audit_snapshot(db, "fin_import", import);
		rc = audit_log(db, sc, "fin_import", import, "import", NULL, after);
		free(after);
	}
	if (!rc)
		res->id = import;
	for (int r = 0; r < n; r++)
		frow_free(&rows[r], nf);
	free(rows);
	for (int k = 0; k < nold; k++)
		frow_free(&old[k], nf);
	free(old);
	return rc;
}

int fin_import(sqlite3 *db, const struct scope *sc, const char *dataset, const char *path,
               const char *source, struct fin_import_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	const struct fin_dataset *d = fin_dataset_find(dataset);
	if (!d)
		return err_set(RD_INVALID, _("dataset: '%s' is not one of %s"),
		               dataset ? dataset : "", fin_dataset_names());
	struct csv_file f;
	if (tablef_read(path, &f))
		return RD_INVALID;
	if (db_begin(db)) {
		csvf_free(&f);
		return RD_FAIL;
	}
	/* The rows rejected are kept across the reset that the function starts with. */
	rc = fin_import_rows_tx(db, sc, d, &f, path, source, NULL, false, res);
	csvf_free(&f);
	return db_end(db, rc);
}
