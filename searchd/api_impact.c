/*
 * api_impact.c - the impact of an amended superior law (影响分析) in
 * fagui-searchd: GET /api/impact?old=&new= (or ?id=: that version against
 * the one before it) as JSON, and GET /impact, a GET form (no JavaScript)
 * with a summary line and a table of the affected articles of the rules in
 * force, each linked to its article, with the cited article's old and new
 * text. Every message about bad input is in Chinese.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_USAGE "请给出同一法规的两个版本：?old=旧版本ID&new=新版本ID，或 ?id=新版本ID（与其上一版本比较）"

/*
 * The impact the request asks for into *out: ?old=&new=, or ?id= against its
 * previous version. On failure err holds a Chinese message.
 */
static fg_status run(const sd_call *c, fg_impact **out, fg_err *err)
{
	const char *old = sd_param_get(c->req, "old"), *nw = sd_param_get(c->req, "new");
	const char *id = sd_param_get(c->req, "id");
	*out = NULL;
	if (*id && !*old && !*nw) {
		if (!sd_id_ok(id))
			return fg_err_set(err, FG_E_INVAL, "文件 ID 无效：最多 %d 字节，不含控制字符", SD_MAX_ID);
		char *prev = NULL;
		fg_status st = fg_impact_previous(c->s, id, &prev, err);
		if (st == FG_OK)
			st = fg_impact_run(c->s, prev, id, out, err);
		free(prev);
		return st;
	}
	if (!*old || !*nw || *id)
		return fg_err_set(err, FG_E_INVAL, MSG_USAGE);
	if (!sd_id_ok(old) || !sd_id_ok(nw))
		return fg_err_set(err, FG_E_INVAL, "文件 ID 无效：最多 %d 字节，不含控制字符", SD_MAX_ID);
	return fg_impact_run(c->s, old, nw, out, err);
}

void sd_api_impact(const sd_call *c, sd_reply *out)
{
	fg_err err = {0};
	fg_impact *im = NULL;
	fg_status st = run(c, &im, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : "影响分析失败，请稍后重试");
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_impact_json(im);
	fg_impact_free(im);
}

/* ---- the page ---- */

static void impact_form(fg_buf *b, const sd_call *c, const fg_impact *im)
{
	const char *old = im ? im->cmp->a->meta.id : sd_param_get(c->req, "old");
	const char *nw = im ? im->cmp->b->meta.id : sd_param_get(c->req, "new");
	if (!im && !*nw)
		nw = sd_param_get(c->req, "id");
	fg_buf_puts(b, "<form class=\"compare\" method=\"get\" action=\"/impact\">\n<label>旧版本 <input name=\"old\" value=\"");
	sd_put_html(b, old);
	fg_buf_puts(b, "\"></label>\n<label>新版本 <input name=\"new\" value=\"");
	sd_put_html(b, nw);
	fg_buf_puts(b, "\" required></label>\n<button type=\"submit\">分析</button>\n</form>\n"
		       "<p class=\"cap\">列出现行有效的规定中，逐条引用了旧版本中被修改、重新编号或删除的条文的条款。"
		       "只填新版本时，与其上一版本比较。</p>\n");
}

/* "《title》（id，date 公布）" linked to the document. */
static void put_side(fg_buf *b, const fg_docview *v)
{
	fg_buf_puts(b, "<a href=\"");
	sd_put_doc_href(b, v->meta.id, NULL);
	fg_buf_puts(b, "\">《");
	sd_put_html(b, v->meta.title);
	fg_buf_puts(b, "》</a>（");
	sd_put_html(b, v->meta.id);
	fg_buf_puts(b, "，");
	sd_put_html(b, v->meta.published && *v->meta.published ? v->meta.published : "日期不详");
	fg_buf_puts(b, " 公布）");
}

static void put_head(fg_buf *b, const fg_impact *im)
{
	fg_buf_puts(b, "<p class=\"pair\">旧版本 ");
	put_side(b, im->cmp->a);
	fg_buf_puts(b, " → 新版本 ");
	put_side(b, im->cmp->b);
	fg_buf u = {0};
	fg_buf_puts(&u, "/compare?a=");
	fg_buf_put_urlpart(&u, im->cmp->a->meta.id);
	fg_buf_puts(&u, "&b=");
	fg_buf_put_urlpart(&u, im->cmp->b->meta.id);
	fg_buf_puts(b, " <a class=\"compare-link\" href=\"");
	sd_put_html(b, u.data);
	fg_buf_puts(b, "\">新旧对照</a></p>\n");
	fg_buf_free(&u);
	fg_buf_printf(b, "<p class=\"summary\">修改 %zu 条 · 重新编号 %zu 条 · 删除 %zu 条 · 受影响条文 %zu 条</p>\n",
		      im->modified, im->renumbered, im->deleted, im->units);
	if (im->nhits)
		fg_buf_printf(b, "<p class=\"cap\">涉及现行有效的规定 %zu 件、引用 %zu 处；另新增条文 %zu 条。</p>\n", im->rules,
			      im->nhits, im->added);
	if (im->earlier)
		fg_buf_printf(b, "<p class=\"note\">其中 %zu 处引用所在的规定公布早于旧版本，所引为本库未收录的更早文本，"
			      "条文号按旧版本核对，请人工确认。</p>\n", im->earlier);
}

