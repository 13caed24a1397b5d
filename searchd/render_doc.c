/*
 * render_doc.c - the document page of fagui-searchd: the title, a link back
 * to the search the reader came from, the metadata table, the history
 * (历史沿革), the versions of the rule with links to the 新旧对照 page, the
 * body (render_body.c) and the units of other documents citing this one
 * (被引用). Every echoed value goes through fg_buf_put_html.
 */
#include "searchd.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

const char *const sd_back_keys[] = {"unit", "status", "level", "region", "authority", "from",
				    "to",   "sort",   "cites", "asof",   "offset"};
const size_t sd_nback_keys = sizeof sd_back_keys / sizeof sd_back_keys[0];

/* 1 when the citing unit i is already listed (the same article cited twice). */
static int cited_before(const fg_docview *v, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (v->cited_by[k].article_index == v->cited_by[i].article_index && !strcmp(v->cited_by[k].id, v->cited_by[i].id))
			return 1;
	return 0;
}

/* The 被引用 list: units of other documents citing this one, each once. */
static void put_cited_by(fg_buf *b, const fg_docview *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->ncited_by; i++)
		n += !cited_before(v, i);
	if (!n)
		return;
	fg_buf_printf(b, "<section class=\"cited-by\" id=\"cited-by\">\n<h2>被引用（%zu）</h2>\n<ul>\n", n);
	for (size_t i = 0; i < v->ncited_by; i++) {
		const fg_citedby *c = &v->cited_by[i];
		if (cited_before(v, i))
			continue;
		fg_buf_puts(b, "<li><a href=\"");
		sd_put_unit_href(b, c->id, c->article_index);
		fg_buf_puts(b, "\">");
		sd_put_html(b, c->title);
		if (*c->article) {
			char *shown = fg_item_label_display(c->article);
			fg_buf_puts(b, " ");
			sd_put_html(b, shown);
			free(shown);
		}
		fg_buf_puts(b, "</a>：");
		sd_put_html(b, c->text);
		fg_buf_puts(b, "</li>\n");
	}
	fg_buf_puts(b, "</ul>\n</section>\n");
}

static void meta_row(fg_buf *b, const char *name, const char *value, int badge)
{
	fg_buf_puts(b, "<tr><th scope=\"row\">");
	fg_buf_puts(b, name);
	fg_buf_puts(b, "</th><td>");
	if (!value || !*value)
		fg_buf_puts(b, "—");
	else if (badge)
		sd_put_badge(b, value);
	else
		sd_put_html(b, value);
	fg_buf_puts(b, "</td></tr>\n");
}

/* The versions of this rule (from the /api/doc JSON), each with a link to the 新旧对照 page. */
static void put_versions(fg_buf *b, const fg_docview *v)
{
	json_object *o = v->json ? json_tokener_parse(v->json) : NULL, *vers = NULL;
	if (!o || !json_object_object_get_ex(o, "versions", &vers) || json_object_array_length(vers) < 2) {
		json_object_put(o);
		return;
	}
	fg_buf_puts(b, "<section class=\"versions\" id=\"versions\">\n<h2>历史版本</h2>\n<ol>\n");
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
		fg_buf_put_urlpart(&u, val[0]);
		fg_buf_puts(b, "<li>");
		if (i == self) {
			sd_put_html(b, val[1]);
		} else {
			fg_buf_puts(b, "<a href=\"/doc/");
			fg_buf_put_html(b, u.data ? u.data : "", u.len);
			fg_buf_puts(b, "\">");
			sd_put_html(b, val[1]);
			fg_buf_puts(b, "</a>");
		}
		fg_buf_puts(b, " <span class=\"ver-date\">");
		sd_put_html(b, val[2]);
		fg_buf_puts(b, " 施行</span> ");
		sd_put_badge(b, val[3]);
		if (i != self && self < n) {
			/* older version first */
			fg_buf me = {0};
			fg_buf_put_urlpart(&me, v->meta.id);
			fg_buf_puts(b, " <a class=\"compare-link\" href=\"/compare?a=");
			fg_buf_put_html(b, i < self ? u.data : me.data, i < self ? u.len : me.len);
			fg_buf_puts(b, "&amp;b=");
			fg_buf_put_html(b, i < self ? me.data : u.data, i < self ? me.len : u.len);
			fg_buf_puts(b, "\">新旧对照</a>");
			fg_buf_puts(b, " <a class=\"impact-link\" href=\"/impact?old=");
			fg_buf_put_html(b, i < self ? u.data : me.data, i < self ? u.len : me.len);
			fg_buf_puts(b, "&amp;new=");
			fg_buf_put_html(b, i < self ? me.data : u.data, i < self ? me.len : u.len);
			fg_buf_puts(b, "\">影响分析</a>");
			fg_buf_free(&me);
		}
		fg_buf_puts(b, "</li>\n");
		fg_buf_free(&u);
	}
	fg_buf_puts(b, "</ol>\n</section>\n");
	json_object_put(o);
}

