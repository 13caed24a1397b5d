/*
 * searchd.h - private interfaces of fagui-searchd: the server configuration
 * (main.c), the libmicrohttpd callbacks, per-thread searchers and metrics
 * (http.c), and the HTML pages (render.c).
 */
#ifndef SEARCHD_H
#define SEARCHD_H

#include <stddef.h>
#include <microhttpd.h>

#include "fagui.h"

#define SD_MAX_URL 4096             /* raw request target, bytes (413 beyond) */
#define SD_MAX_PARAM FG_QUERY_MAX_BYTES /* one decoded parameter value, bytes (413 beyond) */
#define SD_MAX_PARAMS 64            /* parameters in one query string (413 beyond) */
#define SD_MAX_BODY (1024 * 1024)   /* request body, bytes (413 beyond) */
#define SD_MAX_ID 128               /* document id, bytes */

typedef struct sd_config {
	const char *index;          /* index directory */
	const char *static_dir;     /* directory served under /static/, NULL for none */
	const fg_stopwords *sw;     /* stop words for every searcher, may be NULL */
	const fg_thesaurus *th;     /* thesaurus for every searcher, may be NULL */
	int log_fd;                 /* access log descriptor */
	unsigned threads;           /* worker threads */
} sd_config;

/* ---- http.c ---- */

/* Prepare shared state (thread key, prebuilt responses). Returns 0 or -1 with a message on stderr. */
int sd_http_init(const sd_config *cfg);
/* Release what sd_http_init made and the calling thread's searcher. */
void sd_http_fin(void);

/* libmicrohttpd callbacks; cls is the sd_config. */
void *sd_uri_log(void *cls, const char *uri, struct MHD_Connection *con);
enum MHD_Result sd_handler(void *cls, struct MHD_Connection *con, const char *url, const char *method,
			   const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls);
void sd_completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe);

/* Append s to b percent-encoded for a URL query component. */
void sd_put_urlenc(fg_buf *b, const char *s, size_t n);

/* ---- render.c ---- */

/* The search parameters as given (validated UTF-8, never NULL: "" when absent). */
typedef struct sd_query {
	const char *q, *unit, *status, *level, *region, *authority;
	const char *from, *to, *sort, *cites, *asof;
	unsigned limit;             /* effective limit */
	unsigned offset;
} sd_query;

/*
 * The search page: the box and, when r is not NULL, its results; errmsg (may
 * be NULL) shows an error box instead. Returns HTML the caller frees.
 */
char *sd_render_search(const sd_query *p, const fg_result *r, const char *errmsg);
/* The document page; hl (may be NULL or "") is a query whose terms are marked. Caller frees. */
char *sd_render_doc(const fg_docview *v, const char *hl);
/* An error page for an HTTP status with a message. Caller frees. */
char *sd_render_error(unsigned status, const char *msg);

/* ---- api_similar.c, api_versions.c: the work tools (similar provisions, versions, changes) ---- */

/* What a work-tool route gets from http.c. */
typedef struct sd_call {
	fg_searcher *s;             /* the thread's searcher */
	const sd_config *cfg;
	const char *method;         /* "GET", "HEAD" or "POST" */
	const char *body;           /* request body ("" when none), body_len bytes, at most SD_MAX_BODY */
	size_t body_len;
	const char *(*param)(const void *req, const char *key); /* query parameter, "" when absent */
	const void *req;
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

void sd_api_similar(const sd_call *c, sd_reply *out);   /* POST /api/similar */
void sd_page_draft(const sd_call *c, sd_reply *out);    /* GET, POST /draft */
void sd_api_compare(const sd_call *c, sd_reply *out);   /* GET /api/compare?a=&b= */
void sd_page_compare(const sd_call *c, sd_reply *out);  /* GET /compare?a=&b= */
void sd_api_changes(const sd_call *c, sd_reply *out);   /* GET /api/changes */
void sd_changes_atom(const sd_call *c, sd_reply *out);  /* GET /changes.atom */
void sd_api_cited_by(const sd_call *c, sd_reply *out); /* GET /api/doc/{id}/cited-by (api_cleanup.c) */
void sd_api_cleanup(const sd_call *c, sd_reply *out);  /* GET /api/cleanup (api_cleanup.c) */
void sd_page_cleanup(const sd_call *c, sd_reply *out); /* GET /cleanup (api_cleanup.c) */
/* Shared page frame of the work-tool pages (api_similar.c). */
void sd_tool_page_start(fg_buf *b, const char *title);
void sd_tool_page_end(fg_buf *b);
/* A JSON error reply {"error": msg}. */
void sd_tool_error(sd_reply *out, unsigned status, const char *msg);
/* An HTML error page reply. */
void sd_tool_error_page(sd_reply *out, unsigned status, const char *msg);

#endif
