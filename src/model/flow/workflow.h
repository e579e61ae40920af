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

#include "model/core/cal.h"
#include "model/core/pager.h"
#include "model/core/scope.h"
#include "util/sbuf.h"

#define RB(r) (1u << (r))
#define WF_CLERKS (RB(ROLE_ADMIN) | RB(ROLE_CITY_CLERK) | RB(ROLE_TOWN_CLERK))
#define WF_UNITSIDE (WF_CLERKS | RB(ROLE_UNIT))

/* What a transition needs from the person taking it (checked by the driver, flow.h). */
enum wf_need {
	WF_TEXT = 1,      /* a text: reason, response, reply, note */
	WF_UNIT = 2,      /* a lead unit (and optionally supporting units) */
	WF_EVAL = 4,      /* an evaluation: satisfied, basic, unsatisfied (stored by the driver) */
	WF_LEVEL = 8,     /* the reviewing level: city or town */
	WF_OFFICE = 16,   /* a clerk must belong to the office that reviews the item's level */
	WF_LEAD = 32,     /* a unit operator must be of the item's lead unit (the event names it) */
	WF_WINDOW = 64,   /* only while the clock named in `window` runs and is not past due */
	WF_SUPPORT = 128, /* a unit operator must be one of the item's supporting units */
	WF_ITEM = 256,    /* another item of the same workflow (merge into it) */
	WF_CLASS = 512,   /* a result class of the reply (A, B, C) */
	WF_DATE = 1024,   /* a day: a new due day (extension), the day of a meeting */
	WF_DEPUTY = 2048, /* one or more deputies (co-signers) */
	WF_ROUND = 4096,  /* opens a new round of handling (rounds + 1) */
	WF_FIELDS = 8192, /* named values of its form (flow_args.names, flow_arg()) */
};

/* What the console asks before it takes a step (the CLI takes options instead). */
enum wf_ask {
	WA_NONE,    /* nothing */
	WA_CONFIRM, /* a yes/no question */
	WA_PROMPT,  /* a line of text on the message line; ask_arg: the prompt (msgid) */
	WA_FORM,    /* a form of forms/; ask_arg: its name */
	WA_PICK,    /* records picked from a list; ask_arg: the pick's name (wf_def.picks) */
	WA_CHOICE,  /* one of fixed values; ask_arg: "FORM:FIELD", the field whose choices are
	               offered */
};

struct wf_state {
	const char *name;
	const char *label; /* translatable */
	bool open;         /* still being handled (counts as open in lists and stats) */
	bool closes;       /* entering it dates the item's closing (closed_at) */
};

struct flow_ctx;

struct wf_trans {
	const char *action; /* "assign" */
	const char *label;  /* translatable: "Assign to a unit" (menus, help) */
	const char *done;   /* translatable: how the history names the step ("assigned") */
	const char *from;   /* states it leaves: "a|b"; "" for the creation step */
	const char *to;     /* state it enters; NULL stays */
	const char *when;   /* the conditions this row takes (see wf_holds); NULL = always */
	unsigned roles;     /* RB(ROLE_...) bits */
	unsigned needs;     /* enum wf_need bits */
	const char *start;  /* clocks it starts: "respond|reply" */
	const char *stop;   /* clocks it stops (met or late) */
	const char *cancel; /* clocks it cancels (counted neither way) */
	const char *window; /* WF_WINDOW: the clock that must still run */
	/* What the step changes in the module's own tables (flow.h), or NULL. */
	int (*effect)(struct flow_ctx *c);
	enum wf_ask ask;     /* what the console asks */
	const char *ask_arg; /* see enum wf_ask */
};

/* What a clock is: a deadline that can be missed, or a window that only closes. */
enum wf_clock_kind { WC_DEADLINE, WC_WINDOW };

/*
 * A clock of a workflow. Its length is data too: the rows of the wf_rule table
 * (amount and unit, calendar or working days, per category), seeded by the
 * module's migration. Which steps start, stop and cancel it are the columns of
 * the transition rows (wf_clock_steps()).
 */
struct wf_clock_def {
	const char *name;  /* "respond" */
	const char *label; /* translatable: "response" */
	enum wf_clock_kind kind;
	const char *due;  /* the due date it shows as ("reply" for reply and rehandle) */
	bool per_support; /* one clock per supporting unit of the item, each stopped by its
	                     unit's step (the unit the event names) */
};

/* A pick of records a step asks for (WA_PICK): the list and what is taken from it. */
struct wf_pick {
	const char *name;  /* the step's ask_arg */
	const char *title; /* translatable, one %s for the item's name */
	bool multi;        /* several records (Space marks) */
	const char *col;   /* the column whose value is taken */
	/* The list to pick from, for item id (model/core/pager.h); NULL with a message. */
	struct pager *(*list)(sqlite3 *db, const struct scope *sc, int64_t id);
	enum { WP_DEPUTIES, WP_INTO } into; /* the argument it fills (flow_args) */
	/* What is asked after the pick: WA_NONE, WA_CONFIRM, WA_CHOICE, WA_PROMPT or WA_FORM
	 * (then_arg). */
	enum wf_ask then;
	const char *then_arg;
};

struct flow_item;

