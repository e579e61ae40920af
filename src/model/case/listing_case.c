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
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* A running deadline of the case (alias v), other than the window to return it. */
#define RUNNING_CLOCK                                                                              \
	"SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id AND "             \
	"k.stopped IS NULL AND k.clock <> 'return'"

/* The marker of a case: overdue (a running deadline is past) or due soon (as case_list_open). */
#define DUE_MARK                                                                                   \
	"CASE WHEN EXISTS (" RUNNING_CLOCK " AND k.due < renda_today()) THEN 'overdue' "           \
	"WHEN EXISTS (" RUNNING_CLOCK " AND k.due <= renda_soon()) THEN 'soon' ELSE '' END"

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

static const char *show_state(const char *raw)
{
	const struct wf_state *st = wf_state(&case_flow, raw);
	return st ? _(st->label) : raw;
}

static const struct pager_col case_cols[] = {
    {"due", N_("Deadline"), DUE_MARK, 8, PC_EXTRA, show_due, NULL},
    {"number", N_("No."), "v.number", 11, PC_SORT | PC_FILTER | PC_NOTNULL | PC_KEEP | PC_WHOLE,
     NULL, NULL},
    {"submitted", N_("Submitted"), "v.submitted_at", 10, PC_SORT | PC_NOTNULL | PC_EXTRA, show_day,
     NULL},
    {"state", N_("State"), "v.state", 8, PC_KEEP | PC_WHOLE, show_state, NULL},
    {"town", N_("Town"), "(SELECT name FROM town WHERE id = v.town_id)", 8, PC_FILTER | PC_KEEP,
     NULL, NULL},
    {"category", N_("Category"), "(SELECT name FROM category WHERE id = v.category_id)", 8,
     PC_FILTER | PC_EXTRA, NULL, NULL},
    {"deputy", N_("Deputy"),
     "coalesce((SELECT name FROM deputy WHERE id = v.deputy_id), "
     "(SELECT name FROM station WHERE id = v.station_id), '')",
     6, PC_FILTER | PC_EXTRA, NULL, NULL},
    {"title", N_("Title"), "v.title", 26, PC_FILTER | PC_FLEX | PC_KEEP, NULL, NULL},
    {"unit", N_("Unit"), "coalesce((SELECT name FROM unit WHERE id = v.lead_unit_id), '')", 12,
     PC_FILTER, NULL, NULL},
    {"respond_due", N_("Respond by"),
     "coalesce((SELECT k.due FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id "
     "AND k.clock = 'respond' AND k.stopped IS NULL), '')",
     10, PC_EXTRA | PC_WHOLE, NULL, NULL},
    {"reply_due", N_("Reply by"),
     "coalesce((SELECT max(k.due) FROM wf_clock k WHERE k.workflow = 'case' AND "
     "k.item_id = v.id AND k.clock IN ('reply', 'rehandle') AND k.stopped IS NULL), '')",
     10, PC_EXTRA | PC_WHOLE, NULL, NULL},
    {"next_due", N_("Next due"),
     "coalesce((SELECT min(k.due) FROM wf_clock k WHERE k.workflow = 'case' AND "
     "k.item_id = v.id AND k.stopped IS NULL AND k.clock <> 'return'), '')",
     10, PC_KEEP | PC_WHOLE, NULL, NULL},
    {"version", N_("Version"), "v.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def case_def = {
    N_("voter issues"),
    "vcase v",
    "v.id",
    case_cols,
    (int)(sizeof case_cols / sizeof case_cols[0]),
    2, /* submitted, newest first */
    true,
};

/* The id of a category or town named by name or code; the message names the field. */
static int lookup(sqlite3 *db, const char *table, const char *field, const char *v, int64_t *id)
{
	char sql[80];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name = ?1 OR code = ?1", table);
	if (db_int(db, id, sql, "t", v))
		return err_set(RD_INVALID, _("%s: no %s '%s'"), field, field, v);
	return RD_OK;
}

/* The states still being handled, from the workflow's table: "'received', ...". */
static char *open_states(void)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < case_flow.nstates; i++)
		if (case_flow.states[i].open)
			sbuf_printf(&b, "%s'%s'", b.len ? ", " : "", case_flow.states[i].name);
	return sbuf_take(&b);
}

