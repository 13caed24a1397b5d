/*
 * similar.c - more-like-this over article bigrams (see similar.h): tf-idf
 * term vectors, the OR query of a source's best bigrams, cosine re-scoring,
 * grouping by document, conflict findings per hit, the JSON of the API, and
 * the corpus-wide scan for conflicting provisions.
 */
#include "similar.h"
#include "json.h"

#include "doc.h"
#include "index.h"
#include "rank.h"
#include "stored.h"
#include "searcher.h"
#include "terms.h"
#include "xap.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANDIDATES 40       /* BM25 candidates re-scored per source (at least 3 x limit) */
#define MAX_CONFLICTS 16
#define SNIPPET_CHARS 120

/* ---- a string-keyed hash table (idf cache, pair set) ---- */

typedef struct strmap {
	char **keys;
	double *vals;
	size_t cap, n;
} strmap;

static size_t sm_slot(const strmap *m, const char *k, size_t len)
{
	size_t i = (size_t)fg_hash64(k, len) & (m->cap - 1);
	while (m->keys[i] && (strlen(m->keys[i]) != len || memcmp(m->keys[i], k, len) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static double *sm_get(strmap *m, const char *k, size_t len)
{
	if (!m->cap)
		return NULL;
	size_t i = sm_slot(m, k, len);
	return m->keys[i] ? &m->vals[i] : NULL;
}

static void sm_put(strmap *m, const char *k, size_t len, double v)
{
	if ((m->n + 1) * 2 > m->cap) {
		strmap g = {0};
		g.cap = m->cap ? m->cap * 2 : 1024;
		g.keys = fg_xcalloc(g.cap, sizeof *g.keys);
		g.vals = fg_xcalloc(g.cap, sizeof *g.vals);
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				size_t j = sm_slot(&g, m->keys[i], strlen(m->keys[i]));
				g.keys[j] = m->keys[i];
				g.vals[j] = m->vals[i];
				g.n++;
			}
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	size_t i = sm_slot(m, k, len);
	if (!m->keys[i]) {
		m->keys[i] = fg_xstrndup(k, len);
		m->n++;
	}
	m->vals[i] = v;
}

static void sm_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- term vectors ---- */

typedef struct ctx {
	fg_xdb *db;
	const fg_stopwords *sw;
	double ndocs;
	strmap idf;
} ctx;

typedef struct tvec {
	char **terms;   /* sorted, distinct */
	double *w;      /* tf-idf weights */
	size_t n;
	double norm;
} tvec;

typedef struct toks {
	char **v;
	size_t n, cap;
	const fg_stopwords *sw;
} toks;

static int collect_tok(void *vc, const fg_token *t)
{
	toks *c = vc;
	if (t->kind != FG_TK_BIGRAM || fg_stopwords_has(c->sw, t->text, t->len))
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 128;
		c->v = fg_xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = fg_xstrndup(t->text, t->len);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static double idf(ctx *c, const char *term)
{
	size_t len = strlen(term);
	double *v = sm_get(&c->idf, term, len);
	if (v)
		return *v;
	unsigned df = fg_xdb_termfreq(c->db, term, len);
	double x = fg_rank_similarity_idf(c->ndocs, df);
	sm_put(&c->idf, term, len, x);
	return x;
}

static void tvec_build(ctx *c, const char *text, size_t len, tvec *out)
{
	memset(out, 0, sizeof *out);
	toks t = {0};
	t.sw = c->sw;
	fg_tokenize(text, len, FG_TOK_QUERY, collect_tok, &t, NULL);
	if (t.n > 1) /* t.v is NULL for a text without tokens */
		qsort(t.v, t.n, sizeof *t.v, cmp_str);
	out->terms = fg_xcalloc(t.n ? t.n : 1, sizeof *out->terms);
	out->w = fg_xcalloc(t.n ? t.n : 1, sizeof *out->w);
	for (size_t i = 0; i < t.n;) {
		size_t j = i;
		while (j < t.n && !strcmp(t.v[j], t.v[i]))
			j++;
		double w = (1.0 + log((double)(j - i))) * idf(c, t.v[i]);
		out->terms[out->n] = t.v[i];
		out->w[out->n] = w;
		out->norm += w * w;
		out->n++;
		for (size_t k = i + 1; k < j; k++)
			free(t.v[k]);
		i = j;
	}
	out->norm = sqrt(out->norm);
	free(t.v);
}

static void tvec_free(tvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->terms[i]);
	free(v->terms);
	free(v->w);
}

static double cosine(const tvec *a, const tvec *b)
{
	if (a->norm == 0 || b->norm == 0)
		return 0;
	double dot = 0;
	size_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		int c = strcmp(a->terms[i], b->terms[j]);
		if (c == 0)
			dot += a->w[i++] * b->w[j++];
		else if (c < 0)
			i++;
		else
			j++;
	}
	double s = dot / (a->norm * b->norm);
	return s > 1 ? 1 : s;
}

/* Indices of the k heaviest terms of v, heaviest first. */
static size_t top_terms(const tvec *v, size_t k, size_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (n == k && v->w[i] <= v->w[out[k - 1]])
			continue;
		size_t p = n < k ? n++ : k - 1;
		while (p > 0 && v->w[out[p - 1]] < v->w[i]) {
			out[p] = out[p - 1];
			p--;
		}
		out[p] = i;
	}
	return n;
}

/* ---- units ---- */

void fg_simresult_free(fg_simresult *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++) {
		fg_hit_fin(&r->hits[i].hit);
		free(r->hits[i].text);
		free(r->hits[i].conflicts);
	}
	free(r->hits);
	free(r->id);
	free(r->title);
	free(r->level);
	free(r->label);
	free(r->text);
	free(r);
}

