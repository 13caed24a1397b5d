/*
 * qname.c - what a query names (qname.h): a rule's name from the query's
 * text or parsed tree, a year beside it, a place and topic words, the
 * paragraph and item after an article reference, and the weight that puts a
 * named rule's units in article order.
 */
#include "qname.h"

#include "record.h"
#include "refs.h"
#include "searcher.h"
#include "rules.h"
#include "stored.h"
#include "terms.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fg_qname_is_year(const char *t)
{
	return strlen(t) == 4 && t[0] >= '1' && t[0] <= '2' && strspn(t, "0123456789") == 4;
}

/*
 * The name a query gives when it names a rule: its one text, or its texts
 * (at most three, joined by spaces: 民法典 合同编) besides a year, which goes
 * into year ("" when none). 0 when the query has operators or fields.
 */
int fg_qname_tree(const fg_qnode *tree, fg_buf *name, char year[5])
{
	year[0] = '\0';
	const fg_qnode *const *kids = &tree;
	size_t n = 1;
	if (tree->type == FG_Q_AND) {
		kids = (const fg_qnode *const *)tree->kids;
		n = tree->nkids;
	}
	if (n > 4)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const fg_qnode *k = kids[i];
		if (k->type != FG_Q_TEXT || (k->field != FG_F_ANY && k->field != FG_F_RULE))
			return 0;
		if (fg_qname_is_year(k->text) && !year[0]) {
			memcpy(year, k->text, 5);
			continue;
		}
		if (name->len)
			fg_buf_putc(name, ' ');
		fg_buf_puts(name, k->text);
	}
	return name->len > 0;
}

/* The query text without spaces around it and without a year before or after it (into year). */
void fg_qname_raw(const char *q, fg_buf *name, char year[5])
{
	const char *e = q + strlen(q);
	while (*q == ' ')
		q++;
	while (e > q && e[-1] == ' ')
		e--;
	if (e - q > 5 && e[-5] == ' ' && strspn(e - 4, "0123456789") == 4) {
		memcpy(year, e - 4, 4);
		year[4] = '\0';
		e -= 5;
	} else if (e - q > 5 && q[4] == ' ' && strspn(q, "0123456789") == 4) {
		memcpy(year, q, 4);
		year[4] = '\0';
		q += 5;
	}
	fg_buf_put(name, q, (size_t)(e - q));
}

/* Region + topic (浙江省 广告): the rule of that place whose name holds the other words (rules.h). */
int fg_qname_place(fg_searcher *s, const fg_qnode *and, fg_buf *term)
{
	const fg_titlemap *m = NULL;
	if (fg_searcher_titles(s, &m, NULL) != FG_OK)
		return 0;
	const char *words[4];
	size_t n = 0;
	for (size_t i = 1; i < and->nkids && n < 4; i++)
		if (!fg_qname_is_year(and->kids[i]->text))
			words[n++] = and->kids[i]->text;
	return fg_rule_by_place(m, and->kids[0]->text, words, n, term);
}

/* Whether s (n bytes) is empty or a paragraph and item after an article: 第Y款, 第Y款第Z项, 第Z项. */
int fg_qname_para_suffix(const char *s, size_t n)
{
	static const char *const units[] = {"款", "项"};
	for (int k = 0; k < 2 && n; k++) {
		size_t used;
		if (n < 3 || memcmp(s, "第", 3) != 0 || fg_cn_number(s + 3, n - 3, &used) <= 0 || n - 3 - used < 3 ||
		    memcmp(s + 3 + used, units[k], 3) != 0) {
			if (k == 0)
				continue; /* no 款: maybe a 项 alone */
			return 0;
		}
		s += 6 + used;
		n -= 6 + used;
	}
	return n == 0;
}

#define ORDER_UNITS 2000   /* units of a named rule put in article order (later ones get no order weight) */
#define ORDER_WEIGHT 100.0 /* weight of the first: a step of 0.05 per unit, above the scaled-down text match */

