/*
 * render.c - the HTML pages of fagui-searchd: the search page (box, hits,
 * facets, toggles, pagination), the document page (metadata, history, and
 * the body rendered through cmark in safe mode with every article anchored
 * as id="a<unit index>"), and error pages. Pages work without JavaScript;
 * every echoed value goes through fg_buf_put_html. Snippets and highlights
 * from libfagui are already escaped and are inserted as they are.
 */
#include "searchd.h"

#include <cmark.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static void puth(fg_buf *b, const char *s)
{
	if (s)
		fg_buf_put_html(b, s, strlen(s));
}

static void page_start(fg_buf *b, const char *title, const char *q)
{
	fg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (title && *title) {
		puth(b, title);
		fg_buf_puts(b, " - ");
	}
	fg_buf_puts(b, "法规检索</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
		       "<header class=\"top\">\n<a class=\"brand\" href=\"/\">法规检索</a>\n");
	(void)q;
}

static void page_end(fg_buf *b)
{
	fg_buf_puts(b, "<footer class=\"foot\">法规全文检索 · Fagui " FAGUI_VERSION "</footer>\n</body>\n</html>\n");
}

/* The one search box: a GET form that keeps the unit and sort choices. */
static void search_form(fg_buf *b, const sd_query *p)
{
	fg_buf_puts(b, "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\n"
		       "<input type=\"search\" name=\"q\" id=\"q\" value=\"");
	puth(b, p ? p->q : "");
	fg_buf_printf(b, "\" placeholder=\"输入关键词，如：行政许可 听证\" aria-label=\"检索词\" maxlength=\"%d\">\n",
		      FG_QUERY_MAX_BYTES / 3);
	if (p && *p->unit) {
		fg_buf_puts(b, "<input type=\"hidden\" name=\"unit\" value=\"");
		puth(b, p->unit);
		fg_buf_puts(b, "\">\n");
	}
	if (p && *p->sort) {
		fg_buf_puts(b, "<input type=\"hidden\" name=\"sort\" value=\"");
		puth(b, p->sort);
		fg_buf_puts(b, "\">\n");
	}
	fg_buf_puts(b, "<button type=\"submit\">检索</button>\n</form>\n");
}

/* ---- links that keep the query and filters ---- */

typedef struct kv {
	const char *key;
	const char *val;            /* NULL: drop the parameter */
} kv;

/*
 * Append an href (HTML-escaped) to /search with p's parameters, where the
 * overrides in o (n of them) replace or drop a parameter. The offset is
 * kept only when overridden: changing a filter goes back to page one.
 */
static void put_link(fg_buf *b, const sd_query *p, const kv *o, size_t n)
{
	char limit[16] = "", offset[16] = "";
	if (p->limit != 10)
		snprintf(limit, sizeof limit, "%u", p->limit);
	const char *keys[] = {"q", "unit", "status", "level", "region", "authority", "from",
			      "to", "sort", "cites", "asof", "limit", "offset"};
	const char *vals[] = {p->q, p->unit, p->status, p->level, p->region, p->authority, p->from,
			      p->to, p->sort, p->cites, p->asof, limit, offset};
	fg_buf url = {0};
	fg_buf_puts(&url, "/search");
	char sep = '?';
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = vals[i];
		for (size_t k = 0; k < n; k++)
			if (!strcmp(o[k].key, keys[i]))
				v = o[k].val;
		if (!v || !*v)
			continue;
		fg_buf_putc(&url, sep);
		sep = '&';
		fg_buf_puts(&url, keys[i]);
		fg_buf_putc(&url, '=');
		sd_put_urlenc(&url, v, strlen(v));
	}
	fg_buf_put_html(b, url.data, url.len);
	fg_buf_free(&url);
}

