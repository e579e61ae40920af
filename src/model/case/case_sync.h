/* How voter issues travel between a town's database and the city's (model/sync/sync_def.h). */
#ifndef RENDA_CASE_SYNC_H
#define RENDA_CASE_SYNC_H

#include "model/sync/sync_def.h"

extern const struct sync_def case_sync;

#endif
