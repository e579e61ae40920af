/*
 * The cockpit's workbook: per panel a sheet (key, figure, value, the list that
 * holds its records and its filter, whether a past as-of time reads it from the
 * histories) and a chart (its bars, or its counts), set up for A4 and fit to
 * the width, the title rows repeated.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/report_cockpit.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/cockpit/cockpit.h"
#include "modules.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct job {
	const struct cockpit *ck;
	char *note;
	lxw_format *apart; /* text set apart from the value to its left (an indent) */
};

enum { C_KEY, C_LABEL, C_VALUE, C_LIST, C_FILTER, C_EXACT, NCOLS };

/* Whether figure f goes into its panel's chart: the bars, or the counts when it has none. */
static bool charted(const struct cockpit_panel *p, const struct cockpit_fig *f)
{
	bool bars = false;
	for (int i = 0; i < p->n; i++)
		bars = bars || p->f[i].bar;
	return bars ? f->bar : f->kind == CK_COUNT;
}

/* Writes one figure's row. */
static void fig_row(struct statbook *b, const struct job *j, struct xsheet *s, lxw_row_t row,
                    const struct cockpit_fig *f)
{
	xsheet_text(s, row, C_KEY, f->key, NULL);
	xsheet_text(s, row, C_LABEL, f->label, NULL);
	/* Room beside the digits, which stand right-aligned before the list's name. */
	if (f->value != STAT_NONE) {
		if (f->kind == CK_COUNT)
			xsheet_number(s, row, C_VALUE, (double)f->value, NULL, 12);
		else
			xsheet_number(s, row, C_VALUE, (double)f->value / 100.0, b->f.fixed, 12);
	}
	const struct module *m = f->module ? module_find(f->module) : NULL;
	xsheet_text(s, row, C_LIST, m ? _(m->label) : "", j->apart);
	struct sbuf flt = SBUF_INIT;
	for (int i = 0; i < f->nf; i++)
		sbuf_printf(&flt, "%s%s=%s", i ? ";" : "", f->fkey[i], f->fval[i]);
	xsheet_text(s, row, C_FILTER, sbuf_str(&flt), NULL);
	sbuf_free(&flt);
	xsheet_text(s, row, C_EXACT, f->asof_exact ? _("yes") : _("no"), NULL);
}

/* A panel's sheet: its figures, those of its chart first (one range), then the chart. */
static int panel_sheet(struct statbook *b, const struct job *j, const struct cockpit_panel *p)
{
	char *name = xsheet_name(p->title);
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	if (!ws) {
		free(name);
		return err_set(RD_FAIL, _("report: cannot add the sheet %s"), p->title);
	}
	struct xsheet s;
	xsheet_init(&s, ws, NCOLS, 30);
	lxw_row_t head = sb_title(b, &s, p->title, j->note);
	static const char *const heads[NCOLS] = {N_("Code"),  N_("Figure"), N_("Value"),
	                                         N_("Opens"), N_("Filter"), N_("As-of exact")};
	for (int c = 0; c < NCOLS; c++)
		xsheet_text(&s, head, c, _(heads[c]), b->f.head);
	lxw_row_t row = head + 1, first = row;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < p->n; i++)
			if (charted(p, &p->f[i]) == (pass == 0))
				fig_row(b, j, &s, row++, &p->f[i]);
	lxw_row_t last = first;
	for (int i = 0; i < p->n; i++)
		if (charted(p, &p->f[i]))
			last++;
	xsheet_widths(&s);
	worksheet_freeze_panes(ws, head + 1, 0);
	if (last > first) {
		bool bars = p->f[0].bar || p->f[p->n - 1].bar;
		lxw_chart *ch = workbook_add_chart(b->wb, bars ? LXW_CHART_BAR : LXW_CHART_COLUMN);
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, name, first, C_LABEL, last - 1, C_LABEL);
		chart_series_set_values(ser, name, first, C_VALUE, last - 1, C_VALUE);
		chart_series_set_name(ser, p->title);
		chart_series_set_labels(ser); /* beyond the bars' ends: a clustered bar's default */
		chart_title_set_name(ch, p->title);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		lxw_chart_axis *value = bars ? ch->x_axis : ch->y_axis;
		chart_axis_set_min(value, 0);
		bool progress = false;
		for (int i = 0; i < p->n; i++)
			progress = progress || p->f[i].kind == CK_PROGRESS;
		if (progress)
			chart_axis_set_max(value, 100); /* per cent */
		if (bars)
			chart_axis_set_reverse(ch->y_axis); /* the first on top */
		/* Tall enough for a bar a figure. */
		int n = (int)(last - first);
		lxw_chart_options co = {.x_offset = 4,
		                        .y_offset = 8,
		                        .x_scale = 1.3,
		                        .y_scale = bars && n > 8 ? n * 0.09 : 1.0};
		worksheet_insert_chart_opt(ws, row + 1, 0, ch, &co);
	}
	sb_print(b, ws, false, 0, (int)head);
	free(name);
	return s.err ? err_set(RD_FAIL, _("report: cannot write the sheet %s"), p->title) : RD_OK;
}

static int book(void *r, sqlite3 *db, const struct scope *sc, const char *tmp, const char *path,
                long *count)
{
	(void)db;
	(void)sc;
	struct job *j = r;
	struct statbook b;
	int rc = sb_open(&b, tmp, path, false, _("Data cockpit"),
	                 conf.report_issuer ? conf.report_issuer : "", j->note);
	if (!rc) {
		j->apart = workbook_add_format(b.wb);
		format_set_indent(j->apart, 1);
	}
	for (int i = 0; !rc && i < j->ck->np; i++) {
		rc = panel_sheet(&b, j, &j->ck->p[i]);
		*count += j->ck->p[i].n;
	}
	int crc = sb_close(&b, path);
	return rc ? rc : crc;
}

static int report_cockpit_run(sqlite3 *db, const struct scope *sc, const char *path,
                              const struct report_query *q, long *figures)
{
	*figures = 0;
	struct cockpit ck;
	struct cockpit_query cq = {q->asof, COCKPIT_YEAR};
	/* The figures first (their own read transaction), then the workbook. */
	int rc = cockpit_compute(db, sc, &cq, &ck);
	if (rc)
		return rc;
	int day = 0;
	char d[11];
	snprintf(d, sizeof d, "%.10s", ck.asof);
	date_parse(d, &day);
	char *words = sb_day_words(day);
	char *when = xasprintf("%s %.5s", words, ck.asof + 11);
	struct job j = {&ck, xasprintf(_("figures as of %s"), when), NULL};
	free(words);
	free(when);
	rc = report_write_file(db, sc, path, q->force, book, &j, figures);
	free(j.note);
	cockpit_free(&ck);
	return rc;
}

const struct report_def cockpit_reports[] = {
    {"cockpit", N_("[--as-of DATE]"),
     N_("the data cockpit's workbook, frozen as of a day: a sheet and a chart per panel"),
     REPORT_OPT_ASOF, report_cockpit_run, NP_("wrote %s: %ld figure\n", "wrote %s: %ld figures\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
