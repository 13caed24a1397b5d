/*
 * cite.c - citations between rules: extraction of 《title》 references,
 * basis clauses and internal references from unit texts, the XT<name>
 * index terms, the title map that resolves a cited name to a document and
 * version, and the query-time views built on it (what a document cites,
 * what cites it, the cites: filter). See cite.h for why resolution happens
 * at query time.
 */
#include "cite.h"
#include "json.h"

#include "doc.h"
#include "index.h"
#include "text.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TITLE_BYTES 300  /* longer 《…》 spans are not titles */
#define MAX_TERM_NAME 200    /* Xapian terms are limited to 245 bytes */
#define MIN_SHORT_CPS 4      /* a short form must have at least this many characters */

static const char LQ[] = "\xe3\x80\x8a"; /* 《 */
static const char RQ[] = "\xe3\x80\x8b"; /* 》 */

const char *fg_cite_kind_name(int kind)
{
	switch (kind) {
	case FG_CITE_BASIS: return "basis";
	case FG_CITE_INTERNAL: return "internal";
	default: return "ref";
	}
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

static int starts_with(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && !memcmp(s, pre, k);
}

/* A normalized rule name ends like the name of a rule (not a licence, book or standard). */
static int is_rule_name(const char *name)
{
	static const char *const suffixes[] = {"法", "法典", "条例", "规定", "办法", "细则", "决定", "规则", "解释", "意见",
					       "通知", "措施", "准则", "规程", "规范", "章程", "纲要", "公约", "协定",
					       "条约", "批复", "决议", "命令", "方案", "规划", "制度", "目录", "公告",
					       "答复", "守则", "通告", NULL};
	size_t n = strlen(name);
	if (n < 6) /* at least two characters */
		return 0;
	for (int i = 0; suffixes[i]; i++)
		if (ends_with(name, n, suffixes[i]))
			return 1;
	return 0;
}

/* Start of the code point before offset i (i > 0). */
static size_t prev_cp(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

/* "第" number (款|项) at s: bytes used, 0 when not there. Items may be written 第（一）项. */
static size_t para_item_ref(const char *s, size_t len)
{
	static const char di[] = "第";
	if (!starts_with(s, len, di))
		return 0;
	size_t p = 3, used;
	int paren = 0;
	if (starts_with(s + p, len - p, "（")) {
		p += 3;
		paren = 1;
	}
	if (fg_cn_number(s + p, len - p, &used) < 0)
		return 0;
	p += used;
	if (paren) {
		if (!starts_with(s + p, len - p, "）"))
			return 0;
		p += 3;
	}
	if (starts_with(s + p, len - p, "款") || starts_with(s + p, len - p, "项"))
		return p + 3;
	return 0;
}

/* An article reference at s: 第X条(之Y)(第X款)(第X项); bytes used (0 when none), num/sub set. */
static size_t article_ref(const char *s, size_t len, long *num, long *sub)
{
	size_t used;
	*num = *sub = 0;
	if (!fg_article_label(s, len, num, sub, &used))
		return 0;
	size_t p = used, k;
	while ((k = para_item_ref(s + p, len - p)) > 0)
		p += k;
	return p;
}

struct cites {
	fg_cite *v;
	size_t n;
};

static fg_cite *push(struct cites *c)
{
	c->v = fg_xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	fg_cite *x = &c->v[c->n++];
	memset(x, 0, sizeof *x);
	return x;
}

/* Internal references: the word, and whether it means the citing unit itself. */
static const struct {
	const char *word;
	int self;
} internal_words[] = {
	{"本条例", 0}, {"本法", 0},   {"本办法", 0}, {"本规定", 0}, {"本细则", 0}, {"本规则", 0}, {"本决定", 0},
	{"本解释", 0}, {"本通知", 0}, {"本措施", 0}, {"本意见", 0}, {"本条", 1},   {"前款", 1},
};

/* Characters that make 本法/本规定 part of another word (根本法, 基本规定, 样本法 ...). */
static int word_glue(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	static const char *const glue[] = {"根", "基", "样", "成", "资", "文", "范", "课", "版", "剧", "脚",
					   "读", "副", "原", "日", "账", "标", "蓝", "抄", "底", NULL};
	size_t j = prev_cp(s, i);
	for (int k = 0; glue[k]; k++)
		if (i - j == strlen(glue[k]) && !memcmp(s + j, glue[k], i - j))
			return 1;
	return 0;
}

/* Text between two citations that keeps a basis clause going: 、 和 及 以及 与 ， and spaces. */
static int basis_joiner(const char *s, size_t n)
{
	static const char *const joiners[] = {"、", "和", "及", "以及", "与", "，", ",", " ", "　", NULL};
	size_t i = 0;
	while (i < n) {
		int hit = 0;
		for (int k = 0; joiners[k]; k++)
			if (starts_with(s + i, n - i, joiners[k])) {
				i += strlen(joiners[k]);
				hit = 1;
				break;
			}
		if (!hit)
			return 0;
	}
	return 1;
}

static int preceded_by_basis(const char *s, size_t i)
{
	static const char *const words[] = {"根据", "依据", "按照", NULL};
	for (int k = 0; words[k]; k++) {
		size_t n = strlen(words[k]);
		if (i >= n && !memcmp(s + i - n, words[k], n))
			return 1;
	}
	return 0;
}

size_t fg_cite_extract(const char *text, size_t len, fg_cite **out)
{
	struct cites c = {0};
	size_t i = 0;
	int basis_open = 0;   /* the last citation was a basis and may continue */
	size_t last_end = 0;
	while (i < len) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == 0xE3 && starts_with(text + i, len - i, LQ)) {
			size_t tstart = i + 3, j = tstart;
			int ok = 0;
			while (j < len && j - tstart <= MAX_TITLE_BYTES && text[j] != '\n') {
				if (starts_with(text + j, len - j, RQ)) {
					ok = 1;
					break;
				}
				if (starts_with(text + j, len - j, LQ))
					break;
				j++;
			}
			if (!ok || j == tstart) {
				i += 3;
				continue;
			}
			char *title = fg_xstrndup(text + tstart, j - tstart);
			char *name = fg_rule_name(title);
			size_t end = j + 3;
			if (!is_rule_name(name)) {
				free(title);
				free(name);
				i = end;
				continue;
			}
			int basis = preceded_by_basis(text, i) ||
				    (basis_open && basis_joiner(text + last_end, i - last_end));
			fg_cite *x = push(&c);
			x->kind = basis ? FG_CITE_BASIS : FG_CITE_REF;
			x->start = i;
			x->title = title;
			x->name = name;
			size_t used = article_ref(text + end, len - end, &x->num, &x->sub);
			x->article = fg_xstrndup(text + end, used);
			x->end = end + used;
			basis_open = basis;
			last_end = x->end;
			i = x->end;
			continue;
		}
		if (ch == 0xE6 || ch == 0xE5) { /* 本 is E6 9C AC, 前 is E5 89 8D */
			int hit = -1;
			for (size_t k = 0; k < sizeof internal_words / sizeof internal_words[0]; k++)
				if (starts_with(text + i, len - i, internal_words[k].word)) {
					hit = (int)k;
					break;
				}
			if (hit >= 0 && !word_glue(text, i)) {
				size_t wend = i + strlen(internal_words[hit].word);
				fg_cite *x = push(&c);
				x->kind = FG_CITE_INTERNAL;
				x->start = i;
				x->title = fg_xstrdup("");
				x->name = fg_xstrdup("");
				size_t used = 0;
				if (!internal_words[hit].self)
					used = article_ref(text + wend, len - wend, &x->num, &x->sub);
				else {
					size_t k;
					while ((k = para_item_ref(text + wend + used, len - wend - used)) > 0)
						used += k;
				}
				x->self_unit = internal_words[hit].self;
				x->article = internal_words[hit].self ? fg_xstrndup(text + i, wend - i + used)
								      : fg_xstrndup(text + wend, used);
				x->end = wend + used;
				i = x->end;
				continue;
			}
		}
		i++;
	}
	*out = c.v;
	return c.n;
}

