/*
 * api_catalogue.c - the catalogue (目录) and the change log page of
 * fagui-searchd: GET /api/catalogue (one row per document, filtered, sorted
 * and paged, with facet counts, as JSON or as a CSV or TSV download), the
 * page /catalogue (the same filters as a GET form, facets that add a
 * filter, removable filter chips, a table, paging, sort and export links;
 * no JavaScript) and the page /changes (the status events newest first,
 * paged, beside /changes.atom and /api/changes). Messages for bad input are
 * in Chinese, in a 400 reply.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MAX 100        /* rows on one page of /catalogue and /changes */
#define DEFAULT_LIMIT 50
#define CT_CSV "text/csv; charset=utf-8"
#define CT_TSV "text/tab-separated-values; charset=utf-8"

enum { FMT_JSON, FMT_CSV, FMT_TSV };

/* The catalogue parameters as given ("" when absent) and as understood. */
typedef struct catq {
	const char *q, *level, *status, *region, *authority, *from, *to, *sort, *order;
	fg_catalogue_req req;
	int fmt;            /* FMT_* */
	unsigned limit;     /* as asked, or the default; 0: every row (exports) */
} catq;

/* ---- parameters ---- */

static unsigned bad(char *msg, size_t cap, const char *text)
{
	snprintf(msg, cap, "%s", text);
	return 400;
}

/* format, sort and order into p; 0, or 400 with msg. */
static unsigned read_choices(const sd_req *r, catq *p, int page, char *msg, size_t cap)
{
	const char *format = page ? "" : sd_param_get(r, "format");
	if (!*format || !strcmp(format, "json"))
		p->fmt = FMT_JSON;
	else if (!strcmp(format, "csv"))
		p->fmt = FMT_CSV;
	else if (!strcmp(format, "tsv"))
		p->fmt = FMT_TSV;
	else
		return bad(msg, cap, "格式（format）只能是 json、csv 或 tsv");
	if (!*p->sort || !strcmp(p->sort, "published"))
		p->req.sort = FG_CATALOGUE_BY_PUBLISHED;
	else if (!strcmp(p->sort, "title"))
		p->req.sort = FG_CATALOGUE_BY_TITLE;
	else if (!strcmp(p->sort, "level"))
		p->req.sort = FG_CATALOGUE_BY_LEVEL;
	else
		return bad(msg, cap, "排序方式（sort）只能是 published（公布日期）、title（标题）或 level（效力级别）");
	if (*p->order && strcmp(p->order, "asc") && strcmp(p->order, "desc"))
		return bad(msg, cap, "排列顺序（order）只能是 asc（升序）或 desc（降序）");
	p->req.order = !*p->order ? 0 : !strcmp(p->order, "asc") ? 1 : -1;
	return 0;
}

/*
 * Read and check the parameters of the API (page 0: limit up to
 * FG_CATALOGUE_MAX_LIMIT, 50 by default for JSON and every row for CSV and
 * TSV) or of the page (page 1: limit up to PAGE_MAX, 50 by default, format
 * ignored). 0, or 400 with msg.
 */
static unsigned read_catq(const sd_req *r, catq *p, int page, char *msg, size_t cap)
{
	memset(p, 0, sizeof *p);
	p->q = sd_param_get(r, "q");
	p->level = sd_param_get(r, "level");
	p->status = sd_param_get(r, "status");
	p->region = sd_param_get(r, "region");
	p->authority = sd_param_get(r, "authority");
	p->from = sd_param_get(r, "from");
	p->to = sd_param_get(r, "to");
	p->sort = sd_param_get(r, "sort");
	p->order = sd_param_get(r, "order");
	p->limit = DEFAULT_LIMIT;
	if (read_choices(r, p, page, msg, cap))
		return 400;
	const char *limit = sd_param_get(r, "limit"), *offset = sd_param_get(r, "offset");
	unsigned max = page ? PAGE_MAX : FG_CATALOGUE_MAX_LIMIT;
	if (p->fmt != FMT_JSON)
		p->limit = 0; /* exports list every matching row unless a limit is given */
	if (*limit && sd_parse_uint(limit, 1, max, &p->limit) != 0) {
		snprintf(msg, cap, "每页条数（limit）应为 1 到 %u 之间的整数", max);
		return 400;
	}
	if (*offset && sd_parse_uint(offset, 0, 999999999, &p->req.offset) != 0)
		return bad(msg, cap, "起始位置（offset）应为不小于 0 的整数");
	p->req.limit = p->limit;
	p->req.q = p->q;
	p->req.level = p->level;
	p->req.status = p->status;
	p->req.region = p->region;
	p->req.authority = p->authority;
	p->req.from = p->from;
	p->req.to = p->to;
	return 0;
}

