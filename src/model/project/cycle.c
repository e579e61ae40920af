/*
 * The yearly cycle of the livelihood projects of one congress (project.h):
 * its workflow table, its rules, its ballots (tally sheets entered twice, or
 * the voting system's file imported), and the results computed from them:
 * the candidates chosen by the vote, the projects' ratings and ranks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/form.h" /* valid_money */
#include "model/core/msgtext.h"
#include "model/project/project.h"
#include "model/project/project_int.h"
#include "model/project/project_scope.h"
#include "model/stat/stat.h" /* stat_pct */
#include "util/conf.h"
#include "util/csvread.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define TALLY_KIND "project-ballot"

/* ---- the rules ---------------------------------------------------------------- */

bool project_passes(int64_t yes, int64_t deputies, int num, int den)
{
	return deputies > 0 && num > 0 && den > num && yes * den > deputies * num;
}

const char *project_rating(int64_t satisfied, int64_t basic, int64_t valid)
{
	if (satisfied * 2 > valid)
		return "satisfied";
	if ((satisfied + basic) * 2 > valid)
		return "basic";
	return "unsatisfied";
}

int project_deputies_on(sqlite3 *db, const char *level, int64_t town, const char *day, int64_t *n)
{
	return db_int(db, n,
	              "SELECT count(*) FROM deputy d LEFT JOIN term t ON t.id = d.term_id "
	              "WHERE d.level = ?1 AND (?1 = 'city' OR d.town_id = ?2) "
	              "AND (d.left_date IS NULL OR d.left_date > ?3) "
	              "AND (t.id IS NULL OR (t.start_date <= ?3 AND (t.end_date IS NULL OR "
	              "t.end_date >= ?3)))",
	              "tit", level, town, day);
}

bool pcycle_parse_pass(const char *s, int *num, int *den)
{
	unsigned a, b;
	char extra;
	if (!s || sscanf(s, "%u/%u%c", &a, &b, &extra) != 2 || !a || a >= b || b > 1000)
		return false;
	*num = (int)a;
	*den = (int)b;
	return true;
}

void pcycle_default_rules(struct pcycle_rules *r)
{
	r->choose = conf.project_choose > 0 ? conf.project_choose : 10;
	r->candidates =
	    conf.project_candidates > r->choose ? conf.project_candidates : r->choose + 2;
	r->bottom = conf.project_bottom >= 0 ? conf.project_bottom : 1;
	if (!pcycle_parse_pass(conf.project_pass, &r->pass_num, &r->pass_den)) {
		r->pass_num = 1;
		r->pass_den = 2;
	}
}

/* Checks a cycle's rules; the message names the rule. */
static int check_rules(const struct pcycle_rules *r)
{
	if (r->choose < 1 || r->choose > 100)
		return err_set(RD_INVALID, _("choose: %d is not from 1 to 100 projects"),
		               r->choose);
	if (r->candidates <= r->choose || r->candidates > 200)
		return err_set(
		    RD_INVALID,
		    _("candidates: %d must be more than the %d projects to choose (差额) "
		      "and at most 200"),
		    r->candidates, r->choose);
	if (r->bottom < 0 || r->bottom >= r->choose)
		return err_set(RD_INVALID,
		               _("bottom: %d must be from 0 to fewer than the %d projects"),
		               r->bottom, r->choose);
	return RD_OK;
}

/* ---- shared helpers of the module ---------------------------------------------------- */

int pfind(sqlite3 *db, const struct scope *sc, const char *table, const char *alias,
          const char *scope_sql, const char *ref, const char *what, int64_t *id)
{
	char *sql = xasprintf("SELECT %s.id FROM %s %s WHERE (%s.id = ?1 OR %s.number = ?2) AND %s",
	                      alias, table, alias, alias, alias, scope_sql);
	int rc = mod_find(db, sc, sql, project_scope_bind, ref, id);
	free(sql);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no %s '%s' within your scope"), what, ref);
	return rc;
}

int pday(const char *v, const char *field, int today, char out[11])
{
	int d = today;
	if (v && *v && !date_parse(v, &d))
		return err_set(RD_INVALID, _("%s: '%s' is not a date YYYY-MM-DD"), field, v);
	if (d > today)
		return err_set(RD_INVALID, _("%s: %s is in the future"), field, v);
	date_format(d, out);
	return RD_OK;
}

int pmoney(const char *v, const char *field, int64_t *fen, bool *given)
{
	*fen = 0;
	*given = v && *v;
	long long f = 0;
	if (*given && (!valid_money(v, &f) || f < 0))
		return err_set(RD_INVALID, _("%s: '%s' is not an amount of yuan such as 1234.50"),
		               field, v);
	*fen = f;
	return RD_OK;
}

void pyuan(int64_t fen, char out[32])
{
	snprintf(out, 32, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

char *pcongress_name(const char *town)
{
	return town && *town ? xasprintf(_("the congress of %s"), town)
	                     : xstrdup(_("the city's congress"));
}

void pfig_key(const char *k, int64_t item, char out[48])
{
	snprintf(out, 48, "%s_%lld", k, (long long)item);
}

int pcyc_load(sqlite3 *db, int64_t id, struct pcyc *c)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT c.id, coalesce(c.town_id, 0), c.number, c.level, "
	               "c.state, coalesce(t.name, ''), c.year, c.choose, c.candidates, "
	               "c.pass_num, c.pass_den, c.bottom FROM pcycle c LEFT JOIN town t "
	               "ON t.id = c.town_id WHERE c.id = ?",
	               "i", id);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->town = sqlite3_column_int64(st, 1);
		snprintf(c->number, sizeof c->number, "%s", db_col(st, 2));
		snprintf(c->level, sizeof c->level, "%s", db_col(st, 3));
		snprintf(c->state, sizeof c->state, "%s", db_col(st, 4));
		snprintf(c->town_name, sizeof c->town_name, "%s", db_col(st, 5));
		c->year = sqlite3_column_int(st, 6);
		c->choose = sqlite3_column_int(st, 7);
		c->candidates = sqlite3_column_int(st, 8);
		c->pass_num = sqlite3_column_int(st, 9);
		c->pass_den = sqlite3_column_int(st, 10);
		c->bottom = sqlite3_column_int(st, 11);
		rc = RD_OK;
	}
	sqlite3_finalize(st);
	if (rc == RD_NOTFOUND)
		err_set(RD_NOTFOUND, _("no cycle %lld"), (long long)id);
	return rc;
}

/* ---- the workflow's hooks --------------------------------------------------------------- */

/* clang-format off */
static const struct wf_state states[] = {
	{"collecting", N_("collecting proposals"), true, false},
	{"listed", N_("candidates listed"), true, false},
	{"reviewed", N_("candidates reviewed"), true, false},
	{"voting", N_("voting"), true, false},
	{"revote", N_("tie: to vote again"), true, false},
	{"supervising", N_("supervising the projects"), true, false},
	{"evaluating", N_("evaluating"), true, false},
	{"rated", N_("rated"), true, false},
	{"reevaluating", N_("evaluating again"), true, false},
	{"closed", N_("closed"), false, true},
};
/* clang-format on */

static void cyc_release(struct flow_item *it)
{
	free(it->own);
	it->own = NULL;
}

static int cyc_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT c.id FROM pcycle c WHERE c.id = ?1 AND " PCYCLE_SCOPE_SQL, "i", id);
	if (!st)
		return RD_FAIL;
	project_scope_bind(st, sc);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found)
		return err_set(RD_NOTFOUND, _("no cycle %lld within your scope"), (long long)id);
	struct pcyc *c = xcalloc(1, sizeof *c);
	it->own = c;
	int rc = pcyc_load(db, id, c);
	if (rc)
		return rc;
	int64_t version = 0;
	db_int(db, &version, "SELECT version FROM pcycle WHERE id = ?", "i", id);
	it->id = id;
	it->version = version;
	it->town = c->town;
	snprintf(it->state, sizeof it->state, "%s", c->state);
	snprintf(it->level, sizeof it->level, "%s", c->level);
	return RD_OK;
}

