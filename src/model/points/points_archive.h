/*
 * A deputy's duty archive (履职档案) of a year, as the console's page and the
 * workbook given to the deputy show it: the profile, the activities in the
 * archive's sections (meetings sat in on, inspections and research, training,
 * group activities, duty at liaison stations, report-backs, others), the
 * motions and suggestions, the voter issues, and the year's points line by
 * line (points.h). Everything is read from what the modules recorded.
 */
#ifndef RENDA_POINTS_ARCHIVE_H
#define RENDA_POINTS_ARCHIVE_H

#include <sqlite3.h>

#include "model/core/scope.h"
#include "model/core/tbl.h"
#include "model/points/points.h"

/* A section of the archive: the activities of some kinds. */
struct points_section {
	const char *key;   /* "inspections" */
	const char *label; /* msgid */
	const char *kinds; /* the activity kinds it holds: "inspection|research|enforcement" */
};
/* The sections, in the archive's order; ends with a NULL key. */
extern const struct points_section points_sections[];
/* The section of an activity kind (an index of points_sections[]), or -1. */
int points_section_of(const char *kind);

struct points_archive {
	int year;
	struct tbl profile;       /* one row: code, name, gender, ethnicity, party, occupation,
	                             level, town, constituency, group, station, term, joined, status,
	                             left */
	struct tbl activities;    /* day, number, kind, title, organiser, signup (its status),
	                             attendance (present, leave, absent; "" before it is recorded),
	                             reason, state */
	struct tbl items;         /* submitted, number, kind, role (lead, cosigner), title, state,
	                             class, evaluation */
	struct tbl cases;         /* day, number, channel, category, state, handled (the day of the
	                             deputy's reply or forwarding), title */
	struct points_set points; /* the deputy's year, one deputy with every line */
};

/*
 * The archive of the deputy with this code (in scope) for year (0: the year
 * of asof), its points as of asof (NULL: now). Free with points_archive_free().
 */
int points_archive(sqlite3 *db, const struct scope *sc, const char *code, int year,
                   const char *asof, struct points_archive *out);
void points_archive_free(struct points_archive *a);

#endif
