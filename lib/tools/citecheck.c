/*
 * citecheck.c - the citation check (citecheck.h): each reference of a text
 * resolved to a rule through the title map (and the abbreviations and rule
 * terms of the article look-up), the version cited picked by date, its
 * article looked up in its units, the rule's status on the date, and, when a
 * later version is in force, where the article went by the alignment of
 * fg_compare; then the verdict and its note (the whole text and the JSON:
 * citecheck_text.c).
 */
#include "citecheck.h"
#include "versions.h"

#include "cite.h"
#include "doc.h"
#include "record.h"
#include "rules.h"
#include "searcher.h"
#include "stored.h"
#include "terms.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One document as the check reads it: its units by unit index and the dates of its record. */
struct docu {
	char *id;
	fg_unitrec *u;       /* units, sorted by index */
	size_t n;
	int articles;        /* units that are articles */
	char *effective;     /* "" when unknown */
	char valid_to[11];   /* first day no longer in force, "" while in force */
	char first[11];      /* the earliest date of its history (the rule's first adoption), "" when none */
};

/* A comparison of two versions, made once per session. */
struct cmp {
	char *a, *b;
	fg_comparison *c;    /* NULL when it failed */
};

struct fg_citecheck {
	fg_searcher *s;
	const fg_titlemap *m;
	struct docu **docs;  /* each allocated once: verdicts keep pointers into them while more are read */
	size_t ndocs;
	struct cmp *cmps;
	size_t ncmps;
};

static int is_gone(const char *status)
{
	return !strcmp(status, FG_STATUS_REPEALED) || !strcmp(status, FG_STATUS_INVALID);
}

static int given(const char *s)
{
	return s && *s;
}

/* ---- the session and what it caches ---- */

fg_status fg_citecheck_new(fg_searcher *s, fg_citecheck **out, fg_err *err)
{
	*out = NULL;
	const fg_titlemap *m = NULL;
	fg_status st = fg_searcher_titles(s, &m, err);
	if (st != FG_OK)
		return st;
	fg_citecheck *cc = fg_xcalloc(1, sizeof *cc);
	cc->s = s;
	cc->m = m;
	*out = cc;
	return FG_OK;
}

void fg_citecheck_free(fg_citecheck *cc)
{
	if (!cc)
		return;
	for (size_t i = 0; i < cc->ndocs; i++) {
		for (size_t k = 0; k < cc->docs[i]->n; k++)
			fg_unitrec_fin(&cc->docs[i]->u[k]);
		free(cc->docs[i]->u);
		free(cc->docs[i]->id);
		free(cc->docs[i]->effective);
		free(cc->docs[i]);
	}
	free(cc->docs);
	for (size_t i = 0; i < cc->ncmps; i++) {
		free(cc->cmps[i].a);
		free(cc->cmps[i].b);
		fg_comparison_free(cc->cmps[i].c);
	}
	free(cc->cmps);
	free(cc);
}

static int cmp_unitrec(const void *a, const void *b)
{
	const fg_unitrec *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

/* The record's dates into d (effective from its metadata, the end of its validity from its value). */
static void record_dates(fg_xdoc *x, const char *data, size_t dl, struct docu *d)
{
	fg_record rec;
	if (d->effective || fg_record_decode(data, dl, &rec, NULL) != FG_OK)
		return;
	d->effective = fg_xstrdup(rec.meta.effective && fg_date_valid(rec.meta.effective) ? rec.meta.effective : "");
	for (size_t k = 0; k < rec.nevents; k++)
		if (fg_date_valid(rec.events[k].date) && (!*d->first || strcmp(rec.events[k].date, d->first) < 0))
			snprintf(d->first, sizeof d->first, "%s", rec.events[k].date);
	fg_record_fin(&rec);
	size_t n;
	const char *v = fg_xdoc_get_value(x, FG_SLOT_VALID_TO, &n);
	if (n == 8)
		snprintf(d->valid_to, sizeof d->valid_to, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
}

/* Document id's units and record dates, read once per session. Errors: FG_E_XAPIAN. */
static fg_status docu_get(fg_citecheck *cc, const char *id, const struct docu **out, fg_err *err)
{
	for (size_t i = 0; i < cc->ndocs; i++)
		if (!strcmp(cc->docs[i]->id, id)) {
			*out = cc->docs[i];
			return FG_OK;
		}
	fg_xdb *db = fg_searcher_db(cc->s);
	fg_buf dt = {0};
	fg_term_doc(&dt, id);
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, dt.data, dt.len, fg_xdocids_collect, &ids, err);
	fg_buf_free(&dt);
	struct docu d = {fg_xstrdup(id), fg_xcalloc(ids.n ? ids.n : 1, sizeof *d.u), 0, 0, NULL, "", ""};
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		fg_xdoc *x = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &x, NULL) != FG_OK)
			continue;
		size_t dl;
		const char *data = fg_xdoc_get_data(x, &dl);
		if (fg_record_is(data, dl))
			record_dates(x, data, dl, &d);
		else if (fg_stored_unit(x, &d.u[d.n], NULL) == FG_OK)
			d.articles += d.u[d.n++].unit.kind == FG_UNIT_ARTICLE;
		fg_xdoc_free(x);
	}
	free(ids.v);
	qsort(d.u, d.n, sizeof *d.u, cmp_unitrec);
	if (!d.effective)
		d.effective = fg_xstrdup("");
	cc->docs = fg_xrealloc(cc->docs, (cc->ndocs + 1) * sizeof *cc->docs);
	cc->docs[cc->ndocs] = fg_xmalloc(sizeof d);
	*cc->docs[cc->ndocs] = d;
	*out = cc->docs[cc->ndocs++];
	return st;
}

