/*
 * similar_out.c - similar provisions written out (see similar.h): the JSON
 * of /api/similar and `report similar`, each hit with its relation to the
 * source and its conflict findings (spans as text and byte offsets), and for
 * a draft its place and the summary of the check.
 */
#include "similar_int.h"
#include "json.h"

#include <json-c/json.h>
#include <string.h>

static void jput_span(json_object *o, const char *k, const char *text, size_t s, size_t e)
{
	size_t n = strlen(text);
	if (e > n)
		e = n;
	if (s > e)
		s = e;
	json_object_object_add(o, k, json_object_new_string_len(text + s, (int)(e - s)));
}

static json_object *hits_json(const fg_simresult *r)
{
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < r->nhits; i++) {
		const fg_simhit *sh = &r->hits[i];
		const fg_hit *h = &sh->hit;
		json_object *x = fg_hit_json(h);
		json_object_object_add(x, "similarity",
				       json_object_new_double(((long)(sh->similarity * 10000)) / 10000.0));
		fg_json_put(x, "text", sh->text);
		fg_json_put(x, "relation", fg_relation_name(sh->relation));
		fg_json_put(x, "relation_note", sh->relation_note ? sh->relation_note : "");
		json_object *cs = json_object_new_array();
		for (size_t k = 0; k < sh->nconflicts; k++) {
			const fg_conflict *c = &sh->conflicts[k];
			json_object *co = json_object_new_object();
			fg_json_put(co, "type", fg_conflict_type_name(c->type));
			jput_span(co, "source", r->text, c->a_start, c->a_end);
			jput_span(co, "target", sh->text, c->b_start, c->b_end);
			fg_json_put(co, "note", c->note);
			fg_json_put(co, "stricter", c->stricter > 0 ? "target" : c->stricter < 0 ? "source" : "");
			json_object_object_add(co, "source_start", json_object_new_int64((int64_t)c->a_start));
			json_object_object_add(co, "source_end", json_object_new_int64((int64_t)c->a_end));
			json_object_object_add(co, "target_start", json_object_new_int64((int64_t)c->b_start));
			json_object_object_add(co, "target_end", json_object_new_int64((int64_t)c->b_end));
			json_object_array_add(cs, co);
		}
		json_object_object_add(x, "conflicts", cs);
		json_object_array_add(arr, x);
	}
	return arr;
}

/* A draft's place and the counts of its check. */
static void draft_json(json_object *o, fg_simresult *const *r, size_t n)
{
	json_object *d = json_object_new_object();
	fg_json_put(d, "level", r[0]->level);
	fg_json_put(d, "region", r[0]->region);
	fg_json_put(d, "place", r[0]->place);
	json_object_object_add(o, "draft", d);
	fg_simsummary s;
	fg_similar_summary(r, n, &s);
	json_object *j = json_object_new_object();
	json_object_object_add(j, "superior", json_object_new_int64((int64_t)s.superior));
	json_object_object_add(j, "superior_conflicts", json_object_new_int64((int64_t)s.superior_conflicts));
	json_object_object_add(j, "same_level", json_object_new_int64((int64_t)s.same_level));
	json_object_object_add(j, "same_level_conflicts", json_object_new_int64((int64_t)s.same_level_conflicts));
	json_object_object_add(j, "reference", json_object_new_int64((int64_t)s.reference));
	json_object_object_add(j, "unclassified", json_object_new_int64((int64_t)s.unclassified));
	json_object_object_add(o, "summary", j);
}

char *fg_similar_json(fg_simresult *const *r, size_t n, int multi)
{
	json_object *o = json_object_new_object();
	if (n > 0 && r[0]->article_index < 0)
		draft_json(o, r, n);
	if (!multi && n > 0) {
		json_object *src = json_object_new_object();
		fg_json_put(src, "id", r[0]->id);
		fg_json_put(src, "title", r[0]->title);
		fg_json_put(src, "level", r[0]->level);
		fg_json_put(src, "region", r[0]->region);
		fg_json_put(src, "article", r[0]->label);
		json_object_object_add(src, "article_index", json_object_new_int(r[0]->article_index));
		fg_json_put(src, "text", r[0]->text);
		json_object_object_add(o, "source", src);
		json_object_object_add(o, "hits", hits_json(r[0]));
	} else if (!multi) {
		json_object_object_add(o, "hits", json_object_new_array());
	} else {
		json_object *arts = json_object_new_array();
		for (size_t i = 0; i < n; i++) {
			json_object *a = json_object_new_object();
			fg_json_put(a, "label", r[i]->label);
			fg_json_put(a, "text", r[i]->text);
			json_object_object_add(a, "hits", hits_json(r[i]));
			json_object_array_add(arts, a);
		}
		json_object_object_add(o, "articles", arts);
	}
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

