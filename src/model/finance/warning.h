/*
 * Finance warnings (财经预警), a module of the registry: each raised by a rule
 * of the library (model/finance/finance.h) for one fact, after an import. A
 * warning is a reason to look, not a verdict: open -> sent to the department
 * for self-check (自查, within a deadline) -> verified -> resolved or
 * dismissed, with notes and chases on the way; the table warning_flow, run by
 * the workflow driver (model/flow/flow.h).
 *
 * Scope: administrators, city clerks and viewers see every warning; a unit
 * operator those sent to its department (and records its self-check); a town
 * clerk none. Steps are taken by administrators and city clerks (the
 * department's report also by its operator). Module prefix: warning_.
 */
#ifndef RENDA_WARNING_H
#define RENDA_WARNING_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/module.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"
#include "model/stat/stat.h"

extern const struct wf_def warning_flow;
/* The generic parts' view of warnings: filters, listing, record (model/core/module.h). */
extern const struct mod_model warning_model;
/* The statistics of warnings ("warnings"), ending with a NULL name. */
extern const struct stat_provider warning_stat_providers[];

/* What a new warning is of (the rule's check fills it). */
struct warning_new {
	int64_t rule;         /* fin_rule.id */
	const char *severity; /* yellow or red */
	const char *fact_key; /* unique: raising the same fact again is refused (RD_EXISTS) */
	const char *dataset, *period;
	const char *subject_code, *subject;
	int64_t unit;             /* the department the subject is of, 0 when none */
	int64_t value, threshold; /* hundredths, as the rule's measure counts */
	int64_t base, amount;     /* fen: the figures the value is made of */
	int64_t import_id;
	const char *at; /* when it is raised (an ISO time); NULL: now */
};
/*
 * Raises a warning (state open) inside the caller's transaction; *number gets
 * its number (a buffer of 32). RD_EXISTS when its fact has one already.
 */
int warning_raise_tx(sqlite3 *db, const struct scope *sc, const struct warning_new *w,
                     bool generated, char number[32]);

/* Finds a warning in scope by its number or id. */
int warning_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
/*
 * One warning for show: id, number, title, rule_code, rule, severity, state,
 * dataset, period, subject_code, subject, department, measure (in words),
 * value, threshold, basis, policy (its number and title in the library),
 * lead_unit, selfcheck_due, overdue, import, created_at, closed_at, version.
 */
int warning_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* The measure of a warning in words ("10.01 points behind the time-elapsed schedule"). */
char *warning_measure_text(const char *measure, int64_t value, int64_t threshold, int64_t base,
                           int64_t amount);

struct ftab;
/*
 * The warnings in scope of the periods of year (up to month when not 0), for the
 * workbook and the finance screen: number, severity, state, rule, subject,
 * period, measure (in words), sent_to, selfcheck_due, raised.
 */
int warning_tab(sqlite3 *db, const struct scope *sc, int year, int month, struct ftab *out);

/* The number of warnings in scope of each severity still open (for the finance screen). */
int warning_open_counts(sqlite3 *db, const struct scope *sc, int64_t *yellow, int64_t *red);

#endif
