/*
 * api_check.c - the citation check in fagui-searchd: POST /api/cite-check
 * (JSON in, JSON out), the page /check (a form posted back to itself, no
 * JavaScript: the pasted text with every citation marked by its verdict and
 * linked to the cited article, and a table of the verdicts), and the
 * 引用核对 section that /draft shows for a pasted draft. Every message about
 * bad input is in Chinese.
 */
#include "searchd.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_EMPTY "请粘贴要核对的文字"
#define MSG_DATE "日期格式应为 YYYY-MM-DD（如 2021-06-01），且须是真实存在的日期"
#define MSG_UTF8 "文字不是有效的 UTF-8 编码，请检查后重新粘贴"
#define MSG_NUL "文字中含有空字符（\\u0000），请删除后重试"

/* The message of a text that is too long, with the limit. */
static void too_long_msg(char *msg, size_t cap)
{
	snprintf(msg, cap, "文字过长：一次最多核对 %d 字节（约 %d 个汉字），请分段核对", FG_CITECHECK_MAX_BYTES,
		 FG_CITECHECK_MAX_BYTES / 3);
}

/* Whether s (n bytes) holds nothing but spaces and line breaks (ASCII and U+3000). */
static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		if (i + 3 <= n && !memcmp(s + i, "\xe3\x80\x80", 3)) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

/*
 * The checks of a text and date as given: 0 when they can be checked, else
 * the HTTP status with a Chinese message in msg.
 */
static unsigned check_input(const char *text, size_t len, const char *date, char *msg, size_t cap)
{
	if (blank(text, len)) {
		snprintf(msg, cap, "%s", MSG_EMPTY);
		return 400;
	}
	if (len > FG_CITECHECK_MAX_BYTES) {
		too_long_msg(msg, cap);
		return 413;
	}
	if (memchr(text, '\0', len)) {
		snprintf(msg, cap, "%s", MSG_NUL);
		return 400;
	}
	if (!fg_utf8_valid(text, len, NULL)) {
		snprintf(msg, cap, "%s", MSG_UTF8);
		return 400;
	}
	if (date && *date && !fg_date_valid(date)) {
		snprintf(msg, cap, "%s", MSG_DATE);
		return 400;
	}
	return 0;
}

/* A failed check as a status and a message (the core's own, in English, after a Chinese lead). */
static unsigned failed(fg_status st, const fg_err *err, char *msg, size_t cap)
{
	unsigned status = sd_http_status(st);
	snprintf(msg, cap, "%s：%s", status == 503 ? "索引暂不可用" : "无法核对",
		 err->msg[0] ? err->msg : fg_status_str(st));
	return status;
}

/* ---- POST /api/cite-check ---- */

/* The text and date of a JSON body; NULL, or the message of a 400. */
static const char *api_fields(json_object *o, const char **text, size_t *len, const char **date)
{
	json_object *t = NULL, *d = NULL;
	if (!json_object_object_get_ex(o, "text", &t) || json_object_is_type(t, json_type_null))
		return "缺少 text：请在 JSON 中给出要核对的文字，如 {\"text\": \"……\"}";
	if (!json_object_is_type(t, json_type_string))
		return "text 应为字符串";
	*text = json_object_get_string(t);
	*len = (size_t)json_object_get_string_len(t);
	*date = "";
	if (json_object_object_get_ex(o, "date", &d) && !json_object_is_type(d, json_type_null)) {
		if (!json_object_is_type(d, json_type_string))
			return MSG_DATE;
		*date = json_object_get_string(d);
	}
	return NULL;
}

