/*
 * Conflicts of the exchange: a record that a file changed while this database had
 * changed it too. The other site's changes wait in sync_conflict.theirs (a
 * changeset) until a clerk keeps this database's version or takes theirs; either
 * way the other site gets the record whole, as it now is here, with the next file,
 * and closes its own listing of it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/sync/sync_int.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct conflict {
	int64_t id;
	int peer;
	char *kind;
	int64_t rid;
	char *state;
	struct blob theirs;
};

static void conflict_free(struct conflict *k)
{
	free(k->kind);
	free(k->state);
	blob_free(&k->theirs);
}

static int load(sqlite3 *db, int64_t id, struct conflict *k)
{
	memset(k, 0, sizeof *k);
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT peer, kind, rid, state, theirs FROM sync_conflict WHERE id = ?", "i", id);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		k->id = id;
		k->peer = sqlite3_column_int(st, 0);
		k->kind = db_col_dup(st, 1);
		k->rid = sqlite3_column_int64(st, 2);
		k->state = db_col_dup(st, 3);
		k->theirs.n = sqlite3_column_bytes(st, 4);
		k->theirs.p = sqlite3_malloc(k->theirs.n > 0 ? k->theirs.n : 1);
		if (k->theirs.n)
			memcpy(k->theirs.p, sqlite3_column_blob(st, 4), (size_t)k->theirs.n);
		rc = RD_OK;
	}
	sqlite3_finalize(st);
	if (rc == RD_NOTFOUND)
		err_set(RD_NOTFOUND,
		        _("there is no conflict %lld (renda sync conflicts lists them)"),
		        (long long)id);
	else if (!stab_root(k->kind)) {
		conflict_free(k);
		rc = err_set(RD_FAIL,
		             _("conflict %lld is about records of kind %s, which this renda "
		               "does not exchange"),
		             (long long)id, k->kind);
	}
	return rc;
}

/* The column that names a record of a kind to people, or NULL. */
static const char *label_col(sqlite3 *db, const char *table)
{
	static const char *const pref[] = {"number", "name", "title", "code", "day"};
	for (size_t i = 0; i < sizeof pref / sizeof pref[0]; i++) {
		char q[200];
		snprintf(q, sizeof q,
		         "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'%s", table,
		         pref[i], i == 0 ? " AND type = 'TEXT'" : "");
		int64_t n = 0;
		if (!db_int(db, &n, q, "") && n)
			return pref[i];
	}
	return NULL;
}

char *sync_conflict_what(sqlite3 *db, int64_t id)
{
	struct conflict k;
	if (load(db, id, &k))
		return xasprintf("#%lld", (long long)id);
	const struct stab *root = stab_root(k.kind);
	const char *col = label_col(db, root->table);
	char *label = NULL;
	if (col) {
		char q[200];
		snprintf(q, sizeof q, "SELECT \"%s\" FROM \"%s\" WHERE id = ?", col, root->table);
		db_text(db, &label, q, "i", k.rid);
	}
	char *out = label && *label
	                ? xasprintf("%s %s", vocab_entity(root->entity), label)
	                : xasprintf("%s #%lld", vocab_entity(root->entity), (long long)k.rid);
	free(label);
	conflict_free(&k);
	return out;
}

/* ---- the listing ------------------------------------------------------------- */

static const char *show_site(const char *raw)
{
	return vocab_label("site", raw);
}

static const char *show_kind(const char *raw)
{
	return vocab_label("entity", raw);
}

static const char *show_resolution(const char *raw)
{
	return vocab_label("resolution", raw);
}

#define SITE_EXPR(col)                                                                             \
	"CASE WHEN " col " = 0 THEN 'city' ELSE coalesce((SELECT name FROM town WHERE id = " col   \
	"), " col ") END"

static struct pager_col conflict_cols[] = {
    {"id", N_("No."), "c.id", 5, PC_SORT | PC_BY_ID | PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"site", N_("Site"), SITE_EXPR("c.peer"), 8, PC_SORT | PC_FILTER | PC_WHOLE, show_site, NULL},
    {"entity", N_("Record"), "c.kind", 8, PC_SORT | PC_WHOLE, show_kind, NULL},
    {"record", N_("Name"), NULL, 16, PC_FILTER | PC_FLEX, NULL, NULL},
    {"detected_at", N_("Found"), "replace(substr(c.detected_at, 1, 16), 'T', ' ')", 16,
     PC_SORT | PC_WHOLE, NULL, NULL},
    {"seq", N_("File no."), "c.seq", 4, PC_RIGHT, NULL, NULL},
    {"resolution", N_("Resolution"), "c.state", 8, PC_SORT | PC_WHOLE, show_resolution, NULL},
    {"resolved_at", N_("Resolved at"),
     "coalesce(replace(substr(c.resolved_at, 1, 16), 'T', ' '), '')", 16, PC_EXTRA, NULL, NULL},
    {"resolved_by", N_("Resolved by"), "coalesce(c.resolved_by, '')", 8, PC_EXTRA, NULL, NULL},
    {"rid", N_("Id"), "c.rid", 8, PC_HIDDEN, NULL, NULL},
};
static struct pager_def conflict_def = {
    N_("exchange conflicts"),
    "sync_conflict c",
    "c.id",
    conflict_cols,
    N_OF(conflict_cols),
    0,
    true,
};

