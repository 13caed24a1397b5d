/*
 * search.c - ranked search (fg_search): a request becomes a Xapian query
 * (query.h), restricted by the filters, weighted by the static prior,
 * collapsed and counted into facets; a plain question whose strict form
 * finds too little is relaxed to ranked matching of its content bigrams
 * (with headings, keywords, thesaurus words and document evidence), and the
 * best units become hits with snippets.
 *
 * Ranking: score = BM25(body phrase or bigrams) + title_weight * BM25(title)
 *                + prior_scale * prior(status, level)   (index.c fg_index_prior)
 * Every weight is a named field of fg_tuning (rank.h).
 */
#include "search.h"
#include "searcher.h"
#include "calendar.h"

#include "cite.h"
#include "evidence.h"
#include "index.h"
#include "query.h"
#include "qname.h"
#include "rank.h"
#include "rules.h"
#include "stored.h"
#include "terms.h"
#include "xap.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RELAX_MIN 1          /* relax a plain query only when its strict form finds nothing */

/* ---- helpers ---- */

static void add_filter(fg_xq **acc, fg_xq *f)
{
	if (!f)
		return;
	if (!*acc) {
		*acc = f;
		return;
	}
	fg_xq *r = fg_xq_pair(FG_XQ_AND, *acc, f);
	fg_xq_free(*acc);
	fg_xq_free(f);
	*acc = r;
}

