/* Menus: the main menu of the modules, and small menus (reference kinds, choices). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "modules.h"
#include "tui/draw.h"
#include "tui/modscr.h"
#include "tui/screens.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

struct menu {
	struct menu_spec spec;
	int cur, top;
};

/* The main menu: the administration's entries, then one per module of the registry. */
static const char *const admin_labels[] = {
    N_("Users and roles"),
    N_("Reference data"),
    N_("Audit trail"),
};
static const char *const admin_descs[] = {
    N_("Accounts that may use renda and what each may do"),
    N_("Towns, categories, units, offices, groups, stations, terms, sessions, calendar"),
    N_("Every change: who made it, when, before and after"),
};
#define NADMIN (N_OF(admin_labels))
/* The system's entries after the modules (so that the modules keep their numbers). */
static const char *const system_labels[] = {
    N_("Database care"),
    N_("Data exchange"),
};
static const char *const system_descs[] = {
    N_("Back up now, check the database, the audit trail's head, rebuild the search indexes"),
    N_("A town's own database and the city's: exchange files, their log, conflicts"),
};
#define NSYSTEM (N_OF(system_labels))
static const char *main_labels[NADMIN + NSYSTEM + 32], *main_descs[NADMIN + NSYSTEM + 32];
/* An entry: an admin_labels index, NADMIN + a module, or NADMIN + nmodules + a system one. */
static int main_what[NADMIN + NSYSTEM + 32];

static int main_choose(void *ctx, int i)
{
	(void)ctx;
	/* Each entry reports its own refusal on the message line. */
	switch (main_what[i]) {
	case 0: tui_push(&scr_users, NULL); break;
	case 1: scr_ref_menu(); break;
	case 2: tui_push(&scr_audit, NULL); break;
	default:
		if (main_what[i] - NADMIN < nmodules)
			mods_open(&modules[main_what[i] - NADMIN]);
		else if (main_what[i] - NADMIN - nmodules == 0) {
			if (scr_care_menu())
				err_report();
		} else
			tui_push(&scr_sync, NULL);
		break;
	}
	return SK_HANDLED | SK_REDRAW;
}

/*
 * The entries of the main menu: the administration's (every role opens them: each
 * shows what the role may see, a unit operator's own account and audit rows), then
 * the modules the user's role may open, then the system's that it may open.
 */
static int main_entries(void)
{
	int n = 0;
	for (int i = 0; i < NADMIN; i++) {
		main_what[n] = i;
		main_labels[n] = admin_labels[i];
		main_descs[n++] = admin_descs[i];
	}
	/* A module that belongs to another is reached from that one's menu. */
	for (int i = 0; i < nmodules && n < NADMIN + 32; i++) {
		if (modules[i].group)
			continue;
		if (modules[i].may_open && modules[i].may_open(&tui.sc)) {
			err_clear();
			continue;
		}
		main_what[n] = NADMIN + i;
		main_labels[n] = modules[i].label;
		main_descs[n++] = modules[i].desc;
	}
	/* Database care and data exchange are the administrator's (admin_backup, sync_export
	   and sync_apply require one). */
	for (int i = 0; i < NSYSTEM && scope_is_admin(&tui.sc); i++) {
		main_what[n] = NADMIN + nmodules + i;
		main_labels[n] = system_labels[i];
		main_descs[n++] = system_descs[i];
	}
	return n;
}

static int menu_init(struct scr *s, void *arg)
{
	struct menu *m = xcalloc(1, sizeof *m);
	if (arg)
		m->spec = *(struct menu_spec *)arg;
	else
		m->spec = (struct menu_spec){
		    N_("Main menu"), main_entries(), main_labels, main_descs, main_choose, NULL, 0};
	m->cur = m->spec.cur >= 0 && m->spec.cur < m->spec.n ? m->spec.cur : 0;
	s->st = m;
	return RD_OK;
}

static void menu_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	struct menu *m = s->st;
	int lw = 0;
	for (int i = 0; i < m->spec.n; i++) {
		int x = u8_width(_(m->spec.labels[i]));
		if (x > lw)
			lw = x;
	}
	/* Entries without descriptions may take the whole width. */
	int most = m->spec.descs ? cols / 2 : cols - 8;
	if (lw > most)
		lw = most;
	int first = 1, room = rows - first;
	if (m->cur < m->top)
		m->top = m->cur;
	if (m->cur >= m->top + room)
		m->top = m->cur - room + 1;
	for (int i = m->top; i < m->spec.n && i - m->top < room; i++) {
		int y = first + i - m->top;
		attr_t a = i == m->cur ? dr_attr(DR_CURSOR) : A_NORMAL;
		char num[8];
		snprintf(num, sizeof num, i < 9 ? "%3d " : "    ", i + 1);
		dr_blank(w, y, 1, cols - 2, a);
		dr_put(w, y, 1, 4, num, a);
		dr_text(w, y, 5, lw, _(m->spec.labels[i]), a | A_BOLD, false);
		if (m->spec.descs && m->spec.descs[i] && cols - lw - 9 > 8)
			dr_put(w, y, 5 + lw + 3, cols - lw - 9, _(m->spec.descs[i]), a);
	}
	/* The entry's description cut to fit its line: whole below the entries, where
	   they leave room (an English one is often longer than the line). */
	const char *d = m->spec.descs && m->cur < m->spec.n && m->spec.descs[m->cur]
	                    ? _(m->spec.descs[m->cur])
	                    : NULL;
	int shown = m->spec.n - m->top < room ? m->spec.n - m->top : room;
	if (d && u8_width(d) > cols - lw - 9 && cols > 12) {
		int k = dr_lines(d, cols - 6);
		if (first + shown + 1 + k <= rows)
			dr_wrapped(w, rows - k, 5, cols - 6, d, 0, k, dr_attr(DR_DIM));
	}
}

static int menu_key(struct scr *s, enum action a, int kind, wint_t ch)
{
	struct menu *m = s->st;
	if (kind == OK && ch >= '1' && ch <= '9' && (int)(ch - '1') < m->spec.n) {
		m->cur = (int)(ch - '1');
		return m->spec.choose(m->spec.ctx, m->cur);
	}
	switch (a) {
	case ACT_UP: m->cur = m->cur > 0 ? m->cur - 1 : m->spec.n - 1; return SK_HANDLED;
	case ACT_DOWN: m->cur = m->cur < m->spec.n - 1 ? m->cur + 1 : 0; return SK_HANDLED;
	case ACT_HOME:
	case ACT_PGUP: m->cur = 0; return SK_HANDLED;
	case ACT_END:
	case ACT_PGDN: m->cur = m->spec.n - 1; return SK_HANDLED;
	case ACT_OPEN: return m->spec.n ? m->spec.choose(m->spec.ctx, m->cur) : SK_HANDLED;
	default: return SK_UNHANDLED;
	}
}

static void menu_click(struct scr *s, int y, int x, bool twice)
{
	struct menu *m = s->st;
	(void)x;
	int i = m->top + y - 1;
	if (y < 1 || i >= m->spec.n)
		return;
	m->cur = i;
	if (twice)
		menu_key(s, ACT_OPEN, OK, '\n');
}

static const char *menu_title(struct scr *s)
{
	struct menu *m = s->st;
	return _(m->spec.title);
}

static void menu_free(struct scr *s)
{
	free(s->st);
}

const struct screen scr_menu = {
    .name = N_("Main menu"),
    .ctx = KC_GLOBAL | KC_MOVE | KC_MENU,
    .init = menu_init,
    .draw = menu_draw,
    .key = menu_key,
    .free = menu_free,
    .title = menu_title,
    .click = menu_click,
};
