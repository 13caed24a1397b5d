/*
 * fagui-indexer - builds or incrementally updates a Fagui index from a
 * corpus of Markdown and plain-text files plus an optional catalogue.
 *
 * On-disk layout of an index directory DIR:
 *   DIR/index.stub        Xapian stub listing the shards of the current generation
 *   DIR/gen-NNNNNN/sK     one glass database per shard (one, s0, unless --keep-shards)
 *   DIR/.lock             flock()ed by a running indexer
 * A full build writes a new generation into gen-NNNNNN.tmp (one database per
 * worker thread), compacts and merges it into one database,
 * renames it and then atomically replaces index.stub; an incremental update
 * changes the current generation's shards in place inside one Xapian
 * transaction per shard. Either way a killed run leaves the previous index
 * intact and searchable.
 */
#include "fagui.h"
#include "indexer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_SHARDS 64
#define MAX_FILE_BYTES (16u << 20) /* files above 16 MiB are skipped: indexing one takes about 20 times its size in memory */
#define FLUSH_DOCS 2000

struct file {
	char *abspath;       /* path as given/walked */
	char *relpath;       /* relative to its root: the file's identity in the index */
	char hash[17];       /* content hash, hex */
	int shard;
	int changed;         /* new or changed: must be (re)indexed */
};

struct failure {
	char *path;
	char *reason;
};

struct run {
	const char *dir;
	const fg_catalogue *cat;
	const fg_keywords *kw; /* everyday words of articles (data/keywords), NULL = none */
	char kwhash[17];     /* their hash, recorded in the index as fagui:keywords */
	char *catdir;        /* real path of the catalogue's directory */
	int nshards;
	int full;            /* full build into a new generation */
	char gendir[PATH_MAX];
	struct file *files;
	size_t nfiles;
	/* results, updated by workers */
	atomic_size_t done;
	atomic_size_t docs;
	atomic_size_t units;
	atomic_size_t articles;
	atomic_size_t deleted;
	pthread_mutex_t lock;
	struct failure *fails;
	size_t nfails;
	int fatal;
	char fatalmsg[300];
	char today[11];
};

struct known {
	char *relpath;       /* a file the shard holds */
	char hash[17];       /* its content hash when indexed */
	int seen;            /* still in the corpus */
};

struct worker {
	struct run *run;
	int shard;
	char path[PATH_MAX + 32];
	fg_xwdb *db;         /* opened by the main thread (opening is not thread-safe) */
	struct known *known; /* sorted by relpath (incremental) */
	size_t nknown;
};

static void fail_file(struct run *r, const char *path, const char *reason)
{
	pthread_mutex_lock(&r->lock);
	r->fails = fg_xrealloc(r->fails, (r->nfails + 1) * sizeof *r->fails);
	r->fails[r->nfails].path = fg_xstrdup(path);
	r->fails[r->nfails].reason = fg_xstrdup(reason);
	r->nfails++;
	pthread_mutex_unlock(&r->lock);
}

