/*
 * The policies and regulations library in the console: the views of its
 * menu, the fields of a document's page, adding a document (a form), editing
 * one from its page (e), and importing a file of documents. The list with its
 * full-text (/) and regular-expression (R) searches and the page are the
 * registry's generic screens (scr_records.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/module.h"
#include "model/finance/policy.h"
#include "tui/formscr.h"
#include "tui/importscr.h"
#include "tui/list.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const struct mod_field fields[] = {
    {"title", N_("Title"), 0},
    {"number", N_("Number (文号)"), MV_SKIP_EMPTY},
    {"issuer", N_("Issuer"), 0},
    {"issued_on", N_("Issued on"), 0},
    {"validity", N_("Validity"), 0},
    {"cited_by", N_("Cited by the rules"), MV_SKIP_EMPTY},
    {"text", N_("Full text"), 0},
    {"updated_at", N_("Changed at"), MV_MINUTE},
    {"id", N_("Id"), 0},
    {"version", N_("Version"), 0},
};

static char *show(const struct tbl *rec, const char *key)
{
	const char *v = tbl_get(rec, 0, key);
	if (!strcmp(key, "validity"))
		return xstrdup(!strcmp(v, "in_force")  ? _("in force")
		               : !strcmp(v, "amended") ? _("amended")
		                                       : _("repealed"));
	return NULL;
}

static void part_row(const char *part, const struct tbl *t, int row, struct vw_data *d)
{
	(void)part;
	char *label = xasprintf("%s %s", tbl_get(t, row, "code"), tbl_get(t, row, "name"));
	vw_add(d, false, label, tbl_get(t, row, "basis"), NULL);
	free(label);
}

static bool may_add(void)
{
	return policy_may_write(&tui.sc);
}

/* ---- adding and editing ------------------------------------------------------------- */

/* The fields of the form "policy" as the model takes them. */
static struct policy_fields fields_of(const struct form_def *d, char *const *v)
{
	return (struct policy_fields){fs_value(d, v, "title"),    fs_value(d, v, "issuer"),
	                              fs_value(d, v, "number"),   fs_value(d, v, "issued_on"),
	                              fs_value(d, v, "validity"), fs_value(d, v, "text")};
}

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	struct policy_fields f = fields_of(form_find("policy"), v);
	int64_t id;
	int rc = policy_add(tui.db, &tui.sc, &f, &id);
	if (!rc)
		lw_select_new("policies and regulations", id);
	return rc;
}

static int add(void)
{
	const struct form_def *d = form_find("policy");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "policy");
	struct fs_spec spec = {
	    .form = d,
	    .title = xstrdup(_("New document of the library")),
	    .save = add_save,
	};
	return tui_push(&scr_form, &spec);
}

static int64_t editing;

static int edit_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	struct policy_fields f = fields_of(form_find("policy"), v);
	return policy_edit(tui.db, &tui.sc, editing, &f, version);
}

/* The document as stored now, for a save that met another clerk's change. */
static int edit_theirs(void *ctx, char ***values, int64_t *version)
{
	(void)ctx;
	const struct form_def *d = form_find("policy");
	struct tbl rec;
	int rc = policy_model.record(tui.db, &tui.sc, editing, &rec);
	if (rc)
		return rc;
	*values = xcalloc((size_t)d->nfields, sizeof **values);
	for (int i = 0; i < d->nfields; i++)
		(*values)[i] = xstrdup(tbl_get(&rec, 0, d->fields[i].key));
	*version = strtoll(tbl_get(&rec, 0, "version"), NULL, 10);
	tbl_free(&rec);
	return RD_OK;
}

static bool can(enum action a)
{
	return a == ACT_EDIT && policy_may_write(&tui.sc);
}

static int act(enum action a, int64_t id, const char *name)
{
	if (a != ACT_EDIT)
		return RD_OK;
	if (!policy_may_write(&tui.sc)) {
		tui_error(_("Your role (%s) does not change the library"), role_label(tui.sc.role));
		return RD_OK;
	}
	const struct form_def *d = form_find("policy");
	if (!d)
		return err_set(RD_FAIL, _("no form '%s' among the forms"), "policy");
	char **values;
	int64_t version;
	editing = id;
	int rc = edit_theirs(NULL, &values, &version);
	if (rc)
		return rc;
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("Document %s"), name),
	    .values = values,
	    .version = version,
	    .save = edit_save,
	    .theirs = edit_theirs,
	    .entity = "policy",
	    .id = id,
	};
	return tui_push(&scr_form, &spec);
}

/* ---- import ---------------------------------------------------------------------------- */

static int run_import(void *ctx, const char *path, struct import_report *rep)
{
	(void)ctx;
	return policy_import(tui.db, &tui.sc, path, rep);
}

static void import_file(void *ctx, const char *path)
{
	(void)ctx;
	if (!path || !*path)
		return;
	char *title = xasprintf(_("Importing documents from %s"), path);
	struct imp_spec spec = {
	    .progress = title,
	    .report = _("Import of documents"),
	    .run = run_import,
	};
	imp_run(&spec, path);
	free(title);
}

static int import(void)
{
	tui_prompt(_("Import documents from a CSV or XLSX file:"), "", import_file, NULL, NULL);
	return RD_OK;
}

static const struct mod_view views[] = {
    {N_("All documents"),
     N_("The library, newest first: / searches the full text (one or two characters too), R a "
        "pattern"),
     "", NULL},
    {N_("In force"), N_("Documents still in force"), "validity=in_force", NULL},
    {N_("Repealed"), N_("Documents no longer in force"), "validity=repealed", NULL},
};

const struct mod_console policy_console = {
    .one = N_("document %s"),
    .page_title = N_("Document %s: %s"),
    .views = views,
    .nviews = N_OF(views),
    .fields = fields,
    .nfields = N_OF(fields),
    .show = show,
    .part_row = part_row,
    .select_form = "policy-select",
    .may_add = may_add,
    .add = add,
    .import = import,
    .keys = KC_RECORD,
    .act = act,
    .can = can,
};
