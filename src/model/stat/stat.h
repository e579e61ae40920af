/*
 * One statistics shape for every module: a table of figures (struct
 * stat_table) that a module's provider fills, and that one CLI printer
 * (renda stats NAME), one console screen and one XLSX breakdown writer show
 * alike, so that a figure reads the same wherever it is printed.
 *
 * A table has a row per key of one breakdown (a category, a town, a unit, a
 * month...) and a total. Its columns (struct stat_col) carry a key (the TSV,
 * CSV and JSON header), a label and a short heading in the user's language,
 * a kind, and a written definition (the workbook's notes sheet, the man page
 * and the console's help print it). A row holds whole numbers only: counts,
 * and the numerators and denominators of its rates, some of them hidden
 * columns. A rate is never stored: stat_value() divides its two counts and
 * rounds the result half-up to two decimals, once, in integer arithmetic, the
 * way official reports print it (1/8 = 12.50, 1/800 = 0.13). So a rate and
 * the counts it is made of can never disagree, and the total's rates are
 * those of the summed counts.
 *
 * A module provides its tables through a const array of struct stat_provider
 * (e.g. case_stat_providers[] in model/case/case_stats.h), ending with an
 * entry whose name is NULL: a name for `renda stats NAME`, a label, its
 * breakdowns, the options it takes and the function that makes a table.
 */
#ifndef RENDA_STAT_H
#define RENDA_STAT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"

/* A value that does not exist: a rate whose denominator is 0. */
#define STAT_NONE INT64_MIN

/* ---- rounding (the one place) ------------------------------------------------ */

/*
 * num / den * 100 rounded half-up to two decimals, in hundredths (6667 for
 * 2/3), written as "66.67" into out. STAT_NONE (and "") when den is 0, or when
 * num or den lies outside 0 to 10^14.
 */
int64_t stat_pct(int64_t num, int64_t den, char out[16]);
/*
 * num / den rounded half-up (away from zero) to two decimals ("2.50", "-2.50": an
 * amount may be negative, a count never); hundredths or STAT_NONE as stat_pct.
 */
int64_t stat_fixed2(int64_t num, int64_t den, char out[16]);
/* Writes hundredths as a decimal with two places ("12.50", "-3.05"); "" for STAT_NONE. */
void stat_hundredths(int64_t h, char out[24]);

/* ---- tables ------------------------------------------------------------------- */

/* What a column holds. */
enum stat_kind {
	STAT_COUNT,  /* a whole number kept in the row */
	STAT_PCT,    /* per cent: the row's column num / its column den */
	STAT_SHARE,  /* per cent: the row's column num / the total's column num */
	STAT_FIXED2, /* two decimals: the row's column num / its column den (an average) */
	STAT_MONEY,  /* an amount in fen kept in the row, printed in yuan with two decimals */
};

/* Flags of a column. */
enum {
	STAT_HIDDEN = 1,   /* a count that only feeds a rate: not printed */
	STAT_HEADLINE = 2, /* one of the few figures a summary names first */
};

struct stat_col {
	char *key;        /* owned: the header of TSV, CSV and JSON ("reply_rate") */
	char *label;      /* owned, translated: the workbook's header ("On-time reply rate") */
	char *brief;      /* owned, translated: the console's heading ("Reply %"); NULL: label */
	char *definition; /* owned, translated: what it counts */
	enum stat_kind kind;
	int num, den; /* the count columns a rate, share or average is made of; -1 none */
	unsigned flags;
};

struct stat_row {
	char *key;  /* owned: the code; "" for the total and for a row of items without a key */
	char *name; /* owned: the name shown (translated where it is a word of ours) */
	int64_t *v; /* owned: ncols counts, by column (0 in the columns that are not counts) */
};

struct stat_table {
	char *title;      /* owned, translated: "Cases by category" */
	char *key_label;  /* owned, translated: the key column's header ("Code") */
	char *name_label; /* owned, translated: the name column's header ("Category") */
	char *count_unit; /* owned, translated: what the first count counts ("Cases") */
	bool long_keys; /* many keys with long names: charts draw bars, the first STAT_CHART_TOP */
	bool ranked;    /* rows ordered by count, most first (units, deputies) */
	bool word_keys; /* the keys are words of ours (states, channels): a workbook leaves them out
	                 */
	int ncols;
	struct stat_col *cols;
	int n;
	struct stat_row *rows;
	struct stat_row total; /* key "", name "Total" (translated) */
};
#define STAT_CHART_TOP 20

/* A column as a provider declares it: msgids that stat_table_init() translates. */
struct stat_coldef {
	const char *key, *label, *brief, *definition; /* msgids (key: not translated) */
	enum stat_kind kind;
	int num, den; /* column indexes, -1 none */
	unsigned flags;
};

/*
 * Starts an empty table with the columns defs[0..n-1] (translated), title and
 * labels (msgids). More columns may be added with stat_table_add_col() before
 * the first row. Free with stat_table_free().
 */
void stat_table_init(struct stat_table *t, const struct stat_coldef *defs, int n, const char *title,
                     const char *name_label, const char *count_unit);
/* Adds a column whose texts are given translated; returns its index. */
int stat_table_add_col(struct stat_table *t, const char *key, const char *label, const char *brief,
                       const char *definition, enum stat_kind kind, int num, int den,
                       unsigned flags);
/* Appends a row (all counts 0) with copies of key and name; returns it (valid until the next). */
struct stat_row *stat_table_add_row(struct stat_table *t, const char *key, const char *name);
/* Sets the total to the sum of every row's counts, named "Total". */
void stat_table_sum(struct stat_table *t);
void stat_table_free(struct stat_table *t);
/* The column of that key, or -1. */
int stat_table_col(const struct stat_table *t, const char *key);

