/*
 * Demo voter issues: a few years of realistic cases that went through the
 * workflow table step by step (the engine records every event and clock), with
 * titles, contents and replies made from templates per category.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/case/case.h"
#include "model/flow/flow.h"
#include "model/core/db.h"
#include "model/core/demo_gen.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/rng.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define N(a) ((uint32_t)(sizeof a / sizeof a[0]))

static const char *const roads[] = {"新华路", "当湖路", "东湖大道", "胜利路", "环城北路",
                                    "建国路", "广场路", "朝阳路",   "兴平路", "人民路"};
static const char *const estates[] = {"东湖", "西门", "南市", "城南", "金桥",
                                      "梅园", "景苑", "南湖", "瓦山", "永兴"};
static const char *const villages[] = {"金桥", "虹霓", "俞汇",   "鱼圻塘", "泗泾",
                                       "万兴", "通界", "三叉河", "新庙",   "大齐塘"};
static const char *const rivers[] = {"上海塘", "盐官塘", "白马塘", "广陈塘", "新埭塘"};
static const char *const schools[] = {"实验小学", "第二中学", "中心幼儿园", "东湖中学", "中心小学"};

/* Per category (by code): title templates ({T} town, {R} road, {E} estate, {V} village,
   {W} river, {S} school), the impact, what is asked, and the reply. */
static const struct {
	const char *code;
	const char *titles[6];
	const char *impact, *ask, *reply;
	const char *units[3]; /* unit codes; "town" = the town government */
} cats[] = {
    {"CJ",
     {"{T}{R}路灯不亮", "{T}{R}路面破损", "{T}{E}小区停车难", "{T}{R}人行道被占用",
      "{T}{R}公交站台缺少遮雨棚", "{T}{E}小区雨污管网堵塞"},
     "晚上出行很不方便，存在安全隐患",
     "安排维修",
     "经实地查看，已安排施工单位进场维修，现已完工",
     {"D-JSJ", "D-ZFJ", "D-JTJ"}},
    {"NY",
     {"{V}村农田灌溉渠堵塞", "{V}村村道狭窄会车难", "{V}村农房改造审批慢", "{V}村西瓜销售难",
      "{V}村河道需要清淤", "{V}村高标准农田机耕路损坏"},
     "影响春耕生产和村民出行",
     "协调解决",
     "已会同镇政府和村委会现场踏勘，列入今年实施计划并已完成",
     {"D-NYJ", "D-SLJ", "town"}},
    {"JKWW",
     {"{T}{S}门口上下学交通拥堵", "{T}卫生院夜间门诊不足", "{T}文化礼堂活动场地不足",
      "{T}{S}食堂饭菜质量有待提高", "{T}社区卫生服务站药品少", "{T}图书馆开放时间短"},
     "群众反映强烈",
     "研究改进",
     "已调整相关安排，增加人员和时段，并建立长效机制",
     {"D-JYJ", "D-WJJ", "D-WGJ"}},
    {"ST",
     {"{T}{W}河道垃圾漂浮", "{T}工业区夜间有异味", "{V}村生活污水直排", "{T}{R}建筑工地扬尘大",
      "{T}{E}小区餐饮油烟扰民", "{T}{W}水质变差"},
     "气味难闻，影响周边居民生活",
     "加强监管",
     "经执法检查，已责令相关单位整改到位，并开展跟踪监测",
     {"D-STJ", "D-SLJ", "D-ZFJ"}},
    {"SH",
     {"{T}老年食堂开放时间太短", "{T}{E}社区缺少托育服务", "{T}养老服务中心床位紧张",
      "{T}灵活就业人员社保缴费咨询", "{T}残疾人无障碍设施不足", "{T}{E}社区居家养老服务不足"},
     "老人和家庭有实际困难",
     "完善服务",
     "已增加服务时段和床位，并将相关政策向居民宣传解读",
     {"D-MZJ", "D-RSJ", "town"}},
    {"CJ2",
     {"{T}小微企业融资难", "{T}个体户税费政策咨询", "{T}农贸市场摊位费偏高", "{T}惠企政策兑现慢",
      "{T}产业园区配套不完善", "{T}夜间经济缺少规划"},
     "企业和商户负担较重",
     "出台措施",
     "已梳理政策清单并开展上门服务，相关资金已兑现到位",
     {"D-CZJ", "D-FGJ", "D-SWU"}},
    {"MZ",
     {"{T}邻里纠纷需要调解", "{T}{E}小区物业管理纠纷", "{T}{R}电动车违章行驶多",
      "{T}农民工工资拖欠", "{T}{E}小区群租房隐患", "{T}{R}夜间噪音扰民"},
     "当事人多次协商未果",
     "依法处理",
     "已组织调解并依法处理，当事各方达成一致意见",
     {"D-SFJ", "D-GAJ", "town"}},
    {"QT",
     {"{T}便民服务中心办事排队久", "{T}快递网点设置不合理", "{T}公共厕所不足",
      "{T}{R}共享单车乱停放", "{T}{E}小区快递柜不够", "{T}菜市场周边交通秩序差"},
     "给群众生活带来不便",
     "统筹解决",
     "已协调有关方面增设设施并加强日常管理",
     {"town", "D-ZFJ", "D-SCJ"}},
};

