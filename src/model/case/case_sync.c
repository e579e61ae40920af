#include "config.h"

#include <stdlib.h>

#include "model/case/case.h"
#include "model/case/case_sync.h"
#include "model/core/db.h"
#include "util/err.h"
#include "util/xalloc.h"

/* The text the full-text indexes hold of a case: its title, content and reply. */
struct case_text {
	char *title, *content, *reply;
};

static void *case_before(sqlite3 *db, int64_t id)
{
	struct case_text *t = xcalloc(1, sizeof *t);
	if (db_text(db, &t->title, "SELECT title FROM vcase WHERE id = ?", "i", id) ||
	    db_text(db, &t->content, "SELECT content FROM vcase WHERE id = ?", "i", id) ||
	    db_text(db, &t->reply, "SELECT reply FROM vcase WHERE id = ?", "i", id)) {
		free(t->title);
		free(t->content);
		free(t);
		return NULL;
	}
	return t;
}

static int case_after(sqlite3 *db, int64_t id, void *before)
{
	struct case_text *t = before;
	int rc =
	    case_index(db, id, t ? t->title : NULL, t ? t->content : NULL, t ? t->reply : NULL);
	if (t) {
		free(t->title);
		free(t->content);
		free(t->reply);
		free(t);
	}
	return rc;
}

static const struct sync_part case_parts[] = {
    {"vcase_comment", "r.case_id", "case_comment"},
    {"vcase_like", "r.case_id", "case_like"},
};
/* The search indexes, and the answered deadlines the triggers on wf_clock add up
   (migration case-tallies): they follow the clocks an exchange brings. */
static const char *const case_derived[] = {"vcase_fts", "vcase_chars", "vcase_tally", NULL};

const struct sync_def case_sync = {
    .table = "vcase",
    .entity = "case",
    .town = "x.town_id = ?1",
    .parts = case_parts,
    .nparts = N_OF(case_parts),
    .derived = case_derived,
    .before = case_before,
    .after = case_after,
};
