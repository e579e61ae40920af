/*
 * A deputy's work as the other modules record it, for the deputy's page:
 * the voter issues attached to the deputy and the motions and suggestions
 * the deputy leads or co-signs, counted and listed newest first. What is
 * counted is what the scope may see (case_list_open(), suggestion_list()).
 * Activities join here when that module lands. Module prefix: deputy_work.
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

struct deputy_work {
	int cases, cases_open;             /* voter issues attached to the deputy */
	int suggestions, suggestions_open; /* items led or co-signed */
	struct deputy_item *case_items;    /* the newest first, at most `latest` */
	int ncase_items;
	struct deputy_item *sugg_items;
	int nsugg_items;
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
