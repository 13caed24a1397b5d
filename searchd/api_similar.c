/*
 * api_similar.c - similar provisions in fagui-searchd: POST /api/similar
 * (JSON in, JSON out) and the drafting page /draft (a textarea form posted
 * back to itself, no JavaScript). A draft is placed by its level and region:
 * the page opens with the counts of the check (可能与上位法抵触 · 与同级规定不一致
 * · 其他地区参考), then the verdicts on the draft's citations (api_check.c),
 * then every article of the draft, shown once with the conflicting spans
 * marked, beside its matches: superior law, same-level rules, reference.
 */
#include "searchd.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAFT_LIMIT 5          /* matches shown per draft article */
#define DRAFT_MIN_SIMILARITY 0.15

/* ---- POST /api/similar ---- */

/*
 * The fields of a POST /api/similar body: so gets limit, level and region
 * (borrowed from o); text, or id and idx, what to compare. Returns NULL, or
 * the message of a 400.
 */
static const char *similar_request(json_object *o, fg_similar_opts *so, json_object **text, json_object **id,
				   json_object **idx)
{
	json_object *limit = NULL, *level = NULL, *region = NULL;
	json_object_object_get_ex(o, "text", text);
	json_object_object_get_ex(o, "id", id);
	json_object_object_get_ex(o, "article_index", idx);
	json_object_object_get_ex(o, "limit", &limit);
	json_object_object_get_ex(o, "level", &level);
	json_object_object_get_ex(o, "region", &region);
	const char *msg = NULL;
	if (limit) {
		int64_t l = json_object_get_int64(limit);
		if (!json_object_is_type(limit, json_type_int) || l < 1 || l > FG_SIMILAR_MAX_LIMIT)
			msg = "每条返回数（limit）应为 1 到 50 之间的整数";
		else
			so->limit = (unsigned)l;
	}
	if (level && (!json_object_is_type(level, json_type_string) || !fg_level_canon(json_object_get_string(level))))
		msg = "效力级别（level）应为宪法、法律、行政法规、监察法规、司法解释、部门规章、地方性法规、地方政府规章、规范性文件等之一";
	else if (level)
		so->level = fg_level_canon(json_object_get_string(level));
	if (!msg && region && !json_object_is_type(region, json_type_string))
		msg = "地区（region）应为草案所在的省、市或县，如 示例省白河市、山东省青岛市";
	else if (!msg && region &&
		 !fg_utf8_valid(json_object_get_string(region), (size_t)json_object_get_string_len(region), NULL))
		msg = "地区（region）不是有效的 UTF-8 编码";
	else if (region)
		so->region = json_object_get_string(region);
	if (!msg && !!*text == !!*id)
		msg = "请提交 \"text\"（草案文字），或 \"id\" 与 \"article_index\"（已有条文），二者选一";
	if (!msg && *text && !json_object_is_type(*text, json_type_string))
		msg = "text 应为字符串";
	if (!msg && *id &&
	    (!json_object_is_type(*id, json_type_string) || !*idx || !json_object_is_type(*idx, json_type_int)))
		msg = "id must be a string and article_index an integer";
	if (!msg && *id && (level || region))
		msg = "level 和 region 用于粘贴的草案：请与 \"text\" 一起提交，不要与 \"id\" 一起";
	return msg;
}

void sd_api_similar(const sd_call *c, sd_reply *out)
{
	if (strcmp(c->method, "POST") != 0) {
		sd_tool_error(out, 405, "不支持该请求方法：请用 POST 提交 JSON");
		return;
	}
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, c->body, (int)c->body_len);
	int bad = !o || json_tokener_get_error(tok) != json_tokener_success || !json_object_is_type(o, json_type_object);
	json_tokener_free(tok);
	if (bad) {
		json_object_put(o);
		sd_tool_error(out, 400, "请求体应为 JSON 对象：{\"text\": \"草案条文\"} 或 {\"id\": \"文件编号\", \"article_index\": N}");
		return;
	}
	json_object *text = NULL, *id = NULL, *idx = NULL;
	fg_similar_opts so = {10, 0, 0, 0, NULL, NULL};
	const char *msg = similar_request(o, &so, &text, &id, &idx);
	if (msg) {
		json_object_put(o);
		sd_tool_error(out, 400, msg);
		return;
	}
	fg_err err = {0};
	fg_simresult **rs = NULL;
	size_t n = 0;
	fg_status st;
	int multi = 0;
	if (text) {
		const char *t = json_object_get_string(text);
		size_t tl = (size_t)json_object_get_string_len(text);
		if (!fg_utf8_valid(t, tl, NULL)) {
			json_object_put(o);
			sd_tool_error(out, 400, "草案文字不是有效的 UTF-8 编码");
			return;
		}
		st = fg_similar_text(c->s, c->cfg->sw, t, tl, &so, &rs, &n, &err);
		multi = n > 1;
	} else {
		int64_t ai = json_object_get_int64(idx);
		fg_simresult *one = NULL;
		const char *ids = json_object_get_string(id);
		st = ai < 0 || ai > 1000000 ? fg_err_set(&err, FG_E_NOTFOUND, "文件“%.200s”中没有第 %lld 个条文，请检查 article_index",
							 ids, (long long)ai)
					      : fg_similar_article(c->s, c->cfg->sw, ids, (int)ai, &so, &one, &err);
		if (st == FG_OK) {
			rs = fg_xcalloc(1, sizeof *rs);
			rs[0] = one;
			n = 1;
		}
	}
	json_object_put(o);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_similar_json(rs, n, multi);
	for (size_t i = 0; i < n; i++)
		fg_simresult_free(rs[i]);
	free(rs);
}

