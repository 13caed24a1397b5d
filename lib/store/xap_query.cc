/*
 * xap_query.cc - queries: term, combinator, scale, value-range and wildcard
 * constructors, and the weight-only posting sources (a value's double, a
 * map from values to weights, a constant over one term's postings). Each
 * fg_xq keeps, beside its Xapian::Query, the QNode tree of how it was built
 * (for the BM25 rewrite in xap_bm25.cc).
 */
#include "xap_int.h"

#include <algorithm>
#include <new>

/*
 * Query constructors never fail: on an error (bad arguments, out of memory
 * inside Xapian) they return a query matching nothing. Only exhaustion of
 * memory for the handle itself aborts, like fg_xmalloc.
 */

fg_xq *wrap_node(std::shared_ptr<const QNode> n)
{
	fg_xq *r = new (std::nothrow) fg_xq;
	if (!r)
		oom();
	r->q = n->q; /* only bumps a reference count */
	r->n = std::move(n);
	return r;
}

fg_xq *wrap(const Xapian::Query &q)
{
	std::shared_ptr<QNode> n;
	try {
		n = std::make_shared<QNode>();
	} catch (...) {
		oom();
	}
	n->q = q;
	return wrap_node(std::move(n));
}

fg_xq *nothing(void)
{
	return wrap(Xapian::Query::MatchNothing);
}

static bool map_op(int op, Xapian::Query::op *out)
{
	switch (op) {
	case FG_XQ_AND: *out = Xapian::Query::OP_AND; return true;
	case FG_XQ_OR: *out = Xapian::Query::OP_OR; return true;
	case FG_XQ_AND_NOT: *out = Xapian::Query::OP_AND_NOT; return true;
	case FG_XQ_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
	case FG_XQ_FILTER: *out = Xapian::Query::OP_FILTER; return true;
	case FG_XQ_PHRASE: *out = Xapian::Query::OP_PHRASE; return true;
	case FG_XQ_NEAR: *out = Xapian::Query::OP_NEAR; return true;
	case FG_XQ_ELITE_SET: *out = Xapian::Query::OP_ELITE_SET; return true;
	case FG_XQ_SYNONYM: *out = Xapian::Query::OP_SYNONYM; return true;
	case FG_XQ_MAX: *out = Xapian::Query::OP_MAX; return true;
	case FG_XQ_XOR: *out = Xapian::Query::OP_XOR; return true;
	}
	return false;
}

/* wqf 0 is taken as 1. */
extern "C" fg_xq *fg_xq_term(const char *term, size_t len, unsigned wqf, unsigned pos)
{
	try {
		std::shared_ptr<QNode> n = std::make_shared<QNode>();
		n->kind = QNode::TERM;
		n->term = str(term, len);
		n->wqf = wqf ? wqf : 1;
		n->q = Xapian::Query(n->term, n->wqf, pos);
		return wrap_node(std::move(n));
	} catch (...) {
		return nothing();
	}
}

/* An unknown op, or no subqueries, gives a query matching nothing. */
extern "C" fg_xq *fg_xq_combine(int op, fg_xq *const *subs, size_t n, unsigned window)
{
	try {
		Xapian::Query::op xop;
		if (!map_op(op, &xop))
			return nothing();
		std::shared_ptr<QNode> node = std::make_shared<QNode>();
		node->kind = QNode::COMBINE;
		node->op = xop;
		std::vector<Xapian::Query> v;
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			if (subs[i]) {
				v.push_back(subs[i]->q);
				node->subs.push_back(subs[i]->n);
			}
		/* Xapian rejects a window with the other operators: it is ignored there. */
		bool windowed = xop == Xapian::Query::OP_PHRASE || xop == Xapian::Query::OP_NEAR ||
				xop == Xapian::Query::OP_ELITE_SET;
		node->q = Xapian::Query(xop, v.begin(), v.end(), windowed ? window : 0);
		return wrap_node(std::move(node));
	} catch (...) {
		return nothing();
	}
}

