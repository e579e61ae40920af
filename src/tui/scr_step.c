/*
 * The one step screen: any module's workflow step, run from its transition
 * row (model/flow/workflow.h). It offers the steps the session may take on a
 * record now (flow_actions), then asks what the row says: a confirmation, a
 * line of text, a form of forms/ (prefilled as the form says), a choice, or
 * records picked from a list (and then a confirmation or a choice); then the
 * driver takes the step (flow_act) against the version that was read, and the
 * message line says where the record stands. Module prefix: step_.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/module.h"
#include "model/flow/flow.h"
#include "tui/formscr.h"
#include "tui/modscr.h"
#include "tui/pick.h"
#include "tui/screens.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* One step being prepared: the record, the action and what has been gathered. */
struct job {
	const struct module *m;
	int64_t id, version;
	char *name, *raw, *state, *action; /* name: as titles say it; raw: its number or #id */
	const struct wf_trans *t;
	char **vals; /* the records picked */
	int nvals;
	const struct form_def *form; /* the form or the choice asked */
	struct form_def *own_form;   /* a form the module built for the record (step_form) */
	const char *choice_key;      /* the key a choice sets */
};

static void job_free(void *ctx)
{
	struct job *j = ctx;
	if (!j)
		return;
	free(j->name);
	free(j->raw);
	free(j->state);
	free(j->action);
	for (int i = 0; i < j->nvals; i++)
		free(j->vals[i]);
	free(j->vals);
	form_free(j->own_form);
	free(j);
}

/* Reads the record as it is now into j (version, state, name); RD_NOTFOUND out of scope. */
static int job_read(struct job *j, struct tbl *rec)
{
	int rc = j->m->model->record(tui.db, &tui.sc, j->id, rec);
	if (rc)
		return rc;
	j->version = strtoll(tbl_get(rec, 0, "version"), NULL, 10);
	free(j->state);
	j->state = xstrdup(tbl_get(rec, 0, "state"));
	free(j->name);
	free(j->raw);
	j->raw = mod_name(tbl_get(rec, 0, j->m->model->number_key), j->id);
	j->name = mods_name(j->m, tbl_get(rec, 0, j->m->model->number_key), j->id);
	return RD_OK;
}

/* The arguments of a step being gathered, with room for what they point to. */
struct gathered {
	struct flow_args a;
	const char *support[16];
	const char *names[64], *values[64];
};

static void gathered_init(struct gathered *g)
{
	memset(g, 0, sizeof *g);
	g->a.support = g->support;
	g->a.names = g->names;
	g->a.values = g->values;
}

/* Puts a value given under key (a form field's, a choice's) into the step's arguments; a key
   that is none of them goes among the named values (WF_FIELDS, flow_arg()). */
static void set_arg(struct gathered *g, const char *key, const char *v)
{
	struct flow_args *a = &g->a;
	if (!v || !*v)
		return;
	if (!strcmp(key, "text"))
		a->text = v;
	else if (!strcmp(key, "unit"))
		a->unit = v;
	else if (!strncmp(key, "support", 7)) {
		if (a->nsupport < 16)
			g->support[a->nsupport++] = v;
	} else if (!strcmp(key, "level"))
		a->level = v;
	else if (!strcmp(key, "eval"))
		a->eval = v;
	else if (!strcmp(key, "answer"))
		a->answer = v;
	else if (!strcmp(key, "class"))
		a->result_class = v;
	else if (!strcmp(key, "date") || !strcmp(key, "until"))
		a->date = v;
	else if (!strcmp(key, "place"))
		a->place = v;
	else if (!strcmp(key, "deputies"))
		a->attendees = v;
	else if (!strcmp(key, "into"))
		a->into = v;
	else if (!strcmp(key, "private"))
		a->private_text = !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true");
	else if (a->nvalues < 64) {
		g->names[a->nvalues] = key;
		g->values[a->nvalues++] = v;
	}
}

/* The picked records as the arguments of the step. */
static void picked_args(const struct job *j, struct flow_args *a)
{
	const struct wf_pick *p = flow_pick(j->m->flow, j->t->ask_arg);
	if (!p || !j->nvals)
		return;
	if (p->into == WP_DEPUTIES) {
		a->deputies = (const char *const *)j->vals;
		a->ndeputies = j->nvals;
	} else
		a->into = j->vals[0];
}

