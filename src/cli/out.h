/*
 * Table output of lists and statistics: TSV with a header (default), CSV
 * (RFC 4180) or JSON (an array of objects). In TSV a tab, newline, carriage
 * return or backslash inside a value is written as \t, \n, \r or \\.
 * In TSV and CSV, the values of columns that hold codes (state, evaluation,
 * level, status, role, kind, action ...: model/core/vocab.h) are printed as
 * their words when a message catalogue is in use (LANG=zh_CN.UTF-8), and as
 * the codes in the C locale; JSON always has the codes.
 */
#ifndef RENDA_OUT_H
#define RENDA_OUT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

enum out_format { OUT_TSV, OUT_CSV, OUT_JSON };

struct out {
	FILE *f;
	enum out_format fmt;
	int ncols;
	const char *const *cols;
	long rows;
};

/* Parses "tsv", "csv" or "json". */
bool out_parse_format(const char *s, enum out_format *fmt);
void out_begin(struct out *o, FILE *f, enum out_format fmt, const char *const *cols, int ncols);
/* Writes one row of ncols values (NULL prints empty / null). */
void out_row(struct out *o, const char *const *vals);
/* Writes every row of a statement, its columns in order. Returns rows written or -1. */
long out_stmt(struct out *o, sqlite3_stmt *st);
/*
 * Writes the rows of a list (model/core/pager.h) in its order, a page at a
 * time, at most limit rows (0: all): the columns named by the header's keys
 * ("id" is the row's id). RD_OK, or the pager's error.
 */
struct pager;
int out_pager(struct out *o, struct pager *p, long limit);
void out_end(struct out *o);

/* Prints a record as TSV lines "field<TAB>value" under a header (the show commands); codes as
 * above. */
void out_fields(FILE *f, const char *const *keys, char *const *vals, int n);

#endif
