/*
 * libxlsxwriter, loaded when the first workbook is written rather than at every
 * start: the library and the libcrypto it needs cost each command about 4 ms to
 * load (issue 14: a write command's start-up). The library's functions keep their
 * names and prototypes (xlsxwriter.h); xlsxlib.c defines the ones renda calls.
 * Output layer. Module prefix: xlsxlib_.
 */
#ifndef RENDA_XLSXLIB_H
#define RENDA_XLSXLIB_H

/* RD_OK once libxlsxwriter is loaded; otherwise RD_FAIL with the reason (err_msg). Call
   it before the first workbook_new of a workbook. */
int xlsxlib_ready(void);

#endif
