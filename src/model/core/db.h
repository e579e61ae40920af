/*
 * The database core: opening (WAL, busy timeout, foreign keys), numbered
 * migrations from data/migrations, the write-transaction helper and small
 * prepared-statement helpers. Nothing here knows about curses.
 */
#ifndef RENDA_DB_H
#define RENDA_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Highest schema version this program knows (the number of the last migration). */
int db_schema_max(void);

/*
 * Opens an existing database and brings its schema up to date. Refuses a
 * database newer than this program. Returns RD_OK and sets *out, or an
 * error status (message in err_msg()).
 */
int db_open(const char *path, sqlite3 **out);
/* Creates a new database file (refusing an existing one) with the full schema. */
int db_create(const char *path, sqlite3 **out);
void db_close(sqlite3 *db);

/*
 * Write transactions. db_begin() starts BEGIN IMMEDIATE (waiting up to the
 * busy timeout for other writers). db_end(db, rc) commits when rc is RD_OK and
 * rolls back otherwise; it returns rc, or RD_FAIL when the commit failed (the
 * transaction is then rolled back). Use: if (db_begin(db)) return RD_FAIL; ...
 * return db_end(db, rc);
 */
int db_begin(sqlite3 *db);
int db_end(sqlite3 *db, int rc);
/* Begins a write transaction only when no other change holds the database, without
   waiting (kept derived data, written by a reading: model/points); RD_FAIL otherwise. */
int db_try_begin(sqlite3 *db);
/* Runs fn(db, arg), a write's work, in one write transaction (db_begin(), db_end()),
   rehearsed first: the first write of its kind (any address that names it, and sub) on
   db runs fn once before the lock with its statements prepared, its writes not made and
   everything rolled back (db.c), so that nothing is parsed under the lock. fn must
   leave what it hands back (an id made) to its run under the lock, which sets it again. */
int db_write(sqlite3 *db, const void *kind, const char *sub, int (*fn)(sqlite3 *db, void *arg),
             void *arg);
/* Whether a rehearsal runs (model code may then prepare what it would run: db_warm()). */
bool db_rehearsing(void);
/* Prepares sql into the statement cache, without running it. */
int db_warm(sqlite3 *db, const char *sql);
/* Maps up to 1 GiB of the database file for reading (PRAGMA mmap_size), for the rest
   of the connection's life, for work that reads much of it: the console, statistics,
   reports, the cockpit and the points computed (at a million voter issues the cockpit
   of a past day 7.9 -> 6.6 s, the year's points 5.7 -> 4.9 s). Not before; a page
   first touched through the map is a page fault, which costs more than reading it
   (eight clerks' chases as commands, p50 81-90 -> 75-82 ms, their time under the
   write lock 2.3-2.6 -> 0.6-0.9 ms). In a transaction it does nothing. */
void db_map(sqlite3 *db);
/* Rolls back any open transaction (signal paths, fatal errors). */
void db_abort(sqlite3 *db);

/*
 * Prepares sql and binds the arguments described by fmt, one letter each:
 * 'i' int64_t, 'I' int64_t binding NULL for 0, 'd' int, 't' const char * (NULL
 * binds NULL), 'f' double.
 * Returns the statement (caller finalizes) or NULL with err_msg() set.
 */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, const char *fmt, ...);
/*
 * As db_prepare(), but the statement stays prepared for the next call with the same
 * SQL (a cache keyed by the SQL text): hand it back with db_done(), never finalize it.
 * For statements that run many times over (reading the item of a step, a clock).
 */
sqlite3_stmt *db_cached(sqlite3 *db, const char *sql, const char *fmt, ...);
/* sqlite3_step(), except that a rehearsal (db_write()) does not run a statement that
   writes: SQLITE_DONE. */
