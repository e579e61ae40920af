#include "config.h"

/* The SQL of these tables is built from string macros, which clang-format 14 splits
   into fragments of a few characters: the file is kept as written. */
/* clang-format off */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/suggestion/sugg_stats.h"
#include "model/suggestion/suggestion.h"
#include "model/suggestion/suggestion_scope.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

const struct stat_breakdown sugg_stat_breakdowns[] = {
	[SS_BY_UNIT] = {"unit", N_("Lead unit"), N_("Motions and suggestions by lead unit"), true},
	[SS_BY_CATEGORY] = {"category", N_("Category"), N_("Motions and suggestions by category"),
	                    false},
	[SS_BY_SESSION] = {"session", N_("Session"), N_("Motions and suggestions by session"),
	                   false},
	[SS_BY_CLASS] = {"class", N_("Result class"), N_("Motions and suggestions by result class"),
	                 false},
	[SS_BY_KIND] = {"kind", N_("Kind"), N_("Motions and suggestions by kind"), false},
};
_Static_assert(sizeof sugg_stat_breakdowns / sizeof sugg_stat_breakdowns[0] == SS_BY_COUNT,
               "one entry a breakdown");

const struct stat_provider sugg_stat_providers[] = {
    {"suggestions", N_("Motions and suggestions"), sugg_stat_breakdowns, SS_BY_COUNT,
     STAT_OPT_SESSION | STAT_OPT_KIND | STAT_OPT_ASOF, "suggestion-stats", sugg_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/*
 * The columns and their definitions: the one place where what each figure
 * counts is written (the workbook's notes, the console's help and, in the
 * same words, renda(1) print it).
 */
#define H STAT_HIDDEN
#define HL STAT_HEADLINE
static const struct stat_coldef sugg_cols[] = {
	[SS_COUNT] = {"count", N_("Items"), N_("Items"),
	              N_("motions and suggestions registered (numbered) and not merged into "
	                 "another, within the scope"),
	              STAT_COUNT, -1, -1, HL},
	[SS_SHARE] = {"share", N_("Share"), N_("Share %"),
	              N_("items of the row / all items of the table"), STAT_SHARE, SS_COUNT, -1, 0},
	[SS_MERGED] = {"merged", N_("Merged"), N_("Merged"),
	               N_("items merged into another (并案), handled and replied to with it"),
	               STAT_COUNT, -1, -1, 0},
	[SS_ASSIGNED] = {"assigned", N_("Assigned"), N_("Assigned"),
	                 N_("items assigned to a lead unit (交办)"), STAT_COUNT, -1, -1, HL},
	[SS_CLOSED] = {"closed", N_("Closed"), N_("Closed"), N_("items closed (办结)"), STAT_COUNT,
	               -1, -1, HL},
	[SS_CLOSED_RATE] = {"closed_rate", N_("Closed rate"), N_("Closed %"),
	                    N_("closed / assigned (办结率)"), STAT_PCT, SS_CLOSED, SS_ASSIGNED, HL},
	[SS_OPEN] = {"open", N_("In progress"), N_("In progress"),
	             N_("items still being handled: registered, assigned, replied or in "
	                "follow-up"),
	             STAT_COUNT, -1, -1, HL},
	[SS_OVERDUE] = {"overdue", N_("Overdue"), N_("Overdue"),
	                N_("items with a reply, re-handling or opinion deadline running and past, "
	                   "as of the report time"),
	                STAT_COUNT, -1, -1, HL},
	[SS_MET] = {"met", N_("Consulted"), N_("Consulted"),
	            N_("items with at least one face-to-face consultation (面商)"), STAT_COUNT, -1,
	            -1, 0},
	[SS_MEETING_RATE] = {"meeting_rate", N_("Consultation rate"), N_("Met %"),
	                     N_("consulted / assigned (面商率)"), STAT_PCT, SS_MET, SS_ASSIGNED, HL},
	[SS_REPLIED] = {"replied", N_("Replied"), N_("Replied"),
	                N_("items with a written reply (a result class)"), STAT_COUNT, -1, -1, 0},
	[SS_REPLY_DUE] = {"reply_due", N_("Replies due"), N_("Reply due"),
	                  N_("reply and re-handling deadlines that have come: those answered (on "
	                     "time or late) and those past with no reply yet; deadlines not yet "
	                     "come are left out, and so is a deadline an approved extension "
	                     "replaced (the extended one counts)"),
	                  STAT_COUNT, -1, -1, 0},
	[SS_REPLY_MET] = {"reply_on_time", N_("Replies on time"), N_("Reply on time"),
	                  N_("reply and re-handling deadlines answered by their due day; a "
	                     "follow-up reply after a B-class answer has no deadline of its own "
	                     "and is never counted on time"),
	                  STAT_COUNT, -1, -1, 0},
	[SS_REPLY_RATE] = {"reply_rate", N_("On-time reply rate"), N_("On time %"),
	                   N_("replies on time / replies due (按时答复率): an item past its "
	                      "reply deadline with no reply counts against the rate"),
	                   STAT_PCT, SS_REPLY_MET, SS_REPLY_DUE, HL},
	[SS_EVALUATED] = {"evaluated", N_("Evaluated"), N_("Evaluated"),
	                  N_("items the lead deputy evaluated"), STAT_COUNT, -1, -1, 0},
	[SS_SATISFIED] = {"satisfied", N_("Satisfied"), N_("Satisfied"),
	                  N_("items whose latest evaluation is satisfied (满意)"), STAT_COUNT, -1,
	                  -1, 0},
	[SS_BASIC] = {"basic", N_("Basically satisfied"), N_("Basic"),
	              N_("items whose latest evaluation is basically satisfied (基本满意)"),
	              STAT_COUNT, -1, -1, 0},
	[SS_UNSATISFIED] = {"unsatisfied", N_("Unsatisfied"), N_("Unsatisfied"),
	                    N_("items whose latest evaluation is unsatisfied (不满意)"), STAT_COUNT,
	                    -1, -1, 0},
	[SS_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), N_("Satisfied %"),
	                     N_("(satisfied + basically satisfied) / evaluated (满意率)"), STAT_PCT,
	                     SS_SAT_OR_BASIC, SS_EVALUATED, HL},
	[SS_KEY_SUPERVISED] = {"key_supervised", N_("Key supervised"), N_("Key"),
	                       N_("items under key supervision (重点督办)"), STAT_COUNT, -1, -1, 0},
	[SS_SAT_OR_BASIC] = {"satisfied_or_basic", N_("Satisfied or basically satisfied"), NULL,
	                     NULL, STAT_COUNT, -1, -1, H},
};
#undef H
#undef HL
_Static_assert(sizeof sugg_cols / sizeof sugg_cols[0] == SS_NCOLS, "one entry a column");

/*
 * The items of a query: registered or merged, of ?1 the session (0 = all), ?2
 * the kind (NULL = both), ?3 the lead unit (0 = all), in the scope.
 */
#define ITEMS_WHERE                                                                                \
	"(s.number IS NOT NULL OR s.state = 'merged') AND (?1 = 0 OR s.session_id = ?1) AND "      \
	"(?2 IS NULL OR s.kind = ?2) AND (?3 = 0 OR s.lead_unit_id = ?3) AND " SUGG_SCOPE_SQL

/*
 * The deadline clocks (alias c), in one place: the reply and re-handling
 * deadlines (the on-time reply rate), with the opinion deadline (overdue
 * items); the return window is no deadline. ?5 is today (YYYY-MM-DD). A
 * deadline "has come" once it was answered (met or late) or its due day is
 * past with no answer; an answer by the due day is met.
 */
#define REPLY_CLOCK "c.clock IN ('reply', 'rehandle')"
#define DEADLINE_CLOCK "c.clock IN ('reply', 'rehandle', 'opinion')"
#define CLOCK_PAST "(c.stopped IS NULL AND c.due < ?5)"
#define CLOCK_COME "(c.outcome IN ('met', 'late') OR " CLOCK_PAST ")"
#define CLOCK_MET "c.outcome = 'met'"

/*
 * Each item's deadlines: past, those past their day and not answered (overdue); met,
 * the reply deadlines answered on time; come, those that have come. As of a past day
 * (kc), from every clock as it ran then; at present, the answered ones from the tally
 * the triggers keep (schema 21) and the running ones (RUNNING) from their index.
 * The items counted at present are read from the index that holds every column the
 * statistics count and group by (schema 21), not from their rows (with their texts).
 */
#define STAT_INDEX "INDEXED BY suggestion_stat"
#define RUNNING                                                                                    \
	"SELECT c.item_id, sum(" DEADLINE_CLOCK ") AS past, sum(" REPLY_CLOCK ") AS come FROM "    \
	"wf_clock c WHERE c.workflow = 'suggestion' AND " CLOCK_PAST " GROUP BY c.item_id"
#define CLOCKS_THEN                                                                                \
	"LEFT JOIN (SELECT c.item_id, sum(" DEADLINE_CLOCK " AND " CLOCK_PAST ") AS past, "        \
	"sum(" REPLY_CLOCK " AND " CLOCK_MET ") AS met, sum(" REPLY_CLOCK " AND " CLOCK_COME       \
	") AS come FROM wf_clock c WHERE c.workflow = 'suggestion' GROUP BY c.item_id) kc ON "    \
	"kc.item_id = s.id"

/*
 * As of a past time (?201, its day ?202: model/stat/stat.h), the tables the queries read are
 * shadowed by what the histories say of that time: an item that had a step by
 * then, in the state of its latest step, with the evaluation of its latest
 * evaluation step (the first line of its text, flow.c), the result class of its
 * lead deputy's latest reply round, key supervision once marked, the number and
 * lead unit once registered and assigned; a deadline started by that day, running
 * when it stopped after it; the meetings held by then.
 * An item closed by then (%s: in a state that dates its closing, closed_at by then)
 * has been as its row says since: no step leads out of such a state, and its
 * evaluation, reply class and key supervision come before it. Its histories are not
 * read (most items of past sessions).
 */
#define ASOF_ITEMS                                                                                 \
	"CREATE TEMP TABLE asof_suggestion AS WITH asof_s AS MATERIALIZED (SELECT s0.id, s0.kind, " \
	"s0.level, s0.town_id, s0.session_id, s0.number, s0.category_id, s0.lead_deputy_id, "      \
	"s0.merged_into, s0.lead_unit_id, "                                                          \
	"CASE WHEN %1$s THEN s0.state ELSE " STAT_ASOF_STATE("suggestion", "s0.id") " END AS st, "  \
	"CASE WHEN %1$s THEN s0.result_class_id ELSE (SELECT r.result_class_id FROM "             \
	"suggestion_reply r WHERE r.suggestion_id = s0.id AND r.role = 'lead' AND r.at <= ?201 "   \
	"ORDER BY r.round DESC LIMIT 1) END AS rc, CASE WHEN %1$s THEN s0.evaluation ELSE "         \
	STAT_ASOF_EVAL("suggestion", "s0.id") " END AS ev, CASE WHEN %1$s THEN s0.key_supervised "   \
	"ELSE EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = 'suggestion' AND e.item_id = "    \
	"s0.id AND e.action = 'supervise' AND e.at <= ?201) END AS ks FROM main.suggestion s0) "    \
	"SELECT x.id, x.kind, x.level, x.town_id, x.session_id, CASE WHEN x.st IN ('draft', "       \
	"'submitted') THEN NULL ELSE x.number END AS number, x.category_id, x.lead_deputy_id, "     \
	"x.st AS state, x.merged_into, CASE WHEN x.st IN ('draft', 'submitted', 'registered') "    \
	"THEN NULL ELSE x.lead_unit_id END AS lead_unit_id, x.rc AS result_class_id, "             \
	"nullif(x.ev, '') AS evaluation, x.ks AS key_supervised FROM asof_s x WHERE x.st IS NOT "   \
	"NULL"
/* The queries' WITH clauses as of then: the items as ASOF_ITEMS made them (once a call). */
#define ASOF_WITH                                                                                  \
	"WITH suggestion AS NOT MATERIALIZED (SELECT * FROM temp.asof_suggestion), "               \
	STAT_ASOF_CLOCKS ", suggestion_meeting AS NOT MATERIALIZED (SELECT * FROM "                \
	"main.suggestion_meeting WHERE recorded_at <= ?201) "

/* Makes (asof) or drops (NULL) the items as of then, temp.asof_suggestion. */
static int asof_items(sqlite3 *db, const char *asof)
{
	int rc = db_exec(db, "DROP TABLE IF EXISTS temp.asof_suggestion");
	if (rc || !asof)
		return rc;
	char *done = flow_closed_by_sql(&suggestion_flow, "s0.", "?201");
	char *sql = xasprintf(ASOF_ITEMS, done);
	sqlite3_stmt *st = db_prepare(db, sql, "");
	free(sql);
	free(done);
	if (!st)
		return RD_FAIL;
	stat_bind_asof(st, asof);
	rc = sqlite3_step(st) == SQLITE_DONE ? RD_OK : db_fail(db, _("suggestion statistics"));
	sqlite3_finalize(st);
	return rc;
}

/*
 * How each breakdown groups and names the items: the grouping expression on s,
 * the table k joined to it, the key and name taken from k, the list of every
 * key in order (g, key, name; bound like the item queries) and the name of the
 * row of items without a group.
 */
struct dim_sql {
	const char *group, *join, *key, *name, *keys, *none;
};

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
_Static_assert(sizeof dim_sql / sizeof dim_sql[0] == SS_BY_COUNT, "one entry a breakdown");

/* The rows under construction: their groups (as text; NULL for none), keys and names. */
struct build {
	struct stat_table t; /* rows in the order of the grouped query */
	char **g;
	int nclasses, class0; /* the first class column */
};

static struct stat_row *push(struct build *b, const char *g, const char *key, const char *name)
{
	b->g = xrealloc(b->g, (size_t)(b->t.n + 1) * sizeof *b->g);
	b->g[b->t.n] = g ? xstrdup(g) : NULL;
	return stat_table_add_row(&b->t, key, name);
}

static int find_g(const struct build *b, const char *g)
{
	for (int i = 0; i < b->t.n; i++)
		if ((!g && !b->g[i]) || (g && b->g[i] && !strcmp(g, b->g[i])))
			return i;
	return -1;
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

/* Reads the result classes in their order and adds a count and a share column for each. */
static int load_classes(sqlite3 *db, struct stat_table *t, int64_t **ids, int *nclasses)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT id, code, name FROM result_class ORDER BY sort, id", "");
	if (!st)
		return RD_FAIL;
	*ids = NULL;
	*nclasses = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int n = (*nclasses)++;
		*ids = xrealloc(*ids, (size_t)*nclasses * sizeof **ids);
		(*ids)[n] = sqlite3_column_int64(st, 0);
		const char *code = db_col(st, 1), *name = db_col(st, 2);
		char key[48], label[200], brief[64], def[300];
		snprintf(key, sizeof key, "class_%.30s", code);
		snprintf(label, sizeof label, "%s %s", code, name);
		snprintf(def, sizeof def, _("items whose latest reply is of class %s (%s)"), code,
		         name);
		int c = stat_table_add_col(t, key, label, code, def, STAT_COUNT, -1, -1, 0);
		snprintf(key, sizeof key, "share_%.30s", code);
		snprintf(label, sizeof label, _("Share of %s"), code);
		snprintf(brief, sizeof brief, _("%s %%"), code);
		snprintf(def, sizeof def, _("class %s / replied"), code);
		stat_table_add_col(t, key, label, brief, def, STAT_PCT, c, SS_REPLIED, 0);
	}
	sqlite3_finalize(st);
	return RD_OK;
}

