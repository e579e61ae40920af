/*
 * Demo finance data for a county of Pinghu's size: three years of monthly
 * budget execution (the three books), revenue by tax kind, 三公经费 and major
 * projects, quarterly audit findings, yearly state assets and performance,
 * the committee's opinions; imported through the same import as a clerk's
 * files, so the rules raise their warnings. A few anomalies are made for each
 * default rule to catch: departments behind the schedule, a budget adjusted by
 * a large share, a department's reception spending above its budget, two tax
 * kinds falling year on year, projects without investment for months, audit
 * findings unrectified past their deadline. Some warnings are then handled
 * through the workflow, as the office would.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/core/demo_gen.h"
#include "model/finance/fin_priv.h"
#include "model/finance/warning.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/rng.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define N(a) (N_OF(a))

/* ---- a file of rows built in memory ----------------------------------------------------- */

static void csv_start(struct csv_file *f, const char *header)
{
	memset(f, 0, sizeof *f);
	f->encoding = "UTF-8";
	for (const char *p = header; p;) {
		const char *comma = strchr(p, ',');
		f->header = xrealloc(f->header, sizeof *f->header * (size_t)(f->ncols + 1));
		f->header[f->ncols++] = comma ? xstrndup(p, (size_t)(comma - p)) : xstrdup(p);
		p = comma ? comma + 1 : NULL;
	}
}

/* Adds a row of ncols cells given as a '|'-separated line. */
static void csv_row(struct csv_file *f, const char *line)
{
	f->rows = xrealloc(f->rows, sizeof *f->rows * (f->nrows + 1));
	struct csv_row *r = &f->rows[f->nrows++];
	r->line = (int)f->nrows + 1;
	r->n = 0;
	r->f = xcalloc((size_t)f->ncols, sizeof *r->f);
	for (const char *p = line; p && r->n < f->ncols;) {
		const char *bar = strchr(p, '|');
		r->f[r->n++] = bar ? xstrndup(p, (size_t)(bar - p)) : xstrdup(p);
		p = bar ? bar + 1 : NULL;
	}
}

/* Imports the rows as the dataset's department sent them on day `at`. */
static int import(struct demo_gen *d, const char *dataset, struct csv_file *f, const char *at,
                  int *warnings)
{
	struct fin_import_result res;
	int rc = fin_import_rows_tx(d->db, &d->sc, fin_dataset_find(dataset), f, dataset, NULL, at,
	                            true, &res);
	if (rc && res.errors.len)
		rc = err_set(rc, "demo %s: %s", dataset, sbuf_str(&res.errors));
	*warnings += res.warnings;
	fin_import_result_free(&res);
	csvf_free(f);
	return rc;
}

/* The money of fen as the files write it. */
static const char *yuan(int64_t fen, char buf[32])
{
	fin_money(fen, buf);
	return buf;
}

/* A share in [lo, hi) per mille, at random. */
static int64_t part(struct demo_gen *d, int64_t whole, int lo, int hi)
{
	return whole * (lo + (int)rng_below(&d->r, (uint32_t)(hi - lo))) / 1000;
}

/* ---- the county's departments -----------------------------------------------------------------
 */

/* A budget department: its code and name (a handling unit's where there is one), its
   general budget in 10,000 yuan, the function class of its basic expenditure, and
   its projects with their function classes. */
