/*
 * build.h - building and updating an index directory from a corpus: the
 * machinery behind fagui-indexer, in the core so that the program is left
 * with options, I/O and messages. fg_build_run walks the corpus, reads the
 * catalogue and then either builds a new generation (one writer thread per
 * shard, compaction and merge, the stub replaced last) or updates the
 * current one in place (file hashes in the shards' metadata say what
 * changed; one transaction per shard). The layout is in layout.h, the term
 * scheme in terms.h, one document's Xapian form in index.h.
 */
#ifndef FG_BUILD_H
#define FG_BUILD_H

#include "base.h"
#include "keywords.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most shards a build writes (--shards); the same as layout.h's limit. */
#define FG_BUILD_MAX_SHARDS 64
/* Files above this size are skipped: indexing one takes about 20 times its size in memory. */
#define FG_BUILD_MAX_FILE_BYTES (16u << 20)

/* Where a run is: passed to the progress callback (borrowed during the call). */
typedef struct fg_build_progress {
	size_t done;      /* files handled so far */
	size_t total;     /* files found */
	size_t articles;  /* article units indexed so far */
	int final;        /* 1 on the last call, after every writer finished */
} fg_build_progress;

typedef struct fg_build_opts {
	const char *dir;            /* index directory: exists, and the caller holds its lock (fg_index_lock) */
	const char *const *paths;   /* files and directories to index */
	int npaths;
	const char *catalogue;      /* catalogue TSV; NULL = catalogue.tsv at the root of a path, if any */
	const fg_keywords *kw;      /* everyday words of articles; NULL = none (their hash is recorded) */
	int shards;                 /* shards of a full build, 1..FG_BUILD_MAX_SHARDS; 0 = the index's or the cores' */
	int rebuild;                /* build a new generation even when dir holds an index */
	int no_compact;             /* full build: keep the uncompacted shards (and do not merge them) */
	int keep_shards;            /* full build: compact each shard on its own instead of merging */
	/* Called about 5 times a second from the calling thread while the writers run, then once with final set. */
	void (*progress)(void *ctx, const fg_build_progress *p);
	void *ctx;                  /* passed to progress */
} fg_build_opts;

/* A file that was skipped, or indexed with a warning. */
typedef struct fg_build_failure {
	char *path;       /* as walked (the PATH given + the path below it) */
	char *reason;     /* lowercase, without the path */
	int indexed;      /* 1: indexed anyway (a warning), 0: skipped */
} fg_build_failure;

typedef struct fg_build_report {
	int full;         /* 1: a new generation was built; 0: the current one was updated in place */
	int had_index;    /* dir held an index when the run began */
	int aborted;      /* the run failed while writing: the index was left as it was */
	size_t files;     /* files found */
	size_t changed;   /* new or changed files (every file in a full build) */
	size_t deleted;   /* files gone from the corpus, removed from the index */
	size_t docs;      /* documents indexed */
	size_t units;     /* units indexed */
	size_t articles;  /* of which articles */
	size_t skipped;   /* failures with indexed == 0 */
	fg_build_failure *fails; /* in the order they happened; freed by fg_build_report_fin */
	size_t nfails;
} fg_build_report;

/*
 * Build or update the index in o->dir from the files under o->paths.
 * A full build happens when dir has no index, on o->rebuild, when the
 * requested shards differ from the index's, or when the keywords' hash
 * differs from the one the index was built with; otherwise only new,
 * changed and vanished files are touched. Files that cannot be read,
 * parsed or indexed (an id longer than FG_ID_MAX bytes, too large, bad
 * encoding) are listed in rep->fails and the rest is indexed: the run
 * still returns FG_OK (rep->skipped says whether some were skipped).
 * rep is always filled (zeroed first) and freed with fg_build_report_fin,
 * whatever the result.
 * Errors: FG_E_INVAL (o->shards out of range), FG_E_IO (a path, the
 * catalogue's directory, a generation directory, the stub),
 * FG_E_INVAL/FG_E_IO from the catalogue, FG_E_XAPIAN (a shard) and
 * FG_E_NOMEM (a thread could not be started). With
 * rep->aborted set the failure happened while writing: the new generation
 * was removed or the shards' transactions were not committed, so the
 * previous index is intact.
 */
fg_status fg_build_run(const fg_build_opts *o, fg_build_report *rep, fg_err *err);
/* Free what a report holds (NULL is fine) and zero it. */
void fg_build_report_fin(fg_build_report *rep);

/* Counts of an index, for `--stats`. */
typedef struct fg_index_counts {
	unsigned documents; /* source documents (records) */
	unsigned articles;  /* article units */
	unsigned units;     /* every unit */
	int shards;         /* databases the stub lists */
	long generation;    /* current generation number */
} fg_index_counts;

/*
 * Count what the index in dir (a directory with index.stub, or one
 * database) holds into *out. Errors: FG_E_NOTFOUND (nothing there, or no
 * stub in an index directory), FG_E_XAPIAN.
 */
fg_status fg_index_stats(const char *dir, fg_index_counts *out, fg_err *err);

/*
 * Take the writer's lock of the index in dir (DIR/.lock, flock, not
 * waiting): every writer (a build, a status event) holds it. With create,
 * dir is created first when missing. *fd gets the descriptor to give to
 * fg_index_unlock (-1 on failure). Errors: FG_E_IO (cannot create dir or
 * open the lock file), FG_E_LOCKED ("DIR is being updated by another
 * fagui-indexer").
 */
fg_status fg_index_lock(const char *dir, int create, int *fd, fg_err *err);
/* Release the lock (fd < 0 is fine). */
void fg_index_unlock(int fd);

/* The version of the engine the index is written with (Xapian's, e.g. "1.4.22"): a static string. */
const char *fg_index_engine_version(void);

#ifdef __cplusplus
}
#endif
#endif