/* Runs the grouped queries of a breakdown as of a past time: the items, then their
   result classes, read from the tables as ASOF_WITH makes them. */
static int aggregate(sqlite3 *db, const struct scope *sc, const struct dim_sql *ds, int64_t session,
                     const char *kind, int64_t unit, const int64_t *class_ids, const char *asof,
                     struct build *b)
{
	char today[11];
	snprintf(today, sizeof today, "%.10s", asof);
	struct sbuf open = SBUF_INIT;
	sbuf_putc(&open, '|');
	for (int i = 0; i < suggestion_flow.nstates; i++)
		if (suggestion_flow.states[i].open)
			sbuf_printf(&open, "%s|", suggestion_flow.states[i].name);
	struct sbuf q = SBUF_INIT;
	sbuf_puts(&q, ASOF_WITH);
	/* The deadlines of every item counted once, in one pass over the clocks by item. */
	sbuf_printf(
	    &q,
	    "SELECT %s AS g, %s, %s, sum(s.state <> 'merged'), sum(s.state = 'merged'), "
	    "sum(s.state <> 'merged' AND s.lead_unit_id IS NOT NULL), "
	    "sum(s.state = 'closed'), "
	    "sum(s.state <> 'merged' AND instr(?4, '|' || s.state || '|') > 0), "
	    "sum(s.state <> 'merged' AND coalesce(kc.past, 0) > 0), "
	    "sum(s.state <> 'merged' AND EXISTS (SELECT 1 FROM suggestion_meeting m WHERE "
	    "m.suggestion_id = s.id)), "
	    "sum(s.state <> 'merged' AND s.result_class_id IS NOT NULL), "
	    "sum(s.state <> 'merged' AND s.evaluation = 'satisfied'), "
	    "sum(s.state <> 'merged' AND s.evaluation = 'basic'), "
	    "sum(s.state <> 'merged' AND s.evaluation = 'unsatisfied'), "
	    "sum(s.state <> 'merged' AND s.evaluation IS NOT NULL), "
	    "sum(s.state <> 'merged' AND s.key_supervised), "
	    "sum(coalesce(kc.met, 0)), sum(coalesce(kc.come, 0)) FROM suggestion s %s " CLOCKS_THEN
	    " WHERE " ITEMS_WHERE " GROUP BY g ORDER BY g",
	    ds->group, ds->key, ds->name, ds->join);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&q), "");
	int rc = st ? RD_OK : RD_FAIL, src = SQLITE_DONE;
	if (st) {
		bind_items(st, sc, session, kind, unit);
		sqlite3_bind_text(st, 4, sbuf_str(&open), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
		stat_bind_asof(st, asof);
	}
	static const int cols[] = {SS_COUNT,          SS_MERGED,    SS_ASSIGNED,    SS_CLOSED,
	                           SS_OPEN,           SS_OVERDUE,   SS_MET,         SS_REPLIED,
	                           SS_SATISFIED,      SS_BASIC,     SS_UNSATISFIED, SS_EVALUATED,
	                           SS_KEY_SUPERVISED, SS_REPLY_MET, SS_REPLY_DUE};
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
		bool none = sqlite3_column_type(st, 0) == SQLITE_NULL;
		struct stat_row *r = push(b, none ? NULL : db_col(st, 0), none ? "" : db_col(st, 1),
		                          none ? (ds->none ? _(ds->none) : "") : db_col(st, 2));
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
			r->v[cols[i]] = sqlite3_column_int64(st, 3 + (int)i);
		r->v[SS_SAT_OR_BASIC] = r->v[SS_SATISFIED] + r->v[SS_BASIC];
	}
	if (st && src != SQLITE_DONE)
		rc = db_fail(db, _("suggestion statistics"));
	sqlite3_finalize(st);
	sbuf_free(&open);
	sbuf_reset(&q);
	if (!rc) {
		sbuf_puts(&q, ASOF_WITH);
		sbuf_printf(&q,
		            "SELECT %s AS g, s.result_class_id, count(*) FROM suggestion s "
		            "WHERE " ITEMS_WHERE
		            " AND s.state <> 'merged' AND s.result_class_id IS NOT NULL "
		            "GROUP BY g, s.result_class_id",
		            ds->group);
		st = db_prepare(db, sbuf_str(&q), "");
		rc = st ? RD_OK : RD_FAIL;
		if (st) {
			bind_items(st, sc, session, kind, unit);
			stat_bind_asof(st, asof);
		}
		while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
			int i = find_g(
			    b, sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : db_col(st, 0));
			int64_t cls = sqlite3_column_int64(st, 1);
			for (int c = 0; i >= 0 && c < b->nclasses; c++)
				if (class_ids[c] == cls)
					b->t.rows[i].v[b->class0 + 2 * c] =
					    sqlite3_column_int64(st, 2);
		}
		if (st && src != SQLITE_DONE)
			rc = db_fail(db, _("suggestion statistics"));
		sqlite3_finalize(st);
	}
	sbuf_free(&q);
	return rc;
}

