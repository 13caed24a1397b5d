/*
 * qbuild.c - the strict translation of a parsed query (qparse.c) into a
 * Xapian query following the index term scheme (terms.h): bare Chinese text
 * is the exact substring, a phrase of its bigrams with a window equal to its
 * span (a reduced phrase when that is exact: cover_exact), matched in the
 * body or (weighted) in the title; fields, NAME第X条 references (title and
 * article number), proximity functions and the strings to highlight. The
 * token and phrase helpers here serve the relaxed query too (qrelax.c).
 */
#include "query.h"

#include "terms.h"

#include <stdlib.h>
#include <string.h>

/* ---- query tokens and terms (shared with qrelax.c) ---- */

static int collect(void *ctx, const fg_token *t)
{
	fg_qtoks *ts = ctx;
	if (t->len >= sizeof ts->v->text)
		return 0;
	ts->v = fg_xrealloc(ts->v, (ts->n + 1) * sizeof *ts->v);
	fg_qtok *k = &ts->v[ts->n++];
	memcpy(k->text, t->text, t->len);
	k->text[t->len] = '\0';
	k->len = t->len;
	k->kind = t->kind;
	k->pos = t->pos;
	return 0;
}

void fg_query_tokens(const char *text, size_t len, fg_qtoks *ts)
{
	fg_tokenize(text, len, FG_TOK_QUERY, collect, ts, NULL);
}

fg_xq *fg_query_term(const char *prefix, const char *text, size_t len)
{
	fg_buf t = {0};
	fg_term_field(&t, prefix, text, len);
	fg_xq *q = fg_xq_term(t.data, t.len, 1, 0);
	fg_buf_free(&t);
	return q;
}

/* The wildcard query of the terms starting with prefix + text, weighted 0: it only widens the match. */
static fg_xq *prefix_q(const char *prefix, const char *text, size_t len)
{
	fg_buf t = {0};
	fg_term_field(&t, prefix, text, len);
	fg_xq *w = fg_xq_wildcard(t.data, 0);
	fg_xq *q = fg_xq_scale(w, 0);
	fg_xq_free(w);
	fg_buf_free(&t);
	return q;
}

/* One Han character anywhere in the body: U<c> (run ends), <c> (lone), <c>* (bigrams it starts). */
static fg_xq *char_q(const char *c, size_t len)
{
	fg_xq *subs[3];
	subs[0] = fg_query_term(FG_PFX_CHAR, c, len);
	subs[1] = fg_query_term(FG_QBODY, c, len);
	/*
	 * The bigrams only widen the match set: their expansion is done per
	 * database, so weighting them would rank differently on remote shards
	 * than on one index; U<c> and <c> give the BM25 weight.
	 */
	subs[2] = prefix_q(FG_QBODY, c, len);
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, 3, 0);
	for (int i = 0; i < 3; i++)
		fg_xq_free(subs[i]);
	return q;
}

/*
 * Reduced phrases. The bigrams of a Han run of n + 1 characters overlap (AB
 * BC CD), so every other one (AB CD, and the last when n is odd) already
 * pins every character: the phrase needs position checks only for those,
 * and the others join it by AND for their weight (the score is the same,
 * a phrase weighing the sum of its terms). That halves the position lists
 * decoded per candidate, the cost of frequent short phrases (人民法院).
 * It is exact unless a repeated character lets the cover terms sit closer
 * together in the window: cover_exact() tries every other placement.
 */
#define COVER_MAX 12 /* bigrams: enumeration is C(n-1, k-1) placements */

struct cover {
	const fg_qtok *v; /* the run's bigrams, v[i] at offset i */
	size_t n, k;
	size_t off[COVER_MAX]; /* cover terms' offsets */
	size_t at[COVER_MAX];  /* a trial placement */
	const char *slot[COVER_MAX + 2];
	size_t slotlen[COVER_MAX + 2];
};

/* Byte length of the first UTF-8 character of a bigram. */
static size_t first_char_len(const fg_qtok *t)
{
	size_t l = 1;
	while (l < t->len && ((unsigned char)t->text[l] & 0xC0) == 0x80)
		l++;
	return l;
}

