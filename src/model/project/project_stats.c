#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/flow/flow.h"
#include "model/project/project.h"
#include "model/project/project_scope.h"
#include "model/project/project_stats.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* clang-format off */
const struct stat_breakdown project_stat_breakdowns[] = {
	[PS_BY_LEVEL] = {"level", N_("Level"), N_("Livelihood projects by level"), false},
	[PS_BY_TOWN] = {"town", N_("Congress"), N_("Livelihood projects by congress"), false},
	[PS_BY_PROJECT] = {"project", N_("Project"), N_("Progress by project"), true},
	[PS_BY_SATISFACTION] = {"satisfaction", N_("Project"), N_("Satisfaction by project"), true},
};
const struct stat_breakdown proposal_stat_breakdowns[] = {
	[PP_BY_LEVEL] = {"level", N_("Level"), N_("Proposals collected by level"), false},
	[PP_BY_TOWN] = {"town", N_("Congress"), N_("Proposals collected by congress"), false},
};
/* clang-format on */

const struct stat_provider project_stat_providers[] = {
    {"projects", N_("Livelihood projects"), project_stat_breakdowns, PS_BY_COUNT,
     STAT_OPT_YEAR | STAT_OPT_TOWN | STAT_OPT_BY_FIRST | STAT_OPT_ASOF, "project-stats",
     project_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
const struct stat_provider proposal_stat_providers[] = {
    {"proposals", N_("Proposals for livelihood projects"), proposal_stat_breakdowns, PP_BY_COUNT,
     STAT_OPT_YEAR | STAT_OPT_TOWN | STAT_OPT_BY_FIRST, "proposal-stats", proposal_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* The one place where what each figure counts is written. */
#define H STAT_HIDDEN
#define HL STAT_HEADLINE
/* clang-format off */
static const struct stat_coldef project_cols[] = {
	[PS_PROJECTS] = {"projects", N_("Projects"), N_("Projects"),
	                 N_("projects chosen by the vote of the year's cycles, within the scope"),
	                 STAT_COUNT, -1, -1, HL},
	[PS_COMPLETED] = {"completed", N_("Completed projects"), N_("Completed"),
	                  N_("projects whose latest progress update reports them done (100%)"),
	                  STAT_COUNT, -1, -1, HL},
	[PS_PROGRESS] = {"progress", N_("Average progress (%)"), N_("Progress %"),
	                 N_("the share done of the latest progress updates, averaged over the "
	                    "projects (0 for a project without an update)"),
	                 STAT_FIXED2, PS_PERCENT_SUM, PS_PROJECTS, HL},
	[PS_UPDATES] = {"updates", N_("Progress updates"), N_("Updates"),
	                N_("progress updates the departments entered for the projects"),
	                STAT_COUNT, -1, -1, HL},
	[PS_MISSED] = {"months_missed", N_("Months without an update"), N_("Months missed"),
	               N_("times a month passed without a progress update: updates that came "
	                  "after the month, and a month past now with none"),
	               STAT_COUNT, -1, -1, 0},
	[PS_OPINIONS] = {"opinions", N_("Opinions"), N_("Opinions"),
	                 N_("opinions (意见建议) of deputies and deputy groups on the projects"),
	                 STAT_COUNT, -1, -1, HL},
	[PS_ANSWERED] = {"answered", N_("Opinions answered"), N_("Answered"),
	                 N_("opinions the department has answered"), STAT_COUNT, -1, -1, HL},
	[PS_ANSWER_DUE] = {"answer_due", N_("Answers due"), N_("Answers due"),
	                   N_("opinions whose time to answer has come: answered (in time or late) "
	                      "and those past it with no answer yet"),
	                   STAT_COUNT, -1, -1, 0},
	[PS_ANSWER_MET] = {"answered_on_time", N_("Answered in time"), N_("In time"),
	                   N_("opinions answered within their time"), STAT_COUNT, -1, -1, 0},
	[PS_ANSWER_RATE] = {"answer_rate", N_("Answered-in-time rate"), N_("In time %"),
	                    N_("answered in time / answers due: an opinion past its time with no "
	                       "answer counts against the rate"),
	                    STAT_PCT, PS_ANSWER_MET, PS_ANSWER_DUE, HL},
	[PS_OPINIONS_OVERDUE] = {"opinions_overdue", N_("Opinions overdue"), N_("Overdue"),
	                         N_("opinions past their time with no answer, as of the report "
	                            "time"),
	                         STAT_COUNT, -1, -1, HL},
	[PS_RATED] = {"rated", N_("Projects rated"), N_("Rated"),
	              N_("projects rated by the year's satisfaction evaluation"), STAT_COUNT, -1, -1,
	              0},
	[PS_SATISFIED] = {"rated_satisfied", N_("Rated satisfied"), N_("Satisfied"),
	                  N_("projects rated satisfied (满意): satisfied votes more than half of the "
	                     "valid ballots"),
	                  STAT_COUNT, -1, -1, 0},
	[PS_BASIC] = {"rated_basic", N_("Rated basically satisfied"), N_("Basic"),
	              N_("projects rated basically satisfied (基本满意): satisfied and basically "
	                 "satisfied votes together more than half"),
	              STAT_COUNT, -1, -1, 0},
	[PS_UNSATISFIED] = {"rated_unsatisfied", N_("Rated unsatisfied"), N_("Unsatisfied"),
	                    N_("projects rated unsatisfied (不满意): neither"), STAT_COUNT, -1, -1,
	                    0},
	[PS_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), N_("Satisfaction %"),
	                     N_("(satisfied + basically satisfied votes) / valid ballots of the "
	                        "year's evaluation, over the projects rated"),
	                     STAT_PCT, PS_SAT_OR_BASIC, PS_VALID, HL},
	[PS_REEVALUATED] = {"reevaluated", N_("Evaluated again"), N_("Again"),
	                    N_("projects rated unsatisfied or in the bottom, investigated, "
	                       "deliberated and evaluated a second time"),
	                    STAT_COUNT, -1, -1, 0},
	[PS_APPRAISED] = {"appraised", N_("Third-party evaluations"), N_("Third party"),
	                  N_("projects with a third-party performance evaluation"), STAT_COUNT, -1,
	                  -1, 0},
	[PS_RECTIFY] = {"rectify_items", N_("Rectification items"), N_("Rectify"),
	                N_("rectification items of the third-party evaluations"), STAT_COUNT, -1,
	                -1, 0},
	[PS_RECTIFIED] = {"rectified", N_("Rectification items done"), N_("Done"),
	                  N_("rectification items reported done"), STAT_COUNT, -1, -1, 0},
	[PS_BUDGET] = {"budget_yuan", N_("Budget (yuan)"), N_("Budget"),
	               N_("the projects' budgets, whole yuan"), STAT_COUNT, -1, -1, 0},
	[PS_SPENT] = {"spent_yuan", N_("Spent (yuan)"), N_("Spent"),
	              N_("money spent to date by the latest progress updates, whole yuan"),
	              STAT_COUNT, -1, -1, 0},
	[PS_PERCENT_SUM] = {"percent_sum", N_("Progress, summed"), NULL, NULL, STAT_COUNT, -1, -1, H},
	[PS_VALID] = {"valid_ballots", N_("Valid ballots of the ratings"), NULL, NULL, STAT_COUNT,
	              -1, -1, H},
	[PS_SAT_OR_BASIC] = {"satisfied_or_basic", N_("Satisfied or basically satisfied votes"),
	                     NULL, NULL, STAT_COUNT, -1, -1, H},
};
static const struct stat_coldef proposal_cols[] = {
	[PP_PROPOSALS] = {"proposals", N_("Proposals"), N_("Proposals"),
	                  N_("proposals collected for the year's cycles (征集), within the scope"),
	                  STAT_COUNT, -1, -1, HL},
	[PP_DEPUTY] = {"from_deputies", N_("From deputies"), N_("Deputies"),
	               N_("proposals of deputies"), STAT_COUNT, -1, -1, 0},
	[PP_GROUP] = {"from_groups", N_("From deputy groups"), N_("Groups"),
	              N_("proposals of deputy groups"), STAT_COUNT, -1, -1, 0},
	[PP_PUBLIC] = {"from_public", N_("From the public"), N_("Public"),
	               N_("proposals of the public"), STAT_COUNT, -1, -1, 0},
	[PP_GOVERNMENT] = {"from_government", N_("From the government"), N_("Government"),
	                   N_("candidates the government put on its preliminary list"),
	                   STAT_COUNT, -1, -1, 0},
	[PP_ADOPTED] = {"adopted", N_("Adopted as candidates"), N_("Adopted"),
	                N_("proposals adopted as candidates"), STAT_COUNT, -1, -1, HL},
	[PP_ADOPTED_RATE] = {"adopted_rate", N_("Deputies' proposals adopted"), N_("Adopted %"),
	                     N_("proposals of deputies and groups adopted / proposals of deputies "
	                        "and groups"),
	                     STAT_PCT, -1, PP_FROM_DEPUTIES, 0},
	[PP_DECLINED] = {"declined", N_("Not adopted"), N_("Declined"),
	                 N_("proposals not adopted, with the reason"), STAT_COUNT, -1, -1, 0},
	[PP_CHOSEN] = {"chosen", N_("Chosen by the vote"), N_("Chosen"),
	               N_("candidates chosen: yes votes from more than the rule's share of all "
	                  "the congress's deputies, among the top ones"),
	               STAT_COUNT, -1, -1, HL},
	[PP_PASSED] = {"passed", N_("Passed, not chosen"), N_("Passed"),
	               N_("candidates that passed but ranked below the projects to choose"),
	               STAT_COUNT, -1, -1, 0},
	[PP_FAILED] = {"failed", N_("Failed"), N_("Failed"),
	               N_("candidates without enough yes votes"), STAT_COUNT, -1, -1, 0},
	[PP_FROM_DEPUTIES] = {"deputies_and_groups", N_("From deputies and groups"), NULL, NULL,
	                      STAT_COUNT, -1, -1, H},
};
/* clang-format on */
#undef H
#undef HL
_Static_assert(sizeof project_cols / sizeof project_cols[0] == PS_NCOLS, "one entry a column");
_Static_assert(sizeof proposal_cols / sizeof proposal_cols[0] == PP_NCOLS, "one entry a column");

/* The adopted rate's numerator is a column of its own: deputies' and groups' adopted. */
enum { PP_DEPUTIES_ADOPTED = PP_NCOLS };

/* ---- the query ------------------------------------------------------------------- */

/* The town of q (0: all in scope); RD_INVALID naming it when unknown. */
static int query_town(sqlite3 *db, const struct stat_query *q, int64_t *town)
{
	*town = 0;
	if (!q->town || !*q->town)
		return RD_OK;
	return flow_lookup(db, "town", "town", q->town, town) ? RD_INVALID : RD_OK;
}

/* The rows every table of a breakdown by level or congress starts with (zero rows too). */
static void key_rows(sqlite3 *db, const struct scope *sc, int64_t town, bool by_town,
                     struct stat_table *t)
{
	bool all = sc->role != ROLE_UNIT;
	bool city = all && sc->role != ROLE_TOWN_CLERK && !town;
	if (!by_town) {
		if (city)
			stat_table_add_row(t, "city", _("city"));
		if (all)
			stat_table_add_row(t, "town", _("town"));
		return;
	}
	if (city)
		stat_table_add_row(t, "CITY", _("city"));
	if (!all)
		return;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code, name FROM town WHERE kind = 'town' AND active AND "
	               "(?1 = 0 OR id = ?1) AND (?2 = 0 OR id = ?2) ORDER BY sort, id",
	               "ii", town, sc->role == ROLE_TOWN_CLERK ? sc->town_id : (int64_t)0);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		stat_table_add_row(t, db_col(st, 0), db_col(st, 1));
	sqlite3_finalize(st);
}

/* The row of key, added (empty) when the table has none yet. */
static struct stat_row *row_of(struct stat_table *t, const char *key, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].key, key))
			return &t->rows[i];
	return stat_table_add_row(t, key, name);
}

