#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export/report_finance.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/finance/finance.h"
#include "model/finance/warning.h"
#include "model/stat/stat.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The tables of the workbook, in sheet order. */
enum {
	T_EXEC,    /* general budget by department */
	T_FUND,    /* government-fund budget by department */
	T_CAPITAL, /* state-capital budget by department */
	T_REVENUE,
	T_SANGONG,
	T_PROJECTS,
	T_AUDIT,
	T_PERF,
	T_ASSETS,
	T_WARNINGS,
	T_REVIEWS,
	T_RULES,
	T_COUNT
};

struct report {
	struct statbook b;
	const struct report_finance_opts *o;
	int year, month;
	struct ftab t[T_COUNT];
	bool have[T_COUNT];
	char *names[T_COUNT];
	lxw_format *money, *money_total, *dec_total, *bold;
	int sheets;
	char *asof;
};

/* The sheet names, in the user's language (xsheet_name makes them Excel's). */
static const char *const sheet_labels[T_COUNT] = {
    N_("Budget execution"), N_("Government funds"), N_("State capital"),   N_("Tax revenue"),
    N_("三公经费"),         N_("Major projects"),   N_("Audit findings"),  N_("Performance"),
    N_("State assets"),     N_("Warnings"),         N_("Review opinions"), N_("Warning rules"),
};

/* Reads every table of the period; those without data are left out (not an error). */
static int read_tables(struct report *r, sqlite3 *db, const struct scope *sc)
{
	struct fin_query q = {.year = r->year, .month = r->month, .words = true};
	static const char *const books[] = {"budget", "fund", "capital"};
	for (int i = 0; i < T_COUNT; i++) {
		int rc;
		q.dataset = i <= T_CAPITAL ? books[i] : NULL;
		switch (i) {
		case T_EXEC:
		case T_FUND:
		case T_CAPITAL: rc = fin_execution(db, sc, &q, &r->t[i]); break;
		case T_REVENUE: rc = fin_revenue(db, sc, &q, &r->t[i]); break;
		case T_SANGONG: rc = fin_sangong(db, sc, &q, &r->t[i]); break;
		case T_PROJECTS: rc = fin_projects(db, sc, &q, &r->t[i]); break;
		case T_AUDIT: rc = fin_audits(db, sc, &q, &r->t[i]); break;
		case T_PERF:
		case T_ASSETS: {
			/* Yearly: this year's, or the year before's. */
			struct fin_query y = {.year = r->year, .words = true};
			int (*fn)(sqlite3 *, const struct scope *, const struct fin_query *,
			          struct ftab *) = i == T_PERF ? fin_perf : fin_assets;
			rc = fn(db, sc, &y, &r->t[i]);
			if (rc == RD_NOTFOUND) {
				ftab_free(&r->t[i]);
				y.year = r->year - 1;
				rc = fn(db, sc, &y, &r->t[i]);
			}
			break;
		}
		case T_WARNINGS: rc = warning_tab(db, sc, r->year, r->month, &r->t[i]); break;
		case T_REVIEWS: rc = fin_reviews(db, sc, r->year, &r->t[i]); break;
		default: rc = fin_rules(db, sc, &r->t[i]); break;
		}
		if (rc == RD_NOTFOUND) {
			err_clear();
			ftab_free(&r->t[i]);
			continue;
		}
		if (rc)
			return rc;
		r->have[i] = true;
	}
	if (!r->have[T_EXEC])
		return err_set(RD_NOTFOUND,
		               _("report: no budget execution of %04d-%02d within your "
		                 "scope"),
		               r->year, r->month);
	return RD_OK;
}

