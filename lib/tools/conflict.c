/*
 * conflict.c - extracting fine amounts, time limits and modal words from a
 * provision and comparing two similar provisions (see conflict.h). Items of
 * the two texts are paired by the words around them (character-bigram Dice
 * similarity), so "三日内…报告" pairs with "二十四小时内…报告" and a second
 * time limit elsewhere in the article is left alone.
 */
#include "conflict.h"

#include "doc.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CONTEXT_CPS 12   /* code points of context on each side used for pairing */
#define PAIR_MIN 0.25    /* least context similarity to pair two items (when not one each) */
#define PRED_MIN 0.6     /* least predicate similarity for two modal words to be about the same thing */
#define PRED_MAX_CPS 16  /* longest predicate, code points */
#define MAX_ITEMS 32

static int at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* Bytes of the code point at s[i] (1 for invalid bytes). */
static size_t cplen(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	return fg_utf8_decode(s + i, len - i, &cp);
}

/* Offset n code points back from i (not before 0). */
static size_t back_cps(const char *s, size_t i, size_t n)
{
	while (i > 0 && n > 0) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		n--;
	}
	return i;
}

static size_t fwd_cps(const char *s, size_t len, size_t i, size_t n)
{
	while (i < len && n-- > 0)
		i += cplen(s, len, i);
	return i;
}

/* Dice similarity of the code-point bigrams of two byte ranges. */
static double dice(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t x[64], y[64];
	size_t nx = 0, ny = 0;
	for (size_t i = 0; i < alen && nx < 64;)
		i += fg_utf8_decode(a + i, alen - i, &x[nx++]);
	for (size_t i = 0; i < blen && ny < 64;)
		i += fg_utf8_decode(b + i, blen - i, &y[ny++]);
	if (nx < 2 || ny < 2)
		return nx == ny && nx == 1 && x[0] == y[0] ? 1.0 : 0.0;
	size_t common = 0;
	char used[64] = {0};
	for (size_t i = 0; i + 1 < nx; i++)
		for (size_t j = 0; j + 1 < ny; j++)
			if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1]) {
				used[j] = 1;
				common++;
				break;
			}
	return 2.0 * (double)common / (double)(nx - 1 + ny - 1);
}

/* ---- amounts ---- */

/* A number followed by 元 (the numeral parser takes 万/亿 along). Sets *end past 元. */
static int yuan_at(const char *s, size_t len, size_t i, double *v, size_t *end)
{
	size_t used = 0;
	long n = fg_cn_number(s + i, len - i, &used);
	if (n < 0 || !at(s, len, i + used, "元"))
		return 0;
	*v = (double)n;
	*end = i + used + strlen("元");
	return 1;
}

size_t fg_extract_amounts(const char *s, size_t len, fg_amount *out, size_t max)
{
	size_t n = 0;
	size_t i = 0;
	while (i < len) {
		double v;
		size_t e;
		if (!yuan_at(s, len, i, &v, &e)) {
			/* skip a whole numeral so that its tail is not read as another number */
			size_t used = 0;
			if (fg_cn_number(s + i, len - i, &used) >= 0 && used > 0)
				i += used;
			else
				i += cplen(s, len, i);
			continue;
		}
		fg_amount a = {v, v, i, e};
		if (at(s, len, e, "以上")) {
			size_t e2 = e + strlen("以上");
			double v2;
			size_t e3;
			if (at(s, len, e2, "、") || at(s, len, e2, "，"))
				e2 += cplen(s, len, e2);
			if (yuan_at(s, len, e2, &v2, &e3) && at(s, len, e3, "以下")) {
				a.hi = v2;
				a.end = e3 + strlen("以下");
			} else {
				a.hi = -1;
				a.end = e2 == e + strlen("以上") ? e2 : e + strlen("以上");
			}
		} else if (at(s, len, e, "以下")) {
			a.lo = 0;
			a.end = e + strlen("以下");
		}
		/* a fine: 罚款/罚金 within a few characters */
		size_t look = fwd_cps(s, len, a.end, 6);
		int fine = 0;
		for (size_t k = a.end; k < look; k += cplen(s, len, k))
			if (at(s, len, k, "罚款") || at(s, len, k, "罚金"))
				fine = 1;
		if (fine) {
			if (n < max)
				out[n] = a;
			n++;
		}
		i = a.end;
	}
	return n;
}

