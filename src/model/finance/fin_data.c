/*
 * The datasets of the finance module and their formats (renda-finance(5)):
 * one descriptor per dataset names its table, its period, the department that
 * sends it, and its fields with their types, keys and Chinese headers; the
 * import, the man page and the console's import follow it. Also the scope of
 * finance data and the reading of periods and cells.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/finance/fin_priv.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ---- scope ------------------------------------------------------------------------- */

enum fin_see fin_scope(const struct scope *sc)
{
	switch (sc->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_CLERK:
	case ROLE_VIEWER: return FIN_ALL;
	case ROLE_UNIT: return FIN_UNIT;
	default: return FIN_NONE;
	}
}

/* Finance data and its warnings stay at the city (the exchange never carries them): a
   town's own database neither shows nor takes them. */
static int at_city(const struct scope *sc)
{
	if (sc->site)
		return err_set(RD_DENIED, _("finance data is the city's: this town's own database "
		                            "does not hold it; it is read at the city's"));
	return RD_OK;
}

int fin_may_read(const struct scope *sc)
{
	if (fin_scope(sc) == FIN_NONE)
		return err_set(RD_DENIED,
		               _("finance data is the city's: your role (%s) does not see it"),
		               role_label(sc->role));
	return at_city(sc);
}

int fin_may_write(const struct scope *sc)
{
	if (sc->role != ROLE_ADMIN && sc->role != ROLE_CITY_CLERK)
		return err_set(RD_DENIED,
		               _("your role (%s) may not change finance data: administrators and "
		                 "city clerks do"),
		               role_label(sc->role));
	return at_city(sc);
}

int64_t fin_unit_of(const struct scope *sc)
{
	/* A unit operator without a unit sees nothing: no unit has id -1. */
	if (fin_scope(sc) == FIN_UNIT)
		return sc->unit_id ? sc->unit_id : -1;
	return 0;
}

/* ---- the datasets ------------------------------------------------------------------ */

static const char *const item_labels[] = {N_("travel abroad"), N_("official vehicle purchase"),
                                          N_("official vehicle running"), N_("official reception")};
static const char *const status_labels[] = {N_("not rectified"), N_("being rectified"),
                                            N_("rectified")};
static const char *const asset_labels[] = {N_("administrative and public-institution assets"),
                                           N_("enterprise assets"), N_("natural-resource assets"),
                                           N_("development-zone assets")};

#define PERIOD                                                                                     \
	{                                                                                          \
		"period", N_("Period"), "期间", FF_PERIOD, FF_REQ, NULL, NULL                      \
	}

