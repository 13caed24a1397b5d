/*
 * xap_bm25.cc - the document-length rewrite: before a match on a local
 * database, every BM25-weighted term of the query becomes a Bm25Source,
 * which computes Xapian's BM25Weight with the same statistics and order of
 * operations but reads document lengths from the columns (xap_cols.cc)
 * instead of Xapian's length list. docs/ARCHITECTURE.md "Columns" gives the
 * measurements.
 */
#include "xap_int.h"

#include <algorithm>
#include <cmath>

namespace {
/*
 * BM25 of one term, exactly as Xapian's BM25Weight computes it (same
 * statistics, same formula, same order of operations), but reading each
 * document's length from the columns instead of the database. In Xapian 1.4
 * a term weighted by BM25 costs a skip in the document-length list per
 * posting, a chunk decode that is most of the time of a query on a frequent
 * bigram (~0.8 us a posting at 6 million units against ~0.04 us here).
 * Statistics are those of the whole (combined) database, computed when the
 * query is rewritten; Xapian runs a clone per shard, and init() maps its
 * shard docids to combined ones, as ColsMap does.
 */
class Bm25Source : public TermPostings {
	std::shared_ptr<const Cols> c;
	double termweight, len_factor;
	Bm25Params p;
	bool claim_all; /* report every document as a possible match (see Bm25Rewrite) */
	Xapian::Database db;
	Xapian::doccount ndocs = 0;
	unsigned shard = 0, nshards = 1;

	uint32_t doclen(Xapian::docid local) const
	{
		size_t g = static_cast<size_t>(local - 1) * nshards + shard + 1;
		if (g < c->doclen.size() && c->doclen[g])
			return c->doclen[g];
		return db.get_doclength(local); /* added since the columns were loaded */
	}

      public:
	Bm25Source(std::shared_ptr<const Cols> cols, std::string t, double tw, double lf, const Bm25Params &params,
		   bool all)
	    : TermPostings(std::move(t)), c(std::move(cols)), termweight(tw), len_factor(lf), p(params), claim_all(all)
	{
	}
	Bm25Source *clone() const override { return new Bm25Source(c, term, termweight, len_factor, p, claim_all); }
	void init(const Xapian::Database &sub) override
	{
		nshards = static_cast<unsigned>(c->uuids.size());
		shard = c->shard_of(sub);
		db = sub;
		open(db);
		ndocs = db.get_doccount();
		/* BM25Weight::get_maxpart with this shard's bounds */
		double wdf_max = db.get_wdf_upper_bound(term);
		double normlen_lb = std::max(std::max(wdf_max, static_cast<double>(db.get_doclength_lower_bound())) *
						     len_factor,
					     p.min_normlen);
		double denom = p.k1 * (normlen_lb * p.b + (1 - p.b)) + wdf_max;
		set_maxweight(tf && denom > 0 ? termweight * (wdf_max / denom) : 0);
	}
	Xapian::doccount get_termfreq_min() const override { return claim_all ? 0 : tf; }
	Xapian::doccount get_termfreq_est() const override { return claim_all ? ndocs : tf; }
	Xapian::doccount get_termfreq_max() const override { return claim_all ? ndocs : tf; }
	double get_weight() const override
	{
		/* BM25Weight::get_sumpart */
		double normlen = std::max(doclen(*it) * len_factor, p.min_normlen);
		double wdf = it.get_wdf();
		double denom = p.k1 * (normlen * p.b + (1 - p.b)) + wdf;
		return termweight * (wdf / denom);
	}
	std::string get_description() const override { return "Bm25Source(" + term + ")"; }
};

/*
 * The query with every BM25-weighted term replaced by a Bm25Source: same
 * matches, same weights (the factors of OP_SCALE_WEIGHT are folded into
 * each term's weight, as Xapian does), document lengths from memory.
 * Positional operators keep their native form as a filter, and their terms
 * are weighted by sources that report every document as a possible match,
 * so that Xapian's estimate of the number of matches is unchanged. Whatever
 * else is kept as it is: value ranges and posting sources, wildcards
 * (OP_SYNONYM weights the union as one term), ELITE_SET.
 */
struct Bm25Rewrite {
	std::shared_ptr<const Cols> c;
	Bm25Params p;
	const Xapian::Database &db;
	double n, len_factor;