static char *cyc_name(const struct flow_item *it)
{
	const struct pcyc *c = it->own;
	return xasprintf(_("cycle %s"), c ? c->number : "?");
}

/* Town clerks act on their town's cycles only (they see no other). */
static int cyc_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_TOWN_CLERK && c->it->town != c->sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's cycles"));
	return RD_OK;
}

/* ---- ballots --------------------------------------------------------------------------- */

const char *const pballot_header[4] = {"issued", "returned", "valid", "invalid"};
static const char *const vote_keys[3] = {"yes", "no", "abstain"};
static const char *const eval_keys[3] = {"satisfied", "basic", "unsatisfied"};

/* The ballot of the cycle that takes figures now (the latest not counted). */
static int open_ballot(sqlite3 *db, int64_t cycle, int64_t *ballot, char kind[12], int *round)
{
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id, kind, round FROM pballot WHERE cycle_id = ? AND "
	                              "counted_at IS NULL ORDER BY id DESC LIMIT 1",
	                              "i", cycle);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*ballot = sqlite3_column_int64(st, 0);
		snprintf(kind, 12, "%s", db_col(st, 1));
		if (round)
			*round = sqlite3_column_int(st, 2);
		rc = RD_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* A ballot's items: id, number, title, k1, k2, k3 (the keys of their figures' kinds). */
static int ballot_items(sqlite3 *db, int64_t ballot, const char *kind, struct tbl *out)
{
	static const char *const keys[] = {"id", "number", "title", "k1", "k2", "k3"};
	bool vote = !strcmp(kind, "vote");
	const char *const *k = vote ? vote_keys : eval_keys;
	return tbl_read(
	    db_prepare(db,
	               vote ? "SELECT r.id, r.number, r.title, ?2, ?3, ?4 FROM pvote v "
	                      "JOIN pproposal r ON r.id = v.proposal_id WHERE "
	                      "v.ballot_id = ?1 ORDER BY r.number"
	                    : "SELECT p.id, p.number, p.title, ?2, ?3, ?4 FROM prating x "
	                      "JOIN pproject p ON p.id = x.project_id WHERE "
	                      "x.ballot_id = ?1 ORDER BY p.number",
	               "ittt", ballot, k[0], k[1], k[2]),
	    keys, 6, out);
}

int pcycle_open_ballot(sqlite3 *db, const struct scope *sc, int64_t cycle, int64_t *ballot,
                       char kind[12], struct tbl *items)
{
	memset(items, 0, sizeof *items);
	struct flow_item it;
	int rc = cyc_read(db, sc, cycle, &it);
	char number[32];
	snprintf(number, sizeof number, "%s", it.own ? ((struct pcyc *)it.own)->number : "?");
	cyc_release(&it);
	if (rc)
		return rc;
	rc = open_ballot(db, cycle, ballot, kind, NULL);
	if (rc == RD_NOTFOUND)
		return err_set(
		    RD_NOTFOUND,
		    _("cycle %s has no ballot open: its figures are taken after the vote "
		      "or the evaluation begins"),
		    number);
	if (rc)
		return rc;
	return ballot_items(db, *ballot, kind, items);
}

/*
 * A figure's key ("yes_12", "issued") in parts: the msgid of its word (NULL for a key of
 * no word, then *word holds the key's word) and, for an item's figure, the item's number
 * and title (a new string; NULL for the ballot's own figures).
 */
static const char *figure_parts(sqlite3 *db, const char *key, char word[24], char **name)
{
	static const struct {
		const char *key, *label;
	} words[] = {
	    {"issued", N_("ballots issued")},
	    {"returned", N_("ballots returned")},
	    {"valid", N_("valid ballots")},
	    {"invalid", N_("invalid ballots")},
	    {"yes", N_("votes for")},
	    {"no", N_("votes against")},
	    {"abstain", N_("abstentions")},
	    {"satisfied", N_("satisfied")},
	    {"basic", N_("basically satisfied")},
	    {"unsatisfied", N_("unsatisfied")},
	};
	const char *us = strrchr(key, '_');
	snprintf(word, 24, "%.*s", (int)(us ? us - key : (long)strlen(key)), key);
	const char *label = NULL;
	for (int i = 0; i < N_OF(words); i++)
		if (!strcmp(words[i].key, word))
			label = words[i].label;
	*name = NULL;
	if (us) {
		int64_t item = strtoll(us + 1, NULL, 10);
		bool vote = !strcmp(word, "yes") || !strcmp(word, "no") || !strcmp(word, "abstain");
		db_text(db, name,
		        vote ? "SELECT number || ' ' || title FROM pproposal WHERE id = ?"
		             : "SELECT number || ' ' || title FROM pproject WHERE id = ?",
		        "i", item);
		if (!*name)
			*name = xstrdup(key);
	}
	return label;
}

char *pcycle_figure_label(sqlite3 *db, const char *key)
{
	char word[24], *name;
	const char *label = figure_parts(db, key, word, &name);
	label = label ? _(label) : word;
	char *out = name ? xasprintf(_("%s: %s"), name, label) : xstrdup(label);
	free(name);
	return out;
}

/* Appends a line of a figure two tally sheets differ in, its word in the reader's
   language when read (msgtext.h). */
static void figure_line(sqlite3 *db, struct sbuf *b, const char *key, const char *first,
                        const char *second)
{
	char word[24], code[48], *name;
	const char *label = figure_parts(db, key, word, &name);
	const char *w = label ? msgtext_code(code, sizeof code, "", label) : word;
	sbuf_putc(b, '\n');
	if (name)
		msgtext_add(b, "%s: %s: %s / %s", name, w, first, second);
	else
		msgtext_add(b, "%s: %s / %s", w, first, second);
	free(name);
}

/* The number and title of item row r, for messages. */
static const char *item_name(const struct tbl *items, int r, char out[256])
{
	snprintf(out, 256, "%s %s", tbl_get(items, r, "number"), tbl_get(items, r, "title"));
	return out;
}

/*
 * Checks a sheet of ballot: every figure there and no other; returned ≤ issued;
 * valid + invalid = returned; each item's three figures together ≤ valid; a vote's
 * ballots issued ≤ the congress's deputies that day. The message names the figure.
 */
