/*
 * The deputy roster (代表, DESIGN 4.1): the list of the deputies in scope,
 * each deputy's page (every field, the URL of the code, their records in
 * every module, their duty archive and points of the year), add and edit through forms/deputy.form,
 * leaving office (the record stays, status left), history, CSV import and export, and the deputy's
 * QR code drawn on the screen and written as a PNG file.
 */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "export/qr.h"
#include "export/qrsheet.h"
#include "export/roster.h"
#include "model/deputy/deputy.h"
#include "model/deputy/deputy_work.h"
#include "model/points/points_archive.h"
#include "modules.h"
#include "tui/modscr.h"
#include "tui/progress.h"
#include "model/core/form.h"
#include "model/core/listing.h"
#include "tui/draw.h"
#include "tui/formscr.h"
#include "tui/importscr.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/view.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Voter issues and suggestions shown on a deputy's page (w lists them all). */
#define PAGE_LATEST 5

struct roster {
	struct lw *lw;
};

/* One deputy, for a form, a view or a question after the list moved on. */
struct one {
	int64_t id;
	char *name, *code;
	/* As the edit form opened: a new resident ID then brings its own birth date and gender. */
	char *rid, *birth, *gender;
	bool left; /* has left office (as the page last read it): l is not offered */
};

static void one_free(void *ctx)
{
	struct one *o = ctx;
	if (!o)
		return;
	free(o->name);
	free(o->code);
	free(o->rid);
	free(o->birth);
	free(o->gender);
	free(o);
}

static const char *cell(const struct pager_def *d, const struct pager_row *r, const char *key)
{
	int c = pager_col_index(d, key);
	return c >= 0 ? r->cells[c] : "";
}

static struct one *one_new(const struct pager_def *d, const struct pager_row *r)
{
	struct one *o = xcalloc(1, sizeof *o);
	o->id = r->id;
	o->name = xstrdup(cell(d, r, "name"));
	o->code = xstrdup(cell(d, r, "code"));
	o->rid = xstrdup(cell(d, r, "resident_id"));
	o->birth = xstrdup(cell(d, r, "birth_date"));
	o->gender = xstrdup(cell(d, r, "gender"));
	return o;
}

/* Reads one deputy as the roster shows it; RD_NOTFOUND when gone or out of scope. */
static int read_one(int64_t id, struct pager **p, struct pager_row *r)
{
	*p = listing_deputies(tui.db, &tui.sc);
	int rc = pager_get(*p, id, r);
	if (rc) {
		pager_free(*p);
		*p = NULL;
		err_set(RD_NOTFOUND, _("no deputy %lld within your scope"), (long long)id);
	}
	return rc;
}

static int64_t version_of(const struct pager_def *d, const struct pager_row *r)
{
	return strtoll(cell(d, r, "version"), NULL, 10);
}

/* The session may add and change deputies (of its town, for a town clerk). */
static bool may_write(void)
{
	return ref_may_write(&tui.sc, &deputy_kind, tui.sc.town_id) == RD_OK;
}

/* Says why a change is refused (the model's reason). */
static void refuse(void)
{
	ref_may_write(&tui.sc, &deputy_kind, tui.sc.town_id);
	tui_error("%s", err_msg());
}

static const struct form_def *deputy_form(void)
{
	const struct form_def *d = form_find("deputy");
	if (!d)
		err_set(RD_FAIL, _("no form '%s' among the forms"), "deputy");
	return d;
}

/* ---- add and edit -------------------------------------------------------- */

/* The model's values (deputy_fields[] order) from a form's values (pointers into v). */
static void model_values(const struct form_def *d, char *const *v, const char **vals)
{
	for (int i = 0; i < DF_COUNT; i++)
		vals[i] = fs_value(d, v, deputy_fields[i].key);
}

static int add_save(void *ctx, char *const *v, int64_t version)
{
	(void)ctx;
	(void)version;
	const char *vals[DF_COUNT];
	model_values(form_find("deputy"), v, vals);
	int64_t id;
	int rc = deputy_add(tui.db, &tui.sc, vals, &id);
	if (!rc)
		lw_select_new("deputies", id); /* listing_deputies() */
	return rc;
}

