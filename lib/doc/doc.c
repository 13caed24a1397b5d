/*
 * doc.c - turning one source file into a document: front matter, then
 * Markdown (through cmark's AST) or plain text flattened into a list of
 * blocks (headings and one-line paragraphs with markup removed), then one
 * segmenter over those blocks: title, dated history lines (events), the
 * heading stack, and units - articles (第X条 ... up to the next article or
 * heading), preamble, appendix, or sections of documents without articles.
 */
#include "doc.h"
#include "text.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Bytes of a whitespace character at s (ASCII blanks, U+3000, U+00A0, U+FEFF), or 0. */
static size_t ws_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '\f' || s[0] == '\v'))
		return 1;
	if (len >= 3 && (!memcmp(s, "\xe3\x80\x80", 3) || !memcmp(s, "\xef\xbb\xbf", 3)))
		return 3;
	/* zero-width space, non-joiner, joiner, word joiner */
	if (len >= 3 && (!memcmp(s, "\xe2\x80\x8b", 3) || !memcmp(s, "\xe2\x80\x8c", 3) ||
			 !memcmp(s, "\xe2\x80\x8d", 3) || !memcmp(s, "\xe2\x81\xa0", 3)))
		return 3;
	if (len >= 2 && !memcmp(s, "\xc2\xa0", 2))
		return 2;
	return 0;
}

/* Trim whitespace on both ends of s[0..*len); returns the new start. */
static const char *trim(const char *s, size_t *len)
{
	size_t n;
	while (*len && (n = ws_at(s, *len))) {
		s += n;
		*len -= n;
	}
	for (;;) {
		if (*len && ws_at(s + *len - 1, 1))
			(*len)--;
		else if (*len >= 3 && ws_at(s + *len - 3, 3) == 3)
			*len -= 3;
		else if (*len >= 2 && !memcmp(s + *len - 2, "\xc2\xa0", 2))
			*len -= 2;
		else
			break;
	}
	return s;
}

static int has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && !memcmp(s, p, n);
}

static int contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n > len)
		return 0;
	return memmem(s, len, needle, n) != NULL;
}

/* Copy of s without any whitespace. */
static char *squeeze(const char *s, size_t len)
{
	fg_buf b = {0};
	size_t pos = 0, n;
	fg_buf_put(&b, "", 0);
	while (pos < len) {
		if ((n = ws_at(s + pos, len - pos))) {
			pos += n;
			continue;
		}
		fg_buf_putc(&b, s[pos++]);
	}
	return fg_buf_detach(&b);
}

static size_t cp_count(const char *s, size_t len)
{
	return fg_utf8_count(s, len);
}

/* ---- blocks ---- */

/* Flatten a Markdown pipe-table row into cells separated by spaces; 0 for a separator row. */
static int table_row(const char *s, size_t len, fg_buf *out)
{
	int sep = 1;
	for (size_t i = 0; i < len; i++)
		if (!strchr("|-: \t", s[i]))
			sep = 0;
	if (sep)
		return 0;
	int space = 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '|' || s[i] == ' ' || s[i] == '\t') {
			if (!space)
				fg_buf_putc(out, ' ');
			space = 1;
		} else {
			fg_buf_putc(out, s[i]);
			space = 0;
		}
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	return 1;
}

static void add_block(blocks *bs, int kind, int rank, int md1, const char *s, size_t len)
{
	s = trim(s, &len);
	if (kind != B_INFO_END && len == 0)
		return;
	fg_buf tmp = {0};
	int table = 0;
	if (kind == B_PARA && len >= 2 && s[0] == '|' && s[len - 1] == '|') {
		table = 1;
		if (!table_row(s, len, &tmp))
			return;
		s = tmp.data ? tmp.data : "";
		len = tmp.len;
		if (len == 0) {
			fg_buf_free(&tmp);
			return;
		}
	}
	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? bs->cap * 2 : 64;
		bs->v = fg_xrealloc(bs->v, bs->cap * sizeof *bs->v);
	}
	block *b = &bs->v[bs->n++];
	b->kind = kind;
	b->rank = rank;
	b->md1 = md1;
	b->table = table;
	b->text = fg_xstrndup(s, len);
	b->len = len;
	fg_buf_free(&tmp);
}

