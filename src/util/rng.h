/* A small deterministic random generator (splitmix64) for demo data. */
#ifndef RENDA_RNG_H
#define RENDA_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Picks one of n strings. */
const char *rng_pick(struct rng *r, const char *const *items, uint32_t n);

#endif
