/*
 * The scope rule of motions and suggestions, shared by every query over them
 * (suggestion.c, stats_sugg.c): town clerks see the town-level items of their
 * town, unit operators the items assigned to their unit (as lead or supporting
 * unit), admins, city clerks and viewers all of them.
 */
#ifndef RENDA_SUGGESTION_SCOPE_H
#define RENDA_SUGGESTION_SCOPE_H

#include <sqlite3.h>

#include "model/case/case_scope.h"
#include "model/core/scope.h"

/*
 * SQL condition (on the alias s of suggestion) that keeps an item within the
 * scope bound by suggestion_scope_bind() to the parameters ?101, ?102 and ?103.
 */
#define SUGG_SCOPE_TOWN "s.level = 'town' AND s.town_id = ?102"
#define SUGG_SCOPE_UNIT                                                                            \
	"EXISTS (SELECT 1 FROM suggestion_unit su WHERE su.suggestion_id = s.id AND su.unit_id = " \
	"?103)"
#define SUGG_SCOPE_SQL                                                                             \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND " SUGG_SCOPE_TOWN                     \
	") OR (?101 = 'unit' AND " SUGG_SCOPE_UNIT "))"

/* The same condition for sc's role alone (as case_scope_sql_of()). */
static inline const char *suggestion_scope_sql_of(const struct scope *sc)
{
	return scope_sql_pick(sc, SUGG_SCOPE_TOWN, SUGG_SCOPE_UNIT);
}

/* An item's number as suggestion_number() writes it ("C17-5-S012"), of item alias s and
   session alias cs; "" before registration. */
#define SUGG_NUMBER_SQL(s, cs)                                                                     \
	"CASE WHEN " s ".number IS NULL THEN '' ELSE " cs ".code || '-' || CASE " s ".kind WHEN "  \
	"'motion' THEN 'M' ELSE 'S' END || printf('%03d', " s ".number) END"

/* The due day of the running reply (or re-handling) deadline of item alias s; "" when none. */
#define SUGG_REPLY_DUE_SQL                                                                         \
	"coalesce((SELECT max(k.due) FROM wf_clock k WHERE k.workflow = 'suggestion' AND "         \
	"k.item_id = s.id AND k.clock IN ('reply', 'rehandle') AND k.stopped IS NULL), '')"

/* Binds the scope's role, town and unit to ?101, ?102 and ?103 of st (as for cases). */
static inline void suggestion_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	case_scope_bind(st, sc);
}

#endif
