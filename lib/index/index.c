/*
 * index.c - the index term scheme (see index.h): turns a parsed document
 * into one Xapian document per unit plus a record document, and computes the
 * static prior that ranks rules in force and higher levels first.
 */
#include "index.h"
#include "json.h"

#include "text.h"
#include "cite.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double fg_index_prior(const fg_meta *m)
{
	static const double status_w[] = {1.0, 0.6, 0.25, 0.15, 0.1, 0.5};
	int sr = fg_status_rank(m->status);
	int lr = fg_level_rank(m->level);
	if (sr < 0 || sr > 5)
		sr = 5;
	if (lr < 0 || lr > 10)
		lr = 10;
	return status_w[sr] + 0.05 * (10 - lr);
}

void fg_index_file_term(const char *relpath, char out[18])
{
	snprintf(out, 18, "F%016llx", (unsigned long long)fg_hash64(relpath, strlen(relpath)));
}


/*
 * Tokens of one unit go to the document through this context.
 *
 * Single characters: a Han character that is not the last of its run starts
 * a bigram, and a run of one character is a unigram term, so only the last
 * character of each run of two or more needs a term of its own: U<c>. A
 * one-character query is then OR(U<c>, <c>, bigrams <c>*), which finds every
 * occurrence with about a tenth of the U terms of indexing every character.
 */
struct addctx {
	fg_xdoc *doc;
	const char *prefix;  /* "" for body, "S" for title, "H" for the unit's headings, ... */
	int positional;      /* add positions (body, title) or plain terms (文号, authority) */
	unsigned wdf;        /* plain terms: wdf increment (0: indexed without counting in the length) */
	char last[8];        /* the previous FG_TK_CHAR of the current run */
	size_t lastlen;
	uint32_t run;        /* its run */
	int runchars;        /* characters seen in that run */
};

static void flush_last(struct addctx *c)
{
	if (c->lastlen && c->runchars >= 2) {
		char term[10];
		term[0] = 'U';
		memcpy(term + 1, c->last, c->lastlen);
		fg_xdoc_add_term(c->doc, term, c->lastlen + 1, 1);
	}
	c->lastlen = 0;
	c->runchars = 0;
}

static int add_token(void *vctx, const fg_token *t)
{
	struct addctx *c = vctx;
	char term[64];
	size_t plen = strlen(c->prefix);
	if (t->kind == FG_TK_CHAR) {
		if (c->lastlen && t->run != c->run)
			flush_last(c);
		if (t->len < sizeof c->last) {
			memcpy(c->last, t->text, t->len);
			c->lastlen = t->len;
			c->run = t->run;
			c->runchars++;
		}
		return 0;
	}
	if (t->len + plen + 1 >= sizeof term)
		return 0; /* absurdly long word: skip (Xapian's term limit is 245 bytes anyway) */
	memcpy(term, c->prefix, plen);
	memcpy(term + plen, t->text, t->len);
	if (c->positional)
		fg_xdoc_add_posting(c->doc, term, plen + t->len, t->pos, 1);
	else
		fg_xdoc_add_term(c->doc, term, plen + t->len, c->wdf);
	return 0;
}

static void add_bool(fg_xdoc *d, const char *prefix, const char *val)
{
	if (!val || !*val)
		return;
	fg_buf b = {0};
	fg_buf_puts(&b, prefix);
	fg_buf_puts(&b, val);
	if (b.len < 240)
		fg_xdoc_add_boolean_term(d, b.data, b.len);
	fg_buf_free(&b);
}

static void add_date_value(fg_xdoc *d, unsigned slot, const char *date)
{
	char v[9];
	if (!date || strlen(date) != 10)
		return;
	memcpy(v, date, 4);
	memcpy(v + 4, date + 5, 2);
	memcpy(v + 6, date + 8, 2);
	v[8] = '\0';
	fg_xdoc_add_value(d, slot, v, 8);
}

static void add_str_value(fg_xdoc *d, unsigned slot, const char *s)
{
	if (s && *s)
		fg_xdoc_add_value(d, slot, s, strlen(s));
}

