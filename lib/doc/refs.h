/*
 * refs.h - references from one rule to another as written in a text:
 * 《title》 with or without 第X条/款/项, 根据/依据/按照《…》 basis clauses,
 * 本法/本条例/本办法/本条/前款 inside a document. Pure text analysis: which
 * document a reference means is decided at query time (search/cite.h).
 */
#ifndef FG_REFS_H
#define FG_REFS_H

#include "base.h"

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

#ifdef __cplusplus
}
#endif
#endif