/* Value-map keys and weights of units from..from+n of total in order (weights from ORDER_WEIGHT down). */
static fg_xq *order_map(size_t from, size_t n, size_t total)
{
	char (*keys)[18] = fg_xcalloc(n ? n : 1, sizeof *keys);
	const char **kp = fg_xcalloc(n ? n : 1, sizeof *kp);
	double *w = fg_xcalloc(n ? n : 1, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		keys[i][fg_x_sortable_serialise((double)i, keys[i])] = '\0';
		kp[i] = keys[i];
		w[i] = ORDER_WEIGHT * (1.0 - (double)(from + i) / (double)total);
	}
	fg_xq *q = fg_xq_value_map(FG_SLOT_INDEX, kp, w, n, 0);
	free(keys);
	free(kp);
	free(w);
	return q;
}

/* A weight decreasing with the unit's index: a named rule's 第一条 before its 第二条. */
fg_xq *fg_qname_article_order(void)
{
	return order_map(0, ORDER_UNITS, ORDER_UNITS);
}

#define MAX_PARTS 64 /* parts (and their versions) of one code put in order */

struct part {
	char *id;
	long first; /* the number of its first article (LONG_MAX: none) */
	size_t n;   /* documents with its D term: its units and record */
};

static int part_cmp(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The first document of boolean query q, by FG_SLOT_INDEX when sorted; NULL when none. */
static fg_xmset *first_docs(fg_xdb *db, const fg_xq *q, unsigned max, int sorted)
{
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	if (sorted)
		fg_xenq_set_sort(e, FG_XSORT_VALUE, FG_SLOT_INDEX, 0);
	fg_xmset *m = NULL;
	if (fg_xenq_get_mset(e, 0, max, max, &m, NULL) != FG_OK) {
		fg_xmset_free(m);
		m = NULL;
	}
	fg_xenq_free(e);
	return m;
}

/* The number of the first article of document id (LONG_MAX when it has none). */
static long first_article(fg_xdb *db, const char *id)
{
	fg_buf dt = {0};
	fg_term_doc(&dt, id);
	fg_xq *d = fg_xq_term(dt.data, dt.len, 1, 0);
	fg_xq *a = fg_xq_term(FG_TERM_ARTICLES, strlen(FG_TERM_ARTICLES), 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, d, a);
	fg_xmset *m = first_docs(db, q, 1, 1);
	long first = LONG_MAX;
	fg_unitrec u;
	if (m && fg_xmset_size(m) > 0 && fg_stored_hit(m, 0, &u, NULL) == FG_OK) {
		if (u.unit.num > 0)
			first = u.unit.num;
		fg_unitrec_fin(&u);
	}
	fg_xmset_free(m);
	fg_xq_free(q);
	fg_xq_free(a);
	fg_xq_free(d);
	fg_buf_free(&dt);
	return first;
}

fg_xq *fg_qname_parts_order(fg_xdb *db, const char *term, size_t len)
{
	fg_xq *t = fg_xq_term(term, len, 1, 0);
	fg_xq *rec = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_FILTER, t, rec);
	fg_xmset *m = first_docs(db, q, MAX_PARTS, 0);
	fg_xq_free(q);
	fg_xq_free(rec);
	fg_xq_free(t);
	struct part parts[MAX_PARTS];
	size_t np = 0, total = 0;
	for (unsigned i = 0; m && i < fg_xmset_size(m) && np < MAX_PARTS; i++) {
		fg_xdoc *d = NULL;
		if (fg_xmset_document(m, i, &d, NULL) != FG_OK)
			continue;
		size_t n;
		const char *v = fg_xdoc_get_value(d, FG_SLOT_ID, &n);
		if (n) {
			fg_buf dt = {0};
			parts[np].id = fg_xstrndup(v, n);
			fg_term_doc(&dt, parts[np].id);
			parts[np].n = fg_xdb_termfreq(db, dt.data, dt.len);
			parts[np].first = first_article(db, parts[np].id);
			total += parts[np].n;
			np++;
			fg_buf_free(&dt);
		}
		fg_xdoc_free(d);
	}
	fg_xmset_free(m);
	if (!np)
		return NULL;
	qsort(parts, np, sizeof *parts, part_cmp);
	fg_xq **subs = fg_xcalloc(np, sizeof *subs);
	size_t from = 0, longest = 0;
	for (size_t i = 0; i < np; i++) {
		fg_buf dt = {0};
		fg_term_doc(&dt, parts[i].id);
		fg_xq *map = order_map(from, parts[i].n, total);
		fg_xq *d = fg_xq_term(dt.data, dt.len, 1, 0);
		subs[i] = fg_xq_pair(FG_XQ_FILTER, map, d);
		fg_xq_free(map);
		fg_xq_free(d);
		fg_buf_free(&dt);
		/* versions of one part share its place: the next part starts after the longest of them */
		if (parts[i].n > longest)
			longest = parts[i].n;
		if (i + 1 == np || parts[i + 1].first != parts[i].first) {
			from += longest;
			longest = 0;
		}
		free(parts[i].id);
	}
	fg_xq *out = fg_xq_or_take(subs, np);
	return out;
}

