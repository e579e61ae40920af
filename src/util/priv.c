#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/priv.h"
#include "util/xalloc.h"

static bool setgid_run;
static gid_t group; /* the setgid group */
static gid_t real;  /* the caller's own group */
static int raised;  /* depth of priv_raise() */
static bool dropped;

void priv_init(void)
{
	real = getgid();
	group = getegid();
	setgid_run = group != real;
	if (setgid_run && setegid(real))
		fatal(_("cannot give up group %ld"), (long)group);
}

bool priv_setgid(void)
{
	return setgid_run && !dropped;
}

bool priv_root(void)
{
	return getuid() == 0;
}

gid_t priv_group(void)
{
	return priv_setgid() ? group : getgid();
}

void priv_raise(void)
{
	if (!setgid_run || dropped)
		return;
	if (raised++ == 0 && setegid(group))
		fatal(_("cannot take up group %ld"), (long)group);
}

void priv_lower(void)
{
	if (!setgid_run || dropped || raised == 0)
		return;
	if (--raised == 0 && setegid(real))
		fatal(_("cannot give up group %ld"), (long)group);
}

void priv_drop(void)
{
	if (!setgid_run || dropped)
		return;
	if (setresgid(real, real, real))
		fatal(_("cannot give up group %ld for good"), (long)group);
	gid_t r, e, s;
	if (getresgid(&r, &e, &s) || r != real || e != real || s != real)
		fatal(_("group %ld is still held"), (long)group);
	dropped = true;
	raised = 0;
}

/* A value safe to keep: no path separators nor parent references. */
static bool plain(const char *v)
{
	return !strchr(v, '/') && !strstr(v, "..");
}

/* A time zone name from the system's database ("Asia/Shanghai", "UTC", "CST-8"). */
static bool zone(const char *v)
{
	const char *s = v[0] == ':' ? v + 1 : v;
	if (!*s || s[0] == '/' || strstr(s, ".."))
		return false;
	for (; *s; s++)
		if (!strchr(
		        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-,.<>:",
		        *s))
			return false;
	return true;
}

static bool number(const char *v)
{
	if (!*v || strlen(v) > 6)
		return false;
	for (; *v; v++)
		if (*v < '0' || *v > '9')
			return false;
	return true;
}

void priv_clean_env(void)
{
	if (!setgid_run)
		return;
	static const struct {
		const char *name;
		bool (*ok)(const char *v);
	} keep[] = {
	    {"TERM", plain},
	    {"LANG", plain},
	    {"LANGUAGE", plain},
	    {"LC_ALL", plain},
	    {"TZ", zone},
	    {"NO_COLOR", NULL},
	    {"ESCDELAY", number},
	    {"COLUMNS", number},
	    {"LINES", number},
	    {"HOME", NULL},
	    {"XDG_CONFIG_HOME", NULL},
	    /* an as-of time for reads: under it a setgid run writes nothing (db_begin) */
	    {"RENDA_NOW", plain},
	};
	size_t nkeep = sizeof keep / sizeof keep[0];
	extern char **environ;
	size_t n = 0;
	for (char **e = environ; *e; e++)
		n++;
	char **saved = xcalloc(n + 1, sizeof *saved);
	size_t m = 0;
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		size_t len = (size_t)(eq - *e);
		const char *v = eq + 1;
		bool take = false;
		for (size_t i = 0; i < nkeep && !take; i++)
			if (strlen(keep[i].name) == len && !strncmp(*e, keep[i].name, len))
				take = !keep[i].ok || keep[i].ok(v);
		/* LC_CTYPE, LC_MESSAGES and the other locale categories */
		if (!take && len > 3 && !strncmp(*e, "LC_", 3))
			take = plain(v);
		if (take)
			saved[m++] = xstrdup(*e);
	}
	clearenv();
	for (size_t i = 0; i < m; i++) {
		char *eq = strchr(saved[i], '=');
		*eq = '\0';
		setenv(saved[i], eq + 1, 1);
		free(saved[i]);
	}
	free(saved);
	setenv("PATH", "/usr/bin:/bin", 1);
}

void priv_forget_home(void)
{
	if (!setgid_run)
		return;
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
}
