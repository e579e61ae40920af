/*
 * A proposal collected for a cycle (征集): from a deputy or a deputy group, or
 * from the public or the government; adopted as a candidate or not, with the
 * reason, while the cycle collects. The vote's result is written by the
 * cycle's count (cycle.c).
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
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"proposed", N_("proposed"), true, false},
	{"candidate", N_("adopted as a candidate"), false, false},
	{"declined", N_("not adopted"), false, true},
};
/* clang-format on */

struct prow {
	int64_t cycle;
	char number[48];
};

static void prow_release(struct flow_item *it)
{
	free(it->own);
	it->own = NULL;
}

static int prow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT r.id, coalesce(r.town_id, 0), r.version, r.state, "
	               "r.number, r.cycle_id, coalesce(r.category_id, 0), "
	               "CASE WHEN r.town_id IS NULL THEN 'city' ELSE 'town' END FROM "
	               "pproposal r WHERE r.id = ?1 AND " PPROPOSAL_SCOPE_SQL,
	               "i", id);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct prow *p = xcalloc(1, sizeof *p);
		it->own = p;
		it->id = sqlite3_column_int64(st, 0);
		it->town = sqlite3_column_int64(st, 1);
		it->version = sqlite3_column_int64(st, 2);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 3));
		snprintf(p->number, sizeof p->number, "%s", db_col(st, 4));
		p->cycle = sqlite3_column_int64(st, 5);
		it->category = sqlite3_column_int64(st, 6);
		snprintf(it->level, sizeof it->level, "%s", db_col(st, 7));
	} else
		rc = err_set(RD_NOTFOUND, _("no proposal %lld within your scope"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

static char *prow_name(const struct flow_item *it)
{
	const struct prow *p = it->own;
	return xasprintf(_("proposal %s"), p ? p->number : "?");
}

static int prow_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_TOWN_CLERK && c->it->town != c->sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's proposals"));
	return RD_OK;
}

/* A decision on a proposal is taken while its cycle collects, before the list is fixed. */
static int while_collecting(struct flow_ctx *c)
{
	const struct prow *p = c->it->own;
	struct pcyc cy;
	int rc = pcyc_load(c->db, p->cycle, &cy);
	if (rc)
		return rc;
	if (strcmp(cy.state, "collecting"))
		return err_set(RD_DENIED,
		               _("the candidates of cycle %s are fixed (it is %s): a proposal is "
		                 "decided while the cycle collects"),
		               cy.number, flow_state_label(&pcycle_flow, cy.state));
	return RD_OK;
}

static int eff_decide(struct flow_ctx *c)
{
	int rc = while_collecting(c);
	if (!rc)
		rc = db_run(c->db, "UPDATE pproposal SET reason = ? WHERE id = ?", "ti", c->a->text,
		            c->it->id);
	return rc;
}

static int eff_reconsider(struct flow_ctx *c)
{
	int rc = while_collecting(c);
	if (!rc)
		rc = db_run(c->db, "UPDATE pproposal SET reason = '' WHERE id = ?", "i", c->it->id);
	return rc;
}

/* clang-format off */
static const struct wf_trans trans[] = {
	{"propose", N_("Record a proposal (征集)"), N_("proposed"), "", "proposed", NULL, WF_CLERKS,
	 0, NULL, NULL, NULL, NULL, NULL, WA_FORM, "project-proposal"},
	{"adopt", N_("Adopt as a candidate, giving the reason"), N_("adopted as a candidate"),
	 "proposed", "candidate", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, eff_decide,
	 WA_FORM, "project-decision"},
	{"decline", N_("Do not adopt, giving the reason"), N_("not adopted"), "proposed",
	 "declined", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, eff_decide, WA_FORM,
	 "project-decision"},
	{"reconsider", N_("Take the decision back (while the cycle collects)"),
	 N_("decision taken back"), "candidate|declined", "proposed", NULL, WF_CLERKS, WF_TEXT, NULL,
	 NULL, NULL, NULL, eff_reconsider, WA_PROMPT, N_("Why the decision is taken back:")},
};
/* clang-format on */

const struct wf_def pproposal_flow = {
    .name = "project-proposal",
    .table = "pproposal",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .read = prow_read,
    .release = prow_release,
    .actor = prow_actor,
    .name_of = prow_name,
};

int pproposal_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	return pfind(db, sc, "pproposal", "r", PPROPOSAL_SCOPE_SQL, ref, _("proposal"), id);
}

static const char *const sources = "deputy|group|public|government";

