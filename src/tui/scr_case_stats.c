/*
 * The statistics of voter issues on a screen: the table of renda stats cases
 * (model/stats.h, so every figure is the CLI's and the workbook's) for one
 * breakdown (category, town, deputy, unit, state, month), one year and
 * optionally one town; the total's rates in words; then one figure drawn as
 * bars measured in display columns (b: the next figure).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/stat/stats.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* The figures of the table, in stats_cols[] order, with their short headings. */
static const struct {
	enum stats_col col;
	const char *label;
} figs[] = {
    {STATS_COL_COUNT, N_("Cases")},
    {STATS_COL_SHARE, N_("Share %")},
    {STATS_COL_OPEN, N_("Still open")},
    {STATS_COL_CLOSED, N_("Closed")},
    {STATS_COL_REJECTED, N_("Not accepted")},
    {STATS_COL_OVERDUE, N_("Overdue")},
    {STATS_COL_RESPOND_RATE, N_("Respond %")},
    {STATS_COL_REPLY_RATE, N_("Reply %")},
    {STATS_COL_SATISFACTION, N_("Satisfaction %")},
    {STATS_COL_SATISFIED_RATE, N_("Satisfied %")},
    {STATS_COL_AVG_REPLY_DAYS, N_("Days to reply")},
};
#define NFIGS ((int)(sizeof figs / sizeof figs[0]))

struct cst {
	enum stats_by by;
	int year;   /* 0: this year */
	char *town; /* NULL: every town in scope */
	struct stats_table t;
	bool have;
	unsigned gen;
	int bar;              /* the figure drawn as bars (index into figs) */
	int top, lines, page; /* scrolling */
	char *title;
};

static void cs_clear(struct cst *v)
{
	if (v->have)
		stats_table_free(&v->t);
	v->have = false;
}

/* Reads the table again; RD_OK or the model's error (nothing is shown then). */
static int cs_load(struct cst *v)
{
	cs_clear(v);
	struct stats_query q = {v->year, v->town};
	int rc = stats_cases(tui.db, &tui.sc, &q, v->by, &v->t);
	v->gen = tui.gen;
	if (rc)
		return rc;
	v->have = true;
	struct sbuf b = SBUF_INIT;
	/* TRANSLATORS: a table of figures and its year: "Cases by category, 2026". */
	sbuf_printf(&b, _("%s, %d"), _(stats_dims[v->by].title), v->t.year);
	if (v->town)
		sbuf_printf(&b, ", %s", v->town);
	free(v->title);
	v->title = sbuf_take(&b);
	return RD_OK;
}

static int cs_init(struct scr *s, void *arg)
{
	(void)arg;
	struct cst *v = xcalloc(1, sizeof *v);
	v->by = STATS_BY_CATEGORY;
	s->st = v;
	int rc = cs_load(v);
	if (rc) {
		free(v->title);
		free(v);
		s->st = NULL;
	}
	return rc;
}

static const char *row_name(const struct stats_row *r)
{
	return *r->name ? r->name : r->key;
}

/* The value a bar is drawn from and its whole: a rate of 100%, or the largest row's count. */
static void bar_of(const struct cst *v, const struct stats_row *r, int64_t *val, int64_t *max)
{
	enum stats_col c = figs[v->bar].col;
	*val = stats_value(r, v->t.total.count, c);
	if (stats_cols[c].kind == STATS_PCT) {
		*max = 10000;
		return;
	}
	*max = 0;
	for (int i = 0; i < v->t.n; i++) {
		int64_t x = stats_value(&v->t.rows[i], v->t.total.count, c);
		if (x > *max)
			*max = x;
	}
}

static void cs_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct cst *v = s->st;
	if (v->gen != tui.gen && cs_load(v))
		err_report();
	if (!v->have)
		return;
	const struct stats_table *t = &v->t;
	int n = t->n + 1; /* the rows, then the total */
	/* Widths in display columns: the names, then each figure under its heading. */
	int nw = u8_width(_(stats_dims[v->by].label));
	for (int r = 0; r < n; r++) {
		int k = u8_width(row_name(r < t->n ? &t->rows[r] : &t->total));
		if (k > nw)
			nw = k;
	}
	if (nw > cols / 3)
		nw = cols / 3;
	int fw[NFIGS], x = 2 + nw + 1, shown = 0;
	for (int i = 0; i < NFIGS; i++) {
		fw[i] = u8_width(_(figs[i].label));
		if (fw[i] < 7)
			fw[i] = 7;
		if (x + fw[i] > cols - 1)
			break;
		x += fw[i] + 1;
		shown++;
	}
	/* Lines: the total's rates (two), a blank, heading, rows, total, a blank, the bars'
	   heading and rows. */
	v->lines = 3 + 1 + n + 1 + 1 + t->n;
	v->page = rows > 1 ? rows : 1;
	if (v->top > v->lines - v->page)
		v->top = v->lines - v->page;
	if (v->top < 0)
		v->top = 0;
	int line = 0;
	char buf[5][24];
