/*
 * versions.c - the dynamic catalogue (see versions.h): finding the versions
 * of a rule, the article-level comparison of two versions, dated status
 * events applied in place by rebuilding a document's Xapian documents from
 * the index's own stored data (so every term and value is derived exactly as
 * at indexing time, without the source files), the validity intervals behind
 * "as of" searches, and the change log as JSON and Atom.
 */
#include "versions.h"
#include "json.h"

#include "doc.h"
#include "index.h"
#include "text.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_VERSIONS 64
#define ALIGN_MIN 0.3        /* least similarity for two articles to be the same article */
#define DIFF_MAX_CELLS 4000000 /* largest LCS table for span diffs; beyond, the whole middle is marked */
#define MAX_SHARDS 64

/* ---- small helpers ---- */

static json_object *jobj(json_object *o, const char *k)
{
	json_object *v = NULL;
	if (o && json_object_object_get_ex(o, k, &v))
		return v;
	return NULL;
}

/* The record JSON of document id in a read-only database (caller puts it), or NULL. */
static json_object *record_json(fg_xdb *db, const char *id, fg_err *err, fg_status *st)
{
	*st = FG_OK;
	if (!id || !*id || strlen(id) > 200)
		return NULL;
	fg_buf t = {0};
	fg_buf_printf(&t, "R%s", id);
	fg_docid did = 0;
	*st = fg_xdb_postings(db, t.data, t.len, fg_xdocid_first, &did, err);
	fg_buf_free(&t);
	if (*st != FG_OK || !did)
		return NULL;
	fg_xdoc *d = NULL;
	*st = fg_xdb_get_document(db, did, &d, err);
	if (*st != FG_OK)
		return NULL;
	size_t len;
	json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &len));
	fg_xdoc_free(d);
	return o;
}

/* Ids of the records carrying term (boolean match over records only). */
static fg_status records_with(fg_xdb *db, const char *prefix, const char *val, char ***ids, size_t *n, fg_err *err)
{
	fg_buf t = {0};
	fg_buf_printf(&t, "%s%s", prefix, val);
	fg_xq *a = fg_xq_term("XKr", 3, 1, 0), *b = fg_xq_term(t.data, t.len, 1, 0);
	fg_buf_free(&t);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, a, b);
	fg_xq_free(a);
	fg_xq_free(b);
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, MAX_VERSIONS, MAX_VERSIONS, &m, err);
	fg_xq_free(q);
	for (unsigned i = 0; st == FG_OK && i < fg_xmset_size(m); i++) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(m, i, &d, NULL) != FG_OK)
			continue;
		size_t vl;
		const char *v = fg_xdoc_get_value(d, FG_SLOT_ID, &vl);
		if (vl) {
			*ids = fg_xrealloc(*ids, (*n + 1) * sizeof **ids);
			(*ids)[(*n)++] = fg_xstrndup(v, vl);
		}
		fg_xdoc_free(d);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	return st;
}

/* ---- versions of one rule ---- */

void fg_versions_free(fg_version *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].published);
		free(v[i].effective);
		free(v[i].status);
	}
	free(v);
}

static int cmp_version(const void *a, const void *b)
{
	const fg_version *x = a, *y = b;
	const char *dx = *x->effective ? x->effective : x->published, *dy = *y->effective ? y->effective : y->published;
	int c = strcmp(dx, dy);
	return c ? c : strcmp(x->id, y->id);
}

static int has_id(char **ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

fg_status fg_versions_list(fg_xdb *db, const char *id, fg_version **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	fg_status st;
	json_object *first = record_json(db, id, err, &st);
	if (!first)
		return st != FG_OK ? st : fg_err_set(err, FG_E_NOTFOUND, "no document with id '%.200s'", id ? id : "");
	json_object_put(first);
	char **ids = fg_xcalloc(1, sizeof *ids);
	size_t nids = 1;
	ids[0] = fg_xstrdup(id);
	fg_version *v = NULL;
	size_t nv = 0;
	/* breadth first over: same rule name, supersedes (both ways), superseded_by */
	for (size_t k = 0; k < nids && nids < MAX_VERSIONS && st == FG_OK; k++) {
		json_object *o = record_json(db, ids[k], err, &st);
		if (!o)
			continue;
		json_object *m = jobj(o, "meta");
		v = fg_xrealloc(v, (nv + 1) * sizeof *v);
		v[nv].id = fg_xstrdup(ids[k]);
		v[nv].title = fg_xstrdup(fg_json_str(m, "title"));
		v[nv].published = fg_xstrdup(fg_json_str(m, "published"));
		v[nv].effective = fg_xstrdup(fg_json_str(m, "effective"));
		v[nv].status = fg_xstrdup(fg_json_str(m, "status"));
		nv++;
		char **found = NULL;
		size_t nf = 0;
		char *rule = fg_rule_name(fg_json_str(m, "title"));
		if (*rule)
			st = records_with(db, "XV", rule, &found, &nf, err);
		free(rule);
		const char *sup = fg_json_str(m, "supersedes");
		if (st == FG_OK && *sup) {
			fg_status s2;
			json_object *so = record_json(db, sup, err, &s2);
			if (so) {
				found = fg_xrealloc(found, (nf + 1) * sizeof *found);
				found[nf++] = fg_xstrdup(sup);
				json_object_put(so);
			} else {
				char *sr = fg_rule_name(sup);
				if (*sr)
					st = records_with(db, "XV", sr, &found, &nf, err);
				free(sr);
			}
		}
		if (st == FG_OK)
			st = records_with(db, "XP", ids[k], &found, &nf, err);
		const char *by = fg_json_str(o, "superseded_by");
		if (*by) {
			found = fg_xrealloc(found, (nf + 1) * sizeof *found);
			found[nf++] = fg_xstrdup(by);
		}
		for (size_t i = 0; i < nf; i++) {
			if (!has_id(ids, nids, found[i]) && nids < MAX_VERSIONS) {
				ids = fg_xrealloc(ids, (nids + 1) * sizeof *ids);
				ids[nids++] = found[i];
			} else {
				free(found[i]);
			}
		}
		free(found);
		json_object_put(o);
	}
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (st != FG_OK) {
		fg_versions_free(v, nv);
		return st;
	}
	qsort(v, nv, sizeof *v, cmp_version);
	*out = v;
	*n = nv;
	return FG_OK;
}

/* ---- comparison ---- */

const char *fg_change_name(int change)
{
	static const char *const names[] = {"same", "modified", "added", "deleted", "renumbered"};
	return change >= 0 && change <= FG_CHANGE_RENUMBERED ? names[change] : "unknown";
}

/* The text of a unit without its leading label (第X条 and the space after it). */
static const char *body_of(const fg_article *u, size_t *len)
{
	const char *t = u->text;
	size_t n = u->len, used = 0;
	long num, sub;
	if (n && fg_article_label(t, n, &num, &sub, &used)) {
		t += used;
		n -= used;
		while (n && (*t == ' ' || *t == '\t')) {
			t++;
			n--;
		}
		if (n >= 3 && !memcmp(t, "\xe3\x80\x80", 3)) { /* ideographic space */
			t += 3;
			n -= 3;
		}
	}
	*len = n;
	return t;
}

typedef struct bigrams {
	uint64_t *v; /* sorted hashes of code point bigrams */
	size_t n;
} bigrams;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static void bigrams_of(const char *t, size_t len, bigrams *out)
{
	out->v = fg_xcalloc(len ? len : 1, sizeof *out->v);
	out->n = 0;
	uint32_t prev = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += fg_utf8_decode(t + i, len - i, &cp);
		if (cp == ' ' || cp == '\n' || cp == 0x3000) {
			prev = 0;
			continue;
		}
		if (prev) {
			uint32_t pair[2] = {prev, cp};
			out->v[out->n++] = fg_hash64(pair, sizeof pair);
		}
		prev = cp;
	}
	qsort(out->v, out->n, sizeof *out->v, cmp_u64);
}

