/*
 * The verbs every module of the registry (src/modules.h) gets on the command
 * line: NAME list (its filters as options), NAME show, NAME history, NAME
 * clocks (its deadlines) and NAME act (the workflow's steps). cli.c gathers them with the modules'
 * own commands; a module's command file holds only what is special to it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/module.h"
#include "model/core/pager.h"
#include "model/core/vocab.h"
#include "model/core/work.h"
#include "model/flow/flow.h"
#include "modules.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static struct cli_cmd *verbs[64];

/* The module of a verb: the one whose verbs hold the command. */
static const struct module *mod(const struct cli_ctx *ctx)
{
	for (int k = 0; k < nmodules; k++)
		for (const struct cli_cmd *c = verbs[k]; c && c->name; c++)
			if (c == ctx->cmd)
				return &modules[k];
	return NULL;
}

/* Finds the record named by ref in scope. */
static int find(struct cli_ctx *ctx, const char *ref, int64_t *id)
{
	return mod(ctx)->model->find(ctx->db, &ctx->sc, ref, id);
}

static char *actions_of(const struct wf_def *w);

/* ---- list ------------------------------------------------------------------ */

enum { OPT_LIMIT = 'l', OPT_FORMAT = 'f', OPT_FILTER = 256 };

/*
 * A list by a pattern may have to try the pattern on every record: on a terminal a
 * line on standard error says how long it has run, and [search] pattern_seconds stops
 * it (the list then fails with a message saying so).
 */
static struct {
	double start;
	int shown; /* seconds last shown on the terminal, 0: none */
	bool over;
} scan;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int scan_tick(void *ctx)
{
	(void)ctx;
	double t = now_s() - scan.start;
	if (t >= conf.pattern_seconds) {
		scan.over = true;
		return 1;
	}
	if ((int)t > scan.shown && isatty(STDERR_FILENO)) {
		scan.shown = (int)t;
		fprintf(stderr,
		        _("\rrenda: trying the pattern on every record: %d s (at most %d s)"),
		        scan.shown, conf.pattern_seconds);
		fflush(stderr);
	}
	return 0;
}

static int verb_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct mod_model *m = mod(ctx)->model;
	struct option *opts = xcalloc((size_t)m->nfilters + 3, sizeof *opts);
	for (int i = 0; i < m->nfilters; i++)
		opts[i] =
		    (struct option){m->filters[i].opt,
		                    m->filters[i].type == MF_FLAG ? no_argument : required_argument,
		                    NULL, OPT_FILTER + i};
	opts[m->nfilters] = (struct option){"limit", required_argument, NULL, OPT_LIMIT};
	opts[m->nfilters + 1] = (struct option){"format", required_argument, NULL, OPT_FORMAT};
	struct filter f = {0};
	enum out_format fmt = OUT_TSV;
	long limit = 0;
	long long v;
	int c, rc = EXIT_OK;
	while (!rc && (c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c >= OPT_FILTER) {
			const struct mod_filter *mf = &m->filters[c - OPT_FILTER];
			if (mf->type == MF_YEAR &&
			    (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998))
				rc = cli_usage(ctx, _("--%s takes a year such as 2026"), mf->opt);
			filter_set(&f, mf->key, mf->type == MF_FLAG ? "1" : optarg);
		} else if (c == OPT_LIMIT) {
			if (!cli_parse_id(optarg, &v) || v > 100000000)
				rc = cli_usage(ctx, _("--limit takes a positive number"));
			limit = (long)v;
		} else if (c == OPT_FORMAT) {
			if (!out_parse_format(optarg, &fmt))
				rc = cli_usage(ctx, _("--format must be tsv, csv or json"));
		} else
			rc = EXIT_USAGE;
	}
	free(opts);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	struct pager *p;
	if (m->listing(ctx->db, &ctx->sc, &f, &p))
		return cli_fail();
	struct out o;
	bool pattern = filter_get(&f, "regex") && *filter_get(&f, "regex");
	if (pattern) {
		scan.start = now_s();
		scan.shown = 0;
		scan.over = false;
		work_begin(ctx->db, scan_tick, NULL);
	}
	out_begin(&o, stdout, fmt, m->list_keys, m->nlist_keys);
	rc = out_pager(&o, p, limit);
	out_end(&o);
	if (pattern) {
		work_end(ctx->db);
		if (scan.shown)
			fputc('\n', stderr);
		if (rc && scan.over)
			err_set(
			    RD_FAIL,
			    _("regex: the pattern was tried on the records for %d s and stopped "
			      "([search] pattern_seconds): give a pattern with a word every match "
			      "holds, or narrow the list"),
			    conf.pattern_seconds);
	}
	pager_free(p);
	return rc ? cli_fail() : EXIT_OK;
}