/* Article num (之sub) of d, or NULL. */
static const fg_unitrec *docu_article(const struct docu *d, long num, long sub)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->u[i].unit.kind == FG_UNIT_ARTICLE && d->u[i].unit.num == num && d->u[i].unit.sub == sub)
			return &d->u[i];
	return NULL;
}

/* The comparison of versions a and b (fg_compare), made once per session; NULL when it failed. */
static const fg_comparison *comparison(fg_citecheck *cc, const char *a, const char *b)
{
	for (size_t i = 0; i < cc->ncmps; i++)
		if (!strcmp(cc->cmps[i].a, a) && !strcmp(cc->cmps[i].b, b))
			return cc->cmps[i].c;
	fg_comparison *c = NULL;
	if (fg_compare(cc->s, a, b, &c, NULL) != FG_OK)
		c = NULL;
	cc->cmps = fg_xrealloc(cc->cmps, (cc->ncmps + 1) * sizeof *cc->cmps);
	cc->cmps[cc->ncmps++] = (struct cmp){fg_xstrdup(a), fg_xstrdup(b), c};
	return c;
}

/* ---- which rule a name means ---- */

/* A record of the index carrying term (an XV or XW term), as the title map knows it; NULL when none. */
static const fg_titledoc *record_with(fg_citecheck *cc, const fg_buf *term)
{
	fg_xq *t = fg_xq_term(term->data, term->len, 1, 0);
	fg_xq *r = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_AND, t, r);
	fg_xq_free(t);
	fg_xq_free(r);
	fg_xenq *e = fg_xenq_new(fg_searcher_db(cc->s));
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *ms = NULL;
	const fg_titledoc *found = NULL;
	if (fg_xenq_get_mset(e, 0, 1, 1, &ms, NULL) == FG_OK && fg_xmset_size(ms) > 0) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(ms, 0, &d, NULL) == FG_OK) {
			size_t n;
			const char *v = fg_xdoc_get_value(d, FG_SLOT_ID, &n);
			char *id = fg_xstrndup(v, n);
			found = fg_titlemap_get(cc->m, id);
			free(id);
			fg_xdoc_free(d);
		}
	}
	fg_xmset_free(ms);
	fg_xenq_free(e);
	fg_xq_free(q);
	return found;
}

/*
 * The version a name as written (len bytes) means on date: its rule name in
 * the title map (exact, or a short form), else the name its abbreviation
 * stands for, else a rule term of the index (a catalogue name, a code's
 * part); NULL when none.
 */
