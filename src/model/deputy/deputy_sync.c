#include "config.h"

#include <stddef.h>

#include "model/deputy/deputy_sync.h"

/* A town's deputies are those of its town, city-level and town-level alike. */
const struct sync_def deputy_sync = {
    .table = "deputy",
    .entity = "deputy",
    .town = "x.town_id = ?1",
};