/* ---- the search ---- */

/* The query of one term, built into b (terms.h). */
static fg_xq *built_q(fg_buf *b)
{
	fg_xq *q = fg_xq_term(b->data, b->len, 1, 0);
	fg_buf_free(b);
	return q;
}

static void and_not(fg_xq **q, fg_xq *x)
{
	fg_xq *r = fg_xq_pair(FG_XQ_AND_NOT, *q, x);
	fg_xq_free(*q);
	fg_xq_free(x);
	*q = r;
}

static int cmp_simhit(const void *a, const void *b)
{
	const fg_simhit *x = a, *y = b;
	return (x->similarity < y->similarity) - (x->similarity > y->similarity);
}

/* Order hits by document (documents by their best hit), then by similarity. */
static void group_by_doc(fg_simhit *h, size_t n)
{
	if (n > 1)
		qsort(h, n, sizeof *h, cmp_simhit);
	fg_simhit *out = fg_xcalloc(n ? n : 1, sizeof *out);
	char *done = fg_xcalloc(n ? n : 1, 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && !strcmp(h[j].hit.id, h[i].hit.id)) {
				out[k++] = h[j];
				done[j] = 1;
			}
	}
	memcpy(h, out, n * sizeof *h);
	free(out);
	free(done);
}

/* Fill r->hits for source text r->text (r->id/article_index say what to leave out). */
/* OR of the source's best terms, without the source itself (its article, or its whole document), in force only if asked. */
static fg_xq *similar_query(const tvec *src, const size_t *top, size_t nt, const fg_simresult *r,
			    const fg_similar_opts *o)
{
	fg_xq *subs[FG_SIMILAR_TERMS];
	for (size_t i = 0; i < nt; i++)
		subs[i] = fg_xq_term(src->terms[top[i]], strlen(src->terms[top[i]]), 1, 0);
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, nt, 0);
	for (size_t i = 0; i < nt; i++)
		fg_xq_free(subs[i]);
	fg_buf b = {0};
	if (r->id[0]) {
		if (o->other_docs)
			fg_term_doc(&b, r->id);
		else
			fg_term_unit(&b, r->id, r->article_index);
		and_not(&q, built_q(&b));
	}
	if (o->in_force) {
		fg_term_field(&b, FG_PFX_STATUS, FG_STATUS_IN_FORCE, strlen(FG_STATUS_IN_FORCE));
		fg_xq *f = built_q(&b);
		fg_xq *y = fg_xq_pair(FG_XQ_FILTER, q, f);
		fg_xq_free(q);
		fg_xq_free(f);
		q = y;
	}
	return q;
}