/* ---- projects -------------------------------------------------------------------- */

#define FACTS_SQL                                                                                  \
	"SELECT p.number, p.title, coalesce(tc.code, ''), coalesce(tc.name, ''), p.percent, "      \
	"coalesce(p.budget, 0) / 100, p.spent / 100, "                                             \
	"(SELECT count(*) FROM pupdate u WHERE u.project_id = p.id), "                             \
	"(SELECT count(*) FROM wf_clock k WHERE k.workflow = 'project' AND k.item_id = p.id AND "  \
	"k.clock = 'update' AND (k.outcome = 'late' OR (k.stopped IS NULL AND k.due < "            \
	"?202))), "                                                                                \
	"(SELECT count(*) FROM popinion o WHERE o.project_id = p.id), "                            \
	"(SELECT count(*) FROM popinion o WHERE o.project_id = p.id AND o.state = 'answered'), "   \
	"(SELECT count(*) FROM popinion o CROSS JOIN wf_clock k ON k.item_id = o.id WHERE "        \
	"k.workflow = "                                                                            \
	"'project-opinion' AND k.clock = 'answer' AND o.project_id = p.id AND (k.outcome IN "      \
	"('met', 'late') OR (k.stopped IS NULL AND k.due < ?202))), "                              \
	"(SELECT count(*) FROM popinion o CROSS JOIN wf_clock k ON k.item_id = o.id WHERE "        \
	"k.workflow = "                                                                            \
	"'project-opinion' AND k.clock = 'answer' AND o.project_id = p.id AND k.outcome = "        \
	"'met'), "                                                                                 \
	"(SELECT count(*) FROM popinion o CROSS JOIN wf_clock k ON k.item_id = o.id WHERE "        \
	"k.workflow = "                                                                            \
	"'project-opinion' AND k.clock = 'answer' AND o.project_id = p.id AND k.stopped IS NULL "  \
	"AND k.due < ?202), "                                                                      \
	"coalesce(r1.rating, ''), coalesce(r1.satisfied, 0), coalesce(r1.basic, 0), "              \
	"coalesce(r1.valid, 0), "                                                                  \
	"EXISTS (SELECT 1 FROM prating x JOIN pballot b ON b.id = x.ballot_id WHERE "              \
	"x.project_id = p.id AND b.round = 2 AND x.rating IS NOT NULL), "                          \
	"(SELECT count(*) FROM pappraisal a WHERE a.project_id = p.id), "                          \
	"(SELECT count(*) FROM prectify x WHERE x.project_id = p.id), "                            \
	"(SELECT count(*) FROM prectify x WHERE x.project_id = p.id AND x.state = 'done') "        \
	"FROM pproject p JOIN pcycle c ON c.id = p.cycle_id LEFT JOIN town tc ON tc.id = "         \
	"p.town_id LEFT JOIN (SELECT x.project_id, x.rating, x.satisfied, x.basic, b.valid FROM "  \
	"prating x JOIN pballot b ON b.id = x.ballot_id WHERE b.round = 1 AND x.rating IS NOT "    \
	"NULL) r1 ON r1.project_id = p.id WHERE c.year = ?1 AND (?2 = 0 OR p.town_id = ?2) "       \
	"AND " PPROJECT_SCOPE_SQL " ORDER BY p.number"

