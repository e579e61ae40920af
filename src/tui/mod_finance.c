/*
 * Finance supervision in the console (财经联网监督): a menu of its parts, and
 * one screen that shows any of the module's tables of figures
 * (model/finance/finance.h) as the CLI prints them: a line of what the figures
 * are, the columns that fit (amounts in 10,000 yuan), rows past a rule's
 * thresholds in bold (and yellow or red), and for execution a bar of each
 * row's rate beside the time-elapsed schedule (序时进度, the mark '|'). Enter
 * drills down (the total, a department, a project; a kind of assets, a
 * holder; an import's differences); v chooses the period; the rules, the
 * opinions and the imports take their own keys.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/report_finance.h"
#include "model/core/form.h"
#include "model/finance/finance.h"
#include "model/stat/stat.h"
#include "modules.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/modscr.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* The tables the screen shows. */
enum fv_kind {
	FV_EXEC,
	FV_REVENUE,
	FV_SANGONG,
	FV_PROJECTS,
	FV_AUDIT,
	FV_PERF,
	FV_ASSETS,
	FV_REVIEWS,
	FV_RULES,
	FV_IMPORTS,
	FV_CHANGES,
};

/* What a screen is pushed with (copied). */
struct fv_arg {
	enum fv_kind kind;
	const char *dataset, *department, *project, *fkind, *holder;
	int year, month;
	int64_t id; /* FV_CHANGES: the import */
};

struct fv {
	enum fv_kind kind;
	struct fin_query q; /* its strings owned */
	int64_t id;
	struct ftab t;
	bool have;
	unsigned gen;
	int cur, top, page;
	char *note;
};

static void set(const char **dst, const char *v)
{
	free((char *)*dst);
	*dst = v ? xstrdup(v) : NULL;
}

