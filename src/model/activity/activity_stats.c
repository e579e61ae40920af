/*
 * The statistics of deputies' activities: the provider of the tables
 * (model/stat/stat.h) by kind, organiser and month, within the session's
 * scope: activities held and cancelled, sign-ups, and the attendance recorded
 * with its rates. renda stats activities and the console print the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/activity/activity.h"
#include "model/activity/activity_stats.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct stat_breakdown breakdowns[] = {
	[AS_BY_KIND] = {"kind", N_("Kind"), N_("Activities by kind"), false},
	[AS_BY_TOWN] = {"town", N_("Organised by"), N_("Activities by organiser"), false},
	[AS_BY_MONTH] = {"month", N_("Month"), N_("Activities by month"), false},
};
/* clang-format on */

const struct stat_provider activity_stat_providers[] = {
    {"activities", N_("Activities of deputies"), breakdowns, AS_BY_COUNT,
     STAT_OPT_YEAR | STAT_OPT_TOWN, "activity-stats", activity_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

#define HL STAT_HEADLINE
#define H STAT_HIDDEN
/* clang-format off */
static const struct stat_coldef cols[] = {
	[AS_COUNT] = {"activities", N_("Activities"), N_("Activities"),
	              N_("activities planned to start in the year, not cancelled, within the "
	                 "scope"),
	              STAT_COUNT, -1, -1, HL},
	[AS_HELD] = {"held", N_("Held"), N_("Held"),
	             N_("activities whose attendance was recorded (recorded or archived)"),
	             STAT_COUNT, -1, -1, HL},
	[AS_CANCELLED] = {"cancelled", N_("Cancelled"), N_("Cancelled"),
	                  N_("activities cancelled before they were held"), STAT_COUNT, -1, -1, 0},
	[AS_SIGNUPS] = {"signups", N_("Sign-ups"), N_("Sign-ups"),
	                N_("deputies who signed up (点单), whatever the answer"), STAT_COUNT, -1, -1,
	                0},
	[AS_CONFIRMED] = {"confirmed", N_("Confirmed"), N_("Confirmed"),
	                  N_("sign-ups confirmed by a clerk"), STAT_COUNT, -1, -1, HL},
	[AS_PRESENT] = {"present", N_("Present"), N_("Present"),
	                N_("deputies recorded present (出席), the latest record of each"), STAT_COUNT,
	                -1, -1, 0},
	[AS_LEAVE] = {"leave", N_("On leave"), N_("Leave"),
	              N_("deputies recorded on leave (请假)"), STAT_COUNT, -1, -1, 0},
	[AS_ABSENT] = {"absent", N_("Absent"), N_("Absent"),
	               N_("deputies recorded absent without leave (缺席)"), STAT_COUNT, -1, -1, 0},
	[AS_RATE] = {"attendance_rate", N_("Attendance rate"), N_("Present %"),
	             N_("present / (present + on leave + absent) (出席率)"), STAT_PCT, AS_PRESENT,
	             AS_RECORDED, HL},
	[AS_ABSENCE_RATE] = {"absence_rate", N_("Absence rate"), N_("Absent %"),
	                     N_("absent / (present + on leave + absent) (缺席率)"), STAT_PCT,
	                     AS_ABSENT, AS_RECORDED, HL},
	[AS_RECORDED] = {"recorded", N_("Attendance recorded"), NULL, NULL, STAT_COUNT, -1, -1, H},
};
/* clang-format on */
#undef HL
#undef H

/* The latest attendance row of each deputy at activity a, of status s. */
/* clang-format off */
#define LATEST(s) \
	"(SELECT count(*) FROM activity_attendance x WHERE x.activity_id = a.id AND " \
	"x.status = '" s "' AND x.id = (SELECT max(y.id) FROM activity_attendance y " \
	"WHERE y.activity_id = a.id AND y.deputy_id = x.deputy_id))"
/* clang-format on */

int activity_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                   struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= AS_BY_COUNT)
		return err_set(RD_INVALID, _("no such breakdown"));
	int year = stat_year(q);
	int64_t town = 0;
	if (q->town && *q->town && flow_lookup(db, "town", "town", q->town, &town))
		return RD_INVALID;
	const struct stat_breakdown *b = &breakdowns[by];
	stat_table_init(out, cols, AS_NCOLS, b->title, b->label, N_("Activities"));
	out->word_keys = by == AS_BY_KIND;
	/* Every kind and every month has its row, even without activities. */
	if (by == AS_BY_KIND) {
		char kinds[] = ACTIVITY_KINDS;
		for (char *k = strtok(kinds, "|"); k; k = strtok(NULL, "|"))
			stat_table_add_row(out, k, activity_kind_label(k));
	} else if (by == AS_BY_MONTH)
		for (int m = 1; m <= 12; m++) {
			char key[24];
			snprintf(key, sizeof key, "%04d-%02d", year, m);
			stat_table_add_row(out, key, key);
		}
	const char *group = by == AS_BY_KIND    ? "a.kind"
	                    : by == AS_BY_MONTH ? "substr(a.starts_at, 1, 7)"
	                                        : "coalesce(t.code, '')";
	/* clang-format off */
	char *sql = xasprintf(
	    "SELECT %s, CASE WHEN a.town_id IS NULL THEN '' ELSE t.name END, "
	    "a.state <> 'cancelled', a.state IN ('recorded', 'archived'), a.state = 'cancelled', "
	    "(SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id), "
	    "(SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id "
	        "AND s.status = 'confirmed'), "
	    LATEST("present") ", " LATEST("leave") ", " LATEST("absent") " "
	    "FROM activity a LEFT JOIN town t ON t.id = a.town_id "
	    "WHERE substr(a.starts_at, 1, 4) = ?1 AND (?2 = 0 OR a.town_id = ?2) "
	    "AND " ACTIVITY_SCOPE_SQL " ORDER BY a.town_id IS NOT NULL, t.sort, t.id",
	    group);
	/* clang-format on */
	char y[8];
	snprintf(y, sizeof y, "%04d", year);
	sqlite3_stmt *st = db_prepare(db, sql, "ti", y, town);
	free(sql);
	if (!st) {
		stat_table_free(out);
		return RD_FAIL;
	}
	case_scope_bind(st, sc);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = db_col(st, 0);
		struct stat_row *r = NULL;
		for (int i = 0; i < out->n && !r; i++)
			if (!strcmp(out->rows[i].key, key))
				r = &out->rows[i];
		if (!r)
			r = stat_table_add_row(out, key, *key ? db_col(st, 1) : _("the city"));
		r->v[AS_COUNT] += sqlite3_column_int(st, 2);
		r->v[AS_HELD] += sqlite3_column_int(st, 3);
		r->v[AS_CANCELLED] += sqlite3_column_int(st, 4);
		r->v[AS_SIGNUPS] += sqlite3_column_int(st, 5);
		r->v[AS_CONFIRMED] += sqlite3_column_int(st, 6);
		r->v[AS_PRESENT] += sqlite3_column_int(st, 7);
		r->v[AS_LEAVE] += sqlite3_column_int(st, 8);
		r->v[AS_ABSENT] += sqlite3_column_int(st, 9);
		r->v[AS_RECORDED] += sqlite3_column_int(st, 7) + sqlite3_column_int(st, 8) +
		                     sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		stat_table_free(out);
		return db_fail(db, _("counting the activities"));
	}
	stat_table_sum(out);
	return RD_OK;
}
