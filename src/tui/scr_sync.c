/*
 * Data exchange between a town's own database and the city's (DESIGN 4.8): the
 * exchange log (every file written and applied, when, by whom), writing the next
 * file for a site, applying one, and the conflicts, side by side, kept or taken.
 * Administrators only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/sync/sync.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/xalloc.h"

/* ---- one row of a list, as a view ---------------------------------------- */

struct rowview {
	char **labels, **cells;
	int n;
};

static int rowview_load(void *ctx, struct vw_data *d)
{
	struct rowview *r = ctx;
	for (int i = 0; i < r->n; i++)
		vw_add(d, false, r->labels[i], r->cells[i], NULL);
	return RD_OK;
}

static void rowview_free(void *ctx)
{
	struct rowview *r = ctx;
	for (int i = 0; i < r->n; i++) {
		free(r->labels[i]);
		free(r->cells[i]);
	}
	free(r->labels);
	free(r->cells);
	free(r);
}

static int open_row(struct lw *lw, const char *title)
{
	const struct pager_row *row = lw_current(lw);
	if (!row)
		return RD_OK;
	const struct pager_def *d = pager_def(lw_pager(lw));
	struct rowview *r = xcalloc(1, sizeof *r);
	r->labels = xcalloc((size_t)d->ncols, sizeof *r->labels);
	r->cells = xcalloc((size_t)d->ncols, sizeof *r->cells);
	for (int c = 0; c < d->ncols; c++) {
		if (d->cols[c].flags & PC_HIDDEN)
			continue;
		r->labels[r->n] = xstrdup(_(d->cols[c].label));
		r->cells[r->n++] = xstrdup(pager_show(d, c, row->cells[c]));
	}
	struct vw_spec spec = {
	    .title = xstrdup(title),
	    .load = rowview_load,
	    .free = rowview_free,
	    .ctx = r,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- writing and applying files --------------------------------------------- */

/*
 * Writes the exchange file for site *ctx (the city at a town, else the one named) to
 * path; RD_EXISTS, before any work, when the file is there and force is not set.
 */
static int export_write(void *ctx, const char *path, bool force)
{
	const int *site = ctx;
	int rc = outfile_check(path, force);
	if (rc == RD_EXISTS)
		return rc;
	struct sync_report r;
	if (rc || sync_export(tui.db, &tui.sc, *site, path, force, 0, &r)) {
		err_report();
		return RD_FAIL;
	}
	tui_changed();
	char *name = sync_site_name(tui.db, *site);
	tui_info(_("Wrote file %d for %s to %s: %d changes of %d records."), r.seq, name, path,
	         r.changes, r.records);
	free(name);
	return RD_OK;
}

/* A town's code (a new string), or NULL for the city (site 0) or a town without one. */
static char *town_code(int site)
{
	char *code = NULL;
	if (site)
		db_text(tui.db, &code, "SELECT code FROM town WHERE id = ?", "d", site);
	return code;
}

/* The site of the town a clerk named (its name or code); false once the reason is said. */
static bool site_named(const char *name, int *site)
{
	if (!name || !*name)
		return false;
	if (sync_site_named(tui.db, name, site)) {
		err_report();
		return false;
	}
	return true;
}

/* This database's site (0: the city's); false once the reason is said. */
static bool my_site(int *me)
{
	*me = 0;
	if (db_site(tui.db, me)) {
		err_report();
		return false;
	}
	return true;
}

/* The file name offered: the two sites and the file's number. */
static char *default_name(int site)
{
	struct tbl peers;
	int next = 1;
	if (!sync_peers(tui.db, &tui.sc, &peers)) {
		for (int i = 0; i < peers.nrows; i++)
			if (atoi(tbl_get(&peers, i, "site")) == site)
				next = atoi(tbl_get(&peers, i, "sent")) + 1;
		tbl_free(&peers);
	}
	int me = 0;
	db_site(tui.db, &me);
	char *a = town_code(me), *b = town_code(site);
	char *name = xasprintf("%s-to-%s-%d.sync", a ? a : "city", b ? b : "city", next);
	free(a);
	free(b);
	return name;
}

static void ask_path(int site)
{
	int *t = xmalloc(sizeof *t);
	*t = site;
	char *init = default_name(site);
	tui_save_as(_("Write the exchange file to:"), init, export_write, free, t);
	free(init);
}

static void export_to(void *ctx, const char *name)
{
	(void)ctx;
	int site;
	if (site_named(name, &site))
		ask_path(site);
}

static void export_start(void)
{
	int me;
	if (!my_site(&me))
		return;
	if (me) {
		ask_path(0); /* a town exchanges with the city only */
		return;
	}
	/* At the city: which town; the only one offered when there is one. */
	struct tbl peers;
	char *init = NULL;
	if (!sync_peers(tui.db, &tui.sc, &peers)) {
		if (peers.nrows == 1)
			init = xstrdup(tbl_get(&peers, 0, "name"));
		tbl_free(&peers);
	}
	tui_prompt(_("Write the next exchange file for (a town's name or code):"), init ? init : "",
	           export_to, NULL, NULL);
	free(init);
}

static void add_num(struct vw_data *d, bool mark, const char *label, int n)
{
	char num[24];
	snprintf(num, sizeof num, "%d", n);
	vw_add(d, mark && n > 0, label, num, NULL);
}

static void apply_path(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	struct sync_report r;
	int rc = sync_apply(tui.db, &tui.sc, path, &r);
	char *why = xstrdup(err_msg());
	if (!rc)
		tui_changed();
	struct vw_data *d = xcalloc(1, sizeof *d);
	d->ncells = 2;
	vw_add(d, false, _("File"), path, NULL);
	char *name = rc ? NULL : sync_site_name(tui.db, r.peer);
	char *res =
	    rc ? xstrdup(why)
	    : r.already
	        ? xasprintf(_("File %d from %s was applied before: nothing changed"), r.seq, name)
	        : xasprintf(_("Applied file %d from %s"), r.seq, name);
	vw_add(d, rc != RD_OK, _("Result"), res, NULL);
	free(res);
	free(name);
	free(why);
	if (!rc && !r.already) {
		add_num(d, false, _("Changes"), r.changes);
		add_num(d, false, _("Records"), r.records);
		add_num(d, true, _("Conflicts (changed here too)"), r.conflicts);
		add_num(d, false, _("The city's reference data kept"), r.kept);
	}
	vw_show_rows(_("Applying an exchange file"), d);
}

/* ---- keys: made at the city for a town, loaded at the town -------------------- */

/* Writes the key for site *ctx to path (RD_EXISTS, before any change, when the file is
   there and force is not set: the console asks, then calls again with force). */
static int key_write(void *ctx, const char *path, bool force)
{
	const int *site = ctx;
	int rc = sync_key_make(tui.db, &tui.sc, *site, path, force);
	if (rc == RD_EXISTS)
		return rc;
	if (rc) {
		err_report();
		return RD_FAIL;
	}
	tui_changed();
	char *name = sync_site_name(tui.db, *site);
	tui_info(_("Wrote the key for exchanging with %s to %s: carry it to that database's "
	           "administrator apart from the exchange files"),
	         name, path);
	free(name);
	return RD_OK;
}

static void key_for(void *ctx, const char *name)
{
	(void)ctx;
	int site;
	if (!site_named(name, &site))
		return;
	char *code = town_code(site);
	char *init = xasprintf("%s.key", code ? code : name);
	free(code);
	int *t = xmalloc(sizeof *t);
	*t = site;
	tui_save_as(_("Write the key to:"), init, key_write, free, t);
	free(init);
}

static void key_start(void)
{
	int me;
	if (!my_site(&me))
		return;
	if (me) {
		tui_error(
		    _("Keys are made at the city's database; this is a town's: L loads the key "
		      "file the city made for it"));
		return;
	}
	tui_prompt(_("Make the key for exchanging with (a town's name or code):"), "", key_for,
	           NULL, NULL);
}

static void key_load_path(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	int site;
	if (sync_key_load(tui.db, &tui.sc, path, &site)) {
		err_report();
		return;
	}
	tui_changed();
	char *name = sync_site_name(tui.db, site);
	tui_info(_("Loaded the key for exchanging with %s"), name);
	free(name);
}

/* The sites this database exchanges with: each one's key and the files it has had. */
static int peers_load(void *ctx, struct vw_data *d)
{
	(void)ctx;
	struct tbl t;
	if (sync_peers(tui.db, &tui.sc, &t))
		return RD_FAIL;
	if (!t.nrows)
		vw_add(d, false, _("Sites"),
		       _("none yet: a key makes one (K at the city, L at a town)"), NULL);
	for (int i = 0; i < t.nrows; i++) {
		/* When, to the minute: 2026-03-02T09:00:00+08:00 is shown 2026-03-02 09:00. */
		const char *at = tbl_get(&t, i, "keyed_at");
		char when[24];
		snprintf(when, sizeof when, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
		char *v = xasprintf(
		    _("key %s, in use since %s; files written %s, applied %s, acknowledged "
		      "by that site %s"),
		    tbl_get(&t, i, "key_id"), when, tbl_get(&t, i, "sent"),
		    tbl_get(&t, i, "applied"), tbl_get(&t, i, "acked"));
		vw_add(d, false, tbl_get(&t, i, "name"), v, NULL);
		free(v);
	}
	tbl_free(&t);
	return RD_OK;
}

static void peers_show(void)
{
	struct vw_spec vs = {
	    .title = xstrdup(_("Sites this database exchanges with")),
	    .load = peers_load,
	};
	tui_push(&scr_view, &vs);
}

/* ---- the exchange log --------------------------------------------------------- */

struct xlog {
	struct lw *lw;
	char info[128];
};

static int log_init(struct scr *s, void *arg)
{
	(void)arg;
	if (scope_require_admin(&tui.sc))
		return err_set(RD_DENIED,
		               _("Only an administrator exchanges data with other sites"));
	struct xlog *x = xcalloc(1, sizeof *x);
	x->lw = lw_new(sync_listing_files(tui.db, &tui.sc));
	s->st = x;
	return RD_OK;
}

static void log_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct xlog *x = s->st;
	lw_draw(x->lw, w, 0, 0, rows, cols);
}

static bool log_can(struct scr *s, enum action a)
{
	struct xlog *x = s->st;
	switch (a) {
	case ACT_SYNC_EXPORT:
	case ACT_SYNC_APPLY:
	case ACT_SYNC_CONFLICTS:
	case ACT_SYNC_KEY:
	case ACT_SYNC_KEY_LOAD:
	case ACT_SYNC_PEERS: return true;
	default: return lw_can(x->lw, a);
	}
}

static int log_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct xlog *x = s->st;
	(void)kind;
	(void)ch;
	switch (a) {
	case ACT_OPEN: open_row(x->lw, _("Exchange file")); return SK_HANDLED;
	case ACT_SYNC_EXPORT: export_start(); return SK_HANDLED;
	case ACT_SYNC_APPLY:
		tui_prompt(_("Apply the exchange file:"), "", apply_path, NULL, NULL);
		return SK_HANDLED;
	case ACT_SYNC_CONFLICTS: tui_push(&scr_sync_conflicts, NULL); return SK_HANDLED;
	case ACT_SYNC_KEY: key_start(); return SK_HANDLED;
	case ACT_SYNC_KEY_LOAD:
		tui_prompt(_("Load the key file:"), "", key_load_path, NULL, NULL);
		return SK_HANDLED;
	case ACT_SYNC_PEERS: peers_show(); return SK_HANDLED;
	default: return lw_key(x->lw, a);
	}
}

static const char *log_info(struct scr *s)
{
	struct xlog *x = s->st;
	int64_t n = 0;
	sync_open_conflicts(tui.db, &tui.sc, &n);
	if (!n)
		return lw_info(x->lw);
	snprintf(x->info, sizeof x->info, _("%s, %lld conflicts open"), lw_info(x->lw),
	         (long long)n);
	return x->info;
}

static void log_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	struct xlog *l = s->st;
	if (lw_click(l->lw, y) && twice)
		log_key(s, ACT_OPEN, OK, '\n');
}

