/*
 * The activities' part in the duty points (model/points/points.h), on their row of the
 * registry: attended by kind, missed on leave or without it.
 */
#include "config.h"

#include <stddef.h>

#include "model/points/points.h"
#include "util/i18n.h"

/* clang-format off */
static const struct points_item items[] = {
	{"meeting", N_("a meeting sat in on (列席会议)"), "activity"},
	{"inspection", N_("an inspection (视察)"), "activity"},
	{"research", N_("research (调研)"), "activity"},
	{"enforcement", N_("a law-enforcement check (执法检查)"), "activity"},
	{"reception", N_("a reception of voters at a liaison station (进站接待)"), "activity"},
	{"training", N_("training (培训)"), "activity"},
	{"group", N_("a deputy group activity (代表小组活动)"), "activity"},
	{"report", N_("a report-back to voters (述职)"), "activity"},
	{"other", N_("another activity"), "activity"},
	{"leave", N_("an activity missed on leave (请假)"), "activity"},
	{"absent", N_("an activity missed without leave (缺席)"), "activity"},
	{NULL, NULL, NULL},
};

static const struct points_source sources[] = {
	/* Attendance, the latest row of each deputy recorded by ?1, once the activity's
	   record was complete (its first step 'record'); present scores the activity's kind. */
	{"activity", N_("Activities of deputies"),
	 "SELECT x.deputy_id, CASE x.status WHEN 'present' THEN a.kind ELSE x.status END, "
	 "substr(a.starts_at, 1, 10), max(x.recorded_at, e.at), "
	 "'activity:' || a.id || ':' || x.deputy_id, a.number || ' ' || a.title || CASE WHEN "
	 "x.status = 'leave' AND x.reason <> '' THEN ' (' || x.reason || ')' ELSE '' END, NULL, NULL "
	 "FROM activity a JOIN wf_event e ON e.id = " POINTS_FIRST_STEP("activity", "a.id", "'record'") " "
	 "JOIN activity_attendance x ON x.activity_id = a.id AND x.id = (SELECT max(y.id) FROM "
	 "activity_attendance y WHERE y.activity_id = a.id AND y.deputy_id = x.deputy_id AND "
	 "y.recorded_at <= ?1) WHERE substr(a.starts_at, 1, 10) BETWEEN ?2 AND ?3"},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def activity_points = {items, sources};