/*
 * As of a past time (model/stat/stat.h: ?201, ?202) the tables FACTS_SQL reads are
 * what the histories say of that time: the projects that had a step by then, with the
 * progress and spending of the latest update recorded by then; the updates, opinions,
 * appraisals and rectification items recorded by then, an opinion in the state of its
 * latest step, an item done if it was done by then; the ratings of ballots counted by
 * then; the deadlines as they ran.
 */
/* clang-format off */
#define ASOF_WITH                                                                                  \
	"WITH pproject AS MATERIALIZED (SELECT p0.id, p0.cycle_id, p0.town_id, p0.number, "        \
	"p0.title, p0.budget, coalesce(u.percent, 0) AS percent, coalesce(u.spent, 0) AS spent "   \
	"FROM main.pproject p0 LEFT JOIN main.pupdate u ON u.id = (SELECT u2.id FROM "             \
	"main.pupdate u2 WHERE u2.project_id = p0.id AND u2.at <= ?201 ORDER BY u2.day DESC, "     \
	"u2.at DESC, u2.id DESC LIMIT 1) WHERE " STAT_ASOF_STATE("project", "p0.id") " IS NOT "    \
	"NULL), pupdate AS NOT MATERIALIZED (SELECT * FROM main.pupdate WHERE at <= ?201), "       \
	STAT_ASOF_CLOCKS ", popinion AS MATERIALIZED (SELECT o0.id, o0.project_id, "               \
	STAT_ASOF_STATE("project-opinion", "o0.id") " AS state FROM main.popinion o0 WHERE "       \
	STAT_ASOF_STATE("project-opinion", "o0.id") " IS NOT NULL), prating AS NOT MATERIALIZED "  \
	"(SELECT x.* FROM main.prating x JOIN main.pballot b ON b.id = x.ballot_id WHERE "         \
	"b.counted_at <= ?201), pappraisal AS NOT MATERIALIZED (SELECT * FROM main.pappraisal "    \
	"WHERE at <= ?201), prectify AS NOT MATERIALIZED (SELECT id, project_id, CASE WHEN "       \
	"done_at <= ?201 THEN state ELSE 'open' END AS state FROM main.prectify WHERE at <= ?201) "
