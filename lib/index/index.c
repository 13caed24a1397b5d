/*
 * index.c - the index term scheme (see index.h): turns a parsed document
 * into one Xapian document per unit plus a record document, and computes the
 * static prior that ranks rules in force and higher levels first.
 */
#include "calendar.h"
#include "index.h"
#include "record.h"
#include "terms.h"

#include "text.h"
#include "citeterms.h"

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
	fg_buf term;         /* the term being added (freed by the caller) */
};

/* Tokens whose term would reach this many bytes are not indexed. */
#define MAX_TOKEN_TERM 64

static void flush_last(struct addctx *c)
{
	if (c->lastlen && c->runchars >= 2) {
		fg_term_field(&c->term, FG_PFX_CHAR, c->last, c->lastlen);
		fg_xdoc_add_term(c->doc, c->term.data, c->term.len, 1);
	}
	c->lastlen = 0;
	c->runchars = 0;
}

static int add_token(void *vctx, const fg_token *t)
{
	struct addctx *c = vctx;
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
	if (t->len + plen + 1 >= MAX_TOKEN_TERM)
		return 0; /* absurdly long word: skip (Xapian's term limit is 245 bytes anyway) */
	fg_term_field(&c->term, c->prefix, t->text, t->len);
	if (c->positional)
		fg_xdoc_add_posting(c->doc, c->term.data, c->term.len, t->pos, 1);
	else
		fg_xdoc_add_term(c->doc, c->term.data, c->term.len, c->wdf);
	return 0;
}

