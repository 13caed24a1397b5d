/*
 * http.c - the request side of fagui-searchd: request state (created by the
 * URI log callback from the raw request target, freed in NOTIFY_COMPLETED),
 * strict parsing of the path and query string, limits, routing, the JSON
 * API, static files, one searcher per worker thread (opened lazily,
 * refreshed at the start of every request), Prometheus metrics and the
 * access log.
 */
#include "searchd.h"

#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SECURITY_CSP \
	"default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'"
#define CT_JSON "application/json; charset=utf-8"
#define CT_HTML "text/html; charset=utf-8"

/* ---- routes and metrics ---- */

enum route {
	R_API_SEARCH, R_API_DOC, R_HEALTHZ, R_METRICS, R_HOME, R_SEARCH, R_DOC, R_STATIC,
	R_API_SIMILAR, R_DRAFT, R_API_COMPARE, R_COMPARE, R_API_CHANGES, R_CHANGES_ATOM, /* work tools */
	R_API_CITED_BY, R_API_CLEANUP, R_CLEANUP, /* citations and cleanup (api_cleanup.c) */
	R_OTHER, NROUTES
};

static const char *const route_names[NROUTES] = {
	"/api/search", "/api/doc", "/healthz", "/metrics", "/", "/search", "/doc", "/static",
	"/api/similar", "/draft", "/api/compare", "/compare", "/api/changes", "/changes.atom",
	"/api/doc/cited-by", "/api/cleanup", "/cleanup",
	"other",
};

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static struct {
	atomic_ulong requests[NROUTES][600];        /* by route and HTTP status */
	atomic_ulong le[NROUTES][NBUCKETS];         /* duration histogram, non-cumulative */
	atomic_ulong count[NROUTES];                /* requests timed */
	atomic_ullong sum_us[NROUTES];              /* total duration, microseconds */
} metrics;

