/*
 * cleanup.c - the 规章和规范性文件清理 report (see cleanup.h): walks the
 * documents in force through the citation title map, reads their units and
 * records, and reports stale citations, lapsed validity periods, abolished
 * agency names and rules not revised for years, each with its evidence and
 * the action to take; also the outdated-terms table and the output formats.
 */
#include "cleanup.h"
#include "json.h"

#include "cite.h"
#include "doc.h"
#include "index.h"
#include "record.h"
#include "searcher.h"
#include "terms.h"
#include "text.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVIDENCE_BYTES 600

/* ---- the outdated-terms table ---- */

struct term {
	char *term;       /* normalized */
	char *current;
	char *since;
	char *note;
	char **not_in;    /* normalized longer words that are current */
	size_t nnot;
};

struct fg_terms {
	struct term *v;
	size_t n;
};

static char *norm(const char *s, size_t n)
{
	char *out = NULL;
	size_t len;
	fg_normalize(s, n, &out, &len, NULL, NULL);
	return out;
}

/* Split line at tabs into at most max fields (pointers into line, which is modified). */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

fg_status fg_terms_load(const char *path, fg_terms **out, fg_err *err)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, 4u << 20, &text, &len, err);
	if (st != FG_OK)
		return st;
	fg_terms *t = fg_xcalloc(1, sizeof *t);
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t ll = strlen(line);
		while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' '))
			line[--ll] = '\0';
		if (!ll || line[0] == '#' || !strncmp(line, "term\t", 5))
			continue;
		char *f[5];
		size_t nf = split_tabs(line, f, 5);
		if (nf < 2 || !*f[0])
			continue;
		t->v = fg_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
		struct term *x = &t->v[t->n++];
		memset(x, 0, sizeof *x);
		x->term = norm(f[0], strlen(f[0]));
		x->current = fg_xstrdup(f[1]);
		x->since = fg_xstrdup(nf > 2 ? f[2] : "");
		x->note = fg_xstrdup(nf > 3 ? f[3] : "");
		if (nf > 4 && *f[4]) {
			char *s2 = NULL;
			for (char *w = strtok_r(f[4], ",", &s2); w; w = strtok_r(NULL, ",", &s2)) {
				x->not_in = fg_xrealloc(x->not_in, (x->nnot + 1) * sizeof *x->not_in);
				x->not_in[x->nnot++] = norm(w, strlen(w));
			}
		}
	}
	free(text);
	if (!t->n) {
		fg_terms_free(t);
		return fg_err_set(err, FG_E_INVAL, "no terms in %s", path);
	}
	*out = t;
	return FG_OK;
}

void fg_terms_free(fg_terms *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].term);
		free(t->v[i].current);
		free(t->v[i].since);
		free(t->v[i].note);
		for (size_t k = 0; k < t->v[i].nnot; k++)
			free(t->v[i].not_in[k]);
		free(t->v[i].not_in);
	}
	free(t->v);
	free(t);
}

size_t fg_terms_count(const fg_terms *t)
{
	return t ? t->n : 0;
}

char *fg_terms_default_path(void)
{
	return fg_data_path("outdated-terms.tsv");
}

/* ---- findings ---- */

struct acc {
	fg_finding *v;
	size_t n;
};

struct docinfo {
	const fg_titledoc *t;
	char *authority;
	char *effective;
	char *expires;
	char *last_change;   /* latest 修改/修正/修订 event date, "" */
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
	f->status = fg_xstrdup(d->t->status);
	f->published = fg_xstrdup(d->t->published);
	return f;
}

