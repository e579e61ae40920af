/*
 * Statistics of deputies' motions and suggestions (DESIGN 4.3): counts and
 * rates per lead unit, category, session, result class or kind, within the
 * session's scope (suggestion_scope.h). The CLI (renda stats suggestions),
 * the console and the workbooks (renda report suggestions) read the figures
 * from here, in the same table design as the case statistics (stats.h: the
 * breakdowns are struct stats_dim, the columns struct stats_colinfo, the
 * rounding stats_pct), so they print the same.
 *
 * Definitions (doc-suggestion.txt says the same):
 * - items: the motions and suggestions registered (立案 / 登记, numbered) and
 *   not merged into another, of the session(s) asked for; an item merged into
 *   another (并案) is handled, counted and replied to with it (merged: their
 *   number, counted apart);
 * - share: items of the row / items of the table;
 * - assigned: items assigned to a unit (交办): assigned, replied, in follow-up
 *   or closed;
 * - closed (办结): items closed; closed rate (办结率): closed / assigned;
 * - open: items still being handled (registered, assigned, replied, in follow-up);
 * - overdue: items with a reply, re-handling or opinion deadline running and past;
 * - met: items with at least one face-to-face consultation (面商);
 *   meeting rate (面商率): met / assigned;
 * - replied: items with a reply (a result class);
 * - on-time reply rate (按时答复率): reply and re-handling deadlines stopped by
 *   their due day / those stopped (on time or late); an approved extension
 *   moves the due day (the deadline it replaces counts neither way), running
 *   deadlines count neither way;
 * - satisfaction rate (满意率): items whose latest evaluation is satisfied or
 *   basically satisfied / items evaluated;
 * - key: key supervised items (重点督办);
 * - class X: items whose latest reply is of class X; share of X: class X /
 *   replied (the classes are reference data: A, B, C by default).
 * Percentages are rounded half-up to two decimals (stats_pct); a rate whose
 * denominator is 0 has no value (empty in TSV, null in JSON, a blank cell).
 */
#ifndef RENDA_STATS_SUGG_H
#define RENDA_STATS_SUGG_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/stat/stats.h"

/* The breakdowns, in report order. */
enum ss_by { SS_BY_UNIT, SS_BY_CATEGORY, SS_BY_SESSION, SS_BY_CLASS, SS_BY_KIND, SS_BY_COUNT };
/* SS_BY_COUNT entries, indexed by enum ss_by. */
extern const struct stats_dim ss_dims[];
/* The breakdown named name, or -1. */
int ss_dim_find(const char *name);
/* "unit|category|session|class|kind": static storage. */
const char *ss_dim_names(void);

/* The fixed columns of a row, in output order; the class columns follow them. */
enum ss_col {
	SS_COL_KEY,
	SS_COL_NAME,
	SS_COL_COUNT,
	SS_COL_SHARE,
	SS_COL_MERGED,
	SS_COL_ASSIGNED,
	SS_COL_CLOSED,
	SS_COL_CLOSED_RATE,
	SS_COL_OPEN,
	SS_COL_OVERDUE,
	SS_COL_MET,
	SS_COL_MEETING_RATE,
	SS_COL_REPLIED,
	SS_COL_REPLY_RATE,
	SS_COL_EVALUATED,
	SS_COL_SATISFACTION,
	SS_COL_KEY_SUPERVISED,
	SS_NCOLS
};
/* SS_NCOLS entries, indexed by enum ss_col. */
extern const struct stats_colinfo ss_cols[];

struct ss_row {
	char *key;  /* owned: unit, category or class code, session code, kind; "" = none */
	char *name; /* owned: the name shown */
	int64_t count, merged, assigned, closed, open, overdue, met, replied;
	int64_t reply_met, reply_stopped; /* reply and rehandle clocks stopped: met; met or late */
	int64_t satisfied, basic, evaluated; /* latest evaluations */
	int64_t key_supervised;
	int64_t *classes; /* owned: items per result class, indexed like ss_table.classes */
};

struct ss_query {
	const char *session; /* code: only that session's items; NULL = all sessions */
	const char *kind;    /* motion or suggestion; NULL = both */
	const char *unit;    /* name or code: only the items of that lead unit; NULL = all */
};

struct ss_table {
	enum ss_by by;
	int nclasses;
	char **class_codes, **class_names; /* owned: the result classes, in their order */
	struct ss_row *rows;
	int n;
	struct ss_row total; /* key "", name "Total" (translated) */
};

/*
 * Counts the items of q in scope, broken down by `by`. Category, class and
 * kind list every key (zero rows too: every active category, every class
 * and then the items not yet replied to); unit lists the units with items,
 * most first, then the items not assigned; session the sessions with items,
 * oldest first. Caller frees with ss_table_free().
 */
int ss_table_make(sqlite3 *db, const struct scope *sc, const struct ss_query *q, enum ss_by by,
                  struct ss_table *out);
void ss_table_free(struct ss_table *t);

/* The number of columns of t: the fixed ones, then a count and a share per class. */
int ss_ncols(const struct ss_table *t);
/*
 * Column i of t: its header key ("closed_rate", "class_A", "share_A"), its
 * label (translated; class columns take the class's code and name) and kind.
 * key and label are written into the buffers when they are made up.
 */
void ss_col(const struct ss_table *t, int i, char key[40], char label[160], enum stats_kind *kind);
/* The value of column i of row r: a count, hundredths for rates (-1: no value, or text). */
int64_t ss_value(const struct ss_table *t, const struct ss_row *r, int i);
/* The column as text ("66.67"); NULL when it has no value. Points into r or buf. */
const char *ss_text(const struct ss_table *t, const struct ss_row *r, int i, char buf[24]);

/* ---- the items behind the statistics ----------------------------------------- */

/* The columns of the item detail (the report's detail and a unit's handling sheet). */
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
	SS_D_CLASS,
	SS_D_EVALUATION,
	SS_D_MEETINGS,
	SS_D_SUPERVISOR,
	SS_D_MERGED_INTO,
	SS_D_PROPOSAL,
	SS_NDCOLS
};
/* SS_NDCOLS entries, indexed by enum ss_dcol (the struct of stats.h). */
extern const struct stats_dcolinfo ss_dcols[];

/*
 * Reads the items of q in scope (registered or merged; q->unit is ignored),
 * in session, kind and number order; with unit (name or code), only the
 * items assigned to it, as lead or supporting unit (the role column says
 * which).
 */
struct ss_detail;
struct ss_detail *ss_detail_open(sqlite3 *db, const struct scope *sc, const struct ss_query *q,
                                 const char *unit);
/*
 * The next item: vals[SS_NDCOLS] point to its columns (valid until the next
 * call; never NULL). RD_OK, RD_NOTFOUND at the end, or an error.
 */
int ss_detail_next(struct ss_detail *d, const char **vals);
void ss_detail_close(struct ss_detail *d);

#endif
