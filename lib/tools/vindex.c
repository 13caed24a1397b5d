/*
 * vindex.c - the index as the version tools read and write it (see
 * versions_int.h): a document's record looked up by its R term and decoded
 * with the record codec, the records carrying a term, the superseded_by link
 * that status events add to a record's data, and the shards of an index
 * directory opened for writing (the shard paths from the stub, layout.h).
 */
#include "versions_int.h"
#include "stored.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 64 /* records_with: as many as the versions of one rule listed */

fg_status fg_vindex_record(fg_xdb *db, const char *id, fg_record *out, char **superseded_by, fg_err *err)
{
	return fg_stored_record(db, id, out, NULL, superseded_by, err);
}

fg_status fg_vindex_records_with(fg_xdb *db, const char *prefix, const char *val, char ***ids, size_t *n, fg_err *err)
{
	fg_buf t = {0};
	fg_term_field(&t, prefix, val, strlen(val));
	fg_xq *a = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0), *b = fg_xq_term(t.data, t.len, 1, 0);
	fg_buf_free(&t);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, a, b);
	fg_xq_free(a);
	fg_xq_free(b);
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, MAX_RECORDS, MAX_RECORDS, &m, err);
	fg_xq_free(q);
	for (unsigned i = 0; st == FG_OK && i < fg_xmset_size(m); i++) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(m, i, &d, NULL) != FG_OK)
			continue;
		size_t vl;
		const char *v = fg_xdoc_get_value(d, FG_SLOT_ID, &vl);
		if (vl) {
			*ids = fg_xrealloc(*ids, (*n + 1) * sizeof **ids);
			(*ids)[(*n)++] = fg_xstrndup(v, vl);
		}
		fg_xdoc_free(d);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	return st;
}

void fg_vindex_set_superseded_by(fg_xdoc *record, const char *by)
{
	size_t len;
	const char *data = fg_xdoc_get_data(record, &len);
	fg_buf nd = {0};
	if (fg_record_set_superseded_by(&nd, data, len, by))
		fg_xdoc_set_data(record, nd.data, nd.len);
	fg_buf_free(&nd);
	fg_buf z = {0};
	fg_term_field(&z, FG_PFX_SUPERSEDED_BY, by, strlen(by));
	fg_xdoc_add_boolean_term(record, z.data, z.len);
	fg_buf_free(&z);
}

/* ---- the shards of an index directory ---- */

void fg_shards_close(fg_shards *s)
{
	for (int k = 0; k < s->n; k++)
		fg_xwdb_close(s->w[k]);
	s->n = 0;
}

fg_status fg_shards_open(const char *dir, fg_shards *s, fg_err *err)
{
	memset(s, 0, sizeof *s);
	char *paths[FG_LAYOUT_MAX_SHARDS];
	int n = 0;
	fg_status st = fg_layout_shards(dir, paths, FG_LAYOUT_MAX_SHARDS, &n, err);
	if (st != FG_OK)
		return st;
	for (int k = 0; k < n; k++) {
		if (st == FG_OK)
			st = fg_xwdb_open(paths[k], FG_XW_OPEN | FG_XW_TXN, 0, &s->w[s->n], err);
		if (st == FG_OK)
			s->n++;
		free(paths[k]);
	}
	if (st != FG_OK)
		fg_shards_close(s);
	return st;
}

fg_status fg_shards_commit(fg_shards *s, fg_err *err)
{
	for (int k = 0; k < s->n; k++) {
		fg_status st = fg_xwdb_commit(s->w[k], err);
		if (st != FG_OK)
			return st;
	}
	return FG_OK;
}

int fg_shards_find(fg_shards *s, const char *id)
{
	fg_buf t = {0};
	fg_term_record(&t, id);
	int found = -1;
	for (int k = 0; k < s->n && found < 0; k++)
		if (fg_xwdb_termfreq(s->w[k], t.data, t.len) > 0)
			found = k;
	fg_buf_free(&t);
	return found;
}
