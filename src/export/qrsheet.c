#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/qrsheet.h"
#include "export/xlsxlib.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/*
 * The page: A4 portrait, margins in inches, fit to one page wide, the cards centred
 * across. The cards take 180 mm (3 across) or 178 mm (2 across) of the 189.7 mm
 * between the side margins, so that they fit at 100% in Excel, WPS and LibreOffice
 * alike: "fit to width" is there for a printer with wider margins, and does nothing
 * otherwise.
 *
 * Column widths are stored in digits of the workbook's default font, which each
 * program measures in its own copy of that font. Calibri, the usual default, is
 * missing on Linux desktops, where LibreOffice measures DejaVu Sans instead: digits a
 * third wider, and the third column of cards fell off the page. Every monospaced
 * font has digits 0.6 em wide (Courier New, Liberation Mono, DejaVu Sans Mono), so
 * the sheet's default font is Courier New and the widths agree everywhere within 2%.
 *
 * Rows are measured in points, which every program keeps: each height is a multiple
 * of 0.75 pt (one pixel at 96 dpi, so Excel does not round it), and the rows of
 * "down" cards leave less spare height than the first row of a card, so that an
 * automatic page break falls between two cards exactly where the manual one is.
 */
#define PAPER_A4 9
#define MARGIN_SIDE 0.4
#define MARGIN_TOP 0.4
#define MARGIN_BOTTOM 0.5
#define MARGIN_FOOTER 0.2
#define MM_PX(mm) ((mm) / 25.4 * 96.0) /* spreadsheet pixels are 1/96 inch */
#define PT_PX(pt) ((pt)*96.0 / 72.0)
#define MONO_FONT "Courier New"
#define MONO_FAMILY 3   /* "modern": fixed pitch */
#define MONO_DIGIT_PX 9 /* an 11 pt digit of a monospaced font at 96 dpi (0.6 em) */
/* libxlsxwriter's idea of a column: digits of 7 pixels and 5 pixels of padding. */
#define LXW_DIGIT_PX 7
#define LXW_PAD_PX 5

/* The rows of one card, top to bottom. */
enum { R_NAME, R_LEVEL, R_STATION, R_QR, R_CODE, R_NOTE, R_URL, R_GAP, ROWS_PER_CARD };

/* Card geometry for 2 or 3 cards across. */
struct geom {
	int across, down;              /* cards per row, rows of cards per page */
	double card_mm, gap_mm, qr_mm; /* column widths; printed size of the code */
	double row_pt[ROWS_PER_CARD];  /* multiples of 0.75 pt */
	double name_pt, text_pt, code_pt, note_pt, url_pt;
};

/*
 * A card is 189.75 pt high (3 across, 4 down: 759 pt) or 253.5 pt (2 across, 3
 * down: 760.5 pt) of the 777 pt between the top and bottom margins; the spare 18
 * or 16.5 pt is less than a name row.
 */
static const struct geom geoms[] = {
    {3, 4, 56, 6, 30, {21, 12.75, 12.75, 90.75, 17.25, 14.25, 12.75, 8.25}, 14, 9, 12, 9, 7.5},
    {2, 3, 85, 8, 45, {24, 14.25, 14.25, 141.75, 19.5, 15.75, 14.25, 9.75}, 16, 10, 14, 11, 8},
};

struct sheet {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const struct geom *g;
	lxw_format *f[ROWS_PER_CARD];
	const char *note;
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

/* Makes Courier New the workbook's default font (see the top of this file). */
static void default_font_mono(lxw_workbook *wb)
{
	/* The default format is the first of the workbook's formats, made by workbook_new(). */
	lxw_format *def = STAILQ_FIRST(wb->formats);
	format_set_font_name(def, MONO_FONT);
	format_set_font_family(def, MONO_FAMILY);
}

/* The width to give libxlsxwriter for a column of mm millimetres (see the top). */
static double col_width(double mm)
{
	/* Stored: px / digit; libxlsxwriter stores width + padding / its digit. */
	return MM_PX(mm) / MONO_DIGIT_PX - (double)LXW_PAD_PX / LXW_DIGIT_PX;
}

static void setup_page(struct sheet *s, lxw_row_t nrows)
{
	const struct geom *g = s->g;
	lxw_worksheet *ws = s->ws;
	lxw_col_t last_col = (lxw_col_t)(2 * g->across - 2);
	for (lxw_col_t c = 0; c <= last_col; c++)
		worksheet_set_column(ws, c, c, col_width(c % 2 ? g->gap_mm : g->card_mm), NULL);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_portrait(ws);
	worksheet_set_margins(ws, MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM);
	worksheet_center_horizontally(ws);
	worksheet_fit_to_pages(ws, 1, 0);
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
	/*
	 * The image is modules * module_px pixels at QR_DPI; it is scaled to exactly qr_mm
	 * and centred in the card's column. libxlsxwriter anchors its right edge by its
	 * own, narrower idea of the column (7-pixel digits), in which the image still
	 * ends inside the column (the widths of geoms[] leave room for it), so every
	 * program draws it qr_mm square.
	 */
	double want = MM_PX(g->qr_mm);
	double natural = (double)(modules * s->qo.module_px) * 96.0 / QR_DPI;
	char alt[200];
	snprintf(alt, sizeof alt, "%s %s", c->name, c->code);
	lxw_image_options io = {
	    .x_offset = (int32_t)lround((MM_PX(g->card_mm) - want) / 2),
	    .y_offset = (int32_t)lround((PT_PX(g->row_pt[R_QR]) - want) / 2),
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
		worksheet_set_row(s->ws, row, g->row_pt[r], NULL);
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
			case R_NOTE:
				if (*s->note)
					worksheet_write_string(s->ws, row, col, s->note, f);
				else
					worksheet_write_blank(s->ws, row, col, f);
				break;
			case R_URL: worksheet_write_string(s->ws, row, col, c->url, f); break;
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
	int rc = xlsxlib_ready();
	if (rc)
		return rc;
	struct outfile of;
	rc = outfile_begin_named(&of, path, o->force, OUTFILE_PUBLIC);
	if (rc)
		return rc;
	struct sheet s = {.g = &geoms[o->across == 2 ? 1 : 0], .png = SBUF_INIT};
	s.note =
	    conf.qr_card_note ? conf.qr_card_note : _("Scan to tell your deputy what you think");
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
	default_font_mono(s.wb);
	s.ws = workbook_add_worksheet(s.wb, _("QR codes"));
	lxw_doc_properties props = {.title = (char *)_("Deputies' QR codes")};
	workbook_set_properties(s.wb, &props);
	s.f[R_NAME] = card_format(s.wb, g->name_pt, true, false);
	format_set_bold(s.f[R_NAME]);
	s.f[R_LEVEL] = card_format(s.wb, g->text_pt, false, false);
	s.f[R_STATION] = s.f[R_LEVEL];
	s.f[R_QR] = s.f[R_LEVEL];
	s.f[R_CODE] = card_format(s.wb, g->code_pt, false, false);
	format_set_bold(s.f[R_CODE]);
	format_set_font_name(s.f[R_CODE], MONO_FONT);
	format_set_font_family(s.f[R_CODE], MONO_FAMILY);
	s.f[R_NOTE] = card_format(s.wb, g->note_pt, false, false);
	format_set_bold(s.f[R_NOTE]);
	s.f[R_URL] = card_format(s.wb, g->url_pt, false, true);
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