static double bigram_dice(const bigrams *a, const bigrams *b)
{
	if (!a->n && !b->n)
		return 1;
	if (!a->n || !b->n)
		return 0;
	size_t i = 0, j = 0, common = 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] == b->v[j])
			common++, i++, j++;
		else if (a->v[i] < b->v[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->n + b->n);
}

/* Code points of s with their byte offsets (offs has n + 1 entries). */
static size_t to_cps(const char *s, size_t len, uint32_t **cps, size_t **offs)
{
	*cps = fg_xcalloc(len + 1, sizeof **cps);
	*offs = fg_xcalloc(len + 1, sizeof **offs);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		(*offs)[n] = i;
		i += fg_utf8_decode(s + i, len - i, &(*cps)[n]);
		n++;
	}
	(*offs)[n] = len;
	return n;
}

static void span_add(size_t **v, size_t *n, size_t s, size_t e)
{
	if (s >= e)
		return;
	if (*n && (*v)[2 * *n - 1] == s) {
		(*v)[2 * *n - 1] = e;
		return;
	}
	*v = fg_xrealloc(*v, (2 * *n + 2) * sizeof **v);
	(*v)[2 * *n] = s;
	(*v)[2 * *n + 1] = e;
	(*n)++;
}

/* Spans of a (offset abase) and b (offset bbase) outside their longest common subsequence of code points. */
static void diff_spans(const char *a, size_t alen, size_t abase, const char *b, size_t blen, size_t bbase,
		       fg_cmp_row *row)
{
	uint32_t *x, *y;
	size_t *xo, *yo;
	size_t n = to_cps(a, alen, &x, &xo), m = to_cps(b, blen, &y, &yo);
	size_t p = 0;
	while (p < n && p < m && x[p] == y[p])
		p++;
	size_t s = 0;
	while (s < n - p && s < m - p && x[n - 1 - s] == y[m - 1 - s])
		s++;
	size_t n2 = n - p - s, m2 = m - p - s;
	if (n2 == 0 || m2 == 0 || (double)(n2 + 1) * (double)(m2 + 1) > DIFF_MAX_CELLS) {
		span_add(&row->a_spans, &row->na, abase + xo[p], abase + xo[n - s]);
		span_add(&row->b_spans, &row->nb, bbase + yo[p], bbase + yo[m - s]);
	} else {
		/* LCS table over the middles, then walk it forwards */
		unsigned *t = fg_xcalloc((n2 + 1) * (m2 + 1), sizeof *t);
#define T(i, j) t[(i) * (m2 + 1) + (j)]
		for (size_t i = n2; i-- > 0;)
			for (size_t j = m2; j-- > 0;)
				T(i, j) = x[p + i] == y[p + j] ? T(i + 1, j + 1) + 1
							       : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
		size_t i = 0, j = 0;
		while (i < n2 || j < m2) {
			if (i < n2 && j < m2 && x[p + i] == y[p + j]) {
				i++, j++;
			} else if (j < m2 && (i == n2 || T(i, j + 1) >= T(i + 1, j))) {
				span_add(&row->b_spans, &row->nb, bbase + yo[p + j], bbase + yo[p + j + 1]);
				j++;
			} else {
				span_add(&row->a_spans, &row->na, abase + xo[p + i], abase + xo[p + i + 1]);
				i++;
			}
		}
#undef T
		free(t);
	}
	free(x);
	free(xo);
	free(y);
	free(yo);
}

void fg_comparison_free(fg_comparison *c)
{
	if (!c)
		return;
	fg_docview_free(c->a);
	fg_docview_free(c->b);
	for (size_t i = 0; i < c->nrows; i++) {
		free(c->rows[i].a_spans);
		free(c->rows[i].b_spans);
	}
	free(c->rows);
	free(c);
}

static void add_row(fg_comparison *c, int a, int b, int change, double sim)
{
	c->rows = fg_xrealloc(c->rows, (c->nrows + 1) * sizeof *c->rows);
	fg_cmp_row *r = &c->rows[c->nrows++];
	memset(r, 0, sizeof *r);
	r->a = a;
	r->b = b;
	r->change = change;
	r->similarity = sim;
}

