/*
 * suggest.c - rule names for a few typed characters (fg_suggest): the rules
 * whose name starts with them, then those that hold them, in force and
 * higher levels first, one entry per rule; and the rule name one edit away
 * from a query (fg_suggest_correction, 您要找的是不是). Both read the title
 * map of the searcher (built once per index revision). An established
 * abbreviation (data/abbreviations.tsv) typed or begun (民诉 → 民诉法)
 * puts the rule it means first.
 */
#include "search.h"

#include "cite.h"
#include "rules.h"
#include "searcher.h"
#include "terms.h"
#include "doc.h"
#include "json.h"
#include "text.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define SUGGEST_MAX 50
#define ABBREV_MAX 8           /* abbreviations begun by one query that count */

struct cand {
	const fg_titledoc *t;
	int cls;               /* -1 an abbreviation the key begins means it, 0 the name starts with the key, 1 holds it */
};

/* Where the number in brackets that ends name (…解释（二）, …解释(二) once normalized) starts, len when none. */
static size_t series_base(const char *name, size_t len)
{
	size_t close = len >= 3 && !memcmp(name + len - 3, "）", 3) ? 3 : len >= 1 && name[len - 1] == ')' ? 1 : 0;
	if (!close)
		return len;
	for (size_t i = len - close; i >= 3 && (unsigned char)name[i - 3] >= 0xe0; i -= 3) /* Han numerals */
		if (!memcmp(name + i - 3, "（", 3))
			return i - 3;
	for (size_t i = len - close; i >= 1; i -= 3) {
		if (name[i - 1] == '(')
			return i - 1;
		if (i < 4 || (unsigned char)name[i - 3] < 0xe0)
			break;
	}
	return len;
}

/* The number in brackets that ends name (（二）, (二): 2), 0 when none. */
static long series_number(const char *name)
{
	size_t len = strlen(name), at = series_base(name, len), used;
	if (at == len)
		return 0;
	size_t open = name[at] == '(' ? 1 : 3, close = name[len - 1] == ')' ? 1 : 3;
	if (len - at <= open + close)
		return 0;
	long v = fg_cn_number(name + at + open, len - at - open - close, &used);
	return used == len - at - open - close ? v : 0;
}

/* Lower is better: how a document ranks among the suggestions. */
static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	int sx = fg_status_rank(x->t->status), sy = fg_status_rank(y->t->status);
	if (sx != sy)
		return sx - sy;
	int lx = fg_level_rank(x->t->level), ly = fg_level_rank(y->t->level);
	if (lx != ly)
		return lx - ly;
	long ux = series_number(x->t->name), uy = series_number(y->t->name);
	size_t bx = strlen(x->t->name), by = strlen(y->t->name);
	if (ux && uy && ux != uy && series_base(x->t->name, bx) == series_base(y->t->name, by) &&
	    !strncmp(x->t->name, y->t->name, series_base(x->t->name, bx)))
		return ux < uy ? -1 : 1; /* a series in the order of its numbers: （一） before （二） */
	size_t nx = bx, ny = by;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	int c = strcmp(y->t->published, x->t->published); /* newest first */
	return c ? c : strcmp(x->t->id, y->t->id);
}

static int same_name_before(const struct cand *v, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(v[k].t->name, v[i].t->name))
			return 1;
	return 0;
}

/* Whether name is base followed by a number in brackets: a numbered rule of the series an abbreviation names. */
static int series_member(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0)
		return 0;
	name += n;
	size_t open = !strncmp(name, "（", 3) ? 3 : name[0] == '(' ? 1 : 0;
	return open && name[open] != '\0';
}

/*
 * LAW解释 / LAW司法解释, whole or begun (婚姻法解, 保险法司法): 适用《LAW》 as the
 * interpretations of that law hold it in their names (LAW through the
 * abbreviations too: 破产法 -> 企业破产法), else NULL. Caller frees.
 */
static char *interpretation_key(const fg_abbrevs *ab, const char *key)
{
	static const char *const kinds[] = {"司法解释", "解释"};
	size_t len = strlen(key);
	for (int k = 0; k < 2; k++)
		for (size_t tail = 3; tail <= strlen(kinds[k]); tail += 3) {
			if (len < tail + 6 || memcmp(key + len - tail, kinds[k], tail) != 0 ||
			    memcmp(key + len - tail - 3, "法", 3) != 0)
				continue;
			size_t law = len - tail;
			const char *full = fg_abbrevs_find(ab, key, law);
			char *name = full ? fg_rule_name(full) : fg_xstrndup(key, law);
			fg_buf b = {0};
			fg_buf_puts(&b, "适用《");
			fg_buf_puts(&b, name);
			fg_buf_puts(&b, "》");
			free(name);
			return fg_buf_detach(&b);
		}
	return NULL;
}

