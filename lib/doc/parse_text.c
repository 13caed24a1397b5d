/*
 * parse_text.c - a plain-text body as blocks: every line (ended by \n,
 * \r\n or \r) one paragraph. Headings, articles and history lines are told
 * apart later, from the words of each line (units.c, history.c); the
 * Markdown reader uses the same line splitting for the text inside its
 * paragraphs, code and HTML blocks.
 */
#include "parse_int.h"

void fg_parse_add_lines(blocks *bs, const char *s, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		size_t e = pos;
		while (e < len && s[e] != '\n' && s[e] != '\r')
			e++;
		fg_parse_add_block(bs, B_PARA, 0, 0, s + pos, e - pos);
		pos = e;
		if (pos < len && s[pos] == '\r')
			pos++;
		if (pos < len && s[pos] == '\n')
			pos++;
	}
}

void fg_parse_text(const char *s, size_t len, blocks *bs)
{
	fg_parse_add_lines(bs, s, len);
}