/* Writes the value of cell (r, c) of t at row, col. */
static void put_cell(struct report *rp, struct xsheet *s, lxw_row_t row, int col,
                     const struct ftab *t, int r, int c)
{
	const struct ftab_cell *cell = &t->cells[r * t->ncols + c];
	bool total = t->flags[r] & FTR_TOTAL;
	const struct ftab_col *k = &t->cols[c];
	char buf[32];
	switch (k->kind) {
	case FTK_TEXT:
		xsheet_text(s, row, col, cell->text,
		            k->flags & FTC_LONG ? rp->b.f.wrap
		            : total             ? rp->bold
		                                : NULL);
		return;
	case FTK_DATE: sb_date(&rp->b, s, row, col, cell->text); return;
	case FTK_MONEY:
		if (cell->none)
			return;
		fin_money(cell->v, buf);
		xsheet_number(s, row, col, (double)cell->v / 100.0,
		              total ? rp->money_total : rp->money, (int)strlen(buf) + 3);
		return;
	case FTK_DEC:
		if (cell->none)
			return;
		fin_dec(cell->v, buf);
		if (k->flags & FTC_RATE)
			xsheet_number(s, row, col, (double)cell->v / 10000.0,
			              total ? rp->b.f.total_pct : rp->b.f.pct,
			              (int)strlen(buf) + 2);
		else
			xsheet_number(s, row, col, (double)cell->v / 100.0,
			              total ? rp->dec_total : rp->b.f.fixed, (int)strlen(buf) + 1);
		return;
	case FTK_INT:
		if (cell->none)
			return;
		snprintf(buf, sizeof buf, "%lld", (long long)cell->v);
		xsheet_number(s, row, col, (double)cell->v, total ? rp->b.f.total : NULL,
		              (int)strlen(buf));
		return;
	}
}

/* The header row of t's columns at row, after `lead` leading columns. */
static void put_header(struct report *r, struct xsheet *s, lxw_row_t row, const struct ftab *t,
                       int lead)
{
	worksheet_set_row(s->ws, row, 32, NULL);
	for (int c = 0; c < t->ncols; c++) {
		worksheet_write_string(s->ws, row, (lxw_col_t)(lead + c), _(t->cols[c].label),
		                       r->b.f.head);
		if (s->width[lead + c] < 8)
			s->width[lead + c] = 8;
	}
}

/* A sheet of one table: its title and note, the header, the rows as `renda finance` prints them. */
static int write_table(struct report *r, lxw_worksheet *ws, const struct ftab *t, const char *name)
{
	struct xsheet s;
	xsheet_init(&s, ws, t->ncols, 16);
	for (int c = 0; c < t->ncols; c++)
		s.cap[c] = t->cols[c].flags & FTC_LONG ? 40 : t->cols[c].flags & FTC_NAME ? 30 : 16;
	lxw_row_t head = sb_title(&r->b, &s, t->title ? t->title : name, t->note);
	put_header(r, &s, head, t, 0);
	worksheet_freeze_panes(ws, head + 1, 0);
	for (int i = 0; i < t->nrows; i++) {
		lxw_row_t row = head + 1 + (lxw_row_t)i;
		bool wrap = false;
		for (int c = 0; c < t->ncols; c++) {
			put_cell(r, &s, row, c, t, i, c);
			wrap |= (t->cols[c].flags & FTC_LONG) && t->cells[i * t->ncols + c].text &&
			        *t->cells[i * t->ncols + c].text;
		}
		if (wrap) {
			int lines = 1;
			for (int c = 0; c < t->ncols; c++)
				if (t->cols[c].flags & FTC_LONG) {
					int l =
					    sb_text_lines(t->cells[i * t->ncols + c].text, 40, 8);
					lines = l > lines ? l : lines;
				}
			worksheet_set_row(ws, row, 15.0 * lines, NULL);
		}
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, t->ncols > 7, 0, (int)head);
	r->sheets++;
	if (e)
		return err_set(RD_FAIL, _("report: sheet %s: %s"), name, lxw_strerror(e));
	return RD_OK;
}

/*
 * The drill-down sheet: each department of the execution table, then its
 * projects (`renda finance execution --department CODE`), one block after the
 * other under one header, the department's line in bold.
 */
static int write_drill(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                       const char *name)
{
	const struct ftab *top = &r->t[T_EXEC];
	struct xsheet s;
	xsheet_init(&s, ws, top->ncols + 1, 16);
	s.cap[0] = 12;
	for (int c = 0; c < top->ncols; c++)
		s.cap[c + 1] = top->cols[c].flags & FTC_NAME ? 30 : 16;
	char *title = xasprintf(_("%s: by project of each department"), top->title);
	lxw_row_t row = sb_title(&r->b, &s, title, top->note);
	free(title);
	lxw_row_t head = row;
	xsheet_text(&s, head, 0, _("Department code"), r->b.f.head);
	put_header(r, &s, head, top, 1);
	worksheet_freeze_panes(ws, head + 1, 0);
	int rc = RD_OK;
	int code = ftab_col(top, "code");
	for (int i = 1; i < top->nrows && !rc; i++) {
		char buf[32];
		const char *dep = ftab_out(top, i, code, buf);
		struct fin_query q = {
		    .dataset = "budget", .year = r->year, .month = r->month, .department = dep};
		struct ftab t;
		rc = fin_execution(db, sc, &q, &t);
		for (int k = 0; !rc && k < t.nrows; k++) {
			row++;
			xsheet_text(&s, row, 0, dep, k ? NULL : r->bold);
			for (int c = 0; c < t.ncols; c++)
				put_cell(r, &s, row, c + 1, &t, k, c);
		}
		ftab_free(&t);
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, true, 0, (int)head);
	r->sheets++;
	if (!rc && e)
		rc = err_set(RD_FAIL, _("report: sheet %s: %s"), name, lxw_strerror(e));
	return rc;
}

