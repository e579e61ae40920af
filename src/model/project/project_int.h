/* What the files of the livelihood projects share (internal to src/model/project/). */
#ifndef RENDA_PROJECT_INT_H
#define RENDA_PROJECT_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/core/tally.h"
#include "model/flow/flow.h"

/*
 * SQL: the deputy d (its term t LEFT JOINed) is in office on day ?3: not left before
 * it, of a term that covers it (a deputy without a term counts while not left).
 */
#define PDEPUTY_ON_DAY                                                                             \
	"(d.left_date IS NULL OR d.left_date > ?3) AND (t.id IS NULL OR (t.start_date <= ?3 AND "  \
	"(t.end_date IS NULL OR t.end_date >= ?3)))"

/* A cycle's fields. */
struct pcyc {
	int64_t id, town;
	char number[32], level[8], state[24];
	char town_name[64]; /* "" for the city */
	int year, choose, candidates, pass_num, pass_den, bottom;
};
/* Reads cycle id (no scope: the caller has checked it). */
int pcyc_load(sqlite3 *db, int64_t id, struct pcyc *c);

/*
 * Finds a record of table (alias a in scope_sql) in scope by its number or
 * id ("#12" or "12"); what names it in the message ("no project '...' within
 * your scope").
 */
int pfind(sqlite3 *db, const struct scope *sc, const char *table, const char *alias,
          const char *scope_sql, const char *ref, const char *what, int64_t *id);

/* A day given to a step (YYYY-MM-DD; empty: today), not after today; field names it. */
int pday(const char *v, const char *field, int today, char out[11]);
/* Money in yuan ("1234.5") as fen; empty is 0 with *given false. field names it. */
int pmoney(const char *v, const char *field, int64_t *fen, bool *given);
/* "the city's congress", "the congress of 乍浦镇": a new string. */
char *pcongress_name(const char *town);
/* Fen as yuan with two decimals ("1234.50"), into out. */
void pyuan(int64_t fen, char out[32]);

/*
 * Creates the projects of the candidates chosen by the cycle's vote (every
 * round), numbered in the order they were chosen, inside the caller's step.
 */
int project_create_chosen(struct flow_ctx *c, const struct pcyc *cy);

struct pcycle_new;
struct pproposal_new;
/* pcycle_add() and pproposal_add() inside the caller's transaction (demo data). */
int pcycle_add_tx(sqlite3 *db, const struct scope *sc, const struct pcycle_new *n, int64_t *id);
int pproposal_add_tx(sqlite3 *db, const struct scope *sc, const struct pproposal_new *n,
                     int64_t *id);

/* The figure keys of an item: "yes_12" (k "yes"); into out. */
void pfig_key(const char *k, int64_t item, char out[48]);

#endif
