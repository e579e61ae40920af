/*
 * The one statistics screen: a table of any module's provider
 * (model/stat/stat.h, so every figure is the CLI's and the workbook's) for
 * one breakdown and the options of the provider's form (v); the total's
 * headline figures in words; the table (headline figures first, as many as
 * the width holds, Left and Right scrolling them with the names fixed); then
 * one figure drawn as bars measured in display
 * columns (b: the next figure). Its help (?) lists the keys and what each
 * figure counts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/report.h"
#include "model/core/form.h"
#include "model/core/work.h"
#include "model/points/points.h"
#include "model/stat/stat.h"
#include "modules.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "tui/shell.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct stv {
	const struct stat_provider *p;
	int by;
	struct stat_query q; /* its strings owned */
	struct stat_table t;
	bool have;
	unsigned gen;
	int *fig, nfig;       /* the columns shown: headline ones first, then the others */
	int *width;           /* each figure's width: its heading's, its widest value's, 7 */
	int bar;              /* the figure drawn as bars (index into fig) */
	int left;             /* the first figure shown after the names (index into fig) */
	int shown;            /* how many figures the width held at the last draw */
	int top, lines, page; /* scrolling */
	char *title;
};

static void st_clear(struct stv *v)
{
	if (v->have)
		stat_table_free(&v->t);
	v->have = false;
	free(v->fig);
	free(v->width);
	v->fig = v->width = NULL;
	v->nfig = 0;
}

/* A column's heading on the screen. */
static const char *heading(const struct stat_col *c)
{
	return c->brief ? c->brief : c->label;
}

/* Reads the table again; RD_OK or the model's error (nothing is shown then). */
static int st_load(struct stv *v)
{
	st_clear(v);
	int rc = v->p->fn(tui.db, &tui.sc, &v->q, v->by, &v->t); /* mapped: tui.c */
	v->gen = tui.gen;
	if (rc)
		return rc;
	v->have = true;
	v->fig = xcalloc((size_t)v->t.ncols + 1, sizeof *v->fig);
	for (int pass = 0; pass < 2; pass++)
		for (int c = 0; c < v->t.ncols; c++) {
			unsigned f = v->t.cols[c].flags;
			if (!(f & STAT_HIDDEN) && !!(f & STAT_HEADLINE) == !pass)
				v->fig[v->nfig++] = c;
		}
	if (v->bar >= v->nfig)
		v->bar = 0;
	/* Widths in display columns, measured once a load, not at every draw. */
	v->width = xcalloc((size_t)v->nfig + 1, sizeof *v->width);
	char buf[24];
	for (int i = 0; i < v->nfig; i++) {
		int w = u8_width(heading(&v->t.cols[v->fig[i]]));
		for (int r = 0; r <= v->t.n; r++) {
			const char *txt = stat_text(&v->t, r < v->t.n ? &v->t.rows[r] : &v->t.total,
			                            v->fig[i], buf);
			int k = txt ? u8_width(txt) : 1;
			if (k > w)
				w = k;
		}
		v->width[i] = w < 7 ? 7 : w;
	}
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, v->t.title);
	/* TRANSLATORS: the year a statistics screen counts, after its title. */
	if (v->p->opts & STAT_OPT_YEAR)
		sbuf_printf(&b, _(", %d"), stat_year(&v->q));
	/* TRANSLATORS: a town, session or kind a statistics screen counts, after its title. */
	if (v->q.town)
		sbuf_printf(&b, _(", %s"), v->q.town);
	if (v->q.session)
		sbuf_printf(&b, _(", %s"), v->q.session);
	if (v->q.kind)
		sbuf_printf(&b, _(", %s"),
		            !strcmp(v->q.kind, "motion") ? _("motions") : _("suggestions"));
	/* TRANSLATORS: the day a statistics screen's figures stood, after its title. */
	if (v->q.asof)
		sbuf_printf(&b, _(", as of %.10s"), v->q.asof);
	free(v->title);
	v->title = sbuf_take(&b);
	return RD_OK;
}

