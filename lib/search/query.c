/*
 * query.c - the query language (see query.h): a recursive-descent parser
 * over the raw UTF-8 query, and the translation of its tree into Xapian
 * queries following the index term scheme (index.h): bare Chinese text is
 * the exact substring, i.e. a phrase of its bigrams with a window equal to
 * its span, matched in the body or (weighted) in the title.
 */
#include "query.h"

#include "doc.h"
#include "index.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the tree ---- */

static fg_qnode *node_new(int type)
{
	fg_qnode *n = fg_xcalloc(1, sizeof *n);
	n->type = type;
	return n;
}

static void node_add(fg_qnode *n, fg_qnode *kid)
{
	n->kids = fg_xrealloc(n->kids, (n->nkids + 1) * sizeof *n->kids);
	n->kids[n->nkids++] = kid;
}

void fg_qnode_free(fg_qnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		fg_qnode_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

/* ---- the lexer ---- */

struct parser {
	const char *s;
	size_t len, pos;
	int depth;
	fg_err *err;
	int failed;
};

static uint32_t peek_cp(struct parser *p, size_t at, size_t *n)
{
	uint32_t cp;
	if (at >= p->len) {
		*n = 0;
		return 0;
	}
	*n = fg_utf8_decode(p->s + at, p->len - at, &cp);
	return cp;
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}
static int is_open(uint32_t c) { return c == '(' || c == 0xFF08; }
static int is_close(uint32_t c) { return c == ')' || c == 0xFF09; }
static int is_quote_open(uint32_t c) { return c == '"' || c == 0x201C || c == 0x300C || c == 0xFF02; }
static int quote_close_of(uint32_t c)
{
	switch (c) {
	case 0x201C: return 0x201D;
	case 0x300C: return 0x300D;
	default: return (int)c;
	}
}

static size_t char_index(struct parser *p, size_t byte)
{
	return fg_utf8_count(p->s, byte) + 1;
}

static void perr(struct parser *p, const char *what)
{
	if (!p->failed)
		fg_err_set(p->err, FG_E_INVAL, "%s at character %zu", what, char_index(p, p->pos));
	p->failed = 1;
}

/*
 * Spaces separate terms; so does a typographic closing quotation mark that no
 * opening one consumed (”, 」): questions pasted from a longer text often
 * carry one, and it cannot be meant as syntax.
 */
static void skip_space(struct parser *p)
{
	size_t n;
	uint32_t c;
	while (p->pos < p->len && (is_space(c = peek_cp(p, p->pos, &n)) || c == 0x201D || c == 0x300D))
		p->pos += n;
}

/* Length of the bare word at pos (stops at space, parentheses, quotes). */
static size_t word_len(struct parser *p, size_t at)
{
	size_t i = at, n;
	while (i < p->len) {
		uint32_t c = peek_cp(p, i, &n);
		if (is_space(c) || is_open(c) || is_close(c) || is_quote_open(c) || c == 0x201D || c == 0x300D)
			break;
		if (c == 0x300A) { /* 《 ... 》 inside a word is kept whole */
			size_t j = i + n, m;
			while (j < p->len && peek_cp(p, j, &m) != 0x300B)
				j += m;
			if (j < p->len)
				j += m;
			i = j;
			continue;
		}
		i += n;
	}
	return i - at;
}

static int word_is(struct parser *p, size_t at, size_t n, const char *kw)
{
	return n == strlen(kw) && memcmp(p->s + at, kw, n) == 0;
}

static int field_of(const char *s, size_t n)
{
	static const struct {
		const char *name;
		int field;
	} fields[] = {{"标题", FG_F_TITLE},     {"title", FG_F_TITLE},         {"文号", FG_F_NUMBER},
		      {"number", FG_F_NUMBER},   {"机关", FG_F_AUTHORITY},      {"authority", FG_F_AUTHORITY},
		      {"制定机关", FG_F_AUTHORITY}, {NULL, 0}};
	for (int i = 0; fields[i].name; i++)
		if (strlen(fields[i].name) == n && strncasecmp(s, fields[i].name, n) == 0)
			return fields[i].field;
	return -1;
}

static int prox_of(const char *s, size_t n)
{
	static const struct {
		const char *name;
		int prox;
	} fns[] = {{"同条", FG_PROX_ARTICLE}, {"ARTICLE", FG_PROX_ARTICLE}, {"同款", FG_PROX_PARA},
		   {"同段", FG_PROX_PARA},     {"PARA", FG_PROX_PARA},       {"同句", FG_PROX_SENT},
		   {"SENT", FG_PROX_SENT},     {NULL, 0}};
	for (int i = 0; fns[i].name; i++)
		if (strlen(fns[i].name) == n && memcmp(s, fns[i].name, n) == 0)
			return fns[i].prox;
	return -1;
}

static fg_qnode *text_node(const char *s, size_t n, int field)
{
	/* 《名称》 alone is a rule name */
	if (field == FG_F_ANY && n > 6 && memcmp(s, "《", 3) == 0 && memcmp(s + n - 3, "》", 3) == 0) {
		s += 3;
		n -= 6;
		field = FG_F_RULE;
	}
	fg_qnode *t = node_new(FG_Q_TEXT);
	t->text = fg_xstrndup(s, n);
	t->field = field;
	return t;
}

static fg_qnode *parse_or(struct parser *p);

/* A quoted phrase starting at p->pos (on the opening quote). */
static fg_qnode *parse_quoted(struct parser *p, int field)
{
	size_t n;
	uint32_t open = peek_cp(p, p->pos, &n);
	uint32_t close = (uint32_t)quote_close_of(open);
	size_t start = p->pos + n, i = start;
	while (i < p->len) {
		uint32_t c = peek_cp(p, i, &n);
		if (c == close || (open == '"' && c == 0xFF02) || (open == 0xFF02 && c == '"'))
			break;
		i += n;
	}
	if (i >= p->len) {
		perr(p, "unclosed quotation mark");
		return NULL;
	}
	fg_qnode *t = text_node(p->s + start, i - start, field);
	p->pos = i + n;
	return t;
}

static fg_qnode *parse_primary(struct parser *p)
{
	skip_space(p);
	size_t n;
	uint32_t c = peek_cp(p, p->pos, &n);
	if (p->pos >= p->len) {
		perr(p, "missing term");
		return NULL;
	}
	if (is_open(c)) {
		if (++p->depth > 32) {
			perr(p, "parentheses nested too deeply");
			return NULL;
		}
		size_t at = p->pos;
		p->pos += n;
		skip_space(p);
		if (is_close(peek_cp(p, p->pos, &n))) {
			perr(p, "empty parentheses");
			return NULL;
		}
		fg_qnode *e = parse_or(p);
		skip_space(p);
		if (!e)
			return NULL;
		if (!is_close(peek_cp(p, p->pos, &n))) {
			p->pos = at;
			perr(p, "unbalanced parentheses: '(' is never closed");
			fg_qnode_free(e);
			return NULL;
		}
		p->pos += n;
		p->depth--;
		return e;
	}
	if (is_close(c)) {
		perr(p, "unexpected ')'");
		return NULL;
	}
	if (is_quote_open(c))
		return parse_quoted(p, FG_F_ANY);
	size_t wl = word_len(p, p->pos);
	const char *w = p->s + p->pos;
	if (wl == 0) {
		/* a closing quotation mark without its opening one (skip_space takes the typographic ones) */
		perr(p, "unexpected closing quotation mark");
		return NULL;
	}
	/* proximity function: NAME( ... ) */
	int prox = prox_of(w, wl);
	if (prox >= 0 && is_open(peek_cp(p, p->pos + wl, &n))) {
		p->pos += wl;
		fg_qnode *inner = parse_primary(p);
		if (!inner)
			return NULL;
		fg_qnode *x = node_new(FG_Q_PROX);
		x->prox = prox;
		node_add(x, inner);
		return x;
	}
	/* field: value */
	for (size_t i = 0; i < wl;) {
		uint32_t d = peek_cp(p, p->pos + i, &n);
		if (d == ':' || d == 0xFF1A) {
			int f = field_of(w, i);
			if (f < 0)
				break;
			p->pos += i + n;
			size_t m;
			uint32_t e = peek_cp(p, p->pos, &m);
			if (p->pos >= p->len || is_space(e) || is_close(e)) {
				char msg[96];
				snprintf(msg, sizeof msg, "field '%.*s' needs a value", (int)i, w);
				perr(p, msg);
				return NULL;
			}
			if (is_quote_open(e))
				return parse_quoted(p, f);
			size_t vl = word_len(p, p->pos);
			fg_qnode *t = text_node(p->s + p->pos, vl, f);
			p->pos += vl;
			return t;
		}
		i += n;
	}
	fg_qnode *t = text_node(w, wl, FG_F_ANY);
	p->pos += wl;
	return t;
}

static fg_qnode *parse_unary(struct parser *p)
{
	skip_space(p);
	size_t wl = word_len(p, p->pos);
	if (word_is(p, p->pos, wl, "NOT")) {
		p->pos += wl;
		fg_qnode *k = parse_unary(p);
		if (!k)
			return NULL;
		fg_qnode *x = node_new(FG_Q_NOT);
		node_add(x, k);
		return x;
	}
	if (p->pos < p->len && p->s[p->pos] == '-') {
		size_t n;
		uint32_t c = peek_cp(p, p->pos + 1, &n);
		if (p->pos + 1 >= p->len || is_space(c)) {
			perr(p, "'-' must be followed by the term to exclude");
			return NULL;
		}
		p->pos++;
		fg_qnode *k = parse_primary(p);
		if (!k)
			return NULL;
		fg_qnode *x = node_new(FG_Q_NOT);
		node_add(x, k);
		return x;
	}
	return parse_primary(p);
}

/* Turn NAME第X条 texts, and NAME followed by 第X条, into references. */
static void find_refs(fg_qnode *and)
{
	for (size_t i = 0; i < and->nkids; i++) {
		fg_qnode *k = and->kids[i];
		if (k->type != FG_Q_TEXT || (k->field != FG_F_ANY && k->field != FG_F_RULE))
			continue;
		const char *s = k->text;
		size_t len = strlen(s);
		for (size_t at = 0; at + 3 <= len; at++) {
			if (memcmp(s + at, "第", 3) != 0)
				continue;
			long num, sub;
			size_t used;
			if (!fg_article_label(s + at, len - at, &num, &sub, &used) || at + used != len)
				continue;
			const char *name = s;
			size_t nlen = at;
			fg_qnode *prev = NULL;
			if (nlen == 0 && i > 0 && and->kids[i - 1]->type == FG_Q_TEXT &&
			    (and->kids[i - 1]->field == FG_F_ANY || and->kids[i - 1]->field == FG_F_RULE)) {
				prev = and->kids[i - 1];
				name = prev->text;
				nlen = strlen(name);
			}
			/* strip 《》 around the name */
			if (nlen >= 6 && memcmp(name, "《", 3) == 0 && memcmp(name + nlen - 3, "》", 3) == 0) {
				name += 3;
				nlen -= 6;
			}
			if (nlen == 0)
				break;
			fg_qnode *r = node_new(FG_Q_REF);
			r->text = fg_xstrndup(name, nlen);
			r->num = num;
			r->sub = sub;
			if (prev) {
				fg_qnode *fb = node_new(FG_Q_AND);
				node_add(fb, prev);
				node_add(fb, k);
				node_add(r, fb);
				and->kids[i - 1] = r;
				memmove(and->kids + i, and->kids + i + 1, (and->nkids - i - 1) * sizeof *and->kids);
				and->nkids--;
				i--;
			} else {
				node_add(r, k);
				and->kids[i] = r;
			}
			break;
		}
	}
}

static fg_qnode *parse_and(struct parser *p)
{
	fg_qnode *and = node_new(FG_Q_AND);
	for (;;) {
		skip_space(p);
		if (p->pos >= p->len)
			break;
		size_t n;
		uint32_t c = peek_cp(p, p->pos, &n);
		if (is_close(c))
			break;
		size_t wl = word_len(p, p->pos);
		if (word_is(p, p->pos, wl, "OR") || c == '|')
			break;
		if (word_is(p, p->pos, wl, "AND")) {
			p->pos += wl;
			continue;
		}
		fg_qnode *k = parse_unary(p);
		if (!k) {
			fg_qnode_free(and);
			return NULL;
		}
		node_add(and, k);
	}
	if (and->nkids == 0) {
		perr(p, "missing term");
		fg_qnode_free(and);
		return NULL;
	}
	find_refs(and);
	if (and->nkids == 1) {
		fg_qnode *k = and->kids[0];
		and->nkids = 0;
		fg_qnode_free(and);
		return k;
	}
	return and;
}

static fg_qnode *parse_or(struct parser *p)
{
	fg_qnode *first = parse_and(p);
	if (!first)
		return NULL;
	fg_qnode *or = NULL;
	for (;;) {
		skip_space(p);
		size_t wl = word_len(p, p->pos);
		if (p->pos < p->len && p->s[p->pos] == '|')
			wl = 1;
		else if (!word_is(p, p->pos, wl, "OR"))
			break;
		p->pos += wl;
		fg_qnode *next = parse_and(p);
		if (!next) {
			fg_qnode_free(or ? or : first); /* once in the OR, first is freed with it */
			return NULL;
		}
		if (!or) {
			or = node_new(FG_Q_OR);
			node_add(or, first);
		}
		node_add(or, next);
	}
	return or ? or : first;
}

fg_status fg_query_parse(const char *q, size_t len, fg_qnode **out, fg_err *err)
{
	*out = NULL;
	struct parser p = {q, len, 0, 0, err, 0};
	if (!fg_utf8_valid(q, len, NULL))
		return fg_err_set(err, FG_E_INVAL, "query is not valid UTF-8");
	skip_space(&p);
	if (p.pos >= len)
		return FG_OK;
	fg_qnode *n = parse_or(&p);
	if (n && !p.failed) {
		skip_space(&p);
		if (p.pos < len)
			perr(&p, "unexpected ')'");
	}
	if (p.failed) {
		fg_qnode_free(n);
		return FG_E_INVAL;
	}
	*out = n;
	return FG_OK;
}

/* ---- translation ---- */

struct toks {
	struct tok {
		char text[40];
		size_t len;
		int kind;
		uint32_t pos;
	} *v;
	size_t n;
};

static int collect(void *ctx, const fg_token *t)
{
	struct toks *ts = ctx;
	if (t->len >= sizeof ts->v->text)
		return 0;
	ts->v = fg_xrealloc(ts->v, (ts->n + 1) * sizeof *ts->v);
	struct tok *k = &ts->v[ts->n++];
	memcpy(k->text, t->text, t->len);
	k->text[t->len] = '\0';
	k->len = t->len;
	k->kind = t->kind;
	k->pos = t->pos;
	return 0;
}

static fg_xq *term_q(const char *prefix, const char *text, size_t len, unsigned pos)
{
	char buf[64];
	size_t pl = strlen(prefix);
	memcpy(buf, prefix, pl);
	memcpy(buf + pl, text, len);
	return fg_xq_term(buf, pl + len, 1, pos);
}

/* One Han character anywhere in the body: U<c> (run ends), <c> (lone), <c>* (bigrams it starts). */
static fg_xq *char_q(const char *c, size_t len)
{
	fg_xq *subs[3];
	subs[0] = term_q("U", c, len, 0);
	subs[1] = term_q("", c, len, 0);
	char pre[16];
	snprintf(pre, sizeof pre, "%.*s", (int)len, c);
	/*
	 * The bigrams only widen the match set: their expansion is done per
	 * database, so weighting them would rank differently on remote shards
	 * than on one index; U<c> and <c> give the BM25 weight.
	 */
	fg_xq *wild = fg_xq_wildcard(pre, 0);
	subs[2] = fg_xq_scale(wild, 0);
	fg_xq_free(wild);
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
	const struct tok *v; /* the run's bigrams, v[i] at offset i */
	size_t n, k;
	size_t off[COVER_MAX]; /* cover terms' offsets */
	size_t at[COVER_MAX];  /* a trial placement */
	const char *slot[COVER_MAX + 2];
	size_t slotlen[COVER_MAX + 2];
};

/* Byte length of the first UTF-8 character of a bigram. */
static size_t first_char_len(const struct tok *t)
{
	size_t l = 1;
	while (l < t->len && ((unsigned char)t->text[l] & 0xC0) == 0x80)
		l++;
	return l;
}

/* Whether cover term j can sit at placement position p without contradicting the characters placed so far. */
static int place(struct cover *c, size_t j, size_t p, int set)
{
	const struct tok *t = &c->v[c->off[j]];
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
static size_t cover_exact(struct cover *c, const struct tok *v, size_t n)
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
static fg_xq *phrase_of(const struct toks *ts, const char *prefix)
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
			subs[ns++] = term_q(prefix, ts->v[c.off[j]].text, ts->v[c.off[j]].len, 0);
		fg_xq *ph = fg_xq_combine(FG_XQ_PHRASE, subs, ns, (unsigned)ts->n);
		for (size_t j = 0; j < ns; j++)
			fg_xq_free(subs[j]);
		ns = 0;
		subs[ns++] = ph;
		for (size_t i = 0, j = 0; i < ts->n; i++) {
			if (j < k && c.off[j] == i)
				j++;
			else
				subs[ns++] = term_q(prefix, ts->v[i].text, ts->v[i].len, 0);
		}
		q = fg_xq_combine(FG_XQ_AND, subs, ns, 0);
		for (size_t j = 0; j < ns; j++)
			fg_xq_free(subs[j]);
	} else {
		for (size_t i = 0; i < ts->n; i++)
			subs[i] = term_q(prefix, ts->v[i].text, ts->v[i].len, 0);
		unsigned window = ts->v[ts->n - 1].pos - ts->v[0].pos + 1;
		q = fg_xq_combine(FG_XQ_PHRASE, subs, ts->n, window);
		for (size_t i = 0; i < ts->n; i++)
			fg_xq_free(subs[i]);
	}
	free(subs);
	return q;
}

