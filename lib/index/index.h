/*
 * index.h - the index term scheme, shared by the indexer (writing) and
 * search (reading). One Xapian document per unit (article, preamble,
 * appendix) plus one record document per source document.
 *
 * Terms
 *   (none)   body tokens, positional: Han bigrams, lone-Han unigrams,
 *            lowercase ASCII words (positions from fg_tokenize)
 *   U<c>     the last Han character of each body run of 2+ characters, no
 *            positions; a 1-char query is OR(U<c>, <c>, <c>* bigrams)
 *   S        title tokens, positional, own position space (units only)
 *   H        heading tokens (the unit's 编/章/节 path), positional, own position space
 *   K        tokens of the article's everyday words (fg_keywords), no positions
 *   N, B     文号 and authority tokens, without positions (units only)
 *   Q<id>#<n> unique unit term (n = unit index)
 *   D<id>    document id, on every unit
 *   R<id>    unique term of the document's record
 *   F<hex>   source file (hash of its path relative to its root), on units and record
 *   XS<status> XL<level> XR<region> XA<authority> XN<number> XY<yyyy>
 *   XK<a|p|x|t|r> unit kind (article, preamble, appendix, text, record)
 *   A<num>   article number of an article unit (A102, A10-1 for 第十条之一)
 *   XT<name> the unit cites a rule by this name (fg_rule_name of the
 *            《title》); which document that is, is resolved at query time (cite.h)
 *   XV<name> normalized title without 中华人民共和国 (all versions of a rule share it)
 *   XP<id>   record only: the document supersedes id (or title), from meta supersedes (versions.c)
 *   XZ<id>   record only: the document was superseded by id (a status event, versions.c)
 * Values
 *   0 document id (collapse key)    1 published YYYYMMDD    2 effective YYYYMMDD
 *   3 expires YYYYMMDD              4 prior (sortable double) 5 unit index (sortable)
 *   6 level   7 status   8 region   9 year   10 authority
 *   11 article key: rule name#label (articles), the Q term otherwise
 *   20 record only: "<title>\t<supersedes>" (the citation title map, cite.c)
 *   30 first day no longer in force YYYYMMDD, only on documents out of force (versions.c, asof)
 * Data
 *   unit: JSON {"id","title","number","authority","level","status","region",
 *   "published","effective","expires","article","index","kind","heading","text"}
 *   record: JSON {"meta":{...},"path","format","encoding","events":[...],"units":[labels],"body"}
 * Shard metadata
 *   "f:<relpath>" -> "<content hash hex> <doc id> <units>"
 */
#ifndef FG_INDEX_H
#define FG_INDEX_H

#include "base.h"
#include "doc.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	FG_SLOT_ID = 0,
	FG_SLOT_PUBLISHED = 1,
	FG_SLOT_EFFECTIVE = 2,
	FG_SLOT_EXPIRES = 3,
	FG_SLOT_PRIOR = 4,
	FG_SLOT_INDEX = 5,
	FG_SLOT_LEVEL = 6,
	FG_SLOT_STATUS = 7,
	FG_SLOT_REGION = 8,
	FG_SLOT_YEAR = 9,
	FG_SLOT_AUTHORITY = 10,
	FG_SLOT_ARTKEY = 11,  /* rule name + "#" + label: the same article across versions (the Q term otherwise) */
	FG_SLOT_CITE = 20 /* citations: record title and supersedes (cite.c) */
};

/* Static prior of a unit from its document's status and level (added to BM25, scaled at query time). */
double fg_index_prior(const fg_meta *m);

/*
 * Build the Xapian documents for one parsed document: units (*units,
 * *nunits, each freed with fg_xdoc_free, array with free) and the record
 * (*record). relpath is the file path relative to its root; hash the
 * content hash as hex. The meta must have id set, at most FG_ID_MAX bytes
 * (terms.h; a longer id would give terms Xapian refuses, so they are left out).
 */
typedef struct fg_keywords fg_keywords;

void fg_index_build(const fg_doc *d, const fg_keywords *kw, const char *relpath, const char *hash,
		    fg_xdoc ***units, size_t *nunits, fg_xdoc **record);

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
