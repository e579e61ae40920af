/*
 * Reference data: towns, categories, handling units, committee offices,
 * deputy groups, liaison stations, congress terms and sessions, and the
 * holiday calendar. One table of kinds describes each (fields, types,
 * file under data/ref/); list, add, edit and CSV import work on any kind.
 * Everyone sees reference data; only administrators change it.
 */
#ifndef RENDA_REF_H
#define RENDA_REF_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/scope.h"
#include "util/sbuf.h"

enum ref_ftype { RF_TEXT, RF_INT, RF_DATE, RF_CHOICE, RF_TOWN, RF_TERM, RF_BOOL };

struct ref_field {
	const char *key;     /* CSV header and CLI option name */
	const char *col;     /* database column */
	const char *label;   /* translatable label */
	enum ref_ftype type;
	const char *choices; /* RF_CHOICE: "a|b|c" */
	bool required;
	int width;           /* display columns in lists and forms */
};

struct ref_kind {
	const char *name;    /* "town" */
	const char *table;   /* "town" */
	const char *label;   /* translatable plural label */
	const char *file;    /* seed file under data/ref/ */
	const struct ref_field *fields;
	int nfields;         /* fields[0] is the natural key */
	const char *order;   /* ORDER BY of lists */
};

extern const struct ref_kind ref_kinds[];
extern const int ref_nkinds;

const struct ref_kind *ref_kind_find(const char *name);

/*
 * Lists a kind: columns id, then each field as text (towns and terms by
 * name/code), then version. Caller finalizes.
 */
sqlite3_stmt *ref_list(sqlite3 *db, const struct scope *sc, const struct ref_kind *k);
/* Reads one record's field values (new strings in vals[nfields]); caller frees each. */
int ref_get(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals, int64_t *version);
/* Checks and adds a record; vals[i] for fields[i] (NULL = empty). */
int ref_add(sqlite3 *db, const struct scope *sc, const struct ref_kind *k,
            const char *const *vals, int64_t *id);
/* Changes a record; NULL values are left as they are. version 0 skips the check. */
int ref_edit(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, int64_t id,
             int64_t version, const char *const *vals);

struct import_report {
	int added, changed, unchanged, rejected;
	struct sbuf errors; /* one "file:line: reason" per line */
};

/*
 * Imports a CSV file of a kind (header names the fields by key, in any
 * order). Records are matched on the key field: new ones are added, changed
 * ones updated, equal ones left alone, so importing twice changes nothing.
 * All rows or none: any rejected row rolls the whole file back (RD_INVALID).
 */
int ref_import(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, const char *path,
               struct import_report *rep);
/* Loads every kind's seed file from data/ref/ (used by init). */
int ref_seed(sqlite3 *db, const struct scope *sc);
void import_report_free(struct import_report *rep);

#endif
