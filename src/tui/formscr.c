#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "model/core/listing.h"
#include "model/core/ref.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/ledit.h"
#include "tui/pick.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct fs {
	struct fs_spec spec;
	struct scr *self;
	int n;
	struct ledit *ed; /* one per field; choice fields keep their value here too */
	char **orig;      /* the starting values, to tell whether anything was typed */
	char **theirs;    /* after a conflict: the other clerk's values, shown as help; or NULL */
	int focus, top, bad;
	/* The choice menu of a field (it lives while the menu is open). */
	const char **choice_labels;
	int pick_field;
};

void fs_free_values(char **values, int n)
{
	if (!values)
		return;
	for (int i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

const char *fs_value(const struct form_def *d, char *const *values, const char *key)
{
	for (int i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, key))
			return values[i];
	return NULL;
}

char **fs_values_from_row(const struct form_def *d, const struct pager_def *pd,
                          const struct pager_row *row)
{
	char **v = xcalloc((size_t)d->nfields, sizeof *v);
	for (int i = 0; i < d->nfields; i++) {
		int c = pager_col_index(pd, d->fields[i].key);
		v[i] = c >= 0 && row ? xstrdup(row->cells[c]) : NULL;
	}
	return v;
}

static const struct form_field *field(const struct fs *f, int i)
{
	return &f->spec.form->fields[i];
}

static bool is_choice(const struct form_field *ff)
{
	return ff->type == FT_CHOICE || ff->type == FT_YESNO;
}

static bool editable(const struct fs *f, int i)
{
	return !field(f, i)->readonly && !(f->spec.locked && f->spec.locked[i]);
}

/* The texts of every field now (new array of new strings). */
static char **texts(const struct fs *f)
{
	char **v = xcalloc((size_t)f->n, sizeof *v);
	for (int i = 0; i < f->n; i++)
		v[i] = ledit_text(&f->ed[i]);
	return v;
}

static bool fs_dirty(struct scr *s)
{
	struct fs *f = s->st;
	for (int i = 0; i < f->n; i++) {
		char *t = ledit_text(&f->ed[i]);
		bool same = !strcmp(t, f->orig[i]);
		free(t);
		if (!same)
			return true;
	}
	return false;
}

static void spec_release(struct fs_spec *sp, int n)
{
	fs_free_values(sp->values, n);
	free(sp->locked);
	free(sp->title);
	if (sp->free)
		sp->free(sp->ctx);
}

static int fs_init(struct scr *s, void *arg)
{
	struct fs_spec *sp = arg;
	if (!sp->form || sp->form->nfields == 0) {
		spec_release(sp, sp->form ? sp->form->nfields : 0);
		return err_set(RD_INVALID, _("this form has no fields"));
	}
	struct fs *f = xcalloc(1, sizeof *f);
	f->spec = *sp;
	f->self = s;
	f->n = sp->form->nfields;
	f->ed = xcalloc((size_t)f->n, sizeof *f->ed);
	f->orig = xcalloc((size_t)f->n, sizeof *f->orig);
	f->bad = -1;
	f->focus = -1;
	for (int i = 0; i < f->n; i++) {
		const struct form_field *ff = field(f, i);
		const char *v = sp->values && sp->values[i] ? sp->values[i]
		                : ff->def                   ? ff->def
		                                            : "";
		ledit_init(&f->ed[i], v, ff->type == FT_LONGTEXT);
		f->ed[i].max_cols = ff->maxwidth;
		f->orig[i] = xstrdup(v);
		if (f->focus < 0 && editable(f, i))
			f->focus = i;
	}
	if (f->focus < 0)
		f->focus = 0;
	s->st = f;
	return RD_OK;
}

static void fs_free(struct scr *s)
{
	struct fs *f = s->st;
	for (int i = 0; i < f->n; i++)
		ledit_free(&f->ed[i]);
	free(f->ed);
	fs_free_values(f->orig, f->n);
	fs_free_values(f->theirs, f->n);
	free(f->choice_labels);
	spec_release(&f->spec, f->n);
	free(f);
}

/* The text shown for a choice field's value. */
static const char *choice_text(const struct form_field *ff, const char *v)
{
	if (ff->type == FT_YESNO) {
		if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"))
			return _("yes");
		if (!strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
			return _("no");
		return v;
	}
	return form_choice_label(ff, v);
}

static int label_width(const struct fs *f, int cols)
{
	int lw = 0;
	for (int i = 0; i < f->n; i++) {
		int k = u8_width(_(field(f, i)->label));
		if (k > lw)
			lw = k;
	}
	return lw > cols / 3 ? cols / 3 : lw;
}

static void fs_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct fs *f = s->st;
	int lw = label_width(f, cols);
	int xbox = 2 + lw + 3;
	int avail = rows - 3 > 1 ? rows - 3 : 1;
	/* Scroll so the focused field is whole on the screen. */
	int y = 0, fy = 0, fh = 1;
	for (int i = 0; i < f->n; i++) {
		int h = field(f, i)->type == FT_LONGTEXT && field(f, i)->height > 1
		            ? field(f, i)->height
		            : 1;
		if (i == f->focus) {
			fy = y;
			fh = h;
		}
		y += h;
	}
	/* Never scrolled further than needed: a window grown again shows the first field. */
	if (f->top > y - avail)
		f->top = y - avail > 0 ? y - avail : 0;
	if (fy < f->top)
		f->top = fy;
	if (fy + fh > f->top + avail)
		f->top = fy + fh - avail;
	y = 0;
	int cy = -1, cx = 0;
	for (int i = 0; i < f->n; i++) {
		const struct form_field *ff = field(f, i);
		int h = ff->type == FT_LONGTEXT && ff->height > 1 ? ff->height : 1;
		int sy = 1 + y - f->top;
		y += h;
		if (sy < 1 || sy + h - 1 > avail)
			continue;
		bool focused = i == f->focus;
		attr_t la = i == f->bad ? dr_attr(DR_ERROR) : focused ? A_BOLD : A_NORMAL;
		if (i == f->bad)
			dr_put(w, sy, 0, 1, "!", la);
		dr_text(w, sy, 2, lw, _(ff->label), la, false);
		if (ff->required)
			dr_put(w, sy, 2 + lw + 1, 1, "*", la);
		int bw = ff->width > 0 ? ff->width : 20;
		if (bw > cols - xbox - 1)
			bw = cols - xbox - 1;
		if (bw < 1)
			continue;
		attr_t ba = focused          ? dr_attr(DR_FOCUS)
		            : editable(f, i) ? dr_attr(DR_FIELD)
		                             : A_DIM;
		if (is_choice(ff)) {
			char *v = ledit_text(&f->ed[i]);
			dr_text(w, sy, xbox, bw, choice_text(ff, v), ba, false);
			free(v);
			if (focused) {
				cy = sy;
				cx = xbox;
			}
		} else {
			wattrset(w, ba);
			ledit_draw(w, sy, xbox, bw, h, &f->ed[i], focused && editable(f, i));
			wattrset(w, A_NORMAL);
			if (focused && editable(f, i))
				getyx(w, cy, cx);
		}
	}
	/* The help of the focused field, or the other clerk's value after a conflict. */
	const struct form_field *ff = field(f, f->focus);
	char *note = NULL;
	if (f->theirs) {
		char *mine = ledit_text(&f->ed[f->focus]);
		if (strcmp(mine, f->theirs[f->focus]))
			note = xasprintf(_("The other clerk saved: %s"), f->theirs[f->focus]);
		free(mine);
	}
	if (!note && ff->help)
		note = xstrdup(_(ff->help));
	if (note)
		dr_put(w, rows - 1, 2, cols - 3, note,
		       f->theirs ? dr_attr(DR_CHANGED) : dr_attr(DR_DIM));
	free(note);
	if (cy >= 0)
		tui_cursor(cy, cx);
}

/* Moves to the next editable field; a field left shows its start, a field entered its end. */
static void move_focus(struct fs *f, int dir)
{
	ledit_key(&f->ed[f->focus], KEY_CODE_YES, KEY_HOME);
	for (int k = 0; k < f->n; k++) {
		f->focus = (f->focus + dir + f->n) % f->n;
		if (editable(f, f->focus))
			break;
	}
	if (f->ed[f->focus].multiline)
		ledit_key(&f->ed[f->focus], KEY_CODE_YES, KEY_HOME);
	else
		ledit_key(&f->ed[f->focus], KEY_CODE_YES, KEY_END);
}

/* The field a model message names ("Name (name): ..." or "town: ..."), or -1. */
static int field_in_message(const struct fs *f, const char *m)
{
	for (int i = 0; i < f->n; i++) {
		const char *key = field(f, i)->key;
		size_t k = strlen(key);
		char paren[80];
		snprintf(paren, sizeof paren, "(%s)", key);
		if ((!strncmp(m, key, k) && m[k] == ':') || strstr(m, paren))
			return i;
	}
	for (int i = 0; i < f->n; i++) {
		const char *label = _(field(f, i)->label);
		size_t k = strlen(label);
		/* "Label: reason", or in Chinese "标签：原因" (a full-width colon) */
		if (!strncmp(m, label, k) &&
		    (m[k] == ':' || m[k] == ' ' || !strncmp(m + k, "\xEF\xBC\x9A", 3)))
			return i;
	}
	return -1;
}

struct conflict {
	struct fs *f;
	char **mine, **theirs;
	int64_t version;
};

static int conflict_load(void *ctx, struct vw_data *d)
{
	struct conflict *c = ctx;
	struct fs *f = c->f;
	d->ncells = 3;
	vw_heading(d, _("Field"), _("Yours"), _("Saved meanwhile"));
	for (int i = 0; i < f->n; i++) {
		const struct form_field *ff = field(f, i);
		bool differs = strcmp(c->mine[i], c->theirs[i]) != 0;
		const char *m = is_choice(ff) ? choice_text(ff, c->mine[i]) : c->mine[i];
		char *mc = xstrdup(m);
		const char *t = is_choice(ff) ? choice_text(ff, c->theirs[i]) : c->theirs[i];
		vw_add(d, differs, _(ff->label), mc, t);
		free(mc);
	}
	return RD_OK;
}

static void conflict_free(void *ctx)
{
	struct conflict *c = ctx;
	fs_free_values(c->mine, c->f->n);
	fs_free_values(c->theirs, c->f->n);
	free(c);
}

static int conflict_act(void *ctx, enum action a)
{
	struct conflict *c = ctx;
	struct fs *f = c->f;
	switch (a) {
	case ACT_KEEP_MINE: {
		int rc = f->spec.save(f->spec.ctx, c->mine, c->version);
		if (rc == RD_OK) {
			tui_changed();
			tui_info(_("Saved your version over the other clerk's change."));
			tui_close(f->self);
			return SK_CLOSE;
		}
		if (rc == RD_CONFLICT) {
			/* Changed once more while the clerk was choosing: show the newest. */
			char **theirs = NULL;
			int64_t version = 0;
			if (f->spec.theirs(f->spec.ctx, &theirs, &version) == RD_OK) {
				fs_free_values(c->theirs, f->n);
				c->theirs = theirs;
				c->version = version;
				tui_changed();
			}
			tui_error(_("Changed again meanwhile: here is the newest version."));
			return SK_HANDLED;
		}
		err_report();
		return SK_HANDLED;
	}
	case ACT_TAKE_THEIRS:
		tui_info(_("Kept the other clerk's version; your changes were dropped."));
		tui_close(f->self);
		return SK_CLOSE;
	case ACT_EDIT_AGAIN:
	case ACT_BACK:
		f->spec.version = c->version;
		fs_free_values(f->theirs, f->n);
		f->theirs = c->theirs;
		c->theirs = NULL;
		tui_info(
		    _("Your values are kept; the other clerk's are shown below each field. Save "
		      "again to store what you see."));
		return SK_CLOSE;
	default: return SK_UNHANDLED;
	}
}

/* Who saved the record last and when, from the audit trail; false when it does not say. */
static bool last_saved(const struct fs *f, char **who, char **when)
{
	*who = *when = NULL;
	if (!f->spec.entity)
		return false;
	struct pager *p = listing_audit(tui.db, &tui.sc, f->spec.entity, f->spec.id);
	struct pager_row *r = NULL;
	int n = 0;
	bool found = false;
	if (pager_fetch(p, PAGER_FIRST, NULL, 1, &r, &n) == RD_OK && n == 1) {
		const struct pager_def *d = pager_def(p);
		const char *account = r[0].cells[pager_col_index(d, "account")];
		if (strcmp(account, tui.sc.login)) {
			*who = xstrdup(account);
			*when = xstrdup(r[0].cells[pager_col_index(d, "at")]);
			found = true;
		}
	}
	pager_rows_free(r, n, pager_def(p)->ncols);
	pager_free(p);
	err_clear();
	return found;
}

/*
 * The message of a save that met another clerk's change: who saved it and when
 * (when the audit trail says), and every field they changed, before and after.
 */
static void conflict_message(const struct fs *f, char *const *theirs)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < f->n; i++) {
		if (!strcmp(f->orig[i], theirs[i]))
			continue;
		const struct form_field *ff = field(f, i);
		const char *was = is_choice(ff) ? choice_text(ff, f->orig[i]) : f->orig[i];
		char *old = xstrdup(*was ? was : _("(empty)"));
		const char *now = is_choice(ff) ? choice_text(ff, theirs[i]) : theirs[i];
		sbuf_printf(&b, "%s%s %s → %s", b.len ? _("; ") : "", _(ff->label), old,
		            *now ? now : _("(empty)"));
		free(old);
	}
	if (!b.len)
		sbuf_puts(&b, _("no field you see changed"));
	char *who, *when;
	if (last_saved(f, &who, &when))
		tui_error(_("Not saved: %s saved this record at %s meanwhile: %s. Nothing was "
		            "overwritten; choose below."),
		          who, when, sbuf_str(&b));
	else
		tui_error(_("Not saved: another clerk saved this record meanwhile: %s. Nothing was "
		            "overwritten; choose below."),
		          sbuf_str(&b));
	free(who);
	free(when);
	sbuf_free(&b);
}

