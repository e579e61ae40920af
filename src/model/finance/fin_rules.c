/*
 * The warning rules (预警规则) and their measures: each rule is a row of
 * fin_rule (a code, a name, its basis and the policy it cites, a measure, the
 * datasets it watches, the level of its subjects, thresholds per severity, how
 * often a subject may raise a warning, enabled). After an import each enabled
 * rule that watches the dataset computes its measure for every subject of the
 * period and raises a warning for each fact it has not raised before (the
 * fact key: rule, severity, subject, period as its `per` says). Values are
 * compared as they are printed: rates rounded half-up to two decimals once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/finance/fin_priv.h"
#include "model/finance/warning.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The measures renda computes: the datasets each may watch and the levels of its subjects. */
static const struct measure {
	const char *name;
	const char *datasets; /* '|' list of the datasets it may watch */
	const char *scopes;   /* '|' list of the levels of its subjects */
	bool at_least;        /* the value reaches the threshold (months), rather than passes it */
} measures[] = {
    {"exec_behind", "budget|fund|capital", "department|project|total", false},
    {"sangong_over", "sangong", "department|item", false},
    {"tax_decline", "revenue", "kind|total", false},
    {"audit_overdue", "audit", "finding", false},
    {"project_idle", "projects", "project", true},
    {"budget_adjusted", "budget|fund|capital", "department|project|total", false},
};
#define NMEASURES (N_OF(measures))

static const struct measure *measure_find(const char *name)
{
	for (int i = 0; name && i < NMEASURES; i++)
		if (!strcmp(measures[i].name, name))
			return &measures[i];
	return NULL;
}

const char *fin_measures(void)
{
	return "exec_behind|sangong_over|tax_decline|audit_overdue|project_idle|budget_adjusted";
}

/* True when word is one of the '|' words of list. */
static bool among(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !strncmp(p, word, n))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

int fin_rules_of(sqlite3 *db, const char *measure, const char *dataset, struct fin_rule **out,
                 int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT id, code, measure, scope, per, name, datasets, yellow, "
	               "red, min_amount FROM fin_rule WHERE measure = ? AND enabled "
	               "ORDER BY code",
	               "t", measure);
	if (!st)
		return RD_FAIL;
	struct fin_rule *r = NULL;
	int k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!among(db_col(st, 6), dataset))
			continue;
		r = xrealloc(r, sizeof *r * (size_t)(k + 1));
		struct fin_rule *x = &r[k++];
		memset(x, 0, sizeof *x);
		x->id = sqlite3_column_int64(st, 0);
		snprintf(x->code, sizeof x->code, "%s", db_col(st, 1));
		snprintf(x->measure, sizeof x->measure, "%s", db_col(st, 2));
		snprintf(x->scope, sizeof x->scope, "%s", db_col(st, 3));
		snprintf(x->per, sizeof x->per, "%s", db_col(st, 4));
		x->name = db_col_dup(st, 5);
		x->datasets = db_col_dup(st, 6);
		x->yellow = sqlite3_column_int64(st, 7);
		x->has_red = sqlite3_column_type(st, 8) != SQLITE_NULL;
		x->red = x->has_red ? sqlite3_column_int64(st, 8) : -1;
		x->min = sqlite3_column_int64(st, 9);
	}
	sqlite3_finalize(st);
	*out = r;
	*n = k;
	return RD_OK;
}

void fin_rules_free(struct fin_rule *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].name);
		free(r[i].datasets);
	}
	free(r);
}

/* num * 10000 against t * den, exactly (128 bits): <0, 0, >0. */
static int cmp_ratio(int64_t num, int64_t den, int64_t t)
{
	__extension__ __int128 a = (__int128)num * 10000, b = (__int128)t * den;
	return (a > b) - (a < b);
}