static int st_init(struct scr *s, void *arg)
{
	struct stv *v = xcalloc(1, sizeof *v);
	v->p = arg;
	s->st = v;
	int rc = st_load(v);
	if (rc) {
		st_clear(v);
		free(v->title);
		free(v);
		s->st = NULL;
	}
	return rc;
}

static const char *row_name(const struct stat_row *r)
{
	return *r->name ? r->name : r->key;
}

/*
 * The value a bar is drawn from and its whole: a rate of 100%; a count or an amount of
 * the largest row's, so that the rows' bars differ as much as their figures do (the
 * cockpit's bars likewise), with no bar for the total, which would outrun them all; an
 * average of the largest of them, the total's included. False: no bar for r.
 */
static bool bar_of(const struct stv *v, const struct stat_row *r, int64_t *val, int64_t *max)
{
	int c = v->fig[v->bar];
	enum stat_kind kind = v->t.cols[c].kind;
	*val = stat_value(&v->t, r, c);
	if (kind == STAT_PCT || kind == STAT_SHARE) {
		*max = 10000;
		return true;
	}
	bool sums = kind == STAT_COUNT || kind == STAT_MONEY;
	if (sums && r == &v->t.total)
		return false;
	*max = 0;
	for (int i = 0; i < v->t.n + !sums; i++) {
		int64_t x = stat_value(&v->t, i < v->t.n ? &v->t.rows[i] : &v->t.total, c);
		if (x != STAT_NONE && x > *max)
			*max = x;
	}
	return true;
}

/* The total's figures of one flag kind in words: "Cases 9; Still open 5; ...". */
static char *headline(const struct stv *v, bool rates)
{
	struct sbuf b = SBUF_INIT;
	char buf[24];
	for (int i = 0; i < v->nfig; i++) {
		const struct stat_col *c = &v->t.cols[v->fig[i]];
		if (!(c->flags & STAT_HEADLINE) || (c->kind == STAT_PCT) != rates)
			continue;
		const char *x = stat_text(&v->t, &v->t.total, v->fig[i], buf);
		sbuf_printf(&b, "%s%s %s%s", b.len ? _("; ") : "", rates ? c->label : heading(c),
		            x ? x : "-", x && rates ? "%" : "");
	}
	return sbuf_take(&b);
}

static void st_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct stv *v = s->st;
	if (v->gen != tui.gen && st_load(v))
		err_report();
	if (!v->have)
		return;
	const struct stat_table *t = &v->t;
	int n = t->n + 1; /* the rows, then the total */
	/* Widths in display columns: the names, then each figure under its heading. */
	int nw = u8_width(t->name_label);
	for (int r = 0; r < n; r++) {
		int k = u8_width(row_name(r < t->n ? &t->rows[r] : &t->total));
		if (k > nw)
			nw = k;
	}
	if (nw > cols / 3)
		nw = cols / 3;
	/* The figures from v->left on, as many as the width holds; a column at each side
	   says when there are more (Left and Right scroll, the names stay). */
	if (v->left >= v->nfig)
		v->left = v->nfig > 0 ? v->nfig - 1 : 0;
	int *fw = xcalloc((size_t)v->nfig + 1, sizeof *fw);
	int *fig = v->fig + v->left;
	int x = 2 + nw + 1, shown = 0;
	char buf[24];
	for (int i = 0; i < v->nfig - v->left; i++) {
		fw[i] = v->width[v->left + i];
		if (x + fw[i] > cols - 2)
			break;
		x += fw[i] + 1;
		shown++;
	}
	v->shown = shown;
	bool more_left = v->left > 0, more_right = v->left + shown < v->nfig;
	/* Lines: the total's counts and rates, a blank, heading, rows, total, a blank, the
	   bars' heading and rows. */
	v->lines = 3 + 1 + n + 1 + 1 + n;
	v->page = rows > 1 ? rows : 1;
	if (v->top > v->lines - v->page)
		v->top = v->lines - v->page;
	if (v->top < 0)
		v->top = 0;
	int line = 0;