fg_status fg_compare(fg_searcher *s, const char *a, const char *b, fg_comparison **out, fg_err *err)
{
	*out = NULL;
	fg_comparison *c = fg_xcalloc(1, sizeof *c);
	fg_status st = fg_docview_get(s, a, &c->a, err);
	if (st == FG_OK)
		st = fg_docview_get(s, b, &c->b, err);
	if (st != FG_OK) {
		fg_comparison_free(c);
		return st;
	}
	size_t n = c->a->nunits, m = c->b->nunits;
	bigrams *ba = fg_xcalloc(n + 1, sizeof *ba), *bb = fg_xcalloc(m + 1, sizeof *bb);
	for (size_t i = 0; i < n; i++) {
		size_t l;
		const char *t = body_of(&c->a->units[i], &l);
		bigrams_of(t, l, &ba[i]);
	}
	for (size_t j = 0; j < m; j++) {
		size_t l;
		const char *t = body_of(&c->b->units[j], &l);
		bigrams_of(t, l, &bb[j]);
	}
	/* monotone alignment: score[i][j] = best total over a[i..], b[j..] */
	double *sim = fg_xcalloc((n + 1) * (m + 1), sizeof *sim);
	double *sc = fg_xcalloc((n + 1) * (m + 1), sizeof *sc);
#define SIM(i, j) sim[(i) * (m + 1) + (j)]
#define SC(i, j) sc[(i) * (m + 1) + (j)]
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++)
			SIM(i, j) = c->a->units[i].kind == c->b->units[j].kind ? bigram_dice(&ba[i], &bb[j]) : 0;
	for (size_t i = n + 1; i-- > 0;)
		for (size_t j = m + 1; j-- > 0;) {
			double best = 0;
			if (i < n && SC(i + 1, j) > best)
				best = SC(i + 1, j);
			if (j < m && SC(i, j + 1) > best)
				best = SC(i, j + 1);
			if (i < n && j < m && SIM(i, j) >= ALIGN_MIN && SC(i + 1, j + 1) + SIM(i, j) > best)
				best = SC(i + 1, j + 1) + SIM(i, j);
			SC(i, j) = best;
		}
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && SIM(i, j) >= ALIGN_MIN && SC(i, j) == SC(i + 1, j + 1) + SIM(i, j)) {
			const fg_article *ua = &c->a->units[i], *ub = &c->b->units[j];
			size_t la, lb;
			const char *ta = body_of(ua, &la), *tb = body_of(ub, &lb);
			int same_text = la == lb && !memcmp(ta, tb, la);
			int same_label = !strcmp(ua->label, ub->label);
			int change = same_text ? (same_label ? FG_CHANGE_SAME : FG_CHANGE_RENUMBERED) : FG_CHANGE_MODIFIED;
			add_row(c, (int)i, (int)j, change, SIM(i, j));
			if (!same_text)
				diff_spans(ta, la, (size_t)(ta - ua->text), tb, lb, (size_t)(tb - ub->text),
					   &c->rows[c->nrows - 1]);
			i++, j++;
		} else if (i < n && (j == m || SC(i, j) == SC(i + 1, j))) {
			add_row(c, (int)i, -1, FG_CHANGE_DELETED, 0);
			i++;
		} else {
			add_row(c, -1, (int)j, FG_CHANGE_ADDED, 0);
			j++;
		}
	}
#undef SIM
#undef SC
	free(sim);
	free(sc);
	for (size_t k = 0; k < n; k++)
		free(ba[k].v);
	for (size_t k = 0; k < m; k++)
		free(bb[k].v);
	free(ba);
	free(bb);
	*out = c;
	return FG_OK;
}

static json_object *side_json(const fg_docview *v)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "id", v->meta.id);
	fg_json_put(o, "title", v->meta.title);
	fg_json_put(o, "level", v->meta.level);
	fg_json_put(o, "status", v->meta.status);
	fg_json_put(o, "published", v->meta.published);
	fg_json_put(o, "effective", v->meta.effective);
	return o;
}

static json_object *spans_json(const size_t *v, size_t n)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *p = json_object_new_array();
		json_object_array_add(p, json_object_new_int64((int64_t)v[2 * i]));
		json_object_array_add(p, json_object_new_int64((int64_t)v[2 * i + 1]));
		json_object_array_add(a, p);
	}
	return a;
}

char *fg_comparison_json(const fg_comparison *c)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "a", side_json(c->a));
	json_object_object_add(o, "b", side_json(c->b));
	json_object *rows = json_object_new_array();
	int count[FG_CHANGE_RENUMBERED + 1] = {0};
	for (size_t i = 0; i < c->nrows; i++) {
		const fg_cmp_row *r = &c->rows[i];
		const fg_article *ua = r->a >= 0 ? &c->a->units[r->a] : NULL, *ub = r->b >= 0 ? &c->b->units[r->b] : NULL;
		json_object *x = json_object_new_object();
		fg_json_put(x, "a_label", ua ? ua->label : "");
		fg_json_put(x, "a_text", ua ? ua->text : "");
		fg_json_put(x, "b_label", ub ? ub->label : "");
		fg_json_put(x, "b_text", ub ? ub->text : "");
		fg_json_put(x, "change", fg_change_name(r->change));
		json_object_object_add(x, "a_index", json_object_new_int(r->a));
		json_object_object_add(x, "b_index", json_object_new_int(r->b));
		json_object_object_add(x, "similarity", json_object_new_double(((long)(r->similarity * 10000)) / 10000.0));
		json_object_object_add(x, "a_changed", spans_json(r->a_spans, r->na));
		json_object_object_add(x, "b_changed", spans_json(r->b_spans, r->nb));
		json_object_array_add(rows, x);
		count[r->change]++;
	}
	json_object_object_add(o, "rows", rows);
	json_object *sum = json_object_new_object();
	for (int k = 0; k <= FG_CHANGE_RENUMBERED; k++)
		json_object_object_add(sum, fg_change_name(k), json_object_new_int(count[k]));
	json_object_object_add(o, "summary", sum);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* ---- events.tsv ---- */

void fg_events_free(fg_status_event *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].status);
		free(v[i].superseded_by);
		free(v[i].note);
		free(v[i].recorded);
		free(v[i].previous);
	}
	free(v);
}

static char *field(char **p)
{
	char *s = *p, *tab = strchr(s, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = s + strlen(s);
	}
	return fg_xstrdup(s);
}

