/*
 * The tables of figures of the finance module (finance.h): budget execution
 * drilled down from the total to a department to a project, revenue by tax
 * kind, 三公经费, major projects, audit findings, performance, state assets,
 * imports and what they changed. Each is one struct ftab that the CLI, the
 * console and the workbook print alike. Amounts are summed over the sources of
 * a dataset; rates are rounded half-up to two decimals once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/finance/fin_priv.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The word of a choice value of field key of dataset (the code in the C locale, unless
   the query asks for words). */
static const char *choice_out(const struct fin_query *q, const char *dataset, const char *key,
                              const char *code)
{
	const struct fin_dataset *d = fin_dataset_find(dataset);
	int f = d ? fin_field_find(d, key) : -1;
	if (f < 0 || (!vocab_translating() && !q->words))
		return code;
	const struct fin_field *fd = &d->fields[f];
	int i = 0;
	for (const char *c = fd->choices; c && *c; i++) {
		const char *eq = strchr(c, '='), *bar = strchr(c, '|');
		if ((size_t)(eq - c) == strlen(code) && !strncmp(c, code, strlen(code)))
			return _(fd->choice_labels[i]);
		c = bar ? bar + 1 : NULL;
	}
	return code;
}

int fin_latest(sqlite3 *db, const struct scope *sc, const char *dataset, int *year, int *month)
{
	const struct fin_dataset *d = fin_dataset_find(dataset);
	if (!d)
		return err_set(RD_INVALID, _("dataset: '%s' is not one of %s"),
		               dataset ? dataset : "", fin_dataset_names());
	char *sql = xasprintf("SELECT year, month FROM %s WHERE dataset = ?1 AND (?2 = 0 OR "
	                      "unit_id = ?2) ORDER BY year DESC, month DESC LIMIT 1",
	                      d->table);
	sqlite3_stmt *st = db_prepare(db, sql, "ti", dataset, fin_unit_of(sc));
	free(sql);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*year = sqlite3_column_int(st, 0);
		*month = sqlite3_column_int(st, 1);
		rc = RD_OK;
	}
	sqlite3_finalize(st);
	if (rc == RD_NOTFOUND)
		err_set(RD_NOTFOUND, _("no %s has been imported"), _(d->label));
	return rc;
}

/* The period of a query: the one asked for, or the latest imported; checks a month given. */
static int query_period(sqlite3 *db, const struct scope *sc, const char *dataset,
                        const struct fin_query *q, bool monthly, int *year, int *month)
{
	if (q->month && (q->month < 1 || q->month > 12))
		return err_set(RD_INVALID, _("month: %d is not a month from 1 to 12"), q->month);
	if (q->year && (!monthly || q->month)) {
		*year = q->year;
		*month = monthly ? q->month : 12;
		return RD_OK;
	}
	int y, m;
	int rc = fin_latest(db, sc, dataset, &y, &m);
	if (rc == RD_NOTFOUND && q->year) {
		err_clear();
		*year = q->year;
		*month = 12;
		return RD_OK;
	}
	if (rc)
		return rc;
	/* A year without a month: its latest month imported. */
	if (q->year && q->year != y) {
		const struct fin_dataset *d = fin_dataset_find(dataset);
		char *sql =
		    xasprintf("SELECT max(month) FROM %s WHERE dataset = ? AND year = ?", d->table);
		int64_t mm = 0;
		db_int(db, &mm, sql, "td", dataset, q->year);
		free(sql);
		y = q->year;
		m = mm ? (int)mm : 12;
	}
	*year = y;
	*month = monthly ? (q->month ? q->month : m) : 12;
	return RD_OK;
}

static void period_text(int y, int m, char out[12])
{
	snprintf(out, 12, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* ---- budget execution ------------------------------------------------------------------ */

static const struct ftab_col exec_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Name"), FTK_TEXT, FTC_NAME},
    {"annual", N_("Annual budget"), FTK_MONEY, 0},
    {"adjusted", N_("Adjusted budget"), FTK_MONEY, FTC_BRIEF},
    {"executed", N_("Executed"), FTK_MONEY, FTC_BRIEF},
    {"rate", N_("Execution %"), FTK_DEC, FTC_RATE | FTC_BAR | FTC_BRIEF},
    {"schedule", N_("Schedule %"), FTK_DEC, FTC_RATE | FTC_MARK},
    {"behind", N_("Behind (points)"), FTK_DEC, FTC_BRIEF},
    {"month", N_("This month"), FTK_MONEY, 0},
    {"mom", N_("Month on month %"), FTK_DEC, FTC_RATE},
    {"prev_ytd", N_("Same months last year"), FTK_MONEY, 0},
    {"yoy", N_("Year on year %"), FTK_DEC, FTC_RATE},
};
enum {
	EC_CODE,
	EC_NAME,
	EC_ANNUAL,
	EC_ADJ,
	EC_EXEC,
	EC_RATE,
	EC_SCHED,
	EC_BEHIND,
	EC_MONTH,
	EC_MOM,
	EC_PREV,
	EC_YOY
};

/* The figures of one key of a level, over the periods the columns need. */
struct eacc {
	char *code, *name;
	int64_t annual, adjusted, executed; /* this period */
	int64_t ytd[5];                     /* by period slot (see fin_execution) */
	bool here;                          /* it has lines this period */
};

static struct eacc *eacc_get(struct eacc **a, int *n, const char *code)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*a)[i].code, code))
			return &(*a)[i];
	*a = xrealloc(*a, sizeof **a * (size_t)(*n + 1));
	struct eacc *e = &(*a)[(*n)++];
	memset(e, 0, sizeof *e);
	e->code = xstrdup(code);
	e->name = xstrdup("");
	return e;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct eacc *)a)->code, ((const struct eacc *)b)->code);
}

