/* Users and their roles (admin only changes them). */
#ifndef RENDA_USER_H
#define RENDA_USER_H

#include <sqlite3.h>
#include <stdint.h>

#include "model/core/scope.h"

struct user_spec {
	const char *login;
	const char *name; /* display name, may be NULL */
	enum role role;
	const char *town; /* town name or code, for town clerks */
	const char *unit; /* unit name or code, for unit operators */
};

/* Registers a user; returns RD_OK and *id, RD_EXISTS, RD_INVALID, RD_DENIED. */
int user_add(sqlite3 *db, const struct scope *sc, const struct user_spec *u, int64_t *id);
/* Disables a user (kept for the audit trail); an admin cannot remove the last admin. */
int user_remove(sqlite3 *db, const struct scope *sc, const char *login);
/* Changes role and binding; expects the record's version (0 = don't check). */
int user_edit(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version,
              const struct user_spec *u);

/*
 * Lists users visible to the scope: columns id, login, name, role, town,
 * unit, active, version. Caller finalizes. Admins and city clerks see all;
 * town clerks their town's; others only themselves.
 */
sqlite3_stmt *user_list(sqlite3 *db, const struct scope *sc);

/* Looks up a town by name or code; RD_INVALID with a message naming what (field town). */
int user_town_id(sqlite3 *db, const char *s, int64_t *id);
int user_unit_id(sqlite3 *db, const char *s, int64_t *id);

#endif
