/*
 * A livelihood project chosen by the vote (project.h): its workflow table and
 * effects. Its lead department and "three ones" team, the department's
 * monthly targets and progress updates (the clock "update" runs a month from
 * the assignment and from each update: a month without one is overdue), the
 * deputies' opinions (project-opinion items, opinion.c), its rating from the
 * cycle's evaluation, the investigation of a project rated unsatisfied or
 * ranked in the bottom, the standing committee's deliberation, the second
 * rating, a third-party evaluation and its rectification items.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/msgtext.h"
#include "model/core/pager.h"
#include "model/project/project.h"
#include "model/project/project_int.h"
#include "model/project/project_scope.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"chosen", N_("chosen by the vote"), true, false},
	{"supervising", N_("under way, supervised"), true, false},
	{"completed", N_("completed"), true, false},
	{"evaluated", N_("evaluated"), false, true},
	{"flagged", N_("to be investigated"), true, false},
	{"investigating", N_("being investigated"), true, false},
	{"deliberated", N_("deliberated"), true, false},
	{"reevaluated", N_("evaluated again"), false, true},
};
/* clang-format on */

struct jrow {
	int64_t cycle;
	int percent;
	char number[48];
};

static void jrow_release(struct flow_item *it)
{
	free(it->own);
	it->own = NULL;
}

static int jrow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	sqlite3_stmt *st =
	    db_cached(db,
	              "SELECT p.id, coalesce(p.town_id, 0), p.version, p.state, "
	              "coalesce(p.lead_unit_id, 0), coalesce(p.category_id, 0), "
	              "p.rounds, p.number, p.cycle_id, p.percent, CASE WHEN p.town_id "
	              "IS NULL THEN 'city' ELSE 'town' END FROM pproject p WHERE p.id "
	              "= ?1 AND " PPROJECT_SCOPE_SQL,
	              "i", id);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct jrow *j = xcalloc(1, sizeof *j);
		it->own = j;
		it->id = sqlite3_column_int64(st, 0);
		it->town = sqlite3_column_int64(st, 1);
		it->version = sqlite3_column_int64(st, 2);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 3));
		it->lead_unit = sqlite3_column_int64(st, 4);
		it->category = sqlite3_column_int64(st, 5);
		it->rounds = sqlite3_column_int(st, 6);
		snprintf(j->number, sizeof j->number, "%s", db_col(st, 7));
		j->cycle = sqlite3_column_int64(st, 8);
		j->percent = sqlite3_column_int(st, 9);
		snprintf(it->level, sizeof it->level, "%s", db_col(st, 10));
	} else
		rc = err_set(RD_NOTFOUND, _("no project %lld within your scope"), (long long)id);
	db_done(st);
	return rc;
}

static char *jrow_name(const struct flow_item *it)
{
	const struct jrow *j = it->own;
	return xasprintf(_("project %s"), j ? j->number : "?");
}

static int jrow_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_TOWN_CLERK && c->it->town != c->sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's projects"));
	return RD_OK;
}

/* The rating the project's open evaluation gave it (round 1 or 2), or NULL; a new string. */
static char *computed_rating(sqlite3 *db, int64_t project, int round, bool *bottom)
{
	char *r = NULL;
	int64_t b = 0;
	if (db_text(db, &r,
	            "SELECT x.rating FROM prating x JOIN pballot k ON k.id = x.ballot_id WHERE "
	            "x.project_id = ? AND k.round = ? AND x.rating IS NOT NULL ORDER BY k.id DESC "
	            "LIMIT 1",
	            "id", project, round) == RD_OK &&
	    bottom)
		db_int(db, &b,
		       "SELECT x.bottom FROM prating x JOIN pballot k ON k.id = x.ballot_id WHERE "
		       "x.project_id = ? AND k.round = ? ORDER BY k.id DESC LIMIT 1",
		       "id", project, round);
	err_clear();
	if (bottom)
		*bottom = b != 0;
	return r;
}

/* The facts: rated (its evaluation's figures give it a rating), bottom, appraised, open items. */
static void jrow_facts(struct flow_ctx *c, struct sbuf *out)
{
	bool bottom = false;
	char *r1 = computed_rating(c->db, c->it->id, 1, &bottom);
	char *r2 = computed_rating(c->db, c->it->id, 2, NULL);
	int64_t n = 0;
#define FACT(w) sbuf_printf(out, "%s%s", out->len ? "|" : "", w)
	if (r1)
		FACT("rated");
	if (r1 && bottom)
		FACT("bottom");
	if (r2)
		FACT("rerated");
	if (!db_int(c->db, &n, "SELECT count(*) FROM pappraisal WHERE project_id = ?", "i",
	            c->it->id) &&
	    n)
		FACT("appraised");
	if (!db_int(c->db, &n,
	            "SELECT count(*) FROM prectify WHERE project_id = ? AND state = 'open'", "i",
	            c->it->id) &&
	    n)
		FACT("open_items");
#undef FACT
	free(r1);
	free(r2);
}

