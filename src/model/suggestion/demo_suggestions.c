/*
 * Demo motions and suggestions: every city congress session of the last four
 * years gets a few hundred suggestions and a handful of motions, drafted by city
 * deputies with co-signers, and each town congress's session (the towns with
 * terms in the reference data) a dozen or two, drafted by the town's deputies
 * and handled by the town's government; all are walked through the workflow table step by
 * step at historical times (flow_act_tx: the same rules, events, clocks
 * and audit rows as a clerk's steps): review (registration, conversion of
 * motions, merging), assignment, opinions, consultations, extensions, replies
 * of each result class, evaluations, re-handling and follow-up. Steps after
 * now are not taken, so the latest session is still being handled.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/demo_gen.h"
#include "model/suggestion/suggestion.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/rng.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define N(a) ((uint32_t)(sizeof a / sizeof a[0]))

static const char *const roads[] = {"新华路", "当湖路", "东湖大道", "胜利路", "环城北路",
                                    "建国路", "广场路", "朝阳路",   "兴平路", "人民路"};
static const char *const leaders[] = {"市人大常委会主任 徐建明", "市人大常委会副主任 顾晓东",
                                      "市人大常委会副主任 沈丽华", "副市长 陆志刚",
                                      "副市长 金海燕"};

/*
 * Per category (by code): subjects of titles ({T} a town, {R} a road), what is
 * proposed, the reply of each result class, and the units (codes; "town" =
 * the lead deputy's town government): the first leads, the others support.
 */
/* clang-format off */
static const struct {
	const char *code;
	const char *subjects[8];
	const char *proposal;
	const char *replies[3];
	const char *units[3];
} cats[] = {
	{"CJ",
	 {"加快{T}老旧小区改造", "改善{R}交通拥堵状况", "增加中心城区停车泊位", "推进{T}雨污分流改造",
	  "完善{R}公交站点设置", "加强城市道路养护", "推进城乡供水一体化", "规范共享单车停放管理"},
	 "建议统筹规划、分步实施，明确责任部门和完成时限，加大资金投入。",
	 {"已列入年度建设计划并组织实施，相关工程已完工。", "已纳入三年行动计划，正在分步推进实施。",
	  "受用地和资金条件限制，暂不具备实施条件，将在今后规划中统筹考虑。"},
	 {"D-JSJ", "D-ZRJ", "D-JTJ"}},
	{"NY",
	 {"加快{T}高标准农田建设", "扶持家庭农场发展", "推进{T}农村生活污水治理提标", "完善农村公路养护机制",
	  "提升农产品品牌建设", "加强农村宅基地管理", "发展{T}乡村旅游", "加大农业保险支持力度"},
	 "建议加大政策扶持和资金投入，健全长效管护机制。",
	 {"已出台扶持政策，资金已拨付到位，相关项目已建成。", "已列入乡村振兴项目库，正在分年度实施。",
	  "受上级政策和资金限制，暂作参考，待条件成熟时推进。"},
	 {"D-NYJ", "D-SLJ", "town"}},
	{"JKWW",
	 {"优化{T}中小学校布局", "缓解{T}学校周边交通拥堵", "加强基层医疗卫生人才队伍建设",
	  "推进{T}文化礼堂长效运行", "增加普惠性托育服务供给", "提升乡镇卫生院服务能力",
	  "加强青少年心理健康教育", "推进全民健身设施建设"},
	 "建议科学规划、补齐短板，加大人员和经费保障。",
	 {"已完成相关设施建设和人员配备，服务能力明显提升。", "已纳入教育卫生事业发展规划，正在逐步落实。",
	  "受编制和场地限制，暂作参考，将在规划修编中统筹考虑。"},
	 {"D-JYJ", "D-WJJ", "D-WGJ"}},
	{"ST",
	 {"加强{T}河道水环境治理", "推进工业园区废气整治", "加强建筑工地扬尘管控", "推进垃圾分类提质增效",
	  "加强{T}畜禽养殖污染防治", "推进美丽河湖建设", "加强餐饮油烟治理", "完善生态补偿机制"},
	 "建议强化执法监管，落实属地责任，建立长效机制。",
	 {"已开展专项整治，问题已整改到位，并建立长效监管机制。", "已列入生态环境整治计划，正在分批推进。",
	  "受技术和资金条件限制，暂作参考，将积极争取上级支持。"},
	 {"D-STJ", "D-SLJ", "D-ZFJ"}},
	{"SH",
	 {"完善居家养老服务体系", "推进{T}老年食堂建设", "加强困难群众救助帮扶", "促进高校毕业生就业创业",
	  "完善残疾人无障碍设施", "规范灵活就业人员社保参保", "加强退役军人服务保障", "推进社区嵌入式服务设施建设"},
	 "建议完善政策体系，加大财政投入，提升服务覆盖面。",
	 {"已出台实施办法，相关服务已覆盖全市。", "已纳入民生实事项目，正在推进建设。",
	  "受财力和政策限制，暂作参考，今后逐步完善。"},
	 {"D-MZJ", "D-RSJ", "town"}},
	{"CJ2",
	 {"加大小微企业融资支持", "优化营商环境", "推进惠企政策直达快享", "加强政府性债务管理",
	  "促进{T}产业园区提质升级", "扶持外贸企业开拓市场", "加强预算绩效管理", "发展夜间经济"},
	 "建议完善配套政策，强化要素保障，提升服务效能。",
	 {"已出台专项政策，资金已兑现到位。", "已列入年度工作计划，正在推进落实。",
	  "受上级政策限制，暂作参考，将积极向上争取。"},
	 {"D-FGJ", "D-CZJ", "D-SWJ"}},
	{"MZ",
	 {"加强基层社会治理", "完善矛盾纠纷多元化解机制", "加强电动自行车安全管理", "推进法治乡村建设",
	  "加强{T}群租房安全隐患整治", "规范物业服务管理", "加强未成年人保护", "推进公共法律服务体系建设"},
	 "建议健全工作机制，压实各方责任，加大宣传和执法力度。",
	 {"已建立工作机制并开展专项行动，成效明显。", "已纳入平安建设工作计划，正在推进。",
	  "受法律法规限制，暂作参考。"},
	 {"D-SFJ", "D-GAJ", "town"}},
	{"QT",
	 {"提升政务服务便利度", "规范农贸市场管理", "加快5G基站建设", "加强公共厕所建设管理",
	  "推进数字乡村建设", "完善快递末端网点布局", "加强消防救援力量建设", "提升公共文化服务水平"},
	 "建议统筹资源、完善设施、加强日常管理。",
	 {"已完成相关设施建设并加强日常管理。", "已列入工作计划，正在推进实施。",
	  "受条件限制，暂作参考。"},
	 {"town", "D-SCJ", "D-ZFJ"}},
};
/* clang-format on */

