#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export/report_points.h"
#include "export/statbook.h"
#include "export/xsheet.h"
#include "model/activity/activity.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/points/points_archive.h"
#include "model/points/points_stats.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* "as of 2026年3月2日 09:00": the as-of time in words. A new string. */
static char *asof_words(const char *asof)
{
	int day = 0;
	char d[11];
	snprintf(d, sizeof d, "%.10s", asof);
	date_parse(d, &day);
	char *w = sb_day_words(day);
	char *s = xasprintf(_("as of %s %.5s"), w, strlen(asof) > 11 ? asof + 11 : "");
	free(w);
	return s;
}

/* Writes points (hundredths) as a number cell. */
static void put_points(struct xsheet *s, lxw_row_t row, int col, int64_t h, lxw_format *f)
{
	char buf[24];
	points_text(h, buf);
	xsheet_number(s, row, col, (double)h / 100.0, f, (int)strlen(buf));
}

/* A header row of columns (msgids) at row. */
static void header(struct statbook *b, struct xsheet *s, lxw_row_t row, const char *const *labels,
                   int n)
{
	for (int c = 0; c < n; c++)
		xsheet_text(s, row, c, _(labels[c]), b->f.head);
}

/* The word of a value of a field of ours (a state, a kind...), in any locale. */
static const char *word(const char *field, const char *code)
{
	return vocab_label(field, code);
}

/* ---- the archive --------------------------------------------------------------- */

struct archive_job {
	struct points_archive a;
	const struct report_points_opts *o;
	char *asof, *title;
};

static const char *attendance_word(const char *s)
{
	if (!strcmp(s, "present"))
		return _("present (出席)");
	if (!strcmp(s, "leave"))
		return _("on leave (请假)");
	if (!strcmp(s, "absent"))
		return _("absent (缺席)");
	return _("not yet recorded");
}

static int archive_profile(struct statbook *b, lxw_worksheet *ws, struct archive_job *j)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 60);
	const struct tbl *p = &j->a.profile;
	const struct points_deputy *d = &j->a.points.d[0];
	lxw_row_t row = sb_title(b, &s, j->title, j->asof) + 1;
	static const struct {
		const char *key, *label;
	} fields[] = {
	    {"name", N_("Full name")},
	    {"code", N_("Code")},
	    {"gender", N_("Gender")},
	    {"ethnicity", N_("Ethnicity")},
	    {"party", N_("Party")},
	    {"occupation", N_("Occupation")},
	    {"level", N_("Level")},
	    {"town", N_("Town")},
	    {"constituency", N_("Constituency")},
	    {"group", N_("Deputy group")},
	    {"station", N_("Liaison station")},
	    {"term", N_("Term")},
	    {"joined", N_("Joined on")},
	    {"status", N_("Status")},
	    {"left", N_("Left on")},
	};
	xsheet_text(&s, row++, 0, _("Profile"), b->f.subtitle);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = tbl_get(p, 0, fields[i].key);
		if (!*v)
			continue;
		if (!strcmp(fields[i].key, "level") || !strcmp(fields[i].key, "status"))
			v = word(fields[i].key, v);
		row = sb_line(b, &s, row, _(fields[i].label), v);
	}
	row++;
	char buf[64], total[24];
	snprintf(buf, sizeof buf, _("Duty points of %d"), j->a.year);
	xsheet_text(&s, row++, 0, buf, b->f.subtitle);
	xsheet_text(&s, row, 0, _("Total"), b->f.label);
	put_points(&s, row++, 1, d->total, b->f.total);
	points_text(d->total, total);
	if (points_may_show(PA_DEPUTIES) == RD_OK) {
		snprintf(buf, sizeof buf, _("%d of %d deputies of the level"), d->rank, d->of);
		row = sb_line(b, &s, row, _("Rank"), buf);
	} else
		err_clear();
	char from[24], to[24];
	snprintf(from, sizeof from, "%s", d->from);
	snprintf(to, sizeof to, "%s", d->to);
	char *served =
	    xasprintf(_("%s to %s (%d/%d of the year)"), from, to, d->share_num, d->share_den);
	row = sb_line(b, &s, row, _("Served"), served);
	free(served);
	row++;
	xsheet_text(&s, row, 0, _("Points item"), b->f.head);
	xsheet_text(&s, row, 1, _("Points"), b->f.head);
	xsheet_text(&s, row++, 2, _("Events"), b->f.head);
	for (int i = 0; points_items()[i].code; i++) {
		int n = 0;
		for (int l = 0; l < d->nlines; l++)
			n += !strcmp(d->lines[l].item, points_items()[i].code);
		if (!n)
			continue;
		xsheet_text(&s, row, 0, _(points_items()[i].label), NULL);
		put_points(&s, row, 1, d->by_item[i], NULL);
		xsheet_number(&s, row++, 2, n, NULL, 4);
	}
	xsheet_text(&s, row, 0, _("Total"), b->f.total);
	put_points(&s, row, 1, d->total, b->f.total);
	xsheet_number(&s, row++, 2, d->nlines, b->f.total, 4);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, false, -1, -1);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), _("Archive"), lxw_strerror(e))
	         : RD_OK;
}