/* columns: date id status superseded_by note recorded previous */
fg_status fg_events_load(const char *dir, fg_status_event **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/events.tsv", dir);
	char *text = NULL;
	size_t len = 0;
	fg_err e = {0};
	fg_status st = fg_read_file(path.data, 64u << 20, &text, &len, &e);
	fg_buf_free(&path);
	if (st != FG_OK) {
		if (e.code == FG_E_IO && errno == ENOENT)
			return FG_OK;
		if (err)
			*err = e;
		return st;
	}
	fg_status_event *v = NULL;
	size_t nv = 0;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (*line && *line != '#' && strncmp(line, "date\t", 5) != 0) {
			char *p = line;
			char *date = field(&p);
			fg_status_event ev = {{0}, NULL, NULL, NULL, NULL, NULL, NULL};
			snprintf(ev.date, sizeof ev.date, "%s", date);
			free(date);
			ev.id = field(&p);
			ev.status = field(&p);
			ev.superseded_by = field(&p);
			ev.note = field(&p);
			ev.recorded = field(&p);
			ev.previous = field(&p);
			if (*ev.id && fg_status_canon(ev.status)) {
				v = fg_xrealloc(v, (nv + 1) * sizeof *v);
				v[nv++] = ev;
			} else {
				free(ev.id);
				free(ev.status);
				free(ev.superseded_by);
				free(ev.note);
				free(ev.recorded);
				free(ev.previous);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	*out = v;
	*n = nv;
	return FG_OK;
}

static void put_clean(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static fg_status events_append(const char *dir, const fg_status_event *ev, fg_err *err)
{
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/events.tsv", dir);
	int fresh = access(path.data, F_OK) != 0;
	FILE *f = fopen(path.data, "a");
	if (!f) {
		fg_status st = fg_err_set(err, FG_E_IO, "cannot open %s: %s", path.data, strerror(errno));
		fg_buf_free(&path);
		return st;
	}
	if (fresh)
		fputs("date\tid\tstatus\tsuperseded_by\tnote\trecorded\tprevious\n", f);
	const char *cols[7] = {ev->date, ev->id, ev->status, ev->superseded_by, ev->note, ev->recorded, ev->previous};
	for (int i = 0; i < 7; i++) {
		put_clean(f, cols[i]);
		fputc(i == 6 ? '\n' : '\t', f);
	}
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	fg_status st = bad ? fg_err_set(err, FG_E_IO, "cannot write %s: %s", path.data, strerror(errno)) : FG_OK;
	fg_buf_free(&path);
	return st;
}

/* ---- the shards of an index directory ---- */

typedef struct shards {
	fg_xwdb *w[MAX_SHARDS];
	int n;
} shards;

static void shards_close(shards *s)
{
	for (int k = 0; k < s->n; k++)
		fg_xwdb_close(s->w[k]);
	s->n = 0;
}

static fg_status shards_open(const char *dir, shards *s, fg_err *err)
{
	memset(s, 0, sizeof *s);
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/index.stub", dir);
	FILE *f = fopen(path.data, "r");
	if (!f) {
		fg_status st = fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no index.stub", dir);
		fg_buf_free(&path);
		return st;
	}
	fg_buf_free(&path);
	char line[4096];
	fg_status st = FG_OK;
	while (st == FG_OK && fgets(line, sizeof line, f)) {
		char rel[4000];
		if (sscanf(line, "auto %3999s", rel) != 1 || s->n == MAX_SHARDS)
			continue;
		fg_buf p = {0};
		fg_buf_printf(&p, "%s/%s", dir, rel);
		st = fg_xwdb_open(p.data, FG_XW_OPEN | FG_XW_TXN, 0, &s->w[s->n], err);
		fg_buf_free(&p);
		if (st == FG_OK)
			s->n++;
	}
	fclose(f);
	if (st != FG_OK)
		shards_close(s);
	return st;
}

static fg_status shards_commit(shards *s, fg_err *err)
{
	for (int k = 0; k < s->n; k++) {
		fg_status st = fg_xwdb_commit(s->w[k], err);
		if (st != FG_OK)
			return st;
	}
	return FG_OK;
}

/* The shard holding document id, or -1. */
static int shard_of(shards *s, const char *id)
{
	fg_buf t = {0};
	fg_buf_printf(&t, "R%s", id);
	int found = -1;
	for (int k = 0; k < s->n && found < 0; k++)
		if (fg_xwdb_termfreq(s->w[k], t.data, t.len) > 0)
			found = k;
	fg_buf_free(&t);
	return found;
}

/* ---- applying an event: rebuild the document's Xapian documents from their stored data ---- */

static int cmp_unit_json(const void *a, const void *b)
{
	int x = fg_json_int(*(json_object *const *)a, "index"), y = fg_json_int(*(json_object *const *)b, "index");
	return (x > y) - (x < y);
}

static const char *const meta_keys[] = {"id", "title", "number", "authority", "level", "status", "region",
					"category", "published", "effective", "expires", "supersedes", NULL};

static fg_status apply_event(fg_xwdb *w, const fg_keywords *kw, const fg_status_event *ev, char **previous,
			     fg_err *err)
{
	if (previous)
		*previous = NULL;
	fg_buf t = {0};
	fg_buf_printf(&t, "R%s", ev->id);
	fg_docid recid = 0;
	fg_status st = fg_xwdb_postings(w, t.data, t.len, fg_xdocid_first, &recid, err);
	fg_buf_free(&t);
	if (st != FG_OK)
		return st;
	if (!recid)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", ev->id);
	fg_xdoc *rd = NULL;
	st = fg_xwdb_get_document(w, recid, &rd, err);
	if (st != FG_OK)
		return st;
	size_t len;
	json_object *rec = json_tokener_parse(fg_xdoc_get_data(rd, &len));
	fg_xdoc_free(rd);
	if (!rec)
		return fg_err_set(err, FG_E_INVAL, "document '%s' has no readable record", ev->id);
	json_object *mo = jobj(rec, "meta");

	/* the units */
	fg_buf dt = {0};
	fg_buf_printf(&dt, "D%s", ev->id);
	fg_xdocids ids = {0};
	st = fg_xwdb_postings(w, dt.data, dt.len, fg_xdocids_collect, &ids, err);
	fg_buf_free(&dt);
	json_object **uj = fg_xcalloc(ids.n + 1, sizeof *uj);
	size_t nu = 0;
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		if (ids.v[i] == recid)
			continue;
		fg_xdoc *u = NULL;
		st = fg_xwdb_get_document(w, ids.v[i], &u, err);
		if (st != FG_OK)
			break;
		json_object *o = json_tokener_parse(fg_xdoc_get_data(u, &len));
		fg_xdoc_free(u);
		if (o)
			uj[nu++] = o;
	}
	free(ids.v);
	qsort(uj, nu, sizeof *uj, cmp_unit_json);

	fg_doc *d = fg_xcalloc(1, sizeof *d);
	for (int k = 0; meta_keys[k]; k++) {
		const char *v = fg_json_str(mo, meta_keys[k]);
		if (*v)
			fg_meta_set(&d->meta, meta_keys[k], v, strlen(v));
	}
	d->meta.version = fg_json_int(mo, "version");
	if (previous)
		*previous = fg_xstrdup(d->meta.status ? d->meta.status : "");
	free(d->meta.status);
	d->meta.status = fg_xstrdup(ev->status);
	d->units = fg_xcalloc(nu + 1, sizeof *d->units);
	for (size_t i = 0; i < nu; i++) {
		fg_article *a = &d->units[d->nunits++];
		const char *kind = fg_json_str(uj[i], "kind");
		a->kind = kind[0] == 'p' ? FG_UNIT_PREAMBLE : kind[0] == 'x' ? FG_UNIT_APPENDIX
			  : kind[0] == 't' ? FG_UNIT_TEXT : FG_UNIT_ARTICLE;
		a->label = fg_xstrdup(fg_json_str(uj[i], "article"));
		a->heading = fg_xstrdup(fg_json_str(uj[i], "heading"));
		a->text = fg_xstrdup(fg_json_str(uj[i], "text"));
		a->len = strlen(a->text);
		size_t used;
		if (*a->label)
			fg_article_label(a->label, strlen(a->label), &a->num, &a->sub, &used);
		int np = 1;
		for (const char *p = a->text; *p; p++)
			np += *p == '\n';
		a->nparas = np;
	}
	/* history: the file's lines plus this change, once */
	json_object *evs = jobj(rec, "events");
	size_t ne = evs && json_object_is_type(evs, json_type_array) ? json_object_array_length(evs) : 0;
	d->events = fg_xcalloc(ne + 1, sizeof *d->events);
	fg_buf et = {0};
	fg_buf_printf(&et, "状态变更为%s", ev->status);
	if (*ev->superseded_by)
		fg_buf_printf(&et, "（由%s取代）", ev->superseded_by);
	if (*ev->note)
		fg_buf_printf(&et, "：%s", ev->note);
	int have = 0;
	for (size_t i = 0; i < ne; i++) {
		json_object *e = json_object_array_get_idx(evs, i);
		fg_event *x = &d->events[d->nevents++];
		snprintf(x->date, sizeof x->date, "%s", fg_json_str(e, "date"));
		x->text = fg_xstrdup(fg_json_str(e, "text"));
		have |= !strcmp(x->date, ev->date) && !strcmp(x->text, et.data);
	}
	if (!have) {
		fg_event *x = &d->events[d->nevents++];
		snprintf(x->date, sizeof x->date, "%s", ev->date);
		x->text = fg_buf_detach(&et);
	}
	fg_buf_free(&et);
	d->body = fg_xstrdup(fg_json_str(rec, "body"));
	d->bodylen = strlen(d->body);
	d->format = fg_json_int(rec, "format");
	d->encoding = fg_json_str(rec, "encoding"); /* borrowed from rec, which outlives d's use */

	fg_xdoc **units = NULL, *record = NULL;
	size_t nunits = 0;
	if (st == FG_OK)
		fg_index_build(d, kw, fg_json_str(rec, "path"), fg_json_str(rec, "hash"), &units, &nunits, &record);
	for (size_t i = 0; i < nunits; i++) {
		if (st == FG_OK) {
			fg_buf q = {0};
			fg_buf_printf(&q, "Q%s#%zu", ev->id, i);
			st = fg_xwdb_replace_document(w, q.data, q.len, units[i], err);
			fg_buf_free(&q);
		}
		fg_xdoc_free(units[i]);
	}
	free(units);
	if (record && st == FG_OK) {
		/* keep the superseded_by link in the record */
		const char *by = *ev->superseded_by ? ev->superseded_by : fg_json_str(rec, "superseded_by");
		if (*by) {
			json_object *ro = json_tokener_parse(fg_xdoc_get_data(record, &len));
			if (ro) {
				fg_json_put(ro, "superseded_by", by);
				size_t jl;
				const char *js = json_object_to_json_string_length(ro, JSON_C_TO_STRING_PLAIN, &jl);
				fg_xdoc_set_data(record, js, jl);
				json_object_put(ro);
			}
			fg_buf z = {0};
			fg_buf_printf(&z, "XZ%s", by);
			fg_xdoc_add_boolean_term(record, z.data, z.len);
			fg_buf_free(&z);
		}
		fg_buf r = {0};
		fg_buf_printf(&r, "R%s", ev->id);
		st = fg_xwdb_replace_document(w, r.data, r.len, record, err);
		fg_buf_free(&r);
	}
	fg_xdoc_free(record);
	d->encoding = NULL;
	fg_doc_free(d);
	for (size_t i = 0; i < nu; i++)
		json_object_put(uj[i]);
	free(uj);
	json_object_put(rec);
	return st;
}

/* ---- validity intervals ---- */

static void ymd8(const char *date, char out[9])
{
	out[0] = '\0';
	if (date && strlen(date) == 10) {
		memcpy(out, date, 4);
		memcpy(out + 4, date + 5, 2);
		memcpy(out + 6, date + 8, 2);
		out[8] = '\0';
	}
}

static void next_day(const char *date, char out[9])
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	out[0] = '\0';
	if (!date || strlen(date) != 10)
		return;
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8) + 1;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	struct tm o;
	gmtime_r(&t, &o);
	strftime(out, 9, "%Y%m%d", &o);
}

