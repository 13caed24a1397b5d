/*
 * docview.c - the document view of the API (fg_docview_get): the document
 * as the search layer loads it (fg_docview_load: record, units, citations
 * both ways) plus the versions of its rule (versions.h), and the
 * /api/doc/{id} JSON built from them.
 */
#include "versions.h"
#include "json.h"

#include "cite.h"
#include "searcher.h"

#include "rules.h"
#include "terms.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static json_object *history_json(const fg_docview *v)
{
	json_object *hist = json_object_new_array();
	for (size_t i = 0; i < v->nevents; i++) {
		json_object *e = json_object_new_object();
		fg_json_put(e, "date", v->events[i].date);
		fg_json_put(e, "event", v->events[i].text);
		json_object_array_add(hist, e);
	}
	return hist;
}

static json_object *articles_json(const fg_docview *v)
{
	json_object *arts = json_object_new_array();
	for (size_t i = 0; i < v->nunits; i++) {
		json_object *a = json_object_new_object();
		fg_json_put(a, "label", v->units[i].label);
		json_object_object_add(a, "index", json_object_new_int((int)i));
		fg_json_put(a, "heading", v->units[i].heading);
		fg_json_put(a, "text", v->units[i].text);
		json_object_array_add(arts, a);
	}
	return arts;
}

/* The versions of the rule document id belongs to (empty when they cannot be listed). */
static json_object *versions_json(fg_searcher *s, const char *id)
{
	json_object *vers = json_object_new_array();
	fg_version *vv = NULL;
	size_t nvv = 0;
	if (fg_versions_list(s, id, &vv, &nvv, NULL) != FG_OK)
		return vers;
	for (size_t i = 0; i < nvv; i++) {
		json_object *x = json_object_new_object();
		fg_json_put(x, "id", vv[i].id);
		fg_json_put(x, "title", vv[i].title);
		fg_json_put(x, "published", vv[i].published);
		fg_json_put(x, "effective", vv[i].effective);
		fg_json_put(x, "status", vv[i].status);
		json_object_array_add(vers, x);
	}
	fg_versions_free(vv, nvv);
	return vers;
}

static int by_first_article(const void *a, const void *b)
{
	const fg_rule_version *x = a, *y = b;
	return x->first != y->first ? (x->first < y->first ? -1 : 1) : strcmp(x->id, y->id);
}

/*
 * The parts of the code v belongs to when it is filed in parts (民法典 as
 * eight documents sharing one XW term), in the order of their articles:
 * [{"id","title","status","first_article"}]; NULL for any other document.
 */
static json_object *parts_json(fg_searcher *s, const fg_docview *v)
{
	const char *title = v->meta.title ? v->meta.title : "";
	fg_buf term = {0};
	fg_xdb *db = fg_searcher_db(s);
	if (!*title || !fg_rule_term(db, NULL, title, strlen(title), &term) || strncmp(term.data, FG_PFX_WORK, 2)) {
		fg_buf_free(&term);
		return NULL;
	}
	fg_rulecard *c = fg_rulecard_build(db, term.data, term.len, NULL);
	fg_buf_free(&term);
	if (!c || c->nversions < 2) {
		fg_rulecard_free(c);
		return NULL;
	}
	qsort(c->versions, c->nversions, sizeof *c->versions, by_first_article);
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < c->nversions; i++) {
		json_object *x = json_object_new_object();
		fg_json_put(x, "id", c->versions[i].id);
		fg_json_put(x, "title", c->versions[i].title);
		fg_json_put(x, "status", c->versions[i].status);
		json_object_object_add(x, "first_article", json_object_new_int64(c->versions[i].first));
		json_object_array_add(a, x);
	}
	fg_rulecard_free(c);
	return a;
}

static char *docview_json(fg_searcher *s, const char *id, const fg_docview *v)
{
	json_object *j = json_object_new_object();
	const fg_meta *m = &v->meta;
	const char *const keys[] = {"id",	 "title",     "number",	 "authority",  "level",   "status",
				    "region",	 "category",  "published", "effective", "expires", "supersedes"};
	const char *const vals[] = {m->id,	 m->title,     m->number,	 m->authority, m->level,   m->status,
				    m->region,	 m->category,  m->published, m->effective, m->expires, m->supersedes};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		fg_json_put(j, keys[i], vals[i]);
	fg_json_put(j, "path", v->path);
	json_object_object_add(j, "history", history_json(v));
	json_object_object_add(j, "articles", articles_json(v));
	json_object_object_add(j, "citations", fg_citations_json(v->citations, v->ncitations));
	json_object_object_add(j, "versions", versions_json(s, id));
	json_object *parts = parts_json(s, v);
	if (parts)
		json_object_object_add(j, "parts", parts);
	json_object_object_add(j, "cited_by", fg_citedby_json(v->cited_by, v->ncited_by));
	char *out = fg_xstrdup(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
	return out;
}

fg_status fg_docview_get(fg_searcher *s, const char *id, fg_docview **out, fg_err *err)
{
	fg_status st = fg_docview_load(s, id, out, err);
	if (st == FG_OK)
		(*out)->json = docview_json(s, id, *out);
	return st;
}
