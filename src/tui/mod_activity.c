/*
 * Deputies' activities in the console (履职活动): what is theirs alone. The
 * list, the page and the steps (open for sign-up, sign-ups picked from the
 * deputies the activity is for, answers, attendance picked from the confirmed
 * deputies, completion, archiving, cancelling) are the registry's generic
 * screens (scr_records.c, scr_step.c); here are the views of the module's
 * menu, the fields of an activity's page, the words of its sub-lists and the
 * form of a new activity.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/activity/activity.h"
#include "model/core/form.h"
#include "tui/formscr.h"
#include "tui/list.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const struct mod_field fields[] = {
    {"number", N_("Number"), 0},
    {"kind", N_("Kind"), 0},
    {"state", N_("State"), 0},
    {"starts_at", N_("Starts at"), 0},
    {"ends_at", N_("Ends at"), MV_SKIP_EMPTY},
    {"place", N_("Place"), 0},
    {"organiser", N_("Organiser"), 0},
    {"who", N_("Who may sign up"), 0},
    {"capacity", N_("Places"), 0},
    {"confirmed", N_("Taking part"), 0},
    {"attendance", N_("Attendance"), MV_SKIP_EMPTY},
    {"content", N_("Content"), MV_SKIP_EMPTY},
    {"created_at", N_("Planned"), MV_MINUTE},
    {"version", N_("Version"), MV_SKIP_EMPTY},
};

static char *show(const struct tbl *rec, const char *key)
{
#define V(k) tbl_get(rec, 0, k)
	if (!strcmp(key, "kind"))
		return xstrdup(activity_kind_label(V("kind")));
	if (!strcmp(key, "state"))
		return xstrdup(flow_state_label(&activity_flow, V("state")));
	if (!strcmp(key, "organiser"))
		return *V("town") ? xasprintf(_("%s (%s)"), V("organiser"), V("town"))
		                  : xstrdup(V("organiser"));
	if (!strcmp(key, "capacity"))
		return strcmp(V("capacity"), "0") ? xstrdup(V("capacity")) : xstrdup(_("no limit"));
	if (!strcmp(key, "confirmed"))
		return xasprintf(_("%s confirmed, %s waiting for an answer"), V("confirmed"),
		                 V("requested"));
	if (!strcmp(key, "attendance"))
		return strcmp(V("present"), "0") || strcmp(V("leave"), "0") ||
		               strcmp(V("absent"), "0")
		           ? xasprintf(_("%s present, %s on leave, %s absent"), V("present"),
		                       V("leave"), V("absent"))
		           : xstrdup("");
#undef V
	return NULL;
}

static const char *status_word(const char *s)
{
	if (!strcmp(s, "requested"))
		return _("signed up, waiting for an answer");
	if (!strcmp(s, "confirmed"))
		return _("confirmed");
	if (!strcmp(s, "declined"))
		return _("declined");
	if (!strcmp(s, "withdrawn"))
		return _("withdrawn");
	if (!strcmp(s, "present"))
		return _("present (出席)");
	if (!strcmp(s, "leave"))
		return _("on leave (请假)");
	if (!strcmp(s, "absent"))
		return _("absent (缺席)");
	return s;
}

static void part_row(const char *part, const struct tbl *t, int r, struct vw_data *d)
{
#define C(k) tbl_get(t, r, k)
	char *who = xasprintf(_("%s (%s)"), C("name"), C("code"));
	char *v;
	if (!strcmp(part, "signups"))
		v = *C("answered")
		        ? xasprintf(_("%s on %s (signed up %s)"), status_word(C("status")),
		                    C("answered"), C("signed"))
		        : xasprintf(_("%s (signed up %s)"), status_word(C("status")), C("signed"));
	else {
		struct sbuf b = SBUF_INIT;
		sbuf_puts(&b, status_word(C("status")));
		if (*C("reason"))
			sbuf_printf(&b, _(": %s"), C("reason"));
		sbuf_printf(&b, _(" (recorded %s by %s)"), C("recorded"), C("account"));
		if (strcmp(C("changes"), "0"))
			sbuf_printf(&b, _(", corrected %s times"), C("changes"));
		v = sbuf_take(&b);
	}
	vw_add(d, !strcmp(C("status"), "absent"), who, v, NULL);
	free(who);
	free(v);
#undef C
}

/* ---- a new activity ------------------------------------------------------------ */

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const struct form_def *d = form_find("activity");
	const char *cap = fs_value(d, v, "capacity");
	struct activity_new n = {
	    .kind = fs_value(d, v, "kind"),
	    .title = fs_value(d, v, "title"),
	    .starts = fs_value(d, v, "starts"),
	    .ends = fs_value(d, v, "ends"),
	    .place = fs_value(d, v, "place"),
	    .town = fs_value(d, v, "town"),
	    .organiser = fs_value(d, v, "organiser"),
	    .capacity = cap && *cap ? atoi(cap) : 0,
	    .for_level = fs_value(d, v, "for_level"),
	    .for_town = fs_value(d, v, "for_town"),
	    .for_group = fs_value(d, v, "for_group"),
	    .content = fs_value(d, v, "content"),
	};
	int64_t id;
	int rc = activity_add(tui.db, &tui.sc, &n, &id);
	if (!rc)
		lw_select_new("activities", id); /* listing_activities() */
	return rc;
}

static int add(void)
{
	const struct form_def *d = form_find("activity");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "activity");
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New activity of deputies")),
	    .save = add_save,
	};
	fs_start_in_town(d, &spec.values); /* a town clerk plans the town's own activities */
	return tui_push(&scr_form, &spec);
}

static bool may_add(void)
{
	return activity_may_add(&tui.sc);
}

/* ---- the row of the registry ------------------------------------------------------ */

static const struct mod_view views[] = {
    {N_("All activities"), N_("Every activity in your scope, the latest first; a plans a new one"),
     "", NULL},
    {N_("Open for sign-up"), N_("The activities deputies may sign up for now (点单)"),
     "state=signup;upcoming=yes", NULL},
    {N_("Not yet recorded"), N_("Planned, open for sign-up, or held and waiting for attendance"),
     "state=open", NULL},
    {N_("Statistics"),
     N_("Activities, sign-ups and attendance by kind, organiser and month; attendance rates"), NULL,
     NULL},
};

const struct mod_console activity_console = {
    .one = N_("activity %s"),
    .page_title = N_("Activity %s: %s"),
    .views = views,
    .nviews = N_OF(views),
    .fields = fields,
    .nfields = N_OF(fields),
    .show = show,
    .part_row = part_row,
    .select_form = "activity-select",
    .may_add = may_add,
    .add = add,
};
