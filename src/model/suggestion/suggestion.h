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
#include "model/core/module.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"

extern const struct wf_def suggestion_flow;
/* The generic parts' view of the items: filters, listing, record, parts (module.h). */
extern const struct mod_model suggestion_model;

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
	bool generated;         /* demo data: no audit row of its own (the demo's one row) */
};

/* Adds a draft; *id its id. */
int suggestion_add(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                   int64_t *id);

/* The same, inside the caller's open transaction (demo data). */
int suggestion_add_tx(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                      int64_t *id);
/*
 * An item's steps are taken by the workflow driver: flow_act(db, sc,
 * &suggestion_flow, id, action, args) (model/flow/flow.h); flow_actions() lists
 * those the scope may take now.
 */

/*
 * Finds an item in scope by id ("12", "#12") or by number: the session code,
 * M (motion) or S (suggestion) and the number, "C17-5-S012" (S12 and S0012 too).
 */
int suggestion_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

/*
 * The items in scope that pass f (the filter keys of suggestion_model: session,
 * kind, category, unit, state or "open", deputy, search, overdue, due_soon, key),
 * newest first, for the console and the CLI
 * alike (model/core/pager.h): columns no (the number within the session,
 * shown 第12号), kind, title, deputy (the lead), cosigners (confirmed), state,
 * unit (lead), reply_due (the running reply deadline), next_due (the earliest
 * running deadline, shown as a marker once past), key (shown as a marker), then
 * hidden number (C17-5-S012), session, category, level, result_class, overdue
 * and provisional (1 or 0: the next deadline's year has no holidays loaded) and
 * version. RD_INVALID naming the field for an unknown session,
 * category, unit, deputy, kind or state.
 */
struct pager;
int listing_suggestions(sqlite3 *db, const struct scope *sc, const struct filter *f,
                        struct pager **out);
/* The columns the CLI lists ("id" is the row's id), in order. */
#define SUGGESTION_LIST_NKEYS 15
extern const char *const suggestion_list_keys[SUGGESTION_LIST_NKEYS];
/*
 * The items that item may be merged into (并案): of its session and kind, under
 * review or handling, in scope. Columns as listing_suggestions().
 */
struct pager *listing_sugg_hosts(sqlite3 *db, const struct scope *sc, int64_t item);

/* Which deputies listing_sugg_deputies() lists. */
enum listing_sugg_deps {
	LSD_LEAD,    /* deputies in office who may lead an item drafted in the scope */
	LSD_INVITE,  /* deputies the item may invite to co-sign: its level (and town), not
	                the lead deputy, not invited already (unless they declined) */
	LSD_INVITED, /* the item's co-signers, with their answer */
};
/*
 * Deputies to pick for an item: columns code, name, level, town, status (in
 * LSD_INVITED mode the co-signer's answer: invited, confirmed, declined).
 */
struct pager *listing_sugg_deputies(sqlite3 *db, const struct scope *sc, int64_t item,
                                    enum listing_sugg_deps mode);

/*
 * One item's fields for show: one row (free with tbl_free()) whose columns are
 * id, number, label, session, kind, level, town, state, category, deputy,
 * delegation, cosigners, title, basis, proposal, merged_into, merged_items,
 * lead_unit, support_units, meetings, result_class, reply, evaluation, rounds,
 * key_supervised, supervisor, reply_due, opinion_due, overdue, created_at,
 * submitted_at, closed_at, version, deputy_name (the lead's name alone). The history is
 * flow_events().
 */
int suggestion_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/*
 * The replies owed and given (round, deputy, code, role, via, class, at, text),
 * one row per deputy per reply. This and the next: RD_NOTFOUND out of scope;
 * free with tbl_free().
 */
int suggestion_replies(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* Co-signers (name, code, status, invited, answered). */
int suggestion_cosigners(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* Units (name, role lead|support, assigned, opinion, opinion_at, and a supporting unit's
   own opinion deadline: opinion_due, opinion_outcome running|met|late|cancelled). */
int suggestion_units(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* Face-to-face consultations (day, place, deputies, notes, unit). */
int suggestion_meetings(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);

/* Writes an item's number: "C17-5-S012"; "" before registration. */
void suggestion_number(const char *session, const char *kind, int number, char out[48]);

#endif
