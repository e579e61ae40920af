/*
 * Voter issues in the console (码上提、马上办, DESIGN 4.2): the list with its
 * selection (category, town, state, overdue, due soon), full-text and
 * regular-expression search, and the overdue and due-soon cases marked; a
 * case's page (its fields, every step taken, the deputies' comments and
 * likes); the steps of the workflow (only those the model allows the session
 * now, case_actions(), each asking in a form of forms/case.form what it
 * needs); the clerk's entry of a case taken by phone or at a liaison station;
 * CSV import with progress and report; comments and likes on behalf of a
 * deputy picked from a list. The statistics are in scr_case_stats.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/core/db.h"
#include "model/core/form.h"
#include "model/core/listing.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/importscr.h"
#include "tui/list.h"
#include "tui/pick.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* The most steps a menu of steps offers. */
#define CS_MAXSTEPS 16

/* ---- small helpers ------------------------------------------------------- */

static const char *state_label(const char *state)
{
	const struct wf_state *s = wf_state(&case_flow, state);
	return s ? _(s->label) : state;
}

/* The label of an action (the first row of case_flow for it, from state when given). */
static const char *action_label(const char *action, const char *state)
{
	for (int i = 0; i < case_flow.ntrans; i++) {
		const struct wf_trans *t = &case_flow.trans[i];
		if (!strcmp(t->action, action) && (!state || wf_in(t->from, state)))
			return _(t->label);
	}
	if (!strcmp(action, "receive"))
		return _("Received");
	return action;
}

/* What an action needs from a state: the needs of every row of case_flow for it. */
static unsigned action_needs(const char *action, const char *state)
{
	unsigned needs = 0;
	for (int i = 0; i < case_flow.ntrans; i++) {
		const struct wf_trans *t = &case_flow.trans[i];
		if (!strcmp(t->action, action) && wf_in(t->from, state))
			needs |= t->needs;
	}
	return needs;
}

static const struct form_def *need_form(const char *name)
{
	const struct form_def *d = form_find(name);
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	return d;
}

/* The label a form gives a choice value (translated), or the value. */
static const char *choice_label(const char *form, const char *key, const char *value)
{
	const struct form_def *d = form_find(form);
	const struct form_field *f = d ? form_field_find(d, key) : NULL;
	return f ? form_choice_label(f, value) : value;
}