static void link1(fg_buf *b, const sd_query *p, const char *key, const char *val, const char *cls, const char *text)
{
	kv o[1] = {{key, val}};
	fg_buf_puts(b, "<a");
	if (cls)
		fg_buf_printf(b, " class=\"%s\"", cls);
	fg_buf_puts(b, " href=\"");
	put_link(b, p, o, 1);
	fg_buf_puts(b, "\">");
	puth(b, text);
	fg_buf_puts(b, "</a>");
}

static const char *badge_class(const char *status)
{
	if (!status)
		return "badge";
	if (!strcmp(status, FG_STATUS_IN_FORCE))
		return "badge badge-ok";
	if (!strcmp(status, FG_STATUS_PENDING))
		return "badge badge-pending";
	return "badge badge-old";
}

static void put_badge(fg_buf *b, const char *status)
{
	if (!status || !*status)
		return;
	fg_buf_printf(b, "<span class=\"%s\">", badge_class(status));
	puth(b, status);
	fg_buf_puts(b, "</span>");
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

static void put_facets(fg_buf *b, const sd_query *p, const fg_result *r)
{
	fg_buf_puts(b, "<aside class=\"facets\" aria-label=\"筛选\">\n");
	for (int i = 0; i < FG_NFACETS; i++) {
		const fg_facet *f = &r->facets[i];
		if (!f->name || f->n == 0)
			continue;
		fg_buf_printf(b, "<section class=\"facet\" data-facet=\"%s\">\n<h3>", f->name);
		puth(b, facet_title(f->name));
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
				kv o[2] = {{"from", active ? NULL : from}, {"to", active ? NULL : to}};
				put_link(b, p, o, 2);
			} else {
				kv o[1] = {{f->name, active ? NULL : v->value}};
				put_link(b, p, o, 1);
			}
			fg_buf_puts(b, "\">");
			puth(b, v->value);
			fg_buf_printf(b, " <span class=\"count\">%u</span>", v->count);
			if (active)
				fg_buf_puts(b, " <span class=\"remove\" aria-label=\"取消\">×</span>");
			fg_buf_puts(b, "</a></li>\n");
		}
		fg_buf_puts(b, "</ul>\n</section>\n");
	}
	fg_buf_puts(b, "</aside>\n");
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
		kv o[1] = {{keys[i], NULL}};
		put_link(b, p, o, 1);
		fg_buf_puts(b, "\" title=\"取消此条件\">");
		puth(b, names[i]);
		fg_buf_puts(b, "：");
		puth(b, vals[i]);
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
	if (*p->q) {
		fg_buf_puts(&u, "?hl=");
		sd_put_urlenc(&u, p->q, strlen(p->q));
	}
	if (frag)
		fg_buf_puts(&u, frag);
	fg_buf_put_html(b, u.data ? u.data : "", u.len);
	fg_buf_free(&u);
	fg_buf_puts(b, "\">");
	puth(b, h->title);
	fg_buf_puts(b, "</a></h2>\n<div class=\"meta\">");
	put_badge(b, h->status);
	const char *parts[] = {h->level, h->authority, h->number, h->published};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		fg_buf_puts(b, " <span>");
		puth(b, parts[i]);
		fg_buf_puts(b, "</span>");
	}
	if (h->region && *h->region && strcmp(h->region, "全国")) {
		fg_buf_puts(b, " <span>");
		puth(b, h->region);
		fg_buf_puts(b, "</span>");
	}
	fg_buf_puts(b, "</div>\n");
	if ((h->article && *h->article) || (h->heading && *h->heading)) {
		fg_buf_puts(b, "<div class=\"where\">");
		if (h->article && *h->article) {
			fg_buf_puts(b, "<span class=\"label\">");
			puth(b, h->article);
			fg_buf_puts(b, "</span>");
		}
		if (h->heading && *h->heading) {
			fg_buf_puts(b, " <span class=\"heading\">");
			puth(b, h->heading);
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
		kv ov[1] = {{"offset", o ? off : NULL}};
		fg_buf_puts(b, "<a rel=\"prev\" href=\"");
		put_link(b, p, ov, 1);
		fg_buf_puts(b, "\">上一页</a>");
	}
	fg_buf_printf(b, " <span class=\"page\">第 %u 页</span> ", p->offset / p->limit + 1);
	if (next) {
		snprintf(off, sizeof off, "%u", p->offset + p->limit);
		kv ov[1] = {{"offset", off}};
		fg_buf_puts(b, "<a rel=\"next\" href=\"");
		put_link(b, p, ov, 1);
		fg_buf_puts(b, "\">下一页</a>");
	}
	fg_buf_puts(b, "</nav>\n");
}

