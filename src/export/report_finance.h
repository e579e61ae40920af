/*
 * The workbook of finance supervision for a month (renda report finance): a
 * summary with the period's headline figures and charts (execution beside the
 * time-elapsed schedule by department, revenue by tax kind, state assets by
 * kind), then a sheet per table of figures as `renda finance ...` prints it
 * (execution by department and by project of each department, the other
 * books, revenue, 三公经费, major projects, audit findings, performance, state
 * assets), the warnings of the year to date, the preliminary-review opinions
 * and a sheet saying what it holds. Every sheet is set up for printing on A4
 * (fit to the width, title rows repeated). Output layer: the figures come from
 * model/finance/finance.h.
 */
#ifndef RENDA_REPORT_FINANCE_H
#define RENDA_REPORT_FINANCE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "export/report.h"
#include "model/core/scope.h"

struct report_finance_opts {
	int year, month; /* 0: the latest month of budget execution imported */
	bool force;      /* replace an existing file */
};

struct report_finance_result {
	int sheets;
};

/*
 * Writes the workbook to path through a temporary file beside it, renamed
 * into place (RD_EXISTS without force for an existing path). All figures come
 * from one read transaction.
 */
int report_finance_write(sqlite3 *db, const struct scope *sc, const char *path,
                         const struct report_finance_opts *o, struct report_finance_result *res);

/* The workbook of finance supervision, for its registry row; ends with a NULL name. */
extern const struct report_def fin_reports[];

#endif