/*
 * The banner of a version not in force: what it is and a link to the
 * version in force (from the /api/doc JSON's versions), or that none is.
 */
static void put_banner(fg_buf *b, const fg_docview *v)
{
	const char *st = v->meta.status;
	if (!st || !*st || !strcmp(st, FG_STATUS_IN_FORCE))
		return;
	json_object *o = v->json ? json_tokener_parse(v->json) : NULL, *vers = NULL, *cur = NULL;
	if (o && json_object_object_get_ex(o, "versions", &vers))
		for (size_t i = 0; i < json_object_array_length(vers); i++) {
			json_object *x = json_object_array_get_idx(vers, i), *f;
			if (json_object_object_get_ex(x, "status", &f) && !strcmp(json_object_get_string(f), FG_STATUS_IN_FORCE))
				cur = x;
		}
	fg_buf_puts(b, "<div class=\"banner\" role=\"note\">本文件");
	sd_put_badge(b, st);
	if (!strcmp(st, FG_STATUS_PENDING) && v->meta.effective && *v->meta.effective) {
		fg_buf_puts(b, "，将于 ");
		sd_put_html(b, v->meta.effective);
		fg_buf_puts(b, " 起施行");
	}
	json_object *f;
	if (cur && json_object_object_get_ex(cur, "id", &f) && strcmp(json_object_get_string(f), v->meta.id ? v->meta.id : "")) {
		fg_buf_puts(b, "。现行有效的版本：<a href=\"");
		sd_put_doc_href(b, json_object_get_string(f), NULL);
		fg_buf_puts(b, "\">");
		sd_put_html(b, json_object_object_get_ex(cur, "title", &f) ? json_object_get_string(f) : "");
		if (json_object_object_get_ex(cur, "effective", &f) && *json_object_get_string(f)) {
			fg_buf_puts(b, "（");
			sd_put_html(b, json_object_get_string(f));
			fg_buf_puts(b, " 施行）");
		}
		fg_buf_puts(b, "</a>");
	} else if (strcmp(st, FG_STATUS_PENDING)) {
		fg_buf_puts(b, "，目录中没有现行有效的版本");
	}
	fg_buf_puts(b, "。</div>\n");
	json_object_put(o);
}

/* The parts of a code filed in parts (民法典: 总则编 … 附则), in order, each linked but this one. */
static void put_parts(fg_buf *b, const fg_docview *v)
{
	json_object *o = v->json ? json_tokener_parse(v->json) : NULL, *parts = NULL;
	if (!o || !json_object_object_get_ex(o, "parts", &parts) || json_object_array_length(parts) < 2) {
		json_object_put(o);
		return;
	}
	fg_buf_puts(b, "<nav class=\"parts\" aria-label=\"各编\">本法典各编：");
	for (size_t i = 0; i < json_object_array_length(parts); i++) {
		json_object *x = json_object_array_get_idx(parts, i), *f;
		const char *id = json_object_object_get_ex(x, "id", &f) ? json_object_get_string(f) : "";
		const char *t = json_object_object_get_ex(x, "title", &f) ? json_object_get_string(f) : "";
		const char *dot = strstr(t, " · ");
		const char *name = dot ? dot + strlen(" · ") : t;
		fg_buf_puts(b, i ? " · " : "");
		if (v->meta.id && !strcmp(id, v->meta.id)) {
			fg_buf_puts(b, "<strong aria-current=\"page\">");
			sd_put_html(b, name);
			fg_buf_puts(b, "</strong>");
		} else {
			fg_buf_puts(b, "<a href=\"");
			sd_put_doc_href(b, id, NULL);
			fg_buf_puts(b, "\">");
			sd_put_html(b, name);
			fg_buf_puts(b, "</a>");
		}
	}
	fg_buf_puts(b, "</nav>\n");
	json_object_put(o);
}

