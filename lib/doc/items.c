/*
 * items.c - the numbered items of documents without articles: the marker
 * at the start of a line (第一部分, 一、, （一）, 1., （1）, 1）, 一是), which
 * markers make an outline (every level numbered in sequence, every style
 * reaching its second item, nothing inside a quotation), and item labels:
 * the key of an item's path (二（二）12), the form shown (二、（二）12.), and
 * labels as a reader types them read back into keys.
 */
#include "parse_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- numbers ---- */

static int is_ar_digit(const char *s, size_t len, size_t *n)
{
	if (len >= 1 && s[0] >= '0' && s[0] <= '9') {
		*n = 1;
		return 1;
	}
	/* full-width digits U+FF10..FF19: EF BC 90..99 */
	if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x90 &&
	    (unsigned char)s[2] <= 0x99) {
		*n = 3;
		return 1;
	}
	return 0;
}

/* An Arabic number of 1-3 digits (no leading zero) at s: its value, *used bytes; -1 when none. */
static long ar_number(const char *s, size_t len, size_t *used)
{
	size_t pos = 0, n;
	long v = 0;
	int nd = 0;
	while (pos < len && is_ar_digit(s + pos, len - pos, &n)) {
		int d = n == 1 ? s[pos] - '0' : (unsigned char)s[pos + 2] - 0x90;
		if (nd == 0 && d == 0)
			return -1;
		v = v * 10 + d;
		pos += n;
		if (++nd > 3)
			return -1;
	}
	*used = pos;
	return nd ? v : -1;
}

/* A Chinese number of 1-4 characters, 1..99, no digits at s: its value, *used bytes; -1 when none. */
static long cn_number(const char *s, size_t len, size_t *used)
{
	size_t n, dn, end = 0;
	/* up to the first digit or ASCII byte: 二1 is 二 then 1 */
	while (end < len && (unsigned char)s[end] >= 0x80 && !is_ar_digit(s + end, len - end, &dn))
		end++;
	long v = end ? fg_cn_number(s, end, &n) : -1;
	if (v < 1 || v > 99 || cp_count(s, n) > 4)
		return -1;
	*used = n;
	return v;
}

/* A number of either kind: *ar says which. */
static long any_number(const char *s, size_t len, size_t *used, int *ar)
{
	long v = ar_number(s, len, used);
	*ar = v > 0;
	return v > 0 ? v : cn_number(s, len, used);
}

/* ---- markers ---- */

static size_t lit_at(const char *s, size_t len, const char *const *alts)
{
	for (int i = 0; alts[i]; i++)
		if (has_prefix(s, len, alts[i]))
			return strlen(alts[i]);
	return 0;
}

static const char *const opens[] = {"（", "(", NULL};
static const char *const closes[] = {"）", ")", NULL};
static const char *const seps[] = {"、", "．", ".", NULL};

/* 第X部分 */
static int part_mark(const char *s, size_t len, fg_item_mark *m)
{
	size_t n;
	int ar;
	if (!has_prefix(s, len, "第"))
		return 0;
	long v = any_number(s + 3, len - 3, &n, &ar);
	if (v < 1 || v > 20 || !has_prefix(s + 3 + n, len - 3 - n, "部分"))
		return 0;
	m->style = FG_ITEM_PART;
	m->num = v;
	m->len = 3 + n + 6;
	return 1;
}

/* （一） （1） */
static int paren_mark(const char *s, size_t len, fg_item_mark *m)
{
	size_t o = lit_at(s, len, opens), n, c;
	int ar;
	if (!o)
		return 0;
	long v = any_number(s + o, len - o, &n, &ar);
	if (v < 1 || !(c = lit_at(s + o + n, len - o - n, closes)))
		return 0;
	m->style = ar ? FG_ITEM_AR_PAREN : FG_ITEM_CN_PAREN;
	m->num = v;
	m->len = o + n + c;
	return 1;
}

/* 一、 一是 1. 1、 1） */
static int bare_mark(const char *s, size_t len, fg_item_mark *m)
{
	size_t n, k, dn;
	int ar;
	long v = any_number(s, len, &n, &ar);
	if (v < 1)
		return 0;
	const char *r = s + n;
	size_t rl = len - n;
	if ((k = lit_at(r, rl, seps))) {
		if (ar && is_ar_digit(r + k, rl - k, &dn))
			return 0; /* 1.5: a decimal */
		m->style = ar ? FG_ITEM_AR : FG_ITEM_CN;
	} else if (ar && (k = lit_at(r, rl, closes))) {
		m->style = FG_ITEM_AR_CLOSE;
	} else if (!ar && v <= 10 && has_prefix(r, rl, "是") && rl > 3) {
		k = 3;
		m->style = FG_ITEM_SHI;
	} else {
		return 0;
	}
	m->num = v;
	m->len = n + k;
	return 1;
}

