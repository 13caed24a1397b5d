/*
 * xap_db.cc - read-only databases: opening (a directory, a stub or a remote
 * server), combining shards, reopening, statistics, metadata, documents,
 * postings, term lists and compaction. Every read goes through guarded(),
 * which reopens the database and resumes once on a DatabaseModifiedError;
 * the read helpers here also serve the writable handles (xap_write.cc).
 */
#include "xap_int.h"

#include <cstdio>
#include <sys/stat.h>

/* Shared read helpers for fg_xdb and fg_xwdb (reopen is NULL for writers). */

fg_status get_metadata(Xapian::Database &db, Xapian::Database *reopen, const char *key, char **val, size_t *vlen,
		       fg_err *err)
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

fg_status postings(Xapian::Database &db, Xapian::Database *reopen, const char *term, size_t len, fg_xposting_cb cb,
		   void *ctx, fg_err *err)
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

fg_status metadata_keys(Xapian::Database &db, Xapian::Database *reopen, const char *prefix, fg_xmeta_cb cb,
			void *ctx, fg_err *err)
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
	(void)xmap_enabled(); /* settled before the tables open (and xap_mmap.o linked into every reader) */
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

/* ---- posting callbacks ---- */

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

/* ---- compaction ---- */

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