/* Takes the step with the arguments a; says where the record stands, or why not. */
static int job_run(struct job *j, struct flow_args *a)
{
	a->version = j->version;
	int rc = flow_act(tui.db, &tui.sc, j->m->flow, j->id, j->action, a);
	struct tbl rec;
	if (rc == RD_CONFLICT) {
		/* Another clerk took a step meanwhile: say which; a second save takes the step
		   on the record as it is now (or is refused when it no longer applies). */
		char *name = xstrdup(j->name);
		if (job_read(j, &rec)) {
			free(name);
			return RD_NOTFOUND;
		}
		tbl_free(&rec);
		struct tbl ev = {0};
		flow_events(tui.db, &tui.sc, j->m->flow, j->id, &ev);
		int last = ev.nrows - 1;
		err_set(
		    RD_CONFLICT,
		    _("Not saved: %s was changed meanwhile (%s by %s at %.16s; now %s). Nothing "
		      "was overwritten: save again to take the step on it as it is now, or "
		      "leave with Esc."),
		    name, flow_action_label(j->m->flow, tbl_get(&ev, last, "action")),
		    tbl_get(&ev, last, "account"), tbl_get(&ev, last, "at"),
		    flow_state_label(j->m->flow, j->state));
		tbl_free(&ev);
		free(name);
		return RD_CONFLICT;
	}
	if (rc)
		return rc;
	tui_changed();
	const char *label = flow_action_label(j->m->flow, j->action);
	if (j->m->model->record(tui.db, &tui.sc, j->id, &rec)) {
		/* A unit that returned the record no longer sees it. */
		err_clear();
		tui_info(_("%s: %s."), j->name, label);
		return RD_OK;
	}
	const char *number = tbl_get(&rec, 0, j->m->model->number_key);
	const char *state = flow_state_label(j->m->flow, tbl_get(&rec, 0, "state"));
	if (*number && strcmp(number, j->raw))
		tui_info(_("%s: %s; now %s (%s)."), j->name, label, state, number);
	else
		tui_info(_("%s: %s; now %s."), j->name, label, state);
	tbl_free(&rec);
	return RD_OK;
}

/* Takes the step and frees the job; an error goes to the message line. */
static void job_finish(struct job *j, struct flow_args *a)
{
	if (job_run(j, a))
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
	struct flow_args a = {.text = text};
	job_finish(j, &a);
}

static void confirmed(void *ctx, bool yes)
{
	struct job *j = ctx;
	if (!yes) {
		job_free(j);
		return;
	}
	struct flow_args a = {0};
	picked_args(j, &a);
	job_finish(j, &a);
}

/* ---- menus: the steps, and a choice ------------------------------------------------ */

/* The menu open now (its entries must outlive it): one at a time. */
static struct {
	struct job *job;
	int n;
	char *vals[32];
	const char *labels[32];
	char *title;
} menu_now;

static void menu_reset(void)
{
	job_free(menu_now.job);
	menu_now.job = NULL;
	for (int i = 0; i < menu_now.n; i++)
		free(menu_now.vals[i]);
	menu_now.n = 0;
	free(menu_now.title);
	menu_now.title = NULL;
}

static int choice_chosen(void *ctx, int i)
{
	(void)ctx;
	struct job *j = menu_now.job;
	menu_now.job = NULL;
	struct gathered g;
	gathered_init(&g);
	set_arg(&g, j->choice_key, menu_now.vals[i]);
	picked_args(j, &g.a);
	job_finish(j, &g.a);
	return SK_CLOSE;
}

