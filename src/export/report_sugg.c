#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/report_sugg.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/core/db.h"
#include "model/suggestion/sugg_stats.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct report {
	struct statbook b;
	struct stat_table tables[SS_BY_COUNT];
	char *names[SS_BY_COUNT]; /* sheet names of the breakdowns */
	char *detail_name;
	const struct report_query *o;
	char *asof;
	char *what; /* the session's code and name, or "all sessions" */
};

/* Words of the scope: whose items the workbook holds (never an account's name). */
static const char *scope_words(const struct scope *sc)
{
	if (sc->role == ROLE_TOWN_CLERK && sc->town_name)
		return sc->town_name;
	if (sc->role == ROLE_UNIT && sc->unit_name)
		return sc->unit_name;
	return _("all towns and streets");
}

/* The summary: the cover block, the figures of all items, and the charts. */
static int write_summary(struct report *r, lxw_worksheet *ws)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 40);
	sb_summary_rows(ws);
	const struct sb_formats *f = &r->b.f;
	lxw_row_t row = 0;
	if (conf.report_issuer && *conf.report_issuer) {
		worksheet_set_row(ws, row, 20, NULL);
		worksheet_write_string(ws, row++, 0, conf.report_issuer, f->cover_body);
	}
	worksheet_set_row(ws, row, 28, NULL);
	worksheet_write_string(ws, row++, 0, r->b.title, f->cover_title);
	worksheet_write_string(ws, row++, 0, r->asof, f->cover_body);
	row++;
	row = sb_figures(&r->b, &s, row, &r->tables[SS_BY_KIND], NULL, _("All items"), NULL) + 1;
	static const int rates[] = {SS_CLOSED_RATE, SS_MEETING_RATE, SS_REPLY_RATE, SS_SATISFACTION,
	                            -1};
	struct sb_chart_spec c[SS_BY_COUNT + 1];
	int n = 0;
	static const int order[] = {SS_BY_UNIT, SS_BY_CATEGORY, SS_BY_CLASS, SS_BY_KIND,
	                            SS_BY_SESSION};
	char *titles[SS_BY_COUNT] = {0};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int by = order[i];
		const struct stat_table *t = &r->tables[by];
		if (!t->n)
			continue;
		const char *bare = _(sugg_stat_breakdowns[by].title);
		titles[i] = t->long_keys && t->n > STAT_CHART_TOP
		                ? xasprintf(_("%s (the first %d)"), bare, STAT_CHART_TOP)
		                : xstrdup(bare);
		c[n++] =
		    (struct sb_chart_spec){t, r->names[by], titles[i], by == SS_BY_CLASS, NULL};
		if (by == SS_BY_CATEGORY)
			c[n++] = (struct sb_chart_spec){t, r->names[by], _("Rates by category"),
			                                false, rates};
	}
	sb_summary(&r->b, ws, row, c, n);
	for (int i = 0; i < SS_BY_COUNT; i++)
		free(titles[i]);
	lxw_error e = s.err;
	xsheet_widths(&s);
	if (e)
		return err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/*
 * The items, one row each, with the columns given (a list ending in -1), under a
 * title row and a header row (frozen: only the header and the number column).
 * Returns the next free row in *end.
 */
