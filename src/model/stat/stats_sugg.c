#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/stat/stats_sugg.h"
#include "model/suggestion/suggestion.h"
#include "model/suggestion/suggestion_scope.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* clang-format off */
const struct stats_dim ss_dims[] = {
	[SS_BY_UNIT] = {"unit", N_("Lead unit"), N_("Motions and suggestions by lead unit"), true},
	[SS_BY_CATEGORY] = {"category", N_("Category"), N_("Motions and suggestions by category"),
	                    false},
	[SS_BY_SESSION] = {"session", N_("Session"), N_("Motions and suggestions by session"),
	                   false},
	[SS_BY_CLASS] = {"class", N_("Result class"), N_("Motions and suggestions by result class"),
	                 false},
	[SS_BY_KIND] = {"kind", N_("Kind"), N_("Motions and suggestions by kind"), false},
};
/* clang-format on */

/* clang-format off */
const struct stats_colinfo ss_cols[] = {
	[SS_COL_KEY] = {"key", N_("Code"), STATS_TEXT, NULL},
	[SS_COL_NAME] = {"name", N_("Name"), STATS_TEXT, NULL},
	[SS_COL_COUNT] = {"count", N_("Items"), STATS_COUNT,
	                  N_("motions and suggestions registered (numbered) and not merged into "
	                     "another, within the scope")},
	[SS_COL_SHARE] = {"share", N_("Share"), STATS_PCT,
	                  N_("items of the row / all items of the table")},
	[SS_COL_MERGED] = {"merged", N_("Merged"), STATS_COUNT,
	                   N_("items merged into another (并案), handled and replied to with it")},
	[SS_COL_ASSIGNED] = {"assigned", N_("Assigned"), STATS_COUNT,
	                     N_("items assigned to a lead unit (交办)")},
	[SS_COL_CLOSED] = {"closed", N_("Closed"), STATS_COUNT, N_("items closed (办结)")},
	[SS_COL_CLOSED_RATE] = {"closed_rate", N_("Closed rate"), STATS_PCT,
	                        N_("closed / assigned (办结率)")},
	[SS_COL_OPEN] = {"open", N_("Open"), STATS_COUNT,
	                 N_("items still being handled: registered, assigned, replied or in "
	                    "follow-up")},
	[SS_COL_OVERDUE] = {"overdue", N_("Overdue"), STATS_COUNT,
	                    N_("items with a reply, re-handling or opinion deadline running and "
	                       "past, as of the report time")},
	[SS_COL_MET] = {"met", N_("Consulted"), STATS_COUNT,
	                N_("items with at least one face-to-face consultation (面商)")},
	[SS_COL_MEETING_RATE] = {"meeting_rate", N_("Consultation rate"), STATS_PCT,
	                         N_("consulted / assigned (面商率)")},
	[SS_COL_REPLIED] = {"replied", N_("Replied"), STATS_COUNT,
	                    N_("items with a written reply (a result class)")},
	[SS_COL_REPLY_RATE] = {"reply_rate", N_("On-time reply rate"), STATS_PCT,
	                       N_("reply and re-handling deadlines met / those stopped (on time "
	                          "or late); an approved extension moves the due day; running "
	                          "deadlines are not counted (按时答复率)")},
	[SS_COL_EVALUATED] = {"evaluated", N_("Evaluated"), STATS_COUNT,
	                      N_("items the lead deputy evaluated")},
	[SS_COL_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), STATS_PCT,
	                         N_("items whose latest evaluation is satisfied or basically "
	                            "satisfied / items evaluated (满意率)")},
	[SS_COL_KEY_SUPERVISED] = {"key_supervised", N_("Key supervised"), STATS_COUNT,
	                           N_("items under key supervision (重点督办)")},
};
/* clang-format on */

_Static_assert(sizeof ss_dims / sizeof ss_dims[0] == SS_BY_COUNT, "one entry a breakdown");
_Static_assert(sizeof ss_cols / sizeof ss_cols[0] == SS_NCOLS, "one entry a column");

int ss_dim_find(const char *name)
{
	for (int i = 0; i < SS_BY_COUNT; i++)
		if (!strcmp(ss_dims[i].name, name))
			return i;
	return -1;
}