/* One affected article: the citing rule and article (linked), the citation, the change, old and new text. */
static void put_hit(fg_buf *b, const fg_impact *im, const fg_impact_hit *h)
{
	const fg_article *a = &im->cmp->a->units[h->row->a];
	const fg_article *nb = h->row->b >= 0 ? &im->cmp->b->units[h->row->b] : NULL;
	fg_buf_printf(b, "<tr class=\"change-%s\"><td><a href=\"", fg_change_name(h->change));
	sd_put_doc_href(b, h->id, NULL);
	fg_buf_puts(b, "\">");
	sd_put_html(b, h->title);
	fg_buf_puts(b, "</a><br><span class=\"cap\">");
	sd_put_html(b, h->level);
	fg_buf_puts(b, " · ");
	sd_put_html(b, h->region);
	fg_buf_puts(b, "</span></td><td><a href=\"");
	sd_put_unit_href(b, h->id, h->article_index);
	fg_buf_puts(b, "\">");
	sd_put_html(b, *h->article ? h->article : "条文");
	fg_buf_puts(b, "</a></td><td>");
	sd_put_html(b, h->cited);
	if (h->earlier)
		fg_buf_puts(b, "<br><span class=\"cap\">（引用早于旧版本）</span>");
	fg_buf_printf(b, "</td><td class=\"change\">%s", fg_impact_change_zh(h->change));
	if (nb && h->change == FG_CHANGE_RENUMBERED) {
		fg_buf_puts(b, "<br>现为");
		sd_put_html(b, nb->label);
	}
	fg_buf_puts(b, "</td><td class=\"a\">");
	sd_put_spans(b, a->text, h->row->a_spans, h->row->na, "del");
	fg_buf_puts(b, "</td><td class=\"b\">");
	if (nb)
		sd_put_spans(b, nb->text, h->row->b_spans, h->row->nb, "ins");
	else
		fg_buf_puts(b, "（已删除）");
	fg_buf_puts(b, "</td></tr>\n");
}

static void put_table(fg_buf *b, const fg_impact *im)
{
	if (!im->nhits) {
		fg_buf_puts(b, "<p class=\"empty\">没有现行有效的规定逐条引用旧版本中被修改、重新编号或删除的条文。</p>\n");
		return;
	}
	fg_buf_puts(b, "<table class=\"impact\">\n<thead><tr><th>引用的规定</th><th>条文</th><th>所引条文</th>"
		       "<th class=\"change\">变化</th><th class=\"a\">原条文</th><th class=\"b\">现条文</th></tr></thead>\n"
		       "<tbody>\n");
	for (size_t i = 0; i < im->nhits; i++)
		put_hit(b, im, &im->hits[i]);
	fg_buf_puts(b, "</tbody>\n</table>\n");
}

void sd_page_impact(const sd_call *c, sd_reply *out)
{
	fg_buf h = {0};
	unsigned status = 200;
	fg_impact *im = NULL;
	fg_err err = {0};
	int asked = *sd_param_get(c->req, "old") || *sd_param_get(c->req, "new") || *sd_param_get(c->req, "id");
	fg_status st = asked ? run(c, &im, &err) : FG_OK;
	sd_tool_page_start(&h, "影响分析");
	fg_buf_puts(&h, "<main class=\"tool-page\">\n<h1>影响分析</h1>\n");
	impact_form(&h, c, im);
	if (st != FG_OK) {
		status = sd_http_status(st);
		fg_buf_puts(&h, "<div class=\"error\" role=\"alert\">");
		sd_put_html(&h, err.msg[0] ? err.msg : "影响分析失败，请稍后重试");
		fg_buf_puts(&h, "</div>\n");
	} else if (im) {
		put_head(&h, im);
		put_table(&h, im);
	}
	fg_impact_free(im);
	fg_buf_puts(&h, "</main>\n");
	sd_page_end(&h);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&h);
}