#define Y (line - v->top)
#define VISIBLE (Y >= 0 && Y < rows)
	if (VISIBLE) {
		char *a = xasprintf(
		    _("%s cases received in %d: %s open, %s closed, %s rejected, %s overdue."),
		    stats_text(&t->total, t->total.count, STATS_COL_COUNT, buf[0]), t->year,
		    stats_text(&t->total, t->total.count, STATS_COL_OPEN, buf[1]),
		    stats_text(&t->total, t->total.count, STATS_COL_CLOSED, buf[2]),
		    stats_text(&t->total, t->total.count, STATS_COL_REJECTED, buf[3]),
		    stats_text(&t->total, t->total.count, STATS_COL_OVERDUE, buf[4]));
		dr_put(w, Y, 2, cols - 3, a, A_BOLD);
		free(a);
	}
	line++;
	if (VISIBLE) {
		struct sbuf b = SBUF_INIT;
		static const enum stats_col rates[] = {STATS_COL_RESPOND_RATE, STATS_COL_REPLY_RATE,
		                                       STATS_COL_SATISFACTION};
		for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
			const char *r = stats_text(&t->total, t->total.count, rates[i], buf[0]);
			sbuf_printf(&b, "%s%s %s", i ? "; " : "", _(stats_cols[rates[i]].label),
			            r ? r : "-");
			if (r)
				sbuf_puts(&b, "%");
		}
		dr_put(w, Y, 2, cols - 3, sbuf_str(&b), A_NORMAL);
		sbuf_free(&b);
	}
	line += 2;
	if (VISIBLE) {
		dr_blank(w, Y, 0, cols, dr_attr(DR_HEADER));
		dr_text(w, Y, 2, nw, _(stats_dims[v->by].label), dr_attr(DR_HEADER), false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			dr_text(w, Y, cx, fw[i], _(figs[i].label), dr_attr(DR_HEADER), true);
			cx += fw[i] + 1;
		}
	}
	line++;
	for (int r = 0; r < n; r++, line++) {
		if (!VISIBLE)
			continue;
		const struct stats_row *row = r < t->n ? &t->rows[r] : &t->total;
		attr_t a = r == t->n ? A_BOLD : A_NORMAL;
		dr_text(w, Y, 2, nw, row_name(row), a, false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			const char *txt = stats_text(row, t->total.count, figs[i].col, buf[0]);
			dr_text(w, Y, cx, fw[i], txt ? txt : "-", a, true);
			cx += fw[i] + 1;
		}
	}
	line++; /* blank */
	if (VISIBLE) {
		char *h = xasprintf(_("%s as bars (b: the next figure)"),
		                    _(stats_cols[figs[v->bar].col].label));
		dr_put(w, Y, 2, cols - 3, h, A_BOLD | A_UNDERLINE);
		free(h);
	}
	line++;
	/* Bars: the figure's value over its whole, in display columns. */
	int vw = 8, bx = 2 + nw + 1, bw = cols - bx - vw - 2;
	for (int r = 0; r < t->n; r++, line++) {
		if (!VISIBLE || bw < 4)
			continue;
		const struct stats_row *row = &t->rows[r];
		dr_text(w, Y, 2, nw, row_name(row), A_NORMAL, false);
		int64_t val, max;
		bar_of(v, row, &val, &max);
		dr_bar(w, Y, bx, bw, val, max, A_NORMAL);
		const char *txt = stats_text(row, t->total.count, figs[v->bar].col, buf[0]);
		dr_text(w, Y, bx + bw + 1, vw, txt ? txt : "-", A_NORMAL, true);
	}
#undef VISIBLE
#undef Y
}

static int cs_save(void *ctx, char *const *vals, int64_t version)
{
	struct cst *v = ctx;
	(void)version;
	const struct form_def *d = form_find("case-stats");
	const char *by = fs_value(d, vals, "by"), *year = fs_value(d, vals, "year"),
	           *town = fs_value(d, vals, "town");
	int dim = by ? stats_dim_find(by) : -1;
	if (dim < 0)
		return err_set(RD_INVALID, _("by: choose a breakdown"));
	enum stats_by old_by = v->by;
	int old_year = v->year;
	char *old_town = v->town;
	v->by = (enum stats_by)dim;
	v->year = year && *year ? atoi(year) : 0;
	v->town = town && *town ? xstrdup(town) : NULL;
	int rc = cs_load(v);
	if (rc) {
		/* Keep the table shown before, and the form with its values and the message. */
		char *why = xstrdup(err_msg());
		free(v->town);
		v->by = old_by;
		v->year = old_year;
		v->town = old_town;
		if (cs_load(v))
			err_clear();
		err_set(rc, "%s", why);
		free(why);
		return rc;
	}
	free(old_town);
	return RD_OK;
}

static int open_select(struct cst *v)
{
	const struct form_def *d = form_find("case-stats");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "case-stats");
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	char year[16] = "";
	if (v->year)
		snprintf(year, sizeof year, "%d", v->year);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *val = !strcmp(k, "by")     ? stats_dims[v->by].name
		                  : !strcmp(k, "year") ? year
		                  : !strcmp(k, "town") ? v->town
		                                       : NULL;
		values[i] = xstrdup(val ? val : "");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = cs_save,
	    .ctx = v,
	};
	return tui_push(&scr_form, &spec);
}

static int cs_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct cst *v = s->st;
	(void)kind;
	(void)ch;
	if (vw_scroll(a, &v->top, v->page, v->lines))
		return SK_HANDLED;
	switch (a) {
	case ACT_BARS: v->bar = (v->bar + 1) % NFIGS; return SK_HANDLED;
	case ACT_SELECT:
		if (open_select(v))
			err_report();
		return SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

static const char *cs_title(struct scr *s)
{
	struct cst *v = s->st;
	return v->title ? v->title : _("Statistics of voter issues");
}

static void cs_free(struct scr *s)
{
	struct cst *v = s->st;
	cs_clear(v);
	free(v->town);
	free(v->title);
	free(v);
}

const struct screen scr_case_stats = {
    .name = N_("Statistics of voter issues"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_CHART,
    .init = cs_init,
    .draw = cs_draw,
    .key = cs_key,
    .free = cs_free,
    .title = cs_title,
};
