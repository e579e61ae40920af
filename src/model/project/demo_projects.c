/*
 * Demo livelihood projects: a cycle a year from 2019 for the city's congress
 * and for each town's (a street has none), every step taken through the
 * workflow driver as clerks and departments would take it: proposals, the
 * decisions, the candidates' list and review, the vote with two clerks' tally
 * sheets (a mistyped figure now and then, typed again; a tie at the cut once,
 * voted on again), the projects' departments and teams, monthly targets,
 * progress updates, deputies' opinions and the answers, the evaluation, the
 * investigation and second evaluation of the bottom ones, third-party
 * evaluations and their rectification items. Steps after now are not taken.
 *
 * The year 2020 reproduces the seed's figures exactly: the city's 10
 * projects with 65 progress updates and 108 opinions, the towns' 73 projects
 * with 381 updates and 785 opinions; and the city's collection of 2021 has 19
 * proposals of deputies and groups, 5 of them adopted. When the roster has no
 * deputy of a congress on a vote's day (a term before the one loaded), the
 * deputies of that term are added, as having left when it ended.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/core/demo_gen.h"
#include "model/deputy/deputy.h"
#include "model/project/project.h"
#include "model/project/project_int.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/rng.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define N(a) ((uint32_t)(sizeof a / sizeof a[0]))
#define FIRST_YEAR 2019

/* ---- what the projects are ------------------------------------------------------------ */

struct idea {
	const char *title, *unit, *category; /* unit: a code, or "town" for the town government */
};

/* The seed's 2021 city proposals adopted as candidates. */
static const struct idea seed_2021[] = {
    {"饮用水提质", "D-SWG", "CJ"},           {"农村桥梁改建提升", "D-JTJ", "NY"},
    {"健康养老服务", "D-MZJ", "SH"},         {"城乡公交优化提升", "D-JTJ", "CJ"},
    {"中小学校园安全提升", "D-JYJ", "JKWW"},
};

static const struct idea city_ideas[] = {
    {"城区停车设施建设", "D-JSJ", "CJ"},       {"老旧小区改造", "D-JSJ", "CJ"},
    {"农贸市场改造提升", "D-SCJ", "QT"},       {"中小学食堂“阳光厨房”建设", "D-JYJ", "JKWW"},
    {"公共卫生间提升改造", "D-ZFJ", "CJ"},     {"残疾人康复服务", "D-MZJ", "SH"},
    {"婴幼儿照护服务", "D-WJJ", "SH"},         {"基层医疗卫生服务能力提升", "D-WJJ", "JKWW"},
    {"城乡生活垃圾分类", "D-ZFJ", "ST"},       {"河道综合整治", "D-SLJ", "ST"},
    {"农村道路提档升级", "D-JTJ", "NY"},       {"全民健身设施建设", "D-WGJ", "JKWW"},
    {"城市书房建设", "D-WGJ", "JKWW"},         {"居家养老服务中心建设", "D-MZJ", "SH"},
    {"电动自行车充电设施建设", "D-YJJ", "CJ"}, {"老年食堂建设", "D-MZJ", "SH"},
    {"困难群众医疗救助", "D-YBJ", "SH"},       {"就业创业服务提升", "D-RSJ", "SH"},
    {"城市绿道建设", "D-ZRJ", "ST"},           {"农村供电设施改造", "D-GDJ", "NY"},
    {"消防安全隐患整治", "D-YJJ", "MZ"},       {"食品安全快检服务", "D-SCJ", "SH"},
    {"学校周边交通安全治理", "D-GAJ", "MZ"},   {"农村污水处理设施提标", "D-STJ", "ST"},
    {"城区排水防涝改造", "D-JSJ", "CJ"},       {"退役军人服务站建设", "D-TYJ", "SH"},
    {"公交候车亭改造", "D-JTJ", "CJ"},         {"社区卫生服务站标准化建设", "D-WJJ", "JKWW"},
    {"农民工子女入学保障", "D-JYJ", "JKWW"},   {"城市应急避难场所建设", "D-YJJ", "MZ"},
    {"智慧医疗便民服务", "D-WJJ", "JKWW"},     {"农村饮用水管网改造", "D-SWG", "NY"},
};

static const struct idea town_ideas[] = {
    {"集镇污水管网改造", "town", "ST"},
    {"农村道路硬化", "D-JTJ", "NY"},
    {"文化礼堂提升", "town", "JKWW"},
    {"居家养老服务照料中心建设", "D-MZJ", "SH"},
    {"村级卫生室标准化建设", "D-WJJ", "JKWW"},
    {"农贸市场改造", "town", "QT"},
    {"公共厕所改造", "town", "CJ"},
    {"河道清淤整治", "D-SLJ", "ST"},
    {"路灯亮化工程", "town", "CJ"},
    {"中心幼儿园扩建", "D-JYJ", "JKWW"},
    {"健身广场建设", "D-WGJ", "JKWW"},
    {"集镇停车场建设", "town", "CJ"},
    {"村庄环境整治", "town", "ST"},
    {"便民服务中心改造", "town", "QT"},
    {"农田水利设施改造", "D-SLJ", "NY"},
    {"垃圾分类示范村建设", "town", "ST"},
    {"公交站点建设", "D-JTJ", "CJ"},
    {"老年食堂建设", "town", "SH"},
    {"学校周边交通改善", "D-GAJ", "MZ"},
    {"农村饮用水管网改造", "D-SWG", "NY"},
    {"桥梁维修加固", "D-JTJ", "CJ"},
    {"安置小区配套设施建设", "town", "CJ"},
    {"智慧安防小区建设", "D-GAJ", "MZ"},
    {"儿童友好公园建设", "town", "SH"},
};

static const char *const adopt_reasons[] = {
    "群众关注度高，资金和实施条件具备，年内可以完成",
    "符合年度民生工作重点，受益面广",
    "代表和群众反映集中，纳入候选项目",
};
static const char *const decline_reasons[] = {
    "已列入相关部门年度工作计划，不再作为候选项目",
    "资金需求较大，前期条件尚不成熟，年内难以实施",
    "与其他候选项目内容重复，已合并考虑",
    "属于个别村（社区）事项，由所在镇（街道）统筹解决",
};
static const char *const opinion_texts[] = {
    "建议加快施工进度，确保年内按期完工",     "施工期间请做好交通疏导和安全防护",
    "建议及时公开项目资金使用情况",           "希望在实施前充分听取周边群众意见",
    "注意文明施工，减少对周边居民生活的影响", "建议建立完善后期管护机制",
    "项目质量要严格把关，防止返工",           "建议适当扩大项目受益范围",
};
static const char *const answer_texts[] = {
    "已督促施工单位增加人员和设备，确保按期完成",
    "已在施工路段设置临时指示牌，并安排专人疏导",
    "已在政府门户网站公开项目资金使用情况",
    "已召开群众座谈会听取意见，并对实施方案作了调整",
    "已要求施工单位落实文明施工措施，并加强日常巡查",
    "已制定项目建成后的管护办法，明确管护责任",
};
static const char *const agencies[] = {"浙江财经大学绩效评价中心", "嘉兴市审计事务所",
                                       "浙江中兴会计师事务所"};
