/*
 * api_similar.c - similar provisions in fagui-searchd: POST /api/similar
 * (JSON in, JSON out) and the drafting page /draft (a textarea form posted
 * back to itself, no JavaScript), where every article of a pasted draft is
 * shown next to its most similar articles with the conflicting spans marked
 * on both sides, below the verdicts on the draft's citations (api_check.c).
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
 * The fields of a POST /api/similar body: so gets limit and level; text, or
 * id and idx, what to compare. Returns NULL, or the message of a 400.
 */
static const char *similar_request(json_object *o, fg_similar_opts *so, json_object **text, json_object **id,
				   json_object **idx)
{
	json_object *limit = NULL, *level = NULL;
	json_object_object_get_ex(o, "text", text);
	json_object_object_get_ex(o, "id", id);
	json_object_object_get_ex(o, "article_index", idx);
	json_object_object_get_ex(o, "limit", &limit);
	json_object_object_get_ex(o, "level", &level);
	const char *msg = NULL;
	if (limit) {
		int64_t l = json_object_get_int64(limit);
		if (!json_object_is_type(limit, json_type_int) || l < 1 || l > FG_SIMILAR_MAX_LIMIT)
			msg = "limit must be an integer between 1 and 50";
		else
			so->limit = (unsigned)l;
	}
	if (level && (!json_object_is_type(level, json_type_string) || !fg_level_canon(json_object_get_string(level))))
		msg = "level must be one of the ten levels (法律, 地方性法规, ...)";
	else if (level)
		so->level = fg_level_canon(json_object_get_string(level));
	if (!msg && !!*text == !!*id)
		msg = "give either \"text\" or \"id\" with \"article_index\"";
	if (!msg && *text && !json_object_is_type(*text, json_type_string))
		msg = "text must be a string";
	if (!msg && *id &&
	    (!json_object_is_type(*id, json_type_string) || !*idx || !json_object_is_type(*idx, json_type_int)))
		msg = "id must be a string and article_index an integer";
	return msg;
}

void sd_api_similar(const sd_call *c, sd_reply *out)
{
	if (strcmp(c->method, "POST") != 0) {
		sd_tool_error(out, 405, "method not allowed: use POST with a JSON body");
		return;
	}
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, c->body, (int)c->body_len);
	int bad = !o || json_tokener_get_error(tok) != json_tokener_success || !json_object_is_type(o, json_type_object);
	json_tokener_free(tok);
	if (bad) {
		json_object_put(o);
		sd_tool_error(out, 400, "body must be a JSON object: {\"text\": \"...\"} or {\"id\": \"...\", \"article_index\": N}");
		return;
	}
	json_object *text = NULL, *id = NULL, *idx = NULL;
	fg_similar_opts so = {10, 0, 0, 0, NULL};
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
			sd_tool_error(out, 400, "text is not valid UTF-8");
			return;
		}
		st = fg_similar_text(c->s, c->cfg->sw, t, tl, &so, &rs, &n, &err);
		multi = n > 1;
	} else {
		int64_t ai = json_object_get_int64(idx);
		fg_simresult *one = NULL;
		const char *ids = json_object_get_string(id);
		st = ai < 0 || ai > 1000000 ? fg_err_set(&err, FG_E_NOTFOUND, "no article %lld in document '%.200s'",
							 (long long)ai, ids)
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

static void draft_form(fg_buf *b, const char *text, const char *level)
{
	fg_buf_puts(b, "<form class=\"draft\" method=\"post\" action=\"/draft\">\n"
		       "<label for=\"text\">粘贴草案条文（每条以“第X条”开头，可多条）</label>\n"
		       "<textarea id=\"text\" name=\"text\" rows=\"12\" required>");
	sd_put_html(b, text);
	fg_buf_puts(b, "</textarea>\n<label for=\"level\">草案的效力级别（可选，用于上下位法比较）</label>\n"
		       "<select id=\"level\" name=\"level\"><option value=\"\">（不指定）</option>");
	for (size_t i = 0; fg_levels[i]; i++) {
		fg_buf_puts(b, "<option");
		if (level && !strcmp(level, fg_levels[i]))
			fg_buf_puts(b, " selected");
		fg_buf_puts(b, ">");
		sd_put_html(b, fg_levels[i]);
		fg_buf_puts(b, "</option>");
	}
	fg_buf_puts(b, "</select>\n<button type=\"submit\">查找相似条文</button>\n</form>\n");
}

static void draft_results(fg_buf *b, fg_simresult *const *rs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const fg_simresult *r = rs[i];
		fg_buf_printf(b, "<section class=\"draft-article\" id=\"d%zu\">\n<h2>", i);
		sd_put_html(b, *r->label ? r->label : "草案");
		fg_buf_printf(b, "</h2>\n");
		if (!r->nhits) {
			fg_buf_puts(b, "<div class=\"pair\"><div class=\"side draft-side\">");
			put_text_paras(b, r->text, NULL, 0);
			fg_buf_puts(b, "</div></div>\n<p class=\"none\">未找到相似条文。</p>\n</section>\n");
			continue;
		}
		for (size_t k = 0; k < r->nhits; k++) {
			const fg_simhit *h = &r->hits[k];
			span *as = fg_xcalloc(h->nconflicts + 1, sizeof *as), *bs = fg_xcalloc(h->nconflicts + 1, sizeof *bs);
			for (size_t m = 0; m < h->nconflicts; m++) {
				as[m] = (span){h->conflicts[m].a_start, h->conflicts[m].a_end};
				bs[m] = (span){h->conflicts[m].b_start, h->conflicts[m].b_end};
			}
			fg_buf_printf(b, "<div class=\"pair%s\">\n<div class=\"side draft-side\"><div class=\"cap\">草案</div>",
				      h->nconflicts ? " has-conflict" : "");
			put_text_paras(b, r->text, as, h->nconflicts);
			fg_buf_puts(b, "</div>\n<div class=\"side hit-side\"><div class=\"cap\"><a href=\"");
			sd_put_html(b, h->hit.url);
			fg_buf_puts(b, "\">");
			sd_put_html(b, h->hit.title);
			fg_buf_puts(b, " ");
			sd_put_html(b, h->hit.article);
			fg_buf_puts(b, "</a> <span class=\"lvl\">");
			sd_put_html(b, h->hit.level);
			fg_buf_puts(b, "</span> <span class=\"st\">");
			sd_put_html(b, h->hit.status);
			fg_buf_printf(b, "</span> <span class=\"sim\">相似度 %.0f%%</span></div>", h->similarity * 100);
			put_text_paras(b, h->text, bs, h->nconflicts);
			fg_buf_puts(b, "</div>\n");
			if (h->nconflicts) {
				fg_buf_puts(b, "<ul class=\"conflicts\">");
				for (size_t m = 0; m < h->nconflicts; m++) {
					fg_buf_printf(b, "<li class=\"c-%s\">", fg_conflict_type_name(h->conflicts[m].type));
					sd_put_html(b, h->conflicts[m].note);
					fg_buf_puts(b, "</li>");
				}
				fg_buf_puts(b, "</ul>\n");
			}
			fg_buf_puts(b, "</div>\n");
			free(as);
			free(bs);
		}
		fg_buf_puts(b, "</section>\n");
	}
}

