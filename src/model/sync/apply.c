/*
 * Applying an exchange file: in order and exactly once, all of it or nothing, with
 * the conflict rules. A first pass (rolled back) finds the records this database
 * changed too since the other site saw them: every change of such a record is kept
 * aside as a conflict, and the rest is applied for good, each row changed with its
 * audit row. Reference data is the city's: a town takes the city's rows over its
 * own, and the city keeps its rows over a town's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/sync/sync_def.h"
#include "model/sync/sync_int.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum { F_HELD = 1, F_FORCED = 2, F_IGNORE = 4, F_CHANGED = 8 };
enum { SEC_CHANGES, SEC_IMAGES, SEC_FORCED, NSEC };

struct app {
	struct sctx *c;
	struct recset roots; /* every record the file names; vals: F_* */
	struct strmap rows;  /* "section|table|key" of each change: its record's index */
	int section;
	bool probe;   /* the first pass: marks the records in conflict, keeps nothing */
	bool at_town; /* the sender is the city */
	int new_held;
	int kept;
	char why[512]; /* what stopped the second pass */
};

/* The index of the record the change belongs to, or -1. */
static int root_index(struct app *a, sqlite3_changeset_iter *it)
{
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "%d|", a->section);
	ctx_row_key(it, &b);
	int i = strmap_get(&a->rows, sbuf_str(&b));
	sbuf_free(&b);
	return i;
}

/*
 * The change would leave the row as this database has it already: the same new values
 * (every column of an insert; the columns an update changes, of which one at least is
 * more than the record's version: two sites that each changed a record once both
 * count version 2, and that says nothing about what they changed).
 */
static bool agreement(struct sctx *c, sqlite3_changeset_iter *it, int kind)
{
	const char *table;
	int ncol, op, ind;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	if (kind == SQLITE_CHANGESET_NOTFOUND)
		return op == SQLITE_DELETE;
	if ((kind != SQLITE_CHANGESET_DATA && kind != SQLITE_CHANGESET_CONFLICT) ||
	    op == SQLITE_DELETE)
		return false;
	struct tinfo *t = ctx_tinfo(c, table);
	int telling = 0;
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *nv = NULL, *cur = NULL;
		sqlite3changeset_new(it, i, &nv);
		if (!nv)
			continue;
		if (sqlite3changeset_conflict(it, i, &cur) != SQLITE_OK || !value_same(nv, cur))
			return false;
		if (!t || i >= t->ncol || strcmp(t->cols[i], "version"))
			telling++;
	}
	return op == SQLITE_INSERT || telling > 0;
}

/* Names the record of a change for a message: "voter issue 1099511627777 (vcase)". */
static void name_change(struct app *a, sqlite3_changeset_iter *it, int ri, const char *what)
{
	const char *table;
	int ncol, op, ind;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	if (ri >= 0)
		snprintf(a->why, sizeof a->why, _("%s: record %lld of %s (table %s)"), what,
		         (long long)a->roots.recs[ri].id, a->roots.recs[ri].root->kind, table);
	else
		snprintf(a->why, sizeof a->why, _("%s: table %s"), what, table);
}

static int on_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	struct app *a = arg;
	if (kind == SQLITE_CHANGESET_FOREIGN_KEY)
		return SQLITE_CHANGESET_OMIT; /* named after the apply (foreign_key_check) */
	int ri = root_index(a, it);
	const struct stab *root = ri >= 0 ? a->roots.recs[ri].root : NULL;
	if (agreement(a->c, it, kind))
		return SQLITE_CHANGESET_OMIT;
	bool held = false;
	if (kind == SQLITE_CHANGESET_CONSTRAINT)
		held = true; /* a key taken here by another record: a clerk must sort it out */
	else if (kind == SQLITE_CHANGESET_NOTFOUND)
		held = !(a->section == SEC_FORCED || (root && root->ref));
	else if (a->section == SEC_FORCED)
		return SQLITE_CHANGESET_REPLACE; /* the record as a conflict was resolved */
	else if (root && root->ref) {
		if (a->at_town)
			return SQLITE_CHANGESET_REPLACE; /* the city's reference data wins */
		if (!a->probe)
			a->kept++;
		return SQLITE_CHANGESET_OMIT; /* ... at the city too */
	} else
		held = true; /* changed here too since the other site saw it */
	if (!held)
		return SQLITE_CHANGESET_OMIT;
	if (a->probe) {
		if (ri >= 0 && !(a->roots.vals[ri] & F_HELD)) {
			a->roots.vals[ri] |= F_HELD;
			a->new_held++;
		}
		return SQLITE_CHANGESET_OMIT;
	}
	name_change(a, it, ri, _("changed here while the file was applied"));
	return SQLITE_CHANGESET_ABORT;
}

