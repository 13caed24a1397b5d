/*
 * citations.c - citations resolved at query time (cite.h): what a document
 * cites (each reference of its units resolved through the title map), what
 * cites it (the XT terms of its rule name and short forms, then the
 * candidates' references resolved), the cites: filter, and their JSON.
 */
#include "cite.h"
#include "json.h"

#include "doc.h"
#include "index.h"
#include "record.h"
#include "searcher.h"
#include "stored.h"
#include "terms.h"
#include "text.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_SHORT_CPS 4 /* a short form must have at least this many characters (as titles.c) */


static fg_xq *and_terms(const char *a, size_t alen, const char *b, size_t blen)
{
	fg_xq *x = fg_xq_term(a, alen, 1, 0), *y = fg_xq_term(b, blen, 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_AND, x, y);
	fg_xq_free(x);
	fg_xq_free(y);
	return q;
}

int fg_cite_article_index(fg_searcher *s, const char *id, long num, long sub)
{
	if (!id || num <= 0)
		return 0;
	fg_buf dt = {0}, an = {0};
	fg_term_doc(&dt, id);
	fg_term_article(&an, num, sub);
	fg_xq *q = and_terms(dt.data, dt.len, an.data, an.len);
	fg_buf_free(&dt);
	fg_buf_free(&an);
	fg_xenq *e = fg_xenq_new(fg_searcher_db(s));
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xenq_set_sort(e, FG_XSORT_VALUE, FG_SLOT_INDEX, 0);
	fg_xmset *ms = NULL;
	int idx = 0;
	if (fg_xenq_get_mset(e, 0, 1, 1, &ms, NULL) == FG_OK && fg_xmset_size(ms) > 0) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(ms, 0, &d, NULL) == FG_OK) {
			size_t n;
			const char *v = fg_xdoc_get_value(d, FG_SLOT_INDEX, &n);
			if (n)
				idx = (int)fg_x_sortable_unserialise(v, n);
			fg_xdoc_free(d);
		}
	}
	fg_xmset_free(ms);
	fg_xenq_free(e);
	fg_xq_free(q);
	return idx;
}

static void cites_push(fg_citation **v, size_t *n, const fg_citation *c)
{
	*v = fg_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = *c;
}

fg_status fg_cite_docview(fg_searcher *s, fg_docview *v, fg_err *err)
{
	const fg_titlemap *m = NULL;
	fg_status tst = fg_searcher_titles(s, &m, err);
	if (tst != FG_OK)
		return tst;
	const fg_meta *me = &v->meta;
	for (size_t u = 0; u < v->nunits; u++) {
		const fg_article *a = &v->units[u];
		fg_cite *c = NULL;
		size_t n = fg_cite_extract(a->text, a->len, &c);
		for (size_t i = 0; i < n; i++) {
			fg_citation x;
			memset(&x, 0, sizeof x);
			x.c = c[i];
			x.unit_index = u;
			x.text = fg_xstrndup(a->text + c[i].start, c[i].end - c[i].start);
			if (c[i].kind == FG_CITE_INTERNAL) {
				x.id = fg_xstrdup(me->id ? me->id : "");
				x.rtitle = fg_xstrdup(me->title ? me->title : "");
				x.resolved = 1;
				x.article_index = c[i].self_unit ? (int)u : 0;
				for (size_t k = 0; c[i].num > 0 && k < v->nunits; k++)
					if (v->units[k].kind == FG_UNIT_ARTICLE && v->units[k].num == c[i].num &&
					    v->units[k].sub == c[i].sub) {
						x.article_index = (int)k;
						break;
					}
			} else {
				const fg_titledoc *t = fg_titlemap_resolve(m, c[i].name, me->published, me->region);
				x.resolved = t != NULL;
				x.id = fg_xstrdup(t ? t->id : "");
				x.rtitle = fg_xstrdup(t ? t->title : "");
				if (t && c[i].num > 0)
					x.article_index = fg_cite_article_index(s, t->id, c[i].num, c[i].sub);
			}
			cites_push(&v->citations, &v->ncitations, &x);
		}
		free(c); /* the strings now belong to v->citations */
	}
	if (!me->id)
		return FG_OK;
	fg_status st = fg_cite_cited_by(s, me->id, &v->cited_by, &v->ncited_by, err);
	if (st == FG_E_NOTFOUND) {
		fg_err_clear(err);
		st = FG_OK;
	}
	return st;
}

