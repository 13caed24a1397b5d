/*
 * snippet.c - highlighting for result pages. The stored text is normalized
 * with its offset map, the (normalized) needles are found there by plain
 * substring search, and every match is mapped back to whole code points of
 * the original text, so a query in simplified characters marks traditional
 * ones and full-width letters. Output is always valid, HTML-escaped UTF-8
 * (invalid bytes become U+FFFD) with <mark> around merged matches.
 *
 * fg_snippet chooses, among windows of max_chars code points that start at
 * a match, the one holding the most distinct needles (then the most
 * matches, then the earliest), centres that cluster in the window, moves
 * the start forward to a line or sentence start when one is close, and
 * puts "…" where the text was cut.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct match {
	size_t s, e;   /* original byte range, whole code points */
	size_t needle; /* index of the needle */
} match;

typedef struct matches {
	match *m;
	size_t n, cap;
} matches;

static int cmp_match(const void *a, const void *b)
{
	const match *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;
	return 0;
}

static size_t orig_end(const char *text, size_t len, const size_t *map, size_t j)
{
	size_t o = map[j];
	uint32_t cp;
	return o + fg_utf8_decode(text + o, len - o, &cp);
}

/* All (overlapping) occurrences of every needle, sorted by start. */
static void find_matches(const char *text, size_t len, const char *const *needles, size_t n, matches *out)
{
	char *norm;
	size_t nlen, *map;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return;
	fg_normalize(text, len, &norm, &nlen, &map, NULL);
	for (size_t k = 0; k < n; k++) {
		char *nd;
		size_t ndlen, p = 0;
		if (!needles[k] || !needles[k][0])
			continue;
		fg_normalize(needles[k], strlen(needles[k]), &nd, &ndlen, NULL, NULL);
		while (ndlen > 0 && p + ndlen <= nlen) {
			const char *hit = memmem(norm + p, nlen - p, nd, ndlen);
			uint32_t cp;
			if (!hit)
				break;
			size_t at = (size_t)(hit - norm);
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 16;
				out->m = fg_xrealloc(out->m, out->cap * sizeof *out->m);
			}
			out->m[out->n].s = map[at];
			out->m[out->n].e = orig_end(text, len, map, at + ndlen - 1);
			out->m[out->n].needle = k;
			out->n++;
			p = at + fg_utf8_decode(norm + at, nlen - at, &cp);
		}
		free(nd);
	}
	free(norm);
	free(map);
	if (out->n > 1)
		qsort(out->m, out->n, sizeof *out->m, cmp_match);
}

/* Append original bytes s[0..n) as escaped HTML, replacing invalid UTF-8. */
static void put_text(fg_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t w = fg_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && w == 1) {
			fg_buf_put_html(b, s + run, i - run);
			fg_buf_put(b, "\xEF\xBF\xBD", 3);
			run = i + 1;
		}
		i += w;
	}
	fg_buf_put_html(b, s + run, n - run);
}

/* Emit text[from..to) with the (sorted) matches merged into marks. */
static void put_marked(fg_buf *b, const char *text, size_t from, size_t to, const matches *ms)
{
	size_t at = from, i = 0;

	while (i < ms->n) {
		size_t s = ms->m[i].s, e = ms->m[i].e;
		/* Merge overlapping and adjacent matches. */
		for (i++; i < ms->n && ms->m[i].s <= e; i++)
			if (ms->m[i].e > e)
				e = ms->m[i].e;
		if (e <= from || s >= to)
			continue;
		if (s < at)
			s = at;
		if (e > to)
			e = to;
		put_text(b, text + at, s - at);
		fg_buf_puts(b, "<mark>");
		put_text(b, text + s, e - s);
		fg_buf_puts(b, "</mark>");
		at = e;
	}
	put_text(b, text + at, to - at);
}

char *fg_highlight_html(const char *text, size_t len, const char *const *needles, size_t n)
{
	fg_buf b = {0};
	matches ms;

	find_matches(text, len, needles, n, &ms);
	put_marked(&b, text, 0, len, &ms);
	free(ms.m);
	return fg_buf_detach(&b);
}

