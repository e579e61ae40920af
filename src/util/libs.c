#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <csv.h>
#include <expat.h>
#include <unzip.h>
#include <pcre2.h>
#include <png.h>
#include <qrencode.h>
#include <stdlib.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/sbuf.h"

/* Each library's functions that renda calls (util/dynlib.h, DYNLIB_WRAP). A call to a
   function not listed here fails to link: add it. */
#define CSV_FUNCTIONS(F, V, x)                                                                     \
	F(x, int, csv_init, (struct csv_parser * p, unsigned char options), (p, options))          \
	F(x, int, csv_fini,                                                                        \
	  (struct csv_parser * p, void (*cb1)(void *, size_t, void *), void (*cb2)(int, void *),   \
	   void *data),                                                                            \
	  (p, cb1, cb2, data))                                                                     \
	V(x, csv_free, (struct csv_parser * p), (p))                                               \
	F(x, int, csv_error, (struct csv_parser * p), (p))                                         \
	F(x, char *, csv_strerror, (int error), (error))                                           \
	F(x, size_t, csv_parse,                                                                    \
	  (struct csv_parser * p, const void *s, size_t len, void (*cb1)(void *, size_t, void *),  \
	   void (*cb2)(int, void *), void *data),                                                  \
	  (p, s, len, cb1, cb2, data))
DYNLIB_WRAP(libs_csv, CSV_LIBRARY, CSV_FUNCTIONS)

#define PCRE2_FUNCTIONS(F, V, x)                                                                   \
	F(x, pcre2_match_context *, pcre2_match_context_create, (pcre2_general_context * g), (g))  \
	F(x, int, pcre2_set_depth_limit, (pcre2_match_context * c, uint32_t n), (c, n))            \
	F(x, int, pcre2_set_heap_limit, (pcre2_match_context * c, uint32_t n), (c, n))             \
	F(x, int, pcre2_set_match_limit, (pcre2_match_context * c, uint32_t n), (c, n))            \
	F(x, pcre2_code *, pcre2_compile,                                                          \
	  (PCRE2_SPTR p, PCRE2_SIZE len, uint32_t opt, int *err, PCRE2_SIZE *off,                  \
	   pcre2_compile_context *c),                                                              \
	  (p, len, opt, err, off, c))                                                              \
	V(x, pcre2_code_free, (pcre2_code * c), (c))                                               \
	F(x, int, pcre2_pattern_info, (const pcre2_code *c, uint32_t what, void *where),           \
	  (c, what, where))                                                                        \
	F(x, pcre2_match_data *, pcre2_match_data_create_from_pattern,                             \
	  (const pcre2_code *c, pcre2_general_context *g), (c, g))                                 \
	F(x, int, pcre2_match,                                                                     \
	  (const pcre2_code *c, PCRE2_SPTR s, PCRE2_SIZE len, PCRE2_SIZE start, uint32_t opt,      \
	   pcre2_match_data *md, pcre2_match_context *mc),                                         \
	  (c, s, len, start, opt, md, mc))                                                         \
	V(x, pcre2_match_data_free, (pcre2_match_data * md), (md))                                 \
	F(x, PCRE2_SIZE *, pcre2_get_ovector_pointer, (pcre2_match_data * md), (md))               \
	F(x, int, pcre2_jit_compile, (pcre2_code * c, uint32_t opt), (c, opt))                     \
	F(x, pcre2_jit_stack *, pcre2_jit_stack_create,                                            \
	  (PCRE2_SIZE start, PCRE2_SIZE max, pcre2_general_context * g), (start, max, g))          \
	V(x, pcre2_jit_stack_assign, (pcre2_match_context * mc, pcre2_jit_callback cb, void *d),   \
	  (mc, cb, d))                                                                             \
	F(x, int, pcre2_get_error_message, (int code, PCRE2_UCHAR *buf, PCRE2_SIZE len),           \
	  (code, buf, len))
DYNLIB_WRAP(libs_pcre2, PCRE2_LIBRARY, PCRE2_FUNCTIONS)

#define QRENCODE_FUNCTIONS(F, V, x)                                                                \
	F(x, QRcode *, QRcode_encodeString,                                                        \
	  (const char *string, int version, QRecLevel level, QRencodeMode hint,                    \
	   int casesensitive),                                                                     \
	  (string, version, level, hint, casesensitive))                                           \
	V(x, QRcode_free, (QRcode * qrcode), (qrcode))
DYNLIB_WRAP(libs_qrencode, QRENCODE_LIBRARY, QRENCODE_FUNCTIONS)

