/*
 * Reference data: one set of screens for every kind of ref_kinds[] (towns,
 * categories, units, offices, groups, stations, terms, sessions, calendar):
 * list, view, add, edit, set inactive, import from CSV, history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/cal.h"
#include "model/core/form.h"
#include "model/core/listing.h"
#include "model/core/ref.h"
#include "model/core/vocab.h"
#include "tui/formscr.h"
#include "tui/importscr.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define RS_MAXKINDS 64

struct rs {
	struct lw *lw; /* first: the list screens' callbacks (list.h) find it there */
	const struct ref_kind *k;
	const struct form_def *form; /* the kind's form, or NULL */
};

/* One record, for its form or view after the list moved on. */
struct one {
	const struct ref_kind *k;
	int64_t id;
	char *what; /* the record's name, for titles */
};

static int field_of(const struct ref_kind *k, const char *key)
{
	for (int i = 0; i < k->nfields; i++)
		if (!strcmp(k->fields[i].key, key))
			return i;
	return -1;
}

static bool may_write(const struct ref_kind *k)
{
	return ref_may_write(&tui.sc, k, tui.sc.town_id) == RD_OK;
}

static bool can_ref(const struct ref_kind *k, enum action a)
{
	switch (a) {
	case ACT_CAL_COUNT: return !strcmp(k->name, "calendar");
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_IMPORT: return may_write(k);
	case ACT_DISABLE: return may_write(k) && field_of(k, "active") >= 0;
	case ACT_VERIFY: return false;
	default: return true;
	}
}

static char *form_name(const struct ref_kind *k)
{
	return xasprintf("ref-%s", k->name);
}

static const struct form_def *kind_form(const struct ref_kind *k)
{
	char *name = form_name(k);
	const struct form_def *d = form_find(name);
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	free(name);
	return d;
}

static const char *what_of(const struct ref_kind *k, const struct pager_def *d,
                           const struct pager_row *r)
{
	int c = pager_col_index(d, listing_ref_pick(k));
	return c >= 0 ? r->cells[c] : "";
}

static struct one *one_new(const struct ref_kind *k, const struct pager_def *d,
                           const struct pager_row *r)
{
	struct one *o = xcalloc(1, sizeof *o);
	o->k = k;
	o->id = r ? r->id : 0;
	o->what = xstrdup(r ? what_of(k, d, r) : "");
	return o;
}

static void one_free(void *ctx)
{
	struct one *o = ctx;
	free(o->what);
	free(o);
}

/* The model's values (fields of the kind) from a form's values; NULL where the form has none. */
static void model_values(const struct ref_kind *k, const struct form_def *d, char *const *v,
                         const char **out)
{
	for (int i = 0; i < k->nfields; i++)
		out[i] = fs_value(d, v, k->fields[i].key);
}

static int add_save(void *ctx, char *const *v, int64_t version)
{
	struct one *o = ctx;
	(void)version;
	const char *vals[32] = {0};
	model_values(o->k, kind_form(o->k), v, vals);
	int64_t id;
	int rc = ref_add(tui.db, &tui.sc, o->k, vals, &id);
	if (!rc)
		lw_select_new(o->k->name, id); /* the kind's list shows it */
	return rc;
}

static int edit_save(void *ctx, char *const *v, int64_t version)
{
	struct one *o = ctx;
	const char *vals[32] = {0};
	model_values(o->k, kind_form(o->k), v, vals);
	return ref_edit(tui.db, &tui.sc, o->k, o->id, version, vals);
}

static int read_one(const struct ref_kind *k, int64_t id, struct pager **p, struct pager_row *r)
{
	*p = listing_ref(tui.db, &tui.sc, k);
	int rc = pager_get(*p, id, r);
	if (rc) {
		pager_free(*p);
		*p = NULL;
	}
	return rc;
}

static int64_t version_of(const struct pager *p, const struct pager_row *r)
{
	return strtoll(r->cells[pager_col_index(pager_def(p), "version")], NULL, 10);
}

static int edit_theirs(void *ctx, char ***values, int64_t *version)
{
	struct one *o = ctx;
	struct pager *p;
	struct pager_row r;
	int rc = read_one(o->k, o->id, &p, &r);
	if (rc)
		return rc;
	const struct form_def *d = kind_form(o->k);
	*values = fs_values_from_row(d, pager_def(p), &r);
	for (int i = 0; i < d->nfields; i++)
		if (!(*values)[i])
			(*values)[i] = xstrdup("");
	*version = version_of(p, &r);
	pager_row_free(&r, pager_def(p)->ncols);
	pager_free(p);
	return RD_OK;
}

