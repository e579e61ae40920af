#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case.h"
#include "model/case_scope.h"
#include "model/db.h"
#include "model/stats.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- rounding -------------------------------------------------------------- */

/* 10^14: num * 10^4 stays far below 2^63, and hundredths below it print in 16 bytes. */
#define STATS_MAX_OPERAND 100000000000000LL

void stats_hundredths(int64_t h, char out[16])
{
	if (h < 0 || h >= STATS_MAX_OPERAND)
		out[0] = '\0';
	else
		snprintf(out, 16, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

/* num * scale / den in hundredths, rounded half-up; -1 when den is 0 or out of range. */
static int64_t div_half_up(int64_t num, int64_t scale, int64_t den)
{
	if (den <= 0 || num < 0 || num > STATS_MAX_OPERAND || den > STATS_MAX_OPERAND)
		return -1;
	int64_t n = num * scale;
	int64_t q = n / den, r = n % den;
	/* Half-up: a remainder of half the divisor or more rounds away from zero. */
	if (r >= den - r)
		q++;
	return q < STATS_MAX_OPERAND ? q : -1;
}

int64_t stats_pct(int64_t num, int64_t den, char out[16])
{
	int64_t h = div_half_up(num, 10000, den);
	stats_hundredths(h, out);
	return h;
}

int64_t stats_fixed2(int64_t num, int64_t den, char out[16])
{
	int64_t h = div_half_up(num, 100, den);
	stats_hundredths(h, out);
	return h;
}

/* ---- tables ---------------------------------------------------------------- */

const struct stats_dim stats_dims[] = {
	[STATS_BY_CATEGORY] = {"category", N_("Category"), N_("Cases by category"), false},
	[STATS_BY_TOWN] = {"town", N_("Town"), N_("Cases by town"), false},
	[STATS_BY_DEPUTY] = {"deputy", N_("Deputy"), N_("Cases by deputy"), true},
	[STATS_BY_UNIT] = {"unit", N_("Handling unit"), N_("Cases by handling unit"), true},
	[STATS_BY_STATUS] = {"status", N_("Status"), N_("Cases by status"), false},
	[STATS_BY_MONTH] = {"month", N_("Month"), N_("Cases by month"), false},
};

const struct stats_colinfo stats_cols[] = {
	[STATS_COL_KEY] = {"key", N_("Code"), STATS_TEXT, NULL},
	[STATS_COL_NAME] = {"name", N_("Name"), STATS_TEXT, NULL},
	[STATS_COL_COUNT] = {"count", N_("Cases"), STATS_COUNT,
	                     N_("cases submitted in the year (by submission time), within the scope")},
	[STATS_COL_SHARE] = {"share", N_("Share"), STATS_PCT,
	                     N_("cases of the row / all cases of the table")},
	[STATS_COL_OPEN] = {"open", N_("Open cases"), STATS_COUNT,
	                    N_("cases still being handled (not closed, not rejected)")},
	[STATS_COL_CLOSED] = {"closed", N_("Closed cases"), STATS_COUNT, N_("cases closed (办结)")},
	[STATS_COL_REJECTED] = {"rejected", N_("Rejected cases"), STATS_COUNT,
	                        N_("cases rejected by the reviewing office")},
	[STATS_COL_OVERDUE] = {"overdue", N_("Overdue cases"), STATS_COUNT,
	                       N_("cases with a respond, reply or re-handling deadline running and "
	                          "past, as of the report time")},
	[STATS_COL_RESPOND_RATE] = {"respond_rate", N_("On-time response rate"), STATS_PCT,
	                            N_("respond clocks stopped by the due day / respond clocks "
	                               "stopped (on time or late); running and cancelled clocks "
	                               "are not counted")},
	[STATS_COL_REPLY_RATE] = {"reply_rate", N_("On-time reply rate"), STATS_PCT,
	                          N_("reply and re-handling clocks stopped by the due day / those "
	                             "stopped (on time or late); running and cancelled clocks are "
	                             "not counted")},
	[STATS_COL_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), STATS_PCT,
	                            N_("cases whose latest evaluation is satisfied or basically "
	                               "satisfied / cases with an evaluation")},
	[STATS_COL_SATISFIED_RATE] = {"satisfied_rate", N_("Satisfied rate"), STATS_PCT,
	                              N_("cases whose latest evaluation is satisfied / cases with "
	                                 "an evaluation")},
	[STATS_COL_AVG_REPLY_DAYS] = {"avg_reply_days", N_("Average days to reply"), STATS_DAYS,
	                              N_("calendar days from the assignment to the unit's reply, "
	                                 "averaged over the reply clocks stopped (re-handling "
	                                 "rounds not included)")},
};

const struct stats_dcolinfo stats_dcols[] = {
	[STATS_D_NUMBER] = {"number", N_("Case number"), STATS_TEXT, 12},
	[STATS_D_SUBMITTED] = {"submitted", N_("Submitted"), STATS_TEXT, 16},
	[STATS_D_CHANNEL] = {"channel", N_("Channel"), STATS_TEXT, 16},
	[STATS_D_TOWN] = {"town", N_("Town"), STATS_TEXT, 20},
	[STATS_D_CATEGORY] = {"category", N_("Category"), STATS_TEXT, 16},
	[STATS_D_DEPUTY] = {"deputy", N_("Deputy"), STATS_TEXT, 30},
	[STATS_D_STATION] = {"station", N_("Liaison station"), STATS_TEXT, 30},
	[STATS_D_VOTER] = {"voter_name", N_("Voter"), STATS_TEXT, 12},
	[STATS_D_PHONE] = {"voter_phone", N_("Voter's phone"), STATS_TEXT, 16},
	[STATS_D_TITLE] = {"title", N_("Title"), STATS_TEXT, 50},
	[STATS_D_CONTENT] = {"content", N_("Content"), STATS_TEXT, 60},
	[STATS_D_STATE] = {"state", N_("Status"), STATS_TEXT, 16},
	[STATS_D_LEVEL] = {"level", N_("Level"), STATS_TEXT, 10},
	[STATS_D_UNIT] = {"lead_unit", N_("Lead unit"), STATS_TEXT, 30},
	[STATS_D_SUPPORT] = {"support_units", N_("Supporting units"), STATS_TEXT, 40},
	[STATS_D_RESPOND_DUE] = {"respond_due", N_("Respond by"), STATS_TEXT, 12},
	[STATS_D_RESPOND] = {"respond", N_("Response"), STATS_TEXT, 12},
	[STATS_D_REPLY_DUE] = {"reply_due", N_("Reply by"), STATS_TEXT, 12},
	[STATS_D_REPLY_OUTCOME] = {"reply_outcome", N_("Reply"), STATS_TEXT, 12},
	[STATS_D_REPLY] = {"reply", N_("Reply text"), STATS_TEXT, 60},
	[STATS_D_EVALUATION] = {"evaluation", N_("Evaluation"), STATS_TEXT, 16},
	[STATS_D_ROUNDS] = {"rounds", N_("Re-handling rounds"), STATS_COUNT, 8},
	[STATS_D_OVERDUE] = {"overdue", N_("Overdue"), STATS_COUNT, 8},
	[STATS_D_CLOSED] = {"closed", N_("Closed on"), STATS_TEXT, 12},
};

_Static_assert(sizeof stats_dims / sizeof stats_dims[0] == STATS_BY_COUNT, "one entry a breakdown");
_Static_assert(sizeof stats_cols / sizeof stats_cols[0] == STATS_NCOLS, "one entry a column");
_Static_assert(sizeof stats_dcols / sizeof stats_dcols[0] == STATS_NDCOLS, "one entry a column");

int stats_dim_find(const char *name)
{
	for (int i = 0; i < STATS_BY_COUNT; i++)
		if (!strcmp(stats_dims[i].name, name))
			return i;
	return -1;
}

const char *stats_dim_names(void)
{
	static char names[128];
	if (!names[0])
		for (int i = 0; i < STATS_BY_COUNT; i++) {
			size_t n = strlen(names);
			snprintf(names + n, sizeof names - n, "%s%s", i ? "|" : "", stats_dims[i].name);
		}
	return names;
}

/*
 * How each breakdown groups and names the cases: the grouping expression on v,
 * the table k joined to it and the key and name taken from k, the list of every
 * key in order (SQL, or keys_fn), and the name of cases without a group.
 */
struct dim_sql {
	const char *group, *join, *key, *name;
	const char *keys; /* (g, key, name) in order; bound like the case queries */
	int (*keys_fn)(int year, struct stats_row **rows, char ***gs);
	const char *none;
};

static int status_keys(int year, struct stats_row **rows, char ***gs);
static int month_keys(int year, struct stats_row **rows, char ***gs);

static const struct dim_sql dim_sql[] = {
	[STATS_BY_CATEGORY] = {"v.category_id", "LEFT JOIN category k ON k.id = v.category_id",
	                       "k.code", "k.name",
	                       "SELECT id, code, name FROM category WHERE active ORDER BY sort, id",
	                       NULL, NULL},
	[STATS_BY_TOWN] = {"v.town_id", "LEFT JOIN town k ON k.id = v.town_id", "k.code", "k.name",
	                   /* A town clerk's table lists the town; a unit's only towns with cases. */
	                   "SELECT id, code, name FROM town WHERE active AND ?101 <> 'unit' "
	                   "AND (?101 <> 'town-clerk' OR id = ?102) AND (?1 = 0 OR id = ?1) "
	                   "ORDER BY sort, id",
	                   NULL, NULL},
	[STATS_BY_DEPUTY] = {"v.deputy_id", "LEFT JOIN deputy k ON k.id = v.deputy_id", "k.code",
	                     "k.name", NULL, NULL, N_("(no deputy: a liaison station)")},
	[STATS_BY_UNIT] = {"v.lead_unit_id", "LEFT JOIN unit k ON k.id = v.lead_unit_id", "k.code",
	                   "k.name", NULL, NULL, N_("(not assigned to a unit)")},
	[STATS_BY_STATUS] = {"v.state", "", "v.state", "v.state", NULL, status_keys, NULL},
	[STATS_BY_MONTH] = {"substr(v.submitted_at, 1, 7)", "", "substr(v.submitted_at, 1, 7)",
	                    "substr(v.submitted_at, 1, 7)", NULL, month_keys, NULL},
};
_Static_assert(sizeof dim_sql / sizeof dim_sql[0] == STATS_BY_COUNT, "one entry a breakdown");

/* The cases of a query: ?1 town filter, ?2 ?3 the year's bounds, and the scope. */
#define CASES_WHERE                                                                       \
	"v.submitted_at >= ?2 AND v.submitted_at < ?3 AND (?1 = 0 OR v.town_id = ?1) AND " \
	CASE_SCOPE_SQL

int stats_year(const struct stats_query *q)
{
	if (q && q->year)
		return q->year;
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	return y;
}

/* The states of a case, in the workflow's order. */
static int status_keys(int year, struct stats_row **rows, char ***gs)
{
	(void)year;
	int n = case_flow.nstates;
	*rows = xcalloc((size_t)n, sizeof **rows);
	*gs = xcalloc((size_t)n, sizeof **gs);
	for (int i = 0; i < n; i++) {
		(*gs)[i] = xstrdup(case_flow.states[i].name);
		(*rows)[i].key = xstrdup(case_flow.states[i].name);
		(*rows)[i].name = xstrdup(_(case_flow.states[i].label));
	}
	return n;
}

/* The months of the year, up to this month when it is the current year. */
static int month_keys(int year, struct stats_row **rows, char ***gs)
{
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	int n = year < y ? 12 : year == y ? m : 0;
	*rows = xcalloc((size_t)n + 1, sizeof **rows);
	*gs = xcalloc((size_t)n + 1, sizeof **gs);
	for (int i = 0; i < n; i++) {
		(*gs)[i] = xasprintf("%04d-%02d", year, i + 1);
		(*rows)[i].key = xstrdup((*gs)[i]);
		(*rows)[i].name = xstrdup((*gs)[i]);
	}
	return n;
}

/* Binds the query's town, year bounds and the scope to a statement of CASES_WHERE. */
static void bind_cases(sqlite3_stmt *st, const struct scope *sc, int64_t town, int year)
{
	char from[8], to[8];
	snprintf(from, sizeof from, "%04d", year % 10000);
	snprintf(to, sizeof to, "%04d", (year + 1) % 10000);
	sqlite3_bind_int64(st, 1, town);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	case_scope_bind(st, sc);
}

/* Resolves the query's town (0 = none) and checks it against the scope. */
static int query_town(sqlite3 *db, const struct scope *sc, const struct stats_query *q,
                      int64_t *town)
{
	*town = 0;
	if (!q || !q->town || !*q->town)
		return RD_OK;
	if (db_int(db, town, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", q->town))
		return err_set(RD_INVALID, _("town: no town '%s'"), q->town);
	if (sc->role == ROLE_TOWN_CLERK && *town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk sees only the statistics of %s"),
		               sc->town_name ? sc->town_name : "?");
	return RD_OK;
}

static int64_t col64(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

/* Aggregated rows of one breakdown, in the order of their group g. */
struct agg {
	struct stats_row *rows;
	char **g; /* the group as text; NULL for cases without one */
	int n, cap;
	bool *used;
};

static void agg_free(struct agg *a)
{
	for (int i = 0; i < a->n; i++) {
		free(a->rows[i].key);
		free(a->rows[i].name);
		free(a->g[i]);
	}
	free(a->rows);
	free(a->g);
	free(a->used);
}

static bool same_g(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Runs the two grouped queries of a breakdown: cases, then their stopped clocks. */
static int aggregate(sqlite3 *db, const struct scope *sc, const struct dim_sql *ds, int64_t town,
                     int year, struct agg *a)
{
	char today[11];
	date_format(clock_today(), today);
	/* The open states of the workflow: "|received|forwarded|...|". */
	struct sbuf open = SBUF_INIT;
	sbuf_putc(&open, '|');
	for (int i = 0; i < case_flow.nstates; i++)
		if (case_flow.states[i].open)
			sbuf_printf(&open, "%s|", case_flow.states[i].name);
	struct sbuf q = SBUF_INIT;
	sbuf_printf(&q,
	            "SELECT %s AS g, %s, %s, count(*), "
	            "sum(instr(?4, '|' || v.state || '|') > 0), sum(v.state = 'closed'), "
	            "sum(v.state = 'rejected'), sum(v.evaluation = 'satisfied'), "
	            "sum(v.evaluation = 'basic'), sum(v.evaluation IS NOT NULL), "
	            "sum(EXISTS (SELECT 1 FROM wf_clock c WHERE c.workflow = 'case' AND "
	            "c.item_id = v.id AND c.stopped IS NULL AND c.clock <> 'return' AND c.due < ?5)) "
	            "FROM vcase v %s WHERE " CASES_WHERE " GROUP BY g ORDER BY g",
	            ds->group, ds->key, ds->name, ds->join);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&q), "");
	int rc = st ? RD_OK : RD_FAIL;
	if (st) {
		bind_cases(st, sc, town, year);
		sqlite3_bind_text(st, 4, sbuf_str(&open), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
	}
	int src;
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->n == a->cap) {
			a->cap = a->cap ? 2 * a->cap : 16;
			a->rows = xrealloc(a->rows, (size_t)a->cap * sizeof *a->rows);
			a->g = xrealloc(a->g, (size_t)a->cap * sizeof *a->g);
		}
		struct stats_row *r = &a->rows[a->n];
		memset(r, 0, sizeof *r);
		a->g[a->n++] = db_col_dup(st, 0);
		bool none = sqlite3_column_type(st, 0) == SQLITE_NULL;
		r->key = xstrdup(none ? "" : db_col(st, 1));
		r->name = xstrdup(none ? (ds->none ? _(ds->none) : "") : db_col(st, 2));
		r->count = col64(st, 3);
		r->open = col64(st, 4);
		r->closed = col64(st, 5);
		r->rejected = col64(st, 6);
		r->satisfied = col64(st, 7);
		r->basic = col64(st, 8);
		r->evaluated = col64(st, 9);
		r->overdue = col64(st, 10);
	}
	if (st && src != SQLITE_DONE)
		rc = db_fail(db, _("case statistics"));
	sqlite3_finalize(st);
	sbuf_reset(&q);
	sbuf_free(&open);
	if (rc) {
		sbuf_free(&q);
		return rc;
	}

	/* Clocks stopped on time or late, per group (same order as above). */
	sbuf_printf(&q,
	            "SELECT %s AS g, sum(c.clock = 'respond' AND c.outcome = 'met'), "
	            "sum(c.clock = 'respond'), "
	            "sum(c.clock IN ('reply', 'rehandle') AND c.outcome = 'met'), "
	            "sum(c.clock IN ('reply', 'rehandle')), "
	            "sum(CASE WHEN c.clock = 'reply' THEN CAST(round(julianday(c.stopped) - "
	            "julianday(c.started)) AS INTEGER) ELSE 0 END), sum(c.clock = 'reply') "
	            "FROM vcase v JOIN wf_clock c ON c.workflow = 'case' AND c.item_id = v.id "
	            "AND c.outcome IN ('met', 'late') WHERE " CASES_WHERE " GROUP BY g ORDER BY g",
	            ds->group);
	st = db_prepare(db, sbuf_str(&q), "");
	sbuf_free(&q);
	if (!st)
		return RD_FAIL;
	bind_cases(st, sc, town, year);
	int at = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : db_col(st, 0);
		while (at < a->n && !same_g(a->g[at], g))
			at++;
		if (at == a->n) {
			/* A case added between the two queries; its clocks wait for the next run. */
			at = 0;
			continue;
		}
		struct stats_row *r = &a->rows[at];
		r->respond_met = col64(st, 1);
		r->respond_stopped = col64(st, 2);
		r->reply_met = col64(st, 3);
		r->reply_stopped = col64(st, 4);
		r->reply_days = col64(st, 5);
		r->replies = col64(st, 6);
	}
	if (src != SQLITE_DONE)
		rc = db_fail(db, _("case statistics"));
	sqlite3_finalize(st);
	a->used = xcalloc((size_t)a->n + 1, sizeof *a->used);
	return rc;
}

/* Appends a copy of r to t (moving its strings). */
static void table_push(struct stats_table *t, int *cap, struct stats_row *r)
{
	if (t->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		t->rows = xrealloc(t->rows, (size_t)*cap * sizeof *t->rows);
	}
	t->rows[t->n++] = *r;
	r->key = r->name = NULL;
}

/* Adds the counts of r to the total. */
static void add_counts(struct stats_row *t, const struct stats_row *r)
{
	t->count += r->count;
	t->open += r->open;
	t->closed += r->closed;
	t->rejected += r->rejected;
	t->overdue += r->overdue;
	t->respond_met += r->respond_met;
	t->respond_stopped += r->respond_stopped;
	t->reply_met += r->reply_met;
	t->reply_stopped += r->reply_stopped;
	t->satisfied += r->satisfied;
	t->basic += r->basic;
	t->evaluated += r->evaluated;
	t->reply_days += r->reply_days;
	t->replies += r->replies;
}

/* Most cases first, then by key; the row of cases without a key last. */
static int by_count(const void *x, const void *y)
{
	const struct stats_row *a = x, *b = y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Reads the ordered list of every key of a breakdown that lists them. */
static int key_list(sqlite3 *db, const struct scope *sc, const struct dim_sql *ds, int64_t town,
                    int year, struct stats_row **rows, char ***gs, int *n)
{
	*rows = NULL;
	*gs = NULL;
	*n = 0;
	if (ds->keys_fn) {
		*n = ds->keys_fn(year, rows, gs);
		return RD_OK;
	}
	if (!ds->keys)
		return RD_OK;
	sqlite3_stmt *st = db_prepare(db, ds->keys, "");
	if (!st)
		return RD_FAIL;
	sqlite3_bind_int64(st, 1, town);
	case_scope_bind(st, sc);
	int cap = 0, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
			*gs = xrealloc(*gs, (size_t)cap * sizeof **gs);
		}
		memset(&(*rows)[*n], 0, sizeof **rows);
		(*gs)[*n] = db_col_dup(st, 0);
		(*rows)[*n].key = db_col_dup(st, 1);
		(*rows)[*n].name = db_col_dup(st, 2);
		(*n)++;
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(db, _("case statistics"));
	sqlite3_finalize(st);
	return rc;
}

int stats_cases(sqlite3 *db, const struct scope *sc, const struct stats_query *q,
                enum stats_by by, struct stats_table *out)
{
	memset(out, 0, sizeof *out);
	if ((int)by < 0 || by >= STATS_BY_COUNT)
		return err_set(RD_INVALID, _("--by: one of %s"), stats_dim_names());
	out->by = by;
	out->year = stats_year(q);
	out->total.key = xstrdup("");
	out->total.name = xstrdup(_("Total"));
	int64_t town;
	int rc = query_town(db, sc, q, &town);
	if (rc)
		return rc;
	const struct dim_sql *ds = &dim_sql[by];
	struct agg a = {0};
	rc = aggregate(db, sc, ds, town, out->year, &a);
	struct stats_row *keys = NULL;
	char **gs = NULL;
	int nkeys = 0, cap = 0;
	if (!rc)
		rc = key_list(db, sc, ds, town, out->year, &keys, &gs, &nkeys);
	if (!rc) {
		/* Every listed key in order, with its counts or none; then keys not listed. */
		for (int i = 0; i < nkeys; i++) {
			int j = 0;
			while (j < a.n && !(!a.used[j] && same_g(a.g[j], gs[i])))
				j++;
			if (j < a.n) {
				/* The list's key and name (a state's label), the counts of the cases. */
				struct stats_row *r = &a.rows[j];
				a.used[j] = true;
				free(r->key);
				free(r->name);
				r->key = keys[i].key;
				r->name = keys[i].name;
				keys[i].key = keys[i].name = NULL;
				table_push(out, &cap, r);
			} else
				table_push(out, &cap, &keys[i]);
		}
		int first = out->n;
		for (int j = 0; j < a.n; j++)
			if (!a.used[j])
				table_push(out, &cap, &a.rows[j]);
		if (!ds->keys && !ds->keys_fn)
			qsort(out->rows + first, (size_t)(out->n - first), sizeof *out->rows, by_count);
		for (int i = 0; i < out->n; i++)
			add_counts(&out->total, &out->rows[i]);
	}
	for (int i = 0; i < nkeys; i++) {
		free(keys[i].key);
		free(keys[i].name);
		free(gs[i]);
	}
	free(keys);
	free(gs);
	agg_free(&a);
	if (rc)
		stats_table_free(out);
	return rc;
}

void stats_table_free(struct stats_table *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->rows[i].key);
		free(t->rows[i].name);
	}
	free(t->rows);
	free(t->total.key);
	free(t->total.name);
	memset(t, 0, sizeof *t);
}

