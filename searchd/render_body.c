/*
 * render_body.c - the body of a document page in fagui-searchd: markdown
 * rendered through cmark in safe mode (no raw HTML, front matter and the
 * dated info block dropped) or, for plain text, the units as paragraphs
 * under their headings; either way every unit anchored as id="a<unit index>",
 * the terms of the query the reader came from marked, and every resolved
 * citation 《title》第X条 linked to the cited article.
 */
#include "searchd.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* ---- highlighting terms of a query ---- */

typedef struct needles {
	char **v;
	size_t n;
	const fg_docview *doc;      /* the document page's view: its citations become links (NULL elsewhere) */
} needles;

static void needles_add(needles *nd, const char *s, size_t n)
{
	if (n == 0 || nd->n >= 32)
		return;
	static const char *const ops[] = {"and", "or", "not", "near"};
	for (size_t i = 0; i < 4; i++)
		if (n == strlen(ops[i]) && !memcmp(s, ops[i], n))
			return;
	for (size_t i = 0; i < nd->n; i++)
		if (strlen(nd->v[i]) == n && !memcmp(nd->v[i], s, n))
			return;
	nd->v = fg_xrealloc(nd->v, (nd->n + 1) * sizeof *nd->v);
	nd->v[nd->n++] = fg_xstrndup(s, n);
}

/* The query's Han runs and ASCII words, normalized; terms after a '-' (excluded) are left out. */
static void needles_from_query(const char *q, needles *nd)
{
	nd->v = NULL;
	nd->n = 0;
	nd->doc = NULL;
	if (!q || !*q)
		return;
	char *norm = NULL;
	size_t len = 0;
	if (fg_normalize(q, strlen(q), &norm, &len, NULL, NULL) != FG_OK || !norm)
		return;
	size_t i = 0, start = 0;
	int kind = 0, excluded = 0; /* 0 none, 1 Han run, 2 word */
	char prev = ' ';
	while (i <= len) {
		uint32_t cp = 0;
		size_t used = 1;
		int k = 0;
		if (i < len) {
			used = fg_utf8_decode(norm + i, len - i, &cp);
			if (fg_is_han(cp))
				k = 1;
			else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z'))
				k = 2;
		}
		if (k != kind) {
			if (kind && !excluded)
				needles_add(nd, norm + start, i - start);
			if (k) {
				start = i;
				excluded = prev == '-';
			}
			kind = k;
		}
		if (i < len)
			prev = cp < 0x80 ? (char)cp : 'x';
		i += used;
	}
	free(norm);
}

static void needles_free(needles *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		free(nd->v[i]);
	free(nd->v);
}

/* Text with the needles marked (escaped HTML), or plain escaped text when there are none. */
static void put_marked(fg_buf *b, const char *s, size_t n, const needles *nd)
{
	if (nd && nd->n) {
		char *h = fg_highlight_html(s, n, (const char *const *)nd->v, nd->n);
		fg_buf_puts(b, h);
		free(h);
	} else {
		fg_buf_put_html(b, s, n);
	}
}

/* The resolved citation of the page for 《title》 followed by article (num, sub), or NULL. */
static const fg_citation *find_citation(const fg_docview *v, const char *title, size_t tlen, long num, long sub)
{
	const fg_citation *any = NULL;
	for (size_t i = 0; i < v->ncitations; i++) {
		const fg_citation *c = &v->citations[i];
		if (!c->resolved || c->c.kind == FG_CITE_INTERNAL || strlen(c->c.title) != tlen ||
		    memcmp(c->c.title, title, tlen))
			continue;
		if (c->c.num == num && c->c.sub == sub)
			return c;
		if (!any)
			any = c;
	}
	return any;
}

/* ---- references to the document's own articles ---- */

/* The unit index of article (num, sub) of the page's document, or -1. */
static long own_article(const fg_docview *v, long num, long sub)
{
	for (size_t i = 0; i < v->nunits; i++)
		if (v->units[i].kind == FG_UNIT_ARTICLE && v->units[i].num == num && v->units[i].sub == sub)
			return (long)i;
	return -1;
}