/* ---- time limits ---- */

static const struct {
	const char *word;
	double hours;
} time_units[] = {
	{"个工作日", 24.0 * 7 / 5}, {"工作日", 24.0 * 7 / 5}, {"个小时", 1}, {"小时", 1}, {"日", 24}, {"天", 24},
	{"个月", 720}, {"月", 720}, {"年", 8760}, {"周", 168}, {"个星期", 168},
};

size_t fg_extract_times(const char *s, size_t len, fg_timelimit *out, size_t max)
{
	size_t n = 0;
	size_t i = 0;
	while (i < len) {
		size_t used = 0;
		long v = fg_cn_number(s + i, len - i, &used);
		if (v < 0 || used == 0) {
			i += cplen(s, len, i);
			continue;
		}
		/* 第十日 is a day, not a period */
		int ordinal = i >= strlen("第") && at(s, len, i - strlen("第"), "第");
		size_t e = i + used;
		double h = 0;
		for (size_t k = 0; k < sizeof time_units / sizeof time_units[0]; k++)
			if (at(s, len, e, time_units[k].word)) {
				h = time_units[k].hours;
				e += strlen(time_units[k].word);
				break;
			}
		size_t tail = 0;
		if (at(s, len, e, "以内"))
			tail = strlen("以内");
		else if (at(s, len, e, "之内"))
			tail = strlen("之内");
		else if (at(s, len, e, "内"))
			tail = strlen("内");
		else if (at(s, len, e, "前"))
			tail = strlen("前");
		if (h > 0 && tail && !ordinal && v > 0) {
			if (n < max) {
				out[n].hours = h * (double)v;
				out[n].start = i;
				out[n].end = e + tail;
			}
			n++;
			i = e + tail;
		} else {
			i += used;
		}
	}
	return n;
}

/* ---- modality ---- */

static const struct {
	const char *word;
	int cls;
} modal_words[] = {
	{"应当", FG_MODAL_OBLIGE},     {"必须", FG_MODAL_OBLIGE},     {"可以", FG_MODAL_PERMIT},
	{"鼓励", FG_MODAL_ENCOURAGE},  {"提倡", FG_MODAL_ENCOURAGE},  {"不得", FG_MODAL_PROHIBIT},
	{"禁止", FG_MODAL_PROHIBIT},   {"严禁", FG_MODAL_PROHIBIT},
};

static int is_break(const char *s, size_t len, size_t i)
{
	static const char *const stops[] = {"，", "。", "；", "：", "、", "！", "？", "\n", ",", ";", ":", ".", "（", "("};
	for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
		if (at(s, len, i, stops[k]))
			return 1;
	return 0;
}

size_t fg_extract_modals(const char *s, size_t len, fg_modal *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		int found = -1;
		for (size_t k = 0; k < sizeof modal_words / sizeof modal_words[0]; k++)
			if (at(s, len, i, modal_words[k].word)) {
				found = (int)k;
				break;
			}
		if (found < 0) {
			i += cplen(s, len, i);
			continue;
		}
		size_t e = i + strlen(modal_words[found].word);
		size_t p = e, cps = 0;
		while (p < len && cps < PRED_MAX_CPS && !is_break(s, len, p)) {
			p += cplen(s, len, p);
			cps++;
		}
		if (n < max) {
			out[n].cls = modal_words[found].cls;
			out[n].start = i;
			out[n].end = e;
			out[n].pend = p;
		}
		n++;
		i = e;
	}
	return n;
}

/* ---- comparison ---- */

const char *fg_conflict_type_name(int type)
{
	switch (type) {
	case FG_CONFLICT_AMOUNT: return "amount";
	case FG_CONFLICT_TIME: return "time";
	case FG_CONFLICT_MODALITY: return "modality";
	case FG_CONFLICT_LEVEL: return "level";
	case FG_CONFLICT_POWER: return "power";
	default: return "unknown";
	}
}