int64_t stats_value(const struct stats_row *r, int64_t total, enum stats_col col)
{
	char buf[16];
	switch (col) {
	case STATS_COL_COUNT: return r->count;
	case STATS_COL_SHARE: return stats_pct(r->count, total, buf);
	case STATS_COL_OPEN: return r->open;
	case STATS_COL_CLOSED: return r->closed;
	case STATS_COL_REJECTED: return r->rejected;
	case STATS_COL_OVERDUE: return r->overdue;
	case STATS_COL_RESPOND_RATE: return stats_pct(r->respond_met, r->respond_stopped, buf);
	case STATS_COL_REPLY_RATE: return stats_pct(r->reply_met, r->reply_stopped, buf);
	case STATS_COL_SATISFACTION: return stats_pct(r->satisfied + r->basic, r->evaluated, buf);
	case STATS_COL_SATISFIED_RATE: return stats_pct(r->satisfied, r->evaluated, buf);
	case STATS_COL_AVG_REPLY_DAYS: return stats_fixed2(r->reply_days, r->replies, buf);
	default: return -1;
	}
}

const char *stats_text(const struct stats_row *r, int64_t total, enum stats_col col,
                       char buf[24])
{
	if (col == STATS_COL_KEY)
		return r->key;
	if (col == STATS_COL_NAME)
		return r->name;
	int64_t v = stats_value(r, total, col);
	if (v < 0)
		return NULL;
	if (stats_cols[col].kind == STATS_COUNT)
		snprintf(buf, 24, "%lld", (long long)v);
	else
		stats_hundredths(v, buf);
	return buf;
}