int fin_severity(const struct fin_rule *r, int64_t num, int64_t den)
{
	const struct measure *m = measure_find(r->measure);
	bool at_least = m && m->at_least;
	if (den <= 0)
		return 0;
	if (r->has_red) {
		int c = cmp_ratio(num, den, r->red);
		if (at_least ? c >= 0 : c > 0)
			return 2;
	}
	int c = cmp_ratio(num, den, r->yellow);
	return (at_least ? c >= 0 : c > 0) ? 1 : 0;
}

int64_t fin_ratio_h(int64_t num, int64_t den)
{
	__extension__ __int128 a = (__int128)(num < 0 ? -num : num) * 10000;
	__extension__ __int128 q = a / den, rest = a % den;
	if (rest * 2 >= den)
		q++;
	return num < 0 ? -(int64_t)q : (int64_t)q;
}

/* ---- the subjects of a measure ------------------------------------------------------- */

/* One subject's figures: its code and name, its department, the value and what it is of. */
struct subject {
	char *code, *name;
	int64_t unit;
	int64_t num, den; /* the measure is num / den * 100 (per cent, points; days, months /100) */
	int64_t base, amount;
	bool nobase; /* an amount with no budget against it: the highest severity */
	bool skip;   /* not looked at: no base, below the rule's minimum, no figures to compare */
};

struct subjects {
	struct subject *s;
	int n;
};

static struct subject *add_subject(struct subjects *ss, const char *code, const char *name,
                                   int64_t unit)
{
	ss->s = xrealloc(ss->s, sizeof *ss->s * (size_t)(ss->n + 1));
	struct subject *s = &ss->s[ss->n++];
	memset(s, 0, sizeof *s);
	s->code = xstrdup(code);
	s->name = xstrdup(name);
	s->unit = unit;
	return s;
}

static void subjects_free(struct subjects *ss)
{
	for (int i = 0; i < ss->n; i++) {
		free(ss->s[i].code);
		free(ss->s[i].name);
	}
	free(ss->s);
	memset(ss, 0, sizeof *ss);
}

/* The Chinese name of a book or of the revenue as a whole (data, as subjects' names are). */
static const char *whole_name(const char *dataset)
{
	if (!strcmp(dataset, "fund"))
		return "政府性基金预算";
	if (!strcmp(dataset, "capital"))
		return "国有资本经营预算";
	if (!strcmp(dataset, "revenue"))
		return "税收收入";
	return "一般公共预算";
}

/*
 * The budget lines of the period grouped by the rule's level: the department,
 * the project (lines with a project code), or all of them. Columns: code,
 * name, unit, sum(annual), sum(adjusted), sum(executed).
 */
static int budget_groups(sqlite3 *db, const char *dataset, const char *period, const char *level,
                         sqlite3_stmt **out)
{
	const char *key, *name, *where = "";
	if (!strcmp(level, "project")) {
		key = "department_code || '/' || project_code";
		name = "max(department) || ' ' || max(project)";
		where = " AND project_code <> ''";
	} else if (!strcmp(level, "total")) {
		key = "'*'";
		name = "?3";
	} else {
		key = "department_code";
		name = "max(department)";
	}
	char *sql = xasprintf("SELECT %s, %s, coalesce(max(unit_id), 0), sum(annual), "
	                      "sum(adjusted), sum(executed) FROM fin_budget WHERE dataset = ?1 AND "
	                      "period = ?2%s GROUP BY 1 ORDER BY 1",
	                      key, name, where);
	bool total = !strcmp(level, "total");
	*out = total ? db_prepare(db, sql, "ttt", dataset, period, whole_name(dataset))
	             : db_prepare(db, sql, "tt", dataset, period);
	free(sql);
	return *out ? RD_OK : RD_FAIL;
}