static const fg_titledoc *resolve_name(fg_citecheck *cc, const char *written, size_t len, const char *date,
				       const char *region)
{
	char *w = fg_xstrndup(written, len);
	char *name = fg_rule_name(w);
	const fg_titledoc *d = *name ? fg_titlemap_resolve(cc->m, name, date, region) : NULL;
	const char *full = d ? NULL : fg_abbrevs_find(cc->s->abbrevs, w, len);
	if (full) {
		char *fn = fg_rule_name(full);
		d = fg_titlemap_resolve(cc->m, fn, date, region);
		free(fn);
	}
	fg_buf term = {0};
	if (!d && *name && fg_rule_term(fg_searcher_db(cc->s), cc->s->abbrevs, w, len, &term)) {
		d = record_with(cc, &term);
		if (d) /* the version of that rule on date */
			d = fg_titlemap_resolve(cc->m, d->name, date, region);
	}
	fg_buf_free(&term);
	free(name);
	free(w);
	return d;
}

/*
 * A bare name: the names from c->run_start on, longest first, down to two
 * characters (where the name starts only the index can tell: 当事人在民事诉讼法
 * → 民事诉讼法); the first that resolves sets *start. NULL (and *start =
 * c->start, the extractor's guess) when none.
 */
static const fg_titledoc *resolve_bare(fg_citecheck *cc, const char *text, size_t len, const fg_cite *c,
				       const char *date, const char *region, size_t *start)
{
	size_t name_end = c->start + strlen(c->title);
	*start = c->start;
	if (name_end > len || c->run_start > c->start)
		return NULL;
	for (size_t p = c->run_start; p < name_end && fg_utf8_count(text + p, name_end - p) >= 2;) {
		const fg_titledoc *d = resolve_name(cc, text + p, name_end - p, date, region);
		if (d) {
			*start = p;
			return d;
		}
		uint32_t cp;
		p += fg_utf8_decode(text + p, len - p, &cp);
	}
	return NULL;
}

/* The document holding the article: d, else a part of the same code (same name and date) that has it. */
static fg_status holder_of(fg_citecheck *cc, const fg_titledoc *d, long num, long sub, const fg_titledoc **out,
			   const struct docu **du, const fg_unitrec **art, fg_err *err)
{
	*out = d;
	*art = NULL;
	fg_status st = docu_get(cc, d->id, du, err);
	if (st != FG_OK || num <= 0 || (*art = docu_article(*du, num, sub)) != NULL)
		return st;
	for (size_t i = 0; i < fg_titlemap_count(cc->m); i++) {
		const fg_titledoc *t = fg_titlemap_at(cc->m, i);
		if (t == d || strcmp(t->name, d->name) || strcmp(t->published, d->published))
			continue;
		const struct docu *pu = NULL;
		st = docu_get(cc, t->id, &pu, err);
		if (st != FG_OK)
			return st;
		const fg_unitrec *a = docu_article(pu, num, sub);
		if (a) {
			*out = t;
			*du = pu;
			*art = a;
			return FG_OK;
		}
	}
	return FG_OK;
}

/* The version in force after d (the last of its later versions not pending), or d; *latest the newest. */
static const fg_titledoc *in_force_after(const fg_titlemap *m, const fg_titledoc *d, const fg_titledoc **latest)
{
	const fg_titledoc *cur = d, *best = d;
	for (int guard = 0; guard < 64; guard++) {
		const fg_titledoc *nx = fg_titlemap_successor(m, cur, NULL);
		if (!nx || nx == d)
			break;
		cur = nx;
		if (strcmp(nx->status, FG_STATUS_PENDING) != 0)
			best = nx;
	}
	*latest = cur;
	return best;
}

/*
 * The version of d's rule in force on date (now without one): d, or an
 * earlier version of the same name when d was not yet effective then (a
 * revision published before the date but in force after it).
 */
static fg_status effective_version(fg_citecheck *cc, const fg_titledoc *d, const char *date, const char *region,
				   const fg_titledoc **out, fg_err *err)
{
	*out = d;
	for (int guard = 0; guard < 8; guard++) {
		const struct docu *du = NULL;
		fg_status st = docu_get(cc, d->id, &du, err);
		if (st != FG_OK)
			return st;
		int later = given(date) ? *du->effective && strcmp(du->effective, date) > 0
					: !strcmp(d->status, FG_STATUS_PENDING);
		char before[11];
		if (!later || !fg_date_add(d->published, 0, -1, before))
			break;
		const fg_titledoc *p = fg_titlemap_resolve(cc->m, d->name, before, region);
		if (!p || p == d || strcmp(p->published, d->published) >= 0)
			break;
		*out = d = p;
	}
	return FG_OK;
}

/* ---- the verdict ---- */

