/*
 * api_versions.c - versions and changes in fagui-searchd: the article-level
 * comparison of two versions (GET /api/compare as JSON, GET /compare as a
 * two-column page with deleted and inserted spans marked) and the change log
 * of dated status events (GET /api/changes as JSON, GET /changes.atom as an
 * Atom feed).
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CT_ATOM "application/atom+xml; charset=utf-8"

void sd_api_compare(const sd_call *c, sd_reply *out)
{
	const char *a = sd_param_get(c->req, "a"), *b = sd_param_get(c->req, "b");
	if (!sd_id_ok(a) || !sd_id_ok(b)) {
		sd_tool_error(out, 400, "give two document ids: /api/compare?a=OLD&b=NEW");
		return;
	}
	fg_err err = {0};
	fg_comparison *cmp = NULL;
	fg_status st = fg_compare(c->s, a, b, &cmp, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_comparison_json(cmp);
	fg_comparison_free(cmp);
}

static const char *change_zh(int change)
{
	switch (change) {
	case FG_CHANGE_SAME: return "未改";
	case FG_CHANGE_MODIFIED: return "修改";
	case FG_CHANGE_ADDED: return "新增";
	case FG_CHANGE_DELETED: return "删除";
	default: return "条序变动";
	}
}

static void compare_form(fg_buf *b, const char *a, const char *bb)
{
	fg_buf_puts(b, "<form class=\"compare\" method=\"get\" action=\"/compare\">\n<label>旧版本 <input name=\"a\" value=\"");
	sd_put_html(b, a);
	fg_buf_puts(b, "\" required></label>\n<label>新版本 <input name=\"b\" value=\"");
	sd_put_html(b, bb);
	fg_buf_puts(b, "\" required></label>\n<button type=\"submit\">对照</button>\n</form>\n");
}

static void side_head(fg_buf *b, const fg_docview *v)
{
	fg_buf_puts(b, "<a href=\"");
	sd_put_doc_href(b, v->meta.id, NULL);
	fg_buf_puts(b, "\">");
	sd_put_html(b, v->meta.title);
	fg_buf_puts(b, "</a><br><span class=\"cap\">");
	sd_put_html(b, v->meta.id);
	fg_buf_puts(b, " · 施行 ");
	sd_put_html(b, v->meta.effective ? v->meta.effective : "");
	fg_buf_puts(b, " · ");
	sd_put_html(b, v->meta.status);
	fg_buf_puts(b, "</span>");
}

void sd_page_compare(const sd_call *c, sd_reply *out)
{
	const char *a = sd_param_get(c->req, "a"), *b = sd_param_get(c->req, "b");
	fg_buf h = {0};
	sd_tool_page_start(&h, "新旧对照");
	fg_buf_puts(&h, "<main class=\"tool-page\">\n<h1>新旧对照</h1>\n");
	compare_form(&h, a, b);
	unsigned status = 200;
	if (*a || *b) {
		fg_err err = {0};
		fg_comparison *cmp = NULL;
		fg_status st = sd_id_ok(a) && sd_id_ok(b) ? fg_compare(c->s, a, b, &cmp, &err)
						    : fg_err_set(&err, FG_E_INVAL, "give two document ids");
		if (st != FG_OK) {
			status = sd_http_status(st);
			fg_buf_puts(&h, "<div class=\"error\" role=\"alert\">");
			sd_put_html(&h, err.msg[0] ? err.msg : fg_status_str(st));
			fg_buf_puts(&h, "</div>\n");
		} else {
			int count[FG_CHANGE_RENUMBERED + 1] = {0};
			for (size_t i = 0; i < cmp->nrows; i++)
				count[cmp->rows[i].change]++;
			fg_buf_printf(&h, "<p class=\"summary\">修改 %d 条，新增 %d 条，删除 %d 条，条序变动 %d 条，未改 %d 条。</p>\n",
				      count[FG_CHANGE_MODIFIED], count[FG_CHANGE_ADDED], count[FG_CHANGE_DELETED],
				      count[FG_CHANGE_RENUMBERED], count[FG_CHANGE_SAME]);
			fg_buf_puts(&h, "<table class=\"compare\">\n<thead><tr><th class=\"a\">");
			side_head(&h, cmp->a);
			fg_buf_puts(&h, "</th><th class=\"change\">变化</th><th class=\"b\">");
			side_head(&h, cmp->b);
			fg_buf_puts(&h, "</th></tr></thead>\n<tbody>\n");
			for (size_t i = 0; i < cmp->nrows; i++) {
				const fg_cmp_row *r = &cmp->rows[i];
				fg_buf_printf(&h, "<tr class=\"change-%s\"><td class=\"a\">", fg_change_name(r->change));
				if (r->a >= 0)
					sd_put_spans(&h, cmp->a->units[r->a].text, r->a_spans, r->na, "del");
				fg_buf_printf(&h, "</td><td class=\"change\">%s</td><td class=\"b\">", change_zh(r->change));
				if (r->b >= 0)
					sd_put_spans(&h, cmp->b->units[r->b].text, r->b_spans, r->nb, "ins");
				fg_buf_puts(&h, "</td></tr>\n");
			}
			fg_buf_puts(&h, "</tbody>\n</table>\n");
			fg_comparison_free(cmp);
		}
	}
	fg_buf_puts(&h, "</main>\n");
	sd_page_end(&h);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&h);
}

static int load_events(const sd_call *c, sd_reply *out, fg_status_event **ev, size_t *n)
{
	fg_err err = {0};
	if (fg_events_load(c->cfg->index, ev, n, &err) != FG_OK) {
		sd_tool_error(out, 503, err.msg);
		return -1;
	}
	return 0;
}

void sd_api_changes(const sd_call *c, sd_reply *out)
{
	fg_status_event *ev = NULL;
	size_t n = 0;
	if (load_events(c, out, &ev, &n) != 0)
		return;
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_changes_json(c->s, ev, n);
	fg_events_free(ev, n);
}

void sd_changes_atom(const sd_call *c, sd_reply *out)
{
	fg_status_event *ev = NULL;
	size_t n = 0;
	if (load_events(c, out, &ev, &n) != 0)
		return;
	/* absolute links need the host the client used: accept only host[:port] characters */
	const char *host = c->host && *c->host ? c->host : "localhost";
	int ok = strlen(host) < 256;
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		     *p == '-' || *p == ':' || *p == '[' || *p == ']';
	fg_buf base = {0};
	fg_buf_printf(&base, "http://%s", ok ? host : "localhost");
	out->status = 200;
	out->ctype = CT_ATOM;
	out->body = fg_changes_atom(c->s, ev, n, base.data);
	fg_buf_free(&base);
	fg_events_free(ev, n);
}
