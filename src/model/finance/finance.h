/*
 * Finance networked supervision (财经联网监督) and state assets (国资), DESIGN 4.6:
 * the datasets the finance, development-and-reform, tax and audit departments
 * send (one table of descriptors drives the import, the man page's formats and
 * the console's import), their imports (all rows or none, with a report of what
 * was added, changed and removed since the last import of the same period and
 * source), the drill-down from the total to a department to a project, the
 * other tables of figures, the committee's preliminary-review opinions with the
 * government's responses, and the warning rules that look at every import
 * (fin_rules.c; the warnings themselves are the module 'warning', warning.h).
 *
 * Scope (who sees finance data): administrators, city clerks and viewers all of
 * it; a unit operator the rows of its own department (budget, 三公经费, major
 * projects it is responsible for, its audit findings, the assets it holds, its
 * performance) and nothing that belongs to no department (revenue by tax kind,
 * other departments' rows); a town clerk none (the county's budget is the
 * city's). Imports, rules and opinions are written by administrators and city
 * clerks. Module prefix: fin_.
 */
#ifndef RENDA_FINANCE_H
#define RENDA_FINANCE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/finance/ftab.h"
#include "util/csvread.h"
#include "util/sbuf.h"

/* ---- who sees what -------------------------------------------------------------- */

enum fin_see {
	FIN_ALL,  /* every row */
	FIN_UNIT, /* the rows of the operator's own department (unit_id) */
	FIN_NONE, /* nothing */
};
enum fin_see fin_scope(const struct scope *sc);
/* RD_OK when the scope may read finance data (FIN_ALL or FIN_UNIT), else RD_DENIED. */
int fin_may_read(const struct scope *sc);
/* RD_OK for administrators and city clerks (imports, rules, opinions), else RD_DENIED. */
int fin_may_write(const struct scope *sc);

/* ---- the datasets ------------------------------------------------------------------ */

/* What a period of a dataset may be. */
enum fin_per {
	FP_MONTH,  /* YYYY-MM */
	FP_MONTHQ, /* YYYY-MM or YYYY-Qn (a quarter) */
	FP_YEAR,   /* YYYY */
};

enum fin_ftype {
	FF_PERIOD, /* the period of the row (every row of a file has the same) */
	FF_CODE,   /* a code: no blanks */
	FF_TEXT,   /* a text */
	FF_MONEY,  /* yuan, up to two decimals, not negative: kept in fen */
	FF_SMONEY, /* the same, may be negative */
	FF_PCT,    /* a per cent from 0 to 100, up to two decimals (a '%' may follow) */
	FF_DEC,    /* a number not negative, up to two decimals (a score) */
	FF_YEAR,   /* a year */
	FF_DATE,   /* a day */
	FF_CHOICE, /* one of the choices: its code, its English word or its Chinese name */
};

/* Field flags. */
enum {
	FF_REQ = 1,      /* required */
	FF_KEY = 2,      /* part of the row's key within its period and source */
	FF_UNITCODE = 4, /* the code that names the row's department (a handling unit) */
	FF_UNITNAME = 8, /* the name that names it */
};

struct fin_field {
	const char *key;   /* the column of the file and of the table */
	const char *label; /* msgid */
	const char *zh;    /* the Chinese header a department's file may use */
	enum fin_ftype type;
	unsigned flags;                   /* FF_* flags */
	const char *choices;              /* FF_CHOICE: "code=中文名|..." */
	const char *const *choice_labels; /* FF_CHOICE: msgids of the codes, in order */
};

struct fin_dataset {
	const char *name;  /* "budget": the command's word and the dataset column */
	const char *label; /* msgid: "General public budget execution" */
	const char *table; /* its table: "fin_budget" */
	enum fin_per per;
	const char *source; /* the code of the department that sends it by default */
	const struct fin_field *fields;
	int nfields;
	/* Checks a row's values beyond their types; returns a reason (msgid) or NULL. */
	const char *(*check)(const struct fin_dataset *d, char **text, int64_t *num, bool *set);
};

extern const struct fin_dataset fin_datasets[];
extern const int fin_ndatasets;
const struct fin_dataset *fin_dataset_find(const char *name);
/* "budget, fund, ...": the names of the datasets; static storage. */
const char *fin_dataset_names(void);
/* The index of field key of d, or -1. */
int fin_field_find(const struct fin_dataset *d, const char *key);

/* A period as the files write it: "2026-03", "2026-Q1" or "2026". */
struct fin_period {
	char text[12]; /* normalized */
	int year;
	int month; /* the last month of the period (a quarter's third, a year's twelfth) */
	bool quarter, whole_year;
};
/* Reads a period ("2026-03", "2026-3", "2026年3月", "2026-03-01", "2026-Q1", "2026"). */
bool fin_period_parse(const char *s, struct fin_period *p);
/* The last day of the period (a day number). */
int fin_period_end(const struct fin_period *p);

/* ---- imports --------------------------------------------------------------------- */

struct fin_import_result {
	int64_t id; /* the import's id */
	char period[12];
	char *source; /* the department that sent it (its name) */
	int nrows, added, changed, removed, unchanged, rejected, warnings;
	bool first;          /* no earlier import of the same dataset, period and source */
	struct sbuf errors;  /* one "file:line: reason" a rejected row */
	struct sbuf changes; /* one line a difference from the last import */
	struct sbuf raised;  /* the warnings raised: "number severity title" a line */
};
void fin_import_result_free(struct fin_import_result *r);

