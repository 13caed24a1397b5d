/*
 * cleanup.c - the 规章和规范性文件清理 report (see cleanup.h): walks the
 * documents in force through the citation title map, reads their records and
 * the units that may hold a finding (those citing a rule, naming an outdated
 * term or a 有效期: an index query picks them), and reports stale citations
 * (cleanup_stale.c), lapsed validity periods, abolished agency names
 * (cleanup_terms.c) and rules not revised for years, each with its evidence
 * and the action to take. fagui-searchd keeps the findings of an index and
 * day (opts.shared) and only filters them for later requests. The files of
 * the report: cleanup_int.h.
 */
#include "cleanup_int.h"

#include "calendar.h"
#include "doc.h"
#include "index.h"
#include "searcher.h"
#include "terms.h"
#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVIDENCE_BYTES FG_CLEANUP_EVIDENCE_MAX

/* ---- findings ---- */

struct acc {
	fg_finding *v;
	size_t n;
};

struct docinfo {
	const fg_titledoc *t;
	char *stored;        /* the status its record holds */
	const char *status;  /* its status on the report's day (calendar.h) */
	char valid_to[9];    /* first day no longer in force (YYYYMMDD), "" while in force */
	char *authority;     /* fg_authority_of */
	char *locality;      /* fg_place_below */
	char *effective;
	char *expires;
	char *last_change;   /* latest 修改/修正/修订 event date, "" */
	fg_basis_count basis; /* its own basis clauses (制定依据) and how many name repealed rules */
};

/* How a document is checked (doc_mode). */
enum { SKIP, IN_FORCE, PENDING, LAPSED };

/* One run of the report: what every document's findings are made with. */
struct run {
	fg_searcher *s;
	const fg_titlemap *m;
	fg_citecheck *cc;        /* checks the stale citations; its comparisons of versions are made once per run */
	const fg_cleanup_opts *o;
	const char *today;
	int past;                /* today is before the system's day: rules 已修改 now may have been in force */
	fg_docid *cand;          /* the units that may hold a finding, sorted */
	size_t ncand;
	struct acc a;
};

static fg_finding *add(struct acc *a, const struct docinfo *d, const char *article, int index, const char *reason,
		       const char *action, const char *evidence, size_t elen, const char *note)
{
	a->v = fg_xrealloc(a->v, (a->n + 1) * sizeof *a->v);
	fg_finding *f = &a->v[a->n++];
	memset(f, 0, sizeof *f);
	f->id = fg_xstrdup(d->t->id);
	f->title = fg_xstrdup(d->t->title);
	f->article = fg_xstrdup(article ? article : "");
	f->article_index = index;
	f->reason = reason;
	f->action = action;
	if (elen > MAX_EVIDENCE_BYTES) {
		elen = MAX_EVIDENCE_BYTES;
		while (elen && ((unsigned char)evidence[elen] & 0xC0) == 0x80)
			elen--;
	}
	f->evidence = fg_xstrndup(evidence, elen);
	f->note = fg_xstrdup(note ? note : "");
	f->level = fg_xstrdup(d->t->level);
	f->region = fg_xstrdup(d->t->region);
	f->authority = fg_xstrdup(d->authority ? d->authority : "");
	f->status = fg_xstrdup(d->status ? d->status : d->t->status);
	f->published = fg_xstrdup(d->t->published);
	f->change = "";
	f->priority = !strcmp(reason, FG_REASON_NOT_REVISED) ? FG_PRIORITY_LOW : FG_PRIORITY_MEDIUM;
	f->locality = fg_xstrdup(d->locality ? d->locality : "");
	f->cited_id = fg_xstrdup("");
	f->current_id = fg_xstrdup("");
	f->current_article = fg_xstrdup("");
	return f;
}

static int in_list(const char *list, const char *v)
{
	if (!list || !*list)
		return 1;
	size_t vl = strlen(v), n;
	const char *p = list, *item;
	while (fg_list_next(&p, &item, &n))
		if (n == vl && !memcmp(item, v, n))
			return 1;
	return 0;
}

static int wants(const fg_cleanup_opts *o, const char *reason)
{
	return in_list(o->reason, reason);
}