/* The sentence of text around [start, end): bounded by 。；！？ or a newline. */
static void sentence_at(const char *text, size_t len, size_t start, size_t end, size_t *s0, size_t *s1)
{
	static const char *const stops[] = {"。", "；", "！", "？", NULL};
	size_t a = start;
	while (a > 0) {
		size_t p = a - 1;
		while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
			p--;
		int stop = text[p] == '\n';
		for (int k = 0; !stop && stops[k]; k++)
			stop = a - p == strlen(stops[k]) && !memcmp(text + p, stops[k], a - p);
		if (stop)
			break;
		a = p;
	}
	size_t b = end;
	while (b < len) {
		if (text[b] == '\n')
			break;
		int stop = 0;
		for (int k = 0; stops[k]; k++)
			if (len - b >= strlen(stops[k]) && !memcmp(text + b, stops[k], strlen(stops[k]))) {
				b += strlen(stops[k]);
				stop = 1;
				break;
			}
		if (stop)
			break;
		b++;
	}
	*s0 = a;
	*s1 = b;
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

/* (a) stale citations of one unit. */
static void unit_stale(const fg_titlemap *m, const struct docinfo *d, const char *text, size_t len,
		       const char *label, int index, struct acc *a)
{
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(text, len, &c);
	const fg_titledoc *seen[64];
	size_t nseen = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].kind == FG_CITE_INTERNAL)
			continue;
		const fg_titledoc *t = fg_titlemap_resolve(m, c[i].name, d->t->published, d->t->region);
		if (!t || t == d->t)
			continue;
		fg_buf note = {0};
		const char *st = t->status;
		if (!strcmp(st, FG_STATUS_REPEALED) || !strcmp(st, FG_STATUS_INVALID)) {
			fg_buf_printf(&note, "所引《%s》（%s）%s", t->title, t->id, st);
		} else {
			const fg_titledoc *newest = NULL;
			const fg_titledoc *next = fg_titlemap_successor(m, t, &newest);
			if (next && (!*d->t->published || strcmp(next->published, d->t->published) > 0))
				fg_buf_printf(&note, "所引《%s》（%s，%s）已于 %s 修改，现行版本为《%s》（%s，%s）", t->title, t->id,
					      t->published, next->published, newest->title, newest->id, newest->published);
			else if (!next && !strcmp(st, FG_STATUS_AMENDED))
				fg_buf_printf(&note, "所引《%s》（%s）已修改", t->title, t->id);
		}
		int dup = 0;
		for (size_t k = 0; k < nseen; k++)
			dup |= seen[k] == t;
		if (note.len && !dup) {
			if (nseen < 64)
				seen[nseen++] = t;
			add(a, d, label, index, FG_REASON_STALE, "修改", text + c[i].start, c[i].end - c[i].start, note.data);
		}
		fg_buf_free(&note);
	}
	fg_cite_free(c, n);
}

/* (c) outdated terms of one unit: one finding per term, the first sentence naming it. */
static void unit_terms(const fg_terms *terms, const struct docinfo *d, const char *text, size_t len,
		       const char *label, int index, struct acc *a)
{
	char *nt = NULL;
	size_t nlen = 0, *map = NULL;
	fg_normalize(text, len, &nt, &nlen, &map, NULL);
	/* every occurrence, then drop those inside a longer one */
	struct occ {
		size_t s, e;
		size_t term;
	} *occ = NULL;
	size_t nocc = 0;
	for (size_t k = 0; k < terms->n; k++) {
		const struct term *t = &terms->v[k];
		size_t tl = strlen(t->term);
		for (const char *p = strstr(nt, t->term); p; p = strstr(p + 1, t->term)) {
			size_t pos = (size_t)(p - nt);
			if (pos >= 3 && (!memcmp(nt + pos - 3, "原", 3) || !memcmp(nt + pos - 3, "前", 3)))
				continue;
			int current = 0;
			for (size_t w = 0; w < t->nnot && !current; w++) {
				const char *in = strstr(t->not_in[w], t->term);
				if (!in)
					continue;
				size_t off = (size_t)(in - t->not_in[w]), wl = strlen(t->not_in[w]);
				current = pos >= off && pos - off + wl <= nlen && !memcmp(nt + pos - off, t->not_in[w], wl);
			}
			if (current)
				continue;
			occ = fg_xrealloc(occ, (nocc + 1) * sizeof *occ);
			occ[nocc].s = pos;
			occ[nocc].e = pos + tl;
			occ[nocc].term = k;
			nocc++;
		}
	}
	int *reported = fg_xcalloc(terms->n, sizeof *reported);
	for (size_t i = 0; i < nocc; i++) {
		int inside = 0;
		for (size_t j = 0; j < nocc && !inside; j++)
			inside = j != i && occ[j].s <= occ[i].s && occ[j].e >= occ[i].e &&
				 (occ[j].e - occ[j].s) > (occ[i].e - occ[i].s);
		if (inside || reported[occ[i].term])
			continue;
		reported[occ[i].term] = 1;
		const struct term *t = &terms->v[occ[i].term];
		size_t os = map[occ[i].s], oe = map[occ[i].e], s0, s1;
		sentence_at(text, len, os, oe, &s0, &s1);
		if (os - s0 > MAX_EVIDENCE_BYTES / 4) { /* a long sentence: start near the term */
			s0 = os - MAX_EVIDENCE_BYTES / 4;
			while (s0 < os && ((unsigned char)text[s0] & 0xC0) == 0x80)
				s0++;
		}
		fg_buf ev = {0};
		size_t el = s1 - s0;
		if (el > MAX_EVIDENCE_BYTES / 2) { /* keep room for the names; cut at a code point */
			el = MAX_EVIDENCE_BYTES / 2;
			while (el && ((unsigned char)text[s0 + el] & 0xC0) == 0x80)
				el--;
		}
		fg_buf_put(&ev, text + s0, el);
		fg_buf_printf(&ev, "（%s → %s）", t->term, t->current);
		fg_buf note = {0};
		fg_buf_printf(&note, "%s%s%s", t->since, *t->since ? "年起：" : "", t->note);
		add(a, d, label, index, FG_REASON_TERM, "修改", ev.data, ev.len, note.data);
		fg_buf_free(&ev);
		fg_buf_free(&note);
	}
	free(reported);
	free(occ);
	free(nt);
	free(map);
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
		sentence_at(text, len, pos, pos + 9, s0, s1);
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

static int cmp_unit(const void *a, const void *b)
{
	const fg_unitrec *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static int reason_rank(const char *r)
{
	static const char *const order[] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED};
	for (int i = 0; i < 4; i++)
		if (!strcmp(r, order[i]))
			return i;
	return 4;
}

static int cmp_finding(const void *a, const void *b)
{
	const fg_finding *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->article_index != y->article_index)
		return (x->article_index > y->article_index) - (x->article_index < y->article_index);
	return reason_rank(x->reason) - reason_rank(y->reason);
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

/* Read document t's units into u (sorted) and its record's dates and authority into d. */
static fg_status load_doc(fg_searcher *s, const fg_titledoc *t, struct docinfo *d, struct docunits *u, fg_err *err)
{
	fg_xdb *db = fg_searcher_db(s);
	fg_buf dt = {0};
	fg_term_doc(&dt, t->id);
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, dt.data, dt.len, fg_xdocids_collect, &ids, err);
	fg_buf_free(&dt);
	u->v = fg_xcalloc(ids.n ? ids.n : 1, sizeof *u->v);
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		fg_xdoc *x = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &x, NULL) != FG_OK)
			continue;
		size_t dl;
		const char *data = fg_xdoc_get_data(x, &dl);
		fg_record rec;
		if (fg_record_is(data, dl)) {
			if (d->authority || fg_record_decode(data, dl, &rec, NULL) != FG_OK) {
				fg_xdoc_free(x);
				continue;
			}
			d->authority = dup_or_empty(rec.meta.authority);
			d->effective = dup_or_empty(rec.meta.effective);
			d->expires = dup_or_empty(rec.meta.expires);
			d->last_change = last_amendment(&rec);
			fg_record_fin(&rec);
		} else if (fg_unitrec_decode(data, dl, &u->v[u->n], NULL) == FG_OK) {
			u->n++;
		}
		fg_xdoc_free(x);
	}
	free(ids.v);
	qsort(u->v, u->n, sizeof *u->v, cmp_unit);
	if (!d->authority)
		d->authority = fg_xstrdup("");
	return st;
}