char *sd_render_search(const sd_query *p, const fg_result *r, const char *errmsg)
{
	fg_buf b = {0};
	page_start(&b, p->q, p->q);
	search_form(&b, p);
	fg_buf_puts(&b, "</header>\n<main class=\"results-page\">\n");
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
		fg_buf_printf(&b, "共 %u 条结果，用时 %.0f 毫秒", r->total, r->took_ms < 0 ? 0.0 : r->took_ms);
		if (r->relaxed)
			fg_buf_puts(&b, "<span class=\"relaxed\">（未找到全部词语同时出现的结果，已放宽匹配）</span>");
		fg_buf_puts(&b, "</div>\n");
		put_toggles(&b, p);
		put_active_filters(&b, p);
		fg_buf_puts(&b, "<div class=\"layout\">\n");
		put_facets(&b, p, r);
		fg_buf_puts(&b, "<section class=\"hits\">\n");
		if (r->nhits == 0) {
			fg_buf_puts(&b, "<div class=\"empty\"><p>没有找到");
			if (*p->q) {
				fg_buf_puts(&b, "与“");
				puth(&b, p->q);
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
	page_end(&b);
	return fg_buf_detach(&b);
}

/* ---- highlighting terms of a query ---- */

typedef struct needles {
	char **v;
	size_t n;
	const fg_docview *doc;      /* the document page's view: its citations become links (NULL elsewhere) */
} needles;

static void needles_add(needles *nd, const char *s, size_t n)
{
	if (n == 0 || nd->n >= 32)
		return;
	static const char *const ops[] = {"and", "or", "not", "near"};
	for (size_t i = 0; i < 4; i++)
		if (n == strlen(ops[i]) && !memcmp(s, ops[i], n))
			return;
	for (size_t i = 0; i < nd->n; i++)
		if (strlen(nd->v[i]) == n && !memcmp(nd->v[i], s, n))
			return;
	nd->v = fg_xrealloc(nd->v, (nd->n + 1) * sizeof *nd->v);
	nd->v[nd->n++] = fg_xstrndup(s, n);
}

/* The query's Han runs and ASCII words, normalized; terms after a '-' (excluded) are left out. */
static void needles_from_query(const char *q, needles *nd)
{
	nd->v = NULL;
	nd->n = 0;
	nd->doc = NULL;
	if (!q || !*q)
		return;
	char *norm = NULL;
	size_t len = 0;
	if (fg_normalize(q, strlen(q), &norm, &len, NULL, NULL) != FG_OK || !norm)
		return;
	size_t i = 0, start = 0;
	int kind = 0, excluded = 0; /* 0 none, 1 Han run, 2 word */
	char prev = ' ';
	while (i <= len) {
		uint32_t cp = 0;
		size_t used = 1;
		int k = 0;
		if (i < len) {
			used = fg_utf8_decode(norm + i, len - i, &cp);
			if (fg_is_han(cp))
				k = 1;
			else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z'))
				k = 2;
		}
		if (k != kind) {
			if (kind && !excluded)
				needles_add(nd, norm + start, i - start);
			if (k) {
				start = i;
				excluded = prev == '-';
			}
			kind = k;
		}
		if (i < len)
			prev = cp < 0x80 ? (char)cp : 'x';
		i += used;
	}
	free(norm);
}

static void needles_free(needles *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		free(nd->v[i]);
	free(nd->v);
}

/* Text with the needles marked (escaped HTML), or plain escaped text when there are none. */
static void put_marked(fg_buf *b, const char *s, size_t n, const needles *nd)
{
	if (nd && nd->n) {
		char *h = fg_highlight_html(s, n, (const char *const *)nd->v, nd->n);
		fg_buf_puts(b, h);
		free(h);
	} else {
		fg_buf_put_html(b, s, n);
	}
}

/* The resolved citation of the page for 《title》 followed by article (num, sub), or NULL. */
static const fg_citation *find_citation(const fg_docview *v, const char *title, size_t tlen, long num, long sub)
{
	const fg_citation *any = NULL;
	for (size_t i = 0; i < v->ncitations; i++) {
		const fg_citation *c = &v->citations[i];
		if (!c->resolved || c->c.kind == FG_CITE_INTERNAL || strlen(c->c.title) != tlen ||
		    memcmp(c->c.title, title, tlen))
			continue;
		if (c->c.num == num && c->c.sub == sub)
			return c;
		if (!any)
			any = c;
	}
	return any;
}

/*
 * Text as put_marked writes it, with every resolved 《title》 (and the
 * article reference after it) linked to /doc/<id>#a<cited article index>.
 */
static void put_text(fg_buf *b, const char *s, size_t n, const needles *nd)
{
	const fg_docview *v = nd ? nd->doc : NULL;
	size_t last = 0, i = 0;
	while (v && v->ncitations && i + 3 <= n) {
		const char *lq = memmem(s + i, n - i, "《", 3);
		if (!lq)
			break;
		size_t open = (size_t)(lq - s);
		const char *rq = memmem(s + open + 3, n - open - 3, "》", 3);
		if (!rq)
			break;
		size_t close = (size_t)(rq - s) + 3, used = 0;
		long num = 0, sub = 0;
		if (!fg_article_label(s + close, n - close, &num, &sub, &used))
			used = 0, num = sub = 0;
		const fg_citation *c = find_citation(v, s + open + 3, close - 3 - open - 3, num, sub);
		if (!c) {
			i = open + 3;
			continue;
		}
		size_t end = close;
		size_t alen = strlen(c->c.article);
		if (alen && n - close >= alen && !memcmp(s + close, c->c.article, alen))
			end = close + alen;
		put_marked(b, s + last, open - last, nd);
		fg_buf_puts(b, "<a class=\"cite\" href=\"/doc/");
		fg_buf u = {0};
		sd_put_urlenc(&u, c->id, strlen(c->id));
		fg_buf_printf(&u, "#a%d", c->article_index);
		fg_buf_put_html(b, u.data, u.len);
		fg_buf_free(&u);
		fg_buf_puts(b, "\" title=\"");
		puth(b, c->rtitle);
		fg_buf_puts(b, "\">");
		put_marked(b, s + open, end - open, nd);
		fg_buf_puts(b, "</a>");
		last = i = end;
	}
	put_marked(b, s + last, n - last, nd);
}

/* The 被引用 list: units of other documents citing this one. */
static void put_cited_by(fg_buf *b, const fg_docview *v)
{
	if (!v->ncited_by)
		return;
	fg_buf_printf(b, "<section class=\"cited-by\">\n<h2>被引用（%zu）</h2>\n<ul>\n", v->ncited_by);
	for (size_t i = 0; i < v->ncited_by; i++) {
		const fg_citedby *c = &v->cited_by[i];
		fg_buf_puts(b, "<li><a href=\"/doc/");
		fg_buf u = {0};
		sd_put_urlenc(&u, c->id, strlen(c->id));
		fg_buf_printf(&u, "#a%d", c->article_index);
		fg_buf_put_html(b, u.data, u.len);
		fg_buf_free(&u);
		fg_buf_puts(b, "\">");
		puth(b, c->title);
		if (*c->article) {
			fg_buf_puts(b, " ");
			puth(b, c->article);
		}
		fg_buf_puts(b, "</a>：");
		puth(b, c->text);
		fg_buf_puts(b, "</li>\n");
	}
	fg_buf_puts(b, "</ul>\n</section>\n");
}

/* ---- the document page ---- */

static void meta_row(fg_buf *b, const char *name, const char *value, int badge)
{
	fg_buf_puts(b, "<tr><th scope=\"row\">");
	fg_buf_puts(b, name);
	fg_buf_puts(b, "</th><td>");
	if (!value || !*value)
		fg_buf_puts(b, "—");
	else if (badge)
		put_badge(b, value);
	else
		puth(b, value);
	fg_buf_puts(b, "</td></tr>\n");
}

/* Skip spaces, tabs, newlines and the ideographic space. */
static const char *skip_space(const char *s, const char *end)
{
	for (;;) {
		if (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			s++;
		else if (end - s >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			return s;
	}
}

/* Plain text at the start of a block (descending into emphasis and links), up to about 96 bytes. */
static void block_prefix(cmark_node *node, fg_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c && out->len < 96; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(c);
			if (lit)
				fg_buf_puts(out, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			return;
		} else {
			block_prefix(c, out);
		}
	}
}

/* 1 when a block's text starts with the first words of a unit's text (non-article units). */
static int starts_like(const char *block, size_t blen, const fg_article *u)
{
	const char *t = u->text ? u->text : "";
	const char *tend = t + u->len;
	t = skip_space(t, tend);
	size_t n = 0;
	while (t + n < tend && t[n] != '\n' && n < 24)
		n++;
	while (n > 0 && t + n < tend && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--; /* whole code points only */
	const char *bend = block + blen;
	block = skip_space(block, bend);
	return n >= 6 && (size_t)(bend - block) >= n && !memcmp(block, t, n);
}

typedef struct anchor {
	cmark_node *node;
	size_t unit;
} anchor;

/*
 * Walk the paragraphs and headings in document order and decide which unit
 * each starts: a paragraph beginning with 第X条 takes the next article unit
 * with that number; other units (preamble, appendix) take the first block
 * beginning with their text. Units are matched in order.
 */
static size_t find_anchors(cmark_node *root, const fg_docview *v, anchor **out)
{
	anchor *a = NULL;
	size_t na = 0, next = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && next < v->nunits) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING))
			continue;
		fg_buf pre = {0};
		block_prefix(node, &pre);
		const char *s = pre.data ? pre.data : "";
		const char *start = skip_space(s, s + pre.len);
		long num, sub;
		size_t used, hit = (size_t)-1;
		if (t == CMARK_NODE_PARAGRAPH &&
		    fg_article_label(start, pre.len - (size_t)(start - s), &num, &sub, &used)) {
			for (size_t k = next; k < v->nunits; k++) {
				if (v->units[k].kind == FG_UNIT_ARTICLE && v->units[k].num == num && v->units[k].sub == sub) {
					hit = k;
					break;
				}
			}
		} else if (v->units[next].kind != FG_UNIT_ARTICLE && starts_like(s, pre.len, &v->units[next])) {
			hit = next;
		}
		fg_buf_free(&pre);
		if (hit != (size_t)-1) {
			a = fg_xrealloc(a, (na + 1) * sizeof *a);
			a[na].node = node;
			a[na].unit = hit;
			na++;
			next = hit + 1;
		}
	}
	cmark_iter_free(it);
	*out = a;
	return na;
}

