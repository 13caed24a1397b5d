/*
 * build.c - one build or update of an index directory (build.h): it plans
 * the run from the stub (full build or update in place, how many shards),
 * opens one writer per shard and runs them in threads (build_file.c) while
 * reporting progress, then for a full build compacts and merges the shards,
 * renames gen-N.tmp to gen-N and replaces the stub last, so a failure or a
 * kill at any point leaves the previous index searchable. Also the index's
 * counts (--stats) and the writer's lock.
 */
#include "calendar.h"
#include "build_int.h"
#include "layout.h"
#include "terms.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

_Static_assert(FG_BUILD_MAX_SHARDS == FG_LAYOUT_MAX_SHARDS, "one shard limit");

/* What a run writes, decided before it starts. */
struct plan {
	long gen;            /* current generation (0: none) */
	int have;            /* dir holds an index */
	int nshards;         /* shards written (after a merge: databases in the new stub) */
	int compact, merge;  /* full build: compact the shards, merge them into one */
	fg_buf gendir;       /* the generation written: gen-N.tmp (full build) or the current gen-N */
	size_t changed;      /* files to (re)index */
	struct bworker w[FG_BUILD_MAX_SHARDS];
};

static void fatalf(struct brun *r, fg_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fatalf(struct brun *r, fg_status code, const char *fmt, ...)
{
	fg_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	fg_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fg_build_fatal(r, code, b.data);
	fg_buf_free(&b);
}

/* ---- planning ---- */

/*
 * Whether the index in dir was written under another term scheme
 * (fagui:format, FG_INDEX_FORMAT) or with other article keywords than hash
 * (the fagui:keywords metadata; an index from before keywords has none, which
 * counts as the empty set's hash). Every unit carries both, so a change means
 * a full build.
 */
static int index_stale(const char *dir, const char *hash)
{
	fg_buf stub = {0};
	fg_xdb *db = NULL;
	fg_err err = {0};
	fg_status st = fg_xdb_open(fg_layout_stub_path(&stub, dir), &db, &err);
	fg_buf_free(&stub);
	if (st != FG_OK)
		return 0; /* no readable index: the caller builds in full anyway */
	char *val = NULL;
	size_t len = 0;
	int changed;
	if (fg_xdb_get_metadata(db, "fagui:keywords", &val, &len, &err) != FG_OK || len == 0)
		changed = strcmp(hash, "0000000000000000") != 0;
	else
		changed = len != strlen(hash) || memcmp(val, hash, len) != 0;
	free(val);
	val = NULL;
	if (fg_xdb_get_metadata(db, "fagui:format", &val, &len, &err) != FG_OK || strcmp(val, FG_INDEX_FORMAT) != 0)
		changed = 1;
	free(val);
	fg_xdb_close(db);
	return changed;
}

/*
 * A full build runs nshards writers, each into its own database, then merges
 * them into one when compacting (unless keep_shards or no_compact). An
 * update changes the databases the index has.
 */
static void plan_shards(struct brun *r, struct plan *p)
{
	const fg_build_opts *o = r->o;
	int cur = 0;
	p->have = fg_layout_read(o->dir, &p->gen, &cur);
	p->compact = !o->no_compact;
	p->merge = !o->keep_shards;
	int stored = cur; /* databases the index should have */
	int n = o->shards;
	if (!n) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		n = p->have && !o->rebuild
			    ? cur
			    : (int)(ncpu > 0 ? (ncpu > FG_BUILD_MAX_SHARDS ? FG_BUILD_MAX_SHARDS : ncpu) : 1);
	} else {
		stored = p->compact && p->merge ? 1 : n;
	}
	r->full = !p->have || o->rebuild || stored != cur || cur > FG_BUILD_MAX_SHARDS ||
		  index_stale(o->dir, r->kwhash);
	p->nshards = r->full ? n : cur;
}