/* Whether a state of the workflow is open. */
static bool state_open(const char *state)
{
	for (int i = 0; i < suggestion_flow.nstates; i++)
		if (!strcmp(suggestion_flow.states[i].name, state))
			return suggestion_flow.states[i].open;
	return false;
}

/* Text with every occurrence of from replaced by to (a new string). */
static char *replaced(const char *text, const char *from, const char *to)
{
	struct sbuf b = SBUF_INIT;
	size_t n = strlen(from);
	for (const char *p = text; *p;) {
		const char *hit = n ? strstr(p, from) : NULL;
		if (!hit) {
			sbuf_puts(&b, p);
			break;
		}
		sbuf_add(&b, p, (size_t)(hit - p));
		sbuf_puts(&b, to);
		p = hit + n;
	}
	return b.s ? sbuf_take(&b) : xstrdup("");
}

/* The row of the group in column 0 of st (NULL: none) in the build, pushed when new
   with the key and name of columns 1 and 2. */
static struct stat_row *row_of(struct build *b, const struct dim_sql *ds, sqlite3_stmt *st)
{
	bool none = sqlite3_column_type(st, 0) == SQLITE_NULL;
	const char *g = none ? NULL : db_col(st, 0);
	int i = find_g(b, g);
	if (i < 0) {
		push(b, g, none ? "" : db_col(st, 1),
		     none ? (ds->none ? _(ds->none) : "") : db_col(st, 2));
		i = b->t.n - 1;
	}
	return &b->t.rows[i];
}