static void metrics_record(int route, unsigned status, double secs)
{
	if (route < 0 || route >= NROUTES)
		route = R_OTHER;
	if (status < 600)
		atomic_fetch_add_explicit(&metrics.requests[route][status], 1, memory_order_relaxed);
	size_t i = 0;
	while (i < NBUCKETS && secs > buckets[i])
		i++;
	if (i < NBUCKETS)
		atomic_fetch_add_explicit(&metrics.le[route][i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&metrics.count[route], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&metrics.sum_us[route], (unsigned long long)(secs * 1e6), memory_order_relaxed);
}

/* ---- request state ---- */

typedef struct param {
	char *key;                  /* decoded name, NUL-terminated */
	char *val;                  /* decoded value, NUL-terminated */
	size_t vlen;                /* bytes in val */
} param;

typedef struct sd_req {
	struct timespec start;      /* when the request line arrived */
	char *uri;                  /* raw request target as received */
	size_t urilen;
	char *path;                 /* decoded path, NULL when it could not be decoded */
	param params[SD_MAX_PARAMS];
	size_t nparams;
	unsigned bad_status;        /* nonzero: the target is unacceptable with this status */
	char bad_msg[256];          /* and this message */
	int route;                  /* enum route */
	int started;                /* the handler has seen the request */
	char method[16];            /* for the access log */
	fg_buf body;                /* request body (kept up to SD_MAX_BODY) */
	size_t body_seen;           /* body bytes received */
	unsigned status;            /* response status, 0 before one is queued */
	size_t bytes;               /* response body bytes */
} sd_req;

static const sd_config *config;
static pthread_key_t searcher_key;
static struct MHD_Response *prebuilt_404_json, *prebuilt_405_json;
static size_t prebuilt_404_json_len, prebuilt_405_json_len;

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s (plus as space when plus); returns NULL on a bad escape. *nul is set when a NUL was decoded. */
static char *pct_decode(const char *s, size_t n, int plus, size_t *outlen, int *nul)
{
	char *out = fg_xmalloc(n + 1);
	size_t o = 0;
	*nul = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '%') {
			int hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				free(out);
				return NULL;
			}
			ch = (char)(hi * 16 + lo);
			if (ch == '\0')
				*nul = 1;
			i += 2;
		} else if (ch == '+' && plus) {
			ch = ' ';
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static void set_bad(sd_req *r, unsigned status, const char *fmt, const char *arg)
{
	if (r->bad_status)
		return;
	r->bad_status = status;
	snprintf(r->bad_msg, sizeof r->bad_msg, fmt, arg);
}

/* Name of a parameter for messages: short, printable (it is valid UTF-8 by then). */
static void param_label(const char *key, char out[80])
{
	size_t n = strlen(key);
	if (n > 64) {
		size_t cut = 64;
		while (cut > 0 && ((unsigned char)key[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(out, key, cut);
		memcpy(out + cut, "...", 4);
	} else {
		memcpy(out, key, n + 1);
	}
}

static void parse_query_string(sd_req *r, const char *qs, size_t n)
{
	size_t i = 0;
	while (i < n && !r->bad_status) {
		size_t j = i;
		while (j < n && qs[j] != '&' && qs[j] != ';')
			j++;
		if (j > i) {
			const char *eq = memchr(qs + i, '=', j - i);
			size_t klen = eq ? (size_t)(eq - (qs + i)) : j - i;
			const char *v = eq ? eq + 1 : qs + j;
			size_t vlen = eq ? (size_t)(qs + j - v) : 0;
			if (r->nparams == SD_MAX_PARAMS) {
				set_bad(r, 413, "too many parameters: at most %s", "64");
				return;
			}
			size_t kl, vl;
			int knul, vnul;
			char *key = pct_decode(qs + i, klen, 1, &kl, &knul);
			if (!key) {
				set_bad(r, 400, "bad percent-encoding in a parameter name%s", "");
				return;
			}
			if (knul || !fg_utf8_valid(key, kl, NULL)) {
				free(key);
				set_bad(r, 400, "invalid UTF-8 in a parameter name%s", "");
				return;
			}
			char label[80];
			param_label(key, label);
			char *val = pct_decode(v, vlen, 1, &vl, &vnul);
			if (!val) {
				set_bad(r, 400, "bad percent-encoding in parameter %s", label);
				free(key);
				return;
			}
			if (vnul || !fg_utf8_valid(val, vl, NULL)) {
				set_bad(r, 400, "invalid UTF-8 in parameter %s", label);
			} else if (vl > SD_MAX_PARAM) {
				char m[160];
				snprintf(m, sizeof m, "parameter %s too long: at most %d bytes", label, SD_MAX_PARAM);
				set_bad(r, 413, "%s", m);
			}
			r->params[r->nparams].key = key;
			r->params[r->nparams].val = val;
			r->params[r->nparams].vlen = vl;
			r->nparams++;
		}
		i = j + 1;
	}
}

/* Exact paths, then prefixes; the work tools live in api_similar.c, api_versions.c, api_cleanup.c. */
static const struct {
	const char *path;
	int prefix; /* match the start of the path only */
	int route;
} routes[] = {
	{"/api/search", 0, R_API_SEARCH},   {"/healthz", 0, R_HEALTHZ},        {"/metrics", 0, R_METRICS},
	{"/", 0, R_HOME},                   {"/search", 0, R_SEARCH},          {"/api/similar", 0, R_API_SIMILAR},
	{"/draft", 0, R_DRAFT},             {"/api/compare", 0, R_API_COMPARE}, {"/compare", 0, R_COMPARE},
	{"/api/changes", 0, R_API_CHANGES}, {"/changes.atom", 0, R_CHANGES_ATOM}, {"/api/cleanup", 0, R_API_CLEANUP},
	{"/cleanup", 0, R_CLEANUP},         {"/api/doc/", 1, R_API_DOC},       {"/doc/", 1, R_DOC},
	{"/static/", 1, R_STATIC},
};

static int route_of(const char *path)
{
	size_t n = strlen(path);
	if (!strncmp(path, "/api/doc/", 9) && n > 18 && !strcmp(path + n - 9, "/cited-by"))
		return R_API_CITED_BY;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (routes[i].prefix ? !strncmp(path, routes[i].path, strlen(routes[i].path))
				     : !strcmp(path, routes[i].path))
			return routes[i].route;
	}
	return R_OTHER;
}

static sd_req *req_new(const char *uri, size_t len)
{
	sd_req *r = fg_xcalloc(1, sizeof *r);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->uri = fg_xstrndup(uri, len);
	r->urilen = len;
	r->route = R_OTHER;
	if (len > SD_MAX_URL)
		set_bad(r, 413, "URL too long: at most %s bytes", "4096"); /* the path still names the route */
	const char *p = uri, *end = uri + len;
	/* Absolute form (http://host/path) is allowed by HTTP/1.1: keep the path. */
	if (!strncmp(p, "http://", 7) || !strncmp(p, "https://", 8)) {
		const char *slash = memchr(p + 8 - (p[4] == ':'), '/', (size_t)(end - p) - (8 - (p[4] == ':')));
		p = slash ? slash : end;
	}
	const char *qm = memchr(p, '?', (size_t)(end - p));
	const char *pend = qm ? qm : end;
	const char *hash = memchr(p, '#', (size_t)(pend - p));
	if (hash)
		pend = hash;
	size_t plen;
	int nul;
	char *path = pct_decode(p, (size_t)(pend - p), 0, &plen, &nul);
	if (!path) {
		set_bad(r, 400, "bad percent-encoding in path%s", "");
	} else if (nul || !fg_utf8_valid(path, plen, NULL)) {
		set_bad(r, 400, "invalid UTF-8 in path%s", "");
		free(path);
		path = NULL;
	} else {
		r->path = path;
		r->route = path[0] == '/' ? route_of(path) : R_OTHER;
	}
	if (qm && len <= SD_MAX_URL) {
		const char *qend = memchr(qm + 1, '#', (size_t)(end - qm - 1));
		parse_query_string(r, qm + 1, (size_t)((qend ? qend : end) - qm - 1));
	}
	return r;
}

static void req_free(sd_req *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].key);
		free(r->params[i].val);
	}
	free(r->uri);
	free(r->path);
	fg_buf_free(&r->body);
	free(r);
}

