/*
 * Changesets: combined in order (sqlite3changegroup), filtered to the changes of
 * the records an exchange may carry, and whole records written as inserts. SQLite's
 * session code writes every changeset: a filter replays the changes it keeps into
 * the scratch database (which holds, for each kept update or delete, the row as the
 * change expects it, and for each insert left out a row that blocks it) under a
 * session, and takes the session's changeset.
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

void blob_free(struct blob *b)
{
	sqlite3_free(b->p);
	b->p = NULL;
	b->n = 0;
}

static int cs_error(int src, const char *what)
{
	return err_set(src == SQLITE_CORRUPT ? RD_INVALID : RD_FAIL, _("%s: %s (SQLite: %s)"), what,
	               db_why(src), sqlite3_errstr(src));
}

int cs_combine(struct blob *const *in, int n, struct blob *out)
{
	out->p = NULL;
	out->n = 0;
	sqlite3_changegroup *g;
	int src = sqlite3changegroup_new(&g);
	for (int i = 0; i < n && src == SQLITE_OK; i++)
		if (in[i]->n)
			src = sqlite3changegroup_add(g, in[i]->n, in[i]->p);
	if (src == SQLITE_OK)
		src = sqlite3changegroup_output(g, &out->n, &out->p);
	sqlite3changegroup_delete(g);
	return src == SQLITE_OK ? RD_OK : cs_error(src, _("combining changes"));
}

int cs_count(const struct blob *b)
{
	if (!b->n)
		return 0;
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, b->n, b->p) != SQLITE_OK)
		return 0;
	int n = 0;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		n++;
	sqlite3changeset_finalize(it);
	return n;
}

/* Inserts into the scratch table the row a change names: the key, and the values the
   change carries on the side asked for (old or new); other columns NULL. */
static int scratch_put(struct sctx *c, struct tinfo *t, sqlite3_changeset_iter *it, bool old,
                       bool key_only)
{
	sqlite3_stmt *st = t->ins;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < t->ncol; i++) {
		if (key_only && !t->pk[i])
			continue;
		sqlite3_value *v = NULL;
		if (old)
			sqlite3changeset_old(it, i, &v);
		else
			sqlite3changeset_new(it, i, &v);
		if (v)
			sqlite3_bind_value(st, i + 1, v);
	}
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return err_set(RD_FAIL, _("cannot prepare the exchange (%s): %s"), t->name,
		               sqlite3_errmsg(c->scratch));
	return RD_OK;
}

static int omit_all(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)kind;
	(void)it;
	return SQLITE_CHANGESET_OMIT;
}

/* Replays in into the scratch database under a session; out is what it recorded. */
static int replay(struct sctx *c, const struct blob *in, struct blob *out)
{
	sqlite3_session *s;
	int src = sqlite3session_create(c->scratch, "main", &s);
	if (src == SQLITE_OK)
		src = sqlite3session_attach(s, NULL);
	if (src == SQLITE_OK)
		src = sqlite3changeset_apply(c->scratch, in->n, in->p, NULL, omit_all, NULL);
	if (src == SQLITE_OK)
		src = sqlite3session_changeset(s, &out->n, &out->p);
	sqlite3session_delete(s);
	return src == SQLITE_OK ? RD_OK : cs_error(src, _("selecting changes"));
}

/* Makes the scratch tables of every table a changeset names. */
static int scratch_tables(struct sctx *c, const struct blob *in)
{
	sqlite3_changeset_iter *it;
	int src = sqlite3changeset_start(&it, in->n, in->p), rc = RD_OK;
	if (src != SQLITE_OK)
		return cs_error(src, _("reading changes"));
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, ind;
		sqlite3changeset_op(it, &table, &ncol, &op, &ind);
		struct tinfo *t = ctx_tinfo(c, table);
		rc = t ? ctx_scratch_table(c, t) : RD_FAIL;
	}
	src = sqlite3changeset_finalize(it);
	return rc ? rc : src == SQLITE_OK ? RD_OK : cs_error(src, _("reading changes"));
}

