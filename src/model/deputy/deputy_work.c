#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/core/db.h"
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

static const char *state_label(const struct wf_def *w, const char *name, int *open)
{
	const struct wf_state *s = wf_state(w, name);
	*open = s && s->open;
	return s ? _(s->label) : name;
}

static int read_cases(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                      struct deputy_work *out)
{
	struct case_filter f = {.deputy = code};
	struct case_list *l = case_list_open(db, sc, &f);
	if (!l)
		return RD_FAIL;
	sqlite3_stmt *row;
	int rc;
	/* Columns: id, number, submitted, state, town, category, deputy, title, ... */
	while ((rc = case_list_next(l, &row)) == RD_OK) {
		int open;
		const char *state = state_label(&case_flow, db_col(row, 3), &open);
		out->cases++;
		out->cases_open += open;
		if (latest > 0 && out->ncase_items >= latest)
			continue;
		struct deputy_item *it = push(&out->case_items, &out->ncase_items);
		it->id = sqlite3_column_int64(row, 0);
		it->number = db_col_dup(row, 1);
		it->when = xstrndup(db_col(row, 2), 10);
		it->state = xstrdup(state);
		it->title = db_col_dup(row, 7);
		it->open = open;
	}
	case_list_close(l);
	return rc == RD_NOTFOUND ? RD_OK : rc;
}

static int read_suggestions(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                            struct deputy_work *out)
{
	struct suggestion_filter f = {.deputy = code};
	sqlite3_stmt *st = suggestion_list(db, sc, &f);
	if (!st)
		return RD_FAIL;
	int src;
	/* Columns: id, number, session, kind, level, state, category, deputy, title, ... */
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int open;
		const char *state = state_label(&suggestion_flow, db_col(st, 5), &open);
		out->suggestions++;
		out->suggestions_open += open;
		if (latest > 0 && out->nsugg_items >= latest)
			continue;
		struct deputy_item *it = push(&out->sugg_items, &out->nsugg_items);
		it->id = sqlite3_column_int64(st, 0);
		it->number = db_col_dup(st, 1);
		it->when = db_col_dup(st, 2);
		it->state = xstrdup(state);
		it->title = db_col_dup(st, 8);
		it->open = open;
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(db, _("list motions and suggestions"));
	sqlite3_finalize(st);
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
