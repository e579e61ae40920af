#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/work.h"
#include "tui/importscr.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The import report is a view over rows made once. */
static int report_load(void *ctx, struct vw_data *d)
{
	struct vw_data *made = ctx;
	d->ncells = made->ncells;
	for (int i = 0; i < made->n; i++)
		vw_add(d, made->rows[i].changed, made->rows[i].cell[0], made->rows[i].cell[1],
		       NULL);
	return RD_OK;
}

static void report_free(void *ctx)
{
	vw_data_free(ctx);
	free(ctx);
}

/* Adds the counts of rep to d, the rejected ones marked when there are any. */
static void add_counts(struct vw_data *d, const struct import_report *rep, bool add_only)
{
	static const char *const labels[] = {N_("Added"), N_("Changed"), N_("Unchanged"),
	                                     N_("Rejected")};
	int nums[] = {rep->added, rep->changed, rep->unchanged, rep->rejected};
	for (int i = 0; i < 4; i++) {
		if (add_only && i == 1)
			continue;
		const char *label =
		    add_only && i == 2 ? _("Already there (same external_id)") : _(labels[i]);
		char num[24];
		snprintf(num, sizeof num, "%d", nums[i]);
		vw_add(d, i == 3 && nums[i] > 0, label, num, NULL);
	}
}

void imp_run(const struct imp_spec *spec, const char *path)
{
	struct pg *pg = pg_begin(spec->progress);
	struct import_report rep;
	work_begin(tui.db, pg_tick, pg);
	int rc = spec->run(spec->ctx, path, &rep);
	work_end(tui.db);
	bool cancelled = rc && work_cancelled();
	char *why = xstrdup(err_msg());
	pg_end(pg);
	if (!rc)
		tui_changed();
	struct vw_data *d = xcalloc(1, sizeof *d);
	d->ncells = 2;
	vw_add(d, false, _("File"), path, NULL);
	vw_add(d, rc != RD_OK, _("Result"),
	       cancelled ? _("Cancelled: nothing was imported")
	       : rc      ? why
	                 : _("Imported"),
	       NULL);
	if (!cancelled) {
		add_counts(d, &rep, spec->add_only);
		for (const char *e = sbuf_str(&rep.errors); *e;) {
			size_t n = strcspn(e, "\n");
			char *line = xstrndup(e, n);
			vw_add(d, true, "", line, NULL);
			free(line);
			e += n + (e[n] == '\n');
		}
	}
	import_report_free(&rep);
	free(why);
	struct vw_spec vs = {
	    .title = xstrdup(spec->report),
	    .load = report_load,
	    .free = report_free,
	    .ctx = d,
	};
	tui_push(&scr_view, &vs);
}