/* Reads the table again; RD_OK or the model's error (the screen then shows nothing). */
static int fv_load(struct fv *v)
{
	if (v->have)
		ftab_free(&v->t);
	v->have = false;
	v->gen = tui.gen;
	int rc;
	switch (v->kind) {
	case FV_EXEC: rc = fin_execution(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_REVENUE: rc = fin_revenue(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_SANGONG: rc = fin_sangong(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_PROJECTS: rc = fin_projects(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_AUDIT: rc = fin_audits(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_PERF: rc = fin_perf(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_ASSETS: rc = fin_assets(tui.db, &tui.sc, &v->q, &v->t); break;
	case FV_REVIEWS: rc = fin_reviews(tui.db, &tui.sc, v->q.year, &v->t); break;
	case FV_RULES: rc = fin_rules(tui.db, &tui.sc, &v->t); break;
	case FV_IMPORTS: rc = fin_imports(tui.db, &tui.sc, &v->q, &v->t); break;
	default: rc = fin_changes(tui.db, &tui.sc, v->id, &v->t); break;
	}
	if (rc) {
		ftab_free(&v->t);
		return rc;
	}
	v->have = true;
	if (v->cur >= v->t.nrows)
		v->cur = v->t.nrows ? v->t.nrows - 1 : 0;
	/* The line under the title: what the amounts are in, and the schedule. */
	free(v->note);
	struct sbuf b = SBUF_INIT;
	bool money = false;
	for (int c = 0; c < v->t.ncols; c++)
		money |= v->t.cols[c].kind == FTK_MONEY && (v->t.cols[c].flags & FTC_BRIEF);
	if (money)
		sbuf_puts(&b, _("Amounts in 10,000 yuan (万元)."));
	int sc = ftab_col(&v->t, "schedule");
	if (sc >= 0 && v->t.nrows) {
		char buf[32];
		sbuf_printf(&b,
		            _(" Time-elapsed schedule (序时进度) %s%%, the mark | on each bar."),
		            ftab_out(&v->t, 0, sc, buf));
	}
	if (!b.len && v->t.note)
		sbuf_puts(&b, v->t.note);
	v->note = sbuf_take(&b);
	return RD_OK;
}

static int fv_init(struct scr *s, void *arg)
{
	const struct fv_arg *a = arg;
	struct fv *v = xcalloc(1, sizeof *v);
	v->kind = a->kind;
	v->id = a->id;
	set(&v->q.dataset, a->dataset);
	set(&v->q.department, a->department);
	set(&v->q.project, a->project);
	set(&v->q.kind, a->fkind);
	set(&v->q.holder, a->holder);
	v->q.year = a->year;
	v->q.month = a->month;
	s->st = v;
	int rc = fv_load(v);
	if (rc) {
		free((char *)v->q.dataset);
		free((char *)v->q.department);
		free((char *)v->q.project);
		free((char *)v->q.kind);
		free((char *)v->q.holder);
		free(v->note);
		free(v);
		s->st = NULL;
	}
	return rc;
}

static void fv_free(struct scr *s)
{
	struct fv *v = s->st;
	if (v->have)
		ftab_free(&v->t);
	free((char *)v->q.dataset);
	free((char *)v->q.department);
	free((char *)v->q.project);
	free((char *)v->q.kind);
	free((char *)v->q.holder);
	free(v->note);
	free(v);
}

/* An amount in fen as 10,000 yuan with two decimals and thousands separators: a new string. */
static char *wan(int64_t fen)
{
	bool neg = fen < 0;
	unsigned long long a = neg ? (unsigned long long)-(fen + 1) + 1 : (unsigned long long)fen;
	/* fen / 10000 is yuan / 100: hundredths of 10,000 yuan, rounded half-up. */
	unsigned long long h = (a + 5000) / 10000;
	char *whole = dr_number((long long)(h / 100));
	char *s = xasprintf("%s%s.%02llu", neg && h ? "-" : "", whole, h % 100);
	free(whole);
	return s;
}

/* In the table of warning rules, a rule's measure, scope, period and whether it is enabled
   in the words of the rule's form (the commands print the codes). */
static const char *rule_word(const struct ftab *t, int c, const char *v)
{
	if (ftab_col(t, "measure") < 0)
		return v;
	const struct form_def *d = form_find("finance-rule");
	for (int i = 0; d && i < d->nfields; i++) {
		const struct form_field *f = &d->fields[i];
		if (strcmp(f->key, t->cols[c].key))
			continue;
		if (f->type == FT_YESNO)
			return !strcmp(v, "yes") ? _("yes") : !strcmp(v, "no") ? _("no") : v;
		if (f->type == FT_CHOICE && f->nchoices)
			return form_choice_label(f, v);
	}
	return v;
}

/* The text of a cell as the console shows it: amounts in 10,000 yuan. A new string. */
static char *cell_text(const struct ftab *t, int r, int c)
{
	const struct ftab_cell *cell = &t->cells[r * t->ncols + c];
	if (t->cols[c].kind == FTK_MONEY)
		return cell->none ? xstrdup("") : wan(cell->v);
	char buf[32];
	return xstrdup(rule_word(t, c, ftab_out(t, r, c, buf)));
}

/* The columns shown: the name, then the brief ones while they fit; the bar takes the rest. */
struct layout {
	int name, nw;        /* the name column and its width */
	int cols[16], w[16]; /* the others shown, their widths */
	int n;
	int bar, mark, bx, bw; /* the bar's column, the mark's, where the bar is drawn */
};

static void lay_out(const struct fv *v, int width, struct layout *L)
{
	const struct ftab *t = &v->t;
	memset(L, 0, sizeof *L);
	L->name = L->bar = L->mark = -1;
	for (int c = 0; c < t->ncols; c++) {
		if (t->cols[c].flags & FTC_NAME)
			L->name = c;
		if (t->cols[c].flags & FTC_BAR)
			L->bar = c;
		if (t->cols[c].flags & FTC_MARK)
			L->mark = c;
	}
	if (L->name < 0)
		L->name = 0;
	/* The name: as wide as its widest cell, at most a third of the width. */
	L->nw = u8_width(_(t->cols[L->name].label));
	for (int r = 0; r < t->nrows; r++) {
		char *s = cell_text(t, r, L->name);
		int k = u8_width(s);
		free(s);
		if (k > L->nw)
			L->nw = k;
	}
	int most = width / 3 > 12 ? width / 3 : 12;
	if (L->nw > most)
		L->nw = most;
	int x = 1 + L->nw + 1, room = width - 1;
	int barw = L->bar >= 0 ? 16 : 0;
	for (int c = 0; c < t->ncols && L->n < 16; c++) {
		if (c == L->name || !(t->cols[c].flags & FTC_BRIEF) ||
		    (t->cols[c].flags & FTC_LONG))
			continue;
		int w = u8_width(_(t->cols[c].label));
		for (int r = 0; r < t->nrows; r++) {
			char *s = cell_text(t, r, c);
			int k = u8_width(s);
			free(s);
			if (k > w)
				w = k;
		}
		if (w > 16)
			w = 16;
		if (x + w + 1 > room - barw)
			continue;
		L->cols[L->n] = c;
		L->w[L->n++] = w;
		x += w + 1;
	}
	L->bx = x + 1;
	L->bw = L->bar >= 0 ? room - L->bx : 0;
	if (L->bw < 8)
		L->bw = 0;
}

static void fv_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct fv *v = s->st;
	if (v->gen != tui.gen && fv_load(v))
		err_report();
	if (!v->have)
		return;
	const struct ftab *t = &v->t;
	struct layout L;
	lay_out(v, cols, &L);
	dr_put(w, 0, 1, cols - 2, v->note ? v->note : "", dr_attr(DR_DIM));
	/* The heading. */
	attr_t ha = dr_attr(DR_HEADER);
	dr_blank(w, 1, 0, cols, ha);
	dr_text(w, 1, 1, L.nw, _(t->cols[L.name].label), ha, false);
	int x = 1 + L.nw + 1;
	for (int i = 0; i < L.n; i++) {
		dr_text(w, 1, x, L.w[i], _(t->cols[L.cols[i]].label), ha,
		        t->cols[L.cols[i]].kind != FTK_TEXT);
		x += L.w[i] + 1;
	}
	if (L.bw) {
		/* The bar's heading: its column's, unless that figure is shown beside it. */
		bool shown = false;
		for (int i = 0; i < L.n; i++)
			shown = shown || L.cols[i] == L.bar;
		dr_put(w, 1, L.bx, L.bw,
		       shown && L.mark >= 0 ? _("bar; | the schedule") : _(t->cols[L.bar].label),
		       ha);
	}
	v->page = rows - 2 > 1 ? rows - 2 : 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + v->page)
		v->top = v->cur - v->page + 1;
	if (!t->nrows)
		dr_put(w, 2, 1, cols - 2, _("(nothing to show)"), dr_attr(DR_DIM));
	for (int r = v->top; r < t->nrows && r - v->top < v->page; r++) {
		int y = 2 + r - v->top;
		attr_t a = (t->flags[r] & FTR_TOTAL) ? A_BOLD : A_NORMAL;
		if (t->flags[r] & FTR_RED)
			a |= dr_attr(DR_OVERDUE);
		else if (t->flags[r] & FTR_YELLOW)
			a |= dr_attr(DR_SOON);
		if (r == v->cur)
			a = dr_attr(DR_CURSOR) | (a & A_BOLD);
		dr_blank(w, y, 0, cols, a);
		char *name = cell_text(t, r, L.name);
		dr_text(w, y, 1, L.nw, name, a, false);
		free(name);
		x = 1 + L.nw + 1;
		for (int i = 0; i < L.n; i++) {
			char *c = cell_text(t, r, L.cols[i]);
			dr_text(w, y, x, L.w[i], c, a, t->cols[L.cols[i]].kind != FTK_TEXT);
			free(c);
			x += L.w[i] + 1;
		}
		if (!L.bw || t->cells[r * t->ncols + L.bar].none)
			continue;
		/* The bar of the rate (100 per cent fills it), the schedule marked on it. */
		int64_t val = t->cells[r * t->ncols + L.bar].v;
		dr_bar(w, y, L.bx, L.bw - 1, val > 10000 ? 10000 : val, 10000, a);
		if (L.mark >= 0 && !t->cells[r * t->ncols + L.mark].none) {
			int64_t m = t->cells[r * t->ncols + L.mark].v;
			int mx = (int)((m * (L.bw - 1) + 5000) / 10000);
			if (mx > L.bw - 1)
				mx = L.bw - 1;
			dr_put(w, y, L.bx + mx, 1, "|", a | A_BOLD);
		}
	}
}

/* ---- choosing the period ------------------------------------------------------------- */

static int period_save(void *ctx, char *const *vals, int64_t version)
{
	(void)version;
	struct fv *v = ctx;
	const struct form_def *d = form_find("finance-period");
	const char *y = fs_value(d, vals, "year"), *m = fs_value(d, vals, "month"),
	           *book = fs_value(d, vals, "book");
	struct fin_query keep = v->q;
	v->q.year = y && *y ? atoi(y) : 0;
	v->q.month = m && *m ? atoi(m) : 0;
	if (v->q.month && !v->q.year)
		return err_set(RD_INVALID, _("month: give the year too"));
	char *old_book = v->q.dataset ? xstrdup(v->q.dataset) : NULL;
	if (v->kind == FV_EXEC && book && *book)
		set(&v->q.dataset, book);
	int rc = fv_load(v);
	if (rc) {
		/* Back to what was shown: the form keeps what was typed and says why. */
		char saved[512];
		snprintf(saved, sizeof saved, "%s", err_msg());
		v->q.year = keep.year;
		v->q.month = keep.month;
		set(&v->q.dataset, old_book);
		fv_load(v);
		err_set(rc, "%s", saved);
	}
	free(old_book);
	return rc;
}

static int open_period(struct fv *v)
{
	const struct form_def *d = form_find("finance-period");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "finance-period");
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		if (!strcmp(k, "year") && v->q.year)
			values[i] = xasprintf("%d", v->q.year);
		else if (!strcmp(k, "month") && v->q.month)
			values[i] = xasprintf("%d", v->q.month);
		else if (!strcmp(k, "book") && v->q.dataset)
			values[i] = xstrdup(v->q.dataset);
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = period_save,
	    .done = N_("Shown as chosen."),
	    .ctx = v,
	};
	return tui_push(&scr_form, &spec);
}

/* ---- drilling down --------------------------------------------------------------------- */

static const struct screen scr_fin;

/* The code of row r (its FTC_CODE column) as printed. */
static const char *row_code(const struct fv *v, int r, char buf[32])
{
	for (int c = 0; c < v->t.ncols; c++)
		if (v->t.cols[c].flags & FTC_CODE)
			return ftab_out(&v->t, r, c, buf);
	return "";
}

static int drill(struct fv *v)
{
	const struct ftab *t = &v->t;
	if (!t->nrows || (t->flags[v->cur] & FTR_TOTAL))
		return RD_OK;
	char buf[32];
	const char *code = row_code(v, v->cur, buf);
	struct fv_arg a = {v->kind,      v->q.dataset, v->q.department,
	                   v->q.project, v->q.kind,    v->q.holder,
	                   v->q.year,    v->q.month,   0};
	switch (v->kind) {
	case FV_EXEC:
		if (v->q.project)
			return RD_OK;
		if (v->q.department)
			a.project = code;
		else
			a.department = code;
		break;
	case FV_SANGONG:
		if (v->q.department)
			return RD_OK;
		a.department = code;
		break;
	case FV_PERF:
		if (v->q.project)
			return RD_OK;
		a.project = code;
		break;
	case FV_ASSETS:
		if (v->q.holder)
			return RD_OK;
		if (v->q.kind)
			a.holder = code;
		else
			a.fkind = code;
		break;
	case FV_IMPORTS:
		a.kind = FV_CHANGES;
		a.id = strtoll(code, NULL, 10);
		break;
	default: return RD_OK;
	}
	return tui_push(&scr_fin, &a);
}

/* ---- the rules, the opinions, the imports --------------------------------------------------- */

static char *edit_code; /* the rule being edited; NULL: a rule being added */

struct run_again {
	int n;
	struct sbuf raised;
};

static int run_again(void *arg)
{
	struct run_again *r = arg;
	return fin_check(tui.db, &tui.sc, NULL, NULL, &r->n, &r->raised);
}

/* Runs the rules again on every period imported (new facts only) under a box that Esc
   cancels (all or nothing: a run cancelled raises none) and shows what they raised. */
static void check_again(void *ctx, bool yes)
{
	(void)ctx;
	if (!yes)
		return;
	struct run_again r = {0, SBUF_INIT};
	bool cancelled;
	if (pg_work(_("Running the warning rules"), run_again, &r, &cancelled)) {
		sbuf_free(&r.raised);
		if (cancelled)
			tui_info(_("Run cancelled: no warning was raised."));
		else
			err_report();
		return;
	}
	int n = r.n;
	struct sbuf raised = r.raised;
	tui_changed();
	struct vw_data *d = xcalloc(1, sizeof *d);
	d->ncells = 2;
	char *count = xasprintf(P_("%d warning raised", "%d warnings raised", (unsigned long)n), n);
	vw_add(d, n > 0, _("Result"), count, NULL);
	free(count);
	/* One line a warning, its fields apart by tabs (as the CLI prints them): apart by blanks.
	 */
	for (char *p = raised.s; p && *p; p++)
		if (*p == '\t')
			*p = ' ';
	if (raised.len)
		vw_add(d, true, "", sbuf_str(&raised), NULL);
	sbuf_free(&raised);
	vw_show_rows(_("The warning rules run again on the data imported"), d);
}

static int rule_save(void *ctx, char *const *vals, int64_t version)
{
	(void)ctx;
	const struct form_def *d = form_find("finance-rule");
	struct fin_rule_edit e = {
	    .measure = edit_code ? NULL : fs_value(d, vals, "measure"),
	    .name = fs_value(d, vals, "name"),
	    .datasets = fs_value(d, vals, "datasets"),
	    .scope = fs_value(d, vals, "scope"),
	    .per = fs_value(d, vals, "per"),
	    .yellow = fs_value(d, vals, "yellow"),
	    .red = fs_value(d, vals, "red"),
	    .min = fs_value(d, vals, "min"),
	    .basis = fs_value(d, vals, "basis"),
	    .policy = fs_value(d, vals, "policy"),
	    .enabled = fs_value(d, vals, "enabled"),
	};
	if (e.red && !*e.red)
		e.red = "none";
	const char *code = edit_code ? edit_code : fs_value(d, vals, "code");
	int rc = edit_code ? fin_rule_set(tui.db, &tui.sc, code, &e, version)
	                   : fin_rule_add(tui.db, &tui.sc, code, &e);
	if (!rc) {
		tui_changed();
		char *q =
		    edit_code
		        ? xasprintf(_("Rule %s changed. Run the rules on the data imported now?"),
		                    code)
		        : xasprintf(_("Rule %s added. Run the rules on the data imported now?"),
		                    code);
		tui_ask(q, check_again, NULL);
		free(q);
	}
	return rc;
}

/* The form of the rule under the cursor, filled with its values. */
static int edit_rule(struct fv *v)
{
	const struct form_def *d = form_find("finance-rule");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "finance-rule");
	if (!v->t.nrows)
		return RD_OK;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	char buf[32];
	for (int i = 0; i < d->nfields; i++) {
		int c = ftab_col(&v->t, d->fields[i].key);
		if (c >= 0)
			values[i] = xstrdup(ftab_out(&v->t, v->cur, c, buf));
	}
	free(edit_code);
	edit_code = xstrdup(row_code(v, v->cur, buf));
	/* A rule's code and measure are what it is: they do not change. */
	bool *locked = xcalloc((size_t)d->nfields, sizeof *locked);
	for (int i = 0; i < d->nfields; i++)
		locked[i] =
		    !strcmp(d->fields[i].key, "code") || !strcmp(d->fields[i].key, "measure");
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("Warning rule %s"), edit_code),
	    .values = values,
	    .locked = locked,
	    .version = ftab_v(&v->t, v->cur, ftab_col(&v->t, "version")),
	    .save = rule_save,
	    .entity = "fin_rule",
	};
	return tui_push(&scr_form, &spec);
}

