/*
 * fagui-indexer - builds or incrementally updates a Fagui index from a
 * corpus of Markdown and plain-text files plus an optional catalogue: the
 * options, the messages and the exit status. The build itself (walk, shard
 * writers, generations, compaction, the stub and the lock) is the core's
 * fg_build_run (lib/index/build.h); the on-disk layout is described in
 * lib/index/layout.h. A killed or failed run leaves the previous index
 * intact and searchable.
 */
#include "fagui.h"
#include "indexer.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* What the command line asked for. */
struct opts {
	const char *dir;     /* --index */
	const char *catpath; /* --catalogue, NULL = catalogue.tsv at the root of a PATH */
	const char *kwopt;   /* --keywords, NULL = the installed or in-tree data/keywords */
	int nshards;         /* --shards, 0 = default */
	int rebuild, compact, merge, stats, quiet;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- stats ---- */

static int cmd_stats(const char *dir)
{
	fg_err err = {0};
	fg_index_counts c;
	if (fg_index_stats(dir, &c, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	printf("{\"documents\":%u,\"articles\":%u,\"units\":%u,\"shards\":%d,\"generation\":%ld}\n", c.documents,
	       c.articles, c.units, c.shards, c.generation);
	return 0;
}

/* ---- status events (versions.h) ---- */

/* `fagui-indexer --index DIR event --id ID --status S --date YYYY-MM-DD [--note T] [--superseded-by ID]` */
static int cmd_event(const char *dir, const fg_keywords *kw, int argc, char **argv)
{
	static const struct option opts[] = {
		{"id", required_argument, NULL, 'i'},    {"status", required_argument, NULL, 's'},
		{"date", required_argument, NULL, 'd'},  {"note", required_argument, NULL, 'n'},
		{"superseded-by", required_argument, NULL, 'b'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *id = NULL, *status = NULL, *date = NULL, *note = "", *by = "";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': id = optarg; break;
		case 's': status = optarg; break;
		case 'd': date = optarg; break;
		case 'n': note = optarg; break;
		case 'b': by = optarg; break;
		case 'h':
			printf("usage: fagui-indexer --index DIR event --id ID --status STATUS --date YYYY-MM-DD\n"
			       "                     [--note TEXT] [--superseded-by ID]\n"
			       "Records a dated status change (现行有效, 尚未生效, 已修改, 已废止, 失效) in DIR/events.tsv\n"
			       "and applies it to the index in place; every later build applies it again.\n");
			return 0;
		default: fprintf(stderr, "try 'fagui-indexer --index DIR event --help'\n"); return 2;
		}
	}
	if (!id || !date || (!status && !*by)) {
		fprintf(stderr, "fagui-indexer: event needs --id, --date and --status (or --superseded-by)\n");
		return 2;
	}
	int lockfd;
	fg_err lerr = {0};
	if (fg_index_lock(dir, 0, &lockfd, &lerr) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", lerr.msg);
		return 1;
	}
	fg_status_event ev = {{0}, fg_xstrdup(id), fg_xstrdup(status ? status : FG_STATUS_AMENDED), fg_xstrdup(by),
			      fg_xstrdup(note), NULL, NULL};
	snprintf(ev.date, sizeof ev.date, "%.10s", date);
	fg_err err = {0};
	fg_status st = strlen(date) != 10 ? fg_err_set(&err, FG_E_INVAL, "bad date '%s': expected YYYY-MM-DD", date)
					  : fg_event_add(dir, kw, &ev, &err);
	int rc = 0;
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		rc = st == FG_E_INVAL || st == FG_E_NOTFOUND ? 2 : 1;
	} else {
		fprintf(stderr, "fagui-indexer: %s: %s -> %s from %s\n", ev.id, *ev.previous ? ev.previous : "?", ev.status,
			ev.date);
	}
	free(ev.id);
	free(ev.status);
	free(ev.superseded_by);
	free(ev.note);
	free(ev.recorded);
	free(ev.previous);
	fg_index_unlock(lockfd);
	return rc;
}

/* the run's article keywords: freed at exit, since every later return needs them gone */
static fg_keywords *kw;

static void free_keywords(void)
{
	fg_keywords_free(kw);
	kw = NULL;
}

/* Everyday words of articles: --keywords DIR, else data/keywords when installed or in the tree. -1 when loaded. */
static int load_keywords(const char *kwopt)
{
	atexit(free_keywords);
	char *kwdir = kwopt ? fg_xstrdup(kwopt) : fg_data_path("keywords");
	int rc = -1;
	if (kwdir && *kwdir) {
		fg_err err = {0};
		if (fg_keywords_load(kwdir, &kw, &err) != FG_OK) {
			fprintf(stderr, "fagui-indexer: cannot load keywords: %s\n", err.msg);
			rc = kwopt ? 2 : 1;
		}
	}
	free(kwdir);
	return rc;
}

/* ---- build ---- */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: fagui-indexer --index DIR [--catalogue FILE] [--shards N] [--keep-shards] [--rebuild] [--no-compact] PATH...\n"
		"       fagui-indexer --index DIR --stats\n"
		"       fagui-indexer --index DIR report KIND [options]   (see: report --help)\n"
		"       fagui-indexer --index DIR event --id ID --status S --date YYYY-MM-DD [--note T] [--superseded-by ID]\n"
		"\n"
		"Builds a Fagui index of the Markdown (.md) and plain-text (.txt, UTF-8/GB18030/Big5)\n"
		"files under each PATH, or updates it incrementally when DIR already holds one:\n"
		"only new, changed and deleted files are touched.\n"
		"\n"
		"  -i, --index DIR       index directory (created if missing)\n"
		"  -c, --catalogue FILE  catalogue TSV supplying or overriding metadata per file\n"
		"                        (default: catalogue.tsv at the root of a PATH, if present)\n"
		"  -s, --shards N        parallel shards for a full build (default: number of cores),\n"
		"                        merged into one database when compacting\n"
		"      --keep-shards     keep the N shards as separate databases (to serve them from\n"
		"                        several hosts: docs/SCALE.md)\n"
		"      --rebuild         build a new generation from scratch even if DIR has an index\n"
		"      --no-compact      skip compaction (and merging) after a full build\n"
		"      --keywords DIR    everyday words of single articles (default: the installed or\n"
		"                        in-tree data/keywords; '' = none); a change rebuilds the index\n"
		"      --stats           print index statistics as JSON and exit\n"
		"  -q, --quiet           no progress bar or summary\n"
		"  -h, --help            this help\n"
		"\n"
		"Exit status: 0 success, 1 failure (the previous index is intact), 2 usage error,\n"
		"3 partial success (some files could not be indexed: listed on stderr).\n");
}

