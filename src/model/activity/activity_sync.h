/* How the deputies' activities and the duty points' corrections travel between a town's
   database and the city's (model/sync/sync_def.h). */
#ifndef RENDA_ACTIVITY_SYNC_H
#define RENDA_ACTIVITY_SYNC_H

#include "model/sync/sync_def.h"

extern const struct sync_def activity_sync, points_sync;

#endif