/*
 * The exact-substring query of text under prefix ("" body, "S" title, ...).
 * Positionless prefixes (N, B) get an AND of their tokens. NULL when text
 * has no tokens.
 */
static fg_xq *phrase_q(const char *text, const char *prefix)
{
	struct toks ts = {0};
	fg_tokenize(text, strlen(text), FG_TOK_QUERY, collect, &ts, NULL);
	fg_xq *q = NULL;
	int positional = !*prefix || !strcmp(prefix, "S") || !strcmp(prefix, "H");
	if (ts.n == 1) {
		struct tok *t = &ts.v[0];
		if (t->kind == FG_TK_UNIGRAM && !*prefix)
			q = char_q(t->text, t->len);
		else if (t->kind == FG_TK_UNIGRAM) {
			/* the bigrams starting with it widen the match, weighted 0 as in char_q */
			fg_xq *a = term_q(prefix, t->text, t->len, 0);
			char pre[48];
			snprintf(pre, sizeof pre, "%s%s", prefix, t->text);
			fg_xq *w = fg_xq_wildcard(pre, 0);
			fg_xq *b = fg_xq_scale(w, 0);
			q = fg_xq_pair(FG_XQ_OR, a, b);
			fg_xq_free(w);
			fg_xq_free(a);
			fg_xq_free(b);
		} else
			q = term_q(prefix, t->text, t->len, 0);
	} else if (ts.n > 1 && positional) {
		q = phrase_of(&ts, prefix);
	} else if (ts.n > 1) {
		fg_xq **subs = fg_xmalloc(ts.n * sizeof *subs);
		for (size_t i = 0; i < ts.n; i++)
			subs[i] = term_q(prefix, ts.v[i].text, ts.v[i].len, 0);
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
		q = scaled_or(phrase_q(n->text, ""), phrase_q(n->text, "S"), b->o->title_weight);
		break;
	case FG_F_RULE:
		q = scaled_or(phrase_q(n->text, ""), phrase_q(n->text, "S"), b->o->rule_weight);
		break;
	case FG_F_TITLE: q = phrase_q(n->text, "S"); break;
	case FG_F_NUMBER: q = phrase_q(n->text, "N"); break;
	case FG_F_AUTHORITY: q = phrase_q(n->text, "B"); break;
	}
	add_needle(b, n->text);
	return q ? q : fg_xq_match_nothing();
}