static void free_needles(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- running a search ---- */

static const unsigned facet_slots[FG_NFACETS] = {FG_SLOT_LEVEL, FG_SLOT_STATUS, FG_SLOT_REGION, FG_SLOT_YEAR};

static int facet_cb(void *ctx, const char *term, size_t len, unsigned freq)
{
	fg_facet *f = ctx;
	if (f->n >= 200)
		return 1;
	f->values = fg_xrealloc(f->values, (f->n + 1) * sizeof *f->values);
	f->values[f->n].value = fg_xstrndup(term, len);
	f->values[f->n].count = freq;
	f->n++;
	return 0;
}

static fg_status run_query(fg_searcher *s, const fg_search_req *req, const fg_xq *q, unsigned limit, int facets,
			   int versions, double min_weight, fg_xmset **mset, fg_xenq **enq, int spies[FG_NFACETS],
			   int *counted, fg_err *err)
{
	fg_xenq *e = fg_xenq_new(s->db);
	fg_xenq_set_query(e, q);
	if (min_weight > 0)
		fg_xenq_set_min_weight(e, min_weight);
	fg_xenq_set_bm25(e, s->tune.k1, 0, 1, s->tune.b, FG_BM25_MIN_NORMLEN);
	if (req->unit == FG_SEARCH_DOC)
		fg_xenq_set_collapse(e, FG_SLOT_ID, 1);
	else if (versions)
		fg_xenq_set_collapse(e, FG_SLOT_ARTKEY, 1); /* one version of each article */
	if (req->sort == FG_SORT_DATE)
		fg_xenq_set_sort(e, FG_XSORT_VALUE_THEN_RELEVANCE, FG_SLOT_PUBLISHED, 1);
	/* document lengths from the columns; facets from them too (an array lookup per match) or else from value spies */
	const fg_xcols *all = fg_searcher_cols(s);
	fg_xenq_use_lengths(e, all);
	const fg_xcols *cols = facets ? all : NULL;
	*counted = cols && fg_xenq_count_cols(e, cols) == 0;
	if (facets && !*counted)
		for (int i = 0; i < FG_NFACETS; i++)
			spies[i] = fg_xenq_add_value_spy(e, facet_slots[i]);
	unsigned check = req->offset + limit;
	if (facets && check < FG_FACET_CHECK)
		check = FG_FACET_CHECK;
	fg_status st = fg_xenq_get_mset(e, req->offset, limit, check, mset, err);
	if (st != FG_OK) {
		fg_xenq_free(e);
		return st;
	}
	*enq = e;
	return FG_OK;
}

/* ---- the steps of a search ---- */

/* One search in progress: what fg_search's steps share. */
struct run {
	fg_searcher *s;
	fg_search_req req;     /* limit defaulted */
	const char *q;         /* the query text */
	size_t qlen;
	fg_qnode *tree;        /* parsed query, NULL for filters only */
	fg_xq *filter;         /* restrictions (no weight), NULL for none */
	fg_xq *gone;           /* asof: versions no longer in force that day, NULL for none */
	fg_xq *main;           /* the weighted query */
	fg_xq *prior;          /* the status/level prior (and document evidence), NULL for plain */
	char **needles;        /* strings to highlight */
	size_t nneedles;
	int facets;            /* count facets */
	fg_xmset *m;           /* the last match: the hits */
	fg_xenq *e;
	fg_xmset *count_m;     /* when set, the match that counts totals and facets (match_parallel), else m */
	fg_xenq *count_e;
	int spies[FG_NFACETS];
	int counted;           /* facets counted from the columns (else the spies) */
	fg_buf rule;           /* the XV / XW term of the rule the query names, empty when none */
	char *notice;          /* what to tell about the query (a missing article), NULL when nothing */
	char year[5];          /* the year named with it, "" when none */
	char vyear[5];         /* the version's year a qualifier meant (新公司法, qversion.c), "" when none */
	int pure;              /* the whole query is that rule's name: its units come in article order */
	int topic;             /* a rule's name and topic words (道路交通安全法 醉酒): its matching units first */
	int numbered;          /* the query is a 文号 whose document is rule (its version of year) */
};

static void run_fin(struct run *r);

/* Limits and dates of a request; req->limit gets its default. */
static fg_status check_request(fg_search_req *req, size_t qlen, fg_err *err)
{
	if (qlen > FG_QUERY_MAX_BYTES)
		return fg_err_set(err, FG_E_LIMIT, "检索词过长：%zu 字节，最多 %d 字节（约 %d 个汉字），请删减后再检索", qlen,
				  FG_QUERY_MAX_BYTES, FG_QUERY_MAX_BYTES / 3);
	if (req->limit == 0)
		req->limit = 10;
	if (req->limit > FG_SEARCH_MAX_LIMIT)
		return fg_err_set(err, FG_E_INVAL, "每页条数（limit）应为 1 到 %d 之间的整数", FG_SEARCH_MAX_LIMIT);
	if ((unsigned long)req->offset + req->limit > FG_SEARCH_MAX_DEPTH)
		return fg_err_set(err, FG_E_LIMIT, "最多只能翻到第 %d 条结果（offset + limit），请加上筛选条件缩小范围", FG_SEARCH_MAX_DEPTH);
	const char *dates[3] = {req->from, req->to, req->asof};
	const char *dnames[3] = {"from", "to", "asof"};
	for (int i = 0; i < 3; i++)
		if (dates[i] && *dates[i] && !fg_date_valid(dates[i]))
			return fg_err_set(err, FG_E_INVAL, "日期（%s）无效：应为 YYYY-MM-DD 格式的真实日期，如 2020-01-31", dnames[i]);
	return FG_OK;
}

static int given(const char *v)
{
	return v && *v;
}

/* The request's filters into r->filter, and the asof exclusion into r->gone. */
static void build_filters(struct run *r)
{
	const fg_search_req *req = &r->req;
	if (given(req->status)) { /* the status on the day (calendar.h): today, or the asof day */
		char today[11];
		fg_today(today);
		add_filter(&r->filter, fg_status_query(req->status, given(req->asof) ? req->asof : today));
	}
	add_filter(&r->filter, fg_query_terms_or(FG_PFX_LEVEL, req->level));
	add_filter(&r->filter, fg_query_terms_or(FG_PFX_REGION, req->region));
	add_filter(&r->filter, fg_query_terms_or(FG_PFX_AUTHORITY, req->authority));
	if (given(req->cites))
		add_filter(&r->filter, fg_cite_filter(r->s, req->cites)); /* citing units, resolved now (cite.h) */
	if (given(req->from) || given(req->to)) {
		char lo[9], hi[9];
		fg_date_compact(req->from, lo);
		fg_date_compact(req->to, hi);
		add_filter(&r->filter, fg_xq_value_range(FG_SLOT_PUBLISHED, given(req->from) ? lo : NULL,
							 given(req->to) ? hi : NULL));
	}
	if (given(req->asof)) { /* versions no longer in force on that day (versions.h) */
		char d[9];
		fg_date_compact(req->asof, d);
		add_filter(&r->filter, fg_xq_value_range(FG_SLOT_EFFECTIVE, NULL, d));
		r->gone = fg_xq_value_range(FG_SLOT_VALID_TO, NULL, d);
	}
}

/*
 * Rule look-up: when the query names a rule (rules.h), every unit of that
 * rule matches with the rule weight, its version in force (or of the year
 * named) with twice that, so the rule comes before the rules whose names
 * merely contain the name (实施条例, 若干问题的解释 …). Not over remote
 * shards (the weight is a posting source). NULL when the query names no rule.
 */
/* The rule the query names: its whole text (《》 and all), else its texts joined (民法典 合同编). */
static int named_rule(struct run *r, fg_buf *term, char year[5])
{
	fg_searcher *s = r->s;
	fg_buf name = {0};
	year[0] = '\0';
	fg_qname_raw(r->q, &name, year);
	int found = name.len && fg_rule_term(s->db, s->abbrevs, name.data, name.len, term);
	r->pure = found;
	if (!found) {
		fg_buf_reset(&name);
		found = fg_qname_tree(r->tree, &name, year) && fg_rule_term(s->db, s->abbrevs, name.data, name.len, term);
	}
	if (!found && r->tree->type == FG_Q_AND && r->tree->nkids >= 2 && fg_qname_tree(r->tree, &name, year))
		found = fg_qname_place(s, r->tree, term);
	if (!found && r->tree->type == FG_Q_TEXT && r->tree->field == FG_F_ANY) /* 反补贴: 反补贴条例 */
		found = fg_rule_term_stem(s->db, r->tree->text, strlen(r->tree->text), term);
	if (!found && r->tree->type == FG_Q_AND && r->tree->nkids >= 2) { /* 道路交通安全法 醉酒, 醉酒 《道路交通安全法》 */
		for (size_t i = 0; i < r->tree->nkids && !found; i += r->tree->nkids - 1) {
			const fg_qnode *k = r->tree->kids[i];
			if (k->type == FG_Q_TEXT && (k->field == FG_F_ANY || k->field == FG_F_RULE))
				found = r->topic = fg_rule_term(s->db, s->abbrevs, k->text, strlen(k->text), term);
		}
	}
	fg_buf_free(&name);
	return found;
}

static fg_xq *rule_boost(struct run *r)
{
	fg_searcher *s = r->s;
	fg_buf term = {0}, ft = {0};
	char year[5];
	fg_xq *q = NULL;
	if (r->numbered) /* a 文号: its document, in article order */
		fg_buf_put(&term, r->rule.data, r->rule.len), memcpy(year, r->year, sizeof year), r->pure = 1;
	if (s->tune.rule > 0 && !s->remote && (r->numbered || named_rule(r, &term, year))) {
		if (!r->numbered)
			fg_buf_put(&r->rule, term.data, term.len);
		if (!year[0])
			memcpy(year, r->vyear, sizeof year);
		memcpy(r->year, year, sizeof r->year);
		if (year[0])
			fg_term_field(&ft, FG_PFX_YEAR, year, 4);
		else
			fg_term_field(&ft, FG_PFX_STATUS, FG_STATUS_IN_FORCE, strlen(FG_STATUS_IN_FORCE));
		fg_xq *all = fg_xq_term_weight(term.data, term.len, s->tune.rule);
		fg_xq *w = fg_xq_term_weight(term.data, term.len, s->tune.rule);
		fg_xq *f = fg_xq_term(ft.data, ft.len, 1, 0);
		fg_xq *chosen = fg_xq_pair(FG_XQ_FILTER, w, f);
		fg_xq *either = r->numbered ? fg_xq_dup(chosen) : fg_xq_pair(FG_XQ_OR, all, chosen);
		fg_xq *rec = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0);
		q = fg_xq_pair(FG_XQ_AND_NOT, either, rec); /* units, not the records that carry the term too */
		fg_xq_free(either);
		fg_xq_free(rec);
		fg_xq_free(all);
		fg_xq_free(w);
		fg_xq_free(f);
		fg_xq_free(chosen);
	} else if (!s->remote && s->repealed && !r->notice) { /* 合同法: repealed, not in the index */
		fg_buf name = {0};
		fg_qname_raw(r->q, &name, year);
		if (name.len)
			r->notice = fg_qname_unknown_notice(s, name.data, name.len, 0);
		fg_buf_free(&name);
	}
	fg_buf_free(&term);
	fg_buf_free(&ft);
	return q;
}

