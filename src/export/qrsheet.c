#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/qrsheet.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/*
 * The page: A4 portrait, margins in inches. Excel ignores manual page breaks when
 * "fit to page" is on, so the sheet prints at 100% and the cards are sized to fit
 * the width with room to spare (184 mm of the 189 mm between the margins); a page
 * break after every row of cards that fills a page keeps each card whole.
 */
#define PAPER_A4 9
#define MARGIN_SIDE 0.4
#define MARGIN_TOP 0.4
#define MARGIN_BOTTOM 0.5
#define MARGIN_FOOTER 0.2
#define MM_PX(mm) ((mm) / 25.4 * 96.0) /* spreadsheet pixels are 1/96 inch */

/* The rows of one card, top to bottom. */
enum { R_NAME, R_LEVEL, R_STATION, R_QR, R_CODE, R_GAP, ROWS_PER_CARD };

/* Card geometry for 2 or 3 cards across (millimetres and points). */
struct geom {
	int across, down;              /* cards per row, rows of cards per page */
	double card_mm, gap_mm, qr_mm; /* column widths; printed size of the code */
	double row_mm[ROWS_PER_CARD];
	double name_pt, text_pt, code_pt;
};

/* Heights add up to 266.5 mm (3 across, 4 down) and 264 mm (2 across, 3 down) of the
 * 274 mm between the top and bottom margins. */
static const struct geom geoms[] = {
    {3, 4, 58, 5, 33, {8.5, 5.5, 5.5, 36, 7, 4}, 14, 9, 12},
    {2, 3, 88, 6, 52, {9, 6, 6, 55, 8, 4}, 16, 10, 14},
};

struct sheet {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const struct geom *g;
	lxw_format *f[ROWS_PER_CARD];
	struct qr_opts qo;
	struct sbuf png;
};

static lxw_format *card_format(lxw_workbook *wb, double pt, bool top, bool bottom)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_size(f, pt);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_shrink(f);
	/* Dashed outline: where to cut. */
	format_set_left(f, LXW_BORDER_DASHED);
	format_set_right(f, LXW_BORDER_DASHED);
	if (top)
		format_set_top(f, LXW_BORDER_DASHED);
	if (bottom)
		format_set_bottom(f, LXW_BORDER_DASHED);
	format_set_border_color(f, 0x808080);
	return f;
}

static void setup_page(struct sheet *s, lxw_row_t nrows)
{
	const struct geom *g = s->g;
	lxw_worksheet *ws = s->ws;
	lxw_col_t last_col = (lxw_col_t)(2 * g->across - 2);
	for (lxw_col_t c = 0; c <= last_col; c++)
		worksheet_set_column_pixels(
		    ws, c, c, (uint32_t)lround(MM_PX(c % 2 ? g->gap_mm : g->card_mm)), NULL);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_portrait(ws);
	worksheet_set_margins(ws, MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM);
	worksheet_center_horizontally(ws);
	worksheet_set_print_scale(ws, 100);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_print_area(ws, 0, 0, nrows - 1, last_col);
	lxw_header_footer_options fo = {.margin = MARGIN_FOOTER};
	worksheet_set_footer_opt(ws, "&C&P / &N", &fo);

	/* A break before every page's first row of cards (Excel allows 1023). */
	lxw_row_t per_page = (lxw_row_t)(g->down * ROWS_PER_CARD);
	size_t nbreaks = nrows > per_page ? (nrows - 1) / per_page : 0;
	if (nbreaks > LXW_BREAKS_MAX)
		nbreaks = LXW_BREAKS_MAX;
	if (nbreaks) {
		lxw_row_t *breaks = xcalloc(nbreaks + 1, sizeof *breaks);
		for (size_t i = 0; i < nbreaks; i++)
			breaks[i] = (lxw_row_t)((i + 1) * per_page);
		worksheet_set_h_pagebreaks(ws, breaks);
		free(breaks);
	}
}

/* Inserts the card's QR image into the cell at (row, col), centred, at the print size. */
static int put_qr(struct sheet *s, lxw_row_t row, lxw_col_t col, const struct deputy_card *c)
{
	const struct geom *g = s->g;
	struct qr q;
	int rc = qr_encode(c->url, &s->qo, &q);
	if (rc)
		return rc;
	/* About 300 dots per inch at the printed size. */
	int modules = q.width + 2 * QR_MARGIN;
	s->qo.module_px = (int)ceil(g->qr_mm / 25.4 * QR_DPI / modules);
	sbuf_reset(&s->png);
	rc = qr_png(&q, &s->qo, &s->png);
	qr_free(&q);
	if (rc)
		return rc;
	/* The image is modules * module_px pixels at QR_DPI; its size on the sheet in
	 * 96-dpi pixels is scaled to exactly qr_mm. */
	double want = MM_PX(g->qr_mm);
	double natural = (double)(modules * s->qo.module_px) * 96.0 / QR_DPI;
	char alt[200];
	snprintf(alt, sizeof alt, "%s %s", c->name, c->code);
	lxw_image_options io = {
	    .x_offset = (int32_t)lround((MM_PX(g->card_mm) - want) / 2),
	    .y_offset = (int32_t)lround((MM_PX(g->row_mm[R_QR]) - want) / 2),
	    .x_scale = want / natural,
	    .y_scale = want / natural,
	    .object_position = LXW_OBJECT_MOVE_DONT_SIZE,
	    .description = alt,
	};
	lxw_error e = worksheet_insert_image_buffer_opt(
	    s->ws, row, col, (const unsigned char *)s->png.s, s->png.len, &io);
	if (e)
		return err_set(RD_FAIL, _("print sheet: cannot insert the QR image of %s: %s"),
		               c->code, lxw_strerror(e));
	return RD_OK;
}

