/*
 * api_cleanup.c - the citation and cleanup routes of fagui-searchd:
 * GET /api/doc/{id}/cited-by (what cites a document), GET /api/cleanup
 * (the 规章和规范性文件清理 findings as JSON, one per finding or with
 * group=rule one per rule, or CSV/TSV with format=csv|tsv as a download)
 * and the /cleanup page (filters, one row per rule with its reasons, counts
 * and suggested action, the findings folded in <details>, sorting, 100
 * rules a page, a CSV export link). The outdated terms table is loaded once
 * per process; the findings of an index are made once per day and only
 * filtered for each request (fg_cleanup_opts.shared).
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
		sd_tool_error(out, 404, "没有这个文件：请从检索结果或目录进入");
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

#define PAGE_RULES 100   /* rules on one page of /cleanup */
#define MAX_LIMIT 1000   /* rules in one /api/cleanup?group=rule answer */
#define MSG_DATE "基准日（today）应为 YYYY-MM-DD 格式的真实日期（如 2024-06-30）"

/* The request's options and how to show them; msg gets a Chinese message when one is bad. */
struct req {
	fg_cleanup_opts o;
	const char *action;      /* rule actions kept, comma-separated ("" = any) */
	int group;               /* 1: one entry per rule */
	int fmt;                 /* 0 json, 1 csv, 2 tsv */
	int sort;                /* FG_RULES_BY_* */
	int desc;
	size_t limit, offset;
};

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

/* A count parameter: def when absent, -1 when not a number in [lo, hi]. */
static long parse_count(const char *v, long def, long lo, long hi)
{
	if (!*v)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < lo || n > hi ? -1 : n;
}

/* Whether every item of the comma-separated list is one of the NULL-terminated words. */
static int all_in(const char *list, const char *const *words)
{
	const char *p = list, *item;
	size_t n;
	while (fg_list_next(&p, &item, &n)) {
		int ok = !n;
		for (size_t k = 0; words[k] && !ok; k++)
			ok = strlen(words[k]) == n && !memcmp(words[k], item, n);
		if (!ok)
			return 0;
	}
	return 1;
}

/* The sort and order parameters into r. Returns 0, or -1 with msg set. */
static int parse_sort(const sd_call *c, struct req *r, char *msg, size_t cap)
{
	const char *sort = sd_param_get(c->req, "sort"), *order = sd_param_get(c->req, "order");
	if (!*sort || !strcmp(sort, "findings"))
		r->sort = FG_RULES_BY_FINDINGS;
	else if (!strcmp(sort, "level"))
		r->sort = FG_RULES_BY_LEVEL;
	else if (!strcmp(sort, "date"))
		r->sort = FG_RULES_BY_DATE;
	else {
		snprintf(msg, cap, "排序方式（sort）应为 findings（问题数）、level（效力级别）或 date（公布日期）");
		return -1;
	}
	if (*order && strcmp(order, "asc") && strcmp(order, "desc")) {
		snprintf(msg, cap, "顺序（order）应为 asc（升序）或 desc（降序）");
		return -1;
	}
	/* most findings first; highest level and oldest first */
	r->desc = *order ? !strcmp(order, "desc") : r->sort == FG_RULES_BY_FINDINGS;
	return 0;
}

