/*
 * The scope rule of voter issues, shared by every query over them (case.c,
 * stats.c): town clerks see their town's cases, unit operators the cases
 * assigned to their unit (as lead or supporting unit), others all of them.
 */
#ifndef RENDA_CASE_SCOPE_H
#define RENDA_CASE_SCOPE_H

#include <sqlite3.h>
#include <stdio.h>

#include "model/core/scope.h"

/*
 * SQL condition (on the alias v of vcase) that keeps a case within the scope
 * bound by case_scope_bind() to the parameters ?101, ?102 and ?103.
 */
#define CASE_SCOPE_TOWN "v.town_id = ?102"
#define CASE_SCOPE_UNIT                                                                            \
	"EXISTS (SELECT 1 FROM vcase_unit cu WHERE cu.case_id = v.id AND cu.unit_id = ?103)"
#define CASE_SCOPE_SQL                                                                             \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND " CASE_SCOPE_TOWN                     \
	") OR (?101 = 'unit' AND " CASE_SCOPE_UNIT "))"

/*
 * A scope condition for sc's role alone (town and unit: those roles' conditions), for
 * SQL made at run time: SQLite does not drop the roles' alternatives that the bound
 * role rules out, and a scan of a year's cases tests them on each (statistics at a
 * million voter issues: 7%).
 */
static inline const char *scope_sql_pick(const struct scope *sc, const char *town, const char *unit)
{
	switch (sc->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_CLERK:
	case ROLE_VIEWER: return "1";
	case ROLE_TOWN_CLERK: return town;
	case ROLE_UNIT: return unit;
	case ROLE_COUNT: break;
	}
	return "0";
}

static inline const char *case_scope_sql_of(const struct scope *sc)
{
	return scope_sql_pick(sc, CASE_SCOPE_TOWN, CASE_SCOPE_UNIT);
}

/*
 * A statement read at every step of a record (its workflow's read hook): head followed by
 * the condition of the clerk's role alone, made once a role in cache (the whole rule
 * gives a statement 103 parameters, bound and cleared at every read: half of what a
 * read cost). cache holds ROLE_COUNT + 1 texts of SCOPE_TEXT bytes.
 */
#define SCOPE_TEXT 768
static inline const char *scope_text(char (*cache)[SCOPE_TEXT], const struct scope *sc,
                                     const char *head, const char *cond)
{
	int role = (unsigned)sc->role < ROLE_COUNT ? (int)sc->role : ROLE_COUNT;
	if (!cache[role][0])
		snprintf(cache[role], SCOPE_TEXT, "%s%s", head, cond);
	return cache[role];
}

/* Binds the scope's role, town and unit to ?101, ?102 and ?103 of st. */
static inline void case_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	sqlite3_bind_text(st, 101, role_name(sc->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 102, sc->town_id);
	sqlite3_bind_int64(st, 103, sc->unit_id);
}

#endif
