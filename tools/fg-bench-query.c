/*
 * fg-bench-query - in-process query latency of an index: opens it with
 * fg_searcher_open, runs a fixed query mix (built in, or read from a file)
 * through fg_search, and prints per-class p50/p99 latencies in ms. Shares
 * nothing with the daemon: it measures the library alone, one thread.
 *
 *   fg-bench-query --index DIR [--runs N] [--warmup N] [--queries FILE]
 *                  [--stopwords FILE] [--doc] [--no-facets] [--limit N] [--json] [--verbose]
 *
 * A query file has one "class<TAB>query" per line ("#" starts a comment).
 * Each query is run --warmup times unrecorded, then --runs times; the time
 * of one run is fg_search plus fg_result_json (what an API request costs
 * without HTTP), as wall time and as the thread's CPU time (the latter is
 * what a query costs on an idle core: it stays meaningful when other work
 * competes for the CPUs). Output is a TSV table (class, queries, runs, p50,
 * p99, max, mean, CPU p50, CPU p99, mean total) or, with --json, one JSON
 * object; --verbose adds each query's median and maximum on stderr. Without
 * --stopwords the list is stopwords/stopwords.txt of the working directory,
 * else the one found next to the program (fg_find_data), else none.
 */
#include "fagui.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct query {
	char *cls;
	char *q;
};

/* The default mix: 2-4 character queries (the goal's class), then phrases, AND queries and questions. */
static const char *const default_mix[][2] = {
	{"short", "罚款"},       {"short", "许可"},       {"short", "合同"},       {"short", "听证"},
	{"short", "土地"},       {"short", "税收"},       {"short", "登记"},       {"short", "公示"},
	{"short", "审批"},       {"short", "供水"},       {"short", "押金"},       {"short", "工资"},
	{"short", "人民政府"},   {"short", "行政许可"},   {"short", "环境保护"},   {"short", "劳动合同"},
	{"short", "食品安全"},   {"short", "知识产权"},   {"short", "安全生产"},   {"short", "消费者"},
	{"short", "未成年人"},   {"short", "违法所得"},   {"short", "法律责任"},   {"short", "交通事故"},
	{"short", "医疗"},       {"short", "房屋征收"},   {"short", "水污染"},     {"short", "档案"},
	{"phrase", "依法追究刑事责任"},
	{"phrase", "由县级以上人民政府"},
	{"phrase", "没收违法所得"},
	{"phrase", "处五千元以上五万元以下罚款"},
	{"phrase", "\"城市 供水\""},
	{"and", "行政许可 听证"},
	{"and", "罚款 供水 水质"},
	{"and", "土地 征收 补偿"},
	{"question", "房东不退押金怎么办"},
	{"question", "公司拖欠工资怎么办"},
	{"question", "醉酒驾驶机动车会受到什么处罚"},
	{"question", "离婚时夫妻共同财产如何分割"},
};

static double clock_ms(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted v[0..n). */
static double pct(const double *v, size_t n, double p)
{
	if (!n)
		return 0;
	size_t k = (size_t)ceil(p * (double)n);
	return v[k ? k - 1 : 0];
}

struct opts {
	const char *index;  /* --index */
	const char *qpath;  /* --queries, NULL for the built-in mix */
	const char *swpath; /* --stopwords, NULL to look for the default list */
	int runs;           /* --runs: recorded runs of each query */
	int warmup;         /* --warmup: unrecorded runs first */
	int unit;           /* FG_SEARCH_ARTICLE, or FG_SEARCH_DOC with --doc */
	int no_facets;      /* --no-facets */
	int json;           /* --json */
	int verbose;        /* --verbose */
	unsigned limit;     /* --limit */
};

/* What the runs measured, query i's run r at [i * runs + r]. */
struct bench {
	const struct query *qs; /* the mix */
	size_t nq;              /* its length */
	int runs;               /* recorded runs of each query */
	double *lat;            /* wall time (ms) of each run */
	double *cpu;            /* thread CPU time (ms) of each run */
	double *totals;         /* each query's total hits (first recorded run) */
	int failures;           /* queries that failed */
};

static int load_queries(const char *path, struct query **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0, cnt = 0, alloc = 0;
	struct query *v = NULL;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			v = fg_xrealloc(v, alloc * sizeof *v);
		}
		if (tab) {
			*tab = '\0';
			v[cnt].cls = fg_xstrdup(line);
			v[cnt].q = fg_xstrdup(tab + 1);
		} else {
			v[cnt].cls = fg_xstrdup("all");
			v[cnt].q = fg_xstrdup(line);
		}
		cnt++;
	}
	free(line);
	fclose(f);
	*out = v;
	*n = cnt;
	return 0;
}

