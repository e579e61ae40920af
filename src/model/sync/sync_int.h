/*
 * What the parts of model/sync share: the tables that travel and the records their
 * rows belong to (tables.c), the working context of one export or apply with its
 * scratch database (ctx.c), sets of records, and changeset helpers (changes.c).
 * Not for use outside model/sync.
 */
#ifndef RENDA_SYNC_INT_H
#define RENDA_SYNC_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/sync/sync.h"
#include "util/sbuf.h"

struct module;
struct sync_def;

/* A changeset (sqlite3_malloc'd; blob_free()). */
struct blob {
	void *p;
	int n;
};

/* A table that travels, and how its rows belong to records of one kind. */
struct stab {
	const char *table;
	const char *kind;   /* the records' kind: a module's name, a reference kind's, "wf_rule" */
	char *record;       /* SQL over the row (alias r): the id of its record */
	char *where;        /* SQL over r keeping this kind's rows of a shared table, or NULL */
	const char *entity; /* the audit entity of its rows */
	bool root;          /* its rows are the records themselves */
	bool ref;           /* reference data: the city's */
	char *town;         /* ref: SQL over r, the town a record is bound to (NULL: city-wide);
	                       a module's records' table: its condition on x for town ?1 */
	const struct sync_def *def; /* the module's description, NULL for reference data */
};

/* Every table that travels (built once from the reference kinds and the registry). */
int stab_count(void);
const struct stab *stab_at(int i);
/* The first entry of table, or NULL. */
const struct stab *stab_first(const char *table);
/* The records' table of kind, or NULL. */
const struct stab *stab_root(const char *kind);

/* A record: its kind (the static string of its table entries) and id. */
struct rec {
	const struct stab *root; /* the records' table of its kind */
	int64_t id;
};

/* A set of records, each with an int of the caller's. */
struct recset {
	struct rec *recs;
	int *vals;
	int n, cap;
	int *slots; /* open addressing: index + 1, 0 empty */
	int nslots;
};
/* Adds r (val when new); returns its index. */
int recset_add(struct recset *s, struct rec r, int val);
/* The index of r, or -1. */
int recset_find(const struct recset *s, struct rec r);
void recset_free(struct recset *s);

/* A map from strings (a row's table and key) to ints. */
struct strmap {
	char **keys;
	int *vals;
	int n, nslots;
};
void strmap_put(struct strmap *m, const char *key, int val);
/* The value of key, or -1. */
int strmap_get(const struct strmap *m, const char *key);
void strmap_free(struct strmap *m);

/* A table's columns as the database has them (the changesets' order). */
struct tinfo {
	char *name;
	int ncol;
	char **cols;
	char **types;
	int *pk; /* 0, or the column's place in the primary key (1...) */
	bool without_rowid;
	bool scratch;       /* made in the scratch database */
	sqlite3_stmt *get;  /* the row by its key (main) */
	sqlite3_stmt *json; /* the row by its key as JSON (main) */
	sqlite3_stmt *ins;  /* an insert of every column (scratch) */
};

/* The working context of one export, apply or resolution. */
struct sctx {
	sqlite3 *db;
	sqlite3 *scratch; /* an in-memory database of the same tables, without constraints */
	int site;         /* this database's */
	int peer;         /* the other site */
	int town;         /* the town the exchange is about: the peer at the city, else the site */
	struct tinfo **tinfos;
	int ntinfo;
	/* per table entry (stab index): a row's record, a record in scope, a record's rows */
	sqlite3_stmt **evals, **scopes, **rows;
};

int ctx_open(struct sctx *c, sqlite3 *db, int peer);
void ctx_close(struct sctx *c);
/* The columns of table (cached); NULL with the message when the table is missing. */
struct tinfo *ctx_tinfo(struct sctx *c, const char *table);
/* Makes table in the scratch database (once). */
int ctx_scratch_table(struct sctx *c, struct tinfo *t);
/* Empties every table of the scratch database. */
int ctx_scratch_clear(struct sctx *c);
/*
 * The record a change belongs to. RD_OK with *out; RD_NOTFOUND when no kind claims
 * the row (a table that does not travel). Reads the row from the database when the
 * change does not carry the columns the record is named by (an update).
 */