static bool same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static int edit_save(void *ctx, char *const *v, int64_t version)
{
	struct one *o = ctx;
	const char *vals[DF_COUNT];
	model_values(form_find("deputy"), v, vals);
	/* A new resident ID brings its birth date and gender unless those were changed too. */
	if (!same(vals[DF_RESIDENT_ID], o->rid)) {
		if (same(vals[DF_BIRTH_DATE], o->birth))
			vals[DF_BIRTH_DATE] = NULL;
		if (same(vals[DF_GENDER], o->gender))
			vals[DF_GENDER] = NULL;
	}
	return deputy_edit(tui.db, &tui.sc, o->id, version, vals);
}

static int edit_theirs(void *ctx, char ***values, int64_t *version)
{
	struct one *o = ctx;
	struct pager *p;
	struct pager_row r;
	int rc = read_one(o->id, &p, &r);
	if (rc)
		return rc;
	const struct form_def *d = form_find("deputy");
	*values = fs_values_from_row(d, pager_def(p), &r);
	for (int i = 0; i < d->nfields; i++)
		if (!(*values)[i])
			(*values)[i] = xstrdup("");
	*version = version_of(pager_def(p), &r);
	pager_row_free(&r, pager_def(p)->ncols);
	pager_free(p);
	return RD_OK;
}

static int open_add(void)
{
	const struct form_def *d = deputy_form();
	if (!d)
		return RD_FAIL;
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("New: %s"), _(d->title)),
	    .save = add_save,
	};
	fs_start_in_town(d, &spec.values); /* a town clerk adds the town's deputies */
	return tui_push(&scr_form, &spec);
}

static int open_edit(int64_t id)
{
	const struct form_def *d = deputy_form();
	if (!d)
		return RD_FAIL;
	struct pager *p;
	struct pager_row r;
	if (read_one(id, &p, &r))
		return RD_NOTFOUND;
	const struct pager_def *pd = pager_def(p);
	struct one *o = one_new(pd, &r);
	struct fs_spec spec = {
	    .form = d,
	    .title = xasprintf(_("%s: %s %s"), _(d->title), o->name, o->code),
	    .values = fs_values_from_row(d, pd, &r),
	    .version = version_of(pd, &r),
	    .save = edit_save,
	    .theirs = edit_theirs,
	    .free = one_free,
	    .ctx = o,
	    .entity = deputy_kind.name,
	    .id = id,
	};
	pager_row_free(&r, pd->ncols);
	pager_free(p);
	return tui_push(&scr_form, &spec);
}

/* ---- leaving office ------------------------------------------------------ */

struct leave_job {
	int n;
	int64_t *ids, *versions; /* version 0: not checked (marked rows) */
	char *what;              /* the deputy's name, when one */
	char *date;
};

static void leave_free(struct leave_job *j)
{
	free(j->ids);
	free(j->versions);
	free(j->what);
	free(j->date);
	free(j);
}

static void leave_reason(void *ctx, const char *reason)
{
	struct leave_job *j = ctx;
	if (!reason) {
		tui_info(_("Nothing was changed."));
		leave_free(j);
		return;
	}
	int done = 0;
	for (int i = 0; i < j->n; i++) {
		if (deputy_leave(tui.db, &tui.sc, j->ids[i], j->versions[i], j->date, reason)) {
			err_report();
			break;
		}
		done++;
	}
	if (done == j->n)
		tui_info(P_("%d deputy left office on %s; the record stays on the roster.",
		            "%d deputies left office on %s; their records stay on the roster.",
		            (unsigned long)done),
		         done, j->date);
	if (done)
		tui_changed();
	leave_free(j);
}

static void leave_date(void *ctx, const char *date)
{
	struct leave_job *j = ctx;
	int days;
	if (!date) {
		tui_info(_("Nothing was changed."));
		leave_free(j);
		return;
	}
	if (!date_parse(date, &days)) {
		tui_error(_("%s (left_date): '%s' is not a date YYYY-MM-DD"), _("Left on"), date);
		leave_free(j);
		return;
	}
	j->date = xstrdup(date);
	tui_prompt(_("Reason for leaving:"), "", leave_reason, NULL, j);
}

