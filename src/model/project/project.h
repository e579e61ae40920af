/*
 * Livelihood projects chosen by the deputies' vote (民生实事项目票决制, DESIGN
 * 4.4), as four workflows of the kit (model/flow/flow.h), each a row of the
 * module registry:
 *
 * - the yearly cycle of one congress (project-cycle: the city's, or a town's;
 *   a street's working committee has no congress): collection (征集), the
 *   government's preliminary list (初定), the standing committee's review
 *   (审议), the vote (票决) with its tally sheets entered twice or the voting
 *   system's file imported, the result computed (a re-vote when candidates tie
 *   at the cut), supervision, the satisfaction evaluation (测评) and the second
 *   one;
 * - a proposal collected (project-proposal), adopted as a candidate or not,
 *   with the reason;
 * - a project chosen (project): its lead department and its "three ones" team,
 *   monthly targets, progress updates (a month without one is overdue), the
 *   deputies' opinions, its rating, investigation, deliberation, third-party
 *   evaluation and rectification items;
 * - an opinion (project-opinion) of a deputy or a deputy group on a project,
 *   answered by the department within its time.
 *
 * The rules of the vote and of the evaluation are the functions below, so
 * that the console, the command line, the statistics and the tests apply the
 * same ones.
 */
#ifndef RENDA_PROJECT_H
#define RENDA_PROJECT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/module.h"
#include "model/core/ref.h"
#include "model/core/scope.h"
#include "model/core/tally.h"
#include "model/flow/flow.h"

extern const struct wf_def pcycle_flow, pproposal_flow, project_flow, popinion_flow;
extern const struct mod_model pcycle_model, pproposal_model, project_model, popinion_model;

/* ---- the rules ---------------------------------------------------------------- */

/* A candidate passes when its yes votes are more than num/den of all the deputies. */
bool project_passes(int64_t yes, int64_t deputies, int num, int den);
/*
 * The rating of a project by its evaluation's votes: "satisfied" when the
 * satisfied votes are more than half of the valid votes, else "basic" when
 * satisfied and basically satisfied together are, else "unsatisfied".
 * Exactly half is not more than half.
 */
const char *project_rating(int64_t satisfied, int64_t basic, int64_t valid);
/*
 * The deputies of a congress on day (YYYY-MM-DD), from the roster: level
 * "city" (every city deputy) or "town" (the deputies of that town), in
 * office that day: not left before it, and of a term that covers it (a
 * deputy without a term counts while not left).
 */
int project_deputies_on(sqlite3 *db, const char *level, int64_t town, const char *day, int64_t *n);

/* The default rules of a new cycle: [project] choose, candidates, pass, bottom (renda.conf). */
struct pcycle_rules {
	int choose, candidates, pass_num, pass_den, bottom;
};
void pcycle_default_rules(struct pcycle_rules *r);
/* Reads a pass threshold "1/2" (yes votes must be more than this share); false when bad. */
bool pcycle_parse_pass(const char *s, int *num, int *den);

/* Translated words for stored values: a proposal's source, a candidate's result, a rating. */
const char *project_source_label(const char *raw);
const char *project_result_label(const char *raw);
const char *project_rating_label(const char *raw);

/* ---- cycles -------------------------------------------------------------------- */

struct pcycle_new {
	int year;
	const char *town;    /* a town with a congress (name or code); NULL: the city */
	int choose;          /* 0: the default */
	int candidates;      /* 0: the default (more than choose) */
	const char *pass;    /* "1/2"; NULL: the default */
	int bottom;          /* -1: the default */
	const char *session; /* the congress session that votes (code), or NULL */
	const char *at;      /* ISO time the collection opened; NULL = now (generated data) */
	bool generated;      /* renda demo: no audit row */
};
/* Opens the cycle of a year at one level (state collecting); *id its id. */
int pcycle_add(sqlite3 *db, const struct scope *sc, const struct pcycle_new *n, int64_t *id);
/* Finds a cycle in scope by its number (2021-CITY, 2021-ZP) or id. */
int pcycle_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

/*
 * The ballot of a cycle that takes figures now (the vote, a re-vote, an
 * evaluation), and its items: *ballot its id, *kind "vote" or "evaluation";
 * items has a row per candidate or project (columns id, number, title, and
 * the keys of its three figures: k1, k2, k3). RD_NOTFOUND with a message when
 * no ballot is open. Free items with tbl_free().
 */
int pcycle_open_ballot(sqlite3 *db, const struct scope *sc, int64_t cycle, int64_t *ballot,
                       char kind[12], struct tbl *items);
/* The label of a figure of cycle's open ballot ("issued", "yes_12": "Z03 饮用水提质: yes"). */
char *pcycle_figure_label(sqlite3 *db, const char *key);

/*
 * Parses the figures of a tally sheet given as named values (the step's form,
 * --set KEY=VALUE): issued, returned, valid, invalid, and each item's three.
 */
int pcycle_sheet_from_args(sqlite3 *db, const struct scope *sc, int64_t cycle,
                           const struct flow_args *a, struct tally *out);

/*
 * The figures of the open ballot whose two tally sheets differ, or that one sheet
 * lacks, in the sheet's order (columns figure: its label, key, first, second):
 * every figure of the first sheet until the second is entered, none once they
 * agree or when no ballot is open. RD_NOTFOUND out of scope.
 */
int pcycle_differences(sqlite3 *db, const struct scope *sc, int64_t cycle, struct tbl *out);

/* The figure keys of the ballot header, in order. */
extern const char *const pballot_header[4];

/* ---- proposals ------------------------------------------------------------------ */

struct pproposal_new {
	const char *cycle;        /* its number or #id */
	const char *source;       /* deputy, group, public, government */
	const char *deputy;       /* deputy: code */
	const char *group;        /* group: a deputy group (name or code) */
	const char *proposer;     /* public: who; government: which office */
	const char *channel;      /* online or paper */
	const char *submitted_at; /* ISO time; NULL = now */
	const char *title, *content;
	const char *category; /* name or code, optional */
	const char *unit;     /* the department that would carry it out, optional */
	const char *budget;   /* yuan, optional */
	bool generated;
};
/* Records a proposal of a cycle that is collecting; *id its id. */
int pproposal_add(sqlite3 *db, const struct scope *sc, const struct pproposal_new *n, int64_t *id);
int pproposal_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

/* ---- projects -------------------------------------------------------------------- */

int project_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
/* A project's progress updates, oldest first: day, percent, spent, text, attachments, account. */
int project_updates(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* The open rectification items of a project, for the step that marks one done. */
struct pager *listing_project_rectify(sqlite3 *db, const struct scope *sc, int64_t id);

/* ---- opinions --------------------------------------------------------------------- */

int popinion_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
/*
 * Records an opinion on project inside the caller's transaction (the
 * project's step "opinion"): from a deputy (code) or a group; *id its id. Its
 * deadline counts by the calendar cal (NULL: the database's).
 */
int popinion_create(sqlite3 *db, const struct scope *sc, int64_t project, const char *deputy,
                    const char *group, const char *text, const char *at, bool generated,
                    const struct cal *cal, int64_t *id, char number[48]);

/* ---- import ----------------------------------------------------------------------- */

/*
 * Reads the voting system's result file for the cycle's open ballot (CSV:
 * item, its three figures, and the ballot's issued, returned, valid and
 * invalid on every row; renda(1) LIVELIHOOD PROJECTS) into out, checking it
 * as a tally sheet is checked. Messages name file:line.
 */
int pcycle_read_result(sqlite3 *db, const struct scope *sc, int64_t cycle, const char *path,
                       struct tally *out);

#endif