void sd_api_cite_check(const sd_call *c, sd_reply *out)
{
	if (strcmp(c->method, "POST") != 0) {
		sd_tool_error(out, 405, "请用 POST 提交 JSON：{\"text\": \"要核对的文字\", \"date\": \"YYYY-MM-DD\"}（date 可省略）");
		return;
	}
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, c->body, (int)c->body_len);
	int bad = !o || json_tokener_get_error(tok) != json_tokener_success || !json_object_is_type(o, json_type_object);
	json_tokener_free(tok);
	if (bad && !fg_utf8_valid(c->body, c->body_len, NULL)) {
		json_object_put(o);
		sd_tool_error(out, 400, "请求体不是有效的 UTF-8 编码");
		return;
	}
	if (bad) {
		json_object_put(o);
		sd_tool_error(out, 400, "请求体应为 JSON 对象：{\"text\": \"要核对的文字\", \"date\": \"YYYY-MM-DD\"}（date 可省略）");
		return;
	}
	const char *text = NULL, *date = NULL;
	size_t len = 0;
	char msg[320];
	const char *bad_field = api_fields(o, &text, &len, &date);
	unsigned status = bad_field ? 400 : check_input(text, len, date, msg, sizeof msg);
	if (status) {
		sd_tool_error(out, status, bad_field ? bad_field : msg);
		json_object_put(o);
		return;
	}
	fg_err err = {0};
	fg_citeverdict *v = NULL;
	size_t n = 0;
	int truncated = 0;
	fg_status st = fg_citecheck_text(c->s, text, len, date, &v, &n, &truncated, &err);
	if (st != FG_OK) {
		status = failed(st, &err, msg, sizeof msg);
		sd_tool_error(out, status, msg);
	} else {
		out->status = 200;
		out->ctype = SD_CT_JSON;
		out->body = fg_citecheck_json(v, n, date, truncated);
	}
	fg_citeverdicts_free(v, n);
	json_object_put(o);
}

/* ---- HTML: the marked text, the table, the section ---- */

/* The link to what a verdict cites: its article, else its document. */
static void put_cited_href(fg_buf *b, const fg_citeverdict *v)
{
	if (v->article_index >= 0)
		sd_put_unit_href(b, v->id, v->article_index);
	else
		sd_put_doc_href(b, v->id, NULL);
}

/* text with every verdict's span in a <mark> of its verdict's class, linked to the cited article. */
static void put_marked_text(fg_buf *b, const char *text, size_t len, const fg_citeverdict *v, size_t n)
{
	size_t at = 0;
	fg_buf_puts(b, "<div class=\"check-text\">");
	for (size_t i = 0; i < n; i++) {
		if (v[i].start < at || v[i].end > len)
			continue;
		fg_buf_put_html(b, text + at, v[i].start - at);
		fg_buf_printf(b, "<mark class=\"cite cite-%s\" title=\"", v[i].verdict);
		sd_put_html(b, v[i].note);
		fg_buf_puts(b, "\">");
		if (v[i].resolved) {
			fg_buf_puts(b, "<a href=\"");
			put_cited_href(b, &v[i]);
			fg_buf_puts(b, "\">");
		}
		fg_buf_put_html(b, text + v[i].start, v[i].end - v[i].start);
		if (v[i].resolved)
			fg_buf_puts(b, "</a>");
		fg_buf_printf(b, "</mark><sup><a class=\"cite-ref\" href=\"#v%zu\">%zu</a></sup>", i + 1, i + 1);
		at = v[i].end;
	}
	fg_buf_put_html(b, text + at, len - at);
	fg_buf_puts(b, "</div>\n");
}

/* The 现行条文 cell: the version in force's article, when it is another one than the cited. */
static void put_current_cell(fg_buf *b, const fg_citeverdict *v)
{
	fg_buf_puts(b, "<td class=\"current\">");
	if (v->amended_after && *v->current_id) {
		fg_buf_puts(b, "<a href=\"");
		if (v->current_index >= 0)
			sd_put_unit_href(b, v->current_id, v->current_index);
		else
			sd_put_doc_href(b, v->current_id, NULL);
		fg_buf_puts(b, "\">");
		sd_put_html(b, v->current_title);
		if (*v->current_article) {
			fg_buf_puts(b, " ");
			sd_put_html(b, v->current_article);
		}
		fg_buf_puts(b, "</a>");
		if (*v->current_text) {
			fg_buf_puts(b, "<div class=\"text\">");
			sd_put_html(b, v->current_text);
			fg_buf_puts(b, "</div>");
		}
	}
	fg_buf_puts(b, "</td>");
}

