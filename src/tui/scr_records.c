/*
 * The one list screen and the one record page of the modules of the registry
 * (modscr.h): a module's records through its model's listing, with the
 * filters of its select form, its searches and its overdue toggle; Enter
 * opens a record's page (its fields, its sub-lists, its history); x offers
 * the workflow's steps (scr_step.c). What is special to a module comes from
 * its console callbacks.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/module.h"
#include "model/core/vocab.h"
#include "model/finance/ftab.h"
#include "model/flow/flow.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/list.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* ---- the filter of a list, its strings owned ---------------------------------- */

struct ofilter {
	struct filter f;
};

static void of_set(struct ofilter *o, const char *key, const char *val)
{
	const char *old = filter_get(&o->f, key);
	char *copy = val && *val ? xstrdup(val) : NULL;
	filter_set(&o->f, key, copy);
	free((char *)old);
}

static void of_free(struct ofilter *o)
{
	for (int i = 0; i < o->f.n; i++)
		free((char *)o->f.val[i]);
	memset(o, 0, sizeof *o);
}

static void of_copy(struct ofilter *to, const struct ofilter *from)
{
	memset(to, 0, sizeof *to);
	for (int i = 0; i < from->f.n; i++)
		of_set(to, from->f.key[i], from->f.val[i]);
}

/* Reads "k=v;k=v" (keys of the module's filters) into o. */
static void of_parse(struct ofilter *o, const struct mod_model *m, const char *spec)
{
	for (const char *p = spec; p && *p;) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		char *pair = xstrndup(p, n);
		char *eq = strchr(pair, '=');
		if (eq) {
			*eq = '\0';
			const struct mod_filter *mf = mod_filter_find(m, pair);
			if (mf)
				of_set(o, mf->key, eq + 1);
		}
		free(pair);
		p = semi ? semi + 1 : NULL;
	}
}

char *mods_name(const struct module *m, const char *number, int64_t id)
{
	char *raw = mod_name(number, id);
	struct sbuf b = SBUF_INIT;
	sbuf_subst(&b, _(m->console->one), (const char *const *)&raw, 1);
	free(raw);
	return sbuf_take(&b);
}

/* ---- the record's page ------------------------------------------------------- */

struct page {
	const struct module *m;
	int64_t id;
	char *name; /* its number, or #id */
};

/* An amount in yuan as stored ("1970000.00") with its thousands grouped for reading
   ("1,970,000.00"); any other text as it is. A new string. */
static char *yuan(const char *v)
{
	long long fen;
	char out[40];
	if (!valid_money(v, &fen))
		return xstrdup(v);
	fin_money_grouped(fen, out);
	return xstrdup(out);
}

/* The step of a history row, in the page's words. */
static void event_row(const struct wf_def *w, const struct tbl *t, int r, struct vw_data *d)
{
	const char *from = tbl_get(t, r, "from"), *to = tbl_get(t, r, "to");
	const char *unit = tbl_get(t, r, "unit"), *text = tbl_get(t, r, "text");
	enum role role;
	const char *rn = tbl_get(t, r, "role");
	struct sbuf b = SBUF_INIT;
	/* TRANSLATORS: a step in a record's history: the account, its role and the step. */
	sbuf_printf(&b, _("%s (%s): %s"), tbl_get(t, r, "account"),
	            role_parse(rn, &role) ? role_label(role) : rn,
	            flow_done_label(w, tbl_get(t, r, "action")));
	const char *eval = tbl_get(t, r, "evaluation");
	if (*eval)
		sbuf_printf(&b, _(": %s"), vocab_out("evaluation", eval));
	if (*from && strcmp(from, to))
		sbuf_printf(&b, "\n%s %s %s", flow_state_label(w, from), u8_ascii() ? "->" : "→",
		            flow_state_label(w, to));
	if (*unit)
		sbuf_printf(&b, "%s%s", *from && strcmp(from, to) ? _("; ") : "\n", unit);
	if (*text) {
		/* A text that ends in a code ("names: confirm") shows its word. */
		char *words = vocab_out_words("text", text);
		sbuf_printf(&b, "\n%s", words);
		free(words);
	}
	char *at = dr_minute(tbl_get(t, r, "at"));
	vw_add(d, false, at, sbuf_str(&b), NULL);
	free(at);
	sbuf_free(&b);
}

