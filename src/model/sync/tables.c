/*
 * The tables that travel between sites, and the records their rows belong to: the
 * reference kinds (ref_kinds[]) and the deadline rules, the city's; and each module
 * of the registry that says how its records travel (modules[].sync): the records'
 * table, the engine's tables of its workflow, and its parts. Built once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/ref.h"
#include "model/flow/workflow.h"
#include "model/sync/sync_def.h"
#include "model/sync/sync_int.h"
#include "modules.h"
#include "util/xalloc.h"

static struct stab *stabs;
static int nstabs, capstabs;

static struct stab *add(const char *table, const char *kind, const char *entity, bool root)
{
	if (nstabs == capstabs) {
		capstabs = capstabs ? capstabs * 2 : 32;
		stabs = xrealloc(stabs, sizeof *stabs * (size_t)capstabs);
	}
	struct stab *s = &stabs[nstabs++];
	memset(s, 0, sizeof *s);
	s->table = table;
	s->kind = kind;
	s->entity = entity ? entity : table;
	s->root = root;
	s->record = xstrdup("r.id");
	return s;
}

/* The town a reference record is bound to: its town field, or its term's town. */
static char *ref_town(const struct ref_kind *k)
{
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].type == RF_TOWN)
			return xasprintf("r.%s", k->fields[i].col);
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].type == RF_TERM)
			return xasprintf("(SELECT town_id FROM term WHERE id = r.%s)",
			                 k->fields[i].col);
	return NULL;
}

static void build(void)
{
	if (stabs)
		return;
	for (int i = 0; i < ref_nkinds; i++) {
		const struct ref_kind *k = &ref_kinds[i];
		struct stab *s = add(k->table, k->name, k->name, true);
		s->ref = true;
		s->town = ref_town(k);
	}
	/* The deadline rules are the city's too (migrations seed them alike everywhere). */
	add("wf_rule", "wf_rule", "wf_rule", true)->ref = true;
	/* So are the versions of the duty points rules, each with its rules (migration duty). */
	add("points_version", "points_version", "points_version", true)->ref = true;
	struct stab *pr = add("points_rule", "points_version", "points_version", false);
	free(pr->record);
	pr->record = xstrdup("r.version_id");
	for (int m = 0; m < nmodules; m++) {
		const struct sync_def *d = modules[m].sync;
		if (!d)
			continue;
		const char *kind = modules[m].name;
		struct stab *s = add(d->table, kind, d->entity, true);
		s->def = d;
		s->ref = d->reference;
		s->town = d->town ? xstrdup(d->town) : NULL;
		const struct wf_def *w = modules[m].flow;
		if (w) {
			if (w->units) {
				s = add(w->units, kind, NULL, false);
				free(s->record);
				s->record = xasprintf("r.%s", w->units_item);
				s->def = d;
			}
			static const char *const engine[] = {"wf_event", "wf_clock"};
			for (int e = 0; e < 2; e++) {
				s = add(engine[e], kind, NULL, false);
				free(s->record);
				s->record = xstrdup("r.item_id");
				s->where = xasprintf("r.workflow = '%s'", w->name);
				s->def = d;
			}
		}
		for (int p = 0; p < d->nparts; p++) {
			s = add(d->parts[p].table, kind, d->parts[p].entity, false);
			free(s->record);
			s->record = xstrdup(d->parts[p].record);
			s->def = d;
		}
	}
}

int stab_count(void)
{
	build();
	return nstabs;
}

const struct stab *stab_at(int i)
{
	build();
	return i >= 0 && i < nstabs ? &stabs[i] : NULL;
}

const struct stab *stab_first(const char *table)
{
	build();
	for (int i = 0; i < nstabs; i++)
		if (!strcmp(stabs[i].table, table))
			return &stabs[i];
	return NULL;
}

const struct stab *stab_root(const char *kind)
{
	build();
	for (int i = 0; i < nstabs; i++)
		if (stabs[i].root && !strcmp(stabs[i].kind, kind))
			return &stabs[i];
	return NULL;
}

bool sync_table_synced(const char *table)
{
	return stab_first(table) != NULL;
}

bool sync_table_nth(int n, const char **table, const char **kind)
{
	const struct stab *s = stab_at(n);
	if (!s)
		return false;
	*table = s->table;
	*kind = s->kind;
	return true;
}

/* Each database's own: accounts (logins of its host), its audit trail and key rows,
   its metadata (the site, the audit head, the number of its write transactions) and the exchange's
   own bookkeeping; and the tally sheets typed twice (model/core/tally.h), the working papers of the
   clerks who count where the count is made: what they agree on, the figures and the step, goes with
   the record counted (a ballot's figures and votes, its step in the history). */
static const char *const own_tables[] = {
    "meta",      "audit",       "app_user",      "sync_peer",       "sync_log",
    "sync_file", "sync_known",  "sync_conflict", "sqlite_sequence", "sqlite_stat1",
    "tx_number", "tally_sheet", "tally_figure",
};

const char *sync_table_local(const char *table)
{
	for (size_t i = 0; i < sizeof own_tables / sizeof own_tables[0]; i++)
		if (!strcmp(table, own_tables[i]))
			return "own";
	for (int m = 0; m < nmodules; m++) {
		for (int i = 0; modules[m].stays && modules[m].stays[i]; i++)
			if (!strcmp(table, modules[m].stays[i]))
				return "own";
		const struct sync_def *d = modules[m].sync;
		for (int i = 0; d && d->derived && d->derived[i]; i++) {
			size_t n = strlen(d->derived[i]);
			/* the index itself, or one of its shadow tables (vcase_fts_data...) */
			if (!strncmp(table, d->derived[i], n) && (!table[n] || table[n] == '_'))
				return "derived";
		}
	}
	return NULL;
}