static int m_exec_behind(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                         const struct fin_period *p, struct subjects *ss)
{
	sqlite3_stmt *st;
	if (budget_groups(db, dataset, p->text, r->scope, &st))
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct subject *s =
		    add_subject(ss, db_col(st, 0), db_col(st, 1), sqlite3_column_int64(st, 2));
		s->base = sqlite3_column_int64(st, 4);
		s->amount = sqlite3_column_int64(st, 5);
		s->skip = s->base <= 0 || s->base < r->min;
		/* behind, in points: (month / 12 - executed / adjusted) * 100 */
		s->num = (int64_t)p->month * s->base - 12 * s->amount;
		s->den = 12 * s->base;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static int m_budget_adjusted(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                             const struct fin_period *p, struct subjects *ss)
{
	sqlite3_stmt *st;
	if (budget_groups(db, dataset, p->text, r->scope, &st))
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct subject *s =
		    add_subject(ss, db_col(st, 0), db_col(st, 1), sqlite3_column_int64(st, 2));
		s->base = sqlite3_column_int64(st, 3);
		s->amount = sqlite3_column_int64(st, 4);
		int64_t most = s->base > s->amount ? s->base : s->amount;
		int64_t diff = s->amount > s->base ? s->amount - s->base : s->base - s->amount;
		s->skip = most <= 0 || most < r->min;
		if (s->skip)
			continue;
		if (s->base == 0)
			s->nobase = true;
		s->num = diff;
		s->den = s->base;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static int m_sangong_over(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                          const struct fin_period *p, struct subjects *ss)
{
	bool item = !strcmp(r->scope, "item");
	char *sql = xasprintf(
	    "SELECT %s, max(department)%s, coalesce(max(unit_id), 0), sum(budget), sum(spent) "
	    "FROM fin_sangong WHERE dataset = ?1 AND period = ?2 GROUP BY 1 ORDER BY 1",
	    item ? "department_code || '/' || item" : "department_code",
	    item ? " || ' ' || CASE item WHEN 'abroad' THEN '因公出国（境）费' WHEN 'vehicle_buy' "
	           "THEN '公务用车购置费' WHEN 'vehicle_run' THEN '公务用车运行维护费' ELSE "
	           "'公务接待费' END"
	         : "");
	sqlite3_stmt *st = db_prepare(db, sql, "tt", dataset, p->text);
	free(sql);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct subject *s =
		    add_subject(ss, db_col(st, 0), db_col(st, 1), sqlite3_column_int64(st, 2));
		s->base = sqlite3_column_int64(st, 3);
		s->amount = sqlite3_column_int64(st, 4);
		int64_t most = s->base > s->amount ? s->base : s->amount;
		s->skip = most <= 0 || most < r->min || (s->base == 0 && s->amount == 0);
		if (s->skip)
			continue;
		if (s->base == 0)
			s->nobase = true;
		s->num = s->amount;
		s->den = s->base;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static int m_tax_decline(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                         const struct fin_period *p, struct subjects *ss)
{
	bool total = !strcmp(r->scope, "total");
	char last[12];
	snprintf(last, sizeof last, "%04u-%02u", (unsigned)(p->year - 1) % 10000u,
	         (unsigned)p->month % 100u);
	/* This period's amounts by kind, and those of the same months a year before. */
	char *sql = xasprintf(
	    "SELECT %s, %s, sum(CASE WHEN period = ?2 THEN amount ELSE 0 END), "
	    "sum(CASE WHEN period = ?3 THEN amount ELSE 0 END), sum(period = ?2), sum(period = ?3) "
	    "FROM fin_revenue WHERE dataset = ?1 AND period IN (?2, ?3) GROUP BY 1 ORDER BY 1",
	    total ? "'*'" : "kind_code", total ? "?4" : "max(CASE WHEN period = ?2 THEN kind END)");
	sqlite3_stmt *st =
	    total ? db_prepare(db, sql, "tttt", dataset, p->text, last, whole_name(dataset))
	          : db_prepare(db, sql, "ttt", dataset, p->text, last);
	free(sql);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!sqlite3_column_int(st, 4))
			continue; /* a kind of last year only */
		struct subject *s = add_subject(ss, db_col(st, 0), db_col(st, 1), 0);
		s->amount = sqlite3_column_int64(st, 2);
		s->base = sqlite3_column_int64(st, 3);
		s->skip = !sqlite3_column_int(st, 5) || s->base <= 0 || s->base < r->min;
		s->num = s->base - s->amount; /* the decline */
		s->den = s->base;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static int m_audit_overdue(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                           const struct fin_period *p, struct subjects *ss)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code, unit || ' ' || code, coalesce(unit_id, 0), "
	               "amount, deadline FROM fin_audit WHERE dataset = ? AND period = "
	               "? AND status <> 'done' ORDER BY code",
	               "tt", dataset, p->text);
	if (!st)
		return RD_FAIL;
	int asof = fin_period_end(p);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct subject *s =
		    add_subject(ss, db_col(st, 0), db_col(st, 1), sqlite3_column_int64(st, 2));
		s->amount = sqlite3_column_int64(st, 3);
		int due;
		s->skip = !date_parse(db_col(st, 4), &due) || due >= asof || s->amount < r->min;
		s->num = asof - due; /* days */
		s->den = 100;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static int m_project_idle(sqlite3 *db, const struct fin_rule *r, const char *dataset,
                          const struct fin_period *p, struct subjects *ss)
{
	(void)dataset; /* a project's reports of earlier months may come from any import */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code, max(name), coalesce(max(unit_id), 0), "
	               "sum(annual_plan), sum(spent) FROM fin_project WHERE period = ? "
	               "GROUP BY code ORDER BY code",
	               "t", p->text);
	sqlite3_stmt *back =
	    db_prepare(db,
	               "SELECT month, sum(spent) FROM fin_project WHERE code = ? AND "
	               "year = ? AND month < ? AND length(period) = 7 "
	               "GROUP BY month ORDER BY month DESC",
	               "");
	if (!st || !back) {
		sqlite3_finalize(st);
		sqlite3_finalize(back);
		return RD_FAIL;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct subject *s =
		    add_subject(ss, db_col(st, 0), db_col(st, 1), sqlite3_column_int64(st, 2));
		s->base = sqlite3_column_int64(st, 3);
		s->amount = sqlite3_column_int64(st, 4);
		s->skip = s->base <= 0 || s->base < r->min;
		if (s->skip)
			continue;
		/* The months back to a report with less invested than now, each reported; the
		   start of the year counts as nothing invested. */
		int idle = 0, want = p->month - 1;
		bool broken = false;
		sqlite3_bind_text(back, 1, s->code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(back, 2, p->year);
		sqlite3_bind_int(back, 3, p->month);
		while (!broken && sqlite3_step(back) == SQLITE_ROW) {
			int m = sqlite3_column_int(back, 0);
			if (m != want) {
				broken = true; /* a month without a report: no further */
				break;
			}
			if (sqlite3_column_int64(back, 1) < s->amount)
				break;
			idle = p->month - m;
			want--;
		}
		sqlite3_reset(back);
		if (!broken && want == 0 && s->amount <= 0)
			idle = p->month;
		s->num = idle; /* months */
		s->den = 100;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(back);
	return RD_OK;
}

/* ---- raising --------------------------------------------------------------------------- */

/* The part of a fact key that says when: the rule's per applied to the period. */
static void per_key(const char *per, const struct fin_period *p, char out[12])
{
	if (!strcmp(per, "once"))
		out[0] = '\0';
	else if (!strcmp(per, "year"))
		snprintf(out, 12, "%04u", (unsigned)p->year % 10000u);
	else if (!strcmp(per, "quarter"))
		snprintf(out, 12, "%04u-Q%u", (unsigned)p->year % 10000u,
		         (unsigned)(p->month + 2) / 3 % 10u);
	else
		snprintf(out, 12, "%04u-%02u", (unsigned)p->year % 10000u,
		         (unsigned)p->month % 100u);
}

int fin_check_tx(sqlite3 *db, const struct scope *sc, const char *dataset,
                 const struct fin_period *p, int64_t import_id, const char *at, bool generated,
                 int *n, struct sbuf *raised)
{
	static const struct {
		const char *measure;
		int (*fn)(sqlite3 *db, const struct fin_rule *r, const char *dataset,
		          const struct fin_period *p, struct subjects *ss);
	} fns[] = {
	    {"exec_behind", m_exec_behind},     {"budget_adjusted", m_budget_adjusted},
	    {"sangong_over", m_sangong_over},   {"tax_decline", m_tax_decline},
	    {"audit_overdue", m_audit_overdue}, {"project_idle", m_project_idle},
	};
	*n = 0;
	int rc = RD_OK;
	for (size_t f = 0; f < sizeof fns / sizeof fns[0] && !rc; f++) {
		struct fin_rule *rules;
		int nr;
		if ((rc = fin_rules_of(db, fns[f].measure, dataset, &rules, &nr)))
			break;
		for (int i = 0; i < nr && !rc; i++) {
			const struct fin_rule *r = &rules[i];
			struct subjects ss = {0};
			rc = fns[f].fn(db, r, dataset, p, &ss);
			char when[12];
			per_key(r->per, p, when);
			for (int k = 0; k < ss.n && !rc; k++) {
				struct subject *s = &ss.s[k];
				if (s->skip)
					continue;
				int sev = s->nobase ? (r->has_red ? 2 : 1)
				                    : fin_severity(r, s->num, s->den);
				if (!sev)
					continue;
				const char *severity = sev == 2 ? "red" : "yellow";
				char *key = xasprintf("%s|%s|%s|%s|%s", r->code, severity, dataset,
				                      s->code, when);
				struct warning_new w = {
				    r->id,
				    severity,
				    key,
				    dataset,
				    p->text,
				    s->code,
				    s->name,
				    s->unit,
				    s->nobase ? -1
				              : fin_ratio_h(s->num, s->den), /* -1: no budget */
				    sev == 2 ? r->red : r->yellow,
				    s->base,
				    s->amount,
				    import_id,
				    at,
				};
				char number[32];
				rc = warning_raise_tx(db, sc, &w, generated, number);
				if (rc == RD_EXISTS)
					rc = RD_OK;
				else if (!rc) {
					(*n)++;
					if (raised)
						sbuf_printf(raised, "%s\t%s\t%s %s\n", number,
						            vocab_out("severity", severity),
						            s->name, r->name);
				}
				free(key);
			}
			subjects_free(&ss);
		}
		fin_rules_free(rules, nr);
	}
	return rc;
}

int fin_check(sqlite3 *db, const struct scope *sc, const char *dataset, const char *period, int *n,
              struct sbuf *raised)
{
	*n = 0;
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	if (dataset && !fin_dataset_find(dataset))
		return err_set(RD_INVALID, _("dataset: '%s' is not one of %s"), dataset,
		               fin_dataset_names());
	struct fin_period want;
	if (period && !fin_period_parse(period, &want))
		return err_set(RD_INVALID,
		               _("period: '%s' is not a period such as 2026-03, 2026-Q1 "
		                 "or 2026"),
		               period);
	if (db_begin(db))
		return RD_FAIL;
	/* Every period of every dataset imported (of those asked for), oldest first. */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT dataset, period, max(id) FROM fin_import WHERE (?1 IS "
	               "NULL OR dataset = ?1) AND (?2 IS NULL OR period = ?2) GROUP BY "
	               "dataset, period ORDER BY period, dataset",
	               "tt", dataset, period ? want.text : NULL);
	if (!st)
		return db_end(db, RD_FAIL);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct fin_period p;
		int k = 0;
		if (!fin_period_parse(db_col(st, 1), &p))
			continue;
		rc = fin_check_tx(db, sc, db_col(st, 0), &p, sqlite3_column_int64(st, 2), NULL,
		                  false, &k, raised);
		*n += k;
	}
	sqlite3_finalize(st);
	return db_end(db, rc);
}

/* ---- the library of rules ---------------------------------------------------------------- */

static const struct ftab_col rule_cols[] = {
    {"code", N_("Code"), FTK_TEXT, FTC_CODE},
    {"name", N_("Name"), FTK_TEXT, FTC_NAME},
    {"measure", N_("Measure"), FTK_TEXT, FTC_BRIEF},
    {"datasets", N_("Datasets"), FTK_TEXT, 0},
    {"scope", N_("Scope"), FTK_TEXT, FTC_BRIEF},
    {"per", N_("Once per"), FTK_TEXT, 0},
    {"yellow", N_("Yellow above"), FTK_DEC, FTC_BRIEF},
    {"red", N_("Red above"), FTK_DEC, FTC_BRIEF},
    {"min", N_("Smallest base (yuan)"), FTK_MONEY, 0},
    {"enabled", N_("Enabled"), FTK_TEXT, FTC_BRIEF},
    {"basis", N_("Basis"), FTK_TEXT, FTC_LONG},
    {"policy", N_("Policy document"), FTK_TEXT, FTC_LONG},
    {"version", N_("Version"), FTK_INT, 0},
};

int fin_rules(sqlite3 *db, const struct scope *sc, struct ftab *out)
{
	ftab_init(out, rule_cols, N_OF(rule_cols), xstrdup(_("Warning rules")));
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT r.code, r.name, r.measure, r.datasets, r.scope, r.per, r.yellow, r.red, "
	    "r.min_amount, r.enabled, r.basis, r.policy_number || coalesce(' ' || (SELECT p.title "
	    "FROM fin_policy p WHERE p.number = r.policy_number AND r.policy_number <> '' ORDER BY "
	    "p.issued_on DESC LIMIT 1), ''), r.version FROM fin_rule r ORDER BY r.id",
	    "");
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, 0);
		for (int c = 0; c < 13; c++) {
			if (c == 6 || c == 7 || c == 8 || c == 12) {
				if (sqlite3_column_type(st, c) != SQLITE_NULL)
					ftab_num(out, r, c, sqlite3_column_int64(st, c));
			} else if (c == 9)
				ftab_text(out, r, c, sqlite3_column_int(st, c) ? "yes" : "no");
			else
				ftab_text(out, r, c, db_col(st, c));
		}
	}
	sqlite3_finalize(st);
	return RD_OK;
}