static int page_load(void *ctx, struct vw_data *d)
{
	struct page *p = ctx;
	const struct module *m = p->m;
	const struct mod_console *mc = m->console;
	struct tbl rec;
	int rc = m->model->record(tui.db, &tui.sc, p->id, &rec);
	if (rc)
		return rc;
	bool late = !strcmp(tbl_get(&rec, 0, "overdue"), "1");
	d->ncells = 2;
	for (int i = 0; i < mc->nfields; i++) {
		const struct mod_field *f = &mc->fields[i];
		char *v = mc->show ? mc->show(&rec, f->key) : NULL;
		if (!v)
			v = f->flags & MV_MINUTE  ? dr_minute(tbl_get(&rec, 0, f->key))
			    : f->flags & MV_MONEY ? yuan(tbl_get(&rec, 0, f->key))
			                          : xstrdup(tbl_get(&rec, 0, f->key));
		if (*v || !(f->flags & MV_SKIP_EMPTY))
			vw_add(d, late && (f->flags & MV_LATE), _(f->label), v, NULL);
		free(v);
	}
	free(p->name);
	p->name = mod_name(tbl_get(&rec, 0, m->model->number_key), p->id);
	tbl_free(&rec);
	for (int i = 0; i < m->model->nparts; i++) {
		const struct mod_part *part = &m->model->parts[i];
		struct tbl t;
		if (part->read(tui.db, &tui.sc, p->id, &t)) {
			err_clear();
			continue;
		}
		if (t.nrows) {
			vw_add(d, false, "", "", NULL);
			vw_heading(d, _(part->label), "", NULL);
		}
		for (int r = 0; r < t.nrows; r++)
			mc->part_row(part->key, &t, r, d);
		tbl_free(&t);
	}
	struct tbl ev;
	if (m->flow && !flow_events(tui.db, &tui.sc, m->flow, p->id, &ev)) {
		vw_add(d, false, "", "", NULL);
		vw_heading(d, _("History"), _("Who, what, the text given"), NULL);
		for (int r = 0; r < ev.nrows; r++)
			event_row(m->flow, &ev, r, d);
		tbl_free(&ev);
	}
	return RD_OK;
}

static bool page_can(void *ctx, enum action a)
{
	struct page *p = ctx;
	switch (a) {
	case ACT_STEP: return p->m->flow && scope_can_write(&tui.sc);
	case ACT_HISTORY: return true;
	default: return p->m->console->can && p->m->console->can(a);
	}
}

