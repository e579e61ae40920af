/*
 * The deputy roster as a file for people and spreadsheets, read back by renda
 * deputy import: an XLSX workbook (column titles in the language of the
 * messages, IDs and phones as text cells, dates as date cells with a Chinese
 * format, widths that fit, the header frozen, set up to print) or CSV (UTF-8
 * with a byte-order mark, or GB18030; the same titles and values, a number that
 * is text led by a tab so that a spreadsheet keeps it as text). Output layer:
 * the deputies come through the deputy model, in the caller's scope.
 */
#ifndef RENDA_ROSTER_H
#define RENDA_ROSTER_H

#include <sqlite3.h>
#include <stdbool.h>

#include "model/core/scope.h"
#include "model/deputy/deputy.h"

enum roster_format { ROSTER_CSV, ROSTER_XLSX };

struct roster_opts {
	enum roster_format format;
	bool gb18030; /* CSV: GB18030 instead of UTF-8 with a byte-order mark */
	bool force;   /* replace an existing file */
};

/* The format a file name asks for: XLSX when it ends in .xlsx (any case), else CSV. */
enum roster_format roster_format_of(const char *path);

/*
 * Writes the deputies in scope that match f to path, through a temporary file
 * renamed into place (RD_EXISTS without force when path exists). Viewers get
 * masked phones and IDs. *n = deputies written.
 */
int roster_export(sqlite3 *db, const struct scope *sc, const struct deputy_filter *f,
                  const char *path, const struct roster_opts *o, long *n);

#endif