int db_step(sqlite3_stmt *st);
/* Hands back a statement of db_cached() (resets it); NULL does nothing. */
void db_done(sqlite3_stmt *st);
/* Runs a statement that returns no rows; RD_OK or RD_FAIL. */
int db_run(sqlite3 *db, const char *sql, const char *fmt, ...);
/* Runs a query whose first column of the first row is an integer; RD_NOTFOUND when no row. */
int db_int(sqlite3 *db, int64_t *out, const char *sql, const char *fmt, ...);
/* Runs a query and collects the first column of every row as integers: *out is a new
   array of *n (caller frees; NULL when no row). RD_OK or RD_FAIL. */
int db_ints(sqlite3 *db, int64_t **out, size_t *n, const char *sql, const char *fmt, ...);
/* Like db_int for text: *out is a new string (caller frees), NULL for SQL NULL. */
int db_text(sqlite3 *db, char **out, const char *sql, const char *fmt, ...);
/* Executes fixed SQL without parameters (schema, pragmas). */
int db_exec(sqlite3 *db, const char *sql);
/*
 * Bulk writes: drops the objects st lists (its rows: name, sql) of type ("INDEX" or
 * "TRIGGER") but those named in keep (NULL-terminated; NULL: none), after keeping the
 * SQL that makes each again in saved; st is finalized, what names a failure.
 * db_deferred_make() makes them again and frees saved. Done inside one transaction,
 * no other connection sees them gone.
 */
struct sbuf;
int db_defer(sqlite3 *db, sqlite3_stmt *st, const char *type, const char *const *keep,
             struct sbuf *saved, const char *what);
int db_deferred_make(sqlite3 *db, struct sbuf *saved);
/* Records a database failure in err_msg() with its context; returns RD_FAIL. */
int db_fail(sqlite3 *db, const char *context);
/*
 * What an SQLite result code means, in the person's words ("the disk is
 * full", "a record with the same key exists"), for messages that wrap
 * SQLite's own English text: "...: WORDS (SQLite: TEXT)".
 */
const char *db_why(int code);
/* "WORDS (SQLite: TEXT)" of the last error of db, in a static buffer (valid until the next call).
 */
const char *db_errmsg(sqlite3 *db);
/* Reads a column as text, "" for NULL. */
const char *db_col(sqlite3_stmt *st, int i);
/* Returns a new copy of a text column, NULL for SQL NULL; caller frees. */
char *db_col_dup(sqlite3_stmt *st, int i);

/*
 * Optimistic concurrency: every record carries a version. After an UPDATE
 * ... WHERE id = ? AND version = ?, call this with the number of changed rows:
 * RD_OK when one row changed, RD_CONFLICT when the record exists with another
 * version, RD_NOTFOUND when it is gone.
 */
int db_version_check(sqlite3 *db, const char *table, int64_t id, int changed);

/*
 * Sites (DESIGN 4.8): the city's database is site 0, a town's own database the
 * site its town's id numbers. Every record a site makes takes an id from the
 * site's range, site << DB_SITE_BITS + 1 onwards (db_new_id), so records made
 * in two databases never clash when their changes are exchanged.
 */
#define DB_SITE_BITS 40
#define DB_MAX_SITES 8192 /* ids stay below 2^53, exact in a double (JSON) */
/* The site of the database (meta 'site'). */
int db_site(sqlite3 *db, int *site);
/* The next id of the site's range in table (from our code), inside the caller's transaction. */
int db_new_id(sqlite3 *db, const char *table, int64_t *id);

/* What the numbers people read start with at this site: "" at the city, "ZP-" at a town. */
int db_site_prefix(sqlite3 *db, char out[24]);
/*
 * The last number of the year among table's numbers (its column number) at this site:
 * their prefix (the site's, tag, the year and '-': ZP-HD2026-) in lo, the sequence after
 * it in *seq (0 when the year has none).
 */
int db_year_last(sqlite3 *db, const char *table, const char *tag, int year, char lo[40], long *seq);

/* The path of the open database file. */
const char *db_path(sqlite3 *db);

#endif
