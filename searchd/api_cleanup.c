/*
 * api_cleanup.c - the citation and cleanup routes of fagui-searchd:
 * GET /api/doc/{id}/cited-by (what cites a document), GET /api/cleanup
 * (the 规章和规范性文件清理 findings as JSON, or CSV/TSV with
 * format=csv|tsv as a download) and the /cleanup page (filters, counts,
 * findings linked to the cited articles, a CSV export link). The outdated
 * terms table is loaded once per process.
 */
#include "searchd.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t terms_once = PTHREAD_ONCE_INIT;
static fg_terms *terms;

static void load_terms(void)
{
	char *path = fg_terms_default_path();
	fg_err err = {0};
	if (!path || fg_terms_load(path, &terms, &err) != FG_OK)
		fprintf(stderr, "fagui-searchd: %s: no outdated-term findings\n",
			path ? err.msg : "data/outdated-terms.tsv not found");
	free(path);
}

void sd_api_cited_by(const sd_call *c, sd_reply *out)
{
	static const char pre[] = "/api/doc/", suf[] = "/cited-by";
	const char *p = c->path ? c->path : "";
	size_t n = strlen(p);
	if (n <= sizeof pre - 1 + sizeof suf - 1 || n - (sizeof pre - 1) - (sizeof suf - 1) > SD_MAX_ID) {
		sd_tool_error(out, 404, "no such document");
		return;
	}
	char *id = fg_xstrndup(p + sizeof pre - 1, n - (sizeof pre - 1) - (sizeof suf - 1));
	fg_err err = {0};
	char *json = NULL;
	fg_status st = strchr(id, '/') ? fg_err_set(&err, FG_E_NOTFOUND, "no such document")
				      : fg_cite_cited_by_json(c->s, id, &json, &err);
	free(id);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = json;
}

static int parse_years(const char *v, int *out)
{
	if (!*v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 200)
		return -1;
	*out = (int)n;
	return 0;
}

/* Options from the query string; an error message in msg (and -1) when one is bad. */
static int cleanup_opts(const sd_call *c, fg_cleanup_opts *o, char *msg, size_t cap)
{
	memset(o, 0, sizeof *o);
	const char *reason = sd_param_get(c->req, "reason"), *level = sd_param_get(c->req, "level");
	const char *region = sd_param_get(c->req, "region"), *authority = sd_param_get(c->req, "authority");
	const char *today = sd_param_get(c->req, "today");
	o->reason = *reason ? reason : NULL;
	o->level = *level ? level : NULL;
	o->region = *region ? region : NULL;
	o->authority = *authority ? authority : NULL;
	o->today = *today ? today : NULL;
	if (parse_years(sd_param_get(c->req, "years"), &o->years) ||
	    parse_years(sd_param_get(c->req, "validity_years"), &o->validity_years)) {
		snprintf(msg, cap, "years and validity_years must be between 1 and 200");
		return -1;
	}
	pthread_once(&terms_once, load_terms);
	o->terms = terms;
	return 0;
}

void sd_api_cleanup(const sd_call *c, sd_reply *out)
{
	fg_cleanup_opts o;
	char msg[256];
	if (cleanup_opts(c, &o, msg, sizeof msg)) {
		sd_tool_error(out, 400, msg);
		return;
	}
	const char *format = sd_param_get(c->req, "format");
	int fmt = -1;
	if (!*format || !strcmp(format, "json"))
		fmt = 0;
	else if (!strcmp(format, "csv"))
		fmt = 1;
	else if (!strcmp(format, "tsv"))
		fmt = 2;
	if (fmt < 0) {
		sd_tool_error(out, 400, "format must be json, csv or tsv");
		return;
	}
	fg_finding *v = NULL;
	size_t n = 0;
	fg_err err = {0};
	fg_status st = fg_cleanup_run(c->s, &o, &v, &n, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	if (fmt == 0) {
		out->ctype = SD_CT_JSON;
		out->body = fg_cleanup_json(v, n);
	} else {
		out->ctype = fmt == 1 ? "text/csv; charset=utf-8" : "text/tab-separated-values; charset=utf-8";
		out->disposition = fmt == 1 ? "attachment; filename=\"cleanup.csv\"" : "attachment; filename=\"cleanup.tsv\"";
		out->body = fg_cleanup_table(v, n, fmt == 1 ? FG_TABLE_CSV : FG_TABLE_TSV);
	}
	fg_findings_free(v, n);
}

static const char *const reasons[][2] = {
	{FG_REASON_STALE, "引用失效或已修改的法规"},
	{FG_REASON_EXPIRED, "有效期届满"},
	{FG_REASON_TERM, "机构名称或用语过时"},
	{FG_REASON_NOT_REVISED, "长期未修订"},
};

static const char *reason_label(const char *r)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(r, reasons[i][0]))
			return reasons[i][1];
	return r;
}

/* "&key=value" (URL-encoded) when value is set. */
static void put_qparam(fg_buf *b, const char *key, const char *val, char *sep)
{
	if (!val || !*val)
		return;
	fg_buf_putc(b, *sep);
	*sep = '&';
	fg_buf_puts(b, key);
	fg_buf_putc(b, '=');
	fg_buf_put_urlpart(b, val);
}

