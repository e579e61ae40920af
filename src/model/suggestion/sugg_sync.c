#include "config.h"

#include <stddef.h>

#include "model/suggestion/sugg_sync.h"
#include "util/xalloc.h"

/* A town's items are the town-level ones of its congress (the town clerk's scope). */
static const struct sync_part sugg_parts[] = {
    {"suggestion_cosigner", "r.suggestion_id", NULL},
    {"suggestion_meeting", "r.suggestion_id", NULL},
    {"suggestion_reply", "r.suggestion_id", NULL},
};

/* The answered deadlines the triggers on wf_clock add up (migration suggestion-tallies):
   they follow the clocks an exchange brings. */
static const char *const sugg_derived[] = {"suggestion_tally", NULL};

const struct sync_def suggestion_sync = {
    .table = "suggestion",
    .entity = "suggestion",
    .town = "x.level = 'town' AND x.town_id = ?1",
    .parts = sugg_parts,
    .nparts = N_OF(sugg_parts),
    .derived = sugg_derived,
};
