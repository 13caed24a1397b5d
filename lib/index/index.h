/*
 * index.h - one parsed document in the index's form: a Xapian document per
 * unit (article, preamble, appendix, section) plus one record, with the
 * terms of terms.h, the values of its slots and the data of record.h; and
 * the static prior of a unit. Internal to the core (the build and the
 * status events write through it).
 */
#ifndef FG_INDEX_H
#define FG_INDEX_H

#include "base.h"
#include "doc.h"
#include "keywords.h"
#include "terms.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif


/* Static prior of a unit from its document's status and level (added to BM25, scaled at query time). */
double fg_index_prior(const fg_meta *m);

/*
 * Build the Xapian documents for one parsed document: units (*units,
 * *nunits, each freed with fg_xdoc_free, array with free) and the record
 * (*record). relpath is the file path relative to its root; hash the
 * content hash as hex. The meta must have id set, at most FG_ID_MAX bytes
 * (terms.h; a longer id would give terms Xapian refuses, so they are left out).
 */

void fg_index_build(const fg_doc *d, const fg_keywords *kw, const char *relpath, const char *hash,
		    fg_xdoc ***units, size_t *nunits, fg_xdoc **record);




#ifdef __cplusplus
}
#endif
#endif
