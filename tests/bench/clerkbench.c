/*
 * make bench helper (tests/bench/scale.sh): eight clerks saving at once from the
 * console. Each clerk is a process of its own with its own connection, opened once
 * as the console opens it; all start together (a pipe releases them) and chase their
 * own voter issues one after the other, through the same model call the console's
 * step form makes (flow_act). Every save is timed whole: lock wait, work, commit.
 * The first save of each clerk is cold (no statement prepared yet), as a session's is.
 * Prints "p50 MS p90 MS p99 MS max MS saves N failed N" (a failed save: its message on
 * standard error, e.g. the database busy past the wait), and for --commands and --bare
 * (below) " cpu MS", the processor time of a command (user and system).
 * Usage: clerkbench DB IDFILE CLERKS (IDFILE: one voter issue id a line, CLERKS x 10)
 *
 * clerkbench --commands RENDA IDFILE CLERKS LOG: the same chases as commands, a process
 * each (renda case act ID chase, on the database RENDA_DB names): each clerk runs its
 * commands one after the other, ROUNDS times over its cases, and times each from its
 * start to its end, as a clerk's script would wait for it, without a shell between (a
 * shell's own processes would take the processors the clerks share). Each clerk's
 * commands write their standard error to LOG.N (RENDA_TIMING there says where their time
 * went).
 *
 * clerkbench --bare SQLITE3 IDFILE CLERKS DB: the anchor of --commands, the same clerks
 * and rounds making the same writes through the sqlite3 shell, a process each: a step
 * and the case's new version in one transaction (BEGIN IMMEDIATE, a busy wait of 5 s),
 * the schema's triggers firing as for renda's; no audit row (it needs the audit key).
 * What renda adds to a write command is the difference.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/case/case.h"
#include "model/core/db.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"
#include "util/conf.h"
#include "util/err.h"

#define SAVES 10 /* a clerk's */
#define ROUNDS                                                                                     \
	5 /* --commands: times over its cases (a p99 of 400 commands, not the slowest of 80) */
#define CLERKS 16 /* at most */

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* One clerk: opens the database, waits for the start, saves its chases and writes
   each save's milliseconds to out (a negative figure for a failed save). */
static int clerk(const char *path, const int64_t *ids, int start, int out)
{
	sqlite3 *db;
	struct scope sc;
	if (conf_load(NULL) || db_open(path, &db) || scope_load(db, &sc)) {
		fprintf(stderr, "clerkbench: %s\n", err_msg());
		return 1;
	}
	char go;
	if (read(start, &go, 1) != 1)
		return 1;
	double ms[SAVES];
	for (int i = 0; i < SAVES; i++) {
		struct flow_args a = {.text = "请加快办理"};
		double t0 = now_ms();
		int rc = flow_act(db, &sc, &case_flow, ids[i], "chase", &a);
		ms[i] = now_ms() - t0;
		if (rc) {
			fprintf(stderr, "clerkbench: #%lld: %s\n", (long long)ids[i], err_msg());
			ms[i] = -ms[i] - 1;
		}
	}
	scope_free(&sc);
	db_close(db);
	return write(out, ms, sizeof ms) == (ssize_t)sizeof ms ? 0 : 1;
}

/* The bare writes of a chase of case id, for the sqlite3 shell (caller frees). */
static char *bare_sql(const char *id)
{
	char *sql = NULL;
	if (asprintf(&sql,
	             ".timeout 5000\n"
	             "BEGIN IMMEDIATE;\n"
	             "INSERT INTO wf_event (workflow, item_id, at, account, role, action, "
	             "from_state, to_state, text) SELECT 'case', id, strftime('%%Y-%%m-%%dT%%H:%%M:"
	             "%%S+08:00', 'now', '+8 hours'), 'bench', 'admin', 'chase', state, state, "
	             "'请加快办理' FROM vcase WHERE id = %s;\n"
	             "UPDATE vcase SET version = version + 1, updated_at = strftime('%%Y-%%m-%%dT"
	             "%%H:%%M:%%S+08:00', 'now', '+8 hours') WHERE id = %s;\n"
	             "COMMIT;\n",
	             id, id) < 0)
		return NULL;
	return sql;
}

/* One clerk of --commands (or --bare, when bare names the database): its chases as
   commands of renda (or writes of the sqlite3 shell), timed whole. */