/* The activities, section by section: a heading, a header and the rows of each. */
static int archive_activities(struct statbook *b, lxw_worksheet *ws, struct archive_job *j)
{
	static const char *const cols[] = {N_("Day"),   N_("Number"),    N_("Kind"),
	                                   N_("Title"), N_("Organiser"), N_("Attendance"),
	                                   N_("Reason")};
	struct xsheet s;
	xsheet_init(&s, ws, 7, 50);
	const struct tbl *t = &j->a.activities;
	char *title = xasprintf(_("Activities of %d"), j->a.year);
	lxw_row_t row = sb_title(b, &s, title, NULL) + 1;
	free(title);
	for (int sec = 0; points_sections[sec].key; sec++) {
		int n = 0, present = 0;
		for (int r = 0; r < t->nrows; r++)
			if (points_section_of(tbl_get(t, r, "kind")) == sec) {
				n++;
				present += !strcmp(tbl_get(t, r, "attendance"), "present");
			}
		char *head = xasprintf(_("%s: %d, present at %d"), _(points_sections[sec].label), n,
		                       present);
		xsheet_text(&s, row++, 0, head, b->f.subtitle);
		free(head);
		if (!n) {
			xsheet_text(&s, row++, 0, _("none"), b->f.note);
			row++;
			continue;
		}
		header(b, &s, row++, cols, 7);
		for (int r = 0; r < t->nrows; r++) {
			if (points_section_of(tbl_get(t, r, "kind")) != sec)
				continue;
			sb_date(b, &s, row, 0, tbl_get(t, r, "day"));
			xsheet_text(&s, row, 1, tbl_get(t, r, "number"), NULL);
			xsheet_text(&s, row, 2, activity_kind_label(tbl_get(t, r, "kind")), NULL);
			xsheet_text(&s, row, 3, tbl_get(t, r, "title"), NULL);
			xsheet_text(&s, row, 4, tbl_get(t, r, "organiser"), NULL);
			const char *att = tbl_get(t, r, "attendance");
			xsheet_text(&s, row, 5,
			            *att ? attendance_word(att)
			            : strcmp(tbl_get(t, r, "signup"), "confirmed")
			                ? word("status", tbl_get(t, r, "signup"))
			                : attendance_word(""),
			            NULL);
			xsheet_text(&s, row++, 6, tbl_get(t, r, "reason"), NULL);
		}
		row++;
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, true, -1, -1);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), _("Activities"), lxw_strerror(e))
	         : RD_OK;
}

/* A table of rows of t under a title: the columns keys, headed by labels (msgids). */
static int archive_table(struct statbook *b, lxw_worksheet *ws, const char *title,
                         const struct tbl *t, const char *const *keys, const char *const *labels,
                         int n, const char *sheet)
{
	struct xsheet s;
	xsheet_init(&s, ws, n, 50);
	lxw_row_t top = sb_title(b, &s, title, NULL);
	header(b, &s, top, labels, n);
	lxw_row_t row = top + 1;
	for (int r = 0; r < t->nrows; r++, row++)
		for (int c = 0; c < n; c++) {
			const char *v = tbl_get(t, r, keys[c]);
			if (!strcmp(keys[c], "day") || !strcmp(keys[c], "submitted") ||
			    !strcmp(keys[c], "handled"))
				sb_date(b, &s, row, c, v);
			else if (vocab_has(keys[c]))
				xsheet_text(&s, row, c, word(keys[c], v), NULL);
			else
				xsheet_text(&s, row, c, v, NULL);
		}
	if (!t->nrows)
		xsheet_text(&s, row, 0, _("none"), b->f.note);
	worksheet_freeze_panes(ws, top + 1, 0);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, n > 6, 0, (int)top);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), sheet, lxw_strerror(e)) : RD_OK;
}

