#include "config.h"

#include <string.h>

#include "model/case/case.h"
#include "model/case/case_stats.h"
#include "model/core/demo_gen.h"
#include "model/finance/fin_stats.h"
#include "model/finance/policy.h"
#include "model/finance/warning.h"
#include "model/suggestion/sugg_stats.h"
#include "model/suggestion/suggestion.h"
#include "cli/cli.h"
#include "modules.h"
#include "tui/modscr.h"
#include "util/i18n.h"

/* The commands and console callbacks of each module (cli/cmd_*.c, tui/mod_*.c). */
extern const struct cli_cmd cli_deputy_cmds[], cli_case_cmds[], cli_suggestion_cmds[];
extern const struct cli_cmd cli_finance_cmds[], cli_policy_cmds[];

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
    {"finance", N_("Finance supervision"),
     N_("财经联网监督: budget execution from the total to a department to a project, revenue, "
        "三公经费, projects, audits, performance, state assets, imports"),
     N_("finance data"), NULL, NULL, NULL, cli_finance_cmds, &finance_console, demo_finance,
     fin_stat_providers},
    {"warning", N_("Finance warnings"),
     N_("Raised by the rules after each import: self-check by the department, verification"),
     N_("finance warnings"), NULL, &warning_flow, &warning_model, NULL, &warning_console, NULL,
     warning_stat_providers},
    {"policy", N_("Policies and regulations"),
     N_("The library the warning rules cite: issuer, number, validity, full-text search"),
     N_("documents of the library"), NULL, NULL, &policy_model, cli_policy_cmds,
     &policy_console, NULL, NULL},
    {"case", N_("Voter issues"),
     N_("码上提、马上办: cases, their steps and deadlines, search, statistics"), N_("voter issues"),
     N_("Their voter issues"), &case_flow, &case_model, cli_case_cmds, &case_console, demo_cases,
     case_stat_providers},
};
const int nmodules = (int)(sizeof modules / sizeof modules[0]);

const struct module *module_find(const char *name)
{
	for (int i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	return NULL;
}
