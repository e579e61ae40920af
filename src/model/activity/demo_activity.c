/*
 * Demo activities of deputies, for the last four years up to a month ahead:
 * meetings of the standing committee sat in on, inspections, research and
 * law-enforcement checks of city deputies, training, the deputy groups'
 * activities, receptions of voters at the liaison stations and report-backs in
 * every town. Each is walked through the workflow table at historical times
 * (flow_act_tx: the same rules and events as a clerk's steps): planned, open
 * for sign-up, sign-ups (点单) answered, closed, attendance recorded (mostly
 * present, some on leave with a reason, a few deputies often absent), archived;
 * a few are cancelled; those still to come are open for sign-up. A few deputies
 * joined by a by-election last year, the points rules got a second version
 * this year, and a few corrections were made, as a committee's would be.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/activity/activity.h"
#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/core/demo_gen.h"
#include "model/deputy/deputy.h"
#include "model/points/points.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/rng.h"
#include "util/xalloc.h"

#define N(a) ((uint32_t)(sizeof a / sizeof a[0]))

struct dep {
	int64_t id, town, group;
	char code[8];
	bool city;
	int joined, left;  /* day numbers; 0: none */
	int absent, leave; /* per cent of the activities missed so */
};

struct world {
	struct dep *d;
	int n;
	struct cal cal;
};

static const char *const leave_reasons[] = {"因公出差", "参加单位重要会议", "身体不适", "家中有事",
                                            "外出学习"};

/* An ISO time of day at hh:mm (the committee's zone), never after now: what is planned a
   month ahead was planned by today. */
static void stamp(int day, int hh, int mm, char out[CLOCK_BUF])
{
	char d[11], text[32];
	date_format(day, d);
	snprintf(text, sizeof text, "%s %02d:%02d:00", d, hh, mm);
	time_t t;
	if (!clock_parse(text, &t) || t > clock_now())
		t = clock_now();
	clock_format(t, out);
}

static int load_world(struct demo_gen *g, struct world *w)
{
	memset(w, 0, sizeof *w);
	sqlite3_stmt *st =
	    db_prepare(g->db,
	               "SELECT id, code, level = 'city', town_id, coalesce(group_id, "
	               "0), coalesce(joined_date, ''), coalesce(left_date, '') FROM "
	               "deputy ORDER BY id",
	               "");
	if (!st)
		return RD_FAIL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		w->d = xrealloc(w->d, sizeof *w->d * (size_t)(w->n + 1));
		struct dep *p = &w->d[w->n++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		snprintf(p->code, sizeof p->code, "%s", db_col(st, 1));
		p->city = sqlite3_column_int(st, 2);
		p->town = sqlite3_column_int64(st, 3);
		p->group = sqlite3_column_int64(st, 4);
		date_parse(db_col(st, 5), &p->joined);
		date_parse(db_col(st, 6), &p->left);
		/* Most come; a few deputies are often away, one in thirty without leave. */
		uint32_t k = rng_below(&g->r, 100);
		p->absent = k < 3 ? 30 + (int)rng_below(&g->r, 20) : (int)rng_below(&g->r, 4);
		p->leave = k < 3 ? 20 : 5 + (int)rng_below(&g->r, 8);
	}
	sqlite3_finalize(st);
	return cal_load(g->db, &w->cal);
}

/* May deputy p take part on day (joined, not left), in the activity's town and group? */
static bool fits(const struct dep *p, int day, int64_t town, int64_t group, int level)
{
	if ((p->joined && p->joined > day) || (p->left && p->left <= day))
		return false;
	if (town && p->town != town)
		return false;
	if (group && p->group != group)
		return false;
	return level < 0 || (level == 1) == p->city;
}

/* Takes one step at time at (when it is not after now). */
static int step(struct demo_gen *g, struct world *w, int64_t id, const char *action, const char *at,
                const char *const *who, int n, const char *answer, const char *text)
{
	struct flow_args a = {.deputies = who,
	                      .ndeputies = n,
	                      .answer = answer,
	                      .text = text,
	                      .at = at,
	                      .cal = &w->cal,
	                      .generated = true};
	int rc = flow_act_tx(g->db, &g->sc, &activity_flow, id, action, &a);
	if (rc)
		rc = err_set(RD_FAIL, "demo: activity %lld, %s: %s", (long long)id, action,
		             err_msg());
	return rc;
}