/* Asks for the day and the reason, then records that the deputies left office. */
static void ask_leave(struct lw *lw, int64_t id, int64_t version, const char *what,
                      const char *status)
{
	const int64_t *marks;
	int n = lw ? lw_marked(lw, &marks) : 0;
	if (!n && !strcmp(status, "left")) {
		tui_error(_("%s has already left office"), what);
		return;
	}
	struct leave_job *j = xcalloc(1, sizeof *j);
	j->n = n ? n : 1;
	j->ids = xcalloc((size_t)j->n, sizeof *j->ids);
	j->versions = xcalloc((size_t)j->n, sizeof *j->versions);
	if (n) {
		/* The marked deputies still in office, with their versions as read now. */
		struct pager *p = listing_deputies(tui.db, &tui.sc);
		const struct pager_def *d = pager_def(p);
		int kept = 0;
		for (int i = 0; i < n; i++) {
			struct pager_row r;
			if (pager_get(p, marks[i], &r))
				continue;
			if (strcmp(cell(d, &r, "status"), "left")) {
				j->ids[kept] = r.id;
				j->versions[kept++] = version_of(d, &r);
			}
			pager_row_free(&r, d->ncols);
		}
		pager_free(p);
		lw_unmark_all(lw);
		if (!kept) {
			tui_error(_("The marked deputies have left office already"));
			leave_free(j);
			return;
		}
		j->n = n = kept;
	} else {
		j->ids[0] = id;
		j->versions[0] = version;
		j->what = xstrdup(what);
	}
	char today[11];
	date_format(clock_today(), today);
	char *label =
	    n ? xasprintf(P_("%d marked deputy left office on (YYYY-MM-DD):",
	                     "%d marked deputies left office on (YYYY-MM-DD):", (unsigned long)n),
	                  n)
	      : xasprintf(_("%s left office on (YYYY-MM-DD):"), what);
	tui_prompt(label, today, leave_date, NULL, j);
	free(label);
}

/* The same question from a deputy's id (the page): reads the version and status now. */
static void ask_leave_one(int64_t id)
{
	struct pager *p;
	struct pager_row r;
	if (read_one(id, &p, &r)) {
		err_report();
		return;
	}
	const struct pager_def *d = pager_def(p);
	ask_leave(NULL, id, version_of(d, &r), cell(d, &r, "name"), cell(d, &r, "status"));
	pager_row_free(&r, d->ncols);
	pager_free(p);
}

/* ---- import and export --------------------------------------------------- */

static int run_import(void *ctx, const char *path, struct import_report *rep)
{
	(void)ctx;
	return deputy_import(tui.db, &tui.sc, path, rep);
}

/* Imports a roster CSV with a progress box; shows the report. */
static void import_file(const char *path)
{
	char *title = xasprintf(_("Importing %s into %s"), path, _(deputy_kind.label));
	char *report = xasprintf(_("Import into %s"), _(deputy_kind.label));
	struct imp_spec spec = {
	    .progress = title,
	    .report = report,
	    .run = run_import,
	};
	imp_run(&spec, path);
	free(report);
	free(title);
}

static void import_answer(void *ctx, const char *path)
{
	(void)ctx;
	if (path && *path)
		import_file(path);
}

/* Writes the roster in scope to path; RD_EXISTS when it exists and force is not set. */
static int export_to(void *ctx, const char *path, bool force)
{
	(void)ctx;
	long n = 0;
	struct deputy_filter all = {0};
	struct roster_opts o = {.format = roster_format_of(path), .force = force};
	int rc = roster_export(tui.db, &tui.sc, &all, path, &o, &n);
	if (!rc)
		tui_info(P_("Exported %ld deputy to %s.", "Exported %ld deputies to %s.",
		            (unsigned long)n),
		         n, path);
	else if (rc != RD_EXISTS)
		err_report();
	return rc;
}

/* ---- the QR code --------------------------------------------------------- */

/* The code is drawn in ASCII: [ui] ascii_borders, or a terminal that is not UTF-8. */
static bool qr_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);
	return u8_ascii() || !cs || (strcmp(cs, "UTF-8") && strcmp(cs, "utf8"));
}

/* The URL of deputy code's QR code, as every QR output has it (deputy_cards(): none for a
   deputy who has left); NULL with the error set. */