/* Shows mine and the stored record side by side; takes mine over. */
static int open_conflict(struct fs *f, char **mine)
{
	char **theirs = NULL;
	int64_t version = 0;
	int rc = f->spec.theirs(f->spec.ctx, &theirs, &version);
	if (rc) {
		fs_free_values(mine, f->n);
		if (rc == RD_NOTFOUND)
			tui_error(_("The record was removed meanwhile; nothing was saved."));
		else
			err_report();
		return rc;
	}
	struct conflict *c = xcalloc(1, sizeof *c);
	c->f = f;
	c->mine = mine;
	c->theirs = theirs;
	c->version = version;
	struct vw_spec spec = {
	    .title = xstrdup(_("Another clerk saved this record meanwhile: choose")),
	    .keys = KC_CONFLICT,
	    .load = conflict_load,
	    .act = conflict_act,
	    .free = conflict_free,
	    .ctx = c,
	};
	rc = tui_push(&scr_view, &spec);
	if (!rc)
		conflict_message(f, c->theirs);
	return rc;
}

static int save(struct fs *f)
{
	char **v = texts(f);
	for (int i = 0; i < f->n; i++) {
		if (!editable(f, i))
			continue;
		if (form_check(field(f, i), v[i])) {
			f->focus = f->bad = i;
			tui_error("%s", err_msg());
			fs_free_values(v, f->n);
			return SK_HANDLED;
		}
	}
	f->bad = -1;
	err_clear();
	int rc = f->spec.save(f->spec.ctx, v, f->spec.version);
	if (rc == RD_OK) {
		fs_free_values(v, f->n);
		tui_changed();
		if (!f->spec.done)
			tui_info("%s", _("Saved."));
		else if (*f->spec.done)
			tui_info("%s", _(f->spec.done));
		return SK_CLOSE;
	}
	if (rc == RD_CONFLICT && f->spec.theirs) {
		open_conflict(f, v);
		return SK_HANDLED;
	}
	fs_free_values(v, f->n);
	int i = field_in_message(f, err_msg());
	if (i >= 0 && editable(f, i))
		f->focus = f->bad = i;
	tui_error("%s", err_msg());
	return SK_HANDLED;
}