/* A library message naming the file first ("path: reason"): the reason alone, since the report names the path. */
static const char *reason_of(const char *path, const char *msg)
{
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

static void fatal(struct run *r, const char *msg)
{
	pthread_mutex_lock(&r->lock);
	if (!r->fatal) {
		r->fatal = 1;
		snprintf(r->fatalmsg, sizeof r->fatalmsg, "%s", msg);
	}
	pthread_mutex_unlock(&r->lock);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- walking the corpus ---- */

static int wanted(const char *name)
{
	if (name[0] == '.')
		return 0;
	if (strncasecmp(name, "README", 6) == 0)
		return 0;
	const char *dot = strrchr(name, '.');
	if (!dot)
		return 0;
	return !strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") || !strcasecmp(dot, ".txt");
}

struct walk {
	struct file *files;
	size_t n, cap;
	struct run *run;
};

static void add_file(struct walk *w, const char *abspath, const char *relpath)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->files = fg_xrealloc(w->files, w->cap * sizeof *w->files);
	}
	struct file *f = &w->files[w->n++];
	memset(f, 0, sizeof *f);
	f->abspath = fg_xstrdup(abspath);
	f->relpath = fg_xstrdup(relpath);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Recursive walk; symlinked directories are followed once (loops are cut by tracking device/inode of the stack). */
static void walk_dir(struct walk *w, const char *abs, const char *rel, dev_t *devs, ino_t *inos, int depth)
{
	if (depth >= 64) {
		fail_file(w->run, abs, "directory nesting deeper than 64 levels: not descended");
		return;
	}
	DIR *d = opendir(abs);
	if (!d) {
		char msg[300];
		snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
		fail_file(w->run, abs, msg);
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names = fg_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = fg_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		fg_buf a = {0}, r = {0};
		fg_buf_printf(&a, "%s/%s", abs, names[i]);
		if (*rel)
			fg_buf_printf(&r, "%s/%s", rel, names[i]);
		else
			fg_buf_puts(&r, names[i]);
		struct stat st;
		if (stat(a.data, &st) != 0) {
			char msg[300];
			snprintf(msg, sizeof msg, "cannot stat: %s", strerror(errno));
			fail_file(w->run, a.data, msg);
		} else if (S_ISDIR(st.st_mode)) {
			int loop = 0;
			for (int k = 0; k < depth; k++)
				if (devs[k] == st.st_dev && inos[k] == st.st_ino)
					loop = 1;
			if (loop) {
				fail_file(w->run, a.data, "symbolic link loop: not descended");
			} else if (names[i][0] != '.') {
				devs[depth] = st.st_dev;
				inos[depth] = st.st_ino;
				walk_dir(w, a.data, r.data, devs, inos, depth + 1);
			}
		} else if (S_ISREG(st.st_mode) && wanted(names[i])) {
			add_file(w, a.data, r.data);
		}
		fg_buf_free(&a);
		fg_buf_free(&r);
		free(names[i]);
	}
	free(names);
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->relpath, ((const struct file *)b)->relpath);
}

/* ---- catalogue lookup ---- */

static const fg_meta *catalogue_meta(struct run *r, const char *abspath)
{
	if (!r->cat)
		return NULL;
	char real[PATH_MAX];
	if (!realpath(abspath, real))
		return NULL;
	size_t n = strlen(r->catdir);
	if (strncmp(real, r->catdir, n) != 0 || real[n] != '/')
		return NULL;
	return fg_catalogue_find(r->cat, real + n + 1);
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? fg_xstrdup(v) : NULL;
}

/* Fill in what neither the text nor the catalogue said. */
static void finish_meta(struct run *r, struct file *f, fg_meta *m)
{
	if (!m->title || !*m->title) {
		const char *base = strrchr(f->relpath, '/');
		base = base ? base + 1 : f->relpath;
		const char *dot = strrchr(base, '.');
		set_str(&m->title, NULL);
		m->title = fg_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	}
	if (m->level) {
		const char *c = fg_level_canon(m->level);
		set_str(&m->level, c);
	}
	if (m->status) {
		const char *c = fg_status_canon(m->status);
		set_str(&m->status, c);
	}
	if (!m->status) {
		if (m->expired)
			set_str(&m->status, FG_STATUS_INVALID);
		else if (m->expires && strcmp(m->expires, r->today) < 0)
			set_str(&m->status, FG_STATUS_INVALID);
		else if (m->effective && strcmp(m->effective, r->today) > 0)
			set_str(&m->status, FG_STATUS_PENDING);
		else
			set_str(&m->status, FG_STATUS_IN_FORCE);
	}
	if (!m->id || !*m->id) {
		/*
		 * No unified number given: derive one from the title and date
		 * (fg_doc_make_id) and the file's base name, so that two copies of
		 * one text (a UTF-8 and a GB18030 file) get distinct ids that still
		 * survive re-indexing and moving the file to another directory.
		 */
		char *base_id = fg_doc_make_id(m);
		const char *base = strrchr(f->relpath, '/');
		base = base ? base + 1 : f->relpath;
		fg_buf b = {0};
		fg_buf_printf(&b, "%s|%s", base_id, base);
		char id[16];
		snprintf(id, sizeof id, "%012llx", (unsigned long long)(fg_hash64(b.data, b.len) & 0xffffffffffffULL));
		fg_buf_free(&b);
		free(base_id);
		set_str(&m->id, id);
	}
}

/* ---- workers ---- */