/* ---- the detail -------------------------------------------------------------- */

/* Columns of the detail query. */
enum {
	Q_ID, Q_NUMBER, Q_SUBMITTED, Q_CHANNEL, Q_TOWN, Q_CATEGORY, Q_DEPUTY, Q_STATION, Q_VOTER,
	Q_PHONE, Q_TITLE, Q_CONTENT, Q_STATE, Q_LEVEL, Q_UNIT, Q_REPLY, Q_EVAL, Q_ROUNDS, Q_CLOSED
};

/* Words stored in the database and the labels the detail shows for them. */
struct word {
	const char *word, *label;
};
static const struct word channels[] = {
	{"qr", N_("QR code")}, {"phone", N_("phone")}, {"station", N_("at a liaison station")},
	{"other", N_("other channel")}, {NULL, NULL},
};
static const struct word levels[] = {
	{"city", N_("city office")}, {"town", N_("town office")}, {NULL, NULL},
};
static const struct word evaluations[] = {
	{"satisfied", N_("satisfied")}, {"basic", N_("basically satisfied")},
	{"unsatisfied", N_("unsatisfied")}, {NULL, NULL},
};
/* A deadline clock's state in the detail. */
enum { OUT_NONE, OUT_MET, OUT_LATE, OUT_CANCELLED, OUT_RUNNING, OUT_OVERDUE, OUT_COUNT };
static const char *const outcome_labels[OUT_COUNT] = {
	"", N_("on time"), N_("late"), N_("cancelled"), N_("running"), N_("overdue"),
};