/* Whether q starts with a bare reference NAME第X条 (the name name_len bytes) as the citation extractor reads them (refs.h). */
int fg_qname_bare_ref(const char *q, size_t name_len)
{
	while (name_len && q[name_len - 1] == ' ')
		name_len--;
	if (name_len > 6 && !memcmp(q, "《", 3) && !memcmp(q + name_len - 3, "》", 3)) /* 《NAME》第X条 */
		return 1;
	fg_cite *c = NULL;
	size_t n = fg_cite_extract_bare(q, strlen(q), &c);
	int ok = n >= 1 && c[0].start == 0 && c[0].end > name_len;
	fg_cite_free(c, n);
	return ok;
}

/*
 * The notice of a name (len bytes) that names no rule of the index: a
 * repealed rule of data/repealed.tsv (合同法: 已于2021年1月1日废止，由《民法典》
 * 取代), else, when article says so (a whole NAME第X条 query), that there
 * is no such rule. NULL when neither.
 */
char *fg_qname_unknown_notice(fg_searcher *s, const char *name, size_t len, int article)
{
	while (len && name[len - 1] == ' ')
		len--;
	if (len > 6 && !memcmp(name, "《", 3) && !memcmp(name + len - 3, "》", 3)) {
		name += 3;
		len -= 6;
	}
	char *rn = fg_xstrndup(name, len), *key = fg_rule_name(rn);
	const char *rep = *key ? fg_abbrevs_find(s->repealed, key, strlen(key)) : NULL;
	const char *tab = rep ? strchr(rep, '\t') : NULL;
	fg_buf msg = {0};
	if (tab && tab - rep == 10) {
		char d[32];
		snprintf(d, sizeof d, "%.4s年%d月%d日", rep, atoi(rep + 5), atoi(rep + 8));
		fg_buf_puts(&msg, "《");
		fg_buf_puts(&msg, key);
		fg_buf_puts(&msg, "》已于");
		fg_buf_puts(&msg, d);
		fg_buf_puts(&msg, "废止，由《");
		fg_buf_puts(&msg, tab + 1);
		fg_buf_puts(&msg, "》取代，本库未收录。");
	} else if (article && *key) {
		fg_buf_puts(&msg, "没有找到名为“");
		fg_buf_put(&msg, name, len);
		fg_buf_puts(&msg, "”的法规。");
	}
	free(rn);
	free(key);
	return msg.len ? fg_buf_detach(&msg) : NULL;
}

/* Whether s[0..len) is one character of a Chinese number (〇零一二两三四五六七八九十百千). */
static int cn_numeral(const char *s, size_t len)
{
	static const char chars[] = "〇零一二两三四五六七八九十百千";
	if (len < 3)
		return 0;
	for (size_t i = 0; i + 3 <= sizeof chars - 1; i += 3)
		if (!memcmp(s, chars + i, 3))
			return 1;
	return 0;
}

static char *article_form(fg_searcher *s, const char *q);

