/*
 * How a module's records travel between a town's database and the city's (DESIGN
 * 4.8; model/sync/sync.h): one const struct sync_def in the module's folder, named
 * by its row of the registry (src/modules.h). It says which table holds the records,
 * which town a record belongs to, and which other tables hold parts of a record (the
 * column that names the record). A module with a workflow needs not name the
 * engine's tables: its events and clocks (wf_event, wf_clock) and its units table
 * (wf_def.units) go with its records by themselves. Full-text indexes and other
 * derived tables never travel: the module names them, and brings them in step
 * with a record that an exchange changed (before, after).
 * Module prefix: sync_.
 */
#ifndef RENDA_SYNC_DEF_H
#define RENDA_SYNC_DEF_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* A table that holds parts of a module's records (comments, co-signers...). */
struct sync_part {
	const char *table;  /* "vcase_comment" */
	const char *record; /* SQL over the row (alias r): the id of its record ("r.case_id") */
	/* The audit entity of its rows when they are audited records of their own
	   ("case_comment", keyed by their id); NULL: the table's name. */
	const char *entity;
};

struct sync_def {
	const char *table;  /* the records' table: "vcase" */
	const char *entity; /* the audit entity of a record: "case" */
	/* SQL condition on alias x, a row of the records' table: the records of town ?1
	   (what a town clerk of that town sees, the scope of case_scope.h...) */
	const char *town;
	const struct sync_part *parts;
	int nparts;
	/* Derived tables (full-text indexes) of the records, ending with NULL; never
	   exchanged. Their shadow tables (NAME_data...) go with them. */
	const char *const *derived;
	/* Optional, together: before an exchange changes record id, what the derived tables
	   hold of it (a new object, or NULL when they hold nothing); after, brings them in
	   step with the record (taken out when it is gone), and frees what before gave. */
	void *(*before)(sqlite3 *db, int64_t id);
	int (*after)(sqlite3 *db, int64_t id, void *before);
	/* The city's reference data (town NULL): every town gets all of it, as the reference
	   kinds; a town's own database does not change it (the module refuses). */
	bool reference;
};

#endif
