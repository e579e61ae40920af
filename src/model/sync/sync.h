/*
 * Towns that work apart (DESIGN 4.8): a town that runs its own database and the
 * city's exchange their changes as files, carried by any means.
 *
 * Capture: while a database has a site to exchange with (a key, renda sync key),
 * every write transaction records its changes with SQLite's session extension, and
 * db_end() keeps them (sync_log) in the same transaction as the change itself.
 *
 * A file (renda sync export) holds what the other site has not had yet: the changes
 * since the last file written to it, of the records in its scope (a town's records;
 * and at the city also the reference data and the records that went to other towns'
 * deputies a town's records name), and whole records it does not hold yet. It is a
 * signed header (sender, receiver, sequence, base, hash, HMAC-SHA256 under the key
 * the two sites share) and three session changesets: changes, whole records, and the
 * records a conflict was resolved to. Files are applied in order and exactly once.
 *
 * Applying (renda sync apply): the city's reference data wins; a record that this
 * database changed too since the other site last saw it is not overwritten but
 * listed (sync_conflict), with the other side's changes kept for a clerk to take or
 * leave (renda sync conflicts, resolve); every change applied gets its audit row.
 * Module prefix: sync_.
 */
#ifndef RENDA_SYNC_H
#define RENDA_SYNC_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/pager.h"
#include "model/core/scope.h"
#include "model/core/tbl.h"

/* ---- capture (capture.c): called by db.c around each write transaction ---- */

/* After BEGIN IMMEDIATE: starts recording when the database exchanges with a site. */
int sync_capture_begin(sqlite3 *db);
/* Runs the reads sync_capture_begin() makes, for a rehearsal (db_write()). */
int sync_capture_warm(sqlite3 *db);
/* Before COMMIT (rc RD_OK): keeps what the transaction changed; returns rc or RD_FAIL. */
int sync_capture_end(sqlite3 *db, int rc);
/* The transaction ended otherwise (rolled back), or the database closes. */
void sync_capture_drop(sqlite3 *db);
/* Schema migrations change both sites alike: they are not recorded. */
void sync_capture_pause(sqlite3 *db, bool pause);

/* ---- the tables that travel (tables.c) ------------------------------------ */

/* True when rows of table travel between sites (a record's or reference data's table). */
bool sync_table_synced(const char *table);
/*
 * Why a table of the schema stays in each database: "derived" (a full-text index and
 * its shadow tables, rebuilt where the records are), "own" (accounts, the audit trail,
 * the exchange's own tables, metadata); NULL when it travels or nobody declared it.
 */
const char *sync_table_local(const char *table);
/* The n-th table that travels and the kind of record its rows belong to; false past the end. */
bool sync_table_nth(int n, const char **table, const char **kind);

/* ---- sites and keys (exchange.c) ---------------------------------------------- */

/*
 * The site named by name: "city" (site 0), or a town's name or code (its id).
 * RD_INVALID naming the option when it names neither.
 */
int sync_site_named(sqlite3 *db, const char *name, int *site);
/* The site's name for people: "the city" (translated), or the town's name; a new string. */
char *sync_site_name(sqlite3 *db, int site);
/*
 * At the city: draws a new key for exchanging with the town, keeps it, and writes it
 * to path (a key file, for the town's administrator to load). A town that had a key
 * gets a new one: files signed with the old one are refused from then on. Admin only.
 */
int sync_key_make(sqlite3 *db, const struct scope *sc, int town, const char *path, bool force);
/* At a town: loads the key file the city made for it. Admin only. *site is the city (0). */
int sync_key_load(sqlite3 *db, const struct scope *sc, const char *path, int *site);

struct sync_report {
	int peer;      /* the other site */
	int seq, base; /* the file's sequence number and base */
	int changes;   /* rows changed (written, or applied here) */
	int records;   /* records they belong to */
	int conflicts; /* records listed as conflicts (new ones) */
	int kept;      /* changes of the city's reference data that a town's file lost to it */
	bool already;  /* the file was applied before: nothing changed */
};

/*
 * Writes the next file for site peer to path. With again > 0, writes file number again
 * once more, as it was (it must not be acknowledged yet). Admin only.
 */
int sync_export(sqlite3 *db, const struct scope *sc, int peer, const char *path, bool force,
                int again, struct sync_report *rep);
/*
 * Applies a file: checks its signature and that it is the next one from its site
 * (RD_INVALID naming the file that is missing, when it is not); a file applied before
 * changes nothing (rep->already). All of it or nothing. Admin only.
 */
int sync_apply(sqlite3 *db, const struct scope *sc, const char *path, struct sync_report *rep);

/* ---- the exchange log and conflicts (log.c, conflict.c) ------------------ */

/*
 * The exchange log, newest first: columns id, direction (sent or applied), site,
 * seq, base, at, account, changes, records, conflicts, kept, file. Administrators
 * only (others get no rows).
 */
struct pager *sync_listing_files(sqlite3 *db, const struct scope *sc);
/*
 * The sites this database exchanges with: columns site, name, key_id, keyed_at,
 * sent, applied, acked. Administrators only.
 */
int sync_peers(sqlite3 *db, const struct scope *sc, struct tbl *out);
/*
 * Conflicts: open ones (all false) or every one, newest first: columns id, site,
 * kind, record (its number or name), detected_at, seq, state, resolved_at,
 * resolved_by, hidden rid. Administrators only.
 */
struct pager *sync_listing_conflicts(sqlite3 *db, const struct scope *sc, bool all);
/* How many conflicts are open. */
int sync_open_conflicts(sqlite3 *db, const struct scope *sc, int64_t *n);
/*
 * A conflict side by side: one row per field that either side has: columns table,
 * row (the row's key), field, mine, theirs, differs ("1" or ""); a row that one side
 * lacks shows "" there. Admin only; RD_NOTFOUND for no such conflict.
 */
int sync_conflict_compare(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/*
 * How a value of table's column reads for people: a key of another record (a unit, a
 * deputy, a category) as that record's name or number, anything else as it is. A new
 * string.
 */
char *sync_value_shown(sqlite3 *db, const char *table, const char *column, const char *value);
/* The record a conflict is about, in words ("voter issue ZP-2026-000001"); a new string. */
char *sync_conflict_what(sqlite3 *db, int64_t id);
/*
 * Resolves an open conflict: keep this database's version (keep_mine) or take the other
 * site's changes; the other site gets the record as it now is with the next file.
 */
int sync_resolve(sqlite3 *db, const struct scope *sc, int64_t id, bool keep_mine);

#endif