/* clang-format off */
static const struct fin_field budget_fields[] = {
	PERIOD,
	{"department_code", N_("Department code"), "部门编码", FF_CODE, FF_REQ | FF_KEY | FF_UNITCODE, NULL, NULL},
	{"department", N_("Department"), "部门名称", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"function_code", N_("Function class code"), "功能分类科目编码", FF_CODE, FF_REQ | FF_KEY, NULL, NULL},
	{"function", N_("Function class"), "功能分类科目名称", FF_TEXT, FF_REQ, NULL, NULL},
	{"project_code", N_("Project code"), "项目编码", FF_CODE, FF_KEY, NULL, NULL},
	{"project", N_("Project"), "项目名称", FF_TEXT, 0, NULL, NULL},
	{"annual", N_("Annual budget"), "年初预算数", FF_MONEY, FF_REQ, NULL, NULL},
	{"adjusted", N_("Adjusted budget"), "调整预算数", FF_MONEY, 0, NULL, NULL},
	{"executed", N_("Executed, year to date"), "累计执行数", FF_MONEY, FF_REQ, NULL, NULL},
};
static const struct fin_field revenue_fields[] = {
	PERIOD,
	{"kind_code", N_("Tax kind code"), "税种编码", FF_CODE, FF_REQ | FF_KEY, NULL, NULL},
	{"kind", N_("Tax kind"), "税种名称", FF_TEXT, FF_REQ, NULL, NULL},
	{"amount", N_("Revenue, year to date"), "累计收入", FF_MONEY, FF_REQ, NULL, NULL},
	{"budget", N_("Year's budget"), "年度预算数", FF_MONEY, 0, NULL, NULL},
};
static const struct fin_field sangong_fields[] = {
	PERIOD,
	{"department_code", N_("Department code"), "部门编码", FF_CODE, FF_REQ | FF_KEY | FF_UNITCODE, NULL, NULL},
	{"department", N_("Department"), "部门名称", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"item", N_("Item"), "经费项目", FF_CHOICE, FF_REQ | FF_KEY,
	 "abroad=因公出国（境）费|vehicle_buy=公务用车购置费|vehicle_run=公务用车运行维护费|reception=公务接待费",
	 item_labels},
	{"budget", N_("Year's budget"), "年度预算数", FF_MONEY, FF_REQ, NULL, NULL},
	{"spent", N_("Spent, year to date"), "累计支出数", FF_MONEY, FF_REQ, NULL, NULL},
};
static const struct fin_field project_fields[] = {
	PERIOD,
	{"code", N_("Project code"), "项目编码", FF_CODE, FF_REQ | FF_KEY, NULL, NULL},
	{"name", N_("Project"), "项目名称", FF_TEXT, FF_REQ, NULL, NULL},
	{"unit_code", N_("Responsible unit code"), "责任单位编码", FF_CODE, FF_REQ | FF_UNITCODE, NULL, NULL},
	{"unit", N_("Responsible unit"), "责任单位", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"total_investment", N_("Total investment"), "总投资", FF_MONEY, FF_REQ, NULL, NULL},
	{"annual_plan", N_("Year's planned investment"), "年度计划投资", FF_MONEY, FF_REQ, NULL, NULL},
	{"spent", N_("Invested, year to date"), "累计完成投资", FF_MONEY, FF_REQ, NULL, NULL},
	{"progress", N_("Progress (%)"), "形象进度", FF_PCT, 0, NULL, NULL},
	{"note", N_("Progress notes"), "进展情况", FF_TEXT, 0, NULL, NULL},
};
static const struct fin_field audit_fields[] = {
	PERIOD,
	{"code", N_("Finding number"), "问题编号", FF_CODE, FF_REQ | FF_KEY, NULL, NULL},
	{"audit_year", N_("Audit year"), "审计年度", FF_YEAR, FF_REQ, NULL, NULL},
	{"unit_code", N_("Audited unit code"), "被审计单位编码", FF_CODE, FF_REQ | FF_UNITCODE, NULL, NULL},
	{"unit", N_("Audited unit"), "被审计单位", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"finding", N_("Finding"), "问题描述", FF_TEXT, FF_REQ, NULL, NULL},
	{"amount", N_("Amount involved"), "问题金额", FF_MONEY, 0, NULL, NULL},
	{"deadline", N_("Rectify by"), "整改期限", FF_DATE, FF_REQ, NULL, NULL},
	{"status", N_("Rectification"), "整改状态", FF_CHOICE, FF_REQ,
	 "open=未整改|progress=整改中|done=已整改", status_labels},
	{"rectified_amount", N_("Amount rectified"), "已整改金额", FF_MONEY, 0, NULL, NULL},
	{"rectified_on", N_("Rectified on"), "整改完成日期", FF_DATE, 0, NULL, NULL},
	{"measures", N_("Measures taken"), "整改措施", FF_TEXT, 0, NULL, NULL},
};
static const struct fin_field asset_fields[] = {
	PERIOD,
	{"kind", N_("Kind of assets"), "资产类型", FF_CHOICE, FF_REQ | FF_KEY,
	 "admin=行政事业单位国有资产|enterprise=企业国有资产|natural=国有自然资源资产|zone=经济技术开发区资产",
	 asset_labels},
	{"holder_code", N_("Holder code"), "单位编码", FF_CODE, FF_REQ | FF_KEY | FF_UNITCODE, NULL, NULL},
	{"holder", N_("Holder"), "占有单位", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"category", N_("Asset class"), "资产分类", FF_TEXT, FF_REQ | FF_KEY, NULL, NULL},
	{"value", N_("Value at the year's end"), "年末价值", FF_MONEY, FF_REQ, NULL, NULL},
	{"change", N_("Change in the year"), "本年增减", FF_SMONEY, 0, NULL, NULL},
};
static const struct fin_field perf_fields[] = {
	PERIOD,
	{"project_code", N_("Project code"), "项目编码", FF_CODE, FF_REQ | FF_KEY, NULL, NULL},
	{"project", N_("Project"), "项目名称", FF_TEXT, FF_REQ, NULL, NULL},
	{"department_code", N_("Department code"), "部门编码", FF_CODE, FF_REQ | FF_UNITCODE, NULL, NULL},
	{"department", N_("Department"), "部门名称", FF_TEXT, FF_REQ | FF_UNITNAME, NULL, NULL},
	{"indicator", N_("Indicator"), "绩效指标", FF_TEXT, FF_REQ | FF_KEY, NULL, NULL},
	{"target", N_("Target"), "目标值", FF_TEXT, 0, NULL, NULL},
	{"result", N_("Result"), "实际完成值", FF_TEXT, 0, NULL, NULL},
	{"weight", N_("Weight"), "分值", FF_DEC, FF_REQ, NULL, NULL},
	{"score", N_("Score"), "得分", FF_DEC, FF_REQ, NULL, NULL},
};
/* clang-format on */

