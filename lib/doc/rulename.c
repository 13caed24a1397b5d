/*
 * rulename.c - the name that identifies a rule across its versions and in
 * citations: the title normalized, without 中华人民共和国, whitespace and
 * parenthesized notes such as （2019年修正）.
 */
#include "doc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

char *fg_rule_name(const char *title)
{
	char *norm = NULL;
	size_t nlen = 0;
	if (!title)
		return fg_xstrdup("");
	fg_normalize(title, strlen(title), &norm, &nlen, NULL, NULL);
	fg_buf b = {0};
	const char *p = norm;
	static const char prc[] = "中华人民共和国";
	if (strncmp(p, prc, sizeof prc - 1) == 0)
		p += sizeof prc - 1;
	/* drop whitespace and parenthesized notes such as （2019年修正）: (after NFKC they are ASCII) */
	int depth = 0;
	for (; *p; p++) {
		if (*p == '(') {
			depth++;
			continue;
		}
		if (*p == ')' && depth > 0) {
			depth--;
			continue;
		}
		if (depth || *p == ' ' || *p == '\t' || *p == '\n')
			continue;
		fg_buf_putc(&b, *p);
	}
	free(norm);
	return fg_buf_detach(&b);
}
