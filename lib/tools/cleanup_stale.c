/*
 * cleanup_stale.c - the stale citations of the cleanup report, split by
 * what changed (cleanup_int.h). A 《》 reference is a candidate when the
 * title map says the rule it means was repealed, or amended after the
 * citing rule was published; a candidate is then checked like a citation
 * of /api/cite-check on the citing rule's date and region (fg_citecheck_cite:
 * the version cited, the version in force, and where the cited article went
 * in the 新旧对照 alignment, each pair of versions compared once per session):
 *   an article modified, renumbered or deleted, or the rule repealed  修改, high
 *   the rule renamed                                                 修改, medium
 *   the whole rule cited (a basis clause: 根据《X》) and amended,
 *   the article not found, a version the index lacks                  核查, low
 *   the cited article unchanged                                       no finding
 */
#include "cleanup_int.h"

#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEEN 64 /* distinct (rule, article) pairs remembered per unit */

static int is_gone(const char *status)
{
	return !strcmp(status, FG_STATUS_REPEALED) || !strcmp(status, FG_STATUS_INVALID);
}

/* Whether t was amended after d was published (a later version, or recorded 已修改 with none indexed). */
static int amended_since(const fg_titlemap *m, const fg_titledoc *t, const fg_titledoc *d)
{
	const fg_titledoc *next = fg_titlemap_successor(m, t, NULL);
	if (next)
		return !*d->published || strcmp(next->published, d->published) > 0;
	return !strcmp(t->status, FG_STATUS_AMENDED);
}

/*
 * Whether the citation c of a repealed rule is the repeal itself: the rule
 * is about repeals (关于废止…的决定), or the sentence says so (本法自…起施行，
 * 《X》同时废止).
 */
static int repeals_it(const fg_titledoc *d, const char *text, size_t len, const fg_cite *c)
{
	if (strstr(d->title, "废止"))
		return 1;
	size_t s0, s1;
	fg_cleanup_sentence(text, len, c->start, c->end, &s0, &s1);
	static const char *const words[] = {"废止", "停止执行", "不再执行", "失效", NULL};
	for (size_t k = 0; words[k]; k++)
		if (memmem(text + s0, s1 - s0, words[k], strlen(words[k])))
			return 1;
	return 0;
}

struct acc {
	fg_stale *v;
	size_t n;
};

static fg_stale *push(struct acc *a, const fg_cite *c, const fg_citeverdict *v, const char *change, const char *action,
		      const char *priority, fg_buf *note)
{
	a->v = fg_xrealloc(a->v, (a->n + 1) * sizeof *a->v);
	fg_stale *s = &a->v[a->n++];
	memset(s, 0, sizeof *s);
	s->start = v->start;
	s->end = v->end;
	s->change = change;
	s->action = action;
	s->priority = priority;
	s->note = fg_buf_detach(note);
	s->cited_id = fg_xstrdup(v->id);
	s->current_id = fg_xstrdup(v->current_id);
	s->current_article = fg_xstrdup(v->current_article);
	s->basis = c->kind == FG_CITE_BASIS && c->num <= 0;
	return s;
}

/* "；现行版本为《Y》（ID，DATE 公布）" for the version in force, when it is not the one cited. */
static void put_current(fg_buf *b, const fg_titlemap *m, const fg_citeverdict *v)
{
	const fg_titledoc *cur = *v->current_id ? fg_titlemap_get(m, v->current_id) : NULL;
	if (!cur || !strcmp(v->current_id, v->id))
		return;
	fg_buf_printf(b, "；现行版本为《%s》（%s，%s 公布）", cur->title, cur->id, *cur->published ? cur->published : "日期不详");
}

/* text without its leading 第X条 label and the spaces after it. */
static const char *body_of(const char *text, size_t *len)
{
	long num, sub;
	size_t n = strlen(text), used = 0;
	if (fg_article_label(text, n, &num, &sub, &used))
		text += used, n -= used;
	while (n && (*text == ' ' || *text == '\t' || (n >= 3 && !memcmp(text, "\xe3\x80\x80", 3)))) {
		size_t k = *text == ' ' || *text == '\t' ? 1 : 3;
		text += k;
		n -= k;
	}
	*len = n;
	return text;
}

/* Whether the cited article's text and its text in the version in force differ (labels aside). */
static int text_changed(const fg_citeverdict *v)
{
	size_t la, lb;
	const char *a = body_of(v->article_text, &la), *b = body_of(v->current_text, &lb);
	return la != lb || memcmp(a, b, la) != 0;
}

/* An article of the rule cited changed: renumbered, modified or deleted. 1 when v says so. */
static int article_changed(struct acc *a, const fg_titlemap *m, const fg_cite *c, const fg_citeverdict *v)
{
	fg_buf note = {0};
	const char *change;
	if (!strcmp(v->verdict, "renumbered")) {
		change = FG_STALE_RENUMBERED;
		fg_buf_printf(&note, "所引《%s》%s已修改为%s，%s", c->title, c->article, v->current_article,
			      text_changed(v) ? "条文内容有变化" : "条文内容未变");
	} else if (!strcmp(v->verdict, "changed")) {
		change = FG_STALE_MODIFIED;
		fg_buf_printf(&note, "所引《%s》%s的内容已修改", c->title, c->article);
	} else if (!strcmp(v->verdict, "deleted")) {
		change = FG_STALE_DELETED;
		fg_buf_printf(&note, "所引《%s》%s已删除", c->title, c->article);
	} else {
		return 0;
	}
	fg_buf_printf(&note, "（%s 修改）", v->amended_on);
	put_current(&note, m, v);
	push(a, c, v, change, "修改", FG_PRIORITY_HIGH, &note);
	return 1;
}

