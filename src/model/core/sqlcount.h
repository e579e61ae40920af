/*
 * SQL aggregate renda_counts(spec, v1, ..., vn): many counts and sums of a group in one
 * call a row, where as many sum() of comparisons would have SQLite evaluate each
 * expression on every row (a year's statistics at a million voter issues: the
 * comparisons cost more than reading the rows). Module prefix: sqlcount_.
 *
 * spec holds one field for each value, separated by ';': "+" sums the value as an
 * integer (NULL adds nothing); "w1|w2|...|wk" counts the rows whose value is the text
 * w1, ..., wk (k counts, in that order). The result is a blob of 64-bit integers in
 * the machine's order: the number of rows, then each field's sum or counts. A spec
 * that does not parse, or does not have one field a value, fails the statement.
 */
#ifndef RENDA_SQLCOUNT_H
#define RENDA_SQLCOUNT_H

#include <sqlite3.h>

/* The most fields of a spec, and the most words of all its fields together. */
enum { SQLCOUNT_FIELDS = 16, SQLCOUNT_WORDS = 32 };

/* Registers renda_counts() on db: SQLITE_OK or SQLite's error code. */
int sqlcount_register(sqlite3 *db);

#endif