/* (a) stale citations of one unit, split by what changed (cleanup_stale.c). own: it states the document's basis. */
static void unit_stale(struct run *r, struct docinfo *d, const fg_unitrec *u, int own)
{
	fg_stale *v = NULL;
	size_t n = fg_stale_unit(r->cc, r->m, d->t, u->unit.text, u->unit.len, own, &d->basis, &v);
	for (size_t i = 0; i < n; i++) {
		fg_finding *f = add(&r->a, d, u->unit.label, u->index, FG_REASON_STALE, v[i].action,
				    u->unit.text + v[i].start, v[i].end - v[i].start, v[i].note);
		f->change = v[i].change;
		f->priority = v[i].priority;
		f->basis = v[i].basis;
		free(f->cited_id);
		free(f->current_id);
		free(f->current_article);
		f->cited_id = fg_xstrdup(v[i].cited_id);
		f->current_id = fg_xstrdup(v[i].current_id);
		f->current_article = fg_xstrdup(v[i].current_article);
	}
	fg_stale_free(v, n);
}

/* Where an outdated term found in a unit goes (fg_terms_scan's emit). */
struct term_sink {
	struct acc *a;
	const struct docinfo *d;
	const char *label;
	int index;
};

static void add_term(void *ctx, const char *evidence, size_t len, const char *note)
{
	struct term_sink *k = ctx;
	add(k->a, k->d, k->label, k->index, FG_REASON_TERM, "修改", evidence, len, note);
}

/* Words by which a text speaks of itself, so that 有效期 is the rule's own (not a licence's). */
static int names_itself(const char *s, size_t n)
{
	static const char *const self[] = {"本办法", "本规定", "本通知", "本意见", "本细则", "本规则", "本条例",
					   "本决定", "本措施", "本方案", "本文件", "本制度", "本公告", "本规范",
					   "本指引", "本实施办法", "本实施细则", "本暂行办法", "本暂行规定", NULL};
	for (int k = 0; self[k]; k++) {
		size_t kl = strlen(self[k]);
		for (size_t i = 0; i + kl <= n; i++)
			if (!memcmp(s + i, self[k], kl))
				return 1;
	}
	return 0;
}

/*
 * A validity period stated in one unit: "有效期至<date>" or "有效期(为)X年"
 * in a sentence that names the rule itself. *until gets the last valid day
 * (X years from the 自…起施行 date of the sentence, else effective, else
 * published). Returns 1 with the sentence span, 0 when there is none.
 */
static int stated_validity(const struct docinfo *d, const char *text, size_t len, char until[11], size_t *s0,
			   size_t *s1)
{
	static const char key[] = "有效期";
	for (const char *p = strstr(text, key); p && (size_t)(p - text) < len; p = strstr(p + 1, key)) {
		size_t pos = (size_t)(p - text);
		fg_cleanup_sentence(text, len, pos, pos + 9, s0, s1);
		/* the rule's own period: "本办法自…起施行，有效期…" or "本办法有效期…", not a licence's */
		if (!names_itself(text + *s0, *s1 - *s0))
			continue;
		if (!memmem(text + *s0, *s1 - *s0, "施行", 6)) {
			/* without 施行 the self word must come right before: 本办法有效期… */
			int adjacent = 0;
			static const char *const w[] = {"本办法", "本规定", "本通知", "本意见", "本细则", "本规则", "本条例",
							"本决定", "本措施", "本方案", "本文件", "本制度", NULL};
			for (int k = 0; w[k]; k++)
				adjacent |= pos >= *s0 + 9 && !memcmp(text + pos - 9, w[k], 9);
			if (!adjacent)
				continue;
		}
		const char *q = p + 9;
		size_t rest = len - (size_t)(q - text);
		if (rest >= 3 && !memcmp(q, "至", 3)) {
			const char *ds = q + 3, *de = strstr(ds, "日");
			if (de && de - ds < 40 && fg_date_parse(ds, (size_t)(de - ds) + 3, until))
				return 1;
			continue;
		}
		if (rest >= 3 && !memcmp(q, "为", 3))
			q += 3, rest -= 3;
		size_t used;
		long years = fg_cn_number(q, rest, &used);
		if (years <= 0 || years > 100 || rest < used + 3 || memcmp(q + used, "年", 3))
			continue;
		char base[11] = "";
		const char *zi = NULL;
		for (const char *z = text + *s0; z < p; z++)
			if (!memcmp(z, "自", 3)) {
				zi = z;
				break;
			}
		if (zi) {
			const char *qi = strstr(zi, "起");
			if (qi && qi < p)
				fg_date_parse(zi + 3, (size_t)(qi - zi - 3), base);
		}
		if (!*base && d->effective && fg_date_valid(d->effective))
			snprintf(base, sizeof base, "%s", d->effective);
		if (!*base && fg_date_valid(d->t->published))
			snprintf(base, sizeof base, "%s", d->t->published);
		if (!*base)
			continue;
		fg_date_add(base, (int)years, -1, until);
		return 1;
	}
	return 0;
}