static fg_xq *build_ref(struct build *b, const fg_qnode *n)
{
	fg_xq *name = phrase_q(n->text, "S");
	fg_xq *fallback = build(b, n->kids[0]);
	if (!name)
		return fallback;
	char an[48];
	if (n->sub > 0)
		snprintf(an, sizeof an, "A%ld-%ld", n->num, n->sub);
	else
		snprintf(an, sizeof an, "A%ld", n->num);
	fg_xq *art = fg_xq_term(an, strlen(an), 1, 0);
	fg_xq *ref = fg_xq_pair(FG_XQ_FILTER, name, art);
	fg_xq_free(name);
	fg_xq_free(art);
	return scaled_or(fallback, ref, b->o->ref_weight);
}

/* The first term of a text's tokens, for NEAR. */
static fg_xq *anchor_term(const fg_qnode *n)
{
	struct toks ts = {0};
	fg_tokenize(n->text, strlen(n->text), FG_TOK_QUERY, collect, &ts, NULL);
	fg_xq *q = NULL;
	if (ts.n > 0) {
		const char *pre = n->field == FG_F_TITLE ? "S" : n->field == FG_F_NUMBER ? "N"
				  : n->field == FG_F_AUTHORITY ? "B" : "";
		q = term_q(pre, ts.v[0].text, ts.v[0].len, 0);
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
			fg_err_set(b->err, FG_E_INVAL, "nothing to search for: a query cannot only exclude (NOT or -)");
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
						   "NOT or - inside OR has nothing to exclude from: write a -b, not a OR -b");
				b->failed = 1;
				subs[i] = fg_xq_match_nothing();
			} else {
				subs[i] = build(b, n->kids[i]);
			}
		}
		fg_xq *r = fg_xq_combine(FG_XQ_OR, subs, n->nkids, 0);
		for (size_t i = 0; i < n->nkids; i++)
			fg_xq_free(subs[i]);
		free(subs);
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

