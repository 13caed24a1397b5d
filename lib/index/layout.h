/*
 * layout.h - the on-disk layout of an index directory, in one place for the
 * indexer, searchd and the work tools:
 *
 *   DIR/index.stub        what readers open: one "auto gen-NNNNNN/sK" line per shard
 *   DIR/gen-NNNNNN/sK     the shards of generation N (s0 alone after a merge)
 *   DIR/gen-NNNNNN.tmp/   a generation being built (removed by the next run if left);
 *                         its build.stub lists the shards sK.build to merge
 *   DIR/.lock             flock()ed by whoever writes the index
 *   DIR/events.tsv        status events, kept across rebuilds (events.c)
 *
 * A full build writes gen-N.tmp, renames it to gen-N and then replaces the
 * stub by write-fsync-rename, so readers see either the old generation or
 * the new one, never a partial one.
 */
#ifndef FG_LAYOUT_H
#define FG_LAYOUT_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FG_LAYOUT_STUB "index.stub"
#define FG_LAYOUT_MAX_SHARDS 64

/* DIR/index.stub into *out (reset first); returns out->data. */
const char *fg_layout_stub_path(fg_buf *out, const char *dir);
/* Whether path is an index directory (a directory holding index.stub). */
int fg_layout_is_index(const char *path);
/*
 * Read DIR/index.stub: the generation number and the number of shards.
 * Returns 0 when there is no index (no stub, or no generation line).
 */
int fg_layout_read(const char *dir, long *gen, int *nshards);
/*
 * The shard paths DIR/<rel> of every "auto <rel>" line of the stub, in
 * order, into paths[0..*n-1] (each freed by the caller), at most max.
 * Errors: FG_E_NOTFOUND (no stub).
 */
fg_status fg_layout_shards(const char *dir, char **paths, int max, int *n, fg_err *err);
/* Replace DIR/index.stub by one naming the nshards shards of generation gen (write, fsync, rename). */
fg_status fg_layout_write_stub(const char *dir, long gen, int nshards, fg_err *err);
/*
 * A stub listing a build's shards GEN/sK<suffix> (k < nshards), written at
 * GEN/build.stub for compaction to merge them; *path (reset first) gets its
 * path. Errors: FG_E_IO.
 */
fg_status fg_layout_write_build_stub(const char *gendir, int nshards, const char *suffix, fg_buf *path,
				     fg_err *err);
/* Whether path is a stub file with a "remote HOST:PORT" line (a shard served by xapian-tcpsrv). */
int fg_layout_has_remote(const char *path);
/* DIR/gen-NNNNNN (tmp: DIR/gen-NNNNNN.tmp) into *out (reset first); returns out->data. */
const char *fg_layout_gen_dir(fg_buf *out, const char *dir, long gen, int tmp);
/* Remove leftover temporary generations and every generation but keep. */
void fg_layout_clean(const char *dir, long keep);
/*
 * Take DIR/.lock (exclusive, non-blocking): *fd gets the descriptor to pass
 * to fg_layout_unlock. Errors: FG_E_IO (cannot open), FG_E_LOCKED (another
 * writer holds it).
 */
fg_status fg_layout_lock(const char *dir, int *fd, fg_err *err);
void fg_layout_unlock(int fd);

#ifdef __cplusplus
}
#endif
#endif
