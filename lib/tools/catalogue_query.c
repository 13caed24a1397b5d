/*
 * catalogue_query.c - the catalogue as a list to filter, sort and page
 * (catalogue_list.h): one row per document, read from the records by
 * fg_catalogue_each (so with the status of today, after every status event)
 * plus its number of article units (the D<id> postings that are XKa ones).
 * Reading every record is most of the cost (≈1.3 s for 3,400 documents of
 * the real corpus: Xapian hands back each record's whole text), so the rows
 * are kept once per process for one database revision and one day, like the
 * search columns (searcher.c): an event or an update is a new revision, the
 * next day may change statuses, and either reads the records again.
 */
#include "catalogue_list.h"
#include "calendar.h"
#include "searcher.h"
#include "terms.h"
#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the rows of one revision ---- */

struct row {
	fg_catalogue_doc d;
	char *key;            /* the title for q and for sorting (title_key) */
	int level_rank;       /* fg_level_rank */
};

struct snap {
	struct row *rows;
	size_t n, cap;
	unsigned refs;        /* holders: the cache and each query using it (under snap_lock) */
	char key[200];        /* fg_xdb_identity "|" today; "" when not cached */
};

static pthread_mutex_t snap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snap *cached; /* the last snapshot of a single local database */

/* The title as q matches it: normalized (fg_normalize), without 中华人民共和国 and spaces. Caller frees. */
static char *title_key(const char *s)
{
	char *norm = NULL;
	size_t n = 0;
	if (fg_normalize(s ? s : "", s ? strlen(s) : 0, &norm, &n, NULL, NULL) != FG_OK)
		return fg_xstrdup("");
	static const char prc[] = "中华人民共和国";
	fg_buf b = {0};
	for (size_t i = 0; i < n;) {
		if (!strncmp(norm + i, prc, sizeof prc - 1)) {
			i += sizeof prc - 1;
		} else if (norm[i] == ' ' || norm[i] == '\t' || norm[i] == '\n' || norm[i] == '\r') {
			i++;
		} else {
			fg_buf_putc(&b, norm[i]);
			i++;
		}
	}
	free(norm);
	return fg_buf_detach(&b);
}

