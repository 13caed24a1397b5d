/*
 * rulecard.c - the card of the rule a query names (rules.h): its documents
 * (versions, or the parts of a code) read from their records, the one to
 * show (in force, or of the year named, else the newest) and how many units
 * cite it by name; with its JSON for /api/search.
 */
#include "stored.h"
#include "rules.h"
#include "search.h"

#include "json.h"
#include "record.h"
#include "terms.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CARD_DOCS 64 /* documents of one rule read for its card */

static int cmp_version(const void *a, const void *b)
{
	const fg_rule_version *x = a, *y = b;
	int c = strcmp(x->published, y->published);
	return c ? c : strcmp(x->id, y->id);
}

static char *dup0(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

/* The number of the first article of a source text (第X条 at the start of a line, after spaces or #), 0 when none. */
static long first_article(const char *body)
{
	for (const char *l = body; l && *l;) {
		const char *s = l;
		while (*s == ' ' || *s == '#' || *s == '\t' || *s == '*')
			s++;
		if (!strncmp(s, "\xe3\x80\x80", 3)) /* an ideographic space */
			s += 3;
		long num, sub;
		size_t used;
		const char *nl = strchr(s, '\n');
		if (fg_article_label(s, nl ? (size_t)(nl - s) : strlen(s), &num, &sub, &used))
			return num;
		l = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* Whether record meta m is a better version to show than the current pick. */
static int better(const fg_meta *m, const fg_rulecard *c, const char *year)
{
	const char *st = m->status ? m->status : "", *pub = m->published ? m->published : "";
	if (!c->id)
		return 1;
	int want_m = year && *year ? !strncmp(pub, year, 4) : !strcmp(st, FG_STATUS_IN_FORCE);
	int want_c = year && *year ? !strncmp(c->published, year, 4) : !strcmp(c->status, FG_STATUS_IN_FORCE);
	if (want_m != want_c)
		return want_m;
	return strcmp(pub, c->published) > 0;
}

static void pick(fg_rulecard *c, const fg_meta *m)
{
	free(c->id), free(c->title), free(c->level), free(c->status), free(c->published), free(c->effective);
	c->id = dup0(m->id);
	c->title = dup0(m->title);
	c->level = dup0(m->level);
	c->status = dup0(m->status);
	c->published = dup0(m->published);
	c->effective = dup0(m->effective);
}

/* The records indexed by term, as a boolean match. */
static fg_xmset *records_of(fg_xdb *db, const char *term, size_t len)
{
	fg_xq *a = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0), *b = fg_xq_term(term, len, 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, a, b);
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	if (fg_xenq_get_mset(e, 0, MAX_CARD_DOCS, MAX_CARD_DOCS, &m, NULL) != FG_OK)
		m = NULL;
	fg_xenq_free(e);
	fg_xq_free(q);
	fg_xq_free(a);
	fg_xq_free(b);
	return m;
}

fg_rulecard *fg_rulecard_build(fg_xdb *db, const char *term, size_t len, const char *year)
{
	fg_xmset *m = records_of(db, term, len);
	unsigned n = m ? fg_xmset_size(m) : 0;
	fg_rulecard *c = fg_xcalloc(1, sizeof *c);
	c->versions = fg_xcalloc(n ? n : 1, sizeof *c->versions);
	for (unsigned i = 0; i < n; i++) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(m, i, &d, NULL) != FG_OK)
			continue;
		size_t dl;
		const char *data = fg_xdoc_get_data(d, &dl);
		fg_record rec;
		if (fg_record_decode(data, dl, &rec, NULL) == FG_OK) {
			fg_stored_calendar(d, &rec.meta); /* the status of today */
			fg_rule_version *v = &c->versions[c->nversions++];
			v->id = dup0(rec.meta.id);
			v->published = dup0(rec.meta.published);
			v->status = dup0(rec.meta.status);
			v->title = fg_meta_display_title(&rec.meta);
			v->first = first_article(rec.body);
			if (better(&rec.meta, c, year))
				pick(c, &rec.meta);
			fg_record_fin(&rec);
		}
		fg_xdoc_free(d);
	}
	fg_xmset_free(m);
	if (!c->id) {
		fg_rulecard_free(c);
		return NULL;
	}
	if (c->nversions > 1)
		qsort(c->versions, c->nversions, sizeof *c->versions, cmp_version);
	/* units citing it by name: XT<name> of the rule's name (the term minus its XV / XW prefix) */
	fg_buf t = {0};
	fg_term_field(&t, FG_PFX_CITES, term + 2, len - 2);
	c->cited_by = fg_xdb_termfreq(db, t.data, t.len);
	fg_buf_free(&t);
	return c;
}

void fg_rulecard_free(fg_rulecard *c)
{
	if (!c)
		return;
	free(c->id), free(c->title), free(c->level), free(c->status), free(c->published), free(c->effective);
	for (size_t i = 0; i < c->nversions; i++)
		free(c->versions[i].id), free(c->versions[i].published), free(c->versions[i].status),
			free(c->versions[i].title);
	free(c->versions);
	free(c);
}

struct json_object *fg_rulecard_json(const fg_rulecard *c)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "id", c->id);
	fg_json_put(o, "title", c->title);
	fg_json_put(o, "level", c->level);
	fg_json_put(o, "status", c->status);
	fg_json_put(o, "published", c->published);
	fg_json_put(o, "effective", c->effective);
	json_object *vs = json_object_new_array();
	for (size_t i = 0; i < c->nversions; i++) {
		json_object *v = json_object_new_object();
		fg_json_put(v, "id", c->versions[i].id);
		fg_json_put(v, "published", c->versions[i].published);
		fg_json_put(v, "status", c->versions[i].status);
		json_object_array_add(vs, v);
	}
	json_object_object_add(o, "versions", vs);
	json_object_object_add(o, "cited_by", json_object_new_int((int)c->cited_by));
	return o;
}
