/*
 * Duty points in the console (履职积分): the menu of the module (rankings, the
 * rules, the statistics), the ranking as a list (Enter opens a deputy's
 * archive, v chooses the year, level, town, group and as-of day, W writes the
 * ranking workbook), and a deputy's duty archive (履职档案): the profile, the
 * activities by section, the motions and suggestions, the voter issues and
 * the year's points line by line, each line with the rule version that scored
 * it (c corrects, y shows another year, W writes the workbook to give the
 * deputy). The deputy roster opens the same archive (A).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/report_points.h"
#include "model/activity/activity.h"
#include "model/core/form.h"
#include "model/core/vocab.h"
#include "model/points/listing_points.h"
#include "model/points/points_archive.h"
#include "model/points/points_stats.h"
#include "tui/formscr.h"
#include "tui/list.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- a deputy's archive ------------------------------------------------------------ */

struct arch {
	char *code;
	int year;   /* 0: this year */
	char *asof; /* NULL: now */
};

static void arch_free(void *ctx)
{
	struct arch *a = ctx;
	free(a->code);
	free(a->asof);
	free(a);
}

static const char *attendance_word(const char *s)
{
	if (!strcmp(s, "present"))
		return _("present (出席)");
	if (!strcmp(s, "leave"))
		return _("on leave (请假)");
	if (!strcmp(s, "absent"))
		return _("absent (缺席)");
	return _("not yet recorded");
}

/* The profile and the year's figures. */
static void load_head(struct vw_data *d, const struct points_archive *ar)
{
	const struct tbl *p = &ar->profile;
	const struct points_deputy *x = &ar->points.d[0];
	char *who = xasprintf(_("%s (%s), %s, %s"), tbl_get(p, 0, "name"), tbl_get(p, 0, "code"),
	                      vocab_label("level", tbl_get(p, 0, "level")), tbl_get(p, 0, "town"));
	vw_add(d, false, _("Deputy"), who, NULL);
	free(who);
	if (*tbl_get(p, 0, "group"))
		vw_add(d, false, _("Deputy group"), tbl_get(p, 0, "group"), NULL);
	if (*tbl_get(p, 0, "joined"))
		vw_add(d, false, _("Joined on"), tbl_get(p, 0, "joined"), NULL);
	if (!strcmp(tbl_get(p, 0, "status"), "left"))
		vw_add(d, false, _("Left on"), tbl_get(p, 0, "left"), NULL);
	char total[24], *v;
	points_text(x->total, total);
	v = xasprintf(_("%s points, rank %d of the %d %s deputies in your scope"), total, x->rank,
	              x->of, vocab_label("level", x->level));
	char *label = xasprintf(_("Points of %d"), ar->year);
	vw_add(d, false, label, v, NULL);
	free(label);
	free(v);
	v = xasprintf(_("%s to %s (%d/%d of the year)"), x->from, x->to, x->share_num,
	              x->share_den);
	vw_add(d, false, _("Served"), v, NULL);
	free(v);
	char *asof = xstrndup(ar->points.asof, 16);
	if (strlen(asof) > 10)
		asof[10] = ' ';
	vw_add(d, false, _("As of"), asof, NULL);
	free(asof);
}

