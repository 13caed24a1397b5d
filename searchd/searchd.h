/*
 * searchd.h - private interfaces of fagui-searchd: the types the files share,
 * then one section per file, in call order. A file calls only into the
 * sections below its own, never up:
 *
 *   main.c          options, signals, the daemon
 *   http.c          libmicrohttpd callbacks, routing, responses, searchers
 *   api_*.c         the work tools (similar, versions, changes, cleanup, citation check, catalogue)
 *   render_search.c render_doc.c   the search and document pages
 *   params.c        the search parameters, validated
 *   metrics.c       Prometheus metrics and the access log
 *   render_body.c   the body of the document page
 *   request.c       the request target: decoding, limits, route, parameters
 *   page.c          the page frames, search box, error pages and replies
 *
 * Only libfagui's fagui.h is included; searchd never calls the Xapian binding.
 */
#ifndef SEARCHD_H
#define SEARCHD_H

#include <stddef.h>
#include <time.h>
#include <microhttpd.h>

#include "fagui.h"

#define SD_MAX_URL 4096             /* raw request target, bytes (413 beyond) */
#define SD_MAX_URL_PAGE 32768       /* the search page's target: a longer q is cut, not refused */
#define SD_MAX_PARAM FG_QUERY_MAX_BYTES /* one decoded parameter value, bytes (413 beyond) */
#define SD_MAX_PARAMS 64            /* parameters in one query string (413 beyond) */
#define SD_MAX_BODY (1024 * 1024)   /* request body, bytes (413 beyond) */
#define SD_MAX_ID 128               /* document id, bytes */

#define SD_CT_JSON "application/json; charset=utf-8"
#define SD_CT_HTML "text/html; charset=utf-8"

/* ---- shared types ---- */

typedef struct sd_config {
	const char *index;          /* index directory */
	const char *static_dir;     /* directory served under /static/, NULL for none */
	const fg_stopwords *sw;     /* stop words for every searcher, may be NULL */
	const fg_thesaurus *th;     /* thesaurus for every searcher, may be NULL */
	int log_fd;                 /* access log descriptor */
	unsigned threads;           /* worker threads */
	/*
	 * The searcher main opened at start, or NULL: kept open until the first
	 * worker has its own, so that what it started loading in the background
	 * (shared columns, title map) is not dropped with the last searcher; that
	 * worker takes it (atomically) and closes it. Holding it longer would
	 * keep an old revision's files open after an index change.
	 */
	struct fg_searcher *probe;
} sd_config;

/* Routes, as counted in the metrics (metrics.c names them). */
enum sd_route {
	SD_R_API_SEARCH, SD_R_API_DOC, SD_R_HEALTHZ, SD_R_METRICS, SD_R_HOME, SD_R_SEARCH, SD_R_DOC, SD_R_STATIC,
	SD_R_API_SIMILAR, SD_R_DRAFT, SD_R_API_COMPARE, SD_R_COMPARE, /* work tools */
	SD_R_API_CHANGES, SD_R_CHANGES_ATOM,
	SD_R_API_CITED_BY, SD_R_API_CLEANUP, SD_R_CLEANUP, /* citations and cleanup (api_cleanup.c) */
	SD_R_API_SUGGEST,    /* rule names (api_suggest.c) */
	SD_R_API_CITE_CHECK, SD_R_CHECK, /* the citation check (api_check.c) */
	SD_R_API_CATALOGUE, SD_R_CATALOGUE, SD_R_CHANGES, /* the catalogue and the change log page (api_catalogue.c) */
	SD_R_API_IMPACT, SD_R_IMPACT, /* the impact of an amended superior law (api_impact.c) */
	SD_R_OTHER, SD_NROUTES
};

typedef struct sd_param {
	char *key;                  /* decoded name, NUL-terminated */
	char *val;                  /* decoded value, NUL-terminated */
	size_t vlen;                /* bytes in val */
} sd_param;

/* One request, from the request line (sd_req_new) to NOTIFY_COMPLETED (sd_req_free). */
typedef struct sd_req {
	struct timespec start;      /* when the request line arrived */
	char *uri;                  /* raw request target as received */
	size_t urilen;
	char *path;                 /* decoded path, NULL when it could not be decoded */
	sd_param params[SD_MAX_PARAMS];
	size_t nparams;
	size_t q_chars;             /* the search page's q was cut: its length in characters as given, else 0 */
	unsigned bad_status;        /* nonzero: the target is unacceptable with this status */
	char bad_msg[256];          /* and this message */
	int route;                  /* enum sd_route */
	int started;                /* the handler has seen the request */
	char method[16];            /* for the access log */
	fg_buf body;                /* request body (kept up to SD_MAX_BODY) */
	size_t body_seen;           /* body bytes received */
	unsigned status;            /* response status, 0 before one is queued */
	size_t bytes;               /* response body bytes */
} sd_req;