static fg_status index_file(struct worker *w, fg_xwdb *db, struct file *f, fg_err *err)
{
	struct run *r = w->run;
	char *bytes = NULL;
	size_t len = 0;
	fg_err ferr = {0};
	if (fg_read_file(f->abspath, MAX_FILE_BYTES, &bytes, &len, &ferr) != FG_OK) {
		fail_file(r, f->abspath, reason_of(f->abspath, ferr.msg));
		return FG_OK;
	}
	snprintf(f->hash, sizeof f->hash, "%016llx", (unsigned long long)fg_hash64(bytes, len));
	fg_doc *d = NULL;
	if (fg_doc_parse(f->abspath, bytes, len, FG_FMT_AUTO, &d, &ferr) != FG_OK) {
		free(bytes);
		fail_file(r, f->abspath, reason_of(f->abspath, ferr.msg));
		return FG_OK;
	}
	free(bytes);
	/*
	 * The catalogue supplies or overrides metadata, but the title stays the
	 * one written in the document (catalogue names are often short or
	 * qualified, e.g. 民法典 合同编 for a file titled 中华人民共和国民法典);
	 * the catalogue name still keys the stable id, so the parts of one
	 * title get distinct ids.
	 */
	const fg_meta *cm = catalogue_meta(r, f->abspath);
	char *own_title = d->meta.title && *d->meta.title ? fg_xstrdup(d->meta.title) : NULL;
	if (cm)
		fg_meta_merge(&d->meta, cm);
	finish_meta(r, f, &d->meta);
	if (own_title) {
		if (cm && cm->title && strcmp(cm->title, own_title) != 0) {
			free(d->meta.name);
			d->meta.name = fg_xstrdup(cm->title);
		}
		free(d->meta.title);
		d->meta.title = own_title;
	}

	fg_xdoc **units = NULL, *record = NULL;
	size_t nunits = 0;
	fg_index_build(d, r->kw, f->relpath, f->hash, &units, &nunits, &record);
	fg_status st = FG_OK;
	size_t narts = 0;
	for (size_t i = 0; i < nunits; i++) {
		if (st == FG_OK)
			st = fg_xwdb_add_document(db, units[i], NULL, err);
		if (d->units[i].kind == FG_UNIT_ARTICLE)
			narts++;
		fg_xdoc_free(units[i]);
	}
	free(units);
	if (st == FG_OK)
		st = fg_xwdb_add_document(db, record, NULL, err);
	fg_xdoc_free(record);
	if (st == FG_OK) {
		char key[PATH_MAX + 8], val[256];
		snprintf(key, sizeof key, "f:%s", f->relpath);
		snprintf(val, sizeof val, "%s %s %zu", f->hash, d->meta.id, nunits);
		st = fg_xwdb_set_metadata(db, key, val, strlen(val), err);
	}
	if (st == FG_OK) {
		atomic_fetch_add(&r->docs, 1);
		atomic_fetch_add(&r->units, nunits);
		atomic_fetch_add(&r->articles, narts);
		if (d->nbad) {
			char msg[200];
			snprintf(msg, sizeof msg, "indexed, but %zu invalid byte(s) replaced (first at byte %zu)", d->nbad,
				 d->first_bad);
			fail_file(r, f->abspath, msg);
		}
	}
	fg_doc_free(d);
	return st;
}

static fg_status delete_path(fg_xwdb *db, const char *relpath, fg_err *err)
{
	char fterm[18];
	fg_index_file_term(relpath, fterm);
	fg_status st = fg_xwdb_delete_documents(db, fterm, strlen(fterm), err);
	if (st == FG_OK) {
		char key[PATH_MAX + 8];
		snprintf(key, sizeof key, "f:%s", relpath);
		st = fg_xwdb_set_metadata(db, key, "", 0, err);
	}
	return st;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	fg_err err = {0};
	fg_xwdb *db = w->db;
	fg_status st = FG_OK;
	for (size_t i = 0; i < w->nknown && st == FG_OK; i++) {
		if (w->known[i].seen)
			continue;
		st = delete_path(db, w->known[i].relpath, &err);
		if (st == FG_OK)
			atomic_fetch_add(&r->deleted, 1);
	}
	for (size_t i = 0; i < r->nfiles && st == FG_OK && !r->fatal; i++) {
		struct file *f = &r->files[i];
		if (f->shard != w->shard)
			continue;
		if (f->changed) {
			if (!r->full)
				st = delete_path(db, f->relpath, &err);
			if (st == FG_OK)
				st = index_file(w, db, f, &err);
		}
		atomic_fetch_add(&r->done, 1);
	}
	if (st == FG_OK && !r->fatal) {
		fg_xwdb_set_metadata(db, "fagui:format", "1", 1, &err);
		fg_xwdb_set_metadata(db, "fagui:keywords", r->kwhash, strlen(r->kwhash), &err);
		st = fg_xwdb_commit(db, &err);
	}
	if (st != FG_OK)
		fatal(r, err.msg);
	return NULL;
}