/* The finding a candidate's verdict v makes, if any; own: the citation states the document's basis. */
static void classify(struct acc *a, const fg_titlemap *m, const fg_cite *c, const fg_citeverdict *v, int own)
{
	fg_buf note = {0};
	if (article_changed(a, m, c, v))
		return;
	if (!strcmp(v->verdict, "repealed")) {
		fg_buf_printf(&note, "所引《%s》（%s）%s", c->title, v->id, v->note);
		if (*v->repealed_on)
			fg_buf_printf(&note, "，自 %s 起不再有效", v->repealed_on);
		push(a, c, v, FG_STALE_REPEALED, "修改", FG_PRIORITY_HIGH, &note);
	} else if (!strcmp(v->verdict, "renamed")) {
		fg_buf_printf(&note, "所引《%s》（%s）已于 %s 修改并更名为《%s》（%s）", c->title, v->id, v->amended_on,
			      v->current_title, v->current_id);
		push(a, c, v, FG_STALE_RENAMED, "修改", FG_PRIORITY_MEDIUM, &note);
	} else if (!strcmp(v->verdict, "ok") && v->amended_after && c->num <= 0) {
		fg_buf_printf(&note, "所引《%s》（%s，%s 公布）已于 %s 修改", c->title, v->id, v->published, v->amended_on);
		put_current(&note, m, v);
		fg_buf_puts(&note, own && c->kind == FG_CITE_BASIS ? "。制定依据已修改，请核查本规定与修改后的规定是否一致"
								   : "。引用整部法规，请核查引用是否仍然准确");
		push(a, c, v, FG_STALE_AMENDED, "核查", FG_PRIORITY_LOW, &note);
	} else if (!strcmp(v->verdict, "no-article")) {
		fg_buf_printf(&note, "所引《%s》（%s）：%s，请核对引用", c->title, v->id, v->note);
		push(a, c, v, FG_STALE_NO_ARTICLE, "核查", FG_PRIORITY_LOW, &note);
	} else if (!strcmp(v->verdict, "amended")) {
		fg_buf_printf(&note, "所引《%s》（%s）%s，无法逐条对照，请核对", c->title, v->id, v->note);
		push(a, c, v, FG_STALE_UNVERIFIED, "核查", FG_PRIORITY_LOW, &note);
	}
	fg_buf_free(&note); /* ok with the article unchanged, pending, not found: no finding */
}

/* Whether (t, c's article) was seen in this unit; remembers it. */
static int seen_before(const fg_titledoc **seen, long *nums, size_t *nseen, const fg_titledoc *t, const fg_cite *c)
{
	long key = c->num * 1000 + c->sub;
	for (size_t k = 0; k < *nseen; k++)
		if (seen[k] == t && nums[k] == key)
			return 1;
	if (*nseen < MAX_SEEN) {
		seen[*nseen] = t;
		nums[(*nseen)++] = key;
	}
	return 0;
}

static void stale_fin(fg_stale *s)
{
	free(s->note);
	free(s->cited_id);
	free(s->current_id);
	free(s->current_article);
}

/* Whether finding i is a whole-rule 核查 of a rule that a 修改 finding of the same unit names too. */
static int covered(const struct acc *a, size_t i)
{
	if (strcmp(a->v[i].change, FG_STALE_AMENDED) != 0)
		return 0;
	for (size_t j = 0; j < a->n; j++)
		if (j != i && a->v[j].rule == a->v[i].rule && !strcmp(a->v[j].action, "修改"))
			return 1;
	return 0;
}

/* Drop the covered findings (they say less about the same rule). */
static void drop_covered(struct acc *a)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (covered(a, i)) {
			stale_fin(&a->v[i]);
			a->v[i].rule = NULL; /* covers nothing any more */
			continue;
		}
		a->v[k++] = a->v[i];
	}
	a->n = k;
}

size_t fg_stale_unit(fg_citecheck *cc, const fg_titlemap *m, const fg_titledoc *d, const char *text, size_t len,
		     int own, fg_basis_count *bc, fg_stale **out)
{
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(text, len, &c), nseen = 0;
	const fg_titledoc *seen[MAX_SEEN];
	long nums[MAX_SEEN];
	struct acc a = {NULL, 0};
	const char *date = fg_date_valid(d->published) ? d->published : NULL;
	for (size_t i = 0; i < n; i++) {
		if (c[i].kind == FG_CITE_INTERNAL)
			continue;
		const fg_titledoc *t = fg_titlemap_resolve(m, c[i].name, d->published, d->region);
		if (!t || t == d || seen_before(seen, nums, &nseen, t, &c[i]))
			continue;
		if (own && c[i].kind == FG_CITE_BASIS && c[i].num <= 0) {
			bc->n++;
			bc->gone += is_gone(t->status);
		}
		if (is_gone(t->status) ? repeals_it(d, text, len, &c[i]) : !amended_since(m, t, d))
			continue;
		fg_citeverdict v;
		if (fg_citecheck_cite(cc, text, len, &c[i], date, d->region, &v, NULL) != FG_OK)
			continue;
		size_t before = a.n;
		classify(&a, m, &c[i], &v, own);
		if (a.n > before)
			a.v[before].rule = t;
		fg_citeverdict_fin(&v);
	}
	fg_cite_free(c, n);
	drop_covered(&a);
	*out = a.v;
	return a.n;
}

void fg_stale_free(fg_stale *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		stale_fin(&v[i]);
	free(v);
}
