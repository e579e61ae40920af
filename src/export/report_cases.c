#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/qr.h"
#include "export/report_cases.h"
#include "export/xsheet.h"
#include "model/stat/stats.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Charts on the summary sheet: one under the other, this many rows apart. */
#define CHART_ROWS 17
#define CHART_ROWS_TALL 25
/* Column widths: at most this many display columns on the statistics sheets. */
#define WIDTH_MAX_STATS 40

struct formats {
	lxw_format *title, *note, *head, *pct, *days, *total, *total_pct, *total_days, *label;
};

struct report {
	lxw_workbook *wb;
	struct formats f;
	struct stats_table tables[STATS_BY_COUNT];
	char *names[STATS_BY_COUNT]; /* sheet names of the breakdowns */
	char *detail_name;
	const struct report_cases_opts *o;
	int year;
	char asof[CLOCK_BUF];
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
	f->pct = workbook_add_format(wb);
	format_set_num_format(f->pct, "0.00%");
	f->days = workbook_add_format(wb);
	format_set_num_format(f->days, "0.00");
	f->total = workbook_add_format(wb);
	format_set_bold(f->total);
	format_set_top(f->total, LXW_BORDER_THIN);
	f->total_pct = workbook_add_format(wb);
	format_set_bold(f->total_pct);
	format_set_top(f->total_pct, LXW_BORDER_THIN);
	format_set_num_format(f->total_pct, "0.00%");
	f->total_days = workbook_add_format(wb);
	format_set_bold(f->total_days);
	format_set_top(f->total_days, LXW_BORDER_THIN);
	format_set_num_format(f->total_days, "0.00");
}

/* Writes one cell of a statistics row: text, count, or a rate (blank when it has none). */
static void put_stat(struct report *r, struct xsheet *s, lxw_row_t row, int col,
                     const struct stats_row *sr, int64_t total, bool is_total)
{
	const struct formats *f = &r->f;
	enum stats_kind kind = stats_cols[col].kind;
	if (kind == STATS_TEXT) {
		xsheet_text(s, row, col, stats_text(sr, total, (enum stats_col)col, (char[24]){0}),
		            is_total ? f->total : NULL);
		return;
	}
	int64_t v = stats_value(sr, total, (enum stats_col)col);
	lxw_format *fmt = kind == STATS_COUNT ? (is_total ? f->total : NULL)
	                  : kind == STATS_PCT ? (is_total ? f->total_pct : f->pct)
	                                      : (is_total ? f->total_days : f->days);
	if (v < 0) {
		if (fmt)
			worksheet_write_blank(s->ws, row, (lxw_col_t)col, fmt);
		return;
	}
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	int width = (int)strlen(buf) + (kind == STATS_COUNT ? 0 : 2);
	double x = kind == STATS_COUNT ? (double)v
	           : kind == STATS_PCT ? (double)v / 10000.0
	                               : (double)v / 100.0;
	xsheet_number(s, row, col, x, fmt, width);
}

/* A sheet per breakdown: a header, a row per key, the total. */
static int write_breakdown(struct report *r, int by, lxw_worksheet *ws)
{
	const struct stats_table *t = &r->tables[by];
	struct xsheet s;
	xsheet_init(&s, ws, STATS_NCOLS, WIDTH_MAX_STATS);
	/* In constant-memory mode a filter must come before the rows it covers (not the total). */
	worksheet_freeze_panes(ws, 1, 0);
	s.err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)(t->n ? t->n : 1), STATS_NCOLS - 1);
	for (int c = 0; c < STATS_NCOLS; c++) {
		/* The name column is headed by what it names: "Category", "Town"... */
		const char *label =
		    c == STATS_COL_NAME ? _(stats_dims[by].label) : _(stats_cols[c].label);
		xsheet_text(&s, 0, c, label, r->f.head);
	}
	for (int i = 0; i <= t->n; i++) {
		const struct stats_row *row = i < t->n ? &t->rows[i] : &t->total;
		for (int c = 0; c < STATS_NCOLS; c++)
			put_stat(r, &s, (lxw_row_t)(i + 1), c, row, t->total.count, i == t->n);
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: sheet %s: %s"), r->names[by], lxw_strerror(e));
	return RD_OK;
}