/* Writes one row of cards (up to g->across of them), sheet row by sheet row. */
static int put_cards(struct sheet *s, lxw_row_t top, const struct deputy_card *cards, size_t n)
{
	const struct geom *g = s->g;
	char line[600];
	for (int r = 0; r < ROWS_PER_CARD; r++) {
		lxw_row_t row = top + (lxw_row_t)r;
		worksheet_set_row(s->ws, row, g->row_mm[r] / 25.4 * 72.0, NULL);
		for (size_t i = 0; i < n; i++) {
			const struct deputy_card *c = &cards[i];
			lxw_col_t col = (lxw_col_t)(2 * i);
			lxw_format *f = s->f[r];
			switch (r) {
			case R_NAME: worksheet_write_string(s->ws, row, col, c->name, f); break;
			case R_LEVEL:
				snprintf(line, sizeof line, "%s \xc2\xb7 %s", c->level, c->town);
				worksheet_write_string(s->ws, row, col, line, f);
				break;
			case R_STATION:
				if (c->station && *c->station)
					worksheet_write_string(s->ws, row, col, c->station, f);
				else
					worksheet_write_blank(s->ws, row, col, f);
				break;
			case R_QR: {
				worksheet_write_blank(s->ws, row, col, f);
				int rc = put_qr(s, row, col, c);
				if (rc)
					return rc;
				break;
			}
			case R_CODE: worksheet_write_string(s->ws, row, col, c->code, f); break;
			default: break;
			}
		}
	}
	return RD_OK;
}

int qrsheet_write(const char *path, const struct deputy_card *cards, size_t n,
                  const struct qrsheet_opts *o)
{
	if (!n)
		return err_set(RD_NOTFOUND, _("print sheet: no deputies to put on it"));
	struct outfile of;
	int rc = outfile_begin_named(&of, path, o->force, OUTFILE_PUBLIC);
	if (rc)
		return rc;
	struct sheet s = {.g = &geoms[o->across == 2 ? 1 : 0], .png = SBUF_INIT};
	const struct geom *g = s.g;
	qr_opts_init(&s.qo);
	s.qo.ec = o->ec;
	/* Not constant_memory: in that mode libxlsxwriter forgets the heights of rows it
	 * has flushed and anchors every image as if its rows had the default height. */
	s.wb = workbook_new(of.tmp);
	if (!s.wb) {
		outfile_abort(&of);
		return err_set(RD_FAIL, _("print sheet: cannot start %s"), path);
	}
	s.ws = workbook_add_worksheet(s.wb, _("QR codes"));
	lxw_doc_properties props = {.title = (char *)_("Deputies' QR codes")};
	workbook_set_properties(s.wb, &props);
	s.f[R_NAME] = card_format(s.wb, g->name_pt, true, false);
	format_set_bold(s.f[R_NAME]);
	s.f[R_LEVEL] = card_format(s.wb, g->text_pt, false, false);
	s.f[R_STATION] = s.f[R_LEVEL];
	s.f[R_QR] = s.f[R_LEVEL];
	s.f[R_CODE] = card_format(s.wb, g->code_pt, false, true);
	format_set_bold(s.f[R_CODE]);
	format_set_font_name(s.f[R_CODE], "Courier New");
	s.f[R_GAP] = NULL;

	size_t nrows_cards = (n + (size_t)g->across - 1) / (size_t)g->across;
	lxw_row_t nrows = (lxw_row_t)(nrows_cards * ROWS_PER_CARD);
	setup_page(&s, nrows);
	for (size_t i = 0; i < n && !rc; i += (size_t)g->across) {
		size_t k = n - i < (size_t)g->across ? n - i : (size_t)g->across;
		rc =
		    put_cards(&s, (lxw_row_t)(i / (size_t)g->across * ROWS_PER_CARD), cards + i, k);
	}
	lxw_error e = workbook_close(s.wb);
	sbuf_free(&s.png);
	if (!rc && e)
		rc = err_set(RD_FAIL, _("print sheet: cannot write %s: %s"), path, lxw_strerror(e));
	if (rc)
		outfile_abort(&of);
	else
		rc = outfile_commit(&of);
	return rc;
}