/* The unit code of a category's slot: "town" is the lead deputy's town government. */
static void unit_code(struct demo_gen *d, const char *slot, int64_t gov, char out[24])
{
	char *code = NULL;
	if (!strcmp(slot, "town") && gov)
		db_text(d->db, &code, "SELECT code FROM unit WHERE id = ?", "i", gov);
	snprintf(out, 24, "%s", code ? code : !strcmp(slot, "town") ? "D-MZJ" : slot);
	free(code);
}

/* A deputy who may lead or co-sign: of the congress's level (and town), in office. */
struct dep {
	int64_t id;
	int64_t gov; /* the government unit of the deputy's town */
	char *town;
};

/* The deputies of one congress: the city's (town 0), or a town's. */
struct world {
	struct dep *deps;
	int ndeps;
	struct cal cal;
	bool town; /* a town's congress: its items are handled by the town's government */
};

static int load_world(struct demo_gen *d, struct world *w, int64_t town)
{
	memset(w, 0, sizeof *w);
	w->town = town != 0;
	if (cal_load(d->db, &w->cal))
		return RD_FAIL;
	sqlite3_stmt *st = db_prepare(
	    d->db,
	    "SELECT d.id, coalesce((SELECT u.id FROM unit u WHERE u.town_id = d.town_id AND "
	    "u.kind = 'town-government'), 0), t.name FROM deputy d JOIN town t ON t.id = d.town_id "
	    "WHERE d.level = CASE WHEN ?1 THEN 'town' ELSE 'city' END AND (?1 = 0 OR "
	    "d.town_id = ?1) AND d.status = 'in-office' ORDER BY d.id",
	    "i", town);
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		w->deps = xrealloc(w->deps, sizeof *w->deps * (size_t)(w->ndeps + 1));
		w->deps[w->ndeps].id = sqlite3_column_int64(st, 0);
		w->deps[w->ndeps].gov = sqlite3_column_int64(st, 1);
		w->deps[w->ndeps].town = db_col_dup(st, 2);
		w->ndeps++;
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static void free_world(struct world *w)
{
	for (int i = 0; i < w->ndeps; i++)
		free(w->deps[i].town);
	free(w->deps);
	cal_free(&w->cal);
}

/* One item under simulation: its id, the time it has reached and what it is. */
struct item {
	int64_t id;
	time_t t;        /* the time of its last step */
	time_t assigned; /* the time of its assignment */
	bool stopped;    /* a step would fall after now: it waits there */
	bool gone;       /* merged or withdrawn: no further steps */
	bool motion;
	bool town; /* of a town's congress */
	uint32_t cat;
	int64_t gov; /* the lead deputy's town government */
	const struct cal *cal;
};

/* Takes one step of an item dt seconds after its last one, unless that is after now; as the
   account of sc, or the generator's (NULL). */
static int step_as(struct demo_gen *d, const struct scope *sc, struct item *it, time_t now, long dt,
                   const char *action, struct flow_args *a)
{
	if (it->stopped || it->gone)
		return RD_OK;
	if (dt < 60)
		dt = 60;
	if (it->t + dt > now) {
		it->stopped = true;
		return RD_OK;
	}
	it->t += dt;
	char at[CLOCK_BUF];
	clock_format(it->t, at);
	a->at = at;
	a->cal = it->cal;
	a->generated = true;
	int rc = flow_act_tx(d->db, sc ? sc : &d->sc, &suggestion_flow, it->id, action, a);
	if (rc)
		return err_set(rc, "demo: suggestion %lld, %s: %s", (long long)it->id, action,
		               err_msg());
	return RD_OK;
}

static int step(struct demo_gen *d, struct item *it, time_t now, long dt, const char *action,
                struct flow_args *a)
{
	return step_as(d, NULL, it, now, dt, action, a);
}

#define DAY 86400L
#define ARGS(...) (&(struct flow_args){__VA_ARGS__})

/* A number of days from lo to hi, in seconds, with a random time of day. */
static long days(struct demo_gen *d, int lo, int hi)
{
	return (lo + (long)rng_below(&d->r, (uint32_t)(hi - lo + 1))) * DAY +
	       (long)rng_below(&d->r, 8 * 3600);
}

/* Expands a subject template into the title of a motion or a suggestion. */
static void title(struct demo_gen *d, const char *tpl, const char *town, bool motion,
                  struct sbuf *out)
{
	sbuf_puts(out, "关于");
	for (const char *p = tpl; *p;) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			sbuf_puts(out, p[1] == 'T' ? town : rng_pick(&d->r, roads, N(roads)));
			p += 3;
		} else
			sbuf_putc(out, *p++);
	}
	sbuf_puts(out, motion ? "的议案" : "的建议");
}