void sd_api_catalogue(const sd_call *c, sd_reply *out)
{
	catq p;
	char msg[256];
	if (read_catq(c->req, &p, 0, msg, sizeof msg)) {
		sd_tool_error(out, 400, msg);
		return;
	}
	fg_err err = {0};
	fg_catalogue_page *pg = NULL;
	fg_status st = fg_catalogue_query(c->s, &p.req, &pg, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	if (p.fmt == FMT_JSON) {
		out->ctype = SD_CT_JSON;
		out->body = fg_catalogue_json(pg, p.req.offset);
	} else {
		out->ctype = p.fmt == FMT_CSV ? CT_CSV : CT_TSV;
		out->disposition = p.fmt == FMT_CSV ? "attachment; filename=catalogue.csv"
						    : "attachment; filename=catalogue.tsv";
		out->body = fg_catalogue_table(pg, p.fmt == FMT_TSV);
	}
	fg_catalogue_page_free(pg);
}

/* ---- links that keep the filters ---- */

/*
 * Append an href (HTML-escaped) to path with p's parameters, where the
 * overrides in o (n of them) replace or drop one. The offset and the format
 * are written only when overridden: a new filter starts at page one.
 */
static void put_url(fg_buf *b, const char *path, const catq *p, const sd_kv *o, size_t n)
{
	char limit[16] = "";
	if (p->limit != DEFAULT_LIMIT && p->limit)
		snprintf(limit, sizeof limit, "%u", p->limit);
	const char *keys[] = {"q",    "level", "status", "region", "authority", "from",
			      "to",   "sort",  "order",  "limit",  "offset",    "format"};
	const char *vals[] = {p->q,    p->level, p->status, p->region, p->authority, p->from,
			      p->to,   p->sort,  p->order,  limit,     "",           ""};
	sd_put_href(b, path, keys, vals, sizeof keys / sizeof keys[0], o, n);
}

/* ---- comma lists (level=法律,行政法规) ---- */

/* The next value of the list at *s (ASCII or full-width commas), trimmed, into v; 0 at the end. */
static int next_value(const char **s, fg_buf *v)
{
	fg_buf_reset(v);
	while (**s) {
		const char *comma = strchr(*s, ','), *wide = strstr(*s, "，");
		const char *end = comma && (!wide || comma < wide) ? comma : wide ? wide : *s + strlen(*s);
		const char *a = *s, *e = end;
		*s = *end == ',' ? end + 1 : *end ? end + strlen("，") : end;
		while (a < e && *a == ' ')
			a++;
		while (e > a && e[-1] == ' ')
			e--;
		if (e > a) {
			fg_buf_put(v, a, (size_t)(e - a));
			return 1;
		}
	}
	return 0;
}

static int list_has(const char *list, const char *val)
{
	fg_buf v = {0};
	int has = 0;
	while (!has && next_value(&list, &v))
		has = !strcmp(v.data, val);
	fg_buf_free(&v);
	return has;
}

/* list without val, joined by commas, into out (reset first). */
static void list_without(fg_buf *out, const char *list, const char *val)
{
	fg_buf v = {0};
	fg_buf_reset(out);
	while (next_value(&list, &v)) {
		if (!strcmp(v.data, val))
			continue;
		if (out->len)
			fg_buf_putc(out, ',');
		fg_buf_puts(out, v.data);
	}
	fg_buf_free(&v);
}

/* ---- the page /catalogue ---- */

static void put_select(fg_buf *b, const char *name, const char *label, const char *const *opts, const char *cur)
{
	fg_buf_printf(b, "<label>%s <select name=\"%s\">\n<option value=\"\">全部</option>\n", label, name);
	int found = !*cur;
	for (size_t i = 0; opts[i]; i++) {
		int sel = !strcmp(opts[i], cur);
		found |= sel;
		fg_buf_printf(b, "<option%s>", sel ? " selected" : "");
		sd_put_html(b, opts[i]);
		fg_buf_puts(b, "</option>\n");
	}
	if (!found) { /* several values, or another spelling: keep them as given */
		fg_buf_puts(b, "<option selected value=\"");
		sd_put_html(b, cur);
		fg_buf_puts(b, "\">");
		sd_put_html(b, cur);
		fg_buf_puts(b, "</option>\n");
	}
	fg_buf_puts(b, "</select></label>\n");
}

static void put_input(fg_buf *b, const char *name, const char *label, const char *type, const char *val,
		      const char *extra)
{
	fg_buf_printf(b, "<label>%s <input type=\"%s\" name=\"%s\" value=\"", label, type, name);
	sd_put_html(b, val);
	fg_buf_printf(b, "\"%s></label>\n", extra);
}

static void put_choice(fg_buf *b, const char *value, const char *label, const char *cur)
{
	fg_buf_printf(b, "<option value=\"%s\"%s>%s</option>\n", value, !strcmp(value, cur) ? " selected" : "", label);
}

/* The filters as a GET form; regions (may be NULL) fill the region input's suggestions. */
static void put_form(fg_buf *b, const catq *p, const fg_facet *regions)
{
	fg_buf_puts(b, "<form class=\"catalogue\" method=\"get\" action=\"/catalogue\">\n");
	put_input(b, "q", "标题", "search", p->q, " placeholder=\"标题中的词，如：供水\"");
	put_select(b, "level", "效力级别", fg_levels, p->level);
	put_select(b, "status", "时效性", fg_statuses, p->status);
	put_input(b, "region", "地区", "text", p->region, " list=\"regions\" placeholder=\"如：示例省、白河市\"");
	if (regions && regions->n) {
		fg_buf_puts(b, "<datalist id=\"regions\">");
		for (size_t i = 0; i < regions->n; i++) {
			fg_buf_puts(b, "<option value=\"");
			sd_put_html(b, regions->values[i].value);
			fg_buf_puts(b, "\">");
		}
		fg_buf_puts(b, "</datalist>\n");
	}
	put_input(b, "authority", "制定机关", "text", p->authority, "");
	put_input(b, "from", "公布日期 自", "date", p->from, "");
	put_input(b, "to", "至", "date", p->to, "");
	fg_buf_puts(b, "<label>排序 <select name=\"sort\">\n");
	put_choice(b, "", "公布日期", p->sort);
	put_choice(b, "title", "标题", p->sort);
	put_choice(b, "level", "效力级别", p->sort);
	fg_buf_puts(b, "</select></label>\n<label>顺序 <select name=\"order\">\n");
	put_choice(b, "", "默认", p->order);
	put_choice(b, "desc", "降序", p->order);
	put_choice(b, "asc", "升序", p->order);
	fg_buf_puts(b, "</select></label>\n<label>每页 <select name=\"limit\">\n");
	char cur[16];
	snprintf(cur, sizeof cur, "%u", p->limit);
	if (strcmp(cur, "20") && strcmp(cur, "50") && strcmp(cur, "100"))
		put_choice(b, cur, cur, cur); /* a limit given in the link */
	put_choice(b, "20", "20", cur);
	put_choice(b, "50", "50", cur);
	put_choice(b, "100", "100", cur);
	fg_buf_puts(b, "</select></label>\n<button type=\"submit\">筛选</button> <a href=\"/catalogue\">清除条件</a>\n"
		       "</form>\n");
}

/* A chip: name：value, a link to the page with key set to rest (NULL: dropped). */
static void put_chip(fg_buf *b, const catq *p, const char *key, const char *rest, const char *name, const char *value)
{
	sd_kv o[1] = {{key, rest}};
	fg_buf_puts(b, "<a class=\"chip\" href=\"");
	put_url(b, "/catalogue", p, o, 1);
	fg_buf_puts(b, "\" title=\"取消此条件\">");
	sd_put_html(b, name);
	fg_buf_puts(b, "：");
	sd_put_html(b, value);
	fg_buf_puts(b, " ×</a> ");
}

/* The filters in effect as chips, one per value of a list, each removing itself. */
static void put_chips(fg_buf *b, const catq *p)
{
	const char *keys[] = {"q", "level", "status", "region", "authority", "from", "to"};
	const char *names[] = {"标题含", "效力级别", "时效性", "地区", "制定机关", "公布日期自", "公布日期至"};
	const char *vals[] = {p->q, p->level, p->status, p->region, p->authority, p->from, p->to};
	int any = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		any |= *vals[i] != 0;
	if (!any)
		return;
	fg_buf_puts(b, "<div class=\"filters\">已筛选：");
	fg_buf v = {0}, rest = {0};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		int list = i >= 1 && i <= 4; /* level, status, region, authority: one chip per value */
		if (!list) {
			if (*vals[i])
				put_chip(b, p, keys[i], NULL, names[i], vals[i]);
			continue;
		}
		for (const char *s = vals[i]; next_value(&s, &v);) {
			list_without(&rest, vals[i], v.data);
			put_chip(b, p, keys[i], rest.data, names[i], v.data);
		}
	}
	fg_buf_puts(b, "</div>\n");
	fg_buf_free(&v);
	fg_buf_free(&rest);
}

