/*
 * Identity and scope. The account is the operating-system account that runs
 * the process, by its real uid (getpwuid(getuid())), never $USER nor the
 * effective ids of a setgid run. The scope (role, town,
 * unit) goes into every model call that lists or changes records.
 */
#ifndef RENDA_SCOPE_H
#define RENDA_SCOPE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

enum role { ROLE_ADMIN, ROLE_CITY_CLERK, ROLE_TOWN_CLERK, ROLE_UNIT, ROLE_VIEWER, ROLE_COUNT };

struct scope {
	char login[64];
	int64_t user_id; /* 0 for the system (migrations, init) */
	enum role role;
	int64_t town_id; /* town clerks: their town; others 0 */
	int64_t unit_id; /* unit operators: their unit; others 0 */
	char *town_name; /* owned; NULL when not bound */
	char *unit_name; /* owned; NULL when not bound */
	int site;        /* the database's site: 0 the city's, a town's own otherwise */
};

/* The login of the account running the process; static storage. */
const char *ident_login(void);

/* Role names as stored and typed ("city-clerk"). */
const char *role_name(enum role r);
/* Translated label for the screen ("City clerk"). */
const char *role_label(enum role r);
/* Parses a role name; false when unknown. */
bool role_parse(const char *s, enum role *r);

/* SQL: the role bound at parameter p ("?101") sees every town and unit. Written with OR:
   SQLite checks a list of three values through a temporary table, made again at every
   execution of the statement (every record read). */
#define SCOPE_SEES_ALL(p) "(" p " = 'admin' OR " p " = 'city-clerk' OR " p " = 'viewer')"
/* ... at ?101, where the records' scope conditions bind the role. */
#define SCOPE_SEES_ALL_101 SCOPE_SEES_ALL("?101")

/*
 * Loads the session scope of the running account. RD_DENIED with a message
 * that says who to ask when the account is not registered or is disabled.
 */
int scope_load(sqlite3 *db, struct scope *sc);
/* A scope for the account that runs init (admin before the user row exists). */
void scope_system(struct scope *sc);
void scope_free(struct scope *sc);

/* May change users and reference data. */
bool scope_is_admin(const struct scope *sc);
/* May write at all (everyone but viewers). */
bool scope_can_write(const struct scope *sc);
/* May see or change records of this town (0 = city level). */
bool scope_covers_town(const struct scope *sc, int64_t town_id);
/* Returns RD_OK or RD_DENIED (with message) for admin-only actions. */
int scope_require_admin(const struct scope *sc);
/* One-line description: "wang (town clerk, 乍浦镇)"; static storage. */
const char *scope_describe(const struct scope *sc);

#endif
