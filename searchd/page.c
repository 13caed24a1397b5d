/*
 * page.c - the pieces every page and reply of fagui-searchd shares, at the
 * bottom of its stairs (it calls nothing else in searchd): the page frames
 * (the search pages' and the work tools'), the search box, the status badge,
 * the error page, the work tools' error replies, and the HTTP status for a
 * libfagui error. Every echoed value goes through fg_buf_put_html.
 */
#include "searchd.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sd_put_html(fg_buf *b, const char *s)
{
	if (s)
		fg_buf_put_html(b, s, strlen(s));
}

/* The site's header links, on every page (the one layout). */
static void put_nav(fg_buf *b)
{
	fg_buf_puts(b, "<nav class=\"site\" aria-label=\"栏目\"><a href=\"/\">检索</a> <a href=\"/catalogue\">目录</a> "
		       "<a href=\"/cleanup\">清理</a> <a href=\"/draft\">起草比对</a> <a href=\"/check\">引用核对</a> "
		       "<a href=\"/compare\">新旧对照</a> <a href=\"/impact\">影响分析</a> "
		       "<a href=\"/changes\">变更记录</a></nav>\n");
}

/* The head, the header's brand link and the site links; tools adds their style sheet. */
static void page_head(fg_buf *b, const char *title, int tools)
{
	fg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (title && *title) {
		sd_put_html(b, title);
		fg_buf_puts(b, " - ");
	}
	fg_buf_puts(b, "法规检索</title>\n<link rel=\"icon\" href=\"data:,\">\n"
		       "<link rel=\"stylesheet\" href=\"/static/style.css\">\n");
	if (tools)
		fg_buf_puts(b, "<link rel=\"stylesheet\" href=\"/static/tools.css\">\n");
	fg_buf_puts(b, "</head>\n<body>\n<header class=\"top\">\n<a class=\"brand\" href=\"/\">法规检索</a>\n");
	put_nav(b);
}

void sd_page_start(fg_buf *b, const char *title)
{
	page_head(b, title, 0);
}

void sd_tool_page_start(fg_buf *b, const char *title)
{
	page_head(b, title, 1);
	fg_buf_puts(b, "</header>\n");
}

void sd_page_end(fg_buf *b)
{
	fg_buf_puts(b, "<footer class=\"foot\">法规全文检索 · Fagui " FAGUI_VERSION "</footer>\n</body>\n</html>\n");
}

void sd_search_form(fg_buf *b, const sd_query *p)
{
	fg_buf_puts(b, "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\n"
		       "<input type=\"search\" name=\"q\" id=\"q\" value=\"");
	sd_put_html(b, p ? p->q : "");
	fg_buf_printf(b, "\" placeholder=\"输入关键词，如：行政许可 听证\" aria-label=\"检索词\" maxlength=\"%d\"%s>\n",
		      FG_QUERY_MAX_BYTES / 3, p && p->nnames ? " list=\"rule-names\" autocomplete=\"off\"" : "");
	if (p && p->nnames) {
		fg_buf_puts(b, "<datalist id=\"rule-names\">");
		for (size_t i = 0; i < p->nnames; i++) {
			fg_buf_puts(b, "<option value=\"");
			sd_put_html(b, p->names[i].title);
			fg_buf_puts(b, "\">");
		}
		fg_buf_puts(b, "</datalist>\n");
	}
	if (p && *p->unit) {
		fg_buf_puts(b, "<input type=\"hidden\" name=\"unit\" value=\"");
		sd_put_html(b, p->unit);
		fg_buf_puts(b, "\">\n");
	}
	if (p && *p->sort) {
		fg_buf_puts(b, "<input type=\"hidden\" name=\"sort\" value=\"");
		sd_put_html(b, p->sort);
		fg_buf_puts(b, "\">\n");
	}
	fg_buf_puts(b, "<button type=\"submit\">检索</button>\n</form>\n");
}

