/*
 * Demo data: a realistic database built deterministically from a seed, with
 * Chinese names, the reference data, accounts of every role and the deputy
 * roster. Each module adds its generator to the table in demo.c.
 */
#ifndef RENDA_DEMO_H
#define RENDA_DEMO_H

#include <stdint.h>
#include <stdio.h>

struct demo_opts {
	int scale;      /* 1 = a county's real volumes; N multiplies them */
	uint64_t seed;  /* same seed, same database */
	FILE *progress; /* where to report each step, or NULL */
	/* A town's own database, as the city's first exchange file for the town leaves it
	   (the city's demo it came from is not kept), or NULL for the city's. */
	const char *site;
	/* Called for each new file once it exists, before it holds a whole demo: from then until
	   demo_build() returns, a stopped demo's files are the caller's to remove (they
	   are written without a journal). NULL: none. */
	void (*created)(const char *path);
};

/* Creates the database at path (refusing an existing one) and fills it. */
int demo_build(const char *path, const struct demo_opts *o);

#endif