static void progress(void *ctx, const fg_build_progress *p)
{
	const double *t0 = ctx;
	size_t done = p->done, total = p->total;
	int width = 30, fill = total ? (int)(width * done / total) : width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu files  %zu articles  %.1fs%s", fill, "##############################",
		width - fill, "", done, total, p->articles, now_s() - *t0, p->final ? "\n" : "");
}

/* The messages of a run: its error, the files that failed, the summary line; returns the exit status. */
static int report_run(const struct opts *op, fg_status st, const fg_err *err, const fg_build_report *rep,
		      int events_failed, double t0)
{
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err->msg);
		if (!rep->aborted)
			return 1; /* failed before writing: nothing else to say */
		fprintf(stderr, "fagui-indexer: index not changed%s\n",
			rep->had_index ? " (the previous index is intact)" : "");
	}
	for (size_t i = 0; i < rep->nfails; i++)
		fprintf(stderr, "fagui-indexer: %s: %s\n", rep->fails[i].path, rep->fails[i].reason);
	if (st != FG_OK)
		return 1;
	if (!op->quiet)
		fprintf(stderr,
			"fagui-indexer: %s: %zu files (%zu new or changed, %zu deleted), %zu documents indexed, "
			"%zu units (%zu articles), %zu skipped, %.1fs\n",
			rep->full ? "built" : "updated", rep->files, rep->changed, rep->deleted, rep->docs, rep->units,
			rep->articles, rep->skipped, now_s() - t0);
	if (events_failed)
		return 1;
	return rep->skipped ? 3 : 0;
}