/* Read what each shard holds and mark the files whose content changed since. */
static fg_status plan_update(struct brun *r, struct plan *p, fg_err *err)
{
	for (int k = 0; k < p->nshards; k++) {
		fg_status st = fg_build_known(&p->w[k], err);
		if (st != FG_OK)
			return st;
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		struct bfile *f = &r->files[i];
		f->changed = fg_build_file_changed(&p->w[f->shard], f);
		p->changed += f->changed;
	}
	return FG_OK;
}

/* The generation directory, the writers' paths and the files of each shard. */
static fg_status plan_run(struct brun *r, struct plan *p, fg_err *err)
{
	const char *dir = r->o->dir;
	plan_shards(r, p);
	fg_layout_clean(dir, p->gen); /* leftovers of killed runs */
	if (r->full) {
		fg_layout_gen_dir(&p->gendir, dir, p->gen + 1, 1);
		fg_rm_rf(p->gendir.data);
		if (mkdir(p->gendir.data, 0777) != 0)
			return fg_err_set(err, FG_E_IO, "cannot create %s: %s", p->gendir.data, strerror(errno));
	} else {
		fg_layout_gen_dir(&p->gendir, dir, p->gen, 0);
	}
	for (int k = 0; k < p->nshards; k++) {
		fg_buf b = {0};
		fg_buf_printf(&b, "%s/s%d%s", p->gendir.data, k, r->full && p->compact ? ".build" : "");
		p->w[k].run = r;
		p->w[k].shard = k;
		p->w[k].path = fg_buf_detach(&b);
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		struct bfile *f = &r->files[i];
		f->shard = (int)(fg_hash64(f->relpath, strlen(f->relpath)) % (uint64_t)p->nshards);
		f->changed = 1;
	}
	if (r->full) {
		p->changed = r->nfiles;
		return FG_OK;
	}
	return plan_update(r, p, err);
}

/* ---- the writers ---- */

static void report_progress(struct brun *r, int final)
{
	fg_build_progress pr = {atomic_load(&r->done), r->nfiles, atomic_load(&r->articles), final};
	r->o->progress(r->o->ctx, &pr);
}

/* Open every shard's writer, run one thread per shard, report progress, wait for them all. */
static void run_writers(struct brun *r, struct plan *p)
{
	int flags = r->full ? (FG_XW_CREATE | FG_XW_NOSYNC) : (FG_XW_OPEN | FG_XW_TXN);
	for (int k = 0; k < p->nshards && !atomic_load(&r->fatal); k++) {
		fg_err err = {0};
		fg_status st = fg_xwdb_open(p->w[k].path, flags, FLUSH_DOCS, &p->w[k].db, &err);
		if (st != FG_OK)
			fg_build_fatal(r, st, err.msg);
	}
	pthread_t th[FG_BUILD_MAX_SHARDS];
	int started[FG_BUILD_MAX_SHARDS] = {0};
	for (int k = 0; k < p->nshards && !atomic_load(&r->fatal); k++) {
		int e = pthread_create(&th[k], NULL, fg_build_worker, &p->w[k]);
		if (e != 0)
			fatalf(r, FG_E_NOMEM, "cannot start a writer thread: %s", strerror(e));
		started[k] = e == 0;
	}
	while (r->o->progress) {
		struct timespec ts = {0, 200 * 1000 * 1000};
		nanosleep(&ts, NULL);
		report_progress(r, 0);
		if (atomic_load(&r->done) >= r->nfiles || atomic_load(&r->fatal))
			break;
	}
	for (int k = 0; k < p->nshards; k++)
		if (started[k])
			pthread_join(th[k], NULL);
	for (int k = 0; k < p->nshards; k++) {
		fg_xwdb_close(p->w[k].db);
		p->w[k].db = NULL;
	}
	if (r->o->progress)
		report_progress(r, 1);
}

/* ---- finishing a full build ---- */

struct compact_job {
	char *src, *dst;
	fg_err err;
	fg_status st;
};

static void *compact_main(void *arg)
{
	struct compact_job *j = arg;
	j->st = fg_xdb_compact(j->src, j->dst, &j->err);
	if (j->st == FG_OK)
		fg_rm_rf(j->src);
	return NULL;
}