/* Similarity of the words around [start, end) in a and b. */
/* Past the fine word after an amount (的罚款, 罚金): the words after it say something of their own. */
static size_t past_fine(const char *s, size_t len, size_t e)
{
	if (at(s, len, e, "的"))
		e += strlen("的");
	if (at(s, len, e, "罚款") || at(s, len, e, "罚金"))
		e += strlen("罚款");
	return e;
}

static double context_sim(const char *a, size_t alen, size_t as, size_t ae, const char *b, size_t blen, size_t bs,
			  size_t be)
{
	size_t a0 = back_cps(a, as, CONTEXT_CPS), a1 = fwd_cps(a, alen, ae, CONTEXT_CPS);
	size_t b0 = back_cps(b, bs, CONTEXT_CPS), b1 = fwd_cps(b, blen, be, CONTEXT_CPS);
	double before = dice(a + a0, as - a0, b + b0, bs - b0);
	/* after: only a context of two characters or more (a lone 。 ending both texts says nothing) */
	double after = fg_utf8_count(a + ae, a1 - ae) < 2 || fg_utf8_count(b + be, b1 - be) < 2
			       ? 0
			       : dice(a + ae, a1 - ae, b + be, b1 - be);
	return before > after ? before : after;
}

/* The context similarity of every item of a with every item of b. */
static void context_matrix(const char *a, size_t alen, const size_t *as, const size_t *ae, size_t na, const char *b,
			   size_t blen, const size_t *bs, const size_t *be, size_t nb, double sim[MAX_ITEMS][MAX_ITEMS])
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			sim[i][j] = context_sim(a, alen, as[i], ae[i], b, blen, bs[j], be[j]);
}

/*
 * Pair items of a with items of b, one to one: the pairs of highest score
 * (sim) first, at least PAIR_MIN, unless each side has exactly one item
 * (then they pair whatever their context). pair[i] = index in b or -1.
 */
static void pair_greedy(double sim[MAX_ITEMS][MAX_ITEMS], size_t na, size_t nb, int *pair)
{
	int used[MAX_ITEMS] = {0};
	for (size_t i = 0; i < na; i++)
		pair[i] = -1;
	if (na == 1 && nb == 1 && sim[0][0] > -1) {
		pair[0] = 0;
		return;
	}
	for (;;) {
		double best = -1;
		int bi = -1, bj = -1;
		for (size_t i = 0; i < na; i++)
			for (size_t j = 0; j < nb; j++)
				if (pair[i] < 0 && !used[j] && sim[i][j] >= PAIR_MIN && sim[i][j] > best) {
					best = sim[i][j];
					bi = (int)i;
					bj = (int)j;
				}
		if (bi < 0)
			return;
		pair[bi] = bj;
		used[bj] = 1;
	}
}

/* Pair items by their context alone (time limits). */
static void pair_items(const char *a, size_t alen, const size_t *as, const size_t *ae, size_t na, const char *b,
		       size_t blen, const size_t *bs, const size_t *be, size_t nb, int *pair)
{
	double sim[MAX_ITEMS][MAX_ITEMS];
	context_matrix(a, alen, as, ae, na, b, blen, bs, be, nb, sim);
	pair_greedy(sim, na, nb, pair);
}

/* Copy the bytes [s, e) of t into out (cut at a code point boundary). */
static void span_copy(char *out, size_t cap, const char *t, size_t s, size_t e)
{
	size_t n = e - s;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)t[s + n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, t + s, n);
	out[n] = '\0';
}

static const char *modal_name(int cls)
{
	switch (cls) {
	case FG_MODAL_OBLIGE: return "义务性（应当）";
	case FG_MODAL_PERMIT: return "授权性（可以）";
	case FG_MODAL_ENCOURAGE: return "倡导性（鼓励）";
	default: return "禁止性（不得）";
	}
}

/* Strictness of a modal class: higher is stricter; -1 when not comparable. */
static int modal_strength(int cls)
{
	switch (cls) {
	case FG_MODAL_OBLIGE: return 2;
	case FG_MODAL_PERMIT: return 0;
	case FG_MODAL_ENCOURAGE: return 0;
	default: return 2;
	}
}

