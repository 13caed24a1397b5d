/*
 * search.h - ranked search over an index: the query language, filters,
 * facets, snippets, and document views. One fg_searcher per thread (each
 * holds its own Xapian database handle).
 */
#ifndef FG_SEARCH_H
#define FG_SEARCH_H

#include "base.h"
#include "doc.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_searcher fg_searcher;
struct json_object;

/*
 * Open the index at path: an index directory written by fagui-indexer (its
 * index.stub is opened), or any Xapian database path (directory or stub
 * file). sw (may be NULL) is borrowed for the searcher's lifetime.
 * Errors: FG_E_NOTFOUND, FG_E_XAPIAN.
 */
fg_status fg_searcher_open(const char *path, const fg_stopwords *sw, fg_searcher **out, fg_err *err);
void fg_searcher_close(fg_searcher *s);
/*
 * Expand relaxed questions with the statute words of th (thesaurus.c), which
 * is borrowed for the searcher's lifetime; NULL turns expansion off.
 */
void fg_searcher_set_thesaurus(fg_searcher *s, const fg_thesaurus *th);
/*
 * Process-wide: load the in-memory columns (facets, prior, document lengths)
 * in a background thread, started when a searcher opens or sees a new
 * revision, and answer from the index until they are in (the same results,
 * more slowly), instead of loading them in the first query (the default,
 * for one-shot programs). searchd turns it on.
 */
void fg_searcher_background_columns(int on);
/* Whether a background load of the columns is under way, and how many loads the process has completed. */
void fg_searcher_columns_status(int *is_loading, unsigned long *loads);
/* Title maps (rule names: look-up, suggestions, citations) built since the process started, shared or not. */
unsigned long fg_searcher_title_builds(void);
/* Pick up a newer index (new generation or commit); cheap when nothing changed. *changed may be NULL. */
fg_status fg_searcher_refresh(fg_searcher *s, int *changed, fg_err *err);
unsigned fg_searcher_units(fg_searcher *s);
/* Number of source documents (records). */
unsigned fg_searcher_documents(fg_searcher *s);
/* Number of article units (第X条). */
unsigned fg_searcher_articles(fg_searcher *s);

enum { FG_SEARCH_ARTICLE = 0, FG_SEARCH_DOC = 1 };
enum { FG_SORT_RELEVANCE = 0, FG_SORT_DATE = 1 };

#define FG_SEARCH_MAX_LIMIT 100
#define FG_SEARCH_MAX_DEPTH 10000  /* offset + limit */
#define FG_FACET_CHECK 1000       /* matches a faceted search sees at least: totals and facets exact up to it */
#define FG_QUERY_MAX_BYTES 1024

typedef struct fg_search_req {
	const char *q;         /* query text (UTF-8) */
	int unit;              /* FG_SEARCH_ARTICLE (default) or FG_SEARCH_DOC */
	unsigned limit;        /* 0 -> 10; at most FG_SEARCH_MAX_LIMIT */
	unsigned offset;
	const char *status;    /* comma-separated values, NULL = any */
	const char *level;
	const char *region;
	const char *authority;
	const char *from;      /* published on or after YYYY-MM-DD */
	const char *to;        /* published on or before YYYY-MM-DD */
	const char *cites;     /* only units citing this document id */
	const char *asof;      /* YYYY-MM-DD: only versions in force on that day */
	int sort;              /* FG_SORT_RELEVANCE or FG_SORT_DATE (newest first) */
	int plain;             /* 1: plain BM25 OR of bigrams, no relaxation or priors (evaluation baseline) */
	int no_facets;         /* 1: skip facet counting */
} fg_search_req;

typedef struct fg_hit {
	char *id;              /* document id (unified number) */
	char *title;
	char *number;          /* 文号, "" when none */
	char *authority;
	char *level;
	char *status;
	char *region;
	char *published;       /* YYYY-MM-DD or "" */
	char *effective;
	char *article;         /* label as written, "" outside articles */
	char *heading;         /* enclosing headings */
	int article_index;     /* unit index in the document */
	double score;
	char *snippet;         /* HTML-escaped, <mark> around matches */
	char *url;             /* /doc/<id>#a<index> */
	unsigned matched_articles; /* unit=doc: articles of this document that match */
} fg_hit;

typedef struct fg_facet_value {
	char *value;
	unsigned count;
} fg_facet_value;

typedef struct fg_facet {
	const char *name;      /* "level", "status", "region", "year" */
	fg_facet_value *values;
	size_t n;
} fg_facet;

#define FG_NFACETS 4
/* The facets' names, in fg_result.facets order: "level", "status", "region", "year". */
extern const char *const fg_facet_names[FG_NFACETS];

/* One version of a named rule, for its card. */
typedef struct fg_rule_version {
	char *id;
	char *published;       /* YYYY-MM-DD or "" */
	char *status;
	char *title;           /* the title to show (a code's part: 中华人民共和国民法典 · 物权编) */
	long first;            /* the number of its first article (a code's parts in order), 0 when none */
} fg_rule_version;

