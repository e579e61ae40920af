/*
 * The workflow engine shared by voter issues and deputies' suggestions.
 * A workflow is data: its states, its transitions (which states they leave,
 * which they enter, which roles may take them, what they need) and the
 * deadline clocks each transition starts, stops or cancels. The engine
 * checks a step against the table and records it: one event row, clock
 * rows, all inside the caller's transaction.
 */
#ifndef RENDA_WORKFLOW_H
#define RENDA_WORKFLOW_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/cal.h"
#include "model/scope.h"

#define RB(r) (1u << (r))
#define WF_CLERKS (RB(ROLE_ADMIN) | RB(ROLE_CITY_CLERK) | RB(ROLE_TOWN_CLERK))
#define WF_UNITSIDE (WF_CLERKS | RB(ROLE_UNIT))

/* What a transition needs from the person taking it. */
enum wf_need {
	WF_TEXT = 1,    /* a text: reason, response, reply, note */
	WF_UNIT = 2,    /* a lead unit (and optionally supporting units) */
	WF_EVAL = 4,    /* an evaluation: satisfied, basic, unsatisfied */
	WF_LEVEL = 8,   /* the reviewing level: city or town */
	WF_OFFICE = 16, /* a clerk must belong to the office that reviews the item's level */
	WF_LEAD = 32,   /* a unit operator must be of the item's lead unit */
	WF_WINDOW = 64, /* only while the clock named in `window` runs and is not past due */
};

struct wf_state {
	const char *name;
	const char *label; /* translatable */
	bool open;         /* still being handled (counts as open in lists and stats) */
};

struct wf_trans {
	const char *action;  /* "assign" */
	const char *label;   /* translatable: "Assign to a unit" */
	const char *from;    /* states it leaves: "a|b" */
	const char *to;      /* state it enters; NULL stays */
	const char *when;    /* for WF_EVAL: the evaluations this row takes ("satisfied|basic") */
	unsigned roles;      /* RB(ROLE_...) bits */
	unsigned needs;      /* enum wf_need bits */
	const char *start;   /* clocks it starts: "respond|reply" */
	const char *stop;    /* clocks it stops (met or late) */
	const char *cancel;  /* clocks it cancels (counted neither way) */
	const char *window;  /* WF_WINDOW: the clock that must still run */
};

struct wf_def {
	const char *name; /* "case": the workflow column of wf_rule, wf_event, wf_clock */
	const struct wf_state *states;
	int nstates;
	const struct wf_trans *trans;
	int ntrans;
};

/* True when word is one of the '|'-separated words of list. */
bool wf_in(const char *list, const char *word);
const struct wf_state *wf_state(const struct wf_def *w, const char *name);

/*
 * The transition for action from state (and evaluation, for WF_EVAL rows),
 * or NULL with a message saying why (unknown action, or not from this state).
 */
const struct wf_trans *wf_find(const struct wf_def *w, const char *action, const char *state,
                               const char *eval);
/* RD_OK when the scope's role may take t, else RD_DENIED with a message. */
int wf_check_role(const struct wf_trans *t, const struct scope *sc);

/*
 * The due day of a clock started on start_day: the rule for the category, or
 * the workflow's default rule; a due day that falls on a day off moves to the
 * next working day.
 */
int wf_due(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category,
           int start_day, const struct cal *cal, int *due);

/* The rule of a clock: amount and unit (days, workdays, weeks, months), for the category or the default. */
int wf_rule(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category, int *amount,
            char unit[16]);
/* The due day of a rule started on start_day (a day off moves to the next working day). */
int wf_due_from(const struct cal *cal, int start_day, int amount, const char *unit);

/* What wf_record() writes for one step. */
struct wf_step {
	const struct wf_trans *t;
	const char *at;        /* ISO time of the step; NULL = now */
	int64_t item;
	const char *from, *to; /* states */
	const char *text;
	int64_t unit;          /* 0 = none */
	bool public_text;
	int64_t category;      /* for deadline rules */
	int round;
};

/* Records an event and starts, stops or cancels clocks; inside the caller's transaction. */
int wf_record(sqlite3 *db, const struct scope *sc, const struct wf_def *w, const struct wf_step *s,
              const struct cal *cal);

/* True when the clock runs for the item and today is not past its due day. */
int wf_clock_running(sqlite3 *db, const struct wf_def *w, int64_t item, const char *clock,
                     bool *running, int *due);

/* The actions the scope could take on an item in state (for menus): a '|' list; caller frees. */
char *wf_actions(const struct wf_def *w, const char *state, const struct scope *sc);

#endif