/* The filters, thresholds and date of the query string into r->o. Returns 0, or -1 with msg set. */
static int parse_filters(const sd_call *c, struct req *r, char *msg, size_t cap)
{
	static const char *const reasons[] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED,
					      NULL};
	const char *reason = sd_param_get(c->req, "reason"), *level = sd_param_get(c->req, "level");
	const char *region = sd_param_get(c->req, "region"), *authority = sd_param_get(c->req, "authority");
	const char *today = sd_param_get(c->req, "today");
	r->o.reason = *reason ? reason : NULL;
	r->o.level = *level ? level : NULL;
	r->o.region = *region ? region : NULL;
	r->o.authority = *authority ? authority : NULL;
	r->o.today = *today ? today : NULL;
	r->o.shared = 1;
	r->action = sd_param_get(c->req, "action");
	if (*today && !fg_date_valid(today))
		snprintf(msg, cap, MSG_DATE);
	else if (!all_in(reason, reasons))
		snprintf(msg, cap, "原因（reason）应为 stale-citation、expired、outdated-term 或 not-revised（可用逗号分隔多个）");
	else if (!all_in(level, fg_levels))
		snprintf(msg, cap, "效力级别（level）应为宪法、法律、行政法规 … 规范性文件之一（可用逗号分隔多个）");
	else if (!all_in(r->action, fg_cleanup_actions))
		snprintf(msg, cap, "建议（action）应为修改、废止、宣布失效或核查（可用逗号分隔多个）");
	else if (parse_years(sd_param_get(c->req, "years"), &r->o.years) ||
		 parse_years(sd_param_get(c->req, "validity_years"), &r->o.validity_years))
		snprintf(msg, cap, "年限（years、validity_years）应为 1 到 200 之间的整数");
	else
		return 0;
	return -1;
}

/* Every option of the request into r; per_page: rules a page (0: the limit parameter's). Returns 0, or -1 with a Chinese message in msg. */
static int cleanup_req(const sd_call *c, struct req *r, size_t per_page, char *msg, size_t cap)
{
	memset(r, 0, sizeof *r);
	if (parse_filters(c, r, msg, cap) || parse_sort(c, r, msg, cap))
		return -1;
	const char *group = sd_param_get(c->req, "group"), *format = sd_param_get(c->req, "format");
	r->group = !strcmp(group, "rule");
	if (*group && !r->group && strcmp(group, "finding")) {
		snprintf(msg, cap, "分组（group）应为 finding（逐项，默认）或 rule（按法规）");
		return -1;
	}
	r->fmt = !*format || !strcmp(format, "json") ? 0 : !strcmp(format, "csv") ? 1 : !strcmp(format, "tsv") ? 2 : -1;
	if (r->fmt < 0) {
		snprintf(msg, cap, "导出格式（format）应为 json、csv 或 tsv");
		return -1;
	}
	long limit = parse_count(sd_param_get(c->req, "limit"), PAGE_RULES, 1, MAX_LIMIT);
	long offset = parse_count(sd_param_get(c->req, "offset"), 0, 0, 10000000);
	long page = parse_count(sd_param_get(c->req, "page"), 1, 1, 100000);
	if (limit < 0 || offset < 0 || page < 0) {
		snprintf(msg, cap, "分页参数应为整数：limit 1–%d，offset 不小于 0，page 不小于 1", MAX_LIMIT);
		return -1;
	}
	r->limit = per_page ? per_page : (size_t)limit;
	r->offset = *sd_param_get(c->req, "page") ? (size_t)(page - 1) * r->limit : (size_t)offset;
	pthread_once(&terms_once, load_terms);
	r->o.terms = terms;
	return 0;
}

/* The findings of request r, and its rules (sorted, filtered by action). */
static fg_status run(const sd_call *c, const struct req *r, fg_finding **v, size_t *n, fg_cleanup_rule **rules,
		     size_t *nr, fg_err *err)
{
	*rules = NULL;
	*nr = 0;
	fg_status st = fg_cleanup_run(c->s, &r->o, v, n, err);
	if (st == FG_OK)
		*nr = fg_cleanup_rules(*v, *n, r->action, r->sort, r->desc, rules);
	return st;
}

/* The export of findings v (those of rules, when an action filter applies). */
static char *export_table(const struct req *r, const fg_finding *v, size_t n, const fg_cleanup_rule *rules, size_t nr)
{
	int tf = r->fmt == 1 ? FG_TABLE_CSV : FG_TABLE_TSV;
	if (!*r->action)
		return fg_cleanup_table(v, n, tf);
	fg_finding *w = NULL;
	size_t k = fg_cleanup_rule_findings(v, rules, nr, &w);
	char *t = fg_cleanup_table(w, k, tf);
	free(w);
	return t;
}

