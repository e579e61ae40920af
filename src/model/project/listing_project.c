/*
 * The read path of the livelihood projects (project.h): the lists of cycles,
 * proposals, projects and opinions in scope (project_scope.h) that pass a
 * filter, a record of each for show and the console's page, their sub-lists,
 * and the mod_model rows of the module registry.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/module.h"
#include "model/core/pager.h"
#include "model/core/tally.h"
#include "model/deputy/deputy.h"
#include "model/project/project.h"
#include "model/project/project_int.h"
#include "model/project/project_scope.h"
#include "model/stat/stat.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- what the lists show ------------------------------------------------------------ */

static const char *show_level(const char *raw)
{
	return *raw ? raw : _("city");
}

static const char *show_cycle_state(const char *raw)
{
	return flow_state_label(&pcycle_flow, raw);
}

static const char *show_proposal_state(const char *raw)
{
	return flow_state_label(&pproposal_flow, raw);
}

static const char *show_project_state(const char *raw)
{
	return flow_state_label(&project_flow, raw);
}

static const char *show_opinion_state(const char *raw)
{
	return flow_state_label(&popinion_flow, raw);
}

static const char *show_due(const char *raw)
{
	if (!strcmp(raw, "overdue"))
		return _("overdue");
	if (!strcmp(raw, "soon"))
		return _("due soon");
	return raw;
}

static const char *show_day(const char *raw)
{
	static char day[11];
	snprintf(day, sizeof day, "%s", raw);
	return day;
}

const char *project_source_label(const char *raw)
{
	if (!strcmp(raw, "deputy"))
		return _("a deputy");
	if (!strcmp(raw, "group"))
		return _("a deputy group");
	if (!strcmp(raw, "public"))
		return _("the public");
	if (!strcmp(raw, "government"))
		return _("the government");
	return raw;
}

const char *project_result_label(const char *raw)
{
	if (!strcmp(raw, "chosen"))
		return _("chosen");
	if (!strcmp(raw, "passed"))
		return _("passed, not chosen");
	if (!strcmp(raw, "failed"))
		return _("failed");
	if (!strcmp(raw, "tie"))
		return _("tied at the cut");
	return raw;
}

const char *project_rating_label(const char *raw)
{
	if (!strcmp(raw, "satisfied"))
		return _("satisfied");
	if (!strcmp(raw, "basic"))
		return _("basically satisfied");
	if (!strcmp(raw, "unsatisfied"))
		return _("unsatisfied");
	return raw;
}

static const char *show_percent(const char *raw)
{
	static char buf[16];
	snprintf(buf, sizeof buf, "%s%%", raw);
	return buf;
}

/* ---- the common filters: year, town, level ------------------------------------------ */

/*
 * Adds the year (of the cycle, through cycle_expr), the town (name or code) and the
 * level (city or town) of f; town_expr is the record's town column.
 */
static int where_common(sqlite3 *db, struct pager *p, const struct filter *f,
                        const char *cycle_expr, const char *town_expr)
{
	const char *year_v = filter_get(f, "year"), *town_v = filter_get(f, "town"),
	           *level = filter_get(f, "level");
	char sql[256];
	if (year_v) {
		char *end;
		long y = strtol(year_v, &end, 10);
		if (*end || y < 1900 || y > 9998)
			return err_set(RD_INVALID, _("year: '%s' is not a year such as 2026"),
			               year_v);
		snprintf(sql, sizeof sql, "(SELECT year FROM pcycle WHERE id = %s) = ?",
		         cycle_expr);
		pager_where(p, sql, "d", (int)y);
	}
	if (town_v) {
		int64_t town;
		if (flow_lookup(db, "town", "town", town_v, &town))
			return RD_INVALID;
		snprintf(sql, sizeof sql, "%s = ?", town_expr);
		pager_where(p, sql, "i", town);
	}
	if (level && strcmp(level, "city") && strcmp(level, "town"))
		return err_set(RD_INVALID, _("level: '%s' is not city or town"), level);
	if (level) {
		snprintf(sql, sizeof sql, "%s IS %s NULL", town_expr,
		         strcmp(level, "city") ? "NOT" : "");
		pager_where(p, sql, "");
	}
	return RD_OK;
}

/* The state filter: a state of w, or "open". */
static int where_state(struct pager *p, const struct wf_def *w, const struct filter *f,
                       const char *col)
{
	const char *state = filter_get(f, "state");
	if (!state)
		return RD_OK;
	char *cond = NULL;
	if (!strcmp(state, "open"))
		cond = xasprintf("%s IN %s", col, flow_open_sql(w));
	else if (!wf_state(w, state))
		return err_set(RD_INVALID, _("state: '%s' is not a state here (or open)"), state);
	else
		cond = xasprintf("%s = ?", col);
	if (!strcmp(state, "open"))
		pager_where(p, cond, "");
	else
		pager_where(p, cond, "t", state);
	free(cond);
	return RD_OK;
}

static int find_deputy(sqlite3 *db, const struct scope *sc, const char *v, int64_t *id)
{
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK;
	if (deputy_find(db, &all, v, id))
		return err_set(RD_INVALID, _("deputy: no deputy '%s'"), v);
	return RD_OK;
}

/* ---- cycles ---------------------------------------------------------------------------- */

