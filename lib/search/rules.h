/*
 * rules.h - internal to the search layer: which rule a name means in an
 * index. A name (full title, without 中华人民共和国, in 《》 or not, an
 * established abbreviation such as 民诉法, or a code's part such as
 * 民法典 合同编) is turned into its rule name (fg_rule_name) and looked up
 * as an XV term (one rule and its versions), else an XW term (the parts of
 * a code filed as separate documents). Abbreviations come from
 * data/abbreviations.tsv ("short<TAB>full name" lines).
 */
#ifndef FG_RULES_H
#define FG_RULES_H

#include "base.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_abbrevs fg_abbrevs;

/*
 * Load an abbreviations file: lines "short<TAB>full name", # comments and
 * blank lines skipped. Errors: FG_E_IO, FG_E_INVAL (a line without a tab,
 * with the line number). Caller frees with fg_abbrevs_free.
 */
fg_status fg_abbrevs_load(const char *path, fg_abbrevs **out, fg_err *err);
void fg_abbrevs_free(fg_abbrevs *a);
size_t fg_abbrevs_count(const fg_abbrevs *a);
/* The full name of short name s (exact match after normalization), or NULL. Borrowed. */
const char *fg_abbrevs_find(const fg_abbrevs *a, const char *s, size_t len);
/* The full names of the short names that start with s (normalized), in short-name order: at most max into fulls (borrowed). */
size_t fg_abbrevs_prefixed(const fg_abbrevs *a, const char *s, size_t len, const char **fulls, size_t max);

/*
 * The term that names the rule name (len bytes, may carry 《》, spaces and
 * 中华人民共和国) means in db into *term (reset first): XV<rule name>, else
 * XW<rule name>, trying ab's expansion (may be NULL) too. Returns 1 when
 * such a term exists, 0 otherwise.
 */
int fg_rule_term(fg_xdb *db, const fg_abbrevs *ab, const char *name, size_t len, fg_buf *term);
/* Whether q matches any document of db (a boolean match of one). */
int fg_rule_any_match(fg_xdb *db, const fg_xq *q);

/*
 * A rule's name without its kind: name (len bytes, at least
 * FG_RULE_STEM_MIN Han characters and nothing else, after normalization)
 * followed by 法, else by 条例, names a rule in db (反补贴 -> 反补贴条例):
 * its term into *term (reset first), as fg_rule_term. Returns 1 when found.
 * Shorter words (合同, 广告) are topics, not names.
 */
#define FG_RULE_STEM_MIN 3
int fg_rule_term_stem(fg_xdb *db, const char *name, size_t len, fg_buf *term);

/*
 * Item look-up, for documents without articles (their items carry XI/XJ
 * terms, terms.h): a whole query NAME LABEL whose NAME is a rule
 * (fg_rule_term) and LABEL an item label as fg_item_label_key reads it
 * (二（二）12, 二、（二）12., 二(二)12; also a section: 二（二）) or 第N项 (the
 * items numbered N in the rule's finest numbering: 12. before （十二） before
 * 十二、), with or without a space between them. Returns the query of that
 * item's units weighted by weight (a section: all its items), or, when the
 * rule has items but not this one, of all its units with *notice set
 * (replaced, caller frees); NULL when the query is no such look-up or weight
 * <= 0. card (the rule to show) gets the rule's term when it is empty.
 */
fg_xq *fg_item_lookup(fg_xdb *db, const fg_abbrevs *ab, const char *q, double weight, fg_buf *card, char **notice);

struct fg_titlemap;
/*
 * Region + topic: the rule whose name starts with place (a place name: it
 * ends in 省, 市, 自治区, 自治州, 县 or 区) and holds every one of the n
 * words, in force first, then the most general (shortest) name, into
 * *term as XV<name>. Returns 1 when there is one.
 */
int fg_rule_by_place(const struct fg_titlemap *m, const char *place, const char *const *words, size_t n, fg_buf *term);

struct fg_rulecard;
struct json_object;
/*
 * The card of the rule whose documents carry term (an XV or XW term from
 * fg_rule_term), showing the version of year (YYYY, "" or NULL: the one in
 * force, else the newest). NULL when no record has the term. Free with
 * fg_rulecard_free (rulecard.c).
 */
struct fg_rulecard *fg_rulecard_build(fg_xdb *db, const char *term, size_t len, const char *year);
void fg_rulecard_free(struct fg_rulecard *c);
/* {"id","title","level","status","published","effective","versions":[{"id","published","status"}],"cited_by"}. */
struct json_object *fg_rulecard_json(const struct fg_rulecard *c);

#ifdef __cplusplus
}
#endif
#endif
