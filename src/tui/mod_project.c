/*
 * Livelihood projects in the console (民生实事项目票决制): what is theirs
 * alone. The lists, the pages and the steps are the registry's generic
 * screens (scr_records.c, scr_step.c); here are the views of the module's
 * menu (its projects, and the lists of its cycles, proposals and opinions),
 * the fields of each page (a project's progress bar, team and timeline), a
 * new cycle and a new proposal, and the tally sheet: the step's form with a
 * row of three figures per candidate or project on the ballot.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/project/project.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

static bool yes(const char *v)
{
	return v && (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true"));
}

static const struct form_def *need_form(const char *name)
{
	const struct form_def *d = form_find(name);
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	return d;
}

/* "██████░░░░ 60%" (ASCII: "######---- 60%"): a project's progress; a new string. */
static char *progress_bar(const char *percent)
{
	int pct = atoi(percent);
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	int filled = (pct + 5) / 10;
	if (pct > 0 && !filled)
		filled = 1;
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < 10; i++)
		sbuf_puts(&b, i < filled ? (u8_ascii() ? "#" : "█") : (u8_ascii() ? "-" : "░"));
	sbuf_printf(&b, " %d%%", pct);
	return sbuf_take(&b);
}

/* ---- a project's page ------------------------------------------------------------- */

static const struct mod_field project_fields[] = {
    {"number", N_("No."), 0},
    {"title", N_("Title"), 0},
    {"state", N_("State"), 0},
    {"overdue", N_("Overdue"), MV_LATE},
    {"percent", N_("Progress"), 0},
    {"spent", N_("Spent (yuan)"), MV_MONEY},
    {"budget", N_("Budget (yuan)"), MV_SKIP_EMPTY | MV_MONEY},
    {"last_update", N_("Last update"), 0},
    {"update_due", N_("Next update by"), MV_SKIP_EMPTY},
    {"lead_unit", N_("Lead department"), 0},
    {"leader", N_("Leader (三个一)"), 0},
    {"group", N_("Deputy group (三个一)"), 0},
    {"office", N_("Committee office (三个一)"), 0},
    {"opinions", N_("Opinions"), 0},
    {"rating", N_("Satisfaction rating"), MV_SKIP_EMPTY},
    {"satisfaction", N_("Satisfaction (%)"), MV_SKIP_EMPTY},
    {"rank", N_("Rank"), MV_SKIP_EMPTY},
    {"bottom", N_("In the bottom"), MV_SKIP_EMPTY},
    {"investigator", N_("Investigated by"), MV_SKIP_EMPTY},
    {"findings", N_("Findings"), MV_SKIP_EMPTY},
    {"opinion", N_("Deliberation's opinion"), MV_SKIP_EMPTY},
    {"deliberated_on", N_("Deliberated on"), MV_SKIP_EMPTY},
    {"appraisal", N_("Third-party evaluation"), MV_SKIP_EMPTY},
    {"rectify_open", N_("Rectification items"), MV_SKIP_EMPTY},
    {"cycle", N_("Cycle"), 0},
    {"level", N_("Congress"), 0},
    {"category", N_("Category"), MV_SKIP_EMPTY},
    {"content", N_("Content"), MV_SKIP_EMPTY},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *project_show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&project_flow, v));
	if (!strcmp(key, "percent"))
		return progress_bar(v);
	if (!strcmp(key, "overdue"))
		return xstrdup(yes(v)
		                   ? _("yes: a month without an update, or an opinion unanswered")
		                   : _("no"));
	if (!strcmp(key, "bottom"))
		return xstrdup(!*v ? "" : yes(v) ? _("yes") : "");
	if (!strcmp(key, "rating"))
		return xstrdup(project_rating_label(v));
	if (!strcmp(key, "level"))
		return xstrdup(*v ? v : _("city"));
	if (!strcmp(key, "last_update") && !*v)
		return xstrdup(_("none yet"));
	if (!strcmp(key, "opinions"))
		return xasprintf(_("%s (%s waiting for the answer, %s overdue)"), v,
		                 tbl_get(rec, 0, "unanswered"),
		                 tbl_get(rec, 0, "opinions_overdue"));
	if (!strcmp(key, "rectify_open")) {
		const char *done = tbl_get(rec, 0, "rectify_done");
		if (!strcmp(v, "0") && !strcmp(done, "0"))
			return xstrdup("");
		return xasprintf(_("%s open, %s done"), v, done);
	}
	return NULL;
}

