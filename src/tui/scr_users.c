/* Users and roles: the accounts the session may see; administrators add, edit and disable. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/listing.h"
#include "model/core/user.h"
#include "tui/formscr.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct users {
	struct lw *lw;
};

/* What a form or a view of one account needs after the list is gone. */
struct one {
	int64_t id;
	char *login;
};

static struct one *one_new(const struct pager_row *r, const struct pager_def *d)
{
	struct one *o = xcalloc(1, sizeof *o);
	o->id = r ? r->id : 0;
	o->login = r ? xstrdup(r->cells[pager_col_index(d, "login")]) : NULL;
	return o;
}

static void one_free(void *ctx)
{
	struct one *o = ctx;
	free(o->login);
	free(o);
}

/* A user_spec from a form's values (pointers into values). */
static int spec_of(const struct form_def *d, char *const *v, struct user_spec *u)
{
	memset(u, 0, sizeof *u);
	u->login = fs_value(d, v, "login");
	u->name = fs_value(d, v, "name");
	const char *role = fs_value(d, v, "role");
	if (!role || !role_parse(role, &u->role))
		return err_set(RD_INVALID, _("%s: choose a role"), _("Role"));
	const char *town = fs_value(d, v, "town"), *unit = fs_value(d, v, "unit");
	u->town = town && *town ? town : NULL;
	u->unit = unit && *unit ? unit : NULL;
	return RD_OK;
}

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	struct user_spec u;
	if (spec_of(form_find("user"), v, &u))
		return RD_INVALID;
	int64_t id;
	int rc = user_add(tui.db, &tui.sc, &u, &id);
	if (!rc)
		lw_select_new("users", id); /* listing_users() */
	return rc;
}

static int edit_save(void *ctx, char *const *v, int64_t version)
{
	struct one *o = ctx;
	struct user_spec u;
	if (spec_of(form_find("user"), v, &u))
		return RD_INVALID;
	u.login = o->login;
	return user_edit(tui.db, &tui.sc, o->id, version, &u);
}

/* Reads one account as the list shows it; RD_NOTFOUND when gone or out of scope. */
static int read_one(int64_t id, struct pager **p, struct pager_row *row)
{
	*p = listing_users(tui.db, &tui.sc);
	int rc = pager_get(*p, id, row);
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
	int rc = read_one(o->id, &p, &r);
	if (rc)
		return rc;
	const struct form_def *d = form_find("user");
	*values = fs_values_from_row(d, pager_def(p), &r);
	for (int i = 0; i < d->nfields; i++)
		if (!(*values)[i])
			(*values)[i] = xstrdup("");
	*version = version_of(p, &r);
	pager_row_free(&r, pager_def(p)->ncols);
	pager_free(p);
	return RD_OK;
}

static const struct form_def *user_form(void)
{
	const struct form_def *d = form_find("user");
	if (!d)
		err_set(RD_FAIL, _("no form 'user' in %s"), "forms/");
	return d;
}

static int open_add(void)
{
	const struct form_def *d = user_form();
	if (!d)
		return RD_FAIL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New account")),
	    .save = add_save,
	};
	return tui_push(&scr_form, &spec);
}

static int open_edit(int64_t id)
{
	const struct form_def *d = user_form();
	if (!d)
		return RD_FAIL;
	struct pager *p;
	struct pager_row r;
	if (read_one(id, &p, &r))
		return RD_NOTFOUND;
	struct one *o = one_new(&r, pager_def(p));
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("Account %s"), o->login),
	    .values = fs_values_from_row(d, pager_def(p), &r),
	    .locked = xcalloc((size_t)d->nfields, sizeof(bool)),
	    .version = version_of(p, &r),
	    .save = edit_save,
	    .theirs = edit_theirs,
	    .free = one_free,
	    .ctx = o,
	    .entity = "user",
	    .id = id,
	};
	for (int i = 0; i < d->nfields; i++)
		spec.locked[i] = !strcmp(d->fields[i].key, "login");
	pager_row_free(&r, pager_def(p)->ncols);
	pager_free(p);
	return tui_push(&scr_form, &spec);
}

struct disable_job {
	int n;
	int64_t *ids;
	char **logins;
};

static void disable_answer(void *ctx, bool yes)
{
	struct disable_job *j = ctx;
	int done = 0;
	for (int i = 0; yes && i < j->n; i++) {
		if (user_remove(tui.db, &tui.sc, j->logins[i])) {
			err_report();
			break;
		}
		done++;
	}
	if (yes && done == j->n)
		tui_info(P_("Disabled %d account; it stays in the audit trail.",
		            "Disabled %d accounts; they stay in the audit trail.",
		            (unsigned long)done),
		         done);
	if (done)
		tui_changed();
	for (int i = 0; i < j->n; i++)
		free(j->logins[i]);
	free(j->logins);
	free(j->ids);
	free(j);
}