static int cmp_docid(const void *a, const void *b)
{
	fg_docid x = *(const fg_docid *)a, y = *(const fg_docid *)b;
	return (x > y) - (x < y);
}

static int cmp_unit(const void *a, const void *b)
{
	const fg_unitrec *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static int cmp_finding(const void *a, const void *b)
{
	const fg_finding *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->article_index != y->article_index)
		return (x->article_index > y->article_index) - (x->article_index < y->article_index);
	return fg_reason_rank(x->reason) - fg_reason_rank(y->reason);
}

/* The document's record and units, read once for its findings. */
struct docunits {
	fg_unitrec *v;         /* units in order */
	size_t n;
};

/* The latest dated amendment (修…) among a record's history lines, "" when none. */
static char *last_amendment(const fg_record *r)
{
	char last[11] = "";
	for (size_t k = 0; k < r->nevents; k++) {
		const char *date = r->events[k].date, *what = r->events[k].text ? r->events[k].text : "";
		if (fg_date_valid(date) && strstr(what, "修") && strcmp(date, last) > 0)
			snprintf(last, sizeof last, "%s", date);
	}
	return fg_xstrdup(last);
}

static char *dup_or_empty(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

/* Whether unit did may hold a finding (r->cand, sorted). */
static int candidate(const struct run *r, fg_docid did)
{
	size_t lo = 0, hi = r->ncand;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->cand[mid] == did)
			return 1;
		if (r->cand[mid] < did)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The record x of d->t (NULL: none) into d: stored status, dates, the latest amendment, the authority. */
static void read_record(fg_xdoc *x, struct docinfo *d)
{
	size_t dl = 0;
	const char *data = x ? fg_xdoc_get_data(x, &dl) : NULL;
	fg_record rec;
	int ok = data && fg_record_is(data, dl) && fg_record_decode(data, dl, &rec, NULL) == FG_OK;
	d->stored = dup_or_empty(ok && rec.meta.status ? rec.meta.status : d->t->status);
	d->authority = fg_authority_of(ok ? &rec : NULL, d->t->title, d->t->level, d->t->region);
	d->effective = dup_or_empty(ok ? rec.meta.effective : NULL);
	d->expires = dup_or_empty(ok ? rec.meta.expires : NULL);
	d->last_change = ok ? last_amendment(&rec) : fg_xstrdup("");
	if (ok)
		fg_record_fin(&rec);
	size_t vl = 0;
	const char *vt = x ? fg_xdoc_get_value(x, FG_SLOT_VALID_TO, &vl) : NULL;
	snprintf(d->valid_to, sizeof d->valid_to, "%.*s", (int)(vt && vl == 8 ? 8 : 0), vt ? vt : "");
}

/* Document d->t's record into d. Errors: FG_E_XAPIAN. */
static fg_status load_record(struct run *r, struct docinfo *d, fg_err *err)
{
	fg_xdb *db = fg_searcher_db(r->s);
	fg_buf rt = {0};
	fg_term_record(&rt, d->t->id);
	fg_docid recid = 0;
	fg_status st = fg_xdb_postings(db, rt.data, rt.len, fg_xdocid_first, &recid, err);
	fg_buf_free(&rt);
	fg_xdoc *x = NULL;
	if (st == FG_OK && recid && fg_xdb_get_document(db, recid, &x, NULL) != FG_OK)
		x = NULL;
	read_record(x, d);
	fg_xdoc_free(x);
	return st;
}

/* Those units of document t that may hold a finding (r->cand) into u, sorted. Errors: FG_E_XAPIAN. */
static fg_status load_units(struct run *r, const fg_titledoc *t, struct docunits *u, fg_err *err)
{
	fg_xdb *db = fg_searcher_db(r->s);
	fg_buf dt = {0};
	fg_term_doc(&dt, t->id);
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, dt.data, dt.len, fg_xdocids_collect, &ids, err);
	fg_buf_free(&dt);
	u->v = fg_xcalloc(ids.n ? ids.n : 1, sizeof *u->v);
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		fg_xdoc *x = NULL;
		if (!candidate(r, ids.v[i]) || fg_xdb_get_document(db, ids.v[i], &x, NULL) != FG_OK)
			continue;
		size_t dl;
		const char *data = fg_xdoc_get_data(x, &dl);
		if (!fg_record_is(data, dl) && fg_unitrec_decode(data, dl, &u->v[u->n], NULL) == FG_OK)
			u->n++;
		fg_xdoc_free(x);
	}
	free(ids.v);
	qsort(u->v, u->n, sizeof *u->v, cmp_unit);
	return st;
}

