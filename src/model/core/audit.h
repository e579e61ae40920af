/*
 * The audit trail. Every change writes, in the same transaction, one row:
 * account, role, time, entity, id, action, and the record before and after
 * as JSON. Each row's hash covers its fields and the previous row's hash
 * (SHA-256, Nettle), so altering, removing or reordering rows is detected.
 */
#ifndef RENDA_AUDIT_H
#define RENDA_AUDIT_H

#include <sqlite3.h>
#include <stdint.h>

#include "model/core/scope.h"

/* Writes an audit row inside the caller's open transaction. */
int audit_log(sqlite3 *db, const struct scope *sc, const char *entity, int64_t id,
              const char *action, const char *before_json, const char *after_json);
/* The same, for changes the program makes on its own (migrations). */
int audit_log_system(sqlite3 *db, const char *entity, int64_t id, const char *action,
                     const char *before_json, const char *after_json);

/*
 * Returns a new JSON object of the row of table with this id, or NULL when
 * there is none; caller frees. table is a name from our code.
 */
char *audit_snapshot(sqlite3 *db, const char *table, int64_t id);

/*
 * Walks the chain. RD_OK with *count rows checked, or RD_FAIL with *bad_id
 * the first row that does not verify and the reason in err_msg().
 */
int audit_verify(sqlite3 *db, int64_t *count, int64_t *bad_id);



struct audit_filter {
	const char *entity;  /* NULL = any */
	int64_t entity_id;   /* 0 = any */
	const char *account; /* NULL = any */
	const char *since;   /* YYYY-MM-DD, NULL = open */
	const char *until;   /* YYYY-MM-DD inclusive, NULL = open */
	int limit;           /* 0 = no limit */
};

/*
 * Lists audit rows, newest first: id, at, account, role, entity, entity_id,
 * action, before_json, after_json. Admins, city clerks and viewers see every
 * row; other roles only the rows of their own account. Caller finalizes.
 */
sqlite3_stmt *audit_list(sqlite3 *db, const struct scope *sc, const struct audit_filter *f);
#endif
