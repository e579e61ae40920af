/*
 * The statistics of deputies' motions and suggestions (DESIGN 4.3): the
 * provider of the tables (model/stat/stat.h) per lead unit, category,
 * session, result class or kind, within the session's scope
 * (suggestion_scope.h), and the items behind them (the report's item sheet
 * and a unit's handling sheet). The CLI (renda stats suggestions), the
 * console and the workbooks (renda report suggestions) read the figures from
 * here, so they print the same. Each column's definition is written once, in
 * sugg_stats.c.
 *
 * The deadline clocks are read in one place (the SQL macros at the top of
 * sugg_stats.c): reply, re-handling and opinion clocks are deadlines; the
 * return window is not one.
 */
#ifndef RENDA_SUGG_STATS_H
#define RENDA_SUGG_STATS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/stat/stat.h"

/* The breakdowns, in report order (indexes into sugg_stat_breakdowns[]). */
enum ss_by { SS_BY_UNIT, SS_BY_CATEGORY, SS_BY_SESSION, SS_BY_CLASS, SS_BY_KIND, SS_BY_COUNT };
extern const struct stat_breakdown sugg_stat_breakdowns[];

/* The providers of this module: "suggestions". Ends with an entry whose name is NULL. */
extern const struct stat_provider sugg_stat_providers[];

/* The fixed columns of a table, by index; a count and a share per result class follow. */
enum ss_col {
	SS_COUNT,
	SS_SHARE,
	SS_MERGED,
	SS_ASSIGNED,
	SS_CLOSED,
	SS_CLOSED_RATE,
	SS_OPEN,
	SS_OVERDUE,
	SS_MET,
	SS_MEETING_RATE,
	SS_REPLIED,
	SS_REPLY_DUE,
	SS_REPLY_MET,
	SS_REPLY_RATE,
	SS_EVALUATED,
	SS_SATISFIED,
	SS_BASIC,
	SS_UNSATISFIED,
	SS_SATISFACTION,
	SS_KEY_SUPERVISED,
	SS_SAT_OR_BASIC, /* hidden: the numerator of the satisfaction rate */
	SS_NCOLS
};

/*
 * Counts the items of q (session, kind, unit: the lead unit's name or code)
 * in scope, broken down by `by`. Category, class and kind list every key
 * (zero rows too: every active category, every class and then the items not
 * yet replied to); unit lists the units with items, most first, then the
 * items not assigned; session the sessions with items, oldest first. Caller
 * frees with stat_table_free().
 */
int sugg_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
               struct stat_table *out);

/* ---- the items behind the statistics ----------------------------------------- */

/* What a detail column holds. */
enum ss_dkind { SD_TEXT, SD_COUNT, SD_DATE, SD_LONG };

/* The columns of the item detail (the report's item sheet and a unit's handling sheet). */
enum ss_dcol {
	SS_D_NUMBER,
	SS_D_KIND,
	SS_D_TITLE,
	SS_D_CATEGORY,
	SS_D_DEPUTY,
	SS_D_COSIGNERS,
	SS_D_STATE,
	SS_D_UNIT,
	SS_D_SUPPORT,
	SS_D_ROLE,
	SS_D_ASSIGNED,
	SS_D_REPLY_DUE,
	SS_D_REPLY_OUTCOME,
	SS_D_REPLIED,
	SS_D_FOLLOWUP,
	SS_D_CLASS,
	SS_D_EVALUATION,
	SS_D_MEETINGS,
	SS_D_SUPERVISOR,
	SS_D_MERGED_INTO,
	SS_D_OPINION_DUE,
	SS_D_OPINION_AT,
	SS_D_OPINION,
	SS_D_PROPOSAL,
	SS_NDCOLS
};

struct ss_dcolinfo {
	const char *key;   /* "reply_due" */
	const char *label; /* translatable header */
	enum ss_dkind kind;
	int max_width; /* widest column the report gives it (display columns) */
};
/* SS_NDCOLS entries, indexed by enum ss_dcol. */
extern const struct ss_dcolinfo ss_dcols[];

/*
 * Reads the items of q in scope (registered or merged; q->unit is ignored),
 * in session, kind and number order; with unit (name or code), only the
 * items assigned to it, as lead or supporting unit (the role column says
 * which; the opinion columns hold a supporting unit's own opinion).
 */
struct ss_detail;
struct ss_detail *ss_detail_open(sqlite3 *db, const struct scope *sc, const struct stat_query *q,
                                 const char *unit);
/*
 * The next item: vals[SS_NDCOLS] point to its columns (valid until the next
 * call; never NULL). RD_OK, RD_NOTFOUND at the end, or an error.
 */
int ss_detail_next(struct ss_detail *d, const char **vals);
void ss_detail_close(struct ss_detail *d);

#endif