static const char *facet_title(int i)
{
	static const char *const t[FG_NFACETS] = {"效力级别", "时效性", "地区", "公布年份"};
	return t[i];
}

/* The facets: each value a link that sets that filter (or removes it when it is on), with its count. */
static void put_facets(fg_buf *b, const catq *p, const fg_catalogue_page *pg)
{
	const char *cur[FG_NFACETS] = {p->level, p->status, p->region, NULL};
	fg_buf_puts(b, "<aside class=\"facets\" aria-label=\"筛选\">\n");
	for (int i = 0; i < FG_NFACETS; i++) {
		const fg_facet *f = &pg->facets[i];
		if (!f->n)
			continue;
		fg_buf_printf(b, "<section class=\"facet\" data-facet=\"%s\">\n<h3>%s</h3>\n<ul>\n", fg_facet_names[i],
			      facet_title(i));
		for (size_t k = 0; k < f->n; k++) {
			const char *v = f->values[k].value;
			char from[16], to[16];
			snprintf(from, sizeof from, "%.4s-01-01", v);
			snprintf(to, sizeof to, "%.4s-12-31", v);
			int active = cur[i] ? list_has(cur[i], v) : !strcmp(p->from, from) && !strcmp(p->to, to);
			fg_buf_puts(b, active ? "<li class=\"active\"><a href=\"" : "<li><a href=\"");
			fg_buf rest = {0};
			if (cur[i] && active)
				list_without(&rest, cur[i], v);
			sd_kv o[2] = {{fg_facet_names[i], active ? rest.data : v}, {"", NULL}};
			if (!cur[i]) {
				o[0] = (sd_kv){"from", active ? NULL : from};
				o[1] = (sd_kv){"to", active ? NULL : to};
			}
			put_url(b, "/catalogue", p, o, cur[i] ? 1 : 2);
			fg_buf_free(&rest);
			fg_buf_puts(b, "\">");
			sd_put_html(b, v);
			fg_buf_printf(b, " <span class=\"count\">%u</span>", f->values[k].count);
			if (active)
				fg_buf_puts(b, " <span class=\"remove\" aria-label=\"取消\">×</span>");
			fg_buf_puts(b, "</a></li>\n");
		}
		fg_buf_puts(b, "</ul>\n</section>\n");
	}
	fg_buf_puts(b, "</aside>\n");
}

