/*
 * parse_int.h - internal to the document parser of lib/doc (doc.c,
 * block.c, parse_md.c, parse_text.c, units.c, history.c), not part of
 * fagui.h: the list of blocks (headings and one-line paragraphs with markup
 * removed) that both source formats are flattened into, the whitespace
 * helpers every step shares, and the steps fg_doc_parse runs over the
 * blocks. Calls go one way: doc.c -> history.c, textmeta.c, units.c,
 * parse_md.c -> parse_text.c -> block.c (history.c -> textmeta.c ->
 * units.c -> items.c -> block.c as well).
 */
#ifndef FG_PARSE_INT_H
#define FG_PARSE_INT_H

#include "doc.h"
#include "text.h"

#include <string.h>

enum { B_PARA, B_HEAD, B_INFO_END, B_SKIP };

typedef struct block {
	int kind;   /* B_PARA, B_HEAD, B_INFO_END, or B_SKIP once consumed (title, events) */
	int rank;   /* heading rank (Markdown level, or 1 编 .. 4 节 for detected ones) */
	int md1;    /* a Markdown level-1 heading (title candidate) */
	int table;  /* a flattened table row: never an article or heading */
	char *text; /* one line of plain text, trimmed, NUL-terminated */
	size_t len;
} block;

typedef struct blocks {
	block *v;
	size_t n, cap;
} blocks;

/* ---- small text helpers ---- */

static inline int has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && !memcmp(s, p, n);
}

static inline int contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n > len)
		return 0;
	return memmem(s, len, needle, n) != NULL;
}

static inline size_t cp_count(const char *s, size_t len)
{
	return fg_utf8_count(s, len);
}

/* ---- block.c ---- */

/* Bytes of a whitespace character at s (ASCII blanks, U+3000, U+00A0, U+FEFF, zero-width), or 0. */
size_t fg_parse_ws_at(const char *s, size_t len);
/* Trim whitespace on both ends of s[0..*len); returns the new start. */
const char *fg_parse_trim(const char *s, size_t *len);
/* Copy of s without any whitespace (caller frees). */
char *fg_parse_squeeze(const char *s, size_t len);
/*
 * Append a block of s, trimmed; an empty paragraph is dropped. A paragraph
 * written as a pipe-table row (|a|b|) becomes its cells separated by spaces,
 * marked table; a separator row (|--|--|) is dropped.
 */
void fg_parse_add_block(blocks *bs, int kind, int rank, int md1, const char *s, size_t len);
void fg_parse_blocks_free(blocks *bs);

/* ---- parse_text.c ---- */

/* Add each line of s (\n, \r\n or \r ends one) as a paragraph block. */
void fg_parse_add_lines(blocks *bs, const char *s, size_t len);
/* The blocks of a plain-text body: one paragraph per line. */
void fg_parse_text(const char *s, size_t len, blocks *bs);

/* ---- parse_md.c ---- */

/* The blocks of a Markdown body (through cmark's AST). */
void fg_parse_markdown(const char *s, size_t len, blocks *bs);

/* ---- items.c ---- */

/* A block as an item: its marker's style and number, and its depth in the outline (-1: no item). */
typedef struct fg_item_cand {
	int style; /* enum fg_item_style, FG_ITEM_NONE when the block has no marker */
	long num;
	int depth;
	int quote; /* the block's last quotation mark: 1 “, 2 ”, 0 none */
} fg_item_cand;

/*
 * The outline of blocks[from..end) into c[from..end): which markers are
 * items and at what depth. Styles nest in the order they appear; each level
 * counts 1, 2, 3 … (continuing under a new parent is allowed); a style that
 * never reaches 2 does not count; markers inside a quotation do not count;
 * barrier[i] (may be NULL) marks headings that close every level. Returns
 * the number of items.
 */
size_t fg_parse_item_plan(const blocks *bs, size_t from, size_t end, const unsigned char *barrier, fg_item_cand *c);

/* ---- units.c ---- */

/*
 * 1 when a paragraph starting with an article label really starts an
 * article: "第十条 ..." or "第十条：", not "第十条规定的..." (a reference);
 * *num, *sub and *used as fg_article_label gives them.
 */
int fg_parse_article_start(const char *s, size_t len, long *num, long *sub, size_t *used);
/* Whether a line opens an appendix: 附件, 附录, 附表, 附： */
int fg_parse_appendix_heading(const char *s, size_t len);
/* Rank of a structural heading line (第X编 1, 分编 2, 章 3, 节 4), 0 when it is not one. */
int fg_parse_structural_rank(const char *s, size_t len);
/*
 * The units of d from the blocks not yet consumed: articles (with preamble
 * and appendix); when there is no article, its numbered items (items.c: one
 * TEXT unit per item at the finest level that carries text, labelled with
 * its path, the preamble before them, the appendix and the signature block
 * from blocks[tail] after them); when there is neither, one TEXT unit per
 * top-level heading. Also counts d->gaps and d->dup_labels.
 */
void fg_parse_units(fg_doc *d, const blocks *bs, size_t tail);

/* ---- textmeta.c ---- */

/*
 * The signature block that closes the body: one to three lines naming the
 * issuing bodies (示例省人民政府), then a line that is a date, followed by
 * nothing but trailers (（此件公开发布）, 抄送…, …印发) up to the end or an
 * appendix heading. Returns the index of its first block and gives the
 * bodies joined with 、 (*authority, caller frees) and the date; bs->n,
 * NULL and "" when there is none.
 */
size_t fg_parse_signature(const blocks *bs, char **authority, char date[11]);
/*
 * Metadata from the text where the document has none (after the events):
 * authority and published from the signature (authority is taken over or
 * freed), effective = that date for 自印发之日起施行, expires from a 有效期
 * sentence (fg_meta_validity).
 */
void fg_parse_text_meta(fg_doc *d, char *authority, const char *date);

/* ---- history.c ---- */

/*
 * The dated history lines of the title block into d->events (and a
 * document number line into d->meta.number): every paragraph above
 * <!-- INFO END --> when there is one, else the run of dated lines from
 * blocks[from]. The blocks consumed become B_SKIP.
 */
void fg_parse_history(fg_doc *d, blocks *bs, size_t from);
/* Published and effective dates from the events (or 自...起施行 in the text) when the metadata has none. */
void fg_parse_meta_from_events(fg_doc *d);

#endif