int fg_item_mark_parse(const char *s, size_t len, fg_item_mark *m)
{
	memset(m, 0, sizeof *m);
	return part_mark(s, len, m) || paren_mark(s, len, m) || bare_mark(s, len, m);
}

/* ---- labels ---- */

static int starts_cn(int style)
{
	return style == FG_ITEM_CN || style == FG_ITEM_SHI;
}

static int starts_ar(int style)
{
	return style == FG_ITEM_AR || style == FG_ITEM_AR_CLOSE;
}

static void put_num(fg_buf *b, long num, int ar)
{
	if (ar) {
		fg_buf_printf(b, "%ld", num);
		return;
	}
	char *cn = fg_cn_number_format(num);
	fg_buf_puts(b, cn);
	free(cn);
}

void fg_item_key_put(fg_buf *b, int style, long num, int prev_style)
{
	if (prev_style == FG_ITEM_AR && starts_ar(style))
		fg_buf_putc(b, '.'); /* 1.2, not 12 */
	else if (prev_style == FG_ITEM_CN && starts_cn(style))
		fg_buf_puts(b, "、"); /* 二、一, not 二一 */
	int ar = style == FG_ITEM_AR || style == FG_ITEM_AR_PAREN || style == FG_ITEM_AR_CLOSE;
	if (style == FG_ITEM_PART)
		fg_buf_puts(b, "第");
	if (style == FG_ITEM_CN_PAREN || style == FG_ITEM_AR_PAREN)
		fg_buf_puts(b, "（");
	put_num(b, num, ar);
	if (style == FG_ITEM_PART)
		fg_buf_puts(b, "部分");
	else if (style == FG_ITEM_CN_PAREN || style == FG_ITEM_AR_PAREN || style == FG_ITEM_AR_CLOSE)
		fg_buf_puts(b, "）");
	else if (style == FG_ITEM_SHI)
		fg_buf_puts(b, "是");
}

/* One component of a label as typed: separators optional. */
static int typed_component(const char *s, size_t len, fg_item_mark *m, int *explicit_mark)
{
	*explicit_mark = 1;
	if (part_mark(s, len, m) || paren_mark(s, len, m) || bare_mark(s, len, m))
		return 1;
	size_t n;
	int ar;
	long v = any_number(s, len, &n, &ar);
	if (v < 1)
		return 0;
	int shi = !ar && has_prefix(s + n, len - n, "是"); /* 一是 ends the label */
	*explicit_mark = shi;
	m->style = shi ? FG_ITEM_SHI : ar ? FG_ITEM_AR : FG_ITEM_CN;
	m->num = v;
	m->len = n + (shi ? 3 : 0);
	return 1;
}

/*
 * The components of a typed label into v (at most max), with where each
 * starts and ends in s (starts, ends: may be NULL); their count, 0 when s
 * is no label. Blanks and a separator (、 . ．) between components are skipped.
 */
static size_t label_components(const char *s, size_t len, fg_item_mark *v, size_t max, int *marked, size_t *starts,
			       size_t *ends)
{
	size_t pos = 0, n = 0, w;
	*marked = 0;
	while (pos < len) {
		if ((w = fg_parse_ws_at(s + pos, len - pos)) || (n && (w = lit_at(s + pos, len - pos, seps)))) {
			pos += w;
			continue;
		}
		int ex;
		if (n == max || !typed_component(s + pos, len - pos, &v[n], &ex))
			return 0;
		*marked |= ex;
		if (starts)
			starts[n] = pos;
		/* a component's own key ends before its separator (二 of 二、一是) */
		size_t core = v[n].len, k = v[n].style == FG_ITEM_CN || v[n].style == FG_ITEM_AR;
		for (int i = 0; k && seps[i]; i++)
			if (core > strlen(seps[i]) &&
			    !memcmp(s + pos + core - strlen(seps[i]), seps[i], strlen(seps[i]))) {
				core -= strlen(seps[i]);
				break;
			}
		if (ends)
			ends[n] = pos + core;
		pos += v[n].len;
		n++;
	}
	return n;
}

size_t fg_item_label_prefixes(const char *label, size_t *ends, size_t max, size_t *last)
{
	fg_item_mark v[8];
	size_t starts[8], e[8];
	int marked;
	size_t n = label ? label_components(label, strlen(label), v, 8, &marked, starts, e) : 0;
	for (size_t i = 0; i < n && i < max; i++)
		ends[i] = e[i];
	if (n && last)
		*last = starts[n - 1];
	return n < max ? n : max;
}

int fg_item_label_key(const char *s, size_t len, char **key)
{
	fg_item_mark v[8];
	int marked;
	*key = NULL;
	size_t n = label_components(s, len, v, 8, &marked, NULL, NULL);
	/* a lone Arabic number (12, 2020) is no label: 12. or （12） is */
	if (!n || (n == 1 && v[0].style == FG_ITEM_AR && !marked))
		return 0;
	fg_buf b = {0};
	for (size_t i = 0; i < n; i++)
		fg_item_key_put(&b, v[i].style, v[i].num, i ? v[i - 1].style : FG_ITEM_NONE);
	*key = fg_buf_detach(&b);
	return 1;
}