static void meta_json(json_object *o, const fg_meta *m)
{
	fg_json_put(o, "id", m->id);
	fg_json_put(o, "title", m->title);
	fg_json_put(o, "number", m->number);
	fg_json_put(o, "authority", m->authority);
	fg_json_put(o, "level", m->level);
	fg_json_put(o, "status", m->status);
	fg_json_put(o, "region", m->region);
	fg_json_put(o, "category", m->category);
	fg_json_put(o, "published", m->published);
	fg_json_put(o, "effective", m->effective);
	fg_json_put(o, "expires", m->expires);
	fg_json_put(o, "supersedes", m->supersedes);
	json_object_object_add(o, "version", json_object_new_int(m->version));
}

static const char kind_code[] = {'a', 'p', 'x', 't'};

/* Terms and values every unit and the record share. */
static void add_common(fg_xdoc *x, const fg_meta *m, const char *fterm, const char *rule)
{
	add_bool(x, "D", m->id);
	add_bool(x, "", fterm);
	add_bool(x, "XS", m->status);
	add_bool(x, "XL", m->level);
	add_bool(x, "XR", m->region);
	add_bool(x, "XA", m->authority);
	add_bool(x, "XN", m->number);
	add_bool(x, "XV", rule);
	if (m->published && strlen(m->published) >= 4) {
		char y[5];
		memcpy(y, m->published, 4);
		y[4] = '\0';
		add_bool(x, "XY", y);
		add_str_value(x, FG_SLOT_YEAR, y);
	}
	add_str_value(x, FG_SLOT_ID, m->id);
	add_date_value(x, FG_SLOT_PUBLISHED, m->published);
	add_date_value(x, FG_SLOT_EFFECTIVE, m->effective);
	add_date_value(x, FG_SLOT_EXPIRES, m->expires);
	add_str_value(x, FG_SLOT_LEVEL, m->level);
	add_str_value(x, FG_SLOT_STATUS, m->status);
	add_str_value(x, FG_SLOT_REGION, m->region);
	add_str_value(x, FG_SLOT_AUTHORITY, m->authority);
}