static bool yes(const char *v)
{
	return v && (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true"));
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static const char *info_val(const struct case_info *ci, const char *key)
{
	for (int i = 0; i < ci->n; i++)
		if (!strcmp(ci->keys[i], key))
			return ci->vals[i];
	return "";
}

/* "2026-03-02 09:00" of an ISO time. Returns a new string. */
static char *minute(const char *iso)
{
	char *s = xstrndup(iso, 16);
	if (strlen(s) > 10 && s[10] == 'T')
		s[10] = ' ';
	return s;
}

/* What a step, a form or a pick needs to know of the case after the list moved on. */
struct job {
	int64_t id;
	int64_t version; /* when read: a step checks it (the model refuses a moved case) */
	char *number, *state;
	char *action;                /* a step's action */
	const struct form_def *form; /* the form asking for it */
	char *deputy;                /* a comment's deputy (code) */
};

static void job_free(void *ctx)
{
	struct job *j = ctx;
	if (!j)
		return;
	free(j->number);
	free(j->state);
	free(j->action);
	free(j->deputy);
	free(j);
}

/* Reads the case as it is now; NULL (message set) when it is gone or out of scope. */
static struct job *job_read(int64_t id)
{
	struct case_info ci;
	if (case_info(tui.db, &tui.sc, id, &ci))
		return NULL;
	struct job *j = xcalloc(1, sizeof *j);
	j->id = id;
	j->version = strtoll(info_val(&ci, "version"), NULL, 10);
	j->number = xstrdup(info_val(&ci, "number"));
	j->state = xstrdup(info_val(&ci, "state"));
	case_info_free(&ci);
	return j;
}

/* The last step taken on a case: who and when (new strings, "" when unknown). */
static void last_step(int64_t id, char **who, char **when, char **action)
{
	*who = *when = *action = NULL;
	sqlite3_stmt *st = case_events(tui.db, &tui.sc, id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		free(*who);
		free(*when);
		free(*action);
		*when = minute(db_col(st, 0));
		*who = xstrdup(db_col(st, 1));
		*action = xstrdup(db_col(st, 3));
	}
	sqlite3_finalize(st);
	if (!*who) {
		*who = xstrdup("");
		*when = xstrdup("");
		*action = xstrdup("");
	}
}

/* ---- the steps of the workflow ------------------------------------------- */

static int step_save(void *ctx, char *const *v, int64_t version)
{
	struct job *j = ctx;
	(void)version; /* j->version: a conflict moves it on (below) */
	const struct form_def *d = j->form;
	struct case_act_args a = {0};
	const char *support[3];
	static const char *const skeys[] = {"support1", "support2", "support3"};
	a.text = fs_value(d, v, "text");
	a.unit = fs_value(d, v, "unit");
	for (int i = 0; i < 3; i++) {
		const char *s = fs_value(d, v, skeys[i]);
		if (s && *s)
			support[a.nsupport++] = s;
	}
	a.support = support;
	const char *level = fs_value(d, v, "level");
	a.level = level && *level ? level : NULL;
	a.eval = fs_value(d, v, "eval");
	a.private_text = yes(fs_value(d, v, "private"));
	a.version = j->version;
	int rc = case_act(tui.db, &tui.sc, j->id, j->action, &a);
	if (rc != RD_CONFLICT)
		return rc;
	/* Another clerk took a step meanwhile: show what it was; a second save acts on the case
	   as it is now (or is refused by the model when the step no longer applies). */
	struct job *now = job_read(j->id);
	if (!now)
		return RD_NOTFOUND;
	char *who, *when, *action;
	last_step(j->id, &who, &when, &action);
	j->version = now->version;
	free(j->state);
	j->state = xstrdup(now->state);
	err_set(RD_CONFLICT,
	        _("Not saved: case %s was changed meanwhile (%s by %s at %s; now %s). Nothing was "
	          "overwritten: save again to take the step on the case as it is now, or leave "
	          "with Esc."),
	        j->number, action_label(action, NULL), who, when, state_label(now->state));
	free(who);
	free(when);
	free(action);
	job_free(now);
	return RD_CONFLICT;
}

/* Opens the form a step needs (forms/case.form); takes j. */
static int open_step_form(struct job *j)
{
	unsigned needs = action_needs(j->action, j->state);
	const char *name = needs & WF_UNIT    ? "case-assign"
	                   : needs & WF_EVAL  ? "case-evaluate"
	                   : needs & WF_LEVEL ? "case-forward"
	                                      : "case-text";
	const struct form_def *d = need_form(name);
	if (!d) {
		job_free(j);
		return RD_FAIL;
	}
	j->form = d;
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf("%s: %s", action_label(j->action, j->state), j->number),
	    .version = j->version,
	    .save = step_save,
	    .free = job_free,
	    .ctx = j,
	};
	return tui_push(&scr_form, &spec);
}

/* The menu of steps open now (one at a time). */
static struct {
	struct job *job;
	int n;
	char *acts[CS_MAXSTEPS];
	const char *labels[CS_MAXSTEPS];
	char *title;
} steps;

static void steps_reset(void)
{
	job_free(steps.job);
	steps.job = NULL;
	for (int i = 0; i < steps.n; i++)
		free(steps.acts[i]);
	steps.n = 0;
}

static int step_chosen(void *ctx, int i)
{
	(void)ctx;
	struct job *j = steps.job;
	steps.job = NULL;
	free(j->action);
	j->action = xstrdup(steps.acts[i]);
	if (open_step_form(j))
		err_report();
	return SK_CLOSE;
}

/* Offers the steps the session may take on case id now (a menu), or says why none. */
static int open_steps(int64_t id)
{
	struct job *j = job_read(id);
	if (!j)
		return RD_NOTFOUND;
	char *acts;
	if (case_actions(tui.db, &tui.sc, id, &acts)) {
		job_free(j);
		return RD_FAIL;
	}
	if (!*acts) {
		tui_error(_("Case %s is %s: no step is open to you (%s) now."), j->number,
		          state_label(j->state), role_label(tui.sc.role));
		free(acts);
		job_free(j);
		return RD_OK;
	}
	steps_reset();
	steps.job = j;
	for (char *w = acts, *next; w && *w && steps.n < CS_MAXSTEPS; w = next) {
		next = strchr(w, '|');
		if (next)
			*next++ = '\0';
		steps.acts[steps.n] = xstrdup(w);
		steps.labels[steps.n] = action_label(w, j->state);
		steps.n++;
	}
	free(acts);
	free(steps.title);
	steps.title = xasprintf(_("Steps: case %s (%s)"), j->number, state_label(j->state));
	struct menu_spec spec = {steps.title, steps.n, steps.labels, NULL, step_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

/* ---- deputies' comments and likes ------------------------------------------ */

/* What the pick of a deputy is for (one pick at a time). */
static struct {
	struct job *job;
	enum { PICK_PHONE, PICK_COMMENT, PICK_LIKE } what;
} picking;

static int comment_save(void *ctx, char *const *v, int64_t version)
{
	struct job *j = ctx;
	(void)version;
	const char *rating = fs_value(j->form, v, "rating");
	return case_comment(tui.db, &tui.sc, j->id, j->deputy, fs_value(j->form, v, "text"),
	                    rating && *rating ? atoi(rating) : 0);
}

static int open_add_form(const char *deputy);

static void deputy_picked(void *ctx, const char *code)
{
	(void)ctx;
	struct job *j = picking.job;
	picking.job = NULL;
	int rc = RD_OK;
	switch (picking.what) {
	case PICK_PHONE: rc = open_add_form(code); break;
	case PICK_LIKE:
		rc = case_like(tui.db, &tui.sc, j->id, code);
		if (!rc) {
			tui_changed();
			tui_info(_("Case %s: liked by deputy %s."), j->number, code);
		}
		break;
	case PICK_COMMENT: {
		const struct form_def *d = need_form("case-comment");
		if (!d) {
			rc = RD_FAIL;
			break;
		}
		j->form = d;
		j->deputy = xstrdup(code);
		struct fs_spec spec = {
		    .form = d,
		    .title = xasprintf(_("Comment of deputy %s on case %s"), code, j->number),
		    .save = comment_save,
		    .free = job_free,
		    .ctx = j,
		};
		j = NULL;
		rc = tui_push(&scr_form, &spec);
		break;
	}
	}
	job_free(j);
	if (rc)
		err_report();
}

/* Picks a deputy from the list of deputies in office, then goes on as `what` says. */
static int pick_deputy(struct job *j, int what, char *title)
{
	job_free(picking.job);
	picking.job = j;
	picking.what = what;
	struct pager *p = listing_case_deputies(tui.db, &tui.sc);
	struct pick_spec spec = {
	    .title = title,
	    .p = p,
	    .col = pager_col_index(pager_def(p), "code"),
	    .done = deputy_picked,
	};
	return tui_push(&scr_pick, &spec);
}

static int start_comment(int64_t id, bool like)
{
	if (!case_may_comment(&tui.sc)) {
		tui_error(_("Your role (%s) does not record deputies' comments and likes"),
		          role_label(tui.sc.role));
		return RD_OK;
	}
	struct job *j = job_read(id);
	if (!j)
		return RD_NOTFOUND;
	char *title = like ? xasprintf(_("Case %s: which deputy likes the handling"), j->number)
	                   : xasprintf(_("Case %s: which deputy comments"), j->number);
	return pick_deputy(j, like ? PICK_LIKE : PICK_COMMENT, title);
}

/* ---- the clerk's entry of a case ----------------------------------------- */

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("case");
	struct case_new n = {0};
	n.channel = fs_value(d, v, "channel");
	n.deputy = fs_value(d, v, "deputy");
	n.station = fs_value(d, v, "station");
	n.town = fs_value(d, v, "town");
	n.category = fs_value(d, v, "category");
	n.title = fs_value(d, v, "title");
	n.content = fs_value(d, v, "content");
	n.voter_name = fs_value(d, v, "voter_name");
	n.voter_phone = fs_value(d, v, "voter_phone");
	n.submitted_at = fs_value(d, v, "submitted_at");
	n.private_case = yes(fs_value(d, v, "private"));
	int64_t id;
	int rc = case_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		lw_select_new("voter issues", id); /* listing_cases() */
	return rc;
}

/* The form of a new case: taken by phone for deputy (locked), or at a station (deputy NULL). */
static int open_add_form(const char *deputy)
{
	const struct form_def *d = need_form("case");
	if (!d)
		return RD_FAIL;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	bool *locked = xcalloc((size_t)d->nfields, sizeof *locked);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		if (!strcmp(k, "channel"))
			values[i] = xstrdup(deputy ? "phone" : "station");
		else if (!strcmp(k, "deputy") && deputy) {
			values[i] = xstrdup(deputy);
			locked[i] = true;
		}
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = deputy ? xasprintf(_("New voter issue: a phone call to deputy %s"), deputy)
	                    : xstrdup(_("New voter issue: a visit at a liaison station")),
	    .values = values,
	    .locked = locked,
	    .save = add_save,
	};
	return tui_push(&scr_form, &spec);
}

static int add_chosen(void *ctx, int i)
{
	(void)ctx;
	int rc = i == 0 ? pick_deputy(NULL, PICK_PHONE,
	                              xstrdup(_("New voter issue: the deputy the voter called")))
	                : open_add_form(NULL);
	if (rc)
		err_report();
	return SK_CLOSE;
}

static int open_add(void)
{
	static const char *const labels[] = {
	    N_("A phone call to a deputy"),
	    N_("A visit at a liaison station"),
	};
	static const char *const descs[] = {
	    N_("Pick the deputy first, then type what the voter said"),
	    N_("The station, then what the voter said (a deputy's code if one took it)"),
	};
	struct menu_spec spec = {N_("New voter issue"), 2, labels, descs, add_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

/* ---- import -------------------------------------------------------------- */

static int run_import(void *ctx, const char *path, struct import_report *rep)
{
	(void)ctx;
	return case_import(tui.db, &tui.sc, path, rep);
}

/* Imports a CSV file of voter issues with a progress box; shows the report. */
static void import_file(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	char *title = xasprintf(_("Importing voter issues from %s"), path);
	struct imp_spec spec = {
	    .progress = title,
	    .report = _("Import of voter issues"),
	    .add_only = true,
	    .run = run_import,
	};
	imp_run(&spec, path);
	free(title);
}

/* ---- a case's page ------------------------------------------------------- */

/* Labels of the fields of case_info(), in its order. */
static const struct {
	const char *key, *label;
} fields[] = {
    {"number", N_("No.")},
    {"title", N_("Title")},
    {"state", N_("State")},
    {"overdue", N_("Overdue")},
    {"respond_due", N_("Respond by")},
    {"reply_due", N_("Reply by")},
    {"submitted_at", N_("Received at")},
    {"channel", N_("Came by")},
    {"deputy", N_("Deputy")},
    {"station", N_("Liaison station")},
    {"town", N_("Town")},
    {"category", N_("Category")},
    {"level", N_("Reviewed by")},
    {"voter_name", N_("Voter")},
    {"voter_phone", N_("Voter's phone")},
    {"private", N_("Private")},
    {"content", N_("Content")},
    {"lead_unit", N_("Lead unit")},
    {"support_units", N_("Supporting units")},
    {"reply", N_("Reply")},
    {"evaluation", N_("Evaluation")},
    {"rounds", N_("Handled again")},
    {"likes", N_("Likes")},
    {"comments", N_("Comments")},
    {"external_id", N_("Intake page id")},
    {"id", N_("Id")},
    {"version", N_("Version")},
};

struct page {
	int64_t id;
	char *number;
};

/* The value of a field as the page shows it. */
static const char *shown(const char *key, const char *v)
{
	if (!strcmp(key, "state"))
		return state_label(v);
	if (!strcmp(key, "channel"))
		return choice_label("case", "channel", v);
	if (!strcmp(key, "evaluation"))
		return *v ? choice_label("case-evaluate", "eval", v) : v;
	if (!strcmp(key, "level"))
		return !strcmp(v, "city")   ? _("the city's office (代表工委)")
		       : !strcmp(v, "town") ? _("the town's office (人大办)")
		                            : v;
	if (!strcmp(key, "private") || !strcmp(key, "overdue"))
		return yes(v) ? _("yes") : _("no");
	return v;
}

static void load_steps(struct vw_data *d, int64_t id)
{
	sqlite3_stmt *st = case_events(tui.db, &tui.sc, id);
	if (!st)
		return;
	vw_add(d, false, "", "", NULL);
	vw_heading(d, _("Steps"), _("Who, what, the text given"), NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *at = minute(db_col(st, 0));
		enum role r;
		const char *role = db_col(st, 2);
		const char *from = db_col(st, 4), *to = db_col(st, 5), *text = db_col(st, 6),
		           *unit = db_col(st, 7);
		struct sbuf b = SBUF_INIT;
		sbuf_printf(&b, "%s (%s): %s", db_col(st, 1),
		            role_parse(role, &r) ? role_label(r) : role,
		            action_label(db_col(st, 3), *from ? from : NULL));
		if (*from && strcmp(from, to))
			sbuf_printf(&b, "\n%s %s %s", state_label(from), u8_ascii() ? "->" : "→",
			            state_label(to));
		if (*unit)
			sbuf_printf(&b, "%s%s", *from && strcmp(from, to) ? "; " : "\n", unit);
		if (*text)
			sbuf_printf(&b, "\n%s", text);
		vw_add(d, false, at, sbuf_str(&b), NULL);
		sbuf_free(&b);
		free(at);
	}
	sqlite3_finalize(st);
}

static void load_comments(struct vw_data *d, int64_t id)
{
	sqlite3_stmt *st = case_comments(tui.db, &tui.sc, id);
	bool any = false;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		if (!any) {
			vw_add(d, false, "", "", NULL);
			vw_heading(d, _("Comments"), _("Deputy, rating, comment"), NULL);
			any = true;
		}
		char *at = minute(db_col(st, 0));
		struct sbuf b = SBUF_INIT;
		sbuf_printf(&b, "%s (%s)", db_col(st, 1), db_col(st, 2));
		if (*db_col(st, 3))
			sbuf_printf(&b, _(", rating %s of 5"), db_col(st, 3));
		if (*db_col(st, 4))
			sbuf_printf(&b, ": %s", db_col(st, 4));
		vw_add(d, false, at, sbuf_str(&b), NULL);
		sbuf_free(&b);
		free(at);
	}
	sqlite3_finalize(st);
	st = case_likes(tui.db, &tui.sc, id);
	struct sbuf b = SBUF_INIT;
	while (st && sqlite3_step(st) == SQLITE_ROW)
		sbuf_printf(&b, "%s%s (%s)", b.len ? ", " : "", db_col(st, 1), db_col(st, 2));
	sqlite3_finalize(st);
	if (b.len) {
		vw_add(d, false, "", "", NULL);
		vw_add(d, false, _("Liked by"), sbuf_str(&b), NULL);
	}
	sbuf_free(&b);
}

static int page_load(void *ctx, struct vw_data *d)
{
	struct page *p = ctx;
	struct case_info ci;
	int rc = case_info(tui.db, &tui.sc, p->id, &ci);
	if (rc)
		return rc;
	d->ncells = 2;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = info_val(&ci, fields[i].key);
		bool late = !strcmp(fields[i].key, "overdue") && yes(v);
		char *at = !strcmp(fields[i].key, "submitted_at") ? minute(v) : NULL;
		vw_add(d, late, _(fields[i].label), at ? at : shown(fields[i].key, v), NULL);
		free(at);
	}
	case_info_free(&ci);
	load_steps(d, p->id);
	load_comments(d, p->id);
	return RD_OK;
}

static bool page_can(void *ctx, enum action a)
{
	(void)ctx;
	switch (a) {
	case ACT_STEP: return scope_can_write(&tui.sc); /* x says why when no step is open */
	case ACT_HISTORY: return true;
	case ACT_COMMENT:
	case ACT_LIKE: return case_may_comment(&tui.sc);
	default: return false;
	}
}

static int page_act(void *ctx, enum action a)
{
	struct page *p = ctx;
	int rc = RD_OK;
	switch (a) {
	case ACT_STEP: rc = open_steps(p->id); break;
	case ACT_HISTORY: rc = scr_history("case", p->id, p->number); break;
	case ACT_COMMENT:
	case ACT_LIKE: rc = start_comment(p->id, a == ACT_LIKE); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static void page_free(void *ctx)
{
	struct page *p = ctx;
	free(p->number);
	free(p);
}

static int open_page(int64_t id, const char *number, const char *title)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->id = id;
	p->number = xstrdup(number);
	struct vw_spec spec = {
	    .title = xasprintf(_("Case %s: %s"), number, title),
	    .keys = KC_RECORD | KC_WORKFLOW | KC_CASE,
	    .load = page_load,
	    .act = page_act,
	    .can = page_can,
	    .free = page_free,
	    .ctx = p,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the list ------------------------------------------------------------ */

struct cl {
	struct lw *lw;
	struct case_select sel; /* its strings owned */
	char *title;
	int due; /* the column of the deadline marker */
};

static void sel_free(struct case_select *s)
{
	free((char *)s->category);
	free((char *)s->town);
	free((char *)s->state);
	free((char *)s->search);
	free((char *)s->regex);
	memset(s, 0, sizeof *s);
}

/* Overdue cases in bold (and red), due-soon ones in bold (and yellow); the marker says which. */
static attr_t row_attr(void *ctx, const struct pager_row *r)
{
	struct cl *l = ctx;
	if (l->due < 0)
		return A_NORMAL;
	if (!strcmp(r->cells[l->due], "overdue"))
		return dr_attr(DR_OVERDUE);
	if (!strcmp(r->cells[l->due], "soon"))
		return dr_attr(DR_SOON);
	return A_NORMAL;
}

/* Builds the list again for the selection (keeping the filter typed); the old stays on error. */
static int cl_rebuild(struct cl *l)
{
	struct pager *p;
	int rc = listing_cases(tui.db, &tui.sc, &l->sel, &p);
	if (rc)
		return rc;
	if (l->lw) {
		pager_filter(p, pager_filter_text(lw_pager(l->lw)));
		lw_free(l->lw);
	}
	l->lw = lw_new(p);
	l->due = pager_col_index(pager_def(p), "due");
	lw_set_row_attr(l->lw, row_attr, l);
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, _("Voter issues"));
	const char *sep = ": ";
#define PART(cond, ...)                                                                            \
	do {                                                                                       \
		if (cond) {                                                                        \
			sbuf_puts(&b, sep);                                                        \
			sbuf_printf(&b, __VA_ARGS__);                                              \
			sep = ", ";                                                                \
		}                                                                                  \
	} while (0)
	const struct case_select *s = &l->sel;
	PART(s->overdue, "%s", _("overdue"));
	PART(s->due_soon, "%s", _("due soon"));
	PART(s->state && !strcmp(s->state, "open"), "%s", _("still being handled"));
	PART(s->state && strcmp(s->state, "open"), "%s", state_label(s->state ? s->state : ""));
	PART(s->category, "%s", s->category);
	PART(s->town, "%s", s->town);
	PART(s->search, _("text \"%s\""), s->search);
	PART(s->regex, _("pattern /%s/"), s->regex);
#undef PART
	free(l->title);
	l->title = sbuf_take(&b);
	return RD_OK;
}

/* Changes the selection: s is taken (its strings); on an error the list stays as it was. */
static int cl_select(struct cl *l, struct case_select *s)
{
	struct case_select old = l->sel;
	l->sel = *s;
	int rc = cl_rebuild(l);
	if (rc) {
		sel_free(&l->sel);
		l->sel = old;
		return rc;
	}
	sel_free(&old);
	return RD_OK;
}

static struct case_select sel_copy(const struct case_select *s)
{
	struct case_select c = *s;
	c.category = dup_or_null(s->category);
	c.town = dup_or_null(s->town);
	c.state = dup_or_null(s->state);
	c.search = dup_or_null(s->search);
	c.regex = dup_or_null(s->regex);
	return c;
}

static void search_done(void *ctx, const char *text)
{
	struct cl *l = ctx;
	if (!text)
		return;
	struct case_select s = sel_copy(&l->sel);
	free((char *)s.search);
	s.search = dup_or_null(text);
	if (cl_select(l, &s))
		err_report();
}

static void regex_done(void *ctx, const char *text)
{
	struct cl *l = ctx;
	if (!text)
		return;
	struct case_select s = sel_copy(&l->sel);
	free((char *)s.regex);
	s.regex = dup_or_null(text);
	if (cl_select(l, &s))
		err_report();
}

static int select_save(void *ctx, char *const *v, int64_t version)
{
	struct cl *l = ctx;
	(void)version;
	const struct form_def *d = form_find("case-select");
	struct case_select s = {
	    .category = dup_or_null(fs_value(d, v, "category")),
	    .town = dup_or_null(fs_value(d, v, "town")),
	    .state = dup_or_null(fs_value(d, v, "state")),
	    .search = dup_or_null(fs_value(d, v, "search")),
	    .regex = dup_or_null(fs_value(d, v, "regex")),
	    .overdue = yes(fs_value(d, v, "overdue")),
	    .due_soon = yes(fs_value(d, v, "due_soon")),
	};
	return cl_select(l, &s);
}

static int open_select(struct cl *l)
{
	const struct form_def *d = need_form("case-select");
	if (!d)
		return RD_FAIL;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	const struct case_select *s = &l->sel;
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *v = !strcmp(k, "category")   ? s->category
		                : !strcmp(k, "town")     ? s->town
		                : !strcmp(k, "state")    ? s->state
		                : !strcmp(k, "search")   ? s->search
		                : !strcmp(k, "regex")    ? s->regex
		                : !strcmp(k, "overdue")  ? (s->overdue ? "yes" : "no")
		                : !strcmp(k, "due_soon") ? (s->due_soon ? "yes" : "no")
		                                         : NULL;
		values[i] = xstrdup(v ? v : "");
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

static int cl_init(struct scr *s, void *arg)
{
	struct cl *l = xcalloc(1, sizeof *l);
	const struct case_arg *a = arg;
	if (a) {
		l->sel.overdue = a->overdue;
		l->sel.due_soon = a->due_soon;
		l->sel.state = a->open ? xstrdup("open") : NULL;
	}
	int rc = cl_rebuild(l);
	if (rc) {
		sel_free(&l->sel);
		free(l);
		return rc;
	}
	s->st = l;
	return RD_OK;
}

static void cl_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct cl *l = s->st;
	lw_draw(l->lw, w, 0, 0, rows, cols);
}

static bool cl_can(struct scr *s, enum action a)
{
	struct cl *l = s->st;
	switch (a) {
	case ACT_ADD:
	case ACT_IMPORT: return case_may_add(&tui.sc);
	case ACT_STEP: return scope_can_write(&tui.sc) && lw_current(l->lw);
	case ACT_COMMENT:
	case ACT_LIKE: return case_may_comment(&tui.sc) && lw_current(l->lw);
	case ACT_SELECT:
	case ACT_CASE_SEARCH:
	case ACT_CASE_REGEX:
	case ACT_CASE_OVERDUE:
	case ACT_HISTORY: return true;
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_VERIFY:
	case ACT_SEARCH:
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return false;
	default: return lw_can(l->lw, a);
	}
}

static int cl_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct cl *l = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *r = lw_current(l->lw);
	const struct pager_def *d = pager_def(lw_pager(l->lw));
	const char *number = r ? r->cells[pager_col_index(d, "number")] : "";
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
		if (r)
			rc = open_page(r->id, number, r->cells[pager_col_index(d, "title")]);
		break;
	case ACT_ADD:
	case ACT_IMPORT:
		if (!case_may_add(&tui.sc))
			tui_error(_("Your role (%s) does not record voter issues"),
			          role_label(tui.sc.role));
		else if (a == ACT_ADD)
			rc = open_add();
		else
			tui_prompt(_("Import voter issues from CSV file:"), "", import_file, NULL,
			           NULL);
		break;
	case ACT_STEP:
		if (!scope_can_write(&tui.sc))
			tui_error(_("A viewer reads and changes nothing"));
		else if (r)
			rc = open_steps(r->id);
		break;
	case ACT_COMMENT:
	case ACT_LIKE:
		if (r)
			rc = start_comment(r->id, a == ACT_LIKE);
		break;
	case ACT_HISTORY:
		if (r)
			rc = scr_history("case", r->id, number);
		break;
	case ACT_SELECT: rc = open_select(l); break;
	case ACT_CASE_SEARCH:
		tui_prompt(_("Search (full text):"), l->sel.search, search_done, NULL, l);
		break;
	case ACT_CASE_REGEX:
		tui_prompt(_("Regular expression:"), l->sel.regex, regex_done, NULL, l);
		break;
	case ACT_CASE_OVERDUE: {
		struct case_select sel = sel_copy(&l->sel);
		sel.overdue = !sel.overdue;
		rc = cl_select(l, &sel);
		break;
	}
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_VERIFY:
	case ACT_SEARCH:
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return SK_HANDLED;
	default: return lw_key(l->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static const char *cl_title(struct scr *s)
{
	struct cl *l = s->st;
	return l->title;
}

static const char *cl_info(struct scr *s)
{
	struct cl *l = s->st;
	return lw_info(l->lw);
}

static void cl_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	struct cl *l = s->st;
	if (lw_click(l->lw, y) && twice)
		cl_key(s, ACT_OPEN, OK, '\n');
}

static void cl_free(struct scr *s)
{
	struct cl *l = s->st;
	lw_free(l->lw);
	sel_free(&l->sel);
	free(l->title);
	free(l);
}

const struct screen scr_cases = {
    .name = N_("Voter issues"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_WORKFLOW | KC_CASE,
    .init = cl_init,
    .draw = cl_draw,
    .key = cl_key,
    .free = cl_free,
    .title = cl_title,
    .info = cl_info,
    .can = cl_can,
    .click = cl_click,
};

/* ---- the menu of the module ---------------------------------------------- */

static int module_chosen(void *ctx, int i)
{
	(void)ctx;
	struct case_arg a = {0};
	switch (i) {
	case 0: tui_push(&scr_cases, NULL); break;
	case 1:
		a.open = true;
		tui_push(&scr_cases, &a);
		break;
	case 2:
		a.overdue = true;
		tui_push(&scr_cases, &a);
		break;
	case 3:
		a.due_soon = true;
		tui_push(&scr_cases, &a);
		break;
	case 4: tui_push(&scr_case_stats, NULL); break;
	}
	return SK_HANDLED;
}

int scr_case_menu(void)
{
	static const char *const labels[] = {
	    N_("All voter issues"), N_("Still being handled"), N_("Overdue"),
	    N_("Due soon"),         N_("Statistics"),
	};
	static const char *const descs[] = {
	    N_("Every case in your scope, newest first; a records a phone call or a station visit"),
	    N_("Received, forwarded, assigned, responded or replied, not yet closed"),
	    N_("Cases with a deadline past: to respond, to reply, to handle again"),
	    N_("Cases with a deadline in the next days"),
	    N_("Counts by category, town, deputy, unit, state and month; on-time and satisfaction "
	       "rates, with bars"),
	};
	struct menu_spec spec = {N_("Voter issues"), 5, labels, descs, module_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}