/*
 * The value of column c of row r: a count, or hundredths for a rate, share or
 * average; STAT_NONE when it has no value (a denominator of 0).
 */
int64_t stat_value(const struct stat_table *t, const struct stat_row *r, int c);
/* The value as text ("3", "66.67"); NULL when it has none. Written into buf. */
const char *stat_text(const struct stat_table *t, const struct stat_row *r, int c, char buf[24]);
/* The columns that are printed (not hidden), in order: a new array; caller frees. */
int *stat_shown(const struct stat_table *t, int *n);

/* ---- providers ---------------------------------------------------------------- */

/* A breakdown: what the rows of a table are. */
struct stat_breakdown {
	const char *name;  /* the --by word: "category" */
	const char *label; /* msgid: the name column's header and the sheet's name ("Category") */
	const char *title; /* msgid: the table's title ("Cases by category") */
	bool long_keys;    /* many keys with long names (deputies, units) */
};

/* What a table counts: the options of renda stats, the fields of the console's form. */
struct stat_query {
	int year;            /* STAT_OPT_YEAR: the year; 0 = the current year */
	const char *town;    /* STAT_OPT_TOWN: a town's name or code; NULL = all in scope */
	const char *session; /* STAT_OPT_SESSION: a congress session's code; NULL = all */
	const char *kind;    /* STAT_OPT_KIND: motion or suggestion; NULL = both */
	const char *unit;    /* a unit's name or code (the provider says whether it takes one) */
	int until_md;        /* month * 100 + day: only items up to that day of the year; 0 = all */
	/* STAT_OPT_ASOF: an ISO time (points_asof() makes one of a day): the items that
	   existed then, each counted as its history says it stood then; NULL = now. */
	const char *asof;
};

/*
 * SQL pieces of a provider that reads its tables as of a past time: ?201 is the as-of
 * time (an ISO time), ?202 its day (stat_bind_asof() binds both; numbers past every
 * other parameter, so that a WITH clause can come first). A provider puts WITH clauses
 * named as its tables before its query: the query reads what the histories say of
 * that time.
 */
/* The state item (an expression) of workflow wf had then: its latest step's (NULL:
   none yet, it did not exist). */
#define STAT_ASOF_STATE(wf, item)                                                                  \
	"(SELECT e.to_state FROM wf_event e WHERE e.workflow = '" wf "' AND e.item_id = " item     \
	" AND e.at <= ?201 ORDER BY e.at DESC, e.id DESC LIMIT 1)"
/* The evaluation its latest evaluation step recorded by then (the first line of the
   step's text, flow.c). */
#define STAT_ASOF_EVAL(wf, item)                                                                   \
	"(SELECT substr(e.text, 1, instr(e.text || char(10), char(10)) - 1) FROM wf_event e "      \
	"WHERE e.workflow = '" wf "' AND e.item_id = " item " AND e.action = 'evaluate' AND "      \
	"e.at <= ?201 ORDER BY e.at DESC, e.id DESC LIMIT 1)"
/* wf_clock as it stood at the end of the day: the deadlines started by then, running
   where they stopped later (deadlines are kept by day). */
#define STAT_ASOF_CLOCKS                                                                           \
	"wf_clock AS NOT MATERIALIZED (SELECT c0.id, c0.workflow, c0.item_id, c0.clock, "          \
	"c0.round, c0.started, c0.due, CASE WHEN c0.stopped > ?202 THEN NULL ELSE c0.stopped END " \
	"AS stopped, CASE WHEN c0.stopped > ?202 THEN NULL ELSE c0.outcome END AS outcome, "       \
	"c0.unit_id FROM main.wf_clock c0 WHERE c0.started <= ?202)"
/* Binds ?201 and ?202 of st to asof and its day (nothing when asof is NULL). */
void stat_bind_asof(sqlite3_stmt *st, const char *asof);

/* The options a provider takes (bits). */
enum {
	STAT_OPT_YEAR = 1,
	STAT_OPT_TOWN = 2,
	STAT_OPT_SESSION = 4,
	STAT_OPT_KIND = 8,
	STAT_OPT_BY_FIRST = 16, /* --by may be left out: the first breakdown */
	STAT_OPT_ASOF = 32,     /* --as-of: the figures as the histories say they stood then */
};

struct stat_provider {
	const char *name;  /* renda stats NAME: "cases"; NULL ends an array of providers */
	const char *label; /* msgid: "Voter issues" */
	const struct stat_breakdown *breakdowns;
	int nbreakdowns;
	unsigned opts;    /* STAT_OPT_* */
	const char *form; /* the console's form choosing the breakdown and the options */
	/* Makes the table of breakdown `by` (an index into breakdowns) for q in scope. */
	int (*fn)(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
	          struct stat_table *out);
};

/* The breakdown of p named name, or -1. */
int stat_breakdown_find(const struct stat_provider *p, const char *name);
/* "category|town|...": the breakdowns of p; a new string, caller frees. */
char *stat_breakdown_names(const struct stat_provider *p);

/* The year a query stands for: q->year, or when it is 0 the as-of time's year, or the
   current year. */
int stat_year(const struct stat_query *q);

/*
 * A read transaction, so that every figure of a report comes from one state
 * of the database while others write. stat_end() ends it.
 */
int stat_begin(sqlite3 *db);
void stat_end(sqlite3 *db);

#endif
