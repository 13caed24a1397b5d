/*
 * titles.c - the title map (cite.h): every indexed document's id, title,
 * rule name, date, status, level, region and predecessor, read from the
 * records, with sorted keys to resolve a cited name (exact or a short
 * form) to the version in force at the citing rule's date.
 */
#include "calendar.h"
#include "cite.h"
#include "searcher.h"
#include "json.h"

#include "doc.h"
#include "index.h"
#include "record.h"
#include "terms.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_SHORT_CPS 4 /* a short form must have at least this many characters */


struct key {
	const char *k;        /* a name or a proper suffix of one (borrowed from the docs) */
	size_t doc;
};

struct fg_titlemap {
	unsigned refs;        /* fg_titlemap_ref / fg_titlemap_free (atomic) */
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

/* *status as of today (calendar.h), from d's effective, expires and valid_to values. */
static void status_today(fg_xdoc *d, char **status, const char *today)
{
	char *eff = value_date(d, FG_SLOT_EFFECTIVE), *exp = value_date(d, FG_SLOT_EXPIRES);
	size_t vl = 0;
	const char *v = fg_xdoc_get_value(d, FG_SLOT_VALID_TO, &vl);
	char vt[9];
	snprintf(vt, sizeof vt, "%.*s", (int)(vl < 8 ? vl : 8), v ? v : "");
	const char *st = fg_status_on(*status, eff, exp, vt, today);
	if (st != *status) {
		char *x = fg_xstrdup(st);
		free(*status);
		*status = x;
	}
	free(eff);
	free(exp);
}

fg_status fg_titlemap_build(fg_xdb *db, fg_titlemap **out, fg_err *err)
{
	char today[11];
	fg_today(today);
	*out = NULL;
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, FG_TERM_RECORDS, 3, fg_xdocids_collect, &ids, err);
	if (st != FG_OK) {
		free(ids.v);
		return st;
	}
	fg_titlemap *m = fg_xcalloc(1, sizeof *m);
	m->refs = 1;
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
			const char *data = fg_xdoc_get_data(d, &dl);
			fg_record rec;
			int ok = fg_record_decode(data, dl, &rec, NULL) == FG_OK;
			t->title = fg_xstrdup(ok && rec.meta.title ? rec.meta.title : "");
			t->supersedes = fg_xstrdup(ok && rec.meta.supersedes ? rec.meta.supersedes : "");
			if (ok)
				fg_record_fin(&rec);
		}
		t->id = value_str(d, FG_SLOT_ID);
		t->published = value_date(d, FG_SLOT_PUBLISHED);
		t->status = value_str(d, FG_SLOT_STATUS);
		status_today(d, &t->status, today);
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

fg_titlemap *fg_titlemap_ref(fg_titlemap *m)
{
	if (m)
		__atomic_add_fetch(&m->refs, 1, __ATOMIC_RELAXED);
	return m;
}

void fg_titlemap_free(fg_titlemap *m)
{
	if (!m || __atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL) > 0)
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