const char *ss_dim_names(void)
{
	static char names[64];
	if (!names[0])
		for (int i = 0; i < SS_BY_COUNT; i++) {
			size_t n = strlen(names);
			snprintf(names + n, sizeof names - n, "%s%s", i ? "|" : "",
			         ss_dims[i].name);
		}
	return names;
}

/*
 * The items of a query: registered or merged, of ?1 the session (0 = all), ?2
 * the kind (NULL = both), ?3 the lead unit (0 = all), in the scope.
 */
#define ITEMS_WHERE                                                                                \
	"(s.number IS NOT NULL OR s.state = 'merged') AND (?1 = 0 OR s.session_id = ?1) AND "      \
	"(?2 IS NULL OR s.kind = ?2) AND (?3 = 0 OR s.lead_unit_id = ?3) AND " SUGG_SCOPE_SQL

/*
 * How each breakdown groups and names the items: the grouping expression on s,
 * the table k joined to it, the key and name taken from k, the list of every
 * key in order (g, key, name; bound like the item queries) and the name of the
 * row of items without a group.
 */
struct dim_sql {
	const char *group, *join, *key, *name, *keys, *none;
};

/* clang-format off */
static const struct dim_sql dim_sql[] = {
	[SS_BY_UNIT] = {"s.lead_unit_id", "LEFT JOIN unit k ON k.id = s.lead_unit_id", "k.code",
	                "k.name", NULL, N_("(not assigned to a unit)")},
	[SS_BY_CATEGORY] = {"s.category_id", "LEFT JOIN category k ON k.id = s.category_id",
	                    "k.code", "k.name",
	                    "SELECT id, code, name FROM category WHERE active ORDER BY sort, id",
	                    NULL},
	[SS_BY_SESSION] = {"s.session_id", "LEFT JOIN congress_session k ON k.id = s.session_id",
	                   "k.code", "k.name",
	                   "SELECT k.id, k.code, k.name FROM congress_session k WHERE k.id IN "
	                   "(SELECT s.session_id FROM suggestion s WHERE " ITEMS_WHERE ") "
	                   "ORDER BY k.start_date, k.id",
	                   NULL},
	[SS_BY_CLASS] = {"s.result_class_id",
	                 "LEFT JOIN result_class k ON k.id = s.result_class_id", "k.code", "k.name",
	                 "SELECT id, code, name FROM result_class ORDER BY sort, id",
	                 N_("(no reply yet)")},
	[SS_BY_KIND] = {"s.kind", "", "s.kind", "s.kind",
	                "SELECT 'motion', 'motion', 'motion' UNION ALL "
	                "SELECT 'suggestion', 'suggestion', 'suggestion'",
	                NULL},
};
/* clang-format on */
_Static_assert(sizeof dim_sql / sizeof dim_sql[0] == SS_BY_COUNT, "one entry a breakdown");

/* The rows under construction: their groups (as text; NULL for none). */
struct build {
	struct ss_row *rows;
	char **g;
	int n, cap, nclasses;
};

static struct ss_row *push(struct build *b, const char *g)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->rows = xrealloc(b->rows, (size_t)b->cap * sizeof *b->rows);
		b->g = xrealloc(b->g, (size_t)b->cap * sizeof *b->g);
	}
	struct ss_row *r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	r->classes = xcalloc((size_t)b->nclasses + 1, sizeof *r->classes);
	b->g[b->n++] = g ? xstrdup(g) : NULL;
	return r;
}

static int find_g(const struct build *b, const char *g)
{
	for (int i = 0; i < b->n; i++)
		if ((!g && !b->g[i]) || (g && b->g[i] && !strcmp(g, b->g[i])))
			return i;
	return -1;
}

static void row_free(struct ss_row *r)
{
	free(r->key);
	free(r->name);
	free(r->classes);
}

/* Binds the query's session, kind and lead unit, and the scope. */
static void bind_items(sqlite3_stmt *st, const struct scope *sc, int64_t session, const char *kind,
                       int64_t unit)
{
	sqlite3_bind_int64(st, 1, session);
	if (kind)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, unit);
	suggestion_scope_bind(st, sc);
}