/* Add each line of s as a paragraph block. */
static void add_lines(blocks *bs, const char *s, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		size_t e = pos;
		while (e < len && s[e] != '\n' && s[e] != '\r')
			e++;
		add_block(bs, B_PARA, 0, 0, s + pos, e - pos);
		pos = e;
		if (pos < len && s[pos] == '\r')
			pos++;
		if (pos < len && s[pos] == '\n')
			pos++;
	}
}

static void blocks_free(blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++)
		free(bs->v[i].text);
	free(bs->v);
}

/* Remove HTML tags and comments from s (HTML blocks keep their text). */
static void strip_tags(const char *s, size_t len, fg_buf *out)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == '<') {
			const char *e = memchr(s + i, '>', len - i);
			if (e) {
				/* block-level tags end a line */
				fg_buf_putc(out, '\n');
				i = (size_t)(e - s) + 1;
				continue;
			}
		}
		fg_buf_putc(out, s[i++]);
	}
}

/*
 * Walk cmark's AST with its iterator (no recursion, so deeply nested input
 * cannot exhaust the stack), collecting the plain text of paragraphs,
 * headings, code and HTML blocks. Soft and hard breaks become line breaks,
 * so articles written on consecutive lines still split.
 */
static void markdown_blocks(const char *s, size_t len, blocks *bs)
{
	cmark_node *root = cmark_parse_document(s, len, CMARK_OPT_DEFAULT);
	if (!root)
		return;
	cmark_iter *it = cmark_iter_new(root);
	fg_buf cur = {0};
	int collecting = 0, heading = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_ENTER) {
				fg_buf_reset(&cur);
				collecting = 1;
				heading = t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
				/* an ordered list item keeps its number ("1. ") */
				cmark_node *item = cmark_node_parent(n);
				if (!heading && item && cmark_node_get_type(item) == CMARK_NODE_ITEM &&
				    cmark_node_first_child(item) == n) {
					cmark_node *list = cmark_node_parent(item);
					if (list && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
						int k = cmark_node_get_list_start(list);
						for (cmark_node *p = cmark_node_previous(item); p; p = cmark_node_previous(p))
							k++;
						fg_buf_printf(&cur, "%d%s", k,
							      cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ") " : ". ");
					}
				}
			} else {
				if (heading) {
					for (size_t i = 0; i < cur.len; i++)
						if (cur.data[i] == '\n')
							cur.data[i] = ' ';
					add_block(bs, B_HEAD, heading, heading == 1, cur.data ? cur.data : "", cur.len);
				} else {
					add_lines(bs, cur.data ? cur.data : "", cur.len);
				}
				collecting = 0;
				heading = 0;
			}
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (collecting) {
				const char *lit = cmark_node_get_literal(n);
				if (lit)
					fg_buf_puts(&cur, lit);
			}
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (collecting)
				fg_buf_putc(&cur, '\n');
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				add_lines(bs, lit, strlen(lit));
			break;
		}
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			if (!lit)
				break;
			size_t l = strlen(lit);
			if (contains(lit, l, "INFO END")) {
				add_block(bs, B_INFO_END, 0, 0, "", 0);
			} else if (!has_prefix(lit, l, "<!--")) {
				fg_buf tmp = {0};
				strip_tags(lit, l, &tmp);
				if (tmp.len)
					add_lines(bs, tmp.data, tmp.len);
				fg_buf_free(&tmp);
			}
			break;
		}
		default:
			break;
		}
	}
	fg_buf_free(&cur);
	cmark_iter_free(it);
	cmark_node_free(root);
}

static void text_blocks(const char *s, size_t len, blocks *bs)
{
	add_lines(bs, s, len);
}

/* ---- classification ---- */

/*
 * 1 when a paragraph starting with an article label really starts an
 * article: "第十条 ..." or "第十条：", not "第十条规定的..." (a reference).
 */