/* Build or update the index from the PATHs, then apply the status events, all under the index's lock. */
static int cmd_build(const struct opts *op, int npaths, char **paths)
{
	double t0 = now_s();
	fg_err err = {0};
	int lockfd;
	if (fg_index_lock(op->dir, 1, &lockfd, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	fg_build_opts o = {.dir = op->dir,
			   .paths = (const char *const *)paths,
			   .npaths = npaths,
			   .catalogue = op->catpath,
			   .kw = kw,
			   .shards = op->nshards,
			   .rebuild = op->rebuild,
			   .no_compact = !op->compact,
			   .keep_shards = !op->merge,
			   .ctx = &t0};
	if (!op->quiet && isatty(2))
		o.progress = progress;
	fg_build_report rep;
	fg_status st = fg_build_run(&o, &rep, &err);
	/* dated status events (DIR/events.tsv) and validity intervals outlive every build (versions.h) */
	int events_failed = 0;
	if (st == FG_OK) {
		fg_err verr = {0};
		if (fg_versions_refresh(op->dir, kw, NULL, &verr) != FG_OK) {
			fprintf(stderr, "fagui-indexer: cannot apply status events and validity: %s\n", verr.msg);
			events_failed = 1;
		}
	}
	int rc = report_run(op, st, &err, &rep, events_failed, t0);
	fg_build_report_fin(&rep);
	fg_index_unlock(lockfd);
	return rc;
}

/* ---- main ---- */

/* Parse the options into *op; -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct opts *op)
{
	static const struct option opts[] = {
		{"index", required_argument, NULL, 'i'}, {"catalogue", required_argument, NULL, 'c'},
		{"catalog", required_argument, NULL, 'c'}, {"shards", required_argument, NULL, 's'},
		{"rebuild", no_argument, NULL, 'R'},       {"no-compact", no_argument, NULL, 'C'},
		{"stats", no_argument, NULL, 'S'},         {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
		{"keep-shards", no_argument, NULL, 'K'},   {"keywords", required_argument, NULL, 'W'},
		{NULL, 0, NULL, 0}};
	memset(op, 0, sizeof *op);
	op->compact = op->merge = 1;
	int c;
	while ((c = getopt_long(argc, argv, "+i:c:s:qhV", opts, NULL)) != -1) {
		switch (c) {
		case 'i': op->dir = optarg; break;
		case 'c': op->catpath = optarg; break;
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > FG_BUILD_MAX_SHARDS) {
				fprintf(stderr, "fagui-indexer: --shards must be between 1 and %d\n", FG_BUILD_MAX_SHARDS);
				return 2;
			}
			op->nshards = (int)v;
			break;
		}
		case 'R': op->rebuild = 1; break;
		case 'W': op->kwopt = optarg; break;
		case 'C': op->compact = 0; break;
		case 'K': op->merge = 0; break;
		case 'S': op->stats = 1; break;
		case 'q': op->quiet = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("fagui-indexer %s (xapian %s)\n", FAGUI_VERSION, fg_index_engine_version()); return 0;
		default: fprintf(stderr, "try 'fagui-indexer --help'\n"); return 2;
		}
	}
	if (!op->dir) {
		fprintf(stderr, "fagui-indexer: --index DIR is required\ntry 'fagui-indexer --help'\n");
		return 2;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct opts op;
	int rc = parse_options(argc, argv, &op);
	if (rc >= 0)
		return rc;
	if (op.stats)
		return cmd_stats(op.dir);
	if (optind < argc && !strcmp(argv[optind], "report"))
		return fg_indexer_report(op.dir, argc - optind, argv + optind);
	rc = load_keywords(op.kwopt);
	if (rc >= 0)
		return rc;
	if (optind < argc && !strcmp(argv[optind], "event"))
		return cmd_event(op.dir, kw, argc - optind, argv + optind);
	if (optind >= argc) {
		fprintf(stderr, "fagui-indexer: no PATH to index\ntry 'fagui-indexer --help'\n");
		return 2;
	}
	return cmd_build(&op, argc - optind, argv + optind);
}