char *fg_item_label_display(const char *label)
{
	fg_item_mark v[8];
	int marked;
	size_t len = label ? strlen(label) : 0;
	size_t n = len ? label_components(label, len, v, 8, &marked, NULL, NULL) : 0;
	if (!n)
		return fg_xstrdup(label ? label : ""); /* 第十条, or nothing */
	fg_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		int st = v[i].style;
		fg_item_key_put(&b, st, v[i].num, FG_ITEM_NONE);
		if (st == FG_ITEM_CN)
			fg_buf_puts(&b, "、");
		else if (st == FG_ITEM_AR)
			fg_buf_putc(&b, '.');
		else if (st == FG_ITEM_PART && i + 1 < n)
			fg_buf_putc(&b, ' ');
	}
	return fg_buf_detach(&b);
}

/* ---- the outline of a document ---- */

#define MAX_DEPTH 8    /* deeper markers stay text */
#define QUOTE_REACH 40 /* blocks an open quotation keeps markers from counting */

/* The last quotation mark of s: 1 an opening “, 2 a closing ”, 0 none. */
static int last_quote(const char *s, size_t len)
{
	for (size_t i = len; i >= 3; i--) {
		if (!memcmp(s + i - 3, "“", 3))
			return 1;
		if (!memcmp(s + i - 3, "”", 3))
			return 2;
	}
	return 0;
}

/* The markers of blocks[from..end) into c, with the last quotation mark of every block. */
static void candidates(const blocks *bs, size_t from, size_t end, fg_item_cand *c)
{
	for (size_t i = from; i < end; i++) {
		const block *b = &bs->v[i];
		fg_item_mark m;
		c[i].style = FG_ITEM_NONE;
		c[i].depth = -1;
		c[i].quote = 0;
		if (b->kind != B_PARA && b->kind != B_HEAD)
			continue;
		if (!b->table && fg_item_mark_parse(b->text, b->len, &m)) {
			c[i].style = m.style;
			c[i].num = m.num;
		}
		c[i].quote = last_quote(b->text, b->len);
	}
}

/*
 * One pass over the candidates of the allowed styles: a style already open
 * in the outline takes its next number (closing the levels below it), a new
 * style opens a level below the current one at 1, or where the same style
 * left off under the previous parent (items numbered 1-40 across sections).
 * Inside a quotation no new level opens (an amendment quotes the items of
 * the article it rewrites, each paragraph opening with “ and only the last
 * closing it; a quotation left open ends at the next item). Barriers
 * (headings) close every level. maxnum[style] gets the highest number
 * accepted; returns the number of items.
 */
static size_t outline(fg_item_cand *c, size_t from, size_t end, const unsigned char *barrier, unsigned allowed,
		      long *maxnum)
{
	struct {
		int style;
		long last;
	} st[MAX_DEPTH];
	long seen[FG_ITEM_NSTYLES] = {0};
	int depth = 0, open = 0;
	size_t n = 0, open_at = 0;
	for (size_t i = from; i < end; i++) {
		c[i].depth = -1;
		if (barrier && barrier[i])
			depth = 0;
		int s = c[i].style, quoted = open && i - open_at <= QUOTE_REACH;
		long num = c[i].num;
		int k = 0;
		while (s && k < depth && st[k].style != s)
			k++;
		if (!s || !(allowed & (1u << s)))
			k = -1;
		else if (k < depth)
			k = num == st[k].last + 1 ? k : -1;
		else if (quoted || depth == MAX_DEPTH || (num != 1 && !(seen[s] && num == seen[s] + 1)))
			k = -1;
		if (k >= 0) {
			st[k].style = s;
			st[k].last = num;
			depth = k + 1;
			c[i].depth = k;
			seen[s] = num;
			if (num > maxnum[s])
				maxnum[s] = num;
			n++;
			open = 0;
		}
		if (c[i].quote)
			open = c[i].quote == 1, open_at = i;
	}
	return n;
}

size_t fg_parse_item_plan(const blocks *bs, size_t from, size_t end, const unsigned char *barrier, fg_item_cand *c)
{
	candidates(bs, from, end, c);
	unsigned allowed = 0;
	for (int s = 1; s < FG_ITEM_NSTYLES; s++)
		allowed |= 1u << s;
	size_t n = 0;
	/* a style that never reaches its second item is no numbering (一、二级公路 …): drop it and look again */
	for (int round = 0; round < FG_ITEM_NSTYLES; round++) {
		long maxnum[FG_ITEM_NSTYLES] = {0};
		n = outline(c, from, end, barrier, allowed, maxnum);
		unsigned next = allowed;
		for (int s = 1; s < FG_ITEM_NSTYLES; s++)
			if (maxnum[s] < 2)
				next &= ~(1u << s);
		if (next == allowed)
			break;
		allowed = next;
	}
	return n;
}