/* Drafting: the draft, its co-signers (a motion's enough), the submission. */
static int draft(struct demo_gen *d, const struct world *w, struct item *it, time_t t0, time_t now,
                 const char *session, bool delegation)
{
	const struct dep *lead = &w->deps[rng_below(&d->r, (uint32_t)w->ndeps)];
	it->cat = rng_below(&d->r, N(cats));
	it->gov = lead->gov;
	it->town = w->town;
	it->cal = &w->cal;
	it->t = t0;
	struct sbuf t = SBUF_INIT;
	title(d, cats[it->cat].subjects[rng_below(&d->r, 8)], lead->town, it->motion, &t);
	char deputy[24], at[CLOCK_BUF], group[64];
	snprintf(deputy, sizeof deputy, "#%lld", (long long)lead->id);
	snprintf(group, sizeof group, "%s代表团", lead->town);
	clock_format(t0, at);
	char *basis = xasprintf("%s方面群众反映较多，现有工作与群众期盼仍有差距。", sbuf_str(&t));
	struct suggestion_new n = {it->motion ? "motion" : "suggestion",
	                           session,
	                           deputy,
	                           delegation ? group : NULL,
	                           cats[it->cat].code,
	                           sbuf_str(&t),
	                           it->motion ? basis : NULL,
	                           cats[it->cat].proposal,
	                           at,
	                           true};
	int rc = suggestion_add_tx(d->db, &d->sc, &n, &it->id);
	free(basis);
	sbuf_free(&t);
	if (rc)
		return err_set(rc, "demo: %s", err_msg());
	/* Co-signers: 0-4 for a suggestion; for a motion (a delegation's needs none) one to
	   four more than the deputies that bring it jointly with the lead one (10 at the
	   city's congress, 5 at a town's), and never more than the congress has. */
	int jointly = w->town ? conf.motion_min_town : conf.motion_min_city;
	int want = it->motion && !delegation ? jointly + (int)rng_below(&d->r, 4)
	                                     : (int)rng_below(&d->r, 5);
	if (want > w->ndeps - 1)
		want = w->ndeps - 1;
	if (want > 16)
		want = 16;
	char buf[16][24];
	const char *codes[16];
	int64_t ids[16];
	int n_inv = 0;
	for (int k = 0; k < 4 * want && n_inv < want; k++) {
		int64_t id = w->deps[rng_below(&d->r, (uint32_t)w->ndeps)].id;
		bool dup = id == lead->id;
		for (int j = 0; j < n_inv; j++)
			dup |= ids[j] == id;
		if (dup)
			continue;
		ids[n_inv] = id;
		snprintf(buf[n_inv], sizeof buf[n_inv], "#%lld", (long long)id);
		codes[n_inv] = buf[n_inv];
		n_inv++;
	}
	if (n_inv)
		rc = step(d, it, now, 2 * 3600, "invite",
		          ARGS(.deputies = codes, .ndeputies = n_inv));
	/* One may decline (the last invited), as long as a motion keeps enough. */
	int declined = n_inv && (n_inv > jointly || !it->motion) && !rng_below(&d->r, 6);
	if (!rc && n_inv - declined > 0)
		rc = step(
		    d, it, now, days(d, 0, 2), "cosign",
		    ARGS(.deputies = codes, .ndeputies = n_inv - declined, .answer = "confirm"));
	if (!rc && declined)
		rc = step(d, it, now, 3600, "cosign",
		          ARGS(.deputies = &codes[n_inv - 1], .ndeputies = 1, .answer = "decline"));
	if (!rc)
		rc = step(d, it, now, days(d, 0, 2), "submit", ARGS(0));
	return rc;
}

