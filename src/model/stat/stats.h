/*
 * Statistics of voter issues (DESIGN 4.2, 4.7): counts and rates of the cases
 * submitted in one year, broken down by category, town, deputy, unit, status
 * or month, within the session's scope (the rule of case_scope.h). The CLI
 * (renda stats), the console and the workbook (renda report) all read the
 * figures from here, through the tables below, so they print the same.
 *
 * Definitions (the man page doc-stats.txt says the same):
 * - count: cases submitted in the year (submitted_at), within scope;
 *   share: count / all cases of the table;
 * - open: in a state still being handled; closed: state closed; rejected:
 *   state rejected (open + closed + rejected = count);
 * - overdue: open cases with a running respond, reply or re-handling clock
 *   whose due day is before today (as of clock_today());
 * - on-time response rate: respond clocks stopped in time (met) / respond
 *   clocks stopped (met + late); clocks still running and cancelled ones
 *   (a returned case) count neither way;
 * - on-time reply rate: the same over reply and re-handling clocks;
 * - satisfaction rate: cases whose latest evaluation is satisfied or basic /
 *   cases with an evaluation; satisfied rate: satisfied only / the same;
 * - average days to reply: calendar days from the start of a reply clock
 *   (the assignment) to its stop (the unit's reply), over the reply clocks
 *   stopped met or late; re-handling rounds not included.
 * Every percentage and average is rounded half-up to two decimals in integer
 * arithmetic (stats_pct, stats_fixed2): 1/8 = 12.50, 1/800 = 0.13.
 * A rate whose denominator is 0 has no value (empty in TSV, null in JSON,
 * a blank cell in the workbook).
 */
#ifndef RENDA_STATS_H
#define RENDA_STATS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"

/* ---- rounding -------------------------------------------------------------- */

/*
 * num / den * 100 rounded half-up to two decimals, written as "66.67" into out.
 * Returns the value in hundredths (6667), or -1 when den is 0 (out is then "").
 * num and den must be from 0 to 10^14 (and the result below 10^12), else -1.
 */
int64_t stats_pct(int64_t num, int64_t den, char out[16]);
/* num / den rounded half-up to two decimals ("2.50"); hundredths or -1 as stats_pct. */
int64_t stats_fixed2(int64_t num, int64_t den, char out[16]);
/* Writes hundredths as a decimal with two places ("12.50"); "" for a negative value. */
void stats_hundredths(int64_t h, char out[16]);

/* ---- the tables that the CLI, the console and the report share ---------------- */

/* The breakdowns of the case statistics, in report order. */
enum stats_by {
	STATS_BY_CATEGORY,
	STATS_BY_TOWN,
	STATS_BY_DEPUTY,
	STATS_BY_UNIT,
	STATS_BY_STATUS,
	STATS_BY_MONTH,
	STATS_BY_COUNT
};

struct stats_dim {
	const char *name;  /* the --by word: "category" */
	const char *label; /* translatable: the name column's header and sheet name ("Category") */
	const char *title; /* translatable: chart and sheet title ("Cases by category") */
	bool long_keys; /* many keys with long names: charts draw bars, the first STATS_CHART_TOP */
};
#define STATS_CHART_TOP 20
/* STATS_BY_COUNT entries, indexed by enum stats_by. */
extern const struct stats_dim stats_dims[];
/* The breakdown named name, or -1. */
int stats_dim_find(const char *name);
/* "category|town|deputy|unit|status|month": static storage. */
const char *stats_dim_names(void);

/* What a column of a statistics row holds. */
enum stats_kind {
	STATS_TEXT,  /* key or name */
	STATS_COUNT, /* a whole number */
	STATS_PCT,   /* a percentage, two decimals */
	STATS_DAYS,  /* a number of days, two decimals */
};

/* The columns of a statistics row, in output order. */
enum stats_col {
	STATS_COL_KEY,
	STATS_COL_NAME,
	STATS_COL_COUNT,
	STATS_COL_SHARE,
	STATS_COL_OPEN,
	STATS_COL_CLOSED,
	STATS_COL_REJECTED,
	STATS_COL_OVERDUE,
	STATS_COL_RESPOND_RATE,
	STATS_COL_REPLY_RATE,
	STATS_COL_SATISFACTION,
	STATS_COL_SATISFIED_RATE,
	STATS_COL_AVG_REPLY_DAYS,
	STATS_NCOLS
};

struct stats_colinfo {
	const char *key;   /* the TSV/CSV/JSON header: "respond_rate" */
	const char *label; /* translatable: the workbook's column header */
	enum stats_kind kind;
	const char *definition; /* translatable: what it counts (About sheet); NULL for keys */
};
/* STATS_NCOLS entries, indexed by enum stats_col. */
extern const struct stats_colinfo stats_cols[];

/* ---- case statistics -------------------------------------------------------- */