static const struct pager_col cycle_cols[] = {
    {"number", N_("No."), "c.number", 10, PC_SORT | PC_FILTER | PC_NOTNULL, NULL, NULL},
    {"year", N_("Year"), "c.year", 4, PC_SORT | PC_RIGHT | PC_NOTNULL, NULL, NULL},
    {"level", N_("Congress"), "coalesce((SELECT name FROM town WHERE id = c.town_id), '')", 10,
     PC_FILTER, show_level, NULL},
    {"state", N_("State"), "c.state", 12, 0, show_cycle_state, NULL},
    {"choose", N_("To choose"), "c.choose", 4, PC_RIGHT, NULL, NULL},
    {"proposals", N_("Proposals"), "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id)", 4,
     PC_RIGHT, NULL, NULL},
    {"candidates", N_("Candidates"),
     "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id AND r.state = 'candidate')", 4,
     PC_RIGHT, NULL, NULL},
    {"projects", N_("Projects"), "(SELECT count(*) FROM pproject p WHERE p.cycle_id = c.id)", 4,
     PC_RIGHT, NULL, NULL},
    {"voted_on", N_("Voted on"), "coalesce(c.voted_on, '')", 10, PC_FLEX, NULL, NULL},
    {"title", N_("Title"), "c.number", 10, PC_HIDDEN, NULL, NULL},
    {"version", N_("Version"), "c.version", 4, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def cycle_def = {N_("cycles"),     "pcycle c", "c.id", cycle_cols,
                                           N_OF(cycle_cols), 0,          true};

static int listing_cycles(sqlite3 *db, const struct scope *sc, const struct filter *f,
                          struct pager **out)
{
	*out = NULL;
	struct pager *p = pager_new(db, &cycle_def);
	pager_where_scope(p, PCYCLE_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	int rc = where_common(db, p, f, "c.id", "c.town_id");
	if (!rc)
		rc = where_state(p, &pcycle_flow, f, "c.state");
	if (rc) {
		pager_free(p);
		return rc;
	}
	*out = p;
	return RD_OK;
}

static const char *const cycle_keys[] = {"id",       "number",  "year",      "level",
                                         "state",    "choose",  "proposals", "candidates",
                                         "projects", "voted_on"};

static int cycle_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",       "number",     "title",     "year",      "level",        "state",
	    "choose",   "candidates", "pass",      "bottom",    "session",      "proposals",
	    "adopted",  "declined",   "undecided", "listed_on", "reviewed_on",  "voted_on",
	    "deputies", "ballot",     "sheets",    "projects",  "evaluated_on", "reevaluated_on",
	    "overdue",  "version",
	};
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT c.id, c.number, c.year || ' ' || coalesce(t.name, ?2), c.year, "
	    "coalesce(t.name, ''), c.state, c.choose, c.candidates, c.pass_num || '/' || "
	    "c.pass_den, "
	    "c.bottom, coalesce(s.name, ''), "
	    "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id), "
	    "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id AND r.state = 'candidate'), "
	    "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id AND r.state = 'declined'), "
	    "(SELECT count(*) FROM pproposal r WHERE r.cycle_id = c.id AND r.state = 'proposed'), "
	    "coalesce(c.listed_on, ''), coalesce(c.reviewed_on, ''), coalesce(c.voted_on, ''), "
	    "coalesce((SELECT b.deputies FROM pballot b WHERE b.cycle_id = c.id AND b.kind = "
	    "'vote' "
	    "AND b.deputies IS NOT NULL ORDER BY b.round DESC LIMIT 1), ''), "
	    "coalesce((SELECT b.kind || ' ' || b.round || ' ' || b.held_on || CASE WHEN b.source = "
	    "'import' THEN ' import' ELSE '' END FROM pballot b WHERE b.cycle_id = c.id AND "
	    "b.counted_at IS NULL ORDER BY b.id DESC LIMIT 1), ''), "
	    "coalesce((SELECT group_concat(x.account, ', ') FROM (SELECT s.account FROM "
	    "tally_sheet "
	    "s JOIN pballot b ON b.id = s.owner_id WHERE s.kind = 'project-ballot' AND b.cycle_id "
	    "= "
	    "c.id AND b.counted_at IS NULL ORDER BY s.entry) x), ''), "
	    "(SELECT count(*) FROM pproject p WHERE p.cycle_id = c.id), "
	    "coalesce(c.evaluated_on, ''), coalesce(c.reevaluated_on, ''), 0, c.version "
	    "FROM pcycle c LEFT JOIN town t ON t.id = c.town_id LEFT JOIN congress_session s ON "
	    "s.id "
	    "= c.session_id WHERE c.id = ?1 AND " PCYCLE_SCOPE_SQL,
	    "it", id, _("city"));
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no cycle %lld within your scope"), (long long)id);
	}
	return rc;
}

/* Reads a part of a cycle in scope: the query's ?1 is the cycle. */
static int cycle_part(sqlite3 *db, const struct scope *sc, int64_t id, const char *sql,
                      const char *const *keys, int n, struct tbl *out)
{
	memset(out, 0, sizeof *out);
	struct flow_item it;
	int rc = pcycle_flow.read(db, sc, id, &it);
	pcycle_flow.release(&it);
	if (rc)
		return rc;
	return tbl_read(db_prepare(db, sql, "i", id), keys, n, out);
}

static int cycle_proposals(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"number", "source", "proposer",
	                                   "title",  "state",  "reason"};
	return cycle_part(
	    db, sc, id,
	    "SELECT r.number, r.source, coalesce(d.name, g.name, r.proposer), r.title, "
	    "r.state, r.reason FROM pproposal r LEFT JOIN deputy d ON d.id = "
	    "r.deputy_id LEFT JOIN deputy_group g ON g.id = r.group_id WHERE "
	    "r.cycle_id = ?1 ORDER BY r.number",
	    keys, N_OF(keys), out);
}

static int cycle_result(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"round", "number",  "title", "yes",
	                                   "no",    "abstain", "result"};
	return cycle_part(
	    db, sc, id,
	    "SELECT b.round, r.number, r.title, coalesce(v.yes, ''), coalesce(v.no, ''), "
	    "coalesce(v.abstain, ''), CASE WHEN b.counted_at IS NULL THEN '' WHEN "
	    "b.round = (SELECT max(b2.round) FROM pvote v2 JOIN pballot b2 ON b2.id = "
	    "v2.ballot_id WHERE v2.proposal_id = r.id) THEN coalesce(r.result, '') "
	    "ELSE 'tie' END FROM pvote v JOIN pballot b ON b.id = v.ballot_id JOIN "
	    "pproposal r ON r.id = v.proposal_id WHERE b.cycle_id = ?1 ORDER BY "
	    "b.round, v.yes IS NULL, v.yes DESC, r.number",
	    keys, N_OF(keys), out);
}