#define Y (line - v->top)
#define VISIBLE (Y >= 0 && Y < rows)
	for (int k = 0; k < 2; k++, line++)
		if (VISIBLE) {
			char *h = headline(v, k == 1);
			dr_put(w, Y, 2, cols - 3, h, k ? A_NORMAL : A_BOLD);
			free(h);
		}
	line++;
	if (VISIBLE) {
		dr_blank(w, Y, 0, cols, dr_attr(DR_HEADER));
		dr_text(w, Y, 2, nw, t->name_label, dr_attr(DR_HEADER), false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			dr_text(w, Y, cx, fw[i], heading(&t->cols[fig[i]]), dr_attr(DR_HEADER),
			        true);
			cx += fw[i] + 1;
		}
		if (more_left)
			dr_put(w, Y, 2 + nw, 1, "<", dr_attr(DR_HEADER) | A_BOLD);
		if (more_right)
			dr_put(w, Y, cols - 1, 1, ">", dr_attr(DR_HEADER) | A_BOLD);
	}
	line++;
	for (int r = 0; r < n; r++, line++) {
		if (!VISIBLE)
			continue;
		const struct stat_row *row = r < t->n ? &t->rows[r] : &t->total;
		attr_t a = r == t->n ? A_BOLD : A_NORMAL;
		dr_text(w, Y, 2, nw, row_name(row), a, false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			const char *txt = stat_text(t, row, fig[i], buf);
			dr_text(w, Y, cx, fw[i], txt ? txt : "-", a, true);
			cx += fw[i] + 1;
		}
	}
	line++; /* blank */
	if (VISIBLE && v->nfig) {
		char *h =
		    xasprintf(_("%s as bars (b: the next figure)"), t->cols[v->fig[v->bar]].label);
		dr_put(w, Y, 2, cols - 3, h, A_BOLD | A_UNDERLINE);
		free(h);
	}
	line++;
	/* Bars: the figure's value over its whole, in display columns. */
	int vw = 8, bx = 2 + nw + 1, bw = cols - bx - vw - 2;
	for (int r = 0; r < n; r++, line++) {
		if (!VISIBLE || bw < 4 || !v->nfig)
			continue;
		const struct stat_row *row = r < t->n ? &t->rows[r] : &t->total;
		attr_t a = r == t->n ? A_BOLD : A_NORMAL;
		dr_text(w, Y, 2, nw, row_name(row), a, false);
		int64_t val, max;
		if (bar_of(v, row, &val, &max))
			dr_bar(w, Y, bx, bw, val == STAT_NONE ? 0 : val, max, a);
		const char *txt = stat_text(t, row, v->fig[v->bar], buf);
		dr_text(w, Y, bx + bw + 1, vw, txt ? txt : "-", a, true);
	}
#undef VISIBLE
#undef Y
	free(fw);
}

/* Sets *dst to a copy of value (NULL when empty), freeing the old. */
static void set_opt(const char **dst, const char *value)
{
	free((char *)*dst);
	*dst = value && *value ? xstrdup(value) : NULL;
}

static int st_save(void *ctx, char *const *vals, int64_t version)
{
	struct stv *v = ctx;
	(void)version;
	const struct form_def *d = form_find(v->p->form);
	const char *by = fs_value(d, vals, "by");
	int dim = by ? stat_breakdown_find(v->p, by) : -1;
	if (dim < 0)
		return err_set(RD_INVALID, _("by: choose a breakdown"));
	struct stat_query old = v->q;
	int old_by = v->by;
	memset(&v->q, 0, sizeof v->q);
	v->by = dim;
	const char *year = fs_value(d, vals, "year");
	v->q.year = year && *year ? atoi(year) : 0;
	set_opt(&v->q.town, fs_value(d, vals, "town"));
	set_opt(&v->q.session, fs_value(d, vals, "session"));
	set_opt(&v->q.kind, fs_value(d, vals, "kind"));
	const char *asof = fs_value(d, vals, "asof");
	char at[CLOCK_BUF];
	int rc = asof && *asof ? points_asof(asof, at) : RD_OK;
	if (!rc)
		set_opt(&v->q.asof, asof && *asof ? at : NULL);
	if (!rc)
		rc = st_load(v);
	struct stat_query drop = rc ? v->q : old;
	if (rc) {
		/* Keep the table shown before, and the form with its values and the message. */
		char *why = xstrdup(err_msg());
		v->q = old;
		v->by = old_by;
		if (st_load(v))
			err_clear();
		err_set(rc, "%s", why);
		free(why);
	}
	free((char *)drop.town);
	free((char *)drop.session);
	free((char *)drop.kind);
	free((char *)drop.asof);
	return rc;
}

