#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/points/points_stats.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* clang-format off */
const struct stat_breakdown points_stat_breakdowns[] = {
	[PTS_BY_TOWN] = {"town", N_("Town"), N_("Duty points by town"), false},
	[PTS_BY_GROUP] = {"group", N_("Deputy group"), N_("Duty points by deputy group"), true},
	[PTS_BY_LEVEL] = {"level", N_("Level"), N_("Duty points by level"), false},
	[PTS_BY_ITEM] = {"item", N_("Points item"), N_("Duty points by item"), true},
	[PTS_BY_DEPUTY] = {"deputy", N_("Deputy"), N_("Duty points by deputy"), true},
};
/* clang-format on */

const struct stat_provider points_stat_providers[] = {
    {"points", N_("Duty points"), points_stat_breakdowns, PTS_BY_COUNT,
     STAT_OPT_YEAR | STAT_OPT_TOWN, "points-stats", points_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

#define H STAT_HIDDEN
#define HL STAT_HEADLINE
/* clang-format off */
static const struct stat_coldef cols[] = {
	[PTS_DEPUTIES] = {"deputies", N_("Number of deputies"), N_("Head count"),
	                 N_("deputies who served in the year (a part of it counts), within the "
	                    "scope; by item: those with an event of the item"),
	                 STAT_COUNT, -1, -1, HL},
	[PTS_POINTS] = {"points", N_("Points"), N_("Points"),
	               N_("the duty points of the year, as the rule versions in force scored "
	                  "every event"),
	               STAT_FIXED2, PTS_HUNDREDTHS, PTS_HUNDRED, HL},
	[PTS_AVERAGE] = {"average", N_("Average points"), N_("Average"),
	                N_("points / deputies"), STAT_FIXED2, PTS_HUNDREDTHS, PTS_DEP100, HL},
	[PTS_EVENTS] = {"events", N_("Events"), N_("Events"),
	               N_("the events scored (each a line of a deputy's points)"), STAT_COUNT, -1,
	               -1, 0},
	[PTS_PRESENT] = {"present", N_("Present"), N_("Present"),
	                N_("activities the deputies attended (出席)"), STAT_COUNT, -1, -1, 0},
	[PTS_LEAVE] = {"leave", N_("On leave"), N_("Leave"),
	              N_("activities missed on leave (请假)"), STAT_COUNT, -1, -1, 0},
	[PTS_ABSENT] = {"absent", N_("Absent"), N_("Absent"),
	               N_("activities missed without leave (缺席)"), STAT_COUNT, -1, -1, 0},
	[PTS_HUNDREDTHS] = {"hundredths", N_("Points in hundredths"), NULL, NULL, STAT_COUNT, -1, -1,
	                   H},
	[PTS_HUNDRED] = {"hundred", N_("One hundred"), NULL, NULL, STAT_COUNT, -1, -1, H},
	[PTS_DEP100] = {"deputies_100", N_("Deputies times 100"), NULL, NULL, STAT_COUNT, -1, -1, H},
};
/* clang-format on */
#undef H
#undef HL

/* The row of key in t, made when it is new. */
static struct stat_row *row_of(struct stat_table *t, const char *key, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].key, key))
			return &t->rows[i];
	struct stat_row *r = stat_table_add_row(t, key, name);
	r->v[PTS_HUNDRED] = 100;
	return r;
}

static bool is_activity(const char *item)
{
	const struct points_item *i = points_item_find(item);
	return i && !strcmp(i->source, "activity");
}

/* Adds a deputy's year to row r (the whole year, or the item's part of it). */
static void add_deputy(struct stat_row *r, const struct points_deputy *d, const char *item)
{
	int64_t h = 0;
	int events = 0, present = 0, leave = 0, absent = 0;
	for (int l = 0; l < d->nlines; l++) {
		const struct points_line *x = &d->lines[l];
		if (item && strcmp(x->item, item))
			continue;
		h += x->points;
		events++;
		if (x->cancelled || strncmp(x->key, "activity:", 9))
			continue;
		if (!strcmp(x->item, "leave"))
			leave++;
		else if (!strcmp(x->item, "absent"))
			absent++;
		else if (is_activity(x->item))
			present++;
	}
	if (item && !events)
		return;
	r->v[PTS_DEPUTIES]++;
	r->v[PTS_DEP100] += 100;
	r->v[PTS_HUNDREDTHS] += h;
	r->v[PTS_EVENTS] += events;
	r->v[PTS_PRESENT] += present;
	r->v[PTS_LEAVE] += leave;
	r->v[PTS_ABSENT] += absent;
}