static void add(fg_conflict *out, size_t max, size_t *n, int type, size_t as, size_t ae, size_t bs, size_t be,
		int stricter, const char *note)
{
	if (*n < max) {
		fg_conflict *c = &out[*n];
		c->type = type;
		c->a_start = as;
		c->a_end = ae;
		c->b_start = bs;
		c->b_end = be;
		c->stricter = stricter;
		snprintf(c->note, sizeof c->note, "%s", note);
	}
	(*n)++;
}

static const char *dir_word(int stricter)
{
	return stricter > 0 ? "后者更严" : stricter < 0 ? "前者更严" : "";
}

/* Two texts being compared and the conflicts found so far. */
struct cmp {
	const char *a, *b;
	size_t alen, blen;
	fg_conflict *out;
	size_t max, n;
	int sup;              /* 1: b is a's superior law, -1: a is b's, 0: neither */
	int beyond;           /* index + 1 of the first fine of the lower rule reaching past the superior's range */
};

static size_t cap(size_t n)
{
	return n > MAX_ITEMS ? MAX_ITEMS : n;
}

/*
 * Where the lower rule's fine lo stands to the superior's hi: 1 inside its
 * range (a 具体化 the superior law allows: no finding), 2 past it on both
 * sides (超出幅度), 0 otherwise.
 */
static int fine_within(const fg_amount *lo, const fg_amount *hi)
{
	double lh = lo->hi < 0 ? INFINITY : lo->hi, hh = hi->hi < 0 ? INFINITY : hi->hi;
	if (lo->lo >= hi->lo && lh <= hh)
		return 1;
	return lo->lo < hi->lo && lh > hh ? 2 : 0;
}

/* Who a fine is for, from the words before it in its clause: 2 单位, 1 个人, 0 not said. */
static int fine_subject(const char *s, size_t start)
{
	size_t i = start, n = 0;
	while (i > 0 && n < 8) {
		size_t p = back_cps(s, i, 1);
		if (is_break(s, start, p))
			break;
		i = p;
		n++;
	}
	for (size_t k = i; k + 6 <= start; k += cplen(s, start, k)) {
		if (at(s, start, k, "单位"))
			return 2;
		if (at(s, start, k, "个人"))
			return 1;
	}
	return 0;
}

/*
 * What pairs two fines beyond their context: the same amount pairs first (a
 * fine for individuals with the other text's same fine, not with its fine
 * for units); a fine for units never pairs with one for individuals, and
 * with one that does not say only on a close context.
 */
static double fine_bonus(const struct cmp *c, const fg_amount *p, const fg_amount *q)
{
	int sp = fine_subject(c->a, p->start), sq = fine_subject(c->b, q->start);
	if (sp && sq && sp != sq)
		return -2;
	if (p->lo == q->lo && p->hi == q->hi)
		return 1;
	return (sp == 2) != (sq == 2) ? -0.3 : 0;
}

/* Different fines for the same act. */
static void amounts_pass(struct cmp *c)
{
	char note[256], x[64], y[64];
	size_t as[MAX_ITEMS] = {0}, ae[MAX_ITEMS] = {0}, bs[MAX_ITEMS] = {0}, be[MAX_ITEMS] = {0};
	int pair[MAX_ITEMS];
	fg_amount am[MAX_ITEMS], bm[MAX_ITEMS];
	size_t na = cap(fg_extract_amounts(c->a, c->alen, am, MAX_ITEMS));
	size_t nb = cap(fg_extract_amounts(c->b, c->blen, bm, MAX_ITEMS));
	for (size_t i = 0; i < na; i++)
		as[i] = am[i].start, ae[i] = am[i].end;
	for (size_t j = 0; j < nb; j++)
		bs[j] = bm[j].start, be[j] = bm[j].end;
	double sim[MAX_ITEMS][MAX_ITEMS];
	size_t af[MAX_ITEMS] = {0}, bf[MAX_ITEMS] = {0}; /* "罚款" is after every fine: the context starts past it */
	for (size_t i = 0; i < na; i++)
		af[i] = past_fine(c->a, c->alen, ae[i]);
	for (size_t j = 0; j < nb; j++)
		bf[j] = past_fine(c->b, c->blen, be[j]);
	context_matrix(c->a, c->alen, as, af, na, c->b, c->blen, bs, bf, nb, sim);
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			sim[i][j] += fine_bonus(c, &am[i], &bm[j]);
	pair_greedy(sim, na, nb, pair);
	for (size_t i = 0; i < na; i++) {
		if (pair[i] < 0)
			continue;
		const fg_amount *p = &am[i], *q = &bm[pair[i]];
		if ((p->lo == q->lo && p->hi == q->hi))
			continue;
		int within = c->sup > 0 ? fine_within(p, q) : c->sup < 0 ? fine_within(q, p) : 0;
		if (within == 1)
			continue;
		double ph = p->hi < 0 ? INFINITY : p->hi, qh = q->hi < 0 ? INFINITY : q->hi;
		int s = (q->lo >= p->lo && qh >= ph) ? 1 : (q->lo <= p->lo && qh <= ph) ? -1 : 0;
		span_copy(x, sizeof x, c->a, p->start, p->end);
		span_copy(y, sizeof y, c->b, q->start, q->end);
		snprintf(note, sizeof note, "罚款数额不同：%s / %s%s%s", x, y, s ? "，" : "", dir_word(s));
		if (within == 2 && !c->beyond)
			c->beyond = (int)c->n + 1;
		add(c->out, c->max, &c->n, FG_CONFLICT_AMOUNT, p->start, p->end, q->start, q->end, s, note);
	}
}

