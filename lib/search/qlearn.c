/*
 * qlearn.c - a learned translation table for relaxed questions: pairs of a
 * question bigram and a statute bigram with a weight (data/learned.tsv,
 * made by tools/learn-assoc.py from questions and the articles that answer
 * them). The statute bigrams of a question's bigrams are summed per target,
 * the best few OR-ed into the relaxed question as body terms, like the
 * thesaurus words but learned rather than written.
 *
 * The table is process-wide and read once, on first use: $FAGUI_LEARNED
 * names it ("" = none), else data/learned.tsv found next to the program.
 */
#include "query.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LEARNED_MAX_BYTES (64u << 20) /* a table of term pairs: anything larger is a mistake */

struct pair {
	char *from; /* question bigram, normalized */
	char *to;   /* statute bigram, normalized */
	double w;
};

struct fg_learned {
	struct pair *v; /* sorted by from */
	size_t n;
};

static int pair_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->from, ((const struct pair *)b)->from);
}

/* Normalized copy of s[0..len); NULL when empty. */
static char *norm_term(const char *s, size_t len)
{
	char *norm;
	size_t n;
	fg_normalize(s, len, &norm, &n, NULL, NULL);
	if (!n) {
		free(norm);
		return NULL;
	}
	char *t = fg_xstrndup(norm, n);
	free(norm);
	return t;
}

fg_learned *fg_learned_from_text(const char *text, size_t len)
{
	fg_learned *l = fg_xcalloc(1, sizeof *l);
	size_t i = 0, cap = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *t1 = text[i] == '#' ? NULL : memchr(text + i, '\t', end - i);
		const char *t2 = t1 ? memchr(t1 + 1, '\t', end - (size_t)(t1 + 1 - text)) : NULL;
		if (t2) {
			char *from = norm_term(text + i, (size_t)(t1 - text) - i);
			char *to = norm_term(t1 + 1, (size_t)(t2 - t1 - 1));
			double w = strtod(t2 + 1, NULL);
			if (from && to && w > 0) {
				if (l->n == cap) { /* doubling: one realloc a pair would copy the table n times */
					cap = cap ? 2 * cap : 1024;
					l->v = fg_xrealloc(l->v, cap * sizeof *l->v);
				}
				l->v[l->n++] = (struct pair){from, to, w};
			} else {
				free(from);
				free(to);
			}
		}
		i = end + 1;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, pair_cmp);
	return l;
}

void fg_learned_free(fg_learned *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].from);
		free(l->v[i].to);
	}
	free(l->v);
	free(l);
}

size_t fg_learned_count(const fg_learned *l)
{
	return l ? l->n : 0;
}

static fg_learned *deflt;
static pthread_once_t deflt_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
	const char *env = getenv("FAGUI_LEARNED");
	char *path = env ? fg_xstrdup(env) : fg_data_path("learned.tsv");
	char *text = NULL;
	size_t len = 0;
	if (path && *path && fg_read_file(path, LEARNED_MAX_BYTES, &text, &len, NULL) == FG_OK)
		deflt = fg_learned_from_text(text, len); /* a missing or unreadable table only loses the terms */
	free(text);
	free(path);
}

const fg_learned *fg_learned_default(void)
{
	pthread_once(&deflt_once, load_default);
	return deflt;
}

/* The first pair whose from is key (len bytes), or l->n. */
static size_t lookup(const fg_learned *l, const char *key, size_t len)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(l->v[mid].from, key, len);
		if (c == 0 && l->v[mid].from[len])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && !strncmp(l->v[lo].from, key, len) && !l->v[lo].from[len] ? lo : l->n;
}

struct target {
	const char *to;
	double w;
};

static int target_cmp(const void *a, const void *b)
{
	const struct target *x = a, *y = b;
	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return strcmp(x->to, y->to);
}

static int is_question_token(const fg_qtok *toks, size_t n, const char *t)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(toks[i].text, t))
			return 1;
	return 0;
}

fg_xq *fg_query_learned(const fg_learned *l, const fg_qtok *toks, size_t n, const fg_relax_opts *o)
{
	if (!l || !l->n || o->learned <= 0 || o->learned_terms < 1)
		return NULL;
	struct target *tv = NULL;
	size_t nt = 0;
	for (size_t i = 0; i < n; i++) {
		if (toks[i].kind != FG_TK_BIGRAM)
			continue;
		for (size_t k = lookup(l, toks[i].text, toks[i].len); k < l->n && !strcmp(l->v[k].from, toks[i].text);
		     k++) {
			const struct pair *p = &l->v[k];
			if (is_question_token(toks, n, p->to))
				continue;
			size_t j = 0;
			while (j < nt && strcmp(tv[j].to, p->to))
				j++;
			if (j == nt) {
				tv = fg_xrealloc(tv, (nt + 1) * sizeof *tv);
				tv[nt++] = (struct target){p->to, 0};
			}
			tv[j].w += p->w;
		}
	}
	if (!nt) {
		free(tv);
		return NULL;
	}
	qsort(tv, nt, sizeof *tv, target_cmp);
	if (nt > (size_t)o->learned_terms)
		nt = (size_t)o->learned_terms;
	fg_xq **subs = fg_xcalloc(nt, sizeof *subs);
	for (size_t i = 0; i < nt; i++) {
		fg_xq *tq = fg_query_term(FG_QBODY, tv[i].to, strlen(tv[i].to));
		subs[i] = fg_xq_scale(tq, o->learned * tv[i].w / tv[0].w);
		fg_xq_free(tq);
	}
	fg_xq *q = fg_xq_or_take(subs, nt);
	free(tv);
	return q;
}