/* The mix to run: the --queries file, or the built-in one. 0, or -1 when the file cannot be read. */
static int load_mix(const char *qpath, struct query **out, size_t *n)
{
	if (qpath)
		return load_queries(qpath, out, n);
	size_t nq = sizeof default_mix / sizeof default_mix[0];
	struct query *qs = fg_xcalloc(nq, sizeof *qs);
	for (size_t i = 0; i < nq; i++) {
		qs[i].cls = fg_xstrdup(default_mix[i][0]);
		qs[i].q = fg_xstrdup(default_mix[i][1]);
	}
	*out = qs;
	*n = nq;
	return 0;
}

static void free_queries(struct query *qs, size_t nq)
{
	for (size_t i = 0; i < nq; i++) {
		free(qs[i].cls);
		free(qs[i].q);
	}
	free(qs);
}

/*
 * The stop word list: --stopwords, else stopwords/stopwords.txt of the
 * working directory (what the benchmarks run from the source tree expect),
 * else the installed or in-tree list next to the program. No list at all is
 * not an error. 0, or 1 after a message when the list cannot be loaded.
 */
static int load_stopwords(const char *swpath, fg_stopwords **sw)
{
	static const char local[] = "stopwords/stopwords.txt";
	char *found = NULL;
	fg_err err = {0};
	if (!swpath) {
		FILE *f = fopen(local, "r");
		if (f) {
			fclose(f);
			swpath = local;
		} else {
			swpath = found = fg_find_data("stopwords", "stopwords.txt");
		}
	}
	int rc = 0;
	if (swpath && fg_stopwords_load(swpath, sw, &err) != FG_OK) {
		fprintf(stderr, "fg-bench-query: %s\n", err.msg);
		rc = 1;
	}
	free(found);
	return rc;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: fg-bench-query --index DIR [--runs N] [--warmup N] [--queries FILE]\n"
		     "                      [--stopwords FILE] [--doc] [--no-facets] [--limit N] [--json] [--verbose]\n"
		     "Runs a query mix in-process and prints p50/p99 latency (ms) per query class.\n");
}