/* Different time limits for the same act. */
static void times_pass(struct cmp *c)
{
	char note[256], x[64], y[64];
	size_t as[MAX_ITEMS] = {0}, ae[MAX_ITEMS] = {0}, bs[MAX_ITEMS] = {0}, be[MAX_ITEMS] = {0};
	int pair[MAX_ITEMS];
	fg_timelimit at_[MAX_ITEMS], bt[MAX_ITEMS];
	size_t na = cap(fg_extract_times(c->a, c->alen, at_, MAX_ITEMS));
	size_t nb = cap(fg_extract_times(c->b, c->blen, bt, MAX_ITEMS));
	for (size_t i = 0; i < na; i++)
		as[i] = at_[i].start, ae[i] = at_[i].end;
	for (size_t j = 0; j < nb; j++)
		bs[j] = bt[j].start, be[j] = bt[j].end;
	pair_items(c->a, c->alen, as, ae, na, c->b, c->blen, bs, be, nb, pair);
	for (size_t i = 0; i < na; i++) {
		if (pair[i] < 0)
			continue;
		const fg_timelimit *p = &at_[i], *q = &bt[pair[i]];
		if (fabs(p->hours - q->hours) < 1e-9)
			continue;
		int s = q->hours < p->hours ? 1 : -1; /* a shorter limit is stricter */
		span_copy(x, sizeof x, c->a, p->start, p->end);
		span_copy(y, sizeof y, c->b, q->start, q->end);
		snprintf(note, sizeof note, "期限不同：%s / %s，%s", x, y, dir_word(s));
		add(c->out, c->max, &c->n, FG_CONFLICT_TIME, p->start, p->end, q->start, q->end, s, note);
	}
}

/* Different modality (应当 / 可以 / 不得) of the same predicate. */
static void modality_pass(struct cmp *c)
{
	char note[256];
	fg_modal amod[MAX_ITEMS], bmod[MAX_ITEMS];
	size_t na = cap(fg_extract_modals(c->a, c->alen, amod, MAX_ITEMS));
	size_t nb = cap(fg_extract_modals(c->b, c->blen, bmod, MAX_ITEMS));
	for (size_t i = 0; i < na; i++) {
		const fg_modal *p = &amod[i];
		int best = -1;
		double bestsim = PRED_MIN;
		for (size_t j = 0; j < nb; j++) {
			const fg_modal *q = &bmod[j];
			double sim = dice(c->a + p->end, p->pend - p->end, c->b + q->end, q->pend - q->end);
			if (sim >= bestsim) {
				bestsim = sim;
				best = (int)j;
			}
		}
		if (best < 0)
			continue;
		const fg_modal *q = &bmod[best];
		if (q->cls == p->cls)
			continue;
		int sp = modal_strength(p->cls), sq = modal_strength(q->cls);
		int s = sq > sp ? 1 : sq < sp ? -1 : 0;
		if ((p->cls == FG_MODAL_PERMIT && q->cls == FG_MODAL_ENCOURAGE) ||
		    (p->cls == FG_MODAL_ENCOURAGE && q->cls == FG_MODAL_PERMIT))
			continue; /* neither binds */
		snprintf(note, sizeof note, "规范性质不同：%s / %s%s%s", modal_name(p->cls), modal_name(q->cls),
			 s ? "，" : "（相互矛盾）", dir_word(s));
		add(c->out, c->max, &c->n, FG_CONFLICT_MODALITY, p->start, p->pend, q->start, q->pend, s, note);
	}
}

