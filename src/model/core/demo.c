#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/admin.h"
#include "model/core/db.h"
#include "model/core/demo.h"
#include "model/core/demo_gen.h"
#include "model/deputy/deputy.h"
#include "model/core/user.h"
#include "model/sync/sync.h"
#include "modules.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/rng.h"
#include "util/xalloc.h"

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "沈", "顾", "陆", "钱", "蒋", "姚", "褚", "戴", "屠", "金", "俞", "费", "施", "潘", "范",
};
static const char *const given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "斌", "辉", "鹏",
    "晓", "红", "玲", "雪", "梅", "琳", "婷", "燕", "峰", "浩", "宇", "欣", "嘉", "佳", "卫",
    "新", "海", "林", "春", "志", "永", "忠", "宏", "兴", "荣", "德", "学", "晨", "悦", "航",
};
static const char *const parties[] = {
    "中共党员", "中共党员", "中共党员", "中共党员",   "中共党员",   "中共党员",     "中共党员",
    "中共党员", "中共党员", "群众",     "群众",       "群众",       "群众",         "民革党员",
    "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员", "九三学社社员",
};
static const char *const jobs[] = {
    "%s党（工）委书记",
    "%s经济发展服务中心主任",
    "%s村党组织书记",
    "%s社区居委会主任",
    "平湖市第一人民医院医生",
    "平湖中学教师",
    "浙江%s实业有限公司董事长",
    "%s农业专业合作社社长",
    "%s卫生院院长",
    "平湖市%s小学校长",
    "个体工商户",
    "嘉兴港区%s物流有限公司总经理",
    "%s农民",
    "平湖市市场监督管理局%s市场监管所所长",
    "%s服装有限公司工人",
    "%s律师事务所律师",
};
static const char *const ethnic[] = {"汉族", "汉族", "汉族", "汉族", "汉族",
                                     "汉族", "回族", "满族", "畲族"};

#define PICK(a) rng_pick(&d->r, a, (uint32_t)(sizeof a / sizeof a[0]))

void demo_person(struct demo_gen *d, char *out, size_t n)
{
	if (rng_below(&d->r, 3))
		snprintf(out, n, "%s%s%s", PICK(surnames), PICK(given), PICK(given));
	else
		snprintf(out, n, "%s%s", PICK(surnames), PICK(given));
}