/*
 * What the month columns can say: slots of the ytd figures are 0 this month, 1 the
 * month before (this year's, or December's), 2 the month before that, 3 this month a
 * year before; have[] says which periods were imported; at the start of a year the
 * ytd before is nothing.
 */
struct emonths {
	int month; /* this month: the months gone of the year */
	bool have[4];
	bool year_start, prev_start; /* this month is January; the month before is */
};

/* The spending of this month and of the month before, when they can be told. */
static void month_figures(const struct emonths *em, const int64_t *ytd, bool *known, int64_t *month,
                          bool *prev_known, int64_t *prev)
{
	*known = em->year_start || em->have[1];
	*month = ytd[0] - (em->year_start ? 0 : ytd[1]);
	*prev_known = em->have[1] && (em->prev_start || em->have[2]);
	*prev = ytd[1] - (em->prev_start ? 0 : ytd[2]);
}

/* Fills a row of the execution table from an accumulator. */
static void exec_row(struct ftab *t, int r, const struct eacc *e, int64_t schedule,
                     const struct emonths *em, const struct fin_rule *rule)
{
	ftab_text(t, r, EC_CODE, e->code);
	ftab_text(t, r, EC_NAME, e->name);
	ftab_num(t, r, EC_ANNUAL, e->annual);
	ftab_num(t, r, EC_ADJ, e->adjusted);
	ftab_num(t, r, EC_EXEC, e->executed);
	int64_t rate, g;
	if (fin_pct(e->executed, e->adjusted, &rate)) {
		ftab_num(t, r, EC_RATE, rate);
		/* behind in points, as the rule counts it: (months / 12 - executed / adjusted) */
		int64_t num = em->month * e->adjusted - 12 * e->executed, den = 12 * e->adjusted;
		ftab_num(t, r, EC_BEHIND, fin_ratio_h(num, den));
		int sev = rule && e->adjusted >= rule->min ? fin_severity(rule, num, den) : 0;
		t->flags[r] |= sev == 2 ? FTR_RED : sev == 1 ? FTR_YELLOW : 0;
	}
	ftab_num(t, r, EC_SCHED, schedule);
	bool known, prev_known;
	int64_t month, prev;
	month_figures(em, e->ytd, &known, &month, &prev_known, &prev);
	if (known) {
		ftab_num(t, r, EC_MONTH, month);
		if (prev_known && fin_growth(month, prev, &g))
			ftab_num(t, r, EC_MOM, g);
	}
	if (em->have[3]) {
		ftab_num(t, r, EC_PREV, e->ytd[3]);
		if (fin_growth(e->ytd[0], e->ytd[3], &g))
			ftab_num(t, r, EC_YOY, g);
	}
}