/* A budget line: the adjusted budget defaults to the annual one; a project has a name. */
static const char *check_budget(const struct fin_dataset *d, char **text, int64_t *num, bool *set)
{
	int pc = fin_field_find(d, "project_code"), pn = fin_field_find(d, "project");
	if (set[pc] && !set[pn])
		return _("project: a project code needs the project's name");
	if (!set[pc] && set[pn])
		return _("project_code: a project needs its code");
	int an = fin_field_find(d, "annual"), ad = fin_field_find(d, "adjusted");
	if (!set[ad]) {
		num[ad] = num[an];
		set[ad] = true;
	}
	(void)text;
	return NULL;
}

static const char *check_audit(const struct fin_dataset *d, char **text, int64_t *num, bool *set)
{
	int st = fin_field_find(d, "status"), on = fin_field_find(d, "rectified_on");
	if (!strcmp(text[st], "done") && !set[on])
		return _("rectified_on: a rectified finding needs the day it was rectified");
	(void)num;
	return NULL;
}

static const char *check_perf(const struct fin_dataset *d, char **text, int64_t *num, bool *set)
{
	int w = fin_field_find(d, "weight"), s = fin_field_find(d, "score");
	if (num[s] > num[w])
		return _("score: more than the indicator's weight");
	(void)text;
	(void)set;
	return NULL;
}

#define NF(a) (N_OF(a))
/* clang-format off */
const struct fin_dataset fin_datasets[] = {
	{"budget", N_("General public budget execution"), "fin_budget", FP_MONTH, "D-CZJ",
	 budget_fields, NF(budget_fields), check_budget},
	{"fund", N_("Government-fund budget execution"), "fin_budget", FP_MONTH, "D-CZJ",
	 budget_fields, NF(budget_fields), check_budget},
	{"capital", N_("State-capital budget execution"), "fin_budget", FP_MONTH, "D-CZJ",
	 budget_fields, NF(budget_fields), check_budget},
	{"revenue", N_("Revenue by tax kind"), "fin_revenue", FP_MONTH, "D-SWU", revenue_fields,
	 NF(revenue_fields), NULL},
	{"sangong", N_("Three public expenses (三公经费)"), "fin_sangong", FP_MONTH, "D-CZJ",
	 sangong_fields, NF(sangong_fields), NULL},
	{"projects", N_("Major investment projects"), "fin_project", FP_MONTH, "D-FGJ",
	 project_fields, NF(project_fields), NULL},
	{"audit", N_("Audit findings and their rectification"), "fin_audit", FP_MONTHQ, "D-SJJ",
	 audit_fields, NF(audit_fields), check_audit},
	{"assets", N_("State assets"), "fin_asset", FP_YEAR, "D-CZJ", asset_fields,
	 NF(asset_fields), NULL},
	{"performance", N_("Performance targets and results"), "fin_perf", FP_YEAR, "D-CZJ",
	 perf_fields, NF(perf_fields), check_perf},
};
/* clang-format on */
const int fin_ndatasets = NF(fin_datasets);

const struct fin_dataset *fin_dataset_find(const char *name)
{
	for (int i = 0; name && i < fin_ndatasets; i++)
		if (!strcmp(fin_datasets[i].name, name))
			return &fin_datasets[i];
	return NULL;
}

