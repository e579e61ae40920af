/* How the deputy roster travels between a town's database and the city's
   (model/sync/sync_def.h). */
#ifndef RENDA_DEPUTY_SYNC_H
#define RENDA_DEPUTY_SYNC_H

#include "model/sync/sync_def.h"

extern const struct sync_def deputy_sync;

#endif
