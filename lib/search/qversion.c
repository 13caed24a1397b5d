/*
 * qversion.c - a rule named with the version meant (qname.h): 新公司法,
 * 旧《公司法》第二十条, 修订前的公司法, 2018年公司法, 2018年修正的公司法,
 * 公司法（2018年修正）第二十条, 公司法 2018 第二十条, 公司法第二十条 2018. The qualifier is taken off the query and
 * turned into the year of the version it means, read from the rule's
 * records (its card's versions): 新 the newest version, 旧 / 原 / 修订前的 the
 * one before the version in force, a year the version in force that year.
 */
#include "qname.h"
#include "rules.h"
#include "search.h"

#include "doc.h"
#include "record.h"
#include "stored.h"
#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum which { NONE, NEWEST, CURRENT, PREVIOUS, YEAR };

struct qualifier {
	const char *text;
	enum which which;
};

/* Longest first where one is the start of another (新修订的 before 新). */
static const struct qualifier prefixes[] = {
	{"新修订的", NEWEST}, {"新修正的", NEWEST}, {"新修改的", NEWEST}, {"修订后的", NEWEST},
	{"修正后的", NEWEST}, {"修改后的", NEWEST}, {"最新", NEWEST},     {"新", NEWEST},
	{"现行有效的", CURRENT}, {"现行的", CURRENT}, {"现行", CURRENT},
	{"修订前的", PREVIOUS}, {"修正前的", PREVIOUS}, {"修改前的", PREVIOUS}, {"旧", PREVIOUS},
	{"原", PREVIOUS},     {"老", PREVIOUS},
};

/* What may follow a year: 年, then 修订 / 修正 / 修改 / 版 / 公布 / 施行, then 的 (each optional). */
static size_t year_tail(const char *s, size_t n)
{
	static const char *const verbs[] = {"修订", "修正", "修改", "公布", "施行", "版", NULL};
	size_t k = 0;
	if (n >= 3 && !memcmp(s, "年", 3))
		k = 3;
	for (int i = 0; verbs[i]; i++) {
		size_t v = strlen(verbs[i]);
		if (n - k >= v && !memcmp(s + k, verbs[i], v)) {
			k += v;
			break;
		}
	}
	if (k && n - k >= 3 && !memcmp(s + k, "的", 3))
		k += 3;
	return k;
}

/* Whether s starts with a year 1949–2099 (4 digits) into y. */
static int year_at(const char *s, size_t n, char y[5])
{
	if (n < 4 || strspn(s, "0123456789") < 4 || (n > 4 && s[4] >= '0' && s[4] <= '9'))
		return 0;
	memcpy(y, s, 4);
	y[4] = '\0';
	long v = strtol(y, NULL, 10);
	return v >= 1949 && v <= 2099;
}

