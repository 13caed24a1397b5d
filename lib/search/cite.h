/*
 * cite.h - citations resolved against the index (the search layer): the
 * references extracted from unit texts (refs.h), the title map that
 * resolves a cited name to a catalogue document and version, what a
 * document cites and what cites it, and the cites: filter.
 *
 * Storage (why resolution happens at query time): at index time every unit
 * gets one boolean term XT<name> per rule name it cites (the cited title
 * through fg_rule_name), and nothing else. Which document a name
 * means is decided when asked, against a title map built from the records
 * of the index as it is now (once per searcher and index revision). So a
 * citation of a rule that is indexed later, renamed, amended or deleted
 * resolves correctly without re-indexing the citing document, and an
 * incremental update never leaves stale links behind. The XT term makes
 * "what cites document D" a lookup of the few names D can be cited by (its
 * rule name and that name's suffixes, for short forms), followed by a
 * resolution of those candidates only.
 */
#ifndef FG_CITE_H
#define FG_CITE_H

#include "base.h"
#include "refs.h"
#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the title map ---- */

/* One indexed document as the title map knows it. Strings are owned by the map. */
typedef struct fg_titledoc {
	char *id;
	char *title;
	char *name;           /* fg_rule_name(title) */
	char *published;      /* YYYY-MM-DD or "" */
	char *status;
	char *level;
	char *region;
	char *supersedes;     /* id or title of the version it replaces, "" */
} fg_titledoc;

typedef struct fg_titlemap fg_titlemap;

/*
 * Maps are reference counted (searchd's threads share one, searcher.c): a
 * built map holds one reference; fg_titlemap_ref adds one, fg_titlemap_free
 * drops one and frees the map with the last. A map is never changed once
 * built, so threads may read it at once.
 */
void fg_titlemap_free(fg_titlemap *m);
fg_titlemap *fg_titlemap_ref(fg_titlemap *m);
size_t fg_titlemap_count(const fg_titlemap *m);
const fg_titledoc *fg_titlemap_at(const fg_titlemap *m, size_t i);
/* The document with this id, or NULL. Borrowed until the map is freed. */
const fg_titledoc *fg_titlemap_get(const fg_titlemap *m, const char *id);
/*
 * The document a cited rule name means for a rule published on date
 * (YYYY-MM-DD, may be NULL or "") in region (may be NULL): documents whose
 * rule name equals name, else whose rule name ends with name (a short form,
 * at least 4 characters; several distinct rules are narrowed to the citing
 * region, then to national ones, and stay unresolved when still ambiguous).
 * Among versions, the newest published on or before date, else the newest.
 * NULL when nothing matches.
 */
const fg_titledoc *fg_titlemap_resolve(const fg_titlemap *m, const char *name, const char *date, const char *region);
/*
 * The next version of d: a document with the same rule name published
 * later, or one whose supersedes names d (id or title); the earliest such.
 * *newest (may be NULL) gets the end of the chain. NULL when d is current.
 */
const fg_titledoc *fg_titlemap_successor(const fg_titlemap *m, const fg_titledoc *d, const fg_titledoc **newest);

/* ---- resolved citations of documents ---- */

typedef struct fg_citation {
	fg_cite c;            /* the reference as extracted */
	size_t unit_index;    /* citing unit */
	char *text;           /* the citing text span */
	char *id;             /* resolved document id, "" when unresolved */
	char *rtitle;         /* resolved document title, "" when unresolved */
	int resolved;
	int article_index;    /* unit index of the cited article in the resolved document (0 when none or unknown) */
} fg_citation;

typedef struct fg_citedby {
	char *id;             /* citing document */
	char *title;
	char *article;        /* citing unit label ("" outside articles) */
	int article_index;    /* citing unit index */
	char *text;           /* the citing text span */
	int kind;             /* FG_CITE_REF or FG_CITE_BASIS */
} fg_citedby;

/*
 * The title map of a searcher, built on first use and after a refresh that
 * changed the index, into *out (borrowed until the next refresh or close).
 * Errors: FG_E_XAPIAN (reading the records failed: *out is NULL).
 */
fg_status fg_searcher_titles(fg_searcher *s, const fg_titlemap **out, fg_err *err);

/*
 * Resolve the citations of every unit of a document view into v->citations
 * (internal ones point at v's own document) and find what cites it into
 * v->cited_by. Errors: FG_E_XAPIAN.
 */
fg_status fg_cite_docview(fg_searcher *s, fg_docview *v, fg_err *err);
/* JSON arrays for /api/doc/{id}: "citations" and "cited_by" items. Caller frees with json-c (json_object_put). */
struct json_object *fg_citations_json(const fg_citation *c, size_t n);
struct json_object *fg_citedby_json(const fg_citedby *c, size_t n);
void fg_citations_free(fg_citation *c, size_t n);
void fg_citedby_free(fg_citedby *c, size_t n);

/*
 * Units (of other documents) that cite document id, in citing document and
 * unit order. FG_E_NOTFOUND when there is no such document. Caller frees
 * with fg_citedby_free.
 */
fg_status fg_cite_cited_by(fg_searcher *s, const char *id, fg_citedby **out, size_t *n, fg_err *err);
/* The GET /api/doc/{id}/cited-by JSON. Caller frees. */
fg_status fg_cite_cited_by_json(fg_searcher *s, const char *id, char **out, fg_err *err);


/* Unit index of article num (之sub) in document id, or 0 when it has none. */
int fg_cite_article_index(fg_searcher *s, const char *id, long num, long sub);

#ifdef __cplusplus
}
#endif
#endif