/* ---- /draft ---- */

/* Value of key in an application/x-www-form-urlencoded body (caller frees); NULL when absent or malformed. */
static char *form_value(const char *body, size_t len, const char *key)
{
	char *v;
	size_t n;
	return sd_form_field(body, len, key, &v, &n) == 1 ? v : NULL;
}

typedef struct span {
	size_t s, e;
} span;

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return (x->s > y->s) - (x->s < y->s);
}

/* text HTML-escaped with <mark class="diff"> around the (possibly overlapping) spans. */
static void put_marked(fg_buf *b, const char *text, span *sp, size_t n)
{
	size_t len = strlen(text), at = 0;
	if (n) /* sp is NULL when there are no spans */
		qsort(sp, n, sizeof *sp, cmp_span);
	for (size_t i = 0; i < n; i++) {
		size_t s = sp[i].s < at ? at : sp[i].s, e = sp[i].e > len ? len : sp[i].e;
		while (i + 1 < n && sp[i + 1].s <= e) {
			if (sp[i + 1].e > e)
				e = sp[i + 1].e > len ? len : sp[i + 1].e;
			i++;
		}
		if (s >= e)
			continue;
		fg_buf_put_html(b, text + at, s - at);
		fg_buf_puts(b, "<mark class=\"diff\">");
		fg_buf_put_html(b, text + s, e - s);
		fg_buf_puts(b, "</mark>");
		at = e;
	}
	fg_buf_put_html(b, text + at, len - at);
}

static void put_text_paras(fg_buf *b, const char *text, span *sp, size_t n)
{
	fg_buf_puts(b, "<div class=\"text\">");
	put_marked(b, text, sp, n);
	fg_buf_puts(b, "</div>");
}

static void draft_form(fg_buf *b, const sd_call *c, const char *text, const char *level, const char *region)
{
	fg_buf_puts(b, "<form class=\"draft\" method=\"post\" action=\"/draft\">\n"
		       "<label for=\"text\">粘贴草案条文（每条以“第X条”开头，可多条）</label>\n"
		       "<textarea id=\"text\" name=\"text\" rows=\"12\" required>");
	sd_put_html(b, text);
	fg_buf_puts(b, "</textarea>\n<label for=\"level\">草案的效力级别（用于区分上位法、同级规定和其他地区的参考）</label>\n"
		       "<select id=\"level\" name=\"level\"><option value=\"\">（不指定）</option>");
	for (size_t i = 0; fg_levels[i]; i++) {
		fg_buf_puts(b, "<option");
		if (level && !strcmp(level, fg_levels[i]))
			fg_buf_puts(b, " selected");
		fg_buf_puts(b, ">");
		sd_put_html(b, fg_levels[i]);
		fg_buf_puts(b, "</option>");
	}
	fg_buf_puts(b, "</select>\n<label for=\"region\">草案适用的地区（省、市、县；全国性的草案填“全国”或留空）</label>\n"
		       "<input type=\"text\" id=\"region\" name=\"region\" list=\"places\" placeholder=\"如：山东省青岛市、白河市\" value=\"");
	sd_put_html(b, region ? region : "");
	fg_buf_puts(b, "\">\n");
	char **places = NULL;
	size_t np = 0;
	fg_err err = {0};
	if (fg_similar_places(c->s, &places, &np, &err) == FG_OK && np) {
		fg_buf_puts(b, "<datalist id=\"places\"><option value=\"全国\">");
		for (size_t i = 0; i < np; i++) {
			fg_buf_puts(b, "<option value=\"");
			sd_put_html(b, places[i]);
			fg_buf_puts(b, "\">");
		}
		fg_buf_puts(b, "</datalist>\n");
	}
	for (size_t i = 0; i < np; i++)
		free(places[i]);
	free(places);
	fg_buf_puts(b, "<button type=\"submit\">比对草案</button>\n</form>\n");
}