/* A column head that sorts by key: ascending first (published: newest first), the other way when it is on. */
static void sort_head(fg_buf *b, const catq *p, const char *key, const char *label)
{
	int on = !strcmp(*p->sort ? p->sort : "published", key);
	int dflt_desc = !strcmp(key, "published");
	int desc = on && (*p->order ? !strcmp(p->order, "desc") : dflt_desc);
	sd_kv o[3] = {{"sort", strcmp(key, "published") ? key : NULL}, {"order", NULL}, {"offset", NULL}};
	if (on)
		o[1].val = desc ? "asc" : "desc";
	fg_buf_puts(b, "<a class=\"sort\" href=\"");
	put_url(b, "/catalogue", p, o, 3);
	fg_buf_puts(b, "\">");
	fg_buf_puts(b, label);
	if (on)
		fg_buf_puts(b, desc ? " ↓" : " ↑");
	fg_buf_puts(b, "</a>");
}

static void put_cell(fg_buf *b, const char *cls, const char *label, const char *v)
{
	fg_buf_printf(b, "<td class=\"%s\" data-label=\"%s\">", cls, label);
	sd_put_html(b, *v ? v : "—");
	fg_buf_puts(b, "</td>");
}

static void put_table(fg_buf *b, const catq *p, const fg_catalogue_page *pg)
{
	fg_buf_puts(b, "<table class=\"catalogue\">\n<thead><tr><th class=\"title\">");
	sort_head(b, p, "title", "标题");
	fg_buf_puts(b, "</th><th>文号</th><th>制定机关</th><th>");
	sort_head(b, p, "level", "效力级别");
	fg_buf_puts(b, "</th><th>时效性</th><th>");
	sort_head(b, p, "published", "公布日期");
	fg_buf_puts(b, "</th><th>施行日期</th><th>有效期至</th><th class=\"num\">条数</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < pg->n; i++) {
		const fg_catalogue_doc *d = &pg->docs[i];
		fg_buf_puts(b, "<tr><td class=\"title\"><a href=\"");
		sd_put_doc_href(b, d->id, NULL);
		fg_buf_puts(b, "\">");
		sd_put_html(b, *d->title ? d->title : d->id);
		fg_buf_puts(b, "</a><div class=\"cap\">");
		sd_put_html(b, d->region);
		fg_buf_puts(b, "</div></td>");
		put_cell(b, "number", "文号", d->number);
		put_cell(b, "authority", "制定机关", d->authority);
		put_cell(b, "level", "效力级别", d->level);
		fg_buf_puts(b, "<td class=\"status\" data-label=\"时效性\">");
		sd_put_badge(b, d->status);
		fg_buf_puts(b, "</td>");
		put_cell(b, "date", "公布日期", d->published);
		put_cell(b, "date", "施行日期", d->effective);
		put_cell(b, "date", "有效期至", d->expires);
		fg_buf_printf(b, "<td class=\"num\" data-label=\"条数\">%u</td></tr>\n", d->articles);
	}
	fg_buf_puts(b, "</tbody>\n</table>\n");
}