void fg_cite_free(fg_cite *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].title);
		free(c[i].name);
		free(c[i].article);
	}
	free(c);
}

void fg_cite_index_terms(fg_xdoc *x, const char *text, size_t len)
{
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(text, len, &c);
	for (size_t i = 0; i < n; i++) {
		if (c[i].kind == FG_CITE_INTERNAL || !*c[i].name)
			continue;
		size_t nl = strlen(c[i].name);
		if (nl > MAX_TERM_NAME)
			continue;
		char term[MAX_TERM_NAME + 3];
		term[0] = 'X';
		term[1] = 'T';
		memcpy(term + 2, c[i].name, nl);
		fg_xdoc_add_boolean_term(x, term, nl + 2);
	}
	fg_cite_free(c, n);
}

/* ---- the title map ---- */

struct key {
	const char *k;        /* a name or a proper suffix of one (borrowed from the docs) */
	size_t doc;
};

struct fg_titlemap {
	fg_titledoc *docs;
	size_t n;
	struct key *by_id;    /* ids, sorted */
	struct key *names;    /* exact names, sorted */
	size_t nnames;
	struct key *sufs;     /* proper suffixes of at least MIN_SHORT_CPS characters, sorted */
	size_t nsufs;
};

static char *value_date(fg_xdoc *d, unsigned slot)
{
	size_t n;
	const char *v = fg_xdoc_get_value(d, slot, &n);
	if (n != 8)
		return fg_xstrdup("");
	char out[11];
	memcpy(out, v, 4);
	out[4] = '-';
	memcpy(out + 5, v + 4, 2);
	out[7] = '-';
	memcpy(out + 8, v + 6, 2);
	out[10] = '\0';
	return fg_xstrdup(out);
}