/* Every line of the year's points, then the total: what `renda points events` prints. */
static int archive_lines(struct statbook *b, lxw_worksheet *ws, struct archive_job *j)
{
	static const char *const cols[] = {N_("Day"),          N_("Points item"),   N_("Key"),
	                                   N_("Rule version"), N_("Rule's points"), N_("Points"),
	                                   N_("What"),         N_("Note")};
	const struct points_deputy *d = &j->a.points.d[0];
	struct xsheet s;
	xsheet_init(&s, ws, 8, 50);
	char *title = xasprintf(_("Duty points of %d, line by line"), j->a.year);
	lxw_row_t top = sb_title(b, &s, title, NULL);
	free(title);
	header(b, &s, top, cols, 8);
	lxw_row_t row = top + 1;
	for (int i = 0; i < d->nlines; i++, row++) {
		const struct points_line *l = &d->lines[i];
		sb_date(b, &s, row, 0, l->day);
		xsheet_text(&s, row, 1, points_item_label(l->item), NULL);
		xsheet_text(&s, row, 2, l->key, NULL);
		if (l->version)
			xsheet_number(&s, row, 3, l->version, NULL, 3);
		put_points(&s, row, 4, l->rule, NULL);
		put_points(&s, row, 5, l->points, NULL);
		xsheet_text(&s, row, 6, l->what, NULL);
		xsheet_text(&s, row, 7, l->note, NULL);
	}
	xsheet_text(&s, row, 0, _("Total"), b->f.total);
	put_points(&s, row, 5, d->total, b->f.total);
	worksheet_freeze_panes(ws, top + 1, 0);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, true, 0, (int)top);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), _("Points"), lxw_strerror(e))
	         : RD_OK;
}

/* How the points were counted. */
static int about(struct statbook *b, lxw_worksheet *ws, int year, const char *asof,
                 const char *scope, const char *audience, const struct stat_table *defs)
{
	struct xsheet s;
	xsheet_init(&s, ws, 2, 90);
	lxw_row_t row = sb_title(b, &s, b->title, NULL) + 1;
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	row = sb_line(b, &s, row, _("Year"), y);
	row = sb_line(b, &s, row, _("As of"), asof);
	if (scope)
		row = sb_line(b, &s, row, _("Scope"), scope);
	if (audience)
		row = sb_line(b, &s, row, _("Given to"), audience);
	row = sb_line(b, &s, row, _("How points are counted"),
	              _("every event the modules recorded by the as-of time (activities attended "
	                "or missed, motions and suggestions led or co-signed and their results, "
	                "voter issues received and handled, corrections) is scored by the version "
	                "of the points rules in force on its day; an item's yearly cap stops its "
	                "points; a correction is an event of its own with its reason"));
	enum points_prorate pr = points_prorate();
	row = sb_line(b, &s, row, _("Part of a year"),
	              pr == PR_MONTHS ? _("the yearly base and caps are pro-rated by the months "
	                                  "served (a month counts when the deputy was in office "
	                                  "on its 15th)")
	              : pr == PR_DAYS ? _("the yearly base and caps are pro-rated by the days "
	                                  "served")
	                              : _("no pro-rating: the whole base and caps for any part "
	                                  "of a year"));
	row = sb_line(b, &s, row, _("Ranks"),
	              _("among the deputies of the same level chosen; equal totals share a rank"));
	row = sb_line(b, &s, row, _("Made by"), "renda " PACKAGE_VERSION);
	if (defs) {
		row++;
		xsheet_text(&s, row++, 0, _("Definitions"), b->f.head);
		sb_definitions(b, &s, row, defs);
	}
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, false, -1, -1);
	return e ? err_set(RD_FAIL, _("report: About sheet: %s"), lxw_strerror(e)) : RD_OK;
}