static void cancel_answer(void *ctx, bool yes)
{
	struct fs *f = ctx;
	if (yes)
		tui_close(f->self);
}

static void set_value(struct fs *f, int i, const char *v)
{
	ledit_set(&f->ed[i], v);
	if (i == f->bad)
		f->bad = -1;
}

static int menu_chosen(void *ctx, int i)
{
	struct fs *f = ctx;
	const struct form_field *ff = field(f, f->pick_field);
	if (ff->type == FT_YESNO)
		set_value(f, f->pick_field, i == 0 ? "yes" : "no");
	else if (i < ff->nchoices)
		set_value(f, f->pick_field, ff->choices[i]);
	return SK_CLOSE;
}

static void ref_chosen(void *ctx, const char *value)
{
	struct fs *f = ctx;
	set_value(f, f->pick_field, value);
}

/* Opens the list a choice field picks from; typed, a character typed into the field
   ("" for Enter), filters a list of records at once. */
static int pick(struct fs *f, const char *typed)
{
	const struct form_field *ff = field(f, f->focus);
	f->pick_field = f->focus;
	if (ff->pick) {
		const struct listing_pick *lp = listing_pick_find(ff->pick);
		struct pager *p = lp->open(tui.db, &tui.sc);
		struct pick_spec spec = {
		    .title = xasprintf(_("%s: pick one"), _(ff->label)),
		    .p = p,
		    .col = pager_col_index(pager_def(p), lp->col),
		    .done = ref_chosen,
		    .ctx = f,
		};
		snprintf(spec.typed, sizeof spec.typed, "%s", typed);
		tui_push(&scr_pick, &spec);
		return SK_HANDLED;
	}
	if (ff->type == FT_CHOICE && ff->ref) {
		const struct ref_kind *k = ref_kind_find(ff->ref);
		if (!k) {
			tui_error(_("%s: no reference data of kind '%s'"), _(ff->label), ff->ref);
			return SK_HANDLED;
		}
		struct pager *p = listing_ref(tui.db, &tui.sc, k);
		/* A liaison station, a group...: those of the town the form names, or else of
		   the clerk's own town. */
		char *town = NULL;
		for (int i = 0; i < f->n && !town; i++)
			if (i != f->focus && field(f, i)->ref && !strcmp(field(f, i)->ref, "town"))
				town = ledit_text(&f->ed[i]);
		listing_ref_town(p, k, town && *town ? town : tui.sc.town_name);
		free(town);
		struct pick_spec spec = {
		    .title = xasprintf(_("%s: pick from %s"), _(ff->label), _(k->label)),
		    .p = p,
		    .col = pager_col_index(pager_def(p), listing_ref_pick(k)),
		    .done = ref_chosen,
		    .ctx = f,
		};
		if (spec.col < 0)
			spec.col = 0;
		snprintf(spec.typed, sizeof spec.typed, "%s", typed);
		tui_push(&scr_pick, &spec);
		return SK_HANDLED;
	}
	static const char *const yesno[] = {N_("yes"), N_("no")};
	int n = ff->type == FT_YESNO ? 2 : ff->nchoices;
	free(f->choice_labels);
	f->choice_labels = xcalloc((size_t)(n ? n : 1), sizeof *f->choice_labels);
	char *now = ledit_text(&f->ed[f->focus]);
	int cur = 0;
	for (int i = 0; i < n; i++) {
		if (ff->type == FT_YESNO) {
			f->choice_labels[i] = yesno[i];
			if (!strcmp(choice_text(ff, now), _(yesno[i])))
				cur = i;
		} else {
			f->choice_labels[i] = form_choice_label(ff, ff->choices[i]);
			if (!strcmp(now, ff->choices[i]))
				cur = i;
		}
	}
	free(now);
	struct menu_spec spec = {ff->label, n, f->choice_labels, NULL, menu_chosen, f, cur};
	tui_push(&scr_menu, &spec);
	return SK_HANDLED;
}