int fin_execution(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	const char *dataset = q->dataset ? q->dataset : "budget";
	const struct fin_dataset *d = fin_dataset_find(dataset);
	ftab_init(out, exec_cols, N_OF(exec_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	if (!d || strcmp(d->table, "fin_budget"))
		return err_set(RD_INVALID, _("book: '%s' is not budget, fund or capital"), dataset);
	int y, m;
	if ((rc = query_period(db, sc, dataset, q, true, &y, &m)))
		return rc;
	/* The periods: this month, the month before (this year, or December), the one before
	   that, and this month a year before. A month's spending is its ytd less the last. */
	char per[4][12];
	period_text(y, m, per[0]);
	int py = m > 1 ? y : y - 1, pm = m > 1 ? m - 1 : 12;
	period_text(py, pm, per[1]);
	period_text(pm > 1 ? py : py - 1, pm > 1 ? pm - 1 : 12, per[2]);
	period_text(y - 1, m, per[3]);
	bool year_start = m == 1, prev_start = pm == 1;
	const char *dep = q->department && *q->department ? q->department : NULL;
	const char *proj = dep && q->project ? q->project : NULL;
	const char *key = proj ? "function_code" : dep ? "project_code" : "department_code";
	const char *name = proj ? "function" : dep ? "project" : "department";
	int64_t unit = fin_unit_of(sc);
	char *sql = xasprintf(
	    "SELECT %s, max(%s), period, sum(annual), sum(adjusted), sum(executed) FROM fin_budget "
	    "WHERE dataset = ?1 AND period IN (?2, ?3, ?4, ?5) AND (?6 = 0 OR unit_id = ?6) AND "
	    "(?7 IS NULL OR department_code = ?7) AND (?8 IS NULL OR project_code = ?8) "
	    "GROUP BY 1, 3",
	    key, name);
	sqlite3_stmt *st = db_prepare(db, sql, "tttttitt", dataset, per[0], per[1], per[2], per[3],
	                              unit, dep, proj);
	free(sql);
	if (!st)
		return RD_FAIL;
	struct eacc *acc = NULL, total = {0};
	int n = 0;
	bool have[4] = {false, false, false, false};
	char *level_name = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *period = db_col(st, 2);
		int slot = 0;
		while (slot < 4 && strcmp(per[slot], period))
			slot++;
		if (slot == 4)
			continue;
		have[slot] = true;
		struct eacc *e = eacc_get(&acc, &n, db_col(st, 0));
		int64_t ytd = sqlite3_column_int64(st, 5);
		/* The same period may fill two slots (never: the four differ) */
		e->ytd[slot] += ytd;
		total.ytd[slot] += ytd;
		if (slot == 0) {
			e->here = true;
			free(e->name);
			e->name = db_col_dup(st, 1);
			e->annual = sqlite3_column_int64(st, 3);
			e->adjusted = sqlite3_column_int64(st, 4);
			e->executed = ytd;
			total.annual += e->annual;
			total.adjusted += e->adjusted;
			total.executed += ytd;
		}
	}
	sqlite3_finalize(st);
	struct emonths em = {m, {have[0], have[1], have[2], have[3]}, year_start, prev_start};
	if (!have[0]) {
		for (int i = 0; i < n; i++) {
			free(acc[i].code);
			free(acc[i].name);
		}
		free(acc);
		return err_set(RD_NOTFOUND, _("no %s of %04d-%02d within your scope%s%s"),
		               _(d->label), y, m, dep ? ": " : "", dep ? dep : "");
	}
	/* The name of the level: the department's, the project's. */
	if (proj)
		db_text(
		    db, &level_name,
		    "SELECT max(department) || ' ' || CASE WHEN ?4 = '' THEN ?5 ELSE max(project) "
		    "END FROM fin_budget WHERE dataset = ?1 AND period = ?2 AND department_code = "
		    "?3 "
		    "AND project_code = ?4",
		    "ttttt", dataset, per[0], dep, proj,
		    _("basic expenditure (lines of no project)"));
	else if (dep)
		db_text(
		    db, &level_name,
		    "SELECT max(department) FROM fin_budget WHERE dataset = ?1 AND period = ?2 AND "
		    "department_code = ?3",
		    "ttt", dataset, per[0], dep);
	xqsort(acc, (size_t)n, sizeof *acc, by_code);
	int64_t schedule;
	fin_pct(m, 12, &schedule);
	struct fin_rule *rules = NULL;
	int nr = 0;
	fin_rules_of(db, "exec_behind", dataset, &rules, &nr);
	/* The rule marks the level it looks at; a drill-down shows the same thresholds. */
	const struct fin_rule *rule = nr ? &rules[0] : NULL;
	total.code = xstrdup(proj ? proj : dep ? dep : "");
	total.name = level_name ? level_name : xstrdup(_("Total"));
	int r = ftab_add(out, FTR_TOTAL);
	exec_row(out, r, &total, schedule, &em, rule);
	for (int i = 0; i < n; i++) {
		if (!acc[i].here)
			continue;
		if (dep && !proj && !*acc[i].code) {
			free(acc[i].name);
			acc[i].name = xstrdup(_("basic expenditure (lines of no project)"));
		}
		r = ftab_add(out, 0);
		exec_row(out, r, &acc[i], schedule, &em, rule);
	}
	fin_rules_free(rules, nr);
	for (int i = 0; i < n; i++) {
		free(acc[i].code);
		free(acc[i].name);
	}
	free(acc);
	free(total.code);
	free(total.name);
	char sched[32];
	fin_dec(schedule, sched);
	out->title = xasprintf(_("%s, %04d-%02d"), _(d->label), y, m);
	out->note = xasprintf(_("Amounts in yuan; the time-elapsed schedule (序时进度) is %s%%: %d "
	                        "of 12 months gone"),
	                      sched, m);
	return RD_OK;
}

/* ---- revenue by tax kind ------------------------------------------------------------------ */

static const struct ftab_col rev_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Tax kind"), FTK_TEXT, FTC_NAME},
    {"amount", N_("Year to date"), FTK_MONEY, FTC_BRIEF},
    {"budget", N_("Year's budget"), FTK_MONEY, 0},
    {"progress", N_("Of the budget %"), FTK_DEC, FTC_RATE | FTC_BAR | FTC_BRIEF},
    {"schedule", N_("Schedule %"), FTK_DEC, FTC_RATE | FTC_MARK},
    {"prev_ytd", N_("Same months last year"), FTK_MONEY, 0},
    {"yoy", N_("Year on year %"), FTK_DEC, FTC_RATE | FTC_BRIEF},
    {"month", N_("This month"), FTK_MONEY, 0},
    {"mom", N_("Month on month %"), FTK_DEC, FTC_RATE},
};

int fin_revenue(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, rev_cols, N_OF(rev_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int y, m;
	if ((rc = query_period(db, sc, "revenue", q, true, &y, &m)))
		return rc;
	char per[4][12];
	period_text(y, m, per[0]);
	int py = m > 1 ? y : y - 1, pm = m > 1 ? m - 1 : 12;
	period_text(py, pm, per[1]);
	period_text(pm > 1 ? py : py - 1, pm > 1 ? pm - 1 : 12, per[2]);
	period_text(y - 1, m, per[3]);
	/* Revenue belongs to no department: a unit operator sees none of it. */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT kind_code, max(CASE WHEN period = ?2 THEN kind END), "
	               "period, sum(amount), sum(budget) FROM fin_revenue WHERE "
	               "dataset = 'revenue' AND period IN (?2, ?3, ?4, ?5) AND ?1 = 0 "
	               "GROUP BY 1, 3",
	               "itttt", fin_unit_of(sc), per[0], per[1], per[2], per[3]);
	if (!st)
		return RD_FAIL;
	struct eacc *acc = NULL, total = {0};
	int n = 0;
	bool have[4] = {false, false, false, false};
	while (sqlite3_step(st) == SQLITE_ROW) {
		int slot = 0;
		while (slot < 4 && strcmp(per[slot], db_col(st, 2)))
			slot++;
		if (slot == 4)
			continue;
		have[slot] = true;
		struct eacc *e = eacc_get(&acc, &n, db_col(st, 0));
		int64_t v = sqlite3_column_int64(st, 3);
		e->ytd[slot] += v;
		total.ytd[slot] += v;
		if (!slot) {
			e->here = true;
			free(e->name);
			e->name = db_col_dup(st, 1);
			e->executed = v;
			e->adjusted = sqlite3_column_int64(st, 4);
			total.executed += v;
			total.adjusted += e->adjusted;
		}
	}
	sqlite3_finalize(st);
	if (!have[0]) {
		for (int i = 0; i < n; i++) {
			free(acc[i].code);
			free(acc[i].name);
		}
		free(acc);
		return err_set(RD_NOTFOUND, _("no %s of %04d-%02d within your scope"),
		               _("Revenue by tax kind"), y, m);
	}
	struct emonths em = {m, {have[0], have[1], have[2], have[3]}, m == 1, pm == 1};
	xqsort(acc, (size_t)n, sizeof *acc, by_code);
	int64_t schedule;
	fin_pct(m, 12, &schedule);
	total.code = xstrdup("");
	total.name = xstrdup(_("Total"));
	for (int i = -1; i < n; i++) {
		const struct eacc *e = i < 0 ? &total : &acc[i];
		if (i >= 0 && !e->here)
			continue;
		int r = ftab_add(out, i < 0 ? FTR_TOTAL : 0);
		ftab_text(out, r, 0, e->code);
		ftab_text(out, r, 1, e->name);
		ftab_num(out, r, 2, e->executed);
		ftab_num(out, r, 3, e->adjusted);
		int64_t h;
		if (fin_pct(e->executed, e->adjusted, &h))
			ftab_num(out, r, 4, h);
		ftab_num(out, r, 5, schedule);
		if (have[3]) {
			ftab_num(out, r, 6, e->ytd[3]);
			if (fin_growth(e->ytd[0], e->ytd[3], &h))
				ftab_num(out, r, 7, h);
		}
		bool known, prev_known;
		int64_t month, prev;
		month_figures(&em, e->ytd, &known, &month, &prev_known, &prev);
		if (known) {
			ftab_num(out, r, 8, month);
			if (prev_known && fin_growth(month, prev, &h))
				ftab_num(out, r, 9, h);
		}
	}
	for (int i = 0; i < n; i++) {
		free(acc[i].code);
		free(acc[i].name);
	}
	free(acc);
	free(total.code);
	free(total.name);
	out->title = xasprintf(_("%s, %04d-%02d"), _("Revenue by tax kind"), y, m);
	out->note = xstrdup(_("Amounts in yuan, the year to date; year on year against the same "
	                      "months of the year before"));
	return RD_OK;
}