/* 上一页 · 第 x / y 页 · 下一页, for path (the catalogue's or the change log's links through link). */
static void put_pager(fg_buf *b, unsigned offset, unsigned limit, unsigned total,
		      void (*link)(fg_buf *, const void *, unsigned), const void *ctx)
{
	if (total <= limit && offset == 0)
		return;
	fg_buf_puts(b, "<nav class=\"pager\" aria-label=\"翻页\">");
	if (offset > 0) {
		fg_buf_puts(b, "<a rel=\"prev\" href=\"");
		link(b, ctx, offset > limit ? offset - limit : 0);
		fg_buf_puts(b, "\">上一页</a>");
	}
	fg_buf_printf(b, " <span class=\"page\">第 %u / %u 页</span> ", offset / limit + 1,
		      total ? (total + limit - 1) / limit : 1);
	if ((unsigned long)offset + limit < total) {
		fg_buf_puts(b, "<a rel=\"next\" href=\"");
		link(b, ctx, offset + limit);
		fg_buf_puts(b, "\">下一页</a>");
	}
	fg_buf_puts(b, "</nav>\n");
}

static void catalogue_offset_link(fg_buf *b, const void *ctx, unsigned offset)
{
	char off[16];
	snprintf(off, sizeof off, "%u", offset);
	sd_kv o[1] = {{"offset", offset ? off : NULL}};
	put_url(b, "/catalogue", ctx, o, 1);
}