static char *dup_or_empty(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

static int add_row(void *ctx, const fg_meta *m, const char *path)
{
	(void)path;
	struct snap *sn = ctx;
	if (!m->id || !*m->id)
		return 0; /* a record that did not decode */
	if (sn->n == sn->cap) {
		sn->cap = sn->cap ? 2 * sn->cap : 256;
		sn->rows = fg_xrealloc(sn->rows, sn->cap * sizeof *sn->rows);
	}
	struct row *r = &sn->rows[sn->n++];
	memset(r, 0, sizeof *r);
	r->d.id = dup_or_empty(m->id);
	r->d.title = dup_or_empty(m->title);
	r->d.number = dup_or_empty(m->number);
	r->d.authority = dup_or_empty(m->authority);
	r->d.level = dup_or_empty(m->level);
	r->d.status = dup_or_empty(m->status);
	r->d.region = dup_or_empty(m->region);
	r->d.published = dup_or_empty(m->published);
	r->d.effective = dup_or_empty(m->effective);
	r->d.expires = dup_or_empty(m->expires);
	r->key = title_key(m->title);
	r->level_rank = fg_level_rank(m->level);
	return 0;
}

static void doc_fin(fg_catalogue_doc *d)
{
	free(d->id);
	free(d->title);
	free(d->number);
	free(d->authority);
	free(d->level);
	free(d->status);
	free(d->region);
	free(d->published);
	free(d->effective);
	free(d->expires);
}

static void snap_free(struct snap *sn)
{
	if (!sn)
		return;
	for (size_t i = 0; i < sn->n; i++) {
		doc_fin(&sn->rows[i].d);
		free(sn->rows[i].key);
	}
	free(sn->rows);
	free(sn);
}

/* Counting the article units of one document: its D<id> postings found among the XKa ones. */
struct artcount {
	const fg_xdocids *articles; /* sorted (docid order) */
	unsigned n;
};

static int cmp_docid(const void *a, const void *b)
{
	fg_docid x = *(const fg_docid *)a, y = *(const fg_docid *)b;
	return x < y ? -1 : x > y;
}

static int count_article(void *ctx, fg_docid did, unsigned wdf)
{
	(void)wdf;
	struct artcount *c = ctx;
	if (bsearch(&did, c->articles->v, c->articles->n, sizeof did, cmp_docid))
		c->n++;
	return 0;
}

static fg_status count_articles(fg_xdb *db, struct snap *sn, fg_err *err)
{
	fg_xdocids arts = {0};
	fg_status st = fg_xdb_postings(db, FG_TERM_ARTICLES, strlen(FG_TERM_ARTICLES), fg_xdocids_collect, &arts, err);
	fg_buf t = {0};
	for (size_t i = 0; st == FG_OK && i < sn->n; i++) {
		struct artcount c = {&arts, 0};
		fg_term_doc(&t, sn->rows[i].d.id);
		st = fg_xdb_postings(db, t.data, t.len, count_article, &c, err);
		sn->rows[i].d.articles = c.n;
	}
	fg_buf_free(&t);
	free(arts.v);
	return st;
}

static fg_status snap_build(fg_searcher *s, struct snap **out, fg_err *err)
{
	struct snap *sn = fg_xcalloc(1, sizeof *sn);
	fg_status st = fg_catalogue_each(s, add_row, sn, err);
	if (st == FG_OK)
		st = count_articles(fg_searcher_db(s), sn, err);
	if (st != FG_OK) {
		snap_free(sn);
		return st;
	}
	*out = sn;
	return FG_OK;
}

static void snap_put(struct snap *sn)
{
	pthread_mutex_lock(&snap_lock);
	int last = --sn->refs == 0;
	pthread_mutex_unlock(&snap_lock);
	if (last)
		snap_free(sn);
}

/* The rows of the database s searches now: the cached ones when they are of this revision and day. */
static fg_status snap_get(fg_searcher *s, struct snap **out, fg_err *err)
{
	char ident[160], today[11], key[sizeof cached->key] = "";
	fg_today(today);
	if (fg_xdb_identity(fg_searcher_db(s), ident, sizeof ident) == 0)
		snprintf(key, sizeof key, "%s|%s", ident, today);
	if (*key) {
		pthread_mutex_lock(&snap_lock);
		struct snap *c = cached && !strcmp(cached->key, key) ? cached : NULL;
		if (c)
			c->refs++;
		pthread_mutex_unlock(&snap_lock);
		if (c) {
			*out = c;
			return FG_OK;
		}
	}
	struct snap *sn = NULL;
	fg_status st = snap_build(s, &sn, err);
	if (st != FG_OK)
		return st;
	sn->refs = 1;
	if (*key) {
		snprintf(sn->key, sizeof sn->key, "%s", key);
		pthread_mutex_lock(&snap_lock);
		struct snap *old = cached;
		cached = sn;
		sn->refs++;
		int drop = old && --old->refs == 0;
		pthread_mutex_unlock(&snap_lock);
		if (drop)
			snap_free(old);
	}
	*out = sn;
	return FG_OK;
}

/* ---- filters ---- */

struct list {
	char **v;
	size_t n;
};

struct filters {
	struct list level, status, region, authority;
	char *q;              /* title_key of q, NULL for none */
	const char *from, *to; /* NULL for none */
};

static void list_fin(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void filters_fin(struct filters *f)
{
	list_fin(&f->level);
	list_fin(&f->status);
	list_fin(&f->region);
	list_fin(&f->authority);
	free(f->q);
}

/* At most 60 bytes of s, cut at a character boundary, for messages. */
static int shown(const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/*
 * The values of s split at commas (ASCII or full-width), trimmed, empty ones
 * dropped; canon (may be NULL) maps each to its canonical spelling, and a
 * value it does not know is refused with what (效力级别, 时效性) and hint.
 */
static fg_status split_list(const char *s, const char *(*canon)(const char *), const char *what, const char *hint,
			    struct list *out, fg_err *err)
{
	memset(out, 0, sizeof *out);
	while (s && *s) {
		const char *comma = strchr(s, ','), *wide = strstr(s, "，");
		const char *end = comma && (!wide || comma < wide) ? comma : wide ? wide : s + strlen(s);
		const char *a = s, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		s = *end == ',' ? end + 1 : *end ? end + strlen("，") : end;
		if (a == b)
			continue;
		char *v = fg_xstrndup(a, (size_t)(b - a));
		const char *c = canon ? canon(v) : v;
		if (!c) {
			fg_status st = fg_err_set(err, FG_E_INVAL, "未知的%s“%.*s”（%s）", what, shown(v), v, hint);
			free(v);
			return st;
		}
		out->v = fg_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		out->v[out->n++] = c == v ? v : fg_xstrdup(c);
		if (c != v)
			free(v);
	}
	return FG_OK;
}

static fg_status check_date(const char *d, const char *name, const char *param, fg_err *err)
{
	if (!d || !*d || fg_date_valid(d))
		return FG_OK;
	return fg_err_set(err, FG_E_INVAL, "%s（%s）不是有效日期：“%.*s”，应为 YYYY-MM-DD，如 2020-01-31", name, param,
			  shown(d), d);
}

static fg_status filters_init(const fg_catalogue_req *req, struct filters *f, fg_err *err)
{
	memset(f, 0, sizeof *f);
	fg_status st = split_list(req->level, fg_level_canon, "效力级别", "可选：宪法、法律、行政法规、地方性法规、规范性文件等",
				  &f->level, err);
	if (st == FG_OK)
		st = split_list(req->status, fg_status_canon, "时效性", "可选：现行有效、尚未生效、已修改、已废止、失效",
				&f->status, err);
	if (st == FG_OK)
		st = split_list(req->region, NULL, "", "", &f->region, err);
	if (st == FG_OK)
		st = split_list(req->authority, NULL, "", "", &f->authority, err);
	if (st == FG_OK)
		st = check_date(req->from, "起始日期", "from", err);
	if (st == FG_OK)
		st = check_date(req->to, "截止日期", "to", err);
	f->from = req->from && *req->from ? req->from : NULL;
	f->to = req->to && *req->to ? req->to : NULL;
	if (st == FG_OK && f->from && f->to && strcmp(f->from, f->to) > 0)
		st = fg_err_set(err, FG_E_INVAL, "日期范围有误：起始日期（from）%s 晚于截止日期（to）%s", f->from, f->to);
	if (st == FG_OK && req->q && *req->q)
		f->q = title_key(req->q);
	if (st != FG_OK)
		filters_fin(f);
	return st;
}

static int in_list(const struct list *l, const char *v)
{
	if (!l->n)
		return 1;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], v))
			return 1;
	return 0;
}

