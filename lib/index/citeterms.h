/*
 * citeterms.h - the citation terms of a unit: XT<rule name> for every rule
 * its text cites (refs.h extracts them; search/cite.h resolves them at query
 * time).
 */
#ifndef FG_CITETERMS_H
#define FG_CITETERMS_H

#include "base.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Add an XT<name> boolean term to x for every rule name the text cites (names too long for a term are skipped). */
void fg_cite_index_terms(fg_xdoc *x, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