static int arch_load(void *ctx, struct vw_data *d)
{
	struct arch *a = ctx;
	struct points_archive ar;
	int rc = points_archive(tui.db, &tui.sc, a->code, a->year, a->asof, &ar);
	if (rc)
		return rc;
	d->ncells = 2;
	if (!ar.points.n) {
		char *v = xasprintf(_("%s served no part of %d"), a->code, ar.year);
		vw_add(d, true, _("Points"), v, NULL);
		free(v);
		points_archive_free(&ar);
		return RD_OK;
	}
	load_head(d, &ar);
	/* The activities, section by section. */
	const struct tbl *t = &ar.activities;
	for (int sec = 0; points_sections[sec].key; sec++) {
		int n = 0, present = 0;
		for (int r = 0; r < t->nrows; r++)
			if (points_section_of(tbl_get(t, r, "kind")) == sec) {
				n++;
				present += !strcmp(tbl_get(t, r, "attendance"), "present");
			}
		char *sum = xasprintf(_("%d, present at %d"), n, present);
		vw_add(d, false, "", "", NULL);
		vw_heading(d, _(points_sections[sec].label), sum, NULL);
		free(sum);
		for (int r = 0; r < t->nrows; r++) {
			if (points_section_of(tbl_get(t, r, "kind")) != sec)
				continue;
			const char *att = tbl_get(t, r, "attendance"),
			           *why = tbl_get(t, r, "reason");
			const char *how = *att ? attendance_word(att)
			                       : vocab_label("status", tbl_get(t, r, "signup"));
			char *tail = *why ? xasprintf(_(": %s"), why) : xstrdup("");
			char *v = xasprintf("%s %s\n%s%s", tbl_get(t, r, "number"),
			                    tbl_get(t, r, "title"), how, tail);
			free(tail);
			vw_add(d, !strcmp(att, "absent"), tbl_get(t, r, "day"), v, NULL);
			free(v);
		}
	}
	/* Motions and suggestions, voter issues. */
	vw_add(d, false, "", "", NULL);
	char *n = xasprintf("%d", ar.items.nrows);
	vw_heading(d, _("Motions and suggestions (议案建议)"), n, NULL);
	free(n);
	for (int r = 0; r < ar.items.nrows; r++) {
		const struct tbl *it = &ar.items;
		char *v =
		    xasprintf("%s %s\n%s%s%s%s%s", tbl_get(it, r, "number"),
		              tbl_get(it, r, "title"), vocab_label("role", tbl_get(it, r, "role")),
		              _(", "), vocab_label("state", tbl_get(it, r, "state")),
		              *tbl_get(it, r, "class") ? _(", ") : "", tbl_get(it, r, "class"));
		vw_add(d, false, tbl_get(it, r, "submitted"), v, NULL);
		free(v);
	}
	vw_add(d, false, "", "", NULL);
	n = xasprintf("%d", ar.cases.nrows);
	vw_heading(d, _("Voter issues (民情事项)"), n, NULL);
	free(n);
	for (int r = 0; r < ar.cases.nrows; r++) {
		const struct tbl *c = &ar.cases;
		const char *state = vocab_label("state", tbl_get(c, r, "state"));
		char *how = *tbl_get(c, r, "handled") ? xasprintf(_("%s; replied or forwarded %s"),
		                                                  state, tbl_get(c, r, "handled"))
		                                      : xstrdup(state);
		char *v =
		    xasprintf("%s %s\n%s", tbl_get(c, r, "number"), tbl_get(c, r, "title"), how);
		vw_add(d, false, tbl_get(c, r, "day"), v, NULL);
		free(how);
		free(v);
	}
	/* The points, line by line. */
	const struct points_deputy *x = &ar.points.d[0];
	char total[24];
	points_text(x->total, total);
	vw_add(d, false, "", "", NULL);
	vw_heading(d, _("Points, line by line"), _("Points (rule version), what, note"), NULL);
	for (int i = 0; i < x->nlines; i++) {
		const struct points_line *l = &x->lines[i];
		char pts[24], rule[24];
		points_text(l->points, pts);
		points_text(l->rule, rule);
		struct sbuf b = SBUF_INIT;
		if (l->version)
			sbuf_printf(&b, _("%s (v%d, the rule: %s)"), pts, l->version, rule);
		else
			sbuf_puts(&b, pts);
		sbuf_printf(&b, "  %s\n%s  [%s]", points_item_label(l->item), l->what, l->key);
		if (*l->note)
			sbuf_printf(&b, "\n%s", l->note);
		vw_add(d, l->points < 0, l->day, sbuf_str(&b), NULL);
		sbuf_free(&b);
	}
	vw_add(d, false, _("Total"), total, NULL);
	points_archive_free(&ar);
	return RD_OK;
}

/* A correction from the form: an item missed, or a line cancelled. */
static int correct_save(void *ctx, char *const *v, int64_t version)
{
	struct arch *a = ctx;
	(void)version;
	const struct form_def *d = form_find("points-correct");
	struct points_fix f = {
	    .deputy = a->code,
	    .item = fs_value(d, v, "item"),
	    .day = fs_value(d, v, "date"),
	    .voids = fs_value(d, v, "void"),
	    .reason = fs_value(d, v, "reason"),
	};
	int64_t id;
	int rc = points_correct(tui.db, &tui.sc, &f, &id);
	if (!rc) {
		tui_changed();
		tui_info(_("Added correction:%lld; the points are computed again."), (long long)id);
	}
	return rc;
}