/* ---- show, history ------------------------------------------------------------ */

static int verb_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one record by its number or id"));
	int64_t id;
	struct tbl t;
	if (find(ctx, argv[1], &id) || mod(ctx)->model->record(ctx->db, &ctx->sc, id, &t))
		return cli_fail();
	out_fields(stdout, t.keys, t.cells, t.ncols);
	tbl_free(&t);
	return EXIT_OK;
}

int cli_print_tbl(const struct tbl *t)
{
	struct out o;
	out_begin(&o, stdout, OUT_TSV, t->keys, t->ncols);
	for (int r = 0; r < t->nrows; r++)
		out_row(&o, (const char *const *)&t->cells[r * t->ncols]);
	out_end(&o);
	return EXIT_OK;
}

static int verb_history(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one record by its number or id"));
	int64_t id;
	struct tbl t;
	if (find(ctx, argv[1], &id) || flow_events(ctx->db, &ctx->sc, mod(ctx)->flow, id, &t))
		return cli_fail();
	cli_print_tbl(&t);
	tbl_free(&t);
	return EXIT_OK;
}

static int verb_clocks(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one record by its number or id"));
	int64_t id;
	struct tbl t;
	if (find(ctx, argv[1], &id) || flow_clocks(ctx->db, &ctx->sc, mod(ctx)->flow, id, &t))
		return cli_fail();
	cli_print_tbl(&t);
	tbl_free(&t);
	return EXIT_OK;
}

/* NAME PART REF: one of the record's sub-lists (its part of the page). */
static int verb_part(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one record by its number or id"));
	const struct mod_model *m = mod(ctx)->model;
	const char *part = ctx->cmd->name + strlen(module_words(mod(ctx))) + 1;
	int64_t id;
	struct tbl t;
	for (int i = 0; i < m->nparts; i++)
		if (!strcmp(m->parts[i].key, part)) {
			if (find(ctx, argv[1], &id) || m->parts[i].read(ctx->db, &ctx->sc, id, &t))
				return cli_fail();
			cli_print_tbl(&t);
			tbl_free(&t);
			return EXIT_OK;
		}
	return cli_usage(ctx, _("no part '%s'"), part);
}

/* ---- act ------------------------------------------------------------------------ */

