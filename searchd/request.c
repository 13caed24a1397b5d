/*
 * request.c - the request target of fagui-searchd, parsed strictly once when
 * the request line arrives: the path and the query string percent-decoded
 * (plus as space in the query), checked for valid UTF-8 and no NUL, held to
 * the limits (URL length, parameter count and size), and the path mapped to
 * its route. A bad target is not refused here: bad_status and bad_msg say
 * what http.c answers.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int sd_form_field(const char *body, size_t len, const char *key, char **out, size_t *olen)
{
	size_t klen = strlen(key);
	*out = NULL;
	*olen = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && body[j] != '&')
			j++;
		if (j - i > klen && !memcmp(body + i, key, klen) && body[i + klen] == '=') {
			int nul;
			size_t n, o = 0;
			char *v = pct_decode(body + i + klen + 1, j - i - klen - 1, 1, &n, &nul);
			if (!v)
				return -1;
			for (size_t k = 0; k < n; k++)
				if (v[k] != '\r') /* browsers send CRLF line ends */
					v[o++] = v[k];
			v[o] = '\0';
			*out = v;
			*olen = o;
			return 1;
		}
		i = j + 1;
	}
	return 0;
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

/* The search page (and the home page, its empty form): a long q is cut there, not refused. */
static int is_page(const sd_req *r)
{
	return r->route == SD_R_SEARCH || r->route == SD_R_HOME;
}

/* The longest prefix of s of at most max bytes that ends on a character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
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
				set_bad(r, 413, "参数过多：一个请求最多 %s 个参数", "64");
				return;
			}
			size_t kl, vl;
			int knul, vnul;
			char *key = pct_decode(qs + i, klen, 1, &kl, &knul);
			if (!key) {
				set_bad(r, 400, "参数名的百分号编码不完整%s，请检查链接", "");
				return;
			}
			if (knul || !fg_utf8_valid(key, kl, NULL)) {
				free(key);
				set_bad(r, 400, "参数名不是有效的 UTF-8 编码%s，请检查链接", "");
				return;
			}
			char label[80];
			param_label(key, label);
			char *val = pct_decode(v, vlen, 1, &vl, &vnul);
			if (!val) {
				set_bad(r, 400, "参数 %s 的百分号编码不完整，请检查链接", label);
				free(key);
				return;
			}
			if (vnul || !fg_utf8_valid(val, vl, NULL)) {
				set_bad(r, 400, "参数 %s 不是有效的 UTF-8 编码，请检查链接", label);
			} else if (vl > SD_MAX_PARAM && is_page(r) && !strcmp(key, "q")) {
				r->q_chars = fg_utf8_count(val, vl);
				vl = utf8_cut(val, SD_MAX_PARAM);
				val[vl] = '\0';
			} else if (vl > SD_MAX_PARAM) {
				char m[200];
				snprintf(m, sizeof m, "参数 %s 过长：最多 %d 字节（检索词约 %d 个汉字），请删减后再试", label,
					 SD_MAX_PARAM, SD_MAX_PARAM / 3);
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
	{"/api/search", 0, SD_R_API_SEARCH},    {"/healthz", 0, SD_R_HEALTHZ},
	{"/metrics", 0, SD_R_METRICS},          {"/", 0, SD_R_HOME},
	{"/search", 0, SD_R_SEARCH},            {"/api/similar", 0, SD_R_API_SIMILAR},
	{"/draft", 0, SD_R_DRAFT},              {"/api/compare", 0, SD_R_API_COMPARE},
	{"/compare", 0, SD_R_COMPARE},          {"/api/changes", 0, SD_R_API_CHANGES},
	{"/changes.atom", 0, SD_R_CHANGES_ATOM}, {"/api/cleanup", 0, SD_R_API_CLEANUP},
	{"/cleanup", 0, SD_R_CLEANUP},          {"/api/suggest", 0, SD_R_API_SUGGEST},
	{"/api/cite-check", 0, SD_R_API_CITE_CHECK}, {"/check", 0, SD_R_CHECK},
	{"/api/catalogue", 0, SD_R_API_CATALOGUE}, {"/catalogue", 0, SD_R_CATALOGUE},
	{"/changes", 0, SD_R_CHANGES},
	{"/api/impact", 0, SD_R_API_IMPACT},   {"/impact", 0, SD_R_IMPACT},
	{"/api/doc/", 1, SD_R_API_DOC},
	{"/doc/", 1, SD_R_DOC},                 {"/static/", 1, SD_R_STATIC},
};

static int route_of(const char *path)
{
	size_t n = strlen(path);
	if (!strncmp(path, "/api/doc/", 9) && n > 18 && !strcmp(path + n - 9, "/cited-by"))
		return SD_R_API_CITED_BY;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (routes[i].prefix ? !strncmp(path, routes[i].path, strlen(routes[i].path))
				     : !strcmp(path, routes[i].path))
			return routes[i].route;
	}
	return SD_R_OTHER;
}

sd_req *sd_req_new(const char *uri, size_t len)
{
	sd_req *r = fg_xcalloc(1, sizeof *r);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->uri = fg_xstrndup(uri, len);
	r->urilen = len;
	r->route = SD_R_OTHER;
	if (len > SD_MAX_URL_PAGE)
		set_bad(r, 413, "链接过长：最多 %s 字节，请缩短检索词", "32768"); /* the path still names the route */
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
		set_bad(r, 400, "路径的百分号编码不完整%s，请检查链接", "");
	} else if (nul || !fg_utf8_valid(path, plen, NULL)) {
		set_bad(r, 400, "路径不是有效的 UTF-8 编码%s，请检查链接", "");
		free(path);
		path = NULL;
	} else {
		r->path = path;
		r->route = path[0] == '/' ? route_of(path) : SD_R_OTHER;
	}
	if (len > SD_MAX_URL && !is_page(r))
		set_bad(r, 413, "链接过长：最多 %s 字节，请缩短参数", "4096");
	if (qm && !r->bad_status) {
		const char *qend = memchr(qm + 1, '#', (size_t)(end - qm - 1));
		parse_query_string(r, qm + 1, (size_t)((qend ? qend : end) - qm - 1));
	}
	return r;
}

void sd_req_free(sd_req *r)
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

const char *sd_param_get(const sd_req *r, const char *key)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (!strcmp(r->params[i].key, key))
			return r->params[i].val;
	return "";
}