/* One database gen/s0 from all the shards built in parallel: searches on it are cheaper. */
static void merge_shards(struct brun *r, struct plan *p)
{
	fg_buf src = {0}, dst = {0};
	fg_err err = {0};
	fg_buf_printf(&dst, "%s/s0", p->gendir.data);
	if (fg_layout_write_build_stub(p->gendir.data, p->nshards, ".build", &src, &err) != FG_OK) {
		fg_build_fatal(r, err.code, err.msg);
	} else {
		struct compact_job job = {src.data, dst.data, {0}, FG_OK};
		compact_main(&job);
		if (job.st != FG_OK)
			fg_build_fatal(r, job.st, job.err.msg);
		for (int k = 0; k < p->nshards && job.st == FG_OK; k++)
			fg_rm_rf(p->w[k].path);
		p->nshards = 1;
	}
	fg_buf_free(&src);
	fg_buf_free(&dst);
}

/* Compact each shard sK.build into sK, in parallel. */
static void compact_shards(struct brun *r, struct plan *p)
{
	struct compact_job jobs[FG_BUILD_MAX_SHARDS];
	pthread_t th[FG_BUILD_MAX_SHARDS];
	int started[FG_BUILD_MAX_SHARDS] = {0};
	memset(jobs, 0, sizeof jobs);
	for (int k = 0; k < p->nshards && !atomic_load(&r->fatal); k++) {
		fg_buf b = {0};
		fg_buf_printf(&b, "%s/s%d", p->gendir.data, k);
		jobs[k].src = p->w[k].path;
		jobs[k].dst = fg_buf_detach(&b);
		int e = pthread_create(&th[k], NULL, compact_main, &jobs[k]);
		if (e != 0)
			fatalf(r, FG_E_NOMEM, "cannot start a compaction thread: %s", strerror(e));
		started[k] = e == 0;
	}
	for (int k = 0; k < p->nshards; k++) {
		if (started[k]) {
			pthread_join(th[k], NULL);
			if (jobs[k].st != FG_OK)
				fg_build_fatal(r, jobs[k].st, jobs[k].err.msg);
		}
		free(jobs[k].dst);
	}
}

/* Compact, sync, rename gen-N.tmp to gen-N, replace the stub; on failure remove the new generation. */
static void finish_full(struct brun *r, struct plan *p)
{
	const char *dir = r->o->dir;
	if (p->compact && p->merge && p->nshards > 1)
		merge_shards(r, p);
	else if (p->compact)
		compact_shards(r, p);
	fg_buf final = {0};
	fg_layout_gen_dir(&final, dir, p->gen + 1, 0);
	if (!atomic_load(&r->fatal)) {
		sync();
		if (rename(p->gendir.data, final.data) != 0)
			fatalf(r, FG_E_IO, "cannot rename %s: %s", p->gendir.data, strerror(errno));
	}
	if (!atomic_load(&r->fatal)) {
		fg_err err = {0};
		fg_status st = fg_layout_write_stub(dir, p->gen + 1, p->nshards, &err);
		if (st != FG_OK)
			fg_build_fatal(r, st, err.msg);
		else
			fg_layout_clean(dir, p->gen + 1);
	}
	if (atomic_load(&r->fatal)) {
		fg_rm_rf(p->gendir.data);
		fg_rm_rf(final.data);
	}
	fg_buf_free(&final);
}

/* ---- the run ---- */

static void fill_report(struct brun *r, const struct plan *p, fg_build_report *rep)
{
	rep->full = r->full;
	rep->had_index = p->have;
	rep->files = r->nfiles;
	rep->changed = p->changed;
	rep->deleted = atomic_load(&r->deleted);
	rep->docs = atomic_load(&r->docs);
	rep->units = atomic_load(&r->units);
	rep->articles = atomic_load(&r->articles);
	rep->fails = r->fails;
	rep->nfails = r->nfails;
	for (size_t i = 0; i < r->nfails; i++)
		rep->skipped += !r->fails[i].indexed;
	r->fails = NULL;
	r->nfails = 0;
}

