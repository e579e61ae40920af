/*
 * The data cockpit: its panels, each figure counted by the list it opens
 * (cockpit.h says how a past as-of time is read from the histories).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cockpit/cockpit.h"
#include "model/core/db.h"
#include "model/core/pager.h"
#include "model/flow/flow.h"
#include "model/flow/workflow.h"
#include "model/points/points.h"
#include "model/stat/stat.h"
#include "modules.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* What a count takes from the histories when the as-of time is past. */
enum asof_cond {
	AC_MADE,    /* only the records made by then */
	AC_OPEN,    /* ... in an open state then (the filter's "state" open) */
	AC_STATE,   /* ... in the filter's state then */
	AC_OVERDUE, /* ... with a deadline overdue then (the filter's "overdue") */
	AC_STEP,    /* ... with the step x->step taken by then (the filter's flag is the step's) */
	AC_NONE,    /* a fact the histories do not keep: counted as it is now */
};

struct ctx {
	sqlite3 *db;
	const struct scope *sc;
	struct cockpit *c;
	char day[11];
	const char *step; /* AC_STEP's */
};

/* The panels, their titles and what their bars are (NULL: none). */
static const struct {
	const char *key, *title, *bars;
} panels[] = {
    {"cases", N_("Voter issues"), N_("By category")},
    {"suggestions", N_("Motions and suggestions"), NULL},
    {"projects", N_("Livelihood projects"), N_("The least advanced projects")},
    {"deputies", N_("Duty of deputies"), N_("The deputies with the most points")},
    {"warnings", N_("Finance warnings"), NULL},
};
#define NPANELS N_OF(panels)

/* Adds the panel named key (one of panels[]; NULL for another). */
static struct cockpit_panel *panel_add(struct cockpit *c, const char *key)
{
	int k = 0;
	while (k < NPANELS && strcmp(panels[k].key, key))
		k++;
	if (k == NPANELS)
		return NULL;
	c->p = xrealloc(c->p, sizeof *c->p * (size_t)(c->np + 1));
	struct cockpit_panel *p = &c->p[c->np++];
	memset(p, 0, sizeof *p);
	p->key = panels[k].key;
	p->title = xstrdup(_(panels[k].title));
	p->bars = panels[k].bars ? _(panels[k].bars) : NULL;
	return p;
}

/* Appends a figure with key, label (a msgid, translated here; NULL: fig_name() names it)
   and the filter of its list: pairs of key and value ending with NULL. */
static struct cockpit_fig *fig_add(struct cockpit_panel *p, const char *key, const char *label,
                                   enum cockpit_kind kind, const char *module, ...)
{
	p->f = xrealloc(p->f, sizeof *p->f * (size_t)(p->n + 1));
	struct cockpit_fig *f = &p->f[p->n++];
	memset(f, 0, sizeof *f);
	f->key = xstrdup(key);
	f->msgid = label ? xstrdup(label) : NULL;
	f->label = xstrdup(label ? _(label) : "");
	f->kind = kind;
	f->module = module;
	f->value = kind == CK_COUNT ? 0 : STAT_NONE;
	va_list ap;
	va_start(ap, module);
	const char *k;
	while ((k = va_arg(ap, const char *)) && f->nf < COCKPIT_NFILTER) {
		const char *v = va_arg(ap, const char *);
		f->fkey[f->nf] = xstrdup(k);
		f->fval[f->nf++] = xstrdup(v);
	}
	va_end(ap);
	return f;
}

/* Labels f with a record's name (a category, a project, a deputy): not translated. */
static void fig_name(struct cockpit_fig *f, const char *name)
{
	free(f->label);
	f->label = xstrdup(name);
}

static void fig_free(struct cockpit_fig *f)
{
	free(f->key);
	free(f->label);
	free(f->msgid);
	for (int i = 0; i < f->nf; i++) {
		free(f->fkey[i]);
		free(f->fval[i]);
	}
}