fg_status fg_suggest(fg_searcher *s, const char *q, unsigned limit, fg_suggestion **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	if (limit == 0)
		limit = 10;
	if (limit > SUGGEST_MAX)
		return fg_err_set(err, FG_E_INVAL, "建议条数（limit）应为 1 到 %d 之间的整数", SUGGEST_MAX);
	const fg_titlemap *m = NULL;
	fg_status st = fg_searcher_titles(s, &m, err);
	if (st != FG_OK)
		return st;
	char *key = fg_rule_name(q ? q : "");
	size_t klen = strlen(key), nt = fg_titlemap_count(m), nc = 0;
	const char *full[ABBREV_MAX];
	char *abbr[ABBREV_MAX];
	size_t na = fg_abbrevs_prefixed(s->abbrevs, key, klen, full, ABBREV_MAX);
	for (size_t i = 0; i < na; i++)
		abbr[i] = fg_rule_name(full[i]);
	char *interp = interpretation_key(s->abbrevs, key);
	struct cand *v = fg_xcalloc(nt ? nt : 1, sizeof *v);
	for (size_t i = 0; klen && i < nt; i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		int by_abbr = 0;
		for (size_t k = 0; k < na && !by_abbr; k++)
			by_abbr = !strcmp(t->name, abbr[k]) || series_member(t->name, abbr[k]);
		if (!by_abbr && interp)
			by_abbr = strstr(t->name, interp) != NULL;
		const char *hit = strstr(t->name, key);
		if (by_abbr || hit)
			v[nc++] = (struct cand){t, by_abbr ? -1 : hit != t->name};
	}
	for (size_t i = 0; i < na; i++)
		free(abbr[i]);
	free(interp);
	free(key);
	if (nc > 1)
		qsort(v, nc, sizeof *v, cmp_cand);
	fg_suggestion *r = fg_xcalloc(limit, sizeof *r);
	size_t k = 0;
	for (size_t i = 0; i < nc && k < limit; i++) {
		if (same_name_before(v, i))
			continue; /* one entry per rule: its best version */
		r[k].id = fg_xstrdup(v[i].t->id);
		r[k].title = fg_xstrdup(v[i].t->title);
		r[k].level = fg_xstrdup(v[i].t->level);
		r[k].status = fg_xstrdup(v[i].t->status);
		k++;
	}
	free(v);
	*out = r;
	*n = k;
	return FG_OK;
}

struct common {
	const fg_titledoc *t;
	unsigned cited;
};

static int cmp_common(const void *a, const void *b)
{
	const struct common *x = a, *y = b;
	if (x->cited != y->cited)
		return x->cited > y->cited ? -1 : 1;
	return strcmp(x->t->name, y->t->name);
}

static int common_level(const char *level)
{
	return !strcmp(level, "法律") || !strcmp(level, "行政法规") || !strcmp(level, "司法解释");
}

fg_status fg_suggest_common(fg_searcher *s, unsigned limit, fg_suggestion **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	const fg_titlemap *m = NULL;
	fg_status st = fg_searcher_titles(s, &m, err);
	if (st != FG_OK)
		return st;
	size_t nt = fg_titlemap_count(m), nc = 0;
	struct common *v = fg_xcalloc(nt ? nt : 1, sizeof *v);
	fg_buf term = {0};
	for (size_t i = 0; i < nt; i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		if (strcmp(t->status, FG_STATUS_IN_FORCE) || !common_level(t->level) || !*t->name)
			continue;
		fg_term_field(&term, FG_PFX_CITES, t->name, strlen(t->name));
		v[nc++] = (struct common){t, fg_xdb_termfreq(s->db, term.data, term.len)};
	}
	fg_buf_free(&term);
	qsort(v, nc, sizeof *v, cmp_common);
	fg_suggestion *r = fg_xcalloc(limit ? limit : 1, sizeof *r);
	size_t k = 0;
	for (size_t i = 0; i < nc && k < limit && v[i].cited > 0; i++) {
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = !strcmp(r[j].title, v[i].t->title);
		if (dup)
			continue; /* parts of a code share their title */
		r[k].id = fg_xstrdup(v[i].t->id);
		r[k].title = fg_xstrdup(v[i].t->title);
		r[k].level = fg_xstrdup(v[i].t->level);
		r[k].status = fg_xstrdup(v[i].t->status);
		k++;
	}
	free(v);
	*out = r;
	*n = k;
	return FG_OK;
}

void fg_suggestions_free(fg_suggestion *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].level);
		free(v[i].status);
	}
	free(v);
}

char *fg_suggestions_json(const char *q, const fg_suggestion *v, size_t n)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "query", q);
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_new_object();
		fg_json_put(x, "id", v[i].id);
		fg_json_put(x, "title", v[i].title);
		fg_json_put(x, "level", v[i].level);
		fg_json_put(x, "status", v[i].status);
		json_object_array_add(a, x);
	}
	json_object_object_add(o, "suggestions", a);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* The code points of s into v (at most max); their count. */
static size_t code_points(const char *s, uint32_t *v, size_t max)
{
	size_t n = 0, len = strlen(s);
	for (size_t p = 0; p < len && n < max;) {
		size_t k = fg_utf8_decode(s + p, len - p, &v[n]);
		p += k ? k : 1;
		n++;
	}
	return n;
}

/* Whether a and b (code points) are one substitution, insertion or deletion apart. */
static int one_edit(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (na > nb)
		return one_edit(b, nb, a, na);
	if (nb - na > 1)
		return 0;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	if (na == nb)
		return i < na && !memcmp(a + i + 1, b + i + 1, (na - i - 1) * sizeof *a);
	return !memcmp(a + i, b + i + 1, (na - i) * sizeof *a);
}

char *fg_suggest_correction(fg_searcher *s, const char *q)
{
	const fg_titlemap *m = NULL;
	if (fg_searcher_titles(s, &m, NULL) != FG_OK)
		return NULL;
	char *key = fg_rule_name(q ? q : "");
	uint32_t kq[64], kt[64];
	size_t nq = code_points(key, kq, 64);
	free(key);
	if (nq < 3 || nq >= 64)
		return NULL; /* too short to tell a typo from another word */
	struct cand best = {NULL, 0};
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		size_t nt = code_points(t->name, kt, 64);
		if (nt == nq && !memcmp(kt, kq, nq * sizeof *kq))
			return NULL; /* the query is a rule name */
		struct cand c = {t, 0};
		if (nt < 64 && one_edit(kq, nq, kt, nt) && (!best.t || cmp_cand(&c, &best) < 0))
			best = c;
	}
	return best.t ? fg_xstrdup(best.t->title) : NULL;
}