static int archive_book(void *ctx, const char *tmp)
{
	struct archive_job *j = ctx;
	struct statbook b;
	int rc = sb_open(&b, tmp, tmp, false, j->title,
	                 conf.report_issuer ? conf.report_issuer : "", j->asof);
	if (rc)
		return rc;
	char *names[6] = {xsheet_name(_("Archive")),
	                  xsheet_name(_("Activities")),
	                  xsheet_name(_("Motions and suggestions")),
	                  xsheet_name(_("Voter issues")),
	                  xsheet_name(_("Points")),
	                  xsheet_name(_("About"))};
	lxw_worksheet *ws[6];
	for (int i = 0; i < 6; i++)
		ws[i] = workbook_add_worksheet(b.wb, names[i]);
	for (int i = 0; i < 6 && !rc; i++)
		if (!ws[i])
			rc = err_set(RD_FAIL,
			             _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = archive_profile(&b, ws[0], j);
	if (!rc)
		rc = archive_activities(&b, ws[1], j);
	static const char *const ikeys[] = {"submitted", "number", "kind",  "role",
	                                    "title",     "state",  "class", "evaluation"};
	static const char *const ilabels[] = {N_("Submitted"),    N_("Number"),    N_("Kind"),
	                                      N_("Role"),         N_("Title"),     N_("State"),
	                                      N_("Result class"), N_("Evaluation")};
	static const char *const ckeys[] = {"day",   "number",  "channel", "category",
	                                    "state", "handled", "title"};
	static const char *const clabels[] = {N_("Received"), N_("Number"),
	                                      N_("Came by"),  N_("Category"),
	                                      N_("State"),    N_("Replied or forwarded"),
	                                      N_("Title")};
	char *t1 = xasprintf(_("Motions and suggestions of %d"), j->a.year);
	char *t2 = xasprintf(_("Voter issues of %d"), j->a.year);
	if (!rc)
		rc = archive_table(&b, ws[2], t1, &j->a.items, ikeys, ilabels, 8, names[2]);
	if (!rc)
		rc = archive_table(&b, ws[3], t2, &j->a.cases, ckeys, clabels, 7, names[3]);
	free(t1);
	free(t2);
	if (!rc)
		rc = archive_lines(&b, ws[4], j);
	if (!rc)
		rc = about(&b, ws[5], j->a.year, j->asof, NULL, NULL, NULL);
	for (int i = 0; i < 6; i++)
		free(names[i]);
	int crc = sb_close(&b, tmp);
	return rc ? rc : crc;
}

int report_points_archive(sqlite3 *db, const struct scope *sc, const char *code, const char *path,
                          const struct report_points_opts *o)
{
	struct archive_job j = {.o = o};
	int rc = stat_begin(db);
	if (rc)
		return rc;
	rc = points_archive(db, sc, code, o->year, o->asof, &j.a);
	if (!rc && !j.a.points.n)
		rc = err_set(RD_NOTFOUND, _("%s served no part of %d"), code, j.a.year);
	if (!rc) {
		j.asof = asof_words(j.a.points.asof);
		j.title = xasprintf(_("Duty archive of %s (%s), %d"), j.a.points.d[0].name,
		                    j.a.points.d[0].code, j.a.year);
		rc = xsheet_write_file(path, o->force, archive_book, &j);
	}
	stat_end(db);
	points_archive_free(&j.a);
	free(j.asof);
	free(j.title);
	return rc;
}

/* ---- the ranking ----------------------------------------------------------------- */

struct ranking_job {
	sqlite3 *db;
	const struct scope *sc;
	const struct report_points_opts *o;
	struct points_set s;
	struct stat_table t[PTS_BY_COUNT];
	char *names[PTS_BY_COUNT];
	char *asof, *title;
};

static int ranking_sheet(struct statbook *b, lxw_worksheet *ws, struct ranking_job *j,
                         const char *sheet)
{
	bool public_ = j->o->audience == PA_PUBLIC;
	static const char *const full[] = {N_("Rank"),
	                                   N_("Of"),
	                                   N_("Code"),
	                                   N_("Full name"),
	                                   N_("Level"),
	                                   N_("Town"),
	                                   N_("Deputy group"),
	                                   N_("Points"),
	                                   N_("Events"),
	                                   N_("Duty days"),
	                                   N_("Part of the year")};
	static const char *const brief[] = {N_("Rank"), N_("Full name"), N_("Level"), N_("Town"),
	                                    N_("Points")};
	int nbase = public_ ? 5 : 11, nitems = 0;
	while (points_items()[nitems].code)
		nitems++;
	int ncols = nbase + (public_ ? 0 : nitems);
	struct xsheet s;
	xsheet_init(&s, ws, ncols, 30);
	lxw_row_t top = sb_title(b, &s, j->title, j->asof);
	worksheet_set_row(ws, top, 45, NULL);
	header(b, &s, top, public_ ? brief : full, nbase);
	for (int i = 0; !public_ && i < nitems; i++) {
		worksheet_write_string(ws, top, (lxw_col_t)(nbase + i), _(points_items()[i].label),
		                       b->f.head);
		s.width[nbase + i] = 10;
		s.cap[nbase + i] = 12;
	}
	lxw_row_t row = top + 1;
	for (int i = 0; i < j->s.n; i++, row++) {
		const struct points_deputy *d = &j->s.d[i];
		int c = 0;
		xsheet_number(&s, row, c++, d->rank, NULL, 4);
		if (!public_)
			xsheet_number(&s, row, c++, d->of, NULL, 4);
		if (!public_)
			xsheet_text(&s, row, c++, d->code, NULL);
		xsheet_text(&s, row, c++, d->name, NULL);
		xsheet_text(&s, row, c++, word("level", d->level), NULL);
		xsheet_text(&s, row, c++, d->town, NULL);
		if (!public_)
			xsheet_text(&s, row, c++, d->group, NULL);
		put_points(&s, row, c++, d->total, NULL);
		if (public_)
			continue;
		xsheet_number(&s, row, c++, d->nevents, NULL, 4);
		xsheet_number(&s, row, c++, d->days, NULL, 4);
		char share[24];
		snprintf(share, sizeof share, "%d/%d", d->share_num, d->share_den);
		xsheet_text(&s, row, c++, share, NULL);
		for (int k = 0; k < nitems; k++)
			put_points(&s, row, c++, d->by_item[k], NULL);
	}
	worksheet_freeze_panes(ws, top + 1, public_ ? 2 : 4);
	worksheet_autofilter(ws, top, 0, row > top + 1 ? row - 1 : top + 1, (lxw_col_t)(ncols - 1));
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, ncols > 6, 0, (int)top);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), sheet, lxw_strerror(e)) : RD_OK;
}

