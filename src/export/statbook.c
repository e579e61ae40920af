#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/statbook.h"
#include "export/xlsxlib.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Column widths on the statistics sheets: names up to this many display columns. */
#define WIDTH_NAME 30
/* Figures: their headers wrap, so the numbers set the width. */
#define WIDTH_FIGURE 10
/*
 * The summary prints fit to one page wide across SUMMARY_COLS columns (about
 * 60 per cent on A4 portrait, the margins of sb_print) with rows of
 * SUMMARY_ROW_PT points: a page holds about 68 rows then, of which
 * SUMMARY_PAGE_ROWS are planned, and two charts CHART_W pixels wide side by
 * side. A chart takes CHART_ROWS rows (CHART_ROWS_TALL for bars).
 */
#define SUMMARY_COLS 18
#define SUMMARY_ROW_PT 16
#define SUMMARY_PAGE_ROWS 64
#define CHART_W 560
#define CHART_H 320
#define CHART_H_TALL 440
#define CHART_ROWS 17
#define CHART_ROWS_TALL 22

static lxw_format *fmt(lxw_workbook *wb)
{
	return workbook_add_format(wb);
}

static void make_formats(lxw_workbook *wb, struct sb_formats *f)
{
	f->title = fmt(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->cover_title = fmt(wb);
	format_set_bold(f->cover_title);
	format_set_font_size(f->cover_title, 18);
	f->subtitle = fmt(wb);
	format_set_bold(f->subtitle);
	format_set_font_size(f->subtitle, 12);
	f->cover_body = fmt(wb);
	format_set_font_size(f->cover_body, 12);
	f->note = fmt(wb);
	format_set_font_color(f->note, 0x595959);
	f->label = fmt(wb);
	format_set_bold(f->label);
	f->head = fmt(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xDDEBF7);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->pct = fmt(wb);
	format_set_num_format(f->pct, "0.00%");
	f->fixed = fmt(wb);
	format_set_num_format(f->fixed, "0.00");
	f->total = fmt(wb);
	format_set_bold(f->total);
	format_set_top(f->total, LXW_BORDER_THIN);
	f->total_pct = fmt(wb);
	format_set_bold(f->total_pct);
	format_set_top(f->total_pct, LXW_BORDER_THIN);
	format_set_num_format(f->total_pct, "0.00%");
	f->total_fixed = fmt(wb);
	format_set_bold(f->total_fixed);
	format_set_top(f->total_fixed, LXW_BORDER_THIN);
	format_set_num_format(f->total_fixed, "0.00");
	/* TRANSLATORS: a spreadsheet's date format (Excel codes): 2026年3月2日 in Chinese. */
	f->date = fmt(wb);
	format_set_num_format(f->date, _("yyyy-mm-dd"));
	format_set_align(f->date, LXW_ALIGN_LEFT);
	/* TRANSLATORS: a spreadsheet's date and time format (Excel codes). */
	f->datetime = fmt(wb);
	format_set_num_format(f->datetime, _("yyyy-mm-dd hh:mm"));
	format_set_align(f->datetime, LXW_ALIGN_LEFT);
	f->wrap = fmt(wb);
	format_set_text_wrap(f->wrap);
}

int sb_open(struct statbook *b, const char *tmp, const char *path, bool constant_memory,
            const char *title, const char *header, const char *asof)
{
	memset(b, 0, sizeof *b);
	if (xlsxlib_ready())
		return RD_FAIL;
	/* The rows wait in temporary files (about ten times the workbook's size) until the
	 * end: in $TMPDIR when it is set (libxlsxwriter's own default is /tmp). */
	const char *tmpdir = getenv("TMPDIR");
	lxw_workbook_options wo = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
	                           .tmpdir = tmpdir && *tmpdir ? (char *)tmpdir : NULL};
	b->wb = workbook_new_opt(tmp, &wo);
	if (!b->wb)
		return err_set(RD_FAIL, _("report: cannot start %s"), path);
	make_formats(b->wb, &b->f);
	b->title = xstrdup(title);
	b->header = xstrdup(header ? header : "");
	lxw_doc_properties props = {.title = b->title, .comments = (char *)asof};
	workbook_set_properties(b->wb, &props);
	return RD_OK;
}

