/*
 * impact.c - the impact of an amended superior law (影响分析, impact.h): the
 * pair of versions checked (one rule, old before new), their 新旧对照
 * alignment made once, the units citing the old version (the comparison's
 * old side carries them: fg_docview_load resolves what cites a document)
 * narrowed to rules in force and to citations of an article whose row
 * changed, and the result as JSON or a TSV/CSV table.
 */
#include "impact.h"
#include "cite.h"
#include "json.h"

#include "doc.h"
#include "text.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fg_impact_change(const fg_comparison *c, const fg_cmp_row *r)
{
	if (r->a < 0)
		return FG_CHANGE_ADDED;
	if (r->b < 0)
		return FG_CHANGE_DELETED;
	if (strcmp(c->a->units[r->a].label, c->b->units[r->b].label) != 0)
		return FG_CHANGE_RENUMBERED;
	return r->change == FG_CHANGE_MODIFIED ? FG_CHANGE_MODIFIED : FG_CHANGE_SAME;
}

const char *fg_impact_change_zh(int change)
{
	switch (change) {
	case FG_CHANGE_MODIFIED: return "修改";
	case FG_CHANGE_RENUMBERED: return "重新编号";
	case FG_CHANGE_DELETED: return "删除";
	case FG_CHANGE_ADDED: return "新增";
	default: return "未改";
	}
}

/* ---- the pair of versions ---- */

/* fg_err_set, then the message cut back to whole characters (titles may not fit in it). */
static fg_status fail(fg_err *err, fg_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static fg_status fail(fg_err *err, fg_status code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	err->code = code;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	size_t bad = 0;
	if (!fg_utf8_valid(err->msg, strlen(err->msg), &bad))
		err->msg[bad] = '\0';
	return code;
}

/* The versions of id's rule, or FG_E_NOTFOUND with a Chinese message. */
static fg_status versions_of(fg_searcher *s, const char *id, fg_version **v, size_t *n, fg_err *err)
{
	fg_status st = fg_versions_list(s, id, v, n, err);
	if (st == FG_E_NOTFOUND)
		return fail(err, FG_E_NOTFOUND, "找不到文件：%s", id);
	return st;
}

static long position(const fg_version *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, id))
			return (long)i;
	return -1;
}

fg_status fg_impact_previous(fg_searcher *s, const char *id, char **out, fg_err *err)
{
	*out = NULL;
	fg_version *v = NULL;
	size_t n = 0;
	fg_status st = versions_of(s, id, &v, &n, err);
	if (st != FG_OK)
		return st;
	long k = position(v, n, id);
	if (k > 0)
		*out = fg_xstrdup(v[k - 1].id);
	else
		st = fail(err, FG_E_INVAL, "《%s》（%s）没有更早的版本，无法分析修改的影响", k == 0 ? v[0].title : "",
				id);
	fg_versions_free(v, n);
	return st;
}

/*
 * Old and new must be two versions of one rule, old the earlier: the
 * versions of the rule into *vout (*nout), old's place into *pos.
 */
static fg_status check_pair(fg_searcher *s, const char *old_id, const char *new_id, fg_version **vout, size_t *nout,
			    long *pos, fg_err *err)
{
	fg_version *v = NULL, *w = NULL;
	size_t n = 0, nw = 0;
	fg_status st = versions_of(s, old_id, &v, &n, err);
	if (st == FG_OK)
		st = versions_of(s, new_id, &w, &nw, err);
	if (st != FG_OK)
		goto done;
	long a = position(v, n, old_id), b = position(v, n, new_id);
	const fg_version *o = &v[a], *nv = &w[position(w, nw, new_id)];
	if (a == b)
		st = fail(err, FG_E_INVAL, "旧版本和新版本是同一文件（%s），请选择同一法规的两个版本", old_id);
	else if (b < 0)
		st = fail(err, FG_E_INVAL, "《%s》（%s）与《%s》（%s）不是同一法规的不同版本，无法分析修改的影响",
				o->title, o->id, nv->title, nv->id);
	else if (b < a)
		st = fail(err, FG_E_INVAL, "版本顺序颠倒：旧版本（%s，%s 施行）晚于新版本（%s，%s 施行），请交换 old 和 new",
				o->id, *o->effective ? o->effective : "日期不详", nv->id,
				*nv->effective ? nv->effective : "日期不详");
done:
	fg_versions_free(w, nw);
	if (st != FG_OK) {
		fg_versions_free(v, n);
		return st;
	}
	*vout = v;
	*nout = n;
	*pos = a;
	return FG_OK;
}

