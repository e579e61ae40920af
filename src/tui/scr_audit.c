/*
 * The audit trail: every row (the million-row list), or one record's
 * history; an audit row's change field by field; verifying the chain.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/listing.h"
#include "model/core/vocab.h"
#include "tui/list.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct aud {
	struct lw *lw;
	char *title;
	bool whole; /* the whole trail, not one record's history */
};

/* An audit row kept for its view. */
struct arow {
	char **cells;
	int ncols;
	const struct pager_def *def;
};

static int row_load(void *ctx, struct vw_data *d)
{
	struct arow *a = ctx;
	const struct pager_def *pd = a->def;
	d->ncells = 3;
	int before = pager_col_index(pd, "before"), after = pager_col_index(pd, "after");
	for (int c = 0; c < pd->ncols; c++)
		if (!(pd->cols[c].flags & PC_HIDDEN))
			vw_add(d, false, _(pd->cols[c].label), pager_show(pd, c, a->cells[c]),
			       NULL);
	struct listing_change *ch;
	int n;
	if (listing_audit_changes(tui.db, a->cells[before], a->cells[after], &ch, &n))
		return RD_FAIL;
	if (n) {
		vw_add(d, false, "", "", NULL);
		vw_heading(d, _("Field"), _("Before"), _("After"));
	}
	/* The column's name and the codes it holds in words (model/core/vocab.h). */
	for (int i = 0; i < n; i++) {
		const char *f = ch[i].field;
		bool coded = vocab_has(f);
		vw_add(d, strcmp(ch[i].before, ch[i].after) != 0, vocab_column(f),
		       coded ? vocab_out(f, ch[i].before) : ch[i].before,
		       coded ? vocab_out(f, ch[i].after) : ch[i].after);
	}
	listing_changes_free(ch, n);
	return RD_OK;
}

static void row_free(void *ctx)
{
	struct arow *a = ctx;
	for (int i = 0; i < a->ncols; i++)
		free(a->cells[i]);
	free(a->cells);
	free(a);
}

static int open_row(const struct pager_def *d, const struct pager_row *r)
{
	struct arow *a = xcalloc(1, sizeof *a);
	a->def = d;
	a->ncols = d->ncols;
	a->cells = xcalloc((size_t)d->ncols, sizeof *a->cells);
	for (int i = 0; i < d->ncols; i++)
		a->cells[i] = xstrdup(r->cells[i]);
	struct vw_spec spec = {
	    .title = xasprintf(_("Audit row %s"), r->cells[pager_col_index(d, "id")]),
	    .load = row_load,
	    .free = row_free,
	    .ctx = a,
	};
	return tui_push(&scr_view, &spec);
}

struct verified {
	int64_t n, bad;
};

static int verify_run(void *arg)
{
	struct verified *v = arg;
	return audit_verify(tui.db, &v->n, &v->bad);
}

int scr_audit_verify(bool say_intact)
{
	struct verified v = {0, 0};
	bool cancelled;
	int rc = pg_work(_("Verifying the audit trail"), verify_run, &v, &cancelled);
	if (cancelled)
		tui_info(_("Verification cancelled."));
	else if (rc)
		tui_error(_("The audit trail is broken at row %lld: %s"), (long long)v.bad,
		          err_msg());
	else if (say_intact)
		tui_info(_("The audit trail is intact: %lld rows verified."), (long long)v.n);
	return rc;
}

static int aud_init(struct scr *s, void *arg)
{
	struct audit_arg *a = arg;
	struct aud *u = xcalloc(1, sizeof *u);
	u->whole = !a;
	u->lw = lw_new(listing_audit(tui.db, &tui.sc, a ? a->entity : NULL, a ? a->id : 0));
	u->title = a ? xasprintf(_("History of %s"), a->what && *a->what ? a->what : a->entity)
	             : xstrdup(_("Audit trail"));
	s->st = u;
	return RD_OK;
}

static bool aud_can(struct scr *s, enum action a)
{
	struct aud *u = s->st;
	switch (a) {
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_HISTORY:
	case ACT_IMPORT: return false;
	case ACT_VERIFY: return u->whole && scope_is_admin(&tui.sc);
	default: return lw_can(u->lw, a);
	}
}

static int aud_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct aud *u = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *r = lw_current(u->lw);
	switch (a) {
	case ACT_OPEN:
		if (r && open_row(pager_def(lw_pager(u->lw)), r))
			err_report();
		return SK_HANDLED;
	case ACT_VERIFY:
		if (aud_can(s, a))
			scr_audit_verify(true);
		else
			tui_error(_("Only an administrator verifies the whole audit trail"));
		return SK_HANDLED;
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_HISTORY:
	case ACT_IMPORT: tui_error(_("The audit trail is never changed")); return SK_HANDLED;
	default: return lw_key(u->lw, a);
	}
}

static const char *aud_title(struct scr *s)
{
	struct aud *u = s->st;
	return u->title;
}

static void aud_free(struct scr *s)
{
	struct aud *u = s->st;
	lw_free(u->lw);
	free(u->title);
	free(u);
}

const struct screen scr_audit = {
    .name = N_("Audit trail"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD,
    .init = aud_init,
    .draw = lw_scr_draw,
    .key = aud_key,
    .free = aud_free,
    .title = aud_title,
    .info = lw_scr_info,
    .can = aud_can,
    .click = lw_scr_click,
};

int scr_history(const char *entity, int64_t id, const char *what)
{
	struct audit_arg a = {entity, id, what};
	return tui_push(&scr_audit, &a);
}