/* ---- the effects ------------------------------------------------------------------------ */

static int eff_team(struct flow_ctx *c)
{
	const char *leader = flow_arg(c->a, "leader"), *group = flow_arg(c->a, "group"),
	           *office = flow_arg(c->a, "office");
	if (!leader && !group && !office)
		return err_set(RD_INVALID, _("leader: name the standing committee's (presidium's) "
		                             "leader, the deputy group or "
		                             "the committee office of the team"));
	int64_t gid = 0, oid = 0;
	if (group && flow_lookup(c->db, "deputy_group", "group", group, &gid))
		return RD_INVALID;
	if (office && flow_lookup(c->db, "office", "office", office, &oid))
		return RD_INVALID;
	if (leader && u8_width(leader) > 40)
		return err_set(RD_INVALID, _("leader: at most 40 columns"));
	int rc = db_run(c->db,
	                "UPDATE pproject SET leader = coalesce(?, leader), group_id = coalesce(?, "
	                "group_id), office_id = coalesce(?, office_id) WHERE id = ?",
	                "tIIi", leader, gid, oid, c->it->id);
	char *team = NULL;
	if (!rc)
		rc = db_text(
		    c->db, &team,
		    "SELECT p.leader || ' / ' || coalesce(g.name, '') || ' / ' || "
		    "coalesce(o.name, '') FROM pproject p LEFT JOIN deputy_group g ON g.id = "
		    "p.group_id LEFT JOIN office o ON o.id = p.office_id WHERE p.id = ?",
		    "i", c->it->id);
	if (!rc)
		sbuf_printf(&c->text, "%s", team ? team : "");
	free(team);
	return rc;
}

static int eff_target(struct flow_ctx *c)
{
	const struct jrow *j = c->it->own;
	const char *month = flow_arg(c->a, "month");
	int y, m;
	char extra;
	struct pcyc cy;
	int rc = pcyc_load(c->db, j->cycle, &cy);
	if (rc)
		return rc;
	if (!month || sscanf(month, "%d-%d%c", &y, &m, &extra) != 2 || m < 1 || m > 12 ||
	    strlen(month) != 7)
		return err_set(RD_INVALID, _("month: '%s' is not a month such as %d-05"),
		               month ? month : "", cy.year);
	if (y != cy.year)
		return err_set(RD_INVALID, _("month: %s is not in the project's year %d"), month,
		               cy.year);
	int64_t id;
	rc = db_new_id(c->db, "ptarget", &id);
	if (!rc)
		rc = db_run(
		    c->db,
		    "INSERT INTO ptarget (id, project_id, month, text, at, account) VALUES (?, ?, "
		    "?, ?, ?, ?) ON CONFLICT (project_id, month) DO UPDATE SET text = "
		    "excluded.text, at = excluded.at, account = excluded.account",
		    "iittt"
		    "t",
		    id, c->it->id, month, c->a->text, c->now, c->sc->login);
	msgtext_add(&c->text, "%s: %s", month, c->a->text);
	return rc;
}

/* File names, one a line, from a list separated by ';', ',' or new lines; NULL when bad. */
static char *attachment_names(const char *list)
{
	struct sbuf b = SBUF_INIT;
	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ";,\n");
		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		size_t len = n;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
			len--;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == '/' || p[i] == '\\') {
				sbuf_free(&b);
				return NULL;
			}
		if (len)
			sbuf_printf(&b, "%s%.*s", b.len ? "\n" : "", (int)len, p);
		p += n;
		if (*p)
			p++;
	}
	return sbuf_take(&b);
}

