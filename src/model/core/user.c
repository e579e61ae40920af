#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/user.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int user_town_id(sqlite3 *db, const char *s, int64_t *id)
{
	int rc = db_int(db, id, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", s);
	if (rc == RD_NOTFOUND)
		return err_set(RD_INVALID, _("town: no town or street named '%s'"), s);
	return rc;
}

int user_unit_id(sqlite3 *db, const char *s, int64_t *id)
{
	int rc = db_int(db, id, "SELECT id FROM unit WHERE name = ?1 OR code = ?1", "t", s);
	if (rc == RD_NOTFOUND)
		return err_set(RD_INVALID, _("unit: no handling unit named '%s'"), s);
	return rc;
}

static int valid_login(const char *s)
{
	if (!s || !*s || strlen(s) > 32)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return 0;
	return 1;
}

/* Checks the role's binding and resolves town and unit ids. */
static int resolve(sqlite3 *db, const struct user_spec *u, int64_t *town, int64_t *unit)
{
	*town = *unit = 0;
	if (u->role == ROLE_TOWN_CLERK) {
		if (!u->town || !*u->town)
			return err_set(RD_INVALID,
			               _("town: a town clerk must be bound to a town (--town)"));
		if (user_town_id(db, u->town, town))
			return RD_INVALID;
	} else if (u->town && *u->town)
		return err_set(RD_INVALID, _("town: only a town clerk is bound to a town"));
	if (u->role == ROLE_UNIT) {
		if (!u->unit || !*u->unit)
			return err_set(RD_INVALID,
			               _("unit: a unit operator must be bound to a unit (--unit)"));
		if (user_unit_id(db, u->unit, unit))
			return RD_INVALID;
	} else if (u->unit && *u->unit)
		return err_set(RD_INVALID, _("unit: only a unit operator is bound to a unit"));
	return RD_OK;
}

static const char *nz(int64_t v, char *buf)
{
	if (!v)
		return NULL;
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

int user_add(sqlite3 *db, const struct scope *sc, const struct user_spec *u, int64_t *id)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	if (!valid_login(u->login))
		return err_set(
		    RD_INVALID,
		    _("login: '%s' is not an account name (letters, digits, _ - . ; at most 32)"),
		    u->login ? u->login : "");
	if (db_begin(db))
		return RD_FAIL;
	int64_t town, unit, existing;
	int rc = resolve(db, u, &town, &unit);
	if (!rc && db_int(db, &existing, "SELECT id FROM app_user WHERE login = ?", "t",
	                  u->login) == RD_OK)
		rc = err_set(RD_EXISTS, _("login: %s is already registered"), u->login);
	if (!rc) {
		char at[CLOCK_BUF], tb[24], ub[24];
		clock_format(clock_now(), at);
		rc =
		    db_run(db,
		           "INSERT INTO app_user (login, name, role, town_id, unit_id, created_at) "
		           "VALUES (?, ?, ?, ?, ?, ?)",
		           "tttttt", u->login, u->name ? u->name : "", role_name(u->role),
		           nz(town, tb), nz(unit, ub), at);
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(db);
		char *after = audit_snapshot(db, "app_user", *id);
		rc = audit_log(db, sc, "user", *id, "add", NULL, after);
		free(after);
	}
	return db_end(db, rc);
}

int user_edit(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version,
              const struct user_spec *u)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	if (db_begin(db))
		return RD_FAIL;
	int64_t town, unit;
	int rc = resolve(db, u, &town, &unit);
	char *before = rc ? NULL : audit_snapshot(db, "app_user", id);
	if (!rc && !before)
		rc = err_set(RD_NOTFOUND, _("no user with id %lld"), (long long)id);
	if (!rc) {
		char tb[24], ub[24];
		rc = db_run(
		    db,
		    "UPDATE app_user SET name = coalesce(?, name), role = ?, town_id = ?, "
		    "unit_id = ?, version = version + 1 WHERE id = ? AND (? = 0 OR version = ?)",
		    "ttttiii", u->name, role_name(u->role), nz(town, tb), nz(unit, ub), id, version,
		    version);
		if (!rc)
			rc = db_version_check(db, "app_user", id, sqlite3_changes(db));
	}
	if (!rc) {
		int64_t admins;
		rc = db_int(db, &admins,
		            "SELECT count(*) FROM app_user WHERE role='admin' AND active", "");
		if (!rc && admins == 0)
			rc = err_set(RD_INVALID, _("role: this would leave no administrator"));
	}
	if (!rc) {
		char *after = audit_snapshot(db, "app_user", id);
		rc = audit_log(db, sc, "user", id, "edit", before, after);
		free(after);
	}
	free(before);
	return db_end(db, rc);
}

int user_remove(sqlite3 *db, const struct scope *sc, const char *login)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	if (db_begin(db))
		return RD_FAIL;
	int64_t id, admins;
	int rc = db_int(db, &id, "SELECT id FROM app_user WHERE login = ? AND active", "t", login);
	if (rc == RD_NOTFOUND)
		rc =
		    err_set(RD_NOTFOUND, _("login: %s is not a registered, active account"), login);
	char *before = rc ? NULL : audit_snapshot(db, "app_user", id);
	if (!rc)
		rc =
		    db_run(db, "UPDATE app_user SET active = 0, version = version + 1 WHERE id = ?",
		           "i", id);
	if (!rc)
		rc = db_int(db, &admins,
		            "SELECT count(*) FROM app_user WHERE role='admin' AND active", "");
	if (!rc && admins == 0)
		rc = err_set(RD_INVALID, _("%s is the last administrator and cannot be removed"),
		             login);
	if (!rc) {
		char *after = audit_snapshot(db, "app_user", id);
		rc = audit_log(db, sc, "user", id, "remove", before, after);
		free(after);
	}
	free(before);
	return db_end(db, rc);
}

sqlite3_stmt *user_list(sqlite3 *db, const struct scope *sc)
{
	return db_prepare(
	    db,
	    "SELECT u.id, u.login, u.name, u.role, coalesce(t.name, ''), "
	    "coalesce(n.name, ''), u.active, u.version FROM app_user u "
	    "LEFT JOIN town t ON t.id = u.town_id LEFT JOIN unit n ON n.id = u.unit_id "
	    "WHERE " SCOPE_SEES_ALL("?1") " "
	                                  "OR (?1 = 'town-clerk' AND u.town_id = ?2) OR u.id = ?3 "
	                                  "ORDER BY u.login",
	    "tii", role_name(sc->role), sc->town_id, sc->user_id);
}