/* The unit states the document's basis (制定依据): its preamble, or its first article. */
static int states_basis(const fg_unitrec *u)
{
	return u->unit.kind == FG_UNIT_PREAMBLE || (u->unit.kind == FG_UNIT_ARTICLE && u->unit.num == 1 && !u->unit.sub) ||
	       u->index == 0;
}

/* Findings in the units' texts: stale citations, outdated terms, a stated validity period. *validity: one was stated. */
static void unit_findings(struct run *r, const struct docunits *u, struct docinfo *d, int mode, int *validity)
{
	char until[11] = "";
	for (size_t i = 0; i < u->n; i++) {
		const char *text = u->v[i].unit.text, *label = u->v[i].unit.label;
		size_t len = u->v[i].unit.len;
		int index = u->v[i].index;
		if (mode != LAPSED && wants(r->o, FG_REASON_STALE))
			unit_stale(r, d, &u->v[i], states_basis(&u->v[i]));
		if (mode == PENDING)
			continue;
		if (mode == IN_FORCE && r->o->terms && wants(r->o, FG_REASON_TERM)) {
			struct term_sink k = {&r->a, d, label, index};
			fg_terms_scan(r->o->terms, text, len, add_term, &k);
		}
		size_t s0, s1;
		if (!*validity && stated_validity(d, text, len, until, &s0, &s1)) {
			*validity = 1;
			if (strcmp(until, r->today) < 0 && wants(r->o, FG_REASON_EXPIRED)) {
				fg_buf note = {0};
				fg_buf_printf(&note, "有效期至 %s，已届满", until);
				add(&r->a, d, label, index, FG_REASON_EXPIRED, "宣布失效", text + s0, s1 - s0, note.data)->priority =
					FG_PRIORITY_HIGH;
				fg_buf_free(&note);
			}
		}
	}
}

/* A whole-document finding with evidence and note. */
static fg_finding *add_doc_finding(struct acc *a, const struct docinfo *d, const char *reason, const char *action,
				   const fg_buf *ev, const fg_buf *note)
{
	return add(a, d, "", 0, reason, action, ev->data, ev->len, note->data);
}