struct wf_def {
	const char *
	    name; /* "case": the workflow column of wf_rule, wf_event, wf_clock; the audit entity */
	const char *table; /* the items' table: "vcase" */
	const char *units; /* the table of an item's units (item, unit_id, role, assigned_at) */
	const char *units_item; /* its column naming the item: "case_id" */
	/* Optional: the items' column that holds the time of an item's first step, as that
	   step's event has it ("submitted_at"), never changed after (no step is dated
	   before the one it follows): "made by then" read from the row, not the history. */
	const char *made;
	const struct wf_state *states;
	int nstates;
	const struct wf_trans *trans;
	int ntrans;
	const struct wf_clock_def *clocks;
	int nclocks;
	const struct wf_pick *picks;
	int npicks;
	/* Reads an item within scope; RD_NOTFOUND (with a message) when out of scope. */
	int (*read)(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it);
	/* Frees what read() put into it->own. */
	void (*release)(struct flow_item *it);
	/*
	 * Optional: adds the facts the rows' conditions look at ('|' words) to out, for
	 * c->action; with c->action NULL (offering the steps), the item's facts and every
	 * fact a step's arguments could add.
	 */
	void (*facts)(struct flow_ctx *c, struct sbuf *out);
	/* Who may act beyond the role (the office, the town): RD_OK or RD_DENIED. */
	int (*actor)(struct flow_ctx *c);
	/* Optional: the item's name in messages ("case 2026-000123"); a new string. */
	char *(*name_of)(const struct flow_item *it);
	/* Optional: its number as its record shows it ("2026-000123"), read by read() with
	   the rest; a new string. Without it, what a step reports reads the whole record. */
	char *(*number_of)(const struct flow_item *it);
};

/* True when word is one of the '|'-separated words of list. */
bool wf_in(const char *list, const char *word);
const struct wf_state *wf_state(const struct wf_def *w, const char *name);

/*
 * True when the conditions `when` hold for the facts: `when` is a '|' list of
 * alternatives, each a '+' list of condition words that must all be among the
 * '|'-separated facts. "satisfied|basic" holds for the facts "basic";
 * "satisfied+followup|basic+followup" only when "followup" is a fact too.
 * A NULL `when` always holds.
 */
bool wf_holds(const char *when, const char *facts);

/*
 * The transition for action from state whose conditions hold for the facts the
 * caller supplies ('|' list of condition words, such as the evaluation given, or
 * "motion"; NULL = none): the first such row of the table. NULL with a message
 * saying why (unknown action, not from this state, or no row's conditions hold).
 */
const struct wf_trans *wf_find(const struct wf_def *w, const char *action, const char *state,
                               const char *facts);
/* RD_OK when the scope's role may take t, else RD_DENIED with a message. */
int wf_check_role(const struct wf_trans *t, const struct scope *sc);

/*
 * The due day of a clock started on start_day: the rule for the category, or
 * the workflow's default rule; a due day that falls on a day off moves to the
 * next working day.
 */
int wf_due(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category, int start_day,
           const struct cal *cal, int *due);

/* The rule of a clock: amount and unit (days, workdays, weeks, months), for the category or the
 * default. */
int wf_rule(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category, int *amount,
            char unit[16]);
/* The due day of a rule started on start_day (a day off moves to the next working day). */
int wf_due_from(const struct cal *cal, int start_day, int amount, const char *unit);

/* What wf_record() writes for one step. */
struct wf_step {
	const struct wf_trans *t;
	const char *at; /* ISO time of the step; NULL = now */
	int64_t item;
	const char *from, *to; /* states */
	const char *text;
	int64_t unit; /* 0 = none */
	bool public_text;
	int64_t category; /* for deadline rules */
	int round;
};

/* Records an event and starts, stops or cancels clocks; inside the caller's transaction. */
int wf_record(sqlite3 *db, const struct scope *sc, const struct wf_def *w, const struct wf_step *s,
              const struct cal *cal);
/*
 * As wf_record(), but the clocks the step starts are due on due_day (a day
 * number) rather than by their rule, and keep the start day of the open clock
 * each replaces: an approved extension (延期) of a running deadline.
 */
int wf_record_due(sqlite3 *db, const struct scope *sc, const struct wf_def *w,
                  const struct wf_step *s, const struct cal *cal, int due_day);

/*
 * The start and due days of the item's open clock of that name (the latest);
 * RD_NOTFOUND (without a message) when none runs.
 */
int wf_clock_open(sqlite3 *db, const struct wf_def *w, int64_t item, const char *clock,
                  int *started, int *due);
/*
 * For a WF_WINDOW transition taken on day today: RD_OK while its window clock
 * runs and today is not past its due day, else RD_DENIED saying when it ended.
 */
int wf_check_window(sqlite3 *db, const struct wf_def *w, const struct wf_trans *t, int64_t item,
                    int today);

/* True when the clock runs for the item and today is not past its due day. */
int wf_clock_running(sqlite3 *db, const struct wf_def *w, int64_t item, const char *clock,
                     bool *running, int *due);

/* The actions the scope could take on an item in state (for menus): a '|' list; caller frees. */
char *wf_actions(const struct wf_def *w, const char *state, const struct scope *sc);

#endif
