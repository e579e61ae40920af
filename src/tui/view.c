#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct view {
	struct vw_spec spec;
	struct vw_data data;
	unsigned gen;
	int top;   /* first screen line shown */
	int lines; /* screen lines of the last draw */
	int page;
	int cur;    /* the marked row that opens a record (Tab marks one), or -1 */
	bool links; /* some row opens a record */
	int cw[3];  /* the cells' widths at the last draw */
};

static void add_row(struct vw_data *d, bool changed, bool heading, const char *a, const char *b,
                    const char *c)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->rows = xrealloc(d->rows, sizeof *d->rows * (size_t)d->cap);
	}
	struct vw_row *r = &d->rows[d->n++];
	r->cell[0] = xstrdup(a ? a : "");
	r->cell[1] = xstrdup(b ? b : "");
	r->cell[2] = xstrdup(c ? c : "");
	r->changed = changed;
	r->heading = heading;
	r->link_kind = NULL;
	r->link_id = 0;
}

void vw_link(struct vw_data *d, const void *kind, int64_t id, const char *a, const char *b,
             const char *c)
{
	add_row(d, false, false, a, b, c);
	d->rows[d->n - 1].link_kind = kind;
	d->rows[d->n - 1].link_id = id;
}

/* The next row from i on (step +1 or -1) that opens a record, or -1. */
static int next_link(const struct view *v, int i, int step)
{
	if (!v->spec.open)
		return -1;
	for (; i >= 0 && i < v->data.n; i += step)
		if (v->data.rows[i].link_kind)
			return i;
	return -1;
}

void vw_add(struct vw_data *d, bool changed, const char *a, const char *b, const char *c)
{
	add_row(d, changed, false, a, b, c);
}

void vw_heading(struct vw_data *d, const char *a, const char *b, const char *c)
{
	add_row(d, false, true, a, b, c);
}

void vw_data_free(struct vw_data *d)
{
	for (int i = 0; i < d->n; i++)
		for (int c = 0; c < 3; c++)
			free(d->rows[i].cell[c]);
	free(d->rows);
	memset(d, 0, sizeof *d);
}

/* A view of rows made once: each load copies them (struct vw_data *ctx). */
static int given_load(void *ctx, struct vw_data *d)
{
	const struct vw_data *src = ctx;
	d->ncells = src->ncells ? src->ncells : 2;
	for (int i = 0; i < src->n; i++) {
		const struct vw_row *r = &src->rows[i];
		add_row(d, r->changed, r->heading, r->cell[0], r->cell[1], r->cell[2]);
	}
	return RD_OK;
}

static void given_free(void *ctx)
{
	vw_data_free(ctx);
	free(ctx);
}

void vw_show_rows(const char *title, struct vw_data *rows)
{
	struct vw_spec vs = {
	    .title = xstrdup(title),
	    .load = given_load,
	    .free = given_free,
	    .ctx = rows,
	};
	tui_push(&scr_view, &vs);
}

static int load(struct view *v)
{
	vw_data_free(&v->data);
	v->data.ncells = 2;
	v->gen = tui.gen;
	int rc = v->spec.load(v->spec.ctx, &v->data);
	/* The marked row stays where it was when the page is read again. */
	if (v->cur >= v->data.n || (v->cur >= 0 && !v->data.rows[v->cur].link_kind))
		v->cur = -1;
	v->links = next_link(v, 0, 1) >= 0;
	return rc;
}

static int view_init(struct scr *s, void *arg)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->spec = *(struct vw_spec *)arg;
	v->cur = -1;
	s->st = v;
	int rc = load(v);
	if (rc) {
		vw_data_free(&v->data);
		if (v->spec.free)
			v->spec.free(v->spec.ctx);
		free(v->spec.title);
		free(v);
		s->st = NULL;
	}
	return rc;
}

/* Column positions: label width, then the values share the rest. */
static void columns(const struct view *v, int cols, int *x, int *w)
{
	int lw = 0;
	for (int i = 0; i < v->data.n; i++) {
		int k = u8_width(v->data.rows[i].cell[0]);
		if (k > lw)
			lw = k;
	}
	int nv = v->data.ncells - 1;
	if (lw > cols / (nv + 1))
		lw = cols / (nv + 1);
	x[0] = 2;
	w[0] = lw;
	int rest = cols - 2 - lw - 2 * nv - 1;
	for (int i = 1; i <= nv; i++) {
		x[i] = x[i - 1] + w[i - 1] + 2;
		w[i] = i < nv ? rest / nv : rest - (rest / nv) * (nv - 1);
		if (w[i] < 1)
			w[i] = 1;
	}
}

