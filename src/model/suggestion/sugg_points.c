/*
 * The motions' and suggestions' part in the duty points (model/points/points.h), on
 * their row of the registry: led, co-signed, registered, replied as solved.
 */
#include "config.h"

#include <stddef.h>

#include "model/points/points.h"
#include "util/i18n.h"

/* A motion or suggestion withdrawn by ?1 scores nothing. Its row says so: the withdraw
   step is the only way into that state, nothing leads out of it, and closed_at is the
   step's time: flow_closed_by_sql() for that one state, spelt out since the sources are
   constant text. */
#define NOT_WITHDRAWN(s) "NOT (" s ".state = 'withdrawn' AND " s ".closed_at <= ?1)"

/* Whether an item was brought as a motion (one converted to a suggestion was): the
   conversion steps have their own index (migration step-indexes), asked for each line. */
#define WAS_MOTION(s)                                                                              \
	"(" s ".kind = 'motion' OR EXISTS (SELECT 1 FROM wf_event c WHERE c.workflow = "           \
	"'suggestion' AND c.item_id = " s ".id AND c.action = 'convert'))"

/* clang-format off */
static const struct points_item items[] = {
	{"motion-lead", N_("a motion led (领衔议案)"), "suggestion"},
	{"motion-cosign", N_("a motion co-signed (附议议案)"), "suggestion"},
	{"suggestion-lead", N_("a suggestion led (领衔建议)"), "suggestion"},
	{"suggestion-cosign", N_("a suggestion co-signed (附议建议)"), "suggestion"},
	{"motion-registered", N_("a motion led and registered (议案立案)"), "suggestion"},
	{"solved", N_("a motion or suggestion led, replied as solved (A 类答复)"), "suggestion"},
	{NULL, NULL, NULL},
};

static const struct points_source sources[] = {
	/* The lead deputy of an item submitted (its first submission) and not withdrawn. */
	{"suggestion", N_("Motions and suggestions led"),
	 "SELECT s.lead_deputy_id, CASE WHEN " WAS_MOTION("s") " THEN 'motion-lead' ELSE "
	 "'suggestion-lead' END, substr(e.at, 1, 10), e.at, 'suggestion:' || s.id || ':lead', "
	 "s.title, NULL, NULL FROM " POINTS_STEP_TABLE " JOIN suggestion s ON s.id = e.item_id "
	 "WHERE " POINTS_FIRST_STEP_IN("suggestion", "'submit'") " AND " NOT_WITHDRAWN("s")},
	/* Confirmed co-signers of an item submitted, on the later of the two days: those of
	   the items first submitted in the year (read from the steps of the year) who
	   answered by its end, and those of items submitted before who answered in it. */
	{"suggestion", N_("Motions and suggestions co-signed"),
	 "SELECT c.deputy_id, CASE WHEN " WAS_MOTION("s") " THEN 'motion-cosign' ELSE "
	 "'suggestion-cosign' END, max(substr(c.answered_at, 1, 10), substr(e.at, 1, 10)), "
	 "max(c.answered_at, e.at), 'suggestion:' || s.id || ':cosign:' || c.deputy_id, s.title, "
	 "NULL, NULL FROM " POINTS_STEP_TABLE " JOIN suggestion s ON s.id = e.item_id JOIN "
	 "suggestion_cosigner c ON c.suggestion_id = s.id WHERE " POINTS_FIRST_STEP_IN(
	 "suggestion", "'submit'") " AND c.status = 'confirmed' AND c.answered_at <= ?1 AND "
	 "c.answered_at < date(?3, '+1 day') AND " NOT_WITHDRAWN("s") " "
	 "UNION ALL "
	 "SELECT c.deputy_id, CASE WHEN " WAS_MOTION("s") " THEN 'motion-cosign' ELSE "
	 "'suggestion-cosign' END, substr(c.answered_at, 1, 10), c.answered_at, 'suggestion:' || "
	 "s.id || ':cosign:' || c.deputy_id, s.title, NULL, NULL FROM suggestion_cosigner c JOIN "
	 "suggestion s ON s.id = c.suggestion_id JOIN wf_event e ON e.id = "
	 POINTS_FIRST_STEP("suggestion", "s.id", "'submit'") " WHERE c.status = 'confirmed' AND "
	 "c.answered_at <= ?1 AND c.answered_at >= ?2 AND c.answered_at < date(?3, '+1 day') AND "
	 "e.at < ?2 AND " NOT_WITHDRAWN("s")},
	/* A motion registered (立案) as a motion: its lead deputy. */
	{"suggestion", N_("Motions registered"),
	 "SELECT s.lead_deputy_id, 'motion-registered', substr(e.at, 1, 10), e.at, 'suggestion:' || "
	 "s.id || ':registered', s.title, NULL, NULL FROM " POINTS_STEP_TABLE " JOIN suggestion s "
	 "ON s.id = e.item_id WHERE s.kind = 'motion' AND "
	 POINTS_FIRST_STEP_IN("suggestion", "'register'")},
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
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def sugg_points = {items, sources};