/* Fill o from the command line. -1 to go on, else the exit code (0 after --help, 2 on misuse). */
static int parse_options(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {{"index", required_argument, NULL, 'i'},
					     {"runs", required_argument, NULL, 'n'},
					     {"warmup", required_argument, NULL, 'W'},
					     {"queries", required_argument, NULL, 'Q'},
					     {"stopwords", required_argument, NULL, 'w'},
					     {"doc", no_argument, NULL, 'd'},
					     {"no-facets", no_argument, NULL, 'F'},
					     {"limit", required_argument, NULL, 'l'},
					     {"json", no_argument, NULL, 'j'},
					     {"verbose", no_argument, NULL, 'v'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	int c;
	*o = (struct opts){.runs = 5, .warmup = 1, .unit = FG_SEARCH_ARTICLE, .limit = 10};
	while ((c = getopt_long(argc, argv, "i:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o->index = optarg; break;
		case 'n': o->runs = atoi(optarg); break;
		case 'W': o->warmup = atoi(optarg); break;
		case 'Q': o->qpath = optarg; break;
		case 'w': o->swpath = optarg; break;
		case 'd': o->unit = FG_SEARCH_DOC; break;
		case 'F': o->no_facets = 1; break;
		case 'l': o->limit = (unsigned)atoi(optarg); break;
		case 'j': o->json = 1; break;
		case 'v': o->verbose = 1; break;
		case 'h': usage(stdout); return 0;
		default: fprintf(stderr, "try 'fg-bench-query --help'\n"); return 2;
		}
	}
	if (!o->index || o->runs < 1 || o->warmup < 0) {
		usage(stderr);
		return 2;
	}
	return -1;
}

/* The classes of the mix in order of first appearance, at most 63 (room for "all"). Returns their number. */
static size_t collect_classes(const struct query *qs, size_t nq, const char *cls[64])
{
	size_t ncls = 0;
	for (size_t i = 0; i < nq; i++) {
		size_t k = 0;
		while (k < ncls && strcmp(cls[k], qs[i].cls))
			k++;
		if (k == ncls && ncls < 63)
			cls[ncls++] = qs[i].cls;
	}
	return ncls;
}

/*
 * One run of query i: recorded when r >= 0 (warm-up runs are negative).
 * A failure is reported and counted on the first recorded run only.
 */
static void run_query(fg_searcher *s, const struct opts *o, struct bench *b, size_t i, int r)
{
	fg_search_req req = {0};
	req.q = b->qs[i].q;
	req.unit = o->unit;
	req.limit = o->limit;
	req.no_facets = o->no_facets;
	fg_result *res = NULL;
	fg_err err = {0};
	double a = now_ms(), ca = clock_ms(CLOCK_THREAD_CPUTIME_ID);
	if (fg_search(s, &req, &res, &err) != FG_OK) {
		if (r == 0)
			fprintf(stderr, "fg-bench-query: %s: %s\n", b->qs[i].q, err.msg);
		b->failures += r == 0;
		return;
	}
	char *j = fg_result_json(res);
	double t = now_ms(), ct = clock_ms(CLOCK_THREAD_CPUTIME_ID);
	if (r >= 0) {
		b->lat[i * (size_t)b->runs + (size_t)r] = t - a;
		b->cpu[i * (size_t)b->runs + (size_t)r] = ct - ca;
		if (r == 0)
			b->totals[i] = res->total;
	}
	free(j);
	fg_result_free(res);
}

/* Every query of the mix, --warmup rounds unrecorded then --runs rounds recorded. */
static void run_mix(fg_searcher *s, const struct opts *o, struct bench *b)
{
	for (int r = -o->warmup; r < o->runs; r++)
		for (size_t i = 0; i < b->nq; i++)
			run_query(s, o, b, i, r);
}

/* --verbose: each query's median and maximum wall time and its total, on stderr. v has room for runs values. */
static void report_queries(const struct bench *b, double *v)
{
	size_t runs = (size_t)b->runs;
	for (size_t i = 0; i < b->nq; i++) {
		memcpy(v, b->lat + i * runs, runs * sizeof *v);
		qsort(v, runs, sizeof *v, cmp_double);
		fprintf(stderr, "%s\t%s\tp50 %.3f\tmax %.3f\ttotal %.0f\n", b->qs[i].cls, b->qs[i].q, pct(v, runs, 0.5),
			v[runs - 1], b->totals[i]);
	}
}

/*
 * One row (or, with json, one member) of the report: the queries of class
 * name, or all of them when all is set. v and cv are scratch space for
 * nq * runs values; first says no comma goes before the JSON member.
 */
static void report_class(const struct bench *b, const char *name, int all, int first, int json, double *v, double *cv)
{
	size_t n = 0, nqc = 0, runs = (size_t)b->runs;
	double sum = 0, tsum = 0;
	for (size_t i = 0; i < b->nq; i++) {
		if (!all && strcmp(b->qs[i].cls, name))
			continue;
		nqc++;
		tsum += b->totals[i];
		for (size_t r = 0; r < runs; r++) {
			cv[n] = b->cpu[i * runs + r];
			v[n] = b->lat[i * runs + r];
			sum += v[n++];
		}
	}
	qsort(v, n, sizeof *v, cmp_double);
	qsort(cv, n, sizeof *cv, cmp_double);
	double c50 = pct(cv, n, 0.5), c99 = pct(cv, n, 0.99);
	double p50 = pct(v, n, 0.5), p99 = pct(v, n, 0.99), mx = n ? v[n - 1] : 0;
	double mean = n ? sum / (double)n : 0, mt = nqc ? tsum / (double)nqc : 0;
	if (json)
		printf("%s\"%s\":{\"queries\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
		       "\"mean_ms\":%.3f,\"cpu_p50_ms\":%.3f,\"cpu_p99_ms\":%.3f,\"mean_total\":%.0f}",
		       first ? "" : ",", name, nqc, p50, p99, mx, mean, c50, c99, mt);
	else
		printf("%s\t%zu\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\n", name, nqc, b->runs, p50, p99, mx, mean,
		       c50, c99, mt);
}

/* The table (or JSON object) on stdout: one row per class, then "all". */
static void report(fg_searcher *s, const struct opts *o, const struct bench *b, double open_ms)
{
	const char *cls[64];
	size_t ncls = collect_classes(b->qs, b->nq, cls);
	if (o->json)
		printf("{\"index\":\"%s\",\"units\":%u,\"open_ms\":%.2f,\"runs\":%d,\"classes\":{", o->index,
		       fg_searcher_units(s), open_ms, o->runs);
	else
		printf("class\tqueries\truns\tp50_ms\tp99_ms\tmax_ms\tmean_ms\tcpu_p50_ms\tcpu_p99_ms\tmean_total\n");
	double *v = fg_xcalloc(b->nq * (size_t)b->runs, sizeof *v);
	double *cv = fg_xcalloc(b->nq * (size_t)b->runs, sizeof *cv);
	if (o->verbose)
		report_queries(b, v);
	for (size_t k = 0; k <= ncls; k++)
		report_class(b, k < ncls ? cls[k] : "all", k == ncls, k == 0, o->json, v, cv);
	if (o->json)
		printf("},\"failures\":%d}\n", b->failures);
	free(v);
	free(cv);
}

int main(int argc, char **argv)
{
	struct opts o;
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct query *qs = NULL;
	size_t nq = 0;
	if (load_mix(o.qpath, &qs, &nq) != 0)
		return 1;
	fg_stopwords *sw = NULL;
	if (load_stopwords(o.swpath, &sw) != 0) {
		free_queries(qs, nq);
		return 1;
	}
	fg_searcher *s = NULL;
	fg_err err = {0};
	double t0 = now_ms();
	if (fg_searcher_open(o.index, sw, &s, &err) != FG_OK) {
		fprintf(stderr, "fg-bench-query: %s\n", err.msg);
		free_queries(qs, nq);
		fg_stopwords_free(sw);
		return 1;
	}
	double open_ms = now_ms() - t0;
	struct bench b = {.qs = qs, .nq = nq, .runs = o.runs};
	b.lat = fg_xcalloc(nq * (size_t)o.runs, sizeof *b.lat);
	b.cpu = fg_xcalloc(nq * (size_t)o.runs, sizeof *b.cpu);
	b.totals = fg_xcalloc(nq, sizeof *b.totals);
	run_mix(s, &o, &b);
	report(s, &o, &b, open_ms);
	free(b.lat);
	free(b.cpu);
	free(b.totals);
	free_queries(qs, nq);
	fg_searcher_close(s);
	fg_stopwords_free(sw);
	return b.failures ? 1 : 0;
}
