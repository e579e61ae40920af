/*
 * The lists of motions and suggestions, for the console and the CLI alike
 * (suggestion.h): the items in scope (suggestion_scope.h) that pass a filter,
 * the items one may be merged into, and the deputies to pick for an item.
 * Read a page at a time by keyset (model/core/pager.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/core/module.h"
#include "model/deputy/deputy.h"
#include "model/flow/flow.h"
#include "model/suggestion/suggestion.h"
#include "model/suggestion/suggestion_scope.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- motions and suggestions (the rule of suggestion_scope.h) ------------- */

static const char *show_sugg_kind(const char *raw)
{
	if (!strcmp(raw, "motion"))
		return _("motion");
	if (!strcmp(raw, "suggestion"))
		return _("suggestion");
	return raw;
}

static const char *show_sugg_state(const char *raw)
{
	const struct wf_state *st = wf_state(&suggestion_flow, raw);
	return st ? _(st->label) : raw;
}

/* 第12号: the number as documents print it (without the kind, which has its own column). */
static const char *show_sugg_number(const char *raw)
{
	static char buf[48];
	if (!*raw)
		return "";
	snprintf(buf, sizeof buf, _("No. %s"), raw);
	return buf;
}

/* A marker once the earliest running deadline is past: never shown by colour alone. */
static const char *show_sugg_overdue(const char *raw)
{
	char today[11];
	date_format(clock_today(), today);
	return *raw && strcmp(raw, today) < 0 ? _("late") : "";
}

static const char *show_sugg_key(const char *raw)
{
	return !strcmp(raw, "1") ? _("key") : "";
}

static const char *show_sugg_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city");
	if (!strcmp(raw, "town"))
		return _("town");
	return raw;
}

static const char *show_cosign(const char *raw)
{
	if (!strcmp(raw, "invited"))
		return _("invited");
	if (!strcmp(raw, "confirmed"))
		return _("confirmed");
	if (!strcmp(raw, "declined"))
		return _("declined");
	if (!strcmp(raw, "in-office"))
		return _("in office");
	return raw;
}

/* The list's description: built once, since its deadline columns come from the clock table. */
static struct pager_def sugg_def;
static struct pager_col sugg_cols[18];