typedef struct vrec {
	char *id;
	char *rule;          /* rule name of the title */
	char *supersedes;
	char *by;            /* superseded_by */
	char from[9];        /* effective (or published) YYYYMMDD */
	char end[9];         /* computed first day not in force, "" for open */
	char stored[9];      /* VALID_TO stored now */
	int group;
} vrec;

static int find_group(vrec *v, int i)
{
	while (v[i].group != i) {
		v[i].group = v[v[i].group].group;
		i = v[i].group;
	}
	return i;
}

static void unite(vrec *v, int a, int b)
{
	a = find_group(v, a);
	b = find_group(v, b);
	if (a != b)
		v[a > b ? a : b].group = a < b ? a : b;
}

static void set_end(vrec *r, const char *cand)
{
	if (cand && *cand && (!r->end[0] || strcmp(cand, r->end) < 0))
		snprintf(r->end, sizeof r->end, "%s", cand);
}

/*
 * Strings with their index, sorted (by string, then index) for binary
 * search: the lookups of the validity pass and of status events, which
 * compared every pair before (quadratic: hours at 130,000 documents).
 */
struct skey {
	const char *s;
	size_t i;
};

static int cmp_skey(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first entry whose string is s (k[n] bounds the run), or n. */
static size_t skey_find(const struct skey *k, size_t n, const char *s)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(k[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(k[lo].s, s) ? lo : n;
}

/* The events sorted by document id, in file order within one id. */
static struct skey *events_by_id(const fg_status_event *ev, size_t nev)
{
	struct skey *k = fg_xcalloc(nev ? nev : 1, sizeof *k);
	for (size_t i = 0; i < nev; i++)
		k[i] = (struct skey){ev[i].id, i};
	qsort(k, nev, sizeof *k, cmp_skey);
	return k;
}

/* The last event (by date, then file order) of each document decides its events-based end. */
static const fg_status_event *last_event(const fg_status_event *ev, const struct skey *byid, size_t nev,
					 const char *id)
{
	const fg_status_event *best = NULL;
	for (size_t j = skey_find(byid, nev, id); j < nev && !strcmp(byid[j].s, id); j++) {
		const fg_status_event *e = &ev[byid[j].i];
		if (!best || strcmp(e->date, best->date) >= 0)
			best = e;
	}
	return best;
}

/* Unites i with every record whose string in k (sorted) is s; s "" links nothing. */
static void unite_with(vrec *v, const struct skey *k, size_t n, const char *s, int i)
{
	if (!s || !*s)
		return;
	for (size_t j = skey_find(k, n, s); j < n && !strcmp(k[j].s, s); j++)
		unite(v, i, (int)k[j].i);
}

struct gfrom {
	int g;
	const char *from;
	size_t i;
};

static int cmp_gfrom(const void *a, const void *b)
{
	const struct gfrom *x = a, *y = b;
	if (x->g != y->g)
		return (x->g > y->g) - (x->g < y->g);
	int c = strcmp(x->from, y->from);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int not_in_force(const char *status)
{
	return status && (!strcmp(status, FG_STATUS_REPEALED) || !strcmp(status, FG_STATUS_INVALID) ||
			  !strcmp(status, FG_STATUS_AMENDED));
}

static fg_status validity_pass(const char *dir, const fg_status_event *ev, size_t nev, fg_err *err)
{
	fg_buf stub = {0};
	fg_buf_printf(&stub, "%s/index.stub", dir);
	fg_xdb *db = NULL;
	fg_status st = fg_xdb_open(stub.data, &db, err);
	fg_buf_free(&stub);
	if (st != FG_OK)
		return st;
	fg_xdocids recs = {0};
	st = fg_xdb_postings(db, "XKr", 3, fg_xdocids_collect, &recs, err);
	struct skey *evid = events_by_id(ev, nev);
	vrec *v = fg_xcalloc(recs.n + 1, sizeof *v);
	size_t nv = 0;
	for (size_t i = 0; st == FG_OK && i < recs.n; i++) {
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, recs.v[i], &d, err) != FG_OK)
			continue;
		size_t len;
		json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &len));
		json_object *m = jobj(o, "meta");
		vrec *r = &v[nv];
		r->id = fg_xstrdup(fg_json_str(m, "id"));
		r->rule = fg_rule_name(fg_json_str(m, "title"));
		r->supersedes = fg_xstrdup(fg_json_str(m, "supersedes"));
		r->by = fg_xstrdup(fg_json_str(o, "superseded_by"));
		ymd8(*fg_json_str(m, "effective") ? fg_json_str(m, "effective") : fg_json_str(m, "published"), r->from);
		size_t vl;
		const char *sv = fg_xdoc_get_value(d, FG_SLOT_VALID_TO, &vl);
		snprintf(r->stored, sizeof r->stored, "%.*s", (int)(vl < 8 ? vl : 8), sv);
		r->group = (int)nv;
		/* ends known from this record alone */
		char c[9];
		next_day(fg_json_str(m, "expires"), c);
		set_end(r, c);
		const fg_status_event *e = last_event(ev, evid, nev, r->id);
		if (e && not_in_force(e->status)) {
			ymd8(e->date, c);
			set_end(r, c);
		} else if (!e && (!strcmp(fg_json_str(m, "status"), FG_STATUS_REPEALED) || !strcmp(fg_json_str(m, "status"), FG_STATUS_INVALID))) {
			json_object *evs = jobj(o, "events");
			size_t ne = evs && json_object_is_type(evs, json_type_array) ? json_object_array_length(evs) : 0;
			for (size_t k = 0; k < ne; k++) {
				json_object *x = json_object_array_get_idx(evs, k);
				if (strstr(fg_json_str(x, "text"), "废止") || strstr(fg_json_str(x, "text"), "失效")) {
					ymd8(fg_json_str(x, "date"), c);
					set_end(r, c);
				}
			}
		}
		if (e && *e->superseded_by) {
			free(r->by);
			r->by = fg_xstrdup(e->superseded_by);
		}
		nv++;
		json_object_put(o);
		fg_xdoc_free(d);
	}
	free(recs.v);
	free(evid);
	/*
	 * versions: one group per rule name, joined by supersedes (an id or a
	 * title) and superseded_by (an id), in either direction
	 */
	struct skey *byid = fg_xcalloc(nv ? nv : 1, sizeof *byid), *byrule = fg_xcalloc(nv ? nv : 1, sizeof *byrule);
	size_t nrule = 0;
	for (size_t i = 0; i < nv; i++) {
		byid[i] = (struct skey){v[i].id, i};
		if (*v[i].rule)
			byrule[nrule++] = (struct skey){v[i].rule, i};
	}
	qsort(byid, nv, sizeof *byid, cmp_skey);
	qsort(byrule, nrule, sizeof *byrule, cmp_skey);
	for (size_t j = 1; j < nrule; j++)
		if (!strcmp(byrule[j - 1].s, byrule[j].s))
			unite(v, (int)byrule[j - 1].i, (int)byrule[j].i);
	for (size_t i = 0; i < nv; i++) {
		unite_with(v, byid, nv, v[i].supersedes, (int)i);
		unite_with(v, byid, nv, v[i].by, (int)i);
		if (*v[i].supersedes) {
			char *r = fg_rule_name(v[i].supersedes);
			unite_with(v, byrule, nrule, r, (int)i);
			free(r);
		}
	}
	free(byid);
	free(byrule);
	/* a version is in force until the next later start in its group */
	struct gfrom *gf = fg_xcalloc(nv ? nv : 1, sizeof *gf);
	size_t ng = 0;
	for (size_t i = 0; i < nv; i++)
		if (v[i].from[0])
			gf[ng++] = (struct gfrom){find_group(v, (int)i), v[i].from, i};
	qsort(gf, ng, sizeof *gf, cmp_gfrom);
	for (size_t a = 0; a < ng;) {
		size_t b = a; /* [a, b): one group and one start date */
		while (b < ng && gf[b].g == gf[a].g && !strcmp(gf[b].from, gf[a].from))
			b++;
		if (b < ng && gf[b].g == gf[a].g)
			for (size_t k = a; k < b; k++)
				set_end(&v[gf[k].i], gf[b].from);
		a = b;
	}
	free(gf);
	fg_xdb_close(db);

	/* write the changed values */
	shards sh;
	if (st == FG_OK)
		st = shards_open(dir, &sh, err);
	else
		memset(&sh, 0, sizeof sh);
	for (size_t i = 0; st == FG_OK && i < nv; i++) {
		if (!strcmp(v[i].end, v[i].stored))
			continue;
		int k = shard_of(&sh, v[i].id);
		if (k < 0)
			continue;
		fg_buf dt = {0};
		fg_buf_printf(&dt, "D%s", v[i].id);
		fg_xdocids ids = {0};
		st = fg_xwdb_postings(sh.w[k], dt.data, dt.len, fg_xdocids_collect, &ids, err);
		fg_buf_free(&dt);
		for (size_t u = 0; st == FG_OK && u < ids.n; u++) {
			fg_xdoc *d = NULL;
			st = fg_xwdb_get_document(sh.w[k], ids.v[u], &d, err);
			if (st != FG_OK)
				break;
			size_t len;
			json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &len));
			fg_buf ut = {0};
			if (jobj(o, "meta"))
				fg_buf_printf(&ut, "R%s", v[i].id);
			else
				fg_buf_printf(&ut, "Q%s#%d", v[i].id, fg_json_int(o, "index"));
			fg_xdoc_add_value(d, FG_SLOT_VALID_TO, v[i].end, strlen(v[i].end));
			st = fg_xwdb_replace_document(sh.w[k], ut.data, ut.len, d, err);
			fg_buf_free(&ut);
			json_object_put(o);
			fg_xdoc_free(d);
		}
		free(ids.v);
	}
	if (st == FG_OK)
		st = shards_commit(&sh, err);
	shards_close(&sh);
	for (size_t i = 0; i < nv; i++) {
		free(v[i].id);
		free(v[i].rule);
		free(v[i].supersedes);
		free(v[i].by);
	}
	free(v);
	return st;
}

