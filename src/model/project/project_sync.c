#include "config.h"

#include <stddef.h>

#include "model/project/project_sync.h"
#include "util/xalloc.h"

/*
 * A town's cycles, proposals, projects and opinions are those of its congress (the
 * town clerk's scope, project_scope.h); the city's belong to no town and stay the
 * city's. A cycle's ballots go with it (the tally sheets typed for a ballot stay where
 * they were typed: model/sync/tables.c).
 */
static const struct sync_part pcycle_parts[] = {
    {"pballot", "r.cycle_id", NULL},
};

const struct sync_def pcycle_sync = {
    .table = "pcycle",
    .entity = "project-cycle",
    .town = "x.level = 'town' AND x.town_id = ?1",
    .parts = pcycle_parts,
    .nparts = N_OF(pcycle_parts),
};

/* A candidate's votes on a ballot go with the proposal. */
static const struct sync_part pproposal_parts[] = {
    {"pvote", "r.proposal_id", NULL},
};

const struct sync_def pproposal_sync = {
    .table = "pproposal",
    .entity = "project-proposal",
    .town = "x.town_id = ?1",
    .parts = pproposal_parts,
    .nparts = N_OF(pproposal_parts),
};

/* A project's ratings, monthly targets, progress updates, third-party evaluation and
   rectification items; its departments (pproject_unit) go with it as its units. */
static const struct sync_part project_parts[] = {
    {"prating", "r.project_id", NULL},  {"ptarget", "r.project_id", NULL},
    {"pupdate", "r.project_id", NULL},  {"pappraisal", "r.project_id", NULL},
    {"prectify", "r.project_id", NULL},
};

const struct sync_def project_sync = {
    .table = "pproject",
    .entity = "project",
    .town = "x.town_id = ?1",
    .parts = project_parts,
    .nparts = N_OF(project_parts),
};

const struct sync_def popinion_sync = {
    .table = "popinion",
    .entity = "project-opinion",
    .town = "x.town_id = ?1",
};
