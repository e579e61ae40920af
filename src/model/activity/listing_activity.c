/*
 * The lists of activities, for the console and the CLI alike (activity.h):
 * the activities in scope that pass a filter, and the deputies to pick for a
 * step (sign-up, answers, attendance). Read a page at a time by keyset
 * (model/core/pager.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/activity/activity.h"
#include "model/core/db.h"
#include "model/core/module.h"
#include "model/core/pager.h"
#include "model/deputy/deputy.h"
#include "model/flow/flow.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The kind in a word or two, for a narrow column. */
static const char *show_kind(const char *raw)
{
	static const struct {
		const char *kind, *word;
	} words[] = {
	    {"meeting", N_("sat in")},
	    {"inspection", N_("inspection")},
	    {"research", N_("research")},
	    {"enforcement", N_("law check")},
	    {"reception", N_("station duty")},
	    {"training", N_("training")},
	    {"group", N_("group")},
	    {"report", N_("report-back")},
	    {"other", N_("other")},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].kind, raw))
			return _(words[i].word);
	return raw;
}

static const char *show_state(const char *raw)
{
	return flow_state_label(&activity_flow, raw);
}

/* The organising town, or the city. */
static const char *show_town(const char *raw)
{
	return *raw ? raw : _("city");
}

static const char *show_places(const char *raw)
{
	return strcmp(raw, "0") ? raw : "";
}

static const char *show_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city");
	if (!strcmp(raw, "town"))
		return _("town");
	return raw;
}

static const char *show_status(const char *raw)
{
	static const struct {
		const char *code, *label;
	} words[] = {
	    {"requested", N_("signed up")}, {"confirmed", N_("confirmed")},
	    {"declined", N_("declined")},   {"withdrawn", N_("withdrawn")},
	    {"present", N_("present")},     {"leave", N_("on leave")},
	    {"absent", N_("absent")},       {"in-office", N_("in office")},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].code, raw))
			return _(words[i].label);
	return raw;
}

#define CONFIRMED_SQL                                                                              \
	"(SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id AND s.status = "       \
	"'confirmed')"