void sd_api_cleanup(const sd_call *c, sd_reply *out)
{
	struct req r;
	char msg[256];
	if (cleanup_req(c, &r, 0, msg, sizeof msg)) {
		sd_tool_error(out, 400, msg);
		return;
	}
	fg_finding *v = NULL;
	size_t n = 0, nr = 0;
	fg_cleanup_rule *rules = NULL;
	fg_err err = {0};
	fg_status st = run(c, &r, &v, &n, &rules, &nr, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	if (r.fmt != 0) {
		out->ctype = r.fmt == 1 ? "text/csv; charset=utf-8" : "text/tab-separated-values; charset=utf-8";
		out->disposition = r.fmt == 1 ? "attachment; filename=\"cleanup.csv\"" : "attachment; filename=\"cleanup.tsv\"";
		out->body = export_table(&r, v, n, rules, nr);
	} else if (r.group) {
		out->ctype = SD_CT_JSON;
		out->body = fg_cleanup_rules_json(v, rules, nr, r.offset, r.limit);
	} else {
		out->ctype = SD_CT_JSON;
		fg_finding *w = NULL;
		size_t k = *r.action ? fg_cleanup_rule_findings(v, rules, nr, &w) : 0;
		out->body = *r.action ? fg_cleanup_json(w, k) : fg_cleanup_json(v, n);
		free(w);
	}
	free(rules);
	fg_findings_free(v, n);
}

/* ---- the page ---- */

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

static const char *const filter_keys[] = {"reason", "level", "region", "authority", "action", "today", "years",
					  "validity_years", NULL};

/* The link to path with the request's filters (and sort, order unless skip_sort), then extra key=val; HTML-escaped. */
static void put_link(fg_buf *b, const sd_call *c, const char *path, const char *first, const char *fval, int skip_sort,
		     const char *key, const char *val)
{
	fg_buf url = {0};
	char sep = '?';
	fg_buf_puts(&url, path);
	put_qparam(&url, first, fval, &sep);
	for (size_t k = 0; filter_keys[k]; k++)
		put_qparam(&url, filter_keys[k], sd_param_get(c->req, filter_keys[k]), &sep);
	if (!skip_sort) {
		put_qparam(&url, "sort", sd_param_get(c->req, "sort"), &sep);
		put_qparam(&url, "order", sd_param_get(c->req, "order"), &sep);
	}
	put_qparam(&url, key, val, &sep);
	fg_buf_put_html(b, url.data, url.len);
	fg_buf_free(&url);
}

/* <option>s of value/label pairs (labels NULL: the values), the selected one being cur. */
static void put_options(fg_buf *b, const char *const *values, const char *const *labels, const char *cur)
{
	fg_buf_puts(b, "<option value=\"\">全部</option>");
	for (size_t i = 0; values[i]; i++) {
		fg_buf_puts(b, "<option value=\"");
		sd_put_html(b, values[i]);
		fg_buf_printf(b, "\"%s>", !strcmp(cur, values[i]) ? " selected" : "");
		sd_put_html(b, labels ? labels[i] : values[i]);
		fg_buf_puts(b, "</option>");
	}
}

static void put_input(fg_buf *b, const sd_call *c, const char *label, const char *name, int size, const char *hint)
{
	fg_buf_printf(b, "<label>%s <input name=\"%s\" value=\"", label, name);
	sd_put_html(b, sd_param_get(c->req, name));
	fg_buf_printf(b, "\" size=\"%d\" placeholder=\"%s\"></label>\n", size, hint);
}

static void cleanup_form(fg_buf *b, const sd_call *c)
{
	static const char *const reasons[] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED,
					      NULL};
	const char *reason_labels[5];
	for (size_t i = 0; i < 4; i++)
		reason_labels[i] = fg_cleanup_reason_name(reasons[i]);
	reason_labels[4] = NULL;
	static const char *const sorts[] = {"findings", "level", "date", NULL};
	static const char *const sort_labels[] = {"问题数", "效力级别", "公布日期", NULL};
	static const char *const orders[] = {"desc", "asc", NULL}, *const order_labels[] = {"降序", "升序", NULL};
	fg_buf_puts(b, "<form class=\"tool-form cleanup\" action=\"/cleanup\" method=\"get\">\n<label>原因 <select name=\"reason\">");
	put_options(b, reasons, reason_labels, sd_param_get(c->req, "reason"));
	fg_buf_puts(b, "</select></label>\n<label>效力级别 <select name=\"level\">");
	put_options(b, fg_levels, NULL, sd_param_get(c->req, "level"));
	fg_buf_puts(b, "</select></label>\n");
	put_input(b, c, "地区", "region", 10, "如 山东、济南");
	put_input(b, c, "制定机关", "authority", 14, "如 人民政府");
	fg_buf_puts(b, "<label>建议 <select name=\"action\">");
	put_options(b, fg_cleanup_actions, NULL, sd_param_get(c->req, "action"));
	fg_buf_puts(b, "</select></label>\n");
	put_input(b, c, "基准日", "today", 10, "YYYY-MM-DD");
	fg_buf_puts(b, "<label>排序 <select name=\"sort\">");
	for (size_t i = 0; sorts[i]; i++)
		fg_buf_printf(b, "<option value=\"%s\"%s>%s</option>", sorts[i],
			      !strcmp(sd_param_get(c->req, "sort"), sorts[i]) ? " selected" : "", sort_labels[i]);
	fg_buf_puts(b, "</select></label>\n<label>顺序 <select name=\"order\"><option value=\"\">默认</option>");
	for (size_t i = 0; orders[i]; i++)
		fg_buf_printf(b, "<option value=\"%s\"%s>%s</option>", orders[i],
			      !strcmp(sd_param_get(c->req, "order"), orders[i]) ? " selected" : "", order_labels[i]);
	fg_buf_puts(b, "</select></label>\n<button type=\"submit\">筛选</button>\n</form>\n");
}

