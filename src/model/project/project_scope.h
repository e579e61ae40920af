/*
 * The scope rule of the livelihood projects, shared by every query over them:
 * town clerks see and act on their town's cycles, proposals, projects and
 * opinions (the city's belong to no town); unit operators see the projects
 * their department carries out (lead or supporting unit) and the opinions on
 * them, and no cycle or proposal; others see all.
 */
#ifndef RENDA_PROJECT_SCOPE_H
#define RENDA_PROJECT_SCOPE_H

#include <sqlite3.h>

#include "model/core/scope.h"

/* A cycle (alias c) or a proposal (alias r) in scope: ?101 role, ?102 town, ?103 unit. */
#define PCYCLE_SCOPE_SQL                                                                           \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND c.town_id = "                         \
	"?102))"
#define PPROPOSAL_SCOPE_SQL                                                                        \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND r.town_id = "                         \
	"?102))"
/* A project (alias p) in scope. */
#define PPROJECT_SCOPE_SQL                                                                         \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND p.town_id = "                         \
	"?102) "                                                                                   \
	"OR (?101 = 'unit' AND EXISTS (SELECT 1 FROM pproject_unit pu WHERE pu.project_id = p.id " \
	"AND pu.unit_id = ?103)))"
/* An opinion (alias o) in scope: its project's. */
#define POPINION_SCOPE_SQL                                                                         \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND o.town_id = "                         \
	"?102) "                                                                                   \
	"OR (?101 = 'unit' AND EXISTS (SELECT 1 FROM pproject_unit pu WHERE pu.project_id = "      \
	"o.project_id AND pu.unit_id = ?103)))"

/* Binds the scope's role, town and unit to ?101, ?102 and ?103 of st. */
static inline void project_scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	sqlite3_bind_text(st, 101, role_name(sc->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 102, sc->town_id);
	sqlite3_bind_int64(st, 103, sc->unit_id);
}

#endif
