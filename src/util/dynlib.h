/*
 * Shared libraries loaded when first needed (dlopen) rather than at every start:
 * ICU for the pinyin order (model/core/collate.c), libxlsxwriter for workbooks
 * (export/xlsxlib.c). Util layer. Module prefix: dynlib_.
 */
#ifndef RENDA_DYNLIB_H
#define RENDA_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* A function to take from a library: its name, and the function pointer it goes into,
   as (void **)&pointer (POSIX's way: ISO C has no void * to function cast). */
struct dynlib_sym {
	const char *name;
	void **fn;
};

/*
 * Loads the library file (its SONAME, "libicui18n.so.72") and takes each of the n
 * functions of syms from it (and from the libraries it loads). True when all were
 * found; otherwise false with the reason, dlerror's words, in why. The library stays
 * loaded for the life of the process.
 */
bool dynlib_open(const char *file, const struct dynlib_sym *syms, size_t n, char *why,
                 size_t whylen);

#endif