/* Review: a motion registered (立案) or converted; a suggestion registered, merged or withdrawn. */
static int review(struct demo_gen *d, struct item *items, int i, time_t now)
{
	struct item *it = &items[i];
	int rc = RD_OK;
	uint32_t r = rng_below(&d->r, 100);
	if (it->motion && r < 45) {
		rc = step(d, it, now, days(d, 2, 5), "convert",
		          ARGS(.text = "不符合议案立案条件，经主席团同意转为建议。"));
		it->motion = false;
		r = 99;
	}
	if (!rc && !it->motion && r < 1) {
		rc =
		    step(d, it, now, days(d, 3, 8), "withdraw", ARGS(.text = "领衔代表申请撤回。"));
		it->gone = !it->stopped;
		return rc;
	}
	/* A suggestion close to an earlier one of its category joins it (并案). */
	int host = -1;
	if (!it->motion && r < 4)
		for (int j = i - 1; j >= 0 && host < 0; j--)
			if (!items[j].motion && !items[j].gone && !items[j].stopped &&
			    items[j].cat == it->cat && items[j].id)
				host = j;
	if (host >= 0) {
		char into[24];
		snprintf(into, sizeof into, "#%lld", (long long)items[host].id);
		rc = step(d, it, now, days(d, 5, 15), "merge",
		          ARGS(.into = into, .text = "内容相近，并案办理。"));
		it->gone = !it->stopped;
		return rc;
	}
	return step(d, it, now, days(d, 5, 15), "register", ARGS(0));
}

/* Assignment: a lead unit, sometimes supporting units; a few are returned and reassigned. */
static int assign(struct demo_gen *d, struct item *it, time_t now)
{
	char lead[24], sup[24];
	/* A town congress's items go to the town's government, a city department helping. */
	unit_code(d, it->town ? "town" : cats[it->cat].units[0], it->gov, lead);
	unit_code(d, cats[it->cat].units[1 + rng_below(&d->r, 2)], it->gov, sup);
	bool support = rng_below(&d->r, 100) < 30 && strcmp(lead, sup);
	const char *sups[1] = {sup};
	int rc = step(d, it, now, days(d, 7, 20), "assign",
	              ARGS(.unit = lead, .support = sups, .nsupport = support ? 1 : 0));
	if (!rc && rng_below(&d->r, 100) < 3) {
		rc = step(d, it, now, days(d, 1, 5), "return",
		          ARGS(.text = "该事项主要职责不在本单位，申请改派。"));
		if (!rc)
			rc = step(d, it, now, days(d, 2, 4), "assign", ARGS(.unit = sup));
		support = false;
	}
	it->assigned = it->t;
	if (!rc && rng_below(&d->r, 100) < 2)
		rc = step(d, it, now, 3600, "supervise",
		          ARGS(.text = leaders[rng_below(&d->r, N(leaders))]));
	if (!rc && support)
		rc = step(d, it, now, days(d, 10, 40), "opinion",
		          ARGS(.unit = sup, .text = "同意主办单位意见，将积极配合做好相关工作。"));
	return rc;
}