int cli_act_options(struct cli_ctx *ctx, int argc, char **argv, struct cli_act *o)
{
	static const struct option opts[] = {
	    {"text", required_argument, NULL, 'x'},
	    {"unit", required_argument, NULL, 'u'},
	    {"support", required_argument, NULL, 's'},
	    {"deputy", required_argument, NULL, 'd'},
	    {"answer", required_argument, NULL, 'a'},
	    {"confirm", no_argument, NULL, 'Y'},
	    {"decline", no_argument, NULL, 'N'},
	    {"eval", required_argument, NULL, 'e'},
	    {"class", required_argument, NULL, 'c'},
	    {"into", required_argument, NULL, 'i'},
	    {"until", required_argument, NULL, 'U'},
	    {"date", required_argument, NULL, 'D'},
	    {"place", required_argument, NULL, 'P'},
	    {"deputies", required_argument, NULL, 'm'},
	    {"level", required_argument, NULL, 'L'},
	    {"private", no_argument, NULL, 'p'},
	    {"version", required_argument, NULL, 'v'},
	    {"set", required_argument, NULL, 'S'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->a.support = o->support;
	o->a.deputies = o->deputies;
	o->a.names = o->names;
	o->a.values = o->values;
	long long version;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'x': o->a.text = optarg; break;
		case 'u': o->a.unit = optarg; break;
		case 's':
			if (o->a.nsupport >= CLI_MAX_NAMED)
				return cli_usage(ctx, _("at most %d supporting units"),
				                 CLI_MAX_NAMED);
			o->support[o->a.nsupport++] = optarg;
			break;
		case 'd':
			if (o->a.ndeputies >= CLI_MAX_NAMED)
				return cli_usage(ctx, _("at most %d deputies at once"),
				                 CLI_MAX_NAMED);
			o->deputies[o->a.ndeputies++] = optarg;
			break;
		case 'a': o->a.answer = optarg; break;
		case 'Y': o->a.answer = "confirm"; break;
		case 'N': o->a.answer = "decline"; break;
		case 'e': o->a.eval = optarg; break;
		case 'c': o->a.result_class = optarg; break;
		case 'i': o->a.into = optarg; break;
		case 'U':
		case 'D': o->a.date = optarg; break;
		case 'P': o->a.place = optarg; break;
		case 'm': o->a.attendees = optarg; break;
		case 'L': o->a.level = optarg; break;
		case 'p': o->a.private_text = true; break;
		case 'S': {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return cli_usage(
				    ctx, _("--set takes KEY=VALUE, a field of the step's form"));
			if (o->a.nvalues >= CLI_MAX_NAMED)
				return cli_usage(ctx, _("at most %d values with --set"),
				                 CLI_MAX_NAMED);
			*eq = '\0'; /* the key ends there; argv's strings are ours to change */
			o->names[o->a.nvalues] = optarg;
			o->values[o->a.nvalues++] = eq + 1;
			break;
		}
		case 'v':
			if (!cli_parse_id(optarg, &version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			o->a.version = version;
			break;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

int cli_module_act(struct cli_ctx *ctx, const struct module *m, const char *ref, const char *action,
                   const struct flow_args *a)
{
	int64_t id;
	if (m->model->find(ctx->db, &ctx->sc, ref, &id) ||
	    flow_act(ctx->db, &ctx->sc, m->flow, id, action, a))
		return cli_fail();
	/* The state and number the step left: through the workflow's own read where it gives
	   the number (one short statement), else from the whole record. */
	char *state = NULL, *number = NULL;
	if (m->flow->number_of) {
		struct flow_item it;
		if (!m->flow->read(ctx->db, &ctx->sc, id, &it)) {
			state = xstrdup(it.state);
			number = m->flow->number_of(&it);
		}
		m->flow->release(&it);
	} else {
		struct tbl t;
		if (!m->model->record(ctx->db, &ctx->sc, id, &t)) {
			state = xstrdup(tbl_get(&t, 0, "state"));
			number = xstrdup(tbl_get(&t, 0, m->model->number_key));
			tbl_free(&t);
		}
	}
	action = vocab_out("action", action);
	if (!state) {
		/* A unit that returned the record no longer sees it. */
		err_clear();
		printf(_("%s: %s\n"), ref, action);
	} else if (*number && strcmp(number, ref))
		printf(_("%s: %s, now %s (%s)\n"), ref, action, vocab_out("state", state), number);
	else
		printf(_("%s: %s, now %s\n"), ref, action, vocab_out("state", state));
	free(state);
	free(number);
	return EXIT_OK;
}

static int verb_act(struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_act o;
	int rc = cli_act_options(ctx, argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc - 2)
		return cli_usage(ctx, _("name a record and an ACTION"));
	const struct wf_def *w = mod(ctx)->flow;
	const char *action = argv[optind + 1];
	const struct wf_trans *t = flow_row(w, action, NULL);
	if (!t || !*t->from) {
		char *acts = actions_of(w);
		rc = cli_usage(ctx, _("unknown action '%s' (one of %s)"), action, acts);
		free(acts);
		return rc;
	}
	return cli_module_act(ctx, mod(ctx), argv[optind], action, &o.a);
}

/* ---- the commands, built once from the registry --------------------------------- */

/* The usage of list: the module's filters as options. A new string. */
static char *list_usage(const struct mod_model *m)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < m->nfilters; i++) {
		const struct mod_filter *f = &m->filters[i];
		if (f->type == MF_FLAG)
			sbuf_printf(&b, "[--%s] ", f->opt);
		else
			sbuf_printf(&b, "[--%s %s] ", f->opt, _(f->arg));
	}
	sbuf_puts(&b, _("[--limit N] [--format tsv|csv|json]"));
	return sbuf_take(&b);
}

/* The usage of act: the options the workflow's rows need. A new string. */
static char *act_usage(const struct wf_def *w)
{
	unsigned needs = 0;
	for (int i = 0; i < w->ntrans; i++)
		needs |= w->trans[i].needs;
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, _("NUMBER|ID ACTION"));
	static const struct {
		unsigned need;
		const char *opts;
	} by_need[] = {
	    {WF_TEXT, "[--text T]"},
	    {WF_UNIT, "[--unit U] [--support U]..."},
	    {WF_LEVEL, "[--level city|town]"},
	    {WF_EVAL, "[--eval satisfied|basic|unsatisfied]"},
	    {WF_DEPUTY, "[--deputy CODE]... [--confirm|--decline]"},
	    {WF_ITEM, "[--into ITEM]"},
	    {WF_CLASS, "[--class C]"},
	    {WF_DATE, "[--until DATE] [--date DATE --place P --deputies NAMES]"},
	    {WF_FIELDS, "[--set KEY=VALUE]..."},
	};
	for (size_t i = 0; i < sizeof by_need / sizeof by_need[0]; i++)
		if (needs & by_need[i].need)
			sbuf_printf(&b, " %s", by_need[i].opts);
	if (needs & WF_TEXT)
		sbuf_puts(&b, " [--private]");
	sbuf_puts(&b, " [--version V]");
	return sbuf_take(&b);
}

/*
 * "deputy-reply, forward, ...": the actions of w but its creation, each with its
 * word where the messages are translated ("forward（转交审核）"). A new string.
 */
static char *actions_of(const struct wf_def *w)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < w->ntrans; i++) {
		const struct wf_trans *t = &w->trans[i];
		if (!*t->from || (i && !strcmp(t->action, w->trans[i - 1].action)))
			continue;
		if (b.len)
			sbuf_puts(&b, _(", "));
		const char *word = vocab_out("action", t->action);
		if (strcmp(word, t->action))
			sbuf_printf(&b, _("%s (%s)"), t->action, word);
		else
			sbuf_puts(&b, t->action);
	}
	return sbuf_take(&b);
}