static int eff_update(struct flow_ctx *c)
{
	const char *pv = flow_arg(c->a, "percent"), *spent_v = flow_arg(c->a, "spent");
	char day[11];
	int rc = pday(c->a->date, "date", c->today, day);
	if (rc)
		return rc;
	char *end;
	long pct = pv ? strtol(pv, &end, 10) : -1;
	if (!pv || *end || pct < 0 || pct > 100)
		return err_set(RD_INVALID, _("percent: '%s' is not a share done from 0 to 100"),
		               pv ? pv : "");
	int64_t spent, before = 0;
	bool given;
	if (pmoney(spent_v, "spent", &spent, &given))
		return RD_INVALID;
	if (!given && db_int(c->db, &before, "SELECT spent FROM pproject WHERE id = ?", "i",
	                     c->it->id) == RD_OK)
		spent = before;
	char *files = attachment_names(flow_arg(c->a, "attachments"));
	if (!files)
		return err_set(
		    RD_INVALID,
		    _("attachments: name the files by their names (no folders), separated "
		      "by ';'"));
	int64_t id;
	rc = db_new_id(c->db, "pupdate", &id);
	if (!rc)
		rc = db_run(
		    c->db,
		    "INSERT INTO pupdate (id, project_id, day, text, percent, spent, attachments, "
		    "at, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "iittditt"
		    "t",
		    id, c->it->id, day, c->a->text, (int)pct, spent, files, c->now, c->sc->login);
	if (!rc)
		rc = db_run(c->db, "UPDATE pproject SET percent = ?, spent = ? WHERE id = ?", "dii",
		            (int)pct, spent, c->it->id);
	char yuan[32];
	pyuan(spent, yuan);
	msgtext_add(&c->text, "%s: %ld%% done, %s yuan spent", day, pct, yuan);
	sbuf_printf(&c->text, "\n%s", c->a->text);
	if (*files) {
		sbuf_putc(&c->text, '\n');
		msgtext_add(&c->text, "attachments: %s", files);
	}
	free(files);
	return rc;
}

static int eff_opinion(struct flow_ctx *c)
{
	int64_t id;
	char number[48];
	int rc = popinion_create(c->db, c->sc, c->it->id, flow_arg(c->a, "deputy"),
	                         flow_arg(c->a, "group"), c->a->text, c->now, c->a->generated,
	                         c->a->cal, &id, number);
	if (!rc)
		msgtext_add(&c->text, "opinion %s: %s", number, c->a->text);
	return rc;
}

static int eff_complete(struct flow_ctx *c)
{
	const struct jrow *j = c->it->own;
	if (j->percent < 100)
		return err_set(
		    RD_DENIED,
		    _("the latest progress of project %s is %d%%: record a progress update "
		      "of 100%% first"),
		    j->number, j->percent);
	return RD_OK;
}

/* A rating comes from the cycle's evaluation (cycle.c): the one given must be the one computed. */
static int check_rating(struct flow_ctx *c, int round)
{
	const struct jrow *j = c->it->own;
	char *r = computed_rating(c->db, c->it->id, round, NULL);
	int rc = RD_OK;
	if (!r || strcmp(r, c->a->eval))
		rc = err_set(RD_DENIED,
		             _("the rating of project %s is computed from the evaluation's figures "
		               "(the cycle's step \"rate\"), not given"),
		             j->number);
	free(r);
	return rc;
}

static int eff_rate(struct flow_ctx *c)
{
	return check_rating(c, 1);
}

static int eff_rerate(struct flow_ctx *c)
{
	return check_rating(c, 2);
}

static int eff_investigate(struct flow_ctx *c)
{
	const char *office = flow_arg(c->a, "office");
	int64_t oid;
	if (!office)
		return err_set(RD_INVALID,
		               _("office: name the committee (工委) that investigates"));
	if (flow_lookup(c->db, "office", "office", office, &oid))
		return RD_INVALID;
	sbuf_printf(&c->text, "%s", office);
	if (c->a->text && *c->a->text)
		sbuf_printf(&c->text, "\n%s", c->a->text);
	return db_run(c->db, "UPDATE pproject SET investigator_id = ? WHERE id = ?", "ii", oid,
	              c->it->id);
}

static int eff_findings(struct flow_ctx *c)
{
	return db_run(c->db, "UPDATE pproject SET findings = ? WHERE id = ?", "ti", c->a->text,
	              c->it->id);
}

static int eff_deliberate(struct flow_ctx *c)
{
	char day[11];
	int rc = pday(c->a->date, "date", c->today, day);
	if (!rc)
		rc = db_run(c->db,
		            "UPDATE pproject SET opinion = ?, deliberated_on = ? WHERE id = ?",
		            "tti", c->a->text, day, c->it->id);
	sbuf_printf(&c->text, "%s\n%s", day, c->a->text);
	return rc;
}