struct plan {
	const char *kind, *title, *place;
	int64_t town, group;
	int level; /* 1 city, 0 town, -1 both */
	int day, hh, mm;
	int want, capacity;
};

/* Plans one activity and walks it as far as now allows. */
static int run(struct demo_gen *g, struct world *w, const struct plan *p, int today, long *made)
{
	char at[CLOCK_BUF], town[16] = "", group[16] = "";
	int64_t id;
	stamp(p->day - 20, 10, 0, at);
	if (p->town)
		snprintf(town, sizeof town, "#%lld", (long long)p->town);
	if (p->group)
		snprintf(group, sizeof group, "#%lld", (long long)p->group);
	char starts[20];
	date_format(p->day, starts);
	snprintf(starts + 10, sizeof starts - 10, " %02d:%02d", p->hh, p->mm);
	struct activity_new n = {
	    .kind = p->kind,
	    .title = p->title,
	    .town = *town ? town : NULL,
	    .starts = starts,
	    .place = p->place,
	    .capacity = p->capacity,
	    .for_level = p->level == 1   ? "city"
	                 : p->level == 0 ? "town"
	                                 : NULL,
	    .for_group = *group ? group : NULL,
	    .at = at,
	    .generated = true,
	};
	/* What is planned a month ahead at most. */
	if (p->day > today + 30)
		return RD_OK;
	int rc = activity_add_tx(g->db, &g->sc, &n, &id);
	if (rc)
		return err_set(RD_FAIL, "demo: activity %s: %s", p->title, err_msg());
	(*made)++;
	if (p->day - 18 > today)
		return RD_OK;
	stamp(p->day - 18, 9, 0, at);
	if ((rc = step(g, w, id, "open", at, NULL, 0, NULL, NULL)))
		return rc;
	/* The deputies who sign up: of those it is for, as many as it wants. */
	const char **who = xcalloc((size_t)p->want + 1, sizeof *who);
	int k = 0;
	for (int tries = 0; k < p->want && tries < 8 * p->want + 200; tries++) {
		const struct dep *d = &w->d[rng_below(&g->r, (uint32_t)w->n)];
		if (!fits(d, p->day, p->town, p->group, p->level))
			continue;
		bool dup = false;
		for (int i = 0; i < k && !dup; i++)
			dup = !strcmp(who[i], d->code);
		if (!dup)
			who[k++] = d->code;
	}
	int day = p->day - 10;
	if (day > today)
		day = today;
	stamp(day, 15, 30, at);
	if (k && (rc = step(g, w, id, "sign-up", at, who, k, NULL, NULL))) {
		free(who);
		return rc;
	}
	/* One in thirty is cancelled before it is held. */
	if (rng_below(&g->r, 30) == 0 && p->day - 3 <= today) {
		stamp(p->day - 3, 11, 0, at);
		rc = step(g, w, id, "cancel", at, NULL, 0, NULL, "因工作安排调整，活动取消");
		free(who);
		return rc;
	}
	if (p->day - 4 > today || !k) {
		free(who);
		return RD_OK;
	}
	stamp(p->day - 4, 16, 0, at);
	if ((rc = step(g, w, id, "confirm", at, who, k, "confirm", NULL)) ||
	    (stamp(p->day - 2, 17, 0, at),
	     rc = step(g, w, id, "close-signup", at, NULL, 0, NULL, NULL))) {
		free(who);
		return rc;
	}
	if (p->day + 1 > today) {
		free(who);
		return RD_OK;
	}
	/* The attendance, a day after: each deputy as they tend to. */
	const char **present = xcalloc((size_t)k, sizeof *present);
	const char **absent = xcalloc((size_t)k, sizeof *absent);
	int np = 0, na = 0;
	stamp(p->day + 1, 10, 0, at);
	for (int i = 0; !rc && i < k; i++) {
		const struct dep *d = NULL;
		for (int j = 0; j < w->n && !d; j++)
			if (!strcmp(w->d[j].code, who[i]))
				d = &w->d[j];
		int x = (int)rng_below(&g->r, 100);
		if (x < d->absent)
			absent[na++] = who[i];
		else if (x < d->absent + d->leave)
			rc = step(g, w, id, "leave", at, &who[i], 1, NULL,
			          leave_reasons[rng_below(&g->r, N(leave_reasons))]);
		else
			present[np++] = who[i];
	}
	if (!rc && np)
		rc = step(g, w, id, "present", at, present, np, NULL, NULL);
	if (!rc && na)
		rc = step(g, w, id, "absent", at, absent, na, NULL, NULL);
	stamp(p->day + 1, 10, 30, at);
	if (!rc)
		rc = step(g, w, id, "record", at, NULL, 0, NULL, NULL);
	if (!rc && p->day + 30 <= today) {
		stamp(p->day + 30, 9, 0, at);
		rc = step(g, w, id, "archive", at, NULL, 0, NULL, NULL);
	}
	free(present);
	free(absent);
	free(who);
	return rc;
}