int sb_close(struct statbook *b, const char *path)
{
	int rc = RD_OK;
	if (b->wb) {
		lxw_error e = workbook_close(b->wb);
		if (e)
			rc = err_set(RD_FAIL, _("report: cannot write %s: %s"), path,
			             lxw_strerror(e));
	}
	b->wb = NULL;
	free(b->title);
	free(b->header);
	b->title = b->header = NULL;
	return rc;
}

/* Appends s to out with every '&' doubled (a literal & in a header or footer). */
static void put_amp(struct sbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			sbuf_putc(out, '&');
		sbuf_putc(out, *s);
	}
}

/* Cuts a header or footer section to n bytes at a character boundary (Excel takes 255). */
static void cut(char *s, size_t n)
{
	if (strlen(s) <= n)
		return;
	/* Back to the first byte of a character. */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	s[n] = '\0';
}

/* Sets a sheet up for printing at a fixed scale (per cent), or fit to one page wide (0). */
static void print_setup(struct statbook *b, lxw_worksheet *ws, bool wide, int first, int last,
                        int scale)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (wide)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	if (scale)
		worksheet_set_print_scale(ws, (uint16_t)scale);
	else
		worksheet_fit_to_pages(ws, 1, 0);
	if (first >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last);
	/* Margins in inches: 1.8 cm at the sides, 2 cm at top and bottom. */
	worksheet_set_margins(ws, 0.7, 0.7, 0.8, 0.8);
	char title[160], body[160];
	snprintf(title, sizeof title, "%s", b->title);
	cut(title, 120);
	snprintf(body, sizeof body, "%s", b->header);
	cut(body, 100);
	/* A font size code takes the digits after it: a space ends it ("&9 2025..."). */
	struct sbuf h = SBUF_INIT, fo = SBUF_INIT;
	sbuf_puts(&h, "&L&9 ");
	put_amp(&h, body);
	sbuf_puts(&h, "&R&9 &A");
	sbuf_puts(&fo, "&L&9 ");
	put_amp(&fo, title);
	/* TRANSLATORS: a printed page's footer; &P is the page, &N the number of pages. */
	sbuf_printf(&fo, "&R&9 %s", _("page &P of &N"));
	lxw_header_footer_options o = {.margin = 0.3};
	worksheet_set_header_opt(ws, sbuf_str(&h), &o);
	worksheet_set_footer_opt(ws, sbuf_str(&fo), &o);
	sbuf_free(&h);
	sbuf_free(&fo);
}

void sb_print(struct statbook *b, lxw_worksheet *ws, bool wide, int first, int last)
{
	print_setup(b, ws, wide, first, last, 0);
}

lxw_row_t sb_title(struct statbook *b, struct xsheet *s, const char *title, const char *note)
{
	worksheet_set_row(s->ws, 0, 22, NULL);
	lxw_error e = worksheet_write_string(s->ws, 0, 0, title, b->f.title);
	if (e && !s->err)
		s->err = e;
	if (!note || !*note)
		return 1;
	e = worksheet_write_string(s->ws, 1, 0, note, b->f.note);
	if (e && !s->err)
		s->err = e;
	return 2;
}

/* The format of a value of kind k (in the total row or not). */
static lxw_format *value_format(struct statbook *b, enum stat_kind k, bool total)
{
	switch (k) {
	case STAT_COUNT: return total ? b->f.total : NULL;
	case STAT_PCT:
	case STAT_SHARE: return total ? b->f.total_pct : b->f.pct;
	case STAT_FIXED2:
	case STAT_MONEY: return total ? b->f.total_fixed : b->f.fixed;
	}
	return NULL;
}