/* Whether cover term j can sit at placement position p without contradicting the characters placed so far. */
static int place(struct cover *c, size_t j, size_t p, int set)
{
	const fg_qtok *t = &c->v[c->off[j]];
	size_t l1 = first_char_len(t);
	const char *ch[2] = {t->text, t->text + l1};
	size_t cl[2] = {l1, t->len - l1};
	for (int h = 0; h < 2; h++) {
		size_t q = p + (size_t)h;
		if (c->slot[q] && (c->slotlen[q] != cl[h] || memcmp(c->slot[q], ch[h], cl[h])))
			return 0;
	}
	if (set)
		for (int h = 0; h < 2; h++)
			if (!c->slot[p + (size_t)h]) {
				c->slot[p + (size_t)h] = ch[h];
				c->slotlen[p + (size_t)h] = cl[h];
			}
	return 1;
}

/* 1 when some placement other than the intended one is consistent (term j onwards, from position min). */
static int other_placement(struct cover *c, size_t j, size_t min)
{
	if (j == c->k) {
		for (size_t i = 0; i < c->k; i++)
			if (c->at[i] != c->off[i])
				return 1;
		return 0;
	}
	for (size_t p = min; p + (c->k - j) <= c->n; p++) {
		const char *save[COVER_MAX + 2];
		size_t savelen[COVER_MAX + 2];
		memcpy(save, c->slot, sizeof save);
		memcpy(savelen, c->slotlen, sizeof savelen);
		if (place(c, j, p, 1)) {
			c->at[j] = p;
			if (other_placement(c, j + 1, p + 1))
				return 1;
		}
		memcpy(c->slot, save, sizeof save);
		memcpy(c->slotlen, savelen, sizeof savelen);
	}
	return 0;
}

/* Chooses the cover of a run of n consecutive bigrams; 0 when reducing is not exact or not worth it. */
static size_t cover_exact(struct cover *c, const fg_qtok *v, size_t n)
{
	if (n < 3 || n > COVER_MAX)
		return 0;
	c->v = v;
	c->n = n;
	c->k = 0;
	for (size_t i = 0; i < n; i += 2)
		c->off[c->k++] = i;
	if (c->off[c->k - 1] != n - 1)
		c->off[c->k++] = n - 1;
	memset(c->slot, 0, sizeof c->slot);
	c->at[0] = 0;
	if (!place(c, 0, 0, 1))
		return 0;
	return other_placement(c, 1, 1) ? 0 : c->k;
}

/* A positional phrase of ts's tokens under prefix: reduced (above) when that is exact. */
static fg_xq *phrase_of(const fg_qtoks *ts, const char *prefix)
{
	int run = 1; /* one Han run: bigrams at consecutive positions */
	for (size_t i = 0; i < ts->n && run; i++)
		run = ts->v[i].kind == FG_TK_BIGRAM && ts->v[i].pos == ts->v[0].pos + i;
	struct cover c;
	size_t k = run ? cover_exact(&c, ts->v, ts->n) : 0;
	fg_xq **subs = fg_xmalloc(ts->n * sizeof *subs);
	fg_xq *q;
	if (k) {
		size_t ns = 0;
		for (size_t j = 0; j < k; j++)
			subs[ns++] = fg_query_term(prefix, ts->v[c.off[j]].text, ts->v[c.off[j]].len);
		fg_xq *ph = fg_xq_combine(FG_XQ_PHRASE, subs, ns, (unsigned)ts->n);
		for (size_t j = 0; j < ns; j++)
			fg_xq_free(subs[j]);
		ns = 0;
		subs[ns++] = ph;
		for (size_t i = 0, j = 0; i < ts->n; i++) {
			if (j < k && c.off[j] == i)
				j++;
			else
				subs[ns++] = fg_query_term(prefix, ts->v[i].text, ts->v[i].len);
		}
		q = fg_xq_combine(FG_XQ_AND, subs, ns, 0);
		for (size_t j = 0; j < ns; j++)
			fg_xq_free(subs[j]);
	} else {
		for (size_t i = 0; i < ts->n; i++)
			subs[i] = fg_query_term(prefix, ts->v[i].text, ts->v[i].len);
		unsigned window = ts->v[ts->n - 1].pos - ts->v[0].pos + 1;
		q = fg_xq_combine(FG_XQ_PHRASE, subs, ts->n, window);
		for (size_t i = 0; i < ts->n; i++)
			fg_xq_free(subs[i]);
	}
	free(subs);
	return q;
}

