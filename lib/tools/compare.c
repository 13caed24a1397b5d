/*
 * compare.c - the article-level comparison of two versions (新旧对照, see
 * versions.h): units aligned by the bigram similarity of their texts (a
 * monotone alignment, since articles get renumbered), the changed byte spans
 * of each modified pair from a longest common subsequence of code points,
 * and the comparison as JSON.
 */
#include "versions.h"
#include "json.h"

#include "doc.h"
#include "text.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN_MIN 0.3          /* least similarity for two articles to be the same article */
#define DIFF_MAX_CELLS 4000000 /* largest LCS table for span diffs; beyond, the whole middle is marked */

const char *fg_change_name(int change)
{
	static const char *const names[] = {"same", "modified", "added", "deleted", "renumbered"};
	return change >= 0 && change <= FG_CHANGE_RENUMBERED ? names[change] : "unknown";
}

/* The text of a unit without its leading label (第X条, or an item's marker 12., and the space after it). */
static const char *body_of(const fg_article *u, size_t *len)
{
	const char *t = u->text;
	size_t n = u->len, used = 0;
	long num, sub;
	fg_item_mark m;
	int item = u->kind == FG_UNIT_TEXT && *u->label && fg_item_mark_parse(t, n, &m);
	if (n && (item || fg_article_label(t, n, &num, &sub, &used))) {
		used = item ? m.len : used;
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
				T(i, j) = x[p + i] == y[p + j]
						  ? T(i + 1, j + 1) + 1
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

/* The bigrams of the bodies of v's units (v->nunits entries, freed with free_bigrams). */
static bigrams *units_bigrams(const fg_docview *v)
{
	bigrams *b = fg_xcalloc(v->nunits + 1, sizeof *b);
	for (size_t i = 0; i < v->nunits; i++) {
		size_t l;
		const char *t = body_of(&v->units[i], &l);
		bigrams_of(t, l, &b[i]);
	}
	return b;
}

static void free_bigrams(bigrams *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(b[k].v);
	free(b);
}

/* The row of aligned units i of a and j of b: same, renumbered, or modified with its spans. */
static void add_pair(fg_comparison *c, size_t i, size_t j, double sim)
{
	const fg_article *ua = &c->a->units[i], *ub = &c->b->units[j];
	size_t la, lb;
	const char *ta = body_of(ua, &la), *tb = body_of(ub, &lb);
	int same_text = la == lb && !memcmp(ta, tb, la);
	int same_label = !strcmp(ua->label, ub->label);
	int change = same_text ? (same_label ? FG_CHANGE_SAME : FG_CHANGE_RENUMBERED) : FG_CHANGE_MODIFIED;
	add_row(c, (int)i, (int)j, change, sim);
	if (!same_text)
		diff_spans(ta, la, (size_t)(ta - ua->text), tb, lb, (size_t)(tb - ub->text), &c->rows[c->nrows - 1]);
}

/*
 * The monotone alignment of c's units: sim[i][j] the similarity of unit i
 * of a and unit j of b (0 across kinds), sc[i][j] the best total over
 * a[i..], b[j..]; then the rows along the best path.
 */
static void align(fg_comparison *c, const bigrams *ba, const bigrams *bb)
{
	size_t n = c->a->nunits, m = c->b->nunits;
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
			add_pair(c, i, j, SIM(i, j));
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
}

fg_status fg_compare(fg_searcher *s, const char *a, const char *b, fg_comparison **out, fg_err *err)
{
	*out = NULL;
	fg_comparison *c = fg_xcalloc(1, sizeof *c);
	fg_status st = fg_docview_load(s, a, &c->a, err);
	if (st == FG_OK)
		st = fg_docview_load(s, b, &c->b, err);
	if (st != FG_OK) {
		fg_comparison_free(c);
		return st;
	}
	bigrams *ba = units_bigrams(c->a), *bb = units_bigrams(c->b);
	align(c, ba, bb);
	free_bigrams(ba, c->a->nunits);
	free_bigrams(bb, c->b->nunits);
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
		const fg_article *ua = r->a >= 0 ? &c->a->units[r->a] : NULL,
				 *ub = r->b >= 0 ? &c->b->units[r->b] : NULL;
		json_object *x = json_object_new_object();
		fg_json_put(x, "a_label", ua ? ua->label : "");
		fg_json_put(x, "a_text", ua ? ua->text : "");
		fg_json_put(x, "b_label", ub ? ub->label : "");
		fg_json_put(x, "b_text", ub ? ub->text : "");
		fg_json_put(x, "change", fg_change_name(r->change));
		json_object_object_add(x, "a_index", json_object_new_int(r->a));
		json_object_object_add(x, "b_index", json_object_new_int(r->b));
		json_object_object_add(x, "similarity",
				       json_object_new_double(((long)(r->similarity * 10000)) / 10000.0));
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
	char *s =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