static int open_add(const struct ref_kind *k)
{
	const struct form_def *d = kind_form(k);
	if (!d)
		return RD_FAIL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("New: %s"), _(d->title)),
	    .save = add_save,
	    .free = one_free,
	    .ctx = one_new(k, NULL, NULL),
	};
	return tui_push(&scr_form, &spec);
}

static int open_edit(const struct ref_kind *k, int64_t id)
{
	const struct form_def *d = kind_form(k);
	if (!d)
		return RD_FAIL;
	struct pager *p;
	struct pager_row r;
	if (read_one(k, id, &p, &r))
		return RD_NOTFOUND;
	struct one *o = one_new(k, pager_def(p), &r);
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("%s: %s"), _(d->title), o->what),
	    .values = fs_values_from_row(d, pager_def(p), &r),
	    .version = version_of(p, &r),
	    .save = edit_save,
	    .theirs = edit_theirs,
	    .free = one_free,
	    .ctx = o,
	    .entity = k->name,
	    .id = id,
	};
	pager_row_free(&r, pager_def(p)->ncols);
	pager_free(p);
	return tui_push(&scr_form, &spec);
}

struct inactive_job {
	const struct ref_kind *k;
	int n;
	int64_t *ids;
};

static void inactive_answer(void *ctx, bool yes)
{
	struct inactive_job *j = ctx;
	int done = 0, a = field_of(j->k, "active");
	for (int i = 0; yes && i < j->n; i++) {
		const char *vals[32] = {0};
		vals[a] = "0";
		if (ref_edit(tui.db, &tui.sc, j->k, j->ids[i], 0, vals)) {
			err_report();
			break;
		}
		done++;
	}
	if (yes && done == j->n)
		tui_info(
		    P_("%d record set inactive.", "%d records set inactive.", (unsigned long)done),
		    done);
	if (done)
		tui_changed();
	free(j->ids);
	free(j);
}

/* Asks, then sets the marked records (or the one given) inactive. */
static void ask_inactive(const struct ref_kind *k, struct lw *lw, int64_t id, const char *what)
{
	struct inactive_job *j = xcalloc(1, sizeof *j);
	j->k = k;
	const int64_t *marks;
	int n = lw ? lw_marked(lw, &marks) : 0;
	char *q;
	if (n) {
		j->ids = xcalloc((size_t)n, sizeof *j->ids);
		memcpy(j->ids, marks, sizeof *j->ids * (size_t)n);
		j->n = n;
		lw_unmark_all(lw);
		q = xasprintf(_("Set %d marked records inactive?"), n);
	} else {
		j->ids = xcalloc(1, sizeof *j->ids);
		j->ids[0] = id;
		j->n = 1;
		q = xasprintf(_("Set %s inactive?"), what);
	}
	tui_ask(q, inactive_answer, j);
	free(q);
}

static int run_import(void *ctx, const char *path, struct import_report *rep)
{
	return ref_import(tui.db, &tui.sc, ctx, path, rep);
}

/* Imports a CSV file with a progress box; shows the report. */
static void import_file(const struct ref_kind *k, const char *path)
{
	char *title = xasprintf(_("Importing %s into %s"), path, _(k->label));
	char *report = xasprintf(_("Import into %s"), _(k->label));
	struct imp_spec spec = {
	    .progress = title,
	    .report = report,
	    .run = run_import,
	    .ctx = (void *)k,
	};
	imp_run(&spec, path);
	free(report);
	free(title);
}

static void import_answer(void *ctx, const char *path)
{
	const struct ref_kind *k = ctx;
	if (path && *path)
		import_file(k, path);
}

/* The view of one record. */
static int view_load(void *ctx, struct vw_data *d)
{
	struct one *o = ctx;
	struct pager *p;
	struct pager_row r;
	int rc = read_one(o->k, o->id, &p, &r);
	if (rc)
		return rc;
	const struct pager_def *pd = pager_def(p);
	for (int c = 0; c < pd->ncols; c++)
		vw_add(d, false, _(pd->cols[c].label), pager_show(pd, c, r.cells[c]), NULL);
	pager_row_free(&r, pd->ncols);
	pager_free(p);
	return RD_OK;
}

static bool view_can(void *ctx, enum action a)
{
	struct one *o = ctx;
	if (a == ACT_ADD || a == ACT_IMPORT)
		return false;
	return can_ref(o->k, a);
}