struct cat_ids {
	int64_t id;
	int64_t units[3];
};

/* Expands a title template. */
static void fill(struct demo_gen *d, const char *tpl, const char *town, struct sbuf *out)
{
	for (const char *p = tpl; *p;) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			const char *v = "";
			switch (p[1]) {
			case 'T': v = town; break;
			case 'R': v = rng_pick(&d->r, roads, N(roads)); break;
			case 'E': v = rng_pick(&d->r, estates, N(estates)); break;
			case 'V': v = rng_pick(&d->r, villages, N(villages)); break;
			case 'W': v = rng_pick(&d->r, rivers, N(rivers)); break;
			case 'S': v = rng_pick(&d->r, schools, N(schools)); break;
			}
			sbuf_puts(out, v);
			p += 3;
		} else
			sbuf_putc(out, *p++);
	}
}

struct deps {
	int64_t *id;
	int64_t *town;
	int n;
};

struct towns {
	int64_t id;
	char *name;
	int64_t gov;       /* the town government unit */
	int64_t *deputies; /* in-office deputies of the town */
	int ndeputies;
	int64_t station;
};

static int load(struct demo_gen *d, struct towns **out, int *n, struct cat_ids *ci)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(d->db, "SELECT id, name FROM town ORDER BY sort, id", "");
	if (!st)
		return RD_FAIL;
	struct towns *t = NULL;
	int k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = xrealloc(t, sizeof *t * (size_t)(k + 1));
		memset(&t[k], 0, sizeof *t);
		t[k].id = sqlite3_column_int64(st, 0);
		t[k].name = db_col_dup(st, 1);
		k++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < k; i++) {
		db_int(d->db, &t[i].gov,
		       "SELECT id FROM unit WHERE town_id = ? AND kind = 'town-government'", "i",
		       t[i].id);
		db_int(d->db, &t[i].station,
		       "SELECT id FROM station WHERE town_id = ? ORDER BY id LIMIT 1", "i",
		       t[i].id);
		st = db_prepare(d->db,
		                "SELECT id FROM deputy WHERE town_id = ? AND status = 'in-office'",
		                "i", t[i].id);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			t[i].deputies =
			    xrealloc(t[i].deputies, sizeof(int64_t) * (size_t)(t[i].ndeputies + 1));
			t[i].deputies[t[i].ndeputies++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
	}
	for (uint32_t c = 0; c < N(cats); c++) {
		if (db_int(d->db, &ci[c].id, "SELECT id FROM category WHERE code = ?", "t",
		           cats[c].code))
			return err_set(RD_FAIL, "demo: no category %s", cats[c].code);
		for (int u = 0; u < 3; u++) {
			ci[c].units[u] = 0;
			if (strcmp(cats[c].units[u], "town"))
				db_int(d->db, &ci[c].units[u], "SELECT id FROM unit WHERE code = ?",
				       "t", cats[c].units[u]);
		}
	}
	*out = t;
	*n = k;
	return RD_OK;
}