/* The rule a query names (rule look-up): its card, above the hits. */
typedef struct fg_rulecard {
	char *id;              /* the version shown: in force, else the year named, else the newest */
	char *title;
	char *level;
	char *status;
	char *published;
	char *effective;
	fg_rule_version *versions; /* every document of the rule (its versions, or a code's parts), oldest first */
	size_t nversions;
	unsigned cited_by;     /* units of the index citing the rule by its name */
} fg_rulecard;

typedef struct fg_result {
	char *query;           /* the query as given */
	char *parsed;          /* description of what was searched (debugging, the page's "searched for") */
	unsigned total;        /* matching units (unit=article) or documents (unit=doc); an estimate unless total_exact */
	int total_exact;       /* 1: total is the exact count */
	int facets_exact;      /* 1: the facet counts are exact (every match counted); 0: lower bounds */
	double took_ms;
	int relaxed;           /* 1 when the strict query found too little and ranked matching was used */
	fg_hit *hits;
	size_t nhits;
	fg_facet facets[FG_NFACETS];
	fg_rulecard *rule;     /* the rule the query names, NULL when it names none */
	char *notice;          /* a message about the query (the rule named has no such article), NULL when none */
} fg_result;

/*
 * Run a search. Errors: FG_E_INVAL with a message saying what is wrong
 * (unbalanced parentheses or quotes, empty query with no filter, bad date,
 * bad limit), FG_E_LIMIT (query too long, depth beyond the maximum),
 * FG_E_XAPIAN. Caller frees *out with fg_result_free.
 */
fg_status fg_search(fg_searcher *s, const fg_search_req *req, fg_result **out, fg_err *err);
void fg_result_free(fg_result *r);
struct fg_unitrec;
/* Fill h from a unit's decoded data (record.h: metadata, label, index; url built); score and snippet are left to the caller. */
void fg_hit_from_unit(fg_hit *h, const struct fg_unitrec *unit);
/* Free the strings of h (not h itself). */
void fg_hit_fin(fg_hit *h);
/* One hit as the API's JSON object (the fields of /api/search hits); caller owns it (json_object_put). */
struct json_object *fg_hit_json(const fg_hit *h);
/* The API JSON: {"query","total","took_ms","hits":[...],"facets":{...}[,"rule":{...}][,"notice":"..."]}. Caller frees. */
char *fg_result_json(const fg_result *r);

typedef struct fg_docview {
	fg_meta meta;
	char *path;            /* source path relative to its root */
	int format;            /* FG_FMT_MARKDOWN or FG_FMT_TEXT */
	char *body;            /* the source text (Markdown or plain) */
	fg_event *events;
	size_t nevents;
	fg_article *units;     /* label, text, heading, kind, num */
	size_t nunits;
	char *json;            /* the /api/doc/{id} JSON */
	struct fg_citation *citations; /* what the document cites, in unit order (cite.h) */
	size_t ncitations;
	struct fg_citedby *cited_by;   /* units of other documents citing it (cite.h) */
	size_t ncited_by;
} fg_docview;

/*
 * Load a document by id: record, units, citations and what cites it (json
 * stays NULL: fg_docview_get in the work tools adds the versions and the
 * API JSON). FG_E_NOTFOUND when there is none, FG_E_XAPIAN, FG_E_INVAL
 * (stored data not valid). Caller frees with fg_docview_free.
 */
fg_status fg_docview_load(fg_searcher *s, const char *id, fg_docview **out, fg_err *err);
void fg_docview_free(fg_docview *v);

/* ---- suggestions (suggest.c) ---- */

typedef struct fg_suggestion {
	char *id;
	char *title;
	char *level;
	char *status;
} fg_suggestion;

/*
 * Rules whose name (without 中华人民共和国, spaces and version notes) starts
 * with q, then those that hold it, in force and higher levels first, one
 * per rule, at most limit (0 = 10, at most 50). Errors: FG_E_INVAL (limit),
 * FG_E_XAPIAN. Caller frees with fg_suggestions_free.
 */
fg_status fg_suggest(fg_searcher *s, const char *q, unsigned limit, fg_suggestion **out, size_t *n, fg_err *err);
void fg_suggestions_free(fg_suggestion *v, size_t n);
/* {"query","suggestions":[{"id","title","level","status"}]}. Caller frees. */
char *fg_suggestions_json(const char *q, const fg_suggestion *v, size_t n);
/*
 * The title of the rule whose name is one character edit away from q (at
 * least 3 characters; 您要找的是不是), NULL when none is or q is a rule name.
 * Caller frees.
 */
char *fg_suggest_correction(fg_searcher *s, const char *q);
/*
 * The rules people name most, for a list offered as they type (the search
 * page's <datalist>): national rules in force (法律, 行政法规, 司法解释),
 * ordered by how many units of the index cite them (their XT term), at most
 * limit, one entry per rule. The data is the index itself: no list is kept
 * by hand. Caller frees with fg_suggestions_free.
 */
fg_status fg_suggest_common(fg_searcher *s, unsigned limit, fg_suggestion **out, size_t *n, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
