#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/tbl.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int tbl_read(sqlite3_stmt *st, const char *const *keys, int ncols, struct tbl *out)
{
	memset(out, 0, sizeof *out);
	out->keys = keys;
	out->ncols = ncols;
	if (!st)
		return RD_FAIL;
	int cap = 0, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->nrows == cap) {
			cap = cap ? cap * 2 : 8;
			out->cells =
			    xrealloc(out->cells, sizeof *out->cells * (size_t)cap * (size_t)ncols);
		}
		for (int c = 0; c < ncols; c++)
			out->cells[out->nrows * ncols + c] = xstrdup(db_col(st, c));
		out->nrows++;
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(sqlite3_db_handle(st), _("read"));
	sqlite3_finalize(st);
	if (rc)
		tbl_free(out);
	return rc;
}

int tbl_col(const struct tbl *t, const char *key)
{
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->keys[c], key))
			return c;
	return -1;
}

const char *tbl_get(const struct tbl *t, int row, const char *key)
{
	int c = tbl_col(t, key);
	if (c < 0 || row < 0 || row >= t->nrows)
		return "";
	return t->cells[row * t->ncols + c];
}

void tbl_set(struct tbl *t, int row, const char *key, char *value)
{
	int c = tbl_col(t, key);
	if (c < 0 || row < 0 || row >= t->nrows) {
		free(value);
		return;
	}
	free(t->cells[row * t->ncols + c]);
	t->cells[row * t->ncols + c] = value;
}

void tbl_free(struct tbl *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
