#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/module.h"
#include "util/err.h"
#include "util/xalloc.h"

void filter_set(struct filter *f, const char *key, const char *val)
{
	int i = 0;
	while (i < f->n && strcmp(f->key[i], key))
		i++;
	if (!val || !*val) {
		if (i < f->n) {
			f->n--;
			f->key[i] = f->key[f->n];
			f->val[i] = f->val[f->n];
		}
		return;
	}
	if (i == f->n) {
		if (f->n == FILTER_MAX)
			fatal("filter_set: more than %d filters", FILTER_MAX);
		f->key[f->n++] = key;
	}
	f->val[i] = val;
}

const char *filter_get(const struct filter *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return f->val[i] && *f->val[i] ? f->val[i] : NULL;
	return NULL;
}

bool filter_flag(const struct filter *f, const char *key)
{
	const char *v = filter_get(f, key);
	return v && (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"));
}

const struct mod_filter *mod_filter_find(const struct mod_model *m, const char *key)
{
	for (int i = 0; i < m->nfilters; i++)
		if (!strcmp(m->filters[i].key, key))
			return &m->filters[i];
	return NULL;
}

char *mod_name(const char *number, int64_t id)
{
	return number && *number ? xstrdup(number) : xasprintf("#%lld", (long long)id);
}

int mod_find(sqlite3 *db, const struct scope *sc, const char *sql,
             void (*bind)(sqlite3_stmt *st, const struct scope *sc), const char *ref, int64_t *id)
{
	const char *num = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v = strtoll(num, &end, 10);
	bool by_id = *num && !*end && v > 0;
	sqlite3_stmt *st =
	    db_prepare(db, sql, "it", by_id ? (int64_t)v : (int64_t)0, by_id ? "" : ref);
	if (!st)
		return RD_FAIL;
	bind(st, sc);
	int rc = sqlite3_step(st) == SQLITE_ROW ? RD_OK : RD_NOTFOUND;
	if (!rc)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}
