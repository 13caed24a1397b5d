/*
 * rank.h - the ranking weights, with names: every number that decides an
 * order lives in fg_tuning (defaults chosen with `make eval` on the STARD
 * train split; FAGUI_TUNE="k1=1.2,b=0.75,prior=1.5,..." overrides any of
 * them by name for experiments), plus the idf formulas: BM25's (keyword
 * weights of relaxed questions) and the similarity tools' tf-idf one.
 */
#ifndef FG_RANK_H
#define FG_RANK_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_tuning {
	double k1;            /* BM25 term-frequency saturation */
	double b;             /* BM25 document-length normalization */
	double title;         /* strict: weight of title phrase matches of bare text */
	double prior;         /* strict: scale of the status/level prior */
	double relax_title;   /* relaxed: weight of title bigrams */
	double relax_prior;   /* relaxed: scale of the status/level prior */
	double strict_boost;  /* relaxed: weight of the strict (all-phrases) query inside the relaxed OR */
	double level;         /* strict: prior per level step (宪法 is 10 steps above 规范性文件) */
	double relax_level;   /* relaxed: prior per level step */
	double doc_boost;     /* relaxed: most weight added to units of the best-matching documents (0 = off) */
	double doc_top;       /* relaxed: how many best documents get that weight */
	double synonym;       /* relaxed: weight of the thesaurus' statute words (0 = off) */
	double relax_heading; /* relaxed: weight of bigrams of the unit's 编/章/节 headings (0 = off) */
	double keywords;      /* relaxed: weight of the article keywords' bigrams, times their idf (0 = off) */
	double assoc;         /* relaxed: weight of bigrams associated with the question's words through the keywords (0 = off) */
	double assoc_docs;    /* relaxed: keyword-matching units the associations are learned from */
	double assoc_terms;   /* relaxed: associated bigrams added */
	double learned;       /* relaxed: weight of the learned table's statute bigrams (data/learned.tsv, qlearn.c; 0 = off) */
	double learned_terms; /* relaxed: learned bigrams added */
	double rule;          /* a query naming a rule: weight of its units (twice for its version in force or of the year named; 0 = off) */
	double parallel;      /* relaxed: 1 = find the document evidence in a second thread beside the match (same results; 0 = in turn) */
} fg_tuning;

/* The defaults. */
extern const fg_tuning fg_tuning_default;
/* The defaults overridden by $FAGUI_TUNE (name=value pairs separated by commas; unknown names ignored). */
void fg_tuning_read(fg_tuning *t);

/* BM25's min_normlen (Xapian's default) and the idf floor of weighted keywords. */
#define FG_BM25_MIN_NORMLEN 0.5
#define FG_IDF_FLOOR 0.1

/*
 * BM25's idf of a term in df of n documents, log((n - df + 0.5) / (df + 0.5)),
 * floored at FG_IDF_FLOOR so that very frequent terms keep a small positive weight.
 */
double fg_rank_idf(double n, double df);

/*
 * The idf of the similarity tools' tf-idf vectors, log(1 + n / max(df, 1)):
 * it compares two texts by cosine, where every shared term must count
 * (BM25's idf is negative for terms in more than half of the documents).
 */
double fg_rank_similarity_idf(double n, double df);

#ifdef __cplusplus
}
#endif
#endif