/* The form of a new rule: its code and measure, then what an edit changes. */
static int add_rule(void)
{
	const struct form_def *d = form_find("finance-rule");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "finance-rule");
	free(edit_code);
	edit_code = NULL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("A new warning rule")),
	    .save = rule_save,
	};
	return tui_push(&scr_form, &spec);
}

static int opinion_save(void *ctx, char *const *vals, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("finance-opinion");
	const char *y = fs_value(d, vals, "year");
	int64_t id;
	int rc = fin_review_add(tui.db, &tui.sc, y ? atoi(y) : 0, fs_value(d, vals, "kind"),
	                        fs_value(d, vals, "text"), &id);
	if (!rc) {
		tui_changed();
		tui_info(_("Opinion %lld recorded."), (long long)id);
	}
	return rc;
}

static int64_t responding;

static int respond_save(void *ctx, char *const *vals, int64_t version)
{
	(void)ctx;
	const struct form_def *d = form_find("finance-respond");
	int rc = fin_review_respond(tui.db, &tui.sc, responding, fs_value(d, vals, "response"),
	                            fs_value(d, vals, "date"), version);
	if (!rc) {
		tui_changed();
		tui_info(_("Response recorded on opinion %lld."), (long long)responding);
	}
	return rc;
}

static int open_form(const char *name, char *title, char **values, int64_t version,
                     int (*save)(void *, char *const *, int64_t))
{
	const struct form_def *d = form_find(name);
	if (!d) {
		free(title);
		return err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	}
	struct fs_spec spec = {
	    .form = d, .title = title, .values = values, .version = version, .save = save};
	return tui_push(&scr_form, &spec);
}

