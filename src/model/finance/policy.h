/*
 * The policies and regulations library (政策法规库) of the finance module, a
 * module of the registry without a workflow: documents with their issuer,
 * number (文号), date, validity and full text; full-text search (FTS5
 * trigram for three characters or more, the index of single characters for
 * one or two, as voter issues are searched) and regular expressions; the
 * warning rules cite their basis here by number. Everyone registered reads
 * the library (public documents); administrators and city clerks change it.
 * Module prefix: policy_.
 */
#ifndef RENDA_POLICY_H
#define RENDA_POLICY_H

#include <sqlite3.h>
#include <stdint.h>

#include "model/core/module.h"
#include "model/core/ref.h"
#include "model/core/scope.h"

/* The generic parts' view of the library: filters, listing, record, the rules citing one. */
extern const struct mod_model policy_model;
/* How the library travels (model/sync/sync_def.h): the city's reference data. */
extern const struct sync_def policy_sync;

/* A document's fields as given (NULL: not given; an edit leaves it as it is). */
struct policy_fields {
	const char *title, *issuer, *number, *issued_on, *validity, *text;
};

/* Adds a document; validity defaults to in_force. */
int policy_add(sqlite3 *db, const struct scope *sc, const struct policy_fields *f, int64_t *id);
/* Changes a document (version 0: no check). */
int policy_edit(sqlite3 *db, const struct scope *sc, int64_t id, const struct policy_fields *f,
                int64_t version);
/*
 * Imports documents from CSV or XLSX (columns title, issuer, number, issued_on,
 * validity, text; by key, English label or Chinese name): all rows or none; a
 * document whose number and title match one of the library is updated.
 */
int policy_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep);
/* Finds a document by id or by its number (文号). */
int policy_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
/* May the scope change the library. */
bool policy_may_write(const struct scope *sc);

#endif