/* The rules made by the as-of time, version by version. */
static int rules_sheet(struct statbook *b, lxw_worksheet *ws, struct ranking_job *j,
                       const char *sheet)
{
	struct tbl t;
	int rc = points_rules(j->db, j->s.asof, &t);
	if (rc)
		return rc;
	static const char *const cols[] = {N_("Version"), N_("In force from"), N_("Item"),
	                                   N_("Points"),  N_("Yearly cap"),    N_("Within days"),
	                                   N_("Note")};
	struct xsheet s;
	xsheet_init(&s, ws, 7, 50);
	lxw_row_t top = sb_title(b, &s, _("The points rules"), NULL);
	header(b, &s, top, cols, 7);
	lxw_row_t row = top + 1;
	for (int r = 0; r < t.nrows; r++, row++) {
		xsheet_number(&s, row, 0, atof(tbl_get(&t, r, "version")), NULL, 3);
		sb_date(b, &s, row, 1, tbl_get(&t, r, "effective_from"));
		xsheet_text(&s, row, 2, points_item_label(tbl_get(&t, r, "item")), NULL);
		xsheet_number(&s, row, 3, atof(tbl_get(&t, r, "points")), NULL, 5);
		if (*tbl_get(&t, r, "cap"))
			xsheet_number(&s, row, 4, atof(tbl_get(&t, r, "cap")), NULL, 5);
		if (*tbl_get(&t, r, "within"))
			xsheet_number(&s, row, 5, atof(tbl_get(&t, r, "within")), NULL, 4);
		xsheet_text(&s, row, 6, tbl_get(&t, r, "note"), NULL);
	}
	tbl_free(&t);
	worksheet_freeze_panes(ws, top + 1, 0);
	lxw_error e = s.err;
	xsheet_widths(&s);
	sb_print(b, ws, false, 0, (int)top);
	return e ? err_set(RD_FAIL, _("report: sheet %s: %s"), sheet, lxw_strerror(e)) : RD_OK;
}

