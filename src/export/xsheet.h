/*
 * Small helpers for the worksheets of the XLSX reports (libxlsxwriter): cells
 * written with the display width of their text noted, so that each column
 * gets the width of its widest text (up to a cap), and names Excel takes for
 * sheets. Output layer; knows nothing of the records.
 */
#ifndef RENDA_XSHEET_H
#define RENDA_XSHEET_H

#include <stdbool.h>
#include <xlsxwriter.h>

/* A worksheet and the widest text written in each of its columns (display columns). */
struct xsheet {
	lxw_worksheet *ws;
	int ncols;
	int *width, *cap; /* owned until xsheet_widths() */
	lxw_error err;    /* the first error of a write */
};

/* Starts counting widths for ncols columns of ws, each capped at cap display columns. */
void xsheet_init(struct xsheet *s, lxw_worksheet *ws, int ncols, int cap);
/* Notes the display width of text in column col. */
void xsheet_measure(struct xsheet *s, int col, const char *text);
/* Writes a string (a blank cell with format f when text is empty or NULL). */
void xsheet_text(struct xsheet *s, lxw_row_t row, int col, const char *text, lxw_format *f);
/* Writes a number, noting width display columns for it. */
void xsheet_number(struct xsheet *s, lxw_row_t row, int col, double v, lxw_format *f, int width);
/* Sets each column's width from the widest text in it (plus a margin) and frees the counts. */
void xsheet_widths(struct xsheet *s);
/*
 * A sheet name Excel takes: at most 31 characters, none of []:*?/\ (each
 * becomes '_'), not starting or ending with an apostrophe. Returns a new string.
 */
char *xsheet_name(const char *label);

/*
 * Writes a workbook file the safe way: refuses an existing path unless force,
 * has write(ctx, tmp) make the workbook under a temporary name beside it, and
 * moves it into place only when that succeeded (removing it otherwise).
 */
int xsheet_write_file(const char *path, bool force, int (*write)(void *ctx, const char *tmp),
                      void *ctx);

#endif