/* A working day of the month (a weekday, no holiday). */
static int workday(struct demo_gen *g, struct world *w, int y, int m)
{
	int first = date_from_ymd(y, m, 1),
	    next = m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
	for (int tries = 0; tries < 40; tries++) {
		int day = first + (int)rng_below(&g->r, (uint32_t)(next - first));
		if (cal_is_workday(&w->cal, day))
			return day;
	}
	return first;
}

static const struct {
	const char *kind, *title, *place;
	int want, capacity;
} city_kinds[] = {
    {"meeting", "列席市人大常委会会议", "市人大常委会会议室", 8, 10},
    {"inspection", "视察全市重点工程项目建设情况", "市重点工程现场", 15, 20},
    {"inspection", "视察城乡社区养老服务工作", "各街道养老服务中心", 15, 20},
    {"research", "调研营商环境优化提升工作", "市发展改革局", 12, 15},
    {"research", "调研农村生活污水治理情况", "乍浦镇、广陈镇", 12, 15},
    {"enforcement", "《中华人民共和国食品安全法》执法检查", "市市场监督管理局", 10, 12},
    {"enforcement", "《浙江省河长制规定》执法检查", "市水利局", 10, 12},
    {"training", "市人大代表履职能力培训班", "市委党校", 40, 0},
};
static const struct {
	const char *kind, *title;
	int want;
} town_kinds[] = {
    {"reception", "代表联络站进站接待选民", 3},
    {"group", "代表小组集中活动", 6},
    {"report", "代表向原选区选民述职", 4},
    {"training", "镇人大代表学习培训", 20},
};

/* By-elections last year (补选): a few city deputies took office mid-year. */
static int by_elections(struct demo_gen *g, int year)
{
	sqlite3_stmt *st =
	    db_prepare(g->db,
	               "SELECT id, version FROM deputy WHERE level = 'city' AND status "
	               "= 'in-office' ORDER BY id DESC LIMIT 4",
	               "");
	if (!st)
		return RD_FAIL;
	int rc = RD_OK, i = 0;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *vals[DF_COUNT] = {0};
		char day[11];
		date_format(date_from_ymd(year, 4 + 2 * i++, 8), day);
		vals[DF_JOINED_DATE] = day;
		rc = deputy_edit(g->db, &g->sc, sqlite3_column_int64(st, 0),
		                 sqlite3_column_int64(st, 1), vals);
	}
	sqlite3_finalize(st);
	return rc;
}

