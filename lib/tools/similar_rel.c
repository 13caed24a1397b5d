/*
 * similar_rel.c - where a rule stands to a draft (similar_int.h): its level
 * and its territory, read with the places of the cleanup report
 * (cleanup_place.c: a region and the city its title names, compared along the
 * hierarchy); superior law is higher *and* binding where the draft applies
 * (national 法律, 行政法规, 部门规章 … everywhere, a province's rules over its
 * cities and counties, never another city's); a draft's level and region
 * checked against the places the index knows; the filter of the rules that
 * may be a draft's superior or same-level law.
 */
#include "similar_int.h"
#include "cleanup_int.h"

#include "doc.h"
#include "terms.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define REGION_MAX_CHARS 20 /* the longest region a draft may give */

/* Levels made only at the national level. */
static int national_level(const char *level)
{
	static const char *const v[] = {"宪法", "法律", "行政法规", "监察法规", "司法解释", "部门规章", NULL};
	for (size_t i = 0; level && v[i]; i++)
		if (!strcmp(level, v[i]))
			return 1;
	return 0;
}

/* Levels made only by local bodies: they need a local region. */
static int local_level(const char *level)
{
	return level && (!strcmp(level, "地方性法规") || !strcmp(level, "自治条例和单行条例") ||
			 !strcmp(level, "地方政府规章"));
}

static int national_region(const char *region)
{
	static const char *const v[] = {"全国", "中国", "中华人民共和国", "国家", NULL};
	for (size_t i = 0; region && v[i]; i++)
		if (!strcmp(region, v[i]))
			return 1;
	return 0;
}

void fg_standing_init(fg_standing *s, const char *level, const char *region, const char *title, const char *status)
{
	region = region ? region : "";
	s->rank = level && *level ? fg_level_rank(level) : 10;
	s->national = national_level(level) || national_region(region);
	s->in_force = !status || !*status || !strcmp(status, FG_STATUS_IN_FORCE) || !strcmp(status, FG_STATUS_PENDING);
	s->region = fg_xstrdup(s->national ? "" : region);
	s->locality = s->national || !*region ? fg_xstrdup("") : fg_place_below(region, title ? title : "");
	if (!strncmp(s->locality, "城市", strlen("城市")))
		*s->locality = '\0'; /* 示例省城市市容…: no city is called 城市市 */
}

void fg_standing_fin(fg_standing *s)
{
	free(s->region);
	free(s->locality);
	s->region = s->locality = NULL;
}

/* Whether a's territory holds all of b's. */
static int covers(const fg_standing *a, const fg_standing *b)
{
	if (a->national)
		return 1;
	if (b->national || !*a->region || !*b->region)
		return 0;
	return fg_place_match(a->region, b->region, b->locality) &&
	       (!*a->locality || fg_place_match(a->locality, b->region, b->locality));
}

int fg_standing_superior(const fg_standing *hi, const fg_standing *lo)
{
	if (hi->rank >= 10 || lo->rank >= 10 || !hi->in_force || !lo->in_force || !covers(hi, lo))
		return 0;
	return hi->rank < lo->rank || (hi->rank == lo->rank && !covers(lo, hi));
}

int fg_standing_relation(const fg_standing *d, const fg_standing *h, const char **note)
{
	*note = "";
	if (d->rank >= 10)
		return FG_REL_NONE;
	int up = covers(h, d), down = covers(d, h);
	if (h->rank >= 10)
		*note = "效力级别不明";
	else if (!h->in_force)
		*note = "已不再有效";
	else if (fg_standing_superior(h, d))
		*note = "上位法";
	else if (up && down && h->rank == d->rank)
		*note = "同级规定";
	else if (!d->national && !*d->region && !h->national)
		*note = "草案未指定地区";
	else if (up && down)
		*note = "下位规定";
	else if (down)
		*note = "下级地区的规定";
	else if (up)
		*note = "效力级别不高于草案";
	else
		*note = "其他地区";
	if (!strcmp(*note, "上位法"))
		return FG_REL_SUPERIOR;
	return !strcmp(*note, "同级规定") ? FG_REL_SAME : FG_REL_REFERENCE;
}

/* ---- a draft's place ---- */

/* The first place of a region (示例省白河市 -> 示例省, 山东 -> 山东) and the rest ("" when one place). Caller frees both. */
static void split_first(const char *region, char **first, char **rest)
{
	*rest = fg_place_below(region, "");
	size_t n = strlen(region), r = strlen(*rest);
	*first = fg_xstrndup(region, r <= n ? n - r : n);
}