int pproposal_add_tx(sqlite3 *db, const struct scope *sc, const struct pproposal_new *n,
                     int64_t *id)
{
	int64_t cycle;
	if (!n->cycle || !*n->cycle)
		return err_set(RD_INVALID, _("cycle: name the cycle (2021-CITY, 2021-ZP)"));
	if (pcycle_find(db, sc, n->cycle, &cycle))
		return RD_NOTFOUND;
	struct pcyc cy;
	int rc = pcyc_load(db, cycle, &cy);
	if (rc)
		return rc;
	if (flow_may_create(&pproposal_flow, sc))
		return RD_DENIED;
	if (sc->role == ROLE_TOWN_CLERK && cy.town != sc->town_id)
		return err_set(RD_DENIED, _("a town clerk records only the town's proposals"));
	if (strcmp(cy.state, "collecting"))
		return err_set(RD_DENIED, _("cycle %s no longer collects proposals (it is %s)"),
		               cy.number, flow_state_label(&pcycle_flow, cy.state));
	const char *source = n->source && *n->source ? n->source : "deputy";
	if (!wf_in(sources, source))
		return err_set(RD_INVALID,
		               _("source: '%s' is not deputy, group, public or government"),
		               source);
	const char *channel = n->channel && *n->channel ? n->channel : "online";
	if (strcmp(channel, "online") && strcmp(channel, "paper"))
		return err_set(RD_INVALID, _("channel: '%s' is not online or paper"), channel);
	if (!n->title || !*n->title)
		return err_set(RD_INVALID, _("title: required"));
	if (u8_width(n->title) > 120)
		return err_set(RD_INVALID, _("title: at most 120 columns (60 Chinese characters)"));
	int64_t deputy = 0, group = 0, category = 0, unit = 0;
	if (!strcmp(source, "deputy")) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK; /* the deputies of the congress, whoever records it */
		if (!n->deputy || deputy_find(db, &all, n->deputy, &deputy))
			return err_set(RD_INVALID, _("deputy: no deputy '%s'"),
			               n->deputy ? n->deputy : "");
		char day[11];
		int64_t ok = 0;
		snprintf(day, sizeof day, "%.10s",
		         n->submitted_at && *n->submitted_at ? n->submitted_at : "");
		if (!*day)
			date_format(clock_today(), day);
		db_int(db, &ok,
		       "SELECT 1 FROM deputy d LEFT JOIN term t ON t.id = d.term_id WHERE d.id = "
		       "?1 AND "
		       "d.level = ?2 AND (?2 = 'city' OR d.town_id = ?4) AND " PDEPUTY_ON_DAY,
		       "itti", deputy, cy.level, day, cy.town);
		if (!ok) {
			char *cong = pcongress_name(cy.town_name);
			err_set(RD_INVALID, _("deputy: %s was not a deputy of %s in office on %s"),
			        n->deputy, cong, day);
			free(cong);
			return RD_INVALID;
		}
	} else if (!strcmp(source, "group")) {
		if (!n->group || flow_lookup(db, "deputy_group", "group", n->group, &group))
			return n->group ? RD_INVALID
			                : err_set(RD_INVALID, _("group: name the deputy group"));
		int64_t ok = 0;
		db_int(db, &ok,
		       "SELECT 1 FROM deputy_group WHERE id = ? AND (? = 0 OR town_id = ?)", "iii",
		       group, cy.town, cy.town);
		if (!ok)
			return err_set(RD_INVALID, _("group: %s is not a deputy group of %s"),
			               n->group, cy.town_name);
	} else if (!n->proposer || !*n->proposer)
		return err_set(RD_INVALID, _("proposer: say who proposes it"));
	if (n->category && *n->category &&
	    flow_lookup(db, "category", "category", n->category, &category))
		return RD_INVALID;
	if (n->unit && *n->unit && flow_lookup(db, "unit", "unit", n->unit, &unit))
		return RD_INVALID;
	int64_t budget;
	bool has_budget;
	if (pmoney(n->budget, "budget", &budget, &has_budget))
		return RD_INVALID;
	char at[CLOCK_BUF];
	int today;
	time_t when;
	if (n->submitted_at && *n->submitted_at) {
		if (!clock_parse(n->submitted_at, &when))
			return err_set(RD_INVALID, _("submitted_at: '%s' is not an ISO 8601 time"),
			               n->submitted_at);
		if (when > clock_now() + 300)
			return err_set(RD_INVALID, _("submitted_at: %s is in the future"),
			               n->submitted_at);
	}
	if ((rc = flow_time(n->submitted_at, at, &today)))
		return rc;
	/* The next number after the highest (by its value: Z100 comes after Z99). */
	char lo[48];
	snprintf(lo, sizeof lo, "%s-Z", cy.number);
	int64_t seq = 0;
	rc = db_int(db, &seq,
	            "SELECT coalesce(max(CAST(substr(number, length(?1) + 1) AS INTEGER)), 0) "
	            "FROM pproposal WHERE cycle_id = ?2 AND substr(number, 1, length(?1)) = ?1",
	            "ti", lo, cycle);
	char number[96];
	snprintf(number, sizeof number, "%s%02lld", lo, (long long)(seq % 1000000 + 1));
	if (!rc)
		rc = db_new_id(db, "pproposal", id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO pproposal (id, cycle_id, town_id, number, source, deputy_id, "
		    "group_id, proposer, channel, submitted_at, title, content, category_id, "
		    "unit_id, budget, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?, ?, ?, 'proposed', ?)",
		    "iiIttIIttttt"
		    "IIIt",
		    *id, cycle, cy.town, number, source, deputy, group,
		    n->proposer ? n->proposer : "", channel, at, n->title,
		    n->content ? n->content : "", category, unit, has_budget ? budget : 0, at);
	if (!rc && has_budget && !budget)
		rc = db_run(db, "UPDATE pproposal SET budget = 0 WHERE id = ?", "i", *id);
	if (!rc)
		rc = flow_created(db, sc, &pproposal_flow, *id, at, n->title, category, true,
		                  n->generated, NULL);
	return rc;
}

int pproposal_add(sqlite3 *db, const struct scope *sc, const struct pproposal_new *n, int64_t *id)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, pproposal_add_tx(db, sc, n, id));
}
