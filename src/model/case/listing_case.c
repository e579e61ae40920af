/*
 * The console's lists of voter issues (listing.h): the cases in scope (the rule
 * of case_scope.h) with the selection of the list (category, town, state,
 * overdue, due soon) and its searches (full text as renda case list --search,
 * regular expressions as --regex), read a page at a time by keyset; and the
 * deputies a clerk records comments and likes for.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/core/module.h"
#include "model/deputy/deputy.h"
#include "model/flow/flow.h"
#include "model/core/vocab.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const char *show_due(const char *raw)
{
	if (!strcmp(raw, "overdue"))
		return _("overdue");
	if (!strcmp(raw, "soon"))
		return _("due soon");
	return raw;
}

/* The day of an ISO time (static storage: the list draws it at once). */
static const char *show_day(const char *raw)
{
	static char day[11];
	snprintf(day, sizeof day, "%s", raw);
	return day;
}

/* The next due day; "2027-01-15?" (its year's holidays not loaded) says it is provisional. */
static const char *show_next_due(const char *raw)
{
	static char buf[64];
	size_t n = strlen(raw);
	if (!n || raw[n - 1] != '?')
		return raw;
	char day[11];
	snprintf(day, sizeof day, "%.*s", (int)(n - 1), raw);
	snprintf(buf, sizeof buf, _("%s (provisional)"), day);
	return buf;
}

static const char *show_state(const char *raw)
{
	return flow_state_label(&case_flow, raw);
}

/* The list's description: built once, since its deadline columns come from the clock table. */
static struct pager_def case_def;
static struct pager_col case_cols[16];