/* ---- 三公经费 -------------------------------------------------------------------------------- */

static const struct ftab_col sg_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Name"), FTK_TEXT, FTC_NAME},
    {"budget", N_("Year's budget"), FTK_MONEY, FTC_BRIEF},
    {"spent", N_("Spent, year to date"), FTK_MONEY, FTC_BRIEF},
    {"rate", N_("Of the budget %"), FTK_DEC, FTC_RATE | FTC_BAR | FTC_BRIEF},
    {"schedule", N_("Schedule %"), FTK_DEC, FTC_RATE | FTC_MARK},
};

int fin_sangong(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, sg_cols, N_OF(sg_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int y, m;
	if ((rc = query_period(db, sc, "sangong", q, true, &y, &m)))
		return rc;
	char per[12];
	period_text(y, m, per);
	const char *dep = q->department && *q->department ? q->department : NULL;
	sqlite3_stmt *st =
	    db_prepare(db,
	               dep ? "SELECT item, max(department), sum(budget), sum(spent) FROM "
	                     "fin_sangong WHERE dataset = 'sangong' AND period = ?1 AND "
	                     "(?2 = 0 OR unit_id = ?2) AND department_code = ?3 GROUP "
	                     "BY 1 ORDER BY CASE item WHEN 'abroad' THEN 1 WHEN "
	                     "'vehicle_buy' THEN 2 WHEN 'vehicle_run' THEN 3 ELSE 4 END"
	                   : "SELECT department_code, max(department), sum(budget), "
	                     "sum(spent) FROM fin_sangong WHERE dataset = 'sangong' AND "
	                     "period = ?1 AND (?2 = 0 OR unit_id = ?2) AND ?3 IS NULL "
	                     "GROUP BY 1 ORDER BY 1",
	               "tit", per, fin_unit_of(sc), dep);
	if (!st)
		return RD_FAIL;
	struct rule_mark {
		struct fin_rule *r;
		int n;
	} rm = {0};
	fin_rules_of(db, "sangong_over", "sangong", &rm.r, &rm.n);
	int64_t schedule, tb = 0, ts = 0;
	fin_pct(m, 12, &schedule);
	int total = ftab_add(out, FTR_TOTAL);
	char *level = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		const char *code = db_col(st, 0);
		ftab_text(out, r, 0, code);
		ftab_text(out, r, 1, dep ? choice_out(q, "sangong", "item", code) : db_col(st, 1));
		if (dep && !level)
			level = db_col_dup(st, 1);
		int64_t b = sqlite3_column_int64(st, 2), s = sqlite3_column_int64(st, 3), h;
		ftab_num(out, r, 2, b);
		ftab_num(out, r, 3, s);
		if (fin_pct(s, b, &h)) {
			ftab_num(out, r, 4, h);
			int sev = rm.n ? fin_severity(&rm.r[0], s, b) : 0;
			out->flags[r] |= sev == 2 ? FTR_RED : sev == 1 ? FTR_YELLOW : 0;
		} else if (s > 0)
			out->flags[r] |= FTR_RED;
		ftab_num(out, r, 5, schedule);
		tb += b;
		ts += s;
	}
	sqlite3_finalize(st);
	fin_rules_free(rm.r, rm.n);
	if (out->nrows == 1) {
		free(level);
		return err_set(RD_NOTFOUND, _("no %s of %04d-%02d within your scope%s%s"),
		               _("Three public expenses (三公经费)"), y, m, dep ? ": " : "",
		               dep ? dep : "");
	}
	ftab_text(out, total, 0, dep ? dep : "");
	ftab_text(out, total, 1, level ? level : _("Total"));
	free(level);
	ftab_num(out, total, 2, tb);
	ftab_num(out, total, 3, ts);
	int64_t h;
	if (fin_pct(ts, tb, &h))
		ftab_num(out, total, 4, h);
	ftab_num(out, total, 5, schedule);
	out->title = xasprintf(_("%s, %04d-%02d"), _("Three public expenses (三公经费)"), y, m);
	out->note =
	    xstrdup(_("Amounts in yuan: the year's budget and what was spent in the year to "
	              "date"));
	return RD_OK;
}

