/*
 * xap.cc - the C binding over libxapian declared in xap.h, and the only C++
 * file of libfagui. Each handle wraps Xapian objects; every extern "C" body
 * catches every exception and turns it into an fg_status with a message
 * ("<what failed>: <Xapian error type>: <message>"), so no C++ type or
 * exception crosses the header. Reads that meet a DatabaseModifiedError
 * reopen the database and retry once. Functions returning pointers never
 * fail: on an error they return a harmless value (documented per function).
 */
#include "xap.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <sys/stat.h>
#include <vector>

struct fg_xdb {
	Xapian::Database db; /* one or more shards, searched as one */
};

struct fg_xwdb {
	Xapian::WritableDatabase db;
	bool in_txn;          /* a (never flushed) Xapian transaction is open */
	bool user_txn;        /* FG_XW_TXN: only fg_xwdb_commit commits */
	unsigned threshold;   /* changes between automatic commits (without FG_XW_TXN) */
	unsigned changes;     /* changes since the last commit */
};

struct fg_xdoc {
	Xapian::Document doc;
	std::string data;                         /* cached document data */
	bool have_data;                           /* data holds doc.get_data() */
	fg_docid did;                             /* docid in the database it came from (0: new) */
	std::list<std::string> values;            /* every value handed out, kept until free */
	std::map<unsigned, std::string *> latest; /* slot -> last handed-out value */
};

/*
 * A query keeps, beside Xapian's object, how it was built: Xapian 1.4 does
 * not expose a scale factor or a leaf's wqf, and the BM25 rewrite below
 * (bm25_rewrite) needs both. Nodes are immutable and shared by copies.
 */
struct QNode {
	enum Kind { OPAQUE, TERM, COMBINE, SCALE } kind = OPAQUE;
	Xapian::Query q;       /* the query as Xapian runs it natively */
	std::string term;      /* TERM */
	unsigned wqf = 1;      /* TERM */
	Xapian::Query::op op = Xapian::Query::OP_AND; /* COMBINE */
	double factor = 1;     /* SCALE */
	std::vector<std::shared_ptr<const QNode>> subs; /* COMBINE, SCALE */
};

struct fg_xq {
	Xapian::Query q;
	std::shared_ptr<const QNode> n; /* never null */
};

/*
 * Columns: for a few value slots, every document's value as a small code
 * (index + 1 into the slot's dictionary; 0 = no value), indexed by the
 * docid of the combined database. Counting facets and adding the static
 * prior then cost an array lookup per matching document instead of a
 * B-tree lookup of a value chunk (most of a short query's time otherwise).
 * Shared read-only by the spies and posting sources made from it, so a
 * query outlives fg_xcols_free of its handle.
 */
struct Column {
	unsigned slot;
	std::vector<std::string> dict;
	std::vector<uint16_t> code; /* by combined docid; 0 = no value */
};

struct Cols {
	std::vector<std::string> uuids; /* of each shard, in the combined docid interleaving order */
	std::vector<Column> cols;
	std::vector<uint32_t> doclen; /* Xapian's document length, by combined docid (see Bm25Source) */

	const Column *find(unsigned slot) const
	{
		for (const Column &c : cols)
			if (c.slot == slot)
				return &c;
		return nullptr;
	}
	/* Index of the shard db (a posting source's init() argument) in the interleaving order. */
	unsigned shard_of(const Xapian::Database &db) const
	{
		std::string u = db.get_uuid();
		unsigned k = 0;
		while (k < uuids.size() && uuids[k] != u)
			k++;
		if (k == uuids.size())
			throw Xapian::InvalidArgumentError("column cache does not belong to this database");
		return k;
	}
};

/*
 * Counts the codes of every column over the documents the matcher checks.
 * Single databases only: over several shards Xapian 1.4 hands a spy shard
 * docids without saying which shard (Document::get_docid()).
 */
class ColsSpy : public Xapian::MatchSpy {
	std::shared_ptr<const Cols> c;

      public:
	std::vector<std::vector<Xapian::doccount>> counts; /* [column][code] */

	explicit ColsSpy(std::shared_ptr<const Cols> cols) : c(std::move(cols))
	{
		for (const Column &col : c->cols)
			counts.emplace_back(col.dict.size() + 1, 0);
	}
	void operator()(const Xapian::Document &doc, double) override
	{
		Xapian::docid did = doc.get_docid();
		for (size_t i = 0; i < c->cols.size(); i++) {
			const std::vector<uint16_t> &code = c->cols[i].code;
			if (did < code.size())
				counts[i][code[did]]++;
		}
	}
};

/*
 * A weight-only posting source over one column: documents with a value,
 * weighted by weights[code]. Xapian runs a clone per shard with shard
 * docids; init() finds the shard by its UUID to map them to combined ones.
 */
class ColsMap : public Xapian::PostingSource {
	std::shared_ptr<const Cols> c;
	const Column *col;
	std::vector<double> w; /* by code */
	Xapian::docid did = 0, last = 0;
	unsigned shard = 0, nshards = 1;

	uint16_t code_of(Xapian::docid local) const
	{
		size_t g = static_cast<size_t>(local - 1) * nshards + shard + 1;
		return g < col->code.size() ? col->code[g] : 0;
	}
	void advance(Xapian::docid from)
	{
		for (did = from; did <= last && !code_of(did); did++)
			;
	}