static const struct pager_def *sugg_listing_def(void)
{
	if (sugg_def.cols)
		return &sugg_def;
	/* Two hidden columns read in one pass over the motion's running clocks. */
	static const struct flow_part parts[] = {{FF_OVERDUE, NULL}, {FF_PROVISIONAL, NULL}};
	const char *clocks = flow_fields_sql(&suggestion_flow, "s.id", parts, N_OF(parts));
	const struct pager_col cols[] = {
	    {"no", N_("No."), "coalesce(s.number, '')", 7,
	     PC_SORT | PC_FILTER | PC_RIGHT | PC_KEEP | PC_WHOLE, show_sugg_number,
	     SUGG_NUMBER_SQL("s", "cs")},
	    {"kind", N_("Kind"), "s.kind", 6, PC_SORT, show_sugg_kind, NULL},
	    {"title", N_("Title"), "s.title", 20, PC_SORT | PC_FILTER | PC_FLEX | PC_KEEP, NULL,
	     NULL},
	    {"deputy", N_("Lead"), "d.name", 6, PC_SORT | PC_FILTER, NULL, NULL},
	    {"cosigners", N_("Co."),
	     "(SELECT count(*) FROM suggestion_cosigner x WHERE x.suggestion_id = s.id AND "
	     "x.status "
	     "= 'confirmed')",
	     4, PC_SORT | PC_RIGHT, NULL, NULL},
	    {"state", N_("State"), "s.state", 8, PC_SORT | PC_KEEP | PC_WHOLE, show_sugg_state,
	     NULL},
	    {"unit", N_("Lead unit"), "coalesce(u.name, '')", 12, PC_SORT | PC_FILTER, NULL, NULL},
	    {"reply_due", N_("Due"), flow_due_sql(&suggestion_flow, "s.id", "reply"), 10,
	     PC_SORT | PC_WHOLE, NULL, NULL},
	    {"next_due", N_("Late"), flow_due_sql(&suggestion_flow, "s.id", NULL), 4, PC_SORT,
	     show_sugg_overdue, NULL},
	    {"key", N_("Key"), "s.key_supervised", 4, PC_SORT, show_sugg_key, NULL},
	    {"number", N_("Number"), SUGG_NUMBER_SQL("s", "cs"), 12, PC_HIDDEN, NULL, NULL},
	    {"session", N_("Session"), "cs.code", 8, PC_HIDDEN, NULL, NULL},
	    {"category", N_("Category"), "c.name", 8, PC_HIDDEN, NULL, NULL},
	    {"level", N_("Level"), "s.level", 4, PC_HIDDEN, show_sugg_level, NULL},
	    {"result_class", N_("Result class"),
	     "coalesce((SELECT code FROM result_class WHERE id = s.result_class_id), '')", 4,
	     PC_HIDDEN, NULL, NULL},
	    {"overdue", N_("Overdue"), clocks, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"provisional", N_("Provisional"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"version", N_("Version"), "s.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
	};
	_Static_assert(sizeof cols == sizeof sugg_cols, "sugg_cols holds every column");
	memcpy(sugg_cols, cols, sizeof cols);
	sugg_def = (struct pager_def){
	    N_("motions and suggestions"),
	    /* LEFT JOINs that give the rows an inner join would (the session, category and
	       lead deputy are required references): a count that reads none of them
	       leaves them out (pager_count). */
	    "suggestion s LEFT JOIN congress_session cs ON cs.id = s.session_id LEFT JOIN "
	    "category c ON c.id = s.category_id LEFT JOIN deputy d ON d.id = s.lead_deputy_id "
	    "LEFT JOIN unit u ON u.id = s.lead_unit_id",
	    "s.id",
	    sugg_cols,
	    N_OF(cols),
	    -1,
	    true,
	};
	return &sugg_def;
}

const char *const suggestion_list_keys[SUGGESTION_LIST_NKEYS] = {
    "id",    "number", "session",      "kind",      "level",   "state", "category",    "deputy",
    "title", "unit",   "result_class", "reply_due", "overdue", "key",   "provisional",
};

static struct pager *sugg_pager(sqlite3 *db, const struct scope *sc)
{
	struct pager *p = pager_new(db, sugg_listing_def());
	pager_where_scope(p, SUGG_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	return p;
}

int listing_suggestions(sqlite3 *db, const struct scope *sc, const struct filter *flt,
                        struct pager **out)
{
	*out = NULL;
	const char *session_v = filter_get(flt, "session"), *kind = filter_get(flt, "kind"),
	           *category = filter_get(flt, "category"), *unit_v = filter_get(flt, "unit"),
	           *state = filter_get(flt, "state"), *deputy_v = filter_get(flt, "deputy"),
	           *search = filter_get(flt, "search");
	int64_t session = 0, cat = 0, unit = 0, deputy = 0;
	if (session_v && *session_v &&
	    db_int(db, &session, "SELECT id FROM congress_session WHERE code = ?", "t", session_v))
		return err_set(RD_INVALID, _("session: no congress session '%s'"), session_v);
	if ((category && *category && flow_lookup(db, "category", "category", category, &cat)) ||
	    (unit_v && *unit_v && flow_lookup(db, "unit", "unit", unit_v, &unit)))
		return RD_INVALID;
	if (kind && *kind && strcmp(kind, "motion") && strcmp(kind, "suggestion"))
		return err_set(RD_INVALID, _("kind: '%s' is not motion or suggestion"), kind);
	if (state && *state && strcmp(state, "open") && !wf_state(&suggestion_flow, state))
		return err_set(RD_INVALID,
		               _("status: '%s' is not a state of a motion or suggestion (or open)"),
		               state);
	if (deputy_v && *deputy_v) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK;
		if (deputy_find(db, &all, deputy_v, &deputy))
			return RD_INVALID;
	}
	struct pager *p = sugg_pager(db, sc);
	if (session)
		pager_where(p, "s.session_id = ?", "i", session);
	if (kind && *kind)
		pager_where(p, "s.kind = ?", "t", kind);
	if (cat)
		pager_where(p, "s.category_id = ?", "i", cat);
	if (state && !strcmp(state, "open")) {
		char *cond = xasprintf("s.state IN %s", flow_open_sql(&suggestion_flow));
		pager_where(p, cond, "");
		free(cond);
	} else if (state && *state)
		pager_where(p, "s.state = ?", "t", state);
	if (unit)
		pager_where(
		    p,
		    "EXISTS (SELECT 1 FROM suggestion_unit x WHERE x.suggestion_id = s.id AND "
		    "x.unit_id = ?)",
		    "i", unit);
	if (deputy)
		pager_where(
		    p,
		    "s.lead_deputy_id = ? OR EXISTS (SELECT 1 FROM suggestion_cosigner x WHERE "
		    "x.suggestion_id = s.id AND x.deputy_id = ?)",
		    "ii", deputy, deputy);
	if (search && *search)
		pager_where(p, "instr(s.title, ?) OR instr(s.proposal, ?)", "tt", search, search);
	/* Items among a set (overdue, due soon): a page walks the list's own order and
	   looks each item up in the set ("+s.id"); the count visits the set's items only
	   (the running deadlines' index), as the voter issues' lists do. */
	for (int c = 0; c < 2; c++) {
		if (!filter_flag(flt, c ? "due_soon" : "overdue"))
			continue;
		char *count = xasprintf(
		    "s.id IN %s", flow_ids_sql(&suggestion_flow, c ? FC_DUE_SOON : FC_OVERDUE));
		char *fetch = xasprintf("+%s", count);
		pager_where_split(p, fetch, count, "");
		free(fetch);
		free(count);
	}
	if (filter_flag(flt, "key"))
		pager_where(p, "s.key_supervised", "");
	*out = p;
	return RD_OK;
}

struct pager *listing_sugg_hosts(sqlite3 *db, const struct scope *sc, int64_t item)
{
	struct pager *p = sugg_pager(db, sc);
	pager_where(p,
	            "s.id <> ? AND s.state IN ('submitted', 'registered', 'assigned') AND "
	            "EXISTS (SELECT 1 FROM suggestion m WHERE m.id = ? AND m.session_id = "
	            "s.session_id AND m.kind = s.kind)",
	            "ii", item, item);
	return p;
}

static const struct pager_col dep_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Full name"), "d.name", 8, PC_SORT | PC_FILTER | PC_PINYIN, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_sugg_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Status"), "d.status", 10, PC_SORT, show_cosign, NULL},
};
static const struct pager_def dep_def = {
    .name = N_("deputies"),
    .from = "deputy d JOIN town t ON t.id = d.town_id",
    .id = "d.id",
    .cols = dep_cols,
    .ncols = N_OF(dep_cols),
    .sort = 0,
    .desc = false,
};
static const struct pager_col cosigner_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Full name"), "d.name", 8, PC_SORT | PC_FILTER | PC_PINYIN, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_sugg_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Answer"), "x.status", 10, PC_SORT, show_cosign, NULL},
};
static const struct pager_def cosigner_def = {
    N_("co-signers"),
    "suggestion_cosigner x JOIN deputy d ON d.id = x.deputy_id JOIN town t ON t.id = d.town_id",
    "d.id",
    cosigner_cols,
    N_OF(cosigner_cols),
    0,
    false,
};