fg_xq *fg_query_phrase(const char *text, const char *prefix)
{
	fg_qtoks ts = {0};
	fg_query_tokens(text, strlen(text), &ts);
	fg_xq *q = NULL;
	int positional =
		!strcmp(prefix, FG_QBODY) || !strcmp(prefix, FG_PFX_TITLE) || !strcmp(prefix, FG_PFX_HEADING);
	if (ts.n == 1) {
		fg_qtok *t = &ts.v[0];
		if (t->kind == FG_TK_UNIGRAM && !strcmp(prefix, FG_QBODY))
			q = char_q(t->text, t->len);
		else if (t->kind == FG_TK_UNIGRAM) {
			/* the bigrams starting with it widen the match, weighted 0 as in char_q */
			fg_xq *a = fg_query_term(prefix, t->text, t->len);
			fg_xq *b = prefix_q(prefix, t->text, t->len);
			q = fg_xq_pair(FG_XQ_OR, a, b);
			fg_xq_free(a);
			fg_xq_free(b);
		} else
			q = fg_query_term(prefix, t->text, t->len);
	} else if (ts.n > 1 && positional) {
		q = phrase_of(&ts, prefix);
	} else if (ts.n > 1) {
		fg_xq **subs = fg_xmalloc(ts.n * sizeof *subs);
		for (size_t i = 0; i < ts.n; i++)
			subs[i] = fg_query_term(prefix, ts.v[i].text, ts.v[i].len);
		q = fg_xq_combine(FG_XQ_AND, subs, ts.n, 0);
		for (size_t i = 0; i < ts.n; i++)
			fg_xq_free(subs[i]);
		free(subs);
	}
	free(ts.v);
	return q;
}

struct build {
	const fg_qopts *o;
	char **needles;
	size_t nneedles;
	fg_err *err;
	int failed;
};

static void add_needle(struct build *b, const char *text)
{
	char *norm = NULL;
	size_t nlen = 0;
	fg_normalize(text, strlen(text), &norm, &nlen, NULL, NULL);
	/* trim spaces */
	size_t s = 0;
	while (s < nlen && norm[s] == ' ')
		s++;
	while (nlen > s && norm[nlen - 1] == ' ')
		nlen--;
	if (nlen > s) {
		b->needles = fg_xrealloc(b->needles, (b->nneedles + 1) * sizeof *b->needles);
		b->needles[b->nneedles++] = fg_xstrndup(norm + s, nlen - s);
	}
	free(norm);
}

static fg_xq *scaled_or(fg_xq *a, fg_xq *b, double scale_b)
{
	if (!b)
		return a;
	fg_xq *sb = fg_xq_scale(b, scale_b);
	fg_xq *r = a ? fg_xq_pair(FG_XQ_OR, a, sb) : fg_xq_dup(sb);
	fg_xq_free(a);
	fg_xq_free(b);
	fg_xq_free(sb);
	return r;
}

static fg_xq *build(struct build *b, const fg_qnode *n);

static fg_xq *build_text(struct build *b, const fg_qnode *n)
{
	fg_xq *q = NULL;
	switch (n->field) {
	case FG_F_ANY:
		q = scaled_or(fg_query_phrase(n->text, FG_QBODY), fg_query_phrase(n->text, FG_PFX_TITLE),
			      b->o->title_weight);
		break;
	case FG_F_RULE:
		q = scaled_or(fg_query_phrase(n->text, FG_QBODY), fg_query_phrase(n->text, FG_PFX_TITLE),
			      b->o->rule_weight);
		break;
	case FG_F_TITLE: q = fg_query_phrase(n->text, FG_PFX_TITLE); break;
	case FG_F_NUMBER: q = fg_query_phrase(n->text, FG_PFX_NUMBER_TOK); break;
	case FG_F_AUTHORITY: q = fg_query_phrase(n->text, FG_PFX_AUTHORITY_TOK); break;
	}
	add_needle(b, n->text);
	return q ? q : fg_xq_match_nothing();
}

/*
 * The documents a reference's name means: the rule's XV/XW term when the
 * index knows the name (with the text before it first: 民法典 + 继承编),
 * else the name as a phrase in titles. NULL when it has no token.
 */
