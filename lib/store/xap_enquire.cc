/*
 * xap_enquire.cc - enquire sessions (fg_xenq): weighting, collapse, sort and
 * value-count spies, running a match (through the BM25 rewrite when the
 * session has document lengths) with one retry after a reopen, and expand
 * sets; then the match sets and expand sets they return.
 */
#include "xap_int.h"

#include <memory>

/* ---- enquire ---- */

/*
 * The enquire shares db's shards (later fg_xdb_add calls on db do not
 * affect it) and keeps them open after fg_xdb_close. Aborts only when out
 * of memory.
 */
extern "C" fg_xenq *fg_xenq_new(fg_xdb *db)
{
	try {
		return new fg_xenq(db->db);
	} catch (...) {
		oom();
	}
}

extern "C" void fg_xenq_free(fg_xenq *e)
{
	try {
		delete e;
	} catch (...) {
	}
}

/* The setters cannot fail in practice; an error leaves the setting unchanged. */

extern "C" void fg_xenq_set_query(fg_xenq *e, const fg_xq *q)
{
	try {
		e->enq.set_query(q ? q->q : Xapian::Query(Xapian::Query::MatchNothing));
		e->query = q ? q->n : nullptr;
	} catch (...) {
	}
}

extern "C" char *fg_xenq_describe(const fg_xenq *e)
{
	try {
		return dup_bytes(e->enq.get_query().get_description());
	} catch (...) {
		return dup_bytes(std::string());
	}
}

extern "C" void fg_xenq_set_bm25(fg_xenq *e, double k1, double k2, double k3, double b, double min_normlen)
{
	try {
		e->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
		e->bm25 = k2 == 0;
		e->bm25p = {k1, k3, b, min_normlen};
	} catch (...) {
	}
}

extern "C" void fg_xenq_set_boolean(fg_xenq *e)
{
	try {
		e->enq.set_weighting_scheme(Xapian::BoolWeight());
		e->bm25 = false;
	} catch (...) {
	}
}

extern "C" void fg_xenq_set_min_weight(fg_xenq *e, double w)
{
	try {
		e->enq.set_cutoff(0, w > 0 ? w : 0);
	} catch (...) {
	}
}

extern "C" void fg_xenq_set_collapse(fg_xenq *e, unsigned slot, unsigned max)
{
	try {
		e->collapse = max ? slot : Xapian::BAD_VALUENO;
		if (max == 0)
			e->enq.set_collapse_key(Xapian::BAD_VALUENO);
		else
			e->enq.set_collapse_key(slot, max);

	} catch (...) {
	}
}

extern "C" void fg_xenq_set_sort(fg_xenq *e, int how, unsigned slot, int reverse)
{
	try {
		switch (how) {
		case FG_XSORT_VALUE: e->enq.set_sort_by_value(slot, reverse != 0); break;
		case FG_XSORT_VALUE_THEN_RELEVANCE: e->enq.set_sort_by_value_then_relevance(slot, reverse != 0); break;
		case FG_XSORT_RELEVANCE_THEN_VALUE: e->enq.set_sort_by_relevance_then_value(slot, reverse != 0); break;
		default: e->enq.set_sort_by_relevance(); break;
		}
	} catch (...) {
	}
}

/* -1 when out of memory. */
extern "C" int fg_xenq_add_value_spy(fg_xenq *e, unsigned slot)
{
	try {
		e->spy_slots.push_back(slot);
		return static_cast<int>(e->spy_slots.size() - 1);
	} catch (...) {
		return -1;
	}
}

extern "C" fg_status fg_xenq_spy_values(fg_xenq *e, int spy, fg_xterm_cb cb, void *ctx, fg_err *err)
{
	if (spy < 0 || static_cast<size_t>(spy) >= e->spy_slots.size())
		return fg_err_set(err, FG_E_INVAL, "no value spy %d", spy);
	if (static_cast<size_t>(spy) >= e->spies.size())
		return FG_OK; /* no match run yet */
	try {
		const Xapian::ValueCountMatchSpy &s = *e->spies[spy];
		size_t total = s.get_total();
		for (Xapian::TermIterator it = s.top_values_begin(total), end = s.top_values_end(total); it != end;
		     ++it) {
			std::string v = *it;
			if (cb(ctx, v.data(), v.size(), it.get_termfreq()))
				break;
		}
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot read value counts");
	}
}

extern "C" fg_status fg_xenq_get_mset(fg_xenq *e, unsigned first, unsigned maxitems, unsigned check_at_least,
				     fg_xmset **out, fg_err *err)
{
	*out = nullptr;
	std::unique_ptr<fg_xmset> m;
	try {
		m.reset(new fg_xmset);
		m->db = e->db;
	} catch (...) {
		return fail(err, "cannot run query");
	}
	fg_status st = guarded(&e->db, err, "cannot run query", nullptr, [&] {
		/* Fresh spies on every run, so that counts cover this match only. */
		e->enq.clear_matchspies();
		e->spies.clear();
		for (unsigned slot : e->spy_slots) {
			e->spies.emplace_back(new Xapian::ValueCountMatchSpy(slot));
			e->enq.add_matchspy(e->spies.back().get());
		}
		e->cols_spy.reset();
		if (e->count_cols) {
			e->cols_spy.reset(new ColsSpy(e->count_cols, e->collapse));
			e->enq.add_matchspy(e->cols_spy.get());
		}
		if (e->len_cols && e->bm25 && e->query)
			e->enq.set_query(bm25_rewrite(e->len_cols, e->bm25p, e->db, *e->query));
		m->m = e->enq.get_mset(first, maxitems, check_at_least);
		m->size = m->m.size();
	});
	if (st != FG_OK)
		return st;
	*out = m.release();
	return FG_OK;
}