/* The report of an import, as a view: counts, differences, warnings, rejected rows. */
static void show_import(const char *dataset, const char *path, int rc, struct fin_import_result *r)
{
	struct vw_data d = {0};
	d.ncells = 2;
	vw_add(&d, false, _("File"), path, NULL);
	vw_add(&d, false, _("Dataset"), dataset, NULL);
	if (rc) {
		vw_add(&d, true, _("Result"), err_msg(), NULL);
		struct sbuf b = SBUF_INIT;
		sbuf_puts(&b, sbuf_str(&r->errors));
		if (b.len)
			vw_add(&d, true, _("Rejected rows"), sbuf_str(&b), NULL);
		sbuf_free(&b);
	} else {
		char *counts = xasprintf(
		    _("%s from %s: %d rows; %d added, %d changed, %d removed, %d "
		      "unchanged"),
		    r->period, r->source, r->nrows, r->added, r->changed, r->removed, r->unchanged);
		vw_add(&d, false, _("Result"), counts, NULL);
		free(counts);
		vw_add(&d, false, _("Difference"),
		       r->first ? _("the first import of this period from this source")
		       : !r->added && !r->changed && !r->removed
		           ? _("no difference from the last import of this period and source")
		           : sbuf_str(&r->changes),
		       NULL);
		char *n = xasprintf("%d", r->warnings);
		vw_add(&d, r->warnings > 0, _("Warnings raised"), n, NULL);
		free(n);
		if (r->raised.len)
			vw_add(&d, true, "", sbuf_str(&r->raised), NULL);
	}
	/* The view reads its rows from a copy held as its context. */
	struct vw_data *copy = xmalloc(sizeof *copy);
	*copy = d;
	vw_show_rows(_("Import of finance data"), copy);
}