/* Expiry from the metadata, or else a normative document's default validity period. */
static void validity_findings(const struct docinfo *d, const fg_cleanup_opts *o, const char *today, struct acc *a)
{
	const fg_titledoc *t = d->t;
	if (!wants(o, FG_REASON_EXPIRED))
		return;
	fg_buf ev = {0}, note = {0};
	if (d->expires && fg_date_valid(d->expires)) {
		if (strcmp(d->expires, today) < 0) {
			fg_buf_printf(&ev, "有效期至 %s", d->expires);
			fg_buf_printf(&note, "有效期至 %s（元数据），已届满", d->expires);
			add_doc_finding(a, d, FG_REASON_EXPIRED, "宣布失效", &ev, &note)->priority = FG_PRIORITY_HIGH;
		}
	} else if (!strcmp(t->level, "规范性文件") && fg_date_valid(t->published)) {
		char end[11];
		fg_date_add(t->published, o->validity_years, -1, end);
		if (strcmp(end, today) < 0) {
			fg_buf_printf(&ev, "规范性文件，公布于 %s，未规定有效期", t->published);
			fg_buf_printf(&note, "超过默认有效期 %d 年（至 %s）", o->validity_years, end);
			add_doc_finding(a, d, FG_REASON_EXPIRED, "宣布失效", &ev, &note);
		}
	}
	fg_buf_free(&ev);
	fg_buf_free(&note);
}

/* A rule in force with no newer version, unchanged for more than o->years. */
static void revision_finding(const fg_titlemap *m, const struct docinfo *d, const fg_cleanup_opts *o,
			     const char *today, struct acc *a)
{
	const fg_titledoc *t = d->t;
	if (!wants(o, FG_REASON_NOT_REVISED) || !fg_date_valid(t->published) || fg_titlemap_successor(m, t, NULL))
		return;
	const char *last = d->last_change && strcmp(d->last_change, t->published) > 0 ? d->last_change : t->published;
	char limit[11];
	fg_date_add(today, -o->years, 0, limit);
	if (strcmp(last, limit) >= 0)
		return;
	fg_buf ev = {0}, note = {0};
	if (last == t->published)
		fg_buf_printf(&ev, "公布于 %s，此后未修改", t->published);
	else
		fg_buf_printf(&ev, "公布于 %s，最后修改于 %s", t->published, last);
	fg_buf_printf(&note, "超过 %d 年未修订，无更新版本，请评估是否需要修改", o->years);
	add_doc_finding(a, d, FG_REASON_NOT_REVISED, "修改", &ev, &note);
	fg_buf_free(&ev);
	fg_buf_free(&note);
}

/*
 * How document d is checked on the report's day (calendar.h: its stored
 * status, effective date, 有效期 and valid_to): in force (every reason),
 * pending (stale citations), lapsed (in force but for its 有效期: expired
 * only, to be 宣布失效), or not at all (SKIP).
 */
static int doc_mode(struct run *r, struct docinfo *d)
{
	d->status = fg_status_on(d->stored, d->effective, d->expires, d->valid_to, r->today);
	int stored_live = !strcmp(d->stored, FG_STATUS_IN_FORCE) || !strcmp(d->stored, FG_STATUS_PENDING);
	if (!strcmp(d->status, FG_STATUS_IN_FORCE))
		return IN_FORCE;
	if (!strcmp(d->status, FG_STATUS_PENDING))
		return wants(r->o, FG_REASON_STALE) ? PENDING : SKIP;
	if (!strcmp(d->status, FG_STATUS_INVALID) && stored_live)
		return wants(r->o, FG_REASON_EXPIRED) ? LAPSED : SKIP;
	return SKIP;
}

static void docinfo_fin(struct docinfo *d, struct docunits *u)
{
	for (size_t i = 0; i < u->n; i++)
		fg_unitrec_fin(&u->v[i]);
	free(u->v);
	free(d->stored);
	free(d->authority);
	free(d->locality);
	free(d->effective);
	free(d->expires);
	free(d->last_change);
}