static int check_sheet(sqlite3 *db, int64_t ballot, const char *kind, const struct tbl *items,
                       const struct tally *t)
{
	char key[48], name[256];
	for (int i = 0; i < 4; i++)
		if (tally_get(t, pballot_header[i]) < 0) {
			char *label = pcycle_figure_label(db, pballot_header[i]);
			int rc = err_set(RD_INVALID, _("%s: the figure of the %s is missing"),
			                 pballot_header[i], label);
			free(label);
			return rc;
		}
	int64_t issued = tally_get(t, "issued"), returned = tally_get(t, "returned"),
	        valid = tally_get(t, "valid"), invalid = tally_get(t, "invalid");
	if (returned > issued)
		return err_set(RD_INVALID,
		               _("returned: %lld ballots returned is more than the %lld issued"),
		               (long long)returned, (long long)issued);
	if (valid + invalid != returned)
		return err_set(
		    RD_INVALID,
		    _("valid: %lld valid and %lld invalid ballots make %lld, not the %lld "
		      "returned"),
		    (long long)valid, (long long)invalid, (long long)(valid + invalid),
		    (long long)returned);
	int known = 4;
	for (int r = 0; r < items->nrows; r++) {
		int64_t item = strtoll(tbl_get(items, r, "id"), NULL, 10), sum = 0, v[3];
		for (int k = 0; k < 3; k++) {
			pfig_key(tbl_get(items, r,
			                 k == 0   ? "k1"
			                 : k == 1 ? "k2"
			                          : "k3"),
			         item, key);
			v[k] = tally_get(t, key);
			if (v[k] < 0)
				return err_set(RD_INVALID, _("%s: the figure of %s is missing"),
				               key, item_name(items, r, name));
			sum += v[k];
			known++;
		}
		if (sum > valid)
			return err_set(
			    RD_INVALID,
			    _("%s: %lld + %lld + %lld = %lld votes is more than the %lld "
			      "valid ballots"),
			    item_name(items, r, name), (long long)v[0], (long long)v[1],
			    (long long)v[2], (long long)sum, (long long)valid);
	}
	if (t->n > known)
		for (int i = 0; i < t->n; i++) {
			bool ok = false;
			for (int h = 0; h < 4; h++)
				ok |= !strcmp(t->f[i].key, pballot_header[h]);
			for (int r = 0; !ok && r < items->nrows; r++)
				for (int k = 0; k < 3 && !ok; k++) {
					pfig_key(tbl_get(items, r,
					                 k == 0   ? "k1"
					                 : k == 1 ? "k2"
					                          : "k3"),
					         strtoll(tbl_get(items, r, "id"), NULL, 10), key);
					ok = !strcmp(t->f[i].key, key);
				}
			if (!ok)
				return err_set(RD_INVALID, _("%s: not a figure of this ballot"),
				               t->f[i].key);
		}
	if (!strcmp(kind, "vote")) {
		char *held = NULL, *level = NULL;
		int64_t town = 0, deputies = 0;
		int rc =
		    db_text(db, &held, "SELECT held_on FROM pballot WHERE id = ?", "i", ballot);
		if (!rc)
			rc = db_text(
			    db, &level,
			    "SELECT c.level FROM pcycle c JOIN pballot b ON b.cycle_id = c.id "
			    "WHERE b.id = ?",
			    "i", ballot);
		if (!rc)
			rc = db_int(db, &town,
			            "SELECT coalesce(c.town_id, 0) FROM pcycle c JOIN pballot b ON "
			            "b.cycle_id = c.id WHERE b.id = ?",
			            "i", ballot);
		if (!rc)
			rc = project_deputies_on(db, level, town, held, &deputies);
		if (!rc && deputies > 0 && issued > deputies)
			rc = err_set(
			    RD_INVALID,
			    _("issued: %lld ballots issued is more than the %lld deputies of the "
			      "congress on %s"),
			    (long long)issued, (long long)deputies, held);
		free(held);
		free(level);
		if (rc)
			return rc;
	}
	return RD_OK;
}

int pcycle_sheet_from_args(sqlite3 *db, const struct scope *sc, int64_t cycle,
                           const struct flow_args *a, struct tally *out)
{
	memset(out, 0, sizeof *out);
	int64_t ballot;
	char kind[12];
	struct tbl items;
	int rc = pcycle_open_ballot(db, sc, cycle, &ballot, kind, &items);
	if (rc)
		return rc;
	for (int i = 0; i < a->nvalues && !rc; i++) {
		const char *k = a->names[i], *v = a->values[i];
		if (!v || !*v)
			continue;
		char *end;
		long long n = strtoll(v, &end, 10);
		if (*end || n < 0 || n > 100000000)
			rc = err_set(RD_INVALID, _("%s: '%s' is not a number of votes"), k, v);
		else
			tally_set(out, k, n);
	}
	tbl_free(&items);
	if (rc)
		tally_free(out);
	return rc;
}

/* The figures of a ballot: those imported, or those of the two agreeing sheets. */
static int ballot_figures(sqlite3 *db, int64_t ballot, const char *kind, struct tally *t)
{
	memset(t, 0, sizeof *t);
	char *source = NULL;
	int rc = db_text(db, &source, "SELECT source FROM pballot WHERE id = ?", "i", ballot);
	bool imported = !rc && source && !strcmp(source, "import");
	free(source);
	if (rc)
		return rc;
	if (!imported)
		return tally_agreed(db, TALLY_KIND, ballot, t);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT issued, returned, valid, invalid FROM pballot WHERE id "
	               "= ?",
	               "i", ballot);
	if (!st)
		return RD_FAIL;
	if (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < 4; i++)
			tally_set(t, pballot_header[i], sqlite3_column_int64(st, i));
	sqlite3_finalize(st);
	bool vote = !strcmp(kind, "vote");
	st =
	    db_prepare(db,
	               vote ? "SELECT proposal_id, yes, no, abstain FROM pvote WHERE ballot_id = ?"
	                    : "SELECT project_id, satisfied, basic, unsatisfied FROM prating WHERE "
	                      "ballot_id = ?",
	               "i", ballot);
	if (!st)
		return RD_FAIL;
	char key[48];
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int k = 0; k < 3; k++) {
			pfig_key(vote ? vote_keys[k] : eval_keys[k], sqlite3_column_int64(st, 0),
			         key);
			tally_set(t, key, sqlite3_column_int64(st, k + 1));
		}
	sqlite3_finalize(st);
	return RD_OK;
}

/* Stores a ballot's figures (agreed or imported) in its rows. */
static int store_figures(sqlite3 *db, int64_t ballot, const char *kind, const struct tally *t,
                         const char *source)
{
	int rc =
	    db_run(db,
	           "UPDATE pballot SET source = ?, issued = ?, returned = ?, valid = ?, invalid "
	           "= ? WHERE id = ?",
	           "tiiiii", source, tally_get(t, "issued"), tally_get(t, "returned"),
	           tally_get(t, "valid"), tally_get(t, "invalid"), ballot);
	struct tbl items;
	if (!rc)
		rc = ballot_items(db, ballot, kind, &items);
	if (rc)
		return rc;
	bool vote = !strcmp(kind, "vote");
	char key[48];
	for (int r = 0; !rc && r < items.nrows; r++) {
		int64_t item = strtoll(tbl_get(&items, r, "id"), NULL, 10), v[3];
		for (int k = 0; k < 3; k++) {
			pfig_key(vote ? vote_keys[k] : eval_keys[k], item, key);
			v[k] = tally_get(t, key);
		}
		rc = db_run(
		    db,
		    vote ? "UPDATE pvote SET yes = ?, no = ?, abstain = ? WHERE ballot_id = ? "
		           "AND proposal_id = ?"
		         : "UPDATE prating SET satisfied = ?, basic = ?, unsatisfied = ? WHERE "
		           "ballot_id = ? AND project_id = ?",
		    "iiiii", v[0], v[1], v[2], ballot, item);
	}
	tbl_free(&items);
	return rc;
}

/* ---- the result of a vote ------------------------------------------------------------- */

struct vres {
	int n;
	int64_t *id, *yes;
	const char **result; /* chosen, passed, failed, tie */
	int chosen, tied, passing;
	int64_t deputies, cut; /* the yes votes at the cut when tied */
	int seats;
};

static void vres_free(struct vres *v)
{
	free(v->id);
	free(v->yes);
	free(v->result);
	memset(v, 0, sizeof *v);
}

/*
 * The result of the cycle's open vote: the candidates that pass (yes votes from more than
 * the rule's share of all the congress's deputies on the day), the top ones by yes votes
 * up to the seats left, and a tie at the cut. RD_INVALID when the figures are not agreed
 * or the roster has no deputy that day.
 */