/* ---- the affected articles ---- */

/* The comparison's row of the old version's article num (之sub), or NULL. */
static const fg_cmp_row *article_row(const fg_comparison *c, long num, long sub)
{
	for (size_t i = 0; i < c->nrows; i++) {
		const fg_cmp_row *r = &c->rows[i];
		if (r->a >= 0 && c->a->units[r->a].kind == FG_UNIT_ARTICLE && c->a->units[r->a].num == num &&
		    c->a->units[r->a].sub == sub)
			return r;
	}
	return NULL;
}

/* A unit citing the rule, as found. */
struct cand {
	const fg_citedby *cb;
	int earlier; /* the citing rule is older than the old version (cited_by of a later one) */
	size_t seq;  /* order found: the sort is stable */
};

struct cands {
	struct cand *v;
	size_t n;
	fg_citedby **lists; /* what cites each later version (fg_cite_cited_by), freed by cands_free */
	size_t *nlists;
	size_t nl;
};

static void cands_free(struct cands *c)
{
	for (size_t i = 0; i < c->nl; i++)
		fg_citedby_free(c->lists[i], c->nlists[i]);
	free(c->lists);
	free(c->nlists);
	free(c->v);
}

/* Add units v[0..n): all, or with before set, those of rules published before that date. */
static void add_cands(struct cands *c, const fg_citedby *v, size_t n, const fg_titlemap *m, const char *before)
{
	for (size_t i = 0; i < n; i++) {
		if (before) {
			const fg_titledoc *d = fg_titlemap_get(m, v[i].id);
			if (!d || !fg_date_valid(d->published) || strcmp(d->published, before) >= 0)
				continue;
		}
		c->v = fg_xrealloc(c->v, (c->n + 1) * sizeof *c->v);
		c->v[c->n] = (struct cand){&v[i], before != NULL, c->n};
		c->n++;
	}
}

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	int c = strcmp(a->cb->id, b->cb->id);
	if (c)
		return c;
	if (a->cb->article_index != b->cb->article_index)
		return a->cb->article_index < b->cb->article_index ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/*
 * The units citing the old version: what cites it (the comparison's old
 * side), and, when the index has no version before it, the rules older than
 * it whose citations the title map gives to a later version (a citation is
 * resolved to the newest version on or before the citing rule's date, else
 * to the newest): they cite a text older than the old version, read against it.
 */
static void gather(fg_searcher *s, const fg_impact *im, const fg_titlemap *m, const fg_version *v, size_t n, long pos,
		   struct cands *c)
{
	const fg_docview *old = im->cmp->a;
	add_cands(c, old->cited_by, old->ncited_by, m, NULL);
	const char *before = old->meta.published;
	for (size_t k = (size_t)pos + 1; pos == 0 && before && fg_date_valid(before) && k < n; k++) {
		fg_citedby *l = NULL;
		size_t nl = 0;
		if (fg_cite_cited_by(s, v[k].id, &l, &nl, NULL) != FG_OK)
			continue;
		c->lists = fg_xrealloc(c->lists, (c->nl + 1) * sizeof *c->lists);
		c->nlists = fg_xrealloc(c->nlists, (c->nl + 1) * sizeof *c->nlists);
		c->lists[c->nl] = l;
		c->nlists[c->nl++] = nl;
		add_cands(c, l, nl, m, before);
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, cmp_cand);
}

/* Whether a hit of the same unit already names row r (the same article cited twice). */
static int seen(const fg_impact *im, const fg_citedby *cb, const fg_cmp_row *r)
{
	for (size_t k = im->nhits; k-- > 0;) {
		const fg_impact_hit *h = &im->hits[k];
		if (strcmp(h->id, cb->id) != 0 || h->article_index != cb->article_index)
			return 0;
		if (h->row == r)
			return 1;
	}
	return 0;
}

