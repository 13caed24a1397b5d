/*
 * xap.h - a thin C binding over libxapian. Opaque handles, fg_status codes
 * with messages, every C++ exception caught at the boundary (xap_*.cc, the
 * only C++ in the tree, split by concern over the internal xap_int.h).
 * Covers what Fagui uses: read-only databases (a directory, a stub file
 * listing shards or remote servers, or several combined), writable
 * databases, documents, postings, values, metadata, queries, enquire with
 * collapse, sort and value-count spies, match sets and expand sets,
 * compaction.
 *
 * Ownership: every _new/_open has a matching _free/_close that accepts
 * NULL. Strings passed in are copied. A returned char * is freed by the
 * caller with free(); a returned const char * is borrowed until the owning
 * handle is freed.
 */
#ifndef FG_XAP_H
#define FG_XAP_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned fg_docid;

typedef struct fg_xdb fg_xdb;     /* read-only (possibly combined) database */
typedef struct fg_xwdb fg_xwdb;   /* writable database */
typedef struct fg_xdoc fg_xdoc;   /* a document */
typedef struct fg_xq fg_xq;       /* an immutable query */
typedef struct fg_xenq fg_xenq;   /* an enquire session on a database */
typedef struct fg_xmset fg_xmset; /* a match set */
typedef struct fg_xeset fg_xeset; /* an expand set */

/* ---- read-only databases ---- */

/*
 * Open path with Xapian's automatic backend detection: a glass directory, a
 * stub database file (lines "auto PATH", "glass PATH", "remote HOST:PORT"
 * for xapian-tcpsrv; relative paths are relative to the stub) or a single-file
 * database. Errors: FG_E_NOTFOUND (nothing there), FG_E_XAPIAN.
 */
fg_status fg_xdb_open(const char *path, fg_xdb **out, fg_err *err);
/* Open a database served by xapian-tcpsrv. timeout_ms 0 = Xapian's default. */
fg_status fg_xdb_open_remote(const char *host, unsigned port, unsigned timeout_ms, fg_xdb **out, fg_err *err);
/* Add the shards of other to db (searching both as one). other stays owned by the caller. */
fg_status fg_xdb_add(fg_xdb *db, const fg_xdb *other, fg_err *err);
/*
 * "UUID@revision" of a single local database: equal strings mean the same
 * contents. -1 for several shards or remote ones (no single revision).
 */
int fg_xdb_identity(fg_xdb *db, char *buf, size_t len);
/* Reopen to the latest committed revision; *changed (may be NULL) is set to 1 if it moved. */
fg_status fg_xdb_reopen(fg_xdb *db, int *changed, fg_err *err);
void fg_xdb_close(fg_xdb *db);

/* Number of documents (0 on error). */
unsigned fg_xdb_doccount(fg_xdb *db);
/* Documents containing term (0 when absent or on error). */
unsigned fg_xdb_termfreq(fg_xdb *db, const char *term, size_t len);
/* Average document length. */
double fg_xdb_avlength(fg_xdb *db);
/* Metadata value for key; *val gets a malloc'd NUL-terminated copy ("" when absent), *vlen its length. */
fg_status fg_xdb_get_metadata(fg_xdb *db, const char *key, char **val, size_t *vlen, fg_err *err);
/* Fetch a document by Xapian docid. FG_E_NOTFOUND when absent. Caller frees with fg_xdoc_free. */
fg_status fg_xdb_get_document(fg_xdb *db, fg_docid did, fg_xdoc **out, fg_err *err);

/* Callback receiving borrowed data; return nonzero to stop the iteration early. */
typedef int (*fg_xposting_cb)(void *ctx, fg_docid did, unsigned wdf);
typedef int (*fg_xterm_cb)(void *ctx, const char *term, size_t len, unsigned freq);
typedef int (*fg_xmeta_cb)(void *ctx, const char *key, size_t klen, const char *val, size_t vlen);

/* A growing list of docids; a zeroed struct is empty; free v with free(). */
typedef struct fg_xdocids {
	fg_docid *v;
	size_t n, cap;
} fg_xdocids;
/* An fg_xposting_cb appending every docid to the fg_xdocids at ctx. */
int fg_xdocids_collect(void *ctx, fg_docid did, unsigned wdf);
/* An fg_xposting_cb storing the first docid in the fg_docid at ctx and stopping. */
int fg_xdocid_first(void *ctx, fg_docid did, unsigned wdf);