/* Links to the whole filtered list as CSV, TSV and JSON. */
static void put_exports(fg_buf *b, const catq *p, unsigned total)
{
	char all[16];
	snprintf(all, sizeof all, "%u", total ? (total < FG_CATALOGUE_MAX_LIMIT ? total : FG_CATALOGUE_MAX_LIMIT) : 1);
	const char *fmts[] = {"csv", "tsv", "json"}, *names[] = {"CSV（Excel）", "TSV", "JSON"};
	fg_buf_puts(b, "<p class=\"exports\">导出全部 ");
	fg_buf_printf(b, "%u 件：", total);
	for (size_t i = 0; i < 3; i++) {
		sd_kv o[3] = {{"format", fmts[i]}, {"limit", i == 2 ? all : NULL}, {"offset", NULL}};
		fg_buf_puts(b, i ? " · <a href=\"" : "<a href=\"");
		put_url(b, "/api/catalogue", p, o, 3);
		fg_buf_printf(b, "\">%s</a>", names[i]);
	}
	fg_buf_puts(b, "</p>\n");
}

static void put_results(fg_buf *b, const catq *p, const fg_catalogue_page *pg)
{
	unsigned first = pg->n ? p->req.offset + 1 : 0, last = p->req.offset + (unsigned)pg->n;
	fg_buf_printf(b, "<div class=\"summary\">共 %u 件", pg->total);
	if (pg->n && pg->total > pg->n)
		fg_buf_printf(b, "，第 %u–%u 件", first, last);
	fg_buf_puts(b, "</div>\n");
	put_chips(b, p);
	fg_buf_puts(b, "<div class=\"layout\">\n");
	put_facets(b, p, pg);
	fg_buf_puts(b, "<section class=\"hits\">\n");
	if (!pg->n) {
		fg_buf_puts(b, "<div class=\"empty\"><p>没有符合条件的文件。</p><p>可以取消部分筛选条件，或换一个标题中的词。</p></div>\n");
	} else {
		fg_buf_puts(b, "<div class=\"table-wrap\">\n");
		put_table(b, p, pg);
		fg_buf_puts(b, "</div>\n");
	}
	put_pager(b, p->req.offset, p->limit, pg->total, catalogue_offset_link, p);
	put_exports(b, p, pg->total);
	fg_buf_puts(b, "</section>\n</div>\n");
}

static void put_error(fg_buf *b, const char *msg)
{
	fg_buf_puts(b, "<div class=\"error\" role=\"alert\"><strong>筛选条件有误：</strong>");
	sd_put_html(b, msg);
	fg_buf_puts(b, "</div>\n");
}

void sd_page_catalogue(const sd_call *c, sd_reply *out)
{
	catq p;
	char msg[256] = "";
	unsigned status = read_catq(c->req, &p, 1, msg, sizeof msg);
	fg_catalogue_page *pg = NULL;
	fg_err err = {0};
	if (!status) {
		fg_status st = fg_catalogue_query(c->s, &p.req, &pg, &err);
		if (st != FG_OK) {
			status = sd_http_status(st);
			snprintf(msg, sizeof msg, "%s", err.msg[0] ? err.msg : fg_status_str(st));
		}
	}
	fg_buf h = {0};
	sd_tool_page_start(&h, "法规目录");
	fg_buf_puts(&h, "<main class=\"tool-page catalogue-page\">\n<h1>法规目录</h1>\n");
	put_form(&h, &p, pg ? &pg->facets[2] : NULL);
	if (status)
		put_error(&h, msg);
	else
		put_results(&h, &p, pg);
	fg_buf_puts(&h, "</main>\n");
	sd_page_end(&h);
	fg_catalogue_page_free(pg);
	out->status = status ? status : 200;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&h);
}

/* ---- the page /changes ---- */

static void changes_offset_link(fg_buf *b, const void *ctx, unsigned offset)
{
	const unsigned *limit = ctx;
	fg_buf u = {0};
	fg_buf_puts(&u, "/changes");
	char sep = '?';
	if (*limit != DEFAULT_LIMIT) {
		fg_buf_printf(&u, "?limit=%u", *limit);
		sep = '&';
	}
	if (offset)
		fg_buf_printf(&u, "%coffset=%u", sep, offset);
	fg_buf_put_html(b, u.data, u.len);
	fg_buf_free(&u);
}