/* Frees the panels of c and their figures; c's other fields stay. */
static void panels_free(struct cockpit *c)
{
	for (int i = 0; i < c->np; i++) {
		for (int j = 0; j < c->p[i].n; j++)
			fig_free(&c->p[i].f[j]);
		free(c->p[i].f);
		free(c->p[i].title);
	}
	free(c->p);
	c->p = NULL;
	c->np = 0;
}

void cockpit_filter(const struct cockpit_fig *f, struct filter *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < f->nf; i++)
		filter_set(out, f->fkey[i], f->fval[i]);
}

/*
 * Narrows p to the items of w open as of asof (state NULL) or in state then, as
 * their histories say; id is the listing's id column, its first alias bytes the
 * prefix of the item's columns.
 */
static void where_then(struct pager *p, const struct wf_def *w, const char *id, int alias,
                       const char *state, const char *asof)
{
	char *then =
	    xasprintf("(SELECT e.to_state FROM wf_event e WHERE e.workflow = '%s' AND "
	              "e.item_id = %s AND e.at <= ? ORDER BY e.at DESC, e.id DESC LIMIT 1)",
	              w->name, id);
	const struct wf_state *ws = state ? wf_state(w, state) : NULL;
	char *in;
	if (!state) {
		in = xasprintf("%s IN %s", then, flow_open_sql(w));
		pager_where(p, in, "t", asof);
	} else if (ws && ws->closes) {
		/* In a state that dates a closing: the items in it now closed by then were in
		   it then; the histories are read for those that may have been, not for the
		   ones closed otherwise before then. */
		char *pre = xstrndup(id, (size_t)alias);
		char *by = flow_closed_by_sql(w, pre, "?");
		in = xasprintf("((%sstate = ? AND %sclosed_at <= ?) OR (NOT %s AND %s = ?))", pre,
		               pre, by, then);
		pager_where(p, in, "ttttt", state, asof, asof, asof, state);
		free(by);
		free(pre);
	} else {
		in = xasprintf("%s = ?", then);
		pager_where(p, in, "tt", asof, state);
	}
	free(in);
	free(then);
}

/*
 * Counts the records of figure f: its module's listing with its filter; as of a
 * past time, the listing without the state or overdue part of the filter and with
 * what the histories say of that time instead (cond).
 */