/* clang-format on */

/* Adds one project's figures (a row of FACTS_SQL) to row r. */
static void add_project(sqlite3_stmt *st, struct stat_row *r)
{
	int64_t *v = r->v;
	int pct = sqlite3_column_int(st, 4);
	const char *rating = db_col(st, 14);
	v[PS_PROJECTS]++;
	v[PS_COMPLETED] += pct >= 100;
	v[PS_PERCENT_SUM] += pct;
	v[PS_BUDGET] += sqlite3_column_int64(st, 5);
	v[PS_SPENT] += sqlite3_column_int64(st, 6);
	v[PS_UPDATES] += sqlite3_column_int64(st, 7);
	v[PS_MISSED] += sqlite3_column_int64(st, 8);
	v[PS_OPINIONS] += sqlite3_column_int64(st, 9);
	v[PS_ANSWERED] += sqlite3_column_int64(st, 10);
	v[PS_ANSWER_DUE] += sqlite3_column_int64(st, 11);
	v[PS_ANSWER_MET] += sqlite3_column_int64(st, 12);
	v[PS_OPINIONS_OVERDUE] += sqlite3_column_int64(st, 13);
	if (*rating) {
		v[PS_RATED]++;
		v[PS_SATISFIED] += !strcmp(rating, "satisfied");
		v[PS_BASIC] += !strcmp(rating, "basic");
		v[PS_UNSATISFIED] += !strcmp(rating, "unsatisfied");
		v[PS_SAT_OR_BASIC] += sqlite3_column_int64(st, 15) + sqlite3_column_int64(st, 16);
		v[PS_VALID] += sqlite3_column_int64(st, 17);
	}
	v[PS_REEVALUATED] += sqlite3_column_int64(st, 18);
	v[PS_APPRAISED] += sqlite3_column_int64(st, 19);
	v[PS_RECTIFY] += sqlite3_column_int64(st, 20);
	v[PS_RECTIFIED] += sqlite3_column_int64(st, 21);
}