static int fs_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct fs *f = s->st;
	const struct form_field *ff = field(f, f->focus);
	/* A character typed into a field that only picks: its list opens, filtered by it (a
	   field that takes typing too, a deputy's code, takes it). */
	if (is_choice(ff) && editable(f, f->focus) && kind == OK && ch > ' ' && iswprint(ch)) {
		char *typed = u8_from_wcs((const wchar_t[]){(wchar_t)ch, 0});
		int rc = pick(f, typed);
		free(typed);
		return rc;
	}
	if (!is_choice(ff) && editable(f, f->focus)) {
		int r = ledit_key(&f->ed[f->focus], kind, ch);
		if (f->ed[f->focus].refused)
			tui_error(_("%s: at most %d columns"), _(ff->label),
			          f->ed[f->focus].max_cols);
		if (r == LEDIT_CHANGED && f->focus == f->bad)
			f->bad = -1;
		if (r != LEDIT_UNHANDLED)
			return SK_HANDLED;
	}
	switch (a) {
	case ACT_NEXT_FIELD: move_focus(f, 1); return SK_HANDLED;
	case ACT_PREV_FIELD: move_focus(f, -1); return SK_HANDLED;
	case ACT_SAVE: return save(f);
	case ACT_CANCEL:
		if (fs_dirty(s))
			tui_ask(_("Leave the form and lose what you typed?"), cancel_answer, f);
		else
			return SK_CLOSE;
		return SK_HANDLED;
	case ACT_PICK: return editable(f, f->focus) ? pick(f, "") : SK_HANDLED;
	case ACT_CLEAR:
		if (editable(f, f->focus))
			set_value(f, f->focus, "");
		return SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

/* A paste goes into the field being typed in, whole; several lines only into a box of lines. */
static void fs_paste(struct scr *s, const char *text)
{
	struct fs *f = s->st;
	const struct form_field *ff = field(f, f->focus);
	if (!editable(f, f->focus)) {
		tui_error(_("%s cannot be changed here; nothing was pasted"), _(ff->label));
		return;
	}
	if (is_choice(ff)) {
		tui_error(_("%s: pick the value from its list (Enter); nothing was pasted"),
		          _(ff->label));
		return;
	}
	struct ledit *e = &f->ed[f->focus];
	int r = ledit_paste(e, text);
	if (r == LEDIT_UNHANDLED)
		tui_error(_("%s holds one line: a paste of several lines was not put into it"),
		          _(ff->label));
	else if (e->refused)
		tui_error(_("%s: at most %d columns; nothing was pasted"), _(ff->label),
		          e->max_cols);
	else if (r == LEDIT_CHANGED && f->focus == f->bad)
		f->bad = -1;
}

static unsigned fs_keyctx(struct scr *s)
{
	struct fs *f = s->st;
	unsigned c = KC_FORM | KC_HELPKEY;
	if ((is_choice(field(f, f->focus)) || field(f, f->focus)->pick) && editable(f, f->focus))
		c |= KC_CHOICE;
	return c;
}

static const char *fs_title(struct scr *s)
{
	struct fs *f = s->st;
	return f->spec.title;
}

static const char *fs_info(struct scr *s)
{
	(void)s;
	return _("* required");
}

static void fs_click(struct scr *s, int y, int x, bool twice)
{
	struct fs *f = s->st;
	(void)x;
	(void)twice;
	int row = 0;
	for (int i = 0; i < f->n; i++) {
		int h = field(f, i)->type == FT_LONGTEXT && field(f, i)->height > 1
		            ? field(f, i)->height
		            : 1;
		int sy = 1 + row - f->top;
		if (y >= sy && y < sy + h && editable(f, i))
			f->focus = i;
		row += h;
	}
}

const struct screen scr_form = {
    .name = N_("Form"),
    .ctx = KC_FORM | KC_HELPKEY,
    .init = fs_init,
    .draw = fs_draw,
    .key = fs_key,
    .free = fs_free,
    .title = fs_title,
    .info = fs_info,
    .keyctx = fs_keyctx,
    .click = fs_click,
    .dirty = fs_dirty,
    .paste = fs_paste,
};

void fs_start_in_town(const struct form_def *d, char ***values)
{
	if (!tui.sc.town_name)
		return;
	for (int i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, "town")) {
			if (!*values)
				*values = xcalloc((size_t)d->nfields, sizeof **values);
			free((*values)[i]);
			(*values)[i] = xstrdup(tui.sc.town_name);
		}
}
