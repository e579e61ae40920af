/*
 * The workbook of voter-issue statistics for a year (renda report cases): a
 * summary sheet with a chart per breakdown, a sheet per breakdown with the
 * figures `renda stats cases` prints, a detail sheet of every case in scope
 * (written row by row in libxlsxwriter's constant-memory mode) and a sheet
 * "About" saying what was included, as of when, and how each rate is counted.
 * Output layer: the figures and rows come from model/stats.h.
 */
#ifndef RENDA_REPORT_CASES_H
#define RENDA_REPORT_CASES_H

#include <sqlite3.h>
#include <stdbool.h>

#include "export/report.h"
#include "model/core/scope.h"

/*
 * Writes the workbook to path through a temporary file in the same directory,
 * renamed into place at the end (without force an existing path is refused,
 * RD_EXISTS naming it). All figures come from one read transaction.
 */
int report_cases_write(sqlite3 *db, const struct scope *sc, const char *path,
                       const struct report_query *o, long *cases);

/* The workbooks of voter issues, for their registry row; ends with a NULL name. */
extern const struct report_def case_reports[];

#endif
