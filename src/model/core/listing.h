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
/*
 * The lists a text field of a form may pick its value from (its `pick NAME`,
 * renda-forms(5)): "deputy", the deputies in office the scope may see, by code.
 */
struct listing_pick {
	const char *name;
	struct pager *(*open)(sqlite3 *db, const struct scope *sc);
	const char *col; /* the column whose value goes into the field */
};
/* The pick named name, or NULL. */
const struct listing_pick *listing_pick_find(const char *name);
/* The names of every pick, comma-separated (a new string), for a message. */
char *listing_pick_names(void);
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

/* The key of the column whose value names a record of kind k in a reference field. */
/*
 * Narrows a list of reference data with a town column to the rows of one town
 * (a name or code) and those of no town: what a pick offers once the form
 * names the town. Kinds without a town column are left as they are.
 */
void listing_ref_town(struct pager *p, const struct ref_kind *k, const char *town);
const char *listing_ref_pick(const struct ref_kind *k);

struct listing_change {
	char *field, *before, *after; /* owned; "" for absent */
};
/*
 * The fields of an audit row's before and after JSON side by side, in the
 * record's column order: a creation's every field, a change's those it changed (rows
 * an earlier renda wrote may keep the whole record after: a field their before-image
 * lacks was not changed, its value before is the one after); an id of a deputy, town,
 * category, unit,
 * station, group, office, term, session or result class as the name of that record (the id when it
 * is gone). *out is a new array of *n (free with listing_changes_free()).
 */
int listing_audit_changes(sqlite3 *db, const char *before_json, const char *after_json,
                          struct listing_change **out, int *n);
void listing_changes_free(struct listing_change *c, int n);

/* Frees the descriptions built at run time (at exit). */
void listing_free_all(void);

#endif