static int article_start(const char *s, size_t len, long *num, long *sub, size_t *used)
{
	if (!fg_article_label(s, len, num, sub, used))
		return 0;
	size_t u = *used;
	if (u == len || ws_at(s + u, len - u))
		return 1;
	static const char *const reject[] = {"的", "规定", "所", "中", "和", "至", "或", "及", "第", "款", "项",
					     "之", "、", "，", "。", "）", ")", "与", "以", "在", "有关"};
	for (size_t i = 0; i < sizeof reject / sizeof reject[0]; i++)
		if (has_prefix(s + u, len - u, reject[i]))
			return 0;
	return 1;
}

/* Rank of a structural heading line (第X编 1, 分编 2, 章 3, 节 4), 0 when it is not one. */
static int structural_rank(const char *s, size_t len)
{
	if (!has_prefix(s, len, "第"))
		return 0;
	size_t pos = 3, n;
	while (pos < len && (n = ws_at(s + pos, len - pos)))
		pos += n;
	if (fg_cn_number(s + pos, len - pos, &n) < 0)
		return 0;
	pos += n;
	while (pos < len && (n = ws_at(s + pos, len - pos)))
		pos += n;
	int rank;
	if (has_prefix(s + pos, len - pos, "分编")) {
		rank = 2;
		pos += 6;
	} else if (has_prefix(s + pos, len - pos, "编") || has_prefix(s + pos, len - pos, "編")) {
		rank = 1;
		pos += 3;
	} else if (has_prefix(s + pos, len - pos, "章")) {
		rank = 3;
		pos += 3;
	} else if (has_prefix(s + pos, len - pos, "节") || has_prefix(s + pos, len - pos, "節")) {
		rank = 4;
		pos += 3;
	} else {
		return 0;
	}
	/* a title follows after a space, or nothing; no sentence */
	if (pos < len && !ws_at(s + pos, len - pos))
		return 0;
	if (cp_count(s, len) > 40 || contains(s, len, "。") || contains(s, len, "，"))
		return 0;
	return rank;
}

static int is_appendix_heading(const char *s, size_t len)
{
	return has_prefix(s, len, "附件") || has_prefix(s, len, "附录") || has_prefix(s, len, "附表") ||
	       has_prefix(s, len, "附：") || has_prefix(s, len, "附:");
}

/* Short lines that are headings in plain text: 目录, 序言, 附件 ... */
static int special_heading(const char *s, size_t len)
{
	if (cp_count(s, len) > 30 || contains(s, len, "。") || contains(s, len, "，"))
		return 0;
	char *q = squeeze(s, len);
	int r = !strcmp(q, "目录") || !strcmp(q, "序言") || !strcmp(q, "前言") || !strcmp(q, "附则") ||
		!strcmp(q, "总则") || !strcmp(q, "分则") ||
		(is_appendix_heading(q, strlen(q)) && cp_count(q, strlen(q)) <= 30);
	free(q);
	return r;
}

static int is_toc_heading(const char *s, size_t len)
{
	char *q = squeeze(s, len);
	int r = !strcmp(q, "目录");
	free(q);
	return r;
}

/* An item (项) paragraph: （一） or (一). */
static int is_item(const char *s, size_t len)
{
	size_t pos, n;
	if (has_prefix(s, len, "（"))
		pos = 3;
	else if (has_prefix(s, len, "("))
		pos = 1;
	else
		return 0;
	if (fg_cn_number(s + pos, len - pos, &n) < 0)
		return 0;
	pos += n;
	return has_prefix(s + pos, len - pos, "）") || has_prefix(s + pos, len - pos, ")");
}

/* A top-level section of a document without articles: 一、 (Chinese numeral, then 、). */
static long section_number(const char *s, size_t len)
{
	size_t n;
	uint32_t cp;
	if (!len)
		return -1;
	fg_utf8_decode(s, len, &cp);
	if (cp < 0x80 || (cp >= 0xFF10 && cp <= 0xFF19))
		return -1; /* 1、 is a lower level than 一、 */
	long v = fg_cn_number(s, len, &n);
	if (v <= 0 || !has_prefix(s + n, len - n, "、"))
		return -1;
	return v;
}