/* The latest clock of a kind for one case. */
struct clk {
	int64_t id;
	char due[11];
	int outcome;
};

struct stats_detail {
	sqlite3 *db;
	sqlite3_stmt *cases, *clocks, *support;
	bool started;             /* clocks and support bound to the first case */
	bool clock_row, sup_row;  /* their cursors stand on a row */
	bool failed;              /* a merge cursor stopped on an error */
	char today[11];
	struct clk respond, reply;
	bool overdue;
	struct sbuf sup;
	char rounds[16];
	const char *outcome[OUT_COUNT];
	const char *vals[STATS_NDCOLS];
	/* The labels, translated once. */
	const char *chan[5], *lvl[3], *ev[4], *state[16];
};

/* The label of a word, translated ahead in labels[]; the word itself when unknown. */
static const char *label_of(const struct word *w, const char *const *labels, const char *s)
{
	for (int i = 0; w[i].word; i++)
		if (!strcmp(w[i].word, s))
			return labels[i];
	return s;
}

struct stats_detail *stats_detail_open(sqlite3 *db, const struct scope *sc,
                                       const struct stats_query *q, bool public_)
{
	int64_t town;
	if (query_town(db, sc, q, &town))
		return NULL;
	struct stats_detail *d = xcalloc(1, sizeof *d);
	d->db = db;
	d->sup = (struct sbuf)SBUF_INIT;
	date_format(clock_today(), d->today);
	for (int i = 0; channels[i].word; i++)
		d->chan[i] = _(channels[i].label);
	for (int i = 0; levels[i].word; i++)
		d->lvl[i] = _(levels[i].label);
	for (int i = 0; evaluations[i].word; i++)
		d->ev[i] = _(evaluations[i].label);
	for (int i = 0; i < case_flow.nstates && i < 16; i++)
		d->state[i] = _(case_flow.states[i].label);
	for (int i = 0; i < OUT_COUNT; i++)
		d->outcome[i] = i ? _(outcome_labels[i]) : "";
	/* Viewers never see the voter's data; public exports neither. */
	bool mask = public_ || sc->role == ROLE_VIEWER;
	d->cases = db_prepare(
	    db,
	    "SELECT v.id, v.number, substr(v.submitted_at, 1, 16), v.channel, t.name, c.name, "
	    "coalesce(d.name || ' (' || d.code || ')', ''), coalesce(s.name, ''), "
	    "CASE WHEN ?4 AND v.voter_name <> '' THEN '***' ELSE v.voter_name END, "
	    "CASE WHEN ?4 THEN mask_phone(v.voter_phone) ELSE v.voter_phone END, v.title, "
	    "CASE WHEN ?4 AND v.private THEN ?5 ELSE v.content END, v.state, coalesce(v.level, ''), "
	    "coalesce(u.name, ''), CASE WHEN ?4 AND v.private THEN ?5 ELSE v.reply END, "
	    "coalesce(v.evaluation, ''), v.rounds, substr(coalesce(v.closed_at, ''), 1, 10) "
	    "FROM vcase v JOIN town t ON t.id = v.town_id JOIN category c ON c.id = v.category_id "
	    "LEFT JOIN deputy d ON d.id = v.deputy_id LEFT JOIN station s ON s.id = v.station_id "
	    "LEFT JOIN unit u ON u.id = v.lead_unit_id WHERE " CASES_WHERE " ORDER BY v.id",
	    "");
	d->clocks = db_prepare(db,
	                       "SELECT item_id, id, clock, due, outcome FROM wf_clock "
	                       "WHERE workflow = 'case' AND item_id >= ?1 AND clock <> 'return' "
	                       "ORDER BY item_id",
	                       "");
	d->support = db_prepare(db,
	                        "SELECT cu.case_id, u.name FROM vcase_unit cu JOIN unit u ON "
	                        "u.id = cu.unit_id WHERE cu.case_id >= ?1 AND cu.role = 'support' "
	                        "ORDER BY cu.case_id, u.name",
	                        "");
	if (!d->cases || !d->clocks || !d->support) {
		stats_detail_close(d);
		return NULL;
	}
	bind_cases(d->cases, sc, town, stats_year(q));
	sqlite3_bind_int(d->cases, 4, mask);
	sqlite3_bind_text(d->cases, 5, _("(private)"), -1, SQLITE_TRANSIENT);
	return d;
}