static bool keep_applied(void *arg, sqlite3_changeset_iter *it)
{
	struct app *a = arg;
	int ri = root_index(a, it);
	return ri >= 0 && !(a->roots.vals[ri] & (F_HELD | F_IGNORE));
}

struct one {
	struct app *a;
	int root;
};

static bool keep_one(void *arg, sqlite3_changeset_iter *it)
{
	struct one *o = arg;
	return root_index(o->a, it) == o->root;
}

/* ---- applying with audit rows ------------------------------------------------- */

/* The audit entity and id of a changed row: its kind's entry for the table. */
static void row_entity(struct sctx *c, sqlite3_changeset_iter *it, struct rec r,
                       const char **entity, int64_t *id)
{
	const char *table;
	int ncol, op, ind;
	sqlite3changeset_op(it, &table, &ncol, &op, &ind);
	*entity = table;
	*id = r.id;
	for (int i = 0; i < stab_count(); i++) {
		const struct stab *s = stab_at(i);
		if (!strcmp(s->table, table) && !strcmp(s->kind, r.root->kind)) {
			*entity = s->entity;
			break;
		}
	}
	/* A row with an id of its own (an event, a comment) is named by it. */
	struct tinfo *t = ctx_tinfo(c, table);
	int npk = 0, idcol = -1;
	for (int i = 0; t && i < t->ncol; i++)
		if (t->pk[i]) {
			npk++;
			if (!strcmp(t->cols[i], "id"))
				idcol = i;
		}
	if (npk == 1 && idcol >= 0) {
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, idcol, &v);
		else
			sqlite3changeset_old(it, idcol, &v);
		if (v)
			*id = sqlite3_value_int64(v);
	}
}