static void cleanup_form(fg_buf *b, const sd_call *c)
{
	const char *reason = sd_param_get(c->req, "reason"), *level = sd_param_get(c->req, "level");
	fg_buf_puts(b, "<form class=\"tool-form\" action=\"/cleanup\" method=\"get\">\n"
		       "<label>原因 <select name=\"reason\"><option value=\"\">全部</option>");
	for (size_t i = 0; i < 4; i++) {
		fg_buf_printf(b, "<option value=\"%s\"%s>", reasons[i][0], !strcmp(reason, reasons[i][0]) ? " selected" : "");
		sd_put_html(b, reasons[i][1]);
		fg_buf_puts(b, "</option>");
	}
	fg_buf_puts(b, "</select></label>\n<label>效力级别 <select name=\"level\"><option value=\"\">全部</option>");
	for (size_t i = 0; fg_levels[i]; i++) {
		fg_buf_puts(b, "<option");
		if (!strcmp(level, fg_levels[i]))
			fg_buf_puts(b, " selected");
		fg_buf_puts(b, ">");
		sd_put_html(b, fg_levels[i]);
		fg_buf_puts(b, "</option>");
	}
	fg_buf_puts(b, "</select></label>\n<label>地区 <input name=\"region\" value=\"");
	sd_put_html(b, sd_param_get(c->req, "region"));
	fg_buf_puts(b, "\" size=\"10\"></label>\n<label>制定机关 <input name=\"authority\" value=\"");
	sd_put_html(b, sd_param_get(c->req, "authority"));
	fg_buf_puts(b, "\" size=\"16\"></label>\n<label>基准日 <input name=\"today\" value=\"");
	sd_put_html(b, sd_param_get(c->req, "today"));
	fg_buf_puts(b, "\" size=\"10\" placeholder=\"YYYY-MM-DD\"></label>\n<button type=\"submit\">筛选</button>\n</form>\n");
}

/* The counts by reason and the CSV export link with the page's filters. */
static void put_summary(fg_buf *b, const sd_call *c, const fg_finding *v, size_t n)
{
	size_t counts[4] = {0};
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < 4; k++)
			counts[k] += !strcmp(v[i].reason, reasons[k][0]);
	fg_buf_printf(b, "<p class=\"summary\">共 %zu 项：", n);
	for (size_t k = 0; k < 4; k++)
		fg_buf_printf(b, "%s%s <span class=\"count\" data-reason=\"%s\">%zu</span>", k ? "，" : "",
			      reasons[k][1], reasons[k][0], counts[k]);
	fg_buf_puts(b, "。 <a class=\"export\" href=\"");
	fg_buf url = {0};
	char sep = '?';
	fg_buf_puts(&url, "/api/cleanup");
	put_qparam(&url, "format", "csv", &sep);
	static const char *const keys[] = {"reason", "level", "region", "authority", "today", "years",
					   "validity_years"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		put_qparam(&url, keys[k], sd_param_get(c->req, keys[k]), &sep);
	fg_buf_put_html(b, url.data, url.len);
	fg_buf_free(&url);
	fg_buf_puts(b, "\">导出 CSV</a></p>\n");
}

/* One row of the findings table. */
static void put_finding(fg_buf *b, const fg_finding *f)
{
	fg_buf_printf(b, "<tr class=\"finding\" data-id=\"");
	sd_put_html(b, f->id);
	fg_buf_printf(b, "\" data-reason=\"%s\"><td><a href=\"", f->reason);
	sd_put_unit_href(b, f->id, 0);
	fg_buf_puts(b, "\">");
	sd_put_html(b, f->title);
	fg_buf_puts(b, "</a><br><small>");
	sd_put_html(b, f->id);
	fg_buf_puts(b, " · ");
	sd_put_html(b, f->level);
	fg_buf_puts(b, " · ");
	sd_put_html(b, f->region);
	fg_buf_puts(b, "</small></td><td>");
	if (*f->article) {
		fg_buf_puts(b, "<a href=\"");
		sd_put_unit_href(b, f->id, f->article_index);
		fg_buf_puts(b, "\">");
		char *shown = fg_item_label_display(f->article); /* an item: 三、（三） */
		sd_put_html(b, shown);
		free(shown);
		fg_buf_puts(b, "</a>");
	} else {
		fg_buf_puts(b, "—");
	}
	fg_buf_puts(b, "</td><td>");
	sd_put_html(b, reason_label(f->reason));
	fg_buf_puts(b, "</td><td>");
	sd_put_html(b, f->evidence);
	fg_buf_puts(b, "</td><td>");
	sd_put_html(b, f->note);
	fg_buf_puts(b, "</td><td>");
	sd_put_html(b, f->action);
	fg_buf_puts(b, "</td></tr>\n");
}

void sd_page_cleanup(const sd_call *c, sd_reply *out)
{
	fg_buf b = {0};
	sd_tool_page_start(&b, "法规清理");
	fg_buf_puts(&b, "<main class=\"tool-page\">\n<h1>规章和规范性文件清理</h1>\n");
	cleanup_form(&b, c);
	fg_cleanup_opts o;
	char msg[256];
	fg_finding *v = NULL;
	size_t n = 0;
	fg_err err = {0};
	unsigned status = 200;
	fg_status st = FG_OK;
	if (cleanup_opts(c, &o, msg, sizeof msg)) {
		status = 400;
		fg_err_set(&err, FG_E_INVAL, "%s", msg);
		st = FG_E_INVAL;
	} else {
		st = fg_cleanup_run(c->s, &o, &v, &n, &err);
		if (st != FG_OK)
			status = sd_http_status(st);
	}
	if (st != FG_OK) {
		fg_buf_puts(&b, "<div class=\"error\" role=\"alert\">");
		sd_put_html(&b, err.msg[0] ? err.msg : fg_status_str(st));
		fg_buf_puts(&b, "</div>\n");
	} else {
		put_summary(&b, c, v, n);
		fg_buf_puts(&b, "<table class=\"findings\">\n<thead><tr><th>法规</th><th>条文</th><th>原因</th>"
				"<th>依据</th><th>说明</th><th>建议</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++)
			put_finding(&b, &v[i]);
		fg_buf_puts(&b, "</tbody>\n</table>\n");
	}
	fg_findings_free(v, n);
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&b);
}
