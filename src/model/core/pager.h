/*
 * Keyset pagination for the list screens. A pager pages through one
 * description of a list (struct pager_def: FROM clause, columns, a unique
 * integer id) with the session's scope conditions, one sort column and a
 * filter text. Every fetch asks for one page next to a row already seen
 * (its sort value and id), so moving, sorting and filtering never read the
 * whole table and never use OFFSET: a page of a million-row list costs what
 * a page of a ten-row list costs.
 *
 * The descriptions live in the model (model/listing.c); the console only
 * names them. Module prefix: pager_.
 */
#ifndef RENDA_PAGER_H
#define RENDA_PAGER_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Column flags. */
enum {
	PC_SORT = 1,     /* the list may be sorted by this column */
	PC_FILTER = 2,   /* the filter and search texts look into this column */
	PC_RIGHT = 4,    /* numbers: drawn right-aligned */
	PC_HIDDEN = 8,   /* fetched (for views and forms) but not shown as a list column */
	PC_BY_ID = 16,   /* sorting by this column is sorting by id (ids follow it) */
	PC_FLEX = 32,    /* takes the width left over by the other columns */
	PC_NOTNULL = 64, /* never NULL: sorted bare (no coalesce), so an index serves the order */
	/* How the console lays the list out (tui/list.c): */
	PC_KEEP = 128,    /* shown at every width (the others when there is room) */
	PC_WHOLE = 256,   /* never cut: as wide as its widest cell (states, numbers, dates) */
	PC_EXTRA = 512,   /* shown only when the PC_FLEX column is already whole */
	PC_PINYIN = 1024, /* text sorted in pinyin order (ICU's zh collation) */
	/*
	 * One part of a value read once for several columns: the first PC_PART column's
	 * expr gives every PC_PART column's value, in column order, joined by char(31)
	 * (flow_fields_sql()); the others' expr is not read. Never sorted or filtered by.
	 */
	PC_PART = 2048,
};

struct pager_col {
	const char *key;   /* stable name: a form field key or a CSV header */
	const char *label; /* msgid of the column heading */
	const char *expr;  /* SQL expression over the FROM clause; from our code */
	int width;         /* display columns the column takes before the PC_FLEX one is whole */
	unsigned flags;    /* PC_* */
	/* The text to show for a stored value (a translated label); NULL shows it as stored. */
	const char *(*show)(const char *raw);
	/* The expression the filter and search look into; NULL: expr. */
	const char *match;
};

struct pager_def {
	const char *name; /* names the list in messages */
	const char *from; /* FROM clause, with aliases */
	const char *id;   /* expression of the unique integer key */
	const struct pager_col *cols;
	int ncols;
	int sort;  /* default sort column; -1 sorts by id */
	bool desc; /* default direction */
};

/* A position in the list: a row's sort value and its id. Opaque to callers. */
struct pager_key;

struct pager_row {
	int64_t id;
	char **cells; /* ncols strings, as stored ("" for NULL) */
	struct pager_key *key;
};

struct pager;

/* Returns a new pager over def (which must outlive it), sorted as def says. */
struct pager *pager_new(sqlite3 *db, const struct pager_def *def);
void pager_free(struct pager *p);
const struct pager_def *pager_def(const struct pager *p);

/*
 * Adds a fixed condition: SQL from our code (scope rules, "records of this
 * entity") with '?' placeholders bound from fmt as db_prepare() does ('i'
 * int64_t, 'd' int, 't' text). 'n' takes no value: it is the list's narrowing
 * bound (one at most), an id the condition keeps rows from ("... AND rowid >=
 * ?"): 0, every row, but in pager_fetch()'s narrowed reads (pager_narrow()).
 */
void pager_where(struct pager *p, const char *sql, const char *fmt, ...);

/*
 * The narrowing bound's value for reading the first pages of a long list in its
 * own order, newest first (the def's sort, which an index must serve): a search's
 * newest few hundred matches rather than the thousands it finds. pager_fetch()
 * reads a page among the rows the bound keeps, and keeps it when it is the whole
 * list's page (full, and no row with a lower id sorts before its last row); else
 * it reads the page again with the bound at 0. Counting, finding and other
 * orders read every row. sql, when not NULL, is the condition that holds the
 * bound as narrowed reads write it (the same placeholders in the same order: an
 * index read from its end, the few rows sorted rather than the order walked).
 */
void pager_narrow(struct pager *p, int64_t lo, const char *sql);