static void push_hit(fg_impact *im, const fg_titledoc *d, const struct cand *cd, int change, const fg_cmp_row *r)
{
	const fg_citedby *cb = cd->cb;
	const fg_impact_hit *prev = im->nhits ? &im->hits[im->nhits - 1] : NULL;
	if (!prev || strcmp(prev->id, cb->id) != 0)
		im->rules++;
	if (!prev || strcmp(prev->id, cb->id) != 0 || prev->article_index != cb->article_index)
		im->units++;
	im->earlier += cd->earlier;
	im->hits = fg_xrealloc(im->hits, (im->nhits + 1) * sizeof *im->hits);
	fg_impact_hit *h = &im->hits[im->nhits++];
	h->id = fg_xstrdup(d->id);
	h->title = fg_xstrdup(d->title);
	h->level = fg_xstrdup(d->level);
	h->status = fg_xstrdup(d->status);
	h->region = fg_xstrdup(d->region);
	h->article = fg_xstrdup(cb->article);
	h->article_index = cb->article_index;
	h->cited = fg_xstrdup(cb->text);
	h->change = change;
	h->row = r;
	h->earlier = cd->earlier;
}

/* The candidates of rules in force (other than the new version) whose cited article changed. */
static void collect(fg_impact *im, const fg_titlemap *m, const struct cands *c)
{
	const char *new_id = im->cmp->b->meta.id ? im->cmp->b->meta.id : "";
	for (size_t i = 0; i < c->n; i++) {
		const fg_citedby *cb = c->v[i].cb;
		const fg_titledoc *d = fg_titlemap_get(m, cb->id);
		if (!d || strcmp(d->status, FG_STATUS_IN_FORCE) != 0 || !strcmp(d->id, new_id))
			continue;
		fg_cite *ct = NULL;
		size_t nc = fg_cite_extract(cb->text, strlen(cb->text), &ct); /* the span is 《X》第N条 */
		const fg_cmp_row *r = nc && ct[0].num > 0 ? article_row(im->cmp, ct[0].num, ct[0].sub) : NULL;
		int change = r ? fg_impact_change(im->cmp, r) : FG_CHANGE_SAME;
		if ((change == FG_CHANGE_MODIFIED || change == FG_CHANGE_RENUMBERED || change == FG_CHANGE_DELETED) &&
		    !seen(im, cb, r))
			push_hit(im, d, &c->v[i], change, r);
		fg_cite_free(ct, nc);
	}
}

static void count_rows(fg_impact *im)
{
	for (size_t i = 0; i < im->cmp->nrows; i++) {
		switch (fg_impact_change(im->cmp, &im->cmp->rows[i])) {
		case FG_CHANGE_MODIFIED: im->modified++; break;
		case FG_CHANGE_RENUMBERED: im->renumbered++; break;
		case FG_CHANGE_DELETED: im->deleted++; break;
		case FG_CHANGE_ADDED: im->added++; break;
		default: break;
		}
	}
}

fg_status fg_impact_run(fg_searcher *s, const char *old_id, const char *new_id, fg_impact **out, fg_err *err)
{
	*out = NULL;
	const fg_titlemap *m = NULL;
	fg_version *v = NULL;
	size_t n = 0;
	long pos = 0;
	fg_status st = check_pair(s, old_id, new_id, &v, &n, &pos, err);
	if (st == FG_OK)
		st = fg_searcher_titles(s, &m, err);
	fg_impact *im = st == FG_OK ? fg_xcalloc(1, sizeof *im) : NULL;
	if (st == FG_OK && (st = fg_compare(s, old_id, new_id, &im->cmp, err)) == FG_E_NOTFOUND)
		fail(err, st, "找不到文件：%s 或 %s", old_id, new_id);
	if (st == FG_OK) {
		struct cands c = {0};
		count_rows(im);
		gather(s, im, m, v, n, pos, &c);
		collect(im, m, &c);
		cands_free(&c);
	}
	fg_versions_free(v, n);
	if (st != FG_OK) {
		fg_impact_free(im);
		return st;
	}
	*out = im;
	return FG_OK;
}

void fg_impact_free(fg_impact *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->nhits; i++) {
		fg_impact_hit *h = &im->hits[i];
		free(h->id);
		free(h->title);
		free(h->level);
		free(h->status);
		free(h->region);
		free(h->article);
		free(h->cited);
	}
	free(im->hits);
	fg_comparison_free(im->cmp);
	free(im);
}

