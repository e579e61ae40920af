/*
 * Preliminary review (初步审查): the finance committee's opinions on the draft
 * budget and on the final accounts of a year, numbered within the year and
 * kind, each with the government's response when it comes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/finance/fin_priv.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

int fin_review_add(sqlite3 *db, const struct scope *sc, int year, const char *kind,
                   const char *opinion, int64_t *id)
{
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	if (year < 1900 || year > 9998)
		return err_set(RD_INVALID, _("year: %d is not a year such as 2026"), year);
	if (!kind || (strcmp(kind, "budget") && strcmp(kind, "accounts")))
		return err_set(RD_INVALID, _("kind: '%s' is not budget or accounts"),
		               kind ? kind : "");
	if (!opinion || !*opinion)
		return err_set(RD_INVALID, _("text: the opinion is required (--text)"));
	if (db_begin(db))
		return RD_FAIL;
	int64_t seq = 0;
	char now[CLOCK_BUF];
	clock_format(clock_now(), now);
	rc = db_int(db, &seq,
	            "SELECT coalesce(max(seq), 0) + 1 FROM fin_review WHERE year = ? AND "
	            "kind = ?",
	            "dt", year, kind);
	if (!rc)
		rc = db_new_id(db, "fin_review", id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO fin_review (id, year, kind, seq, opinion, created_at, updated_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "idtittt", *id, year, kind, seq, opinion, now, now);
	if (!rc) {
		char *after = audit_snapshot(db, "fin_review", *id);
		rc = audit_log(db, sc, "fin_review", *id, "add", NULL, after);
		free(after);
	}
	return db_end(db, rc);
}

int fin_review_respond(sqlite3 *db, const struct scope *sc, int64_t id, const char *response,
                       const char *day, int64_t version)
{
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	if (!response || !*response)
		return err_set(RD_INVALID,
		               _("text: the government's response is required (--text)"));
	int d = clock_today();
	if (day && *day && !date_parse(day, &d))
		return err_set(RD_INVALID, _("date: '%s' is not a date YYYY-MM-DD"), day);
	char on[11], now[CLOCK_BUF];
	date_format(d, on);
	clock_format(clock_now(), now);
	if (db_begin(db))
		return RD_FAIL;
	char *before = audit_snapshot(db, "fin_review", id);
	if (!before)
		rc = err_set(RD_NOTFOUND, _("no opinion %lld"), (long long)id);
	if (!rc)
		rc = db_run(
		    db,
		    "UPDATE fin_review SET response = ?, responded_on = ?, updated_at = ?, version "
		    "= version + 1 WHERE id = ? AND (? = 0 OR version = ?)",
		    "tttiii", response, on, now, id, version, version);
	if (!rc)
		rc = db_version_check(db, "fin_review", id, sqlite3_changes(db));
	if (!rc) {
		char *after = audit_snapshot(db, "fin_review", id);
		rc = audit_log(db, sc, "fin_review", id, "respond", before, after);
		free(after);
	}
	free(before);
	return db_end(db, rc);
}

static const struct ftab_col review_cols[] = {
    {"id", N_("Id"), FTK_INT, FTC_CODE},
    {"year", N_("Year"), FTK_INT, FTC_BRIEF},
    {"kind", N_("Review of"), FTK_TEXT, FTC_BRIEF},
    {"seq", N_("No."), FTK_INT, FTC_BRIEF},
    {"opinion", N_("The committee's opinion"), FTK_TEXT, FTC_NAME | FTC_LONG},
    {"response", N_("The government's response"), FTK_TEXT, FTC_LONG},
    {"responded_on", N_("Responded on"), FTK_DATE, FTC_BRIEF},
    {"version", N_("Version"), FTK_INT, 0},
};

int fin_reviews(sqlite3 *db, const struct scope *sc, int year, struct ftab *out)
{
	ftab_init(out, review_cols, N_OF(review_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	out->title = year ? xasprintf(_("Preliminary review opinions, %d"), year)
	                  : xstrdup(_("Preliminary review opinions"));
	/* The committee's documents are the office's: a unit operator sees none. */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT id, year, kind, seq, opinion, response, responded_on, "
	               "version FROM fin_review WHERE (?1 = 0 OR year = ?1) AND ?2 = 0 "
	               "ORDER BY year DESC, kind DESC, seq",
	               "di", year, fin_unit_of(sc));
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		ftab_num(out, r, 0, sqlite3_column_int64(st, 0));
		ftab_num(out, r, 1, sqlite3_column_int64(st, 1));
		const char *k = db_col(st, 2);
		ftab_text(out, r, 2,
		          !vocab_translating()   ? k
		          : !strcmp(k, "budget") ? _("draft budget")
		                                 : _("final accounts"));
		ftab_num(out, r, 3, sqlite3_column_int64(st, 3));
		ftab_text(out, r, 4, db_col(st, 4));
		ftab_text(out, r, 5, db_col(st, 5));
		ftab_text(out, r, 6, db_col(st, 6));
		ftab_num(out, r, 7, sqlite3_column_int64(st, 7));
	}
	sqlite3_finalize(st);
	return RD_OK;
}