/* The counts of the rules shown, by reason (findings) and by action (rules), and the CSV export link. */
static void put_summary(fg_buf *b, const sd_call *c, const fg_cleanup_rule *r, size_t nr)
{
	static const char *const reasons[] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED};
	size_t counts[FG_NREASONS] = {0}, actions[4] = {0}, nf = 0;
	for (size_t i = 0; i < nr; i++) {
		nf += r[i].n;
		for (int k = 0; k < FG_NREASONS; k++)
			counts[k] += r[i].counts[k];
		for (int a = 0; a < 4; a++)
			actions[a] += !strcmp(r[i].action, fg_cleanup_actions[a]);
	}
	fg_buf_printf(b, "<p class=\"summary\">共 <span class=\"rules-total\">%zu</span> 件法规、"
			 "<span class=\"findings-total\">%zu</span> 项问题：", nr, nf);
	for (int k = 0; k < FG_NREASONS; k++)
		fg_buf_printf(b, "%s%s <span class=\"count\" data-reason=\"%s\">%zu</span>", k ? "，" : "",
			      fg_cleanup_reason_name(reasons[k]), reasons[k], counts[k]);
	fg_buf_puts(b, "。建议");
	for (int a = 0; a < 4; a++)
		fg_buf_printf(b, "%s%s <span class=\"count\" data-action=\"%s\">%zu</span> 件", a ? "，" : "",
			      fg_cleanup_actions[a], fg_cleanup_actions[a], actions[a]);
	fg_buf_puts(b, "。 <a class=\"export\" href=\"");
	put_link(b, c, "/api/cleanup", "format", "csv", 1, NULL, NULL);
	fg_buf_puts(b, "\">导出 CSV（逐项）</a></p>\n");
}