static const struct pager_col cols[] = {
    {"number", N_("No."), "a.number", 12, PC_SORT | PC_FILTER | PC_KEEP | PC_WHOLE, NULL, NULL},
    {"starts_at", N_("When"), "a.starts_at", 16, PC_SORT | PC_KEEP | PC_WHOLE | PC_NOTNULL, NULL,
     NULL},
    {"kind", N_("Kind"), "a.kind", 8, PC_SORT, show_kind, NULL},
    {"title", N_("Title"), "a.title", 20, PC_SORT | PC_FILTER | PC_FLEX | PC_KEEP, NULL, NULL},
    {"town", N_("Organised by"), "coalesce(t.name, '')", 8, PC_SORT | PC_FILTER, show_town, NULL},
    {"place", N_("Place"), "a.place", 12, PC_FILTER | PC_EXTRA, NULL, NULL},
    {"state", N_("State"), "a.state", 8, PC_SORT | PC_KEEP | PC_WHOLE, show_state, NULL},
    {"confirmed", N_("Taking part"), CONFIRMED_SQL, 4, PC_SORT | PC_RIGHT, NULL, NULL},
    {"capacity", N_("Places"), "a.capacity", 4, PC_SORT | PC_RIGHT, show_places, NULL},
    {"organiser", N_("Organiser"), "a.organiser", 16, PC_HIDDEN, NULL, NULL},
    {"level", N_("Level"), "CASE WHEN a.town_id IS NULL THEN 'city' ELSE 'town' END", 4, PC_HIDDEN,
     show_level, NULL},
    {"version", N_("Version"), "a.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def def = {
    N_("activities"),
    "activity a LEFT JOIN town t ON t.id = a.town_id",
    "a.id",
    cols,
    N_OF(cols),
    1,
    true,
};

static const char *const list_keys[] = {
    "id", "number", "starts_at", "kind", "title", "town", "place", "state", "confirmed", "capacity",
};

/* A deputy named in a filter, as any clerk of the city finds them. */
static int filter_deputy(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK;
	return deputy_find(db, &all, ref, id);
}

/* An activity is for the deputy d (a row alias) when these hold (a: the activity). */
#define ELIGIBLE_SQL(d)                                                                            \
	"(a.town_id IS NULL OR a.town_id = " d ".town_id) AND (a.for_level IS NULL OR "            \
	"a.for_level = " d ".level) AND (a.for_town_id IS NULL OR a.for_town_id = " d ".town_id) " \
	"AND (a.for_group_id IS NULL OR a.for_group_id = " d ".group_id)"

int listing_activities(sqlite3 *db, const struct scope *sc, const struct filter *f,
                       struct pager **out)
{
	*out = NULL;
	const char *year = filter_get(f, "year"), *kind = filter_get(f, "kind"),
	           *town_v = filter_get(f, "town"), *state = filter_get(f, "state"),
	           *deputy_v = filter_get(f, "deputy"), *open_for = filter_get(f, "open_for"),
	           *search = filter_get(f, "search");
	int64_t town = 0, deputy = 0, eligible = 0;
	if (kind && !wf_in(ACTIVITY_KINDS, kind))
		return err_set(RD_INVALID, _("kind: '%s' is not one of %s"), kind, ACTIVITY_KINDS);
	if (town_v && strcmp(town_v, "city") && flow_lookup(db, "town", "town", town_v, &town))
		return RD_INVALID;
	if (state && strcmp(state, "open") && !wf_state(&activity_flow, state))
		return err_set(RD_INVALID,
		               _("status: '%s' is not a state of an activity (or open)"), state);
	if (deputy_v && filter_deputy(db, sc, deputy_v, &deputy))
		return RD_INVALID;
	if (open_for && filter_deputy(db, sc, open_for, &eligible))
		return RD_INVALID;
	struct pager *p = pager_new(db, &def);
	pager_where_scope(p, ACTIVITY_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	if (year)
		pager_where(p, "substr(a.starts_at, 1, 4) = ?", "t", year);
	if (kind)
		pager_where(p, "a.kind = ?", "t", kind);
	if (town_v && !strcmp(town_v, "city"))
		pager_where(p, "a.town_id IS NULL", "");
	else if (town)
		pager_where(p, "a.town_id = ?", "i", town);
	if (sc->role == ROLE_TOWN_CLERK || (town_v && *town_v))
		pager_quiet(p, "town"); /* one organiser */
	if (state && !strcmp(state, "open")) {
		char *cond = xasprintf("a.state IN %s", flow_open_sql(&activity_flow));
		pager_where(p, cond, "");
		free(cond);
	} else if (state)
		pager_where(p, "a.state = ?", "t", state);
	if (deputy)
		pager_where(
		    p,
		    "EXISTS (SELECT 1 FROM activity_signup s WHERE s.activity_id = a.id AND "
		    "s.deputy_id = ?)",
		    "i", deputy);
	/* Held today or later (renda_today(): the program's clock): a sign-up closes once
	   the activity's day is past, whatever its state says. */
	if (filter_flag(f, "upcoming") || eligible)
		pager_where(p, "substr(a.starts_at, 1, 10) >= renda_today()", "");
	if (eligible)
		pager_where(
		    p,
		    "a.state = 'signup' AND EXISTS (SELECT 1 FROM deputy d WHERE d.id = ? AND "
		    "NOT " DEPUTY_LEFT_SQL("d") " AND " ELIGIBLE_SQL(
		        "d") ") AND NOT EXISTS (SELECT 1 FROM activity_signup s WHERE "
		             "s.activity_id = a.id AND s.deputy_id = ? AND s.status IN "
		             "('requested', 'confirmed')) AND (a.capacity = 0 OR " CONFIRMED_SQL
		             " < a.capacity)",
		    "ii", eligible, eligible);
	if (search)
		pager_where(p, "instr(a.title, ?) OR instr(a.place, ?) OR instr(a.content, ?)",
		            "ttt", search, search, search);
	*out = p;
	return RD_OK;
}

/* ---- the deputies of a step ------------------------------------------------------ */

static const struct pager_col dep_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Full name"), "d.name", 8, PC_SORT | PC_FILTER | PC_PINYIN, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Status"), DEPUTY_STATUS_SQL("d"), 10, PC_SORT, show_status, NULL},
};
static const struct pager_def dep_def = {
    N_("deputies"), "deputy d JOIN town t ON t.id = d.town_id", "d.id", dep_cols, N_OF(dep_cols), 1,
    false,
};
/* The deputies who signed up, with their sign-up or (confirmed) their attendance so far. */
static const struct pager_col signed_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Full name"), "d.name", 8, PC_SORT | PC_FILTER | PC_PINYIN, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Status"),
     "coalesce((SELECT x.status FROM activity_attendance x WHERE x.activity_id = s.activity_id "
     "AND x.deputy_id = s.deputy_id ORDER BY x.id DESC LIMIT 1), s.status)",
     10, PC_SORT, show_status, NULL},
};
static const struct pager_def signed_def = {
    N_("sign-ups"),
    "activity_signup s JOIN deputy d ON d.id = s.deputy_id JOIN town t ON t.id = d.town_id",
    "d.id",
    signed_cols,
    N_OF(signed_cols),
    1,
    false,
};