static int page_act(void *ctx, enum action a)
{
	struct page *p = ctx;
	const struct mod_console *mc = p->m->console;
	int rc = RD_OK;
	switch (a) {
	case ACT_STEP: rc = mods_steps(p->m, p->id); break;
	case ACT_HISTORY: rc = scr_history(p->m->name, p->id, p->name); break;
	default:
		if (!mc->act || !mc->keys || !key_find(mc->keys, a))
			return SK_UNHANDLED;
		rc = mc->act(a, p->id, p->name);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static void page_free(void *ctx)
{
	struct page *p = ctx;
	free(p->name);
	free(p);
}

int mods_page(const struct module *m, int64_t id)
{
	struct tbl rec;
	if (m->model->record(tui.db, &tui.sc, id, &rec))
		return RD_NOTFOUND;
	struct page *p = xcalloc(1, sizeof *p);
	p->m = m;
	p->id = id;
	p->name = mod_name(tbl_get(&rec, 0, m->model->number_key), id);
	struct sbuf title = SBUF_INIT;
	sbuf_subst(&title, _(m->console->page_title),
	           (const char *const[]){p->name, tbl_get(&rec, 0, "title")}, 2);
	tbl_free(&rec);
	struct vw_spec spec = {
	    .title = sbuf_take(&title),
	    .keys = KC_RECORD | (m->flow ? KC_WORKFLOW : 0) | m->console->keys,
	    .load = page_load,
	    .act = page_act,
	    .can = page_can,
	    .free = page_free,
	    .ctx = p,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the list ------------------------------------------------------------------ */

struct rl {
	struct lw *lw; /* first: the list screens' callbacks (list.h) find it there */
	const struct module *m;
	struct ofilter sel;
	char *title;
	int overdue, due_soon; /* columns of the markers (1 or 0), -1 when none */
};

/* Overdue records in bold (and red), due-soon ones in bold (and yellow); a column says which. */
static attr_t row_attr(void *ctx, const struct pager_row *r)
{
	struct rl *l = ctx;
	if (l->overdue >= 0 && !strcmp(r->cells[l->overdue], "1"))
		return dr_attr(DR_OVERDUE);
	if (l->due_soon >= 0 && !strcmp(r->cells[l->due_soon], "1"))
		return dr_attr(DR_SOON);
	return A_NORMAL;
}

/* The title: the module and what the filters keep, a code as the list shows it. */
static char *list_title(const struct module *m, const struct filter *f, const struct pager_def *def)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, _(m->label));
	/* TRANSLATORS: between a list's title and the first of its filters. */
	const char *sep = _(": ");
	for (int i = 0; i < m->model->nfilters; i++) {
		const struct mod_filter *mf = &m->model->filters[i];
		const char *v = filter_get(f, mf->key);
		if (!v || (mf->type == MF_FLAG && !filter_flag(f, mf->key)))
			continue;
		sbuf_puts(&b, sep);
		sep = _(", ");
		if (mf->type == MF_STATE)
			sbuf_puts(&b, strcmp(v, "open") ? flow_state_label(m->flow, v)
			              : mf->title       ? _(mf->title)
			                                : _("still being handled"));
		else if (mf->type == MF_FLAG)
			sbuf_puts(&b, _(mf->title));
		else {
			/* A code in its words: "red" is 红色, "in_force" 现行有效 */
			int col = pager_col_index(def, mf->key);
			if (col >= 0)
				v = pager_show(def, col, v);
			else if (vocab_has(mf->key))
				v = vocab_out(mf->key, v);
			sbuf_subst(&b, _(mf->title), &v, 1);
		}
	}
	return sbuf_take(&b);
}

/* Builds the list for the filter (keeping the words typed in the list's filter). */
static int rl_rebuild(struct rl *l)
{
	struct pager *p;
	int rc = l->m->model->listing(tui.db, &tui.sc, &l->sel.f, &p);
	if (rc)
		return rc;
	if (l->lw) {
		pager_filter(p, pager_filter_text(lw_pager(l->lw)));
		lw_free(l->lw);
	}
	l->lw = lw_new(p);
	l->overdue = pager_col_index(pager_def(p), "overdue");
	l->due_soon = pager_col_index(pager_def(p), "due_soon");
	lw_set_row_attr(l->lw, row_attr, l);
	free(l->title);
	l->title = list_title(l->m, &l->sel.f, pager_def(p));
	return RD_OK;
}

/* Changes the filter to s (taken); on an error the list stays as it was. */
static int rl_select(struct rl *l, struct ofilter *s)
{
	struct ofilter old = l->sel;
	l->sel = *s;
	int rc = rl_rebuild(l);
	if (rc) {
		of_free(&l->sel);
		l->sel = old;
		return rc;
	}
	of_free(&old);
	return RD_OK;
}

/* Sets one filter (NULL or "" removes it) and builds the list again. */
static int rl_set(struct rl *l, const char *key, const char *val)
{
	struct ofilter s;
	of_copy(&s, &l->sel);
	of_set(&s, key, val);
	return rl_select(l, &s);
}

static void search_done(void *ctx, const char *text)
{
	if (text && rl_set(ctx, "search", text))
		err_report();
}

static void regex_done(void *ctx, const char *text)
{
	if (text && rl_set(ctx, "regex", text))
		err_report();
}

static int select_save(void *ctx, char *const *v, int64_t version)
{
	struct rl *l = ctx;
	(void)version;
	const struct form_def *d = form_find(l->m->console->select_form);
	struct ofilter s = {0};
	for (int i = 0; d && i < d->nfields; i++)
		if (mod_filter_find(l->m->model, d->fields[i].key))
			of_set(&s, d->fields[i].key, v[i]);
	/* A flag set to "no" is no filter at all. */
	for (int i = 0; i < l->m->model->nfilters; i++) {
		const struct mod_filter *mf = &l->m->model->filters[i];
		if (mf->type == MF_FLAG && !filter_flag(&s.f, mf->key))
			of_set(&s, mf->key, NULL);
	}
	return rl_select(l, &s);
}

static int open_select(struct rl *l)
{
	const struct form_def *d = form_find(l->m->console->select_form);
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"),
		               l->m->console->select_form);
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const struct mod_filter *mf = mod_filter_find(l->m->model, k);
		const char *v = filter_get(&l->sel.f, k);
		if (mf && mf->type == MF_FLAG)
			v = filter_flag(&l->sel.f, k) ? "yes" : "no";
		values[i] = xstrdup(v ? v : "");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = select_save,
	    .done = N_("Shown as chosen."),
	    .ctx = l,
	};
	return tui_push(&scr_form, &spec);
}