static void view_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct view *v = s->st;
	if (v->gen != tui.gen && load(v))
		err_report();
	int x[3], *cw = v->cw;
	columns(v, cols, x, cw);
	int nc = v->data.ncells;
	/* Screen lines of each row: the tallest of its cells. */
	int total = 0;
	for (int i = 0; i < v->data.n; i++) {
		int h = 1;
		for (int c = 0; c < nc; c++) {
			int k = dr_lines(v->data.rows[i].cell[c], cw[c]);
			if (k > h)
				h = k;
		}
		total += h;
	}
	v->lines = total;
	v->page = rows - 1 > 1 ? rows - 1 : 1;
	if (v->top > total - v->page)
		v->top = total - v->page;
	if (v->top < 0)
		v->top = 0;
	int line = 0, y = 1;
	for (int i = 0; i < v->data.n && y < rows; i++) {
		const struct vw_row *r = &v->data.rows[i];
		int h = 1;
		for (int c = 0; c < nc; c++) {
			int k = dr_lines(r->cell[c], cw[c]);
			if (k > h)
				h = k;
		}
		int skip = v->top > line ? v->top - line : 0;
		if (skip < h) {
			attr_t a = r->heading    ? dr_attr(DR_HEADER)
			           : i == v->cur ? dr_attr(DR_CURSOR)
			           : r->changed  ? dr_attr(DR_CHANGED)
			                         : 0;
			if (i == v->cur)
				for (int k = skip; k < h && y + k - skip < rows; k++)
					dr_blank(w, y + k - skip, 1, cols - 2, a);
			int max = rows - y;
			if (r->changed && !skip)
				dr_put(w, y, 0, 1, "*", a);
			for (int c = 0; c < nc; c++)
				dr_wrapped(w, y, x[c], cw[c], r->cell[c], skip, max,
				           c == 0 && !r->heading ? a | A_BOLD : a);
			y += h - skip;
		}
		line += h;
	}
	if (total > v->page) {
		char *pos = xasprintf("%d%%", (v->top + v->page) * 100 / total);
		dr_put(w, 0, cols - u8_width(pos) - 1, u8_width(pos), pos, dr_attr(DR_DIM));
		free(pos);
	}
}

/* Scrolls so that row i is on the screen (after a draw has measured the rows). */
static void show_row(struct view *v, int i)
{
	int line = 0, h = 1;
	for (int k = 0; k <= i && k < v->data.n; k++) {
		h = 1;
		for (int c = 0; c < v->data.ncells; c++) {
			int n = dr_lines(v->data.rows[k].cell[c], v->cw[c]);
			if (n > h)
				h = n;
		}
		if (k < i)
			line += h;
	}
	if (line < v->top)
		v->top = line;
	else if (line + h > v->top + v->page)
		v->top = line + h - v->page;
}

bool vw_scroll(enum action a, int *top, int page, int lines)
{
	switch (a) {
	case ACT_UP: (*top)--; return true;
	case ACT_DOWN: (*top)++; return true;
	case ACT_PGUP: *top -= page; return true;
	case ACT_PGDN: *top += page; return true;
	case ACT_HOME: *top = 0; return true;
	case ACT_END: *top = lines; return true;
	default: return false;
	}
}

static int view_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct view *v = s->st;
	(void)kind;
	(void)ch;
	if (vw_scroll(a, &v->top, v->page, v->lines))
		return SK_HANDLED;
	switch (a) {
	case ACT_NONE: return SK_UNHANDLED;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV: {
		int step = a == ACT_LINK_NEXT ? 1 : -1;
		int i = next_link(v, v->cur + step, step);
		if (i < 0) /* round again from the other end */
			i = next_link(v, step > 0 ? 0 : v->data.n - 1, step);
		if (i >= 0) {
			v->cur = i;
			show_row(v, i);
		}
		return SK_HANDLED;
	}
	case ACT_OPEN:
		if (v->cur >= 0 && v->spec.open) {
			const struct vw_row *r = &v->data.rows[v->cur];
			if (v->spec.open(v->spec.ctx, r->link_kind, r->link_id))
				err_report();
			return SK_HANDLED;
		}
		return SK_UNHANDLED;
	default:
		if (v->spec.act && (!v->spec.can || v->spec.can(v->spec.ctx, a)))
			return v->spec.act(v->spec.ctx, a);
		return SK_UNHANDLED;
	}
}

static bool view_can(struct scr *s, enum action a)
{
	struct view *v = s->st;
	if (a == ACT_UP || a == ACT_DOWN || a == ACT_PGUP || a == ACT_PGDN || a == ACT_HOME ||
	    a == ACT_END || a == ACT_HELP || a == ACT_BACK || a == ACT_QUIT || a == ACT_REDRAW)
		return true;
	if (a == ACT_LINK_NEXT || a == ACT_LINK_PREV)
		return v->links;
	if (a == ACT_OPEN)
		return v->cur >= 0;
	if (!v->spec.act)
		return false;
	return !v->spec.can || v->spec.can(v->spec.ctx, a);
}

static unsigned view_keyctx(struct scr *s)
{
	struct view *v = s->st;
	if (v->spec.keys & KC_CONFLICT)
		return KC_CONFLICT | KC_MOVE | KC_HELPKEY;
	return KC_GLOBAL | KC_MOVE | v->spec.keys | (v->links ? KC_LINKS : 0);
}

static const char *view_title(struct scr *s)
{
	struct view *v = s->st;
	return v->spec.title;
}

static void view_free(struct scr *s)
{
	struct view *v = s->st;
	vw_data_free(&v->data);
	if (v->spec.free)
		v->spec.free(v->spec.ctx);
	free(v->spec.title);
	free(v);
}

const struct screen scr_view = {
    .name = N_("Record"),
    .ctx = KC_GLOBAL | KC_MOVE,
    .init = view_init,
    .draw = view_draw,
    .key = view_key,
    .free = view_free,
    .title = view_title,
    .can = view_can,
    .keyctx = view_keyctx,
};
