/*
 * The voter issues' part in the duty points (model/points/points.h), on their row of
 * the registry: received, and handled by the deputy in time.
 */
#include "config.h"

#include <stddef.h>

#include "model/points/points.h"
#include "util/i18n.h"

/* clang-format off */
static const struct points_item items[] = {
	{"case-received", N_("a voter issue received (收到民情事项)"), "case"},
	{"case-handled", N_("a voter issue replied to or forwarded in time"), "case"},
	{NULL, NULL, NULL},
};

static const struct points_source sources[] = {
	/* A voter issue brought to the deputy: the day it came in (named by its number only:
	   what a voter wrote stays in the case). */
	{"case", N_("Voter issues received"),
	 "SELECT v.deputy_id, 'case-received', substr(v.submitted_at, 1, 10), e.at, 'case:' || v.id "
	 "|| ':received', v.number, NULL, NULL FROM vcase v JOIN wf_event e ON e.id = (SELECT "
	 "min(f.id) FROM wf_event f WHERE f.workflow = 'case' AND f.item_id = v.id AND f.at <= ?1) "
	 "WHERE v.deputy_id IS NOT NULL AND substr(v.submitted_at, 1, 10) BETWEEN ?2 AND ?3"},
	/* The deputy's own reply or the forwarding through 民情直通, and the days it took. */
	{"case", N_("Voter issues handled"),
	 "SELECT v.deputy_id, 'case-handled', substr(e.at, 1, 10), e.at, 'case:' || v.id || "
	 "':handled', v.number, CAST(julianday(substr(e.at, 1, 10)) - julianday(substr("
	 "v.submitted_at, 1, 10)) AS INTEGER), NULL FROM vcase v JOIN wf_event e ON e.id = "
	 POINTS_FIRST_STEP("case", "v.id", "'deputy-reply', 'forward'") " WHERE v.deputy_id IS NOT NULL AND "
	 "substr(e.at, 1, 10) BETWEEN ?2 AND ?3"},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def case_points = {items, sources};
