/*
 * http.c - the server side of fagui-searchd, the top of its stairs under
 * main.c: the libmicrohttpd callbacks (request state created by the URI log
 * callback from the raw request target, the body read up to its limit,
 * everything freed in NOTIFY_COMPLETED after the metrics and the access log),
 * routing, the responses with their security headers and error bodies (JSON,
 * or an HTML page for browsers), static files, one searcher per worker
 * thread (opened lazily, refreshed at the start of every request), and the
 * routes of the core API and pages; the work tools answer through sd_reply.
 */
#include "searchd.h"

#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define SECURITY_CSP \
	"default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'"

static sd_config *config; /* probe is taken by the first worker to open its searcher */
static pthread_key_t searcher_key;
static struct MHD_Response *prebuilt_404_json, *prebuilt_405_json;
static size_t prebuilt_404_json_len, prebuilt_405_json_len;

/* ---- responses ---- */

/* Append s as a JSON string literal; invalid UTF-8 becomes U+FFFD. */
static void put_json_str(fg_buf *b, const char *s)
{
	size_t n;
	char *clean = fg_utf8_sanitize(s, strlen(s), &n, NULL, NULL);
	fg_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)clean[i];
		if (c == '"' || c == '\\') {
			fg_buf_putc(b, '\\');
			fg_buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			fg_buf_printf(b, "\\u%04x", c);
		} else if (c == '<' || c == '>' || c == '&') {
			fg_buf_printf(b, "\\u%04x", c); /* harmless if a browser sniffs it as HTML */
		} else {
			fg_buf_putc(b, (char)c);
		}
	}
	fg_buf_putc(b, '"');
	free(clean);
}

static void add_common_headers(struct MHD_Response *resp, const char *ctype)
{
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, "Content-Security-Policy", SECURITY_CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

static enum MHD_Result queue(struct MHD_Connection *con, sd_req *r, unsigned status, struct MHD_Response *resp,
			     size_t len)
{
	enum MHD_Result ret = MHD_queue_response(con, status, resp);
	if (ret == MHD_YES) {
		r->status = status;
		r->bytes = len;
	}
	return ret;
}

/* Send body (taken over and freed) with a status and content type, and the header h1: v1 when h1 is not NULL. */
static enum MHD_Result send_body(struct MHD_Connection *con, sd_req *r, unsigned status, const char *ctype,
				 char *body, size_t len, const char *h1, const char *v1)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	add_common_headers(resp, ctype);
	if (h1)
		MHD_add_response_header(resp, h1, v1);
	enum MHD_Result ret = queue(con, r, status, resp, len);
	MHD_destroy_response(resp);
	return ret;
}

static int is_api_route(int route)
{
	return route == SD_R_API_SEARCH || route == SD_R_API_DOC || route == SD_R_HEALTHZ || route == SD_R_METRICS ||
	       route == SD_R_API_SUGGEST;
}

static int wants_html(struct MHD_Connection *con, const sd_req *r)
{
	if (r->route == SD_R_HOME || r->route == SD_R_SEARCH || r->route == SD_R_DOC || r->route == SD_R_DRAFT ||
	    r->route == SD_R_COMPARE || r->route == SD_R_CLEANUP || r->route == SD_R_CHECK || r->route == SD_R_IMPACT)
		return 1;
	if (is_api_route(r->route) || (r->path && !strncmp(r->path, "/api/", 5)))
		return 0;
	const char *accept = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	return accept && strstr(accept, "text/html") != NULL;
}

/* The methods a route answers, for the Allow header of a 405. */
static const char *allowed_methods(int route)
{
	if (route == SD_R_API_SIMILAR || route == SD_R_API_CITE_CHECK)
		return "POST";
	return route == SD_R_DRAFT || route == SD_R_CHECK ? "GET, HEAD, POST" : "GET, HEAD";
}

static enum MHD_Result send_error(struct MHD_Connection *con, sd_req *r, unsigned status, const char *msg)
{
	const char *allow = status == 405 ? "Allow" : NULL;
	if (wants_html(con, r)) {
		char *html = sd_render_error(status, msg);
		return send_body(con, r, status, SD_CT_HTML, html, strlen(html), allow, allowed_methods(r->route));
	}
	fg_buf b = {0};
	fg_buf_puts(&b, "{\"error\":");
	put_json_str(&b, msg);
	fg_buf_puts(&b, "}\n");
	size_t len = b.len;
	return send_body(con, r, status, SD_CT_JSON, fg_buf_detach(&b), len, allow, allowed_methods(r->route));
}