static int import_save(void *ctx, char *const *vals, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("finance-import");
	const char *dataset = fs_value(d, vals, "dataset"), *file = fs_value(d, vals, "file");
	struct fin_import_result r;
	int rc = fin_import(tui.db, &tui.sc, dataset, file, fs_value(d, vals, "source"), &r);
	if (rc == RD_INVALID && !r.errors.len) {
		/* A file that cannot be read, a header that does not fit: the form says why. */
		fin_import_result_free(&r);
		return rc;
	}
	char *msg = rc ? xstrdup(err_msg()) : NULL;
	if (!rc)
		tui_changed();
	show_import(dataset, file, rc, &r);
	fin_import_result_free(&r);
	if (msg) {
		tui_error("%s", msg);
		free(msg);
	}
	return RD_OK;
}

static int fv_add(struct fv *v)
{
	if (v->kind == FV_RULES)
		return add_rule();
	if (v->kind == FV_REVIEWS) {
		const struct form_def *d = form_find("finance-opinion");
		char **vals = d ? xcalloc((size_t)d->nfields, sizeof *vals) : NULL;
		for (int i = 0; d && i < d->nfields; i++)
			if (!strcmp(d->fields[i].key, "year") && v->q.year)
				vals[i] = xasprintf("%d", v->q.year);
		return open_form("finance-opinion", xstrdup(_("Opinion of the preliminary review")),
		                 vals, 0, opinion_save);
	}
	return RD_OK;
}