/* The summary: title, the totals, and a chart per breakdown. */
static int write_summary(struct report *r, lxw_worksheet *ws, const struct scope *sc)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 60);
	char line[512];
	snprintf(line, sizeof line, _("Voter issues, %d"), r->year);
	worksheet_write_string(ws, 0, 0, line, r->f.title);
	snprintf(line, sizeof line, _("As of %s. Scope: %s."), r->asof, scope_describe(sc));
	worksheet_write_string(ws, 1, 0, line, r->f.note);
	if (r->o->public_)
		worksheet_write_string(ws, 2, 0,
		                       _("Public edition: voters' names and phones masked, private "
		                         "cases' content and replies left out."),
		                       r->f.note);
	lxw_row_t row = 4;
	xsheet_text(&s, row, 0, _("Figure"), r->f.head);
	xsheet_text(&s, row, 1, _("All cases"), r->f.head);
	const struct stats_table *t = &r->tables[0];
	for (int c = STATS_COL_COUNT; c < STATS_NCOLS; c++) {
		if (c == STATS_COL_SHARE)
			continue;
		row++;
		xsheet_text(&s, row, 0, _(stats_cols[c].label), r->f.label);
		int64_t v = stats_value(&t->total, t->total.count, (enum stats_col)c);
		if (v < 0)
			continue;
		enum stats_kind k = stats_cols[c].kind;
		xsheet_number(&s, row, 1,
		              k == STATS_COUNT ? (double)v
		              : k == STATS_PCT ? v / 10000.0
		                               : v / 100.0,
		              k == STATS_COUNT ? NULL
		              : k == STATS_PCT ? r->f.pct
		                               : r->f.days,
		              10);
	}
	row += 2;
	for (int by = 0; by < STATS_BY_COUNT; by++) {
		const struct stats_table *bt = &r->tables[by];
		if (!bt->n)
			continue;
		bool tall = stats_dims[by].long_keys;
		int n = tall && bt->n > STATS_CHART_TOP ? STATS_CHART_TOP : bt->n;
		lxw_chart *ch = workbook_add_chart(r->wb, tall ? LXW_CHART_BAR : LXW_CHART_COLUMN);
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, r->names[by], 1, STATS_COL_NAME, (lxw_row_t)n,
		                            STATS_COL_NAME);
		/* In constant-memory mode the library cannot read the names back to see that
		 * they are text; without this the categories would be a numeric reference,
		 * which Excel shows as 1, 2, 3. */
		ser->categories->has_string_cache = LXW_TRUE;
		chart_series_set_values(ser, r->names[by], 1, STATS_COL_COUNT, (lxw_row_t)n,
		                        STATS_COL_COUNT);
		chart_series_set_name(ser, _("Cases"));
		chart_series_set_labels(ser);
		if (tall && bt->n > STATS_CHART_TOP)
			snprintf(line, sizeof line, _("%s (the first %d)"), _(stats_dims[by].title),
			         STATS_CHART_TOP);
		else
			snprintf(line, sizeof line, "%s", _(stats_dims[by].title));
		chart_title_set_name(ch, line);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		if (tall)
			chart_axis_set_reverse(ch->y_axis); /* the first key on top */
		lxw_chart_options co = {.x_scale = 1.6, .y_scale = tall ? 1.6 : 1.0};
		worksheet_insert_chart_opt(ws, row, 0, ch, &co);
		row += tall ? CHART_ROWS_TALL : CHART_ROWS;
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/*
 * The detail: every case in scope, in number order, as the database hands them over;
 * the same pass counts the breakdowns into r->tables.
 */