void fg_index_build(const fg_doc *d, const fg_keywords *kw, const char *relpath, const char *hash,
		    fg_xdoc ***units, size_t *nunits, fg_xdoc **record)
{
	const fg_meta *m = &d->meta;
	char fterm[18];
	fg_index_file_term(relpath, fterm);
	char *rule = fg_rule_name(m->name ? m->name : m->title);
	char prior[18];
	size_t priorlen = fg_x_sortable_serialise(fg_index_prior(m), prior);
	const char *title = m->title ? m->title : "";
	char *trule = kw ? fg_rule_name(title) : NULL; /* keywords name the rule as its title does */

	fg_xdoc **out = fg_xcalloc(d->nunits ? d->nunits : 1, sizeof *out);
	for (size_t i = 0; i < d->nunits; i++) {
		const fg_article *a = &d->units[i];
		fg_xdoc *x = fg_xdoc_new();
		struct addctx body = {x, "", 1, 1, "", 0, 0, 0};
		fg_tokenize(a->text, a->len, FG_TOK_DOC | FG_TOK_CHARS, add_token, &body, NULL);
		flush_last(&body);
		struct addctx tctx = {x, "S", 1, 1, "", 0, 0, 0};
		fg_tokenize(title, strlen(title), FG_TOK_DOC, add_token, &tctx, NULL);
		if (a->heading && *a->heading) {
			struct addctx hctx = {x, "H", 1, 1, "", 0, 0, 0};
			fg_tokenize(a->heading, strlen(a->heading), FG_TOK_DOC, add_token, &hctx, NULL);
		}
		const char *words = trule && a->kind == FG_UNIT_ARTICLE ? fg_keywords_find(kw, trule, m->published, a->num, a->sub) : NULL;
		if (words) {
			struct addctx kctx = {x, "K", 0, 0, "", 0, 0, 0};
			fg_tokenize(words, strlen(words), FG_TOK_DOC, add_token, &kctx, NULL);
		}
		if (m->number) {
			struct addctx nctx = {x, "N", 0, 1, "", 0, 0, 0};
			fg_tokenize(m->number, strlen(m->number), FG_TOK_DOC, add_token, &nctx, NULL);
		}
		if (m->authority) {
			struct addctx bctx = {x, "B", 0, 1, "", 0, 0, 0};
			fg_tokenize(m->authority, strlen(m->authority), FG_TOK_DOC, add_token, &bctx, NULL);
		}

		char q[96];
		snprintf(q, sizeof q, "Q%s#%zu", m->id ? m->id : "", i);
		fg_xdoc_add_boolean_term(x, q, strlen(q));
		add_common(x, m, fterm, rule);
		char kc[4] = {'X', 'K', kind_code[a->kind & 3], '\0'};
		fg_xdoc_add_boolean_term(x, kc, 3);
		if (a->kind == FG_UNIT_ARTICLE && a->num > 0) {
			char an[48];
			if (a->sub > 0)
				snprintf(an, sizeof an, "A%ld-%ld", a->num, a->sub);
			else
				snprintf(an, sizeof an, "A%ld", a->num);
			fg_xdoc_add_boolean_term(x, an, strlen(an));
		}
		fg_xdoc_add_value(x, FG_SLOT_PRIOR, prior, priorlen);
		if (a->kind == FG_UNIT_ARTICLE && a->label && *a->label) {
			fg_buf k = {0};
			fg_buf_printf(&k, "%s#%s", rule, a->label);
			fg_xdoc_add_value(x, FG_SLOT_ARTKEY, k.data, k.len);
			fg_buf_free(&k);
		} else {
			fg_xdoc_add_value(x, FG_SLOT_ARTKEY, q, strlen(q));
		}
		char ix[18];
		size_t ixlen = fg_x_sortable_serialise((double)i, ix);
		fg_xdoc_add_value(x, FG_SLOT_INDEX, ix, ixlen);
		fg_cite_index_terms(x, a->text, a->len); /* XT<name> per cited rule name */

		json_object *o = json_object_new_object();
		meta_json(o, m);
		fg_json_put(o, "article", a->label);
		json_object_object_add(o, "index", json_object_new_int((int)i));
		char kind[2] = {kind_code[a->kind & 3], '\0'};
		fg_json_put(o, "kind", kind);
		fg_json_put(o, "heading", a->heading);
		json_object_object_add(o, "text", json_object_new_string_len(a->text ? a->text : "", (int)a->len));
		size_t jl;
		const char *js = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &jl);
		fg_xdoc_set_data(x, js, jl);
		json_object_put(o);
		out[i] = x;
	}

	fg_xdoc *r = fg_xdoc_new();
	char rt[96];
	snprintf(rt, sizeof rt, "R%s", m->id ? m->id : "");
	fg_xdoc_add_boolean_term(r, rt, strlen(rt));
	fg_xdoc_add_boolean_term(r, "XKr", 3);
	add_common(r, m, fterm, rule);
	add_bool(r, "XP", m->supersedes); /* versions.c: the documents superseding one */
	{
		/* the citation title map reads this instead of the whole record (cite.c) */
		fg_buf ci = {0};
		fg_buf_puts(&ci, title);
		fg_buf_putc(&ci, '\t');
		fg_buf_puts(&ci, m->supersedes ? m->supersedes : "");
		fg_xdoc_add_value(r, FG_SLOT_CITE, ci.data, ci.len);
		fg_buf_free(&ci);
	}
	json_object *o = json_object_new_object();
	json_object *mo = json_object_new_object();
	meta_json(mo, m);
	json_object_object_add(o, "meta", mo);
	fg_json_put(o, "path", relpath);
	fg_json_put(o, "hash", hash);
	json_object_object_add(o, "format", json_object_new_int(d->format));
	fg_json_put(o, "encoding", d->encoding);
	json_object *ev = json_object_new_array();
	for (size_t i = 0; i < d->nevents; i++) {
		json_object *e = json_object_new_object();
		fg_json_put(e, "date", d->events[i].date);
		fg_json_put(e, "text", d->events[i].text);
		json_object_array_add(ev, e);
	}
	json_object_object_add(o, "events", ev);
	json_object_object_add(o, "units", json_object_new_int((int)d->nunits));
	json_object_object_add(o, "body", json_object_new_string_len(d->body ? d->body : "", (int)d->bodylen));
	size_t jl;
	const char *js = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &jl);
	fg_xdoc_set_data(r, js, jl);
	json_object_put(o);

	free(rule);
	free(trule);
	*units = out;
	*nunits = d->nunits;
	*record = r;
}