static enum MHD_Result send_json(struct MHD_Connection *con, sd_req *r, unsigned status, char *json)
{
	return send_body(con, r, status, SD_CT_JSON, json, strlen(json), NULL, NULL);
}

/* ---- per-thread searchers ---- */

static void searcher_dtor(void *p)
{
	fg_searcher_close(p);
}

/* The calling thread's searcher, opened on first use and refreshed; NULL with err set when unavailable. */
static fg_searcher *thread_searcher(fg_err *err)
{
	fg_searcher *s = pthread_getspecific(searcher_key);
	if (!s) {
		if (fg_searcher_open(config->index, config->sw, &s, err) != FG_OK)
			return NULL;
		fg_searcher_set_thesaurus(s, config->th);
		pthread_setspecific(searcher_key, s);
		fg_searcher_close(__atomic_exchange_n(&config->probe, NULL, __ATOMIC_ACQ_REL));
		return s;
	}
	fg_err e = {0};
	if (fg_searcher_refresh(s, NULL, &e) != FG_OK) {
		/* Keep serving the handle we have; say so at most once a minute per thread. */
		static _Thread_local time_t last;
		time_t now = time(NULL);
		if (now - last >= 60) {
			last = now;
			fprintf(stderr, "fagui-searchd: cannot refresh index %s, serving the previous one: %s\n",
				config->index, e.msg);
		}
	}
	return s;
}

static enum MHD_Result send_unavailable(struct MHD_Connection *con, sd_req *r, const fg_err *err)
{
	char msg[320];
	snprintf(msg, sizeof msg, "索引暂不可用，请稍后再试（%s）", err->msg[0] ? err->msg : fg_status_str(err->code));
	return send_error(con, r, 503, msg);
}

/* ---- routes ---- */

static enum MHD_Result do_api_search(struct MHD_Connection *con, sd_req *r)
{
	sd_query p;
	fg_search_req req;
	char msg[256];
	unsigned st = sd_parse_search(r, &p, &req, msg, sizeof msg);
	if (st)
		return send_error(con, r, st, msg);
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	fg_result *res = NULL;
	if (fg_search(s, &req, &res, &err) != FG_OK) {
		st = sd_http_status(err.code);
		if (st == 503)
			return send_unavailable(con, r, &err);
		return send_error(con, r, st, err.msg[0] ? err.msg : fg_status_str(err.code));
	}
	char *json = fg_result_json(res);
	fg_result_free(res);
	return send_json(con, r, 200, json);
}

/* The id in /api/doc/{id} or /doc/{id}; NULL when it cannot be one. */
static const char *doc_id(const sd_req *r, size_t prefix)
{
	const char *id = r->path + prefix;
	size_t n = strlen(id);
	if (n == 0 || n > SD_MAX_ID || strchr(id, '/'))
		return NULL;
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL;
	return id;
}

static enum MHD_Result doc_not_found(struct MHD_Connection *con, sd_req *r, const char *id)
{
	char msg[256];
	if (id)
		snprintf(msg, sizeof msg, "没有编号为“%s”的文件：请从检索结果或目录进入", id);
	else
		snprintf(msg, sizeof msg, "没有这个文件：请从检索结果或目录进入");
	return send_error(con, r, 404, msg);
}

/* Load the docview for the route's id, or queue an error response (*out NULL). */
static enum MHD_Result load_doc(struct MHD_Connection *con, sd_req *r, size_t prefix, fg_docview **out)
{
	*out = NULL;
	const char *id = doc_id(r, prefix);
	if (!id)
		return doc_not_found(con, r, NULL);
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	if (fg_docview_get(s, id, out, &err) != FG_OK) {
		*out = NULL;
		if (err.code == FG_E_NOTFOUND)
			return doc_not_found(con, r, id);
		return send_unavailable(con, r, &err);
	}
	return MHD_YES;
}

static enum MHD_Result do_api_doc(struct MHD_Connection *con, sd_req *r)
{
	fg_docview *v;
	enum MHD_Result ret = load_doc(con, r, 9, &v);
	if (!v)
		return ret;
	char *json = fg_xstrdup(v->json ? v->json : "{}");
	fg_docview_free(v);
	return send_json(con, r, 200, json);
}

