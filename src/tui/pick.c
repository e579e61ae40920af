#include "config.h"

#include <stdlib.h>

#include "tui/list.h"
#include "tui/pick.h"
#include "util/err.h"
#include "util/i18n.h"
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
	return RD_OK;
}

static void pick_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct pick *k = s->st;
	lw_draw(k->lw, w, 0, 0, rows, cols);
}

static int pick_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct pick *k = s->st;
	(void)kind;
	(void)ch;
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
