/*
 * The scope rule of finance warnings, shared by every query over them
 * (warning.c, warning_stats.c): administrators, city clerks and viewers see
 * every warning, a unit operator those sent to its department, others none.
 */
#ifndef RENDA_WARNING_SCOPE_H
#define RENDA_WARNING_SCOPE_H

#include <sqlite3.h>

#include "model/core/scope.h"

/* SQL condition on the alias w of fin_warning, bound by warning_scope_bind() to ?101, ?103. */
#define WARN_SCOPE_SQL "(" SCOPE_SEES_ALL_101 " OR (?101 = 'unit' AND w.lead_unit_id = ?103))"

/* Binds the scope's role and unit (-1 for none: no unit has it) to ?101 and ?103 of st. */
static inline void warning_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	sqlite3_bind_text(st, 101, role_name(sc->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 103, sc->unit_id ? sc->unit_id : -1);
}

#endif
