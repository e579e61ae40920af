/*
 * A deputy's duty archive (履职档案) of a year: the profile, the activities
 * signed up for with their attendance (grouped into the archive's sections by
 * kind), the motions and suggestions led or co-signed, the voter issues
 * received, and the year's points with every line. It fills itself: every part
 * is read from what the modules recorded. The console's page and the workbook
 * given to the deputy show the same (points_archive.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/points/points_archive.h"
#include "util/err.h"
#include "util/i18n.h"

/* clang-format off */
const struct points_section points_sections[] = {
	{"attendance", N_("Meetings sat in on (列席会议)"), "meeting"},
	{"inspections", N_("Inspections and research (视察调研)"), "inspection|research|enforcement"},
	{"training", N_("Training (学习培训)"), "training"},
	{"groups", N_("Deputy group activities (代表小组活动)"), "group"},
	{"station", N_("Duty at liaison stations (进站接待)"), "reception"},
	{"report", N_("Report-backs to voters (向选民述职)"), "report"},
	{"other", N_("Other activities"), "other"},
	{NULL, NULL, NULL},
};
/* clang-format on */

int points_section_of(const char *kind)
{
	for (int i = 0; points_sections[i].key; i++) {
		const char *p = points_sections[i].kinds;
		size_t n = strlen(kind);
		while (p && *p) {
			size_t k = strcspn(p, "|");
			if (k == n && !strncmp(p, kind, n))
				return i;
			p += k + (p[k] == '|');
		}
	}
	return -1;
}

void points_archive_free(struct points_archive *a)
{
	tbl_free(&a->profile);
	tbl_free(&a->activities);
	tbl_free(&a->items);
	tbl_free(&a->cases);
	points_set_free(&a->points);
}

int points_archive(sqlite3 *db, const struct scope *sc, const char *code, int year,
                   const char *asof, struct points_archive *out)
{
	memset(out, 0, sizeof *out);
	int64_t id;
	int rc = deputy_may_read(sc);
	if (rc || (rc = deputy_find(db, sc, code, &id)))
		return rc;
	struct points_query q = {.year = year, .asof = asof, .deputy = code, .lines = true};
	if ((rc = points_compute(db, sc, &q, &out->points)))
		return rc;
	out->year = out->points.year;
	char first[11], last[11];
	snprintf(first, sizeof first, "%04d-01-01", out->year);
	snprintf(last, sizeof last, "%04d-12-31", out->year);
	static const char *const pkeys[] = {"code",         "name",       "gender",  "ethnicity",
	                                    "party",        "occupation", "level",   "town",
	                                    "constituency", "group",      "station", "term",
	                                    "joined",       "status",     "left"};
	rc = tbl_read(
	    db_prepare(db,
	               "SELECT d.code, d.name, d.gender, d.ethnicity, d.party, "
	               "d.occupation, d.level, t.name, d.constituency, coalesce(g.name, "
	               "''), coalesce(s.name, ''), coalesce(m.name, ''), "
	               "coalesce(d.joined_date, ''), " DEPUTY_STATUS_SQL(
	                   "d") ", "
	                        "coalesce(d.left_date, '') FROM deputy d JOIN town t ON t.id = "
	                        "d.town_id LEFT JOIN deputy_group g ON g.id = d.group_id LEFT JOIN "
	                        "station s ON s.id = d.station_id LEFT JOIN term m ON m.id = "
	                        "d.term_id WHERE d.id = ?",
	               "i", id),
	    pkeys, 15, &out->profile);
	/* The activities of the year the deputy signed up for, with the attendance recorded. */
	static const char *const akeys[] = {"day",    "number",     "kind",   "title", "organiser",
	                                    "signup", "attendance", "reason", "state"};
	if (!rc)
		rc = tbl_read(
		    db_prepare(
		        db,
		        "SELECT substr(a.starts_at, 1, 10), a.number, a.kind, a.title, "
		        "a.organiser, s.status, coalesce(x.status, ''), coalesce(x.reason, ''), "
		        "a.state FROM activity_signup s JOIN activity a ON a.id = s.activity_id "
		        "LEFT JOIN activity_attendance x ON x.id = (SELECT max(y.id) FROM "
		        "activity_attendance y WHERE y.activity_id = a.id AND y.deputy_id = "
		        "s.deputy_id) WHERE s.deputy_id = ?1 AND substr(a.starts_at, 1, 10) "
		        "BETWEEN ?2 AND ?3 AND a.state <> 'cancelled' ORDER BY a.starts_at, "
		        "a.number",
		        "itt", id, first, last),
		    akeys, 9, &out->activities);
	/* The motions and suggestions led or co-signed (confirmed), submitted in the year. */
	static const char *const ikeys[] = {"submitted", "number", "kind",  "role",
	                                    "title",     "state",  "class", "evaluation"};
	if (!rc)
		rc = tbl_read(
		    db_prepare(
		        db,
		        "SELECT substr(e.at, 1, 10), CASE WHEN s.number IS NULL THEN '#' || s.id "
		        "ELSE "
		        "cs.code || '-' || CASE s.kind WHEN 'motion' THEN 'M' ELSE 'S' END || "
		        "printf('%03d', s.number) END, s.kind, CASE WHEN s.lead_deputy_id = ?1 "
		        "THEN "
		        "'lead' ELSE 'cosigner' END, s.title, s.state, coalesce(rc.code, ''), "
		        "coalesce(s.evaluation, '') FROM suggestion s JOIN congress_session cs ON "
		        "cs.id "
		        "= s.session_id JOIN wf_event e ON e.id = (SELECT min(f.id) FROM wf_event "
		        "f "
		        "WHERE f.workflow = 'suggestion' AND f.item_id = s.id AND f.action = "
		        "'submit') "
		        "LEFT JOIN result_class rc ON rc.id = s.result_class_id WHERE "
		        "(s.lead_deputy_id "
		        "= ?1 OR EXISTS (SELECT 1 FROM suggestion_cosigner c WHERE c.suggestion_id "
		        "= "
		        "s.id AND c.deputy_id = ?1 AND c.status = 'confirmed')) AND substr(e.at, "
		        "1, 10) "
		        "BETWEEN ?2 AND ?3 ORDER BY e.at, s.id",
		        "itt", id, first, last),
		    ikeys, 8, &out->items);
	/* The voter issues brought to the deputy in the year (a private one without its title). */
	static const char *const ckeys[] = {"day",   "number",  "channel", "category",
	                                    "state", "handled", "title"};
	if (!rc)
		rc = tbl_read(
		    db_prepare(
		        db,
		        "SELECT substr(v.submitted_at, 1, 10), v.number, v.channel, c.name, "
		        "v.state, coalesce((SELECT substr(min(f.at), 1, 10) FROM wf_event f WHERE "
		        "f.workflow = 'case' AND f.item_id = v.id AND f.action IN "
		        "('deputy-reply', 'forward')), ''), CASE WHEN v.private THEN "
		        "private_label() ELSE v.title END FROM vcase v JOIN category c ON c.id = "
		        "v.category_id WHERE v.deputy_id = ?1 AND substr(v.submitted_at, 1, 10) "
		        "BETWEEN ?2 AND ?3 ORDER BY v.submitted_at, v.id",
		        "itt", id, first, last),
		    ckeys, 7, &out->cases);
	if (rc)
		points_archive_free(out);
	return rc;
}