static void free_towns(struct towns *t, int n)
{
	for (int i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].deputies);
	}
	free(t);
}

static int cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return (x > y) - (x < y);
}

/* One step of a simulated case: an action at a time with its text and evaluation. */
struct step {
	const char *action, *eval, *text;
	time_t at;
};

/* Simulates the life of a case submitted at t0; steps after now are not taken. */
static int simulate(struct demo_gen *d, time_t t0, time_t now, const char *reply, struct step *s)
{
	int n = 0;
	time_t t = t0;
#define STEP(a, e, x, dt)                                                                          \
	do {                                                                                       \
		t += (time_t)(dt);                                                                 \
		if (t > now)                                                                       \
			return n;                                                                  \
		s[n++] = (struct step){a, e, x, t};                                                \
	} while (0)
	const long H = 3600, D = 86400;
	uint32_t r = rng_below(&d->r, 100);
	if (r < 18) {
		/* The deputy answers the voter directly. */
		STEP("deputy-reply", NULL, "已与相关村（社区）沟通，问题已协调解决。",
		     (1 + rng_below(&d->r, 72)) * H);
		if (rng_below(&d->r, 100) < 85) {
			STEP("evaluate", rng_below(&d->r, 10) < 8 ? "satisfied" : "basic", NULL,
			     (1 + rng_below(&d->r, 5)) * D);
			return n;
		}
		STEP("evaluate", "unsatisfied", NULL, (1 + rng_below(&d->r, 5)) * D);
	} else
		STEP("forward", NULL, NULL, (2 + rng_below(&d->r, 46)) * H);
	if (rng_below(&d->r, 100) < 5) {
		STEP("reject", NULL, "该事项已进入诉讼程序，依法不予受理，已向群众解释。",
		     (1 + rng_below(&d->r, 3)) * D);
		return n;
	}
	STEP("assign", NULL, NULL, (1 + rng_below(&d->r, 3)) * D);
	if (rng_below(&d->r, 100) < 3) {
		STEP("return", NULL, "该事项不属于本单位职责，请改派。",
		     (1 + rng_below(&d->r, 5)) * D);
		STEP("assign", NULL, NULL, (1 + rng_below(&d->r, 2)) * D);
	}
	/* Respond within a week mostly; reply within a month mostly. */
	uint32_t late = rng_below(&d->r, 100);
	STEP("respond", NULL, "已收到，正在调查核实。",
	     (late < 90 ? 1 + rng_below(&d->r, 6) : 8 + rng_below(&d->r, 10)) * D);
	if (rng_below(&d->r, 100) < 12)
		STEP("chase", NULL, "请加快办理进度。", (5 + rng_below(&d->r, 10)) * D);
	late = rng_below(&d->r, 100);
	STEP("reply", NULL, reply,
	     (late < 86 ? 5 + rng_below(&d->r, 20) : 30 + rng_below(&d->r, 25)) * D);
	uint32_t e = rng_below(&d->r, 100);
	if (e < 8) {
		STEP("evaluate", "unsatisfied", NULL, (1 + rng_below(&d->r, 7)) * D);
		STEP("reply", NULL, "根据群众意见再次研究，已进一步完善处理措施。",
		     (7 + rng_below(&d->r, 30)) * D);
		STEP("evaluate", rng_below(&d->r, 10) < 6 ? "satisfied" : "basic", NULL,
		     (1 + rng_below(&d->r, 7)) * D);
	} else if (e < 96)
		STEP("evaluate", e < 84 ? "satisfied" : "basic", NULL,
		     (1 + rng_below(&d->r, 7)) * D);
	else
		STEP("close", NULL, "多次联系反映人未果，按程序办结。",
		     (10 + rng_below(&d->r, 10)) * D);
#undef STEP
	return n;
}