int sync_apply_audited(struct sctx *c, const struct scope *sc, struct blob *const *parts,
                       const int *sections, int nparts,
                       int (*handler)(void *, int, sqlite3_changeset_iter *), void *harg,
                       int *section, struct recset *changed, int *nchanged)
{
	struct strmap before = {0};
	char **snaps = NULL;
	int nsnaps = 0;
	struct recset recs = {0};
	int rc = RD_OK;
	/* Every row as it is now, and each record's derived state. */
	for (int p = 0; p < nparts && !rc; p++) {
		if (!parts[p]->n)
			continue;
		sqlite3_changeset_iter *it;
		if (sqlite3changeset_start(&it, parts[p]->n, parts[p]->p) != SQLITE_OK)
			return err_set(RD_INVALID, _("the changes are damaged"));
		while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
			struct sbuf k = SBUF_INIT;
			sbuf_printf(&k, "%d|", p);
			ctx_row_key(it, &k);
			snaps = xrealloc(snaps, sizeof *snaps * (size_t)(nsnaps + 1));
			snaps[nsnaps] = ctx_row_json(c, it);
			strmap_put(&before, sbuf_str(&k), nsnaps++);
			sbuf_free(&k);
			struct rec r;
			int x = ctx_record_of(c, it, &r);
			if (!x)
				recset_add(&recs, r, 0);
			else if (x != RD_NOTFOUND)
				rc = x;
		}
		sqlite3changeset_finalize(it);
	}
	void **derived = xcalloc((size_t)recs.n + 1, sizeof *derived);
	for (int i = 0; i < recs.n && !rc; i++) {
		const struct sync_def *d = recs.recs[i].root->def;
		if (d && d->before)
			derived[i] = d->before(c->db, recs.recs[i].id);
	}
	for (int p = 0; p < nparts && !rc; p++) {
		if (!parts[p]->n)
			continue;
		*section = sections[p];
		int src =
		    sqlite3changeset_apply(c->db, parts[p]->n, parts[p]->p, NULL, handler, harg);
		if (src != SQLITE_OK)
			rc = src == SQLITE_ABORT ? RD_CONFLICT
			                         : db_fail(c->db, _("apply the changes"));
	}
	for (int i = 0; i < recs.n; i++) {
		const struct sync_def *d = recs.recs[i].root->def;
		if (d && d->after) {
			int x = d->after(c->db, recs.recs[i].id, derived[i]);
			if (!rc)
				rc = x;
		}
	}
	free(derived);
	/* The foreign keys the changes left dangling: named, and nothing is kept. */
	if (!rc) {
		sqlite3_stmt *st = db_prepare(c->db, "PRAGMA foreign_key_check", "");
		if (st && sqlite3_step(st) == SQLITE_ROW)
			rc = err_set(
			    RD_INVALID,
			    _("the file refers to records this database does not have (table %s, "
			      "row %lld, a %s): nothing was applied"),
			    db_col(st, 0), (long long)sqlite3_column_int64(st, 1), db_col(st, 2));
		sqlite3_finalize(st);
	}
	/* One audit row for every row that changed. */
	for (int p = 0; p < nparts && !rc; p++) {
		if (!parts[p]->n)
			continue;
		sqlite3_changeset_iter *it;
		if (sqlite3changeset_start(&it, parts[p]->n, parts[p]->p) != SQLITE_OK)
			break;
		while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
			struct sbuf k = SBUF_INIT;
			sbuf_printf(&k, "%d|", p);
			ctx_row_key(it, &k);
			int si = strmap_get(&before, sbuf_str(&k));
			sbuf_free(&k);
			char *was = si >= 0 ? snaps[si] : NULL;
			char *now = ctx_row_json(c, it);
			if ((was == NULL) != (now == NULL) || (was && strcmp(was, now))) {
				struct rec r;
				if (!ctx_record_of(c, it, &r)) {
					const char *entity;
					int64_t id;
					row_entity(c, it, r, &entity, &id);
					rc = audit_log(c->db, sc, entity, id, "sync", was, now);
					if (changed)
						recset_add(changed, r, 0);
				}
				if (nchanged)
					(*nchanged)++;
			}
			free(now);
		}
		sqlite3changeset_finalize(it);
	}
	for (int i = 0; i < nsnaps; i++)
		free(snaps[i]);
	free(snaps);
	strmap_free(&before);
	recset_free(&recs);
	return rc;
}

/* ---- the file -------------------------------------------------------------------- */

/* Reads every change of the sections: the records they belong to. */
static int classify(struct app *a, struct blob *sec)
{
	int rc = RD_OK;
	for (int s = 0; s < NSEC && !rc; s++) {
		if (!sec[s].n)
			continue;
		sqlite3_changeset_iter *it;
		if (sqlite3changeset_start(&it, sec[s].n, sec[s].p) != SQLITE_OK)
			return err_set(RD_INVALID, _("the changes in the file are damaged"));
		while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
			struct rec r;
			rc = ctx_record_of(a->c, it, &r);
			if (rc == RD_NOTFOUND) {
				const char *table;
				int ncol, op, ind;
				sqlite3changeset_op(it, &table, &ncol, &op, &ind);
				rc = err_set(
				    RD_INVALID,
				    _("the file changes a row of %s that belongs to no record"),
				    table);
			}
			if (rc)
				break;
			int ri = recset_add(&a->roots, r, 0);
			if (s == SEC_FORCED)
				a->roots.vals[ri] |= F_FORCED;
			struct sbuf k = SBUF_INIT;
			sbuf_printf(&k, "%d|", s);
			ctx_row_key(it, &k);
			strmap_put(&a->rows, sbuf_str(&k), ri);
			sbuf_free(&k);
		}
		int src = sqlite3changeset_finalize(it);
		if (!rc && src != SQLITE_OK)
			rc = err_set(RD_INVALID, _("the changes in the file are damaged"));
	}
	return rc;
}

static int64_t open_conflict(sqlite3 *db, int peer, struct rec r)
{
	int64_t id = 0;
	db_int(db, &id,
	       "SELECT id FROM sync_conflict WHERE peer = ? AND kind = ? AND rid = ? AND "
	       "state = 'open'",
	       "dti", peer, r.root->kind, r.id);
	return id;
}

