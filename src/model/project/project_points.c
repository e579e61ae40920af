/*
 * The livelihood projects' part in the duty points (model/points/points.h), on the row
 * of their opinions in the registry: a deputy's opinion on a project.
 */
#include "config.h"

#include <stddef.h>

#include "model/points/points.h"
#include "util/i18n.h"

/* clang-format off */
static const struct points_item items[] = {
	{"project-opinion", N_("an opinion on a livelihood project (民生实事项目)"), "project"},
	{NULL, NULL, NULL},
};

static const struct points_source sources[] = {
	/* An opinion a deputy gave on a livelihood project, the day it was recorded. */
	{"project", N_("Opinions on livelihood projects"),
	 "SELECT o.deputy_id, 'project-opinion', substr(o.posted_at, 1, 10), o.posted_at, "
	 "'project-opinion:' || o.id, o.number || ' ' || p.title, NULL, NULL FROM popinion o JOIN "
	 "pproject p ON p.id = o.project_id WHERE o.deputy_id IS NOT NULL AND o.posted_at <= ?1 AND "
	 "substr(o.posted_at, 1, 10) BETWEEN ?2 AND ?3"},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def project_points = {items, sources};