static int cycle_ballots(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"kind",    "round",     "held_on",  "deputies",
	                                   "source",  "issued",    "returned", "valid",
	                                   "invalid", "counted_at"};
	return cycle_part(
	    db, sc, id,
	    "SELECT kind, round, held_on, coalesce(deputies, ''), coalesce(source, ''), "
	    "coalesce(issued, ''), coalesce(returned, ''), coalesce(valid, ''), "
	    "coalesce(invalid, ''), coalesce(counted_at, '') FROM pballot WHERE "
	    "cycle_id = ?1 ORDER BY id",
	    keys, N_OF(keys), out);
}

static int cycle_ratings(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"round",  "number",      "title", "satisfied",
	                                   "basic",  "unsatisfied", "valid", "rate",
	                                   "rating", "rank",        "bottom"};
	int rc =
	    cycle_part(db, sc, id,
	               "SELECT b.round, p.number, p.title, coalesce(x.satisfied, ''), "
	               "coalesce(x.basic, ''), coalesce(x.unsatisfied, ''), coalesce(b.valid, "
	               "''), coalesce(x.satisfied + x.basic, ''), coalesce(x.rating, ''), "
	               "coalesce(x.rank, ''), x.bottom FROM prating x JOIN pballot b ON b.id = "
	               "x.ballot_id JOIN pproject p ON p.id = x.project_id WHERE b.cycle_id = "
	               "?1 ORDER BY b.round, x.rank IS NULL, x.rank, p.number",
	               keys, N_OF(keys), out);
	/* The satisfaction rate: (satisfied + basic) / valid, rounded half-up once. */
	for (int r = 0; !rc && r < out->nrows; r++) {
		const char *sb = tbl_get(out, r, "rate"), *valid = tbl_get(out, r, "valid");
		char pct[16] = "";
		if (*sb && *valid)
			stat_pct(strtoll(sb, NULL, 10), strtoll(valid, NULL, 10), pct);
		tbl_set(out, r, "rate", xstrdup(pct));
	}
	return rc;
}

int pcycle_differences(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"figure", "key", "first", "second"};
	memset(out, 0, sizeof *out);
	struct flow_item it;
	int rc = pcycle_flow.read(db, sc, id, &it);
	pcycle_flow.release(&it);
	if (rc)
		return rc;
	out->keys = keys;
	out->ncols = 4;
	int64_t ballot;
	char kind[12];
	struct tbl items, diff;
	rc = pcycle_open_ballot(db, sc, id, &ballot, kind, &items);
	if (rc == RD_NOTFOUND) {
		err_clear(); /* no ballot open: nothing to compare */
		return RD_OK;
	}
	if (rc)
		return rc;
	int nsheets;
	if ((rc = tally_compare(db, "project-ballot", ballot, &diff, &nsheets))) {
		tbl_free(&items);
		return rc;
	}
	/* In the sheet's order: the ballot's four figures, then three per item. */
	int n = 4 + 3 * items.nrows;
	char **order = xcalloc((size_t)n, sizeof *order);
	for (int h = 0; h < 4; h++)
		order[h] = xstrdup(pballot_header[h]);
	for (int r = 0; r < items.nrows; r++)
		for (int k = 0; k < 3; k++)
			order[4 + 3 * r + k] = xasprintf("%s_%s",
			                                 tbl_get(&items, r,
			                                         k == 0   ? "k1"
			                                         : k == 1 ? "k2"
			                                                  : "k3"),
			                                 tbl_get(&items, r, "id"));
	tbl_free(&items);
	out->cells = xcalloc((size_t)(diff.nrows ? diff.nrows : 1) * 4, sizeof *out->cells);
	bool *taken = xcalloc((size_t)(diff.nrows ? diff.nrows : 1), sizeof *taken);
	for (int o = 0; o <= n; o++)
		for (int r = 0; r < diff.nrows; r++) {
			const char *key = tbl_get(&diff, r, "key");
			/* Keys of no item (a sheet from elsewhere) come last. */
			if (taken[r] || (o < n ? strcmp(key, order[o]) != 0 : false))
				continue;
			taken[r] = true;
			int w = out->nrows++;
			out->cells[w * 4] = pcycle_figure_label(db, key);
			out->cells[w * 4 + 1] = xstrdup(key);
			out->cells[w * 4 + 2] = xstrdup(tbl_get(&diff, r, "first"));
			out->cells[w * 4 + 3] = xstrdup(tbl_get(&diff, r, "second"));
		}
	for (int o = 0; o < n; o++)
		free(order[o]);
	free(order);
	free(taken);
	tbl_free(&diff);
	return RD_OK;
}

static int cycle_projects(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"number", "title", "state", "unit", "percent", "rating"};
	return cycle_part(db, sc, id,
	                  "SELECT p.number, p.title, p.state, coalesce(u.name, ''), p.percent, "
	                  "coalesce(p.evaluation, '') FROM pproject p LEFT JOIN unit u ON u.id = "
	                  "p.lead_unit_id WHERE p.cycle_id = ?1 ORDER BY p.number",
	                  keys, N_OF(keys), out);
}