static void add_bool(fg_xdoc *d, const char *prefix, const char *val)
{
	if (!val || !*val)
		return;
	fg_buf b = {0};
	fg_term_field(&b, prefix, val, strlen(val));
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


/* A boolean term built in t, unless Xapian would refuse it (ids are limited where they enter: terms.h). */
static void add_built(fg_xdoc *x, const fg_buf *t)
{
	if (t->len < 240)
		fg_xdoc_add_boolean_term(x, t->data, t->len);
}

/* Terms and values every unit and the record share (t: scratch). */
/* rule: the rule name (XV); work: the title's rule name (XW, only where it differs: the parts of a code). */
static void add_common(fg_xdoc *x, const fg_meta *m, const char *relpath, const char *rule, const char *work,
		       fg_buf *t)
{
	if (m->id && *m->id) {
		fg_term_doc(t, m->id);
		add_built(x, t);
	}
	fg_term_file(t, relpath);
	add_built(x, t);
	add_bool(x, FG_PFX_STATUS, m->status);
	add_bool(x, FG_PFX_LEVEL, m->level);
	add_bool(x, FG_PFX_REGION, m->region);
	add_bool(x, FG_PFX_AUTHORITY, m->authority);
	add_bool(x, FG_PFX_NUMBER, m->number);
	add_bool(x, FG_PFX_RULE, rule);
	if (work && strcmp(work, rule) != 0)
		add_bool(x, FG_PFX_WORK, work);
	if (m->published && strlen(m->published) >= 4) {
		char y[5];
		memcpy(y, m->published, 4);
		y[4] = '\0';
		add_bool(x, FG_PFX_YEAR, y);
		add_str_value(x, FG_SLOT_YEAR, y);
	}
	add_str_value(x, FG_SLOT_ID, m->id);
	add_date_value(x, FG_SLOT_PUBLISHED, m->published);
	add_date_value(x, FG_SLOT_EFFECTIVE, m->effective);
	add_date_value(x, FG_SLOT_EXPIRES, m->expires);
	add_str_value(x, FG_SLOT_LEVEL, m->level);
	/*
	 * The status value (the prior, the status facet, through the columns or
	 * value reads) is the status of the indexing day; the XS term and the
	 * stored data keep the stated one, which the calendar rule starts from
	 * (calendar.h, search/statusq.c) and the cleanup report compares.
	 */
	char today[11];
	fg_today(today);
	add_str_value(x, FG_SLOT_STATUS, fg_status_on(m->status, m->effective, m->expires, "", today));
	add_str_value(x, FG_SLOT_REGION, m->region);
	add_str_value(x, FG_SLOT_AUTHORITY, m->authority);
}

/* Tokens of text under prefix: positional, or plain terms with wdf increment wdf. */
static void add_text(fg_xdoc *x, const char *prefix, int positional, unsigned wdf, const char *text, size_t len,
		     int flags)
{
	struct addctx c;
	memset(&c, 0, sizeof c);
	c.doc = x;
	c.prefix = prefix;
	c.positional = positional;
	c.wdf = wdf;
	fg_tokenize(text, len, flags, add_token, &c, NULL);
	if (flags & FG_TOK_CHARS)
		flush_last(&c); /* the U term of the last run */
	fg_buf_free(&c.term);
}

/* What a whole build shares: the document's rule names, title and meta. */
struct unitctx {
	const fg_doc *d;
	const fg_keywords *kw;
	const char *relpath;
	const char *title;
	char *rule;          /* fg_rule_name of the name (or title) */
	char *trule;         /* fg_rule_name of the title (XW; keywords name the rule as its title does) */
	fg_buf meta;         /* the meta JSON (the record's FG_SLOT_META) */
	char metakey[17];    /* its key, in every unit's data */
};

/* The tokens of unit a: body, title, headings, keywords, 文号 and authority. */
static void unit_tokens(const struct unitctx *u, fg_xdoc *x, const fg_article *a)
{
	const fg_meta *m = &u->d->meta;
	add_text(x, "", 1, 1, a->text, a->len, FG_TOK_DOC | FG_TOK_CHARS);
	add_text(x, FG_PFX_TITLE, 1, 1, u->title, strlen(u->title), FG_TOK_DOC);
	if (a->heading && *a->heading)
		add_text(x, FG_PFX_HEADING, 1, 1, a->heading, strlen(a->heading), FG_TOK_DOC);
	const char *words = u->kw && a->kind == FG_UNIT_ARTICLE
				    ? fg_keywords_find(u->kw, u->trule, m->published, a->num, a->sub)
				    : NULL;
	if (words)
		add_text(x, FG_PFX_KEYWORD, 0, 0, words, strlen(words), FG_TOK_DOC);
	if (m->number)
		add_text(x, FG_PFX_NUMBER_TOK, 0, 1, m->number, strlen(m->number), FG_TOK_DOC);
	if (m->authority)
		add_text(x, FG_PFX_AUTHORITY_TOK, 0, 1, m->authority, strlen(m->authority), FG_TOK_DOC);
}

/* The unit's data (record.h): its document's meta key, label, index, kind, heading and text. */
static void unit_data(const char *metakey, fg_xdoc *x, const fg_article *a, size_t i)
{
	fg_buf b = {0};
	fg_unitrec_encode(&b, metakey, a, i);
	fg_xdoc_set_data_value(x, b.data, b.len); /* not deflated by Xapian: see xap.h */
	fg_buf_free(&b);
}

/* XI<key> of an item label and of its ancestors, XJ<key> of its last component (terms.h). */
static void add_item_terms(fg_xdoc *x, const char *label, fg_buf *t)
{
	size_t ends[8], last = 0;
	size_t n = fg_item_label_prefixes(label, ends, 8, &last);
	for (size_t k = 0; k < n; k++) {
		fg_term_field(t, FG_PFX_ITEM, label, ends[k]);
		add_built(x, t);
	}
	if (n) {
		fg_term_field(t, FG_PFX_ITEM_LAST, label + last, ends[n - 1] - last);
		add_built(x, t);
	}
}

/* Whether no other item of d has the label of unit i (items under two headings may both count 1, 2 …). */
static int label_unique(const fg_doc *d, size_t i)
{
	for (size_t k = 0; k < d->nunits; k++)
		if (k != i && d->units[k].kind == FG_UNIT_TEXT && !strcmp(d->units[k].label, d->units[i].label))
			return 0;
	return 1;
}

static fg_xdoc *build_unit(const struct unitctx *u, size_t i)
{
	const fg_meta *m = &u->d->meta;
	const fg_article *a = &u->d->units[i];
	fg_xdoc *x = fg_xdoc_new();
	unit_tokens(u, x, a);
	fg_buf q = {0}, t = {0};
	fg_term_unit(&q, m->id, (long)i);
	add_built(x, &q);
	add_common(x, m, u->relpath, u->rule, u->trule, &t);
	fg_xdoc_add_boolean_term(x, fg_term_kind(a->kind), 3);
	if (a->kind == FG_UNIT_ARTICLE && a->num > 0) {
		fg_term_article(&t, a->num, a->sub);
		add_built(x, &t);
	}
	int item = a->kind == FG_UNIT_TEXT && a->label && *a->label;
	if (item)
		add_item_terms(x, a->label, &t);
	if ((a->kind == FG_UNIT_ARTICLE || (item && label_unique(u->d, i))) && a->label && *a->label) {
		fg_buf_reset(&t);
		fg_buf_printf(&t, "%s#%s", u->rule, a->label);
		fg_xdoc_add_value(x, FG_SLOT_ARTKEY, t.data, t.len);
	} else {
		fg_xdoc_add_value(x, FG_SLOT_ARTKEY, q.data, q.len);
	}
	char ix[18];
	size_t ixlen = fg_x_sortable_serialise((double)i, ix);
	fg_xdoc_add_value(x, FG_SLOT_INDEX, ix, ixlen);
	fg_cite_index_terms(x, a->text, a->len); /* XT<name> per cited rule name */
	unit_data(u->metakey, x, a, i);
	fg_buf_free(&q);
	fg_buf_free(&t);
	return x;
}

/* The record's data (record.h): metadata, path, hash, format, encoding, events, unit count and the body. */
static void record_data(const fg_doc *d, fg_xdoc *r, const char *relpath, const char *hash)
{
	fg_buf b = {0};
	fg_record_encode(&b, d, relpath, hash);
	fg_xdoc_set_data(r, b.data, b.len);
	fg_buf_free(&b);
}

static fg_xdoc *build_record(const struct unitctx *u, const char *hash)
{
	const fg_meta *m = &u->d->meta;
	fg_xdoc *r = fg_xdoc_new();
	fg_buf t = {0};
	fg_term_record(&t, m->id);
	add_built(r, &t);
	fg_xdoc_add_boolean_term(r, FG_TERM_RECORDS, 3);
	add_common(r, m, u->relpath, u->rule, u->trule, &t);
	add_bool(r, FG_PFX_SUPERSEDES, m->supersedes); /* versions.c: the documents superseding one */
	/* the citation title map reads this instead of the whole record (cite.c) */
	fg_buf_reset(&t);
	fg_buf_puts(&t, u->title);
	fg_buf_putc(&t, '\t');
	fg_buf_puts(&t, m->supersedes ? m->supersedes : "");
	fg_xdoc_add_value(r, FG_SLOT_CITE, t.data, t.len);
	fg_xdoc_add_value(r, FG_SLOT_META, u->meta.data, u->meta.len); /* the units' metadata, once */
	fg_buf_free(&t);
	record_data(u->d, r, u->relpath, hash);
	return r;
}

void fg_index_build(const fg_doc *d, const fg_keywords *kw, const char *relpath, const char *hash,
		    fg_xdoc ***units, size_t *nunits, fg_xdoc **record)
{
	const fg_meta *m = &d->meta;
	struct unitctx u;
	memset(&u, 0, sizeof u);
	u.d = d;
	u.kw = kw;
	u.relpath = relpath;
	u.title = m->title ? m->title : "";
	u.rule = fg_rule_name(m->name ? m->name : m->title);
	u.trule = fg_rule_name(u.title);
	fg_record_meta_encode(&u.meta, m);
	fg_record_meta_key(u.meta.data, u.meta.len, u.metakey);

	fg_xdoc **out = fg_xcalloc(d->nunits ? d->nunits : 1, sizeof *out);
	for (size_t i = 0; i < d->nunits; i++)
		out[i] = build_unit(&u, i);
	*record = build_record(&u, hash);
	free(u.rule);
	free(u.trule);
	fg_buf_free(&u.meta);
	*units = out;
	*nunits = d->nunits;
}