/*
 * Imports a CSV file (UTF-8 or GB18030) or the first sheet of an XLSX
 * workbook of dataset, sent by source (a handling unit's code or name; NULL:
 * the dataset's default). The header names the columns in any order (key,
 * English label or Chinese name). Every row is checked against the format;
 * any rejected row rejects the whole file (RD_INVALID, each row's file:line
 * and reason in res->errors) and nothing is imported. Otherwise the rows
 * replace those of the same dataset, period and source in one transaction
 * with its audit row, the differences are recorded (fin_changes), and the
 * rules watching the dataset look at the period and raise warnings.
 */
int fin_import(sqlite3 *db, const struct scope *sc, const char *dataset, const char *path,
               const char *source, struct fin_import_result *res);
/*
 * The same for rows already read (f), inside the caller's transaction: the
 * demo's imports (generated: no audit row per warning; the generator writes
 * one), dated at (an ISO time; NULL: now). file names the rows in messages.
 */
int fin_import_rows_tx(sqlite3 *db, const struct scope *sc, const struct fin_dataset *d,
                       const struct csv_file *f, const char *file, const char *source,
                       const char *at, bool generated, struct fin_import_result *res);

/* ---- tables of figures --------------------------------------------------------------- */

/* What a table is of. Unused fields 0 / NULL. */
struct fin_query {
	const char *dataset;    /* budget, fund or capital (execution) */
	int year, month;        /* the period; 0: the latest imported */
	const char *department; /* execution, 三公经费: drill into this department (code) */
	const char *project;    /* execution: and into this project (code) */
	const char *kind;       /* assets: drill into this kind */
	const char *holder;     /* assets: and into this holder (code) */
	const char *status;     /* audit: only findings of this status */
	const char *period;     /* audit, imports: this period */
	bool words; /* choice values as words in the C locale too (workbooks: for people) */
};

/* The latest period of dataset in scope (year, month); RD_NOTFOUND when none. */
int fin_latest(sqlite3 *db, const struct scope *sc, const char *dataset, int *year, int *month);

/*
 * Budget execution, drilled down: without a department, the total and a row
 * per department; with one, the department and a row per project (the lines
 * without a project as one row "basic expenditure"); with a project too, the
 * project and a row per function class. Columns: code, name, annual,
 * adjusted, executed, rate (executed / adjusted), schedule (the time-elapsed
 * share of the year), behind (schedule - rate, in points), month (spent in
 * the month), mom (month on month, %), prev_ytd (the same months of the year
 * before), yoy (year on year, %). The first row is the level's total; the rows
 * behind the schedule by the EXEC-LAG rule's thresholds are marked.
 */
int fin_execution(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* Revenue by tax kind in the year to date: amount, budget, progress, year on year, the month. */
int fin_revenue(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* 三公经费 by department (or by item of q->department): budget, spent, rate. */
int fin_sangong(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* Major investment projects: plan, spent, share of the year's plan, progress, the month. */
int fin_projects(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* Audit findings as of the period (the latest when q->period is NULL), with days overdue. */
int fin_audits(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* Performance by project (or the indicators of q->project): weights, scores, grade. */
int fin_perf(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* State assets of a year by kind, by holder of q->kind, or by category of q->holder. */
int fin_assets(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* The imports (of q->dataset, q->period when given), newest first. */
int fin_imports(sqlite3 *db, const struct scope *sc, const struct fin_query *q, struct ftab *out);
/* What import id changed: kind, key, field, before, after. */
int fin_changes(sqlite3 *db, const struct scope *sc, int64_t id, struct ftab *out);

/* ---- the warning rules ------------------------------------------------------------------ */

/* The rules: code, name, measure, datasets, scope, per, yellow, red, min, enabled, basis, policy.
 */
int fin_rules(sqlite3 *db, const struct scope *sc, struct ftab *out);

/* What a rule's edit sets; NULL leaves a field as it is. */
struct fin_rule_edit {
	const char *name, *measure, *datasets, *scope, *per, *yellow, *red, *min, *basis, *policy,
	    *enabled;
};
/* Changes rule code (version 0: no check); RD_INVALID names the field. */
int fin_rule_set(sqlite3 *db, const struct scope *sc, const char *code,
                 const struct fin_rule_edit *e, int64_t version);
/* Adds a rule of one of the measures. */
int fin_rule_add(sqlite3 *db, const struct scope *sc, const char *code,
                 const struct fin_rule_edit *e);
/* The measures a rule may use: "exec_behind|..."; static storage. */
const char *fin_measures(void);

/*
 * Runs the enabled rules that watch dataset on its rows of period, inside the
 * caller's transaction, raising a warning for each fact not raised before
 * (one per rule, severity, subject and the rule's per: month, quarter, year or
 * once). The numbers and titles of those raised go to raised ("" when none).
 */
int fin_check_tx(sqlite3 *db, const struct scope *sc, const char *dataset,
                 const struct fin_period *p, int64_t import_id, const char *at, bool generated,
                 int *n, struct sbuf *raised);
/* The same in its own transaction for every period imported (of dataset, period: all when NULL). */
int fin_check(sqlite3 *db, const struct scope *sc, const char *dataset, const char *period, int *n,
              struct sbuf *raised);

/* ---- preliminary review (初步审查) -------------------------------------------------------- */

/* Records an opinion of the committee on the draft budget or final accounts of year. */
int fin_review_add(sqlite3 *db, const struct scope *sc, int year, const char *kind,
                   const char *opinion, int64_t *id);
/* Records the government's response to opinion id (day: YYYY-MM-DD, NULL today). */
int fin_review_respond(sqlite3 *db, const struct scope *sc, int64_t id, const char *response,
                       const char *day, int64_t version);
/* The opinions of year (0: every year): id, year, kind, seq, opinion, response, responded_on. */
int fin_reviews(sqlite3 *db, const struct scope *sc, int year, struct ftab *out);

#endif