int fg_catalogue_region_match(const char *region, const char *want)
{
	if (!region || !want || !*want)
		return 0;
	if (!strcmp(region, want))
		return 1;
	static const char *const suffixes[] = {"特别行政区", "自治区", "省", "市"};
	size_t n = strlen(want);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && !strcmp(want + n - k, suffixes[i]) && fg_utf8_count(want, n - k) >= 2) {
			n -= k;
			break;
		}
	}
	return memmem(region, strlen(region), want, n) != NULL;
}

static int row_matches(const struct row *r, const struct filters *f)
{
	if (f->q && !strstr(r->key, f->q))
		return 0;
	if (!in_list(&f->level, r->d.level) || !in_list(&f->status, r->d.status) ||
	    !in_list(&f->authority, r->d.authority))
		return 0;
	if (f->region.n) {
		size_t i = 0;
		while (i < f->region.n && !fg_catalogue_region_match(r->d.region, f->region.v[i]))
			i++;
		if (i == f->region.n)
			return 0;
	}
	if (f->from && (!*r->d.published || strcmp(r->d.published, f->from) < 0))
		return 0;
	if (f->to && (!*r->d.published || strcmp(r->d.published, f->to) > 0))
		return 0;
	return 1;
}

/* ---- sorting ---- */

struct order {
	int sort;
	int dir;              /* 1 ascending, -1 descending */
};

/* Published dates: undated last whatever the direction. */
static int cmp_published(const struct row *a, const struct row *b, int dir)
{
	int ea = !*a->d.published, eb = !*b->d.published;
	if (ea || eb)
		return ea - eb;
	return dir * strcmp(a->d.published, b->d.published);
}

static int cmp_rows(const void *x, const void *y, void *ctx)
{
	const struct row *a = *(const struct row *const *)x, *b = *(const struct row *const *)y;
	const struct order *o = ctx;
	int c = 0;
	switch (o->sort) {
	case FG_CATALOGUE_BY_TITLE:
		c = o->dir * strcmp(a->key, b->key);
		if (!c)
			c = cmp_published(a, b, -1);
		break;
	case FG_CATALOGUE_BY_LEVEL:
		/* unknown levels (rank 10) last whatever the direction */
		c = (a->level_rank == 10) - (b->level_rank == 10);
		if (!c)
			c = o->dir * (a->level_rank - b->level_rank);
		if (!c)
			c = cmp_published(a, b, -1);
		break;
	default:
		c = cmp_published(a, b, o->dir);
		break;
	}
	return c ? c : strcmp(a->d.id, b->d.id);
}

/* ---- facets ---- */

/* Count values into facet f (linear: a facet has few distinct values). */
static void facet_add(fg_facet *f, const char *v, size_t len)
{
	if (!len)
		return;
	for (size_t i = 0; i < f->n; i++)
		if (strlen(f->values[i].value) == len && !memcmp(f->values[i].value, v, len)) {
			f->values[i].count++;
			return;
		}
	f->values = fg_xrealloc(f->values, (f->n + 1) * sizeof *f->values);
	f->values[f->n].value = fg_xstrndup(v, len);
	f->values[f->n].count = 1;
	f->n++;
}

static int cmp_level_value(const void *x, const void *y)
{
	const fg_facet_value *a = x, *b = y;
	int c = fg_level_rank(a->value) - fg_level_rank(b->value);
	return c ? c : strcmp(a->value, b->value);
}

