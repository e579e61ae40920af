/*
 * The data cockpit's screen (数据驾驶舱): the panels of model/cockpit one after
 * another on a small terminal, side by side as a grid on a large one; a bar
 * beside each figure of a breakdown. Up and Down choose a figure, Enter opens
 * the module's own list with the figure's filter, v chooses the as-of day and
 * the period.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/report.h"
#include "export/report_cockpit.h"
#include "model/cockpit/cockpit.h"
#include "model/core/work.h"
#include "model/points/points.h"
#include "model/stat/stat.h"
#include "tui/draw.h"
#include "tui/modscr.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* Where a figure is drawn (rows of the whole grid, before scrolling). */
struct place {
	int panel, fig;
	int y, x, w;
};

struct cockpit_scr {
	struct cockpit ck;
	bool have;
	unsigned gen;
	char asof[40]; /* the day asked for; "" now */
	char want[40]; /* the day being asked for (before the period) */
	enum cockpit_period period;
	struct place *pl; /* a place per figure, in panel order */
	int n, cur, top, height;
	int laid_cols; /* the width the places were laid out for */
	char info[96];
};

/*
 * Reads the figures as of asof ("": now) for period, and shows them (after a change,
 * or another as-of day). As of a past time they come from the histories, seconds at
 * a million voter issues: a box shows the work and Esc cancels it, leaving the
 * figures shown as they were. RD_OK once the figures are those asked for or the
 * person cancelled.
 */
static int load(struct cockpit_scr *c, const char *asof, enum cockpit_period period)
{
	struct cockpit_query q = {*asof ? asof : NULL, period};
	struct cockpit ck;
	struct pg *pg = NULL;
	if (q.asof) {
		char *title = xasprintf(_("Reading the figures as of %s from the histories"), asof);
		pg = pg_begin(title);
		free(title);
		work_begin(tui.db, pg_tick, pg);
	}
	int rc = cockpit_compute(tui.db, &tui.sc, &q, &ck);
	c->gen = tui.gen;
	if (pg) {
		work_end(tui.db);
		bool cancelled = work_cancelled();
		pg_end(pg);
		/* An interrupted reading can leave its read transaction open. */
		if (!sqlite3_get_autocommit(tui.db))
			sqlite3_exec(tui.db, "ROLLBACK", NULL, NULL, NULL);
		/* The first reading is of the present (no box), so figures are on screen. */
		if (cancelled && c->have) {
			if (!rc)
				cockpit_free(&ck);
			err_clear();
			tui_info(_("Cancelled: the figures shown are still those as of %.10s %.5s"),
			         c->ck.asof, c->ck.asof + 11);
			return RD_OK;
		}
	}
	if (rc)
		return rc;
	if (c->have)
		cockpit_free(&c->ck);
	c->ck = ck;
	c->have = true;
	if (asof != c->asof)
		snprintf(c->asof, sizeof c->asof, "%s", asof);
	c->period = period;
	c->laid_cols = 0;
	int n = 0;
	for (int i = 0; i < c->ck.np; i++)
		n += c->ck.p[i].n;
	free(c->pl);
	c->pl = xcalloc((size_t)n + 1, sizeof *c->pl);
	c->n = n;
	if (c->cur >= n)
		c->cur = n ? n - 1 : 0;
	/* TRANSLATORS: the as-of time on the title line: "截至 2026-03-02 09:00". */
	snprintf(c->info, sizeof c->info, _("as of %.10s %.5s"), c->ck.asof, c->ck.asof + 11);
	return RD_OK;
}

/* Whether figure f of p is the first of its bars, under the line that says what they are. */
static bool first_bar(const struct cockpit_panel *p, int f)
{
	return p->bars && p->f[f].bar && (f == 0 || !p->f[f - 1].bar);
}

/* The lines above figure f of p: its panel's heading (the first figure), the line that
   says what the bars are (the first bar). */
static int above(const struct cockpit_panel *p, int f)
{
	return (f == 0) + first_bar(p, f);
}

/* Lays the panels out for cols: one column below 100, two below 150, three above. */
static void layout(struct cockpit_scr *c, int cols)
{
	int ncol = cols >= 150 ? 3 : cols >= 100 ? 2 : 1;
	int gap = 2, w = (cols - gap * (ncol - 1)) / ncol;
	int colh[3] = {0, 0, 0};
	int k = 0;
	for (int i = 0; i < c->ck.np; i++) {
		/* The shortest column takes the next panel. */
		int col = 0;
		for (int j = 1; j < ncol; j++)
			if (colh[j] < colh[col])
				col = j;
		int y = colh[col] + 1; /* under the panel's heading */
		for (int f = 0; f < c->ck.p[i].n; f++) {
			if (first_bar(&c->ck.p[i], f))
				y++; /* a line that says what the bars are */
			c->pl[k++] = (struct place){i, f, y++, col * (w + gap), w};
		}
		colh[col] = y + 1; /* a blank row after it */
	}
	c->height = 0;
	for (int j = 0; j < ncol; j++)
		if (colh[j] > c->height)
			c->height = colh[j];
	c->laid_cols = cols;
}

