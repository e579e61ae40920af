#include "config.h"

#include <stdio.h>
#include <string.h>

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
