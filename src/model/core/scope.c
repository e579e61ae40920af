#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/db.h"
#include "model/core/scope.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	const char *label;
} roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = {"admin", N_("administrator")},
    [ROLE_CITY_CLERK] = {"city-clerk", N_("city clerk")},
    [ROLE_TOWN_CLERK] = {"town-clerk", N_("town clerk")},
    [ROLE_UNIT] = {"unit", N_("unit operator")},
    [ROLE_VIEWER] = {"viewer", N_("viewer")},
};

const char *ident_login(void)
{
	static char login[64];
	if (!login[0]) {
		/* The real uid: the person who runs renda, whatever the program's own rights. */
		struct passwd *pw = getpwuid(getuid());
		if (pw && pw->pw_name)
			snprintf(login, sizeof login, "%s", pw->pw_name);
		else
			snprintf(login, sizeof login, "uid%ld", (long)getuid());
	}
	return login;
}

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? roles[r].name : "?";
}

const char *role_label(enum role r)
{
	return r < ROLE_COUNT ? _(roles[r].label) : "?";
}

bool role_parse(const char *s, enum role *r)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (s && !strcmp(s, roles[i].name)) {
			*r = (enum role)i;
			return true;
		}
	return false;
}

void scope_system(struct scope *sc)
{
	memset(sc, 0, sizeof *sc);
	snprintf(sc->login, sizeof sc->login, "%s", ident_login());
	sc->role = ROLE_ADMIN;
}

void scope_free(struct scope *sc)
{
	free(sc->town_name);
	free(sc->unit_name);
	sc->town_name = sc->unit_name = NULL;
}

/* Names the active administrators, for the "ask" message. */
static char *admin_names(sqlite3 *db)
{
	struct sbuf b = SBUF_INIT;
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT login FROM app_user WHERE role = 'admin' AND active ORDER BY login LIMIT 5",
	    "");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		if (b.len)
			sbuf_puts(&b, ", ");
		sbuf_puts(&b, db_col(st, 0));
	}
	sqlite3_finalize(st);
	return sbuf_take(&b);
}

int scope_load(sqlite3 *db, struct scope *sc)
{
	memset(sc, 0, sizeof *sc);
	const char *login = ident_login();
	snprintf(sc->login, sizeof sc->login, "%s", login);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT u.id, u.role, u.town_id, u.unit_id, u.active, t.name, n.name "
	               "FROM app_user u LEFT JOIN town t ON t.id = u.town_id "
	               "LEFT JOIN unit n ON n.id = u.unit_id WHERE u.login = ?",
	               "t", login);
	if (!st)
		return RD_FAIL;
	int src = sqlite3_step(st);
	int rc = RD_OK;
	if (src == SQLITE_ROW && sqlite3_column_int(st, 4)) {
		sc->user_id = sqlite3_column_int64(st, 0);
		if (!role_parse(db_col(st, 1), &sc->role))
			rc = err_set(RD_DENIED, _("account %s has an unknown role '%s'"), login,
			             db_col(st, 1));
		sc->town_id = sqlite3_column_int64(st, 2);
		sc->unit_id = sqlite3_column_int64(st, 3);
		sc->town_name = db_col_dup(st, 5);
		sc->unit_name = db_col_dup(st, 6);
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		char *admins = admin_names(db);
		rc = err_set(
		    RD_DENIED,
		    src == SQLITE_ROW
		        ? _("account %s is disabled in %s; ask an administrator (%s) to enable it")
		        : _("account %s is not registered in %s; ask an administrator (%s) to "
		            "run: renda user add %s --role ROLE"),
		    login, db_path(db), admins[0] ? admins : _("whoever ran renda init"), login);
		free(admins);
	} else {
		rc = db_fail(db, _("read user"));
	}
	sqlite3_finalize(st);
	if (!rc)
		rc = db_site(db, &sc->site);
	return rc;
}

bool scope_is_admin(const struct scope *sc)
{
	return sc->role == ROLE_ADMIN;
}

bool scope_can_write(const struct scope *sc)
{
	return sc->role != ROLE_VIEWER;
}

bool scope_covers_town(const struct scope *sc, int64_t town_id)
{
	if (sc->role == ROLE_TOWN_CLERK)
		return town_id == sc->town_id;
	return true;
}

int scope_require_admin(const struct scope *sc)
{
	if (scope_is_admin(sc))
		return RD_OK;
	return err_set(RD_DENIED, _("only an administrator may do this (you are %s)"),
	               scope_describe(sc));
}

const char *scope_describe(const struct scope *sc)
{
	static char buf[256];
	if (sc->town_name || sc->unit_name)
		snprintf(buf, sizeof buf, _("%s (%s, %s)"), sc->login, role_label(sc->role),
		         sc->town_name ? sc->town_name : sc->unit_name);
	else
		snprintf(buf, sizeof buf, _("%s (%s)"), sc->login, role_label(sc->role));
	return buf;
}
