/*
 * xap_doc.cc - documents: building them for a writable database, fetching
 * them from any database (data loaded at once; values too from a writable
 * one, and from a read-only one when asked for, with a reopen on a change),
 * reading their data and values, and Xapian's sortable serialisation of
 * numbers for value slots.
 */
#include "xap_int.h"

#include <cstdio>
#include <cstring>
#include <new>

fg_xdoc *new_doc(const Xapian::Document &doc)
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
 * Fetch document did from db and load its data now. From a writable
 * database (reopen NULL: the writer may change or delete the document next)
 * its values are loaded now too, so that the accessors (which cannot report
 * errors) never go back to it. From a read-only one they are read when
 * asked for (fg_xdoc_get_value): a hit needs 2 or 3 of a unit's ~13 slots,
 * and loading them all (the slot list in the termlist table, then one value
 * chunk per slot) was a quarter of the CPU of a 2-4 character search.
 */
fg_status fetch_doc(Xapian::Database &db, Xapian::Database *reopen, fg_docid did, fg_xdoc **out, fg_err *err)
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
		d->db = db;
		d->lazy = reopen != nullptr;
		if (d->lazy)
			return; /* data and values read when asked for (the title map reads neither) */
		d->data = d->doc.get_data();
		(void)d->doc.values_count(); /* loads every value */
		if (d->data.empty())
			d->data = d->doc.get_value(FG_XDATA_SLOT); /* fg_xdoc_set_data_value */
		d->have_data = true;
	});
	if (st == FG_OK)
		*out = d.release();
	return st;
}

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
		d->doc.remove_value(FG_XDATA_SLOT); /* one form only */
	} catch (...) {
	}
}

extern "C" void fg_xdoc_set_data_value(fg_xdoc *d, const char *data, size_t len)
{
	try {
		d->data = str(data, len);
		d->have_data = true;
		d->doc.set_data(std::string());
		d->doc.add_value(FG_XDATA_SLOT, d->data);
	} catch (...) {
	}
}

/* "" when the data cannot be read. */
extern "C" const char *fg_xdoc_get_data(fg_xdoc *d, size_t *len)
{
	try {
		if (!d->have_data && d->lazy) {
			/* a read-only database: reopened and the document fetched again once if it changed meanwhile */
			if (guarded(&d->db, nullptr, "", nullptr, [&] {
				    if (!d->doc.get_docid()) /* the database was reopened: fetch it again */
					    d->doc = d->db.get_document(d->did);
				    try {
					    d->data = d->doc.get_data();
					    if (d->data.empty())
						    d->data = d->doc.get_value(FG_XDATA_SLOT);
				    } catch (const Xapian::DatabaseModifiedError &) {
					    d->doc = Xapian::Document();
					    throw;
				    }
			    }) != FG_OK)
				d->data.clear();
			d->have_data = true;
		} else if (!d->have_data) {
			d->data = d->doc.get_data();
			if (d->data.empty())
				d->data = d->doc.get_value(FG_XDATA_SLOT);
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
		std::string v;
		if (d->lazy) {
			/* a read-only database: reopened and the document fetched again once if it changed meanwhile */
			if (guarded(&d->db, nullptr, "", nullptr, [&] {
				    if (!d->doc.get_docid()) /* the database was reopened: fetch it again */
					    d->doc = d->db.get_document(d->did);
				    try {
					    v = d->doc.get_value(slot);
				    } catch (const Xapian::DatabaseModifiedError &) {
					    d->doc = Xapian::Document();
					    throw;
				    }
			    }) != FG_OK)
				v.clear();
		} else {
			v = d->doc.get_value(slot);
		}
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

extern "C" fg_status fg_xdoc_term_value(fg_xdoc *d, const char *term, size_t len, unsigned slot,
				      fg_xvalue_match match, void *ctx, char **val, size_t *vlen, fg_err *err)
{
	*val = nullptr;
	*vlen = 0;
	if (!d->did)
		return FG_OK;
	std::string t = str(term, len), v;
	bool found = false;
	fg_status st = guarded(&d->db, err, "cannot read a value of the document with term", t.c_str(), [&] {
		found = false;
		for (Xapian::PostingIterator it = d->db.postlist_begin(t); it != d->db.postlist_end(t); ++it) {
			std::string x = d->db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(slot);
			bool ok = !match || match(ctx, x.data(), x.size());
			if (!found || ok)
				v = x;
			found = true;
			if (ok)
				break;
		}
	});
	if (st == FG_OK && found) {
		*val = dup_bytes(v);
		*vlen = v.size();
	}
	return st;
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