void sd_page_draft(const sd_call *c, sd_reply *out)
{
	char *text = NULL, *level = NULL;
	int post = !strcmp(c->method, "POST");
	if (post) {
		text = form_value(c->body, c->body_len, "text");
		level = form_value(c->body, c->body_len, "level");
		if (!text || !fg_utf8_valid(text, strlen(text), NULL) ||
		    (level && *level && (!fg_utf8_valid(level, strlen(level), NULL) || !fg_level_canon(level)))) {
			free(text);
			free(level);
			sd_tool_error_page(out, 400, "the form needs a text field in UTF-8 (and a known level)");
			return;
		}
	}
	fg_buf b = {0};
	sd_tool_page_start(&b, "起草比对");
	fg_buf_puts(&b, "<main class=\"tool-page\">\n<h1>起草比对：相似条文与冲突</h1>\n");
	draft_form(&b, text ? text : "", level);
	unsigned status = 200;
	if (post) {
		fg_similar_opts so = {DRAFT_LIMIT, DRAFT_MIN_SIMILARITY, 0, 0, level && *level ? fg_level_canon(level) : NULL};
		fg_err err = {0};
		fg_simresult **rs = NULL;
		size_t n = 0;
		fg_status st = fg_similar_text(c->s, c->cfg->sw, text, strlen(text), &so, &rs, &n, &err);
		if (st != FG_OK) {
			status = sd_http_status(st);
			fg_buf_puts(&b, "<div class=\"error\" role=\"alert\">");
			sd_put_html(&b, err.msg[0] ? err.msg : fg_status_str(st));
			fg_buf_puts(&b, "</div>\n");
		} else {
			fg_buf_printf(&b, "<p class=\"summary\">草案共 %zu 条。</p>\n", n);
			sd_put_citecheck_section(&b, c->s, text, strlen(text)); /* api_check.c */
			draft_results(&b, rs, n);
			for (size_t i = 0; i < n; i++)
				fg_simresult_free(rs[i]);
			free(rs);
		}
	}
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	free(text);
	free(level);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&b);
}
