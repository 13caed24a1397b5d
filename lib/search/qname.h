/*
 * qname.h - internal to the search layer: what a query names, read from its
 * text or parsed tree (qname.c), for rule and article look-up (search.c).
 */
#ifndef FG_QNAME_H
#define FG_QNAME_H

#include "query.h"
#include "searcher.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether t is a year (4 digits, 1xxx or 2xxx). */
int fg_qname_is_year(const char *t);
/*
 * The name a query gives when it names a rule: its one text, or its texts
 * (at most three, joined by spaces: 民法典 合同编) besides a year, which goes
 * into year ("" when none). 0 when the query has operators or fields.
 */
int fg_qname_tree(const fg_qnode *tree, fg_buf *name, char year[5]);
/* The query text without spaces around it and without a year before or after it (into year). */
void fg_qname_raw(const char *q, fg_buf *name, char year[5]);
/* Region + topic (浙江省 广告): the rule of that place whose name holds the other words (rules.h). */
int fg_qname_place(fg_searcher *s, const fg_qnode *and, fg_buf *term);
/* Whether s (n bytes) is empty or a paragraph and item after an article: 第Y款, 第Y款第Z项, 第Z项. */
int fg_qname_para_suffix(const char *s, size_t n);
/* The text match of a query that is only a rule's name is scaled by this: a tie-break at most. */
#define FG_QNAME_ORDER_TEXT 1e-4
/* A weight decreasing with the unit's index (FG_SLOT_INDEX): a named rule's 第一条 before its 第二条. */
fg_xq *fg_qname_article_order(void);
/*
 * The same for a code filed in parts (term: its XW term): the parts in the
 * order of their first articles (民法典: 总则编 第一条 … 侵权责任编, not the
 * order they were indexed in), each part's units in order after the parts
 * before it. NULL when db has no record with term.
 */
fg_xq *fg_qname_parts_order(fg_xdb *db, const char *term, size_t len);
/* Whether q starts with a bare reference NAME第X条 (the name name_len bytes), as refs.h's extractor reads them, or 《NAME》. */
int fg_qname_bare_ref(const char *q, size_t name_len);
/*
 * The notice of a name (len bytes, 《》 allowed) that names no rule of s's
 * index: a repealed rule of data/repealed.tsv (合同法: 已于2021年1月1日废止，由
 * 《民法典》取代), else, when article (a whole NAME第X条 query), that there is
 * no rule of that name. NULL when neither; caller frees.
 */
char *fg_qname_unknown_notice(fg_searcher *s, const char *name, size_t len, int article);
/*
 * An article reference written without 第 or 条 (刑法264条, 刑法第264, 刑法 264,
 * 《劳动合同法》39条, 刑法二百六十四条) as NAME第X条, when the text before the
 * number names a rule of s's index and the whole query does not (公司法解释3
 * is a numbered rule; 公司法解释三, without 第 or 条 and not in digits, is left
 * alone), and the article before the name (第二百六十四条 刑法). A new string,
 * or NULL when q is no such reference.
 */
char *fg_qname_article_form(fg_searcher *s, const char *q);
/*
 * A query that is only a 文号 as documents carry them (白市监规〔2018〕3号, with
 * any brackets, or 白河市人民政府令第22号: doc.h fg_meta_number_line) as
 * 文号:"Q" OR "Q": the documents of that number, then the units citing it. A
 * new string, or NULL when q is no 文号.
 */
char *fg_qname_number_form(const char *q);
/*
 * Whether q (n bytes) is a 文号 and nothing else: as fg_meta_number_line reads
 * them, or another issuer's numbered act (…常务委员会公告第18号).
 */
int fg_qname_is_number(const char *q, size_t n);
/*
 * The rule of the document whose 文号 the whole query q is (its card: the
 * term into *term, reset first, and its year into year). Returns 1 when found.
 */
int fg_qname_number_rule(fg_searcher *s, const char *q, fg_buf *term, char year[5]);
/*
 * Article look-up of a whole query NAME第X条 (第X条之一, a 第Y款 after it)
 * whose NAME names a rule (fg_rule_term: 《》 and all), or several such joined
 * by " OR " (the article form's 刑法264、266条): each article weighted like a
 * rule, that of vyear's version (may be NULL or "") again; rule gets the
 * rule's term for its card when empty or replace. A rule without the article
 * appends to *notice (replaced; caller frees) and, for a single reference,
 * lists the rule's units; a bare reference to no rule gets the unknown
 * notice. NULL when q is no such reference.
 */
fg_xq *fg_qname_direct_ref(fg_searcher *s, const char *q, const char *vyear, fg_buf *rule, int replace, char **notice);
/*
 * A rule named with the version meant (qversion.c): 新 / 最新 / 修订后的 NAME
 * (the newest version), 现行 NAME (the one in force), 旧 / 原 / 老 / 修订前的
 * NAME (the one before the version in force), YYYY年[修正的] NAME and
 * NAME（YYYY年修正） (the version in force that year), an article after it
 * or not. The query without the qualifier (a new string), and the version's
 * year into year ("" for the version in force, or a rule of one version);
 * NULL when q has no such qualifier, the qualifier is part of a name
 * (新疆…, 原子能法) or what is left names no rule (a repealed one is kept:
 * 原合同法 gives its notice).
 */
char *fg_qname_version_form(fg_searcher *s, const char *q, char year[5]);
/*
 * fg_qopts.rule_term over a searcher (ctx): the rule a name means in its
 * index (rules.h fg_rule_term), 1; -1 for a repealed rule of
 * data/repealed.tsv the index lacks; 0 otherwise.
 */
int fg_qname_rule_term_cb(void *ctx, const char *name, size_t len, fg_buf *term);

#ifdef __cplusplus
}
#endif
#endif
