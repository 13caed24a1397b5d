/*
 * similar.c - more-like-this over article bigrams (see similar.h): tf-idf
 * term vectors, the OR query of a source's best bigrams (and, for a draft
 * with a level, the same query over its superior and same-level rules only),
 * cosine re-scoring, each hit's relation to the source (similar_rel.c) and
 * its conflict findings, the hits arranged (similar_hits.c).
 */
#include "similar_int.h"

#include "doc.h"
#include "index.h"
#include "rank.h"
#include "stored.h"
#include "searcher.h"
#include "terms.h"
#include "xap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANDIDATES 40       /* BM25 candidates re-scored per source (at least 3 x limit) */
#define MAX_CONFLICTS 16
#define SNIPPET_CHARS 120
#define FINDING_MIN_SIM 0.2 /* less similar provisions are about other matters: their fines are not compared */
#define TOPIC_DOCS 30       /* superior and same-level rules on a draft's subject (and 3 more an article) */

/* ---- a string-keyed hash table (idf cache, pair set) ---- */

static size_t sm_slot(const fg_strmap *m, const char *k, size_t len)
{
	size_t i = (size_t)fg_hash64(k, len) & (m->cap - 1);
	while (m->keys[i] && (strlen(m->keys[i]) != len || memcmp(m->keys[i], k, len) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

double *fg_strmap_get(fg_strmap *m, const char *k, size_t len)
{
	if (!m->cap)
		return NULL;
	size_t i = sm_slot(m, k, len);
	return m->keys[i] ? &m->vals[i] : NULL;
}

void fg_strmap_put(fg_strmap *m, const char *k, size_t len, double v)
{
	if ((m->n + 1) * 2 > m->cap) {
		fg_strmap g = {0};
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

void fg_strmap_free(fg_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- term vectors ---- */

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

static double idf(fg_simctx *c, const char *term)
{
	size_t len = strlen(term);
	double *v = fg_strmap_get(&c->idf, term, len);
	if (v)
		return *v;
	unsigned df = fg_xdb_termfreq(c->db, term, len);
	double x = fg_rank_similarity_idf(c->ndocs, df);
	fg_strmap_put(&c->idf, term, len, x);
	return x;
}

static void tvec_build(fg_simctx *c, const char *text, size_t len, tvec *out)
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

/* What one search of a source shares: its vector, the needles of its snippets, the options. */
typedef struct pool {
	const tvec *src;
	const char *needles[FG_SIMILAR_TERMS];
	size_t nt;
	const fg_similar_opts *o;
	size_t cap;           /* room in r->hits */
} pool;

/* The relation of h to the source, and sup for the comparison: 1 when h is the source's superior law, -1 when the source is h's. */
static int relate(fg_simctx *c, fg_simhit *h)
{
	if (!c->classify) {
		h->relation = FG_REL_NONE;
		h->relation_note = "";
		return 0;
	}
	fg_standing hs;
	fg_standing_init(&hs, h->hit.level, h->hit.region, h->hit.title, h->hit.status);
	h->relation = fg_standing_relation(&c->src, &hs, &h->relation_note);
	int sup = h->relation == FG_REL_SUPERIOR ? 1 : fg_standing_superior(&c->src, &hs) ? -1 : 0;
	fg_standing_fin(&hs);
	return sup;
}

/* The finding of a draft article setting what the clause of pu (in unit u) forbids its level to set, into f; 0 when none. */
static int power_finding(const fg_simresult *r, const fg_unitrec *u, const fg_power_unit *pu, fg_conflict *f)
{
	const char *text = u->unit.text;
	size_t ts, te, s0 = pu->s0;
	if (!pu->forbids || !fg_power_trigger(pu->law, r->text, strlen(r->text), &ts, &te))
		return 0;
	if (s0 == 0 && u->unit.label && *u->unit.label && !strncmp(text, u->unit.label, strlen(u->unit.label)))
		s0 = strlen(u->unit.label); /* the clause without 第十六条 */
	while (s0 < pu->s1 && (text[s0] == ' ' || !strncmp(text + s0, "\xe3\x80\x80", 3)))
		s0 += text[s0] == ' ' ? 1 : 3;
	size_t n = pu->s1 - s0 > 200 ? 200 : pu->s1 - s0;
	while (n > 0 && ((unsigned char)text[s0 + n] & 0xC0) == 0x80)
		n--; /* a whole code point */
	*f = (fg_conflict){FG_CONFLICT_POWER, ts, te, s0, pu->s1, 0, ""};
	snprintf(f->note, sizeof f->note, "无权设定：%.*s", (int)n, text + s0);
	return 1;
}

/* Fill h from unit u: the hit, its similarity, its relation to the source and its findings (pu: an article on 设定权). */
static void fill_hit(fg_simctx *c, const fg_simresult *r, const pool *p, const fg_unitrec *u, double weight, double sim,
		     const fg_power_unit *pu, fg_simhit *h)
{
	const char *text = u->unit.text;
	fg_hit_from_unit(&h->hit, u);
	h->hit.score = weight;
	h->hit.snippet = fg_snippet(text, u->unit.len, p->needles, p->nt, SNIPPET_CHARS);
	h->similarity = sim;
	h->text = fg_xstrdup(text);
	int sup = relate(c, h);
	fg_conflict cf[MAX_CONFLICTS + 1];
	size_t nc = sim < FINDING_MIN_SIM ? 0
					  : fg_conflict_compare_sup(r->text, strlen(r->text), r->level, text, u->unit.len,
								    h->hit.level, sup, cf, MAX_CONFLICTS);
	if (nc > MAX_CONFLICTS)
		nc = MAX_CONFLICTS;
	if (pu && power_finding(r, u, pu, &cf[nc]))
		nc++;
	if (nc) {
		h->conflicts = fg_xcalloc(nc, sizeof *h->conflicts);
		memcpy(h->conflicts, cf, nc * sizeof *cf);
		h->nconflicts = nc;
	}
}

static int has_hit(const fg_simresult *r, const char *id, int index)
{
	for (size_t i = 0; i < r->nhits; i++)
		if (r->hits[i].hit.article_index == index && !strcmp(r->hits[i].hit.id, id ? id : ""))
			return 1;
	return 0;
}

/* Score candidate unit u against the source: a hit (with its relation and conflicts) when similar enough. */
static void consider(fg_simctx *c, fg_simresult *r, const pool *p, const fg_unitrec *u, double weight)
{
	if (has_hit(r, u->meta.id, u->index))
		return; /* found by the other pool */
	tvec hv;
	tvec_build(c, u->unit.text, u->unit.len, &hv);
	double sim = cosine(p->src, &hv);
	tvec_free(&hv);
	if (sim < p->o->min_similarity || sim <= 0 || r->nhits == p->cap)
		return;
	fill_hit(c, r, p, u, weight, sim, NULL, &r->hits[r->nhits++]);
}

/*
 * The articles on the power to set what the draft article sets (设定权:
 * 罚款 -> 行政处罚法 …), superior law whatever their similarity: after the
 * other superior hits, never cut by the limit.
 */
static fg_status add_power(fg_simctx *c, fg_simresult *r, const pool *p, fg_err *err)
{
	size_t at = 0, ts, te;
	while (at < r->nhits && r->hits[at].relation == FG_REL_SUPERIOR)
		at++;
	for (size_t k = 0; k < c->power.n; k++) {
		const fg_power_unit *pu = &c->power.v[k];
		if (!fg_power_trigger(pu->law, r->text, strlen(r->text), &ts, &te))
			continue;
		fg_xdoc *x = NULL;
		fg_unitrec u;
		fg_status st = fg_xdb_get_document(c->db, pu->did, &x, err);
		if (st == FG_OK)
			st = fg_stored_unit(x, &u, err);
		fg_xdoc_free(x);
		if (st != FG_OK)
			return st;
		if (!has_hit(r, u.meta.id, u.index)) {
			tvec hv;
			tvec_build(c, u.unit.text, u.unit.len, &hv);
			double sim = cosine(p->src, &hv);
			tvec_free(&hv);
			r->hits = fg_xrealloc(r->hits, (r->nhits + 1) * sizeof *r->hits);
			memmove(r->hits + at + 1, r->hits + at, (r->nhits - at) * sizeof *r->hits);
			r->nhits++;
			memset(&r->hits[at], 0, sizeof r->hits[at]);
			fill_hit(c, r, p, &u, 0, sim, pu, &r->hits[at]);
			r->hits[at].relation = FG_REL_SUPERIOR;
			r->hits[at++].relation_note = "上位法（设定权）";
		}
		fg_unitrec_fin(&u);
	}
	return FG_OK;
}

/* The best cand units q matches, each considered. */
static fg_status collect(fg_simctx *c, fg_simresult *r, const pool *p, const fg_xq *q, unsigned cand, fg_err *err)
{
	fg_xenq *e = fg_xenq_new(c->db);
	fg_xenq_set_query(e, q);
	const fg_tuning *tu = &fg_tuning_default;
	fg_xenq_set_bm25(e, tu->k1, 0, 1, tu->b, FG_BM25_MIN_NORMLEN);
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, cand, cand, &m, err);
	unsigned size = st == FG_OK ? fg_xmset_size(m) : 0;
	for (unsigned i = 0; i < size && st == FG_OK; i++) {
		fg_unitrec u;
		st = fg_stored_hit(m, i, &u, err);
		if (st != FG_OK)
			break;
		consider(c, r, p, &u, fg_xmset_weight(m, i));
		fg_unitrec_fin(&u);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	return st;
}

fg_status fg_simctx_run(fg_simctx *c, fg_simresult *r, const fg_similar_opts *o, fg_err *err)
{
	unsigned limit = o->limit ? o->limit : 10;
	tvec src;
	tvec_build(c, r->text, strlen(r->text), &src);
	size_t top[FG_SIMILAR_TERMS];
	pool p = {&src, {0}, top_terms(&src, FG_SIMILAR_TERMS, top), o, 0};
	if (p.nt == 0) {
		tvec_free(&src);
		return FG_OK;
	}
	for (size_t i = 0; i < p.nt; i++)
		p.needles[i] = src.terms[top[i]];
	unsigned cand = limit * 3 > CANDIDATES ? limit * 3 : CANDIDATES;
	p.cap = c->family ? 2 * (size_t)cand : cand;
	r->hits = fg_xcalloc(p.cap, sizeof *r->hits);
	fg_xq *q = similar_query(&src, top, p.nt, r, o);
	fg_status st = collect(c, r, &p, q, cand, err);
	if (st == FG_OK && c->family) {
		fg_xq *qf = fg_xq_pair(FG_XQ_FILTER, q, c->family);
		st = collect(c, r, &p, qf, cand, err);
		fg_xq_free(qf);
	}
	fg_xq_free(q);
	if (st == FG_OK) {
		fg_simhits_arrange(r, limit, c->titles && c->classify, c->titles);
		if (c->power.n)
			st = add_power(c, r, &p, err);
	}
	tvec_free(&src);
	return st;
}

static fg_status check_opts(const fg_similar_opts *o, fg_err *err)
{
	if (o->limit > FG_SIMILAR_MAX_LIMIT)
		return fg_err_set(err, FG_E_INVAL, "每条返回数（limit）应为 1 到 %d 之间的整数", FG_SIMILAR_MAX_LIMIT);
	if (o->min_similarity < 0 || o->min_similarity > 1)
		return fg_err_set(err, FG_E_INVAL, "最低相似度（min_similarity）应在 0 到 1 之间");
	return FG_OK;
}

void fg_simctx_init(fg_simctx *c, fg_searcher *s, const fg_stopwords *sw)
{
	memset(c, 0, sizeof *c);
	c->db = fg_searcher_db(s);
	c->sw = sw;
	c->ndocs = (double)fg_searcher_units(s);
	if (c->ndocs < 1)
		c->ndocs = 1;
	fg_standing_init(&c->src, NULL, NULL, NULL, NULL);
}

void fg_simctx_fin(fg_simctx *c)
{
	fg_strmap_free(&c->idf);
	fg_standing_fin(&c->src);
	fg_xq_free(c->family);
	c->family = NULL;
	fg_power_free(&c->power);
}

fg_status fg_simctx_source(fg_simctx *c, fg_xdoc *d, fg_simresult **out, fg_err *err)
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
	r->region = fg_xstrdup(u.meta.region ? u.meta.region : "");
	r->place = fg_xstrdup("");
	fg_standing_fin(&c->src);
	fg_standing_init(&c->src, r->level, r->region, r->title, u.meta.status);
	c->classify = c->src.rank < 10;
	fg_unitrec_fin(&u);
	*out = r;
	return FG_OK;
}

/* Load unit article_index of document id into a new result (no hits yet). */
static fg_status load_unit(fg_simctx *c, const char *id, int article_index, fg_simresult **out, fg_err *err)
{
	*out = NULL;
	if (!id || !*id || strlen(id) > 200 || article_index < 0)
		return fg_err_set(err, FG_E_NOTFOUND, "文件“%.200s”中没有第 %d 个条文", id ? id : "", article_index);
	fg_buf b = {0};
	fg_term_unit(&b, id, article_index);
	fg_docid did = 0;
	fg_status st = fg_xdb_postings(c->db, b.data, b.len, fg_xdocid_first, &did, err);
	fg_buf_free(&b);
	if (st != FG_OK)
		return st;
	if (!did)
		return fg_err_set(err, FG_E_NOTFOUND, "文件“%s”中没有第 %d 个条文", id, article_index);
	fg_xdoc *d = NULL;
	st = fg_xdb_get_document(c->db, did, &d, err);
	if (st != FG_OK)
		return st;
	st = fg_simctx_source(c, d, out, err);
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
	fg_simctx c;
	fg_simctx_init(&c, s, sw);
	fg_simresult *r = NULL;
	st = load_unit(&c, id, article_index, &r, err);
	if (st == FG_OK)
		st = fg_simctx_run(&c, r, o, err);
	fg_simctx_fin(&c);
	if (st != FG_OK) {
		fg_simresult_free(r);
		return st;
	}
	*out = r;
	return FG_OK;
}

/*
 * The rules of family on the subject of draft d: the documents of the best
 * units for the whole draft's best terms (one unit a document), at most
 * TOPIC_DOCS and a few per article. Only they make the second pool of each
 * article: without them a short article about a fine finds the fines of
 * every superior law (the railways' for a fireworks rule). NULL when none
 * (or when the search fails: the draft keeps its first pool).
 */
static fg_xq *topic_filter(fg_simctx *c, const fg_doc *d, const fg_xq *family)
{
	fg_err err[1] = {{0}}; /* a failure leaves the draft with its first pool only */
	fg_buf all = {0};
	for (size_t i = 0; i < d->nunits; i++) {
		fg_buf_put(&all, d->units[i].text, d->units[i].len);
		fg_buf_puts(&all, "\n");
	}
	tvec v;
	tvec_build(c, all.data ? all.data : "", all.len, &v);
	fg_buf_free(&all);
	size_t top[FG_SIMILAR_TERMS], nt = top_terms(&v, FG_SIMILAR_TERMS, top);
	fg_xq *subs[FG_SIMILAR_TERMS];
	for (size_t i = 0; i < nt; i++)
		subs[i] = fg_xq_term(v.terms[top[i]], strlen(v.terms[top[i]]), 1, 0);
	fg_xq *q = nt ? fg_xq_combine(FG_XQ_OR, subs, nt, 0) : NULL, *qf = q ? fg_xq_pair(FG_XQ_FILTER, q, family) : NULL;
	for (size_t i = 0; i < nt; i++)
		fg_xq_free(subs[i]);
	fg_xq_free(q);
	tvec_free(&v);
	if (!qf)
		return NULL;
	fg_xenq *e = fg_xenq_new(c->db);
	fg_xenq_set_query(e, qf);
	fg_xenq_set_bm25(e, fg_tuning_default.k1, 0, 1, fg_tuning_default.b, FG_BM25_MIN_NORMLEN);
	fg_xenq_set_collapse(e, FG_SLOT_ID, 1);
	unsigned max = TOPIC_DOCS + 3 * (unsigned)d->nunits;
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, max, max, &m, err);
	unsigned size = st == FG_OK ? fg_xmset_size(m) : 0;
	fg_xq **docs = fg_xcalloc(size ? size : 1, sizeof *docs);
	size_t n = 0;
	for (unsigned i = 0; i < size; i++) {
		fg_xdoc *x = NULL;
		if (fg_xmset_document(m, i, &x, err) != FG_OK)
			break;
		size_t len = 0;
		const char *id = fg_xdoc_get_value(x, FG_SLOT_ID, &len);
		fg_buf b = {0};
		char *ids = fg_xstrndup(id ? id : "", len);
		fg_term_doc(&b, ids);
		docs[n++] = built_q(&b);
		free(ids);
		fg_xdoc_free(x);
	}
	fg_xq *f = fg_xq_or_take(docs, n);
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(qf);
	return f;
}

/* The draft's standing, the filter of its superior and same-level rules on its subject, the title map into c; *place gets its place as shown. */
static fg_status draft_ctx(fg_simctx *c, fg_searcher *s, const fg_similar_opts *o, const fg_doc *doc, char **place,
			   fg_err *err)
{
	fg_status st = fg_searcher_titles(s, &c->titles, err);
	if (st != FG_OK)
		return st;
	fg_standing d;
	st = fg_draft_standing(c->titles, o->level, o->region, &d, place, err);
	if (st != FG_OK)
		return st;
	fg_standing_fin(&c->src);
	c->src = d;
	c->classify = d.rank < 10;
	fg_xq *family = c->classify ? fg_family_filter(c->titles, &d) : NULL;
	c->family = family ? topic_filter(c, doc, family) : NULL;
	fg_xq_free(family);
	if (c->classify)
		fg_power_find(c->db, c->titles, o->level ? fg_level_canon(o->level) : NULL, &c->power);
	return FG_OK;
}

/* Parse pasted text into articles (a first line that is not an article would become the title: the parser gets one). */
static fg_status parse_draft(const char *text, size_t len, fg_doc **d, fg_err *err)
{
	int blank = 1;
	for (size_t i = 0; i < len && blank; i++)
		blank = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
	if (blank)
		return fg_err_set(err, FG_E_INVAL, "草案为空：请粘贴一条或多条条文");
	fg_buf b = {0};
	fg_buf_puts(&b, "草案\n");
	fg_buf_put(&b, text, len);
	fg_status st = fg_doc_parse("draft.txt", b.data, b.len, FG_FMT_TEXT, d, err);
	fg_buf_free(&b);
	if (st != FG_OK)
		return st;
	if ((*d)->nunits > FG_SIMILAR_MAX_ARTICLES) {
		size_t nu = (*d)->nunits;
		fg_doc_free(*d);
		*d = NULL;
		return fg_err_set(err, FG_E_LIMIT, "条文过多：%zu 条，一次最多比对 %d 条，请分批提交", nu, FG_SIMILAR_MAX_ARTICLES);
	}
	return FG_OK;
}

fg_status fg_similar_text(fg_searcher *s, const fg_stopwords *sw, const char *text, size_t len,
			  const fg_similar_opts *o, fg_simresult ***out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	fg_status st = check_opts(o, err);
	fg_doc *d = NULL;
	if (st == FG_OK)
		st = parse_draft(text, len, &d, err);
	if (st != FG_OK)
		return st;
	fg_simctx c;
	fg_simctx_init(&c, s, sw);
	char *place = NULL;
	st = draft_ctx(&c, s, o, d, &place, err);
	fg_simresult **v = fg_xcalloc(d->nunits ? d->nunits : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < d->nunits && st == FG_OK; i++) {
		fg_simresult *r = fg_xcalloc(1, sizeof *r);
		r->id = fg_xstrdup("");
		r->title = fg_xstrdup("");
		r->level = fg_xstrdup(o->level && fg_level_canon(o->level) ? fg_level_canon(o->level) : "");
		r->label = fg_xstrdup(d->units[i].label ? d->units[i].label : "");
		r->article_index = -1;
		r->text = fg_xstrndup(d->units[i].text, d->units[i].len);
		r->region = fg_xstrdup(o->region ? o->region : "");
		r->place = fg_xstrdup(place ? place : "");
		v[k++] = r;
		st = fg_simctx_run(&c, r, o, err);
	}
	free(place);
	fg_simctx_fin(&c);
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
