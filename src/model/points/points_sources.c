/*
 * The items that score and the collector of their events (points.h): one row
 * per source, each a query over one module's tables as they keep them (the
 * modules are read here, never changed). Every query gives deputy_id, item,
 * day, at, key, what, lag and voids, with ?1 the as-of time (what was recorded
 * after it does not count), ?2 and ?3 the first and last day counted.
 *
 * A module that comes later adds its items to points_items[] (and default rules
 * to a migration) and its query to points_sources[]: the livelihood projects'
 * opinions (project-opinion) are such an item, waiting for their row.
 */
#include "config.h"

#include <string.h>

#include "model/points/points.h"
#include "util/i18n.h"

/* clang-format off */
const struct points_item points_items[] = {
	{"base", N_("yearly base points (年度基础分)"), "points"},
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
	{"motion-lead", N_("a motion led (领衔议案)"), "suggestion"},
	{"motion-cosign", N_("a motion co-signed (附议议案)"), "suggestion"},
	{"suggestion-lead", N_("a suggestion led (领衔建议)"), "suggestion"},
	{"suggestion-cosign", N_("a suggestion co-signed (附议建议)"), "suggestion"},
	{"motion-registered", N_("a motion led and registered (议案立案)"), "suggestion"},
	{"solved", N_("a motion or suggestion led, replied as solved (A 类答复)"), "suggestion"},
	{"case-received", N_("a voter issue received (收到民情事项)"), "case"},
	{"case-handled", N_("a voter issue replied to or forwarded in time"), "case"},
	{"project-opinion", N_("an opinion on a livelihood project (民生实事项目)"), "project"},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_item *points_item_find(const char *code)
{
	for (const struct points_item *i = points_items; code && i->code; i++)
		if (!strcmp(i->code, code))
			return i;
	return NULL;
}

const char *points_item_label(const char *code)
{
	const struct points_item *i = points_item_find(code);
	return i ? _(i->label) : code;
}

/* The first step of an item of a workflow taken by ?1 (the as-of time). */
#define FIRST_STEP(wf, item, actions)                                                              \
	"(SELECT min(f.id) FROM wf_event f WHERE f.workflow = '" wf "' AND f.item_id = " item      \
	" AND f.action IN (" actions ") AND f.at <= ?1)"

/* A motion or suggestion withdrawn by ?1 scores nothing. */
#define NOT_WITHDRAWN(s)                                                                           \
	"NOT EXISTS (SELECT 1 FROM wf_event w WHERE w.workflow = 'suggestion' AND w.item_id = " s  \
	".id AND w.action = 'withdraw' AND w.at <= ?1)"

/* Whether an item was brought as a motion (one converted to a suggestion was). */
#define WAS_MOTION(s)                                                                              \
	"(" s ".kind = 'motion' OR EXISTS (SELECT 1 FROM wf_event c WHERE c.workflow = "           \
	"'suggestion' AND c.item_id = " s ".id AND c.action = 'convert'))"

/* clang-format off */
const struct points_source points_sources[] = {
	/* Attendance, the latest row of each deputy recorded by ?1, once the activity's
	   record was complete (its first step 'record'); present scores the activity's kind. */
	{"activity", N_("Activities of deputies"),
	 "SELECT x.deputy_id, CASE x.status WHEN 'present' THEN a.kind ELSE x.status END, "
	 "substr(a.starts_at, 1, 10), max(x.recorded_at, e.at), "
	 "'activity:' || a.id || ':' || x.deputy_id, a.number || ' ' || a.title || CASE WHEN "
	 "x.status = 'leave' AND x.reason <> '' THEN ' (' || x.reason || ')' ELSE '' END, NULL, NULL "
	 "FROM activity a JOIN wf_event e ON e.id = " FIRST_STEP("activity", "a.id", "'record'") " "
	 "JOIN activity_attendance x ON x.activity_id = a.id AND x.id = (SELECT max(y.id) FROM "
	 "activity_attendance y WHERE y.activity_id = a.id AND y.deputy_id = x.deputy_id AND "
	 "y.recorded_at <= ?1) WHERE substr(a.starts_at, 1, 10) BETWEEN ?2 AND ?3"},
	/* The lead deputy of an item submitted (its first submission) and not withdrawn. */
	{"suggestion", N_("Motions and suggestions led"),
	 "SELECT s.lead_deputy_id, CASE WHEN " WAS_MOTION("s") " THEN 'motion-lead' ELSE "
	 "'suggestion-lead' END, substr(e.at, 1, 10), e.at, 'suggestion:' || s.id || ':lead', "
	 "s.title, NULL, NULL FROM suggestion s JOIN wf_event e ON e.id = "
	 FIRST_STEP("suggestion", "s.id", "'submit'") " WHERE substr(e.at, 1, 10) BETWEEN ?2 AND ?3 "
	 "AND " NOT_WITHDRAWN("s")},
	/* Confirmed co-signers of an item submitted, on the later of the two days. */
	{"suggestion", N_("Motions and suggestions co-signed"),
	 "SELECT c.deputy_id, CASE WHEN " WAS_MOTION("s") " THEN 'motion-cosign' ELSE "
	 "'suggestion-cosign' END, max(substr(c.answered_at, 1, 10), substr(e.at, 1, 10)), "
	 "max(c.answered_at, e.at), 'suggestion:' || s.id || ':cosign:' || c.deputy_id, s.title, "
	 "NULL, NULL FROM suggestion_cosigner c JOIN suggestion s ON s.id = c.suggestion_id JOIN "
	 "wf_event e ON e.id = " FIRST_STEP("suggestion", "s.id", "'submit'") " WHERE c.status = "
	 "'confirmed' AND c.answered_at <= ?1 AND max(substr(c.answered_at, 1, 10), substr(e.at, 1, "
	 "10)) BETWEEN ?2 AND ?3 AND " NOT_WITHDRAWN("s")},
	/* A motion registered (立案) as a motion: its lead deputy. */
	{"suggestion", N_("Motions registered"),
	 "SELECT s.lead_deputy_id, 'motion-registered', substr(e.at, 1, 10), e.at, 'suggestion:' || "
	 "s.id || ':registered', s.title, NULL, NULL FROM suggestion s JOIN wf_event e ON e.id = "
	 FIRST_STEP("suggestion", "s.id", "'register'") " WHERE s.kind = 'motion' AND "
	 "substr(e.at, 1, 10) BETWEEN ?2 AND ?3"},
	/* The first reply of the best result class (A: solved) owed to a lead deputy, of the
	   deputy's own item or of one merged into another. */
	{"suggestion", N_("Replies of the best result class"),
	 "SELECT r.deputy_id, 'solved', substr(r.at, 1, 10), r.at, 'suggestion:' || r.via_id || "
	 "':solved', m.title, NULL, NULL FROM suggestion_reply r JOIN suggestion m ON m.id = r.via_id "
	 "WHERE r.role = 'lead' AND r.at <= ?1 AND substr(r.at, 1, 10) BETWEEN ?2 AND ?3 AND "
	 "r.result_class_id = (SELECT id FROM result_class ORDER BY sort, id LIMIT 1) AND r.round = "
	 "(SELECT min(q.round) FROM suggestion_reply q WHERE q.suggestion_id = r.suggestion_id AND "
	 "q.deputy_id = r.deputy_id AND q.via_id = r.via_id AND q.result_class_id = "
	 "r.result_class_id AND q.at <= ?1)"},
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
	 FIRST_STEP("case", "v.id", "'deputy-reply', 'forward'") " WHERE v.deputy_id IS NOT NULL AND "
	 "substr(e.at, 1, 10) BETWEEN ?2 AND ?3"},
	/* Corrections: an event the records missed, or the cancellation of one. */
	{"points", N_("Corrections"),
	 "SELECT c.deputy_id, coalesce(c.item, ''), c.day, c.at, 'correction:' || c.id, c.reason, "
	 "NULL, c.voids FROM points_correction c WHERE c.at <= ?1 AND c.day BETWEEN ?2 AND ?3"},
	{NULL, NULL, NULL},
};
/* clang-format on */