static int clerk_commands(const char *renda, const int64_t *ids, int start, int out,
                          const char *log, const char *bare)
{
	char go;
	if (read(start, &go, 1) != 1)
		return 1;
	double ms[SAVES * ROUNDS];
	for (int i = 0; i < SAVES * ROUNDS; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)ids[i % SAVES]);
		char *sql = bare ? bare_sql(id) : NULL;
		if (bare && !sql)
			return 1;
		double t0 = now_ms();
		pid_t p = fork();
		if (p == 0) {
			int null = open("/dev/null", O_WRONLY),
			    err = log ? open(log, O_WRONLY | O_CREAT | O_APPEND, 0600) : 2;
			if (null < 0 || err < 0 || dup2(null, 1) < 0 || dup2(err, 2) < 0)
				_exit(127);
			if (bare)
				execl(renda, renda, "-batch", "-bail", bare, sql, (char *)NULL);
			else
				execl(renda, renda, "case", "act", id, "chase", "--text",
				      "请加快办理", (char *)NULL);
			_exit(127);
		}
		free(sql);
		int st = 0;
		bool done = p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) && !WEXITSTATUS(st);
		ms[i] = now_ms() - t0;
		if (!done)
			ms[i] = -ms[i] - 1;
	}
	return write(out, ms, sizeof ms) == (ssize_t)sizeof ms ? 0 : 1;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *renda = NULL, *log = NULL, *bare = NULL;
	if (argc == 6 && (!strcmp(argv[1], "--commands") || !strcmp(argv[1], "--bare"))) {
		renda = argv[2];
		if (!strcmp(argv[1], "--bare"))
			bare = argv[5];
		else
			log = argv[5];
		argv += 1; /* argv[2] and argv[3]: IDFILE and CLERKS, as below */
		argc = 4;
	}
	int n = argc == 4 ? atoi(argv[3]) : 0;
	if (n < 1 || n > CLERKS) {
		fprintf(stderr,
		        "usage: clerkbench DB IDFILE CLERKS, clerkbench --commands RENDA IDFILE "
		        "CLERKS LOG or clerkbench --bare SQLITE3 IDFILE CLERKS DB (CLERKS: 1 to "
		        "%d)\n",
		        CLERKS);
		return 2;
	}
	int64_t ids[CLERKS * SAVES];
	FILE *f = fopen(argv[2], "r");
	int nids = 0;
	long long v;
	while (f && nids < n * SAVES && fscanf(f, "%lld", &v) == 1)
		ids[nids++] = v;
	if (f)
		fclose(f);
	if (nids < n * SAVES) {
		fprintf(stderr, "clerkbench: %s: %d ids, %d wanted\n", argv[2], nids, n * SAVES);
		return 1;
	}
	int start[2], res[2];
	if (pipe(start) || pipe(res)) {
		fprintf(stderr, "clerkbench: pipe: %s\n", strerror(errno));
		return 1;
	}
	for (int c = 0; c < n; c++) {
		pid_t p = fork();
		if (p == 0) {
			close(start[1]);
			close(res[0]);
			if (renda) {
				char *name = NULL;
				if (!bare && asprintf(&name, "%s.%d", log, c) < 0)
					_exit(1);
				_exit(clerk_commands(renda, ids + c * SAVES, start[0], res[1], name,
				                     bare));
			}
			_exit(clerk(argv[1], ids + c * SAVES, start[0], res[1]));
		}
		if (p < 0) {
			fprintf(stderr, "clerkbench: fork: %s\n", strerror(errno));
			return 1;
		}
	}
	close(start[0]);
	close(res[1]);
	/* The clerks open their databases first (a console is open before its save). */
	if (!renda)
		sleep(1);
	char go[CLERKS] = {0};
	if (write(start[1], go, (size_t)n) != n)
		return 1;
	double all[CLERKS * SAVES * ROUNDS];
	int each = renda ? SAVES * ROUNDS : SAVES, got = 0;
	ssize_t r;
	char *p = (char *)all;
	while (got < (int)sizeof(double) * n * each &&
	       (r = read(res[0], p + got, sizeof(double) * (size_t)(n * each) - (size_t)got)) > 0)
		got += (int)r;
	int failed = 0;
	for (int c = 0; c < n; c++) {
		int st;
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
	}
	int m = got / (int)sizeof(double), bad = 0, k = 0;
	for (int i = 0; i < m; i++) {
		if (all[i] < 0)
			bad++;
		else
			all[k++] = all[i];
	}
	if (!k || failed) {
		fprintf(stderr, "clerkbench: %d of %d clerks failed\n", failed, n);
		return 1;
	}
	qsort(all, (size_t)k, sizeof all[0], by_value);
	printf("p50 %.1f p90 %.1f p99 %.1f max %.1f saves %d failed %d", all[(k + 1) / 2 - 1],
	       all[(k * 9 + 9) / 10 - 1], all[(k * 99 + 99) / 100 - 1], all[k - 1], k, bad);
	/* The processor time of a command: the clerks' and the commands' they waited for
	   (RUSAGE_CHILDREN counts every descendant waited for), shared by the commands. */
	struct rusage ru;
	if (renda && !getrusage(RUSAGE_CHILDREN, &ru))
		printf(" cpu %.1f",
		       ((double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec) * 1000.0 / m +
		           ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1000.0 /
		               m);
	putchar('\n');
	return 0;
}
