/*
 * xap_write.cc - writable databases: opening with a flush threshold, adding,
 * replacing and deleting documents, metadata, commits. Every change runs
 * inside an unflushed Xapian transaction, so that only fg_xwdb_commit (or,
 * without FG_XW_TXN, the emulated autoflush) commits and fg_xwdb_close
 * discards the rest.
 */
#include "xap_int.h"

#include <cstdio>
#include <cstdlib>

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

/* The Xapian action for flags (always glass); false for flags xap.h does not define. */
static bool xw_action(int flags, int *out)
{
	int action;
	switch (flags & 0x0f) {
	case FG_XW_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
	case FG_XW_CREATE: action = Xapian::DB_CREATE; break;
	case FG_XW_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
	case FG_XW_OPEN: action = Xapian::DB_OPEN; break;
	default: return false;
	}
	if (flags & ~(0x0f | FG_XW_NOSYNC | FG_XW_TXN))
		return false;
	if (flags & FG_XW_NOSYNC)
		action |= Xapian::DB_NO_SYNC;
	*out = action | Xapian::DB_BACKEND_GLASS;
	return true;
}

/*
 * Open w->db at path, with XAPIAN_FLUSH_THRESHOLD set to flush_threshold
 * (when > 0) while Xapian reads it and restored afterwards (see
 * fg_xwdb_open).
 */
static fg_status xw_construct(fg_xwdb *w, const char *path, int action, unsigned flush_threshold, fg_err *err)
{
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
	return st;
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
	if (!xw_action(flags, &action))
		return fg_err_set(err, FG_E_INVAL, "cannot open %s: bad flags 0x%x", path, (unsigned)flags);

	std::unique_ptr<fg_xwdb> w;
	try {
		w.reset(new fg_xwdb);
	} catch (...) {
		return fail(err, "cannot open", path);
	}
	w->in_txn = false;
	w->user_txn = (flags & FG_XW_TXN) != 0;
	w->changes = 0;
	w->threshold = flush_threshold > 0 ? flush_threshold : env_threshold();
	fg_status st = xw_construct(w.get(), path, action, flush_threshold, err);
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