int fg_query_is_plain(const fg_qnode *n)
{
	if (n->type == FG_Q_TEXT)
		return n->field == FG_F_ANY || n->field == FG_F_RULE;
	if (n->type != FG_Q_AND)
		return 0;
	for (size_t i = 0; i < n->nkids; i++)
		if (!fg_query_is_plain(n->kids[i]))
			return 0;
	return 1;
}

/* ---- the relaxed query ---- */

struct relax {
	const fg_stopwords *sw;
	struct toks seen;
};

static void relax_collect(struct relax *r, const fg_qnode *n)
{
	if (n->type == FG_Q_NOT)
		return;
	if (n->type == FG_Q_TEXT || n->type == FG_Q_REF) {
		if (n->type == FG_Q_TEXT && n->field != FG_F_ANY && n->field != FG_F_RULE)
			return;
		struct toks ts = {0};
		fg_tokenize(n->text, strlen(n->text), FG_TOK_QUERY, collect, &ts, NULL);
		for (size_t i = 0; i < ts.n; i++) {
			struct tok *t = &ts.v[i];
			if (fg_stopwords_has(r->sw, t->text, t->len))
				continue;
			int dup = 0;
			for (size_t j = 0; j < r->seen.n && !dup; j++)
				dup = r->seen.v[j].len == t->len && !memcmp(r->seen.v[j].text, t->text, t->len);
			if (dup)
				continue;
			r->seen.v = fg_xrealloc(r->seen.v, (r->seen.n + 1) * sizeof *r->seen.v);
			r->seen.v[r->seen.n++] = *t;
		}
		free(ts.v);
	}
	for (size_t i = 0; i < n->nkids; i++)
		relax_collect(r, n->kids[i]);
}