/*
 * Date at the start of an event line: "1997年3月14日 ...", "2021-03-01 施行",
 * also wrapped in （）. Returns 1 and the event text's offset.
 */
static int event_line(const char *s, size_t len, char date[11], size_t *text_off, size_t *text_len)
{
	size_t start = 0, end = len;
	if (has_prefix(s, len, "（")) {
		start = 3;
		if (len >= 6 && !memcmp(s + len - 3, "）", 3))
			end = len - 3;
	} else if (has_prefix(s, len, "(")) {
		start = 1;
		if (s[len - 1] == ')')
			end = len - 1;
	}
	const char *p = s + start;
	size_t l = end - start;
	/* 年月日 form: up to the first 日 within the first 40 bytes */
	size_t lim = l < 48 ? l : 48;
	for (size_t i = 0; i + 3 <= lim; i++) {
		if (!memcmp(p + i, "日", 3)) {
			if (fg_date_parse(p, i + 3, date)) {
				size_t off = start + i + 3, tl = end - off;
				const char *t = trim(s + off, &tl);
				*text_off = (size_t)(t - s);
				*text_len = tl;
				return 1;
			}
			break;
		}
	}
	/* numeric form up to whitespace */
	size_t i = 0;
	while (i < l && i < 12 && !ws_at(p + i, l - i))
		i++;
	if (i >= 8 && fg_date_parse(p, i, date)) {
		size_t off = start + i, tl = end - off;
		const char *t = trim(s + off, &tl);
		*text_off = (size_t)(t - s);
		*text_len = tl;
		return 1;
	}
	return 0;
}

/* A document number line under the title: 示府发〔2021〕3号 (also with [] brackets). */
static int doc_number(const char *s, size_t len)
{
	if (cp_count(s, len) > 30 || contains(s, len, "。") || contains(s, len, "，") || contains(s, len, " "))
		return 0;
	int brackets = (contains(s, len, "〔") && contains(s, len, "〕")) || (contains(s, len, "[") && contains(s, len, "]")) ||
		       (contains(s, len, "［") && contains(s, len, "］"));
	int ends = (len >= 3 && (!memcmp(s + len - 3, "号", 3) || !memcmp(s + len - 3, "號", 3)));
	return brackets && ends;
}

/* ---- units ---- */

typedef struct seg {
	fg_doc *d;
	size_t cap;
	/* current unit */
	int open;
	fg_article cur;
	fg_buf text;
	/* heading stack */
	struct {
		int rank;
		char *text;
		int appendix;
	} *stack;
	size_t depth, stack_cap;
	size_t narticles;
	long prev_num;
	struct {
		long num, sub;
	} *seen;
	size_t nseen, seen_cap;
} seg;

static char *heading_join(const seg *g)
{
	fg_buf b = {0};
	fg_buf_put(&b, "", 0);
	for (size_t i = 0; i < g->depth; i++) {
		if (i)
			fg_buf_puts(&b, " / ");
		fg_buf_puts(&b, g->stack[i].text);
	}
	return fg_buf_detach(&b);
}

static int in_appendix(const seg *g)
{
	for (size_t i = 0; i < g->depth; i++)
		if (g->stack[i].appendix)
			return 1;
	return 0;
}

static void flush(seg *g)
{
	if (!g->open)
		return;
	g->open = 0;
	if (g->text.len == 0 && g->cur.kind != FG_UNIT_ARTICLE) {
		free(g->cur.label);
		free(g->cur.heading);
		return;
	}
	fg_doc *d = g->d;
	if (d->nunits == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		d->units = fg_xrealloc(d->units, g->cap * sizeof *d->units);
	}
	g->cur.len = g->text.len;
	g->cur.text = fg_buf_detach(&g->text);
	d->units[d->nunits++] = g->cur;
	memset(&g->cur, 0, sizeof g->cur);
}