/* The counts of the check, at the top of the results. */
static void draft_summary(fg_buf *b, fg_simresult *const *rs, size_t n)
{
	fg_simsummary s;
	fg_similar_summary(rs, n, &s);
	const fg_simresult *r = rs[0];
	fg_buf_puts(b, "<div class=\"draft-summary\">\n<p class=\"summary\">草案");
	if (*r->level) {
		fg_buf_puts(b, "：");
		sd_put_html(b, r->level);
		fg_buf_puts(b, *r->place ? " · " : " · 未指定地区");
		sd_put_html(b, r->place);
	}
	fg_buf_printf(b, " · 共 %zu 条</p>\n", n);
	if (!*r->level) {
		fg_buf_puts(b, "<p class=\"note\">未指定草案的效力级别：无法区分上位法、同级规定和其他地区的规定，"
			       "相似条文按相似度排列。</p>\n</div>\n");
		return;
	}
	fg_buf_printf(b, "<p class=\"counts\"><span class=\"n-superior\">可能与上位法抵触 <b>%zu</b> 处</span> · "
			 "<span class=\"n-same\">与同级规定不一致 <b>%zu</b> 处</span> · "
			 "<span class=\"n-reference\">其他地区参考 <b>%zu</b> 处</span></p>\n",
		      s.superior_conflicts, s.same_level_conflicts, s.reference);
	if (!*r->place)
		fg_buf_puts(b, "<p class=\"note\">未指定草案的地区：只有全国性的规定能认定为上位法，地方的规定都作参考。</p>\n");
	fg_buf_puts(b, "</div>\n");
}

/* One match: where it comes from, its text with the spans marked, its findings. */
static void draft_match(fg_buf *b, const fg_simhit *h)
{
	span *bs = fg_xcalloc(h->nconflicts + 1, sizeof *bs);
	for (size_t m = 0; m < h->nconflicts; m++)
		bs[m] = (span){h->conflicts[m].b_start, h->conflicts[m].b_end};
	fg_buf_printf(b, "<div class=\"match rel-%s%s\">\n<div class=\"cap\"><a href=\"",
		      *fg_relation_name(h->relation) ? fg_relation_name(h->relation) : "none",
		      h->nconflicts ? " has-conflict" : "");
	sd_put_html(b, h->hit.url);
	fg_buf_puts(b, "\">");
	sd_put_html(b, h->hit.title);
	fg_buf_puts(b, " ");
	sd_put_html(b, h->hit.article);
	fg_buf_puts(b, "</a> <span class=\"lvl\">");
	sd_put_html(b, h->hit.level);
	fg_buf_puts(b, "</span> <span class=\"region\">");
	sd_put_html(b, h->hit.region);
	fg_buf_puts(b, "</span> <span class=\"st\">");
	sd_put_html(b, h->hit.status);
	fg_buf_printf(b, "</span> <span class=\"sim\">相似度 %.0f%%</span>", h->similarity * 100);
	if (h->relation_note && *h->relation_note) {
		fg_buf_puts(b, " <span class=\"rel-note\">");
		sd_put_html(b, h->relation_note);
		fg_buf_puts(b, "</span>");
	}
	fg_buf_puts(b, "</div>\n");
	put_text_paras(b, h->text, bs, h->nconflicts);
	if (h->nconflicts) {
		fg_buf_puts(b, "\n<ul class=\"conflicts\">");
		for (size_t m = 0; m < h->nconflicts; m++) {
			fg_buf_printf(b, "<li class=\"c-%s\">", fg_conflict_type_name(h->conflicts[m].type));
			sd_put_html(b, h->conflicts[m].note);
			fg_buf_puts(b, "</li>");
		}
		fg_buf_puts(b, "</ul>");
	}
	fg_buf_puts(b, "\n</div>\n");
	free(bs);
}

