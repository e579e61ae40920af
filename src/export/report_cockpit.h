/*
 * The cockpit's workbook (renda report cockpit --as-of D): a sheet and a chart
 * per panel of model/cockpit, frozen as of a time, for a committee meeting.
 * Output layer. Module prefix: report_cockpit_.
 */
#ifndef RENDA_REPORT_COCKPIT_H
#define RENDA_REPORT_COCKPIT_H

#include "export/report.h"

/* The cockpit's workbook, for its registry row; ends with a NULL name. */
extern const struct report_def cockpit_reports[];

#endif
