/*
 * evidence.h - internal to the search layer: the document evidence of
 * relaxed questions (search.c), which may be found in a thread of its own,
 * and the count of searches under way that decides whether a thread is
 * worth it.
 */
#ifndef FG_EVIDENCE_H
#define FG_EVIDENCE_H

#include "searcher.h"

/*
 * Document evidence for questions: rank whole documents with the same query
 * (collapsed on the id), and give the units of the best doc_top documents a
 * weight proportional to their document's score. evidence_match finds the
 * documents (it may run in a thread of its own, on a handle of its own:
 * match_parallel), evidence_query makes the weights a query.
 */

typedef struct fg_evidence {
	fg_xdb *db;           /* the database to match on */
	const fg_xcols *cols; /* its document lengths, NULL over remote shards */
	const fg_tuning *t;
	fg_xq *q;             /* the ranked question (owned) */
	char **ids;           /* the best documents' ids, best first */
	double *w;            /* the weight their units get */
	double *best;         /* the weight of each one's best unit without it (the collapsed match) */
	unsigned n;
} fg_evidence;

/* Find ev's documents: fills ids, w, best and n (nothing on error). */
void fg_evidence_match(fg_evidence *ev);
/* fg_evidence_match as a thread's start routine (arg: the fg_evidence). */
void *fg_evidence_thread(void *arg);
/* The evidence as weights of the documents' units: their D<id> terms (local), else the id value. NULL when none. */
fg_xq *fg_evidence_query(const fg_evidence *ev);
/*
 * The units of the evidence documents whose best unit can weigh least with
 * the evidence, as a filter (their D<id> terms, no weight); NULL when none.
 */
fg_xq *fg_evidence_units(const fg_evidence *ev, double least);
/* Free what ev holds (its query too). */
void fg_evidence_fin(fg_evidence *ev);
/* The document evidence of q (borrowed) on s's database, in this thread, as a query; NULL when off or none. */
fg_xq *fg_evidence_of(fg_searcher *s, const fg_xq *q);

/* fg_search: +1 when a search starts, -1 when it ends. */
void fg_searches_running(int delta);
/* Whether fewer searches are under way in the process than it has cores. */
int fg_core_idle(void);

#endif
