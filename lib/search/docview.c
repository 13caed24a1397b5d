/*
 * docview.c - a whole document read back from the index (fg_docview_load):
 * its record (metadata, source, history) and its units in order, with the
 * citations resolved both ways (cite.h). The work tools add the versions
 * and the API JSON (fg_docview_get).
 */
#include "search.h"
#include "searcher.h"

#include "cite.h"
#include "stored.h"
#include "terms.h"
#include "xap.h"

#include <stdlib.h>
#include <string.h>

static int cmp_unit(const void *a, const void *b)
{
	const fg_article *x = a, *y = b;
	return (x->nparas > y->nparas) - (x->nparas < y->nparas);
}

/* The record of document id into v (metadata, path, format, body, events); *recid gets its docid. */
static fg_status load_record(fg_xdb *db, const char *id, fg_docview *v, fg_docid *recid, fg_err *err)
{
	fg_record rec;
	fg_status st = fg_stored_record(db, id, &rec, recid, NULL, err);
	if (st != FG_OK)
		return st;
	v->meta = rec.meta;
	v->path = rec.path;
	v->format = rec.format;
	v->body = rec.body;
	v->events = rec.events;
	v->nevents = rec.nevents;
	free(rec.hash);
	free(rec.encoding);
	return FG_OK;
}

/* Every unit of document id (D<id> but the record recid) into v, in unit order. */
static fg_status load_units(fg_xdb *db, const char *id, fg_docid recid, fg_docview *v, fg_err *err)
{
	fg_buf dt = {0};
	fg_term_doc(&dt, id);
	fg_xdocids units = {0};
	fg_status st = fg_xdb_postings(db, dt.data, dt.len, fg_xdocids_collect, &units, err);
	fg_buf_free(&dt);
	v->units = fg_xcalloc(units.n ? units.n : 1, sizeof *v->units);
	for (size_t i = 0; st == FG_OK && i < units.n; i++) {
		if (units.v[i] == recid)
			continue;
		fg_xdoc *u = NULL;
		st = fg_xdb_get_document(db, units.v[i], &u, err);
		if (st != FG_OK)
			break;
		fg_unitrec ur;
		st = fg_stored_unit(u, &ur, err);
		fg_xdoc_free(u);
		if (st != FG_OK)
			break;
		fg_article *a = &v->units[v->nunits++];
		*a = ur.unit;
		a->nparas = ur.index; /* sort key, replaced below */
		fg_meta_fin(&ur.meta);
	}
	free(units.v);
	qsort(v->units, v->nunits, sizeof *v->units, cmp_unit);
	for (size_t i = 0; i < v->nunits; i++) {
		int np = 1;
		for (const char *p = v->units[i].text; *p; p++)
			np += *p == '\n';
		v->units[i].nparas = np;
	}
	return st;
}

fg_status fg_docview_load(fg_searcher *s, const char *id, fg_docview **out, fg_err *err)
{
	*out = NULL;
	if (!id || !*id || strlen(id) > 200)
		return fg_err_set(err, FG_E_NOTFOUND, "没有编号为“%.200s”的文件，请从检索结果或目录进入", id ? id : "");
	fg_xdb *db = fg_searcher_db(s);
	fg_docview *v = fg_xcalloc(1, sizeof *v);
	fg_docid recid = 0;
	fg_status st = load_record(db, id, v, &recid, err);
	if (st == FG_OK)
		st = load_units(db, id, recid, v, err);
	if (st == FG_OK)
		st = fg_cite_docview(s, v, err);
	if (st != FG_OK) {
		fg_docview_free(v);
		return st;
	}
	*out = v;
	return FG_OK;
}

void fg_docview_free(fg_docview *v)
{
	if (!v)
		return;
	fg_meta_fin(&v->meta);
	free(v->path);
	free(v->body);
	for (size_t i = 0; i < v->nevents; i++)
		free(v->events[i].text);
	free(v->events);
	for (size_t i = 0; i < v->nunits; i++) {
		free(v->units[i].label);
		free(v->units[i].heading);
		free(v->units[i].text);
	}
	free(v->units);
	free(v->json);
	fg_citations_free(v->citations, v->ncitations);
	fg_citedby_free(v->cited_by, v->ncited_by);
	free(v);
}