/* Value of the first parameter named key, or "" when absent. */
static const char *param_get(const sd_req *r, const char *key)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (!strcmp(r->params[i].key, key))
			return r->params[i].val;
	return "";
}

/* ---- output helpers ---- */

void sd_put_urlenc(fg_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			fg_buf_putc(b, (char)c);
		} else {
			fg_buf_putc(b, '%');
			fg_buf_putc(b, hex[c >> 4]);
			fg_buf_putc(b, hex[c & 15]);
		}
	}
}

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

/* Send body (taken over and freed) with a status and content type; extra headers name/value pairs, NULL-ended. */
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
	return route == R_API_SEARCH || route == R_API_DOC || route == R_HEALTHZ || route == R_METRICS;
}

static int wants_html(struct MHD_Connection *con, const sd_req *r)
{
	if (r->route == R_HOME || r->route == R_SEARCH || r->route == R_DOC || r->route == R_DRAFT || r->route == R_COMPARE ||
	    r->route == R_CLEANUP)
		return 1;
	if (is_api_route(r->route) || (r->path && !strncmp(r->path, "/api/", 5)))
		return 0;
	const char *accept = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	return accept && strstr(accept, "text/html") != NULL;
}

static enum MHD_Result send_error(struct MHD_Connection *con, sd_req *r, unsigned status, const char *msg)
{
	const char *allow = status == 405 ? "Allow" : NULL;
	if (wants_html(con, r)) {
		char *html = sd_render_error(status, msg);
		return send_body(con, r, status, CT_HTML, html, strlen(html), allow, "GET, HEAD");
	}
	fg_buf b = {0};
	fg_buf_puts(&b, "{\"error\":");
	put_json_str(&b, msg);
	fg_buf_puts(&b, "}\n");
	size_t len = b.len;
	return send_body(con, r, status, CT_JSON, fg_buf_detach(&b), len, allow, "GET, HEAD");
}