static void run_fin(struct brun *r, struct plan *p)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].abspath);
		free(r->files[i].relpath);
	}
	free(r->files);
	for (int k = 0; k < FG_BUILD_MAX_SHARDS; k++) {
		for (size_t i = 0; i < p->w[k].nknown; i++)
			free(p->w[k].known[i].relpath);
		free(p->w[k].known);
		free(p->w[k].path);
	}
	fg_buf_free(&p->gendir);
	free(r->catdir);
	pthread_mutex_destroy(&r->lock);
}

static void run_init(struct brun *r, const fg_build_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	pthread_mutex_init(&r->lock, NULL);
	snprintf(r->kwhash, sizeof r->kwhash, "%016llx", (unsigned long long)fg_keywords_hash(o->kw));
	fg_today(r->today); /* FAGUI_TODAY or the local date, as the searcher's calendar (calendar.h) */
}

fg_status fg_build_run(const fg_build_opts *o, fg_build_report *rep, fg_err *err)
{
	memset(rep, 0, sizeof *rep);
	if (o->shards < 0 || o->shards > FG_BUILD_MAX_SHARDS)
		return fg_err_set(err, FG_E_INVAL, "shards must be between 1 and %d", FG_BUILD_MAX_SHARDS);
	struct brun r;
	run_init(&r, o);
	struct plan *p = fg_xcalloc(1, sizeof *p);
	fg_catalogue *cat = NULL;
	fg_status st = fg_build_catalogue(&r, &cat, err);
	if (st == FG_OK)
		st = fg_build_walk(&r, err);
	if (st == FG_OK)
		st = plan_run(&r, p, err);
	if (st == FG_OK) {
		run_writers(&r, p);
		if (!atomic_load(&r.fatal) && r.full)
			finish_full(&r, p);
		else if (r.full)
			fg_rm_rf(p->gendir.data); /* a writer failed: the next run would remove it anyway */
		if (atomic_load(&r.fatal)) {
			rep->aborted = 1;
			st = fg_err_set(err, r.fatalerr.code, "%s", r.fatalerr.msg);
		}
	}
	fill_report(&r, p, rep);
	run_fin(&r, p);
	free(p);
	fg_catalogue_free(cat);
	return st;
}

void fg_build_report_fin(fg_build_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->nfails; i++) {
		free(rep->fails[i].path);
		free(rep->fails[i].reason);
	}
	free(rep->fails);
	memset(rep, 0, sizeof *rep);
}

/* ---- counts and lock ---- */

fg_status fg_index_stats(const char *dir, fg_index_counts *out, fg_err *err)
{
	memset(out, 0, sizeof *out);
	struct stat st;
	if (stat(dir, &st) != 0)
		return fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no such file or directory", dir);
	fg_buf path = {0};
	if (fg_layout_is_index(dir))
		fg_layout_stub_path(&path, dir);
	else
		fg_buf_puts(&path, dir);
	fg_xdb *db = NULL;
	fg_status rc = fg_xdb_open(path.data, &db, err);
	fg_buf_free(&path);
	if (rc != FG_OK)
		return rc;
	out->documents = fg_xdb_termfreq(db, FG_TERM_RECORDS, strlen(FG_TERM_RECORDS));
	unsigned all = fg_xdb_doccount(db);
	out->units = all > out->documents ? all - out->documents : 0;
	out->articles = fg_xdb_termfreq(db, FG_TERM_ARTICLES, strlen(FG_TERM_ARTICLES));
	fg_xdb_close(db);
	fg_layout_read(dir, &out->generation, &out->shards);
	return FG_OK;
}

fg_status fg_index_lock(const char *dir, int create, int *fd, fg_err *err)
{
	*fd = -1;
	if (create && mkdir(dir, 0777) != 0 && errno != EEXIST)
		return fg_err_set(err, FG_E_IO, "cannot create %s: %s", dir, strerror(errno));
	return fg_layout_lock(dir, fd, err);
}

void fg_index_unlock(int fd)
{
	fg_layout_unlock(fd);
}

const char *fg_index_engine_version(void)
{
	return fg_xapian_version();
}