/* The separators between the articles of one rule: 、 ， , 和 及 与 and spaces. Bytes of the one at q, or 0. */
static size_t article_sep(const char *q)
{
	static const char *const seps[] = {"、", "，", ",", "和", "及", "与", " ", NULL};
	for (int i = 0; seps[i]; i++)
		if (!strncmp(q, seps[i], strlen(seps[i])))
			return strlen(seps[i]);
	return 0;
}

/* NAME第X条、第Y条 (at most 20) as NAME第X条 OR NAME第Y条, when NAME names a rule; NULL otherwise. */
static char *several_articles(fg_searcher *s, const char *q, size_t end)
{
	const char *at = strstr(q, "第");
	if (!at || at == q)
		return NULL;
	size_t name_len = (size_t)(at - q);
	fg_buf out = {0};
	int n = 0;
	for (const char *p = at; p < q + end && n <= 20;) {
		long num, sub;
		size_t used;
		if (!fg_article_label(p, (size_t)(q + end - p), &num, &sub, &used))
			break;
		if (n)
			fg_buf_puts(&out, " OR ");
		fg_buf_put(&out, q, name_len);
		fg_buf_put(&out, p, used);
		n++;
		p += used;
		size_t k, seps = 0;
		while (p < q + end && (k = article_sep(p)) != 0)
			p += k, seps++;
		if (p == q + end && n >= 2 && !seps) {
			fg_buf term = {0};
			int ok = fg_rule_term(s->db, s->abbrevs, q, name_len, &term);
			fg_buf_free(&term);
			if (ok)
				return fg_buf_detach(&out);
			break;
		}
		if (!seps)
			break;
	}
	fg_buf_free(&out);
	return NULL;
}

/* Where the number ending at q + end starts (ASCII digits or Chinese numerals), end when none. */
static size_t number_start(const char *q, size_t end)
{
	size_t p = end;
	while (p > 0 && q[p - 1] >= '0' && q[p - 1] <= '9')
		p--;
	if (p == end)
		while (p >= 3 && cn_numeral(q + p - 3, 3))
			p -= 3;
	return p;
}

/*
 * NAME[第]X[条]、[第]Y条 — several numbers sharing one 条 (刑法264、266条) — as
 * NAME第X条 OR NAME第Y条, when NAME names a rule; NULL otherwise.
 */
static char *shared_tiao(fg_searcher *s, const char *q, size_t end)
{
	if (end < 3 || memcmp(q + end - 3, "条", 3) != 0)
		return NULL;
	size_t nums[21][2], n = 0, p = end - 3, k;
	int marked = 1; /* the separator before the number just read holds more than spaces */
	for (;;) {
		int tiao = n && p >= 3 && !memcmp(q + p - 3, "条", 3); /* 刑法264条、266条 */
		if (tiao)
			p -= 3;
		size_t st = number_start(q, p);
		if (st == p || n == 21)
			return NULL;
		int di = st >= 3 && !memcmp(q + st - 3, "第", 3);
		if (!marked && !tiao && !di) /* 供用水合同解释2 第1条: a numbered rule's article */
			return NULL;
		nums[n][0] = st, nums[n][1] = p, n++;
		p = di ? st - 3 : st;
		size_t seps = 0;
		marked = 0;
		for (int again = 1; again;) {
			again = 0;
			for (size_t b = 1; b <= 3 && b <= p; b++)
				if ((k = article_sep(q + p - b)) == b) {
					marked |= q[p - b] != ' ';
					p -= b, seps++, again = 1;
					break;
				}
		}
		if (!seps)
			break;
	}
	while (p && q[p - 1] == ' ')
		p--;
	fg_buf term = {0};
	int ok = n >= 2 && p && fg_rule_term(s->db, s->abbrevs, q, p, &term);
	fg_buf_free(&term);
	if (!ok)
		return NULL;
	fg_buf out = {0};
	while (n--) {
		fg_buf_put(&out, q, p);
		fg_buf_puts(&out, "第");
		fg_buf_put(&out, q + nums[n][0], nums[n][1] - nums[n][0]);
		fg_buf_puts(&out, n ? "条 OR " : "条");
	}
	return fg_buf_detach(&out);
}