/* Orders rows by satisfaction rate, most first; then satisfied votes; then key. */
static int by_satisfaction(const void *a, const void *b)
{
	const struct stat_row *x = a, *y = b;
	/* sb_x / valid_x against sb_y / valid_y, as whole numbers. */
	int64_t l = x->v[PS_SAT_OR_BASIC] * y->v[PS_VALID],
	        r = y->v[PS_SAT_OR_BASIC] * x->v[PS_VALID];
	if (l != r)
		return l > r ? -1 : 1;
	return strcmp(x->key, y->key);
}

int project_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                  struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= PS_BY_COUNT)
		return err_set(RD_INVALID, _("no breakdown %d of the projects"), by);
	int64_t town;
	if (query_town(db, q, &town))
		return RD_INVALID;
	int year = stat_year(q);
	const struct stat_breakdown *b = &project_stat_breakdowns[by];
	stat_table_init(out, project_cols, PS_NCOLS, b->title, b->label, N_("Projects"));
	out->long_keys = b->long_keys;
	out->ranked = by == PS_BY_SATISFACTION;
	out->word_keys = by == PS_BY_LEVEL;
	if (by == PS_BY_LEVEL || by == PS_BY_TOWN)
		key_rows(db, sc, town, by == PS_BY_TOWN, out);
	sqlite3_stmt *st =
	    db_prepare(db, q->asof ? ASOF_WITH FACTS_SQL : FACTS_SQL, "di", year, town);
	if (!st) {
		stat_table_free(out);
		return RD_FAIL;
	}
	project_scope_bind(st, sc);
	/* ?202 is the day the deadlines are read at: the as-of day, or today. */
	char today[11];
	date_format(clock_today(), today);
	stat_bind_asof(st, q->asof);
	if (!q->asof)
		sqlite3_bind_text(st, 202, today, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_col(st, 2);
		struct stat_row *r;
		switch (by) {
		case PS_BY_LEVEL:
			r = *code ? row_of(out, "town", _("town")) : row_of(out, "city", _("city"));
			break;
		case PS_BY_TOWN:
			r = *code ? row_of(out, code, db_col(st, 3))
			          : row_of(out, "CITY", _("city"));
			break;
		case PS_BY_SATISFACTION:
			if (!*db_col(st, 14))
				continue; /* not rated (yet) */
			                  /* fall through */
		default: r = stat_table_add_row(out, db_col(st, 0), db_col(st, 1));
		}
		add_project(st, r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		stat_table_free(out);
		return db_fail(db, _("statistics of the projects"));
	}
	if (by == PS_BY_SATISFACTION)
		xqsort(out->rows, (size_t)out->n, sizeof *out->rows, by_satisfaction);
	stat_table_sum(out);
	return RD_OK;
}