static void put_change(fg_buf *b, const fg_logentry *e)
{
	fg_buf_puts(b, "<tr><td class=\"date\" data-label=\"变更日期\">");
	sd_put_html(b, e->ev->date);
	fg_buf_puts(b, "</td><td class=\"title\" data-label=\"法规\"><a href=\"");
	sd_put_doc_href(b, e->ev->id, NULL);
	fg_buf_puts(b, "\">");
	sd_put_html(b, *e->title ? e->title : e->ev->id);
	fg_buf_puts(b, "</a><div class=\"cap\">");
	sd_put_html(b, e->ev->id);
	fg_buf_puts(b, "</div></td><td class=\"status\" data-label=\"时效性\">");
	if (*e->ev->previous)
		sd_put_badge(b, e->ev->previous);
	else
		fg_buf_puts(b, "<span class=\"cap\">（未记录）</span>");
	fg_buf_puts(b, " → ");
	sd_put_badge(b, e->ev->status);
	fg_buf_puts(b, "</td><td class=\"note\" data-label=\"原因\">");
	sd_put_html(b, *e->ev->note ? e->ev->note : (*e->ev->superseded_by ? "" : "—"));
	if (*e->ev->superseded_by) {
		fg_buf_puts(b, *e->ev->note ? "；由 <a href=\"" : "由 <a href=\"");
		sd_put_doc_href(b, e->ev->superseded_by, NULL);
		fg_buf_puts(b, "\">");
		sd_put_html(b, *e->by_title ? e->by_title : e->ev->superseded_by);
		fg_buf_puts(b, "</a> 取代");
	}
	fg_buf_puts(b, "</td><td class=\"date\" data-label=\"记录时间\">");
	sd_put_html(b, e->ev->recorded);
	fg_buf_puts(b, "</td></tr>\n");
}

void sd_page_changes(const sd_call *c, sd_reply *out)
{
	unsigned limit = DEFAULT_LIMIT, offset = 0;
	const char *l = sd_param_get(c->req, "limit"), *o = sd_param_get(c->req, "offset");
	if (*l && sd_parse_uint(l, 1, PAGE_MAX, &limit) != 0) {
		sd_tool_error_page(out, 400, "每页条数（limit）应为 1 到 100 之间的整数");
		return;
	}
	if (*o && sd_parse_uint(o, 0, 999999999, &offset) != 0) {
		sd_tool_error_page(out, 400, "起始位置（offset）应为不小于 0 的整数");
		return;
	}
	fg_status_event *ev = NULL;
	size_t n = 0, k = 0;
	fg_err err = {0};
	if (fg_events_load(c->cfg->index, &ev, &n, &err) != FG_OK) {
		sd_tool_error_page(out, 503, err.msg);
		return;
	}
	fg_logentry *log = fg_changes_window(c->s, ev, n, offset, limit, &k);
	fg_buf h = {0};
	sd_tool_page_start(&h, "变更记录");
	fg_buf_printf(&h, "<main class=\"tool-page changes-page\">\n<h1>变更记录</h1>\n<p class=\"summary\">共 %zu 条时效性变更，"
			  "最新的在前。订阅：<a href=\"/changes.atom\">Atom</a> · <a href=\"/api/changes\">JSON</a></p>\n", n);
	if (!n) {
		fg_buf_puts(&h, "<div class=\"empty\"><p>暂无时效性变更记录。</p><p>用 <code>fagui-indexer --index DIR event …</code> "
				"记录法规的废止、失效或修改后，会列在这里。</p></div>\n");
	} else if (!k) {
		fg_buf_puts(&h, "<div class=\"empty\"><p>这一页没有记录。</p><p><a href=\"/changes\">回到第一页</a></p></div>\n");
	} else {
		fg_buf_puts(&h, "<div class=\"table-wrap\">\n<table class=\"changes\">\n<thead><tr><th>变更日期</th><th>法规</th>"
				"<th>时效性</th><th>原因</th><th>记录时间</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < k; i++)
			put_change(&h, &log[i]);
		fg_buf_puts(&h, "</tbody>\n</table>\n</div>\n");
	}
	put_pager(&h, offset, limit, (unsigned)n, changes_offset_link, &limit);
	fg_buf_puts(&h, "</main>\n");
	sd_page_end(&h);
	fg_changes_free(log, k);
	fg_events_free(ev, n);
	out->status = 200;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&h);
}