/* Asks, then disables the marked accounts, or the one given. */
static void ask_disable(struct lw *lw, int64_t id, const char *login)
{
	struct disable_job *job = xcalloc(1, sizeof *job);
	const int64_t *marks;
	int n = lw ? lw_marked(lw, &marks) : 0;
	if (n) {
		struct pager *p = listing_users(tui.db, &tui.sc);
		job->ids = xcalloc((size_t)n, sizeof *job->ids);
		job->logins = xcalloc((size_t)n, sizeof *job->logins);
		for (int i = 0; i < n; i++) {
			struct pager_row r;
			if (pager_get(p, marks[i], &r))
				continue;
			job->ids[job->n] = r.id;
			job->logins[job->n++] =
			    xstrdup(r.cells[pager_col_index(pager_def(p), "login")]);
			pager_row_free(&r, pager_def(p)->ncols);
		}
		pager_free(p);
		lw_unmark_all(lw);
	} else {
		job->ids = xcalloc(1, sizeof *job->ids);
		job->logins = xcalloc(1, sizeof *job->logins);
		job->ids[0] = id;
		job->logins[0] = xstrdup(login);
		job->n = 1;
	}
	char *q = job->n == 1 ? xasprintf(_("Disable the account %s?"), job->logins[0])
	                      : xasprintf(_("Disable %d marked accounts?"), job->n);
	tui_ask(q, disable_answer, job);
	free(q);
}

static bool can_user(enum action a)
{
	switch (a) {
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_DISABLE: return scope_is_admin(&tui.sc);
	case ACT_HISTORY: return true;
	case ACT_IMPORT:
	case ACT_VERIFY: return false;
	default: return true;
	}
}

/* The view of one account. */
static int view_load(void *ctx, struct vw_data *d)
{
	struct one *o = ctx;
	struct pager *p;
	struct pager_row r;
	int rc = read_one(o->id, &p, &r);
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
	(void)ctx;
	if (a == ACT_ADD)
		return false;
	return can_user(a);
}

static int view_act(void *ctx, enum action a)
{
	struct one *o = ctx;
	int rc = RD_OK;
	switch (a) {
	case ACT_EDIT: rc = open_edit(o->id); break;
	case ACT_HISTORY: rc = scr_history("user", o->id, o->login); break;
	case ACT_DISABLE: ask_disable(NULL, o->id, o->login); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_view(const struct pager_row *r, const struct pager_def *d)
{
	struct one *o = one_new(r, d);
	struct vw_spec spec = {
	    .title = xasprintf(_("Account %s"), o->login),
	    .keys = KC_RECORD,
	    .load = view_load,
	    .act = view_act,
	    .can = view_can,
	    .free = one_free,
	    .ctx = o,
	};
	return tui_push(&scr_view, &spec);
}

static int users_init(struct scr *s, void *arg)
{
	(void)arg;
	struct users *u = xcalloc(1, sizeof *u);
	u->lw = lw_new(listing_users(tui.db, &tui.sc));
	s->st = u;
	return RD_OK;
}

static int users_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct users *u = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *r = lw_current(u->lw);
	const struct pager_def *d = pager_def(lw_pager(u->lw));
	if ((a == ACT_ADD || a == ACT_EDIT || a == ACT_DISABLE) && !can_user(a)) {
		tui_error(_("Only an administrator changes accounts (you are %s)"),
		          scope_describe(&tui.sc));
		return SK_HANDLED;
	}
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
		if (r)
			rc = open_view(r, d);
		break;
	case ACT_ADD: rc = open_add(); break;
	case ACT_EDIT:
		if (r)
			rc = open_edit(r->id);
		break;
	case ACT_DISABLE:
		if (r || lw_marked(u->lw, &(const int64_t *){NULL}))
			ask_disable(u->lw, r ? r->id : 0,
			            r ? r->cells[pager_col_index(d, "login")] : "");
		break;
	case ACT_HISTORY:
		if (r)
			rc = scr_history("user", r->id, r->cells[pager_col_index(d, "login")]);
		break;
	case ACT_IMPORT:
	case ACT_VERIFY: return SK_HANDLED;
	default: return lw_key(u->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static bool users_can(struct scr *s, enum action a)
{
	struct users *u = s->st;
	return can_user(a) && lw_can(u->lw, a);
}

const struct screen scr_users = {
    .name = N_("Users and roles"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD,
    .init = users_init,
    .draw = lw_scr_draw,
    .key = users_key,
    .free = lw_scr_free,
    .info = lw_scr_info,
    .can = users_can,
    .click = lw_scr_click,
};