/* clang-format off */
static const struct mod_filter cycle_filters[] = {
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"town", "town", MF_TEXT, N_("T"), "%s"},
	{"level", "level", MF_TEXT, N_("city|town"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
};
static const struct mod_part cycle_parts[] = {
	{"proposals", N_("Proposals"), cycle_proposals},
	{"compare", N_("Tally sheets: the figures that differ"), pcycle_differences},
	{"ballots", N_("Ballots"), cycle_ballots},
	{"result", N_("The vote's result"), cycle_result},
	{"projects", N_("Projects"), cycle_projects},
	{"ratings", N_("Satisfaction"), cycle_ratings},
};
/* clang-format on */

const struct mod_model pcycle_model = {
    .filters = cycle_filters,
    .nfilters = N_OF(cycle_filters),
    .listing = listing_cycles,
    .list_keys = cycle_keys,
    .nlist_keys = N_OF(cycle_keys),
    .find = pcycle_find,
    .record = cycle_info,
    .number_key = "number",
    .parts = cycle_parts,
    .nparts = N_OF(cycle_parts),
};

/* ---- proposals --------------------------------------------------------------------------- */

static const struct pager_col proposal_cols[] = {
    {"number", N_("No."), "r.number", 14, PC_SORT | PC_FILTER | PC_NOTNULL, NULL, NULL},
    {"submitted", N_("Submitted"), "r.submitted_at", 10, PC_SORT | PC_NOTNULL, show_day, NULL},
    {"source", N_("From"), "r.source", 6, 0, project_source_label, NULL},
    {"proposer", N_("Proposer"),
     "coalesce((SELECT name FROM deputy WHERE id = r.deputy_id), (SELECT name FROM "
     "deputy_group WHERE id = r.group_id), r.proposer)",
     10, PC_FILTER, NULL, NULL},
    {"title", N_("Title"), "r.title", 24, PC_FILTER | PC_FLEX, NULL, NULL},
    {"state", N_("State"), "r.state", 8, 0, show_proposal_state, NULL},
    {"result", N_("Vote"), "coalesce(r.result, '')", 6, 0, project_result_label, NULL},
    {"yes", N_("For"),
     "coalesce((SELECT v.yes FROM pvote v JOIN pballot b ON b.id = v.ballot_id WHERE "
     "v.proposal_id = r.id AND b.counted_at IS NOT NULL ORDER BY b.round DESC LIMIT 1), '')",
     4, PC_RIGHT, NULL, NULL},
    {"cycle", N_("Cycle"), "(SELECT number FROM pcycle WHERE id = r.cycle_id)", 9, PC_HIDDEN, NULL,
     NULL},
    {"version", N_("Version"), "r.version", 4, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def proposal_def = {
    N_("proposals"), "pproposal r", "r.id", proposal_cols, N_OF(proposal_cols), 0, true};

static int listing_proposals(sqlite3 *db, const struct scope *sc, const struct filter *f,
                             struct pager **out)
{
	*out = NULL;
	struct pager *p = pager_new(db, &proposal_def);
	pager_where_scope(p, PPROPOSAL_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	int rc = where_common(db, p, f, "r.cycle_id", "r.town_id");
	if (!rc)
		rc = where_state(p, &pproposal_flow, f, "r.state");
	const char *cycle = filter_get(f, "cycle"), *source = filter_get(f, "source"),
	           *result = filter_get(f, "result"), *deputy = filter_get(f, "deputy"),
	           *search = filter_get(f, "search");
	int64_t id;
	if (!rc && cycle) {
		if (pcycle_find(db, sc, cycle, &id))
			rc =
			    err_set(RD_INVALID, _("cycle: no cycle '%s' within your scope"), cycle);
		else
			pager_where(p, "r.cycle_id = ?", "i", id);
	}
	if (!rc && source) {
		if (!wf_in("deputy|group|public|government", source))
			rc = err_set(RD_INVALID,
			             _("source: '%s' is not deputy, group, public or government"),
			             source);
		else
			pager_where(p, "r.source = ?", "t", source);
	}
	if (!rc && result) {
		if (!wf_in("chosen|passed|failed|tie", result))
			rc =
			    err_set(RD_INVALID,
			            _("result: '%s' is not chosen, passed, failed or tie"), result);
		else
			pager_where(p, "r.result = ?", "t", result);
	}
	if (!rc && deputy && !(rc = find_deputy(db, sc, deputy, &id)))
		pager_where(p, "r.deputy_id = ?", "i", id);
	if (!rc && search)
		pager_where(p, "instr(r.title, ?) OR instr(r.content, ?)", "tt", search, search);
	if (rc) {
		pager_free(p);
		return rc;
	}
	*out = p;
	return RD_OK;
}

static const char *const proposal_keys[] = {"id",       "number", "cycle", "submitted", "source",
                                            "proposer", "title",  "state", "result",    "yes"};

static int proposal_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",       "number",  "cycle",        "source",  "deputy",  "group",
	    "proposer", "channel", "submitted_at", "title",   "content", "category",
	    "unit",     "budget",  "state",        "reason",  "result",  "yes",
	    "no",       "abstain", "overdue",      "version",
	};
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT r.id, r.number, c.number, r.source, coalesce(name_code(d.name, d.code), "
	    "''), "
	    "coalesce(g.name, ''), r.proposer, r.channel, r.submitted_at, r.title, r.content, "
	    "coalesce(k.name, ''), coalesce(u.name, ''), CASE WHEN r.budget IS NULL THEN '' ELSE "
	    "printf('%d.%02d', r.budget / 100, r.budget % 100) END, r.state, r.reason, "
	    "coalesce(r.result, ''), "
	    "coalesce(v.yes, ''), coalesce(v.no, ''), coalesce(v.abstain, ''), 0, r.version "
	    "FROM pproposal r JOIN pcycle c ON c.id = r.cycle_id LEFT JOIN deputy d ON d.id = "
	    "r.deputy_id LEFT JOIN deputy_group g ON g.id = r.group_id LEFT JOIN category k ON "
	    "k.id = "
	    "r.category_id LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN pvote v ON v.proposal_id "
	    "= "
	    "r.id AND v.ballot_id = (SELECT b.id FROM pvote v2 JOIN pballot b ON b.id = "
	    "v2.ballot_id "
	    "WHERE v2.proposal_id = r.id AND b.counted_at IS NOT NULL ORDER BY b.round DESC LIMIT "
	    "1) "
	    "WHERE r.id = ?1 AND " PPROPOSAL_SCOPE_SQL,
	    "i", id);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no proposal %lld within your scope"), (long long)id);
	}
	return rc;
}

/* clang-format off */
static const struct mod_filter proposal_filters[] = {
	{"cycle", "cycle", MF_TEXT, N_("CYCLE"), N_("cycle %s")},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"town", "town", MF_TEXT, N_("T"), "%s"},
	{"level", "level", MF_TEXT, N_("city|town"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"source", "source", MF_TEXT, N_("deputy|group|public|government"), "%s"},
	{"result", "result", MF_TEXT, N_("chosen|passed|failed|tie"), "%s"},
	{"deputy", "deputy", MF_TEXT, N_("CODE"), N_("deputy %s")},
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
};
/* clang-format on */

const struct mod_model pproposal_model = {
    .filters = proposal_filters,
    .nfilters = N_OF(proposal_filters),
    .listing = listing_proposals,
    .list_keys = proposal_keys,
    .nlist_keys = N_OF(proposal_keys),
    .find = pproposal_find,
    .record = proposal_info,
    .number_key = "number",
    .deputy_key = "deputy",
    .when_key = "submitted",
};

/* ---- projects ------------------------------------------------------------------------------ */

/* "(overdue) OR an opinion of the project overdue": built once from the clock tables. */
static const char *project_late_sql(enum flow_cond c)
{
	static char late[2][1400];
	int k = c == FC_OVERDUE ? 0 : 1;
	if (!late[k][0])
		snprintf(
		    late[k], sizeof late[k],
		    "(%s OR EXISTS (SELECT 1 FROM popinion o WHERE o.project_id = p.id AND %s))",
		    flow_cond_sql(&project_flow, "p.id", c),
		    flow_cond_sql(&popinion_flow, "o.id", c));
	return late[k];
}

static struct pager_def project_def;
static struct pager_col project_cols[13];

static const struct pager_def *project_listing_def(void)
{
	if (project_def.cols)
		return &project_def;
	static char mark[3000];
	snprintf(mark, sizeof mark, "CASE WHEN %s THEN 'overdue' WHEN %s THEN 'soon' ELSE '' END",
	         project_late_sql(FC_OVERDUE), project_late_sql(FC_DUE_SOON));
	const struct pager_col cols[] = {
	    {"due", N_("Deadline"), mark, 8, 0, show_due, NULL},
	    {"number", N_("No."), "p.number", 12, PC_SORT | PC_FILTER | PC_NOTNULL | PC_WHOLE, NULL,
	     NULL},
	    {"level", N_("Congress"), "coalesce((SELECT name FROM town WHERE id = p.town_id), '')",
	     8, PC_FILTER, show_level, NULL},
	    {"title", N_("Title"), "p.title", 24, PC_FILTER | PC_FLEX, NULL, NULL},
	    {"state", N_("State"), "p.state", 8, 0, show_project_state, NULL},
	    {"unit", N_("Lead department"),
	     "coalesce((SELECT name FROM unit WHERE id = p.lead_unit_id), '')", 12, PC_FILTER, NULL,
	     NULL},
	    {"percent", N_("Done"), "p.percent", 5, PC_SORT | PC_RIGHT | PC_NOTNULL, show_percent,
	     NULL},
	    {"rating", N_("Satisfaction rating"), "coalesce(p.evaluation, '')", 8, 0,
	     project_rating_label, NULL},
	    {"update_due", N_("Update by"), flow_due_sql(&project_flow, "p.id", "update"), 10, 0,
	     NULL, NULL},
	    {"overdue", N_("Overdue"), project_late_sql(FC_OVERDUE), 4, PC_HIDDEN, NULL, NULL},
	    {"due_soon", N_("Due soon"), project_late_sql(FC_DUE_SOON), 4, PC_HIDDEN, NULL, NULL},
	    {"year", N_("Year"), "(SELECT year FROM pcycle WHERE id = p.cycle_id)", 4, PC_HIDDEN,
	     NULL, NULL},
	    {"version", N_("Version"), "p.version", 4, PC_HIDDEN | PC_RIGHT, NULL, NULL},
	};
	_Static_assert(sizeof cols == sizeof project_cols, "project_cols holds every column");
	memcpy(project_cols, cols, sizeof cols);
	project_def = (struct pager_def){
	    N_("projects"), "pproject p", "p.id", project_cols, N_OF(cols), 1, true};
	return &project_def;
}

static int listing_projects(sqlite3 *db, const struct scope *sc, const struct filter *f,
                            struct pager **out)
{
	*out = NULL;
	struct pager *p = pager_new(db, project_listing_def());
	pager_where_scope(p, PPROJECT_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	int rc = where_common(db, p, f, "p.cycle_id", "p.town_id");
	if (!rc)
		rc = where_state(p, &project_flow, f, "p.state");
	const char *cycle = filter_get(f, "cycle"), *unit = filter_get(f, "unit"),
	           *rating = filter_get(f, "rating"), *search = filter_get(f, "search"),
	           *number = filter_get(f, "number");
	int64_t id;
	if (!rc && number)
		pager_where(p, "p.number = ?", "t", number);
	if (!rc && cycle) {
		if (pcycle_find(db, sc, cycle, &id))
			rc =
			    err_set(RD_INVALID, _("cycle: no cycle '%s' within your scope"), cycle);
		else
			pager_where(p, "p.cycle_id = ?", "i", id);
	}
	if (!rc && unit && !(rc = flow_lookup(db, "unit", "unit", unit, &id)))
		pager_where(p, "p.lead_unit_id = ?", "i", id);
	if (!rc && rating) {
		if (!wf_in("satisfied|basic|unsatisfied", rating))
			rc = err_set(RD_INVALID,
			             _("rating: '%s' is not satisfied, basic or unsatisfied"),
			             rating);
		else
			pager_where(p, "p.evaluation = ?", "t", rating);
	}
	if (!rc && filter_flag(f, "overdue"))
		pager_where(p, project_late_sql(FC_OVERDUE), "");
	if (!rc && filter_flag(f, "due_soon"))
		pager_where(p, project_late_sql(FC_DUE_SOON), "");
	if (!rc && search)
		pager_where(p, "instr(p.title, ?) OR instr(p.content, ?)", "tt", search, search);
	if (rc) {
		pager_free(p);
		return rc;
	}
	*out = p;
	return RD_OK;
}

static const char *const project_keys[] = {"id",     "number",     "year",    "level",
                                           "title",  "state",      "unit",    "percent",
                                           "rating", "update_due", "overdue", "due_soon"};

#define PROJECT_INFO_SQL                                                                           \
	"SELECT p.id, p.number, c.number, c.year, coalesce(t.name, ''), p.title, p.content, "      \
	"coalesce(k.name, ''), CASE WHEN p.budget IS NULL THEN '' ELSE printf('%%d.%%02d', "       \
	"p.budget / 100, p.budget %% 100) END, "                                                   \
	"p.state, coalesce(u.name, ''), coalesce(su.name, ''), p.leader, coalesce(g.name, ''), "   \
	"coalesce(o.name, ''), p.percent, printf('%%d.%%02d', p.spent / 100, p.spent %% 100), "    \
	"coalesce((SELECT max(day) FROM pupdate WHERE project_id = p.id), ''), "                   \
	"(SELECT count(*) FROM pupdate WHERE project_id = p.id), %s, %s, "                         \
	"(SELECT count(*) FROM popinion WHERE project_id = p.id), "                                \
	"(SELECT count(*) FROM popinion WHERE project_id = p.id AND state = 'posted'), "           \
	"(SELECT count(*) FROM popinion o2 WHERE o2.project_id = p.id AND %s), "                   \
	"coalesce(p.evaluation, ''), "                                                             \
	"coalesce((SELECT (x.satisfied + x.basic) || '/' || b.valid FROM prating x JOIN pballot "  \
	"b "                                                                                       \
	"ON b.id = x.ballot_id WHERE x.project_id = p.id AND x.rating IS NOT NULL ORDER BY "       \
	"b.round LIMIT 1), ''), "                                                                  \
	"coalesce((SELECT x.rank || '/' || (SELECT count(*) FROM prating y WHERE y.ballot_id = "   \
	"x.ballot_id) FROM prating x JOIN pballot b ON b.id = x.ballot_id WHERE x.project_id = "   \
	"p.id AND x.rating IS NOT NULL ORDER BY b.round LIMIT 1), ''), "                           \
	"coalesce((SELECT x.bottom FROM prating x JOIN pballot b ON b.id = x.ballot_id WHERE "     \
	"x.project_id = p.id AND x.rating IS NOT NULL AND b.round = 1), ''), "                     \
	"coalesce((SELECT x.rating FROM prating x JOIN pballot b ON b.id = x.ballot_id WHERE "     \
	"x.project_id = p.id AND x.rating IS NOT NULL AND b.round = 1), ''), "                     \
	"coalesce(io.name, ''), p.findings, p.opinion, coalesce(p.deliberated_on, ''), "           \
	"coalesce((SELECT agency || ', ' || printf('%%d.%%02d', score / 100, score %% 100) FROM "  \
	"pappraisal WHERE project_id = p.id), ''), "                                               \
	"(SELECT count(*) FROM prectify WHERE project_id = p.id AND state = 'open'), "             \
	"(SELECT count(*) FROM prectify WHERE project_id = p.id AND state = 'done'), p.version "   \
	"FROM pproject p JOIN pcycle c ON c.id = p.cycle_id LEFT JOIN town t ON t.id = "           \
	"p.town_id LEFT JOIN category k ON k.id = p.category_id LEFT JOIN unit u ON u.id = "       \
	"p.lead_unit_id LEFT JOIN pproposal r ON r.id = p.proposal_id LEFT JOIN unit su ON su.id " \
	"= r.unit_id LEFT JOIN deputy_group g ON g.id = p.group_id LEFT JOIN office o ON o.id = "  \
	"p.office_id LEFT JOIN office io ON io.id = p.investigator_id WHERE p.id = ?1 "            \
	"AND " PPROJECT_SCOPE_SQL

static int project_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",        "number",       "cycle",
	    "year",      "level",        "title",
	    "content",   "category",     "budget",
	    "state",     "lead_unit",    "suggested_unit",
	    "leader",    "group",        "office",
	    "percent",   "spent",        "last_update",
	    "updates",   "update_due",   "overdue",
	    "opinions",  "unanswered",   "opinions_overdue",
	    "rating",    "satisfaction", "rank",
	    "bottom",    "first_rating", "investigator",
	    "findings",  "opinion",      "deliberated_on",
	    "appraisal", "rectify_open", "rectify_done",
	    "version",
	};
	memset(out, 0, sizeof *out);
	char *sql = xasprintf(PROJECT_INFO_SQL, flow_due_sql(&project_flow, "p.id", "update"),
	                      project_late_sql(FC_OVERDUE),
	                      flow_cond_sql(&popinion_flow, "o2.id", FC_OVERDUE));
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	free(sql);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no project %lld within your scope"), (long long)id);
	}
	/* The satisfaction rate, from its two counts, rounded once. */
	if (!rc && *tbl_get(out, 0, "satisfaction")) {
		long long sb = 0, valid = 0;
		char pct[16] = "";
		if (sscanf(tbl_get(out, 0, "satisfaction"), "%lld/%lld", &sb, &valid) == 2)
			stat_pct(sb, valid, pct);
		tbl_set(out, 0, "satisfaction", xstrdup(pct));
	}
	return rc;
}