static int open_correct(struct arch *a)
{
	const struct form_def *d = form_find("points-correct");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "points-correct");
	struct arch *copy = xcalloc(1, sizeof *copy);
	copy->code = xstrdup(a->code);
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	char today[11];
	date_format(clock_today(), today);
	for (int i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, "date"))
			values[i] = xstrdup(today);
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("Correction of the points of %s"), a->code),
	    .values = values,
	    .save = correct_save,
	    .free = arch_free,
	    .ctx = copy,
	};
	return tui_push(&scr_form, &spec);
}

/* Writes the archive workbook to path (asks before replacing). */
struct save_job {
	struct arch a;
	bool ranking;
	struct points_query q;
	char *level, *town, *group;
};

static void save_free(void *ctx)
{
	struct save_job *j = ctx;
	free(j->a.code);
	free(j->a.asof);
	free(j->level);
	free(j->town);
	free(j->group);
	free(j);
}

static int save_write(void *ctx, const char *path, bool force)
{
	struct save_job *j = ctx;
	struct report_points_opts o = {.year = j->ranking ? j->q.year : j->a.year,
	                               .asof = j->ranking ? j->q.asof : j->a.asof,
	                               .level = j->q.level,
	                               .town = j->q.town,
	                               .group = j->q.group,
	                               .force = force};
	long n = 0;
	int rc = j->ranking ? report_points_ranking(tui.db, &tui.sc, path, &o, &n)
	                    : report_points_archive(tui.db, &tui.sc, j->a.code, path, &o);
	if (!rc)
		tui_info(_("Wrote %s."), path);
	else if (rc != RD_EXISTS)
		err_report();
	return rc;
}

/* Asks for another year. */
static void year_answer(void *ctx, const char *text)
{
	struct arch *a = ctx;
	if (!text)
		return;
	char *end;
	long y = strtol(text, &end, 10);
	if (*end || y < 1900 || y > 9998) {
		tui_error(_("'%s' is not a year such as 2026"), text);
		return;
	}
	a->year = (int)y;
	tui_changed();
}

static bool arch_can(void *ctx, enum action a)
{
	(void)ctx;
	switch (a) {
	case ACT_POINTS_CORRECT: return scope_can_write(&tui.sc) && tui.sc.role != ROLE_UNIT;
	case ACT_POINTS_SAVE:
	case ACT_POINTS_YEAR: return true;
	default: return false;
	}
}