/*
 * The breakdown at present, in four grouped queries that each read what they need
 * (one pass with every sum on every item costs about twice as much at 136,000 items):
 * the items by group and the values they are counted by (from the index that holds
 * them, suggestion_stat; the sums made here), the answered deadlines from the tally
 * (schema 21), the running deadlines past their day, and the items with a meeting.
 */
static int aggregate_now(sqlite3 *db, const struct scope *sc, const struct dim_sql *ds,
                         int64_t session, const char *kind, int64_t unit,
                         const int64_t *class_ids, struct build *b)
{
	char today[11];
	date_format(clock_today(), today);
	/* The key and name read from the group (x.g) once the groups are made. */
	char *join = replaced(ds->join, ds->group, "x.g");
	char *key = replaced(ds->key, ds->group, "x.g");
	char *name = replaced(ds->name, ds->group, "x.g");
	char *sql[4];
	sql[0] = xasprintf(
	    "SELECT x.g, %s, %s, x.state, x.evaluation, x.key_supervised, x.result_class_id, "
	    "x.assigned, x.n FROM (SELECT %s AS g, s.state, s.evaluation, s.key_supervised, "
	    "s.result_class_id, s.lead_unit_id IS NOT NULL AS assigned, count(*) AS n FROM "
	    "suggestion s " STAT_INDEX " WHERE " ITEMS_WHERE " GROUP BY 1, 2, 3, 4, 5, 6) x %s "
	    "ORDER BY x.g",
	    key, name, ds->group, join);
	sql[1] = xasprintf("SELECT %s AS g, sum(t.met), sum(t.answered) FROM suggestion s " STAT_INDEX
	                   " JOIN suggestion_tally t ON t.suggestion_id = s.id WHERE " ITEMS_WHERE
	                   " GROUP BY 1",
	                   ds->group);
	sql[2] = xasprintf("SELECT %s AS g, sum(s.state <> 'merged' AND r.past > 0), sum(r.come) "
	                   "FROM (" RUNNING ") r JOIN suggestion s ON s.id = r.item_id WHERE " ITEMS_WHERE
	                   " GROUP BY 1",
	                   ds->group);
	sql[3] = xasprintf("SELECT %s AS g, count(*) FROM suggestion s " STAT_INDEX " WHERE " ITEMS_WHERE
	                   " AND s.state <> 'merged' AND s.id IN (SELECT suggestion_id FROM "
	                   "suggestion_meeting) GROUP BY 1",
	                   ds->group);
	free(join);
	free(key);
	free(name);
	int rc = RD_OK;
	for (int q = 0; q < 4; q++) {
		sqlite3_stmt *st = rc ? NULL : db_prepare(db, sql[q], "");
		free(sql[q]);
		if (!rc && !st)
			rc = RD_FAIL;
		if (!st)
			continue;
		bind_items(st, sc, session, kind, unit);
		sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
		int src;
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			struct stat_row *r = row_of(b, ds, st);
			int64_t *v = r->v;
			if (q == 1) {
				v[SS_REPLY_MET] += sqlite3_column_int64(st, 1);
				v[SS_REPLY_DUE] += sqlite3_column_int64(st, 2);
				continue;
			}
			if (q == 2) {
				v[SS_OVERDUE] += sqlite3_column_int64(st, 1);
				v[SS_REPLY_DUE] += sqlite3_column_int64(st, 2);
				continue;
			}
			if (q == 3) {
				v[SS_MET] += sqlite3_column_int64(st, 1);
				continue;
			}
			const char *state = db_col(st, 3), *eval = db_col(st, 4);
			int64_t n = sqlite3_column_int64(st, 8);
			if (!strcmp(state, "closed"))
				v[SS_CLOSED] += n;
			if (!strcmp(state, "merged")) {
				v[SS_MERGED] += n;
				continue;
			}
			v[SS_COUNT] += n;
			v[SS_ASSIGNED] += sqlite3_column_int(st, 7) ? n : 0;
			v[SS_OPEN] += state_open(state) ? n : 0;
			v[SS_KEY_SUPERVISED] += sqlite3_column_int(st, 5) ? n : 0;
			if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
				v[SS_REPLIED] += n;
				for (int c = 0; c < b->nclasses; c++)
					if (class_ids[c] == sqlite3_column_int64(st, 6))
						v[b->class0 + 2 * c] += n;
			}
			if (*eval) {
				v[SS_EVALUATED] += n;
				v[SS_SATISFIED] += !strcmp(eval, "satisfied") ? n : 0;
				v[SS_BASIC] += !strcmp(eval, "basic") ? n : 0;
				v[SS_UNSATISFIED] += !strcmp(eval, "unsatisfied") ? n : 0;
			}
		}
		if (src != SQLITE_DONE)
			rc = db_fail(db, _("suggestion statistics"));
		sqlite3_finalize(st);
	}
	for (int i = 0; i < b->t.n; i++)
		b->t.rows[i].v[SS_SAT_OR_BASIC] = b->t.rows[i].v[SS_SATISFIED] + b->t.rows[i].v[SS_BASIC];
	return rc;
}