/* ---- major investment projects ----------------------------------------------------------------
 */

static const struct ftab_col proj_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Project"), FTK_TEXT, FTC_NAME},
    {"unit", N_("Responsible unit"), FTK_TEXT, 0},
    {"total_investment", N_("Total investment"), FTK_MONEY, 0},
    {"annual_plan", N_("Year's plan"), FTK_MONEY, FTC_BRIEF},
    {"spent", N_("Invested, year to date"), FTK_MONEY, FTC_BRIEF},
    {"plan_rate", N_("Of the plan %"), FTK_DEC, FTC_RATE | FTC_BAR | FTC_BRIEF},
    {"schedule", N_("Schedule %"), FTK_DEC, FTC_RATE | FTC_MARK},
    {"progress", N_("Progress %"), FTK_DEC, FTC_BRIEF},
    {"month", N_("This month"), FTK_MONEY, 0},
    {"note", N_("Progress notes"), FTK_TEXT, FTC_LONG},
};

int fin_projects(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, proj_cols, N_OF(proj_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int y, m;
	if ((rc = query_period(db, sc, "projects", q, true, &y, &m)))
		return rc;
	char per[12], before[12];
	period_text(y, m, per);
	period_text(y, m - 1, before);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT p.code, max(p.name), max(p.unit), sum(p.total_investment), sum(p.annual_plan), "
	    "sum(p.spent), max(p.progress), max(p.note), (SELECT sum(b.spent) FROM fin_project b "
	    "WHERE b.code = p.code AND b.period = ?3), ?4 = 1 OR EXISTS (SELECT 1 FROM fin_project "
	    "WHERE period = ?3) FROM fin_project p WHERE p.period = ?1 AND (?2 = 0 OR p.unit_id = "
	    "?2) "
	    "GROUP BY p.code ORDER BY p.code",
	    "titd", per, fin_unit_of(sc), before, m);
	if (!st)
		return RD_FAIL;
	int64_t schedule, tot[4] = {0}, h;
	fin_pct(m, 12, &schedule);
	int total = ftab_add(out, FTR_TOTAL);
	bool months = true;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		for (int c = 0; c < 3; c++)
			ftab_text(out, r, c, db_col(st, c));
		int64_t ti = sqlite3_column_int64(st, 3), plan = sqlite3_column_int64(st, 4),
		        spent = sqlite3_column_int64(st, 5);
		ftab_num(out, r, 3, ti);
		ftab_num(out, r, 4, plan);
		ftab_num(out, r, 5, spent);
		if (fin_pct(spent, plan, &h))
			ftab_num(out, r, 6, h);
		ftab_num(out, r, 7, schedule);
		ftab_num(out, r, 8, sqlite3_column_int64(st, 6));
		months = sqlite3_column_int(st, 9);
		if (months) {
			ftab_num(out, r, 9, spent - sqlite3_column_int64(st, 8));
			tot[3] += spent - sqlite3_column_int64(st, 8);
		}
		ftab_text(out, r, 10, db_col(st, 7));
		tot[0] += ti;
		tot[1] += plan;
		tot[2] += spent;
	}
	sqlite3_finalize(st);
	if (out->nrows == 1)
		return err_set(RD_NOTFOUND, _("no %s of %04d-%02d within your scope"),
		               _("Major investment projects"), y, m);
	ftab_text(out, total, 0, "");
	ftab_text(out, total, 1, _("Total"));
	ftab_text(out, total, 2, "");
	ftab_num(out, total, 3, tot[0]);
	ftab_num(out, total, 4, tot[1]);
	ftab_num(out, total, 5, tot[2]);
	if (fin_pct(tot[2], tot[1], &h))
		ftab_num(out, total, 6, h);
	ftab_num(out, total, 7, schedule);
	if (months)
		ftab_num(out, total, 9, tot[3]);
	ftab_text(out, total, 10, "");
	out->title = xasprintf(_("%s, %04d-%02d"), _("Major investment projects"), y, m);
	out->note = xstrdup(_("Amounts in yuan; invested in the year to date against the year's "
	                      "planned investment"));
	return RD_OK;
}

/* ---- audit findings -----------------------------------------------------------------------------
 */

static const struct ftab_col audit_cols[] = {
    {"code", N_("Finding number"), FTK_TEXT, FTC_CODE | FTC_BRIEF},
    {"unit", N_("Audited unit"), FTK_TEXT, FTC_NAME},
    {"audit_year", N_("Audit year"), FTK_INT, 0},
    {"finding", N_("Finding"), FTK_TEXT, FTC_LONG},
    {"amount", N_("Amount involved"), FTK_MONEY, FTC_BRIEF},
    {"deadline", N_("Rectify by"), FTK_DATE, FTC_BRIEF},
    {"status", N_("Rectification"), FTK_TEXT, FTC_BRIEF},
    {"rectified_amount", N_("Amount rectified"), FTK_MONEY, 0},
    {"rectified_on", N_("Rectified on"), FTK_DATE, 0},
    {"overdue_days", N_("Days overdue"), FTK_INT, FTC_BRIEF},
};