static int fv_edit(struct fv *v)
{
	if (v->kind == FV_RULES)
		return edit_rule(v);
	if (v->kind == FV_REVIEWS && v->t.nrows) {
		char buf[32];
		responding = strtoll(row_code(v, v->cur, buf), NULL, 10);
		const struct form_def *d = form_find("finance-respond");
		char **vals = d ? xcalloc((size_t)d->nfields, sizeof *vals) : NULL;
		int rc = ftab_col(&v->t, "response");
		for (int i = 0; d && i < d->nfields; i++)
			if (!strcmp(d->fields[i].key, "response"))
				vals[i] = xstrdup(ftab_out(&v->t, v->cur, rc, buf));
		return open_form("finance-respond",
		                 xasprintf(_("The government's response to opinion %lld"),
		                           (long long)responding),
		                 vals, ftab_v(&v->t, v->cur, ftab_col(&v->t, "version")),
		                 respond_save);
	}
	return RD_OK;
}

static bool writer(void)
{
	return fin_may_write(&tui.sc) == RD_OK && (err_clear(), true);
}

static bool fv_can(struct scr *s, enum action a)
{
	struct fv *v = s->st;
	switch (a) {
	case ACT_OPEN:
		return v->kind == FV_EXEC || v->kind == FV_SANGONG || v->kind == FV_PERF ||
		       v->kind == FV_ASSETS || v->kind == FV_IMPORTS;
	case ACT_SELECT:
		return v->kind != FV_RULES && v->kind != FV_IMPORTS && v->kind != FV_CHANGES &&
		       v->kind != FV_AUDIT;
	case ACT_ADD: return (v->kind == FV_REVIEWS || v->kind == FV_RULES) && writer();
	case ACT_EDIT: return (v->kind == FV_RULES || v->kind == FV_REVIEWS) && writer();
	case ACT_IMPORT: return v->kind == FV_IMPORTS && writer();
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END: return true;
	default: return false;
	}
}