/* Article look-up of a whole query NAME第X条, or several joined by OR (qname.h). */
static fg_xq *direct_ref(struct run *r)
{
	if (r->s->tune.rule <= 0 || r->s->remote)
		return NULL;
	return fg_qname_direct_ref(r->s, r->q, r->vyear, &r->rule, r->topic, &r->notice);
}

/* The weighted query of the parsed tree into r->main: strict phrases, plain bigrams, or every unit. */
static fg_status build_main(struct run *r, fg_err *err)
{
	const fg_tuning *t = &r->s->tune;
	if (r->req.plain && r->tree) {
		size_t nt;
		r->main = fg_query_relaxed(r->tree, NULL, &(fg_relax_opts){0}, &nt, &r->needles, &r->nneedles);
		if (!r->main)
			r->main = fg_xq_match_nothing();
		return FG_OK;
	}
	if (!r->tree) {
		r->main = fg_query_units();
		return FG_OK;
	}
	fg_qopts opts = {t->title, 3 * t->title, 6 * t->title, fg_qname_rule_term_cb, r->s,
			 r->s->remote ? 0 : t->rule};
	fg_status st = fg_query_build(r->tree, &opts, &r->main, &r->needles, &r->nneedles, err);
	fg_xq *extra[3] = {st == FG_OK ? rule_boost(r) : NULL, st == FG_OK ? direct_ref(r) : NULL, NULL};
	if (st == FG_OK && !r->s->remote && !r->pure) /* NAME + item label (rules.h); not a whole rule name (刑法修正案十一) */
		extra[2] = fg_item_lookup(r->s->db, r->s->abbrevs, r->q, t->rule, &r->rule, &r->notice);
	/*
	 * Only a rule's name, or an article it lacks (the notice shows the rule): its units in article
	 * order, the text match a tie-break. A code filed in parts (XW) orders its parts first.
	 */
	int order = r->rule.len > 2 && !extra[2] && ((extra[0] && r->pure && !extra[1]) || (extra[1] && r->notice));
	if (order) {
		fg_xq *x = fg_xq_scale(r->main, FG_QNAME_ORDER_TEXT);
		fg_xq_free(r->main);
		r->main = x;
	}
	fg_xq *topic = NULL; /* a rule and topic words: the rule's weight for the units that match, not every unit */
	if (r->topic) {
		topic = extra[0];
		extra[0] = NULL;
	}
	for (int i = 0; i < 3; i++) {
		if (!extra[i])
			continue;
		fg_xq *both = fg_xq_pair(FG_XQ_OR, r->main, extra[i]);
		fg_xq_free(r->main);
		fg_xq_free(extra[i]);
		r->main = both;
	}
	if (topic) {
		fg_xq *x = fg_xq_pair(FG_XQ_AND_MAYBE, r->main, topic);
		fg_xq_free(r->main);
		fg_xq_free(topic);
		r->main = x;
	}
	if (order) {
		fg_xq *o = memcmp(r->rule.data, FG_PFX_WORK, 2) ? fg_qname_article_order()
								 : fg_qname_parts_order(r->s->db, r->rule.data, r->rule.len);
		if (!o)
			o = fg_qname_article_order();
		fg_xq *x = fg_xq_pair(FG_XQ_AND_MAYBE, r->main, o);
		fg_xq_free(r->main);
		fg_xq_free(o);
		r->main = x;
	}
	return st;
}