/* ---- proposals -------------------------------------------------------------------- */

int proposal_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                   struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= PP_BY_COUNT)
		return err_set(RD_INVALID, _("no breakdown %d of the proposals"), by);
	int64_t town;
	if (query_town(db, q, &town))
		return RD_INVALID;
	int year = stat_year(q);
	const struct stat_breakdown *b = &proposal_stat_breakdowns[by];
	stat_table_init(out, proposal_cols, PP_NCOLS, b->title, b->label, N_("Proposals"));
	/* The adopted rate's numerator: the deputies' and groups' proposals adopted. */
	int adopted_of_deputies = stat_table_add_col(out, "deputies_adopted",
	                                             _("Deputies' and groups' proposals adopted"),
	                                             NULL, NULL, STAT_COUNT, -1, -1, STAT_HIDDEN);
	out->cols[PP_ADOPTED_RATE].num = adopted_of_deputies;
	out->word_keys = by == PP_BY_LEVEL;
	key_rows(db, sc, town, by == PP_BY_TOWN, out);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT coalesce(t.code, ''), coalesce(t.name, ''), r.source, "
	               "r.state, coalesce(r.result, '') FROM pproposal r JOIN pcycle c "
	               "ON c.id = r.cycle_id LEFT JOIN town t ON t.id = r.town_id WHERE "
	               "c.year = ?1 AND (?2 = 0 OR r.town_id = ?2) AND " PPROPOSAL_SCOPE_SQL,
	               "di", year, town);
	if (!st) {
		stat_table_free(out);
		return RD_FAIL;
	}
	project_scope_bind(st, sc);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_col(st, 0), *source = db_col(st, 2), *state = db_col(st, 3),
		           *result = db_col(st, 4);
		struct stat_row *r = by == PP_BY_LEVEL ? (*code ? row_of(out, "town", _("town"))
		                                                : row_of(out, "city", _("city")))
		                                       : (*code ? row_of(out, code, db_col(st, 1))
		                                                : row_of(out, "CITY", _("city")));
		int64_t *v = r->v;
		bool deputies = !strcmp(source, "deputy") || !strcmp(source, "group");
		v[PP_PROPOSALS]++;
		v[PP_DEPUTY] += !strcmp(source, "deputy");
		v[PP_GROUP] += !strcmp(source, "group");
		v[PP_PUBLIC] += !strcmp(source, "public");
		v[PP_GOVERNMENT] += !strcmp(source, "government");
		v[PP_FROM_DEPUTIES] += deputies;
		v[PP_ADOPTED] += !strcmp(state, "candidate");
		v[adopted_of_deputies] += deputies && !strcmp(state, "candidate");
		v[PP_DECLINED] += !strcmp(state, "declined");
		v[PP_CHOSEN] += !strcmp(result, "chosen");
		v[PP_PASSED] += !strcmp(result, "passed");
		v[PP_FAILED] += !strcmp(result, "failed");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		stat_table_free(out);
		return db_fail(db, _("statistics of the proposals"));
	}
	stat_table_sum(out);
	return RD_OK;
}