static int arch_act(void *ctx, enum action act)
{
	struct arch *a = ctx;
	int rc = RD_OK;
	switch (act) {
	case ACT_POINTS_CORRECT:
		if (!arch_can(ctx, act))
			tui_error(_("Your role (%s) does not correct duty points"),
			          role_label(tui.sc.role));
		else
			rc = open_correct(a);
		break;
	case ACT_POINTS_SAVE: {
		struct save_job *j = xcalloc(1, sizeof *j);
		j->a.code = xstrdup(a->code);
		j->a.year = a->year;
		j->a.asof = a->asof ? xstrdup(a->asof) : NULL;
		char *init = xasprintf("%s-%d.xlsx", a->code, a->year ? a->year : 0);
		if (!a->year) {
			int y, m, dd;
			date_to_ymd(clock_today(), &y, &m, &dd);
			free(init);
			init = xasprintf("%s-%d.xlsx", a->code, y);
		}
		tui_save_as(_("Write the duty archive as a workbook to:"), init, save_write,
		            save_free, j);
		free(init);
		break;
	}
	case ACT_POINTS_YEAR: {
		char init[8] = "";
		if (a->year)
			snprintf(init, sizeof init, "%d", a->year);
		tui_prompt(_("The archive of the year:"), init, year_answer, NULL, a);
		break;
	}
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

int points_open_archive(const char *code, const char *name, int year, const char *asof)
{
	struct arch *a = xcalloc(1, sizeof *a);
	a->code = xstrdup(code);
	a->year = year;
	a->asof = asof && *asof ? xstrdup(asof) : NULL;
	struct vw_spec spec = {
	    .title = xasprintf(_("Duty archive of %s %s"), name ? name : "", code),
	    .keys = KC_POINTS,
	    .load = arch_load,
	    .act = arch_act,
	    .can = arch_can,
	    .free = arch_free,
	    .ctx = a,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the ranking ------------------------------------------------------------------- */

struct rank {
	struct lw *lw;
	struct points_query q;
	char *year, *level, *town, *group, *asof; /* the strings of q, owned */
	char *title;
	unsigned gen;
};

static void rank_strings(struct rank *r)
{
	r->q.year = r->year && *r->year ? atoi(r->year) : 0;
	r->q.level = r->level && *r->level ? r->level : NULL;
	r->q.town = r->town && *r->town ? r->town : NULL;
	r->q.group = r->group && *r->group ? r->group : NULL;
	r->q.asof = r->asof && *r->asof ? r->asof : NULL;
}

/* Computes the ranking again for the choice in r. */
static int rank_build(struct rank *r)
{
	rank_strings(r);
	struct pager *p;
	int rc = listing_points(tui.db, &tui.sc, &r->q, &p);
	if (rc)
		return rc;
	if (r->lw)
		lw_free(r->lw);
	r->lw = lw_new(p);
	r->gen = tui.gen;
	free(r->title);
	struct sbuf b = SBUF_INIT;
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	sbuf_printf(&b, _("Ranking of duty points, %d"),
	            r->q.year ? r->q.year : (r->q.asof ? atoi(r->q.asof) : y));
	if (r->q.level)
		sbuf_printf(&b, ", %s", vocab_label("level", r->q.level));
	if (r->q.town)
		sbuf_printf(&b, ", %s", r->q.town);
	if (r->q.group)
		sbuf_printf(&b, ", %s", r->q.group);
	if (r->q.asof)
		sbuf_printf(&b, _(", as of %s"), r->q.asof);
	r->title = sbuf_take(&b);
	return RD_OK;
}

static int rank_init(struct scr *s, void *arg)
{
	const char *level = arg;
	struct rank *r = xcalloc(1, sizeof *r);
	r->level = level && *level ? xstrdup(level) : NULL;
	int rc = rank_build(r);
	if (rc) {
		free(r->level);
		free(r);
		return rc;
	}
	s->st = r;
	return RD_OK;
}

static void rank_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct rank *r = s->st;
	/* A correction or an attendance saved since: the totals move. */
	if (r->gen != tui.gen && rank_build(r))
		err_report();
	lw_draw(r->lw, w, 0, 0, rows, cols);
}

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = v && *v ? xstrdup(v) : NULL;
}

static int select_save(void *ctx, char *const *v, int64_t version)
{
	struct rank *r = ctx;
	(void)version;
	const struct form_def *d = form_find("points-select");
	char *old[5] = {r->year, r->level, r->town, r->group, r->asof};
	r->year = r->level = r->town = r->group = r->asof = NULL;
	set_str(&r->year, fs_value(d, v, "year"));
	set_str(&r->level, fs_value(d, v, "level"));
	set_str(&r->town, fs_value(d, v, "town"));
	set_str(&r->group, fs_value(d, v, "group"));
	set_str(&r->asof, fs_value(d, v, "as_of"));
	int rc = rank_build(r);
	if (rc) {
		/* The ranking stays as it was. */
		char **now[5] = {&r->year, &r->level, &r->town, &r->group, &r->asof};
		for (int i = 0; i < 5; i++) {
			free(*now[i]);
			*now[i] = old[i];
		}
		rank_strings(r);
		return rc;
	}
	for (int i = 0; i < 5; i++)
		free(old[i]);
	return RD_OK;
}

static int open_select(struct rank *r)
{
	const struct form_def *d = form_find("points-select");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "points-select");
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		const char *v = !strcmp(k, "year")    ? r->year
		                : !strcmp(k, "level") ? r->level
		                : !strcmp(k, "town")  ? r->town
		                : !strcmp(k, "group") ? r->group
		                : !strcmp(k, "as_of") ? r->asof
		                                      : NULL;
		values[i] = xstrdup(v ? v : "");
	}
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_(d->title)),
	    .values = values,
	    .save = select_save,
	    .done = N_("Shown as chosen."),
	    .ctx = r,
	};
	return tui_push(&scr_form, &spec);
}