/* The label of a kind word. */
static const char *kind_label(const char *kind)
{
	return !strcmp(kind, "motion") ? _("motions") : _("suggestions");
}

/* Reads the result classes in their order. */
static int load_classes(sqlite3 *db, struct ss_table *t, int64_t **ids)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT id, code, name FROM result_class ORDER BY sort, id", "");
	if (!st)
		return RD_FAIL;
	*ids = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int n = t->nclasses++;
		*ids = xrealloc(*ids, (size_t)t->nclasses * sizeof **ids);
		t->class_codes = xrealloc(t->class_codes, (size_t)t->nclasses * sizeof(char *));
		t->class_names = xrealloc(t->class_names, (size_t)t->nclasses * sizeof(char *));
		(*ids)[n] = sqlite3_column_int64(st, 0);
		t->class_codes[n] = db_col_dup(st, 1);
		t->class_names[n] = db_col_dup(st, 2);
	}
	sqlite3_finalize(st);
	return RD_OK;
}

/* Runs the grouped queries of a breakdown: the items, then their result classes. */
static int aggregate(sqlite3 *db, const struct scope *sc, const struct dim_sql *ds, int64_t session,
                     const char *kind, int64_t unit, const int64_t *class_ids, struct build *b)
{
	char today[11];
	date_format(clock_today(), today);
	struct sbuf open = SBUF_INIT;
	sbuf_putc(&open, '|');
	for (int i = 0; i < suggestion_flow.nstates; i++)
		if (suggestion_flow.states[i].open)
			sbuf_printf(&open, "%s|", suggestion_flow.states[i].name);
	struct sbuf q = SBUF_INIT;
	sbuf_printf(
	    &q,
	    "SELECT %s AS g, %s, %s, sum(s.state <> 'merged'), sum(s.state = 'merged'), "
	    "sum(s.state <> 'merged' AND s.lead_unit_id IS NOT NULL), "
	    "sum(s.state = 'closed'), "
	    "sum(s.state <> 'merged' AND instr(?4, '|' || s.state || '|') > 0), "
	    "sum(s.state <> 'merged' AND EXISTS (SELECT 1 FROM wf_clock c WHERE "
	    "c.workflow = 'suggestion' AND c.item_id = s.id AND c.stopped IS NULL AND "
	    "c.clock <> 'return' AND c.due < ?5)), "
	    "sum(s.state <> 'merged' AND EXISTS (SELECT 1 FROM suggestion_meeting m WHERE "
	    "m.suggestion_id = s.id)), "
	    "sum(s.state <> 'merged' AND s.result_class_id IS NOT NULL), "
	    "sum(s.state <> 'merged' AND s.evaluation = 'satisfied'), "
	    "sum(s.state <> 'merged' AND s.evaluation = 'basic'), "
	    "sum(s.state <> 'merged' AND s.evaluation IS NOT NULL), "
	    "sum(s.state <> 'merged' AND s.key_supervised), "
	    "sum((SELECT count(*) FROM wf_clock c WHERE c.workflow = 'suggestion' AND "
	    "c.item_id = s.id AND c.clock IN ('reply', 'rehandle') AND c.outcome = 'met')), "
	    "sum((SELECT count(*) FROM wf_clock c WHERE c.workflow = 'suggestion' AND "
	    "c.item_id = s.id AND c.clock IN ('reply', 'rehandle') AND c.outcome IN "
	    "('met', 'late'))) "
	    "FROM suggestion s %s WHERE " ITEMS_WHERE " GROUP BY g ORDER BY g",
	    ds->group, ds->key, ds->name, ds->join);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&q), "");
	int rc = st ? RD_OK : RD_FAIL, src = SQLITE_DONE;
	if (st) {
		bind_items(st, sc, session, kind, unit);
		sqlite3_bind_text(st, 4, sbuf_str(&open), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
	}
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
		bool none = sqlite3_column_type(st, 0) == SQLITE_NULL;
		struct ss_row *r = push(b, none ? NULL : db_col(st, 0));
		r->key = xstrdup(none ? "" : db_col(st, 1));
		r->name = xstrdup(none ? (ds->none ? _(ds->none) : "") : db_col(st, 2));
		int64_t *v[] = {&r->count,     &r->merged,       &r->assigned,  &r->closed,
		                &r->open,      &r->overdue,      &r->met,       &r->replied,
		                &r->satisfied, &r->basic,        &r->evaluated, &r->key_supervised,
		                &r->reply_met, &r->reply_stopped};
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			*v[i] = sqlite3_column_int64(st, 3 + (int)i);
	}
	if (st && src != SQLITE_DONE)
		rc = db_fail(db, _("suggestion statistics"));
	sqlite3_finalize(st);
	sbuf_free(&open);
	sbuf_reset(&q);
	if (!rc) {
		sbuf_printf(&q,
		            "SELECT %s AS g, s.result_class_id, count(*) FROM suggestion s "
		            "WHERE " ITEMS_WHERE
		            " AND s.state <> 'merged' AND s.result_class_id IS NOT NULL "
		            "GROUP BY g, s.result_class_id",
		            ds->group);
		st = db_prepare(db, sbuf_str(&q), "");
		rc = st ? RD_OK : RD_FAIL;
		if (st)
			bind_items(st, sc, session, kind, unit);
		while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
			int i = find_g(
			    b, sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : db_col(st, 0));
			int64_t cls = sqlite3_column_int64(st, 1);
			for (int c = 0; i >= 0 && c < b->nclasses; c++)
				if (class_ids[c] == cls)
					b->rows[i].classes[c] = sqlite3_column_int64(st, 2);
		}
		if (st && src != SQLITE_DONE)
			rc = db_fail(db, _("suggestion statistics"));
		sqlite3_finalize(st);
	}
	sbuf_free(&q);
	return rc;
}

