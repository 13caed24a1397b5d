/*
 * qname.c - what a query names (qname.h): a rule's name from the query's
 * text or parsed tree, a year beside it, a place and topic words, the
 * paragraph and item after an article reference, and the weight that puts a
 * named rule's units in article order.
 */
#include "qname.h"

#include "rules.h"
#include "terms.h"

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

/* A weight decreasing with the unit's index: a named rule's 第一条 before its 第二条. */
fg_xq *fg_qname_article_order(void)
{
	char (*keys)[18] = fg_xcalloc(ORDER_UNITS, sizeof *keys);
	const char **kp = fg_xcalloc(ORDER_UNITS, sizeof *kp);
	double *w = fg_xcalloc(ORDER_UNITS, sizeof *w);
	for (int i = 0; i < ORDER_UNITS; i++) {
		keys[i][fg_x_sortable_serialise((double)i, keys[i])] = '\0';
		kp[i] = keys[i];
		w[i] = ORDER_WEIGHT * (1.0 - (double)i / ORDER_UNITS);
	}
	fg_xq *q = fg_xq_value_map(FG_SLOT_INDEX, kp, w, ORDER_UNITS, 0);
	free(keys);
	free(kp);
	free(w);
	return q;
}