/* One row: the key and the counts behind every figure. */
struct stats_row {
	char *key;  /* owned: category/town/deputy code, unit code, state, YYYY-MM; "" = none */
	char *name; /* owned: the name shown (translated for states and "none" rows) */
	int64_t count, open, closed, rejected, overdue;
	int64_t respond_met, respond_stopped; /* respond clocks stopped met; met or late */
	int64_t reply_met, reply_stopped; /* reply and rehandle clocks stopped met; met or late */
	int64_t satisfied, basic, evaluated; /* latest evaluations */
	int64_t reply_days, replies;         /* days from assignment to reply, summed; clocks */
};

struct stats_query {
	int year;         /* of submission; 0 = the current year */
	const char *town; /* name or code: only that town's cases; NULL = all in scope */
};

struct stats_table {
	enum stats_by by;
	int year;
	struct stats_row *rows;
	int n;
	struct stats_row total; /* key "", name "Total" (translated) */
};

/*
 * Counts the cases of q in scope, broken down by `by`. Category, town, status
 * and month list every key (zero rows too: all active categories and towns in
 * scope, every state, the months of the year up to this month); deputy and
 * unit list those with cases, most cases first, and a row "none" for cases
 * without one. Caller frees with stats_table_free(). The cases are read once,
 * in id order, with their deadline clocks merged in, and counted in C: the
 * report counts its detail rows the same way (stats_detail_tables).
 */
int stats_cases(sqlite3 *db, const struct scope *sc, const struct stats_query *q, enum stats_by by,
                struct stats_table *out);
void stats_table_free(struct stats_table *t);

/*
 * The value of column col of row r in a table of `total` cases: a count, or
 * hundredths for STATS_PCT and STATS_DAYS (-1 when it has no value, and for
 * text columns).
 */
int64_t stats_value(const struct stats_row *r, int64_t total, enum stats_col col);
/*
 * The column as text: the key or name, the count, "66.67"; NULL when the rate
 * has no value. Numbers are written into buf; the result points into r or buf.
 */
const char *stats_text(const struct stats_row *r, int64_t total, enum stats_col col, char buf[24]);

/* ---- the cases behind the statistics --------------------------------------- */

/* The columns of the case detail (the report's detail sheet), in output order. */
enum stats_dcol {
	STATS_D_NUMBER,
	STATS_D_SUBMITTED,
	STATS_D_CHANNEL,
	STATS_D_TOWN,
	STATS_D_CATEGORY,
	STATS_D_DEPUTY,
	STATS_D_STATION,
	STATS_D_VOTER,
	STATS_D_PHONE,
	STATS_D_TITLE,
	STATS_D_CONTENT,
	STATS_D_STATE,
	STATS_D_LEVEL,
	STATS_D_UNIT,
	STATS_D_SUPPORT,
	STATS_D_RESPOND_DUE,
	STATS_D_RESPOND,
	STATS_D_REPLY_DUE,
	STATS_D_REPLY_OUTCOME,
	STATS_D_REPLY,
	STATS_D_EVALUATION,
	STATS_D_ROUNDS,
	STATS_D_OVERDUE,
	STATS_D_CLOSED,
	STATS_NDCOLS
};

struct stats_dcolinfo {
	const char *key;      /* "respond_due" */
	const char *label;    /* translatable header */
	enum stats_kind kind; /* STATS_TEXT or STATS_COUNT */
	int max_width;        /* widest column the report gives it (display columns) */
};
/* STATS_NDCOLS entries, indexed by enum stats_dcol. */
extern const struct stats_dcolinfo stats_dcols[];

/*
 * Reads the cases of q in scope, in the order of their numbers. public masks
 * the voter's name and phone and leaves out the content and reply of private
 * cases (as the viewer role always has them).
 */
struct stats_detail;
struct stats_detail *stats_detail_open(sqlite3 *db, const struct scope *sc,
                                       const struct stats_query *q, bool public_);
/*
 * The next case: vals[STATS_NDCOLS] point to its columns (valid until the next
 * call; never NULL). RD_OK, RD_NOTFOUND at the end, or an error.
 */
int stats_detail_next(struct stats_detail *d, const char **vals);
/*
 * After the last case: the six breakdowns of exactly the cases read, counted as
 * stats_cases() counts them (one pass over the cases serves the whole report).
 * out[STATS_BY_COUNT] is indexed by enum stats_by; free each with stats_table_free().
 */
int stats_detail_tables(struct stats_detail *d, struct stats_table out[STATS_BY_COUNT]);
void stats_detail_close(struct stats_detail *d);

/* The year a query stands for (q->year, or the current year when it is 0). */
int stats_year(const struct stats_query *q);

/*
 * A read transaction, so that every figure of a report comes from one state of
 * the database while others write. stats_end() ends it.
 */
int stats_begin(sqlite3 *db);
void stats_end(sqlite3 *db);

#endif