static const struct dept {
	const char *code, *name;
	int budget; /* 万元 */
	const char *func, *func_name;
	const char *proj[4], *pfunc[4], *pfunc_name[4];
} depts[] = {
    {"D-JYJ",
     "平湖市教育局",
     158000,
     "2050101",
     "教育行政运行",
     {"学前教育提升工程", "义务教育学校改扩建", "高中教育质量提升", NULL},
     {"2050201", "2050202", "2050204", NULL},
     {"学前教育", "小学教育", "高中教育", NULL}},
    {"D-WJJ",
     "平湖市卫生健康局",
     82000,
     "2100101",
     "卫生健康行政运行",
     {"基层医疗卫生机构能力建设", "公共卫生服务项目", "市第一人民医院设备购置", NULL},
     {"2100302", "2100408", "2100201", NULL},
     {"乡镇卫生院", "基本公共卫生服务", "综合医院", NULL}},
    {"D-NYJ",
     "平湖市农业农村局",
     71000,
     "2130101",
     "农业农村行政运行",
     {"高标准农田建设", "农村人居环境整治", "粮食生产补贴", NULL},
     {"2130135", "2130122", "2130122", NULL},
     {"农业资源保护修复与利用", "农业生产发展", "农业生产发展", NULL}},
    {"D-JSJ",
     "平湖市住房和城乡建设局",
     63000,
     "2120101",
     "城乡社区行政运行",
     {"老旧小区改造", "城市道路维护", "市政设施养护", NULL},
     {"2120399", "2120303", "2120303", NULL},
     {"其他城乡社区公共设施支出", "小城镇基础设施建设", "小城镇基础设施建设", NULL}},
    {"D-JTJ",
     "平湖市交通运输局",
     52000,
     "2140101",
     "交通运输行政运行",
     {"农村公路提档升级", "公交运营补贴", NULL, NULL},
     {"2140106", "2140112", NULL, NULL},
     {"公路养护", "公共交通运营补助", NULL, NULL}},
    {"D-GAJ",
     "平湖市公安局",
     43000,
     "2040201",
     "公安行政运行",
     {"智慧公安建设", "交通安全设施", NULL, NULL},
     {"2040219", "2040299", NULL, NULL},
     {"信息化建设", "其他公安支出", NULL, NULL}},
    {"D-MZJ",
     "平湖市民政局",
     31000,
     "2080201",
     "民政行政运行",
     {"居家养老服务", "最低生活保障", NULL, NULL},
     {"2080208", "2081902", NULL, NULL},
     {"养老服务", "农村最低生活保障金支出", NULL, NULL}},
    {"D-RSJ",
     "平湖市人力资源和社会保障局",
     29000,
     "2080101",
     "人力资源和社会保障行政运行",
     {"就业创业补助", "技能人才培训", NULL, NULL},
     {"2080799", "2080799", NULL, NULL},
     {"其他就业补助支出", "其他就业补助支出", NULL, NULL}},
    {"D-SLJ",
     "平湖市水利局",
     26000,
     "2130301",
     "水利行政运行",
     {"河道综合整治", "农村饮用水提标", NULL, NULL},
     {"2130311", "2130314", NULL, NULL},
     {"水资源节约管理与保护", "防汛", NULL, NULL}},
    {"D-ZRJ",
     "平湖市自然资源和规划局",
     18000,
     "2200101",
     "自然资源行政运行",
     {"国土空间规划编制", "耕地保护", NULL, NULL},
     {"2200104", "2200106", NULL, NULL},
     {"自然资源规划及管理", "自然资源利用与保护", NULL, NULL}},
    {"D-STJ",
     "嘉兴市生态环境局平湖分局",
     16000,
     "2110101",
     "生态环境行政运行",
     {"大气污染防治", "水污染防治", NULL, NULL},
     {"2110301", "2110302", NULL, NULL},
     {"大气", "水体", NULL, NULL}},
    {"D-WGJ",
     "平湖市文化和广电旅游体育局",
     15000,
     "2070101",
     "文化旅游行政运行",
     {"文化礼堂建设", "全民健身设施", NULL, NULL},
     {"2070109", "2070308", NULL, NULL},
     {"群众文化", "群众体育", NULL, NULL}},
    {"D-FGJ",
     "平湖市发展和改革局",
     9000,
     "2010401",
     "发展与改革事务行政运行",
     {"重大项目前期研究", NULL, NULL, NULL},
     {"2010499", NULL, NULL, NULL},
     {"其他发展与改革事务支出", NULL, NULL, NULL}},
    {"D-JXJ",
     "平湖市经济和信息化局",
     14000,
     "2150501",
     "工业和信息产业监管行政运行",
     {"企业技术改造补助", "数字经济发展", NULL, NULL},
     {"2150599", "2150599", NULL, NULL},
     {"其他工业和信息产业监管支出", "其他工业和信息产业监管支出", NULL, NULL}},
    {"D-KJJ",
     "平湖市科学技术局",
     12000,
     "2060101",
     "科学技术管理事务行政运行",
     {"科技创新券", "研发费用补助", NULL, NULL},
     {"2060499", "2060499", NULL, NULL},
     {"其他技术研究与开发支出", "其他技术研究与开发支出", NULL, NULL}},
    {"D-SFJ",
     "平湖市司法局",
     6000,
     "2040601",
     "司法行政运行",
     {"公共法律服务", NULL, NULL, NULL},
     {"2040610", NULL, NULL, NULL},
     {"社区矫正", NULL, NULL, NULL}},
    {"D-CZJ",
     "平湖市财政局",
     8000,
     "2010601",
     "财政事务行政运行",
     {"财政信息化建设", NULL, NULL, NULL},
     {"2010607", NULL, NULL, NULL},
     {"信息化建设", NULL, NULL, NULL}},
    {"D-SCJ",
     "平湖市市场监督管理局",
     11000,
     "2013801",
     "市场监督管理事务行政运行",
     {"食品安全抽检", NULL, NULL, NULL},
     {"2013816", NULL, NULL, NULL},
     {"食品安全监管", NULL, NULL, NULL}},
    {"D-YJJ",
     "平湖市应急管理局",
     7000,
     "2240101",
     "应急管理行政运行",
     {"安全生产专项整治", NULL, NULL, NULL},
     {"2240106", NULL, NULL, NULL},
     {"安全监管", NULL, NULL, NULL}},
    {"D-ZFJ",
     "平湖市综合行政执法局",
     17000,
     "2120101",
     "城乡社区行政运行",
     {"环境卫生保洁", NULL, NULL, NULL},
     {"2120501", NULL, NULL, NULL},
     {"城乡社区环境卫生", NULL, NULL, NULL}},
    {"D-TYJ",
     "平湖市退役军人事务局",
     5000,
     "2082801",
     "退役军人事务行政运行",
     {"优抚对象补助", NULL, NULL, NULL},
     {"2080901", NULL, NULL, NULL},
     {"死亡抚恤", NULL, NULL, NULL}},
    {"D-YBJ",
     "平湖市医疗保障局",
     24000,
     "2101501",
     "医疗保障行政运行",
     {"城乡居民医疗保险补助", NULL, NULL, NULL},
     {"2101202", NULL, NULL, NULL},
     {"财政对城乡居民基本医疗保险基金的补助", NULL, NULL, NULL}},
    {"B-RDB",
     "平湖市人大常委会办公室",
     3200,
     "2010101",
     "人大事务行政运行",
     {"人大代表履职服务", NULL, NULL, NULL},
     {"2010108", NULL, NULL, NULL},
     {"代表工作", NULL, NULL, NULL}},
    {"B-ZXB",
     "政协平湖市委员会办公室",
     2600,
     "2010201",
     "政协事务行政运行",
     {"政协委员履职服务", NULL, NULL, NULL},
     {"2010204", NULL, NULL, NULL},
     {"委员视察", NULL, NULL, NULL}},
};

