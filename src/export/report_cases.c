#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export/report_cases.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/case/case_stats.h"
#include "model/core/db.h"
#include "util/conf.h"
#include "util/cpus.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/rowpipe.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct report {
	struct statbook b;
	struct stat_table tables[CASE_BY_COUNT];
	struct stat_table prev; /* the same period of the previous year, by category */
	bool have_prev;
	char *names[CASE_BY_COUNT]; /* sheet names of the breakdowns */
	char *detail_name, *notes_name;
	const struct report_query *o;
	char *town; /* the town's name of a town edition, or NULL */
	int year;
	int until_md; /* the period ends on this month and day (the report's day this year) */
	char *period, *asof, *prev_head;
};

/* The words of the period and of its end: "2025年1月1日至2025年12月31日". */
static void words(struct report *r)
{
	int y, m, d;
	int today = clock_today();
	date_to_ymd(today, &y, &m, &d);
	int last = r->year < y ? date_from_ymd(r->year, 12, 31) : today;
	r->until_md = r->year < y ? 0 : m * 100 + d;
	char *a = sb_day_words(date_from_ymd(r->year, 1, 1)), *b = sb_day_words(last),
	     *c = sb_day_words(today);
	/* TRANSLATORS: a period of time: from the first day to the last. */
	r->period = xasprintf(_("%s to %s"), a, b);
	/* TRANSLATORS: the day the figures stand at: "截至2026年12月3日". */
	r->asof = xasprintf(_("figures as of %s"), c);
	free(a);
	free(b);
	free(c);
	if (r->until_md)
		/* TRANSLATORS: the column of last year's figures for the same days. */
		r->prev_head = xasprintf(_("Same period of %d"), r->year - 1);
	else
		r->prev_head = xasprintf(_("Year %d"), r->year - 1);
}

/* A sheet's title row: the report's title and the table's. */
static char *sheet_title(struct report *r, const char *what)
{
	/* TRANSLATORS: a sheet's title: the report's, then what the sheet holds. */
	char *t = xasprintf(_("%s: %s"), r->b.title, what);
	if (!r->town)
		return t;
	/* TRANSLATORS: a title and the town it is of. */
	char *tt = xasprintf(_("%s, %s"), t, r->town);
	free(t);
	return tt;
}

/* The cover block of the summary, then the figures and a chart per breakdown. */
static int write_summary(struct report *r, lxw_worksheet *ws)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 40);
	sb_summary_rows(ws);
	lxw_row_t row = 0;
	const struct sb_formats *f = &r->b.f;
	if (conf.report_issuer && *conf.report_issuer) {
		worksheet_set_row(ws, row, 20, NULL);
		worksheet_write_string(ws, row++, 0, conf.report_issuer, f->cover_body);
	}
	worksheet_set_row(ws, row, 28, NULL);
	worksheet_write_string(ws, row++, 0, r->b.title, f->cover_title);
	char *line = xasprintf(_("Period: %s"), r->period);
	worksheet_write_string(ws, row++, 0, line, f->cover_body);
	free(line);
	worksheet_write_string(ws, row++, 0, r->asof, f->cover_body);
	if (r->o->public_)
		worksheet_write_string(ws, row++, 0,
		                       _("Public edition: voters' names and phones masked, private "
		                         "cases' content and replies left out."),
		                       f->note);
	row++;
	const struct stat_table *t = &r->tables[CASE_BY_CATEGORY];
	row = sb_figures(&r->b, &s, row, t, r->have_prev ? &r->prev : NULL, _("This period"),
	                 r->prev_head);
	row++;
	struct sb_chart_spec c[CASE_BY_COUNT];
	char *titles[CASE_BY_COUNT] = {0};
	int n = 0;
	/* Two across: the short tables in pairs, then the long ones (bars) side by side. */
	static const int order[] = {CASE_BY_CATEGORY, CASE_BY_TOWN, CASE_BY_CHANNEL, CASE_BY_STATUS,
	                            CASE_BY_DEPUTY,   CASE_BY_UNIT, CASE_BY_MONTH};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int by = order[i];
		const struct stat_table *bt = &r->tables[by];
		/* A town's edition has one bar by town: its sheet says it, no chart needed. */
		if (!bt->n || (by == CASE_BY_TOWN && bt->n == 1))
			continue;
		const char *bare = _(case_stat_breakdowns[by].title);
		char *what = bt->long_keys && bt->n > STAT_CHART_TOP
		                 ? xasprintf(_("%s (the first %d)"), bare, STAT_CHART_TOP)
		                 : xstrdup(bare);
		titles[n] = r->town ? xasprintf(_("%s, %s"), what, r->town) : xstrdup(what);
		free(what);
		c[n] = (struct sb_chart_spec){bt, r->names[by], titles[n], false, NULL};
		n++;
	}
	sb_summary(&r->b, ws, row, c, n);
	for (int i = 0; i < n; i++)
		free(titles[i]);
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* Where the detail's rows go: the sheet, its widths, the last row written. */
struct detail_out {
	struct report *r;
	struct xsheet *s;
	lxw_row_t row;
};

