#include "config.h"

#include <string.h>

#include "model/case/case.h"
#include "model/case/case_stats.h"
#include "model/core/demo_gen.h"
#include "model/project/project.h"
#include "model/project/project_stats.h"
#include "model/suggestion/sugg_stats.h"
#include "model/suggestion/suggestion.h"
#include "cli/cli.h"
#include "modules.h"
#include "tui/modscr.h"
#include "util/i18n.h"

/* The commands and console callbacks of each module (cli/cmd_*.c, tui/mod_*.c). */
extern const struct cli_cmd cli_deputy_cmds[], cli_case_cmds[], cli_suggestion_cmds[];
extern const struct cli_cmd cli_project_cmds[], cli_pcycle_cmds[], cli_pproposal_cmds[],
    cli_popinion_cmds[];

/* In the order of the main menu. */
const struct module modules[] = {
    {"deputy", N_("Deputies"),
     N_("The roster of city and town deputies: pages, leaving office, QR codes, CSV"),
     N_("deputies"), NULL, NULL, NULL, cli_deputy_cmds, &deputy_console, NULL, NULL, NULL},
    {"suggestion", N_("Motions and suggestions"),
     N_("Deputies' motions and suggestions (议案建议): co-signing, review, units, replies"),
     N_("motions and suggestions"), N_("Their motions and suggestions"), &suggestion_flow,
     &suggestion_model, cli_suggestion_cmds, &sugg_console, demo_suggestions,
     sugg_stat_providers, NULL},
    {"case", N_("Voter issues"),
     N_("码上提、马上办: cases, their steps and deadlines, search, statistics"), N_("voter issues"),
     N_("Their voter issues"), &case_flow, &case_model, cli_case_cmds, &case_console, demo_cases,
     case_stat_providers, NULL},
    {"project", N_("Livelihood projects"),
     N_("民生实事项目票决制: yearly cycles, the vote, supervision of the projects, evaluation"),
     N_("livelihood projects"), NULL, &project_flow, &project_model, cli_project_cmds,
     &project_console, demo_projects, project_stat_providers, NULL},
    {"project-cycle", N_("Yearly cycles of livelihood projects"),
     N_("Collection, the candidates, the vote and its tally sheets, the evaluation"),
     N_("yearly cycles of livelihood projects"), NULL, &pcycle_flow, &pcycle_model,
     cli_pcycle_cmds, &pcycle_console, NULL, NULL, "project cycle"},
    {"project-proposal", N_("Proposals for livelihood projects"),
     N_("Proposals collected, adopted as candidates or not"),
     N_("proposals for livelihood projects"), N_("Their proposals for livelihood projects"),
     &pproposal_flow, &pproposal_model, cli_pproposal_cmds, &pproposal_console, NULL,
     project_stat_providers + 1, "project proposal"},
    {"project-opinion", N_("Opinions on livelihood projects"),
     N_("Deputies' and groups' opinions (意见建议) and the departments' answers"),
     N_("opinions on livelihood projects"), N_("Their opinions on livelihood projects"),
     &popinion_flow, &popinion_model, cli_popinion_cmds, &popinion_console, NULL, NULL,
     "project opinion"},
};
const int nmodules = (int)(sizeof modules / sizeof modules[0]);

const struct module *module_find(const char *name)
{
	for (int i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	return NULL;
}

const char *module_words(const struct module *m)
{
	return m->group ? m->group : m->name;
}
