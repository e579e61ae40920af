/*
 * The configuration: SYSCONFDIR/renda.conf (see paths_sysconf_file()), then
 * $XDG_CONFIG_HOME/renda/renda.conf (or the file given with --config alone).
 * INI format: [section] and key = value. Every key is listed in conf.c's table and in
 * renda.conf(5).
 */
#ifndef RENDA_CONF_H
#define RENDA_CONF_H

#include <stdbool.h>

struct conf {
	char *db_path;       /* [database] path */
	int busy_timeout_ms; /* [database] busy_timeout */
	char *qr_base_url;   /* [qr] base_url */
	char *qr_ec_level;   /* [qr] error_correction: L M Q H */
	char *qr_card_note;  /* [qr] card_note: the print sheet's line for voters (NULL: default) */
	bool ascii_borders;  /* [ui] ascii_borders */
	bool mouse;          /* [ui] mouse */
	char *color;         /* [ui] color: auto, always, never */
	int due_soon_days;   /* [workflow] due_soon_days */
	int motion_min_city; /* [workflow] motion_deputies_city: deputies jointly, the lead too */
	int motion_min_town; /* [workflow] motion_deputies_town */
	char *timezone;      /* [site] timezone: the committee's zone (util/datetime.h) */
	char *report_issuer; /* [report] issuer: the body named on reports' covers */
	int project_choose;  /* [project] choose: projects a new cycle chooses */
	int project_candidates; /* [project] candidates: candidates on its ballot, at least */
	char *project_pass;     /* [project] pass: yes votes must be more than this share */
	int project_bottom;     /* [project] bottom: the last K by satisfaction */
	char *files_group;      /* [files] group: files with personal data are 0640 in it */
	int pattern_seconds;    /* [search] pattern_seconds: a CLI scan by pattern stops after */
	char *points_prorate;   /* [points] prorate: months, days or none (part of a year served) */
	char *points_rankings;  /* [points] rankings: clerks, deputies or public (who sees them) */
};

/* The configuration in force (defaults until conf_load()). */
extern struct conf conf;

/*
 * Loads the configuration. With path, only that file (which must exist);
 * otherwise the system file and then the user's file, both optional.
 * Returns RD_OK or RD_INVALID with "file:line: reason" in err_msg().
 * On success the configured time zone becomes the process's (clock_set_zone()).
 */
int conf_load(const char *path);
/*
 * In a setgid run the committee's settings come from the system file alone: the
 * user's own file may then set [ui] keys only (others are refused with file:line).
 */
void conf_restrict_user(bool on);
void conf_free(void);

#endif