json_object *fg_citations_json(const fg_citation *c, size_t n)
{
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "text", json_object_new_string(c[i].text));
		json_object_object_add(o, "title",
				       json_object_new_string(c[i].c.kind == FG_CITE_INTERNAL ? c[i].rtitle : c[i].c.title));
		json_object_object_add(o, "article", json_object_new_string(c[i].c.article));
		json_object_object_add(o, "id", json_object_new_string(c[i].id));
		json_object_object_add(o, "resolved", json_object_new_boolean(c[i].resolved));
		json_object_object_add(o, "kind", json_object_new_string(fg_cite_kind_name(c[i].c.kind)));
		json_object_object_add(o, "unit_index", json_object_new_int((int)c[i].unit_index));
		json_object_object_add(o, "article_index", json_object_new_int(c[i].article_index));
		json_object_object_add(o, "resolved_title", json_object_new_string(c[i].rtitle));
		json_object_array_add(arr, o);
	}
	return arr;
}

json_object *fg_citedby_json(const fg_citedby *c, size_t n)
{
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_string(c[i].id));
		json_object_object_add(o, "title", json_object_new_string(c[i].title));
		json_object_object_add(o, "article", json_object_new_string(c[i].article));
		json_object_object_add(o, "article_index", json_object_new_int(c[i].article_index));
		json_object_object_add(o, "text", json_object_new_string(c[i].text));
		json_object_object_add(o, "kind", json_object_new_string(fg_cite_kind_name(c[i].kind)));
		json_object_array_add(arr, o);
	}
	return arr;
}

void fg_citations_free(fg_citation *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].c.title);
		free(c[i].c.name);
		free(c[i].c.article);
		free(c[i].text);
		free(c[i].id);
		free(c[i].rtitle);
	}
	free(c);
}

void fg_citedby_free(fg_citedby *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].id);
		free(c[i].title);
		free(c[i].article);
		free(c[i].text);
	}
	free(c);
}

static int cmp_docid(const void *a, const void *b)
{
	fg_docid x = *(const fg_docid *)a, y = *(const fg_docid *)b;
	return (x > y) - (x < y);
}

static int cmp_citedby(const void *a, const void *b)
{
	const fg_citedby *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return (x->article_index > y->article_index) - (x->article_index < y->article_index);
}

/* Units citing the rule name nm or a short form of it (XT terms), sorted, into ids. */
static fg_status candidates(fg_xdb *db, const char *nm, fg_xdocids *ids, fg_err *err)
{
	size_t len = strlen(nm), cps = fg_utf8_count(nm, len), seen = 0;
	fg_buf t = {0};
	fg_status st = FG_OK;
	for (size_t p = 0; p < len && st == FG_OK;) {
		if (p == 0 || cps - seen >= MIN_SHORT_CPS) {
			fg_term_field(&t, FG_PFX_CITES, nm + p, len - p);
			st = fg_xdb_postings(db, t.data, t.len, fg_xdocids_collect, ids, err);
		}
		uint32_t cp;
		p += fg_utf8_decode(nm + p, len - p, &cp);
		seen++;
	}
	fg_buf_free(&t);
	if (ids->n) /* ids->v is NULL when nothing cites: qsort needs a pointer even for 0 elements */
		qsort(ids->v, ids->n, sizeof *ids->v, cmp_docid);
	return st;
}

