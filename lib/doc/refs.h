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
	FG_CITE_INTERNAL = 2, /* 本法/本条例/本办法…第X条, 本条, 前款: the same document */
	FG_CITE_BARE = 3      /* a name without 《》 before 第X条: 民法典第五百条 (fg_cite_extract_bare only) */
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
	size_t run_start;     /* FG_CITE_BARE: where the longest name it may be starts (start is the best guess) */
} fg_cite;

/*
 * Every reference in len bytes of text (UTF-8), in text order. 《…》 titles
 * count only when they name a rule (end in 法, 条例, 规定, 办法, 细则, 决定,
 * 规则, 解释, 意见, 通知, 措施 …, before an optional （…） note), so
 * 《食品经营许可证》 is not a citation. Returns the number found; *out gets
 * an array the caller frees with fg_cite_free (NULL when none).
 */
size_t fg_cite_extract(const char *text, size_t len, fg_cite **out);
/*
 * The references written without 《》: a rule's name right before an
 * article, 民法典第五百条, 依照劳动合同法第三十九条, 民诉法第一百二十二条,
 * 河南省实施《水法》办法第十条, 若干问题的规定（三）第十一条, in text order,
 * kind FG_CITE_BARE. Which characters before 第 belong to the name a text
 * alone cannot tell: run_start is the start of the longest run the name may
 * have (Han characters and 《…》 after the previous article reference, at most
 * 60 characters), start the best guess (after the last 根据, 依照, 违反, 和 …
 * in the run); title is the name from start as written (with a 《…》 inside
 * and a trailing （三） part number), name its fg_rule_name, and the run must
 * end like a rule name (as fg_cite_extract's titles). A resolver tries the
 * names from run_start on, longest first (tools/citecheck.c). Not found: an
 * article right after 》 (fg_cite_extract's), (在)本法/该条例/此办法第X条.
 * Returns the number found; *out as fg_cite_extract.
 */
size_t fg_cite_extract_bare(const char *text, size_t len, fg_cite **out);
void fg_cite_free(fg_cite *c, size_t n);
/* "ref", "basis", "internal" or "bare". */
const char *fg_cite_kind_name(int kind);

#ifdef __cplusplus
}
#endif
#endif
