/*
 * Reading CSV files as Excel in China saves them: UTF-8 with or without a
 * BOM, or GB18030 (converted with iconv). Uses libcsv. Every row keeps the
 * line where it starts, so errors can name file:line.
 */
#ifndef RENDA_CSVREAD_H
#define RENDA_CSVREAD_H

#include <stddef.h>

struct csv_row {
	int line;
	int n;
	char **f;
};

struct csv_file {
	char *path;
	const char *encoding; /* "UTF-8" or "GB18030" */
	int ncols;
	char **header; /* first row, trimmed */
	size_t nrows;  /* data rows, header excluded */
	struct csv_row *rows;
};

/*
 * Reads the whole file. RD_OK, or RD_INVALID / RD_FAIL with "file:line:
 * reason" in err_msg(). Blank lines are skipped.
 */
int csvf_read(const char *path, struct csv_file *out);
/* Index of the header column named name (case-insensitive), or -1. */
int csvf_col(const struct csv_file *f, const char *name);
/* Field i of row r, "" when the row is short. */
const char *csvf_get(const struct csv_row *r, int i);
void csvf_free(struct csv_file *f);

#endif