#define PNG_FUNCTIONS(F, V, x)                                                                     \
	F(x, png_infop, png_create_info_struct, (png_const_structrp png_ptr), (png_ptr))           \
	F(x, png_structp, png_create_write_struct,                                                 \
	  (png_const_charp ver, png_voidp error_ptr, png_error_ptr error_fn,                       \
	   png_error_ptr warn_fn),                                                                 \
	  (ver, error_ptr, error_fn, warn_fn))                                                     \
	V(x, png_destroy_write_struct, (png_structpp png_ptr_ptr, png_infopp info_ptr_ptr),        \
	  (png_ptr_ptr, info_ptr_ptr))                                                             \
	F(x, png_voidp, png_get_error_ptr, (png_const_structrp png_ptr), (png_ptr))                \
	F(x, png_voidp, png_get_io_ptr, (png_const_structrp png_ptr), (png_ptr))                   \
	V(x, png_set_IHDR,                                                                         \
	  (png_const_structrp png_ptr, png_inforp info_ptr, png_uint_32 width, png_uint_32 height, \
	   int bit_depth, int color_type, int interlace, int compression, int filter),             \
	  (png_ptr, info_ptr, width, height, bit_depth, color_type, interlace, compression,        \
	   filter))                                                                                \
	V(x, png_set_compression_level, (png_structrp png_ptr, int level), (png_ptr, level))       \
	V(x, png_set_filter, (png_structrp png_ptr, int method, int filters),                      \
	  (png_ptr, method, filters))                                                              \
	F(x, jmp_buf *, png_set_longjmp_fn,                                                        \
	  (png_structrp png_ptr, png_longjmp_ptr longjmp_fn, size_t jmp_buf_size),                 \
	  (png_ptr, longjmp_fn, jmp_buf_size))                                                     \
	V(x, png_set_pHYs,                                                                         \
	  (png_const_structrp png_ptr, png_inforp info_ptr, png_uint_32 res_x, png_uint_32 res_y,  \
	   int unit_type),                                                                         \
	  (png_ptr, info_ptr, res_x, res_y, unit_type))                                            \
	V(x, png_set_write_fn,                                                                     \
	  (png_structrp png_ptr, png_voidp io_ptr, png_rw_ptr write_fn, png_flush_ptr flush_fn),   \
	  (png_ptr, io_ptr, write_fn, flush_fn))                                                   \
	V(x, png_write_end, (png_structrp png_ptr, png_inforp info_ptr), (png_ptr, info_ptr))      \
	V(x, png_write_info, (png_structrp png_ptr, png_const_inforp info_ptr),                    \
	  (png_ptr, info_ptr))                                                                     \
	V(x, png_write_row, (png_structrp png_ptr, png_const_bytep row), (png_ptr, row))
/* And png_longjmp(), which never returns: defined by hand. */
#define PNG_TABLE(F, V, x)                                                                         \
	PNG_FUNCTIONS(F, V, x)                                                                     \
	V(x, png_longjmp, (png_const_structrp png_ptr, int val), (png_ptr, val))
DYNLIB_TABLE(libs_png, PNG_LIBRARY, PNG_TABLE)
PNG_FUNCTIONS(DYNLIB_DEFINE, DYNLIB_DEFINE_V, libs_png)

void png_longjmp(png_const_structrp png_ptr, int val)
{
	dynlib_need(&libs_png);
	libs_png_fn.png_longjmp(png_ptr, val);
	abort(); /* the library's returns no more than this one */
}

#define MINIZIP_FUNCTIONS(F, V, x)                                                                 \
	F(x, unzFile, unzOpen64, (const void *path), (path))                                       \
	F(x, int, unzClose, (unzFile file), (file))                                                \
	F(x, int, unzLocateFile, (unzFile file, const char *name, int case_sensitive),             \
	  (file, name, case_sensitive))                                                            \
	F(x, int, unzGetCurrentFileInfo64,                                                         \
	  (unzFile file, unz_file_info64 * info, char *name, uLong name_size, void *extra,         \
	   uLong extra_size, char *comment, uLong comment_size),                                   \
	  (file, info, name, name_size, extra, extra_size, comment, comment_size))                 \
	F(x, int, unzOpenCurrentFile, (unzFile file), (file))                                      \
	F(x, int, unzCloseCurrentFile, (unzFile file), (file))                                     \
	F(x, int, unzReadCurrentFile, (unzFile file, voidp buf, unsigned len), (file, buf, len))
DYNLIB_WRAP(libs_minizip, MINIZIP_LIBRARY, MINIZIP_FUNCTIONS)

#define EXPAT_FUNCTIONS(F, V, x)                                                                   \
	F(x, XML_Parser, XML_ParserCreate, (const XML_Char *encoding), (encoding))                 \
	V(x, XML_SetElementHandler,                                                                \
	  (XML_Parser parser, XML_StartElementHandler start, XML_EndElementHandler end),           \
	  (parser, start, end))                                                                    \
	V(x, XML_SetCharacterDataHandler, (XML_Parser parser, XML_CharacterDataHandler handler),   \
	  (parser, handler))                                                                       \
	V(x, XML_SetUserData, (XML_Parser parser, void *data), (parser, data))                     \
	F(x, enum XML_Status, XML_Parse, (XML_Parser parser, const char *s, int len, int final),   \
	  (parser, s, len, final))                                                                 \
	F(x, enum XML_Status, XML_StopParser, (XML_Parser parser, XML_Bool resumable),             \
	  (parser, resumable))                                                                     \
	F(x, enum XML_Error, XML_GetErrorCode, (XML_Parser parser), (parser))                      \
	F(x, XML_Size, XML_GetCurrentLineNumber, (XML_Parser parser), (parser))                    \
	V(x, XML_ParserFree, (XML_Parser parser), (parser))                                        \
	F(x, const XML_LChar *, XML_ErrorString, (enum XML_Error code), (code))
DYNLIB_WRAP(libs_expat, EXPAT_LIBRARY, EXPAT_FUNCTIONS)

int libs_check(struct sbuf *report, char **loaded)
{
	struct dynlib *const all[] = {&libs_csv, &libs_pcre2,   &libs_qrencode,
	                              &libs_png, &libs_minizip, &libs_expat};
	struct sbuf ok = SBUF_INIT;
	int bad = 0;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (dynlib_ready(all[i])) {
			sbuf_printf(report, _("library: %s\n"), err_msg());
			bad++;
		} else
			sbuf_printf(&ok, "%s%s", ok.len ? ", " : "", all[i]->file);
	*loaded = sbuf_take(&ok);
	return bad;
}