/* What the verdict is decided from. */
struct facts {
	const fg_titledoc *d;       /* the version cited (or the part holding the article) */
	const struct docu *du;
	const fg_unitrec *art;      /* the cited article in d, NULL when none or missing */
	long maxnum;                /* the highest article number of d (and of the other parts of its code) */
	const fg_titledoc *cur;     /* the version in force after d, or d */
	const fg_titledoc *latest;  /* the newest version */
	const struct docu *lu;
	const char *date;
};

static void set_verdict(fg_citeverdict *v, const char *verdict, const char *note)
{
	v->verdict = verdict;
	free(v->note);
	v->note = fg_xstrdup(note);
}

static void set_detail(fg_citeverdict *v, fg_buf *b)
{
	free(v->detail);
	v->detail = fg_buf_detach(b);
}

static void put_str(char **field, const char *s)
{
	free(*field);
	*field = fg_xstrdup(s ? s : "");
}

/* The unit of a comparison side at the unit index of article num (之sub), or -1. */
static int side_article(const fg_docview *side, long num, long sub)
{
	for (size_t i = 0; i < side->nunits; i++)
		if (side->units[i].kind == FG_UNIT_ARTICLE && side->units[i].num == num && side->units[i].sub == sub)
			return (int)i;
	return -1;
}

/* Amended since the version cited: where the cited article went in the version in force. */
static void amended_article(fg_citecheck *cc, const struct facts *f, fg_citeverdict *v)
{
	const fg_comparison *cmp = comparison(cc, f->d->id, f->cur->id);
	int ai = cmp ? side_article(cmp->a, v->num, v->sub) : -1;
	const fg_cmp_row *row = NULL;
	for (size_t i = 0; cmp && ai >= 0 && i < cmp->nrows && !row; i++)
		if (cmp->rows[i].a == ai)
			row = &cmp->rows[i];
	fg_buf d = {0}, note = {0};
	fg_buf_printf(&d, "《%s》于 %s 修改，现行版本为《%s》（%s，%s 公布）", f->d->title, v->amended_on, f->cur->title,
		      f->cur->id, f->cur->published);
	if (!row) {
		set_verdict(v, "amended", "已修改，请核对现行版本");
	} else if (row->b < 0) {
		fg_buf_printf(&d, "：原%s已删除", f->art->unit.label);
		set_verdict(v, "deleted", "已修改，该条已删除");
	} else {
		const fg_article *b = &cmp->b->units[row->b];
		put_str(&v->current_article, b->label);
		put_str(&v->current_text, b->text);
		v->current_index = row->b;
		int moved = strcmp(b->label, f->art->unit.label) != 0, changed = row->change == FG_CHANGE_MODIFIED;
		if (moved)
			fg_buf_printf(&d, "：原%s现为%s%s", f->art->unit.label, b->label, changed ? "，条文内容有变化" : "，内容未变");
		else
			fg_buf_printf(&d, "：%s%s", b->label, changed ? "的内容有变化" : "未变");
		if (moved) {
			fg_buf_printf(&note, "已修改，现为%s%s", b->label, changed ? "，条文内容有变化" : "");
			set_verdict(v, "renumbered", note.data);
		} else if (changed) {
			set_verdict(v, "changed", "已修改，条文内容有变化");
		} else {
			set_verdict(v, "ok", "正确");
		}
	}
	set_detail(v, &d);
	fg_buf_free(&note);
}

/* A later version is in force: the article's fate, or the rule's new name. */
static void amended(fg_citecheck *cc, const struct facts *f, fg_citeverdict *v)
{
	const fg_titledoc *next = fg_titlemap_successor(cc->m, f->d, NULL);
	v->amended_after = 1;
	put_str(&v->amended_on, next ? next->published : f->cur->published);
	if (f->art) {
		amended_article(cc, f, v);
		return;
	}
	fg_buf d = {0}, note = {0};
	fg_buf_printf(&d, "《%s》于 %s 修改，现行版本为《%s》（%s，%s 公布）", f->d->title, v->amended_on, f->cur->title,
		      f->cur->id, f->cur->published);
	if (strcmp(f->cur->name, f->d->name) != 0) {
		fg_buf_printf(&note, "已修改，现名《%s》", f->cur->title);
		set_verdict(v, "renamed", note.data);
	} else {
		set_verdict(v, "ok", "正确");
	}
	set_detail(v, &d);
	fg_buf_free(&note);
}