static const char *const rectify_texts[] = {
    "完善项目资金使用台账",
    "补齐项目验收资料",
    "加强项目建成后的日常维护",
    "进一步公开项目绩效信息",
};

/* ---- the congresses ------------------------------------------------------------------- */

struct cong {
	int64_t town; /* 0: the city */
	char name[64];
	int64_t gov; /* the town government (a unit) */
	struct scope clerk1, clerk2;
};

static void scope_of(sqlite3 *db, const char *login, struct scope *sc, const struct scope *dflt)
{
	*sc = *dflt;
	sc->town_name = sc->unit_name = NULL;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT login, role, coalesce(town_id, 0), coalesce(unit_id, 0) "
	               "FROM app_user WHERE login = ? AND active",
	               "t", login);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(sc->login, sizeof sc->login, "%s", db_col(st, 0));
		role_parse(db_col(st, 1), &sc->role);
		sc->town_id = sqlite3_column_int64(st, 2);
		sc->unit_id = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
}

static int load_congresses(struct demo_gen *d, struct cong **out, int *n)
{
	sqlite3_stmt *st =
	    db_prepare(d->db,
	               "SELECT id, name FROM town WHERE kind = 'town' AND active ORDER "
	               "BY sort, id",
	               "");
	if (!st)
		return RD_FAIL;
	struct cong *g = xcalloc(1, sizeof *g);
	int k = 1;
	snprintf(g[0].name, sizeof g[0].name, "%s", "");
	while (sqlite3_step(st) == SQLITE_ROW) {
		g = xrealloc(g, sizeof *g * (size_t)(k + 1));
		memset(&g[k], 0, sizeof *g);
		g[k].town = sqlite3_column_int64(st, 0);
		snprintf(g[k].name, sizeof g[k].name, "%s", db_col(st, 1));
		k++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < k; i++) {
		char *clerk = NULL;
		if (g[i].town) {
			db_int(d->db, &g[i].gov,
			       "SELECT id FROM unit WHERE town_id = ? AND kind = 'town-government'",
			       "i", g[i].town);
			db_text(d->db, &clerk,
			        "SELECT login FROM app_user WHERE role = 'town-clerk' AND town_id "
			        "= ? AND "
			        "active ORDER BY id LIMIT 1",
			        "i", g[i].town);
		}
		err_clear();
		scope_of(d->db, clerk ? clerk : "dbgw1", &g[i].clerk1, &d->sc);
		scope_of(d->db, g[i].town ? "dbgw1" : "dbgw2", &g[i].clerk2, &d->sc);
		free(clerk);
	}
	*out = g;
	*n = k;
	return RD_OK;
}

/* ---- days and times ------------------------------------------------------------------- */

/* The ISO time of a day (a day number) at hour:minute, local time. */
static void iso_at(int day, int hour, int minute, char out[CLOCK_BUF])
{
	int y, m, dd;
	date_to_ymd(day, &y, &m, &dd);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	clock_format(mktime(&tm), out);
}

/* The day a congress votes in year (its session, else a day in January or February). */
static int vote_day(struct demo_gen *d, const struct cong *g, int year)
{
	char lo[24], hi[24];
	snprintf(lo, sizeof lo, "%04d-12-21", year - 1);
	snprintf(hi, sizeof hi, "%04d-03-31", year);
	char *day = NULL;
	db_text(d->db, &day,
	        "SELECT min(s.start_date) FROM congress_session s JOIN term t ON t.id = s.term_id "
	        "WHERE t.level = ? AND coalesce(t.town_id, 0) = ? AND s.start_date BETWEEN ? AND ?",
	        "titt", g->town ? "town" : "city", g->town, lo, hi);
	err_clear();
	int v;
	if (!day || !date_parse(day, &v))
		v = g->town ? date_from_ymd(year, 2, 18 + (int)(g->town % 8))
		            : date_from_ymd(year, 1, 12);
	free(day);
	return v;
}

/* ---- the rosters of earlier terms ----------------------------------------------------------- */

/*
 * Adds the deputies of the congress before its earliest term in the roster, who left
 * when that term began (their own term is not in the reference data), so that a vote
 * held before it counts the deputies of its time.
 */
static int past_roster(struct demo_gen *d, const struct cong *g)
{
	char *start = NULL;
	int64_t size = 0;
	int rc =
	    db_text(d->db, &start,
	            "SELECT min(start_date) FROM term WHERE level = ? AND coalesce(town_id, 0) "
	            "= ?",
	            "ti", g->town ? "town" : "city", g->town);
	if (rc || !start) {
		err_clear();
		free(start);
		return RD_OK; /* no term: its deputies count while they have not left */
	}
	rc = db_int(d->db, &size,
	            "SELECT count(*) FROM deputy WHERE level = ? AND (? = 0 OR town_id = ?) AND "
	            "status = 'in-office'",
	            "tii", g->town ? "town" : "city", g->town, g->town);
	/* As many as the congress has now, spread over the towns for the city. */
	int64_t ntowns = 0, id;
	db_int(d->db, &ntowns, "SELECT count(*) FROM town WHERE active", "");
	for (int64_t i = 0; !rc && i < size; i++) {
		char person[32], rid[19], town[64] = "";
		demo_person(d, person, sizeof person);
		bool male = rng_below(&d->r, 100) < 68;
		demo_resident_id(d, date_from_ymd(1955, 1, 1) + (int)rng_below(&d->r, 365 * 38),
		                 male, rid);
		if (g->town)
			snprintf(town, sizeof town, "%s", g->name);
		else {
			char *t = NULL;
			db_text(
			    d->db, &t,
			    "SELECT name FROM town WHERE active ORDER BY sort, id LIMIT 1 OFFSET ?",
			    "i", (int64_t)rng_below(&d->r, (uint32_t)(ntowns ? ntowns : 1)));
			snprintf(town, sizeof town, "%s", t ? t : "");
			free(t);
		}
		const char *vals[DF_COUNT] = {0};
		vals[DF_NAME] = person;
		vals[DF_GENDER] = male ? "男" : "女";
		vals[DF_RESIDENT_ID] = rid;
		vals[DF_LEVEL] = g->town ? "town" : "city";
		vals[DF_TOWN] = town;
		vals[DF_STATUS] = "left";
		vals[DF_LEFT_DATE] = start;
		vals[DF_LEFT_REASON] = "任期届满";
		rc = deputy_add(d->db, &d->sc, vals, &id);
		/* A generated ID may repeat one drawn before: draw again. */
		if (rc == RD_INVALID && strstr(err_msg(), "resident_id")) {
			err_clear();
			rc = RD_OK;
			i--;
		}
	}
	free(start);
	return rc;
}