/* The cases (v.id IN ...) with a running deadline (as RUNNING_CLOCK) that ... */
#define RUNNING_IDS                                                                                \
	"v.id IN (SELECT k.item_id FROM wf_clock k WHERE k.workflow = 'case' AND "                 \
	"k.stopped IS NULL AND k.clock <> 'return'"

/* Adds cond ("v.id IN (...)", one or two text parameters a and b) for pages and counts. */
static void where_among(struct pager *p, const char *cond, const char *fmt, const char *a,
                        const char *b)
{
	char *fetch = xasprintf("+%s", cond);
	if (b)
		pager_where_split(p, fetch, cond, fmt, a, b);
	else
		pager_where_split(p, fetch, cond, fmt, a);
	free(fetch);
}

int listing_cases(sqlite3 *db, const struct scope *sc, const struct case_select *s,
                  struct pager **out)
{
	*out = NULL;
	int64_t cat = 0, town = 0;
	if (s->category && *s->category && lookup(db, "category", "category", s->category, &cat))
		return RD_INVALID;
	if (s->town && *s->town && lookup(db, "town", "town", s->town, &town))
		return RD_INVALID;
	if (s->state && *s->state && strcmp(s->state, "open") && !wf_state(&case_flow, s->state))
		return err_set(RD_INVALID, _("state: '%s' is not a state of a case (or open)"),
		               s->state);
	if (s->regex && *s->regex) {
		struct re *r = re_compile(s->regex, 0);
		if (!r)
			return err_set(RD_INVALID, _("regex: %s"), err_msg());
		re_free(r);
	}
	struct pager *p = pager_new(db, &case_def);
	pager_where_scope(p, CASE_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	if (cat)
		pager_where(p, "v.category_id = ?", "i", cat);
	if (town)
		pager_where(p, "v.town_id = ?", "i", town);
	if (s->state && !strcmp(s->state, "open")) {
		char *states = open_states();
		char *cond = xasprintf("v.state IN (%s)", states);
		pager_where(p, cond, "");
		free(cond);
		free(states);
	} else if (s->state && *s->state)
		pager_where(p, "v.state = ?", "t", s->state);
	char today[11], soon[11];
	date_format(clock_today(), today);
	date_format(clock_today() + conf.due_soon_days, soon);
	/*
	 * Cases among a set (overdue, due soon, found): a page walks the list's own order
	 * and looks each case up in the set ("+v.id", at most one pass over an index however
	 * many match); the count visits the set's cases only ("v.id").
	 */
	if (s->overdue)
		where_among(p, RUNNING_IDS " AND k.due < ?)", "t", today, NULL);
	if (s->due_soon)
		where_among(p, RUNNING_IDS " AND k.due >= ? AND k.due <= ?)", "tt", today, soon);
	if (s->search && *s->search) {
		char *match;
		const char *cond = case_search_cond(s->search, &match);
		where_among(p, cond, "t", match, NULL);
		free(match);
	}
	if (s->regex && *s->regex)
		pager_where(p, "(regexp(?, v.title) OR regexp(?, v.content) OR regexp(?, v.reply))",
		            "ttt", s->regex, s->regex, s->regex);
	/* A match in a private case's content would tell a viewer what it holds. */
	if (sc->role == ROLE_VIEWER && ((s->search && *s->search) || (s->regex && *s->regex)))
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
    N_("deputies"),
    "deputy d",
    "d.id",
    deputy_cols,
    (int)(sizeof deputy_cols / sizeof deputy_cols[0]),
    1,
    false,
};

struct pager *listing_case_deputies(sqlite3 *db, const struct scope *sc)
{
	(void)sc; /* every deputy may comment on every case (case_comment) */
	struct pager *p = pager_new(db, &deputy_def);
	pager_where(p, "d.status = 'in-office'", "");
	return p;
}