fg_xq *fg_query_relaxed(const fg_qnode *n, const fg_stopwords *sw, const fg_relax_opts *o, size_t *nterms,
			char ***needles, size_t *nneedles)
{
	struct relax r = {sw, {0}};
	relax_collect(&r, n);
	*nterms = r.seen.n;
	*needles = NULL;
	*nneedles = 0;
	if (r.seen.n == 0) {
		free(r.seen.v);
		return NULL;
	}
	fg_xq **subs = fg_xcalloc(r.seen.n * 4, sizeof *subs);
	size_t ns = 0;
	char **nd = fg_xcalloc(r.seen.n, sizeof *nd);
	for (size_t i = 0; i < r.seen.n; i++) {
		struct tok *t = &r.seen.v[i];
		subs[ns++] = term_q("", t->text, t->len, 0);
		if (t->kind == FG_TK_BIGRAM && o->title > 0) {
			fg_xq *tq = term_q("S", t->text, t->len, 0);
			subs[ns++] = fg_xq_scale(tq, o->title);
			fg_xq_free(tq);
		}
		if (t->kind == FG_TK_BIGRAM && o->keywords > 0 && o->db && t->len + 1 < 64) {
			/* K terms have wdf 0 (article lengths leave them out): weight keywords x BM25's idf */
			char kt[64];
			kt[0] = 'K';
			memcpy(kt + 1, t->text, t->len);
			unsigned tf = fg_xdb_termfreq(o->db, kt, t->len + 1);
			if (tf) {
				double N = fg_xdb_doccount(o->db);
				double idf = log((N - tf + 0.5) / (tf + 0.5));
				subs[ns++] = fg_xq_term_weight(kt, t->len + 1, o->keywords * (idf > 0.1 ? idf : 0.1));
			}
		}
		if (t->kind == FG_TK_BIGRAM && o->heading > 0) {
			fg_xq *hq = term_q("H", t->text, t->len, 0);
			subs[ns++] = fg_xq_scale(hq, o->heading);
			fg_xq_free(hq);
		}
		nd[i] = fg_xstrndup(t->text, t->len);
	}
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, ns, 0);
	for (size_t i = 0; i < ns; i++)
		fg_xq_free(subs[i]);
	free(subs);
	free(r.seen.v);
	*needles = nd;
	*nneedles = *nterms;
	return q;
}

fg_xq *fg_query_words(char *const *words, size_t n, double heading_weight)
{
	fg_xq **subs = fg_xcalloc(n ? 2 * n : 1, sizeof *subs);
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		if ((subs[ns] = phrase_q(words[i], "")) == NULL)
			continue;
		ns++;
		fg_xq *h = heading_weight > 0 ? phrase_q(words[i], "H") : NULL;
		if (h) {
			subs[ns++] = fg_xq_scale(h, heading_weight);
			fg_xq_free(h);
		}
	}
	fg_xq *q = ns ? fg_xq_combine(FG_XQ_OR, subs, ns, 0) : NULL;
	for (size_t i = 0; i < ns; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}
