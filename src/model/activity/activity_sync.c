#include "config.h"

#include <stddef.h>

#include "model/activity/activity_sync.h"
#include "util/xalloc.h"

/*
 * A town's activities are those its congress organises (town_id, the town clerk's
 * scope); the city's (town_id NULL) stay the city's, with the sign-ups and attendance
 * of every deputy at them. An activity's sign-ups and its attendance rows go with it.
 */
static const struct sync_part activity_parts[] = {
    {"activity_signup", "r.activity_id", NULL},
    {"activity_attendance", "r.activity_id", NULL},
};

const struct sync_def activity_sync = {
    .table = "activity",
    .entity = "activity",
    .town = "x.town_id = ?1",
    .parts = activity_parts,
    .nparts = N_OF(activity_parts),
};

/* The totals kept between readings and the marks of changes since (schema 20): made
   again in each database from its own records. */
static const char *const points_derived[] = {"points_total", "points_stale", NULL};

/* A correction of a deputy's points is the deputy's town's, as the deputy is; the
   versions of the rules are the city's (model/sync/tables.c). */
const struct sync_def points_sync = {
    .table = "points_correction",
    .entity = "points_correction",
    .town = "x.deputy_id IN (SELECT id FROM deputy WHERE town_id = ?1)",
    .derived = points_derived,
};