/*
 * The anomalies, by department code: behind the schedule (points), adjusted by a
 * share (per mille), reception spending above the budget.
 */
static int lag_of(const char *code)
{
	if (!strcmp(code, "D-JTJ"))
		return 23; /* red */
	if (!strcmp(code, "D-WGJ") || !strcmp(code, "D-KJJ"))
		return 14; /* yellow */
	return 0;
}

static int adjust_of(const char *code)
{
	if (!strcmp(code, "D-YJJ"))
		return 260; /* red: +26% */
	if (!strcmp(code, "D-SLJ"))
		return 140; /* yellow */
	return 0;
}

/* The share of the year's budget executed by month m (per mille), before noise. */
static int curve(int m)
{
	static const int c[13] = {0, 60, 135, 225, 300, 385, 470, 550, 635, 720, 805, 890, 1000};
	return c[m];
}

/* ---- budget execution ----------------------------------------------------------------------- */

struct line {
	const struct dept *dp;
	int proj; /* -1: the basic expenditure */
	int64_t annual, adjusted;
	int lag;   /* points behind */
	int noise; /* per mille */
};

static int budget_year(struct demo_gen *d, int year, int grown, int last_month, int *warnings)
{
	/* Lines: a department's basic expenditure, then its projects. */
	struct line lines[N(depts) * 5];
	int n = 0;
	for (int i = 0; i < N(depts); i++) {
		const struct dept *dp = &depts[i];
		/* The budget grows about 4% a year from the year before last. */
		int64_t total = (int64_t)dp->budget * 1000000 * (100 + 4 * grown) / 100;
		int np = 0;
		while (np < 4 && dp->proj[np])
			np++;
		int64_t basic = total * (np ? 45 : 100) / 100;
		for (int k = -1; k < np; k++) {
			struct line *l = &lines[n++];
			l->dp = dp;
			l->proj = k;
			l->annual = k < 0 ? basic : (total - basic) / np;
			l->annual -= l->annual % 100; /* whole yuan */
			int adj = adjust_of(dp->code);
			l->adjusted = l->annual + l->annual *
			                              (adj ? adj : (int)rng_below(&d->r, 50) - 10) /
			                              1000;
			l->adjusted -= l->adjusted % 100;
			l->lag = lag_of(dp->code) ? lag_of(dp->code) + (int)rng_below(&d->r, 4)
			                          : (int)rng_below(&d->r, 5);
			l->noise = (int)rng_below(&d->r, 30) - 15;
		}
	}
	int rc = RD_OK;
	for (int m = 1; m <= last_month && !rc; m++) {
		struct csv_file f;
		csv_start(&f,
		          "period,department_code,department,function_code,function,project_code,"
		          "project,annual,adjusted,executed");
		for (int i = 0; i < n; i++) {
			const struct line *l = &lines[i];
			/* The share executed by month m: the curve, less the department's lag. */
			int share = curve(m) - l->lag * 10 + l->noise * m / 12;
			if (share < 0)
				share = 0;
			if (m == 12)
				share = 960 + (int)rng_below(&d->r, 40) - l->lag * 2;
			int64_t ex = l->adjusted * share / 1000;
			char row[600], a[32], b[32], c[32], pc[16];
			snprintf(pc, sizeof pc, "%s-%02d", l->dp->code + 2, l->proj + 1);
			snprintf(row, sizeof row, "%04d-%02d|%s|%s|%s|%s|%s|%s|%s|%s|%s", year, m,
			         l->dp->code, l->dp->name,
			         l->proj < 0 ? l->dp->func : l->dp->pfunc[l->proj],
			         l->proj < 0 ? l->dp->func_name : l->dp->pfunc_name[l->proj],
			         l->proj < 0 ? "" : pc, l->proj < 0 ? "" : l->dp->proj[l->proj],
			         yuan(l->annual, a), yuan(l->adjusted, b), yuan(ex, c));
			csv_row(&f, row);
		}
		char at[CLOCK_BUF];
		snprintf(at, sizeof at, "%04d-%02d-10T10:00:00+08:00", m == 12 ? year + 1 : year,
		         m == 12 ? 1 : m + 1);
		rc = import(d, "budget", &f, at, warnings);
		/* The government-fund book (land sales, built on by three departments) and the
		   state-capital book (the finance bureau's). */
		if (!rc) {
			static const struct {
				const char *code, *name, *func, *fname;
				int budget;
			} fund[] = {
			    {"D-ZRJ", "平湖市自然资源和规划局", "2120801", "征地和拆迁补偿支出",
			     180000},
			    {"D-JSJ", "平湖市住房和城乡建设局", "2120803", "城市建设支出", 95000},
			    {"D-JTJ", "平湖市交通运输局", "2120804", "农村基础设施建设支出", 30000},
			    {"D-CZJ", "平湖市财政局", "2230199", "其他国有资本经营预算支出", 9000},
			};
			for (int book = 0; book < 2 && !rc; book++) {
				csv_start(
				    &f, "period,department_code,department,function_code,function,"
				        "annual,executed");
				for (int i = book ? 3 : 0; i < (book ? 4 : 3); i++) {
					int64_t annual = (int64_t)fund[i].budget * 1000000;
					int64_t ex = annual * curve(m) / 1000;
					char row[400], a[32], c[32];
					snprintf(row, sizeof row, "%04d-%02d|%s|%s|%s|%s|%s|%s",
					         year, m, fund[i].code, fund[i].name, fund[i].func,
					         fund[i].fname, yuan(annual, a), yuan(ex, c));
					csv_row(&f, row);
				}
				rc = import(d, book ? "capital" : "fund", &f, at, warnings);
			}
		}
	}
	return rc;
}

