/*
 * Deputies' motions and suggestions (议案 / 建议, DESIGN 4.3): the list with
 * its selection (session, kind, state, unit, overdue, key supervised), an
 * item's page (its fields, co-signers, units and opinions, consultations,
 * the replies to each deputy, its history), drafting, and the steps of the
 * flow: a menu of the steps the role may take now (suggestion_actions()),
 * each asking for what it needs (a line of text, a form of forms/, deputies
 * or an item picked from a list) and then taken by suggestion_act().
 * The statistics are in scr_sugg_stats.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/listing.h"
#include "model/suggestion/suggestion.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- small helpers ------------------------------------------------------- */

static const char *kind_label(const char *kind)
{
	return !strcmp(kind, "motion") ? _("motion") : _("suggestion");
}

static const char *state_label(const char *state)
{
	const struct wf_state *s = wf_state(&suggestion_flow, state);
	return s ? _(s->label) : state;
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

static const char *info_val(const struct suggestion_info *si, const char *key)
{
	for (int i = 0; i < si->n; i++)
		if (!strcmp(si->keys[i], key))
			return si->vals[i];
	return "";
}

/* May draft items: the clerks (the model checks the town and the level). */
static bool may_draft(void)
{
	return tui.sc.role == ROLE_ADMIN || tui.sc.role == ROLE_CITY_CLERK ||
	       tui.sc.role == ROLE_TOWN_CLERK;
}

/* How an item is named in titles and messages: its number, or #id before registration. */
static char *item_name(const char *number, int64_t id)
{
	return *number ? xstrdup(number) : xasprintf("#%lld", (long long)id);
}

static const struct form_def *need_form(const char *name)
{
	const struct form_def *d = form_find(name);
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	return d;
}

/* ---- picking deputies, units or an item from a list ---------------------- */

struct mp_spec {
	char *title;     /* owned once pushed */
	struct pager *p; /* owned once pushed */
	const char *col; /* the column whose values are picked */
	bool multi;      /* Space marks several; Enter takes the marked (or the current) rows */
	/* Takes the values picked (and ctx): SK_* (it may open the next screen). */
	int (*done)(void *ctx, char **vals, int n);
	void (*free)(void *ctx); /* ctx when nothing was picked */
	void *ctx;
};

struct mp {
	struct mp_spec spec;
	struct lw *lw;
};

static int mp_init(struct scr *s, void *arg)
{
	struct mp *m = xcalloc(1, sizeof *m);
	m->spec = *(struct mp_spec *)arg;
	m->lw = lw_new(m->spec.p);
	s->st = m;
	return RD_OK;
}

static void mp_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct mp *m = s->st;
	lw_draw(m->lw, w, 0, 0, rows, cols);
}

/* A picked value: the cell, or "#id" when it is empty (an item not numbered yet). */
static char *cell_or_id(const char *cell, int64_t id)
{
	return *cell ? xstrdup(cell) : xasprintf("#%lld", (long long)id);
}

/* The values of the marked rows, or of the current row when none is marked. */
static int mp_choose(struct mp *m)
{
	struct pager *p = lw_pager(m->lw);
	int col = pager_col_index(pager_def(p), m->spec.col);
	const int64_t *ids;
	int n = m->spec.multi ? lw_marked(m->lw, &ids) : 0;
	char **vals = xcalloc((size_t)(n ? n : 1), sizeof *vals);
	int k = 0;
	if (n) {
		for (int i = 0; i < n; i++) {
			struct pager_row r;
			if (pager_get(p, ids[i], &r))
				continue;
			vals[k++] = cell_or_id(r.cells[col], r.id);
			pager_row_free(&r, pager_def(p)->ncols);
		}
	} else if (lw_current(m->lw))
		vals[k++] = cell_or_id(lw_current(m->lw)->cells[col], lw_current(m->lw)->id);
	if (!k) {
		free(vals);
		return SK_HANDLED;
	}
	int r = m->spec.done(m->spec.ctx, vals, k);
	m->spec.free = NULL; /* done took the context */
	for (int i = 0; i < k; i++)
		free(vals[i]);
	free(vals);
	return r | SK_CLOSE;
}

static int mp_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct mp *m = s->st;
	(void)kind;
	(void)ch;
	if (a == ACT_CHOOSE)
		return mp_choose(m);
	if (!m->spec.multi && (a == ACT_MARK || a == ACT_MARK_PAGE || a == ACT_UNMARK))
		return SK_HANDLED;
	if (a == ACT_OPEN)
		return SK_HANDLED;
	return lw_key(m->lw, a);
}