static fg_xq *ref_name(struct build *b, const fg_qnode *n)
{
	fg_buf t = {0}, both = {0};
	fg_xq *q = NULL;
	int found = 0;
	if (b->o->rule_term) {
		if (n->nkids > 1) {
			fg_buf_printf(&both, "%s %s", n->kids[1]->text, n->text);
			found = b->o->rule_term(b->o->ctx, both.data, both.len, &t) > 0;
		}
		if (!found)
			found = b->o->rule_term(b->o->ctx, n->text, strlen(n->text), &t);
		if (found > 0)
			q = b->o->ref_boost > 0 ? fg_xq_term_weight(t.data, t.len, b->o->ref_boost)
						: fg_xq_term(t.data, t.len, 1, 0);
	}
	fg_buf_free(&t);
	fg_buf_free(&both);
	if (found < 0) /* a repealed rule the index lacks: 合同法 is not 劳动合同法 */
		return NULL;
	return q ? q : fg_query_phrase(n->text, FG_PFX_TITLE);
}

static fg_xq *build_ref(struct build *b, const fg_qnode *n)
{
	fg_xq *name = ref_name(b, n);
	fg_xq *fallback = build(b, n->kids[0]);
	if (!name)
		return fallback;
	fg_buf an = {0};
	fg_term_article(&an, n->num, n->sub);
	fg_xq *art = fg_xq_term(an.data, an.len, 1, 0);
	fg_buf_free(&an);
	fg_xq *ref = fg_xq_pair(FG_XQ_FILTER, name, art);
	fg_xq_free(name);
	fg_xq_free(art);
	return scaled_or(fallback, ref, b->o->ref_weight);
}

/* The first term of a text's tokens, for NEAR. */
static fg_xq *anchor_term(const fg_qnode *n)
{
	fg_qtoks ts = {0};
	fg_query_tokens(n->text, strlen(n->text), &ts);
	fg_xq *q = NULL;
	if (ts.n > 0) {
		const char *pre = n->field == FG_F_TITLE       ? FG_PFX_TITLE
				  : n->field == FG_F_NUMBER    ? FG_PFX_NUMBER_TOK
				  : n->field == FG_F_AUTHORITY ? FG_PFX_AUTHORITY_TOK
							       : FG_QBODY;
		q = fg_query_term(pre, ts.v[0].text, ts.v[0].len);
	}
	free(ts.v);
	return q;
}

static fg_xq *build_prox(struct build *b, const fg_qnode *n)
{
	const fg_qnode *in = n->kids[0];
	fg_xq *exact = build(b, in);
	if (b->failed || n->prox == FG_PROX_ARTICLE || in->type != FG_Q_AND)
		return exact;
	/* every child must be text for a NEAR; otherwise the AND is all we can say */
	fg_xq **anchors = fg_xcalloc(in->nkids, sizeof *anchors);
	size_t na = 0;
	int ok = 1;
	for (size_t i = 0; i < in->nkids && ok; i++) {
		if (in->kids[i]->type != FG_Q_TEXT || !(anchors[na] = anchor_term(in->kids[i])))
			ok = 0;
		else
			na++;
	}
	fg_xq *r = exact;
	if (ok && na > 1) {
		unsigned window = n->prox == FG_PROX_SENT ? FG_POS_SENTENCE / 2 : FG_POS_PARAGRAPH / 2;
		fg_xq *near = fg_xq_combine(FG_XQ_NEAR, anchors, na, window);
		r = fg_xq_pair(FG_XQ_FILTER, exact, near);
		fg_xq_free(exact);
		fg_xq_free(near);
	}
	for (size_t i = 0; i < na; i++)
		fg_xq_free(anchors[i]);
	free(anchors);
	return r;
}