/* r->main with the filters, the asof exclusion, only (when given) the units of within, and prior (when given). */
static fg_xq *compose(struct run *r, const fg_xq *within, const fg_xq *prior)
{
	fg_xq *x = r->filter ? fg_xq_pair(FG_XQ_FILTER, r->main, r->filter) : fg_xq_dup(r->main);
	if (r->gone) {
		fg_xq *y = fg_xq_pair(FG_XQ_AND_NOT, x, r->gone);
		fg_xq_free(x);
		x = y;
	}
	if (within) {
		fg_xq *y = fg_xq_pair(FG_XQ_FILTER, x, within);
		fg_xq_free(x);
		x = y;
	}
	if (prior && r->tree) {
		fg_xq *y = fg_xq_pair(FG_XQ_AND_MAYBE, x, prior);
		fg_xq_free(x);
		x = y;
	}
	return x;
}

/* Match r->main with the filters, the asof exclusion and the prior; versions: one version per article. */
static fg_status match(struct run *r, int versions, fg_err *err)
{
	fg_xq *x = compose(r, NULL, r->prior);
	fg_xmset_free(r->m);
	fg_xenq_free(r->e);
	r->m = NULL;
	r->e = NULL;
	fg_status st = run_query(r->s, &r->req, x, r->req.limit, r->facets, versions, 0, &r->m, &r->e, r->spies,
				 &r->counted, err);
	fg_xq_free(x);
	return st;
}