static const char *timeline_word(const char *what)
{
	static const struct {
		const char *what, *word;
	} words[] = {
	    {"update", N_("progress update")},
	    {"opinion", N_("opinion")},
	    {"answer", N_("answer")},
	    {"rating", N_("rating")},
	    {"deliberation", N_("deliberation")},
	    {"appraisal", N_("third-party evaluation")},
	    {"rectify", N_("rectification item")},
	    {"rectified", N_("rectification done")},
	};
	for (int i = 0; i < N_OF(words); i++)
		if (!strcmp(words[i].what, what))
			return _(words[i].word);
	return what;
}

static void project_part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
	struct sbuf b = SBUF_INIT;
	char *at = NULL;
	if (!strcmp(part, "targets")) {
		at = xstrdup(tbl_get(t, r, "month"));
		sbuf_puts(&b, tbl_get(t, r, "text"));
	} else if (!strcmp(part, "timeline")) {
		at = dr_minute(tbl_get(t, r, "at"));
		const char *what = tbl_get(t, r, "what"), *who = tbl_get(t, r, "who");
		const char *word = timeline_word(what);
		if (!strcmp(what, "rating")) {
			sbuf_puts(&b, word);
			sbuf_printf(&b, _(": %s"), project_rating_label(who));
		} else if (*who) /* 进度报送（40%） */
			sbuf_printf(&b, _("%s (%s)"), word, who);
		else
			sbuf_puts(&b, word);
		sbuf_printf(&b, "\n%s", tbl_get(t, r, "text"));
	} else if (!strcmp(part, "ratings")) {
		at = xstrdup(tbl_get(t, r, "held_on"));
		sbuf_printf(&b,
		            _("round %s: %s; satisfied %s, basically %s, unsatisfied %s of %s "
		              "valid; %s%%, rank %s"),
		            tbl_get(t, r, "round"), project_rating_label(tbl_get(t, r, "rating")),
		            tbl_get(t, r, "satisfied"), tbl_get(t, r, "basic"),
		            tbl_get(t, r, "unsatisfied"), tbl_get(t, r, "valid"),
		            tbl_get(t, r, "rate"), tbl_get(t, r, "rank"));
	} else {
		at = xstrdup(tbl_get(t, r, "number"));
		sbuf_printf(&b, "%s", tbl_get(t, r, "text"));
		if (*tbl_get(t, r, "due"))
			sbuf_printf(&b, _(" (by %s)"), tbl_get(t, r, "due"));
		if (!strcmp(tbl_get(t, r, "state"), "done"))
			sbuf_printf(&b, _("\ndone %.10s: %s"), tbl_get(t, r, "done_at"),
			            tbl_get(t, r, "done_text"));
	}
	vw_add(d, false, at, sbuf_str(&b), NULL);
	free(at);
	sbuf_free(&b);
}