static void log_free(struct scr *s)
{
	struct xlog *x = s->st;
	lw_free(x->lw);
	free(x);
}

const struct screen scr_sync = {
    .name = N_("Data exchange"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_SYNC,
    .init = log_init,
    .draw = log_draw,
    .key = log_key,
    .free = log_free,
    .info = log_info,
    .can = log_can,
    .click = log_click,
};

/* ---- conflicts ----------------------------------------------------------------- */

struct side {
	int64_t id;
	bool open;
};

static int side_load(void *ctx, struct vw_data *d)
{
	struct side *c = ctx;
	d->ncells = 3;
	struct pager *p = sync_listing_conflicts(tui.db, &tui.sc, true);
	struct pager_row row;
	int rc = pager_get(p, c->id, &row);
	if (rc) {
		pager_free(p);
		return rc;
	}
	const struct pager_def *def = pager_def(p);
	static const char *const meta[] = {"entity",      "record", "site",
	                                   "detected_at", "seq",    "resolution"};
	for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) {
		int col = pager_col_index(def, meta[i]);
		vw_add(d, false, _(def->cols[col].label), pager_show(def, col, row.cells[col]),
		       NULL);
	}
	c->open = !strcmp(row.cells[pager_col_index(def, "resolution")], "open");
	pager_row_free(&row, def->ncols);
	pager_free(p);
	struct tbl t;
	if ((rc = sync_conflict_compare(tui.db, &tui.sc, c->id, &t)))
		return rc;
	/* What differs: the fields of each row of the record the two sides hold apart. */
	const char *last_table = "", *last_row = "";
	for (int r = 0; r < t.nrows; r++) {
		const char *table = tbl_get(&t, r, "table"), *rowkey = tbl_get(&t, r, "row");
		if (!*tbl_get(&t, r, "differs"))
			continue;
		if (strcmp(last_row, rowkey) || strcmp(last_table, table)) {
			last_table = table;
			last_row = rowkey;
			char *h = xasprintf("%s %s", vocab_entity(table), rowkey);
			vw_add(d, false, "", "", NULL);
			vw_heading(d, h, _("Ours"), _("Theirs"));
			free(h);
		}
		const char *field = tbl_get(&t, r, "field"), *words = vocab_field_in(table, field);
		bool coded = vocab_has(words);
		char *mine = sync_value_shown(tui.db, table, field, tbl_get(&t, r, "mine"));
		char *theirs = sync_value_shown(tui.db, table, field, tbl_get(&t, r, "theirs"));
		vw_add(d, true, vocab_column(field), coded ? vocab_label(words, mine) : mine,
		       coded ? vocab_label(words, theirs) : theirs);
		free(mine);
		free(theirs);
	}
	tbl_free(&t);
	return RD_OK;
}

