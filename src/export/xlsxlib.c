#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "export/xlsxlib.h"
#include "util/dynlib.h"
#include "util/err.h"
#include "util/i18n.h"

/*
 * Every function of libxlsxwriter that renda calls: F(return type, name, parameters,
 * arguments), V(name, parameters, arguments) for those that return nothing. Each is
 * defined below under its own name (the compiler checks it against xlsxwriter.h) and
 * calls the library's, taken from it when it is loaded (dynlib_open). A call to a
 * function not listed here fails to link: add it.
 */
#define XLSXLIB_FUNCTIONS(F, V)                                                                    \
	F(lxw_chart_series *, chart_add_series,                                                    \
	  (lxw_chart * chart, const char *categories, const char *values),                         \
	  (chart, categories, values))                                                             \
	V(chart_axis_set_max, (lxw_chart_axis * axis, double max), (axis, max))                    \
	V(chart_axis_set_min, (lxw_chart_axis * axis, double min), (axis, min))                    \
	V(chart_axis_set_num_format, (lxw_chart_axis * axis, const char *num_format),              \
	  (axis, num_format))                                                                      \
	V(chart_axis_set_reverse, (lxw_chart_axis * axis), (axis))                                 \
	V(chart_legend_set_position, (lxw_chart * chart, uint8_t position), (chart, position))     \
	V(chart_series_set_categories,                                                             \
	  (lxw_chart_series * series, const char *sheetname, lxw_row_t first_row,                  \
	   lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col),                           \
	  (series, sheetname, first_row, first_col, last_row, last_col))                           \
	V(chart_series_set_labels, (lxw_chart_series * series), (series))                          \
	V(chart_series_set_name, (lxw_chart_series * series, const char *name), (series, name))    \
	V(chart_series_set_values,                                                                 \
	  (lxw_chart_series * series, const char *sheetname, lxw_row_t first_row,                  \
	   lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col),                           \
	  (series, sheetname, first_row, first_col, last_row, last_col))                           \
	V(chart_title_set_name, (lxw_chart * chart, const char *name), (chart, name))              \
	V(chart_title_set_name_font, (lxw_chart * chart, lxw_chart_font * font), (chart, font))    \
	V(format_set_align, (lxw_format * format, uint8_t alignment), (format, alignment))         \
	V(format_set_bg_color, (lxw_format * format, lxw_color_t color), (format, color))          \
	V(format_set_bold, (lxw_format * format), (format))                                        \
	V(format_set_border, (lxw_format * format, uint8_t style), (format, style))                \
	V(format_set_border_color, (lxw_format * format, lxw_color_t color), (format, color))      \
	V(format_set_bottom, (lxw_format * format, uint8_t style), (format, style))                \
	V(format_set_font_color, (lxw_format * format, lxw_color_t color), (format, color))        \
	V(format_set_font_family, (lxw_format * format, uint8_t value), (format, value))           \
	V(format_set_font_name, (lxw_format * format, const char *font_name), (format, font_name)) \
	V(format_set_font_size, (lxw_format * format, double size), (format, size))                \
	V(format_set_indent, (lxw_format * format, uint8_t level), (format, level))                \
	V(format_set_left, (lxw_format * format, uint8_t style), (format, style))                  \
	V(format_set_num_format, (lxw_format * format, const char *num_format),                    \
	  (format, num_format))                                                                    \
	V(format_set_right, (lxw_format * format, uint8_t style), (format, style))                 \
	V(format_set_shrink, (lxw_format * format), (format))                                      \
	V(format_set_text_wrap, (lxw_format * format), (format))                                   \
	V(format_set_top, (lxw_format * format, uint8_t style), (format, style))                   \
	F(char *, lxw_strerror, (lxw_error error_num), (error_num))                                \
	F(lxw_chart *, workbook_add_chart, (lxw_workbook * workbook, uint8_t chart_type),          \
	  (workbook, chart_type))                                                                  \
	F(lxw_format *, workbook_add_format, (lxw_workbook * workbook), (workbook))                \
	F(lxw_worksheet *, workbook_add_worksheet,                                                 \
	  (lxw_workbook * workbook, const char *sheetname), (workbook, sheetname))                 \
	F(lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))                        \
	F(lxw_workbook *, workbook_new, (const char *filename), (filename))                        \
	F(lxw_workbook *, workbook_new_opt, (const char *filename, lxw_workbook_options *options), \
	  (filename, options))                                                                     \
	F(lxw_error, workbook_set_properties,                                                      \
	  (lxw_workbook * workbook, lxw_doc_properties * properties), (workbook, properties))      \
	F(lxw_error, worksheet_autofilter,                                                         \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col,                    \
	   lxw_row_t last_row, lxw_col_t last_col),                                                \
	  (worksheet, first_row, first_col, last_row, last_col))                                   \
	V(worksheet_center_horizontally, (lxw_worksheet * worksheet), (worksheet))                 \
	V(worksheet_fit_to_pages, (lxw_worksheet * worksheet, uint16_t width, uint16_t height),    \
	  (worksheet, width, height))                                                              \
	V(worksheet_freeze_panes, (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col),       \
	  (worksheet, row, col))                                                                   \
	V(worksheet_gridlines, (lxw_worksheet * worksheet, uint8_t option), (worksheet, option))   \
	F(lxw_error, worksheet_insert_chart_opt,                                                   \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_chart * chart,             \
	   lxw_chart_options * user_options),                                                      \
	  (worksheet, row, col, chart, user_options))                                              \
	F(lxw_error, worksheet_insert_image_buffer_opt,                                            \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col,                                \
	   const unsigned char *image_buffer, size_t image_size, lxw_image_options *options),      \
	  (worksheet, row, col, image_buffer, image_size, options))                                \
	F(lxw_error, worksheet_print_area,                                                         \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col,                    \
	   lxw_row_t last_row, lxw_col_t last_col),                                                \
	  (worksheet, first_row, first_col, last_row, last_col))                                   \
	F(lxw_error, worksheet_repeat_columns,                                                     \
	  (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col),                    \
	  (worksheet, first_col, last_col))                                                        \
	F(lxw_error, worksheet_repeat_rows,                                                        \
	  (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_row_t last_row),                    \
	  (worksheet, first_row, last_row))                                                        \
	F(lxw_error, worksheet_set_column,                                                         \
	  (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,       \
	   lxw_format *format),                                                                    \
	  (worksheet, first_col, last_col, width, format))                                         \
	V(worksheet_set_default_row,                                                               \
	  (lxw_worksheet * worksheet, double height, uint8_t hide_unused_rows),                    \
	  (worksheet, height, hide_unused_rows))                                                   \
	F(lxw_error, worksheet_set_footer_opt,                                                     \
	  (lxw_worksheet * worksheet, const char *string, lxw_header_footer_options *options),     \
	  (worksheet, string, options))                                                            \
	F(lxw_error, worksheet_set_h_pagebreaks, (lxw_worksheet * worksheet, lxw_row_t * breaks),  \
	  (worksheet, breaks))                                                                     \
	F(lxw_error, worksheet_set_header_opt,                                                     \
	  (lxw_worksheet * worksheet, const char *string, lxw_header_footer_options *options),     \
	  (worksheet, string, options))                                                            \
	V(worksheet_set_landscape, (lxw_worksheet * worksheet), (worksheet))                       \
	V(worksheet_set_margins,                                                                   \
	  (lxw_worksheet * worksheet, double left, double right, double top, double bottom),       \
	  (worksheet, left, right, top, bottom))                                                   \
	V(worksheet_set_paper, (lxw_worksheet * worksheet, uint8_t paper_type),                    \
	  (worksheet, paper_type))                                                                 \
	V(worksheet_set_portrait, (lxw_worksheet * worksheet), (worksheet))                        \
	V(worksheet_set_print_scale, (lxw_worksheet * worksheet, uint16_t scale),                  \
	  (worksheet, scale))                                                                      \
	F(lxw_error, worksheet_set_row,                                                            \
	  (lxw_worksheet * worksheet, lxw_row_t row, double height, lxw_format *format),           \
	  (worksheet, row, height, format))                                                        \
	F(lxw_error, worksheet_write_blank,                                                        \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_format * format),          \
	  (worksheet, row, col, format))                                                           \
	F(lxw_error, worksheet_write_datetime,                                                     \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime * datetime,       \
	   lxw_format * format),                                                                   \
	  (worksheet, row, col, datetime, format))                                                 \
	F(lxw_error, worksheet_write_number,                                                       \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number,                 \
	   lxw_format *format),                                                                    \
	  (worksheet, row, col, number, format))                                                   \
	F(lxw_error, worksheet_write_string,                                                       \
	  (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char *string,            \
	   lxw_format *format),                                                                    \
	  (worksheet, row, col, string, format))

