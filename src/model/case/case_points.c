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
	   what a voter wrote stays in the case). Its first step, its creation, is dated at
	   its submission time (add_in_tx(), case.c), so the cases there were by ?1 are those
	   submitted by then: the days of a year are a range of submission times (index
	   vcase_stat), with no step read. */
	{"case", N_("Voter issues received"),
	 "SELECT v.deputy_id, 'case-received', substr(v.submitted_at, 1, 10), v.submitted_at, "
	 "'case:' || v.id || ':received', v.number, NULL, NULL FROM vcase v WHERE v.deputy_id IS "
	 "NOT NULL AND v.submitted_at >= ?2 AND v.submitted_at < date(?3, '+1 day') AND "
	 "v.submitted_at <= ?1"},
	/* The deputy's own reply or the forwarding through 民情直通, and the days it took: the
	   first such step of a case, read from the steps taken in the year. */
	{"case", N_("Voter issues handled"),
	 "SELECT v.deputy_id, 'case-handled', substr(e.at, 1, 10), e.at, 'case:' || v.id || "
	 "':handled', v.number, CAST(julianday(substr(e.at, 1, 10)) - julianday(substr("
	 "v.submitted_at, 1, 10)) AS INTEGER), NULL FROM " POINTS_STEP_TABLE " JOIN vcase v ON "
	 "v.id = e.item_id WHERE v.deputy_id IS NOT NULL AND "
	 POINTS_FIRST_STEP_IN("case", "'deputy-reply', 'forward'")},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def case_points = {items, sources};