/* Score candidate unit u against the source: a hit (with its conflicts) when similar enough. */
static void consider(ctx *c, fg_simresult *r, const tvec *src, const fg_unitrec *u, double weight,
		     const char *const *needles, size_t nt, const fg_similar_opts *o)
{
	const char *text = u->unit.text;
	tvec hv;
	tvec_build(c, text, u->unit.len, &hv);
	double sim = cosine(src, &hv);
	tvec_free(&hv);
	if (sim < o->min_similarity || sim <= 0)
		return;
	fg_simhit *h = &r->hits[r->nhits++];
	fg_hit_from_unit(&h->hit, u);
	h->hit.score = weight;
	h->hit.snippet = fg_snippet(text, u->unit.len, needles, nt, SNIPPET_CHARS);
	h->similarity = sim;
	h->text = fg_xstrdup(text);
	fg_conflict cf[MAX_CONFLICTS];
	size_t nc = fg_conflict_compare(r->text, strlen(r->text), r->level, text, u->unit.len, h->hit.level, cf,
					MAX_CONFLICTS);
	if (nc > MAX_CONFLICTS)
		nc = MAX_CONFLICTS;
	if (nc) {
		h->conflicts = fg_xcalloc(nc, sizeof *h->conflicts);
		memcpy(h->conflicts, cf, nc * sizeof *cf);
		h->nconflicts = nc;
	}
}

static fg_status run_similar(ctx *c, fg_simresult *r, const fg_similar_opts *o, fg_err *err)
{
	unsigned limit = o->limit ? o->limit : 10;
	tvec src;
	tvec_build(c, r->text, strlen(r->text), &src);
	size_t top[FG_SIMILAR_TERMS];
	size_t nt = top_terms(&src, FG_SIMILAR_TERMS, top);
	if (nt == 0) {
		tvec_free(&src);
		return FG_OK;
	}
	fg_xq *q = similar_query(&src, top, nt, r, o);
	fg_xenq *e = fg_xenq_new(c->db);
	fg_xenq_set_query(e, q);
	const fg_tuning *tu = &fg_tuning_default;
	fg_xenq_set_bm25(e, tu->k1, 0, 1, tu->b, FG_BM25_MIN_NORMLEN);
	unsigned cand = limit * 3 > CANDIDATES ? limit * 3 : CANDIDATES;
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, cand, cand, &m, err);
	fg_xq_free(q);
	const char *needles[FG_SIMILAR_TERMS];
	for (size_t i = 0; i < nt; i++)
		needles[i] = src.terms[top[i]];
	unsigned size = st == FG_OK ? fg_xmset_size(m) : 0;
	r->hits = fg_xcalloc(size ? size : 1, sizeof *r->hits);
	for (unsigned i = 0; i < size && st == FG_OK; i++) {
		fg_unitrec u;
		st = fg_stored_hit(m, i, &u, err);
		if (st != FG_OK)
			break;
		consider(c, r, &src, &u, fg_xmset_weight(m, i), needles, nt, o);
		fg_unitrec_fin(&u);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	tvec_free(&src);
	if (st != FG_OK)
		return st;
	/* keep the best `limit`, then group them */
	qsort(r->hits, r->nhits, sizeof *r->hits, cmp_simhit);
	while (r->nhits > limit) {
		fg_simhit *h = &r->hits[--r->nhits];
		fg_hit_fin(&h->hit);
		free(h->text);
		free(h->conflicts);
	}
	group_by_doc(r->hits, r->nhits);
	return FG_OK;
}

static fg_status check_opts(const fg_similar_opts *o, fg_err *err)
{
	if (o->limit > FG_SIMILAR_MAX_LIMIT)
		return fg_err_set(err, FG_E_INVAL, "limit must be between 1 and %d", FG_SIMILAR_MAX_LIMIT);
	if (o->min_similarity < 0 || o->min_similarity > 1)
		return fg_err_set(err, FG_E_INVAL, "min_similarity must be between 0 and 1");
	return FG_OK;
}