static char *card_url(const char *code)
{
	struct deputy_card *card = NULL;
	size_t n = 0;
	const char *codes[] = {code};
	char *url = NULL;
	if (!deputy_cards(tui.db, &tui.sc, codes, 1, false, NULL, &card, &n)) {
		url = card->url;
		card->url = NULL;
	}
	deputy_cards_free(card, n);
	return url;
}

struct png_job {
	char *code, *name, *url;
};

static void png_free(void *ctx)
{
	struct png_job *j = ctx;
	free(j->code);
	free(j->name);
	free(j->url);
	free(j);
}

/* Writes the deputy's code as a PNG (the defaults of renda qr); RD_EXISTS without force. */
static int png_write(void *ctx, const char *path, bool force)
{
	struct png_job *j = ctx;
	struct qr_opts o;
	qr_opts_init(&o);
	struct qr q;
	struct sbuf b = SBUF_INIT;
	int rc = qr_encode(j->url, &o, &q);
	if (!rc) {
		rc = qr_png(&q, &o, &b);
		qr_free(&q);
	}
	if (!rc)
		rc = qr_write_file(path, sbuf_str(&b), b.len, force);
	sbuf_free(&b);
	if (!rc)
		tui_info(_("Wrote the QR code of %s (%s) to %s."), j->name, j->code, path);
	else if (rc != RD_EXISTS)
		err_report();
	return rc;
}

/* Asks where to write the deputy's QR code as a PNG image; the code is the card's, as every QR
   output's (deputy_cards(): none for a deputy who has left, said at once). */
static void ask_png(const char *name, const char *code)
{
	char *url = card_url(code);
	if (!url) {
		err_report();
		return;
	}
	struct png_job *j = xcalloc(1, sizeof *j);
	j->code = xstrdup(code);
	j->name = xstrdup(name);
	j->url = url;
	char *init = xasprintf("%s.png", code);
	tui_save_as(_("Write the QR code as PNG to:"), init, png_write, png_free, j);
	free(init);
}

/* ---- the print sheet of QR cards ------------------------------------------------------ */

/* The deputies of a sheet: the marked ones (their ids), or none for every one in office. */
struct sheet_job {
	char **ids;
	int n;
};

static void sheet_free(void *ctx)
{
	struct sheet_job *j = ctx;
	for (int i = 0; i < j->n; i++)
		free(j->ids[i]);
	free(j->ids);
	free(j);
}

static int sheet_write(void *ctx, const char *path, bool force)
{
	const struct sheet_job *j = ctx;
	int rc = outfile_check(path, force);
	if (rc == RD_EXISTS)
		return rc;
	struct deputy_card *cards = NULL;
	size_t n = 0;
	struct pg *pg = pg_begin(_("Writing the print sheet of QR cards"));
	if (!rc)
		rc = deputy_cards(tui.db, &tui.sc, (const char *const *)j->ids, j->n, j->n == 0,
		                  NULL, &cards, &n);
	struct qrsheet_opts so = {.across = 3, .force = force};
	if (!rc)
		rc = qrsheet_write(path, cards, n, &so);
	pg_end(pg);
	deputy_cards_free(cards, n);
	if (rc) {
		err_report();
		return RD_FAIL;
	}
	tui_info(P_("Wrote the print sheet of %zu card to %s.",
	            "Wrote the print sheet of %zu cards to %s.", (unsigned long)n),
	         n, path);
	return RD_OK;
}

static void ask_sheet(struct lw *lw)
{
	const int64_t *marks = NULL;
	int n = lw_marked(lw, &marks);
	struct sheet_job *j = xcalloc(1, sizeof *j);
	j->ids = xcalloc((size_t)(n ? n : 1), sizeof *j->ids);
	for (int i = 0; i < n; i++)
		j->ids[j->n++] = xasprintf("%lld", (long long)marks[i]);
	/* A marked deputy who gets no card (one who has left) is said before the file is asked;
	   sheet_write() reads them again when it writes. */
	struct deputy_card *cards = NULL;
	size_t ncards = 0;
	if (n && deputy_cards(tui.db, &tui.sc, (const char *const *)j->ids, j->n, false, NULL,
	                      &cards, &ncards)) {
		err_report();
		sheet_free(j);
		return;
	}
	deputy_cards_free(cards, ncards);
	char *label =
	    n ? xasprintf(P_("Print sheet of the %d marked deputy, save as:",
	                     "Print sheet of the %d marked deputies, save as:", (unsigned long)n),
	                  n)
	      : xstrdup(_("Print sheet of every deputy in office, save as:"));
	tui_save_as(label, _("QR-cards.xlsx"), sheet_write, sheet_free, j);
	free(label);
}

