/*
 * rules.c - rule names looked up in an index (rules.h): abbreviations, the
 * XV / XW terms of a rule name, and NAME + item label look-up (实施方案
 * 二（二）12, 实施方案 第十二项) for documents without articles.
 */
#include "rules.h"

#include "cite.h"
#include "doc.h"
#include "terms.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fg_abbrevs {
	char **shorts;  /* normalized short names, sorted */
	char **fulls;   /* their full names, same order */
	size_t n;
};

static char *normalized(const char *s, size_t len)
{
	char *out = NULL;
	size_t olen = 0;
	fg_normalize(s, len, &out, &olen, NULL, NULL);
	return out;
}


struct pair {
	char *s, *f;
};

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->s, ((const struct pair *)b)->s);
}

/* Parse the file's lines into pairs; FG_E_INVAL names the first bad line. */
static fg_status parse_lines(char *text, const char *path, struct pair **out, size_t *n, fg_err *err)
{
	struct pair *v = NULL;
	size_t cnt = 0, lineno = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || tab == line || !tab[1]) {
			for (size_t i = 0; i < cnt; i++)
				free(v[i].s), free(v[i].f);
			free(v);
			return fg_err_set(err, FG_E_INVAL, "%s:%zu: expected 'short<TAB>full name'", path, lineno);
		}
		*tab = '\0';
		v = fg_xrealloc(v, (cnt + 1) * sizeof *v);
		v[cnt].s = normalized(line, strlen(line));
		v[cnt].f = fg_xstrdup(tab + 1);
		cnt++;
	}
	*out = v;
	*n = cnt;
	return FG_OK;
}

fg_status fg_abbrevs_load(const char *path, fg_abbrevs **out, fg_err *err)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, 1 << 20, &text, &len, err);
	if (st != FG_OK)
		return st;
	struct pair *v = NULL;
	size_t n = 0;
	st = parse_lines(text, path, &v, &n, err);
	free(text);
	if (st != FG_OK)
		return st;
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_pair);
	fg_abbrevs *a = fg_xcalloc(1, sizeof *a);
	a->shorts = fg_xcalloc(n ? n : 1, sizeof *a->shorts);
	a->fulls = fg_xcalloc(n ? n : 1, sizeof *a->fulls);
	for (size_t i = 0; i < n; i++) {
		a->shorts[i] = v[i].s;
		a->fulls[i] = v[i].f;
	}
	a->n = n;
	free(v);
	*out = a;
	return FG_OK;
}

void fg_abbrevs_free(fg_abbrevs *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->shorts[i]);
		free(a->fulls[i]);
	}
	free(a->shorts);
	free(a->fulls);
	free(a);
}

size_t fg_abbrevs_count(const fg_abbrevs *a)
{
	return a ? a->n : 0;
}