      public:
	ColsMap(std::shared_ptr<const Cols> cols, const Column *column, std::vector<double> weights)
	    : c(std::move(cols)), col(column), w(std::move(weights))
	{
	}
	ColsMap *clone() const override { return new ColsMap(c, col, w); }
	void init(const Xapian::Database &db) override
	{
		nshards = static_cast<unsigned>(c->uuids.size());
		shard = c->shard_of(db);
		last = db.get_lastdocid();
		did = 0;
		double max = 0;
		for (double x : w)
			max = std::max(max, x);
		set_maxweight(max);
	}
	Xapian::doccount get_termfreq_min() const override { return 0; }
	Xapian::doccount get_termfreq_est() const override { return last; }
	Xapian::doccount get_termfreq_max() const override { return last; }
	void next(double) override { advance(did + 1); }
	void skip_to(Xapian::docid to, double) override
	{
		if (to > did)
			advance(to);
	}
	bool at_end() const override { return did > last; }
	Xapian::docid get_docid() const override { return did; }
	double get_weight() const override { return w[code_of(did)]; }
	std::string get_description() const override { return "ColsMap(" + std::to_string(col->slot) + ")"; }
};

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
struct Bm25Params {
	double k1, k3, b, min_normlen;
};

/* The postings of one term as a posting source; subclasses say how each is weighted. */
class TermPostings : public Xapian::PostingSource {
      protected:
	std::string term;
	Xapian::PostingIterator it, end;
	Xapian::doccount tf = 0;
	bool started = false;

	void open(const Xapian::Database &db)
	{
		it = db.postlist_begin(term);
		end = db.postlist_end(term);
		tf = db.get_termfreq(term);
		started = false;
	}

      public:
	explicit TermPostings(std::string t) : term(std::move(t)) {}
	Xapian::doccount get_termfreq_min() const override { return tf; }
	Xapian::doccount get_termfreq_est() const override { return tf; }
	Xapian::doccount get_termfreq_max() const override { return tf; }
	void next(double) override
	{
		if (started)
			++it;
		started = true;
	}
	void skip_to(Xapian::docid did, double) override
	{
		started = true;
		it.skip_to(did);
	}
	bool at_end() const override { return started && it == end; }
	Xapian::docid get_docid() const override { return *it; }
};

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

struct fg_xcols {
	std::shared_ptr<const Cols> c;
};

struct fg_xenq {
	Xapian::Database db;                /* shares its shards with the fg_xdb: reopen affects both */
	std::vector<unsigned> spy_slots;    /* slot of each value-count spy */
	std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies; /* spies of the last match */
	std::shared_ptr<const Cols> count_cols;             /* columns counted over the match, if any */
	std::unique_ptr<ColsSpy> cols_spy;                  /* their spy in the last match */
	std::shared_ptr<const QNode> query;                 /* as set, for the BM25 rewrite */
	bool bm25 = true;                   /* weighting is BM25 (Xapian's default, k2 0) */
	Bm25Params bm25p = {1, 1, 0.5, 0.5};
	std::shared_ptr<const Cols> len_cols;               /* document lengths for bm25_rewrite, if any */
	Xapian::Enquire enq;                /* declared after spies: destroyed before them */

	explicit fg_xenq(const Xapian::Database &d) : db(d), enq(d) {}
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
		case Xapian::Query::OP_NEAR:
			if (factor == 0)
				return scaled(x.q, 0);
			for (const std::shared_ptr<const QNode> &sub : x.subs) {
				if (sub->kind != QNode::TERM)
					return scaled(x.q, factor);
				v.push_back(term(*sub, factor, true));
			}
			return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, v.begin(), v.end()),
					     x.q);
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

struct fg_xmset {
	Xapian::MSet m;
	Xapian::Database db; /* for reopening when fetching documents */
	unsigned size = 0;

	Xapian::MSetIterator at(unsigned i) const { return m[i]; }
};

struct fg_xeset {
	std::vector<std::string> terms;
	std::vector<double> weights;
};

/* ---- helpers ---- */

static std::string str(const char *s, size_t n)
{
	return n ? std::string(s, n) : std::string();
}

/* Like fg_xmalloc: memory exhaustion in a constructor that cannot fail aborts. */
[[noreturn]] static void oom(void)
{
	fputs("fagui: out of memory in xapian binding\n", stderr);
	abort();
}

static bool path_missing(const char *path)
{
	struct stat st;
	return path && stat(path, &st) != 0 && errno == ENOENT;
}

/* Xapian's message plus the system error it carries, if any: "Error writing block 22 (No space left on device)". */
static std::string msg_of(const Xapian::Error &e)
{
	std::string m = e.get_msg();
	if (e.get_error_string())
		m += std::string(" (") + e.get_error_string() + ")";
	return m;
}

/*
 * Translate the exception being handled into a status. Call only from a
 * catch block. what says what failed; arg (may be NULL) is appended to it;
 * when arg is a path that does not exist, an opening error is FG_E_NOTFOUND.
 */