/* Every finding of one document. */
static fg_status doc_findings(struct run *r, const fg_titledoc *t, fg_err *err)
{
	if (strcmp(t->status, FG_STATUS_IN_FORCE) && strcmp(t->status, FG_STATUS_PENDING) &&
	    strcmp(t->status, FG_STATUS_INVALID) && !(r->past && !strcmp(t->status, FG_STATUS_AMENDED)))
		return FG_OK; /* (the title map's status is of the system's day: 失效 may be a lapse by the calendar) */
	struct docinfo d = {.t = t, .locality = fg_place_below(t->region, t->title)};
	struct docunits u = {NULL, 0};
	if (!fg_place_match(r->o->region, t->region, d.locality)) {
		free(d.locality);
		return FG_OK;
	}
	size_t first = r->a.n;
	fg_status st = load_record(r, &d, err);
	int mode = st == FG_OK ? doc_mode(r, &d) : SKIP;
	if (mode != SKIP)
		st = load_units(r, t, &u, err);
	if (st == FG_OK && mode != SKIP) {
		int validity = 0;
		unit_findings(r, &u, &d, mode, &validity);
		if (mode != PENDING && !validity)
			validity_findings(&d, r->o, r->today, &r->a);
		if (mode == IN_FORCE)
			revision_finding(r->m, &d, r->o, r->today, &r->a);
	}
	for (size_t i = first; d.basis.n && d.basis.gone == d.basis.n && i < r->a.n; i++)
		r->a.v[i].basis_repealed = 1; /* every rule it was made under is gone: 废止 */
	docinfo_fin(&d, &u);
	return st;
}

/* The units of the index that may hold a finding of the reasons o wants: citing units, and those naming an outdated term or 有效期. */
static fg_status candidates(fg_searcher *s, const fg_cleanup_opts *o, struct run *r, fg_err *err)
{
	static const char *const words[] = {"有效期"};
	int expired = wants(o, FG_REASON_EXPIRED);
	fg_xq *subs[2] = {wants(o, FG_REASON_STALE) ? fg_xq_wildcard(FG_PFX_CITES, 0) : NULL,
			  fg_terms_query(wants(o, FG_REASON_TERM) ? o->terms : NULL, words, expired ? 1 : 0)};
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, 2, 0);
	fg_xdb *db = fg_searcher_db(s);
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	unsigned all = fg_xdb_doccount(db);
	fg_xmset *ms = NULL;
	fg_status st = subs[0] || subs[1] ? fg_xenq_get_mset(e, 0, all, all, &ms, err) : FG_OK;
	r->ncand = ms ? fg_xmset_size(ms) : 0;
	r->cand = fg_xcalloc(r->ncand ? r->ncand : 1, sizeof *r->cand);
	for (size_t i = 0; i < r->ncand; i++)
		r->cand[i] = fg_xmset_docid(ms, (unsigned)i);
	qsort(r->cand, r->ncand, sizeof *r->cand, cmp_docid);
	fg_xmset_free(ms);
	fg_xenq_free(e);
	fg_xq_free(q);
	fg_xq_free(subs[0]);
	fg_xq_free(subs[1]);
	return st;
}

/* Every finding of the index for options o (today, thresholds and filters set), in report order. */
static fg_status compute(fg_searcher *s, const fg_cleanup_opts *o, const char *today, struct acc *out, fg_err *err)
{
	char now[11];
	fg_today(now);
	struct run r = {s, NULL, NULL, o, today, strcmp(today, now) < 0, NULL, 0, {NULL, 0}};
	fg_status st = fg_searcher_titles(s, &r.m, err);
	if (st == FG_OK)
		st = fg_citecheck_new(s, &r.cc, err);
	if (st == FG_OK)
		st = candidates(s, o, &r, err);
	for (size_t i = 0; st == FG_OK && i < fg_titlemap_count(r.m); i++) {
		const fg_titledoc *t = fg_titlemap_at(r.m, i);
		if (in_list(o->level, t->level))
			st = doc_findings(&r, t, err);
	}
	fg_citecheck_free(r.cc);
	free(r.cand);
	if (st != FG_OK) {
		fg_findings_free(r.a.v, r.a.n);
		return st;
	}
	if (r.a.n > 1)
		qsort(r.a.v, r.a.n, sizeof *r.a.v, cmp_finding);
	*out = r.a;
	return FG_OK;
}

/* Whether finding f passes o's filters. */
static int keep(const fg_finding *f, const fg_cleanup_opts *o)
{
	return in_list(o->reason, f->reason) && in_list(o->level, f->level) &&
	       fg_place_match(o->region, f->region, f->locality) &&
	       (!o->authority || !*o->authority || strstr(f->authority, o->authority));
}