/*
 * Pass every text node through put_text; where that adds markup (marks now,
 * citation links later) the node becomes a raw inline holding the escaped,
 * decorated text.
 */
static void decorate_tree(cmark_node *root, const needles *nd)
{
	cmark_node **texts = NULL;
	size_t nt = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT) {
			texts = fg_xrealloc(texts, (nt + 1) * sizeof *texts);
			texts[nt++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < nt; i++) {
		const char *lit = cmark_node_get_literal(texts[i]);
		if (!lit)
			continue;
		fg_buf h = {0};
		put_text(&h, lit, strlen(lit), nd);
		if (h.data && (strstr(h.data, "<mark>") || strstr(h.data, "<a "))) {
			cmark_node *raw = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
			cmark_node_set_on_enter(raw, h.data);
			cmark_node_set_on_exit(raw, "");
			cmark_node_replace(texts[i], raw);
			cmark_node_free(texts[i]);
		}
		fg_buf_free(&h);
	}
	free(texts);
}

/* Drop YAML front matter if the stored body still has it. */
static const char *skip_front_matter(const char *body, size_t *len)
{
	if (*len < 4 || memcmp(body, "---", 3) || (body[3] != '\n' && body[3] != '\r'))
		return body;
	const char *p = body + 3;
	const char *end = body + *len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line = p;
		p = nl ? nl + 1 : end;
		size_t ll = (size_t)(p - line);
		while (ll && (line[ll - 1] == '\n' || line[ll - 1] == '\r'))
			ll--;
		if (line != body + 3 && ((ll == 3 && !memcmp(line, "---", 3)) || (ll == 3 && !memcmp(line, "...", 3)))) {
			*len = (size_t)(end - p);
			return p;
		}
	}
	return body;
}

