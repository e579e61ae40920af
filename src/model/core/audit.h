/*
 * The audit trail. Every change writes, in the same transaction, one row:
 * account, role, time, entity, id, action, and the record before and after
 * as JSON. Each row's hash covers its fields and the previous row's hash, so
 * altering, removing or reordering rows is detected. The hash is keyed
 * (HMAC-SHA256, Nettle) with the database's audit key, a file beside it
 * (PATH.key, readable only by the owner, or the group of a setgid install):
 * someone who can write the database but not read the key cannot recompute
 * the chain. A seal (an HMAC over the last row) catches rows cut from the
 * end. Rows written before a database was keyed (by an older renda) stay
 * plain SHA-256 up to the key row, which starts the keyed part.
 */
#ifndef RENDA_AUDIT_H
#define RENDA_AUDIT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "util/sbuf.h"

/*
 * Writes an audit row inside the caller's open transaction. A change that has both
 * images keeps of each only the fields it changed; a creation keeps its whole after.
 */
int audit_log(sqlite3 *db, const struct scope *sc, const char *entity, int64_t id,
              const char *action, const char *before_json, const char *after_json);
/* The same, for changes the program makes on its own (migrations). */
int audit_log_system(sqlite3 *db, const char *entity, int64_t id, const char *action,
                     const char *before_json, const char *after_json);
/*
 * Writes the chain's head and seal for the rows the open transaction wrote (once, however
 * many: an import writes one a row); db_end() calls it before it commits, and a commit
 * without it fails. RD_OK when the transaction wrote none.
 */
int audit_flush(sqlite3 *db);
/* Forgets the rows a rehearsal (db_write()) wrote, which it did not. */
void audit_rehearsed(sqlite3 *db);

/*
 * Reads the key of a database just opened (its schema in place), making one for a
 * chain that has none or finishing one a process left half made. When the chain is
 * keyed but the key file is gone, the database opens, every write is refused and
 * verification fails. Returns RD_OK or the error.
 */
int audit_key_open(sqlite3 *db);
/* Forgets the key of db (before it closes). */
void audit_key_close(sqlite3 *db);
/* Writes a copy of db's key to path (for a backup at path minus ".key"); RD_OK when unkeyed. */
int audit_key_copy(sqlite3 *db, const char *path, bool force);
/* The path of db's key file; NULL when db was not opened through db.c. */
const char *audit_key_path(sqlite3 *db);

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
/* The hash of the last row (the head) and its number. */
int audit_head(sqlite3 *db, char out[65], int64_t *rows);
/*
 * Finds the row whose hash starts with head (16 to 64 hex digits, as anchored
 * earlier): RD_OK and its number, RD_FAIL when no row has it (the chain was
 * rewritten or cut), RD_INVALID for a malformed or ambiguous head.
 */
int audit_find_head(sqlite3 *db, const char *head, int64_t *row);
/*
 * Compares every audited record (accounts, deputies, cases and their comments,
 * motions and suggestions, reference data) with what its audit rows say (each
 * field as the last row holding it left it): a record changed, added or removed
 * without one is named in report.
 * RD_OK when all match.
 */
int audit_check_records(sqlite3 *db, struct sbuf *report);
/*
 * Writes a "seed" audit row for each reference record that has none (those a
 * migration inserted), inside the caller's transaction.
 */
int audit_adopt(sqlite3 *db);
/*
 * Around a schema migration, in its transaction: begin notes the records that
 * already differ from their audit rows (renda check keeps naming those);
 * end writes a "migrate" audit row (before: what the audit rows said, after: the
 * record now) for every other record the migration changed, added or removed,
 * so that a migration never looks like a change behind renda's back.
 */
int audit_migration_begin(sqlite3 *db);
int audit_migration_end(sqlite3 *db);

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
 * action, before_json, after_json. Administrators and city clerks see every
 * row; viewers, town clerks and unit operators the rows of the records in their
 * scope (audit_scope_sql()), viewers with the record's masking
 * (audit_masked_sql()). Caller finalizes.
 */
sqlite3_stmt *audit_list(sqlite3 *db, const struct scope *sc, const struct audit_filter *f);
/*
 * The condition (on audit alias a, with ?101 role, ?102 town, ?103 unit as
 * case_scope_bind() binds them) that keeps the rows of records in the scope: a
 * case, its comments and likes by the case's scope rule, a motion or suggestion
 * by its rule, a deputy as the roster is seen, an account as the list of accounts
 * is seen, reference data for everyone. Static storage.
 */
const char *audit_scope_sql(void);
/*
 * The expression of before_json (after false) or after_json of audit alias a,
 * masked as the record is for a viewer: a voter's name and phone, the content and
 * reply of a private case, a deputy's phone, resident ID and birth date.
 */
const char *audit_masked_sql(bool after);
#endif