static bool mp_can(struct scr *s, enum action a)
{
	struct mp *m = s->st;
	if (a == ACT_OPEN ||
	    (!m->spec.multi && (a == ACT_MARK || a == ACT_MARK_PAGE || a == ACT_UNMARK)))
		return false;
	return lw_can(m->lw, a);
}

static const char *mp_title(struct scr *s)
{
	struct mp *m = s->st;
	return m->spec.title;
}

static const char *mp_info(struct scr *s)
{
	struct mp *m = s->st;
	return lw_info(m->lw);
}

static void mp_click(struct scr *s, int y, int x, bool twice)
{
	struct mp *m = s->st;
	(void)x;
	if (lw_click(m->lw, y) && twice && !m->spec.multi) {
		int r = mp_choose(m);
		if ((r & SK_CLOSE) && !s->closing)
			tui_close(s);
	}
}

static void mp_free(struct scr *s)
{
	struct mp *m = s->st;
	lw_free(m->lw);
	if (m->spec.free)
		m->spec.free(m->spec.ctx);
	free(m->spec.title);
	free(m);
}

static const struct screen scr_mpick = {
    .name = N_("Pick"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_PICK | KC_LIST,
    .init = mp_init,
    .draw = mp_draw,
    .key = mp_key,
    .free = mp_free,
    .title = mp_title,
    .info = mp_info,
    .can = mp_can,
    .click = mp_click,
};

/* ---- taking a step ------------------------------------------------------- */

/* One step being prepared: the item, the action and what has been gathered. */
struct job {
	int64_t id, version;
	char *what;   /* the item's name for messages */
	char *action; /* "register" */
	char *lead;   /* the lead deputy's name (meetings) */
	char *answer; /* cosign: confirm or decline */
	char **vals;  /* deputies' codes (invite, cosign) */
	int nvals;
};

static struct job *job_new(int64_t id, int64_t version, const char *what, const char *action,
                           const char *lead)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->id = id;
	j->version = version;
	j->what = xstrdup(what);
	j->action = xstrdup(action);
	j->lead = xstrdup(lead ? lead : "");
	return j;
}

static void job_free(void *ctx)
{
	struct job *j = ctx;
	if (!j)
		return;
	free(j->what);
	free(j->action);
	free(j->lead);
	free(j->answer);
	for (int i = 0; i < j->nvals; i++)
		free(j->vals[i]);
	free(j->vals);
	free(j);
}

/* Takes the step with args a; says where the item stands, or why it was refused. */
static int job_act(struct job *j, struct suggestion_act_args *a)
{
	a->version = j->version;
	int rc = suggestion_act(tui.db, &tui.sc, j->id, j->action, a);
	if (rc)
		return rc;
	tui_changed();
	struct suggestion_info si;
	if (suggestion_info(tui.db, &tui.sc, j->id, &si)) {
		/* A unit that returned the item no longer sees it. */
		err_clear();
		tui_info(_("%s: %s."), j->what, suggestion_action_label(j->action));
		return RD_OK;
	}
	const char *number = info_val(&si, "number");
	if (*number)
		tui_info(_("%s: %s; now %s (%s)."), j->what, suggestion_action_label(j->action),
		         state_label(info_val(&si, "state")), number);
	else
		tui_info(_("%s: %s; now %s."), j->what, suggestion_action_label(j->action),
		         state_label(info_val(&si, "state")));
	suggestion_info_free(&si);
	return RD_OK;
}

/* Takes the step with args a and frees the job; an error goes to the message line. */
static void job_finish(struct job *j, struct suggestion_act_args *a)
{
	if (job_act(j, a))
		err_report();
	job_free(j);
}

static void text_done(void *ctx, const char *text)
{
	struct job *j = ctx;
	if (!text) {
		job_free(j);
		return;
	}
	struct suggestion_act_args a = {.text = text};
	job_finish(j, &a);
}

static void ask_done(void *ctx, bool yes)
{
	struct job *j = ctx;
	if (!yes) {
		job_free(j);
		return;
	}
	struct suggestion_act_args a = {0};
	job_finish(j, &a);
}

/* Menus whose entries must outlive the menu: the step menu and the answer menus. */
static struct {
	struct job *job;
	int n;
	char *acts[32];
	const char *labels[32];
} menu_now;

static void menu_reset(void)
{
	job_free(menu_now.job);
	menu_now.job = NULL;
	for (int i = 0; i < menu_now.n; i++)
		free(menu_now.acts[i]);
	menu_now.n = 0;
}

/* The evaluation chosen from its menu. */
static int eval_chosen(void *ctx, int i)
{
	(void)ctx;
	static const char *const evals[] = {"satisfied", "basic", "unsatisfied"};
	struct job *j = menu_now.job;
	menu_now.job = NULL;
	struct suggestion_act_args a = {.eval = evals[i]};
	job_finish(j, &a);
	return SK_CLOSE;
}