/* Appends row r to t (moving it). */
static void table_push(struct ss_table *t, int *cap, struct ss_row *r)
{
	if (t->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		t->rows = xrealloc(t->rows, (size_t)*cap * sizeof *t->rows);
	}
	t->rows[t->n++] = *r;
	memset(r, 0, sizeof *r);
}

/* Most items first, then by key; the row of items without a key last. */
static int by_count(const void *x, const void *y)
{
	const struct ss_row *a = x, *b = y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

static void add_counts(struct ss_row *t, const struct ss_row *r, int nclasses)
{
	t->count += r->count;
	t->merged += r->merged;
	t->assigned += r->assigned;
	t->closed += r->closed;
	t->open += r->open;
	t->overdue += r->overdue;
	t->met += r->met;
	t->replied += r->replied;
	t->reply_met += r->reply_met;
	t->reply_stopped += r->reply_stopped;
	t->satisfied += r->satisfied;
	t->basic += r->basic;
	t->evaluated += r->evaluated;
	t->key_supervised += r->key_supervised;
	for (int c = 0; c < nclasses; c++)
		t->classes[c] += r->classes[c];
}

int ss_table_make(sqlite3 *db, const struct scope *sc, const struct ss_query *q, enum ss_by by,
                  struct ss_table *out)
{
	memset(out, 0, sizeof *out);
	if ((int)by < 0 || by >= SS_BY_COUNT)
		return err_set(RD_INVALID, _("--by: one of %s"), ss_dim_names());
	out->by = by;
	int64_t session = 0, unit = 0;
	if (q->session && *q->session &&
	    db_int(db, &session, "SELECT id FROM congress_session WHERE code = ? COLLATE NOCASE",
	           "t", q->session))
		return err_set(RD_INVALID, _("session: no congress session '%s'"), q->session);
	if (q->unit && *q->unit &&
	    db_int(db, &unit, "SELECT id FROM unit WHERE name = ?1 OR code = ?1", "t", q->unit))
		return err_set(RD_INVALID, _("unit: no unit '%s'"), q->unit);
	const char *kind = q->kind && *q->kind ? q->kind : NULL;
	if (kind && strcmp(kind, "motion") && strcmp(kind, "suggestion"))
		return err_set(RD_INVALID, _("kind: '%s' is not motion or suggestion"), kind);
	int64_t *class_ids = NULL;
	int rc = load_classes(db, out, &class_ids);
	struct build b = {.nclasses = out->nclasses};
	const struct dim_sql *ds = &dim_sql[by];
	if (!rc)
		rc = aggregate(db, sc, ds, session, kind, unit, class_ids, &b);
	bool *used = xcalloc((size_t)b.n + 1, sizeof *used);
	int cap = 0;
	/* Every key of the list in order, with its counts or none; then the rest. */
	sqlite3_stmt *st = !rc && ds->keys ? db_prepare(db, ds->keys, "") : NULL;
	if (!rc && ds->keys && !st)
		rc = RD_FAIL;
	if (st)
		bind_items(st, sc, session, kind, unit);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int i = find_g(&b, db_col(st, 0));
		struct ss_row r = {0};
		if (i >= 0 && !used[i]) {
			used[i] = true;
			r = b.rows[i];
			memset(&b.rows[i], 0, sizeof b.rows[i]);
			free(r.key);
			free(r.name);
		} else
			r.classes = xcalloc((size_t)out->nclasses + 1, sizeof *r.classes);
		r.key = db_col_dup(st, 1);
		r.name = xstrdup(by == SS_BY_KIND ? kind_label(db_col(st, 0)) : db_col(st, 2));
		table_push(out, &cap, &r);
	}
	sqlite3_finalize(st);
	int first = out->n;
	for (int i = 0; !rc && i < b.n; i++)
		if (!used[i] && b.rows[i].classes)
			table_push(out, &cap, &b.rows[i]);
	if (!rc && !ds->keys && out->n > first) /* qsort of no rows: NULL is not allowed */
		qsort(out->rows + first, (size_t)(out->n - first), sizeof *out->rows, by_count);
	out->total.key = xstrdup("");
	out->total.name = xstrdup(_("Total"));
	out->total.classes = xcalloc((size_t)out->nclasses + 1, sizeof *out->total.classes);
	for (int i = 0; i < out->n; i++)
		add_counts(&out->total, &out->rows[i], out->nclasses);
	for (int i = 0; i < b.n; i++) {
		row_free(&b.rows[i]);
		free(b.g[i]);
	}
	free(b.rows);
	free(b.g);
	free(used);
	free(class_ids);
	if (rc)
		ss_table_free(out);
	return rc;
}

