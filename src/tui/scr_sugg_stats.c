/*
 * The statistics of motions and suggestions on a screen: the table of
 * renda stats suggestions (model/stats_sugg.h, so the figures are the
 * CLI's, as the CLI prints them) for one breakdown (lead unit, category,
 * session, result class, kind) and optionally one session and kind, then
 * one of its figures drawn as bars measured in display columns.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/stat/stats_sugg.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* The most figures shown (the fixed ones and a share per result class). */
#define ST_MAXFIG 24

struct stv {
	enum ss_by by;
	char *session, *kind; /* NULL: all */
	struct ss_table t;
	bool have;
	unsigned gen;
	int nfig;
	int fig[ST_MAXFIG];     /* columns of the table shown (ss_col indexes) */
	char *label[ST_MAXFIG]; /* their headings */
	int bar;                /* the figure drawn as bars (index into fig) */
	int top, lines, page;   /* scrolling */
	char *title;
};

static void st_clear(struct stv *v)
{
	if (v->have)
		ss_table_free(&v->t);
	v->have = false;
	for (int i = 0; i < v->nfig; i++)
		free(v->label[i]);
	v->nfig = 0;
}

/* The short heading of a figure of the table. */
static char *fig_label(const char *key, const char *label)
{
	if (!strcmp(key, "count"))
		return xstrdup(_("Items"));
	if (!strcmp(key, "closed_rate"))
		return xstrdup(_("Closed %"));
	if (!strcmp(key, "meeting_rate"))
		return xstrdup(_("Met %"));
	if (!strcmp(key, "reply_rate"))
		return xstrdup(_("On time %"));
	if (!strcmp(key, "satisfaction"))
		return xstrdup(_("Satisfied %"));
	if (!strncmp(key, "share_", 6))
		return xasprintf(_("%s %%"), key + 6);
	return xstrdup(label);
}

/* Reads the table again; RD_OK or the model's error (the old table stays away). */
static int st_load(struct stv *v)
{
	st_clear(v);
	struct ss_query q = {v->session, v->kind, NULL};
	int rc = ss_table_make(tui.db, &tui.sc, &q, v->by, &v->t);
	v->gen = tui.gen;
	if (rc)
		return rc;
	v->have = true;
	int n = ss_ncols(&v->t);
	for (int i = 0; i < n && v->nfig < ST_MAXFIG; i++) {
		char key[40], label[160];
		enum stats_kind kind;
		ss_col(&v->t, i, key, label, &kind);
		if (strcmp(key, "count") && strcmp(key, "closed_rate") &&
		    strcmp(key, "meeting_rate") && strcmp(key, "reply_rate") &&
		    strcmp(key, "satisfaction") && strncmp(key, "share_", 6))
			continue;
		v->fig[v->nfig] = i;
		v->label[v->nfig++] = fig_label(key, label);
	}
	if (v->bar >= v->nfig)
		v->bar = 0;
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, _(ss_dims[v->by].title));
	if (v->session)
		sbuf_printf(&b, ", %s", v->session);
	if (v->kind)
		sbuf_printf(&b, ", %s",
		            !strcmp(v->kind, "motion") ? _("motions") : _("suggestions"));
	free(v->title);
	v->title = sbuf_take(&b);
	return RD_OK;
}

