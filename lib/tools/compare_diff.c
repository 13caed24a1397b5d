/*
 * compare_diff.c - the changed spans of two texts marked by words and
 * phrases, not characters (versions_int.h). The texts are cut into atoms: a
 * Han character, a number (digits, or Chinese numerals such as 二百五十一,
 * kept whole), a Latin word, a punctuation mark. A longest common
 * subsequence of atoms gives the edits, which are then made readable the way
 * diff-match-patch's semantic cleanup does (Neil Fraser, "Diff Strategies"):
 * an insertion or deletion that can slide is moved to clause boundaries
 * (，除法律另有规定外 becomes 除法律另有规定外，), and an equality no longer
 * than the edits on both sides of it is folded into them (the one 审 that
 * 执行陪审职务 and 参加审判活动 share), unless it holds a clause mark
 * (，；。、：！？) or a line end. Equal texts give no spans.
 */
#include "versions_int.h"

#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DIFF_MAX_CELLS 4000000 /* largest LCS table; beyond, the whole middle is marked */

enum { A_HAN, A_NUM, A_WORD, A_CLAUSE, A_SPACE, A_OTHER };

typedef struct atom {
	size_t s, e;  /* byte range in the text */
	unsigned ncp; /* code points */
	int cls;      /* A_* */
	uint64_t h;   /* hash of the bytes */
} atom;

typedef struct atoms {
	const char *t;
	atom *v;
	size_t n;
	size_t *cp; /* cp[i]: code points of atoms [0, i) (n + 1 entries) */
} atoms;

typedef struct seg {
	int eq;         /* 1: atoms a[a0, a1) equal b[b0, b1); 0: a's replaced by b's */
	size_t a0, a1;  /* atoms of a */
	size_t b0, b1;  /* atoms of b */
} seg;

typedef struct segs {
	seg *v;
	size_t n;
} segs;

static int is_numeral(uint32_t cp)
{
	static const uint32_t zh[] = {0x3007, 0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03,
				      0x516b, 0x4e5d, 0x5341, 0x767e, 0x5343, 0x4e07, 0x4ebf, 0x4e24};
	/* 〇零一二三四五六七八九十百千万亿两 */
	if ((cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19))
		return 1;
	for (size_t i = 0; i < sizeof zh / sizeof *zh; i++)
		if (cp == zh[i])
			return 1;
	return 0;
}

static int is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xff21 && cp <= 0xff3a) ||
	       (cp >= 0xff41 && cp <= 0xff5a);
}

static int cls_of(uint32_t cp)
{
	if (is_numeral(cp))
		return A_NUM;
	if (is_latin(cp))
		return A_WORD;
	if (fg_is_han(cp))
		return A_HAN;
	switch (cp) {
	case '\n': case '\r': case ',': case ';': case ':': case '!': case '?': case '.':
	case 0xff0c: case 0xff1b: case 0x3002: case 0x3001: case 0xff1a: case 0xff01: case 0xff1f:
		return A_CLAUSE;
	case ' ': case '\t': case 0x3000:
		return A_SPACE;
	default:
		return A_OTHER;
	}
}

/* Whether code point cp continues an atom of class cls (a number goes on with digits, a word with letters or digits). */
static int continues(int cls, uint32_t cp, int ccls)
{
	if (cls == A_NUM)
		return ccls == A_NUM;
	if (cls == A_WORD)
		return ccls == A_WORD || (cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19);
	return 0;
}

static void cut(const char *t, size_t len, atoms *out)
{
	out->t = t;
	out->v = fg_xcalloc(len + 1, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = fg_utf8_decode(t + i, len - i, &cp);
		atom *a = &out->v[out->n++];
		a->s = i;
		a->cls = cls_of(cp);
		a->ncp = 1;
		i += k;
		while (i < len) {
			k = fg_utf8_decode(t + i, len - i, &cp);
			int c = cls_of(cp);
			/* a decimal point or separator between digits stays inside the number */
			if (a->cls == A_NUM && (cp == '.' || cp == ',') && i + 1 < len && t[i + 1] >= '0' && t[i + 1] <= '9')
				c = A_NUM;
			if (!continues(a->cls, cp, c))
				break;
			a->ncp++;
			i += k;
		}
		a->e = i;
		a->h = fg_hash64(t + a->s, a->e - a->s);
	}
	out->cp = fg_xcalloc(out->n + 1, sizeof *out->cp);
	for (size_t i = 0; i < out->n; i++)
		out->cp[i + 1] = out->cp[i] + out->v[i].ncp;
}