/* Appends a copy of row r of the build to t. */
static void table_take(struct stat_table *t, const struct stat_row *r, const char *key,
                       const char *name)
{
	struct stat_row *o = stat_table_add_row(t, key, name);
	if (r)
		memcpy(o->v, r->v, (size_t)t->ncols * sizeof *o->v);
}

/* Most items first, then by key; the row of items without a key last. */
static int by_count(const void *x, const void *y)
{
	const struct stat_row *a = x, *b = y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->v[SS_COUNT] != b->v[SS_COUNT])
		return a->v[SS_COUNT] > b->v[SS_COUNT] ? -1 : 1;
	return strcmp(a->key, b->key);
}

int sugg_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
               struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= SS_BY_COUNT) {
		char *names = stat_breakdown_names(&sugg_stat_providers[0]);
		err_set(RD_INVALID, _("--by: one of %s"), names);
		free(names);
		return RD_INVALID;
	}
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
	const struct stat_breakdown *bd = &sugg_stat_breakdowns[by];
	stat_table_init(out, sugg_cols, SS_NCOLS, bd->title, bd->label, N_("Items"));
	out->long_keys = bd->long_keys;
	out->word_keys = by == SS_BY_KIND;
	struct build b = {.class0 = SS_NCOLS};
	stat_table_init(&b.t, sugg_cols, SS_NCOLS, NULL, NULL, NULL);
	int64_t *class_ids = NULL;
	int rc = load_classes(db, out, &class_ids, &b.nclasses);
	if (!rc) {
		int64_t *ids2 = NULL;
		int n2;
		rc = load_classes(db, &b.t, &ids2, &n2);
		free(ids2);
	}
	const struct dim_sql *ds = &dim_sql[by];
	if (!rc && q->asof)
		rc = asof_items(db, q->asof);
	if (!rc)
		rc = q->asof ? aggregate(db, sc, ds, session, kind, unit, class_ids, q->asof, &b)
		             : aggregate_now(db, sc, ds, session, kind, unit, class_ids, &b);
	bool *used = xcalloc((size_t)b.t.n + 1, sizeof *used);
	/* Every key of the list in order, with its counts or none; then the rest. */
	char *keys = ds->keys ? xasprintf("%s%s", q->asof ? ASOF_WITH : "", ds->keys) : NULL;
	sqlite3_stmt *st = !rc && keys ? db_prepare(db, keys, "") : NULL;
	free(keys);
	if (!rc && ds->keys && !st)
		rc = RD_FAIL;
	if (st) {
		bind_items(st, sc, session, kind, unit);
		stat_bind_asof(st, q->asof);
	}
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int i = find_g(&b, db_col(st, 0));
		const struct stat_row *r = NULL;
		if (i >= 0 && !used[i]) {
			used[i] = true;
			r = &b.t.rows[i];
		}
		table_take(out, r, db_col(st, 1),
		           by == SS_BY_KIND ? kind_label(db_col(st, 0)) : db_col(st, 2));
	}
	sqlite3_finalize(st);
	int first = out->n;
	for (int i = 0; !rc && i < b.t.n; i++)
		if (!used[i])
			table_take(out, &b.t.rows[i], b.t.rows[i].key, b.t.rows[i].name);
	if (!rc && !ds->keys) {
		if (out->n > first) /* out->rows is NULL when there is no row */
			qsort(out->rows + first, (size_t)(out->n - first), sizeof *out->rows,
			      by_count);
		out->ranked = by == SS_BY_UNIT;
	}
	stat_table_sum(out);
	for (int i = 0; i < b.t.n; i++)
		free(b.g[i]);
	free(b.g);
	stat_table_free(&b.t);
	free(used);
	free(class_ids);
	if (q->asof && asof_items(db, NULL) && !rc)
		rc = RD_FAIL;
	if (rc)
		stat_table_free(out);
	return rc;
}