/* Bytes of 第<numerals><unit> at s (unit 款 or 项, three bytes each), 0 when there is none. */
static size_t sub_label(const char *s, size_t n, const char *unit)
{
	static const char *const digits = "零一二三四五六七八九十百千0123456789";
	if (n < 6 || memcmp(s, "第", 3))
		return 0;
	size_t i = 3;
	while (i < n) {
		size_t w = ((unsigned char)s[i] < 0x80) ? 1 : 3;
		if (i + w > n || !memmem(digits, strlen(digits), s + i, w))
			break;
		i += w;
	}
	return i > 3 && n - i >= 3 && !memcmp(s + i, unit, 3) ? i + 3 : 0;
}

/*
 * 1 when the text before 第X条 at s + at makes it a reference to this
 * document: 本法 / 本条例 … (*own its bytes, taken into the link), or a bare
 * one after 依照, 根据, 违反, 适用, 、, ，, 和 … (not a rule's name without 《》).
 */
static int refers_here(const char *s, size_t at, size_t *own)
{
	static const char *const names[] = {"本法", "本条例", "本办法", "本规定", "本细则", "本规则", "本解释", "本决定", "本章程"};
	*own = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t l = strlen(names[i]);
		if (at >= l && !memcmp(s + at - l, names[i], l)) {
			*own = l;
			return 1;
		}
	}
	static const char *const before[] = {"照", "据", "反", "用", "、", "，", "和", "或", "及", "与", "（", "至", "到", "除", "于", "即"};
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
		if (at >= 3 && !memcmp(s + at - 3, before[i], 3))
			return 1;
	return 0;
}

/*
 * Text as put_marked writes it, with references to the document's own
 * articles (本法第X条, 依照第X条第Y款, 第X条、第Y条) linked to their anchors;
 * a paragraph's own label (第X条 at its start) stays as it is.
 */
static void put_refs(fg_buf *b, const char *s, size_t n, const needles *nd, int at_start)
{
	const fg_docview *v = nd ? nd->doc : NULL;
	size_t last = 0, i = 0;
	while (v && i + 6 <= n) {
		const char *d = memmem(s + i, n - i, "第", 3);
		if (!d)
			break;
		size_t at = (size_t)(d - s), used = 0;
		long num, sub;
		size_t own;
		int here = refers_here(s, at, &own);
		if (!(at == 0 && at_start) && here && fg_article_label(s + at, n - at, &num, &sub, &used)) {
			long k = own_article(v, num, sub);
			size_t end = at + used;
			end += sub_label(s + end, n - end, "款");
			end += sub_label(s + end, n - end, "项");
			if (k >= 0) {
				size_t from = at - own >= last ? at - own : at;
				put_marked(b, s + last, from - last, nd);
				fg_buf_printf(b, "<a class=\"ref\" href=\"#a%ld\">", k);
				put_marked(b, s + from, end - from, nd);
				fg_buf_puts(b, "</a>");
				last = i = end;
				continue;
			}
		}
		i = at + 3;
	}
	put_marked(b, s + last, n - last, nd);
}

/*
 * Text as put_refs writes it, with every resolved 《title》 (and the
 * article reference after it) linked to /doc/<id>#a<cited article index>.
 */
static void put_text(fg_buf *b, const char *s, size_t n, const needles *nd)
{
	const fg_docview *v = nd ? nd->doc : NULL;
	size_t last = 0, i = 0;
	while (v && v->ncitations && i + 3 <= n) {
		const char *lq = memmem(s + i, n - i, "《", 3);
		if (!lq)
			break;
		size_t open = (size_t)(lq - s);
		const char *rq = memmem(s + open + 3, n - open - 3, "》", 3);
		if (!rq)
			break;
		size_t close = (size_t)(rq - s) + 3, used = 0;
		long num = 0, sub = 0;
		if (!fg_article_label(s + close, n - close, &num, &sub, &used))
			used = 0, num = sub = 0;
		const fg_citation *c = find_citation(v, s + open + 3, close - 3 - open - 3, num, sub);
		if (!c) {
			i = open + 3;
			continue;
		}
		size_t end = close;
		size_t alen = strlen(c->c.article);
		if (alen && n - close >= alen && !memcmp(s + close, c->c.article, alen))
			end = close + alen;
		put_refs(b, s + last, open - last, nd, last == 0);
		fg_buf_puts(b, "<a class=\"cite\" href=\"");
		sd_put_unit_href(b, c->id, c->article_index);
		fg_buf_puts(b, "\" title=\"");
		sd_put_html(b, c->rtitle);
		fg_buf_puts(b, "\">");
		put_marked(b, s + open, end - open, nd);
		fg_buf_puts(b, "</a>");
		last = i = end;
	}
	put_refs(b, s + last, n - last, nd, last == 0);
}