static int fig_count(struct ctx *x, struct cockpit_fig *f, enum asof_cond cond)
{
	const struct module *m = module_find(f->module);
	if (!m || !m->model || !m->model->listing)
		return err_set(RD_FAIL, "cockpit: no list of %s", f->module);
	struct filter flt;
	cockpit_filter(f, &flt);
	const char *state = filter_get(&flt, "state");
	bool past = x->c->past && m->flow && cond != AC_NONE;
	if (past && (cond == AC_OPEN || cond == AC_STATE))
		filter_set(&flt, "state", NULL);
	if (past && cond == AC_OVERDUE)
		filter_set(&flt, "overdue", NULL);
	struct pager *p;
	int rc = m->model->listing(x->db, x->sc, &flt, &p);
	if (rc)
		return rc;
	if (past) {
		const char *id = pager_def(p)->id, *w = m->flow->name;
		const char *dot = strchr(id, '.');
		int alias = dot ? (int)(dot - id + 1) : 0; /* "v." of "v.id" */
		/* Not open then, read from the row: an item in a state that is not open whose
		   closing (closed_at, written with its closing step, cleared when it opens
		   again) came by then. The histories are read for the others only. */
		if (cond == AC_OPEN) {
			char *shut =
			    xasprintf("NOT (%.*sclosed_at IS NOT NULL AND %.*sclosed_at <= ? "
			              "AND %.*sstate NOT IN %s)",
			              alias, id, alias, id, alias, id, flow_open_sql(m->flow));
			pager_where(p, shut, "t", x->c->asof);
			free(shut);
		}
		/* Made by then: a step by then, read from the row where the workflow keeps the
		   time of the first step there (the state of then says so by itself, but the
		   row spares reading the histories of the items made later). */
		char *made = NULL;
		if (m->flow->made)
			made = xasprintf("%.*s%s <= ?", alias, id, m->flow->made);
		else if (cond != AC_OPEN && cond != AC_STATE)
			made = xasprintf("EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = '%s' "
			                 "AND e.item_id = %s AND e.at <= ?)",
			                 w, id);
		if (made)
			pager_where(p, made, "t", x->c->asof);
		free(made);
		if (cond == AC_OPEN)
			where_then(p, m->flow, id, alias, NULL, x->c->asof);
		else if (cond == AC_STATE)
			where_then(p, m->flow, id, alias, state ? state : "", x->c->asof);
		/* The flag stays on the list's filter: the step sets it and nothing clears it,
		   so an item without it now had not taken the step then. */
		if (cond == AC_STEP) {
			char *step =
			    xasprintf("EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = "
			              "'%s' AND e.item_id = %s AND e.action = ? AND e.at <= ?)",
			              w, id);
			pager_where(p, step, "tt", x->step, x->c->asof);
			free(step);
		}
		if (cond == AC_OVERDUE) {
			char *late = xasprintf("%s IN %s", id, flow_ids_asof_sql(m->flow));
			pager_where(p, late, "ttt", x->c->asof, x->c->asof, x->day);
			free(late);
		}
	}
	int64_t n = 0;
	rc = pager_count(p, 0, &n);
	pager_free(p);
	f->value = n;
	f->asof_exact = cond != AC_NONE;
	return rc;
}

/* A counted figure; on RD_DENIED (a list the scope may not open) it is left out. */
static int count_fig(struct ctx *x, struct cockpit_panel *p, enum asof_cond cond)
{
	int rc = fig_count(x, &p->f[p->n - 1], cond);
	if (rc == RD_DENIED) {
		fig_free(&p->f[--p->n]);
		err_clear();
	}
	return rc == RD_DENIED ? RD_OK : rc;
}

/* The statistics table of module's first provider for the year up to the as-of day (a
   provider without a year counts them all), as of that time where it reads the
   histories. */
static int provider_total(struct ctx *x, const char *module, int by, struct stat_table *t)
{
	const struct module *m = module_find(module);
	memset(t, 0, sizeof *t);
	if (!m || !m->stats)
		return RD_FAIL;
	struct stat_query q = {0};
	q.year = x->c->year;
	if (x->c->past) {
		q.until_md = x->c->month * 100 + atoi(x->day + 8);
		if (m->stats[0].opts & STAT_OPT_ASOF)
			q.asof = x->c->asof;
	}
	return m->stats[0].fn(x->db, x->sc, &q, by, t);
}

/* Copies the total's column key of t, module's first provider's, into a figure (a
   rate, or a figure of the provider): exact as of a past time when the provider reads
   the histories. */
static void take(struct cockpit_fig *f, const struct stat_table *t, const char *key)
{
	int c = stat_table_col(t, key);
	f->value = c < 0 ? STAT_NONE : stat_value(t, &t->total, c);
	const struct module *m = f->module ? module_find(f->module) : NULL;
	f->asof_exact = m && m->stats && (m->stats[0].opts & STAT_OPT_ASOF);
}

static const char *yes = "yes";