/* The record column: each kind's naming column, built once from the schema. */
static void build_record_expr(sqlite3 *db)
{
	static char *expr;
	if (expr)
		return;
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "CASE c.kind");
	for (int i = 0; i < stab_count(); i++) {
		const struct stab *s = stab_at(i);
		const char *col = s->root ? label_col(db, s->table) : NULL;
		if (col)
			sbuf_printf(&b,
			            " WHEN '%s' THEN (SELECT \"%s\" FROM \"%s\" WHERE id = c.rid)",
			            s->kind, col, s->table);
	}
	sbuf_puts(&b, " ELSE NULL END");
	expr = xasprintf("coalesce(nullif(%s, ''), '#' || c.rid)", sbuf_str(&b));
	sbuf_free(&b);
	for (int i = 0; i < conflict_def.ncols; i++)
		if (!strcmp(conflict_cols[i].key, "record"))
			conflict_cols[i].expr = expr;
}

struct pager *sync_listing_conflicts(sqlite3 *db, const struct scope *sc, bool all)
{
	build_record_expr(db);
	struct pager *p = pager_new(db, &conflict_def);
	if (!scope_is_admin(sc))
		pager_where(p, "0", "");
	else if (!all)
		pager_where(p, "c.state = 'open'", "");
	return p;
}

int sync_open_conflicts(sqlite3 *db, const struct scope *sc, int64_t *n)
{
	*n = 0;
	if (!scope_is_admin(sc))
		return RD_OK;
	return db_int(db, n, "SELECT count(*) FROM sync_conflict WHERE state = 'open'", "");
}

/* ---- side by side ------------------------------------------------------------ */

static const char *const compare_keys[] = {"table", "row", "field", "mine", "theirs", "differs"};

struct cells {
	char **v;
	int nrows, cap;
};

static void add_cell_row(struct cells *t, const char *const *vals)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, sizeof *t->v * (size_t)t->cap * 6);
	}
	for (int i = 0; i < 6; i++)
		t->v[t->nrows * 6 + i] = xstrdup(vals[i] ? vals[i] : "");
	t->nrows++;
}

static char *text_of(sqlite3_value *v)
{
	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return xstrdup("");
	return xstrdup((const char *)sqlite3_value_text(v));
}

int sync_conflict_compare(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	memset(out, 0, sizeof *out);
	if (scope_require_admin(sc))
		return RD_DENIED;
	struct conflict k;
	if (load(db, id, &k))
		return RD_NOTFOUND;
	const struct stab *root = stab_root(k.kind);
	struct sctx c;
	int rc = ctx_open(&c, db, k.peer);
	struct cells cells = {NULL, 0, 0};
	/* The record's own row first, then its parts. */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		sqlite3_changeset_iter *it = NULL;
		if (!rc && k.theirs.n &&
		    sqlite3changeset_start(&it, k.theirs.n, k.theirs.p) != SQLITE_OK)
			rc = err_set(RD_FAIL, _("the changes of conflict %lld are damaged"),
			             (long long)id);
		while (!rc && it && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *table;
			int ncol, op, ind;
			sqlite3changeset_op(it, &table, &ncol, &op, &ind);
			if (!strcmp(table, root->table) != !pass)
				continue;
			struct tinfo *t = ctx_tinfo(&c, table);
			if (!t) {
				rc = RD_FAIL;
				break;
			}
			struct sbuf key = SBUF_INIT;
			ctx_row_key(it, &key);
			const char *rowname =
			    strchr(sbuf_str(&key), '|') ? strchr(sbuf_str(&key), '|') + 1 : "";
			sqlite3_reset(t->get);
			sqlite3_clear_bindings(t->get);
			for (int i = 0; i < t->ncol; i++)
				if (t->pk[i]) {
					sqlite3_value *v = NULL;
					if (op == SQLITE_INSERT)
						sqlite3changeset_new(it, i, &v);
					else
						sqlite3changeset_old(it, i, &v);
					sqlite3_bind_value(t->get, i + 1, v);
				}
			bool have = sqlite3_step(t->get) == SQLITE_ROW;
			bool whole = !strcmp(table, root->table);
			for (int i = 0; i < t->ncol && i < ncol; i++) {
				sqlite3_value *nv = NULL;
				if (op != SQLITE_DELETE)
					sqlite3changeset_new(it, i, &nv);
				char *mine =
				    have ? text_of(sqlite3_column_value(t->get, i)) : xstrdup("");
				char *theirs = op == SQLITE_DELETE ? xstrdup("")
				               : nv                ? text_of(nv)
				               : have              ? xstrdup(mine)
				                                   : xstrdup("");
				bool differs = strcmp(mine, theirs) != 0 ||
				               (op == SQLITE_DELETE && have) ||
				               (op == SQLITE_INSERT && !have);
				if (differs || whole) {
					const char *vals[6] = {table, rowname, t->cols[i],
					                       mine,  theirs,  differs ? "1" : ""};
					add_cell_row(&cells, vals);
				}
				free(mine);
				free(theirs);
			}
			sqlite3_reset(t->get);
			sbuf_free(&key);
		}
		if (it)
			sqlite3changeset_finalize(it);
	}
	ctx_close(&c);
	conflict_free(&k);
	if (rc) {
		for (int i = 0; i < cells.nrows * 6; i++)
			free(cells.v[i]);
		free(cells.v);
		return rc;
	}
	out->ncols = 6;
	out->nrows = cells.nrows;
	out->keys = compare_keys;
	out->cells = cells.v;
	return RD_OK;
}

