#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "export/xlsxlib.h"
#include "util/dynlib.h"
#include "util/err.h"
#include "util/i18n.h"

/*
 * Every function of libxlsxwriter that renda calls (util/dynlib.h, DYNLIB_WRAP): each is
 * defined under its own name and calls the library's, taken from it when it is first
 * needed. A call to a function not listed here fails to link: add it.
 */
#define XLSXLIB_FUNCTIONS(F, V, x)                                                                 \
	F(x, lxw_chart_series *, chart_add_series,                                                 \
	  (lxw_chart * chart, const char *categories, const char *values),                         \
	  (chart, categories, values))                                                             \
	V(x, chart_axis_set_max, (lxw_chart_axis * axis, double max), (axis, max))                 \
	V(x, chart_axis_set_min, (lxw_chart_axis * axis, double min), (axis, min))                 \
	V(x, chart_axis_set_num_format, (lxw_chart_axis * axis, const char *num_format),           \
	  (axis, num_format))                                                                      \
	V(x, chart_axis_set_reverse, (lxw_chart_axis * axis), (axis))                              \
	V(x, chart_legend_set_position, (lxw_chart * chart, uint8_t position), (chart, position))  \
	V(x, chart_series_set_categories,                                                          \
	  (lxw_chart_series * series, const char *sheetname, lxw_row_t first_row,                  \
	   lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col),                           \
	  (series, sheetname, first_row, first_col, last_row, last_col))                           \
	V(x, chart_series_set_labels, (lxw_chart_series * series), (series))                       \
	V(x, chart_series_set_name, (lxw_chart_series * series, const char *name), (series, name)) \
	V(x, chart_series_set_values,                                                              \
	  (lxw_chart_series * series, const char *sheetname, lxw_row_t first_row,                  \
	   lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col),                           \
	  (series, sheetname, first_row, first_col, last_row, last_col))                           \
	V(x, chart_title_set_name, (lxw_chart * chart, const char *name), (chart, name))           \
	V(x, chart_title_set_name_font, (lxw_chart * chart, lxw_chart_font * font), (chart, font)) \
	V(x, format_set_align, (lxw_format * format, uint8_t alignment), (format, alignment))      \
	V(x, format_set_bg_color, (lxw_format * format, lxw_color_t color), (format, color))       \
	V(x, format_set_bold, (lxw_format * format), (format))                                     \
	V(x, format_set_border, (lxw_format * format, uint8_t style), (format, style))             \
	V(x, format_set_border_color, (lxw_format * format, lxw_color_t color), (format, color))   \
	V(x, format_set_bottom, (lxw_format * format, uint8_t style), (format, style))             \
	V(x, format_set_font_color, (lxw_format * format, lxw_color_t color), (format, color))     \
	V(x, format_set_font_family, (lxw_format * format, uint8_t value), (format, value))        \
	V(x, format_set_font_name, (lxw_format * format, const char *font_name),                   \
	  (format, font_name))                                                                     \
	V(x, format_set_font_size, (lxw_format * format, double size), (format, size))             \
	V(x, format_set_indent, (lxw_format * format, uint8_t level), (format, level))             \
	V(x, format_set_left, (lxw_format * format, uint8_t style), (format, style))               \
	V(x, format_set_num_format, (lxw_format * format, const char *num_format),                 \
	  (format, num_format))                                                                    \
	V(x, format_set_right, (lxw_format * format, uint8_t style), (format, style))              \
	V(x, format_set_shrink, (lxw_format * format), (format))                                   \
	V(x, format_set_text_wrap, (lxw_format * format), (format))                                \
	V(x, format_set_top, (lxw_format * format, uint8_t style), (format, style))                \
	F(x, char *, lxw_strerror, (lxw_error error_num), (error_num))                             \
	F(x, lxw_chart *, workbook_add_chart, (lxw_workbook * workbook, uint8_t chart_type),       \
	  (workbook, chart_type))                                                                  \
	F(x, lxw_format *, workbook_add_format, (lxw_workbook * workbook), (workbook))             \
	F(x, lxw_worksheet *, workbook_add_worksheet,                                              \
	  (lxw_workbook * workbook, const char *sheetname), (workbook, sheetname))                 \
	F(x, lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))                     \
	F(x, lxw_workbook *, workbook_new, (const char *filename), (filename))                     \
	F(x, lxw_workbook *, workbook_new_opt,                                                     \
	  (const char *filename, lxw_workbook_options *options), (filename, options))              \
	F(x, lxw_error, workbook_set_properties,                                                   \
	  (lxw_workbook * workbook, lxw_doc_properties * properties), (workbook, properties))      \
	F(x, lxw_error, worksheet_autofilter,                                                      \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col,                    \
	   lxw_row_t last_row, lxw_col_t last_col),                                                \
	  (worksheet, first_row, first_col, last_row, last_col))                                   \
	V(x, worksheet_center_horizontally, (lxw_worksheet * worksheet), (worksheet))              \
	V(x, worksheet_fit_to_pages, (lxw_worksheet * worksheet, uint16_t width, uint16_t height), \
	  (worksheet, width, height))                                                              \
	V(x, worksheet_freeze_panes, (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col),    \
	  (worksheet, row, col))                                                                   \
	V(x, worksheet_gridlines, (lxw_worksheet * worksheet, uint8_t option),                     \
	  (worksheet, option))                                                                     \
	F(x, lxw_error, worksheet_insert_chart_opt,                                                \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_chart * chart,             \
	   lxw_chart_options * user_options),                                                      \
	  (worksheet, row, col, chart, user_options))                                              \
	F(x, lxw_error, worksheet_insert_image_buffer_opt,                                         \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col,                                \
	   const unsigned char *image_buffer, size_t image_size, lxw_image_options *options),      \
	  (worksheet, row, col, image_buffer, image_size, options))                                \
	F(x, lxw_error, worksheet_print_area,                                                      \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col,                    \
	   lxw_row_t last_row, lxw_col_t last_col),                                                \
	  (worksheet, first_row, first_col, last_row, last_col))                                   \
	F(x, lxw_error, worksheet_repeat_columns,                                                  \
	  (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col),                    \
	  (worksheet, first_col, last_col))                                                        \
	F(x, lxw_error, worksheet_repeat_rows,                                                     \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_row_t last_row),                    \
	  (worksheet, first_row, last_row))                                                        \
	F(x, lxw_error, worksheet_set_column,                                                      \
	  (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,       \
	   lxw_format *format),                                                                    \
	  (worksheet, first_col, last_col, width, format))                                         \
	V(x, worksheet_set_default_row,                                                            \
	  (lxw_worksheet * worksheet, double height, uint8_t hide_unused_rows),                    \
	  (worksheet, height, hide_unused_rows))                                                   \
	F(x, lxw_error, worksheet_set_footer_opt,                                                  \
	  (lxw_worksheet * worksheet, const char *string, lxw_header_footer_options *options),     \
	  (worksheet, string, options))                                                            \
	F(x, lxw_error, worksheet_set_h_pagebreaks,                                                \
	  (lxw_worksheet * worksheet, lxw_row_t * breaks), (worksheet, breaks))                    \
	F(x, lxw_error, worksheet_set_header_opt,                                                  \
	  (lxw_worksheet * worksheet, const char *string, lxw_header_footer_options *options),     \
	  (worksheet, string, options))                                                            \
	V(x, worksheet_set_landscape, (lxw_worksheet * worksheet), (worksheet))                    \
	V(x, worksheet_set_margins,                                                                \
	  (lxw_worksheet * worksheet, double left, double right, double top, double bottom),       \
	  (worksheet, left, right, top, bottom))                                                   \
	V(x, worksheet_set_paper, (lxw_worksheet * worksheet, uint8_t paper_type),                 \
	  (worksheet, paper_type))                                                                 \
	V(x, worksheet_set_portrait, (lxw_worksheet * worksheet), (worksheet))                     \
	V(x, worksheet_set_print_scale, (lxw_worksheet * worksheet, uint16_t scale),               \
	  (worksheet, scale))                                                                      \
	F(x, lxw_error, worksheet_set_row,                                                         \
	  (lxw_worksheet * worksheet, lxw_row_t row, double height, lxw_format *format),           \
	  (worksheet, row, height, format))                                                        \
	F(x, lxw_error, worksheet_write_blank,                                                     \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_format * format),          \
	  (worksheet, row, col, format))                                                           \
	F(x, lxw_error, worksheet_write_datetime,                                                  \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime * datetime,       \
	   lxw_format * format),                                                                   \
	  (worksheet, row, col, datetime, format))                                                 \
	F(x, lxw_error, worksheet_write_number,                                                    \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number,                 \
	   lxw_format *format),                                                                    \
	  (worksheet, row, col, number, format))                                                   \
	F(x, lxw_error, worksheet_write_string,                                                    \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char *string,            \
	   lxw_format *format),                                                                    \
	  (worksheet, row, col, string, format))

DYNLIB_WRAP(xlsxlib, XLSXWRITER_LIBRARY, XLSXLIB_FUNCTIONS)

int xlsxlib_ready(void)
{
	if (dynlib_ready(&xlsxlib))
		return err_set(RD_FAIL, _("cannot load the workbook library %s: %s"),
		               XLSXWRITER_LIBRARY, xlsxlib.why);
	return RD_OK;
}