fg_status fg_versions_refresh(const char *dir, const fg_keywords *kw, size_t *napplied, fg_err *err)
{
	if (napplied)
		*napplied = 0;
	fg_status_event *ev = NULL;
	size_t nev = 0;
	fg_status st = fg_events_load(dir, &ev, &nev, err);
	if (st != FG_OK)
		return st;
	if (nev) {
		shards sh;
		st = shards_open(dir, &sh, err);
		struct skey *evid = events_by_id(ev, nev);
		/* in date order, later records winning ties: the last status stands */
		for (size_t pass = 0; st == FG_OK && pass < nev; pass++) {
			const fg_status_event *e = &ev[pass];
			if (last_event(ev, evid, nev, e->id) != e)
				continue; /* only the latest event decides the status; earlier ones stay in the history */
			int k = shard_of(&sh, e->id);
			if (k < 0)
				continue; /* the document is no longer in the corpus */
			st = apply_event(sh.w[k], kw, e, NULL, err);
			if (st == FG_OK && napplied)
				(*napplied)++;
		}
		free(evid);
		if (st == FG_OK)
			st = shards_commit(&sh, err);
		shards_close(&sh);
	}
	if (st == FG_OK)
		st = validity_pass(dir, ev, nev, err);
	fg_events_free(ev, nev);
	return st;
}