/*
 * Hierarchy: one finding for the pair, when b is a's superior law or a is
 * b's: the lower rule stricter or looser (the direction most findings show;
 * on a tie, the first finding's), else its fine past the superior's range,
 * else a contradiction (不得 / 应当).
 */
static void level_pass(struct cmp *c, const char *alevel, const char *blevel)
{
	char note[256];
	size_t nfound = c->n < c->max ? c->n : c->max;
	if (!c->sup)
		return;
	int lower_is_b = c->sup < 0;
	const char *hi = lower_is_b ? alevel : blevel, *lo = lower_is_b ? blevel : alevel;
	int votes[2] = {0, 0}, first[2] = {-1, -1}, contra = -1;
	for (size_t i = 0; i < nfound; i++) {
		const fg_conflict *f = &c->out[i];
		if (!f->stricter) {
			if (f->type == FG_CONFLICT_MODALITY && contra < 0)
				contra = (int)i;
			continue;
		}
		int lower_stricter = lower_is_b ? f->stricter > 0 : f->stricter < 0;
		votes[lower_stricter]++;
		if (first[lower_stricter] < 0)
			first[lower_stricter] = (int)i;
	}
	int at, dir = -1;
	if (votes[0] || votes[1]) {
		dir = votes[1] > votes[0] ? 1 : votes[0] > votes[1] ? 0 : first[1] < first[0] ? 1 : 0;
		at = first[dir];
		snprintf(note, sizeof note, "下位法（%s）比上位法（%s）%s（%s）", lo, hi, dir ? "更严格" : "更宽松",
			 fg_conflict_type_name(c->out[at].type));
	} else if (c->beyond && c->beyond <= (int)nfound) {
		at = c->beyond - 1;
		snprintf(note, sizeof note, "下位法（%s）的罚款幅度超出上位法（%s）规定的幅度（amount）", lo, hi);
	} else if (contra >= 0) {
		at = contra;
		snprintf(note, sizeof note, "下位法（%s）与上位法（%s）的规范性质相互矛盾（modality）", lo, hi);
	} else {
		return;
	}
	const fg_conflict *f = &c->out[at];
	add(c->out, c->max, &c->n, FG_CONFLICT_LEVEL, f->a_start, f->a_end, f->b_start, f->b_end, f->stricter, note);
}

/* The hierarchy of two levels alone: 1 when b ranks above a, -1 when below, 0 when equal or unknown. */
static int rank_sup(const char *alevel, const char *blevel)
{
	int ra = alevel && *alevel ? fg_level_rank(alevel) : 10, rb = blevel && *blevel ? fg_level_rank(blevel) : 10;
	if (ra >= 10 || rb >= 10 || ra == rb)
		return 0;
	return rb < ra ? 1 : -1;
}

size_t fg_conflict_compare_sup(const char *a, size_t alen, const char *alevel, const char *b, size_t blen,
			       const char *blevel, int sup, fg_conflict *out, size_t max)
{
	struct cmp c = {a, b, alen, blen, out, max, 0, sup, 0};
	amounts_pass(&c);
	times_pass(&c);
	modality_pass(&c);
	level_pass(&c, alevel && *alevel ? alevel : "草案", blevel && *blevel ? blevel : "草案");
	return c.n;
}

size_t fg_conflict_compare(const char *a, size_t alen, const char *alevel, const char *b, size_t blen,
			   const char *blevel, fg_conflict *out, size_t max)
{
	return fg_conflict_compare_sup(a, alen, alevel, b, blen, blevel, rank_sup(alevel, blevel), out, max);
}