int fin_audits(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, audit_cols, N_OF(audit_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	struct fin_period p;
	if (q->period) {
		if (!fin_period_parse(q->period, &p) || p.whole_year)
			return err_set(RD_INVALID,
			               _("period: '%s' is not a month or a quarter such as "
			                 "2026-03 or 2026-Q1"),
			               q->period);
	} else {
		char *last = NULL;
		/* The latest period imported (up to the month asked for, when one is). */
		rc = db_text(db, &last,
		             "SELECT period FROM fin_audit WHERE dataset = 'audit' AND (?1 = 0 OR "
		             "unit_id = ?1) AND (?2 = 0 OR year * 100 + month <= ?2) ORDER BY year "
		             "DESC, month DESC, length(period) DESC LIMIT 1",
		             "id", fin_unit_of(sc),
		             q->year * 100 + (q->year ? (q->month ? q->month : 12) : 0));
		if (rc == RD_NOTFOUND)
			return err_set(RD_NOTFOUND, _("no %s has been imported"),
			               _("Audit findings and their rectification"));
		if (rc)
			return rc;
		fin_period_parse(last, &p);
		free(last);
	}
	if (q->status && strcmp(q->status, "open") && strcmp(q->status, "progress") &&
	    strcmp(q->status, "done"))
		return err_set(RD_INVALID, _("status: '%s' is not open, progress or done"),
		               q->status);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code, unit, audit_year, finding, amount, deadline, "
	               "status, rectified_amount, rectified_on FROM fin_audit WHERE "
	               "dataset = 'audit' AND period = ?1 AND (?2 = 0 OR unit_id = ?2) "
	               "AND (?3 IS NULL OR status = ?3) ORDER BY deadline, code",
	               "tit", p.text, fin_unit_of(sc), q->status);
	if (!st)
		return RD_FAIL;
	int asof = fin_period_end(&p), total = ftab_add(out, FTR_TOTAL);
	int64_t ta = 0, tr = 0, late = 0;
	struct fin_rule *rules = NULL;
	int nr = 0;
	fin_rules_of(db, "audit_overdue", "audit", &rules, &nr);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		ftab_text(out, r, 0, db_col(st, 0));
		ftab_text(out, r, 1, db_col(st, 1));
		ftab_num(out, r, 2, sqlite3_column_int64(st, 2));
		ftab_text(out, r, 3, db_col(st, 3));
		ftab_num(out, r, 4, sqlite3_column_int64(st, 4));
		ftab_text(out, r, 5, db_col(st, 5));
		ftab_text(out, r, 6, choice_out(q, "audit", "status", db_col(st, 6)));
		ftab_num(out, r, 7, sqlite3_column_int64(st, 7));
		ftab_text(out, r, 8, db_col(st, 8));
		int due;
		if (strcmp(db_col(st, 6), "done") && date_parse(db_col(st, 5), &due) &&
		    due < asof) {
			ftab_num(out, r, 9, asof - due);
			late++;
			int sev = nr ? fin_severity(&rules[0], asof - due, 100) : 0;
			out->flags[r] |= sev == 2 ? FTR_RED : sev == 1 ? FTR_YELLOW : 0;
		}
		ta += sqlite3_column_int64(st, 4);
		tr += sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	fin_rules_free(rules, nr);
	char n[24];
	snprintf(n, sizeof n, "%d", out->nrows - 1);
	ftab_text(out, total, 0, "");
	ftab_text(out, total, 1, _("Total"));
	ftab_num(out, total, 4, ta);
	ftab_num(out, total, 7, tr);
	ftab_num(out, total, 9, late);
	char day[11];
	date_format(asof, day);
	const char *what = _("Audit findings and their rectification");
	/* A quarter by its name: 第一季度, as Chinese writes it, not 第1季度. */
	int qn = (p.month + 2) / 3;
	out->title = p.quarter ? xasprintf(qn == 1   ? _("%s, %04d Q1")
	                                   : qn == 2 ? _("%s, %04d Q2")
	                                   : qn == 3 ? _("%s, %04d Q3")
	                                             : _("%s, %04d Q4"),
	                                   what, p.year)
	             : p.whole_year ? xasprintf(_("%s, %04d"), what, p.year)
	                            : xasprintf(_("%s, %04d-%02d"), what, p.year, p.month);
	out->note = xasprintf(_("As of %s: %s findings; days overdue count from the deadline for "
	                        "those not rectified (the total: how many)"),
	                      day, n);
	return RD_OK;
}

/* ---- performance
 * --------------------------------------------------------------------------------- */

static const struct ftab_col perf_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Name"), FTK_TEXT, FTC_NAME},
    {"department", N_("Department"), FTK_TEXT, 0},
    {"target", N_("Target"), FTK_TEXT, 0},
    {"result", N_("Result"), FTK_TEXT, 0},
    {"indicators", N_("Indicators"), FTK_INT, FTC_BRIEF},
    {"weight", N_("Weight"), FTK_DEC, FTC_BRIEF},
    {"score", N_("Score"), FTK_DEC, FTC_BRIEF},
    {"score_rate", N_("Score %"), FTK_DEC, FTC_RATE | FTC_BAR},
    {"grade", N_("Grade"), FTK_TEXT, FTC_BRIEF},
};

/* The grade of a score out of its weight, as performance evaluations grade it. */
static const char *grade(int64_t pct)
{
	if (pct >= 9000)
		return _("excellent");
	if (pct >= 8000)
		return _("good");
	if (pct >= 6000)
		return _("fair");
	return _("poor");
}