static enum MHD_Result do_healthz(struct MHD_Connection *con, sd_req *r)
{
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	fg_buf b = {0};
	fg_buf_printf(&b, "{\"status\":\"ok\",\"documents\":%u,\"articles\":%u}\n", fg_searcher_documents(s),
		      fg_searcher_articles(s));
	return send_json(con, r, 200, fg_buf_detach(&b));
}

static enum MHD_Result do_metrics(struct MHD_Connection *con, sd_req *r)
{
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	char *text = s ? sd_metrics_text(1, fg_searcher_documents(s), fg_searcher_articles(s))
		       : sd_metrics_text(0, 0, 0);
	return send_body(con, r, 200, "text/plain; version=0.0.4; charset=utf-8", text, strlen(text), NULL, NULL);
}

#define HOME_NAMES 200 /* rule names in the home page's <datalist> */

static enum MHD_Result do_page_search(struct MHD_Connection *con, sd_req *r)
{
	sd_query p = {0};
	fg_search_req req;
	char msg[256];
	unsigned st = sd_parse_search(r, &p, &req, msg, sizeof msg);
	if (st) {
		char *html = sd_render_search(&p, NULL, msg, NULL);
		return send_body(con, r, st, SD_CT_HTML, html, strlen(html), NULL, NULL);
	}
	int any = *p.q || *p.status || *p.level || *p.region || *p.authority || *p.from || *p.to || *p.cites ||
		  *p.asof;
	if (!any) { /* the home page: the most cited rule names offered as the query is typed */
		fg_err herr = {0};
		fg_searcher *hs = thread_searcher(&herr);
		fg_suggestion *names = NULL;
		if (hs && fg_suggest_common(hs, HOME_NAMES, &names, &p.nnames, NULL) == FG_OK)
			p.names = names;
		char *html = sd_render_search(&p, NULL, NULL, NULL);
		fg_suggestions_free(names, p.nnames);
		return send_body(con, r, 200, SD_CT_HTML, html, strlen(html), NULL, NULL);
	}
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	fg_result *res = NULL;
	if (fg_search(s, &req, &res, &err) != FG_OK) {
		st = sd_http_status(err.code);
		if (st == 503)
			return send_unavailable(con, r, &err);
		char *html = sd_render_search(&p, NULL, err.msg[0] ? err.msg : fg_status_str(err.code), NULL);
		return send_body(con, r, st, SD_CT_HTML, html, strlen(html), NULL, NULL);
	}
	/* 您要找的是不是: a query one character away from a rule name, when it names none */
	char *fix = !res->rule && req.offset == 0 && *p.q ? fg_suggest_correction(s, p.q) : NULL;
	char *html = sd_render_search(&p, res, NULL, fix);
	free(fix);
	fg_result_free(res);
	return send_body(con, r, 200, SD_CT_HTML, html, strlen(html), NULL, NULL);
}

static enum MHD_Result do_page_doc(struct MHD_Connection *con, sd_req *r)
{
	fg_docview *v;
	enum MHD_Result ret = load_doc(con, r, 5, &v);
	if (!v)
		return ret;
	char *html = sd_render_doc(v, sd_param_get(r, "hl"), r);
	fg_docview_free(v);
	return send_body(con, r, 200, SD_CT_HTML, html, strlen(html), NULL, NULL);
}

