#include "config.h"

#include <string.h>

#include "model/activity/activity.h"
#include "model/activity/activity_stats.h"
#include "model/activity/activity_sync.h"
#include "model/case/case.h"
#include "export/report_cases.h"
#include "export/report_cockpit.h"
#include "export/report_finance.h"
#include "export/report_points.h"
#include "export/report_projects.h"
#include "export/report_sugg.h"
#include "model/case/case_stats.h"
#include "model/case/case_sync.h"
#include "model/core/demo_gen.h"
#include "model/deputy/deputy.h"
#include "model/deputy/deputy_sync.h"
#include "model/project/project.h"
#include "model/project/project_stats.h"
#include "model/project/project_sync.h"
#include "model/finance/fin_stats.h"
#include "model/finance/finance.h"
#include "model/finance/policy.h"
#include "model/finance/warning.h"
#include "model/points/points.h"
#include "model/points/points_stats.h"
#include "model/suggestion/sugg_stats.h"
#include "model/suggestion/sugg_sync.h"
#include "model/suggestion/suggestion.h"
#include "cli/cli.h"
#include "modules.h"
#include "tui/modscr.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The commands and console callbacks of each module (cli/cmd_*.c, tui/mod_*.c). */
extern const struct cli_cmd cli_deputy_cmds[], cli_case_cmds[], cli_suggestion_cmds[];
extern const struct cli_cmd cli_finance_cmds[], cli_policy_cmds[];
/* The modules' parts in the duty points (model/points/points.h). */
extern const struct points_def activity_points, case_points, sugg_points, project_points;
extern const struct cli_cmd cli_project_cmds[], cli_pcycle_cmds[], cli_pproposal_cmds[],
    cli_popinion_cmds[];
extern const struct cli_cmd cli_deputy_cmds[], cli_case_cmds[], cli_suggestion_cmds[],
    cli_activity_cmds[], cli_points_cmds[];
extern const struct cli_cmd cli_cockpit_cmds[];

/* The cockpit reads the other modules' tables; its own holds the figures of past days kept
   between readings (schema 24), made again in each database: nothing of it travels. */
static const char *const cockpit_tables[] = {"cockpit_kept", NULL};

/* In the order of the main menu; fields not named are NULL (none). */
/* The finance data is the city's (fin_may_read: the towns do not see it): imported and
   kept at the city, never exchanged. */
static const char *const fin_tables[] = {
    "fin_import", "fin_change", "fin_budget", "fin_revenue", "fin_sangong", "fin_project",
    "fin_audit",  "fin_asset",  "fin_perf",   "fin_rule",    "fin_review",  NULL,
};
static const char *const warning_tables[] = {"fin_warning", "fin_warning_unit", NULL};

