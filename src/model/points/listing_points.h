/*
 * The ranking of duty points as a list for the console (listing_points.c):
 * columns rank, name, code, level, town, group, total (hundredths, shown as
 * points), events, share, then hidden of, year and as_of; in ranking order
 * (level, rank, code).
 */
#ifndef RENDA_LISTING_POINTS_H
#define RENDA_LISTING_POINTS_H

#include <sqlite3.h>

#include "model/core/pager.h"
#include "model/points/points.h"

/* The ranking of q in scope as a list; RD_* as points_compute(). */
int listing_points(sqlite3 *db, const struct scope *sc, const struct points_query *q,
                   struct pager **out);

#endif
