/*
 * similar.h - similar provisions (more-like-this): given an article of the
 * index or pasted draft text, the most similar articles across the corpus,
 * with a 0..1 similarity, grouped by document, and the conflicts
 * (conflict.h) between the source and each hit; also the corpus-wide scan for
 * conflicting provisions among rules in force.
 *
 * Method: the source's body bigrams (stop words dropped) are weighted by
 * tf-idf, (1 + ln tf) * ln(1 + N / df); the query is the OR of the best
 * FG_SIMILAR_TERMS of them, ranked by BM25; candidates are re-scored by the
 * cosine of their tf-idf bigram vectors with the source's.
 *
 * A draft with a level (and a region) is checked against the hierarchy:
 * every hit gets its relation to the draft (superior law: higher and binding
 * on the draft's region; same level: same level and region; reference:
 * anything else, other regions above all), a second pool of candidates comes
 * from the draft's possible superior and same-level rules only (so that
 * superior law is not crowded out by many similar rules of other regions),
 * the versions of one rule collapse to the one in force, and the hits come
 * superior law first, then same level, then reference, up to limit each.
 */
#ifndef FG_SIMILAR_H
#define FG_SIMILAR_H

#include "base.h"
#include "conflict.h"
#include "search.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FG_SIMILAR_TERMS 30
#define FG_SIMILAR_MAX_LIMIT 50
#define FG_SIMILAR_MAX_ARTICLES 200 /* articles of one pasted draft */

typedef struct fg_similar_opts {
	unsigned limit;          /* hits per source article; 0 -> 10, at most FG_SIMILAR_MAX_LIMIT */
	double min_similarity;   /* drop hits below (0 = keep all) */
	int other_docs;          /* 1: leave out every unit of the source's document */
	int in_force;            /* 1: only hits whose status is 现行有效 */
	const char *level;       /* level of a pasted draft (may be NULL): relations, superior law first */
	const char *region;      /* region of a pasted draft (may be NULL; needs level): 示例省白河市, 山东省青岛市, 青岛 */
} fg_similar_opts;

/* How a hit stands to the draft or source article. */
enum fg_relation {
	FG_REL_NONE = 0,         /* not classified: the source's level is unknown */
	FG_REL_SUPERIOR = 1,     /* superior law (上位法): higher, in force, binding on the source's region */
	FG_REL_SAME = 2,         /* same level, same region (同级规定) */
	FG_REL_REFERENCE = 3     /* anything else (参考): other regions, lower or parallel levels, not in force */
};

typedef struct fg_simhit {
	fg_hit hit;              /* the same fields as a search hit (score = BM25 of the OR query) */
	double similarity;       /* cosine of the tf-idf bigram vectors, 0..1 */
	char *text;              /* the hit's text */
	fg_conflict *conflicts;  /* findings between the source (a) and this hit (b) */
	size_t nconflicts;
	int relation;            /* enum fg_relation */
	const char *relation_note; /* static: 上位法, 同级规定, 其他地区, 下位规定, 已不再有效 …, "" when none */
} fg_simhit;

typedef struct fg_simresult {
	char *id;                /* source document id, "" for a draft */
	char *title;             /* source document title, "" for a draft */
	char *level;             /* source level, "" when unknown */
	char *label;             /* source article label ("第三条"), "" when none */
	int article_index;       /* source unit index, -1 for a draft */
	char *text;              /* source text */
	char *region;            /* source region: the record's, or the draft's as given ("" when none) */
	char *place;             /* a draft's place as resolved (示例省·白河市, 全国), "" when none or not a draft */
	fg_simhit *hits;         /* grouped by document: documents by their best hit, then by similarity (for a
				    draft with a level: superior law, then same level, then reference, each so) */
	size_t nhits;
} fg_simresult;

/*
 * Articles similar to unit article_index of document id. Errors:
 * FG_E_NOTFOUND (no such unit), FG_E_INVAL (bad options), FG_E_XAPIAN.
 * sw (may be NULL) is the stop list. Caller frees *out with fg_simresult_free.
 */
fg_status fg_similar_article(fg_searcher *s, const fg_stopwords *sw, const char *id, int article_index,
			     const fg_similar_opts *o, fg_simresult **out, fg_err *err);

/*
 * Articles similar to pasted text: split into articles (第X条 lines, as a
 * plain-text document); text without articles is one unit. *out gets an
 * array of *n results (one per article; caller frees each with
 * fg_simresult_free and the array with free). o->level and o->region place
 * the draft (see above); the versions of one rule always collapse to the one
 * in force. Errors: FG_E_INVAL (empty text; an unknown level, a region
 * without a level, a region the index does not know or that does not fit
 * the level: Chinese messages), FG_E_LIMIT (more than
 * FG_SIMILAR_MAX_ARTICLES articles).
 */
fg_status fg_similar_text(fg_searcher *s, const fg_stopwords *sw, const char *text, size_t len,
			  const fg_similar_opts *o, fg_simresult ***out, size_t *n, fg_err *err);

void fg_simresult_free(fg_simresult *r);

/* The counts of a draft check: hits by relation, and those with findings (a pair reported once). */
typedef struct fg_simsummary {
	size_t superior, superior_conflicts;     /* 可能与上位法抵触: superior hits with a finding */
	size_t same_level, same_level_conflicts; /* 与同级规定不一致: same-level hits with a finding */
	size_t reference;                        /* 其他地区参考: reference hits */
	size_t unclassified;                     /* hits of a source without a level */
} fg_simsummary;

void fg_similar_summary(fg_simresult *const *r, size_t n, fg_simsummary *out);

/* "superior", "same_level", "reference", or "" (FG_REL_NONE). */
const char *fg_relation_name(int relation);

/*
 * The places a draft's region may name, from the index: provinces and the
 * cities and counties below them (示例省, 白河市, 山东, 青岛市 …), sorted,
 * distinct. Caller frees each and the array. Errors: FG_E_XAPIAN.
 */
fg_status fg_similar_places(fg_searcher *s, char ***out, size_t *n, fg_err *err);

/*
 * The API JSON. multi = 0: {"source":{...},"hits":[...]} for r[0]; multi =
 * 1: {"articles":[{"label","text","hits":[...]}, ...]}. Every hit has the
 * /api/search hit fields plus "similarity", "text", "relation" (superior,
 * same_level, reference or ""), "relation_note" and "conflicts":
 * [{"type","source","target","note","stricter","source_start",...}]. A
 * draft (article_index -1) adds "draft":{"level","region","place"} and
 * "summary":{"superior","superior_conflicts","same_level",
 * "same_level_conflicts","reference","unclassified"}. Caller frees.
 */
char *fg_similar_json(fg_simresult *const *r, size_t n, int multi);

/* One conflicting pair found by the scan. */
typedef struct fg_conflict_pair {
	fg_simresult *src;       /* borrowed from the scan: the source article */
	const fg_simhit *hit;    /* borrowed: the similar article */
	const fg_conflict *c;    /* borrowed: the finding */
} fg_conflict_pair;

/* Called for every finding of the scan; return nonzero to stop. */
typedef int (*fg_conflict_cb)(void *ctx, const fg_conflict_pair *p);

/*
 * Scan every article of the documents in force: find similar articles of
 * other documents in force with similarity >= min_similarity and report
 * every conflict finding through cb, each unordered pair of articles once,
 * the superior rule first when one binds the other (then with one level
 * finding for the pair).
 */
fg_status fg_similar_scan_conflicts(fg_searcher *s, const fg_stopwords *sw, double min_similarity,
				    fg_conflict_cb cb, void *ctx, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