static int write_detail(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                        long *count)
{
	struct stats_query q = {r->year, r->o->town};
	struct stats_detail *d = stats_detail_open(db, sc, &q, r->o->public_);
	if (!d)
		return RD_FAIL;
	struct xsheet s;
	xsheet_init(&s, ws, STATS_NDCOLS, 0);
	for (int c = 0; c < STATS_NDCOLS; c++) {
		s.cap[c] = stats_dcols[c].max_width;
		xsheet_text(&s, 0, c, _(stats_dcols[c].label), r->f.head);
	}
	const char *vals[STATS_NDCOLS];
	lxw_row_t row = 0;
	int rc;
	while ((rc = stats_detail_next(d, vals)) == RD_OK) {
		if (++row >= LXW_ROW_MAX) {
			rc = err_set(
			    RD_FAIL,
			    _("report: more than %d cases; a sheet holds no more (use --town)"),
			    LXW_ROW_MAX - 1);
			break;
		}
		/* Widths from the first rows and then every 16th: the same widths, less work. */
		bool sample = row <= 4096 || !(row & 15);
		for (int c = 0; c < STATS_NDCOLS; c++) {
			if (stats_dcols[c].kind == STATS_COUNT) {
				if (s.width[c] < 4)
					s.width[c] = 4;
				worksheet_write_number(ws, row, (lxw_col_t)c, atof(vals[c]), NULL);
			} else if (*vals[c]) {
				if (sample)
					xsheet_measure(&s, c, vals[c]);
				lxw_error e =
				    worksheet_write_string(ws, row, (lxw_col_t)c, vals[c], NULL);
				if (e && !s.err)
					s.err = e;
			}
		}
	}
	/* The breakdowns count exactly the cases just written. */
	if (rc == RD_NOTFOUND)
		rc = stats_detail_tables(d, r->tables) ? RD_FAIL : RD_NOTFOUND;
	stats_detail_close(d);
	*count = (long)row;
	worksheet_freeze_panes(ws, 1, 0);
	/* The last row written is still open, so the filter may end on it. */
	lxw_error e = worksheet_autofilter(ws, 0, 0, row ? row : 1, STATS_NDCOLS - 1);
	if (!e)
		e = s.err;
	xsheet_widths(&s);
	if (rc != RD_NOTFOUND)
		return rc ? rc : RD_FAIL;
	if (e)
		return err_set(RD_FAIL, _("report: detail sheet: %s"), lxw_strerror(e));
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
static int write_about(struct report *r, lxw_worksheet *ws, const struct scope *sc, long cases)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 100);
	lxw_row_t row = 0;
	char buf[512];
	xsheet_text(&s, row, 0, _("Voter issues: statistics and cases"), r->f.title);
	row += 2;
	snprintf(buf, sizeof buf, "%d", r->year);
	about_row(r, &s, &row, _("Year"), buf);
	about_row(r, &s, &row, _("Cases included"),
	          _("cases submitted in the year (by their submission time)"));
	about_row(r, &s, &row, _("Scope"), scope_describe(sc));
	about_row(r, &s, &row, _("Town"),
	          r->o->town && *r->o->town ? r->o->town : _("all towns in the scope"));
	about_row(r, &s, &row, _("As of"), r->asof);
	snprintf(buf, sizeof buf, "%ld", cases);
	about_row(r, &s, &row, _("Cases in the detail sheet"), buf);
	about_row(r, &s, &row, _("Edition"),
	          r->o->public_
	              ? _("public: voters' names and phones masked; the content and replies "
	                  "of private cases left out")
	              : _("internal: holds voters' personal data; do not publish"));
	about_row(r, &s, &row, _("Rounding"),
	          _("percentages and averages are rounded half-up to two decimals "
	            "(1 in 800, 0.125 per cent, is shown as 0.13)"));
	about_row(r, &s, &row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	xsheet_text(&s, row++, 0, _("Sheets"), r->f.head);
	for (int by = 0; by < STATS_BY_COUNT; by++)
		about_row(r, &s, &row, r->names[by], _(stats_dims[by].title));
	about_row(r, &s, &row, r->detail_name, _("every case included, one row each"));
	row++;
	xsheet_text(&s, row++, 0, _("Definitions"), r->f.head);
	for (int c = 0; c < STATS_NCOLS; c++)
		if (stats_cols[c].definition)
			about_row(r, &s, &row, _(stats_cols[c].label), _(stats_cols[c].definition));
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: About sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* Writes the workbook to tmp: the detail first, since its pass counts the breakdowns. */
static int write_book(struct report *r, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path, long *cases)
{
	int rc = RD_OK;
	/* The rows wait in temporary files (about ten times the workbook's size) until the
	 * end: in $TMPDIR when it is set (libxlsxwriter's own default is /tmp). */
	const char *tmpdir = getenv("TMPDIR");
	lxw_workbook_options wo = {.constant_memory = LXW_TRUE,
	                           .tmpdir = tmpdir && *tmpdir ? (char *)tmpdir : NULL};
	r->wb = workbook_new_opt(tmp, &wo);
	if (!r->wb)
		return err_set(RD_FAIL, _("report: cannot start %s"), path);
	make_formats(r->wb, &r->f);
	char title[200];
	snprintf(title, sizeof title, _("Voter issues, %d"), r->year);
	lxw_doc_properties props = {.title = title, .comments = r->asof};
	workbook_set_properties(r->wb, &props);

	char *summary = xsheet_name(_("Summary")), *about = xsheet_name(_("About"));
	r->detail_name = xsheet_name(_("Case detail"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->wb, summary);
	lxw_worksheet *ws_by[STATS_BY_COUNT];
	for (int by = 0; by < STATS_BY_COUNT; by++) {
		r->names[by] = xsheet_name(_(stats_dims[by].label));
		ws_by[by] = workbook_add_worksheet(r->wb, r->names[by]);
	}
	lxw_worksheet *ws_detail = workbook_add_worksheet(r->wb, r->detail_name);
	lxw_worksheet *ws_about = workbook_add_worksheet(r->wb, about);
	if (!ws_sum || !ws_detail || !ws_about)
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	for (int by = 0; by < STATS_BY_COUNT && !rc; by++)
		if (!ws_by[by])
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[by]);
	/* Each sheet streams to its own file, so they may be written in any order. */
	if (!rc)
		rc = write_detail(r, db, sc, ws_detail, cases);
	if (!rc)
		rc = write_summary(r, ws_sum, sc);
	for (int by = 0; by < STATS_BY_COUNT && !rc; by++)
		rc = write_breakdown(r, by, ws_by[by]);
	if (!rc)
		rc = write_about(r, ws_about, sc, *cases);
	lxw_error e = workbook_close(r->wb);
	r->wb = NULL;
	if (!rc && e)
		rc = err_set(RD_FAIL, _("report: cannot write %s: %s"), path, lxw_strerror(e));
	free(summary);
	free(about);
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

int report_cases_write(sqlite3 *db, const struct scope *sc, const char *path,
                       const struct report_cases_opts *o, struct report_cases_result *res)
{
	memset(res, 0, sizeof *res);
	struct report r = {.o = o};
	struct stats_query q = {o->year, o->town};
	r.year = stats_year(&q);
	clock_format(clock_now(), r.asof);
	if (stats_begin(db))
		return RD_FAIL;
	struct book_job job = {&r, db, sc, path, &res->cases};
	int rc = xsheet_write_file(path, o->force, book_job_run, &job);
	stats_end(db);
	for (int by = 0; by < STATS_BY_COUNT; by++) {
		stats_table_free(&r.tables[by]);
		free(r.names[by]);
	}
	free(r.detail_name);
	return rc;
}
