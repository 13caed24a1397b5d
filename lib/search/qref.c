/*
 * qref.c - article look-up of a whole query NAME第X条 (qname.h
 * fg_qname_direct_ref): the parser's own reference handles names it can
 * split; this one takes any name fg_rule_term reads, 《》 and all
 * (最高人民法院关于适用《企业破产法》若干问题的规定（三）第十一条), and the
 * several references the article form joins with OR.
 */
#include "qname.h"
#include "rules.h"

#include "doc.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

/* The notice of a rule without the article at (the name len bytes before it). */
static char *no_such_article(const char *q, const char *at, size_t len)
{
	fg_buf msg = {0};
	fg_buf_puts(&msg, "没有找到“");
	fg_buf_put(&msg, q, (size_t)(at - q));
	fg_buf_puts(&msg, "”的");
	fg_buf_put(&msg, at, len - (size_t)(at - q));
	fg_buf_puts(&msg, "：该法规没有这一条");
	return fg_buf_detach(&msg);
}

/* One reference q (len bytes); alone: a missing article lists the rule. */
static fg_xq *one_ref(fg_searcher *s, const char *q, size_t len, const char *vyear, fg_buf *rule, int replace,
		      char **notice, int alone)
{
	while (len && q[len - 1] == ' ')
		len--;
	const char *at = NULL;
	long num = 0, sub = 0;
	for (const char *p = q; (p = memmem(p, len - (size_t)(p - q), "第", 3)); p += 3) {
		size_t used;
		if (fg_article_label(p, len - (size_t)(p - q), &num, &sub, &used) &&
		    fg_qname_para_suffix(p + used, len - (size_t)(p + used - q))) {
			at = p;
			len = (size_t)(p + used - q); /* the notice names the article, not the paragraph */
			break;
		}
	}
	fg_buf term = {0}, an = {0};
	fg_xq *ref = NULL;
	if (at && at > q && fg_rule_term(s->db, s->abbrevs, q, (size_t)(at - q), &term)) {
		if (!rule->len || replace) /* its card, not a topic's name (公司法解释（三）第十条: not （一）) */
			fg_buf_reset(rule), fg_buf_put(rule, term.data, term.len);
		double weight = fg_searcher_tuning(s)->rule;
		fg_term_article(&an, num, sub);
		fg_xq *w = fg_xq_term_weight(term.data, term.len, weight);
		fg_xq *a = fg_xq_term(an.data, an.len, 1, 0);
		ref = fg_xq_pair(FG_XQ_FILTER, w, a);
		if (vyear && vyear[0]) { /* 旧公司法第二十条: that version's article first */
			fg_term_field(&an, FG_PFX_YEAR, vyear, 4);
			fg_xq *y = fg_xq_term(an.data, an.len, 1, 0), *ry = fg_xq_pair(FG_XQ_FILTER, ref, y), *x = ref;
			ref = fg_xq_pair(FG_XQ_OR, x, ry);
			fg_xq_free(y), fg_xq_free(ry), fg_xq_free(x);
		}
		fg_xq_free(a);
		if (!fg_rule_any_match(s->db, ref)) { /* the rule has no such article: say so (and, alone, show the rule) */
			char *m = no_such_article(q, at, len);
			fg_buf msg = {0};
			if (*notice) /* several: each missing one said */
				fg_buf_puts(&msg, *notice), fg_buf_puts(&msg, "；");
			fg_buf_puts(&msg, m);
			fg_buf_puts(&msg, alone ? "，以下是该法规的条文。" : "");
			free(m);
			free(*notice);
			*notice = fg_buf_detach(&msg);
			fg_xq_free(ref);
			ref = NULL;
			if (alone) {
				fg_xq *rec = fg_xq_term(FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), 1, 0);
				ref = fg_xq_pair(FG_XQ_AND_NOT, w, rec);
				fg_xq_free(rec);
			}
		}
		fg_xq_free(w);
	} else if (alone && at && at > q && !*notice && fg_qname_bare_ref(q, (size_t)(at - q))) {
		*notice = fg_qname_unknown_notice(s, q, (size_t)(at - q), 1);
	}
	fg_buf_free(&term);
	fg_buf_free(&an);
	return ref;
}

fg_xq *fg_qname_direct_ref(fg_searcher *s, const char *q, const char *vyear, fg_buf *rule, int replace, char **notice)
{
	static const char or[] = " OR ";
	if (!strstr(q, or))
		return one_ref(s, q, strlen(q), vyear, rule, replace, notice, 1);
	fg_xq *subs[21];
	size_t n = 0;
	for (const char *p = q; p && n < 21;) {
		const char *e = strstr(p, or);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!len || !strstr(p, "第") || (size_t)(strstr(p, "第") - p) >= len)
			break; /* not a list of references (刑法 OR 民法典) */
		subs[n] = one_ref(s, p, len, vyear, rule, replace, notice, 0);
		n += subs[n] != NULL;
		p = e ? e + sizeof or - 1 : NULL;
	}
	if (!n)
		return NULL;
	fg_xq **v = fg_xcalloc(n, sizeof *v);
	memcpy(v, subs, n * sizeof *v);
	return fg_xq_or_take(v, n);
}