static const char *static_type(const char *name)
{
	static const char *const types[][2] = {
		{".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".png", "image/png"}, {".svg", "image/svg+xml"}, {".ico", "image/x-icon"},
		{".txt", "text/plain; charset=utf-8"}, {".woff2", "font/woff2"}, {".jpg", "image/jpeg"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

static enum MHD_Result do_static(struct MHD_Connection *con, sd_req *r)
{
	const char *name = r->path + 8;
	size_t n = strlen(name);
	int ok = n > 0 && n <= 128 && name[0] != '.' && !strstr(name, "..");
	for (size_t i = 0; ok && i < n; i++) {
		char c = name[i];
		ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		     c == '-';
	}
	if (!ok || !config->static_dir)
		return send_error(con, r, 404, "没有这个文件");
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/%s", config->static_dir, name);
	char *data = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path.data, 4 * 1024 * 1024, &data, &len, NULL);
	fg_buf_free(&path);
	if (st != FG_OK)
		return send_error(con, r, 404, "没有这个文件");
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	add_common_headers(resp, static_type(name));
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=3600");
	enum MHD_Result ret = queue(con, r, 200, resp, len);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- work tools (api_similar.c, api_versions.c, api_cleanup.c) ---- */

static enum MHD_Result do_tool(struct MHD_Connection *con, sd_req *r, sd_tool_fn fn)
{
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	sd_call c = {s, config, r->method, r->body.data ? r->body.data : "", r->body.len, r, r->path, host ? host : ""};
	sd_reply rep = {0, NULL, NULL, NULL};
	fn(&c, &rep);
	if (rep.status == 405)
		return send_body(con, r, 405, rep.ctype, rep.body, strlen(rep.body), "Allow",
				 allowed_methods(r->route));
	return send_body(con, r, rep.status, rep.ctype, rep.body, strlen(rep.body),
			 rep.disposition ? "Content-Disposition" : NULL, rep.disposition);
}

static enum MHD_Result dispatch(struct MHD_Connection *con, sd_req *r, int is_get)
{
	if (r->bad_status)
		return send_error(con, r, r->bad_status, r->bad_msg);
	if (!strcmp(r->method, "POST") && (r->route == SD_R_API_SIMILAR || r->route == SD_R_DRAFT))
		return do_tool(con, r, r->route == SD_R_API_SIMILAR ? sd_api_similar : sd_page_draft);
	if (r->route == SD_R_API_CITE_CHECK || (r->route == SD_R_CHECK && (is_get || !strcmp(r->method, "POST"))))
		return do_tool(con, r, r->route == SD_R_CHECK ? sd_page_check : sd_api_cite_check); /* they answer 405 */
	if (!is_get) {
		if (r->route == SD_R_API_SIMILAR)
			return send_error(con, r, 405, "不支持该请求方法：请用 POST 提交 JSON");
		if (r->route == SD_R_CHECK)
			return send_error(con, r, 405, "不支持该请求方法：请用 GET 打开页面，或用 POST 提交表单");
		if (r->route == SD_R_DRAFT)
			return send_error(con, r, 405, "不支持该请求方法：请用 GET 打开页面，或用 POST 提交表单");
		if (wants_html(con, r))
			return send_error(con, r, 405, "不支持该请求方法：请用 GET 或 HEAD");
		return queue(con, r, 405, prebuilt_405_json, prebuilt_405_json_len);
	}
	switch (r->route) {
	case SD_R_API_SEARCH: return do_api_search(con, r);
	case SD_R_API_DOC: return do_api_doc(con, r);
	case SD_R_HEALTHZ: return do_healthz(con, r);
	case SD_R_METRICS: return do_metrics(con, r);
	case SD_R_HOME:
	case SD_R_SEARCH: return do_page_search(con, r);
	case SD_R_DOC: return do_page_doc(con, r);
	case SD_R_STATIC: return do_static(con, r);
	case SD_R_API_SIMILAR: return do_tool(con, r, sd_api_similar);
	case SD_R_DRAFT: return do_tool(con, r, sd_page_draft);
	case SD_R_API_COMPARE: return do_tool(con, r, sd_api_compare);
	case SD_R_COMPARE: return do_tool(con, r, sd_page_compare);
	case SD_R_API_CHANGES: return do_tool(con, r, sd_api_changes);
	case SD_R_CHANGES_ATOM: return do_tool(con, r, sd_changes_atom);
	case SD_R_API_CITED_BY: return do_tool(con, r, sd_api_cited_by);
	case SD_R_API_CLEANUP: return do_tool(con, r, sd_api_cleanup);
	case SD_R_CLEANUP: return do_tool(con, r, sd_page_cleanup);
	case SD_R_API_SUGGEST: return do_tool(con, r, sd_api_suggest);
	case SD_R_API_CATALOGUE: return do_tool(con, r, sd_api_catalogue);
	case SD_R_CATALOGUE: return do_tool(con, r, sd_page_catalogue);
	case SD_R_CHANGES: return do_tool(con, r, sd_page_changes);
	case SD_R_API_IMPACT: return do_tool(con, r, sd_api_impact);
	case SD_R_IMPACT: return do_tool(con, r, sd_page_impact);
	default:
		if (wants_html(con, r))
			return send_error(con, r, 404, "没有这个页面：请从首页进入");
		return queue(con, r, 404, prebuilt_404_json, prebuilt_404_json_len);
	}
}

/* ---- libmicrohttpd callbacks ---- */

/* The 413 message of a body beyond SD_MAX_BODY (in Chinese on the citation check's routes). */
static const char *body_too_large(const sd_req *r)
{
	if (r->route == SD_R_API_CITE_CHECK || r->route == SD_R_CHECK)
		return "请求过大：请求体最多 1048576 字节，一次核对的文字最多 100000 字节";
	return "请求体过大：最多 1048576 字节";
}

void *sd_uri_log(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)cls;
	(void)con;
	return sd_req_new(uri, strlen(uri));
}

enum MHD_Result sd_handler(void *cls, struct MHD_Connection *con, const char *url, const char *method,
			   const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	sd_req *r = *con_cls;
	if (!r) /* only without the URI log callback */
		*con_cls = r = sd_req_new(url, strlen(url));
	int is_get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (!r->started) {
		r->started = 1;
		snprintf(r->method, sizeof r->method, "%s", method);
		/* Refuse a body now when its declared size is beyond the limit. */
		const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > SD_MAX_BODY))
			return send_error(con, r, 413, body_too_large(r));
		/*
		 * Answer once the whole request is in (the next call), as demo.c
		 * does: a response queued this early makes libmicrohttpd close
		 * the connection instead of keeping it alive.
		 */
		return MHD_YES;
	}
	if (*upload_data_size) {
		r->body_seen += *upload_data_size;
		if (r->body_seen <= SD_MAX_BODY)
			fg_buf_put(&r->body, upload_data, *upload_data_size);
		else if (r->body_seen > 16 * (size_t)SD_MAX_BODY)
			return MHD_NO; /* a chunked body that does not end: drop the connection */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->status)
		return MHD_YES;
	if (r->body_seen > SD_MAX_BODY)
		return send_error(con, r, 413, body_too_large(r));
	return dispatch(con, r, is_get);
}

/* The client's numeric address, "-" when unknown. */
static void client_host(struct MHD_Connection *con, char *host, size_t cap)
{
	snprintf(host, cap, "-");
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		socklen_t alen = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
									: sizeof(struct sockaddr_in);
		getnameinfo(ci->client_addr, alen, host, cap, NULL, 0, NI_NUMERICHOST);
	}
}