int fin_perf(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, perf_cols, N_OF(perf_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int y, m;
	if ((rc = query_period(db, sc, "performance", q, false, &y, &m)))
		return rc;
	char per[8];
	snprintf(per, sizeof per, "%04d", y);
	const char *proj = q->project && *q->project ? q->project : NULL;
	sqlite3_stmt *st = db_prepare(
	    db,
	    proj ? "SELECT indicator, indicator, max(department), max(target), max(result), "
	           "count(*), "
	           "sum(weight), sum(score), max(project) FROM fin_perf WHERE period = ?1 AND (?2 "
	           "= 0 "
	           "OR unit_id = ?2) AND project_code = ?3 GROUP BY indicator ORDER BY min(id)"
	         : "SELECT project_code, max(project), max(department), '', '', count(*), "
	           "sum(weight), sum(score), '' FROM fin_perf WHERE period = ?1 AND (?2 = 0 OR "
	           "unit_id "
	           "= ?2) AND ?3 IS NULL GROUP BY project_code ORDER BY project_code",
	    "tit", per, fin_unit_of(sc), proj);
	if (!st)
		return RD_FAIL;
	int total = ftab_add(out, FTR_TOTAL);
	int64_t tn = 0, tw = 0, ts = 0;
	char *level = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		for (int c = 0; c < 5; c++)
			ftab_text(out, r, c, db_col(st, c));
		int64_t n = sqlite3_column_int64(st, 5), w = sqlite3_column_int64(st, 6),
		        s = sqlite3_column_int64(st, 7), h;
		ftab_num(out, r, 5, n);
		ftab_num(out, r, 6, w);
		ftab_num(out, r, 7, s);
		if (fin_pct(s, w, &h)) {
			ftab_num(out, r, 8, h);
			if (!proj)
				ftab_text(out, r, 9, grade(h));
			if (!proj && h < 6000)
				out->flags[r] |= FTR_YELLOW;
		}
		tn += n;
		tw += w;
		ts += s;
		if (proj && !level)
			level = db_col_dup(st, 8);
	}
	sqlite3_finalize(st);
	if (out->nrows == 1) {
		free(level);
		return err_set(RD_NOTFOUND, _("no %s of %04d within your scope"),
		               _("Performance targets and results"), y);
	}
	ftab_text(out, total, 0, proj ? proj : "");
	ftab_text(out, total, 1, level ? level : _("Total"));
	free(level);
	ftab_num(out, total, 5, tn);
	ftab_num(out, total, 6, tw);
	ftab_num(out, total, 7, ts);
	int64_t h;
	if (fin_pct(ts, tw, &h)) {
		ftab_num(out, total, 8, h);
		ftab_text(out, total, 9, grade(h));
	}
	out->title = xasprintf(_("%s, %04d"), _("Performance targets and results"), y);
	out->note = xstrdup(_("Scores out of the indicators' weights; grades: excellent from 90%, "
	                      "good from 80%, fair from 60%, poor below"));
	return RD_OK;
}

/* ---- state assets
 * --------------------------------------------------------------------------------- */

static const struct ftab_col asset_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Name"), FTK_TEXT, FTC_NAME},
    {"holders", N_("Holders"), FTK_INT, FTC_BRIEF},
    {"begin", N_("Value at the year's start"), FTK_MONEY, 0},
    {"change", N_("Change in the year"), FTK_MONEY, FTC_BRIEF},
    {"value", N_("Value at the year's end"), FTK_MONEY, FTC_BRIEF},
    {"share", N_("Share %"), FTK_DEC, FTC_RATE | FTC_BAR},
};