/* Writes the value of column c of row r: a number, or a blank cell when it has none. */
static void put_value(struct statbook *b, struct xsheet *s, lxw_row_t row, int col,
                      const struct stat_table *t, const struct stat_row *r, int c, bool total)
{
	enum stat_kind k = t->cols[c].kind;
	lxw_format *f = value_format(b, k, total);
	int64_t v = stat_value(t, r, c);
	if (v == STAT_NONE) {
		if (f)
			worksheet_write_blank(s->ws, row, (lxw_col_t)col, f);
		return;
	}
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	double x = k == STAT_COUNT                       ? (double)v
	           : k == STAT_FIXED2 || k == STAT_MONEY ? v / 100.0
	                                                 : v / 10000.0;
	xsheet_number(s, row, col, x, f, (int)strlen(buf) + (k == STAT_COUNT ? 0 : 2));
}

int sb_breakdown(struct statbook *b, lxw_worksheet *ws, const struct stat_table *t,
                 const char *sheet)
{
	int n;
	int *shown = stat_shown(t, &n);
	int ncols = n + 2;
	struct xsheet s;
	xsheet_init(&s, ws, ncols, WIDTH_FIGURE);
	s.cap[0] = 12;
	s.cap[1] = WIDTH_NAME;
	lxw_row_t head = sb_title(b, &s, t->title, NULL);
	/* In constant-memory mode a row's height and a filter come before its cells. */
	worksheet_set_row(ws, head, 45, NULL);
	worksheet_freeze_panes(ws, head + 1, 2);
	worksheet_repeat_columns(ws, 0, 1);
	lxw_error e = worksheet_autofilter(ws, head, 0, head + (lxw_row_t)(t->n ? t->n : 1),
	                                   (lxw_col_t)(ncols - 1));
	if (e)
		s.err = e;
	xsheet_text(&s, head, 0, t->key_label, b->f.head);
	xsheet_text(&s, head, 1, t->name_label, b->f.head);
	for (int i = 0; i < n; i++) {
		/* Headers wrap: measured by their longest word, not their whole length. */
		worksheet_write_string(ws, head, (lxw_col_t)(2 + i), t->cols[shown[i]].label,
		                       b->f.head);
		if (s.width[2 + i] < 8)
			s.width[2 + i] = 8;
	}
	for (int i = 0; i <= t->n; i++) {
		const struct stat_row *r = i < t->n ? &t->rows[i] : &t->total;
		bool total = i == t->n;
		lxw_row_t row = head + 1 + (lxw_row_t)i;
		xsheet_text(&s, row, 0, t->word_keys ? "" : r->key, total ? b->f.total : NULL);
		xsheet_text(&s, row, 1, r->name, total ? b->f.total : NULL);
		for (int c = 0; c < n; c++)
			put_value(b, &s, row, 2 + c, t, r, shown[c], total);
	}
	e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, ncols > 9, 0, (int)head);
	free(shown);
	if (e)
		return err_set(RD_FAIL, _("report: sheet %s: %s"), sheet, lxw_strerror(e));
	return RD_OK;
}

lxw_row_t sb_figures(struct statbook *b, struct xsheet *s, lxw_row_t row,
                     const struct stat_table *t, const struct stat_table *prev, const char *head,
                     const char *prev_head)
{
	xsheet_text(s, row, 0, _("Figure"), b->f.head);
	xsheet_text(s, row, 1, head, b->f.head);
	if (prev)
		xsheet_text(s, row, 2, prev_head, b->f.head);
	for (int c = 0; c < t->ncols; c++) {
		const struct stat_col *col = &t->cols[c];
		if ((col->flags & STAT_HIDDEN) || col->kind == STAT_SHARE)
			continue;
		row++;
		xsheet_text(s, row, 0, col->label, b->f.label);
		put_value(b, s, row, 1, t, &t->total, c, false);
		if (prev && c < prev->ncols)
			put_value(b, s, row, 2, prev, &prev->total, c, false);
	}
	return row + 1;
}

/* The sheet column of table column c as sb_breakdown writes it (key, name, then the shown). */
static int sheet_col(const struct stat_table *t, int c)
{
	int k = 2;
	for (int i = 0; i < c; i++)
		if (!(t->cols[i].flags & STAT_HIDDEN))
			k++;
	return k;
}

