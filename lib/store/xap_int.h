/*
 * xap_int.h - what the files of the Xapian binding (lib/store/xap_*.cc)
 * share, and nothing outside lib/store/ includes: the definitions of xap.h's
 * opaque handles, the query tree kept beside each Xapian query, the
 * in-memory columns, the posting-source base over one term's postings, and
 * the helpers that turn exceptions into statuses. Every extern "C" body of
 * the binding catches every exception (through fail() or guarded()), so no
 * C++ type or exception crosses xap.h.
 */
#ifndef FG_XAP_INT_H
#define FG_XAP_INT_H

#include "xap.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

/* ---- handles ---- */

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
	Xapian::Database db;                      /* the database it came from (did != 0) */
	bool lazy = false;                        /* values read when asked for (from a read-only database) */
	std::list<std::string> values;            /* every value handed out, kept until free */
	std::map<unsigned, std::string *> latest; /* slot -> last handed-out value */
};

/*
 * A query keeps, beside Xapian's object, how it was built: Xapian 1.4 does
 * not expose a scale factor or a leaf's wqf, and the BM25 rewrite
 * (bm25_rewrite, xap_bm25.cc) needs both. Nodes are immutable and shared by
 * copies.
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

struct fg_xcols {
	std::shared_ptr<const Cols> c;
};

/*
 * Counts the codes of every column over the documents the matcher checks.
 * Single databases only: over several shards Xapian 1.4 hands a spy shard
 * docids without saying which shard (Document::get_docid()).
 */
class ColsSpy : public Xapian::MatchSpy {
	std::shared_ptr<const Cols> c;
	Xapian::valueno group;                /* count one document per value of this slot (the collapse key) */
	std::unordered_set<std::string> seen; /* the group values counted */

      public:
	std::vector<std::vector<Xapian::doccount>> counts; /* [column][code] */
	Xapian::doccount units = 0;                        /* documents the spy was given */
	Xapian::doccount counted = 0;                      /* of them counted (one per group) */

	ColsSpy(std::shared_ptr<const Cols> cols, Xapian::valueno group_slot);
	void operator()(const Xapian::Document &doc, double) override;
};

/* The parameters of Xapian's BM25Weight that Bm25Source needs (k2 is 0 whenever it runs). */
struct Bm25Params {
	double k1, k3, b, min_normlen;
};

struct fg_xenq {
	Xapian::Database db;                /* shares its shards with the fg_xdb: reopen affects both */
	std::vector<unsigned> spy_slots;    /* slot of each value-count spy */
	std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies; /* spies of the last match */
	std::shared_ptr<const Cols> count_cols;             /* columns counted over the match, if any */
	std::unique_ptr<ColsSpy> cols_spy;                  /* their spy in the last match */
	Xapian::valueno collapse = Xapian::BAD_VALUENO;     /* the collapse key, if any (the spies count by it) */
	std::shared_ptr<const QNode> query;                 /* as set, for the BM25 rewrite */
	bool bm25 = true;                   /* weighting is BM25 (Xapian's default, k2 0) */
	Bm25Params bm25p = {1, 1, 0.5, 0.5};
	std::shared_ptr<const Cols> len_cols;               /* document lengths for bm25_rewrite, if any */
	Xapian::Enquire enq;                /* declared after spies: destroyed before them */

	explicit fg_xenq(const Xapian::Database &d) : db(d), enq(d) {}
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

/* ---- a posting source over one term (ConstTermSource in xap_query.cc, Bm25Source in xap_bm25.cc) ---- */

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

/* ---- helpers (xap_base.cc unless said otherwise) ---- */

inline std::string str(const char *s, size_t n)
{
	return n ? std::string(s, n) : std::string();
}

/* Like fg_xmalloc: memory exhaustion in a constructor that cannot fail aborts. */
[[noreturn]] void oom(void);

/*
 * Translate the exception being handled into a status. Call only from a
 * catch block. what says what failed; arg (may be NULL) is appended to it;
 * when arg is a path that does not exist, an opening error is FG_E_NOTFOUND.
 */
fg_status fail(fg_err *err, const char *what, const char *arg = nullptr, bool arg_is_path = false);

/*
 * Run f, a read on db. On DatabaseModifiedError reopen db (when given) and
 * run f once more; f must be safe to rerun (iterations resume where they
 * stopped). Any other exception becomes a status through fail().
 */
template <typename F>
fg_status guarded(Xapian::Database *db, fg_err *err, const char *what, const char *arg, F &&f)
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
template <typename T, typename F> T guarded_value(Xapian::Database *db, T dflt, F &&f)
{
	T v = dflt;
	if (guarded(db, nullptr, "", nullptr, [&] { v = f(); }) != FG_OK)
		return dflt;
	return v;
}

/* A malloc'd NUL-terminated copy of s, for the caller to free(); aborts when out of memory. */
char *dup_bytes(const std::string &s);

/* Documents (xap_doc.cc): a new handle on doc (aborts when out of memory). */
fg_xdoc *new_doc(const Xapian::Document &doc);

/*
 * Fetch document did from db and load its data and values now, so that the
 * accessors (which cannot report errors) never go back to the database.
 */
fg_status fetch_doc(Xapian::Database &db, Xapian::Database *reopen, fg_docid did, fg_xdoc **out, fg_err *err);

/* Read helpers shared by fg_xdb and fg_xwdb (xap_db.cc; reopen is NULL for writers). */
fg_status get_metadata(Xapian::Database &db, Xapian::Database *reopen, const char *key, char **val, size_t *vlen,
		       fg_err *err);
fg_status postings(Xapian::Database &db, Xapian::Database *reopen, const char *term, size_t len, fg_xposting_cb cb,
		   void *ctx, fg_err *err);
fg_status metadata_keys(Xapian::Database &db, Xapian::Database *reopen, const char *prefix, fg_xmeta_cb cb,
			void *ctx, fg_err *err);

/*
 * Queries (xap_query.cc): a new handle on a node or on a native query
 * (aborts only when out of memory for the handle itself), and the query
 * matching nothing.
 */
fg_xq *wrap_node(std::shared_ptr<const QNode> n);
fg_xq *wrap(const Xapian::Query &q);
fg_xq *nothing(void);

/* A handle on the query f() builds; the query matching nothing if f throws. */
template <typename F> fg_xq *make_query(F &&f)
{
	try {
		return wrap(f());
	} catch (...) {
		return nothing();
	}
}

/*
 * The BM25 rewrite (xap_bm25.cc): q with every BM25-weighted term weighted
 * by a source reading document lengths from c, with db's statistics. Throws
 * what Xapian throws.
 */
Xapian::Query bm25_rewrite(const std::shared_ptr<const Cols> &c, const Bm25Params &p, const Xapian::Database &db,
			   const QNode &q);

/* Whether table files are read through memory maps (xap_mmap.cc; FAGUI_MMAP=0 turns it off). */
bool xmap_enabled();

#endif