static char *value_str(fg_xdoc *d, unsigned slot)
{
	size_t n;
	const char *v = fg_xdoc_get_value(d, slot, &n);
	return fg_xstrndup(v, n);
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->k, y->k);
	return c ? c : (x->doc > y->doc) - (x->doc < y->doc);
}

fg_status fg_titlemap_build(fg_xdb *db, fg_titlemap **out, fg_err *err)
{
	*out = NULL;
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, "XKr", 3, fg_xdocids_collect, &ids, err);
	if (st != FG_OK) {
		free(ids.v);
		return st;
	}
	fg_titlemap *m = fg_xcalloc(1, sizeof *m);
	m->docs = fg_xcalloc(ids.n ? ids.n : 1, sizeof *m->docs);
	for (size_t i = 0; i < ids.n; i++) {
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &d, NULL) != FG_OK)
			continue;
		fg_titledoc *t = &m->docs[m->n];
		size_t n;
		const char *info = fg_xdoc_get_value(d, FG_SLOT_CITE, &n);
		if (n) {
			const char *tab = memchr(info, '\t', n);
			t->title = fg_xstrndup(info, tab ? (size_t)(tab - info) : n);
			t->supersedes = tab ? fg_xstrndup(tab + 1, n - (size_t)(tab + 1 - info)) : fg_xstrdup("");
		} else {
			/* an index written before the slot existed: read the record's metadata */
			size_t dl;
			json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &dl)), *mo = NULL;
			if (o)
				json_object_object_get_ex(o, "meta", &mo);
			t->title = fg_xstrdup(fg_json_str(mo, "title"));
			t->supersedes = fg_xstrdup(fg_json_str(mo, "supersedes"));
			json_object_put(o);
		}
		t->id = value_str(d, FG_SLOT_ID);
		t->published = value_date(d, FG_SLOT_PUBLISHED);
		t->status = value_str(d, FG_SLOT_STATUS);
		t->level = value_str(d, FG_SLOT_LEVEL);
		t->region = value_str(d, FG_SLOT_REGION);
		t->name = fg_rule_name(t->title);
		fg_xdoc_free(d);
		if (!*t->id) {
			free(t->id);
			free(t->title);
			free(t->supersedes);
			free(t->published);
			free(t->status);
			free(t->level);
			free(t->region);
			free(t->name);
			memset(t, 0, sizeof *t);
			continue;
		}
		m->n++;
	}
	free(ids.v);
	m->by_id = fg_xcalloc(m->n ? m->n : 1, sizeof *m->by_id);
	for (size_t i = 0; i < m->n; i++) {
		m->by_id[i].k = m->docs[i].id;
		m->by_id[i].doc = i;
	}
	qsort(m->by_id, m->n, sizeof *m->by_id, cmp_key);
	m->names = fg_xcalloc(m->n ? m->n : 1, sizeof *m->names);
	for (size_t i = 0; i < m->n; i++) {
		const char *nm = m->docs[i].name;
		if (!*nm)
			continue;
		m->names[m->nnames].k = nm;
		m->names[m->nnames++].doc = i;
		/* proper suffixes, one per code point boundary, keeping at least MIN_SHORT_CPS characters */
		size_t len = strlen(nm), cps = fg_utf8_count(nm, len), seen = 0;
		for (size_t p = 0; p < len && cps - seen > MIN_SHORT_CPS;) {
			uint32_t cp;
			p += fg_utf8_decode(nm + p, len - p, &cp);
			seen++;
			m->sufs = fg_xrealloc(m->sufs, (m->nsufs + 1) * sizeof *m->sufs);
			m->sufs[m->nsufs].k = nm + p;
			m->sufs[m->nsufs++].doc = i;
		}
	}
	if (m->nnames > 1)
		qsort(m->names, m->nnames, sizeof *m->names, cmp_key);
	if (m->nsufs > 1) /* sufs is NULL when there are none */
		qsort(m->sufs, m->nsufs, sizeof *m->sufs, cmp_key);
	*out = m;
	return FG_OK;
}