/* Skip spaces, tabs, newlines and the ideographic space. */
static const char *skip_space(const char *s, const char *end)
{
	for (;;) {
		if (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			s++;
		else if (end - s >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			return s;
	}
}

/* Plain text at the start of a block (descending into emphasis and links), up to about 96 bytes. */
static void block_prefix(cmark_node *node, fg_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c && out->len < 96; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(c);
			if (lit)
				fg_buf_puts(out, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			return;
		} else {
			block_prefix(c, out);
		}
	}
}

/* 1 when a block's text starts with the first words of a unit's text (non-article units). */
static int starts_like(const char *block, size_t blen, const fg_article *u)
{
	const char *t = u->text ? u->text : "";
	const char *tend = t + u->len;
	t = skip_space(t, tend);
	size_t n = 0;
	while (t + n < tend && t[n] != '\n' && n < 24)
		n++;
	while (n > 0 && t + n < tend && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--; /* whole code points only */
	const char *bend = block + blen;
	block = skip_space(block, bend);
	return n >= 6 && (size_t)(bend - block) >= n && !memcmp(block, t, n);
}

/* The number of an ordered list item before its first paragraph ("12. "), as the parser keeps it (parse_md.c). */
static void list_number(cmark_node *n, fg_buf *out)
{
	cmark_node *item = cmark_node_parent(n);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM || cmark_node_first_child(item) != n)
		return;
	cmark_node *list = cmark_node_parent(item);
	if (!list || cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
		return;
	int k = cmark_node_get_list_start(list);
	for (cmark_node *p = cmark_node_previous(item); p; p = cmark_node_previous(p))
		k++;
	fg_buf_printf(out, "%d%s", k, cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ") " : ". ");
}

typedef struct anchor {
	cmark_node *node;
	size_t unit;
} anchor;

/*
 * Walk the paragraphs and headings in document order and decide which unit
 * each starts: a paragraph beginning with 第X条 takes the next article unit
 * with that number; other units (preamble, appendix) take the first block
 * beginning with their text. Units are matched in order.
 */
static size_t find_anchors(cmark_node *root, const fg_docview *v, anchor **out)
{
	anchor *a = NULL;
	size_t na = 0, next = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && next < v->nunits) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING))
			continue;
		fg_buf pre = {0};
		list_number(node, &pre);
		block_prefix(node, &pre);
		const char *s = pre.data ? pre.data : "";
		const char *start = skip_space(s, s + pre.len);
		long num, sub;
		size_t used, hit = (size_t)-1;
		if (t == CMARK_NODE_PARAGRAPH &&
		    fg_article_label(start, pre.len - (size_t)(start - s), &num, &sub, &used)) {
			for (size_t k = next; k < v->nunits; k++) {
				if (v->units[k].kind == FG_UNIT_ARTICLE && v->units[k].num == num && v->units[k].sub == sub) {
					hit = k;
					break;
				}
			}
		} else if (v->units[next].kind != FG_UNIT_ARTICLE && starts_like(s, pre.len, &v->units[next])) {
			hit = next;
		}
		fg_buf_free(&pre);
		if (hit != (size_t)-1) {
			a = fg_xrealloc(a, (na + 1) * sizeof *a);
			a[na].node = node;
			a[na].unit = hit;
			na++;
			next = hit + 1;
		}
	}
	cmark_iter_free(it);
	*out = a;
	return na;
}