/* The bytes of s to echo in a message: at most 60, whole code points. */
static int echo_len(const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static int place_name_ok(const char *s)
{
	size_t len = strlen(s), chars = 0;
	for (size_t i = 0; i < len; chars++) {
		uint32_t cp;
		size_t k = fg_utf8_decode(s + i, len - i, &cp);
		if (!fg_is_han(cp))
			return 0;
		i += k;
	}
	return chars >= 2 && chars <= REGION_MAX_CHARS;
}

/* What the index knows of a one-place region: a province (its first places), or the cities it may be. */
struct lookup {
	const char *region;    /* the place asked */
	int province;          /* it names the first place of some rule */
	char *prov, *city;     /* the first rule below the province it names: its province and place */
	char *other;           /* another province holding a place of that name */
	char *example;         /* a province of the index, for the message */
};

static void lookup_rule(struct lookup *q, const fg_titledoc *e)
{
	fg_standing s;
	fg_standing_init(&s, e->level, e->region, e->title, e->status);
	if (s.national || !*s.region) {
		fg_standing_fin(&s);
		return;
	}
	char *first, *rest;
	split_first(s.region, &first, &rest);
	const char *city = *rest ? rest : s.locality;
	if (!q->example)
		q->example = fg_xstrdup(first);
	if (fg_place_match(q->region, first, ""))
		q->province = 1;
	else if (*city && fg_place_match(q->region, city, "")) {
		if (!q->prov) {
			q->prov = fg_xstrdup(first);
			q->city = fg_xstrdup(city);
		} else if (!fg_place_match(q->prov, first, "") && !q->other) {
			q->other = fg_xstrdup(first);
		}
	}
	free(first);
	free(rest);
	fg_standing_fin(&s);
}

static void lookup_fin(struct lookup *q)
{
	free(q->prov);
	free(q->city);
	free(q->other);
	free(q->example);
}

/*
 * Resolve d's region (one or more places) against the index into d and
 * *place: a region whose first place is a province of the index stays as
 * given (示例省白河市, 山东省青岛市, 山东); one that starts with a city or county
 * of the index gets its province (白河市 -> 示例省 + 白河市).
 */
static fg_status resolve_region(const fg_titlemap *m, const char *region, fg_standing *d, char **place, fg_err *err)
{
	char *first, *rest;
	split_first(region, &first, &rest);
	struct lookup q = {first, 0, NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < fg_titlemap_count(m); i++)
		lookup_rule(&q, fg_titlemap_at(m, i));
	fg_status st = FG_OK;
	*place = NULL;
	if (q.province || (q.prov && !q.other)) {
		const char *loc = *rest ? region : q.city; /* 白河 -> 白河市; 青川市某区 as given */
		free(d->region);
		free(d->locality);
		d->region = fg_xstrdup(q.province ? region : q.prov);
		d->locality = fg_xstrdup(q.province ? "" : loc);
		fg_buf b = {0};
		fg_buf_printf(&b, "%s%s%s", q.province ? first : q.prov, *rest || !q.province ? "·" : "",
			      q.province ? rest : loc);
		*place = fg_buf_detach(&b);
	} else if (q.prov) {
		st = fg_err_set(err, FG_E_INVAL, "地区“%s”在索引中不止一处（%s、%s）：请写出省份，如 %s%s", region, q.prov,
				q.other, q.prov, region);
	} else if (q.example) {
		st = fg_err_set(err, FG_E_INVAL, "索引中没有地区“%s”的规定：请填写索引中的省、市、县，如 %s", region,
				q.example);
	} else {
		st = fg_err_set(err, FG_E_INVAL, "索引中没有地方的规定：地区（region）只能为空或“全国”");
	}
	lookup_fin(&q);
	free(first);
	free(rest);
	return st;
}

fg_status fg_draft_standing(const fg_titlemap *m, const char *level, const char *region, fg_standing *out,
			    char **place, fg_err *err)
{
	memset(out, 0, sizeof *out);
	*place = NULL;
	level = level && *level ? level : NULL;
	region = region && *region ? region : NULL;
	if (level && !fg_level_canon(level))
		return fg_err_set(err, FG_E_INVAL, "未知的效力级别“%.*s”：应为法律、行政法规、地方性法规、地方政府规章、规范性文件等十种之一",
				  echo_len(level), level);
	level = level ? fg_level_canon(level) : NULL;
	if (region && !level)
		return fg_err_set(err, FG_E_INVAL, "给出草案的地区（region）时，也请给出它的效力级别（level）");
	if (region && !national_region(region) && !place_name_ok(region))
		return fg_err_set(err, FG_E_INVAL, "地区“%.*s”不是地名：请填写省、市、县的名称（2 至 %d 个汉字），如 山东省青岛市",
				  echo_len(region), region, REGION_MAX_CHARS);
	if (region && national_level(level) && !national_region(region))
		return fg_err_set(err, FG_E_INVAL, "%s是全国性的效力级别：地区（region）应为空或“全国”", level);
	if (region && local_level(level) && national_region(region))
		return fg_err_set(err, FG_E_INVAL, "%s由地方制定：地区（region）应为省、市、县，不能是“全国”", level);
	fg_standing_init(out, level, region && !national_region(region) ? "" : region, "", NULL);
	if (!region || out->national) {
		*place = fg_xstrdup(out->national ? "全国" : "");
		return FG_OK;
	}
	fg_status st = resolve_region(m, region, out, place, err);
	if (st != FG_OK)
		fg_standing_fin(out);
	return st;
}

/* ---- the family of a draft: its possible superior and same-level law ---- */

static fg_xq *term_q(fg_buf *b)
{
	fg_xq *q = fg_xq_term(b->data, b->len, 1, 0);
	fg_buf_free(b);
	return q;
}

fg_xq *fg_family_filter(const fg_titlemap *m, const fg_standing *d)
{
	size_t cap = 64, n = 0;
	fg_xq **subs = fg_xmalloc(cap * sizeof *subs);
	int by_level[11] = {0};
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *e = fg_titlemap_at(m, i);
		fg_standing h;
		fg_standing_init(&h, e->level, e->region, e->title, e->status);
		const char *note;
		int rel = fg_standing_relation(d, &h, &note);
		int national = national_level(e->level);
		fg_standing_fin(&h);
		if (rel != FG_REL_SUPERIOR && rel != FG_REL_SAME)
			continue;
		if (national && by_level[h.rank]++)
			continue; /* the whole level is in already */
		if (n == cap)
			subs = fg_xrealloc(subs, (cap *= 2) * sizeof *subs);
		fg_buf b = {0};
		if (national)
			fg_term_field(&b, FG_PFX_LEVEL, e->level, strlen(e->level));
		else
			fg_term_doc(&b, e->id);
		subs[n++] = term_q(&b);
	}
	fg_xq *q = NULL;
	if (n) {
		fg_xq *any = fg_xq_combine(FG_XQ_OR, subs, n, 0);
		fg_buf b = {0};
		fg_term_field(&b, FG_PFX_STATUS, FG_STATUS_IN_FORCE, strlen(FG_STATUS_IN_FORCE));
		fg_xq *st[2] = {term_q(&b), NULL};
		fg_term_field(&b, FG_PFX_STATUS, FG_STATUS_PENDING, strlen(FG_STATUS_PENDING));
		st[1] = term_q(&b);
		fg_xq *live = fg_xq_combine(FG_XQ_OR, st, 2, 0);
		q = fg_xq_pair(FG_XQ_FILTER, any, live);
		fg_xq_free(any);
		fg_xq_free(live);
		fg_xq_free(st[0]);
		fg_xq_free(st[1]);
	}
	for (size_t i = 0; i < n; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}

/* ---- the places of the index, for the draft form ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_place(char ***v, size_t *n, size_t *cap, const char *p)
{
	if (!*p)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], p))
			return;
	if (*n == *cap)
		*v = fg_xrealloc(*v, (*cap = *cap ? *cap * 2 : 32) * sizeof **v);
	(*v)[(*n)++] = fg_xstrdup(p);
}

fg_status fg_similar_places(fg_searcher *s, char ***out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	const fg_titlemap *m = NULL;
	fg_status st = fg_searcher_titles(s, &m, err);
	if (st != FG_OK)
		return st;
	char **v = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *e = fg_titlemap_at(m, i);
		fg_standing h;
		fg_standing_init(&h, e->level, e->region, e->title, e->status);
		if (!h.national && *h.region) {
			char *first, *rest;
			split_first(h.region, &first, &rest);
			add_place(&v, &k, &cap, first);
			add_place(&v, &k, &cap, *rest ? rest : h.locality);
			free(first);
			free(rest);
		}
		fg_standing_fin(&h);
	}
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_str);
	*out = v;
	*n = k;
	return FG_OK;
}