static int cockpit_init(struct scr *s, void *arg)
{
	(void)arg;
	struct cockpit_scr *c = xcalloc(1, sizeof *c);
	int rc = load(c, "", COCKPIT_YEAR);
	if (rc) {
		free(c);
		return rc;
	}
	s->st = c;
	return RD_OK;
}

/* The largest value among the bars of panel p (their scale), at least 1. */
static int64_t bar_max(const struct cockpit_panel *p)
{
	int64_t m = 1;
	for (int i = 0; i < p->n; i++)
		if (p->f[i].bar && p->f[i].value != STAT_NONE && p->f[i].value > m)
			m = p->f[i].value;
	return m;
}

static void draw_fig(WINDOW *w, int y, const struct place *pl, const struct cockpit_panel *p,
                     bool cur)
{
	const struct cockpit_fig *f = &p->f[pl->fig];
	attr_t a = cur ? dr_attr(DR_CURSOR) : f->module ? A_NORMAL : dr_attr(DR_DIM);
	char num[32], buf[40];
	const char *v = cockpit_text(f, num);
	if (!*v)
		snprintf(buf, sizeof buf, "-");
	else if (f->kind == CK_RATE || f->kind == CK_PROGRESS)
		snprintf(buf, sizeof buf, "%s%%", v);
	else
		snprintf(buf, sizeof buf, "%s", v);
	int vw = 10, barw = f->bar ? pl->w / 3 : 0;
	int lw = pl->w - vw - (barw ? barw + 1 : 0) - 1;
	if (lw < 6) {
		barw = 0;
		lw = pl->w - vw - 1;
	}
	dr_text(w, y, pl->x, lw, f->label, a, false);
	dr_text(w, y, pl->x + lw, vw + 1, buf, a, true);
	if (barw) {
		int64_t max = f->kind == CK_PROGRESS ? 10000 : bar_max(p);
		dr_blank(w, y, pl->x + lw + vw + 1, barw + 0, A_NORMAL);
		if (f->value != STAT_NONE)
			dr_bar(w, y, pl->x + lw + vw + 2, barw - 1, f->value, max, a);
	}
}

static void cockpit_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct cockpit_scr *c = s->st;
	if (c->gen != tui.gen && load(c, c->asof, c->period))
		err_report();
	if (c->laid_cols != cols)
		layout(c, cols);
	/* Keep the figure under the cursor in sight (and the lines above it that say what
	   it is: its panel's heading, when it is the panel's first; what the bars are). */
	if (c->n) {
		const struct place *pl = &c->pl[c->cur];
		int want = pl->y - above(&c->ck.p[pl->panel], pl->fig);
		if (want < c->top)
			c->top = want;
		if (pl->y >= c->top + rows)
			c->top = pl->y - rows + 1;
	}
	if (c->top > c->height - rows)
		c->top = c->height - rows;
	if (c->top < 0)
		c->top = 0;
	if (!c->n) {
		dr_text(w, 0, 0, cols, _("Your role sees no figures here."), dr_attr(DR_DIM),
		        false);
		return;
	}
	for (int k = 0; k < c->n; k++) {
		const struct place *pl = &c->pl[k];
		const struct cockpit_panel *p = &c->ck.p[pl->panel];
		/* Above the figure: its panel's heading, then what the bars are. */
		const char *line[2] = {pl->fig == 0 ? p->title : NULL,
		                       first_bar(p, pl->fig) ? p->bars : NULL};
		for (int a = 0, y = pl->y - above(p, pl->fig); a < 2; a++) {
			if (!line[a])
				continue;
			if (y >= c->top && y < c->top + rows)
				dr_text(w, y - c->top, pl->x, pl->w, line[a],
				        dr_attr(a ? DR_DIM : DR_HEADER), false);
			y++;
		}
		if (pl->y >= c->top && pl->y < c->top + rows)
			draw_fig(w, pl->y - c->top, pl, p, k == c->cur);
	}
}

/* The filter of a figure as the list screen takes it: "state=open;year=2026". */
static char *filter_text(const struct cockpit_fig *f)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < f->nf; i++)
		sbuf_printf(&b, "%s%s=%s", i ? ";" : "", f->fkey[i], f->fval[i]);
	return sbuf_take(&b);
}

