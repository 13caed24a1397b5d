/*
 * compare.c - the article-level comparison of two versions (新旧对照, see
 * versions.h): units aligned by the bigram similarity of their texts (a
 * monotone alignment, since articles get renumbered), the changed spans of
 * each modified pair as words and phrases (compare_diff.c), what may be
 * wrong with the pair (one document twice, two rules, the newer version
 * given as the old one), and the comparison as JSON, whole or only the
 * articles whose text changed.
 */
#include "versions_int.h"
#include "json.h"

#include "doc.h"
#include "text.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN_MIN 0.3          /* least similarity for two articles to be the same article */

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

void fg_comparison_free(fg_comparison *c)
{
	if (!c)
		return;
	fg_docview_free(c->a);
	fg_docview_free(c->b);
	fg_versions_free(c->versions, c->nversions);
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
		fg_diff_spans(ta, la, (size_t)(ta - ua->text), tb, lb, (size_t)(tb - ub->text), &c->rows[c->nrows - 1]);
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

/* The date a version is ordered by: its effective date, else its publication date ("" when neither). */
static const char *version_date(const fg_meta *m)
{
	return m->effective && *m->effective ? m->effective : m->published ? m->published : "";
}

static char *rule_of(const fg_meta *m)
{
	return fg_rule_name(m->name && *m->name ? m->name : m->title ? m->title : "");
}

/*
 * c->warnings: one document twice; b not a version of a's rule (same rule
 * name, else not in the versions of a, which stay in c->versions); a newer
 * than b.
 */
static fg_status check_pair(fg_searcher *s, fg_comparison *c, fg_err *err)
{
	const fg_meta *a = &c->a->meta, *b = &c->b->meta;
	if (!strcmp(a->id, b->id)) {
		c->warnings |= FG_CMP_SAME_DOC;
		return FG_OK;
	}
	char *ra = rule_of(a), *rb = rule_of(b);
	int same_rule = *ra && !strcmp(ra, rb);
	free(ra);
	free(rb);
	if (!same_rule) {
		fg_status st = fg_compare_versions(s, c, err);
		if (st != FG_OK)
			return st;
		for (size_t i = 0; i < c->nversions && !same_rule; i++)
			same_rule = !strcmp(c->versions[i].id, b->id);
		if (!same_rule) {
			c->warnings |= FG_CMP_OTHER_RULE;
			return FG_OK;
		}
	}
	const char *da = version_date(a), *db = version_date(b);
	if (*da && *db && strcmp(da, db) > 0)
		c->warnings |= FG_CMP_REVERSED;
	return FG_OK;
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
	st = check_pair(s, c, err);
	if (st != FG_OK) {
		fg_comparison_free(c);
		return st;
	}
	*out = c;
	return FG_OK;
}

fg_status fg_compare_versions(fg_searcher *s, fg_comparison *c, fg_err *err)
{
	if (c->versions)
		return FG_OK;
	return fg_versions_list(s, c->a->meta.id, &c->versions, &c->nversions, err);
}

int fg_cmp_row_changed(const fg_cmp_row *r)
{
	return r->change == FG_CHANGE_MODIFIED || r->change == FG_CHANGE_ADDED || r->change == FG_CHANGE_DELETED;
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

static json_object *row_json(const fg_comparison *c, const fg_cmp_row *r)
{
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
	return x;
}

static json_object *warnings_json(const fg_comparison *c)
{
	json_object *w = json_object_new_array();
	for (int bit = FG_CMP_SAME_DOC; bit <= FG_CMP_REVERSED; bit <<= 1) {
		if (!(c->warnings & bit))
			continue;
		json_object *x = json_object_new_object();
		fg_json_put(x, "code", fg_cmp_warning_code(bit));
		char *msg = fg_cmp_warning_text(c, bit);
		fg_json_put(x, "message", msg);
		free(msg);
		json_object_array_add(w, x);
	}
	return w;
}

static json_object *versions_json(const fg_version *v, size_t n)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_new_object();
		fg_json_put(x, "id", v[i].id);
		fg_json_put(x, "title", v[i].title);
		fg_json_put(x, "published", v[i].published);
		fg_json_put(x, "effective", v[i].effective);
		fg_json_put(x, "status", v[i].status);
		json_object_array_add(a, x);
	}
	return a;
}

char *fg_comparison_json_view(const fg_comparison *c, int changes_only)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "a", side_json(c->a));
	json_object_object_add(o, "b", side_json(c->b));
	json_object *rows = json_object_new_array();
	int count[FG_CHANGE_RENUMBERED + 1] = {0}, omitted = 0;
	for (size_t i = 0; i < c->nrows; i++) {
		const fg_cmp_row *r = &c->rows[i];
		count[r->change]++;
		if (changes_only && !fg_cmp_row_changed(r))
			omitted++;
		else
			json_object_array_add(rows, row_json(c, r));
	}
	json_object_object_add(o, "rows", rows);
	json_object *sum = json_object_new_object();
	for (int k = 0; k <= FG_CHANGE_RENUMBERED; k++)
		json_object_object_add(sum, fg_change_name(k), json_object_new_int(count[k]));
	json_object_object_add(o, "summary", sum);
	json_object_object_add(o, "warnings", warnings_json(c));
	fg_json_put(o, "view", changes_only ? "changes" : "all");
	if (changes_only)
		json_object_object_add(o, "omitted", json_object_new_int(omitted));
	if (c->versions)
		json_object_object_add(o, "versions", versions_json(c->versions, c->nversions));
	char *s =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

char *fg_comparison_json(const fg_comparison *c)
{
	return fg_comparison_json_view(c, 0);
}

const char *fg_cmp_warning_code(int warning)
{
	switch (warning) {
	case FG_CMP_SAME_DOC: return "same_document";
	case FG_CMP_OTHER_RULE: return "different_rules";
	case FG_CMP_REVERSED: return "reversed";
	default: return "unknown";
	}
}

char *fg_cmp_warning_text(const fg_comparison *c, int warning)
{
	const fg_meta *a = &c->a->meta, *b = &c->b->meta;
	fg_buf m = {0};
	switch (warning) {
	case FG_CMP_SAME_DOC:
		fg_buf_printf(&m, "旧版本和新版本是同一个文件（%s），没有可对照的变化。请选择同一法规的另一个版本。", a->id);
		break;
	case FG_CMP_OTHER_RULE:
		fg_buf_printf(&m,
			      "《%s》和《%s》不是同一法规的两个版本，逐条对照只会把条文全部列为新增和删除，"
			      "结果没有参考意义。请选择同一法规的两个版本。",
			      a->title ? a->title : a->id, b->title ? b->title : b->id);
		break;
	case FG_CMP_REVERSED:
		fg_buf_printf(&m,
			      "旧版本的日期（%s）比新版本（%s）晚，两边可能放反了：“新增”和“删除”也随之颠倒。"
			      "请把较早的版本作为旧版本，交换两边后再对照。",
			      version_date(a), version_date(b));
		break;
	default:
		break;
	}
	return m.data ? fg_buf_detach(&m) : fg_xstrdup("");
}
