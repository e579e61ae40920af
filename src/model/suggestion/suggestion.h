/*
 * Deputies' motions and suggestions (议案 / 建议, DESIGN 4.3). A clerk types in
 * the lead deputy's draft (领衔); co-signers (附议) are invited and confirm or
 * decline; the item is submitted (a motion needs enough confirmed co-signers
 * unless a delegation brings it), reviewed (registered with a number: 立案 /
 * 登记; a motion converted to a suggestion; or merged into another item: 并案),
 * assigned to a lead unit and supporting units (交办), handled (face-to-face
 * consultations 面商, the supporting units' opinions, an extension of the reply
 * deadline 延期, the return of a mis-assigned item), replied to with a result
 * class (every deputy owed a reply gets one), evaluated by the lead deputy
 * (unsatisfied: re-handled, replied to and evaluated again; a class with
 * follow-up keeps the item in follow-up until a second reply) and closed.
 *
 * The flow is the table suggestion_flow in suggestion.c, run by the workflow
 * engine that voter issues use (workflow.h). Each step is one transaction with
 * its event, clocks and audit row.
 *
 * Scope (suggestion_scope.h): town clerks see and act on the town-level items
 * of their town, unit operators on the items assigned to their unit, admins
 * and city clerks on all (the city-level items are theirs alone); viewers read.
 */
#ifndef RENDA_SUGGESTION_H
#define RENDA_SUGGESTION_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/cal.h"
#include "model/core/scope.h"
#include "model/flow/workflow.h"

extern const struct wf_def suggestion_flow;

/* A new draft. */
struct suggestion_new {
	const char *kind;       /* motion or suggestion */
	const char *session;    /* congress session code; NULL = the latest begun one in scope */
	const char *deputy;     /* the lead deputy: code or #id */
	const char *delegation; /* a motion brought by a delegation (代表团): its name */
	const char *category;   /* name or code */
	const char *title;      /* 案由, or a suggestion's title */
	const char *basis;      /* 案据 (required for a motion) */
	const char *proposal;   /* 方案, or a suggestion's content */
	const char *at;         /* ISO time it was drafted; NULL = now */
};

/* Adds a draft; *id its id. */
int suggestion_add(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                   int64_t *id);

/* What an action needs (see the flow table); unused fields are NULL / 0. */
struct suggestion_act_args {
	const char *text;           /* reason, reply, approval, notes, official (supervise) */
	const char *unit;           /* assign: lead unit; opinion, meet: the unit (for clerks) */
	const char *const *support; /* assign: supporting units */
	int nsupport;
	const char *const *deputies; /* invite, cosign: deputies by code or #id */
	int ndeputies;
	const char *answer;       /* cosign: confirm or decline */
	const char *eval;         /* evaluate: satisfied, basic, unsatisfied */
	const char *result_class; /* reply: code or name of a result class */
	const char *into;         /* merge: the item it joins (id or number) */
	const char *date;         /* extend: the new due day; meet: the day of the meeting */
	const char *place;        /* meet */
	const char *attendees;    /* meet: the deputies met */
	const char *at;           /* ISO time of the step; NULL = now (for demo data) */
	int64_t version;          /* 0 = don't check */
	/* Generated data only (renda demo): the calendar already loaded, and no audit row
	   per step (the generator writes one for all it made). */
	const struct cal *cal;
	bool generated;
};

/* Takes a workflow action: one transaction with its event, clocks and audit row. */
int suggestion_act(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
                   const struct suggestion_act_args *a);
/* The same two, inside the caller's open transaction (demo data). */
int suggestion_add_tx(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                      int64_t *id);
int suggestion_act_tx(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
                      const struct suggestion_act_args *a);

/*
 * Finds an item in scope by id ("12", "#12") or by number: the session code,
 * M (motion) or S (suggestion) and the number, "C17-5-S012" (S12 and S0012 too).
 */
int suggestion_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

struct suggestion_filter {
	const char *session;  /* code */
	const char *kind;     /* motion or suggestion */
	const char *category; /* name or code */
	const char *unit;     /* name or code: items assigned to it (lead or supporting) */
	const char *state;    /* a state, or "open" */
	const char *deputy;   /* code: items it leads or co-signs */
	const char *search;   /* a substring of the title or the proposal */
	bool overdue;         /* a running deadline is past */
	bool due_soon;        /* a running deadline falls within [workflow] due_soon_days */
	bool key;             /* key supervised items only */
	int limit;            /* 0 = all */
};

/* The columns of suggestion_list(), in order. */
#define SUGGESTION_LIST_COLS 14
extern const char *const suggestion_list_cols[SUGGESTION_LIST_COLS];

/*
 * Lists items in scope, newest session first, then by kind and number: id,
 * number, session, kind, level, state, category, deputy, title, unit,
 * result_class, reply_due, overdue (1 when a running deadline is past), key
 * (1 when key supervised). Caller finalizes.
 */
sqlite3_stmt *suggestion_list(sqlite3 *db, const struct scope *sc,
                              const struct suggestion_filter *f);

/* One item's fields for show: key/value pairs in order; free with suggestion_info_free. */
struct suggestion_info {
	int n;
	const char **keys;
	char **vals;
};
int suggestion_info(sqlite3 *db, const struct scope *sc, int64_t id, struct suggestion_info *out);
void suggestion_info_free(struct suggestion_info *si);

/* The steps of an item (at, account, role, action, from, to, text, unit); caller finalizes. */
sqlite3_stmt *suggestion_events(sqlite3 *db, const struct scope *sc, int64_t id);
/* The deadline clocks of an item (see wf_clocks()); caller finalizes. */
sqlite3_stmt *suggestion_clocks(sqlite3 *db, const struct scope *sc, int64_t id);
/*
 * The replies owed and given (round, deputy, code, role, via, class, at, text),
 * one row per deputy per reply; caller finalizes.
 */
sqlite3_stmt *suggestion_replies(sqlite3 *db, const struct scope *sc, int64_t id);

/*
 * The actions the scope may take on the item now (for the console's menu of
 * steps): its role, the item's state and kind, a unit operator's part (lead
 * or supporting unit) and a return's window. A '|' list; caller frees; NULL
 * when the item is not in scope.
 */
char *suggestion_actions(sqlite3 *db, const struct scope *sc, int64_t id);
/* The label of an action (translated), as the flow table names it. */
const char *suggestion_action_label(const char *action);
/* Co-signers (name, code, status, invited, answered); caller finalizes. */
sqlite3_stmt *suggestion_cosigners(sqlite3 *db, const struct scope *sc, int64_t id);
/* Units (name, role lead|support, assigned, opinion, opinion day); caller finalizes. */
sqlite3_stmt *suggestion_units(sqlite3 *db, const struct scope *sc, int64_t id);
/* Face-to-face consultations (day, place, deputies, notes, unit); caller finalizes. */
sqlite3_stmt *suggestion_meetings(sqlite3 *db, const struct scope *sc, int64_t id);

/* Writes an item's number: "C17-5-S012"; "" before registration. */
void suggestion_number(const char *session, const char *kind, int number, char out[48]);

#endif