static void open_unit(seg *g, int kind, const char *label, long num, long sub, char *heading)
{
	flush(g);
	g->open = 1;
	memset(&g->cur, 0, sizeof g->cur);
	g->cur.kind = kind;
	g->cur.label = fg_xstrdup(label);
	g->cur.num = num;
	g->cur.sub = sub;
	g->cur.heading = heading ? heading : heading_join(g);
	fg_buf_reset(&g->text);
}

static void add_para(seg *g, const char *s, size_t len)
{
	if (g->text.len)
		fg_buf_putc(&g->text, '\n');
	fg_buf_put(&g->text, s, len);
	g->cur.nparas++;
	if (is_item(s, len))
		g->cur.nitems++;
}

static void push_heading(seg *g, int rank, const char *s, size_t len)
{
	while (g->depth && g->stack[g->depth - 1].rank >= rank) {
		g->depth--;
		free(g->stack[g->depth].text);
	}
	if (g->depth == g->stack_cap) {
		g->stack_cap = g->stack_cap ? g->stack_cap * 2 : 8;
		g->stack = fg_xrealloc(g->stack, g->stack_cap * sizeof *g->stack);
	}
	g->stack[g->depth].rank = rank;
	g->stack[g->depth].text = fg_xstrndup(s, len);
	g->stack[g->depth].appendix = is_appendix_heading(s, len);
	g->depth++;
}

static void clear_stack(seg *g)
{
	while (g->depth) {
		g->depth--;
		free(g->stack[g->depth].text);
	}
}

static void note_article(seg *g, long num, long sub)
{
	fg_doc *d = g->d;
	if (g->narticles && sub == 0 && num > g->prev_num + 1)
		d->gaps++;
	if (sub == 0 || num != g->prev_num)
		g->prev_num = num;
	if (g->nseen == g->seen_cap) {
		g->seen_cap = g->seen_cap ? g->seen_cap * 2 : 64;
		g->seen = fg_xrealloc(g->seen, g->seen_cap * sizeof *g->seen);
	}
	g->seen[g->nseen].num = num;
	g->seen[g->nseen].sub = sub;
	g->nseen++;
	g->narticles++;
}

static int cmp_seen(const void *a, const void *b)
{
	const long *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return 0;
}

static void count_dups(seg *g)
{
	if (g->nseen < 2)
		return;
	qsort(g->seen, g->nseen, sizeof *g->seen, cmp_seen);
	for (size_t i = 1; i < g->nseen; i++)
		if (g->seen[i].num == g->seen[i - 1].num && g->seen[i].sub == g->seen[i - 1].sub)
			g->d->dup_labels++;
}

/* Heading rank of a block: Markdown headings keep their level; detected ones are ranked by kind. */
static int block_heading(const block *b, int toc)
{
	if (b->kind == B_HEAD)
		return b->rank;
	if (toc || b->table)
		return 0;
	int r = structural_rank(b->text, b->len);
	if (r)
		return r;
	if (special_heading(b->text, b->len))
		return 1;
	return 0;
}

/* Articles, preamble and appendix over blocks[from..n). */
static void segment_articles(seg *g, const blocks *bs, size_t from)
{
	int toc = 0;
	char *toc_first = NULL;
	for (size_t i = from; i < bs->n; i++) {
		const block *b = &bs->v[i];
		if (b->kind == B_INFO_END || b->kind == B_SKIP)
			continue;
		long num, sub;
		size_t used;
		if (toc && b->kind == B_PARA) {
			/* a table of contents lists headings; it ends where the first entry repeats or at an article */
			int entry = structural_rank(b->text, b->len) || special_heading(b->text, b->len);
			if (entry && toc_first && !strcmp(toc_first, b->text))
				toc = 0;
			else if (entry || !article_start(b->text, b->len, &num, &sub, &used)) {
				if (entry && !toc_first)
					toc_first = fg_xstrdup(b->text);
				if (!g->open)
					open_unit(g, FG_UNIT_PREAMBLE, "", 0, 0, NULL);
				add_para(g, b->text, b->len);
				continue;
			} else {
				toc = 0;
			}
		}
		int rank = block_heading(b, toc);
		if (rank) {
			flush(g);
			toc = 0;
			push_heading(g, rank, b->text, b->len);
			if (is_toc_heading(b->text, b->len)) {
				toc = 1;
				free(toc_first);
				toc_first = NULL;
			}
			continue;
		}
		if (!b->table && article_start(b->text, b->len, &num, &sub, &used)) {
			char *label = squeeze(b->text, used);
			open_unit(g, FG_UNIT_ARTICLE, label, num, sub, NULL);
			free(label);
			note_article(g, num, sub);
			add_para(g, b->text, b->len);
			continue;
		}
		if (!g->open)
			open_unit(g, g->narticles || in_appendix(g) ? FG_UNIT_APPENDIX : FG_UNIT_PREAMBLE, "", 0, 0, NULL);
		add_para(g, b->text, b->len);
	}
	flush(g);
	free(toc_first);
}