/* One finding of a rule, an item of its <details> list: article, reason, what to change, action. */
static void put_finding(fg_buf *b, const fg_finding *f)
{
	fg_buf_printf(b, "<li class=\"finding\" data-reason=\"%s\"", f->reason);
	if (*f->change)
		fg_buf_printf(b, " data-change=\"%s\"", f->change);
	fg_buf_puts(b, ">");
	if (*f->article) {
		fg_buf_puts(b, "<a href=\"");
		sd_put_unit_href(b, f->id, f->article_index);
		fg_buf_puts(b, "\">");
		sd_put_html(b, f->article);
		fg_buf_puts(b, "</a>");
	} else {
		fg_buf_puts(b, "全文");
	}
	fg_buf_puts(b, " <span class=\"why\">");
	sd_put_html(b, *f->change ? fg_cleanup_change_name(f->change) : fg_finding_reason_label(f));
	fg_buf_puts(b, "</span>：");
	char *brief = fg_finding_brief(f);
	sd_put_html(b, brief);
	free(brief);
	fg_buf_printf(b, " <span class=\"act\">（%s）</span></li>\n", f->action);
}

/* The rule's reasons with their counts: 引用已修改或废止的法规 2、长期未修订 1. */
static void put_reasons(fg_buf *b, const fg_cleanup_rule *r)
{
	static const char *const reasons[] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM, FG_REASON_NOT_REVISED};
	fg_buf_puts(b, "<ul class=\"reasons\">");
	for (int k = 0; k < FG_NREASONS; k++)
		if (r->counts[k])
			fg_buf_printf(b, "<li data-reason=\"%s\">%s <b>%zu</b></li>", reasons[k], fg_cleanup_reason_name(reasons[k]),
				      r->counts[k]);
	fg_buf_puts(b, "</ul>");
}

/* One rule: a row with its reasons and action, its findings folded in <details>. */
static void put_rule(fg_buf *b, const fg_finding *v, const fg_cleanup_rule *r)
{
	const fg_finding *f = &v[r->first];
	fg_buf_puts(b, "<tr class=\"rule\" data-id=\"");
	sd_put_html(b, f->id);
	fg_buf_printf(b, "\" data-action=\"%s\" data-findings=\"%zu\"><td class=\"rule-title\"><a href=\"", r->action, r->n);
	sd_put_doc_href(b, f->id, NULL);
	fg_buf_puts(b, "\">");
	sd_put_html(b, f->title);
	fg_buf_puts(b, "</a><br><small>");
	const char *meta[] = {f->id, f->level, f->region, f->locality, f->authority};
	for (size_t k = 0; k < sizeof meta / sizeof meta[0]; k++)
		if (*meta[k]) {
			if (k)
				fg_buf_puts(b, " · ");
			sd_put_html(b, meta[k]);
		}
	if (*f->published) {
		fg_buf_puts(b, " · ");
		sd_put_html(b, f->published);
		fg_buf_puts(b, " 公布");
	}
	fg_buf_puts(b, " · ");
	sd_put_html(b, f->status);
	fg_buf_puts(b, "</small></td><td>");
	put_reasons(b, r);
	fg_buf_printf(b, "<details><summary>逐条查看 %zu 项</summary>\n<ol class=\"findings\">\n", r->n);
	for (size_t i = 0; i < r->n; i++)
		put_finding(b, &v[r->first + i]);
	fg_buf_printf(b, "</ol></details></td><td class=\"num\">%zu</td><td class=\"action\"><strong>", r->n);
	sd_put_html(b, r->action);
	fg_buf_puts(b, "</strong>");
	if (!strcmp(r->action, "废止"))
		fg_buf_puts(b, "<br><small>制定依据已废止</small>");
	fg_buf_printf(b, "</td><td class=\"priority-%s\">", r->priority);
	sd_put_html(b, fg_cleanup_priority_name(r->priority));
	fg_buf_puts(b, "</td></tr>\n");
}