static void append_needles(struct run *r, char **v, size_t n)
{
	r->needles = fg_xrealloc(r->needles, (r->nneedles + n + 1) * sizeof *r->needles);
	if (n)
		memcpy(r->needles + r->nneedles, v, n * sizeof *v);
	r->nneedles += n;
	free(v);
}

/* The relaxed prior: the prior at the question scale. */
static void relax_prior(struct run *r)
{
	fg_searcher *s = r->s;
	fg_xq_free(r->prior);
	r->prior = fg_searcher_prior(s, s->tune.relax_prior, s->tune.relax_level);
}

/* What the document evidence ranks: the relaxed question, filtered, with the prior. */
static fg_xq *evidence_question(struct run *r)
{
	fg_xq *base = r->filter ? fg_xq_pair(FG_XQ_FILTER, r->main, r->filter) : fg_xq_dup(r->main);
	fg_xq *ranked = fg_xq_pair(FG_XQ_AND_MAYBE, base, r->prior);
	fg_xq_free(base);
	return ranked;
}

/* Add to the relaxed prior the document evidence of the relaxed query (in this thread). */
static void add_evidence(struct run *r)
{
	fg_xq *ranked = evidence_question(r);
	fg_xq *ev = fg_evidence_of(r->s, ranked);
	fg_xq_free(ranked);
	if (ev) {
		fg_xq *z = fg_xq_pair(FG_XQ_OR, r->prior, ev);
		fg_xq_free(r->prior);
		fg_xq_free(ev);
		r->prior = z;
	}
}

/*
 * Relax a plain query whose strict form found too little: OR of the strict
 * query (boosted), the question's content bigrams and the thesaurus' statute
 * words. Returns 0 when the question has too little to relax.
 */