/* The matches of one draft article, under a heading per relation. */
static void draft_matches(fg_buf *b, const fg_simresult *r)
{
	static const char *const heads[] = {"相似条文", "上位法", "同级规定（同一地区、同一效力级别）",
					    "参考：其他地区和其他效力级别的规定"};
	fg_buf_puts(b, "<div class=\"side hit-side\">\n");
	for (size_t k = 0; k < r->nhits; k++) {
		int rel = r->hits[k].relation;
		if (k == 0 || rel != r->hits[k - 1].relation) {
			size_t cnt = 0;
			for (size_t j = k; j < r->nhits && r->hits[j].relation == rel; j++)
				cnt++;
			fg_buf_printf(b, "<h3 class=\"rel rel-%s\">%s（%zu）</h3>\n",
				      *fg_relation_name(rel) ? fg_relation_name(rel) : "none", heads[rel], cnt);
		}
		draft_match(b, &r->hits[k]);
	}
	if (!r->nhits)
		fg_buf_puts(b, "<p class=\"none\">未找到相似条文。</p>\n");
	fg_buf_puts(b, "</div>\n");
}

/* Every draft article, shown once with the spans of all its findings marked, beside its matches. */
static void draft_results(fg_buf *b, fg_simresult *const *rs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const fg_simresult *r = rs[i];
		size_t ns = 0;
		for (size_t k = 0; k < r->nhits; k++)
			ns += r->hits[k].nconflicts;
		span *as = fg_xcalloc(ns + 1, sizeof *as);
		ns = 0;
		for (size_t k = 0; k < r->nhits; k++)
			for (size_t m = 0; m < r->hits[k].nconflicts; m++)
				as[ns++] = (span){r->hits[k].conflicts[m].a_start, r->hits[k].conflicts[m].a_end};
		fg_buf_printf(b, "<section class=\"draft-article\" id=\"d%zu\">\n<h2>", i);
		sd_put_html(b, *r->label ? r->label : "草案");
		fg_buf_puts(b, "</h2>\n<div class=\"pair\">\n<div class=\"side draft-side\"><div class=\"cap\">草案</div>");
		put_text_paras(b, r->text, as, ns);
		fg_buf_puts(b, "</div>\n");
		draft_matches(b, r);
		fg_buf_puts(b, "</div>\n</section>\n");
		free(as);
	}
}

/* The check of a posted draft into b; returns the HTTP status. */
static unsigned draft_check(const sd_call *c, fg_buf *b, const char *text, const char *level, const char *region)
{
	fg_similar_opts so = {DRAFT_LIMIT, DRAFT_MIN_SIMILARITY, 0, 0, level && *level ? fg_level_canon(level) : NULL,
			      region && *region ? region : NULL};
	fg_err err = {0};
	fg_simresult **rs = NULL;
	size_t n = 0;
	fg_status st = fg_similar_text(c->s, c->cfg->sw, text, strlen(text), &so, &rs, &n, &err);
	if (st != FG_OK) {
		fg_buf_puts(b, "<div class=\"error\" role=\"alert\">");
		sd_put_html(b, err.msg[0] ? err.msg : fg_status_str(st));
		fg_buf_puts(b, "</div>\n");
		return sd_http_status(st);
	}
	if (n)
		draft_summary(b, rs, n);
	sd_put_citecheck_section(b, c->s, text, strlen(text)); /* api_check.c */
	draft_results(b, rs, n);
	for (size_t i = 0; i < n; i++)
		fg_simresult_free(rs[i]);
	free(rs);
	return 200;
}

void sd_page_draft(const sd_call *c, sd_reply *out)
{
	char *text = NULL, *level = NULL, *region = NULL;
	int post = !strcmp(c->method, "POST");
	if (post) {
		text = form_value(c->body, c->body_len, "text");
		level = form_value(c->body, c->body_len, "level");
		region = form_value(c->body, c->body_len, "region");
		if (!text || !fg_utf8_valid(text, strlen(text), NULL) ||
		    (level && *level && (!fg_utf8_valid(level, strlen(level), NULL) || !fg_level_canon(level))) ||
		    (region && !fg_utf8_valid(region, strlen(region), NULL))) {
			free(text);
			free(level);
			free(region);
			sd_tool_error_page(out, 400, "请粘贴草案文字（UTF-8），并从列表中选择效力级别");
			return;
		}
	}
	fg_buf b = {0};
	sd_tool_page_start(&b, "起草比对");
	fg_buf_puts(&b, "<main class=\"tool-page\">\n<h1>起草比对：上位法、同级规定与其他地区的参考</h1>\n");
	draft_form(&b, c, text ? text : "", level, region);
	unsigned status = post ? draft_check(c, &b, text, level, region) : 200;
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	free(text);
	free(level);
	free(region);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&b);
}