/* q's length without the spaces and the punctuation a pasted reference ends with (、，。；,.;). */
static size_t trimmed_end(const char *q)
{
	static const char *const tail[] = {" ", "、", "，", "。", "；", ",", ".", ";", NULL};
	size_t end = strlen(q);
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; tail[i] && !again; i++) {
			size_t k = strlen(tail[i]);
			if (end >= k && !memcmp(q + end - k, tail[i], k))
				end -= k, again = 1;
		}
	}
	return end;
}

/* 第X条 NAME (the article first) as NAME第X条, when NAME names a rule; NULL otherwise. */
static char *article_first(fg_searcher *s, const char *q, size_t end)
{
	long num, sub;
	size_t used;
	if (strncmp(q, "第", 3) != 0 || !fg_article_label(q, end, &num, &sub, &used))
		return NULL;
	size_t name = used;
	while (name < end && q[name] == ' ')
		name++;
	if (name == end || !strncmp(q + name, "第", 3))
		return NULL;
	fg_buf term = {0};
	int ok = fg_rule_term(s->db, s->abbrevs, q + name, end - name, &term);
	fg_buf_free(&term);
	if (!ok)
		return NULL;
	fg_buf out = {0};
	fg_buf_put(&out, q + name, end - name);
	fg_buf_put(&out, q, used);
	return fg_buf_detach(&out);
}

/*
 * The words people put around a reference (根据《公司法》第二十条的规定):
 * before it (lead, when asked), and after its 条 / 款 / 项. q without them
 * (a new string), or NULL when it has none.
 */
static char *without_fillers(const char *q, size_t end, int lead_too)
{
	static const char *const lead[] = {"根据", "依据", "依照", "按照", "参照", "对照", "违反", "适用", "查询",
					   "查找", "查看", "请问", NULL};
	static const char *const trail[] = {"是怎么规定的", "怎么规定的", "怎么规定", "是什么", "说的是什么",
					    "讲的是什么", "的规定", "之规定", "规定", "的内容", "内容", "的全文", "全文",
					    "的原文", "原文", "的条文", "条文", NULL};
	size_t start = 0, stop = end, k;
	for (int i = 0; lead_too && lead[i]; i++)
		if (end > (k = strlen(lead[i])) && !memcmp(q, lead[i], k)) {
			start = k;
			break;
		}
	for (int i = 0; trail[i]; i++) {
		k = strlen(trail[i]);
		if (stop > start + k + 3 && !memcmp(q + stop - k, trail[i], k)) {
			const char *u = q + stop - k - 3;
			if (!memcmp(u, "条", 3) || !memcmp(u, "款", 3) || !memcmp(u, "项", 3))
				stop -= k;
			break;
		}
	}
	while (start < stop && q[start] == ' ')
		start++;
	if (start == 0 && stop == end)
		return NULL;
	return fg_xstrndup(q + start, stop - start);
}

/* core as a reference: its article form, or core itself when it is NAME第X条 of a rule; NULL otherwise. */
static char *core_reference(fg_searcher *s, char *core)
{
	char *canon = article_form(s, core);
	if (canon) {
		free(core);
		return canon;
	}
	const char *at = strstr(core, "第");
	size_t name = at ? (size_t)(at - core) : 0, n = strlen(core), used;
	long num, sub;
	fg_buf term = {0};
	int ok = name && fg_article_label(at, n - name, &num, &sub, &used) &&
		 fg_qname_para_suffix(at + used, n - name - used) && fg_rule_term(s->db, s->abbrevs, core, name, &term);
	fg_buf_free(&term);
	if (ok)
		return core; /* 根据《公司法》第二十条 -> 《公司法》第二十条 */
	free(core);
	return NULL;
}

/* fg_qname_article_form of q, or of q without the words around it when q itself is no reference. */
char *fg_qname_article_form(fg_searcher *s, const char *q)
{
	char *plain = article_form(s, q), *core;
	for (int lead = 1; !plain && lead >= 0; lead--) /* 违反…规定 is a name: without the words after it only */
		if ((core = without_fillers(q, trimmed_end(q), lead)) != NULL)
			plain = core_reference(s, core);
	return plain;
}

