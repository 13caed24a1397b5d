/*
 * query.h - internal to libfagui: the query language parser (qparse.c) and
 * its translation into Xapian queries, strict (qbuild.c) and relaxed
 * (qrelax.c), used by search.c.
 *
 * Syntax
 *   甲乙丙          the exact substring (phrase of its bigrams), in body or title
 *   a b           both (AND);  a OR b, a | b;  -a, NOT a;  ( ... )
 *   "..." “...”   a quoted phrase (same as bare text, may contain spaces)
 *   《名称》        a rule name: title matches weigh much more
 *   标题: title:   文号: number:   机关: authority:   field restrictions
 *   同条( ) 同款( ) 同句( )   (also ARTICLE( ) PARA( ) SENT( )): every term
 *                 inside within the same article, paragraph (款) or sentence
 *   NAME第X条, NAME 第X条   a reference to one article of a rule
 */
#ifndef FG_QUERY_H
#define FG_QUERY_H

#include "base.h"
#include "text.h"
#include "xap.h"

enum fg_qtype { FG_Q_TEXT, FG_Q_AND, FG_Q_OR, FG_Q_NOT, FG_Q_PROX, FG_Q_REF };
enum fg_qfield { FG_F_ANY, FG_F_TITLE, FG_F_NUMBER, FG_F_AUTHORITY, FG_F_RULE };
enum fg_qprox { FG_PROX_ARTICLE, FG_PROX_PARA, FG_PROX_SENT };

typedef struct fg_qnode fg_qnode;
struct fg_qnode {
	int type;          /* enum fg_qtype */
	char *text;        /* FG_Q_TEXT: the text; FG_Q_REF: the rule name */
	int field;         /* FG_Q_TEXT: enum fg_qfield */
	int prox;          /* FG_Q_PROX: enum fg_qprox */
	long num, sub;     /* FG_Q_REF: article number */
	/* FG_Q_REF: kids[0] the texts as such (fallback), kids[1] (optional) the text before the name, which may start it */
	fg_qnode **kids;   /* AND/OR/PROX children; NOT has one */
	size_t nkids;
};

/*
 * Parse q (len bytes, valid UTF-8). Errors: FG_E_INVAL with a message naming
 * the problem and its character position. An empty query yields *out NULL
 * and FG_OK.
 */
fg_status fg_query_parse(const char *q, size_t len, fg_qnode **out, fg_err *err);
void fg_qnode_free(fg_qnode *n);

/* Tuning knobs of the translation (search.c sets them). */
typedef struct fg_qopts {
	double title_weight; /* scale of title matches of bare text */
	double rule_weight;  /* scale of 《》 title matches */
	double ref_weight;   /* scale of NAME第X条 references */
	/*
	 * The term naming the rule a name means (rules.h fg_rule_term) into
	 * term, 1 when there is one; 0 when not: references match the name in
	 * titles; -1 when the name is known not to be in the index (a repealed
	 * rule): references match their text only. NULL: always titles.
	 */
	int (*rule_term)(void *ctx, const char *name, size_t len, fg_buf *term);
	void *ctx;
	/*
	 * The weight of a reference whose rule was found by rule_term (a
	 * constant-weight posting source: local databases only); 0 = weigh it
	 * by the name as a phrase in titles instead.
	 */
	double ref_boost;
} fg_qopts;

/*
 * Build the strict Xapian query for a parsed tree; collect the normalized
 * strings to highlight into *needles (array of malloc'd strings, *nneedles).
 * Errors: FG_E_INVAL for a query that only excludes.
 */
fg_status fg_query_build(const fg_qnode *n, const fg_qopts *o, fg_xq **out, char ***needles, size_t *nneedles,
			 fg_err *err);

/*
 * The relaxed query for natural-language questions: an OR of the body
 * bigrams and words of every positive term minus stop words, plus title
 * bigrams at title_weight and bigrams of the unit's headings (编, 章, 节: H
 * terms) and of the articles' everyday words (K terms) at their weights in
 * o (0 = none). NULL when nothing is left. *nterms
 * gets the number of distinct terms used.
 */
typedef struct fg_relax_opts {
	double title;   /* title bigrams (S), 0 = none */
	double heading; /* heading bigrams (H), 0 = none */
	double keywords; /* bigrams of the articles' everyday words (K: keywords x idf), 0 = none */
	fg_xdb *db;      /* for the K terms' frequencies; NULL = no K (remote shards: constant-weight
			    posting sources are local only) */
	double assoc;      /* body bigrams associated with the question's words through the keywords (qassoc.c), 0 = none */
	double assoc_docs; /* how many keyword-matching units the associations come from */
	double assoc_terms; /* how many associated bigrams are added */
	double learned;       /* statute bigrams of the learned table (qlearn.c), 0 = none */
	double learned_terms; /* how many learned bigrams are added */
} fg_relax_opts;

