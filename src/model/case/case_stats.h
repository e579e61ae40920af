/*
 * The statistics of voter issues (DESIGN 4.2, 4.7): the provider of the
 * tables of the cases submitted in one year (model/stat/stat.h), broken down
 * by category, town, deputy, unit, status, month or channel, within the
 * session's scope (the rule of case_scope.h), and the cases behind them (the
 * report's detail sheet). The CLI (renda stats cases), the console and the
 * workbook (renda report cases) read the figures from here, so they print
 * the same. Each column's definition is written once, in case_stats.c, and
 * printed by the man page, the workbook's notes and the console's help.
 *
 * The deadline clocks are read in one place (CASE_CLOCKS_SQL in
 * case_stats.c): respond, reply and re-handling clocks are deadlines; the
 * return window is not one.
 */
#ifndef RENDA_CASE_STATS_H
#define RENDA_CASE_STATS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/stat/stat.h"

/* The breakdowns, in report order (indexes into case_stat_breakdowns[]). */
enum case_stat_by {
	CASE_BY_CATEGORY,
	CASE_BY_TOWN,
	CASE_BY_CHANNEL,
	CASE_BY_DEPUTY,
	CASE_BY_UNIT,
	CASE_BY_STATUS,
	CASE_BY_MONTH,
	CASE_BY_COUNT
};
extern const struct stat_breakdown case_stat_breakdowns[];

/* The providers of this module: "cases". Ends with an entry whose name is NULL. */
extern const struct stat_provider case_stat_providers[];

/* The columns of a case table, by index (stat_table.cols). */
enum case_stat_col {
	CS_COUNT,
	CS_SHARE,
	CS_OPEN,
	CS_CLOSED,
	CS_CLOSED_RATE,
	CS_REJECTED,
	CS_OVERDUE,
	CS_RESPOND_DUE,
	CS_RESPOND_MET,
	CS_RESPOND_RATE,
	CS_REPLY_DUE,
	CS_REPLY_MET,
	CS_REPLY_RATE,
	CS_EVALUATED,
	CS_SATISFIED,
	CS_BASIC,
	CS_UNSATISFIED,
	CS_SATISFACTION,
	CS_SATISFIED_RATE,
	CS_AVG_REPLY_DAYS,
	CS_SAT_OR_BASIC, /* hidden: the numerator of the satisfaction rate */
	CS_REPLY_DAYS,   /* hidden: days from assignment to reply, summed */
	CS_REPLIES,      /* hidden: the reply clocks those days are of */
	CS_NCOLS
};

/*
 * Counts the cases of q (year, town; q->until_md keeps the cases submitted up
 * to that day of the year) in scope, broken down by `by`. Category, town,
 * channel, status and month list every key (zero rows too: all active
 * categories and towns in scope, every channel and state, the months of the
 * year up to this month); deputy and unit list those with cases, most cases
 * first, and a row for cases without one. Caller frees with
 * stat_table_free(). The cases are read once, in id order, with their
 * deadline clocks merged in, and counted in C: the report counts its detail
 * rows the same way (case_detail_tables).
 */
int case_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
               struct stat_table *out);

/* ---- the cases behind the statistics --------------------------------------- */

/* What a detail column holds. */
enum case_dkind {
	CD_TEXT,     /* text */
	CD_COUNT,    /* a whole number */
	CD_DATE,     /* a day, YYYY-MM-DD ("" none) */
	CD_DATETIME, /* a time, YYYY-MM-DD HH:MM ("" none) */
	CD_LONG,     /* long text, wrapped */
};

/* The columns of the case detail (the report's detail sheet), in output order. */
enum case_dcol {
	CASE_D_NUMBER,
	CASE_D_SUBMITTED,
	CASE_D_CHANNEL,
	CASE_D_TOWN,
	CASE_D_CATEGORY,
	CASE_D_DEPUTY,
	CASE_D_STATION,
	CASE_D_VOTER,
	CASE_D_PHONE,
	CASE_D_TITLE,
	CASE_D_CONTENT,
	CASE_D_STATE,
	CASE_D_LEVEL,
	CASE_D_UNIT,
	CASE_D_SUPPORT,
	CASE_D_RESPOND_DUE,
	CASE_D_RESPOND,
	CASE_D_REPLY_DUE,
	CASE_D_REPLY_OUTCOME,
	CASE_D_REPLY,
	CASE_D_EVALUATION,
	CASE_D_ROUNDS,
	CASE_D_OVERDUE,
	CASE_D_CLOSED,
	CASE_NDCOLS
};

struct case_dcolinfo {
	const char *key;   /* "respond_due" */
	const char *label; /* translatable header */
	enum case_dkind kind;
	int max_width; /* widest column the report gives it (display columns) */
};
/* CASE_NDCOLS entries, indexed by enum case_dcol. */
extern const struct case_dcolinfo case_dcols[];

/*
 * Reads the cases of q in scope, in the order of their numbers. public masks
 * the voter's name and phone and leaves out the content and reply of private
 * cases (as the viewer role always has them). With prev (an earlier year and
 * its until_md) that period is counted too, by category, as case_stats() counts
 * it (case_detail_prev); q->asof is not given with prev.
 */
struct case_detail;
struct case_detail *case_detail_open(sqlite3 *db, const struct scope *sc,
                                     const struct stat_query *q, bool public_,
                                     const struct stat_query *prev);
/*
 * The next case: vals[CASE_NDCOLS] point to its columns (valid until the next
 * call; never NULL). RD_OK, RD_NOTFOUND at the end, or an error.
 */
int case_detail_next(struct case_detail *d, const char **vals);
/*
 * After the last case: the breakdowns of exactly the cases read, counted as
 * case_stats() counts them (one pass over the cases serves the whole report).
 * out[CASE_BY_COUNT] is indexed by enum case_stat_by; free each with
 * stat_table_free().
 */
int case_detail_tables(struct case_detail *d, struct stat_table out[CASE_BY_COUNT]);
/* After the last case: the category table of the period prev of case_detail_open(). */
int case_detail_prev(struct case_detail *d, struct stat_table *out);
void case_detail_close(struct case_detail *d);

#endif