static int vote_result(sqlite3 *db, const struct pcyc *cy, int64_t ballot, struct vres *v)
{
	memset(v, 0, sizeof *v);
	struct tally t;
	int rc = ballot_figures(db, ballot, "vote", &t);
	if (rc) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", err_msg());
		return err_set(RD_INVALID, _("cycle %s: the vote's figures are not final: %s"),
		               cy->number, msg);
	}
	char *held = NULL;
	rc = db_text(db, &held, "SELECT held_on FROM pballot WHERE id = ?", "i", ballot);
	if (!rc)
		rc = project_deputies_on(db, cy->level, cy->town, held, &v->deputies);
	char *cong = pcongress_name(cy->town_name);
	if (!rc && v->deputies == 0)
		rc = err_set(RD_INVALID,
		             _("the roster has no deputy of %s on %s: load the "
		               "roster of that term first"),
		             cong, held);
	free(cong);
	free(held);
	int64_t already = 0;
	if (!rc)
		rc = db_int(
		    db, &already,
		    "SELECT count(*) FROM pproposal WHERE cycle_id = ? AND result = 'chosen'", "i",
		    cy->id);
	struct tbl items = {0};
	if (!rc)
		rc = ballot_items(db, ballot, "vote", &items);
	if (rc) {
		tally_free(&t);
		return rc;
	}
	v->seats = cy->choose - (int)already;
	v->n = items.nrows;
	v->id = xcalloc((size_t)(v->n + 1), sizeof *v->id);
	v->yes = xcalloc((size_t)(v->n + 1), sizeof *v->yes);
	v->result = xcalloc((size_t)(v->n + 1), sizeof *v->result);
	char key[48];
	for (int r = 0; r < v->n; r++) {
		v->id[r] = strtoll(tbl_get(&items, r, "id"), NULL, 10);
		pfig_key("yes", v->id[r], key);
		v->yes[r] = tally_get(&t, key);
	}
	tbl_free(&items);
	tally_free(&t);
	/* Order by yes votes, most first (a stable insertion sort: few candidates). */
	for (int i = 1; i < v->n; i++)
		for (int j = i; j > 0 && v->yes[j] > v->yes[j - 1]; j--) {
			int64_t x = v->yes[j];
			v->yes[j] = v->yes[j - 1];
			v->yes[j - 1] = x;
			x = v->id[j];
			v->id[j] = v->id[j - 1];
			v->id[j - 1] = x;
		}
	for (int i = 0; i < v->n; i++) {
		bool pass = project_passes(v->yes[i], v->deputies, cy->pass_num, cy->pass_den);
		v->result[i] = pass ? "passed" : "failed";
		v->passing += pass;
	}
	if (v->passing > v->seats && v->seats > 0 && v->yes[v->seats - 1] == v->yes[v->seats]) {
		v->cut = v->yes[v->seats - 1];
		for (int i = 0; i < v->passing; i++) {
			if (v->yes[i] > v->cut) {
				v->result[i] = "chosen";
				v->chosen++;
			} else if (v->yes[i] == v->cut) {
				v->result[i] = "tie";
				v->tied++;
			}
		}
	} else
		for (int i = 0; i < v->passing && i < v->seats; i++) {
			v->result[i] = "chosen";
			v->chosen++;
		}
	return RD_OK;
}

/* ---- the facts of the flow -------------------------------------------------------------- */

/* "tie" when counting the open vote now would find candidates tied at the cut. */
static void cyc_facts(struct flow_ctx *c, struct sbuf *out)
{
	const struct pcyc *cy = c->it->own;
	if (strcmp(cy->state, "voting") || (c->action && strcmp(c->action, "count")))
		return;
	int64_t ballot;
	char kind[12];
	struct vres v;
	if (open_ballot(c->db, cy->id, &ballot, kind, NULL) || strcmp(kind, "vote") ||
	    vote_result(c->db, cy, ballot, &v)) {
		err_clear();
		return;
	}
	if (v.tied)
		sbuf_printf(out, "%stie", out->len ? "|" : "");
	vres_free(&v);
}

/* ---- the effects of the steps ----------------------------------------------------------- */

static int eff_rules(struct flow_ctx *c)
{
	const struct pcyc *cy = c->it->own;
	struct pcycle_rules r = {cy->choose, cy->candidates, cy->pass_num, cy->pass_den,
	                         cy->bottom};
	const char *v;
	char *end;
	if ((v = flow_arg(c->a, "choose"))) {
		r.choose = (int)strtol(v, &end, 10);
		if (*end)
			return err_set(RD_INVALID, _("choose: '%s' is not a number"), v);
	}
	if ((v = flow_arg(c->a, "candidates"))) {
		r.candidates = (int)strtol(v, &end, 10);
		if (*end)
			return err_set(RD_INVALID, _("candidates: '%s' is not a number"), v);
	}
	if ((v = flow_arg(c->a, "bottom"))) {
		r.bottom = (int)strtol(v, &end, 10);
		if (*end)
			return err_set(RD_INVALID, _("bottom: '%s' is not a number"), v);
	}
	if ((v = flow_arg(c->a, "pass")) && !pcycle_parse_pass(v, &r.pass_num, &r.pass_den))
		return err_set(RD_INVALID, _("pass: '%s' is not a fraction below 1 such as 1/2"),
		               v);
	int rc = check_rules(&r);
	if (!rc)
		rc = db_run(
		    c->db,
		    "UPDATE pcycle SET choose = ?, candidates = ?, pass_num = ?, pass_den = ?, "
		    "bottom = ? WHERE id = ?",
		    "dddddi", r.choose, r.candidates, r.pass_num, r.pass_den, r.bottom, cy->id);
	msgtext_add(&c->text,
	            "projects to choose %d, candidates at least %d, yes votes from more than "
	            "%d/%d of all deputies, bottom %d",
	            r.choose, r.candidates, r.pass_num, r.pass_den, r.bottom);
	if (c->a->text && *c->a->text)
		sbuf_printf(&c->text, "\n%s", c->a->text);
	return rc;
}

/* The day of a stage (a->date, default the day of the step) into the cycle's column. */
static int stage_day(struct flow_ctx *c, const char *column, char day[11])
{
	int rc = pday(c->a->date, "date", c->today, day);
	if (rc)
		return rc;
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE pcycle SET %s = ? WHERE id = ?", column);
	rc = db_run(c->db, sql, "ti", day, c->it->id);
	sbuf_printf(&c->text, "%s", day);
	if (c->a->text && *c->a->text)
		sbuf_printf(&c->text, "\n%s", c->a->text);
	return rc;
}

/* 初定: every proposal decided, and enough candidates for a competitive ballot. */
static int eff_list(struct flow_ctx *c)
{
	const struct pcyc *cy = c->it->own;
	int64_t undecided = 0, adopted = 0;
	int rc = db_int(c->db, &undecided,
	                "SELECT count(*) FROM pproposal WHERE cycle_id = ? AND state = 'proposed'",
	                "i", cy->id);
	if (!rc)
		rc = db_int(
		    c->db, &adopted,
		    "SELECT count(*) FROM pproposal WHERE cycle_id = ? AND state = 'candidate'",
		    "i", cy->id);
	if (rc)
		return rc;
	if (undecided)
		return err_set(
		    RD_DENIED,
		    P_("%lld proposal is not decided yet: adopt it as a candidate or not "
		       "first",
		       "%lld proposals are not decided yet: adopt each as a candidate or "
		       "not first",
		       undecided),
		    (long long)undecided);
	if (adopted < cy->candidates)
		return err_set(
		    RD_DENIED,
		    _("only %lld candidates were adopted: the rules ask for at least %d, "
		      "more than the %d projects to choose (差额)"),
		    (long long)adopted, cy->candidates, cy->choose);
	char day[11];
	return stage_day(c, "listed_on", day);
}