/* Handling: consultation, chases, extensions, the reply, evaluations, re-handling, follow-up. */
static int handle(struct demo_gen *d, struct item *it, time_t now)
{
	int rc = RD_OK;
	if (rng_below(&d->r, 100) < 78) {
		char day[11], *who = NULL;
		time_t when = it->t + days(d, 5, 40);
		struct tm tm;
		localtime_r(&when, &tm);
		date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), day);
		db_text(d->db, &who,
		        "SELECT d.name FROM suggestion s JOIN deputy d ON d.id = s.lead_deputy_id "
		        "WHERE s.id = ?",
		        "i", it->id);
		rc = step(d, it, now, when - it->t, "meet",
		          ARGS(.date = day,
		               .place = rng_below(&d->r, 2) ? "承办单位会议室" : "代表联络站",
		               .attendees = who ? who : "",
		               .text = "当面听取代表意见，通报办理思路。"));
		free(who);
	}
	if (!rc && rng_below(&d->r, 100) < 5)
		rc = step(d, it, now, days(d, 10, 20), "chase",
		          ARGS(.text = "请抓紧办理，按时答复代表。"));
	long reply_at = 40 + (long)rng_below(&d->r, 50);
	if (rng_below(&d->r, 100) < 10)
		reply_at = 95 + (long)rng_below(&d->r, 30); /* late */
	/* Of this year's items a few are still unanswered long past their deadline. */
	if (now - it->assigned < 330 * DAY && rng_below(&d->r, 100) < 6)
		reply_at = 400;
	/* Only while the reply deadline runs: a consultation or a chase may have come late. */
	if (!rc && rng_below(&d->r, 100) < 4 && it->t + 60 < it->assigned + 70 * DAY) {
		/* A clerk records the unit's request; another approves it. */
		struct scope clerk = d->sc;
		snprintf(clerk.login, sizeof clerk.login, "dbgw1");
		clerk.role = ROLE_CITY_CLERK;
		rc = step_as(d, &clerk, it, now, it->assigned + 70 * DAY - it->t,
		             "request-extension", ARGS(.text = "涉及多部门协调，申请延期答复。"));
		char until[11];
		time_t u = it->assigned + 150 * DAY;
		struct tm tm;
		localtime_r(&u, &tm);
		date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), until);
		if (!rc)
			rc = step(
			    d, it, now, days(d, 1, 3), "extend",
			    ARGS(.date = until, .text = "经市人大常委会代表工委同意延期答复。"));
		reply_at = 100 + (long)rng_below(&d->r, 45);
	}
	uint32_t c = rng_below(&d->r, 100);
	const char *cls = c < 58 ? "A" : c < 90 ? "B" : "C";
	int ci = cls[0] - 'A';
	if (!rc)
		rc = step(d, it, now, it->assigned + reply_at * DAY - it->t, "reply",
		          ARGS(.result_class = cls, .text = cats[it->cat].replies[ci]));
	uint32_t e = rng_below(&d->r, 100);
	const char *eval = e < 86 ? "satisfied" : e < 97 ? "basic" : "unsatisfied";
	if (!rc)
		rc = step(d, it, now, days(d, 5, 20), "evaluate", ARGS(.eval = eval));
	if (!rc && !strcmp(eval, "unsatisfied")) {
		rc = step(d, it, now, days(d, 10, 30), "reply",
		          ARGS(.result_class = ci == 2 ? "B" : "A",
		               .text = "根据代表意见再次研究，进一步完善了办理措施。"));
		if (!rc)
			rc = step(d, it, now, days(d, 5, 15), "evaluate",
			          ARGS(.eval = rng_below(&d->r, 3) ? "satisfied" : "basic"));
		ci = -1;
	}
	/* A B-class item stays in follow-up until its second reply. */
	if (!rc && ci == 1) {
		bool solved = rng_below(&d->r, 100) < 70;
		rc = step(d, it, now, days(d, 120, 300), "reply",
		          ARGS(.result_class = solved ? "A" : "B",
		               .text = solved ? cats[it->cat].replies[0]
		                              : "项目正在实施中，将持续推进。"));
		if (!rc)
			rc = step(d, it, now, days(d, 5, 20), "evaluate",
			          ARGS(.eval = rng_below(&d->r, 10) ? "satisfied" : "basic"));
	}
	return rc;
}