extern "C" fg_xq *fg_xq_or_take(fg_xq **subs, size_t n)
{
	fg_xq *q = n ? fg_xq_combine(FG_XQ_OR, subs, n, 0) : nullptr;
	for (size_t i = 0; i < n; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}

extern "C" fg_xq *fg_xq_pair(int op, const fg_xq *a, const fg_xq *b)
{
	fg_xq *v[2] = {const_cast<fg_xq *>(a), const_cast<fg_xq *>(b)};
	return fg_xq_combine(op, v, 2, 0);
}

/* A negative factor (invalid) gives a query matching nothing. */
extern "C" fg_xq *fg_xq_scale(const fg_xq *q, double factor)
{
	try {
		std::shared_ptr<QNode> n = std::make_shared<QNode>();
		n->kind = QNode::SCALE;
		n->factor = factor;
		n->subs.push_back(q->n);
		n->q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor);
		return wrap_node(std::move(n));
	} catch (...) {
		return nothing();
	}
}

/*
 * Only documents with a value in slot match, even with both bounds open
 * (Xapian turns a lower bound of "" into MatchAll; "\0" is below every
 * non-empty value).
 */
extern "C" fg_xq *fg_xq_value_range(unsigned slot, const char *lo, const char *hi)
{
	return make_query([&] {
		std::string low = lo && *lo ? std::string(lo) : std::string(1, '\0');
		if (hi)
			return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, low, hi);
		return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, low);
	});
}

/*
 * The expanded terms are combined with OP_SYNONYM (matches exactly the
 * documents of their OR, weighted as one term). With a limit, only the
 * limit most frequent terms are used.
 */
extern "C" fg_xq *fg_xq_wildcard(const char *prefix, unsigned limit)
{
	return make_query([&] {
		return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix ? prefix : "", limit,
				     limit ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT
					   : Xapian::Query::WILDCARD_LIMIT_ERROR);
	});
}

extern "C" fg_xq *fg_xq_value_weight(unsigned slot)
{
	return make_query([&] {
		Xapian::PostingSource *src = new Xapian::ValueWeightPostingSource(slot);
		return Xapian::Query(src->release());
	});
}

extern "C" fg_xq *fg_xq_value_map(unsigned slot, const char *const *keys, const double *weights, size_t n,
			       double dflt)
{
	return make_query([&] {
		Xapian::ValueMapPostingSource *src = new Xapian::ValueMapPostingSource(slot);
		for (size_t i = 0; i < n; i++)
			src->add_mapping(keys[i], weights[i]);
		src->set_default_weight(dflt);
		return Xapian::Query(src->release());
	});
}

namespace {
/*
 * A constant weight for every document indexed by a term: a term-keyed
 * ValueMapPostingSource that reads the term's posting list instead of a
 * value stream covering every document.
 */
class ConstTermSource : public TermPostings {
	double w;

      public:
	ConstTermSource(std::string t, double weight) : TermPostings(std::move(t)), w(weight) {}
	ConstTermSource *clone() const override { return new ConstTermSource(term, w); }
	void init(const Xapian::Database &db) override
	{
		open(db);
		set_maxweight(w);
	}
	double get_weight() const override { return w; }
	std::string get_description() const override { return "ConstTermSource(" + term + ")"; }
};
} // namespace

extern "C" fg_xq *fg_xq_term_weight(const char *term, size_t len, double weight)
{
	return make_query([&] {
		Xapian::PostingSource *src = new ConstTermSource(str(term, len), weight);
		return Xapian::Query(src->release());
	});
}

namespace {
/* The documents of a sorted docid list, weight 0 (a filter). Docids of the database as a whole: one shard only. */
class DocidSource : public Xapian::PostingSource {
	std::vector<Xapian::docid> ids;
	size_t at = 0;
	bool started = false;