static int relax(struct run *r)
{
	fg_searcher *s = r->s;
	size_t nterms = 0, nrn = 0;
	char **rn = NULL;
	fg_relax_opts ro = fg_relax_opts_tuned(&s->tune, s->remote ? NULL : s->db);
	fg_xq *rq = fg_query_relaxed(r->tree, s->sw, &ro, &nterms, &rn, &nrn);
	if (!rq || nterms < 2) {
		fg_xq_free(rq);
		free_needles(rn, nrn);
		return 0;
	}
	fg_xq *strict = fg_xq_scale(r->main, s->tune.strict_boost);
	fg_xq *both = fg_xq_pair(FG_XQ_OR, strict, rq);
	fg_xq_free(strict);
	fg_xq_free(rq);
	fg_xq_free(r->main);
	r->main = both;
	append_needles(r, rn, nrn); /* highlight both the whole phrases and the bigrams */
	fg_xq *syn = s->th ? fg_query_synonyms(s->th, s->tune.synonym, s->tune.relax_heading, r->q, r->qlen,
						 &r->needles, &r->nneedles)
			   : NULL;
	if (syn) {
		fg_xq *y = fg_xq_pair(FG_XQ_OR, r->main, syn);
		fg_xq_free(r->main);
		fg_xq_free(syn);
		r->main = y;
	}
	if (r->prior)
		relax_prior(r);
	return 1;
}

/*
 * The relaxed match of a question with its document evidence, in two
 * threads: the evidence (the best documents, A) on a second handle while
 * this thread matches the question without it (B: its totals and facets,
 * which the evidence does not change: it is a prior), then the hits among
 * B's best units and the units of A's documents (C), ranked with the
 * evidence. Those hold the first offset + limit of the whole match: a unit
 * outside A's documents scores the same as in B, so if it is among the
 * first with the evidence it is among B's first (after the units ahead of
 * it there, whose scores only grow), and one version per article holds by
 * the same argument. Returns -1 (nothing done) when this cannot run here:
 * then the caller adds the evidence and matches as before.
 */
static int match_parallel(struct run *r, fg_status *out, fg_err *err)
{
	fg_searcher *s = r->s;
	const fg_xcols *cols = fg_searcher_cols(s);
	if (s->tune.parallel <= 0 || s->tune.doc_boost <= 0 || s->tune.doc_top < 1 || s->remote || !cols ||
	    !r->prior || r->req.sort == FG_SORT_DATE || r->req.unit == FG_SEARCH_DOC)
		return -1; /* unit=doc: each hit counts its matching units (collapse count), which C would count among its own */
	fg_xdb *db2 = fg_searcher_second_db(s);
	if (!db2)
		return -1;
	/* A's query is built again from the text: Xapian's reference counts are not atomic */
	struct run r2 = {.s = s, .req = r->req, .q = r->q, .qlen = r->qlen};
	if (fg_query_parse(r2.q, r2.qlen, &r2.tree, NULL) != FG_OK) {
		run_fin(&r2);
		return -1;
	}
	build_filters(&r2);
	r2.prior = fg_searcher_prior(s, s->tune.prior, s->tune.level);
	if (build_main(&r2, NULL) != FG_OK || !relax(&r2)) {
		run_fin(&r2);
		return -1;
	}
	fg_evidence ev = {.db = db2, .cols = cols, .t = &s->tune, .q = evidence_question(&r2)};
	pthread_t th;
	int threaded = pthread_create(&th, NULL, fg_evidence_thread, &ev) == 0;
	/* B: the first offset + limit without the evidence, with the totals and facets */
	fg_search_req keep = r->req;
	r->req.limit += r->req.offset;
	r->req.offset = 0;
	fg_status st = match(r, 1, err);
	r->req = keep;
	if (threaded)
		pthread_join(th, NULL);
	else
		fg_evidence_match(&ev); /* no thread: here, after B */
	run_fin(&r2);
	fg_xq *evq = st == FG_OK ? fg_evidence_query(&ev) : NULL;
	if (evq) { /* C */
		unsigned n = fg_xmset_size(r->m);
		fg_docid *ids = fg_xcalloc(n ? n : 1, sizeof *ids);
		for (unsigned i = 0; i < n; i++)
			ids[i] = fg_xmset_docid(r->m, i);
		/*
		 * Nothing below B's last weight can rank (B's units only gain): Xapian
		 * prunes from there, and evidence documents whose best unit (A's
		 * weight, an upper bound) plus their evidence stays below are left out.
		 */
		double least = n && n == r->req.offset + r->req.limit ? fg_xmset_weight(r->m, n - 1) : 0;
		least -= 1e-9 * (least > 1 ? least : 1);
		fg_xq *best = fg_xq_docids(ids, n);
		free(ids);
		fg_xq *units = fg_evidence_units(&ev, least);
		fg_xq *within = units ? fg_xq_pair(FG_XQ_OR, best, units) : fg_xq_dup(best);
		fg_xq_free(units);
		fg_xq *prior = fg_xq_pair(FG_XQ_OR, r->prior, evq);
		fg_xq *x = compose(r, within, prior);
		r->count_m = r->m;
		r->count_e = r->e;
		r->m = NULL;
		r->e = NULL;
		int spies[FG_NFACETS], counted;
		st = run_query(s, &r->req, x, r->req.limit, 0, 1, least, &r->m, &r->e, spies, &counted, err);
		fg_xq_free(x);
		fg_xq_free(best);
		fg_xq_free(within);
		fg_xq_free(r->prior);
		r->prior = prior;
		fg_xq_free(evq);
	} else if (st == FG_OK && r->req.offset) {
		st = match(r, 1, err); /* no evidence: B is the answer, but from offset 0 */
	}
	fg_evidence_fin(&ev);
	*out = st;
	return 0;
}