/*
 * Raw HTML never reaches the page (safe mode would leave a comment in its
 * place), and the dated lines before <!-- INFO END --> are already shown as
 * the history list, so they go too when the document has events.
 */
static void drop_info_block(cmark_node *doc, const fg_docview *v)
{
	cmark_node *info_end = NULL;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(c) : NULL;
		if (lit && strstr(lit, "INFO END")) {
			info_end = c;
			break;
		}
	}
	if (info_end && v->nevents) {
		while (cmark_node_first_child(doc) != info_end)
			cmark_node_free(cmark_node_first_child(doc));
	}
	cmark_node **html = NULL;
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)) {
			html = fg_xrealloc(html, (n + 1) * sizeof *html);
			html[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++)
		cmark_node_free(html[i]);
	free(html);
}

static void render_markdown(fg_buf *b, const fg_docview *v, const needles *nd)
{
	size_t len = v->body ? strlen(v->body) : 0;
	const char *body = skip_front_matter(v->body ? v->body : "", &len);
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8; /* safe: raw HTML and bad URLs are dropped */
	cmark_node *doc = cmark_parse_document(body, len, opts);
	/* The first level-1 heading repeats the title shown above the metadata. */
	cmark_node *first = cmark_node_first_child(doc);
	if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1)
		cmark_node_free(first);
	drop_info_block(doc, v);

	anchor *a;
	size_t na = find_anchors(doc, v, &a);
	decorate_tree(doc, nd);
	/*
	 * cmark cannot put attributes on a paragraph, so an anchored block is
	 * rendered on its own and its opening tag given the id; the result
	 * replaces the block as a raw custom block (our own, escaped output).
	 */
	for (size_t i = 0; i < na; i++) {
		char *html = cmark_render_html(a[i].node, opts);
		fg_buf h = {0};
		const char *gt = html[0] == '<' ? strchr(html, '>') : NULL;
		if (gt) {
			fg_buf_put(&h, html, (size_t)(gt - html));
			fg_buf_printf(&h, " id=\"a%zu\" class=\"unit\"", a[i].unit);
			fg_buf_puts(&h, gt);
		} else {
			fg_buf_printf(&h, "<div id=\"a%zu\" class=\"unit\">%s</div>", a[i].unit, html);
		}
		free(html);
		cmark_node *raw = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(raw, h.data);
		cmark_node_set_on_exit(raw, "");
		cmark_node_replace(a[i].node, raw);
		cmark_node_free(a[i].node);
		fg_buf_free(&h);
	}
	free(a);
	char *html = cmark_render_html(doc, opts);
	fg_buf_puts(b, html);
	free(html);
	cmark_node_free(doc);
}