namespace {
class Decider : public Xapian::ExpandDecider {
	bool skip_prefixed;
	int (*exclude)(void *ctx, const char *term, size_t len);
	void *ctx;

      public:
	Decider(bool s, int (*x)(void *, const char *, size_t), void *c) : skip_prefixed(s), exclude(x), ctx(c) {}
	bool operator()(const std::string &term) const override
	{
		if (skip_prefixed && !term.empty() && term[0] >= 'A' && term[0] <= 'Z')
			return false;
		return !(exclude && exclude(ctx, term.data(), term.size()));
	}
};
} // namespace

extern "C" fg_status fg_xenq_get_eset(fg_xenq *e, const fg_docid *rset, size_t n, unsigned maxitems,
				     int skip_prefixed, int (*exclude)(void *ctx, const char *term, size_t len),
				     void *ctx, fg_xeset **out, fg_err *err)
{
	*out = nullptr;
	std::unique_ptr<fg_xeset> s;
	try {
		s.reset(new fg_xeset);
	} catch (...) {
		return fail(err, "cannot expand");
	}
	Decider decider(skip_prefixed != 0, exclude, ctx);
	fg_status st = guarded(&e->db, err, "cannot expand", nullptr, [&] {
		Xapian::RSet rs;
		for (size_t i = 0; i < n; i++)
			rs.add_document(rset[i]);
		Xapian::ESet es = e->enq.get_eset(maxitems, rs, &decider);
		s->terms.clear();
		s->weights.clear();
		for (Xapian::ESetIterator it = es.begin(); it != es.end(); ++it) {
			s->terms.push_back(*it);
			s->weights.push_back(it.get_weight());
		}
	});
	if (st != FG_OK)
		return st;
	*out = s.release();
	return FG_OK;
}

/* ---- match sets ---- */

/* Out-of-range indexes give 0. */

extern "C" unsigned fg_xmset_size(const fg_xmset *m)
{
	return m->size;
}

extern "C" unsigned fg_xmset_estimated(const fg_xmset *m)
{
	return m->m.get_matches_estimated();
}

extern "C" unsigned fg_xmset_lower(const fg_xmset *m)
{
	return m->m.get_matches_lower_bound();
}

extern "C" unsigned fg_xmset_upper(const fg_xmset *m)
{
	return m->m.get_matches_upper_bound();
}

extern "C" unsigned fg_xmset_uncollapsed_upper(const fg_xmset *m)
{
	return m->m.get_uncollapsed_matches_upper_bound();
}

extern "C" int fg_xenq_spied(const fg_xenq *e, unsigned *units, unsigned *counted)
{
	if (e->cols_spy) {
		*units = e->cols_spy->units;
		*counted = e->cols_spy->counted;
		return 0;
	}
	if (!e->spies.empty()) {
		*units = *counted = e->spies[0]->get_total(); /* value spies cannot count by the collapse key */
		return e->collapse == Xapian::BAD_VALUENO ? 0 : -1;
	}
	return -1;
}

extern "C" fg_docid fg_xmset_docid(const fg_xmset *m, unsigned i)
{
	try {
		return i < m->size ? *m->at(i) : 0;
	} catch (...) {
		return 0;
	}
}

extern "C" double fg_xmset_weight(const fg_xmset *m, unsigned i)
{
	try {
		return i < m->size ? m->at(i).get_weight() : 0.0;
	} catch (...) {
		return 0.0;
	}
}

extern "C" unsigned fg_xmset_collapse_count(const fg_xmset *m, unsigned i)
{
	try {
		return i < m->size ? m->at(i).get_collapse_count() : 0;
	} catch (...) {
		return 0;
	}
}

/* The collapse key of hit i, kept in the MSet by the match: no document read. NULL when none. */
extern "C" char *fg_xmset_collapse_key(const fg_xmset *m, unsigned i, size_t *len)
{
	*len = 0;
	try {
		if (i >= m->size)
			return nullptr;
		std::string k = m->at(i).get_collapse_key();
		*len = k.size();
		return dup_bytes(k);
	} catch (...) {
		*len = 0;
		return nullptr;
	}
}

extern "C" fg_status fg_xmset_document(const fg_xmset *m, unsigned i, fg_xdoc **out, fg_err *err)
{
	*out = nullptr;
	if (i >= m->size)
		return fg_err_set(err, FG_E_NOTFOUND, "no hit %u in a match set of %u", i, m->size);
	fg_docid did;
	try {
		did = *m->at(i);
	} catch (...) {
		return fail(err, "cannot fetch hit");
	}
	/* Through the database rather than the MSet, so a reopen can be retried. */
	Xapian::Database db = m->db;
	return fetch_doc(db, &db, did, out, err);
}

extern "C" void fg_xmset_free(fg_xmset *m)
{
	try {
		delete m;
	} catch (...) {
	}
}

extern "C" unsigned fg_xeset_size(const fg_xeset *s)
{
	return static_cast<unsigned>(s->terms.size());
}

/* NULL (and *len 0) when i is out of range. */
extern "C" const char *fg_xeset_term(const fg_xeset *s, unsigned i, size_t *len)
{
	if (i >= s->terms.size()) {
		if (len)
			*len = 0;
		return nullptr;
	}
	if (len)
		*len = s->terms[i].size();
	return s->terms[i].c_str();
}

extern "C" double fg_xeset_weight(const fg_xeset *s, unsigned i)
{
	return i < s->weights.size() ? s->weights[i] : 0.0;
}

extern "C" void fg_xeset_free(fg_xeset *s)
{
	try {
		delete s;
	} catch (...) {
	}
}