/* Rows (of SUMMARY_ROW_PT points) a chart takes, with a blank row under it. */
static int chart_rows(const struct sb_chart_spec *c)
{
	return !c->pie && c->t->long_keys ? CHART_ROWS_TALL : CHART_ROWS;
}

/* Inserts one chart at row, x pixels from the left. */
static void put_chart(struct statbook *b, lxw_worksheet *ws, lxw_row_t row, int x,
                      const struct sb_chart_spec *c)
{
	const struct stat_table *t = c->t;
	/* Many long names (rates or counts): bars, the first STAT_CHART_TOP, as titled. */
	bool tall = !c->pie && t->long_keys;
	int n = tall && t->n > STAT_CHART_TOP ? STAT_CHART_TOP : t->n;
	uint8_t type = c->pie ? LXW_CHART_PIE : tall ? LXW_CHART_BAR : LXW_CHART_COLUMN;
	lxw_chart *ch = workbook_add_chart(b->wb, type);
	bool rates = false, below = false;
	for (int k = 0; c->cols ? c->cols[k] >= 0 : k < 1; k++) {
		int col = c->cols ? c->cols[k] : 0;
		for (int r = 0; r < n; r++) {
			int64_t v = stat_value(t, &t->rows[r], col);
			below |= v != STAT_NONE && v < 0;
		}
		/* A rate is drawn on an axis of per cent; a count or an amount (an average, points)
		   on one of numbers. */
		rates = t->cols[col].kind == STAT_PCT || t->cols[col].kind == STAT_SHARE;
		int sc = sheet_col(t, col);
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		/* The sheet of sb_breakdown: the title row, the header, then the rows from
		   row 2; the names in column 1. */
		chart_series_set_categories(ser, c->sheet, 2, 1, (lxw_row_t)(1 + n), 1);
		/* In constant-memory mode the library cannot read the names back to see that
		 * they are text; without this the categories would be a numeric reference,
		 * which Excel shows as 1, 2, 3. */
		ser->categories->has_string_cache = LXW_TRUE;
		chart_series_set_values(ser, c->sheet, 2, (lxw_col_t)sc, (lxw_row_t)(1 + n),
		                        (lxw_col_t)sc);
		chart_series_set_name(ser, c->cols ? t->cols[col].label : t->count_unit);
		if (!c->cols)
			chart_series_set_labels(ser);
	}
	chart_title_set_name(ch, c->title);
	lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
	chart_title_set_name_font(ch, &tf);
	if (!c->pie) {
		chart_legend_set_position(ch, c->cols ? LXW_CHART_LEGEND_BOTTOM
		                                      : LXW_CHART_LEGEND_NONE);
		/* The value axis starts at 0 (a bar chart's value axis is its x axis), unless
		   an amount is below it (points deducted). */
		lxw_chart_axis *value = tall ? ch->x_axis : ch->y_axis;
		if (!below)
			chart_axis_set_min(value, 0);
		if (rates) {
			chart_axis_set_max(value, 1);
			chart_axis_set_num_format(value, "0%");
		} else
			chart_axis_set_num_format(value, "0");
		if (tall)
			chart_axis_set_reverse(ch->y_axis); /* the first key on top */
	} else
		chart_legend_set_position(ch, LXW_CHART_LEGEND_RIGHT);
	lxw_chart_options co = {.x_offset = x,
	                        .x_scale = (double)CHART_W / 480.0,
	                        .y_scale = (tall ? CHART_H_TALL : CHART_H) / 288.0,
	                        .object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE};
	worksheet_insert_chart_opt(ws, row, 0, ch, &co);
}