static void render_units(fg_buf *b, const fg_docview *v, const needles *nd)
{
	const char *heading = "";
	for (size_t i = 0; i < v->nunits; i++) {
		const fg_article *u = &v->units[i];
		if (u->heading && *u->heading && strcmp(u->heading, heading)) {
			heading = u->heading;
			const char *last = strrchr(heading, '/');
			last = last ? skip_space(last + 1, heading + strlen(heading)) : heading;
			fg_buf_puts(b, "<h2 class=\"heading\">");
			puth(b, last);
			fg_buf_puts(b, "</h2>\n");
		}
		fg_buf_printf(b, "<section id=\"a%zu\" class=\"unit\">\n", i);
		const char *s = u->text ? u->text : "";
		const char *end = s + (u->text ? u->len : 0);
		while (s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			const char *e = nl ? nl : end;
			if (e > s) {
				fg_buf_puts(b, "<p>");
				put_text(b, s, (size_t)(e - s), nd);
				fg_buf_puts(b, "</p>\n");
			}
			s = e + 1;
		}
		fg_buf_puts(b, "</section>\n");
	}
}

/* The versions of this rule (from the /api/doc JSON), each with a link to the 新旧对照 page. */
static void put_versions(fg_buf *b, const fg_docview *v)
{
	json_object *o = v->json ? json_tokener_parse(v->json) : NULL, *vers = NULL;
	if (!o || !json_object_object_get_ex(o, "versions", &vers) || json_object_array_length(vers) < 2) {
		json_object_put(o);
		return;
	}
	fg_buf_puts(b, "<section class=\"versions\">\n<h2>历史版本</h2>\n<ol>\n");
	size_t n = json_object_array_length(vers), self = n;
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_array_get_idx(vers, i), *f;
		if (json_object_object_get_ex(x, "id", &f) && v->meta.id && !strcmp(json_object_get_string(f), v->meta.id))
			self = i;
	}
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_array_get_idx(vers, i), *f;
		const char *k[4] = {"id", "title", "effective", "status"}, *val[4];
		for (int j = 0; j < 4; j++)
			val[j] = json_object_object_get_ex(x, k[j], &f) ? json_object_get_string(f) : "";
		fg_buf u = {0};
		sd_put_urlenc(&u, val[0], strlen(val[0]));
		fg_buf_puts(b, "<li>");
		if (i == self) {
			puth(b, val[1]);
		} else {
			fg_buf_puts(b, "<a href=\"/doc/");
			fg_buf_put_html(b, u.data ? u.data : "", u.len);
			fg_buf_puts(b, "\">");
			puth(b, val[1]);
			fg_buf_puts(b, "</a>");
		}
		fg_buf_puts(b, " <span class=\"ver-date\">");
		puth(b, val[2]);
		fg_buf_puts(b, " 施行</span> ");
		put_badge(b, val[3]);
		if (i != self && self < n) {
			/* older version first */
			fg_buf me = {0};
			sd_put_urlenc(&me, v->meta.id, strlen(v->meta.id));
			fg_buf_puts(b, " <a class=\"compare-link\" href=\"/compare?a=");
			fg_buf_put_html(b, i < self ? u.data : me.data, i < self ? u.len : me.len);
			fg_buf_puts(b, "&amp;b=");
			fg_buf_put_html(b, i < self ? me.data : u.data, i < self ? me.len : u.len);
			fg_buf_puts(b, "\">新旧对照</a>");
			fg_buf_free(&me);
		}
		fg_buf_puts(b, "</li>\n");
		fg_buf_free(&u);
	}
	fg_buf_puts(b, "</ol>\n</section>\n");
	json_object_put(o);
}