/* ---- steps ------------------------------------------------------------------------------ */

/* The generator's state: now, the calendar, counts of what it made. */
struct gen {
	struct demo_gen *d;
	time_t now;
	int today;
	struct cal cal;
	long steps;
};

/* Takes a step of w on id as sc at day hh:mm; a step after now is not taken (RD_NOTFOUND). */
static int step(struct gen *G, const struct scope *sc, const struct wf_def *w, int64_t id,
                const char *action, int day, int hh, int mm, struct flow_args *a)
{
	char at[CLOCK_BUF];
	iso_at(day, hh, mm, at);
	time_t t;
	clock_parse(at, &t);
	if (t > G->now)
		return RD_NOTFOUND;
	char date[11];
	date_format(day, date);
	a->at = at;
	a->cal = &G->cal;
	a->generated = true;
	if (!a->date &&
	    (!strcmp(action, "list") || !strcmp(action, "review") || !strcmp(action, "ballot") ||
	     !strcmp(action, "revote") || !strcmp(action, "evaluation") ||
	     !strcmp(action, "reevaluation") || !strcmp(action, "update") ||
	     !strcmp(action, "deliberate") || !strcmp(action, "appraise")))
		a->date = date;
	int rc = flow_act_tx(G->d->db, sc, w, id, action, a);
	if (rc)
		return err_set(RD_FAIL, "demo: %s %lld, %s at %s: %s", w->name, (long long)id,
		               action, at, err_msg());
	G->steps++;
	return RD_OK;
}

