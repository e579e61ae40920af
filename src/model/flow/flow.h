/*
 * The workflow driver: one function takes any module's step. A module is a
 * table (struct wf_def, workflow.h): its states, its transition rows (each
 * with its effect on the module's own tables, what the console asks and the
 * history's word), its clocks, and four small hooks (read an item in scope,
 * the facts its conditions look at, who may act beyond the role, the name of
 * an item). flow_act() does the rest in one transaction: scope, state, role,
 * version, what the row needs, the effect, the state, the event, the clocks
 * and the audit row. The creation of an item is a row too (the one whose
 * `from` is ""): flow_created() records it after the module inserted the row.
 *
 * The due, overdue and due-soon conditions of lists and statistics come from
 * the clock table (flow_cond_sql(), flow_due_sql()), never written by hand.
 * Module prefix: flow_.
 */
#ifndef RENDA_FLOW_H
#define RENDA_FLOW_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/cal.h"
#include "model/core/scope.h"
#include "model/core/tbl.h"
#include "model/flow/workflow.h"
#include "util/datetime.h"
#include "util/sbuf.h"

/* What a step may be given (the CLI's options, the console's forms); unused fields NULL / 0. */
struct flow_args {
	const char *text; /* reason, response, reply, note, official (supervise) */
	const char *unit; /* assign: the lead unit; opinion, meet: the unit (for clerks) */
	const char *const *support; /* assign: supporting units */
	int nsupport;
	const char *const *deputies; /* invite, cosign: deputies by code or #id */
	int ndeputies;
	const char *level;        /* forward: city or town */
	const char *eval;         /* evaluate: satisfied, basic, unsatisfied */
	const char *answer;       /* cosign: confirm or decline */
	const char *result_class; /* reply: code or name of a result class */
	const char *into;         /* merge: the item it joins */
	const char *date;         /* extend: the new due day; meet: the day of the meeting */
	const char *place;        /* meet */
	const char *attendees;    /* meet: the deputies met */
	bool private_text;        /* the text is not public */
	const char *at;           /* ISO time of the step; NULL = now (generated data only) */
	int64_t version;          /* the version the person saw; 0 = don't check */
	/* WF_FIELDS: the other values of the step's form by field key (the console's form,
	   the CLI's --set KEY=VALUE, a module's own options); read them with flow_arg(). */
	const char *const *names;
	const char *const *values;
	int nvalues;
	/* Generated data only (renda demo): the calendar already loaded, and no audit row
	   per step (the generator writes one for all it made). */
	const struct cal *cal;
	bool generated;
};

/* The fields of an item that the driver needs; the module reads them (wf_def.read). */
struct flow_item {
	int64_t id, version, category, town, lead_unit;
	int rounds;
	char state[24], level[8];
	void *own; /* the module's own fields, freed by wf_def.release */
};

/* What an effect sees, and what it may set. */
struct flow_ctx {
	sqlite3 *db;
	const struct scope *sc;
	const struct wf_def *w;
	const struct wf_trans *t;
	const struct flow_args *a;
	const char *action; /* the action asked for */
	struct flow_item *it;
	const char *to;       /* the state the item enters */
	char now[CLOCK_BUF];  /* the time of the step */
	int today;            /* its day */
	int64_t result_class; /* WF_CLASS: the class given */
	/* Set by the effect: */
	int64_t unit; /* the unit the event names (default: the lead unit for WF_LEAD rows) */
	int due;      /* the due day of the clocks the step starts (CAL_NO_DAY: by their rule) */
	struct sbuf text; /* the event's text, when not a->text */
};

/*
 * Takes the step action on item id of workflow w: one transaction (flow_act)
 * or inside the caller's (flow_act_tx: demo data, imports). RD_INVALID names
 * what is wrong (an unknown action, a missing field), RD_DENIED the rule that
 * refuses it, RD_CONFLICT when a->version is not the item's version, RD_NOTFOUND
 * when the item is not in scope.
 */
int flow_act(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
             const char *action, const struct flow_args *a);
int flow_act_tx(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                const char *action, const struct flow_args *a);

/*
 * The actions the scope may take on item id now, as a '|' list in table order
 * ("" when none): state, role, the module's actor rule, the lead or supporting
 * unit, the window. *out is a new string; caller frees. RD_NOTFOUND when out of scope.
 */
int flow_actions(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                 char **out);

/*
 * The steps taken on item id (in scope), oldest first: columns at, account,
 * role, action, from, to, text (empty for a viewer when not public), unit,
 * evaluation (the one an evaluation step recorded, else empty).
 */
int flow_events(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                struct tbl *out);
/*
 * The deadline clocks of item id (in scope), in the order they started:
 * columns clock, round, started, due, stopped ('' while it runs), outcome
 * (met, late, cancelled; '' while it runs), unit (a supporting unit's own
 * clock, else '').
 */
int flow_clocks(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                struct tbl *out);

/* The creation row of w (the one whose `from` is ""). */
const struct wf_trans *flow_creation(const struct wf_def *w);
/* RD_OK when the scope may create items of w (the creation row's roles), else RD_DENIED. */
int flow_may_create(const struct wf_def *w, const struct scope *sc);
/*
 * Records the creation of item id (inserted by the module in the caller's
 * transaction): its event (at: ISO time, text, public), the clocks the row
 * starts (by the calendar cal; NULL: the database's, read for it), and its audit
 * row unless generated.
 */
