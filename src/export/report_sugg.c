#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/qr.h"
#include "export/report_sugg.h"
#include "export/xsheet.h"
#include "model/core/db.h"
#include "model/stat/stats_sugg.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Charts on the summary sheet: one under the other, this many rows apart. */
#define CHART_ROWS 17
#define CHART_ROWS_TALL 25
#define WIDTH_MAX_STATS 40

struct formats {
	lxw_format *title, *note, *head, *pct, *total, *total_pct, *label;
};

struct report {
	lxw_workbook *wb;
	struct formats f;
	struct ss_table tables[SS_BY_COUNT];
	char *names[SS_BY_COUNT]; /* sheet names of the breakdowns */
	char *detail_name;
	const struct report_sugg_opts *o;
	char asof[CLOCK_BUF];
	char *what; /* the session's code and name, or "all sessions" */
};

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->note = workbook_add_format(wb);
	format_set_font_color(f->note, 0x595959);
	f->label = workbook_add_format(wb);
	format_set_bold(f->label);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xDDEBF7);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	f->pct = workbook_add_format(wb);
	format_set_num_format(f->pct, "0.00%");
	f->total = workbook_add_format(wb);
	format_set_bold(f->total);
	format_set_top(f->total, LXW_BORDER_THIN);
	f->total_pct = workbook_add_format(wb);
	format_set_bold(f->total_pct);
	format_set_top(f->total_pct, LXW_BORDER_THIN);
	format_set_num_format(f->total_pct, "0.00%");
}

/* Writes column col of a statistics row: text, a count, or a rate (blank when it has none). */
static void put_stat(struct report *r, struct xsheet *s, lxw_row_t row, int col,
                     const struct ss_table *t, const struct ss_row *sr, bool is_total)
{
	char key[40], label[160], buf[24];
	enum stats_kind kind;
	ss_col(t, col, key, label, &kind);
	if (kind == STATS_TEXT) {
		xsheet_text(s, row, col, ss_text(t, sr, col, buf), is_total ? r->f.total : NULL);
		return;
	}
	int64_t v = ss_value(t, sr, col);
	lxw_format *fmt = kind == STATS_COUNT ? (is_total ? r->f.total : NULL)
	                                      : (is_total ? r->f.total_pct : r->f.pct);
	if (v < 0) {
		if (fmt)
			worksheet_write_blank(s->ws, row, (lxw_col_t)col, fmt);
		return;
	}
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	xsheet_number(s, row, col, kind == STATS_COUNT ? (double)v : (double)v / 10000.0, fmt,
	              (int)strlen(buf) + (kind == STATS_COUNT ? 0 : 2));
}

/* A sheet per breakdown: a header, a row per key, the total. */
static int write_breakdown(struct report *r, int by, lxw_worksheet *ws)
{
	const struct ss_table *t = &r->tables[by];
	int ncols = ss_ncols(t);
	struct xsheet s;
	xsheet_init(&s, ws, ncols, WIDTH_MAX_STATS);
	for (int c = 0; c < ncols; c++) {
		char key[40], label[160];
		enum stats_kind kind;
		ss_col(t, c, key, label, &kind);
		xsheet_text(&s, 0, c, c == SS_COL_NAME ? _(ss_dims[by].label) : label, r->f.head);
	}
	for (int i = 0; i <= t->n; i++) {
		const struct ss_row *row = i < t->n ? &t->rows[i] : &t->total;
		for (int c = 0; c < ncols; c++)
			put_stat(r, &s, (lxw_row_t)(i + 1), c, t, row, i == t->n);
	}
	worksheet_freeze_panes(ws, 1, 2);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(t->n ? t->n : 1), (lxw_col_t)(ncols - 1));
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: sheet %s: %s"), r->names[by], lxw_strerror(e));
	return RD_OK;
}