static const struct mod_view project_views[] = {
    {N_("Projects"), N_("Every project in your scope: progress, department, rating"), "", NULL},
    {N_("Under way"), N_("Projects being carried out and supervised"), "state=supervising", NULL},
    {N_("Overdue"), N_("A month without a progress update, or an opinion unanswered in time"),
     "overdue=1", NULL},
    {N_("Due soon"), N_("An update or an answer falls due in the next days"), "due_soon=1", NULL},
    {N_("To be investigated"),
     N_("Rated unsatisfied or in the bottom: investigation, deliberation, second evaluation"),
     "state=flagged", NULL},
    {N_("Yearly cycles"),
     N_("Each congress's year: collection, candidates, the vote and its tally sheets, evaluation"),
     "", "project-cycle"},
    {N_("Proposals"), N_("Proposals collected, adopted as candidates or not, with the reason"), "",
     "project-proposal"},
    {N_("Opinions waiting for an answer"),
     N_("Deputies' and groups' opinions on the projects (意见建议) not yet answered"),
     "state=posted", "project-opinion"},
    {N_("Opinions overdue"), N_("Opinions unanswered past their time"), "overdue=1",
     "project-opinion"},
    {N_("Statistics"),
     N_("Projects, progress updates, opinions answered in time and satisfaction, by level, "
        "congress and project; the collection"),
     NULL, NULL},
    {N_("Statistics of the collection"),
     N_("Proposals by source, adopted as candidates, chosen by the vote, by level and congress"),
     NULL, "project-proposal"},
};

const struct mod_console project_console = {
    .one = N_("project %s"),
    .page_title = N_("Project %s: %s"),
    .views = project_views,
    .nviews = N_OF(project_views),
    .fields = project_fields,
    .nfields = N_OF(project_fields),
    .show = project_show,
    .part_row = project_part_row,
    .select_form = "project-select",
};

/* ---- a cycle's page -------------------------------------------------------------------- */

static const struct mod_field cycle_fields[] = {
    {"number", N_("No."), 0},
    {"level", N_("Congress"), 0},
    {"year", N_("Year"), 0},
    {"state", N_("State"), 0},
    {"choose", N_("Projects to choose"), 0},
    {"candidates", N_("Candidates at least"), 0},
    {"pass", N_("Pass threshold"), 0},
    {"bottom", N_("Bottom K"), 0},
    {"session", N_("Congress session"), MV_SKIP_EMPTY},
    {"proposals", N_("Proposals"), 0},
    {"listed_on", N_("Candidates listed on"), MV_SKIP_EMPTY},
    {"reviewed_on", N_("Reviewed on"), MV_SKIP_EMPTY},
    {"voted_on", N_("Voted on"), MV_SKIP_EMPTY},
    {"deputies", N_("Deputies of the congress"), MV_SKIP_EMPTY},
    {"ballot", N_("Ballot open"), MV_SKIP_EMPTY},
    {"sheets", N_("Tally sheets entered by"), MV_SKIP_EMPTY},
    {"projects", N_("Projects"), 0},
    {"evaluated_on", N_("Evaluated on"), MV_SKIP_EMPTY},
    {"reevaluated_on", N_("Evaluated again on"), MV_SKIP_EMPTY},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *cycle_show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&pcycle_flow, v));
	if (!strcmp(key, "level"))
		return xstrdup(*v ? v : _("city"));
	if (!strcmp(key, "pass"))
		return xasprintf(_("yes votes from more than %s of all deputies"), v);
	if (!strcmp(key, "proposals"))
		return xasprintf(_("%s (%s adopted as candidates, %s not adopted, %s to decide)"),
		                 v, tbl_get(rec, 0, "adopted"), tbl_get(rec, 0, "declined"),
		                 tbl_get(rec, 0, "undecided"));
	if (!strcmp(key, "ballot") && *v) {
		char kind[16] = "", held[16] = "", source[16] = "";
		int round = 0;
		sscanf(v, "%15s %d %15s %15s", kind, &round, held, source);
		return xasprintf(_("%s, round %d, held on %s%s"),
		                 !strcmp(kind, "vote") ? _("the vote") : _("the evaluation"), round,
		                 held, *source ? _(" (imported)") : "");
	}
	return NULL;
}