/* Findings in the units' texts: stale citations, outdated terms, a stated validity period. *validity: one was stated. */
static void unit_findings(const fg_titlemap *m, const struct docunits *u, const struct docinfo *d,
			  const fg_cleanup_opts *o, const char *today, int in_force, int *validity, struct acc *a)
{
	char until[11] = "";
	for (size_t i = 0; i < u->n; i++) {
		const char *text = u->v[i].unit.text, *label = u->v[i].unit.label;
		size_t len = u->v[i].unit.len;
		int index = u->v[i].index;
		if (wants(o, FG_REASON_STALE))
			unit_stale(m, d, text, len, label, index, a);
		if (!in_force)
			continue;
		if (o->terms && wants(o, FG_REASON_TERM))
			unit_terms(o->terms, d, text, len, label, index, a);
		size_t s0, s1;
		if (!*validity && stated_validity(d, text, len, until, &s0, &s1)) {
			*validity = 1;
			if (strcmp(until, today) < 0 && wants(o, FG_REASON_EXPIRED)) {
				fg_buf note = {0};
				fg_buf_printf(&note, "有效期至 %s，已届满", until);
				add(a, d, label, index, FG_REASON_EXPIRED, "宣布失效", text + s0, s1 - s0, note.data);
				fg_buf_free(&note);
			}
		}
	}
}