static int open_select(struct stv *v)
{
	const struct form_def *d = form_find(v->p->form);
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), v->p->form);
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	char year[16] = "", day[11] = "";
	if (v->q.year)
		snprintf(year, sizeof year, "%d", v->q.year);
	if (v->q.asof)
		snprintf(day, sizeof day, "%.10s", v->q.asof);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *val = !strcmp(k, "by")        ? v->p->breakdowns[v->by].name
		                  : !strcmp(k, "year")    ? year
		                  : !strcmp(k, "town")    ? v->q.town
		                  : !strcmp(k, "session") ? v->q.session
		                  : !strcmp(k, "kind")    ? v->q.kind
		                  : !strcmp(k, "asof")    ? day
		                                          : NULL;
		values[i] = xstrdup(val ? val : "");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = st_save,
	    .done = N_("Shown as chosen."),
	    .ctx = v,
	};
	return tui_push(&scr_form, &spec);
}

/* The workbook of the module whose figures v shows (its first), or NULL when it has none. */
static const struct report_def *st_report(const struct stv *v)
{
	for (int m = 0; m < nmodules; m++)
		for (const struct stat_provider *p = modules[m].stats; p && p->name; p++)
			if (p == v->p)
				return modules[m].reports && modules[m].reports->name
				           ? modules[m].reports
				           : NULL;
	return NULL;
}

/* The workbook being written (W): its report and query, the strings its own. */
struct st_book {
	const struct report_def *r;
	struct report_query q;
};

static void st_book_free(void *ctx)
{
	struct st_book *b = ctx;
	free((char *)b->q.town);
	free((char *)b->q.session);
	free((char *)b->q.kind);
	free((char *)b->q.unit);
	free((char *)b->q.asof);
	free(b);
}

/*
 * Writes the workbook to path (RD_EXISTS without force when the file is there): a box
 * shows the work while the records are read, and Esc cancels it (nothing is written then;
 * the library's compression at the end is not watched).
 */
static int st_book_write(void *ctx, const char *path, bool force)
{
	struct st_book *b = ctx;
	int rc = outfile_check(path, force);
	if (rc) {
		if (rc != RD_EXISTS)
			err_report();
		return rc;
	}
	b->q.force = force;
	long rows = 0;
	char *title = xasprintf(_("Writing the workbook %s"), path);
	struct pg *pg = pg_begin(title);
	free(title);
	work_begin(tui.db, pg_tick, pg);
	rc = b->r->write(tui.db, &tui.sc, path, &b->q, &rows);
	work_end(tui.db);
	bool cancelled = work_cancelled();
	pg_end(pg);
	/* An interrupted reading can leave its read transaction open. */
	if (!sqlite3_get_autocommit(tui.db))
		sqlite3_exec(tui.db, "ROLLBACK", NULL, NULL, NULL);
	if (rc && cancelled) {
		err_clear();
		tui_info(_("Cancelled: %s was not written."), path);
	} else if (!rc) {
		char *said = report_said(b->r, path, rows);
		tui_info("%s", said);
		free(said);
	} else
		err_report();
	return rc;
}