const char *fg_abbrevs_find(const fg_abbrevs *a, const char *s, size_t len)
{
	if (!a || !a->n)
		return NULL;
	char *key = normalized(s, len);
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(a->shorts[mid], key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const char *full = lo < a->n && !strcmp(a->shorts[lo], key) ? a->fulls[lo] : NULL;
	free(key);
	return full;
}

size_t fg_abbrevs_prefixed(const fg_abbrevs *a, const char *s, size_t len, const char **fulls, size_t max)
{
	if (!a || !a->n || !len)
		return 0;
	char *key = normalized(s, len);
	size_t klen = strlen(key), lo = 0, hi = a->n, n = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(a->shorts[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->n && n < max && !strncmp(a->shorts[lo], key, klen); lo++)
		fulls[n++] = a->fulls[lo];
	free(key);
	return n;
}

/* XV<rule>, else XW<rule>, of one name: 1 when the index has it. */
static int lookup(fg_xdb *db, const char *name, fg_buf *term)
{
	char *rule = fg_rule_name(name);
	int found = 0;
	if (*rule) {
		static const char *const pfx[] = {FG_PFX_RULE, FG_PFX_WORK};
		for (int i = 0; i < 2 && !found; i++) {
			fg_term_field(term, pfx[i], rule, strlen(rule));
			found = term->len < 240 && fg_xdb_termfreq(db, term->data, term->len) > 0;
		}
	}
	free(rule);
	return found;
}

/* XV / XW of base followed by （num） (num NULL: base alone), as lookup. */
static int lookup_part(fg_xdb *db, const char *base, const char *num, fg_buf *term)
{
	fg_buf n = {0};
	fg_buf_puts(&n, base);
	if (num)
		fg_buf_puts(&n, "（"), fg_buf_puts(&n, num), fg_buf_puts(&n, "）");
	fg_buf_put(&n, "", 1);
	int found = lookup(db, n.data, term);
	fg_buf_free(&n);
	return found;
}

/* Whether s[0..len) is one Chinese numeral character (一 … 十, 〇, 两). */
static int cn_digit(const char *s, size_t len)
{
	static const char digits[] = "〇一二两三四五六七八九十";
	if (len != 3)
		return 0;
	for (size_t i = 0; i + 3 <= sizeof digits - 1; i += 3)
		if (!memcmp(s, digits + i, 3))
			return 1;
	return 0;
}

/*
 * The number at the end of name (len bytes), as a part of a numbered series
 * writes it: 公司法解释三, 公司法解释（三）, 公司法解释(3), 公司法解释3. Its start
 * into *at and its value; 0 when name does not end in one.
 */
static long trailing_number(const char *name, size_t len, size_t *at)
{
	size_t end = len;
	int paren = 0;
	if (end >= 3 && !memcmp(name + end - 3, "）", 3))
		end -= 3, paren = 3;
	else if (end >= 1 && name[end - 1] == ')')
		end -= 1, paren = 1;
	size_t start = end;
	while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9' && end - start < 3)
		start--;
	if (start == end)
		while (start >= 3 && cn_digit(name + start - 3, 3) && end - start < 9)
			start -= 3;
	if (start == end)
		return 0;
	if (paren) {
		size_t open = paren == 3 ? 3 : 1;
		if (start < open || memcmp(name + start - open, paren == 3 ? "（" : "(", open))
			return 0;
		*at = start - open;
	} else {
		*at = start;
	}
	long v;
	if (name[start] >= '0' && name[start] <= '9')
		v = strtol(name + start, NULL, 10);
	else {
		size_t used;
		v = fg_cn_number(name + start, end - start, &used);
		if (used != end - start)
			return 0;
	}
	return *at > 0 && v > 0 && v < 100 ? v : 0;
}

/*
 * name + （N）: a numbered rule of a series, its base name direct or through
 * ab (公司法解释三 -> 最高人民法院关于适用《公司法》若干问题的规定（三）).
 */
static int numbered(fg_xdb *db, const fg_abbrevs *ab, const char *name, size_t len, fg_buf *term)
{
	size_t at;
	long v = trailing_number(name, len, &at);
	if (!v)
		return 0;
	char *num = fg_cn_number_format(v);
	char *base = fg_xstrndup(name, at);
	const char *full = fg_abbrevs_find(ab, base, at);
	int found = 0;
	for (int k = 0; k < 2 && !found; k++) {
		const char *b = k ? full : base;
		found = b && lookup_part(db, b, num, term);
	}
	free(base);
	free(num);
	return found;
}

/*
 * LAW解释 / LAW司法解释, with a number or not (婚姻法解释二, 保险法司法解释（三）,
 * 仲裁法解释): the Supreme People's Court's interpretation of that law, as
 * its titles name them — 最高人民法院关于适用《LAW》的解释, …若干问题的解释,
 * …若干问题的规定 (the first that the index has), LAW direct or through ab
 * (破产法 -> 企业破产法); the number's part of a series, else its first.
 */
static int interpretation(fg_xdb *db, const fg_abbrevs *ab, const char *name, size_t len, fg_buf *term)
{
	static const char *const kinds[] = {"的解释", "若干问题的解释", "若干问题的规定"};
	static const char *const suffixes[] = {"司法解释", "解释"};
	size_t at = len;
	long v = trailing_number(name, len, &at);
	size_t base = v ? at : len, law = 0;
	for (int i = 0; i < 2 && !law; i++) {
		size_t k = strlen(suffixes[i]);
		if (base > k + 3 && !memcmp(name + base - k, suffixes[i], k) && !memcmp(name + base - k - 3, "法", 3))
			law = base - k;
	}
	if (!law)
		return 0;
	char *typed = fg_xstrndup(name, law);
	const char *full = fg_abbrevs_find(ab, typed, law);
	char *num = v ? fg_cn_number_format(v) : fg_xstrdup("一");
	int found = 0;
	for (int f = 0; f < 2 && !found; f++) {
		const char *l = f ? full : typed;
		for (int k = 0; l && k < 3 && !found; k++)
			for (int numbered_part = v ? 1 : 0; numbered_part < 2 && !found; numbered_part++) {
				fg_buf n = {0};
				fg_buf_puts(&n, "最高人民法院关于适用《");
				fg_buf_puts(&n, l);
				fg_buf_puts(&n, "》");
				fg_buf_puts(&n, kinds[k]);
				fg_buf_put(&n, "", 1);
				found = lookup_part(db, n.data, numbered_part ? num : NULL, term);
				fg_buf_free(&n);
			}
	}
	free(num);
	free(typed);
	return found;
}

int fg_rule_term(fg_xdb *db, const fg_abbrevs *ab, const char *name, size_t len, fg_buf *term)
{
	while (len && name[0] == ' ')
		name++, len--;
	while (len && name[len - 1] == ' ')
		len--;
	/* 《》 around the whole name: the same name */
	if (len >= 6 && !memcmp(name, "《", 3) && !memcmp(name + len - 3, "》", 3)) {
		name += 3;
		len -= 6;
	}
	char *s = fg_xstrndup(name, len);
	int found = lookup(db, s, term);
	if (!found) {
		const char *full = fg_abbrevs_find(ab, s, len);
		if (full)
			found = lookup(db, full, term);
		if (full && !found) /* a numbered series without its number: the first (公司法解释) */
			found = lookup_part(db, full, "一", term);
	}
	if (!found)
		found = numbered(db, ab, s, len, term);
	if (!found)
		found = interpretation(db, ab, s, len, term);
	free(s);
	if (!found)
		fg_buf_reset(term);
	return found;
}

int fg_rule_term_stem(fg_xdb *db, const char *name, size_t len, fg_buf *term)
{
	fg_buf_reset(term);
	char *n = normalized(name, len);
	size_t nl = strlen(n), chars = 0, i = 0;
	while (i < nl) {
		uint32_t cp;
		size_t k = fg_utf8_decode(n + i, nl - i, &cp);
		if (!k || !fg_is_han(cp))
			break;
		i += k;
		chars++;
	}
	int found = 0;
	if (i == nl && chars >= FG_RULE_STEM_MIN) {
		static const char *const kinds[] = {"法", "条例"};
		fg_buf full = {0};
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !found; k++) {
			fg_buf_reset(&full);
			fg_buf_put(&full, n, nl);
			fg_buf_put(&full, kinds[k], strlen(kinds[k]));
			fg_buf_put(&full, "", 1);
			found = lookup(db, full.data, term);
		}
		fg_buf_free(&full);
	}
	free(n);
	if (!found)
		fg_buf_reset(term);
	return found;
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n > k && !memcmp(s + n - k, suf, k);
}

/* Whether better is a better pick than cur for region + topic: in force, then the shorter name. */
static int place_better(const fg_titledoc *t, const fg_titledoc *cur)
{
	if (!cur)
		return 1;
	int a = !strcmp(t->status, FG_STATUS_IN_FORCE), b = !strcmp(cur->status, FG_STATUS_IN_FORCE);
	if (a != b)
		return a;
	size_t lt = strlen(t->name), lc = strlen(cur->name);
	return lt != lc ? lt < lc : strcmp(t->published, cur->published) > 0;
}

int fg_rule_by_place(const fg_titlemap *m, const char *place, const char *const *words, size_t n, fg_buf *term)
{
	static const char *const sufs[] = {"省", "市", "自治区", "自治州", "县", "区"};
	int is_place = 0;
	for (size_t i = 0; i < sizeof sufs / sizeof *sufs && !is_place; i++)
		is_place = ends_with(place, sufs[i]);
	if (!is_place || !n)
		return 0;
	char *pre = fg_rule_name(place);
	size_t plen = strlen(pre);
	char **keys = fg_xcalloc(n, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = fg_rule_name(words[i]);
	const fg_titledoc *best = NULL;
	for (size_t i = 0; plen && i < fg_titlemap_count(m); i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		if (strncmp(t->name, pre, plen) != 0)
			continue;
		int all = 1;
		for (size_t k = 0; k < n && all; k++)
			all = *keys[k] && strstr(t->name + plen, keys[k]) != NULL;
		if (all && place_better(t, best))
			best = t;
	}
	if (best)
		fg_term_field(term, FG_PFX_RULE, best->name, strlen(best->name));
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(pre);
	return best != NULL;
}

/* ---- items of documents without articles ---- */

int fg_rule_any_match(fg_xdb *db, const fg_xq *q)
{
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	int any = fg_xenq_get_mset(e, 0, 1, 1, &m, NULL) == FG_OK && fg_xmset_size(m) > 0;
	fg_xmset_free(m);
	fg_xenq_free(e);
	return any;
}

/* Whether some unit has both terms. */
static int has_both(fg_xdb *db, const fg_xq *a, const char *t, size_t tlen)
{
	fg_xq *b = fg_xq_term(t, tlen, 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, a, b);
	int any = fg_rule_any_match(db, q);
	fg_xq_free(q);
	fg_xq_free(b);
	return any;
}

/* 第N项 (Chinese or Arabic N): N, else 0. */
static long ordinal(const char *s, size_t len)
{
	size_t used;
	if (len < 7 || memcmp(s, "第", 3) || memcmp(s + len - 3, "项", 3))
		return 0;
	long n = fg_cn_number(s + 3, len - 6, &used);
	return n > 0 && used == len - 6 ? n : 0;
}

/*
 * The item term a label means in the rule (filter: its units): XI<key> of a
 * label, or for 第N项 the XJ term of the finest style the rule numbers N in
 * (12. before （十二） before 十二、). 1 when the label is one (*term set,
 * possibly to a term the rule lacks), 0 when it is no label.
 */
static int item_term(fg_xdb *db, const fg_xq *filter, const char *label, size_t len, fg_buf *term)
{
	char *key = NULL;
	long n = ordinal(label, len);
	if (!n && fg_item_label_key(label, len, &key)) {
		fg_term_field(term, FG_PFX_ITEM, key, strlen(key));
		free(key);
		return 1;
	}
	static const int order[] = {FG_ITEM_AR, FG_ITEM_AR_PAREN, FG_ITEM_AR_CLOSE, FG_ITEM_CN_PAREN, FG_ITEM_CN,
				    FG_ITEM_SHI, FG_ITEM_PART};
	for (size_t k = 0; n && k < sizeof order / sizeof *order; k++) {
		fg_buf b = {0};
		fg_item_key_put(&b, order[k], n, FG_ITEM_NONE);
		fg_term_field(term, FG_PFX_ITEM_LAST, b.data, b.len);
		fg_buf_free(&b);
		if (has_both(db, filter, term->data, term->len))
			break;
	}
	return n > 0;
}

/*
 * Where the query splits into NAME and LABEL: at its last space, else (the
 * whole query naming no rule) before the shortest label that leaves a rule
 * name: *at gets the label's start. 1 with *rule set, 0 otherwise.
 */
static int split_ref(fg_xdb *db, const fg_abbrevs *ab, const char *q, size_t len, size_t *at, fg_buf *rule)
{
	char *key = NULL;
	const char *sp = NULL;
	for (const char *p = q; p < q + len; p++)
		if (*p == ' ')
			sp = p;
	if (sp) {
		*at = (size_t)(sp + 1 - q);
		return fg_rule_term(db, ab, q, (size_t)(sp - q), rule);
	}
	if (fg_rule_term(db, ab, q, len, rule))
		return 0; /* the whole query is a name: 规定（二） */
	for (size_t i = len; i-- > 3;) {
		if (((unsigned char)q[i] & 0xC0) == 0x80)
			continue;
		int label = ordinal(q + i, len - i) || fg_item_label_key(q + i, len - i, &key);
		free(key);
		key = NULL;
		if (label && fg_rule_term(db, ab, q, i, rule)) {
			*at = i;
			return 1;
		}
	}
	return 0;
}

/* Whether the rule (filter) has items at all. */
static int has_items(fg_xdb *db, const fg_xq *filter)
{
	fg_xq *all = fg_xq_wildcard(FG_PFX_ITEM, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, filter, all);
	int any = fg_rule_any_match(db, q);
	fg_xq_free(q);
	fg_xq_free(all);
	return any;
}

/* The rule has items but not this one: say so, and give the rule's units (w: its weighted term). */
static fg_xq *no_such_item(const fg_xq *w, const char *q, size_t at, size_t len, char **notice)
{
	size_t name = at;
	while (name && q[name - 1] == ' ')
		name--;
	fg_buf msg = {0};
	fg_buf_puts(&msg, "没有找到“");
	fg_buf_put(&msg, q, name);
	fg_buf_puts(&msg, "”的");
	fg_buf_put(&msg, q + at, len - at);
	fg_buf_puts(&msg, "：该文件没有这一项，以下是该文件的各项。");
	free(*notice);
	*notice = fg_buf_detach(&msg);
	fg_xq *rec = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0);
	fg_xq *ref = fg_xq_pair(FG_XQ_AND_NOT, w, rec);
	fg_xq_free(rec);
	return ref;
}

fg_xq *fg_item_lookup(fg_xdb *db, const fg_abbrevs *ab, const char *q, double weight, fg_buf *card, char **notice)
{
	size_t len = strlen(q), at = 0;
	while (len && q[len - 1] == ' ')
		len--;
	while (len && *q == ' ')
		q++, len--;
	fg_buf rule = {0}, term = {0};
	fg_xq *ref = NULL;
	if (weight > 0 && split_ref(db, ab, q, len, &at, &rule)) {
		fg_xq *w = fg_xq_term_weight(rule.data, rule.len, weight);
		if (item_term(db, w, q + at, len - at, &term)) {
			if (has_both(db, w, term.data, term.len)) {
				fg_xq *a = fg_xq_term(term.data, term.len, 1, 0);
				ref = fg_xq_pair(FG_XQ_FILTER, w, a);
				fg_xq_free(a);
			} else if (has_items(db, w)) {
				ref = no_such_item(w, q, at, len, notice);
			}
			if (ref && !card->len)
				fg_buf_put(card, rule.data, rule.len);
		}
		fg_xq_free(w);
	}
	fg_buf_free(&rule);
	fg_buf_free(&term);
	return ref;
}
