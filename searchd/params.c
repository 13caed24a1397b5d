/*
 * params.c - the search parameters of fagui-searchd (/api/search, /search):
 * q, unit, the filters, dates, sort, limit and offset, facets, read from the
 * request's query string, checked (numbers in range, real calendar dates, a
 * date range in order, known words), and turned into an fg_search_req. The
 * messages are the API's: they reach clients as {"error": ...} or the page.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_uint_param(const char *s, unsigned min, unsigned max, unsigned *out)
{
	if (!*s || strlen(s) > 9)
		return -1;
	unsigned long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int sd_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
	return parse_uint_param(s, min, max, out);
}

/* The parameters as given, "" when absent; limit 10 and offset 0 until checked. */
static void read_query(const sd_req *r, sd_query *p)
{
	p->q = sd_param_get(r, "q");
	p->unit = sd_param_get(r, "unit");
	p->status = sd_param_get(r, "status");
	p->level = sd_param_get(r, "level");
	p->region = sd_param_get(r, "region");
	p->authority = sd_param_get(r, "authority");
	p->from = sd_param_get(r, "from");
	p->to = sd_param_get(r, "to");
	p->sort = sd_param_get(r, "sort");
	p->cites = sd_param_get(r, "cites");
	p->asof = sd_param_get(r, "asof");
	p->q_chars = r->q_chars;
	p->limit = 10;
	p->offset = 0;
}

/* limit and offset into p, within the depth a search may reach; 0 or 400 with msg. */
static unsigned check_window(const sd_req *r, sd_query *p, char *msg, size_t cap)
{
	const char *limit = sd_param_get(r, "limit"), *offset = sd_param_get(r, "offset");
	if (*limit && parse_uint_param(limit, 1, FG_SEARCH_MAX_LIMIT, &p->limit) != 0) {
		snprintf(msg, cap, "每页条数（limit）应为 1 到 %d 之间的整数", FG_SEARCH_MAX_LIMIT);
		return 400;
	}
	if (*offset && parse_uint_param(offset, 0, FG_SEARCH_MAX_DEPTH, &p->offset) != 0) {
		snprintf(msg, cap, "起始位置（offset）应为 0 到 %d 之间的整数", FG_SEARCH_MAX_DEPTH);
		return 400;
	}
	if (p->offset + p->limit > FG_SEARCH_MAX_DEPTH) {
		snprintf(msg, cap, "最多只能翻到第 %d 条结果（offset + limit），请加上筛选条件缩小范围", FG_SEARCH_MAX_DEPTH);
		return 400;
	}
	return 0;
}

/* The Chinese name of a date parameter, for messages. */
static const char *date_name(const char *param)
{
	if (!strcmp(param, "from"))
		return "起始日期";
	if (!strcmp(param, "to"))
		return "截止日期";
	return "时点";
}

/* from, to and asof real dates, from not after to; 0 or 400 with msg. */
static unsigned check_dates(const sd_query *p, char *msg, size_t cap)
{
	const char *dates[3][2] = {{"from", p->from}, {"to", p->to}, {"asof", p->asof}};
	for (int i = 0; i < 3; i++) {
		if (*dates[i][1] && !fg_date_valid(dates[i][1])) {
			snprintf(msg, cap, "%s（%s）不是有效日期：应为 YYYY-MM-DD 格式的真实日期，如 2020-01-31",
				 date_name(dates[i][0]), dates[i][0]);
			return 400;
		}
	}
	if (*p->from && *p->to && strcmp(p->from, p->to) > 0) {
		snprintf(msg, cap, "日期范围有误：起始日期（from）晚于截止日期（to），请对调或修改");
		return 400;
	}
	return 0;
}

unsigned sd_parse_search(const sd_req *r, sd_query *p, fg_search_req *req, char *msg, size_t cap)
{
	memset(req, 0, sizeof *req);
	read_query(r, p);
	req->q = p->q;
	if (!*p->unit || !strcmp(p->unit, "article")) {
		req->unit = FG_SEARCH_ARTICLE;
	} else if (!strcmp(p->unit, "doc")) {
		req->unit = FG_SEARCH_DOC;
	} else {
		snprintf(msg, cap, "结果单位（unit）应为 article（按条文）或 doc（按文件）");
		return 400;
	}
	if (check_window(r, p, msg, cap) || check_dates(p, msg, cap))
		return 400;
	req->limit = p->limit;
	req->offset = p->offset;
	if (!*p->sort || !strcmp(p->sort, "relevance")) {
		req->sort = FG_SORT_RELEVANCE;
	} else if (!strcmp(p->sort, "date")) {
		req->sort = FG_SORT_DATE;
	} else {
		snprintf(msg, cap, "排序（sort）应为 relevance（相关度）或 date（日期）");
		return 400;
	}
	if (strlen(p->cites) > SD_MAX_ID) {
		snprintf(msg, cap, "引用筛选（cites）应为不超过 %d 字节的文件编号", SD_MAX_ID);
		return 400;
	}
	req->status = *p->status ? p->status : NULL;
	req->level = *p->level ? p->level : NULL;
	req->region = *p->region ? p->region : NULL;
	req->authority = *p->authority ? p->authority : NULL;
	req->from = *p->from ? p->from : NULL;
	req->to = *p->to ? p->to : NULL;
	req->cites = *p->cites ? p->cites : NULL;
	req->asof = *p->asof ? p->asof : NULL;
	/* facets=0 skips facet counting (the API's clients that only want hits; the page always counts) */
	const char *facets = sd_param_get(r, "facets");
	if (*facets && strcmp(facets, "0") && strcmp(facets, "1")) {
		snprintf(msg, cap, "分面统计（facets）应为 0 或 1");
		return 400;
	}
	req->no_facets = !strcmp(facets, "0");
	return 0;
}
