/*
 * keywords.h - everyday words written for single articles (document
 * expansion; data/keywords/, one TSV file per rule): loaded once by the indexer and the
 * status events, looked up by the index builder for each article.
 */
#ifndef FG_KEYWORDS_H
#define FG_KEYWORDS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_keywords fg_keywords;

/*
 * Everyday words written for single articles (keywords.c; data/keywords/):
 * a directory of TSV files, each "rule<TAB>NAME" (optionally "published<TAB>
 * YYYY-MM-DD") then "第X条<TAB>word,word,...".
 * fg_index_build adds an article's words as K terms when its document's
 * title names that rule. Errors: FG_E_IO (directory), FG_E_INVAL (a bad line).
 */
fg_status fg_keywords_load(const char *dir, fg_keywords **out, fg_err *err);
/*
 * The words of article num (之sub) of rule (fg_rule_name form) in its
 * version published on published (YYYY-MM-DD, may be NULL), space-separated:
 * a file with a "published" line applies to that version only. NULL if none.
 */
const char *fg_keywords_find(const fg_keywords *kw, const char *rule, const char *published, long num, long sub);
size_t fg_keywords_count(const fg_keywords *kw);
/* A hash of the loaded files' bytes (0 for NULL): the indexer rebuilds when it changes. */
uint64_t fg_keywords_hash(const fg_keywords *kw);
void fg_keywords_free(fg_keywords *kw);

#ifdef __cplusplus
}
#endif
#endif