static const struct pager_def *case_listing_def(void)
{
	if (case_def.cols)
		return &case_def;
	/* The deadline columns, read in one pass over the case's running clocks. */
	static const struct flow_part parts[] = {
	    {FF_MARK, NULL},    {FF_DUE, "respond"}, {FF_DUE, "reply"},      {FF_NEXT, NULL},
	    {FF_OVERDUE, NULL}, {FF_SOON, NULL},     {FF_PROVISIONAL, NULL},
	};
	const char *clocks = flow_fields_sql(&case_flow, "v.id", parts, N_OF(parts));
	const struct pager_col cols[] = {
	    {"due", N_("Deadline"), clocks, 8, PC_EXTRA | PC_PART, show_due, NULL},
	    {"number", N_("No."), "v.number", 11,
	     PC_SORT | PC_FILTER | PC_NOTNULL | PC_KEEP | PC_WHOLE, NULL, NULL},
	    {"submitted", N_("Submitted"), "v.submitted_at", 10, PC_SORT | PC_NOTNULL | PC_EXTRA,
	     show_day, NULL},
	    {"state", N_("State"), "v.state", 8, PC_KEEP | PC_WHOLE, show_state, NULL},
	    {"town", N_("Town"), "(SELECT name FROM town WHERE id = v.town_id)", 8,
	     PC_FILTER | PC_KEEP, NULL, NULL},
	    {"category", N_("Category"), "(SELECT name FROM category WHERE id = v.category_id)", 8,
	     PC_FILTER | PC_EXTRA, NULL, NULL},
	    {"deputy", N_("Deputy"),
	     "coalesce((SELECT name FROM deputy WHERE id = v.deputy_id), "
	     "(SELECT name FROM station WHERE id = v.station_id), '')",
	     6, PC_FILTER | PC_EXTRA, NULL, NULL},
	    {"title", N_("Title"), "v.title", 26, PC_FILTER | PC_FLEX | PC_KEEP, NULL, NULL},
	    {"unit", N_("Unit"), "coalesce((SELECT name FROM unit WHERE id = v.lead_unit_id), '')",
	     12, PC_FILTER, NULL, NULL},
	    {"respond_due", N_("Respond by"), NULL, 10, PC_EXTRA | PC_WHOLE | PC_PART, NULL, NULL},
	    {"reply_due", N_("Reply by"), NULL, 10, PC_EXTRA | PC_WHOLE | PC_PART, NULL, NULL},
	    {"next_due", N_("Next due"), NULL, 10, PC_KEEP | PC_WHOLE | PC_PART, show_next_due,
	     NULL},
	    {"overdue", N_("Overdue"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"due_soon", N_("Due soon"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"provisional", N_("Provisional"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"version", N_("Version"), "v.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
	};
	_Static_assert(sizeof cols == sizeof case_cols, "case_cols holds every column");
	memcpy(case_cols, cols, sizeof cols);
	case_def = (struct pager_def){
	    N_("voter issues"),
	    "vcase v",
	    "v.id",
	    case_cols,
	    N_OF(cols),
	    2, /* submitted, newest first */
	    true,
	};
	return &case_def;
}

const char *const case_list_keys[CASE_LIST_NKEYS] = {
    "id",    "number", "submitted",   "state",     "town",    "category", "deputy",
    "title", "unit",   "respond_due", "reply_due", "overdue", "due_soon", "provisional",
};

/* Adds cond ("v.id IN (...)", one or two text parameters a and b) for pages and counts. */
static void where_among(struct pager *p, const char *cond, const char *fmt, const char *a,
                        const char *b)
{
	char *fetch = xasprintf("+%s", cond);
	if (!*fmt)
		pager_where_split(p, fetch, cond, fmt);
	else if (b)
		pager_where_split(p, fetch, cond, fmt, a, b);
	else
		pager_where_split(p, fetch, cond, fmt, a);
	free(fetch);
}

/* A search whose FTS query finds fewer cases than this reads them one by one. */
#define SEARCH_FEW 2000
#define SEARCH_FEW_S "2000"
/* A search that finds more reads its first pages among this many of its newest first, */
#define SEARCH_NEWEST 250
/* when they are among this many of the newest cases. */
#define SEARCH_SPAN_S "100000"

/* "v.id IN" the rows of index that match the bound query, tail added to the index's
   read, then check (both may be ""). */
static char *in_index(const char *index, const char *tail, const char *check)
{
	return xasprintf("v.id IN (SELECT rowid FROM %s WHERE %s MATCH ?%s)%s", index, index, tail,
	                 check);
}

/*
 * Keeps the cases whose title, content or reply holds text (what LIKE '%text%' finds).
 * The FTS query finds them: when it finds few, the list reads those cases and puts them
 * in its order (v.id IN ...); when it finds many, a page walks the list's own order and
 * looks each case up among them (+v.id IN ...), so the first page costs the rows before
 * it, not every match; counting visits the matches only. A two-character text is looked
 * up as both characters, a text of four or more as trigrams of it, then the text itself
 * is checked on the case.
 */
static int where_search(sqlite3 *db, struct pager *p, const char *text)
{
	char *match;
	int kind = case_search_query(text, &match);
	const char *index = CASE_SEARCH_TRI(kind) ? "vcase_fts" : "vcase_chars";
	/* The matches counted up to SEARCH_FEW, newest first, noting the SEARCH_NEWEST-th: many
	   (SEARCH_FEW or more), and the first pages are read among the newest SEARCH_NEWEST
	   first (the pager keeps such a page when it is the whole list's: pager_narrow()). */
	char sql[160];
	snprintf(sql, sizeof sql,
	         "SELECT rowid FROM %s WHERE %s MATCH ? ORDER BY rowid DESC LIMIT %d", index, index,
	         SEARCH_FEW);
	sqlite3_stmt *st = db_prepare(db, sql, "t", match);
	int64_t found = 0, lo = 0;
	int src = SQLITE_DONE;
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW)
		if (++found == SEARCH_NEWEST)
			lo = sqlite3_column_int64(st, 0);
	int rc = !st ? RD_FAIL : src == SQLITE_DONE ? RD_OK : db_fail(db, _("read"));
	sqlite3_finalize(st);
	if (rc) {
		free(match);
		return rc;
	}
	bool many = found >= SEARCH_FEW;
	const char *check = CASE_SEARCH_CHECK(kind)
	                        ? " AND (v.title LIKE ? ESCAPE '\\' OR v.content LIKE ? ESCAPE "
	                          "'\\' OR v.reply LIKE ? ESCAPE '\\')"
	                        : "";
	char *cond = in_index(index, many ? " AND rowid >= ?" : "", check);
	char *fetch = many ? xasprintf("+%s", cond) : xstrdup(cond);
	const char *fmt = CASE_SEARCH_CHECK(kind) ? (many ? "tnttt" : "tttt") : many ? "tn" : "t";
	char *like = pager_like_pattern(text);
	pager_where_split(p, fetch, cond, fmt, match, like, like, like);
	free(like);
	/* Narrowed only where ids follow the order of submission: one site's range of keys
	   (site x 2^40, renda(1) Sites) holds every case, and the newest matches lie among the
	   newest SEARCH_SPAN_S cases (an old word's page would walk every case since, twice).
	   Not narrowed, the page is read as it was before. */
	int64_t near = 0;
	if (many && lo > 0) {
		if (db_int(db, &near,
		           "SELECT ((SELECT min(id) FROM vcase) >> 40) = ((SELECT max(id) FROM "
		           "vcase) >> 40) AND (SELECT max(id) FROM vcase) - ? <= " SEARCH_SPAN_S,
		           "i", lo))
			err_clear();
		else if (near) {
			/* The newest matches read from the index's end down to lo (FTS5 reads a
			   doclist from its end faster than from a rowid up: 0.3 ms against 1 ms for
			   250 of 21,000 at a million), then sorted: a few hundred rows. */
			char *newest =
			    in_index(index, " AND rowid >= ? ORDER BY rowid DESC", check);
			pager_narrow(p, lo, newest);
			free(newest);
		}
	}
	free(fetch);
	free(cond);
	free(match);
	return RD_OK;
}

/*
 * A pattern with a text that every match holds (re_literals(): one per branch) keeps,
 * before the pattern is tried, the cases the indexes find with one of those texts,
 * as a search does (where_search()); a pattern without one is tried on every case.
 */
static int where_literals(sqlite3 *db, struct pager *p, const struct re *re)
{
	char **lits;
	int n = re_literals(re, &lits);
	struct sbuf tri = SBUF_INIT, chars = SBUF_INIT;
	for (int i = 0; i < n; i++) {
		char *match;
		int kind = case_search_query(lits[i], &match);
		if (CASE_SEARCH_TRI(kind))
			sbuf_printf(&tri, "%s(%s)", tri.len ? " OR " : "", match);
		else
			sbuf_printf(&chars, "%s(%s)", chars.len ? " OR " : "", match);
		free(match);
		free(lits[i]);
	}
	free(lits);
	int64_t found = 0, k = 0;
	int rc = RD_OK;
	if (tri.len)
		rc = db_int(db, &found,
		            "SELECT count(*) FROM (SELECT 1 FROM vcase_fts WHERE vcase_fts MATCH ? "
		            "LIMIT " SEARCH_FEW_S ")",
		            "t", sbuf_str(&tri));
	if (!rc && chars.len)
		rc = db_int(
		    db, &k,
		    "SELECT count(*) FROM (SELECT 1 FROM vcase_chars WHERE vcase_chars MATCH ? "
		    "LIMIT " SEARCH_FEW_S ")",
		    "t", sbuf_str(&chars));
	if (!rc && n > 0) {
		const char *in_tri =
		               "v.id IN (SELECT rowid FROM vcase_fts WHERE vcase_fts MATCH ?)",
		           *in_chars =
		               "v.id IN (SELECT rowid FROM vcase_chars WHERE vcase_chars MATCH ?)";
		char *cond = tri.len && chars.len ? xasprintf("(%s OR %s)", in_tri, in_chars)
		                                  : xstrdup(tri.len ? in_tri : in_chars);
		/* Few candidates: read them; many: walk the list's order (the '+' on each). */
		char *fetch = found + k < SEARCH_FEW ? xstrdup(cond)
		              : tri.len && chars.len ? xasprintf("(+%s OR +%s)", in_tri, in_chars)
		                                     : xasprintf("+%s", cond);
		if (tri.len && chars.len)
			pager_where_split(p, fetch, cond, "tt", sbuf_str(&tri), sbuf_str(&chars));
		else
			pager_where_split(p, fetch, cond, "t", sbuf_str(tri.len ? &tri : &chars));
		free(fetch);
		free(cond);
	}
	sbuf_free(&tri);
	sbuf_free(&chars);
	return rc;
}

int listing_cases(sqlite3 *db, const struct scope *sc, const struct filter *flt, struct pager **out)
{
	*out = NULL;
	const char *search = filter_get(flt, "search"), *regex = filter_get(flt, "regex"),
	           *category = filter_get(flt, "category"), *town_v = filter_get(flt, "town"),
	           *state = filter_get(flt, "state"), *deputy_v = filter_get(flt, "deputy"),
	           *unit_v = filter_get(flt, "unit"), *year_v = filter_get(flt, "year"),
	           *month_v = filter_get(flt, "month");
	int year = year_v ? atoi(year_v) : 0;
	int64_t cat = 0, town = 0, unit = 0, deputy = 0;
	if (category && *category && flow_lookup(db, "category", "category", category, &cat))
		return RD_INVALID;
	if (town_v && *town_v && flow_lookup(db, "town", "town", town_v, &town))
		return RD_INVALID;
	if (unit_v && *unit_v && flow_lookup(db, "unit", "unit", unit_v, &unit))
		return RD_INVALID;
	if (deputy_v && *deputy_v) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK; /* a voter may reach any deputy; scope is the case's */
		if (deputy_find(db, &all, deputy_v, &deputy))
			return err_set(RD_INVALID, _("deputy: no deputy '%s'"), deputy_v);
	}
	if (state && *state && strcmp(state, "open") && !wf_state(&case_flow, state))
		return err_set(RD_INVALID, _("state: '%s' is not a state of a case (or open)"),
		               state);
	if (search && regex)
		return err_set(RD_INVALID, _("search: give a text or a pattern (regex), not both"));
	if (year_v && (year < 1900 || year > 9998))
		return err_set(RD_INVALID, _("year: '%s' is not a year such as 2026"), year_v);
	int my = 0, mm = 0;
	char mrest = 0;
	if (month_v && (sscanf(month_v, "%4d-%2d%c", &my, &mm, &mrest) != 2 ||
	                strlen(month_v) != 7 || my < 1900 || my > 9998 || mm < 1 || mm > 12))
		return err_set(RD_INVALID, _("month: '%s' is not a month such as 2026-03"),
		               month_v);
	struct re *re = NULL;
	if (regex && *regex && !(re = re_compile(regex, 0)))
		return err_set(RD_INVALID, _("regex: %s"), err_msg());
	struct pager *p = pager_new(db, case_listing_def());
	/* The rule keeps every case for those who see them all: no condition then, so
	   that the count of the whole list is SQLite's count of the table. */
	if (sc->role == ROLE_TOWN_CLERK || sc->role == ROLE_UNIT)
		pager_where_scope(p, CASE_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	if (sc->role == ROLE_TOWN_CLERK || town)
		pager_quiet(p, "town"); /* one town's cases */
	if (cat)
		pager_where(p, "v.category_id = ?", "i", cat);
	if (town)
		pager_where(p, "v.town_id = ?", "i", town);
	if (deputy)
		pager_where(p, "v.deputy_id = ?", "i", deputy);
	if (unit)
		pager_where(p,
		            "EXISTS (SELECT 1 FROM vcase_unit cu WHERE cu.case_id = v.id AND "
		            "cu.unit_id = ?)",
		            "i", unit);
	if (year > 0) {
		char from[8], to[8];
		snprintf(from, sizeof from, "%04d", year % 10000);
		snprintf(to, sizeof to, "%04d", (year + 1) % 10000);
		pager_where(p, "v.submitted_at >= ? AND v.submitted_at < ?", "tt", from, to);
	}
	if (my > 0) {
		char from[24], to[24];
		snprintf(from, sizeof from, "%04d-%02d", my, mm);
		snprintf(to, sizeof to, "%04d-%02d", mm == 12 ? my + 1 : my, mm == 12 ? 1 : mm + 1);
		pager_where(p, "v.submitted_at >= ? AND v.submitted_at < ?", "tt", from, to);
	}
	if (state && !strcmp(state, "open")) {
		char *cond = xasprintf("v.state IN %s", flow_open_sql(&case_flow));
		pager_where(p, cond, "");
		free(cond);
	} else if (state && *state)
		pager_where(p, "v.state = ?", "t", state);
	/*
	 * Cases among a set (overdue, due soon, found): a page walks the list's own order
	 * and looks each case up in the set ("+v.id", at most one pass over an index however
	 * many match); the count visits the set's cases only ("v.id").
	 */
	if (filter_flag(flt, "overdue")) {
		char *cond = xasprintf("v.id IN %s", flow_ids_sql(&case_flow, FC_OVERDUE));
		where_among(p, cond, "", NULL, NULL);
		free(cond);
	}
	if (filter_flag(flt, "due_soon")) {
		char *cond = xasprintf("v.id IN %s", flow_ids_sql(&case_flow, FC_DUE_SOON));
		where_among(p, cond, "", NULL, NULL);
		free(cond);
	}
	if (search && *search && where_search(db, p, search)) {
		pager_free(p);
		return RD_FAIL;
	}
	if (re) {
		int rc = where_literals(db, p, re);
		re_free(re);
		if (rc) {
			pager_free(p);
			return RD_FAIL;
		}
		pager_where(p, "(regexp(?, v.title) OR regexp(?, v.content) OR regexp(?, v.reply))",
		            "ttt", regex, regex, regex);
	}
	/* A match in a private case's content would tell a viewer what it holds. */
	if (sc->role == ROLE_VIEWER && ((search && *search) || (regex && *regex)))
		pager_where(p, "NOT v.private", "");
	*out = p;
	return RD_OK;
}

static const char *show_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city level");
	if (!strcmp(raw, "town"))
		return _("town level");
	return raw;
}

static const struct pager_col deputy_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER | PC_NOTNULL, NULL, NULL},
    {"name", N_("Full name"), "d.name", 10, PC_SORT | PC_FILTER | PC_NOTNULL | PC_PINYIN, NULL,
     NULL},
    {"level", N_("Level"), "d.level", 10, PC_SORT | PC_NOTNULL, show_level, NULL},
    {"town", N_("Town"), "(SELECT name FROM town WHERE id = d.town_id)", 10, PC_FILTER | PC_FLEX,
     NULL, NULL},
};
static const struct pager_def deputy_def = {
    N_("deputies"), "deputy d", "d.id", deputy_cols, N_OF(deputy_cols), 1, false,
};

