/*
 * units.c - the units of a document from its blocks, for both source
 * formats: what a line is (an article start 第X条 and not a reference to
 * one, a structural heading 第X编/分编/章/节, a special heading 目录/序言/附件,
 * an item （一）, a top-level section 一、), the heading stack, and one
 * segmenter that assembles articles (第X条 ... up to the next article or
 * heading), preamble and appendix, or, in documents without articles, one
 * TEXT unit per numbered item at the finest level that carries text (the
 * outline of items.c: labels 二（二）12, headings 二、… / （二）… / 12.…),
 * else one TEXT unit per top-level heading or section. A table of contents
 * is kept in the preamble instead of opening headings.
 */
#include "parse_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- classification ---- */

int fg_parse_article_start(const char *s, size_t len, long *num, long *sub, size_t *used)
{
	if (!fg_article_label(s, len, num, sub, used))
		return 0;
	size_t u = *used;
	if (u == len || fg_parse_ws_at(s + u, len - u))
		return 1;
	static const char *const reject[] = {"的", "规定", "所", "中", "和", "至", "或", "及", "第", "款", "项",
					     "之", "、", "，", "。", "）", ")", "与", "以", "在", "有关"};
	for (size_t i = 0; i < sizeof reject / sizeof reject[0]; i++)
		if (has_prefix(s + u, len - u, reject[i]))
			return 0;
	return 1;
}

int fg_parse_structural_rank(const char *s, size_t len)
{
	if (!has_prefix(s, len, "第"))
		return 0;
	size_t pos = 3, n;
	while (pos < len && (n = fg_parse_ws_at(s + pos, len - pos)))
		pos += n;
	if (fg_cn_number(s + pos, len - pos, &n) < 0)
		return 0;
	pos += n;
	while (pos < len && (n = fg_parse_ws_at(s + pos, len - pos)))
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
	if (pos < len && !fg_parse_ws_at(s + pos, len - pos))
		return 0;
	if (cp_count(s, len) > 40 || contains(s, len, "。") || contains(s, len, "，"))
		return 0;
	return rank;
}

int fg_parse_appendix_heading(const char *s, size_t len)
{
	return has_prefix(s, len, "附件") || has_prefix(s, len, "附录") || has_prefix(s, len, "附表") ||
	       has_prefix(s, len, "附：") || has_prefix(s, len, "附:");
}

/* Short lines that are headings in plain text: 目录, 序言, 附件 ... */
static int special_heading(const char *s, size_t len)
{
	if (cp_count(s, len) > 30 || contains(s, len, "。") || contains(s, len, "，"))
		return 0;
	char *q = fg_parse_squeeze(s, len);
	int r = !strcmp(q, "目录") || !strcmp(q, "序言") || !strcmp(q, "前言") || !strcmp(q, "附则") ||
		!strcmp(q, "总则") || !strcmp(q, "分则") ||
		(fg_parse_appendix_heading(q, strlen(q)) && cp_count(q, strlen(q)) <= 30);
	free(q);
	return r;
}

