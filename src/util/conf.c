#include "config.h"

#include <errno.h>
#include <grp.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xalloc.h"

/* busy_timeout is set before conf_load() too: 0 is a real value (never wait). */
struct conf conf = {.busy_timeout_ms = 10000};

enum ctype { C_STR, C_INT, C_BOOL };

/* Every key the configuration file may carry. */
static const struct {
	const char *section, *key;
	enum ctype type;
	size_t off;
	const char *def;
	int min, max;
} keys[] = {
    {"database", "path", C_STR, offsetof(struct conf, db_path), NULL, 0, 0},
    {"database", "busy_timeout", C_INT, offsetof(struct conf, busy_timeout_ms), "10000", 0, 600000},
    {"qr", "base_url", C_STR, offsetof(struct conf, qr_base_url), "https://rd.example.gov.cn/q/", 0,
     0},
    {"qr", "error_correction", C_STR, offsetof(struct conf, qr_ec_level), "M", 0, 0},
    {"qr", "card_note", C_STR, offsetof(struct conf, qr_card_note), NULL, 0, 0},
    {"ui", "ascii_borders", C_BOOL, offsetof(struct conf, ascii_borders), "false", 0, 0},
    {"ui", "mouse", C_BOOL, offsetof(struct conf, mouse), "false", 0, 0},
    {"ui", "color", C_STR, offsetof(struct conf, color), "auto", 0, 0},
    {"workflow", "due_soon_days", C_INT, offsetof(struct conf, due_soon_days), "3", 0, 60},
    {"workflow", "motion_deputies_city", C_INT, offsetof(struct conf, motion_min_city), "10", 2,
     1000},
    {"workflow", "motion_deputies_town", C_INT, offsetof(struct conf, motion_min_town), "5", 2,
     1000},
    /* The older names of the same two (they now count the lead deputy too). */
    {"workflow", "motion_cosigners_city", C_INT, offsetof(struct conf, motion_min_city), NULL, 2,
     1000},
    {"workflow", "motion_cosigners_town", C_INT, offsetof(struct conf, motion_min_town), NULL, 2,
     1000},
    {"site", "timezone", C_STR, offsetof(struct conf, timezone), CLOCK_ZONE_DEFAULT, 0, 0},
    {"report", "issuer", C_STR, offsetof(struct conf, report_issuer), "", 0, 0},
    {"search", "pattern_seconds", C_INT, offsetof(struct conf, pattern_seconds), "60", 1, 86400},
    {"project", "choose", C_INT, offsetof(struct conf, project_choose), "10", 1, 100},
    {"project", "candidates", C_INT, offsetof(struct conf, project_candidates), "12", 2, 200},
    {"project", "pass", C_STR, offsetof(struct conf, project_pass), "1/2", 0, 0},
    {"project", "bottom", C_INT, offsetof(struct conf, project_bottom), "1", 0, 100},
    {"files", "group", C_STR, offsetof(struct conf, files_group), NULL, 0, 0},
    {"points", "prorate", C_STR, offsetof(struct conf, points_prorate), "months", 0, 0},
    {"points", "rankings", C_STR, offsetof(struct conf, points_rankings), "clerks", 0, 0},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static char errbuf[512];
static const char *cur_file; /* the file being read, for relative paths */
static bool restrict_user;   /* a setgid run: the user's own file may set [ui] keys only */
static bool cur_user;        /* the file being read is the user's own */

void conf_restrict_user(bool on)
{
	restrict_user = on;
}

static int set_key(size_t i, const char *value)
{
	void *field = (char *)&conf + keys[i].off;
	switch (keys[i].type) {
	case C_STR: {
		char **s = field;
		if (!strcmp(keys[i].key, "error_correction") &&
		    (strlen(value) != 1 || !strchr("LMQH", value[0]))) {
			snprintf(errbuf, sizeof errbuf, _("%s.%s must be one of L, M, Q, H"),
			         keys[i].section, keys[i].key);
			return 0;
		}
		unsigned num, den;
		char extra;
		if (!strcmp(keys[i].key, "pass") &&
		    (sscanf(value, "%u/%u%c", &num, &den, &extra) != 2 || !num || num >= den ||
		     den > 1000)) {
			snprintf(errbuf, sizeof errbuf,
			         _("%s.%s must be a fraction below 1 such as 1/2 or 2/3"),
			         keys[i].section, keys[i].key);
			return 0;
		}
		if (!strcmp(keys[i].key, "group") && *value && !getgrnam(value)) {
			snprintf(errbuf, sizeof errbuf, _("%s.%s: there is no group named '%s'"),
			         keys[i].section, keys[i].key, value);
			return 0;
		}
		if (!strcmp(keys[i].key, "color") && strcmp(value, "auto") &&
		    strcmp(value, "always") && strcmp(value, "never")) {
			snprintf(errbuf, sizeof errbuf, _("%s.%s must be auto, always or never"),
			         keys[i].section, keys[i].key);
			return 0;
		}
		if (!strcmp(keys[i].key, "prorate") && strcmp(value, "months") &&
		    strcmp(value, "days") && strcmp(value, "none")) {
			snprintf(errbuf, sizeof errbuf, _("%s.%s must be months, days or none"),
			         keys[i].section, keys[i].key);
			return 0;
		}
		if (!strcmp(keys[i].key, "rankings") && strcmp(value, "clerks") &&
		    strcmp(value, "deputies") && strcmp(value, "public")) {
			snprintf(errbuf, sizeof errbuf,
			         _("%s.%s must be clerks, deputies or public"), keys[i].section,
			         keys[i].key);
			return 0;
		}
		char why[256];
		/* The default zone is taken even where the host lacks tzdata (clock_set_zone). */
		if (!strcmp(keys[i].key, "timezone") && strcmp(value, CLOCK_ZONE_DEFAULT) &&
		    !clock_zone_valid(value, why, sizeof why)) {
			snprintf(errbuf, sizeof errbuf, "%s.%s: %s", keys[i].section, keys[i].key,
			         why);
			return 0;
		}
		free(*s);
		/* A relative database path is relative to the file that names it. */
		const char *slash = cur_file ? strrchr(cur_file, '/') : NULL;
		if (!strcmp(keys[i].key, "path") && value[0] && value[0] != '/' && slash)
			*s = xasprintf("%.*s/%s", (int)(slash - cur_file), cur_file, value);
		else
			*s = xstrdup(value);
		return 1;
	}
	case C_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < keys[i].min || v > keys[i].max) {
			snprintf(errbuf, sizeof errbuf,
			         _("%s.%s must be a whole number from %d to %d"), keys[i].section,
			         keys[i].key, keys[i].min, keys[i].max);
			return 0;
		}
		*(int *)field = (int)v;
		return 1;
	}
	case C_BOOL:
		if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1"))
			*(bool *)field = true;
		else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0"))
			*(bool *)field = false;
		else {
			snprintf(errbuf, sizeof errbuf, _("%s.%s must be true or false"),
			         keys[i].section, keys[i].key);
			return 0;
		}
		return 1;
	}
	return 0;
}