const struct module modules[] = {
    {
        .name = "deputy",
        .label = N_("Deputies"),
        .desc = N_("The roster of city and town deputies: pages, leaving office, QR codes, CSV"),
        .items = N_("deputies"),
        .cli = cli_deputy_cmds,
        .console = &deputy_console,
        .may_open = deputy_may_read,
        .sync = &deputy_sync,
    },
    {
        .name = "suggestion",
        .label = N_("Motions and suggestions"),
        .desc = N_("Deputies' motions and suggestions (议案建议): co-signing, review, units, "
                   "replies"),
        .items = N_("motions and suggestions"),
        .theirs = N_("Their motions and suggestions"),
        .flow = &suggestion_flow,
        .model = &suggestion_model,
        .cli = cli_suggestion_cmds,
        .console = &sugg_console,
        .demo = demo_suggestions,
        .stats = sugg_stat_providers,
        .reports = sugg_reports,
        .sync = &suggestion_sync,
        .points = &sugg_points,
    },
    {
        .name = "case",
        .label = N_("Voter issues"),
        .desc = N_("码上提、马上办: cases, their steps and deadlines, search, statistics"),
        .items = N_("voter issues"),
        .theirs = N_("Their voter issues"),
        .flow = &case_flow,
        .model = &case_model,
        .cli = cli_case_cmds,
        .console = &case_console,
        .demo = demo_cases,
        .stats = case_stat_providers,
        .reports = case_reports,
        .sync = &case_sync,
        .points = &case_points,
    },
    {
        .name = "project",
        .label = N_("Livelihood projects"),
        .desc = N_("民生实事项目票决制: yearly cycles, the vote, supervision of the projects, "
                   "evaluation"),
        .items = N_("livelihood projects"),
        .flow = &project_flow,
        .model = &project_model,
        .cli = cli_project_cmds,
        .console = &project_console,
        .demo = demo_projects,
        .stats = project_stat_providers,
        .reports = project_reports,
        .sync = &project_sync,
    },
    {
        .name = "project-cycle",
        .label = N_("Yearly cycles of livelihood projects"),
        .desc = N_("Collection, the candidates, the vote and its tally sheets, the evaluation"),
        .items = N_("yearly cycles of livelihood projects"),
        .flow = &pcycle_flow,
        .model = &pcycle_model,
        .cli = cli_pcycle_cmds,
        .console = &pcycle_console,
        .group = "project cycle",
        .sync = &pcycle_sync,
    },
    {
        .name = "project-proposal",
        .label = N_("Proposals for livelihood projects"),
        .desc = N_("Proposals collected, adopted as candidates or not"),
        .items = N_("proposals for livelihood projects"),
        .theirs = N_("Their proposals for livelihood projects"),
        .flow = &pproposal_flow,
        .model = &pproposal_model,
        .cli = cli_pproposal_cmds,
        .console = &pproposal_console,
        .stats = proposal_stat_providers,
        .group = "project proposal",
        .sync = &pproposal_sync,
    },
    {
        .name = "project-opinion",
        .label = N_("Opinions on livelihood projects"),
        .desc = N_("Deputies' and groups' opinions (意见建议) and the departments' answers"),
        .items = N_("opinions on livelihood projects"),
        .theirs = N_("Their opinions on livelihood projects"),
        .flow = &popinion_flow,
        .model = &popinion_model,
        .cli = cli_popinion_cmds,
        .console = &popinion_console,
        .group = "project opinion",
        .sync = &popinion_sync,
        .points = &project_points,
    },
    {
        .name = "activity",
        .label = N_("Activities of deputies"),
        .desc = N_("履职活动: planning, sign-up (点单), confirmation, attendance (出席 / 请假 / "
                   "缺席)"),
        .items = N_("activities"),
        .theirs = N_("Their activities"),
        .flow = &activity_flow,
        .model = &activity_model,
        .cli = cli_activity_cmds,
        .console = &activity_console,
        .demo = demo_activities,
        .stats = activity_stat_providers,
        .may_open = activity_may_open,
        .sync = &activity_sync,
        .points = &activity_points,
    },
    {
        .name = "points",
        .label = N_("Duty points"),
        .desc = N_("履职积分: rankings by year, level, town and group; each total line by line; "
                   "rules"),
        .items = N_("duty points"),
        .cli = cli_points_cmds,
        .console = &points_console,
        .stats = points_stat_providers,
        .may_open = deputy_may_read,
        .sync = &points_sync,
        .points = &points_own,
        .reports = points_reports,
    },
    {
        .name = "finance",
        .label = N_("Finance supervision"),
        .desc = N_("财经联网监督: budget execution from the total to a department to a project, "
                   "revenue, 三公经费, projects, audits, performance, state assets, imports"),
        .items = N_("finance data"),
        .cli = cli_finance_cmds,
        .console = &finance_console,
        .demo = demo_finance,
        .stats = fin_stat_providers,
        .reports = fin_reports,
        .may_open = fin_may_read,
        .stays = fin_tables,
    },
    {
        .name = "warning",
        .label = N_("Finance warnings"),
        .desc = N_("Raised by the rules after each import: self-check by the department, "
                   "verification"),
        .items = N_("finance warnings"),
        .flow = &warning_flow,
        .model = &warning_model,
        .console = &warning_console,
        .stats = warning_stat_providers,
        .may_open = fin_may_read,
        .stays = warning_tables,
    },
    {
        .name = "policy",
        .label = N_("Policies and regulations"),
        .desc = N_("The library the warning rules cite: issuer, number, validity, full-text "
                   "search"),
        .items = N_("documents of the library"),
        .model = &policy_model,
        .cli = cli_policy_cmds,
        .console = &policy_console,
        .sync = &policy_sync,
    },
    {
        .name = "cockpit",
        .label = N_("Data cockpit"),
        .desc = N_("数据驾驶舱: the main figures of every part at a glance; each figure "
                   "opens its records"),
        .items = N_("figures"),
        .cli = cli_cockpit_cmds,
        .console = &cockpit_console,
        .reports = cockpit_reports,
        .stays = cockpit_tables,
    },
};
const int nmodules = N_OF(modules);

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