static void cycle_part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
	struct sbuf b = SBUF_INIT;
	const char *label = "";
	if (!strcmp(part, "proposals")) {
		label = tbl_get(t, r, "number");
		/* TRANSLATORS: a proposal's title, where it came from and who proposed it. */
		sbuf_printf(&b, _("%s (%s: %s)\n%s"), tbl_get(t, r, "title"),
		            project_source_label(tbl_get(t, r, "source")),
		            tbl_get(t, r, "proposer"),
		            flow_state_label(&pproposal_flow, tbl_get(t, r, "state")));
		if (*tbl_get(t, r, "reason"))
			sbuf_printf(&b, _(": %s"), tbl_get(t, r, "reason"));
	} else if (!strcmp(part, "compare")) {
		label = tbl_get(t, r, "figure");
		const char *a = tbl_get(t, r, "first"), *c = tbl_get(t, r, "second");
		sbuf_printf(&b, _("first sheet %s, second sheet %s"), *a ? a : _("(none)"),
		            *c ? c : _("(none)"));
	} else if (!strcmp(part, "ballots")) {
		label = tbl_get(t, r, "held_on");
		sbuf_printf(
		    &b, _("%s, round %s: issued %s, returned %s, valid %s, invalid %s"),
		    !strcmp(tbl_get(t, r, "kind"), "vote") ? _("the vote") : _("the evaluation"),
		    tbl_get(t, r, "round"), tbl_get(t, r, "issued"), tbl_get(t, r, "returned"),
		    tbl_get(t, r, "valid"), tbl_get(t, r, "invalid"));
		if (*tbl_get(t, r, "deputies"))
			sbuf_printf(&b, _("; %s deputies of the congress"),
			            tbl_get(t, r, "deputies"));
		if (!strcmp(tbl_get(t, r, "source"), "import"))
			sbuf_puts(&b, _(" (imported)"));
	} else if (!strcmp(part, "result")) {
		label = tbl_get(t, r, "number");
		sbuf_printf(&b, _("%s\nround %s: yes %s, no %s, abstain %s; %s"),
		            tbl_get(t, r, "title"), tbl_get(t, r, "round"), tbl_get(t, r, "yes"),
		            tbl_get(t, r, "no"), tbl_get(t, r, "abstain"),
		            project_result_label(tbl_get(t, r, "result")));
	} else if (!strcmp(part, "projects")) {
		label = tbl_get(t, r, "number");
		char *bar = progress_bar(tbl_get(t, r, "percent"));
		sbuf_printf(&b, _("%s\n%s %s, %s"), tbl_get(t, r, "title"), bar,
		            flow_state_label(&project_flow, tbl_get(t, r, "state")),
		            tbl_get(t, r, "unit"));
		free(bar);
	} else {
		label = tbl_get(t, r, "number");
		sbuf_printf(&b, _("%s\nround %s: %s, %s%%, rank %s%s"), tbl_get(t, r, "title"),
		            tbl_get(t, r, "round"), project_rating_label(tbl_get(t, r, "rating")),
		            tbl_get(t, r, "rate"), tbl_get(t, r, "rank"),
		            !strcmp(tbl_get(t, r, "bottom"), "1") ? _(", in the bottom") : "");
	}
	vw_add(d, false, label, sbuf_str(&b), NULL);
	sbuf_free(&b);
}

static bool cycle_may_add(void)
{
	return flow_may_create(&pcycle_flow, &tui.sc) == RD_OK;
}

static int cycle_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("project-cycle");
	const char *year = fs_value(d, v, "year"), *choose = fs_value(d, v, "choose"),
	           *cand = fs_value(d, v, "candidates"), *bottom = fs_value(d, v, "bottom");
	struct pcycle_new n = {
	    .year = year ? atoi(year) : 0,
	    .town = fs_value(d, v, "town"),
	    .choose = choose && *choose ? atoi(choose) : 0,
	    .candidates = cand && *cand ? atoi(cand) : 0,
	    .pass = fs_value(d, v, "pass"),
	    .bottom = bottom && *bottom ? atoi(bottom) : -1,
	    .session = fs_value(d, v, "session"),
	};
	if (n.pass && !*n.pass)
		n.pass = NULL;
	int64_t id;
	int rc = pcycle_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		tui_changed();
	return rc;
}