void demo_resident_id(struct demo_gen *d, int born, bool male, char out[19])
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int y, m, dd;
	date_to_ymd(born, &y, &m, &dd);
	unsigned seq = rng_below(&d->r, 100) * 10 + rng_below(&d->r, 5) * 2 + (male ? 1 : 0);
	snprintf(out, 19, "330482%04u%02u%02u%03u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)dd % 100u, seq % 1000u);
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * weight[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

void demo_mobile(struct demo_gen *d, char out[12])
{
	static const char *const pre[] = {"138", "139", "135", "137", "150", "151", "152", "157",
	                                  "158", "159", "182", "187", "188", "133", "153", "180",
	                                  "189", "130", "131", "132", "155", "156", "185", "186"};
	snprintf(out, 12, "%s%04u%04u", PICK(pre), rng_below(&d->r, 10000),
	         rng_below(&d->r, 10000));
}

struct townrow {
	int64_t id;
	char *name;
	bool is_town;
};

static int load_towns(struct demo_gen *d, struct townrow **out, int *n)
{
	sqlite3_stmt *st =
	    db_prepare(d->db, "SELECT id, name, kind FROM town ORDER BY sort, id", "");
	if (!st)
		return RD_FAIL;
	struct townrow *t = NULL;
	int k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = xrealloc(t, sizeof *t * (size_t)(k + 1));
		t[k].id = sqlite3_column_int64(st, 0);
		t[k].name = db_col_dup(st, 1);
		t[k].is_town = !strcmp(db_col(st, 2), "town");
		k++;
	}
	sqlite3_finalize(st);
	*out = t;
	*n = k;
	return RD_OK;
}

static void free_towns(struct townrow *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

/* A random group or station of the town (name), or NULL. */
static char *random_of_town(struct demo_gen *d, const char *table, int64_t town)
{
	char sql[128];
	snprintf(sql, sizeof sql,
	         "SELECT name FROM %s WHERE town_id = ? ORDER BY id LIMIT 1 OFFSET ?", table);
	int64_t cnt = 0;
	char csql[96];
	snprintf(csql, sizeof csql, "SELECT count(*) FROM %s WHERE town_id = ?", table);
	if (db_int(d->db, &cnt, csql, "i", town) || cnt == 0)
		return NULL;
	char *name = NULL;
	db_text(d->db, &name, sql, "ii", town, (int64_t)rng_below(&d->r, (uint32_t)cnt));
	return name;
}

static int add_deputy(struct demo_gen *d, const struct townrow *t, const char *level)
{
	char name[32], rid[19], phone[12], job[160], term[8] = "C17";
	demo_person(d, name, sizeof name);
	bool male = rng_below(&d->r, 100) < 68;
	int born = date_from_ymd(1958, 1, 1) + (int)rng_below(&d->r, 365 * 40);
	demo_resident_id(d, born, male, rid);
	demo_mobile(d, phone);
	/* The job templates take the town's name where they have a %s. */
	const char *tpl = PICK(jobs), *hole = strstr(tpl, "%s");
	if (hole)
		snprintf(job, sizeof job, "%.*s%s%s", (int)(hole - tpl), tpl, t->name, hole + 2);
	else
		snprintf(job, sizeof job, "%s", tpl);
	char *group = random_of_town(d, "deputy_group", t->id);
	char *station = random_of_town(d, "station", t->id);
	char constituency[64];
	snprintf(constituency, sizeof constituency, "%s第%u选区", t->name,
	         1 + rng_below(&d->r, 12));
	const char *vals[DF_COUNT] = {0};
	vals[DF_NAME] = name;
	vals[DF_ETHNICITY] = PICK(ethnic);
	vals[DF_PARTY] = PICK(parties);
	vals[DF_OCCUPATION] = job;
	vals[DF_PHONE] = phone;
	vals[DF_RESIDENT_ID] = rid;
	vals[DF_LEVEL] = level;
	vals[DF_TOWN] = t->name;
	vals[DF_CONSTITUENCY] = constituency;
	vals[DF_GROUP] = !strcmp(level, "city") ? group : NULL;
	vals[DF_STATION] = station;
	/* A town deputy belongs to the town congress's latest term, when data/ref has it. */
	char *town_term = NULL;
	if (strcmp(level, "city"))
		db_text(d->db, &town_term,
		        "SELECT code FROM term WHERE town_id = ? ORDER BY start_date DESC LIMIT 1",
		        "i", t->id);
	vals[DF_TERM] = !strcmp(level, "city") ? term : town_term;
	int64_t id;
	int rc = deputy_add(d->db, &d->sc, vals, &id);
	/* A generated ID may repeat one already drawn; draw again. */
	if (rc == RD_INVALID && strstr(err_msg(), "resident_id"))
		rc = RD_OK;
	free(group);
	free(station);
	free(town_term);
	return rc;
}

static int gen_deputies(struct demo_gen *d)
{
	struct townrow *t;
	int n;
	if (load_towns(d, &t, &n))
		return RD_FAIL;
	int rc = RD_OK;
	/* About 250 city-level deputies, spread over the towns by constituency (the roster
	   does not grow with --scale: a county has the deputies it has). */
	for (int i = 0; !rc && i < 250; i++)
		rc = add_deputy(d, &t[rng_below(&d->r, (uint32_t)n)], "city");
	/* Each town (not the streets) has its own congress of 60 to 100 deputies. */
	for (int k = 0; !rc && k < n; k++) {
		if (!t[k].is_town)
			continue;
		int cnt = 60 + (int)rng_below(&d->r, 41);
		for (int i = 0; !rc && i < cnt; i++)
			rc = add_deputy(d, &t[k], "town");
	}
	/* A few have left office. */
	sqlite3_stmt *st =
	    rc ? NULL : db_prepare(d->db, "SELECT id, version FROM deputy ORDER BY id", "");
	while (st && !rc && sqlite3_step(st) == SQLITE_ROW)
		if (rng_below(&d->r, 100) < 2) {
			char day[11];
			date_format(date_from_ymd(2023, 1, 1) + (int)rng_below(&d->r, 900), day);
			rc = deputy_leave(d->db, &d->sc, sqlite3_column_int64(st, 0),
			                  sqlite3_column_int64(st, 1), day, "工作调动");
		}
	sqlite3_finalize(st);
	free_towns(t, n);
	return rc;
}

static int gen_users(struct demo_gen *d)
{
	struct townrow *t;
	int n;
	if (load_towns(d, &t, &n))
		return RD_FAIL;
	static const struct {
		const char *login, *name;
		enum role role;
		const char *unit;
	} fixed[] = {
	    {"dbgw1", "沈建华", ROLE_CITY_CLERK, NULL}, {"dbgw2", "顾晓燕", ROLE_CITY_CLERK, NULL},
	    {"bgs1", "陆明", ROLE_VIEWER, NULL},        {"cjw1", "钱佳", ROLE_VIEWER, NULL},
	    {"zjj1", "金卫东", ROLE_UNIT, "D-JSJ"},     {"jyj1", "俞婷", ROLE_UNIT, "D-JYJ"},
	    {"nyj1", "施永忠", ROLE_UNIT, "D-NYJ"},     {"jtj1", "潘浩", ROLE_UNIT, "D-JTJ"},
	};
	int rc = RD_OK;
	int64_t id;
	for (size_t i = 0; !rc && i < sizeof fixed / sizeof fixed[0]; i++) {
		struct user_spec u = {fixed[i].login, fixed[i].name, fixed[i].role, NULL,
		                      fixed[i].unit};
		rc = user_add(d->db, &d->sc, &u, &id);
	}
	for (int k = 0; !rc && k < n; k++) {
		char login[32], name[32];
		snprintf(login, sizeof login, "town%d", k + 1);
		demo_person(d, name, sizeof name);
		struct user_spec u = {login, name, ROLE_TOWN_CLERK, t[k].name, NULL};
		rc = user_add(d->db, &d->sc, &u, &id);
	}
	free_towns(t, n);
	return rc;
}

int demo_index_defer(struct demo_gen *d, const char *table, const char *const *keep,
                     struct sbuf *saved)
{
	sqlite3_stmt *st = db_prepare(d->db,
	                              "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
	                              "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
	                              "t", table);
	return st ? db_defer(d->db, st, "INDEX", keep, saved, table) : RD_FAIL;
}

int demo_index_build(struct demo_gen *d, struct sbuf *saved)
{
	return db_deferred_make(d->db, saved);
}

/*
 * The journal the demo is written with. A new file that is of no use half made (a
 * failed demo is removed; a stopped one is its caller's to remove: demo_opts.created)
 * is written without the log: a rollback journal in memory, pages written in place
 * and not synced. The log doubled what the demo wrote (each page to the log, then
 * back into the file) and every page read looked in it first (at scale 100: 206 s ->
 * 173 s). Once whole, the file is synced and goes back to the log, as every renda
 * database is kept.
 */
static int journal(sqlite3 *db, bool building)
{
	char *mode = NULL;
	int rc = db_exec(db, building ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL");
	if (!rc)
		rc = db_text(
		    db, &mode,
		    building ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL", "");
	/* Another connection on the file keeps the log: the demo is then only slower. */
	if (!rc && !building && strcmp(mode ? mode : "", "wal"))
		rc = err_set(RD_FAIL, _("the demo database could not be put back in WAL mode (%s)"),
		             mode ? mode : "");
	free(mode);
	/* The file synced as the mode changes (or, had it kept the log, as it closes). */
	return rc;
}

/* The generators, in order; each module adds its own. */
static const struct {
	const char *what;
	int (*gen)(struct demo_gen *d);
} generators[] = {
    {N_("accounts"), gen_users},
    {N_("deputies"), gen_deputies},
};

static int build_city(const char *path, const struct demo_opts *o);

/*
 * A town's own database: made as a real town's is (renda init --site), then filled by
 * the city's first exchange file for the town, written by a city's demo made beside it
 * for the purpose (the reference data and rules, the town's deputies and their records),
 * with the town's clerks' accounts of that demo; that city's files go once it is applied.
 */
static int build_site(const char *path, const struct demo_opts *o)
{
	char *city = xasprintf("%s.city-demo", path), *key = xasprintf("%s.sync-key", city),
	     *file = xasprintf("%s.sync", city);
	sqlite3 *town_db = NULL, *city_db = NULL;
	struct scope sc;
	scope_system(&sc);
	int town = 0, city_site = 0;
	struct sync_report rep;
	/* What is made beside it is removed at the end: never a file that was there before. */
	const char *beside[] = {city, key, file};
	int rc = RD_OK;
	for (int i = 0; !rc && i < N_OF(beside); i++)
		for (size_t k = 0; !rc && admin_file_suffixes[k]; k++) {
			char *f = xasprintf("%s%s", beside[i], admin_file_suffixes[k]);
			if (!access(f, F_OK))
				rc =
				    err_set(RD_EXISTS,
				            _("%s already exists; the town's demo makes the city's "
				              "demo there while it works: move it away first"),
				            f);
			free(f);
		}
	if (!rc)
		rc = admin_init(path, o->site, &town_db);
	/* Only files made here are removed on failure: an existing database is refused as is. */
	bool made = !rc, city_made = false;
	if (!rc && o->created) {
		o->created(path);
		o->created(key);
		o->created(file);
	}
	struct demo_opts co = *o;
	co.site = NULL;
	if (made) {
		rc = build_city(city, &co);
		city_made = !rc; /* a demo that fails removes its own files */
	}
	if (!rc && o->progress)
		fprintf(o->progress, _("demo: the city's exchange file for %s...\n"), o->site);
	if (!rc)
		rc = db_open(city, &city_db);
	if (!rc)
		rc = sync_site_named(city_db, o->site, &town);
	if (!rc)
		rc = sync_key_make(city_db, &sc, town, key, true);
	if (!rc)
		rc = sync_key_load(town_db, &sc, key, &city_site);
	if (!rc)
		rc = sync_export(city_db, &sc, town, file, true, 0, &rep);
	if (!rc)
		rc = sync_apply(town_db, &sc, file, &rep);
	/* The town's clerks, as the city's demo has them (accounts do not travel). */
	sqlite3_stmt *st = rc ? NULL
	                      : db_prepare(city_db,
	                                   "SELECT login, name FROM app_user WHERE role = "
	                                   "'town-clerk' AND town_id = ? ORDER BY id",
	                                   "i", (int64_t)town);
	if (!rc && !st)
		rc = RD_FAIL;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct user_spec u = {db_col(st, 0), db_col(st, 1), ROLE_TOWN_CLERK, o->site, NULL};
		int64_t id;
		rc = user_add(town_db, &sc, &u, &id);
	}
	sqlite3_finalize(st);
	db_close(city_db);
	db_close(town_db);
	char saved[1024];
	snprintf(saved, sizeof saved, "%s", rc ? err_msg() : "");
	if (city_made) {
		admin_remove_files(city);
		unlink(key);
		unlink(file);
	}
	if (rc && made)
		admin_remove_files(path);
	if (rc)
		err_set(rc, "%s", saved);
	scope_free(&sc);
	free(city);
	free(key);
	free(file);
	return rc;
}

int demo_build(const char *path, const struct demo_opts *o)
{
	return o->site ? build_site(path, o) : build_city(path, o);
}

/* The city's own database, filled. */
static int build_city(const char *path, const struct demo_opts *o)
{
	struct demo_gen d = {.scale = o->scale};
	rng_seed(&d.r, o->seed);
	/* The demo allocates and frees SQLite's pages and statements by the million: freed
	   memory stays with the process instead of going back to the system and being
	   faulted in again each time (glibc's default gives back what passes 128 KiB). */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	int rc = admin_init(path, NULL, &d.db);
	if (rc)
		return rc;
	if (o->created)
		o->created(path);
	rc = journal(d.db, true);
	scope_system(&d.sc);
	deputy_code_rng(&d.r);
	for (size_t i = 0; !rc && i < sizeof generators / sizeof generators[0]; i++) {
		if (o->progress)
			fprintf(o->progress, _("demo: %s...\n"), _(generators[i].what));
		rc = generators[i].gen(&d);
	}
	/* Then each module's records, in the order of the registry; the indexes of the steps
	   and the audit trail that no step reads through are built once they are written. */
	static const char *const steps_read[] = {"wf_event_item", NULL};
	/* The clocks are read by item (a step's running clocks), the motions and suggestions
	   by id and by the item they were merged into (a reply owed to its deputies), the
	   units of an item by its key (the item first): their other indexes serve lists and
	   statistics. */
	static const char *const clocks_read[] = {"wf_clock_item", "wf_clock_open", NULL};
	static const char *const items_read[] = {"suggestion_merged", NULL};
	struct sbuf later = SBUF_INIT;
	if (!rc)
		rc = demo_index_defer(&d, "wf_event", steps_read, &later);
	if (!rc)
		rc = demo_index_defer(&d, "wf_clock", clocks_read, &later);
	if (!rc)
		rc = demo_index_defer(&d, "suggestion", items_read, &later);
	if (!rc)
		rc = demo_index_defer(&d, "vcase_unit", NULL, &later);
	if (!rc)
		rc = demo_index_defer(&d, "suggestion_unit", NULL, &later);
	if (!rc)
		rc = demo_index_defer(&d, "audit", NULL, &later);
	/* The triggers that delete the cockpit's kept figures (schema 24) on every change: there
	   are none while the demo is made, the triggers come back once it is. */
	if (!rc) {
		sqlite3_stmt *kept = db_prepare(d.db,
		                                "SELECT name, sql FROM sqlite_schema WHERE type = "
		                                "'trigger' AND name GLOB 'kept_*' ORDER BY name",
		                                "");
		rc = kept ? db_defer(d.db, kept, "TRIGGER", NULL, &later, "cockpit_kept") : RD_FAIL;
	}
	for (int i = 0; !rc && i < nmodules; i++) {
		if (!modules[i].demo)
			continue;
		if (o->progress)
			fprintf(o->progress, _("demo: %s...\n"), _(modules[i].items));
		rc = modules[i].demo(&d);
	}
	if (!rc)
		rc = demo_index_build(&d, &later);
	sbuf_free(&later);
	if (!rc)
		rc = journal(d.db, false);
	deputy_code_rng(NULL);
	db_close(d.db);
	if (rc) {
		/* A half-made demo is of no use to anyone. */
		char saved[1024];
		snprintf(saved, sizeof saved, "%s", err_msg());
		admin_remove_files(path);
		err_set(rc, "%s", saved);
	}
	return rc;
}