static const char *cell(const struct pager_def *d, const struct pager_row *row, const char *key)
{
	int c = pager_col_index(d, key);
	return c >= 0 ? row->cells[c] : "";
}

static int rank_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct rank *r = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *row = lw_current(r->lw);
	const struct pager_def *d = pager_def(lw_pager(r->lw));
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
	case ACT_POINTS_ARCHIVE:
		if (row)
			rc = points_open_archive(cell(d, row, "code"), cell(d, row, "name"),
			                         atoi(cell(d, row, "year")), r->q.asof);
		break;
	case ACT_SELECT: rc = open_select(r); break;
	case ACT_POINTS_SAVE: {
		struct save_job *j = xcalloc(1, sizeof *j);
		j->ranking = true;
		j->q = r->q;
		j->level = r->level ? xstrdup(r->level) : NULL;
		j->town = r->town ? xstrdup(r->town) : NULL;
		j->group = r->group ? xstrdup(r->group) : NULL;
		j->a.asof = r->asof ? xstrdup(r->asof) : NULL;
		j->q.level = j->level;
		j->q.town = j->town;
		j->q.group = j->group;
		j->q.asof = j->a.asof;
		tui_save_as(_("Write the ranking as a workbook to:"), _("ranking.xlsx"), save_write,
		            save_free, j);
		break;
	}
	default: return lw_key(r->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static bool rank_can(struct scr *s, enum action a)
{
	struct rank *r = s->st;
	switch (a) {
	case ACT_SELECT:
	case ACT_POINTS_SAVE: return true;
	case ACT_POINTS_ARCHIVE: return lw_current(r->lw) != NULL;
	case ACT_POINTS_CORRECT:
	case ACT_POINTS_YEAR:
	case ACT_STEP:
	case ACT_MARK:
	case ACT_MARK_PAGE:
	case ACT_UNMARK: return false;
	default: return lw_can(r->lw, a);
	}
}

static const char *rank_title(struct scr *s)
{
	struct rank *r = s->st;
	return r->title;
}

static const char *rank_info(struct scr *s)
{
	struct rank *r = s->st;
	return lw_info(r->lw);
}

static void rank_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	struct rank *r = s->st;
	if (lw_click(r->lw, y) && twice)
		rank_key(s, ACT_OPEN, OK, '\n');
}

static void rank_free(struct scr *s)
{
	struct rank *r = s->st;
	lw_free(r->lw);
	free(r->year);
	free(r->level);
	free(r->town);
	free(r->group);
	free(r->asof);
	free(r->title);
	free(r);
}