struct qr_arg {
	const char *name, *code;
};

struct qrs {
	char *name, *code, *url, *title;
	struct qr q;
	bool invert;
	int top, lines, page;
};

static int qrs_init(struct scr *s, void *arg)
{
	struct qr_arg *a = arg;
	char *url = card_url(a->code);
	if (!url)
		return RD_INVALID;
	struct qrs *z = xcalloc(1, sizeof *z);
	z->name = xstrdup(a->name);
	z->code = xstrdup(a->code);
	z->url = url;
	z->title = xasprintf(_("QR code of %s"), a->name);
	struct qr_opts o;
	qr_opts_init(&o);
	int rc = qr_encode(z->url, &o, &z->q);
	if (rc) {
		free(z->name);
		free(z->code);
		free(z->url);
		free(z->title);
		free(z);
		return rc;
	}
	s->st = z;
	return RD_OK;
}

/* Screen lines and columns of the code drawn with a quiet zone of margin modules. */
static void qr_size(const struct qrs *z, bool ascii, int margin, int *lines, int *cols)
{
	int m = z->q.width + 2 * margin;
	*lines = ascii ? m : (m + 1) / 2;
	*cols = ascii ? 2 * m : m;
}

static void qrs_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct qrs *z = s->st;
	bool ascii = qr_ascii();
	char *head = xasprintf("%s  %s", z->name, z->code);
	dr_put(w, 1, 2, cols - 4, head, A_BOLD);
	free(head);
	dr_put(w, 2, 2, cols - 4, z->url, A_NORMAL);
	/* The standard quiet zone of 4 modules when it fits, else as much as fits (at least 1). */
	int first = 4, room = rows - first, margin = QR_MARGIN, h, wd;
	for (;; margin--) {
		qr_size(z, ascii, margin, &h, &wd);
		if ((h <= room && wd <= cols) || margin == 1)
			break;
	}
	z->lines = h;
	z->page = room > 1 ? room : 1;
	if (z->top > h - room)
		z->top = h - room;
	if (z->top < 0)
		z->top = 0;
	if (h > room || wd > cols) {
		char *m = xasprintf(_("Make the terminal at least %d x %d to see the whole code "
		                      "(Up and Down scroll)"),
		                    wd, h + first + 4);
		dr_put(w, 3, 2, cols - 4, m, dr_attr(DR_ERROR));
		free(m);
	}
	struct qr_opts o;
	qr_opts_init(&o);
	o.margin = margin;
	o.ascii = ascii;
	o.invert = z->invert;
	struct sbuf b = SBUF_INIT;
	qr_text(&z->q, &o, &b);
	const char *t = sbuf_str(&b);
	int x = wd < cols ? (cols - wd) / 2 : 0;
	for (int line = 0; *t; line++) {
		size_t n = strcspn(t, "\n");
		int y = first + line - z->top;
		if (y >= first && y < rows) {
			char *part = xstrndup(t, n);
			dr_put(w, y, x, cols - x, part, A_NORMAL);
			free(part);
		}
		t += n + (t[n] == '\n');
	}
	sbuf_free(&b);
}