static enum MHD_Result send_json(struct MHD_Connection *con, sd_req *r, unsigned status, char *json)
{
	return send_body(con, r, status, CT_JSON, json, strlen(json), NULL, NULL);
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
	snprintf(msg, sizeof msg, "index unavailable: %s", err->msg[0] ? err->msg : fg_status_str(err->code));
	return send_error(con, r, 503, msg);
}

/* ---- parameters of a search ---- */

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

/* 1 when s is a real calendar date written YYYY-MM-DD. */
static int valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* Fill p and req from the query string; returns 0, or an HTTP status with msg set. */
static unsigned parse_search(const sd_req *r, sd_query *p, fg_search_req *req, char *msg, size_t cap)
{
	memset(req, 0, sizeof *req);
	p->q = param_get(r, "q");
	p->unit = param_get(r, "unit");
	p->status = param_get(r, "status");
	p->level = param_get(r, "level");
	p->region = param_get(r, "region");
	p->authority = param_get(r, "authority");
	p->from = param_get(r, "from");
	p->to = param_get(r, "to");
	p->sort = param_get(r, "sort");
	p->cites = param_get(r, "cites");
	p->asof = param_get(r, "asof");
	p->limit = 10;
	p->offset = 0;

	req->q = p->q;
	if (!*p->unit || !strcmp(p->unit, "article")) {
		req->unit = FG_SEARCH_ARTICLE;
	} else if (!strcmp(p->unit, "doc")) {
		req->unit = FG_SEARCH_DOC;
	} else {
		snprintf(msg, cap, "unit must be article or doc");
		return 400;
	}
	const char *limit = param_get(r, "limit"), *offset = param_get(r, "offset");
	if (*limit && parse_uint_param(limit, 1, FG_SEARCH_MAX_LIMIT, &p->limit) != 0) {
		snprintf(msg, cap, "limit must be an integer between 1 and %d", FG_SEARCH_MAX_LIMIT);
		return 400;
	}
	if (*offset && parse_uint_param(offset, 0, FG_SEARCH_MAX_DEPTH, &p->offset) != 0) {
		snprintf(msg, cap, "offset must be an integer between 0 and %d", FG_SEARCH_MAX_DEPTH);
		return 400;
	}
	if (p->offset + p->limit > FG_SEARCH_MAX_DEPTH) {
		snprintf(msg, cap, "offset + limit must be at most %d", FG_SEARCH_MAX_DEPTH);
		return 400;
	}
	req->limit = p->limit;
	req->offset = p->offset;
	const char *dates[3][2] = {{"from", p->from}, {"to", p->to}, {"asof", p->asof}};
	for (int i = 0; i < 3; i++) {
		if (*dates[i][1] && !valid_date(dates[i][1])) {
			snprintf(msg, cap, "bad date in %s: expected YYYY-MM-DD", dates[i][0]);
			return 400;
		}
	}
	if (*p->from && *p->to && strcmp(p->from, p->to) > 0) {
		snprintf(msg, cap, "bad date range: from is after to");
		return 400;
	}
	if (!*p->sort || !strcmp(p->sort, "relevance")) {
		req->sort = FG_SORT_RELEVANCE;
	} else if (!strcmp(p->sort, "date")) {
		req->sort = FG_SORT_DATE;
	} else {
		snprintf(msg, cap, "sort must be relevance or date");
		return 400;
	}
	if (strlen(p->cites) > SD_MAX_ID) {
		snprintf(msg, cap, "cites must be a document id of at most %d bytes", SD_MAX_ID);
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
	const char *facets = param_get(r, "facets");
	if (*facets && strcmp(facets, "0") && strcmp(facets, "1")) {
		snprintf(msg, cap, "facets must be 0 or 1");
		return 400;
	}
	req->no_facets = !strcmp(facets, "0");
	return 0;
}

static unsigned search_status(fg_status code)
{
	switch (code) {
	case FG_E_INVAL: return 400;
	case FG_E_LIMIT: return 413;
	case FG_E_NOTFOUND: return 404;
	default: return 503;
	}
}

/* ---- routes ---- */

static enum MHD_Result do_api_search(struct MHD_Connection *con, sd_req *r)
{
	sd_query p;
	fg_search_req req;
	char msg[256];
	unsigned st = parse_search(r, &p, &req, msg, sizeof msg);
	if (st)
		return send_error(con, r, st, msg);
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	fg_result *res = NULL;
	if (fg_search(s, &req, &res, &err) != FG_OK) {
		st = search_status(err.code);
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
		snprintf(msg, sizeof msg, "no document with id %s", id);
	else
		snprintf(msg, sizeof msg, "no such document");
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
	fg_buf b = {0};
	fg_buf_puts(&b, "# HELP fagui_requests_total HTTP requests by route and status.\n"
			"# TYPE fagui_requests_total counter\n");
	for (int i = 0; i < NROUTES; i++)
		for (unsigned st = 100; st < 600; st++) {
			unsigned long n = atomic_load_explicit(&metrics.requests[i][st], memory_order_relaxed);
			if (n)
				fg_buf_printf(&b, "fagui_requests_total{route=\"%s\",status=\"%u\"} %lu\n", route_names[i],
					      st, n);
		}
	fg_buf_puts(&b, "# HELP fagui_request_duration_seconds Time from request line to response completion.\n"
			"# TYPE fagui_request_duration_seconds histogram\n");
	for (int i = 0; i < NROUTES; i++) {
		unsigned long count = atomic_load_explicit(&metrics.count[i], memory_order_relaxed);
		if (!count)
			continue;
		unsigned long cum = 0;
		for (size_t k = 0; k < NBUCKETS; k++) {
			cum += atomic_load_explicit(&metrics.le[i][k], memory_order_relaxed);
			fg_buf_printf(&b, "fagui_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
				      route_names[i], buckets[k], cum);
		}
		fg_buf_printf(&b, "fagui_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
			      route_names[i], count);
		fg_buf_printf(&b, "fagui_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_names[i],
			      (double)atomic_load_explicit(&metrics.sum_us[i], memory_order_relaxed) / 1e6);
		fg_buf_printf(&b, "fagui_request_duration_seconds_count{route=\"%s\"} %lu\n", route_names[i], count);
	}
	fg_buf_puts(&b, "# HELP fagui_index_documents Source documents in the index.\n"
			"# TYPE fagui_index_documents gauge\n");
	fg_buf_printf(&b, "fagui_index_documents %u\n", s ? fg_searcher_documents(s) : 0u);
	fg_buf_puts(&b, "# HELP fagui_index_articles Articles (第X条 units) in the index.\n"
			"# TYPE fagui_index_articles gauge\n");
	fg_buf_printf(&b, "fagui_index_articles %u\n", s ? fg_searcher_articles(s) : 0u);
	fg_buf_printf(&b, "# HELP fagui_index_up 1 when the index could be opened.\n"
			  "# TYPE fagui_index_up gauge\nfagui_index_up %d\n",
		      s ? 1 : 0);
	size_t len = b.len;
	return send_body(con, r, 200, "text/plain; version=0.0.4; charset=utf-8", fg_buf_detach(&b), len, NULL, NULL);
}

static enum MHD_Result do_page_search(struct MHD_Connection *con, sd_req *r)
{
	sd_query p;
	fg_search_req req;
	char msg[256];
	unsigned st = parse_search(r, &p, &req, msg, sizeof msg);
	if (st) {
		char *html = sd_render_search(&p, NULL, msg);
		return send_body(con, r, st, CT_HTML, html, strlen(html), NULL, NULL);
	}
	int any = *p.q || *p.status || *p.level || *p.region || *p.authority || *p.from || *p.to || *p.cites ||
		  *p.asof;
	if (!any) {
		char *html = sd_render_search(&p, NULL, NULL);
		return send_body(con, r, 200, CT_HTML, html, strlen(html), NULL, NULL);
	}
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	fg_result *res = NULL;
	if (fg_search(s, &req, &res, &err) != FG_OK) {
		st = search_status(err.code);
		if (st == 503)
			return send_unavailable(con, r, &err);
		char *html = sd_render_search(&p, NULL, err.msg[0] ? err.msg : fg_status_str(err.code));
		return send_body(con, r, st, CT_HTML, html, strlen(html), NULL, NULL);
	}
	char *html = sd_render_search(&p, res, NULL);
	fg_result_free(res);
	return send_body(con, r, 200, CT_HTML, html, strlen(html), NULL, NULL);
}

static enum MHD_Result do_page_doc(struct MHD_Connection *con, sd_req *r)
{
	fg_docview *v;
	enum MHD_Result ret = load_doc(con, r, 5, &v);
	if (!v)
		return ret;
	char *html = sd_render_doc(v, param_get(r, "hl"));
	fg_docview_free(v);
	return send_body(con, r, 200, CT_HTML, html, strlen(html), NULL, NULL);
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
		return send_error(con, r, 404, "no such file");
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/%s", config->static_dir, name);
	char *data = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path.data, 4 * 1024 * 1024, &data, &len, NULL);
	fg_buf_free(&path);
	if (st != FG_OK)
		return send_error(con, r, 404, "no such file");
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

/* ---- work tools (api_similar.c, api_versions.c) ---- */

static const char *tool_param(const void *req, const char *key)
{
	return param_get(req, key);
}

static enum MHD_Result do_tool(struct MHD_Connection *con, sd_req *r, sd_tool_fn fn)
{
	fg_err err = {0};
	fg_searcher *s = thread_searcher(&err);
	if (!s)
		return send_unavailable(con, r, &err);
	const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	sd_call c = {s, config, r->method, r->body.data ? r->body.data : "", r->body.len, tool_param, r, r->path, host ? host : ""};
	sd_reply rep = {0, NULL, NULL, NULL};
	fn(&c, &rep);
	return send_body(con, r, rep.status, rep.ctype, rep.body, strlen(rep.body),
			 rep.disposition ? "Content-Disposition" : NULL, rep.disposition);
}

static enum MHD_Result dispatch(struct MHD_Connection *con, sd_req *r, int is_get)
{
	if (r->bad_status)
		return send_error(con, r, r->bad_status, r->bad_msg);
	if (!strcmp(r->method, "POST") && (r->route == R_API_SIMILAR || r->route == R_DRAFT))
		return do_tool(con, r, r->route == R_API_SIMILAR ? sd_api_similar : sd_page_draft);
	if (!is_get) {
		if (wants_html(con, r))
			return send_error(con, r, 405, "method not allowed: use GET or HEAD");
		return queue(con, r, 405, prebuilt_405_json, prebuilt_405_json_len);
	}
	switch (r->route) {
	case R_API_SEARCH: return do_api_search(con, r);
	case R_API_DOC: return do_api_doc(con, r);
	case R_HEALTHZ: return do_healthz(con, r);
	case R_METRICS: return do_metrics(con, r);
	case R_HOME:
	case R_SEARCH: return do_page_search(con, r);
	case R_DOC: return do_page_doc(con, r);
	case R_STATIC: return do_static(con, r);
	case R_API_SIMILAR: return do_tool(con, r, sd_api_similar);
	case R_DRAFT: return do_tool(con, r, sd_page_draft);
	case R_API_COMPARE: return do_tool(con, r, sd_api_compare);
	case R_COMPARE: return do_tool(con, r, sd_page_compare);
	case R_API_CHANGES: return do_tool(con, r, sd_api_changes);
	case R_CHANGES_ATOM: return do_tool(con, r, sd_changes_atom);
	case R_API_CITED_BY: return do_tool(con, r, sd_api_cited_by);
	case R_API_CLEANUP: return do_tool(con, r, sd_api_cleanup);
	case R_CLEANUP: return do_tool(con, r, sd_page_cleanup);
	default:
		if (wants_html(con, r))
			return send_error(con, r, 404, "not found");
		return queue(con, r, 404, prebuilt_404_json, prebuilt_404_json_len);
	}
}

/* ---- libmicrohttpd callbacks ---- */

void *sd_uri_log(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)cls;
	(void)con;
	return req_new(uri, strlen(uri));
}

enum MHD_Result sd_handler(void *cls, struct MHD_Connection *con, const char *url, const char *method,
			   const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	sd_req *r = *con_cls;
	if (!r) /* only without the URI log callback */
		*con_cls = r = req_new(url, strlen(url));
	int is_get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (!r->started) {
		r->started = 1;
		snprintf(r->method, sizeof r->method, "%s", method);
		/* Refuse a body now when its declared size is beyond the limit. */
		const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > SD_MAX_BODY))
			return send_error(con, r, 413, "request body too large: at most 1048576 bytes");
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
		return send_error(con, r, 413, "request body too large: at most 1048576 bytes");
	return dispatch(con, r, is_get);
}