static const struct screen scr_ranking = {
    .name = N_("Ranking"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_WORKFLOW | KC_POINTS,
    .init = rank_init,
    .draw = rank_draw,
    .key = rank_key,
    .free = rank_free,
    .title = rank_title,
    .info = rank_info,
    .can = rank_can,
    .click = rank_click,
};

/* ---- the rules --------------------------------------------------------------------- */

static int rules_load(void *ctx, struct vw_data *d)
{
	(void)ctx;
	struct tbl t;
	int rc = points_rules(tui.db, NULL, &t);
	if (rc)
		return rc;
	d->ncells = 3;
	const char *shown = "";
	for (int r = 0; r < t.nrows; r++) {
		const char *v = tbl_get(&t, r, "version");
		if (strcmp(v, shown)) {
			char *h = xasprintf(_("Version %s, in force from %s"), v,
			                    tbl_get(&t, r, "effective_from"));
			char *by = xasprintf(_("made %.10s by %s %s"), tbl_get(&t, r, "created_at"),
			                     tbl_get(&t, r, "account"), tbl_get(&t, r, "note"));
			if (r)
				vw_add(d, false, "", "", "");
			vw_heading(d, h, by, "");
			free(h);
			free(by);
			shown = v;
		}
		struct sbuf b = SBUF_INIT;
		if (*tbl_get(&t, r, "cap"))
			sbuf_printf(&b, _("at most %s a year"), tbl_get(&t, r, "cap"));
		if (*tbl_get(&t, r, "within"))
			sbuf_printf(&b, _("%swithin %s days"), b.len ? _("; ") : "",
			            tbl_get(&t, r, "within"));
		vw_add(d, false, tbl_get(&t, r, "points"),
		       points_item_label(tbl_get(&t, r, "item")), sbuf_str(&b));
		sbuf_free(&b);
	}
	tbl_free(&t);
	return RD_OK;
}

/* An item's rule as the form writes it: "2", "2/24", "1/20/7", "1/-/7". A new string. */
static char *rule_text(const struct tbl *t, int r)
{
	const char *cap = tbl_get(t, r, "cap"), *within = tbl_get(t, r, "within");
	if (*within)
		return xasprintf("%s/%s/%s", tbl_get(t, r, "points"), *cap ? cap : "-", within);
	if (*cap)
		return xasprintf("%s/%s", tbl_get(t, r, "points"), cap);
	return xstrdup(tbl_get(t, r, "points"));
}

/* A new version's form: when and why, then a field per item of the latest version. */
struct version_form {
	struct form_def *form;
	char **was; /* nfields: each item field's value at the start (NULL for the others) */
};

static void version_free(void *ctx)
{
	struct version_form *v = ctx;
	fs_free_values(v->was, v->form->nfields);
	form_free(v->form);
	free(v);
}

/* The model's message, which names a command's option (opt: ...), named by a form's label
   instead; RD_INVALID. */
static int relabel(const char *opt, const char *label)
{
	const char *m = err_msg();
	size_t n = strlen(opt);
	if (!strncmp(m, opt, n) && !strncmp(m + n, ": ", 2))
		m += n + 2;
	else if (!strncmp(m, opt, n) && !strncmp(m + n, "\xEF\xBC\x9A", 3)) /* full-width colon */
		m += n + 3;
	char why[512];
	snprintf(why, sizeof why, "%s", m);
	return err_set(RD_INVALID, _("%s: %s"), label, why);
}

static int version_save(void *ctx, char *const *vals, int64_t version)
{
	(void)version;
	const struct version_form *v = ctx;
	const struct form_def *d = v->form;
	struct points_change *ch = xcalloc((size_t)d->nfields, sizeof *ch);
	char(*items)[32] = xcalloc((size_t)d->nfields, sizeof *items);
	int n = 0, rc = RD_OK;
	for (int i = 0; !rc && i < d->nfields; i++) {
		if (!v->was[i] || !strcmp(vals[i], v->was[i]))
			continue;
		char *set = xasprintf("%s=%s", d->fields[i].key, vals[i]);
		rc = points_change_parse(set, &ch[n]);
		free(set);
		if (rc) {
			/* Named by the item's label (the form puts the cursor there). */
			rc = relabel("set", _(d->fields[i].label));
			break;
		}
		snprintf(items[n], sizeof items[n], "%s", ch[n].item);
		ch[n].item = items[n];
		n++;
	}
	if (!rc && !n)
		rc =
		    err_set(RD_INVALID,
		            _("no item changed: a new version changes the points of one at least"));
	int number = 0;
	const char *from = fs_value(d, vals, "from");
	if (!rc)
		rc = points_add_version(tui.db, &tui.sc, from, fs_value(d, vals, "note"), ch, n,
		                        NULL, &number);
	if (!rc) {
		tui_changed();
		tui_info(_("Version %d of the points rules added, in force from %s."), number,
		         from);
	}
	free(ch);
	free(items);
	return rc;
}

/* The form of a version in force from day: a field per item, filled with the rules of the
   version in force on that day (points_version_base()), which the new one starts from. */
static int open_version(const char *day)
{
	const struct form_def *base = form_find("points-version");
	if (!base)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "points-version");
	int number = 0;
	int rc = points_version_base(tui.db, day, &number);
	struct tbl t;
	if (rc || (rc = points_rules(tui.db, NULL, &t)))
		return rc;
	char follows[24];
	snprintf(follows, sizeof follows, "%d", number);
	struct version_form *v = xcalloc(1, sizeof *v);
	v->form = form_copy(base);
	int first = v->form->nfields;
	for (int r = 0; r < t.nrows; r++) {
		if (strcmp(tbl_get(&t, r, "version"), follows))
			continue;
		struct form_field *f =
		    form_add_field(v->form, tbl_get(&t, r, "item"),
		                   points_item_label(tbl_get(&t, r, "item")), FT_TEXT);
		f->width = 12;
		f->required = true;
		/* The item's whole name first: a long one is cut in the label's column. */
		f->help =
		    xasprintf(_("%s: %s"), points_item_label(tbl_get(&t, r, "item")),
		              _("points[/yearly cap[/days]], such as 2/24 or 1/-/7; - for none"));
	}
	int nf = v->form->nfields;
	v->was = xcalloc((size_t)nf, sizeof *v->was);
	char **values = xcalloc((size_t)nf, sizeof *values);
	bool *locked = xcalloc((size_t)nf, sizeof *locked);
	for (int r = 0, i = first; r < t.nrows; r++)
		if (!strcmp(tbl_get(&t, r, "version"), follows)) {
			v->was[i] = rule_text(&t, r);
			values[i] = xstrdup(v->was[i]);
			i++;
		}
	tbl_free(&t);
	/* The day asked first: the items shown are that day's. */
	for (int i = 0; i < first; i++)
		if (!strcmp(v->form->fields[i].key, "from")) {
			values[i] = xstrdup(day);
			locked[i] = true;
		}
	struct fs_spec spec = {
	    .form = v->form,
	    .title = number ? xasprintf(_("%s (from version %d's rules)"), _(base->title), number)
	                    : xstrdup(_(base->title)),
	    .values = values,
	    .locked = locked,
	    .save = version_save,
	    .free = version_free,
	    .ctx = v,
	    .done = "",
	};
	return tui_push(&scr_form, &spec);
}