static int st_init(struct scr *s, void *arg)
{
	(void)arg;
	struct stv *v = xcalloc(1, sizeof *v);
	v->by = SS_BY_UNIT;
	v->bar = 1; /* the closed rate (办结率) */
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

/* The hundredths a figure's bar is drawn from, and of how much: counts as a share of all. */
static void bar_of(const struct stv *v, const struct ss_row *r, int64_t *val, int64_t *max)
{
	int c = v->fig[v->bar];
	char key[40], label[160];
	enum stats_kind kind;
	ss_col(&v->t, c, key, label, &kind);
	*val = ss_value(&v->t, r, c);
	if (kind == STATS_PCT) {
		*max = 10000;
		return;
	}
	*max = ss_value(&v->t, &v->t.total, c);
}

static void st_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct stv *v = s->st;
	if (v->gen != tui.gen && st_load(v))
		err_report();
	if (!v->have)
		return;
	int n = v->t.n + 1; /* the rows, then the total */
	/* Widths in display columns: the names, then each figure under its heading. */
	int nw = u8_width(_(ss_dims[v->by].label));
	for (int r = 0; r < n; r++) {
		const struct ss_row *row = r < v->t.n ? &v->t.rows[r] : &v->t.total;
		int k = u8_width(row->name);
		if (k > nw)
			nw = k;
	}
	if (nw > cols / 3)
		nw = cols / 3;
	int fw[ST_MAXFIG], x = 2 + nw + 1, shown = 0;
	for (int i = 0; i < v->nfig; i++) {
		fw[i] = u8_width(v->label[i]);
		if (fw[i] < 6)
			fw[i] = 6;
		if (x + fw[i] > cols - 1)
			break;
		x += fw[i] + 1;
		shown++;
	}
	/* Lines: heading, rows, total; a blank; the chart's heading, its rows. */
	int total_lines = n + 1 + 1 + 1 + n;
	v->lines = total_lines;
	v->page = rows > 1 ? rows : 1;
	if (v->top > total_lines - v->page)
		v->top = total_lines - v->page;
	if (v->top < 0)
		v->top = 0;
	int line = 0;
#define Y (line - v->top)
#define VISIBLE (Y >= 0 && Y < rows)
	if (VISIBLE) {
		dr_blank(w, Y, 0, cols, dr_attr(DR_HEADER));
		dr_text(w, Y, 2, nw, _(ss_dims[v->by].label), dr_attr(DR_HEADER), false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			dr_text(w, Y, cx, fw[i], v->label[i], dr_attr(DR_HEADER), true);
			cx += fw[i] + 1;
		}
	}
	line++;
	for (int r = 0; r < n; r++, line++) {
		if (!VISIBLE)
			continue;
		const struct ss_row *row = r < v->t.n ? &v->t.rows[r] : &v->t.total;
		attr_t a = r == v->t.n ? A_BOLD : A_NORMAL;
		dr_text(w, Y, 2, nw, *row->name ? row->name : _("(not assigned)"), a, false);
		int cx = 2 + nw + 1;
		for (int i = 0; i < shown; i++) {
			char buf[24];
			const char *t = ss_text(&v->t, row, v->fig[i], buf);
			dr_text(w, Y, cx, fw[i], t ? t : "", a, true);
			cx += fw[i] + 1;
		}
	}
	line++; /* blank */
	if (VISIBLE) {
		char *h = xasprintf(_("%s as bars (b: the next figure)"), v->label[v->bar]);
		dr_put(w, Y, 2, cols - 3, h, A_BOLD | A_UNDERLINE);
		free(h);
	}
	line++;
	/* Bars: the figure's value over its whole, in display columns. */
	int vw = 8, bx = 2 + nw + 1, bw = cols - bx - vw - 2;
	for (int r = 0; r < n; r++, line++) {
		if (!VISIBLE || bw < 4)
			continue;
		const struct ss_row *row = r < v->t.n ? &v->t.rows[r] : &v->t.total;
		attr_t a = r == v->t.n ? A_BOLD : A_NORMAL;
		dr_text(w, Y, 2, nw, *row->name ? row->name : _("(not assigned)"), a, false);
		int64_t val, max;
		bar_of(v, row, &val, &max);
		dr_bar(w, Y, bx, bw, val, max, a);
		char buf[24];
		const char *t = ss_text(&v->t, row, v->fig[v->bar], buf);
		dr_text(w, Y, bx + bw + 1, vw, t ? t : "", a, true);
	}
#undef VISIBLE
#undef Y
}

static int stats_save(void *ctx, char *const *vals, int64_t version)
{
	struct stv *v = ctx;
	(void)version;
	const struct form_def *d = form_find("suggestion-stats");
	const char *by = fs_value(d, vals, "by"), *session = fs_value(d, vals, "session"),
	           *kind = fs_value(d, vals, "kind");
	int dim = by ? ss_dim_find(by) : -1;
	if (dim < 0)
		return err_set(RD_INVALID, _("by: choose a breakdown"));
	enum ss_by old_by = v->by;
	char *old_session = v->session, *old_kind = v->kind;
	v->by = (enum ss_by)dim;
	v->session = session && *session ? xstrdup(session) : NULL;
	v->kind = kind && *kind ? xstrdup(kind) : NULL;
	int rc = st_load(v);
	if (rc) {
		/* Keep the table shown before, and the form with its values and the message. */
		char *why = xstrdup(err_msg());
		free(v->session);
		free(v->kind);
		v->by = old_by;
		v->session = old_session;
		v->kind = old_kind;
		if (st_load(v))
			err_clear();
		err_set(rc, "%s", why);
		free(why);
		return rc;
	}
	free(old_session);
	free(old_kind);
	return RD_OK;
}

static int open_select(struct stv *v)
{
	const struct form_def *d = form_find("suggestion-stats");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "suggestion-stats");
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *val = !strcmp(k, "by")        ? ss_dims[v->by].name
		                  : !strcmp(k, "session") ? v->session
		                  : !strcmp(k, "kind")    ? v->kind
		                                          : NULL;
		values[i] = xstrdup(val ? val : "");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = stats_save,
	    .ctx = v,
	};
	return tui_push(&scr_form, &spec);
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
	case ACT_SELECT:
		if (open_select(v))
			err_report();
		return SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

static const char *st_title(struct scr *s)
{
	struct stv *v = s->st;
	return v->title ? v->title : _("Statistics of motions and suggestions");
}

static void st_free(struct scr *s)
{
	struct stv *v = s->st;
	st_clear(v);
	free(v->session);
	free(v->kind);
	free(v->title);
	free(v);
}

const struct screen scr_sugg_stats = {
    .name = N_("Statistics of motions and suggestions"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_CHART,
    .init = st_init,
    .draw = st_draw,
    .key = st_key,
    .free = st_free,
    .title = st_title,
};