static int eff_appraise(struct flow_ctx *c)
{
	const char *agency = flow_arg(c->a, "agency"), *score_v = flow_arg(c->a, "score");
	int64_t n = 0, score;
	bool given;
	int rc = db_int(c->db, &n, "SELECT count(*) FROM pappraisal WHERE project_id = ?", "i",
	                c->it->id);
	if (!rc && n)
		return err_set(RD_DENIED, _("this project has had its third-party evaluation"));
	if (!agency)
		return err_set(RD_INVALID, _("agency: name the third-party agency"));
	if (pmoney(score_v, "score", &score, &given) || !given || score > 10000)
		return err_set(RD_INVALID, _("score: '%s' is not a score from 0 to 100"),
		               score_v ? score_v : "");
	char day[11];
	if ((rc = pday(c->a->date, "date", c->today, day)))
		return rc;
	int64_t id;
	rc = db_new_id(c->db, "pappraisal", &id);
	if (!rc)
		rc = db_run(
		    c->db,
		    "INSERT INTO pappraisal (id, project_id, agency, score, findings, day, at, "
		    "account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "iitittt"
		    "t",
		    id, c->it->id, agency, score, c->a->text, day, c->now, c->sc->login);
	char pts[32];
	pyuan(score, pts);
	msgtext_add(&c->text, "%s, %s: score %s", day, agency, pts);
	sbuf_printf(&c->text, "\n%s", c->a->text);
	return rc;
}

static int eff_rectify(struct flow_ctx *c)
{
	const char *due_v = flow_arg(c->a, "due");
	int due = 0;
	char due_s[11] = "";
	if (due_v && !date_parse(due_v, &due))
		return err_set(RD_INVALID, _("due: '%s' is not a date YYYY-MM-DD"), due_v);
	if (due_v)
		date_format(due, due_s);
	int64_t n = 0, id;
	int rc =
	    db_int(c->db, &n, "SELECT count(*) FROM prectify WHERE project_id = ?", "i", c->it->id);
	char number[32];
	snprintf(number, sizeof number, "R%lld", (long long)n + 1);
	if (!rc)
		rc = db_new_id(c->db, "prectify", &id);
	if (!rc)
		rc = db_run(
		    c->db,
		    "INSERT INTO prectify (id, project_id, number, text, due, state, at) VALUES "
		    "(?, ?, ?, ?, ?, 'open', ?)",
		    "iittt"
		    "t",
		    id, c->it->id, number, c->a->text, due_v ? due_s : NULL, c->now);
	if (due_v)
		msgtext_add(&c->text, "%s: %s (by %s)", number, c->a->text, due_s);
	else
		msgtext_add(&c->text, "%s: %s", number, c->a->text);
	return rc;
}

static int eff_rectified(struct flow_ctx *c)
{
	const char *item = c->a->into;
	if (!item || !*item)
		return err_set(RD_INVALID, _("into: name the rectification item (R1, R2...)"));
	int64_t id;
	int rc =
	    db_int(c->db, &id,
	           "SELECT id FROM prectify WHERE project_id = ? AND (number = ? OR '#' || id = "
	           "?) AND state = 'open'",
	           "itt", c->it->id, item, item);
	if (rc == RD_NOTFOUND)
		return err_set(RD_INVALID,
		               _("into: no open rectification item '%s' of this project"), item);
	if (!rc)
		rc = db_run(
		    c->db,
		    "UPDATE prectify SET state = 'done', done_at = ?, done_text = ? WHERE id = ?",
		    "tti", c->now, c->a->text ? c->a->text : "", id);
	if (c->a->text && *c->a->text)
		msgtext_add(&c->text, "%s: %s", item, c->a->text); /* R1：已完善 */
	else
		sbuf_puts(&c->text, item);
	return rc;
}

struct pager *listing_project_rectify(sqlite3 *db, const struct scope *sc, int64_t id)
{
	static const struct pager_col cols[] = {
	    {"number", N_("No."), "x.number", 4, PC_SORT | PC_FILTER | PC_NOTNULL, NULL, NULL},
	    {"due", N_("Due"), "coalesce(x.due, '')", 10, 0, NULL, NULL},
	    {"text", N_("Rectification item"), "x.text", 40, PC_FILTER | PC_FLEX, NULL, NULL},
	};
	static const struct pager_def def = {
	    N_("rectification items"), "prectify x", "x.id", cols, 3, 0, false};
	struct flow_item it;
	int rc = jrow_read(db, sc, id, &it);
	jrow_release(&it);
	if (rc)
		return NULL;
	struct pager *p = pager_new(db, &def);
	pager_where(p, "x.project_id = ? AND x.state = 'open'", "i", id);
	return p;
}

