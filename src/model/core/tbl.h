/*
 * A table of text: named columns and rows of cells. The model hands records
 * (one row: case_info, suggestion_info) and their sub-lists (history, comments,
 * co-signers...) to the CLI and the console as tables, so that they read
 * cells by column key, never a statement by column number. Module prefix: tbl_.
 */
#ifndef RENDA_TBL_H
#define RENDA_TBL_H

#include <sqlite3.h>

struct tbl {
	int ncols, nrows;
	const char *const *keys; /* ncols column keys (static storage) */
	char **cells;            /* nrows * ncols cells, owned; "" for NULL */
};

/*
 * Reads every row of st (ncols columns, named by keys) into out, then
 * finalizes st. RD_OK, or RD_FAIL with the message (out is then empty).
 * A NULL st (a failed prepare) gives RD_FAIL, its message already set.
 */
int tbl_read(sqlite3_stmt *st, const char *const *keys, int ncols, struct tbl *out);
/* The cell of column key in row (0 is the first); "" when there is no such cell. */
const char *tbl_get(const struct tbl *t, int row, const char *key);
/* Replaces the cell of column key in row with value (taken: the table frees it). */
void tbl_set(struct tbl *t, int row, const char *key, char *value);
/* The column index of key, or -1. */
int tbl_col(const struct tbl *t, const char *key);
void tbl_free(struct tbl *t);

#endif