void fg_titlemap_free(fg_titlemap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		fg_titledoc *t = &m->docs[i];
		free(t->id);
		free(t->title);
		free(t->name);
		free(t->published);
		free(t->status);
		free(t->level);
		free(t->region);
		free(t->supersedes);
	}
	free(m->docs);
	free(m->by_id);
	free(m->names);
	free(m->sufs);
	free(m);
}

size_t fg_titlemap_count(const fg_titlemap *m)
{
	return m ? m->n : 0;
}

const fg_titledoc *fg_titlemap_at(const fg_titlemap *m, size_t i)
{
	return m && i < m->n ? &m->docs[i] : NULL;
}

const fg_titledoc *fg_titlemap_get(const fg_titlemap *m, const char *id)
{
	if (!m || !id)
		return NULL;
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(m->by_id[mid].k, id);
		if (c == 0)
			return &m->docs[m->by_id[mid].doc];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* [*lo, *hi) of the keys equal to k. */
static void key_range(const struct key *v, size_t n, const char *k, size_t *lo, size_t *hi)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t mid = (a + b) / 2;
		if (strcmp(v[mid].k, k) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (b < n && !strcmp(v[b].k, k))
		b++;
	if (b < a)
		b = a;
	*hi = b;
}

/* Among the documents of rule name nm, the version in force on date (or the newest). */
static const fg_titledoc *pick_version(const fg_titlemap *m, const char *nm, const char *date)
{
	size_t lo, hi;
	key_range(m->names, m->nnames, nm, &lo, &hi);
	const fg_titledoc *before = NULL, *newest = NULL;
	for (size_t i = lo; i < hi; i++) {
		const fg_titledoc *t = &m->docs[m->names[i].doc];
		if (!newest || strcmp(t->published, newest->published) > 0)
			newest = t;
		if (date && *date && *t->published && strcmp(t->published, date) <= 0 &&
		    (!before || strcmp(t->published, before->published) > 0))
			before = t;
	}
	return before ? before : newest;
}

static int is_national(const fg_titledoc *t)
{
	return !*t->region || !strcmp(t->region, "全国") || fg_level_rank(t->level) <= 4;
}

const fg_titledoc *fg_titlemap_resolve(const fg_titlemap *m, const char *name, const char *date, const char *region)
{
	if (!m || !name || !*name)
		return NULL;
	size_t lo, hi;
	key_range(m->names, m->nnames, name, &lo, &hi);
	if (hi > lo)
		return pick_version(m, name, date);
	if (fg_utf8_count(name, strlen(name)) < MIN_SHORT_CPS)
		return NULL;
	key_range(m->sufs, m->nsufs, name, &lo, &hi);
	if (hi == lo)
		return NULL;
	/* distinct full names ending with the short form, narrowed by region, then to national rules */
	for (int pass = 0; pass < 3; pass++) {
		const char *only = NULL;
		int multi = 0;
		for (size_t i = lo; i < hi; i++) {
			const fg_titledoc *t = &m->docs[m->sufs[i].doc];
			if (pass == 1 && (!region || strcmp(t->region, region)))
				continue;
			if (pass == 2 && !is_national(t))
				continue;
			if (!only)
				only = t->name;
			else if (strcmp(only, t->name))
				multi = 1;
		}
		if (only && !multi)
			return pick_version(m, only, date);
	}
	return NULL;
}

static const fg_titledoc *next_version(const fg_titlemap *m, const fg_titledoc *d)
{
	const fg_titledoc *best = NULL;
	size_t lo, hi;
	key_range(m->names, m->nnames, d->name, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const fg_titledoc *t = &m->docs[m->names[i].doc];
		if (t != d && *t->published && *d->published && strcmp(t->published, d->published) > 0 &&
		    (!best || strcmp(t->published, best->published) < 0))
			best = t;
	}
	for (size_t i = 0; i < m->n; i++) {
		const fg_titledoc *t = &m->docs[i];
		if (t == d || !*t->supersedes)
			continue;
		if ((!strcmp(t->supersedes, d->id) || !strcmp(t->supersedes, d->title)) &&
		    (!best || strcmp(t->published, best->published) < 0))
			best = t;
	}
	return best;
}

const fg_titledoc *fg_titlemap_successor(const fg_titlemap *m, const fg_titledoc *d, const fg_titledoc **newest)
{
	if (newest)
		*newest = NULL;
	if (!m || !d)
		return NULL;
	const fg_titledoc *first = next_version(m, d);
	if (newest && first) {
		const fg_titledoc *cur = first;
		for (int guard = 0; guard < 64; guard++) {
			const fg_titledoc *nx = next_version(m, cur);
			if (!nx || nx == d)
				break;
			cur = nx;
		}
		*newest = cur;
	}
	return first;
}

/* ---- query-time views ---- */

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
	char an[48];
	if (sub > 0)
		snprintf(an, sizeof an, "A%ld-%ld", num, sub);
	else
		snprintf(an, sizeof an, "A%ld", num);
	fg_buf dt = {0};
	fg_buf_printf(&dt, "D%s", id);
	fg_xq *q = and_terms(dt.data, dt.len, an, strlen(an));
	fg_buf_free(&dt);
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
	const fg_titlemap *m = fg_searcher_titles(s);
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

fg_status fg_cite_cited_by(fg_searcher *s, const char *id, fg_citedby **out, size_t *nout, fg_err *err)
{
	*out = NULL;
	*nout = 0;
	const fg_titlemap *m = fg_searcher_titles(s);
	const fg_titledoc *target = fg_titlemap_get(m, id);
	if (!target)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%.200s'", id ? id : "");
	fg_xdb *db = fg_searcher_db(s);
	/* candidates: units citing the rule name or a short form of it */
	fg_xdocids ids = {0};
	const char *nm = target->name;
	size_t len = strlen(nm), cps = fg_utf8_count(nm, len), seen = 0;
	for (size_t p = 0; p < len;) {
		if (p == 0 || cps - seen >= MIN_SHORT_CPS) {
			fg_buf t = {0};
			fg_buf_puts(&t, "XT");
			fg_buf_puts(&t, nm + p);
			fg_status st = fg_xdb_postings(db, t.data, t.len, fg_xdocids_collect, &ids, err);
			fg_buf_free(&t);
			if (st != FG_OK) {
				free(ids.v);
				return st;
			}
		}
		uint32_t cp;
		p += fg_utf8_decode(nm + p, len - p, &cp);
		seen++;
	}
	if (ids.n) /* ids.v is NULL when nothing cites: qsort needs a pointer even for 0 elements */
		qsort(ids.v, ids.n, sizeof *ids.v, cmp_docid);
	fg_citedby *v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < ids.n; i++) {
		if (i > 0 && ids.v[i] == ids.v[i - 1])
			continue;
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &d, NULL) != FG_OK)
			continue;
		size_t dl;
		json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &dl));
		fg_xdoc_free(d);
		const char *cid = fg_json_str(o, "id");
		if (!strcmp(cid, id)) {
			json_object_put(o);
			continue;
		}
		const char *text = fg_json_str(o, "text");
		fg_cite *c = NULL;
		size_t nc = fg_cite_extract(text, strlen(text), &c);
		for (size_t k = 0; k < nc; k++) {
			if (c[k].kind == FG_CITE_INTERNAL)
				continue;
			const fg_titledoc *t = fg_titlemap_resolve(m, c[k].name, fg_json_str(o, "published"), fg_json_str(o, "region"));
			if (t != target)
				continue;
			v = fg_xrealloc(v, (n + 1) * sizeof *v);
			fg_citedby *x = &v[n++];
			x->id = fg_xstrdup(cid);
			x->title = fg_xstrdup(fg_json_str(o, "title"));
			x->article = fg_xstrdup(fg_json_str(o, "article"));
			json_object *ix;
			x->article_index = o && json_object_object_get_ex(o, "index", &ix) ? json_object_get_int(ix) : 0;
			x->text = fg_xstrndup(text + c[k].start, c[k].end - c[k].start);
			x->kind = c[k].kind;
		}
		fg_cite_free(c, nc);
		json_object_put(o);
	}
	free(ids.v);
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
	const char *p = ids ? ids : "";
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			char *id = fg_xstrndup(p, len);
			fg_citedby *v = NULL;
			size_t nv = 0;
			if (fg_cite_cited_by(s, id, &v, &nv, NULL) == FG_OK) {
				for (size_t i = 0; i < nv; i++) {
					if (i > 0 && !strcmp(v[i].id, v[i - 1].id) && v[i].article_index == v[i - 1].article_index)
						continue;
					char q[256];
					int ql = snprintf(q, sizeof q, "Q%s#%d", v[i].id, v[i].article_index);
					if (ql <= 0 || (size_t)ql >= sizeof q)
						continue;
					subs = fg_xrealloc(subs, (n + 1) * sizeof *subs);
					subs[n++] = fg_xq_term(q, (size_t)ql, 1, 0);
				}
			}
			fg_citedby_free(v, nv);
			free(id);
		}
		if (!e)
			break;
		p = e + 1;
	}
	fg_xq *q = n ? fg_xq_combine(FG_XQ_OR, subs, n, 0) : fg_xq_match_nothing();
	for (size_t i = 0; i < n; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}