static int write_items(struct report *r, sqlite3 *db, const struct scope *sc, lxw_worksheet *ws,
                       const char *title, const int *cols, long *count, lxw_row_t *end)
{
	struct stat_query q = {.session = r->o->session, .kind = r->o->kind};
	struct ss_detail *d = ss_detail_open(db, sc, &q, r->o->unit);
	if (!d)
		return RD_FAIL;
	int ncols = 0;
	while (cols[ncols] >= 0)
		ncols++;
	struct xsheet s;
	xsheet_init(&s, ws, ncols, 0);
	lxw_row_t top = sb_title(&r->b, &s, title, NULL);
	worksheet_set_row(ws, top, 30, NULL);
	for (int c = 0; c < ncols; c++) {
		s.cap[c] = ss_dcols[cols[c]].max_width;
		xsheet_text(&s, top, c, _(ss_dcols[cols[c]].label), r->b.f.head);
	}
	const char *vals[SS_NDCOLS];
	lxw_row_t row = top;
	int rc;
	while ((rc = ss_detail_next(d, vals)) == RD_OK) {
		row++;
		int lines = 1;
		for (int c = 0; c < ncols; c++)
			if (ss_dcols[cols[c]].kind == SD_LONG) {
				int l =
				    sb_text_lines(vals[cols[c]], ss_dcols[cols[c]].max_width, 8);
				if (l > lines)
					lines = l;
			}
		if (lines > 1)
			worksheet_set_row(ws, row, 15.0 * lines, NULL);
		for (int c = 0; c < ncols; c++) {
			const char *v = vals[cols[c]];
			switch (ss_dcols[cols[c]].kind) {
			case SD_COUNT: xsheet_number(&s, row, c, atof(v), NULL, 4); break;
			case SD_DATE: sb_date(&r->b, &s, row, c, v); break;
			case SD_LONG:
				if (*v)
					xsheet_text(&s, row, c, v, r->b.f.wrap);
				break;
			case SD_TEXT: xsheet_text(&s, row, c, v, NULL); break;
			}
		}
	}
	ss_detail_close(d);
	*count = (long)(row - top);
	*end = row + 1;
	worksheet_freeze_panes(ws, top + 1, 1);
	worksheet_autofilter(ws, top, 0, row > top ? row : top + 1, (lxw_col_t)(ncols - 1));
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, true, 0, (int)top);
	if (rc != RD_NOTFOUND)
		return rc ? rc : RD_FAIL;
	if (e)
		return err_set(RD_FAIL, _("report: item sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* What the workbook holds and how it was counted. */
static int write_about(struct report *r, lxw_worksheet *ws, const struct scope *sc, long items,
                       const struct stat_table *t, bool full)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 90);
	lxw_row_t row = sb_title(&r->b, &s, r->b.title, NULL) + 1;
	row = sb_line(&r->b, &s, row, _("Session"), r->what);
	row = sb_line(&r->b, &s, row, _("Kind"),
	              !r->o->kind                     ? _("motions and suggestions")
	              : !strcmp(r->o->kind, "motion") ? _("motions")
	                                              : _("suggestions"));
	if (r->o->unit)
		row = sb_line(&r->b, &s, row, _("Unit"), r->o->unit);
	row = sb_line(
	    &r->b, &s, row, _("Items included"),
	    _("motions and suggestions registered (numbered), and those merged into another"));
	row = sb_line(&r->b, &s, row, _("Scope"), scope_words(sc));
	row = sb_line(&r->b, &s, row, _("As of"), r->asof);
	char buf[64];
	snprintf(buf, sizeof buf, "%ld", items);
	row = sb_line(&r->b, &s, row, _("Items listed"), buf);
	row = sb_line(&r->b, &s, row, _("Rounding"),
	              _("percentages are rounded half-up to two decimals (0.125% is shown as "
	                "0.13%)"));
	row = sb_line(&r->b, &s, row, _("Made by"), "renda " PACKAGE_VERSION);
	row++;
	if (full) {
		xsheet_text(&s, row++, 0, _("Sheets"), r->b.f.head);
		for (int by = 0; by < SS_BY_COUNT; by++)
			row = sb_line(&r->b, &s, row, r->names[by], r->tables[by].title);
		row =
		    sb_line(&r->b, &s, row, r->detail_name, _("every item included, one row each"));
		row++;
	}
	xsheet_text(&s, row++, 0, _("Definitions"), r->b.f.head);
	sb_definitions(&r->b, &s, row, t);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(&r->b, ws, false, -1, -1);
	if (e)
		return err_set(RD_FAIL, _("report: About sheet: %s"), lxw_strerror(e));
	return RD_OK;
}