struct resolving {
	int64_t id;
	bool mine;
};

static void resolve_answer(void *ctx, bool yes)
{
	struct resolving *r = ctx;
	if (yes) {
		char *what = sync_conflict_what(tui.db, r->id);
		if (sync_resolve(tui.db, &tui.sc, r->id, r->mine))
			err_report();
		else {
			tui_changed();
			tui_info(
			    r->mine
			        ? _("Kept our version of %s; the other site gets it with the next "
			            "file.")
			        : _("Took the other site's version of %s; it gets the record as it "
			            "now is with the next file."),
			    what);
		}
		free(what);
	}
	free(r);
}

static int side_act(void *ctx, enum action a)
{
	struct side *c = ctx;
	if (a != ACT_KEEP_MINE && a != ACT_TAKE_THEIRS)
		return SK_UNHANDLED;
	if (!c->open) {
		tui_error(_("This conflict is resolved already"));
		return SK_HANDLED;
	}
	struct resolving *r = xcalloc(1, sizeof *r);
	r->id = c->id;
	r->mine = a == ACT_KEEP_MINE;
	char *what = sync_conflict_what(tui.db, c->id);
	char *q =
	    xasprintf(r->mine ? _("Keep our version of %s, and drop the other site's changes?")
	                      : _("Take the other site's changes of %s over ours?"),
	              what);
	tui_ask(q, resolve_answer, r);
	free(q);
	free(what);
	return SK_HANDLED;
}

