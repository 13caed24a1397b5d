/*
 * rulename.c - the name that identifies a rule across its versions and in
 * citations: the title normalized, without 中华人民共和国 (at its start and
 * at the start of a name in 《》), whitespace and parenthesized notes such as
 * （2019年修正）.
 */
#include "doc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Whether the parenthesized group at p, "(" ... ")", holds only a Chinese numeral of 1-3 characters (一, 十二). */
static int ordinal_note(const char *p)
{
	static const char digits[] = "一二三四五六七八九十";
	const char *e = strchr(p, ')');
	size_t n = e ? (size_t)(e - p - 1) : 0;
	if (n == 0 || n % 3 || n > 9)
		return 0;
	for (size_t i = 0; i < n; i += 3) {
		int digit = 0;
		for (size_t k = 0; k + 3 <= sizeof digits - 1 && !digit; k += 3)
			digit = !memcmp(p + 1 + i, digits + k, 3);
		if (!digit)
			return 0;
	}
	return 1;
}

char *fg_rule_name(const char *title)
{
	char *norm = NULL;
	size_t nlen = 0;
	if (!title)
		return fg_xstrdup("");
	fg_normalize(title, strlen(title), &norm, &nlen, NULL, NULL);
	fg_buf b = {0};
	const char *p = norm;
	static const char prc[] = "中华人民共和国", lq[] = "《";
	/*
	 * drop whitespace and parenthesized notes such as （2019年修正） (after
	 * NFKC they are ASCII), but keep the ordinal of a numbered part:
	 * 若干问题的解释（三） and 刑法修正案（九） are rules of their own
	 */
	int depth = 0;
	for (; *p; p++) {
		/* 中华人民共和国 at the start and at the start of a name in 《》 (河南省实施《中华人民共和国水法》办法) */
		int name_start = p == norm || (b.len >= 3 && !memcmp(b.data + b.len - 3, lq, 3));
		if (name_start && !depth && strncmp(p, prc, sizeof prc - 1) == 0) {
			p += sizeof prc - 2;
			continue;
		}
		if (*p == '(' && !depth && ordinal_note(p)) {
			size_t n = strcspn(p, ")") + 1;
			fg_buf_put(&b, p, n);
			p += n - 1;
			continue;
		}
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

char *fg_meta_display_title(const fg_meta *m)
{
	const char *title = m->title ? m->title : "";
	if (!m->name || !*m->name)
		return fg_xstrdup(title);
	/* the part a catalogue name adds to the title's rule name: 民法典 物权编 over 中华人民共和国民法典 */
	char *work = fg_rule_name(title);
	size_t wl = strlen(work);
	const char *name = m->name;
	while (*name == ' ')
		name++;
	fg_buf b = {0};
	fg_buf_puts(&b, title);
	if (wl && !strncmp(name, work, wl) && name[wl] == ' ') {
		const char *part = name + wl;
		while (*part == ' ')
			part++;
		if (*part) {
			fg_buf_puts(&b, " · ");
			fg_buf_puts(&b, part);
		}
	}
	free(work);
	return fg_buf_detach(&b);
}
