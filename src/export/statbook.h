/*
 * The one XLSX writer of statistics tables (model/stat/stat.h) for every
 * module's workbook: the cover block, a sheet per breakdown, the figures of
 * a total beside the same period of the previous year, a chart per table
 * and the notes sheet of definitions, each set up for printing (A4, fit to
 * one page wide, landscape when wide, title and header rows repeated, a
 * footer "title 第 n 页 共 m 页", margins), with rates and counts as numbers,
 * days as date cells and sheet names and labels in the user's language.
 * Output layer; knows nothing of the records.
 */
#ifndef RENDA_STATBOOK_H
#define RENDA_STATBOOK_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "export/xsheet.h"
#include "model/stat/stat.h"

/* The formats of a workbook, made once by sb_open(). */
struct sb_formats {
	lxw_format *title, *subtitle, *note, *head, *label, *pct, *fixed, *total, *total_pct,
	    *total_fixed, *date, *datetime, *wrap, *cover_body, *cover_title;
};

struct statbook {
	lxw_workbook *wb;
	struct sb_formats f;
	char *title;  /* the report's title (footer, cover, properties) */
	char *header; /* the text of every page's header: the issuing body, the town */
};

/*
 * Starts a workbook at tmp (constant_memory: rows are written in order and
 * streamed), with the report's title and the text every page's header
 * carries. RD_OK or RD_FAIL with a message naming path.
 */
int sb_open(struct statbook *b, const char *tmp, const char *path, bool constant_memory,
            const char *title, const char *header, const char *asof);
/* Closes and writes the workbook; RD_OK or RD_FAIL naming path. */
int sb_close(struct statbook *b, const char *path);

/*
 * Sets a sheet up for printing: A4, landscape when `wide`, fit to one page
 * wide, rows first..last repeated at the top of each page (-1: none), the
 * header and the footer with the report's title and 第 &P 页 共 &N 页.
 */
void sb_print(struct statbook *b, lxw_worksheet *ws, bool wide, int first, int last);

/* A sheet's title row (row 0) and, when given, a note under it (row 1); returns the next row. */
lxw_row_t sb_title(struct statbook *b, struct xsheet *s, const char *title, const char *note);

/*
 * A sheet per breakdown: a title row, a header row, a row per key and the
 * total, the columns that are not hidden; frozen under the header and
 * filtered; set up for printing.
 */
int sb_breakdown(struct statbook *b, lxw_worksheet *ws, const struct stat_table *t,
                 const char *sheet);

/*
 * The figures of t's total from row on, a line each (label, value, and the
 * figure of prev's total, the same period of the previous year, when prev is
 * not NULL), under a header naming the two periods. Returns the next row.
 */
lxw_row_t sb_figures(struct statbook *b, struct xsheet *s, lxw_row_t row,
                     const struct stat_table *t, const struct stat_table *prev, const char *head,
                     const char *prev_head);

/* A chart of a summary: a breakdown table and the sheet sb_breakdown wrote it to. */
struct sb_chart_spec {
	const struct stat_table *t;
	const char *sheet;
	const char *title; /* unique in the workbook */
	bool pie;
	const int *cols; /* rate columns drawn side by side, ending with -1; NULL: the count */
};

/*
 * The charts of a summary sheet from row on, two across (bars for long
 * keys, their first STAT_CHART_TOP; value axes from 0), with page breaks so
 * that no chart is cut; sets the sheet up for printing at a fixed scale.
 * The rows above must be of SUMMARY_ROW_PT points: sb_summary_rows().
 */
void sb_summary(struct statbook *b, lxw_worksheet *ws, lxw_row_t row, const struct sb_chart_spec *c,
                int n);
/* Makes every row of a summary sheet SUMMARY_ROW_PT points high (before any is written). */
void sb_summary_rows(lxw_worksheet *ws);

/* The notes of a table's columns: label and definition, one a line; returns the next row. */
lxw_row_t sb_definitions(struct statbook *b, struct xsheet *s, lxw_row_t row,
                         const struct stat_table *t);

/* A line of label and value (notes and cover); returns the next row. */
lxw_row_t sb_line(struct statbook *b, struct xsheet *s, lxw_row_t row, const char *label,
                  const char *value);

/* Writes "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as a date cell (blank when empty or not a date). */
void sb_date(struct statbook *b, struct xsheet *s, lxw_row_t row, int col, const char *text);

/*
 * Lines a wrapped text takes in a column cols display columns wide (at most
 * most), from its length alone: measuring each text's width would cost more
 * than writing it. A text of Chinese is measured right, one of ASCII takes
 * fewer lines than this says, never more.
 */
int sb_text_lines(const char *s, int cols, int most);

/* "2025年1月1日" in Chinese, "1 January 2025" otherwise, of a day number; caller frees. */
char *sb_day_words(int day);

#endif