/* Steps a merge cursor; false at its end, or on an error (noted in d->failed). */
static bool cursor_step(struct stats_detail *d, sqlite3_stmt *st)
{
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		d->failed = true;
	return src == SQLITE_ROW;
}

/* Gathers the clocks of case id: the latest respond and reply clocks, and overdue. */
static void gather_clocks(struct stats_detail *d, int64_t id)
{
	memset(&d->respond, 0, sizeof d->respond);
	memset(&d->reply, 0, sizeof d->reply);
	d->overdue = false;
	while (d->clock_row && sqlite3_column_int64(d->clocks, 0) < id)
		d->clock_row = cursor_step(d, d->clocks);
	for (; d->clock_row && sqlite3_column_int64(d->clocks, 0) == id;
	     d->clock_row = cursor_step(d, d->clocks)) {
		sqlite3_stmt *st = d->clocks;
		const char *clock = db_col(st, 2), *due = db_col(st, 3), *outcome = db_col(st, 4);
		int64_t cid = sqlite3_column_int64(st, 1);
		int o = !strcmp(outcome, "met")         ? OUT_MET
		        : !strcmp(outcome, "late")      ? OUT_LATE
		        : !strcmp(outcome, "cancelled") ? OUT_CANCELLED
		        : strcmp(due, d->today) < 0     ? OUT_OVERDUE
		                                        : OUT_RUNNING;
		if (o == OUT_OVERDUE)
			d->overdue = true;
		struct clk *k = !strcmp(clock, "respond") ? &d->respond : &d->reply;
		if (cid > k->id) {
			k->id = cid;
			k->outcome = o;
			snprintf(k->due, sizeof k->due, "%s", due);
		}
	}
}