/* Reads a part of a project in scope: the query's ?1 is the project. */
static int project_part(sqlite3 *db, const struct scope *sc, int64_t id, const char *sql,
                        const char *const *keys, int n, struct tbl *out)
{
	memset(out, 0, sizeof *out);
	struct flow_item it;
	int rc = project_flow.read(db, sc, id, &it);
	project_flow.release(&it);
	if (rc)
		return rc;
	return tbl_read(db_prepare(db, sql, "i", id), keys, n, out);
}

static int project_targets(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"month", "text", "account"};
	return project_part(
	    db, sc, id,
	    "SELECT month, text, account FROM ptarget WHERE project_id = ?1 ORDER BY "
	    "month",
	    keys, N_OF(keys), out);
}

static int project_ratings(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"round", "held_on", "satisfied", "basic", "unsatisfied",
	                                   "valid", "rate",    "rating",    "rank",  "bottom"};
	int rc =
	    project_part(db, sc, id,
	                 "SELECT b.round, b.held_on, coalesce(x.satisfied, ''), "
	                 "coalesce(x.basic, ''), coalesce(x.unsatisfied, ''), coalesce(b.valid, "
	                 "''), coalesce(x.satisfied + x.basic, ''), coalesce(x.rating, ''), "
	                 "coalesce(x.rank, ''), x.bottom FROM prating x JOIN pballot b ON b.id = "
	                 "x.ballot_id WHERE x.project_id = ?1 ORDER BY b.round",
	                 keys, N_OF(keys), out);
	for (int r = 0; !rc && r < out->nrows; r++) {
		const char *sb = tbl_get(out, r, "rate"), *valid = tbl_get(out, r, "valid");
		char pct[16] = "";
		if (*sb && *valid)
			stat_pct(strtoll(sb, NULL, 10), strtoll(valid, NULL, 10), pct);
		tbl_set(out, r, "rate", xstrdup(pct));
	}
	return rc;
}