struct pager *listing_activity_deputies(sqlite3 *db, const struct scope *sc, int64_t id,
                                        enum activity_deps mode)
{
	struct tbl t;
	if (activity_info(db, sc, id, &t))
		return NULL;
	tbl_free(&t);
	struct pager *p;
	if (mode == AD_ELIGIBLE) {
		p = pager_new(db, &dep_def);
		pager_where(
		    p,
		    "NOT " DEPUTY_LEFT_SQL("d") " AND EXISTS (SELECT 1 FROM activity a WHERE a.id "
		                                "= ? AND " ELIGIBLE_SQL(
		                                    "d") ") AND NOT EXISTS (SELECT 1 FROM "
		                                         "activity_signup s WHERE "
		                                         "s.activity_id = ? AND s.deputy_id = "
		                                         "d.id AND s.status IN ('requested', "
		                                         "'confirmed'))",
		    "ii", id, id);
		return p;
	}
	p = pager_new(db, &signed_def);
	pager_where(p, "s.activity_id = ?", "i", id);
	if (mode == AD_REQUESTED)
		pager_where(p, "s.status = 'requested'", "");
	else if (mode == AD_SIGNED)
		pager_where(p, "s.status IN ('requested', 'confirmed')", "");
	else
		pager_where(p, "s.status = 'confirmed'", "");
	return p;
}

/* clang-format off */
static const struct mod_filter filters[] = {
	{"year", "year", MF_YEAR, N_("Y"), N_("year %s")},
	{"kind", "kind", MF_TEXT, N_("K"), "%s"},
	{"town", "town", MF_TEXT, N_("T|city"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"deputy", "deputy", MF_TEXT, N_("CODE"), N_("deputy %s")},
	{"open_for", "open-for", MF_TEXT, N_("CODE"), N_("open to deputy %s")},
	{"upcoming", "upcoming", MF_FLAG, NULL, N_("not yet held")},
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
};

static const struct mod_part parts[] = {
	{"signups", N_("Sign-ups (点单)"), activity_signups},
	{"roll", N_("Attendance (出席 / 请假 / 缺席)"), activity_attendance},
};
/* clang-format on */

const struct mod_model activity_model = {
    .filters = filters,
    .nfilters = N_OF(filters),
    .listing = listing_activities,
    .list_keys = list_keys,
    .nlist_keys = N_OF(list_keys),
    .find = activity_find,
    .record = activity_info,
    .number_key = "number",
    .parts = parts,
    .nparts = N_OF(parts),
    .deputy_key = "deputy",
    .when_key = "starts_at",
};