/* clang-format off */
static const struct wf_trans trans[] = {
	{"choose", N_("Chosen by the vote"), N_("chosen by the vote"), "", "chosen", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_NONE, NULL},
	{"assign", N_("Assign to the lead department (交办)"), N_("assigned"),
	 "chosen|supervising", "supervising", NULL, WF_CLERKS, WF_UNIT, "update", NULL, NULL, NULL,
	 flow_eff_assign, WA_FORM, "project-assign"},
	{"team", N_("Set the \"three ones\" team (三个一)"), N_("team set"),
	 "chosen|supervising|completed", NULL, NULL, WF_CLERKS, WF_FIELDS, NULL, NULL, NULL, NULL,
	 eff_team, WA_FORM, "project-team"},
	{"target", N_("Set a month's target"), N_("monthly target set"), "supervising", NULL, NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_FIELDS, NULL, NULL, NULL, NULL, eff_target, WA_FORM,
	 "project-target"},
	{"update", N_("Record a progress update"), N_("progress update"), "supervising", NULL, NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_DATE | WF_FIELDS, "update", "update", NULL, NULL,
	 eff_update, WA_FORM, "project-update"},
	{"record-opinion", N_("Record an opinion of a deputy or a deputy group (意见建议)"),
	 N_("opinion recorded"), "chosen|supervising|completed|flagged|investigating|deliberated",
	 NULL, NULL, WF_CLERKS, WF_TEXT | WF_FIELDS, NULL, NULL, NULL, NULL, eff_opinion, WA_FORM,
	 "project-opinion"},
	{"chase", N_("Chase the department (催办)"), N_("chased"), "supervising", NULL, NULL,
	 WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT, N_("Reminder to the department:")},
	{"complete", N_("Report the project completed"), N_("completed"), "supervising",
	 "completed", NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, NULL, "update", NULL, eff_complete,
	 WA_FORM, "project-text"},
	{"rate", N_("Rate from the evaluation (the cycle's step)"), N_("rated"),
	 "chosen|supervising|completed", "flagged", "unsatisfied+rated|bottom+rated", WF_CLERKS,
	 WF_EVAL, NULL, NULL, "update", NULL, eff_rate, WA_NONE, NULL},
	{"rate", N_("Rate from the evaluation (the cycle's step)"), N_("rated"),
	 "chosen|supervising|completed", "evaluated", "rated", WF_CLERKS, WF_EVAL, NULL, NULL,
	 "update", NULL, eff_rate, WA_NONE, NULL},
	{"investigate", N_("Send to a committee for investigation"), N_("sent for investigation"),
	 "flagged", "investigating", NULL, WF_CLERKS, WF_FIELDS, NULL, NULL, NULL, NULL,
	 eff_investigate, WA_FORM, "project-investigate"},
	{"findings", N_("Record the committee's findings"), N_("findings recorded"),
	 "investigating", NULL, NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, eff_findings,
	 WA_FORM, "project-text"},
	{"deliberate", N_("Record the standing committee's (presidium's) deliberation and its opinion (审议意见)"),
	 N_("deliberated"), "investigating", "deliberated", NULL, WF_CLERKS, WF_TEXT | WF_DATE, NULL,
	 NULL, NULL, NULL, eff_deliberate, WA_FORM, "project-deliberate"},
	{"rerate", N_("Rate from the second evaluation (the cycle's step)"), N_("rated again"),
	 "deliberated", "reevaluated", "rerated", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL,
	 eff_rerate, WA_NONE, NULL},
	{"appraise", N_("Record a third-party performance evaluation"),
	 N_("third-party evaluation"), "completed|evaluated|flagged|investigating|deliberated|reevaluated",
	 NULL, NULL, WF_CLERKS, WF_TEXT | WF_DATE | WF_FIELDS, NULL, NULL, NULL, NULL, eff_appraise,
	 WA_FORM, "project-appraise"},
	{"rectify", N_("Add a rectification item of the evaluation"), N_("rectification item"),
	 "completed|evaluated|flagged|investigating|deliberated|reevaluated", NULL, "appraised",
	 WF_CLERKS, WF_TEXT | WF_FIELDS, NULL, NULL, NULL, NULL, eff_rectify, WA_FORM,
	 "project-rectify"},
	{"rectified", N_("Report a rectification item done"), N_("rectification done"),
	 "completed|evaluated|flagged|investigating|deliberated|reevaluated", NULL, "open_items",
	 WF_UNITSIDE, WF_LEAD | WF_ITEM, NULL, NULL, NULL, NULL, eff_rectified, WA_PICK,
	 "rectification"},
};