int demo_cases(struct demo_gen *d)
{
	struct towns *t = NULL;
	int nt = 0;
	struct cat_ids ci[N(cats)];
	if (load(d, &t, &nt, ci))
		return RD_FAIL;
	struct cal cal;
	int rc = cal_load(d->db, &cal);
	time_t now = clock_now();
	struct tm tm;
	localtime_r(&now, &tm);
	int year_now = tm.tm_year + 1900, first = year_now - 3;
	long per_year = 2600L * d->scale;
	sqlite3_stmt *ins = rc ? NULL
	                       : db_prepare(d->db,
	                                    "INSERT INTO vcase (number, submitted_at, channel, "
	                                    "deputy_id, station_id, town_id, "
	                                    "category_id, title, content, voter_name, voter_phone, "
	                                    "private, state, updated_at, id) "
	                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	                                    "?12, 'received', ?13, ?14)",
	                                    "");
	if (!ins)
		rc = RD_FAIL;
	static const char *const channels[] = {"qr", "qr",    "qr",    "qr",      "qr",
	                                       "qr", "phone", "phone", "station", "other"};
	long total = 0;
	/* The steps read cases by id alone: their other indexes are built at the end. */
	struct sbuf later = SBUF_INIT;
	if (!rc)
		rc = demo_index_defer(d, "vcase", NULL, &later);
	if (!rc)
		rc = db_begin(d->db);
	for (int y = first; !rc && y <= year_now; y++) {
		int d0 = date_from_ymd(y, 1, 1),
		    d1 = y == year_now ? clock_today() : date_from_ymd(y, 12, 31);
		long count = y == year_now ? per_year * (d1 - d0 + 1) / 365 : per_year;
		/* Submission times in order, so that numbers follow them. */
		time_t *times = xmalloc(sizeof(time_t) * (size_t)(count ? count : 1));
		for (long i = 0; i < count; i++) {
			int day = d0 + (int)rng_below(&d->r, (uint32_t)(d1 - d0 + 1));
			int yy, mm, dd;
			date_to_ymd(day, &yy, &mm, &dd);
			struct tm st0 = {0};
			st0.tm_year = yy - 1900;
			st0.tm_mon = mm - 1;
			st0.tm_mday = dd;
			st0.tm_hour = 7 + (int)rng_below(&d->r, 14);
			st0.tm_min = (int)rng_below(&d->r, 60);
			st0.tm_isdst = -1;
			times[i] = mktime(&st0);
			if (times[i] > now)
				times[i] = now - (time_t)rng_below(&d->r, 3600);
		}
		xqsort(times, (size_t)count, sizeof(time_t), cmp_time);
		for (long i = 0; !rc && i < count; i++) {
			uint32_t c = rng_below(&d->r, N(cats));
			struct towns *tw = &t[rng_below(&d->r, (uint32_t)nt)];
			struct sbuf title = SBUF_INIT;
			fill(d, cats[c].titles[rng_below(&d->r, 6)], tw->name, &title);
			char *content = xasprintf(
			    "%s的问题已经存在%u个月，%s，希望有关部门尽快%s。", sbuf_str(&title),
			    1 + rng_below(&d->r, 11), cats[c].impact, cats[c].ask);
			int64_t unit = ci[c].units[rng_below(&d->r, 3)];
			if (!unit)
				unit = tw->gov;
			char number[32], at[CLOCK_BUF], reply_text[512];
			snprintf(number, sizeof number, "%04d-%06ld", y % 10000, i + 1);
			clock_format(times[i], at);
			snprintf(reply_text, sizeof reply_text,
			         "%s。感谢您对我们工作的关心和支持。", cats[c].reply);
			struct step steps[16];
			int ns = simulate(d, times[i], now, reply_text, steps);
			const char *chan = rng_pick(&d->r, channels, N(channels));
			int64_t dep = tw->ndeputies && strcmp(chan, "station")
			                  ? tw->deputies[rng_below(&d->r, (uint32_t)tw->ndeputies)]
			                  : 0;
			char name[32], phone[16];
			demo_person(d, name, sizeof name);
			demo_mobile(d, phone);
			sqlite3_bind_text(ins, 1, number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 2, at, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 3, chan, -1, SQLITE_STATIC);
			if (dep)
				sqlite3_bind_int64(ins, 4, dep);
			else
				sqlite3_bind_null(ins, 4);
			if (dep)
				sqlite3_bind_null(ins, 5);
			else
				sqlite3_bind_int64(ins, 5, tw->station);
			sqlite3_bind_int64(ins, 6, tw->id);
			sqlite3_bind_int64(ins, 7, ci[c].id);
			sqlite3_bind_text(ins, 8, sbuf_str(&title), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 9, content, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 10, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 11, phone, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins, 12, rng_below(&d->r, 100) < 4);
			sqlite3_bind_text(ins, 13, at, -1, SQLITE_TRANSIENT);
			int64_t id = 0;
			rc = db_new_id(d->db, "vcase", &id);
			sqlite3_bind_int64(ins, 14, id);
			if (!rc && sqlite3_step(ins) != SQLITE_DONE)
				rc = db_fail(d->db, "demo cases");
			sqlite3_reset(ins);
			if (!rc)
				rc = flow_created(d->db, &d->sc, &case_flow, id, at,
				                  sbuf_str(&title), ci[c].id, true, true, &cal);
			/* Walk the steps through the driver, as a clerk would. */
			for (int k = 0; !rc && k < ns; k++) {
				char when[CLOCK_BUF], unit_ref[24];
				clock_format(steps[k].at, when);
				snprintf(unit_ref, sizeof unit_ref, "#%lld", (long long)unit);
				struct flow_args a = {
				    .text = steps[k].text,
				    .eval = steps[k].eval,
				    .unit = unit_ref,
				    .level = rng_below(&d->r, 3) ? "town" : "city",
				    .at = when,
				    .cal = &cal,
				    .generated = true,
				};
				rc =
				    flow_act_tx(d->db, &d->sc, &case_flow, id, steps[k].action, &a);
				if (rc)
					rc = err_set(RD_FAIL, "demo: case %lld, %s: %s",
					             (long long)id, steps[k].action, err_msg());
				/* A case returned as mis-assigned goes to another unit next. */
				if (!strcmp(steps[k].action, "return")) {
					int64_t other = tw->gov;
					for (int u = 0; u < 3 && other == unit; u++)
						if (ci[c].units[u])
							other = ci[c].units[u];
					unit = other;
				}
			}
			sbuf_free(&title);
			free(content);
			/* Commit in batches, so that the WAL stays small at large scales. */
			if (!rc && ++total % 20000 == 0) {
				rc = db_end(d->db, rc);
				if (!rc)
					rc = db_begin(d->db);
			}
		}
		free(times);
	}
	sqlite3_finalize(ins);
	if (!rc) {
		char after[64];
		snprintf(after, sizeof after, "{\"generated_cases\":%ld}", total);
		rc = audit_log(d->db, &d->sc, "case", 0, "demo", NULL, after);
	}
	rc = db_end(d->db, rc);
	if (!rc)
		rc = demo_index_build(d, &later);
	sbuf_free(&later);
	if (!rc)
		rc = case_reindex(d->db);
	cal_free(&cal);
	free_towns(t, nt);
	return rc;
}
