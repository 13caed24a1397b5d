/*
 * results.c - search results: hits filled from decoded unit data, and the
 * API's JSON of a hit and of a whole result.
 */
#include "search.h"
#include "searcher.h"
#include "stored.h"
#include "text.h"
#include "json.h"
#include "record.h"
#include "rules.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIPPET_CHARS 120

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

fg_status fg_result_add_hits(fg_result *r, fg_xmset *m, int doc_unit, char **needles, size_t nneedles, fg_err *err)
{
	unsigned n = fg_xmset_size(m);
	r->hits = fg_xcalloc(n ? n : 1, sizeof *r->hits);
	for (unsigned i = 0; i < n; i++) {
		fg_unitrec u;
		fg_status st = fg_stored_hit(m, i, &u, err);
		if (st != FG_OK)
			return st;
		fg_hit *h = &r->hits[r->nhits++];
		fg_hit_from_unit(h, &u);
		h->score = fg_xmset_weight(m, i);
		h->snippet = fg_snippet(u.unit.text, u.unit.len, (const char *const *)needles, nneedles, SNIPPET_CHARS);
		h->matched_articles = doc_unit ? fg_xmset_collapse_count(m, i) + 1 : 1;
		fg_unitrec_fin(&u);
	}
	return FG_OK;
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

/*
 * The API's JSON of a result, written straight into one buffer: byte for
 * byte what json-c printed from an object tree (JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE), which cost a search of 2-4 characters
 * ~10% of its CPU in allocations and copies. The rule card alone still goes
 * through json-c (rules.c builds it).
 */

/* s as a JSON string, escaped as json-c escapes (\b \n \r \t \f \" \\, other controls as \u00xx). */
static void put_str(fg_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	fg_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		switch (c) {
		case '\b': esc = "\\b"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\f': esc = "\\f"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		default:
			if (c >= ' ')
				continue;
		}
		fg_buf_put(b, run, (size_t)(s - run));
		if (esc) {
			fg_buf_puts(b, esc);
		} else {
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			fg_buf_puts(b, u);
		}
		run = s + 1;
	}
	fg_buf_put(b, run, (size_t)(s - run));
	fg_buf_putc(b, '"');
}

/* "key": (with the comma before every key but an object's first) */
static void put_key(fg_buf *b, const char *k, int *n)
{
	if ((*n)++)
		fg_buf_putc(b, ',');
	put_str(b, k);
	fg_buf_putc(b, ':');
}

static void put_field(fg_buf *b, const char *k, const char *v, int *n)
{
	put_key(b, k, n);
	put_str(b, v ? v : "");
}

/* fg_hit_json's fields, in its order */
static void put_hit(fg_buf *b, const fg_hit *h)
{
	int n = 0;
	fg_buf_putc(b, '{');
	put_field(b, "id", h->id, &n);
	put_field(b, "title", h->title, &n);
	put_field(b, "number", h->number, &n);
	put_field(b, "authority", h->authority, &n);
	put_field(b, "level", h->level, &n);
	put_field(b, "status", h->status, &n);
	put_field(b, "region", h->region, &n);
	put_field(b, "published", h->published, &n);
	put_field(b, "effective", h->effective, &n);
	put_field(b, "article", h->article, &n);
	put_key(b, "article_index", &n);
	fg_buf_printf(b, "%d", h->article_index);
	put_key(b, "score", &n);
	fg_buf_printf(b, "%.4f", h->score);
	put_field(b, "snippet", h->snippet, &n);
	put_field(b, "url", h->url, &n);
	put_key(b, "matched_articles", &n);
	fg_buf_printf(b, "%d", (int)h->matched_articles);
	put_field(b, "heading", h->heading, &n);
	fg_buf_putc(b, '}');
}

char *fg_result_json(const fg_result *r)
{
	fg_buf b = {0};
	int n = 0;
	fg_buf_putc(&b, '{');
	put_field(&b, "query", r->query, &n);
	put_key(&b, "total", &n);
	fg_buf_printf(&b, "%lld", (long long)r->total);
	put_key(&b, "total_exact", &n);
	fg_buf_puts(&b, r->total_exact ? "true" : "false");
	put_key(&b, "facets_exact", &n);
	fg_buf_puts(&b, r->facets_exact ? "true" : "false");
	put_key(&b, "took_ms", &n);
	fg_buf_printf(&b, "%.3f", r->took_ms);
	put_key(&b, "relaxed", &n);
	fg_buf_puts(&b, r->relaxed ? "true" : "false");
	put_key(&b, "hits", &n);
	fg_buf_putc(&b, '[');
	for (size_t i = 0; i < r->nhits; i++) {
		if (i)
			fg_buf_putc(&b, ',');
		put_hit(&b, &r->hits[i]);
	}
	fg_buf_putc(&b, ']');
	put_key(&b, "facets", &n);
	fg_buf_putc(&b, '{');
	int nf = 0;
	for (int i = 0; i < FG_NFACETS; i++) {
		put_key(&b, r->facets[i].name ? r->facets[i].name : fg_facet_names[i], &nf);
		fg_buf_putc(&b, '{');
		int nv = 0;
		for (size_t j = 0; j < r->facets[i].n; j++) {
			put_key(&b, r->facets[i].values[j].value, &nv);
			fg_buf_printf(&b, "%d", (int)r->facets[i].values[j].count);
		}
		fg_buf_putc(&b, '}');
	}
	fg_buf_putc(&b, '}');
	if (r->rule) {
		json_object *card = fg_rulecard_json(r->rule);
		put_key(&b, "rule", &n);
		fg_buf_puts(&b, json_object_to_json_string_ext(card, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(card);
	}
	if (r->notice)
		put_field(&b, "notice", r->notice, &n);
	fg_buf_putc(&b, '}');
	return fg_buf_detach(&b);
}
