/*
 * An opinion (意见建议) of a deputy or a deputy group on a livelihood project,
 * recorded by a clerk (the project's step "record-opinion") and answered by the
 * project's lead department within the clock "answer" ([project-opinion]
 * rules of wf_rule: 15 working days by default).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/project/project.h"
#include "model/project/project_int.h"
#include "model/project/project_scope.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"posted", N_("waiting for the answer"), true, false},
	{"answered", N_("answered"), false, true},
};
/* clang-format on */

static void orow_release(struct flow_item *it)
{
	free(it->own);
	it->own = NULL;
}

static int orow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	sqlite3_stmt *st =
	    db_cached(db,
	              "SELECT o.id, coalesce(o.town_id, 0), o.version, o.state, "
	              "coalesce(p.lead_unit_id, 0), o.number, CASE WHEN o.town_id IS "
	              "NULL THEN 'city' ELSE 'town' END FROM popinion o JOIN pproject "
	              "p ON p.id = o.project_id WHERE o.id = ?1 AND " POPINION_SCOPE_SQL,
	              "i", id);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		it->town = sqlite3_column_int64(st, 1);
		it->version = sqlite3_column_int64(st, 2);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 3));
		it->lead_unit = sqlite3_column_int64(st, 4);
		it->own = xstrdup(db_col(st, 5));
		snprintf(it->level, sizeof it->level, "%s", db_col(st, 6));
	} else
		rc = err_set(RD_NOTFOUND, _("no opinion %lld within your scope"), (long long)id);
	db_done(st);
	return rc;
}

static char *orow_name(const struct flow_item *it)
{
	return xasprintf(_("opinion %s"), it->own ? (const char *)it->own : "?");
}

static int orow_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_TOWN_CLERK && c->it->town != c->sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's opinions"));
	return RD_OK;
}

static int eff_answer(struct flow_ctx *c)
{
	return db_run(c->db, "UPDATE popinion SET answer = ?, answered_at = ? WHERE id = ?", "tti",
	              c->a->text, c->now, c->it->id);
}

/* clang-format off */
static const struct wf_trans trans[] = {
	{"post", N_("Record an opinion"), N_("opinion recorded"), "", "posted", NULL, WF_CLERKS, 0,
	 "answer", NULL, NULL, NULL, NULL, WA_NONE, NULL},
	{"answer", N_("Record the department's answer"), N_("answered"), "posted", "answered", NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "answer", NULL, NULL, eff_answer, WA_FORM,
	 "project-answer"},
	{"chase", N_("Chase the department (催办)"), N_("chased"), "posted", NULL, NULL, WF_CLERKS,
	 WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT, N_("Reminder to the department:")},
};

static const struct wf_clock_def clocks[] = {
	{"answer", N_("answer to the opinion"), WC_DEADLINE, "answer", false},
};
/* clang-format on */

const struct wf_def popinion_flow = {
    .name = "project-opinion",
    .table = "popinion",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .clocks = clocks,
    .nclocks = N_OF(clocks),
    .read = orow_read,
    .release = orow_release,
    .actor = orow_actor,
    .name_of = orow_name,
};

int popinion_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	return pfind(db, sc, "popinion", "o", POPINION_SCOPE_SQL, ref, _("opinion"), id);
}

int popinion_create(sqlite3 *db, const struct scope *sc, int64_t project, const char *deputy,
                    const char *group, const char *text, const char *at, bool generated,
                    const struct cal *cal, int64_t *id, char number[48])
{
	if ((deputy && *deputy) == (group && *group))
		return err_set(RD_INVALID,
		               _("deputy: an opinion comes from a deputy or from a deputy "
		                 "group (one of them)"));
	if (!text || !*text)
		return err_set(RD_INVALID, _("text: the opinion's text is required"));
	int64_t town = 0, did = 0, gid = 0;
	char *pnum = NULL, day[11];
	snprintf(day, sizeof day, "%.10s", at);
	int rc = db_int(db, &town, "SELECT coalesce(town_id, 0) FROM pproject WHERE id = ?", "i",
	                project);
	if (!rc)
		rc = db_text(db, &pnum, "SELECT number FROM pproject WHERE id = ?", "i", project);
	if (rc)
		return rc;
	if (deputy && *deputy) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK; /* any deputy of the congress, whoever records it */
		int64_t ok = 0;
		if (deputy_find(db, &all, deputy, &did))
			rc = err_set(RD_INVALID, _("deputy: no deputy '%s'"), deputy);
		else if (db_int(db, &ok,
		                "SELECT 1 FROM deputy d LEFT JOIN term t ON t.id = d.term_id WHERE "
		                "d.id = ?1 AND (?2 = 0 AND d.level = 'city' OR d.town_id = ?2) "
		                "AND " PDEPUTY_ON_DAY,
		                "iit", did, town, day) ||
		         !ok)
			rc = err_set(
			    RD_INVALID,
			    _("deputy: %s was not a deputy of this congress in office on %s"),
			    deputy, day);
	} else if (flow_lookup(db, "deputy_group", "group", group, &gid))
		rc = RD_INVALID;
	else if (town) {
		int64_t ok = 0;
		if (db_int(db, &ok, "SELECT 1 FROM deputy_group WHERE id = ? AND town_id = ?", "ii",
		           gid, town) ||
		    !ok)
			rc = err_set(RD_INVALID,
			             _("group: %s is not a deputy group of the project's town"),
			             group);
	}
	int64_t n = 0;
	if (!rc)
		rc = db_int(db, &n, "SELECT count(*) FROM popinion WHERE project_id = ?", "i",
		            project);
	snprintf(number, 48, "%s-Y%03lld", pnum ? pnum : "?", (long long)n + 1);
	free(pnum);
	if (!rc)
		rc = db_new_id(db, "popinion", id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO popinion (id, project_id, town_id, number, deputy_id, group_id, "
		    "text, posted_at, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		    "'posted', ?)",
		    "iiItIItt"
		    "t",
		    *id, project, town, number, did, gid, text, at, at);
	if (!rc)
		rc = flow_created(db, sc, &popinion_flow, *id, at, text, 0, true, generated, cal);
	return rc;
}