#define MEMBER(ret, name, params, args) ret(*name) params;
#define MEMBER_V(name, params, args) void(*name) params;
#define SYMBOL(ret, name, params, args) {#name, (void **)&lib.name},
#define SYMBOL_V(name, params, args) {#name, (void **)&lib.name},

/* The library, loaded once for the process (the reports are written by one thread at a
   time, but pthread_once costs nothing on the way through). */
static struct {
	pthread_once_t once;
	bool loaded;
	char why[200]; /* why it could not be loaded */
	XLSXLIB_FUNCTIONS(MEMBER, MEMBER_V)
} lib = {.once = PTHREAD_ONCE_INIT};

static void load(void)
{
	static const struct dynlib_sym syms[] = {XLSXLIB_FUNCTIONS(SYMBOL, SYMBOL_V)};
	lib.loaded = dynlib_open(XLSXWRITER_LIBRARY, syms, sizeof syms / sizeof syms[0], lib.why,
	                         sizeof lib.why);
}

int xlsxlib_ready(void)
{
	pthread_once(&lib.once, load);
	if (!lib.loaded)
		return err_set(RD_FAIL, _("cannot load the workbook library %s: %s"),
		               XLSXWRITER_LIBRARY, lib.why);
	return RD_OK;
}

/* Each function of the list: the library's, once it is loaded. Called without
   xlsxlib_ready() having said yes, it stops the program with the reason (there is no
   error to return from a library function that has none). */
static void need(void)
{
	pthread_once(&lib.once, load);
	if (!lib.loaded) {
		fprintf(stderr, "renda: cannot load %s: %s\n", XLSXWRITER_LIBRARY, lib.why);
		abort();
	}
}

#define DEFINE(ret, name, params, args)                                                            \
	ret name params                                                                            \
	{                                                                                          \
		need();                                                                            \
		return lib.name args;                                                              \
	}
#define DEFINE_V(name, params, args)                                                               \
	void name params                                                                           \
	{                                                                                          \
		need();                                                                            \
		lib.name args;                                                                     \
	}
XLSXLIB_FUNCTIONS(DEFINE, DEFINE_V)