/* The rule's status on the date (now without one) into v; returns 1 when it was not yet in force. */
static int status_on(const struct facts *f, fg_citeverdict *v, int *gone_on)
{
	const char *date = f->date;
	int gone = is_gone(f->latest->status);
	*gone_on = gone && (!given(date) || !*f->lu->valid_to || strcmp(f->lu->valid_to, date) <= 0);
	if (gone)
		put_str(&v->repealed_on, f->lu->valid_to);
	int pending = given(date) ? strcmp(f->d->published, date) > 0 || (*f->du->effective && strcmp(f->du->effective, date) > 0)
				  : !strcmp(f->d->status, FG_STATUS_PENDING);
	if (pending)
		put_str(&v->status, FG_STATUS_PENDING);
	else if (*gone_on)
		put_str(&v->status, f->latest->status);
	else if (given(date))
		put_str(&v->status, *f->du->valid_to && strcmp(f->du->valid_to, date) <= 0 ? FG_STATUS_AMENDED
											 : FG_STATUS_IN_FORCE);
	else
		put_str(&v->status, f->d->status);
	return pending;
}

/* The rule was adopted before the version cited and by the date: an earlier version, not indexed, was in force. */
static int older_not_indexed(const struct facts *f)
{
	const char *first = f->du->first;
	return *first && strcmp(first, f->d->published) < 0 && (!given(f->date) || strcmp(first, f->date) <= 0);
}

/* The verdict from the facts, in the order of citecheck.h. */
static void decide(fg_citecheck *cc, const struct facts *f, fg_citeverdict *v)
{
	fg_buf d = {0};
	int gone_on;
	int pending = status_on(f, v, &gone_on);
	int gone = is_gone(f->latest->status);
	if (pending && older_not_indexed(f)) {
		fg_buf_printf(&d, "《%s》%s 已公布，索引中最早的版本 %s 公布、%s 起施行，无法核对%s有效的条文", f->d->title,
			      f->du->first, f->d->published, *f->du->effective ? f->du->effective : f->d->published,
			      given(f->date) ? "该日" : "现行");
		put_str(&v->status, FG_STATUS_IN_FORCE);
		v->amended_after = 1; /* by the version indexed, at the latest */
		put_str(&v->amended_on, f->d->published);
		set_verdict(v, "amended", given(f->date) ? "已修改，未收录该日有效的版本" : "已修改，未收录现行有效的版本");
	} else if (pending) {
		if (*f->du->effective)
			fg_buf_printf(&d, "《%s》自 %s 起施行", f->d->title, f->du->effective);
		else
			fg_buf_printf(&d, "《%s》公布于 %s", f->d->title, f->d->published);
		set_verdict(v, "pending", FG_STATUS_PENDING);
	} else if (gone) {
		const char *word = !strcmp(f->latest->status, FG_STATUS_INVALID) ? "已失效" : "已废止";
		fg_buf_printf(&d, "《%s》", f->latest->title);
		if (*f->lu->valid_to)
			fg_buf_printf(&d, "自 %s 起不再有效", f->lu->valid_to);
		else
			fg_buf_puts(&d, word);
		if (!gone_on)
			fg_buf_printf(&d, "（%s 时有效）", f->date);
		set_verdict(v, "repealed", word);
	} else if (v->num > 0 && !f->art) {
		fg_buf note = {0};
		fg_buf_printf(&note, "条文不存在（《%s》共%ld条）", f->d->title, f->maxnum);
		set_verdict(v, "no-article", note.data);
		fg_buf_free(&note);
	} else if (f->cur != f->d) {
		fg_buf_free(&d);
		amended(cc, f, v);
		return;
	} else if (!strcmp(f->d->status, FG_STATUS_AMENDED)) {
		fg_buf_printf(&d, "《%s》（%s）已修改，索引中没有它的新版本", f->d->title, f->d->id);
		set_verdict(v, "amended", "已修改");
	} else {
		set_verdict(v, "ok", "正确");
	}
	if (d.len)
		set_detail(v, &d);
	fg_buf_free(&d);
}