/* Every document containing term, in docid order. */
fg_status fg_xdb_postings(fg_xdb *db, const char *term, size_t len, fg_xposting_cb cb, void *ctx, fg_err *err);
/* Every term starting with prefix (may be ""), with its term frequency, in sorted order. */
fg_status fg_xdb_allterms(fg_xdb *db, const char *prefix, fg_xterm_cb cb, void *ctx, fg_err *err);
/* Every term of a document, with its wdf, in sorted order. */
fg_status fg_xdb_termlist(fg_xdb *db, fg_docid did, fg_xterm_cb cb, void *ctx, fg_err *err);
/* Every metadata key starting with prefix, with its value. */
fg_status fg_xdb_metadata_keys(fg_xdb *db, const char *prefix, fg_xmeta_cb cb, void *ctx, fg_err *err);

/* ---- writable databases ---- */

enum {
	FG_XW_CREATE_OR_OPEN = 0, /* open, creating if missing */
	FG_XW_CREATE = 1,         /* create, fail if it exists */
	FG_XW_OVERWRITE = 2,      /* create, replacing anything there */
	FG_XW_OPEN = 3,           /* open, fail if missing */
	FG_XW_NOSYNC = 0x10,      /* Xapian DB_NO_SYNC: faster, for fresh builds that are fsynced later */
	FG_XW_TXN = 0x20,         /* hold every change until fg_xwdb_commit (nothing reaches disk before) */
};

/*
 * Open a writable glass database. flush_threshold: documents per automatic
 * flush (0 = Xapian's default; ignored with FG_XW_TXN). Errors:
 * FG_E_LOCKED when another writer holds it, FG_E_IO, FG_E_XAPIAN.
 */
fg_status fg_xwdb_open(const char *path, int flags, unsigned flush_threshold, fg_xwdb **out, fg_err *err);
/* Add doc; *did (may be NULL) gets its docid. */
fg_status fg_xwdb_add_document(fg_xwdb *w, const fg_xdoc *doc, fg_docid *did, fg_err *err);
/* Replace the documents indexed by unique_term with doc (adds when none). */
fg_status fg_xwdb_replace_document(fg_xwdb *w, const char *unique_term, size_t len, const fg_xdoc *doc, fg_err *err);
/* Delete every document indexed by term. */
fg_status fg_xwdb_delete_documents(fg_xwdb *w, const char *term, size_t len, fg_err *err);
fg_status fg_xwdb_set_metadata(fg_xwdb *w, const char *key, const char *val, size_t vlen, fg_err *err);
fg_status fg_xwdb_get_metadata(fg_xwdb *w, const char *key, char **val, size_t *vlen, fg_err *err);
fg_status fg_xwdb_metadata_keys(fg_xwdb *w, const char *prefix, fg_xmeta_cb cb, void *ctx, fg_err *err);
unsigned fg_xwdb_doccount(fg_xwdb *w);
unsigned fg_xwdb_termfreq(fg_xwdb *w, const char *term, size_t len);
/* Every document containing term (on the writable handle, including uncommitted changes). */
fg_status fg_xwdb_postings(fg_xwdb *w, const char *term, size_t len, fg_xposting_cb cb, void *ctx, fg_err *err);
fg_status fg_xwdb_get_document(fg_xwdb *w, fg_docid did, fg_xdoc **out, fg_err *err);
/* Make every change so far durable and visible to readers (atomically). */
fg_status fg_xwdb_commit(fg_xwdb *w, fg_err *err);
/* Close without committing: with FG_XW_TXN pending changes are discarded. */
void fg_xwdb_close(fg_xwdb *w);

/* Compact the database at src (a directory or stub) into a new database at dst (must not exist). */
fg_status fg_xdb_compact(const char *src, const char *dst, fg_err *err);

/* ---- documents ---- */

fg_xdoc *fg_xdoc_new(void);
void fg_xdoc_free(fg_xdoc *d);
void fg_xdoc_set_data(fg_xdoc *d, const char *data, size_t len);
/*
 * Set d's data as a value in a reserved slot (FG_XDATA_SLOT) instead of
 * Xapian's document data: Xapian 1.4 deflates every document data of more
 * than 4 bytes as it is written (a zlib stream reset, 128 KiB of memset, and
 * the compression, per document), values it stores as they are. Faster to
 * write, larger on disk; fg_xdoc_get_data reads either form.
 */