/* A step with named values (pairs of name and value, ending with NULL). */
static int step_named(struct gen *G, const struct scope *sc, const struct wf_def *w, int64_t id,
                      const char *action, int day, int hh, int mm, const char *text, ...)
{
	const char *names[16], *values[16];
	int n = 0;
	va_list ap;
	va_start(ap, text);
	for (const char *k; n < 16 && (k = va_arg(ap, const char *));) {
		names[n] = k;
		values[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	struct flow_args a = {.text = text, .names = names, .values = values, .nvalues = n};
	return step(G, sc, w, id, action, day, hh, mm, &a);
}

/*
 * Enters the ballot's tally sheets: figures (key, value) in t; sheet 1 by clerk1 (with one
 * figure mistyped when typo), sheet 2 by clerk2, and sheet 1 again when it was mistyped.
 */
static int tally(struct gen *G, const struct cong *g, int64_t cycle, const struct tally *t,
                 bool typo, int day, int hh)
{
	const char **names = xcalloc((size_t)t->n + 1, sizeof *names);
	const char **values = xcalloc((size_t)t->n + 1, sizeof *values);
	char **owned = xcalloc((size_t)t->n + 1, sizeof *owned);
	for (int i = 0; i < t->n; i++) {
		names[i] = t->f[i].key;
		owned[i] = xasprintf("%lld", (long long)t->f[i].value);
		values[i] = owned[i];
	}
	int rc = RD_OK;
	char wrong[24];
	for (int pass = 0; !rc && pass < (typo ? 3 : 2); pass++) {
		const struct scope *sc = pass == 1 ? &g->clerk2 : &g->clerk1;
		int k = t->n - 3; /* the last item's first figure (yes, satisfied) */
		if (typo && pass == 0 && t->f[k].value > 0) {
			snprintf(wrong, sizeof wrong, "%lld", (long long)t->f[k].value - 1);
			values[k] = wrong;
		} else
			values[k] = owned[k];
		struct flow_args a = {.names = names, .values = values, .nvalues = t->n};
		rc = step(G, sc, &pcycle_flow, cycle, "tally", day, hh, 10 + 12 * pass, &a);
	}
	for (int i = 0; i < t->n; i++)
		free(owned[i]);
	free(owned);
	free(names);
	free(values);
	return rc;
}

/* The ballot's header figures for n voters of whom some are away; valid into *valid. */
static void header(struct gen *G, struct tally *t, int64_t voters, int64_t *valid)
{
	int64_t away = 1 + rng_below(&G->d->r, (uint32_t)(voters / 20 + 2));
	if (away >= voters)
		away = 0;
	int64_t issued = voters - away;
	int64_t returned = issued - (rng_below(&G->d->r, 5) == 0 ? 1 : 0);
	int64_t invalid = rng_below(&G->d->r, 3);
	if (invalid > returned)
		invalid = 0;
	*valid = returned - invalid;
	tally_set(t, "issued", issued);
	tally_set(t, "returned", returned);
	tally_set(t, "valid", *valid);
	tally_set(t, "invalid", invalid);
}

/* The no and abstain votes of an item with yes votes, out of valid. */
static void rest(struct gen *G, int64_t yes, int64_t valid, int64_t *no, int64_t *abstain)
{
	int64_t left = valid - yes;
	*no = left > 0 ? (int64_t)rng_below(&G->d->r, (uint32_t)left + 1) : 0;
	*abstain = left - *no > 0 ? (int64_t)rng_below(&G->d->r, (uint32_t)(left - *no) + 1) : 0;
}

/* ---- a cycle ---------------------------------------------------------------------------- */

/* How many projects, updates and opinions a cycle has: fixed for the seed's year. */
struct plan {
	int choose;
	int *updates, *opinions; /* per project */
	bool tie;                /* candidates tie at the cut: a re-vote */
};

/* Spreads total over n items as evenly as can be (the first ones get one more). */
static void spread(int *v, int n, int total)
{
	for (int i = 0; i < n; i++)
		v[i] = total / n + (i < total % n ? 1 : 0);
}

/* The ids of the candidates (or projects) of a cycle in number order, from query ?1. */
static int ids_of(sqlite3 *db, const char *sql, int64_t cycle, int64_t **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, sql, "i", cycle);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return RD_OK;
}

/*
 * "#id" of a deputy in office on day (PDEPUTY_ON_DAY) of the city's congress (town 0:
 * its city deputies) or of town's (every deputy of the town, or with town_only its town
 * deputies), or NULL when there is none: the draw is rng_below(count) among them in id
 * order (none when there is none). One query by the deputies' town index: a count and
 * an OFFSET query over every deputy cost 0.7 s a demo.
 */
static char *pick_deputy(struct demo_gen *d, int64_t town, const char *day, bool town_only)
{
	char *sql = xasprintf("SELECT d.id FROM deputy d LEFT JOIN term t ON t.id = d.term_id "
	                      "WHERE %s AND " PDEPUTY_ON_DAY " ORDER BY d.id",
	                      !town       ? "d.level = 'city'"
	                      : town_only ? "d.town_id = ?2 AND d.level = 'town'"
	                                  : "d.town_id = ?2");
	sqlite3_stmt *st = db_cached(d->db, sql, "iit", (int64_t)0, town, day);
	free(sql);
	int64_t *ids = NULL;
	uint32_t n = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		ids = xrealloc(ids, sizeof *ids * (n + 1));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	char *who = n ? xasprintf("#%lld", (long long)ids[rng_below(&d->r, n)]) : NULL;
	free(ids);
	return who;
}

static int64_t unit_of(struct gen *G, const struct cong *g, const char *code)
{
	int64_t id = 0;
	if (!strcmp(code, "town"))
		return g->gov;
	if (db_int(G->d->db, &id, "SELECT id FROM unit WHERE code = ?", "t", code))
		err_clear();
	return id ? id : g->gov;
}

/* The vote: the candidates' yes votes, the top `choose` passing; a tie at the cut if asked. */
static int vote(struct gen *G, const struct cong *g, int64_t cycle, int choose, bool tie, int day)
{
	int64_t *cand;
	int nc;
	int rc =
	    ids_of(G->d->db,
	           "SELECT id FROM pproposal WHERE cycle_id = ?1 AND state = 'candidate' ORDER "
	           "BY number",
	           cycle, &cand, &nc);
	char dday[11];
	date_format(day, dday);
	int64_t deputies = 0;
	if (!rc)
		rc = project_deputies_on(G->d->db, g->town ? "town" : "city", g->town, dday,
		                         &deputies);
	/* A congress with no deputies in the roster that day (a new term not yet elected,
	   the clock set ahead of the roster) holds no vote: the cycle stays before it. */
	if (!rc && deputies == 0) {
		free(cand);
		return RD_OK;
	}
	int st = rc ? rc
	            : step(G, &g->clerk1, &pcycle_flow, cycle, "ballot", day, 9, 0,
	                   &(struct flow_args){.text = "大会主席团提请代表以无记名投票方式票决"});
	if (st) {
		free(cand);
		return st == RD_NOTFOUND ? RD_OK : st;
	}
	/* The order the vote ranks them in: a shuffle. */
	for (int i = nc - 1; i > 0; i--) {
		int j = (int)rng_below(&G->d->r, (uint32_t)i + 1);
		int64_t x = cand[i];
		cand[i] = cand[j];
		cand[j] = x;
	}
	struct tally t = {0};
	int64_t valid;
	header(G, &t, deputies, &valid);
	int64_t half = deputies / 2, prev = valid + 1;
	for (int i = 0; i < nc; i++) {
		int64_t yes;
		if (i < choose) /* chosen: well above half of all deputies, fewer each rank */
			yes = valid - (int64_t)i * (valid - half) / (choose + 3) -
			      (int64_t)rng_below(&G->d->r, 3);
		else if (i == choose && tie)
			yes = prev; /* the same as the last one chosen: a tie at the cut */
		else if (i == choose)
			yes = prev - 1 - (int64_t)rng_below(&G->d->r, 4); /* passes, not chosen */
		else
			yes = half - (int64_t)rng_below(&G->d->r, (uint32_t)(valid / 6 + 1)) - i;
		if (yes >= prev && !(i == choose && tie))
			yes = prev - 1;
		if (i < choose && yes <= half)
			yes = half + 1 + (choose - i); /* never below the pass line */
		if (yes < 0)
			yes = 0;
		prev = yes;
		int64_t no, abstain;
		rest(G, yes, valid, &no, &abstain);
		char key[48];
		pfig_key("yes", cand[i], key);
		tally_set(&t, key, yes);
		pfig_key("no", cand[i], key);
		tally_set(&t, key, no);
		pfig_key("abstain", cand[i], key);
		tally_set(&t, key, abstain);
	}
	rc = tally(G, g, cycle, &t, rng_below(&G->d->r, 4) == 0, day, 10);
	tally_free(&t);
	if (!rc)
		rc = step(G, &g->clerk1, &pcycle_flow, cycle, "count", day, 11, 30,
		          &(struct flow_args){0});
	if (!rc && tie)
		rc = step(G, &g->clerk1, &pcycle_flow, cycle, "revote", day, 14, 0,
		          &(struct flow_args){.text = "对得票相同的候选项目再次投票"});
	if (!rc && tie) {
		/* The re-vote between the two tied: the first of them wins it. */
		struct tally t2 = {0};
		header(G, &t2, deputies, &valid);
		int64_t yes1 = valid - 5 - (int64_t)rng_below(&G->d->r, 10), yes2 = half + 1;
		if (yes2 >= yes1)
			yes2 = yes1 - 1;
		int64_t tied[2] = {cand[choose - 1], cand[choose]}, ys[2] = {yes1, yes2};
		for (int k = 0; k < 2; k++) {
			int64_t no, abstain;
			rest(G, ys[k], valid, &no, &abstain);
			char key[48];
			pfig_key("yes", tied[k], key);
			tally_set(&t2, key, ys[k]);
			pfig_key("no", tied[k], key);
			tally_set(&t2, key, no);
			pfig_key("abstain", tied[k], key);
			tally_set(&t2, key, abstain);
		}
		rc = tally(G, g, cycle, &t2, false, day, 14);
		tally_free(&t2);
		if (!rc)
			rc = step(G, &g->clerk1, &pcycle_flow, cycle, "count", day, 15, 0,
			          &(struct flow_args){0});
	}
	free(cand);
	return rc == RD_NOTFOUND ? RD_OK : rc;
}

/* An evaluation (round 1 or 2) of the projects on its ballot, rated; bottom ones by chance. */
static int evaluation(struct gen *G, const struct cong *g, int64_t cycle, int round, int day)
{
	int st = step(G, &g->clerk1, &pcycle_flow, cycle,
	              round == 1 ? "evaluation" : "reevaluation", day, 9, 0,
	              &(struct flow_args){.text = round == 1
	                                              ? "对上年度民生实事项目实施情况进行满意度测评"
	                                              : "对整改后的项目再次测评"});
	if (st)
		return st == RD_NOTFOUND ? RD_OK : st;
	int64_t *pid, voters = 0;
	int np;
	int rc = ids_of(G->d->db,
	                "SELECT x.project_id FROM prating x JOIN pballot b ON b.id = x.ballot_id "
	                "WHERE b.cycle_id = ?1 AND b.counted_at IS NULL ORDER BY x.project_id",
	                cycle, &pid, &np);
	char dday[11];
	date_format(day, dday);
	if (!rc)
		rc = project_deputies_on(G->d->db, g->town ? "town" : "city", g->town, dday,
		                         &voters);
	if (!rc && (round == 2 || voters < 20))
		voters = 30 + rng_below(&G->d->r, 10); /* the standing committee's members */
	struct tally t = {0};
	int64_t valid;
	header(G, &t, voters, &valid);
	for (int i = 0; !rc && i < np; i++) {
		/* Most projects satisfy; now and then one only basically, rarely not at all. */
		uint32_t mood = rng_below(&G->d->r, 100);
		int64_t s = mood < 80   ? valid * (60 + (int64_t)rng_below(&G->d->r, 35)) / 100
		            : mood < 96 ? valid * (30 + (int64_t)rng_below(&G->d->r, 20)) / 100
		                        : valid * (10 + (int64_t)rng_below(&G->d->r, 20)) / 100;
		if (round == 2)
			s = valid * (55 + (int64_t)rng_below(&G->d->r, 30)) / 100;
		int64_t left = valid - s;
		int64_t b = mood >= 96 && round == 1 ? left / 3 : left * 3 / 4;
		int64_t u = left - b - (left > b ? (int64_t)rng_below(&G->d->r, 2) : 0);
		if (u < 0)
			u = 0;
		char key[48];
		pfig_key("satisfied", pid[i], key);
		tally_set(&t, key, s);
		pfig_key("basic", pid[i], key);
		tally_set(&t, key, b);
		pfig_key("unsatisfied", pid[i], key);
		tally_set(&t, key, u);
	}
	if (!rc)
		rc = tally(G, g, cycle, &t, rng_below(&G->d->r, 5) == 0, day, 10);
	tally_free(&t);
	free(pid);
	if (!rc)
		rc = step(G, &g->clerk1, &pcycle_flow, cycle, round == 1 ? "rate" : "rerate", day,
		          11, 45, &(struct flow_args){0});
	return rc == RD_NOTFOUND ? RD_OK : rc;
}

/* The life of one project in its year: department, team, targets, updates, opinions. */
static int project_year(struct gen *G, const struct cong *g, int64_t project, int year, int vday,
                        int nupdates, int nopinions, bool finish)
{
	struct demo_gen *d = G->d;
	char *unit_code = NULL;
	int64_t unit = 0, budget = 0;
	db_int(d->db, &unit,
	       "SELECT coalesce(r.unit_id, 0) FROM pproject p JOIN pproposal r ON r.id = "
	       "p.proposal_id WHERE p.id = ?",
	       "i", project);
	db_int(d->db, &budget, "SELECT coalesce(budget, 0) FROM pproject WHERE id = ?", "i",
	       project);
	err_clear();
	if (!unit)
		unit = g->gov ? g->gov : unit_of(G, g, "D-JSJ");
	char uref[24];
	snprintf(uref, sizeof uref, "#%lld", (long long)unit);
	int aday = vday + 6;
	struct flow_args assign = {.unit = uref, .text = "请按时序推进，每月报送项目进展"};
	int st = step(G, &g->clerk1, &project_flow, project, "assign", aday, 10, 0, &assign);
	if (st)
		return st == RD_NOTFOUND ? RD_OK : st;
	/* The department's own account, when it has one; else the clerk records for it. */
	char *ulogin = NULL;
	struct scope dept = g->clerk1;
	if (db_text(d->db, &ulogin,
	            "SELECT login FROM app_user WHERE role = 'unit' AND unit_id = ? "
	            "AND active ORDER BY id LIMIT 1",
	            "i", unit) == RD_OK &&
	    ulogin)
		scope_of(d->db, ulogin, &dept, &d->sc);
	err_clear();
	free(ulogin);
	free(unit_code);
	char leader[48], person[32];
	demo_person(d, person, sizeof person);
	snprintf(leader, sizeof leader, "%s副主任", person);
	char *group = NULL, *office = NULL;
	db_text(d->db, &group,
	        "SELECT name FROM deputy_group WHERE (? = 0 OR town_id = ?) AND active ORDER BY id "
	        "LIMIT 1 OFFSET ?",
	        "iii", g->town, g->town, (int64_t)rng_below(&d->r, 3));
	db_text(d->db, &office, "SELECT name FROM office WHERE active ORDER BY id LIMIT 1 OFFSET ?",
	        "i", (int64_t)(4 + rng_below(&d->r, 5)));
	err_clear();
	int rc = step_named(G, &g->clerk1, &project_flow, project, "team", aday + 2, 9, 30, NULL,
	                    "leader", leader, "group", group, "office", office, (const char *)NULL);
	free(group);
	free(office);
	if (rc == RD_NOTFOUND)
		return RD_OK;
	/* Monthly targets from the month after the vote. */
	int vy, vm, vd;
	date_to_ymd(vday, &vy, &vm, &vd);
	for (int m = (vy < year ? 1 : vm + 1); !rc && m <= 12; m++) {
		char month[24], text[96];
		snprintf(month, sizeof month, "%04d-%02d", year, m);
		snprintf(text, sizeof text, "%d月底完成总工程量的%d%%", m, m * 100 / 12);
		rc = step_named(G, &dept, &project_flow, project, "target", aday + 3, 10, m, text,
		                "month", month, (const char *)NULL);
	}
	if (rc == RD_NOTFOUND)
		return RD_OK;
	/* The year's events in order: updates (the last at 100% when finished), opinions and
	   their answers, completion. */
	int start = aday + 20, end = date_from_ymd(year, 12, 5);
	struct ev {
		int day, kind, k; /* kind 0 update, 1 opinion, 2 answer, 3 complete */
	} *ev = xcalloc((size_t)(nupdates + 2 * nopinions + 2), sizeof *ev);
	int n = 0;
	if (end >= G->today) {
		/* The year under way: an update every month from the assignment, but a few
		   departments have let a month or more pass without one. The progress of
		   each update is its share of the year's (those let pass included), so that a
		   lagging project's last update shows where it stood then, not the end. */
		bool lagging = rng_below(&d->r, 100) < 15;
		nupdates = 0;
		ev = xrealloc(ev, sizeof *ev * (size_t)(12 + 2 * nopinions + 2));
		for (int day = aday + 22; day <= end - 5 && nupdates < 12;
		     day += 27 + (int)rng_below(&d->r, 4), nupdates++)
			if (!lagging || day <= G->today - 40)
				ev[n++] = (struct ev){day, 0, nupdates};
	} else {
		/* A year past: an update a month from the assignment, then a gap of a month or
		   more (the months missed) before the last, early in December. */
		int gap = (end - start) / (nupdates + 1);
		if (gap > 26)
			gap = 26;
		for (int k = 0; k < nupdates; k++)
			ev[n++] = (struct ev){(k + 1 < nupdates ? start + gap * k : end - 5) +
			                          (int)rng_below(&d->r, 5),
			                      0, k};
	}
	for (int k = 0; k < nopinions; k++) {
		int post = start + (int)rng_below(&d->r, (uint32_t)(end - start));
		ev[n++] = (struct ev){post, 1, k};
		/* Most answers in time (15 working days); some late. */
		int wait = rng_below(&d->r, 100) < 88 ? 2 + (int)rng_below(&d->r, 16)
		                                      : 22 + (int)rng_below(&d->r, 20);
		ev[n++] = (struct ev){post + wait, 2, k};
	}
	if (finish)
		ev[n++] = (struct ev){end + 8, 3, 0};
	/* In the order of their times: a day, then the hour each kind is dated at (a step is
	   never dated before the one it follows). */
	static const int hour_of[] = {16, 11, 15, 9};
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && (ev[j].day < ev[j - 1].day ||
		                          (ev[j].day == ev[j - 1].day &&
		                           hour_of[ev[j].kind] < hour_of[ev[j - 1].kind]));
		     j--) {
			struct ev x = ev[j];
			ev[j] = ev[j - 1];
			ev[j - 1] = x;
		}
	int64_t *ops = xcalloc((size_t)nopinions + 1, sizeof *ops);
	int final = finish ? 100 : 70 + (int)rng_below(&d->r, 25);
	int op_day = 0, op_minute = 0;
	for (int i = 0; !rc && i < n; i++) {
		const struct ev *e = &ev[i];
		char text[256], pct[8], spent[32], files[96];
		if (e->kind == 0) {
			int p = final * (e->k + 1) / nupdates;
			snprintf(pct, sizeof pct, "%d", p);
			pyuan(budget * p / 100, spent);
			snprintf(text, sizeof text, "%s，累计完成工程量%d%%",
			         p < 20    ? "完成项目前期设计和立项审批"
			         : p < 40  ? "完成招投标，施工单位进场施工"
			         : p < 100 ? "主体工程有序推进"
			                   : "项目全部完工，通过竣工验收",
			         p);
			int ey, em, ed;
			date_to_ymd(e->day, &ey, &em, &ed);
			snprintf(files, sizeof files, "进度照片%02d.jpg;施工日志%d月.pdf", em, em);
			rc = step_named(G, &dept, &project_flow, project, "update", e->day, 16, 0,
			                text, "percent", pct, "spent", spent, "attachments", files,
			                (const char *)NULL);
		} else if (e->kind == 1) {
			/* From a deputy of the congress in office that day, or from a deputy group.
			 */
			char dday[11], *who = NULL, *grp = NULL;
			date_format(e->day, dday);
			if (rng_below(&d->r, 10) < 7)
				who = pick_deputy(d, g->town, dday, false);
			if (!who)
				db_text(d->db, &grp,
				        "SELECT name FROM deputy_group WHERE (? = 0 OR town_id = "
				        "?) AND active "
				        "ORDER BY id LIMIT 1 OFFSET ?",
				        "iii", g->town, g->town, (int64_t)rng_below(&d->r, 3));
			err_clear();
			/* Two opinions of one day: the second recorded after the first. */
			int minute = (int)rng_below(&d->r, 59);
			if (e->day == op_day && minute <= op_minute)
				minute = op_minute < 59 ? op_minute + 1 : 59;
			op_day = e->day;
			op_minute = minute;
			rc = step_named(G, &g->clerk1, &project_flow, project, "record-opinion",
			                e->day, 11, minute,
			                rng_pick(&d->r, opinion_texts, N(opinion_texts)), "deputy",
			                who, "group", grp, (const char *)NULL);
			if (!rc)
				db_int(d->db, &ops[e->k],
				       "SELECT max(id) FROM popinion WHERE project_id = ?", "i",
				       project);
			free(who);
			free(grp);
		} else if (e->kind == 2) {
			struct flow_args a = {.text =
			                          rng_pick(&d->r, answer_texts, N(answer_texts))};
			rc =
			    step(G, &dept, &popinion_flow, ops[e->k], "answer", e->day, 15, 30, &a);
		} else {
			struct flow_args a = {.text = "项目已全部完工，现报请验收"};
			rc = step(G, &dept, &project_flow, project, "complete", e->day, 9, 0, &a);
		}
		if (rc == RD_NOTFOUND)
			rc = RD_OK; /* after now: not yet */
	}
	free(ops);
	free(ev);
	return rc;
}

