#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/priv.h"
#include "util/xalloc.h"

/* True when this executable lives in the tree it was built in (never in a setgid run). */
static bool in_build_tree(void)
{
	if (priv_setgid())
		return false;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	size_t bl = strlen(ABS_BUILDDIR);
	return strncmp(exe, ABS_BUILDDIR, bl) == 0 && exe[bl] == '/';
}

/* A setgid run reads its migrations and forms from the installed directories only. */
static const char *pick(const char *env, const char *src, const char *installed)
{
	const char *e = priv_setgid() ? NULL : getenv(env);
	if (e && *e)
		return e;
	return in_build_tree() ? src : installed;
}

const char *paths_datadir(void)
{
	return pick("RENDA_DATADIR", ABS_SRCDIR "/data", PKGDATADIR);
}

const char *paths_formsdir(void)
{
	return pick("RENDA_FORMSDIR", ABS_SRCDIR "/forms", PKGDATADIR "/forms");
}

char *paths_sysconf_file(void)
{
	const char *e = secure_getenv("RENDA_SYSCONFDIR");
	if (e && *e && in_build_tree())
		return paths_join(e, "renda.conf");
	return paths_join(SYSCONFDIR, "renda.conf");
}

char *paths_join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

int paths_make_parents(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0775) && errno != EEXIST) {
			int rc = err_set(RD_FAIL, _("cannot create directory %s: %s"), p,
			                 strerror(errno));
			free(p);
			return rc;
		}
		*s = '/';
	}
	free(p);
	return RD_OK;
}