static int rl_init(struct scr *s, void *arg)
{
	struct rl *l = xcalloc(1, sizeof *l);
	const struct module *const *m = arg;
	l->m = m[0];
	of_parse(&l->sel, l->m->model, (const char *)m[1]);
	int rc = rl_rebuild(l);
	if (rc) {
		of_free(&l->sel);
		free(l);
		return rc;
	}
	s->st = l;
	return RD_OK;
}

/* Whether the module's list has a filter of that key. */
static bool has(const struct rl *l, const char *key)
{
	return mod_filter_find(l->m->model, key) != NULL;
}

static bool rl_can(struct scr *s, enum action a)
{
	struct rl *l = s->st;
	const struct mod_console *mc = l->m->console;
	switch (a) {
	case ACT_ADD: return mc->may_add && mc->may_add();
	case ACT_IMPORT: return mc->import && mc->may_add && mc->may_add();
	case ACT_STEP: return l->m->flow && scope_can_write(&tui.sc) && lw_current(l->lw);
	case ACT_SELECT: return mc->select_form != NULL;
	case ACT_CASE_SEARCH: return has(l, "search");
	case ACT_CASE_REGEX: return has(l, "regex");
	case ACT_CASE_OVERDUE: return has(l, "overdue");
	case ACT_HISTORY: return true;
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_VERIFY:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return false;
	case ACT_SEARCH:
	case ACT_NEXT:
	case ACT_PREV: return !has(l, "search") && lw_can(l->lw, a);
	default:
		if (mc->can && mc->can(a))
			return lw_current(l->lw) != NULL;
		return lw_can(l->lw, a);
	}
}

static unsigned rl_keyctx(struct scr *s)
{
	struct rl *l = s->st;
	unsigned ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | l->m->console->keys;
	if (l->m->flow)
		ctx |= KC_WORKFLOW;
	if (has(l, "search"))
		ctx |= KC_CASE;
	return ctx;
}

