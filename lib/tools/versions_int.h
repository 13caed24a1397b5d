/*
 * versions_int.h - internal to the version tools of lib/tools (versions.c,
 * compare.c, events.c, validity.c, changes.c, catalogue.c), not part of
 * fagui.h: the index as they read and write it (vindex.c: stored records by
 * id and by term, the superseded_by link, the writable shards of an index
 * directory), the changed spans of two texts (compare_diff.c) and the
 * validity pass with its index of events by document (validity.c). Calls
 * go one way: events.c -> validity.c -> vindex.c; compare.c -> compare_diff.c.
 */
#ifndef FG_VERSIONS_INT_H
#define FG_VERSIONS_INT_H

#include "versions.h"
#include "layout.h"
#include "record.h"
#include "xap.h"

/* ---- vindex.c ---- */

/*
 * The record of document id in a read-only database, decoded into *out
 * (free with fg_record_fin); *superseded_by (may be NULL) gets the stored
 * superseded_by link, "" when none (caller frees). Errors: FG_E_NOTFOUND
 * (no such id, an id over 200 bytes, or stored data that is not a record),
 * FG_E_XAPIAN.
 */
fg_status fg_vindex_record(fg_xdb *db, const char *id, fg_record *out, char **superseded_by, fg_err *err);
/*
 * Append to *ids (*n entries, each freed by the caller) the ids of the
 * records carrying the term prefix + val, at most 64 of them.
 */
fg_status fg_vindex_records_with(fg_xdb *db, const char *prefix, const char *val, char ***ids, size_t *n, fg_err *err);
/* Add the superseded_by member (record.h) and the XZ term to a record built by fg_index_build. */
void fg_vindex_set_superseded_by(fg_xdoc *record, const char *by);

/* The shards of an index directory, open for writing in one transaction each. */
typedef struct fg_shards {
	fg_xwdb *w[FG_LAYOUT_MAX_SHARDS];
	int n;
} fg_shards;

/* Open every shard of DIR's stub. Errors: FG_E_NOTFOUND (no stub), FG_E_XAPIAN, FG_E_LOCKED. */
fg_status fg_shards_open(const char *dir, fg_shards *s, fg_err *err);
fg_status fg_shards_commit(fg_shards *s, fg_err *err);
void fg_shards_close(fg_shards *s);
/* The shard holding the record of document id, or -1. */
int fg_shards_find(fg_shards *s, const char *id);

/* ---- compare_diff.c ---- */

/*
 * Append to row->a_spans / b_spans the byte ranges of a (alen bytes, offsets
 * shifted by abase) and b (bbase) that are not in the other text, as words
 * and phrases: numbers and Latin words whole, insertions and deletions slid
 * to clause boundaries, equalities no longer than the edits around them
 * folded into those edits. Equal texts add nothing.
 */
void fg_diff_spans(const char *a, size_t alen, size_t abase, const char *b, size_t blen, size_t bbase,
		   fg_cmp_row *row);

/* ---- validity.c ---- */

/* The events of an array sorted by document id, for the latest event of a document. */
typedef struct fg_evindex fg_evindex;

/* Index ev[0..n-1] (borrowed: ev outlives the index). Free with fg_evindex_free. */
fg_evindex *fg_evindex_new(const fg_status_event *ev, size_t n);
void fg_evindex_free(fg_evindex *x);
/* The event of document id that decides its status: the latest by date, the last recorded among equal dates; NULL when
 * none. */
const fg_status_event *fg_evindex_latest(const fg_evindex *x, const char *id);

/*
 * Recompute FG_SLOT_VALID_TO of every document of the index in dir (see
 * versions.h) from the stored records and the events ev[0..nev-1], and
 * write the values that changed. The caller holds the indexer lock.
 */
fg_status fg_validity_pass(const char *dir, const fg_status_event *ev, size_t nev, fg_err *err);

#endif