static int fv_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct fv *v = s->st;
	(void)kind;
	(void)ch;
	int n = v->have ? v->t.nrows : 0, rc = RD_OK;
	switch (a) {
	case ACT_UP: v->cur = v->cur > 0 ? v->cur - 1 : 0; return SK_HANDLED;
	case ACT_DOWN: v->cur = v->cur + 1 < n ? v->cur + 1 : v->cur; return SK_HANDLED;
	case ACT_PGUP: v->cur = v->cur > v->page ? v->cur - v->page : 0; return SK_HANDLED;
	case ACT_PGDN:
		v->cur = v->cur + v->page < n ? v->cur + v->page : (n ? n - 1 : 0);
		return SK_HANDLED;
	case ACT_HOME: v->cur = 0; return SK_HANDLED;
	case ACT_END: v->cur = n ? n - 1 : 0; return SK_HANDLED;
	case ACT_OPEN: rc = drill(v); break;
	case ACT_SELECT:
		if (!fv_can(s, a))
			return SK_HANDLED;
		rc = open_period(v);
		break;
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_IMPORT:
		if (!fv_can(s, a)) {
			if (fin_may_write(&tui.sc))
				err_report();
			return SK_HANDLED;
		}
		if (a == ACT_ADD)
			rc = fv_add(v);
		else if (a == ACT_EDIT)
			rc = fv_edit(v);
		else
			rc =
			    open_form("finance-import", xstrdup(_("Import a file of finance data")),
			              NULL, 0, import_save);
		break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static const char *fv_title(struct scr *s)
{
	struct fv *v = s->st;
	return v->have && v->t.title ? v->t.title : _("Finance supervision");
}

static void fv_help(struct scr *s, struct vw_data *d)
{
	struct fv *v = s->st;
	vw_heading(d, _("Figure"), _("What it is"), NULL);
	if (v->kind == FV_EXEC)
		vw_add(d, false, _("Bars"),
		       /* xgettext:no-c-format */
		       _("each row's execution rate (100% fills the bar) beside the time-elapsed "
		         "schedule, the mark |; rows behind the schedule past the EXEC-LAG rule's "
		         "thresholds are bold (yellow, red)"),
		       NULL);
	vw_add(d, false, _("Amounts"),
	       _("in 10,000 yuan, rounded half-up; renda finance prints them in yuan"), NULL);
	vw_add(d, false, _("Drill down"),
	       _("Enter: from the total to a department to a project (or a kind of assets to a "
	         "holder, an import to what it changed); Esc goes back"),
	       NULL);
}

static const struct screen scr_fin = {
    .name = N_("Finance supervision"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_CHART,
    .init = fv_init,
    .draw = fv_draw,
    .key = fv_key,
    .free = fv_free,
    .title = fv_title,
    .can = fv_can,
    .help = fv_help,
};

/* ---- the menu of the module ------------------------------------------------------------------ */

static const char *const labels[] = {
    N_("Budget execution (query and analysis)"),
    N_("Government-fund budget"),
    N_("State-capital budget"),
    N_("Tax revenue"),
    N_("三公经费"),
    N_("Major investment projects"),
    N_("Audit findings and rectification"),
    N_("Performance supervision"),
    N_("State assets"),
    N_("Preliminary review (初步审查)"),
    N_("Warnings"),
    N_("Policies and regulations"),
    N_("Warning rules"),
    N_("Imports"),
    N_("Workbook of the month"),
    N_("Statistics of execution"),
    N_("Statistics of state assets"),
};
static const char *const descs[] = {
    N_("From the total to a department to a project, beside the time-elapsed schedule"),
    N_("The same for the government-fund budget"),
    N_("The same for the state-capital budget"),
    N_("By tax kind: the year to date, year on year, month on month"),
    N_("Travel abroad, official vehicles and receptions against the budget"),
    N_("Plan, investment in the year to date, progress"),
    N_("Findings of the audit bureau, their deadlines and rectification"),
    N_("Targets and results per project, scored"),
    N_("By kind, holder and class: administrative, enterprise, natural-resource, zone"),
    N_("The committee's opinions on the draft budget and final accounts, and the responses"),
    N_("Raised by the rules after each import: self-check, verification, resolution"),
    N_("The library: full-text and regular-expression search"),
    N_("The rules of the warnings: measure, thresholds, basis (e edits)"),
    N_("What was imported, when, and what it changed (i imports a file)"),
    N_("Writes the month's workbook with its charts to a file"),
    N_("Budget execution by department, book or function class"),
    N_("State assets by kind, holder or class"),
};
#define NENTRIES (N_OF(labels))

static void report_done(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	struct report_finance_opts o = {0};
	struct report_finance_result res;
	if (report_finance_write(tui.db, &tui.sc, path, &o, &res))
		err_report();
	else
		tui_info(_("Wrote %s: %d sheets."), path, res.sheets);
}

static int chosen(void *ctx, int i)
{
	(void)ctx;
	static const enum fv_kind kinds[] = {FV_EXEC,    FV_EXEC,     FV_EXEC,  FV_REVENUE,
	                                     FV_SANGONG, FV_PROJECTS, FV_AUDIT, FV_PERF,
	                                     FV_ASSETS,  FV_REVIEWS};
	static const char *const books[] = {"budget", "fund", "capital"};
	int rc = RD_OK;
	if (i < 10) {
		struct fv_arg a = {.kind = kinds[i], .dataset = i < 3 ? books[i] : NULL};
		rc = tui_push(&scr_fin, &a);
	} else if (i == 10 || i == 11) {
		const struct module *m = module_find(i == 10 ? "warning" : "policy");
		rc = m ? mods_open(m) : RD_OK;
	} else if (i == 12 || i == 13) {
		struct fv_arg a = {.kind = i == 12 ? FV_RULES : FV_IMPORTS};
		rc = tui_push(&scr_fin, &a);
	} else if (i == 14) {
		if (!(rc = fin_may_read(&tui.sc)))
			tui_prompt(_("Write the workbook to the file:"), "finance.xlsx",
			           report_done, NULL, NULL);
	} else {
		const struct module *m = module_find("finance");
		const struct stat_provider *p = &m->stats[i - 15];
		rc = tui_push(&scr_stats, (void *)p);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_finance(void)
{
	if (fin_may_read(&tui.sc)) {
		err_report();
		return RD_DENIED;
	}
	struct menu_spec spec = {
	    N_("Finance supervision (财经联网监督)"), NENTRIES, labels, descs, chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

const struct mod_console finance_console = {
    .open = open_finance,
};
