/*
 * results.c - search results: hits filled from decoded unit data, and the
 * API's JSON of a hit and of a whole result.
 */
#include "search.h"
#include "json.h"
#include "record.h"
#include "rules.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const fg_facet_names[FG_NFACETS] = {"level", "status", "region", "year"};

static char *dup_or_empty(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

void fg_hit_from_unit(fg_hit *h, const fg_unitrec *u)
{
	const fg_meta *m = &u->meta;
	h->id = dup_or_empty(m->id);
	h->title = fg_meta_display_title(m);
	h->number = dup_or_empty(m->number);
	h->authority = dup_or_empty(m->authority);
	h->level = dup_or_empty(m->level);
	h->status = dup_or_empty(m->status);
	h->region = dup_or_empty(m->region);
	h->published = dup_or_empty(m->published);
	h->effective = dup_or_empty(m->effective);
	h->article = dup_or_empty(u->unit.label);
	h->heading = dup_or_empty(u->unit.heading);
	h->article_index = u->index;
	fg_buf url = {0};
	fg_buf_puts(&url, "/doc/");
	fg_buf_put_urlpart(&url, h->id);
	fg_buf_printf(&url, "#a%d", h->article_index);
	h->url = fg_buf_detach(&url);
	h->matched_articles = 1;
}

void fg_hit_fin(fg_hit *h)
{
	free(h->id);
	free(h->title);
	free(h->number);
	free(h->authority);
	free(h->level);
	free(h->status);
	free(h->region);
	free(h->published);
	free(h->effective);
	free(h->article);
	free(h->heading);
	free(h->snippet);
	free(h->url);
}

void fg_result_free(fg_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++)
		fg_hit_fin(&r->hits[i]);
	free(r->hits);
	for (int i = 0; i < FG_NFACETS; i++) {
		for (size_t j = 0; j < r->facets[i].n; j++)
			free(r->facets[i].values[j].value);
		free(r->facets[i].values);
	}
	fg_rulecard_free(r->rule);
	free(r->notice);
	free(r->query);
	free(r->parsed);
	free(r);
}

/* A double printed with a fixed number of decimals (no 16.047999999999998). */
static json_object *fixed_double(double v, int decimals)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

json_object *fg_hit_json(const fg_hit *h)
{
	json_object *x = json_object_new_object();
	fg_json_put(x, "id", h->id);
	fg_json_put(x, "title", h->title);
	fg_json_put(x, "number", h->number);
	fg_json_put(x, "authority", h->authority);
	fg_json_put(x, "level", h->level);
	fg_json_put(x, "status", h->status);
	fg_json_put(x, "region", h->region);
	fg_json_put(x, "published", h->published);
	fg_json_put(x, "effective", h->effective);
	fg_json_put(x, "article", h->article);
	json_object_object_add(x, "article_index", json_object_new_int(h->article_index));
	json_object_object_add(x, "score", fixed_double(h->score, 4));
	fg_json_put(x, "snippet", h->snippet);
	fg_json_put(x, "url", h->url);
	json_object_object_add(x, "matched_articles", json_object_new_int((int)h->matched_articles));
	fg_json_put(x, "heading", h->heading);
	return x;
}

char *fg_result_json(const fg_result *r)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "query", r->query);
	json_object_object_add(o, "total", json_object_new_int64(r->total));
	json_object_object_add(o, "total_exact", json_object_new_boolean(r->total_exact));
	json_object_object_add(o, "facets_exact", json_object_new_boolean(r->facets_exact));
	json_object_object_add(o, "took_ms", fixed_double(r->took_ms, 3));
	json_object_object_add(o, "relaxed", json_object_new_boolean(r->relaxed));
	json_object *hits = json_object_new_array();
	for (size_t i = 0; i < r->nhits; i++) {
		const fg_hit *h = &r->hits[i];
		json_object *x = fg_hit_json(h);
		json_object_array_add(hits, x);
	}
	json_object_object_add(o, "hits", hits);
	json_object *facets = json_object_new_object();
	for (int i = 0; i < FG_NFACETS; i++) {
		json_object *f = json_object_new_object();
		for (size_t j = 0; j < r->facets[i].n; j++)
			json_object_object_add(f, r->facets[i].values[j].value,
					       json_object_new_int((int)r->facets[i].values[j].count));
		json_object_object_add(facets, r->facets[i].name ? r->facets[i].name : fg_facet_names[i], f);
	}
	json_object_object_add(o, "facets", facets);
	if (r->rule)
		json_object_object_add(o, "rule", fg_rulecard_json(r->rule));
	if (r->notice)
		fg_json_put(o, "notice", r->notice);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

