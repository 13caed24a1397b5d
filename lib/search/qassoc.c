/*
 * qassoc.c - word associations for relaxed questions, learned from the
 * index: the units whose article keywords (K terms) hold the question's
 * bigrams are taken as relevant to the question, and the body terms that
 * characterize them (Xapian's expand set over the best of them) are OR-ed
 * into the question at a low weight. The everyday words of the keyword
 * files thus lead to the statute words they go with (偷了 -> 盗窃, 财物;
 * 派遣 -> 用工单位), which also occur in articles without keywords.
 * Unlike pseudo-relevance feedback (measured and lost, bench/RESULTS.md),
 * the units come from a keyword match, not from the top of the ranking.
 */
#include "query.h"

#include "rank.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

struct seen {
	const fg_qtok *v;
	size_t n;
};

/* Expand-set filter: skip single characters and the question's own tokens. */
static int skip_term(void *ctx, const char *term, size_t len)
{
	const struct seen *s = ctx;
	if (len <= 3)
		return 1;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].len == len && !memcmp(s->v[i].text, term, len))
			return 1;
	return 0;
}

/* OR of the K terms of the bigrams of toks, each weighted by its idf (K terms have wdf 0); NULL when none exists. */
static fg_xq *keyword_match(fg_xdb *db, const fg_qtok *toks, size_t n)
{
	double ndocs = fg_xdb_doccount(db);
	fg_xq **subs = fg_xcalloc(n ? n : 1, sizeof *subs);
	size_t ns = 0;
	fg_buf kt = {0};
	for (size_t i = 0; i < n; i++) {
		if (toks[i].kind != FG_TK_BIGRAM)
			continue;
		fg_term_field(&kt, FG_PFX_KEYWORD, toks[i].text, toks[i].len);
		unsigned tf = fg_xdb_termfreq(db, kt.data, kt.len);
		if (tf)
			subs[ns++] = fg_xq_term_weight(kt.data, kt.len, fg_rank_idf(ndocs, tf));
	}
	fg_buf_free(&kt);
	fg_xq *q = fg_xq_or_take(subs, ns);
	return q;
}

/* The terms of es as body terms, each at weight x its expand weight relative to the best. */
static fg_xq *expansion(const fg_xeset *es, double weight)
{
	unsigned ne = fg_xeset_size(es);
	double top = fg_xeset_weight(es, 0);
	fg_xq **ts = fg_xcalloc(ne, sizeof *ts);
	for (unsigned i = 0; i < ne; i++) {
		size_t len;
		const char *t = fg_xeset_term(es, i, &len);
		fg_xq *tq = fg_query_term(FG_QBODY, t, len);
		ts[i] = fg_xq_scale(tq, top > 0 ? weight * fg_xeset_weight(es, i) / top : 0);
		fg_xq_free(tq);
	}
	fg_xq *q = fg_xq_or_take(ts, ne);
	return q;
}

fg_xq *fg_query_assoc(fg_xdb *db, const fg_qtok *toks, size_t n, const fg_relax_opts *o)
{
	if (!db || o->assoc <= 0 || o->keywords <= 0 || o->assoc_docs < 1 || o->assoc_terms < 1)
		return NULL;
	fg_xq *kq = keyword_match(db, toks, n);
	if (!kq)
		return NULL;
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, kq);
	fg_xmset *m = NULL;
	fg_xeset *es = NULL;
	fg_xq *out = NULL;
	struct seen sn = {toks, n};
	if (fg_xenq_get_mset(e, 0, (unsigned)o->assoc_docs, 0, &m, NULL) == FG_OK && fg_xmset_size(m)) {
		unsigned nd = fg_xmset_size(m);
		fg_docid *rs = fg_xcalloc(nd, sizeof *rs);
		for (unsigned i = 0; i < nd; i++)
			rs[i] = fg_xmset_docid(m, i);
		if (fg_xenq_get_eset(e, rs, nd, (unsigned)o->assoc_terms, 1, skip_term, &sn, &es, NULL) == FG_OK &&
		    fg_xeset_size(es))
			out = expansion(es, o->assoc);
		free(rs);
	}
	fg_xeset_free(es);
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(kq);
	return out;
}