/* The items of one session that began on day start: nmot motions, then n - nmot suggestions. */
static int gen_session(struct demo_gen *d, const struct world *w, const char *session, int start,
                       int n, int nmot, time_t now)
{
	int y, m, dd;
	date_to_ymd(start, &y, &m, &dd);
	struct tm tm0 = {
	    .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = dd, .tm_hour = 9, .tm_isdst = -1};
	time_t t0 = mktime(&tm0);
	struct item *items = xcalloc((size_t)n, sizeof *items);
	int rc = RD_OK;
	for (int i = 0; !rc && i < n; i++) {
		items[i].motion = i < nmot;
		/* Delegations (代表团) bring motions at the city's congress only. */
		bool delegation = items[i].motion && !w->town && rng_below(&d->r, 100) < 30;
		rc = draft(d, w, &items[i], t0 - days(d, 1, 10), now, session, delegation);
	}
	for (int i = 0; !rc && i < n; i++)
		rc = review(d, items, i, now);
	for (int i = 0; !rc && i < n; i++)
		rc = assign(d, &items[i], now);
	for (int i = 0; !rc && i < n; i++)
		rc = handle(d, &items[i], now);
	free(items);
	return rc;
}

/*
 * The sessions of one congress (town 0: the city's) that began in the last four
 * years, as the voter issues cover, each with its items: a few motions and many
 * suggestions at the city's, fewer at a town's. Adds the items made to *total.
 */
static int gen_congress(struct demo_gen *d, int64_t town, time_t now, long *total)
{
	struct world w;
	if (load_world(d, &w, town))
		return RD_FAIL;
	int jointly = town ? conf.motion_min_town : conf.motion_min_city;
	if (w.ndeps < jointly) { /* too few deputies for a congress of their own */
		free_world(&w);
		return RD_OK;
	}
	char today[11], from[11];
	int y, m, dd;
	date_to_ymd(clock_today(), &y, &m, &dd);
	date_format(clock_today(), today);
	date_format(date_from_ymd(y - 3, 1, 1), from);
	sqlite3_stmt *st =
	    db_prepare(d->db,
	               "SELECT s.code, s.start_date FROM congress_session s JOIN term t "
	               "ON t.id = s.term_id WHERE coalesce(t.town_id, 0) = ? AND "
	               "s.start_date <= ? AND s.start_date >= ? ORDER BY s.start_date",
	               "itt", town, today, from);
	int rc = st ? RD_OK : RD_FAIL;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		char session[16];
		snprintf(session, sizeof session, "%s", db_col(st, 0));
		int start;
		if (!date_parse(db_col(st, 1), &start))
			continue;
		int nmot = town ? 1 + (int)rng_below(&d->r, 2) : 4 + (int)rng_below(&d->r, 5);
		int per = town ? 10 + (int)rng_below(&d->r, 11) : 220 + (int)rng_below(&d->r, 81);
		int n = nmot + per * d->scale;
		rc = gen_session(d, &w, session, start, n, nmot, now);
		*total += n;
	}
	sqlite3_finalize(st);
	free_world(&w);
	return rc;
}

int demo_suggestions(struct demo_gen *d)
{
	time_t now = clock_now();
	long total = 0;
	int rc = db_begin(d->db);
	/* The city's congress, then each town's that has terms in the reference data. */
	if (!rc)
		rc = gen_congress(d, 0, now, &total);
	sqlite3_stmt *st =
	    rc ? NULL
	       : db_prepare(d->db,
	                    "SELECT DISTINCT town_id FROM term WHERE level = 'town' ORDER "
	                    "BY town_id",
	                    "");
	while (st && !rc && sqlite3_step(st) == SQLITE_ROW)
		rc = gen_congress(d, sqlite3_column_int64(st, 0), now, &total);
	sqlite3_finalize(st);
	if (!rc) {
		char after[64];
		snprintf(after, sizeof after, "{\"generated_suggestions\":%ld}", total);
		rc = audit_log(d->db, &d->sc, "suggestion", 0, "demo", NULL, after);
	}
	return db_end(d->db, rc);
}