/* ---- what an existing shard holds ---- */

struct known_list {
	struct known *v;
	size_t n, cap;
};

static int collect_known(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
	struct known_list *l = ctx;
	if (klen <= 2 || vlen < 16)
		return 0; /* deleted entries have empty values */
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = fg_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct known *k = &l->v[l->n++];
	k->relpath = fg_xstrndup(key + 2, klen - 2);
	memcpy(k->hash, val, 16);
	k->hash[16] = '\0';
	k->seen = 0;
	return 0;
}

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->relpath, ((const struct known *)b)->relpath);
}

static struct known *find_known(struct worker *w, const char *relpath)
{
	struct known key = {(char *)relpath, "", 0};
	return bsearch(&key, w->known, w->nknown, sizeof *w->known, cmp_known);
}

/* ---- index directory state ---- */

/* Read DIR/index.stub: generation number and shard paths count. Returns 0 when there is no index. */
static int read_stub(const char *dir, long *gen, int *nshards)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/index.stub", dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[PATH_MAX];
	*gen = 0;
	*nshards = 0;
	while (fgets(line, sizeof line, f)) {
		long g;
		if (sscanf(line, "auto gen-%ld/", &g) == 1) {
			*gen = g;
			(*nshards)++;
		}
	}
	fclose(f);
	return *nshards > 0;
}