/* ---- the detail -------------------------------------------------------------- */

const struct ss_dcolinfo ss_dcols[] = {
	[SS_D_NUMBER] = {"number", N_("Number"), SD_TEXT, 14},
	[SS_D_KIND] = {"kind", N_("Kind"), SD_TEXT, 8},
	[SS_D_TITLE] = {"title", N_("Title"), SD_LONG, 40},
	[SS_D_CATEGORY] = {"category", N_("Category"), SD_TEXT, 12},
	[SS_D_DEPUTY] = {"deputy", N_("Lead deputy"), SD_TEXT, 12},
	[SS_D_COSIGNERS] = {"cosigners", N_("Co-signers"), SD_LONG, 30},
	[SS_D_STATE] = {"state", N_("Status"), SD_TEXT, 12},
	[SS_D_UNIT] = {"lead_unit", N_("Lead unit"), SD_TEXT, 30},
	[SS_D_SUPPORT] = {"support_units", N_("Supporting units"), SD_LONG, 30},
	[SS_D_ROLE] = {"role", N_("Role of the unit"), SD_TEXT, 10},
	[SS_D_ASSIGNED] = {"assigned", N_("Assigned on"), SD_DATE, 12},
	[SS_D_REPLY_DUE] = {"reply_due", N_("Reply by"), SD_DATE, 12},
	[SS_D_REPLY_OUTCOME] = {"reply_outcome", N_("Reply"), SD_TEXT, 10},
	[SS_D_REPLIED] = {"replied", N_("Replied on"), SD_DATE, 12},
	[SS_D_FOLLOWUP] = {"followup_reply", N_("Follow-up reply on"), SD_DATE, 12},
	[SS_D_CLASS] = {"result_class", N_("Result class"), SD_TEXT, 24},
	[SS_D_EVALUATION] = {"evaluation", N_("Evaluation"), SD_TEXT, 12},
	[SS_D_MEETINGS] = {"meetings", N_("Consultations"), SD_COUNT, 8},
	[SS_D_SUPERVISOR] = {"supervisor", N_("Key supervision by"), SD_TEXT, 16},
	[SS_D_MERGED_INTO] = {"merged_into", N_("Merged into"), SD_TEXT, 14},
	[SS_D_OPINION_DUE] = {"opinion_due", N_("Opinion by"), SD_DATE, 12},
	[SS_D_OPINION_AT] = {"opinion_at", N_("Opinion given on"), SD_DATE, 12},
	[SS_D_OPINION] = {"opinion", N_("Opinion to the lead unit"), SD_LONG, 40},
	[SS_D_PROPOSAL] = {"proposal", N_("Proposal"), SD_LONG, 60},
};
_Static_assert(sizeof ss_dcols / sizeof ss_dcols[0] == SS_NDCOLS, "one entry a column");