/* The highest article number of d and of the other parts of its code (same name and date). */
static long max_article(fg_citecheck *cc, const fg_titledoc *d)
{
	long max = 0;
	for (size_t i = 0; i < fg_titlemap_count(cc->m); i++) {
		const fg_titledoc *t = fg_titlemap_at(cc->m, i);
		const struct docu *u = NULL;
		if ((t != d && (strcmp(t->name, d->name) || strcmp(t->published, d->published))) ||
		    docu_get(cc, t->id, &u, NULL) != FG_OK)
			continue;
		for (size_t k = 0; k < u->n; k++)
			if (u->u[k].unit.kind == FG_UNIT_ARTICLE && u->u[k].unit.num > max)
				max = u->u[k].unit.num;
	}
	return max;
}

/* The reference as written into v, every string set ("" until known). */
static void verdict_init(fg_citeverdict *v, const fg_cite *c, const char *text, size_t start)
{
	memset(v, 0, sizeof *v);
	v->kind = c->kind;
	v->start = start;
	v->end = c->end;
	v->text = fg_xstrndup(text + start, c->end - start);
	v->title = c->kind == FG_CITE_BARE ? fg_xstrndup(text + start, c->start + strlen(c->title) - start)
					   : fg_xstrdup(c->title);
	v->article = fg_xstrdup(c->article);
	v->num = c->num;
	v->sub = c->sub;
	char **strs[] = {&v->id,          &v->rtitle,       &v->status,        &v->published,
			 &v->effective,   &v->article_text, &v->amended_on,    &v->repealed_on,
			 &v->current_id,  &v->current_title, &v->current_article, &v->current_text,
			 &v->note,        &v->detail};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		*strs[i] = fg_xstrdup("");
	v->article_index = v->current_index = -1;
	v->verdict = "not-found";
}

void fg_citeverdict_fin(fg_citeverdict *v)
{
	if (!v)
		return;
	char *strs[] = {v->text,        v->title,        v->article,       v->id,           v->rtitle,
			v->status,      v->published,    v->effective,     v->article_text, v->amended_on,
			v->repealed_on, v->current_id,   v->current_title, v->current_article,
			v->current_text, v->note,        v->detail};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(strs[i]);
	memset(v, 0, sizeof *v);
}

fg_status fg_citecheck_cite(fg_citecheck *cc, const char *text, size_t len, const fg_cite *c, const char *date,
			    const char *region, fg_citeverdict *v, fg_err *err)
{
	memset(v, 0, sizeof *v);
	if (c->kind == FG_CITE_INTERNAL)
		return fg_err_set(err, FG_E_INVAL, "an internal reference names no other rule");
	if (given(date) && !fg_date_valid(date))
		return fg_err_set(err, FG_E_INVAL, "bad date '%.40s': expected YYYY-MM-DD", date);
	if (c->end > len || c->start > c->end)
		return fg_err_set(err, FG_E_INVAL, "reference outside the text");
	size_t start = c->start;
	const fg_titledoc *d = c->kind == FG_CITE_BARE ? resolve_bare(cc, text, len, c, date, region, &start)
						       : resolve_name(cc, c->title, strlen(c->title), date, region);
	verdict_init(v, c, text, start);
	if (!d) {
		set_verdict(v, "not-found", "未找到该法规");
		return FG_OK;
	}
	struct facts f = {.date = date};
	fg_status st = effective_version(cc, d, date, region, &d, err);
	if (st == FG_OK)
		st = holder_of(cc, d, c->num, c->sub, &f.d, &f.du, &f.art, err);
	if (st == FG_OK) {
		f.cur = in_force_after(cc->m, f.d, &f.latest);
		st = docu_get(cc, f.latest->id, &f.lu, err);
	}
	if (st != FG_OK) {
		fg_citeverdict_fin(v);
		return st;
	}
	v->resolved = 1;
	v->exists = c->num <= 0 || f.art != NULL;
	put_str(&v->id, f.d->id);
	put_str(&v->rtitle, f.d->title);
	put_str(&v->published, f.d->published);
	put_str(&v->effective, f.du->effective);
	put_str(&v->current_id, f.cur->id);
	put_str(&v->current_title, f.cur->title);
	v->articles = f.du->articles;
	if (f.art) {
		v->article_index = f.art->index;
		put_str(&v->article_text, f.art->unit.text);
		if (f.cur == f.d) {
			put_str(&v->current_article, f.art->unit.label);
			put_str(&v->current_text, f.art->unit.text);
			v->current_index = f.art->index;
		}
	} else if (c->num > 0) {
		f.maxnum = max_article(cc, f.d);
	}
	decide(cc, &f, v);
	return FG_OK;
}