static int write_stub(const char *dir, long gen, int nshards, char *msg, size_t msglen)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s/index.stub.tmp", dir);
	snprintf(path, sizeof path, "%s/index.stub", dir);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		snprintf(msg, msglen, "cannot write %s: %s", tmp, strerror(errno));
		return -1;
	}
	for (int k = 0; k < nshards; k++)
		fprintf(f, "auto gen-%06ld/s%d\n", gen, k);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, path) != 0) {
		snprintf(msg, msglen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

static void rm_rf(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char sub[PATH_MAX];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			struct stat st;
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				rm_rf(sub);
			else
				unlink(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Remove leftover temporary generations and every generation but keep. */
static void clean_generations(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		long g;
		char rest[16] = "";
		if (sscanf(e->d_name, "gen-%ld%15s", &g, rest) >= 1 && (g != keep || rest[0])) {
			char sub[PATH_MAX];
			snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
			rm_rf(sub);
		}
	}
	closedir(d);
}

struct compact_job {
	char src[PATH_MAX + 32], dst[PATH_MAX + 32];
	fg_err err;
	fg_status st;
};

static void *compact_main(void *arg)
{
	struct compact_job *j = arg;
	j->st = fg_xdb_compact(j->src, j->dst, &j->err);
	if (j->st == FG_OK)
		rm_rf(j->src);
	return NULL;
}

/* ---- stats ---- */

static int cmd_stats(const char *dir)
{
	fg_err err = {0};
	fg_searcher *s = NULL;
	if (fg_searcher_open(dir, NULL, &s, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	long gen = 0;
	int nshards = 0;
	read_stub(dir, &gen, &nshards);
	unsigned docs = fg_searcher_documents(s);
	unsigned units = fg_searcher_units(s);
	unsigned arts = fg_searcher_articles(s);
	printf("{\"documents\":%u,\"articles\":%u,\"units\":%u,\"shards\":%d,\"generation\":%ld}\n", docs, arts, units,
	       nshards, gen);
	fg_searcher_close(s);
	return 0;
}

/* ---- status events (versions.h) ---- */

/* Take DIR/.lock as a full run does; returns the descriptor or -1 with a message printed. */
static int lock_index(const char *dir)
{
	char lockpath[PATH_MAX];
	snprintf(lockpath, sizeof lockpath, "%s/.lock", dir);
	int fd = open(lockpath, O_RDWR | O_CREAT, 0666);
	if (fd < 0) {
		fprintf(stderr, "fagui-indexer: cannot open %s: %s\n", lockpath, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "fagui-indexer: %s is being updated by another fagui-indexer\n", dir);
		close(fd);
		return -1;
	}
	return fd;
}

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
	int lockfd = lock_index(dir);
	if (lockfd < 0)
		return 1;
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
	close(lockfd);
	return rc;
}

/*
 * Whether the index in dir was built with other article keywords than hash
 * (the fagui:keywords metadata; an index from before keywords has none, which
 * counts as the empty set's hash). Every unit carries them, so a change means
 * a full build.
 */
static int keywords_changed(const char *dir, const char *hash)
{
	char stub[PATH_MAX];
	snprintf(stub, sizeof stub, "%s/index.stub", dir);
	fg_xdb *db = NULL;
	fg_err err = {0};
	if (fg_xdb_open(stub, &db, &err) != FG_OK)
		return 0; /* no readable index: the caller builds in full anyway */
	char *val = NULL;
	size_t len = 0;
	int changed;
	if (fg_xdb_get_metadata(db, "fagui:keywords", &val, &len, &err) != FG_OK || len == 0)
		changed = strcmp(hash, "0000000000000000") != 0;
	else
		changed = len != strlen(hash) || memcmp(val, hash, len) != 0;
	free(val);
	fg_xdb_close(db);
	return changed;
}

/* the run's article keywords: freed at exit, since every later return needs them gone */
static fg_keywords *kw;

static void free_keywords(void)
{
	fg_keywords_free(kw);
	kw = NULL;
}

/* ---- main ---- */

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

static void progress(struct run *r, double t0, int final)
{
	size_t done = atomic_load(&r->done), total = r->nfiles;
	int width = 30, fill = total ? (int)(width * done / total) : width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu files  %zu articles  %.1fs%s", fill, "##############################",
		width - fill, "", done, total, atomic_load(&r->articles), now_s() - t0, final ? "\n" : "");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"index", required_argument, NULL, 'i'}, {"catalogue", required_argument, NULL, 'c'},
		{"catalog", required_argument, NULL, 'c'}, {"shards", required_argument, NULL, 's'},
		{"rebuild", no_argument, NULL, 'R'},       {"no-compact", no_argument, NULL, 'C'},
		{"stats", no_argument, NULL, 'S'},         {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
		{"keep-shards", no_argument, NULL, 'K'},   {"keywords", required_argument, NULL, 'W'},
		{NULL, 0, NULL, 0}};
	const char *dir = NULL, *catpath = NULL, *kwopt = NULL;
	int nshards = 0, rebuild = 0, compact = 1, merge = 1, stats = 0, quiet = 0, c;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	while ((c = getopt_long(argc, argv, "+i:c:s:qhV", opts, NULL)) != -1) {
		switch (c) {
		case 'i': dir = optarg; break;
		case 'c': catpath = optarg; break;
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > MAX_SHARDS) {
				fprintf(stderr, "fagui-indexer: --shards must be between 1 and %d\n", MAX_SHARDS);
				return 2;
			}
			nshards = (int)v;
			break;
		}
		case 'R': rebuild = 1; break;
		case 'W': kwopt = optarg; break;
		case 'C': compact = 0; break;
		case 'K': merge = 0; break;
		case 'S': stats = 1; break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("fagui-indexer %s (xapian %s)\n", FAGUI_VERSION, fg_xapian_version()); return 0;
		default: fprintf(stderr, "try 'fagui-indexer --help'\n"); return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "fagui-indexer: --index DIR is required\ntry 'fagui-indexer --help'\n");
		return 2;
	}
	if (stats)
		return cmd_stats(dir);
	if (optind < argc && !strcmp(argv[optind], "report"))
		return fg_indexer_report(dir, argc - optind, argv + optind);
	/* everyday words of articles: --keywords DIR, else data/keywords when installed or in the tree */
	atexit(free_keywords);
	char *kwdir = kwopt ? fg_xstrdup(kwopt) : fg_data_path("keywords");
	if (kwdir && *kwdir) {
		fg_err err = {0};
		if (fg_keywords_load(kwdir, &kw, &err) != FG_OK) {
			fprintf(stderr, "fagui-indexer: cannot load keywords: %s\n", err.msg);
			free(kwdir);
			return kwopt ? 2 : 1;
		}
	}
	free(kwdir);
	if (optind < argc && !strcmp(argv[optind], "event"))
		return cmd_event(dir, kw, argc - optind, argv + optind);
	if (optind >= argc) {
		fprintf(stderr, "fagui-indexer: no PATH to index\ntry 'fagui-indexer --help'\n");
		return 2;
	}

	struct run r;
	memset(&r, 0, sizeof r);
	pthread_mutex_init(&r.lock, NULL);
	r.dir = dir;
	r.kw = kw;
	snprintf(r.kwhash, sizeof r.kwhash, "%016llx", (unsigned long long)fg_keywords_hash(kw));
	time_t tnow = time(NULL);
	struct tm tm;
	localtime_r(&tnow, &tm);
	strftime(r.today, sizeof r.today, "%Y-%m-%d", &tm);
	double t0 = now_s();
	int show = !quiet && isatty(2);

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "fagui-indexer: cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char lockpath[PATH_MAX];
	snprintf(lockpath, sizeof lockpath, "%s/.lock", dir);
	int lockfd = open(lockpath, O_RDWR | O_CREAT, 0666);
	if (lockfd < 0) {
		fprintf(stderr, "fagui-indexer: cannot open %s: %s\n", lockpath, strerror(errno));
		return 1;
	}
	if (flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "fagui-indexer: %s is being updated by another fagui-indexer\n", dir);
		return 1;
	}

	/* The catalogue: given, or catalogue.tsv at the root of a PATH. */
	fg_catalogue *cat = NULL;
	for (int i = optind; !catpath && i < argc; i++) {
		static char guess[PATH_MAX];
		snprintf(guess, sizeof guess, "%s/catalogue.tsv", argv[i]);
		if (access(guess, R_OK) == 0)
			catpath = guess;
	}
	if (catpath) {
		fg_err err = {0};
		if (fg_catalogue_load(catpath, &cat, &err) != FG_OK) {
			fprintf(stderr, "fagui-indexer: %s\n", err.msg);
			return 1;
		}
		char real[PATH_MAX];
		if (!realpath(catpath, real)) {
			fprintf(stderr, "fagui-indexer: cannot resolve %s: %s\n", catpath, strerror(errno));
			return 1;
		}
		char *slash = strrchr(real, '/');
		*slash = '\0';
		r.catdir = fg_xstrdup(real[0] ? real : "/");
		r.cat = cat;
	}

	/* Walk every PATH. */
	struct walk w = {0};
	w.run = &r;
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "fagui-indexer: cannot read %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			dev_t devs[64];
			ino_t inos[64];
			devs[0] = st.st_dev;
			inos[0] = st.st_ino;
			char root[PATH_MAX];
			snprintf(root, sizeof root, "%s", argv[i]);
			size_t n = strlen(root);
			while (n > 1 && root[n - 1] == '/')
				root[--n] = '\0';
			walk_dir(&w, root, "", devs, inos, 1);
		} else {
			const char *base = strrchr(argv[i], '/');
			add_file(&w, argv[i], base ? base + 1 : argv[i]);
		}
	}
	r.files = w.files;
	r.nfiles = w.n;
	qsort(r.files, r.nfiles, sizeof *r.files, cmp_file);
	for (size_t i = 1; i < r.nfiles; i++)
		if (!strcmp(r.files[i].relpath, r.files[i - 1].relpath))
			fail_file(&r, r.files[i].abspath, "same relative path as another file: later one ignored");

	long gen = 0;
	int cur_shards = 0;
	int have = read_stub(dir, &gen, &cur_shards);
	/*
	 * A full build runs nshards workers, each into its own database, then
	 * merges them into one when compacting (unless --keep-shards or
	 * --no-compact). An update changes the databases the index has.
	 */
	int stored = cur_shards; /* databases the index should have */
	if (!nshards)
		nshards = have && !rebuild ? cur_shards : (int)(ncpu > 0 ? (ncpu > MAX_SHARDS ? MAX_SHARDS : ncpu) : 1);
	else
		stored = compact && merge ? 1 : nshards;
	r.full = !have || rebuild || stored != cur_shards || keywords_changed(dir, r.kwhash);
	if (!r.full)
		nshards = cur_shards;
	r.nshards = nshards;

	struct worker workers[MAX_SHARDS];
	memset(workers, 0, sizeof workers);
	long newgen = r.full ? gen + 1 : gen;
	clean_generations(dir, gen); /* leftovers of killed runs */
	if (r.full) {
		snprintf(r.gendir, sizeof r.gendir, "%s/gen-%06ld.tmp", dir, newgen);
		rm_rf(r.gendir);
		if (mkdir(r.gendir, 0777) != 0) {
			fprintf(stderr, "fagui-indexer: cannot create %s: %s\n", r.gendir, strerror(errno));
			return 1;
		}
	} else {
		snprintf(r.gendir, sizeof r.gendir, "%s/gen-%06ld", dir, gen);
	}
	for (int k = 0; k < nshards; k++) {
		workers[k].run = &r;
		workers[k].shard = k;
		snprintf(workers[k].path, sizeof workers[k].path, "%s/s%d%s", r.gendir, k,
			 r.full && compact ? ".build" : "");
	}
	/* Assign shards; in an update, find changed and deleted files from the shards' records. */
	size_t nchanged = 0;
	for (size_t i = 0; i < r.nfiles; i++) {
		struct file *f = &r.files[i];
		f->shard = (int)(fg_hash64(f->relpath, strlen(f->relpath)) % (uint64_t)nshards);
		f->changed = 1;
	}
	if (!r.full) {
		for (int k = 0; k < nshards; k++) {
			fg_xdb *db = NULL;
			fg_err err = {0};
			if (fg_xdb_open(workers[k].path, &db, &err) != FG_OK) {
				fprintf(stderr, "fagui-indexer: %s\n", err.msg);
				return 1;
			}
			struct known_list l = {0};
			fg_status st = fg_xdb_metadata_keys(db, "f:", collect_known, &l, &err);
			fg_xdb_close(db);
			if (st != FG_OK) {
				fprintf(stderr, "fagui-indexer: %s\n", err.msg);
				return 1;
			}
			qsort(l.v, l.n, sizeof *l.v, cmp_known);
			workers[k].known = l.v;
			workers[k].nknown = l.n;
		}
		for (size_t i = 0; i < r.nfiles; i++) {
			struct file *f = &r.files[i];
			struct worker *wk = &workers[f->shard];
			struct known *known = find_known(wk, f->relpath);
			if (known) {
				known->seen = 1;
				char *bytes = NULL;
				size_t len = 0;
				fg_err err = {0};
				if (fg_read_file(f->abspath, MAX_FILE_BYTES, &bytes, &len, &err) == FG_OK) {
					char h[17];
					snprintf(h, sizeof h, "%016llx", (unsigned long long)fg_hash64(bytes, len));
					f->changed = strcmp(known->hash, h) != 0;
				}
				free(bytes);
			}
			nchanged += f->changed;
		}
	} else {
		nchanged = r.nfiles;
	}
	for (int k = 0; k < nshards && !r.fatal; k++) {
		fg_err err = {0};
		int flags = r.full ? (FG_XW_CREATE | FG_XW_NOSYNC) : (FG_XW_OPEN | FG_XW_TXN);
		if (fg_xwdb_open(workers[k].path, flags, FLUSH_DOCS, &workers[k].db, &err) != FG_OK)
			fatal(&r, err.msg);
	}
	pthread_t th[MAX_SHARDS];
	int started[MAX_SHARDS] = {0};
	int opened = !r.fatal;
	for (int k = 0; k < nshards && opened; k++)
		started[k] = pthread_create(&th[k], NULL, worker_main, &workers[k]) == 0;
	if (show) {
		for (;;) {
			struct timespec ts = {0, 200 * 1000 * 1000};
			nanosleep(&ts, NULL);
			progress(&r, t0, 0);
			if (!opened || atomic_load(&r.done) >= r.nfiles || r.fatal)
				break;
		}
	}
	for (int k = 0; k < nshards; k++)
		if (started[k])
			pthread_join(th[k], NULL);
	for (int k = 0; k < nshards; k++)
		fg_xwdb_close(workers[k].db);
	if (show)
		progress(&r, t0, 1);

	int rc = 0;
	if (!r.fatal && r.full) {
		if (compact && merge && nshards > 1) {
			/* one database from all the shards built in parallel: searches on it are cheaper */
			struct compact_job job;
			memset(&job, 0, sizeof job);
			snprintf(job.src, sizeof job.src, "%s/build.stub", r.gendir);
			snprintf(job.dst, sizeof job.dst, "%s/s0", r.gendir);
			FILE *f = fopen(job.src, "w");
			for (int k = 0; f && k < nshards; k++)
				fprintf(f, "auto s%d.build\n", k);
			if (!f || fclose(f) != 0) {
				char msg[PATH_MAX + 100];
				snprintf(msg, sizeof msg, "cannot write %s: %s", job.src, strerror(errno));
				fatal(&r, msg);
			} else {
				compact_main(&job);
				if (job.st != FG_OK)
					fatal(&r, job.err.msg);
				for (int k = 0; k < nshards && job.st == FG_OK; k++)
					rm_rf(workers[k].path);
				nshards = 1;
			}
		} else if (compact) {
			struct compact_job jobs[MAX_SHARDS];
			for (int k = 0; k < nshards; k++) {
				memset(&jobs[k], 0, sizeof jobs[k]);
				snprintf(jobs[k].src, sizeof jobs[k].src, "%s", workers[k].path);
				snprintf(jobs[k].dst, sizeof jobs[k].dst, "%s/s%d", r.gendir, k);
				pthread_create(&th[k], NULL, compact_main, &jobs[k]);
			}
			for (int k = 0; k < nshards; k++) {
				pthread_join(th[k], NULL);
				if (jobs[k].st != FG_OK)
					fatal(&r, jobs[k].err.msg);
			}
		}
		char final[PATH_MAX];
		snprintf(final, sizeof final, "%s/gen-%06ld", dir, newgen);
		if (!r.fatal) {
			sync();
			if (rename(r.gendir, final) != 0) {
				char msg[PATH_MAX + 100];
				snprintf(msg, sizeof msg, "cannot rename %s: %s", r.gendir, strerror(errno));
				fatal(&r, msg);
			}
		}
		if (!r.fatal) {
			char msg[PATH_MAX + 100];
			if (write_stub(dir, newgen, nshards, msg, sizeof msg) != 0)
				fatal(&r, msg);
			else
				clean_generations(dir, newgen);
		}
		if (r.fatal) {
			rm_rf(r.gendir);
			rm_rf(final);
		}
	}
	/* dated status events (DIR/events.tsv) and validity intervals outlive every build (versions.h) */
	int events_failed = 0;
	if (!r.fatal) {
		fg_err verr = {0};
		if (fg_versions_refresh(dir, kw, NULL, &verr) != FG_OK) {
			fprintf(stderr, "fagui-indexer: cannot apply status events and validity: %s\n", verr.msg);
			events_failed = 1;
		}
	}
	if (r.fatal) {
		fprintf(stderr, "fagui-indexer: %s\nfagui-indexer: index not changed%s\n", r.fatalmsg,
			have ? " (the previous index is intact)" : "");
		rc = 1;
	}
	for (size_t i = 0; i < r.nfails; i++)
		fprintf(stderr, "fagui-indexer: %s: %s\n", r.fails[i].path, r.fails[i].reason);
	size_t skipped = 0;
	for (size_t i = 0; i < r.nfails; i++)
		skipped += strncmp(r.fails[i].reason, "indexed,", 8) != 0;
	if (!quiet && !r.fatal) {
		fprintf(stderr,
			"fagui-indexer: %s: %zu files (%zu new or changed, %zu deleted), %zu documents indexed, "
			"%zu units (%zu articles), %zu skipped, %.1fs\n",
			r.full ? "built" : "updated", r.nfiles, nchanged, atomic_load(&r.deleted), atomic_load(&r.docs),
			atomic_load(&r.units), atomic_load(&r.articles), skipped, now_s() - t0);
	}
	if (!rc && events_failed)
		rc = 1;
	if (!rc && skipped)
		rc = 3;

	for (size_t i = 0; i < r.nfiles; i++) {
		free(r.files[i].abspath);
		free(r.files[i].relpath);
	}
	free(r.files);
	for (size_t i = 0; i < r.nfails; i++) {
		free(r.fails[i].path);
		free(r.fails[i].reason);
	}
	free(r.fails);
	for (int k = 0; k < nshards; k++) {
		for (size_t i = 0; i < workers[k].nknown; i++)
			free(workers[k].known[i].relpath);
		free(workers[k].known);
	}
	free(r.catdir);
	fg_catalogue_free(cat);
	close(lockfd);
	return rc;
}