static int view_act(void *ctx, enum action a)
{
	struct one *o = ctx;
	int rc = RD_OK;
	switch (a) {
	case ACT_EDIT: rc = open_edit(o->k, o->id); break;
	case ACT_HISTORY: rc = scr_history(o->k->name, o->id, o->what); break;
	case ACT_DISABLE: ask_inactive(o->k, NULL, o->id, o->what); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_view(const struct ref_kind *k, const struct pager_def *d, const struct pager_row *r)
{
	struct one *o = one_new(k, d, r);
	struct vw_spec spec = {
	    .title = xasprintf(_("%s: %s"), _(k->label), o->what),
	    .keys = KC_RECORD,
	    .load = view_load,
	    .act = view_act,
	    .can = view_can,
	    .free = one_free,
	    .ctx = o,
	};
	return tui_push(&scr_view, &spec);
}

/* Shows the values of choice fields as the kind's form names them ("town (congress presidium)"). */
static const char *choice_label(void *ctx, int col, const char *shown)
{
	struct rs *r = ctx;
	const struct form_def *d = r->form;
	const struct pager_def *pd = pager_def(lw_pager(r->lw));
	const struct form_field *ff = d ? form_field_find(d, pd->cols[col].key) : NULL;
	if (ff && ff->type == FT_CHOICE && ff->nchoices)
		return form_choice_label(ff, shown);
	return shown;
}

static int rs_init(struct scr *s, void *arg)
{
	struct rs *r = xcalloc(1, sizeof *r);
	r->k = arg;
	r->lw = lw_new(listing_ref(tui.db, &tui.sc, r->k));
	char *name = form_name(r->k);
	r->form = form_find(name);
	free(name);
	lw_set_cell_text(r->lw, choice_label, r);
	lw_select(r->lw, ref_opens_at(tui.db, r->k));
	s->st = r;
	return RD_OK;
}

/* ---- the working-day calculator of the calendar ------------------------------------ */

/* A day as a clerk reads it: "2026-10-08 周四，节假日 国庆节". A new string. */
static char *day_words(const struct cal *c, int day)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	char d[11];
	date_format(day, d);
	const char *name = NULL, *why = "";
	switch (cal_classify(c, day, &name)) {
	case CAL_WEEKDAY: why = _("a working day"); break;
	case CAL_WEEKEND: why = _("a weekend day off"); break;
	case CAL_OFF: why = _("a holiday"); break;
	case CAL_MAKEUP: why = _("a make-up working day"); break;
	}
	char *status = name && *name ? xasprintf("%s %s", why, name) : xstrdup(why);
	/* TRANSLATORS: a day, its weekday, and whether it is worked: 2026-10-08 Thu, a holiday */
	char *s =
	    xasprintf(_("%s %s, %s"), d, vocab_label("weekday", wd[date_weekday(day) - 1]), status);
	free(status);
	return s;
}

static int count_save(void *ctx, char *const *vals, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *f = form_find("calendar-count");
	const char *from_s = fs_value(f, vals, "from"), *to_s = fs_value(f, vals, "to"),
	           *n_s = fs_value(f, vals, "n"), *unit = fs_value(f, vals, "unit");
	bool has_to = to_s && *to_s, has_n = n_s && *n_s;
	if (has_to == has_n)
		return err_set(RD_INVALID, _("to: give a day to count up to, or a number to add "
		                             "(one of the two)"));
	int from, to = 0;
	if (!date_parse(from_s, &from) || (has_to && !date_parse(to_s, &to)))
		return err_set(RD_INVALID, _("from: not a day YYYY-MM-DD"));
	struct cal c;
	if (cal_load(tui.db, &c))
		return RD_FAIL;
	struct vw_data *d = xcalloc(1, sizeof *d);
	d->ncells = 2;
	char *w = day_words(&c, from);
	vw_add(d, false, _("Count from"), w, NULL);
	free(w);
	int last = to;
	if (has_to) {
		w = day_words(&c, to);
		vw_add(d, false, _("Up to"), w, NULL);
		free(w);
		char *n = xasprintf("%d", cal_workdays_between(&c, from, to));
		vw_add(d, true, _("Working days"), n, NULL);
		free(n);
	} else {
		last = cal_add_period(&c, from, atoi(n_s), unit && *unit ? unit : "workdays");
		if (last == CAL_NO_DAY) {
			cal_free(&c);
			vw_data_free(d);
			free(d);
			return err_set(RD_INVALID,
			               _("n: the day falls outside the years 1 to 9999"));
		}
		char *what = xasprintf("%s %s", n_s,
		                       form_choice_label(form_field_find(f, "unit"),
		                                         unit && *unit ? unit : "workdays"));
		w = day_words(&c, last);
		vw_add(d, false, _("Units added"), what, NULL);
		vw_add(d, true, _("Result"), w, NULL);
		free(w);
		free(what);
	}
	int y = cal_uncovered_year(&c, from < last ? from : last, from < last ? last : from);
	if (y) {
		char *m = xasprintf(
		    _("no holiday data for %d: only Saturdays and Sundays are taken as days off"),
		    y);
		vw_add(d, true, _("Warning"), m, NULL);
		free(m);
	}
	cal_free(&c);
	vw_show_rows(_("Working days by the calendar"), d);
	return RD_OK;
}

static int open_count(void)
{
	const struct form_def *f = form_find("calendar-count");
	if (!f)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "calendar-count");
	char **values = xcalloc((size_t)f->nfields, sizeof *values);
	for (int i = 0; i < f->nfields; i++)
		if (!strcmp(f->fields[i].key, "from")) {
			values[i] = xmalloc(11);
			date_format(clock_today(), values[i]);
		}
	struct fs_spec spec = {
	    .form = f,
	    .title = xstrdup(_(f->title)),
	    .values = values,
	    .save = count_save,
	    .done = "",
	};
	return tui_push(&scr_form, &spec);
}