/* The references of unit u (of another document) that resolve to target, appended to *v. */
static void citing_refs(const fg_titlemap *m, const fg_titledoc *target, const fg_unitrec *u, fg_citedby **v,
			size_t *n)
{
	const char *text = u->unit.text;
	fg_cite *c = NULL;
	size_t nc = fg_cite_extract(text, u->unit.len, &c);
	for (size_t k = 0; k < nc; k++) {
		if (c[k].kind == FG_CITE_INTERNAL)
			continue;
		const fg_titledoc *t = fg_titlemap_resolve(m, c[k].name, u->meta.published, u->meta.region);
		if (t != target)
			continue;
		*v = fg_xrealloc(*v, (*n + 1) * sizeof **v);
		fg_citedby *x = &(*v)[(*n)++];
		x->id = fg_xstrdup(u->meta.id ? u->meta.id : "");
		x->title = fg_xstrdup(u->meta.title ? u->meta.title : "");
		x->article = fg_xstrdup(u->unit.label);
		x->article_index = u->index;
		x->text = fg_xstrndup(text + c[k].start, c[k].end - c[k].start);
		x->kind = c[k].kind;
	}
	fg_cite_free(c, nc);
}

fg_status fg_cite_cited_by(fg_searcher *s, const char *id, fg_citedby **out, size_t *nout, fg_err *err)
{
	*out = NULL;
	*nout = 0;
	const fg_titlemap *m = NULL;
	fg_status st = fg_searcher_titles(s, &m, err);
	if (st != FG_OK)
		return st;
	const fg_titledoc *target = fg_titlemap_get(m, id);
	if (!target)
		return fg_err_set(err, FG_E_NOTFOUND, "没有编号为“%.200s”的文件，请从检索结果或目录进入", id ? id : "");
	fg_xdb *db = fg_searcher_db(s);
	fg_xdocids ids = {0};
	st = candidates(db, target->name, &ids, err);
	fg_citedby *v = NULL;
	size_t n = 0;
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		if (i > 0 && ids.v[i] == ids.v[i - 1])
			continue;
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &d, NULL) != FG_OK)
			continue;
		fg_unitrec u;
		int ok = fg_stored_unit(d, &u, NULL) == FG_OK; /* with its document's meta (record.h) */
		fg_xdoc_free(d);
		if (ok && strcmp(u.meta.id ? u.meta.id : "", id) != 0)
			citing_refs(m, target, &u, &v, &n);
		if (ok)
			fg_unitrec_fin(&u);
	}
	free(ids.v);
	if (st != FG_OK) {
		fg_citedby_free(v, n);
		return st;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_citedby);
	*out = v;
	*nout = n;
	return FG_OK;
}

fg_status fg_cite_cited_by_json(fg_searcher *s, const char *id, char **out, fg_err *err)
{
	*out = NULL;
	fg_citedby *v = NULL;
	size_t n = 0;
	fg_status st = fg_cite_cited_by(s, id, &v, &n, err);
	if (st != FG_OK)
		return st;
	json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "cited_by", fg_citedby_json(v, n));
	*out = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	fg_citedby_free(v, n);
	return FG_OK;
}

fg_xq *fg_cite_filter(fg_searcher *s, const char *ids)
{
	fg_xq **subs = NULL;
	size_t n = 0;
	const char *p = ids, *v1;
	size_t len;
	while (fg_list_next(&p, &v1, &len)) {
		if (!len)
			continue;
		char *id = fg_xstrndup(v1, len);
		fg_citedby *v = NULL;
		size_t nv = 0;
		if (fg_cite_cited_by(s, id, &v, &nv, NULL) == FG_OK) {
			for (size_t i = 0; i < nv; i++) {
				if (i > 0 && !strcmp(v[i].id, v[i - 1].id) && v[i].article_index == v[i - 1].article_index)
					continue;
				fg_buf q = {0};
				fg_term_unit(&q, v[i].id, v[i].article_index);
				subs = fg_xrealloc(subs, (n + 1) * sizeof *subs);
				subs[n++] = fg_xq_term(q.data, q.len, 1, 0);
				fg_buf_free(&q);
			}
		}
		fg_citedby_free(v, nv);
		free(id);
	}
	fg_xq *q = n ? fg_xq_combine(FG_XQ_OR, subs, n, 0) : fg_xq_match_nothing();
	for (size_t i = 0; i < n; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}