static int cmp_status_value(const void *x, const void *y)
{
	const fg_facet_value *a = x, *b = y;
	int c = fg_status_rank(a->value) - fg_status_rank(b->value);
	return c ? c : strcmp(a->value, b->value);
}

static int cmp_count_value(const void *x, const void *y)
{
	const fg_facet_value *a = x, *b = y;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->value, b->value);
}

static int cmp_value_desc(const void *x, const void *y)
{
	return strcmp(((const fg_facet_value *)y)->value, ((const fg_facet_value *)x)->value);
}

/* Sort a facet's values (an empty facet has no array: qsort may not be given NULL). */
static void sort_values(fg_facet *f, int (*cmp)(const void *, const void *))
{
	if (f->n > 1)
		qsort(f->values, f->n, sizeof *f->values, cmp);
}

/*
 * The facets of the matching rows: level, status and year count each
 * row's own value; a region counts every row under it
 * (fg_catalogue_region_match), so its count is what its filter gives.
 */
static void count_facets(fg_catalogue_page *p, const struct row *const *m, size_t n)
{
	for (int i = 0; i < FG_NFACETS; i++)
		p->facets[i].name = fg_facet_names[i];
	fg_facet regions = {0};
	for (size_t i = 0; i < n; i++) {
		const fg_catalogue_doc *d = &m[i]->d;
		facet_add(&p->facets[0], d->level, strlen(d->level));
		facet_add(&p->facets[1], d->status, strlen(d->status));
		facet_add(&regions, d->region, strlen(d->region));
		if (strlen(d->published) >= 4)
			facet_add(&p->facets[3], d->published, 4);
	}
	fg_facet *r = &p->facets[2];
	for (size_t k = 0; k < regions.n; k++) {
		unsigned c = 0;
		for (size_t i = 0; i < n; i++)
			c += (unsigned)fg_catalogue_region_match(m[i]->d.region, regions.values[k].value);
		facet_add(r, regions.values[k].value, strlen(regions.values[k].value));
		r->values[r->n - 1].count = c;
		free(regions.values[k].value);
	}
	free(regions.values);
	sort_values(&p->facets[0], cmp_level_value);
	sort_values(&p->facets[1], cmp_status_value);
	sort_values(r, cmp_count_value);
	sort_values(&p->facets[3], cmp_value_desc);
}

/* ---- the query ---- */

static void doc_copy(fg_catalogue_doc *to, const fg_catalogue_doc *from)
{
	to->id = fg_xstrdup(from->id);
	to->title = fg_xstrdup(from->title);
	to->number = fg_xstrdup(from->number);
	to->authority = fg_xstrdup(from->authority);
	to->level = fg_xstrdup(from->level);
	to->status = fg_xstrdup(from->status);
	to->region = fg_xstrdup(from->region);
	to->published = fg_xstrdup(from->published);
	to->effective = fg_xstrdup(from->effective);
	to->expires = fg_xstrdup(from->expires);
	to->articles = from->articles;
}

fg_status fg_catalogue_query(fg_searcher *s, const fg_catalogue_req *req, fg_catalogue_page **out, fg_err *err)
{
	*out = NULL;
	struct filters f;
	fg_status st = filters_init(req, &f, err);
	if (st != FG_OK)
		return st;
	struct snap *sn = NULL;
	st = snap_get(s, &sn, err);
	if (st != FG_OK) {
		filters_fin(&f);
		return st;
	}
	const struct row **m = fg_xcalloc(sn->n ? sn->n : 1, sizeof *m);
	size_t nm = 0;
	for (size_t i = 0; i < sn->n; i++)
		if (row_matches(&sn->rows[i], &f))
			m[nm++] = &sn->rows[i];
	struct order o = {req->sort, req->order ? req->order : req->sort == FG_CATALOGUE_BY_PUBLISHED ? -1 : 1};
	qsort_r(m, nm, sizeof *m, cmp_rows, &o);
	fg_catalogue_page *p = fg_xcalloc(1, sizeof *p);
	p->total = (unsigned)nm;
	count_facets(p, m, nm);
	size_t from = req->offset < nm ? req->offset : nm;
	size_t want = req->limit ? req->limit : nm;
	p->n = nm - from < want ? nm - from : want;
	p->docs = fg_xcalloc(p->n ? p->n : 1, sizeof *p->docs);
	for (size_t i = 0; i < p->n; i++)
		doc_copy(&p->docs[i], &m[from + i]->d);
	free(m);
	snap_put(sn);
	filters_fin(&f);
	*out = p;
	return FG_OK;
}

void fg_catalogue_page_free(fg_catalogue_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		doc_fin(&p->docs[i]);
	free(p->docs);
	for (int i = 0; i < FG_NFACETS; i++) {
		for (size_t k = 0; k < p->facets[i].n; k++)
			free(p->facets[i].values[k].value);
		free(p->facets[i].values);
	}
	free(p);
}