static int panel_cases(struct ctx *x)
{
	struct cockpit *c = x->c;
	char year[8], month[16];
	snprintf(year, sizeof year, "%04d", c->year % 10000);
	snprintf(month, sizeof month, "%04d-%02d", c->year % 10000, c->month % 100);
	struct cockpit_panel *p = panel_add(c, "cases");
	int rc;
	fig_add(p, "case.month", N_("Submitted this month"), CK_COUNT, "case", "month", month,
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_MADE)))
		return rc;
	fig_add(p, "case.open", N_("Still open"), CK_COUNT, "case", "state", "open",
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	fig_add(p, "case.overdue", N_("Overdue"), CK_COUNT, "case", "overdue", yes,
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OVERDUE)))
		return rc;
	struct stat_table t;
	if (provider_total(x, "case", 0, &t)) {
		stat_table_free(&t);
		return RD_FAIL;
	}
	take(fig_add(p, "case.reply_rate", N_("On-time reply rate"), CK_RATE, "case", "year", year,
	             (const char *)NULL),
	     &t, "reply_rate");
	take(fig_add(p, "case.satisfaction", N_("Satisfaction rate"), CK_RATE, "case", "year", year,
	             (const char *)NULL),
	     &t, "satisfaction");
	stat_table_free(&t);
	/* By category, as bars: every category of the reference data. */
	sqlite3_stmt *st =
	    db_prepare(x->db, "SELECT code, name FROM category ORDER BY sort, code", "");
	if (!st)
		return RD_FAIL;
	bool by_month = c->period == COCKPIT_MONTH;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0),
		           *name = (const char *)sqlite3_column_text(st, 1);
		char *key = xasprintf("case.category.%s", code);
		struct cockpit_fig *f =
		    fig_add(p, key, NULL, CK_COUNT, "case", by_month ? "month" : "year",
		            by_month ? month : year, "category", code, (const char *)NULL);
		fig_name(f, name);
		f->bar = true;
		free(key);
		rc = count_fig(x, p, AC_MADE);
	}
	sqlite3_finalize(st);
	return rc;
}

static int panel_suggestions(struct ctx *x)
{
	struct cockpit_panel *p = panel_add(x->c, "suggestions");
	int rc;
	fig_add(p, "suggestion.count", N_("Motions and suggestions"), CK_COUNT, "suggestion",
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_MADE)))
		return rc;
	fig_add(p, "suggestion.open", N_("In progress"), CK_COUNT, "suggestion", "state", "open",
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	fig_add(p, "suggestion.closed", N_("Handled (closed)"), CK_COUNT, "suggestion", "state",
	        "closed", (const char *)NULL);
	if ((rc = count_fig(x, p, AC_STATE)))
		return rc;
	fig_add(p, "suggestion.overdue", N_("Overdue"), CK_COUNT, "suggestion", "overdue", yes,
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OVERDUE)))
		return rc;
	/* Key supervision (重点督办) is marked by its step. */
	fig_add(p, "suggestion.key", N_("Key supervised"), CK_COUNT, "suggestion", "key", yes,
	        (const char *)NULL);
	x->step = "supervise";
	if ((rc = count_fig(x, p, AC_STEP)))
		return rc;
	/* Of every session (the provider takes no year). */
	struct stat_table t;
	if (provider_total(x, "suggestion", 0, &t)) {
		stat_table_free(&t);
		return RD_FAIL;
	}
	take(fig_add(p, "suggestion.reply_rate", N_("On-time reply rate"), CK_RATE, "suggestion",
	             (const char *)NULL),
	     &t, "reply_rate");
	take(fig_add(p, "suggestion.satisfaction", N_("Satisfaction rate"), CK_RATE, "suggestion",
	             (const char *)NULL),
	     &t, "satisfaction");
	stat_table_free(&t);
	return RD_OK;
}

/* A project's progress (hundredths of a per cent; STAT_NONE: none) and its row. */
struct prow {
	int64_t v;
	const struct stat_row *r;
};

static int cmp_progress(const void *a, const void *b)
{
	const struct prow *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return strcmp(x->r->key, y->r->key);
}

/* The projects a panel draws as bars. */
#define COCKPIT_BARS 20

/* The row index of the projects' statistics broken down by project. */
static int project_by(void)
{
	const struct module *m = module_find("project");
	return m && m->stats ? stat_breakdown_find(&m->stats[0], "project") : -1;
}