int flow_created(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                 const char *at, const char *text, int64_t category, bool public_text,
                 bool generated, const struct cal *cal);

/* The first row of w for action (from state, when given); NULL when none. */
const struct wf_trans *flow_row(const struct wf_def *w, const char *action, const char *state);
/* The label of action (translated; the action itself when unknown). */
const char *flow_action_label(const struct wf_def *w, const char *action);
/* How the history names a step of action (translated). */
const char *flow_done_label(const struct wf_def *w, const char *action);
/* The label of a state (translated; the name itself when unknown). */
const char *flow_state_label(const struct wf_def *w, const char *state);
/* The pick named name of w, or NULL. */
const struct wf_pick *flow_pick(const struct wf_def *w, const char *name);
/* The clock named name of w, or NULL. */
const struct wf_clock_def *flow_clock(const struct wf_def *w, const char *name);

/* Conditions on an item's running clocks, for flow_cond_sql(). */
enum flow_cond {
	FC_OVERDUE,  /* a running deadline is past (due < today) */
	FC_DUE_SOON, /* a running deadline falls from today to today + [workflow] due_soon_days */
	FC_RUNNING,  /* a deadline runs */
};
/*
 * An SQL condition that is true when the item whose id is the expression
 * item (e.g. "v.id") meets c, built from w's clock table (deadlines, never
 * windows). It uses the SQL functions renda_today() and renda_soon() (db.c),
 * so it binds nothing. Static storage (built once).
 */
const char *flow_cond_sql(const struct wf_def *w, const char *item, enum flow_cond c);
/*
 * The same condition as a set: "(SELECT k.item_id FROM wf_clock k WHERE ...)",
 * the items of w that meet c (for "x.id IN ..."). Static storage.
 */
const char *flow_ids_sql(const struct wf_def *w, enum flow_cond c);
/*
 * The overdue items of w as they stood at a past time, from the clocks' own start
 * and stop times: "(SELECT k.item_id FROM wf_clock k WHERE ...)" with three '?'
 * to bind: the time (ISO), the time again, and its day (YYYY-MM-DD). A deadline
 * counts when it had started by then, was not stopped by then and its due day
 * was before that day: FC_OVERDUE of flow_ids_sql() at that time. Static storage.
 */
const char *flow_ids_asof_sql(const struct wf_def *w);
/*
 * An SQL expression: the due day of the item's running clocks shown as `due`
 * (wf_clock_def.due), the latest of them (or the earliest deadline of all when
 * due is NULL), or '' when none runs. Static storage.
 */
const char *flow_due_sql(const struct wf_def *w, const char *item, const char *due);
/* An SQL list of the states of w that are open: "('a', 'b')". Static storage. */
const char *flow_open_sql(const struct wf_def *w);
/*
 * The same of the states that date a closing: every step into one of them sets the
 * item's closed_at to its time, so an item in one of them now whose closed_at is
 * by a time was in that state then. Static storage.
 */
const char *flow_closes_sql(const struct wf_def *w);
/*
 * An SQL condition on an item of w (its columns prefixed with alias, "s." or ""):
 * closed by t (an SQL expression such as "?1"), as its row says: in a state that
 * dates a closing, with closed_at by t, so in that state then with the row's
 * values. Free it.
 */
char *flow_closed_by_sql(const struct wf_def *w, const char *alias, const char *t);
/* What flow_fields_sql() gives of an item's running deadlines. */
enum flow_field {
	FF_MARK,    /* 'overdue', 'soon' (FC_DUE_SOON) or '' */
	FF_DUE,     /* flow_due_sql() of the field's due */
	FF_NEXT,    /* the earliest due day, '?' after it when its year's holidays are not loaded */
	FF_OVERDUE, /* 1 when FC_OVERDUE holds, else 0 */
	FF_SOON,    /* 1 when FC_DUE_SOON holds, else 0 */
	FF_PROVISIONAL, /* 1 when one falls in a year whose holidays are not loaded, else 0 */
};
struct flow_part {
	enum flow_field field;
	const char *due; /* FF_DUE: as flow_due_sql()'s due */
};
/*
 * An SQL expression: the n parts of the item's running deadlines joined by
 * char(31), each as the expression above would give it, read in one pass over
 * its clocks (a list's page computes a dozen deadline columns with one subquery
 * a row, not one each: pager.h PC_PART). Static storage.
 */
const char *flow_fields_sql(const struct wf_def *w, const char *item, const struct flow_part *parts,
                            int n);
/* Frees what the SQL builders cached (at exit). */
void flow_free_all(void);

/* ---- effects that several modules share -------------------------------------- */

/* Assigns the item to a->unit (lead) and a->support (supporting units) in w->units. */
int flow_eff_assign(struct flow_ctx *c);
/* A return of a mis-assigned item: no lead unit, no units. */
int flow_eff_return(struct flow_ctx *c);

/* The value given for the form field name (flow_args.names), or NULL when none or "". */
const char *flow_arg(const struct flow_args *a, const char *name);

/* The time of a step (at, or now when NULL) as ISO text and as a day number. */
int flow_time(const char *at, char out[CLOCK_BUF], int *day);
/* Resolves a reference record by name or code ("#id" too); the message names field. */
int flow_lookup(sqlite3 *db, const char *table, const char *field, const char *v, int64_t *id);

#endif