/* Asks for one of the choices of "FORM:FIELD"; takes j. */
static int ask_choice(struct job *j, const char *spec)
{
	const char *colon = strchr(spec, ':');
	char *form = colon ? xstrndup(spec, (size_t)(colon - spec)) : xstrdup(spec);
	const struct form_def *d = form_find(form);
	const struct form_field *f = d && colon ? form_field_find(d, colon + 1) : NULL;
	free(form);
	if (!f || !f->nchoices) {
		job_free(j);
		return err_set(RD_FAIL, _("no choice field '%s' among the forms"), spec);
	}
	menu_reset();
	menu_now.job = j;
	j->choice_key = f->key;
	for (int i = 0; i < f->nchoices && i < 32; i++) {
		menu_now.vals[menu_now.n] = xstrdup(f->choices[i]);
		menu_now.labels[menu_now.n++] =
		    f->choice_labels[i] ? f->choice_labels[i] : f->choices[i];
	}
	menu_now.title = xasprintf(_("%s: %s"), j->name, _(d->title));
	struct menu_spec spec2 = {menu_now.title, menu_now.n, menu_now.labels, NULL, choice_chosen,
	                          NULL,           0};
	return tui_push(&scr_menu, &spec2);
}

/* ---- a form ----------------------------------------------------------------------- */

static int form_save(void *ctx, char *const *v, int64_t version)
{
	struct job *j = ctx;
	(void)version; /* j->version: a conflict moves it on (job_run) */
	struct gathered g;
	gathered_init(&g);
	for (int i = 0; i < j->form->nfields; i++)
		set_arg(&g, j->form->fields[i].key, v[i]);
	picked_args(j, &g.a);
	return job_run(j, &g.a);
}

/* Whether steps other than action ask for the form name too (a text any step may take). */
static bool form_shared(const struct wf_def *w, const char *name, const char *action)
{
	for (int i = 0; i < w->ntrans; i++)
		if (w->trans[i].ask == WA_FORM && !strcmp(w->trans[i].ask_arg, name) &&
		    strcmp(w->trans[i].action, action))
			return true;
	return false;
}

/* Opens the step's form, prefilled as the form says; takes j. */
static int ask_form(struct job *j, const char *name)
{
	const struct form_def *d = form_find(name);
	struct tbl rec;
	if (!d) {
		job_free(j);
		return err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	}
	if (job_read(j, &rec)) {
		job_free(j);
		return RD_NOTFOUND;
	}
	/* A form whose fields depend on the record is built by the module for it. */
	if (j->m->console->step_form) {
		if (j->m->console->step_form(d, j->id, &j->own_form)) {
			tbl_free(&rec);
			job_free(j);
			return RD_FAIL;
		}
		if (j->own_form)
			d = j->own_form;
	}
	j->form = d;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *pre = d->fields[i].prefill;
		if (pre && !strcmp(pre, "today")) {
			char today[11];
			date_format(clock_today(), today);
			values[i] = xstrdup(today);
		} else if (pre && !strncmp(pre, "record ", 7))
			values[i] = xstrdup(tbl_get(&rec, 0, pre + 7));
	}
	tbl_free(&rec);
	struct fs_spec spec = {
	    .form = d,
	    /* A form several steps share is titled by the step taken ("Record the unit's
	       reply"), a step's own form by its title. */
	    .title = xasprintf(_("%s: %s"), j->name,
	                       form_shared(j->m->flow, name, j->action)
	                           ? flow_action_label(j->m->flow, j->action)
	                           : _(d->title)),
	    .values = values,
	    .version = j->version,
	    .save = form_save,
	    .free = job_free,
	    .ctx = j,
	    .done = "", /* the step says what it did and the state it left */
	};
	return tui_push(&scr_form, &spec);
}

/* ---- a pick ----------------------------------------------------------------------- */

/* The text asked after a pick (a reason for the records picked). */
static void picked_text(void *ctx, const char *text)
{
	struct job *j = ctx;
	if (!text) {
		job_free(j);
		return;
	}
	struct flow_args a = {.text = text};
	picked_args(j, &a);
	job_finish(j, &a);
}