static void version_day(void *ctx, const char *day)
{
	(void)ctx;
	if (!day)
		tui_info(_("Nothing was changed."));
	else if (open_version(day)) {
		const struct form_def *d = form_find("points-version");
		const struct form_field *f = d ? form_field_find(d, "from") : NULL;
		if (f && !strncmp(err_msg(), "from", 4))
			relabel("from", _(f->label));
		err_report();
	}
}

/* Asks the day a new version takes effect, then opens its form. */
static int add_version(void)
{
	char today[11];
	date_format(clock_today(), today);
	tui_prompt(_("The new version of the points rules is in force from (YYYY-MM-DD):"), today,
	           version_day, NULL, NULL);
	return RD_OK;
}

/* A new version is for the city's administrators and clerks (the model says why to others). */
static bool rules_can(void *ctx, enum action a)
{
	(void)ctx;
	return a == ACT_ADD && (tui.sc.role == ROLE_ADMIN || tui.sc.role == ROLE_CITY_CLERK);
}

static int rules_act(void *ctx, enum action a)
{
	(void)ctx;
	if (a != ACT_ADD)
		return SK_UNHANDLED;
	if (add_version())
		err_report();
	return SK_HANDLED;
}

static int open_rules(void)
{
	struct vw_spec spec = {
	    .title = xstrdup(_("The points rules, version by version")),
	    .keys = KC_RECORD,
	    .load = rules_load,
	    .act = rules_act,
	    .can = rules_can,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the menu ---------------------------------------------------------------------- */

static const char *const labels[] = {
    N_("Ranking of this year"),
    N_("City deputies' ranking"),
    N_("Town deputies' ranking"),
    N_("The points rules"),
    N_("Statistics"),
};
static const char *const descs[] = {
    N_("Every deputy in your scope by points, each level on its own; v chooses, Enter explains"),
    N_("The city-level deputies by points"),
    N_("The town-level deputies by points"),
    N_("What each item scores, its yearly cap, version by version"),
    N_("Points by town, deputy group, level, item and deputy"),
};

static int menu_chosen(void *ctx, int i)
{
	(void)ctx;
	int rc = RD_OK;
	switch (i) {
	case 0: rc = tui_push(&scr_ranking, (void *)""); break;
	case 1: rc = tui_push(&scr_ranking, (void *)"city"); break;
	case 2: rc = tui_push(&scr_ranking, (void *)"town"); break;
	case 3: rc = open_rules(); break;
	default: rc = tui_push(&scr_stats, (void *)points_stat_providers); break;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_menu(void)
{
	struct menu_spec spec = {N_("Duty points"), 5, labels, descs, menu_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

const struct mod_console points_console = {
    .open = open_menu,
};