static void finding_copy(fg_finding *d, const fg_finding *f)
{
	*d = *f;
	char **strs[] = {&d->id,        &d->title,    &d->article,  &d->evidence,   &d->note,
			 &d->level,     &d->region,   &d->authority, &d->status,    &d->published,
			 &d->locality,  &d->cited_id, &d->current_id, &d->current_article};
	for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
		*strs[k] = fg_xstrdup(*strs[k]);
}

/* Copies of the findings v[0..n) that pass o's filters. */
static void filtered(const fg_finding *v, size_t n, const fg_cleanup_opts *o, fg_finding **out, size_t *nout)
{
	fg_finding *w = fg_xcalloc(n ? n : 1, sizeof *w);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (keep(&v[i], o))
			finding_copy(&w[k++], &v[i]);
	*out = w;
	*nout = k;
}

/* The findings of the whole index kept for later calls (opts.shared), and what they were made for. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static char shared_key[256];
static struct acc shared;

/* Options checked: today (the system's date when unset: *today), thresholds, reasons. */
static fg_status check_opts(fg_cleanup_opts *o, char today[11], fg_err *err)
{
	if (o->years <= 0)
		o->years = 10;
	if (o->validity_years <= 0)
		o->validity_years = 5;
	if (o->today && *o->today && !fg_date_valid(o->today))
		return fg_err_set(err, FG_E_INVAL, "基准日（today）“%.40s”无效：应为 YYYY-MM-DD 格式的真实日期，如 2024-06-30",
				  o->today);
	if (o->today && *o->today)
		snprintf(today, 11, "%s", o->today);
	else
		fg_today(today);
	const char *p = o->reason, *item;
	size_t n;
	while (fg_list_next(&p, &item, &n))
		if (n) {
			char r[64];
			snprintf(r, sizeof r, "%.*s", (int)(n < 63 ? n : 63), item);
			if (fg_reason_rank(r) == FG_NREASONS)
				return fg_err_set(err, FG_E_INVAL,
						  "未知的清理原因“%.40s”：应为 stale-citation、expired、outdated-term 或 not-revised", r);
		}
	return FG_OK;
}

fg_status fg_cleanup_run(fg_searcher *s, const fg_cleanup_opts *o0, fg_finding **out, size_t *nout, fg_err *err)
{
	*out = NULL;
	*nout = 0;
	fg_cleanup_opts o = *o0;
	char today[11], key[sizeof shared_key], id[160], day[11];
	fg_status st = check_opts(&o, today, err);
	if (st != FG_OK)
		return st;
	fg_today(day);
	if (!o.shared || fg_xdb_identity(fg_searcher_db(s), id, sizeof id) != 0) {
		struct acc a = {NULL, 0};
		st = compute(s, &o, today, &a, err);
		if (st == FG_OK)
			filtered(a.v, a.n, &o, out, nout);
		fg_findings_free(a.v, a.n);
		return st;
	}
	snprintf(key, sizeof key, "%s|%s|%s|%d|%d|%p", id, day, today, o.years, o.validity_years, (const void *)o.terms);
	pthread_mutex_lock(&shared_lock);
	if (!shared.v || strcmp(key, shared_key) != 0) {
		fg_cleanup_opts all = o; /* every reason, no filter: later calls filter */
		all.reason = all.level = all.region = all.authority = NULL;
		struct acc a = {NULL, 0};
		st = compute(s, &all, today, &a, err);
		if (st == FG_OK) {
			fg_findings_free(shared.v, shared.n);
			shared = a;
			snprintf(shared_key, sizeof shared_key, "%s", key);
		}
	}
	if (st == FG_OK)
		filtered(shared.v, shared.n, &o, out, nout);
	pthread_mutex_unlock(&shared_lock);
	return st;
}

void fg_findings_free(fg_finding *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].article);
		free(v[i].evidence);
		free(v[i].note);
		free(v[i].level);
		free(v[i].region);
		free(v[i].authority);
		free(v[i].status);
		free(v[i].published);
		free(v[i].locality);
		free(v[i].cited_id);
		free(v[i].current_id);
		free(v[i].current_article);
	}
	free(v);
}
