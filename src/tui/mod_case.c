/*
 * Voter issues in the console (码上提、马上办): what is theirs alone. The list,
 * the page and the steps are the registry's generic screens (scr_records.c,
 * scr_step.c); here are the views of the module's menu, the fields of a
 * case's page, recording a case taken by phone or at a station, the import
 * of the intake page's file, and deputies' comments and likes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/core/form.h"
#include "model/core/ref.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/formscr.h"
#include "tui/importscr.h"
#include "tui/modscr.h"
#include "tui/pick.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static bool yes(const char *v)
{
	return v && (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true"));
}

/* The label a form gives a choice value (translated), or the value. */
static const char *choice_label(const char *form, const char *key, const char *value)
{
	const struct form_def *d = form_find(form);
	const struct form_field *f = d ? form_field_find(d, key) : NULL;
	return f ? form_choice_label(f, value) : value;
}

static const struct form_def *need_form(const char *name)
{
	const struct form_def *d = form_find(name);
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), name);
	return d;
}

/* ---- a case's page ------------------------------------------------------- */

static const struct mod_field fields[] = {
    {"number", N_("No."), 0},
    {"title", N_("Title"), 0},
    {"state", N_("State"), 0},
    {"overdue", N_("Overdue"), MV_LATE},
    {"respond_due", N_("Respond by"), 0},
    {"reply_due", N_("Reply by"), 0},
    {"submitted_at", N_("Received at"), MV_MINUTE},
    {"channel", N_("Came by"), 0},
    {"deputy", N_("Deputy"), 0},
    {"station", N_("Liaison station"), 0},
    {"town", N_("Town"), 0},
    {"category", N_("Category"), 0},
    {"level", N_("Reviewed by"), 0},
    {"voter_name", N_("Voter"), 0},
    {"voter_phone", N_("Voter's phone"), 0},
    {"private", N_("Private"), 0},
    {"content", N_("Content"), 0},
    {"lead_unit", N_("Lead unit"), 0},
    {"support_units", N_("Supporting units"), 0},
    {"reply", N_("Reply"), 0},
    {"evaluation", N_("Evaluation"), 0},
    {"rounds", N_("Handled again"), 0},
    {"likes", N_("Likes"), 0},
    {"comments", N_("Comments"), 0},
    {"external_id", N_("Intake page id"), 0},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&case_flow, v));
	if (!strcmp(key, "channel"))
		return xstrdup(choice_label("case", "channel", v));
	if (!strcmp(key, "evaluation"))
		return xstrdup(*v ? choice_label("case-evaluate", "eval", v) : v);
	if (!strcmp(key, "level"))
		return xstrdup(!strcmp(v, "city")   ? _("the city's office (代表工委)")
		               : !strcmp(v, "town") ? _("the town's office (人大办)")
		                                    : v);
	if (!strcmp(key, "private") || !strcmp(key, "overdue"))
		return xstrdup(yes(v) ? _("yes") : _("no"));
	return NULL;
}

static void part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
	char *at = dr_minute(tbl_get(t, r, "at"));
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, _("%s (%s)"), tbl_get(t, r, "deputy"), tbl_get(t, r, "code"));
	if (!strcmp(part, "comments")) {
		if (*tbl_get(t, r, "rating"))
			sbuf_printf(&b, _(", rating %s of 5"), tbl_get(t, r, "rating"));
		if (*tbl_get(t, r, "text"))
			sbuf_printf(&b, _(": %s"), tbl_get(t, r, "text"));
	}
	vw_add(d, false, at, sbuf_str(&b), NULL);
	sbuf_free(&b);
	free(at);
}

/* ---- deputies' comments and likes ------------------------------------------ */

/* What the pick of a deputy is for (one pick at a time). */
static struct {
	int64_t id;
	char *name;
	enum { PICK_PHONE, PICK_COMMENT, PICK_LIKE } what;
	char *deputy;
} picking;

static int comment_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("case-comment");
	const char *rating = fs_value(d, v, "rating");
	return case_comment(tui.db, &tui.sc, picking.id, picking.deputy, fs_value(d, v, "text"),
	                    rating && *rating ? atoi(rating) : 0);
}

static int open_add_form(const char *deputy);

static void deputy_picked(void *ctx, const char *code)
{
	(void)ctx;
	int rc = RD_OK;
	switch (picking.what) {
	case PICK_PHONE: rc = open_add_form(code); break;
	case PICK_LIKE:
		rc = case_like(tui.db, &tui.sc, picking.id, code);
		if (!rc) {
			tui_changed();
			tui_info(_("Case %s: liked by deputy %s."), picking.name, code);
		}
		break;
	case PICK_COMMENT: {
		const struct form_def *d = need_form("case-comment");
		if (!d) {
			rc = RD_FAIL;
			break;
		}
		free(picking.deputy);
		picking.deputy = xstrdup(code);
		struct fs_spec spec = {
		    .form = d,
		    .title = xasprintf(_("Comment of deputy %s on case %s"), code, picking.name),
		    .save = comment_save,
		};
		rc = tui_push(&scr_form, &spec);
		break;
	}
	}
	if (rc)
		err_report();
}

/* Picks a deputy from the list of deputies in office, then goes on as `what` says. */
static int pick_deputy(int64_t id, const char *name, int what, char *title)
{
	picking.id = id;
	free(picking.name);
	picking.name = xstrdup(name ? name : "");
	picking.what = what;
	struct pager *p = listing_case_deputies(tui.db, &tui.sc);
	struct pick_spec spec = {
	    .title = title,
	    .p = p,
	    .col = pager_col_index(pager_def(p), "code"),
	    .done = deputy_picked,
	};
	/* A town clerk's voters mostly call the town's deputies: the list opens filtered by
	   the town (Esc shows every deputy). */
	if (tui.sc.town_name)
		snprintf(spec.typed, sizeof spec.typed, "%s", tui.sc.town_name);
	return tui_push(&scr_pick, &spec);
}