/* Writes one case's row (on the row pipe's writer thread: nothing of the database). */
static void detail_row(void *ctx, const char *const *vals)
{
	struct detail_out *o = ctx;
	struct xsheet *s = o->s;
	lxw_row_t row = ++o->row;
	int lines = 1;
	for (int c = 0; c < CASE_NDCOLS; c++)
		if (case_dcols[c].kind == CD_LONG) {
			int l = sb_text_lines(vals[c], case_dcols[c].max_width, 6);
			if (l > lines)
				lines = l;
		}
	if (lines > 1)
		worksheet_set_row(s->ws, row, 15.0 * lines, NULL);
	/* Widths from the first rows and then every 16th: the same widths, less work. */
	bool sample = row <= 4096 || !(row & 15);
	for (int c = 0; c < CASE_NDCOLS; c++) {
		const char *v = vals[c];
		switch (case_dcols[c].kind) {
		case CD_COUNT:
			if (s->width[c] < 4)
				s->width[c] = 4;
			worksheet_write_number(s->ws, row, (lxw_col_t)c, atof(v), NULL);
			break;
		case CD_DATE:
		case CD_DATETIME: sb_date(&o->r->b, s, row, c, v); break;
		case CD_TEXT:
		case CD_LONG:
			if (!*v)
				break;
			if (sample)
				xsheet_measure(s, c, v);
			lxw_error e = worksheet_write_string(
			    s->ws, row, (lxw_col_t)c, v,
			    case_dcols[c].kind == CD_LONG ? o->r->b.f.wrap : NULL);
			if (e && !s->err)
				s->err = e;
			break;
		}
	}
}

/*
 * The detail: every case in scope, in number order, as the database hands them over;
 * the same pass counts the breakdowns into r->tables. Long texts wrap in their
 * columns, each row as high as its longest text (up to six lines). The cases are read
 * on this thread while a second writes their rows (a row pipe): the two overlap.
 */
