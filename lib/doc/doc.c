/*
 * doc.c - turning one source file into a document, step by step: convert
 * it to UTF-8, read the front matter, flatten the body into blocks
 * (parse_md.c for Markdown, parse_text.c for plain text), take the title,
 * the dated history lines (history.c) and the units (units.c) from them,
 * and fill the dates the metadata lacks from the events. Also the stable
 * document id.
 */
#include "parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * Convert the bytes to UTF-8 and read the front matter: *out gets a new
 * document with its metadata, format and body, and nothing else yet.
 */
static fg_status new_doc(const char *name, const char *bytes, size_t len, int format, fg_doc **out, fg_err *err)
{
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
	*out = d;
	return FG_OK;
}

/*
 * The title of a Markdown body: a level-1 heading among the first 8 blocks,
 * before any article or <!-- INFO END -->. Its block is consumed; *next
 * becomes 1 when it was the first block. A new string, or NULL.
 */
static char *markdown_title(blocks *bs, size_t *next)
{
	for (size_t k = 0; k < bs->n && k < 8; k++) {
		long num, sub;
		size_t u;
		if (bs->v[k].kind == B_HEAD && bs->v[k].md1) {
			bs->v[k].kind = B_SKIP;
			if (k == 0)
				*next = 1;
			return fg_xstrdup(bs->v[k].text);
		}
		if (bs->v[k].kind == B_INFO_END ||
		    (bs->v[k].kind == B_PARA && fg_parse_article_start(bs->v[k].text, bs->v[k].len, &num, &sub, &u)))
			break;
	}
	return NULL;
}

/*
 * The title of plain text: the first line, unless it is an article or a
 * structural heading; a 文号 on the line above the title is the number.
 */
static char *text_title(fg_doc *d, blocks *bs, size_t *next)
{
	long num, sub;
	size_t u, t = 0;
	size_t off, nl;
	if (bs->n > 1 && fg_meta_number_line(bs->v[0].text, bs->v[0].len, &off, &nl)) {
		if (!d->meta.number)
			d->meta.number = fg_xstrndup(bs->v[0].text + off, nl);
		bs->v[0].kind = B_SKIP;
		t = 1;
	}
	if (t >= bs->n || fg_parse_article_start(bs->v[t].text, bs->v[t].len, &num, &sub, &u) ||
	    fg_parse_structural_rank(bs->v[t].text, bs->v[t].len))
		return NULL;
	bs->v[t].kind = B_SKIP;
	*next = t + 1;
	return fg_xstrdup(bs->v[t].text);
}

/* A title with no body (only history lines): the title is the text. */
static void title_unit(fg_doc *d, const char *title)
{
	d->units = fg_xcalloc(1, sizeof *d->units);
	d->units[0].kind = FG_UNIT_TEXT;
	d->units[0].label = fg_xstrdup("");
	d->units[0].heading = fg_xstrdup("");
	d->units[0].text = fg_xstrdup(title);
	d->units[0].len = strlen(title);
	d->units[0].nparas = 1;
	d->nunits = 1;
}

fg_status fg_doc_parse(const char *name, const char *bytes, size_t len, int format, fg_doc **out, fg_err *err)
{
	*out = NULL;
	if (!name)
		name = "(input)";
	fg_doc *d = NULL;
	fg_status st = new_doc(name, bytes, len, format, &d, err);
	if (st != FG_OK)
		return st;

	blocks bs = {0};
	if (d->format == FG_FMT_MARKDOWN)
		fg_parse_markdown(d->body, d->bodylen, &bs);
	else
		fg_parse_text(d->body, d->bodylen, &bs);
	/* events may start after the title */
	size_t next = 0;
	char *title = d->format == FG_FMT_MARKDOWN ? markdown_title(&bs, &next) : text_title(d, &bs, &next);
	if (title && !d->meta.title)
		d->meta.title = fg_xstrdup(title);
	fg_parse_history(d, &bs, next);
	char *authority, date[11];
	size_t tail = fg_parse_signature(&bs, &authority, date);
	fg_parse_units(d, &bs, tail);
	fg_parse_blocks_free(&bs);

	if (d->nunits == 0 && title)
		title_unit(d, title);
	free(title);
	if (d->nunits == 0) {
		free(authority);
		fg_doc_free(d);
		return fg_err_set(err, FG_E_INVAL, "%s: no text", name);
	}
	fg_parse_meta_from_events(d);
	fg_parse_text_meta(d, authority, date);
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
	char *q = fg_parse_squeeze(norm ? norm : "", norm ? nlen : 0);
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