static void ctx_init(ctx *c, fg_searcher *s, const fg_stopwords *sw)
{
	memset(c, 0, sizeof *c);
	c->db = fg_searcher_db(s);
	c->sw = sw;
	c->ndocs = (double)fg_searcher_units(s);
	if (c->ndocs < 1)
		c->ndocs = 1;
}

/* A new result (no hits yet) for the unit stored in d. */
static fg_status result_of(fg_xdoc *d, fg_simresult **out, fg_err *err)
{
	fg_unitrec u;
	fg_status st = fg_stored_unit(d, &u, err);
	if (st != FG_OK)
		return st;
	fg_simresult *r = fg_xcalloc(1, sizeof *r);
	r->id = fg_xstrdup(u.meta.id ? u.meta.id : "");
	r->title = fg_xstrdup(u.meta.title ? u.meta.title : "");
	r->level = fg_xstrdup(u.meta.level ? u.meta.level : "");
	r->label = fg_xstrdup(u.unit.label);
	r->article_index = u.index;
	r->text = fg_xstrdup(u.unit.text);
	fg_unitrec_fin(&u);
	*out = r;
	return FG_OK;
}

/* Load unit article_index of document id into a new result (no hits yet). */
static fg_status load_unit(fg_xdb *db, const char *id, int article_index, fg_simresult **out, fg_err *err)
{
	*out = NULL;
	if (!id || !*id || strlen(id) > 200 || article_index < 0)
		return fg_err_set(err, FG_E_NOTFOUND, "no article %d in document '%.200s'", article_index, id ? id : "");
	fg_buf b = {0};
	fg_term_unit(&b, id, article_index);
	fg_docid did = 0;
	fg_status st = fg_xdb_postings(db, b.data, b.len, fg_xdocid_first, &did, err);
	fg_buf_free(&b);
	if (st != FG_OK)
		return st;
	if (!did)
		return fg_err_set(err, FG_E_NOTFOUND, "no article %d in document '%s'", article_index, id);
	fg_xdoc *d = NULL;
	st = fg_xdb_get_document(db, did, &d, err);
	if (st != FG_OK)
		return st;
	st = result_of(d, out, err);
	fg_xdoc_free(d);
	return st;
}

fg_status fg_similar_article(fg_searcher *s, const fg_stopwords *sw, const char *id, int article_index,
			     const fg_similar_opts *o, fg_simresult **out, fg_err *err)
{
	*out = NULL;
	fg_status st = check_opts(o, err);
	if (st != FG_OK)
		return st;
	ctx c;
	ctx_init(&c, s, sw);
	fg_simresult *r = NULL;
	st = load_unit(c.db, id, article_index, &r, err);
	if (st == FG_OK)
		st = run_similar(&c, r, o, err);
	sm_free(&c.idf);
	if (st != FG_OK) {
		fg_simresult_free(r);
		return st;
	}
	*out = r;
	return FG_OK;
}

