/*
 * block.c - the list of blocks both source formats are flattened into
 * (headings and one-line paragraphs, trimmed, pipe-table rows turned into
 * their cells), and the whitespace helpers of the parser: which characters
 * count as blank (ASCII, U+3000, U+00A0, BOM, zero-width), trimming, and
 * squeezing them out of labels and titles.
 */
#include "parse_int.h"

#include <stdlib.h>
#include <string.h>

size_t fg_parse_ws_at(const char *s, size_t len)
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

const char *fg_parse_trim(const char *s, size_t *len)
{
	size_t n;
	while (*len && (n = fg_parse_ws_at(s, *len))) {
		s += n;
		*len -= n;
	}
	for (;;) {
		if (*len && fg_parse_ws_at(s + *len - 1, 1))
			(*len)--;
		else if (*len >= 3 && fg_parse_ws_at(s + *len - 3, 3) == 3)
			*len -= 3;
		else if (*len >= 2 && !memcmp(s + *len - 2, "\xc2\xa0", 2))
			*len -= 2;
		else
			break;
	}
	return s;
}

char *fg_parse_squeeze(const char *s, size_t len)
{
	fg_buf b = {0};
	size_t pos = 0, n;
	fg_buf_put(&b, "", 0);
	while (pos < len) {
		if ((n = fg_parse_ws_at(s + pos, len - pos))) {
			pos += n;
			continue;
		}
		fg_buf_putc(&b, s[pos++]);
	}
	return fg_buf_detach(&b);
}

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

void fg_parse_add_block(blocks *bs, int kind, int rank, int md1, const char *s, size_t len)
{
	s = fg_parse_trim(s, &len);
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

void fg_parse_blocks_free(blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++)
		free(bs->v[i].text);
	free(bs->v);
}