const char *fin_dataset_names(void)
{
	static char names[160];
	if (!*names)
		for (int i = 0; i < fin_ndatasets; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
			         i ? ", " : "", fin_datasets[i].name);
	return names;
}

int fin_field_find(const struct fin_dataset *d, const char *key)
{
	for (int i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, key))
			return i;
	return -1;
}

/* ---- periods ------------------------------------------------------------------------ */

bool fin_period_parse(const char *s, struct fin_period *p)
{
	memset(p, 0, sizeof *p);
	int y = 0, m = 0, d = 0, n = 0;
	if (!s)
		return false;
	if ((sscanf(s, "%4d-Q%1d%n", &y, &m, &n) == 2 || sscanf(s, "%4dQ%1d%n", &y, &m, &n) == 2 ||
	     sscanf(s, "%4d-q%1d%n", &y, &m, &n) == 2) &&
	    !s[n] && m >= 1 && m <= 4) {
		p->quarter = true;
		m *= 3;
	} else if ((sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
	            sscanf(s, "%4d/%2d/%2d%n", &y, &m, &d, &n) == 3) &&
	           !s[n] && d == 1) {
		/* A month a spreadsheet turned into its first day. */
	} else if (!((sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 ||
	              sscanf(s, "%4d/%2d%n", &y, &m, &n) == 2 ||
	              sscanf(s, "%4d年%2d月%n", &y, &m, &n) == 2) &&
	             !s[n])) {
		n = 0;
		if (!((sscanf(s, "%4d%n", &y, &n) == 1 || sscanf(s, "%4d年%n", &y, &n) == 1) &&
		      !s[n] && n >= 4))
			return false;
		p->whole_year = true;
		m = 12;
	}
	if (y < 1900 || y > 9998 || m < 1 || m > 12)
		return false;
	/* Four digits of the year, nothing in front of them. */
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[3]))
		return false;
	p->year = y;
	p->month = m;
	unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u;
	if (p->whole_year)
		snprintf(p->text, sizeof p->text, "%04u", yy);
	else if (p->quarter)
		snprintf(p->text, sizeof p->text, "%04u-Q%u", yy, mm / 3 % 10u);
	else
		snprintf(p->text, sizeof p->text, "%04u-%02u", yy, mm);
	return true;
}

int fin_period_end(const struct fin_period *p)
{
	int next = p->month == 12 ? date_from_ymd(p->year + 1, 1, 1)
	                          : date_from_ymd(p->year, p->month + 1, 1);
	return next - 1;
}

/* ---- cells --------------------------------------------------------------------------- */

/*
 * Reads a decimal with at most two places ("1,234.5", "-12"), thousands separated by
 * commas or not, into hundredths. False when it is not one, or above most (whole units).
 */
static bool decimal(const char *s, bool sign, int64_t most, int64_t *out)
{
	bool neg = false;
	if (*s == '-') {
		if (!sign)
			return false;
		neg = true;
		s++;
	}
	int64_t whole = 0;
	int digits = 0, group = -1; /* digits since the last comma; -1 before any comma */
	const char *p = s;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			if (!digits || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return false;
			group = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return false;
		whole = whole * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
		if (whole > most)
			return false;
	}
	if (!digits || (group >= 0 && group != 3))
		return false;
	int64_t frac = 0;
	if (*p == '.') {
		p++;
		int n = 0;
		for (; *p; p++, n++) {
			if (!isdigit((unsigned char)*p) || n >= 2)
				return false;
			frac = frac * 10 + (*p - '0');
		}
		if (!n)
			return false;
		if (n == 1)
			frac *= 10;
	}
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return true;
}

/* The code of a choice given by its code, its English label (translated or not) or its Chinese
 * name. */
static const char *choice_code(const struct fin_field *f, const char *v, char out[32])
{
	int i = 0;
	for (const char *c = f->choices; c && *c; i++) {
		const char *eq = strchr(c, '='), *bar = strchr(c, '|');
		size_t cl = (size_t)(eq - c), zl = bar ? (size_t)(bar - eq - 1) : strlen(eq + 1);
		snprintf(out, 32, "%.*s", (int)cl, c);
		if (!strcmp(v, out) || (strlen(v) == zl && !strncmp(v, eq + 1, zl)) ||
		    !strcasecmp(v, f->choice_labels[i]) || !strcmp(v, _(f->choice_labels[i])))
			return out;
		c = bar ? bar + 1 : NULL;
	}
	return NULL;
}