static int panel_projects(struct ctx *x)
{
	char year[8];
	snprintf(year, sizeof year, "%04d", x->c->year % 10000);
	struct cockpit_panel *p = panel_add(x->c, "projects");
	int rc;
	fig_add(p, "project.count", N_("Projects of the year"), CK_COUNT, "project", "year", year,
	        (const char *)NULL);
	if ((rc = count_fig(x, p, AC_MADE)))
		return rc;
	fig_add(p, "project.open", N_("Under way"), CK_COUNT, "project", "year", year, "state",
	        "open", (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	fig_add(p, "project.overdue", N_("Overdue"), CK_COUNT, "project", "year", year, "overdue",
	        yes, (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OVERDUE)))
		return rc;
	fig_add(p, "project-opinion.open", N_("Opinions unanswered"), CK_COUNT, "project-opinion",
	        "year", year, "state", "open", (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	int by = project_by();
	if (by < 0)
		return RD_OK;
	struct stat_table t;
	if ((rc = provider_total(x, "project", by, &t))) {
		stat_table_free(&t);
		if (rc == RD_DENIED) {
			err_clear();
			return RD_OK;
		}
		return rc;
	}
	struct cockpit_fig *f = fig_add(p, "project.months_missed", N_("Months without an update"),
	                                CK_COUNT, "project", "year", year, (const char *)NULL);
	take(f, &t, "months_missed");
	f->module = NULL;           /* months, not records */
	bool exact = f->asof_exact; /* the bars come from the same provider */
	/* The bars: the projects furthest behind, the least progress first. */
	int prog = stat_table_col(&t, "progress");
	struct prow *rows = xcalloc((size_t)t.n + 1, sizeof *rows);
	for (int i = 0; i < t.n && prog >= 0; i++)
		rows[i] = (struct prow){stat_value(&t, &t.rows[i], prog), &t.rows[i]};
	if (prog >= 0)
		qsort(rows, (size_t)t.n, sizeof *rows, cmp_progress);
	for (int i = 0; i < t.n && i < COCKPIT_BARS && prog >= 0; i++) {
		char *key = xasprintf("project.progress.%s", rows[i].r->key);
		f = fig_add(p, key, NULL, CK_PROGRESS, "project", "number", rows[i].r->key,
		            (const char *)NULL);
		fig_name(f, rows[i].r->name);
		f->value = rows[i].v;
		f->asof_exact = exact;
		f->bar = true;
		free(key);
	}
	free(rows);
	stat_table_free(&t);
	return RD_OK;
}

static int cmp_total(const void *a, const void *b)
{
	const struct points_deputy *x = a, *y = b;
	return x->total < y->total ? 1 : x->total > y->total ? -1 : strcmp(x->code, y->code);
}

#define COCKPIT_TOP 5

static int panel_deputies(struct ctx *x)
{
	char year[8];
	snprintf(year, sizeof year, "%04d", x->c->year % 10000);
	struct cockpit_panel *p = panel_add(x->c, "deputies");
	const struct module *act = module_find("activity");
	if (act && (!act->may_open || act->may_open(x->sc) == RD_OK)) {
		fig_add(p, "activity.count", N_("Activities of the year"), CK_COUNT, "activity",
		        "year", year, (const char *)NULL);
		int rc = count_fig(x, p, AC_MADE);
		if (rc)
			return rc;
	}
	err_clear();
	struct points_query q = {0};
	q.year = x->c->year;
	q.asof = x->c->asof;
	struct points_set s;
	memset(&s, 0, sizeof s);
	if (points_compute(x->db, x->sc, &q, &s)) {
		/* A unit operator sees no ranking: the panel keeps the activities. */
		points_set_free(&s);
		err_clear();
		return RD_OK;
	}
	qsort(s.d, (size_t)s.n, sizeof *s.d, cmp_total);
	for (int i = 0; i < s.n && i < COCKPIT_TOP; i++) {
		char *key = xasprintf("points.%s", s.d[i].code);
		char *label = xasprintf("%s %s", s.d[i].code, s.d[i].name);
		struct cockpit_fig *f = fig_add(p, key, NULL, CK_POINTS, NULL, (const char *)NULL);
		fig_name(f, label);
		f->value = s.d[i].total;
		f->asof_exact = true;
		f->bar = true;
		free(key);
		free(label);
	}
	points_set_free(&s);
	return RD_OK;
}

static int panel_warnings(struct ctx *x)
{
	struct cockpit_panel *p = panel_add(x->c, "warnings");
	int rc;
	fig_add(p, "warning.red", N_("Red warnings open"), CK_COUNT, "warning", "severity", "red",
	        "state", "open", (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	fig_add(p, "warning.yellow", N_("Yellow warnings open"), CK_COUNT, "warning", "severity",
	        "yellow", "state", "open", (const char *)NULL);
	if ((rc = count_fig(x, p, AC_OPEN)))
		return rc;
	fig_add(p, "warning.overdue", N_("Overdue"), CK_COUNT, "warning", "overdue", yes,
	        (const char *)NULL);
	return count_fig(x, p, AC_OVERDUE);
}

/* True when the scope may open the module's records (its registry row says). */
static bool may_open(struct ctx *x, const char *module)
{
	const struct module *m = module_find(module);
	if (!m)
		return false;
	bool ok = !m->may_open || m->may_open(x->sc) == RD_OK;
	err_clear();
	return ok;
}

bool cockpit_period_parse(const char *s, enum cockpit_period *p)
{
	if (!strcmp(s, "year"))
		*p = COCKPIT_YEAR;
	else if (!strcmp(s, "month"))
		*p = COCKPIT_MONTH;
	else
		return false;
	return true;
}

/* ---- the figures of a past day, kept (schema 24) ------------------------------------ */

/* What the kept figures were computed for: the reader's scope. */
static void kept_scope(const struct scope *sc, char out[96])
{
	snprintf(out, 96, "%d:%lld:%lld:%d", (int)sc->role, (long long)sc->town_id,
	         (long long)sc->unit_id, sc->site);
}

/* How many readings (scope, as-of time, period) are kept at most: some 55 rows each.
   Each role, town and unit reading the month ends of a few years stays within it. */
#define KEPT_SETS 2000

/* ... and how: this renda, and the settings a figure depends on (renda.conf's points
   pro-rating and who sees the ranking). */
static void kept_recipe(char out[64])
{
	snprintf(out, 64, "%s/%d/%d", PACKAGE_VERSION, (int)points_prorate(),
	         (int)points_audience());
}

/* The figures kept for x's scope, as-of time and period into x->c; RD_NOTFOUND when
   none are kept (or the table is not there, or they name a panel or module this renda
   does not have: they are computed again). */
static int kept_read(struct ctx *x)
{
	char scope[96], recipe[64];
	kept_scope(x->sc, scope);
	kept_recipe(recipe);
	sqlite3_stmt *st = db_prepare(
	    x->db,
	    "SELECT panel, key, label, msgid, kind, value, bar, exact, module, "
	    "json_extract(filter, '$[0]'), json_extract(filter, '$[1]'), "
	    "json_extract(filter, '$[2]'), json_extract(filter, '$[3]'), "
	    "json_extract(filter, '$[4]'), json_extract(filter, '$[5]'), "
	    "json_extract(filter, '$[6]'), json_extract(filter, '$[7]') "
	    "FROM cockpit_kept WHERE scope = ? AND asof = ? AND period = ? AND recipe = ? "
	    "ORDER BY ord",
	    "ttdt", scope, x->c->asof, (int)x->c->period, recipe);
	if (!st) {
		err_clear();
		return RD_NOTFOUND;
	}
	struct cockpit *c = x->c;
	int rc = RD_OK, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *panel = db_col(st, 0), *module = db_col(st, 8);
		struct cockpit_panel *p = c->np ? &c->p[c->np - 1] : NULL;
		if (!p || strcmp(p->key, panel))
			p = panel_add(c, panel);
		const struct module *m = *module ? module_find(module) : NULL;
		if (!p || (*module && !m)) {
			rc = RD_NOTFOUND;
			break;
		}
		bool msgid = sqlite3_column_int(st, 3);
		struct cockpit_fig *f = fig_add(p, db_col(st, 1), msgid ? db_col(st, 2) : NULL,
		                                (enum cockpit_kind)sqlite3_column_int(st, 4),
		                                m ? m->name : NULL, (const char *)NULL);
		if (!msgid)
			fig_name(f, db_col(st, 2));
		f->value = sqlite3_column_int64(st, 5);
		f->bar = sqlite3_column_int(st, 6);
		f->asof_exact = sqlite3_column_int(st, 7);
		for (int i = 9; i < 17 && sqlite3_column_type(st, i) == SQLITE_TEXT; i += 2) {
			f->fkey[f->nf] = xstrdup(db_col(st, i));
			f->fval[f->nf++] = xstrdup(db_col(st, i + 1));
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = RD_NOTFOUND;
	sqlite3_finalize(st);
	err_clear();
	if (!rc && !c->np)
		rc = RD_NOTFOUND;
	if (rc)
		panels_free(c);
	return rc;
}

/*
 * Keeps the figures of x->c, computed in a reading that saw the write transaction
 * numbered tx: in a transaction of its own, taken only when no change holds the
 * database (a reading never waits for one), and only when no change came after that
 * reading (the number has not moved): what a change since would have deleted is not
 * kept. Nothing is said when they cannot be kept; the next reading computes them.
 */
static void kept_write(struct ctx *x, int64_t tx)
{
	const struct cockpit *c = x->c;
	int64_t now = -1;
	if (sqlite3_db_readonly(x->db, "main") || db_try_begin(x->db))
		return;
	char scope[96], recipe[64];
	kept_scope(x->sc, scope);
	kept_recipe(recipe);
	int rc = db_int(x->db, &now, "SELECT n FROM tx_number", "");
	if (!rc && now != tx)
		rc = RD_NOTFOUND;
	if (!rc)
		rc = db_run(x->db,
		            "DELETE FROM cockpit_kept WHERE scope = ? AND asof = ? AND period = ?",
		            "ttd", scope, c->asof, (int)c->period);
	for (int i = 0, ord = 0; !rc && i < c->np; i++)
		for (int j = 0; !rc && j < c->p[i].n; j++) {
			const struct cockpit_fig *f = &c->p[i].f[j];
			const char *fk[COCKPIT_NFILTER] = {0}, *fv[COCKPIT_NFILTER] = {0};
			for (int k = 0; k < f->nf; k++) {
				fk[k] = f->fkey[k];
				fv[k] = f->fval[k];
			}
			rc = db_run(
			    x->db,
			    "INSERT INTO cockpit_kept (scope, asof, period, ord, day, recipe, "
			    "panel, key, label, msgid, kind, value, bar, exact, module, filter) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			    "json_array(?, ?, ?, ?, ?, ?, ?, ?))",
			    "ttddtttttddiddttttttttt", scope, c->asof, (int)c->period, ord++,
			    x->day, recipe, c->p[i].key, f->key, f->msgid ? f->msgid : f->label,
			    f->msgid != NULL, (int)f->kind, f->value, (int)f->bar,
			    (int)f->asof_exact, f->module, fk[0], fv[0], fk[1], fv[1], fk[2], fv[2],
			    fk[3], fv[3]);
		}
	/* At most KEPT_SETS readings are kept: one more deletes those of the earliest as-of
	   times (a reading of another time, scope or period is a set of its own). */
	if (!rc)
		rc = db_run(x->db,
		            "DELETE FROM cockpit_kept WHERE (asof, scope, period) IN (SELECT asof, "
		            "scope, period FROM cockpit_kept GROUP BY asof, scope, period ORDER BY "
		            "asof, scope, period LIMIT max(0, (SELECT count(*) FROM (SELECT 1 FROM "
		            "cockpit_kept GROUP BY asof, scope, period)) - ?))",
		            "d", KEPT_SETS);
	if (rc || sqlite3_exec(x->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
	err_clear();
}

int cockpit_compute(sqlite3 *db, const struct scope *sc, const struct cockpit_query *q,
                    struct cockpit *out)
{
	memset(out, 0, sizeof *out);
	int rc = points_asof(q ? q->asof : NULL, out->asof);
	if (rc)
		return rc;
	out->past = q && q->asof && *q->asof;
	out->period = q ? q->period : COCKPIT_YEAR;
	struct ctx x = {db, sc, out, "", NULL};
	snprintf(x.day, sizeof x.day, "%.10s", out->asof);
	out->year = atoi(x.day);
	out->month = atoi(x.day + 5);
	bool own = sqlite3_get_autocommit(db); /* a report's read transaction may hold it */
	/* A past day's figures are kept (before today: today's can still move), and read
	   again while no change has deleted them. */
	char today[11];
	date_format(clock_today(), today);
	bool keep = out->past && own && strcmp(x.day, today) < 0;
	if (keep && kept_read(&x) == RD_OK)
		return RD_OK;
	/* The clock stands at the as-of time while the figures are read (renda_today() of
	   the lists' deadlines, the providers' "as of the report time"), then comes back. */
	char *saved = getenv("RENDA_NOW") ? xstrdup(getenv("RENDA_NOW")) : NULL;
	if (out->past)
		setenv("RENDA_NOW", out->asof, 1);
	/* The duty points kept brought up to date first: the reading below holds a
	   transaction, in which nothing is kept. */
	if (own && !out->past && points_keep(db, sc, out->year))
		err_clear();
	rc = own ? stat_begin(db) : RD_OK;
	/* The number of the last change this reading sees (its first read). */
	int64_t tx = -1;
	if (!rc && keep && db_int(db, &tx, "SELECT n FROM tx_number", "")) {
		err_clear();
		keep = false;
	}
	if (!rc && may_open(&x, "case"))
		rc = panel_cases(&x);
	if (!rc && may_open(&x, "suggestion"))
		rc = panel_suggestions(&x);
	if (!rc && may_open(&x, "project"))
		rc = panel_projects(&x);
	if (!rc)
		rc = panel_deputies(&x);
	if (!rc && may_open(&x, "warning"))
		rc = panel_warnings(&x);
	if (own)
		stat_end(db);
	if (out->past) {
		if (saved)
			setenv("RENDA_NOW", saved, 1);
		else
			unsetenv("RENDA_NOW");
	}
	free(saved);
	/* A panel that the scope left empty is not shown. */
	int k = 0;
	for (int i = 0; i < out->np; i++) {
		if (out->p[i].n)
			out->p[k++] = out->p[i];
		else {
			free(out->p[i].title);
			free(out->p[i].f);
		}
	}
	out->np = k;
	if (!rc && keep)
		kept_write(&x, tx);
	if (rc)
		cockpit_free(out);
	return rc;
}

void cockpit_free(struct cockpit *c)
{
	panels_free(c);
	memset(c, 0, sizeof *c);
}

const char *cockpit_text(const struct cockpit_fig *f, char buf[32])
{
	if (f->kind == CK_COUNT && f->value != STAT_NONE) {
		snprintf(buf, 32, "%lld", (long long)f->value);
		return buf;
	}
	if (f->value == STAT_NONE) {
		buf[0] = 0;
		return buf;
	}
	char h[24];
	stat_hundredths(f->value, h);
	snprintf(buf, 32, "%s", h);
	return buf;
}
