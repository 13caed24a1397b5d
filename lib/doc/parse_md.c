/*
 * parse_md.c - a Markdown body as blocks, through cmark's AST: the plain
 * text of paragraphs, headings (with their level), code blocks and HTML
 * blocks (tags removed), in document order. Soft and hard breaks become line
 * breaks, so articles written on consecutive lines still split; an ordered
 * list item keeps its number; the <!-- INFO END --> comment that closes a
 * title block becomes a B_INFO_END marker.
 */
#include "parse_int.h"

#include <cmark.h>
#include <string.h>

/* The paragraph or heading being collected. */
typedef struct walk {
	blocks *bs;
	fg_buf cur;
	int collecting;
	int heading; /* its level, 0 for a paragraph */
} walk;

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

/* An ordered list item keeps its number ("1. ") before the text of its first paragraph. */
static void put_item_number(cmark_node *n, fg_buf *cur)
{
	cmark_node *item = cmark_node_parent(n);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM || cmark_node_first_child(item) != n)
		return;
	cmark_node *list = cmark_node_parent(item);
	if (list && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		int k = cmark_node_get_list_start(list);
		for (cmark_node *p = cmark_node_previous(item); p; p = cmark_node_previous(p))
			k++;
		fg_buf_printf(cur, "%d%s", k, cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ") " : ". ");
	}
}

static void enter_text_block(walk *w, cmark_node *n, cmark_node_type t)
{
	fg_buf_reset(&w->cur);
	w->collecting = 1;
	w->heading = t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
	if (!w->heading)
		put_item_number(n, &w->cur);
}

/* A heading is one block on one line; a paragraph gives one block per line. */
static void leave_text_block(walk *w)
{
	fg_buf *cur = &w->cur;
	if (w->heading) {
		for (size_t i = 0; i < cur->len; i++)
			if (cur->data[i] == '\n')
				cur->data[i] = ' ';
		fg_parse_add_block(w->bs, B_HEAD, w->heading, w->heading == 1, cur->data ? cur->data : "", cur->len);
	} else {
		fg_parse_add_lines(w->bs, cur->data ? cur->data : "", cur->len);
	}
	w->collecting = 0;
	w->heading = 0;
}

/* <!-- INFO END --> marks the end of the title block; other comments are dropped, other HTML keeps its text. */
static void html_block(blocks *bs, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	if (!lit)
		return;
	size_t l = strlen(lit);
	if (contains(lit, l, "INFO END")) {
		fg_parse_add_block(bs, B_INFO_END, 0, 0, "", 0);
	} else if (!has_prefix(lit, l, "<!--")) {
		fg_buf tmp = {0};
		strip_tags(lit, l, &tmp);
		if (tmp.len)
			fg_parse_add_lines(bs, tmp.data, tmp.len);
		fg_buf_free(&tmp);
	}
}

static void visit(walk *w, cmark_event_type ev, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	switch (t) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		if (ev == CMARK_EVENT_ENTER)
			enter_text_block(w, n, t);
		else
			leave_text_block(w);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if (w->collecting) {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				fg_buf_puts(&w->cur, lit);
		}
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		if (w->collecting)
			fg_buf_putc(&w->cur, '\n');
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *lit = cmark_node_get_literal(n);
		if (lit)
			fg_parse_add_lines(w->bs, lit, strlen(lit));
		break;
	}
	case CMARK_NODE_HTML_BLOCK:
		html_block(w->bs, n);
		break;
	default:
		break;
	}
}

/*
 * Walk cmark's AST with its iterator (no recursion, so deeply nested input
 * cannot exhaust the stack).
 */
void fg_parse_markdown(const char *s, size_t len, blocks *bs)
{
	cmark_node *root = cmark_parse_document(s, len, CMARK_OPT_DEFAULT);
	if (!root)
		return;
	cmark_iter *it = cmark_iter_new(root);
	walk w = {.bs = bs};
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		visit(&w, ev, cmark_iter_get_node(it));
	fg_buf_free(&w.cur);
	cmark_iter_free(it);
	cmark_node_free(root);
}