static int same(const atoms *x, size_t i, const atoms *y, size_t j)
{
	const atom *p = &x->v[i], *q = &y->v[j];
	return p->h == q->h && p->e - p->s == q->e - q->s && !memcmp(x->t + p->s, y->t + q->s, p->e - p->s);
}

/* Append a segment, joining it to the last one when both are equalities or both edits. */
static void seg_push(segs *g, int eq, size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (a0 == a1 && b0 == b1)
		return;
	if (g->n && g->v[g->n - 1].eq == eq) {
		g->v[g->n - 1].a1 = a1;
		g->v[g->n - 1].b1 = b1;
		return;
	}
	g->v = fg_xrealloc(g->v, (g->n + 1) * sizeof *g->v);
	g->v[g->n++] = (seg){eq, a0, a1, b0, b1};
}

/* The segments of a longest common subsequence of the atoms of a and b. */
static void lcs(const atoms *a, const atoms *b, segs *g)
{
	size_t n = a->n, m = b->n, p = 0, s = 0;
	while (p < n && p < m && same(a, p, b, p))
		p++;
	while (s < n - p && s < m - p && same(a, n - 1 - s, b, m - 1 - s))
		s++;
	size_t n2 = n - p - s, m2 = m - p - s;
	seg_push(g, 1, 0, p, 0, p);
	if (n2 && m2 && (double)(n2 + 1) * (double)(m2 + 1) <= DIFF_MAX_CELLS) {
		unsigned *t = fg_xcalloc((n2 + 1) * (m2 + 1), sizeof *t);
#define T(i, j) t[(i) * (m2 + 1) + (j)]
		for (size_t i = n2; i-- > 0;)
			for (size_t j = m2; j-- > 0;)
				T(i, j) = same(a, p + i, b, p + j)
						  ? T(i + 1, j + 1) + 1
						  : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
		size_t i = 0, j = 0, ci = 0, cj = 0; /* (ci, cj): where the pending edit starts */
		while (i < n2 && j < m2) {
			if (same(a, p + i, b, p + j)) {
				seg_push(g, 0, p + ci, p + i, p + cj, p + j);
				seg_push(g, 1, p + i, p + i + 1, p + j, p + j + 1);
				ci = ++i;
				cj = ++j;
			} else if (T(i, j + 1) >= T(i + 1, j)) {
				j++;
			} else {
				i++;
			}
		}
#undef T
		free(t);
		seg_push(g, 0, p + ci, p + n2, p + cj, p + m2);
	} else {
		seg_push(g, 0, p, p + n2, p, p + m2);
	}
	seg_push(g, 1, n - s, n, m - s, m);
}

/* How good a place for an edit's edge the boundary before atom at of x is: text edge 3, after a clause mark 2, ... */
static int edge_score(const atoms *x, size_t at)
{
	if (at == 0 || at >= x->n)
		return 3;
	int l = x->v[at - 1].cls, r = x->v[at].cls;
	if (l == A_CLAUSE)
		return 2;
	if (r == A_CLAUSE || l == A_SPACE || r == A_SPACE)
		return 1;
	return l != r;
}

static void seg_remove(segs *g, size_t k)
{
	memmove(&g->v[k], &g->v[k + 1], (g->n - k - 1) * sizeof *g->v);
	g->n--;
}

/*
 * Slide the pure insertion or deletion g->v[k] (one side empty) along the
 * equal atoms around it to the place with the best edges; an equality
 * between two edits keeps at least one atom. Returns the new index of the edit.
 */
