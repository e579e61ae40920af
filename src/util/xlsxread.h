/*
 * Reading the first worksheet of an XLSX workbook (Office Open XML, as Excel, WPS
 * and LibreOffice save it) into rows of strings, in the shape of csvread.h, so
 * that an import takes a workbook wherever it takes a CSV file. The package is
 * read with minizip (zlib's, which libxlsxwriter uses too) and its parts parsed
 * as they are inflated with expat: the workbook, its relationships, the shared
 * strings, the cell formats (to know a date) and the first sheet.
 *
 * Cells become the text a person reads in them: strings as they are, whole
 * numbers in full ("13812345678"), other numbers with up to 15 significant
 * digits, as Excel shows them; a number with a date format "YYYY-MM-DD", with a
 * time format "HH:MM:SS", with both "YYYY-MM-DD HH:MM:SS" (1900 and 1904 date
 * systems); booleans "1" or "0"; errors as written ("#N/A"). Blank rows are
 * skipped; a row's line is its row number in the sheet.
 */
#ifndef RENDA_XLSXREAD_H
#define RENDA_XLSXREAD_H

#include <stdbool.h>

#include "util/csvread.h"

/*
 * Reads the first sheet; its first row that is not blank is the header.
 * RD_OK, or RD_INVALID with "file: reason" in err_msg() (not a workbook, a
 * damaged part, an empty sheet).
 */
int xlsxf_read(const char *path, struct csv_file *out);

/*
 * Reads a table from path: the first sheet of an XLSX workbook when the file
 * is a ZIP archive, otherwise CSV (csvf_read). An Excel 97-2003 workbook (.xls)
 * is refused with a message that asks for .xlsx or .csv.
 */
int tablef_read(const char *path, struct csv_file *out);

#endif