/* ---- revenue, 三公经费, major projects
 * -------------------------------------------------------------- */

static const struct {
	const char *code, *name;
	int yearly;       /* 万元 in the first year */
	int growth, last; /* per mille a year; this year's (the anomalies fall fast) */
} taxes[] = {
    {"101", "增值税", 235000, 50, 40},        {"104", "企业所得税", 118000, 30, 25},
    {"106", "个人所得税", 41000, 60, 55},     {"107", "资源税", 600, 0, 0},
    {"109", "城市维护建设税", 21000, 40, 35}, {"110", "房产税", 16000, 30, 30},
    {"111", "印花税", 9000, 40, 30},          {"112", "城镇土地使用税", 12000, 10, 10},
    {"113", "土地增值税", 28000, -20, -95},   {"114", "车船税", 3200, 20, 20},
    {"119", "耕地占用税", 4800, -10, -20},    {"120", "契税", 36000, -30, -130},
    {"121", "环境保护税", 900, 20, 20},
};
static int revenue_month(struct demo_gen *d, int first, int y_now, int year, int m, const char *at,
                         int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,kind_code,kind,amount,budget");
	for (int i = 0; i < N(taxes); i++) {
		int64_t yearly = (int64_t)taxes[i].yearly * 1000000;
		for (int y = first; y < year; y++)
			yearly = yearly *
			         (1000 + (y + 1 == y_now ? taxes[i].last : taxes[i].growth)) / 1000;
		int64_t ytd = yearly * curve(m) / 1000;
		char row[200], a[32], b[32];
		snprintf(row, sizeof row, "%04d-%02d|%s|%s|%s|%s", year, m, taxes[i].code,
		         taxes[i].name, yuan(ytd, a), yuan(yearly, b));
		csv_row(&f, row);
	}
	return import(d, "revenue", &f, at, warnings);
}