/*
 * Pass every text node through put_text; where that adds markup (marks now,
 * citation links later) the node becomes a raw inline holding the escaped,
 * decorated text.
 */
static void decorate_tree(cmark_node *root, const needles *nd)
{
	cmark_node **texts = NULL;
	size_t nt = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT) {
			texts = fg_xrealloc(texts, (nt + 1) * sizeof *texts);
			texts[nt++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < nt; i++) {
		const char *lit = cmark_node_get_literal(texts[i]);
		if (!lit)
			continue;
		fg_buf h = {0};
		put_text(&h, lit, strlen(lit), nd);
		if (h.data && (strstr(h.data, "<mark>") || strstr(h.data, "<a "))) {
			cmark_node *raw = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
			cmark_node_set_on_enter(raw, h.data);
			cmark_node_set_on_exit(raw, "");
			cmark_node_replace(texts[i], raw);
			cmark_node_free(texts[i]);
		}
		fg_buf_free(&h);
	}
	free(texts);
}

/* Drop YAML front matter if the stored body still has it. */
static const char *skip_front_matter(const char *body, size_t *len)
{
	if (*len < 4 || memcmp(body, "---", 3) || (body[3] != '\n' && body[3] != '\r'))
		return body;
	const char *p = body + 3;
	const char *end = body + *len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line = p;
		p = nl ? nl + 1 : end;
		size_t ll = (size_t)(p - line);
		while (ll && (line[ll - 1] == '\n' || line[ll - 1] == '\r'))
			ll--;
		if (line != body + 3 && ((ll == 3 && !memcmp(line, "---", 3)) || (ll == 3 && !memcmp(line, "...", 3)))) {
			*len = (size_t)(end - p);
			return p;
		}
	}
	return body;
}

/*
 * Raw HTML never reaches the page (safe mode would leave a comment in its
 * place), and the dated lines before <!-- INFO END --> are already shown as
 * the history list, so they go too when the document has events.
 */
static void drop_info_block(cmark_node *doc, const fg_docview *v)
{
	cmark_node *info_end = NULL;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(c) : NULL;
		if (lit && strstr(lit, "INFO END")) {
			info_end = c;
			break;
		}
	}
	if (info_end && v->nevents) {
		while (cmark_node_first_child(doc) != info_end)
			cmark_node_free(cmark_node_first_child(doc));
	}
	cmark_node **html = NULL;
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)) {
			html = fg_xrealloc(html, (n + 1) * sizeof *html);
			html[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++)
		cmark_node_free(html[i]);
	free(html);
}

/* 1 when a block after an anchored one starts something else: a heading, a rule, or a block holding a later anchor. */
static int ends_unit(cmark_node *block, const anchor *later, size_t n)
{
	cmark_node_type t = cmark_node_get_type(block);
	if (t == CMARK_NODE_HEADING || t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_CUSTOM_BLOCK)
		return 1;
	for (size_t i = 0; i < n; i++)
		for (cmark_node *p = later[i].node; p; p = cmark_node_parent(p))
			if (p == block)
				return 1;
	return 0;
}

static void render_markdown(fg_buf *b, const fg_docview *v, const needles *nd)
{
	size_t len = v->body ? strlen(v->body) : 0;
	const char *body = skip_front_matter(v->body ? v->body : "", &len);
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8; /* safe: raw HTML and bad URLs are dropped */
	cmark_node *doc = cmark_parse_document(body, len, opts);
	/* The first level-1 heading repeats the title shown above the metadata. */
	cmark_node *first = cmark_node_first_child(doc);
	if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1)
		cmark_node_free(first);
	drop_info_block(doc, v);

	anchor *a;
	size_t na = find_anchors(doc, v, &a);
	decorate_tree(doc, nd);
	/*
	 * cmark cannot put attributes on a paragraph, so an anchored block and
	 * the blocks after it up to the next anchor or heading (the article's
	 * 款 and 项) are rendered on their own inside <div id="a<unit>">; the
	 * result replaces them as a raw custom block (our own, escaped output),
	 * so that a link to the article outlines all of it.
	 */
	for (size_t i = 0; i < na; i++) {
		fg_buf h = {0};
		fg_buf_printf(&h, "<div id=\"a%zu\" class=\"unit\">\n", a[i].unit);
		cmark_node *next;
		for (cmark_node *c = a[i].node; c; c = next) {
			next = cmark_node_next(c);
			char *html = cmark_render_html(c, opts);
			fg_buf_puts(&h, html);
			free(html);
			if (c != a[i].node)
				cmark_node_free(c);
			if (!next || ends_unit(next, a + i + 1, na - i - 1))
				break;
		}
		fg_buf_puts(&h, "</div>\n");
		cmark_node *raw = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(raw, h.data);
		cmark_node_set_on_exit(raw, "");
		cmark_node_replace(a[i].node, raw);
		cmark_node_free(a[i].node);
		fg_buf_free(&h);
	}
	free(a);
	char *html = cmark_render_html(doc, opts);
	fg_buf_puts(b, html);
	free(html);
	cmark_node_free(doc);
}