static int valid_date(const char *s)
{
	char tmp[11];
	return s && strlen(s) == 10 && fg_date_parse(s, 10, tmp) && !strcmp(tmp, s);
}

fg_status fg_event_add(const char *dir, const fg_keywords *kw, fg_status_event *ev, fg_err *err)
{
	if (!valid_date(ev->date))
		return fg_err_set(err, FG_E_INVAL, "bad date '%s': expected YYYY-MM-DD", ev->date);
	const char *canon = fg_status_canon(ev->status ? ev->status : "");
	if (!canon)
		return fg_err_set(err, FG_E_INVAL, "unknown status '%s' (现行有效, 尚未生效, 已修改, 已废止 or 失效)",
				  ev->status ? ev->status : "");
	if (!ev->id || !*ev->id || strlen(ev->id) > 200 || strpbrk(ev->id, "\t\n\r"))
		return fg_err_set(err, FG_E_INVAL, "bad document id");
	free(ev->status);
	ev->status = fg_xstrdup(canon);
	if (!ev->superseded_by)
		ev->superseded_by = fg_xstrdup("");
	if (!ev->note)
		ev->note = fg_xstrdup("");
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	free(ev->recorded);
	ev->recorded = fg_xstrdup(now);

	shards sh;
	fg_status st = shards_open(dir, &sh, err);
	if (st != FG_OK)
		return st;
	int k = shard_of(&sh, ev->id);
	if (k < 0) {
		shards_close(&sh);
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", ev->id);
	}
	if (*ev->superseded_by && shard_of(&sh, ev->superseded_by) < 0) {
		shards_close(&sh);
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s' (--superseded-by)", ev->superseded_by);
	}
	char *prev = NULL;
	st = apply_event(sh.w[k], kw, ev, &prev, err);
	free(ev->previous);
	ev->previous = prev ? prev : fg_xstrdup("");
	/* the log first: a crash after it is repaired by the next refresh */
	if (st == FG_OK)
		st = events_append(dir, ev, err);
	if (st == FG_OK)
		st = fg_xwdb_commit(sh.w[k], err);
	shards_close(&sh);
	if (st != FG_OK)
		return st;
	fg_status_event *all = NULL;
	size_t nall = 0;
	st = fg_events_load(dir, &all, &nall, err);
	if (st == FG_OK)
		st = validity_pass(dir, all, nall, err);
	fg_events_free(all, nall);
	return st;
}