void sb_summary(struct statbook *b, lxw_worksheet *ws, lxw_row_t row, const struct sb_chart_spec *c,
                int n)
{
	/* Rows of a fixed height and a fixed scale, so that the rows of a page are known:
	   charts go two across, and a chart row that would cross a page starts the next. */
	lxw_row_t breaks[16] = {0};
	int nb = 0;
	lxw_row_t page_end = SUMMARY_PAGE_ROWS;
	for (int i = 0; i < n; i += 2) {
		int h = chart_rows(&c[i]);
		if (i + 1 < n && chart_rows(&c[i + 1]) > h)
			h = chart_rows(&c[i + 1]);
		if (row + (lxw_row_t)h > page_end && nb < 15) {
			/* A row of space under the break: a spreadsheet that places the chart a
			   little higher than the row it is anchored to still keeps it whole. */
			breaks[nb++] = row;
			row++;
			page_end = row + SUMMARY_PAGE_ROWS;
		}
		put_chart(b, ws, row, 0, &c[i]);
		if (i + 1 < n)
			put_chart(b, ws, row, CHART_W + 12, &c[i + 1]);
		row += (lxw_row_t)h;
	}
	if (nb)
		worksheet_set_h_pagebreaks(ws, breaks);
	/* Spreadsheets fit the cells to the page, not the charts: the print area spans the
	   columns under the charts, so that both fit across whatever the font's widths. */
	worksheet_print_area(ws, 0, 0, row, SUMMARY_COLS - 1);
	print_setup(b, ws, false, -1, -1, 0);
}

lxw_row_t sb_line(struct statbook *b, struct xsheet *s, lxw_row_t row, const char *label,
                  const char *value)
{
	xsheet_text(s, row, 0, label, b->f.label);
	xsheet_text(s, row, 1, value, b->f.wrap);
	return row + 1;
}

lxw_row_t sb_definitions(struct statbook *b, struct xsheet *s, lxw_row_t row,
                         const struct stat_table *t)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].definition && !(t->cols[c].flags & STAT_HIDDEN))
			row = sb_line(b, s, row, t->cols[c].label, t->cols[c].definition);
	return row;
}

/* The number written with n decimal digits at s, or -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

void sb_date(struct statbook *b, struct xsheet *s, lxw_row_t row, int col, const char *text)
{
	size_t len = text ? strlen(text) : 0;
	int y = len >= 10 ? digits(text, 4) : -1, mo = len >= 10 ? digits(text + 5, 2) : -1,
	    d = len >= 10 ? digits(text + 8, 2) : -1;
	if (len < 10 || text[4] != '-' || text[7] != '-' || y < 0 || mo < 0 || d < 0 ||
	    !date_valid_ymd(y, mo, d)) {
		if (len)
			xsheet_text(s, row, col, text, NULL);
		return;
	}
	int h = len >= 16 ? digits(text + 11, 2) : -1, mi = len >= 16 ? digits(text + 14, 2) : -1;
	bool time = h >= 0 && mi >= 0 && text[13] == ':';
	lxw_datetime dt = {
	    .year = y, .month = mo, .day = d, .hour = time ? h : 0, .min = time ? mi : 0};
	lxw_error e = worksheet_write_datetime(s->ws, row, (lxw_col_t)col, &dt,
	                                       time ? b->f.datetime : b->f.date);
	if (e && !s->err)
		s->err = e;
	if (col >= 0 && col < s->ncols && s->width[col] < (time ? 16 : 11))
		s->width[col] = time ? 16 : 11;
}

char *sb_day_words(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* TRANSLATORS: a day in words: year, month, day ("2025年1月1日"). */
	return xasprintf(_("%1$d-%2$02d-%3$02d"), y, m, d);
}

void sb_summary_rows(lxw_worksheet *ws)
{
	worksheet_set_default_row(ws, SUMMARY_ROW_PT, LXW_FALSE);
}

int sb_text_lines(const char *s, int cols, int most)
{
	/* Chinese text is 3 bytes and 2 columns a character in UTF-8, and spreadsheets draw
	   it wider than two digits: the bytes stand for its width, half as much again. */
	size_t w = strlen(s);
	if (w <= (size_t)cols || cols <= 0)
		return 1;
	size_t lines = (w + (size_t)cols - 1) / (size_t)cols;
	return lines > (size_t)most ? most : (int)lines;
}