static int eff_review(struct flow_ctx *c)
{
	char day[11];
	return stage_day(c, "reviewed_on", day);
}

/* Opens a ballot of kind round with the items the query selects (?1 the cycle). */
static int new_ballot(struct flow_ctx *c, const char *kind, int round, const char *day,
                      const char *items_sql)
{
	int64_t ballot;
	int rc = db_new_id(c->db, "pballot", &ballot);
	if (!rc)
		rc = db_run(
		    c->db,
		    "INSERT INTO pballot (id, cycle_id, kind, round, held_on) VALUES (?, ?, ?, "
		    "?, ?)",
		    "iitdt", ballot, c->it->id, kind, round, day);
	char *sql =
	    xasprintf(!strcmp(kind, "vote")
	                  ? "INSERT INTO pvote (ballot_id, proposal_id) SELECT ?2, id FROM (%s)"
	                  : "INSERT INTO prating (ballot_id, project_id) SELECT ?2, id FROM (%s)",
	              items_sql);
	if (!rc)
		rc = db_run(c->db, sql, "ii", c->it->id, ballot);
	free(sql);
	int64_t n = 0;
	if (!rc)
		rc = db_int(c->db, &n,
		            !strcmp(kind, "vote")
		                ? "SELECT count(*) FROM pvote WHERE ballot_id = ?"
		                : "SELECT count(*) FROM prating WHERE ballot_id = ?",
		            "i", ballot);
	if (!rc && !n)
		rc = err_set(RD_DENIED, _("there is nothing to put on the ballot"));
	return rc;
}

/* 票决: the ballot of the candidates, on the day of the vote. */
static int eff_ballot(struct flow_ctx *c)
{
	char day[11];
	int rc = stage_day(c, "voted_on", day);
	const char *session = flow_arg(c->a, "session");
	if (!rc && session) {
		int64_t sid;
		if (flow_lookup(c->db, "congress_session", "session", session, &sid))
			return RD_INVALID;
		rc = db_run(c->db, "UPDATE pcycle SET session_id = ? WHERE id = ?", "ii", sid,
		            c->it->id);
	}
	if (!rc)
		rc = new_ballot(
		    c, "vote", 1, day,
		    "SELECT id FROM pproposal WHERE cycle_id = ?1 AND state = 'candidate'");
	return rc;
}

/* A re-vote among the candidates tied at the cut. */
static int eff_revote(struct flow_ctx *c)
{
	char day[11];
	int rc = stage_day(c, "voted_on", day);
	int64_t round = 0;
	if (!rc)
		rc = db_int(c->db, &round,
		            "SELECT max(round) FROM pballot WHERE cycle_id = ? AND kind = 'vote'",
		            "i", c->it->id);
	if (!rc)
		rc = new_ballot(c, "vote", (int)round + 1, day,
		                "SELECT id FROM pproposal WHERE cycle_id = ?1 AND result = 'tie'");
	if (!rc)
		rc = db_run(
		    c->db,
		    "UPDATE pproposal SET result = NULL WHERE cycle_id = ? AND result = 'tie'", "i",
		    c->it->id);
	return rc;
}

/* The open ballot of the step's cycle, or a refusal saying there is none. */
static int step_ballot(struct flow_ctx *c, int64_t *ballot, char kind[12], int *round)
{
	const struct pcyc *cy = c->it->own;
	int rc = open_ballot(c->db, cy->id, ballot, kind, round);
	if (rc == RD_NOTFOUND)
		return err_set(RD_DENIED, _("cycle %s has no ballot open"), cy->number);
	return rc;
}

/* A tally sheet typed by a clerk: checked, entered, and compared with the other one. */
static int eff_tally(struct flow_ctx *c)
{
	int64_t ballot;
	char kind[12];
	int rc = step_ballot(c, &ballot, kind, NULL);
	if (rc)
		return rc;
	char *source = NULL;
	db_text(c->db, &source, "SELECT source FROM pballot WHERE id = ?", "i", ballot);
	bool imported = source && !strcmp(source, "import");
	free(source);
	if (imported)
		return err_set(
		    RD_DENIED,
		    _("this ballot's figures were imported from the voting system's file; "
		      "import the file again to replace them"));
	struct tally t;
	struct tbl items;
	rc = pcycle_sheet_from_args(c->db, c->sc, c->it->id, c->a, &t);
	if (rc)
		return rc;
	rc = ballot_items(c->db, ballot, kind, &items);
	if (!rc)
		rc = check_sheet(c->db, ballot, kind, &items, &t);
	tbl_free(&items);
	int entry = 0;
	if (!rc)
		rc = tally_enter(c->db, c->sc, TALLY_KIND, ballot, &t, &entry);
	tally_free(&t);
	struct tbl diff;
	int nsheets = 0;
	if (!rc)
		rc = tally_compare(c->db, TALLY_KIND, ballot, &diff, &nsheets);
	if (!rc) {
		tbl_free(&diff);
		rc = pcycle_differences(c->db, c->sc, c->it->id, &diff);
	}
	if (rc)
		return rc;
	if (nsheets < 2)
		msgtext_add(&c->text, "tally sheet %d entered; a second clerk enters it too",
		            entry);
	else if (!diff.nrows)
		msgtext_add(&c->text, "tally sheet %d entered: the two sheets agree", entry);
	else {
		msgtext_addn(&c->text, "tally sheet %d entered: the two sheets differ in %d figure",
		             "tally sheet %d entered: the two sheets differ in %d figures",
		             (unsigned long)diff.nrows, entry, diff.nrows);
		for (int r = 0; r < diff.nrows; r++)
			figure_line(c->db, &c->text, tbl_get(&diff, r, "key"),
			            tbl_get(&diff, r, "first"), tbl_get(&diff, r, "second"));
	}
	tbl_free(&diff);
	return RD_OK;
}

/* The voting system's result file: its figures replace any tally sheets. */
static int eff_import(struct flow_ctx *c)
{
	int64_t ballot;
	char kind[12];
	int rc = step_ballot(c, &ballot, kind, NULL);
	struct tally t;
	if (!rc)
		rc = pcycle_read_result(c->db, c->sc, c->it->id, c->a->text, &t);
	if (rc)
		return rc;
	rc = store_figures(c->db, ballot, kind, &t, "import");
	tally_free(&t);
	if (!rc)
		rc = tally_clear(c->db, TALLY_KIND, ballot);
	msgtext_add(&c->text, "the voting system's result file %s imported", c->a->text);
	return rc;
}

/* Says the figures that are final, and marks the ballot counted. */
static int finish_ballot(struct flow_ctx *c, int64_t ballot, const char *kind)
{
	struct tally t;
	int rc = ballot_figures(c->db, ballot, kind, &t);
	char *source = NULL;
	if (!rc)
		rc = db_text(c->db, &source,
		             "SELECT coalesce(source, 'paper') FROM pballot WHERE id = ?", "i",
		             ballot);
	if (!rc)
		rc = store_figures(c->db, ballot, kind, &t, source ? source : "paper");
	if (!rc)
		rc = db_run(c->db, "UPDATE pballot SET counted_at = ? WHERE id = ?", "ti", c->now,
		            ballot);
	if (!rc)
		msgtext_add(
		    &c->text, "ballots issued %lld, returned %lld, valid %lld, invalid %lld",
		    (long long)tally_get(&t, "issued"), (long long)tally_get(&t, "returned"),
		    (long long)tally_get(&t, "valid"), (long long)tally_get(&t, "invalid"));
	free(source);
	tally_free(&t);
	return rc;
}