char *sync_value_shown(sqlite3 *db, const char *table, const char *column, const char *value)
{
	if (!value || !*value || !sync_table_synced(table))
		return xstrdup(value ? value : "");
	char q[200];
	snprintf(q, sizeof q,
	         "SELECT \"table\" FROM pragma_foreign_key_list('%s') WHERE \"from\" = ?", table);
	char *parent = NULL;
	if (db_text(db, &parent, q, "t", column) || !parent) {
		free(parent);
		return xstrdup(value);
	}
	const struct stab *s = stab_first(parent);
	const char *col = s && s->root ? label_col(db, s->table) : NULL;
	char *label = NULL;
	if (col) {
		snprintf(q, sizeof q, "SELECT \"%s\" FROM \"%s\" WHERE id = ?", col, s->table);
		db_text(db, &label, q, "i", strtoll(value, NULL, 10));
	}
	free(parent);
	char *out = label && *label ? label : xstrdup(value);
	if (out != label)
		free(label);
	return out;
}

/* ---- resolving --------------------------------------------------------------- */

struct taking {
	char why[400];
};

/* Their changes over ours: a row they changed takes their values, one they added comes. */
static int take_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	struct taking *t = arg;
	switch (kind) {
	case SQLITE_CHANGESET_DATA:
	case SQLITE_CHANGESET_CONFLICT: return SQLITE_CHANGESET_REPLACE;
	case SQLITE_CHANGESET_CONSTRAINT: {
		const char *table;
		int ncol, op, ind;
		sqlite3changeset_op(it, &table, &ncol, &op, &ind);
		snprintf(
		    t->why, sizeof t->why,
		    _("a row of %s would take a key (a code, a number, a resident ID) that another "
		      "record holds here: change that record first"),
		    table);
		return SQLITE_CHANGESET_ABORT;
	}
	default: return SQLITE_CHANGESET_OMIT;
	}
}

int sync_resolve(sqlite3 *db, const struct scope *sc, int64_t id, bool keep_mine)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	if (db_begin(db))
		return RD_FAIL;
	struct conflict k;
	int rc = load(db, id, &k);
	if (rc)
		return db_end(db, rc);
	if (strcmp(k.state, "open")) {
		conflict_free(&k);
		return db_end(
		    db, err_set(RD_INVALID, _("conflict %lld is resolved already"), (long long)id));
	}
	struct sctx c;
	rc = ctx_open(&c, db, k.peer);
	struct rec r = {stab_root(k.kind), k.rid};
	if (!rc && !keep_mine) {
		struct taking t = {""};
		struct blob *parts[1] = {&k.theirs};
		int sections[1] = {0}, section = 0;
		rc = sync_apply_audited(&c, sc, parts, sections, 1, take_conflict, &t, &section,
		                        NULL, NULL);
		if (rc == RD_CONFLICT)
			rc = err_set(RD_INVALID, _("cannot take their version: %s"), t.why);
	}
	/*
	 * The other site gets the record whole, as it is when the next file is written: the
	 * city any record, a town its own (one outside the town, as the city's reference
	 * data, keeps the city's version there, and here what was chosen until the city
	 * changes it).
	 */
	int64_t entry = 0;
	bool send = true;
	if (!rc && c.site)
		rc = ctx_in_scope(&c, r, false, &send);
	if (!rc && send)
		rc = sync_log_add(db, k.theirs.p, k.theirs.n, -1, "forced", k.peer, r.root->kind,
		                  r.id, &entry);
	ctx_close(&c);
	if (!rc) {
		char at[CLOCK_BUF];
		clock_format(clock_now(), at);
		rc = db_run(db,
		            "UPDATE sync_conflict SET state = ?, resolved_at = ?, resolved_by = ?, "
		            "entry = ? "
		            "WHERE id = ?",
		            "tttii", keep_mine ? "mine" : "theirs", at, sc->login, entry, id);
	}
	if (!rc) {
		char after[160];
		snprintf(after, sizeof after, "{\"site\":%d,\"kind\":\"%s\",\"rid\":%lld}", k.peer,
		         k.kind, (long long)k.rid);
		rc = audit_log(db, sc, "sync", id, keep_mine ? "keep-mine" : "take-theirs", NULL,
		               after);
	}
	conflict_free(&k);
	return db_end(db, rc);
}
