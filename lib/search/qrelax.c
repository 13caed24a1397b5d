/*
 * qrelax.c - the relaxed query for natural-language questions: an OR of the
 * distinct body bigrams and words of a plain query's positive terms minus
 * stop words, with their title, heading and keyword (K: keywords x idf)
 * counterparts at the given weights; the OR of the thesaurus' statute words
 * (fg_query_words); and the test of whether a tree is plain enough to relax.
 */
#include "query.h"

#include "rank.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

int fg_query_is_plain(const fg_qnode *n)
{
	if (n->type == FG_Q_TEXT)
		return n->field == FG_F_ANY || n->field == FG_F_RULE;
	if (n->type != FG_Q_AND)
		return 0;
	for (size_t i = 0; i < n->nkids; i++)
		if (!fg_query_is_plain(n->kids[i]))
			return 0;
	return 1;
}

/* ---- the relaxed query ---- */

fg_relax_opts fg_relax_opts_tuned(const fg_tuning *t, fg_xdb *db)
{
	fg_relax_opts o = {t->relax_title, t->relax_heading, t->keywords, db, t->assoc, t->assoc_docs, t->assoc_terms,
			  t->learned, t->learned_terms};
	return o;
}

struct relax {
	const fg_stopwords *sw;
	fg_qtoks seen;
};

static void relax_collect(struct relax *r, const fg_qnode *n)
{
	if (n->type == FG_Q_NOT)
		return;
	if (n->type == FG_Q_TEXT || n->type == FG_Q_REF) {
		if (n->type == FG_Q_TEXT && n->field != FG_F_ANY && n->field != FG_F_RULE)
			return;
		fg_qtoks ts = {0};
		fg_query_tokens(n->text, strlen(n->text), &ts);
		for (size_t i = 0; i < ts.n; i++) {
			fg_qtok *t = &ts.v[i];
			if (fg_stopwords_has(r->sw, t->text, t->len))
				continue;
			int dup = 0;
			for (size_t j = 0; j < r->seen.n && !dup; j++)
				dup = r->seen.v[j].len == t->len && !memcmp(r->seen.v[j].text, t->text, t->len);
			if (dup)
				continue;
			r->seen.v = fg_xrealloc(r->seen.v, (r->seen.n + 1) * sizeof *r->seen.v);
			r->seen.v[r->seen.n++] = *t;
		}
		free(ts.v);
	}
	for (size_t i = 0; i < n->nkids; i++)
		relax_collect(r, n->kids[i]);
}

fg_xq *fg_query_relaxed(const fg_qnode *n, const fg_stopwords *sw, const fg_relax_opts *o, size_t *nterms,
			char ***needles, size_t *nneedles)
{
	struct relax r = {sw, {0}};
	relax_collect(&r, n);
	*nterms = r.seen.n;
	*needles = NULL;
	*nneedles = 0;
	if (r.seen.n == 0) {
		free(r.seen.v);
		return NULL;
	}
	fg_xq **subs = fg_xcalloc(r.seen.n * 4 + 2, sizeof *subs);
	size_t ns = 0;
	char **nd = fg_xcalloc(r.seen.n, sizeof *nd);
	fg_buf kt = {0};
	for (size_t i = 0; i < r.seen.n; i++) {
		fg_qtok *t = &r.seen.v[i];
		subs[ns++] = fg_query_term(FG_QBODY, t->text, t->len);
		if (t->kind == FG_TK_BIGRAM && o->title > 0) {
			fg_xq *tq = fg_query_term(FG_PFX_TITLE, t->text, t->len);
			subs[ns++] = fg_xq_scale(tq, o->title);
			fg_xq_free(tq);
		}
		if (t->kind == FG_TK_BIGRAM && o->keywords > 0 && o->db) {
			/* K terms have wdf 0 (article lengths leave them out): weight keywords x BM25's idf */
			fg_term_field(&kt, FG_PFX_KEYWORD, t->text, t->len);
			unsigned tf = fg_xdb_termfreq(o->db, kt.data, kt.len);
			if (tf)
				subs[ns++] = fg_xq_term_weight(kt.data, kt.len,
							       o->keywords * fg_rank_idf(fg_xdb_doccount(o->db), tf));
		}
		if (t->kind == FG_TK_BIGRAM && o->heading > 0) {
			fg_xq *hq = fg_query_term(FG_PFX_HEADING, t->text, t->len);
			subs[ns++] = fg_xq_scale(hq, o->heading);
			fg_xq_free(hq);
		}
		nd[i] = fg_xstrndup(t->text, t->len);
	}
	fg_buf_free(&kt);
	fg_xq *assoc = fg_query_assoc(o->db, r.seen.v, r.seen.n, o);
	if (assoc)
		subs[ns++] = assoc;
	fg_xq *learned = fg_query_learned(fg_learned_default(), r.seen.v, r.seen.n, o);
	if (learned)
		subs[ns++] = learned;
	fg_xq *q = fg_xq_or_take(subs, ns);
	free(r.seen.v);
	*needles = nd;
	*nneedles = *nterms;
	return q;
}

fg_xq *fg_query_words(char *const *words, size_t n, double heading_weight)
{
	fg_xq **subs = fg_xcalloc(n ? 2 * n : 1, sizeof *subs);
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		if ((subs[ns] = fg_query_phrase(words[i], FG_QBODY)) == NULL)
			continue;
		ns++;
		fg_xq *h = heading_weight > 0 ? fg_query_phrase(words[i], FG_PFX_HEADING) : NULL;
		if (h) {
			subs[ns++] = fg_xq_scale(h, heading_weight);
			fg_xq_free(h);
		}
	}
	fg_xq *q = fg_xq_or_take(subs, ns);
	return q;
}

struct words {
	char **v;
	size_t n;
};

static void add_word(void *ctx, const char *w, size_t len)
{
	struct words *ws = ctx;
	for (size_t i = 0; i < ws->n; i++)
		if (strlen(ws->v[i]) == len && !memcmp(ws->v[i], w, len))
			return;
	ws->v = fg_xrealloc(ws->v, (ws->n + 1) * sizeof *ws->v);
	ws->v[ws->n++] = fg_xstrndup(w, len);
}

fg_xq *fg_query_synonyms(const fg_thesaurus *th, double weight, double heading_weight, const char *q, size_t qlen,
			 char ***needles, size_t *nneedles)
{
	if (weight <= 0)
		return NULL;
	struct words ws = {0};
	fg_thesaurus_expand(th, q, qlen, add_word, &ws);
	fg_xq *words = fg_query_words(ws.v, ws.n, heading_weight);
	fg_xq *out = words ? fg_xq_scale(words, weight) : NULL;
	fg_xq_free(words);
	if (ws.n) {
		*needles = fg_xrealloc(*needles, (*nneedles + ws.n + 1) * sizeof **needles);
		memcpy(*needles + *nneedles, ws.v, ws.n * sizeof *ws.v);
		*nneedles += ws.n;
	}
	free(ws.v);
	return out;
}
