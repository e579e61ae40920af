#include "config.h"

#include <string.h>

#include "model/activity/activity.h"
#include "model/activity/activity_stats.h"
#include "model/case/case.h"
#include "model/case/case_stats.h"
#include "model/core/demo_gen.h"
#include "model/points/points_stats.h"
#include "model/suggestion/sugg_stats.h"
#include "model/suggestion/suggestion.h"
#include "cli/cli.h"
#include "modules.h"
#include "tui/modscr.h"
#include "util/i18n.h"

/* The commands and console callbacks of each module (cli/cmd_*.c, tui/mod_*.c). */
extern const struct cli_cmd cli_deputy_cmds[], cli_case_cmds[], cli_suggestion_cmds[],
    cli_activity_cmds[], cli_points_cmds[];

/* In the order of the main menu. */
const struct module modules[] = {
    {"deputy", N_("Deputies"),
     N_("The roster of city and town deputies: pages, leaving office, QR codes, CSV"),
     N_("deputies"), NULL, NULL, NULL, cli_deputy_cmds, &deputy_console, NULL, NULL},
    {"suggestion", N_("Motions and suggestions"),
     N_("Deputies' motions and suggestions (议案建议): co-signing, review, units, replies"),
     N_("motions and suggestions"), N_("Their motions and suggestions"), &suggestion_flow,
     &suggestion_model, cli_suggestion_cmds, &sugg_console, demo_suggestions,
     sugg_stat_providers},
    {"case", N_("Voter issues"),
     N_("码上提、马上办: cases, their steps and deadlines, search, statistics"), N_("voter issues"),
     N_("Their voter issues"), &case_flow, &case_model, cli_case_cmds, &case_console, demo_cases,
     case_stat_providers},
    {"activity", N_("Activities of deputies"),
     N_("履职活动: planning, sign-up (点单), confirmation, attendance (出席 / 请假 / 缺席)"),
     N_("activities"), N_("Their activities"), &activity_flow, &activity_model,
     cli_activity_cmds, &activity_console, demo_activities, activity_stat_providers},
    {"points", N_("Duty points"),
     N_("履职积分: rankings by year, level, town and group; each total line by line; rules"),
     N_("duty points"), NULL, NULL, NULL, cli_points_cmds, &points_console, NULL,
     points_stat_providers},
};
const int nmodules = (int)(sizeof modules / sizeof modules[0]);

const struct module *module_find(const char *name)
{
	for (int i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	return NULL;
}
