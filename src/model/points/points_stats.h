/*
 * The statistics of duty points (履职积分): the provider of the tables
 * (model/stat/stat.h) by town, deputy group, level, item and deputy, within
 * the session's scope. renda stats points, the console's statistics screen
 * and the ranking workbook (renda report points) print the same figures.
 */
#ifndef RENDA_POINTS_STATS_H
#define RENDA_POINTS_STATS_H

#include <sqlite3.h>

#include "model/core/scope.h"
#include "model/points/points.h"
#include "model/stat/stat.h"

enum pts_by { PTS_BY_TOWN, PTS_BY_GROUP, PTS_BY_LEVEL, PTS_BY_ITEM, PTS_BY_DEPUTY, PTS_BY_COUNT };
extern const struct stat_breakdown points_stat_breakdowns[];
/* The providers of this module: "points". Ends with an entry whose name is NULL. */
extern const struct stat_provider points_stat_providers[];

enum pts_col {
	PTS_DEPUTIES,
	PTS_POINTS,
	PTS_AVERAGE,
	PTS_EVENTS,
	PTS_PRESENT,
	PTS_LEAVE,
	PTS_ABSENT,
	PTS_HUNDREDTHS, /* hidden: the points in hundredths */
	PTS_HUNDRED,    /* hidden: 100, to write points with two decimals */
	PTS_DEP100,     /* hidden: deputies * 100, the denominator of the average */
	PTS_NCOLS
};

/* The table of breakdown by of the points of q (year, town) in scope. */
int points_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                 struct stat_table *out);
/* The same from a computed set (with lines): no second computation for a workbook. */
void points_stats_of(const struct points_set *s, int by, struct stat_table *out);

#endif
