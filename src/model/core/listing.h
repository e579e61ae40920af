/*
 * The lists the console pages through, as pager descriptions with the
 * session's scope conditions: users, each reference kind, the audit trail
 * (all of it, or one record's history). Module prefix: listing_.
 */
#ifndef RENDA_LISTING_H
#define RENDA_LISTING_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/pager.h"
#include "model/core/ref.h"
#include "model/core/scope.h"

/*
 * The users the scope may see (the rule of user_list()): columns login,
 * name, role, town, unit, active, then hidden created_at and version.
 */
struct pager *listing_users(sqlite3 *db, const struct scope *sc);
/*
 * The deputies the scope may see (the rule of deputy_list()): columns name,
 * code, gender, level, status, town, group, station, phone, then the other
 * fields of deputy_fields[] hidden (same keys) and version. Viewers get the
 * phone and the resident ID masked; unit operators no rows.
 */
struct pager *listing_deputies(sqlite3 *db, const struct scope *sc);
/* The records of a reference kind: one column per field (keyed by the field's key), then
   hidden version. */
struct pager *listing_ref(sqlite3 *db, const struct scope *sc, const struct ref_kind *k);
/*
 * Audit rows the scope may see (the rule of audit_list()), newest first;
 * entity NULL for all rows, else the history of record id of that entity.
 * Columns id, at, account, role, entity, entity_id, action, hidden before
 * and after (JSON).
 */
struct pager *listing_audit(sqlite3 *db, const struct scope *sc, const char *entity, int64_t id);

/*
 * Motions and suggestions in the scope (the rule of suggestion_list(),
 * suggestion_scope.h) that pass the filter f (session, kind, category,
 * state or "open", unit, overdue, due_soon, key; the other fields are not
 * used): columns number (shown 第12号), kind, title, deputy (the lead),
 * cosigners (confirmed), state, unit (lead), due (the running reply
 * deadline), overdue (the earliest running deadline, shown as a marker once
 * past), key (shown as a marker), then hidden code (C17-5-S012), session,
 * category, level and version. Newest first.
 */
struct suggestion_filter;
struct pager *listing_suggestions(sqlite3 *db, const struct scope *sc,
                                  const struct suggestion_filter *f);
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

/* What the list of voter issues shows (listing_cases); every field may be NULL or false. */
struct case_select {
	const char *category, *town; /* name or code */
	const char *state;           /* a state of case_flow, or "open" */
	const char *search;          /* full text, as renda case list --search */
	const char *regex;           /* PCRE2 over title, content and reply, as --regex */
	bool overdue, due_soon;
};
/*
 * Voter issues in the scope (the rule of case_scope.h) that pass s, newest
 * first: columns due (a marker: "overdue", "soon" or "", shown translated),
 * number, submitted, state, town, category, deputy (or the station), title,
 * unit (the lead unit), respond_due, reply_due, next_due (the earliest running
 * deadline), then hidden version. RD_INVALID
 * naming the field for an unknown category, town or state, or a bad pattern.
 */
int listing_cases(sqlite3 *db, const struct scope *sc, const struct case_select *s,
                  struct pager **out);
/*
 * The deputies in office, for a comment or a like on a case (every deputy may
 * comment on every case): columns code, name, level, town.
 */
struct pager *listing_case_deputies(sqlite3 *db, const struct scope *sc);

/* The key of the column whose value names a record of kind k in a reference field. */
const char *listing_ref_pick(const struct ref_kind *k);

struct listing_change {
	char *field, *before, *after; /* owned; "" for absent */
};
/*
 * The fields of an audit row's before and after JSON side by side, in the
 * record's column order. *out is a new array of *n (free with
 * listing_changes_free()).
 */
int listing_audit_changes(sqlite3 *db, const char *before_json, const char *after_json,
                          struct listing_change **out, int *n);
void listing_changes_free(struct listing_change *c, int n);

/* Frees the descriptions built at run time (at exit). */
void listing_free_all(void);

#endif
