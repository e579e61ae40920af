/*
 * The scope rule of voter issues, shared by every query over them (case.c,
 * stats.c): town clerks see their town's cases, unit operators the cases
 * assigned to their unit (as lead or supporting unit), others all of them.
 */
#ifndef RENDA_CASE_SCOPE_H
#define RENDA_CASE_SCOPE_H

#include <sqlite3.h>

#include "model/core/scope.h"

/*
 * SQL condition (on the alias v of vcase) that keeps a case within the scope
 * bound by case_scope_bind() to the parameters ?101, ?102 and ?103.
 */
#define CASE_SCOPE_SQL                                                                             \
	"(?101 IN ('admin', 'city-clerk', 'viewer') OR (?101 = 'town-clerk' AND v.town_id = "      \
	"?102) "                                                                                   \
	"OR (?101 = 'unit' AND EXISTS (SELECT 1 FROM vcase_unit cu WHERE cu.case_id = v.id "       \
	"AND cu.unit_id = ?103)))"

/* Binds the scope's role, town and unit to ?101, ?102 and ?103 of st. */
static inline void case_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	sqlite3_bind_text(st, 101, role_name(sc->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 102, sc->town_id);
	sqlite3_bind_int64(st, 103, sc->unit_id);
}

#endif