void fg_xdoc_set_data_value(fg_xdoc *d, const char *data, size_t len);
/* The value slot fg_xdoc_set_data_value uses: no other value may go there. */
#define FG_XDATA_SLOT 0xfffffff0u
/* Borrowed until d is freed or changed. */
const char *fg_xdoc_get_data(fg_xdoc *d, size_t *len);
/* Add a positional posting (term at pos, wdf += wdfinc). */
void fg_xdoc_add_posting(fg_xdoc *d, const char *term, size_t len, unsigned pos, unsigned wdfinc);
/* Add a term without position (wdf += wdfinc). */
void fg_xdoc_add_term(fg_xdoc *d, const char *term, size_t len, unsigned wdfinc);
/* Add a term with wdf 0 (filters, ids). */
void fg_xdoc_add_boolean_term(fg_xdoc *d, const char *term, size_t len);
void fg_xdoc_add_value(fg_xdoc *d, unsigned slot, const char *val, size_t len);
/* Borrowed until d is freed; "" when the slot is empty. */
const char *fg_xdoc_get_value(fg_xdoc *d, unsigned slot, size_t *len);
/* Xapian docid of a document fetched from a database (0 for new ones). */
fg_docid fg_xdoc_docid(fg_xdoc *d);
/*
 * The value in slot of a document indexed by term, in the database d was
 * fetched from (a document read beside d: its record), into *val (caller
 * frees; NULL and *vlen 0 when d is a new document, or no document has the
 * term): the first such value that match (may be NULL) accepts, else the
 * first. Errors: FG_E_XAPIAN.
 */
typedef int (*fg_xvalue_match)(void *ctx, const char *val, size_t len);
fg_status fg_xdoc_term_value(fg_xdoc *d, const char *term, size_t len, unsigned slot, fg_xvalue_match match,
			     void *ctx, char **val, size_t *vlen, fg_err *err);

/* Xapian::sortable_serialise: a string that sorts like the double. Returns bytes written (<= 18). */
size_t fg_x_sortable_serialise(double v, char out[18]);
double fg_x_sortable_unserialise(const char *s, size_t len);

/* ---- queries (immutable; constructors return new handles, combinators copy their inputs) ---- */

enum fg_xq_op {
	FG_XQ_AND,
	FG_XQ_OR,
	FG_XQ_AND_NOT,   /* first AND NOT (OR of the rest) */
	FG_XQ_AND_MAYBE, /* first, weighted by the rest where they match */
	FG_XQ_FILTER,    /* first, restricted to the rest, which add no weight */
	FG_XQ_PHRASE,    /* terms in order within window positions */
	FG_XQ_NEAR,      /* terms in any order within window positions */
	FG_XQ_ELITE_SET, /* the window best of the subqueries, OR-ed */
	FG_XQ_SYNONYM,
	FG_XQ_MAX,
	FG_XQ_XOR
};

/* term with query frequency wqf (>= 1) and query position pos (0 = none). */
fg_xq *fg_xq_term(const char *term, size_t len, unsigned wqf, unsigned pos);
/* Combine n subqueries (NULL entries are skipped). window: PHRASE/NEAR window, ELITE_SET size; 0 = default. */
fg_xq *fg_xq_combine(int op, fg_xq *const *subs, size_t n, unsigned window);
/* The OR of subs[0..n), which it frees with the array (fg_xcalloc'ed); NULL when n is 0. */
fg_xq *fg_xq_or_take(fg_xq **subs, size_t n);
fg_xq *fg_xq_pair(int op, const fg_xq *a, const fg_xq *b);
/* Multiply the weight of q by factor (0 = boolean). */
fg_xq *fg_xq_scale(const fg_xq *q, double factor);
/* Documents whose value in slot is within [lo, hi]; lo or hi NULL = open. */
fg_xq *fg_xq_value_range(unsigned slot, const char *lo, const char *hi);
/*
 * Every document whose term starts with prefix (Xapian wildcard, limit 0 =
 * none), as one OP_SYNONYM: its frequency is estimated, differently on one
 * database than on shards, so weight it 0 where rankings must agree.
 */
fg_xq *fg_xq_wildcard(const char *prefix, unsigned limit);
/*
 * A weight-only source: each document's weight is the double stored by
 * sortable_serialise in slot (documents without it match with weight 0).
 * Use with FG_XQ_AND_MAYBE to add a prior to a relevance query.
 */