static int rs_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct rs *r = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *row = lw_current(r->lw);
	const struct pager_def *d = pager_def(lw_pager(r->lw));
	if ((a == ACT_ADD || a == ACT_EDIT || a == ACT_DISABLE || a == ACT_IMPORT) &&
	    !can_ref(r->k, a)) {
		if (a == ACT_DISABLE && may_write(r->k))
			tui_error(_("%s have no active flag"), _(r->k->label));
		else if (ref_may_write(&tui.sc, r->k, tui.sc.town_id))
			tui_error("%s", err_msg());
		return SK_HANDLED;
	}
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
		if (row)
			rc = open_view(r->k, d, row);
		break;
	case ACT_ADD: rc = open_add(r->k); break;
	case ACT_EDIT:
		if (row)
			rc = open_edit(r->k, row->id);
		break;
	case ACT_DISABLE:
		if (row)
			ask_inactive(r->k, r->lw, row->id, what_of(r->k, d, row));
		break;
	case ACT_HISTORY:
		if (row)
			rc = scr_history(r->k->name, row->id, what_of(r->k, d, row));
		break;
	case ACT_IMPORT:
		tui_prompt(_("Import CSV file:"), "", import_answer, NULL, (void *)r->k);
		break;
	case ACT_CAL_COUNT:
		if (can_ref(r->k, a))
			rc = open_count();
		break;
	case ACT_VERIFY: return SK_HANDLED;
	default: return lw_key(r->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static bool rs_can(struct scr *s, enum action a)
{
	struct rs *r = s->st;
	return can_ref(r->k, a) && lw_can(r->lw, a);
}

static const char *rs_title(struct scr *s)
{
	struct rs *r = s->st;
	return _(r->k->label);
}

const struct screen scr_ref = {
    .name = N_("Reference data"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_CALENDAR,
    .init = rs_init,
    .draw = lw_scr_draw,
    .key = rs_key,
    .free = lw_scr_free,
    .title = rs_title,
    .info = lw_scr_info,
    .can = rs_can,
    .click = lw_scr_click,
};

static int kind_chosen(void *ctx, int i)
{
	(void)ctx;
	tui_push(&scr_ref, (void *)&ref_kinds[i]);
	return SK_HANDLED;
}

/* What each kind is for, beside its name in the menu. */
static const struct {
	const char *kind, *desc;
} kind_descs[] = {
    {"town", N_("With their congress or working committee")},
    {"category", N_("What voter issues are about")},
    {"unit", N_("Units that handle issues and suggestions")},
    {"office", N_("The standing committee's offices")},
    {"group", N_("The towns' groups of deputies")},
    {"station", N_("Where deputies meet voters")},
    {"term", N_("Of the city's and the towns' congresses")},
    {"session", N_("The sessions of each term")},
    {"calendar", N_("The days off that deadlines count by")},
    {"result_class", N_("Classes of suggestion replies (A, B, C)")},
    {"delegation", N_("The congress's delegations and presidium")},
    {"ethnicity", N_("The deputies' ethnic groups (GB/T 3304)")},
};

static const char *kind_desc(const char *kind)
{
	for (size_t i = 0; i < sizeof kind_descs / sizeof kind_descs[0]; i++)
		if (!strcmp(kind_descs[i].kind, kind))
			return kind_descs[i].desc;
	return NULL;
}

int scr_ref_menu(void)
{
	static const char *labels[RS_MAXKINDS], *descs[RS_MAXKINDS];
	int n = ref_nkinds < RS_MAXKINDS ? ref_nkinds : RS_MAXKINDS;
	for (int i = 0; i < n; i++) {
		labels[i] = ref_kinds[i].label;
		descs[i] = kind_desc(ref_kinds[i].name);
	}
	struct menu_spec spec = {N_("Reference data"), n, labels, descs, kind_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}