/* Reads a threshold ("10", "10.5", empty for none where allowed) into hundredths. */
static int threshold(const char *field, const char *v, bool optional, bool *null, int64_t *out)
{
	*null = false;
	if (optional && (!*v || !strcmp(v, "none"))) {
		*null = true;
		return RD_OK;
	}
	static const struct fin_field dec = {"threshold", "", "", FF_DEC, FF_REQ, NULL, NULL};
	char *t;
	bool set;
	struct fin_period p;
	const char *why = fin_value(NULL, &dec, v, &t, out, &set, &p);
	free(t);
	if (why)
		return err_set(RD_INVALID, "%s: %s", field, why);
	return RD_OK;
}

/* Checks an edit against the rule's measure (given or stored) and writes it. */
static int write_rule(sqlite3 *db, const struct scope *sc, int64_t id, const char *code,
                      const struct fin_rule_edit *e, int64_t version)
{
	char *measure = NULL, *datasets = NULL, *scope = NULL;
	int rc = RD_OK;
	if (id) {
		sqlite3_stmt *st = db_prepare(
		    db, "SELECT measure, datasets, scope FROM fin_rule WHERE id = ?", "i", id);
		if (st && sqlite3_step(st) == SQLITE_ROW) {
			measure = db_col_dup(st, 0);
			datasets = db_col_dup(st, 1);
			scope = db_col_dup(st, 2);
		}
		sqlite3_finalize(st);
	}
	const char *m = e->measure ? e->measure : measure;
	const char *ds = e->datasets ? e->datasets : datasets;
	const char *sp = e->scope ? e->scope : scope;
	const struct measure *mm = measure_find(m);
	if (!mm)
		rc = err_set(RD_INVALID, _("measure: '%s' is not one of %s"), m ? m : "",
		             fin_measures());
	/* Every dataset one the measure may watch; the scope a level of its subjects. */
	for (const char *p = ds; !rc && p;) {
		const char *bar = strchr(p, '|');
		char one[24];
		snprintf(one, sizeof one, "%.*s", (int)(bar ? bar - p : (long)strlen(p)), p);
		if (!among(mm->datasets, one))
			rc = err_set(RD_INVALID, _("datasets: the measure %s watches %s, not '%s'"),
			             m, mm->datasets, one);
		p = bar ? bar + 1 : NULL;
	}
	if (!rc && (!ds || !*ds))
		rc = err_set(RD_INVALID, _("datasets: required (one or more of %s)"), mm->datasets);
	if (!rc && (!sp || !among(mm->scopes, sp)))
		rc = err_set(RD_INVALID, _("scope: '%s' is not one of %s (for the measure %s)"),
		             sp ? sp : "", mm->scopes, m);
	if (!rc && e->per && !among("month|quarter|year|once", e->per))
		rc =
		    err_set(RD_INVALID, _("per: '%s' is not month, quarter, year or once"), e->per);
	bool has_y = false, has_r = false, has_min = false, red_null = false, null;
	int64_t y = 0, red = 0, min = 0;
	if (!rc && e->yellow) {
		rc = threshold("yellow", e->yellow, false, &null, &y);
		has_y = true;
	}
	if (!rc && e->red) {
		rc = threshold("red", e->red, true, &red_null, &red);
		has_r = true;
	}
	if (!rc && e->min) {
		static const struct fin_field money = {"min", "", "", FF_MONEY, FF_REQ, NULL, NULL};
		char *t;
		bool set;
		struct fin_period p;
		const char *why = fin_value(NULL, &money, e->min, &t, &min, &set, &p);
		free(t);
		if (why)
			rc = err_set(RD_INVALID, "min: %s", why);
		has_min = true;
	}
	int enabled = -1;
	if (!rc && e->enabled) {
		if (!strcmp(e->enabled, "yes") || !strcmp(e->enabled, "1") ||
		    !strcmp(e->enabled, "true"))
			enabled = 1;
		else if (!strcmp(e->enabled, "no") || !strcmp(e->enabled, "0") ||
		         !strcmp(e->enabled, "false"))
			enabled = 0;
		else
			rc = err_set(RD_INVALID, _("enabled: '%s' is not yes or no"), e->enabled);
	}
	if (!rc && e->name && !*e->name)
		rc = err_set(RD_INVALID, _("name: required"));
	/* The red threshold lies beyond the yellow one. */
	if (!rc) {
		int64_t cy = y, cr = red;
		bool have_red = has_r ? !red_null : false;
		if (id && (!has_y || !has_r)) {
			sqlite3_stmt *st = db_prepare(
			    db, "SELECT yellow, red FROM fin_rule WHERE id = ?", "i", id);
			if (st && sqlite3_step(st) == SQLITE_ROW) {
				if (!has_y)
					cy = sqlite3_column_int64(st, 0);
				if (!has_r) {
					have_red = sqlite3_column_type(st, 1) != SQLITE_NULL;
					cr = sqlite3_column_int64(st, 1);
				}
			}
			sqlite3_finalize(st);
		}
		if (have_red && cr <= cy)
			rc = err_set(RD_INVALID,
			             _("red: the red threshold must be above the yellow one"));
	}
	char now[CLOCK_BUF];
	clock_format(clock_now(), now);
	char *before = NULL;
	if (!rc && id) {
		before = audit_snapshot(db, "fin_rule", id);
		rc = db_run(
		    db,
		    "UPDATE fin_rule SET name = coalesce(?2, name), measure = ?3, datasets = ?4, "
		    "scope = ?5, per = coalesce(?6, per), yellow = CASE WHEN ?7 THEN ?8 ELSE "
		    "yellow END, red = CASE WHEN ?9 THEN ?10 ELSE red END, min_amount = CASE "
		    "WHEN ?11 THEN ?12 ELSE min_amount END, basis = coalesce(?13, basis), "
		    "policy_number = coalesce(?14, policy_number), enabled = CASE WHEN ?15 >= 0 "
		    "THEN ?15 ELSE enabled END, updated_at = ?16, version = version + 1 "
		    "WHERE id = ?1 AND (?17 = 0 OR version = ?17)",
		    "itttttdididittdti", id, e->name, m, ds, sp, e->per, (int)has_y, y, (int)has_r,
		    red_null ? (int64_t)0 : red, (int)has_min, min, e->basis, e->policy, enabled,
		    now, version);
		int changed = rc ? 0 : sqlite3_changes(db);
		if (!rc)
			rc = db_version_check(db, "fin_rule", id, changed);
		if (!rc && has_r && red_null)
			rc = db_run(db, "UPDATE fin_rule SET red = NULL WHERE id = ?", "i", id);
	} else if (!rc) {
		if (!has_y)
			rc =
			    err_set(RD_INVALID, _("yellow: a new rule needs its yellow threshold"));
		if (!rc && (!e->name || !*e->name))
			rc = err_set(RD_INVALID, _("name: required"));
		if (!rc)
			rc = db_new_id(db, "fin_rule", &id);
		if (!rc)
			rc = db_run(
			    db,
			    "INSERT INTO fin_rule (id, code, name, measure, datasets, scope, per, "
			    "yellow, red, min_amount, basis, policy_number, enabled, updated_at) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "ittttttiIittdt", id, code, e->name, m, ds, sp,
			    e->per ? e->per : "year", y, has_r && !red_null ? red : (int64_t)0, min,
			    e->basis ? e->basis : "", e->policy ? e->policy : "",
			    enabled < 0 ? 1 : enabled, now);
	}
	if (!rc) {
		char *after = audit_snapshot(db, "fin_rule", id);
		rc = audit_log(db, sc, "fin_rule", id, before ? "edit" : "add", before, after);
		free(after);
	}
	free(before);
	free(measure);
	free(datasets);
	free(scope);
	return rc;
}