/* ---- the change log ---- */

static int cmp_event_desc(const void *a, const void *b)
{
	const fg_status_event *x = *(const fg_status_event *const *)a, *y = *(const fg_status_event *const *)b;
	int c = strcmp(y->date, x->date);
	return c ? c : strcmp(y->recorded, x->recorded);
}

static const fg_status_event **sorted_events(const fg_status_event *ev, size_t n)
{
	const fg_status_event **v = fg_xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = &ev[n - 1 - i]; /* later records first among equal keys */
	qsort(v, n, sizeof *v, cmp_event_desc);
	return v;
}

static char *title_of(fg_xdb *db, const char *id)
{
	fg_status st;
	json_object *o = record_json(db, id, NULL, &st);
	char *t = fg_xstrdup(o ? fg_json_str(jobj(o, "meta"), "title") : "");
	json_object_put(o);
	return t;
}

char *fg_changes_json(fg_xdb *db, const fg_status_event *ev, size_t n)
{
	const fg_status_event **v = sorted_events(ev, n);
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_new_object();
		char *title = title_of(db, v[i]->id);
		fg_json_put(x, "date", v[i]->date);
		fg_json_put(x, "id", v[i]->id);
		fg_json_put(x, "title", title);
		fg_json_put(x, "status", v[i]->status);
		fg_json_put(x, "previous", v[i]->previous);
		fg_json_put(x, "superseded_by", v[i]->superseded_by);
		fg_json_put(x, "note", v[i]->note);
		fg_json_put(x, "recorded", v[i]->recorded);
		fg_buf u = {0};
		fg_buf_puts(&u, "/doc/");
		fg_buf_put_urlpart(&u, v[i]->id);
		fg_json_put(x, "url", u.data);
		fg_buf_free(&u);
		free(title);
		json_object_array_add(arr, x);
	}
	json_object_object_add(o, "changes", arr);
	free(v);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

static void xml(fg_buf *b, const char *s)
{
	size_t n;
	char *clean = fg_utf8_sanitize(s ? s : "", s ? strlen(s) : 0, &n, NULL, NULL);
	fg_buf_put_html(b, clean, n);
	free(clean);
}

char *fg_changes_atom(fg_xdb *db, const fg_status_event *ev, size_t n, const char *base)
{
	const fg_status_event **v = sorted_events(ev, n);
	const char *updated = "1970-01-01T00:00:00Z";
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].recorded, updated) > 0)
			updated = ev[i].recorded;
	fg_buf b = {0};
	fg_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
			"<title>法规时效性变更</title>\n<id>");
	xml(&b, base);
	fg_buf_puts(&b, "/changes.atom</id>\n<link rel=\"self\" href=\"");
	xml(&b, base);
	fg_buf_puts(&b, "/changes.atom\"/>\n<link rel=\"alternate\" type=\"application/json\" href=\"");
	xml(&b, base);
	fg_buf_puts(&b, "/api/changes\"/>\n<updated>");
	xml(&b, updated);
	fg_buf_puts(&b, "</updated>\n<author><name>Fagui</name></author>\n");
	for (size_t i = 0; i < n; i++) {
		const fg_status_event *e = v[i];
		char *title = title_of(db, e->id);
		fg_buf u = {0};
		fg_buf_put_urlpart(&u, e->id);
		fg_buf_puts(&b, "<entry>\n<title>");
		xml(&b, *title ? title : e->id);
		fg_buf_puts(&b, "：");
		xml(&b, e->status);
		fg_buf_puts(&b, "</title>\n<id>");
		xml(&b, base);
		fg_buf_printf(&b, "/changes/%s/%s/", u.data, e->date);
		xml(&b, e->recorded);
		fg_buf_puts(&b, "</id>\n<link href=\"");
		xml(&b, base);
		fg_buf_printf(&b, "/doc/%s\"/>\n<updated>", u.data);
		xml(&b, e->recorded);
		fg_buf_puts(&b, "</updated>\n<summary>");
		xml(&b, e->date);
		fg_buf_puts(&b, " 起");
		if (*e->previous) {
			fg_buf_puts(&b, "由");
			xml(&b, e->previous);
		}
		fg_buf_puts(&b, "变更为");
		xml(&b, e->status);
		if (*e->superseded_by) {
			fg_buf_puts(&b, "，由");
			xml(&b, e->superseded_by);
			fg_buf_puts(&b, "取代");
		}
		if (*e->note) {
			fg_buf_puts(&b, "。");
			xml(&b, e->note);
		}
		fg_buf_puts(&b, "</summary>\n</entry>\n");
		fg_buf_free(&u);
		free(title);
	}
	fg_buf_puts(&b, "</feed>\n");
	free(v);
	return fg_buf_detach(&b);
}