/* Investigation, findings and deliberation of the projects flagged by the evaluation. */
static int follow_flagged(struct gen *G, const struct cong *g, int64_t cycle, int eday)
{
	int64_t *pid;
	int np;
	int rc =
	    ids_of(G->d->db, "SELECT id FROM pproject WHERE cycle_id = ?1 AND state = 'flagged'",
	           cycle, &pid, &np);
	for (int i = 0; !rc && i < np; i++) {
		char *office = NULL;
		db_text(G->d->db, &office, "SELECT name FROM office WHERE code = 'CHW'", "");
		err_clear();
		rc = step_named(G, &g->clerk1, &project_flow, pid[i], "investigate", eday + 15, 10,
		                0, "请对项目实施中群众满意度不高的原因开展专题调查", "office",
		                office ? office : "办公室", (const char *)NULL);
		if (!rc)
			rc =
			    step(G, &g->clerk1, &project_flow, pid[i], "findings", eday + 45, 10, 0,
			         &(struct flow_args){
			             .text = "项目前期论证不充分，施工期间与群众沟通不够"});
		if (!rc)
			rc = step(G, &g->clerk1, &project_flow, pid[i], "deliberate", eday + 70, 15,
			          0,
			          &(struct flow_args){
			              .text = g->town ? "建议政府督促责任部门限期整改，并向主席团"
			                                "报告整改情况"
			                              : "建议政府督促责任部门限期整改，并向常委会"
			                                "报告整改情况"});
		if (rc == RD_NOTFOUND)
			rc = RD_OK;
		free(office);
	}
	free(pid);
	return rc;
}

