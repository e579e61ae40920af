#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/tally.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void tally_set(struct tally *t, const char *key, int64_t value)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->f[i].key, key)) {
			t->f[i].value = value;
			return;
		}
	t->f = xrealloc(t->f, sizeof *t->f * (size_t)(t->n + 1));
	t->f[t->n].key = xstrdup(key);
	t->f[t->n++].value = value;
}

int64_t tally_get(const struct tally *t, const char *key)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->f[i].key, key))
			return t->f[i].value;
	return -1;
}

void tally_free(struct tally *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->f[i].key);
	free(t->f);
	memset(t, 0, sizeof *t);
}

int tally_enter(sqlite3 *db, const struct scope *sc, const char *kind, int64_t owner,
                const struct tally *t, int *entry)
{
	for (int i = 0; i < t->n; i++)
		if (t->f[i].value < 0)
			return err_set(RD_INVALID, _("%s: a figure cannot be negative"),
			               t->f[i].key);
	int64_t id = 0, e = 0;
	int rc = db_int(db, &id,
	                "SELECT id FROM tally_sheet WHERE kind = ? AND owner_id = ? AND "
	                "account = ?",
	                "tit", kind, owner, sc->login);
	if (rc == RD_OK)
		rc = db_int(db, &e, "SELECT entry FROM tally_sheet WHERE id = ?", "i", id);
	else if (rc == RD_NOTFOUND) {
		int64_t n = 0;
		rc = db_int(db, &n,
		            "SELECT count(*) FROM tally_sheet WHERE kind = ? AND owner_id = ?",
		            "ti", kind, owner);
		if (!rc && n >= 2)
			return err_set(RD_DENIED,
			               _("two clerks have entered this tally; only they may type "
			                 "their sheets again"));
		e = n + 1;
		if (!rc)
			rc = db_new_id(db, "tally_sheet", &id);
		char at[CLOCK_BUF];
		clock_format(clock_now(), at);
		if (!rc)
			rc = db_run(
			    db,
			    "INSERT INTO tally_sheet (id, kind, owner_id, entry, account, at) "
			    "VALUES (?, ?, ?, ?, ?, ?)",
			    "itiitt", id, kind, owner, e, sc->login, at);
	}
	if (rc)
		return rc;
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	rc = db_run(db, "UPDATE tally_sheet SET at = ?, version = version + 1 WHERE id = ?", "ti",
	            at, id);
	if (!rc)
		rc = db_run(db, "DELETE FROM tally_figure WHERE sheet_id = ?", "i", id);
	for (int i = 0; !rc && i < t->n; i++)
		rc = db_run(db, "INSERT INTO tally_figure (sheet_id, key, value) VALUES (?, ?, ?)",
		            "iti", id, t->f[i].key, t->f[i].value);
	*entry = (int)e;
	return rc;
}

int tally_read(sqlite3 *db, const char *kind, int64_t owner, int entry, struct tally *out,
               char account[64])
{
	memset(out, 0, sizeof *out);
	char *who = NULL;
	int rc = db_text(db, &who,
	                 "SELECT account FROM tally_sheet WHERE kind = ? AND owner_id = ? AND "
	                 "entry = ?",
	                 "tid", kind, owner, entry);
	if (rc)
		return rc;
	if (account)
		snprintf(account, 64, "%s", who ? who : "");
	free(who);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT f.key, f.value FROM tally_figure f JOIN tally_sheet s "
	               "ON s.id = f.sheet_id WHERE s.kind = ? AND s.owner_id = ? AND "
	               "s.entry = ? ORDER BY f.key",
	               "tid", kind, owner, entry);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW)
		tally_set(out, db_col(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return RD_OK;
}

int tally_compare(sqlite3 *db, const char *kind, int64_t owner, struct tbl *out, int *nsheets)
{
	static const char *const keys[] = {"key", "first", "second"};
	memset(out, 0, sizeof *out);
	int64_t n = 0;
	if (db_int(db, &n, "SELECT count(*) FROM tally_sheet WHERE kind = ? AND owner_id = ?", "ti",
	           kind, owner))
		return RD_FAIL;
	*nsheets = (int)n;
	return tbl_read(
	    db_prepare(db,
	               "WITH s AS (SELECT f.key, f.value, t.entry FROM tally_figure f "
	               "JOIN tally_sheet t ON t.id = f.sheet_id WHERE t.kind = ?1 AND "
	               "t.owner_id = ?2), "
	               "a AS (SELECT key, value FROM s WHERE entry = 1), "
	               "b AS (SELECT key, value FROM s WHERE entry = 2), "
	               "k AS (SELECT key FROM a UNION SELECT key FROM b) "
	               "SELECT k.key, coalesce(a.value, ''), coalesce(b.value, '') "
	               "FROM k LEFT JOIN a ON a.key = k.key LEFT JOIN b ON b.key = k.key "
	               "WHERE a.value IS NOT b.value ORDER BY k.key",
	               "ti", kind, owner),
	    keys, 3, out);
}

int tally_agreed(sqlite3 *db, const char *kind, int64_t owner, struct tally *out)
{
	memset(out, 0, sizeof *out);
	struct tbl diff;
	int nsheets;
	int rc = tally_compare(db, kind, owner, &diff, &nsheets);
	if (rc)
		return rc;
	int ndiff = diff.nrows;
	tbl_free(&diff);
	if (nsheets < 2)
		return err_set(RD_INVALID,
		               nsheets ? _("only one clerk has entered the tally sheet; a second "
		                           "clerk must enter it too")
		                       : _("no tally sheet has been entered"));
	if (ndiff)
		return err_set(RD_INVALID,
		               P_("the two tally sheets differ in %d figure",
		                  "the two tally sheets differ in %d figures", ndiff),
		               ndiff);
	return tally_read(db, kind, owner, 1, out, NULL);
}

int tally_clear(sqlite3 *db, const char *kind, int64_t owner)
{
	int rc = db_run(db,
	                "DELETE FROM tally_figure WHERE sheet_id IN (SELECT id FROM tally_sheet "
	                "WHERE kind = ? AND owner_id = ?)",
	                "ti", kind, owner);
	if (!rc)
		rc = db_run(db, "DELETE FROM tally_sheet WHERE kind = ? AND owner_id = ?", "ti",
		            kind, owner);
	return rc;
}
