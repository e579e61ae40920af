#include "config.h"

#include <stdlib.h>
#include <wctype.h>

#include "tui/list.h"
#include "tui/pick.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct pick {
	struct pick_spec spec;
	struct lw *lw;
};

static int pick_init(struct scr *s, void *arg)
{
	struct pick *k = xcalloc(1, sizeof *k);
	k->spec = *(struct pick_spec *)arg;
	k->lw = lw_new(k->spec.p);
	s->st = k;
	if (k->spec.typed[0])
		lw_filter_typed(k->lw, k->spec.typed);
	return RD_OK;
}

/* A character that no key of a list means (a Chinese one): the start of a filter. */
static bool starts_filter(int kind, wint_t ch)
{
	return kind == OK && ch >= 0x80 && iswprint(ch);
}

static void pick_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct pick *k = s->st;
	lw_draw(k->lw, w, 0, 0, rows, cols);
}

static int pick_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct pick *k = s->st;
	if (starts_filter(kind, ch)) {
		char *typed = u8_from_wcs((const wchar_t[]){(wchar_t)ch, 0});
		lw_filter_typed(k->lw, typed);
		free(typed);
		return SK_HANDLED;
	}
	if (a == ACT_CHOOSE) {
		const struct pager_row *r = lw_current(k->lw);
		if (!r)
			return SK_HANDLED;
		k->spec.done(k->spec.ctx, r->cells[k->spec.col]);
		return SK_CLOSE;
	}
	if (a == ACT_MARK || a == ACT_MARK_PAGE || a == ACT_UNMARK || a == ACT_OPEN)
		return SK_HANDLED;
	return lw_key(k->lw, a);
}

static bool pick_can(struct scr *s, enum action a)
{
	struct pick *k = s->st;
	if (a == ACT_MARK || a == ACT_MARK_PAGE || a == ACT_UNMARK || a == ACT_OPEN)
		return false;
	return lw_can(k->lw, a);
}

static void pick_click(struct scr *s, int y, int x, bool twice)
{
	struct pick *k = s->st;
	(void)x;
	if (lw_click(k->lw, y) && twice && pick_key(s, ACT_CHOOSE, OK, '\n') == SK_CLOSE)
		tui_close(s);
}

static const char *pick_title(struct scr *s)
{
	struct pick *k = s->st;
	return k->spec.title;
}

static const char *pick_info(struct scr *s)
{
	struct pick *k = s->st;
	return lw_info(k->lw);
}

static void pick_free(struct scr *s)
{
	struct pick *k = s->st;
	lw_free(k->lw);
	free(k->spec.title);
	free(k);
}

const struct screen scr_pick = {
    .name = N_("Pick"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_PICK | KC_LIST,
    .init = pick_init,
    .draw = pick_draw,
    .key = pick_key,
    .free = pick_free,
    .title = pick_title,
    .info = pick_info,
    .can = pick_can,
    .click = pick_click,
};

/* ---- picking one or several records for a step ------------------------------ */

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

const struct screen scr_mpick = {
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
