/*
 * citecheck.h - the citation check: every reference to a rule in a pasted
 * text (a draft, a contract, an answer), each with a verdict against the
 * index — does the rule exist, does the cited article exist, is the rule in
 * force (on a given date), was it amended after that date or after the
 * version cited, and where did the article go (the alignment of the 新旧对照,
 * fg_compare). The version cited is the one in force on the date: the newest
 * published by then, or an earlier one while that was not yet effective. References are the 《》 ones of fg_cite_extract and the bare
 * ones of fg_cite_extract_bare (民法典第五百条); names resolve as the article
 * look-up resolves them (the title map, data/abbreviations.tsv).
 *
 * Verdicts, in the order they are decided:
 *   not-found   no rule of that name (note 未找到该法规)
 *   amended     the rule was in force on the date in an earlier version the
 *               index lacks (its history is older than every version indexed):
 *               已修改，未收录该日有效的版本; or recorded 已修改 with no newer
 *               version indexed: 已修改
 *   pending     not yet in force on the date (or now): 尚未生效
 *   repealed    repealed or expired on the date (or now): 已废止 / 已失效
 *   no-article  the cited version has no such article: 条文不存在（《X》共N条）
 *   renumbered  amended since, the article now has another number:
 *               已修改，现为第Y条 (…，条文内容有变化 when its text changed too)
 *   changed     amended since, same number, other text: 已修改，条文内容有变化
 *   deleted     amended since, the article is gone: 已修改，该条已删除
 *   renamed     amended since and renamed (no article cited): 已修改，现名《X》
 *   repealed    in force on the date but repealed or expired since: 已废止 / 已失效
 *   ok          正确 (amended_after may still be set: the article did not change)
 */
#ifndef FG_CITECHECK_H
#define FG_CITECHECK_H

#include "base.h"
#include "refs.h"
#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FG_CITECHECK_MAX_BYTES 100000 /* text checked at once, bytes */
#define FG_CITECHECK_MAX_CITES 500    /* references checked in one text; later ones are left out */

/* The verdict on one reference. Strings are owned ("" when unknown or not applicable). */
typedef struct fg_citeverdict {
	int kind;                /* FG_CITE_REF, FG_CITE_BASIS or FG_CITE_BARE */
	size_t start, end;       /* byte span of the reference in the text (a bare name: the name that resolved) */
	size_t start_char, end_char; /* the same in code points */
	size_t start_utf16, end_utf16; /* the same in UTF-16 code units (JavaScript string indexes) */
	char *text;              /* the span as written */
	char *title;             /* the rule's name as written */
	char *article;           /* the article as written ("第二十七条第一款"), "" for the rule alone */
	long num, sub;           /* cited article number and 之Y, 0 for the rule alone */
	int resolved;            /* the name means a rule of the index */
	int exists;              /* the cited version has the article (1 when no article is cited and resolved) */
	char *id;                /* the version cited: in force on the date, else the newest of that name */
	char *rtitle;            /* its title */
	char *status;            /* the rule's status on the date (now without one): 现行有效, 尚未生效, 已废止 … */
	char *published, *effective;
	int article_index;       /* unit index of the article in id, -1 when none */
	char *article_text;      /* its text */
	int articles;            /* articles of version id (条文不存在: 共N条) */
	int amended_after;       /* a later version replaced id (after the date, or after the version cited) */
	char *amended_on;        /* the publication date of the first later version */
	char *repealed_on;       /* the first day the rule was no longer in force, when it was repealed or expired */
	char *current_id;        /* the version in force now (id itself when not amended) */
	char *current_title;
	char *current_article;   /* the article's label there, "" when deleted or none cited */
	char *current_text;
	int current_index;       /* its unit index, -1 when none */
	const char *verdict;     /* static: "ok", "not-found", "pending", "repealed", "no-article", "renumbered", … */
	char *note;              /* the plain verdict: 正确, 已废止, 已修改，现为第二十六条 … */
	char *detail;            /* one sentence on why (dates, versions), "" when nothing to add */
} fg_citeverdict;

/* A checking session: the searcher, its title map, and the documents and comparisons read so far. */
typedef struct fg_citecheck fg_citecheck;

/* A session over searcher s (borrowed for its life). Errors: FG_E_XAPIAN (the title map). Free with fg_citecheck_free. */
fg_status fg_citecheck_new(fg_searcher *s, fg_citecheck **out, fg_err *err);
void fg_citecheck_free(fg_citecheck *cc);

/*
 * The verdict on reference c found in text (len bytes; a bare reference
 * tries the names from c->run_start on, longest first, and out's span is the
 * one that resolved). date (YYYY-MM-DD, NULL or "" for now) is
 * the day the text speaks of; region (may be NULL) the citing rule's, for
 * short names that several regions share. Fills *out (free with
 * fg_citeverdict_fin). Errors: FG_E_INVAL (an internal reference, a bad
 * date), FG_E_XAPIAN.
 */
fg_status fg_citecheck_cite(fg_citecheck *cc, const char *text, size_t len, const fg_cite *c, const char *date,
			    const char *region, fg_citeverdict *out, fg_err *err);
void fg_citeverdict_fin(fg_citeverdict *v);

/*
 * Every reference of text (len bytes of UTF-8, at most
 * FG_CITECHECK_MAX_BYTES) checked on date (YYYY-MM-DD, NULL or "" for
 * now), in text order; a bare name overlapping a 《》 reference is kept
 * when it resolves (河南省实施《水法》办法第十条), else the 《》 reference.
 * *truncated (may be NULL) is set when more than FG_CITECHECK_MAX_CITES
 * were found. Errors: FG_E_INVAL (invalid UTF-8, bad date), FG_E_LIMIT (text
 * too long), FG_E_XAPIAN. Caller frees *out with fg_citeverdicts_free.
 */
fg_status fg_citecheck_text(fg_searcher *s, const char *text, size_t len, const char *date, fg_citeverdict **out,
			    size_t *n, int *truncated, fg_err *err);
void fg_citeverdicts_free(fg_citeverdict *v, size_t n);

/* One verdict as the API's JSON object (see README "Citation check"). Caller owns it (json_object_put). */
struct json_object *fg_citeverdict_json(const fg_citeverdict *v);
/* {"date","citations":[…],"counts":{verdict:n},"total","truncated"}. Caller frees. */
char *fg_citecheck_json(const fg_citeverdict *v, size_t n, const char *date, int truncated);

#ifdef __cplusplus
}
#endif
#endif
