/*
 * render_search.c - the search page of fagui-searchd: the box, the summary,
 * the toggles (in force only, by article or document, by relevance or
 * date), the filters in effect, the facets, the hits and the pager. Every
 * link keeps the query and filters (put_link); pages work without
 * JavaScript. Snippets from libfagui are already escaped and go in as they are.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- links that keep the query and filters ---- */

/*
 * Append an href (HTML-escaped) to /search with p's parameters, where the
 * overrides in o (n of them) replace or drop a parameter. The offset is
 * kept only when overridden: changing a filter goes back to page one.
 */
static void put_link(fg_buf *b, const sd_query *p, const sd_kv *o, size_t n)
{
	char limit[16] = "", offset[16] = "";
	if (p->limit != 10)
		snprintf(limit, sizeof limit, "%u", p->limit);
	const char *keys[] = {"q", "unit", "status", "level", "region", "authority", "from",
			      "to", "sort", "cites", "asof", "limit", "offset"};
	const char *vals[] = {p->q, p->unit, p->status, p->level, p->region, p->authority, p->from,
			      p->to, p->sort, p->cites, p->asof, limit, offset};
	sd_put_href(b, "/search", keys, vals, sizeof keys / sizeof keys[0], o, n);
}

static void link1(fg_buf *b, const sd_query *p, const char *key, const char *val, const char *cls, const char *text)
{
	sd_kv o[1] = {{key, val}};
	fg_buf_puts(b, "<a");
	if (cls)
		fg_buf_printf(b, " class=\"%s\"", cls);
	fg_buf_puts(b, " href=\"");
	put_link(b, p, o, 1);
	fg_buf_puts(b, "\">");
	sd_put_html(b, text);
	fg_buf_puts(b, "</a>");
}

static const char *facet_title(const char *name)
{
	if (!strcmp(name, "level"))
		return "效力级别";
	if (!strcmp(name, "status"))
		return "时效性";
	if (!strcmp(name, "region"))
		return "地区";
	if (!strcmp(name, "year"))
		return "公布年份";
	return name;
}

/* 1 when the year facet value y is the active from/to range. */
static int year_active(const sd_query *p, const char *y)
{
	return strlen(y) == 4 && !strncmp(p->from, y, 4) && !strcmp(p->from + 4, "-01-01") && !strncmp(p->to, y, 4) &&
	       !strcmp(p->to + 4, "-12-31");
}

/* n with thousands separators (12,345). */
static void put_count(fg_buf *b, unsigned n)
{
	char d[16];
	int len = snprintf(d, sizeof d, "%u", n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			fg_buf_putc(b, ',');
		fg_buf_putc(b, d[i]);
	}
}

/* An estimate to two significant figures (6,983 → 7,000): no false precision. */
static unsigned round_estimate(unsigned n)
{
	unsigned unit = 1;
	while (n / unit >= 100)
		unit *= 10;
	return (n + unit / 2) / unit * unit;
}

/* 共 N 条结果 when exact, 约 N 条结果 when estimated. */
static void put_total(fg_buf *b, const fg_result *r)
{
	if (r->total_exact) {
		fg_buf_puts(b, "共 ");
		put_count(b, r->total);
	} else {
		fg_buf_puts(b, "约 ");
		put_count(b, round_estimate(r->total));
	}
	fg_buf_puts(b, " 条结果");
}

static void put_facets(fg_buf *b, const sd_query *p, const fg_result *r)
{
	fg_buf_puts(b, "<aside class=\"facets\" id=\"facets\" aria-label=\"筛选\">\n");
	if (!r->facets_exact && r->total) {
		fg_buf_puts(b, "<p class=\"facet-note\">结果较多，计数只含最先查到的约 ");
		put_count(b, FG_FACET_CHECK);
		fg_buf_puts(b, " 条，“+”表示实际更多</p>\n");
	}
	for (int i = 0; i < FG_NFACETS; i++) {
		const fg_facet *f = &r->facets[i];
		if (!f->name || f->n == 0)
			continue;
		fg_buf_printf(b, "<section class=\"facet\" data-facet=\"%s\">\n<h3>", f->name);
		sd_put_html(b, facet_title(f->name));
		fg_buf_puts(b, "</h3>\n<ul>\n");
		int is_year = !strcmp(f->name, "year");
		const char *cur = !strcmp(f->name, "level")    ? p->level
				  : !strcmp(f->name, "status") ? p->status
				  : !strcmp(f->name, "region") ? p->region
							       : NULL;
		for (size_t k = 0; k < f->n; k++) {
			const fg_facet_value *v = &f->values[k];
			int active = is_year ? year_active(p, v->value) : (cur && !strcmp(cur, v->value));
			fg_buf_puts(b, active ? "<li class=\"active\">" : "<li>");
			fg_buf_puts(b, "<a href=\"");
			if (is_year) {
				char from[16], to[16];
				snprintf(from, sizeof from, "%.4s-01-01", v->value);
				snprintf(to, sizeof to, "%.4s-12-31", v->value);
				sd_kv o[2] = {{"from", active ? NULL : from}, {"to", active ? NULL : to}};
				put_link(b, p, o, 2);
			} else {
				sd_kv o[1] = {{f->name, active ? NULL : v->value}};
				put_link(b, p, o, 1);
			}
			fg_buf_puts(b, "\">");
			sd_put_html(b, v->value);
			fg_buf_puts(b, " <span class=\"count\">");
			put_count(b, v->count);
			fg_buf_puts(b, r->facets_exact ? "</span>" : "+</span>");
			if (active)
				fg_buf_puts(b, " <span class=\"remove\" aria-label=\"取消\">×</span>");
			fg_buf_puts(b, "</a></li>\n");
		}
		fg_buf_puts(b, "</ul>\n</section>\n");
	}
	fg_buf_puts(b, "<p class=\"to-top\"><a href=\"#q\">回到顶部</a></p>\n</aside>\n");
}

