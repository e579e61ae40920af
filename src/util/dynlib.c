#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/dynlib.h"
#include "util/err.h"
#include "util/i18n.h"

bool dynlib_open(const char *file, const struct dynlib_sym *syms, size_t n, char *why,
                 size_t whylen)
{
	void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(why, whylen, "%s", dlerror());
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		*syms[i].fn = dlsym(lib, syms[i].name);
		if (!*syms[i].fn) {
			const char *e = dlerror();
			snprintf(why, whylen, "%s", e ? e : syms[i].name);
			return false;
		}
	}
	return true;
}

/* Tried once: one lock for all the libraries, taken only until each is tried. */
static int load(struct dynlib *lib)
{
	int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
	if (state)
		return state;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&lock);
	state = lib->state;
	if (!state) {
		state =
		    dynlib_open(lib->file, lib->syms, lib->n, lib->why, sizeof lib->why) ? 1 : -1;
		__atomic_store_n(&lib->state, state, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	return state;
}

int dynlib_ready(struct dynlib *lib)
{
	if (load(lib) > 0)
		return RD_OK;
	return err_set(RD_FAIL, _("cannot load the library %s: %s"), lib->file, lib->why);
}

void dynlib_need(struct dynlib *lib)
{
	if (load(lib) > 0)
		return;
	fprintf(stderr, "renda: cannot load %s: %s\n", lib->file, lib->why);
	abort();
}