/* Sections of a document without articles: one TEXT unit per top-level heading or 一、 section. */
static void segment_text(seg *g, const blocks *bs, size_t from)
{
	int top = 0;
	for (size_t i = from; i < bs->n; i++) {
		int r = bs->v[i].kind >= B_INFO_END ? 0 : block_heading(&bs->v[i], 0);
		if (r && (!top || r < top))
			top = r;
	}
	long next_section = 1;
	clear_stack(g);
	for (size_t i = from; i < bs->n; i++) {
		const block *b = &bs->v[i];
		if (b->kind >= B_INFO_END)
			continue;
		int r = block_heading(b, 0);
		if (r) {
			if (r <= top) {
				flush(g);
				push_heading(g, r, b->text, b->len);
				open_unit(g, FG_UNIT_TEXT, "", 0, 0, NULL);
			} else {
				if (!g->open)
					open_unit(g, FG_UNIT_TEXT, "", 0, 0, NULL);
				add_para(g, b->text, b->len);
			}
			continue;
		}
		long sn = top ? -1 : section_number(b->text, b->len);
		if (sn > 0 && (sn == next_section || sn == 1)) {
			next_section = sn + 1;
			int title = cp_count(b->text, b->len) <= 40 && !contains(b->text, b->len, "。");
			open_unit(g, FG_UNIT_TEXT, "", 0, 0, title ? fg_xstrndup(b->text, b->len) : fg_xstrdup(""));
			add_para(g, b->text, b->len);
			continue;
		}
		if (!g->open)
			open_unit(g, FG_UNIT_TEXT, "", 0, 0, NULL);
		add_para(g, b->text, b->len);
	}
	flush(g);
}

/* ---- the document ---- */

static void add_event(fg_doc *d, size_t *cap, const char *date, const char *s, size_t len)
{
	if (d->nevents == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		d->events = fg_xrealloc(d->events, *cap * sizeof *d->events);
	}
	fg_event *e = &d->events[d->nevents++];
	memcpy(e->date, date, 11);
	e->text = fg_xstrndup(s, len);
}

/* "自YYYY年M月D日起施行" anywhere in the units' text. */
static int find_effective(const fg_doc *d, char out[11])
{
	for (size_t u = 0; u < d->nunits; u++) {
		const char *t = d->units[u].text;
		size_t len = d->units[u].len;
		const char *p = t;
		while ((p = memmem(p, len - (size_t)(p - t), "起施行", 9)) != NULL) {
			/* look back for 自 within 40 bytes */
			size_t back = (size_t)(p - t) < 40 ? (size_t)(p - t) : 40;
			for (size_t k = 3; k <= back; k++) {
				if (!memcmp(p - k, "自", 3)) {
					if (fg_date_parse(p - k + 3, k - 3, out))
						return 1;
					break;
				}
			}
			p += 9;
		}
	}
	return 0;
}

