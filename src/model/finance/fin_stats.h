/*
 * The statistics providers of finance supervision (model/stat/stat.h):
 * "execution" (budget execution of a year by department, book or function
 * class) and "assets" (state assets by kind, holder or class); the warnings'
 * provider is warning.h's. Module prefix: fin_.
 */
#ifndef RENDA_FIN_STATS_H
#define RENDA_FIN_STATS_H

#include "model/stat/stat.h"

/* Ends with an entry whose name is NULL. */
extern const struct stat_provider fin_stat_providers[];

#endif
