/*
 * Importing a CSV file in the console: the model's import runs under a
 * progress box (Esc cancels, tui/progress.h), then a view reports the file,
 * the result, the counts and each rejected row. The screens of reference
 * data, deputies and voter issues share it. Module prefix: imp_.
 */
#ifndef RENDA_IMPORTSCR_H
#define RENDA_IMPORTSCR_H

#include <stdbool.h>

#include "model/core/ref.h"

struct imp_spec {
	const char *progress; /* title of the progress box, shown as given */
	const char *report;   /* title of the report, shown as given */
	/*
	 * The import only adds, leaving records it meets again (by external_id):
	 * the counts are Added, Already there and Rejected instead of Added,
	 * Changed, Unchanged and Rejected.
	 */
	bool add_only;
	/* Imports path into rep (the model's *_import()): RD_*, err_msg(). */
	int (*run)(void *ctx, const char *path, struct import_report *rep);
	void *ctx;
};

/* Imports path with spec->run under a progress box; then shows the report. */
void imp_run(const struct imp_spec *spec, const char *path);

#endif