static char *article_form(fg_searcher *s, const char *q)
{
	size_t end = trimmed_end(q);
	char *first = article_first(s, q, end);
	if (first)
		return first;
	char *several = several_articles(s, q, end);
	if (!several)
		several = shared_tiao(s, q, end);
	if (several)
		return several;
	size_t p = end;
	int tiao = p >= 3 && !memcmp(q + p - 3, "条", 3);
	if (tiao)
		p -= 3;
	size_t num_end = p;
	int ascii = 0;
	while (p > 0 && q[p - 1] >= '0' && q[p - 1] <= '9')
		p--, ascii = 1;
	if (!ascii)
		while (p >= 3 && cn_numeral(q + p - 3, 3))
			p -= 3;
	size_t num_start = p;
	if (num_start == num_end || num_end - num_start > 30) /* ten characters at most */
		return NULL;
	int di = p >= 3 && !memcmp(q + p - 3, "第", 3);
	if (di)
		p -= 3;
	if (di && tiao && end == strlen(q)) /* already 第X条 */
		return NULL;
	if (!di && !tiao && !ascii) /* 公司法解释三: a numbered rule, not an article */
		return NULL;
	if (!di && !tiao && num_end - num_start == 4) { /* 公司法 2018: a version's year */
		char y[5];
		memcpy(y, q + num_start, 4);
		y[4] = '\0';
		long yv = strtol(y, NULL, 10);
		if (fg_qname_is_year(y) && yv >= 1949 && yv <= 2099) /* no code has that many articles */
			return NULL;
	}
	while (p && q[p - 1] == ' ')
		p--;
	if (!p)
		return NULL;
	fg_buf term = {0};
	/* the whole query a rule's name (公司法解释3), or the text before the number not one: no article */
	int rewrite = !fg_rule_term(s->db, s->abbrevs, q, end, &term) && fg_rule_term(s->db, s->abbrevs, q, p, &term);
	fg_buf_free(&term);
	if (!rewrite)
		return NULL;
	fg_buf out = {0};
	fg_buf_put(&out, q, p);
	fg_buf_puts(&out, "第");
	fg_buf_put(&out, q + num_start, num_end - num_start);
	fg_buf_puts(&out, "条");
	return fg_buf_detach(&out); /* 刑法第264条、 too: without what it ended with */
}

int fg_qname_is_number(const char *q, size_t n)
{
	size_t off, nn;
	if (fg_meta_number_line(q, n, &off, &nn))
		return off == 0 && nn == n;
	if (n <= 6 || n > 90 || memcmp(q + n - 3, "号", 3) != 0 || memchr(q, ' ', n)) /* …公告第18号 */
		return 0;
	size_t d = n - 3;
	while (d && q[d - 1] >= '0' && q[d - 1] <= '9')
		d--;
	return d >= 6 && d < n - 3 && !memcmp(q + d - 3, "第", 3);
}

char *fg_qname_number_form(const char *q)
{
	size_t len = strlen(q), off = 0, n;
	while (q[off] == ' ')
		off++;
	for (n = len - off; n && q[off + n - 1] == ' ';)
		n--;
	if (!fg_qname_is_number(q + off, n) || memchr(q + off, '"', n))
		return NULL;
	fg_buf out = {0};
	fg_buf_puts(&out, "文号:\"");
	fg_buf_put(&out, q + off, n);
	fg_buf_puts(&out, "\" OR \"");
	fg_buf_put(&out, q + off, n);
	fg_buf_puts(&out, "\"");
	return fg_buf_detach(&out);
}

int fg_qname_rule_term_cb(void *ctx, const char *name, size_t len, fg_buf *term)
{
	fg_searcher *s = ctx;
	if (fg_rule_term(s->db, s->abbrevs, name, len, term))
		return 1;
	char *n = fg_xstrndup(name, len), *key = fg_rule_name(n);
	int repealed = *key && fg_abbrevs_find(s->repealed, key, strlen(key)) != NULL;
	free(n);
	free(key);
	return repealed ? -1 : 0;
}