/* The filters in effect, each with a link that removes it. */
static void put_active_filters(fg_buf *b, const sd_query *p)
{
	const char *keys[] = {"status", "level", "region", "authority", "from", "to", "cites", "asof"};
	const char *names[] = {"时效性", "效力级别", "地区", "制定机关", "起始日期", "截止日期", "引用", "时点"};
	const char *vals[] = {p->status, p->level, p->region, p->authority, p->from, p->to, p->cites, p->asof};
	int any = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!*vals[i])
			continue;
		if (!any)
			fg_buf_puts(b, "<div class=\"filters\">已筛选：");
		any = 1;
		fg_buf_puts(b, "<a class=\"chip\" href=\"");
		sd_kv o[1] = {{keys[i], NULL}};
		put_link(b, p, o, 1);
		fg_buf_puts(b, "\" title=\"取消此条件\">");
		sd_put_html(b, names[i]);
		fg_buf_puts(b, "：");
		sd_put_html(b, vals[i]);
		fg_buf_puts(b, " ×</a> ");
	}
	if (any)
		fg_buf_puts(b, "</div>\n");
}

static void put_toggles(fg_buf *b, const sd_query *p)
{
	int in_force = !strcmp(p->status, FG_STATUS_IN_FORCE);
	int doc = !strcmp(p->unit, "doc");
	int by_date = !strcmp(p->sort, "date");
	fg_buf_puts(b, "<nav class=\"toggles\" aria-label=\"检索选项\">\n<span class=\"group\">");
	link1(b, p, "status", in_force ? NULL : FG_STATUS_IN_FORCE, in_force ? "on" : NULL,
	      in_force ? "☑ 仅现行有效" : "☐ 仅现行有效");
	fg_buf_puts(b, "</span>\n<span class=\"group\">");
	link1(b, p, "unit", NULL, doc ? NULL : "on", "按条文");
	link1(b, p, "unit", "doc", doc ? "on" : NULL, "按文件");
	fg_buf_puts(b, "</span>\n<span class=\"group\">");
	link1(b, p, "sort", NULL, by_date ? NULL : "on", "相关度");
	link1(b, p, "sort", "date", by_date ? "on" : NULL, "日期");
	fg_buf_puts(b, "</span>\n</nav>\n");
}