int fin_rule_set(sqlite3 *db, const struct scope *sc, const char *code,
                 const struct fin_rule_edit *e, int64_t version)
{
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	if (db_begin(db))
		return RD_FAIL;
	int64_t id;
	rc = db_int(db, &id, "SELECT id FROM fin_rule WHERE code = ?", "t", code ? code : "");
	if (rc == RD_NOTFOUND)
		rc = err_set(RD_NOTFOUND, _("no warning rule '%s'"), code ? code : "");
	if (!rc)
		rc = write_rule(db, sc, id, code, e, version);
	return db_end(db, rc);
}

int fin_rule_add(sqlite3 *db, const struct scope *sc, const char *code,
                 const struct fin_rule_edit *e)
{
	int rc = fin_may_write(sc);
	if (rc)
		return rc;
	if (!code || !*code || strlen(code) > 32 || strchr(code, ' ') || strchr(code, '|'))
		return err_set(RD_INVALID,
		               _("code: '%s' is not a code of at most 32 characters "
		                 "without blanks"),
		               code ? code : "");
	if (db_begin(db))
		return RD_FAIL;
	int64_t id;
	rc = db_int(db, &id, "SELECT id FROM fin_rule WHERE code = ?", "t", code);
	if (!rc)
		rc = err_set(RD_EXISTS, _("a warning rule '%s' exists already"), code);
	else if (rc == RD_NOTFOUND) {
		err_clear();
		rc = write_rule(db, sc, 0, code, e, 0);
	}
	return db_end(db, rc);
}