static int write_detail(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                        long *count)
{
	struct stat_query q = {.year = r->year, .town = r->o->town};
	/* The same period of the previous year is counted in the same pass. */
	struct stat_query prev = {.year = r->year - 1, .town = r->o->town, .until_md = r->until_md};
	if (prev.until_md == 229) /* 29 February stands for the 28th the year before */
		prev.until_md = 228;
	struct case_detail *d = case_detail_open(db, sc, &q, r->o->public_, &prev);
	if (!d)
		return RD_FAIL;
	struct xsheet s;
	xsheet_init(&s, ws, CASE_NDCOLS, 0);
	char *title = sheet_title(r, _("every case"));
	lxw_row_t head = sb_title(&r->b, &s, title, NULL);
	free(title);
	for (int c = 0; c < CASE_NDCOLS; c++) {
		s.cap[c] = case_dcols[c].max_width;
		xsheet_text(&s, head, c, _(case_dcols[c].label), r->b.f.head);
	}
	/* The filter must come before the rows in constant-memory mode: it covers them all,
	   to the last row of a sheet. */
	worksheet_freeze_panes(ws, head + 1, 1);
	const char *vals[CASE_NDCOLS];
	struct detail_out out = {r, &s, head};
	/* A second thread only where a second processor can run it. */
	struct rowpipe *pipe = rowpipe_start(CASE_NDCOLS, cpus_usable() > 1, detail_row, &out);
	lxw_row_t row = head;
	int rc;
	while ((rc = case_detail_next(d, vals)) == RD_OK) {
		if (++row >= LXW_ROW_MAX) {
			rc = err_set(
			    RD_FAIL,
			    _("report: more than %d cases; a sheet holds no more (use --town)"),
			    LXW_ROW_MAX - 2);
			break;
		}
		rowpipe_put(pipe, vals);
	}
	rowpipe_finish(pipe);
	row = out.row; /* the last row written */
	/* The breakdowns count exactly the cases just written. */
	if (rc == RD_NOTFOUND)
		rc = case_detail_tables(d, r->tables) ? RD_FAIL : RD_NOTFOUND;
	if (rc == RD_NOTFOUND) {
		rc = case_detail_prev(d, &r->prev) ? RD_FAIL : RD_NOTFOUND;
		r->have_prev = rc == RD_NOTFOUND;
	}
	case_detail_close(d);
	*count = (long)(row - head);
	/* The last row written is still open, so the filter may end on it. */
	lxw_error e =
	    worksheet_autofilter(ws, head, 0, row > head ? row : head + 1, CASE_NDCOLS - 1);
	if (!e)
		e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, true, 0, (int)head);
	if (rc != RD_NOTFOUND)
		return rc ? rc : RD_FAIL;
	if (e)
		return err_set(RD_FAIL, _("report: detail sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* Words of the scope: whose cases the workbook holds (never an account's name). */
static const char *scope_words(const struct scope *sc)
{
	if (sc->role == ROLE_TOWN_CLERK && sc->town_name)
		return sc->town_name;
	if (sc->role == ROLE_UNIT && sc->unit_name)
		return sc->unit_name;
	return _("all towns and streets");
}

/* What the workbook holds and how it was counted. */
static int write_notes(struct report *r, lxw_worksheet *ws, const struct scope *sc, long cases)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 90);
	lxw_row_t row = sb_title(&r->b, &s, r->b.title, NULL) + 1;
	row = sb_line(&r->b, &s, row, _("Period"), r->period);
	row = sb_line(&r->b, &s, row, _("Cases included"),
	              _("cases submitted in the period (by their submission time)"));
	row = sb_line(&r->b, &s, row, _("Scope"), scope_words(sc));
	row = sb_line(&r->b, &s, row, _("Town"), r->town ? r->town : _("all towns in the scope"));
	row = sb_line(&r->b, &s, row, _("As of"), r->asof);
	char buf[64];
	snprintf(buf, sizeof buf, "%ld", cases);
	row = sb_line(&r->b, &s, row, _("Cases in the detail sheet"), buf);
	row = sb_line(&r->b, &s, row, _("Edition"),
	              r->o->public_
	                  ? _("public: voters' names and phones masked; the content and replies "
	                      "of private cases left out")
	                  : _("internal: holds voters' personal data; do not publish"));
	row = sb_line(&r->b, &s, row, _("Rounding"),
	              _("percentages and averages are rounded half-up to two decimals "
	                "(1 in 800, 0.125 per cent, is shown as 0.13)"));
	if (r->have_prev)
		row = sb_line(&r->b, &s, row, r->prev_head,
		              _("the cases submitted in the same days of the previous year, "
		                "counted the same way as they stand now"));
	row = sb_line(&r->b, &s, row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	xsheet_text(&s, row++, 0, _("Sheets"), r->b.f.head);
	for (int by = 0; by < CASE_BY_COUNT; by++)
		row = sb_line(&r->b, &s, row, r->names[by], r->tables[by].title);
	row = sb_line(&r->b, &s, row, r->detail_name, _("every case included, one row each"));
	row++;
	xsheet_text(&s, row++, 0, _("Definitions"), r->b.f.head);
	sb_definitions(&r->b, &s, row, &r->tables[0]);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, false, -1, -1);
	if (e)
		return err_set(RD_FAIL, _("report: notes sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* Writes the workbook to tmp: the detail first, since its pass counts the breakdowns. */
static int write_book(void *rv, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path, long *cases)
{
	struct report *r = rv;
	char *title = r->town ? xasprintf(_("Voter issues, %d: %s"), r->year, r->town)
	                      : xasprintf(_("Voter issues, %d"), r->year);
	int rc = sb_open(&r->b, tmp, path, true, title,
	                 conf.report_issuer ? conf.report_issuer : "", r->asof);
	free(title);
	if (rc)
		return rc;
	char *summary = xsheet_name(_("Summary"));
	r->notes_name = xsheet_name(_("About"));
	r->detail_name = xsheet_name(_("Case detail"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->b.wb, summary);
	lxw_worksheet *ws_by[CASE_BY_COUNT];
	for (int by = 0; by < CASE_BY_COUNT; by++) {
		r->names[by] = xsheet_name(_(case_stat_breakdowns[by].label));
		ws_by[by] = workbook_add_worksheet(r->b.wb, r->names[by]);
	}
	lxw_worksheet *ws_detail = workbook_add_worksheet(r->b.wb, r->detail_name);
	lxw_worksheet *ws_notes = workbook_add_worksheet(r->b.wb, r->notes_name);
	if (!ws_sum || !ws_detail || !ws_notes)
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	for (int by = 0; by < CASE_BY_COUNT && !rc; by++)
		if (!ws_by[by])
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[by]);
	/* Each sheet streams to its own file, so they may be written in any order. */
	if (!rc)
		rc = write_detail(r, db, sc, ws_detail, cases);
	for (int by = 0; by < CASE_BY_COUNT && !rc; by++) {
		/* The tables' titles carry the report's: every sheet has its title row. */
		char *t = sheet_title(r, r->tables[by].title);
		free(r->tables[by].title);
		r->tables[by].title = t;
	}
	if (!rc)
		rc = write_summary(r, ws_sum);
	for (int by = 0; by < CASE_BY_COUNT && !rc; by++)
		rc = sb_breakdown(&r->b, ws_by[by], &r->tables[by], r->names[by]);
	if (!rc)
		rc = write_notes(r, ws_notes, sc, *cases);
	int crc = sb_close(&r->b, path);
	free(summary);
	return rc ? rc : crc;
}

int report_cases_write(sqlite3 *db, const struct scope *sc, const char *path,
                       const struct report_query *o, long *cases)
{
	*cases = 0;
	struct report r = {.o = o};
	struct stat_query q = {.year = o->year, .town = o->town};
	r.year = stat_year(&q);
	if (o->town && *o->town &&
	    db_text(db, &r.town, "SELECT name FROM town WHERE name = ?1 OR code = ?1", "t",
	            o->town))
		return err_set(RD_INVALID, _("town: no town '%s'"), o->town);
	words(&r);
	int rc = report_write_file(db, sc, path, o->force, write_book, &r, cases);
	for (int by = 0; by < CASE_BY_COUNT; by++) {
		stat_table_free(&r.tables[by]);
		free(r.names[by]);
	}
	if (r.have_prev)
		stat_table_free(&r.prev);
	free(r.detail_name);
	free(r.notes_name);
	free(r.town);
	free(r.period);
	free(r.asof);
	free(r.prev_head);
	return rc;
}

const struct report_def case_reports[] = {
    {"cases", N_("[--year Y] [--town T] [--public]"),
     N_("the workbook of voter issues for a year: charts, breakdowns, every case"),
     REPORT_OPT_YEAR | REPORT_OPT_TOWN | REPORT_OPT_PUBLIC, report_cases_write,
     NP_("wrote %s: %ld case\n", "wrote %s: %ld cases\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
