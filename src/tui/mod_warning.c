/*
 * Finance warnings in the console: the views of the module's menu and the
 * fields of a warning's page. The list, the page and the steps (send for
 * self-check, the department's report, verify, resolve, dismiss, notes) are
 * the registry's generic screens (scr_records.c, scr_step.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/finance/finance.h"
#include "model/finance/warning.h"
#include "tui/modscr.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const struct mod_field fields[] = {
    {"number", N_("No."), 0},
    {"severity", N_("Level"), 0},
    {"state", N_("State"), MV_LATE},
    {"selfcheck_due", N_("Self-check by"), MV_SKIP_EMPTY | MV_LATE},
    {"subject", N_("Subject"), 0},
    {"rule", N_("Rule"), 0},
    {"period", N_("Period"), 0},
    {"measure", N_("Measure"), 0},
    {"department", N_("Department"), MV_SKIP_EMPTY},
    {"lead_unit", N_("Sent to"), MV_SKIP_EMPTY},
    {"basis", N_("Basis"), MV_SKIP_EMPTY},
    {"policy", N_("Policy document"), MV_SKIP_EMPTY},
    {"dataset", N_("Dataset"), 0},
    {"import", N_("Raised by import"), MV_SKIP_EMPTY},
    {"created_at", N_("Raised at"), MV_MINUTE},
    {"closed_at", N_("Closed at"), MV_SKIP_EMPTY | MV_MINUTE},
    {"rule_code", N_("Rule code"), 0},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "state")) {
		const char *s = flow_state_label(&warning_flow, v);
		return !strcmp(tbl_get(rec, 0, "overdue"), "1") ? xasprintf(_("%s  ! OVERDUE"), s)
		                                                : xstrdup(s);
	}
	if (!strcmp(key, "severity"))
		return xstrdup(!strcmp(v, "red") ? _("red") : _("yellow"));
	if (!strcmp(key, "dataset")) {
		const struct fin_dataset *d = fin_dataset_find(v);
		return xstrdup(d ? _(d->label) : v);
	}
	return NULL;
}

static void part_row(const char *part, const struct tbl *t, int row, struct vw_data *d)
{
	(void)part;
	(void)t;
	(void)row;
	(void)d;
}

static const struct mod_view views[] = {
    {N_("Open warnings"), N_("Open, sent for self-check or verified: the reasons to look now"),
     "state=open", NULL},
    {N_("Sent for self-check"), N_("Waiting for the department's self-check report"), "state=sent",
     NULL},
    {N_("Self-check overdue"), N_("The department's report is past its deadline"), "overdue=1",
     NULL},
    {N_("Red warnings"), N_("Those past the red threshold of their rule"), "severity=red", NULL},
    {N_("All warnings"), N_("Every warning in your scope, newest first"), "", NULL},
    {N_("Statistics"), N_("By rule, level, state, department, month: on-time self-check rate"),
     NULL, NULL},
};

const struct mod_console warning_console = {
    .one = N_("warning %s"),
    .page_title = N_("Warning %s: %s"),
    .views = views,
    .nviews = N_OF(views),
    .fields = fields,
    .nfields = N_OF(fields),
    .show = show,
    .part_row = part_row,
    .select_form = "warning-select",
};
