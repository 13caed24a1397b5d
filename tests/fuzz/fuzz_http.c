/*
 * fuzz_http.c - the search parameters of the HTTP API. searchd's parameter
 * parsing (searchd/request.c, params.c) is private to the daemon, so this
 * target drives what it feeds: fg_search over a tiny index (three fixed documents, built once at
 * startup in a temporary directory) with the fuzz input as the query and as
 * every filter. Input layout: byte 0 = unit/sort/plain/facets bits, byte 1
 * = limit, byte 2 = offset, then fields separated by TAB in the order q,
 * status, level, region, authority, from, to, cites, asof; each is made
 * valid UTF-8 first, as searchd rejects anything else with 400.
 *
 * Checked: a search either succeeds with at most limit hits whose strings
 * are valid UTF-8 and whose JSON parses, or fails with a message and a code
 * searchd maps to 400/413 (never a Xapian error on good input).
 */
#include <json-c/json.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fagui.h"
#include "index.h"
#include "xap.h"
#include "fuzz.h"

static fg_searcher *searcher;
static char dbpath[128];

static const char *const docs[][2] = {
	{"供水.md",
	 "---\ntitle: 示例省城市供水条例\nlevel: 地方性法规\nstatus: 现行有效\nregion: 示例省\n"
	 "authority: 示例省人民代表大会常务委员会\nnumber: 示例省人大常委会公告第12号\npublished: 2021-05-28\n"
	 "effective: 2021-09-01\n---\n# 示例省城市供水条例\n\n## 第一章 总则\n\n"
	 "第一条 为了加强城市供水管理，保障供水安全，制定本条例。\n\n"
	 "第二条 本省行政区域内的城市供水及其监督管理，适用本条例。\n\n"
	 "第三条 违反本条例规定的，由供水主管部门责令改正，处一千元以上一万元以下罚款。\n"},
	{"许可.txt",
	 "示例市行政许可听证办法\n第一章 总则\n第一条 行政许可听证应当公开举行。\n"
	 "第二条 听证由行政机关指定的人员主持。\n第二条之一 申请人可以委托代理人参加听证。\n"},
	{"旧.md",
	 "---\ntitle: 示例县河道管理办法\nlevel: 规范性文件\nstatus: 已废止\nregion: 示例县\npublished: 2001-03-01\n---\n"
	 "# 示例县河道管理办法\n\n第一条 河道管理范围内禁止倾倒垃圾。\n\n第二条 本办法自发布之日起施行。\n"},
};

static void die(const char *what, const fg_err *err)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, err->msg);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char dir[] = "/tmp/fg-fuzz-http-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	snprintf(dbpath, sizeof dbpath, "%s/db", dir);
	fg_err err = {0};
	fg_xwdb *w = NULL;
	if (fg_xwdb_open(dbpath, FG_XW_CREATE, 0, &w, &err) != FG_OK)
		die("create index", &err);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		fg_doc *d = NULL;
		if (fg_doc_parse(docs[i][0], docs[i][1], strlen(docs[i][1]), FG_FMT_AUTO, &d, &err) != FG_OK)
			die("parse", &err);
		if (!d->meta.status)
			d->meta.status = fg_xstrdup(FG_STATUS_IN_FORCE);
		if (!d->meta.id)
			d->meta.id = fg_doc_make_id(&d->meta);
		fg_xdoc **units = NULL, *record = NULL;
		size_t n = 0;
		fg_index_build(d, NULL, docs[i][0], "0123456789abcdef", &units, &n, &record);
		for (size_t k = 0; k < n; k++) {
			if (fg_xwdb_add_document(w, units[k], NULL, &err) != FG_OK)
				die("add", &err);
			fg_xdoc_free(units[k]);
		}
		free(units);
		if (fg_xwdb_add_document(w, record, NULL, &err) != FG_OK)
			die("add", &err);
		fg_xdoc_free(record);
		fg_doc_free(d);
	}
	if (fg_xwdb_commit(w, &err) != FG_OK)
		die("commit", &err);
	fg_xwdb_close(w);
	if (fg_searcher_open(dbpath, NULL, &searcher, &err) != FG_OK)
		die("open", &err);
	/*
	 * The database stays open; remove its files now so that no run leaves
	 * a directory behind (the open handle keeps reading them).
	 */
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_http: could not remove %s\n", dir);
	return 0;
}

static void check_str(const char *s)
{
	CHECK(s != NULL);
	CHECK(fg_utf8_valid(s, strlen(s), NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	char *fields[9] = {0};
	const char *p = (const char *)data + 3, *end = (const char *)data + size;
	for (int i = 0; i < 9; i++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		fields[i] = fg_utf8_sanitize(p, (size_t)(fe - p), NULL, NULL, NULL);
		p = tab ? tab + 1 : end;
	}
	fg_search_req req;
	memset(&req, 0, sizeof req);
	req.unit = data[0] & 1 ? FG_SEARCH_DOC : FG_SEARCH_ARTICLE;
	req.sort = data[0] & 2 ? FG_SORT_DATE : FG_SORT_RELEVANCE;
	req.plain = (data[0] >> 2) & 1;
	req.no_facets = (data[0] >> 3) & 1;
	req.limit = data[1] % (FG_SEARCH_MAX_LIMIT + 2);
	req.offset = data[0] & 0x80 ? data[2] * 50u : data[2];
	const char **slots[9] = {&req.q, &req.status, &req.level, &req.region, &req.authority,
				 &req.from, &req.to, &req.cites, &req.asof};
	for (int i = 0; i < 9; i++)
		*slots[i] = fields[i][0] || (data[0] & 0x40) ? fields[i] : NULL;

	fg_result *r = NULL;
	fg_err err = {0};
	fg_status st = fg_search(searcher, &req, &r, &err);
	if (st == FG_OK) {
		CHECK(r != NULL);
		unsigned limit = req.limit ? req.limit : 10;
		CHECK(r->nhits <= limit);
		CHECK(r->nhits <= r->total || r->total == 0 || req.unit == FG_SEARCH_DOC);
		for (size_t i = 0; i < r->nhits; i++) {
			const fg_hit *h = &r->hits[i];
			check_str(h->id);
			check_str(h->title);
			check_str(h->snippet);
			check_str(h->url);
			check_str(h->article);
		}
		char *json = fg_result_json(r);
		CHECK(json != NULL);
		CHECK(fg_utf8_valid(json, strlen(json), NULL));
		json_object *o = json_tokener_parse(json);
		CHECK(o != NULL);
		json_object_put(o);
		free(json);
		fg_result_free(r);
	} else {
		CHECK(r == NULL);
		CHECK(err.msg[0] != '\0');
		CHECK(st == FG_E_INVAL || st == FG_E_LIMIT);
	}
	for (int i = 0; i < 9; i++)
		free(fields[i]);
	return 0;
}