void sd_completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	sd_req *r = *con_cls;
	*con_cls = NULL;
	if (!r)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double secs = (double)(end.tv_sec - r->start.tv_sec) + (double)(end.tv_nsec - r->start.tv_nsec) / 1e9;
	if (r->status)
		sd_metrics_record(r->route, r->status, secs);
	char host[NI_MAXHOST];
	client_host(con, host, sizeof host);
	sd_access_log(config->log_fd, host, r, toe, secs);
	sd_req_free(r);
}

/* ---- setup ---- */

static struct MHD_Response *prebuilt_json(const char *body, size_t *len)
{
	*len = strlen(body);
	struct MHD_Response *resp = MHD_create_response_from_buffer(*len, (void *)body, MHD_RESPMEM_PERSISTENT);
	if (resp)
		add_common_headers(resp, SD_CT_JSON);
	return resp;
}

int sd_http_init(sd_config *cfg)
{
	config = cfg;
	int rc = pthread_key_create(&searcher_key, searcher_dtor);
	if (rc != 0) {
		fprintf(stderr, "fagui-searchd: cannot create thread key: %s\n", strerror(rc));
		return -1;
	}
	prebuilt_404_json = prebuilt_json("{\"error\":\"没有这个地址：请查看 API 说明\"}\n", &prebuilt_404_json_len);
	prebuilt_405_json =
		prebuilt_json("{\"error\":\"不支持该请求方法：请用 GET 或 HEAD\"}\n", &prebuilt_405_json_len);
	if (!prebuilt_404_json || !prebuilt_405_json) {
		fprintf(stderr, "fagui-searchd: cannot build responses\n");
		sd_http_fin();
		return -1;
	}
	MHD_add_response_header(prebuilt_405_json, "Allow", "GET, HEAD");
	return 0;
}

void sd_http_fin(void)
{
	fg_searcher *s = pthread_getspecific(searcher_key);
	if (s) {
		pthread_setspecific(searcher_key, NULL);
		fg_searcher_close(s);
	}
	pthread_key_delete(searcher_key);
	if (prebuilt_404_json)
		MHD_destroy_response(prebuilt_404_json);
	if (prebuilt_405_json)
		MHD_destroy_response(prebuilt_405_json);
	prebuilt_404_json = prebuilt_405_json = NULL;
}
