#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/core/admin.h"
#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/collate.h"
#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/core/user.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/outfile.h"
#include "util/priv.h"
#include "util/xalloc.h"

static int copy_db(sqlite3 *db, const char *path, bool force);

const char *const admin_file_suffixes[] = {"", "-wal", "-shm", "-journal", ".key", NULL};

void admin_remove_files(const char *path)
{
	for (size_t i = 0; admin_file_suffixes[i]; i++) {
		char *p = xasprintf("%s%s", path, admin_file_suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* Makes the new database the site of the town named site (name or code), before any record. */
static int set_site(sqlite3 *db, const struct scope *sc, const char *site)
{
	int64_t town;
	if (db_int(db, &town, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", site))
		return err_set(RD_INVALID, _("site: no town or street '%s' in the reference data"),
		               site);
	if (town <= 0 || town >= DB_MAX_SITES)
		return err_set(RD_INVALID, _("site: town %lld cannot number a site"),
		               (long long)town);
	if (db_begin(db))
		return RD_FAIL;
	char after[64];
	snprintf(after, sizeof after, "{\"site\":%lld}", (long long)town);
	int rc =
	    db_run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('site', ?)", "i", town);
	if (!rc)
		rc = audit_log(db, sc, "site", town, "init", NULL, after);
	return db_end(db, rc);
}

int admin_init(const char *path, const char *site, sqlite3 **out)
{
	sqlite3 *db;
	int rc = db_create(path, &db);
	if (rc)
		return rc;
	struct scope sc;
	scope_system(&sc);
	rc = ref_seed(db, &sc);
	if (!rc && site && *site)
		rc = set_site(db, &sc, site);
	if (!rc) {
		struct user_spec u = {.login = sc.login, .role = ROLE_ADMIN};
		int64_t id;
		rc = user_add(db, &sc, &u, &id);
	}
	if (rc) {
		char saved[1024];
		snprintf(saved, sizeof saved, "%s", err_msg());
		db_close(db);
		admin_remove_files(path);
		return err_set(rc, "%s", saved);
	}
	*out = db;
	return RD_OK;
}

int admin_backup(sqlite3 *db, const char *path, bool force)
{
	/* The audit key goes with the backup: without it the copy's chain cannot be
	   verified, nor the copy written to once restored. */
	char *key = xasprintf("%s.key", path);
	int rc = outfile_check(key, force);
	if (!rc)
		rc = copy_db(db, path, force);
	if (!rc)
		rc = audit_key_copy(db, key, force);
	free(key);
	return rc;
}

int admin_backup_home(sqlite3 *db, char **path)
{
	/* Beside the database, in the directory only the group may enter. */
	const char *dbp = db_path(db);
	const char *slash = strrchr(dbp, '/');
	char *dir = xasprintf("%.*s/backups", slash ? (int)(slash - dbp) : 1, slash ? dbp : ".");
	const char *base = slash ? slash + 1 : dbp;
	size_t blen = strlen(base);
	if (blen > 3 && !strcmp(base + blen - 3, ".db"))
		blen -= 3;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	*path = xasprintf("%s/%.*s-%04d%02d%02d-%02d%02d%02d.db", dir, (int)blen, base,
	                  tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	                  tm.tm_sec);
	priv_raise();
	struct stat sb;
	int rc = RD_OK;
	if (lstat(dir, &sb)) {
		if (mkdir(dir, priv_setgid() ? 02770 : 0700) ||
		    chmod(dir, priv_setgid() ? 02770 : 0700))
			rc = err_set(RD_FAIL, _("cannot make the directory %s: %s"), dir,
			             strerror(errno));
	} else if (!S_ISDIR(sb.st_mode))
		rc = err_set(RD_FAIL, _("%s is not a directory"), dir);
	if (!rc)
		rc = admin_backup(db, *path, false);
	priv_lower();
	free(dir);
	if (rc) {
		free(*path);
		*path = NULL;
	}
	return rc;
}

/* The consistent copy itself. */
static int copy_db(sqlite3 *db, const char *path, bool force)
{
	/* SQLite makes the file by name: inside a private directory beside path. */
	struct outfile of;
	int rc = outfile_begin_named(&of, path, force, OUTFILE_PERSONAL);
	if (rc)
		return rc;
	sqlite3 *dst;
	if (sqlite3_open_v2(of.tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = err_set(RD_FAIL, _("cannot write %s: %s"), path, db_errmsg(dst));
		sqlite3_close(dst);
		outfile_abort(&of);
		return rc;
	}
	sqlite3_backup *bk = sqlite3_backup_init(dst, "main", db, "main");
	if (!bk)
		rc = err_set(RD_FAIL, _("cannot back up: %s"), db_errmsg(dst));
	else {
		int src;
		/* Copy in steps; a writer between steps restarts the copy, so the result is
		 * consistent. */
		while ((src = sqlite3_backup_step(bk, 1024)) == SQLITE_OK || src == SQLITE_BUSY ||
		       src == SQLITE_LOCKED)
			if (src != SQLITE_OK)
				sqlite3_sleep(20);
		sqlite3_backup_finish(bk);
		if (src != SQLITE_DONE)
			rc = err_set(RD_FAIL, _("backup failed: %s (SQLite: %s)"), db_why(src),
			             sqlite3_errstr(src));
	}
	if (!rc && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = err_set(RD_FAIL, _("backup failed: %s"), db_errmsg(dst));
	sqlite3_close(dst);
	if (rc) {
		outfile_abort(&of);
		return rc;
	}
	return outfile_commit(&of);
}

/* Warns when the holidays of this year, or from 1 November of next year, are not loaded. */
static int check_calendar(sqlite3 *db, struct sbuf *warnings)
{
	struct cal c;
	int rc = cal_load(db, &c);
	if (!rc) {
		int y, m, d;
		date_to_ymd(clock_today(), &y, &m, &d);
		for (int year = y; year <= y + (m >= 11); year++)
			if (!cal_year_loaded(&c, year))
				sbuf_printf(
				    warnings,
				    _("calendar: the holidays of %d are not loaded: deadlines in "
				      "%d "
				      "count only Saturdays and Sundays as days off; load the "
				      "State "
				      "Council's arrangement with 'renda calendar import FILE'\n"),
				    year, year);
	}
	cal_free(&c);
	return rc;
}

/*
 * Warns about roster values that migration 6 kept for a clerk to correct: an
 * ethnicity that is none of the 56 groups, a resident ID ending in a lowercase
 * x (whose X form another deputy holds: one person twice).
 */
static int check_roster(sqlite3 *db, struct sbuf *warnings)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT d.id, d.name, d.code, d.ethnicity FROM deputy d WHERE d.ethnicity NOT IN "
	    "(SELECT name FROM ethnicity) ORDER BY d.id",
	    "");
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW)
		sbuf_printf(warnings,
		            _("roster: deputy %lld, %s (%s): ethnicity '%s' is not one of the 56 "
		              "groups; correct it with renda deputy edit\n"),
		            (long long)sqlite3_column_int64(st, 0), db_col(st, 1), db_col(st, 2),
		            db_col(st, 3));
	sqlite3_finalize(st);
	st = db_prepare(
	    db,
	    "SELECT d.id, d.name, d.code, o.id, o.name, o.code FROM deputy d JOIN deputy o "
	    "ON o.resident_id = upper(d.resident_id) WHERE d.resident_id GLOB '*x' "
	    "ORDER BY d.id",
	    "");
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW)
		sbuf_printf(
		    warnings,
		    _("roster: deputies %lld, %s (%s) and %lld, %s (%s) have one resident ID "
		      "(x and X): one person; keep one record\n"),
		    (long long)sqlite3_column_int64(st, 0), db_col(st, 1), db_col(st, 2),
		    (long long)sqlite3_column_int64(st, 3), db_col(st, 4), db_col(st, 5));
	sqlite3_finalize(st);
	return RD_OK;
}

int admin_check(sqlite3 *db, struct sbuf *report, struct sbuf *warnings)
{
	int bad = 0;
	sqlite3_stmt *st = db_prepare(db, "PRAGMA integrity_check", "");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = db_col(st, 0);
		if (strcmp(r, "ok")) {
			sbuf_printf(report, _("integrity: %s\n"), r);
			bad++;
		}
	}
	sqlite3_finalize(st);
	if (!bad)
		sbuf_puts(report, _("integrity: ok\n"));
	st = db_prepare(db, "PRAGMA foreign_key_check", "");
	int fk = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		sbuf_printf(report, _("foreign key: %s row %lld refers to a missing %s\n"),
		            db_col(st, 0), (long long)sqlite3_column_int64(st, 1), db_col(st, 2));
		fk++;
	}
	sqlite3_finalize(st);
	if (!fk)
		sbuf_puts(report, _("foreign keys: ok\n"));
	int64_t n, row;
	if (audit_verify(db, &n, &row)) {
		sbuf_printf(report, _("audit: broken at row %lld: %s\n"), (long long)row,
		            err_msg());
		bad++;
	} else
		sbuf_printf(report, _("audit: intact, %lld rows\n"), (long long)n);
	int site = 0;
	char *town = NULL;
	if (db_site(db, &site))
		bad++;
	else if (!site)
		sbuf_puts(report, _("site: the city's database (site 0)\n"));
	else if (db_text(db, &town, "SELECT name FROM town WHERE id = ?", "d", site) == RD_OK)
		sbuf_printf(report, _("site: %s's own database (site %d)\n"), town, site);
	else {
		sbuf_printf(report, _("site: %d is no town of the reference data\n"), site);
		bad++;
	}
	free(town);
	if (collate_ready()) {
		sbuf_printf(report, _("pinyin order: %s (names are ordered by their bytes)\n"),
		            err_msg());
		bad++;
	} else
		sbuf_printf(report, _("pinyin order: ICU %s\n"), collate_icu_version());
	char *libs = NULL;
	bad += libs_check(report, &libs);
	if (*libs)
		sbuf_printf(report, _("libraries loaded when needed: %s\n"), libs);
	free(libs);
	if (check_calendar(db, warnings)) {
		sbuf_printf(report, _("calendar: %s\n"), err_msg());
		bad++;
	}
	if (check_roster(db, warnings)) {
		sbuf_printf(report, _("roster: %s\n"), err_msg());
		bad++;
	}
	if (audit_check_records(db, report))
		bad++;
	return bad || fk ? RD_FAIL : RD_OK;
}