/* ---- output ---- */

static json_object *side_json(const fg_docview *v)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "id", v->meta.id);
	fg_json_put(o, "title", v->meta.title);
	fg_json_put(o, "published", v->meta.published);
	fg_json_put(o, "effective", v->meta.effective);
	fg_json_put(o, "status", v->meta.status);
	return o;
}

static json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *hit_json(const fg_comparison *c, const fg_impact_hit *h)
{
	const fg_article *a = &c->a->units[h->row->a], *b = h->row->b >= 0 ? &c->b->units[h->row->b] : NULL;
	json_object *o = json_object_new_object();
	fg_json_put(o, "id", h->id);
	fg_json_put(o, "title", h->title);
	fg_json_put(o, "level", h->level);
	fg_json_put(o, "status", h->status);
	fg_json_put(o, "region", h->region);
	fg_json_put(o, "article", h->article);
	json_object_object_add(o, "article_index", json_object_new_int(h->article_index));
	fg_json_put(o, "cited", h->cited);
	json_object_object_add(o, "cites_earlier_version", json_object_new_boolean(h->earlier));
	fg_json_put(o, "change", fg_change_name(h->change));
	fg_json_put(o, "old_article", a->label);
	json_object_object_add(o, "new_article", str_or_null(b ? b->label : NULL));
	json_object_object_add(o, "new_article_index", b ? json_object_new_int(h->row->b) : NULL);
	fg_json_put(o, "old_text", a->text);
	json_object_object_add(o, "new_text", str_or_null(b ? b->text : NULL));
	return o;
}

char *fg_impact_json(const fg_impact *im)
{
	json_object *o = json_object_new_object(), *ch = json_object_new_object(), *arr = json_object_new_array();
	json_object_object_add(o, "old", side_json(im->cmp->a));
	json_object_object_add(o, "new", side_json(im->cmp->b));
	json_object_object_add(ch, "modified", json_object_new_int64((int64_t)im->modified));
	json_object_object_add(ch, "renumbered", json_object_new_int64((int64_t)im->renumbered));
	json_object_object_add(ch, "deleted", json_object_new_int64((int64_t)im->deleted));
	json_object_object_add(ch, "added", json_object_new_int64((int64_t)im->added));
	json_object_object_add(o, "changes", ch);
	json_object_object_add(o, "affected_units", json_object_new_int64((int64_t)im->units));
	json_object_object_add(o, "affected_rules", json_object_new_int64((int64_t)im->rules));
	json_object_object_add(o, "earlier_citations", json_object_new_int64((int64_t)im->earlier));
	for (size_t i = 0; i < im->nhits; i++)
		json_object_array_add(arr, hit_json(im->cmp, &im->hits[i]));
	json_object_object_add(o, "affected", arr);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

char *fg_impact_table(const fg_impact *im, int csv)
{
	static const char *const cols[] = {"id",	   "title",	  "level",	 "status", "region",
					   "article",	   "article_index", "cited",	 "change", "old_article",
					   "new_article", "old_text",	  "new_text",	 "cites_earlier_version"};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	fg_buf b = {0};
	if (csv)
		fg_buf_puts(&b, "\xef\xbb\xbf");
	for (int k = 0; k < NCOLS; k++)
		fg_buf_put_field(&b, cols[k], csv, k == NCOLS - 1);
	for (size_t i = 0; i < im->nhits; i++) {
		const fg_impact_hit *h = &im->hits[i];
		const fg_article *a = &im->cmp->a->units[h->row->a];
		const fg_article *nb = h->row->b >= 0 ? &im->cmp->b->units[h->row->b] : NULL;
		char idx[16];
		snprintf(idx, sizeof idx, "%d", h->article_index);
		const char *vals[NCOLS] = {h->id,	  h->title,	    h->level,	 h->status,
					   h->region,	  h->article,	    idx,	 h->cited,
					   fg_change_name(h->change), a->label, nb ? nb->label : "", a->text,
					   nb ? nb->text : "", h->earlier ? "1" : "0"};
		for (int k = 0; k < NCOLS; k++)
			fg_buf_put_field(&b, vals[k], csv, k == NCOLS - 1);
	}
	return fg_buf_detach(&b);
}