static bool side_can(void *ctx, enum action a)
{
	struct side *c = ctx;
	return (a == ACT_KEEP_MINE || a == ACT_TAKE_THEIRS) && c->open;
}

struct confl {
	struct lw *lw;
};

static int conf_init(struct scr *s, void *arg)
{
	(void)arg;
	if (scope_require_admin(&tui.sc))
		return err_set(RD_DENIED,
		               _("Only an administrator exchanges data with other sites"));
	struct confl *c = xcalloc(1, sizeof *c);
	c->lw = lw_new(sync_listing_conflicts(tui.db, &tui.sc, false));
	s->st = c;
	return RD_OK;
}

static void conf_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct confl *c = s->st;
	lw_draw(c->lw, w, 0, 0, rows, cols);
}

static int conf_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct confl *c = s->st;
	(void)kind;
	(void)ch;
	if (a != ACT_OPEN)
		return lw_key(c->lw, a);
	const struct pager_row *r = lw_current(c->lw);
	if (!r)
		return SK_HANDLED;
	struct side *sd = xcalloc(1, sizeof *sd);
	sd->id = r->id;
	char *what = sync_conflict_what(tui.db, r->id);
	struct vw_spec spec = {
	    .title = xasprintf(_("Conflict: %s"), what),
	    .keys = KC_SYNC_CONFLICT,
	    .load = side_load,
	    .act = side_act,
	    .can = side_can,
	    .free = free,
	    .ctx = sd,
	};
	free(what);
	tui_push(&scr_view, &spec);
	return SK_HANDLED;
}

static bool conf_can(struct scr *s, enum action a)
{
	struct confl *c = s->st;
	return lw_can(c->lw, a);
}

static const char *conf_info(struct scr *s)
{
	struct confl *c = s->st;
	return lw_info(c->lw);
}

static void conf_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	struct confl *c = s->st;
	if (lw_click(c->lw, y) && twice)
		conf_key(s, ACT_OPEN, OK, '\n');
}

static void conf_free(struct scr *s)
{
	struct confl *c = s->st;
	lw_free(c->lw);
	free(c);
}

const struct screen scr_sync_conflicts = {
    .name = N_("Exchange conflicts"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST,
    .init = conf_init,
    .draw = conf_draw,
    .key = conf_key,
    .free = conf_free,
    .info = conf_info,
    .can = conf_can,
    .click = conf_click,
};
