#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#include "util/dynlib.h"

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