/* 计票: the result computed from the figures; the projects made when none is tied. */
static int eff_count(struct flow_ctx *c)
{
	const struct pcyc *cy = c->it->own;
	int64_t ballot;
	char kind[12];
	int rc = step_ballot(c, &ballot, kind, NULL);
	if (!rc && strcmp(kind, "vote"))
		rc = err_set(RD_DENIED, _("the open ballot is an evaluation: rate the projects"));
	struct vres v;
	if (!rc)
		rc = vote_result(c->db, cy, ballot, &v);
	if (rc)
		return rc;
	rc =
	    db_run(c->db, "UPDATE pballot SET deputies = ? WHERE id = ?", "ii", v.deputies, ballot);
	if (!rc)
		rc = finish_ballot(c, ballot, "vote");
	sbuf_putc(&c->text, '\n');
	msgtext_add(&c->text,
	            "%lld deputies of the congress: a candidate passes with more than %lld yes "
	            "votes (%d/%d)",
	            (long long)v.deputies, (long long)(v.deputies * cy->pass_num / cy->pass_den),
	            cy->pass_num, cy->pass_den);
	for (int i = 0; !rc && i < v.n; i++) {
		rc = db_run(c->db, "UPDATE pproposal SET result = ? WHERE id = ?", "ti",
		            v.result[i], v.id[i]);
		char *num = NULL;
		db_text(c->db, &num, "SELECT number || ' ' || title FROM pproposal WHERE id = ?",
		        "i", v.id[i]);
		char word[32];
		sbuf_putc(&c->text, '\n');
		msgtext_add(&c->text, "%s: %lld, %s", num ? num : "?", (long long)v.yes[i],
		            msgtext_code(word, sizeof word, "result", v.result[i]));
		free(num);
	}
	if (!rc && v.tied) {
		sbuf_putc(&c->text, '\n');
		msgtext_addn(
		    &c->text,
		    "%d candidates tie with %lld yes votes for %d seat: they are voted on "
		    "again",
		    "%d candidates tie with %lld yes votes for %d seats: they are voted on "
		    "again",
		    (unsigned long)(v.seats - v.chosen), v.tied, (long long)v.cut,
		    v.seats - v.chosen);
	} else if (!rc && v.chosen < v.seats) {
		sbuf_putc(&c->text, '\n');
		msgtext_add(&c->text, "only %d of the %d projects to choose passed",
		            cy->choose - v.seats + v.chosen, cy->choose);
	}
	if (!rc && !v.tied)
		rc = project_create_chosen(c, cy);
	vres_free(&v);
	return rc;
}

/* Opens an evaluation: the ballot of the cycle's projects (or of those deliberated). */
static int eff_evaluate(struct flow_ctx *c)
{
	char day[11];
	int rc = stage_day(c, "evaluated_on", day);
	if (!rc)
		rc = new_ballot(
		    c, "evaluation", 1, day,
		    "SELECT id FROM pproject WHERE cycle_id = ?1 AND state IN ('chosen', "
		    "'supervising', 'completed')");
	return rc;
}

static int eff_reevaluate(struct flow_ctx *c)
{
	int64_t waiting = 0;
	int rc = db_int(c->db, &waiting,
	                "SELECT count(*) FROM pproject WHERE cycle_id = ? AND state IN ('flagged', "
	                "'investigating')",
	                "i", c->it->id);
	if (!rc && waiting)
		return err_set(
		    RD_DENIED,
		    P_("%lld project still waits for its investigation and the standing "
		       "committee's (presidium's) deliberation",
		       "%lld projects still wait for their investigation and the standing "
		       "committee's (presidium's) deliberation",
		       waiting),
		    (long long)waiting);
	char day[11];
	if (!rc)
		rc = stage_day(c, "reevaluated_on", day);
	if (!rc)
		rc = new_ballot(
		    c, "evaluation", 2, day,
		    "SELECT id FROM pproject WHERE cycle_id = ?1 AND state = 'deliberated'");
	return rc;
}

/*
 * Rates the projects of the open evaluation: the rating rule, the satisfaction rate
 * ((satisfied + basic) / valid), the rank by it (ties share a rank), the bottom K (round
 * 1: fewer than K projects rank below), and each project's step (action).
 */
static int rate(struct flow_ctx *c, const char *action)
{
	const struct pcyc *cy = c->it->own;
	int64_t ballot;
	char kind[12];
	int round = 0;
	int rc = step_ballot(c, &ballot, kind, &round);
	if (!rc && strcmp(kind, "evaluation"))
		rc = err_set(RD_DENIED, _("the open ballot is a vote: count it"));
	struct tally t;
	if (!rc && (rc = ballot_figures(c->db, ballot, kind, &t))) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", err_msg());
		return err_set(RD_INVALID,
		               _("cycle %s: the evaluation's figures are not final: %s"),
		               cy->number, msg);
	}
	if (rc)
		return rc;
	int64_t valid = tally_get(&t, "valid");
	tally_free(&t);
	rc = finish_ballot(c, ballot, kind);
	if (!rc && valid <= 0)
		rc = err_set(RD_INVALID,
		             _("valid: an evaluation without valid ballots rates nothing"));
	static const char *const keys[] = {"id", "s", "b", "u", "number"};
	struct tbl items = {0};
	if (!rc)
		rc =
		    tbl_read(db_prepare(c->db,
		                        "SELECT x.project_id, x.satisfied, x.basic, x.unsatisfied, "
		                        "p.number FROM prating x JOIN pproject p ON p.id = "
		                        "x.project_id WHERE x.ballot_id = ? ORDER BY p.number",
		                        "i", ballot),
		             keys, 5, &items);
	if (rc)
		return rc;
	int n = items.nrows;
	int64_t *s = xcalloc((size_t)n + 1, sizeof *s), *sb = xcalloc((size_t)n + 1, sizeof *sb);
	for (int i = 0; i < n; i++) {
		s[i] = strtoll(tbl_get(&items, i, "s"), NULL, 10);
		sb[i] = s[i] + strtoll(tbl_get(&items, i, "b"), NULL, 10);
	}
	for (int i = 0; !rc && i < n; i++) {
		/* Compare rates (sb / valid) as counts: the denominator is the same. */
		int better = 0, worse = 0;
		for (int j = 0; j < n; j++) {
			if (sb[j] > sb[i] || (sb[j] == sb[i] && s[j] > s[i]))
				better++;
			if (sb[j] < sb[i] || (sb[j] == sb[i] && s[j] < s[i]))
				worse++;
		}
		const char *rating = project_rating(s[i], sb[i] - s[i], valid);
		bool bottom = round == 1 && worse < cy->bottom;
		int64_t pid = strtoll(tbl_get(&items, i, "id"), NULL, 10);
		rc = db_run(
		    c->db,
		    "UPDATE prating SET rating = ?, rank = ?, bottom = ? WHERE ballot_id = ? AND "
		    "project_id = ?",
		    "tddii", rating, better + 1, (int)bottom, ballot, pid);
		char pct[16];
		stat_pct(sb[i], valid, pct);
		char word[32], last[32];
		sbuf_putc(&c->text, '\n');
		msgtext_add(&c->text, "%s: %s%%, %s, %d/%d%s", tbl_get(&items, i, "number"), pct,
		            msgtext_code(word, sizeof word, "rating", rating), better + 1, n,
		            bottom ? msgtext_code(last, sizeof last, "", N_(", in the bottom"))
		                   : "");
		struct sbuf whyb = SBUF_INIT;
		msgtext_add(&whyb, "satisfaction %s%%, ranked %d of %d", pct, better + 1, n);
		char *why = sbuf_take(&whyb);
		struct flow_args a = {.eval = rating,
		                      .text = why,
		                      .at = c->a->at,
		                      .cal = c->a->cal,
		                      .generated = c->a->generated};
		if (!rc)
			rc = flow_act_tx(c->db, c->sc, &project_flow, pid, action, &a);
		free(why);
	}
	free(s);
	free(sb);
	tbl_free(&items);
	return rc;
}