static void put_hit(fg_buf *b, const sd_query *p, const fg_hit *h)
{
	fg_buf_puts(b, "<li class=\"hit\">\n<h2><a href=\"");
	/* The hit url (/doc/<id>#a<index>) with ?hl= so the document page marks the terms. */
	const char *url = h->url ? h->url : "";
	const char *frag = strchr(url, '#');
	size_t pathlen = frag ? (size_t)(frag - url) : strlen(url);
	fg_buf u = {0};
	fg_buf_put(&u, url, pathlen);
	char off[16] = "";
	if (p->offset)
		snprintf(off, sizeof off, "%u", p->offset);
	/* the filters too, for the document page's back link (sd_back_keys order) */
	const char *vals[] = {p->unit, p->status, p->level, p->region, p->authority, p->from, p->to, p->sort, p->cites, p->asof, off};
	char sep = '?';
	if (*p->q) {
		fg_buf_puts(&u, "?hl=");
		fg_buf_put_urlpart(&u, p->q);
		sep = '&';
	}
	for (size_t i = 0; i < sd_nback_keys; i++) {
		if (!*vals[i])
			continue;
		fg_buf_printf(&u, "%c%s=", sep, sd_back_keys[i]);
		fg_buf_put_urlpart(&u, vals[i]);
		sep = '&';
	}
	if (frag)
		fg_buf_puts(&u, frag);
	fg_buf_put_html(b, u.data ? u.data : "", u.len);
	fg_buf_free(&u);
	fg_buf_puts(b, "\">");
	sd_put_html(b, h->title);
	fg_buf_puts(b, "</a></h2>\n<div class=\"meta\">");
	sd_put_badge(b, h->status);
	const char *parts[] = {h->level, h->authority, h->number, h->published};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		fg_buf_puts(b, " <span>");
		sd_put_html(b, parts[i]);
		fg_buf_puts(b, "</span>");
	}
	if (h->region && *h->region && strcmp(h->region, "全国")) {
		fg_buf_puts(b, " <span>");
		sd_put_html(b, h->region);
		fg_buf_puts(b, "</span>");
	}
	fg_buf_puts(b, "</div>\n");
	if ((h->article && *h->article) || (h->heading && *h->heading)) {
		fg_buf_puts(b, "<div class=\"where\">");
		if (h->article && *h->article) {
			char *shown = fg_item_label_display(h->article); /* 二（二）12 -> 二、（二）12. */
			fg_buf_puts(b, "<span class=\"label\">");
			sd_put_html(b, shown);
			fg_buf_puts(b, "</span>");
			free(shown);
		}
		if (h->heading && *h->heading) {
			fg_buf_puts(b, " <span class=\"heading\">");
			sd_put_html(b, h->heading);
			fg_buf_puts(b, "</span>");
		}
		fg_buf_puts(b, "</div>\n");
	}
	if (h->snippet && *h->snippet) {
		fg_buf_puts(b, "<p class=\"snippet\">");
		fg_buf_puts(b, h->snippet); /* escaped by libfagui, with <mark> */
		fg_buf_puts(b, "</p>\n");
	}
	if (!strcmp(p->unit, "doc") && h->matched_articles)
		fg_buf_printf(b, "<div class=\"matched\">命中 %u 条条文</div>\n", h->matched_articles);
	fg_buf_puts(b, "</li>\n");
}

/* A link to document id (and fragment frag, may be ""). */
static void doc_link(fg_buf *b, const char *id, const char *frag, const char *text)
{
	fg_buf_puts(b, "<a href=\"");
	sd_put_doc_href(b, id, frag);
	fg_buf_puts(b, "\">");
	sd_put_html(b, text);
	fg_buf_puts(b, "</a>");
}

/* The card of the rule the query names: title, status, level, dates, its versions and what cites it. */
static void put_rule_card(fg_buf *b, const fg_rulecard *c)
{
	fg_buf_puts(b, "<section class=\"rule-card\" aria-label=\"法规\">\n<h2>");
	doc_link(b, c->id, "", c->title);
	fg_buf_puts(b, "</h2>\n<div class=\"meta\">");
	sd_put_badge(b, c->status);
	const char *labels[] = {"", "公布", "施行"}, *vals[] = {c->level, c->published, c->effective};
	for (size_t i = 0; i < 3; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		fg_buf_puts(b, " <span>");
		sd_put_html(b, labels[i]);
		fg_buf_puts(b, labels[i][0] ? " " : "");
		sd_put_html(b, vals[i]);
		fg_buf_puts(b, "</span>");
	}
	fg_buf_puts(b, "</div>\n<div class=\"links\">");
	doc_link(b, c->id, "", "全文");
	if (c->nversions > 1) {
		fg_buf_printf(b, " · 版本（%zu）：", c->nversions);
		for (size_t i = 0; i < c->nversions; i++) {
			fg_buf_puts(b, i ? "、" : "");
			doc_link(b, c->versions[i].id, "", *c->versions[i].published ? c->versions[i].published : c->versions[i].id);
			if (strcmp(c->versions[i].status, FG_STATUS_IN_FORCE) != 0) {
				fg_buf_puts(b, "（");
				sd_put_html(b, c->versions[i].status);
				fg_buf_puts(b, "）");
			}
		}
	}
	if (c->cited_by) {
		fg_buf_puts(b, " · ");
		fg_buf s = {0};
		fg_buf_printf(&s, "被引用 %u 处", c->cited_by);
		doc_link(b, c->id, "#cited-by", s.data);
		fg_buf_free(&s);
	}
	fg_buf_puts(b, "</div>\n</section>\n");
}