static const struct wf_clock_def clocks[] = {
	{"update", N_("monthly progress update"), WC_DEADLINE, "update", false},
};

static const struct wf_pick picks[] = {
	{"rectification", N_("%s: which rectification item is done"), false, "number",
	 listing_project_rectify, WP_INTO, WA_FORM, "project-rectified"},
};
/* clang-format on */

const struct wf_def project_flow = {
    .name = "project",
    .table = "pproject",
    .units = "pproject_unit",
    .units_item = "project_id",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .clocks = clocks,
    .nclocks = N_OF(clocks),
    .picks = picks,
    .npicks = N_OF(picks),
    .read = jrow_read,
    .release = jrow_release,
    .facts = jrow_facts,
    .actor = jrow_actor,
    .name_of = jrow_name,
};

int project_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	return pfind(db, sc, "pproject", "p", PPROJECT_SCOPE_SQL, ref, _("project"), id);
}

int project_create_chosen(struct flow_ctx *c, const struct pcyc *cy)
{
	static const char *const keys[] = {"id", "title", "content", "category", "budget"};
	struct tbl t;
	int rc =
	    tbl_read(db_prepare(c->db,
	                        "SELECT r.id, r.title, r.content, coalesce(r.category_id, 0), "
	                        "coalesce(r.budget, ''), (SELECT max(b.round) FROM pvote v JOIN "
	                        "pballot b ON b.id = v.ballot_id WHERE v.proposal_id = r.id) AS "
	                        "rd, (SELECT v.yes FROM pvote v JOIN pballot b ON b.id = "
	                        "v.ballot_id WHERE v.proposal_id = r.id ORDER BY b.round DESC "
	                        "LIMIT 1) AS yes FROM pproposal r WHERE r.cycle_id = ? AND "
	                        "r.result = 'chosen' AND NOT EXISTS (SELECT 1 FROM pproject p "
	                        "WHERE p.proposal_id = r.id) ORDER BY rd, yes DESC, r.number",
	                        "i", cy->id),
	             keys, 5, &t);
	int64_t have = 0;
	if (!rc)
		rc = db_int(c->db, &have, "SELECT count(*) FROM pproject WHERE cycle_id = ?", "i",
		            cy->id);
	for (int r = 0; !rc && r < t.nrows; r++) {
		char number[64];
		snprintf(number, sizeof number, "%s-%02lld", cy->number, (long long)(have + r + 1));
		int64_t id, category = strtoll(tbl_get(&t, r, "category"), NULL, 10);
		const char *budget = tbl_get(&t, r, "budget");
		rc = db_new_id(c->db, "pproject", &id);
		if (!rc)
			rc = db_run(c->db,
			            "INSERT INTO pproject (id, cycle_id, proposal_id, town_id, "
			            "number, title, "
			            "content, category_id, budget, state, updated_at) VALUES (?, "
			            "?, ?, ?, ?, "
			            "?, ?, ?, ?, 'chosen', ?)",
			            "iiiIttt"
			            "Itt",
			            id, cy->id, strtoll(tbl_get(&t, r, "id"), NULL, 10), cy->town,
			            number, tbl_get(&t, r, "title"), tbl_get(&t, r, "content"),
			            category, *budget ? budget : NULL, c->now);
		if (!rc)
			rc = flow_created(c->db, c->sc, &project_flow, id, c->now,
			                  tbl_get(&t, r, "title"), category, true, c->a->generated,
			                  c->a->cal);
		if (!rc) {
			sbuf_putc(&c->text, '\n');
			msgtext_add(&c->text, "project %s: %s", number, tbl_get(&t, r, "title"));
		}
	}
	tbl_free(&t);
	return rc;
}

int project_updates(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"day",  "percent",     "spent",
	                                   "text", "attachments", "account"};
	memset(out, 0, sizeof *out);
	struct flow_item it;
	int rc = jrow_read(db, sc, id, &it);
	jrow_release(&it);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT day, percent, printf('%d.%02d', spent / 100, spent % 100), "
	               "text, replace(attachments, char(10), '; '), account FROM pupdate "
	               "WHERE project_id = ? ORDER BY day, id",
	               "i", id),
	    keys, 6, out);
}