/* The relaxed match: with the document evidence of the relaxed question (relax made the rest). */
static fg_status match_relaxed(struct run *r, fg_err *err)
{
	fg_status st;
	if (fg_core_idle() && match_parallel(r, &st, err) == 0)
		return st;
	if (r->prior)
		add_evidence(r);
	return match(r, 1, err);
}

/* The strict match, then the relaxed one when a plain question found too little. */
static fg_status match_all(struct run *r, fg_result *res, fg_err *err)
{
	if (!r->req.plain)
		r->prior = fg_searcher_prior(r->s, r->s->tune.prior, r->s->tune.level);
	/*
	 * A question whose strict form can match nothing, as its terms'
	 * frequencies show (most have a bigram across two words that no unit
	 * holds): straight to the relaxed match, as the strict one would lead.
	 */
	if (!r->req.plain && r->tree && fg_query_is_plain(r->tree) && fg_xq_none_match(r->s->db, r->main) && relax(r)) {
		res->relaxed = 1;
		return match_relaxed(r, err);
	}
	fg_status st = match(r, 0, err);
	if (st != FG_OK || r->req.plain || !r->tree || fg_xmset_estimated(r->m) >= RELAX_MIN ||
	    !fg_query_is_plain(r->tree))
		return st;
	if (!relax(r))
		return FG_OK;
	res->relaxed = 1;
	return match_relaxed(r, err);
}

/*
 * The total and whether it is exact. Xapian checks at least FG_FACET_CHECK
 * matches when counting facets; when its spy saw fewer, or as many as can
 * match, it saw them all: the total is what it counted (one per document
 * under unit=doc), so the facets add up to it. Otherwise the total is
 * Xapian's estimate, and each facet count is a lower bound: the matches of
 * that value among those seen (Xapian sees them in document order, not a
 * fair sample, so scaling them up would mislead).
 */
static void count_total(struct run *r, fg_result *res)
{
	fg_xmset *m = r->count_m ? r->count_m : r->m;
	fg_xenq *e = r->count_e ? r->count_e : r->e;
	res->total = fg_xmset_estimated(m);
	res->total_exact = fg_xmset_lower(m) == fg_xmset_upper(m);
	unsigned units, counted;
	if (!r->facets || fg_xenq_spied(e, &units, &counted) != 0)
		return;
	unsigned check = r->req.offset + r->req.limit;
	if (check < FG_FACET_CHECK)
		check = FG_FACET_CHECK;
	/* fewer than check seen: the match ran out of documents before Xapian could stop (every one was seen) */
	if (units < check || units >= fg_xmset_uncollapsed_upper(m)) {
		res->total = counted;
		res->total_exact = res->facets_exact = 1;
	}
}

static int by_year_desc(const void *a, const void *b)
{
	return strcmp(((const fg_facet_value *)b)->value, ((const fg_facet_value *)a)->value);
}

