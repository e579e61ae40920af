/*
 * The statistics of the finance module (model/stat/stat.h): budget execution
 * of a year by department, book or function class ("execution"), state assets
 * by kind, holder or class ("assets"), and finance warnings by rule, severity,
 * state, department, month or dataset ("warnings"). renda stats NAME, the
 * console's statistics screen and the workbook writer print them alike.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/finance/fin_priv.h"
#include "model/finance/fin_stats.h"
#include "model/finance/warning.h"
#include "model/finance/warning_scope.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define H STAT_HIDDEN
#define HL STAT_HEADLINE

/* ---- budget execution -------------------------------------------------------------- */

enum { EX_DEPARTMENT, EX_BOOK, EX_FUNCTION, EX_COUNT };
/* clang-format off */
static const struct stat_breakdown exec_by[] = {
	[EX_DEPARTMENT] = {"department", N_("Department"), N_("Budget execution by department"), true},
	[EX_BOOK] = {"book", N_("Book"), N_("Budget execution by book"), false},
	[EX_FUNCTION] = {"function", N_("Function class"), N_("Budget execution by function class"), true},
};
enum { XC_ANNUAL, XC_ADJUSTED, XC_EXECUTED, XC_RATE, XC_SCHEDULE, XC_MONTHS, XC_TWELVE, XC_N };
static const struct stat_coldef exec_cols[] = {
	[XC_ANNUAL] = {"annual", N_("Annual budget"), N_("Annual"),
	               N_("the budget passed at the start of the year, in yuan"), STAT_MONEY, -1, -1, 0},
	[XC_ADJUSTED] = {"adjusted", N_("Adjusted budget"), N_("Adjusted"),
	                 N_("the budget as adjusted during the year, in yuan"), STAT_MONEY, -1, -1, HL},
	[XC_EXECUTED] = {"executed", N_("Executed"), N_("Executed"),
	                 N_("spent in the year to date of the latest month imported, in yuan"),
	                 STAT_MONEY, -1, -1, HL},
	[XC_RATE] = {"rate", N_("Execution rate"), N_("Exec %"),
	             N_("executed / adjusted budget"), STAT_PCT, XC_EXECUTED, XC_ADJUSTED, HL},
	[XC_SCHEDULE] = {"schedule", N_("Time-elapsed schedule"), N_("Schedule %"),
	                 N_("the months of the year gone / 12 (序时进度)"), STAT_PCT, XC_MONTHS,
	                 XC_TWELVE, HL},
	[XC_MONTHS] = {"months", N_("Months gone"), NULL, NULL, STAT_COUNT, -1, -1, H},
	[XC_TWELVE] = {"twelve", N_("Months of the year"), NULL, NULL, STAT_COUNT, -1, -1, H},
};
/* clang-format on */

static int exec_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                      struct stat_table *out)
{
	stat_table_init(out, exec_cols, XC_N, exec_by[by].title, exec_by[by].label,
	                N_("Adjusted budget"));
	out->long_keys = exec_by[by].long_keys;
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	/* The year: the one asked for, or the latest one imported; each book's latest month. */
	int64_t year = q->year;
	if (!year &&
	    db_int(db, &year, "SELECT max(year) FROM fin_budget WHERE (?1 = 0 OR unit_id = ?1)",
	           "i", fin_unit_of(sc)))
		return RD_FAIL;
	static const char *const keys[] = {
	    [EX_DEPARTMENT] = "department_code, max(department)",
	    [EX_BOOK] = "dataset, CASE dataset WHEN 'budget' THEN 1 WHEN 'fund' THEN 2 ELSE 3 END",
	    [EX_FUNCTION] = "function_code, max(function)",
	};
	char *sql = xasprintf(
	    "SELECT %s, sum(annual), sum(adjusted), sum(executed), max(b.month) FROM fin_budget b "
	    "WHERE b.year = ?1 AND (?2 = 0 OR b.unit_id = ?2) AND (?3 OR b.dataset = 'budget') AND "
	    "b.month = (SELECT max(x.month) FROM fin_budget x WHERE x.dataset = b.dataset AND "
	    "x.year "
	    "= ?1) GROUP BY 1 ORDER BY %s",
	    keys[by], by == EX_BOOK ? "2" : "1");
	sqlite3_stmt *st = db_prepare(db, sql, "iid", year, fin_unit_of(sc), (int)(by == EX_BOOK));
	free(sql);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = db_col(st, 0);
		const char *name = by == EX_BOOK ? _(fin_dataset_find(k)->label) : db_col(st, 1);
		struct stat_row *r = stat_table_add_row(out, k, name);
		r->v[XC_ANNUAL] = sqlite3_column_int64(st, 2);
		r->v[XC_ADJUSTED] = sqlite3_column_int64(st, 3);
		r->v[XC_EXECUTED] = sqlite3_column_int64(st, 4);
		r->v[XC_MONTHS] = sqlite3_column_int64(st, 5);
		r->v[XC_TWELVE] = 12;
	}
	sqlite3_finalize(st);
	stat_table_sum(out);
	return RD_OK;
}