int demo_activities(struct demo_gen *g)
{
	int today = clock_today(), y0, m0, d0;
	date_to_ymd(today, &y0, &m0, &d0);
	/* This year's second version of the rules, made in last December. */
	char at[CLOCK_BUF], from[11];
	stamp(date_from_ymd(y0 - 1, 12, 16), 10, 0, at);
	date_format(date_from_ymd(y0, 1, 1), from);
	struct points_change ch[] = {{"reception", 300, 3000, 0}, {"absent", -300, 0, 0}};
	int number,
	    rc = points_add_version(g->db, &g->sc, from, "提高进站接待分值，加重无故缺席扣分", ch,
	                            2, at, &number);
	if (!rc)
		rc = by_elections(g, y0 - 1);
	struct world w;
	if (rc || load_world(g, &w))
		return RD_FAIL;
	struct townrow {
		int64_t id;
		bool town;
	} *towns = NULL;
	int nt = 0;
	sqlite3_stmt *st =
	    db_prepare(g->db, "SELECT id, kind = 'town' FROM town ORDER BY sort, id", "");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		towns = xrealloc(towns, sizeof *towns * (size_t)(nt + 1));
		towns[nt].id = sqlite3_column_int64(st, 0);
		towns[nt++].town = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	long made = 0;
	rc = db_begin(g->db);
	/* Month by month from three years back to next month. */
	for (int y = y0 - 3; !rc && y <= y0; y++)
		for (int m = 1; !rc && m <= 12; m++) {
			if (date_from_ymd(y, m, 1) > today + 31)
				break;
			/* The city: two or three activities a month, training in March. */
			int nc = 2 + (int)rng_below(&g->r, 2);
			for (int i = 0; !rc && i < nc; i++) {
				uint32_t k = m == 3 && i == 0 ? N(city_kinds) - 1
				                              : rng_below(&g->r, N(city_kinds) - 1);
				struct plan p = {city_kinds[k].kind,
				                 city_kinds[k].title,
				                 city_kinds[k].place,
				                 0,
				                 0,
				                 1,
				                 workday(g, &w, y, m),
				                 i ? 14 : 9,
				                 i ? 30 : 0,
				                 city_kinds[k].want,
				                 city_kinds[k].capacity};
				if (!strcmp(p.kind, "training"))
					p.level = 1;
				rc = run(g, &w, &p, today, &made);
			}
			/* Each town: a reception at its station every month; a group activity or
			   a report-back every other month; training in the spring. */
			for (int t = 0; !rc && t < nt; t++) {
				int64_t tid = towns[t].id;
				for (int i = 0; !rc && i < 3; i++) {
					uint32_t k = i == 0   ? 0
					             : i == 1 ? 1 + (uint32_t)(m % 2)
					                      : 3;
					if ((i == 1 && m % 2) || (i == 2 && m != 4))
						continue;
					int64_t group = 0;
					if (k == 1) {
						int64_t gid = 0;
						if (db_int(g->db, &gid,
						           "SELECT id FROM deputy_group WHERE "
						           "town_id = ? ORDER BY "
						           "id LIMIT 1 OFFSET ?",
						           "ii", tid, (int64_t)rng_below(&g->r, 2)))
							continue;
						group = gid;
					}
					char *place = NULL;
					db_text(g->db, &place,
					        "SELECT name FROM station WHERE town_id = ? ORDER "
					        "BY id LIMIT 1",
					        "i", tid);
					struct plan p = {town_kinds[k].kind,
					                 town_kinds[k].title,
					                 place ? place : "镇人大代表之家",
					                 tid,
					                 group,
					                 k == 1          ? 1
					                 : towns[t].town ? -1
					                                 : 1,
					                 workday(g, &w, y, m),
					                 14,
					                 0,
					                 town_kinds[k].want,
					                 0};
					rc = run(g, &w, &p, today, &made);
					free(place);
				}
			}
		}
	if (!rc) {
		char after[64];
		snprintf(after, sizeof after, "{\"generated_activities\":%ld}", made);
		rc = audit_log(g->db, &g->sc, "activity", 0, "demo", NULL, after);
	}
	rc = db_end(g->db, rc);
	/* Corrections a clerk made: an absence that was a leave not passed on, a research
	   visit not recorded. */
	if (!rc) {
		char *key = NULL, *dep = NULL;
		if (!db_text(
		        g->db, &key,
		        "SELECT 'activity:' || x.activity_id || ':' || x.deputy_id FROM "
		        "activity_attendance x WHERE x.status = 'absent' ORDER BY x.id LIMIT 1",
		        "") &&
		    !db_text(g->db, &dep,
		             "SELECT code FROM deputy WHERE id = (SELECT deputy_id FROM "
		             "activity_attendance WHERE status = 'absent' ORDER BY id LIMIT 1)",
		             "")) {
			int64_t id;
			struct points_fix f = {
			    .deputy = dep, .voids = key, .reason = "已事先请假，联络站未转报"};
			rc = points_correct(g->db, &g->sc, &f, &id);
		}
		free(key);
		free(dep);
		err_clear();
	}
	free(towns);
	free(w.d);
	cal_free(&w.cal);
	return rc;
}