/* The facets (counts over the matches seen, see count_total); years newest first. */
static void collect_facets(struct run *r, fg_result *res)
{
	for (int i = 0; i < FG_NFACETS; i++) {
		fg_facet *f = &res->facets[i];
		f->name = fg_facet_names[i];
		if (!r->facets)
			continue;
		fg_xenq *e = r->count_e ? r->count_e : r->e;
		if (r->counted)
			fg_xenq_cols_values(e, facet_slots[i], facet_cb, f, NULL);
		else
			fg_xenq_spy_values(e, r->spies[i], facet_cb, f, NULL);
		if (facet_slots[i] == FG_SLOT_YEAR && f->n > 1)
			qsort(f->values, f->n, sizeof *f->values, by_year_desc);
	}
}

static void run_fin(struct run *r)
{
	fg_xq_free(r->prior);
	fg_xmset_free(r->m);
	fg_xenq_free(r->e);
	fg_xmset_free(r->count_m);
	fg_xenq_free(r->count_e);
	fg_xq_free(r->main);
	fg_xq_free(r->filter);
	fg_xq_free(r->gone);
	free_needles(r->needles, r->nneedles);
	fg_qnode_free(r->tree);
	fg_buf_free(&r->rule);
	free(r->notice);
}

/* fg_search without the bookkeeping. */
static fg_status search(fg_searcher *s, const fg_search_req *req, fg_result **out, fg_err *err)
{
	struct run r = {.s = s, .req = *req, .q = req->q ? req->q : "", .facets = !req->no_facets};
	r.qlen = strlen(r.q);
	fg_status st = check_request(&r.req, r.qlen, err);
	char *canon = st == FG_OK ? fg_qname_number_form(r.q) : NULL, *v = NULL; /* 国发〔2020〕1号 */
	if (canon && !s->remote) /* its document's card */
		r.numbered = fg_qname_number_rule(s, r.q, &r.rule, r.year);
	if (!canon && st == FG_OK && !s->remote) {
		v = fg_qname_version_form(s, r.q, r.vyear); /* 旧公司法 */
		canon = fg_qname_article_form(s, v ? v : r.q); /* 刑法264条 */
		canon = canon ? (free(v), canon) : v;
		memcpy(r.year, r.vyear, sizeof r.year);
	}
	if (canon) {
		r.q = canon;
		r.qlen = strlen(canon);
	}
	if (st == FG_OK)
		st = fg_query_parse(r.q, r.qlen, &r.tree, err);
	if (st != FG_OK) {
		free(canon);
		return st;
	}
	build_filters(&r);
	if (!r.tree && !r.filter) {
		run_fin(&r);
		free(canon);
		return fg_err_set(err, FG_E_INVAL, "请输入检索词，或选择一个筛选条件（如效力级别、时效性）");
	}
	fg_result *res = fg_xcalloc(1, sizeof *res);
	res->query = fg_xstrdup(req->q ? req->q : "");
	st = build_main(&r, err);
	if (st == FG_OK)
		st = match_all(&r, res, err);
	if (st == FG_OK) {
		count_total(&r, res);
		res->parsed = fg_xq_describe(r.main);
		st = fg_result_add_hits(res, r.m, r.req.unit == FG_SEARCH_DOC, r.needles, r.nneedles, err);
	}
	if (st == FG_OK)
		collect_facets(&r, res);
	if (st == FG_OK && r.rule.len && req->offset == 0)
		res->rule = fg_rulecard_build(s->db, r.rule.data, r.rule.len, r.year);
	if (st == FG_OK) {
		res->notice = r.notice;
		r.notice = NULL;
	}
	run_fin(&r);
	free(canon);
	if (st != FG_OK) {
		fg_result_free(res);
		return st;
	}
	*out = res;
	return FG_OK;
}

fg_status fg_search(fg_searcher *s, const fg_search_req *req, fg_result **out, fg_err *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	*out = NULL;
	fg_searches_running(1);
	fg_status st = search(s, req, out, err);
	fg_searches_running(-1);
	if (st == FG_OK) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		(*out)->took_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	}
	return st;
}