static void put_pager(fg_buf *b, const sd_query *p, const fg_result *r)
{
	int prev = p->offset > 0;
	int next = (unsigned long)p->offset + p->limit < r->total &&
		   (unsigned long)p->offset + 2ul * p->limit <= FG_SEARCH_MAX_DEPTH;
	if (!prev && !next)
		return;
	fg_buf_puts(b, "<nav class=\"pager\" aria-label=\"翻页\">");
	char off[16];
	if (prev) {
		unsigned o = p->offset > p->limit ? p->offset - p->limit : 0;
		snprintf(off, sizeof off, "%u", o);
		sd_kv ov[1] = {{"offset", o ? off : NULL}};
		fg_buf_puts(b, "<a rel=\"prev\" href=\"");
		put_link(b, p, ov, 1);
		fg_buf_puts(b, "\">上一页</a>");
	}
	fg_buf_printf(b, " <span class=\"page\">第 %u 页</span> ", p->offset / p->limit + 1);
	if (next) {
		snprintf(off, sizeof off, "%u", p->offset + p->limit);
		sd_kv ov[1] = {{"offset", off}};
		fg_buf_puts(b, "<a rel=\"next\" href=\"");
		put_link(b, p, ov, 1);
		fg_buf_puts(b, "\">下一页</a>");
	}
	fg_buf_puts(b, "</nav>\n");
}

char *sd_render_search(const sd_query *p, const fg_result *r, const char *errmsg, const char *correction)
{
	fg_buf b = {0};
	sd_page_start(&b, p->q);
	sd_search_form(&b, p);
	fg_buf_puts(&b, "</header>\n<main class=\"results-page\">\n");
	if (p->q_chars)
		fg_buf_printf(&b, "<div class=\"notice\" role=\"status\">检索词过长（%zu 个字），只用了前 %zu 个字检索；"
				  "可以删去不必要的字词后再试。</div>\n",
			      p->q_chars, fg_utf8_count(p->q, strlen(p->q)));
	if (errmsg) {
		fg_buf_puts(&b, "<div class=\"error\" role=\"alert\"><strong>检索条件有误：</strong>");
		size_t n;
		char *clean = fg_utf8_sanitize(errmsg, strlen(errmsg), &n, NULL, NULL);
		fg_buf_put_html(&b, clean, n);
		free(clean);
		fg_buf_puts(&b, "</div>\n");
	} else if (!r) {
		fg_buf_puts(&b, "<section class=\"intro\">\n<p>检索法律、行政法规、地方性法规和规章的全文，结果精确到条文。</p>\n"
				"<ul class=\"tips\">\n<li>多个词用空格分开，表示同时包含：<code>行政许可 听证</code></li>\n"
				"<li>用引号检索完整短语：<code>\"不可抗力\"</code></li>\n"
				"<li>结果可按效力级别、时效性、地区和年份筛选</li>\n</ul>\n</section>\n");
	}
	if (r) {
		fg_buf_puts(&b, "<div class=\"summary\">");
		put_total(&b, r);
		fg_buf_printf(&b, "，用时 %.0f 毫秒", r->took_ms < 0 ? 0.0 : r->took_ms);
		if (r->relaxed)
			fg_buf_puts(&b, "<span class=\"relaxed\">（未找到全部词语同时出现的结果，已放宽匹配）</span>");
		if (r->nhits)
			fg_buf_puts(&b, " <a class=\"to-facets\" href=\"#facets\">筛选 ↓</a>");
		fg_buf_puts(&b, "</div>\n");
		put_toggles(&b, p);
		put_active_filters(&b, p);
		fg_buf_puts(&b, "<div class=\"layout\">\n");
		put_facets(&b, p, r);
		fg_buf_puts(&b, "<section class=\"hits\">\n");
		if (correction) {
			fg_buf_puts(&b, "<div class=\"did-you-mean\">您要找的是不是：<a href=\"/search?q=");
			fg_buf u = {0};
			fg_buf_put_urlpart(&u, correction);
			sd_put_html(&b, u.data);
			fg_buf_free(&u);
			fg_buf_puts(&b, "\">");
			sd_put_html(&b, correction);
			fg_buf_puts(&b, "</a></div>\n");
		}
		if (r->notice) {
			fg_buf_puts(&b, "<div class=\"notice\" role=\"status\">");
			sd_put_html(&b, r->notice);
			fg_buf_puts(&b, "</div>\n");
		}
		if (r->rule)
			put_rule_card(&b, r->rule);
		if (r->nhits == 0) {
			fg_buf_puts(&b, "<div class=\"empty\"><p>没有找到");
			if (*p->q) {
				fg_buf_puts(&b, "与“");
				sd_put_html(&b, p->q);
				fg_buf_puts(&b, "”相关的");
			}
			fg_buf_puts(&b, "结果。</p><p>可以减少关键词、检查错别字，或取消部分筛选条件。</p></div>\n");
		} else {
			fg_buf_puts(&b, "<ol class=\"hitlist\">\n");
			for (size_t i = 0; i < r->nhits; i++)
				put_hit(&b, p, &r->hits[i]);
			fg_buf_puts(&b, "</ol>\n");
		}
		put_pager(&b, p, r);
		fg_buf_puts(&b, "</section>\n</div>\n");
	}
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	return fg_buf_detach(&b);
}
