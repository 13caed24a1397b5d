/*
 * build_int.h - private to the build (build.c runs it, build_walk.c finds
 * the files and their catalogue entries, build_file.c indexes them in the
 * writer threads): the state of one run, shared by those three files.
 */
#ifndef FG_BUILD_INT_H
#define FG_BUILD_INT_H

#include "build.h"
#include "doc.h"
#include "index.h"
#include "xap.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>

/*
 * Documents between two commits of a fresh shard (and between two flushes of
 * Xapian's buffered postings during an update). 1000 since session 7: on 2
 * cores with both shards writing, Xapian's in-memory inverter maps stay
 * cache-sized; 2000 cost ~7% more CPU, 5000 ~8%, 20000 ~70% (bench/RESULTS.md).
 */
#define FLUSH_DOCS 1000

struct bfile {
	char *abspath;       /* path as given/walked */
	char *relpath;       /* relative to its root: the file's identity in the index */
	char hash[17];       /* content hash, hex */
	int shard;
	int changed;         /* new or changed: must be (re)indexed */
};

struct brun {
	const fg_build_opts *o;
	const fg_catalogue *cat;
	char *catdir;        /* real path of the catalogue's directory */
	char kwhash[17];     /* hash of o->kw, recorded in the index as fagui:keywords */
	char today[11];      /* YYYY-MM-DD: decides the status of dated documents */
	int full;            /* full build into a new generation */
	struct bfile *files; /* sorted by relpath */
	size_t nfiles;
	/* results, updated by the writers */
	atomic_size_t done;
	atomic_size_t docs;
	atomic_size_t units;
	atomic_size_t articles;
	atomic_size_t deleted;
	pthread_mutex_t lock; /* guards fails and the fatal error */
	fg_build_failure *fails;
	size_t nfails;
	atomic_int fatal;
	fg_err fatalerr;
};

struct bknown {
	char *relpath;       /* a file the shard holds */
	char hash[17];       /* its content hash when indexed */
	int seen;            /* still in the corpus */
};

struct bworker {
	struct brun *run;
	int shard;
	char *path;          /* the shard's database */
	fg_xwdb *db;         /* opened by the calling thread (opening is not thread-safe) */
	struct bknown *known; /* sorted by relpath (incremental) */
	size_t nknown;
};

/* Record a failed file (indexed: 1 for a warning); thread-safe. */
void fg_build_fail(struct brun *r, const char *path, const char *reason, int indexed);
/* Record the run's first fatal error; thread-safe. */
void fg_build_fatal(struct brun *r, fg_status code, const char *msg);

/* build_walk.c: load the catalogue (given, or catalogue.tsv at the root of a path). */
fg_status fg_build_catalogue(struct brun *r, fg_catalogue **cat, fg_err *err);
/* build_walk.c: every wanted file under the paths into r->files, sorted. Errors: FG_E_IO (a path). */
fg_status fg_build_walk(struct brun *r, fg_err *err);
/* build_walk.c: the catalogue entry of a file, NULL if none. */
const fg_meta *fg_build_catalogue_meta(struct brun *r, const char *abspath);

/* build_file.c: the writer thread of one shard (arg: struct bworker *). */
void *fg_build_worker(void *arg);
/* build_file.c: read what the shard w->path holds (its f: metadata) into w->known. */
fg_status fg_build_known(struct bworker *w, fg_err *err);
/* build_file.c: whether a file differs from what the shard recorded (marks it seen). */
int fg_build_file_changed(struct bworker *w, const struct bfile *f);

#endif