/* An item's number from the aliases s (item) and cs (its session). */
#define DNUMBER_SQL(s, cs)                                                                         \
	"CASE WHEN " s ".number IS NULL THEN '' ELSE " cs ".code || '-' || CASE " s ".kind WHEN "  \
	"'motion' THEN 'M' ELSE 'S' END || printf('%03d', " s ".number) END"

/* The latest reply or re-handling deadline of the item s that was not cancelled: column x. */
#define LAST_REPLY_CLOCK(x)                                                                        \
	"(SELECT " x                                                                               \
	" FROM wf_clock c WHERE c.workflow = 'suggestion' AND c.item_id = s.id AND " REPLY_CLOCK   \
	" AND coalesce(c.outcome, '') <> 'cancelled' ORDER BY c.id DESC LIMIT 1)"
/* The day of the item's latest reply (a written reply with a result class). */
#define LAST_REPLY_DAY                                                                             \
	"(SELECT substr(max(e.at), 1, 10) FROM wf_event e WHERE e.workflow = 'suggestion' AND "    \
	"e.item_id = s.id AND e.action = 'reply')"

/* The detail query; ?6 the unit of a handling sheet (0 = none). */
static const char detail_sql[] =
    "SELECT " DNUMBER_SQL(
        "s", "cs") ", s.kind, s.title, c.name, d.name, "
                   "coalesce((SELECT group_concat(x.name, '、') FROM (SELECT dd.name FROM "
                   "suggestion_cosigner c2 "
                   "JOIN deputy dd ON dd.id = c2.deputy_id WHERE c2.suggestion_id = s.id AND "
                   "c2.status = 'confirmed' ORDER BY dd.code) AS x), ''), s.state, "
                   "coalesce(u.name, ''), "
                   "coalesce((SELECT group_concat(x.name, '; ') FROM (SELECT n.name FROM "
                   "suggestion_unit su "
                   "JOIN unit n ON n.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = "
                   "'support' "
                   "ORDER BY n.code) AS x), ''), "
                   "coalesce(me.role, ''), "
                   "coalesce((SELECT substr(su.assigned_at, 1, 10) FROM suggestion_unit su WHERE "
                   "su.suggestion_id = s.id AND su.role = 'lead'), ''), "
                   "coalesce(" LAST_REPLY_CLOCK(
                       "c.due") ", ''), "
                                "coalesce(" LAST_REPLY_CLOCK(
                                    "coalesce(c.outcome, 'running')") ", ''), "
                                                                      "coalesce(" LAST_REPLY_CLOCK(
                                                                          "substr(c.stopped, 1, "
                                                                          "10)") ", ''), "
                                                                                 /* A reply later
                                                                                    than the one
                                                                                    that stopped the
                                                                                    latest deadline:
                                                                                    a follow-up
                                                                                    reply. */
                                                                                 "CASE "
                                                                                 "WHEN"
                                                                                 " " LAST_REPLY_DAY
                                                                                 " >"
                                                                                 " " LAST_REPLY_CLOCK(
                                                                                     "substr(c."
                                                                                     "stopped, 1, "
                                                                                     "10)") " THEN"
                                                                                            " " LAST_REPLY_DAY
                                                                                            " ELSE "
                                                                                            "'' "
                                                                                            "END, "
                                                                                            "coales"
                                                                                            "ce(rc."
                                                                                            "code "
                                                                                            "|| ' "
                                                                                            "' || "
                                                                                            "rc."
                                                                                            "name, "
                                                                                            "''), "
                                                                                            "coales"
                                                                                            "ce(s."
                                                                                            "evalua"
                                                                                            "tion, "
                                                                                            "''), "
                                                                                            "(SELEC"
                                                                                            "T "
                                                                                            "count("
                                                                                            "*) "
                                                                                            "FROM "
                                                                                            "sugges"
                                                                                            "tion_"
                                                                                            "meetin"
                                                                                            "g m "
                                                                                            "WHERE "
                                                                                            "m."
                                                                                            "sugges"
                                                                                            "tion_"
                                                                                            "id = "
                                                                                            "s.id),"
                                                                                            " "
                                                                                            "CASE "
                                                                                            "WHEN "
                                                                                            "s.key_"
                                                                                            "superv"
                                                                                            "ised "
                                                                                            "THEN "
                                                                                            "s."
                                                                                            "superv"
                                                                                            "isor "
                                                                                            "ELSE "
                                                                                            "'' "
                                                                                            "END, "
                                                                                            "coales"
                                                                                            "ce(("
                                                                                            "SELECT"
                                                                                            " " DNUMBER_SQL(
                                                                                                "m",
                                                                                                "m"
                                                                                                "c") " FROM suggestion m JOIN congress_session mc ON "
                                                                                                     "mc.id = m.session_id WHERE m.id = s.merged_into), ''), "
                                                                                                     "CASE WHEN me.role = 'support' THEN coalesce((SELECT c.due FROM wf_clock c WHERE "
                                                                                                     "c.workflow = 'suggestion' AND c.item_id = s.id AND c.clock = 'opinion' ORDER BY c.id DESC "
                                                                                                     "LIMIT 1), '') ELSE '' END, "
                                                                                                     "CASE WHEN me.role = 'support' THEN coalesce(substr(me.opinion_at, 1, 10), '') ELSE '' END, "
                                                                                                     "CASE WHEN me.role = 'support' THEN me.opinion ELSE '' END, "
                                                                                                     "s.proposal FROM suggestion s JOIN congress_session cs ON cs.id = s.session_id "
                                                                                                     "JOIN category c ON c.id = s.category_id JOIN deputy d ON d.id = s.lead_deputy_id "
                                                                                                     "LEFT JOIN unit u ON u.id = s.lead_unit_id "
                                                                                                     "LEFT JOIN result_class rc ON rc.id = s.result_class_id "
                                                                                                     "LEFT JOIN suggestion_unit me ON me.suggestion_id = s.id AND me.unit_id = ?6 "
                                                                                                     "WHERE " ITEMS_WHERE
                                                                                                     " AND (?6 = 0 OR me.unit_id IS NOT NULL) "
                                                                                                     "ORDER BY cs.start_date, cs.id, s.kind, s.number IS NULL, s.number, s.id";