static int cycle_add(void)
{
	const struct form_def *d = need_form("project-cycle");
	if (!d)
		return RD_FAIL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New cycle: a year of livelihood projects")),
	    .save = cycle_save,
	};
	return tui_push(&scr_form, &spec);
}

/* The tally sheet: the ballot's four figures, then three per candidate or project. */
static int cycle_step_form(const struct form_def *d, int64_t id, struct form_def **out)
{
	*out = NULL;
	if (strcmp(d->name, "project-tally"))
		return RD_OK;
	int64_t ballot;
	char kind[12];
	struct tbl items;
	int rc = pcycle_open_ballot(tui.db, &tui.sc, id, &ballot, kind, &items);
	if (rc)
		return rc;
	struct form_def *f = form_copy(d);
	free(f->title);
	f->title = xstrdup(!strcmp(kind, "vote") ? N_("Tally sheet of the vote")
	                                         : N_("Tally sheet of the evaluation"));
	static const struct {
		const char *k, *word;
	} words[] = {
	    {"yes", N_("votes for")},
	    {"no", N_("votes against")},
	    {"abstain", N_("abstentions")},
	    {"satisfied", N_("satisfied")},
	    {"basic", N_("basically satisfied")},
	    {"unsatisfied", N_("unsatisfied")},
	};
	for (int r = 0; r < items.nrows; r++) {
		const char *number = tbl_get(&items, r, "number"), *dash = strrchr(number, '-');
		for (int k = 0; k < 3; k++) {
			const char *kk = tbl_get(&items, r, k == 0 ? "k1" : k == 1 ? "k2" : "k3");
			const char *word = kk;
			for (int w = 0; w < N_OF(words); w++)
				if (!strcmp(words[w].k, kk))
					word = _(words[w].word);
			char key[48], *label = xasprintf("%s %s", dash ? dash + 1 : number, word);
			snprintf(key, sizeof key, "%s_%s", kk, tbl_get(&items, r, "id"));
			struct form_field *ff = form_add_field(f, key, label, FT_INT);
			free(label);
			ff->required = true;
			ff->has_min = true;
			ff->min = 0;
			ff->width = 8;
			ff->help = xasprintf("%s %s", number, tbl_get(&items, r, "title"));
		}
	}
	tbl_free(&items);
	*out = f;
	return RD_OK;
}

const struct mod_console pcycle_console = {
    .one = N_("cycle %s"),
    .page_title = N_("Cycle %s: %s"),
    .fields = cycle_fields,
    .nfields = N_OF(cycle_fields),
    .show = cycle_show,
    .part_row = cycle_part_row,
    .select_form = "project-cycle-select",
    .may_add = cycle_may_add,
    .add = cycle_add,
    .step_form = cycle_step_form,
};

/* ---- a proposal's page ------------------------------------------------------------------ */