static int ranking_summary(struct statbook *b, lxw_worksheet *ws, struct ranking_job *j)
{
	struct xsheet s;
	xsheet_init(&s, ws, 3, 40);
	sb_summary_rows(ws);
	lxw_row_t row = 0;
	if (conf.report_issuer && *conf.report_issuer) {
		worksheet_set_row(ws, row, 20, NULL);
		worksheet_write_string(ws, row++, 0, conf.report_issuer, b->f.cover_body);
	}
	worksheet_set_row(ws, row, 28, NULL);
	worksheet_write_string(ws, row++, 0, j->title, b->f.cover_title);
	worksheet_write_string(ws, row++, 0, j->asof, b->f.cover_body);
	row++;
	row = sb_figures(b, &s, row, &j->t[PTS_BY_LEVEL], NULL, _("All deputies"), NULL) + 1;
	static const int avg[] = {PTS_AVERAGE, -1}, pts[] = {PTS_POINTS, -1};
	static const int att[] = {PTS_PRESENT, PTS_LEAVE, PTS_ABSENT, -1};
	char *top = xasprintf(_("Points of the deputies (the first %d)"), STAT_CHART_TOP);
	struct sb_chart_spec c[5];
	int n = 0;
	c[n++] = (struct sb_chart_spec){&j->t[PTS_BY_TOWN], j->names[PTS_BY_TOWN],
	                                _("Average points by town"), false, avg};
	if (j->o->audience != PA_PUBLIC) {
		c[n++] = (struct sb_chart_spec){&j->t[PTS_BY_TOWN], j->names[PTS_BY_TOWN],
		                                _("Attendance by town"), false, att};
		c[n++] = (struct sb_chart_spec){&j->t[PTS_BY_ITEM], j->names[PTS_BY_ITEM],
		                                _("Points by item"), false, pts};
		c[n++] = (struct sb_chart_spec){&j->t[PTS_BY_DEPUTY], j->names[PTS_BY_DEPUTY], top,
		                                false, pts};
	}
	sb_summary(b, ws, row, c, n);
	free(top);
	lxw_error e = s.err;
	xsheet_widths(&s);
	return e ? err_set(RD_FAIL, _("report: summary sheet: %s"), lxw_strerror(e)) : RD_OK;
}

static int ranking_book(void *ctx, const char *tmp)
{
	struct ranking_job *j = ctx;
	struct statbook b;
	int rc = sb_open(&b, tmp, tmp, false, j->title,
	                 conf.report_issuer ? conf.report_issuer : "", j->asof);
	if (rc)
		return rc;
	bool public_ = j->o->audience == PA_PUBLIC;
	char *summary = xsheet_name(_("Summary")), *ranking = xsheet_name(_("Ranking")),
	     *rules = xsheet_name(_("Rules")), *aboutn = xsheet_name(_("About"));
	lxw_worksheet *ws_sum = workbook_add_worksheet(b.wb, summary);
	lxw_worksheet *ws_rank = workbook_add_worksheet(b.wb, ranking);
	lxw_worksheet *ws_by[PTS_BY_COUNT] = {0};
	for (int by = 0; by < PTS_BY_COUNT; by++) {
		if (public_ && by != PTS_BY_TOWN && by != PTS_BY_LEVEL)
			continue;
		j->names[by] = xsheet_name(_(points_stat_breakdowns[by].label));
		ws_by[by] = workbook_add_worksheet(b.wb, j->names[by]);
		if (!ws_by[by])
			rc = err_set(RD_FAIL, _("report: cannot add the sheet %s"), j->names[by]);
	}
	lxw_worksheet *ws_rules = public_ ? NULL : workbook_add_worksheet(b.wb, rules);
	lxw_worksheet *ws_about = workbook_add_worksheet(b.wb, aboutn);
	if (!rc && (!ws_sum || !ws_rank || (!public_ && !ws_rules) || !ws_about))
		rc = err_set(RD_FAIL, _("report: cannot add the sheets (two share a name?)"));
	if (!rc)
		rc = ranking_summary(&b, ws_sum, j);
	if (!rc)
		rc = ranking_sheet(&b, ws_rank, j, ranking);
	for (int by = 0; by < PTS_BY_COUNT && !rc; by++)
		if (ws_by[by])
			rc = sb_breakdown(&b, ws_by[by], &j->t[by], j->names[by]);
	if (!rc && ws_rules)
		rc = rules_sheet(&b, ws_rules, j, rules);
	const char *aud = j->o->audience == PA_PUBLIC     ? _("the public")
	                  : j->o->audience == PA_DEPUTIES ? _("the deputies")
	                                                  : _("the clerks");
	const char *scope = j->sc->role == ROLE_TOWN_CLERK && j->sc->town_name
	                        ? j->sc->town_name
	                        : _("all towns and streets");
	if (!rc)
		rc = about(&b, ws_about, j->s.year, j->asof, scope, aud,
		           public_ ? NULL : &j->t[PTS_BY_TOWN]);
	free(summary);
	free(ranking);
	free(rules);
	free(aboutn);
	int crc = sb_close(&b, tmp);
	return rc ? rc : crc;
}

