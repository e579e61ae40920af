/*
 * What a module of records offers the generic parts of renda, model side:
 * its list with the fields that filter it (one filter type for every module,
 * the CLI's options and the console's selection alike), how to find one
 * record, its fields for show, the sub-lists of its page, and which filter
 * gives a deputy's records. The module registry (src/modules.h) holds one row
 * per module with this, its workflow, its statistics, its commands and its
 * console callbacks. Module prefix: filter_, mod_.
 */
#ifndef RENDA_MODULE_H
#define RENDA_MODULE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/core/tbl.h"

/* The values given for a list's filter fields, by key (the strings are not owned). */
#define FILTER_MAX 16
struct filter {
	int n;
	const char *key[FILTER_MAX];
	const char *val[FILTER_MAX];
};
/* Sets (or replaces) the value of key; NULL or "" removes it. */
void filter_set(struct filter *f, const char *key, const char *val);
/* The value given for key, or NULL when none (or ""). */
const char *filter_get(const struct filter *f, const char *key);
/* True when the value of key is yes, 1 or true. */
bool filter_flag(const struct filter *f, const char *key);

enum mf_type {
	MF_TEXT,  /* a text: a name or code, a search */
	MF_STATE, /* a state of the module's workflow, or "open" */
	MF_FLAG,  /* on or off */
	MF_YEAR,  /* a year such as 2026 */
};

/* A field that filters a module's list. */
struct mod_filter {
	const char *key; /* "state": the listing's key and the select form's field */
	const char *opt; /* "status": the CLI's option (--status) */
	enum mf_type type;
	const char *arg; /* the option's argument in the usage ("C"), NULL for flags */
	/* msgid: how a list's title names it ("text \"%s\"", "overdue"); for MF_STATE, how it
	   names "open" (NULL: "still being handled"), the states name themselves */
	const char *title;
};

/* A sub-list of a record's page (comments, co-signers...). */
struct mod_part {
	const char *key;   /* "comments" */
	const char *label; /* msgid: its heading on the page */
	/* Its rows; RD_NOTFOUND when the record is out of scope. Free with tbl_free(). */
	int (*read)(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
};

struct pager;

struct mod_model {
	const struct mod_filter *filters;
	int nfilters;
	/* The records in scope that pass f, in the list's order (model/core/pager.h). */
	int (*listing)(sqlite3 *db, const struct scope *sc, const struct filter *f,
	               struct pager **out);
	const char *const *list_keys; /* the columns the CLI lists ("id": the row's id) */
	int nlist_keys;
	/* Finds a record in scope by its number or id. */
	int (*find)(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
	/* One record for show: one row of named columns (with "state" and "version"). */
	int (*record)(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
	const char *number_key; /* the column (of the list and the record) that names a record */
	const struct mod_part *parts;
	int nparts;
	const char *deputy_key; /* the filter key for a deputy's records, or NULL */
	const char *when_key;   /* the list column that dates a record on a deputy's page */
};

/* The filter field of key, or NULL. */
const struct mod_filter *mod_filter_find(const struct mod_model *m, const char *key);
/* How a record is named: its number, or #id when it has none yet. A new string. */
char *mod_name(const char *number, int64_t id);
/*
 * The id of the record ref names ("#12", "12" or its number) among those sql
 * selects in the scope: sql is "SELECT x.id FROM ... WHERE (x.id = ?1 OR x.number
 * = ?2) AND <the module's scope SQL>", whose parameters bind sets for sc.
 * RD_NOTFOUND without a message: the caller names its kind of record.
 */
int mod_find(sqlite3 *db, const struct scope *sc, const char *sql,
             void (*bind)(sqlite3_stmt *st, const struct scope *sc), const char *ref, int64_t *id);

#endif