static const struct mod_field proposal_fields[] = {
    {"number", N_("No."), 0},
    {"title", N_("Title"), 0},
    {"state", N_("State"), 0},
    {"reason", N_("Reason"), MV_SKIP_EMPTY},
    {"result", N_("Vote"), MV_SKIP_EMPTY},
    {"yes", N_("Votes for"), MV_SKIP_EMPTY},
    {"no", N_("Votes against"), MV_SKIP_EMPTY},
    {"abstain", N_("Abstentions"), MV_SKIP_EMPTY},
    {"cycle", N_("Cycle"), 0},
    {"source", N_("From"), 0},
    {"deputy", N_("Deputy"), MV_SKIP_EMPTY},
    {"group", N_("Deputy group"), MV_SKIP_EMPTY},
    {"proposer", N_("Proposer"), MV_SKIP_EMPTY},
    {"channel", N_("Came"), 0},
    {"submitted_at", N_("Submitted"), MV_MINUTE},
    {"category", N_("Category"), MV_SKIP_EMPTY},
    {"unit", N_("Lead department"), MV_SKIP_EMPTY},
    {"budget", N_("Budget (yuan)"), MV_SKIP_EMPTY | MV_MONEY},
    {"content", N_("Content"), MV_SKIP_EMPTY},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *proposal_show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&pproposal_flow, v));
	if (!strcmp(key, "source"))
		return xstrdup(project_source_label(v));
	if (!strcmp(key, "result"))
		return xstrdup(project_result_label(v));
	if (!strcmp(key, "channel"))
		return xstrdup(!strcmp(v, "paper") ? _("on paper") : _("online"));
	return NULL;
}

static void no_part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
	(void)part;
	vw_add(d, false, tbl_get(t, r, t->keys[0]), t->ncols > 1 ? tbl_get(t, r, t->keys[1]) : "",
	       NULL);
}

static bool proposal_may_add(void)
{
	return flow_may_create(&pproposal_flow, &tui.sc) == RD_OK;
}

static int proposal_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("project-proposal");
	struct pproposal_new n = {
	    .cycle = fs_value(d, v, "cycle"),
	    .source = fs_value(d, v, "source"),
	    .deputy = fs_value(d, v, "deputy"),
	    .group = fs_value(d, v, "group"),
	    .proposer = fs_value(d, v, "proposer"),
	    .channel = fs_value(d, v, "channel"),
	    .title = fs_value(d, v, "title"),
	    .content = fs_value(d, v, "content"),
	    .category = fs_value(d, v, "category"),
	    .unit = fs_value(d, v, "unit"),
	    .budget = fs_value(d, v, "budget"),
	};
	int64_t id;
	int rc = pproposal_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		tui_changed();
	return rc;
}

static int proposal_add(void)
{
	const struct form_def *d = need_form("project-proposal");
	if (!d)
		return RD_FAIL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New proposal for a livelihood project")),
	    .save = proposal_save,
	};
	return tui_push(&scr_form, &spec);
}

const struct mod_console pproposal_console = {
    .one = N_("proposal %s"),
    .page_title = N_("Proposal %s: %s"),
    .fields = proposal_fields,
    .nfields = N_OF(proposal_fields),
    .show = proposal_show,
    .part_row = no_part_row,
    .select_form = "project-proposal-select",
    .may_add = proposal_may_add,
    .add = proposal_add,
};

/* ---- an opinion's page -------------------------------------------------------------------- */

static const struct mod_field opinion_fields[] = {
    {"number", N_("No."), 0},
    {"title", N_("Opinion"), 0},
    {"from", N_("From"), 0},
    {"posted_at", N_("Posted"), MV_MINUTE},
    {"state", N_("State"), 0},
    {"overdue", N_("Overdue"), MV_LATE},
    {"answer_due", N_("Answer by"), MV_SKIP_EMPTY},
    {"unit", N_("Lead department"), 0},
    {"answer", N_("Answer"), MV_SKIP_EMPTY},
    {"answered_at", N_("Answered"), MV_SKIP_EMPTY | MV_MINUTE},
    {"project", N_("Project"), 0},
    {"project_title", N_("Project's title"), 0},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *opinion_show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&popinion_flow, v));
	if (!strcmp(key, "overdue"))
		return xstrdup(yes(v) ? _("yes") : _("no"));
	return NULL;
}

const struct mod_console popinion_console = {
    .one = N_("opinion %s"),
    .page_title = N_("Opinion %s: %s"),
    .fields = opinion_fields,
    .nfields = N_OF(opinion_fields),
    .show = opinion_show,
    .part_row = no_part_row,
    .select_form = "project-opinion-select",
};