/* The figures of a total row, one per line from row on: label and value. */
static lxw_row_t write_figures(struct report *r, struct xsheet *s, lxw_row_t row,
                               const struct ss_table *t, const char *head)
{
	xsheet_text(s, row, 0, _("Figure"), r->f.head);
	xsheet_text(s, row, 1, head, r->f.head);
	for (int c = SS_COL_COUNT; c < ss_ncols(t); c++) {
		if (c == SS_COL_SHARE)
			continue;
		char key[40], label[160];
		enum stats_kind kind;
		ss_col(t, c, key, label, &kind);
		row++;
		xsheet_text(s, row, 0, label, r->f.label);
		int64_t v = ss_value(t, &t->total, c);
		if (v >= 0)
			xsheet_number(s, row, 1, kind == STATS_COUNT ? (double)v : v / 10000.0,
			              kind == STATS_COUNT ? NULL : r->f.pct, 10);
	}
	return row + 1;
}

/* A chart of one column of a breakdown sheet: counts (bars, columns, or a pie for classes). */
static void add_chart(struct report *r, lxw_worksheet *ws, lxw_row_t *row, int by)
{
	const struct ss_table *t = &r->tables[by];
	bool tall = ss_dims[by].long_keys;
	int n = tall && t->n > STATS_CHART_TOP ? STATS_CHART_TOP : t->n;
	uint8_t type = by == SS_BY_CLASS ? LXW_CHART_PIE : tall ? LXW_CHART_BAR : LXW_CHART_COLUMN;
	lxw_chart *ch = workbook_add_chart(r->wb, type);
	lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(ser, r->names[by], 1, SS_COL_NAME, (lxw_row_t)n, SS_COL_NAME);
	chart_series_set_values(ser, r->names[by], 1, SS_COL_COUNT, (lxw_row_t)n, SS_COL_COUNT);
	chart_series_set_name(ser, _("Items"));
	chart_series_set_labels(ser);
	char title[256];
	if (tall && t->n > STATS_CHART_TOP)
		snprintf(title, sizeof title, _("%s (the first %d)"), _(ss_dims[by].title),
		         STATS_CHART_TOP);
	else
		snprintf(title, sizeof title, "%s", _(ss_dims[by].title));
	chart_title_set_name(ch, title);
	if (type != LXW_CHART_PIE)
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	if (tall)
		chart_axis_set_reverse(ch->y_axis); /* the first key on top */
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = tall ? 1.6 : 1.0};
	worksheet_insert_chart_opt(ws, *row, 0, ch, &co);
	*row += tall ? CHART_ROWS_TALL : CHART_ROWS;
}

/* The four rates by category, side by side. */
static void add_rates_chart(struct report *r, lxw_worksheet *ws, lxw_row_t *row)
{
	const struct ss_table *t = &r->tables[SS_BY_CATEGORY];
	static const int cols[] = {SS_COL_CLOSED_RATE, SS_COL_MEETING_RATE, SS_COL_REPLY_RATE,
	                           SS_COL_SATISFACTION};
	lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, r->names[SS_BY_CATEGORY], 1, SS_COL_NAME,
		                            (lxw_row_t)t->n, SS_COL_NAME);
		chart_series_set_values(ser, r->names[SS_BY_CATEGORY], 1, (lxw_col_t)cols[i],
		                        (lxw_row_t)t->n, (lxw_col_t)cols[i]);
		chart_series_set_name(ser, _(ss_cols[cols[i]].label));
	}
	chart_title_set_name(ch, _("Rates by category"));
	chart_axis_set_num_format(ch->y_axis, "0%");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.2};
	worksheet_insert_chart_opt(ws, *row, 0, ch, &co);
	*row += CHART_ROWS + 4;
}

