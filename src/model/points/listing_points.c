/*
 * The ranking as a list the console pages through (model/core/pager.h): the
 * totals are computed (points_compute()) and kept for the list in a temporary
 * table of the connection, one list number per ranking, so that the list
 * widget sorts, filters and searches it like any other. Nothing is written to
 * the database file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/points/listing_points.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *show_points(const char *raw)
{
	static char buf[24];
	points_text(strtoll(raw, NULL, 10), buf);
	return buf;
}

static const char *show_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city");
	if (!strcmp(raw, "town"))
		return _("town");
	return raw;
}

static const struct pager_col cols[] = {
    {"rank", N_("Rank"), "r.rank", 4, PC_SORT | PC_RIGHT | PC_KEEP | PC_WHOLE, NULL, NULL},
    {"name", N_("Full name"), "r.name", 8, PC_SORT | PC_FILTER | PC_PINYIN | PC_KEEP | PC_WHOLE,
     NULL, NULL},
    {"code", N_("Code"), "r.code", 6, PC_SORT | PC_FILTER | PC_WHOLE, NULL, NULL},
    {"level", N_("Level"), "r.level", 4, PC_SORT | PC_WHOLE, show_level, NULL},
    {"town", N_("Town"), "r.town", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"group", N_("Deputy group"), "r.grp", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"total", N_("Points"), "r.total", 7, PC_SORT | PC_RIGHT | PC_KEEP | PC_WHOLE, show_points,
     NULL},
    {"events", N_("Events"), "r.events", 5, PC_SORT | PC_RIGHT, NULL, NULL},
    {"days", N_("Duty days"), "r.days", 5, PC_SORT | PC_RIGHT, NULL, NULL},
    {"share", N_("Served"), "r.share", 5, PC_EXTRA, NULL, NULL},
    {"of", N_("Of"), "r.of", 4, PC_HIDDEN, NULL, NULL},
    {"year", N_("Year"), "r.year", 4, PC_HIDDEN, NULL, NULL},
    {"as_of", N_("As of"), "r.asof", 25, PC_HIDDEN, NULL, NULL},
};
static const struct pager_def def = {
    N_("ranking"), "temp.points_rank r", "r.id", cols, N_OF(cols), -1, false,
};

int listing_points(sqlite3 *db, const struct scope *sc, const struct points_query *q,
                   struct pager **out)
{
	static int64_t lists;
	*out = NULL;
	struct points_set s;
	int rc = points_compute(db, sc, q, &s);
	if (rc)
		return rc;
	rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS points_rank (id INTEGER PRIMARY KEY, "
	                 "list INTEGER NOT NULL, code TEXT, name TEXT, level TEXT, town TEXT, "
	                 "grp TEXT, rank INTEGER, of INTEGER, total INTEGER, events INTEGER, "
	                 "share TEXT, year INTEGER, asof TEXT, days INTEGER)");
	int64_t list = ++lists;
	/* The rankings of screens long closed go; a few open ones stay. */
	if (!rc)
		rc = db_run(db, "DELETE FROM temp.points_rank WHERE list < ?", "i", list - 8);
	sqlite3_stmt *st =
	    rc ? NULL
	       : db_prepare(
	             db,
	             "INSERT INTO temp.points_rank (id, list, code, name, level, town, grp, "
	             "rank, of, total, events, share, year, asof, days) VALUES (?, ?, ?, ?, ?, "
	             "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             "");
	if (!rc && !st)
		rc = RD_FAIL;
	for (int i = 0; !rc && i < s.n; i++) {
		const struct points_deputy *d = &s.d[i];
		char share[24];
		snprintf(share, sizeof share, "%d/%d", d->share_num, d->share_den);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, list * 1000000 + i + 1);
		sqlite3_bind_int64(st, 2, list);
		sqlite3_bind_text(st, 3, d->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, d->level, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, d->town, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, d->group, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, d->rank);
		sqlite3_bind_int(st, 9, d->of);
		sqlite3_bind_int64(st, 10, d->total);
		sqlite3_bind_int(st, 11, d->nevents);
		sqlite3_bind_text(st, 12, share, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 13, s.year);
		sqlite3_bind_text(st, 14, s.asof, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 15, d->days);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, _("keeping the ranking for the list"));
	}
	sqlite3_finalize(st);
	points_set_free(&s);
	if (rc)
		return rc;
	struct pager *p = pager_new(db, &def);
	pager_where(p, "r.list = ?", "i", list);
	if (sc->role == ROLE_TOWN_CLERK || (q->town && *q->town))
		pager_quiet(p, "town"); /* one town's deputies */
	*out = p;
	return RD_OK;
}