void ss_table_free(struct ss_table *t)
{
	for (int i = 0; i < t->n; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	row_free(&t->total);
	for (int c = 0; c < t->nclasses; c++) {
		free(t->class_codes[c]);
		free(t->class_names[c]);
	}
	free(t->class_codes);
	free(t->class_names);
	memset(t, 0, sizeof *t);
}

int ss_ncols(const struct ss_table *t)
{
	return SS_NCOLS + 2 * t->nclasses;
}

void ss_col(const struct ss_table *t, int i, char key[40], char label[160], enum stats_kind *kind)
{
	if (i < SS_NCOLS) {
		snprintf(key, 40, "%s", ss_cols[i].key);
		snprintf(label, 160, "%s", _(ss_cols[i].label));
		*kind = ss_cols[i].kind;
		return;
	}
	int c = (i - SS_NCOLS) / 2;
	bool share = (i - SS_NCOLS) % 2;
	snprintf(key, 40, share ? "share_%.30s" : "class_%.30s", t->class_codes[c]);
	if (share)
		snprintf(label, 160, _("Share of %s"), t->class_codes[c]);
	else
		snprintf(label, 160, "%s %s", t->class_codes[c], t->class_names[c]);
	*kind = share ? STATS_PCT : STATS_COUNT;
}

int64_t ss_value(const struct ss_table *t, const struct ss_row *r, int i)
{
	char buf[16];
	if (i >= SS_NCOLS) {
		int c = (i - SS_NCOLS) / 2;
		if ((i - SS_NCOLS) % 2)
			return stats_pct(r->classes[c], r->replied, buf);
		return r->classes[c];
	}
	switch ((enum ss_col)i) {
	case SS_COL_COUNT: return r->count;
	case SS_COL_SHARE: return stats_pct(r->count, t->total.count, buf);
	case SS_COL_MERGED: return r->merged;
	case SS_COL_ASSIGNED: return r->assigned;
	case SS_COL_CLOSED: return r->closed;
	case SS_COL_CLOSED_RATE: return stats_pct(r->closed, r->assigned, buf);
	case SS_COL_OPEN: return r->open;
	case SS_COL_OVERDUE: return r->overdue;
	case SS_COL_MET: return r->met;
	case SS_COL_MEETING_RATE: return stats_pct(r->met, r->assigned, buf);
	case SS_COL_REPLIED: return r->replied;
	case SS_COL_REPLY_RATE: return stats_pct(r->reply_met, r->reply_stopped, buf);
	case SS_COL_EVALUATED: return r->evaluated;
	case SS_COL_SATISFACTION: return stats_pct(r->satisfied + r->basic, r->evaluated, buf);
	case SS_COL_KEY_SUPERVISED: return r->key_supervised;
	default: return -1;
	}
}

const char *ss_text(const struct ss_table *t, const struct ss_row *r, int i, char buf[24])
{
	if (i == SS_COL_KEY)
		return r->key;
	if (i == SS_COL_NAME)
		return r->name;
	int64_t v = ss_value(t, r, i);
	if (v < 0)
		return NULL;
	char key[40], label[160];
	enum stats_kind kind;
	ss_col(t, i, key, label, &kind);
	if (kind == STATS_COUNT)
		snprintf(buf, 24, "%lld", (long long)v);
	else
		stats_hundredths(v, buf);
	return buf;
}

/* ---- the detail -------------------------------------------------------------- */

/* clang-format off */
const struct stats_dcolinfo ss_dcols[] = {
	[SS_D_NUMBER] = {"number", N_("Number"), STATS_TEXT, 14},
	[SS_D_KIND] = {"kind", N_("Kind"), STATS_TEXT, 8},
	[SS_D_TITLE] = {"title", N_("Title"), STATS_TEXT, 50},
	[SS_D_CATEGORY] = {"category", N_("Category"), STATS_TEXT, 12},
	[SS_D_DEPUTY] = {"deputy", N_("Lead deputy"), STATS_TEXT, 12},
	[SS_D_COSIGNERS] = {"cosigners", N_("Co-signers"), STATS_TEXT, 40},
	[SS_D_STATE] = {"state", N_("Status"), STATS_TEXT, 12},
	[SS_D_UNIT] = {"lead_unit", N_("Lead unit"), STATS_TEXT, 30},
	[SS_D_SUPPORT] = {"support_units", N_("Supporting units"), STATS_TEXT, 40},
	[SS_D_ROLE] = {"role", N_("Role of the unit"), STATS_TEXT, 10},
	[SS_D_ASSIGNED] = {"assigned", N_("Assigned on"), STATS_TEXT, 12},
	[SS_D_REPLY_DUE] = {"reply_due", N_("Reply by"), STATS_TEXT, 12},
	[SS_D_REPLY_OUTCOME] = {"reply_outcome", N_("Reply"), STATS_TEXT, 10},
	[SS_D_REPLIED] = {"replied", N_("Replied on"), STATS_TEXT, 12},
	[SS_D_CLASS] = {"result_class", N_("Result class"), STATS_TEXT, 8},
	[SS_D_EVALUATION] = {"evaluation", N_("Evaluation"), STATS_TEXT, 12},
	[SS_D_MEETINGS] = {"meetings", N_("Consultations"), STATS_COUNT, 8},
	[SS_D_SUPERVISOR] = {"supervisor", N_("Key supervision by"), STATS_TEXT, 16},
	[SS_D_MERGED_INTO] = {"merged_into", N_("Merged into"), STATS_TEXT, 14},
	[SS_D_PROPOSAL] = {"proposal", N_("Proposal"), STATS_TEXT, 80},
};
/* clang-format on */
_Static_assert(sizeof ss_dcols / sizeof ss_dcols[0] == SS_NDCOLS, "one entry a column");

/* Columns of the detail query. */
enum {
	Q_NUMBER,
	Q_KIND,
	Q_TITLE,
	Q_CATEGORY,
	Q_DEPUTY,
	Q_COSIGNERS,
	Q_STATE,
	Q_UNIT,
	Q_SUPPORT,
	Q_ROLE,
	Q_ASSIGNED,
	Q_DUE,
	Q_OUTCOME,
	Q_REPLIED,
	Q_CLASS,
	Q_EVAL,
	Q_MEETINGS,
	Q_SUPERVISOR,
	Q_MERGED,
	Q_PROPOSAL
};

/* An item's number from the aliases s (item) and cs (its session). */
#define DNUMBER_SQL(s, cs)                                                                         \
	"CASE WHEN " s ".number IS NULL THEN '' ELSE " cs ".code || '-' || CASE " s ".kind WHEN "  \
	"'motion' THEN 'M' ELSE 'S' END || printf('%03d', " s ".number) END"

struct ss_detail {
	sqlite3 *db;
	sqlite3_stmt *st;
	char today[11], meetings[16];
	const char *state_labels[16], *eval_labels[3], *kind_labels[2], *role_labels[2];
	const char *outcome_labels[5];
};

struct ss_detail *ss_detail_open(sqlite3 *db, const struct scope *sc, const struct ss_query *q,
                                 const char *unit)
{
	int64_t session = 0, uid = 0;
	if (q->session && *q->session &&
	    db_int(db, &session, "SELECT id FROM congress_session WHERE code = ? COLLATE NOCASE",
	           "t", q->session)) {
		err_set(RD_INVALID, _("session: no congress session '%s'"), q->session);
		return NULL;
	}
	if (unit && *unit &&
	    db_int(db, &uid, "SELECT id FROM unit WHERE name = ?1 OR code = ?1", "t", unit)) {
		err_set(RD_INVALID, _("unit: no unit '%s'"), unit);
		return NULL;
	}
	const char *kind = q->kind && *q->kind ? q->kind : NULL;
	struct ss_detail *d = xcalloc(1, sizeof *d);
	d->db = db;
	date_format(clock_today(), d->today);
	for (int i = 0; i < suggestion_flow.nstates && i < 16; i++)
		d->state_labels[i] = _(suggestion_flow.states[i].label);
	d->eval_labels[0] = _("satisfied");
	d->eval_labels[1] = _("basically satisfied");
	d->eval_labels[2] = _("unsatisfied");
	d->kind_labels[0] = _("motion");
	d->kind_labels[1] = _("suggestion");
	d->role_labels[0] = _("lead unit");
	d->role_labels[1] = _("supporting unit");
	d->outcome_labels[0] = _("on time");
	d->outcome_labels[1] = _("late");
	d->outcome_labels[2] = _("running");
	d->outcome_labels[3] = _("overdue");
	d->outcome_labels[4] = "";
	d->st = db_prepare(
	    db,
	    "SELECT " DNUMBER_SQL(
	        "s",
	        "cs") ", s.kind, s.title, c.name, d.name, "
	              "coalesce((SELECT group_concat(x.name, '、') FROM (SELECT dd.name FROM "
	              "suggestion_cosigner c2 JOIN deputy dd ON dd.id = c2.deputy_id WHERE "
	              "c2.suggestion_id = "
	              "s.id AND c2.status = 'confirmed' ORDER BY dd.code) AS x), ''), s.state, "
	              "coalesce(u.name, ''), coalesce((SELECT group_concat(x.name, '; ') FROM "
	              "(SELECT n.name "
	              "FROM suggestion_unit su JOIN unit n ON n.id = su.unit_id WHERE "
	              "su.suggestion_id = s.id "
	              "AND su.role = 'support' ORDER BY n.code) AS x), ''), "
	              "coalesce((SELECT su.role FROM suggestion_unit su WHERE su.suggestion_id = "
	              "s.id AND "
	              "su.unit_id = ?6), ''), coalesce((SELECT substr(su.assigned_at, 1, 10) FROM "
	              "suggestion_unit su WHERE su.suggestion_id = s.id AND su.role = 'lead'), "
	              "''), "
	              "coalesce((SELECT k.due FROM wf_clock k WHERE k.workflow = 'suggestion' AND "
	              "k.item_id = "
	              "s.id AND k.clock IN ('reply', 'rehandle') AND coalesce(k.outcome, '') <> "
	              "'cancelled' "
	              "ORDER BY k.id DESC LIMIT 1), ''), coalesce((SELECT coalesce(k.outcome, "
	              "'running') FROM "
	              "wf_clock k WHERE k.workflow = 'suggestion' AND k.item_id = s.id AND k.clock "
	              "IN "
	              "('reply', 'rehandle') AND coalesce(k.outcome, '') <> 'cancelled' ORDER BY "
	              "k.id DESC "
	              "LIMIT 1), ''), coalesce((SELECT substr(max(e.at), 1, 10) FROM wf_event e "
	              "WHERE "
	              "e.workflow = 'suggestion' AND e.item_id = s.id AND e.action = 'reply'), "
	              "''), "
	              "coalesce(rc.code, ''), coalesce(s.evaluation, ''), (SELECT count(*) FROM "
	              "suggestion_meeting m WHERE m.suggestion_id = s.id), CASE WHEN "
	              "s.key_supervised THEN "
	              "s.supervisor ELSE '' END, coalesce((SELECT " DNUMBER_SQL(
	                  "m", "mc") " FROM suggestion m "
	                             "JOIN congress_session mc ON mc.id = m.session_id WHERE m.id "
	                             "= s.merged_into), ''), "
	                             "s.proposal FROM suggestion s JOIN congress_session cs ON "
	                             "cs.id = s.session_id "
	                             "JOIN category c ON c.id = s.category_id JOIN deputy d ON "
	                             "d.id = s.lead_deputy_id "
	                             "LEFT JOIN unit u ON u.id = s.lead_unit_id LEFT JOIN "
	                             "result_class rc ON "
	                             "rc.id = s.result_class_id WHERE " ITEMS_WHERE
	                             " AND (?6 = 0 OR EXISTS (SELECT 1 FROM "
	                             "suggestion_unit su WHERE su.suggestion_id = s.id AND "
	                             "su.unit_id = ?6)) "
	                             "ORDER BY cs.start_date, cs.id, s.kind, s.number IS NULL, "
	                             "s.number, s.id",
	    "");
	if (!d->st) {
		free(d);
		return NULL;
	}
	bind_items(d->st, sc, session, kind, 0);
	sqlite3_bind_int64(d->st, 6, uid);
	return d;
}

int ss_detail_next(struct ss_detail *d, const char **vals)
{
	int src = sqlite3_step(d->st);
	if (src == SQLITE_DONE)
		return RD_NOTFOUND;
	if (src != SQLITE_ROW)
		return db_fail(d->db, _("suggestion detail"));
	sqlite3_stmt *st = d->st;
	for (int i = 0; i < SS_NDCOLS; i++)
		vals[i] = db_col(st, i);
	const char *state = db_col(st, Q_STATE);
	for (int i = 0; i < suggestion_flow.nstates && i < 16; i++)
		if (!strcmp(suggestion_flow.states[i].name, state))
			vals[SS_D_STATE] = d->state_labels[i];
	vals[SS_D_KIND] = d->kind_labels[strcmp(db_col(st, Q_KIND), "motion") != 0];
	const char *role = db_col(st, Q_ROLE);
	vals[SS_D_ROLE] = !*role ? "" : d->role_labels[strcmp(role, "lead") != 0];
	const char *eval = db_col(st, Q_EVAL);
	vals[SS_D_EVALUATION] = !strcmp(eval, "satisfied") ? d->eval_labels[0]
	                        : !strcmp(eval, "basic")   ? d->eval_labels[1]
	                        : *eval                    ? d->eval_labels[2]
	                                                   : "";
	const char *o = db_col(st, Q_OUTCOME), *due = db_col(st, Q_DUE);
	vals[SS_D_REPLY_OUTCOME] = !strcmp(o, "met")    ? d->outcome_labels[0]
	                           : !strcmp(o, "late") ? d->outcome_labels[1]
	                           : !strcmp(o, "running")
	                               ? d->outcome_labels[strcmp(due, d->today) < 0 ? 3 : 2]
	                               : d->outcome_labels[4];
	snprintf(d->meetings, sizeof d->meetings, "%d", sqlite3_column_int(st, Q_MEETINGS));
	vals[SS_D_MEETINGS] = d->meetings;
	return RD_OK;
}

void ss_detail_close(struct ss_detail *d)
{
	if (!d)
		return;
	sqlite3_finalize(d->st);
	free(d);
}