char *sd_render_doc(const fg_docview *v, const char *hl)
{
	fg_buf b = {0};
	const fg_meta *m = &v->meta;
	sd_query p = {.q = hl ? hl : "", .unit = "", .sort = ""};
	page_start(&b, m->title, NULL);
	search_form(&b, &p);
	fg_buf_puts(&b, "</header>\n<main class=\"doc-page\">\n<article class=\"doc\">\n<h1>");
	puth(&b, m->title && *m->title ? m->title : m->id);
	fg_buf_puts(&b, "</h1>\n");
	if (hl && *hl) {
		fg_buf_puts(&b, "<p class=\"back\"><a href=\"/search?q=");
		fg_buf u = {0};
		sd_put_urlenc(&u, hl, strlen(hl));
		fg_buf_put_html(&b, u.data ? u.data : "", u.len);
		fg_buf_free(&u);
		fg_buf_puts(&b, "\">← 返回检索结果</a></p>\n");
	}
	fg_buf_puts(&b, "<table class=\"docmeta\">\n");
	meta_row(&b, "文号", m->number, 0);
	meta_row(&b, "制定机关", m->authority, 0);
	meta_row(&b, "效力级别", m->level, 0);
	meta_row(&b, "时效性", m->status, 1);
	meta_row(&b, "地区", m->region, 0);
	meta_row(&b, "公布日期", m->published, 0);
	meta_row(&b, "施行日期", m->effective, 0);
	meta_row(&b, "有效期至", m->expires, 0);
	fg_buf_puts(&b, "</table>\n");
	if (v->nevents) {
		fg_buf_puts(&b, "<section class=\"history\">\n<h2>历史沿革</h2>\n<ol>\n");
		for (size_t i = 0; i < v->nevents; i++) {
			fg_buf_puts(&b, "<li><time datetime=\"");
			puth(&b, v->events[i].date);
			fg_buf_puts(&b, "\">");
			puth(&b, v->events[i].date);
			fg_buf_puts(&b, "</time> ");
			puth(&b, v->events[i].text);
			fg_buf_puts(&b, "</li>\n");
		}
		fg_buf_puts(&b, "</ol>\n</section>\n");
	}
	put_versions(&b, v);
	needles nd;
	needles_from_query(hl, &nd);
	nd.doc = v; /* citation links */
	fg_buf_puts(&b, "<div class=\"body\">\n");
	if (v->format == FG_FMT_MARKDOWN && v->body)
		render_markdown(&b, v, &nd);
	else
		render_units(&b, v, &nd);
	fg_buf_puts(&b, "</div>\n");
	put_cited_by(&b, v); /* 被引用 */
	fg_buf_puts(&b, "</article>\n</main>\n");
	needles_free(&nd);
	page_end(&b);
	return fg_buf_detach(&b);
}

char *sd_render_error(unsigned status, const char *msg)
{
	const char *title;
	switch (status) {
	case 400: title = "请求有误"; break;
	case 404: title = "未找到"; break;
	case 405: title = "不支持的请求方法"; break;
	case 413: title = "请求过长"; break;
	case 503: title = "索引暂不可用"; break;
	default: title = "出错了"; break;
	}
	fg_buf b = {0};
	page_start(&b, title, NULL);
	sd_query p = {.q = "", .unit = "", .sort = ""};
	search_form(&b, &p);
	fg_buf_puts(&b, "</header>\n<main class=\"error-page\">\n");
	fg_buf_printf(&b, "<h1>%u %s</h1>\n<div class=\"error\" role=\"alert\">", status, title);
	if (msg) {
		size_t n;
		char *clean = fg_utf8_sanitize(msg, strlen(msg), &n, NULL, NULL);
		fg_buf_put_html(&b, clean, n);
		free(clean);
	}
	fg_buf_puts(&b, "</div>\n<p><a href=\"/\">返回首页</a></p>\n</main>\n");
	page_end(&b);
	return fg_buf_detach(&b);
}