/* The search parameters as given (validated UTF-8, never NULL: "" when absent). */
typedef struct sd_query {
	const char *q, *unit, *status, *level, *region, *authority;
	const char *from, *to, *sort, *cites, *asof;
	unsigned limit;             /* effective limit */
	unsigned offset;
	size_t q_chars;             /* q was cut from this many characters (0: as given) */
	const fg_suggestion *names; /* the home page: rule names offered as the query is typed (<datalist>) */
	size_t nnames;
} sd_query;

/* What a work-tool route gets from http.c. */
typedef struct sd_call {
	fg_searcher *s;             /* the thread's searcher */
	const sd_config *cfg;
	const char *method;         /* "GET", "HEAD" or "POST" */
	const char *body;           /* request body ("" when none), body_len bytes, at most SD_MAX_BODY */
	size_t body_len;
	const sd_req *req;          /* query parameters through sd_param_get */
	const char *path;           /* decoded request path */
	const char *host;           /* the Host header, "" when absent (absolute links of the Atom feed) */
} sd_call;

/* What it answers. */
typedef struct sd_reply {
	unsigned status;
	const char *ctype;          /* static content type */
	char *body;                 /* NUL-terminated, freed by http.c */
	const char *disposition;    /* static Content-Disposition value, NULL for none */
} sd_reply;

typedef void (*sd_tool_fn)(const sd_call *c, sd_reply *out);

/* ---- http.c ---- */

/* A query parameter kept in a link: val NULL drops it. */
typedef struct sd_kv {
	const char *key;
	const char *val;
} sd_kv;
/*
 * Append to b (HTML-escaped) the href path?key=val&… of the nonempty
 * vals[i] of keys[0..nk), each replaced by its override in o[0..n) (page.c).
 */
void sd_put_href(fg_buf *b, const char *path, const char *const *keys, const char *const *vals, size_t nk,
		 const sd_kv *o, size_t n);
/* Whether id may be a document id parameter: not empty, at most SD_MAX_ID bytes, no control characters (page.c). */
int sd_id_ok(const char *id);

/* Prepare shared state (thread key, prebuilt responses). Returns 0 or -1 with a message on stderr. */
int sd_http_init(sd_config *cfg);
/* Release what sd_http_init made and the calling thread's searcher. */
void sd_http_fin(void);

/* libmicrohttpd callbacks; cls is the sd_config. */
void *sd_uri_log(void *cls, const char *uri, struct MHD_Connection *con);
enum MHD_Result sd_handler(void *cls, struct MHD_Connection *con, const char *url, const char *method,
			   const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls);
void sd_completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe);

/* ---- api_similar.c, api_versions.c, api_cleanup.c: the work tools ---- */

void sd_api_similar(const sd_call *c, sd_reply *out);   /* POST /api/similar */
void sd_page_draft(const sd_call *c, sd_reply *out);    /* GET, POST /draft */
void sd_api_compare(const sd_call *c, sd_reply *out);   /* GET /api/compare?a=&b= (api_versions.c) */
void sd_page_compare(const sd_call *c, sd_reply *out);  /* GET /compare?a=&b= (api_versions.c) */
void sd_api_changes(const sd_call *c, sd_reply *out);   /* GET /api/changes (api_versions.c) */
void sd_changes_atom(const sd_call *c, sd_reply *out);  /* GET /changes.atom (api_versions.c) */
void sd_api_cited_by(const sd_call *c, sd_reply *out); /* GET /api/doc/{id}/cited-by (api_cleanup.c) */
void sd_api_suggest(const sd_call *c, sd_reply *out);  /* GET /api/suggest?q=&limit= (api_suggest.c) */
void sd_api_cleanup(const sd_call *c, sd_reply *out);  /* GET /api/cleanup (api_cleanup.c) */
void sd_page_cleanup(const sd_call *c, sd_reply *out); /* GET /cleanup (api_cleanup.c) */
void sd_api_cite_check(const sd_call *c, sd_reply *out); /* POST /api/cite-check (api_check.c) */
void sd_page_check(const sd_call *c, sd_reply *out);     /* GET, POST /check (api_check.c) */
/* The 引用核对 section of a page: the citations of text (len bytes) checked now, for /draft (api_check.c). */
void sd_put_citecheck_section(fg_buf *b, fg_searcher *s, const char *text, size_t len);
void sd_api_catalogue(const sd_call *c, sd_reply *out);  /* GET /api/catalogue (api_catalogue.c) */
void sd_page_catalogue(const sd_call *c, sd_reply *out); /* GET /catalogue (api_catalogue.c) */
void sd_page_changes(const sd_call *c, sd_reply *out);   /* GET /changes (api_catalogue.c) */
void sd_api_impact(const sd_call *c, sd_reply *out);     /* GET /api/impact?old=&new= | ?id= (api_impact.c) */
void sd_page_impact(const sd_call *c, sd_reply *out);    /* GET /impact (api_impact.c) */