struct pager *listing_case_deputies(sqlite3 *db, const struct scope *sc)
{
	(void)sc; /* every deputy may comment on every case (case_comment) */
	struct pager *p = pager_new(db, &deputy_def);
	pager_where(p, "NOT " DEPUTY_LEFT_SQL("d"), "");
	return p;
}

/* clang-format off */
static const struct mod_filter case_filters[] = {
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
	{"regex", "regex", MF_TEXT, N_("PATTERN"), N_("pattern /%s/")},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"month", "month", MF_TEXT, N_("YYYY-MM"), "%s"},
	{"category", "category", MF_TEXT, N_("C"), "%s"},
	{"town", "town", MF_TEXT, N_("T"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), NULL},
	{"deputy", "deputy", MF_TEXT, N_("CODE"), N_("deputy %s")},
	{"unit", "unit", MF_TEXT, N_("U"), "%s"},
	{"overdue", "overdue", MF_FLAG, NULL, N_("overdue")},
	{"due_soon", "due-soon", MF_FLAG, NULL, N_("due soon")},
};

static const struct mod_part case_parts[] = {
	{"comments", N_("Comments"), case_comments},
	{"likes", N_("Liked by"), case_likes},
};
/* clang-format on */

const struct mod_model case_model = {
    .filters = case_filters,
    .nfilters = N_OF(case_filters),
    .listing = listing_cases,
    .list_keys = case_list_keys,
    .nlist_keys = CASE_LIST_NKEYS,
    .find = case_find,
    .record = case_info,
    .number_key = "number",
    .parts = case_parts,
    .nparts = N_OF(case_parts),
    .deputy_key = "deputy",
    .when_key = "submitted",
};