static int eff_rate(struct flow_ctx *c)
{
	return rate(c, "rate");
}

static int eff_rerate(struct flow_ctx *c)
{
	return rate(c, "rerate");
}

static int eff_close(struct flow_ctx *c)
{
	int64_t waiting = 0;
	int rc = db_int(c->db, &waiting,
	                "SELECT count(*) FROM pproject WHERE cycle_id = ? AND state IN ('flagged', "
	                "'investigating', 'deliberated')",
	                "i", c->it->id);
	if (!rc && waiting)
		rc =
		    err_set(RD_DENIED,
		            P_("%lld project still waits for its investigation, deliberation and "
		               "second evaluation",
		               "%lld projects still wait for their investigation, deliberation and "
		               "second evaluation",
		               waiting),
		            (long long)waiting);
	return rc;
}

/*
 * The cycle's flow (DESIGN 4.4: collection, the preliminary list, the review, the
 * vote, supervision, evaluation). Columns as in model/flow/workflow.h.
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"open", N_("Open the year's cycle: collection of proposals (征集)"), N_("opened"), "",
	 "collecting", NULL, WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_FORM, "project-cycle"},
	{"rules", N_("Change the rules: projects, candidates, pass threshold, bottom"),
	 N_("rules changed"), "collecting|listed|reviewed", NULL, NULL, WF_CLERKS, WF_FIELDS, NULL,
	 NULL, NULL, NULL, eff_rules, WA_FORM, "project-rules"},
	{"list", N_("Fix the government's preliminary list of candidates (初定)"),
	 N_("candidates listed"), "collecting", "listed", NULL, WF_CLERKS, WF_DATE, NULL, NULL, NULL,
	 NULL, eff_list, WA_FORM, "project-stage"},
	{"review", N_("Record the standing committee's (presidium's) review of the candidates (审议)"),
	 N_("candidates reviewed"), "listed", "reviewed", NULL, WF_CLERKS, WF_DATE | WF_TEXT, NULL,
	 NULL, NULL, NULL, eff_review, WA_FORM, "project-review"},
	{"ballot", N_("Open the vote at the congress (票决)"), N_("vote opened"), "reviewed",
	 "voting", NULL, WF_CLERKS, WF_DATE | WF_FIELDS, NULL, NULL, NULL, NULL, eff_ballot, WA_FORM,
	 "project-ballot"},
	{"tally", N_("Enter a tally sheet (two clerks, each once)"), N_("tally sheet entered"),
	 "voting|evaluating|reevaluating", NULL, NULL, WF_CLERKS, WF_FIELDS, NULL, NULL, NULL, NULL,
	 eff_tally, WA_FORM, "project-tally"},
	{"import", N_("Import the voting system's result file"), N_("result file imported"),
	 "voting|evaluating|reevaluating", NULL, NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL,
	 eff_import, WA_PROMPT, N_("Result file (CSV):")},
	{"count", N_("Count the vote: compute the result"), N_("vote counted"), "voting", "revote",
	 "tie", WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_count, WA_CONFIRM, NULL},
	{"count", N_("Count the vote: compute the result"), N_("vote counted"), "voting",
	 "supervising", NULL, WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_count, WA_CONFIRM, NULL},
	{"revote", N_("Open a new vote among the candidates tied at the cut"),
	 N_("vote opened again"), "revote", "voting", NULL, WF_CLERKS, WF_DATE, NULL, NULL, NULL,
	 NULL, eff_revote, WA_FORM, "project-stage"},
	{"evaluation", N_("Open the satisfaction evaluation of the projects (测评)"),
	 N_("evaluation opened"), "supervising", "evaluating", NULL, WF_CLERKS, WF_DATE, NULL, NULL,
	 NULL, NULL, eff_evaluate, WA_FORM, "project-stage"},
	{"rate", N_("Rate the projects from the evaluation's figures"), N_("projects rated"),
	 "evaluating", "rated", NULL, WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_rate, WA_CONFIRM,
	 NULL},
	{"reevaluation", N_("Open the second evaluation of the projects deliberated"),
	 N_("second evaluation opened"), "rated", "reevaluating", NULL, WF_CLERKS, WF_DATE, NULL,
	 NULL, NULL, NULL, eff_reevaluate, WA_FORM, "project-stage"},
	{"rerate", N_("Rate the projects from the second evaluation's figures"),
	 N_("projects rated again"), "reevaluating", "closed", NULL, WF_CLERKS, 0, NULL, NULL, NULL,
	 NULL, eff_rerate, WA_CONFIRM, NULL},
	{"close", N_("Close the year's cycle"), N_("closed"), "rated", "closed", NULL, WF_CLERKS, 0,
	 NULL, NULL, NULL, NULL, eff_close, WA_CONFIRM, NULL},
};
/* clang-format on */

const struct wf_def pcycle_flow = {
    .name = "project-cycle",
    .table = "pcycle",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .read = cyc_read,
    .release = cyc_release,
    .facts = cyc_facts,
    .actor = cyc_actor,
    .name_of = cyc_name,
};

/* ---- opening a cycle -------------------------------------------------------------------- */

int pcycle_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	return pfind(db, sc, "pcycle", "c", PCYCLE_SCOPE_SQL, ref, _("cycle"), id);
}

int pcycle_add_tx(sqlite3 *db, const struct scope *sc, const struct pcycle_new *n, int64_t *id)
{
	struct pcycle_rules r;
	pcycle_default_rules(&r);
	if (n->choose > 0)
		r.choose = n->choose;
	if (n->candidates > 0)
		r.candidates = n->candidates;
	else if (r.candidates <= r.choose)
		r.candidates = r.choose + 2;
	if (n->bottom >= 0)
		r.bottom = n->bottom;
	if (n->pass && !pcycle_parse_pass(n->pass, &r.pass_num, &r.pass_den))
		return err_set(RD_INVALID, _("pass: '%s' is not a fraction below 1 such as 1/2"),
		               n->pass);
	if (n->year < 2000 || n->year > 9998)
		return err_set(RD_INVALID, _("year: %d is not a year such as 2026"), n->year);
	int rc = check_rules(&r);
	if (rc)
		return rc;
	int64_t town = 0;
	char code[32] = "CITY";
	if (n->town && *n->town) {
		if (flow_lookup(db, "town", "town", n->town, &town))
			return RD_INVALID;
		char *kind = NULL, *tcode = NULL, *body = NULL;
		db_text(db, &kind, "SELECT kind FROM town WHERE id = ?", "i", town);
		db_text(db, &tcode, "SELECT code FROM town WHERE id = ?", "i", town);
		db_text(db, &body, "SELECT body FROM town WHERE id = ?", "i", town);
		snprintf(code, sizeof code, "%s", tcode ? tcode : "?");
		bool street = !kind || strcmp(kind, "town");
		if (street)
			rc = err_set(
			    RD_INVALID,
			    _("town: %s is a street: its working committee (%s) has no congress "
			      "to vote on projects; only the city and the towns have cycles"),
			    n->town, body ? body : "");
		free(kind);
		free(tcode);
		free(body);
		if (rc)
			return rc;
	}
	if (sc->role == ROLE_TOWN_CLERK && town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk opens only the town's cycles"));
	if (flow_may_create(&pcycle_flow, sc))
		return RD_DENIED;
	int64_t session = 0;
	if (n->session && *n->session) {
		if (flow_lookup(db, "congress_session", "session", n->session, &session))
			return RD_INVALID;
		int64_t ok = 0;
		db_int(db, &ok,
		       "SELECT 1 FROM congress_session s JOIN term t ON t.id = s.term_id WHERE "
		       "s.id = ? "
		       "AND t.level = ? AND coalesce(t.town_id, 0) = ?",
		       "iti", session, town ? "town" : "city", town);
		if (!ok)
			return err_set(RD_INVALID,
			               _("session: %s is not a session of this congress"),
			               n->session);
	}
	char number[48];
	snprintf(number, sizeof number, "%d-%s", n->year, code);
	int64_t other;
	if (db_int(db, &other, "SELECT id FROM pcycle WHERE number = ?", "t", number) == RD_OK) {
		*id = other;
		return err_set(RD_EXISTS, _("the cycle %s exists already"), number);
	}
	char at[CLOCK_BUF];
	int today;
	if ((rc = flow_time(n->at, at, &today)))
		return rc;
	if ((rc = db_new_id(db, "pcycle", id)))
		return rc;
	rc =
	    db_run(db,
	           "INSERT INTO pcycle (id, number, year, level, town_id, choose, candidates, "
	           "pass_num, pass_den, bottom, session_id, state, updated_at) VALUES (?, ?, ?, ?, "
	           "?, ?, ?, ?, ?, ?, ?, 'collecting', ?)",
	           "itdtIdddddIt", *id, number, n->year, town ? "town" : "city", town, r.choose,
	           r.candidates, r.pass_num, r.pass_den, r.bottom, session, at);
	if (!rc) {
		struct sbuf text = SBUF_INIT;
		msgtext_add(
		    &text,
		    "projects to choose %d, candidates at least %d, yes votes from more than "
		    "%d/%d of all deputies, bottom %d",
		    r.choose, r.candidates, r.pass_num, r.pass_den, r.bottom);
		rc = flow_created(db, sc, &pcycle_flow, *id, at, sbuf_str(&text), 0, true,
		                  n->generated, NULL);
		sbuf_free(&text);
	}
	return rc;
}

int pcycle_add(sqlite3 *db, const struct scope *sc, const struct pcycle_new *n, int64_t *id)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, pcycle_add_tx(db, sc, n, id));
}

