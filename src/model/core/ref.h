/*
 * Reference data: towns, categories, handling units, committee offices,
 * deputy groups, liaison stations, congress terms and sessions, the
 * holiday calendar and the 56 ethnic groups. One table of kinds describes each (fields, types,
 * file under data/ref/); list, add, edit and CSV import work on any kind.
 * Everyone sees reference data; only administrators change it.
 */
#ifndef RENDA_REF_H
#define RENDA_REF_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "util/sbuf.h"

/* The most fields a kind may have. */
#define REF_MAX_FIELDS 24

enum ref_ftype {
	RF_TEXT,
	RF_INT,
	RF_DATE,
	RF_CHOICE,
	RF_TOWN,
	RF_TERM,
	RF_BOOL,
	RF_GROUP,      /* a deputy group, by name or code */
	RF_STATION,    /* a liaison station, by name or code */
	RF_PHONE,      /* a Chinese mobile or landline number */
	RF_RESIDENTID, /* an 18-character resident ID with a valid check digit and birth date */
	RF_PERSON,     /* a person's name: Han characters, optionally with a middle dot */
	RF_ETHNICITY,  /* one of the 56 ethnic groups of table ethnicity, stored by name */
};

struct ref_field {
	const char *key;   /* CSV header and CLI option name */
	const char *col;   /* database column */
	const char *label; /* translatable label */
	enum ref_ftype type;
	const char *choices; /* RF_CHOICE: "a|b|c" */
	bool required;
	int width; /* display columns in lists and forms */
	/* RF_CHOICE: msgids of the choices in their order, shown in exports and taken by
	   imports beside the values (NULL: the values themselves) */
	const char *const *choice_labels;
};

struct ref_kind {
	const char *name;  /* "town" */
	const char *table; /* "town" */
	const char *label; /* translatable plural label */
	const char *file;  /* seed file under data/ref/ */
	const struct ref_field *fields;
	int nfields;       /* fields[0] is the natural key */
	const char *order; /* ORDER BY of lists */
	int key_field;     /* index of the field that imports match records on */
	int town_field;    /* index + 1 of the field that binds a record to a town; 0 = none */
	bool clerk_writes; /* clerks (within their town) may change it, not only admins */
	/* Called inside the transaction before a record is written, with the stored
	   values (vals[i] NULL when not set); may fill in values (new strings) or refuse. */
	int (*before_write)(sqlite3 *db, const struct scope *sc, int64_t id, char **vals,
	                    bool *set);
	/* SQL giving the id of the row a list opens at, given today's date (the first
	   of this year's holidays); NULL: the list's first row */
	const char *opens_at;
};

extern const struct ref_kind ref_kinds[];
extern const int ref_nkinds;

const struct ref_kind *ref_kind_find(const char *name);
/* The id of the record a list of the kind opens at (opens_at); 0: its first row. */
int64_t ref_opens_at(sqlite3 *db, const struct ref_kind *k);

/*
 * Lists a kind: columns id, then each field as text (towns and terms by
 * name/code), then version. Caller finalizes.
 */
sqlite3_stmt *ref_list(sqlite3 *db, const struct scope *sc, const struct ref_kind *k);
/* Reads one record's field values (new strings in vals[nfields]); caller frees each. */
int ref_get(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals, int64_t *version);
/* Checks and adds a record; vals[i] for fields[i] (NULL = empty). */
int ref_add(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, const char *const *vals,
            int64_t *id);
/* Changes a record; NULL values are left as they are. version 0 skips the check. */
int ref_edit(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, int64_t id,
             int64_t version, const char *const *vals);

struct import_report {
	int added, changed, unchanged, rejected;
	struct sbuf errors; /* one "file:line: reason" per line */
};

/*
 * Imports a CSV file or the first sheet of an XLSX workbook of a kind. The
 * header names the fields in any order, by key or by label (in English or in
 * the language of the messages); values are trimmed of blanks and tabs, a
 * choice may be given by its label, a date also as 2026/3/2 or 2026年3月2日.
 * Records are matched on the key field: new ones are added, changed ones
 * updated, equal ones left alone, so importing twice changes nothing.
 * All rows or none: any rejected row rolls the whole file back (RD_INVALID).
 */
int ref_import(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, const char *path,
               struct import_report *rep);
/*
 * Checks one value of a field and turns it into what the column stores
 * (a new string, or NULL for SQL NULL). RD_INVALID names the field.
 */
int ref_convert(sqlite3 *db, const struct ref_field *f, const char *v, char **out);
/* The label of a choice value of f (translated), or the value itself. */
const char *ref_choice_label(const struct ref_field *f, const char *value);
/* Appends the SQL expression that shows field f of row alias r as text. */
void ref_field_expr(struct sbuf *b, const struct ref_field *f);
/* Scope check for writing records of a kind (town_id 0 when not bound). */
int ref_may_write(const struct scope *sc, const struct ref_kind *k, int64_t town_id);

/* Loads every kind's seed file from data/ref/ (used by init), of the kinds whose table the schema
 * has. */
int ref_seed(sqlite3 *db, const struct scope *sc);
void import_report_free(struct import_report *rep);

#endif