static void meta_from_events(fg_doc *d)
{
	fg_meta *m = &d->meta;
	if (!m->published && d->nevents) {
		const fg_event *best = NULL;
		for (size_t i = 0; i < d->nevents; i++) {
			const char *t = d->events[i].text;
			if (strstr(t, "通过") || strstr(t, "公布") || strstr(t, "发布") || strstr(t, "印发") ||
			    strstr(t, "通過") || strstr(t, "公佈") || strstr(t, "發布") || strstr(t, "發佈") ||
			    strstr(t, "印發"))
				if (!best || strcmp(d->events[i].date, best->date) < 0)
					best = &d->events[i];
		}
		if (!best)
			best = &d->events[0];
		m->published = fg_xstrdup(best->date);
	}
	if (!m->effective) {
		const fg_event *best = NULL;
		for (size_t i = 0; i < d->nevents; i++)
			if (strstr(d->events[i].text, "施行") && (!best || strcmp(d->events[i].date, best->date) > 0))
				best = &d->events[i];
		char date[11];
		if (best)
			m->effective = fg_xstrdup(best->date);
		else if (find_effective(d, date))
			m->effective = fg_xstrdup(date);
	}
}

static int pick_format(const char *name, int format)
{
	if (format == FG_FMT_MARKDOWN || format == FG_FMT_TEXT)
		return format;
	if (name) {
		const char *dot = strrchr(name, '.');
		if (dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") || !strcmp(dot, ".MD")))
			return FG_FMT_MARKDOWN;
	}
	return FG_FMT_TEXT;
}

fg_status fg_doc_parse(const char *name, const char *bytes, size_t len, int format, fg_doc **out, fg_err *err)
{
	*out = NULL;
	if (!name)
		name = "(input)";
	char *text = NULL;
	size_t tlen = 0, nbad = 0, first_bad = 0;
	const char *used = NULL;
	fg_err e = {0};
	if (fg_convert_to_utf8(bytes, len, NULL, &text, &tlen, &used, &nbad, &first_bad, &e) != FG_OK)
		return fg_err_set(err, e.code, "%s: %s", name, e.msg);

	fg_doc *d = fg_xcalloc(1, sizeof *d);
	d->encoding = used;
	d->nbad = nbad;
	d->first_bad = first_bad;
	d->format = pick_format(name, format);
	size_t body_off = 0;
	if (fg_frontmatter_parse(text, tlen, &d->meta, &body_off, &e) != FG_OK) {
		fg_err_set(err, e.code, "%s: %s", name, e.msg);
		free(text);
		fg_doc_free(d);
		return e.code;
	}
	d->bodylen = tlen - body_off;
	d->body = fg_xstrndup(text + body_off, d->bodylen);
	free(text);

	blocks bs = {0};
	if (d->format == FG_FMT_MARKDOWN)
		markdown_blocks(d->body, d->bodylen, &bs);
	else
		text_blocks(d->body, d->bodylen, &bs);

	/* title */
	size_t i = 0;
	char *title = NULL;
	if (d->format == FG_FMT_MARKDOWN) {
		for (size_t k = 0; k < bs.n && k < 8; k++) {
			long num, sub;
			size_t u;
			if (bs.v[k].kind == B_HEAD && bs.v[k].md1) {
				title = fg_xstrdup(bs.v[k].text);
				bs.v[k].kind = B_SKIP;
				if (k == 0)
					i = 1;
				break;
			}
			if (bs.v[k].kind == B_INFO_END || (bs.v[k].kind == B_PARA &&
							   article_start(bs.v[k].text, bs.v[k].len, &num, &sub, &u)))
				break;
		}
	} else if (bs.n) {
		long num, sub;
		size_t u;
		if (!article_start(bs.v[0].text, bs.v[0].len, &num, &sub, &u) && !structural_rank(bs.v[0].text, bs.v[0].len)) {
			title = fg_xstrdup(bs.v[0].text);
			bs.v[0].kind = B_SKIP;
			i = 1;
		}
	}
	if (title && !d->meta.title)
		d->meta.title = fg_xstrdup(title);

	/* events: dated lines up to <!-- INFO END -->, or the run of them after the title */
	size_t info_end = bs.n;
	for (size_t k = 0; k < bs.n; k++)
		if (bs.v[k].kind == B_INFO_END) {
			info_end = k;
			break;
		}
	size_t ecap = 0;
	if (info_end < bs.n) {
		/*
		 * Everything above <!-- INFO END --> is the title block: lines
		 * before the first event repeat the title (wrapped), lines after
		 * an event continue it.
		 */
		for (size_t k = 0; k < info_end; k++) {
			block *b = &bs.v[k];
			char date[11];
			size_t off, tl;
			if (b->kind != B_PARA)
				continue;
			if (event_line(b->text, b->len, date, &off, &tl)) {
				add_event(d, &ecap, date, b->text + off, tl);
			} else if (d->nevents) {
				fg_event *ev = &d->events[d->nevents - 1];
				size_t el = strlen(ev->text);
				ev->text = fg_xrealloc(ev->text, el + b->len + 1);
				memcpy(ev->text + el, b->text, b->len + 1);
			}
			b->kind = B_SKIP;
		}
	} else {
		for (size_t k = i; k < bs.n; k++) {
			block *b = &bs.v[k];
			char date[11];
			size_t off, tl;
			if (b->kind == B_SKIP)
				continue;
			if (b->kind == B_PARA && doc_number(b->text, b->len)) {
				if (!d->meta.number)
					d->meta.number = fg_xstrndup(b->text, b->len);
				b->kind = B_SKIP;
				continue;
			}
			if (b->kind != B_PARA || !event_line(b->text, b->len, date, &off, &tl))
				break;
			add_event(d, &ecap, date, b->text + off, tl);
			b->kind = B_SKIP;
		}
	}

	seg g = {0};
	g.d = d;
	segment_articles(&g, &bs, 0);
	if (g.narticles == 0) {
		for (size_t u = 0; u < d->nunits; u++) {
			free(d->units[u].label);
			free(d->units[u].heading);
			free(d->units[u].text);
		}
		d->nunits = 0;
		segment_text(&g, &bs, 0);
	}
	count_dups(&g);
	clear_stack(&g);
	free(g.stack);
	free(g.seen);
	fg_buf_free(&g.text);
	blocks_free(&bs);

	if (d->nunits == 0 && title) {
		/* a title with no body (only history lines): the title is the text */
		d->units = fg_xcalloc(1, sizeof *d->units);
		d->units[0].kind = FG_UNIT_TEXT;
		d->units[0].label = fg_xstrdup("");
		d->units[0].heading = fg_xstrdup("");
		d->units[0].text = fg_xstrdup(title);
		d->units[0].len = strlen(title);
		d->units[0].nparas = 1;
		d->nunits = 1;
	}
	free(title);
	if (d->nunits == 0) {
		fg_doc_free(d);
		return fg_err_set(err, FG_E_INVAL, "%s: no text", name);
	}
	meta_from_events(d);
	*out = d;
	return FG_OK;
}

void fg_doc_free(fg_doc *d)
{
	if (!d)
		return;
	fg_meta_fin(&d->meta);
	for (size_t i = 0; i < d->nunits; i++) {
		free(d->units[i].label);
		free(d->units[i].heading);
		free(d->units[i].text);
	}
	free(d->units);
	for (size_t i = 0; i < d->nevents; i++)
		free(d->events[i].text);
	free(d->events);
	free(d->body);
	free(d);
}

char *fg_doc_make_id(const fg_meta *m)
{
	if (m->id && *m->id)
		return fg_xstrdup(m->id);
	const char *t = m->title ? m->title : "";
	char *norm = NULL;
	size_t nlen = 0;
	fg_normalize(t, strlen(t), &norm, &nlen, NULL, NULL);
	/* whitespace is not significant in a title */
	char *q = squeeze(norm ? norm : "", norm ? nlen : 0);
	free(norm);
	fg_buf b = {0};
	fg_buf_puts(&b, q);
	fg_buf_putc(&b, '\x1f');
	if (m->published)
		fg_buf_puts(&b, m->published);
	uint64_t h = fg_hash64(b.data, b.len);
	fg_buf_free(&b);
	free(q);
	char *id = fg_xmalloc(13);
	snprintf(id, 13, "%012llx", (unsigned long long)(h & 0xFFFFFFFFFFFFull));
	return id;
}