fg_xq *fg_xq_value_weight(unsigned slot);
/*
 * A weight-only source mapping the string value in slot to a weight:
 * keys[i] -> weights[i] (>= 0), any other value (or none) -> dflt.
 */
fg_xq *fg_xq_value_map(unsigned slot, const char *const *keys, const double *weights, size_t n, double dflt);
/*
 * Columns: the values of a few slots of every document held in memory as
 * small codes, loaded once per database revision (reload after a reopen
 * that moved). Facet counts and static priors then cost an array lookup per
 * matching document instead of a B-tree lookup. Local databases only: the
 * spies and posting sources made from them cannot run on a remote shard.
 */
typedef struct fg_xcols fg_xcols;
fg_status fg_xcols_load(fg_xdb *db, const unsigned *slots, size_t nslots, fg_xcols **out, fg_err *err);
void fg_xcols_free(fg_xcols *c);
/* Another handle on the same columns (shared, read-only: usable from another thread). */
fg_xcols *fg_xcols_dup(const fg_xcols *c);
/*
 * A copy of c whose column slot holds values[i] for document dids[i]
 * (combined docids): the calendar's status of the few documents whose stored
 * one is out of date (search/statusq.c). NULL when c has no such column.
 */
fg_xcols *fg_xcols_with(const fg_xcols *c, unsigned slot, const fg_docid *dids, const char *const *values, size_t n);
/* Memory held (approximate), in bytes. */
size_t fg_xcols_bytes(const fg_xcols *c);
int fg_xcols_has(const fg_xcols *c, unsigned slot);
/* fg_xq_value_map reading slot from c (the same weights); fg_xq_value_map itself when c lacks slot. */
fg_xq *fg_xq_cols_map(const fg_xcols *c, unsigned slot, const char *const *keys, const double *weights, size_t n,
		      double dflt);
/*
 * The documents indexed by term, each weighted weight (weight-only, for
 * FG_XQ_AND_MAYBE). Local databases only: xapian-tcpsrv does not know the
 * posting source.
 */
fg_xq *fg_xq_term_weight(const char *term, size_t len, double weight);
/* The documents of docids v[0..n) (of a single database: not shards), no weight: a filter. */
fg_xq *fg_xq_docids(const fg_docid *v, size_t n);
fg_xq *fg_xq_match_all(void);
fg_xq *fg_xq_match_nothing(void);
int fg_xq_empty(const fg_xq *q);
/*
 * 1 when q can match no document of db, as its terms' frequencies show (an
 * AND or phrase with a term no document holds, an OR of such); 0 when it
 * may match (or on error). A few B-tree look-ups instead of a match.
 */
int fg_xq_none_match(fg_xdb *db, const fg_xq *q);
/* Xapian's description of q; caller frees. */
char *fg_xq_describe(const fg_xq *q);
fg_xq *fg_xq_dup(const fg_xq *q);
void fg_xq_free(fg_xq *q);

/* ---- enquire ---- */

fg_xenq *fg_xenq_new(fg_xdb *db);
void fg_xenq_free(fg_xenq *e);
void fg_xenq_set_query(fg_xenq *e, const fg_xq *q);
/* BM25 parameters (Xapian defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5). */
void fg_xenq_set_bm25(fg_xenq *e, double k1, double k2, double k3, double b, double min_normlen);
/*
 * Read document lengths for BM25 from c (loaded with the columns) instead of
 * the database: the same weights, at a fraction of the cost for frequent
 * terms. Local databases only (c from fg_xcols_load); NULL turns it off.
 * -1 if c holds no lengths.
 */
int fg_xenq_use_lengths(fg_xenq *e, const fg_xcols *c);
/* Xapian's description of the query the last match ran (after any rewrite); caller frees. */
char *fg_xenq_describe(const fg_xenq *e);
/* Plain boolean weighting (all weights 0). */
void fg_xenq_set_boolean(fg_xenq *e);
/*
 * Only documents weighing at least w (0 = all): Xapian starts its pruning
 * there, so a match known to need no less is cheaper.
 */