struct ss_detail {
	sqlite3 *db;
	sqlite3_stmt *st;
	char today[11], meetings[16];
	const char *state_labels[16], *eval_labels[3], *kind_labels[2], *role_labels[2];
	const char *outcome_labels[5];
};

struct ss_detail *ss_detail_open(sqlite3 *db, const struct scope *sc, const struct stat_query *q,
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
	d->st = db_prepare(db, detail_sql, "");
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
	const char *state = db_col(st, SS_D_STATE);
	for (int i = 0; i < suggestion_flow.nstates && i < 16; i++)
		if (!strcmp(suggestion_flow.states[i].name, state))
			vals[SS_D_STATE] = d->state_labels[i];
	vals[SS_D_KIND] = d->kind_labels[strcmp(db_col(st, SS_D_KIND), "motion") != 0];
	const char *role = db_col(st, SS_D_ROLE);
	vals[SS_D_ROLE] = !*role ? "" : d->role_labels[strcmp(role, "lead") != 0];
	const char *eval = db_col(st, SS_D_EVALUATION);
	vals[SS_D_EVALUATION] = !strcmp(eval, "satisfied") ? d->eval_labels[0]
	                        : !strcmp(eval, "basic")   ? d->eval_labels[1]
	                        : *eval                    ? d->eval_labels[2]
	                                                   : "";
	const char *o = db_col(st, SS_D_REPLY_OUTCOME), *due = db_col(st, SS_D_REPLY_DUE);
	vals[SS_D_REPLY_OUTCOME] = !strcmp(o, "met")    ? d->outcome_labels[0]
	                           : !strcmp(o, "late") ? d->outcome_labels[1]
	                           : !strcmp(o, "running")
	                               ? d->outcome_labels[strcmp(due, d->today) < 0 ? 3 : 2]
	                               : d->outcome_labels[4];
	snprintf(d->meetings, sizeof d->meetings, "%d", sqlite3_column_int(st, SS_D_MEETINGS));
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