/*
 * Conflicts already listed, and records a conflict was resolved to: a record with an
 * open conflict keeps the site's later changes with it; a record whose conflict the
 * other site resolved closes here too, unless this database resolved it as well and
 * the other site has not seen that yet: then the city's resolution stands.
 */
static int settle(struct app *a, int64_t acked_entry, const struct scope *sc)
{
	struct sctx *c = a->c;
	int rc = RD_OK;
	for (int i = 0; i < a->roots.n && !rc; i++) {
		struct rec r = a->roots.recs[i];
		int64_t open = open_conflict(c->db, c->peer, r);
		if (!(a->roots.vals[i] & F_FORCED)) {
			if (open)
				a->roots.vals[i] |= F_HELD;
			continue;
		}
		int64_t mine = 0;
		db_int(c->db, &mine,
		       "SELECT count(*) FROM sync_conflict WHERE peer = ? AND kind = ? AND rid = ? "
		       "AND "
		       "state IN ('mine', 'theirs') AND entry > ?",
		       "dtii", c->peer, r.root->kind, r.id, acked_entry);
		if (mine && !c->site) {
			a->roots.vals[i] |= F_IGNORE; /* crossed: the city's resolution stands */
			continue;
		}
		if (open) {
			char at[CLOCK_BUF];
			clock_format(clock_now(), at);
			rc = db_run(c->db,
			            "UPDATE sync_conflict SET state = 'peer', resolved_at = ?, "
			            "resolved_by = ? "
			            "WHERE id = ?",
			            "tti", at, sc->login, open);
			if (!rc)
				rc = audit_log(c->db, sc, "sync", open, "resolved-there", NULL,
				               NULL);
		}
	}
	return rc;
}

/* The first pass: which records are in conflict (repeated until no new one appears). */
static int probe(struct app *a, struct blob *sec)
{
	static const int order[] = {SEC_FORCED, SEC_IMAGES, SEC_CHANGES};
	for (int round = 0; round < 8; round++) {
		if (db_exec(a->c->db, "SAVEPOINT sync_probe"))
			return RD_FAIL;
		a->probe = true;
		a->new_held = 0;
		int rc = RD_OK;
		for (int k = 0; k < NSEC && !rc; k++) {
			a->section = order[k];
			struct blob f = {NULL, 0};
			rc = cs_filter(a->c, &sec[order[k]], keep_applied, a, &f);
			if (!rc && f.n &&
			    sqlite3changeset_apply(a->c->db, f.n, f.p, NULL, on_conflict, a) !=
			        SQLITE_OK)
				rc = db_fail(a->c->db, _("apply the changes"));
			blob_free(&f);
		}
		db_exec(a->c->db, "ROLLBACK TO sync_probe; RELEASE sync_probe");
		a->probe = false;
		if (rc || !a->new_held)
			return rc;
	}
	return RD_OK;
}