struct pager *listing_sugg_deputies(sqlite3 *db, const struct scope *sc, int64_t item,
                                    enum listing_sugg_deps mode)
{
	struct pager *p;
	if (mode == LSD_INVITED) {
		p = pager_new(db, &cosigner_def);
		pager_where(p, "x.suggestion_id = ?", "i", item);
	} else {
		p = pager_new(db, &dep_def);
		pager_where(p, "NOT " DEPUTY_LEFT_SQL("d"), "");
		pager_quiet(p, "status"); /* every one in office */
		if (mode == LSD_LEAD) {
			/* A town clerk drafts the town-level items of the town. */
			if (sc->role == ROLE_TOWN_CLERK)
				pager_where(p, "d.level = 'town' AND d.town_id = ?", "i",
				            sc->town_id);
		} else
			pager_where(
			    p,
			    "EXISTS (SELECT 1 FROM suggestion s WHERE s.id = ? AND s.level = "
			    "d.level AND (s.level = 'city' OR s.town_id = d.town_id) AND "
			    "s.lead_deputy_id <> d.id) AND NOT EXISTS (SELECT 1 FROM "
			    "suggestion_cosigner x WHERE x.suggestion_id = ? AND x.deputy_id = "
			    "d.id AND x.status <> 'declined')",
			    "ii", item, item);
	}
	/* A town clerk's items are the town's town-level ones, and so are their deputies. */
	if (sc->role == ROLE_TOWN_CLERK) {
		pager_quiet(p, "town");
		pager_quiet(p, "level");
	}
	return p;
}

/* clang-format off */
static const struct mod_filter sugg_filters[] = {
	{"session", "session", MF_TEXT, N_("S"), "%s"},
	{"kind", "kind", MF_TEXT, N_("motion|suggestion"), "%s"},
	{"category", "category", MF_TEXT, N_("C"), "%s"},
	{"unit", "unit", MF_TEXT, N_("U"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"deputy", "deputy", MF_TEXT, N_("CODE"), N_("deputy %s")},
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
	{"overdue", "overdue", MF_FLAG, NULL, N_("overdue")},
	{"due_soon", "due-soon", MF_FLAG, NULL, N_("due soon")},
	{"key", "key", MF_FLAG, NULL, N_("key supervised")},
};

static const struct mod_part sugg_parts[] = {
	{"cosigners", N_("Co-signers (附议)"), suggestion_cosigners},
	{"units", N_("Units (主办 / 协办)"), suggestion_units},
	{"meetings", N_("Consultations (面商)"), suggestion_meetings},
	{"replies", N_("Replies owed"), suggestion_replies},
};
/* clang-format on */

const struct mod_model suggestion_model = {
    .filters = sugg_filters,
    .nfilters = N_OF(sugg_filters),
    .listing = listing_suggestions,
    .list_keys = suggestion_list_keys,
    .nlist_keys = SUGGESTION_LIST_NKEYS,
    .find = suggestion_find,
    .record = suggestion_info,
    .number_key = "number",
    .parts = sugg_parts,
    .nparts = N_OF(sugg_parts),
    .deputy_key = "deputy",
    .when_key = "session",
};
