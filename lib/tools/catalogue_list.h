/*
 * catalogue_list.h - the catalogue of an index: every source document's metadata
 * as stored in its record, for listings such as `fagui-indexer report
 * catalogue` (the catalogue TSV that feeds the indexer is doc.h's
 * fg_catalogue; this is what the index holds).
 */
#ifndef FG_CATALOGUE_LIST_H
#define FG_CATALOGUE_LIST_H

#include "base.h"
#include "doc.h"
#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Called once per document: m its metadata (unset fields NULL), path its
 * source path relative to its root. Both borrowed during the call only.
 * A nonzero return stops the listing.
 */
typedef int (*fg_catalogue_cb)(void *ctx, const fg_meta *m, const char *path);

/*
 * Call cb(ctx, ...) for every document of the index s searches, in index
 * order. A record that cannot be read is skipped; one whose stored data is
 * not a record's is listed with empty metadata and path. Errors:
 * FG_E_XAPIAN (the list of records cannot be read; cb not called).
 */
fg_status fg_catalogue_each(fg_searcher *s, fg_catalogue_cb cb, void *ctx, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