static int rl_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct rl *l = s->st;
	const struct mod_console *mc = l->m->console;
	(void)kind;
	(void)ch;
	const struct pager_row *r = lw_current(l->lw);
	const struct pager_def *d = pager_def(lw_pager(l->lw));
	char *name =
	    r ? mod_name(r->cells[pager_col_index(d, l->m->model->number_key)], r->id) : NULL;
	int rc = RD_OK, ret = SK_HANDLED;
	switch (a) {
	case ACT_OPEN:
		if (r)
			rc = mods_page(l->m, r->id);
		break;
	case ACT_ADD:
	case ACT_IMPORT:
		if (!rl_can(s, a) && (a == ACT_ADD ? mc->add : mc->import))
			tui_error(_("Your role (%s) does not record %s"), role_label(tui.sc.role),
			          _(l->m->items));
		else if (rl_can(s, a))
			rc = a == ACT_ADD ? mc->add() : mc->import();
		break;
	case ACT_STEP:
		if (!l->m->flow)
			break;
		if (!scope_can_write(&tui.sc))
			tui_error(_("A viewer reads and changes nothing"));
		else if (r)
			rc = mods_steps(l->m, r->id);
		break;
	case ACT_HISTORY:
		if (r)
			rc = scr_history(l->m->name, r->id, name);
		break;
	case ACT_SELECT:
		if (mc->select_form)
			rc = open_select(l);
		break;
	case ACT_EDIT:
	case ACT_DISABLE:
	case ACT_VERIFY:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: break;
	case ACT_CASE_SEARCH:
		if (!has(l, "search"))
			break;
		tui_prompt(_("Search (full text):"), filter_get(&l->sel.f, "search"), search_done,
		           NULL, l);
		break;
	case ACT_CASE_REGEX:
		if (!has(l, "regex"))
			break;
		tui_prompt(_("Regular expression:"), filter_get(&l->sel.f, "regex"), regex_done,
		           NULL, l);
		break;
	case ACT_CASE_OVERDUE:
		if (!has(l, "overdue"))
			break;
		rc = rl_set(l, "overdue", filter_flag(&l->sel.f, "overdue") ? NULL : "1");
		break;
	default:
		/* The module's own actions say themselves when they are refused. */
		if (mc->act && mc->keys && key_find(mc->keys, a)) {
			if (r)
				rc = mc->act(a, r->id, name);
		} else
			ret = lw_key(l->lw, a);
	}
	free(name);
	if (rc)
		err_report();
	return ret;
}

static const char *rl_title(struct scr *s)
{
	struct rl *l = s->st;
	return l->title;
}

static void rl_free(struct scr *s)
{
	struct rl *l = s->st;
	lw_free(l->lw);
	of_free(&l->sel);
	free(l->title);
	free(l);
}

static const struct screen scr_records = {
    .name = N_("Records"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_WORKFLOW | KC_CASE,
    .init = rl_init,
    .draw = lw_scr_draw,
    .key = rl_key,
    .free = rl_free,
    .title = rl_title,
    .info = lw_scr_info,
    .can = rl_can,
    .keyctx = rl_keyctx,
    .click = lw_scr_click,
};

int mods_list(const struct module *m, const char *filter)
{
	const void *arg[2] = {m, filter ? filter : ""};
	return tui_push(&scr_records, arg);
}

/* ---- the menu of a module ------------------------------------------------------- */

static const struct module *menu_module; /* one module menu at a time */

static int view_chosen(void *ctx, int i)
{
	(void)ctx;
	const struct module *m = menu_module;
	const struct mod_view *v = &m->console->views[i];
	const struct module *other = v->module ? module_find(v->module) : m;
	int rc = !other      ? err_set(RD_FAIL, _("no module '%s'"), v->module)
	         : v->filter ? mods_list(other, v->filter)
	                     : tui_push(&scr_stats, (void *)other->stats);
	if (rc)
		err_report();
	return SK_HANDLED;
}

int mods_open(const struct module *m)
{
	if (m->console->open)
		return m->console->open();
	static const char *labels[16], *descs[16];
	int n = m->console->nviews < 16 ? m->console->nviews : 16;
	for (int i = 0; i < n; i++) {
		labels[i] = m->console->views[i].label;
		descs[i] = m->console->views[i].desc;
	}
	menu_module = m;
	struct menu_spec spec = {m->label, n, labels, descs, view_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}