void scr_workbook_ask(const struct report_def *r, const struct report_query *q, const char *init)
{
	struct st_book *b = xcalloc(1, sizeof *b);
	b->r = r;
	unsigned o = r->opts;
	b->q.year = o & REPORT_OPT_YEAR ? q->year : 0;
	b->q.town = o & REPORT_OPT_TOWN && q->town ? xstrdup(q->town) : NULL;
	b->q.session = o & REPORT_OPT_SESSION && q->session ? xstrdup(q->session) : NULL;
	b->q.kind = o & REPORT_OPT_KIND && q->kind ? xstrdup(q->kind) : NULL;
	b->q.unit = o & REPORT_OPT_UNIT && q->unit ? xstrdup(q->unit) : NULL;
	b->q.asof = o & REPORT_OPT_ASOF && q->asof ? xstrdup(q->asof) : NULL;
	tui_save_as(_("Write the workbook to the file:"), init, st_book_write, st_book_free, b);
}

/* Asks where to write the workbook of what the screen counts, as renda report would. */
static void st_workbook(struct stv *v)
{
	const struct report_def *r = st_report(v);
	if (!r)
		return;
	struct report_query q = {.year = v->q.year,
	                         .town = v->q.town,
	                         .session = v->q.session,
	                         .kind = v->q.kind,
	                         .unit = v->q.unit,
	                         .asof = v->q.asof};
	char *init = r->opts & REPORT_OPT_YEAR ? xasprintf("%s-%d.xlsx", r->name, stat_year(&v->q))
	             : r->opts & REPORT_OPT_SESSION && v->q.session
	                 ? xasprintf("%s-%s.xlsx", r->name, v->q.session)
	                 : xasprintf("%s.xlsx", r->name);
	scr_workbook_ask(r, &q, init);
	free(init);
}

static bool st_can(struct scr *s, enum action a)
{
	struct stv *v = s->st;
	switch (a) {
	case ACT_CHART_SAVE: return st_report(v) != NULL;
	default: return true;
	}
}

static int st_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct stv *v = s->st;
	(void)kind;
	(void)ch;
	if (vw_scroll(a, &v->top, v->page, v->lines))
		return SK_HANDLED;
	switch (a) {
	case ACT_BARS:
		if (v->nfig)
			v->bar = (v->bar + 1) % v->nfig;
		return SK_HANDLED;
	case ACT_COL_RIGHT:
		if (v->left + v->shown < v->nfig)
			v->left++;
		return SK_HANDLED;
	case ACT_COL_LEFT:
		if (v->left > 0)
			v->left--;
		return SK_HANDLED;
	case ACT_SELECT:
		if (open_select(v))
			err_report();
		return SK_HANDLED;
	case ACT_CHART_SAVE: st_workbook(v); return SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

static const char *st_title(struct scr *s)
{
	struct stv *v = s->st;
	return v->title ? v->title : _(v->p->label);
}

/* The help: what each figure of the table counts. */
static void st_help(struct scr *s, struct vw_data *d)
{
	struct stv *v = s->st;
	if (!v->have)
		return;
	vw_heading(d, _("Figure"), _("What it counts"), NULL);
	for (int i = 0; i < v->nfig; i++) {
		const struct stat_col *c = &v->t.cols[v->fig[i]];
		if (c->definition)
			vw_add(d, false, c->label, c->definition, NULL);
	}
	vw_add(d, false, _("Rounding"),
	       _("percentages and averages are rounded half-up to two decimals (1 in 800, 0.125 "
	         "per cent, is shown as 0.13); a rate whose denominator is 0 shows -"),
	       NULL);
}

static void st_free(struct scr *s)
{
	struct stv *v = s->st;
	st_clear(v);
	free((char *)v->q.town);
	free((char *)v->q.session);
	free((char *)v->q.kind);
	free((char *)v->q.asof);
	free(v->title);
	free(v);
}

const struct screen scr_stats = {
    .name = N_("Statistics"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_CHART,
    .init = st_init,
    .draw = st_draw,
    .key = st_key,
    .free = st_free,
    .title = st_title,
    .can = st_can,
    .help = st_help,
};