static fg_xq *build_and(struct build *b, const fg_qnode *n)
{
	fg_xq **pos = fg_xcalloc(n->nkids, sizeof *pos), **neg = fg_xcalloc(n->nkids, sizeof *neg);
	size_t np = 0, nn = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		const fg_qnode *k = n->kids[i];
		if (k->type == FG_Q_NOT) {
			struct build nb = *b;
			nb.needles = NULL;
			nb.nneedles = 0;
			neg[nn++] = build(&nb, k->kids[0]);
			for (size_t j = 0; j < nb.nneedles; j++)
				free(nb.needles[j]);
			free(nb.needles);
			b->failed |= nb.failed;
		} else {
			pos[np++] = build(b, k);
		}
	}
	fg_xq *r = NULL;
	if (np == 0) {
		if (!b->failed)
			fg_err_set(b->err, FG_E_INVAL, "检索式有误：只有要排除的词（NOT 或 -），请再加上要查找的词");
		b->failed = 1;
		r = fg_xq_match_nothing();
	} else {
		fg_xq *p = np == 1 ? fg_xq_dup(pos[0]) : fg_xq_combine(FG_XQ_AND, pos, np, 0);
		if (nn) {
			fg_xq *ng = fg_xq_combine(FG_XQ_OR, neg, nn, 0);
			r = fg_xq_pair(FG_XQ_AND_NOT, p, ng);
			fg_xq_free(p);
			fg_xq_free(ng);
		} else {
			r = p;
		}
	}
	for (size_t i = 0; i < np; i++)
		fg_xq_free(pos[i]);
	for (size_t i = 0; i < nn; i++)
		fg_xq_free(neg[i]);
	free(pos);
	free(neg);
	return r;
}

static fg_xq *build(struct build *b, const fg_qnode *n)
{
	switch (n->type) {
	case FG_Q_TEXT: return build_text(b, n);
	case FG_Q_REF: return build_ref(b, n);
	case FG_Q_PROX: return build_prox(b, n);
	case FG_Q_AND: return build_and(b, n);
	case FG_Q_NOT: {
		fg_qnode and = {FG_Q_AND, NULL, 0, 0, 0, 0, (fg_qnode **)&n, 1};
		return build_and(b, &and);
	}
	case FG_Q_OR: {
		fg_xq **subs = fg_xcalloc(n->nkids, sizeof *subs);
		for (size_t i = 0; i < n->nkids; i++) {
			if (n->kids[i]->type == FG_Q_NOT) {
				if (!b->failed)
					fg_err_set(b->err, FG_E_INVAL,
						   "检索式有误：OR 之内的 NOT 或 - 没有可排除的对象，请写成“甲 -乙”，不要写“甲 OR -乙”");
				b->failed = 1;
				subs[i] = fg_xq_match_nothing();
			} else {
				subs[i] = build(b, n->kids[i]);
			}
		}
		fg_xq *r = fg_xq_or_take(subs, n->nkids);
		return r;
	}
	}
	return fg_xq_match_nothing();
}

fg_status fg_query_build(const fg_qnode *n, const fg_qopts *o, fg_xq **out, char ***needles, size_t *nneedles,
			 fg_err *err)
{
	struct build b = {o, NULL, 0, err, 0};
	fg_xq *q = build(&b, n);
	if (b.failed) {
		fg_xq_free(q);
		for (size_t i = 0; i < b.nneedles; i++)
			free(b.needles[i]);
		free(b.needles);
		*out = NULL;
		*needles = NULL;
		*nneedles = 0;
		return FG_E_INVAL;
	}
	*out = q;
	*needles = b.needles;
	*nneedles = b.nneedles;
	return FG_OK;
}

/* OR of boolean terms prefix+value for each comma-separated value; NULL when list is empty. */
fg_xq *fg_query_terms_or(const char *prefix, const char *list)
{
	if (!list || !*list)
		return NULL;
	fg_xq **subs = NULL;
	size_t n = 0;
	const char *p = list, *v;
	size_t len;
	while (fg_list_next(&p, &v, &len)) {
		if (!len)
			continue;
		fg_buf b = {0};
		fg_term_field(&b, prefix, v, len);
		subs = fg_xrealloc(subs, (n + 1) * sizeof *subs);
		subs[n++] = fg_xq_term(b.data, b.len, 1, 0);
		fg_buf_free(&b);
	}
	fg_xq *q = fg_xq_or_take(subs, n);
	return q;
}

/* OR of the four unit kinds' terms: every unit, no record. */
fg_xq *fg_query_units(void)
{
	fg_xq *subs[4];
	for (int i = 0; i < 4; i++)
		subs[i] = fg_xq_term(fg_term_kind(i), 3, 1, 0);
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, 4, 0);
	for (int i = 0; i < 4; i++)
		fg_xq_free(subs[i]);
	return q;
}
