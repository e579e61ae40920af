/* How motions and suggestions travel between a town's database and the city's
   (model/sync/sync_def.h). */
#ifndef RENDA_SUGG_SYNC_H
#define RENDA_SUGG_SYNC_H

#include "model/sync/sync_def.h"

extern const struct sync_def suggestion_sync;

#endif