int fin_assets(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, asset_cols, N_OF(asset_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int y, m;
	if ((rc = query_period(db, sc, "assets", q, false, &y, &m)))
		return rc;
	const char *kind = q->kind && *q->kind ? q->kind : NULL;
	const char *holder = kind && q->holder && *q->holder ? q->holder : NULL;
	if (kind && strcmp(kind, "admin") && strcmp(kind, "enterprise") &&
	    strcmp(kind, "natural") && strcmp(kind, "zone"))
		return err_set(RD_INVALID,
		               _("kind: '%s' is not admin, enterprise, natural or zone"), kind);
	char per[8];
	snprintf(per, sizeof per, "%04d", y);
	const char *key = holder ? "category" : kind ? "holder_code" : "kind";
	const char *name = holder ? "category" : kind ? "max(holder)" : "kind";
	char *sql = xasprintf(
	    "SELECT %s, %s, count(DISTINCT holder_code), sum(value - change), sum(change), "
	    "sum(value) FROM fin_asset WHERE period = ?1 AND (?2 = 0 OR unit_id = ?2) AND (?3 IS "
	    "NULL OR kind = ?3) AND (?4 IS NULL OR holder_code = ?4) GROUP BY 1 ORDER BY %s",
	    key, name,
	    kind ? "1"
	         : "CASE kind WHEN 'admin' THEN 1 WHEN 'enterprise' THEN 2 WHEN 'natural' THEN 3 "
	           "ELSE 4 END");
	sqlite3_stmt *st = db_prepare(db, sql, "titt", per, fin_unit_of(sc), kind, holder);
	free(sql);
	if (!st)
		return RD_FAIL;
	int total = ftab_add(out, FTR_TOTAL);
	int64_t tb = 0, tc = 0, tv = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		ftab_text(out, r, 0, db_col(st, 0));
		ftab_text(out, r, 1,
		          kind ? db_col(st, 1) : choice_out(q, "assets", "kind", db_col(st, 0)));
		ftab_num(out, r, 2, sqlite3_column_int64(st, 2));
		ftab_num(out, r, 3, sqlite3_column_int64(st, 3));
		ftab_num(out, r, 4, sqlite3_column_int64(st, 4));
		ftab_num(out, r, 5, sqlite3_column_int64(st, 5));
		tb += sqlite3_column_int64(st, 3);
		tc += sqlite3_column_int64(st, 4);
		tv += sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (out->nrows == 1)
		return err_set(RD_NOTFOUND, _("no %s of %04d within your scope"), _("State assets"),
		               y);
	int64_t holders = 0;
	sqlite3_stmt *hs =
	    db_prepare(db,
	               "SELECT count(DISTINCT kind || '/' || holder_code) FROM "
	               "fin_asset WHERE period = ?1 AND (?2 = 0 OR unit_id = ?2) AND "
	               "(?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR holder_code = ?4)",
	               "titt", per, fin_unit_of(sc), kind, holder);
	if (hs && sqlite3_step(hs) == SQLITE_ROW)
		holders = sqlite3_column_int64(hs, 0);
	sqlite3_finalize(hs);
	char *level = NULL;
	if (holder)
		db_text(db, &level,
		        "SELECT max(holder) FROM fin_asset WHERE period = ? AND kind = ? AND "
		        "holder_code = ?",
		        "ttt", per, kind, holder);
	ftab_text(out, total, 0, holder ? holder : kind ? kind : "");
	ftab_text(out, total, 1,
	          level  ? level
	          : kind ? choice_out(q, "assets", "kind", kind)
	                 : _("Total"));
	free(level);
	ftab_num(out, total, 2, holders);
	ftab_num(out, total, 3, tb);
	ftab_num(out, total, 4, tc);
	ftab_num(out, total, 5, tv);
	for (int r = 0; r < out->nrows; r++) {
		int64_t h;
		if (fin_pct(ftab_v(out, r, 5) < 0 ? 0 : ftab_v(out, r, 5), tv, &h))
			ftab_num(out, r, 6, h);
	}
	out->title = xasprintf(_("%s, %04d"), _("State assets"), y);
	out->note = xstrdup(_("Values in yuan; the start of the year is the end less the year's "
	                      "change; shares of the level's total"));
	return RD_OK;
}

/* ---- imports and their differences
 * ---------------------------------------------------------------- */

static const struct ftab_col imp_cols[] = {
    {"id", N_("Import"), FTK_INT, FTC_CODE | FTC_BRIEF},
    {"dataset", N_("Dataset"), FTK_TEXT, FTC_NAME},
    {"period", N_("Period"), FTK_TEXT, FTC_BRIEF},
    {"source", N_("Sent by"), FTK_TEXT, 0},
    {"file", N_("File"), FTK_TEXT, FTC_LONG},
    {"format", N_("Format"), FTK_TEXT, 0},
    {"at", N_("Imported at"), FTK_TEXT, 0},
    {"account", N_("By"), FTK_TEXT, 0},
    {"rows", N_("Rows"), FTK_INT, FTC_BRIEF},
    {"added", N_("Added"), FTK_INT, FTC_BRIEF},
    {"changed", N_("Changed"), FTK_INT, FTC_BRIEF},
    {"removed", N_("Removed"), FTK_INT, FTC_BRIEF},
    {"unchanged", N_("Unchanged"), FTK_INT, 0},
    {"warnings", N_("Warnings raised"), FTK_INT, FTC_BRIEF},
    {"previous", N_("Previous import"), FTK_INT, 0},
};

int fin_imports(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out)
{
	ftab_init(out, imp_cols, N_OF(imp_cols), xstrdup(_("Imports of finance data")));
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	if (q->dataset && !fin_dataset_find(q->dataset))
		return err_set(RD_INVALID, _("dataset: '%s' is not one of %s"), q->dataset,
		               fin_dataset_names());
	/* The imports are the office's: a unit operator sees none. */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT i.id, i.dataset, i.period, coalesce(u.name, ''), i.file, "
	               "i.format, i.at, i.account, i.nrows, i.added, i.changed, "
	               "i.removed, i.unchanged, i.warnings, i.prev_id FROM fin_import "
	               "i LEFT JOIN unit u ON u.id = i.source_id WHERE ?1 = 0 AND (?2 "
	               "IS NULL OR i.dataset = ?2) AND (?3 IS NULL OR i.period = ?3) "
	               "ORDER BY i.id DESC",
	               "itt", fin_unit_of(sc), q->dataset, q->period);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		for (int c = 0; c < 15; c++) {
			if (imp_cols[c].kind == FTK_INT) {
				if (sqlite3_column_type(st, c) != SQLITE_NULL)
					ftab_num(out, r, c, sqlite3_column_int64(st, c));
			} else
				ftab_text(out, r, c, db_col(st, c));
		}
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static const struct ftab_col chg_cols[] = {
    {"kind", N_("Difference"), FTK_TEXT, FTC_BRIEF}, {"key", N_("Row"), FTK_TEXT, FTC_NAME},
    {"field", N_("Field"), FTK_TEXT, FTC_BRIEF},     {"before", N_("Before"), FTK_TEXT, FTC_BRIEF},
    {"after", N_("After"), FTK_TEXT, FTC_BRIEF},
};

int fin_changes(sqlite3 *db, const struct scope *sc, int64_t id, struct ftab *out)
{
	ftab_init(out, chg_cols, N_OF(chg_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	char *what = NULL;
	rc = db_text(db, &what,
	             "SELECT dataset || ' ' || period || ' (' || CASE WHEN prev_id IS NULL THEN ? "
	             "ELSE ? || prev_id END || ')' FROM fin_import WHERE id = ? AND ? = 0",
	             "ttii", _("the first import of the period from its source"),
	             _("against import "), id, fin_unit_of(sc));
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no import %lld within your scope"), (long long)id);
	if (rc)
		return rc;
	out->title = xasprintf(_("Import %lld: %s"), (long long)id, what);
	free(what);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT kind, rkey, field, before, after FROM fin_change WHERE "
	               "import_id = ? ORDER BY id",
	               "i", id);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		const char *k = db_col(st, 0);
		ftab_text(out, r, 0,
		          !vocab_translating()    ? k
		          : !strcmp(k, "added")   ? _("added")
		          : !strcmp(k, "removed") ? _("removed")
		                                  : _("changed"));
		for (int c = 1; c < 5; c++)
			ftab_text(out, r, c, db_col(st, c));
	}
	sqlite3_finalize(st);
	return RD_OK;
}