/* A chart of columns of a table's sheet (the rows after its total), at row of the summary. */
static void chart(struct report *r, lxw_worksheet *ws, lxw_row_t at, int x, int T,
                  const char *title, const char *const *keys, int nkeys, uint8_t type, int height)
{
	const struct ftab *t = &r->t[T];
	int n = t->nrows - 1;
	if (n <= 0)
		return;
	/* The sheet's rows: the title, the note, the header, then the table (its total first). */
	lxw_row_t first = (lxw_row_t)((t->note ? 2 : 1) + 2), last = first + (lxw_row_t)n - 1;
	int name = -1;
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].flags & FTC_NAME)
			name = c;
	lxw_chart *ch = workbook_add_chart(r->b.wb, type);
	bool rates = false;
	for (int k = 0; k < nkeys; k++) {
		int c = ftab_col(t, keys[k]);
		if (c < 0)
			continue;
		rates = t->cols[c].flags & FTC_RATE;
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, r->names[T], first, (lxw_col_t)name, last,
		                            (lxw_col_t)name);
		chart_series_set_values(ser, r->names[T], first, (lxw_col_t)c, last, (lxw_col_t)c);
		chart_series_set_name(ser, _(t->cols[c].label));
	}
	chart_title_set_name(ch, title);
	lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
	chart_title_set_name_font(ch, &tf);
	if (type != LXW_CHART_PIE) {
		lxw_chart_axis *value = type == LXW_CHART_BAR ? ch->x_axis : ch->y_axis;
		chart_axis_set_min(value, 0);
		chart_axis_set_num_format(value, rates ? "0%" : "#,##0");
		if (type == LXW_CHART_BAR)
			chart_axis_set_reverse(ch->y_axis); /* the first on top */
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	} else
		chart_legend_set_position(ch, LXW_CHART_LEGEND_RIGHT);
	lxw_chart_options co = {.x_offset = x,
	                        .y_offset = 4,
	                        .x_scale = 560.0 / 480.0,
	                        .y_scale = (double)height / 288.0,
	                        .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
	worksheet_insert_chart_opt(ws, at, 0, ch, &co);
}

/* A figure of a table's total as a line of the summary: label, value. */
static lxw_row_t figure(struct report *r, struct xsheet *s, lxw_row_t row, int T, const char *key,
                        const char *label)
{
	const struct ftab *t = &r->t[T];
	int c = r->have[T] ? ftab_col(t, key) : -1;
	if (c < 0 || !t->nrows || t->cells[c].none)
		return row;
	xsheet_text(s, row, 0, label, r->b.f.label);
	put_cell(r, s, row, 1, t, 0, c);
	return row + 1;
}