static bool can(enum action a)
{
	return (a == ACT_COMMENT || a == ACT_LIKE) && case_may_comment(&tui.sc);
}

static int act(enum action a, int64_t id, const char *name)
{
	if (!case_may_comment(&tui.sc)) {
		tui_error(_("Your role (%s) does not record deputies' comments and likes"),
		          role_label(tui.sc.role));
		return RD_OK;
	}
	bool like = a == ACT_LIKE;
	char *title = like ? xasprintf(_("Case %s: which deputy likes the handling"), name)
	                   : xasprintf(_("Case %s: which deputy comments"), name);
	return pick_deputy(id, name, like ? PICK_LIKE : PICK_COMMENT, title);
}

/* ---- the clerk's entry of a case --------------------------------------------- */

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("case");
	struct case_new n = {0};
	n.channel = fs_value(d, v, "channel");
	n.deputy = fs_value(d, v, "deputy");
	n.station = fs_value(d, v, "station");
	n.town = fs_value(d, v, "town");
	n.category = fs_value(d, v, "category");
	n.title = fs_value(d, v, "title");
	n.content = fs_value(d, v, "content");
	n.voter_name = fs_value(d, v, "voter_name");
	n.voter_phone = fs_value(d, v, "voter_phone");
	n.submitted_at = fs_value(d, v, "submitted_at");
	n.private_case = yes(fs_value(d, v, "private"));
	int64_t id;
	int rc = case_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		lw_select_new("voter issues", id); /* listing_cases() */
	return rc;
}

/* The form of a new case: taken by phone for deputy (locked), or at a station (deputy NULL). */
static int open_add_form(const char *deputy)
{
	const struct form_def *d = need_form("case");
	if (!d)
		return RD_FAIL;
	char **values = xcalloc((size_t)d->nfields, sizeof *values);
	bool *locked = xcalloc((size_t)d->nfields, sizeof *locked);
	for (int i = 0; i < d->nfields; i++) {
		const char *k = d->fields[i].key;
		if (!strcmp(k, "channel"))
			values[i] = xstrdup(deputy ? "phone" : "station");
		else if (!strcmp(k, "deputy") && deputy) {
			values[i] = xstrdup(deputy);
			locked[i] = true;
		}
	}
	fs_start_in_town(d, &values); /* a town clerk records the town's cases */
	struct fs_spec spec = {
	    .form = d,
	    .title = deputy ? xasprintf(_("New voter issue: a phone call to deputy %s"), deputy)
	                    : xstrdup(_("New voter issue: a visit at a liaison station")),
	    .values = values,
	    .locked = locked,
	    .save = add_save,
	};
	return tui_push(&scr_form, &spec);
}

static int add_chosen(void *ctx, int i)
{
	(void)ctx;
	int rc = i == 0 ? pick_deputy(0, NULL, PICK_PHONE,
	                              xstrdup(_("New voter issue: the deputy the voter called")))
	                : open_add_form(NULL);
	if (rc)
		err_report();
	return SK_CLOSE;
}

static int add(void)
{
	static const char *const labels[] = {
	    N_("A phone call to a deputy"),
	    N_("A visit at a liaison station"),
	};
	static const char *const descs[] = {
	    N_("Pick the deputy first, then type what the voter said"),
	    N_("The station, then what the voter said (a deputy's code if one took it)"),
	};
	struct menu_spec spec = {N_("New voter issue"), 2, labels, descs, add_chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}

static bool may_add(void)
{
	return case_may_add(&tui.sc);
}

/* ---- import -------------------------------------------------------------- */

static int run_import(void *ctx, const char *path, struct import_report *rep)
{
	(void)ctx;
	return case_import(tui.db, &tui.sc, path, rep);
}

/* Imports a CSV file of voter issues with a progress box; shows the report. */
static void import_file(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	char *title = xasprintf(_("Importing voter issues from %s"), path);
	struct imp_spec spec = {
	    .progress = title,
	    .report = _("Import of voter issues"),
	    .add_only = true,
	    .run = run_import,
	};
	imp_run(&spec, path);
	free(title);
}

static int import(void)
{
	tui_prompt(_("Import voter issues from CSV file:"), "", import_file, NULL, NULL);
	return RD_OK;
}

/* ---- the row of the registry ---------------------------------------------------- */

static const struct mod_view views[] = {
    {N_("All voter issues"),
     N_("Every case in your scope, newest first; a records a phone call or a station visit"), "",
     NULL},
    {N_("Still being handled"),
     N_("Received, forwarded, assigned, responded or replied, not yet closed"), "state=open", NULL},
    {N_("Overdue"), N_("Cases with a deadline past: to respond, to reply, to handle again"),
     "overdue=1", NULL},
    {N_("Due soon"), N_("Cases with a deadline in the next days"), "due_soon=1", NULL},
    {N_("Statistics"),
     N_("Counts by category, town, deputy, unit, state and month; on-time and satisfaction "
        "rates, with bars"),
     NULL, NULL},
};

const struct mod_console case_console = {
    .one = N_("case %s"),
    .page_title = N_("Case %s: %s"),
    .views = views,
    .nviews = N_OF(views),
    .fields = fields,
    .nfields = N_OF(fields),
    .show = show,
    .part_row = part_row,
    .select_form = "case-select",
    .may_add = may_add,
    .add = add,
    .import = import,
    .keys = KC_CASE,
    .act = act,
    .can = can,
};
