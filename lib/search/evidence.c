/*
 * evidence.c - the document evidence of relaxed questions (evidence.h):
 * the question ranked as whole documents, the best ones' units weighted by
 * their document's score; and the count of searches under way.
 */
#include "evidence.h"
#include "terms.h"

#include <stdlib.h>
#include <unistd.h>

/* Searches under way in the process (fg_search), against the cores: a second thread helps only when one is idle. */
static unsigned searches_running;

void fg_searches_running(int delta)
{
	if (delta > 0)
		__atomic_add_fetch(&searches_running, 1, __ATOMIC_RELAXED);
	else
		__atomic_sub_fetch(&searches_running, 1, __ATOMIC_RELAXED);
}

int fg_core_idle(void)
{
	static long cores;
	long n = __atomic_load_n(&cores, __ATOMIC_RELAXED);
	if (n == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
		__atomic_store_n(&cores, n, __ATOMIC_RELAXED);
	}
	return __atomic_load_n(&searches_running, __ATOMIC_RELAXED) < (unsigned long)n;
}

void fg_evidence_match(fg_evidence *ev)
{
	fg_xenq *e = fg_xenq_new(ev->db);
	fg_xenq_set_query(e, ev->q);
	fg_xenq_set_bm25(e, ev->t->k1, 0, 1, ev->t->b, FG_BM25_MIN_NORMLEN);
	fg_xenq_use_lengths(e, ev->cols);
	fg_xenq_set_collapse(e, FG_SLOT_ID, 1);
	fg_xmset *m = NULL;
	if (fg_xenq_get_mset(e, 0, (unsigned)ev->t->doc_top, 0, &m, NULL) == FG_OK && fg_xmset_size(m) > 0) {
		unsigned n = fg_xmset_size(m);
		ev->ids = fg_xcalloc(n, sizeof *ev->ids);
		ev->w = fg_xcalloc(n, sizeof *ev->w);
		ev->best = fg_xcalloc(n, sizeof *ev->best);
		double top = fg_xmset_weight(m, 0);
		for (unsigned i = 0; i < n; i++) {
			size_t len; /* the id is the collapse key: no document read */
			char *v = fg_xmset_collapse_key(m, i, &len);
			if (!v)
				continue;
			ev->ids[ev->n] = v;
			ev->best[ev->n] = fg_xmset_weight(m, i);
			ev->w[ev->n++] = top > 0 ? ev->t->doc_boost * fg_xmset_weight(m, i) / top : 0;
		}
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
}

void *fg_evidence_thread(void *arg)
{
	fg_evidence_match(arg);
	return NULL;
}

fg_xq *fg_evidence_query(const fg_evidence *ev)
{
	if (!ev->n)
		return NULL;
	if (!ev->cols)
		return fg_xq_value_map(FG_SLOT_ID, (const char *const *)ev->ids, ev->w, ev->n, 0);
	fg_xq **subs = fg_xcalloc(ev->n, sizeof *subs);
	for (unsigned i = 0; i < ev->n; i++) {
		fg_buf t = {0};
		fg_term_doc(&t, ev->ids[i]);
		subs[i] = fg_xq_term_weight(t.data, t.len, ev->w[i]);
		fg_buf_free(&t);
	}
	fg_xq *out = fg_xq_or_take(subs, ev->n);
	return out;
}

fg_xq *fg_evidence_units(const fg_evidence *ev, double least)
{
	fg_xq **subs = fg_xcalloc(ev->n ? ev->n : 1, sizeof *subs);
	unsigned k = 0;
	for (unsigned i = 0; i < ev->n; i++) {
		if (ev->best[i] + ev->w[i] < least)
			continue;
		fg_buf t = {0};
		fg_term_doc(&t, ev->ids[i]);
		subs[k++] = fg_xq_term(t.data, t.len, 1, 0);
		fg_buf_free(&t);
	}
	fg_xq *out = fg_xq_or_take(subs, k);
	return out;
}

void fg_evidence_fin(fg_evidence *ev)
{
	for (unsigned i = 0; i < ev->n; i++)
		free(ev->ids[i]);
	free(ev->ids);
	free(ev->w);
	free(ev->best);
	fg_xq_free(ev->q);
}

fg_xq *fg_evidence_of(fg_searcher *s, const fg_xq *q)
{
	if (s->tune.doc_boost <= 0 || s->tune.doc_top < 1)
		return NULL;
	fg_evidence ev = {.db = s->db, .cols = fg_searcher_cols(s), .t = &s->tune, .q = fg_xq_dup(q)};
	fg_evidence_match(&ev);
	fg_xq *out = fg_evidence_query(&ev);
	fg_evidence_fin(&ev);
	return out;
}
