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

/* The 被引用 list: units of other documents citing this one. */
static void put_cited_by(fg_buf *b, const fg_docview *v)
{
	if (!v->ncited_by)
		return;
	fg_buf_printf(b, "<section class=\"cited-by\" id=\"cited-by\">\n<h2>被引用（%zu）</h2>\n<ul>\n", v->ncited_by);
	for (size_t i = 0; i < v->ncited_by; i++) {
		const fg_citedby *c = &v->cited_by[i];
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

char *sd_render_doc(const fg_docview *v, const char *hl)
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
	if (hl && *hl) {
		fg_buf_puts(&b, "<p class=\"back\"><a href=\"/search?q=");
		fg_buf u = {0};
		fg_buf_put_urlpart(&u, hl);
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
	fg_buf_puts(&b, "<div class=\"body\">\n");
	sd_render_body(&b, v, hl);
	fg_buf_puts(&b, "</div>\n");
	put_cited_by(&b, v); /* 被引用 */
	fg_buf_puts(&b, "</article>\n</main>\n");
	sd_page_end(&b);
	return fg_buf_detach(&b);
}