/* (verbs: each module's verbs, ending in {NULL}, by the module's index in the registry.) */

/* Makes the usage and help of module k's verbs (all of them: one help needs them all). */
static void fill_texts(int k)
{
	const struct module *m = &modules[k];
	struct cli_cmd *v = verbs[k];
	if (!v || !m->model || v[0].help)
		return;
	const char *items = _(m->items);
	int n = 0;
	v[n].usage = list_usage(m->model);
	v[n++].help = xasprintf(_("list the %s in your scope, newest first"), items);
	v[n].usage = xstrdup(_("NUMBER|ID"));
	v[n++].help = xasprintf(_("show one of the %s"), items);
	for (int i = 0; i < m->model->nparts; i++) {
		v[n].usage = xstrdup(_("NUMBER|ID"));
		v[n++].help = xasprintf(_("%s: a sub-list of one of the %s"),
		                        _(m->model->parts[i].label), items);
	}
	if (!m->flow)
		return;
	v[n].usage = xstrdup(_("NUMBER|ID"));
	v[n++].help = xasprintf(_("every step of one of the %s: who, when, what"), items);
	v[n].usage = xstrdup(_("NUMBER|ID"));
	v[n++].help = xasprintf(
	    _("the deadlines of one of the %s: when each started, was due, stopped, and how"),
	    items);
	char *acts = actions_of(m->flow);
	v[n].usage = act_usage(m->flow);
	v[n++].help = xasprintf(_("take a workflow action: %s"), acts);
	free(acts);
}

void cli_module_fill(const struct cli_cmd *c)
{
	for (int k = 0; k < nmodules; k++)
		for (const struct cli_cmd *x = verbs[k]; x && x->name; x++)
			if (x == c) {
				fill_texts(k);
				return;
			}
}

/* The verbs' names only: their usage and help are made when first asked for. */
const struct cli_cmd *cli_module_verbs(const struct module *m)
{
	int k = (int)(m - modules);
	if (verbs[k])
		return verbs[k];
	struct cli_cmd *v = verbs[k] =
	    xcalloc(6 + (size_t)(m->model ? m->model->nparts : 0), sizeof *v);
	if (!m->model)
		return v;
	int n = 0;
	const char *words = module_words(m);
	v[n++] = (struct cli_cmd){
	    .name = xasprintf("%s list", words), .needs = NEEDS_SCOPE, .run = verb_list};
	v[n++] = (struct cli_cmd){
	    .name = xasprintf("%s show", words), .needs = NEEDS_SCOPE, .run = verb_show};
	for (int i = 0; i < m->model->nparts; i++)
		v[n++] = (struct cli_cmd){.name = xasprintf("%s %s", words, m->model->parts[i].key),
		                          .needs = NEEDS_SCOPE,
		                          .run = verb_part};
	if (!m->flow)
		return v;
	v[n++] = (struct cli_cmd){
	    .name = xasprintf("%s history", words), .needs = NEEDS_SCOPE, .run = verb_history};
	v[n++] = (struct cli_cmd){
	    .name = xasprintf("%s clocks", words), .needs = NEEDS_SCOPE, .run = verb_clocks};
	v[n++] = (struct cli_cmd){
	    .name = xasprintf("%s act", words), .needs = NEEDS_SCOPE, .run = verb_act};
	return v;
}

void cli_module_free(void)
{
	for (int k = 0; k < nmodules; k++) {
		for (struct cli_cmd *c = verbs[k]; c && c->name; c++) {
			free((char *)c->name);
			free((char *)c->usage);
			free((char *)c->help);
		}
		free(verbs[k]);
		verbs[k] = NULL;
	}
}