/* The i-th " / " part of a unit's heading path into *s, *n; 0 past the last. */
static int heading_at(const char *h, size_t i, const char **s, size_t *n)
{
	for (; h && i; i--) {
		h = strstr(h, " / ");
		h = h ? h + 3 : NULL;
	}
	if (!h || !*h)
		return 0;
	const char *e = strstr(h, " / ");
	*s = h;
	*n = e ? (size_t)(e - h) : strlen(h);
	return 1;
}

/*
 * The table of contents of a document with 编/章/节: every heading of its
 * articles' paths, where it first appears, linked to that article; folded
 * in <details> (no script). Nothing for documents with fewer than 3.
 */
static void put_toc(fg_buf *b, const fg_docview *v)
{
	fg_buf t = {0};
	size_t entries = 0;
	const char *prev = "";
	for (size_t i = 0; i < v->nunits; i++) {
		const fg_article *u = &v->units[i];
		if (u->kind != FG_UNIT_ARTICLE || !u->heading || !*u->heading || !strcmp(u->heading, prev))
			continue;
		const char *s, *ps;
		size_t n, pn;
		int same = 1;
		for (size_t d = 0; heading_at(u->heading, d, &s, &n); d++) {
			same = same && heading_at(prev, d, &ps, &pn) && pn == n && !memcmp(ps, s, n);
			if (same)
				continue;
			fg_buf_printf(&t, "<li class=\"toc-d%zu\"><a href=\"#a%zu\">", d < 3 ? d : 3, i);
			fg_buf_put_html(&t, s, n);
			fg_buf_puts(&t, "</a></li>\n");
			entries++;
		}
		prev = u->heading;
	}
	if (entries >= 3) {
		fg_buf_printf(b, "<details class=\"toc\"%s><summary>目录（%zu 项）</summary>\n<ol>\n", entries <= 12 ? " open" : "", entries);
		fg_buf_put(b, t.data, t.len);
		fg_buf_puts(b, "</ol>\n</details>\n");
	}
	fg_buf_free(&t);
}

/* ← 返回检索结果: the search the reader came from, with its filters (sd_back_keys). */
static void put_back(fg_buf *b, const char *hl, const sd_req *r)
{
	const char *keys[16], *vals[16];
	size_t n = 0;
	keys[n] = "q";
	vals[n++] = hl ? hl : "";
	for (size_t i = 0; r && i < sd_nback_keys && n < 16; i++) {
		keys[n] = sd_back_keys[i];
		vals[n++] = sd_param_get(r, sd_back_keys[i]);
	}
	int any = 0;
	for (size_t i = 0; i < n; i++)
		any |= *vals[i] != '\0';
	if (!any)
		return;
	fg_buf_puts(b, "<p class=\"back\"><a href=\"");
	sd_put_href(b, "/search", keys, vals, n, NULL, 0);
	fg_buf_puts(b, "\">← 返回检索结果</a></p>\n");
}

char *sd_render_doc(const fg_docview *v, const char *hl, const sd_req *r)
{
	fg_buf b = {0};
	const fg_meta *m = &v->meta;
	sd_query p = {.q = hl ? hl : "", .unit = "", .sort = ""};
	char *title = fg_meta_display_title(m); /* with the part of a code: 中华人民共和国民法典 · 物权编 */
	sd_page_start(&b, title);
	sd_search_form(&b, &p);
	fg_buf_puts(&b, "</header>\n<main class=\"doc-page\">\n<article class=\"doc\">\n<h1>");
	sd_put_html(&b, *title ? title : m->id);
	free(title);
	fg_buf_puts(&b, "</h1>\n");
	put_back(&b, hl, r);
	put_banner(&b, v);
	put_parts(&b, v);
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
			sd_put_html(&b, v->events[i].date);
			fg_buf_puts(&b, "\">");
			sd_put_html(&b, v->events[i].date);
			fg_buf_puts(&b, "</time> ");
			sd_put_html(&b, v->events[i].text);
			fg_buf_puts(&b, "</li>\n");
		}
		fg_buf_puts(&b, "</ol>\n</section>\n");
	}
	put_versions(&b, v);
	put_toc(&b, v);
	fg_buf_puts(&b, "<div class=\"body\">\n");
	sd_render_body(&b, v, hl);
	fg_buf_puts(&b, "</div>\n");
	put_cited_by(&b, v); /* 被引用 */
	fg_buf_puts(&b, "</article>\n</main>\n");
	sd_page_end(&b);
	return fg_buf_detach(&b);
}