static int is_toc_heading(const char *s, size_t len)
{
	char *q = fg_parse_squeeze(s, len);
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

/* Heading rank of a block: Markdown headings keep their level; detected ones are ranked by kind. */
static int block_heading(const block *b, int toc)
{
	if (b->kind == B_HEAD)
		return b->rank;
	if (toc || b->table)
		return 0;
	int r = fg_parse_structural_rank(b->text, b->len);
	if (r)
		return r;
	if (special_heading(b->text, b->len))
		return 1;
	return 0;
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
	int item_depth;       /* depth of the open unit's item, -1 when it is no item */
	int absorb;           /* items this deep or deeper stay in the open unit (a list after "…下列…："), -1 none */
	struct {
		int style;
		long num;
	} path[8];            /* the outline path of the current item (items.c: at most 8 deep) */
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
	g->item_depth = -1;
	g->absorb = -1;
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
	g->stack[g->depth].appendix = fg_parse_appendix_heading(s, len);
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

/*
 * A paragraph while a table of contents (目录) is open: a table of contents
 * lists headings; it ends where the first entry repeats or at an article.
 * Returns 1 when b was kept as a line of the contents (in the preamble);
 * 0 when the contents ended (*toc = 0) and b is read as usual.
 */
static int toc_line(seg *g, const block *b, int *toc, char **toc_first)
{
	long num, sub;
	size_t used;
	int entry = fg_parse_structural_rank(b->text, b->len) || special_heading(b->text, b->len);
	if (entry && *toc_first && !strcmp(*toc_first, b->text)) {
		*toc = 0;
		return 0;
	}
	if (entry || !fg_parse_article_start(b->text, b->len, &num, &sub, &used)) {
		if (entry && !*toc_first)
			*toc_first = fg_xstrdup(b->text);
		if (!g->open)
			open_unit(g, FG_UNIT_PREAMBLE, "", 0, 0, NULL);
		add_para(g, b->text, b->len);
		return 1;
	}
	*toc = 0;
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
		if (toc && b->kind == B_PARA && toc_line(g, b, &toc, &toc_first))
			continue;
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
		if (!b->table && fg_parse_article_start(b->text, b->len, &num, &sub, &used)) {
			char *label = fg_parse_squeeze(b->text, used);
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

/* The highest rank (smallest number) of the headings in blocks[from..n), 0 when there is none. */
static int top_rank(const blocks *bs, size_t from)
{
	int top = 0;
	for (size_t i = from; i < bs->n; i++) {
		int r = bs->v[i].kind >= B_INFO_END ? 0 : block_heading(&bs->v[i], 0);
		if (r && (!top || r < top))
			top = r;
	}
	return top;
}

/* Sections of a document without articles: one TEXT unit per top-level heading or 一、 section. */
static void segment_text(seg *g, const blocks *bs, size_t from)
{
	int top = top_rank(bs, from);
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

/* ---- items (documents without articles, items.c) ---- */

/* Heading ranks of items: below every heading, one per depth. */
#define ITEM_RANK 100

/*
 * A line that only names its item (12.加强规范性文件监督管理), nothing said
 * yet: at most 40 characters and no 。；， outside the names it quotes. A
 * 《…》 name counts as one word however long (一、修改《最高人民法院关于审理…
 * 若干问题的解释》 names an item as 二、修改《…规定》 does); a 《 left open
 * counts in full.
 */
static int title_only(const char *s, size_t len)
{
	size_t n = 0, depth = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = fg_utf8_decode(s + i, len - i, &cp);
		if (cp == 0x300A) /* 《 */
			depth++;
		else if (cp == 0x300B && depth) /* 》 */
			depth--;
		else if (!depth && (cp == 0x3002 || cp == 0xFF1B || cp == 0xFF0C)) /* 。；， */
			return 0;
		n += !depth;
		i += k ? k : 1;
	}
	if (depth) /* an unclosed 《: the old count over the whole line */
		return cp_count(s, len) <= 40 && !contains(s, len, "。") && !contains(s, len, "；") &&
		       !contains(s, len, "，");
	return n <= 40;
}

/*
 * The title an item gives the headings of its units: the whole line when it
 * only names the item, else its first sentence when that is a short title
 * (（一）加强组织领导。…), else the marker alone. A new string.
 */
static char *item_title(const char *s, size_t len)
{
	if (title_only(s, len))
		return fg_xstrndup(s, len);
	fg_item_mark m;
	if (!fg_item_mark_parse(s, len, &m))
		return fg_xstrdup("");
	static const char *const ends[] = {"。", "："};
	size_t cut = len;
	for (int k = 0; k < 2; k++) {
		const char *p = memmem(s, len, ends[k], 3);
		if (p && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	if (cut + 3 < len && cut > m.len && cp_count(s + m.len, cut - m.len) <= 20 && !contains(s, cut, "，"))
		return fg_xstrndup(s, cut);
	return fg_xstrndup(s, m.len);
}

/* Close the headings of items (before an appendix or a heading of the document's own). */
static void pop_items(seg *g)
{
	while (g->depth && g->stack[g->depth - 1].rank >= ITEM_RANK) {
		g->depth--;
		free(g->stack[g->depth].text);
	}
}

/* Whether the open unit's last paragraph introduces a list (ends with ：). */
static int ends_with_colon(const seg *g)
{
	const char *t = g->text.data;
	size_t n = g->text.len;
	return (n >= 3 && !memcmp(t + n - 3, "：", 3)) || (n >= 1 && t[n - 1] == ':');
}

/*
 * An item starts a unit labelled with its path. The unit of its parent is
 * dropped when it holds only the parent's title (the finest level that
 * carries text makes the units; the title lives on in the headings). A
 * list that a paragraph of an item introduces ("…应当符合下列条件：" then
 * （1）（2）…) stays in that item, as the 项 of an article do.
 */
static void start_item(seg *g, const block *b, const fg_item_cand *c)
{
	int d = c->depth;
	int child = g->open && g->item_depth >= 0 && d > g->item_depth;
	if (g->absorb >= 0 && d >= g->absorb)
		child = 2;
	else if (child && ends_with_colon(g))
		g->absorb = d, child = 2;
	if (child == 2) {
		add_para(g, b->text, b->len);
		return;
	}
	if (child && g->cur.nparas == 1 && title_only(g->text.data, g->text.len))
		fg_buf_reset(&g->text); /* flush drops an empty unit */
	flush(g);
	g->path[d].style = c->style;
	g->path[d].num = c->num;
	char *title = item_title(b->text, b->len);
	push_heading(g, ITEM_RANK + d, title, strlen(title));
	free(title);
	fg_buf key = {0};
	for (int k = 0; k <= d; k++)
		fg_item_key_put(&key, g->path[k].style, g->path[k].num, k ? g->path[k - 1].style : FG_ITEM_NONE);
	open_unit(g, FG_UNIT_TEXT, key.data, 0, 0, NULL);
	fg_buf_free(&key);
	g->item_depth = d;
	add_para(g, b->text, b->len);
}

/* A heading that closes the items' levels: any heading that is no item itself (a Markdown ## 一、… is one). */
static int is_barrier(const block *b)
{
	fg_item_mark m;
	return b->kind < B_INFO_END && block_heading(b, 0) && !fg_item_mark_parse(b->text, b->len, &m);
}

/*
 * The items of a document without articles into c, up to where its body
 * ends (*end): the first appendix heading after an item, or the signature
 * block (tail). Returns the number of items.
 */
static size_t plan_items(const blocks *bs, size_t tail, fg_item_cand *c, size_t *end)
{
	unsigned char *barrier = fg_xcalloc(bs->n + 1, 1);
	for (size_t i = 0; i < bs->n; i++)
		barrier[i] = (unsigned char)is_barrier(&bs->v[i]);
	size_t n = fg_parse_item_plan(bs, 0, tail, barrier, c);
	*end = tail;
	for (size_t i = 0, seen = 0; n && i < tail; i++) {
		const block *b = &bs->v[i];
		if (c[i].depth >= 0)
			seen = 1;
		else if (seen && barrier[i] && fg_parse_appendix_heading(b->text, b->len)) {
			*end = i;
			n = fg_parse_item_plan(bs, 0, i, barrier, c);
			break;
		}
	}
	for (size_t i = *end; i < bs->n; i++)
		c[i].depth = -1;
	free(barrier);
	return n;
}

/*
 * Items, preamble and appendix: the text before the first item is the
 * preamble, each item at the finest level that carries text a TEXT unit
 * labelled with its path (二（二）12) under the titles above it, the
 * appendix and the signature block (from end) appendix units.
 */
static void segment_items(seg *g, const blocks *bs, const fg_item_cand *c, size_t end)
{
	clear_stack(g);
	int items = 0;
	for (size_t i = 0; i < bs->n; i++) {
		const block *b = &bs->v[i];
		if (b->kind >= B_INFO_END)
			continue;
		if (c[i].depth >= 0) {
			start_item(g, b, &c[i]);
			items = 1;
			continue;
		}
		int r = block_heading(b, 0);
		if (i == end || r) {
			flush(g);
			pop_items(g);
		}
		if (r) {
			push_heading(g, r, b->text, b->len);
			continue;
		}
		if (!g->open)
			open_unit(g, i >= end || in_appendix(g) ? FG_UNIT_APPENDIX : items ? FG_UNIT_TEXT : FG_UNIT_PREAMBLE, "",
				  0, 0, NULL);
		add_para(g, b->text, b->len);
	}
	flush(g);
}

/* Drop the units found so far (the article pass found no article). */
static void drop_units(fg_doc *d)
{
	for (size_t u = 0; u < d->nunits; u++) {
		free(d->units[u].label);
		free(d->units[u].heading);
		free(d->units[u].text);
	}
	d->nunits = 0;
}

void fg_parse_units(fg_doc *d, const blocks *bs, size_t tail)
{
	seg g = {0};
	g.d = d;
	g.item_depth = -1;
	g.absorb = -1;
	segment_articles(&g, bs, 0);
	if (g.narticles == 0) {
		drop_units(d);
		fg_item_cand *c = fg_xcalloc(bs->n + 1, sizeof *c);
		size_t end;
		if (plan_items(bs, tail < bs->n ? tail : bs->n, c, &end))
			segment_items(&g, bs, c, end);
		else
			segment_text(&g, bs, 0);
		free(c);
	}
	count_dups(&g);
	clear_stack(&g);
	free(g.stack);
	free(g.seen);
	fg_buf_free(&g.text);
}