/* A whole-document finding with evidence and note. */
static void add_doc_finding(struct acc *a, const struct docinfo *d, const char *reason, const char *action,
			    const fg_buf *ev, const fg_buf *note)
{
	add(a, d, "", 0, reason, action, ev->data, ev->len, note->data);
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
			add_doc_finding(a, d, FG_REASON_EXPIRED, "宣布失效", &ev, &note);
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

/* Every finding of one document. */
static fg_status doc_findings(fg_searcher *s, const fg_titlemap *m, const fg_titledoc *t, const fg_cleanup_opts *o,
			      const char *today, struct acc *a, fg_err *err)
{
	int in_force = !strcmp(t->status, FG_STATUS_IN_FORCE);
	int pending = !strcmp(t->status, FG_STATUS_PENDING);
	if (!in_force && !(pending && wants(o, FG_REASON_STALE)))
		return FG_OK;
	struct docinfo d = {t, NULL, NULL, NULL, NULL};
	struct docunits u = {NULL, 0};
	fg_status st = load_doc(s, t, &d, &u, err);
	if (st == FG_OK && !(o->authority && *o->authority && !strstr(d.authority, o->authority))) {
		int validity = 0;
		unit_findings(m, &u, &d, o, today, in_force, &validity, a);
		if (in_force && !validity)
			validity_findings(&d, o, today, a);
		if (in_force)
			revision_finding(m, &d, o, today, a);
	}
	for (size_t i = 0; i < u.n; i++)
		fg_unitrec_fin(&u.v[i]);
	free(u.v);
	free(d.authority);
	free(d.effective);
	free(d.expires);
	free(d.last_change);
	return st;
}

fg_status fg_cleanup_run(fg_searcher *s, const fg_cleanup_opts *o0, fg_finding **out, size_t *nout, fg_err *err)
{
	*out = NULL;
	*nout = 0;
	fg_cleanup_opts o = *o0;
	if (o.years <= 0)
		o.years = 10;
	if (o.validity_years <= 0)
		o.validity_years = 5;
	char today[11];
	if (o.today && *o.today) {
		if (!fg_date_valid(o.today))
			return fg_err_set(err, FG_E_INVAL, "bad date in today: expected YYYY-MM-DD");
		snprintf(today, sizeof today, "%s", o.today);
	} else {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
	}
	if (o.reason && *o.reason) {
		const char *p = o.reason;
		for (;;) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char r[64];
			snprintf(r, sizeof r, "%.*s", (int)(n < 63 ? n : 63), p);
			if (n && reason_rank(r) == 4)
				return fg_err_set(err, FG_E_INVAL,
						  "unknown reason '%s': stale-citation, expired, outdated-term or not-revised", r);
			if (!e)
				break;
			p = e + 1;
		}
	}
	const fg_titlemap *m = NULL;
	fg_status tst = fg_searcher_titles(s, &m, err);
	if (tst != FG_OK)
		return tst;
	struct acc a = {0};
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		if (!in_list(o.level, t->level) || !in_list(o.region, t->region))
			continue;
		fg_status st = doc_findings(s, m, t, &o, today, &a, err);
		if (st != FG_OK) {
			fg_findings_free(a.v, a.n);
			return st;
		}
	}
	if (a.n > 1)
		qsort(a.v, a.n, sizeof *a.v, cmp_finding);
	*out = a.v;
	*nout = a.n;
	return FG_OK;
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
	}
	free(v);
}

/* ---- output ---- */

#define NCOLS 12
static const char *const cols[NCOLS] = {"id",     "title", "article", "article_index", "reason", "evidence",
					"action", "note",  "level",   "region",        "authority", "status"};

static void row_values(const fg_finding *f, const char *vals[NCOLS], char ix[16])
{
	snprintf(ix, 16, "%d", f->article_index);
	const char *v[NCOLS] = {f->id,     f->title, f->article, ix,       f->reason,    f->evidence,
				f->action, f->note,  f->level,   f->region, f->authority, f->status};
	memcpy(vals, v, sizeof v);
}

char *fg_cleanup_json(const fg_finding *v, size_t n)
{
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	size_t counts[4] = {0};
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_new_object();
		const char *vals[NCOLS];
		char ix[16];
		row_values(&v[i], vals, ix);
		for (int k = 0; k < NCOLS; k++) {
			if (k == 3)
				json_object_object_add(x, cols[k], json_object_new_int(v[i].article_index));
			else
				json_object_object_add(x, cols[k], json_object_new_string(vals[k]));
		}
		json_object_object_add(x, "published", json_object_new_string(v[i].published));
		json_object_array_add(arr, x);
		int r = reason_rank(v[i].reason);
		if (r < 4)
			counts[r]++;
	}
	json_object_object_add(o, "findings", arr);
	json_object *c = json_object_new_object();
	static const char *const reasons[4] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED};
	for (int r = 0; r < 4; r++)
		json_object_object_add(c, reasons[r], json_object_new_int((int)counts[r]));
	json_object_object_add(o, "counts", c);
	json_object_object_add(o, "total", json_object_new_int((int)n));
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

char *fg_cleanup_table(const fg_finding *v, size_t n, int fmt)
{
	fg_buf b = {0};
	for (int k = 0; k < NCOLS; k++)
		fg_buf_put_field(&b, cols[k], fmt == FG_TABLE_CSV, k == NCOLS - 1);
	for (size_t i = 0; i < n; i++) {
		const char *vals[NCOLS];
		char ix[16];
		row_values(&v[i], vals, ix);
		for (int k = 0; k < NCOLS; k++)
			fg_buf_put_field(&b, vals[k], fmt == FG_TABLE_CSV, k == NCOLS - 1);
	}
	return fg_buf_detach(&b);
}