int ctx_record_of(struct sctx *c, sqlite3_changeset_iter *it, struct rec *out);
/*
 * True when record r is in the exchange's scope: the town's records, and reference
 * data (all of it when the city sends; what is bound to the town when the town does).
 * from_city: the city is the side whose scope counts.
 */
int ctx_in_scope(struct sctx *c, struct rec r, bool from_city, bool *in);
/* Calls fn for every row of record r in every table of its kind (st: SELECT * of the row). */
int ctx_rows_of(struct sctx *c, struct rec r,
                int (*fn)(void *arg, struct tinfo *t, sqlite3_stmt *st), void *arg);
/* The key of the row a change is about, as text ("table|v1|v2"), into b. */
void ctx_row_key(sqlite3_changeset_iter *it, struct sbuf *b);
/* The row of table whose key the change carries, as JSON of every column (audit_snapshot's
   form), or NULL when there is none; a new string. */
char *ctx_row_json(struct sctx *c, sqlite3_changeset_iter *it);

/* Whether the site holds record r (it was sent to it, or came from it). */
int ctx_known(struct sctx *c, struct rec r, bool *is);
/* Notes that the site holds every record of s. */
int ctx_mark_known(struct sctx *c, const struct recset *s);
/* Whether record r exists in this database. */
bool ctx_exists(struct sctx *c, struct rec r);

/* ---- applying (apply.c) ---- */

/*
 * Applies the changesets parts (in order; *section set to sections[i] while part i
 * applies, for handler) to the database, with an audit row (action "sync") for every
 * row that changed and the derived tables of each record brought in step. The records
 * that changed are added to changed, and the rows counted in *nchanged. RD_CONFLICT
 * when the handler stopped it (its own message), or RD_INVALID naming a foreign key
 * the changes left dangling.
 */
int sync_apply_audited(struct sctx *c, const struct scope *sc, struct blob *const *parts,
                       const int *sections, int nparts,
                       int (*handler)(void *, int, sqlite3_changeset_iter *), void *harg,
                       int *section, struct recset *changed, int *nchanged);
/* Applies the three changesets of file seq (base: its base) from the context's peer. */
int sync_apply_file(struct sctx *c, const struct scope *sc, const char *path, int seq, int base,
                    struct blob *sec, struct sync_report *rep);

/* ---- capture (capture.c) ---- */

/* The transaction being recorded applies a file of site: its entry names that origin. */
void sync_capture_origin(sqlite3 *db, int site);
/*
 * Keeps a changeset in sync_log, in the caller's transaction: kind "changes" (origin -1:
 * made here), or "forced": record rkind/rid goes whole to site peer with the next file,
 * p holding the other site's changes of it (the rows it added that are not kept here
 * go as deletes).
 */
int sync_log_add(sqlite3 *db, const void *p, int n, int origin, const char *kind, int peer,
                 const char *rkind, int64_t rid, int64_t *entry);

/* ---- changesets (changes.c) ---- */

void blob_free(struct blob *b);
/* The changesets in order, combined as one (later changes of a row folded into earlier). */
int cs_combine(struct blob *const *in, int n, struct blob *out);
/* The changes of in for which keep() says true, as a new changeset. */
int cs_filter(struct sctx *c, const struct blob *in,
              bool (*keep)(void *arg, sqlite3_changeset_iter *it), void *arg, struct blob *out);
/*
 * Whole records as a changeset: an insert of every row of each record of recs, and
 * a delete (old: the row as del holds it) of each row of del that the records do not
 * hold now. del may be NULL.
 */
int cs_images(struct sctx *c, const struct recset *recs, const struct blob *del, struct blob *out);
/* Number of changes in a changeset. */
int cs_count(const struct blob *b);
/* A sqlite3_value as text for keys and messages ("NULL", a number, a quoted text). */
void value_text(sqlite3_value *v, struct sbuf *b);
/* Whether two values are the same (type and value; NULL equals NULL). */
bool value_same(sqlite3_value *a, sqlite3_value *b);

#endif