      public:
	explicit DocidSource(std::vector<Xapian::docid> v) : ids(std::move(v)) {}
	DocidSource *clone() const override { return new DocidSource(ids); }
	void init(const Xapian::Database &) override
	{
		at = 0;
		started = false;
		set_maxweight(0);
	}
	Xapian::doccount get_termfreq_min() const override { return (Xapian::doccount)ids.size(); }
	Xapian::doccount get_termfreq_est() const override { return (Xapian::doccount)ids.size(); }
	Xapian::doccount get_termfreq_max() const override { return (Xapian::doccount)ids.size(); }
	void next(double) override
	{
		if (started)
			at++;
		started = true;
	}
	void skip_to(Xapian::docid did, double) override
	{
		started = true;
		while (at < ids.size() && ids[at] < did)
			at++;
	}
	bool at_end() const override { return at >= ids.size(); }
	Xapian::docid get_docid() const override { return ids[at]; }
	std::string get_description() const override { return "DocidSource(" + std::to_string(ids.size()) + ")"; }
};
} // namespace

extern "C" fg_xq *fg_xq_docids(const fg_docid *v, size_t n)
{
	return make_query([&] {
		std::vector<Xapian::docid> ids(v, v + n);
		std::sort(ids.begin(), ids.end());
		ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
		if (!ids.empty() && ids[0] == 0)
			ids.erase(ids.begin());
		Xapian::PostingSource *src = new DocidSource(std::move(ids));
		return Xapian::Query(src->release());
	});
}

extern "C" fg_xq *fg_xq_match_all(void)
{
	/*
	 * Not a copy of Xapian's static Query::MatchAll: copies share its
	 * reference count, which Xapian 1.4 does not update atomically, and
	 * searchd's threads build queries at once. The empty term is the same
	 * query with an object of its own.
	 */
	return make_query([] { return Xapian::Query(std::string()); });
}

extern "C" fg_xq *fg_xq_match_nothing(void)
{
	return nothing();
}

/* NULL counts as empty. */
extern "C" int fg_xq_empty(const fg_xq *q)
{
	return !q || q->q.empty();
}

namespace {
/* Whether x can match no document of db, judged from term frequencies alone (false: it may match). */
bool none_match(const Xapian::Database &db, const QNode &x)
{
	switch (x.kind) {
	case QNode::OPAQUE: return x.q.empty(); /* MatchNothing; anything else (sources, ranges, wildcards) may match */
	case QNode::TERM: return !x.term.empty() && db.get_termfreq(x.term) == 0;
	case QNode::SCALE: return !x.subs.empty() && none_match(db, *x.subs[0]);
	case QNode::COMBINE: break;
	}
	if (x.subs.empty())
		return x.q.empty();
	switch (x.op) {
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_NEAR:
	case Xapian::Query::OP_FILTER: /* every subquery must match */
		for (const std::shared_ptr<const QNode> &sub : x.subs)
			if (none_match(db, *sub))
				return true;
		return false;
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_AND_MAYBE: return none_match(db, *x.subs[0]); /* the first decides */
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_XOR:
	case Xapian::Query::OP_MAX:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_ELITE_SET: /* some subquery must match */
		for (const std::shared_ptr<const QNode> &sub : x.subs)
			if (!none_match(db, *sub))
				return false;
		return true;
	default: return false;
	}
}
} // namespace

extern "C" int fg_xq_none_match(fg_xdb *db, const fg_xq *q)
{
	if (!q)
		return 1;
	bool none = false;
	if (guarded(&db->db, nullptr, "", nullptr, [&] { none = none_match(db->db, *q->n); }) != FG_OK)
		return 0;
	return none;
}

/* Never NULL ("" on error). */
extern "C" char *fg_xq_describe(const fg_xq *q)
{
	try {
		return dup_bytes(q ? q->q.get_description() : std::string());
	} catch (...) {
		return dup_bytes(std::string());
	}
}

extern "C" fg_xq *fg_xq_dup(const fg_xq *q)
{
	return q ? wrap_node(q->n) : nothing();
}

extern "C" void fg_xq_free(fg_xq *q)
{
	try {
		delete q;
	} catch (...) {
	}
}