/* The full report: summary, breakdowns, items, About. */
static int write_full(struct report *r, sqlite3 *db, const struct scope *sc, long *items)
{
	struct stat_query q = {.session = r->o->session, .kind = r->o->kind};
	int rc = RD_OK;
	for (int by = 0; by < SS_BY_COUNT && !rc; by++) {
		rc = sugg_stats(db, sc, &q, by, &r->tables[by]);
		if (!rc) {
			char *t = xasprintf(_("%s: %s"), r->b.title, r->tables[by].title);
			free(r->tables[by].title);
			r->tables[by].title = t;
		}
	}
	if (rc)
		return rc;
	char *summary = xsheet_name(_("Summary")), *about = xsheet_name(_("About"));
	r->detail_name = xsheet_name(_("Item detail"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(r->b.wb, summary);
	lxw_worksheet *ws_by[SS_BY_COUNT];
	for (int by = 0; by < SS_BY_COUNT; by++) {
		r->names[by] = xsheet_name(_(sugg_stat_breakdowns[by].label));
		ws_by[by] = workbook_add_worksheet(r->b.wb, r->names[by]);
		if (!ws_by[by] && !rc)
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), r->names[by]);
	}
	lxw_worksheet *ws_items = workbook_add_worksheet(r->b.wb, r->detail_name);
	lxw_worksheet *ws_about = workbook_add_worksheet(r->b.wb, about);
	if (!rc && (!ws_sum || !ws_items || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = write_summary(r, ws_sum);
	for (int by = 0; by < SS_BY_COUNT && !rc; by++)
		rc = sb_breakdown(&r->b, ws_by[by], &r->tables[by], r->names[by]);
	static const int cols[] = {
	    SS_D_NUMBER,     SS_D_KIND,     SS_D_TITLE,         SS_D_CATEGORY,    SS_D_DEPUTY,
	    SS_D_COSIGNERS,  SS_D_STATE,    SS_D_UNIT,          SS_D_SUPPORT,     SS_D_ASSIGNED,
	    SS_D_REPLY_DUE,  SS_D_REPLIED,  SS_D_REPLY_OUTCOME, SS_D_FOLLOWUP,    SS_D_CLASS,
	    SS_D_EVALUATION, SS_D_MEETINGS, SS_D_SUPERVISOR,    SS_D_MERGED_INTO, -1,
	};
	lxw_row_t end;
	char *title = xasprintf(_("%s: %s"), r->b.title, _("every item"));
	if (!rc)
		rc = write_items(r, db, sc, ws_items, title, cols, items, &end);
	free(title);
	if (!rc)
		rc = write_about(r, ws_about, sc, *items, &r->tables[0], true);
	free(summary);
	free(about);
	return rc;
}

/*
 * A unit's handling sheet: every item assigned to it (a supporting unit sees its
 * own opinion and when it is due), then its figures as lead unit.
 */
static int write_unit(struct report *r, sqlite3 *db, const struct scope *sc, long *items)
{
	char *unit_name = NULL;
	if (db_text(db, &unit_name, "SELECT name FROM unit WHERE name = ?1 OR code = ?1", "t",
	            r->o->unit))
		return err_set(RD_INVALID, _("unit: no unit '%s'"), r->o->unit);
	int64_t uid = 0;
	db_int(db, &uid, "SELECT id FROM unit WHERE name = ?1 OR code = ?1", "t", r->o->unit);
	int rc = RD_OK;
	if (sc->role == ROLE_UNIT && uid != sc->unit_id)
		rc = err_set(RD_DENIED,
		             _("unit: a unit operator may make only the handling sheet of "
		               "its own unit"));
	struct stat_query q = {.session = r->o->session, .kind = r->o->kind, .unit = r->o->unit};
	if (!rc)
		rc = sugg_stats(db, sc, &q, SS_BY_KIND, &r->tables[SS_BY_KIND]);
	char *sheet = xsheet_name(_("Handling sheet")), *about = xsheet_name(_("About"));
	lxw_worksheet *ws = rc ? NULL : workbook_add_worksheet(r->b.wb, sheet);
	lxw_worksheet *ws_about = rc ? NULL : workbook_add_worksheet(r->b.wb, about);
	if (!rc && (!ws || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc) {
		char *title =
		    xasprintf(_("%s: motions and suggestions to handle, %s"), unit_name, r->what);
		static const int cols[] = {
		    SS_D_NUMBER,   SS_D_KIND,        SS_D_TITLE,      SS_D_ROLE,
		    SS_D_DEPUTY,   SS_D_COSIGNERS,   SS_D_CATEGORY,   SS_D_STATE,
		    SS_D_ASSIGNED, SS_D_REPLY_DUE,   SS_D_REPLIED,    SS_D_REPLY_OUTCOME,
		    SS_D_FOLLOWUP, SS_D_OPINION_DUE, SS_D_OPINION_AT, SS_D_OPINION,
		    SS_D_CLASS,    SS_D_EVALUATION,  SS_D_MEETINGS,   SS_D_SUPERVISOR,
		    SS_D_UNIT,     SS_D_SUPPORT,     SS_D_PROPOSAL,   -1,
		};
		lxw_row_t end = 0;
		rc = write_items(r, db, sc, ws, title, cols, items, &end);
		free(title);
		if (!rc) {
			struct xsheet s;
			xsheet_init(&s, ws, 3, 0);
			sb_figures(&r->b, &s, end + 1, &r->tables[SS_BY_KIND], NULL,
			           _("As lead unit"), NULL);
			free(s.width);
			free(s.cap);
			if (s.err)
				rc = err_set(RD_FAIL, _("report: item sheet: %s"),
				             lxw_strerror(s.err));
		}
	}
	if (!rc)
		rc = write_about(r, ws_about, sc, *items, &r->tables[SS_BY_KIND], false);
	free(sheet);
	free(about);
	free(unit_name);
	return rc;
}

/* Computes the figures and writes the workbook to tmp. */
static int write_book(void *rv, sqlite3 *db, const struct scope *sc, const char *tmp,
                      const char *path, long *items)
{
	struct report *r = rv;
	if (r->o->session && *r->o->session) {
		char *name = NULL;
		if (db_text(db, &name,
		            "SELECT code || ' ' || name FROM congress_session WHERE code = ? "
		            "COLLATE NOCASE",
		            "t", r->o->session))
			return err_set(RD_INVALID, _("session: no congress session '%s'"),
			               r->o->session);
		r->what = name;
	} else
		r->what = xstrdup(_("all sessions"));
	const char *kind = r->o->kind && *r->o->kind ? r->o->kind : NULL;
	char *title = !kind ? xasprintf(_("Motions and suggestions: %s"), r->what)
	              : !strcmp(kind, "motion") ? xasprintf(_("Motions: %s"), r->what)
	                                        : xasprintf(_("Suggestions: %s"), r->what);
	int rc = sb_open(&r->b, tmp, path, false, title,
	                 conf.report_issuer ? conf.report_issuer : "", r->asof);
	free(title);
	if (rc)
		return rc;
	rc =
	    r->o->unit && *r->o->unit ? write_unit(r, db, sc, items) : write_full(r, db, sc, items);
	int crc = sb_close(&r->b, path);
	return rc ? rc : crc;
}

int report_sugg_write(sqlite3 *db, const struct scope *sc, const char *path,
                      const struct report_query *o, long *items)
{
	*items = 0;
	struct report r = {.o = o};
	char *day = sb_day_words(clock_today());
	r.asof = xasprintf(_("figures as of %s"), day);
	free(day);
	int rc = report_write_file(db, sc, path, o->force, write_book, &r, items);
	for (int by = 0; by < SS_BY_COUNT; by++) {
		stat_table_free(&r.tables[by]);
		free(r.names[by]);
	}
	free(r.detail_name);
	free(r.what);
	free(r.asof);
	return rc;
}

const struct report_def sugg_reports[] = {
    {"suggestions", N_("[--session S] [--kind motion|suggestion] [--unit U]"),
     N_("the workbook of motions and suggestions (charts, breakdowns, every item), or with "
        "--unit the handling sheet to send to a unit"),
     REPORT_OPT_SESSION | REPORT_OPT_KIND | REPORT_OPT_UNIT, report_sugg_write,
     NP_("wrote %s: %ld item\n", "wrote %s: %ld items\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
