/*
 * stored.c - stored documents read back and decoded (stored.h).
 */
#include "stored.h"
#include "calendar.h"
#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fg_stored_calendar(fg_xdoc *d, fg_meta *m)
{
	char today[11], vt[9];
	size_t vl = 0;
	const char *v = fg_xdoc_get_value(d, FG_SLOT_VALID_TO, &vl);
	snprintf(vt, sizeof vt, "%.*s", (int)(vl < 8 ? vl : 8), v ? v : "");
	fg_today(today);
	const char *st = fg_status_on(m->status, m->effective, m->expires, vt, today);
	if (st && st != m->status && (!m->status || strcmp(st, m->status) != 0)) {
		free(m->status);
		m->status = fg_xstrdup(st);
	}
}

fg_status fg_stored_record(fg_xdb *db, const char *id, fg_record *out, fg_docid *did, char **superseded_by,
			   fg_err *err)
{
	memset(out, 0, sizeof *out);
	if (superseded_by)
		*superseded_by = NULL;
	if (!id || !*id || strlen(id) > FG_ID_MAX)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%.200s'", id ? id : "");
	fg_buf t = {0};
	fg_term_record(&t, id);
	fg_docid rid = 0;
	fg_status st = fg_xdb_postings(db, t.data, t.len, fg_xdocid_first, &rid, err);
	fg_buf_free(&t);
	if (st != FG_OK)
		return st;
	if (!rid)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", id);
	fg_xdoc *d = NULL;
	st = fg_xdb_get_document(db, rid, &d, err);
	if (st != FG_OK)
		return st;
	size_t len;
	const char *data = fg_xdoc_get_data(d, &len);
	if (fg_record_decode(data, len, out, NULL) != FG_OK) {
		st = fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s' (its record does not decode)", id);
	} else {
		fg_stored_calendar(d, &out->meta);
		if (superseded_by)
			*superseded_by = fg_record_superseded_by(data, len);
		if (did)
			*did = rid;
	}
	fg_xdoc_free(d);
	return st;
}

fg_status fg_stored_unit(fg_xdoc *d, fg_unitrec *out, fg_err *err)
{
	size_t len;
	const char *data = fg_xdoc_get_data(d, &len);
	fg_status st = fg_unitrec_decode(data, len, out, err);
	if (st == FG_OK)
		fg_stored_calendar(d, &out->meta);
	return st;
}

fg_status fg_stored_hit(const fg_xmset *m, unsigned i, fg_unitrec *out, fg_err *err)
{
	fg_xdoc *d = NULL;
	fg_status st = fg_xmset_document(m, i, &d, err);
	if (st == FG_OK)
		st = fg_stored_unit(d, out, err);
	fg_xdoc_free(d);
	return st;
}
