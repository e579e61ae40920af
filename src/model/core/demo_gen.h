/* What the demo generators share (internal to src/model/demo*.c). */
#ifndef RENDA_DEMO_GEN_H
#define RENDA_DEMO_GEN_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/core/scope.h"
#include "util/rng.h"
#include "util/sbuf.h"

struct demo_gen {
	sqlite3 *db;
	struct scope sc; /* the system account (administrator) */
	struct rng r;
	int scale;
};

/* A Chinese name of two or three characters. */
void demo_person(struct demo_gen *d, char *out, size_t n);
/* A valid resident ID of a person born in Pinghu (330482) on day born (a day number). */
void demo_resident_id(struct demo_gen *d, int born, bool male, char out[19]);
/* A Chinese mobile number (12 bytes with the NUL). */
void demo_mobile(struct demo_gen *d, char out[12]);

/*
 * Index builds deferred: drops the indexes of table that the generator does not read
 * through (every one its schema made except those named in keep, NULL-terminated) and
 * keeps their SQL in saved; demo_index_build() makes them again, each in one sorted
 * pass instead of a million inserts into it.
 */
int demo_index_defer(struct demo_gen *d, const char *table, const char *const *keep,
                     struct sbuf *saved);
int demo_index_build(struct demo_gen *d, struct sbuf *saved);

/* The generators of each module, run in order by demo_build(). */
int demo_cases(struct demo_gen *d);
int demo_suggestions(struct demo_gen *d);
int demo_finance(struct demo_gen *d);
int demo_projects(struct demo_gen *d);
int demo_activities(struct demo_gen *d);

#endif