/* 上一页 · 第 k / K 页 · 下一页, keeping the filters and the sort. */
static void put_pager(fg_buf *b, const sd_call *c, size_t offset, size_t nr)
{
	size_t pages = (nr + PAGE_RULES - 1) / PAGE_RULES, page = offset / PAGE_RULES + 1;
	if (pages <= 1)
		return;
	char num[24];
	fg_buf_puts(b, "<nav class=\"pager\">");
	if (page > 1) {
		snprintf(num, sizeof num, "%zu", page - 1);
		fg_buf_puts(b, "<a rel=\"prev\" href=\"");
		put_link(b, c, "/cleanup", NULL, NULL, 0, "page", num);
		fg_buf_puts(b, "\">上一页</a> ");
	}
	fg_buf_printf(b, "第 %zu / %zu 页（每页 %d 件）", page, pages, PAGE_RULES);
	if (page < pages) {
		snprintf(num, sizeof num, "%zu", page + 1);
		fg_buf_puts(b, " <a rel=\"next\" href=\"");
		put_link(b, c, "/cleanup", NULL, NULL, 0, "page", num);
		fg_buf_puts(b, "\">下一页</a>");
	}
	fg_buf_puts(b, "</nav>\n");
}

/* The rules of page offset: the table, or a note when there are none. */
static void put_rules(fg_buf *b, const sd_call *c, const fg_finding *v, const fg_cleanup_rule *r, size_t nr,
		      size_t offset)
{
	put_summary(b, c, r, nr);
	if (!nr) {
		fg_buf_puts(b, "<p class=\"empty\">没有符合条件的清理事项。</p>\n");
		return;
	}
	if (offset >= nr) {
		fg_buf_puts(b, "<p class=\"empty\">没有这一页。</p>\n");
		put_pager(b, c, 0, nr);
		return;
	}
	put_pager(b, c, offset, nr);
	fg_buf_puts(b, "<div class=\"table-wrap\"><table class=\"cleanup-rules\">\n<thead><tr><th>法规</th><th>问题</th>"
		       "<th>条数</th><th>建议</th><th>优先级</th></tr></thead>\n<tbody>\n");
	for (size_t i = offset; i < nr && i < offset + PAGE_RULES; i++)
		put_rule(b, v, &r[i]);
	fg_buf_puts(b, "</tbody>\n</table></div>\n");
	put_pager(b, c, offset, nr);
}

void sd_page_cleanup(const sd_call *c, sd_reply *out)
{
	fg_buf b = {0};
	sd_tool_page_start(&b, "法规清理");
	fg_buf_puts(&b, "<main class=\"tool-page\">\n<h1>规章和规范性文件清理</h1>\n");
	cleanup_form(&b, c);
	struct req r;
	char msg[256];
	fg_finding *v = NULL;
	size_t n = 0, nr = 0;
	fg_cleanup_rule *rules = NULL;
	fg_err err = {0};
	fg_status st = FG_OK;
	out->status = 200;
	if (cleanup_req(c, &r, PAGE_RULES, msg, sizeof msg)) {
		out->status = 400;
		st = fg_err_set(&err, FG_E_INVAL, "%s", msg);
	} else if ((st = run(c, &r, &v, &n, &rules, &nr, &err)) != FG_OK) {
		out->status = sd_http_status(st);
	}
	if (st != FG_OK) {
		fg_buf_puts(&b, "<div class=\"error\" role=\"alert\">");
		sd_put_html(&b, err.msg[0] ? err.msg : fg_status_str(st));
		fg_buf_puts(&b, "</div>\n");
	} else {
		put_rules(&b, c, v, rules, nr, r.offset - r.offset % PAGE_RULES);
	}
	free(rules);
	fg_findings_free(v, n);
	fg_buf_puts(&b, "</main>\n");
	sd_page_end(&b);
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&b);
}
