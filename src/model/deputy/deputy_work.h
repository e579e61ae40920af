/*
 * A deputy's work as the other modules record it, for the deputy's page:
 * each module of the registry whose records name deputies (its model's
 * deputy_key: the voter issues attached to the deputy, the motions and
 * suggestions the deputy leads or co-signs...), counted and listed newest
 * first through the module's own listing, so what is counted is what the
 * scope may see. Module prefix: deputy_work.
 */
#ifndef RENDA_DEPUTY_WORK_H
#define RENDA_DEPUTY_WORK_H

#include <sqlite3.h>
#include <stdint.h>

#include "model/core/scope.h"

/* One voter issue or suggestion, as text (owned strings; "" when absent). */
struct deputy_item {
	int64_t id;
	char *number; /* "2026-000123", "C17-5-S012"; "" before a suggestion is registered */
	char *when;   /* a voter issue: the day it came in; a suggestion: its session code */
	char *state;  /* the state's translated label */
	char *title;
	int open; /* 1 while it is being handled */
};

/* A module's records of the deputy (a row of the module registry with a deputy filter). */
struct deputy_part {
	const struct module *m;
	int count, open;           /* all; still being handled */
	struct deputy_item *items; /* the newest first, at most `latest` */
	int nitems;
};

#define DEPUTY_MAXPARTS 16
struct deputy_work {
	struct deputy_part parts[DEPUTY_MAXPARTS];
	int nparts;
};

/*
 * Fills out for the deputy with this public code (in scope): counts of all,
 * and the newest `latest` items of each kind (0: every one). Free with
 * deputy_work_free() (also after an error).
 */
int deputy_work(sqlite3 *db, const struct scope *sc, const char *code, int latest,
                struct deputy_work *out);
void deputy_work_free(struct deputy_work *w);

#endif