/* One row of the verdicts' table. */
static void put_verdict_row(fg_buf *b, size_t i, const fg_citeverdict *v)
{
	fg_buf_printf(b, "<tr id=\"v%zu\" class=\"cite-%s\"><td class=\"num\">%zu</td><td class=\"cited\">", i + 1,
		      v->verdict, i + 1);
	sd_put_html(b, v->text);
	fg_buf_puts(b, "</td><td class=\"rule\">");
	if (v->resolved) {
		fg_buf_puts(b, "<a href=\"");
		put_cited_href(b, v);
		fg_buf_puts(b, "\">");
		sd_put_html(b, v->rtitle);
		if (v->article_index >= 0) {
			fg_buf_puts(b, " ");
			sd_put_html(b, v->article);
		}
		fg_buf_puts(b, "</a> ");
		sd_put_badge(b, v->status);
		if (*v->published) {
			fg_buf_puts(b, " <span class=\"date\">");
			sd_put_html(b, v->published);
			fg_buf_puts(b, " 公布</span>");
		}
		if (*v->article_text) {
			fg_buf_puts(b, "<details><summary>所引条文</summary><div class=\"text\">");
			sd_put_html(b, v->article_text);
			fg_buf_puts(b, "</div></details>");
		}
	} else {
		fg_buf_puts(b, "—");
	}
	fg_buf_printf(b, "</td><td class=\"verdict\"><strong class=\"note-%s\">", v->verdict);
	sd_put_html(b, v->note);
	fg_buf_puts(b, "</strong>");
	if (*v->detail) {
		fg_buf_puts(b, "<div class=\"detail\">");
		sd_put_html(b, v->detail);
		fg_buf_puts(b, "</div>");
	}
	fg_buf_puts(b, "</td>");
	put_current_cell(b, v);
	fg_buf_puts(b, "</tr>\n");
}

