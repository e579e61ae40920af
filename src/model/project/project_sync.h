/* How the livelihood projects travel between a town's database and the city's
   (model/sync/sync_def.h): cycles, proposals, projects and opinions. */
#ifndef RENDA_PROJECT_SYNC_H
#define RENDA_PROJECT_SYNC_H

#include "model/sync/sync_def.h"

extern const struct sync_def pcycle_sync, pproposal_sync, project_sync, popinion_sync;

#endif