/* ---- state assets ------------------------------------------------------------------------ */

enum { AS_KIND, AS_HOLDER, AS_CATEGORY, AS_COUNT };
/* clang-format off */
static const struct stat_breakdown asset_by[] = {
	[AS_KIND] = {"kind", N_("Kind of assets"), N_("State assets by kind"), false},
	[AS_HOLDER] = {"holder", N_("Holder"), N_("State assets by holder"), true},
	[AS_CATEGORY] = {"category", N_("Asset class"), N_("State assets by class"), true},
};
enum { AC_VALUE, AC_SHARE, AC_CHANGE, AC_BEGIN, AC_N };
static const struct stat_coldef asset_cols[] = {
	[AC_VALUE] = {"value", N_("Value at the year's end"), N_("Value"),
	              N_("the value at the end of the year, in yuan"), STAT_MONEY, -1, -1, HL},
	[AC_SHARE] = {"share", N_("Share"), N_("Share %"), N_("value of the row / value of all"),
	              STAT_SHARE, AC_VALUE, -1, 0},
	[AC_CHANGE] = {"change", N_("Change in the year"), N_("Change"),
	               N_("the increase (or, negative, the decrease) in the year, in yuan"),
	               STAT_MONEY, -1, -1, HL},
	[AC_BEGIN] = {"begin", N_("Value at the year's start"), N_("At start"),
	              N_("the value at the end less the change in the year, in yuan"), STAT_MONEY,
	              -1, -1, 0},
};
/* clang-format on */

static int asset_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                       struct stat_table *out)
{
	stat_table_init(out, asset_cols, AC_N, asset_by[by].title, asset_by[by].label,
	                N_("Value at the year's end"));
	out->long_keys = asset_by[by].long_keys;
	out->word_keys = by == AS_KIND;
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int64_t year = q->year;
	if (!year &&
	    db_int(db, &year, "SELECT max(year) FROM fin_asset WHERE (?1 = 0 OR unit_id = ?1)", "i",
	           fin_unit_of(sc)))
		return RD_FAIL;
	static const char *const keys[] = {
	    [AS_KIND] = ("kind, CASE kind WHEN 'admin' THEN 1 WHEN 'enterprise' THEN 2 WHEN "
	                 "'natural' THEN 3 ELSE 4 END"),
	    [AS_HOLDER] = "holder_code, max(holder)",
	    [AS_CATEGORY] = "category, category",
	};
	char *sql =
	    xasprintf("SELECT %s, sum(value), sum(change) FROM fin_asset WHERE year = ?1 AND "
	              "(?2 = 0 OR unit_id = ?2) GROUP BY 1 ORDER BY %s",
	              keys[by], by == AS_KIND ? "2" : "1");
	sqlite3_stmt *st = db_prepare(db, sql, "ii", year, fin_unit_of(sc));
	free(sql);
	if (!st)
		return RD_FAIL;
	const struct fin_dataset *d = fin_dataset_find("assets");
	const struct fin_field *kf = &d->fields[fin_field_find(d, "kind")];
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = db_col(st, 0);
		const char *name = db_col(st, 1);
		if (by == AS_KIND) {
			static const char *const codes[] = {"admin", "enterprise", "natural",
			                                    "zone"};
			for (int i = 0; i < 4; i++)
				if (!strcmp(k, codes[i]))
					name = _(kf->choice_labels[i]);
		}
		struct stat_row *r = stat_table_add_row(out, k, name);
		r->v[AC_VALUE] = sqlite3_column_int64(st, 2);
		r->v[AC_CHANGE] = sqlite3_column_int64(st, 3);
		r->v[AC_BEGIN] = r->v[AC_VALUE] - r->v[AC_CHANGE];
	}
	sqlite3_finalize(st);
	stat_table_sum(out);
	return RD_OK;
}

