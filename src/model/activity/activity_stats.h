/*
 * The statistics of deputies' activities (activity_stats.c): activities held
 * and cancelled, sign-ups and attendance with its rates, by kind, organiser or
 * month, for renda stats activities, the console and the workbooks.
 */
#ifndef RENDA_ACTIVITY_STATS_H
#define RENDA_ACTIVITY_STATS_H

#include <sqlite3.h>

#include "model/core/scope.h"
#include "model/stat/stat.h"

enum as_by { AS_BY_KIND, AS_BY_TOWN, AS_BY_MONTH, AS_BY_COUNT };
enum as_col {
	AS_COUNT,
	AS_HELD,
	AS_CANCELLED,
	AS_SIGNUPS,
	AS_CONFIRMED,
	AS_PRESENT,
	AS_LEAVE,
	AS_ABSENT,
	AS_RATE,
	AS_ABSENCE_RATE,
	AS_RECORDED, /* hidden: present + on leave + absent */
	AS_NCOLS
};

/* The providers of this module: "activities". Ends with an entry whose name is NULL. */
extern const struct stat_provider activity_stat_providers[];

/* The table of breakdown by of the activities of q (year, town) in scope. */
int activity_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                   struct stat_table *out);

#endif