static int project_rectifications(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"number", "text",    "due",
	                                   "state",  "done_at", "done_text"};
	return project_part(db, sc, id,
	                    "SELECT number, text, coalesce(due, ''), state, coalesce(done_at, ''), "
	                    "done_text FROM prectify WHERE project_id = ?1 ORDER BY id",
	                    keys, N_OF(keys), out);
}

/*
 * One timeline of the project, oldest first: its progress updates, the opinions on it
 * and their answers, its ratings, the committee's findings and the deliberation, the
 * third-party evaluation and the rectification items (columns at, what, text).
 */
static int project_timeline(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"at", "what", "who", "text"};
	return project_part(
	    db, sc, id,
	    "SELECT at, what, who, text FROM ("
	    "SELECT day || 'T' || substr(at, 12) AS at, 'update' AS what, percent || '%' AS who, "
	    "text || CASE WHEN attachments <> '' THEN ' [' || replace(attachments, char(10), '; ') "
	    "|| ']' ELSE '' END AS text, 1 AS o, id AS k FROM pupdate WHERE project_id = ?1 "
	    "UNION ALL SELECT o.posted_at, 'opinion', coalesce(d.name, g.name, ''), o.number || ' "
	    "' "
	    "|| o.text, 2, o.id FROM popinion o LEFT JOIN deputy d ON d.id = o.deputy_id LEFT JOIN "
	    "deputy_group g ON g.id = o.group_id WHERE o.project_id = ?1 "
	    "UNION ALL SELECT o.answered_at, 'answer', coalesce(u.name, ''), o.number || ' ' || "
	    "o.answer, 3, o.id FROM popinion o JOIN pproject p ON p.id = o.project_id LEFT JOIN "
	    "unit u ON u.id = p.lead_unit_id WHERE o.project_id = ?1 AND o.answered_at IS NOT NULL "
	    "UNION ALL SELECT b.held_on || 'T00:00:00', 'rating', x.rating, x.satisfied || '/' || "
	    "x.basic || '/' || x.unsatisfied || '/' || b.valid || ' #' || x.rank, 4, b.id FROM "
	    "prating x JOIN pballot b ON b.id = x.ballot_id WHERE x.project_id = ?1 AND x.rating "
	    "IS NOT NULL "
	    "UNION ALL SELECT p.deliberated_on || 'T00:00:00', 'deliberation', '', p.opinion, 5, "
	    "p.id FROM pproject p WHERE p.id = ?1 AND p.deliberated_on IS NOT NULL "
	    "UNION ALL SELECT a.day || 'T00:00:00', 'appraisal', a.agency, printf('%d.%02d', "
	    "a.score / 100, a.score % 100) || ' ' || a.findings, 6, a.id FROM pappraisal a WHERE "
	    "a.project_id = ?1 "
	    "UNION ALL SELECT x.at, 'rectify', x.number, x.text, 7, x.id FROM prectify x WHERE "
	    "x.project_id = ?1 "
	    "UNION ALL SELECT x.done_at, 'rectified', x.number, x.done_text, 8, x.id FROM prectify "
	    "x WHERE x.project_id = ?1 AND x.done_at IS NOT NULL"
	    ") ORDER BY at, o, k",
	    keys, N_OF(keys), out);
}

