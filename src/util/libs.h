/*
 * The libraries only some commands use, loaded when one first needs them (util/dynlib.h)
 * rather than by every start: a process that loads a library pays for mapping it,
 * relocating it and protecting its tables, and on this kind of virtual machine each of
 * those page-table changes costs more while other processes run (issue 14: eight clerks'
 * write commands). libs.c defines each function renda calls under its own name. Before
 * the first call of a library's, where a failure can be said, dynlib_ready(&libs_...)
 * says why it could not be loaded. Util layer. Module prefix: libs_.
 */
#ifndef RENDA_LIBS_H
#define RENDA_LIBS_H

#include "util/dynlib.h"

extern struct dynlib libs_csv;      /* libcsv: CSV files read */
extern struct dynlib libs_pcre2;    /* PCRE2: regular expressions, field checks */
extern struct dynlib libs_qrencode; /* libqrencode: deputies' QR codes */
extern struct dynlib libs_png;      /* libpng: QR codes as images */
extern struct dynlib libs_minizip;  /* minizip: XLSX files read (the ZIP package) */
extern struct dynlib libs_expat;    /* expat: XLSX files read (their XML parts) */

/* Loads each of them now (renda check): the number that cannot be, each with its reason
   on a line of report ("library: cannot load ..."); the files of those that can, separated
   by ", ", in *loaded (caller frees). */
struct sbuf;
int libs_check(struct sbuf *report, char **loaded);

#endif