/* Index of the code point starting at byte offset off (off is a boundary). */
static size_t cp_index(const size_t *cpoff, size_t ncp, size_t off)
{
	size_t lo = 0, hi = ncp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cpoff[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_space_cp(const char *s, size_t len)
{
	return len == 1 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r');
}

char *fg_snippet(const char *text, size_t len, const char *const *needles, size_t n, size_t max_chars)
{
	fg_buf b = {0};
	matches ms;
	size_t ncp = 0, *cpoff, i, ws = 0, we;
	int cut_left, cut_right;
	uint32_t cp;

	find_matches(text, len, needles, n, &ms);
	/* Code point boundaries of the original (invalid bytes count one each). */
	cpoff = fg_xmalloc((len + 1) * sizeof *cpoff);
	for (i = 0; i < len; ncp++) {
		cpoff[ncp] = i;
		i += fg_utf8_decode(text + i, len - i, &cp);
	}
	cpoff[ncp] = len;

	if (max_chars == 0 || ncp <= max_chars) {
		put_marked(&b, text, 0, len, &ms);
		goto done;
	}

	if (ms.n > 0) {
		/* Slide over windows starting at each match; count distinct needles. */
		size_t *cnt = fg_xcalloc(n, sizeof *cnt);
		size_t j = 0, distinct = 0, bi = 0, bj = 0, best_d = 0, best_end;
		for (i = 0; i < ms.n; i++) {
			size_t limit = cp_index(cpoff, ncp, ms.m[i].s) + max_chars;
			if (j < i)
				j = i;
			while (j < ms.n && cp_index(cpoff, ncp, ms.m[j].e) <= limit) {
				if (cnt[ms.m[j].needle]++ == 0)
					distinct++;
				j++;
			}
			if (i == 0 || distinct > best_d || (distinct == best_d && j - i > bj - bi)) {
				bi = i;
				bj = j;
				best_d = distinct;
			}
			if (i < j && --cnt[ms.m[i].needle] == 0)
				distinct--;
		}
		free(cnt);
		size_t best = cp_index(cpoff, ncp, ms.m[bi].s);
		best_end = best + max_chars; /* a lone match longer than the window */
		if (bj > bi) {
			best_end = best;
			for (i = bi; i < bj; i++) {
				size_t ce = cp_index(cpoff, ncp, ms.m[i].e);
				if (ce > best_end)
					best_end = ce;
			}
		}
		/* Centre the cluster [best, best_end) in the window. */
		size_t span = best_end > best ? best_end - best : 0;
		size_t slack = span < max_chars ? max_chars - span : 0;
		ws = best > slack / 2 ? best - slack / 2 : 0;
		if (ws + max_chars > ncp)
			ws = ncp - max_chars;
		/* Start at a line or sentence start between ws and the cluster when there is one. */
		for (size_t q = best; q > ws; q--) {
			const char *c = text + cpoff[q - 1];
			size_t w = cpoff[q] - cpoff[q - 1];
			if ((w == 1 && *c == '\n') || (w == 3 && memcmp(c, "\xE3\x80\x82", 3) == 0)) {
				ws = q;
				break;
			}
		}
	}
	we = ws + max_chars < ncp ? ws + max_chars : ncp;
	cut_left = ws > 0;
	cut_right = we < ncp;
	/* Trim whitespace at the cuts. */
	while (ws < we && is_space_cp(text + cpoff[ws], cpoff[ws + 1] - cpoff[ws]))
		ws++;
	while (we > ws && is_space_cp(text + cpoff[we - 1], cpoff[we] - cpoff[we - 1]))
		we--;
	if (cut_left)
		fg_buf_puts(&b, "…");
	put_marked(&b, text, cpoff[ws], cpoff[we], &ms);
	if (cut_right)
		fg_buf_puts(&b, "…");
done:
	free(cpoff);
	free(ms.m);
	return fg_buf_detach(&b);
}
