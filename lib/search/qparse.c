/*
 * qparse.c - the query language's lexer and recursive-descent parser (see
 * query.h for the syntax): the raw UTF-8 query becomes an fg_qnode tree of
 * texts (with their field), AND, OR, NOT, proximity functions and NAME第X条
 * references. Errors name the problem and its character position.
 */
#include "query.h"

#include "doc.h"

#include <stdio.h>
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
		fg_err_set(p->err, FG_E_INVAL, "检索式有误：%s（第 %zu 个字处），请修改后再检索", what, char_index(p, p->pos));
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
		perr(p, "引号没有配对");
		return NULL;
	}
	fg_qnode *t = text_node(p->s + start, i - start, field);
	p->pos = i + n;
	return t;
}

/* ( ... ) starting at p->pos (on the opening parenthesis, n bytes). */
static fg_qnode *parse_group(struct parser *p, size_t n)
{
	if (++p->depth > 32) {
		perr(p, "括号嵌套过深");
		return NULL;
	}
	size_t at = p->pos;
	p->pos += n;
	skip_space(p);
	if (is_close(peek_cp(p, p->pos, &n))) {
		perr(p, "括号内没有检索词");
		return NULL;
	}
	fg_qnode *e = parse_or(p);
	skip_space(p);
	if (!e)
		return NULL;
	if (!is_close(peek_cp(p, p->pos, &n))) {
		p->pos = at;
		perr(p, "括号没有配对：缺少“)”");
		fg_qnode_free(e);
		return NULL;
	}
	p->pos += n;
	p->depth--;
	return e;
}

/*
 * The field named before the first colon of the word at p->pos (wl bytes):
 * its enum fg_qfield, the name's and the colon's lengths; -1 when the word
 * has no colon or the name is no field.
 */
static int field_name(struct parser *p, size_t wl, size_t *name_len, size_t *colon_len)
{
	size_t n;
	for (size_t i = 0; i < wl; i += n) {
		uint32_t d = peek_cp(p, p->pos + i, &n);
		if (d == ':' || d == 0xFF1A) {
			*name_len = i;
			*colon_len = n;
			return field_of(p->s + p->pos, i);
		}
	}
	return -1;
}

/* The value of field f at p->pos, just after "name:" (name, nlen bytes, for the message). */
static fg_qnode *parse_field_value(struct parser *p, int f, const char *name, size_t nlen)
{
	size_t m;
	uint32_t e = peek_cp(p, p->pos, &m);
	if (p->pos >= p->len || is_space(e) || is_close(e)) {
		char msg[192];
		snprintf(msg, sizeof msg, "字段“%.*s”后面缺少要查找的内容", (int)nlen, name);
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

static fg_qnode *parse_primary(struct parser *p)
{
	skip_space(p);
	size_t n;
	uint32_t c = peek_cp(p, p->pos, &n);
	if (p->pos >= p->len) {
		perr(p, "缺少检索词");
		return NULL;
	}
	if (is_open(c))
		return parse_group(p, n);
	if (is_close(c)) {
		perr(p, "多余的“)”");
		return NULL;
	}
	if (is_quote_open(c))
		return parse_quoted(p, FG_F_ANY);
	size_t wl = word_len(p, p->pos);
	const char *w = p->s + p->pos;
	if (wl == 0) {
		/* a closing quotation mark without its opening one (skip_space takes the typographic ones) */
		perr(p, "多余的后引号");
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
	size_t nl, cl;
	int f = field_name(p, wl, &nl, &cl);
	if (f >= 0) {
		p->pos += nl + cl;
		return parse_field_value(p, f, w, nl);
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
			perr(p, "“-”后面应紧跟要排除的词");
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
			fg_qnode *before = !prev && i > 0 ? and->kids[i - 1] : NULL;
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
				/* 民法典 继承编第X条: the text before may start the name (kids[1], title field: context only) */
				if (before && before->type == FG_Q_TEXT &&
				    (before->field == FG_F_ANY || before->field == FG_F_RULE)) {
					fg_qnode *c = node_new(FG_Q_TEXT);
					c->text = fg_xstrdup(before->text);
					c->field = FG_F_TITLE;
					node_add(r, c);
				}
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
		perr(p, "缺少检索词");
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
		return fg_err_set(err, FG_E_INVAL, "检索词不是有效的 UTF-8 编码，请重新输入");
	skip_space(&p);
	if (p.pos >= len)
		return FG_OK;
	fg_qnode *n = parse_or(&p);
	if (n && !p.failed) {
		skip_space(&p);
		if (p.pos < len)
			perr(&p, "多余的“)”");
	}
	if (p.failed) {
		fg_qnode_free(n);
		return FG_E_INVAL;
	}
	*out = n;
	return FG_OK;
}