/* Append the request target with control, space, quote, backslash and non-ASCII bytes escaped. */
static void put_log_uri(fg_buf *b, const char *s, size_t n)
{
	size_t max = n > 1024 ? 1024 : n;
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\')
			fg_buf_printf(b, "\\x%02x", c);
		else
			fg_buf_putc(b, (char)c);
	}
	if (max < n)
		fg_buf_puts(b, "...");
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
		metrics_record(r->route, r->status, secs);

	char host[NI_MAXHOST] = "-";
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		socklen_t alen = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
									: sizeof(struct sockaddr_in);
		getnameinfo(ci->client_addr, alen, host, sizeof host, NULL, 0, NI_NUMERICHOST);
	}
	char when[40];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
	fg_buf line = {0};
	fg_buf_printf(&line, "%s %s ", when, host);
	put_log_uri(&line, r->method[0] ? r->method : "-", r->method[0] ? strlen(r->method) : 1);
	fg_buf_putc(&line, ' ');
	put_log_uri(&line, r->uri, r->urilen);
	if (r->status)
		fg_buf_printf(&line, " %u %zu %.3f", r->status, r->bytes, secs * 1000);
	else
		fg_buf_printf(&line, " - 0 %.3f", secs * 1000);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		fg_buf_printf(&line, " aborted=%d", (int)toe);
	fg_buf_putc(&line, '\n');
	/* One write per line keeps lines whole when workers log at the same time. */
	ssize_t w = write(config->log_fd, line.data, line.len);
	(void)w;
	fg_buf_free(&line);
	req_free(r);
}

/* ---- setup ---- */

static struct MHD_Response *prebuilt_json(const char *body, size_t *len)
{
	*len = strlen(body);
	struct MHD_Response *resp = MHD_create_response_from_buffer(*len, (void *)body, MHD_RESPMEM_PERSISTENT);
	if (resp)
		add_common_headers(resp, CT_JSON);
	return resp;
}

int sd_http_init(const sd_config *cfg)
{
	config = cfg;
	int rc = pthread_key_create(&searcher_key, searcher_dtor);
	if (rc != 0) {
		fprintf(stderr, "fagui-searchd: cannot create thread key: %s\n", strerror(rc));
		return -1;
	}
	prebuilt_404_json = prebuilt_json("{\"error\":\"not found\"}\n", &prebuilt_404_json_len);
	prebuilt_405_json = prebuilt_json("{\"error\":\"method not allowed: use GET or HEAD\"}\n", &prebuilt_405_json_len);
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