/* The bytes of an opening bracket at s (（ ( [ 【 〔), 0 when none; its closing one into close. */
static size_t open_bracket(const char *s, size_t n, const char **close)
{
	static const char *const pairs[][2] = {{"（", "）"}, {"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		size_t k = strlen(pairs[i][0]);
		if (n >= k && !memcmp(s, pairs[i][0], k)) {
			*close = pairs[i][1];
			return k;
		}
	}
	return 0;
}

/* Where the name ends in q (len bytes): at an article label (第X条) or at the end, spaces before it dropped. */
static size_t name_end(const char *q, size_t len)
{
	size_t end = len;
	for (const char *p = q; (p = memmem(p, len - (size_t)(p - q), "第", 3)); p += 3) {
		long num, sub;
		size_t used;
		if (p > q && fg_article_label(p, len - (size_t)(p - q), &num, &sub, &used)) {
			end = (size_t)(p - q);
			break;
		}
	}
	while (end && q[end - 1] == ' ')
		end--;
	return end;
}

/* The year of the version of the rule (term) that which (and y for YEAR) means into out; 0 when none. */
static int version_year(fg_searcher *s, const fg_buf *term, enum which which, const char *y, char out[5])
{
	if (which == CURRENT || memcmp(term->data, FG_PFX_RULE, 2) != 0) /* in force: the default; a code's parts */
		return 0;
	fg_rulecard *c = fg_rulecard_build(s->db, term->data, term->len, NULL);
	if (!c)
		return 0;
	const fg_rule_version *pick = NULL;
	size_t in_force = c->nversions;
	for (size_t i = 0; i < c->nversions; i++) /* oldest first */
		if (!strcmp(c->versions[i].status, FG_STATUS_IN_FORCE))
			in_force = i;
	if (c->nversions > 1 && which == NEWEST)
		pick = &c->versions[c->nversions - 1];
	else if (c->nversions > 1 && which == PREVIOUS)
		pick = &c->versions[(in_force < c->nversions ? in_force : c->nversions - 1) - (in_force != 0)];
	else if (which == YEAR)
		for (size_t i = 0; i < c->nversions; i++) /* the newest published by the end of that year */
			if (!pick || strncmp(c->versions[i].published, y, 4) <= 0)
				pick = &c->versions[i];
	int ok = pick && strlen(pick->published) >= 4;
	if (ok) {
		memcpy(out, pick->published, 4);
		out[4] = '\0';
		ok = fg_qname_is_year(out);
	}
	fg_rulecard_free(c);
	return ok;
}

/* The title of the document whose 文号 is q (n bytes; a unit's meta), its year into year; NULL when none. */
static char *number_title(fg_searcher *s, const char *q, size_t n, char year[5])
{
	char *text = fg_xstrndup(q, n);
	fg_xq *ph = fg_query_phrase(text, FG_PFX_NUMBER_TOK);
	free(text);
	if (!ph)
		return NULL;
	fg_xenq *e = fg_xenq_new(s->db); /* a unit of the document: units carry the number's tokens */
	fg_xenq_set_query(e, ph);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	char *out = NULL;
	fg_unitrec u;
	if (fg_xenq_get_mset(e, 0, 1, 1, &m, NULL) == FG_OK && fg_xmset_size(m) > 0 &&
	    fg_stored_hit(m, 0, &u, NULL) == FG_OK) {
		if (u.meta.title && *u.meta.title) {
			out = fg_xstrdup(u.meta.title);
			if (u.meta.published && strlen(u.meta.published) >= 4) {
				memcpy(year, u.meta.published, 4);
				year[4] = '\0';
			}
		}
		fg_unitrec_fin(&u);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(ph);
	return out;
}

/*
 * 白市监规〔2018〕3号第五条, a 文号 and an article: the title of the
 * document of that number and the article, its year into year; NULL when q
 * is no such reference or no document has the number.
 */
static char *number_article(fg_searcher *s, const char *q, size_t len, char year[5])
{
	const char *at = NULL;
	size_t used = 0;
	for (const char *p = q; (p = memmem(p, len - (size_t)(p - q), "第", 3)); p += 3) {
		long num, sub;
		if (p > q && fg_article_label(p, len - (size_t)(p - q), &num, &sub, &used) &&
		    fg_qname_para_suffix(p + used, len - (size_t)(p + used - q)))
			at = p;
	}
	size_t n = at ? (size_t)(at - q) : 0;
	while (n && q[n - 1] == ' ')
		n--;
	if (!fg_qname_is_number(q, n))
		return NULL;
	char *title = number_title(s, q, n, year);
	if (!title)
		return NULL;
	fg_buf b = {0};
	fg_buf_puts(&b, title);
	fg_buf_put(&b, at, len - (size_t)(at - q));
	free(title);
	return fg_buf_detach(&b);
}

int fg_qname_number_rule(fg_searcher *s, const char *q, fg_buf *term, char year[5])
{
	while (*q == ' ')
		q++;
	size_t n = strlen(q);
	while (n && q[n - 1] == ' ')
		n--;
	char y[5] = "";
	char *title = fg_qname_is_number(q, n) ? number_title(s, q, n, y) : NULL;
	int found = title && fg_rule_term(s->db, s->abbrevs, title, strlen(title), term);
	if (found)
		memcpy(year, y, sizeof y);
	free(title);
	return found;
}

char *fg_qname_version_form(fg_searcher *s, const char *q, char year[5])
{
	year[0] = '\0';
	while (*q == ' ')
		q++;
	size_t len = strlen(q);
	while (len && q[len - 1] == ' ')
		len--;
	char *numbered = number_article(s, q, len, year);
	if (numbered)
		return numbered;
	enum which which = NONE;
	int prefix = 1; /* the qualifier comes before the name */
	char y[5] = "";
	fg_buf out = {0};
	size_t k;
	const char *close;
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && which == NONE; i++) {
		k = strlen(prefixes[i].text);
		if (len > k && !memcmp(q, prefixes[i].text, k)) {
			which = prefixes[i].which;
			fg_buf_put(&out, q + k, len - k);
		}
	}
	if (which == NONE && year_at(q, len, y) && (k = year_tail(q + 4, len - 4)) != 0) { /* 2018年公司法 */
		which = YEAR;
		fg_buf_put(&out, q + 4 + k, len - 4 - k);
	}
	for (const char *p = q; which == NONE && p < q + len; p++) { /* 公司法（2018年修正） */
		size_t ob = open_bracket(p, (size_t)(q + len - p), &close);
		if (!ob || p == q || !year_at(p + ob, (size_t)(q + len - p) - ob, y))
			continue;
		const char *t = p + ob + 4;
		t += year_tail(t, (size_t)(q + len - t));
		size_t cl = strlen(close);
		if ((size_t)(q + len - t) < cl || memcmp(t, close, cl) != 0)
			continue;
		which = YEAR, prefix = 0;
		fg_buf_put(&out, q, (size_t)(p - q));
		fg_buf_put(&out, t + cl, (size_t)(q + len - t - cl));
	}
	for (const char *p = q; which == NONE && p + 4 <= q + len; p++) { /* 公司法 2018 第二十条, 公司法2018年版 */
		if ((p > q && p[-1] >= '0' && p[-1] <= '9') || !year_at(p, (size_t)(q + len - p), y))
			continue;
		const char *a = p, *b = p + 4;
		b += year_tail(b, (size_t)(q + len - b));
		while (a > q && a[-1] == ' ')
			a--;
		while (b < q + len && *b == ' ')
			b++;
		which = YEAR, prefix = p < q + name_end(q, len); /* a year inside the name: the name may hold it */
		fg_buf_put(&out, q, (size_t)(a - q));
		fg_buf_put(&out, b, (size_t)(q + len - b));
	}
	if (which == NONE || !out.len) {
		fg_buf_free(&out);
		return NULL;
	}
	char *article = fg_qname_article_form(s, out.data); /* 旧公司法20条 */
	if (article) {
		fg_buf_reset(&out);
		fg_buf_puts(&out, article);
		free(article);
	}
	fg_buf term = {0};
	size_t was = name_end(q, len), is = name_end(out.data, out.len);
	/* a qualifier before the name is not part of it (新疆…条例, 原子能法); what is left names a rule */
	int ok = is && (prefix ? !fg_rule_term(s->db, s->abbrevs, q, was, &term) : 1);
	int rule = ok && fg_rule_term(s->db, s->abbrevs, out.data, is, &term);
	if (ok && !rule && which != YEAR) /* 原合同法: a repealed rule, said by its notice */
		ok = fg_qname_rule_term_cb(s, out.data, is, &term) < 0;
	else
		ok = rule;
	if (ok && rule)
		version_year(s, &term, which, y, year);
	fg_buf_free(&term);
	if (!ok) {
		fg_buf_free(&out);
		return NULL;
	}
	return fg_buf_detach(&out);
}