/* Third-party evaluations of two or three finished city projects, and their rectification. */
static int third_party(struct gen *G, const struct cong *g, int64_t cycle, int year)
{
	int64_t *pid;
	int np;
	int rc = ids_of(G->d->db,
	                "SELECT id FROM pproject WHERE cycle_id = ?1 AND state IN ('evaluated', "
	                "'reevaluated', 'completed') ORDER BY number",
	                cycle, &pid, &np);
	int want = 2 + (int)rng_below(&G->d->r, 2), day = date_from_ymd(year + 1, 4, 20);
	for (int i = 0, done = 0; !rc && i < np && done < want; i++) {
		if (rng_below(&G->d->r, 3))
			continue;
		char score[16];
		snprintf(score, sizeof score, "%u.%u", 80 + rng_below(&G->d->r, 16),
		         rng_below(&G->d->r, 10));
		int st = step_named(G, &g->clerk1, &project_flow, pid[i], "appraise", day, 10, 0,
		                    "项目总体实现预期目标，资金使用基本规范，群众获得感较强",
		                    "agency", rng_pick(&G->d->r, agencies, N(agencies)), "score",
		                    score, (const char *)NULL);
		if (st) {
			rc = st == RD_NOTFOUND ? RD_OK : st;
			break;
		}
		done++;
		int items = 1 + (int)rng_below(&G->d->r, 3);
		/* The items set together, then each done in its turn. */
		for (int k = 0; !rc && k < items; k++) {
			char due[11];
			date_format(day + 60 + 30 * k, due);
			rc = step_named(G, &g->clerk1, &project_flow, pid[i], "rectify", day + 5,
			                10, k, rectify_texts[(k + i) % (int)N(rectify_texts)],
			                "due", due, (const char *)NULL);
		}
		for (int k = 0; !rc && k < items; k++) {
			char item[16];
			snprintf(item, sizeof item, "R%d", k + 1);
			rc = step(G, &g->clerk1, &project_flow, pid[i], "rectified",
			          day + 40 + 30 * k, 16, 0,
			          &(struct flow_args){.into = item, .text = "已按要求整改到位"});
		}
		if (rc == RD_NOTFOUND)
			rc = RD_OK;
	}
	if (!rc)
		err_clear();
	free(pid);
	return rc;
}