/* ---- the voting system's file ------------------------------------------------------------- */

/* The columns of a result file: English keys or the Chinese words a voting system prints. */
static const struct {
	const char *key;
	const char *names[4];
} result_cols[] = {
    {"item", {"item", "编号", "项目编号", NULL}},
    {"title", {"title", "名称", "项目名称", NULL}},
    {"issued", {"issued", "发出票数", "发出", NULL}},
    {"returned", {"returned", "收回票数", "收回", NULL}},
    {"valid", {"valid", "有效票数", "有效票", NULL}},
    {"invalid", {"invalid", "无效票数", "无效票", NULL}},
    {"yes", {"yes", "赞成", "赞成票", NULL}},
    {"no", {"no", "反对", "反对票", NULL}},
    {"abstain", {"abstain", "弃权", "弃权票", NULL}},
    {"satisfied", {"satisfied", "满意", "满意票", NULL}},
    {"basic", {"basic", "基本满意", "基本满意票", NULL}},
    {"unsatisfied", {"unsatisfied", "不满意", "不满意票", NULL}},
};

static int result_col(const struct csv_file *f, const char *key)
{
	for (int i = 0; i < N_OF(result_cols); i++)
		if (!strcmp(result_cols[i].key, key))
			for (int k = 0; k < 4 && result_cols[i].names[k]; k++) {
				int c = csvf_col(f, result_cols[i].names[k]);
				if (c >= 0)
					return c;
			}
	return -1;
}

/* A whole number of a result file's cell; the message names file:line and the column. */
static int cell_number(const char *path, int line, const char *col, const char *v, int64_t *out)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n < 0 || n > 100000000)
		return err_set(RD_INVALID, _("%s:%d: %s: '%s' is not a number of votes"), path,
		               line, col, v);
	*out = n;
	return RD_OK;
}

int pcycle_read_result(sqlite3 *db, const struct scope *sc, int64_t cycle, const char *path,
                       struct tally *out)
{
	memset(out, 0, sizeof *out);
	if (!path || !*path)
		return err_set(RD_INVALID, _("file: name the voting system's result file"));
	int64_t ballot;
	char kind[12];
	struct tbl items;
	int rc = pcycle_open_ballot(db, sc, cycle, &ballot, kind, &items);
	if (rc)
		return rc;
	struct csv_file f;
	if (csvf_read(path, &f)) {
		tbl_free(&items);
		return RD_INVALID;
	}
	bool vote = !strcmp(kind, "vote");
	const char *const *k3 = vote ? vote_keys : eval_keys;
	const char *need[8] = {"item",    "issued", "returned", "valid",
	                       "invalid", k3[0],    k3[1],      k3[2]};
	int col[8];
	for (int i = 0; i < 8 && !rc; i++)
		if ((col[i] = result_col(&f, need[i])) < 0)
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s'"), path,
			             need[i]);
	for (int c = 0; c < f.ncols && !rc; c++) {
		bool known = c == result_col(&f, "title");
		for (int i = 0; i < 8; i++)
			known |= col[i] == c;
		if (!known)
			rc = err_set(RD_INVALID, _("%s:1: unknown column '%s'"), path, f.header[c]);
	}
	bool *seen = xcalloc((size_t)items.nrows + 1, sizeof *seen);
	for (size_t r = 0; r < f.nrows && !rc; r++) {
		const struct csv_row *row = &f.rows[r];
		const char *item = csvf_get(row, col[0]);
		int at = -1;
		for (int i = 0; i < items.nrows; i++)
			if (!strcmp(tbl_get(&items, i, "number"), item))
				at = i;
		if (at < 0) {
			rc = err_set(RD_INVALID, _("%s:%d: item: '%s' is not on this ballot"), path,
			             row->line, item);
			break;
		}
		if (seen[at]) {
			rc = err_set(RD_INVALID, _("%s:%d: item: %s comes twice"), path, row->line,
			             item);
			break;
		}
		seen[at] = true;
		int64_t v;
		for (int h = 0; h < 4 && !rc; h++) {
			rc = cell_number(path, row->line, need[h + 1], csvf_get(row, col[h + 1]),
			                 &v);
			if (!rc && tally_get(out, need[h + 1]) >= 0 &&
			    tally_get(out, need[h + 1]) != v)
				rc = err_set(
				    RD_INVALID,
				    _("%s:%d: %s: %lld, but %lld on the rows above (the ballot's "
				      "figure is the same on every row)"),
				    path, row->line, need[h + 1], (long long)v,
				    (long long)tally_get(out, need[h + 1]));
			if (!rc)
				tally_set(out, need[h + 1], v);
		}
		int64_t id = strtoll(tbl_get(&items, at, "id"), NULL, 10);
		char key[48];
		for (int k = 0; k < 3 && !rc; k++) {
			rc = cell_number(path, row->line, k3[k], csvf_get(row, col[5 + k]), &v);
			pfig_key(k3[k], id, key);
			if (!rc)
				tally_set(out, key, v);
		}
		if (rc == RD_INVALID)
			break;
	}
	for (int i = 0; i < items.nrows && !rc; i++)
		if (!seen[i])
			rc = err_set(RD_INVALID, _("%s: item %s of the ballot has no row"), path,
			             tbl_get(&items, i, "number"));
	free(seen);
	csvf_free(&f);
	if (!rc && (rc = check_sheet(db, ballot, kind, &items, out))) {
		char msg[768];
		snprintf(msg, sizeof msg, "%s", err_msg());
		rc = err_set(RD_INVALID, "%s: %s", path, msg);
	}
	tbl_free(&items);
	if (rc)
		tally_free(out);
	return rc;
}