/* The summary line, the marked text and the table of n verdicts checked on date (NULL or "": now). */
static void put_results(fg_buf *b, const char *text, size_t len, const char *date, const fg_citeverdict *v, size_t n,
			int truncated)
{
	size_t ok = 0;
	for (size_t i = 0; i < n; i++)
		ok += !strcmp(v[i].verdict, "ok");
	if (!n) {
		fg_buf_puts(b, "<p class=\"summary\">没有找到引用法规的地方（如《……》第X条、民法典第X条）。</p>\n");
		return;
	}
	fg_buf_printf(b, "<p class=\"summary\">共找到 %zu 处引用：正确 %zu 处，需要注意 %zu 处。", n, ok, n - ok);
	if (date && *date) {
		fg_buf_puts(b, "按 ");
		sd_put_html(b, date);
		fg_buf_puts(b, " 有效的版本核对，状态为该日的状态。");
	} else {
		fg_buf_puts(b, "按现行版本核对。");
	}
	if (truncated)
		fg_buf_printf(b, "引用过多，只核对了前 %d 处。", FG_CITECHECK_MAX_CITES);
	fg_buf_puts(b, "</p>\n");
	put_marked_text(b, text, len, v, n);
	fg_buf_puts(b, "<div class=\"table-wrap\"><table class=\"check\">\n<thead><tr><th>#</th><th>引用</th>"
		       "<th>所引法规条文</th><th>核对结果</th><th>现行条文</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++)
		put_verdict_row(b, i, &v[i]);
	fg_buf_puts(b, "</tbody></table></div>\n");
}

void sd_put_citecheck_section(fg_buf *b, fg_searcher *s, const char *text, size_t len)
{
	fg_buf_puts(b, "<section class=\"citecheck\" id=\"citecheck\">\n<h2>引用核对</h2>\n");
	fg_err err = {0};
	fg_citeverdict *v = NULL;
	size_t n = 0;
	int truncated = 0;
	fg_status st = len > FG_CITECHECK_MAX_BYTES ? FG_E_LIMIT
						    : fg_citecheck_text(s, text, len, NULL, &v, &n, &truncated, &err);
	if (st == FG_E_LIMIT) {
		char msg[200];
		too_long_msg(msg, sizeof msg);
		fg_buf_puts(b, "<p class=\"error\">");
		sd_put_html(b, msg);
		fg_buf_puts(b, "</p>\n");
	} else if (st != FG_OK) {
		char msg[320];
		failed(st, &err, msg, sizeof msg);
		fg_buf_puts(b, "<p class=\"error\">");
		sd_put_html(b, msg);
		fg_buf_puts(b, "</p>\n");
	} else {
		put_results(b, text, len, NULL, v, n, truncated);
	}
	fg_citeverdicts_free(v, n);
	fg_buf_puts(b, "</section>\n");
}

/* ---- /check ---- */

/* The form, filled with what was posted (text may be invalid UTF-8: shown sanitized). */
static void check_form(fg_buf *b, const char *text, size_t len, const char *date)
{
	fg_buf_puts(b, "<form class=\"draft check\" method=\"post\" action=\"/check\">\n"
		       "<label for=\"text\">粘贴要核对的文字（草案、合同、答复等），其中引用的法规和条文将逐一核对</label>\n"
		       "<textarea id=\"text\" name=\"text\" rows=\"10\" required>");
	size_t n;
	char *clean = fg_utf8_sanitize(text ? text : "", text ? len : 0, &n, NULL, NULL);
	fg_buf_put_html(b, clean, n);
	free(clean);
	fg_buf_puts(b, "</textarea>\n<label for=\"date\">核对日期（可选，YYYY-MM-DD：按这一天有效的版本核对，如合同签订日；"
		       "不填则按现行版本）</label>\n<input type=\"text\" id=\"date\" name=\"date\" inputmode=\"numeric\" "
		       "placeholder=\"YYYY-MM-DD\" maxlength=\"10\" value=\"");
	if (date && fg_utf8_valid(date, strlen(date), NULL))
		sd_put_html(b, date);
	fg_buf_puts(b, "\">\n<button type=\"submit\">核对引用</button>\n</form>\n");
}

/* The text and date posted to /check; 0, or the status of bad input with a message. */
static unsigned check_post(const sd_call *c, char **text, size_t *len, char **date, char *msg, size_t cap)
{
	size_t dlen;
	int t = sd_form_field(c->body, c->body_len, "text", text, len);
	int d = sd_form_field(c->body, c->body_len, "date", date, &dlen);
	if (t < 0 || d < 0) {
		snprintf(msg, cap, "表单数据有误：百分号编码不完整，请重新提交");
		return 400;
	}
	if (d > 0 && (memchr(*date, '\0', dlen) || !fg_utf8_valid(*date, dlen, NULL))) {
		snprintf(msg, cap, "%s", MSG_DATE);
		return 400;
	}
	if (*date) { /* spaces around a typed date do not matter */
		char *p = *date, *e = p + strlen(p);
		while (*p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		memmove(*date, p, (size_t)(e - p));
		(*date)[e - p] = '\0';
	}
	return check_input(*text ? *text : "", *text ? *len : 0, *date, msg, cap);
}

void sd_page_check(const sd_call *c, sd_reply *out)
{
	char *text = NULL, *date = NULL;
	size_t len = 0;
	char msg[320] = "";
	unsigned status = 200;
	int post = !strcmp(c->method, "POST");
	if (post && (status = check_post(c, &text, &len, &date, msg, sizeof msg)) == 0)
		status = 200;
	fg_buf b = {0};
	sd_tool_page_start(&b, "引用核对");
	fg_buf_puts(&b, "<main class=\"tool-page\">\n<h1>引用核对：所引法规和条文是否准确、有效</h1>\n");
	check_form(&b, text, len, date);
	if (post && status == 200) {
		fg_err err = {0};
		fg_citeverdict *v = NULL;
		size_t n = 0;
		int truncated = 0;
		fg_status st = fg_citecheck_text(c->s, text, len, date, &v, &n, &truncated, &err);
		if (st != FG_OK)
			status = failed(st, &err, msg, sizeof msg);
		else
			put_results(&b, text, len, date, v, n, truncated);
		fg_citeverdicts_free(v, n);
	}
	if (status != 200) {
		fg_buf_puts(&b, "<div class=\"error\" role=\"alert\">");
		sd_put_html(&b, msg);
		fg_buf_puts(&b, "</div>\n");
	}
	if (!post)
		fg_buf_puts(&b, "<p class=\"hint\">可识别《……》第X条、《……》（不引条文）以及不加书名号的"
				"“民法典第五百条”“劳动合同法第三十九条”“民诉法第一百二十二条”等写法。</p>\n");
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	free(text);
	free(date);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&b);
}
