#include "config.h"

#include <stddef.h>

#include "model/suggestion/sugg_sync.h"

/* A town's items are the town-level ones of its congress (the town clerk's scope). */
static const struct sync_part sugg_parts[] = {
    {"suggestion_cosigner", "r.suggestion_id", NULL},
    {"suggestion_meeting", "r.suggestion_id", NULL},
    {"suggestion_reply", "r.suggestion_id", NULL},
};

const struct sync_def suggestion_sync = {
    "suggestion",
    "suggestion",
    "x.level = 'town' AND x.town_id = ?1",
    sugg_parts,
    (int)(sizeof sugg_parts / sizeof sugg_parts[0]),
    NULL,
    NULL,
    NULL,
};