int cs_filter(struct sctx *c, const struct blob *in,
              bool (*keep)(void *arg, sqlite3_changeset_iter *it), void *arg, struct blob *out)
{
	out->p = NULL;
	out->n = 0;
	if (!in->n)
		return RD_OK;
	int rc = scratch_tables(c, in);
	if (!rc)
		rc = ctx_scratch_clear(c);
	if (rc)
		return rc;
	sqlite3_changeset_iter *it;
	int src = sqlite3changeset_start(&it, in->n, in->p);
	if (src != SQLITE_OK)
		return cs_error(src, _("reading changes"));
	bool all = true;
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, ind;
		sqlite3changeset_op(it, &table, &ncol, &op, &ind);
		struct tinfo *t = ctx_tinfo(c, table);
		if (!t) {
			rc = RD_FAIL;
			break;
		}
		bool k = keep(arg, it);
		all &= k;
		if (k && op != SQLITE_INSERT)
			rc = scratch_put(c, t, it, true,
			                 false); /* the row as the change expects it */
		else if (!k && op == SQLITE_INSERT)
			rc = scratch_put(c, t, it, false, true); /* a row that blocks the insert */
	}
	src = sqlite3changeset_finalize(it);
	if (!rc && src != SQLITE_OK)
		rc = cs_error(src, _("reading changes"));
	if (!rc && all) {
		/* Nothing left out: the changeset as it is. */
		out->p = sqlite3_malloc(in->n);
		if (!out->p)
			return err_set(RD_FAIL, _("out of memory"));
		memcpy(out->p, in->p, (size_t)in->n);
		out->n = in->n;
		return RD_OK;
	}
	if (!rc)
		rc = replay(c, in, out);
	return rc;
}

struct images {
	struct sctx *c;
	int rc;
};

/* Copies one row of the database into its scratch table. */
static int copy_row(void *arg, struct tinfo *t, sqlite3_stmt *row)
{
	struct images *im = arg;
	if (ctx_scratch_table(im->c, t))
		return RD_FAIL;
	sqlite3_stmt *st = t->ins;
	sqlite3_reset(st);
	for (int i = 0; i < t->ncol; i++)
		sqlite3_bind_value(st, i + 1, sqlite3_column_value(row, i));
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	/* A row two records share (none do yet) is written once. */
	if (src != SQLITE_DONE && (src & 0xff) != SQLITE_CONSTRAINT)
		return err_set(RD_FAIL, _("cannot prepare the exchange (%s): %s"), t->name,
		               sqlite3_errmsg(im->c->scratch));
	return RD_OK;
}

int cs_images(struct sctx *c, const struct recset *recs, const struct blob *del, struct blob *out)
{
	out->p = NULL;
	out->n = 0;
	int rc = del && del->n ? scratch_tables(c, del) : RD_OK;
	if (!rc)
		rc = ctx_scratch_clear(c);
	if (rc)
		return rc;
	/* The rows to delete first, as they are: the session records their removal. */
	if (del && del->n) {
		sqlite3_changeset_iter *it;
		int src = sqlite3changeset_start(&it, del->n, del->p);
		if (src != SQLITE_OK)
			return cs_error(src, _("reading changes"));
		while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *table;
			int ncol, op, ind;
			sqlite3changeset_op(it, &table, &ncol, &op, &ind);
			struct tinfo *t = ctx_tinfo(c, table);
			if (!t) {
				rc = RD_FAIL;
				break;
			}
			if (op != SQLITE_INSERT)
				continue;
			/* Only rows this database does not hold: the others are written whole. */
			sqlite3_reset(t->get);
			sqlite3_clear_bindings(t->get);
			for (int i = 0; i < t->ncol; i++)
				if (t->pk[i]) {
					sqlite3_value *v = NULL;
					sqlite3changeset_new(it, i, &v);
					sqlite3_bind_value(t->get, i + 1, v);
				}
			bool held = sqlite3_step(t->get) == SQLITE_ROW;
			sqlite3_reset(t->get);
			if (!held)
				rc = scratch_put(c, t, it, false, false);
		}
		sqlite3changeset_finalize(it);
	}
	sqlite3_session *s = NULL;
	int src = rc ? SQLITE_OK : sqlite3session_create(c->scratch, "main", &s);
	if (!rc && src == SQLITE_OK)
		src = sqlite3session_attach(s, NULL);
	if (!rc && src != SQLITE_OK)
		rc = cs_error(src, _("writing whole records"));
	/* Every row held before (the rows to delete) goes; then the records' rows come. */
	for (int i = 0; !rc && i < c->ntinfo; i++) {
		if (!c->tinfos[i]->scratch)
			continue;
		char q[160];
		snprintf(q, sizeof q, "DELETE FROM \"%s\"", c->tinfos[i]->name);
		if (sqlite3_exec(c->scratch, q, NULL, NULL, NULL) != SQLITE_OK)
			rc = err_set(RD_FAIL, _("cannot prepare the exchange: %s"),
			             sqlite3_errmsg(c->scratch));
	}
	struct images im = {c, RD_OK};
	for (int i = 0; !rc && i < recs->n; i++)
		rc = ctx_rows_of(c, recs->recs[i], copy_row, &im);
	if (!rc && s) {
		src = sqlite3session_changeset(s, &out->n, &out->p);
		if (src != SQLITE_OK)
			rc = cs_error(src, _("writing whole records"));
	}
	sqlite3session_delete(s);
	return rc;
}
