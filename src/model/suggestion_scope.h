/*
 * The scope rule of motions and suggestions, shared by every query over them
 * (suggestion.c, stats_sugg.c): town clerks see the town-level items of their
 * town, unit operators the items assigned to their unit (as lead or supporting
 * unit), admins, city clerks and viewers all of them.
 */
#ifndef RENDA_SUGGESTION_SCOPE_H
#define RENDA_SUGGESTION_SCOPE_H

#include <sqlite3.h>

#include "model/case_scope.h"
#include "model/scope.h"

/*
 * SQL condition (on the alias s of suggestion) that keeps an item within the
 * scope bound by suggestion_scope_bind() to the parameters ?101, ?102 and ?103.
 */
#define SUGG_SCOPE_SQL                                                                             \
	"(?101 IN ('admin', 'city-clerk', 'viewer') OR (?101 = 'town-clerk' AND s.level = 'town' " \
	"AND s.town_id = ?102) OR (?101 = 'unit' AND EXISTS (SELECT 1 FROM suggestion_unit su "    \
	"WHERE su.suggestion_id = s.id AND su.unit_id = ?103)))"

/* Binds the scope's role, town and unit to ?101, ?102 and ?103 of st (as for cases). */
static inline void suggestion_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	case_scope_bind(st, sc);
}

#endif
