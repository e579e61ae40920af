#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/core/db.h"
#include "model/core/pager.h"
#include "model/deputy/deputy.h"
#include "model/deputy/deputy_work.h"
#include "model/suggestion/suggestion.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void item_free(struct deputy_item *it)
{
	free(it->number);
	free(it->when);
	free(it->state);
	free(it->title);
}

void deputy_work_free(struct deputy_work *w)
{
	for (int i = 0; i < w->ncase_items; i++)
		item_free(&w->case_items[i]);
	for (int i = 0; i < w->nsugg_items; i++)
		item_free(&w->sugg_items[i]);
	free(w->case_items);
	free(w->sugg_items);
	memset(w, 0, sizeof *w);
}

/* Appends an item to *items (one more than *n). */
static struct deputy_item *push(struct deputy_item **items, int *n)
{
	*items = xrealloc(*items, sizeof **items * (size_t)(*n + 1));
	struct deputy_item *it = &(*items)[(*n)++];
	memset(it, 0, sizeof *it);
	return it;
}

/*
 * Counts a module's items of the deputy (all; those still being handled) and
 * keeps the newest `latest` (0: all): p lists them all, open those still open.
 * Columns read: number, submitted or session, state, title (by key).
 */
static int read_items(struct pager *p, struct pager *open, const struct wf_def *w,
                      const char *when_key, int latest, int *count, int *nopen,
                      struct deputy_item **items, int *nitems)
{
	int64_t all = 0, still = 0;
	int rc = pager_count(p, 0, &all);
	if (!rc)
		rc = pager_count(open, 0, &still);
	*count = (int)all;
	*nopen = (int)still;
	struct pager_row *rows = NULL;
	int n = 0;
	if (!rc)
		rc = pager_fetch(p, PAGER_FIRST, NULL, latest > 0 ? latest : (int)all + 1, &rows,
		                 &n);
	const struct pager_def *def = pager_def(p);
	int cnum = pager_col_index(def, "number"), cwhen = pager_col_index(def, when_key),
	    cstate = pager_col_index(def, "state"), ctitle = pager_col_index(def, "title");
	for (int i = 0; !rc && i < n; i++) {
		const char *state = rows[i].cells[cstate];
		const struct wf_state *st = wf_state(w, state);
		struct deputy_item *it = push(items, nitems);
		it->id = rows[i].id;
		it->number = xstrdup(rows[i].cells[cnum]);
		it->when = xstrndup(rows[i].cells[cwhen], 10);
		it->state = xstrdup(flow_state_label(w, state));
		it->title = xstrdup(rows[i].cells[ctitle]);
		it->open = st && st->open;
	}
	pager_rows_free(rows, n, def->ncols);
	return rc;
}

static int read_cases(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                      struct deputy_work *out)
{
	struct case_filter f = {.deputy = code}, fo = {.deputy = code, .state = "open"};
	struct pager *p = NULL, *open = NULL;
	int rc = listing_cases(db, sc, &f, &p);
	if (!rc)
		rc = listing_cases(db, sc, &fo, &open);
	if (!rc)
		rc = read_items(p, open, &case_flow, "submitted", latest, &out->cases,
		                &out->cases_open, &out->case_items, &out->ncase_items);
	pager_free(p);
	pager_free(open);
	return rc;
}

static int read_suggestions(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                            struct deputy_work *out)
{
	struct suggestion_filter f = {.deputy = code}, fo = {.deputy = code, .state = "open"};
	struct pager *p = NULL, *open = NULL;
	int rc = listing_suggestions(db, sc, &f, &p);
	if (!rc)
		rc = listing_suggestions(db, sc, &fo, &open);
	if (!rc)
		rc = read_items(p, open, &suggestion_flow, "session", latest, &out->suggestions,
		                &out->suggestions_open, &out->sugg_items, &out->nsugg_items);
	pager_free(p);
	pager_free(open);
	return rc;
}

int deputy_work(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                struct deputy_work *out)
{
	memset(out, 0, sizeof *out);
	int64_t id;
	if (deputy_find(db, sc, code, &id))
		return RD_NOTFOUND;
	int rc = read_cases(db, sc, code, latest, out);
	if (!rc)
		rc = read_suggestions(db, sc, code, latest, out);
	return rc;
}