fg_status fg_similar_text(fg_searcher *s, const fg_stopwords *sw, const char *text, size_t len,
			  const fg_similar_opts *o, fg_simresult ***out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	fg_status st = check_opts(o, err);
	if (st != FG_OK)
		return st;
	int blank = 1;
	for (size_t i = 0; i < len && blank; i++)
		blank = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
	if (blank)
		return fg_err_set(err, FG_E_INVAL, "empty text: paste one or more articles");
	/* a first line that is not an article would become the title: give the parser one */
	fg_buf b = {0};
	fg_buf_puts(&b, "草案\n");
	fg_buf_put(&b, text, len);
	fg_doc *d = NULL;
	st = fg_doc_parse("draft.txt", b.data, b.len, FG_FMT_TEXT, &d, err);
	fg_buf_free(&b);
	if (st != FG_OK)
		return st;
	if (d->nunits > FG_SIMILAR_MAX_ARTICLES) {
		size_t nu = d->nunits;
		fg_doc_free(d);
		return fg_err_set(err, FG_E_LIMIT, "too many articles: %zu, at most %d", nu, FG_SIMILAR_MAX_ARTICLES);
	}
	ctx c;
	ctx_init(&c, s, sw);
	fg_simresult **v = fg_xcalloc(d->nunits ? d->nunits : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < d->nunits && st == FG_OK; i++) {
		fg_simresult *r = fg_xcalloc(1, sizeof *r);
		r->id = fg_xstrdup("");
		r->title = fg_xstrdup("");
		r->level = fg_xstrdup(o->level ? o->level : "");
		r->label = fg_xstrdup(d->units[i].label ? d->units[i].label : "");
		r->article_index = -1;
		r->text = fg_xstrndup(d->units[i].text, d->units[i].len);
		v[k++] = r;
		st = run_similar(&c, r, o, err);
	}
	sm_free(&c.idf);
	fg_doc_free(d);
	if (st != FG_OK) {
		for (size_t i = 0; i < k; i++)
			fg_simresult_free(v[i]);
		free(v);
		return st;
	}
	*out = v;
	*n = k;
	return FG_OK;
}

/* ---- JSON ---- */

static void jput_span(json_object *o, const char *k, const char *text, size_t s, size_t e)
{
	size_t n = strlen(text);
	if (e > n)
		e = n;
	if (s > e)
		s = e;
	json_object_object_add(o, k, json_object_new_string_len(text + s, (int)(e - s)));
}

static json_object *hits_json(const fg_simresult *r)
{
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < r->nhits; i++) {
		const fg_simhit *sh = &r->hits[i];
		const fg_hit *h = &sh->hit;
		json_object *x = fg_hit_json(h);
		json_object_object_add(x, "similarity",
				       json_object_new_double(((long)(sh->similarity * 10000)) / 10000.0));
		fg_json_put(x, "text", sh->text);
		json_object *cs = json_object_new_array();
		for (size_t k = 0; k < sh->nconflicts; k++) {
			const fg_conflict *c = &sh->conflicts[k];
			json_object *co = json_object_new_object();
			fg_json_put(co, "type", fg_conflict_type_name(c->type));
			jput_span(co, "source", r->text, c->a_start, c->a_end);
			jput_span(co, "target", sh->text, c->b_start, c->b_end);
			fg_json_put(co, "note", c->note);
			fg_json_put(co, "stricter", c->stricter > 0 ? "target" : c->stricter < 0 ? "source" : "");
			json_object_object_add(co, "source_start", json_object_new_int64((int64_t)c->a_start));
			json_object_object_add(co, "source_end", json_object_new_int64((int64_t)c->a_end));
			json_object_object_add(co, "target_start", json_object_new_int64((int64_t)c->b_start));
			json_object_object_add(co, "target_end", json_object_new_int64((int64_t)c->b_end));
			json_object_array_add(cs, co);
		}
		json_object_object_add(x, "conflicts", cs);
		json_object_array_add(arr, x);
	}
	return arr;
}