static const char *const sg_items[] = {"abroad", "vehicle_buy", "vehicle_run", "reception"};

static int sangong_month(struct demo_gen *d, int year, int m, const char *at, int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,department_code,department,item,budget,spent");
	for (int i = 0; i < N(depts); i++) {
		const struct dept *dp = &depts[i];
		for (int k = 0; k < 4; k++) {
			/* Budgets in yuan by the department's size; no cars bought in most. */
			int64_t budget = (int64_t)dp->budget *
			                 (k == 0   ? 2
			                  : k == 1 ? 0
			                  : k == 2 ? 6
			                           : 4) *
			                 100;
			if (k == 1 && (i % 5 == 0))
				budget = 30000000;
			int share = curve(m) * 95 / 100;
			/* The anomaly: the market regulator's receptions run far over their budget.
			 */
			if (k == 3 && !strcmp(dp->code, "D-SCJ"))
				share = curve(m) * 3;
			int64_t spent = budget * share / 1000;
			if (k == 1)
				spent = m >= 6 ? budget : 0;
			char row[300], a[32], b[32];
			snprintf(row, sizeof row, "%04d-%02d|%s|%s|%s|%s|%s", year, m, dp->code,
			         dp->name, sg_items[k], yuan(budget, a), yuan(spent, b));
			csv_row(&f, row);
		}
	}
	return import(d, "sangong", &f, at, warnings);
}

static const struct {
	const char *code, *name, *unit;
	int total, plan; /* 万元 */
	int idle_from;   /* the month from which nothing more is invested (0: none) */
} projects[] = {
    {"ZD-01", "平湖市第一人民医院迁建工程", "D-WJJ", 180000, 36000, 0},
    {"ZD-02", "乍浦港区疏港公路", "D-JTJ", 92000, 21000, 0},
    {"ZD-03", "独山港区污水处理厂扩建", "D-SLJ", 46000, 12000, 0},
    {"ZD-04", "东湖景区综合提升", "D-WGJ", 38000, 9000, 0},
    {"ZD-05", "当湖街道老旧小区改造", "D-JSJ", 26000, 8000, 0},
    {"ZD-06", "林埭镇农村饮用水提标", "D-SLJ", 12000, 4500, 5},
    {"ZD-07", "平湖中学新校区", "D-JYJ", 65000, 15000, 0},
    {"ZD-08", "新仓镇高标准农田", "D-NYJ", 9000, 3500, 2},
    {"ZD-09", "钟埭街道邻里中心", "D-JSJ", 15000, 5000, 0},
    {"ZD-10", "城市智慧交通系统", "D-GAJ", 8000, 3000, 0},
};

static const char *unit_name(const char *code)
{
	for (int i = 0; i < N(depts); i++)
		if (!strcmp(depts[i].code, code))
			return depts[i].name;
	return code;
}

static int projects_month(struct demo_gen *d, int year, int m, bool last_year, const char *at,
                          int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,code,name,unit_code,unit,total_investment,annual_plan,spent,progress,"
	              "note");
	for (int i = 0; i < N(projects); i++) {
		int64_t plan = (int64_t)projects[i].plan * 1000000;
		int idle = last_year ? projects[i].idle_from : 0;
		int upto = idle && m >= idle ? idle - 1 : m;
		int64_t spent = plan * curve(upto) / 1000;
		int progress = 20 + (int)(60 * curve(upto) / 1000);
		char row[400], a[32], b[32], c[32];
		snprintf(row, sizeof row, "%04d-%02d|%s|%s|%s|%s|%s|%s|%s|%d|%s", year, m,
		         projects[i].code, projects[i].name, projects[i].unit,
		         unit_name(projects[i].unit), yuan((int64_t)projects[i].total * 1000000, a),
		         yuan(plan, b), yuan(spent, c), progress,
		         idle && m >= idle ? "资金拨付滞后，工程暂停" : "按计划推进");
		csv_row(&f, row);
	}
	(void)d;
	return import(d, "projects", &f, at, warnings);
}

/* ---- audit findings (quarterly), assets and performance (yearly)
 * --------------------------------- */