static int open_fig(struct cockpit_scr *c)
{
	if (!c->n)
		return SK_HANDLED;
	const struct place *pl = &c->pl[c->cur];
	const struct cockpit_fig *f = &c->ck.p[pl->panel].f[pl->fig];
	const struct module *m = f->module ? module_find(f->module) : NULL;
	if (!m) {
		tui_error(_("%s: this figure is not a count of records and opens no list"),
		          f->label);
		return SK_REDRAW;
	}
	char *flt = filter_text(f);
	int rc = mods_list(m, flt);
	free(flt);
	if (rc)
		err_report();
	else if (c->ck.past)
		tui_info(_("The list shows the records as they are now, not as of %.10s"),
		         c->ck.asof);
	return SK_REDRAW;
}

/* The period asked after the day: the categories of the month or of the year. */
static void period_done(void *ctx, bool month)
{
	struct cockpit_scr *c = ctx;
	if (load(c, c->want, month ? COCKPIT_MONTH : COCKPIT_YEAR))
		err_report();
}

static void asof_done(void *ctx, const char *text)
{
	struct cockpit_scr *c = ctx;
	if (!text)
		return;
	char t[CLOCK_BUF];
	if (*text && points_asof(text, t)) {
		err_report();
		return;
	}
	snprintf(c->want, sizeof c->want, "%s", text);
	tui_ask(_("Count the voter issues by category for the month (y) or the year (n)?"),
	        period_done, c);
}

static int cockpit_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	(void)kind;
	(void)ch;
	struct cockpit_scr *c = s->st;
	int page = s->rows > 2 ? s->rows - 2 : 1;
	switch (a) {
	case ACT_UP: c->cur = c->cur > 0 ? c->cur - 1 : 0; return SK_REDRAW;
	case ACT_DOWN: c->cur = c->cur + 1 < c->n ? c->cur + 1 : c->cur; return SK_REDRAW;
	case ACT_PGUP: c->cur = c->cur > page ? c->cur - page : 0; return SK_REDRAW;
	case ACT_PGDN:
		c->cur = c->cur + page < c->n ? c->cur + page : (c->n ? c->n - 1 : 0);
		return SK_REDRAW;
	case ACT_HOME: c->cur = 0; return SK_REDRAW;
	case ACT_END: c->cur = c->n ? c->n - 1 : 0; return SK_REDRAW;
	case ACT_OPEN: return open_fig(c);
	case ACT_SELECT:
		tui_prompt(_("As of (YYYY-MM-DD, empty: now):"), c->asof, asof_done, NULL, c);
		return SK_REDRAW;
	case ACT_REDRAW:
		if (load(c, c->asof, c->period))
			err_report();
		return SK_REDRAW;
	case ACT_CHART_SAVE: {
		/* The workbook of the figures shown: as of the day they are of. */
		struct report_query q = {.asof = *c->asof ? c->asof : NULL};
		char *init =
		    *c->asof ? xasprintf("cockpit-%.10s.xlsx", c->asof) : xstrdup("cockpit.xlsx");
		scr_workbook_ask(&cockpit_reports[0], &q, init);
		free(init);
		return SK_REDRAW;
	}
	default: return SK_UNHANDLED;
	}
}

/* The cockpit's own keys, and of the charts' only the workbook. */
static bool cockpit_can(struct scr *s, enum action a)
{
	(void)s;
	return a != ACT_STEP && a != ACT_BARS && a != ACT_COL_RIGHT && a != ACT_COL_LEFT;
}

static void cockpit_resize(struct scr *s, int rows, int cols)
{
	(void)rows;
	struct cockpit_scr *c = s->st;
	if (c->laid_cols != cols)
		c->laid_cols = 0;
}

static const char *cockpit_info(struct scr *s)
{
	struct cockpit_scr *c = s->st;
	return c->info;
}

static void cockpit_free_scr(struct scr *s)
{
	struct cockpit_scr *c = s->st;
	if (c->have)
		cockpit_free(&c->ck);
	free(c->pl);
	free(c);
}

static const struct screen scr_cockpit = {
    .name = N_("Data cockpit"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_MENU | KC_WORKFLOW | KC_CHART,
    .init = cockpit_init,
    .draw = cockpit_draw,
    .key = cockpit_key,
    .resize = cockpit_resize,
    .free = cockpit_free_scr,
    .info = cockpit_info,
    .can = cockpit_can,
};

static int open_cockpit(void)
{
	return tui_push(&scr_cockpit, NULL);
}

const struct mod_console cockpit_console = {
    .open = open_cockpit,
};