/* One cycle: collection, the list, the review, the vote, the projects' year, the evaluation. */
static int cycle(struct gen *G, const struct cong *g, int year, const struct plan *p)
{
	struct demo_gen *d = G->d;
	char open_at[CLOCK_BUF];
	int oday = date_from_ymd(year - 1, 10, 8);
	iso_at(oday, 9, 0, open_at);
	time_t t0;
	clock_parse(open_at, &t0);
	if (t0 > G->now)
		return RD_OK;
	struct pcycle_new cn = {.year = year,
	                        .town = g->town ? g->name : NULL,
	                        .choose = p->choose,
	                        .candidates = p->choose + 2 + (int)rng_below(&d->r, 2),
	                        .bottom = 1,
	                        .at = open_at,
	                        .generated = true};
	int64_t cycle;
	int rc = pcycle_add_tx(d->db, &g->clerk1, &cn, &cycle);
	if (rc)
		return err_set(RD_FAIL, "demo: cycle %d %s: %s", year, g->name, err_msg());
	char number[32];
	snprintf(number, sizeof number, "#%lld", (long long)cycle);
	/* Proposals of deputies and groups (the seed: 19 for the city in 2021, 5 adopted), then
	   the government's candidates up to the rules' number. */
	bool seed = !g->town && year == 2021;
	int ndep = seed      ? 19
	           : g->town ? 10 + (int)rng_below(&d->r, 9)
	                     : 15 + (int)rng_below(&d->r, 10);
	int nadopt = seed ? 5 : 3 + (int)rng_below(&d->r, 4);
	if (nadopt > cn.candidates)
		nadopt = cn.candidates;
	int ngov = cn.candidates - nadopt;
	const struct idea *pool = g->town ? town_ideas : city_ideas;
	uint32_t npool = g->town ? N(town_ideas) : N(city_ideas);
	uint32_t base = rng_below(&d->r, npool);
	char dday[11];
	for (int i = 0; !rc && i < ndep + ngov; i++) {
		const struct idea *idea = seed && i < (int)N(seed_2021)
		                              ? &seed_2021[i]
		                              : &pool[(base + (uint32_t)i) % npool];
		bool gov = i >= ndep;
		char title[160], at[CLOCK_BUF], budget[24], *code = NULL, *grp = NULL;
		snprintf(title, sizeof title, "%s%s", g->town && !seed ? g->name : "", idea->title);
		int day = date_from_ymd(year - 1, 10, 10) + (int)rng_below(&d->r, 46);
		iso_at(day, 9 + (int)rng_below(&d->r, 8), (int)rng_below(&d->r, 60), at);
		date_format(day, dday);
		time_t when;
		if (clock_parse(at, &when) && when > G->now)
			continue; /* not yet proposed */
		snprintf(budget, sizeof budget, "%u", (80 + rng_below(&d->r, 900)) * 10000);
		const char *source = gov                        ? "government"
		                     : rng_below(&d->r, 10) < 7 ? "deputy"
		                                                : "group";
		if (!strcmp(source, "deputy")) {
			code = pick_deputy(d, g->town, dday, true);
			if (!code)
				source = "group";
		}
		if (!strcmp(source, "group"))
			db_text(d->db, &grp,
			        "SELECT name FROM deputy_group WHERE (? = 0 OR town_id = ?) AND "
			        "active ORDER "
			        "BY id LIMIT 1 OFFSET ?",
			        "iii", g->town, g->town, (int64_t)rng_below(&d->r, 3));
		err_clear();
		if (!strcmp(source, "group") && !grp)
			source = "public";
		char uref[24];
		snprintf(uref, sizeof uref, "#%lld", (long long)unit_of(G, g, idea->unit));
		struct pproposal_new pn = {
		    .cycle = number,
		    .source = source,
		    .deputy = code,
		    .group = grp,
		    .proposer = gov ? (g->town ? g->name : "市人民政府") : "群众来信",
		    .channel = rng_below(&d->r, 4) ? "online" : "paper",
		    .submitted_at = at,
		    .title = title,
		    .content = "项目建成后可惠及周边群众，建议列入年度民生实事项目。",
		    .category = idea->category,
		    .unit = uref,
		    .budget = budget,
		    .generated = true,
		};
		int64_t pid;
		rc = pproposal_add_tx(d->db, &g->clerk1, &pn, &pid);
		if (rc)
			rc = err_set(RD_FAIL, "demo: proposal %s: %s", title, err_msg());
		free(code);
		free(grp);
		/* The decisions before the list is fixed. */
		bool adopt = gov || i < nadopt;
		int dday2 = date_from_ymd(year - 1, 11, 28) + (int)rng_below(&d->r, 8);
		struct flow_args a = {
		    .text = adopt ? rng_pick(&d->r, adopt_reasons, N(adopt_reasons))
		                  : rng_pick(&d->r, decline_reasons, N(decline_reasons))};
		if (!rc)
			rc = step(G, &g->clerk1, &pproposal_flow, pid, adopt ? "adopt" : "decline",
			          dday2, 15, i % 60, &a);
		if (rc == RD_NOTFOUND)
			rc = RD_OK;
	}
	if (rc)
		return rc;
	int vday = vote_day(d, g, year);
	rc = step(G, &g->clerk1, &pcycle_flow, cycle, "list", date_from_ymd(year - 1, 12, 8), 10, 0,
	          &(struct flow_args){.text = "政府根据征集情况提出候选项目初步名单"});
	if (!rc)
		rc =
		    step(G, &g->clerk1, &pcycle_flow, cycle, "review",
		         date_from_ymd(year - 1, 12, 20), 15, 0,
		         &(struct flow_args){
		             .text = g->town ? "主席团会议审议同意候选项目名单，提请代表大会票决"
		                             : "常委会会议审议同意候选项目名单，提请代表大会票决"});
	if (rc)
		return rc == RD_NOTFOUND ? RD_OK : rc;
	if ((rc = vote(G, g, cycle, p->choose, p->tie, vday)))
		return rc;
	/* The projects' year. */
	int64_t *pid;
	int np;
	rc = ids_of(d->db, "SELECT id FROM pproject WHERE cycle_id = ?1 ORDER BY number", cycle,
	            &pid, &np);
	for (int i = 0; !rc && i < np; i++)
		rc = project_year(G, g, pid[i], year, vday, p->updates[i % p->choose],
		                  p->opinions[i % p->choose], rng_below(&d->r, 10) != 0);
	free(pid);
	if (rc)
		return rc;
	/* The evaluation at the next year's session; the bottom ones investigated, deliberated and
	   evaluated again; a few city projects evaluated by a third party. */
	int eday = vote_day(d, g, year + 1);
	if ((rc = evaluation(G, g, cycle, 1, eday)))
		return rc;
	if ((rc = follow_flagged(G, g, cycle, eday)))
		return rc;
	int64_t deliberated = 0, waiting = 0;
	db_int(d->db, &deliberated,
	       "SELECT count(*) FROM pproject WHERE cycle_id = ? AND state = 'deliberated'", "i",
	       cycle);
	db_int(d->db, &waiting,
	       "SELECT count(*) FROM pproject WHERE cycle_id = ? AND state IN ('flagged', "
	       "'investigating')",
	       "i", cycle);
	if (deliberated && !waiting && (rc = evaluation(G, g, cycle, 2, eday + 90)))
		return rc;
	int64_t rated = 0;
	db_int(d->db, &rated, "SELECT count(*) FROM pcycle WHERE id = ? AND state = 'rated'", "i",
	       cycle);
	if (rated && !deliberated && !waiting)
		rc = step(G, &g->clerk1, &pcycle_flow, cycle, "close", eday + 10, 10, 0,
		          &(struct flow_args){0});
	if (rc == RD_NOTFOUND)
		rc = RD_OK;
	if (!rc && !g->town)
		rc = third_party(G, g, cycle, year);
	return rc;
}

