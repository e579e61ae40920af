/*
 * Deputies' motions and suggestions in the console (议案 / 建议): what is
 * theirs alone. The list, the page and the steps are the registry's generic
 * screens (scr_records.c, scr_step.c); here are the views of the module's
 * menu, the fields of an item's page and the words of its sub-lists
 * (co-signers, units, consultations, replies), and drafting (the lead deputy
 * picked first, then the draft's form).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/suggestion/suggestion.h"
#include "tui/list.h"
#include "tui/formscr.h"
#include "tui/modscr.h"
#include "tui/pick.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- an item's page -------------------------------------------------------- */

static const struct mod_field fields[] = {
    {"number", N_("Number"), 0},
    {"id", N_("Id"), 0},
    {"session", N_("Session"), MV_SKIP_EMPTY},
    {"kind", N_("Kind"), 0},
    {"state", N_("State"), MV_LATE},
    {"key_supervised", N_("Key supervised"), MV_SKIP_EMPTY},
    {"category", N_("Category"), MV_SKIP_EMPTY},
    {"deputy", N_("Lead deputy (领衔)"), MV_SKIP_EMPTY},
    {"delegation", N_("Delegation (代表团)"), MV_SKIP_EMPTY},
    {"title", N_("Title (案由)"), MV_SKIP_EMPTY},
    {"basis", N_("Basis (案据)"), MV_SKIP_EMPTY},
    {"proposal", N_("Proposal (方案)"), MV_SKIP_EMPTY},
    {"merged_into", N_("Merged into"), MV_SKIP_EMPTY},
    {"merged_items", N_("Items merged into it"), MV_SKIP_EMPTY},
    {"lead_unit", N_("Lead unit (主办)"), MV_SKIP_EMPTY},
    {"reply_due", N_("Reply due"), MV_SKIP_EMPTY},
    {"opinion_due", N_("Opinion due"), MV_SKIP_EMPTY},
    {"result_class", N_("Result class"), MV_SKIP_EMPTY},
    {"reply", N_("Reply"), MV_SKIP_EMPTY},
    {"evaluation", N_("Evaluation"), MV_SKIP_EMPTY},
    {"rounds", N_("Re-handling rounds"), MV_SKIP_EMPTY},
    {"created_at", N_("Drafted"), MV_SKIP_EMPTY | MV_MINUTE},
    {"submitted_at", N_("Submitted"), MV_SKIP_EMPTY | MV_MINUTE},
    {"closed_at", N_("Closed"), MV_SKIP_EMPTY | MV_MINUTE},
    {"version", N_("Version"), MV_SKIP_EMPTY},
};

static const char *kind_label(const char *kind)
{
	return !strcmp(kind, "motion") ? _("motion") : _("suggestion");
}

static const char *eval_label(const char *e)
{
	if (!strcmp(e, "satisfied"))
		return _("satisfied (满意)");
	if (!strcmp(e, "basic"))
		return _("basically satisfied (基本满意)");
	if (!strcmp(e, "unsatisfied"))
		return _("unsatisfied (不满意)");
	return e;
}

static char *show(const struct tbl *rec, const char *key)
{
#define V(k) tbl_get(rec, 0, k)
	if (!strcmp(key, "number"))
		return *V("number") ? xasprintf("%s  %s", V("number"), V("label"))
		                    : xstrdup(_("not registered yet"));
	if (!strcmp(key, "kind")) {
		char *level = xasprintf(
		    "%s%s%s", !strcmp(V("level"), "city") ? _("city level") : _("town level"),
		    *V("town") ? " " : "", V("town"));
		/* TRANSLATORS: an item's kind and its level: "suggestion, city level". */
		char *kind = xasprintf(_("%s, %s"), kind_label(V("kind")), level);
		free(level);
		return kind;
	}
	/* The state, and the overdue marker in words, not only in colour. */
	if (!strcmp(key, "state"))
		return !strcmp(V("overdue"), "1")
		           ? xasprintf(_("%s  ! OVERDUE"),
		                       flow_state_label(&suggestion_flow, V("state")))
		           : xstrdup(flow_state_label(&suggestion_flow, V("state")));
	if (!strcmp(key, "key_supervised"))
		return !strcmp(V("key_supervised"), "1")
		           ? xasprintf(_("yes (重点督办), leading official: %s"), V("supervisor"))
		           : xstrdup("");
	if (!strcmp(key, "evaluation"))
		return xstrdup(*V("evaluation") ? eval_label(V("evaluation")) : "");
	if (!strcmp(key, "rounds"))
		return xstrdup(strcmp(V("rounds"), "0") ? V("rounds") : "");
#undef V
	return NULL;
}

