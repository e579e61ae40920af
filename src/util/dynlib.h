/*
 * Shared libraries loaded when first needed (dlopen) rather than at every start:
 * ICU for the pinyin order (model/core/collate.c), libxlsxwriter for workbooks
 * (export/xlsxlib.c), and those of util/libs.c. Util layer. Module prefix: dynlib_.
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

/* A library loaded once for the process, by whichever thread needs it first. */
struct dynlib {
	const char *file; /* its SONAME */
	const struct dynlib_sym *syms;
	size_t n;
	int state; /* 0 not tried yet, 1 loaded, -1 not loadable (read atomically) */
	char why[200];
};
#define DYNLIB_INIT(file, syms)                                                                    \
	{                                                                                          \
		(file), (syms), sizeof(syms) / sizeof((syms)[0]), 0, ""                            \
	}

/* RD_OK once lib is loaded; otherwise RD_FAIL with a message naming the file and why. */
int dynlib_ready(struct dynlib *lib);

/* Loads lib, or stops the program with the reason: for a function of the library called
   without dynlib_ready() (a library function has no error to return for it). */
void dynlib_need(struct dynlib *lib);

/*
 * A library's functions as wrappers under their own names, from a list
 * LIST(F, V, x) of F(x, return type, name, (parameters), (arguments)) and, for those
 * that return nothing, V(x, name, (parameters), (arguments)). DYNLIB_WRAP(x, file, LIST)
 * defines struct dynlib x (file: its SONAME) and each function of the list, which calls
 * the library's (the compiler checks each against the library's header, included
 * before). DYNLIB_TABLE(x, file, LIST) makes x and its table alone, for a library with a
 * function to define by hand. A name the header makes a macro (pcre2_compile: pcre2_compile_8) is
 * taken from the library under what the macro says.
 */
#define DYNLIB_STR_(s) #s
#define DYNLIB_STR(s) DYNLIB_STR_(s)
#define DYNLIB_MEMBER(x, ret, name, params, args) ret(*name) params;
#define DYNLIB_MEMBER_V(x, name, params, args) void(*name) params;
#define DYNLIB_SYMBOL(x, ret, name, params, args) {DYNLIB_STR(name), (void **)&x##_fn.name},
#define DYNLIB_SYMBOL_V(x, name, params, args) {DYNLIB_STR(name), (void **)&x##_fn.name},
#define DYNLIB_DEFINE(x, ret, name, params, args)                                                  \
	ret name params                                                                            \
	{                                                                                          \
		dynlib_need(&x);                                                                   \
		return x##_fn.name args;                                                           \
	}
#define DYNLIB_DEFINE_V(x, name, params, args)                                                     \
	void name params                                                                           \
	{                                                                                          \
		dynlib_need(&x);                                                                   \
		x##_fn.name args;                                                                  \
	}
#define DYNLIB_TABLE(x, file, LIST)                                                                \
	static struct {                                                                            \
		LIST(DYNLIB_MEMBER, DYNLIB_MEMBER_V, x)                                            \
	} x##_fn;                                                                                  \
	static const struct dynlib_sym x##_syms[] = {LIST(DYNLIB_SYMBOL, DYNLIB_SYMBOL_V, x)};     \
	struct dynlib x = DYNLIB_INIT(file, x##_syms);
#define DYNLIB_WRAP(x, file, LIST)                                                                 \
	DYNLIB_TABLE(x, file, LIST)                                                                \
	LIST(DYNLIB_DEFINE, DYNLIB_DEFINE_V, x)

#endif
