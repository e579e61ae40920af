/*
 * The workbooks of deputies' motions and suggestions (renda report
 * suggestions). For a session (or all): a summary sheet with the figures and
 * a chart per breakdown, a sheet per breakdown with the figures `renda stats
 * suggestions` prints, a sheet of every item and a sheet "About" saying what
 * was included, as of when, and how each rate is counted. For one unit: its
 * handling sheet (办理情况表) to send to it: its figures as lead unit and every
 * item assigned to it, as lead or supporting unit, with the proposal, the
 * deadlines and what has been done. Output layer: the figures and rows come
 * from model/stats_sugg.h.
 */
#ifndef RENDA_REPORT_SUGG_H
#define RENDA_REPORT_SUGG_H

#include <sqlite3.h>
#include <stdbool.h>

#include "export/report.h"
#include "model/core/scope.h"

/*
 * Writes the workbook to path through a temporary file in the same directory,
 * renamed into place at the end (without force an existing path is refused,
 * RD_EXISTS naming it). All figures come from one read transaction.
 */
int report_sugg_write(sqlite3 *db, const struct scope *sc, const char *path,
                      const struct report_query *o, long *items);

/* The workbooks of motions and suggestions, for their registry row; ends with a NULL name. */
extern const struct report_def sugg_reports[];

#endif
