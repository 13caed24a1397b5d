/*
 * xap_cols.cc - columns (fg_xcols): the values of a few slots of every
 * document, and every document's length, loaded into arrays indexed by
 * combined docid, and what reads them: the prior as a posting source
 * (fg_xq_cols_map) and facet counts as a match spy (fg_xenq_count_cols).
 * docs/ARCHITECTURE.md "Columns" says why.
 */
#include "xap_int.h"

#include <algorithm>
#include <unordered_map>

/* ---- the facet spy and the prior's posting source ---- */

ColsSpy::ColsSpy(std::shared_ptr<const Cols> cols, Xapian::valueno group_slot)
    : c(std::move(cols)), group(group_slot)
{
	for (const Column &col : c->cols)
		counts.emplace_back(col.dict.size() + 1, 0);
}

void ColsSpy::operator()(const Xapian::Document &doc, double)
{
	Xapian::docid did = doc.get_docid();
	units++;
	if (group != Xapian::BAD_VALUENO && !seen.insert(doc.get_value(group)).second)
		return; /* another unit of a document (or version of an article) already counted */
	counted++;
	for (size_t i = 0; i < c->cols.size(); i++) {
		const std::vector<uint16_t> &code = c->cols[i].code;
		if (did < code.size())
			counts[i][code[did]]++;
	}
}

namespace {
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
} // namespace

/* ---- loading ---- */

/* Split the UUID of a combined database ("u1:u2:...", one per shard, in interleaving order) into out. */
static void split_uuids(const std::string &u, std::vector<std::string> &out)
{
	for (size_t at = 0;;) {
		size_t colon = u.find(':', at);
		out.push_back(u.substr(at, colon == std::string::npos ? std::string::npos : colon - at));
		if (colon == std::string::npos)
			break;
		at = colon + 1;
	}
}

/* Every document's length, by combined docid up to last (0 where none). */
static void load_doclens(const Xapian::Database &db, Xapian::docid last, std::vector<uint32_t> &doclen)
{
	doclen.assign(static_cast<size_t>(last) + 1, 0);
	for (Xapian::PostingIterator it = db.postlist_begin(std::string()), end = db.postlist_end(std::string());
	     it != end && *it <= last; ++it)
		doclen[*it] = static_cast<uint32_t>(it.get_doclength());
}

/*
 * The values of slot, by combined docid up to last, as codes into the
 * column's dictionary. FG_E_INVAL when there are more distinct values than
 * 16-bit codes; Xapian's exceptions are thrown.
 */
static fg_status load_column(const Xapian::Database &db, unsigned slot, Xapian::docid last, Column &col,
			     fg_err *err)
{
	col.slot = slot;
	col.code.assign(static_cast<size_t>(last) + 1, 0);
	std::unordered_map<std::string, uint16_t> seen;
	for (Xapian::ValueIterator it = db.valuestream_begin(slot), end = db.valuestream_end(slot); it != end; ++it) {
		Xapian::docid did = it.get_docid();
		if (did > last)
			break;
		auto hit = seen.find(*it);
		uint16_t code;
		if (hit != seen.end()) {
			code = hit->second;
		} else {
			if (col.dict.size() >= UINT16_MAX)
				return fg_err_set(err, FG_E_INVAL, "slot %u has too many distinct values for a column", slot);
			col.dict.push_back(*it);
			code = static_cast<uint16_t>(col.dict.size());
			seen.emplace(*it, code);
		}
		col.code[did] = code;
	}
	return FG_OK;
}

extern "C" fg_status fg_xcols_load(fg_xdb *db, const unsigned *slots, size_t nslots, fg_xcols **out, fg_err *err)
{
	*out = nullptr;
	try {
		std::shared_ptr<Cols> c = std::make_shared<Cols>();
		split_uuids(db->db.get_uuid(), c->uuids);
		Xapian::docid last = db->db.get_lastdocid();
		load_doclens(db->db, last, c->doclen);
		for (size_t i = 0; i < nslots; i++) {
			Column col;
			fg_status st = load_column(db->db, slots[i], last, col, err);
			if (st != FG_OK)
				return st;
			c->cols.push_back(std::move(col));
		}
		*out = new fg_xcols{std::move(c)};
		return FG_OK;
	} catch (...) {
		return fail(err, "cannot load value columns");
	}
}

/* ---- handles ---- */

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

extern "C" fg_xcols *fg_xcols_with(const fg_xcols *c, unsigned slot, const fg_docid *dids, const char *const *values,
				   size_t n)
{
	if (!c || !c->c->find(slot))
		return nullptr;
	try {
		auto copy = std::make_shared<Cols>(*c->c);
		Column *col = nullptr;
		for (Column &k : copy->cols)
			if (k.slot == slot)
				col = &k;
		for (size_t i = 0; i < n; i++) {
			if (dids[i] >= col->code.size())
				continue;
			size_t code = 0;
			while (code < col->dict.size() && col->dict[code] != values[i])
				code++;
			if (code == col->dict.size()) {
				if (code >= UINT16_MAX)
					continue; /* no room for another value: keep the stored one */
				col->dict.push_back(values[i]);
			}
			col->code[dids[i]] = static_cast<uint16_t>(code + 1);
		}
		return new fg_xcols{std::move(copy)};
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

/* ---- facets counted over a match ---- */

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