static fg_status fail(fg_err *err, const char *what, const char *arg = nullptr, bool arg_is_path = false)
{
	const char *sep = arg ? " " : "";
	if (!arg)
		arg = "";
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		return fg_err_set(err, FG_E_LOCKED, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::DatabaseNotFoundError &e) {
		return fg_err_set(err, FG_E_NOTFOUND, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DocNotFoundError &e) {
		return fg_err_set(err, FG_E_NOTFOUND, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DatabaseModifiedError &e) {
		return fg_err_set(err, FG_E_MODIFIED, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DatabaseOpeningError &e) {
		fg_status code = FG_E_XAPIAN;
		if (arg_is_path && path_missing(arg))
			code = FG_E_NOTFOUND;
		else if (e.get_error_string())
			code = FG_E_IO; /* an errno is attached: a file system failure */
		return fg_err_set(err, code, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::DatabaseCreateError &e) {
		fg_status code = e.get_error_string() ? FG_E_IO : FG_E_XAPIAN;
		return fg_err_set(err, code, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::Error &e) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const std::bad_alloc &) {
		return fg_err_set(err, FG_E_NOMEM, "%s%s%s: out of memory", what, sep, arg);
	} catch (const std::exception &e) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: %s", what, sep, arg, e.what());
	} catch (...) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: unknown C++ exception", what, sep, arg);
	}
}

/*
 * Run f, a read on db. On DatabaseModifiedError reopen db (when given) and
 * run f once more; f must be safe to rerun (iterations resume where they
 * stopped). Any other exception becomes a status through fail().
 */
template <typename F>
static fg_status guarded(Xapian::Database *db, fg_err *err, const char *what, const char *arg, F &&f)
{
	for (int attempt = 0;; attempt++) {
		try {
			f();
			return FG_OK;
		} catch (const Xapian::DatabaseModifiedError &) {
			if (!db || attempt > 0)
				return fail(err, what, arg);
			try {
				db->reopen();
			} catch (...) {
				return fail(err, what, arg);
			}
		} catch (...) {
			return fail(err, what, arg);
		}
	}
}

/* Same, for functions without a status: returns dflt on any failure. */
template <typename T, typename F> static T guarded_value(Xapian::Database *db, T dflt, F &&f)
{
	T v = dflt;
	if (guarded(db, nullptr, "", nullptr, [&] { v = f(); }) != FG_OK)
		return dflt;
	return v;
}

static char *dup_bytes(const std::string &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (!p)
		oom();
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	return p;
}

static fg_xdoc *new_doc(const Xapian::Document &doc)
{
	fg_xdoc *d = new (std::nothrow) fg_xdoc;
	if (!d)
		oom();
	d->doc = doc;
	d->have_data = false;
	d->did = 0;
	return d;
}

/*
 * Fetch document did from db and load its data and values now, so that the
 * accessors (which cannot report errors) never go back to the database.
 */
static fg_status fetch_doc(Xapian::Database &db, Xapian::Database *reopen, fg_docid did, fg_xdoc **out,
			   fg_err *err)
{
	*out = nullptr;
	char arg[32];
	snprintf(arg, sizeof arg, "%u", did);
	std::unique_ptr<fg_xdoc> d;
	try {
		d.reset(new_doc(Xapian::Document()));
	} catch (...) {
		return fail(err, "cannot fetch document", arg);
	}
	fg_status st = guarded(reopen, err, "cannot fetch document", arg, [&] {
		d->doc = db.get_document(did);
		d->did = did;
		d->data = d->doc.get_data();
		d->have_data = true;
		(void)d->doc.values_count(); /* loads every value */
	});
	if (st == FG_OK)
		*out = d.release();
	return st;
}

/* Shared read helpers for fg_xdb and fg_xwdb (reopen is NULL for writers). */

static fg_status get_metadata(Xapian::Database &db, Xapian::Database *reopen, const char *key, char **val,
			      size_t *vlen, fg_err *err)
{
	std::string v;
	*val = nullptr;
	if (vlen)
		*vlen = 0;
	fg_status st = guarded(reopen, err, "cannot read metadata", key, [&] { v = db.get_metadata(key ? key : ""); });
	if (st != FG_OK)
		return st;
	*val = dup_bytes(v);
	if (vlen)
		*vlen = v.size();
	return FG_OK;
}

static fg_status postings(Xapian::Database &db, Xapian::Database *reopen, const char *term, size_t len,
			  fg_xposting_cb cb, void *ctx, fg_err *err)
{
	std::string t = str(term, len);
	Xapian::docid next = 0; /* resume point after a reopen */
	bool stop = false;
	return guarded(reopen, err, "cannot read postings of", t.c_str(), [&] {
		Xapian::PostingIterator it = db.postlist_begin(t), end = db.postlist_end(t);
		if (next)
			it.skip_to(next);
		for (; !stop && it != end; ++it) {
			Xapian::docid did = *it;
			unsigned wdf = it.get_wdf();
			next = did + 1;
			stop = cb(ctx, did, wdf) != 0;
		}
	});
}

/* Iterate [it, end) calling cb(term, freq); resumes after the last term on rerun. */
template <typename G>
static fg_status term_walk(Xapian::Database *reopen, fg_err *err, const char *what, const char *arg, G &&range,
			   fg_xterm_cb cb, void *ctx, bool use_wdf)
{
	std::string last;
	bool started = false, stop = false;
	return guarded(reopen, err, what, arg, [&] {
		Xapian::TermIterator it, end;
		range(it, end);
		if (started) {
			it.skip_to(last);
			if (it != end && *it == last)
				++it;
		}
		for (; !stop && it != end; ++it) {
			last = *it;
			started = true;
			unsigned f = use_wdf ? it.get_wdf() : it.get_termfreq();
			stop = cb(ctx, last.data(), last.size(), f) != 0;
		}
	});
}

static fg_status metadata_keys(Xapian::Database &db, Xapian::Database *reopen, const char *prefix,
			       fg_xmeta_cb cb, void *ctx, fg_err *err)
{
	std::string p = prefix ? prefix : "";
	std::string last;
	bool started = false, stop = false;
	return guarded(reopen, err, "cannot list metadata keys", p.c_str(), [&] {
		Xapian::TermIterator it = db.metadata_keys_begin(p), end = db.metadata_keys_end(p);
		if (started) {
			it.skip_to(last);
			if (it != end && *it == last)
				++it;
		}
		for (; !stop && it != end; ++it) {
			last = *it;
			started = true;
			std::string v = db.get_metadata(last);
			stop = cb(ctx, last.data(), last.size(), v.data(), v.size()) != 0;
		}
	});
}

/* ---- read-only databases ---- */

extern "C" fg_status fg_xdb_open(const char *path, fg_xdb **out, fg_err *err)
{
	*out = nullptr;
	try {
		std::unique_ptr<fg_xdb> d(new fg_xdb{Xapian::Database(path)});
		*out = d.release();
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot open", path, true);
	}
}

extern "C" fg_status fg_xdb_open_remote(const char *host, unsigned port, unsigned timeout_ms, fg_xdb **out,
				       fg_err *err)
{
	*out = nullptr;
	char arg[300];
	snprintf(arg, sizeof arg, "%s:%u", host, port);
	try {
		std::unique_ptr<fg_xdb> d(new fg_xdb);
		if (timeout_ms)
			d->db = Xapian::Remote::open(host, port, timeout_ms, timeout_ms);
		else
			d->db = Xapian::Remote::open(host, port);
		*out = d.release();
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot open remote database", arg);
	}
}

extern "C" fg_status fg_xdb_add(fg_xdb *db, const fg_xdb *other, fg_err *err)
{
	try {
		db->db.add_database(other->db);
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot add database");
	}
}

extern "C" fg_status fg_xdb_reopen(fg_xdb *db, int *changed, fg_err *err)
{
	if (changed)
		*changed = 0;
	try {
		bool c = db->db.reopen();
		if (changed)
			*changed = c ? 1 : 0;
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot reopen database");
	}
}

extern "C" int fg_xdb_identity(fg_xdb *db, char *buf, size_t len)
{
	try {
		std::string u = db->db.get_uuid();
		Xapian::rev r = db->db.get_revision(); /* throws unless one local database */
		if (u.empty() || u.find(':') != std::string::npos)
			return -1;
		int n = snprintf(buf, len, "%s@%llu", u.c_str(), static_cast<unsigned long long>(r));
		return n > 0 && static_cast<size_t>(n) < len ? 0 : -1;
	} catch (...) {
		return -1;
	}
}

/*
 * Only drops this handle's reference: enquires and match sets made from it
 * share its shards and keep them open until they are freed.
 */
extern "C" void fg_xdb_close(fg_xdb *db)
{
	try {
		delete db;
	} catch (...) {
	}
}

extern "C" unsigned fg_xdb_doccount(fg_xdb *db)
{
	return guarded_value<unsigned>(&db->db, 0, [&] { return db->db.get_doccount(); });
}

extern "C" unsigned fg_xdb_termfreq(fg_xdb *db, const char *term, size_t len)
{
	return guarded_value<unsigned>(&db->db, 0, [&] { return db->db.get_termfreq(str(term, len)); });
}

/* 0 on error. */
extern "C" double fg_xdb_avlength(fg_xdb *db)
{
	return guarded_value<double>(&db->db, 0.0, [&] { return db->db.get_avlength(); });
}

extern "C" fg_status fg_xdb_get_metadata(fg_xdb *db, const char *key, char **val, size_t *vlen, fg_err *err)
{
	return get_metadata(db->db, &db->db, key, val, vlen, err);
}

extern "C" fg_status fg_xdb_get_document(fg_xdb *db, fg_docid did, fg_xdoc **out, fg_err *err)
{
	return fetch_doc(db->db, &db->db, did, out, err);
}

extern "C" fg_status fg_xdb_postings(fg_xdb *db, const char *term, size_t len, fg_xposting_cb cb, void *ctx,
				    fg_err *err)
{
	return postings(db->db, &db->db, term, len, cb, ctx, err);
}

extern "C" fg_status fg_xdb_allterms(fg_xdb *db, const char *prefix, fg_xterm_cb cb, void *ctx, fg_err *err)
{
	std::string p = prefix ? prefix : "";
	return term_walk(
		&db->db, err, "cannot list terms with prefix", p.c_str(),
		[&](Xapian::TermIterator &it, Xapian::TermIterator &end) {
			it = db->db.allterms_begin(p);
			end = db->db.allterms_end(p);
		},
		cb, ctx, false);
}

extern "C" fg_status fg_xdb_termlist(fg_xdb *db, fg_docid did, fg_xterm_cb cb, void *ctx, fg_err *err)
{
	char arg[32];
	snprintf(arg, sizeof arg, "%u", did);
	return term_walk(
		&db->db, err, "cannot list terms of document", arg,
		[&](Xapian::TermIterator &it, Xapian::TermIterator &end) {
			it = db->db.termlist_begin(did);
			end = db->db.termlist_end(did);
		},
		cb, ctx, true);
}

extern "C" fg_status fg_xdb_metadata_keys(fg_xdb *db, const char *prefix, fg_xmeta_cb cb, void *ctx, fg_err *err)
{
	return metadata_keys(db->db, &db->db, prefix, cb, ctx, err);
}

/* ---- writable databases ---- */

/*
 * Both modes run inside an unflushed Xapian transaction, so that nothing is
 * committed behind our back and fg_xwdb_close can discard what was not
 * committed (Xapian's close() would otherwise commit). Inside a
 * transaction glass still writes its buffered postings to the tables (not
 * committed) every XAPIAN_FLUSH_THRESHOLD changes, so memory stays bounded.
 * Without FG_XW_TXN we emulate Xapian's autoflush: every threshold changes
 * the transaction is committed and a new one begun.
 */
static fg_status xw_begin(fg_xwdb *w, fg_err *err)
{
	if (w->in_txn)
		return FG_OK;
	try {
		w->db.begin_transaction(false);
		w->in_txn = true;
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot begin transaction");
	}
}

static fg_status xw_commit(fg_xwdb *w, fg_err *err)
{
	try {
		if (w->in_txn) {
			w->in_txn = false;
			w->db.commit_transaction();
		}
		/* An unflushed transaction's commit only applies; this makes it durable. */
		w->db.commit();
		w->changes = 0;
	} catch (...) {
		return fail(err, "cannot commit");
	}
	return xw_begin(w, err);
}

/* Count n changes; without FG_XW_TXN commit when the threshold is reached. */
static fg_status xw_changed(fg_xwdb *w, unsigned n, fg_err *err)
{
	w->changes += n;
	if (!w->user_txn && w->changes >= w->threshold)
		return xw_commit(w, err);
	return FG_OK;
}

static unsigned env_threshold(void)
{
	/* Xapian's own rule in 1.4: XAPIAN_FLUSH_THRESHOLD, else 10000. */
	const char *p = getenv("XAPIAN_FLUSH_THRESHOLD");
	long v = p ? atol(p) : 0;
	return v > 0 ? static_cast<unsigned>(v) : 10000;
}

/*
 * flush_threshold > 0 sets XAPIAN_FLUSH_THRESHOLD in the environment while
 * the database is being constructed (Xapian reads it then) and restores the
 * previous value afterwards: the environment is process-global, so do not
 * open writable databases (or change the environment) from several threads
 * at once. Without FG_XW_TXN the threshold is also the number of changes
 * (documents added, replaced or deleted) between automatic commits. With
 * FG_XW_TXN there are no automatic commits, but the threshold still bounds
 * memory: Xapian writes its buffered postings to the (uncommitted) tables
 * every threshold changes, so a large transaction does not stay in memory.
 */
extern "C" fg_status fg_xwdb_open(const char *path, int flags, unsigned flush_threshold, fg_xwdb **out,
				 fg_err *err)
{
	*out = nullptr;
	int action;
	switch (flags & 0x0f) {
	case FG_XW_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
	case FG_XW_CREATE: action = Xapian::DB_CREATE; break;
	case FG_XW_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
	case FG_XW_OPEN: action = Xapian::DB_OPEN; break;
	default: return fg_err_set(err, FG_E_INVAL, "cannot open %s: bad flags 0x%x", path, (unsigned)flags);
	}
	if (flags & ~(0x0f | FG_XW_NOSYNC | FG_XW_TXN))
		return fg_err_set(err, FG_E_INVAL, "cannot open %s: bad flags 0x%x", path, (unsigned)flags);
	if (flags & FG_XW_NOSYNC)
		action |= Xapian::DB_NO_SYNC;
	action |= Xapian::DB_BACKEND_GLASS;

	std::unique_ptr<fg_xwdb> w;
	try {
		w.reset(new fg_xwdb);
	} catch (...) {
		return fail(err, "cannot open", path);
	}
	w->in_txn = false;
	w->user_txn = (flags & FG_XW_TXN) != 0;
	w->changes = 0;

	std::string saved;
	bool had_saved = false;
	if (flush_threshold > 0) {
		const char *old = getenv("XAPIAN_FLUSH_THRESHOLD");
		if (old) {
			saved = old;
			had_saved = true;
		}
		char buf[32];
		snprintf(buf, sizeof buf, "%u", flush_threshold);
		setenv("XAPIAN_FLUSH_THRESHOLD", buf, 1);
	}
	w->threshold = flush_threshold > 0 ? flush_threshold : env_threshold();
	fg_status st = FG_OK;
	try {
		w->db = Xapian::WritableDatabase(path, action);
	} catch (...) {
		st = fail(err, "cannot open", path, true);
	}
	if (flush_threshold > 0) {
		if (had_saved)
			setenv("XAPIAN_FLUSH_THRESHOLD", saved.c_str(), 1);
		else
			unsetenv("XAPIAN_FLUSH_THRESHOLD");
	}
	if (st != FG_OK)
		return st;
	if ((st = xw_begin(w.get(), err)) != FG_OK)
		return st;
	*out = w.release();
	return FG_OK;
}

extern "C" fg_status fg_xwdb_add_document(fg_xwdb *w, const fg_xdoc *doc, fg_docid *did, fg_err *err)
{
	if (did)
		*did = 0;
	fg_status st = xw_begin(w, err);
	if (st != FG_OK)
		return st;
	try {
		Xapian::docid d = w->db.add_document(doc->doc);
		if (did)
			*did = d;
	} catch (...) {
		return fail(err, "cannot add document");
	}
	return xw_changed(w, 1, err);
}

extern "C" fg_status fg_xwdb_replace_document(fg_xwdb *w, const char *unique_term, size_t len, const fg_xdoc *doc,
					     fg_err *err)
{
	std::string t = str(unique_term, len);
	fg_status st = xw_begin(w, err);
	if (st != FG_OK)
		return st;
	try {
		w->db.replace_document(t, doc->doc);
	} catch (...) {
		return fail(err, "cannot replace document", t.c_str());
	}
	return xw_changed(w, 1, err);
}

extern "C" fg_status fg_xwdb_delete_documents(fg_xwdb *w, const char *term, size_t len, fg_err *err)
{
	std::string t = str(term, len);
	unsigned n = 0;
	fg_status st = xw_begin(w, err);
	if (st != FG_OK)
		return st;
	try {
		n = w->db.get_termfreq(t);
		w->db.delete_document(t);
	} catch (...) {
		return fail(err, "cannot delete documents with term", t.c_str());
	}
	return xw_changed(w, n, err);
}

extern "C" fg_status fg_xwdb_set_metadata(fg_xwdb *w, const char *key, const char *val, size_t vlen, fg_err *err)
{
	fg_status st = xw_begin(w, err);
	if (st != FG_OK)
		return st;
	try {
		w->db.set_metadata(key, str(val, vlen));
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot set metadata", key);
	}
}

extern "C" fg_status fg_xwdb_get_metadata(fg_xwdb *w, const char *key, char **val, size_t *vlen, fg_err *err)
{
	return get_metadata(w->db, nullptr, key, val, vlen, err);
}

extern "C" fg_status fg_xwdb_metadata_keys(fg_xwdb *w, const char *prefix, fg_xmeta_cb cb, void *ctx, fg_err *err)
{
	return metadata_keys(w->db, nullptr, prefix, cb, ctx, err);
}

extern "C" unsigned fg_xwdb_doccount(fg_xwdb *w)
{
	return guarded_value<unsigned>(nullptr, 0, [&] { return w->db.get_doccount(); });
}

extern "C" unsigned fg_xwdb_termfreq(fg_xwdb *w, const char *term, size_t len)
{
	return guarded_value<unsigned>(nullptr, 0, [&] { return w->db.get_termfreq(str(term, len)); });
}

extern "C" fg_status fg_xwdb_postings(fg_xwdb *w, const char *term, size_t len, fg_xposting_cb cb, void *ctx,
				     fg_err *err)
{
	return postings(w->db, nullptr, term, len, cb, ctx, err);
}

extern "C" fg_status fg_xwdb_get_document(fg_xwdb *w, fg_docid did, fg_xdoc **out, fg_err *err)
{
	return fetch_doc(w->db, nullptr, did, out, err);
}

extern "C" fg_status fg_xwdb_commit(fg_xwdb *w, fg_err *err)
{
	return xw_commit(w, err);
}

/*
 * Discards every change since the last commit (explicit, or automatic
 * without FG_XW_TXN): the open transaction is cancelled before closing.
 */
extern "C" void fg_xwdb_close(fg_xwdb *w)
{
	if (!w)
		return;
	try {
		if (w->in_txn) {
			w->in_txn = false;
			w->db.cancel_transaction();
		}
	} catch (...) {
	}
	try {
		w->db.close();
	} catch (...) {
	}
	try {
		delete w;
	} catch (...) {
	}
}

extern "C" fg_status fg_xdb_compact(const char *src, const char *dst, fg_err *err)
{
	struct stat st;
	if (stat(dst, &st) == 0)
		return fg_err_set(err, FG_E_INVAL, "cannot compact %s into %s: destination exists", src, dst);
	try {
		Xapian::Database db(src);
		db.compact(dst);
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot compact", src, true);
	}
}

/* ---- documents ---- */

/* The document accessors cannot report errors: they are silently ignored. */

extern "C" fg_xdoc *fg_xdoc_new(void)
{
	try {
		return new_doc(Xapian::Document());
	} catch (...) {
		oom();
	}
}

extern "C" void fg_xdoc_free(fg_xdoc *d)
{
	try {
		delete d;
	} catch (...) {
	}
}

extern "C" void fg_xdoc_set_data(fg_xdoc *d, const char *data, size_t len)
{
	try {
		d->data = str(data, len);
		d->have_data = true;
		d->doc.set_data(d->data);
	} catch (...) {
	}
}

/* "" when the data cannot be read. */
extern "C" const char *fg_xdoc_get_data(fg_xdoc *d, size_t *len)
{
	try {
		if (!d->have_data) {
			d->data = d->doc.get_data();
			d->have_data = true;
		}
	} catch (...) {
		d->data.clear();
	}
	if (len)
		*len = d->data.size();
	return d->data.c_str();
}

extern "C" void fg_xdoc_add_posting(fg_xdoc *d, const char *term, size_t len, unsigned pos, unsigned wdfinc)
{
	try {
		d->doc.add_posting(str(term, len), pos, wdfinc);
	} catch (...) {
	}
}

extern "C" void fg_xdoc_add_term(fg_xdoc *d, const char *term, size_t len, unsigned wdfinc)
{
	try {
		d->doc.add_term(str(term, len), wdfinc);
	} catch (...) {
	}
}

extern "C" void fg_xdoc_add_boolean_term(fg_xdoc *d, const char *term, size_t len)
{
	try {
		d->doc.add_boolean_term(str(term, len));
	} catch (...) {
	}
}

extern "C" void fg_xdoc_add_value(fg_xdoc *d, unsigned slot, const char *val, size_t len)
{
	try {
		d->doc.add_value(slot, str(val, len));
	} catch (...) {
	}
}

/*
 * Every distinct value handed out stays alive until d is freed (a slot
 * read again with the same value reuses the earlier copy). "" on error.
 */
extern "C" const char *fg_xdoc_get_value(fg_xdoc *d, unsigned slot, size_t *len)
{
	try {
		std::string v = d->doc.get_value(slot);
		auto it = d->latest.find(slot);
		if (it == d->latest.end() || *it->second != v) {
			d->values.push_back(std::move(v));
			d->latest[slot] = &d->values.back();
			it = d->latest.find(slot);
		}
		if (len)
			*len = it->second->size();
		return it->second->c_str();
	} catch (...) {
		if (len)
			*len = 0;
		return "";
	}
}

/*
 * The docid it was fetched with: with several shards Xapian's
 * Document::get_docid() would give the docid inside its shard.
 */
extern "C" fg_docid fg_xdoc_docid(fg_xdoc *d)
{
	return d->did;
}

extern "C" size_t fg_x_sortable_serialise(double v, char out[18])
{
	try {
		std::string s = Xapian::sortable_serialise(v);
		size_t n = s.size() < 18 ? s.size() : 18;
		memcpy(out, s.data(), n);
		return n;
	} catch (...) {
		return 0;
	}
}

extern "C" double fg_x_sortable_unserialise(const char *s, size_t len)
{
	try {
		return Xapian::sortable_unserialise(str(s, len));
	} catch (...) {
		return 0.0;
	}
}

/* ---- queries ---- */

/*
 * Query constructors never fail: on an error (bad arguments, out of memory
 * inside Xapian) they return a query matching nothing. Only exhaustion of
 * memory for the handle itself aborts, like fg_xmalloc.
 */

static fg_xq *wrap_node(std::shared_ptr<const QNode> n)
{
	fg_xq *r = new (std::nothrow) fg_xq;
	if (!r)
		oom();
	r->q = n->q; /* only bumps a reference count */
	r->n = std::move(n);
	return r;
}

static fg_xq *wrap(const Xapian::Query &q)
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

static fg_xq *nothing(void)
{
	return wrap(Xapian::Query::MatchNothing);
}

template <typename F> static fg_xq *make_query(F &&f)
{
	try {
		return wrap(f());
	} catch (...) {
		return nothing();
	}
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

extern "C" int fg_xdocids_collect(void *ctx, fg_docid did, unsigned wdf)
{
	(void)wdf;
	fg_xdocids *l = static_cast<fg_xdocids *>(ctx);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = static_cast<fg_docid *>(fg_xrealloc(l->v, l->cap * sizeof *l->v));
	}
	l->v[l->n++] = did;
	return 0;
}

extern "C" int fg_xdocid_first(void *ctx, fg_docid did, unsigned wdf)
{
	(void)wdf;
	*static_cast<fg_docid *>(ctx) = did;
	return 1;
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

extern "C" fg_status fg_xcols_load(fg_xdb *db, const unsigned *slots, size_t nslots, fg_xcols **out, fg_err *err)
{
	*out = nullptr;
	try {
		std::shared_ptr<Cols> c = std::make_shared<Cols>();
		std::string u = db->db.get_uuid();
		for (size_t at = 0;;) {
			size_t colon = u.find(':', at);
			c->uuids.push_back(u.substr(at, colon == std::string::npos ? std::string::npos : colon - at));
			if (colon == std::string::npos)
				break;
			at = colon + 1;
		}
		Xapian::docid last = db->db.get_lastdocid();
		c->doclen.assign(static_cast<size_t>(last) + 1, 0);
		for (Xapian::PostingIterator it = db->db.postlist_begin(std::string()), end = db->db.postlist_end(std::string());
		     it != end && *it <= last; ++it)
			c->doclen[*it] = static_cast<uint32_t>(it.get_doclength());
		for (size_t i = 0; i < nslots; i++) {
			Column col;
			col.slot = slots[i];
			col.code.assign(static_cast<size_t>(last) + 1, 0);
			std::unordered_map<std::string, uint16_t> seen;
			for (Xapian::ValueIterator it = db->db.valuestream_begin(slots[i]), end = db->db.valuestream_end(slots[i]);
			     it != end; ++it) {
				Xapian::docid did = it.get_docid();
				if (did > last)
					break;
				auto hit = seen.find(*it);
				uint16_t code;
				if (hit != seen.end()) {
					code = hit->second;
				} else {
					if (col.dict.size() >= UINT16_MAX)
						return fg_err_set(err, FG_E_INVAL, "slot %u has too many distinct values for a column",
								  slots[i]);
					col.dict.push_back(*it);
					code = static_cast<uint16_t>(col.dict.size());
					seen.emplace(*it, code);
				}
				col.code[did] = code;
			}
			c->cols.push_back(std::move(col));
		}
		*out = new fg_xcols{std::move(c)};
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot load value columns");
	}
}

extern "C" void fg_xcols_free(fg_xcols *c)
{
	delete c;
}

extern "C" fg_xcols *fg_xcols_dup(const fg_xcols *c)
{
	try {
		return c ? new fg_xcols{c->c} : nullptr;
	} catch (...) {
		oom();
	}
}

extern "C" size_t fg_xcols_bytes(const fg_xcols *c)
{
	size_t n = 0;
	if (c)
		n += c->c->doclen.size() * sizeof c->c->doclen[0];
	if (c)
		for (const Column &col : c->c->cols) {
			n += col.code.size() * sizeof col.code[0];
			for (const std::string &v : col.dict)
				n += v.size() + sizeof v;
		}
	return n;
}

extern "C" int fg_xcols_has(const fg_xcols *c, unsigned slot)
{
	return c && c->c->find(slot) != nullptr;
}

extern "C" fg_xq *fg_xq_cols_map(const fg_xcols *c, unsigned slot, const char *const *keys, const double *weights,
				 size_t n, double dflt)
{
	const Column *col = c ? c->c->find(slot) : nullptr;
	if (!col)
		return fg_xq_value_map(slot, keys, weights, n, dflt);
	return make_query([&] {
		std::vector<double> w(col->dict.size() + 1, dflt);
		w[0] = 0;
		for (size_t code = 1; code < w.size(); code++)
			for (size_t i = 0; i < n; i++)
				if (col->dict[code - 1] == keys[i])
					w[code] = weights[i];
		Xapian::PostingSource *src = new ColsMap(c->c, col, std::move(w));
		return Xapian::Query(src->release());
	});
}

extern "C" fg_xq *fg_xq_term_weight(const char *term, size_t len, double weight)
{
	return make_query([&] {
		Xapian::PostingSource *src = new ConstTermSource(str(term, len), weight);
		return Xapian::Query(src->release());
	});
}

extern "C" fg_xq *fg_xq_match_all(void)
{
	return make_query([] { return Xapian::Query(Xapian::Query::MatchAll); });
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

extern "C" int fg_xenq_use_lengths(fg_xenq *e, const fg_xcols *c)
{
	if (c && c->c->doclen.empty())
		return -1;
	e->len_cols = c ? c->c : nullptr;
	return 0;
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

extern "C" void fg_xenq_set_collapse(fg_xenq *e, unsigned slot, unsigned max)
{
	try {
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

extern "C" int fg_xenq_count_cols(fg_xenq *e, const fg_xcols *c)
{
	if (c && c->c->uuids.size() != 1)
		return -1;
	e->count_cols = c ? c->c : nullptr;
	return 0;
}

extern "C" fg_status fg_xenq_cols_values(fg_xenq *e, unsigned slot, fg_xterm_cb cb, void *ctx, fg_err *err)
{
	if (!e->count_cols)
		return fg_err_set(err, FG_E_INVAL, "no columns are counted");
	const Cols &c = *e->count_cols;
	size_t i = 0;
	while (i < c.cols.size() && c.cols[i].slot != slot)
		i++;
	if (i == c.cols.size())
		return fg_err_set(err, FG_E_INVAL, "no column for slot %u", slot);
	if (!e->cols_spy)
		return FG_OK; /* no match run yet */
	try {
		/* most frequent first, then by value: the order of ValueCountMatchSpy::top_values */
		const std::vector<Xapian::doccount> &n = e->cols_spy->counts[i];
		std::vector<uint16_t> order;
		for (size_t code = 1; code < n.size(); code++)
			if (n[code])
				order.push_back(static_cast<uint16_t>(code));
		const std::vector<std::string> &dict = c.cols[i].dict;
		std::sort(order.begin(), order.end(), [&](uint16_t a, uint16_t b) {
			return n[a] != n[b] ? n[a] > n[b] : dict[a - 1] < dict[b - 1];
		});
		for (uint16_t code : order) {
			const std::string &v = dict[code - 1];
			if (cb(ctx, v.data(), v.size(), n[code]))
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
			e->cols_spy.reset(new ColsSpy(e->count_cols));
			e->enq.add_matchspy(e->cols_spy.get());
		}
		if (e->len_cols && e->bm25 && e->query)
			e->enq.set_query(Bm25Rewrite(e->len_cols, e->bm25p, e->db).rw(*e->query, 1));
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

extern "C" const char *fg_xapian_version(void)
{
	return Xapian::version_string();
}
