/*
 * The workbooks of duty points (履职积分): a deputy's duty archive of a year
 * (renda points archive), to give to the deputy: the profile, the activities in
 * the archive's sections, the motions and suggestions, the voter issues and
 * every line of the year's points with the rule version that scored it; and the
 * yearly ranking (renda report points): a summary with charts, the ranking with
 * each item's points, the breakdowns `renda stats points` prints, the rules in
 * force and what was counted. Output layer: the figures come from model/points.
 */
#ifndef RENDA_REPORT_POINTS_H
#define RENDA_REPORT_POINTS_H

#include <sqlite3.h>
#include <stdbool.h>

#include "export/report.h"
#include "model/core/scope.h"
#include "model/points/points.h"

struct report_points_opts {
	int year;          /* 0: the year of the as-of day */
	const char *asof;  /* "YYYY-MM-DD" or an ISO time; NULL: now */
	const char *level; /* the ranking: city or town; NULL both */
	const char *town, *group;
	/* The ranking: who it is for. Clerks get everything; deputies the ranking and
	   each item's points; the public the rank, name, town and total alone. The
	   setting [points] rankings says whether deputies or the public may have it. */
	enum points_audience audience;
	bool force; /* replace an existing file */
};

/* Writes the duty archive of the deputy with this code to path. */
int report_points_archive(sqlite3 *db, const struct scope *sc, const char *code, const char *path,
                          const struct report_points_opts *o);
/* The ranking workbook as the points' report of the registry (renda report points). */
extern const struct report_def points_reports[];
/* Writes the ranking workbook to path; *ranked: the deputies in it. */
int report_points_ranking(sqlite3 *db, const struct scope *sc, const char *path,
                          const struct report_points_opts *o, long *ranked);

#endif
