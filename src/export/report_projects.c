#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export/report_projects.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/core/db.h"
#include "model/core/tbl.h"
#include "model/project/project_stats.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The tables of the workbook: those of "projects", then the collection by congress. */
enum { T_PROPOSALS = PS_BY_COUNT, T_COUNT };

struct report {
	struct statbook b;
	struct stat_table tables[T_COUNT];
	struct stat_table prev; /* the previous year, by level */
	char *names[T_COUNT];   /* the sheets of the tables */
	const struct report_query *o;
	int year;
	char *asof, *town;
};

static char *sheet_title(struct report *r, const char *what)
{
	char *t = xasprintf(_("%s: %s"), r->b.title, what);
	if (!r->town)
		return t;
	char *tt = xasprintf(_("%s, %s"), t, r->town);
	free(t);
	return tt;
}

/* The cover block, the year's figures beside the previous year's, and the charts. */
static int write_summary(struct report *r, lxw_worksheet *ws)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 40);
	sb_summary_rows(ws);
	lxw_row_t row = 0;
	const struct sb_formats *f = &r->b.f;
	if (conf.report_issuer && *conf.report_issuer) {
		worksheet_set_row(ws, row, 20, NULL);
		worksheet_write_string(ws, row++, 0, conf.report_issuer, f->cover_body);
	}
	worksheet_set_row(ws, row, 28, NULL);
	worksheet_write_string(ws, row++, 0, r->b.title, f->cover_title);
	worksheet_write_string(ws, row++, 0, r->asof, f->cover_body);
	row++;
	char *head = xasprintf(_("Year %d"), r->year), *prev = xasprintf(_("Year %d"), r->year - 1);
	row = sb_figures(&r->b, &s, row, &r->tables[PS_BY_LEVEL], &r->prev, head, prev) + 1;
	free(head);
	free(prev);
	static const int progress[] = {PS_PROGRESS, -1}, satisfaction[] = {PS_SATISFACTION, -1},
	                 answers[] = {PS_ANSWER_RATE, PS_SATISFACTION, -1};
	struct sb_chart_spec c[6];
	char *titles[6] = {0};
	int n = 0;
	const struct {
		int t;
		const char *title;
		const int *cols;
	} charts[] = {
	    {PS_BY_TOWN, N_("Projects by congress"), NULL},
	    {PS_BY_TOWN, N_("Opinions answered in time and satisfaction by congress"), answers},
	    {PS_BY_PROJECT, N_("Progress by project (%)"), progress},
	    {PS_BY_SATISFACTION, N_("Satisfaction by project (%)"), satisfaction},
	    {T_PROPOSALS, N_("Proposals collected by congress"), NULL},
	};
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		const struct stat_table *t = &r->tables[charts[i].t];
		if (!t->n)
			continue;
		titles[n] =
		    t->long_keys && t->n > STAT_CHART_TOP
		        ? xasprintf(_("%s (the first %d)"), _(charts[i].title), STAT_CHART_TOP)
		        : xstrdup(_(charts[i].title));
		c[n] = (struct sb_chart_spec){t, r->names[charts[i].t], titles[n], false,
		                              charts[i].cols};
		n++;
	}
	sb_summary(&r->b, ws, row, c, n);
	for (int i = 0; i < n; i++)
		free(titles[i]);
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* Every project, one row each. */
static int write_projects(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                          long *count)
{
	static const struct {
		const char *key, *label;
		bool number;
		int cap;
	} cols[] = {
	    {"number", N_("No."), false, 14},
	    {"congress", N_("Congress"), false, 10},
	    {"title", N_("Title"), false, 30},
	    {"unit", N_("Lead department"), false, 24},
	    {"team", N_("\"Three ones\" team"), false, 36},
	    {"state", N_("State"), false, 12},
	    {"percent", N_("Done (%)"), true, 8},
	    {"budget", N_("Budget (yuan)"), true, 14},
	    {"spent", N_("Spent (yuan)"), true, 14},
	    {"updates", N_("Progress updates"), true, 8},
	    {"opinions", N_("Opinions"), true, 8},
	    {"answered", N_("Opinions answered"), true, 8},
	    {"rating", N_("Rating"), false, 10},
	    {"satisfaction", N_("Satisfaction rate"), true, 10},
	    {"rank", N_("Rank"), true, 6},
	};
	enum { NC = sizeof cols / sizeof cols[0] };
	struct stat_query q = {.year = r->year, .town = r->o->town};
	struct tbl t;
	int rc = project_stat_detail(db, sc, &q, &t);
	if (rc)
		return rc;
	struct xsheet s;
	xsheet_init(&s, ws, NC, 0);
	char *title = sheet_title(r, _("every project"));
	lxw_row_t top = sb_title(&r->b, &s, title, NULL);
	free(title);
	worksheet_set_row(ws, top, 30, NULL);
	for (int c = 0; c < NC; c++) {
		s.cap[c] = cols[c].cap;
		xsheet_text(&s, top, c, _(cols[c].label), r->b.f.head);
	}
	lxw_row_t row = top;
	for (int i = 0; i < t.nrows; i++) {
		row++;
		for (int c = 0; c < NC; c++) {
			const char *v = tbl_get(&t, i, cols[c].key);
			if (cols[c].number && *v)
				xsheet_number(
				    &s, row, c, atof(v),
				    !strcmp(cols[c].key, "satisfaction") ? r->b.f.fixed : NULL, 6);
			else if (!cols[c].number)
				xsheet_text(&s, row, c, v, NULL);
		}
	}
	*count = t.nrows;
	tbl_free(&t);
	worksheet_freeze_panes(ws, top + 1, 1);
	worksheet_autofilter(ws, top, 0, row > top ? row : top + 1, NC - 1);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, true, 0, (int)top);
	if (e)
		return err_set(RD_FAIL, _("report: project sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* What the workbook holds, and how each figure is counted. */
static int write_about(struct report *r, lxw_worksheet *ws, const struct scope *sc, long n)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 90);
	lxw_row_t row = sb_title(&r->b, &s, r->b.title, NULL) + 1;
	char buf[64];
	snprintf(buf, sizeof buf, "%d", r->year);
	row = sb_line(&r->b, &s, row, _("Year"), buf);
	row =
	    sb_line(&r->b, &s, row, _("Projects included"),
	            _("the projects chosen by the vote of the year's cycles of the city's and the "
	              "towns' congresses, with their updates, opinions and evaluations"));
	row = sb_line(&r->b, &s, row, _("Scope"),
	              sc->role == ROLE_TOWN_CLERK && sc->town_name ? sc->town_name
	              : sc->role == ROLE_UNIT && sc->unit_name     ? sc->unit_name
	              : r->town                                    ? r->town
	                                                           : _("the city and every town"));
	row = sb_line(&r->b, &s, row, _("As of"), r->asof);
	snprintf(buf, sizeof buf, "%ld", n);
	row = sb_line(&r->b, &s, row, _("Projects listed"), buf);
	row = sb_line(&r->b, &s, row, _("Rounding"),
	              _("percentages are rounded half-up to two decimals (0.125% is shown as "
	                "0.13%)"));
	row = sb_line(&r->b, &s, row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	xsheet_text(&s, row++, 0, _("Sheets"), r->b.f.head);
	for (int i = 0; i < T_COUNT; i++)
		row = sb_line(&r->b, &s, row, r->names[i], r->tables[i].title);
	row++;
	xsheet_text(&s, row++, 0, _("Definitions"), r->b.f.head);
	row = sb_definitions(&r->b, &s, row, &r->tables[PS_BY_LEVEL]);
	sb_definitions(&r->b, &s, row, &r->tables[T_PROPOSALS]);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, false, -1, -1);
	if (e)
		return err_set(RD_FAIL, _("report: About sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

static int write_book(void *rv, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path, long *count)
{
	struct report *r = rv;
	struct stat_query q = {.year = r->year, .town = r->o->town};
	struct stat_query pq = {.year = r->year - 1, .town = r->o->town};
	int rc = RD_OK;
	for (int i = 0; i < PS_BY_COUNT && !rc; i++)
		rc = project_stats(db, sc, &q, i, &r->tables[i]);
	if (!rc)
		rc = proposal_stats(db, sc, &q, PP_BY_TOWN, &r->tables[T_PROPOSALS]);
	if (!rc)
		rc = project_stats(db, sc, &pq, PS_BY_LEVEL, &r->prev);
	if (rc)
		return rc;
	char *title = r->town ? xasprintf(_("Livelihood projects of %d: %s"), r->year, r->town)
	                      : xasprintf(_("Livelihood projects of %d"), r->year);
	rc = sb_open(&r->b, tmp, path, false, title, conf.report_issuer ? conf.report_issuer : "",
	             r->asof);
	free(title);
	if (rc)
		return rc;
	for (int i = 0; i < T_COUNT; i++) {
		char *t =
		    sheet_title(r, _(i == T_PROPOSALS ? proposal_stat_breakdowns[PP_BY_TOWN].title
		                                      : project_stat_breakdowns[i].title));
		free(r->tables[i].title);
		r->tables[i].title = t;
	}
	static const char *const labels[T_COUNT] = {N_("By level"), N_("By congress"),
	                                            N_("Progress"), N_("Satisfaction"),
	                                            N_("Collection")};
	char *summary = xsheet_name(_("Summary")), *projects = xsheet_name(_("Projects")),
	     *about = xsheet_name(_("About"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->b.wb, summary);
	lxw_worksheet *ws[T_COUNT];
	for (int i = 0; i < T_COUNT; i++) {
		r->names[i] = xsheet_name(_(labels[i]));
		ws[i] = workbook_add_worksheet(r->b.wb, r->names[i]);
		if (!ws[i] && !rc)
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[i]);
	}
	lxw_worksheet *ws_projects = workbook_add_worksheet(r->b.wb, projects);
	lxw_worksheet *ws_about = workbook_add_worksheet(r->b.wb, about);
	if (!rc && (!ws_sum || !ws_projects || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = write_summary(r, ws_sum);
	for (int i = 0; i < T_COUNT && !rc; i++)
		rc = sb_breakdown(&r->b, ws[i], &r->tables[i], r->names[i]);
	if (!rc)
		rc = write_projects(r, db, sc, ws_projects, count);
	if (!rc)
		rc = write_about(r, ws_about, sc, *count);
	free(summary);
	free(projects);
	free(about);
	int crc = sb_close(&r->b, path);
	return rc ? rc : crc;
}

int report_projects_write(sqlite3 *db, const struct scope *sc, const char *path,
                          const struct report_query *o, long *projects)
{
	*projects = 0;
	struct report r = {.o = o};
	struct stat_query q = {.year = o->year};
	r.year = stat_year(&q);
	if (o->town && *o->town &&
	    db_text(db, &r.town, "SELECT name FROM town WHERE name = ?1 OR code = ?1", "t",
	            o->town))
		return err_set(RD_INVALID, _("town: no town '%s'"), o->town);
	char *day = sb_day_words(clock_today());
	r.asof = xasprintf(_("figures as of %s"), day);
	free(day);
	int rc = report_write_file(db, sc, path, o->force, write_book, &r, projects);
	for (int i = 0; i < T_COUNT; i++) {
		stat_table_free(&r.tables[i]);
		free(r.names[i]);
	}
	stat_table_free(&r.prev);
	free(r.asof);
	free(r.town);
	return rc;
}

const struct report_def project_reports[] = {
    {"projects", N_("[--year Y] [--town T]"),
     N_("the workbook of livelihood projects for a year: figures, charts, every project"),
     REPORT_OPT_YEAR | REPORT_OPT_TOWN, report_projects_write,
     NP_("wrote %s: %ld project\n", "wrote %s: %ld projects\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