/* The options of a relaxed question from the ranking weights (rank.h); db as fg_relax_opts.db. */
struct fg_tuning;
fg_relax_opts fg_relax_opts_tuned(const struct fg_tuning *t, fg_xdb *db);

fg_xq *fg_query_relaxed(const fg_qnode *n, const fg_stopwords *sw, const fg_relax_opts *o, size_t *nterms,
			char ***needles, size_t *nneedles);

/*
 * An OR of the body phrase of each of the n words (NUL-terminated): the
 * statute words a thesaurus adds to a relaxed question - plus, at
 * heading_weight (0 = none), the same phrase in the units' headings. NULL
 * when none has a token.
 */
fg_xq *fg_query_words(char *const *words, size_t n, double heading_weight);
/*
 * The thesaurus' statute words for the everyday words of question q, as
 * body phrases (fg_query_words) OR-ed at weight; the words are appended to
 * the needles for highlighting. NULL when weight is 0 or nothing applies.
 */
fg_xq *fg_query_synonyms(const fg_thesaurus *th, double weight, double heading_weight, const char *q, size_t qlen,
			 char ***needles, size_t *nneedles);

/* 1 when the tree is only bare text/AND of text (no operators or fields): relaxation applies. */
int fg_query_is_plain(const fg_qnode *n);

/* ---- shared by the builders (qbuild.c defines them, qrelax.c uses them) ---- */

/* Body tokens carry no prefix (terms.h). */
#define FG_QBODY ""

/* Bytes: a longer query token (a long ASCII word) is left out of the query. */
#define FG_QTOK_MAX 40

typedef struct fg_qtok {
	char text[FG_QTOK_MAX]; /* NUL-terminated */
	size_t len;
	int kind;     /* enum fg_tk_kind */
	uint32_t pos; /* fg_tokenize position */
} fg_qtok;

typedef struct fg_qtoks {
	fg_qtok *v; /* malloc'd; the caller frees it */
	size_t n;
} fg_qtoks;

/*
 * Word associations (qassoc.c): the body bigrams that characterize the best
 * o->assoc_docs units whose keywords hold the bigrams of toks[0..n), the best
 * o->assoc_terms of them OR-ed at o->assoc x their relative expand weight.
 * NULL when off (o->assoc 0, or o->keywords 0: the associations come from
 * the keywords), without db, or when nothing applies.
 */
fg_xq *fg_query_assoc(fg_xdb *db, const fg_qtok *toks, size_t n, const fg_relax_opts *o);

/*
 * The learned translation table (qlearn.c, data/learned.tsv): lines
 * question-bigram<TAB>statute-bigram<TAB>weight, normalized on load; '#'
 * starts a comment line.
 */
typedef struct fg_learned fg_learned;
fg_learned *fg_learned_from_text(const char *text, size_t len);
void fg_learned_free(fg_learned *l);
size_t fg_learned_count(const fg_learned *l);
/* The process-wide table, read on first use from $FAGUI_LEARNED ("" = none), else data/learned.tsv; NULL when none. */
const fg_learned *fg_learned_default(void);
/*
 * The statute bigrams of the bigrams of toks[0..n) in l, their weights
 * summed per bigram, minus the question's own tokens: the best
 * o->learned_terms as body terms OR-ed at o->learned x their summed weight
 * relative to the best. NULL when off or nothing applies.
 */
fg_xq *fg_query_learned(const fg_learned *l, const fg_qtok *toks, size_t n, const fg_relax_opts *o);

/* OR of boolean terms prefix+value for each comma-separated value of list; NULL when it is empty. */
fg_xq *fg_query_terms_or(const char *prefix, const char *list);
/* Every unit (the OR of the unit kinds' terms), no record. */
fg_xq *fg_query_units(void);
/* Append the query tokens (FG_TOK_QUERY) of text, len bytes, to ts. */
void fg_query_tokens(const char *text, size_t len, fg_qtoks *ts);
/* The term prefix + text (terms.h) as a query, wqf 1, no position. */
fg_xq *fg_query_term(const char *prefix, const char *text, size_t len);
/*
 * The exact-substring query of text (NUL-terminated) under prefix (FG_QBODY,
 * FG_PFX_TITLE, ...). Positionless prefixes (N, B) get an AND of their
 * tokens. NULL when text has no tokens.
 */
fg_xq *fg_query_phrase(const char *text, const char *prefix);

#endif