const char *fin_value(sqlite3 *db, const struct fin_field *f, const char *raw, char **text,
                      int64_t *num, bool *set, struct fin_period *per)
{
	*text = NULL;
	*num = 0;
	*set = raw && *raw;
	if (!*set)
		return (f->flags & FF_REQ) ? _("required") : NULL;
	static char why[160];
	switch (f->type) {
	case FF_PERIOD:
		if (!fin_period_parse(raw, per)) {
			snprintf(why, sizeof why,
			         _("'%s' is not a period such as 2026-03, 2026-Q1 or 2026"), raw);
			return why;
		}
		*text = xstrdup(per->text);
		return NULL;
	case FF_CODE:
		for (const char *p = raw; *p; p++)
			if (*p == ' ' || *p == '\t') {
				snprintf(why, sizeof why, _("'%s': a code has no blanks"), raw);
				return why;
			}
		/* fall through */
	case FF_TEXT:
		if (strlen(raw) > 4000)
			return _("longer than 4000 bytes");
		*text = xstrdup(raw);
		return NULL;
	case FF_MONEY:
	case FF_SMONEY:
		if (!decimal(raw, f->type == FF_SMONEY, 100000000000LL, num)) {
			snprintf(
			    why, sizeof why,
			    f->type == FF_SMONEY
			        ? _("'%s' is not an amount of yuan with at most two decimals")
			        : _("'%s' is not an amount of yuan, not negative, with at most two "
			            "decimals"),
			    raw);
			return why;
		}
		return NULL;
	case FF_PCT: {
		char buf[32];
		snprintf(buf, sizeof buf, "%s", raw);
		size_t n = strlen(buf);
		if (n && buf[n - 1] == '%')
			buf[n - 1] = '\0';
		else if (n >= 3 && !strcmp(buf + n - 3, "％"))
			buf[n - 3] = '\0';
		if (!decimal(buf, false, 100, num) || *num > 10000) {
			snprintf(why, sizeof why, _("'%s' is not a per cent from 0 to 100"), raw);
			return why;
		}
		return NULL;
	}
	case FF_DEC:
		if (!decimal(raw, false, 1000000, num)) {
			snprintf(why, sizeof why,
			         _("'%s' is not a number, not negative, with at most two decimals"),
			         raw);
			return why;
		}
		return NULL;
	case FF_YEAR: {
		char *end;
		long y = strtol(raw, &end, 10);
		if (*end || y < 1900 || y > 9998) {
			snprintf(why, sizeof why, _("'%s' is not a year such as 2026"), raw);
			return why;
		}
		*num = y;
		return NULL;
	}
	case FF_DATE: {
		static const struct ref_field day = {"day", "day", N_("Date"), RF_DATE,
		                                     NULL,  false, 10,         NULL};
		if (ref_convert(db, &day, raw, text)) {
			err_clear();
			snprintf(why, sizeof why, _("'%s' is not a date YYYY-MM-DD"), raw);
			return why;
		}
		return NULL;
	}
	case FF_CHOICE: {
		char code[32];
		if (!choice_code(f, raw, code)) {
			struct sbuf b = SBUF_INIT;
			int i = 0;
			for (const char *c = f->choices; c && *c; i++) {
				const char *bar = strchr(c, '|');
				sbuf_printf(&b, "%s%.*s", i ? ", " : "",
				            (int)(bar ? bar - c : (long)strlen(c)), c);
				c = bar ? bar + 1 : NULL;
			}
			snprintf(why, sizeof why, _("'%s' is not one of %s"), raw, sbuf_str(&b));
			sbuf_free(&b);
			return why;
		}
		*text = xstrdup(code);
		return NULL;
	}
	}
	return NULL;
}

char *fin_value_show(const struct fin_field *f, const char *text, int64_t num, bool set)
{
	char buf[32];
	if (!set)
		return xstrdup("");
	switch (f->type) {
	case FF_MONEY:
	case FF_SMONEY: fin_money(num, buf); return xstrdup(buf);
	case FF_PCT:
	case FF_DEC: fin_dec(num, buf); return xstrdup(buf);
	case FF_YEAR: return xasprintf("%lld", (long long)num);
	default: return xstrdup(text ? text : "");
	}
}