const struct stat_provider fin_stat_providers[] = {
    {"execution", N_("Budget execution"), exec_by, EX_COUNT, STAT_OPT_YEAR, "execution-stats",
     exec_stats},
    {"assets", N_("State assets"), asset_by, AS_COUNT, STAT_OPT_YEAR, "assets-stats", asset_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* ---- warnings ------------------------------------------------------------------------------ */

enum { WB_RULE, WB_SEVERITY, WB_STATE, WB_DEPARTMENT, WB_MONTH, WB_DATASET, WB_COUNT };
/* clang-format off */
static const struct stat_breakdown warn_by[] = {
	[WB_RULE] = {"rule", N_("Rule"), N_("Warnings by rule"), false},
	[WB_SEVERITY] = {"severity", N_("Level"), N_("Warnings by level"), false},
	[WB_STATE] = {"status", N_("State"), N_("Warnings by state"), false},
	[WB_DEPARTMENT] = {"department", N_("Department"), N_("Warnings by department"), true},
	[WB_MONTH] = {"month", N_("Month raised"), N_("Warnings by the month raised"), false},
	[WB_DATASET] = {"dataset", N_("Dataset"), N_("Warnings by dataset"), false},
};
enum { WC_COUNT, WC_SHARE, WC_RED, WC_OPEN, WC_RESOLVED, WC_DISMISSED, WC_OVERDUE, WC_DUE,
       WC_MET, WC_RATE, WC_N };
static const struct stat_coldef warn_cols[] = {
	[WC_COUNT] = {"count", N_("Warnings"), N_("Warnings"),
	              N_("warnings of the periods of the year, within the scope"), STAT_COUNT, -1, -1,
	              HL},
	[WC_SHARE] = {"share", N_("Share"), N_("Share %"), N_("warnings of the row / all warnings"),
	              STAT_SHARE, WC_COUNT, -1, 0},
	[WC_RED] = {"red", N_("Red"), N_("Red"), N_("warnings of the red level"), STAT_COUNT, -1, -1,
	            HL},
	[WC_OPEN] = {"open", N_("Still open"), N_("Open"),
	             N_("warnings open, sent for self-check or verified"), STAT_COUNT, -1, -1, HL},
	[WC_RESOLVED] = {"resolved", N_("Resolved"), N_("Resolved"), N_("warnings resolved"),
	                 STAT_COUNT, -1, -1, 0},
	[WC_DISMISSED] = {"dismissed", N_("Dismissed"), N_("Dismissed"),
	                  N_("warnings dismissed: no problem behind them"), STAT_COUNT, -1, -1, 0},
	[WC_OVERDUE] = {"overdue", N_("Self-check overdue"), N_("Overdue"),
	                N_("warnings whose department's self-check report is past its deadline"),
	                STAT_COUNT, -1, -1, HL},
	[WC_DUE] = {"selfcheck_due", N_("Self-checks due"), N_("Due"),
	            N_("self-check deadlines that have come: reported (on time or late) and past "
	               "without a report"),
	            STAT_COUNT, -1, -1, 0},
	[WC_MET] = {"selfcheck_on_time", N_("Self-checks on time"), N_("On time"),
	            N_("self-check reports by their deadline"), STAT_COUNT, -1, -1, 0},
	[WC_RATE] = {"selfcheck_rate", N_("On-time self-check rate"), N_("On time %"),
	             N_("self-checks on time / self-checks due"), STAT_PCT, WC_MET, WC_DUE, HL},
};
/* clang-format on */

static int warn_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                      struct stat_table *out)
{
	stat_table_init(out, warn_cols, WC_N, warn_by[by].title, warn_by[by].label, N_("Warnings"));
	out->long_keys = warn_by[by].long_keys;
	out->word_keys = by == WB_SEVERITY || by == WB_STATE || by == WB_DATASET;
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	char year[8];
	snprintf(year, sizeof year, "%04d", stat_year(q));
	static const char *const keys[] = {
	    [WB_RULE] = "r.code, r.name",
	    [WB_SEVERITY] = "w.severity, w.severity",
	    [WB_STATE] = "w.state, w.state",
	    [WB_DEPARTMENT] = "coalesce(d.code, ''), coalesce(d.name, '')",
	    [WB_MONTH] = "substr(w.created_at, 1, 7), substr(w.created_at, 1, 7)",
	    [WB_DATASET] = "w.dataset, w.dataset",
	};
	char *sql = xasprintf(
	    "SELECT %s, count(*), sum(w.severity = 'red'), sum(w.state IN %s), "
	    "sum(w.state = 'resolved'), sum(w.state = 'dismissed'), sum(%s), "
	    "sum((SELECT count(*) FROM wf_clock k WHERE k.workflow = 'warning' AND k.item_id = "
	    "w.id "
	    "AND (k.outcome IN ('met', 'late') OR (k.stopped IS NULL AND k.due < "
	    "renda_today())))), "
	    "sum((SELECT count(*) FROM wf_clock k WHERE k.workflow = 'warning' AND k.item_id = "
	    "w.id "
	    "AND k.outcome = 'met')) FROM fin_warning w JOIN fin_rule r ON r.id = w.rule_id LEFT "
	    "JOIN "
	    "unit d ON d.id = w.unit_id WHERE substr(w.period, 1, 4) = ?1 AND " WARN_SCOPE_SQL
	    " GROUP BY 1 ORDER BY %s",
	    keys[by], flow_open_sql(&warning_flow),
	    flow_cond_sql(&warning_flow, "w.id", FC_OVERDUE),
	    by == WB_DEPARTMENT ? "3 DESC, 1" : "1");
	sqlite3_stmt *st = db_prepare(db, sql, "t", year);
	free(sql);
	if (!st)
		return RD_FAIL;
	warning_scope_bind(st, sc);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = db_col(st, 0), *name = db_col(st, 1);
		if (by == WB_SEVERITY)
			name = !strcmp(k, "red") ? _("red") : _("yellow");
		else if (by == WB_STATE)
			name = flow_state_label(&warning_flow, k);
		else if (by == WB_DATASET && fin_dataset_find(k))
			name = _(fin_dataset_find(k)->label);
		else if (by == WB_DEPARTMENT && !*k)
			name = _("(no department: the whole budget or a tax kind)");
		struct stat_row *r = stat_table_add_row(out, k, name);
		for (int c = 0; c < 8; c++) {
			static const int col[] = {WC_COUNT,     WC_RED,     WC_OPEN, WC_RESOLVED,
			                          WC_DISMISSED, WC_OVERDUE, WC_DUE,  WC_MET};
			r->v[col[c]] = sqlite3_column_int64(st, 2 + c);
		}
	}
	sqlite3_finalize(st);
	stat_table_sum(out);
	if (by == WB_DEPARTMENT)
		out->ranked = true;
	return RD_OK;
}

const struct stat_provider warning_stat_providers[] = {
    {"warnings", N_("Finance warnings"), warn_by, WB_COUNT, STAT_OPT_YEAR, "warning-stats",
     warn_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
