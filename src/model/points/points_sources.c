/*
 * The collector of the duty points' events (points.h): the points' own items (the
 * yearly base) and sources (corrections), and every module's part, read from its
 * row of the registry (modules[].points): the modules are read there, never
 * changed here.
 */
#include "config.h"

#include <string.h>

#include "model/points/points.h"
#include "modules.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct points_item own_items[] = {
	{"base", N_("yearly base points (年度基础分)"), "points"},
	{NULL, NULL, NULL},
};

static const struct points_source own_sources[] = {
	/* Corrections: an event the records missed, or the cancellation of one. */
	{"points", N_("Corrections"),
	 "SELECT c.deputy_id, coalesce(c.item, ''), c.day, c.at, 'correction:' || c.id, c.reason, "
	 "NULL, c.voids FROM points_correction c WHERE c.at <= ?1 AND c.day BETWEEN ?2 AND ?3"},
	{NULL, NULL, NULL},
};
/* clang-format on */

const struct points_def points_own = {own_items, own_sources};

static struct points_item *all_items;
static const struct points_source **all_sources;

/* The items and sources of the points' own row first, then of every module in the
   registry's order. */
static void build(void)
{
	if (all_items)
		return;
	int ni = 0, ns = 0;
	for (int m = 0; m < nmodules; m++) {
		const struct points_def *d = modules[m].points;
		for (const struct points_item *i = d ? d->items : NULL; i && i->code; i++)
			ni++;
		for (const struct points_source *s = d ? d->sources : NULL; s && s->name; s++)
			ns++;
	}
	all_items = xcalloc((size_t)ni + 1, sizeof *all_items);
	all_sources = xcalloc((size_t)ns + 1, sizeof *all_sources);
	int ki = 0, ks = 0;
	for (int own = 1; own >= 0; own--)
		for (int m = 0; m < nmodules; m++) {
			const struct points_def *d = modules[m].points;
			if (!d || (d == &points_own) != own)
				continue;
			for (const struct points_item *i = d->items; i->code; i++)
				all_items[ki++] = *i;
			for (const struct points_source *s = d->sources; s->name; s++)
				all_sources[ks++] = s;
		}
}

const struct points_item *points_items(void)
{
	build();
	return all_items;
}

const struct points_source *const *points_sources(void)
{
	build();
	return all_sources;
}

const struct points_item *points_item_find(const char *code)
{
	for (const struct points_item *i = points_items(); code && i->code; i++)
		if (!strcmp(i->code, code))
			return i;
	return NULL;
}

const char *points_item_label(const char *code)
{
	const struct points_item *i = points_item_find(code);
	return i ? _(i->label) : code;
}