/* Feeds inih one line at a time, so a rejected key's message goes with its own line. */
struct reader {
	FILE *f;
	int line; /* lines read so far */
	int bad;  /* line of the first key the handler rejected; 0 when none */
};

static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	if (r->bad)
		return NULL; /* stop at the first rejected key: errbuf describes that line */
	r->line++;
	return fgets(str, num, r->f);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(section, keys[i].section) && !strcmp(name, keys[i].key)) {
			if (cur_user && restrict_user && strcmp(section, "ui")) {
				snprintf(errbuf, sizeof errbuf,
				         _("[%s] %s is the committee's setting, kept in %s on this "
				           "host; "
				           "your own file may set [ui] keys only"),
				         section, name, SYSCONFDIR "/renda.conf");
				r->bad = r->line;
				return 0;
			}
			if (set_key(i, value))
				return 1;
			r->bad = r->line;
			return 0;
		}
	snprintf(errbuf, sizeof errbuf, _("unknown key '%s' in section [%s]"), name, section);
	r->bad = r->line;
	return 0;
}

static void defaults(void)
{
	conf_free();
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].def)
			set_key(i, keys[i].def);
}

static int load_file(const char *path, bool must_exist, bool user)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!must_exist && errno == ENOENT)
			return RD_OK;
		return err_set(RD_INVALID, _("cannot read configuration %s: %s"), path,
		               strerror(errno));
	}
	struct reader r = {f, 0, 0};
	cur_file = path;
	cur_user = user;
	int line = ini_parse_stream(read_line, &r, handler, &r);
	cur_file = NULL;
	cur_user = false;
	fclose(f);
	if (line > 0)
		return err_set(
		    RD_INVALID, "%s:%d: %s", path, line,
		    line == r.bad ? errbuf : _("syntax error (expected [section] or key = value)"));
	if (line < 0)
		return err_set(RD_INVALID, _("cannot read configuration %s"), path);
	return RD_OK;
}

static int load_all(const char *path)
{
	defaults();
	if (path)
		return load_file(path, true, true);
	char *sys = paths_sysconf_file();
	int rc = load_file(sys, false, false);
	free(sys);
	if (rc)
		return rc;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *user = NULL;
	if (xdg && *xdg)
		user = xasprintf("%s/renda/renda.conf", xdg);
	else if (home && *home)
		user = xasprintf("%s/.config/renda/renda.conf", home);
	if (user)
		rc = load_file(user, false, true);
	free(user);
	return rc;
}

int conf_load(const char *path)
{
	int rc = load_all(path);
	return rc ? rc : clock_set_zone(conf.timezone);
}

void conf_free(void)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].type == C_STR) {
			char **s = (char **)((char *)&conf + keys[i].off);
			free(*s);
			*s = NULL;
		}
}