/* Keeps the changes of each record in conflict aside, with a conflict listed for it. */
static int hold(struct app *a, struct blob *sec, int seq, const struct scope *sc, int *fresh)
{
	struct sctx *c = a->c;
	int rc = RD_OK;
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	for (int i = 0; i < a->roots.n && !rc; i++) {
		if (!(a->roots.vals[i] & F_HELD))
			continue;
		struct one o = {a, i};
		struct blob part[NSEC + 1];
		struct blob *all[NSEC + 1];
		int n = 0;
		int64_t open = open_conflict(c->db, c->peer, a->roots.recs[i]);
		sqlite3_stmt *old =
		    open ? db_prepare(c->db, "SELECT theirs FROM sync_conflict WHERE id = ?", "i",
		                      open)
		         : NULL;
		if (old && sqlite3_step(old) == SQLITE_ROW) {
			part[n].n = sqlite3_column_bytes(old, 0);
			part[n].p = sqlite3_malloc(part[n].n > 0 ? part[n].n : 1);
			memcpy(part[n].p, sqlite3_column_blob(old, 0), (size_t)part[n].n);
			all[n] = &part[n];
			n++;
		}
		sqlite3_finalize(old);
		for (int s = 0; s < NSEC && !rc; s++) {
			a->section = s;
			rc = cs_filter(c, &sec[s], keep_one, &o, &part[n]);
			all[n] = &part[n];
			n++;
		}
		struct blob theirs = {NULL, 0};
		if (!rc)
			rc = cs_combine(all, n, &theirs);
		for (int k = 0; k < n; k++)
			blob_free(&part[k]);
		sqlite3_stmt *st = NULL;
		if (!rc && open)
			st = db_prepare(c->db, "UPDATE sync_conflict SET theirs = ?2 WHERE id = ?1",
			                "i", open);
		else if (!rc)
			st = db_prepare(
			    c->db,
			    "INSERT INTO sync_conflict (peer, kind, rid, seq, detected_at, theirs) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			    "dtidt", c->peer, a->roots.recs[i].root->kind, a->roots.recs[i].id, seq,
			    at);
		if (st) {
			/* an empty changeset when every change was already here: still listed */
			sqlite3_bind_blob(st, open ? 2 : 6, theirs.p ? theirs.p : "", theirs.n,
			                  SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(c->db, _("the exchange's conflicts"));
			sqlite3_finalize(st);
			if (!rc && !open) {
				int64_t id = sqlite3_last_insert_rowid(c->db);
				char after[160];
				snprintf(after, sizeof after,
				         "{\"site\":%d,\"kind\":\"%s\",\"rid\":%lld,\"seq\":%d}",
				         c->peer, a->roots.recs[i].root->kind,
				         (long long)a->roots.recs[i].id, seq);
				rc = audit_log(c->db, sc, "sync", id, "conflict", NULL, after);
				(*fresh)++;
			}
		} else if (!rc)
			rc = RD_FAIL;
		blob_free(&theirs);
	}
	return rc;
}

int sync_apply_file(struct sctx *c, const struct scope *sc, const char *path, int seq, int base,
                    struct blob *sec, struct sync_report *rep)
{
	struct app a = {.c = c, .at_town = c->site != 0};
	int rc = classify(&a, sec);
	int64_t acked_entry = 0;
	if (!rc)
		rc = db_int(c->db, &acked_entry,
		            "SELECT coalesce((SELECT last_entry FROM sync_file WHERE direction = "
		            "'sent' AND "
		            "peer = ?1 AND seq = ?2), 0)",
		            "dd", c->peer, base);
	if (!rc)
		rc = settle(&a, acked_entry, sc);
	if (!rc)
		rc = probe(&a, sec);
	/* The rest for good. */
	struct blob f[NSEC] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
	static const int order[] = {SEC_FORCED, SEC_IMAGES, SEC_CHANGES};
	struct blob *parts[NSEC];
	for (int k = 0; k < NSEC && !rc; k++) {
		a.section = order[k];
		rc = cs_filter(c, &sec[order[k]], keep_applied, &a, &f[k]);
		parts[k] = &f[k];
	}
	struct recset changed = {0};
	if (!rc) {
		rc = sync_apply_audited(c, sc, parts, order, NSEC, on_conflict, &a, &a.section,
		                        &changed, &rep->changes);
		if (rc == RD_CONFLICT)
			rc =
			    err_set(RD_FAIL, _("%s could not be applied (%s): nothing was changed"),
			            path, a.why);
	}
	for (int k = 0; k < NSEC; k++)
		blob_free(&f[k]);
	rep->records = changed.n;
	/* What a town sends is its own: a change of anything else refuses the whole file. */
	for (int i = 0; !rc && !c->site && i < changed.n; i++) {
		struct rec r = changed.recs[i];
		bool in = true;
		if (!ctx_exists(c, r) || (rc = ctx_in_scope(c, r, false, &in)) || in)
			continue;
		char *name = sync_site_name(c->db, c->peer);
		rc = err_set(RD_INVALID,
		             _("%s: it changes %s %lld, which is not %s's: nothing was applied"),
		             path, vocab_entity(r.root->entity), (long long)r.id, name);
		free(name);
	}
	recset_free(&changed);
	if (!rc)
		rc = hold(&a, sec, seq, sc, &rep->conflicts);
	if (!rc)
		rc = ctx_mark_known(c, &a.roots);
	rep->kept = a.kept;
	recset_free(&a.roots);
	strmap_free(&a.rows);
	return rc;
}
