/*
 * Database care, the administrator's (DESIGN 5): a backup while others work, the
 * checks of renda check, the audit trail's head to note down outside the host, and the
 * voter issues' search indexes rebuilt: what renda backup, check, audit anchor and case
 * reindex do, from the main menu.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/case/case.h"
#include "model/core/admin.h"
#include "model/core/audit.h"
#include "model/core/db.h"
#include "tui/progress.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- a report as a view ---------------------------------------------------------- */

/* Adds text's lines as rows, each "what: how" (or "what：how") split in two; marked when
   mark is set. */
static void add_lines(struct vw_data *d, const char *text, bool mark, const char *label)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xasprintf("%.*s", (int)len, p);
		char *colon = label ? NULL : strstr(line, ": ");
		char *wide = label ? NULL : strstr(line, "\xEF\xBC\x9A");
		if (wide && (!colon || wide < colon)) {
			*wide = '\0';
			vw_add(d, mark, line, wide + 3, NULL);
		} else if (colon) {
			*colon = '\0';
			vw_add(d, mark, line, colon + 2, NULL);
		} else
			vw_add(d, mark, label ? label : "", line, NULL);
		free(line);
		p += len + (nl != NULL);
	}
}

/* ---- backup ---------------------------------------------------------------------- */

static void backed_up(const char *path)
{
	tui_info(_("Backed up to %s (with its audit key)."), path);
}

static void backup_over(void *ctx, bool yes)
{
	char *path = ctx;
	if (yes) {
		struct pg *pg = pg_begin(_("Backing up the database"));
		int rc = admin_backup(tui.db, path, true);
		pg_end(pg);
		if (rc)
			err_report();
		else
			backed_up(path);
	}
	free(path);
}

static void backup_to(void *ctx, const char *path)
{
	(void)ctx;
	if (!path)
		return;
	struct pg *pg = pg_begin(_("Backing up the database"));
	char *home = NULL;
	int rc = *path ? admin_backup(tui.db, path, false) : admin_backup_home(tui.db, &home);
	pg_end(pg);
	if (rc == RD_EXISTS && *path) {
		char *q = xasprintf(_("%s (or its key) exists. Replace it?"), path);
		tui_ask(q, backup_over, xstrdup(path));
		free(q);
	} else if (rc)
		err_report();
	else
		backed_up(home ? home : path);
	free(home);
}

/* ---- the check --------------------------------------------------------------------- */

struct checked {
	struct sbuf report, warnings;
};

static int check_run(void *arg)
{
	struct checked *c = arg;
	return admin_check(tui.db, &c->report, &c->warnings);
}

static void check(void)
{
	struct checked c = {SBUF_INIT, SBUF_INIT};
	bool cancelled;
	int rc = pg_work(_("Checking the database"), check_run, &c, &cancelled);
	if (cancelled) {
		tui_info(_("Check cancelled."));
	} else {
		struct vw_data *d = xcalloc(1, sizeof *d);
		d->ncells = 2;
		vw_add(d, rc != RD_OK, _("Result"),
		       rc ? _("faults found: see the rows marked") : _("no fault found"), NULL);
		add_lines(d, sbuf_str(&c.report), rc != RD_OK, NULL);
		add_lines(d, sbuf_str(&c.warnings), true, _("Warning"));
		vw_show_rows(_("Check of the database"), d);
	}
	sbuf_free(&c.report);
	sbuf_free(&c.warnings);
}

/* ---- the audit trail's head --------------------------------------------------------- */

static void anchor(void)
{
	int64_t n = 0;
	if (scr_audit_verify(false))
		return;
	char head[65];
	if (audit_head(tui.db, head, &n)) {
		err_report();
		return;
	}
	/* The real clock, as renda audit anchor: an anchor dated otherwise proves nothing. */
	char at[CLOCK_BUF], num[24], shortform[24];
	clock_format(time(NULL), at);
	snprintf(num, sizeof num, "%lld", (long long)n);
	snprintf(shortform, sizeof shortform, "%.4s %.4s %.4s %.4s", head, head + 4, head + 8,
	         head + 12);
	struct vw_data *d = xcalloc(1, sizeof *d);
	d->ncells = 2;
	vw_add(d, false, _("Database"), db_path(tui.db), NULL);
	vw_add(d, false, _("Time"), at, NULL);
	vw_add(d, false, _("Rows"), num, NULL);
	vw_add(d, false, _("Head"), head, NULL);
	vw_add(d, true, _("Short form"), shortform, NULL);
	vw_add(d, false, _("Later"),
	       _("write the short form down or mail it outside this host; renda audit verify "
	         "--head proves the trail still holds it"),
	       NULL);
	vw_show_rows(_("The audit trail's head"), d);
}

/* ---- the search indexes --------------------------------------------------------------- */

static int reindex_run(void *arg)
{
	(void)arg;
	return case_reindex(tui.db);
}

static void reindex(void *ctx, bool yes)
{
	(void)ctx;
	if (!yes)
		return;
	bool cancelled;
	int rc = pg_work(_("Rebuilding the search indexes"), reindex_run, NULL, &cancelled);
	if (cancelled)
		tui_info(_("Rebuilding cancelled: the indexes are as they were."));
	else if (rc)
		err_report();
	else
		tui_info(_("Rebuilt the search indexes of the voter issues."));
}

/* ---- the menu ------------------------------------------------------------------------ */

static const char *const labels[] = {
    N_("Back up now"),
    N_("Check"),
    N_("Audit anchor"),
    N_("Rebuild search"),
};
static const char *const descs[] = {
    N_("A consistent copy with its audit key, into backups/ or a file you name"),
    N_("The file, the audit trail, the records against it, the calendar (renda check)"),
    N_("The audit trail's head, to write down or mail outside this host"),
    N_("The voter issues' search indexes made again from the cases (after a restore)"),
};

static int chosen(void *ctx, int i)
{
	(void)ctx;
	switch (i) {
	case 0:
		tui_prompt(_("Back up to (empty: the backups directory beside the database):"), "",
		           backup_to, NULL, NULL);
		break;
	case 1: check(); break;
	case 2: anchor(); break;
	default:
		tui_ask(_("Rebuild the search indexes of every voter issue now? Others wait while "
		          "it writes."),
		        reindex, NULL);
		break;
	}
	return SK_HANDLED;
}

int scr_care_menu(void)
{
	if (scope_require_admin(&tui.sc))
		return RD_DENIED;
	struct menu_spec spec = {N_("Database care"), N_OF(labels), labels, descs, chosen, NULL, 0};
	return tui_push(&scr_menu, &spec);
}