static int write_summary(struct report *r, lxw_worksheet *ws)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 40);
	lxw_row_t row = 0;
	if (conf.report_issuer && *conf.report_issuer) {
		worksheet_set_row(ws, row, 20, NULL);
		worksheet_write_string(ws, row++, 0, conf.report_issuer, r->b.f.cover_body);
	}
	worksheet_set_row(ws, row, 28, NULL);
	worksheet_write_string(ws, row++, 0, r->b.title, r->b.f.cover_title);
	worksheet_write_string(ws, row++, 0, r->asof, r->b.f.cover_body);
	row++;
	xsheet_text(&s, row, 0, _("Figure"), r->b.f.head);
	xsheet_text(&s, row++, 1, _("Value"), r->b.f.head);
	row = figure(r, &s, row, T_EXEC, "adjusted", _("General budget, adjusted (yuan)"));
	row = figure(r, &s, row, T_EXEC, "executed", _("Executed, year to date (yuan)"));
	row = figure(r, &s, row, T_EXEC, "rate", _("Execution rate"));
	row = figure(r, &s, row, T_EXEC, "schedule", _("Time-elapsed schedule (序时进度)"));
	row = figure(r, &s, row, T_EXEC, "yoy", _("Execution, year on year"));
	row = figure(r, &s, row, T_REVENUE, "amount", _("Tax revenue, year to date (yuan)"));
	row = figure(r, &s, row, T_REVENUE, "yoy", _("Tax revenue, year on year"));
	row = figure(r, &s, row, T_SANGONG, "rate", _("三公经费 spent of the budget"));
	row =
	    figure(r, &s, row, T_PROJECTS, "plan_rate", _("Major projects, invested of the plan"));
	row = figure(r, &s, row, T_AUDIT, "overdue_days", _("Audit findings overdue"));
	if (r->have[T_WARNINGS]) {
		int64_t y = 0, red = 0, open = 0;
		for (int i = 0; i < r->t[T_WARNINGS].nrows; i++) {
			bool isred = r->t[T_WARNINGS].flags[i] & FTR_RED;
			red += isred;
			y += !isred;
		}
		(void)open;
		xsheet_text(&s, row, 0, _("Warnings, yellow"), r->b.f.label);
		xsheet_number(&s, row++, 1, (double)y, NULL, 4);
		xsheet_text(&s, row, 0, _("Warnings, red"), r->b.f.label);
		xsheet_number(&s, row++, 1, (double)red, NULL, 4);
	}
	row++;
	/* The charts: execution beside the schedule by department (a tall bar chart), then
	   revenue by kind and the assets by kind side by side. */
	static const char *const exec_keys[] = {"rate", "schedule"};
	int ndep = r->t[T_EXEC].nrows - 1;
	int h = 120 + 18 * (ndep > 0 ? ndep : 1);
	chart(r, ws, row, 0, T_EXEC, _("Execution beside the time-elapsed schedule, by department"),
	      exec_keys, 2, LXW_CHART_BAR, h);
	row += (lxw_row_t)(h / 20 + 2);
	worksheet_set_h_pagebreaks(ws, (lxw_row_t[]){row, 0});
	if (r->have[T_REVENUE]) {
		static const char *const rev_keys[] = {"amount", "prev_ytd"};
		chart(r, ws, row, 0, T_REVENUE,
		      _("Tax revenue by kind, against the same months last year"), rev_keys, 2,
		      LXW_CHART_COLUMN, 320);
		row += 18;
	}
	if (r->have[T_ASSETS]) {
		static const char *const asset_keys[] = {"value"};
		chart(r, ws, row, 0, T_ASSETS, _("State assets by kind"), asset_keys, 1,
		      LXW_CHART_PIE, 320);
		row += 18;
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	worksheet_set_paper(ws, 9);
	worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.7, 0.7, 0.8, 0.8);
	r->sheets++;
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* What the workbook holds and how it was made. */
static int write_notes(struct report *r, lxw_worksheet *ws)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 90);
	lxw_row_t row = sb_title(&r->b, &s, r->b.title, NULL) + 1;
	char period[16];
	snprintf(period, sizeof period, "%04d-%02d", r->year, r->month);
	row = sb_line(&r->b, &s, row, _("Period"), period);
	row = sb_line(&r->b, &s, row, _("As of"), r->asof);
	row = sb_line(&r->b, &s, row, _("Amounts"),
	              _("in yuan with two decimals, summed over the "
	                "departments that sent each dataset"));
	row =
	    sb_line(&r->b, &s, row, _("Rates"),
	            _("rounded half-up to two decimals once; the time-elapsed schedule (序时进度) "
	              "is the months gone of twelve; behind is the schedule less the execution "
	              "rate, in points"));
	row = sb_line(
	    &r->b, &s, row, _("The same figures"),
	    _("every sheet holds the table `renda finance` prints for the period "
	      "(execution, revenue, sangong, projects, audit, performance, assets summary)"));
	row = sb_line(&r->b, &s, row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	xsheet_text(&s, row++, 0, _("Sheets"), r->b.f.head);
	for (int i = 0; i < T_COUNT; i++)
		if (r->have[i])
			row = sb_line(&r->b, &s, row, r->names[i],
			              r->t[i].title ? r->t[i].title : "");
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, false, -1, -1);
	r->sheets++;
	if (e)
		return err_set(RD_FAIL, _("report: notes sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

static int write_book(struct report *r, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path)
{
	char *title = xasprintf(_("Finance supervision, %04d-%02d"), r->year, r->month);
	int rc = sb_open(&r->b, tmp, path, false, title,
	                 conf.report_issuer ? conf.report_issuer : "", r->asof);
	free(title);
	if (rc)
		return rc;
	r->money = workbook_add_format(r->b.wb);
	format_set_num_format(r->money, "#,##0.00");
	r->money_total = workbook_add_format(r->b.wb);
	format_set_num_format(r->money_total, "#,##0.00");
	format_set_bold(r->money_total);
	format_set_top(r->money_total, LXW_BORDER_THIN);
	r->dec_total = workbook_add_format(r->b.wb);
	format_set_num_format(r->dec_total, "0.00");
	format_set_bold(r->dec_total);
	format_set_top(r->dec_total, LXW_BORDER_THIN);
	r->bold = workbook_add_format(r->b.wb);
	format_set_bold(r->bold);
	char *summary = xsheet_name(_("Summary")), *drill = xsheet_name(_("By project")),
	     *notes = xsheet_name(_("About"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->b.wb, summary);
	lxw_worksheet *ws[T_COUNT] = {0}, *ws_drill = NULL;
	for (int i = 0; i < T_COUNT; i++) {
		if (!r->have[i])
			continue;
		r->names[i] = xsheet_name(_(sheet_labels[i]));
		ws[i] = workbook_add_worksheet(r->b.wb, r->names[i]);
		if (!ws[i])
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[i]);
		if (i == T_EXEC)
			ws_drill = workbook_add_worksheet(r->b.wb, drill);
	}
	lxw_worksheet *ws_notes = workbook_add_worksheet(r->b.wb, notes);
	if (!ws_sum || !ws_notes || !ws_drill)
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = write_summary(r, ws_sum);
	for (int i = 0; i < T_COUNT && !rc; i++) {
		if (!r->have[i])
			continue;
		rc = write_table(r, ws[i], &r->t[i], r->names[i]);
		if (!rc && i == T_EXEC)
			rc = write_drill(r, db, sc, ws_drill, drill);
	}
	if (!rc)
		rc = write_notes(r, ws_notes);
	int crc = sb_close(&r->b, path);
	free(summary);
	free(drill);
	free(notes);
	return rc ? rc : crc;
}

struct book_job {
	struct report *r;
	sqlite3 *db;
	const struct scope *sc;
	const char *path;
};

static int book_job_run(void *ctx, const char *tmp)
{
	struct book_job *j = ctx;
	return write_book(j->r, j->db, j->sc, tmp, j->path);
}

int report_finance_write(sqlite3 *db, const struct scope *sc, const char *path,
                         const struct report_finance_opts *o, struct report_finance_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	struct report r = {.o = o, .year = o->year, .month = o->month};
	rc = stat_begin(db);
	if (rc)
		return rc;
	if (!r.year || !r.month) {
		int y, m;
		rc = fin_latest(db, sc, "budget", &y, &m);
		if (!rc && !r.year) {
			r.year = y;
			r.month = m;
		} else if (!rc)
			r.month = r.year == y ? m : 12;
	}
	char *day = sb_day_words(clock_today());
	/* TRANSLATORS: the day the figures stand at: "截至2026年12月3日". */
	r.asof = xasprintf(_("figures as of %s"), day);
	free(day);
	if (!rc)
		rc = read_tables(&r, db, sc);
	if (!rc) {
		struct book_job job = {&r, db, sc, path};
		rc = xsheet_write_file(path, o->force, book_job_run, &job);
	}
	stat_end(db);
	res->sheets = r.sheets;
	for (int i = 0; i < T_COUNT; i++) {
		if (r.have[i])
			ftab_free(&r.t[i]);
		free(r.names[i]);
	}
	free(r.asof);
	return rc;
}

/* The report_def's writer: the options of renda report finance. */
static int report_finance_run(sqlite3 *db, const struct scope *sc, const char *path,
                              const struct report_query *q, long *sheets)
{
	struct report_finance_opts o = {.year = q->year, .month = q->month, .force = q->force};
	struct report_finance_result res;
	int rc = report_finance_write(db, sc, path, &o, &res);
	*sheets = res.sheets;
	return rc;
}

const struct report_def fin_reports[] = {
    {"finance", N_("[--year Y [--month M]]"),
     N_("the workbook of finance supervision for a month: charts, execution, revenue, warnings"),
     REPORT_OPT_YEAR | REPORT_OPT_MONTH, report_finance_run,
     NP_("wrote %s: %ld sheet\n", "wrote %s: %ld sheets\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
