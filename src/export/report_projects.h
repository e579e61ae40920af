/*
 * The yearly workbook of the livelihood projects (renda report projects): a
 * summary sheet with the year's figures beside the previous year's and a
 * chart per table (projects by congress, progress and satisfaction by
 * project, the collection), a sheet per table with the figures `renda stats
 * projects` and `renda stats proposals` print, a sheet of every project and
 * a sheet "About" with how each figure is counted; every sheet set up for
 * printing (model/project/project_stats.h gives the figures, export/statbook.h
 * writes them).
 */
#ifndef RENDA_REPORT_PROJECTS_H
#define RENDA_REPORT_PROJECTS_H

#include <sqlite3.h>
#include <stdbool.h>

#include "export/report.h"
#include "model/core/scope.h"

/*
 * Writes the workbook to path through a temporary file renamed into place
 * (without force an existing path is refused). *projects is the number of
 * rows of the project sheet. All figures come from one read transaction.
 */
int report_projects_write(sqlite3 *db, const struct scope *sc, const char *path,
                          const struct report_query *o, long *projects);

/* The workbooks of livelihood projects, for their registry row; ends with a NULL name. */
extern const struct report_def project_reports[];

#endif