static const struct {
	const char *unit, *finding;
	int amount;     /* 万元 */
	int months;     /* to rectify */
	int done_after; /* quarters after the audit it is rectified (0: never) */
} findings[] = {
    {"D-JYJ", "专项资金结余未及时上缴", 320, 3, 2},
    {"D-WJJ", "政府采购程序不规范", 85, 3, 1},
    {"D-NYJ", "农业补贴资金拨付滞后", 460, 3, 0},
    {"D-JSJ", "工程项目超概算未报批", 1200, 6, 3},
    {"D-JTJ", "公务用车管理不规范", 12, 2, 1},
    {"D-ZFJ", "外包服务合同未按规定招标", 230, 3, 0},
    {"D-MZJ", "养老服务补贴重复发放", 46, 2, 2},
    {"D-SCJ", "公务接待超标准", 8, 2, 1},
};

static int audit_quarter(struct demo_gen *d, int year, int q, int first, const char *at,
                         int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,code,audit_year,unit_code,unit,finding,amount,deadline,status,"
	              "rectified_amount,rectified_on,measures");
	int asof = date_from_ymd(q == 4 ? year + 1 : year, q == 4 ? 1 : q * 3 + 1, 1) - 1;
	/* The findings of the audits of each year before, reported in March of the next. */
	for (int ay = first - 1; ay < year; ay++) {
		int reported = date_from_ymd(ay + 1, 3, 31);
		if (reported > asof)
			continue;
		for (int i = 0; i < N(findings); i++) {
			int dl = date_from_ymd(ay + 1, 3 + findings[i].months, 28);
			int quarters = (asof - reported) / 91;
			bool done = findings[i].done_after && quarters >= findings[i].done_after;
			/* In the years before the last, every finding was rectified in the end. */
			if (ay < year - 1 && quarters >= 3)
				done = true;
			char deadline[11], on[11], row[600], a[32], b[32], code[32];
			date_format(dl, deadline);
			date_format(dl - 10, on);
			int64_t amount = (int64_t)findings[i].amount * 1000000;
			snprintf(code, sizeof code, "SJ%04d-%02d", ay, i + 1);
			snprintf(row, sizeof row, "%04d-Q%d|%s|%d|%s|%s|%s|%s|%s|%s|%s|%s|%s", year,
			         q, code, ay, findings[i].unit, unit_name(findings[i].unit),
			         findings[i].finding, yuan(amount, a), deadline,
			         done            ? "done"
			         : quarters >= 1 ? "progress"
			                         : "open",
			         yuan(done ? amount : amount / 3 * (quarters >= 1), b),
			         done ? on : "", done ? "已整改到位并建立长效机制" : "正在整改");
			csv_row(&f, row);
		}
	}
	if (!f.nrows) {
		csvf_free(&f);
		return RD_OK;
	}
	(void)d;
	return import(d, "audit", &f, at, warnings);
}

static int assets_year(struct demo_gen *d, int year, const char *at, int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,kind,holder_code,holder,category,value,change");
	static const char *const classes[] = {"房屋及构筑物", "土地", "车辆", "通用设备"};
	for (int i = 0; i < N(depts); i++)
		for (int k = 0; k < 4; k++) {
			int64_t v = (int64_t)depts[i].budget * 1000000 *
			            (k == 0   ? 80
			             : k == 1 ? 60
			             : k == 2 ? 2
			                      : 6) /
			            100;
			int64_t ch = part(d, v, -20, 60);
			char row[300], a[32], b[32];
			snprintf(row, sizeof row, "%04d|admin|%s|%s|%s|%s|%s", year, depts[i].code,
			         depts[i].name, classes[k], yuan(v, a), yuan(ch, b));
			csv_row(&f, row);
		}
	static const struct {
		const char *kind, *code, *name, *cls;
		int value; /* 万元 */
	} others[] = {
	    {"enterprise", "QY-01", "平湖市国有资产控股集团有限公司", "净资产", 2360000},
	    {"enterprise", "QY-02", "平湖市城市发展集团有限公司", "净资产", 1480000},
	    {"enterprise", "QY-03", "平湖市水务投资集团有限公司", "净资产", 420000},
	    {"enterprise", "QY-04", "平湖市交通投资集团有限公司", "净资产", 610000},
	    {"natural", "D-ZRJ", "平湖市自然资源和规划局", "国有建设用地", 5200000},
	    {"natural", "D-ZRJ", "平湖市自然资源和规划局", "国有农用地", 380000},
	    {"natural", "D-SLJ", "平湖市水利局", "水域及水利设施用地", 210000},
	    {"zone", "KF-01", "平湖经济技术开发区管理委员会", "基础设施", 930000},
	    {"zone", "KF-01", "平湖经济技术开发区管理委员会", "标准厂房", 260000},
	    {"zone", "KF-02", "浙江独山港经济开发区管理委员会", "基础设施", 540000},
	};
	for (int i = 0; i < N(others); i++) {
		int64_t v = (int64_t)others[i].value * 1000000 * (100 + year % 100 % 4) / 100;
		char row[300], a[32], b[32];
		snprintf(row, sizeof row, "%04d|%s|%s|%s|%s|%s|%s", year, others[i].kind,
		         others[i].code, others[i].name, others[i].cls, yuan(v, a),
		         yuan(part(d, v, -10, 50), b));
		csv_row(&f, row);
	}
	return import(d, "assets", &f, at, warnings);
}