static const char *badge_class(const char *status)
{
	if (!status)
		return "badge";
	if (!strcmp(status, FG_STATUS_IN_FORCE))
		return "badge badge-ok";
	if (!strcmp(status, FG_STATUS_PENDING))
		return "badge badge-pending";
	if (!strcmp(status, FG_STATUS_AMENDED))
		return "badge badge-old badge-amended";
	if (!strcmp(status, FG_STATUS_REPEALED))
		return "badge badge-old badge-repealed";
	if (!strcmp(status, FG_STATUS_INVALID))
		return "badge badge-old badge-expired";
	return "badge badge-old";
}

void sd_put_badge(fg_buf *b, const char *status)
{
	if (!status || !*status)
		return;
	fg_buf_printf(b, "<span class=\"%s\">", badge_class(status));
	sd_put_html(b, status);
	fg_buf_puts(b, "</span>");
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
	sd_page_start(&b, title);
	sd_query p = {.q = "", .unit = "", .sort = ""};
	sd_search_form(&b, &p);
	fg_buf_puts(&b, "</header>\n<main class=\"error-page\">\n");
	fg_buf_printf(&b, "<h1>%u %s</h1>\n<div class=\"error\" role=\"alert\">", status, title);
	if (msg) {
		size_t n;
		char *clean = fg_utf8_sanitize(msg, strlen(msg), &n, NULL, NULL);
		fg_buf_put_html(&b, clean, n);
		free(clean);
	}
	fg_buf_puts(&b, "</div>\n<p><a href=\"/\">返回首页</a></p>\n</main>\n");
	sd_page_end(&b);
	return fg_buf_detach(&b);
}

void sd_tool_error(sd_reply *out, unsigned status, const char *msg)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "error", json_object_new_string(msg));
	out->status = status;
	out->ctype = SD_CT_JSON;
	out->body =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

void sd_tool_error_page(sd_reply *out, unsigned status, const char *msg)
{
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = sd_render_error(status, msg);
}

unsigned sd_http_status(fg_status st)
{
	switch (st) {
	case FG_E_INVAL: return 400;
	case FG_E_LIMIT: return 413;
	case FG_E_NOTFOUND: return 404;
	default: return 503;
	}
}

void sd_put_doc_href(fg_buf *b, const char *id, const char *frag)
{
	fg_buf u = {0};
	fg_buf_puts(&u, "/doc/");
	fg_buf_put_urlpart(&u, id ? id : "");
	fg_buf_puts(&u, frag ? frag : "");
	fg_buf_put_html(b, u.data, u.len);
	fg_buf_free(&u);
}

void sd_put_unit_href(fg_buf *b, const char *id, int index)
{
	char frag[32];
	snprintf(frag, sizeof frag, "#a%d", index);
	sd_put_doc_href(b, id, frag);
}

void sd_put_spans(fg_buf *b, const char *text, const size_t *spans, size_t n, const char *tag)
{
	size_t len = strlen(text), at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t s = spans[2 * i], e = spans[2 * i + 1];
		if (s < at || e > len || s >= e)
			continue;
		fg_buf_put_html(b, text + at, s - at);
		fg_buf_printf(b, "<%s>", tag);
		fg_buf_put_html(b, text + s, e - s);
		fg_buf_printf(b, "</%s>", tag);
		at = e;
	}
	fg_buf_put_html(b, text + at, len - at);
}

void sd_put_href(fg_buf *b, const char *path, const char *const *keys, const char *const *vals, size_t nk,
		 const sd_kv *o, size_t n)
{
	fg_buf url = {0};
	fg_buf_puts(&url, path);
	char sep = '?';
	for (size_t i = 0; i < nk; i++) {
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
		fg_buf_put_urlpart(&url, v);
	}
	fg_buf_put_html(b, url.data, url.len);
	fg_buf_free(&url);
}

int sd_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > SD_MAX_ID)
		return 0;
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}