	Bm25Rewrite(std::shared_ptr<const Cols> cols, const Bm25Params &params, const Xapian::Database &d)
	    : c(std::move(cols)), p(params), db(d), n(d.get_doccount())
	{
		len_factor = d.get_avlength();
		if (len_factor != 0)
			len_factor = 1 / len_factor;
	}
	static Xapian::Query scaled(const Xapian::Query &q, double f)
	{
		return f == 1 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, f);
	}
	/* BM25Weight::init */
	Xapian::Query term(const QNode &t, double factor, bool claim_all) const
	{
		Xapian::doccount tf = db.get_termfreq(t.term);
		double tw = (n - tf + 0.5) / (tf + 0.5);
		if (tw < 2)
			tw = tw * 0.5 + 1;
		double termweight = log(tw) * factor;
		if (p.k3 != 0) {
			double wqf = t.wqf;
			termweight *= (p.k3 + 1) * wqf / (p.k3 + wqf);
		}
		termweight *= (p.k1 + 1);
		return Xapian::Query((new Bm25Source(c, t.term, termweight, len_factor, p, claim_all))->release());
	}
	/*
	 * PHRASE or NEAR over terms: the native query as a filter (positions),
	 * each term weighted by a source claiming every document.
	 */
	Xapian::Query positional(const QNode &x, double factor) const
	{
		if (factor == 0)
			return scaled(x.q, 0);
		std::vector<Xapian::Query> v;
		for (const std::shared_ptr<const QNode> &sub : x.subs) {
			if (sub->kind != QNode::TERM)
				return scaled(x.q, factor);
			v.push_back(term(*sub, factor, true));
		}
		return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, v.begin(), v.end()), x.q);
	}
	Xapian::Query rw(const QNode &x, double factor) const
	{
		switch (x.kind) {
		case QNode::OPAQUE: return scaled(x.q, factor);
		case QNode::TERM: return factor == 0 ? scaled(x.q, 0) : term(x, factor, false);
		case QNode::SCALE: return rw(*x.subs[0], factor * x.factor);
		case QNode::COMBINE: break;
		}
		if (x.subs.empty())
			return x.q;
		std::vector<Xapian::Query> v;
		switch (x.op) {
		case Xapian::Query::OP_PHRASE:
		case Xapian::Query::OP_NEAR: return positional(x, factor);
		case Xapian::Query::OP_AND_NOT:
		case Xapian::Query::OP_FILTER: /* only the first subquery is weighted */
			v.push_back(rw(*x.subs[0], factor));
			for (size_t i = 1; i < x.subs.size(); i++)
				v.push_back(x.subs[i]->q);
			return Xapian::Query(x.op, v.begin(), v.end());
		case Xapian::Query::OP_AND:
		case Xapian::Query::OP_OR:
		case Xapian::Query::OP_AND_MAYBE:
		case Xapian::Query::OP_XOR:
		case Xapian::Query::OP_MAX:
			for (const std::shared_ptr<const QNode> &sub : x.subs)
				v.push_back(rw(*sub, factor));
			return Xapian::Query(x.op, v.begin(), v.end());
		default: return scaled(x.q, factor);
		}
	}
};
} // namespace

Xapian::Query bm25_rewrite(const std::shared_ptr<const Cols> &c, const Bm25Params &p, const Xapian::Database &db,
			   const QNode &q)
{
	return Bm25Rewrite(c, p, db).rw(q, 1);
}

extern "C" int fg_xenq_use_lengths(fg_xenq *e, const fg_xcols *c)
{
	if (c && c->c->doclen.empty())
		return -1;
	e->len_cols = c ? c->c : nullptr;
	return 0;
}
