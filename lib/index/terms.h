/*
 * terms.h - the index term scheme, written once: every prefix and every
 * builder of a term the indexer writes and the searcher, the work tools and
 * the reports look up. Nothing else spells a term format out.
 *
 * Terms
 *   (none)   body tokens, positional: Han bigrams, lone-Han unigrams,
 *            lowercase ASCII words (positions from fg_tokenize)
 *   U<c>     the last Han character of each body run of 2+ characters, no
 *            positions; a 1-char query is OR(U<c>, <c>, <c>* bigrams)
 *   S        title tokens, positional, own position space (units only)
 *   H        heading tokens (the unit's 编/章/节 path), positional, own position space
 *   K        tokens of the article's everyday words (keywords.c), no positions, wdf 0
 *   N, B     文号 and authority tokens, without positions (units only)
 *   Q<id>#<n> unique unit term (n = unit index)
 *   D<id>    document id, on every unit and the record
 *   R<id>    unique term of the document's record
 *   F<hex>   source file (16 hex digits of fg_hash64 of its path relative to its root)
 *   XS<status> XL<level> XR<region> XA<authority> XN<number> XY<yyyy>   filters
 *   XK<a|p|x|t|r> unit kind (article, preamble, appendix, text, record)
 *   A<num>   article number of an article unit (A102, A10-1 for 第十条之一)
 *   XI<key>  item label of an item unit (a TEXT unit of a document without
 *            articles) and of each of its ancestors: XI二, XI二（二）, XI二（二）12
 *   XJ<key>  the last component of an item label (XJ12, XJ（二）, XJ三): 第十二项
 *   XT<name> the unit cites a rule by this name (fg_rule_name of the 《title》);
 *            which document that is, is resolved at query time (titles.h)
 *   XV<name> rule name (fg_rule_name of the catalogue name, else the title):
 *            all versions of a rule share it
 *   XW<name> the rule name of the title: the parts of a code filed separately
 *            (民法典 合同编, 民法典 物权编 …) share it with each other
 *   XP<id>   record only: the document supersedes id (or title), from meta supersedes
 *   XZ<id>   record only: the document was superseded by id (a status event)
 *
 * Terms are built into an fg_buf, so an id of any length gives the same term
 * at indexing and at look-up (Xapian refuses terms over 245 bytes: ids are
 * limited to FG_ID_MAX bytes where they enter, in the indexer).
 */
#ifndef FG_TERMS_H
#define FG_TERMS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Value slots (sortable strings unless noted). */
enum {
	FG_SLOT_ID = 0,
	FG_SLOT_PUBLISHED = 1,
	FG_SLOT_EFFECTIVE = 2,
	FG_SLOT_EXPIRES = 3,
	/* 4 was a stored prior, never read: the prior is computed at query time from level and status */
	FG_SLOT_INDEX = 5,
	FG_SLOT_LEVEL = 6,
	FG_SLOT_STATUS = 7,
	FG_SLOT_REGION = 8,
	FG_SLOT_YEAR = 9,
	FG_SLOT_AUTHORITY = 10,
	FG_SLOT_ARTKEY = 11,  /* rule name + "#" + label: the same article across versions (the Q term otherwise) */
	FG_SLOT_CITE = 20,    /* record only: "<title>\t<supersedes>" (the title map, search/titles.c) */
	FG_SLOT_META = 21,    /* record only: the document's meta JSON (record.h), which its units join */
	/* units' data: FG_XDATA_SLOT (store/xap.h), through fg_xdoc_set_data_value / fg_xdoc_get_data */
	FG_SLOT_VALID_TO = 30 /* first day no longer in force, YYYYMMDD, only on documents out of force (validity.c) */
};

/*
 * The version of this scheme, recorded in every shard as fagui:format: an
 * index written under another one is rebuilt in full by the next run.
 *   1  sessions 1-4
 *   2  rule names drop 中华人民共和国 inside 《》 too (XV, XT); XW (the title's
 *      rule name, shared by the parts of a code); no prior value
 *   3  documents without articles split into their numbered items (XI, XJ;
 *      the article key of an item is rule name + "#" + label)
 *   4  the document's metadata stored once, in its record's FG_SLOT_META
 *      value, instead of in every unit's data (which names it by its key);
 *      unit data as a value, not Xapian document data (not deflated)
 */
#define FG_INDEX_FORMAT "4"

/* Longest document id accepted (bytes): every term holding it stays under Xapian's limit. */
#define FG_ID_MAX 160

#define FG_PFX_CHAR "U"
#define FG_PFX_TITLE "S"
#define FG_PFX_HEADING "H"
#define FG_PFX_KEYWORD "K"
#define FG_PFX_NUMBER_TOK "N"
#define FG_PFX_AUTHORITY_TOK "B"
#define FG_PFX_STATUS "XS"
#define FG_PFX_LEVEL "XL"
#define FG_PFX_REGION "XR"
#define FG_PFX_AUTHORITY "XA"
#define FG_PFX_NUMBER "XN"
#define FG_PFX_YEAR "XY"
#define FG_PFX_RULE "XV"
#define FG_PFX_WORK "XW"
#define FG_PFX_CITES "XT"
#define FG_PFX_SUPERSEDES "XP"
#define FG_PFX_SUPERSEDED_BY "XZ"
#define FG_PFX_ITEM "XI"
#define FG_PFX_ITEM_LAST "XJ"

/* Kind terms (3 bytes each). */
#define FG_TERM_ARTICLES "XKa"
#define FG_TERM_PREAMBLES "XKp"
#define FG_TERM_APPENDICES "XKx"
#define FG_TERM_TEXTS "XKt"
#define FG_TERM_RECORDS "XKr"

/*
 * Builders: each resets t, writes the term into it and returns t->data
 * (t->len is its length). id may be NULL (an empty id).
 */
const char *fg_term_record(fg_buf *t, const char *id);           /* R<id> */
const char *fg_term_doc(fg_buf *t, const char *id);              /* D<id> */
const char *fg_term_unit(fg_buf *t, const char *id, long index); /* Q<id>#<index> */
const char *fg_term_article(fg_buf *t, long num, long sub);      /* A<num> or A<num>-<sub> */
const char *fg_term_file(fg_buf *t, const char *relpath);        /* F<16 hex digits> */
/* prefix + value (the filters, XV, XT, XP, XZ and the tokens under S, H, K, N, B, U). */
const char *fg_term_field(fg_buf *t, const char *prefix, const char *value, size_t len);
/* The kind term of a unit kind (fg_unit_kind: article, preamble, appendix, text). */
const char *fg_term_kind(int unit_kind);

#ifdef __cplusplus
}
#endif
#endif