static int perf_year(struct demo_gen *d, int year, const char *at, int *warnings)
{
	struct csv_file f;
	csv_start(&f, "period,project_code,project,department_code,department,indicator,target,"
	              "result,weight,score");
	static const struct {
		const char *ind, *target;
		int weight;
	} inds[] = {
	    {"资金到位率", "100%", 20},
	    {"项目完成率", "≥95%", 30},
	    {"质量达标率", "100%", 20},
	    {"受益群众满意度", "≥90%", 30},
	};
	for (int i = 0; i < N(depts); i++)
		for (int k = 0; k < 4 && depts[i].proj[k]; k++) {
			/* The agricultural subsidy scores poorly: paid late, complaints. */
			bool poor = !strcmp(depts[i].code, "D-NYJ") && k == 2;
			char pc[16];
			snprintf(pc, sizeof pc, "%s-%02d", depts[i].code + 2, k + 1);
			for (int j = 0; j < N(inds); j++) {
				int w = inds[j].weight;
				int sc = poor ? w * (40 + (int)rng_below(&d->r, 20)) / 100
				              : w * (85 + (int)rng_below(&d->r, 16)) / 100;
				char row[500];
				snprintf(row, sizeof row, "%04d|%s|%s|%s|%s|%s|%s|%s|%d|%d", year,
				         pc, depts[i].proj[k], depts[i].code, depts[i].name,
				         inds[j].ind, inds[j].target, poor ? "未达到" : "已达到", w,
				         sc);
				csv_row(&f, row);
			}
		}
	return import(d, "performance", &f, at, warnings);
}

/* ---- opinions and the handling of the warnings --------------------------------------------------
 */

static int opinions(struct demo_gen *d, int first, int year_now)
{
	static const char *const budget_ops[] = {
	    "建议进一步压减一般性支出，严控“三公”经费，把有限财力用于保障和改善民生。",
	    "建议加快重大投资项目资金拨付进度，提高预算执行的均衡性。",
	    "建议加强政府性基金预算管理，合理把握土地出让节奏。",
	};
	static const char *const accounts_ops[] = {
	    "建议加强预算绩效管理，对绩效评价结果较差的项目压减预算。",
	    "建议抓好审计查出问题整改，建立整改长效机制。",
	};
	int rc = RD_OK;
	char now[CLOCK_BUF];
	clock_format(clock_now(), now);
	for (int y = first; y <= year_now && !rc; y++)
		for (int k = 0; k < 2 && !rc; k++) {
			int n = k ? N(accounts_ops) : N(budget_ops);
			for (int i = 0; i < n && !rc; i++) {
				int64_t id;
				rc = db_new_id(d->db, "fin_review", &id);
				bool answered = y < year_now;
				char on[11];
				snprintf(on, sizeof on, "%04d-%02d-15", y, k ? 9 : 4);
				if (!rc)
					rc = db_run(d->db,
					            "INSERT INTO fin_review (id, year, kind, seq, "
					            "opinion, response, "
					            "responded_on, created_at, updated_at) VALUES "
					            "(?, ?, ?, ?, ?, "
					            "?, ?, ?, ?)",
					            "idtdttttt", id, k ? y - 1 : y,
					            k ? "accounts" : "budget", i + 1,
					            k ? accounts_ops[i] : budget_ops[i],
					            answered ? "市政府已研究落实，相关情况已书面报"
					                       "告市人大常委会。"
					                     : "",
					            answered ? on : "", now, now);
			}
		}
	return rc;
}

