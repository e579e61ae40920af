#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/module.h"
#include "model/core/pager.h"
#include "model/deputy/deputy.h"
#include "model/deputy/deputy_work.h"
#include "model/flow/flow.h"
#include "modules.h"
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
	for (int p = 0; p < w->nparts; p++) {
		for (int i = 0; i < w->parts[p].nitems; i++)
			item_free(&w->parts[p].items[i]);
		free(w->parts[p].items);
	}
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

/* Counts the module's records of the deputy and keeps the newest `latest` (0: all). */
static int read_part(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                     struct deputy_part *part)
{
	const struct mod_model *mm = part->m->model;
	struct filter f = {0}, fo = {0};
	filter_set(&f, mm->deputy_key, code);
	filter_set(&fo, mm->deputy_key, code);
	filter_set(&fo, "state", "open");
	struct pager *p = NULL, *open = NULL;
	int rc = mm->listing(db, sc, &f, &p);
	if (!rc)
		rc = mm->listing(db, sc, &fo, &open);
	int64_t all = 0, still = 0;
	if (!rc)
		rc = pager_count(p, 0, &all);
	if (!rc)
		rc = pager_count(open, 0, &still);
	part->count = (int)all;
	part->open = (int)still;
	struct pager_row *rows = NULL;
	int n = 0;
	if (!rc)
		rc = pager_fetch(p, PAGER_FIRST, NULL, latest > 0 ? latest : (int)all + 1, &rows,
		                 &n);
	const struct pager_def *def = p ? pager_def(p) : NULL;
	for (int i = 0; !rc && i < n; i++) {
		const char *state = rows[i].cells[pager_col_index(def, "state")];
		const struct wf_state *st = wf_state(part->m->flow, state);
		struct deputy_item *it = push(&part->items, &part->nitems);
		it->id = rows[i].id;
		it->number = xstrdup(rows[i].cells[pager_col_index(def, mm->number_key)]);
		it->when = xstrndup(rows[i].cells[pager_col_index(def, mm->when_key)], 10);
		it->state = xstrdup(flow_state_label(part->m->flow, state));
		it->title = xstrdup(rows[i].cells[pager_col_index(def, "title")]);
		it->open = st && st->open;
	}
	if (def)
		pager_rows_free(rows, n, def->ncols);
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
	int rc = RD_OK;
	for (int i = 0; !rc && i < nmodules && out->nparts < DEPUTY_MAXPARTS; i++) {
		if (!modules[i].model || !modules[i].model->deputy_key)
			continue;
		struct deputy_part *part = &out->parts[out->nparts++];
		part->m = &modules[i];
		rc = read_part(db, sc, code, latest, part);
	}
	return rc;
}