/* ---- render_search.c ---- */

/*
 * The search page: the box and, when r is not NULL, its results; errmsg (may
 * be NULL) shows an error box instead. Returns HTML the caller frees.
 */
/* The search page; correction (may be NULL) is the rule name one edit away from the query (您要找的是不是). */
char *sd_render_search(const sd_query *p, const fg_result *r, const char *errmsg, const char *correction);

/* ---- render_doc.c ---- */

/* The search parameters a hit link carries to the document page and its back link restores (q travels as hl). */
extern const char *const sd_back_keys[];
extern const size_t sd_nback_keys;
/*
 * The document page; hl (may be NULL or "") is a query whose terms are
 * marked; r (may be NULL) holds the search's filters for the back link.
 * Caller frees.
 */
char *sd_render_doc(const fg_docview *v, const char *hl, const sd_req *r);

/* ---- params.c ---- */

/* s as a decimal integer in [min, max] into *out: 0, or -1 (empty, not digits, out of range). */
int sd_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out);

/*
 * Fill p (borrowing r's values) and req from r's query string; returns 0, or
 * an HTTP status (400) with an error message in msg.
 */
unsigned sd_parse_search(const sd_req *r, sd_query *p, fg_search_req *req, char *msg, size_t cap);

/* ---- metrics.c ---- */

/* Count a response of a route (enum sd_route) with its status and duration. */
void sd_metrics_record(int route, unsigned status, double secs);
/* The Prometheus text: counters, histograms and the index gauges (up 0: no index). Caller frees. */
char *sd_metrics_text(int up, unsigned documents, unsigned articles);
/*
 * Write the access log line of r to fd in one write: time, client (numeric
 * host), method, target (escaped), status, bytes, milliseconds, and
 * aborted=toe unless the request completed.
 */
void sd_access_log(int fd, const char *client, const sd_req *r, enum MHD_RequestTerminationCode toe, double secs);

/* ---- render_body.c ---- */

/*
 * Append the body of document v: markdown through cmark in safe mode, or its
 * units as paragraphs; every unit anchored as id="a<index>", the terms of the
 * query hl (may be NULL) marked and resolved citations linked.
 */
void sd_render_body(fg_buf *b, const fg_docview *v, const char *hl);

/* ---- request.c ---- */

/*
 * A request for the raw target uri (len bytes): the decoded path and its
 * route, the query parameters, and bad_status/bad_msg set when the target is
 * unacceptable (bad escapes, invalid UTF-8, limits). Free with sd_req_free.
 */
sd_req *sd_req_new(const char *uri, size_t len);
void sd_req_free(sd_req *r);
/* Value of the first parameter named key, or "" when absent; borrowed from r. */
const char *sd_param_get(const sd_req *r, const char *key);

/* ---- page.c ---- */

/* Append s HTML-escaped; NULL appends nothing. */
void sd_put_html(fg_buf *b, const char *s);
/* The link target of document id, "/doc/<id><frag>", escaped for an HTML attribute (frag may be NULL). */
void sd_put_doc_href(fg_buf *b, const char *id, const char *frag);
/* The link target of unit index of document id: /doc/<id>#a<index>. */
void sd_put_unit_href(fg_buf *b, const char *id, int index);
/* The frame of the search, document and error pages: head and the opening of the header (left open). */
void sd_page_start(fg_buf *b, const char *title);
/* The frame of the work-tool pages: head and the whole header with the tools' navigation. */
void sd_tool_page_start(fg_buf *b, const char *title);
/* The footer and the end of every page. */
void sd_page_end(fg_buf *b);
/* The one search box: a GET form that keeps the unit and sort choices (p may be NULL). */
void sd_search_form(fg_buf *b, const sd_query *p);
/* A status (时效性) as a coloured badge; nothing for NULL or "". */
void sd_put_badge(fg_buf *b, const char *status);
/* An error page for an HTTP status with a message. Caller frees. */
char *sd_render_error(unsigned status, const char *msg);
/* A JSON error reply {"error": msg}. */
void sd_tool_error(sd_reply *out, unsigned status, const char *msg);
/* An HTML error page reply. */
void sd_tool_error_page(sd_reply *out, unsigned status, const char *msg);
/* The HTTP status for a failed libfagui call: 400, 404, 413 or 503. */
unsigned sd_http_status(fg_status st);

/*
 * The value of key in an application/x-www-form-urlencoded body into *out
 * (caller frees; CR dropped, as browsers send CRLF line ends), its length
 * into *olen: 1, 0 when absent (*out NULL), -1 when its percent-encoding is
 * broken (request.c).
 */
int sd_form_field(const char *body, size_t len, const char *key, char **out, size_t *olen);
/* text with the byte ranges spans[0..n) (pairs) wrapped in <tag>, HTML-escaped (page.c). */
void sd_put_spans(fg_buf *b, const char *text, const size_t *spans, size_t n, const char *tag);

#endif