/* The i-th " / " component of a heading path: its start, *len its bytes; NULL past the last. */
static const char *heading_part(const char *h, size_t i, size_t *len)
{
	for (; i && h; i--) {
		h = strstr(h, " / ");
		h = h ? h + 3 : NULL;
	}
	if (!h)
		return NULL;
	const char *e = strstr(h, " / ");
	*len = e ? (size_t)(e - h) : strlen(h);
	return h;
}

/*
 * The headings above an item (a labelled unit of a document without
 * articles): the titles of its path that differ from the previous unit's,
 * each on its own line, but not its own title, which opens its text.
 */
static void put_item_headings(fg_buf *b, const char *prev, const fg_article *u)
{
	size_t n = 0, len, plen, tl = u->text ? u->len : 0;
	while (heading_part(u->heading, n, &len))
		n++;
	const char *last = n ? heading_part(u->heading, n - 1, &len) : NULL;
	if (last && len <= tl && !memcmp(u->text, last, len))
		n--;
	int same = 1;
	for (size_t i = 0; i < n; i++) {
		const char *h = heading_part(u->heading, i, &len), *p = same ? heading_part(prev, i, &plen) : NULL;
		same = p && plen == len && !memcmp(p, h, len);
		if (same)
			continue;
		fg_buf_puts(b, i ? "<h3 class=\"heading\">" : "<h2 class=\"heading\">");
		fg_buf_put_html(b, h, len);
		fg_buf_puts(b, i ? "</h3>\n" : "</h2>\n");
	}
}

static void render_units(fg_buf *b, const fg_docview *v, const needles *nd)
{
	const char *heading = "";
	for (size_t i = 0; i < v->nunits; i++) {
		const fg_article *u = &v->units[i];
		if (u->kind == FG_UNIT_TEXT && u->label && *u->label && u->heading) {
			put_item_headings(b, heading, u);
			heading = u->heading;
		} else if (u->heading && *u->heading && strcmp(u->heading, heading)) {
			heading = u->heading;
			const char *last = strrchr(heading, '/');
			last = last ? skip_space(last + 1, heading + strlen(heading)) : heading;
			fg_buf_puts(b, "<h2 class=\"heading\">");
			sd_put_html(b, last);
			fg_buf_puts(b, "</h2>\n");
		}
		fg_buf_printf(b, "<section id=\"a%zu\" class=\"unit\">\n", i);
		const char *s = u->text ? u->text : "";
		const char *end = s + (u->text ? u->len : 0);
		while (s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			const char *e = nl ? nl : end;
			if (e > s) {
				fg_buf_puts(b, "<p>");
				put_text(b, s, (size_t)(e - s), nd);
				fg_buf_puts(b, "</p>\n");
			}
			s = e + 1;
		}
		fg_buf_puts(b, "</section>\n");
	}
}

void sd_render_body(fg_buf *b, const fg_docview *v, const char *hl)
{
	needles nd;
	needles_from_query(hl, &nd);
	nd.doc = v; /* citation links */
	if (v->format == FG_FMT_MARKDOWN && v->body)
		render_markdown(b, v, &nd);
	else
		render_units(b, v, &nd);
	needles_free(&nd);
}