/* clang-format off */
static const struct mod_filter project_filters[] = {
	{"number", "number", MF_TEXT, N_("NUMBER"), N_("project %s")},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"town", "town", MF_TEXT, N_("T"), "%s"},
	{"level", "level", MF_TEXT, N_("city|town"), "%s"},
	{"cycle", "cycle", MF_TEXT, N_("CYCLE"), N_("cycle %s")},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"unit", "unit", MF_TEXT, N_("U"), "%s"},
	{"rating", "rating", MF_TEXT, N_("satisfied|basic|unsatisfied"), "%s"},
	{"overdue", "overdue", MF_FLAG, NULL, N_("overdue")},
	{"due_soon", "due-soon", MF_FLAG, NULL, N_("due soon")},
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
};
static const struct mod_part project_parts[] = {
	{"targets", N_("Monthly targets"), project_targets},
	{"timeline", N_("Timeline"), project_timeline},
	{"ratings", N_("Satisfaction"), project_ratings},
	{"rectifications", N_("Rectification items"), project_rectifications},
};
/* clang-format on */

const struct mod_model project_model = {
    .filters = project_filters,
    .nfilters = N_OF(project_filters),
    .listing = listing_projects,
    .list_keys = project_keys,
    .nlist_keys = N_OF(project_keys),
    .find = project_find,
    .record = project_info,
    .number_key = "number",
    .parts = project_parts,
    .nparts = N_OF(project_parts),
};

/* ---- opinions ------------------------------------------------------------------------------- */

static struct pager_def opinion_def;
static struct pager_col opinion_cols[13];