static int qrs_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct qrs *z = s->st;
	(void)kind;
	(void)ch;
	if (vw_scroll(a, &z->top, z->page, z->lines))
		return SK_HANDLED;
	switch (a) {
	case ACT_QR_INVERT: z->invert = !z->invert; return SK_HANDLED;
	case ACT_QR_PNG: ask_png(z->name, z->code); return SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

static bool qrs_can(struct scr *s, enum action a)
{
	(void)s;
	return a != ACT_DEPUTY_QR && a != ACT_DEPUTY_LEAVE && a != ACT_DEPUTY_WORK &&
	       a != ACT_DEPUTY_EXPORT && a != ACT_POINTS_ARCHIVE && a != ACT_QR_SHEET;
}

static const char *qrs_title(struct scr *s)
{
	struct qrs *z = s->st;
	return z->title;
}

static void qrs_free(struct scr *s)
{
	struct qrs *z = s->st;
	qr_free(&z->q);
	free(z->name);
	free(z->code);
	free(z->url);
	free(z->title);
	free(z);
}

static const struct screen scr_deputy_qr = {
    .name = N_("QR"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_DEPUTY,
    .init = qrs_init,
    .draw = qrs_draw,
    .key = qrs_key,
    .free = qrs_free,
    .title = qrs_title,
    .can = qrs_can,
};

static int open_qr(const char *name, const char *code)
{
	struct qr_arg a = {name, code};
	return tui_push(&scr_deputy_qr, &a);
}

/* ---- a deputy's page and work -------------------------------------------- */

/* "Voter issues  12 in all, 3 open", then the items as rows that open the records of m. */
static void add_items(struct vw_data *d, const struct module *m, const char *heading, int all,
                      int open, const struct deputy_item *items, int n, bool three)
{
	char *sum = xasprintf(_("%d in all, %d open"), all, open);
	vw_add(d, false, "", "", NULL);
	vw_heading(d, heading, sum, three ? "" : NULL);
	free(sum);
	for (int i = 0; i < n; i++) {
		const struct deputy_item *it = &items[i];
		char *num =
		    *it->number ? xstrdup(it->number) : xasprintf("#%lld", (long long)it->id);
		if (three) {
			char *when = xasprintf("%s  %s", it->when, it->state);
			vw_link(d, m, it->id, num, when, it->title);
			free(when);
		} else {
			char *text = xasprintf("%s  %s  %s", it->when, it->state, it->title);
			vw_link(d, m, it->id, num, text, NULL);
			free(text);
		}
		free(num);
	}
}

/* Adds the deputy's voter issues and suggestions (the newest `latest`, 0 all). */
static void add_work(struct vw_data *d, const char *code, int latest)
{
	struct deputy_work wk;
	bool three = d->ncells == 3;
	if (deputy_work(tui.db, &tui.sc, code, latest, &wk)) {
		vw_add(d, false, "", "", three ? "" : NULL);
		vw_add(d, true, _("Their work"), err_msg(), three ? "" : NULL);
	} else
		for (int i = 0; i < wk.nparts; i++) {
			const struct deputy_part *p = &wk.parts[i];
			add_items(d, p->m, _(p->m->theirs), p->count, p->open, p->items, p->nitems,
			          three);
		}
	deputy_work_free(&wk);
}

/* The deputy's duty archive of this year in a few lines: the points, then each section. */
static void add_duty(struct vw_data *d, const char *code)
{
	struct points_archive ar;
	bool three = d->ncells == 3;
	vw_add(d, false, "", "", three ? "" : NULL);
	if (points_archive(tui.db, &tui.sc, code, 0, NULL, &ar)) {
		vw_add(d, true, _("Duty archive"), err_msg(), three ? "" : NULL);
		err_clear();
		return;
	}
	char *head = xasprintf(_("Duty archive of %d"), ar.year);
	char *keys =
	    xasprintf(_("%s opens it"), key_first(key_find(KC_DEPUTY, ACT_POINTS_ARCHIVE)));
	vw_heading(d, head, keys, three ? "" : NULL);
	free(head);
	free(keys);
	if (ar.points.n) {
		const struct points_deputy *x = &ar.points.d[0];
		char total[24];
		points_text(x->total, total);
		char *v = xasprintf(_("%s points, rank %d of %d"), total, x->rank, x->of);
		vw_add(d, false, _("Duty points"), v, three ? "" : NULL);
		free(v);
	}
	const struct tbl *t = &ar.activities;
	for (int sec = 0; points_sections[sec].key; sec++) {
		int n = 0, present = 0, absent = 0;
		for (int r = 0; r < t->nrows; r++)
			if (points_section_of(tbl_get(t, r, "kind")) == sec) {
				n++;
				present += !strcmp(tbl_get(t, r, "attendance"), "present");
				absent += !strcmp(tbl_get(t, r, "attendance"), "absent");
			}
		if (!n)
			continue;
		char *v =
		    absent ? xasprintf(_("%d, present at %d, absent from %d"), n, present, absent)
		           : xasprintf(_("%d, present at %d"), n, present);
		vw_add(d, absent > 0, _(points_sections[sec].label), v, three ? "" : NULL);
		free(v);
	}
	char *v = xasprintf("%d", ar.items.nrows);
	vw_add(d, false, _("Motions and suggestions (议案建议)"), v, three ? "" : NULL);
	free(v);
	v = xasprintf("%d", ar.cases.nrows);
	vw_add(d, false, _("Voter issues (民情事项)"), v, three ? "" : NULL);
	free(v);
	points_archive_free(&ar);
}

static int page_load(void *ctx, struct vw_data *d)
{
	struct one *o = ctx;
	struct pager *p;
	struct pager_row r;
	int rc = read_one(o->id, &p, &r);
	if (rc)
		return rc;
	const struct pager_def *pd = pager_def(p);
	bool left = !strcmp(cell(pd, &r, "status"), "left");
	o->left = left;
	const struct form_def *form = form_find("deputy");
	for (int i = 0; i < DF_COUNT; i++) {
		int c = pager_col_index(pd, deputy_fields[i].key);
		if (c < 0 || (!left && (i == DF_LEFT_DATE || i == DF_LEFT_REASON)) ||
		    (i == DF_JOINED_DATE && !*r.cells[c]))
			continue;
		const struct form_field *ff =
		    form ? form_field_find(form, deputy_fields[i].key) : NULL;
		vw_add(d, false, _(ff ? ff->label : pd->cols[c].label),
		       pager_show(pd, c, r.cells[c]), NULL);
	}
	char *url = deputy_url(cell(pd, &r, "code"));
	vw_add(d, false, _("URL of the QR code"), url, NULL);
	free(url);
	free(o->name);
	free(o->code);
	o->name = xstrdup(cell(pd, &r, "name"));
	o->code = xstrdup(cell(pd, &r, "code"));
	pager_row_free(&r, pd->ncols);
	pager_free(p);
	add_work(d, o->code, PAGE_LATEST);
	add_duty(d, o->code);
	return RD_OK;
}

static int work_load(void *ctx, struct vw_data *d)
{
	struct one *o = ctx;
	d->ncells = 3;
	add_work(d, o->code, 0);
	return RD_OK;
}

/* A row of the deputy's work: the record's own page. */
static int open_item(void *ctx, const void *kind, int64_t id)
{
	(void)ctx;
	return mods_page(kind, id);
}

static int open_work(const char *name, const char *code)
{
	struct one *o = xcalloc(1, sizeof *o);
	o->name = xstrdup(name);
	o->code = xstrdup(code);
	struct vw_spec spec = {
	    .title = xasprintf(_("Work of %s"), name),
	    .load = work_load,
	    .open = open_item,
	    .free = one_free,
	    .ctx = o,
	};
	return tui_push(&scr_view, &spec);
}

static bool can_deputy(enum action a)
{
	switch (a) {
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_IMPORT:
	case ACT_DEPUTY_LEAVE: return may_write();
	case ACT_DISABLE:
	case ACT_VERIFY:
	case ACT_QR_INVERT: return false;
	default: return true;
	}
}

static bool page_can(void *ctx, enum action a)
{
	const struct one *o = ctx;
	if (a == ACT_ADD || a == ACT_IMPORT || a == ACT_DEPUTY_EXPORT || a == ACT_QR_SHEET ||
	    (a == ACT_DEPUTY_LEAVE && o->left))
		return false;
	return can_deputy(a);
}

static int page_act(void *ctx, enum action a)
{
	struct one *o = ctx;
	int rc = RD_OK;
	switch (a) {
	case ACT_EDIT: rc = open_edit(o->id); break;
	case ACT_HISTORY: rc = scr_history(deputy_kind.name, o->id, o->name); break;
	case ACT_DEPUTY_LEAVE: ask_leave_one(o->id); break;
	case ACT_DEPUTY_QR: rc = open_qr(o->name, o->code); break;
	case ACT_QR_PNG: ask_png(o->name, o->code); break;
	case ACT_DEPUTY_WORK: rc = open_work(o->name, o->code); break;
	case ACT_POINTS_ARCHIVE: rc = points_open_archive(o->code, o->name, 0, NULL); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static int open_page(const struct pager_def *d, const struct pager_row *r)
{
	struct one *o = one_new(d, r);
	struct vw_spec spec = {
	    .title = xasprintf(_("Deputy %s %s"), o->name, o->code),
	    .keys = KC_RECORD | KC_DEPUTY,
	    .load = page_load,
	    .act = page_act,
	    .can = page_can,
	    .open = open_item,
	    .free = one_free,
	    .ctx = o,
	};
	return tui_push(&scr_view, &spec);
}

/* ---- the roster ---------------------------------------------------------- */

static int roster_init(struct scr *s, void *arg)
{
	(void)arg;
	if (deputy_may_read(&tui.sc))
		return RD_DENIED;
	struct roster *r = xcalloc(1, sizeof *r);
	r->lw = lw_new(listing_deputies(tui.db, &tui.sc));
	s->st = r;
	return RD_OK;
}

static int roster_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct roster *r = s->st;
	(void)kind;
	(void)ch;
	const struct pager_row *row = lw_current(r->lw);
	const struct pager_def *d = pager_def(lw_pager(r->lw));
	if (a == ACT_DISABLE) {
		tui_error(_("Deputies are never removed: %s records that a deputy left office"),
		          key_first(key_find(KC_DEPUTY, ACT_DEPUTY_LEAVE)));
		return SK_HANDLED;
	}
	if ((a == ACT_ADD || a == ACT_EDIT || a == ACT_IMPORT || a == ACT_DEPUTY_LEAVE) &&
	    !can_deputy(a)) {
		refuse();
		return SK_HANDLED;
	}
	int rc = RD_OK;
	switch (a) {
	case ACT_OPEN:
		if (row)
			rc = open_page(d, row);
		break;
	case ACT_ADD: rc = open_add(); break;
	case ACT_EDIT:
		if (row)
			rc = open_edit(row->id);
		break;
	case ACT_HISTORY:
		if (row)
			rc = scr_history(deputy_kind.name, row->id, cell(d, row, "name"));
		break;
	case ACT_IMPORT:
		tui_prompt(_("Import a CSV or XLSX file:"), "", import_answer, NULL, NULL);
		break;
	case ACT_DEPUTY_EXPORT:
		tui_save_as(_("Save the roster as (.xlsx or .csv):"), _("deputies.xlsx"), export_to,
		            NULL, NULL);
		break;
	case ACT_DEPUTY_LEAVE:
		if (row || lw_marked(r->lw, &(const int64_t *){NULL}))
			ask_leave(r->lw, row ? row->id : 0, row ? version_of(d, row) : 0,
			          row ? cell(d, row, "name") : "",
			          row ? cell(d, row, "status") : "");
		break;
	case ACT_DEPUTY_QR:
		if (row)
			rc = open_qr(cell(d, row, "name"), cell(d, row, "code"));
		break;
	case ACT_QR_PNG:
		if (row)
			ask_png(cell(d, row, "name"), cell(d, row, "code"));
		break;
	case ACT_QR_SHEET: ask_sheet(r->lw); break;
	case ACT_DEPUTY_WORK:
		if (row)
			rc = open_work(cell(d, row, "name"), cell(d, row, "code"));
		break;
	case ACT_POINTS_ARCHIVE:
		if (row)
			rc = points_open_archive(cell(d, row, "code"), cell(d, row, "name"), 0,
			                         NULL);
		break;
	case ACT_VERIFY:
	case ACT_QR_INVERT: return SK_HANDLED;
	default: return lw_key(r->lw, a);
	}
	if (rc)
		err_report();
	return SK_HANDLED;
}

static bool roster_can(struct scr *s, enum action a)
{
	struct roster *r = s->st;
	return can_deputy(a) && lw_can(r->lw, a);
}

static const char *roster_title(struct scr *s)
{
	(void)s;
	return _(deputy_kind.label);
}

const struct screen scr_deputies = {
    .name = N_("Deputies"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_LIST | KC_RECORD | KC_DEPUTY,
    .init = roster_init,
    .draw = lw_scr_draw,
    .key = roster_key,
    .free = lw_scr_free,
    .title = roster_title,
    .info = lw_scr_info,
    .can = roster_can,
    .click = lw_scr_click,
};

static int open_roster(void)
{
	return tui_push(&scr_deputies, NULL);
}

/* The roster is a module of the registry with a screen of its own. */
const struct mod_console deputy_console = {
    .open = open_roster,
};