/* How pager_fetch() read its last page. */
enum pager_narrowed {
	PAGER_WHOLE,         /* among every row */
	PAGER_NARROWED,      /* among the rows the narrowing bound keeps: the whole list's page */
	PAGER_NARROW_MISSED, /* read so first, not the whole list's page: read again whole */
};
enum pager_narrowed pager_narrowed(const struct pager *p);

/*
 * Adds a scope rule written for db_prepare() (case_scope.h, suggestion_scope.h):
 * its parameters ?101, ?102 and ?103 take role (a role's name), town and unit.
 */
void pager_where_scope(struct pager *p, const char *sql, const char *role, int64_t town,
                       int64_t unit);

/*
 * As pager_where(), but counting the rows (pager_count()) uses count_sql, which
 * has the same placeholders in the same order: a condition written one way to
 * read a page in the list's order ("+v.id IN (...)" keeps walking the order's
 * index) and another to count every row ("v.id IN (...)" visits only the matches).
 */
void pager_where_split(struct pager *p, const char *sql, const char *count_sql, const char *fmt,
                       ...);

/* Sorts by column col (-1 = id); RD_INVALID when the column cannot be sorted. */
int pager_sort(struct pager *p, int col, bool desc);
int pager_sort_col(const struct pager *p);
bool pager_sort_desc(const struct pager *p);
/* A new LIKE pattern that finds word anywhere: %word% with % _ \ escaped by \ (ESCAPE '\'). */
char *pager_like_pattern(const char *word);

/*
 * Keeps only rows where every word of text occurs (ASCII case ignored) in
 * one of the PC_FILTER columns. NULL or "" removes the filter.
 */
void pager_filter(struct pager *p, const char *text);
/* The filter in force, "" when none. */
const char *pager_filter_text(const struct pager *p);

enum pager_from {
	PAGER_FIRST,  /* the first rows of the list */
	PAGER_LAST,   /* the last rows */
	PAGER_AFTER,  /* the rows after key */
	PAGER_BEFORE, /* the rows before key, ending just before it */
	PAGER_AT,     /* key's row (when it still matches) and the rows after it */
};

/*
 * Fetches up to n rows in list order. *rows is a new array of *nrows rows
 * (free with pager_rows_free()). RD_OK, or RD_FAIL with err_msg() (also when
 * long work was cancelled: see work.h).
 */
int pager_fetch(struct pager *p, enum pager_from from, const struct pager_key *key, int n,
                struct pager_row **rows, int *nrows);
/*
 * Finds the first row after key (forward) or before it whose PC_FILTER
 * columns contain text, within the filter in force; key NULL starts at the
 * first (or last) row. RD_OK with *row filled, RD_NOTFOUND, RD_FAIL.
 */
int pager_find(struct pager *p, const char *text, const struct pager_key *key, bool forward,
               struct pager_row *row);
/* Reads the row with this id (scope conditions apply, the filter does not); RD_NOTFOUND. */
int pager_get(struct pager *p, int64_t id, struct pager_row *row);
/*
 * Counts the rows that pass the filter; with cap > 0 stops counting at cap
 * (*n == cap then means "cap or more").
 */
int pager_count(struct pager *p, int64_t cap, int64_t *n);
/*
 * Counts are kept while the database does not change (PRAGMA data_version and the
 * connection's own changes), so a list counted once is counted again at no cost.
 * Forgets those of db (all of them for NULL): call before db is closed.
 */
void pager_forget_counts(sqlite3 *db);

/* Index of the column named key, or -1. */
int pager_col_index(const struct pager_def *def, const char *key);
/*
 * Marks the column key as saying the same on every row the pager can list (the one
 * town of a town clerk's scope, or of the list's selection): the console leaves it
 * out of the list's columns and its sort choices. Rows, counts, exports and finds
 * keep it.
 */
void pager_quiet(struct pager *p, const char *key);
bool pager_col_quiet(const struct pager *p, int col);
/* The text to show for a cell of column col. */
const char *pager_show(const struct pager_def *def, int col, const char *raw);

void pager_row_free(struct pager_row *row, int ncols);
void pager_rows_free(struct pager_row *rows, int n, int ncols);
/* A new copy of a key (NULL stays NULL); caller frees with pager_key_free(). */
struct pager_key *pager_key_dup(const struct pager_key *k);
void pager_key_free(struct pager_key *k);

#endif