static const struct pager_def *opinion_listing_def(void)
{
	if (opinion_def.cols)
		return &opinion_def;
	/* The deadline columns, read in one pass over the opinion's running clocks. */
	static const struct flow_part parts[] = {
	    {FF_MARK, NULL}, {FF_DUE, "answer"}, {FF_OVERDUE, NULL}, {FF_SOON, NULL}};
	const char *clocks = flow_fields_sql(&popinion_flow, "o.id", parts, N_OF(parts));
	const struct pager_col cols[] = {
	    {"due", N_("Deadline"), clocks, 8, PC_PART, show_due, NULL},
	    {"number", N_("No."), "o.number", 16, PC_SORT | PC_FILTER | PC_NOTNULL | PC_WHOLE, NULL,
	     NULL},
	    {"posted", N_("Posted"), "o.posted_at", 10, PC_SORT | PC_NOTNULL, show_day, NULL},
	    {"from", N_("From"),
	     "coalesce((SELECT name FROM deputy WHERE id = o.deputy_id), (SELECT name FROM "
	     "deputy_group WHERE id = o.group_id))",
	     10, PC_FILTER, NULL, NULL},
	    {"state", N_("State"), "o.state", 8, 0, show_opinion_state, NULL},
	    {"answer_due", N_("Answer by"), NULL, 10, PC_PART, NULL, NULL},
	    {"unit", N_("Lead department"),
	     "coalesce((SELECT u.name FROM pproject p JOIN unit u ON u.id = p.lead_unit_id WHERE "
	     "p.id = o.project_id), '')",
	     12, PC_FILTER, NULL, NULL},
	    {"title", N_("Opinion"), "o.text", 24, PC_FILTER | PC_FLEX, NULL, NULL},
	    {"project", N_("Project"), "(SELECT number FROM pproject WHERE id = o.project_id)", 12,
	     PC_HIDDEN, NULL, NULL},
	    {"overdue", N_("Overdue"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"due_soon", N_("Due soon"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"answered", N_("Answered"), "coalesce(o.answered_at, '')", 10, PC_HIDDEN, NULL, NULL},
	    {"version", N_("Version"), "o.version", 4, PC_HIDDEN | PC_RIGHT, NULL, NULL},
	};
	_Static_assert(sizeof cols == sizeof opinion_cols, "opinion_cols holds every column");
	memcpy(opinion_cols, cols, sizeof cols);
	opinion_def = (struct pager_def){
	    N_("opinions"), "popinion o", "o.id", opinion_cols, N_OF(cols), 2, true};
	return &opinion_def;
}

static int listing_opinions(sqlite3 *db, const struct scope *sc, const struct filter *f,
                            struct pager **out)
{
	*out = NULL;
	struct pager *p = pager_new(db, opinion_listing_def());
	pager_where_scope(p, POPINION_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	int rc = where_common(db, p, f, "(SELECT cycle_id FROM pproject WHERE id = o.project_id)",
	                      "o.town_id");
	if (!rc)
		rc = where_state(p, &popinion_flow, f, "o.state");
	const char *project = filter_get(f, "project"), *unit = filter_get(f, "unit"),
	           *deputy = filter_get(f, "deputy");
	int64_t id;
	if (!rc && project) {
		if (project_find(db, sc, project, &id))
			rc = err_set(RD_INVALID, _("project: no project '%s' within your scope"),
			             project);
		else
			pager_where(p, "o.project_id = ?", "i", id);
	}
	if (!rc && unit && !(rc = flow_lookup(db, "unit", "unit", unit, &id)))
		pager_where(p,
		            "EXISTS (SELECT 1 FROM pproject p WHERE p.id = o.project_id AND "
		            "p.lead_unit_id = ?)",
		            "i", id);
	if (!rc && deputy && !(rc = find_deputy(db, sc, deputy, &id)))
		pager_where(p, "o.deputy_id = ?", "i", id);
	if (!rc && filter_flag(f, "overdue"))
		pager_where(p, flow_cond_sql(&popinion_flow, "o.id", FC_OVERDUE), "");
	if (!rc && filter_flag(f, "due_soon"))
		pager_where(p, flow_cond_sql(&popinion_flow, "o.id", FC_DUE_SOON), "");
	if (rc) {
		pager_free(p);
		return rc;
	}
	*out = p;
	return RD_OK;
}

static const char *const opinion_keys[] = {"id",    "number",   "project",    "posted",
                                           "from",  "state",    "answer_due", "unit",
                                           "title", "answered", "overdue",    "due_soon"};

static int opinion_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",    "number", "project", "project_title", "title",      "from",    "posted_at",
	    "state", "unit",   "answer",  "answered_at",   "answer_due", "overdue", "version",
	};
	memset(out, 0, sizeof *out);
	char *sql = xasprintf("SELECT o.id, o.number, p.number, p.title, o.text, "
	                      "coalesce(name_code(d.name, d.code), g.name), o.posted_at, o.state, "
	                      "coalesce(u.name, ''), o.answer, "
	                      "coalesce(o.answered_at, ''), %s, %s, o.version FROM popinion o JOIN "
	                      "pproject p ON p.id = "
	                      "o.project_id LEFT JOIN deputy d ON d.id = o.deputy_id LEFT JOIN "
	                      "deputy_group g ON g.id = "
	                      "o.group_id LEFT JOIN unit u ON u.id = p.lead_unit_id WHERE o.id = "
	                      "?1 AND " POPINION_SCOPE_SQL,
	                      flow_due_sql(&popinion_flow, "o.id", "answer"),
	                      flow_cond_sql(&popinion_flow, "o.id", FC_OVERDUE));
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	free(sql);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no opinion %lld within your scope"), (long long)id);
	}
	return rc;
}

/* clang-format off */
static const struct mod_filter opinion_filters[] = {
	{"project", "project", MF_TEXT, N_("PROJECT"), N_("project %s")},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"town", "town", MF_TEXT, N_("T"), "%s"},
	{"level", "level", MF_TEXT, N_("city|town"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"unit", "unit", MF_TEXT, N_("U"), "%s"},
	{"deputy", "deputy", MF_TEXT, N_("CODE"), N_("deputy %s")},
	{"overdue", "overdue", MF_FLAG, NULL, N_("overdue")},
	{"due_soon", "due-soon", MF_FLAG, NULL, N_("due soon")},
};
/* clang-format on */

const struct mod_model popinion_model = {
    .filters = opinion_filters,
    .nfilters = N_OF(opinion_filters),
    .listing = listing_opinions,
    .list_keys = opinion_keys,
    .nlist_keys = N_OF(opinion_keys),
    .find = popinion_find,
    .record = opinion_info,
    .number_key = "number",
    .deputy_key = "deputy",
    .when_key = "posted",
};