void fg_xenq_set_min_weight(fg_xenq *e, double w);
/* At most max hits per distinct value of slot (0 disables). */
void fg_xenq_set_collapse(fg_xenq *e, unsigned slot, unsigned max);
enum { FG_XSORT_RELEVANCE = 0, FG_XSORT_VALUE = 1, FG_XSORT_VALUE_THEN_RELEVANCE = 2, FG_XSORT_RELEVANCE_THEN_VALUE = 3 };
/* Sort order; reverse = 1 sorts values descending. */
void fg_xenq_set_sort(fg_xenq *e, int how, unsigned slot, int reverse);
/* Count the values of slot over every matching document seen; returns the spy's index. */
int fg_xenq_add_value_spy(fg_xenq *e, unsigned slot);
/* Values counted by spy i in the last match, most frequent first. */
fg_status fg_xenq_spy_values(fg_xenq *e, int spy, fg_xterm_cb cb, void *ctx, fg_err *err);
/*
 * Count the values of every column of c over every matching document seen
 * by each following match (NULL stops), like value spies on those slots.
 * -1 (and nothing counted) when c's database has several shards: Xapian
 * 1.4 gives match spies shard docids without the shard, so only value
 * spies (fg_xenq_add_value_spy) can count there.
 */
int fg_xenq_count_cols(fg_xenq *e, const fg_xcols *c);
/*
 * How many documents the last match showed its spies (*units) and how many
 * of them the counts hold (*counted: one per value of the collapse key when
 * one is set, as the hits). -1 when nothing was counted, or when value
 * spies ran under a collapse key (they count every unit).
 */
int fg_xenq_spied(const fg_xenq *e, unsigned *units, unsigned *counted);
/* Values of slot counted in the last match, most frequent first (as fg_xenq_spy_values). */
fg_status fg_xenq_cols_values(fg_xenq *e, unsigned slot, fg_xterm_cb cb, void *ctx, fg_err *err);
/*
 * Run the query: hits first..first+maxitems-1, checking at least
 * check_at_least documents (exact totals and spies when large). On
 * DatabaseModifiedError the database is reopened and the match retried
 * once. Caller frees *out.
 */
fg_status fg_xenq_get_mset(fg_xenq *e, unsigned first, unsigned maxitems, unsigned check_at_least, fg_xmset **out,
			   fg_err *err);
/*
 * Expand set: the best maxitems terms of the documents rset[0..n-1]
 * (more-like-this). Terms starting with an uppercase ASCII letter
 * (prefixed terms) are skipped when skip_prefixed is set; exclude(ctx,
 * term, len) returning nonzero skips others (may be NULL).
 */
fg_status fg_xenq_get_eset(fg_xenq *e, const fg_docid *rset, size_t n, unsigned maxitems, int skip_prefixed,
			   int (*exclude)(void *ctx, const char *term, size_t len), void *ctx, fg_xeset **out,
			   fg_err *err);

/* ---- match sets ---- */

unsigned fg_xmset_size(const fg_xmset *m);
/* Estimated / bounds of the number of matches (exact when check_at_least covered them all). */
unsigned fg_xmset_estimated(const fg_xmset *m);
unsigned fg_xmset_lower(const fg_xmset *m);
unsigned fg_xmset_upper(const fg_xmset *m);
/* The upper bound of the matches before collapsing (as fg_xmset_upper without a collapse key). */
unsigned fg_xmset_uncollapsed_upper(const fg_xmset *m);
fg_docid fg_xmset_docid(const fg_xmset *m, unsigned i);
double fg_xmset_weight(const fg_xmset *m, unsigned i);
/* Number of other documents collapsed into hit i (a lower bound). */
unsigned fg_xmset_collapse_count(const fg_xmset *m, unsigned i);
/*
 * The collapse key (the value of the collapse slot) of hit i, as the match
 * kept it: no document is read. A copy the caller frees (free()), with its
 * length in *len; NULL when i is out of range or the match was not collapsed.
 */
char *fg_xmset_collapse_key(const fg_xmset *m, unsigned i, size_t *len);
fg_status fg_xmset_document(const fg_xmset *m, unsigned i, fg_xdoc **out, fg_err *err);
void fg_xmset_free(fg_xmset *m);

unsigned fg_xeset_size(const fg_xeset *s);
/* Borrowed until s is freed. */
const char *fg_xeset_term(const fg_xeset *s, unsigned i, size_t *len);
double fg_xeset_weight(const fg_xeset *s, unsigned i);
void fg_xeset_free(fg_xeset *s);

/* Xapian library version string ("1.4.22"). */
const char *fg_xapian_version(void);

#ifdef __cplusplus
}
#endif
#endif