/* ---- the detail ---------------------------------------------------------------------- */

int project_stat_detail(sqlite3 *db, const struct scope *sc, const struct stat_query *q,
                        struct tbl *out)
{
	static const char *const keys[] = {
	    "number",   "congress", "title",  "unit",         "team",
	    "state",    "percent",  "budget", "spent",        "updates",
	    "opinions", "answered", "rating", "satisfaction", "rank",
	};
	memset(out, 0, sizeof *out);
	int64_t town;
	if (query_town(db, q, &town))
		return RD_INVALID;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT p.number, coalesce(t.name, ?3), p.title, coalesce(u.name, ''), "
	    "trim(p.leader || ' ' || coalesce(g.name, '') || ' ' || coalesce(o.name, '')), "
	    "p.state, "
	    "p.percent, CASE WHEN p.budget IS NULL THEN '' ELSE printf('%d.%02d', p.budget / 100, "
	    "p.budget % 100) END, "
	    "printf('%d.%02d', p.spent / 100, p.spent % 100), "
	    "(SELECT count(*) FROM pupdate x WHERE x.project_id = p.id), "
	    "(SELECT count(*) FROM popinion x WHERE x.project_id = p.id), "
	    "(SELECT count(*) FROM popinion x WHERE x.project_id = p.id AND x.state = 'answered'), "
	    "coalesce(r1.rating, ''), coalesce(r1.sb || '/' || r1.valid, ''), coalesce(r1.rank, "
	    "'') "
	    "FROM pproject p JOIN pcycle c ON c.id = p.cycle_id LEFT JOIN town t ON t.id = "
	    "p.town_id "
	    "LEFT JOIN unit u ON u.id = p.lead_unit_id LEFT JOIN deputy_group g ON g.id = "
	    "p.group_id "
	    "LEFT JOIN office o ON o.id = p.office_id LEFT JOIN (SELECT x.project_id, x.rating, "
	    "x.satisfied + x.basic AS sb, b.valid, x.rank FROM prating x JOIN pballot b ON b.id = "
	    "x.ballot_id WHERE b.round = 1 AND x.rating IS NOT NULL) r1 ON r1.project_id = p.id "
	    "WHERE c.year = ?1 AND (?2 = 0 OR p.town_id = ?2) AND " PPROJECT_SCOPE_SQL
	    " ORDER BY p.town_id IS NOT NULL, t.sort, p.number",
	    "dit", stat_year(q), town, _("city"));
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	for (int r = 0; !rc && r < out->nrows; r++) {
		long long sb, valid;
		char pct[16] = "";
		if (sscanf(tbl_get(out, r, "satisfaction"), "%lld/%lld", &sb, &valid) == 2)
			stat_pct(sb, valid, pct);
		tbl_set(out, r, "satisfaction", xstrdup(pct));
		tbl_set(out, r, "state",
		        xstrdup(flow_state_label(&project_flow, tbl_get(out, r, "state"))));
		tbl_set(out, r, "rating", xstrdup(project_rating_label(tbl_get(out, r, "rating"))));
	}
	return rc;
}