char *fg_similar_json(fg_simresult *const *r, size_t n, int multi)
{
	json_object *o = json_object_new_object();
	if (!multi && n > 0) {
		json_object *src = json_object_new_object();
		fg_json_put(src, "id", r[0]->id);
		fg_json_put(src, "title", r[0]->title);
		fg_json_put(src, "level", r[0]->level);
		fg_json_put(src, "article", r[0]->label);
		json_object_object_add(src, "article_index", json_object_new_int(r[0]->article_index));
		fg_json_put(src, "text", r[0]->text);
		json_object_object_add(o, "source", src);
		json_object_object_add(o, "hits", hits_json(r[0]));
	} else if (!multi) {
		json_object_object_add(o, "hits", json_object_new_array());
	} else {
		json_object *arts = json_object_new_array();
		for (size_t i = 0; i < n; i++) {
			json_object *a = json_object_new_object();
			fg_json_put(a, "label", r[i]->label);
			fg_json_put(a, "text", r[i]->text);
			json_object_object_add(a, "hits", hits_json(r[i]));
			json_object_array_add(arts, a);
		}
		json_object_object_add(o, "articles", arts);
	}
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* ---- the conflict scan ---- */

fg_status fg_similar_scan_conflicts(fg_searcher *s, const fg_stopwords *sw, double min_similarity,
				    fg_conflict_cb cb, void *cbctx, fg_err *err)
{
	ctx c;
	ctx_init(&c, s, sw);
	fg_xdocids arts = {0}, live = {0};
	fg_status st = fg_xdb_postings(c.db, FG_TERM_ARTICLES, 3, fg_xdocids_collect, &arts, err);
	if (st == FG_OK) {
		fg_buf t = {0};
		fg_term_field(&t, FG_PFX_STATUS, FG_STATUS_IN_FORCE, strlen(FG_STATUS_IN_FORCE));
		st = fg_xdb_postings(c.db, t.data, t.len, fg_xdocids_collect, &live, err);
		fg_buf_free(&t);
	}
	strmap seen = {0};
	fg_similar_opts o = {10, min_similarity, 1, 1, NULL};
	int stop = 0;
	/* both posting lists are in docid order: walk their intersection */
	for (size_t i = 0, j = 0; st == FG_OK && !stop && i < arts.n && j < live.n;) {
		if (arts.v[i] < live.v[j]) {
			i++;
			continue;
		}
		if (arts.v[i] > live.v[j]) {
			j++;
			continue;
		}
		fg_xdoc *d = NULL;
		st = fg_xdb_get_document(c.db, arts.v[i], &d, err);
		i++, j++;
		if (st != FG_OK)
			break;
		fg_simresult *r = NULL;
		st = result_of(d, &r, err);
		fg_xdoc_free(d);
		if (st != FG_OK)
			break;
		st = run_similar(&c, r, &o, err);
		for (size_t k = 0; st == FG_OK && !stop && k < r->nhits; k++) {
			const fg_simhit *h = &r->hits[k];
			if (!h->nconflicts)
				continue;
			/* each unordered pair once */
			fg_buf key = {0};
			int cmp = strcmp(r->id, h->hit.id);
			if (cmp < 0 || (cmp == 0 && r->article_index < h->hit.article_index))
				fg_buf_printf(&key, "%s#%d|%s#%d", r->id, r->article_index, h->hit.id, h->hit.article_index);
			else
				fg_buf_printf(&key, "%s#%d|%s#%d", h->hit.id, h->hit.article_index, r->id, r->article_index);
			int dup = sm_get(&seen, key.data, key.len) != NULL;
			if (!dup)
				sm_put(&seen, key.data, key.len, 1);
			fg_buf_free(&key);
			if (dup)
				continue;
			if (fg_level_rank(h->hit.level) < fg_level_rank(r->level)) {
				/* report the higher-level rule first: compare the other way round */
				fg_simresult rr = *r;
				rr.id = h->hit.id;
				rr.title = h->hit.title;
				rr.level = h->hit.level;
				rr.label = h->hit.article;
				rr.article_index = h->hit.article_index;
				rr.text = h->text;
				fg_simhit hh = *h;
				hh.hit.id = r->id;
				hh.hit.title = r->title;
				hh.hit.level = r->level;
				hh.hit.article = r->label;
				hh.hit.article_index = r->article_index;
				hh.text = r->text;
				fg_conflict cf[MAX_CONFLICTS];
				size_t nc = fg_conflict_compare(h->text, strlen(h->text), h->hit.level, r->text,
								strlen(r->text), r->level, cf, MAX_CONFLICTS);
				for (size_t m = 0; !stop && m < nc && m < MAX_CONFLICTS; m++) {
					fg_conflict_pair p = {&rr, &hh, &cf[m]};
					stop = cb(cbctx, &p) != 0;
				}
				continue;
			}
			for (size_t m = 0; !stop && m < h->nconflicts; m++) {
				fg_conflict_pair p = {r, h, &h->conflicts[m]};
				stop = cb(cbctx, &p) != 0;
			}
		}
		fg_simresult_free(r);
	}
	free(arts.v);
	free(live.v);
	sm_free(&seen);
	sm_free(&c.idf);
	return st;
}
