/*
 * cite.h - references from one rule to another: extraction from unit texts
 * (《title》 with or without 第X条/款/项, 根据/依据/按照《…》 basis clauses,
 * 本法/本条例/本办法/本条/前款 inside a document), the title map that
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
#include "search.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum fg_cite_kind {
	FG_CITE_REF = 0,      /* 《title》, optionally 第X条 */
	FG_CITE_BASIS = 1,    /* 根据/依据/按照/依照《title》: the legal basis of the citing rule */
	FG_CITE_INTERNAL = 2  /* 本法/本条例/本办法…第X条, 本条, 前款: the same document */
};

/* One reference found in a text. */
typedef struct fg_cite {
	int kind;             /* enum fg_cite_kind */
	size_t start, end;    /* byte span in the text: 《title》 and the article reference after it */
	char *title;          /* as written between 《》 ("" for internal) */
	char *name;           /* fg_rule_name(title) ("" for internal) */
	char *article;        /* the article reference as written ("第十二条", "第十九条第二款", "前款"), "" when none */
	long num, sub;        /* cited article number and 之Y (0 when none; for 本条/前款: 0) */
	int self_unit;        /* internal 本条/前款: the citing unit itself */
} fg_cite;

/*
 * Every reference in len bytes of text (UTF-8), in text order. 《…》 titles
 * count only when they name a rule (end in 法, 条例, 规定, 办法, 细则, 决定,
 * 规则, 解释, 意见, 通知, 措施 …, before an optional （…） note), so
 * 《食品经营许可证》 is not a citation. Returns the number found; *out gets
 * an array the caller frees with fg_cite_free (NULL when none).
 */
size_t fg_cite_extract(const char *text, size_t len, fg_cite **out);
void fg_cite_free(fg_cite *c, size_t n);
/* "ref", "basis" or "internal". */
const char *fg_cite_kind_name(int kind);

/* Index time: add an XT<name> boolean term to x for every rule name the text cites. */
void fg_cite_index_terms(fg_xdoc *x, const char *text, size_t len);

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

/* Build the map from the records of db. Errors: FG_E_XAPIAN. Caller frees with fg_titlemap_free. */
fg_status fg_titlemap_build(fg_xdb *db, fg_titlemap **out, fg_err *err);
void fg_titlemap_free(fg_titlemap *m);
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

/* The title map of a searcher, built on first use and after a refresh that changed the index. Borrowed. */
const fg_titlemap *fg_searcher_titles(fg_searcher *s);

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

/*
 * A boolean query matching the units that cite any of the comma-separated
 * document ids (Q terms of the citing units; matches nothing when none).
 * Caller frees with fg_xq_free.
 */
fg_xq *fg_cite_filter(fg_searcher *s, const char *ids);

/* Unit index of article num (之sub) in document id, or 0 when it has none. */
int fg_cite_article_index(fg_searcher *s, const char *id, long num, long sub);

#ifdef __cplusplus
}
#endif
#endif