static int picked(void *ctx, char **vals, int n)
{
	struct job *j = ctx;
	j->vals = xcalloc((size_t)n, sizeof *j->vals);
	for (int i = 0; i < n; i++)
		j->vals[j->nvals++] = xstrdup(vals[i]);
	const struct wf_pick *p = flow_pick(j->m->flow, j->t->ask_arg);
	int rc = RD_OK;
	if (p->then == WA_CONFIRM) {
		char *q = xasprintf(_("%s: %s: %s?"), j->name,
		                    flow_action_label(j->m->flow, j->action), vals[0]);
		tui_ask(q, confirmed, j);
		free(q);
	} else if (p->then == WA_CHOICE)
		rc = ask_choice(j, p->then_arg);
	else if (p->then == WA_FORM)
		rc = ask_form(j, p->then_arg);
	else if (p->then == WA_PROMPT)
		tui_prompt(_(p->then_arg), "", picked_text, NULL, j);
	else
		confirmed(j, true);
	if (rc)
		err_report();
	return SK_HANDLED;
}

/* Opens the pick the step asks for; takes j. */
static int ask_pick(struct job *j, const char *name)
{
	const struct wf_pick *p = flow_pick(j->m->flow, name);
	struct pager *list = p ? p->list(tui.db, &tui.sc, j->id) : NULL;
	if (!list) {
		job_free(j);
		return p ? RD_FAIL : err_set(RD_FAIL, _("no pick '%s' in the workflow"), name);
	}
	struct sbuf title = SBUF_INIT;
	sbuf_subst(&title, _(p->title), (const char *const *)&j->name, 1);
	struct mp_spec spec = {
	    .title = sbuf_take(&title),
	    .p = list,
	    .col = p->col,
	    .multi = p->multi,
	    .done = picked,
	    .free = job_free,
	    .ctx = j,
	};
	return tui_push(&scr_mpick, &spec);
}

/* ---- the steps ------------------------------------------------------------------- */

/* Asks what the step's row asks for; takes j. */
static int start(struct job *j)
{
	j->t = flow_row(j->m->flow, j->action, j->state);
	if (!j->t) {
		job_free(j);
		return err_set(RD_FAIL, _("no step '%s' from here"), j->action);
	}
	const char *arg = j->t->ask_arg;
	switch (j->t->ask) {
	case WA_PROMPT: tui_prompt(_(arg), "", text_done, NULL, j); return RD_OK;
	case WA_FORM: return ask_form(j, arg);
	case WA_PICK: return ask_pick(j, arg);
	case WA_CHOICE: return ask_choice(j, arg);
	case WA_NONE: confirmed(j, true); return RD_OK;
	case WA_CONFIRM:
	default: {
		char *q =
		    xasprintf(_("%s: %s?"), j->name, flow_action_label(j->m->flow, j->action));
		tui_ask(q, confirmed, j);
		free(q);
		return RD_OK;
	}
	}
}

static int step_chosen(void *ctx, int i)
{
	(void)ctx;
	struct job *j = menu_now.job;
	menu_now.job = NULL;
	free(j->action);
	j->action = xstrdup(menu_now.vals[i]);
	if (start(j))
		err_report();
	return SK_CLOSE;
}

int mods_steps(const struct module *m, int64_t id)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->m = m;
	j->id = id;
	struct tbl rec;
	char *acts = NULL;
	if (job_read(j, &rec)) {
		job_free(j);
		return RD_NOTFOUND;
	}
	tbl_free(&rec);
	if (flow_actions(tui.db, &tui.sc, m->flow, id, &acts)) {
		job_free(j);
		return RD_FAIL;
	}
	if (!*acts) {
		tui_error(_("%s is %s: no step is open to you (%s) now."), j->name,
		          flow_state_label(m->flow, j->state), role_label(tui.sc.role));
		free(acts);
		job_free(j);
		return RD_OK;
	}
	menu_reset();
	menu_now.job = j;
	for (char *w = acts, *next; w && *w && menu_now.n < 32; w = next) {
		next = strchr(w, '|');
		if (next)
			*next++ = '\0';
		menu_now.vals[menu_now.n] = xstrdup(w);
		menu_now.labels[menu_now.n++] = flow_action_label(m->flow, w);
	}
	free(acts);
	menu_now.title =
	    xasprintf(_("Steps: %s (%s)"), j->name, flow_state_label(m->flow, j->state));
	struct menu_spec spec = {menu_now.title, menu_now.n, menu_now.labels, NULL, step_chosen,
	                         NULL,           0};
	return tui_push(&scr_menu, &spec);
}