int demo_projects(struct demo_gen *d)
{
	struct cong *g;
	int ng;
	if (load_congresses(d, &g, &ng))
		return RD_FAIL;
	struct gen G = {.d = d, .now = clock_now(), .today = clock_today()};
	int ynow, mnow, dnow;
	date_to_ymd(G.today, &ynow, &mnow, &dnow);
	/* Next year's collection opens on 8 October. */
	int last = G.today >= date_from_ymd(ynow, 10, 8) ? ynow + 1 : ynow;
	int rc = cal_load(d->db, &G.cal);
	/* The rosters of earlier terms, for the votes held in them (their own transactions). */
	for (int y = FIRST_YEAR; !rc && y <= last + 1; y++)
		for (int k = 0; !rc && k < ng; k++) {
			char day[11];
			int64_t n = 0;
			date_format(vote_day(d, &g[k], y), day);
			rc = project_deputies_on(d->db, g[k].town ? "town" : "city", g[k].town, day,
			                         &n);
			if (!rc && !n && date_from_ymd(y, 1, 1) <= G.today)
				rc = past_roster(d, &g[k]);
		}
	/* The seed's year: the towns' 73 projects, 381 updates and 785 opinions over the towns;
	   the city's 10 projects, 65 updates and 108 opinions. */
	int towns = ng - 1, town_projects = 73, town_updates = 381, town_opinions = 785;
	for (int y = FIRST_YEAR; !rc && y <= last; y++) {
		rc = db_begin(d->db);
		int seen = 0; /* town projects of the seed's year spread so far */
		for (int k = 0; !rc && k < ng; k++) {
			struct plan p = {0};
			bool seed = y == 2020;
			if (!g[k].town)
				p.choose = 10;
			else if (seed)
				p.choose =
				    town_projects / towns + (k - 1 < town_projects % towns ? 1 : 0);
			else
				p.choose = 8 + (int)rng_below(&d->r, 5);
			p.updates = xcalloc((size_t)p.choose, sizeof *p.updates);
			p.opinions = xcalloc((size_t)p.choose, sizeof *p.opinions);
			if (seed && !g[k].town) {
				spread(p.updates, p.choose, 65);
				spread(p.opinions, p.choose, 108);
			} else if (seed) {
				/* This town's share of the towns' totals, project by project. */
				int *u = xcalloc((size_t)town_projects, sizeof *u);
				int *o = xcalloc((size_t)town_projects, sizeof *o);
				spread(u, town_projects, town_updates);
				spread(o, town_projects, town_opinions);
				for (int i = 0; i < p.choose; i++) {
					p.updates[i] = u[seen + i];
					p.opinions[i] = o[seen + i];
				}
				seen += p.choose;
				free(u);
				free(o);
			} else
				for (int i = 0; i < p.choose; i++) {
					p.updates[i] =
					    (g[k].town ? 4 : 6) + (int)rng_below(&d->r, 4);
					p.opinions[i] = 6 + (int)rng_below(&d->r, 8);
				}
			/* Once, in 2023, two candidates of a town tie at the cut. */
			p.tie = y == 2023 && k == 2;
			rc = cycle(&G, &g[k], y, &p);
			free(p.updates);
			free(p.opinions);
		}
		rc = db_end(d->db, rc);
	}
	if (!rc) {
		char after[64];
		snprintf(after, sizeof after, "{\"generated_steps\":%ld}", G.steps);
		if (!(rc = db_begin(d->db)))
			rc = db_end(d->db,
			            audit_log(d->db, &d->sc, "project", 0, "demo", NULL, after));
	}
	cal_free(&G.cal);
	for (int k = 0; k < ng; k++) {
		scope_free(&g[k].clerk1);
		scope_free(&g[k].clerk2);
	}
	free(g);
	return rc;
}