int report_points_ranking(sqlite3 *db, const struct scope *sc, const char *path,
                          const struct report_points_opts *o, long *ranked)
{
	*ranked = 0;
	int rc = o->audience == PA_CLERKS ? RD_OK : points_may_show(o->audience);
	if (rc)
		return rc;
	struct ranking_job j = {.db = db, .sc = sc, .o = o};
	struct points_query q = {.year = o->year,
	                         .asof = o->asof,
	                         .level = o->level,
	                         .town = o->town,
	                         .group = o->group,
	                         .lines = true};
	if ((rc = stat_begin(db)))
		return rc;
	rc = points_compute(db, sc, &q, &j.s);
	if (!rc) {
		for (int by = 0; by < PTS_BY_COUNT; by++) {
			points_stats_of(&j.s, by, &j.t[by]);
			char *t = xasprintf(_("%s, %d"), j.t[by].title, j.s.year);
			free(j.t[by].title);
			j.t[by].title = t;
		}
		j.asof = asof_words(j.s.asof);
		j.title = xasprintf(_("Duty points of the deputies, %d"), j.s.year);
		rc = xsheet_write_file(path, o->force, ranking_book, &j);
		*ranked = j.s.n;
	}
	stat_end(db);
	for (int by = 0; by < PTS_BY_COUNT; by++) {
		stat_table_free(&j.t[by]);
		free(j.names[by]);
	}
	points_set_free(&j.s);
	free(j.asof);
	free(j.title);
	return rc;
}

/* renda report points: the ranking workbook as a report of the registry (export/report.h). */
static int ranking_run(sqlite3 *db, const struct scope *sc, const char *path,
                       const struct report_query *q, long *rows)
{
	struct report_points_opts o = {.year = q->year,
	                               .asof = q->asof,
	                               .level = q->level,
	                               .town = q->town,
	                               .group = q->group,
	                               .force = q->force};
	if (q->for_ && !points_audience_parse(q->for_, &o.audience))
		return err_set(RD_INVALID, _("for: '%s' is not clerks, deputies or public"),
		               q->for_);
	return report_points_ranking(db, sc, path, &o, rows);
}

const struct report_def points_reports[] = {
    {"points",
     N_("[--year Y] [--level city|town] [--town T] [--group G] [--as-of DATE] [--for "
        "clerks|deputies|public]"),
     N_("the yearly ranking workbook of duty points, with charts"),
     REPORT_OPT_YEAR | REPORT_OPT_LEVEL | REPORT_OPT_TOWN | REPORT_OPT_GROUP | REPORT_OPT_ASOF |
         REPORT_OPT_FOR,
     ranking_run, NP_("wrote %s: %ld deputy ranked\n", "wrote %s: %ld deputies ranked\n")},
    {NULL, NULL, NULL, 0, NULL, NULL, NULL},
};
