/* The exchange log (every file written or applied) and the sites a database exchanges with. */
#include "config.h"

#include <string.h>

#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/sync/sync_int.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *show_site(const char *raw)
{
	return vocab_label("site", raw);
}

static const char *show_direction(const char *raw)
{
	return vocab_label("direction", raw);
}

#define SITE_EXPR(col)                                                                             \
	"CASE WHEN " col " = 0 THEN 'city' ELSE coalesce((SELECT name FROM town WHERE id = " col   \
	"), " col ") END"

static const struct pager_col file_cols[] = {
    {"id", N_("No."), "f.id", 5, PC_SORT | PC_BY_ID | PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"direction", N_("Direction"), "f.direction", 6, PC_SORT | PC_FILTER | PC_WHOLE | PC_KEEP,
     show_direction, NULL},
    {"site", N_("Site"), SITE_EXPR("f.peer"), 8, PC_SORT | PC_FILTER | PC_WHOLE | PC_KEEP,
     show_site, NULL},
    {"seq", N_("File no."), "f.seq", 4, PC_SORT | PC_RIGHT | PC_WHOLE | PC_KEEP, NULL, NULL},
    {"base", N_("Base"), "f.base", 4, PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"at", N_("Time"), "replace(substr(f.at, 1, 19), 'T', ' ')", 19,
     PC_BY_ID | PC_FILTER | PC_WHOLE | PC_KEEP, NULL, "f.at"},
    {"account", N_("Account"), "f.account", 8, PC_FILTER | PC_WHOLE, NULL, NULL},
    {"changes", N_("Changes"), "f.changes", 6, PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"records", N_("Records"), "f.records", 6, PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"conflicts", N_("Conflicts"), "f.conflicts", 6, PC_RIGHT | PC_WHOLE, NULL, NULL},
    {"kept", N_("City's kept"), "f.kept", 6, PC_RIGHT | PC_EXTRA, NULL, NULL},
    {"file", N_("File name"), "f.path", 16, PC_FILTER | PC_FLEX, NULL, NULL},
};
static const struct pager_def file_def = {
    N_("exchange log"), "sync_file f", "f.id", file_cols, N_OF(file_cols), 0, true,
};

struct pager *sync_listing_files(sqlite3 *db, const struct scope *sc)
{
	struct pager *p = pager_new(db, &file_def);
	if (!scope_is_admin(sc))
		pager_where(p, "0", "");
	return p;
}

static const char *const peer_keys[] = {"site", "name",    "key_id", "keyed_at",
                                        "sent", "applied", "acked"};

int sync_peers(sqlite3 *db, const struct scope *sc, struct tbl *out)
{
	memset(out, 0, sizeof *out);
	if (scope_require_admin(sc))
		return RD_DENIED;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT p.site, " SITE_EXPR(
	                   "p.site") ", p.key_id, p.keyed_at, "
	                             "p.sent, p.applied, p.acked FROM sync_peer p ORDER BY p.site",
	               "");
	int rc = tbl_read(st, peer_keys, 7, out);
	for (int i = 0; !rc && i < out->nrows; i++)
		if (!strcmp(tbl_get(out, i, "name"), "city"))
			tbl_set(out, i, "name", xstrdup(_("the city platform")));
	return rc;
}