/* The summary: title, the totals, and the charts. */
static int write_summary(struct report *r, lxw_worksheet *ws, const struct scope *sc)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 60);
	char line[512];
	snprintf(line, sizeof line, _("Motions and suggestions: %s"), r->what);
	worksheet_write_string(ws, 0, 0, line, r->f.title);
	snprintf(line, sizeof line, _("As of %s. Scope: %s."), r->asof, scope_describe(sc));
	worksheet_write_string(ws, 1, 0, line, r->f.note);
	lxw_row_t row = write_figures(r, &s, 3, &r->tables[SS_BY_KIND], _("All items")) + 1;
	for (int by = 0; by < SS_BY_COUNT; by++)
		if (r->tables[by].n)
			add_chart(r, ws, &row, by);
	if (r->tables[SS_BY_CATEGORY].n)
		add_rates_chart(r, ws, &row);
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* The items, one row each, with the columns given (a list ending in -1). */
static int write_items(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                       lxw_row_t top, const int *cols, long *count)
{
	struct ss_query q = {r->o->session, r->o->kind, NULL};
	struct ss_detail *d = ss_detail_open(db, sc, &q, r->o->unit);
	if (!d)
		return RD_FAIL;
	int ncols = 0;
	while (cols[ncols] >= 0)
		ncols++;
	struct xsheet s;
	xsheet_init(&s, ws, ncols, 0);
	for (int c = 0; c < ncols; c++) {
		s.cap[c] = ss_dcols[cols[c]].max_width;
		xsheet_text(&s, top, c, _(ss_dcols[cols[c]].label), r->f.head);
	}
	const char *vals[SS_NDCOLS];
	lxw_row_t row = top;
	int rc;
	while ((rc = ss_detail_next(d, vals)) == RD_OK) {
		row++;
		for (int c = 0; c < ncols; c++) {
			const char *v = vals[cols[c]];
			if (ss_dcols[cols[c]].kind == STATS_COUNT)
				xsheet_number(&s, row, c, atof(v), NULL, 4);
			else
				xsheet_text(&s, row, c, v, NULL);
		}
	}
	ss_detail_close(d);
	*count = (long)(row - top);
	worksheet_freeze_panes(ws, top + 1, 0);
	worksheet_autofilter(ws, top, 0, row > top ? row : top + 1, (lxw_col_t)(ncols - 1));
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (rc != RD_NOTFOUND)
		return rc ? rc : RD_FAIL;
	if (e)
		return err_set(RD_FAIL, _("report: item sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* A line of the About sheet: a label and its value. */
static void about_row(struct report *r, struct xsheet *s, lxw_row_t *row, const char *label,
                      const char *value)
{
	xsheet_text(s, *row, 0, label, r->f.label);
	xsheet_text(s, *row, 1, value, NULL);
	(*row)++;
}

/* What the workbook holds and how it was counted. */
static int write_about(struct report *r, lxw_worksheet *ws, const struct scope *sc, long items,
                       bool full)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 100);
	lxw_row_t row = 0;
	char buf[64];
	xsheet_text(&s, row, 0, _("Motions and suggestions: statistics and items"), r->f.title);
	row += 2;
	about_row(r, &s, &row, _("Session"), r->what);
	about_row(r, &s, &row, _("Kind"),
	          !r->o->kind                     ? _("motions and suggestions")
	          : !strcmp(r->o->kind, "motion") ? _("motions")
	                                          : _("suggestions"));
	if (r->o->unit)
		about_row(r, &s, &row, _("Unit"), r->o->unit);
	about_row(
	    r, &s, &row, _("Items included"),
	    _("motions and suggestions registered (numbered), and those merged into another"));
	about_row(r, &s, &row, _("Scope"), scope_describe(sc));
	about_row(r, &s, &row, _("As of"), r->asof);
	snprintf(buf, sizeof buf, "%ld", items);
	about_row(r, &s, &row, _("Items listed"), buf);
	about_row(r, &s, &row, _("Rounding"),
	          _("percentages are rounded half-up to two decimals (0.125% is shown as 0.13%)"));
	about_row(r, &s, &row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	if (full) {
		xsheet_text(&s, row++, 0, _("Sheets"), r->f.head);
		for (int by = 0; by < SS_BY_COUNT; by++)
			about_row(r, &s, &row, r->names[by], _(ss_dims[by].title));
		about_row(r, &s, &row, r->detail_name, _("every item included, one row each"));
		row++;
	}
	xsheet_text(&s, row++, 0, _("Definitions"), r->f.head);
	for (int c = 0; c < SS_NCOLS; c++)
		if (ss_cols[c].definition)
			about_row(r, &s, &row, _(ss_cols[c].label), _(ss_cols[c].definition));
	about_row(r, &s, &row, _("Result classes"),
	          _("one count per class: items whose latest reply is of the class; its share: "
	            "that count / items replied to"));
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: About sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* The full report: summary, breakdowns, items, About. */
static int write_full(struct report *r, sqlite3 *db, const struct scope *sc, long *items)
{
	struct ss_query q = {r->o->session, r->o->kind, NULL};
	int rc = RD_OK;
	for (int by = 0; by < SS_BY_COUNT && !rc; by++)
		rc = ss_table_make(db, sc, &q, (enum ss_by)by, &r->tables[by]);
	if (rc)
		return rc;
	char *summary = xsheet_name(_("Summary")), *about = xsheet_name(_("About"));
	r->detail_name = xsheet_name(_("Items"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->wb, summary);
	lxw_worksheet *ws_by[SS_BY_COUNT];
	for (int by = 0; by < SS_BY_COUNT; by++) {
		r->names[by] = xsheet_name(_(ss_dims[by].label));
		ws_by[by] = workbook_add_worksheet(r->wb, r->names[by]);
		if (!ws_by[by] && !rc)
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[by]);
	}
	lxw_worksheet *ws_items = workbook_add_worksheet(r->wb, r->detail_name);
	lxw_worksheet *ws_about = workbook_add_worksheet(r->wb, about);
	if (!rc && (!ws_sum || !ws_items || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = write_summary(r, ws_sum, sc);
	for (int by = 0; by < SS_BY_COUNT && !rc; by++)
		rc = write_breakdown(r, by, ws_by[by]);
	static const int cols[] = {
	    SS_D_NUMBER,
	    SS_D_KIND,
	    SS_D_TITLE,
	    SS_D_CATEGORY,
	    SS_D_DEPUTY,
	    SS_D_COSIGNERS,
	    SS_D_STATE,
	    SS_D_UNIT,
	    SS_D_SUPPORT,
	    SS_D_ASSIGNED,
	    SS_D_REPLY_DUE,
	    SS_D_REPLIED,
	    SS_D_REPLY_OUTCOME,
	    SS_D_CLASS,
	    SS_D_EVALUATION,
	    SS_D_MEETINGS,
	    SS_D_SUPERVISOR,
	    SS_D_MERGED_INTO,
	    -1,
	};
	if (!rc)
		rc = write_items(r, db, sc, ws_items, 0, cols, items);
	if (!rc)
		rc = write_about(r, ws_about, sc, *items, true);
	free(summary);
	free(about);
	return rc;
}

/* A unit's handling sheet: its figures as lead unit, then every item assigned to it. */
static int write_unit(struct report *r, sqlite3 *db, const struct scope *sc, long *items)
{
	char *unit_name = NULL;
	if (db_text(db, &unit_name, "SELECT name FROM unit WHERE name = ?1 OR code = ?1", "t",
	            r->o->unit))
		return err_set(RD_INVALID, _("unit: no unit '%s'"), r->o->unit);
	int64_t uid = 0;
	db_int(db, &uid, "SELECT id FROM unit WHERE name = ?1 OR code = ?1", "t", r->o->unit);
	int rc = RD_OK;
	if (sc->role == ROLE_UNIT && uid != sc->unit_id)
		rc = err_set(RD_DENIED,
		             _("unit: a unit operator may make only the handling sheet of "
		               "its own unit"));
	struct ss_query q = {r->o->session, r->o->kind, r->o->unit};
	if (!rc)
		rc = ss_table_make(db, sc, &q, SS_BY_KIND, &r->tables[SS_BY_KIND]);
	char *sheet = xsheet_name(_("Handling sheet")), *about = xsheet_name(_("About"));
	lxw_worksheet *ws = rc ? NULL : workbook_add_worksheet(r->wb, sheet);
	lxw_worksheet *ws_about = rc ? NULL : workbook_add_worksheet(r->wb, about);
	if (!rc && (!ws || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc) {
		struct xsheet s;
		xsheet_init(&s, ws, 2, 0);
		char line[512];
		snprintf(line, sizeof line, _("%s: motions and suggestions to handle, %s"),
		         unit_name, r->what);
		worksheet_write_string(ws, 0, 0, line, r->f.title);
		snprintf(line, sizeof line, _("As of %s. Scope: %s."), r->asof, scope_describe(sc));
		worksheet_write_string(ws, 1, 0, line, r->f.note);
		lxw_row_t row = write_figures(r, &s, 3, &r->tables[SS_BY_KIND], _("As lead unit"));
		free(s.width);
		free(s.cap);
		static const int cols[] = {
		    SS_D_NUMBER,   SS_D_KIND,       SS_D_TITLE,    SS_D_ROLE,
		    SS_D_DEPUTY,   SS_D_COSIGNERS,  SS_D_CATEGORY, SS_D_STATE,
		    SS_D_ASSIGNED, SS_D_REPLY_DUE,  SS_D_REPLIED,  SS_D_REPLY_OUTCOME,
		    SS_D_CLASS,    SS_D_EVALUATION, SS_D_MEETINGS, SS_D_SUPERVISOR,
		    SS_D_UNIT,     SS_D_SUPPORT,    SS_D_PROPOSAL, -1,
		};
		rc = write_items(r, db, sc, ws, row + 1, cols, items);
	}
	if (!rc)
		rc = write_about(r, ws_about, sc, *items, false);
	free(sheet);
	free(about);
	free(unit_name);
	return rc;
}

/* Computes the figures and writes the workbook to tmp. */
static int write_book(struct report *r, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path, long *items)
{
	int rc = RD_OK;
	if (r->o->session && *r->o->session) {
		char *name = NULL;
		if (db_text(db, &name,
		            "SELECT code || ' ' || name FROM congress_session WHERE code = ? "
		            "COLLATE NOCASE",
		            "t", r->o->session))
			return err_set(RD_INVALID, _("session: no congress session '%s'"),
			               r->o->session);
		r->what = name;
	} else
		r->what = xstrdup(_("all sessions"));
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE};
	r->wb = workbook_new_opt(tmp, &wo);
	if (!r->wb)
		return err_set(RD_FAIL, _("report: cannot start %s"), path);
	make_formats(r->wb, &r->f);
	char title[300];
	snprintf(title, sizeof title, _("Motions and suggestions: %s"), r->what);
	lxw_doc_properties props = {.title = title, .comments = r->asof};
	workbook_set_properties(r->wb, &props);
	rc =
	    r->o->unit && *r->o->unit ? write_unit(r, db, sc, items) : write_full(r, db, sc, items);
	lxw_error e = workbook_close(r->wb);
	r->wb = NULL;
	if (!rc && e)
		rc = err_set(RD_FAIL, _("report: cannot write %s: %s"), path, lxw_strerror(e));
	return rc;
}

/* What xsheet_write_file() hands back to write_book(). */
struct book_job {
	struct report *r;
	sqlite3 *db;
	const struct scope *sc;
	const char *path;
	long *count;
};

static int book_job_run(void *ctx, const char *tmp)
{
	struct book_job *j = ctx;
	return write_book(j->r, j->db, j->sc, tmp, j->path, j->count);
}

int report_sugg_write(sqlite3 *db, const struct scope *sc, const char *path,
                      const struct report_sugg_opts *o, struct report_sugg_result *res)
{
	memset(res, 0, sizeof *res);
	struct report r = {.o = o};
	clock_format(clock_now(), r.asof);
	if (stats_begin(db))
		return RD_FAIL;
	struct book_job job = {&r, db, sc, path, &res->items};
	int rc = xsheet_write_file(path, o->force, book_job_run, &job);
	stats_end(db);
	for (int by = 0; by < SS_BY_COUNT; by++) {
		ss_table_free(&r.tables[by]);
		free(r.names[by]);
	}
	free(r.detail_name);
	free(r.what);
	return rc;
}