/* Handles the warnings as the office would: older ones through to the end, newer ones sent. */
static int handle(struct demo_gen *d, const struct cal *cal)
{
	sqlite3_stmt *st = db_prepare(d->db,
	                              "SELECT id, created_at FROM fin_warning WHERE state = 'open' "
	                              "ORDER BY id",
	                              "");
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	time_t now = clock_now();
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		time_t t0;
		if (!clock_parse(db_col(st, 1), &t0))
			continue;
		long age = (long)(now - t0) / 86400;
		uint32_t luck = rng_below(&d->r, 100);
		/* The steps: sent a few days after, reported, verified, resolved or dismissed. */
		static const struct {
			const char *action, *text;
			int day;
		} walk[] = {
		    {"send", "请对照预警事项开展自查，并按期报送自查报告。", 3},
		    {"report",
		     "经自查，主要原因是项目实施进度滞后、资金拨付节点推迟，已制定整改措施。", 15},
		    {"verify", "经财经工委核实，自查情况属实。", 25},
		    {"resolve", "部门已按整改措施落实到位，预警事项已消除。", 45},
		};
		int steps = age > 60   ? (luck < 15 ? -1 : 4)
		            : age > 30 ? 3
		            : age > 20 ? 2
		            : age > 7  ? 1
		                       : 0;
		if (steps < 0) {
			/* A warning with nothing behind it. */
			char when[CLOCK_BUF];
			clock_format(t0 + 5 * 86400, when);
			struct flow_args a = {
			    .text = "经核查，系数据报送口径差异所致，不属于执行问题。",
			    .at = when,
			    .cal = cal,
			    .generated = true};
			rc = flow_act_tx(d->db, &d->sc, &warning_flow, id, "dismiss", &a);
		}
		for (int k = 0; k < steps && !rc; k++) {
			char when[CLOCK_BUF];
			clock_format(t0 + (time_t)walk[k].day * 86400, when);
			struct flow_args a = {
			    .text = walk[k].text, .at = when, .cal = cal, .generated = true};
			rc = flow_act_tx(d->db, &d->sc, &warning_flow, id, walk[k].action, &a);
			if (rc == RD_INVALID && !strcmp(walk[k].action, "send")) {
				/* A warning of no department (a tax kind): the finance bureau
				 * checks it. */
				a.unit = "D-CZJ";
				err_clear();
				rc = flow_act_tx(d->db, &d->sc, &warning_flow, id, "send", &a);
			}
		}
		if (rc)
			rc = err_set(RD_FAIL, "demo: warning %lld: %s", (long long)id, err_msg());
	}
	sqlite3_finalize(st);
	return rc;
}

int demo_finance(struct demo_gen *d)
{
	int y_now, m_now, dd;
	date_to_ymd(clock_today(), &y_now, &m_now, &dd);
	int first = y_now - 2, warnings = 0;
	struct cal cal;
	int rc = cal_load(d->db, &cal);
	if (!rc)
		rc = db_begin(d->db);
	for (int y = first; y <= y_now && !rc; y++) {
		/* Data of a month comes on the 10th of the next: the months whose 10th has come. */
		int last = y < y_now ? 12 : (dd >= 10 ? m_now - 1 : m_now - 2);
		if (last < 0)
			last = 0;
		if (y < y_now - 1 || (y == y_now - 1 && (m_now > 1 || dd >= 10)))
			last = 12;
		rc = budget_year(d, y, y - first, last, &warnings);
		for (int m = 1; m <= last && !rc; m++) {
			char at[CLOCK_BUF];
			snprintf(at, sizeof at, "%04d-%02d-10T10:30:00+08:00", m == 12 ? y + 1 : y,
			         m == 12 ? 1 : m + 1);
			rc = revenue_month(d, first, y_now, y, m, at, &warnings);
			if (!rc)
				rc = sangong_month(d, y, m, at, &warnings);
			if (!rc)
				rc = projects_month(d, y, m, y == y_now - 1, at, &warnings);
			if (!rc && m % 3 == 0)
				rc = audit_quarter(d, y, m / 3, first, at, &warnings);
		}
		/* The year's assets and performance come in March of the next year. */
		if (!rc && (y < y_now - 1 || (y == y_now - 1 && m_now > 3))) {
			char at[CLOCK_BUF];
			snprintf(at, sizeof at, "%04d-03-20T10:00:00+08:00", y + 1);
			rc = assets_year(d, y, at, &warnings);
			if (!rc)
				rc = perf_year(d, y, at, &warnings);
		}
	}
	if (!rc)
		rc = opinions(d, first, y_now);
	if (!rc)
		rc = handle(d, &cal);
	if (!rc) {
		char after[64];
		snprintf(after, sizeof after, "{\"generated_warnings\":%d}", warnings);
		rc = audit_log(d->db, &d->sc, "warning", 0, "demo", NULL, after);
	}
	rc = db_end(d->db, rc);
	cal_free(&cal);
	return rc;
}