static int by_points(const void *x, const void *y)
{
	const struct stat_row *a = x, *b = y;
	if (a->v[PTS_HUNDREDTHS] != b->v[PTS_HUNDREDTHS])
		return a->v[PTS_HUNDREDTHS] > b->v[PTS_HUNDREDTHS] ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int by_average(const void *x, const void *y)
{
	const struct stat_row *a = x, *b = y;
	/* a / da against b / db without dividing: a * db against b * da. */
	int64_t l = a->v[PTS_HUNDREDTHS] * b->v[PTS_DEPUTIES],
	        r = b->v[PTS_HUNDREDTHS] * a->v[PTS_DEPUTIES];
	if (l != r)
		return l > r ? -1 : 1;
	return strcmp(a->key, b->key);
}

void points_stats_of(const struct points_set *s, int by, struct stat_table *out)
{
	const struct stat_breakdown *b = &points_stat_breakdowns[by];
	stat_table_init(out, cols, PTS_NCOLS, b->title, b->label, N_("Number of deputies"));
	out->long_keys = b->long_keys;
	out->ranked = by != PTS_BY_LEVEL && by != PTS_BY_ITEM;
	/* Towns and groups are keyed by their names: a workbook leaves the keys out. */
	out->word_keys = by != PTS_BY_DEPUTY;
	if (by == PTS_BY_ITEM)
		for (int i = 0; points_items()[i].code; i++)
			row_of(out, points_items()[i].code, _(points_items()[i].label));
	for (int i = 0; i < s->n; i++) {
		const struct points_deputy *d = &s->d[i];
		switch (by) {
		case PTS_BY_TOWN: add_deputy(row_of(out, d->town, d->town), d, NULL); break;
		case PTS_BY_GROUP:
			add_deputy(row_of(out, d->group, *d->group ? d->group : _("(no group)")), d,
			           NULL);
			break;
		case PTS_BY_LEVEL:
			add_deputy(
			    row_of(out, d->level,
			           !strcmp(d->level, "city") ? _("city level") : _("town level")),
			    d, NULL);
			break;
		case PTS_BY_ITEM:
			for (int k = 0; points_items()[k].code; k++)
				add_deputy(row_of(out, points_items()[k].code, NULL), d,
				           points_items()[k].code);
			break;
		case PTS_BY_DEPUTY: add_deputy(row_of(out, d->code, d->name), d, NULL); break;
		}
	}
	/* Deputies by their points; towns and groups by their deputies' average. */
	if (by == PTS_BY_DEPUTY)
		xqsort(out->rows, (size_t)out->n, sizeof *out->rows, by_points);
	else if (by == PTS_BY_TOWN || by == PTS_BY_GROUP)
		xqsort(out->rows, (size_t)out->n, sizeof *out->rows, by_average);
	stat_table_sum(out);
	out->total.v[PTS_HUNDRED] = 100;
	/* By item the deputies of the rows overlap: the total counts each deputy once. */
	if (by == PTS_BY_ITEM) {
		out->total.v[PTS_DEPUTIES] = s->n;
		out->total.v[PTS_DEP100] = 100 * (int64_t)s->n;
	}
}

int points_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
                 struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= PTS_BY_COUNT)
		return err_set(RD_INVALID, _("no such breakdown"));
	struct points_query pq = {.year = stat_year(q), .town = q->town, .lines = true};
	struct points_set s;
	int rc = points_compute(db, sc, &pq, &s);
	if (rc)
		return rc;
	points_stats_of(&s, by, out);
	points_set_free(&s);
	return RD_OK;
}
