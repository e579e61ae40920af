/*
 * The statistics of the livelihood projects (DESIGN 4.4), in the one shape of
 * model/stat/stat.h: the provider "projects" (the projects of a year's
 * cycles by level, by congress, project by project and ranked by
 * satisfaction: progress updates, months without one, opinions and their
 * answers in time, ratings, third-party evaluations) and "proposals" (the
 * collection: proposals by source, adopted, chosen by the vote). The CLI
 * (renda stats projects), the console and the workbook (renda report
 * projects) read the figures from here. Each column's definition is written
 * once, in project_stats.c.
 */
#ifndef RENDA_PROJECT_STATS_H
#define RENDA_PROJECT_STATS_H

#include <sqlite3.h>

#include "model/core/scope.h"
#include "model/core/tbl.h"
#include "model/stat/stat.h"

/* The breakdowns of "projects", in report order. */
enum project_stat_by { PS_BY_LEVEL, PS_BY_TOWN, PS_BY_PROJECT, PS_BY_SATISFACTION, PS_BY_COUNT };
extern const struct stat_breakdown project_stat_breakdowns[];
/* The breakdowns of "proposals". */
enum proposal_stat_by { PP_BY_LEVEL, PP_BY_TOWN, PP_BY_COUNT };
extern const struct stat_breakdown proposal_stat_breakdowns[];

/*
 * The providers, each ending with an entry whose name is NULL: "projects" (the module
 * "project"'s) and "proposals" (the module "project-proposal"'s): renda stats projects,
 * renda stats proposals, and the statistics screen of each module.
 */
extern const struct stat_provider project_stat_providers[];
extern const struct stat_provider proposal_stat_providers[];

/* The columns of a projects table, by index. */
enum project_stat_col {
	PS_PROJECTS,
	PS_COMPLETED,
	PS_PROGRESS,
	PS_UPDATES,
	PS_MISSED,
	PS_OPINIONS,
	PS_ANSWERED,
	PS_ANSWER_DUE,
	PS_ANSWER_MET,
	PS_ANSWER_RATE,
	PS_OPINIONS_OVERDUE,
	PS_RATED,
	PS_SATISFIED,
	PS_BASIC,
	PS_UNSATISFIED,
	PS_SATISFACTION,
	PS_REEVALUATED,
	PS_APPRAISED,
	PS_RECTIFY,
	PS_RECTIFIED,
	PS_BUDGET,
	PS_SPENT,
	PS_PERCENT_SUM,  /* hidden: the numerator of the average progress */
	PS_VALID,        /* hidden: valid ballots of the ratings, the satisfaction's denominator */
	PS_SAT_OR_BASIC, /* hidden: satisfied and basically satisfied votes */
	PS_NCOLS
};

/* The columns of a proposals table, by index. */
enum proposal_stat_col {
	PP_PROPOSALS,
	PP_DEPUTY,
	PP_GROUP,
	PP_PUBLIC,
	PP_GOVERNMENT,
	PP_ADOPTED,
	PP_ADOPTED_RATE,
	PP_DECLINED,
	PP_CHOSEN,
	PP_PASSED,
	PP_FAILED,
	PP_FROM_DEPUTIES, /* hidden: proposals of deputies and groups */
	PP_NCOLS
};

/* A projects table (by: enum project_stat_by) for q (year, town) in scope. */
int project_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                  struct stat_table *out);
/* A proposals table (by: enum proposal_stat_by). */
int proposal_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                   struct stat_table *out);

/*
 * Every project of q in scope, one row each in number order, for the
 * workbook's detail sheet: number, congress, title, unit, team, state,
 * percent, budget, spent, updates, opinions, answered, rating,
 * satisfaction, rank. Free with tbl_free().
 */
int project_stat_detail(sqlite3 *db, const struct scope *sc, const struct stat_query *q,
                        struct tbl *out);

#endif