static size_t slide(segs *g, size_t k, const atoms *a, const atoms *b)
{
	seg *e = &g->v[k], *p = k > 0 ? &g->v[k - 1] : NULL, *q = k + 1 < g->n ? &g->v[k + 1] : NULL;
	int ins = e->a0 == e->a1;
	const atoms *x = ins ? b : a;
	size_t x0 = ins ? e->b0 : e->a0, x1 = ins ? e->b1 : e->a1;
	size_t plen = p ? p->a1 - p->a0 : 0, qlen = q ? q->a1 - q->a0 : 0;
	size_t pkeep = k >= 2, qkeep = k + 2 < g->n, left = 0, right = 0;
	while (left + pkeep < plen && same(x, x1 - 1 - left, x, x0 - 1 - left))
		left++;
	while (right + qkeep < qlen && same(x, x0 + right, x, x1 + right))
		right++;
	if (!left && !right)
		return k;
	long best = 0;
	int bscore = edge_score(x, x0) + edge_score(x, x1);
	for (long d = -(long)left; d <= (long)right; d++) {
		int sc = edge_score(x, x0 + d) + edge_score(x, x1 + d);
		if (sc > bscore || (sc == bscore && labs(d) < labs(best)))
			bscore = sc, best = d;
	}
	e->a0 += best, e->a1 += best, e->b0 += best, e->b1 += best;
	p->a1 += best, p->b1 += best;
	q->a0 += best, q->b0 += best;
	if (q->a0 == q->a1)
		seg_remove(g, k + 1);
	if (p->a0 == p->a1) {
		seg_remove(g, k - 1);
		k--;
	}
	return k;
}

static void slide_all(segs *g, const atoms *a, const atoms *b)
{
	for (size_t k = 0; k < g->n; k++)
		if (!g->v[k].eq && (g->v[k].a0 == g->v[k].a1 || g->v[k].b0 == g->v[k].b1) && g->n > 1 &&
		    k > 0 && k + 1 < g->n)
			k = slide(g, k, a, b);
}

static int has_clause(const atoms *x, size_t i0, size_t i1)
{
	for (size_t i = i0; i < i1; i++)
		if (x->v[i].cls == A_CLAUSE)
			return 1;
	return 0;
}

static size_t edit_len(const seg *e, const atoms *a, const atoms *b)
{
	size_t la = a->cp[e->a1] - a->cp[e->a0], lb = b->cp[e->b1] - b->cp[e->b0];
	return la > lb ? la : lb;
}

/* Fold one equality between two edits that is no longer than either of them into one edit; 1 when one was. */
static int fold(segs *g, const atoms *a, const atoms *b)
{
	for (size_t k = 1; k + 1 < g->n; k++) {
		seg *p = &g->v[k - 1], *e = &g->v[k], *q = &g->v[k + 1];
		if (!e->eq || p->eq || q->eq || has_clause(a, e->a0, e->a1))
			continue;
		size_t len = a->cp[e->a1] - a->cp[e->a0];
		if (len > edit_len(p, a, b) || len > edit_len(q, a, b))
			continue;
		p->a1 = q->a1;
		p->b1 = q->b1;
		seg_remove(g, k);
		seg_remove(g, k);
		return 1;
	}
	return 0;
}

static void span_add(size_t **v, size_t *n, size_t s, size_t e)
{
	if (s >= e)
		return;
	if (*n && (*v)[2 * *n - 1] == s) {
		(*v)[2 * *n - 1] = e;
		return;
	}
	*v = fg_xrealloc(*v, (2 * *n + 2) * sizeof **v);
	(*v)[2 * *n] = s;
	(*v)[2 * *n + 1] = e;
	(*n)++;
}

void fg_diff_spans(const char *a, size_t alen, size_t abase, const char *b, size_t blen, size_t bbase,
		   fg_cmp_row *row)
{
	atoms x, y;
	cut(a, alen, &x);
	cut(b, blen, &y);
	segs g = {0};
	lcs(&x, &y, &g);
	slide_all(&g, &x, &y);
	while (fold(&g, &x, &y))
		;
	slide_all(&g, &x, &y);
	for (size_t k = 0; k < g.n; k++) {
		const seg *e = &g.v[k];
		if (e->eq)
			continue;
		if (e->a0 < e->a1)
			span_add(&row->a_spans, &row->na, abase + x.v[e->a0].s, abase + x.v[e->a1 - 1].e);
		if (e->b0 < e->b1)
			span_add(&row->b_spans, &row->nb, bbase + y.v[e->b0].s, bbase + y.v[e->b1 - 1].e);
	}
	free(g.v);
	free(x.v);
	free(x.cp);
	free(y.v);
	free(y.cp);
}