/* The co-signers' answer chosen from its menu. */
static int answer_chosen(void *ctx, int i)
{
	(void)ctx;
	struct job *j = menu_now.job;
	menu_now.job = NULL;
	struct suggestion_act_args a = {.answer = i == 0 ? "confirm" : "decline",
	                                .deputies = (const char *const *)j->vals,
	                                .ndeputies = j->nvals};
	job_finish(j, &a);
	return SK_CLOSE;
}

static int push_menu(struct job *j, const char *title, int n, const char *const *labels,
                     int (*choose)(void *, int))
{
	menu_reset();
	menu_now.job = j;
	for (int i = 0; i < n; i++)
		menu_now.labels[i] = labels[i];
	struct menu_spec spec = {title, n, menu_now.labels, NULL, choose, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

/* Deputies picked to invite, or whose answer is recorded. */
static int deputies_picked(void *ctx, char **vals, int n)
{
	struct job *j = ctx;
	j->vals = xcalloc((size_t)n, sizeof *j->vals);
	for (int i = 0; i < n; i++)
		j->vals[j->nvals++] = xstrdup(vals[i]);
	if (!strcmp(j->action, "invite")) {
		struct suggestion_act_args a = {.deputies = (const char *const *)j->vals,
		                                .ndeputies = j->nvals};
		job_finish(j, &a);
		return SK_HANDLED;
	}
	static const char *const answers[] = {N_("Confirmed: they co-sign (附议)"),
	                                      N_("Declined: they do not co-sign")};
	char *title = xasprintf(
	    P_("The answer of %d deputy", "The answer of %d deputies", (unsigned long)n), n);
	/* The menu's title must outlive it: keep it with the menu. */
	static char *answer_title;
	free(answer_title);
	answer_title = title;
	push_menu(j, answer_title, 2, answers, answer_chosen);
	return SK_HANDLED;
}

static void merge_answer(void *ctx, bool yes)
{
	struct job *j = ctx;
	if (!yes) {
		job_free(j);
		return;
	}
	struct suggestion_act_args a = {.into = j->answer};
	job_finish(j, &a);
}

static int host_picked(void *ctx, char **vals, int n)
{
	struct job *j = ctx;
	(void)n;
	free(j->answer);
	j->answer = xstrdup(vals[0]); /* the host's number, or #id */
	char *q = xasprintf(_("Merge %s into %s (并案)?"), j->what, vals[0]);
	tui_ask(q, merge_answer, j);
	free(q);
	return SK_HANDLED;
}

/* Picks deputies, or the item to merge into. */
static int push_pick(struct job *j, char *title, struct pager *p, const char *col, bool multi,
                     int (*done)(void *, char **, int))
{
	struct mp_spec spec = {
	    .title = title,
	    .p = p,
	    .col = col,
	    .multi = multi,
	    .done = done,
	    .free = job_free,
	    .ctx = j,
	};
	return tui_push(&scr_mpick, &spec);
}

/* ---- the forms of the steps ---------------------------------------------- */

struct step_form {
	struct job *job;
	const struct form_def *form;
};

static void step_form_free(void *ctx)
{
	struct step_form *f = ctx;
	job_free(f->job);
	free(f);
}

static const char *fv(const struct step_form *f, char *const *v, const char *key)
{
	const char *s = fs_value(f->form, v, key);
	return s && *s ? s : NULL;
}

static int step_form_save(void *ctx, char *const *v, int64_t version)
{
	struct step_form *f = ctx;
	(void)version;
	struct suggestion_act_args a = {0};
	const char *support[3];
	const char *act = f->job->action;
	a.text = fv(f, v, "text");
	if (!strcmp(act, "assign")) {
		a.unit = fv(f, v, "unit");
		static const char *const keys[] = {"support1", "support2", "support3"};
		for (int i = 0; i < 3; i++)
			if (fv(f, v, keys[i]))
				support[a.nsupport++] = fv(f, v, keys[i]);
		a.support = support;
	} else if (!strcmp(act, "reply")) {
		a.result_class = fv(f, v, "class");
	} else if (!strcmp(act, "meet")) {
		a.date = fv(f, v, "date");
		a.place = fv(f, v, "place");
		a.attendees = fv(f, v, "deputies");
		a.unit = fv(f, v, "unit");
	} else if (!strcmp(act, "extend")) {
		a.date = fv(f, v, "until");
	} else if (!strcmp(act, "opinion")) {
		a.unit = fv(f, v, "unit");
	}
	return job_act(f->job, &a);
}

static int push_step_form(struct job *j, const char *name)
{
	const struct form_def *d = need_form(name);
	if (!d) {
		job_free(j);
		return RD_FAIL;
	}
	struct step_form *f = xcalloc(1, sizeof *f);
	f->job = j;
	f->form = d;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *key = d->fields[i].key;
		if (!strcmp(name, "suggestion-meet") && !strcmp(key, "date")) {
			char today[11];
			date_format(clock_today(), today);
			values[i] = xstrdup(today);
		} else if (!strcmp(name, "suggestion-meet") && !strcmp(key, "deputies"))
			values[i] = xstrdup(j->lead);
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf("%s: %s", j->what, _(d->title)),
	    .values = values,
	    .save = step_form_save,
	    .free = step_form_free,
	    .ctx = f,
	};
	return tui_push(&scr_form, &spec);
}

/* ---- the menu of steps --------------------------------------------------- */

/* Starts the step act of the job: asks for what it needs. Takes j. */
static int start_step(struct job *j)
{
	const char *act = j->action;
	int rc = RD_OK;
	if (!strcmp(act, "submit") || !strcmp(act, "register")) {
		char *q = xasprintf(_("%s: %s?"), j->what, suggestion_action_label(act));
		tui_ask(q, ask_done, j);
		free(q);
	} else if (!strcmp(act, "convert")) {
		tui_prompt(_("Why it becomes a suggestion (may be empty):"), "", text_done, NULL,
		           j);
	} else if (!strcmp(act, "supervise")) {
		tui_prompt(_("Leading official who supervises it:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "chase")) {
		tui_prompt(_("Reminder to the unit:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "close")) {
		tui_prompt(_("Why it is closed without an evaluation:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "request-extension")) {
		tui_prompt(_("Why more time is needed:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "revise") || !strcmp(act, "withdraw") || !strcmp(act, "return")) {
		tui_prompt(_("Reason:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "opinion") && tui.sc.role == ROLE_UNIT) {
		tui_prompt(_("Opinion to the lead unit:"), "", text_done, NULL, j);
	} else if (!strcmp(act, "invite")) {
		rc = push_pick(
		    j, xasprintf(_("%s: invite co-signers (Space marks, Enter invites)"), j->what),
		    listing_sugg_deputies(tui.db, &tui.sc, j->id, LSD_INVITE), "code", true,
		    deputies_picked);
	} else if (!strcmp(act, "cosign")) {
		rc = push_pick(
		    j,
		    xasprintf(_("%s: whose answer to record (Space marks, Enter goes on)"),
		              j->what),
		    listing_sugg_deputies(tui.db, &tui.sc, j->id, LSD_INVITED), "code", true,
		    deputies_picked);
	} else if (!strcmp(act, "merge")) {
		rc = push_pick(j, xasprintf(_("%s: the item it joins (并案)"), j->what),
		               listing_sugg_hosts(tui.db, &tui.sc, j->id), "code", false,
		               host_picked);
	} else if (!strcmp(act, "evaluate")) {
		static const char *const evals[] = {N_("satisfied (满意)"),
		                                    N_("basically satisfied (基本满意)"),
		                                    N_("unsatisfied (不满意)")};
		rc = push_menu(j, N_("The lead deputy's evaluation"), 3, evals, eval_chosen);
	} else if (!strcmp(act, "assign") || !strcmp(act, "reply") || !strcmp(act, "meet") ||
	           !strcmp(act, "extend") || !strcmp(act, "opinion")) {
		char *name = xasprintf("suggestion-%s", act);
		rc = push_step_form(j, name);
		free(name);
	} else {
		char *q = xasprintf(_("%s: %s?"), j->what, suggestion_action_label(act));
		tui_ask(q, ask_done, j);
		free(q);
	}
	return rc;
}

/* The step chosen from the menu of steps. */
static int step_chosen(void *ctx, int i)
{
	(void)ctx;
	struct job *j = menu_now.job;
	menu_now.job = NULL;
	free(j->action);
	j->action = xstrdup(menu_now.acts[i]);
	if (start_step(j))
		err_report();
	return SK_CLOSE;
}

/* Opens the menu of the steps the session may take on item id now. */
static int open_steps(int64_t id)
{
	struct suggestion_info si;
	if (suggestion_info(tui.db, &tui.sc, id, &si))
		return RD_NOTFOUND;
	char *what = item_name(info_val(&si, "number"), id);
	char *acts = suggestion_actions(tui.db, &tui.sc, id);
	if (!acts) {
		free(what);
		suggestion_info_free(&si);
		return RD_FAIL;
	}
	if (!*acts) {
		tui_error(_("%s is %s: no step is open to you (%s) now."), what,
		          state_label(info_val(&si, "state")), role_label(tui.sc.role));
		free(acts);
		free(what);
		suggestion_info_free(&si);
		return RD_OK;
	}
	/* The lead deputy's name, without the code, for a meeting's attendees. */
	const char *dep = info_val(&si, "deputy");
	char *lead = xstrndup(dep, strcspn(dep, " ("));
	struct job *j = job_new(id, strtoll(info_val(&si, "version"), NULL, 10), what, "", lead);
	free(lead);
	menu_reset();
	menu_now.job = j;
	for (char *w = acts, *next; w && *w && menu_now.n < 32; w = next) {
		next = strchr(w, '|');
		if (next)
			*next++ = '\0';
		menu_now.acts[menu_now.n] = xstrdup(w);
		menu_now.labels[menu_now.n] = suggestion_action_label(w);
		menu_now.n++;
	}
	free(acts);
	static char *title;
	free(title);
	title = xasprintf(_("Steps: %s (%s)"), what, state_label(info_val(&si, "state")));
	free(what);
	suggestion_info_free(&si);
	struct menu_spec spec = {title, menu_now.n, menu_now.labels, NULL, step_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

/* ---- drafting ------------------------------------------------------------ */

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
	const struct form_def *d = need_form("suggestion");
	if (!d) {
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

static int open_draft(void)
{
	struct mp_spec spec = {
	    .title = xstrdup(_("New motion or suggestion: pick the lead deputy (领衔)")),
	    .p = listing_sugg_deputies(tui.db, &tui.sc, 0, LSD_LEAD),
	    .col = "code",
	    .done = lead_picked,
	};
	return tui_push(&scr_mpick, &spec);
}

/* ---- an item's page ------------------------------------------------------ */

struct page {
	int64_t id;
	char *what;
};

static void page_free(void *ctx)
{
	struct page *p = ctx;
	free(p->what);
	free(p);
}

static void add_if(struct vw_data *d, const char *label, const char *v)
{
	if (v && *v)
		vw_add(d, false, label, v, NULL);
}

/* Adds the rows of a statement under a heading; fmt makes each row's label and value. */
static void add_section(struct vw_data *d, const char *heading, sqlite3_stmt *st,
                        void (*row)(struct vw_data *d, sqlite3_stmt *st))
{
	if (!st) {
		err_clear();
		return;
	}
	bool first = true;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (first) {
			vw_add(d, false, "", "", NULL);
			vw_heading(d, heading, "", NULL);
		}
		first = false;
		row(d, st);
	}
	sqlite3_finalize(st);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static void cosigner_row(struct vw_data *d, sqlite3_stmt *st)
{
	const char *status = col(st, 2);
	const char *shown = !strcmp(status, "confirmed")  ? _("confirmed")
	                    : !strcmp(status, "declined") ? _("declined")
	                                                  : _("invited, no answer yet");
	char *who = xasprintf("%s (%s)", col(st, 0), col(st, 1));
	char *v = *col(st, 4) ? xasprintf(_("%s on %s (invited %s)"), shown, col(st, 4), col(st, 3))
	                      : xasprintf(_("%s (invited %s)"), shown, col(st, 3));
	vw_add(d, !strcmp(status, "invited"), who, v, NULL);
	free(who);
	free(v);
}

static void unit_row(struct vw_data *d, sqlite3_stmt *st)
{
	char *v;
	if (!strcmp(col(st, 1), "lead"))
		v = xasprintf(_("lead unit (主办), assigned %s"), col(st, 2));
	else if (*col(st, 4))
		v = xasprintf(_("supporting unit (协办): opinion of %s: %s"), col(st, 4),
		              col(st, 3));
	else
		v = xasprintf(_("supporting unit (协办), assigned %s: no opinion yet"), col(st, 2));
	vw_add(d, false, col(st, 0), v, NULL);
	free(v);
}

static void meeting_row(struct vw_data *d, sqlite3_stmt *st)
{
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, _("%s; deputies: %s"), col(st, 1), col(st, 2));
	if (*col(st, 4))
		sbuf_printf(&b, _("; unit: %s"), col(st, 4));
	if (*col(st, 3))
		sbuf_printf(&b, ". %s", col(st, 3));
	vw_add(d, false, col(st, 0), sbuf_str(&b), NULL);
	sbuf_free(&b);
}

static void reply_row(struct vw_data *d, sqlite3_stmt *st)
{
	/* round, deputy, code, role, via, class, at, text */
	char *who = xasprintf("%s (%s)", col(st, 1), col(st, 2));
	const char *role = !strcmp(col(st, 3), "lead") ? _("lead deputy") : _("co-signer");
	char *v = xasprintf(_("reply %s, class %s, %.10s (%s of %s)"), col(st, 0), col(st, 5),
	                    col(st, 6), role, col(st, 4));
	vw_add(d, false, who, v, NULL);
	free(who);
	free(v);
}

/* A step as the history names it: a word or two. */
static const char *step_word(const char *action)
{
	static const struct {
		const char *action, *word;
	} words[] = {
	    {"add", N_("drafted")},
	    {"invite", N_("co-signers invited")},
	    {"cosign", N_("co-signers answered")},
	    {"submit", N_("submitted")},
	    {"revise", N_("sent back for revision")},
	    {"withdraw", N_("withdrawn")},
	    {"convert", N_("converted to a suggestion")},
	    {"register", N_("registered and numbered")},
	    {"merge", N_("merged")},
	    {"assign", N_("assigned")},
	    {"return", N_("returned as mis-assigned")},
	    {"opinion", N_("supporting unit's opinion")},
	    {"meet", N_("face-to-face consultation")},
	    {"request-extension", N_("extension asked for")},
	    {"extend", N_("extension approved")},
	    {"reply", N_("reply")},
	    {"evaluate", N_("evaluation")},
	    {"close", N_("closed")},
	    {"chase", N_("chased")},
	    {"supervise", N_("key supervision")},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].action, action))
			return _(words[i].word);
	return action;
}

static void event_row(struct vw_data *d, sqlite3_stmt *st)
{
	/* at, account, role, action, from, to, text, unit */
	char when[20];
	snprintf(when, sizeof when, "%.10s %.5s", col(st, 0),
	         strlen(col(st, 0)) > 11 ? col(st, 0) + 11 : "");
	struct sbuf b = SBUF_INIT;
	const char *act = col(st, 3);
	sbuf_puts(&b, step_word(act));
	if (*col(st, 4) && strcmp(col(st, 4), col(st, 5)))
		sbuf_printf(&b, ": %s → %s", state_label(col(st, 4)), state_label(col(st, 5)));
	sbuf_printf(&b, _(" (by %s)"), col(st, 1));
	if (*col(st, 7))
		sbuf_printf(&b, " [%s]", col(st, 7));
	if (*col(st, 6))
		sbuf_printf(&b, " %s", col(st, 6));
	vw_add(d, false, when, sbuf_str(&b), NULL);
	sbuf_free(&b);
}

static int page_load(void *ctx, struct vw_data *d)
{
	struct page *p = ctx;
	struct suggestion_info si;
	int rc = suggestion_info(tui.db, &tui.sc, p->id, &si);
	if (rc)
		return rc;
#define V(k) info_val(&si, k)
	char *num = *V("number") ? xasprintf("%s  %s", V("number"), V("label")) : NULL;
	add_if(d, _("Number"), num ? num : _("not registered yet"));
	free(num);
	add_if(d, _("Id"), V("id"));
	add_if(d, _("Session"), V("session"));
	char *level =
	    xasprintf("%s%s%s", !strcmp(V("level"), "city") ? _("city level") : _("town level"),
	              *V("town") ? " " : "", V("town"));
	/* TRANSLATORS: an item's kind and its level: "suggestion, city level". */
	char *kind = xasprintf(_("%s, %s"), kind_label(V("kind")), level);
	free(level);
	add_if(d, _("Kind"), kind);
	free(kind);
	/* The state, and the overdue marker in words, not only in colour. */
	bool late = !strcmp(V("overdue"), "1");
	char *state = late ? xasprintf(_("%s  ! OVERDUE"), state_label(V("state")))
	                   : xstrdup(state_label(V("state")));
	vw_add(d, late, _("State"), state, NULL);
	free(state);
	if (!strcmp(V("key_supervised"), "1")) {
		char *k = xasprintf(_("yes (重点督办), leading official: %s"), V("supervisor"));
		vw_add(d, true, _("Key supervised"), k, NULL);
		free(k);
	}
	add_if(d, _("Category"), V("category"));
	add_if(d, _("Lead deputy (领衔)"), V("deputy"));
	add_if(d, _("Delegation (代表团)"), V("delegation"));
	add_if(d, _("Title (案由)"), V("title"));
	add_if(d, _("Basis (案据)"), V("basis"));
	add_if(d, _("Proposal (方案)"), V("proposal"));
	add_if(d, _("Merged into"), V("merged_into"));
	add_if(d, _("Items merged into it"), V("merged_items"));
	add_if(d, _("Lead unit (主办)"), V("lead_unit"));
	add_if(d, _("Reply due"), V("reply_due"));
	add_if(d, _("Opinion due"), V("opinion_due"));
	add_if(d, _("Result class"), V("result_class"));
	add_if(d, _("Reply"), V("reply"));
	if (*V("evaluation"))
		add_if(d, _("Evaluation"), eval_label(V("evaluation")));
	if (strcmp(V("rounds"), "0"))
		add_if(d, _("Re-handling rounds"), V("rounds"));
	add_if(d, _("Drafted"), V("created_at"));
	add_if(d, _("Submitted"), V("submitted_at"));
	add_if(d, _("Closed"), V("closed_at"));
	add_if(d, _("Version"), V("version"));
#undef V
	suggestion_info_free(&si);
	add_section(d, _("Co-signers (附议)"), suggestion_cosigners(tui.db, &tui.sc, p->id),
	            cosigner_row);
	add_section(d, _("Units (主办 / 协办)"), suggestion_units(tui.db, &tui.sc, p->id),
	            unit_row);
	add_section(d, _("Consultations (面商)"), suggestion_meetings(tui.db, &tui.sc, p->id),
	            meeting_row);
	add_section(d, _("Replies owed"), suggestion_replies(tui.db, &tui.sc, p->id), reply_row);
	add_section(d, _("History"), suggestion_events(tui.db, &tui.sc, p->id), event_row);
	return RD_OK;
}

static bool page_can(void *ctx, enum action a)
{
	(void)ctx;
	switch (a) {
	case ACT_STEP: return scope_can_write(&tui.sc);
	case ACT_HISTORY: return true;
	default: return false;
	}
}

static int page_act(void *ctx, enum action a)
{
	struct page *p = ctx;
	int rc = RD_OK;
	switch (a) {
	case ACT_STEP: rc = open_steps(p->id); break;
	case ACT_HISTORY: rc = scr_history("suggestion", p->id, p->what); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_page(int64_t id, const char *number, const char *title)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->id = id;
	p->what = item_name(number, id);
	struct vw_spec spec = {
	    .title = xasprintf("#%lld %s", (long long)id, title),
	    .keys = KC_RECORD | KC_WORKFLOW,
	    .load = page_load,
	    .act = page_act,
	    .can = page_can,
	    .free = page_free,
	    .ctx = p,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the list ------------------------------------------------------------ */

struct sl {
	struct lw *lw;
	struct suggestion_filter f; /* its strings owned */
	char *title;
};

static void sel_free(struct suggestion_filter *f)
{
	free((char *)f->session);
	free((char *)f->kind);
	free((char *)f->state);
	free((char *)f->unit);
	memset(f, 0, sizeof *f);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* Rows with a deadline past are drawn bold (red with colour), besides their marker. */
static attr_t row_attr(void *ctx, const struct pager_row *row)
{
	struct sl *l = ctx;
	const struct pager_def *d = pager_def(lw_pager(l->lw));
	int c = pager_col_index(d, "overdue");
	return c >= 0 && *pager_show(d, c, row->cells[c]) ? dr_attr(DR_OVERDUE) : A_NORMAL;
}

/* Builds the list again for the selection, and its title. */
static void sl_rebuild(struct sl *l)
{
	if (l->lw)
		lw_free(l->lw);
	l->lw = lw_new(listing_suggestions(tui.db, &tui.sc, &l->f));
	lw_set_row_attr(l->lw, row_attr, l);
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, _("Motions and suggestions"));
	const char *sep = ": ";
#define PART(cond, text)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			sbuf_printf(&b, "%s%s", sep, text);                                        \
			sep = ", ";                                                                \
		}                                                                                  \
	} while (0)
	PART(l->f.session, l->f.session);
	PART(l->f.kind, kind_label(l->f.kind ? l->f.kind : ""));
	PART(l->f.state && !strcmp(l->f.state, "open"), _("still being handled"));
	PART(l->f.state && strcmp(l->f.state, "open"), state_label(l->f.state ? l->f.state : ""));
	PART(l->f.unit, l->f.unit);
	PART(l->f.overdue, _("overdue"));
	PART(l->f.key, _("key supervised"));
#undef PART
	free(l->title);
	l->title = sbuf_take(&b);
}

static bool yes(const char *v)
{
	return v && (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true"));
}

static int select_save(void *ctx, char *const *v, int64_t version)
{
	struct sl *l = ctx;
	(void)version;
	const struct form_def *d = form_find("suggestion-select");
	sel_free(&l->f);
	l->f.session = dup_or_null(fs_value(d, v, "session"));
	l->f.kind = dup_or_null(fs_value(d, v, "kind"));
	l->f.state = dup_or_null(fs_value(d, v, "state"));
	l->f.unit = dup_or_null(fs_value(d, v, "unit"));
	l->f.overdue = yes(fs_value(d, v, "overdue"));
	l->f.key = yes(fs_value(d, v, "key"));
	sl_rebuild(l);
	return RD_OK;
}

static int open_select(struct sl *l)
{
	const struct form_def *d = need_form("suggestion-select");
	if (!d)
		return RD_FAIL;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *v = !strcmp(k, "session")   ? l->f.session
		                : !strcmp(k, "kind")    ? l->f.kind
		                : !strcmp(k, "state")   ? l->f.state
		                : !strcmp(k, "unit")    ? l->f.unit
		                : !strcmp(k, "overdue") ? (l->f.overdue ? "yes" : "no")
		                : !strcmp(k, "key")     ? (l->f.key ? "yes" : "no")
		                                        : NULL;
		values[i] = v ? xstrdup(v) : xstrdup("");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = select_save,
	    .ctx = l,
	};
	return tui_push(&scr_form, &spec);
}

static int sl_init(struct scr *s, void *arg)
{
	struct sl *l = xcalloc(1, sizeof *l);
	const struct sugg_arg *a = arg;
	if (a) {
		l->f.overdue = a->overdue;
		l->f.state = a->open ? xstrdup("open") : NULL;
	}
	sl_rebuild(l);
	s->st = l;
	return RD_OK;
}

static void sl_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct sl *l = s->st;
	lw_draw(l->lw, w, 0, 0, rows, cols);
}

static bool sl_can(struct scr *s, enum action a)
{
	struct sl *l = s->st;
	switch (a) {
	case ACT_ADD: return may_draft();
	case ACT_STEP: return scope_can_write(&tui.sc) && lw_current(l->lw);
	case ACT_SELECT:
	case ACT_HISTORY: return true;
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_IMPORT:
	case ACT_VERIFY:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return false;
	default: return lw_can(l->lw, a);
	}
}

static int sl_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct sl *l = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *r = lw_current(l->lw);
	const struct pager_def *d = pager_def(lw_pager(l->lw));
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
		if (r)
			rc = open_page(r->id, r->cells[pager_col_index(d, "code")],
			               r->cells[pager_col_index(d, "title")]);
		break;
	case ACT_ADD:
		if (may_draft())
			rc = open_draft();
		else
			tui_error(_("Only clerks draft motions and suggestions (you are %s)"),
			          scope_describe(&tui.sc));
		break;
	case ACT_STEP:
		if (!scope_can_write(&tui.sc))
			tui_error(_("A viewer reads and changes nothing"));
		else if (r)
			rc = open_steps(r->id);
		break;
	case ACT_SELECT: rc = open_select(l); break;
	case ACT_HISTORY:
		if (r) {
			char *what = item_name(r->cells[pager_col_index(d, "code")], r->id);
			rc = scr_history("suggestion", r->id, what);
			free(what);
		}
		break;
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_IMPORT:
	case ACT_VERIFY:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return SK_HANDLED;
	default: return lw_key(l->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static const char *sl_title(struct scr *s)
{
	struct sl *l = s->st;
	return l->title;
}

static const char *sl_info(struct scr *s)
{
	struct sl *l = s->st;
	return lw_info(l->lw);
}

static void sl_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	struct sl *l = s->st;
	if (lw_click(l->lw, y) && twice)
		sl_key(s, ACT_OPEN, OK, '\n');
}

static void sl_free(struct scr *s)
{
	struct sl *l = s->st;
	lw_free(l->lw);
	sel_free(&l->f);
	free(l->title);
	free(l);
}

const struct screen scr_sugg = {
    .name = N_("Motions and suggestions"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_WORKFLOW,
    .init = sl_init,
    .draw = sl_draw,
    .key = sl_key,
    .free = sl_free,
    .title = sl_title,
    .info = sl_info,
    .can = sl_can,
    .click = sl_click,
};

/* ---- the menu of the module ---------------------------------------------- */

static int module_chosen(void *ctx, int i)
{
	(void)ctx;
	struct sugg_arg a = {0};
	switch (i) {
	case 0: tui_push(&scr_sugg, NULL); break;
	case 1:
		a.open = true;
		tui_push(&scr_sugg, &a);
		break;
	case 2:
		a.overdue = true;
		tui_push(&scr_sugg, &a);
		break;
	case 3: tui_push(&scr_sugg_stats, NULL); break;
	}
	return SK_HANDLED;
}

int scr_sugg_menu(void)
{
	static const char *const labels[] = {
	    N_("All motions and suggestions"),
	    N_("Still being handled"),
	    N_("Overdue"),
	    N_("Statistics"),
	};
	static const char *const descs[] = {
	    N_("Every item in your scope, newest first; a drafts a new one"),
	    N_("Submitted, registered, assigned, replied or in follow-up"),
	    N_("Items with a reply, re-handling or opinion deadline past"),
	    N_("Closed, consultation, on-time reply and satisfaction rates, result classes"),
	};
	struct menu_spec spec = {
	    N_("Motions and suggestions"), 4, labels, descs, module_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}