static void part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
#define C(k) tbl_get(t, r, k)
	if (!strcmp(part, "cosigners")) {
		const char *status = C("status");
		const char *shown = !strcmp(status, "confirmed")  ? _("confirmed")
		                    : !strcmp(status, "declined") ? _("declined")
		                                                  : _("invited, no answer yet");
		char *who = xasprintf(_("%s (%s)"), C("name"), C("code"));
		char *v = *C("answered") ? xasprintf(_("%s on %s (invited %s)"), shown,
		                                     C("answered"), C("invited"))
		                         : xasprintf(_("%s (invited %s)"), shown, C("invited"));
		vw_add(d, !strcmp(status, "invited"), who, v, NULL);
		free(who);
		free(v);
	} else if (!strcmp(part, "units")) {
		char *v;
		if (!strcmp(C("role"), "lead"))
			v = xasprintf(_("lead unit (主办), assigned %s"), C("assigned"));
		else if (*C("opinion_at"))
			v = xasprintf(_("supporting unit (协办): opinion of %s: %s"),
			              C("opinion_at"), C("opinion"));
		else if (*C("opinion_due"))
			v = xasprintf(
			    _("supporting unit (协办), assigned %s: no opinion yet, due %s%s"),
			    C("assigned"), C("opinion_due"),
			    !strcmp(C("opinion_outcome"), "late") ? _(" (missed)") : "");
		else
			v = xasprintf(_("supporting unit (协办), assigned %s: no opinion yet"),
			              C("assigned"));
		vw_add(d, false, C("name"), v, NULL);
		free(v);
	} else if (!strcmp(part, "meetings")) {
		struct sbuf b = SBUF_INIT;
		sbuf_printf(&b, _("%s; deputies: %s"), C("place"), C("deputies"));
		if (*C("unit"))
			sbuf_printf(&b, _("; unit: %s"), C("unit"));
		if (*C("notes"))
			sbuf_printf(&b, _(". %s"), C("notes")); /* 。 in Chinese */
		vw_add(d, false, C("day"), sbuf_str(&b), NULL);
		sbuf_free(&b);
	} else if (!strcmp(part, "replies")) {
		char *who = xasprintf(_("%s (%s)"), C("deputy"), C("code"));
		const char *role = !strcmp(C("role"), "lead") ? _("lead deputy") : _("co-signer");
		char *v = xasprintf(_("reply %s, class %s, %.10s (%s of %s)"), C("round"),
		                    C("class"), C("at"), role, C("via"));
		vw_add(d, false, who, v, NULL);
		free(who);
		free(v);
	}
#undef C
}

/* ---- drafting ------------------------------------------------------------ */

/* May draft items: the clerks (the model checks the town and the level). */
static bool may_draft(void)
{
	return flow_may_create(&suggestion_flow, &tui.sc) == RD_OK || (err_clear(), false);
}

static int draft_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("suggestion");
	struct suggestion_new n = {0};
	const char *kind = fs_value(d, v, "kind");
	n.kind = kind && *kind ? kind : "suggestion";
	n.deputy = fs_value(d, v, "deputy");
	n.delegation = fs_value(d, v, "delegation");
	n.category = fs_value(d, v, "category");
	const char *session = fs_value(d, v, "session");
	n.session = session && *session ? session : NULL;
	n.title = fs_value(d, v, "title");
	n.basis = fs_value(d, v, "basis");
	n.proposal = fs_value(d, v, "proposal");
	int64_t id;
	int rc = suggestion_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		lw_select_new("motions and suggestions", id); /* listing_suggestions() */
	return rc;
}

/* The lead deputy picked: the draft's form, with the deputy filled in. */
static int lead_picked(void *ctx, char **vals, int n)
{
	(void)ctx;
	(void)n;
	const struct form_def *d = form_find("suggestion");
	if (!d) {
		err_set(RD_FAIL, _("no form '%s' among the forms"), "suggestion");
		err_report();
		return SK_HANDLED;
	}
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, "deputy"))
			values[i] = xstrdup(vals[0]);
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New motion or suggestion (draft)")),
	    .values = values,
	    .save = draft_save,
	};
	tui_push(&scr_form, &spec);
	return SK_HANDLED;
}

static int draft(void)
{
	struct mp_spec spec = {
	    .title = xstrdup(_("New motion or suggestion: pick the lead deputy (领衔)")),
	    .p = listing_sugg_deputies(tui.db, &tui.sc, 0, LSD_LEAD),
	    .col = "code",
	    .done = lead_picked,
	};
	return tui_push(&scr_mpick, &spec);
}

/* ---- the row of the registry ------------------------------------------------------ */

static const struct mod_view views[] = {
    {N_("All motions and suggestions"),
     N_("Every item in your scope, newest first; a drafts a new one"), "", NULL},
    {N_("Still being handled"), N_("Submitted, registered, assigned, replied or in follow-up"),
     "state=open", NULL},
    {N_("Overdue"), N_("Items with a reply, re-handling or opinion deadline past"), "overdue=1",
     NULL},
    {N_("Statistics"),
     N_("Closed, consultation, on-time reply and satisfaction rates, result classes"), NULL, NULL},
};

const struct mod_console sugg_console = {
    .one = "%s",
    .page_title = "%s %s",
    .views = views,
    .nviews = N_OF(views),
    .fields = fields,
    .nfields = N_OF(fields),
    .show = show,
    .part_row = part_row,
    .select_form = "suggestion-select",
    .may_add = may_draft,
    .add = draft,
};
