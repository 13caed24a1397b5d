/*
 * thesaurus.c - the colloquial-to-statute thesaurus for questions: a list of
 * everyday words (房东, 老公, 工资) and the words statutes use for the same
 * things (出租人, 配偶, 劳动报酬). A relaxed question that contains an
 * everyday word is also searched for its statute words (search.c), at a
 * lower weight. Entries are normalized on load and matched as substrings of
 * the normalized question; the list is small, so a linear scan is enough.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "base.h"

#define THESAURUS_MAX_BYTES (64u << 20) /* a word list: anything larger is a mistake */

struct entry {
	char *from;     /* everyday word, normalized */
	size_t len;
	char **to;      /* statute words, normalized */
	size_t nto;
};

struct fg_thesaurus {
	struct entry *v;
	size_t n;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Normalized copy of s[0..len) without surrounding spaces; NULL when empty. */
static char *norm_word(const char *s, size_t len, size_t *outlen)
{
	char *norm;
	size_t n, a = 0;
	fg_normalize(s, len, &norm, &n, NULL, NULL);
	while (a < n && is_space(norm[a]))
		a++;
	while (n > a && is_space(norm[n - 1]))
		n--;
	if (n == a) {
		free(norm);
		return NULL;
	}
	char *w = fg_xstrndup(norm + a, n - a);
	free(norm);
	*outlen = n - a;
	return w;
}

/* Split s[0..len) at any of the bytes in seps into normalized words, appended to *v. */
static void split_words(const char *s, size_t len, const char *seps, char ***v, size_t *n)
{
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && !strchr(seps, s[j]))
			j++;
		size_t wl;
		char *w = norm_word(s + i, j - i, &wl);
		if (w) {
			*v = fg_xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[(*n)++] = w;
		}
		i = j + 1;
	}
}

fg_thesaurus *fg_thesaurus_from_text(const char *text, size_t len)
{
	fg_thesaurus *th = fg_xcalloc(1, sizeof *th);
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *hash = memchr(text + i, '#', end - i);
		size_t stop = hash ? (size_t)(hash - text) : end;
		const char *tab = memchr(text + i, '\t', stop - i);
		if (tab) {
			char **from = NULL, **to = NULL;
			size_t nfrom = 0, nto = 0;
			split_words(text + i, (size_t)(tab - text) - i, ",", &from, &nfrom);
			split_words(tab + 1, stop - (size_t)(tab + 1 - text), ",\t", &to, &nto);
			for (size_t k = 0; k < nfrom; k++) {
				if (!nto) {
					free(from[k]);
					continue;
				}
				struct entry *e;
				th->v = fg_xrealloc(th->v, (th->n + 1) * sizeof *th->v);
				e = &th->v[th->n++];
				e->from = from[k];
				e->len = strlen(from[k]);
				e->to = fg_xcalloc(nto, sizeof *e->to);
				for (size_t t = 0; t < nto; t++)
					e->to[t] = fg_xstrdup(to[t]);
				e->nto = nto;
			}
			for (size_t t = 0; t < nto; t++)
				free(to[t]);
			free(from);
			free(to);
		}
		i = end + 1;
	}
	return th;
}

fg_status fg_thesaurus_load(const char *path, fg_thesaurus **out, fg_err *err)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, THESAURUS_MAX_BYTES, &text, &len, err);
	if (st != FG_OK)
		return st;
	*out = fg_thesaurus_from_text(text, len);
	free(text);
	return FG_OK;
}

void fg_thesaurus_free(fg_thesaurus *th)
{
	if (!th)
		return;
	for (size_t i = 0; i < th->n; i++) {
		free(th->v[i].from);
		for (size_t t = 0; t < th->v[i].nto; t++)
			free(th->v[i].to[t]);
		free(th->v[i].to);
	}
	free(th->v);
	free(th);
}

size_t fg_thesaurus_count(const fg_thesaurus *th)
{
	return th ? th->n : 0;
}

size_t fg_thesaurus_expand(const fg_thesaurus *th, const char *text, size_t len, fg_thesaurus_cb cb, void *ctx)
{
	if (!th || !th->n)
		return 0;
	char *norm;
	size_t nlen, calls = 0;
	fg_normalize(text, len, &norm, &nlen, NULL, NULL);
	for (size_t i = 0; i < th->n; i++) {
		const struct entry *e = &th->v[i];
		if (!memmem(norm, nlen, e->from, e->len))
			continue;
		for (size_t t = 0; t < e->nto; t++) {
			/* a statute word already in the question adds nothing */
			if (memmem(norm, nlen, e->to[t], strlen(e->to[t])))
				continue;
			cb(ctx, e->to[t], strlen(e->to[t]));
			calls++;
		}
	}
	free(norm);
	return calls;
}