/* Gathers the supporting units of case id, joined with "; ". */
static void gather_support(struct stats_detail *d, int64_t id)
{
	sbuf_reset(&d->sup);
	while (d->sup_row && sqlite3_column_int64(d->support, 0) < id)
		d->sup_row = cursor_step(d, d->support);
	for (; d->sup_row && sqlite3_column_int64(d->support, 0) == id;
	     d->sup_row = cursor_step(d, d->support)) {
		if (d->sup.len)
			sbuf_puts(&d->sup, "; ");
		sbuf_puts(&d->sup, db_col(d->support, 1));
	}
}

int stats_detail_next(struct stats_detail *d, const char **vals)
{
	int src = sqlite3_step(d->cases);
	if (src == SQLITE_DONE)
		return RD_NOTFOUND;
	if (src != SQLITE_ROW)
		return db_fail(d->db, _("case detail"));
	sqlite3_stmt *st = d->cases;
	int64_t id = sqlite3_column_int64(st, Q_ID);
	if (!d->started) {
		/* Both merge cursors start at the first case; cases come in id order. */
		sqlite3_bind_int64(d->clocks, 1, id);
		sqlite3_bind_int64(d->support, 1, id);
		d->clock_row = cursor_step(d, d->clocks);
		d->sup_row = cursor_step(d, d->support);
		d->started = true;
	}
	gather_clocks(d, id);
	gather_support(d, id);
	if (d->failed)
		return db_fail(d->db, _("case detail"));
	const char *state = db_col(st, Q_STATE);
	const char *state_label = state;
	for (int i = 0; i < case_flow.nstates && i < 16; i++)
		if (!strcmp(case_flow.states[i].name, state))
			state_label = d->state[i];
	snprintf(d->rounds, sizeof d->rounds, "%d", sqlite3_column_int(st, Q_ROUNDS));
	vals[STATS_D_NUMBER] = db_col(st, Q_NUMBER);
	vals[STATS_D_SUBMITTED] = db_col(st, Q_SUBMITTED);
	vals[STATS_D_CHANNEL] = label_of(channels, d->chan, db_col(st, Q_CHANNEL));
	vals[STATS_D_TOWN] = db_col(st, Q_TOWN);
	vals[STATS_D_CATEGORY] = db_col(st, Q_CATEGORY);
	vals[STATS_D_DEPUTY] = db_col(st, Q_DEPUTY);
	vals[STATS_D_STATION] = db_col(st, Q_STATION);
	vals[STATS_D_VOTER] = db_col(st, Q_VOTER);
	vals[STATS_D_PHONE] = db_col(st, Q_PHONE);
	vals[STATS_D_TITLE] = db_col(st, Q_TITLE);
	vals[STATS_D_CONTENT] = db_col(st, Q_CONTENT);
	vals[STATS_D_STATE] = state_label;
	vals[STATS_D_LEVEL] = label_of(levels, d->lvl, db_col(st, Q_LEVEL));
	vals[STATS_D_UNIT] = db_col(st, Q_UNIT);
	vals[STATS_D_SUPPORT] = sbuf_str(&d->sup);
	vals[STATS_D_RESPOND_DUE] = d->respond.due;
	vals[STATS_D_RESPOND] = d->outcome[d->respond.outcome];
	vals[STATS_D_REPLY_DUE] = d->reply.due;
	vals[STATS_D_REPLY_OUTCOME] = d->outcome[d->reply.outcome];
	vals[STATS_D_REPLY] = db_col(st, Q_REPLY);
	vals[STATS_D_EVALUATION] = label_of(evaluations, d->ev, db_col(st, Q_EVAL));
	vals[STATS_D_ROUNDS] = d->rounds;
	vals[STATS_D_OVERDUE] = d->overdue ? "1" : "0";
	vals[STATS_D_CLOSED] = db_col(st, Q_CLOSED);
	return RD_OK;
}

void stats_detail_close(struct stats_detail *d)
{
	if (!d)
		return;
	sqlite3_finalize(d->cases);
	sqlite3_finalize(d->clocks);
	sqlite3_finalize(d->support);
	sbuf_free(&d->sup);
	free(d);
}

int stats_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN DEFERRED");
}

void stats_end(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		db_exec(db, "COMMIT");
}
